//! The six field cases in `fixtures/cases/` (a Feishu monthly plan, a KPI tracker with quarter
//! bands, an OKR tracker, a KPI 考核表 with weights, a fiscal-year plan, bilingual two-line
//! headers; fixtures/README.md describes each): every hand-worked fact in
//! `fixtures/cases/expected.json`, asserted on the workbook and on its CSV export, through the
//! CLI (`inspect`, `rollup --by owner`, `check`, all `--format json`) and, for due dates, the
//! library. The copy `review` writes must read the same: `check` on it finds as many goals and
//! none of the rules that must not fire.
//!
//! One test per case and format. A test checks every fact and then fails once, listing each
//! fact that does not hold with what was expected and what goalsheet gave, so one run shows
//! the whole state of a case. A key of expected.json this file does not know fails too: no
//! fact goes unchecked.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use common::{Workdir, fixture, goalsheet};
use goalsheet::{LoadOptions, Plan, load_plan};
use serde_json::{Map, Value};

/// Keys of a case that describe it in words and are not facts to assert.
const DESCRIPTIVE: [&str; 3] = ["file", "situation", "notes"];

/// Keys that qualify other facts (read where those facts are checked).
const QUALIFIERS: [&str; 2] = ["scale_ok", "quarters_optional"];

/// Words that say a goal names several owners, in a rule's name or title (`goalsheet rules`)
/// or in a finding's message.
const SEVERAL_OWNERS: [&str; 7] = [
    "several owners",
    "several-owners",
    "multiple owners",
    "more than one owner",
    "多个负责人",
    "多名负责人",
    "多位负责人",
];

fn says_several_owners(text: &str) -> bool {
    let text = text.to_lowercase();
    SEVERAL_OWNERS.iter().any(|w| text.contains(w))
}

/// The ids of the rules whose name or title says a goal names several owners.
fn several_owner_rules() -> Result<BTreeSet<String>, String> {
    let out = goalsheet()
        .args(["rules", "--format", "json"])
        .output()
        .map_err(|e| format!("could not run goalsheet: {e}"))?;
    let rules: Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("`goalsheet rules --format json`: {e}"))?;
    Ok(rules
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| {
            ["name", "title_en", "title_zh"]
                .iter()
                .any(|k| r[k].as_str().is_some_and(says_several_owners))
        })
        .filter_map(|r| r["id"].as_str().map(str::to_string))
        .collect())
}

/// The facts of every case, as shipped in fixtures/cases/expected.json.
fn expected() -> Map<String, Value> {
    let text = std::fs::read_to_string(fixture("cases/expected.json")).expect("expected.json");
    match serde_json::from_str(&text).expect("expected.json is JSON") {
        Value::Object(cases) => cases,
        other => panic!("expected.json: an object of cases, got {other}"),
    }
}

/// What one run of goalsheet on one file gave; `Err` holds the exit code and stderr.
struct Outputs {
    inspect: Result<Value, String>,
    rollup: Result<Value, String>,
    check: Result<Value, String>,
    plan: Result<Plan, String>,
    /// `check` on the copy `review` wrote: a reviewed plan must read as its source does.
    reviewed: Result<Value, String>,
}

