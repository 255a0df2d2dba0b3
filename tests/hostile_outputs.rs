//! Faults around outputs: nothing overwritten, nothing partial, nothing left behind. The
//! input is protected by device and inode, outputs must be regular files or new paths, a
//! signal during a write removes the temporary file, outputs honour the umask, and `convert`
//! checks every output before writing any.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::{Workdir, goalsheet, small_xlsx};

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn a_hard_link_to_the_input_is_never_replaced_even_with_force() {
    let w = Workdir::new();
    for (name, bytes) in [
        ("plan.xlsx", small_xlsx()),
        (
            "plan.csv",
            "编号,目标,衡量指标,单位,全年目标,负责人,截止日期\nG1,销售额达到1200万元,销售额,万元,1200,张伟,2026-12-31\n"
                .as_bytes()
                .to_vec(),
        ),
    ] {
        let input = w.write(name, &bytes);
        let link = w.path(&format!("link-{name}.xlsx"));
        std::fs::hard_link(&input, &link).expect("hard link");
        let out = goalsheet()
            .arg("review")
            .arg(&input)
            .arg("-o")
            .arg(&link)
            .arg("--force")
            .output()
            .expect("run");
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("over the input"), "{stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
        assert_eq!(std::fs::read(&input).expect("input"), bytes, "input intact");
        assert_eq!(std::fs::read(&link).expect("link"), bytes, "link intact");
        // convert too: a link named as the output of the conversion.
        let target = if name.ends_with(".csv") { "xlsx" } else { "csv" };
        let stem = name.split('.').next().unwrap_or(name);
        let out_dir = w.path(&format!("out-{target}"));
        std::fs::create_dir_all(&out_dir).expect("dir");
        let converted = out_dir.join(format!("{stem}.{target}"));
        let _ = std::fs::remove_file(&converted);
        std::fs::hard_link(&input, &converted).expect("hard link");
        let out = goalsheet()
            .arg("convert")
            .arg(&input)
            .arg("-o")
            .arg(&out_dir)
            .arg("--force")
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
        assert!(stderr_of(&out).contains("over the input"));
        assert_eq!(std::fs::read(&input).expect("input"), bytes, "input intact");
    }
}

#[test]
fn an_output_that_is_a_directory_or_a_device_is_refused() {
    let w = Workdir::new();
    let plan = w.write("plan.xlsx", small_xlsx());
    let dir = w.path("a_dir.xlsx");
    std::fs::create_dir(&dir).expect("dir");
    for (output, what) in [
        (dir.as_path(), "a directory"),
        (Path::new("/dev/null"), "a device"),
    ] {
        for force in [false, true] {
            let mut cmd = goalsheet();
            cmd.arg("review").arg(&plan).arg("-o").arg(output);
            if force {
                cmd.arg("--force");
            }
            let out = cmd.output().expect("run");
            let stderr = stderr_of(&out);
            assert_eq!(out.status.code(), Some(2), "{stderr}");
            assert!(stderr.contains(what), "{stderr}");
            assert!(stderr.contains("not a regular file"), "{stderr}");
            assert!(stderr.contains(&output.display().to_string()), "{stderr}");
        }
        let out = goalsheet()
            .arg("template")
            .arg("-o")
            .arg(output)
            .arg("--force")
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    }
    assert!(
        std::fs::read_dir(&dir).expect("dir").next().is_none(),
        "nothing written into the directory"
    );
}

/// Run `goalsheet args…` in a child with `umask` set.
fn with_umask(mask: u32, args: &[&std::ffi::OsStr]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_goalsheet"));
    cmd.args(args);
    // SAFETY: umask is async-signal-safe.
    unsafe {
        cmd.pre_exec(move || {
            libc::umask(mask as libc::mode_t);
            Ok(())
        });
    }
    cmd.output().expect("run")
}

