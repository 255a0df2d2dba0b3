//! The review's plan sheets look like the team's own (DESIGN §5): every plan cell keeps its
//! number format, font and alignment, columns keep their widths (widened only where a number
//! would show `###`), rows their heights; a finding's fill goes on top of the cell's style.
//! Where the input has no formats (CSV), one format per column, chosen from field and unit.
//!
//! The parts are read back straight from the zip archives with a small reader of this test's
//! own, not the library's.

mod common;

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use goalsheet::model::{CellPos, Lang, LoadOptions, build_plan};
use goalsheet::read::read_grid;
use goalsheet::rollup::Analysis;
use goalsheet::rules::{Finding, Letter, Severity, check_plan};
use goalsheet::write::review::{ReviewOptions, write_review};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// The date progress is judged at.
const AS_OF: chrono::NaiveDate =
    chrono::NaiveDate::from_ymd_opt(2026, 6, 30).expect("a valid date");

/// Every shipped xlsx and xlsm fixture.
const XLSX_FIXTURES: [&str; 8] = [
    "clean_en.xlsx",
    "clean_zh.xlsx",
    "defects_en.xlsx",
    "defects_zh.xlsx",
    "plan_1904.xlsx",
    "plan_en.xlsx",
    "plan_en.xlsm",
    "plan_long_zh.xlsx",
];

fn part(path: &Path, name: &str) -> Option<String> {
    let file = std::fs::File::open(path).ok()?;
    let mut zip = zip::ZipArchive::new(file).ok()?;
    let mut entry = zip.by_name(name).ok()?;
    let mut text = String::new();
    entry.read_to_string(&mut text).ok()?;
    Some(text)
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.as_ref() == name).then(|| {
            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .unwrap()
                .into_owned()
        })
    })
}

/// Every start or empty element of a part: (name, element, names of open ancestors).
fn elements(xml: &str, mut f: impl FnMut(&str, &BytesStart, &[String])) {
    let mut reader = Reader::from_str(xml);
    let mut open: Vec<String> = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                f(&name, &e, &open);
                open.push(name);
            }
            Event::Empty(e) => f(e.name().as_ref(), &e, &open),
            Event::End(_) => {
                open.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
}

/// A cell style as this test compares it.
#[derive(Debug, Clone, PartialEq, Default)]
struct Style {
    num_format: String,
    bold: bool,
    horizontal: Option<String>,
    vertical: Option<String>,
    wrap: bool,
    fill_rgb: Option<String>,
}

/// The cell styles of a workbook (cellXfs resolved to format code, bold, alignment, fill).
fn styles(path: &Path) -> Vec<Style> {
    let xml = part(path, "xl/styles.xml").unwrap();
    let mut codes: HashMap<u32, String> = HashMap::new();
    let mut bold_fonts: Vec<bool> = Vec::new();
    let mut fills: Vec<Option<String>> = Vec::new();
    type Align = (Option<String>, Option<String>, bool);
    let mut xfs: Vec<(u32, usize, usize, Align)> = Vec::new();
    elements(&xml, |name, e, open| {
        let parent = open.last().map(String::as_str);
        let inside = |n: &str| open.iter().any(|o| o == n);
        match name {
            "numFmt" if !inside("dxfs") => {
                codes.insert(
                    attr(e, "numFmtId").unwrap().parse().unwrap(),
                    attr(e, "formatCode").unwrap(),
                );
            }
            "font" if parent == Some("fonts") => bold_fonts.push(false),
            "b" if parent == Some("font") && inside("fonts") => {
                *bold_fonts.last_mut().unwrap() = attr(e, "val").is_none_or(|v| v != "0")
            }
            "fill" if parent == Some("fills") => fills.push(None),
            "fgColor" if inside("fills") => *fills.last_mut().unwrap() = attr(e, "rgb"),
            "xf" if parent == Some("cellXfs") => xfs.push((
                attr(e, "numFmtId").map_or(0, |v| v.parse().unwrap()),
                attr(e, "fontId").map_or(0, |v| v.parse().unwrap()),
                attr(e, "fillId").map_or(0, |v| v.parse().unwrap()),
                (None, None, false),
            )),
            "alignment" if inside("cellXfs") => {
                xfs.last_mut().unwrap().3 = (
                    attr(e, "horizontal"),
                    attr(e, "vertical"),
                    attr(e, "wrapText").is_some_and(|v| v == "1"),
                );
            }
            _ => {}
        }
    });
    xfs.into_iter()
        .map(|(num, font, fill, (horizontal, vertical, wrap))| Style {
            num_format: codes
                .get(&num)
                .cloned()
                .unwrap_or_else(|| builtin(num).to_string()),
            bold: bold_fonts[font],
            horizontal,
            vertical,
            wrap,
            fill_rgb: fills[fill].clone(),
        })
        .collect()
}

