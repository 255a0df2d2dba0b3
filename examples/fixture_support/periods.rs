//! Fixtures for periods: month columns instead of quarters, fiscal years, and long layouts
//! whose rows each carry one period's due date, baseline and actual. Written to
//! `fixtures/periods/` with their own README; `tests/periods.rs` asserts what each holds.

use std::fs;
use std::path::Path;

use anyhow::Result;

use super::{Cell, Sheet, d, delimited, n, pct, s, write_ods, write_xlsx};

/// A formula with its cached result (what Excel stores and a CSV export shows).
fn f(formula: String, v: f64) -> Cell {
    Cell::Formula(formula, v, "")
}

fn title(sheet: &mut Sheet, text: &str) {
    sheet.push(vec![s(text)]);
    sheet.push(vec![]);
}

/// Writes `name.xlsx` and `name.csv` (UTF-8) from one sheet.
fn both(dir: &Path, name: &str, sheet: &Sheet) -> Result<()> {
    write_xlsx(
        &dir.join(format!("{name}.xlsx")),
        std::slice::from_ref(sheet),
        false,
    )?;
    fs::write(dir.join(format!("{name}.csv")), delimited(sheet, b',')?)?;
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Kind 3: months instead of quarters
// ---------------------------------------------------------------------------------------------

/// One monthly-target goal: region, owner, metric, unit, annual target, heads, months
/// (January first).
struct MonthGoal {
    region: &'static str,
    owner: &'static str,
    metric: &'static str,
    unit: &'static str,
    annual: f64,
    heads: f64,
    months: [Option<f64>; 12],
    percent: bool,
}

fn all(v: [f64; 12]) -> [Option<f64>; 12] {
    v.map(Some)
}

fn month_goals(en: bool) -> Vec<MonthGoal> {
    let t = |zh: &'static str, e: &'static str| if en { e } else { zh };
    let mut feb_blank = all([
        40.0, 40.0, 45.0, 45.0, 50.0, 50.0, 50.0, 50.0, 55.0, 55.0, 60.0, 70.0,
    ]);
    if en {
        // A month left blank: the quarter adds the months given.
        feb_blank[1] = None;
    }
    vec![
        MonthGoal {
            region: t("华东大区", "East"),
            owner: t("周立", "Zhou Li"),
            metric: t("销售额", "Revenue"),
            unit: t("万元", "10k CNY"),
            annual: 1200.0,
            heads: 12.0,
            months: all([
                80.0, 85.0, 95.0, 95.0, 100.0, 105.0, 100.0, 100.0, 110.0, 100.0, 110.0, 120.0,
            ]),
            percent: false,
        },
        MonthGoal {
            region: t("华南大区", "South"),
            owner: t("吴倩", "Wu Qian"),
            metric: t("销售额", "Revenue"),
            unit: t("万元", "10k CNY"),
            annual: 900.0,
            heads: 10.0,
            months: all([
                60.0, 60.0, 70.0, 70.0, 75.0, 75.0, 75.0, 75.0, 80.0, 80.0, 85.0, 95.0,
            ]),
            percent: false,
        },
        MonthGoal {
            region: t("新媒体部", "Social"),
            owner: t("周立", "Zhou Li"),
            metric: t("粉丝数", "Followers"),
            unit: t("万人", "10k followers"),
            annual: 60.0,
            heads: 3.0,
            months: all([
                41.0, 42.0, 43.0, 45.0, 46.0, 47.0, 50.0, 52.0, 54.0, 56.0, 58.0, 60.0,
            ]),
            percent: false,
        },
        MonthGoal {
            region: t("会员中心", "CRM"),
            owner: t("吴倩", "Wu Qian"),
            metric: t("复购率", "Repurchase rate"),
            unit: "%",
            annual: 0.30,
            heads: 2.0,
            months: all([
                0.25, 0.26, 0.27, 0.28, 0.29, 0.30, 0.30, 0.31, 0.32, 0.33, 0.34, 0.35,
            ]),
            percent: true,
        },
        // Months summing to 610 (570 with February blank) against an annual 600: M005.
        MonthGoal {
            region: t("华北大区", "North"),
            owner: t("郑凯", "Zheng Kai"),
            metric: t("销售额", "Revenue"),
            unit: t("万元", "10k CNY"),
            annual: 600.0,
            heads: 8.0,
            months: feb_blank,
            percent: false,
        },
    ]
}

const ZH_MONTHS: [&str; 12] = [
    "1月", "2月", "3月", "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月",
];
const EN_MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// A Feishu-style monthly plan: title, unit column, 1月..12月 (or Jan..Dec) between
/// per-head and per-month formula columns and a monthly total and check after them.
fn months_sheet(en: bool) -> Sheet {
    let mut sh = Sheet::new(if en {
        "2026 targets"
    } else {
        "2026销售目标"
    });
    title(
        &mut sh,
        if en {
            "2026 monthly sales targets"
        } else {
            "2026 全年销售目标计划表"
        },
    );
    let mut head: Vec<&str> = if en {
        vec![
            "Region",
            "Owner",
            "Metric",
            "Unit",
            "Annual target",
            "Headcount",
            "Per head",
            "Monthly average",
        ]
    } else {
        vec![
            "部门",
            "负责人",
            "指标",
            "单位",
            "全年目标",
            "人数",
            "人均目标",
            "月均目标",
        ]
    };
    head.extend(if en { EN_MONTHS } else { ZH_MONTHS });
    head.extend(if en {
        ["Monthly total", "Check"]
    } else {
        ["月度合计", "分解校验"]
    });
    sh.header(&head);
    for g in month_goals(en) {
        let r = sh.rows.len() + 1;
        let cell = |v: f64| if g.percent { pct(v) } else { n(v) };
        let mut row = vec![
            s(g.region),
            s(g.owner),
            s(g.metric),
            s(g.unit),
            cell(g.annual),
            n(g.heads),
            f(format!("=E{r}/F{r}"), g.annual / g.heads),
            f(format!("=E{r}/12"), g.annual / 12.0),
        ];
        row.extend(g.months.iter().map(|m| m.map_or(Cell::Empty, &cell)));
        let total: f64 = g.months.iter().flatten().sum();
        row.push(f(format!("=SUM(I{r}:T{r})"), total));
        row.push(f(format!("=U{r}/E{r}"), total / g.annual));
        sh.push(row);
    }
    sh
}

/// Quarters and months side by side: G1 agrees, G2's Q2 (320) is not its months (300).
fn months_with_quarters_sheet() -> Sheet {
    let mut sh = Sheet::new("季度与月度");
    let mut head = vec![
        "编号",
        "目标",
        "指标",
        "单位",
        "全年目标",
        "一季度",
        "二季度",
        "三季度",
        "四季度",
        "负责人",
        "截止日期",
    ];
    head.extend(ZH_MONTHS);
    sh.header(&head);
    let months = [
        80.0, 85.0, 95.0, 95.0, 100.0, 105.0, 100.0, 100.0, 110.0, 100.0, 110.0, 120.0,
    ];
    for (id, goal, annual, q2) in [
        ("G1", "华东销售额达到1200万元", 1200.0, 300.0),
        ("G2", "华南销售额达到1220万元", 1220.0, 320.0),
    ] {
        let mut row = vec![
            s(id),
            s(goal),
            s("销售额"),
            s("万元"),
            n(annual),
            n(260.0),
            n(q2),
            n(310.0),
            n(330.0),
            s("周立"),
            d(2026, 12, 31),
        ];
        row.extend(months.iter().map(|v| n(*v)));
        sh.push(row);
    }
    sh
}

/// The shared Feishu case: blank column A, emoji title, update/creator row, 1月..12月,
/// formula columns and a 合计 row.
fn f01_sheet() -> Sheet {
    let mut sh = Sheet::new("2026销售目标");
    sh.push(vec![Cell::Empty, s("💰 2026 全年销售目标计划表")]);
    sh.push(vec![
        Cell::Empty,
        s("更新时间：2026/10/01"),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        s("创建人：@黄小明"),
    ]);
    sh.push(vec![]);
    let mut head = vec![
        "",
        "部门",
        "负责人",
        "指标",
        "全年目标(万元)",
        "人数",
        "人均目标",
        "月均目标",
    ];
    head.extend(ZH_MONTHS);
    head.extend(["月度合计", "分解校验"]);
    sh.header(&head);
    // The same regions and months as the shared case f01 (cases.rs reproduces it exactly).
    let goals = super::cases::F01_ROWS;
    for (dept, owner, annual, heads, months) in goals {
        let r = sh.rows.len() + 1;
        let mut row = vec![
            Cell::Empty,
            s(dept),
            s(owner),
            s("销售额"),
            n(annual),
            n(heads),
            f(format!("=E{r}/F{r}"), annual / heads),
            f(format!("=E{r}/12"), annual / 12.0),
        ];
        row.extend(months.iter().map(|v| n(*v)));
        let total: f64 = months.iter().sum();
        row.push(f(format!("=SUM(I{r}:T{r})"), total));
        row.push(f(format!("=U{r}/E{r}"), total / annual));
        sh.push(row);
    }
    let mut totals = vec![Cell::Empty, s("合计"), Cell::Empty, Cell::Empty];
    totals.push(f("=SUM(E5:E8)".into(), 4200.0));
    totals.push(f("=SUM(F5:F8)".into(), 36.0));
    totals.extend([Cell::Empty, Cell::Empty]);
    for (i, col) in ["I", "J", "K", "L", "M", "N", "O", "P", "Q", "R", "S", "T"]
        .iter()
        .enumerate()
    {
        let sum: f64 = goals.iter().map(|g| g.4[i]).sum();
        totals.push(f(format!("=SUM({col}5:{col}8)"), sum));
    }
    totals.push(f("=SUM(U5:U8)".into(), 4200.0));
    sh.push(totals);
    sh
}

// ---------------------------------------------------------------------------------------------
// Kind 4: fiscal years
// ---------------------------------------------------------------------------------------------

/// id, objective, metric, unit, baseline, target, quarters, owner, channel, due, budget.
type F08Row = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    [Option<f64>; 4],
    &'static str,
    &'static str,
    (i32, u32, u32),
    f64,
);

