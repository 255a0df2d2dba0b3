//! The review workbook (DESIGN §5): the plan's own sheets re-written with their problem cells
//! annotated, a summary, the findings, live rollups by owner and channel, the goal tree and
//! an action timeline.
//!
//! One file per sheet; this module holds what they share (sheet names, formats, Excel's
//! limits) and the atomic write.
//!
//! ```no_run
//! use goalsheet::write::review::{ReviewOptions, default_output_path, write_review};
//! let input = std::path::Path::new("plan.xlsx");
//! let grid = goalsheet::read::read_grid(input, None)?;
//! let options = goalsheet::LoadOptions::default();
//! let plan = goalsheet::model::build_plan(&grid, &options)?;
//! let as_of = chrono::NaiveDate::from_ymd_opt(2026, 6, 30).unwrap();
//! let lang = plan.lang;
//! let analysis = goalsheet::rollup::Analysis::new(plan, &options.config, lang, as_of);
//! let review = ReviewOptions { output: default_output_path(input), force: false };
//! let summary = write_review(&grid, &analysis, &options.config, &review)?;
//! println!("wrote {}", summary.path.display());
//! # Ok::<(), goalsheet::Error>(())
//! ```

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

use crate::config::Config;
use crate::error::{Error, Result};
use crate::model::{Hierarchy, Lang, Plan};
use crate::read::Grid;
use crate::rollup::Analysis;
use crate::rules::{Finding, Severity};

mod actions;
mod cell_style;
mod findings;
mod formula_text;
mod goal_columns;
mod helper_columns;
mod hierarchy;
mod number_width;
mod plan_cells;
mod plan_sheet;
mod plan_values;
mod prepared;
mod rollup_sheets;
mod summary;

pub use crate::write::{MAX_CELL_CHARS, MAX_COLS, MAX_ROWS, MAX_SHEET_NAME, unique_sheet_name};
/// Goals above which the workbook is compressed faster (and a little less).
const BIG_PLAN_GOALS: usize = 20_000;

/// How to write the review workbook.
#[derive(Debug, Clone)]
pub struct ReviewOptions {
    /// Where to write it.
    pub output: PathBuf,
    /// Replace an existing output file.
    pub force: bool,
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewSummary {
    /// The file written (empty for [`review_bytes`]).
    pub path: PathBuf,
    /// The workbook's sheets, in order.
    pub sheets: Vec<String>,
    pub goals: usize,
    pub findings: usize,
    /// Cells whose text was cut to Excel's 32,767 characters.
    pub cut_cells: usize,
    /// Finding notes cut to what a note holds ([`crate::write::MAX_NOTE_CHARS`]).
    pub cut_notes: usize,
    /// Rows (or columns) left out because they lie beyond Excel's grid.
    pub cut_rows: usize,
    /// Sheet names shortened or changed to meet Excel's naming rules.
    pub renamed_sheets: usize,
    /// Formulas of the original written as their stored values (they referred to sheets the
    /// review copy does not carry).
    pub formulas_as_values: usize,
}

/// `<stem>.reviewed.xlsx` beside the input.
///
/// ```
/// use std::path::Path;
/// use goalsheet::write::review::default_output_path;
/// assert_eq!(default_output_path(Path::new("dir/plan.csv")), Path::new("dir/plan.reviewed.xlsx"));
/// ```
pub fn default_output_path(input: &Path) -> PathBuf {
    let stem = input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "plan".to_string());
    input.with_file_name(format!("{stem}.reviewed.xlsx"))
}

/// Write the review workbook atomically: into a temporary file in the output's directory,
/// then renamed into place. Never writes over the input; refuses an existing output unless
/// `options.force`.
///
/// # Parameters
/// - `grid`: the file as read ([`crate::read::read_grid`]); every sheet the plan uses is
///   re-written from it cell by cell, and its `parts` say what the copy does not carry.
/// - `plan`: the plan built from `grid` ([`crate::model::build_plan`]).
/// - `findings`: what the rules found ([`crate::rules::check_plan`]); they fill and annotate
///   their cells and make the findings sheet.
/// - `config`: the configuration the rollups use (derived ratios, metric kinds).
/// - `options`: language of the added sheets, output path, `force`.
///
/// The sheets, in order: Summary / 概览; the plan's own sheets (goal, action, budget) in the
/// original's order; Findings / 问题清单; By owner / 按负责人; By channel / 按渠道;
/// Hierarchy / 目标层级; Timeline / 时间线 when the plan has an action sheet.
///
/// # Errors
/// [`Error::SameAsInput`] when the output is the input file, [`Error::OutputExists`] when it
/// exists and `force` is off, [`Error::Output`] when the workbook cannot be built or the file
/// cannot be written (nothing is left behind then).
pub fn write_review(
    grid: &Grid,
    analysis: &Analysis,
    config: &Config,
    options: &ReviewOptions,
) -> Result<ReviewSummary> {
    write_review_with(grid, analysis, config, options, Streaming::AboveThreshold)
}

/// [`write_review`], always streaming the plan's sheets and the goal tree through temporary
/// files, whatever the plan's size — for a caller that wants the lowest memory, and for the
/// tests that compare the streamed workbook with the in-memory one.
///
/// # Errors
/// As [`write_review`].
pub fn write_review_streamed(
    grid: &Grid,
    analysis: &Analysis,
    config: &Config,
    options: &ReviewOptions,
) -> Result<ReviewSummary> {
    write_review_with(grid, analysis, config, options, Streaming::Always)
}

/// The plan's re-written sheets (rows and cells, as [`check_review_size`] counts them) above
/// which [`write_review`] streams them through temporary files. Below it (about 10,000 goals
/// of 17 columns, some 40 MB while built) the workbook is built in memory, so the file is
/// byte for byte what [`review_bytes`] (the web page) gives; above it a streamed workbook
/// holds the same cells, formulas and notes but numbers its shared strings and styles in the
/// order written.
pub const STREAM_ABOVE_CELLS: usize = 180_000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Streaming {
    AboveThreshold,
    Always,
}