/// `goalsheet ARGS --format json PATH`: its JSON when the exit code is one of `ok`.
fn run_json(args: &[&str], path: &Path, ok: &[i32]) -> Result<Value, String> {
    let out = goalsheet()
        .args(args)
        .args(["--format", "json"])
        .arg(path)
        .output()
        .map_err(|e| format!("could not run goalsheet: {e}"))?;
    let code = out.status.code().unwrap_or(-1);
    if !ok.contains(&code) {
        return Err(format!(
            "`goalsheet {}` exited {code}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    serde_json::from_slice(&out.stdout).map_err(|e| format!("`goalsheet {}`: {e}", args.join(" ")))
}

fn outputs(path: &Path) -> Outputs {
    Outputs {
        inspect: run_json(&["inspect"], path, &[0]),
        rollup: run_json(&["rollup", "--by", "owner"], path, &[0]),
        check: run_json(&["check"], path, &[0, 1]),
        plan: load_plan(path, &LoadOptions::default()).map_err(|e| e.to_string()),
        reviewed: check_reviewed(path),
    }
}

/// `goalsheet review PATH -o OUT`, then `check --format json OUT`.
fn check_reviewed(path: &Path) -> Result<Value, String> {
    let work = Workdir::new();
    let copy = work.path("reviewed.xlsx");
    let out = goalsheet()
        .arg("review")
        .arg(path)
        .arg("-o")
        .arg(&copy)
        .output()
        .map_err(|e| format!("could not run goalsheet: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "`goalsheet review` exited {}: {}",
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    run_json(&["check"], &copy, &[0, 1])
}

/// The failures of one case in one format.
struct Report {
    label: String,
    checked: usize,
    failures: Vec<String>,
}

impl Report {
    /// Record one fact: `Err(why)` is a failure named `fact`.
    fn fact(&mut self, fact: &str, outcome: Result<(), String>) {
        self.checked += 1;
        if let Err(why) = outcome {
            self.failures.push(format!("{fact}: {why}"));
        }
    }

    /// Fail once, listing every failed fact; facts lost to one command that could not read
    /// the file are listed on one line under that command's error.
    fn finish(self) {
        if !self.failures.is_empty() {
            let mut lines: Vec<String> = Vec::new();
            let mut unread: Vec<(String, Vec<String>)> = Vec::new();
            for failure in &self.failures {
                match failure.split_once(": `goalsheet ") {
                    Some((fact, why)) => {
                        let why = format!("`goalsheet {why}");
                        match unread.iter_mut().find(|(w, _)| *w == why) {
                            Some((_, facts)) => facts.push(fact.to_string()),
                            None => unread.push((why, vec![fact.to_string()])),
                        }
                    }
                    None => lines.push(failure.clone()),
                }
            }
            for (why, facts) in unread {
                lines.push(format!("{why} (facts not checked: {})", facts.join(", ")));
            }
            panic!(
                "{}: {} of {} facts fail:\n  - {}",
                self.label,
                self.failures.len(),
                self.checked,
                lines.join("\n  - ")
            );
        }
        assert!(self.checked > 0, "{}: no fact checked", self.label);
    }
}

fn same(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

fn show(v: Option<&Value>) -> String {
    v.map_or("nothing".to_string(), Value::to_string)
}

/// Check every fact of `case` on `fixtures/cases/<stem>.<ext>`.
fn check_case(case: &str, ext: &str) {
    let cases = expected();
    let facts = cases
        .get(case)
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("expected.json has no case {case}"));
    let file = facts
        .get("file")
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{case}: no file in expected.json"));
    let stem = file.strip_suffix(".xlsx").unwrap_or(file);
    let path: PathBuf = fixture(&format!("cases/{stem}.{ext}"));
    let out = outputs(&path);
    let mut report = Report {
        label: format!("{case} {stem}.{ext}"),
        checked: 0,
        failures: Vec::new(),
    };
    for (key, fact) in facts {
        if DESCRIPTIVE.contains(&key.as_str()) || QUALIFIERS.contains(&key.as_str()) {
            continue;
        }
        match key.as_str() {
            "goals" => {
                report.fact("goals", goals(&out, fact));
                report.fact("review.goals", reviewed_goals(&out, fact));
            }
            "header_row" | "header_rows" => report.fact(key, header_rows(&out, fact)),
            "columns" => columns(&mut report, &out, fact, true),
            "not_columns" => columns(&mut report, &out, fact, false),
            "totals_rows" => report.fact("totals_rows", totals_rows(&out, fact)),
            "rollup_owner" => rollup_owner(&mut report, &out, facts, fact),
            "rollup_total" => rollup_total(&mut report, &out, facts, fact),
            "must_not_any" => {
                must_not(&mut report, &out, "must_not_any", None, fact);
                reviewed_must_not(&mut report, &out, fact);
            }
            "must_not" => {
                for (place, rules) in fact.as_object().into_iter().flatten() {
                    let row = place
                        .strip_prefix("row:")
                        .and_then(|r| r.parse::<u64>().ok());
                    if row.is_none() && place != "*" {
                        report.fact(
                            &format!("must_not.{place}"),
                            Err("unknown place (want `row:N` or `*`)".into()),
                        );
                        continue;
                    }
                    must_not(&mut report, &out, &format!("must_not.{place}"), row, rules);
                }
            }
            "dues" => dues(&mut report, &out, fact),
            "should" => should(&mut report, &out, facts, fact),
            other => report.fact(other, Err("not checked by tests/field_cases.rs".into())),
        }
    }
    report.finish();
}

fn goals(out: &Outputs, fact: &Value) -> Result<(), String> {
    let inspect = out.inspect.as_ref()?;
    let got = inspect["goals"]
        .as_u64()
        .ok_or(format!("inspect gave goals = {}", inspect["goals"]))?;
    let (lo, hi) = match fact {
        Value::Array(range) => (
            range.first().and_then(Value::as_u64),
            range.last().and_then(Value::as_u64),
        ),
        n => (n.as_u64(), n.as_u64()),
    };
    let (Some(lo), Some(hi)) = (lo, hi) else {
        return Err(format!("unreadable fact {fact}"));
    };
    if (lo..=hi).contains(&got) {
        Ok(())
    } else {
        Err(format!("expected {fact}, inspect gave {got}"))
    }
}

/// The reviewed copy holds as many goals as the source should.
fn reviewed_goals(out: &Outputs, fact: &Value) -> Result<(), String> {
    let reviewed = out.reviewed.as_ref()?;
    let got = &reviewed["files"][0]["goals"];
    let fine = match fact {
        Value::Array(range) => {
            let n = got.as_u64();
            range.first().and_then(Value::as_u64) <= n
                && n <= range.last().and_then(Value::as_u64)
                && n.is_some()
        }
        n => got == n,
    };
    if fine {
        Ok(())
    } else {
        Err(format!(
            "expected {fact}, check on the reviewed copy read {got}"
        ))
    }
}

/// No `must_not_any` rule fires on the reviewed copy either (its stored formula results,
/// dates and numbers must read as the source's).
fn reviewed_must_not(report: &mut Report, out: &Outputs, rules: &Value) {
    for rule in rules
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let outcome = out
            .reviewed
            .as_ref()
            .map_err(Clone::clone)
            .and_then(|check| {
                let hits: Vec<String> = check["files"][0]["findings"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|f| f["rule"] == rule)
                    .map(|f| format!("{} {}", f["cell"], f["message"]))
                    .collect();
                if hits.is_empty() {
                    Ok(())
                } else {
                    Err(format!(
                        "fired {} time(s): {}",
                        hits.len(),
                        hits.join(" | ")
                    ))
                }
            });
        report.fact(&format!("review.must_not_any.{rule}"), outcome);
    }
}

fn header_rows(out: &Outputs, fact: &Value) -> Result<(), String> {
    let inspect = out.inspect.as_ref()?;
    let want = match fact {
        Value::Array(_) => fact.clone(),
        n => Value::Array(vec![n.clone()]),
    };
    if inspect["header_rows"] == want {
        Ok(())
    } else {
        Err(format!(
            "expected {want}, inspect gave {}",
            inspect["header_rows"]
        ))
    }
}

/// `columns` (must) or `not_columns` (must not): field → column letter in inspect's map.
fn columns(report: &mut Report, out: &Outputs, fact: &Value, must: bool) {
    let key = if must { "columns" } else { "not_columns" };
    for (field, letter) in fact.as_object().into_iter().flatten() {
        let name = format!("{key}.{field}");
        let outcome = out.inspect.as_ref().map_err(Clone::clone).and_then(|j| {
            let got = j["columns"].get(field);
            match (must, got == Some(letter)) {
                (true, true) | (false, false) => Ok(()),
                (true, false) => Err(format!(
                    "expected column {letter}, inspect maps {field} to {}",
                    show(got)
                )),
                (false, true) => Err(format!("column {letter} must not be read as {field}")),
            }
        });
        report.fact(&name, outcome);
    }
}

/// Every listed row is a totals row, and no goal is read from it.
fn totals_rows(out: &Outputs, fact: &Value) -> Result<(), String> {
    let inspect = out.inspect.as_ref()?;
    let plan = out.plan.as_ref()?;
    let got = inspect["totals_rows"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    for row in fact.as_array().into_iter().flatten() {
        if !got.contains(row) {
            return Err(format!(
                "row {row} is a totals row, inspect gave totals_rows {}",
                inspect["totals_rows"]
            ));
        }
        let r = row.as_u64().unwrap_or(0);
        if let Some(goal) = plan.goals.iter().find(|g| {
            g.rows
                .iter()
                .chain([&g.row])
                .any(|x| u64::from(*x) + 1 == r)
        }) {
            return Err(format!("row {r} is read as goal {}", goal.label()));
        }
    }
    Ok(())
}

/// The rollup rows of one metric: owner → row.
fn rollup_rows<'a>(out: &'a Outputs, metric: &str) -> Result<Vec<&'a Value>, String> {
    let rollup = out.rollup.as_ref()?;
    Ok(rollup["rows"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|r| r["metric"] == metric)
        .collect())
}

/// The factors amounts of this case may be scaled by (`scale_ok`, else only 1).
fn scales(facts: &Map<String, Value>) -> Vec<f64> {
    facts
        .get("scale_ok")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_f64).collect())
        .unwrap_or_else(|| vec![1.0])
}

/// Compare one metric's rollup with `owners` (owner → [q1, q2, q3, q4, year], null = no
/// value) at scale `factor`: the mismatches.
fn metric_mismatches(
    rows: &[&Value],
    owners: &Map<String, Value>,
    factor: f64,
    quarters_optional: bool,
) -> Vec<String> {
    let mut bad = Vec::new();
    for (owner, values) in owners {
        let Some(row) = rows.iter().find(|r| r["owner"] == owner.as_str()) else {
            let seen: Vec<String> = rows.iter().map(|r| r["owner"].to_string()).collect();
            bad.push(format!(
                "no rollup row for owner {owner} (owners of this metric: {})",
                if seen.is_empty() {
                    "none".to_string()
                } else {
                    seen.join(", ")
                }
            ));
            continue;
        };
        for (i, key) in ["q1", "q2", "q3", "q4", "year"].into_iter().enumerate() {
            let want = values.get(i).and_then(Value::as_f64);
            let got = row.get(key).and_then(Value::as_f64);
            let fine = match (want, got) {
                (None, None) => true,
                (Some(w), Some(g)) => same(w * factor, g),
                (Some(_), None) => quarters_optional && key != "year",
                (None, Some(_)) => false,
            };
            if !fine {
                bad.push(format!(
                    "{owner} {key}: expected {}, got {}",
                    want.map_or("no value".into(), |w| (w * factor).to_string()),
                    got.map_or("no value".into(), |g| g.to_string())
                ));
            }
        }
    }
    bad
}

/// One case-wide factor from `scale_ok`; a metric in another unit (元, 条) stays at 1.
/// Returns the mismatches of each metric under the factor that fits the case best.
fn best_scale(
    facts: &Map<String, Value>,
    compare: impl Fn(f64) -> Vec<(String, Vec<String>)>,
) -> Vec<(String, Vec<String>)> {
    let mut best: Option<Vec<(String, Vec<String>)>> = None;
    for factor in scales(facts) {
        let at_factor = compare(factor);
        let at_one = compare(1.0);
        let merged: Vec<(String, Vec<String>)> = at_factor
            .into_iter()
            .zip(at_one)
            .map(|((metric, scaled), (_, plain))| {
                if scaled.is_empty() || plain.is_empty() {
                    (metric, Vec::new())
                } else {
                    (metric, scaled)
                }
            })
            .collect();
        let count = |m: &Vec<(String, Vec<String>)>| m.iter().map(|(_, b)| b.len()).sum::<usize>();
        if best.as_ref().is_none_or(|b| count(&merged) < count(b)) {
            best = Some(merged);
        }
    }
    best.unwrap_or_default()
}

fn rollup_owner(report: &mut Report, out: &Outputs, facts: &Map<String, Value>, fact: &Value) {
    let optional = facts.get("quarters_optional") == Some(&Value::Bool(true));
    let metrics: Vec<(&String, &Map<String, Value>)> = fact
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(m, o)| o.as_object().map(|o| (m, o)))
        .collect();
    if let Err(why) = &out.rollup {
        for (metric, _) in &metrics {
            report.fact(&format!("rollup_owner.{metric}"), Err(why.clone()));
        }
        return;
    }
    let results = best_scale(facts, |factor| {
        metrics
            .iter()
            .map(|(metric, owners)| {
                let rows = rollup_rows(out, metric).unwrap_or_default();
                (
                    metric.to_string(),
                    metric_mismatches(&rows, owners, factor, optional),
                )
            })
            .collect()
    });
    for (metric, bad) in results {
        let outcome = if bad.is_empty() {
            Ok(())
        } else {
            Err(bad.join("; "))
        };
        report.fact(&format!("rollup_owner.{metric}"), outcome);
    }
}

