//! Rollup writers: JSON (DESIGN §6 shape), aligned text tables and CSV.

use serde_json::{Map, Value, json};

use crate::model::{Aggregation, Lang};
use crate::rollup::{Rollup, RollupRow};

/// The `rollup` JSON document (DESIGN §6):
/// `{"file", "by": ["owner"], "rows": [{"owner", "metric", "unit", "aggregation", "q1".."q4",
/// "year", "goals", "mean_of_goals"}], "budget": [{"owner", "budget", "planned"}],
/// "skipped"}` — one key per `by` field named as the field; numbers as JSON numbers
/// (percentages as fractions), `null` when absent.
pub fn rollup_json(file: &str, r: &Rollup) -> Value {
    let by: Vec<&str> = r.by.iter().map(|b| b.name()).collect();
    let keyed = |keys: &[String]| -> Map<String, Value> {
        by.iter()
            .zip(keys)
            .map(|(name, key)| (name.to_string(), Value::String(key.clone())))
            .collect()
    };
    let rows: Vec<Value> = r
        .rows
        .iter()
        .map(|row| {
            let mut obj = keyed(&row.keys);
            obj.insert("metric".into(), json!(row.metric));
            obj.insert("unit".into(), json!(row.unit));
            obj.insert("aggregation".into(), json!(row.aggregation.name()));
            for (q, v) in row.quarters.iter().enumerate() {
                obj.insert(format!("q{}", q + 1), number(*v));
            }
            obj.insert("year".into(), number(row.year));
            obj.insert("goals".into(), json!(row.goals));
            obj.insert("mean_of_goals".into(), json!(row.mean_of_goals));
            Value::Object(obj)
        })
        .collect();
    let budget: Vec<Value> = r
        .budget
        .iter()
        .map(|b| {
            let mut obj = keyed(&b.keys);
            obj.insert("budget".into(), number(b.budget));
            obj.insert("planned".into(), number(b.planned));
            Value::Object(obj)
        })
        .collect();
    json!({
        "file": file,
        "by": by,
        "rows": rows,
        "budget": budget,
        "skipped": r.skipped,
    })
}

fn number(v: Option<f64>) -> Value {
    v.filter(|x| x.is_finite())
        .map_or(Value::Null, |x| json!(x))
}

/// The rollup as CSV (UTF-8 with a BOM): one table whose first column says which part a line belongs to
/// (`rollup` or `budget`), then the `by` fields, `metric, unit, aggregation, q1..q4, year,
/// goals, mean_of_goals, budget, planned`. Numbers are written plainly (percentages as
/// fractions); text cells starting with `= + - @` (or a tab or carriage return) are prefixed
/// with `'` so a spreadsheet does not run them as formulas.
pub fn rollup_csv(r: &Rollup) -> String {
    let mut header: Vec<String> = vec!["table".into()];
    header.extend(r.by.iter().map(|b| b.name().to_string()));
    header.extend(
        [
            "metric",
            "unit",
            "aggregation",
            "q1",
            "q2",
            "q3",
            "q4",
            "year",
            "goals",
            "mean_of_goals",
            "budget",
            "planned",
        ]
        .map(String::from),
    );
    let mut lines: Vec<Vec<String>> = vec![header];
    for row in &r.rows {
        let mut line = vec!["rollup".to_string()];
        line.extend(row.keys.iter().map(|k| safe_cell(k)));
        line.push(safe_cell(&row.metric));
        line.push(safe_cell(&row.unit));
        line.push(row.aggregation.name().into());
        line.extend(row.quarters.iter().map(|v| plain(*v)));
        line.push(plain(row.year));
        line.push(row.goals.to_string());
        line.push(row.mean_of_goals.to_string());
        line.extend([String::new(), String::new()]);
        lines.push(line);
    }
    for b in &r.budget {
        let mut line = vec!["budget".to_string()];
        line.extend(b.keys.iter().map(|k| safe_cell(k)));
        line.extend(std::iter::repeat_n(String::new(), 10));
        line.push(plain(b.budget));
        line.push(plain(b.planned));
        lines.push(line);
    }
    let mut out = csv::Writer::from_writer(Vec::new());
    for line in &lines {
        // Writing to a Vec cannot fail; an error would only drop the line.
        let _ = out.write_record(line);
    }
    let bytes = out.into_inner().unwrap_or_default();
    format!("{}{}", super::UTF8_BOM, String::from_utf8_lossy(&bytes))
}

