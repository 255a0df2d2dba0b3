//! `goalsheet batch INPUT... -o DIR [--jobs N] [--force] [--lang en|zh]` — review many plans
//! into one directory, then print a summary table (also written as `DIR/summary.csv`).
//!
//! A file that cannot be read is reported in the summary and does not stop the others; the
//! exit code is 2 when any file failed, else 0.

use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::cli::review::review_file;
use crate::cli::{EXIT_BAD_INPUT, EXIT_OK, PlanArgs, print_text};
use crate::write::atomic::save_atomically;
use crate::write::neutralise_formula;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Planning files to review
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Directory for the reviewed workbooks and summary.csv
    #[arg(short = 'o', long = "out-dir", value_name = "DIR", required = true)]
    pub out_dir: PathBuf,
    /// Plans reviewed at once (default: the number of CPUs)
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Replace existing outputs
    #[arg(long)]
    pub force: bool,
    /// Language of the added sheets and the findings (default: each plan's)
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
    /// Date progress is judged at, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
    #[command(flatten)]
    pub plan_args: PlanArgs,
}

/// One plan's outcome.
#[derive(Debug, Clone)]
struct Outcome {
    input: String,
    result: Result<(String, usize, crate::rules::Summary), String>,
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    if !args.out_dir.is_dir() {
        anyhow::bail!(
            "{}: output directory does not exist",
            args.out_dir.display()
        );
    }
    let options = args.plan_args.load_options()?;
    let jobs = args
        .jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
        .clamp(1, 64)
        .min(args.inputs.len());
    let outcomes: Vec<Mutex<Option<Outcome>>> =
        args.inputs.iter().map(|_| Mutex::new(None)).collect();
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..jobs {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = args.inputs.get(i) else {
                        break;
                    };
                    let stem = input
                        .file_stem()
                        .map_or("plan".into(), |s| s.to_string_lossy().into_owned());
                    let output = args.out_dir.join(format!("{stem}.reviewed.xlsx"));
                    let as_of = args.as_of.unwrap_or_else(crate::cli::review::today);
                    let result = review_file(
                        input,
                        &output,
                        args.force,
                        args.lang.as_deref(),
                        &options,
                        as_of,
                    )
                    .map(|(w, s)| (w.path.display().to_string(), w.goals, s))
                    .map_err(|e| e.to_string());
                    if let Ok(mut slot) = outcomes[i].lock() {
                        *slot = Some(Outcome {
                            input: input.display().to_string(),
                            result,
                        });
                    }
                }
            });
        }
    });
    let outcomes: Vec<Outcome> = outcomes
        .into_iter()
        .filter_map(|m| m.into_inner().ok().flatten())
        .collect();
    let mut csv = csv::Writer::from_writer(Vec::new());
    let _ = csv.write_record([
        "file", "status", "goals", "errors", "warnings", "infos", "output",
    ]);
    let mut text = String::new();
    let mut failed = 0;
    for o in &outcomes {
        match &o.result {
            Ok((out, goals, s)) => {
                text.push_str(&format!(
                    "ok      {}  {}, {} → {out}\n",
                    o.input,
                    crate::write::count(*goals, "goal", "goals"),
                    crate::write::findings_count(s),
                ));
                let row = [
                    o.input.clone(),
                    "ok".into(),
                    goals.to_string(),
                    s.errors.to_string(),
                    s.warnings.to_string(),
                    s.infos.to_string(),
                    out.clone(),
                ];
                let _ = csv.write_record(row.iter().map(|c| neutralise_formula(c).into_owned()));
            }
            Err(message) => {
                failed += 1;
                text.push_str(&format!("failed  {message}\n"));
                let row = [
                    o.input.clone(),
                    "failed".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    message.clone(),
                ];
                let _ = csv.write_record(row.iter().map(|c| neutralise_formula(c).into_owned()));
            }
        }
    }
    text.push_str(&format!(
        "{} reviewed, {failed} failed\n",
        outcomes.len() - failed
    ));
    let csv_bytes = csv.into_inner().unwrap_or_default();
    save_atomically(&args.out_dir.join("summary.csv"), &csv_bytes, true, None)?;
    print_text(&text)?;
    Ok(if failed > 0 { EXIT_BAD_INPUT } else { EXIT_OK })
}
