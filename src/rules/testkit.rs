//! Test helpers for the R, T, E, B and D rules: goals, actions and budget lines built in
//! code, laid out on a fixed set of columns, and a runner for one rule.

use chrono::NaiveDate;
use indexmap::IndexMap;

use super::{Context, Finding, Rule};
use crate::config::Config;
use crate::model::{
    Action, ActionField, ActionSheet, Aggregation, BudgetLine, BudgetSheet, CellPos, DateField,
    DateSpan, Field, Goal, Lang, Num, Plan, Sourced, Text, TotalsRow, ValueIssue,
};

/// The goal sheet's columns in test plans.
pub const GOAL_COLUMNS: [(Field, u32); 18] = [
    (Field::Id, 0),
    (Field::Parent, 1),
    (Field::Dimension, 2),
    (Field::Objective, 3),
    (Field::KeyResult, 4),
    (Field::Metric, 5),
    (Field::Unit, 6),
    (Field::Baseline, 7),
    (Field::Target, 8),
    (Field::Q1, 9),
    (Field::Q2, 10),
    (Field::Q3, 11),
    (Field::Q4, 12),
    (Field::Owner, 13),
    (Field::Channel, 14),
    (Field::Start, 15),
    (Field::Due, 16),
    (Field::Budget, 17),
];

/// The action sheet's columns in test plans.
pub const ACTION_COLUMNS: [(ActionField, u32); 9] = [
    (ActionField::Id, 0),
    (ActionField::Action, 1),
    (ActionField::GoalId, 2),
    (ActionField::Owner, 3),
    (ActionField::Start, 4),
    (ActionField::End, 5),
    (ActionField::How, 6),
    (ActionField::Resources, 7),
    (ActionField::Budget, 8),
];

pub fn col(field: Field) -> u32 {
    GOAL_COLUMNS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(30, |(_, c)| *c)
}

pub fn action_col(field: ActionField) -> u32 {
    ACTION_COLUMNS
        .iter()
        .find(|(f, _)| *f == field)
        .map_or(30, |(_, c)| *c)
}

pub fn at(row: u32, col: u32) -> CellPos {
    CellPos::new(row, col)
}

pub fn text_cell(cell: CellPos, s: &str) -> Text {
    Sourced {
        value: (!s.trim().is_empty()).then(|| s.to_string()),
        raw: s.to_string(),
        cell: Some(cell),
        issue: None,
    }
}