/// A text cell made safe for spreadsheets (formula injection).
pub fn safe_cell(text: &str) -> String {
    if text.starts_with(['\t', '\r']) {
        format!("'{text}")
    } else {
        super::neutralise_formula(text).into_owned()
    }
}

fn plain(v: Option<f64>) -> String {
    v.filter(|x| x.is_finite())
        .map_or(String::new(), |x| x.to_string())
}

/// The rollup as aligned text tables, one per metric and unit, then the budget.
///
/// Sum metrics get a total line (when the table has two rows or more); level and ratio
/// metrics never do. Ratio values that are means of goals carry `≈` and a note.
pub fn rollup_text(r: &Rollup, lang: Lang) -> String {
    // A blank key shows as `(no owner)`, as in the review workbook.
    let shown = |keys: &[String]| -> Vec<String> {
        keys.iter()
            .zip(&r.by)
            .map(|(k, by)| {
                if k.is_empty() {
                    by.blank_label(lang).to_string()
                } else {
                    k.clone()
                }
            })
            .collect()
    };
    let key_titles: Vec<String> = r.by.iter().map(|b| b.title(lang).to_string()).collect();
    let value_titles: Vec<String> = [
        "Q1",
        "Q2",
        "Q3",
        "Q4",
        lang.pick("Year", "全年"),
        lang.pick("Goals", "目标数"),
    ]
    .map(String::from)
    .to_vec();
    let mut out = String::new();
    if r.rows.is_empty() {
        out.push_str(lang.pick("No goals to roll up.\n", "没有可汇总的目标。\n"));
    }

    let mut start = 0;
    while start < r.rows.len() {
        let first = &r.rows[start];
        let end = start
            + r.rows[start..]
                .iter()
                .take_while(|x| x.metric == first.metric && x.unit == first.unit)
                .count();
        let table = &r.rows[start..end];
        start = end;

        if !out.is_empty() {
            out.push('\n');
        }
        let unit = if first.unit.is_empty() {
            String::new()
        } else {
            lang.pick(" (", "（").to_string() + &first.unit + lang.pick(")", "）")
        };
        out.push_str(&format!(
            "{}{} — {}\n",
            first.metric,
            unit,
            aggregation_title(first.aggregation, lang)
        ));

        let mut cells: Vec<Vec<String>> = Vec::new();
        let mut any_mean = false;
        for row in table {
            any_mean |= row.mean_of_goals;
            let mut line = shown(&row.keys);
            let mark = if row.mean_of_goals { "≈" } else { "" };
            line.extend(
                row.quarters
                    .iter()
                    .chain(std::iter::once(&row.year))
                    .map(|v| match v {
                        Some(_) => format!("{mark}{}", fmt_value(*v, row.is_percent)),
                        None => fmt_value(None, row.is_percent),
                    }),
            );
            line.push(row.goals.to_string());
            cells.push(line);
        }
        let mut total = None;
        if first.aggregation == Aggregation::Sum && table.len() > 1 && !r.by.is_empty() {
            let mut line = vec![lang.pick("Total", "合计").to_string()];
            line.extend(std::iter::repeat_n(String::new(), r.by.len() - 1));
            let sum_of = |f: &dyn Fn(&RollupRow) -> Option<f64>| {
                table
                    .iter()
                    .filter_map(f)
                    .fold(None, |a: Option<f64>, v| Some(a.unwrap_or(0.0) + v))
                    .map(crate::rollup::tidy)
            };
            for q in 0..4 {
                line.push(fmt_value(sum_of(&|x| x.quarters[q]), first.is_percent));
            }
            line.push(fmt_value(sum_of(&|x| x.year), first.is_percent));
            line.push(table.iter().map(|x| x.goals).sum::<usize>().to_string());
            total = Some(line);
        }
        let mut header = key_titles.clone();
        header.extend(value_titles.iter().cloned());
        out.push_str(&render_table(&header, &cells, total.as_ref(), r.by.len()));
        if any_mean {
            out.push_str(lang.pick(
                "≈ mean of goals: the ratio's parts are unknown, so this is not a true rate\n",
                "≈ 各目标的平均值：比率的分子分母未知，并非真实比率\n",
            ));
        }
    }

    if !r.budget.is_empty() {
        out.push('\n');
        out.push_str(lang.pick("Budget\n", "预算\n"));
        let mut header = key_titles.clone();
        header.push(lang.pick("Budget", "预算").into());
        header.push(lang.pick("Planned (actions)", "已计划（行动）").into());
        let cells: Vec<Vec<String>> = r
            .budget
            .iter()
            .map(|b| {
                let mut line = shown(&b.keys);
                line.push(fmt_value(b.budget, false));
                line.push(fmt_value(b.planned, false));
                line
            })
            .collect();
        let total = (r.budget.len() > 1 && !r.by.is_empty()).then(|| {
            let mut line = vec![lang.pick("Total", "合计").to_string()];
            line.extend(std::iter::repeat_n(String::new(), r.by.len() - 1));
            let sum = |f: &dyn Fn(&crate::rollup::BudgetRow) -> Option<f64>| {
                r.budget
                    .iter()
                    .filter_map(f)
                    .fold(None, |a: Option<f64>, v| Some(a.unwrap_or(0.0) + v))
                    .map(crate::rollup::tidy)
            };
            line.push(fmt_value(sum(&|b| b.budget), false));
            line.push(fmt_value(sum(&|b| b.planned), false));
            line
        });
        out.push_str(&render_table(&header, &cells, total.as_ref(), r.by.len()));
        out.push_str(lang.pick(
            "Planned: the actions' budgets, part of the goals' budgets (not added to them)\n",
            "已计划：行动的预算，属于目标预算的一部分（不重复计入）\n",
        ));
    }

    if r.skipped > 0 {
        out.push('\n');
        out.push_str(&match lang {
            Lang::En => format!(
                "{} without a metric or target left out\n",
                crate::write::count(r.skipped, "goal", "goals")
            ),
            Lang::Zh => format!("{} 个目标缺少指标或目标值，未计入\n", r.skipped),
        });
    }
    out
}

