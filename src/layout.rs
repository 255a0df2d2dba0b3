//! layout stage: which sheet holds the goals, where its header is, which column is which
//! field, wide or long, and what each data row is (goal, totals, blank, note).

mod header;

use indexmap::IndexMap;

pub use header::{DERIVED, HeaderReading, Vocabulary, compose, is_unit, unit_scale};

use crate::config::Config;
use crate::parse::normalize_header;
use crate::read::{CellValue, Grid, Sheet};

/// Rows searched for the header.
pub const HEADER_SEARCH_ROWS: u32 = 30;

/// Columns goalsheet itself appends to a reviewed plan sheet; skipped on re-review (compared
/// after `normalize_header`): SMART, score, and the hidden helper columns the rollup formulas
/// read (`goalsheet leaf`, `goalsheet owner`, …).
pub const OWN_COLUMNS: [&str; 18] = [
    "smart",
    "score",
    "评分",
    "smart评分",
    "goalsheetleaf",
    "goalsheetowner",
    "goalsheetchannel",
    "goalsheetmetric",
    "goalsheetquarter",
    "goalsheetyear",
    "goalsheetmetricname",
    "goalsheetfolded1",
    "goalsheetfolded2",
    "goalsheetfolded3",
    "goalsheetfolded4",
    "goalsheetactual",
    "goalsheetbudget",
    "goalsheetplanned",
];

/// Sheets goalsheet itself adds to a reviewed workbook; never taken as the goal sheet.
pub const OWN_SHEETS: [&str; 12] = [
    "Summary",
    "概览",
    "Findings",
    "问题清单",
    "By owner",
    "按负责人",
    "By channel",
    "按渠道",
    "Hierarchy",
    "目标层级",
    "Timeline",
    "时间线",
];

/// Where a sheet's header is and what its columns are.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HeaderMatch {
    /// 0-based header rows (one or two).
    pub header_rows: Vec<u32>,
    /// Field key → 0-based column (first column wins when a field repeats).
    pub columns: IndexMap<String, u32>,
    /// Header cells that named no field: (column, text).
    pub unknown: Vec<(u32, String)>,
    /// Header cells naming a field already mapped to a column to their left: (column, text,
    /// field). Not read; reported with the unrecognised columns.
    pub duplicates: Vec<(u32, String, String)>,
    /// Recognised columns of derived numbers (progress, score, 完成率): (column, text).
    pub derived: Vec<(u32, String)>,
    /// Units stated in the header (`全年目标(万元)` → `万元`), by column.
    pub units: IndexMap<u32, String>,
    /// The first data row.
    pub data_start: u32,
    /// Header texts, for language detection.
    pub texts: Vec<String>,
}

impl HeaderMatch {
    pub fn has(&self, key: &str) -> bool {
        self.columns.contains_key(key)
    }
    pub fn score(&self) -> usize {
        self.columns.len()
    }
}

fn text_of(v: &CellValue) -> Option<String> {
    match v {
        CellValue::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        _ => None,
    }
}

/// Whether a row holds numbers, dates or booleans (or, in a CSV, texts that read as
/// numbers): a data row, not a sub-header row.
fn holds_values(sheet: &Sheet, row: u32) -> bool {
    sheet.rows.get(row as usize).is_some_and(|cells| {
        cells.iter().any(|v| match v {
            CellValue::Empty => false,
            CellValue::String(s) => matches!(
                crate::parse::parse_number(s),
                crate::parse::NumberValue::Number { .. }
            ),
            _ => true,
        })
    })
}

/// Whether the first few cells under a header hold mostly numbers: a `目标` column of numbers
/// is a target, not an objective (an objective is a sentence).
fn numeric_column(sheet: &Sheet, col: u32, from: u32) -> bool {
    let (mut numbers, mut texts) = (0usize, 0usize);
    for row in from..from.saturating_add(6).min(sheet.height()) {
        match sheet.value(row, col) {
            CellValue::Empty => {}
            CellValue::Number(_) => numbers += 1,
            CellValue::String(t) => match crate::parse::parse_number(t) {
                crate::parse::NumberValue::Number { .. } => numbers += 1,
                crate::parse::NumberValue::Blank => {}
                _ => texts += 1,
            },
            _ => texts += 1,
        }
    }
    numbers > 0 && numbers > texts
}

