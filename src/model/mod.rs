//! model stage: the typed plan. Every value keeps its raw text and its source cell, so every
//! finding can point at it.

use std::fmt;

use indexmap::IndexMap;
use serde::Serialize;

pub use crate::parse::DateSpan;

/// A cell position, 0-based (`row 0, col 0` is `A1`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct CellPos {
    pub row: u32,
    pub col: u32,
}

impl CellPos {
    pub fn new(row: u32, col: u32) -> Self {
        CellPos { row, col }
    }
    /// The column letters as Excel shows them (`0` → `A`, `27` → `AB`).
    pub fn column_letters(col: u32) -> String {
        let mut n = col + 1;
        let mut out = Vec::new();
        while n > 0 {
            let rem = ((n - 1) % 26) as u8;
            out.push((b'A' + rem) as char);
            n = (n - 1) / 26;
        }
        out.iter().rev().collect()
    }
    /// The A1 reference, e.g. `H5`.
    pub fn a1(&self) -> String {
        format!("{}{}", Self::column_letters(self.col), self.row + 1)
    }
}

impl fmt::Display for CellPos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.a1())
    }
}

/// Why a value is missing or unusable.
#[derive(Debug, Clone, PartialEq)]
pub enum ValueIssue {
    /// A not-yet-set marker such as `待定` or `TBD`.
    Marker(String),
    /// Text that could not be read as the expected kind of value.
    Unparsable,
    /// A formula error cell (`#DIV/0!`, `#REF!`, …).
    FormulaError(String),
    /// A numeral the file's number convention cannot settle (`1.250` in a file with no
    /// evidence of its decimal mark): not read (DESIGN §2 "Values").
    AmbiguousNumber,
    /// A formula the file stored no result for and goalsheet could not compute: the value
    /// is unknown (the reason is in [`Plan::uncomputed_formulas`]).
    FormulaNotComputed,
}

/// What was written with a goal's number besides the number: a qualifier (`≥1200`,
/// `约500万`) or a range (`10-15%`). The cell's raw text keeps the wording for messages.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueQualifier {
    /// At least, at most or about the number.
    Bound(crate::parse::Qualifier),
    /// Both ends as written (`10-15%` → 0.10, 0.15; a bare `10-15` under unit `%` stays in
    /// percent points here). The field's value is the commitment: the low end when higher
    /// is better, the high end when lower is better.
    Range { low: f64, high: f64 },
}

/// A value with its raw text and source cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Sourced<T> {
    pub value: Option<T>,
    /// The text as the cell shows it (empty for a blank cell or a missing column).
    pub raw: String,
    /// The cell it came from; `None` when the column does not exist.
    pub cell: Option<CellPos>,
    /// Why the value is missing or unusable. Boxed: most values have none, and a plan holds
    /// some thirty values per goal (the box keeps each 24 bytes smaller). Read it with
    /// [`Sourced::issue`], set it with [`Sourced::set_issue`].
    pub issue: Option<Box<ValueIssue>>,
}

impl<T> Default for Sourced<T> {
    fn default() -> Self {
        Sourced {
            value: None,
            raw: String::new(),
            cell: None,
            issue: None,
        }
    }
}

impl<T> Sourced<T> {
    /// True when the cell is blank or the column absent (no text at all).
    pub fn is_blank(&self) -> bool {
        trimmed(&self.raw).is_empty() && self.issue.is_none()
    }
    pub fn get(&self) -> Option<&T> {
        self.value.as_ref()
    }
    /// Why the value is missing or unusable, if it is.
    pub fn issue(&self) -> Option<&ValueIssue> {
        self.issue.as_deref()
    }
    /// Record why the value is missing or unusable.
    pub fn set_issue(&mut self, issue: ValueIssue) {
        self.issue = Some(Box::new(issue));
    }
}

impl Sourced<String> {
    /// The trimmed text, `None` when blank.
    pub fn text(&self) -> Option<&str> {
        self.value.as_deref().map(trimmed).filter(|s| !s.is_empty())
    }
}

/// [`str::trim`], answered from the first and last character when neither is whitespace:
/// values are stored trimmed, and the rules ask for a goal's texts some thirty times each,
/// where `trim`'s general searcher cost more than the rest of the question.
#[inline]
pub(crate) fn trimmed(text: &str) -> &str {
    let starts = text.chars().next().is_some_and(|c| !c.is_whitespace());
    let ends = text.chars().next_back().is_some_and(|c| !c.is_whitespace());
    if starts && ends { text } else { text.trim() }
}

/// Text value.
pub type Text = Sourced<String>;
/// Numeric value; percentages are stored as fractions.
pub type Num = Sourced<f64>;
/// Date or period value.
pub type DateField = Sourced<DateSpan>;