fn write_review_with(
    grid: &Grid,
    analysis: &Analysis,
    config: &Config,
    options: &ReviewOptions,
    streaming: Streaming,
) -> Result<ReviewSummary> {
    let output = &options.output;
    if same_file(&grid.path, output) {
        return Err(Error::SameAsInput {
            path: output.clone(),
        });
    }
    let cells = check_review_size(grid, &analysis.plan)?;
    // Checked before the work of building: a directory or device as output, or a link to
    // the input, fails at once.
    crate::write::atomic::check_output(output, true, Some(grid))?;
    if output.exists() && !options.force {
        return Err(Error::OutputExists {
            path: output.clone(),
        });
    }
    // A big plan's re-written sheets stream their rows through temporary files instead of
    // holding every cell until the workbook is saved.
    let temp = if streaming == Streaming::Always || cells > STREAM_ABOVE_CELLS {
        temp_dir_beside(output)?
    } else {
        None
    };
    // A streamed sheet's temporary file that cannot be written (a full disk) ends the review
    // with an error naming the output, not a panic.
    let (workbook, mut summary) = crate::write::streamed::guard(output, || {
        let (mut workbook, summary) = build(grid, analysis, config, temp.as_deref())?;
        // Saved straight into the temporary file: no second copy of the bytes in memory. The
        // file is written on another thread while the workbook is packed.
        crate::write::atomic::save_with(output, options.force, Some(grid), |file| {
            crate::par::write_behind(file, |packed| {
                workbook
                    .save_to_writer(packed)
                    .map_err(std::io::Error::other)
            })
        })?;
        Ok((workbook, summary))
    })?;
    crate::par::drop_later(workbook);
    summary.path = output.clone();
    Ok(summary)
}

/// The review workbook in memory: the same input gives the same bytes, and for a plan under
/// [`STREAM_ABOVE_CELLS`] the bytes [`write_review`] writes.
///
/// # Errors
/// [`Error::Output`] when the workbook cannot be built.
pub fn review_bytes(grid: &Grid, analysis: &Analysis, config: &Config) -> Result<Vec<u8>> {
    // In memory only (the web page has no temporary files): every sheet is held until saved.
    let (mut workbook, _) = build(grid, analysis, config, None)?;
    workbook.save_to_buffer().map_err(|e| Error::Output {
        path: grid.path.clone(),
        message: format!("cannot build the review workbook: {e}"),
    })
}

/// The most rows and cells the sheets a review re-writes (goal, action and budget sheets)
/// may hold: each costs about 250 bytes while the workbook is built, so this keeps a review
/// under 1 GB. A 100,000-goal plan of 17 columns is 1.8 million.
pub const MAX_REVIEW_CELLS: usize = 2_500_000;

/// Refuse a plan whose re-written sheets would take the review past [`MAX_REVIEW_CELLS`]
/// ([`Error::OverLimit`]); [`write_review`] and [`crate::engine::review`] call it first.
/// Returns the count: the sheets' rows plus their cells.
pub fn check_review_size(grid: &Grid, plan: &Plan) -> Result<usize> {
    let wanted: Vec<&str> = std::iter::once(plan.sheet.as_str())
        .chain(plan.actions.as_ref().map(|a| a.sheet.as_str()))
        .chain(plan.budget.as_ref().map(|b| b.sheet.as_str()))
        .collect();
    let cells: usize = grid
        .sheets
        .iter()
        .filter(|s| wanted.contains(&s.name.as_str()))
        .map(|s| s.rows.len() + s.rows.iter().map(Vec::len).sum::<usize>())
        .sum();
    if cells > MAX_REVIEW_CELLS {
        return Err(Error::OverLimit {
            path: grid.path.clone(),
            detail: format!(
                "the plan's sheets hold {cells} rows and cells, too many to write a review \
                 workbook from (check, inspect and rollup still read it)"
            ),
            limit: MAX_REVIEW_CELLS as u64,
            unit: "cells",
        });
    }
    Ok(cells)
}

/// Where streamed sheets keep their rows: beside the output, which is writable (the workbook
/// is saved there through a temporary file too) and on disk where the system's temporary
/// directory may be held in memory. A folder the save is still to create is not made before
/// the workbook is built (a failure leaves nothing behind): the system's temporary directory
/// serves then. Each is tried with a file first:
/// - an output folder that cannot take one fails at once as the save would ([`Error::Output`]
///   naming the output and the folder), not as a workbook that cannot be built;
/// - a system temporary directory that cannot take one (a missing `TMPDIR`) gives `None`: the
///   workbook is built in memory, as a smaller plan's is, and the review still succeeds.
fn temp_dir_beside(output: &Path) -> Result<Option<PathBuf>> {
    let dir = output
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if dir.is_dir() {
        return match tempfile::tempfile_in(dir) {
            Ok(_) => Ok(Some(dir.to_path_buf())),
            Err(e) => Err(Error::Output {
                path: output.to_path_buf(),
                message: format!(
                    "cannot create a file in {}: {}",
                    dir.display(),
                    std::io::Error::from(e.kind())
                ),
            }),
        };
    }
    let system = std::env::temp_dir();
    Ok(tempfile::tempfile_in(&system).is_ok().then_some(system))
}