fn aggregation_title(a: Aggregation, lang: Lang) -> &'static str {
    match a {
        Aggregation::Sum => lang.pick("sum", "求和"),
        Aggregation::Level => lang.pick(
            "level (year = end of period; mean across goals)",
            "期末值（全年取期末；多个目标取平均）",
        ),
        Aggregation::Ratio => lang.pick("ratio (never summed)", "比率（不求和）"),
    }
}

/// Lay out a table: the first `keys` columns left-aligned, the rest right-aligned, columns
/// two spaces apart, widths by display width (CJK characters count two).
fn render_table(
    header: &[String],
    cells: &[Vec<String>],
    total: Option<&Vec<String>>,
    keys: usize,
) -> String {
    let header = header.to_vec();
    let all: Vec<&Vec<String>> = std::iter::once(&header)
        .chain(cells.iter())
        .chain(total)
        .collect();
    let columns = all.iter().map(|l| l.len()).max().unwrap_or(0);
    let mut widths = vec![0usize; columns];
    for line in &all {
        for (w, cell) in widths.iter_mut().zip(line.iter()) {
            *w = (*w).max(display_width(cell));
        }
    }
    let mut out = String::new();
    let mut emit = |line: &[String]| {
        let mut text = String::new();
        for (c, cell) in line.iter().enumerate() {
            let pad = widths[c].saturating_sub(display_width(cell));
            if c > 0 {
                text.push_str("  ");
            }
            if c < keys {
                text.push_str(cell);
                text.push_str(&" ".repeat(pad));
            } else {
                text.push_str(&" ".repeat(pad));
                text.push_str(cell);
            }
        }
        out.push_str(text.trim_end());
        out.push('\n');
    };
    emit(&header);
    for line in cells {
        emit(line);
    }
    if let Some(total) = total {
        let rule: usize = widths.iter().sum::<usize>() + 2 * widths.len().saturating_sub(1);
        emit(&["-".repeat(rule)]);
        emit(total);
    }
    out
}

/// A value for people: percentages as `35%` / `35.5%`, other numbers with thousands
/// separators and at most two decimals; `-` when absent.
pub fn fmt_value(v: Option<f64>, percent: bool) -> String {
    match v.filter(|x| x.is_finite()) {
        Some(x) => crate::rules::show::value(x, percent),
        None => "-".into(),
    }
}

/// The width of a text in a terminal: East Asian wide and full-width characters count two,
/// combining marks and zero-width characters nothing, others one.
pub fn display_width(text: &str) -> usize {
    text.chars().map(char_width).sum()
}

fn char_width(c: char) -> usize {
    let cp = c as u32;
    let zero = matches!(cp,
        0x0300..=0x036F | 0x200B..=0x200F | 0x2028..=0x202E | 0x2060..=0x2064 | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F | 0xFEFF)
        || c.is_control();
    if zero {
        return 0;
    }
    let wide = matches!(cp,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF
        | 0x20000..=0x2FFFD | 0x30000..=0x3FFFD);
    if wide { 2 } else { 1 }
}

