//! `inspect` output: how a plan was read.

use serde_json::{Value, json};

use crate::model::{CellPos, Lang, LayoutKind, Plan};

/// Each metric once (names compared as the rollup compares them), as first written.
fn metrics(plan: &Plan) -> indexmap::IndexMap<String, (&'static str, &'static str)> {
    let mut out = indexmap::IndexMap::new();
    let mut seen = std::collections::HashSet::new();
    for g in &plan.goals {
        if let Some(m) = g.metric.shown()
            && seen.insert(crate::rules::hierarchy::name_key(&m))
        {
            out.entry(m).or_insert((
                g.aggregation.name(),
                match g.aggregation_source {
                    crate::model::AggregationSource::Column => "column",
                    crate::model::AggregationSource::Config => "config",
                    crate::model::AggregationSource::Unit => "unit",
                    crate::model::AggregationSource::Lexicon => "lexicon",
                    crate::model::AggregationSource::Default => "default",
                },
            ));
        }
    }
    out
}

fn encoding(plan: &Plan) -> String {
    plan.encoding.clone().unwrap_or_else(|| {
        std::path::Path::new(&plan.file)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("workbook")
            .to_ascii_lowercase()
    })
}

/// The DESIGN §6 `inspect` JSON.
pub fn inspect_json(plan: &Plan) -> Value {
    let columns: serde_json::Map<String, Value> = plan
        .columns
        .iter()
        .map(|(f, c)| (f.name().to_string(), json!(CellPos::column_letters(*c))))
        .collect();
    let metrics = metrics(plan);
    let kinds: serde_json::Map<String, Value> = metrics
        .iter()
        .map(|(m, (k, _))| (m.clone(), json!(k)))
        .collect();
    let sources: serde_json::Map<String, Value> = metrics
        .iter()
        .map(|(m, (_, s))| (m.clone(), json!(s)))
        .collect();
    json!({
        "file": plan.file,
        "sheet": plan.sheet,
        "encoding": encoding(plan),
        "header_rows": plan.header_rows.iter().map(|r| r + 1).collect::<Vec<_>>(),
        "layout": match plan.layout { LayoutKind::Wide => "wide", LayoutKind::Long => "long" },
        "columns": columns,
        "goals": plan.goals.len(),
        "totals_rows": plan.totals.iter().map(|t| t.row + 1).collect::<Vec<_>>(),
        "plan_year": plan.plan_year,
        "number_convention": plan.number_convention.name(),
        "number_evidence": plan.number_evidence,
        "metrics": kinds,
        "metric_sources": sources,
        "lang": plan.lang,
        "title": plan.title,
        "unknown_columns": plan.unknown_columns.iter()
            .map(|(c, t)| json!({"column": CellPos::column_letters(*c), "header": t}))
            .collect::<Vec<_>>(),
        "duplicate_columns": plan.duplicate_columns.iter()
            .map(|(c, t, f)| json!({"column": CellPos::column_letters(*c), "header": t, "field": f.name()}))
            .collect::<Vec<_>>(),
        "derived_columns": plan.derived_columns.iter()
            .map(|(c, t)| json!({"column": CellPos::column_letters(*c), "header": t}))
            .collect::<Vec<_>>(),
        "column_units": plan.column_units.iter()
            .map(|(f, u)| (f.name().to_string(), json!(u)))
            .collect::<serde_json::Map<String, Value>>(),
        "action_sheet": plan.actions.as_ref().map(|a| json!({"sheet": a.sheet, "actions": a.actions.len()})),
        "budget_sheet": plan.budget.as_ref().map(|b| json!({"sheet": b.sheet, "lines": b.lines.len()})),
        "formulas_without_results": formulas_without_results(plan),
        "fiscal_year": fiscal_year_json(plan),
        "months": plan.month_columns.iter()
            .map(|m| json!({"month": m.month, "year": m.year, "column": CellPos::column_letters(m.col), "header": m.header}))
            .collect::<Vec<_>>(),
    })
}