/// Whether a band cell's field qualifies the sub-headers under it, so that a blank band cell
/// to its right continues it: a quarter (`Q1 2026`), an actual or target band, or a statement
/// word (`季度目标`).
fn is_band(field: Option<&str>) -> bool {
    matches!(
        field,
        Some("q1" | "q2" | "q3" | "q4" | "actual" | "target" | "objective" | DERIVED)
    )
}

/// Match one header candidate: a single row, or a band row over a sub-header row.
///
/// Under a band (`Q1 2026` merged over `Target | Actual | Progress`), each sub-header is
/// composed with the band ([`compose`]): Q1 target, Q1 actual, a derived column. A blank
/// band cell over a sub-header continues the band to its left: CSV exports lose the merge,
/// and many workbooks never merged the band (typed once, centred across the selection).
fn match_header(sheet: &Sheet, vocab: &Vocabulary, top: u32, two_rows: bool) -> HeaderMatch {
    let width = sheet.width();
    let mut m = HeaderMatch {
        header_rows: if two_rows {
            vec![top, top + 1]
        } else {
            vec![top]
        },
        data_start: top + if two_rows { 2 } else { 1 },
        ..HeaderMatch::default()
    };
    let mut band: Option<(String, HeaderReading)> = None;
    for col in 0..width {
        // A cell merged down from a row above belongs to a header that starts there.
        let upper_text = if sheet.merged_from(top, col).is_some_and(|(r, _)| r < top) {
            None
        } else {
            text_of(sheet.value(top, col))
        };
        // A cell merged down from the band row is the same header, not a sub-header.
        let lower = if two_rows
            && sheet
                .merged_from(top + 1, col)
                .is_none_or(|(r, _)| r != top)
        {
            text_of(sheet.raw(top + 1, col)).map(|l| {
                let r = vocab.read(&l);
                (l, r)
            })
        } else {
            None
        };
        // goalsheet's own columns on a reviewed plan (`goalsheet owner`, SMART) are skipped,
        // whatever their words read as (Score is derived either way).
        let own = |t: &str| {
            OWN_COLUMNS.contains(&normalize_header(t).as_str())
                && vocab.read(t).field.as_deref() != Some(DERIVED)
        };
        if upper_text.as_deref().is_some_and(own) || lower.as_ref().is_some_and(|(l, _)| own(l)) {
            continue;
        }
        let upper = match upper_text {
            Some(u) => {
                let r = vocab.read(&u);
                band = is_band(r.field.as_deref()).then(|| (u.clone(), r.clone()));
                Some((u, r))
            }
            None if two_rows && lower.is_some() => band.clone(),
            None => {
                band = None;
                None
            }
        };
        let (field, label, unit) = match (upper, lower) {
            // A month under a band is a month column, whatever the band says.
            (Some(_), Some((l, _))) if crate::periods::month_of_header(&l).is_some() => {
                (None, l, None)
            }
            (Some((u, ur)), Some((l, lr))) => (
                compose(ur.field.as_deref(), lr.field.as_deref()),
                format!("{u} {l}"),
                lr.unit.or(ur.unit),
            ),
            (Some((u, r)), None) | (None, Some((u, r))) => (r.field, u, r.unit),
            (None, None) => continue,
        };
        let field = match field {
            Some(f) if f == "objective" && numeric_column(sheet, col, m.data_start) => {
                Some("target".to_string())
            }
            other => other,
        };
        match field {
            Some(f) if f == DERIVED => {
                m.texts.push(label.clone());
                m.derived.push((col, label));
            }
            Some(f) => {
                m.texts.push(label.clone());
                if let Some(u) = unit {
                    m.units.insert(col, u);
                }
                if m.columns.contains_key(&f) {
                    m.duplicates.push((col, label, f));
                } else {
                    m.columns.insert(f, col);
                }
            }
            None => {
                m.texts.push(label.clone());
                m.unknown.push((col, label));
            }
        }
    }
    m
}

