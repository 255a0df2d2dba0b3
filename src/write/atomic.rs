//! Writing output files safely: through a temporary file in the target directory, renamed
//! into place, so a failure leaves nothing behind and readers never see half a file.
//!
//! - Missing folders on the way to the output are created; messages name the output, never
//!   the temporary file.
//! - The output must be a new path or a regular file (`--force` to replace it); a directory,
//!   device, pipe or socket is refused.
//! - The input is compared with the output by device and inode ([`FileId`]), so no hard
//!   link, bind mount or symlink leads a write over the input, even with `--force`.
//! - The file gets the permissions the user's umask gives a new file (`0644` under the
//!   usual `022`), not the temporary file's private `0600`.
//! - SIGINT, SIGTERM and SIGHUP during a write remove the temporary file before the process
//!   ends as the signal asks.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, Once};

use crate::error::{Error, Result};
use crate::read::{FileId, Grid};

/// Write `bytes` to `path` atomically (see [`save_with`]).
///
/// # Errors
/// As [`save_with`].
pub fn save_atomically(path: &Path, bytes: &[u8], force: bool, input: Option<&Grid>) -> Result<()> {
    save_with(path, force, input, |file| file.write_all(bytes))
}

/// Check that `path` may be written: a new path, or (with `force`) an existing regular file
/// that is not the input. Commands with several outputs check them all before writing any.
///
/// # Errors
/// [`Error::Output`] naming `path`: it is not a regular file, it is the input (by device
/// and inode, or by path), or it exists and `force` is off.
pub fn check_output(path: &Path, force: bool, input: Option<&Grid>) -> Result<()> {
    let fail = |message: String| Error::Output {
        path: path.to_path_buf(),
        message,
    };
    if let Some(grid) = input
        && is_input(path, grid)
    {
        return Err(fail("refusing to write over the input file".into()));
    }
    let link = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(fail(format!("cannot check it: {e}"))),
    };
    let target = std::fs::metadata(path);
    let regular = match &target {
        Ok(meta) => meta.is_file(),
        Err(_) => false,
    };
    if !regular {
        let what = match &target {
            Ok(meta) if meta.is_dir() => "a directory",
            Err(_) if link.file_type().is_symlink() => "a symbolic link to nothing",
            _ => "a device, pipe or socket",
        };
        return Err(fail(format!(
            "is {what}, not a regular file; choose a file name for the output"
        )));
    }
    if !force {
        return Err(fail("already exists; use --force to replace it".into()));
    }
    Ok(())
}

/// Whether `path` leads to the file `grid` was read from: the same device and inode (what
/// a hard link, bind mount or symlink shares), or the same path.
fn is_input(path: &Path, grid: &Grid) -> bool {
    let ids = [std::fs::metadata(path), std::fs::symlink_metadata(path)]
        .into_iter()
        .filter_map(|m| m.ok().as_ref().and_then(FileId::of));
    let input_now = std::fs::metadata(&grid.path)
        .ok()
        .as_ref()
        .and_then(FileId::of);
    let known: Vec<FileId> = grid.source.into_iter().chain(input_now).collect();
    if ids.into_iter().any(|id| known.contains(&id)) {
        return true;
    }
    match (path.canonicalize(), grid.path.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => path == grid.path,
    }
}