/// id, goal, metric, unit, baseline, target, quarters, owner, due cell.
type FiscalRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    [Option<f64>; 4],
    &'static str,
    Cell,
);

/// id, goal, metric, target, quarters, owner, due cell.
type JulyRow = (
    &'static str,
    &'static str,
    &'static str,
    f64,
    [f64; 4],
    &'static str,
    Cell,
);

/// The shared April–March case, as the team wrote it.
fn f08_sheet() -> Sheet {
    let mut sh = Sheet::new("FY26-27 Plan");
    title(
        &mut sh,
        "FY2026-27 Marketing Plan (1 Apr 2026 - 31 Mar 2027)",
    );
    sh.header(&[
        "Goal ID",
        "Objective",
        "Metric",
        "Unit",
        "Baseline",
        "Target",
        "Q1 (Apr-Jun)",
        "Q2 (Jul-Sep)",
        "Q3 (Oct-Dec)",
        "Q4 (Jan-Mar)",
        "Owner",
        "Channel",
        "Due Date",
        "Budget",
    ]);
    let o = |v: Option<f64>| v.map_or(Cell::Empty, n);
    let rows: [F08Row; 5] = [
        (
            "F1",
            "Grow D2C web revenue to £4.5M",
            "Revenue",
            "£",
            3600000.0,
            4500000.0,
            [
                Some(1000000.0),
                Some(1050000.0),
                Some(1300000.0),
                Some(1150000.0),
            ],
            "Aisha Patel",
            "D2C web",
            (2027, 3, 31),
            400000.0,
        ),
        (
            "F2",
            "Generate 18,000 B2B leads",
            "Leads",
            "leads",
            14000.0,
            18000.0,
            [Some(4000.0), Some(4500.0), Some(5000.0), Some(4500.0)],
            "Rohan Mehta",
            "LinkedIn",
            (2027, 3, 31),
            150000.0,
        ),
        (
            "F3",
            "Festive season marketplace revenue of £900K",
            "Revenue",
            "£",
            700000.0,
            900000.0,
            [None, Some(200000.0), Some(700000.0), None],
            "Aisha Patel",
            "Marketplace",
            (2026, 12, 31),
            120000.0,
        ),
        (
            "F4",
            "Reach 160,000 Instagram followers",
            "Followers",
            "followers",
            120000.0,
            160000.0,
            [
                Some(130000.0),
                Some(140000.0),
                Some(150000.0),
                Some(160000.0),
            ],
            "Kavya Iyer",
            "Instagram",
            (2027, 3, 31),
            60000.0,
        ),
        (
            "F5",
            "Summer sale: 3,000 leads from paid search",
            "Leads",
            "leads",
            2000.0,
            3000.0,
            [Some(3000.0), None, None, None],
            "Rohan Mehta",
            "Paid Search",
            (2026, 6, 30),
            30000.0,
        ),
    ];
    for (id, obj, metric, unit, base, target, qs, owner, channel, (y, m, dd), budget) in rows {
        let mut row = vec![s(id), s(obj), s(metric), s(unit), n(base), n(target)];
        row.extend(qs.iter().map(|q| o(*q)));
        row.extend([
            s(owner),
            s(channel),
            Cell::Date(y, m, dd, "dd/mm/yyyy"),
            n(budget),
        ]);
        sh.push(row);
    }
    sh
}