#[test]
fn outputs_are_created_with_the_users_umask() {
    let w = Workdir::new();
    let plan = w.write("plan.xlsx", small_xlsx());
    for (mask, mode) in [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)] {
        let review = w.path(&format!("review-{mask:o}.xlsx"));
        let out = with_umask(
            mask,
            &[
                "review".as_ref(),
                plan.as_os_str(),
                "-o".as_ref(),
                review.as_os_str(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        let got = std::fs::metadata(&review)
            .expect("review")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(got, mode, "review under umask {mask:o}");
        let out_dir = w.path(&format!("csv-{mask:o}"));
        std::fs::create_dir(&out_dir).expect("dir");
        let out = with_umask(
            mask,
            &[
                "convert".as_ref(),
                plan.as_os_str(),
                "-o".as_ref(),
                out_dir.as_os_str(),
            ],
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
        let csv = out_dir.join("plan.csv");
        let got = std::fs::metadata(&csv).expect("csv").permissions().mode() & 0o777;
        assert_eq!(got, mode, "convert under umask {mask:o}");
    }
}

/// A CSV plan of `goals` goals (owners and channels spread out), in English.
fn big_plan(goals: usize) -> String {
    let mut text =
        String::from("ID,Objective,Metric,Unit,Q1,Q2,Q3,Q4,Annual Target,Owner,Channel,Due\n");
    for i in 0..goals {
        let q = 100 + i % 50;
        text.push_str(&format!(
            "G{i},Reach {t} leads,Leads,leads,{q},{q},{q},{q},{t},Owner {o},Channel {c},2026-12-31\n",
            t = 4 * q,
            o = i % 97,
            c = i % 13,
        ));
    }
    text
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".goalsheet-"))
        .collect()
}

#[test]
fn sigterm_or_sigint_during_a_write_removes_the_temporary_file() {
    let w = Workdir::new();
    let plan = w.write("big.csv", big_plan(40_000));
    for signal in [libc::SIGTERM, libc::SIGINT] {
        let output = w.path(&format!("big-{signal}.reviewed.xlsx"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_goalsheet"))
            .arg("review")
            .arg(&plan)
            .arg("-o")
            .arg(&output)
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn");
        // Wait for the temporary file to appear, then signal while it is being written.
        let start = Instant::now();
        let mut seen = false;
        while start.elapsed() < Duration::from_secs(120) {
            if !temp_files(w.dir.path()).is_empty() {
                seen = true;
                break;
            }
            if child.try_wait().expect("wait").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        assert!(seen, "the review never started writing its temporary file");
        // SAFETY: kill with a live child's pid.
        let sent = unsafe { libc::kill(child.id() as libc::pid_t, signal) };
        assert_eq!(sent, 0);
        let status = child.wait().expect("wait");
        assert!(!status.success(), "interrupted: {status:?}");
        assert_eq!(
            temp_files(w.dir.path()),
            Vec::<String>::new(),
            "no temp file"
        );
        assert!(!output.exists(), "no output");
    }
}

#[test]
fn convert_checks_every_output_before_writing_any() {
    let w = Workdir::new();
    let a = w.write("a.csv", "目标,负责人\n销售额,张伟\n");
    let b = w.write("b.csv", "Objective,Owner\nSales,Ann\n");
    let out_dir = w.path("out");
    std::fs::create_dir(&out_dir).expect("dir");
    // b's output already exists: without --force nothing at all is written.
    std::fs::write(out_dir.join("b.xlsx"), "keep me").expect("write");
    let out = goalsheet()
        .arg("convert")
        .arg(&a)
        .arg(&b)
        .arg("-o")
        .arg(&out_dir)
        .output()
        .expect("run");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("b.xlsx") && stderr.contains("already exists"),
        "{stderr}"
    );
    assert!(!out_dir.join("a.xlsx").exists(), "a was not written first");
    assert_eq!(
        std::fs::read(out_dir.join("b.xlsx")).expect("b"),
        b"keep me"
    );
    // An output that is a directory stops the run the same way.
    std::fs::remove_file(out_dir.join("b.xlsx")).expect("rm");
    std::fs::create_dir(out_dir.join("b.xlsx")).expect("dir");
    let out = goalsheet()
        .arg("convert")
        .arg(&a)
        .arg(&b)
        .arg("-o")
        .arg(&out_dir)
        .arg("--force")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", stderr_of(&out));
    assert!(!out_dir.join("a.xlsx").exists());
}

#[test]
fn sheets_and_inputs_whose_names_clean_alike_get_distinct_files() {
    let w = Workdir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, value) in [("AAAA", "first"), ("BBBB", "second"), ("CCCC", "third")] {
        let ws = wb.add_worksheet();
        ws.set_name(name).expect("name");
        ws.write_string(0, 0, value).expect("w");
    }
    let bytes = wb.save_to_buffer().expect("xlsx");
    // Sheet names that clean to one file name (`book-Q1_Q2.csv`), as other tools write them.
    let bytes = common::patch_part(&bytes, "xl/workbook.xml", |xml| {
        xml.replace("name=\"AAAA\"", "name=\"Q1/Q2\"")
            .replace("name=\"BBBB\"", "name=\"Q1:Q2\"")
            .replace("name=\"CCCC\"", "name=\"q1?q2\"")
    });
    let book = w.write("book.xlsx", bytes);
    let out_dir = w.path("out");
    std::fs::create_dir(&out_dir).expect("dir");
    let out = goalsheet()
        .arg("convert")
        .arg(&book)
        .arg("-o")
        .arg(&out_dir)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    let mut files: Vec<String> = std::fs::read_dir(&out_dir)
        .expect("dir")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 3, "{files:?}");
    let mut values: Vec<String> = files
        .iter()
        .map(|f| std::fs::read_to_string(out_dir.join(f)).expect("csv"))
        .map(|t| t.trim_start_matches('\u{feff}').trim().to_string())
        .collect();
    values.sort();
    assert_eq!(
        values,
        ["first", "second", "third"],
        "none overwrote another"
    );

    // Two inputs with one stem in one output directory.
    let one = w.path("one");
    let two = w.path("two");
    std::fs::create_dir(&one).expect("dir");
    std::fs::create_dir(&two).expect("dir");
    let a = one.join("plan.csv");
    let b = two.join("plan.csv");
    std::fs::write(&a, "Objective,Owner\nSales,Ann\n").expect("w");
    std::fs::write(&b, "目标,负责人\n销售额,张伟\n").expect("w");
    let merged = w.path("merged");
    std::fs::create_dir(&merged).expect("dir");
    let out = goalsheet()
        .arg("convert")
        .arg(&a)
        .arg(&b)
        .arg("-o")
        .arg(&merged)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(merged.join("plan.xlsx").is_file());
    assert!(merged.join("plan-2.xlsx").is_file());
}

#[test]
fn a_sheet_beyond_excels_grid_continues_on_further_sheets_with_a_note() {
    use calamine::{Reader, Xlsx, open_workbook};
    let w = Workdir::new();
    // 16,390 columns: six past XFD.
    let header: Vec<String> = (0..16_390).map(|c| format!("c{c}")).collect();
    let values: Vec<String> = (0..16_390).map(|c| c.to_string()).collect();
    let csv = w.write(
        "wide.csv",
        format!("{}\n{}\n", header.join(","), values.join(",")),
    );
    let out = goalsheet().arg("convert").arg(&csv).output().expect("run");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("continues on `wide (2)`"), "{stderr}");
    assert!(stderr.contains("16390 columns"), "{stderr}");
    let mut wb: Xlsx<_> = open_workbook(w.path("wide.xlsx")).expect("xlsx");
    assert_eq!(wb.sheet_names(), ["wide", "wide (2)"]);
    let first = wb.worksheet_range("wide").expect("sheet");
    assert_eq!(first.get_size(), (2, 16_384));
    let rest = wb.worksheet_range("wide (2)").expect("sheet");
    assert_eq!(rest.get_size(), (2, 6));
    assert_eq!(
        rest.get_value((0, 0)),
        Some(&calamine::Data::String("c16384".into()))
    );
    assert_eq!(
        rest.get_value((1, 5)),
        Some(&calamine::Data::Float(16_389.0))
    );
}