fn same_file(input: &Path, output: &Path) -> bool {
    if input == output {
        return true;
    }
    let canon = |p: &Path| -> Option<PathBuf> {
        if let Ok(c) = p.canonicalize() {
            return Some(c);
        }
        let parent = match p.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.canonicalize().ok()?,
            _ => std::env::current_dir().ok()?,
        };
        Some(parent.join(p.file_name()?))
    };
    match (canon(input), canon(output)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// Build the workbook, every sheet in place, ready to save. With `streamed` (a directory for
/// temporary files), the plan's re-written sheets and the goal tree (a row per goal: by far
/// the largest) are rust_xlsxwriter low- and constant-memory worksheets, which write each
/// finished row to a temporary file there: the same cells, formulas and notes, without
/// holding them all in memory. The plan sheets' texts still go to the shared strings table;
/// the tree's are written in its cells.
fn build(
    grid: &Grid,
    analysis: &Analysis,
    config: &Config,
    streamed: Option<&Path>,
) -> Result<(Workbook, ReviewSummary)> {
    let (plan, findings) = (&analysis.plan, &analysis.findings);
    let xlsx = |e: XlsxError| Error::Output {
        path: grid.path.clone(),
        message: format!("cannot build the review workbook: {e}"),
    };
    let ctx = Ctx::new(grid, analysis, config);

    let mut workbook = Workbook::new();
    if let Some(dir) = streamed {
        workbook.set_tempdir(dir).map_err(xlsx)?;
    }
    // These read the plan alone, not the workbook: the goal sheet's number plans on one
    // core, the goal tree's formats and the findings sheet (about as long) on the other.
    let ((tree_formats, findings_sheet), sheet_plans) = crate::par::join(
        || {
            let mut limits = Limits::default();
            let sheet = findings::write(&ctx, &mut limits).map(|ws| (ws, limits));
            (hierarchy::TreeFormats::of(&ctx), sheet)
        },
        || plan_sheet::SheetPlans::of(&ctx),
    );
    let findings_sheet = findings_sheet.map_err(xlsx)?;
    // A streamed goal tree is written while the plan sheets are, into the same workbook: its
    // texts go in its cells (it touches no shared string table) and its formats are
    // registered now, in the order it uses them, so the file never depends on which thread
    // reached the workbook's tables first (rust_xlsxwriter's `register_format` exists for
    // this: constant-memory sheets written on several threads).
    let streamed_tree = match streamed {
        Some(_) => {
            for format in tree_formats.in_first_use() {
                workbook.register_format(format);
            }
            Some(
                workbook
                    .new_worksheet_with_constant_memory()
                    .map_err(xlsx)?,
            )
        }
        None => None,
    };
    // The sheets that read nothing the plan sheets write are built meanwhile (at once where
    // there are threads): the goal tree, the timeline, the Summary's draft.
    let (plan_built, other_built) = crate::par::join(
        || PlanSide::build(&ctx, &sheet_plans, &mut workbook, streamed.is_some()),
        || OtherSide::build(&ctx, findings_sheet, streamed_tree, tree_formats),
    );
    // Freed on another core: saving (the longest path from here) waits for none of it.
    crate::par::drop_later(sheet_plans);
    let (plan_side, other_side) = (plan_built.map_err(xlsx)?, other_built.map_err(xlsx)?);
    let limits = plan_side.limits.plus(other_side.limits);
    let summary_ws = other_side.summary.finish(&ctx, &limits).map_err(xlsx)?;

    // Compressing dominates saving a big workbook; trade some size for speed there.
    if plan.goals.len() > BIG_PLAN_GOALS {
        workbook.set_zip_compression_level(1);
    }
    workbook
        .set_properties(&crate::write::fixed_properties().set_title(ctx.text(Text::WorkbookTitle)));
    let mut sheets = vec![summary_ws];
    sheets.extend(plan_side.plan_sheets);
    sheets.extend([
        other_side.findings,
        plan_side.by_owner,
        plan_side.by_channel,
        other_side.tree,
    ]);
    sheets.extend(other_side.timeline);
    let mut names = Vec::with_capacity(sheets.len());
    for mut ws in sheets {
        // Printed or saved as PDF, every sheet is one page wide, landscape, on A4.
        ws.set_landscape()
            .set_paper_size(9)
            .set_print_fit_to_pages(1, 0);
        names.push(ws.name());
        workbook.push_worksheet(ws);
    }
    for (name, refers) in &ctx.formulas.names {
        workbook
            .define_name(name, &format!("={refers}"))
            .map_err(xlsx)?;
    }
    let summary = ReviewSummary {
        path: PathBuf::new(),
        sheets: names,
        goals: plan.goals.len(),
        findings: findings.len(),
        cut_cells: limits.cut_cells,
        cut_notes: limits.cut_notes,
        cut_rows: limits.cut_rows,
        renamed_sheets: ctx.names.renamed,
        formulas_as_values: limits.formulas_as_values,
    };
    Ok((workbook, summary))
}

/// The plan's own sheets and what reads them as written: the rollup sheets.
struct PlanSide {
    plan_sheets: Vec<Worksheet>,
    by_owner: Worksheet,
    by_channel: Worksheet,
    limits: Limits,
}

impl PlanSide {
    /// The plan's sheets (low-memory worksheets of `workbook` when it `streams`), then the
    /// rollup sheets, whose formulas read the goal sheet as written, both at once (where there
    /// are threads): they are in-memory worksheets with tables of their own.
    fn build(
        ctx: &Ctx,
        sheet_plans: &plan_sheet::SheetPlans,
        workbook: &mut Workbook,
        streams: bool,
    ) -> std::result::Result<PlanSide, XlsxError> {
        let mut limits = Limits::default();
        let mut new_sheet = |streamable: bool| {
            if streams && streamable {
                Ok((workbook.new_worksheet_with_low_memory()?, true))
            } else {
                Ok((Worksheet::new(), false))
            }
        };
        let plan_sheets = plan_sheet::write_all(ctx, sheet_plans, &mut limits, &mut new_sheet)?;
        let goal_info = plan_sheets.iter().find_map(|s| s.goal.as_ref());
        let rollup = |by| {
            let mut limits = Limits::default();
            let ws = rollup_sheets::write(ctx, goal_info, by, &mut limits)?;
            Ok::<_, XlsxError>((ws, limits))
        };
        let (by_owner, by_channel) = crate::par::join(
            || rollup(rollup_sheets::By::Owner),
            || rollup(rollup_sheets::By::Channel),
        );
        let ((by_owner, owner_limits), (by_channel, channel_limits)) = (by_owner?, by_channel?);
        let (plan_sheets, goal_infos): (Vec<_>, Vec<_>) = plan_sheets
            .into_iter()
            .map(|s| (s.worksheet, s.goal))
            .unzip();
        // The goal sheet's rows as the rollups read them (a few texts each), freed on another
        // core: saving waits for none of it.
        crate::par::drop_later(goal_infos);
        Ok(PlanSide {
            plan_sheets,
            by_owner,
            by_channel,
            limits: limits.plus(owner_limits).plus(channel_limits),
        })
    }
}

/// The sheets that read nothing the plan sheets write: built while the plan sheets are (the
/// findings sheet just before, beside the goal sheet's number plans).
struct OtherSide {
    findings: Worksheet,
    tree: Worksheet,
    timeline: Option<Worksheet>,
    /// All but the changes made to fit Excel, which the plan sheets report too.
    summary: summary::SummaryDraft,
    limits: Limits,
}

impl OtherSide {
    /// With the findings sheet built before (and what it cut), the timeline and the
    /// Summary's draft, in-memory worksheets with tables of their own, and the goal tree:
    /// into `streamed_tree` when given (a constant-memory worksheet of the workbook, its
    /// formats registered), else in memory too.
    fn build(
        ctx: &Ctx,
        (findings, mut limits): (Worksheet, Limits),
        streamed_tree: Option<Worksheet>,
        tree_formats: hierarchy::TreeFormats,
    ) -> std::result::Result<OtherSide, XlsxError> {
        let tree = hierarchy::write(
            ctx,
            streamed_tree.unwrap_or_default(),
            tree_formats,
            &mut limits,
        )?;
        let timeline = match &ctx.plan.actions {
            Some(a) => Some(actions::write(ctx, a, &mut limits)?),
            None => None,
        };
        let summary = summary::draft(ctx)?;
        Ok(OtherSide {
            findings,
            tree,
            timeline,
            summary,
            limits,
        })
    }
}

/// What had to be cut or changed to fit Excel.
#[derive(Debug, Default)]
pub(crate) struct Limits {
    pub cut_cells: usize,
    pub cut_notes: usize,
    pub cut_rows: usize,
    pub formulas_as_values: usize,
}

impl Limits {
    /// Both counts together (of sheets built apart).
    fn plus(self, other: Limits) -> Limits {
        Limits {
            cut_cells: self.cut_cells + other.cut_cells,
            cut_notes: self.cut_notes + other.cut_notes,
            cut_rows: self.cut_rows + other.cut_rows,
            formulas_as_values: self.formulas_as_values + other.formulas_as_values,
        }
    }

    /// The text cut to Excel's cell limit (counted when cut).
    pub fn cell_text(&mut self, text: &str) -> String {
        let (fitted, cut) = crate::write::fit_cell(text);
        self.cut_cells += usize::from(cut);
        fitted.into_owned()
    }
    /// `text` cut to what a note (comment) holds ([`crate::write::MAX_NOTE_CHARS`], a little
    /// less than a cell), counted when cut.
    pub fn note_text(&mut self, text: &str) -> String {
        let (fitted, cut) = crate::write::fit_note(text);
        self.cut_notes += usize::from(cut);
        fitted.into_owned()
    }
    /// [`Limits::cell_text`] of a text already owned: kept, not copied, when it fits.
    pub fn own_text(&mut self, text: String) -> String {
        match crate::write::fit_cell(&text) {
            (std::borrow::Cow::Borrowed(_), _) => text,
            (fitted, cut) => {
                self.cut_cells += usize::from(cut);
                fitted.into_owned()
            }
        }
    }
}

/// Everything the sheet writers share.
pub(crate) struct Ctx<'a> {
    pub grid: &'a Grid,
    /// The one computed result the workbook renders.
    pub analysis: &'a Analysis,
    pub plan: &'a Plan,
    pub findings: &'a [Finding],
    pub config: &'a Config,
    pub lang: Lang,
    pub tree: &'a Hierarchy,
    pub names: SheetNames,
    /// Which of the original's formulas the copy keeps, and the defined names it copies.
    pub formulas: FormulaScope,
    /// The owner and channel rollups and the helper texts of their keys.
    pub keys: helper_columns::RollupKeys,
}