/// A Chinese April–March plan stated in its title, with due cells written as dates, text
/// dates and fiscal periods; Z6 (due after the fiscal year) and Z7 (Q3/Q4 after its
/// September due date) are the planted look-alikes that must still be found.
fn fiscal_zh_sheet() -> Sheet {
    let mut sh = Sheet::new("2026财年目标");
    title(&mut sh, "2026财年营销目标（2026年4月-2027年3月）");
    sh.header(&[
        "编号",
        "目标",
        "衡量指标",
        "单位",
        "基线",
        "全年目标",
        "一季度",
        "二季度",
        "三季度",
        "四季度",
        "负责人",
        "截止日期",
    ]);
    let o = |v: Option<f64>| v.map_or(Cell::Empty, n);
    let rows: [FiscalRow; 7] = [
        (
            "Z1",
            "全年销售额达到3600万元",
            "销售额",
            "万元",
            3000.0,
            3600.0,
            [Some(800.0), Some(900.0), Some(1000.0), Some(900.0)],
            "林涛",
            d(2027, 3, 31),
        ),
        (
            "Z2",
            "新增会员20000人",
            "新增会员",
            "人",
            15000.0,
            20000.0,
            [Some(4000.0), Some(5000.0), Some(5000.0), Some(6000.0)],
            "林涛",
            s("2027年3月31日"),
        ),
        (
            "Z3",
            "双十一大促销售额1000万元",
            "销售额",
            "万元",
            800.0,
            1000.0,
            [None, None, Some(1000.0), None],
            "何静",
            s("Q3"),
        ),
        (
            "Z4",
            "品牌粉丝数达到50万",
            "粉丝数",
            "万人",
            30.0,
            50.0,
            [Some(35.0), Some(40.0), Some(45.0), Some(50.0)],
            "何静",
            s("2026财年"),
        ),
        (
            "Z5",
            "春季活动获取线索3000条",
            "线索",
            "条",
            2000.0,
            3000.0,
            [Some(3000.0), None, None, None],
            "林涛",
            s("上半年"),
        ),
        (
            "Z6",
            "经销商销售额达到500万元",
            "销售额",
            "万元",
            400.0,
            500.0,
            [Some(100.0), Some(100.0), Some(150.0), Some(150.0)],
            "何静",
            d(2027, 6, 30),
        ),
        (
            "Z7",
            "校园推广新增会员4000人",
            "新增会员",
            "人",
            3000.0,
            4000.0,
            [Some(1000.0), Some(1000.0), Some(1000.0), Some(1000.0)],
            "林涛",
            d(2026, 9, 30),
        ),
    ];
    for (id, goal, metric, unit, base, target, qs, owner, due) in rows {
        let mut row = vec![s(id), s(goal), s(metric), s(unit), n(base), n(target)];
        row.extend(qs.iter().map(|q| o(*q)));
        row.extend([s(owner), due]);
        sh.push(row);
    }
    sh
}

