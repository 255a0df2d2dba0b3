//! rules stage: the SMART rule catalogue (DESIGN §3).
//!
//! One file per rule under a folder per letter (`m/m005_quarters_reconcile.rs`). Each file
//! holds a unit struct with its [`RuleInfo`] (id, letter, default severity, EN/ZH title and
//! hint, doc text) beside its `check`. [`REGISTRY`] is the one list of rules; `goalsheet
//! rules` and `goalsheet explain` are generated from it.

use serde::Serialize;

use crate::config::{Config, SeveritySetting};
use crate::model::{CellPos, Field, Hierarchy, Lang, Plan};

pub mod a;
pub mod b;
pub mod d;
pub mod e;
pub mod hierarchy;
pub mod m;
pub mod r;
pub mod s;
pub mod show;
pub mod t;
pub mod text;

#[cfg(test)]
pub(crate) mod test_support;
#[cfg(test)]
pub(crate) mod testkit;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }

    /// The severity for people: `error` / `错误`, `warning` / `警告`, `info` / `提示`.
    pub fn title(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Severity::Error => ("error", "错误"),
            Severity::Warning => ("warning", "警告"),
            Severity::Info => ("info", "提示"),
        };
        lang.pick(en, zh)
    }
}

/// The SMART letter of a rule, plus E (execution), B (budget) and D (data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Letter {
    S,
    M,
    A,
    R,
    T,
    E,
    B,
    D,
}

impl Letter {
    pub const SMART: [Letter; 5] = [Letter::S, Letter::M, Letter::A, Letter::R, Letter::T];
    pub fn as_char(self) -> char {
        match self {
            Letter::S => 'S',
            Letter::M => 'M',
            Letter::A => 'A',
            Letter::R => 'R',
            Letter::T => 'T',
            Letter::E => 'E',
            Letter::B => 'B',
            Letter::D => 'D',
        }
    }
    /// The letter's meaning in the given language (`Specific` / `具体`).
    pub fn title(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Letter::S => ("Specific", "具体"),
            Letter::M => ("Measurable", "可衡量"),
            Letter::A => ("Achievable", "可实现"),
            Letter::R => ("Relevant", "相关性"),
            Letter::T => ("Time-bound", "时限性"),
            Letter::E => ("Execution plan", "执行计划"),
            Letter::B => ("Budget", "预算"),
            Letter::D => ("Data", "数据"),
        };
        lang.pick(en, zh)
    }
}

/// The fixed description of a rule: everything but its check.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct RuleInfo {
    /// Letter + three digits, e.g. `M005`.
    pub id: &'static str,
    /// kebab-case name, e.g. `quarters-reconcile`.
    pub name: &'static str,
    pub letter: Letter,
    pub severity: Severity,
    /// One-line summary in English and Chinese.
    pub title_en: &'static str,
    pub title_zh: &'static str,
    /// How to fix it, in English and Chinese.
    pub hint_en: &'static str,
    pub hint_zh: &'static str,
    /// What it checks, why it matters, an example (Markdown, English; `## Example` section).
    pub doc: &'static str,
    /// The same in Chinese (`## 检查内容`, `## 为什么重要`, `## 示例`), for
    /// `explain --lang zh`.
    pub doc_zh: &'static str,
}

/// One problem found in a plan.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub letter: Letter,
    pub severity: Severity,
    /// The sheet of the cell; the goal sheet for plan-level findings.
    pub sheet: String,
    /// The cell; `None` for a plan-level finding.
    pub cell: Option<CellPos>,
    /// The field of the cell (`target`, `owner`, … or an action field's name).
    pub field: Option<&'static str>,
    /// The goal id found on that row.
    pub goal: Option<String>,
    /// The action id found on that row.
    pub action: Option<String>,
    pub message: String,
    pub hint: String,
}

/// What a rule's check gets.
pub struct Context<'a> {
    pub plan: &'a Plan,
    pub config: &'a Config,
    pub lang: Lang,
    /// The goal tree, indexed once per plan (borrowed when the caller built it already).
    pub tree: std::borrow::Cow<'a, Hierarchy>,
    /// [`Context::decompositions`], worked out on first use.
    decompositions: std::sync::OnceLock<Vec<hierarchy::Decomposition>>,
}

impl<'a> Context<'a> {
    pub fn new(plan: &'a Plan, config: &'a Config, lang: Lang) -> Self {
        Context {
            plan,
            config,
            lang,
            tree: std::borrow::Cow::Owned(Hierarchy::build(plan)),
            decompositions: std::sync::OnceLock::new(),
        }
    }

