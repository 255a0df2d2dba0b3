//! `goalsheet batch INPUT... -o DIR [--jobs N] [--force] [--recursive] [--lang en|zh]` —
//! review many plans (files, or the plans in folders) into one folder, with a summary
//! (`batch-summary.xlsx` and `batch-summary.csv`).
//!
//! - `DIR` and the folders inside it are created as needed; each review's name is given by
//!   [`inputs::name_outputs`], so no two inputs meet at one output.
//! - A summary already in `DIR` stops the run before anything is written, unless `--force`:
//!   running the same batch twice changes nothing the second time.
//! - A file that cannot be read (missing, damaged, hostile, too big) is reported and skipped;
//!   the others are reviewed and the summary is always written.
//! - Parallel reviews share a memory budget ([`budget`]), so `--jobs` cannot exhaust memory.
//! - Exit 0 when every plan was reviewed without error findings, 1 when a plan has error
//!   findings, 2 when a file could not be reviewed.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::cli::review::review_file;
use crate::cli::{EXIT_BAD_INPUT, EXIT_FINDINGS, EXIT_OK, PlanArgs, print_text};
use crate::model::{Lang, LoadOptions};
use crate::write::atomic::{create_folder, save_atomically};
use crate::write::batch::{
    BatchOutcome, BatchRow, BatchTotals, SUMMARY_CSV, SUMMARY_XLSX, summary_csv, summary_xlsx,
};

pub mod budget;
pub mod inputs;
mod progress;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Planning files, or folders of them
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Folder for the reviews and the summary (created when missing)
    #[arg(short = 'o', long = "out-dir", value_name = "DIR", required = true)]
    pub out_dir: PathBuf,
    /// Plans reviewed at once (default: the number of CPUs; fewer when memory is short)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: Option<u16>,
    /// Replace existing reviews and summary
    #[arg(long)]
    pub force: bool,
    /// Also take the plans in sub-folders of a folder argument
    #[arg(short = 'r', long)]
    pub recursive: bool,
    /// Language of the added sheets, the findings and the summary (default: each plan's;
    /// English for the summary)
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
    /// Date progress is judged at, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub plan_args: PlanArgs,
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    let dir = &args.out_dir;
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!("{}: is a file, not a folder", dir.display());
    }
    if !args.force {
        for name in [SUMMARY_XLSX, SUMMARY_CSV] {
            let path = dir.join(name);
            if path.exists() {
                anyhow::bail!(
                    "{} already exists; nothing was reviewed (use --force to replace the earlier batch)",
                    path.display()
                );
            }
        }
    }
    let options = args.plan_args.load_options()?;
    let collected = inputs::collect(&args.inputs, args.recursive)?;
    for own in &collected.skipped_own {
        eprintln!("skipped {}: written by goalsheet", own.display());
    }
    if collected.files.is_empty() {
        anyhow::bail!("no plans to review (looked for .xlsx .xlsm .xlsb .xls .ods .csv .tsv .txt)");
    }
    create_folder(dir)
        .map_err(|e| anyhow::anyhow!("{}: cannot create the folder: {e}", dir.display()))?;
    let jobs = inputs::name_outputs(&collected.files);
    let rows = review_all(args, &options, &jobs);

    let lang = args
        .lang
        .as_deref()
        .or(options.config.plan.lang.as_deref())
        .and_then(Lang::from_code)
        .unwrap_or_default();
    save_atomically(
        &dir.join(SUMMARY_XLSX),
        &summary_xlsx(&rows, lang)?,
        args.force,
        None,
    )?;
    save_atomically(
        &dir.join(SUMMARY_CSV),
        &summary_csv(&rows),
        args.force,
        None,
    )?;
    print_text(&table(&rows, dir))?;
    let totals = BatchTotals::of(&rows);
    Ok(if totals.failed > 0 {
        EXIT_BAD_INPUT
    } else if totals.findings.errors > 0 {
        EXIT_FINDINGS
    } else {
        EXIT_OK
    })
}