/// The best header in the first [`HEADER_SEARCH_ROWS`] rows of a sheet, if `accept` takes it.
///
/// Each row is matched once on its own; a row and the one below it are taken as one
/// two-row header (a band over sub-headers) only when together they name more fields than
/// either row alone — so a title row that happens to name a field (`2026年度KPI考核表`) does
/// not become the header's first row — and when the lower row holds no numbers (a data row
/// is not a sub-header).
pub fn find_header(
    sheet: &Sheet,
    vocab: &Vocabulary,
    accept: impl Fn(&HeaderMatch) -> bool,
) -> Option<HeaderMatch> {
    let rows = sheet.height().min(HEADER_SEARCH_ROWS);
    let singles: Vec<HeaderMatch> = (0..rows.saturating_add(1).min(sheet.height()))
        .map(|top| match_header(sheet, vocab, top, false))
        .collect();
    let mut best: Option<HeaderMatch> = None;
    for top in 0..rows {
        let Some(single) = singles.get(top as usize) else {
            break;
        };
        if single.score() == 0 {
            continue;
        }
        let mut candidate = single.clone();
        // Two rows also for months under a band (`月度目标` over `1月`..`12月`, which may
        // read as numbers or be date cells).
        let months_below = top + 1 < sheet.height()
            && crate::periods::month_headers_in_row(sheet, top + 1) >= 3
            && crate::periods::month_headers_in_row(sheet, top) < 3;
        if top + 1 < sheet.height() && (months_below || !holds_values(sheet, top + 1)) {
            let below = singles.get(top as usize + 1).map_or(0, HeaderMatch::score);
            let double = match_header(sheet, vocab, top, true);
            // A band over the months (`月度目标`) read alone names a field it loses over them.
            let over_months = candidate
                .columns
                .values()
                .filter(|&&c| crate::periods::is_month_cell(sheet, top + 1, c))
                .count();
            if double.score() > candidate.score().max(below)
                || (months_below && double.score() + over_months >= candidate.score())
            {
                candidate = double;
            }
        }
        if !accept(&candidate) {
            continue;
        }
        if best.as_ref().is_none_or(|b| candidate.score() > b.score()) {
            best = Some(candidate);
        }
    }
    best
}

/// Does a goal-sheet header look like one: a statement or metric, and a target, owner or date.
pub fn is_goal_header(m: &HeaderMatch) -> bool {
    let statement = ["objective", "key_result", "metric"]
        .iter()
        .any(|k| m.has(k));
    let fact = ["target", "q1", "owner", "due", "quarter"]
        .iter()
        .any(|k| m.has(k));
    statement && fact && m.score() >= 3
}

fn is_action_header(m: &HeaderMatch) -> bool {
    m.has("action") && m.score() >= 3
}

fn is_budget_header(m: &HeaderMatch) -> bool {
    m.has("amount") && m.has("item")
}

/// What a data row is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowKind {
    Data,
    Blank,
    Totals,
    Note,
}

const NOTE_PREFIXES: [&str; 9] = [
    "注",
    "说明",
    "备注",
    "填表",
    "note",
    "*",
    "※",
    "source",
    "数据来源",
];

/// Classifies the rows below a header: goal data, blank, totals or note.
#[derive(Debug, Clone)]
pub struct RowClassifier {
    totals: std::collections::HashSet<String>,
    /// The letters of the normalised totals words (`合计`: 合, 计): a cell with another
    /// letter cannot be one of them, and is not normalised to find out.
    totals_letters: std::collections::HashSet<char>,
    statement_cols: Vec<u32>,
    /// One past the header's last column: cells right of the table (scratch sums, a stray
    /// value far off) do not make a row part of it.
    table_end: u32,
}

