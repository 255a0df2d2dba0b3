//! Fixtures for header cells that say more than the field name (issue kinds 1 and 2):
//! bilingual cells, compounds read by their head noun, units in brackets, OKR tracker words,
//! and quarter bands over `Target | Actual | Progress` sub-headers.
//!
//! Each sheet is written as .xlsx (with its merges) and as .csv (no merges: a blank band cell
//! continues the band to its left), into `fixtures/headers/`, with a README listing what each
//! file must read as. `tests/headers.rs` asserts those facts.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::Result;

use super::{Cell, Row, Sheet, d, delimited, n, pct, s, write_ods, write_xlsx};

/// One fixture: a file stem, the sheets, and what the README says about it.
struct Fixture {
    stem: &'static str,
    sheets: Vec<Sheet>,
    about: &'static str,
    /// Also written as CSV (the first sheet).
    csv: bool,
    /// Also written as ODS (the first sheet, with its merges).
    ods: bool,
}

fn header_row(sh: &mut Sheet, words: &[&str]) -> u32 {
    sh.header(words)
}

fn title(sh: &mut Sheet, text: &str) {
    sh.push(vec![s(text)]);
}

/// id, objective, baseline, target, quarters, owner, budget.
type NewlineRow = (
    &'static str,
    &'static str,
    f64,
    f64,
    [f64; 4],
    &'static str,
    f64,
);
/// id, objective, metric, unit, baseline, target, quarters, owner, channel.
type InlineRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    [f64; 4],
    &'static str,
    &'static str,
);
/// id, dimension, objective, metric, weight, baseline, target, quarters, owner, budget.
type ScoreRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    f64,
    [f64; 4],
    &'static str,
    f64,
);

fn due() -> Cell {
    d(2026, 12, 31)
}

/// Kind 1: two-line bilingual cells, a unit only in the target header, no unit column.
fn bilingual_newline() -> Sheet {
    let mut sh = Sheet::new("目标 Targets");
    title(&mut sh, "2026 销售目标 Sales Targets");
    title(&mut sh, "金额单位：万元 (amounts in 10k CNY)");
    header_row(
        &mut sh,
        &[
            "编号\nID",
            "目标\nObjective",
            "指标\nMetric",
            "基线\nBaseline",
            "全年目标\n(万元)",
            "一季度\nQ1",
            "二季度\nQ2",
            "三季度\nQ3",
            "四季度\nQ4",
            "负责人\nOwner",
            "截止日期\nDue Date",
            "预算（万元）\nBudget",
        ],
    );
    let rows: [NewlineRow; 3] = [
        (
            "G1",
            "华东区销售额达到3000万元",
            2500.0,
            3000.0,
            [650.0, 700.0, 800.0, 850.0],
            "Kevin Zhang 张凯",
            180.0,
        ),
        (
            "G2",
            "线上销售额达到1200万元",
            900.0,
            1200.0,
            [250.0, 300.0, 300.0, 350.0],
            "王璐",
            90.0,
        ),
        (
            "G3",
            "海外销售额达到600万元",
            400.0,
            600.0,
            [100.0, 150.0, 150.0, 200.0],
            "Kevin Zhang 张凯",
            60.0,
        ),
    ];
    for (id, obj, base, target, q, owner, budget) in rows {
        let mut r: Row = vec![s(id), s(obj), s("销售额"), n(base), n(target)];
        r.extend(q.map(n));
        r.extend([s(owner), due(), n(budget)]);
        sh.push(r);
    }
    sh
}

/// Kind 1: both languages on one line, joined by `/`, `|`, a space or nothing.
fn bilingual_inline() -> Sheet {
    let mut sh = Sheet::new("Plan");
    header_row(
        &mut sh,
        &[
            "编号/ID",
            "Objective | 目标",
            "Metric 指标",
            "Unit 单位",
            "Baseline 基线",
            "Target 目标值",
            "Q1 一季度",
            "Q2 二季度目标",
            "三季度目标值 Q3",
            "Q4 Target 四季度目标",
            "Owner 负责人",
            "Channel/渠道",
            "Due 截止日期",
        ],
    );
    let rows: [InlineRow; 3] = [
        (
            "K1",
            "Grow online revenue to 2,000k",
            "Revenue",
            "$k",
            1500.0,
            2000.0,
            [400.0, 500.0, 500.0, 600.0],
            "Ann Lee",
            "Online",
        ),
        (
            "K2",
            "Reach 8,000 event leads",
            "Leads",
            "leads",
            6000.0,
            8000.0,
            [1800.0, 2000.0, 2000.0, 2200.0],
            "Bo Chen",
            "Events",
        ),
        (
            "K3",
            "Grow partner revenue to 800k",
            "Revenue",
            "$k",
            500.0,
            800.0,
            [150.0, 200.0, 200.0, 250.0],
            "Bo Chen",
            "Partners",
        ),
    ];
    for (id, obj, metric, unit, base, target, q, owner, channel) in rows {
        let mut r: Row = vec![s(id), s(obj), s(metric), s(unit), n(base), n(target)];
        r.extend(q.map(n));
        r.extend([s(owner), s(channel), due()]);
        sh.push(r);
    }
    sh
}

