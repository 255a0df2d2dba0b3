//! The review workbook stays valid for any plan, text output never carries a plan's control
//! characters raw, and CSV written by goalsheet is safe from formula injection.

mod common;

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::{Workdir, goalsheet};

/// The formulas of a sheet, as `(row, col, text)`.
fn formulas(path: &Path, sheet: &str) -> Vec<(u32, u32, String)> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("xlsx");
    let range = wb.worksheet_formula(sheet).expect("sheet");
    let (r0, c0) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .filter(|(_, _, f)| !f.is_empty())
        .map(|(r, c, f)| (r0 + r as u32, c0 + c as u32, f.clone()))
        .collect()
}

fn values(path: &Path, sheet: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(path).expect("xlsx");
    wb.worksheet_range(sheet).expect("sheet")
}

/// A text without its control characters and their stand-in `\u{FFFD}`: how a key with
/// control characters may be shown (as written, cleaned, or with the stand-in).
fn visible(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_control() && *c != '\u{FFFD}')
        .collect()
}

/// The year total of the row whose key reads as `key` once control characters are set aside.
fn year_total_visible(range: &calamine::Range<Data>, key: &str) -> Option<f64> {
    range
        .rows()
        .find_map(|row| match (row.first(), row.get(8)) {
            (Some(Data::String(k)), Some(Data::Float(v))) if visible(k) == key => Some(*v),
            (Some(Data::String(k)), Some(Data::Int(v))) if visible(k) == key => Some(*v as f64),
            _ => None,
        })
}

/// The first row whose first cell is `key`, and its year total (column I).
fn year_total(range: &calamine::Range<Data>, key: &str) -> Option<f64> {
    range
        .rows()
        .find_map(|row| match (row.first(), row.get(8)) {
            (Some(Data::String(k)), Some(Data::Float(v))) if k == key => Some(*v),
            (Some(Data::String(k)), Some(Data::Int(v))) if k == key => Some(*v as f64),
            _ => None,
        })
}

fn review(w: &Workdir, input: &Path, lang: &str) -> std::path::PathBuf {
    let out = w.path(&format!(
        "{}.reviewed.xlsx",
        input.file_stem().and_then(|s| s.to_str()).unwrap_or("plan")
    ));
    let run = goalsheet()
        .arg("review")
        .arg(input)
        .arg("-o")
        .arg(&out)
        .arg("--lang")
        .arg(lang)
        .output()
        .expect("run");
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    out
}