/// The canonical fields of a goal sheet (DESIGN §2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Id,
    Parent,
    Dimension,
    Objective,
    KeyResult,
    Metric,
    Unit,
    Baseline,
    Target,
    Q1,
    Q2,
    Q3,
    Q4,
    Quarter,
    ActualQ1,
    ActualQ2,
    ActualQ3,
    ActualQ4,
    Actual,
    Owner,
    Channel,
    ProductLine,
    Start,
    Due,
    Budget,
    Aggregation,
    Direction,
    Status,
    Notes,
    /// A KPI weight (`权重`, `Weight`): never a target, budget or baseline.
    Weight,
}

impl Field {
    pub const ALL: [Field; 30] = [
        Field::Id,
        Field::Parent,
        Field::Dimension,
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
        Field::Quarter,
        Field::ActualQ1,
        Field::ActualQ2,
        Field::ActualQ3,
        Field::ActualQ4,
        Field::Actual,
        Field::Owner,
        Field::Channel,
        Field::ProductLine,
        Field::Start,
        Field::Due,
        Field::Budget,
        Field::Aggregation,
        Field::Direction,
        Field::Status,
        Field::Notes,
        Field::Weight,
    ];
    pub const QUARTERS: [Field; 4] = [Field::Q1, Field::Q2, Field::Q3, Field::Q4];
    /// The numeric fields: what a totals row carries and is compared on.
    pub const NUMERIC: [Field; 12] = [
        Field::Baseline,
        Field::Target,
        Field::Q1,
        Field::Q2,
        Field::Q3,
        Field::Q4,
        Field::ActualQ1,
        Field::ActualQ2,
        Field::ActualQ3,
        Field::ActualQ4,
        Field::Actual,
        Field::Budget,
    ];
    pub const ACTUAL_QUARTERS: [Field; 4] = [
        Field::ActualQ1,
        Field::ActualQ2,
        Field::ActualQ3,
        Field::ActualQ4,
    ];

    /// The snake_case name used in JSON and the config (`key_result`, `q1`, `actual_q1`).
    pub fn name(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Parent => "parent",
            Field::Dimension => "dimension",
            Field::Objective => "objective",
            Field::KeyResult => "key_result",
            Field::Metric => "metric",
            Field::Unit => "unit",
            Field::Baseline => "baseline",
            Field::Target => "target",
            Field::Q1 => "q1",
            Field::Q2 => "q2",
            Field::Q3 => "q3",
            Field::Q4 => "q4",
            Field::Quarter => "quarter",
            Field::ActualQ1 => "actual_q1",
            Field::ActualQ2 => "actual_q2",
            Field::ActualQ3 => "actual_q3",
            Field::ActualQ4 => "actual_q4",
            Field::Actual => "actual",
            Field::Owner => "owner",
            Field::Channel => "channel",
            Field::ProductLine => "product_line",
            Field::Start => "start",
            Field::Due => "due",
            Field::Budget => "budget",
            Field::Aggregation => "aggregation",
            Field::Direction => "direction",
            Field::Status => "status",
            Field::Notes => "notes",
            Field::Weight => "weight",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// The fields of an action-plan sheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionField {
    Id,
    Action,
    GoalId,
    Owner,
    Start,
    End,
    How,
    Resources,
    Budget,
}

impl ActionField {
    pub const ALL: [ActionField; 9] = [
        ActionField::Id,
        ActionField::Action,
        ActionField::GoalId,
        ActionField::Owner,
        ActionField::Start,
        ActionField::End,
        ActionField::How,
        ActionField::Resources,
        ActionField::Budget,
    ];
    pub fn name(self) -> &'static str {
        match self {
            ActionField::Id => "action_id",
            ActionField::Action => "action",
            ActionField::GoalId => "goal_id",
            ActionField::Owner => "owner",
            ActionField::Start => "start",
            ActionField::End => "end",
            ActionField::How => "how",
            ActionField::Resources => "resources",
            ActionField::Budget => "budget",
        }
    }
}

/// How a metric combines across goals and quarters (DESIGN §4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Aggregation {
    /// Additive flows: revenue, leads, orders, spend.
    #[default]
    Sum,
    /// Stocks measured at a point: followers, share, NPS.
    Level,
    /// Rates and unit costs: conversion, ROI, CAC.
    Ratio,
}

impl Aggregation {
    pub fn name(self) -> &'static str {
        match self {
            Aggregation::Sum => "sum",
            Aggregation::Level => "level",
            Aggregation::Ratio => "ratio",
        }
    }
    /// Reads `sum`/`level`/`ratio` and the Chinese words 求和/累计, 期末/存量, 比率/平均.
    pub fn from_word(word: &str) -> Option<Aggregation> {
        let w = word.trim().to_lowercase();
        match w.as_str() {
            "sum" | "total" | "additive" | "求和" | "累计" | "累加" | "合计" => {
                Some(Aggregation::Sum)
            }
            "level" | "last" | "end" | "stock" | "期末" | "存量" | "时点" | "水平" => {
                Some(Aggregation::Level)
            }
            "ratio" | "rate" | "mean" | "average" | "avg" | "比率" | "比例" | "平均" | "率" => {
                Some(Aggregation::Ratio)
            }
            _ => None,
        }
    }
}