/// Review every job on worker threads under the memory budget; rows in job order.
fn review_all(args: &Args, options: &LoadOptions, jobs: &[inputs::Job]) -> Vec<BatchRow> {
    let threads = args
        .jobs
        .map(usize::from)
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 64)
        .min(jobs.len());
    let as_of = args.as_of.unwrap_or_else(crate::cli::review::today);
    let inputs: HashSet<PathBuf> = jobs
        .iter()
        .filter_map(|j| j.input.canonicalize().ok())
        .collect();
    let budget = budget::Budget::new(budget::default_budget());
    let progress = progress::Progress::new(jobs.len());
    let slots: Vec<Mutex<Option<BatchRow>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let k = next.fetch_add(1, Ordering::Relaxed);
                    let (Some(job), Some(slot)) = (jobs.get(k), slots.get(k)) else {
                        break;
                    };
                    let name = job.input.display().to_string();
                    let _lease = budget.take(budget::charge(&job.input));
                    progress.start(&name);
                    let output = args.out_dir.join(&job.output);
                    let outcome = review_one(args, options, job, &output, &inputs, as_of);
                    progress.finish(&name, &describe(&outcome));
                    *slot.lock().unwrap_or_else(|p| p.into_inner()) = Some(BatchRow {
                        input: name,
                        outcome,
                    });
                }
            });
        }
    });
    progress.end();
    slots
        .into_iter()
        .zip(jobs)
        .map(|(slot, job)| {
            slot.into_inner()
                .unwrap_or_else(|p| p.into_inner())
                .unwrap_or_else(|| BatchRow {
                    input: job.input.display().to_string(),
                    outcome: BatchOutcome::Failed {
                        reason: "not reviewed".into(),
                    },
                })
        })
        .collect()
}

fn review_one(
    args: &Args,
    options: &LoadOptions,
    job: &inputs::Job,
    output: &Path,
    inputs: &HashSet<PathBuf>,
    as_of: chrono::NaiveDate,
) -> BatchOutcome {
    if output.canonicalize().is_ok_and(|o| inputs.contains(&o)) {
        return BatchOutcome::Failed {
            reason: format!(
                "{}: the review would overwrite an input; not reviewed",
                output.display()
            ),
        };
    }
    let run = std::panic::AssertUnwindSafe(|| {
        review_file(
            &job.input,
            output,
            args.force,
            args.lang.as_deref(),
            options,
            as_of,
        )
    });
    match std::panic::catch_unwind(run) {
        Ok(Ok((written, findings))) => BatchOutcome::Reviewed {
            review: job.output.clone(),
            goals: written.goals,
            findings,
        },
        Ok(Err(e)) => {
            // The file column names the file already; the reason need not repeat it.
            let text = e.to_string();
            let prefix = format!("{}: ", job.input.display());
            BatchOutcome::Failed {
                reason: text.strip_prefix(&prefix).unwrap_or(&text).to_string(),
            }
        }
        Err(_) => BatchOutcome::Failed {
            reason: format!(
                "{}: goalsheet failed on this file (an internal error; please report it)",
                job.input.display()
            ),
        },
    }
}

fn describe(outcome: &BatchOutcome) -> String {
    match outcome {
        BatchOutcome::Reviewed {
            review,
            goals,
            findings,
        } => format!(
            "{}, {} → {review}",
            crate::write::count(*goals, "goal", "goals"),
            crate::write::findings_count(findings)
        ),
        BatchOutcome::Failed { reason } => format!("failed: {reason}"),
    }
}

/// The closing table on stdout: one line per file, then the totals.
fn table(rows: &[BatchRow], dir: &Path) -> String {
    let mut text = String::new();
    for row in rows {
        let status = match row.outcome {
            BatchOutcome::Reviewed { .. } => "ok    ",
            BatchOutcome::Failed { .. } => "failed",
        };
        text.push_str(&format!(
            "{status}  {}  {}\n",
            row.input,
            describe(&row.outcome)
        ));
    }
    let t = BatchTotals::of(rows);
    text.push_str(&format!(
        "{} reviewed, {} failed; {}; summary: {}\n",
        t.reviewed,
        t.failed,
        crate::write::findings_count(&t.findings),
        dir.join(SUMMARY_XLSX).display()
    ));
    text
}
