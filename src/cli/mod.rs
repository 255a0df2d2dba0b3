//! The command line: one file per subcommand, each with its clap `Args` and a `run` that
//! returns the exit code. `main.rs` only calls [`main_with_args`].

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::Config;
use crate::model::LoadOptions;

pub mod batch;
pub mod check;
pub mod convert;
pub mod inspect;
pub mod review;
pub mod rollup;
pub mod rules;
pub mod template;

/// Exit code: done (for `check`: no error-level findings).
pub const EXIT_OK: u8 = 0;
/// Exit code: `check` found errors (or warnings with `--deny warnings`).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: the input could not be read or the command was wrong.
pub const EXIT_BAD_INPUT: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "goalsheet",
    version,
    about = "Check marketing planning sheets against SMART, roll targets up, write a review workbook",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Write the review workbook: annotated plan, findings, live rollups, goal tree
    Review(review::Args),
    /// Check plans against the SMART rules; exit 1 when errors are found
    Check(check::Args),
    /// Show how a plan was read: sheet, header, columns, layout, metrics
    Inspect(inspect::Args),
    /// Roll quarterly targets up by owner, channel, dimension or parent
    Rollup(rollup::Args),
    /// Write a blank planning workbook to fill in
    Template(template::Args),
    /// Convert CSV exports to xlsx, or workbooks to CSV
    Convert(convert::Args),
    /// Review many plans into one directory, with a summary
    Batch(batch::Args),
    /// List the rules (or print the built-in config with --config-template)
    Rules(rules::Args),
    /// Explain one rule, with an example
    Explain(rules::ExplainArgs),
}

/// Options shared by the commands that read a plan.
#[derive(Debug, Clone, clap::Args)]
pub struct PlanArgs {
    /// The goal sheet to use (default: the sheet whose header best matches)
    #[arg(long, value_name = "SHEET")]
    pub sheet: Option<String>,
    /// Plan year (default: config, else the year most due dates fall in, else the title's)
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// CSV text encoding (default: detected): utf-8, gbk, gb18030, utf-16le, utf-16be, windows-1252
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Configuration file (default: ./goalsheet.toml if present)
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
}

impl PlanArgs {
    /// Load the config and turn the flags into [`LoadOptions`].
    pub fn load_options(&self) -> crate::Result<LoadOptions> {
        let config = Config::discover(self.config.as_deref())?;
        Ok(LoadOptions {
            sheet: self.sheet.clone(),
            encoding: self.encoding.clone(),
            year: self.year,
            config,
        })
    }
}

pub use crate::engine::choose_lang;

/// Output formats of the data commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Csv,
}

/// Write data to stdout; a closed pipe (`| head`) is not an error.
pub fn print_stdout(text: &str) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

/// Write a text report to stdout with every control character of the plan's texts escaped
/// (see [`crate::write::terminal_safe`]); line breaks and tabs stay.
pub fn print_text(text: &str) -> std::io::Result<()> {
    print_stdout(&crate::write::terminal_safe(text, true))
}

/// Whether to colour text output: only on a terminal, and not when NO_COLOR is set.
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// Keep the panic message of a damaged spreadsheet off stderr: the reader reports it as one
/// clear error line (see [`crate::read::in_spreadsheet_reader`]); the same for a streamed
/// sheet's failed write ([`crate::write::streamed::guard`]). Other panics print as usual.
fn quiet_reader_panics() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !crate::read::in_spreadsheet_reader()
                && !crate::write::streamed::is_reported_write_failure(info.payload())
            {
                default(info);
            }
        }));
    });
}

/// A usage error as one line (clap's message, its details and tip folded in) followed by
/// clap's hint line (`For more information, try '--help'.`).
fn usage_error(rendered: &str) -> String {
    let mut message = String::new();
    let mut details = Vec::new();
    let mut hint = None;
    let mut in_usage = false;
    for line in rendered.lines().map(str::trim) {
        if line.is_empty() {
            in_usage = false;
        } else if line.starts_with("For more information") {
            hint = Some(line);
        } else if line.starts_with("Usage:") {
            in_usage = true;
        } else if in_usage {
            continue;
        } else if message.is_empty() {
            message = line.to_string();
        } else {
            details.push(line.trim_start_matches("tip: ").trim_end_matches(':'));
        }
    }
    let message = message.trim_end_matches(':').to_string();
    let mut out = if details.is_empty() {
        message
    } else {
        format!("{message}: {}", details.join("; "))
    };
    out.push('\n');
    out.push_str(hint.unwrap_or("For more information, try '--help'."));
    out.push('\n');
    out
}

/// An error and its causes on one line, each cause only when its text is not already said.
/// The library's own errors already say their cause in words, so they print as they are.
fn one_line(e: &anyhow::Error) -> String {
    let mut line = e.to_string();
    if e.downcast_ref::<crate::Error>().is_some() {
        return line;
    }
    for cause in e.chain().skip(1) {
        let text = cause.to_string();
        if !line.contains(&text) {
            line.push_str(": ");
            line.push_str(&text);
        }
    }
    line
}

/// Parse the arguments and run the command; returns the process exit code. Errors are
/// printed as one line on stderr.
pub fn main_with_args<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    quiet_reader_panics();
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            if !e.use_stderr() {
                // --help and --version: clap's own text on stdout.
                let _ = e.print();
                return EXIT_OK;
            }
            eprint!("{}", usage_error(&e.render().to_string()));
            return EXIT_BAD_INPUT;
        }
    };
    let result = match cli.command {
        Command::Review(args) => review::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Inspect(args) => inspect::run(&args),
        Command::Rollup(args) => rollup::run(&args),
        Command::Template(args) => template::run(&args),
        Command::Convert(args) => convert::run(&args),
        Command::Batch(args) => batch::run(&args),
        Command::Rules(args) => rules::run(&args),
        Command::Explain(args) => rules::explain(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!(
                "goalsheet: {}",
                crate::write::terminal_safe(&one_line(&e), false)
            );
            EXIT_BAD_INPUT
        }
    }
}
