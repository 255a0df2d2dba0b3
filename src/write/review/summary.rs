//! Summary / 概览: the plan at a glance, findings by severity and SMART letter, a SMART
//! pass-rate chart, totals per metric, and what the copy does not carry over.

use std::collections::HashSet;

use rust_xlsxwriter::{Chart, ChartDataLabel, ChartType, Format, Worksheet, XlsxError};

use super::{Ctx, Limits, Styles, Text, Widths, aggregation_label, severity_word};
use crate::model::Aggregation;
use crate::rules::{Letter, Severity};

const LETTERS: [Letter; 8] = [
    Letter::S,
    Letter::M,
    Letter::A,
    Letter::R,
    Letter::T,
    Letter::E,
    Letter::B,
    Letter::D,
];

/// The share of goals passing each letter (S M A R T E B D, in [`LETTERS`]' order): a goal
/// fails a letter when an error or warning of it lies on one of the goal's rows or names the
/// goal. An error or warning of a letter that concerns no one goal (a plan-level budget
/// overrun, a fault on the action sheet without its goal) fails that letter for the whole
/// plan, so no bar claims 100% while such a fault stands.
pub(crate) fn pass_rates(ctx: &Ctx) -> [f64; 8] {
    let plan = ctx.plan;
    let n = plan.goals.len();
    // The goal of a row, and of an id (its first goal, as the tree indexes them).
    let by_row = super::goal_columns::GoalRows::new(plan);
    let by_id = &ctx.tree.by_id;
    let mut failed = vec![[false; 8]; n];
    let mut whole_plan = [false; 8];
    for f in ctx.findings.iter().filter(|f| f.severity != Severity::Info) {
        let Some(k) = LETTERS.iter().position(|l| *l == f.letter) else {
            continue;
        };
        let goal = match f.cell {
            Some(c) if f.sheet == plan.sheet => by_row.goal(c.row),
            _ => None,
        }
        .or_else(|| {
            f.goal
                .as_deref()
                .and_then(|id| by_id.get(&crate::model::Key::new(id)).copied())
        });
        match goal.and_then(|i| failed.get_mut(i)) {
            Some(marks) => marks[k] = true,
            None => whole_plan[k] = true,
        }
    }
    std::array::from_fn(|k| {
        if whole_plan[k] {
            return 0.0;
        }
        if n == 0 {
            return 1.0;
        }
        let passed = failed.iter().filter(|m| !m[k]).count();
        passed as f64 / n as f64
    })
}

/// What the original holds that the copy does not, as lines to show.
pub(crate) fn not_carried(ctx: &Ctx) -> Vec<String> {
    let p = &ctx.grid.parts;
    let lang = ctx.lang;
    let mut out = Vec::new();
    let mut count = |n: usize, en: &str, zh: &str| {
        if n > 0 {
            out.push(match lang {
                crate::model::Lang::En => format!("{n} {en}"),
                crate::model::Lang::Zh => format!("{zh} {n} 个"),
            });
        }
    };
    count(p.charts, "chart(s)", "图表");
    count(p.images, "image(s)", "图片");
    count(
        p.comments,
        "comment part(s) (cell comments and notes)",
        "批注",
    );
    count(p.pivot_tables, "pivot table(s)", "数据透视表");
    let mut flag = |on: bool, en: &str, zh: &str| {
        if on {
            out.push(lang.pick(en, zh).to_string());
        }
    };
    flag(
        p.data_validation,
        "data validation (drop-down lists, input rules)",
        "数据验证（下拉列表、输入限制）",
    );
    flag(
        p.conditional_formatting,
        "conditional formatting",
        "条件格式",
    );
    flag(p.macros, "macros (VBA)", "宏（VBA）");
    // An xlsx's styles are carried (read with its cells); other formats' are not.
    let carried = ctx.names.originals.iter().all(|(i, _)| {
        ctx.grid
            .sheets
            .get(*i)
            .and_then(|s| s.look.as_ref())
            .is_some_and(|l| l.has_styles())
    });
    flag(
        p.styling && !carried,
        "cell styling (fonts, colours, borders, column widths, number formats)",
        "单元格样式（字体、颜色、边框、列宽、数字格式）",
    );
    out
}