#[test]
fn a_csv_beyond_excels_rows_continues_on_further_sheets() {
    use calamine::{Reader, Xlsx, open_workbook};
    let w = Workdir::new();
    let rows = 1_048_576 + 3;
    let mut text = String::with_capacity(rows * 8);
    for i in 0..rows {
        text.push_str(&i.to_string());
        text.push('\n');
    }
    let csv = w.write("tall.csv", text);
    let out = goalsheet().arg("convert").arg(&csv).output().expect("run");
    let stderr = stderr_of(&out);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("1048579 rows"), "{stderr}");
    let mut wb: Xlsx<_> = open_workbook(w.path("tall.xlsx")).expect("xlsx");
    assert_eq!(wb.sheet_names(), ["tall", "tall (2)"]);
    let rest = wb.worksheet_range("tall (2)").expect("sheet");
    assert_eq!(rest.get_size(), (3, 1));
    assert_eq!(
        rest.get_value((2, 0)),
        Some(&calamine::Data::Float(1_048_578.0))
    );
}

/// A plan big enough to stream its sheets through temporary files (over
/// `STREAM_ABOVE_CELLS`) is reviewed whatever the system's temporary directory: into a
/// folder still to be created with `TMPDIR` missing it is built in memory, as a smaller plan
/// is; into a folder that cannot take a file it fails as a small plan does, naming the output
/// and the folder — not the input, as a workbook that "cannot be built".
#[test]
fn a_streamed_review_needs_no_system_temporary_directory_and_names_an_unwritable_folder() {
    let w = Workdir::new();
    let plan = w.write("big.csv", big_plan(15_000));
    let output = w.path("new/folder/big.reviewed.xlsx");
    let out = goalsheet()
        .env("TMPDIR", w.path("no-such-dir"))
        .arg("review")
        .arg(&plan)
        .arg("-o")
        .arg(&output)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(output.is_file(), "written");
    assert_eq!(temp_files(&w.path("new/folder")), Vec::<String>::new());

    // A folder without write permission (root writes anyway: nothing to check then).
    let locked = w.path("locked");
    std::fs::create_dir(&locked).expect("dir");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    if std::fs::write(locked.join("probe"), "x").is_ok() {
        return;
    }
    let output = locked.join("big.reviewed.xlsx");
    let out = goalsheet()
        .arg("review")
        .arg(&plan)
        .arg("-o")
        .arg(&output)
        .output()
        .expect("run");
    let stderr = stderr_of(&out);
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("big.reviewed.xlsx") && stderr.contains("cannot create a file in"),
        "{stderr}"
    );
    assert!(!stderr.contains("cannot build"), "{stderr}");
}