/// metric → the sum over owners of the year values.
fn rollup_total(report: &mut Report, out: &Outputs, facts: &Map<String, Value>, fact: &Value) {
    let metrics: Vec<(&String, f64)> = fact
        .as_object()
        .into_iter()
        .flatten()
        .filter_map(|(m, v)| v.as_f64().map(|v| (m, v)))
        .collect();
    if let Err(why) = &out.rollup {
        for (metric, _) in &metrics {
            report.fact(&format!("rollup_total.{metric}"), Err(why.clone()));
        }
        return;
    }
    let results = best_scale(facts, |factor| {
        metrics
            .iter()
            .map(|(metric, want)| {
                let rows = rollup_rows(out, metric).unwrap_or_default();
                let years: Vec<f64> = rows.iter().filter_map(|r| r["year"].as_f64()).collect();
                let got: f64 = years.iter().sum();
                let bad = if !rows.is_empty() && same(want * factor, got) {
                    Vec::new()
                } else {
                    let by_owner: Vec<String> = rows
                        .iter()
                        .map(|r| format!("{} {}", r["owner"], r["year"]))
                        .collect();
                    vec![format!(
                        "expected {}, got {got} (rows: {})",
                        want * factor,
                        if by_owner.is_empty() {
                            "none".to_string()
                        } else {
                            by_owner.join(", ")
                        }
                    )]
                };
                (metric.to_string(), bad)
            })
            .collect()
    });
    for (metric, bad) in results {
        let outcome = if bad.is_empty() {
            Ok(())
        } else {
            Err(bad.join("; "))
        };
        report.fact(&format!("rollup_total.{metric}"), outcome);
    }
}