/// Column letters of every cell reference in a formula.
fn referenced_columns(formula: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let bytes: Vec<char> = formula.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == '$' {
            let mut j = i + 1;
            let mut col = 0u32;
            while j < bytes.len() && bytes[j].is_ascii_uppercase() {
                col = col * 26 + (bytes[j] as u32 - 'A' as u32 + 1);
                j += 1;
            }
            if j > i + 1 && j < bytes.len() && bytes[j] == '$' {
                out.push(col);
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out
}

#[test]
fn a_plan_too_wide_for_the_helper_columns_gets_totals_as_values_never_a_broken_reference() {
    let w = Workdir::new();
    // The plan's own columns reach XFD minus 3: the helper columns cannot fit after them.
    for (name, header, lang, by_owner) in [
        (
            "wide_zh.csv",
            "编号,目标,衡量指标,单位,全年目标,负责人,渠道,截止日期",
            "zh",
            "按负责人",
        ),
        (
            "wide_en.csv",
            "ID,Objective,Metric,Unit,Annual Target,Owner,Channel,Due",
            "en",
            "By owner",
        ),
    ] {
        let pad = ",".repeat(16_372);
        let text = format!(
            "{header}{pad}note\nG1,Sales 1200,Sales,k,1200,Zhang,Online,2026-12-31\n\
             G2,Sales 300,Sales,k,300,Zhang,Offline,2026-12-31\nG3,Sales 50,Sales,k,50,Li,Online,2026-12-31\n"
        );
        let input = w.write(name, text);
        let out = review(&w, &input, lang);
        let wb: Xlsx<_> = open_workbook(&out).expect("xlsx");
        for sheet in wb.sheet_names() {
            for (_, _, f) in formulas(&out, &sheet) {
                for col in referenced_columns(&f) {
                    assert!(col <= 16_384, "{sheet}: ={f} points past XFD");
                }
            }
        }
        let owners = values(&out, by_owner);
        assert!(formulas(&out, by_owner).is_empty(), "totals as values");
        assert_eq!(year_total(&owners, "Zhang"), Some(1500.0));
        assert_eq!(year_total(&owners, "Li"), Some(50.0));
        let note = owners
            .rows()
            .flatten()
            .any(|c| matches!(c, Data::String(s) if s.contains("16,384")));
        assert!(note, "the sheet says why the totals are values");
    }
    // The look-alike: a narrow plan keeps live formulas.
    let narrow = w.write(
        "narrow.csv",
        "ID,Objective,Metric,Unit,Annual Target,Owner,Channel,Due\nG1,Sales 1200,Sales,k,1200,Zhang,Online,2026-12-31\n",
    );
    let out = review(&w, &narrow, "en");
    assert!(!formulas(&out, "By owner").is_empty());
}

#[test]
fn texts_longer_than_a_cell_holds_are_cut_with_a_note_not_an_abort() {
    let w = Workdir::new();
    let owner = "张".repeat(40_000);
    let metric = format!("Sales{}", "x".repeat(33_000));
    let channel = "c".repeat(32_767);
    for (name, header) in [
        (
            "long_zh.csv",
            "编号,目标,衡量指标,单位,全年目标,负责人,渠道,截止日期",
        ),
        (
            "long_en.csv",
            "ID,Objective,Metric,Unit,Annual Target,Owner,Channel,Due",
        ),
    ] {
        let text = format!(
            "{header}\nG1,Sales 1200,{metric},k,1200,{owner},{channel},2026-12-31\nG2,Sales 300,Sales,k,300,Li,Online,2026-12-31\n"
        );
        let input = w.write(name, text);
        let out_path = w.path(&format!("{name}.xlsx"));
        let run = goalsheet()
            .arg("review")
            .arg(&input)
            .arg("-o")
            .arg(&out_path)
            .output()
            .expect("run");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(0), "{stderr}");
        assert!(
            stderr.contains("cut to Excel's 32,767-character limit"),
            "{stderr}"
        );
        // Every text in the workbook fits a cell.
        let mut wb: Xlsx<_> = open_workbook(&out_path).expect("xlsx");
        for sheet in wb.sheet_names() {
            let range = wb.worksheet_range(&sheet).expect("sheet");
            for cell in range.used_cells() {
                if let Data::String(s) = cell.2 {
                    assert!(
                        s.encode_utf16().count() <= 32_767,
                        "{sheet}: a cell too long"
                    );
                }
            }
        }
        let owners = values(
            &out_path,
            wb.sheet_names()
                .iter()
                .find(|n| n.contains("负责人") || n.contains("owner"))
                .expect("owner sheet"),
        );
        assert_eq!(year_total(&owners, "Li"), Some(300.0));
    }
}

#[test]
fn control_characters_in_keys_are_the_same_in_helper_cells_and_criteria() {
    let w = Workdir::new();
    let text = "ID,Objective,Metric,Unit,Annual Target,Owner,Channel,Due\n\
                G1,Leads 500,Leads,leads,500,Li\u{1b}[2JNa,On\u{0}line,2026-12-31\n\
                G2,Leads 300,Leads,leads,300,Li\u{1b}[2JNa,On\u{0}line,2026-12-31\n\
                G3,Leads 100,Leads,leads,100,Wang\u{7}Fang,Offline,2026-12-31\n";
    let input = w.write("controls.csv", text);
    let out = review(&w, &input, "en");
    let owners = values(&out, "By owner");
    // Each key keeps its own total, whatever its control characters became.
    assert_eq!(year_total_visible(&owners, "Li[2JNa"), Some(800.0));
    assert_eq!(year_total_visible(&owners, "WangFang"), Some(100.0));
    let channels = values(&out, "By channel");
    assert_eq!(year_total_visible(&channels, "Online"), Some(800.0));
    let live = formulas(&out, "By owner");
    for (_, _, f) in &live {
        assert!(
            !f.chars().any(char::is_control),
            "no raw control character: {f:?}"
        );
        assert!(!f.contains("_x00"), "no escaped control character: {f:?}");
    }
    // The helper column holds exactly the text the criterion matches.
    let criterion = live
        .iter()
        .find_map(|(_, _, f)| {
            let at = f.find("\"=Li")?;
            let rest = &f[at + 2..];
            Some(rest[..rest.find('"')?].to_string())
        })
        .expect("a criterion for Li…Na");
    let mut wb: Xlsx<_> = open_workbook(&out).expect("xlsx");
    let plan_sheet = wb
        .sheet_names()
        .into_iter()
        .find(|n| n.contains("controls"))
        .expect("plan sheet");
    let plan = wb.worksheet_range(&plan_sheet).expect("sheet");
    let helper_has_key = plan
        .used_cells()
        .any(|(_, _, c)| matches!(c, Data::String(s) if *s == criterion));
    assert!(helper_has_key, "helper cell {criterion:?}");
}

#[test]
fn text_output_never_sends_a_plans_control_characters_to_the_terminal() {
    let w = Workdir::new();
    // Nine goals on one owner (A004 names the owner), in a workbook: a CSV with this many
    // control characters reads as binary.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let header = [
        "编号",
        "目标",
        "衡量指标",
        "单位",
        "全年目标",
        "负责人",
        "截止日期",
    ];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(0, c as u16, *h).expect("w");
    }
    for i in 0..9u32 {
        let row = [
            format!("G{i}"),
            "提升品牌\u{1b}[2J".to_string(),
            "线索数".to_string(),
            "条".to_string(),
            format!("{}", 100 + i),
            "李\u{1b}[2J娜\u{0}".to_string(),
            "2026-12-31".to_string(),
        ];
        for (c, v) in row.iter().enumerate() {
            ws.write_string(i + 1, c as u16, v).expect("w");
        }
    }
    let input = w.write("escape.xlsx", wb.save_to_buffer().expect("xlsx"));
    for args in [
        vec!["check"],
        vec!["inspect"],
        vec!["rollup"],
        vec!["rollup", "--by", "owner"],
    ] {
        let out = goalsheet().args(&args).arg(&input).output().expect("run");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            !stdout
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\t'),
            "{args:?}: a raw control character reached stdout"
        );
        assert!(!out.stderr.contains(&0x1b), "{args:?}: stderr");
        // The finding quotes the objective's text: its ESC is shown escaped.
        if args[0] == "check" {
            assert!(
                stdout.contains("\\u{1b}[2J"),
                "{args:?}: shown escaped: {stdout}"
            );
        }
    }
    // A sheet name with ESC in an error line is escaped too.
    let out = goalsheet()
        .arg("check")
        .arg(&input)
        .arg("--sheet")
        .arg("x\u{1b}[2J")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        !out.stderr.contains(&0x1b),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn csv_output_neutralises_formula_injection_and_leaves_numbers_alone() {
    let w = Workdir::new();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("目标").expect("name");
    let texts = [
        "=1+2",
        "\t=1+2",
        "\r+SUM(A1)",
        " @cmd",
        "\u{0}-2+3",
        "＝1+2",
        "＋1",
        "－1",
        "＠x",
        "-5 是负数",
        "-5",
        "Sales",
        "a=b",
    ];
    for (r, t) in texts.iter().enumerate() {
        ws.write_string(r as u32, 0, *t).expect("w");
    }
    ws.write_number(0, 1, -5.0).expect("w");
    ws.write_number(1, 1, -1200.5).expect("w");
    let book = w.write("inject.xlsx", wb.save_to_buffer().expect("xlsx"));
    let out_dir = w.path("out");
    std::fs::create_dir(&out_dir).expect("dir");
    let run = goalsheet()
        .arg("convert")
        .arg(&book)
        .arg("-o")
        .arg(&out_dir)
        .output()
        .expect("run");
    assert_eq!(run.status.code(), Some(0));
    let text = std::fs::read_to_string(out_dir.join("inject.csv")).expect("csv");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    let cells: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect();
    let column: Vec<&str> = cells.iter().map(|r| r[0].as_str()).collect();
    let expected: Vec<String> = texts
        .iter()
        .map(|t| match *t {
            // A text that is only a number reads as that number: nothing to neutralise.
            "-5" | "Sales" | "a=b" => t.to_string(),
            _ => format!("'{t}"),
        })
        .collect();
    assert_eq!(column, expected);
    assert_eq!(cells[0][1], "-5", "a number cell is never prefixed");
    assert_eq!(cells[1][1], "-1200.5");

    // The findings CSV of `check` follows the same rule.
    let plan = w.write(
        "plan.csv",
        "编号,目标,衡量指标,单位,全年目标,负责人,截止日期\nG1,=HYPERLINK(\"x\"),销售额,万元,-5,\t@李娜,2026-12-31\n",
    );
    let out = goalsheet()
        .arg("check")
        .arg(&plan)
        .arg("--format")
        .arg("csv")
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    for record in reader.records() {
        let record = record.expect("record");
        for cell in record.iter() {
            let first = cell.chars().find(|c| !c.is_whitespace() && !c.is_control());
            if let Some(c) = first {
                assert!(
                    !"=+@＝＋－＠".contains(c) || cell.starts_with('\''),
                    "unprotected: {cell:?}"
                );
            }
        }
    }
}

