//! Test helpers for rule unit tests: build a [`Plan`] with mapped columns and goals whose
//! values carry raw text and cells, run one rule, and list its hits by rule id and cell.
//!
//! ```ignore
//! let mut plan = wide_plan();
//! plan.goals.push(goal(&plan, 5).text(Field::Id, "KR1").num(Field::Target, 1200.0).build());
//! assert_eq!(hits(&run(&QuartersReconcile, &plan), "M005"), vec!["I5"]);
//! ```

// Not every rule's tests use every helper.
#![allow(dead_code)]

use chrono::NaiveDate;
use indexmap::IndexMap;

use crate::Config;
use crate::model::{
    Aggregation, DateField, DateSpan, Direction, Field, Goal, Lang, Num, Plan, Text, ValueIssue,
};
use crate::rules::{Context, Finding, Rule, sort_findings};

/// The columns of [`wide_plan`], in sheet order from column A.
pub const WIDE_COLUMNS: [Field; 18] = [
    Field::Id,        // A
    Field::Parent,    // B
    Field::Dimension, // C
    Field::Objective, // D
    Field::KeyResult, // E
    Field::Metric,    // F
    Field::Unit,      // G
    Field::Baseline,  // H
    Field::Target,    // I
    Field::Q1,        // J
    Field::Q2,        // K
    Field::Q3,        // L
    Field::Q4,        // M
    Field::Owner,     // N
    Field::Start,     // O
    Field::Due,       // P
    Field::Budget,    // Q
    Field::Notes,     // R
];

/// An empty plan (`plan.xlsx`, sheet `目标分解`, header on row 1, plan year 2026) with these
/// fields mapped to columns A, B, C, … in order.
pub fn plan_with(fields: &[Field]) -> Plan {
    let columns: IndexMap<Field, u32> = fields
        .iter()
        .enumerate()
        .map(|(i, f)| (*f, i as u32))
        .collect();
    Plan {
        file: "plan.xlsx".into(),
        sheet: "目标分解".into(),
        plan_year: Some(2026),
        header_rows: vec![0],
        columns,
        ..Plan::default()
    }
}

/// An empty plan with the [`WIDE_COLUMNS`].
pub fn wide_plan() -> Plan {
    plan_with(&WIDE_COLUMNS)
}

/// Start a goal on an Excel row number (1-based, as the sheet shows it) of `plan`.
pub fn goal(plan: &Plan, excel_row: u32) -> GoalBuilder {
    let row = excel_row.saturating_sub(1);
    GoalBuilder {
        columns: plan.columns.clone(),
        goal: Goal {
            row,
            rows: vec![row],
            ..Goal::default()
        },
    }
}

/// Builds a [`Goal`]; each setter fills the value, its raw text and its cell (when the plan
/// has a column for the field).
pub struct GoalBuilder {
    columns: IndexMap<Field, u32>,
    goal: Goal,
}

fn text_slot(goal: &mut Goal, field: Field) -> Option<&mut Text> {
    Some(match field {
        Field::Id => &mut goal.id,
        Field::Parent => &mut goal.parent,
        Field::Dimension => &mut goal.dimension,
        Field::Objective => &mut goal.objective,
        Field::KeyResult => &mut goal.key_result,
        Field::Metric => &mut goal.metric,
        Field::Unit => &mut goal.unit,
        Field::Owner => &mut goal.owner,
        Field::Channel => &mut goal.channel,
        Field::ProductLine => &mut goal.product_line,
        Field::Aggregation => &mut goal.aggregation_text,
        Field::Direction => &mut goal.direction_text,
        Field::Status => &mut goal.status,
        Field::Notes => &mut goal.notes,
        _ => return None,
    })
}

fn num_slot(goal: &mut Goal, field: Field) -> Option<&mut Num> {
    Some(match field {
        Field::Baseline => &mut goal.baseline,
        Field::Target => &mut goal.target,
        Field::Q1 => &mut goal.quarters[0],
        Field::Q2 => &mut goal.quarters[1],
        Field::Q3 => &mut goal.quarters[2],
        Field::Q4 => &mut goal.quarters[3],
        Field::ActualQ1 => &mut goal.actual_quarters[0],
        Field::ActualQ2 => &mut goal.actual_quarters[1],
        Field::ActualQ3 => &mut goal.actual_quarters[2],
        Field::ActualQ4 => &mut goal.actual_quarters[3],
        Field::Actual => &mut goal.actual,
        Field::Budget => &mut goal.budget,
        Field::Weight => &mut goal.weight,
        _ => return None,
    })
}

fn date_slot(goal: &mut Goal, field: Field) -> Option<&mut DateField> {
    Some(match field {
        Field::Start => &mut goal.start,
        Field::Due => &mut goal.due,
        _ => return None,
    })
}

