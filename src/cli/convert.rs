//! `goalsheet convert INPUT... [--to xlsx|csv] [-o DIR] [--force]` — batch-convert CSV
//! exports (any encoding) to workbooks, or a workbook's sheets to UTF-8 CSV.
//!
//! Every input is read and every output path checked before any file is written: one bad
//! input, or one output that may not be written, writes nothing at all.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::cli::EXIT_OK;
use crate::read::{Format, Grid, Sheet, read_grid};
use crate::write::atomic::{check_output, save_atomically};
use crate::write::convert::{grid_to_xlsx, sheet_to_csv};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files to convert
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// Target format (default: xlsx for text files, csv for workbooks)
    #[arg(long, value_enum)]
    pub to: Option<Target>,
    /// Output directory (default: beside each input)
    #[arg(short = 'o', long = "out-dir", value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// CSV text encoding (default: detected)
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// Replace existing output files
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Target {
    Xlsx,
    Csv,
}

fn output_dir(input: &Path, out_dir: Option<&Path>) -> PathBuf {
    match out_dir {
        Some(d) => d.to_path_buf(),
        None => input.parent().map(Path::to_path_buf).unwrap_or_default(),
    }
}

/// One file to write: where, and what from.
struct Job<'g> {
    out: PathBuf,
    grid: &'g Grid,
    /// The sheet written as CSV; `None` for the whole grid as a workbook.
    sheet: Option<&'g Sheet>,
}

/// A sheet name as part of a file name: letters, digits, `-` and `_` kept, the rest `_`.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// `dir/stem.ext`, or `dir/stem-2.ext`, `-3`, … when an earlier output of this run already
/// took the name (compared case-insensitively, as on Windows and macOS shares).
fn distinct_path(dir: &Path, stem: &str, ext: &str, taken: &mut HashSet<String>) -> PathBuf {
    let mut k = 1usize;
    loop {
        let name = if k == 1 {
            format!("{stem}.{ext}")
        } else {
            format!("{stem}-{k}.{ext}")
        };
        let path = dir.join(&name);
        // `plan.csv` and `./plan.csv` land in one directory: compare the real directory.
        let real = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        if taken.insert(real.join(&name).to_string_lossy().to_lowercase()) {
            return path;
        }
        k += 1;
    }
}

/// Every output of the run, named apart from one another.
fn plan_jobs<'g>(args: &Args, grids: &'g [Grid]) -> Vec<Job<'g>> {
    let mut taken = HashSet::new();
    let mut jobs = Vec::new();
    for (input, grid) in args.inputs.iter().zip(grids) {
        let stem = input
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("converted");
        let dir = output_dir(input, args.out_dir.as_deref());
        let target = args.to.unwrap_or(if grid.format == Format::Csv {
            Target::Xlsx
        } else {
            Target::Csv
        });
        match target {
            Target::Xlsx => jobs.push(Job {
                out: distinct_path(&dir, stem, "xlsx", &mut taken),
                grid,
                sheet: None,
            }),
            Target::Csv => {
                let several = grid.sheets.len() > 1;
                for sheet in &grid.sheets {
                    let name = if several {
                        format!("{stem}-{}", file_safe(&sheet.name))
                    } else {
                        stem.to_string()
                    };
                    jobs.push(Job {
                        out: distinct_path(&dir, &name, "csv", &mut taken),
                        grid,
                        sheet: Some(sheet),
                    });
                }
            }
        }
    }
    jobs
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    if let Some(dir) = &args.out_dir
        && !dir.is_dir()
    {
        anyhow::bail!("{}: output directory does not exist", dir.display());
    }
    // Read everything first: one bad input writes nothing at all.
    let mut grids = Vec::with_capacity(args.inputs.len());
    for input in &args.inputs {
        grids.push(read_grid(input, args.encoding.as_deref())?);
    }
    let jobs = plan_jobs(args, &grids);
    // Then check every output, against every input: one that may not be written stops all.
    for job in &jobs {
        check_output(&job.out, args.force, None)?;
        for grid in &grids {
            check_output(&job.out, true, Some(grid))?;
        }
    }
    for job in &jobs {
        match job.sheet {
            None => {
                let converted = grid_to_xlsx(job.grid)?;
                save_atomically(&job.out, &converted.bytes, args.force, Some(job.grid))?;
                for note in &converted.continued {
                    eprintln!("note: {}: {note}", job.out.display());
                }
                if converted.cut_cells > 0 {
                    eprintln!(
                        "note: {}: {} cells cut to Excel's 32,767-character limit",
                        job.out.display(),
                        converted.cut_cells
                    );
                }
            }
            Some(sheet) => {
                save_atomically(
                    &job.out,
                    sheet_to_csv(sheet).as_bytes(),
                    args.force,
                    Some(job.grid),
                )?;
            }
        }
        eprintln!("wrote {}", job.out.display());
    }
    Ok(EXIT_OK)
}
