//! `goalsheet convert INPUT... [--to xlsx|csv] [-o DIR] [--force]` — batch-convert CSV
//! exports (any encoding) to workbooks, or a workbook's sheets to UTF-8 CSV.
//!
//! Every input is read and every output path checked before any file is written: one bad
//! input, or one output that may not be written, writes nothing at all.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use crate::cli::EXIT_OK;
use crate::read::{FileId, Format, Grid, OriginalParts, Sheet, read_grid};
use crate::write::atomic::{check_output, save_atomically, save_with};
use crate::write::convert::{grid_to_xlsx, sheet_to_csv};
use crate::write::csv_xlsx::{CsvConversion, CsvRows, TypedRow, XlsxRows, probe_csv};

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
    /// A CSV streamed into a workbook (its grid is only the file's identity, no cells).
    stream: bool,
}

/// A CSV bound for xlsx is checked (it opens, is text, its encoding is known) but not read
/// into memory: it is streamed when written. Its grid holds only its path and identity, so
/// the output checks still know it.
fn streamed_csv(input: &Path, encoding: Option<&str>) -> crate::Result<Grid> {
    probe_csv(input, encoding)?;
    Ok(Grid {
        path: input.to_path_buf(),
        format: Format::Csv,
        encoding: None,
        sheets: Vec::new(),
        parts: OriginalParts::default(),
        defined_names: Vec::new(),
        delimiter: None,
        source: std::fs::metadata(input).ok().as_ref().and_then(FileId::of),
    })
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
                stream: grid.format == Format::Csv && grid.sheets.is_empty(),
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
                        stream: false,
                    });
                }
            }
        }
    }
    jobs
}