    /// [`Context::new`] with the goal tree the caller built for `plan`.
    pub fn with_tree(plan: &'a Plan, config: &'a Config, lang: Lang, tree: &'a Hierarchy) -> Self {
        Context {
            plan,
            config,
            lang,
            tree: std::borrow::Cow::Borrowed(tree),
            decompositions: std::sync::OnceLock::new(),
        }
    }

    /// The plan's additive decompositions ([`hierarchy::decomposition`]: parents whose sum
    /// metric their children share), worked out once per check and shared by R006 and R007.
    pub fn decompositions(&self) -> &[hierarchy::Decomposition] {
        self.decompositions
            .get_or_init(|| hierarchy::decomposition(self.plan, &self.tree))
    }

    /// Pick the message in the context's language.
    pub fn msg(&self, en: String, zh: String) -> String {
        match self.lang {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }

    /// A finding on a goal's cell (the goal's row when the field has no column).
    pub fn goal_finding(
        &self,
        info: &RuleInfo,
        goal: &crate::model::Goal,
        field: Field,
        cell: Option<CellPos>,
        message: String,
    ) -> Finding {
        let cell = cell.or_else(|| {
            let col = self.plan.columns.get(&field).copied().or_else(|| {
                self.plan
                    .columns
                    .get(&Field::Id)
                    .copied()
                    .or_else(|| self.plan.columns.values().copied().min())
            })?;
            Some(CellPos::new(goal.row, col))
        });
        Finding {
            rule: info.id,
            letter: info.letter,
            severity: info.severity,
            sheet: self.plan.sheet.clone(),
            cell,
            field: Some(field.name()),
            goal: goal.id.shown(),
            action: None,
            message,
            hint: self.lang.pick(info.hint_en, info.hint_zh).to_string(),
        }
    }

    /// A finding on any sheet's cell (the totals rows, the budget sheet, formula errors).
    pub fn cell_finding(
        &self,
        info: &RuleInfo,
        sheet: &str,
        cell: Option<CellPos>,
        field: Option<&'static str>,
        message: String,
    ) -> Finding {
        Finding {
            rule: info.id,
            letter: info.letter,
            severity: info.severity,
            sheet: sheet.to_string(),
            cell,
            field,
            goal: None,
            action: None,
            message,
            hint: self.lang.pick(info.hint_en, info.hint_zh).to_string(),
        }
    }

    /// A finding on an action's cell of the action sheet (the action's row when the field has
    /// no column). Carries the action's id and its goal id.
    pub fn action_finding(
        &self,
        info: &RuleInfo,
        action: &crate::model::Action,
        field: crate::model::ActionField,
        cell: Option<CellPos>,
        message: String,
    ) -> Finding {
        let sheet = self.plan.actions.as_ref();
        let cell = cell.or_else(|| {
            let columns = &sheet?.columns;
            let col = columns.get(&field).copied().or_else(|| {
                columns
                    .get(&crate::model::ActionField::Id)
                    .copied()
                    .or_else(|| columns.values().copied().min())
            })?;
            Some(CellPos::new(action.row, col))
        });
        let mut f = self.cell_finding(
            info,
            sheet.map_or(self.plan.sheet.as_str(), |s| s.sheet.as_str()),
            cell,
            Some(field.name()),
            message,
        );
        f.action = action.id.shown();
        f.goal = action.goal_id.shown();
        f
    }

    /// A plan-level finding (no cell).
    pub fn plan_finding(&self, info: &RuleInfo, message: String) -> Finding {
        Finding {
            rule: info.id,
            letter: info.letter,
            severity: info.severity,
            sheet: self.plan.sheet.clone(),
            cell: None,
            field: None,
            goal: None,
            action: None,
            message,
            hint: self.lang.pick(info.hint_en, info.hint_zh).to_string(),
        }
    }
}

/// A rule: its description and its check.
pub trait Rule: Sync {
    fn info(&self) -> &'static RuleInfo;
    /// Push the rule's findings for the plan. Severity is set from `info()` (a rule may lower
    /// it on a finding); the engine applies config overrides afterwards.
    fn check(&self, ctx: &Context, out: &mut Vec<Finding>);
    /// Does a finding of this rule name the cause of a wrong value on its goal's row (an
    /// unreadable number, a percentage over 100%, a formula error)? Then the rules that only
    /// judge values ([`Rule::judges_values`]) stay silent on that goal: one fault, one finding.
    fn condemns_value(&self) -> bool {
        false
    }
    /// Does this rule judge a goal's numbers (growth, direction, quarter jumps, reconciliation,
    /// phasing, decomposition) — judgements that are noise when a value is known to be wrong?
    fn judges_values(&self) -> bool {
        false
    }
}

/// Every rule, in catalogue order. The one list: `rules`, `explain` and `check` read it.
pub static REGISTRY: &[&dyn Rule] = &[
    &s::OwnerMissing,
    &s::StatementMissing,
    &s::VagueWording,
    &s::BundledGoals,
    &s::ActivityNotOutcome,
    &s::SeveralOwners,
    &m::MetricMissing,
    &m::TargetMissing,
    &m::NumberUnparsable,
    &m::UnitMissing,
    &m::QuartersReconcile,
    &m::PercentOver100,
    &m::BaselineMissing,
    &m::TargetRange,
    &a::GrowthTooHigh,
    &a::TargetWorseThanBaseline,
    &a::QuarterJump,
    &a::OwnerOverloaded,
    &r::ParentUnknown,
    &r::ParentCycle,
    &r::ParentMissing,
    &r::DimensionInvalid,
    &r::DimensionColumnMissing,
    &r::DecompositionShortfall,
    &r::DecompositionOverassigned,
    &t::DueMissing,
    &t::DueUnparsable,
    &t::DueOutsideYear,
    &t::StartAfterDue,
    &t::ChildDueAfterParent,
    &t::QuarterAfterDue,
    &t::PeriodNotQuarter,
    &e::LeafWithoutAction,
    &e::ActionOwnerMissing,
    &e::ActionDatesMissing,
    &e::ActionEndBeforeStart,
    &e::ActionOutsideGoalPeriod,
    &e::ActionGoalUnknown,
    &e::ActionNoResources,
    &b::ActionsExceedGoalBudget,
    &b::AllocationExceedsTotal,
    &b::ReserveLow,
    &d::DuplicateId,
    &d::FormulaError,
    &d::TotalsMismatch,
    &d::ColumnsUnrecognised,
    &d::FormulaNotComputed,
    &d::NumberAmbiguous,
];

/// Look a rule up by id (`M005`) or kebab-case name (`quarters-reconcile`), case-insensitive.
pub fn find_rule(id: &str) -> Option<&'static dyn Rule> {
    REGISTRY.iter().copied().find(|r| {
        let info = r.info();
        let id = id.trim();
        info.id.eq_ignore_ascii_case(id) || info.name.eq_ignore_ascii_case(&id.replace('_', "-"))
    })
}