impl RowClassifier {
    /// `statement_cols` are the objective/key-result/action columns: a lone text there is a
    /// goal with missing facts, not a note.
    pub fn new(config: &Config, header: &HeaderMatch, statement_cols: Vec<u32>) -> RowClassifier {
        let table_end = header
            .columns
            .values()
            .chain(header.unknown.iter().map(|(c, _)| c))
            .chain(header.duplicates.iter().map(|(c, _, _)| c))
            .chain(header.derived.iter().map(|(c, _)| c))
            .max()
            .map_or(0, |&c| c + 1);
        let totals: std::collections::HashSet<String> = config
            .lexicon
            .totals
            .iter()
            .map(|w| normalize_header(w))
            .collect();
        let mut totals_letters: std::collections::HashSet<char> =
            totals.iter().flat_map(|w| w.chars()).collect();
        // A final sigma is lower-cased by position in a word, not letter by letter.
        if totals_letters.contains(&'ς') {
            totals_letters.insert('σ');
        }
        RowClassifier {
            table_end,
            totals,
            totals_letters,
            statement_cols,
        }
    }

    /// False when `text` cannot normalise ([`normalize_header`]) to a totals word: a letter
    /// of it, half-width and lower-cased, is in none of them. Looks without allocating.
    fn may_be_total(&self, text: &str) -> bool {
        text.chars().all(|c| {
            crate::parse::halfwidth_char(c).to_lowercase().all(|l| {
                l.is_whitespace()
                    || crate::parse::is_punctuation(l)
                    || self.totals_letters.contains(&l)
            })
        })
    }

    /// What a row is.
    pub fn classify(&self, sheet: &Sheet, row: u32) -> RowKind {
        let len = (sheet.rows.get(row as usize).map_or(0, Vec::len) as u32).min(self.table_end);
        // The first three filled cells (all the tests below look at) and how many there are.
        let mut first: [Option<(u32, &CellValue)>; 3] = [None; 3];
        let mut filled = 0usize;
        for col in 0..len {
            // Merged values count only at their anchor: a merged dimension alone is not a row.
            if sheet.merged_from(row, col).is_some() {
                continue;
            }
            let v = sheet.raw(row, col);
            if !v.is_empty() {
                if let Some(slot) = first.get_mut(filled) {
                    *slot = Some((col, v));
                }
                filled += 1;
            }
        }
        if filled == 0 {
            return RowKind::Blank;
        }
        // Totals labels are short; long texts are never normalized for this.
        let is_total_word = |t: &str| {
            t.chars().count() <= 24
                && self.may_be_total(t)
                && self.totals.contains(&normalize_header(t))
        };
        if first
            .iter()
            .flatten()
            .any(|(_, v)| matches!(v, CellValue::String(s) if is_total_word(s)))
        {
            return RowKind::Totals;
        }
        let statement_cols = &self.statement_cols;
        if filled == 1
            && let Some((col, CellValue::String(s))) = first[0]
        {
            let lower = s.trim().to_lowercase();
            let noted = NOTE_PREFIXES.iter().any(|p| lower.starts_with(p));
            if noted || !statement_cols.contains(&col) {
                return RowKind::Note;
            }
        }
        RowKind::Data
    }
}

/// The sheets of a plan and their headers.
#[derive(Debug, Clone)]
pub struct WorkbookLayout {
    pub goal_sheet: usize,
    pub goal_header: HeaderMatch,
    pub action_sheet: Option<(usize, HeaderMatch)>,
    pub budget_sheet: Option<(usize, HeaderMatch)>,
}

fn name_matches(name: &str, words: &[String]) -> bool {
    let n = normalize_header(name);
    words.iter().any(|w| {
        let w = normalize_header(w);
        !w.is_empty() && n.contains(&w)
    })
}