/// The findings of `check` (one file).
fn findings(out: &Outputs) -> Result<Vec<Value>, String> {
    let check = out.check.as_ref()?;
    Ok(check["files"][0]["findings"]
        .as_array()
        .cloned()
        .unwrap_or_default())
}

/// None of `rules` fires on `row` (1-based), or anywhere when `row` is None.
fn must_not(report: &mut Report, out: &Outputs, name: &str, row: Option<u64>, rules: &Value) {
    for rule in rules
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
    {
        let outcome = findings(out).and_then(|all| {
            let hits: Vec<String> = all
                .iter()
                .filter(|f| f["rule"] == rule)
                .filter(|f| row.is_none_or(|r| f["row"].as_u64() == Some(r)))
                .map(|f| format!("{} {}", f["cell"], f["message"]))
                .collect();
            if hits.is_empty() {
                Ok(())
            } else {
                Err(format!(
                    "fired {} time(s): {}",
                    hits.len(),
                    hits.join(" | ")
                ))
            }
        });
        report.fact(&format!("{name}.{rule}"), outcome);
    }
}

/// goal id → due date (the last day of the due span: `2026.12` is due 2026-12-31).
fn dues(report: &mut Report, out: &Outputs, fact: &Value) {
    for (id, date) in fact.as_object().into_iter().flatten() {
        let outcome = out.plan.as_ref().map_err(Clone::clone).and_then(|plan| {
            let goal = plan
                .goals
                .iter()
                .find(|g| g.id_text().map(str::trim) == Some(id.as_str()))
                .ok_or_else(|| {
                    let ids: Vec<&str> = plan.goals.iter().filter_map(|g| g.id_text()).collect();
                    format!("no goal with id {id} (ids read: {})", ids.join(", "))
                })?;
            let got = goal.due.get().map(|span| span.end.to_string());
            if got.as_deref() == date.as_str() {
                Ok(())
            } else {
                Err(format!(
                    "expected {date}, read {} from `{}`",
                    got.unwrap_or_else(|| "no date".into()),
                    goal.due.raw
                ))
            }
        });
        report.fact(&format!("dues.{id}"), outcome);
    }
}