/// Run every enabled rule over the plan; findings come back ordered by sheet, row, column,
/// rule, with severities from the config.
pub fn check_plan(plan: &Plan, config: &Config, lang: Lang) -> Vec<Finding> {
    check_plan_with_tree(plan, config, lang, &Hierarchy::build(plan))
}

/// [`check_plan`] with the goal tree the caller built for `plan` (`Hierarchy::build(plan)`),
/// so a run that also rolls up indexes the goals once.
pub fn check_plan_with_tree(
    plan: &Plan,
    config: &Config,
    lang: Lang,
    tree: &Hierarchy,
) -> Vec<Finding> {
    let ctx = Context::with_tree(plan, config, lang, tree);
    // The rules are independent: each runs on its own (at once where there are threads)
    // and their findings are joined in the registry's order, as one after the other would.
    let per_rule = crate::par::map(REGISTRY, |rule| {
        let mut found = Vec::new();
        let setting = config.rules.get(rule.info().id).copied();
        if setting == Some(SeveritySetting::Off) {
            return found;
        }
        rule.check(&ctx, &mut found);
        // A configured severity wins; otherwise each finding keeps the severity its rule
        // gave it (the default, or lower where the rule says so, as S003 does).
        let configured = match setting {
            Some(SeveritySetting::Error) => Some(Severity::Error),
            Some(SeveritySetting::Warning) => Some(Severity::Warning),
            Some(SeveritySetting::Info) => Some(Severity::Info),
            _ => None,
        };
        if let Some(severity) = configured {
            for f in &mut found {
                f.severity = severity;
            }
        }
        found
    });
    let mut findings: Vec<Finding> = per_rule.into_iter().flatten().collect();
    silence_downstream(plan, &mut findings);
    sort_findings(plan, &mut findings);
    findings
}