/// Find the goal sheet (or `sheet`), the action-plan sheet and the budget sheet.
///
/// Returns `Err(Some(names))` when `sheet` names no sheet, `Err(None)` when no header is found.
pub fn locate(
    grid: &Grid,
    config: &Config,
    sheet: Option<&str>,
) -> Result<WorkbookLayout, Option<String>> {
    let goals = Vocabulary::new(&config.headers);
    let actions = Vocabulary::new(&config.action_headers);
    let budget = Vocabulary::new(&config.budget_headers);
    // Sheet names only steer the choice among several sheets: a lone sheet (a CSV named
    // `summary.csv` or `目标与预算.csv`) is the goal sheet if it has a goal header at all.
    let several = grid.sheets.len() > 1;
    let is_own = |name: &str| several && OWN_SHEETS.iter().any(|s| s.eq_ignore_ascii_case(name));

    let goal_sheet = match sheet {
        Some(wanted) => {
            let idx = grid
                .sheets
                .iter()
                .position(|s| s.name == wanted)
                .or_else(|| {
                    grid.sheets
                        .iter()
                        .position(|s| s.name.eq_ignore_ascii_case(wanted))
                })
                .ok_or_else(|| {
                    Some(
                        grid.sheets
                            .iter()
                            .map(|s| s.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                })?;
            let header = find_header(&grid.sheets[idx], &goals, is_goal_header).ok_or(None)?;
            (idx, header)
        }
        None => {
            let mut best: Option<(usize, HeaderMatch)> = None;
            for (i, s) in grid.sheets.iter().enumerate() {
                if is_own(&s.name)
                    || several
                        && (name_matches(&s.name, &config.sheets.actions)
                            || name_matches(&s.name, &config.sheets.budget))
                {
                    continue;
                }
                if let Some(h) = find_header(s, &goals, is_goal_header)
                    && best.as_ref().is_none_or(|(_, b)| h.score() > b.score())
                {
                    best = Some((i, h));
                }
            }
            best.ok_or(None)?
        }
    };
    let pick = |vocab: &Vocabulary, names: &[String], accept: fn(&HeaderMatch) -> bool| {
        let mut best: Option<(usize, HeaderMatch, bool)> = None;
        for (i, s) in grid.sheets.iter().enumerate() {
            if i == goal_sheet.0 || is_own(&s.name) {
                continue;
            }
            if let Some(h) = find_header(s, vocab, accept) {
                let named = name_matches(&s.name, names);
                let better = match &best {
                    None => true,
                    Some((_, b, bn)) => (named, h.score()) > (*bn, b.score()),
                };
                if better {
                    best = Some((i, h, named));
                }
            }
        }
        best.map(|(i, h, _)| (i, h))
    };
    let action_sheet = pick(&actions, &config.sheets.actions, is_action_header);
    let budget_sheet = pick(&budget, &config.sheets.budget, is_budget_header)
        .filter(|(i, _)| action_sheet.as_ref().is_none_or(|(a, _)| a != i));
    Ok(WorkbookLayout {
        goal_sheet: goal_sheet.0,
        goal_header: goal_sheet.1,
        action_sheet,
        budget_sheet,
    })
}

/// What a sheet named by `--sheet` holds when it has no goal header, in words for the
/// message: `the action plan`, `the budget`, `a sheet goalsheet adds to a review`, or `a
/// sheet without a goal header in its first 30 rows`. `None` when no sheet has that name.
pub fn describe_non_goal_sheet(grid: &Grid, config: &Config, name: &str) -> Option<&'static str> {
    let sheet = grid.sheets.iter().find(|s| s.name == name).or_else(|| {
        grid.sheets
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    })?;
    let actions = Vocabulary::new(&config.action_headers);
    let budget = Vocabulary::new(&config.budget_headers);
    Some(
        if find_header(sheet, &actions, is_action_header).is_some() {
            "the action plan"
        } else if find_header(sheet, &budget, is_budget_header).is_some() {
            "the budget"
        } else if OWN_SHEETS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(&sheet.name))
        {
            "a sheet goalsheet adds to a review"
        } else {
            "a sheet without a goal header in its first 30 rows"
        },
    )
}