/// Kind 1: Chinese compounds (目标负责人, 一季度目标值, 费用预算, 指标名称, 考核维度) and a
/// 权重 column, with a totals row of the weights and budgets.
fn compounds_zh() -> Sheet {
    let mut sh = Sheet::new("KPI考核表");
    title(&mut sh, "2026年度市场部KPI考核表");
    header_row(
        &mut sh,
        &[
            "目标编号",
            "考核维度",
            "目标描述",
            "指标名称",
            "权重",
            "基准值",
            "年度目标值（万元）",
            "一季度目标值",
            "二季度目标值",
            "三季度目标值",
            "四季度目标值",
            "目标负责人",
            "费用预算(万元)",
            "完成时间",
        ],
    );
    let rows: [ScoreRow; 3] = [
        (
            "1",
            "业务增长",
            "线上销售额达到1800万元",
            "线上销售额",
            0.3,
            1500.0,
            1800.0,
            [400.0, 450.0, 450.0, 500.0],
            "罗敏",
            100.0,
        ),
        (
            "2",
            "业务增长",
            "渠道销售额达到1200万元",
            "渠道销售额",
            0.4,
            1000.0,
            1200.0,
            [250.0, 300.0, 300.0, 350.0],
            "韩冬",
            80.0,
        ),
        (
            "3",
            "品牌建设",
            "会员销售额达到600万元",
            "会员销售额",
            0.3,
            500.0,
            600.0,
            [150.0, 150.0, 150.0, 150.0],
            "罗敏",
            40.0,
        ),
    ];
    for (id, dim, obj, metric, weight, base, target, q, owner, budget) in rows {
        let mut r: Row = vec![
            s(id),
            s(dim),
            s(obj),
            s(metric),
            pct(weight),
            n(base),
            n(target),
        ];
        r.extend(q.map(n));
        r.extend([s(owner), n(budget), due()]);
        sh.push(r);
    }
    let mut total: Row = vec![s("合计"), s(""), s(""), s(""), pct(1.0)];
    total.resize(12, Cell::Empty);
    total.push(n(220.0));
    sh.push(total);
    sh
}

/// Kind 1: English compounds (Goal category, Metric name, Q1 Target Value, KR owner,
/// Marketing budget ($k)), a year in brackets and a `($k)` unit on the target.
fn compounds_en() -> Sheet {
    let mut sh = Sheet::new("Scorecard");
    header_row(
        &mut sh,
        &[
            "Goal ID",
            "Goal category",
            "Objective",
            "Metric name",
            "Weight",
            "Baseline (2025)",
            "FY2026 Target ($k)",
            "Q1 Target Value",
            "Q2 Target Value",
            "Q3 Target Value",
            "Q4 Target Value",
            "KR owner",
            "Marketing budget ($k)",
            "Due date",
        ],
    );
    let rows: [ScoreRow; 3] = [
        (
            "E1",
            "business growth",
            "Grow direct revenue to 2,400k",
            "Direct revenue",
            0.4,
            2000.0,
            2400.0,
            [500.0, 600.0, 600.0, 700.0],
            "Ann Lee",
            120.0,
        ),
        (
            "E2",
            "business growth",
            "Grow partner revenue to 1,000k",
            "Partner revenue",
            0.3,
            800.0,
            1000.0,
            [200.0, 250.0, 250.0, 300.0],
            "Bo Chen",
            60.0,
        ),
        (
            "E3",
            "brand",
            "Grow event revenue to 400k",
            "Event revenue",
            0.3,
            300.0,
            400.0,
            [100.0, 100.0, 100.0, 100.0],
            "Ann Lee",
            30.0,
        ),
    ];
    for (id, dim, obj, metric, weight, base, target, q, owner, budget) in rows {
        let mut r: Row = vec![
            s(id),
            s(dim),
            s(obj),
            s(metric),
            pct(weight),
            n(base),
            n(target),
        ];
        r.extend(q.map(n));
        r.extend([s(owner), n(budget), due()]);
        sh.push(r);
    }
    sh
}