/// A July–June year stated only by its quarter headers (`Q1 (Jul-Sep)` …), no title.
fn fiscal_july_sheet() -> Sheet {
    let mut sh = Sheet::new("Plan");
    sh.header(&[
        "ID",
        "Goal",
        "Metric",
        "Target",
        "Q1 (Jul-Sep)",
        "Q2 (Oct-Dec)",
        "Q3 (Jan-Mar)",
        "Q4 (Apr-Jun)",
        "Owner",
        "Due",
    ]);
    let rows: [JulyRow; 3] = [
        (
            "J1",
            "Grow revenue to $2M",
            "Revenue",
            2000000.0,
            [400000.0, 600000.0, 450000.0, 550000.0],
            "Maya Brooks",
            s("30/06/2027"),
        ),
        (
            "J2",
            "Holiday leads",
            "Leads",
            5000.0,
            [2000.0, 3000.0, 0.0, 0.0],
            "Omar Reyes",
            s("H1"),
        ),
        (
            "J3",
            "Spring webinar signups",
            "Signups",
            1200.0,
            [0.0, 0.0, 1200.0, 0.0],
            "Omar Reyes",
            s("Q3"),
        ),
    ];
    for (id, goal, metric, target, qs, owner, due) in rows {
        let mut row = vec![s(id), s(goal), s(metric), n(target)];
        row.extend(qs.iter().map(|q| n(*q)));
        row.extend([s(owner), due]);
        sh.push(row);
    }
    sh
}

