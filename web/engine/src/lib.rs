//! goalsheet's engine for the web page, compiled to WebAssembly: every function takes the
//! file's bytes from the page and returns JSON or bytes to it. Nothing here reads a file,
//! starts a thread, reads the clock or opens a connection: the plan never leaves the
//! browser.
//!
//! The JSON is the CLI's: `check` is `goalsheet check --format json`'s document, the
//! rollups are `goalsheet rollup --format json`'s, so the page shows the CLI's numbers.

use std::collections::HashSet;
use std::io::Write;

use goalsheet::engine::{self, Checked, Options};
use goalsheet::model::{Lang, LoadOptions, Plan};
use goalsheet::rules::{Letter, find_rule};
use goalsheet::write::findings::{FileFindings, explain_text, findings_json, rules_json};
use goalsheet::write::rollup::rollup_json;
use serde_json::{Value, json};
use wasm_bindgen::prelude::*;

/// A reviewed plan: the workbook's bytes and the page's JSON.
#[wasm_bindgen]
pub struct Reviewed {
    workbook: Vec<u8>,
    json: String,
}

#[wasm_bindgen]
impl Reviewed {
    /// The review workbook (xlsx): what `goalsheet review` writes (byte for byte below
    /// `STREAM_ABOVE_CELLS`, the same cells above it).
    #[wasm_bindgen(getter)]
    pub fn workbook(&self) -> Vec<u8> {
        self.workbook.clone()
    }
    /// `{"check": <check --format json>, "summary": {...}, "by_owner": <rollup json>,
    /// "by_channel": <rollup json>, "lang": "en"|"zh"}`.
    #[wasm_bindgen(getter)]
    pub fn json(&self) -> String {
        self.json.clone()
    }
}

fn options(lang: Option<String>, as_of: &str) -> Result<Options, JsError> {
    let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d")
        .map_err(|_| JsError::new(&format!("`{as_of}` is not a date (YYYY-MM-DD)")))?;
    Ok(Options {
        load: LoadOptions::default(),
        lang: lang.filter(|l| !l.is_empty()),
        as_of,
    })
}

fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "en",
        Lang::Zh => "zh",
    }
}

/// The one-line reason the CLI prints after `goalsheet: `.
fn reason(e: goalsheet::Error) -> JsError {
    JsError::new(&format!("{e:#}"))
}

fn file_findings(name: &str, checked: Checked) -> FileFindings {
    FileFindings {
        file: name.to_string(),
        sheet: checked.plan.sheet.clone(),
        goals: checked.plan.goals.len(),
        values: checked.plan.cell_texts(),
        findings: checked.findings,
    }
}

/// Goals, owners, channels and findings per SMART letter, as the review's Summary sheet
/// counts them (owners and channels as distinct keys).
fn summary(plan: &Plan, files: &FileFindings) -> Value {
    let distinct = |f: &dyn Fn(&goalsheet::model::Goal) -> &goalsheet::model::Text| {
        plan.goals
            .iter()
            .filter_map(|g| f(g).key())
            .map(|k| k.loose())
            .collect::<HashSet<_>>()
            .len()
    };
    let letters: Vec<Value> = Letter::SMART
        .iter()
        .map(|l| {
            let c = l.as_char().to_string();
            let of = |sev: &str| {
                files
                    .findings
                    .iter()
                    .filter(|f| f.letter == *l && f.severity.name() == sev)
                    .count()
            };
            json!({
                "letter": c,
                "title_en": l.title(Lang::En),
                "title_zh": l.title(Lang::Zh),
                "errors": of("error"),
                "warnings": of("warning"),
                "infos": of("info"),
            })
        })
        .collect();
    json!({
        "goals": plan.goals.len(),
        "owners": distinct(&|g| &g.owner),
        "channels": distinct(&|g| &g.channel),
        "plan_lang": lang_code(plan.lang),
        "by_letter": letters,
    })
}