/// Where a metric's aggregation kind came from, reported by `inspect`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum AggregationSource {
    Column,
    Config,
    Unit,
    Lexicon,
    #[default]
    Default,
}

/// Whether a higher or lower value is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    #[default]
    HigherIsBetter,
    LowerIsBetter,
}

/// One goal (an objective or key result row; in long layout, a group of quarter rows).
#[derive(Debug, Clone, Default)]
pub struct Goal {
    /// 0-based sheet row of the goal (its first row in long layout).
    pub row: u32,
    /// All sheet rows that make up the goal (more than one in long layout).
    pub rows: Vec<u32>,
    pub id: Text,
    pub parent: Text,
    pub dimension: Text,
    pub objective: Text,
    pub key_result: Text,
    pub metric: Text,
    pub unit: Text,
    pub baseline: Num,
    pub target: Num,
    pub quarters: [Num; 4],
    pub actual_quarters: [Num; 4],
    pub actual: Num,
    pub owner: Text,
    pub channel: Text,
    pub product_line: Text,
    pub start: DateField,
    pub due: DateField,
    pub budget: Num,
    /// The KPI weight (`权重`), as written (`30%` is 0.3); read, not checked.
    pub weight: Num,
    pub aggregation_text: Text,
    pub direction_text: Text,
    pub status: Text,
    pub notes: Text,
    /// The metric is a percentage (unit `%` or values written with `%`).
    pub is_percent: bool,
    pub aggregation: Aggregation,
    pub aggregation_source: AggregationSource,
    pub direction: Direction,
    /// The objective was carried down from the row above (merged cell or fill-down).
    pub objective_inherited: bool,
    /// The sheet row the objective text stands on (its own row unless inherited).
    pub objective_row: Option<u32>,
    /// Numeric fields written with a qualifier or as a range, in field order.
    pub qualifiers: Vec<(Field, ValueQualifier)>,
    /// Monthly targets by calendar month (`months.get(0)` is January), from month columns.
    pub months: Months,
    /// Which quarters were folded from the month columns (the sheet gave no value for them).
    pub folded_quarters: [bool; 4],
    /// Long layout: period cells that name no quarter, or a quarter already given.
    pub period_problems: Vec<PeriodProblem>,
}

/// A goal's monthly targets by calendar month (index 0 is January).
///
/// Most plans have no month columns: then no goal holds the twelve (blank) values, which
/// would be about a kilobyte per goal. They are made on the first write ([`Months::get_mut`]);
/// reading a month never written gives `None` from [`Months::get`], and [`Months::iter`]
/// yields nothing — as if every month were blank.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Months(Option<Box<[Num; 12]>>);

impl Months {
    /// Month `i` (0 is January), `None` when no month was ever written or `i` is past 11.
    pub fn get(&self, i: usize) -> Option<&Num> {
        self.0.as_ref()?.get(i)
    }
    /// Month `i` for writing (the twelve are made blank on the first call); `None` when `i`
    /// is past 11.
    pub fn get_mut(&mut self, i: usize) -> Option<&mut Num> {
        if i >= 12 {
            return None;
        }
        self.0.get_or_insert_with(Default::default).get_mut(i)
    }
    /// The twelve months in calendar order, or nothing when none was written.
    pub fn iter(&self) -> impl Iterator<Item = &Num> {
        self.0.iter().flat_map(|months| months.iter())
    }
    /// [`Months::iter`], for changing the values.
    pub fn iter_mut(&mut self) -> impl Iterator<Item = &mut Num> {
        self.0.iter_mut().flat_map(|months| months.iter_mut())
    }
}

/// What is wrong with a long-layout period cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodProblemKind {
    /// Not a quarter, a month or the year (`2026Q5`, `Q0`, `H1`, `Week 3`): its row is not
    /// counted.
    NotAQuarter,
    /// The goal already has a row for this quarter (1–4): the later row is not counted.
    Repeated(u8),
    /// The goal already has a row for this month (1–12): the later row is not counted.
    RepeatedMonth(u32),
    /// A quarter of another (fiscal) year than the plan's: the row is not counted.
    OtherYear(i32),
}

/// A long-layout row whose period the goal cannot use; its cell and text are in `period`.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodProblem {
    pub period: Text,
    pub kind: PeriodProblemKind,
}

