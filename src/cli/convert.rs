//! `goalsheet convert INPUT... [--to xlsx|csv] [-o DIR] [--force]` — batch-convert CSV
//! exports (any encoding) to workbooks, or a workbook's sheets to UTF-8 CSV.

use std::path::{Path, PathBuf};

use crate::cli::EXIT_OK;
use crate::read::{Format, read_grid};
use crate::write::atomic::save_atomically;
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
    for (input, grid) in args.inputs.iter().zip(&grids) {
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
            Target::Xlsx => {
                let out = dir.join(format!("{stem}.xlsx"));
                let (bytes, cut) = grid_to_xlsx(grid)?;
                save_atomically(&out, &bytes, args.force, Some(input))?;
                if cut > 0 {
                    eprintln!(
                        "{}: {cut} cells cut to Excel's 32,767-character limit",
                        out.display()
                    );
                }
                eprintln!("wrote {}", out.display());
            }
            Target::Csv => {
                let several = grid.sheets.len() > 1;
                for sheet in &grid.sheets {
                    let name = if several {
                        let safe: String = sheet
                            .name
                            .chars()
                            .map(|c| {
                                if c.is_alphanumeric() || c == '-' || c == '_' {
                                    c
                                } else {
                                    '_'
                                }
                            })
                            .collect();
                        format!("{stem}-{safe}.csv")
                    } else {
                        format!("{stem}.csv")
                    };
                    let out = dir.join(name);
                    save_atomically(
                        &out,
                        sheet_to_csv(sheet).as_bytes(),
                        args.force,
                        Some(input),
                    )?;
                    eprintln!("wrote {}", out.display());
                }
            }
        }
    }
    Ok(EXIT_OK)
}
