//! Findings writers: compiler-style text, the `check` JSON shape (DESIGN §6) and CSV; and the
//! rule catalogue (`goalsheet rules`, `goalsheet explain ID`). Every writer returns a value;
//! the library never prints.
//!
//! ```
//! use goalsheet::write::findings::{FileFindings, findings_text};
//! let files = [FileFindings { file: "plan.xlsx".into(), sheet: "目标分解".into(), goals: 3,
//!     findings: vec![], values: Default::default() }];
//! assert_eq!(findings_text(&files, false), "plan.xlsx (3 goals): 0 errors, 0 warnings, 0 infos\n");
//! ```

use serde_json::{Value, json};

use crate::model::{CellPos, Lang};
use crate::rules::{Finding, Letter, REGISTRY, RuleInfo, Severity, Summary};

/// The findings of one checked file.
#[derive(Debug, Clone, PartialEq)]
pub struct FileFindings {
    /// The file as given on the command line.
    pub file: String,
    /// The goal sheet's name.
    pub sheet: String,
    /// How many goals were checked.
    pub goals: usize,
    pub findings: Vec<Finding>,
    /// The text of the cells the findings point at ([`crate::model::Plan::cell_texts`]),
    /// shown beside each finding; empty to show none.
    pub values: std::collections::HashMap<(String, CellPos), String>,
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";

fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "\x1b[1;31m",
        Severity::Warning => "\x1b[1;33m",
        Severity::Info => "\x1b[1;34m",
    }
}

