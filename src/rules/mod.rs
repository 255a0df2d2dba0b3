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
    /// The goal tree, indexed once per plan.
    pub tree: Hierarchy,
}

impl<'a> Context<'a> {
    pub fn new(plan: &'a Plan, config: &'a Config, lang: Lang) -> Self {
        Context {
            plan,
            config,
            lang,
            tree: Hierarchy::build(plan),
        }
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
            goal: goal.id_text().map(str::to_string),
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
        f.action = action.id.text().map(str::to_string);
        f.goal = action.goal_id.text().map(str::to_string);
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
}

/// Every rule, in catalogue order. The one list: `rules`, `explain` and `check` read it.
pub static REGISTRY: &[&dyn Rule] = &[
    &s::OwnerMissing,
    &s::StatementMissing,
    &s::VagueWording,
    &s::BundledGoals,
    &s::ActivityNotOutcome,
    &m::MetricMissing,
    &m::TargetMissing,
    &m::NumberUnparsable,
    &m::UnitMissing,
    &m::QuartersReconcile,
    &m::PercentOver100,
    &m::BaselineMissing,
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
];

/// Look a rule up by id (case-insensitive).
pub fn find_rule(id: &str) -> Option<&'static dyn Rule> {
    REGISTRY
        .iter()
        .copied()
        .find(|r| r.info().id.eq_ignore_ascii_case(id))
}

/// Run every enabled rule over the plan; findings come back ordered by sheet, row, column,
/// rule, with severities from the config.
pub fn check_plan(plan: &Plan, config: &Config, lang: Lang) -> Vec<Finding> {
    let ctx = Context::new(plan, config, lang);
    let mut findings = Vec::new();
    for rule in REGISTRY {
        let info = rule.info();
        let setting = config.rules.get(info.id).copied();
        if setting == Some(SeveritySetting::Off) {
            continue;
        }
        let start = findings.len();
        rule.check(&ctx, &mut findings);
        // A configured severity wins; otherwise each finding keeps the severity its rule
        // gave it (the default, or lower where the rule says so, as S003 does).
        let configured = match setting {
            Some(SeveritySetting::Error) => Some(Severity::Error),
            Some(SeveritySetting::Warning) => Some(Severity::Warning),
            Some(SeveritySetting::Info) => Some(Severity::Info),
            _ => None,
        };
        if let Some(severity) = configured {
            for f in &mut findings[start..] {
                f.severity = severity;
            }
        }
    }
    sort_findings(plan, &mut findings);
    findings
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
