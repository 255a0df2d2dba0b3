//! Workbooks whose sheets stream their rows through temporary files (rust_xlsxwriter's
//! constant-memory sheets: the review of a big plan, a CSV converted to xlsx).
//!
//! A write to those files that fails — a full disk, a file-size limit — is a panic inside
//! rust_xlsxwriter, not an error it returns. [`guard`] turns that panic into
//! [`Error::Output`] naming the output, so the command ends with one line and exit 2 like any
//! other output it cannot write; [`is_reported_write_failure`] lets a panic hook stay quiet
//! about it.

use crate::error::{Error, Result};
use std::any::Any;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What rust_xlsxwriter's streamed sheets panic with when their temporary file cannot be
/// written (its `XML_WRITE_ERROR`), followed by `: ` and the I/O error's `Debug` form, e.g.
/// `Os { code: 28, kind: StorageFull, message: "No space left on device" }`.
const TEMP_WRITE_PANIC: &str = "Couldn't write to xml file";

/// What rust_xlsxwriter panics with when a streamed sheet's temporary file cannot be rewound
/// to be packed (its last buffered rows cannot be written): an `unwrap` of the I/O error,
/// whose `Debug` form follows. Nothing else a guarded build runs unwraps an I/O error.
const TEMP_REWIND_PANIC: &str = "called `Result::unwrap()` on an `Err` value: Os {";

/// How many [`guard`]s are running, on any thread.
static GUARDS: AtomicUsize = AtomicUsize::new(0);

/// Whether a panic's payload is a streamed sheet's failed write while a [`guard`] runs: the
/// guard reports it as an error, so a panic hook need not print it.
pub fn is_reported_write_failure(payload: &(dyn Any + Send)) -> bool {
    GUARDS.load(Ordering::SeqCst) > 0 && panic_text(payload).and_then(failed_write).is_some()
}

/// The I/O error's `Debug` text in a streamed sheet's failed-write panic, `None` for any
/// other panic.
fn failed_write(text: &str) -> Option<&str> {
    text.strip_prefix(TEMP_WRITE_PANIC).or_else(|| {
        text.starts_with(TEMP_REWIND_PANIC)
            .then(|| &text[TEMP_REWIND_PANIC.len() - "Os {".len()..])
    })
}

/// Run `build` (which makes and saves a workbook with streamed sheets for `output`); a
/// failed write to a streamed sheet's temporary file becomes [`Error::Output`] naming
/// `output`, e.g. `review.xlsx: cannot write its temporary files: no storage space`. Any
/// other panic goes on as it was.
///
/// # Errors
/// `build`'s own, or [`Error::Output`] as above.
pub fn guard<T>(output: &Path, build: impl FnOnce() -> Result<T>) -> Result<T> {
    struct Running;
    impl Drop for Running {
        fn drop(&mut self) {
            GUARDS.fetch_sub(1, Ordering::SeqCst);
        }
    }
    GUARDS.fetch_add(1, Ordering::SeqCst);
    let running = Running;
    let built = std::panic::catch_unwind(std::panic::AssertUnwindSafe(build));
    drop(running);
    match built {
        Ok(result) => result,
        Err(payload) => match panic_text(&*payload).and_then(failed_write) {
            Some(detail) => Err(Error::Output {
                path: output.to_path_buf(),
                message: format!("cannot write its temporary files: {}", io_reason(detail)),
            }),
            None => std::panic::resume_unwind(payload),
        },
    }
}

/// A panic payload's text (`panic!` and `expect` give a `String` or a `&str`).
fn panic_text(payload: &(dyn Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| payload.downcast_ref::<&str>().copied())
}

/// The I/O error in a panic's `Debug` text, said as the system says its kind ("no storage
/// space", "file too large"); the text itself when it names no OS error code.
fn io_reason(detail: &str) -> String {
    let code = detail.split_once("code: ").and_then(|(_, rest)| {
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse::<i32>().ok()
    });
    match code {
        Some(code) => {
            std::io::Error::from(std::io::Error::from_raw_os_error(code).kind()).to_string()
        }
        None => detail.trim_start_matches([':', ' ']).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_streamed_write_is_an_error_naming_the_output() {
        let out = Path::new("out/review.xlsx");
        let err = guard(out, || -> Result<()> {
            // As rust_xlsxwriter's `.expect(XML_WRITE_ERROR)` on a full disk says it.
            let full = std::io::Error::from_raw_os_error(28);
            panic!("{TEMP_WRITE_PANIC}: {full:?}")
        })
        .expect_err("the disk is full");
        assert_eq!(
            err.to_string(),
            "out/review.xlsx: cannot write its temporary files: no storage space"
        );
        // Another I/O error keeps its own kind; a panic from a rayon thread arrives the same.
        let err = guard(out, || -> Result<()> {
            let big = std::io::Error::from_raw_os_error(27);
            crate::par::join(|| panic!("{TEMP_WRITE_PANIC}: {big:?}"), || ());
            Ok(())
        })
        .expect_err("the file is too large");
        assert_eq!(
            err.to_string(),
            "out/review.xlsx: cannot write its temporary files: file too large"
        );
        // Rewinding a temporary file to pack it flushes its last rows, and rust_xlsxwriter
        // unwraps that.
        let err = guard(out, || -> Result<()> {
            let full = std::io::Error::from_raw_os_error(28);
            // As rust_xlsxwriter's `rewind().unwrap()` says it.
            panic!("called `Result::unwrap()` on an `Err` value: {full:?}")
        })
        .expect_err("the disk is full");
        assert_eq!(
            err.to_string(),
            "out/review.xlsx: cannot write its temporary files: no storage space"
        );
    }

    #[test]
    fn other_panics_and_errors_go_on_as_they_were() {
        let out = Path::new("review.xlsx");
        let other = std::panic::catch_unwind(|| guard(out, || -> Result<()> { panic!("a bug") }));
        let payload = other.expect_err("still a panic");
        assert_eq!(panic_text(&*payload), Some("a bug"));
        let err = guard(out, || -> Result<()> {
            Err(Error::Output {
                path: out.to_path_buf(),
                message: "its own".into(),
            })
        })
        .expect_err("its own error");
        assert_eq!(err.to_string(), "review.xlsx: its own");
        assert_eq!(guard(out, || Ok(7)).ok(), Some(7));
    }
}
