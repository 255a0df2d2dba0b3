//! `goalsheet template [-o FILE] [--lang en|zh] [--year Y] [--force] [--example]` — a planning
//! workbook to fill in: the goal sheet with every field and its dropdowns, an action plan, a
//! budget with its reserve, and instructions.

use std::path::PathBuf;

use chrono::Datelike;

use crate::cli::EXIT_OK;
use crate::model::Lang;
use crate::write::atomic::save_atomically;
use crate::write::template::template_bytes;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write it (default: goal-plan.xlsx, or 营销目标计划.xlsx with --lang zh)
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Language of the sheets and headers
    #[arg(long, default_value = "en", value_parser = ["en", "zh"])]
    pub lang: String,
    /// Plan year in the title (default: next year from October on, else this year)
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Replace an existing file
    #[arg(long)]
    pub force: bool,
    /// Fill the sheets with a worked example plan (one objective per dimension) to overwrite
    #[arg(long)]
    pub example: bool,
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    let lang = Lang::from_code(&args.lang).unwrap_or_default();
    let today = chrono::Local::now().date_naive();
    // Plans are drawn up in the last quarter for the year ahead.
    let year = args.year.unwrap_or(if today.month() >= 10 {
        today.year() + 1
    } else {
        today.year()
    });
    let output = args.output.clone().unwrap_or_else(|| {
        PathBuf::from(match lang {
            Lang::Zh => "营销目标计划.xlsx",
            Lang::En => "goal-plan.xlsx",
        })
    });
    let bytes = template_bytes(lang, year, args.example)
        .map_err(|e| anyhow::anyhow!("{}: {e}", output.display()))?;
    save_atomically(&output, &bytes, args.force, None)?;
    eprintln!("wrote {}", output.display());
    Ok(EXIT_OK)
}