impl Goal {
    /// The goal's id text, if it has one.
    pub fn id_text(&self) -> Option<&str> {
        self.id.text()
    }
    /// The goal statement: the key result when present, else the objective.
    pub fn statement(&self) -> Option<&str> {
        self.key_result.text().or_else(|| self.objective.text())
    }
    /// The metric name, falling back to the statement for grouping.
    pub fn metric_name(&self) -> Option<&str> {
        self.metric.text()
    }
    /// A label for messages: id (as written, less invisible characters), else statement,
    /// else the row number.
    pub fn label(&self) -> String {
        if let Some(id) = self.id.shown() {
            return id;
        }
        match self.statement() {
            Some(s) => short_label(s, LABEL_CHARS),
            None => format!("row {}", self.row + 1),
        }
    }
    /// The value of a numeric field (baseline, target, quarters, actuals, budget); `None` for
    /// a field that is not numeric.
    pub fn num_mut(&mut self, field: Field) -> Option<&mut Num> {
        Some(match field {
            Field::Baseline => &mut self.baseline,
            Field::Target => &mut self.target,
            Field::Q1 => &mut self.quarters[0],
            Field::Q2 => &mut self.quarters[1],
            Field::Q3 => &mut self.quarters[2],
            Field::Q4 => &mut self.quarters[3],
            Field::ActualQ1 => &mut self.actual_quarters[0],
            Field::ActualQ2 => &mut self.actual_quarters[1],
            Field::ActualQ3 => &mut self.actual_quarters[2],
            Field::ActualQ4 => &mut self.actual_quarters[3],
            Field::Actual => &mut self.actual,
            Field::Budget => &mut self.budget,
            _ => return None,
        })
    }
    /// What was written with a numeric field besides its number (`≥`, `约`, a range).
    pub fn qualifier(&self, field: Field) -> Option<ValueQualifier> {
        self.qualifiers
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, q)| *q)
    }
    /// The quarterly target values that are present.
    pub fn quarter_values(&self) -> [Option<f64>; 4] {
        [0, 1, 2, 3].map(|q| self.quarters[q].value)
    }
    /// The annual target: the target column, else the quarters combined by aggregation kind.
    pub fn annual_target(&self) -> Option<f64> {
        if let Some(t) = self.target.value {
            return Some(t);
        }
        let qs: Vec<f64> = self.quarters.iter().filter_map(|q| q.value).collect();
        if qs.is_empty() {
            return None;
        }
        Some(match self.aggregation {
            Aggregation::Sum => qs.iter().sum(),
            Aggregation::Level => self.quarters.iter().rev().find_map(|q| q.value)?,
            Aggregation::Ratio => qs.iter().sum::<f64>() / qs.len() as f64,
        })
    }
}

/// How many characters of a statement a message label shows.
const LABEL_CHARS: usize = 24;

/// A statement shortened to about `max` characters for a message label, never cut inside a
/// number or a word: `Grow the email list to 30,000 subscribers` → `Grow the email list to
/// 30,000…`, not `…list to 3`. Chinese text (no spaces) is cut between characters, but not
/// inside a run of digits or Latin letters — unless the run alone would make the label far
/// longer than `max` (a link, a code, letters without a space), which is cut at `max`.
pub fn short_label(text: &str, max: usize) -> String {
    let text = text.trim();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return text.to_string();
    }
    // A "word" char: part of a number or a Latin word, which must not be split.
    let in_run = |c: char| c.is_ascii_alphanumeric() || matches!(c, ',' | '.' | '%' | '\'' | '-');
    let mut end = max;
    if in_run(chars[end - 1]) && in_run(chars[end]) {
        // Finish a short run (a number, a word); else back off to its start, unless that
        // leaves too little.
        let run_end = (end..chars.len())
            .find(|&i| !in_run(chars[i]))
            .unwrap_or(chars.len());
        let start = (0..end)
            .rev()
            .find(|&i| !in_run(chars[i]))
            .map_or(0, |i| i + 1);
        end = if run_end <= max + 8 {
            run_end
        } else if start >= max / 2 {
            start
        } else {
            // A run that starts early and goes on far past the label (a link, a code, a
            // word without spaces) is cut inside: a label is never longer than a glance.
            end
        };
    }
    let cut: String = chars[..end].iter().collect();
    let cut = cut.trim_end_matches([' ', ',', '，', '、', '-']);
    if end >= chars.len() {
        cut.to_string()
    } else {
        format!("{cut}…")
    }
}

/// A totals row (合计/Total): not a goal; its numbers are compared with the computed totals.
#[derive(Debug, Clone, Default)]
pub struct TotalsRow {
    pub row: u32,
    pub label: String,
    /// The numeric cells of the row by field (target, q1..q4, budget, …).
    pub values: IndexMap<Field, Num>,
}