fn builtin(id: u32) -> &'static str {
    match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        9 => "0%",
        10 => "0.00%",
        14 => "m/d/yy",
        49 => "@",
        other => panic!("built-in number format {other} not expected in these fixtures"),
    }
}

/// One worksheet as this test compares it.
#[derive(Debug, Default)]
struct SheetParts {
    /// (row, col) → (style index, cell type `t`).
    cells: HashMap<(u32, u32), (usize, Option<String>)>,
    /// (first col, last col, width), 0-based.
    cols: Vec<(u32, u32, f64)>,
    /// Row → custom height.
    heights: HashMap<u32, f64>,
    /// (row, col) → the number stored, for number cells.
    numbers: HashMap<(u32, u32), f64>,
}

impl SheetParts {
    fn width(&self, col: u32) -> Option<f64> {
        self.cols
            .iter()
            .find(|(a, b, _)| *a <= col && col <= *b)
            .map(|c| c.2)
    }
}

fn sheet_parts(path: &Path, sheet: &str) -> SheetParts {
    let workbook = part(path, "xl/workbook.xml").unwrap();
    let rels = part(path, "xl/_rels/workbook.xml.rels").unwrap();
    let mut rid = None;
    elements(&workbook, |name, e, _| {
        if name == "sheet" && attr(e, "name").as_deref() == Some(sheet) {
            rid = attr(e, "r:id");
        }
    });
    let rid = rid.unwrap_or_else(|| panic!("{}: no sheet {sheet}", path.display()));
    let mut target = None;
    elements(&rels, |name, e, _| {
        if name == "Relationship" && attr(e, "Id").as_deref() == Some(rid.as_str()) {
            target = attr(e, "Target");
        }
    });
    let target = target.unwrap();
    let xml = part(path, &format!("xl/{}", target.trim_start_matches("/xl/"))).unwrap();
    let mut out = SheetParts::default();
    // Stored numbers: the text of each `<v>` of a cell without a text type.
    let mut reader = Reader::from_str(&xml);
    let (mut at, mut in_v) = (None, false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "c" => {
                let numeric = attr(&e, "t").is_none_or(|t| t == "n");
                at = numeric.then(|| attr(&e, "r")).flatten();
            }
            Event::Start(e) if e.name().as_ref() == "v" => in_v = true,
            Event::Text(t) if in_v => {
                if let (Some(r), Ok(v)) = (
                    &at,
                    t.xml_content(quick_xml::XmlVersion::Implicit1_0)
                        .trim()
                        .parse::<f64>(),
                ) {
                    out.numbers.insert(a1(r), v);
                }
            }
            Event::End(e) if e.name().as_ref() == "v" => in_v = false,
            Event::Eof => break,
            _ => {}
        }
    }
    let mut row = 0;
    elements(&xml, |name, e, _| match name {
        "col" => out.cols.push((
            attr(e, "min").unwrap().parse::<u32>().unwrap() - 1,
            attr(e, "max").unwrap().parse::<u32>().unwrap() - 1,
            attr(e, "width").unwrap().parse().unwrap(),
        )),
        "row" => {
            row = attr(e, "r").unwrap().parse::<u32>().unwrap() - 1;
            if attr(e, "customHeight").as_deref() == Some("1") {
                out.heights
                    .insert(row, attr(e, "ht").unwrap().parse().unwrap());
            }
        }
        "c" => {
            let (_, col) = a1(&attr(e, "r").unwrap());
            let s = attr(e, "s").map_or(0, |v| v.parse().unwrap());
            out.cells.insert((row, col), (s, attr(e, "t")));
        }
        _ => {}
    });
    out
}