/// The plan's year as `inspect` reports it: its first month, where that came from, and the
/// span of the plan year when there is one (`{"first_month": 4, "source": "title", "label":
/// "FY2026 (2026-04 – 2027-03)", "start": "2026-04-01", "end": "2027-03-31"}`).
fn fiscal_year_json(plan: &Plan) -> Value {
    let span = plan.year_span();
    json!({
        "first_month": plan.fiscal.first_month,
        "source": plan.fiscal_source,
        "label": plan.plan_year.map(|y| plan.fiscal.label(y)),
        "start": span.map(|s| s.start.format("%Y-%m-%d").to_string()),
        "end": span.map(|s| s.end.format("%Y-%m-%d").to_string()),
    })
}

/// Formula cells the file stored no result for: how many were computed, and the cells that
/// could not be (`Goals!F6`).
fn formulas_without_results(plan: &Plan) -> Value {
    json!({
        "computed": plan.computed_formulas,
        "not_computed": plan.uncomputed_formulas.iter()
            .map(|u| format!("{}!{}", u.sheet, u.cell))
            .collect::<Vec<_>>(),
    })
}

/// A short human report of the same facts, labelled in `lang`.
pub fn inspect_text(plan: &Plan, lang: Lang) -> String {
    use std::fmt::Write;
    let t = |en: &'static str, zh: &'static str| lang.pick(en, zh);
    // Labels padded to one width: 12 columns in English, 6 full-width characters in Chinese.
    let label = |en: &'static str, zh: &'static str| match lang {
        Lang::En => format!("{en:<12}"),
        Lang::Zh => {
            let width: usize = zh.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum();
            format!("{zh}{}", " ".repeat(12usize.saturating_sub(width)))
        }
    };
    let mut s = String::new();
    let _ = writeln!(s, "{}{}", label("file", "文件"), plan.file);
    let _ = writeln!(s, "{}{}", label("sheet", "工作表"), plan.sheet);
    let _ = writeln!(s, "{}{}", label("encoding", "编码"), encoding(plan));
    if let Some(title) = &plan.title {
        let _ = writeln!(s, "{}{title}", label("title", "标题"));
    }
    let rows: Vec<String> = plan
        .header_rows
        .iter()
        .map(|r| (r + 1).to_string())
        .collect();
    let _ = match lang {
        Lang::En => writeln!(s, "{}row {}", label("header", ""), rows.join("–")),
        Lang::Zh => writeln!(s, "{}第 {} 行", label("", "表头"), rows.join("–")),
    };
    let _ = writeln!(
        s,
        "{}{}",
        label("layout", "布局"),
        match plan.layout {
            LayoutKind::Wide => t("wide (quarter columns)", "宽表（每季度一列）"),
            LayoutKind::Long => t(
                "long (one row per goal per quarter)",
                "长表（每个目标每季度一行）"
            ),
        }
    );
    let _ = writeln!(s, "{}{}", label("goals", "目标数"), plan.goals.len());
    let totals: Vec<String> = plan
        .totals
        .iter()
        .map(|r| format!("{} ({})", r.row + 1, r.label))
        .collect();
    let _ = writeln!(
        s,
        "{}{}",
        label("totals rows", "合计行"),
        if totals.is_empty() {
            t("none", "无").to_string()
        } else {
            totals.join(", ")
        }
    );
    let _ = writeln!(
        s,
        "{}{}",
        label("plan year", "计划年度"),
        plan.plan_year
            .map_or(t("unknown", "未知").to_string(), |y| plan.fiscal.label(y))
    );
    let evidence = plan.number_evidence.summary();
    let convention = match (lang, plan.number_convention.name()) {
        (Lang::Zh, "comma") => "逗号".to_string(),
        (Lang::Zh, "point") => "小数点".to_string(),
        (_, name) => name.to_string(),
    };
    let _ = writeln!(
        s,
        "{}{} {convention} ({}){}",
        label("numbers", "数字"),
        t("decimal", "小数分隔符"),
        plan.number_convention.example(),
        if evidence.is_empty() {
            String::new()
        } else {
            format!("{}{evidence}", t("; from ", "；依据："))
        }
    );
    if !plan.month_columns.is_empty() {
        let months: Vec<String> = plan
            .month_columns
            .iter()
            .map(|m| format!("{} {}", CellPos::column_letters(m.col), m.header))
            .collect();
        let _ = match lang {
            Lang::En => writeln!(
                s,
                "{}{} (folded into quarters)",
                label("months", ""),
                months.join(", ")
            ),
            Lang::Zh => writeln!(
                s,
                "{}{}（并入季度）",
                label("", "月份列"),
                months.join(", ")
            ),
        };
    }
    let _ = writeln!(s, "{}", t("columns", "列"));
    for (f, c) in &plan.columns {
        match plan.column_units.get(f) {
            Some(u) => {
                let _ = writeln!(s, "  {:<4} {} ({u})", CellPos::column_letters(*c), f.name());
            }
            None => {
                let _ = writeln!(s, "  {:<4} {}", CellPos::column_letters(*c), f.name());
            }
        }
    }
    if !plan.derived_columns.is_empty() {
        let _ = writeln!(s, "{}", t("derived (not read)", "派生列（不读取）"));
        for (c, text) in &plan.derived_columns {
            let _ = writeln!(s, "  {:<4} {}", CellPos::column_letters(*c), text);
        }
    }
    if !plan.unknown_columns.is_empty() || !plan.duplicate_columns.is_empty() {
        let _ = writeln!(s, "{}", t("not read", "未读取的列"));
        for (c, text) in &plan.unknown_columns {
            let _ = writeln!(s, "  {:<4} {}", CellPos::column_letters(*c), text);
        }
        for (c, text, f) in &plan.duplicate_columns {
            let _ = match lang {
                Lang::En => writeln!(
                    s,
                    "  {:<4} {}  (a second {} column)",
                    CellPos::column_letters(*c),
                    text,
                    f.name()
                ),
                Lang::Zh => writeln!(
                    s,
                    "  {:<4} {}（第二个 {} 列）",
                    CellPos::column_letters(*c),
                    text,
                    f.name()
                ),
            };
        }
    }
    if plan.computed_formulas > 0 || !plan.uncomputed_formulas.is_empty() {
        let cells: Vec<String> = plan
            .uncomputed_formulas
            .iter()
            .map(|u| format!("{}!{}", u.sheet, u.cell))
            .collect();
        let listed = if cells.is_empty() {
            String::new()
        } else {
            format!("{}{}", t(": ", "："), cells.join(", "))
        };
        let _ = match lang {
            Lang::En => writeln!(
                s,
                "{}{} without a stored result computed; {} not computed{listed}",
                label("formulas", ""),
                plan.computed_formulas,
                cells.len()
            ),
            Lang::Zh => writeln!(
                s,
                "{}{} 个无缓存结果的公式已计算；{} 个未计算{listed}",
                label("", "公式"),
                plan.computed_formulas,
                cells.len()
            ),
        };
    }
    let metrics = metrics(plan);
    if !metrics.is_empty() {
        let _ = writeln!(s, "{}", t("metrics", "指标"));
        for (m, (kind, source)) in &metrics {
            match lang {
                Lang::En => {
                    let _ = writeln!(s, "  {kind:<6} {m}  (from {source})");
                }
                Lang::Zh => {
                    let kind_zh = match *kind {
                        "sum" => "累加",
                        "level" => "时点",
                        "ratio" => "比率",
                        other => other,
                    };
                    let source_zh = match *source {
                        "column" => "汇总方式列",
                        "config" => "配置文件",
                        "unit" => "单位",
                        "lexicon" => "指标词库",
                        _ => "默认",
                    };
                    let _ = writeln!(s, "  {kind_zh}  {m}（依据：{source_zh}）");
                }
            }
        }
    }
    if let Some(a) = &plan.actions {
        let _ = match lang {
            Lang::En => writeln!(
                s,
                "{}sheet {} ({})",
                label("actions", ""),
                a.sheet,
                crate::rules::show::count(a.actions.len(), "action", "actions")
            ),
            Lang::Zh => writeln!(
                s,
                "{}工作表 {}（{} 项行动）",
                label("", "行动计划"),
                a.sheet,
                a.actions.len()
            ),
        };
    }
    if let Some(b) = &plan.budget {
        let _ = match lang {
            Lang::En => writeln!(
                s,
                "{}sheet {} ({})",
                label("budget", ""),
                b.sheet,
                crate::rules::show::count(b.lines.len(), "line", "lines")
            ),
            Lang::Zh => writeln!(
                s,
                "{}工作表 {}（{} 行）",
                label("", "预算"),
                b.sheet,
                b.lines.len()
            ),
        };
    }
    s
}