/// A plain number as a cell would show it (`1200`, `0.35`).
fn raw_number(value: f64) -> String {
    let s = format!("{value}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

impl GoalBuilder {
    fn cell(&self, field: Field) -> Option<crate::model::CellPos> {
        self.columns
            .get(&field)
            .map(|&col| crate::model::CellPos::new(self.goal.row, col))
    }

    /// A text field (`Id`, `Owner`, `Metric`, …). Panics on a non-text field (tests only).
    pub fn text(mut self, field: Field, value: &str) -> Self {
        let cell = self.cell(field);
        let slot = text_slot(&mut self.goal, field)
            .unwrap_or_else(|| panic!("{field:?} is not a text field"));
        *slot = Text {
            value: Some(value.to_string()),
            raw: value.to_string(),
            cell,
            issue: None,
        };
        self
    }

    /// A numeric field with the number as raw text.
    pub fn num(self, field: Field, value: f64) -> Self {
        let raw = raw_number(value);
        self.num_raw(field, &raw, Some(value))
    }

    /// A numeric field with its raw text (`"120%"`, `"1,200"`) and parsed value.
    pub fn num_raw(mut self, field: Field, raw: &str, value: Option<f64>) -> Self {
        let cell = self.cell(field);
        let slot = num_slot(&mut self.goal, field)
            .unwrap_or_else(|| panic!("{field:?} is not a numeric field"));
        *slot = Num {
            value,
            raw: raw.to_string(),
            cell,
            issue: None,
        };
        self
    }

    /// A percentage field written as `NN%` (stored as the fraction); marks the goal a percent
    /// metric.
    pub fn pct(mut self, field: Field, fraction: f64) -> Self {
        self.goal.is_percent = true;
        let raw = format!("{}%", raw_number((fraction * 1e6).round() / 1e4));
        self.num_raw(field, &raw, Some(fraction))
    }

    /// The four quarterly targets.
    pub fn quarters(self, q: [f64; 4]) -> Self {
        let mut b = self;
        for (field, v) in Field::QUARTERS.into_iter().zip(q) {
            b = b.num(field, v);
        }
        b
    }

    /// A value with an issue: a marker (`待定`) or unparsable text, on a text, numeric or
    /// date field.
    pub fn issue(mut self, field: Field, raw: &str, issue: ValueIssue) -> Self {
        let cell = self.cell(field);
        if let Some(slot) = num_slot(&mut self.goal, field) {
            *slot = Num {
                value: None,
                raw: raw.into(),
                cell,
                issue: Some(Box::new(issue)),
            };
        } else if let Some(slot) = date_slot(&mut self.goal, field) {
            *slot = DateField {
                value: None,
                raw: raw.into(),
                cell,
                issue: Some(Box::new(issue)),
            };
        } else if let Some(slot) = text_slot(&mut self.goal, field) {
            *slot = Text {
                value: None,
                raw: raw.into(),
                cell,
                issue: Some(Box::new(issue)),
            };
        }
        self
    }

    /// A not-yet-set marker (`待定`, `TBD`).
    pub fn marker(self, field: Field, raw: &str) -> Self {
        self.issue(field, raw, ValueIssue::Marker(raw.to_string()))
    }

    /// Text that is not a value of the field's kind.
    pub fn unparsable(self, field: Field, raw: &str) -> Self {
        self.issue(field, raw, ValueIssue::Unparsable)
    }

    /// A date or period field spanning `start..=end` (`"YYYY-MM-DD"`), with its raw text.
    pub fn date(mut self, field: Field, raw: &str, start: &str, end: &str) -> Self {
        let cell = self.cell(field);
        let parse = |s: &str| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d")
                .unwrap_or_else(|e| panic!("test date {s}: {e}"))
        };
        let span = DateSpan {
            start: parse(start),
            end: parse(end),
        };
        if let Some(slot) = date_slot(&mut self.goal, field) {
            *slot = DateField {
                value: Some(span),
                raw: raw.into(),
                cell,
                issue: None,
            };
        }
        self
    }

    pub fn aggregation(mut self, aggregation: Aggregation) -> Self {
        self.goal.aggregation = aggregation;
        self
    }

    pub fn direction(mut self, direction: Direction) -> Self {
        self.goal.direction = direction;
        self
    }

    pub fn percent(mut self, is_percent: bool) -> Self {
        self.goal.is_percent = is_percent;
        self
    }

    pub fn inherited_objective(mut self) -> Self {
        self.goal.objective_inherited = true;
        self
    }

    /// The goal's rows (long layout: several).
    pub fn rows(mut self, excel_rows: &[u32]) -> Self {
        self.goal.rows = excel_rows.iter().map(|r| r.saturating_sub(1)).collect();
        self
    }

    pub fn build(self) -> Goal {
        self.goal
    }
}

/// Run one rule over the plan with the default config in English; findings sorted.
pub fn run(rule: &dyn Rule, plan: &Plan) -> Vec<Finding> {
    run_with(rule, plan, &Config::default(), Lang::En)
}

/// Run one rule with a given config and language; findings sorted.
pub fn run_with(rule: &dyn Rule, plan: &Plan, config: &Config, lang: Lang) -> Vec<Finding> {
    let ctx = Context::new(plan, config, lang);
    let mut out = Vec::new();
    rule.check(&ctx, &mut out);
    sort_findings(plan, &mut out);
    out
}

/// The cells (`H5`, or `-` for a plan-level finding) of the findings of rule `id`.
pub fn hits(findings: &[Finding], id: &str) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.rule == id)
        .map(|f| f.cell.map_or_else(|| "-".to_string(), |c| c.a1()))
        .collect()
}

/// A default config with one tweak.
pub fn config_with(edit: impl FnOnce(&mut Config)) -> Config {
    let mut c = Config::default();
    edit(&mut c);
    c
}