/// One OKR key result: objective (blank = the one above), KR, metric, unit, owner, start,
/// target, current; percentages as fractions.
type Kr = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    f64,
);

fn okr_sheet(name: &str, head: &[&str], krs: &[Kr]) -> Sheet {
    let mut sh = Sheet::new(name);
    header_row(&mut sh, head);
    for (i, (obj, kr, metric, unit, owner, start, target, current)) in krs.iter().enumerate() {
        let row = i + 2;
        let num = |v: f64| if *unit == "%" { pct(v) } else { n(v) };
        let progress = ((current - start) / (target - start)).clamp(0.0, 1.0);
        sh.push(vec![
            s(obj),
            s(kr),
            s(metric),
            s(unit),
            s(owner),
            num(*start),
            num(*target),
            num(*current),
            Cell::Formula(
                format!("=MIN(1,MAX(0,(H{row}-F{row})/(G{row}-F{row})))"),
                progress,
                "0%",
            ),
            Cell::Formula(
                format!("=ROUND(I{row},1)"),
                (progress * 10.0).round() / 10.0,
                "",
            ),
            d(2026, 6, 30),
        ]);
    }
    // The objective spans its key results.
    let mut first = 1u32;
    for (i, kr) in krs.iter().enumerate().skip(1) {
        if !kr.0.is_empty() {
            if i as u32 > first {
                sh.merges.push((first, 0, i as u32, 0));
            }
            first = i as u32 + 1;
        }
    }
    if (krs.len() as u32) > first {
        sh.merges.push((first, 0, krs.len() as u32, 0));
    }
    sh
}

fn okr_en() -> Sheet {
    okr_sheet(
        "Q2 OKRs",
        &[
            "Objective",
            "Key Result",
            "Metric",
            "Unit",
            "Owner",
            "Start Value",
            "Target Value",
            "Current Value",
            "Progress",
            "Score",
            "Due",
        ],
        &[
            (
                "Become the go-to brand for home baristas",
                "Grow organic sessions to 120,000",
                "Organic sessions",
                "sessions",
                "Nadia Haddad",
                80000.0,
                120000.0,
                96000.0,
            ),
            (
                "",
                "Grow newsletter signups to 9,000",
                "Newsletter signups",
                "signups",
                "Nadia Haddad",
                6000.0,
                9000.0,
                7000.0,
            ),
            (
                "Turn first-time buyers into regulars",
                "Raise repeat purchase rate from 18% to 25%",
                "Repeat purchase rate",
                "%",
                "Ben Carter",
                0.18,
                0.25,
                0.2,
            ),
            (
                "",
                "Grow subscription revenue to $450K",
                "Subscription revenue",
                "$",
                "Ines Costa",
                300000.0,
                450000.0,
                345000.0,
            ),
        ],
    )
}

fn okr_zh() -> Sheet {
    okr_sheet(
        "二季度OKR",
        &[
            "目标(O)",
            "关键结果(KR)",
            "指标",
            "单位",
            "负责人",
            "起始值",
            "目标值",
            "当前完成值",
            "完成率",
            "得分",
            "截止日期",
        ],
        &[
            (
                "成为咖啡爱好者首选品牌",
                "自然流量访问量达到12万",
                "自然流量访问量",
                "次",
                "周宁",
                80000.0,
                120000.0,
                96000.0,
            ),
            (
                "",
                "公众号关注新增9000人",
                "公众号新增关注",
                "人",
                "周宁",
                6000.0,
                9000.0,
                7000.0,
            ),
            (
                "让新客成为回头客",
                "复购率从18%提升到25%",
                "复购率",
                "%",
                "陈博",
                0.18,
                0.25,
                0.2,
            ),
            (
                "",
                "订阅收入达到45万元",
                "订阅收入",
                "元",
                "柯茵",
                300000.0,
                450000.0,
                345000.0,
            ),
        ],
    )
}