/// Header language: Chinese when the header texts hold more CJK characters than ASCII letters.
pub fn header_is_chinese(texts: &[String]) -> bool {
    let mut cjk = 0usize;
    let mut latin = 0usize;
    for t in texts {
        for ch in t.chars() {
            if ('\u{4e00}'..='\u{9fff}').contains(&ch) {
                cjk += 1;
            } else if ch.is_ascii_alphabetic() {
                latin += 1;
            }
        }
    }
    cjk * 2 > latin
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Merge;

    fn sheet(rows: &[&[&str]], merges: Vec<Merge>, has_merge_info: bool) -> Sheet {
        let rows = rows
            .iter()
            .map(|r| {
                r.iter()
                    .map(|t| match t.parse::<f64>() {
                        Ok(n) if has_merge_info => CellValue::Number(n),
                        _ if t.is_empty() => CellValue::Empty,
                        _ => CellValue::String(t.to_string()),
                    })
                    .collect()
            })
            .collect();
        Sheet::new("Goals".into(), rows, merges, has_merge_info)
    }

    fn goals() -> Vocabulary {
        Vocabulary::new(&Config::default().headers)
    }

    fn letters(m: &HeaderMatch) -> Vec<(String, u32)> {
        m.columns.iter().map(|(f, c)| (f.clone(), *c)).collect()
    }

    const BAND: [&[&str]; 4] = [
        &[
            "Objective",
            "Owner",
            "Target",
            "Q1 2026",
            "",
            "",
            "一季度",
            "",
            "Notes",
        ],
        &[
            "", "", "", "Target", "Actual", "Progress", "目标", "实际", "",
        ],
        &["Grow revenue", "Ann", "400", "100", "90", "0.9", "", "", ""],
        &["Grow leads", "Bo", "800", "200", "210", "1.05", "", "", ""],
    ];

    #[test]
    fn a_csv_band_continues_over_its_blank_cells() {
        let s = sheet(&BAND, Vec::new(), false);
        let m = find_header(&s, &goals(), is_goal_header).expect("header");
        assert_eq!(m.header_rows, vec![0, 1]);
        assert_eq!(m.data_start, 2);
        assert_eq!(
            letters(&m),
            [
                ("objective".to_string(), 0),
                ("owner".into(), 1),
                ("target".into(), 2),
                ("q1".into(), 3),
                ("actual_q1".into(), 4),
                ("notes".into(), 8),
            ]
        );
        assert_eq!(m.derived, vec![(5, "Q1 2026 Progress".to_string())]);
        // the second Q1 band is a second q1 and a second actual_q1: reported, not lost
        assert_eq!(
            m.duplicates,
            vec![
                (6, "一季度 目标".to_string(), "q1".to_string()),
                (7, "一季度 实际".to_string(), "actual_q1".to_string()),
            ]
        );
    }

    #[test]
    fn an_unmerged_band_in_a_workbook_continues_too() {
        let s = sheet(&BAND, Vec::new(), true);
        let m = find_header(&s, &goals(), is_goal_header).expect("header");
        assert_eq!(m.columns.get("actual_q1"), Some(&4));
        assert_eq!(m.derived, vec![(5, "Q1 2026 Progress".to_string())]);
        assert!(!m.columns.contains_key("actual"));
    }

    #[test]
    fn merged_bands_compose_the_same_way() {
        let merges = vec![
            Merge {
                first_row: 0,
                first_col: 3,
                last_row: 0,
                last_col: 5,
            },
            Merge {
                first_row: 0,
                first_col: 0,
                last_row: 1,
                last_col: 0,
            },
        ];
        let s = sheet(&BAND, merges, true);
        let m = find_header(&s, &goals(), is_goal_header).expect("header");
        assert_eq!(m.header_rows, vec![0, 1]);
        assert_eq!(m.columns.get("q1"), Some(&3));
        assert_eq!(m.columns.get("actual_q1"), Some(&4));
        assert_eq!(m.columns.get("target"), Some(&2));
    }

    #[test]
    fn an_objective_word_over_numbers_is_a_target() {
        let rows: [&[&str]; 3] = [
            &["目标", "销售目标", "负责人"],
            &["线上销售额达到2400万元", "2400", "罗敏"],
            &["新增经销商40家", "40", "韩冬"],
        ];
        for merge_info in [true, false] {
            let s = sheet(&rows, Vec::new(), merge_info);
            let m = find_header(&s, &goals(), is_goal_header).expect("header");
            assert_eq!(
                m.columns.get("objective"),
                Some(&0),
                "merge info {merge_info}"
            );
            assert_eq!(m.columns.get("target"), Some(&1), "merge info {merge_info}");
        }
    }

    #[test]
    fn a_data_row_is_not_a_sub_header_and_a_title_is_not_a_band() {
        let rows: [&[&str]; 3] = [
            &["2026年度市场部KPI考核表"],
            &["目标描述", "负责人", "目标值", "截止日期"],
            &[
                "线上销售额达到2400万元",
                "线上渠道负责人",
                "2400",
                "2026-12-31",
            ],
        ];
        for merge_info in [true, false] {
            let s = sheet(&rows, Vec::new(), merge_info);
            let m = find_header(&s, &goals(), is_goal_header).expect("header");
            assert_eq!(m.header_rows, vec![1], "merge info {merge_info}");
            assert_eq!(m.data_start, 2);
            assert_eq!(m.columns.get("owner"), Some(&1));
        }
    }
}

