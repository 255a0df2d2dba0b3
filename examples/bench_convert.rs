//! Benchmark (not a test): convert a 1,000,000-row CSV to xlsx and compare it with two
//! floors — a bare csv-crate parse-and-write of the same file, and the same parse with every
//! field written by rust_xlsxwriter and nothing else (what the xlsx library allows); reports
//! wall time, CPU time and peak memory (RSS) of each.
//!
//! Run: `cargo run --release --example bench_convert [ROWS]`. Each measurement runs in a child
//! process of its own, so the peak memory of one does not count against the other (Linux:
//! the child reads its `VmHWM` from /proc/self/status).

use std::io::Write;
use std::path::Path;
use std::time::Instant;

fn peak_rss_mib() -> f64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|kib| kib.parse::<f64>().ok())
        .map_or(f64::NAN, |kib| kib / 1024.0)
}

/// CPU seconds (user + system) this process used, from /proc/self/stat (100 ticks a second).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(f64::NAN)
    };
    // utime and stime are fields 14 and 15 of the line, 12 and 13 after the name.
    (ticks(11) + ticks(12)) / 100.0
}

/// A planning export: ids, owners, channels, metrics, quarterly numbers with thousands
/// separators, a percentage, a due date and a note.
fn make_csv(path: &Path, rows: usize) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "编号,负责人,渠道,指标,单位,一季度,二季度,三季度,四季度,全年目标,转化率,截止日期,备注"
    )?;
    let owners = ["张伟", "李娜", "王芳", "Anna Schmidt", "刘洋"];
    let channels = ["线上", "线下", "直播", "Email", "社群"];
    for i in 0..rows {
        let q = 1000 + (i % 977) as u64;
        writeln!(
            out,
            "KR{i},{},{},销售额,万元,\"{},{:03}\",{},{},{},\"{},{:03}\",{}.{}%,2026-{:02}-28,第{}批次 =note",
            owners[i % owners.len()],
            channels[i % channels.len()],
            q / 1000,
            q % 1000,
            q + 1,
            q + 2,
            q + 3,
            (4 * q + 6) / 1000,
            (4 * q + 6) % 1000,
            i % 60,
            i % 10,
            1 + i % 12,
            i % 100,
        )?;
    }
    out.flush()
}

fn baseline(input: &Path, output: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(input)?;
    let mut writer = csv::Writer::from_path(output)?;
    for record in reader.records() {
        writer.write_record(&record?)?;
    }
    writer.flush()?;
    Ok(())
}

/// What the xlsx library allows: the same CSV parsed by the csv crate and every field written
/// as a number (when Rust reads it as one) or else a string, in constant-memory mode at zip
/// level 1 as `convert` writes a big file, on further sheets past Excel's last row — no
/// encoding detection, no typing of dates, percentages or thousands separators, no formats,
/// widths or filter.
fn library_floor(input: &Path, output: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(input)?;
    let mut workbook = rust_xlsxwriter::Workbook::new();
    workbook.set_zip_compression_level(1);
    if let Some(dir) = output.parent() {
        workbook.set_tempdir(dir)?;
    }
    let mut sheet = workbook.add_worksheet_with_constant_memory()?;
    let mut record = csv::StringRecord::new();
    let mut row = 0u32;
    while reader.read_record(&mut record)? {
        if row == 1_048_576 {
            // Excel's last row: go on on a new sheet, as the conversion does.
            sheet = workbook.add_worksheet_with_constant_memory()?;
            row = 0;
        }
        for (col, field) in record.iter().enumerate() {
            let col = u16::try_from(col)?;
            match field.parse::<f64>() {
                Ok(n) if n.is_finite() => sheet.write_number(row, col, n)?,
                _ if field.is_empty() => continue,
                _ => sheet.write_string(row, col, field)?,
            };
        }
        row += 1;
    }
    workbook.save(output)?;
    Ok(())
}