impl<'a> Ctx<'a> {
    fn new(grid: &'a Grid, analysis: &'a Analysis, config: &'a Config) -> Self {
        let (plan, lang) = (&analysis.plan, analysis.lang);
        let names = SheetNames::new(grid, plan, lang);
        let formulas = FormulaScope::new(grid, &names);
        Ctx {
            formulas,
            grid,
            analysis,
            plan,
            findings: &analysis.findings,
            config,
            lang,
            tree: &analysis.tree,
            names,
            keys: helper_columns::RollupKeys::new(analysis),
        }
    }
    pub fn text(&self, t: Text) -> &'static str {
        t.get(self.lang)
    }
}

/// The sheets of the original the review copy re-writes, and the names of its own sheets.
#[derive(Debug, Clone)]
pub(crate) struct SheetNames {
    /// (index in the grid, name as written), in the original's order.
    pub originals: Vec<(usize, String)>,
    pub summary: String,
    pub findings: String,
    pub by_owner: String,
    pub by_channel: String,
    pub hierarchy: String,
    pub timeline: String,
    pub renamed: usize,
}

impl SheetNames {
    fn new(grid: &Grid, plan: &Plan, lang: Lang) -> SheetNames {
        let wanted: Vec<&str> = std::iter::once(plan.sheet.as_str())
            .chain(plan.actions.as_ref().map(|a| a.sheet.as_str()))
            .chain(plan.budget.as_ref().map(|b| b.sheet.as_str()))
            .collect();
        let mut used: Vec<String> = Vec::new();
        let mut renamed = 0;
        let mut originals = Vec::new();
        for (i, s) in grid.sheets.iter().enumerate() {
            if !wanted.contains(&s.name.as_str()) || originals.iter().any(|(j, _)| *j == i) {
                continue;
            }
            // A sheet named like one of goalsheet's own would be skipped on re-review.
            let own = crate::layout::OWN_SHEETS
                .iter()
                .any(|o| o.eq_ignore_ascii_case(s.name.trim()));
            let reserved: Vec<String> = if own {
                vec![s.name.clone()]
            } else {
                Vec::new()
            };
            let taken: Vec<String> = used.iter().chain(&reserved).cloned().collect();
            let name = unique_sheet_name(&s.name, &taken);
            if name != s.name {
                renamed += 1;
            }
            used.push(name.clone());
            originals.push((i, name));
        }
        let mut own = |t: Text| {
            let name = unique_sheet_name(t.get(lang), &used);
            used.push(name.clone());
            name
        };
        SheetNames {
            summary: own(Text::SheetSummary),
            findings: own(Text::SheetFindings),
            by_owner: own(Text::SheetByOwner),
            by_channel: own(Text::SheetByChannel),
            hierarchy: own(Text::SheetHierarchy),
            timeline: own(Text::SheetTimeline),
            originals,
            renamed,
        }
    }

