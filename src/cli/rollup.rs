//! `goalsheet rollup PLAN [--by owner|channel|owner,channel|dimension|parent]
//! [--format text|json|csv] [--as-of DATE]` — quarterly targets rolled up per metric and key,
//! budgets beside them, and progress where the plan has actuals.

use std::path::PathBuf;

use crate::cli::{EXIT_OK, Format, PlanArgs, choose_lang, print_stdout, print_text};
use crate::model::{Lang, load_plan};
use crate::rollup::{GroupBy, progress, rollup};
use crate::write::rollup::{progress_json, progress_text, rollup_csv, rollup_json, rollup_text};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The planning file
    pub plan: PathBuf,
    /// Keys to group by: owner, channel, dimension, parent, product_line, or a comma list
    /// (owner,channel); the plan needs a column for each
    #[arg(long, default_value = "owner", value_name = "FIELDS")]
    pub by: String,
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
    /// Date progress is measured at, YYYY-MM-DD (default: today)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<chrono::NaiveDate>,
    /// Language of text output (default: the plan's)
    #[arg(long, value_parser = ["en", "zh"])]
    pub lang: Option<String>,
    #[command(flatten)]
    pub plan_args: PlanArgs,
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    let by = GroupBy::parse_list(&args.by)?;
    let options = args.plan_args.load_options()?;
    let plan = load_plan(&args.plan, &options)?;
    let lang = choose_lang(args.lang.as_deref(), &options.config, plan.lang)?;
    // A key the plan has no column for would give one row of blanks: say so instead.
    if let Some(missing) = by.iter().find(|b| !plan.columns.contains_key(&b.field())) {
        return Err(crate::Error::Usage(format!(
            "{}: --by {}: the plan has no {} column ({} / {}) on sheet {}",
            plan.file,
            missing.name(),
            missing.title(Lang::En).to_lowercase(),
            missing.title(Lang::En),
            missing.title(Lang::Zh),
            plan.sheet
        ))
        .into());
    }
    let table = rollup(&plan, &options.config, &by);
    let as_of = args.as_of.unwrap_or_else(crate::cli::review::today);
    let progress = progress(&plan, as_of);
    let out = match args.format {
        Format::Json => {
            let mut json = rollup_json(&plan.file, &table);
            if !progress.is_empty() {
                json["as_of"] = serde_json::json!(as_of.to_string());
                json["progress"] = progress_json(&plan, &progress);
            }
            format!("{json:#}\n")
        }
        Format::Csv => rollup_csv(&table),
        Format::Text => {
            let mut text = rollup_text(&table, lang);
            if !progress.is_empty() {
                text.push('\n');
                text.push_str(&format!(
                    "{} {as_of}\n",
                    lang.pick("Progress at", "进度，截至")
                ));
                text.push_str(&progress_text(&plan, &progress, lang));
            }
            text
        }
    };
    match args.format {
        Format::Text => print_text(&out)?,
        _ => print_stdout(&out)?,
    }
    Ok(EXIT_OK)
}