fn child(mode: &str, input: &Path, output: &Path) -> (f64, f64, f64) {
    let exe = std::env::current_exe().expect("own path");
    let started = Instant::now();
    let out = std::process::Command::new(exe)
        .args([mode, &input.to_string_lossy(), &output.to_string_lossy()])
        .output()
        .expect("child");
    let seconds = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "{mode}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    let mut numbers = report
        .split_whitespace()
        .map(|n| n.parse::<f64>().unwrap_or(f64::NAN));
    let rss = numbers.next().unwrap_or(f64::NAN);
    let cpu = numbers.next().unwrap_or(f64::NAN);
    (seconds, cpu, rss)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let [_, mode, input, output] = args.as_slice() {
        let (input, output) = (Path::new(input), Path::new(output));
        match mode.as_str() {
            "baseline" => baseline(input, output).expect("baseline"),
            "floor" => library_floor(input, output).expect("library floor"),
            "convert" => {
                let mut file = std::fs::File::create(output).expect("output file");
                goalsheet::write::csv_xlsx::csv_to_xlsx(input, None, output, &mut file)
                    .expect("convert")
                    .expect("not wider than Excel");
            }
            "cli" => {
                // `goalsheet convert INPUT -o DIR --force`: reading on a thread of its own.
                let args = goalsheet::cli::convert::Args {
                    inputs: vec![input.to_path_buf()],
                    to: None,
                    out_dir: output.parent().map(Path::to_path_buf),
                    encoding: None,
                    force: true,
                };
                goalsheet::cli::convert::run(&args).expect("goalsheet convert");
            }
            other => panic!("unknown mode {other}"),
        }
        println!("{:.1} {:.2}", peak_rss_mib(), cpu_seconds());
        return;
    }
    let rows: usize = args
        .get(1)
        .and_then(|r| r.parse().ok())
        .unwrap_or(1_000_000);
    // On disk under target/, not in a memory-backed /tmp.
    let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target");
    let dir = tempfile::tempdir_in(&target)
        .or_else(|_| tempfile::tempdir())
        .expect("temp dir");
    let input = dir.path().join("plan.csv");
    make_csv(&input, rows).expect("write the CSV");
    let size = std::fs::metadata(&input).map_or(0, |m| m.len());
    println!("input: {rows} rows, {:.1} MB", size as f64 / 1e6);
    let (base_s, base_cpu, base_rss) = child("baseline", &input, &dir.path().join("copy.csv"));
    let floor_xlsx = dir.path().join("floor.xlsx");
    let (floor_s, floor_cpu, floor_rss) = child("floor", &input, &floor_xlsx);
    let floor_size = std::fs::metadata(&floor_xlsx).map_or(0, |m| m.len());
    let _ = std::fs::remove_file(&floor_xlsx);
    let xlsx = dir.path().join("plan.xlsx");
    let (conv_s, conv_cpu, conv_rss) = child("convert", &input, &xlsx);
    let out_size = std::fs::metadata(&xlsx).map_or(0, |m| m.len());
    let _ = std::fs::remove_file(&xlsx);
    // The command writes `plan.xlsx` beside its input.
    let (cli_s, cli_cpu, cli_rss) = child("cli", &input, &xlsx);
    println!(
        "csv crate parse + write: {base_s:6.2} s wall, {base_cpu:6.2} s CPU, peak RSS {base_rss:7.1} MiB"
    );
    println!(
        "library floor (csv + rust_xlsxwriter): {floor_s:6.2} s wall, {floor_cpu:6.2} s CPU, peak RSS {floor_rss:7.1} MiB, output {:.1} MB",
        floor_size as f64 / 1e6
    );
    println!(
        "library convert, one thread: {conv_s:6.2} s wall, {conv_cpu:6.2} s CPU, peak RSS {conv_rss:7.1} MiB, output {:.1} MB",
        out_size as f64 / 1e6
    );
    println!(
        "`goalsheet convert` (2 threads): {cli_s:6.2} s wall, {cli_cpu:6.2} s CPU, peak RSS {cli_rss:7.1} MiB"
    );
    println!(
        "ratio to the bare parse-and-write: floor {:.2}× wall, {:.2}× CPU; convert {:.2}× wall, {:.2}× CPU; `goalsheet convert` {:.2}× wall",
        floor_s / base_s,
        floor_cpu / base_cpu,
        conv_s / base_s,
        conv_cpu / base_cpu,
        cli_s / base_s,
    );
    println!(
        "over the library floor: convert {:.2}× wall, {:.2}× CPU; `goalsheet convert` {:.2}× wall, {:.2}× CPU",
        conv_s / floor_s,
        conv_cpu / floor_cpu,
        cli_s / floor_s,
        cli_cpu / floor_cpu
    );
}
