//! Property: characters nobody sees change nothing. A plan whose owners, channels, product
//! lines, metrics, ids and parents (and its actions' goal ids) are written again with
//! zero-width spaces, word joiners, BOMs, soft hyphens, NBSP, ideographic spaces, trailing
//! spaces or full-width forms, read back from CSV or xlsx, gives the same rollups (every
//! grouping, every number, the budgets) and the same findings on the same cells.

use std::path::{Path, PathBuf};

use goalsheet::model::{Key, LoadOptions, load_plan};
use goalsheet::rollup::{GroupBy, Rollup, rollup};
use goalsheet::rules::check_plan;
use goalsheet::rules::hierarchy::name_key;
use goalsheet::{Config, Plan};
use proptest::prelude::*;

const OWNERS: [&str; 6] = ["李娜", "王芳", "Ann Lee", "Bo", "欧阳娜娜", ""];
const CHANNELS: [&str; 4] = ["线上", "Online", "Social Media", ""];
const LINES: [&str; 3] = ["美妆", "Skincare", ""];
/// (metric, unit)
const METRICS: [(&str, &str); 4] = [
    ("销售额", "万元"),
    ("Leads", ""),
    ("粉丝数", "人"),
    ("Conversion rate", "%"),
];

/// A generated goal: owner, channel, product line, metric, parent (an earlier goal), target,
/// quarters, budget, and whether an action points at it.
type GoalSpec = (
    usize,
    usize,
    usize,
    usize,
    Option<usize>,
    u32,
    [u32; 4],
    Option<u32>,
    bool,
);

fn goal_spec() -> impl Strategy<Value = GoalSpec> {
    (
        0..OWNERS.len(),
        0..CHANNELS.len(),
        0..LINES.len(),
        0..METRICS.len(),
        proptest::option::of(0usize..12),
        1u32..5_000,
        [1u32..900, 1u32..900, 1u32..900, 1u32..900],
        proptest::option::of(1u32..500),
        any::<bool>(),
    )
}

/// How one key cell is written again without changing what it says.
#[derive(Debug, Clone)]
enum Disguise {
    /// A character that shows nothing, inserted at a position (taken modulo the length).
    Invisible(char, usize),
    /// Leading whitespace.
    Before(char),
    /// Trailing whitespace.
    After(char),
    /// ASCII letters and digits in their full-width forms.
    FullWidth,
}

fn disguise() -> impl Strategy<Value = Disguise> {
    let invisible = prop::sample::select(vec![
        '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{FEFF}', '\u{00AD}', '\u{200E}',
    ]);
    let space = prop::sample::select(vec![' ', '\u{00A0}', '\u{3000}', '\u{2007}', '\u{202F}']);
    prop_oneof![
        (invisible, 0usize..16).prop_map(|(c, at)| Disguise::Invisible(c, at)),
        space.clone().prop_map(Disguise::Before),
        space.prop_map(Disguise::After),
        Just(Disguise::FullWidth),
    ]
}

fn apply(text: &str, how: &[Disguise]) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut out = text.to_string();
    for d in how {
        out = match d {
            Disguise::Invisible(c, at) => {
                let chars: Vec<char> = out.chars().collect();
                let at = at % (chars.len() + 1);
                chars[..at]
                    .iter()
                    .chain(std::iter::once(c))
                    .chain(&chars[at..])
                    .collect()
            }
            Disguise::Before(c) => format!("{c}{out}"),
            Disguise::After(c) => format!("{out}{c}"),
            Disguise::FullWidth => out
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        char::from_u32(c as u32 + 0xFEE0).unwrap_or(c)
                    } else {
                        c
                    }
                })
                .collect(),
        };
    }
    out
}

/// The cells of the goal sheet and of the action sheet; `disguises` is cycled over the key
/// cells (none for the plain plan).
fn sheets(specs: &[GoalSpec], disguises: &[Vec<Disguise>]) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    let mut next = 0usize;
    let mut key = |text: &str| -> String {
        if disguises.is_empty() {
            return text.to_string();
        }
        let how = &disguises[next % disguises.len()];
        next += 1;
        apply(text, how)
    };
    let mut goals = vec![
        [
            "ID",
            "Parent",
            "Key Result",
            "Metric",
            "Unit",
            "Target",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
            "Owner",
            "Channel",
            "Product Line",
            "Budget",
            "Due",
        ]
        .map(String::from)
        .to_vec(),
    ];
    let mut actions = vec![
        [
            "Action ID",
            "Goal ID",
            "Action",
            "Owner",
            "Start",
            "End",
            "Resources",
            "Budget",
        ]
        .map(String::from)
        .to_vec(),
    ];
    for (i, (owner, channel, line, metric, parent, target, quarters, budget, acted)) in
        specs.iter().enumerate()
    {
        let (metric, unit) = METRICS[*metric];
        let id = format!("KR{i}");
        let parent = parent
            .filter(|p| *p < i)
            .map(|p| format!("KR{p}"))
            .unwrap_or_default();
        let mut row = vec![
            key(&id),
            key(&parent),
            format!("Goal number {i} reaches its target"),
            key(metric),
            unit.to_string(),
            target.to_string(),
        ];
        row.extend(quarters.iter().map(u32::to_string));
        row.extend([
            key(OWNERS[*owner]),
            key(CHANNELS[*channel]),
            key(LINES[*line]),
            budget.map(|b| b.to_string()).unwrap_or_default(),
            "2026-12-31".to_string(),
        ]);
        goals.push(row);
        if *acted {
            actions.push(vec![
                format!("A{i}"),
                key(&id),
                format!("Campaign {i}"),
                "Ann Lee".to_string(),
                "2026-03-01".to_string(),
                "2026-06-30".to_string(),
                "Agency".to_string(),
                (i * 10 + 5).to_string(),
            ]);
        }
    }
    (goals, actions)
}

