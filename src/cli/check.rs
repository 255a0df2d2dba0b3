//! `goalsheet check PLAN... [--format text|json|csv] [--deny warnings] [--lang en|zh]` — every
//! goal checked against the rule catalogue, reported like a compiler's diagnostics.
//!
//! Exit 0 when no file has error-level findings, 1 when one has (or warnings with
//! `--deny warnings`), 2 when a file could not be read (nothing is printed then).

use std::path::PathBuf;

use crate::cli::{EXIT_FINDINGS, EXIT_OK, PlanArgs, print_stdout, use_color};
use crate::engine::{Checked, check_built};
use crate::read::read_grid_cells;
use crate::rules::Severity;
use crate::write::findings::{FileFindings, findings_csv, findings_json_pretty, findings_text};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Planning files to check
    #[arg(required = true)]
    pub plans: Vec<PathBuf>,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: crate::cli::Format,
    /// Also fail (exit 1) on warnings
    #[arg(long, value_name = "LEVEL", value_parser = ["warnings"])]
    pub deny: Option<String>,
    /// Message language (default: the language of each plan's headers)
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
    #[command(flatten)]
    pub plan_args: PlanArgs,
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    let options = args.plan_args.load_options()?;
    // Read every file before printing anything: a bad file is exit 2 with no partial report.
    let mut files = Vec::with_capacity(args.plans.len());
    let engine = crate::engine::Options {
        load: options,
        lang: args.lang.clone(),
        // Checking judges no progress; the date is never read.
        as_of: chrono::NaiveDate::default(),
    };
    // The last file's plan is kept to the end so the process can exit without freeing it.
    let mut last_plan = None;
    for path in &args.plans {
        // The sheets' look is for the review workbook only.
        let grid = read_grid_cells(path, engine.load.encoding.as_deref())?;
        // The same steps as the web page's (crate::engine::check), after reading the file;
        // the cells are freed once the plan holds what it needs, while the rules run.
        let plan = crate::model::build_plan(&grid, &engine.load)?;
        let ((), checked) = crate::par::join(move || drop(grid), || check_built(plan, &engine));
        let Checked { plan, findings, .. } = checked?;
        // Only the text report shows cell texts, and only of the cells findings point at.
        let values = match args.format {
            crate::cli::Format::Text => plan.cell_texts_at(
                findings
                    .iter()
                    .filter_map(|f| f.cell.map(|cell| (f.sheet.as_str(), cell))),
            ),
            _ => Default::default(),
        };
        files.push(FileFindings {
            file: path.display().to_string(),
            sheet: plan.sheet.clone(),
            goals: plan.goals.len(),
            findings,
            values,
        });
        last_plan = Some(plan);
    }
    let out = match args.format {
        crate::cli::Format::Text => findings_text(&files, use_color()),
        crate::cli::Format::Json => findings_json_pretty(&files),
        crate::cli::Format::Csv => findings_csv(&files),
    };
    print_stdout(&out)?;
    let deny_warnings = args.deny.is_some();
    let failing = files.iter().flat_map(|f| &f.findings).any(|f| {
        f.severity == Severity::Error || (deny_warnings && f.severity == Severity::Warning)
    });
    // Freeing a 100,000-goal plan and its findings (millions of small allocations) is ~3% of
    // the run, and the process exits as soon as this returns: let the OS take the memory back.
    // Only here, in the CLI; the library (and the web page) frees what it builds as usual.
    std::mem::forget(last_plan);
    std::mem::forget(files);
    Ok(if failing { EXIT_FINDINGS } else { EXIT_OK })
}