/// Run `goalsheet args…` in a child that may write files of at most `bytes` (RLIMIT_FSIZE, with
/// SIGXFSZ ignored so a write past it fails as a full disk's does instead of killing it).
fn with_file_size_limit(bytes: u64, args: &[&std::ffi::OsStr]) -> std::process::Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_goalsheet"));
    cmd.args(args).env("NO_COLOR", "1");
    // SAFETY: signal and setrlimit are async-signal-safe; the closure touches nothing else.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: bytes,
                rlim_max: libc::RLIM_INFINITY,
            };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("run")
}

/// A plan big enough to stream its sheets through temporary files fails on a disk that cannot
/// take them as any unwritable output does: exit 2, one line naming the output and the
/// reason, no panic, no output and no temporary file left — reviewing a CSV (English) or an
/// xlsx (Chinese), and converting a CSV to xlsx.
#[test]
fn a_disk_that_cannot_take_the_streamed_sheets_is_one_error_line() {
    let w = Workdir::new();
    let en = w.write("big_en.csv", big_plan(15_000));
    let zh_csv = w.write(
        "big_zh.csv",
        big_plan(15_000)
            .replacen(
                "ID,Objective,Metric,Unit,Q1,Q2,Q3,Q4,Annual Target,Owner,Channel,Due",
                "编号,目标,指标,单位,Q1,Q2,Q3,Q4,年度目标,负责人,渠道,截止日期",
                1,
            )
            .replace("Reach", "达成")
            .replace("Owner ", "负责人")
            .replace("Channel ", "渠道"),
    );
    // The Chinese plan as a workbook, converted without a limit.
    let xlsx_dir = w.path("xlsx");
    std::fs::create_dir(&xlsx_dir).expect("dir");
    let made = goalsheet()
        .arg("convert")
        .arg(&zh_csv)
        .arg("-o")
        .arg(&xlsx_dir)
        .output()
        .expect("run");
    assert_eq!(made.status.code(), Some(0), "{}", stderr_of(&made));
    let zh = xlsx_dir.join("big_zh.xlsx");
    assert!(zh.is_file());

    let out_dir = w.path("out");
    std::fs::create_dir(&out_dir).expect("dir");
    let review_en = out_dir.join("en.reviewed.xlsx");
    let review_zh = out_dir.join("zh.reviewed.xlsx");
    let runs: [(&[&std::ffi::OsStr], &Path); 3] = [
        (
            &[
                "review".as_ref(),
                en.as_os_str(),
                "-o".as_ref(),
                review_en.as_os_str(),
            ],
            &review_en,
        ),
        (
            &[
                "review".as_ref(),
                zh.as_os_str(),
                "-o".as_ref(),
                review_zh.as_os_str(),
            ],
            &review_zh,
        ),
        (
            &[
                "convert".as_ref(),
                en.as_os_str(),
                "-o".as_ref(),
                out_dir.as_os_str(),
            ],
            &out_dir.join("big_en.xlsx"),
        ),
    ];
    for (args, output) in runs {
        let out = with_file_size_limit(1 << 20, args);
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        let name = output.file_name().expect("name").to_string_lossy();
        assert!(
            stderr.contains(name.as_ref())
                && stderr.contains("cannot write its temporary files: file too large"),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!output.exists(), "no output: {}", output.display());
        assert_eq!(temp_files(&out_dir), Vec::<String>::new(), "no temp file");
        assert!(out.stdout.is_empty());
    }
    // A small CSV's streamed sheet that fails only as its last rows are flushed, when it is
    // packed (rust_xlsxwriter unwraps that), in English and in Chinese (GBK).
    for name in ["plan_long_en.csv", "plan_zh_gbk.csv"] {
        let small = w.copy_fixture(name);
        let small_dir = w.path(&format!("small-{name}"));
        std::fs::create_dir(&small_dir).expect("dir");
        let out = with_file_size_limit(
            8192,
            &[
                "convert".as_ref(),
                small.as_os_str(),
                "-o".as_ref(),
                small_dir.as_os_str(),
            ],
        );
        let stderr = stderr_of(&out);
        assert_eq!(out.status.code(), Some(2), "{name}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
        let xlsx = name.replace(".csv", ".xlsx");
        assert!(
            stderr.contains(&xlsx) && stderr.contains("file too large"),
            "{stderr}"
        );
        assert_eq!(temp_files(&small_dir), Vec::<String>::new(), "no temp file");
        assert!(!small_dir.join(&xlsx).exists());
    }
    // The same runs with room to write succeed: the limit, not the plans, failed them.
    let out = with_file_size_limit(1 << 30, runs[1].0);
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert!(review_zh.is_file());
}