/// The Summary before the other sheets are written: everything but what they report back
/// (the [`Limits`] they met), which [`SummaryDraft::finish`] adds.
pub(crate) struct SummaryDraft {
    ws: Worksheet,
    /// The first row below what is written.
    next_row: u32,
    widths: Widths,
}

/// Draft the Summary: it reads the analysis and the original, never the other sheets, so it
/// is made while they are.
pub(crate) fn draft(ctx: &Ctx) -> Result<SummaryDraft, XlsxError> {
    let mut ws = Worksheet::new();
    ws.set_name(&ctx.names.summary)?;
    let lang = ctx.lang;
    let plan = ctx.plan;
    let bold = Styles::bold();
    let header = Styles::header();
    let header_right = Styles::header().set_align(rust_xlsxwriter::FormatAlign::Right);
    let mut widths = Widths::default();
    let mut r = 0u32;
    ws.write_string_with_format(r, 0, ctx.text(Text::WorkbookTitle), &Styles::title())?;
    r += 2;

    let file = ctx
        .grid
        .path
        .file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| plan.file.clone());
    // Distinct values compared as keys, ignoring case (`李娜` + U+200B is `李娜`). A key
    // depends on the text alone, so each distinct text (a few dozen owners over thousands of
    // goals) is keyed once.
    let distinct = |f: &dyn Fn(&crate::model::Goal) -> &crate::model::Text| {
        plan.goals
            .iter()
            .filter_map(|g| f(g).value.as_deref())
            .collect::<HashSet<&str>>()
            .into_iter()
            .filter_map(crate::model::Key::of)
            .map(|k| k.loose())
            .collect::<HashSet<_>>()
            .len()
    };
    let owners = distinct(&|g| &g.owner);
    let channels = distinct(&|g| &g.channel);
    // (label, text, count): counts are written as numbers.
    let texts = [
        (lang.pick("Plan file", "计划文件"), file),
        (lang.pick("Goal sheet", "目标工作表"), plan.sheet.clone()),
        (
            lang.pick("Plan year", "计划年份"),
            // A fiscal year shows its span: `FY2026 (2026-04 – 2027-03)`.
            plan.plan_year
                .map(|y| plan.fiscal.label(y))
                .unwrap_or_else(|| "-".into()),
        ),
    ];
    let counts = [
        (lang.pick("Goals", "目标数"), plan.goals.len()),
        (lang.pick("Owners", "负责人数"), owners),
        (lang.pick("Channels", "渠道数"), channels),
        (
            lang.pick("Actions", "行动数"),
            plan.actions.as_ref().map_or(0, |a| a.actions.len()),
        ),
    ];
    for (label, value) in &texts {
        widths.see(0, label);
        widths.see(1, value);
        ws.write_string_with_format(r, 0, *label, &bold)?;
        ws.write_string(r, 1, limits_text(value))?;
        r += 1;
    }
    for (label, n) in counts {
        widths.see(0, label);
        ws.write_string_with_format(r, 0, label, &bold)?;
        ws.write_number(r, 1, n as f64)?;
        r += 1;
    }
    r += 1;

    // Findings by severity.
    ws.write_string_with_format(
        r,
        0,
        lang.pick("Findings by severity", "按级别统计问题"),
        &bold,
    )?;
    r += 1;
    let summary = crate::rules::Summary::of(ctx.findings);
    for (s, n) in [
        (Severity::Error, summary.errors),
        (Severity::Warning, summary.warnings),
        (Severity::Info, summary.infos),
    ] {
        let fill = rust_xlsxwriter::Format::new().set_background_color(super::severity_fill(s));
        ws.write_string_with_format(r, 0, severity_word(s, lang), &fill)?;
        ws.write_number(r, 1, n as f64)?;
        r += 1;
    }
    r += 1;

    // Findings by letter, with each letter's pass rate.
    let heads = [
        lang.pick("Letter", "类别"),
        lang.pick("Meaning", "含义"),
        severity_word(Severity::Error, lang),
        severity_word(Severity::Warning, lang),
        severity_word(Severity::Info, lang),
        lang.pick("Pass rate (goals)", "目标通过率"),
    ];
    // Headers of number columns sit right, above their numbers.
    for (c, h) in heads.iter().enumerate() {
        let fmt = if c >= 2 { &header_right } else { &header };
        ws.write_string_with_format(r, c as u16, *h, fmt)?;
        widths.see(c as u32, h);
    }
    r += 1;
    let rates = pass_rates(ctx);
    let first_letter_row = r;
    for (k, l) in LETTERS.iter().enumerate() {
        ws.write_string(r, 0, l.as_char().to_string())?;
        ws.write_string(r, 1, l.title(lang))?;
        widths.see(1, l.title(lang));
        for (c, s) in [
            (2u16, Severity::Error),
            (3, Severity::Warning),
            (4, Severity::Info),
        ] {
            let n = ctx
                .findings
                .iter()
                .filter(|f| f.letter == *l && f.severity == s)
                .count();
            ws.write_number(r, c, n as f64)?;
        }
        if let Some(rate) = rates.get(k) {
            ws.write_number_with_format(r, 5, *rate, &Styles::percent())?;
        }
        r += 1;
    }
    let last_letter_row = r.saturating_sub(1);
    if !plan.goals.is_empty() {
        let name = ctx.names.summary.as_str();
        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_name(lang.pick("Pass rate", "通过率"))
            .set_categories((name, first_letter_row, 0, last_letter_row, 0))
            .set_values((name, first_letter_row, 5, last_letter_row, 5))
            .set_data_label(ChartDataLabel::new().show_value().set_num_format("0%"));
        chart.title().set_name(lang.pick(
            "Pass rate by letter (share of goals)",
            "各类别通过率（目标占比）",
        ));
        chart.legend().set_hidden();
        chart.y_axis().set_num_format("0%").set_min(0).set_max(1);
        ws.insert_chart(2, 8, &chart)?;
    }
    r += 1;

    // Per metric: the plan's own top-goal figure, the leaf rollup beside it, and the gap.
    ws.write_string_with_format(
        r,
        0,
        lang.pick(
            "Per metric: the plan's top goals commit to the target; the leaf goals roll up to the next column (sum metrics add; level and ratio metrics show the mean of goals, marked ≈)",
            "按指标：最上层目标承诺的目标值，与末级目标的汇总值及差额（求和类相加；期末值与比率类为各目标平均值，标 ≈）",
        ),
        &bold,
    )?;
    r += 1;
    let heads = [
        ctx.text(Text::Metric),
        ctx.text(Text::Unit),
        ctx.text(Text::Aggregation),
        ctx.text(Text::Goals),
        lang.pick("Plan target", "计划目标"),
        lang.pick("Leaf rollup", "末级汇总"),
        lang.pick("Gap", "差额"),
    ];
    for (c, h) in heads.iter().enumerate() {
        let fmt = if c >= 3 { &header_right } else { &header };
        ws.write_string_with_format(r, c as u16, *h, fmt)?;
        widths.see(c as u32, h);
    }
    r += 1;
    let headlines = &ctx.analysis.headlines;
    if headlines.is_empty() {
        ws.write_string_with_format(
            r,
            0,
            lang.pick("No goal has a metric.", "没有填写指标的目标。"),
            &Styles::note(),
        )?;
        r += 1;
    }
    let counts: std::collections::HashMap<(&str, &str), usize> = ctx
        .analysis
        .totals
        .rows
        .iter()
        .map(|t| ((t.metric.as_str(), t.unit.as_str()), t.goals))
        .collect();
    for h in headlines {
        widths.see(0, &h.metric);
        ws.write_string(r, 0, limits_text(&h.metric))?;
        ws.write_string(r, 1, limits_text(&h.unit))?;
        let label = if h.aggregation == Aggregation::Ratio && !h.leaf_is_mean {
            lang.pick("ratio (of summed parts)", "比率（按分子分母合计）")
                .to_string()
        } else {
            aggregation_label(h.aggregation, lang)
        };
        widths.see(2, &label);
        ws.write_string(r, 2, label)?;
        let goals = counts.get(&(h.metric.as_str(), h.unit.as_str())).copied();
        ws.write_number(r, 3, goals.unwrap_or(0) as f64)?;
        for (c, value, mean) in [
            (4u16, h.plan_target, h.top_is_mean),
            (5, h.leaf_rollup, h.leaf_is_mean),
            (6, h.gap, false),
        ] {
            if let Some(v) = value {
                // A mean is marked ≈ by a format that keeps the cell a number.
                let code = Styles::headline_code(v, h.is_percent, mean);
                widths.number(u32::from(c), v, &code, 1.0);
                ws.write_number_with_format(r, c, v, &Format::new().set_num_format(code))?;
            }
        }
        r += 1;
    }
    r += 1;

    // What the copy does not carry.
    ws.write_string_with_format(
        r,
        0,
        lang.pick("Not carried over from the original", "未从原文件带入的内容"),
        &bold,
    )?;
    r += 1;
    let missing = not_carried(ctx);
    if missing.is_empty() {
        ws.write_string(
            r,
            0,
            lang.pick(
                "Nothing: the original has no charts, images, comments, pivot tables, data validation, conditional formatting, macros or cell styling that this copy leaves out.",
                "无：原文件没有本副本会遗漏的图表、图片、批注、数据透视表、数据验证、条件格式、宏或单元格样式。",
            ),
        )?;
        r += 1;
    } else {
        for m in &missing {
            ws.write_string(r, 0, format!("• {m}"))?;
            r += 1;
        }
        ws.write_string_with_format(
            r,
            0,
            lang.pick(
                "This review copy leaves out what is listed above. Keep editing the original file; do not replace it with this copy.",
                "本审阅副本未带入以上内容。请继续在原文件中修改，不要用本副本替换原文件。",
            ),
            &Styles::note(),
        )?;
        r += 1;
    }
    Ok(SummaryDraft {
        ws,
        next_row: r,
        widths,
    })
}

