//! The batch summary (`batch-summary.xlsx` and `batch-summary.csv`): one row per input file —
//! goals and findings by severity with a link to its review, or the reason it failed — a
//! totals row, and a column chart of errors per file.
//!
//! Works on data only: the CLI reviews the files and hands the outcomes here.

use rust_xlsxwriter::{
    Chart, ChartType, Color, Format, FormatAlign, FormatBorder, Formula, Url, Workbook, XlsxError,
};

use crate::error::{Error, Result};
use crate::model::Lang;
use crate::rules::Summary;

/// The summary workbook's file name inside the batch output folder.
pub const SUMMARY_XLSX: &str = "batch-summary.xlsx";
/// The summary CSV's file name inside the batch output folder.
pub const SUMMARY_CSV: &str = "batch-summary.csv";

/// What became of one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BatchOutcome {
    /// Reviewed: `review` is the review workbook's path relative to the output folder
    /// (`/`-separated), `goals` the goals read, `findings` counted by severity.
    Reviewed {
        review: String,
        goals: usize,
        findings: Summary,
    },
    /// Not reviewed, with the one-line reason.
    Failed { reason: String },
}

/// One row of the summary: the input as given (or found in a folder) and its outcome.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BatchRow {
    pub input: String,
    pub outcome: BatchOutcome,
}

/// Totals over the rows: files reviewed and failed, goals, findings by severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchTotals {
    pub reviewed: usize,
    pub failed: usize,
    pub goals: usize,
    pub findings: Summary,
}

impl BatchTotals {
    /// Sum the rows.
    pub fn of(rows: &[BatchRow]) -> BatchTotals {
        let mut t = BatchTotals::default();
        for row in rows {
            match &row.outcome {
                BatchOutcome::Reviewed {
                    goals, findings, ..
                } => {
                    t.reviewed += 1;
                    t.goals += goals;
                    t.findings.errors += findings.errors;
                    t.findings.warnings += findings.warnings;
                    t.findings.infos += findings.infos;
                }
                BatchOutcome::Failed { .. } => t.failed += 1,
            }
        }
        t
    }
}

struct Labels {
    file: &'static str,
    status: &'static str,
    goals: &'static str,
    errors: &'static str,
    warnings: &'static str,
    infos: &'static str,
    review: &'static str,
    reviewed: &'static str,
    failed: &'static str,
    total: &'static str,
    sheet: &'static str,
    chart: &'static str,
}

fn labels(lang: Lang) -> Labels {
    match lang {
        Lang::En => Labels {
            file: "File",
            status: "Status",
            goals: "Goals",
            errors: "Errors",
            warnings: "Warnings",
            infos: "Infos",
            review: "Review or reason",
            reviewed: "reviewed",
            failed: "failed",
            total: "Total",
            sheet: "Batch summary",
            chart: "Errors per file",
        },
        Lang::Zh => Labels {
            file: "文件",
            status: "状态",
            goals: "目标数",
            errors: "错误",
            warnings: "警告",
            infos: "提示",
            review: "审阅文件或原因",
            reviewed: "已审阅",
            failed: "失败",
            total: "合计",
            sheet: "批量汇总",
            chart: "各文件错误数",
        },
    }
}

/// The summary as CSV, UTF-8 with a BOM: `file,status,goals,errors,warnings,infos,output`
/// (machine-readable English keys and status `reviewed`/`failed`; `output` is the review's
/// path relative to the output folder, or the reason it failed), then a `total` row. Text
/// cells that a spreadsheet would run as formulas are neutralised.
pub fn summary_csv(rows: &[BatchRow]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(crate::write::UTF8_BOM.as_bytes().to_vec());
    let _ = w.write_record([
        "file", "status", "goals", "errors", "warnings", "infos", "output",
    ]);
    let text = |s: &str| crate::write::neutralise_formula(s).into_owned();
    for row in rows {
        let record = match &row.outcome {
            BatchOutcome::Reviewed {
                review,
                goals,
                findings,
            } => [
                text(&row.input),
                "reviewed".into(),
                goals.to_string(),
                findings.errors.to_string(),
                findings.warnings.to_string(),
                findings.infos.to_string(),
                text(review),
            ],
            BatchOutcome::Failed { reason } => [
                text(&row.input),
                "failed".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                text(reason),
            ],
        };
        let _ = w.write_record(&record);
    }
    let t = BatchTotals::of(rows);
    let _ = w.write_record([
        "total".to_string(),
        format!("{} reviewed, {} failed", t.reviewed, t.failed),
        t.goals.to_string(),
        t.findings.errors.to_string(),
        t.findings.warnings.to_string(),
        t.findings.infos.to_string(),
        String::new(),
    ]);
    w.into_inner().unwrap_or_default()
}

/// The summary workbook: one sheet with a styled, filtered table (one row per file; the
/// review column a hyperlink to the review workbook, relative to the summary, or the reason
/// the file failed, in red), a totals row of live `SUM`s, and a column chart of errors per
/// reviewed file beside it. The same rows give the same bytes.
///
/// # Errors
/// [`Error::Output`] when the workbook cannot be built.
pub fn summary_xlsx(rows: &[BatchRow], lang: Lang) -> Result<Vec<u8>> {
    build(rows, lang).map_err(|e| Error::Output {
        path: SUMMARY_XLSX.into(),
        message: format!("cannot build the summary workbook: {e}"),
    })
}