/// `text` wrapped in an ANSI style when `color` is on.
fn paint(text: &str, style: &str, color: bool) -> String {
    if color {
        format!("{style}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// Findings for people, compiler style:
///
/// ```text
/// plan.xlsx:目标分解!I5: error[M005] goal KR1.2: quarters sum to 1,150 but …
///   --> goal KR1.2 · target
///   = help: Make Q1–Q4 add up to the annual target …
/// ```
///
/// then one summary line per file (`plan.xlsx (15 goals): 3 errors, 5 warnings, 2 infos`).
/// ANSI colours only when `color` is true.
pub fn findings_text(files: &[FileFindings], color: bool) -> String {
    let mut out = String::new();
    for file in files {
        for f in &file.findings {
            // Every text from the file is escaped: a cell cannot drive the terminal.
            let safe = |t: &str| super::terminal_safe(t, false).into_owned();
            let location = match f.cell {
                Some(cell) => format!("{}:{}!{}", safe(&file.file), safe(&f.sheet), cell.a1()),
                None => format!("{}:{}", safe(&file.file), safe(&f.sheet)),
            };
            out.push_str(&paint(&location, BOLD, color));
            out.push_str(": ");
            out.push_str(&paint(
                f.severity.name(),
                severity_colour(f.severity),
                color,
            ));
            out.push('[');
            out.push_str(&paint(f.rule, BOLD, color));
            out.push_str("] ");
            out.push_str(&safe(&f.message));
            out.push('\n');
            if let Some(pointer) = pointer(f, &file.values) {
                let pointer = safe(&pointer);
                out.push_str(&format!("  {} {pointer}\n", paint("-->", BOLD, color)));
            }
            if !f.hint.is_empty() {
                let hint = safe(&f.hint);
                out.push_str(&format!("  = {} {hint}\n", paint("help:", BOLD, color)));
            }
            out.push('\n');
        }
        let s = Summary::of(&file.findings);
        let line = format!(
            "{} ({}): {}\n",
            super::terminal_safe(&file.file, false),
            super::count(file.goals, "goal", "goals"),
            super::findings_count(&s),
        );
        out.push_str(&line);
    }
    out
}

/// What the finding is about and what the cell holds: `goal KR1.2 · target = 20000`,
/// `action A3 · owner = (blank)`, `row 5 · owner`.
fn pointer(
    f: &Finding,
    values: &std::collections::HashMap<(String, CellPos), String>,
) -> Option<String> {
    let subject = match (&f.action, &f.goal, f.cell) {
        (Some(action), _, _) => format!("action {action}"),
        (None, Some(goal), _) => format!("goal {goal}"),
        (None, None, Some(cell)) => format!("row {}", cell.row + 1),
        (None, None, None) => return None,
    };
    let shown = f
        .cell
        .and_then(|cell| values.get(&(f.sheet.clone(), cell)))
        .map(|raw| {
            let raw = raw.trim();
            if raw.is_empty() {
                " = (blank)".to_string()
            } else {
                let cut: String = raw.chars().take(60).collect();
                let more = if raw.chars().count() > 60 { "…" } else { "" };
                format!(" = {cut}{more}")
            }
        })
        .unwrap_or_default();
    Some(match f.field {
        Some(field) => format!("{subject} · {field}{shown}"),
        None => subject,
    })
}

fn finding_json(f: &Finding) -> Value {
    json!({
        "rule": f.rule,
        "letter": f.letter.as_char().to_string(),
        "severity": f.severity.name(),
        "sheet": f.sheet,
        "cell": f.cell.map(|c| c.a1()),
        "row": f.cell.map(|c| c.row + 1),
        "column": f.cell.map(|c| CellPos::column_letters(c.col)),
        "field": f.field,
        "goal": f.goal,
        "action": f.action,
        "message": f.message,
        "hint": f.hint,
    })
}

/// The `check --format json` document (DESIGN §6): `{"files": [{"file", "sheet", "goals",
/// "findings": [...], "summary": {"errors", "warnings", "infos"}}]}`. Rows are 1-based;
/// a plan-level finding has `cell`, `row`, `column` and `goal` null.
pub fn findings_json(files: &[FileFindings]) -> Value {
    let files: Vec<Value> = files
        .iter()
        .map(|file| {
            let s = Summary::of(&file.findings);
            json!({
                "file": file.file,
                "sheet": file.sheet,
                "goals": file.goals,
                "findings": file.findings.iter().map(finding_json).collect::<Vec<_>>(),
                "summary": {"errors": s.errors, "warnings": s.warnings, "infos": s.infos},
            })
        })
        .collect();
    json!({ "files": files })
}

/// One finding in the `check` JSON shape, borrowed from the [`Finding`] (field order as in
/// [`findings_json`], so both print the same document).
#[derive(serde::Serialize)]
struct FindingOut<'a> {
    rule: &'a str,
    letter: char,
    severity: &'a str,
    sheet: &'a str,
    cell: Option<String>,
    row: Option<u32>,
    column: Option<String>,
    field: Option<&'a str>,
    goal: Option<&'a str>,
    action: Option<&'a str>,
    message: &'a str,
    hint: &'a str,
}

/// The findings of one file, borrowed; serialised lazily, one finding at a time.
struct FindingsOut<'a>(&'a [Finding]);

impl serde::Serialize for FindingsOut<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.0.iter().map(|f| FindingOut {
            rule: f.rule,
            letter: f.letter.as_char(),
            severity: f.severity.name(),
            sheet: &f.sheet,
            cell: f.cell.map(|c| c.a1()),
            row: f.cell.map(|c| c.row + 1),
            column: f.cell.map(|c| CellPos::column_letters(c.col)),
            field: f.field,
            goal: f.goal.as_deref(),
            action: f.action.as_deref(),
            message: &f.message,
            hint: &f.hint,
        }))
    }
}

#[derive(serde::Serialize)]
struct SummaryOut {
    errors: usize,
    warnings: usize,
    infos: usize,
}

#[derive(serde::Serialize)]
struct FileOut<'a> {
    file: &'a str,
    sheet: &'a str,
    goals: usize,
    findings: FindingsOut<'a>,
    summary: SummaryOut,
}

#[derive(serde::Serialize)]
struct FilesOut<'a> {
    files: Vec<FileOut<'a>>,
}