/// One row of the action-plan sheet.
#[derive(Debug, Clone, Default)]
pub struct Action {
    pub row: u32,
    pub id: Text,
    pub action: Text,
    pub goal_id: Text,
    pub owner: Text,
    pub start: DateField,
    pub end: DateField,
    pub how: Text,
    pub resources: Text,
    pub budget: Num,
}

/// The action-plan sheet.
#[derive(Debug, Clone, Default)]
pub struct ActionSheet {
    pub sheet: String,
    pub header_rows: Vec<u32>,
    pub columns: IndexMap<ActionField, u32>,
    pub actions: Vec<Action>,
}

/// One line of the budget sheet.
#[derive(Debug, Clone, Default)]
pub struct BudgetLine {
    pub row: u32,
    pub item: Text,
    pub owner: Text,
    pub channel: Text,
    pub goal_id: Text,
    pub amount: Num,
    /// A contingency reserve line (机动资金, 预备金, Contingency, Reserve).
    pub is_reserve: bool,
}

/// The budget sheet.
#[derive(Debug, Clone, Default)]
pub struct BudgetSheet {
    pub sheet: String,
    pub header_rows: Vec<u32>,
    pub lines: Vec<BudgetLine>,
    /// The sheet's own total line, if it has one.
    pub total: Option<TotalsRow>,
}

/// Wide (Q1..Q4 columns) or long (one row per goal per quarter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum LayoutKind {
    #[default]
    Wide,
    Long,
}

/// The language of the sheet's headers (and of messages by default).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_lowercase().as_str() {
            "en" | "english" => Some(Lang::En),
            "zh" | "cn" | "zh-cn" | "chinese" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// A formula error cell found in the plan (`#DIV/0!`).
#[derive(Debug, Clone, PartialEq)]
pub struct FormulaErrorCell {
    pub sheet: String,
    pub cell: CellPos,
    pub error: String,
    pub field: Option<Field>,
}

/// A formula cell in the plan's data whose file stored no result (workbooks written by
/// scripts) and that goalsheet could not compute.
#[derive(Debug, Clone, PartialEq)]
pub struct UncomputedFormulaCell {
    pub sheet: String,
    pub cell: CellPos,
    /// The formula as the file holds it, without `=`.
    pub formula: String,
    pub reason: crate::read::formula::NotComputed,
    pub field: Option<Field>,
}

/// The whole plan, as read.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// The file as given on the command line.
    pub file: String,
    /// The goal sheet's name (the file stem for CSV).
    pub sheet: String,
    /// The detected text encoding for CSV input, `None` for workbooks.
    pub encoding: Option<String>,
    pub lang: Lang,
    pub plan_year: Option<i32>,
    /// 0-based rows of the header (two for a two-row header).
    pub header_rows: Vec<u32>,
    pub layout: LayoutKind,
    /// Which column holds which field (0-based columns).
    pub columns: IndexMap<Field, u32>,
    /// Header cells that matched no field: (column, header text).
    pub unknown_columns: Vec<(u32, String)>,
    /// Header cells naming a field already read from a column to their left, so not read:
    /// (column, header text, the field).
    pub duplicate_columns: Vec<(u32, String, Field)>,
    /// Recognised columns of derived numbers (progress, score, 完成率): (column, header
    /// text). Not read as goal data.
    pub derived_columns: Vec<(u32, String)>,
    /// Units stated in the goal sheet's header (`全年目标(万元)`, `Budget ($k)`), by field.
    /// A goal whose unit cell is blank takes the unit of its value columns' headers.
    pub column_units: IndexMap<Field, String>,
    pub goals: Vec<Goal>,
    pub totals: Vec<TotalsRow>,
    pub formula_errors: Vec<FormulaErrorCell>,
    /// Formula cells without a stored result that could not be computed, in sheet order.
    pub uncomputed_formulas: Vec<UncomputedFormulaCell>,
    /// How many formula cells of the plan's sheets had no stored result and were computed.
    pub computed_formulas: usize,
    pub actions: Option<ActionSheet>,
    pub budget: Option<BudgetSheet>,
    /// The title text above the header, if any.
    pub title: Option<String>,
    /// The decimal mark of the file's numbers, decided once from the whole file.
    pub number_convention: crate::parse::NumberConvention,
    /// What the convention was decided from.
    pub number_evidence: crate::parse::ConventionEvidence,
    /// The month the plan's year starts in (January unless a fiscal year is stated).
    pub fiscal: crate::periods::FiscalYear,
    /// Where [`Plan::fiscal`] came from.
    pub fiscal_source: crate::periods::FiscalSource,
    /// Monthly target columns, in sheet order.
    pub month_columns: Vec<crate::periods::MonthColumn>,
}