/// The `should` items that can be checked: `unit` (the unit the header states is the
/// column's unit: no M004 anywhere), `quarters` (quarters folded from months: the rollup's
/// quarters are all present) and goal id → a note that the goal has several owners.
fn should(report: &mut Report, out: &Outputs, facts: &Map<String, Value>, fact: &Value) {
    for (item, words) in fact.as_object().into_iter().flatten() {
        let name = format!("should.{item}");
        match item.as_str() {
            "unit" => must_not(report, out, &name, None, &Value::from(vec!["M004"])),
            "quarters" => {
                let Some(owners) = facts.get("rollup_owner").and_then(Value::as_object) else {
                    report.fact(&name, Err("no rollup_owner to fold".into()));
                    continue;
                };
                let outcome = out.rollup.as_ref().map_err(Clone::clone).and_then(|_| {
                    let bad: Vec<String> = owners
                        .iter()
                        .filter_map(|(m, o)| o.as_object().map(|o| (m, o)))
                        .flat_map(|(metric, o)| {
                            let rows = rollup_rows(out, metric).unwrap_or_default();
                            scales(facts)
                                .into_iter()
                                .map(|f| metric_mismatches(&rows, o, f, false))
                                .min_by_key(Vec::len)
                                .unwrap_or_default()
                        })
                        .collect();
                    if bad.is_empty() {
                        Ok(())
                    } else {
                        Err(format!(
                            "quarters not folded from months: {}",
                            bad.join("; ")
                        ))
                    }
                });
                report.fact(&name, outcome);
            }
            id if words.to_string().contains("several owners") => {
                report.fact(&name, several_owners_note(out, id));
            }
            _ => report.fact(&name, Err(format!("not checked: {words}"))),
        }
    }
}