/// Months from 4月 to 3月 (an April year stated by its month columns), no quarter columns.
fn fiscal_months_sheet() -> Sheet {
    let mut sh = Sheet::new("月度目标");
    let mut head = vec!["编号", "指标", "单位", "全年目标", "负责人", "截止日期"];
    head.extend([
        "4月", "5月", "6月", "7月", "8月", "9月", "10月", "11月", "12月", "1月", "2月", "3月",
    ]);
    sh.header(&head);
    let months = [
        100.0, 100.0, 100.0, 150.0, 150.0, 150.0, 200.0, 200.0, 200.0, 50.0, 50.0, 50.0,
    ];
    let mut row = vec![
        s("M1"),
        s("销售额"),
        s("万元"),
        n(1500.0),
        s("林涛"),
        d(2027, 3, 31),
    ];
    row.extend(months.iter().map(|v| n(*v)));
    sh.push(row);
    sh
}

// ---------------------------------------------------------------------------------------------
// Kind 10: long layouts carry per-period fields
// ---------------------------------------------------------------------------------------------

/// One row of a long layout: id, statement, metric, unit, period, baseline, target, actual,
/// owner, due (y, m, d).
type LongRow = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    Option<f64>,
    f64,
    Option<f64>,
    &'static str,
    (i32, u32, u32),
);