pub fn num_cell(cell: CellPos, v: f64) -> Num {
    Sourced {
        value: Some(v),
        raw: v.to_string(),
        cell: Some(cell),
        issue: None,
    }
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

pub fn span_cell(cell: CellPos, raw: &str, start: NaiveDate, end: NaiveDate) -> DateField {
    Sourced {
        value: Some(DateSpan { start, end }),
        raw: raw.to_string(),
        cell: Some(cell),
        issue: None,
    }
}

pub fn date_cell(cell: CellPos, d: NaiveDate) -> DateField {
    span_cell(cell, &d.format("%Y-%m-%d").to_string(), d, d)
}

/// A value with an issue (marker, unparsable text, formula error).
pub fn issue_cell<T>(cell: CellPos, raw: &str, issue: ValueIssue) -> Sourced<T> {
    Sourced {
        value: None,
        raw: raw.to_string(),
        cell: Some(cell),
        issue: Some(Box::new(issue)),
    }
}

/// A blank cell in an existing column.
pub fn blank_cell<T>(cell: CellPos) -> Sourced<T> {
    Sourced {
        value: None,
        raw: String::new(),
        cell: Some(cell),
        issue: None,
    }
}

/// A goal under construction; every field sits in its [`GOAL_COLUMNS`] column.
pub struct G(pub Goal);

impl G {
    pub fn new(row: u32, id: &str) -> G {
        let mut g = Goal {
            row,
            rows: vec![row],
            ..Goal::default()
        };
        g.id = text_cell(at(row, col(Field::Id)), id);
        for (field, c) in GOAL_COLUMNS {
            let cell = Some(at(row, c));
            match field {
                Field::Parent => g.parent.cell = cell,
                Field::Dimension => g.dimension.cell = cell,
                Field::Objective => g.objective.cell = cell,
                Field::KeyResult => g.key_result.cell = cell,
                Field::Metric => g.metric.cell = cell,
                Field::Unit => g.unit.cell = cell,
                Field::Baseline => g.baseline.cell = cell,
                Field::Target => g.target.cell = cell,
                Field::Q1 => g.quarters[0].cell = cell,
                Field::Q2 => g.quarters[1].cell = cell,
                Field::Q3 => g.quarters[2].cell = cell,
                Field::Q4 => g.quarters[3].cell = cell,
                Field::Owner => g.owner.cell = cell,
                Field::Channel => g.channel.cell = cell,
                Field::Start => g.start.cell = cell,
                Field::Due => g.due.cell = cell,
                Field::Budget => g.budget.cell = cell,
                _ => {}
            }
        }
        G(g)
    }
    fn cell(&self, field: Field) -> CellPos {
        at(self.0.row, col(field))
    }
    pub fn parent(mut self, p: &str) -> G {
        self.0.parent = text_cell(self.cell(Field::Parent), p);
        self
    }
    pub fn dimension(mut self, d: &str) -> G {
        self.0.dimension = text_cell(self.cell(Field::Dimension), d);
        self
    }
    pub fn objective(mut self, s: &str) -> G {
        self.0.objective = text_cell(self.cell(Field::Objective), s);
        self
    }
    pub fn key_result(mut self, s: &str) -> G {
        self.0.key_result = text_cell(self.cell(Field::KeyResult), s);
        self
    }
    pub fn metric(mut self, m: &str) -> G {
        self.0.metric = text_cell(self.cell(Field::Metric), m);
        self
    }
    pub fn unit(mut self, u: &str) -> G {
        self.0.unit = text_cell(self.cell(Field::Unit), u);
        self
    }
    pub fn target(mut self, v: f64) -> G {
        self.0.target = num_cell(self.cell(Field::Target), v);
        self
    }
    pub fn budget(mut self, v: f64) -> G {
        self.0.budget = num_cell(self.cell(Field::Budget), v);
        self
    }
    pub fn quarters(mut self, qs: [Option<f64>; 4]) -> G {
        for (q, v) in qs.into_iter().enumerate() {
            if let Some(v) = v {
                self.0.quarters[q] = num_cell(self.cell(Field::QUARTERS[q]), v);
            }
        }
        self
    }
    pub fn agg(mut self, a: Aggregation) -> G {
        self.0.aggregation = a;
        self
    }
    pub fn due(mut self, y: i32, m: u32, d: u32) -> G {
        self.0.due = date_cell(self.cell(Field::Due), day(y, m, d));
        self
    }
    pub fn due_span(mut self, raw: &str, start: NaiveDate, end: NaiveDate) -> G {
        self.0.due = span_cell(self.cell(Field::Due), raw, start, end);
        self
    }
    pub fn start(mut self, y: i32, m: u32, d: u32) -> G {
        self.0.start = date_cell(self.cell(Field::Start), day(y, m, d));
        self
    }
    pub fn with(mut self, f: impl FnOnce(&mut Goal)) -> G {
        f(&mut self.0);
        self
    }
    pub fn build(self) -> Goal {
        self.0
    }
}

/// An action under construction; every field sits in its [`ACTION_COLUMNS`] column.
pub struct A(pub Action);

impl A {
    /// An action with id, goal id, owner, resources, start and end set (a complete row).
    pub fn new(row: u32, id: &str, goal: &str) -> A {
        let c = |f| at(row, action_col(f));
        A(Action {
            row,
            id: text_cell(c(ActionField::Id), id),
            action: text_cell(c(ActionField::Action), "do it"),
            goal_id: text_cell(c(ActionField::GoalId), goal),
            owner: text_cell(c(ActionField::Owner), "Li"),
            start: date_cell(c(ActionField::Start), day(2026, 2, 1)),
            end: date_cell(c(ActionField::End), day(2026, 3, 31)),
            how: blank_cell(c(ActionField::How)),
            resources: text_cell(c(ActionField::Resources), "agency"),
            budget: blank_cell(c(ActionField::Budget)),
        })
    }
    pub fn cell(&self, f: ActionField) -> CellPos {
        at(self.0.row, action_col(f))
    }
    pub fn budget(mut self, v: f64) -> A {
        self.0.budget = num_cell(self.cell(ActionField::Budget), v);
        self
    }
    pub fn dates(mut self, start: NaiveDate, end: NaiveDate) -> A {
        self.0.start = date_cell(self.cell(ActionField::Start), start);
        self.0.end = date_cell(self.cell(ActionField::End), end);
        self
    }
    pub fn with(mut self, f: impl FnOnce(&mut Action)) -> A {
        f(&mut self.0);
        self
    }
    pub fn build(self) -> Action {
        self.0
    }
}

/// A plan on sheet `Goals` with every [`GOAL_COLUMNS`] column, header on row 0, year 2026.
pub fn plan(goals: Vec<Goal>) -> Plan {
    Plan {
        file: "plan.xlsx".into(),
        sheet: "Goals".into(),
        plan_year: Some(2026),
        header_rows: vec![0],
        columns: GOAL_COLUMNS.into_iter().collect(),
        goals,
        ..Plan::default()
    }
}

/// An action sheet named `Actions` with every [`ACTION_COLUMNS`] column.
pub fn action_sheet(actions: Vec<Action>) -> ActionSheet {
    ActionSheet {
        sheet: "Actions".into(),
        header_rows: vec![0],
        columns: ACTION_COLUMNS.into_iter().collect(),
        actions,
    }
}

/// A budget line on sheet `Budget`: item in column A, amount in column B.
pub fn budget_line(row: u32, item: &str, amount: f64, is_reserve: bool) -> BudgetLine {
    BudgetLine {
        row,
        item: text_cell(at(row, 0), item),
        amount: num_cell(at(row, 1), amount),
        is_reserve,
        ..BudgetLine::default()
    }
}

/// A budget sheet named `Budget`, with a total line (amount in column B) when given.
pub fn budget_sheet(lines: Vec<BudgetLine>, total: Option<(u32, f64)>) -> BudgetSheet {
    BudgetSheet {
        sheet: "Budget".into(),
        header_rows: vec![0],
        lines,
        total: total
            .map(|(row, amount)| totals_row(row, "合计", &[(Field::Budget, at(row, 1), amount)])),
    }
}

/// A totals row with the given values.
pub fn totals_row(row: u32, label: &str, values: &[(Field, CellPos, f64)]) -> TotalsRow {
    let values: IndexMap<Field, Num> = values
        .iter()
        .map(|&(f, cell, v)| (f, num_cell(cell, v)))
        .collect();
    TotalsRow {
        row,
        label: label.into(),
        values,
    }
}

/// Run one rule over the plan with the default config, messages in English.
pub fn run(rule: &dyn Rule, plan: &Plan) -> Vec<Finding> {
    run_in(rule, plan, Lang::En)
}

/// Run one rule over the plan with the default config, messages in `lang`.
pub fn run_in(rule: &dyn Rule, plan: &Plan, lang: Lang) -> Vec<Finding> {
    let config = Config::default();
    let ctx = Context::new(plan, &config, lang);
    let mut out = Vec::new();
    rule.check(&ctx, &mut out);
    for f in &out {
        assert_eq!(f.rule, rule.info().id, "a rule reports only its own id");
    }
    out
}

/// The findings as (rule, sheet!cell) pairs; `-` for a plan-level finding.
pub fn hits(findings: &[Finding]) -> Vec<(&'static str, String)> {
    findings
        .iter()
        .map(|f| {
            let cell = f.cell.map_or_else(|| "-".to_string(), |c| c.a1());
            (f.rule, format!("{}!{}", f.sheet, cell))
        })
        .collect()
}

/// Checks every rule's static description: id, letter, non-empty EN/ZH title and hint, the
/// three doc sections.
pub fn assert_info(rule: &dyn Rule) {
    let info = rule.info();
    assert_eq!(info.id.len(), 4, "{}", info.id);
    assert_eq!(info.id.chars().next(), Some(info.letter.as_char()));
    for (what, text) in [
        ("title_en", info.title_en),
        ("title_zh", info.title_zh),
        ("hint_en", info.hint_en),
        ("hint_zh", info.hint_zh),
    ] {
        assert!(!text.trim().is_empty(), "{} {what} empty", info.id);
    }
    for section in ["## What it checks", "## Why it matters", "## Example"] {
        assert!(
            info.doc.contains(section),
            "{} doc lacks {section}",
            info.id
        );
    }
    assert!(
        info.name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{REGISTRY, check_plan, find_rule};

    const RTEBD: [&str; 29] = [
        "R001", "R002", "R003", "R004", "R005", "R006", "R007", "T001", "T002", "T003", "T004",
        "T005", "T006", "T007", "E001", "E002", "E003", "E004", "E005", "E006", "E007", "B001",
        "B002", "B003", "D001", "D002", "D003", "D004", "D005",
    ];

    #[test]
    fn registry_holds_every_r_t_e_b_d_rule_once_in_catalogue_order() {
        let ids: Vec<&str> = REGISTRY
            .iter()
            .map(|r| r.info().id)
            .filter(|id| RTEBD.contains(id))
            .collect();
        assert_eq!(ids, RTEBD);
        for id in RTEBD {
            let rule = find_rule(&id.to_lowercase()).map(|r| r.info().id);
            assert_eq!(rule, Some(id));
            if let Some(r) = find_rule(id) {
                assert_info(r);
            }
        }
    }

    #[test]
    fn all_rules_stay_linear_on_a_100000_goal_plan() {
        let n: u32 = 100_000;
        let mut goals = Vec::with_capacity(n as usize);
        let mut actions = Vec::new();
        for i in 0..n {
            let row = i + 1;
            let g = if i % 100 == 0 {
                G::new(row, &format!("O{i}"))
                    .metric("销售额")
                    .target(1000.0)
            } else {
                let parent = format!("O{}", i - i % 100);
                actions.push(
                    A::new(row, &format!("A{i}"), &format!("KR{i}"))
                        .budget(1.0)
                        .build(),
                );
                G::new(row, &format!("KR{i}"))
                    .parent(&parent)
                    .metric("销售额")
                    .target(10.0)
                    .budget(2.0)
            };
            goals.push(
                g.dimension("业务增长")
                    .due(2026, 12, 31)
                    .start(2026, 1, 1)
                    .build(),
            );
        }
        let mut p = plan(goals);
        p.actions = Some(action_sheet(actions));
        p.totals = vec![totals_row(
            n + 1,
            "合计",
            &[(Field::Budget, at(n + 1, col(Field::Budget)), 1.0)],
        )];
        let started = std::time::Instant::now();
        let findings = check_plan(&p, &Config::default(), Lang::En);
        let took = started.elapsed();
        assert!(took.as_secs() < 20, "rules took {took:?}");
        // The plan is clean but for the wrong total and each parent's shortfall (99 × 10 < 1000).
        let d003 = findings.iter().filter(|f| f.rule == "D003").count();
        let r006 = findings.iter().filter(|f| f.rule == "R006").count();
        assert_eq!((d003, r006), (1, 1000));
        let mine = findings.iter().filter(|f| RTEBD.contains(&f.rule)).count();
        assert_eq!(
            mine,
            1001,
            "{:?}",
            findings
                .iter()
                .find(|f| !["D003", "R006"].contains(&f.rule))
        );
    }
}