/// Kind 2: quarters in merged bands over `Target | Actual | Progress`-style sub-headers; an
/// annual target column elsewhere; a second target column and an unknown column that must be
/// reported (D004).
fn band_sheet(
    name: &str,
    title_text: &str,
    head: &[&str],
    bands: [&str; 4],
    subs: [[&str; 3]; 4],
    tail: [&str; 2],
    rows: &[BandRow],
) -> Sheet {
    let mut sh = Sheet::new(name);
    title(&mut sh, title_text);
    let mut upper: Row = head.iter().map(|h| s(h)).collect();
    let mut lower: Row = head.iter().map(|_| Cell::Empty).collect();
    for (band, sub) in bands.iter().zip(subs) {
        upper.extend([s(band), Cell::Empty, Cell::Empty]);
        lower.extend(sub.map(s));
    }
    upper.extend(tail.map(s));
    lower.extend([Cell::Empty, Cell::Empty]);
    let top = sh.push(upper);
    sh.push(lower);
    sh.bold_rows.extend([top, top + 1]);
    let fixed = head.len() as u16;
    for c in 0..fixed {
        sh.merges.push((top, c, top + 1, c));
    }
    for q in 0..4u16 {
        let c = fixed + 3 * q;
        sh.merges.push((top, c, top, c + 2));
    }
    for c in [fixed + 12, fixed + 13] {
        sh.merges.push((top, c, top + 1, c));
    }
    for (i, r) in rows.iter().enumerate() {
        let row = top + 3 + i as u32; // 1-based sheet row of this data row
        let mut cells: Row = vec![
            s(r.objective),
            s(r.metric),
            s(r.owner),
            s(r.unit),
            n(r.target),
        ];
        for q in 0..4 {
            let target_col = super::col_letter(fixed as usize + 3 * q);
            let actual_col = super::col_letter(fixed as usize + 3 * q + 1);
            cells.push(n(r.quarters[q]));
            match r.actual_q1.filter(|_| q == 0) {
                Some(a) => {
                    cells.push(n(a));
                    cells.push(Cell::Formula(
                        format!("={actual_col}{row}/{target_col}{row}"),
                        a / r.quarters[q],
                        "0%",
                    ));
                }
                None => cells.extend([Cell::Empty, Cell::Empty]),
            }
        }
        cells.extend([r.stretch.map_or(Cell::Empty, n), s(r.sign_off)]);
        sh.push(cells);
    }
    sh
}

struct BandRow {
    objective: &'static str,
    metric: &'static str,
    owner: &'static str,
    unit: &'static str,
    target: f64,
    quarters: [f64; 4],
    actual_q1: Option<f64>,
    stretch: Option<f64>,
    sign_off: &'static str,
}

fn band_en() -> Sheet {
    band_sheet(
        "KPI Tracker",
        "Quarterly KPI Monitoring 2026",
        &["Objective", "KPI", "Owner", "Unit", "Target"],
        ["Q1 2026", "Q2 2026", "Q3", "Quarter 4"],
        [
            ["Target", "Actual", "Progress"],
            ["Target", "Actual", "% complete"],
            ["Target Value", "Current Value", "Score"],
            ["Target", "Actual", "Attainment"],
        ],
        ["Stretch Target", "Sign-off"],
        &[
            BandRow {
                objective: "Grow direct revenue",
                metric: "Revenue",
                owner: "Dana Whitfield",
                unit: "$",
                target: 4_000_000.0,
                quarters: [900_000.0, 1_000_000.0, 1_000_000.0, 1_100_000.0],
                actual_q1: Some(870_000.0),
                stretch: Some(4_400_000.0),
                sign_off: "CFO",
            },
            BandRow {
                objective: "Fill the funnel",
                metric: "MQLs",
                owner: "Luis Ortega",
                unit: "leads",
                target: 7200.0,
                quarters: [1600.0, 1800.0, 1800.0, 2000.0],
                actual_q1: Some(1710.0),
                stretch: Some(8000.0),
                sign_off: "CMO",
            },
            BandRow {
                objective: "Keep customers happy",
                metric: "CSAT",
                owner: "Grace Okafor",
                unit: "points",
                target: 88.0,
                quarters: [84.0, 85.0, 87.0, 88.0],
                actual_q1: Some(83.0),
                stretch: None,
                sign_off: "",
            },
        ],
    )
}

