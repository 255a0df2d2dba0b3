//! `goalsheet inspect PLAN [--format text|json]` — how the file was read: sheet, header,
//! columns, layout, goals, totals rows, plan year, metric kinds.

use std::path::PathBuf;

use crate::cli::{EXIT_OK, PlanArgs, choose_lang, print_stdout, print_text};
use crate::model::{Lang, load_plan};
use crate::write::inspect::{inspect_json, inspect_text};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The planning file (.xlsx .xlsm .xlsb .xls .ods .csv .tsv .txt)
    pub plan: PathBuf,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: InspectFormat,
    /// Language of the text report (default: en)
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
    #[command(flatten)]
    pub plan_args: PlanArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InspectFormat {
    Text,
    Json,
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    let options = args.plan_args.load_options()?;
    let plan = load_plan(&args.plan, &options)?;
    let out = match args.format {
        InspectFormat::Json => format!("{:#}\n", inspect_json(&plan)),
        InspectFormat::Text => inspect_text(
            &plan,
            choose_lang(args.lang.as_deref(), &options.config, Lang::En)?,
        ),
    };
    match args.format {
        InspectFormat::Json => print_stdout(&out)?,
        InspectFormat::Text => print_text(&out)?,
    }
    Ok(EXIT_OK)
}
