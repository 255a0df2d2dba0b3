//! Which files a batch reviews, and where each review goes.
//!
//! - A file argument is taken as given; a folder argument gives its plans (files with a
//!   plan's extension), and its sub-folders' too with `--recursive`. Hidden files and
//!   Excel's `~$` lock files are passed over.
//! - goalsheet's own outputs (`*.reviewed.xlsx`, `batch-summary.xlsx`, `batch-summary.csv`)
//!   are never inputs, even when named on the command line.
//! - The same file named twice (or found through two arguments) is reviewed once.
//! - Output names: each review mirrors the input's place under the folder all inputs share
//!   (`a/plan.csv` → `DIR/a/plan.reviewed.xlsx`). Inputs that would still meet at one name
//!   (`plan.xlsx` beside `plan.ods`) keep their extension: `plan.xlsx.reviewed.xlsx`,
//!   `plan.ods.reviewed.xlsx`; a clash left after that (names differing only in case) takes
//!   ` (2)`, ` (3)` in input order. Names are compared case-insensitively, as Windows and
//!   macOS file systems do.

use std::collections::{BTreeSet, HashMap};
use std::path::{Component, Path, PathBuf};

use crate::read::Format;
use crate::write::batch::{SUMMARY_CSV, SUMMARY_XLSX};

/// One file to review and where its review goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The input as the person named it (or as found in a folder they named).
    pub input: PathBuf,
    /// The review's path relative to the output folder, `/`-separated.
    pub output: String,
}

/// What collecting the inputs found.
#[derive(Debug, Default)]
pub struct Collected {
    /// The files to review, in argument order (a folder's files sorted by name).
    pub files: Vec<PathBuf>,
    /// goalsheet's own outputs passed over.
    pub skipped_own: Vec<PathBuf>,
}

/// Whether `name` is a file goalsheet itself writes (a review or a batch summary).
pub fn is_own_output(path: &Path) -> bool {
    let Some(name) = path.file_name().map(|n| n.to_string_lossy().to_lowercase()) else {
        return false;
    };
    name.ends_with(".reviewed.xlsx") || name == SUMMARY_XLSX || name == SUMMARY_CSV
}

fn is_plan_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .is_some_and(|n| n.starts_with('.') || n.starts_with("~$"));
    !hidden && path.is_file() && Format::from_path(path).is_some()
}

/// Expand the arguments into files.
///
/// # Errors
/// An argument that is neither a file nor a folder is not an error here: it is kept, and
/// reading it reports it as missing, like any other bad file. A folder that cannot be listed
/// is an error naming it.
pub fn collect(inputs: &[PathBuf], recursive: bool) -> std::io::Result<Collected> {
    let mut out = Collected::default();
    let mut seen = BTreeSet::new();
    let mut push = |out: &mut Collected, path: PathBuf| {
        if is_own_output(&path) {
            out.skipped_own.push(path);
            return;
        }
        let key = path.canonicalize().unwrap_or_else(|_| path.clone());
        if seen.insert(key) {
            out.files.push(path);
        }
    };
    for input in inputs {
        if input.is_dir() {
            let mut found = Vec::new();
            walk(input, recursive, &mut found)?;
            found.sort();
            for path in found {
                push(&mut out, path);
            }
        } else {
            push(&mut out, input.clone());
        }
    }
    Ok(out)
}

fn walk(dir: &Path, recursive: bool, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            let hidden = path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'));
            if recursive && !hidden {
                walk(&path, recursive, found)?;
            }
        } else if is_plan_file(&path) {
            found.push(path);
        }
    }
    Ok(())
}