/// (row, col), 0-based, of an A1 reference.
fn a1(r: &str) -> (u32, u32) {
    let letters: String = r.chars().take_while(char::is_ascii_alphabetic).collect();
    let col = letters
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A') + 1)
        - 1;
    (r[letters.len()..].parse::<u32>().unwrap() - 1, col)
}

/// The reviewed copy of a plan (the real rules' findings), in a temporary directory.
fn reviewed(input: &Path, dir: &Path) -> std::path::PathBuf {
    let grid = read_grid(input, None).unwrap();
    let options = LoadOptions::default();
    let plan = build_plan(&grid, &options).unwrap();
    let lang = plan.lang;
    let analysis = Analysis::new(plan, &options.config, lang, AS_OF);
    let out = dir.join(format!(
        "{}.reviewed.xlsx",
        input.file_name().unwrap().to_string_lossy()
    ));
    write_review(
        &grid,
        &analysis,
        &options.config,
        &ReviewOptions {
            output: out.clone(),
            force: false,
        },
    )
    .unwrap();
    out
}

/// The sheets of the original the review copies (same names in these fixtures).
fn plan_sheets(input: &Path) -> Vec<String> {
    let grid = read_grid(input, None).unwrap();
    let plan = build_plan(&grid, &LoadOptions::default()).unwrap();
    std::iter::once(plan.sheet.clone())
        .chain(plan.actions.map(|a| a.sheet))
        .chain(plan.budget.map(|b| b.sheet))
        .collect()
}

#[test]
fn every_plan_cell_keeps_its_number_format_font_and_alignment() {
    let dir = tempfile::tempdir().unwrap();
    for name in XLSX_FIXTURES {
        let input = common::fixture(name);
        let output = reviewed(&input, dir.path());
        let (in_styles, out_styles) = (styles(&input), styles(&output));
        for sheet in plan_sheets(&input) {
            let (before, after) = (sheet_parts(&input, &sheet), sheet_parts(&output, &sheet));
            let mut compared = 0;
            let used = before.cells.keys().map(|&(_, c)| c + 1).max().unwrap_or(0);
            for (at, (s_in, t_in)) in &before.cells {
                let (s_out, t_out) = after
                    .cells
                    .get(at)
                    .unwrap_or_else(|| panic!("{name} {sheet}: cell {at:?} not written"));
                let (a, b) = (&in_styles[*s_in], &out_styles[*s_out]);
                // A text cell the plan reads as a date or number is written as one, with a
                // date or number format: only cells that keep their kind must match exactly.
                let text =
                    |t: &Option<String>| matches!(t.as_deref(), Some("s" | "inlineStr" | "str"));
                if text(t_in) != text(t_out) {
                    continue;
                }
                // So is a number the plan reads otherwise (`1.2` in a percent goal is 1.2%,
                // written as 0.012 with a percent format).
                let (x, y) = (before.numbers.get(at), after.numbers.get(at));
                if x.zip(y)
                    .is_some_and(|(x, y)| (x - y).abs() > 1e-12 * x.abs().max(1.0))
                {
                    continue;
                }
                assert_eq!(
                    a.num_format, b.num_format,
                    "{name} {sheet} {at:?}: number format"
                );
                assert_eq!(a.bold, b.bold, "{name} {sheet} {at:?}: bold");
                assert_eq!(
                    a.horizontal, b.horizontal,
                    "{name} {sheet} {at:?}: alignment"
                );
                // A cell without a finding keeps its own fill.
                if b.fill_rgb.is_none() || a.fill_rgb.is_some() {
                    assert_eq!(a.fill_rgb, b.fill_rgb, "{name} {sheet} {at:?}: fill");
                }
                compared += 1;
            }
            assert!(
                compared > 20,
                "{name} {sheet}: only {compared} cells compared"
            );
            assert!(!before.cols.is_empty(), "{name}: the fixture sets widths");
            for &(first, last, width) in &before.cols {
                for col in first..=last.min(used.saturating_sub(1)) {
                    let Some(out) = after.width(col) else {
                        panic!("{name} {sheet}: column {col} lost its width {width}");
                    };
                    // Equal, or wider only where a number needed it (never narrower).
                    assert!(
                        (out - width).abs() < 1e-6 || out > width,
                        "{name} {sheet}: column {col} is {out}, was {width}"
                    );
                }
            }
            for (row, h) in &before.heights {
                assert_eq!(after.heights.get(row), Some(h), "{name} {sheet}: row {row}");
            }
        }
    }
}