fn build(rows: &[BatchRow], lang: Lang) -> std::result::Result<Vec<u8>, XlsxError> {
    let l = labels(lang);
    let mut workbook = Workbook::new();
    workbook.set_properties(&crate::write::fixed_properties().set_title(l.sheet));
    let ws = workbook.add_worksheet();
    ws.set_name(l.sheet)?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x1F4E78))
        .set_font_color(Color::White)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let failed = Format::new().set_font_color(Color::RGB(0xC00000));
    let bold = Format::new().set_bold().set_border_top(FormatBorder::Thin);
    let link = Format::new()
        .set_font_color(Color::RGB(0x0563C1))
        .set_underline(rust_xlsxwriter::FormatUnderline::Single);
    let heads = [
        l.file, l.status, l.goals, l.errors, l.warnings, l.infos, l.review,
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &header)?;
    }
    let mut widths = heads.map(|h| display_width(h) + 2);
    let mut r: u32 = 1;
    for row in rows {
        let (input, _) = crate::write::fit_cell(&row.input);
        ws.write_string(r, 0, input.as_ref())?;
        widths[0] = widths[0].max(display_width(&input));
        match &row.outcome {
            BatchOutcome::Reviewed {
                review,
                goals,
                findings,
            } => {
                ws.write_string(r, 1, l.reviewed)?;
                ws.write_number(r, 2, *goals as f64)?;
                ws.write_number(r, 3, findings.errors as f64)?;
                ws.write_number(r, 4, findings.warnings as f64)?;
                ws.write_number(r, 5, findings.infos as f64)?;
                let url = Url::new(format!("file:///{review}")).set_text(review);
                ws.write_url_with_format(r, 6, url, &link)?;
                widths[6] = widths[6].max(display_width(review));
            }
            BatchOutcome::Failed { reason } => {
                ws.write_string_with_format(r, 1, l.failed, &failed)?;
                let (reason, _) = crate::write::fit_cell(reason);
                ws.write_string_with_format(r, 6, reason.as_ref(), &failed)?;
                widths[6] = widths[6].max(display_width(&reason));
            }
        }
        r += 1;
    }
    let last = r - 1;
    let t = BatchTotals::of(rows);
    ws.write_string_with_format(
        r,
        0,
        format!(
            "{} ({} {}, {} {})",
            l.total, t.reviewed, l.reviewed, t.failed, l.failed
        ),
        &bold,
    )?;
    ws.write_blank(r, 1, &bold)?;
    let totals = [
        t.goals,
        t.findings.errors,
        t.findings.warnings,
        t.findings.infos,
    ];
    for (i, value) in totals.iter().enumerate() {
        let col = 2 + i as u16;
        let letter = (b'A' + col as u8) as char;
        let formula = if last >= 1 {
            Formula::new(format!("=SUM({letter}2:{letter}{})", last + 1))
                .set_result(value.to_string())
        } else {
            Formula::new("=0").set_result("0")
        };
        ws.write_formula_with_format(r, col, formula, &bold)?;
    }
    ws.write_blank(r, 6, &bold)?;
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, (*w).min(80) as f64)?;
    }
    ws.set_freeze_panes(1, 0)?;
    // Printed or saved as PDF: landscape A4, one page wide, the header on every page.
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    if last >= 1 {
        ws.autofilter(0, 0, last, 6)?;
        // One horizontal bar per file, files top to bottom as in the table.
        let mut chart = Chart::new(ChartType::Bar);
        chart
            .add_series()
            .set_categories((l.sheet, 1, 0, last, 0))
            .set_values((l.sheet, 1, 3, last, 3))
            .set_name(l.errors);
        chart.title().set_name(l.chart);
        chart.legend().set_hidden();
        chart.y_axis().set_reverse();
        let height = (80 + 18 * last).min(2000);
        chart.set_width(720).set_height(height);
        ws.insert_chart(r + 2, 0, &chart)?;
    }
    workbook.save_to_buffer()
}

/// Columns a text takes in Excel's default font: East Asian characters count two.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|c| if (c as u32) >= 0x2E80 { 2 } else { 1 })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows() -> Vec<BatchRow> {
        vec![
            BatchRow {
                input: "a/plan.xlsx".into(),
                outcome: BatchOutcome::Reviewed {
                    review: "a/plan.reviewed.xlsx".into(),
                    goals: 12,
                    findings: Summary {
                        errors: 3,
                        warnings: 2,
                        infos: 1,
                    },
                },
            },
            BatchRow {
                input: "=bad.csv".into(),
                outcome: BatchOutcome::Failed {
                    reason: "bad.csv: the file is empty".into(),
                },
            },
        ]
    }

    #[test]
    fn csv_has_bom_rows_and_totals_and_neutralises_formulas() {
        let bytes = summary_csv(&rows());
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
        let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "file,status,goals,errors,warnings,infos,output");
        assert_eq!(
            lines[1],
            "a/plan.xlsx,reviewed,12,3,2,1,a/plan.reviewed.xlsx"
        );
        assert_eq!(lines[2], "'=bad.csv,failed,,,,,bad.csv: the file is empty");
        assert_eq!(lines[3], "total,\"1 reviewed, 1 failed\",12,3,2,1,");
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn totals_count_failed_and_reviewed() {
        let t = BatchTotals::of(&rows());
        assert_eq!(
            (t.reviewed, t.failed, t.goals, t.findings.errors),
            (1, 1, 12, 3)
        );
    }

    #[test]
    fn workbook_builds_for_no_rows_and_some() {
        assert!(summary_xlsx(&[], Lang::En).is_ok());
        let a = summary_xlsx(&rows(), Lang::Zh).unwrap();
        let b = summary_xlsx(&rows(), Lang::Zh).unwrap();
        assert_eq!(a, b, "same rows, same bytes");
    }
}
