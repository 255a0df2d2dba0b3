//! `goalsheet review PLAN [-o OUT] [--force] [--lang en|zh] [--year Y] [--config F]
//! [--sheet S]` — the review workbook: the plan with its problem cells annotated, findings,
//! live rollups by owner and channel, the goal tree, and a summary.

use std::path::{Path, PathBuf};

use crate::cli::{EXIT_OK, PlanArgs};
use crate::config::Config;
use crate::model::LoadOptions;
use crate::read::{Grid, read_grid};
use crate::rollup::Analysis;
use crate::rules::Summary;
use crate::write::review::{ReviewOptions, ReviewSummary, default_output_path, write_review};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The planning file
    pub plan: PathBuf,
    /// Where to write the workbook (default: STEM.reviewed.xlsx beside the plan)
    #[arg(short = 'o', long = "output", value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Replace an existing output file
    #[arg(long)]
    pub force: bool,
    /// Language of the added sheets and the findings (default: the plan's)
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
    /// Date progress is judged at on the rollup sheets, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub plan_args: PlanArgs,
}

/// Review one plan into `output`: read, analyse once, write. Shared with `batch`.
pub fn review_file(
    plan_path: &Path,
    output: &Path,
    force: bool,
    lang_flag: Option<&str>,
    options: &LoadOptions,
    as_of: chrono::NaiveDate,
) -> crate::Result<(ReviewSummary, Summary)> {
    let reviewed = review_keeping(plan_path, output, force, lang_flag, options, as_of)?;
    Ok((reviewed.written, reviewed.counts))
}

/// A review written, with what it was written from.
struct Reviewed {
    written: ReviewSummary,
    counts: Summary,
    grid: Grid,
    analysis: Analysis,
}

fn review_keeping(
    plan_path: &Path,
    output: &Path,
    force: bool,
    lang_flag: Option<&str>,
    options: &LoadOptions,
    as_of: chrono::NaiveDate,
) -> crate::Result<Reviewed> {
    let config: &Config = &options.config;
    let grid = read_grid(plan_path, options.encoding.as_deref())?;
    // The same steps as the web page's (crate::engine::review), after reading the file.
    let analysis = crate::engine::analyse_grid(
        &grid,
        &crate::engine::Options {
            load: options.clone(),
            lang: lang_flag.map(str::to_string),
            as_of,
        },
    )?;
    let written = write_review(
        &grid,
        &analysis,
        config,
        &ReviewOptions {
            output: output.to_path_buf(),
            force,
        },
    )?;
    let counts = Summary::of(&analysis.findings);
    Ok(Reviewed {
        written,
        counts,
        grid,
        analysis,
    })
}

/// Today, the default as-of date of progress.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    let options = args.plan_args.load_options()?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| default_output_path(&args.plan));
    let Reviewed {
        written,
        counts,
        grid,
        analysis,
    } = review_keeping(
        &args.plan,
        &output,
        args.force,
        args.lang.as_deref(),
        &options,
        args.as_of.unwrap_or_else(today),
    )?;
    eprintln!(
        "wrote {} — {}; {}",
        written.path.display(),
        crate::write::count(written.goals, "goal", "goals"),
        crate::write::findings_count(&counts),
    );
    if written.cut_cells > 0 {
        eprintln!(
            "note: {} cut to Excel's 32,767-character limit",
            crate::write::count(written.cut_cells, "cell text", "cell texts")
        );
    }
    if written.cut_notes > 0 {
        eprintln!(
            "note: {} cut to a note's 32,713-character limit",
            crate::write::count(written.cut_notes, "finding note", "finding notes")
        );
    }
    // Freeing a big plan, its grid and analysis (millions of small allocations) is ~5% of the
    // run, and the process exits as soon as this returns: let the OS take the memory back.
    // Only here, in the CLI; `batch` and the library free what they build as usual.
    std::mem::forget((grid, analysis));
    Ok(EXIT_OK)
}