/// Progress rows as JSON: one object per goal with actuals.
pub fn progress_json(plan: &crate::model::Plan, rows: &[crate::rollup::GoalProgress]) -> Value {
    Value::Array(
        rows.iter()
            .map(|p| {
                serde_json::json!({
                    "goal": plan.goals[p.goal].id.shown(),
                    "label": p.label,
                    "metric": p.metric,
                    "actual": p.actual,
                    "target": p.target,
                    "baseline": p.baseline,
                    "progress": p.progress,
                    "expected": p.expected,
                    "status": p.status.map(|s| s.code()),
                })
            })
            .collect(),
    )
}

/// Progress as an aligned table: goal, metric, actual, target, progress, expected, status.
pub fn progress_text(
    plan: &crate::model::Plan,
    rows: &[crate::rollup::GoalProgress],
    lang: Lang,
) -> String {
    let head = [
        lang.pick("goal", "目标"),
        lang.pick("metric", "指标"),
        lang.pick("actual", "实际"),
        lang.pick("target", "目标值"),
        lang.pick("progress", "进度"),
        lang.pick("expected", "应达"),
        lang.pick("status", "状态"),
    ];
    let mut table: Vec<Vec<String>> = vec![head.iter().map(|s| s.to_string()).collect()];
    for p in rows {
        let percent = plan.goals[p.goal].is_percent;
        table.push(vec![
            p.label.clone(),
            p.metric.clone(),
            fmt_value(Some(p.actual), percent),
            fmt_value(p.target, percent),
            fmt_value(p.progress, true),
            fmt_value(Some(p.expected), true),
            p.status
                .map_or("-".to_string(), |s| s.name(lang).to_string()),
        ]);
    }
    let widths: Vec<usize> = (0..head.len())
        .map(|c| {
            table
                .iter()
                .map(|r| display_width(&r[c]))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &table {
        let cells: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, w)| format!("{cell}{}", " ".repeat(w - display_width(cell))))
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rollup::{BudgetRow, GroupBy};

    fn sample() -> Rollup {
        let row = |owner: &str, metric: &str, unit: &str, agg, q: [Option<f64>; 4], year, goals| {
            RollupRow {
                keys: vec![owner.to_string()],
                metric: metric.to_string(),
                unit: unit.to_string(),
                aggregation: agg,
                is_percent: unit == "%",
                quarters: q,
                year,
                goals,
                mean_of_goals: agg == Aggregation::Ratio,
            }
        };
        Rollup {
            by: vec![GroupBy::Owner],
            rows: vec![
                row(
                    "张三",
                    "销售额",
                    "万元",
                    Aggregation::Sum,
                    [Some(100.0), Some(150.0), Some(150.0), Some(200.0)],
                    Some(600.0),
                    1,
                ),
                row(
                    "Bo",
                    "销售额",
                    "万元",
                    Aggregation::Sum,
                    [Some(1500.0), None, Some(150.0), Some(150.0)],
                    Some(1800.0),
                    2,
                ),
                row(
                    "",
                    "转化率",
                    "%",
                    Aggregation::Ratio,
                    [Some(0.025), None, None, Some(0.0325)],
                    Some(0.03),
                    2,
                ),
            ],
            budget: vec![
                BudgetRow {
                    keys: vec!["=cmd|' /C calc'!A0".into()],
                    budget: Some(50.0),
                    planned: Some(10.0),
                },
                BudgetRow {
                    keys: vec!["Bo".into()],
                    budget: Some(40.0),
                    planned: None,
                },
            ],
            skipped: 1,
        }
    }

    #[test]
    fn json_has_the_design_shape() {
        let v = rollup_json("plan.xlsx", &sample());
        assert_eq!(v["file"], "plan.xlsx");
        assert_eq!(v["by"], json!(["owner"]));
        assert_eq!(
            v["rows"][0],
            json!({"owner": "张三", "metric": "销售额", "unit": "万元", "aggregation": "sum",
                   "q1": 100.0, "q2": 150.0, "q3": 150.0, "q4": 200.0, "year": 600.0,
                   "goals": 1, "mean_of_goals": false})
        );
        assert_eq!(v["rows"][1]["q2"], Value::Null);
        assert_eq!(v["rows"][2]["owner"], "");
        assert_eq!(v["rows"][2]["aggregation"], "ratio");
        assert_eq!(v["rows"][2]["mean_of_goals"], true);
        assert_eq!(v["rows"][2]["year"], 0.03);
        assert_eq!(
            v["budget"][1],
            json!({"owner": "Bo", "budget": 40.0, "planned": null})
        );
        assert_eq!(v["skipped"], 1);
    }

    #[test]
    fn text_aligns_cjk_totals_sums_and_marks_means() {
        let t = rollup_text(&sample(), Lang::En);
        let lines: Vec<&str> = t.lines().collect();
        assert_eq!(lines[0], "销售额 (万元) — sum");
        assert_eq!(lines[1], "Owner     Q1   Q2   Q3   Q4   Year  Goals");
        assert_eq!(lines[2], "张三     100  150  150  200    600      1");
        assert_eq!(lines[3], "Bo     1,500    -  150  150  1,800      2");
        assert!(lines[4].chars().all(|c| c == '-'));
        assert_eq!(lines[5], "Total  1,600  150  300  350  2,400      3");
        // The ratio: no total line, ≈ on the means and a note; the missing owner shown.
        let ratio = t.split("转化率").nth(1).unwrap_or_default();
        assert!(ratio.contains("(no owner)"), "{t}");
        assert!(
            ratio.contains("(no owner)  ≈2.5%   -   -  ≈3.25%   ≈3%      2"),
            "{ratio}"
        );
        assert!(ratio.contains("mean of goals"));
        assert!(!ratio.contains("Total  ≈") && !ratio.lines().any(|l| l.starts_with("Total  ≈")));
        assert!(t.contains("Budget"));
        assert!(t.contains("1 goal without a metric or target left out"));
        // Display widths line up: every data line of the first table is as wide as its header.
        for l in &lines[2..4] {
            assert_eq!(display_width(l), display_width(lines[1]), "{l}");
        }

        let zh = rollup_text(&sample(), Lang::Zh);
        assert!(zh.starts_with("销售额（万元） — 求和\n负责人"), "{zh}");
        assert!(
            zh.contains("（无负责人）") && zh.contains("合计") && zh.contains("各目标的平均值")
        );
    }

    #[test]
    fn text_without_keys_has_no_key_columns() {
        let mut r = sample();
        r.by.clear();
        for row in r.rows.iter_mut() {
            row.keys.clear();
        }
        r.rows.truncate(1);
        r.budget.clear();
        r.skipped = 0;
        let t = rollup_text(&r, Lang::En);
        assert_eq!(
            t,
            "销售额 (万元) — sum\n Q1   Q2   Q3   Q4  Year  Goals\n100  150  150  200   600      1\n"
        );
    }

    #[test]
    fn csv_is_one_table_and_neutralises_formulas() {
        let c = rollup_csv(&sample());
        let c = c.strip_prefix('\u{feff}').expect("UTF-8 with a BOM");
        let lines: Vec<&str> = c.lines().collect();
        assert_eq!(
            lines[0],
            "table,owner,metric,unit,aggregation,q1,q2,q3,q4,year,goals,mean_of_goals,budget,planned"
        );
        assert_eq!(
            lines[1],
            "rollup,张三,销售额,万元,sum,100,150,150,200,600,1,false,,"
        );
        assert_eq!(
            lines[3],
            "rollup,,转化率,%,ratio,0.025,,,0.0325,0.03,2,true,,"
        );
        assert_eq!(lines[4], "budget,'=cmd|' /C calc'!A0,,,,,,,,,,,50,10");
        assert_eq!(lines[5], "budget,Bo,,,,,,,,,,,40,");
        assert_eq!(safe_cell("-1+2"), "'-1+2");
        assert_eq!(safe_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_cell("Ann"), "Ann");
    }

    #[test]
    fn values_and_widths() {
        assert_eq!(fmt_value(Some(1_234_567.891), false), "1,234,567.89");
        assert_eq!(fmt_value(Some(-1500.0), false), "-1,500");
        assert_eq!(fmt_value(Some(-0.001), false), "0");
        assert_eq!(fmt_value(Some(0.355), true), "35.5%");
        assert_eq!(fmt_value(None, true), "-");
        assert_eq!(display_width("张三"), 4);
        assert_eq!(display_width("Ann"), 3);
        assert_eq!(display_width("（未填）"), 8);
        assert_eq!(display_width("e\u{301}"), 1);
    }
}