    /// The written name of an original sheet, by its original name.
    pub fn original(&self, grid: &Grid, name: &str) -> Option<&str> {
        self.originals
            .iter()
            .find(|(i, _)| grid.sheets[*i].name == name)
            .map(|(_, n)| n.as_str())
    }
}

/// Which of the original's formulas the copy can keep as formulas: those that refer only to
/// sheets copied under their own names and use only defined names the copy defines too (a
/// name is copied when what it refers to is on such sheets). The rest are written as values.
pub(crate) struct FormulaScope {
    sheets: Vec<String>,
    /// Defined names copied into the review, with what they refer to (without `=`).
    pub names: Vec<(String, String)>,
    lost_names: Vec<String>,
}

impl FormulaScope {
    fn new(grid: &Grid, names: &SheetNames) -> FormulaScope {
        let sheets: Vec<String> = names
            .originals
            .iter()
            .map(|(i, _)| grid.sheets[*i].name.clone())
            .filter(|n| names.originals.iter().any(|(_, w)| w == n))
            .collect();
        let sheet_refs: Vec<&str> = sheets.iter().map(String::as_str).collect();
        // rust_xlsxwriter checks a name when it is defined; try each on a scratch workbook so
        // one it refuses (or a second of the same name) is dropped, not fatal.
        let mut probe = Workbook::new();
        let (mut kept, mut lost) = (Vec::new(), Vec::new());
        for (name, refers) in &grid.defined_names {
            if plan_sheet::formula_refs_ok(refers, &sheet_refs)
                && probe.define_name(name, &format!("={refers}")).is_ok()
            {
                kept.push((name.clone(), refers.clone()));
            } else {
                lost.push(name.clone());
            }
        }
        FormulaScope {
            sheets,
            names: kept,
            lost_names: lost,
        }
    }

    /// Whether the copy can keep this formula (Excel syntax, without `=`) as a formula.
    pub fn keeps(&self, formula: &str) -> bool {
        let sheets: Vec<&str> = self.sheets.iter().map(String::as_str).collect();
        plan_sheet::formula_refs_ok(formula, &sheets)
            && !formula_names(formula)
                .any(|word| self.lost_names.iter().any(|n| n.eq_ignore_ascii_case(word)))
    }
}

/// The words of a formula that could be defined names: runs of letters, digits, `_`, `.` and
/// `\` outside string literals and quoted sheet names.
fn formula_names(formula: &str) -> impl Iterator<Item = &str> {
    let mut words = Vec::new();
    let mut quote: Option<char> = None;
    let mut start: Option<usize> = None;
    for (i, c) in formula.char_indices() {
        let in_word = quote.is_none() && (c.is_alphanumeric() || matches!(c, '_' | '.' | '\\'));
        match (start, in_word) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                words.push(&formula[s..i]);
                start = None;
            }
            _ => {}
        }
        if c == '"' || c == '\'' {
            quote = match quote {
                None => Some(c),
                Some(q) if q == c => None,
                other => other,
            };
        }
    }
    if let Some(s) = start {
        words.push(&formula[s..]);
    }
    words.into_iter()
}