fn write_csv(path: &Path, rows: &[Vec<String>]) {
    let mut w = csv::Writer::from_path(path).expect("csv");
    for r in rows {
        w.write_record(r).expect("record");
    }
    w.flush().expect("flush");
}

fn write_xlsx(path: &Path, goals: &[Vec<String>], actions: &[Vec<String>]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, rows) in [("Goals", goals), ("Action Plan", actions)] {
        let ws = wb.add_worksheet();
        ws.set_name(name).expect("name");
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                if v.is_empty() {
                    continue;
                }
                // Numbers as numbers, as a spreadsheet holds them.
                match v.parse::<f64>() {
                    Ok(x) if r > 0 => ws.write_number(r as u32, c as u16, x),
                    _ => ws.write_string(r as u32, c as u16, v),
                }
                .expect("write");
            }
        }
    }
    wb.save(path).expect("save");
}

fn load(dir: &Path, xlsx: bool, goals: &[Vec<String>], actions: &[Vec<String>]) -> Plan {
    let path: PathBuf = if xlsx {
        let p = dir.join("plan.xlsx");
        write_xlsx(&p, goals, actions);
        p
    } else {
        let p = dir.join("plan.csv");
        write_csv(&p, goals);
        p
    };
    load_plan(&path, &LoadOptions::default()).expect("a plan")
}

/// A rollup with its keys, metrics and units as compared: what must not change.
fn compared(r: &Rollup) -> Vec<String> {
    let mut out: Vec<String> = r
        .rows
        .iter()
        .map(|row| {
            let keys: Vec<String> = row.keys.iter().map(|k| Key::new(k).into_string()).collect();
            format!(
                "{keys:?} {} {} {:?} {:?} {:?} {} {}",
                name_key(&row.metric),
                name_key(&row.unit),
                row.aggregation,
                row.quarters,
                row.year,
                row.goals,
                row.mean_of_goals
            )
        })
        .collect();
    out.extend(r.budget.iter().map(|b| {
        let keys: Vec<String> = b.keys.iter().map(|k| Key::new(k).into_string()).collect();
        format!("budget {keys:?} {:?} {:?}", b.budget, b.planned)
    }));
    out.push(format!("skipped {}", r.skipped));
    out
}

fn groupings() -> Vec<Vec<GroupBy>> {
    vec![
        vec![],
        vec![GroupBy::Owner],
        vec![GroupBy::Channel],
        vec![GroupBy::ProductLine],
        vec![GroupBy::Parent],
        vec![GroupBy::Owner, GroupBy::Channel],
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn invisible_differences_in_keys_change_no_rollup_and_no_finding(
        specs in prop::collection::vec(goal_spec(), 2..12),
        disguises in prop::collection::vec(prop::collection::vec(disguise(), 1..4), 1..9),
        xlsx in any::<bool>(),
    ) {
        let config = Config::default();
        let plain_dir = tempfile::tempdir().expect("dir");
        let disguised_dir = tempfile::tempdir().expect("dir");
        let (goals, actions) = sheets(&specs, &[]);
        let plain = load(plain_dir.path(), xlsx, &goals, &actions);
        let (goals2, actions2) = sheets(&specs, &disguises);
        let disguised = load(disguised_dir.path(), xlsx, &goals2, &actions2);
        prop_assert_eq!(plain.goals.len(), specs.len());
        prop_assert_eq!(disguised.goals.len(), specs.len());
        for by in groupings() {
            let a = compared(&rollup(&plain, &config, &by));
            let b = compared(&rollup(&disguised, &config, &by));
            prop_assert_eq!(a, b, "by {:?}", by);
        }
        let cells = |plan: &Plan| -> Vec<(String, String, Option<String>)> {
            check_plan(plan, &config, plan.lang)
                .into_iter()
                .map(|f| (f.rule.to_string(), f.sheet, f.cell.map(|c| c.a1())))
                .collect()
        };
        prop_assert_eq!(cells(&plain), cells(&disguised));
    }
}

#[test]
fn the_disguises_really_change_the_text() {
    // The property is only worth something if the disguised cells differ from the plain ones.
    let how = [
        Disguise::Invisible('\u{200B}', 1),
        Disguise::After('\u{3000}'),
        Disguise::FullWidth,
    ];
    assert_eq!(apply("KR1", &how), "Ｋ\u{200B}Ｒ１\u{3000}");
    assert_ne!(apply("李娜", &how[..1]), "李娜");
    assert_eq!(Key::new(&apply("李娜", &how)), Key::new("李娜"));
}