#[test]
fn the_english_plan_keeps_its_dollar_and_thousands_formats() {
    let dir = tempfile::tempdir().unwrap();
    let input = common::fixture("plan_en.xlsx");
    let output = reviewed(&input, dir.path());
    let out_styles = styles(&output);
    let after = sheet_parts(&output, "Goals");
    let format_at =
        |(row, col): (u32, u32)| out_styles[after.cells[&(row, col)].0].num_format.clone();
    let before = sheet_parts(&input, "Goals");
    let in_styles = styles(&input);
    let codes: Vec<String> = before
        .cells
        .values()
        .map(|(s, _)| in_styles[*s].num_format.clone())
        .collect();
    assert!(codes.iter().any(|c| c == "$#,##0"), "{codes:?}");
    assert!(codes.iter().any(|c| c == "#,##0"), "{codes:?}");
    // Baseline and target of O1 ($) and of KR1.3 (leads).
    for (at, code) in [((3, 7), "$#,##0"), ((3, 8), "$#,##0"), ((6, 7), "#,##0")] {
        assert_eq!(format_at(at), code, "{at:?}");
    }
    // Every column is as wide as the team made it (12 characters, stored 12.7109375): its
    // dollar amounts fit.
    assert_eq!(after.width(8), Some(12.7109375));
}