/// The note on a flagged cell collects its findings' messages, which quote the goal: a goal
/// whose statement or id is one long run without spaces (a pasted link, a code) must neither
/// make a note longer than a note can be (rust_xlsxwriter keeps 54 of Excel's 32,767 units
/// for an author) nor stop the review. Statements are quoted short; ids and the notes
/// themselves are cut. CSV and xlsx, English and Chinese.
#[test]
fn findings_quoting_a_huge_goal_make_notes_that_fit() {
    let w = Workdir::new();
    // As long as a cell can hold (the xlsx must hold them), so that a message quoting the id
    // is longer than a note can be.
    let run = "X".repeat(32_700);
    let id = format!("KR-{}", "7".repeat(32_700));
    let plans = [
        (
            "en",
            "ID,Objective,Key Result,Metric,Unit,Target,Q1,Q2,Q3,Q4,Owner,Due date",
            // A level metric whose year lies outside its quarters (M005), twice: quoted by
            // its statement, then by its id.
            format!(
                ",Grow revenue,{run},Followers,followers,5000,1000,1000,1000,2000,Li Na,2026-12-31\n\
                 {id},Grow revenue,More followers,Followers,followers,5000,1000,1000,1000,2000,Li Na,2026-12-31"
            ),
        ),
        (
            "zh",
            "编号,目标,关键结果,指标,单位,全年目标,一季度,二季度,三季度,四季度,负责人,完成时间",
            format!(
                ",销售增长,粉丝数达到{run},粉丝数,人,5000,1000,1000,1000,2000,李娜,2026-12-31\n\
                 {id},销售增长,粉丝数继续增长,粉丝数,人,5000,1000,1000,1000,2000,李娜,2026-12-31"
            ),
        ),
    ];
    for (lang, header, rows) in plans {
        let csv = w.write(&format!("huge_{lang}.csv"), format!("{header}\n{rows}\n"));
        let xlsx = w.path(&format!("huge_{lang}_book.xlsx"));
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        for (r, line) in format!("{header}\n{rows}").lines().enumerate() {
            for (c, cell) in line.split(',').enumerate() {
                match cell.parse::<f64>() {
                    Ok(n) => ws.write_number(r as u32, c as u16, n).unwrap(),
                    Err(_) => ws.write_string(r as u32, c as u16, cell).unwrap(),
                };
            }
        }
        book.save(&xlsx).unwrap();
        for input in [csv, xlsx] {
            let out = review(&w, &input, lang);
            let notes = zip_text(&out, "xl/comments1.xml");
            assert!(notes.contains("M005"), "{}: M005 noted", input.display());
            for note in notes.split("<comment ").skip(1) {
                let text: String = note
                    .split("<t")
                    .skip(1)
                    .filter_map(|t| t.split_once('>').map(|(_, t)| t))
                    .filter_map(|t| t.split_once("</t>").map(|(t, _)| t))
                    .collect();
                assert!(
                    text.encode_utf16().count() <= 32_767 - 54,
                    "{}: a note of {} units",
                    input.display(),
                    text.encode_utf16().count()
                );
            }
            // The Summary says a note was cut, as a note, not as a cell.
            let summary = values(&out, if lang == "en" { "Summary" } else { "概览" });
            let said = if lang == "en" {
                "cut to 32,713 characters (a note's limit)"
            } else {
                "条问题批注截断为 32,713 个字符"
            };
            assert!(
                summary
                    .used_cells()
                    .any(|(_, _, v)| v.to_string().contains(said)),
                "{}: the Summary counts the cut note",
                input.display()
            );
            // The Findings sheet quotes the statement short (the goal has no id).
            let findings = values(
                &out,
                if lang == "en" {
                    "Findings"
                } else {
                    "问题清单"
                },
            );
            let message = findings
                .rows()
                .filter_map(|r| r.get(6).map(|c| c.to_string()))
                .find(|m| m.contains("XXXX"))
                .expect("a message quotes the long statement");
            assert!(
                message.chars().count() < 300,
                "{}: {message}",
                input.display()
            );
        }
    }
}

/// The text of one part of a zip archive.
fn zip_text(path: &Path, part: &str) -> String {
    let file = std::fs::File::open(path).expect("open");
    let mut zip = zip::ZipArchive::new(file).expect("zip");
    let mut text = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(part).expect(part), &mut text).expect("read");
    text
}