/// A sheet name quoted for a formula or an internal link: `'目标分解'`.
pub(crate) fn quote_sheet(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// An absolute A1 reference such as `$H$5`.
pub(crate) fn abs_ref(row: u32, col: u32) -> String {
    format!(
        "${}${}",
        crate::model::CellPos::column_letters(col),
        row + 1
    )
}

/// A number as a formula's stored result: Excel's 15 significant digits, no float noise.
pub(crate) fn result_text(x: f64) -> String {
    crate::read::format_number(crate::parse::round_noise(x))
}

/// Days since Excel's epoch (1899-12-30) for a date: its serial number as a cell holds it.
pub(crate) fn excel_serial(d: chrono::NaiveDate) -> f64 {
    chrono::NaiveDate::from_ymd_opt(1899, 12, 30).map_or(0.0, |epoch| (d - epoch).num_days() as f64)
}

/// A date as rust_xlsxwriter writes it; `None` outside the years Excel shows (1900–9999).
pub(crate) fn excel_date(d: chrono::NaiveDate) -> Option<rust_xlsxwriter::ExcelDateTime> {
    use chrono::Datelike;
    let year = u16::try_from(d.year())
        .ok()
        .filter(|y| (1900..=9999).contains(y))?;
    rust_xlsxwriter::ExcelDateTime::from_ymd(year, d.month() as u8, d.day() as u8).ok()
}

/// Column index for rust_xlsxwriter, when inside Excel's grid.
pub(crate) fn col16(col: u32) -> Option<u16> {
    if col < MAX_COLS {
        u16::try_from(col).ok()
    } else {
        None
    }
}

/// A display width for a text: CJK and full-width characters count double.
pub(crate) fn text_width(text: &str) -> usize {
    text.lines().map(line_width).max().unwrap_or(0)
}

/// [`text_width`] of `text` written after `indent` spaces, without writing it out.
pub(crate) fn indented_text_width(indent: usize, text: &str) -> usize {
    let mut lines = text.lines();
    let first = lines.next().map_or(0, line_width);
    lines.map(line_width).fold(indent + first, usize::max)
}

/// The display width of one line.
fn line_width(l: &str) -> usize {
    l.chars()
        .map(|c| {
            let u = c as u32;
            let wide = (0x1100..=0x115F).contains(&u)
                || (0x2E80..=0xA4CF).contains(&u)
                || (0xAC00..=0xD7A3).contains(&u)
                || (0xF900..=0xFAFF).contains(&u)
                || (0xFE30..=0xFE4F).contains(&u)
                || (0xFF00..=0xFF60).contains(&u)
                || (0xFFE0..=0xFFE6).contains(&u);
            if wide { 2 } else { 1 }
        })
        .sum::<usize>()
}

/// Rows measured for column widths.
const WIDTH_SAMPLE_ROWS: u32 = 2_000;

/// Column widths grown from the texts written (8 to 60 characters), and from the numbers
/// written as they show under their formats, so none shows `###`.
#[derive(Debug, Default)]
pub(crate) struct Widths {
    widths: Vec<usize>,
    /// The width each column's numbers need, in characters (margins included).
    numbers: Vec<f64>,
    /// Per column (by index: looked up for every number written), the largest magnitude
    /// measured under the last format code: a smaller number under the same format is no
    /// wider.
    measured: Vec<Option<(f64, String)>>,
}

impl Widths {
    pub fn see(&mut self, col: u32, text: &str) {
        self.see_width(col, text_width(text));
    }
    /// A text of display width `w` ([`text_width`]) written in `col`.
    pub fn see_width(&mut self, col: u32, w: usize) {
        let c = col as usize;
        if c >= MAX_COLS as usize {
            return;
        }
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0);
        }
        if w > self.widths[c] {
            self.widths[c] = w;
        }
    }
    /// Measure a cell's text only in the first rows: enough for a width, cheap on big sheets.
    pub fn see_lazy(&mut self, row: u32, col: u32, text: impl FnOnce() -> String) {
        if row < WIDTH_SAMPLE_ROWS {
            self.see(col, &text());
        }
    }
    /// A number written in `col` under format `code`, in a font `scale` times the default's.
    /// Every row counts (a wide number far down shows `###` as well), but a number no larger
    /// than one already measured under the same code is skipped.
    pub fn number(&mut self, col: u32, value: f64, code: &str, scale: f64) {
        let c = col as usize;
        if c >= MAX_COLS as usize || !value.is_finite() {
            return;
        }
        // Negative numbers carry a sign: weigh them as if ten times larger.
        let size = if value < 0.0 { -value * 10.0 } else { value };
        if self.measured.len() <= c {
            self.measured.resize_with(c + 1, || None);
        }
        let Some(measured) = self.measured.get_mut(c) else {
            return;
        };
        if let Some((seen, seen_code)) = measured
            && *seen >= size
            && seen_code == code
        {
            return;
        }
        *measured = Some((size, code.to_string()));
        let need = number_width::rendered_width(value, code) as f64 * scale.max(0.5);
        if self.numbers.len() <= c {
            self.numbers.resize(c + 1, 0.0);
        }
        if need > self.numbers[c] {
            self.numbers[c] = need;
        }
    }
    /// [`Widths::number`], by row (kept for symmetry with [`Widths::see_lazy`]).
    pub fn number_lazy(&mut self, _row: u32, col: u32, value: f64, code: &str, scale: f64) {
        self.number(col, value, code, scale);
    }
    /// The width a column's numbers need, if any were written.
    fn number_need(&self, col: usize) -> Option<f64> {
        self.numbers.get(col).copied().filter(|w| *w > 0.0)
    }
    pub fn apply(&self, ws: &mut Worksheet) -> std::result::Result<(), XlsxError> {
        let n = self.widths.len().max(self.numbers.len());
        for c in 0..n {
            let Some(col) = col16(c as u32) else { continue };
            let text = self.widths.get(c).copied().unwrap_or(0);
            let mut width = ((text + 2).clamp(8, 60)) as f64;
            if let Some(need) = self.number_need(c) {
                width = width.max(need.min(MAX_COLUMN_WIDTH));
            }
            ws.set_column_width(col, width)?;
        }
        Ok(())
    }
    /// The original's column widths (and hidden columns) for its first `width` columns, each
    /// widened where a number would not fit; columns after them (those the review appends)
    /// as [`Widths::apply`] sizes them.
    pub fn apply_own(
        &self,
        ws: &mut Worksheet,
        look: &crate::read::look::SheetLook,
        width: u32,
    ) -> std::result::Result<(), XlsxError> {
        let n = self.widths.len().max(self.numbers.len());
        for c in 0..n.max(width as usize) {
            let Some(col) = col16(c as u32) else { continue };
            if c >= width as usize {
                let text = self.widths.get(c).copied().unwrap_or(0);
                let mut w = ((text + 2).clamp(8, 60)) as f64;
                if let Some(need) = self.number_need(c) {
                    w = w.max(need.min(MAX_COLUMN_WIDTH));
                }
                ws.set_column_width(col, w)?;
                continue;
            }
            let stored = look
                .column_width(c as u32)
                .or(look.default_col_width)
                .unwrap_or(DEFAULT_STORED_WIDTH);
            let own = user_width(stored);
            match self.number_need(c) {
                Some(need) if need > own => ws.set_column_width(col, need.min(MAX_COLUMN_WIDTH))?,
                _ if look.column_width(c as u32).is_some() || look.default_col_width.is_some() => {
                    ws.set_column_width(col, own)?
                }
                _ => ws,
            };
            if look.column_hidden(c as u32) {
                ws.set_column_hidden(col)?;
            }
        }
        Ok(())
    }
}