/// [`findings_json`] printed pretty (two-space indent) with a final newline — the same text
/// as `format!("{:#}\n", findings_json(files))`, streamed from the findings without
/// building a JSON tree, for large plans.
pub fn findings_json_pretty(files: &[FileFindings]) -> String {
    let doc = FilesOut {
        files: files
            .iter()
            .map(|file| {
                let s = Summary::of(&file.findings);
                FileOut {
                    file: &file.file,
                    sheet: &file.sheet,
                    goals: file.goals,
                    findings: FindingsOut(&file.findings),
                    summary: SummaryOut {
                        errors: s.errors,
                        warnings: s.warnings,
                        infos: s.infos,
                    },
                }
            })
            .collect(),
    };
    // About 400 bytes per finding pretty-printed.
    let size: usize = files.iter().map(|f| f.findings.len()).sum::<usize>() * 400 + 256;
    let mut out = Vec::with_capacity(size);
    // Serialising borrowed strings and numbers into a Vec cannot fail.
    if serde_json::to_writer_pretty(&mut out, &doc).is_err() {
        return format!("{:#}\n", findings_json(files));
    }
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_else(|_| format!("{:#}\n", findings_json(files)))
}

/// The findings as CSV (UTF-8 with a BOM), one row per finding: `file,sheet,cell,row,column,severity,rule,
/// letter,field,goal,action,message,hint`. Cells starting with `= + - @` are neutralised.
pub fn findings_csv(files: &[FileFindings]) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let mut ok = w
        .write_record([
            "file", "sheet", "cell", "row", "column", "severity", "rule", "letter", "field",
            "goal", "action", "message", "hint",
        ])
        .is_ok();
    for file in files {
        for f in &file.findings {
            let record = [
                file.file.clone(),
                f.sheet.clone(),
                f.cell.map(|c| c.a1()).unwrap_or_default(),
                f.cell.map(|c| (c.row + 1).to_string()).unwrap_or_default(),
                f.cell
                    .map(|c| CellPos::column_letters(c.col))
                    .unwrap_or_default(),
                f.severity.name().to_string(),
                f.rule.to_string(),
                f.letter.as_char().to_string(),
                f.field.unwrap_or_default().to_string(),
                f.goal.clone().unwrap_or_default(),
                f.action.clone().unwrap_or_default(),
                f.message.clone(),
                f.hint.clone(),
            ];
            ok &= w
                .write_record(
                    record
                        .iter()
                        .map(|s| super::neutralise_formula(s).into_owned()),
                )
                .is_ok();
        }
    }
    // Writing into memory cannot fail; an empty string would only hide a csv crate bug.
    let bytes = match w.into_inner() {
        Ok(bytes) if ok => bytes,
        _ => Vec::new(),
    };
    format!("{}{}", super::UTF8_BOM, String::from_utf8_lossy(&bytes))
}

/// The rule catalogue for people: rules grouped by letter, one line each
/// (`  M005  error    quarters-reconcile   Quarterly targets do not reconcile …`).
pub fn rules_text(lang: Lang) -> String {
    let mut out = String::new();
    let mut current: Option<Letter> = None;
    let name_width = REGISTRY
        .iter()
        .map(|r| r.info().name.len())
        .max()
        .unwrap_or(0);
    for rule in REGISTRY {
        let info = rule.info();
        if current != Some(info.letter) {
            if current.is_some() {
                out.push('\n');
            }
            out.push_str(&format!(
                "{} — {}\n",
                info.letter.as_char(),
                info.letter.title(lang)
            ));
            current = Some(info.letter);
        }
        out.push_str(&format!(
            "  {}  {:<7}  {:<name_width$}  {}\n",
            info.id,
            info.severity.name(),
            info.name,
            lang.pick(info.title_en, info.title_zh),
        ));
    }
    out
}

/// The rule catalogue as JSON: `[{"id", "name", "letter", "severity", "title_en", "title_zh",
/// "hint_en", "hint_zh"}]`, in catalogue order.
pub fn rules_json() -> Value {
    Value::Array(
        REGISTRY
            .iter()
            .map(|r| {
                let i = r.info();
                json!({
                    "id": i.id,
                    "name": i.name,
                    "letter": i.letter.as_char().to_string(),
                    "severity": i.severity.name(),
                    "title_en": i.title_en,
                    "title_zh": i.title_zh,
                    "hint_en": i.hint_en,
                    "hint_zh": i.hint_zh,
                })
            })
            .collect(),
    )
}

