//! The rule registry is well-formed: every rule has a unique id of the right form, its letter
//! matches the id, and titles, hints and doc sections are all there.

use std::collections::HashSet;

use goalsheet::rules::REGISTRY;

#[test]
fn every_rule_is_well_formed_and_unique() {
    assert!(!REGISTRY.is_empty());
    let mut seen = HashSet::new();
    for rule in REGISTRY {
        let info = rule.info();
        let id = info.id;
        let chars: Vec<char> = id.chars().collect();
        assert_eq!(chars.len(), 4, "{id}");
        assert!("SMARTEBD".contains(chars[0]), "{id}: letter");
        assert!(
            chars[1..].iter().all(|c| c.is_ascii_digit()),
            "{id}: digits"
        );
        assert_eq!(info.letter.as_char(), chars[0], "{id}: letter field");
        assert!(seen.insert(id), "{id} is listed twice");
        assert!(
            !info.name.is_empty() && !info.name.contains(' '),
            "{id}: name"
        );
        for (what, text) in [
            ("title_en", info.title_en),
            ("title_zh", info.title_zh),
            ("hint_en", info.hint_en),
            ("hint_zh", info.hint_zh),
        ] {
            assert!(!text.trim().is_empty(), "{id}: {what} empty");
        }
        for section in ["## What it checks", "## Why it matters", "## Example"] {
            assert!(info.doc.contains(section), "{id}: doc lacks {section}");
        }
        assert!(
            goalsheet::rules::find_rule(&id.to_lowercase()).is_some(),
            "{id}: find_rule"
        );
    }
}

#[test]
fn registry_is_in_catalogue_order() {
    let order = "SMARTEBD";
    let keys: Vec<(usize, &str)> = REGISTRY
        .iter()
        .map(|r| {
            let id = r.info().id;
            let letter = id.chars().next().and_then(|c| order.find(c)).unwrap_or(99);
            (letter, id)
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

/// Hints are shown to planners in the review workbook: they speak about the plan, never
/// about command-line flags, commands or configuration files.
#[test]
fn hints_speak_to_the_planner() {
    for rule in REGISTRY {
        let info = rule.info();
        for hint in [info.hint_en, info.hint_zh] {
            for tool_word in [
                "--",
                "goalsheet ",
                "goalsheet.toml",
                "[headers]",
                "[relevant]",
            ] {
                assert!(
                    !hint.contains(tool_word),
                    "{}: hint mentions {tool_word:?}: {hint}",
                    info.id
                );
            }
        }
    }
}