/// A plan with fonts, fills, borders, wrap, row heights and widths of its own, and a finding
/// on a styled cell: the finding changes the fill only.
#[test]
fn a_finding_fill_goes_on_top_of_the_cells_own_style() {
    use rust_xlsxwriter::{Format, FormatBorder, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("styled.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Goals").unwrap();
    let head = Format::new()
        .set_bold()
        .set_font_name("Arial")
        .set_background_color("D9E1F2")
        .set_border(FormatBorder::Thin);
    let money = Format::new()
        .set_num_format("\"$\"#,##0")
        .set_font_name("Arial")
        .set_border(FormatBorder::Thin);
    let wrap = Format::new().set_text_wrap();
    for (c, h) in [
        "ID",
        "Objective",
        "Metric",
        "Unit",
        "Target",
        "Owner",
        "Due",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &head).unwrap();
    }
    let rows = [
        ("O1", "Grow online revenue to $3M", 3_000_000.0, "Ann"),
        ("O2", "Grow store revenue to $2M", 2_000_000.0, ""),
    ];
    for (i, (id, obj, t, owner)) in rows.iter().enumerate() {
        let r = i as u32 + 1;
        ws.write_string(r, 0, *id).unwrap();
        ws.write_string_with_format(r, 1, *obj, &wrap).unwrap();
        ws.write_string(r, 2, "Revenue").unwrap();
        ws.write_string(r, 3, "$").unwrap();
        ws.write_number_with_format(r, 4, *t, &money).unwrap();
        ws.write_string(r, 5, *owner).unwrap();
        ws.write_string(r, 6, "2026-12-31").unwrap();
    }
    ws.set_column_width(1, 30).unwrap();
    ws.set_column_width(4, 9).unwrap();
    ws.set_row_height(1, 33).unwrap();
    wb.save(&input).unwrap();

    let grid = read_grid(&input, None).unwrap();
    let options = LoadOptions::default();
    let plan = build_plan(&grid, &options).unwrap();
    let findings = vec![Finding {
        rule: "M001",
        letter: Letter::M,
        severity: Severity::Error,
        sheet: "Goals".into(),
        cell: Some(CellPos::new(1, 4)),
        field: Some("target"),
        goal: Some("O1".into()),
        action: None,
        message: "a finding on a styled amount".into(),
        hint: "first line\nsecond line".into(),
    }];
    let output = dir.path().join("styled.reviewed.xlsx");
    let mut analysis = Analysis::new(plan, &options.config, Lang::En, AS_OF);
    analysis.findings = findings;
    write_review(
        &grid,
        &analysis,
        &options.config,
        &ReviewOptions {
            output: output.clone(),
            force: false,
        },
    )
    .unwrap();
    let (in_styles, out_styles) = (styles(&input), styles(&output));
    let (before, after) = (sheet_parts(&input, "Goals"), sheet_parts(&output, "Goals"));
    let style =
        |parts: &SheetParts, all: &[Style], r: u32, c: u32| all[parts.cells[&(r, c)].0].clone();
    // The flagged cell: the same format and font, the error's fill.
    let flagged = style(&after, &out_styles, 1, 4);
    assert_eq!(flagged.num_format, "\"$\"#,##0");
    assert_eq!(flagged.fill_rgb.as_deref(), Some("FFFFC7CE"));
    let xml = part(&output, "xl/styles.xml").unwrap();
    assert!(xml.contains("Arial"), "the font is kept");
    // Its neighbour without a finding: exactly as before.
    assert_eq!(
        style(&after, &out_styles, 2, 4),
        style(&before, &in_styles, 2, 4)
    );
    // The header keeps its own fill and bold font.
    assert_eq!(
        style(&after, &out_styles, 0, 0),
        style(&before, &in_styles, 0, 0)
    );
    assert_eq!(after.heights.get(&1), Some(&33.0));
    assert_eq!(after.width(1), before.width(1));
    // $3,000,000 does not fit 9 characters: the column is widened, not left to show ###.
    assert!(after.width(4).unwrap() > before.width(4).unwrap());
    // The note is sized to its text: three lines need more than the two-line minimum.
    let vml = common_vml(&output);
    let height: f64 = vml
        .split("height:")
        .nth(1)
        .and_then(|h| h.split("pt").next())
        .and_then(|h| h.parse().ok())
        .unwrap_or_else(|| panic!("{vml}"));
    // Heights are written in points: 16 pixels a line, 12 of margins, 3 lines = 45 points.
    assert!(
        height >= 45.0,
        "three lines need more than two lines' height: {height}"
    );
}