fn band_zh() -> Sheet {
    band_sheet(
        "季度跟踪",
        "2026年季度KPI跟踪表",
        &["目标描述", "指标", "负责人", "单位", "全年目标"],
        ["2026年一季度", "二季度", "第三季度", "Q4"],
        [
            ["目标", "实际", "完成率"],
            ["目标值", "实际完成", "完成率"],
            ["目标", "实际值", "达成率"],
            ["目标", "实际", "得分"],
        ],
        ["协同负责人", "审批意见"],
        &[
            BandRow {
                objective: "线上销售额达到2400万元",
                metric: "销售额",
                owner: "罗敏",
                unit: "万元",
                target: 2400.0,
                quarters: [500.0, 550.0, 650.0, 700.0],
                actual_q1: Some(480.0),
                stretch: None,
                sign_off: "同意",
            },
            BandRow {
                objective: "新增经销商40家",
                metric: "新增经销商数",
                owner: "韩冬",
                unit: "家",
                target: 40.0,
                quarters: [8.0, 10.0, 10.0, 12.0],
                actual_q1: Some(9.0),
                stretch: None,
                sign_off: "",
            },
            BandRow {
                objective: "小红书粉丝数达到20万",
                metric: "粉丝数",
                owner: "潘悦",
                unit: "人",
                target: 200_000.0,
                quarters: [120_000.0, 150_000.0, 170_000.0, 200_000.0],
                actual_q1: Some(118_000.0),
                stretch: None,
                sign_off: "",
            },
        ],
    )
    .with_co_owner(&["韩冬", "", ""])
}

impl Sheet {
    /// Fill the 协同负责人 (co-owner) column of [`band_zh`]'s data rows, the column after
    /// the bands.
    fn with_co_owner(mut self, names: &[&str]) -> Sheet {
        for (row, name) in self.rows.iter_mut().skip(3).zip(names) {
            if let Some(cell) = row.get_mut(17) {
                *cell = s(name);
            }
        }
        self
    }
}

/// Budgets in different scales on the two sheets: 预算(万元) on the goals, 预算(元) on the
/// action plan. G1's actions (60 000 + 30 000 元 = 9 万元) fit its 10 万元; G2's (40 000 +
/// 20 000 元 = 6 万元) exceed its 5 万元.
fn budget_units_zh() -> Vec<Sheet> {
    let mut goals = Sheet::new("目标分解");
    header_row(
        &mut goals,
        &[
            "编号",
            "目标",
            "指标",
            "单位",
            "全年目标",
            "负责人",
            "截止日期",
            "预算(万元)",
        ],
    );
    goals.push(vec![
        s("G1"),
        s("官网线索达到5000条"),
        s("线索"),
        s("条"),
        n(5000.0),
        s("李娜"),
        due(),
        n(10.0),
    ]);
    goals.push(vec![
        s("G2"),
        s("展会线索达到2000条"),
        s("线索"),
        s("条"),
        n(2000.0),
        s("王强"),
        due(),
        n(5.0),
    ]);
    let mut actions = Sheet::new("执行计划");
    header_row(
        &mut actions,
        &[
            "编号",
            "所属目标",
            "做什么",
            "谁来做",
            "开始日期",
            "结束日期",
            "需要什么资源",
            "预算(元)",
        ],
    );
    for (id, goal, what, who, amount) in [
        ("A1", "G1", "官网改版", "李娜", 60000.0),
        ("A2", "G1", "搜索投放", "李娜", 30000.0),
        ("A3", "G2", "春季展会", "王强", 40000.0),
        ("A4", "G2", "秋季展会", "王强", 20000.0),
    ] {
        actions.push(vec![
            s(id),
            s(goal),
            s(what),
            s(who),
            d(2026, 3, 1),
            d(2026, 11, 30),
            s("设计、媒介"),
            n(amount),
        ]);
    }
    vec![goals, actions]
}