/// Write an output through `write`, atomically: [`check_output`] first, then a temporary
/// file beside `path` (removed on failure or on SIGINT/SIGTERM/SIGHUP), synced, renamed
/// into place, with the permissions the umask gives a new file. Without `force` a file that
/// appeared meanwhile is still not replaced.
///
/// # Errors
/// [`Error::Output`] naming `path`: as [`check_output`], or the directory cannot be written,
/// or `write` fails.
pub fn save_with(
    path: &Path,
    force: bool,
    input: Option<&Grid>,
    write: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> Result<()> {
    let fail = |message: String| Error::Output {
        path: path.to_path_buf(),
        message,
    };
    check_output(path, force, input)?;
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    create_folder(dir).map_err(|e| {
        fail(format!(
            "cannot create the folder {}: {}",
            dir.display(),
            plain(&e)
        ))
    })?;
    clean_up_on_signals();
    let mut tmp = {
        // Created and registered under the lock: a signal in between cannot miss it.
        let mut pending = pending_temps();
        let mut builder = tempfile::Builder::new();
        builder.prefix(".goalsheet-").suffix(".tmp");
        #[cfg(unix)]
        {
            // rw-rw-rw-, which the kernel narrows by the umask as it creates the file.
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let tmp = builder.tempfile_in(dir).map_err(|e| {
            fail(format!(
                "cannot create a file in {}: {}",
                dir.display(),
                plain(&e)
            ))
        })?;
        pending.push(tmp.path().to_path_buf());
        tmp
    };
    let tmp_path = tmp.path().to_path_buf();
    let written = write(tmp.as_file_mut()).and_then(|_| tmp.as_file().sync_all());
    // Renamed (or removed) under the lock: a signal now waits until the output is whole.
    let mut pending = pending_temps();
    pending.retain(|p| *p != tmp_path);
    written.map_err(|e| {
        let text = if e.kind() == std::io::ErrorKind::Other {
            e.to_string()
        } else {
            plain(&e)
        };
        fail(format!("cannot write: {text}"))
    })?;
    let persisted = if force {
        tmp.persist(path).map(|_| ())
    } else {
        tmp.persist_noclobber(path).map(|_| ())
    };
    persisted.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            fail("already exists; use --force to replace it".into())
        } else {
            fail(format!("cannot rename into place: {}", plain(&e.error)))
        }
    })
}

/// Create `dir` and its missing parents (a no-op when it exists).
///
/// # Errors
/// The I/O error, e.g. a parent that is a file or a read-only folder.
pub fn create_folder(dir: &Path) -> std::io::Result<()> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(());
    }
    std::fs::create_dir_all(dir)
}

/// An I/O error's own description, without the path `tempfile` attaches (a temporary
/// file's name means nothing to the reader).
fn plain(e: &std::io::Error) -> String {
    std::io::Error::from(e.kind()).to_string()
}

/// Temporary files being written, removed if the process is told to stop.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn pending_temps() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Start (once) a thread that, on SIGINT, SIGTERM or SIGHUP, removes the temporary files
/// being written and then ends the process as the signal's default action would.
fn clean_up_on_signals() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        #[cfg(unix)]
        {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
            else {
                return;
            };
            let spawned = std::thread::Builder::new()
                .name("goalsheet-signals".into())
                .spawn(move || {
                    if let Some(signal) = signals.forever().next() {
                        // Held until the process ends: no write renames its file meanwhile.
                        let pending = pending_temps();
                        for path in pending.iter() {
                            let _ = std::fs::remove_file(path);
                        }
                        let _ = signal_hook::low_level::emulate_default_handler(signal);
                        std::process::exit(128 + signal);
                    }
                });
            drop(spawned);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_existing_and_leaves_nothing_on_failure() {
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
        let nested = dir.path().join("no/such/dir/out.xlsx");
        save_atomically(&nested, b"x", false, None).unwrap();
        assert_eq!(
            std::fs::read(&nested).unwrap(),
            b"x",
            "missing folders are created"
        );
        std::fs::remove_dir_all(dir.path().join("no")).unwrap();
        // A parent that is a file cannot become a folder: the message names the output.
        let file = dir.path().join("a-file");
        std::fs::write(&file, b"").unwrap();
        let err = save_atomically(&file.join("sub/out.csv"), b"x", false, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("out.csv"), "{err}");
        assert!(
            !err.contains(".goalsheet-"),
            "no temporary file named: {err}"
        );
        std::fs::remove_file(&file).unwrap();
        let failing = save_with(&dir.path().join("late.xlsx"), false, None, |_| {
            Err(std::io::Error::other("disk full"))
        });
        assert!(failing.unwrap_err().to_string().contains("disk full"));
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temp files left behind");
        assert!(pending_temps().is_empty());
    }

    #[cfg(unix)]
    #[test]
    fn refuses_directories_devices_and_dangling_links_even_with_force() {
        let dir = tempfile::tempdir().unwrap();
        for (path, what) in [
            (dir.path().to_path_buf(), "a directory"),
            (PathBuf::from("/dev/null"), "a device"),
        ] {
            let err = save_atomically(&path, b"x", true, None)
                .unwrap_err()
                .to_string();
            assert!(
                err.contains(what) && err.contains("not a regular file"),
                "{err}"
            );
        }
        let link = dir.path().join("dangling.xlsx");
        std::os::unix::fs::symlink(dir.path().join("nowhere"), &link).unwrap();
        let err = save_atomically(&link, b"x", true, None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("symbolic link to nothing"), "{err}");
    }
}