/// The first VML drawing (notes' shapes) of a workbook.
fn common_vml(path: &Path) -> String {
    let file = std::fs::File::open(path).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let name = zip
        .file_names()
        .filter_map(|n| n.ok())
        .find(|n| n.ends_with(".vml"))
        .map(|n| n.to_string())
        .unwrap();
    let mut text = String::new();
    zip.by_name(&name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// CSV has no formats: each column gets one, from its field and unit, the same all the way
/// down; money without invented cents.
#[test]
fn csv_columns_get_one_clean_format_each() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["plan_en_utf8bom.csv", "plan_zh_gbk.csv", "plan_long_en.csv"] {
        let output = reviewed(&common::fixture(name), dir.path());
        let out_styles = styles(&output);
        let grid = read_grid(&common::fixture(name), None).unwrap();
        let plan = build_plan(&grid, &LoadOptions::default()).unwrap();
        let after = sheet_parts(&output, &plan.sheet);
        let mut by_col: HashMap<u32, Vec<String>> = HashMap::new();
        for g in &plan.goals {
            let fields: Vec<_> = [&g.baseline, &g.target, &g.budget]
                .into_iter()
                .chain(g.quarters.iter())
                .collect();
            // A goal written in 万 shows in 万 (amounts_written_in_wan_show_in_wan).
            if fields.iter().any(|n| n.raw.contains('万')) {
                continue;
            }
            for n in fields {
                if let (Some(_), Some(c), false) = (n.value, n.cell, g.is_percent) {
                    let code = out_styles[after.cells[&(c.row, c.col)].0]
                        .num_format
                        .clone();
                    by_col.entry(c.col).or_default().push(code);
                }
            }
        }
        assert!(!by_col.is_empty(), "{name}");
        // Budgets the sheet wrote with their symbol (`$250,000`) keep it, without cents.
        if name == "plan_en_utf8bom.csv" {
            let budget = plan.goals.iter().find_map(|g| g.budget.cell).unwrap();
            assert_eq!(by_col[&budget.col][0], "\"$\"#,##0");
        }
        for (col, codes) in &by_col {
            assert!(
                codes.iter().all(|c| c == &codes[0]),
                "{name} column {col}: {codes:?}"
            );
            let code = &codes[0];
            assert!(code.contains("#,##0"), "{name} column {col}: {code}");
            assert!(
                !code.contains(".#") && !code.contains(".00"),
                "{name}: {code}"
            );
        }
    }
}

/// Amounts the sheet wrote in 万 show in 万 (the value stays the full number).
#[test]
fn amounts_written_in_wan_show_in_wan() {
    let dir = tempfile::tempdir().unwrap();
    for (file, text) in [
        (
            "wan.csv",
            "编号,目标,指标,单位,全年目标,一季度,负责人\nO1,销售额达到50万,销售额,元,50万,10万,张伟\nO2,线索达到15000,线索,个,\"15,000\",3000,李娜\n",
        ),
        (
            "wan_en.csv",
            "ID,Objective,Metric,Unit,Target,Q1,Owner\nO1,Grow sales,Sales,CNY,120万,30万,Ann\n",
        ),
    ] {
        let input = dir.path().join(file);
        std::fs::write(&input, text).unwrap();
        let output = reviewed(&input, dir.path());
        let out_styles = styles(&output);
        let grid = read_grid(&input, None).unwrap();
        let plan = build_plan(&grid, &LoadOptions::default()).unwrap();
        let after = sheet_parts(&output, &plan.sheet);
        let target = plan.goals[0].target.cell.unwrap();
        let code = &out_styles[after.cells[&(target.row, target.col)].0].num_format;
        assert_eq!(code, "0\\.0,\"万\"", "{file}");
        // The goal's other amounts read in the same unit; a goal not written in 万 does not.
        let q1 = plan.goals[0].quarters[0].cell.unwrap();
        assert_eq!(
            &out_styles[after.cells[&(q1.row, q1.col)].0].num_format,
            code
        );
        if let Some(other) = plan.goals.get(1).and_then(|g| g.target.cell) {
            let other = &out_styles[after.cells[&(other.row, other.col)].0].num_format;
            assert_eq!(other, "#,##0", "{file}");
        }
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&output).unwrap();
        use calamine::{DataType as _, Reader as _};
        let range = wb.worksheet_range(&plan.sheet).unwrap();
        let value = range.get_value((target.row, target.col)).unwrap();
        assert_eq!(value.as_f64(), plan.goals[0].target.value, "{file}");
    }
}

/// The Findings sheet: a filtered table under a frozen header, sorted by severity, then sheet
/// (goal sheet first) and row, every cell top-aligned and wrapped.
#[test]
fn findings_are_sorted_filtered_frozen_and_aligned() {
    use calamine::{Data, Reader as _};
    let dir = tempfile::tempdir().unwrap();
    for (name, sheet) in [
        ("defects_en.xlsx", "Findings"),
        ("defects_zh.xlsx", "问题清单"),
    ] {
        let input = common::fixture(name);
        let output = reviewed(&input, dir.path());
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&output).unwrap();
        let range = wb.worksheet_range(sheet).unwrap();
        let text = |r: u32, c: u32| match range.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        };
        let severity = |w: &str| match w {
            "error" | "错误" => 0,
            "warning" | "警告" => 1,
            "info" | "提示" => 2,
            other => panic!("{name}: severity {other}"),
        };
        let plan_sheets = plan_sheets(&input);
        // A finding without a cell (plan-level) comes first in its sheet.
        let rank = |sheet: &str, cell: &str| -> (usize, u32) {
            let sheet_rank = plan_sheets.iter().position(|s| s == sheet).unwrap();
            let row = cell
                .rsplit_once('!')
                .map_or(0, |(_, a1)| self::a1(a1).0 + 1);
            (sheet_rank, row)
        };
        let rows = range.end().unwrap().0;
        assert!(rows > 5, "{name}: {rows} findings");
        let keys: Vec<(i32, usize, u32)> = (1..=rows)
            .map(|r| {
                let (sheet_rank, row) = rank(&text(r, 4), &text(r, 5));
                (severity(&text(r, 0)), sheet_rank, row)
            })
            .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "{name}: sorted by severity, sheet, row");
        assert!(keys.first() < keys.last(), "{name}: more than one kind");

        let all = styles(&output);
        let parts = sheet_parts(&output, sheet);
        for r in 1..=rows {
            for c in 0..8 {
                let (s, _) = parts.cells[&(r, c)];
                assert_eq!(all[s].vertical.as_deref(), Some("top"), "{name} ({r},{c})");
                assert!(all[s].wrap, "{name} ({r},{c})");
            }
        }
        let header = &all[parts.cells[&(0, 0)].0];
        assert!(header.bold && header.fill_rgb.is_some(), "{header:?}");
        let xml = part(&output, &sheet_xml_name(&output, sheet)).unwrap();
        assert!(xml.contains("ySplit=\"1\""), "frozen header");
        assert!(
            xml.contains("<tablePart"),
            "an Excel table (with its filters)"
        );
    }
}