impl Plan {
    /// The text of every cell the plan read a value from, by sheet and cell — what a report
    /// shows next to a finding.
    pub fn cell_texts(&self) -> std::collections::HashMap<(String, CellPos), String> {
        let mut out = std::collections::HashMap::new();
        self.each_cell_text(|sheet, cell, raw| {
            out.insert((sheet.to_string(), cell), raw.to_string());
        });
        out
    }

    /// [`Plan::cell_texts`] for the `wanted` cells only (sheet name, cell) — the cells findings
    /// point at — so a report on a large plan copies a few texts instead of every cell's.
    pub fn cell_texts_at<'w>(
        &self,
        wanted: impl IntoIterator<Item = (&'w str, CellPos)>,
    ) -> std::collections::HashMap<(String, CellPos), String> {
        let wanted: std::collections::HashSet<(&str, CellPos)> = wanted.into_iter().collect();
        let mut out = std::collections::HashMap::with_capacity(wanted.len());
        if wanted.is_empty() {
            return out;
        }
        // Rows first: most of a big plan's cells are on rows no finding points at, and a
        // look-up by row number is far cheaper than one by sheet name and cell.
        let mut wanted_rows = Vec::new();
        for (_, cell) in &wanted {
            let row = cell.row as usize;
            if wanted_rows.len() <= row {
                wanted_rows.resize(row + 1, false);
            }
            if let Some(w) = wanted_rows.get_mut(row) {
                *w = true;
            }
        }
        self.each_cell_text(|sheet, cell, raw| {
            let on_wanted_row = wanted_rows.get(cell.row as usize) == Some(&true);
            if on_wanted_row && wanted.contains(&(sheet, cell)) {
                out.insert((sheet.to_string(), cell), raw.to_string());
            }
        });
        out
    }

    /// Calls `put(sheet, cell, raw text)` for every cell the plan read a value from, in the
    /// order goals, actions, budget lines.
    fn each_cell_text(&self, mut put_cell: impl FnMut(&str, CellPos, &str)) {
        let mut put = |sheet: &str, cell: Option<CellPos>, raw: &str| {
            if let Some(cell) = cell {
                put_cell(sheet, cell, raw);
            }
        };
        for g in &self.goals {
            for t in [
                &g.id,
                &g.parent,
                &g.dimension,
                &g.objective,
                &g.key_result,
                &g.metric,
                &g.unit,
                &g.owner,
                &g.channel,
                &g.product_line,
                &g.status,
                &g.notes,
            ] {
                put(&self.sheet, t.cell, &t.raw);
            }
            for n in [&g.baseline, &g.target, &g.actual, &g.budget, &g.weight]
                .into_iter()
                .chain(&g.quarters)
                .chain(&g.actual_quarters)
            {
                put(&self.sheet, n.cell, &n.raw);
            }
            for d in [&g.start, &g.due] {
                put(&self.sheet, d.cell, &d.raw);
            }
        }
        if let Some(sheet) = &self.actions {
            for a in &sheet.actions {
                for t in [&a.id, &a.action, &a.goal_id, &a.owner, &a.how, &a.resources] {
                    put(&sheet.sheet, t.cell, &t.raw);
                }
                for d in [&a.start, &a.end] {
                    put(&sheet.sheet, d.cell, &d.raw);
                }
                put(&sheet.sheet, a.budget.cell, &a.budget.raw);
            }
        }
        if let Some(sheet) = &self.budget {
            for l in &sheet.lines {
                for t in [&l.item, &l.owner, &l.channel, &l.goal_id] {
                    put(&sheet.sheet, t.cell, &t.raw);
                }
                put(&sheet.sheet, l.amount.cell, &l.amount.raw);
            }
        }
    }

    /// The plan year as a span of dates (fiscal when the plan's year is), `None` without a
    /// plan year.
    pub fn year_span(&self) -> Option<DateSpan> {
        self.fiscal.year_span(self.plan_year?)
    }
    /// Quarter `q` (1–4) of the plan year, `None` without a plan year.
    pub fn quarter_span(&self, q: u32) -> Option<DateSpan> {
        self.fiscal.quarter(self.plan_year?, q)
    }
    /// The goal with this id (first one when ids repeat), ids compared as [`Key`]s.
    pub fn goal_by_id(&self, id: &str) -> Option<&Goal> {
        let key = Key::new(id);
        self.goals
            .iter()
            .find(|g| g.id.key().as_ref() == Some(&key))
    }
    /// Whether the sheet has a column for this field.
    pub fn has_column(&self, field: Field) -> bool {
        self.columns.contains_key(&field)
    }
}

