//! The whole pipeline on bytes: read → build the plan → [`Analysis`] → (review workbook).
//!
//! No file system and no clock: the caller passes the file's bytes, its name (the extension
//! picks the format; error messages show it) and the date progress is judged at. Threads
//! only with the `parallel` feature (the default; [`crate::par`]), which the browser build
//! turns off: the results are the same either way.
//! The web page (compiled to WebAssembly) calls [`review`] and [`check`]; the CLI reads the
//! file itself ([`crate::read::read_grid`], which keeps the file's identity) and calls
//! [`analyse_grid`] and [`check_grid`], the same steps after reading — so the page and the
//! CLI give the same findings and the same workbooks, byte for byte. (Above
//! [`crate::write::review::STREAM_ABOVE_CELLS`] the CLI's `write_review` streams the largest
//! sheets through temporary files, which the page has not: the same cells, formulas and
//! notes, with shared strings and styles numbered in the order written.)

use chrono::NaiveDate;

use crate::Result;
use crate::model::{Lang, LoadOptions, build_plan};
use crate::read::{Grid, read_bytes};
use crate::rollup::Analysis;
use crate::rules::{Finding, check_plan};

/// How to read, check and review one plan.
#[derive(Debug, Clone)]
pub struct Options {
    /// Sheet, CSV encoding, plan year and configuration, as the CLI's flags give them.
    pub load: LoadOptions,
    /// `en` or `zh` for the messages and the added sheets; `None` takes the configuration's,
    /// else the plan's own language (as `--lang`).
    pub lang: Option<String>,
    /// The date progress is judged at (the CLI's `--as-of`, default today).
    pub as_of: NaiveDate,
}

/// The findings of one plan without its rollups: what `goalsheet check` prints.
#[derive(Debug, Clone)]
pub struct Checked {
    pub plan: crate::Plan,
    /// Ordered by sheet, row, column, rule; messages in `lang`.
    pub findings: Vec<Finding>,
    pub lang: Lang,
}

/// Build, check and roll up a plan already read.
///
/// # Errors
/// [`crate::Error::NoHeader`] / [`crate::Error::NoSuchSheet`] when no goal sheet is found,
/// [`crate::Error::Usage`] for an unknown language.
pub fn analyse_grid(grid: &Grid, options: &Options) -> Result<Analysis> {
    let plan = build_plan(grid, &options.load)?;
    let config = &options.load.config;
    let lang = choose_lang(options.lang.as_deref(), config, plan.lang)?;
    Ok(Analysis::new(plan, config, lang, options.as_of))
}

/// The review workbook of a plan already read, with its analysis. Refuses a plan too large
/// to write ([`crate::write::review::check_review_size`]), as `goalsheet review` does.
///
/// # Errors
/// As [`analyse_grid`]; [`crate::Error::OverLimit`]; [`crate::Error::Output`] when the
/// workbook cannot be built.
pub fn review_grid(grid: &Grid, options: &Options) -> Result<(Vec<u8>, Analysis)> {
    let analysis = analyse_grid(grid, options)?;
    crate::write::review::check_review_size(grid, &analysis.plan)?;
    let bytes = crate::write::review::review_bytes(grid, &analysis, &options.load.config)?;
    Ok((bytes, analysis))
}

/// The findings of a plan already read (no rollups: `check` needs none).
///
/// # Errors
/// As [`analyse_grid`].
pub fn check_grid(grid: &Grid, options: &Options) -> Result<Checked> {
    check_built(build_plan(grid, &options.load)?, options)
}

/// The findings of a plan already built from its grid ([`check_grid`]'s second step), so that
/// a caller can free the grid before the rules run.
///
/// # Errors
/// [`crate::Error::Usage`] for an unknown language.
pub fn check_built(plan: crate::Plan, options: &Options) -> Result<Checked> {
    let config = &options.load.config;
    let lang = choose_lang(options.lang.as_deref(), config, plan.lang)?;
    let findings = check_plan(&plan, config, lang);
    Ok(Checked {
        plan,
        findings,
        lang,
    })
}

/// Read `bytes` as the file `file_name` ([`read_bytes`]) and review it: the workbook
/// `goalsheet review` writes (the same cells, formulas and notes) and the analysis it was
/// rendered from.
///
/// # Errors
/// Any reading error ([`crate::Error::Corrupt`], [`crate::Error::Empty`], …), then as
/// [`review_grid`].
pub fn review(bytes: Vec<u8>, file_name: &str, options: &Options) -> Result<(Vec<u8>, Analysis)> {
    let grid = read_bytes(file_name, bytes, options.load.encoding.as_deref())?;
    review_grid(&grid, options)
}