/// One rule explained (`goalsheet explain ID`): id and name, title, the letter and its
/// meaning, the default severity, the doc text (what it checks, why it matters, an example)
/// and the hint — all in `lang` (the Chinese text from [`RuleInfo::doc_zh`]).
pub fn explain_text(rule: &RuleInfo, lang: Lang) -> String {
    let letter = rule.letter.as_char();
    match lang {
        Lang::En => format!(
            "{} {}: {}\nLetter: {letter} ({})\nDefault severity: {}\n\n{}\n\nHint: {}\n",
            rule.id,
            rule.name,
            rule.title_en,
            rule.letter.title(Lang::En),
            rule.severity.name(),
            rule.doc.trim_end(),
            rule.hint_en
        ),
        Lang::Zh => format!(
            "{} {}：{}\n字母：{letter}（{}）\n默认级别：{}\n\n{}\n\n修改建议：{}\n",
            rule.id,
            rule.name,
            rule.title_zh,
            rule.letter.title(Lang::Zh),
            rule.severity.title(Lang::Zh),
            rule.doc_zh.trim_end(),
            rule.hint_zh
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Field, Plan};
    use crate::rules::test_support::*;
    use crate::rules::{check_plan, find_rule};

    /// A small plan with a few typical problems (plus one plan-level finding).
    fn sample_plan() -> Plan {
        let mut plan = plan_with(&[
            Field::Id,
            Field::Objective,
            Field::KeyResult,
            Field::Metric,
            Field::Unit,
            Field::Baseline,
            Field::Target,
            Field::Q1,
            Field::Q2,
            Field::Q3,
            Field::Q4,
            Field::Owner,
        ]);
        plan.goals = vec![
            goal(&plan, 3)
                .text(Field::Id, "KR1.1")
                .text(Field::Objective, "线上增长")
                .text(Field::KeyResult, "进一步提升线上销售额")
                .text(Field::Metric, "线上销售额")
                .text(Field::Unit, "万元")
                .num(Field::Baseline, 900.0)
                .num(Field::Target, 1200.0)
                .quarters([250.0, 300.0, 250.0, 350.0])
                .text(Field::Owner, "张三")
                .build(),
            goal(&plan, 4)
                .text(Field::Id, "KR1.2")
                .text(Field::Objective, "线上增长")
                .text(Field::KeyResult, "大幅提升品牌影响力")
                .build(),
            goal(&plan, 5)
                .text(Field::Id, "KR1.3")
                .text(Field::KeyResult, "转化率达到 120%")
                .text(Field::Metric, "转化率")
                .text(Field::Unit, "%")
                .pct(Field::Baseline, 0.03)
                .pct(Field::Target, 1.2)
                .text(Field::Owner, "李四")
                .build(),
        ];
        plan
    }

    fn sample_files(lang: Lang) -> Vec<FileFindings> {
        let plan = sample_plan();
        let config = crate::Config::default();
        let mut findings = check_plan(&plan, &config, lang);
        // Only the S, M and A rules, so the snapshots do not move when other rules are added.
        findings.retain(|f| f.rule.starts_with(['S', 'M', 'A']));
        let ctx = crate::rules::Context::new(&plan, &config, lang);
        let info = find_rule("M007").map(|r| r.info());
        if let Some(info) = info {
            // a plan-level finding, as rules like B003 or D004 make
            findings.insert(0, ctx.plan_finding(info, "plan-level example".into()));
        }
        vec![FileFindings {
            file: plan.file.clone(),
            sheet: plan.sheet.clone(),
            goals: plan.goals.len(),
            findings,
            values: plan.cell_texts(),
        }]
    }

    #[test]
    fn streamed_json_is_the_tree_json_printed_pretty() {
        for lang in [Lang::En, Lang::Zh] {
            let files = sample_files(lang);
            assert!(
                files[0].findings.len() > 3,
                "the sample has findings to print"
            );
            assert_eq!(
                findings_json_pretty(&files),
                format!("{:#}\n", findings_json(&files))
            );
        }
        // No files, and a file without findings.
        assert_eq!(
            findings_json_pretty(&[]),
            format!("{:#}\n", findings_json(&[]))
        );
        let mut empty = sample_files(Lang::En);
        empty[0].findings.clear();
        assert_eq!(
            findings_json_pretty(&empty),
            format!("{:#}\n", findings_json(&empty))
        );
    }

    #[test]
    fn cell_texts_at_keeps_only_the_wanted_cells() {
        let files = sample_files(Lang::Zh);
        let plan_texts = &files[0].values;
        let wanted: Vec<(String, CellPos)> = files[0]
            .findings
            .iter()
            .filter_map(|f| f.cell.map(|c| (f.sheet.clone(), c)))
            .collect();
        let plan = sample_plan();
        let some = plan.cell_texts_at(wanted.iter().map(|(s, c)| (s.as_str(), *c)));
        assert!(!some.is_empty());
        assert!(some.len() < plan_texts.len());
        for (key, text) in &some {
            assert!(wanted.contains(key));
            assert_eq!(plan_texts.get(key), Some(text));
        }
        // Every wanted cell the plan read is there.
        for key in &wanted {
            assert_eq!(some.get(key), plan_texts.get(key));
        }
        // The text report reads the same from the few texts as from all of them.
        let mut few = files.clone();
        few[0].values = some;
        assert_eq!(findings_text(&few, false), findings_text(&files, false));
    }

    #[test]
    fn text_snapshot_en() {
        insta::assert_snapshot!(findings_text(&sample_files(Lang::En), false));
    }

    #[test]
    fn text_snapshot_zh() {
        insta::assert_snapshot!(findings_text(&sample_files(Lang::Zh), false));
    }

    #[test]
    fn text_colours_only_when_asked() {
        let files = sample_files(Lang::En);
        let plain = findings_text(&files, false);
        assert!(!plain.contains('\x1b'));
        let coloured = findings_text(&files, true);
        assert!(coloured.contains("\x1b[1;31merror\x1b[0m"));
        assert!(coloured.contains("\x1b[1;33mwarning\x1b[0m"));
        assert!(coloured.contains("\x1b[1;34minfo\x1b[0m"));
        assert!(coloured.contains("[\x1b[1mM005\x1b[0m]"));
    }

    #[test]
    fn json_has_the_check_shape() {
        let files = sample_files(Lang::En);
        let doc = findings_json(&files);
        let file = &doc["files"][0];
        assert_eq!(file["file"], "plan.xlsx");
        assert_eq!(file["sheet"], "目标分解");
        assert_eq!(file["goals"], 3);
        let findings = file["findings"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or(&[]);
        assert!(findings.len() > 3);
        for f in findings {
            let obj = f
                .as_object()
                .unwrap_or_else(|| panic!("not an object: {f}"));
            assert_eq!(obj.len(), 12, "{f}");
            for key in ["rule", "letter", "severity", "sheet", "message", "hint"] {
                assert!(obj[key].is_string(), "{key} in {f}");
            }
            for key in ["cell", "column", "field", "goal", "action"] {
                assert!(obj[key].is_string() || obj[key].is_null(), "{key} in {f}");
            }
            assert!(obj["row"].is_u64() || obj["row"].is_null(), "{f}");
        }
        // plan-level: row, cell, column, goal null
        let plan_level = &findings[0];
        assert_eq!(plan_level["rule"], "M007");
        for key in ["row", "cell", "column", "goal", "field", "action"] {
            assert!(plan_level[key].is_null(), "{key}: {plan_level}");
        }
        // a cell finding: 1-based row, column letters
        let m005 = findings
            .iter()
            .find(|f| f["rule"] == "M005")
            .unwrap_or_else(|| panic!("no M005 in {doc}"));
        assert_eq!(m005["cell"], "G3");
        assert_eq!(m005["row"], 3);
        assert_eq!(m005["column"], "G");
        assert_eq!(m005["field"], "target");
        assert_eq!(m005["goal"], "KR1.1");
        assert_eq!(m005["letter"], "M");
        assert_eq!(m005["severity"], "error");
        let s = Summary::of(&files[0].findings);
        assert_eq!(file["summary"]["errors"], s.errors);
        assert_eq!(file["summary"]["warnings"], s.warnings);
        assert_eq!(file["summary"]["infos"], s.infos);
        assert!(file["summary"]["errors"].as_u64().is_some_and(|n| n > 0));
    }

    #[test]
    fn csv_has_the_header_and_neutralises_formulas() {
        let mut files = sample_files(Lang::En);
        files[0].findings[0].message = "=HYPERLINK(\"x\")".into();
        files[0].findings[0].hint = "-1 is fine".into();
        let csv = findings_csv(&files);
        let csv = csv.strip_prefix('\u{feff}').expect("UTF-8 with a BOM");
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("file,sheet,cell,row,column,severity,rule,letter,field,goal,action,message,hint")
        );
        let first = lines.next().unwrap_or_default();
        assert!(first.contains("'=HYPERLINK"), "{first}");
        assert!(first.contains("'-1 is fine"), "{first}");
        assert!(
            first.starts_with("plan.xlsx,目标分解,,,,warning,M007,M,"),
            "{first}"
        );
        assert!(
            csv.contains("plan.xlsx,目标分解,G3,3,G,error,M005,M,target,KR1.1,"),
            "{csv}"
        );
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        assert_eq!(reader.records().count(), files[0].findings.len());
    }

    #[test]
    fn catalogue_lists_every_rule() {
        let text = rules_text(Lang::En);
        for rule in REGISTRY {
            assert!(text.contains(rule.info().id), "{}", rule.info().id);
        }
        assert!(text.contains("S — Specific"));
        assert!(rules_text(Lang::Zh).contains("M — 可衡量"));
        let json = rules_json();
        let list = json.as_array().map(Vec::as_slice).unwrap_or(&[]);
        assert_eq!(list.len(), REGISTRY.len());
        for key in [
            "id", "name", "letter", "severity", "title_en", "title_zh", "hint_en", "hint_zh",
        ] {
            assert!(list[0][key].is_string(), "{key}");
        }
    }

    #[test]
    fn every_rule_explains_itself_fully_in_chinese() {
        for rule in crate::rules::REGISTRY {
            let info = rule.info();
            let zh = explain_text(info, Lang::Zh);
            for heading in ["## 检查内容", "## 为什么重要", "## 示例"] {
                assert!(zh.contains(heading), "{}: {heading}", info.id);
            }
            for english in [
                "## What",
                "## Why",
                "## Example",
                "Bad:",
                "Fixed:",
                "Hint:",
                "Letter",
                "severity",
            ] {
                assert!(!zh.contains(english), "{}: {english}\n{zh}", info.id);
            }
            assert!(
                zh.contains("错误：") && zh.contains("修正："),
                "{}: an example",
                info.id
            );
            let en = explain_text(info, Lang::En);
            assert!(
                en.contains("## Example") && !en.contains("## 示例"),
                "{}",
                info.id
            );
        }
    }

    #[test]
    fn explain_prints_title_letter_severity_doc_and_hint_in_one_language() {
        let info = find_rule("m005")
            .map(|r| r.info())
            .unwrap_or_else(|| panic!("M005"));
        let text = explain_text(info, Lang::En);
        assert!(
            text.starts_with("M005 quarters-reconcile: Quarterly targets"),
            "{text}"
        );
        assert!(text.contains("Letter: M (Measurable)"));
        assert!(text.contains("Default severity: error"));
        assert!(text.contains("## Example"));
        assert!(text.contains(info.hint_en) && !text.contains(info.hint_zh));
        let zh = explain_text(info, Lang::Zh);
        assert!(
            zh.starts_with("M005 quarters-reconcile：季度目标与全年目标不一致"),
            "{zh}"
        );
        assert!(
            zh.contains("字母：M（可衡量）") && zh.contains("默认级别：错误"),
            "{zh}"
        );
        assert!(zh.contains("## 示例") && zh.contains("修改建议："), "{zh}");
        assert!(
            !zh.contains("## Example") && !zh.contains(info.hint_en),
            "{zh}"
        );
    }
}
