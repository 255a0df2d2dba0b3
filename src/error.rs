//! Typed errors of the library. Every variant names the file it is about, so `main` can
//! print one line and exit 2.

use std::path::PathBuf;

/// Everything that stops a plan from being read or a result from being written.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {}", describe_io(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: the file is empty")]
    Empty { path: PathBuf },
    #[error("{path}: unsupported file type (expected .xlsx .xlsm .xlsb .xls .ods .csv .tsv .txt)")]
    UnsupportedFormat { path: PathBuf },
    #[error("{path}: not a valid {expected} file ({detail})")]
    Corrupt {
        path: PathBuf,
        expected: &'static str,
        detail: String,
    },
    #[error("{path}: the workbook is password protected; save an unprotected copy and try again")]
    Encrypted { path: PathBuf },
    #[error("{path}: {detail}; refusing to unpack (limit {limit} bytes)")]
    TooLarge {
        path: PathBuf,
        detail: String,
        limit: u64,
    },
    #[error(
        "{path}: the workbook spreads over more than {limit} rows and cells (every sheet counted; the limit was reached in `{sheet}`); refusing to read it"
    )]
    TooManyCells {
        path: PathBuf,
        sheet: String,
        limit: usize,
    },
    /// A count the file declares, or its size once expanded, passes a memory limit.
    #[error("{path}: {detail} (limit {limit} {unit})")]
    OverLimit {
        path: PathBuf,
        detail: String,
        limit: u64,
        unit: &'static str,
    },
    #[error(
        "{path}: unknown encoding `{name}` (try utf-8, gbk, gb18030, utf-16le, utf-16be, windows-1252)"
    )]
    UnknownEncoding { path: PathBuf, name: String },
    #[error("{path}: no sheet named `{sheet}` (sheets: {available})")]
    NoSuchSheet {
        path: PathBuf,
        sheet: String,
        available: String,
    },
    /// `--sheet` named a sheet that is not a goal sheet; `what` says what it is.
    #[error("{path}: sheet {sheet} is {what}, not a goal sheet ({goal_sheet})")]
    NotGoalSheet {
        path: PathBuf,
        sheet: String,
        what: &'static str,
        goal_sheet: String,
    },
    #[error(
        "{path}: no goal header found in the first 30 rows of any sheet (expected columns such as 目标/Objective, 负责人/Owner, 目标值/Target)"
    )]
    NoHeader { path: PathBuf },
    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },
    #[error("{path}: {message}")]
    Output { path: PathBuf, message: String },
    #[error("{path} already exists; use --force to replace it")]
    OutputExists { path: PathBuf },
    #[error("{path}: the output would overwrite the input; choose another file with -o")]
    SameAsInput { path: PathBuf },
    #[error("{0}")]
    Usage(String),
}

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// An I/O error in words, once (without the `(os error 2)` its own display carries twice in
/// a chain).
fn describe_io(e: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::NotFound => "no such file".into(),
        ErrorKind::PermissionDenied => "cannot open: permission denied".into(),
        ErrorKind::IsADirectory => "is a folder, not a file".into(),
        _ => format!("cannot open: {e}"),
    }
}

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