fn long_rows(en: bool) -> Vec<LongRow> {
    let t = |zh: &'static str, e: &'static str| if en { e } else { zh };
    let q = |i: usize| -> &'static str {
        if en {
            ["Q1", "Q2", "Q3", "Q4"][i]
        } else {
            ["一季度", "二季度", "三季度", "四季度"][i]
        }
    };
    let ends = [(2026, 3, 31), (2026, 6, 30), (2026, 9, 30), (2026, 12, 31)];
    let mut rows: Vec<LongRow> = Vec::new();
    // L1: leads, each quarter with its own baseline, actual and due date.
    let (lb, lt, la) = (
        [1000.0, 1200.0, 1100.0, 1300.0],
        [1500.0, 1800.0, 1700.0, 2000.0],
        [Some(1450.0), Some(1820.0), None, None],
    );
    for i in 0..4 {
        rows.push((
            "L1",
            t("获取销售线索7000条", "Generate 7,000 leads"),
            t("线索", "Leads"),
            t("条", "leads"),
            q(i),
            Some(lb[i]),
            lt[i],
            la[i],
            t("赵敏", "Dana Ward"),
            ends[i],
        ));
    }
    // L2: followers (a level), the year's baseline is the last quarter's.
    let (fb, ft) = (
        [50000.0, 52000.0, 54000.0, 56000.0],
        [60000.0, 65000.0, 70000.0, 80000.0],
    );
    for i in 0..4 {
        rows.push((
            "L2",
            t("粉丝数达到8万", "Reach 80,000 followers"),
            t("粉丝数", "Followers"),
            t("人", "followers"),
            q(i),
            Some(fb[i]),
            ft[i],
            None,
            t("赵敏", "Dana Ward"),
            ends[i],
        ));
    }
    // L3: revenue with an annual row and a row for a quarter that does not exist.
    let rev = t("销售额", "Revenue");
    let goal3 = t("线上销售额达到2000万元", "Online revenue of 20M");
    let owner3 = t("钱峰", "Sam Lee");
    rows.push((
        "L3",
        goal3,
        rev,
        t("万元", "10k CNY"),
        t("全年", "Annual"),
        None,
        2000.0,
        None,
        owner3,
        (2026, 12, 31),
    ));
    for (i, end) in ends.into_iter().enumerate() {
        rows.push((
            "L3",
            goal3,
            rev,
            t("万元", "10k CNY"),
            q(i),
            None,
            500.0,
            None,
            owner3,
            end,
        ));
    }
    rows.push((
        "L3",
        goal3,
        rev,
        t("万元", "10k CNY"),
        if en { "2026Q5" } else { "Q7" },
        None,
        999.0,
        None,
        owner3,
        (2026, 12, 31),
    ));
    // L4: a quarter written twice and a quarter zero.
    let goal4 = t("门店销售额达到600万元", "Store revenue of 6M");
    for (period, target) in [
        (q(0), 300.0),
        (q(1), 300.0),
        (q(1), 250.0),
        (if en { "Q0" } else { "2026Q0" }, 100.0),
    ] {
        rows.push((
            "L4",
            goal4,
            rev,
            t("万元", "10k CNY"),
            period,
            None,
            target,
            None,
            owner3,
            (2026, 6, 30),
        ));
    }
    rows
}

fn long_periods_sheet(en: bool) -> Sheet {
    let mut sh = Sheet::new(if en { "Quarterly KRs" } else { "季度KR" });
    if en {
        sh.header(&[
            "KR ID",
            "Key Result",
            "Metric",
            "Unit",
            "Quarter",
            "Baseline",
            "Target",
            "Actual",
            "Owner",
            "Due date",
        ]);
    } else {
        sh.header(&[
            "编号",
            "关键结果",
            "衡量指标",
            "单位",
            "季度",
            "基线",
            "目标值",
            "实际完成",
            "负责人",
            "截止日期",
        ]);
    }
    for (id, kr, metric, unit, period, base, target, actual, owner, (y, m, dd)) in long_rows(en) {
        sh.push(vec![
            s(id),
            s(kr),
            s(metric),
            s(unit),
            s(period),
            base.map_or(Cell::Empty, n),
            n(target),
            actual.map_or(Cell::Empty, n),
            s(owner),
            d(y, m, dd),
        ]);
    }
    sh
}