/// Excel's widest column, in characters.
const MAX_COLUMN_WIDTH: f64 = 255.0;
/// The width Excel stores for a column of the default width (8.43 characters of Calibri 11).
const DEFAULT_STORED_WIDTH: f64 = 9.140625;

/// The width to give rust_xlsxwriter for a column Excel stores as `stored` characters:
/// rust_xlsxwriter adds Excel's 5-pixel padding (5/7 of a digit) and truncates to 1/256, so
/// this gives back the stored width exactly.
pub(crate) fn user_width(stored: f64) -> f64 {
    if stored <= 1.0 + 5.0 / 7.0 {
        // Narrow columns are stored as pixels / 12 by Excel; keep them as narrow.
        return (stored * 12.0 / 7.0 * 0.5833).max(0.0);
    }
    stored - 5.0 / 7.0 + 1e-9
}

/// A fill colour per severity: error red, warning amber, info blue.
pub(crate) fn severity_fill(s: Severity) -> Color {
    match s {
        Severity::Error => Color::RGB(0xFFC7CE),
        Severity::Warning => Color::RGB(0xFFEB9C),
        Severity::Info => Color::RGB(0xDDEBF7),
    }
}

/// The localized word for a severity.
pub(crate) fn severity_word(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.pick("error", "错误"),
        Severity::Warning => lang.pick("warning", "警告"),
        Severity::Info => lang.pick("info", "提示"),
    }
}

/// Shared formats of the added sheets.
pub(crate) struct Styles;

impl Styles {
    pub fn header() -> Format {
        Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xD9E1F2))
            .set_border(FormatBorder::Thin)
            .set_text_wrap()
            .set_align(FormatAlign::Top)
    }
    pub fn title() -> Format {
        Format::new().set_bold().set_font_size(14)
    }
    pub fn bold() -> Format {
        Format::new().set_bold()
    }
    pub fn note() -> Format {
        Format::new()
            .set_italic()
            .set_font_color(Color::RGB(0x595959))
    }
    pub fn date() -> Format {
        Format::new().set_num_format("yyyy-mm-dd")
    }
    pub fn percent() -> Format {
        Format::new().set_num_format("0.0%")
    }
    /// A number with thousands separators and the decimals it needs (0–2): `#,##0`,
    /// `#,##0.0` or `#,##0.00`, never `#,##0.##` (which leaves a trailing dot in Excel).
    pub fn number_code(v: f64) -> &'static str {
        match cell_style::decimals_of(v) {
            0 => "#,##0",
            1 => "#,##0.0",
            _ => "#,##0.00",
        }
    }
    /// A mean of goals: the number marked `≈`, still a number.
    /// The format code of a Summary headline number: a percent or a number with the decimals
    /// it needs, marked `≈` when it is a mean (a format that keeps the cell a number).
    pub fn headline_code(v: f64, percent: bool, mean: bool) -> String {
        let base = if percent {
            "0.0%"
        } else {
            Self::number_code(v)
        };
        if mean {
            format!("\"≈\"{base}")
        } else {
            base.to_string()
        }
    }
    pub fn wrap() -> Format {
        Format::new().set_text_wrap().set_align(FormatAlign::Top)
    }
}

/// The labels of the added sheets, in English and Chinese.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Text {
    WorkbookTitle,
    SheetSummary,
    SheetFindings,
    SheetByOwner,
    SheetByChannel,
    SheetHierarchy,
    SheetTimeline,
    Smart,
    Score,
    Severity,
    Rule,
    Letter,
    Goal,
    Sheet,
    Cell,
    Message,
    Hint,
    NoFindings,
    Owner,
    Channel,
    Metric,
    Unit,
    Aggregation,
    Year,
    Goals,
    MeanOfGoals,
    Sum,
    Level,
    Ratio,
    Id,
    Statement,
    Target,
    ChildrenSum,
    Gap,
    Action,
    Start,
    End,
}

