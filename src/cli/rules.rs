//! `goalsheet rules [--format text|json] [--lang en|zh] [--config-template]` and
//! `goalsheet explain ID` — the rule catalogue, generated from the rules themselves.

use crate::cli::{EXIT_OK, print_stdout};
use crate::model::Lang;
use crate::rules::find_rule;
use crate::write::findings::{explain_text, rules_json, rules_text};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Output format
    #[arg(long, value_enum, default_value = "text")]
    pub format: CatalogueFormat,
    /// Language of the titles
    #[arg(long, default_value = "en", value_parser = ["en", "zh"])]
    pub lang: String,
    /// Print the built-in configuration as a starting goalsheet.toml
    #[arg(long)]
    pub config_template: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CatalogueFormat {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// A rule id or name, e.g. M005 or quarters-reconcile
    pub id: String,
    /// Language
    #[arg(long, default_value = "en", value_parser = ["en", "zh"])]
    pub lang: String,
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    let out = if args.config_template {
        crate::config::DEFAULT_TOML.to_string()
    } else {
        match args.format {
            CatalogueFormat::Text => rules_text(Lang::from_code(&args.lang).unwrap_or_default()),
            CatalogueFormat::Json => format!("{:#}\n", rules_json()),
        }
    };
    print_stdout(&out)?;
    Ok(EXIT_OK)
}

pub fn explain(args: &ExplainArgs) -> anyhow::Result<u8> {
    let rule = find_rule(&args.id).ok_or_else(|| {
        crate::Error::Usage(format!(
            "no rule `{}` (goalsheet rules lists them)",
            args.id
        ))
    })?;
    print_stdout(&explain_text(
        rule.info(),
        Lang::from_code(&args.lang).unwrap_or_default(),
    ))?;
    Ok(EXIT_OK)
}