fn sheet_xml_name(path: &Path, sheet: &str) -> String {
    let workbook = part(path, "xl/workbook.xml").unwrap();
    let rels = part(path, "xl/_rels/workbook.xml.rels").unwrap();
    let mut rid = None;
    elements(&workbook, |name, e, _| {
        if name == "sheet" && attr(e, "name").as_deref() == Some(sheet) {
            rid = attr(e, "r:id");
        }
    });
    let mut target = None;
    elements(&rels, |name, e, _| {
        if name == "Relationship" && attr(e, "Id") == rid {
            target = attr(e, "Target");
        }
    });
    format!("xl/{}", target.unwrap().trim_start_matches("/xl/"))
}

/// The Summary's pass-rate table and chart cover every letter (S M A R T E B D), a letter
/// with an error or warning never shows 100%, and the chart labels its bars.
#[test]
fn pass_rates_cover_every_letter_and_never_claim_100_percent_over_an_error() {
    use calamine::{Data, Reader as _};
    let dir = tempfile::tempdir().unwrap();
    for (name, summary) in [("defects_en.xlsx", "Summary"), ("defects_zh.xlsx", "概览")] {
        let input = common::fixture(name);
        let grid = read_grid(&input, None).unwrap();
        let options = LoadOptions::default();
        let plan = build_plan(&grid, &options).unwrap();
        let findings = check_plan(&plan, &options.config, plan.lang);
        let output = reviewed(&input, dir.path());
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&output).unwrap();
        let range = wb.worksheet_range(summary).unwrap();
        let letters = ["S", "M", "A", "R", "T", "E", "B", "D"];
        let first = (0..80)
            .find(|&r| matches!(range.get_value((r, 0)), Some(Data::String(s)) if s == "S"))
            .unwrap();
        for (k, letter) in letters.iter().enumerate() {
            let r = first + k as u32;
            assert_eq!(
                range.get_value((r, 0)),
                Some(&Data::String(letter.to_string()))
            );
            let rate = match range.get_value((r, 5)) {
                Some(Data::Float(x)) => *x,
                other => panic!("{name} {letter}: rate {other:?}"),
            };
            let faulted = findings
                .iter()
                .any(|f| f.letter.as_char().to_string() == *letter && f.severity != Severity::Info);
            if faulted {
                assert!(rate < 1.0, "{name} {letter}: {rate} with errors");
            }
        }
        let chart = part(&output, "xl/charts/chart1.xml").unwrap();
        assert!(chart.contains("<c:showVal val=\"1\"/>"), "data labels");
        let cats = format!("$A${}:$A${}", first + 1, first + 8);
        assert!(chart.contains(&cats), "all eight letters: {cats}");
    }
}