impl Text {
    pub fn get(self, lang: Lang) -> &'static str {
        let (en, zh) = match self {
            Text::WorkbookTitle => ("Plan review", "目标审阅"),
            Text::SheetSummary => ("Summary", "概览"),
            Text::SheetFindings => ("Findings", "问题清单"),
            Text::SheetByOwner => ("By owner", "按负责人"),
            Text::SheetByChannel => ("By channel", "按渠道"),
            Text::SheetHierarchy => ("Hierarchy", "目标层级"),
            Text::SheetTimeline => ("Timeline", "时间线"),
            Text::Smart => ("SMART", "SMART"),
            Text::Score => ("Score", "评分"),
            Text::Severity => ("Severity", "级别"),
            Text::Rule => ("Rule", "规则"),
            Text::Letter => ("Letter", "类别"),
            Text::Goal => ("Goal", "目标编号"),
            Text::Sheet => ("Sheet", "工作表"),
            Text::Cell => ("Cell", "单元格"),
            Text::Message => ("Message", "问题"),
            Text::Hint => ("Hint", "修改建议"),
            Text::NoFindings => ("No findings — the plan passes every check.", "未发现问题"),
            Text::Owner => ("Owner", "负责人"),
            Text::Channel => ("Channel", "渠道"),
            Text::Metric => ("Metric", "指标"),
            Text::Unit => ("Unit", "单位"),
            Text::Aggregation => ("Aggregation", "汇总方式"),
            Text::Year => ("Year", "全年"),
            Text::Goals => ("Goals", "目标数"),
            Text::MeanOfGoals => ("mean of goals", "目标平均值"),
            Text::Sum => ("sum", "求和"),
            Text::Level => ("level", "期末值"),
            Text::Ratio => ("ratio", "比率"),
            Text::Id => ("ID", "编号"),
            Text::Statement => ("Goal", "目标"),
            Text::Target => ("Target", "目标值"),
            Text::ChildrenSum => ("Children's sum", "下级合计"),
            Text::Gap => ("Gap", "差额"),
            Text::Action => ("Action", "行动"),
            Text::Start => ("Start", "开始"),
            Text::End => ("End", "结束"),
        };
        lang.pick(en, zh)
    }
}

/// The aggregation label, marked "mean of goals" for level and ratio rollups.
pub(crate) fn aggregation_label(kind: crate::model::Aggregation, lang: Lang) -> String {
    use crate::model::Aggregation;
    match kind {
        Aggregation::Sum => Text::Sum.get(lang).to_string(),
        Aggregation::Level => format!(
            "{} ({})",
            Text::Level.get(lang),
            Text::MeanOfGoals.get(lang)
        ),
        Aggregation::Ratio => format!(
            "{} ({})",
            Text::Ratio.get(lang),
            Text::MeanOfGoals.get(lang)
        ),
    }
}

/// Group findings by the cell they annotate on a written sheet, ordered by cell.
pub(crate) type CellFindings<'f> = std::collections::BTreeMap<(u32, u32), Vec<&'f Finding>>;

/// Where findings of one sheet go: their cell; a plan-level finding to the goal's row (first
/// cell) or the sheet's top-left cell; a cell beyond the sheet's width to its row's first cell.
pub(crate) fn findings_by_cell<'f>(
    findings: &'f [Finding],
    sheet: &str,
    width: u32,
    goal_row: impl Fn(&str) -> Option<u32>,
) -> CellFindings<'f> {
    let mut out: CellFindings = std::collections::BTreeMap::new();
    for f in findings.iter().filter(|f| f.sheet == sheet) {
        let at = match f.cell {
            Some(c) if c.col < width.max(1) => (c.row, c.col),
            Some(c) => (c.row, 0),
            None => match f.goal.as_deref().and_then(&goal_row) {
                Some(r) => (r, 0),
                None => (0, 0),
            },
        };
        out.entry(at).or_default().push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_cleaned_cut_and_unique() {
        assert_eq!(unique_sheet_name("a/b:c", &[]), "a_b_c");
        let long = "x".repeat(40);
        assert_eq!(unique_sheet_name(&long, &[]).chars().count(), 31);
        let used = vec!["Summary".to_string()];
        assert_eq!(unique_sheet_name("summary", &used), "summary (2)");
        let used = vec![long.chars().take(31).collect::<String>()];
        let second = unique_sheet_name(&long, &used);
        assert_eq!(second.chars().count(), 31);
        assert!(second.ends_with(" (2)"));
        assert_eq!(unique_sheet_name("  ", &[]), "Sheet");
        assert_eq!(unique_sheet_name("History", &[]), "History (2)");
    }

    #[test]
    fn indented_width_is_the_width_of_the_indented_text() {
        for text in [
            "",
            "abc",
            "目标",
            "a\nlonger line",
            "\nabc",
            "长\r\nx",
            "x\n",
            "  ",
        ] {
            for indent in [0, 2, 6] {
                let written = format!("{}{text}", " ".repeat(indent));
                assert_eq!(
                    indented_text_width(indent, text),
                    text_width(&written),
                    "{indent} {text:?}"
                );
            }
        }
    }

    #[test]
    fn widths_count_cjk_double() {
        assert_eq!(text_width("abc"), 3);
        assert_eq!(text_width("目标"), 4);
        assert_eq!(text_width("a\nlonger"), 6);
    }

    #[test]
    fn cell_text_is_cut_to_excel_limit() {
        let mut limits = Limits::default();
        let long = "字".repeat(MAX_CELL_CHARS + 5);
        let cut = limits.cell_text(&long);
        assert_eq!(cut.chars().count(), MAX_CELL_CHARS);
        assert_eq!(limits.cut_cells, 1);
        assert_eq!(limits.cell_text("short"), "short");
        assert_eq!(limits.cut_cells, 1);
    }

    #[test]
    fn default_output_sits_beside_input() {
        assert_eq!(
            default_output_path(Path::new("/a/b/计划.xlsx")),
            Path::new("/a/b/计划.reviewed.xlsx")
        );
    }

    #[test]
    fn formula_names_skip_strings_and_quoted_sheets() {
        let words: Vec<&str> =
            formula_names("SUM(Targets)*'Rate sheet'!A1&\"Rate\"+目标合计").collect();
        assert_eq!(words, ["SUM", "Targets", "A1", "目标合计"]);
    }

    #[test]
    fn quoting_doubles_apostrophes() {
        assert_eq!(quote_sheet("Bob's plan"), "'Bob''s plan'");
        assert_eq!(abs_ref(4, 7), "$H$5");
        assert_eq!(result_text(0.1 + 0.2), "0.3");
    }
}