/// The shared OKR tracker: Start / Target / Current Value, derived Progress and Score, and
/// `Q2 2026` as each key result's period.
fn okr_quarter_sheet(en: bool) -> Sheet {
    let mut sh = Sheet::new(if en { "Q2 OKRs" } else { "二季度OKR" });
    if en {
        sh.header(&[
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
            "Quarter",
        ]);
    } else {
        sh.header(&[
            "目标",
            "关键结果",
            "指标",
            "单位",
            "负责人",
            "基线",
            "目标值",
            "实际完成",
            "进度",
            "评分",
            "季度",
        ]);
    }
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
    let krs: [Kr; 6] = if en {
        [
            (
                "Become the go-to brand for home baristas",
                "Grow organic sessions to 120,000 in Q2",
                "Organic sessions",
                "sessions",
                "Nadia Haddad",
                80000.0,
                120000.0,
                96000.0,
            ),
            (
                "",
                "Grow the email list to 30,000 subscribers",
                "Subscribers",
                "subscribers",
                "Nadia Haddad",
                18000.0,
                30000.0,
                22800.0,
            ),
            (
                "",
                "Publish 24 brew guides",
                "Guides published",
                "guides",
                "Ben Carter",
                0.0,
                24.0,
                9.0,
            ),
            (
                "Turn first-time buyers into regulars",
                "Raise 60-day repeat purchase rate from 18% to 25%",
                "Repeat purchase rate",
                "%",
                "Ben Carter",
                0.18,
                0.25,
                0.201,
            ),
            (
                "",
                "Reduce refund rate from 6% to 4%",
                "Refund rate",
                "%",
                "Ines Costa",
                0.06,
                0.04,
                0.052,
            ),
            (
                "",
                "Grow subscription revenue to $450K this quarter",
                "Revenue",
                "$",
                "Ines Costa",
                300000.0,
                450000.0,
                345000.0,
            ),
        ]
    } else {
        [
            (
                "成为家庭咖啡首选品牌",
                "二季度自然流量达到12万",
                "自然流量",
                "次",
                "马丽",
                80000.0,
                120000.0,
                96000.0,
            ),
            (
                "",
                "公众号粉丝达到3万",
                "粉丝数",
                "人",
                "马丽",
                18000.0,
                30000.0,
                22800.0,
            ),
            (
                "",
                "发布24篇冲煮指南",
                "指南篇数",
                "篇",
                "曹阳",
                0.0,
                24.0,
                9.0,
            ),
            (
                "让新客成为回头客",
                "60天复购率从18%提升到25%",
                "复购率",
                "%",
                "曹阳",
                0.18,
                0.25,
                0.201,
            ),
            (
                "",
                "退款率从6%降到4%",
                "退款率",
                "%",
                "宋佳",
                0.06,
                0.04,
                0.052,
            ),
            (
                "",
                "订阅收入达到45万元",
                "销售额",
                "元",
                "宋佳",
                300000.0,
                450000.0,
                345000.0,
            ),
        ]
    };
    for (i, (o, kr, metric, unit, owner, start, target, current)) in krs.into_iter().enumerate() {
        let r = i + 2;
        let progress = ((current - start) / (target - start)).clamp(0.0, 1.0);
        let percent = unit == "%";
        let v = |x: f64| if percent { pct(x) } else { n(x) };
        sh.push(vec![
            s(o),
            s(kr),
            s(metric),
            s(unit),
            s(owner),
            v(start),
            v(target),
            v(current),
            f(format!("=MIN(1,MAX(0,(H{r}-F{r})/(G{r}-F{r})))"), progress),
            f(format!("=ROUND(I{r},1)"), (progress * 10.0).round() / 10.0),
            s(if en { "Q2 2026" } else { "2026年第二季度" }),
        ]);
    }
    sh
}