/// Timeline: an action with missing or inverted dates shows a marker and its finding, not
/// an empty row; a good one a check mark and its bar.
#[test]
fn timeline_marks_actions_whose_dates_are_wrong() {
    use calamine::{Data, Reader as _};
    let dir = tempfile::tempdir().unwrap();
    for (name, sheet) in [
        ("defects_en.xlsx", "Timeline"),
        ("defects_zh.xlsx", "时间线"),
    ] {
        let output = reviewed(&common::fixture(name), dir.path());
        let mut wb: calamine::Xlsx<_> = calamine::open_workbook(&output).unwrap();
        let range = wb.worksheet_range(sheet).unwrap();
        let text = |r: u32, c: u32| match range.get_value((r, c)) {
            Some(Data::String(s)) => s.clone(),
            _ => String::new(),
        };
        let row_of = |id: &str| (0..200).find(|&r| text(r, 0) == id).unwrap();
        for (id, rule) in [("E2-2", "E003"), ("E2-3", "E004")] {
            let note = text(row_of(id), 6);
            assert!(
                note.starts_with('⚠') && note.contains(rule),
                "{name} {id}: {note}"
            );
        }
        let good = row_of("E2-1");
        assert_eq!(text(good, 6), "✓", "{name}");
        let inverted = row_of("E2-3");
        let all = styles(&output);
        let parts = sheet_parts(&output, sheet);
        let filled = |r: u32| {
            (7..60).any(|c| {
                parts
                    .cells
                    .get(&(r, c))
                    .is_some_and(|(s, _)| all[*s].fill_rgb.as_deref() == Some("FF5B9BD5"))
            })
        };
        assert!(filled(good), "{name}: the good action has its bar");
        assert!(!filled(inverted), "{name}: no bar for inverted dates");
    }
}

/// An ods gives its column widths (its cell styles are not read): the review keeps them and
/// still chooses one number format per column.
#[test]
fn an_ods_keeps_its_column_widths() {
    use std::io::Write;
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("plan.ods");
    let cell = |v: &str| match v.parse::<f64>() {
        Ok(_) => format!(
            "<table:table-cell office:value-type=\"float\" office:value=\"{v}\"><text:p>{v}</text:p></table:table-cell>"
        ),
        Err(_) => format!(
            "<table:table-cell office:value-type=\"string\"><text:p>{v}</text:p></table:table-cell>"
        ),
    };
    let row = |cells: &[&str]| {
        format!(
            "<table:table-row>{}</table:table-row>",
            cells.iter().map(|c| cell(c)).collect::<String>()
        )
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:automatic-styles>
<style:style style:name="co1" style:family="table-column"><style:table-column-properties style:column-width="5.08cm"/></style:style>
<style:style style:name="co2" style:family="table-column"><style:table-column-properties style:column-width="2.54cm"/></style:style>
</office:automatic-styles><office:body><office:spreadsheet><table:table table:name="Goals">
<table:table-column table:style-name="co2"/><table:table-column table:style-name="co1"/><table:table-column table:style-name="co2" table:number-columns-repeated="5"/>
{}{}{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
        row(&[
            "ID",
            "Objective",
            "Metric",
            "Unit",
            "Target",
            "Owner",
            "Due"
        ]),
        row(&[
            "O1",
            "Grow revenue",
            "Revenue",
            "USD",
            "1200000",
            "Ann",
            "2026-12-31"
        ]),
        row(&[
            "O2",
            "Grow leads",
            "Leads",
            "leads",
            "15000",
            "Bob",
            "2026-12-31"
        ]),
    );
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&input).unwrap());
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#).unwrap();
    zip.finish().unwrap();

    let output = reviewed(&input, dir.path());
    let after = sheet_parts(&output, "Goals");
    // 5.08 cm = 2 in = 192 pixels = 27.43 digits of 7 pixels; 2.54 cm = 13.71.
    let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 0.01);
    assert!(close(after.width(1), 192.0 / 7.0), "{:?}", after.width(1));
    assert!(close(after.width(0), 96.0 / 7.0), "{:?}", after.width(0));
    // Numbers still get one format for their column (no styles of the ods are read).
    let all = styles(&output);
    let code = |r: u32, c: u32| all[after.cells[&(r, c)].0].num_format.clone();
    assert_eq!(code(1, 4), "#,##0");
    assert_eq!(code(2, 4), "#,##0");
}
