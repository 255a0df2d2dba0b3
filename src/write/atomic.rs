//! Writing output files safely: through a temporary file in the target directory, renamed
//! into place, so a failure leaves nothing behind and readers never see half a file.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Write `bytes` to `path` atomically. Refuses to replace an existing file unless `force`,
/// and refuses to write over `input` (the file being read) in any case.
///
/// # Errors
/// [`Error::Output`] naming `path`: it exists (without `force`), it is the input, or the
/// directory cannot be written.
pub fn save_atomically(path: &Path, bytes: &[u8], force: bool, input: Option<&Path>) -> Result<()> {
    let fail = |message: String| Error::Output {
        path: path.to_path_buf(),
        message,
    };
    if let Some(input) = input {
        let same = match (path.canonicalize(), input.canonicalize()) {
            (Ok(a), Ok(b)) => a == b,
            _ => path == input,
        };
        if same {
            return Err(fail("refusing to write over the input file".into()));
        }
    }
    if path.exists() && !force {
        return Err(fail("already exists; use --force to replace it".into()));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".goalsheet-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| fail(format!("cannot create a file in {}: {e}", dir.display())))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(|e| fail(format!("cannot write: {e}")))?;
    if force {
        tmp.persist(path)
            .map_err(|e| fail(format!("cannot rename into place: {}", e.error)))?;
    } else {
        // persist_noclobber: a file that appeared meanwhile is still not replaced.
        tmp.persist_noclobber(path)
            .map_err(|e| fail(format!("cannot rename into place: {}", e.error)))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_existing_and_input_and_leaves_nothing_on_failure() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.xlsx");
        save_atomically(&out, b"one", false, None).unwrap();
        let err = save_atomically(&out, b"two", false, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(std::fs::read(&out).unwrap(), b"one");
        save_atomically(&out, b"two", true, None).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"two");
        let err = save_atomically(&out, b"x", true, Some(&out))
            .unwrap_err()
            .to_string();
        assert!(err.contains("over the input"), "{err}");
        let missing = dir.path().join("no/such/dir/out.xlsx");
        assert!(save_atomically(&missing, b"x", false, None).is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temp files left behind");
    }
}