#[cfg(test)]
mod totals_screen_tests {
    use super::*;
    use proptest::prelude::*;

    fn classifier(totals: &[&str]) -> RowClassifier {
        let mut config = Config::default();
        config.lexicon.totals = totals.iter().map(|t| t.to_string()).collect();
        RowClassifier::new(&config, &HeaderMatch::default(), Vec::new())
    }

    proptest! {
        /// The screen never turns a totals label away: any spacing, punctuation, width or
        /// case of a listed word passes it.
        #[test]
        fn the_screen_keeps_every_totals_label(
            text in "[ 合计总小和TtOoAaLlSsUuMm:：（）()ΣσςＴＯＡＬ\\u{3000}İ]{0,8}",
        ) {
            let c = classifier(&["合计", "总计", "小计", "total", "sum", "grand total", "ΣΥΝΟΛΟΣ", "İ"]);
            if c.totals.contains(&normalize_header(&text)) {
                prop_assert!(c.may_be_total(&text), "{:?}", text);
            }
        }
    }

    #[test]
    fn totals_rows_are_still_found_and_others_screened_out() {
        let c = classifier(&["合计", "total", "grand total"]);
        for t in [
            "合计",
            "合 计：",
            "TOTAL",
            "Ｔｏｔａｌ",
            "Grand Total",
            "（合计）",
        ] {
            assert!(c.may_be_total(t), "{t}");
            assert!(c.totals.contains(&normalize_header(t)), "{t}");
        }
        for t in ["KR1.2", "张三", "Online", "Q1"] {
            assert!(!c.may_be_total(t), "{t}");
        }
        let sheet = Sheet::new(
            "Goals".into(),
            vec![
                vec![CellValue::String("合 计".into()), CellValue::Number(5.0)],
                vec![CellValue::String("KR1".into()), CellValue::Number(5.0)],
                vec![CellValue::Empty, CellValue::String("a note".into())],
                vec![],
            ],
            Vec::new(),
            false,
        );
        let mut c = classifier(&["合计"]);
        c.table_end = 2;
        let kinds: Vec<RowKind> = (0..4).map(|r| c.classify(&sheet, r)).collect();
        assert_eq!(
            kinds,
            vec![
                RowKind::Totals,
                RowKind::Data,
                RowKind::Note,
                RowKind::Blank
            ]
        );
    }
}