/// Give each file its review's name under the output folder (see the module docs).
pub fn name_outputs(files: &[PathBuf]) -> Vec<Job> {
    let absolute: Vec<PathBuf> = files.iter().map(|f| absolute(f)).collect();
    let root = common_folder(&absolute);
    let relative: Vec<(String, String, String)> = absolute
        .iter()
        .map(|abs| {
            let rel = abs.strip_prefix(&root).unwrap_or(abs);
            let folder: Vec<String> = rel
                .parent()
                .map(|p| {
                    p.components()
                        .filter_map(|c| match c {
                            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
                            _ => None,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let stem = rel
                .file_stem()
                .map_or("plan".into(), |s| s.to_string_lossy().into_owned());
            let ext = rel
                .extension()
                .map_or(String::new(), |s| s.to_string_lossy().into_owned());
            let folder = if folder.is_empty() {
                String::new()
            } else {
                format!("{}/", folder.join("/"))
            };
            (folder, stem, ext)
        })
        .collect();
    let plain = |(folder, stem, _): &(String, String, String)| format!("{folder}{stem}");
    let mut by_plain: HashMap<String, usize> = HashMap::new();
    for r in &relative {
        *by_plain.entry(plain(r).to_lowercase()).or_default() += 1;
    }
    let mut taken: HashMap<String, usize> = HashMap::new();
    files
        .iter()
        .zip(&relative)
        .map(|(input, r)| {
            let (folder, stem, ext) = r;
            let base =
                if by_plain.get(&plain(r).to_lowercase()).copied() == Some(1) || ext.is_empty() {
                    format!("{folder}{stem}")
                } else {
                    format!("{folder}{stem}.{ext}")
                };
            let n = taken.entry(base.to_lowercase()).or_default();
            *n += 1;
            let output = if *n == 1 {
                format!("{base}.reviewed.xlsx")
            } else {
                format!("{base} ({n}).reviewed.xlsx")
            };
            Job {
                input: input.clone(),
                output,
            }
        })
        .collect()
}

fn absolute(path: &Path) -> PathBuf {
    if let Ok(c) = path.canonicalize() {
        return c;
    }
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// The deepest folder holding every path.
fn common_folder(paths: &[PathBuf]) -> PathBuf {
    let mut iter = paths.iter().filter_map(|p| p.parent());
    let Some(first) = iter.next() else {
        return PathBuf::new();
    };
    let mut common: Vec<Component> = first.components().collect();
    for parent in iter {
        let shared = common
            .iter()
            .zip(parent.components())
            .take_while(|(a, b)| **a == *b)
            .count();
        common.truncate(shared);
    }
    common.iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(files: &[&str]) -> Vec<String> {
        let files: Vec<PathBuf> = files.iter().map(|f| Path::new("/plans").join(f)).collect();
        name_outputs(&files).into_iter().map(|j| j.output).collect()
    }

    #[test]
    fn same_stems_get_distinct_predictable_names() {
        assert_eq!(
            names(&["plan.xlsx", "plan.ods", "a/plan.csv", "b/plan.csv"]),
            [
                "plan.xlsx.reviewed.xlsx",
                "plan.ods.reviewed.xlsx",
                "a/plan.reviewed.xlsx",
                "b/plan.reviewed.xlsx"
            ]
        );
        assert_eq!(
            names(&["a/销售.xlsx", "a/市场.csv"]),
            ["销售.reviewed.xlsx", "市场.reviewed.xlsx"],
            "inputs sharing one folder land flat"
        );
        assert_eq!(
            names(&["x/Plan.csv", "x/plan.CSV", "x/plan.xlsx"]),
            [
                "Plan.csv.reviewed.xlsx",
                "plan.CSV (2).reviewed.xlsx",
                "plan.xlsx.reviewed.xlsx"
            ],
            "names differing only in case are told apart"
        );
    }

    #[test]
    fn own_outputs_are_recognised() {
        for own in [
            "a/plan.reviewed.xlsx",
            "PLAN.Reviewed.XLSX",
            "out/batch-summary.xlsx",
            "batch-summary.csv",
        ] {
            assert!(is_own_output(Path::new(own)), "{own}");
        }
        for plan in [
            "reviewed.xlsx",
            "plan.xlsx",
            "summary.csv",
            "plan.reviewed.csv",
        ] {
            assert!(!is_own_output(Path::new(plan)), "{plan}");
        }
    }

    #[test]
    fn folders_give_their_plans_and_recurse_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir_all(p.join("team/sub")).unwrap();
        for f in [
            "a.xlsx",
            "a.reviewed.xlsx",
            "batch-summary.csv",
            "notes.pdf",
            "~$a.xlsx",
            ".hidden.csv",
            "team/b.csv",
            "team/sub/c.ods",
        ] {
            std::fs::write(p.join(f), b"x").unwrap();
        }
        let flat = collect(&[p.to_path_buf()], false).unwrap();
        let rel = |c: &Collected| -> Vec<String> {
            c.files
                .iter()
                .map(|f| {
                    f.strip_prefix(p)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/")
                })
                .collect()
        };
        assert_eq!(rel(&flat), ["a.xlsx"]);
        assert_eq!(flat.skipped_own.len(), 2);
        let deep = collect(&[p.to_path_buf(), p.join("a.xlsx")], true).unwrap();
        assert_eq!(rel(&deep), ["a.xlsx", "team/b.csv", "team/sub/c.ods"]);
    }
}
