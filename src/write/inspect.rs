//! `inspect` output: how a plan was read.

use serde_json::{Value, json};

use crate::model::{CellPos, LayoutKind, Plan};

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

/// A short human report of the same facts.
pub fn inspect_text(plan: &Plan) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "file        {}", plan.file);
    let _ = writeln!(s, "sheet       {}", plan.sheet);
    let _ = writeln!(s, "encoding    {}", encoding(plan));
    if let Some(t) = &plan.title {
        let _ = writeln!(s, "title       {t}");
    }
    let rows: Vec<String> = plan
        .header_rows
        .iter()
        .map(|r| (r + 1).to_string())
        .collect();
    let _ = writeln!(s, "header      row {}", rows.join("–"));
    let _ = writeln!(
        s,
        "layout      {}",
        match plan.layout {
            LayoutKind::Wide => "wide (quarter columns)",
            LayoutKind::Long => "long (one row per goal per quarter)",
        }
    );
    let _ = writeln!(s, "goals       {}", plan.goals.len());
    let totals: Vec<String> = plan
        .totals
        .iter()
        .map(|t| format!("{} ({})", t.row + 1, t.label))
        .collect();
    let _ = writeln!(
        s,
        "totals rows {}",
        if totals.is_empty() {
            "none".into()
        } else {
            totals.join(", ")
        }
    );
    let _ = writeln!(
        s,
        "plan year   {}",
        plan.plan_year
            .map_or("unknown".to_string(), |y| plan.fiscal.label(y))
    );
    let evidence = plan.number_evidence.summary();
    let _ = writeln!(
        s,
        "numbers     decimal {} ({}){}",
        plan.number_convention.name(),
        plan.number_convention.example(),
        if evidence.is_empty() {
            String::new()
        } else {
            format!("; from {evidence}")
        }
    );
    if !plan.month_columns.is_empty() {
        let months: Vec<String> = plan
            .month_columns
            .iter()
            .map(|m| format!("{} {}", CellPos::column_letters(m.col), m.header))
            .collect();
        let _ = writeln!(
            s,
            "months      {} (folded into quarters)",
            months.join(", ")
        );
    }
    let _ = writeln!(s, "columns");
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
        let _ = writeln!(s, "derived (not read)");
        for (c, t) in &plan.derived_columns {
            let _ = writeln!(s, "  {:<4} {}", CellPos::column_letters(*c), t);
        }
    }
    if !plan.unknown_columns.is_empty() || !plan.duplicate_columns.is_empty() {
        let _ = writeln!(s, "not read");
        for (c, t) in &plan.unknown_columns {
            let _ = writeln!(s, "  {:<4} {}", CellPos::column_letters(*c), t);
        }
        for (c, t, f) in &plan.duplicate_columns {
            let _ = writeln!(
                s,
                "  {:<4} {}  (a second {} column)",
                CellPos::column_letters(*c),
                t,
                f.name()
            );
        }
    }
    if plan.computed_formulas > 0 || !plan.uncomputed_formulas.is_empty() {
        let cells: Vec<String> = plan
            .uncomputed_formulas
            .iter()
            .map(|u| format!("{}!{}", u.sheet, u.cell))
            .collect();
        let _ = writeln!(
            s,
            "formulas    {} without a stored result computed; {} not computed{}",
            plan.computed_formulas,
            cells.len(),
            if cells.is_empty() {
                String::new()
            } else {
                format!(": {}", cells.join(", "))
            }
        );
    }
    let metrics = metrics(plan);
    if !metrics.is_empty() {
        let _ = writeln!(s, "metrics");
        for (m, (kind, source)) in &metrics {
            let _ = writeln!(s, "  {kind:<6} {m}  (from {source})");
        }
    }
    if let Some(a) = &plan.actions {
        let count = crate::rules::show::count(a.actions.len(), "action", "actions");
        let _ = writeln!(s, "actions     sheet {} ({count})", a.sheet);
    }
    if let Some(b) = &plan.budget {
        let count = crate::rules::show::count(b.lines.len(), "line", "lines");
        let _ = writeln!(s, "budget      sheet {} ({count})", b.sheet);
    }
    s
}