/// An info on goal `id`'s row from a rule that says a goal names several owners (by the
/// rule's name or title in the catalogue, or by the finding's message).
fn several_owners_note(out: &Outputs, id: &str) -> Result<(), String> {
    let owner_rules = several_owner_rules()?;
    let plan = out.plan.as_ref()?;
    let rows: BTreeSet<u64> = plan
        .goals
        .iter()
        .filter(|g| g.id_text().map(str::trim) == Some(id))
        .flat_map(|g| g.rows.iter().chain([&g.row]).map(|r| u64::from(*r) + 1))
        .collect();
    if rows.is_empty() {
        return Err(format!("no goal with id {id}"));
    }
    let all = findings(out)?;
    let on_row: Vec<&Value> = all
        .iter()
        .filter(|f| f["row"].as_u64().is_some_and(|r| rows.contains(&r)))
        .collect();
    let noted = on_row.iter().any(|f| {
        let by_rule = f["rule"].as_str().is_some_and(|r| owner_rules.contains(r));
        let by_message = says_several_owners(f["message"].as_str().unwrap_or_default());
        f["severity"] == "info" && (by_rule || by_message)
    });
    if noted {
        Ok(())
    } else {
        let seen: Vec<String> = on_row
            .iter()
            .map(|f| format!("{} {} {}", f["rule"], f["severity"], f["message"]))
            .collect();
        Err(format!(
            "no info on row(s) {rows:?} saying the goal has several owners (findings there: {})",
            if seen.is_empty() {
                "none".to_string()
            } else {
                seen.join(" | ")
            }
        ))
    }
}

#[test]
fn f01_feishu_monthly_xlsx() {
    check_case("f01", "xlsx");
}

#[test]
fn f01_feishu_monthly_csv() {
    check_case("f01", "csv");
}

#[test]
fn f04_kpi_quarter_bands_xlsx() {
    check_case("f04", "xlsx");
}

#[test]
fn f04_kpi_quarter_bands_csv() {
    check_case("f04", "csv");
}

#[test]
fn f05_okr_start_current_xlsx() {
    check_case("f05", "xlsx");
}

#[test]
fn f05_okr_start_current_csv() {
    check_case("f05", "csv");
}

#[test]
fn f07_kpi_weight_owners_dotdates_xlsx() {
    check_case("f07", "xlsx");
}

#[test]
fn f07_kpi_weight_owners_dotdates_csv() {
    check_case("f07", "csv");
}

#[test]
fn f08_fiscal_april_xlsx() {
    check_case("f08", "xlsx");
}

#[test]
fn f08_fiscal_april_csv() {
    check_case("f08", "csv");
}

#[test]
fn f14_bilingual_newline_headers_xlsx() {
    check_case("f14", "xlsx");
}

#[test]
fn f14_bilingual_newline_headers_csv() {
    check_case("f14", "csv");
}

/// Every case in expected.json has a test above, in both formats.
#[test]
fn every_case_has_its_fixtures() {
    for (case, facts) in expected() {
        let file = facts["file"].as_str().unwrap_or_default();
        let stem = file.strip_suffix(".xlsx").unwrap_or(file);
        for ext in ["xlsx", "csv"] {
            let path = fixture(&format!("cases/{stem}.{ext}"));
            assert!(path.is_file(), "{case}: no fixture {}", path.display());
        }
        assert!(
            ["f01", "f04", "f05", "f07", "f08", "f14"].contains(&case.as_str()),
            "{case}: a case without a test in tests/field_cases.rs"
        );
    }
}