/// Review one plan: `name` is the file's name (its extension picks the format), `lang` is
/// `"en"`, `"zh"` or empty for the plan's own, `as_of` is `YYYY-MM-DD`.
///
/// # Errors
/// The CLI's one-line reason when the file cannot be read or reviewed.
#[wasm_bindgen]
pub fn review(
    bytes: Vec<u8>,
    name: &str,
    lang: Option<String>,
    as_of: &str,
) -> Result<Reviewed, JsError> {
    let opts = options(lang, as_of)?;
    let (workbook, analysis) = engine::review(bytes, name, &opts).map_err(reason)?;
    let checked = Checked {
        plan: analysis.plan.clone(),
        findings: analysis.findings.clone(),
        lang: analysis.lang,
    };
    let plan = analysis.plan.clone();
    let files = file_findings(name, checked);
    let json = json!({
        "lang": lang_code(analysis.lang),
        "summary": summary(&plan, &files),
        "check": findings_json(std::slice::from_ref(&files)),
        "by_owner": rollup_json(name, &analysis.by_owner),
        "by_channel": rollup_json(name, &analysis.by_channel),
    });
    Ok(Reviewed {
        workbook,
        json: json.to_string(),
    })
}

/// Check one plan: `goalsheet check --format json`'s document for it.
///
/// # Errors
/// The CLI's one-line reason when the file cannot be read.
#[wasm_bindgen]
pub fn check(bytes: Vec<u8>, name: &str, lang: Option<String>) -> Result<String, JsError> {
    let opts = options(lang, "2000-01-01")?;
    let checked = engine::check(bytes, name, &opts).map_err(reason)?;
    Ok(findings_json(&[file_findings(name, checked)]).to_string())
}

/// One rule explained, as `goalsheet explain ID --lang LANG` prints it.
///
/// # Errors
/// When there is no such rule.
#[wasm_bindgen]
pub fn explain(id: &str, lang: &str) -> Result<String, JsError> {
    let rule = find_rule(id)
        .ok_or_else(|| JsError::new(&format!("no rule `{id}` (goalsheet rules lists them)")))?;
    Ok(explain_text(
        rule.info(),
        Lang::from_code(lang).unwrap_or_default(),
    ))
}

/// The rule catalogue (`goalsheet rules --format json`).
#[wasm_bindgen]
pub fn rules() -> String {
    rules_json().to_string()
}

/// Several files in one zip (stored under their names, in order; a repeated name gets
/// ` (2)`, ` (3)` … before its extension). `names` and the concatenated `bytes` are cut at
/// `lengths`.
///
/// # Errors
/// When the lengths do not add up or the zip cannot be written.
#[wasm_bindgen]
pub fn zip_files(
    names: Vec<String>,
    lengths: Vec<u32>,
    bytes: Vec<u8>,
) -> Result<Vec<u8>, JsError> {
    if names.len() != lengths.len() {
        return Err(JsError::new("names and lengths differ in number"));
    }
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    // Workbooks are already deflated: stored, with a fixed date, so the zip is reproducible.
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default());
    let mut seen = HashSet::new();
    let mut at = 0usize;
    for (name, len) in names.iter().zip(&lengths) {
        let end = at
            .checked_add(*len as usize)
            .filter(|end| *end <= bytes.len())
            .ok_or_else(|| JsError::new("lengths run past the bytes"))?;
        let part = bytes.get(at..end).unwrap_or_default();
        at = end;
        let unique = unique_name(name, &mut seen);
        out.start_file(unique, options)
            .map_err(|e| JsError::new(&e.to_string()))?;
        out.write_all(part)
            .map_err(|e| JsError::new(&e.to_string()))?;
    }
    let cursor = out.finish().map_err(|e| JsError::new(&e.to_string()))?;
    Ok(cursor.into_inner())
}

fn unique_name(name: &str, seen: &mut HashSet<String>) -> String {
    let mut candidate = name.to_string();
    let (stem, ext) = match name.rfind('.') {
        Some(dot) => (&name[..dot], &name[dot..]),
        None => (name, ""),
    };
    let mut n = 2;
    while !seen.insert(candidate.to_lowercase()) {
        candidate = format!("{stem} ({n}){ext}");
        n += 1;
    }
    candidate
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_names_are_told_apart() {
        let mut seen = HashSet::new();
        assert_eq!(unique_name("a.xlsx", &mut seen), "a.xlsx");
        assert_eq!(unique_name("A.xlsx", &mut seen), "A (2).xlsx");
        assert_eq!(unique_name("a.xlsx", &mut seen), "a (3).xlsx");
        assert_eq!(unique_name("plan", &mut seen), "plan");
    }
}