pub fn run(args: &Args) -> anyhow::Result<u8> {
    if let Some(dir) = &args.out_dir
        && dir.exists()
        && !dir.is_dir()
    {
        anyhow::bail!("{}: is a file, not a folder", dir.display());
    }
    // Read (or, for a CSV bound for xlsx, check) everything first: one bad input writes
    // nothing at all.
    let mut grids = Vec::with_capacity(args.inputs.len());
    for input in &args.inputs {
        let csv = Format::from_path(input) == Some(Format::Csv);
        grids.push(if csv && args.to != Some(Target::Csv) {
            streamed_csv(input, args.encoding.as_deref())?
        } else {
            read_grid(input, args.encoding.as_deref())?
        });
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
        if job.stream {
            match stream_csv(job, args)? {
                Some(done) => {
                    report_csv_conversion(&job.out, &done);
                    continue;
                }
                None => {
                    // Wider than Excel: read it whole and split it by columns too.
                    let grid = read_grid(&job.grid.path, args.encoding.as_deref())?;
                    let converted = grid_to_xlsx(&grid)?;
                    save_atomically(&job.out, &converted.bytes, args.force, Some(&grid))?;
                    for note in &converted.continued {
                        eprintln!("note: {}: {note}", job.out.display());
                    }
                    eprintln!("wrote {}", job.out.display());
                    continue;
                }
            }
        }
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

/// Stream a CSV into its workbook, atomically; `None` (and nothing written) when it is wider
/// than Excel's columns.
fn stream_csv(job: &Job, args: &Args) -> crate::Result<Option<CsvConversion>> {
    let input = &job.grid.path;
    let mut done = None;
    let mut failure = None;
    let mut too_wide = false;
    // A streamed sheet's temporary file that cannot be written (a full disk) is an error
    // naming the output, not a panic.
    let saved = crate::write::streamed::guard(&job.out, || {
        save_with(
            &job.out,
            args.force,
            Some(job.grid),
            |file| match csv_to_xlsx_on_two_threads(input, args.encoding.as_deref(), &job.out, file)
            {
                Ok(Some(c)) => {
                    done = Some(c);
                    Ok(())
                }
                Ok(None) => {
                    too_wide = true;
                    Err(std::io::Error::other("wider than Excel's columns"))
                }
                Err(e) => {
                    let line = e.to_string();
                    failure = Some(e);
                    Err(std::io::Error::other(line))
                }
            },
        )
    });
    match (saved, done) {
        (Ok(()), Some(c)) => Ok(Some(c)),
        (Ok(()), None) => Ok(Some(CsvConversion::default())),
        (Err(_), _) if too_wide => Ok(None),
        (Err(e), _) => Err(failure.unwrap_or(e)),
    }
}

/// Rows a reading thread hands over at a time, and batches it may be ahead of the writer: a
/// few thousand rows in flight, so memory stays flat whatever the file's size.
const BATCH_ROWS: usize = 1024;
const BATCHES_AHEAD: usize = 4;

/// [`crate::write::csv_xlsx::csv_to_xlsx`] with the reading, decoding, parsing and typing of
/// the CSV on a thread of its own, while this one writes the workbook (rust_xlsxwriter's
/// share, the larger), so a big file takes less wall time; the same workbook, byte for byte.
/// (The library's [`crate::write::csv_xlsx::csv_to_xlsx`] runs them in turn, as the browser
/// must.)
fn csv_to_xlsx_on_two_threads(
    input: &Path,
    forced: Option<&str>,
    output: &Path,
    out: &mut std::fs::File,
) -> crate::Result<Option<CsvConversion>> {
    let rows = CsvRows::open(input, forced)?;
    let mut sheets = XlsxRows::new(&rows, output)?;
    std::thread::scope(|scope| {
        let (batches, received) =
            std::sync::mpsc::sync_channel::<crate::Result<Vec<TypedRow>>>(BATCHES_AHEAD);
        scope.spawn(move || read_batches(rows, &batches));
        // Leaving early drops `received`, which stops the reading thread at its next send.
        for batch in received {
            for row in batch? {
                if !sheets.write(row)? {
                    return Ok(None);
                }
            }
        }
        sheets.finish(out).map(Some)
    })
}

/// Send `rows` in batches until they end, one fails to read, or nobody receives.
fn read_batches(
    mut rows: CsvRows,
    batches: &std::sync::mpsc::SyncSender<crate::Result<Vec<TypedRow>>>,
) {
    loop {
        let mut batch = Vec::with_capacity(BATCH_ROWS);
        let mut failed = None;
        for row in rows.by_ref().take(BATCH_ROWS) {
            match row {
                Ok(row) => batch.push(row),
                Err(e) => {
                    failed = Some(e);
                    break;
                }
            }
        }
        // The rows before a broken one go first, as a single thread would write them.
        let last = failed.is_some() || batch.len() < BATCH_ROWS;
        if batches.send(Ok(batch)).is_err() {
            return;
        }
        if let Some(e) = failed {
            let _ = batches.send(Err(e));
        }
        if last {
            return;
        }
    }
}

/// What a streamed CSV conversion did, on stderr.
fn report_csv_conversion(out: &Path, c: &CsvConversion) {
    if let Some(note) = &c.continued {
        eprintln!("note: {}: {note}", out.display());
    }
    if c.cut_cells > 0 {
        eprintln!(
            "note: {}: {} cells cut to Excel's 32,767-character limit",
            out.display(),
            c.cut_cells
        );
    }
    eprintln!("wrote {} ({}, {} rows)", out.display(), c.encoding, c.rows);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::csv_xlsx::csv_to_xlsx;

    /// Convert `csv` both ways; the two workbooks' bytes, or the two errors' texts.
    fn both_ways(csv: &str) -> [Result<Option<Vec<u8>>, String>; 2] {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("plan.csv");
        std::fs::write(&input, csv).unwrap();
        let convert = |threads: bool| {
            let output = dir.path().join(format!("plan-{threads}.xlsx"));
            let mut file = std::fs::File::create(&output).unwrap();
            let done = if threads {
                csv_to_xlsx_on_two_threads(&input, None, &output, &mut file)
            } else {
                csv_to_xlsx(&input, None, &output, &mut file)
            };
            drop(file);
            match done {
                Ok(Some(_)) => Ok(Some(std::fs::read(&output).unwrap())),
                Ok(None) => Ok(None),
                Err(e) => Err(e.to_string()),
            }
        };
        [convert(false), convert(true)]
    }

    /// Rows of every kind of cell, over several batches.
    fn plan(rows: usize) -> String {
        let mut csv = String::from("编号,owner,amount,rate,due,note\n");
        for i in 0..rows {
            csv.push_str(&format!(
                "KR{i:04},张伟,\"{},{:03}\",{}.5%,2026-03-{:02},=note {i}\n",
                1 + i / 1000,
                i % 1000,
                i % 90,
                1 + i % 28
            ));
        }
        csv
    }

    #[test]
    fn two_threads_write_the_same_workbook_as_one() {
        let [one, two] = both_ways(&plan(3 * BATCH_ROWS + 7));
        let one = one.unwrap().unwrap();
        assert!(one.len() > 10_000, "a real workbook");
        assert_eq!(one, two.unwrap().unwrap());
    }

    #[test]
    fn a_row_wider_than_excel_past_the_first_batch_leaves_it_to_the_in_memory_conversion() {
        let mut csv = plan(2 * BATCH_ROWS);
        csv.push_str(&"x,".repeat(16_400));
        csv.push('\n');
        csv.push_str(&plan(5));
        assert_eq!(both_ways(&csv), [Ok(None), Ok(None)]);
    }
}