/// One fault, one finding: where a goal's value is condemned by the rule that names its
/// cause (M003, M006, D002), the value-judging rules (A001, A002, A003, M005, T006, R006,
/// R007) say nothing more about that goal's row — a `120%` typo is one M006, not also a
/// growth warning and a reconciliation error built on the typo.
fn silence_downstream(plan: &Plan, findings: &mut Vec<Finding>) {
    let ids = |keep: fn(&dyn Rule) -> bool| -> Vec<&'static str> {
        REGISTRY
            .iter()
            .filter(|r| keep(**r))
            .map(|r| r.info().id)
            .collect()
    };
    let (condemning, judging) = (ids(|r| r.condemns_value()), ids(|r| r.judges_values()));
    let on_goal_sheet = |f: &Finding| f.sheet == plan.sheet;
    let condemned: std::collections::HashSet<u32> = findings
        .iter()
        .filter(|f| on_goal_sheet(f) && condemning.contains(&f.rule))
        .filter_map(|f| f.cell.map(|c| c.row))
        .collect();
    if condemned.is_empty() {
        return;
    }
    findings.retain(|f| {
        let judged = on_goal_sheet(f) && judging.contains(&f.rule);
        !(judged && f.cell.is_some_and(|c| condemned.contains(&c.row)))
    });
}

/// Order: goal sheet first, then other sheets; plan-level findings of a sheet first; then row,
/// column, rule.
pub fn sort_findings(plan: &Plan, findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.sheet != plan.sheet, a.sheet.as_str())
            .cmp(&(b.sheet != plan.sheet, b.sheet.as_str()))
            .then_with(|| {
                let pos = |f: &Finding| f.cell.map(|c| (c.row, c.col));
                pos(a).cmp(&pos(b))
            })
            .then_with(|| a.rule.cmp(b.rule))
            .then_with(|| a.message.cmp(&b.message))
    });
}

/// Counts of findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
}

impl Summary {
    pub fn of(findings: &[Finding]) -> Summary {
        let mut s = Summary::default();
        for f in findings {
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }
}

#[cfg(test)]
mod engine_tests {
    use super::*;
    use crate::model::Lang;
    use crate::rules::test_support::*;

    /// A ratio goal on `row` with baseline 30% and the given annual and Q1..Q4 percentages.
    fn rate_goal(plan: &Plan, row: u32, id: &str, target: f64, q: [f64; 4]) -> crate::model::Goal {
        let mut g = goal(plan, row)
            .text(Field::Id, id)
            .text(Field::Objective, "复购率达到目标")
            .text(Field::Metric, "复购率")
            .text(Field::Unit, "%")
            .text(Field::Owner, "王芳")
            .text(Field::Dimension, "客户运营")
            .pct(Field::Baseline, 0.3)
            .pct(Field::Target, target)
            .date(Field::Due, "2026-06-30", "2026-06-30", "2026-06-30");
        for (field, v) in Field::QUARTERS.into_iter().zip(q) {
            g = g.pct(field, v);
        }
        g.build()
    }

    #[test]
    fn a_wrong_value_is_one_finding_by_its_cause() {
        let mut plan = wide_plan();
        // A 120% typo in the annual and Q4 cells; due in June with Q3/Q4 targets too.
        plan.goals = vec![rate_goal(&plan, 2, "G1", 1.2, [0.31, 0.32, 0.34, 1.2])];
        let findings = check_plan(&plan, &Config::default(), Lang::En);
        let on_values: Vec<&str> = findings
            .iter()
            .filter(|f| ["A001", "A003", "M005", "M006", "T006"].contains(&f.rule))
            .map(|f| f.rule)
            .collect();
        assert_eq!(on_values, vec!["M006"], "{findings:#?}");
    }

    #[test]
    fn judgements_stay_on_goals_whose_values_are_not_condemned() {
        let mut plan = wide_plan();
        plan.goals = vec![
            rate_goal(&plan, 2, "G1", 1.2, [0.31, 0.32, 0.34, 1.2]),
            // 95% is no typo: growth over 3x the baseline and late quarters are judged.
            rate_goal(&plan, 3, "G2", 0.95, [0.4, 0.5, 0.9, 0.95]),
        ];
        let findings = check_plan(&plan, &Config::default(), Lang::En);
        let g2: Vec<&str> = findings
            .iter()
            .filter(|f| f.goal.as_deref() == Some("G2"))
            .map(|f| f.rule)
            .collect();
        assert!(g2.contains(&"A001") && g2.contains(&"T006"), "{g2:?}");
        assert!(!g2.contains(&"M006"), "{g2:?}");
    }
}