fn fixtures() -> Vec<Fixture> {
    vec![
        Fixture {
            stem: "bilingual_newline",
            sheets: vec![bilingual_newline()],
            csv: true,
            ods: true,
            about: "Two-line bilingual header cells (`负责人\\nOwner`), the unit only in `全年目标\\n(万元)`, no unit column. Header row 3; columns id A, objective B, metric C, baseline D, target E (万元), q1–q4 F–I, owner J, due K, budget L (万元). Every goal's unit is 万元 (no M004); rollup 销售额: Kevin Zhang 张凯 750/850/950/1050 = 3600, 王璐 250/300/300/350 = 1200.",
        },
        Fixture {
            stem: "bilingual_inline",
            sheets: vec![bilingual_inline()],
            csv: true,
            ods: false,
            about: "Both languages on one line: `编号/ID`, `Objective | 目标`, `Owner 负责人`, `Q1 一季度`, `三季度目标值 Q3`, `Q4 Target 四季度目标`. Columns id A … due M, no D004. Rollup Revenue ($k): Ann Lee 400/500/500/600 = 2000, Bo Chen 150/200/200/250 = 800; Leads: Bo Chen 1800/2000/2000/2200 = 8000.",
        },
        Fixture {
            stem: "compounds_zh",
            sheets: vec![compounds_zh()],
            csv: true,
            ods: true,
            about: "Compounds read by their head noun: 目标编号, 考核维度, 指标名称, 年度目标值（万元）, 一季度目标值, 目标负责人, 费用预算(万元), 完成时间; 权重 (E) is a weight, never a target or baseline. Header row 2; totals row 6 (合计: weights 100%, budget 220). Units 万元 from the header (no M004, no M006).",
        },
        Fixture {
            stem: "compounds_en",
            sheets: vec![compounds_en()],
            csv: true,
            ods: false,
            about: "English compounds: Goal category, Metric name, Baseline (2025), FY2026 Target ($k), Q1 Target Value, KR owner, Marketing budget ($k); Weight (E) is a weight. Every goal's unit is $k (no M004). Rollup Direct revenue: Ann Lee 500/600/600/700 = 2400.",
        },
        Fixture {
            stem: "okr_en",
            sheets: vec![okr_en()],
            csv: true,
            ods: false,
            about: "OKR tracker: Start Value = baseline (F), Target Value = target (G), Current Value = actual (H, never the baseline), Progress (I) and Score (J) derived formulas. Four key results under two objectives (merged in the xlsx, blank in the csv); no M002/M007.",
        },
        Fixture {
            stem: "okr_zh",
            sheets: vec![okr_zh()],
            csv: true,
            ods: false,
            about: "The Chinese OKR tracker: 起始值 = baseline, 目标值 = target, 当前完成值 = actual, 完成率 and 得分 derived.",
        },
        Fixture {
            stem: "band_en",
            sheets: vec![band_en()],
            csv: true,
            ods: true,
            about: "Quarter bands (`Q1 2026`, `Q2 2026`, `Q3`, `Quarter 4`, merged over three columns in the xlsx) over Target | Actual | Progress-style sub-headers; header rows 2–3; annual Target in E; q1 F, actual_q1 G, q2 I, q3 L, q4 O; progress columns H K N Q derived; `Stretch Target` (R, a second target) and `Sign-off` (S) are reported by D004. No M002/M005. Rollup Revenue: Dana Whitfield 900000/1000000/1000000/1100000 = 4000000.",
        },
        Fixture {
            stem: "band_zh",
            sheets: vec![band_zh()],
            csv: true,
            ods: true,
            about: "The same in Chinese: bands 2026年一季度 / 二季度 / 第三季度 / Q4 over 目标 | 实际 | 完成率; annual 全年目标 in E; `协同负责人` (R, a second owner) and `审批意见` (S) reported by D004. Rollup 销售额: 罗敏 500/550/650/700 = 2400.",
        },
        Fixture {
            stem: "budget_units_zh",
            sheets: budget_units_zh(),
            csv: false,
            ods: false,
            about: "Goal budgets in 预算(万元), action budgets in 预算(元): the action amounts are brought to 万元 before the budget check, so only G2 (6 万元 of actions over 5 万元) gets B001.",
        },
    ]
}

/// Write every header fixture into `dir` (`fixtures/headers/`) and its README.
pub fn write_all(dir: &Path) -> Result<()> {
    fs::create_dir_all(dir)?;
    let mut readme = String::from(
        "# Header fixtures\n\nWritten by `cargo run --example make_fixtures` \
(examples/fixture_support/headers.rs). Each sheet as .xlsx (with merges) and, where listed, \
.csv (no merges) and .ods. Checked by tests/headers.rs.\n\n| file | what it must read as |\n|---|---|\n",
    );
    for f in fixtures() {
        write_xlsx(&dir.join(format!("{}.xlsx", f.stem)), &f.sheets, false)?;
        let mut files = format!("`{}.xlsx`", f.stem);
        if f.csv
            && let Some(first) = f.sheets.first()
        {
            fs::write(dir.join(format!("{}.csv", f.stem)), delimited(first, b',')?)?;
            let _ = write!(files, " `{}.csv`", f.stem);
        }
        if f.ods
            && let Some(first) = f.sheets.first()
        {
            write_ods(&dir.join(format!("{}.ods", f.stem)), first)?;
            let _ = write!(files, " `{}.ods`", f.stem);
        }
        let _ = writeln!(readme, "| {files} | {} |", f.about);
    }
    fs::write(dir.join("README.md"), readme)?;
    Ok(())
}