/// The goal tree, indexed once: ids, parents and children by goal index.
///
/// Built in linear time; cycles are tolerated (a goal on a cycle keeps its parent link, and
/// walks over the tree must use [`Hierarchy::ancestors`], which stops on a repeat).
#[derive(Debug, Clone, Default)]
pub struct Hierarchy {
    /// Goal index by id [`Key`] (first occurrence of each id). Hashed with foldhash: the
    /// keys come from the user's own file (and a file holds at most 10,000,000 cells), and
    /// SipHash's resistance to crafted keys cost a tenth of the rules' time.
    pub by_id: IdIndex,
    /// Each goal's id [`Key`] (`None` when its id cell is blank or invisible only), built once
    /// here so the rules that compare ids do not key every goal again.
    pub id_keys: Vec<Option<Key>>,
    /// The goal the parent id names, itself included ([`Hierarchy::find`] of the parent cell);
    /// unlike [`Hierarchy::parent`] it keeps self-links and ignores objective rows.
    pub named_parent: Vec<Option<usize>>,
    /// The parent's goal index, when the parent id names an existing goal (never itself).
    pub parent: Vec<Option<usize>>,
    /// Children's goal indices, in sheet order.
    pub children: Vec<Vec<usize>>,
}

/// Goal index by id key: [`Hierarchy::by_id`].
pub type IdIndex = std::collections::HashMap<Key, usize, foldhash::fast::RandomState>;

impl Hierarchy {
    pub fn build(plan: &Plan) -> Hierarchy {
        let mut by_id = IdIndex::with_capacity_and_hasher(plan.goals.len(), Default::default());
        let id_keys: Vec<Option<Key>> = plan.goals.iter().map(|g| g.id.key()).collect();
        for (i, id) in id_keys.iter().enumerate() {
            if let Some(id) = id {
                by_id.entry(id.clone()).or_insert(i);
            }
        }
        // A key result listed under an objective row (no parent id) belongs to that row's goal
        // when the row is an objective alone, not itself a key result. Only merged objective
        // cells make such rows: the map is built the first time one is met.
        let mut objective_goal_at: Option<std::collections::HashMap<u32, usize>> = None;
        let mut parent = vec![None; plan.goals.len()];
        let mut named_parent = vec![None; plan.goals.len()];
        let mut children = vec![Vec::new(); plan.goals.len()];
        for (i, g) in plan.goals.iter().enumerate() {
            named_parent[i] = g.parent.key().and_then(|p| by_id.get(&p)).copied();
            if g.parent.is_blank() && g.objective_inherited {
                let objective_goal_at = objective_goal_at.get_or_insert_with(|| {
                    plan.goals
                        .iter()
                        .enumerate()
                        .filter(|(_, g)| {
                            g.key_result.text().is_none() && g.objective.text().is_some()
                        })
                        .map(|(i, g)| (g.row, i))
                        .collect()
                });
                if let Some(&p) = g.objective_row.and_then(|r| objective_goal_at.get(&r))
                    && p != i
                {
                    parent[i] = Some(p);
                    children[p].push(i);
                }
                continue;
            }
            if let Some(p) = named_parent[i]
                && p != i
            {
                parent[i] = Some(p);
                children[p].push(i);
            }
        }
        Hierarchy {
            by_id,
            id_keys,
            named_parent,
            parent,
            children,
        }
    }
    /// The goal an id names (ids compared as [`Key`]s: `KR1` + U+200B is `KR1`).
    pub fn find(&self, id: &Text) -> Option<usize> {
        self.by_id.get(&id.key()?).copied()
    }
    /// A goal without children.
    pub fn is_leaf(&self, goal: usize) -> bool {
        self.children[goal].is_empty()
    }
    /// The goal's ancestors, nearest first; stops before repeating a goal (cycles).
    pub fn ancestors(&self, goal: usize) -> Vec<usize> {
        let mut seen = std::collections::HashSet::new();
        seen.insert(goal);
        let mut out = Vec::new();
        let mut at = self.parent[goal];
        while let Some(p) = at {
            if !seen.insert(p) {
                break;
            }
            out.push(p);
            at = self.parent[p];
        }
        out
    }
}

/// Options that change how a plan is read.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// The sheet to use as the goal sheet, instead of the best match.
    pub sheet: Option<String>,
    /// Override the detected CSV encoding.
    pub encoding: Option<String>,
    /// The plan year, instead of the one inferred.
    pub year: Option<i32>,
    /// The configuration (header aliases, lexicons).
    pub config: crate::Config,
}

mod build;
mod calendar;
mod key;
mod owners;
mod values;
pub use build::{build_plan, classify_metric, load_plan};
pub use calendar::{months_fold, months_of_quarter};
pub use key::{Key, Spellings, is_cjk, is_invisible, shown, shows_anything};
pub use owners::{OwnerNames, owner_names};

#[cfg(test)]
mod months_tests {
    use super::{Months, Num};