impl SummaryDraft {
    /// The Summary whole: the draft and what was changed to fit Excel as the sheets were
    /// written (`limits`, summed over every sheet).
    pub(crate) fn finish(self, ctx: &Ctx, limits: &Limits) -> Result<Worksheet, XlsxError> {
        let SummaryDraft {
            mut ws,
            next_row: mut r,
            widths,
        } = self;
        let lang = ctx.lang;
        let bold = Styles::bold();
        let cut = limits.cut_cells + limits.cut_notes + limits.cut_rows;
        if cut > 0 || limits.formulas_as_values > 0 || ctx.names.renamed > 0 {
            r += 1;
            ws.write_string_with_format(
                r,
                0,
                lang.pick("Changed to fit Excel", "为适应 Excel 所做的改动"),
                &bold,
            )?;
            r += 1;
            // (count, English noun phrase singular and plural, Chinese)
            let lines = [
                (
                    limits.cut_cells,
                    ("cell text", "cell texts"),
                    " cut to 32,767 characters",
                    "个单元格文本截断为 32,767 个字符",
                ),
                (
                    limits.cut_notes,
                    ("finding note", "finding notes"),
                    " cut to 32,713 characters (a note's limit)",
                    "条问题批注截断为 32,713 个字符（批注上限）",
                ),
                (
                    limits.cut_rows,
                    ("row or column", "rows or columns"),
                    " beyond Excel's grid left out",
                    "行/列超出 Excel 上限被省略",
                ),
                (
                    limits.formulas_as_values,
                    ("formula", "formulas"),
                    " referring to sheets or names not copied, written as their values",
                    "个引用未复制工作表或名称的公式改写为数值",
                ),
                (
                    ctx.names.renamed,
                    ("sheet name", "sheet names"),
                    " changed to meet Excel's rules",
                    "个工作表名称按 Excel 规则修改",
                ),
            ];
            for (n, (one, many), rest, zh) in lines {
                if n > 0 {
                    let text = match lang {
                        crate::model::Lang::En => {
                            format!("{}{rest}", crate::write::count(n, one, many))
                        }
                        crate::model::Lang::Zh => format!("{n} {zh}"),
                    };
                    ws.write_string(r, 0, text)?;
                    r += 1;
                }
            }
        }
        let _ = r;
        widths.apply(&mut ws)?;
        ws.set_column_width(0, 24)?;
        ws.set_column_width(1, 24)?;
        Ok(ws)
    }
}

fn limits_text(text: &str) -> String {
    let mut l = Limits::default();
    l.cell_text(text)
}