const README: &str = "# Period fixtures\n\n\
Written by `cargo run --example make_fixtures` (examples/fixture_support/periods.rs); \
`tests/periods.rs` asserts what each file holds. Each `.csv` is its `.xlsx` twin as Excel \
exports it; `months_zh.ods`, `fiscal_zh.ods` and `long_periods_en.ods` are OpenDocument twins.\n\n\
| file | what it holds |\n\
|---|---|\n\
| `months_zh` | 1月..12月 monthly targets between formula columns (人均目标, 月均目标, 月度合计, 分解校验); a sum, a level (粉丝数) and a ratio (复购率) metric; 郑凯's months sum to 610 against 600 (M005) |\n\
| `months_en` | the same in English (`Jan`..`Dec`, `Monthly average`, `Monthly total`); North's February is blank (its months sum to 570) |\n\
| `months_quarters_zh` | quarters and months side by side: G2's 二季度 320 is not its months' 300 (M005 on that Q2 cell) |\n\
| `f01_feishu_monthly` | the Feishu monthly sheet of the shared cases (blank column A, emoji title, 合计 row) |\n\
| `f08_fiscal_april` | the April–March plan of the shared cases (`FY2026-27 … (1 Apr 2026 - 31 Mar 2027)`, `Q1 (Apr-Jun)` headers) |\n\
| `fiscal_zh` | 2026财年 stated in the title (2026年4月-2027年3月); due cells as dates, text, `Q3`, `上半年`, `2026财年`; Z6 due 2027-06-30 (T003) and Z7 due 2026-09-30 with Q3/Q4 targets (one T006 naming both) |\n\
| `fiscal_july` | a July–June year stated by its quarter headers only (`Q1 (Jul-Sep)`..`Q4 (Apr-Jun)`) |\n\
| `fiscal_months_zh` | 4月..3月 month columns (an April year), no quarter columns |\n\
| `long_periods_en`, `long_periods_zh` | one row per goal per quarter with per-quarter baseline, actual and due; an annual row; a `2026Q5` / `Q7` row, a repeated quarter and a `Q0` / `2026Q0` row (T007) |\n\
| `okr_quarter_en`, `okr_quarter_zh` | OKR trackers whose key results all carry `Q2 2026` / `2026年第二季度` |\n";

/// Write every period fixture into `fixtures/periods/`.
pub fn write_all(fixtures: &Path) -> Result<()> {
    let dir = fixtures.join("periods");
    fs::create_dir_all(&dir)?;
    both(&dir, "months_zh", &months_sheet(false))?;
    // OpenDocument twins of one plan per kind.
    write_ods(&dir.join("months_zh.ods"), &months_sheet(false))?;
    write_ods(&dir.join("fiscal_zh.ods"), &fiscal_zh_sheet())?;
    write_ods(&dir.join("long_periods_en.ods"), &long_periods_sheet(true))?;
    both(&dir, "months_en", &months_sheet(true))?;
    both(&dir, "months_quarters_zh", &months_with_quarters_sheet())?;
    both(&dir, "f01_feishu_monthly", &f01_sheet())?;
    both(&dir, "f08_fiscal_april", &f08_sheet())?;
    both(&dir, "fiscal_zh", &fiscal_zh_sheet())?;
    both(&dir, "fiscal_july", &fiscal_july_sheet())?;
    both(&dir, "fiscal_months_zh", &fiscal_months_sheet())?;
    both(&dir, "long_periods_en", &long_periods_sheet(true))?;
    both(&dir, "long_periods_zh", &long_periods_sheet(false))?;
    both(&dir, "okr_quarter_en", &okr_quarter_sheet(true))?;
    both(&dir, "okr_quarter_zh", &okr_quarter_sheet(false))?;
    fs::write(dir.join("README.md"), README)?;
    Ok(())
}