    #[test]
    fn months_take_room_only_once_written_and_read_blank_before() {
        let mut months = Months::default();
        assert!(months.get(0).is_none());
        assert_eq!(months.iter().count(), 0);
        assert!(
            months.iter().all(|m| m.is_blank()),
            "no month reads as all blank"
        );
        assert!(months.get_mut(12).is_none(), "past December");
        assert_eq!(months.iter().count(), 0, "a refused write makes nothing");
        if let Some(march) = months.get_mut(2) {
            *march = Num {
                value: Some(30.0),
                raw: "30".into(),
                ..Num::default()
            };
        }
        assert_eq!(months.iter().count(), 12);
        assert_eq!(months.get(2).and_then(|m| m.value), Some(30.0));
        assert!(months.get(0).is_some_and(Num::is_blank));
        assert_eq!(months.iter().filter(|m| !m.is_blank()).count(), 1);
        for m in months.iter_mut() {
            m.value = m.value.map(|v| v / 100.0);
        }
        assert_eq!(months.get(2).and_then(|m| m.value), Some(0.3));
    }
}

#[cfg(test)]
mod label_tests {
    use super::short_label;

    #[test]
    fn labels_are_never_cut_inside_a_number_or_word() {
        assert_eq!(
            short_label("Grow the email list to 30,000 subscribers by Q4", 24),
            "Grow the email list to 30,000…"
        );
        assert_eq!(
            short_label("Reach 1,250,000 organic sessionsinternationally", 24),
            "Reach 1,250,000 organic…"
        );
        assert_eq!(short_label("短标题", 24), "短标题");
        // Chinese is cut between characters, but a number is kept whole.
        assert_eq!(
            short_label(
                "线上渠道销售额全年达到一千二百万元并保持季度增长12000000元以上",
                24
            ),
            "线上渠道销售额全年达到一千二百万元并保持季度增长…"
        );
        assert_eq!(
            short_label("二〇二六年线上渠道销售额达到12,000,000元", 16),
            "二〇二六年线上渠道销售额达到12,000,000…"
        );
    }

    #[test]
    fn a_run_far_longer_than_the_label_is_cut_inside() {
        let x = "X".repeat(40_000);
        assert_eq!(short_label(&x, 24), format!("{}…", "X".repeat(24)));
        assert_eq!(
            short_label(&format!("See https://example.com/{x}"), 24),
            "See https://example.com/…"
        );
        assert_eq!(
            short_label(&format!("线上{x}"), 24),
            format!("线上{}…", "X".repeat(22))
        );
        // A run that ends soon after the label is still kept whole; one that starts late
        // is left out whole.
        assert_eq!(
            short_label("Reach 12,000,000,000,000 visits", 16),
            "Reach 12,000,000,000,000…"
        );
        assert_eq!(short_label("Reach 12,000,000,000,000 visits", 12), "Reach…");
    }
}

#[cfg(test)]
mod fast_path_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// `trimmed` is `str::trim` for every text: ASCII and CJK with ASCII, no-break,
        /// ideographic and other Unicode spaces at either end or inside, and any text.
        #[test]
        fn trimmed_is_trim(
            text in "[ \t\n\u{A0}\u{3000}\u{2003}\u{200B}a-z张李0-9]{0,8}",
            any_text in "\\PC{0,8}",
        ) {
            prop_assert_eq!(trimmed(&text), text.trim());
            prop_assert_eq!(trimmed(&any_text), any_text.trim());
        }
    }

    #[test]
    fn the_tree_keeps_each_goals_id_key_and_named_parent() {
        use crate::rules::testkit::{G, plan};
        let p = plan(vec![
            G::new(1, "O1").build(),
            G::new(2, "KR1").parent("O1").build(),
            G::new(3, "KR2").parent("KR2").build(),
            G::new(4, " ＫＲ１\u{200B}").parent("O9").build(),
            G::new(5, "\u{200B}").parent("o1 ").build(),
            G::new(6, "").parent("\u{FEFF}O1").build(),
            G::new(7, "李娜\u{3000}").parent("KR1").build(),
        ]);
        let tree = Hierarchy::build(&p);
        for (i, g) in p.goals.iter().enumerate() {
            assert_eq!(tree.id_keys[i], g.id.key(), "goal {i}");
            assert_eq!(tree.named_parent[i], tree.find(&g.parent), "goal {i}");
        }
        // Named as written: the self-link is kept here (the tree's parent drops it), the
        // repeated full-width `KR1` names the first `KR1`.
        assert_eq!(
            tree.named_parent,
            vec![None, Some(0), Some(2), None, None, Some(0), Some(1)]
        );
        assert_eq!(tree.parent[2], None);
        assert_eq!(tree.id_keys[3], Some(Key::new("KR1")));
        assert_eq!(tree.id_keys[4], None);
    }
}