/// Read `bytes` as the file `file_name` and analyse it (findings, rollups, goal tree).
///
/// # Errors
/// As [`review`], less the writing errors.
pub fn analyse(bytes: Vec<u8>, file_name: &str, options: &Options) -> Result<Analysis> {
    let grid = read_bytes(file_name, bytes, options.load.encoding.as_deref())?;
    analyse_grid(&grid, options)
}

/// Read `bytes` as the file `file_name` and check it: what `goalsheet check` reports.
///
/// # Errors
/// As [`analyse`].
pub fn check(bytes: Vec<u8>, file_name: &str, options: &Options) -> Result<Checked> {
    let grid = read_bytes(file_name, bytes, options.load.encoding.as_deref())?;
    check_grid(&grid, options)
}

/// The language of messages and labels: the one asked for (`--lang`, the page's switch), else
/// the config's, else the plan's own.
///
/// # Errors
/// [`crate::Error::Usage`] for a code other than `en` or `zh`.
pub fn choose_lang(
    flag: Option<&str>,
    config: &crate::Config,
    plan_lang: Lang,
) -> crate::Result<Lang> {
    let wanted = flag.or(config.plan.lang.as_deref());
    match wanted {
        None => Ok(plan_lang),
        Some(code) => Lang::from_code(code).ok_or_else(|| {
            crate::Error::Usage(format!("unknown language `{code}` (use en or zh)"))
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Options {
        Options {
            load: LoadOptions::default(),
            lang: None,
            as_of: NaiveDate::from_ymd_opt(2026, 6, 30).unwrap_or_default(),
        }
    }

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
    }

    #[test]
    fn bytes_and_file_give_the_same_findings_and_workbook() {
        for name in [
            "plan_zh.xlsx",
            "defects_en.xlsx",
            "plan_en_1252.csv",
            "plan_zh.ods",
            "plan_en.xlsb",
        ] {
            let path = format!("{}/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
            let from_file = crate::read::read_grid(std::path::Path::new(&path), None).unwrap();
            let (file_bytes, file_analysis) = review_grid(&from_file, &options()).unwrap();
            let (bytes, analysis) = review(fixture(name), &path, &options()).unwrap();
            assert_eq!(analysis.findings, file_analysis.findings, "{name}");
            assert!(!analysis.plan.goals.is_empty(), "{name} has goals");
            assert_eq!(bytes, file_bytes, "{name}: workbook bytes");
            let checked = check(fixture(name), &path, &options()).unwrap();
            assert_eq!(
                checked.findings, analysis.findings,
                "{name}: check = review"
            );
        }
    }

    #[test]
    fn language_follows_the_option_then_the_plan() {
        let zh = check(fixture("plan_zh.xlsx"), "plan_zh.xlsx", &options()).unwrap();
        assert_eq!(zh.lang, Lang::Zh);
        let mut en = options();
        en.lang = Some("en".into());
        let forced = check(fixture("plan_zh.xlsx"), "plan_zh.xlsx", &en).unwrap();
        assert_eq!(forced.lang, Lang::En);
        assert_eq!(forced.findings.len(), zh.findings.len());
        en.lang = Some("fr".into());
        let err = check(fixture("plan_zh.xlsx"), "plan_zh.xlsx", &en).unwrap_err();
        assert!(err.to_string().contains("unknown language `fr`"), "{err}");
    }

    #[test]
    fn unreadable_bytes_give_the_cli_reason_with_the_file_name() {
        let cases = [
            (
                "bad/not_a_zip.xlsx",
                "not_a_zip.xlsx: not a valid xlsx file",
            ),
            ("bad/empty.csv", "empty.csv: the file is empty"),
            ("bad/encrypted.xlsx", "password protected"),
            ("bad/no_header.csv", "no_header.csv"),
        ];
        for (name, want) in cases {
            let short = name.trim_start_matches("bad/");
            let err = check(fixture(name), short, &options()).unwrap_err();
            assert!(err.to_string().contains(want), "{name}: {err}");
        }
        let err = check(b"a,b".to_vec(), "plan.pdf", &options()).unwrap_err();
        assert!(err.to_string().contains("unsupported file type"), "{err}");
    }
}
