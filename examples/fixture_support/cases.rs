//! The six field cases (`fixtures/cases/`): sheets teams really make (a Feishu monthly plan, a
//! KPI tracker with quarter bands, an OKR tracker, a KPI 考核表 with weights, a fiscal-year
//! plan, bilingual two-line headers), reproduced cell for cell — values, number formats,
//! formulas with their stored results, merged ranges, bold/wrapped/centred/filled header
//! cells, column widths — plus each one's "Save as CSV (UTF-8)" export.
//!
//! `fixtures/cases/expected.json` holds the facts worked out by hand for each case; it is not
//! generated (tests/field_cases.rs asserts it on these files).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use anyhow::Result;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, Formula, Workbook,
};

use super::{Cell, Merge, general, group_thousands, n, s, write_utf8_bom};

/// How a cell is drawn (the reader ignores it; it makes the fixture look like the original).
#[derive(Clone, Copy, Default)]
struct Look {
    bold: bool,
    wrap: bool,
    center: bool,
    /// Solid background fill, 0xRRGGBB.
    fill: Option<u32>,
}

const BOLD: Look = Look {
    bold: true,
    wrap: false,
    center: false,
    fill: None,
};

/// Bold, centred header cells on a fill.
fn header_look(fill: u32) -> Look {
    Look {
        bold: true,
        wrap: false,
        center: true,
        fill: Some(fill),
    }
}

/// One field case: a one-sheet workbook and what fixtures/README.md says about it.
struct Case {
    /// File stem: `<stem>.xlsx` and `<stem>.csv`.
    stem: &'static str,
    sheet: &'static str,
    /// Row 0 is Excel row 1, column 0 is column A.
    rows: Vec<Vec<Cell>>,
    merges: Vec<Merge>,
    /// Drawn regions (0-based, inclusive); a later region wins over an earlier one.
    looks: Vec<(Merge, Look)>,
    /// Column widths in characters (as rust_xlsxwriter takes them).
    widths: Vec<(u16, f64)>,
    /// One README paragraph: layout and what the case tests.
    doc: &'static str,
}

impl Case {
    fn look_at(&self, r: u32, c: u16) -> Option<Look> {
        self.looks
            .iter()
            .rev()
            .find(|((r1, c1, r2, c2), _)| (*r1..=*r2).contains(&r) && (*c1..=*c2).contains(&c))
            .map(|(_, look)| *look)
    }
}

fn num(v: f64, fmt: &'static str) -> Cell {
    Cell::Num(v, fmt)
}

fn date(y: i32, m: u32, day: u32, fmt: &'static str) -> Cell {
    Cell::Date(y, m, day, fmt)
}

fn formula(text: String, value: f64, fmt: &'static str) -> Cell {
    Cell::Formula(text, value, fmt)
}

/// A row of `width` empty cells with `cells` placed from column `from` on.
fn row_at(from: usize, cells: Vec<Cell>) -> Vec<Cell> {
    let mut row = vec![Cell::Empty; from];
    row.extend(cells);
    row
}

/// Place `cell` in column `col` of `row`, growing it as needed.
fn put(row: &mut Vec<Cell>, col: usize, cell: Cell) {
    if row.len() <= col {
        row.resize(col + 1, Cell::Empty);
    }
    row[col] = cell;
}

fn letter(c: usize) -> String {
    super::col_letter(c)
}

// ---------------------------------------------------------------------------------------------
// f01: Feishu monthly sales plan
// ---------------------------------------------------------------------------------------------

/// (department, owner, annual target 万元, head count, twelve monthly targets)
pub(super) const F01_ROWS: [(&str, &str, f64, f64, [f64; 12]); 4] = [
    (
        "华东大区",
        "周立",
        1200.0,
        12.0,
        [
            80.0, 85.0, 95.0, 95.0, 100.0, 105.0, 100.0, 100.0, 110.0, 100.0, 110.0, 120.0,
        ],
    ),
    (
        "华南大区",
        "吴倩",
        900.0,
        10.0,
        [
            60.0, 60.0, 70.0, 70.0, 75.0, 75.0, 75.0, 75.0, 80.0, 80.0, 85.0, 95.0,
        ],
    ),
    (
        "华北大区",
        "郑凯",
        600.0,
        8.0,
        [
            40.0, 40.0, 45.0, 45.0, 50.0, 50.0, 50.0, 50.0, 55.0, 55.0, 60.0, 60.0,
        ],
    ),
    (
        "线上电商部",
        "周立",
        1500.0,
        6.0,
        [
            100.0, 90.0, 110.0, 120.0, 150.0, 130.0, 110.0, 120.0, 130.0, 120.0, 180.0, 140.0,
        ],
    ),
];

/// Blank column A, emoji title merged B1:V1, an update/creator line, header in row 4 with
/// per-head and per-month formula columns, 1月..12月, a month total and a check ratio, and a
/// 合计 row of SUM formulas.
fn f01() -> Case {
    let mut rows = vec![
        row_at(1, vec![s("💰 2026 全年销售目标计划表")]),
        row_at(
            1,
            vec![
                s("更新时间：2026/10/01"),
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                Cell::Empty,
                s("创建人：@黄小明"),
            ],
        ),
        Vec::new(),
    ];
    let mut head = vec![
        "部门",
        "负责人",
        "指标",
        "全年目标(万元)",
        "人数",
        "人均目标",
        "月均目标",
    ]
    .into_iter()
    .map(s)
    .collect::<Vec<_>>();
    let months: Vec<String> = (1..=12).map(|m| format!("{m}月")).collect();
    head.extend(months.iter().map(|m| s(m)));
    head.push(s("月度合计"));
    head.push(s("分解校验"));
    rows.push(row_at(1, head));
    for (i, (dept, owner, target, heads, monthly)) in F01_ROWS.iter().enumerate() {
        let r = i + 5; // Excel row
        let month_sum: f64 = monthly.iter().sum();
        let mut row = row_at(
            1,
            vec![
                s(dept),
                s(owner),
                s("销售额"),
                n(*target),
                n(*heads),
                formula(format!("=E{r}/F{r}"), target / heads, "0.0"),
                formula(format!("=E{r}/12"), target / 12.0, "0.0"),
            ],
        );
        row.extend(monthly.iter().map(|v| n(*v)));
        row.push(formula(format!("=SUM(I{r}:T{r})"), month_sum, ""));
        row.push(formula(format!("=U{r}/E{r}"), month_sum / target, "0.0%"));
        rows.push(row);
    }
    // Row 9: 合计 over E, F and I..U (not G, H, V).
    let mut totals = row_at(1, vec![s("合计")]);
    let first = 4; // 0-based row of the first goal
    for col in [4usize, 5].into_iter().chain(8..=20) {
        let sum: f64 = rows[first..first + F01_ROWS.len()]
            .iter()
            .map(|row| row.get(col).map_or(0.0, super::number_of))
            .sum();
        let l = letter(col);
        put(
            &mut totals,
            col,
            formula(format!("=SUM({l}5:{l}8)"), sum, ""),
        );
    }
    rows.push(totals);
    Case {
        stem: "f01_feishu_monthly",
        sheet: "2026销售目标",
        rows,
        merges: vec![(0, 1, 0, 21)],
        looks: vec![
            ((0, 1, 0, 21), BOLD),
            ((3, 1, 3, 21), header_look(0xE8F3FF)),
        ],
        widths: vec![(0, 2.0)],
        doc: "Feishu/Lark monthly sales plan. Column A blank (narrow); B1:V1 merged emoji title \
`💰 2026 全年销售目标计划表`; row 2 `更新时间：2026/10/01` (B2) and `创建人：@黄小明` (G2); row 3 blank; \
header row 4: B 部门 · C 负责人 · D 指标 · E 全年目标(万元) · F 人数 · G 人均目标 (`=E/F`, `0.0`) · \
H 月均目标 (`=E/12`) · I..T 1月..12月 · U 月度合计 (`=SUM(I:T)`) · V 分解校验 (`=U/E`, `0.0%`). Rows 5–8: \
4 goals of 销售额 (owners 周立 ×2, 吴倩, 郑凯; year totals 1200, 900, 600, 1500). Row 9: `合计` with \
SUM formulas in E, F and I..U (E9 = 4200). Every formula carries its stored result.",
    }
}

// ---------------------------------------------------------------------------------------------
// f04: KPI tracker with quarter bands
// ---------------------------------------------------------------------------------------------

/// (objective, KPI, owner, unit, number format, baseline, target, [(Q target, Q1 actual)])
struct F04Kpi {
    objective: &'static str,
    kpi: &'static str,
    owner: &'static str,
    unit: &'static str,
    fmt: &'static str,
    baseline: f64,
    target: f64,
    quarters: [f64; 4],
    actual_q1: f64,
}

const F04_KPIS: [F04Kpi; 5] = [
    F04Kpi {
        objective: "Grow direct revenue",
        kpi: "Revenue",
        owner: "Dana Whitfield",
        unit: "$",
        fmt: "$#,##0",
        baseline: 3_100_000.0,
        target: 4_000_000.0,
        quarters: [900_000.0, 1_000_000.0, 1_000_000.0, 1_100_000.0],
        actual_q1: 870_000.0,
    },
    F04Kpi {
        objective: "Fill the funnel",
        kpi: "MQLs",
        owner: "Luis Ortega",
        unit: "leads",
        fmt: "",
        baseline: 5200.0,
        target: 7200.0,
        quarters: [1600.0, 1800.0, 1800.0, 2000.0],
        actual_q1: 1710.0,
    },
    F04Kpi {
        objective: "Convert more visitors",
        kpi: "Website conversion rate",
        owner: "Dana Whitfield",
        unit: "%",
        fmt: "0.0%",
        baseline: 0.021,
        target: 0.03,
        quarters: [0.024, 0.026, 0.028, 0.03],
        actual_q1: 0.023,
    },
    F04Kpi {
        objective: "Keep customers happy",
        kpi: "CSAT",
        owner: "Grace Okafor",
        unit: "points",
        fmt: "",
        baseline: 82.0,
        target: 88.0,
        quarters: [84.0, 85.0, 87.0, 88.0],
        actual_q1: 83.0,
    },
    F04Kpi {
        objective: "Grow the partner channel",
        kpi: "Partner revenue",
        owner: "Luis Ortega",
        unit: "$",
        fmt: "$#,##0",
        baseline: 500_000.0,
        target: 800_000.0,
        quarters: [150_000.0, 200_000.0, 200_000.0, 250_000.0],
        actual_q1: 140_000.0,
    },
];

/// Title merged A1:R1, a note in A2, a two-row header (rows 3–4): A..F and S merged down,
/// bands `Q1 2026`..`Q4 2026` merged over `Target | Actual | Progress`; only Q1 has actuals,
/// Progress is `=IF(G5=0,"",H5/G5)`.
fn f04() -> Case {
    let mut rows = vec![
        vec![s("Quarterly KPI Monitoring 2026")],
        vec![s(
            "Prepared on 2026-01-15 for the leadership team; reporting period Q1-Q4 2026",
        )],
    ];
    let mut band = [
        "Objective",
        "KPI",
        "Owner",
        "Unit",
        "Baseline (2025)",
        "Annual Target",
    ]
    .map(s)
    .to_vec();
    let mut sub = vec![Cell::Empty; 6];
    for q in 1..=4 {
        band.extend([s(&format!("Q{q} 2026")), Cell::Empty, Cell::Empty]);
        sub.extend(["Target", "Actual", "Progress"].map(s));
    }
    band.push(s("Due"));
    rows.push(band);
    rows.push(sub);
    for (i, k) in F04_KPIS.iter().enumerate() {
        let r = i + 5;
        let mut row = vec![
            s(k.objective),
            s(k.kpi),
            s(k.owner),
            s(k.unit),
            num(k.baseline, k.fmt),
            num(k.target, k.fmt),
        ];
        for (q, target) in k.quarters.iter().enumerate() {
            if q == 0 {
                row.extend([
                    num(*target, k.fmt),
                    num(k.actual_q1, k.fmt),
                    formula(
                        format!("=IF(G{r}=0,\"\",H{r}/G{r})"),
                        k.actual_q1 / target,
                        "0.0%",
                    ),
                ]);
            } else {
                row.extend([num(*target, k.fmt), Cell::Empty, Cell::Empty]);
            }
        }
        row.push(date(2026, 12, 31, "yyyy-mm-dd"));
        rows.push(row);
    }
    let mut merges: Vec<Merge> = vec![(0, 0, 0, 17)];
    merges.extend((0..6).map(|c| (2, c, 3, c)));
    merges.push((2, 18, 3, 18));
    merges.extend((0..4).map(|q| (2, 6 + 3 * q, 2, 8 + 3 * q)));
    Case {
        stem: "f04_kpi_quarter_bands",
        sheet: "KPI Tracker",
        rows,
        merges,
        looks: vec![
            ((0, 0, 0, 17), BOLD),
            ((2, 0, 3, 18), header_look(0xDDEBF7)),
        ],
        widths: Vec::new(),
        doc: "KPI tracker. A1:R1 merged title, A2 a note. Two-row header, rows 3–4: A Objective · \
B KPI · C Owner · D Unit · E Baseline (2025) · F Annual Target merged down (A3:A4..F3:F4), S Due \
merged down; bands `Q1 2026` G3:I3, `Q2 2026` J3:L3, `Q3 2026` M3:O3, `Q4 2026` P3:R3 over \
`Target | Actual | Progress` in row 4. Rows 5–9: 5 KPIs (Revenue, MQLs, Website conversion rate \
`0.0%`, CSAT, Partner revenue; money as `$#,##0`); only Q1 has an actual (H); Progress I = \
`=IF(G5=0,\"\",H5/G5)` with its result; the other Actual/Progress cells are empty; Due = date \
2026-12-31.",
    }
}

// ---------------------------------------------------------------------------------------------
// f05: OKR tracker
// ---------------------------------------------------------------------------------------------

/// (key result, metric, unit, owner, number format, start, target, current)
type F05Kr = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    f64,
);

const F05_OBJECTIVES: [(&str, [F05Kr; 3]); 2] = [
    (
        "Become the go-to brand for home baristas",
        [
            (
                "Grow organic sessions to 120,000 in Q2",
                "Organic sessions",
                "sessions",
                "Nadia Haddad",
                "",
                80000.0,
                120000.0,
                96000.0,
            ),
            (
                "Grow the email list to 30,000 subscribers",
                "Subscribers",
                "subscribers",
                "Nadia Haddad",
                "",
                18000.0,
                30000.0,
                22800.0,
            ),
            (
                "Publish 24 brew guides",
                "Guides published",
                "guides",
                "Ben Carter",
                "",
                0.0,
                24.0,
                9.0,
            ),
        ],
    ),
    (
        "Turn first-time buyers into regulars",
        [
            (
                "Raise 60-day repeat purchase rate from 18% to 25%",
                "Repeat purchase rate",
                "%",
                "Ben Carter",
                "0.0%",
                0.18,
                0.25,
                0.201,
            ),
            (
                "Reduce refund rate from 6% to 4%",
                "Refund rate",
                "%",
                "Ines Costa",
                "0.0%",
                0.06,
                0.04,
                0.052,
            ),
            (
                "Grow subscription revenue to $450K this quarter",
                "Revenue",
                "$",
                "Ines Costa",
                "",
                300000.0,
                450000.0,
                345000.0,
            ),
        ],
    ),
];

/// Header in row 1; each objective merged down over its three key results (A2:A4, A5:A7);
/// Progress `=MIN(1,MAX(0,(H-F)/(G-F)))` and Score `=ROUND(I,1)` with results; Quarter
/// `Q2 2026` as text.
fn f05() -> Case {
    let head = [
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
    ];
    let mut rows = vec![head.map(s).to_vec()];
    let mut merges = Vec::new();
    let mut looks = vec![(
        (0, 0, 0, 10),
        Look {
            fill: Some(0x4285F4),
            ..BOLD
        },
    )];
    for (objective, krs) in F05_OBJECTIVES {
        let first = rows.len() as u32;
        merges.push((first, 0, first + 2, 0));
        looks.push(((first, 0, first + 2, 0), Look { wrap: true, ..BOLD }));
        for (i, (kr, metric, unit, owner, fmt, start, target, current)) in
            krs.into_iter().enumerate()
        {
            let r = rows.len() + 1;
            // The tracker stores progress rounded to 4 places (0.3, not 0.30000000000000016).
            let progress = ((current - start) / (target - start)).clamp(0.0, 1.0);
            let progress = (progress * 1e4).round() / 1e4;
            let score = (progress * 10.0).round() / 10.0;
            rows.push(vec![
                if i == 0 { s(objective) } else { Cell::Empty },
                s(kr),
                s(metric),
                s(unit),
                s(owner),
                num(start, fmt),
                num(target, fmt),
                num(current, fmt),
                formula(
                    format!("=MIN(1,MAX(0,(H{r}-F{r})/(G{r}-F{r})))"),
                    progress,
                    "0%",
                ),
                formula(format!("=ROUND(I{r},1)"), score, "0.0"),
                s("Q2 2026"),
            ]);
        }
    }
    Case {
        stem: "f05_okr_start_current",
        sheet: "Q2 OKRs",
        rows,
        merges,
        looks,
        widths: Vec::new(),
        doc: "OKR tracker (Google Sheets style). Header row 1: A Objective · B Key Result · \
C Metric · D Unit · E Owner · F Start Value · G Target Value · H Current Value · I Progress \
(`=MIN(1,MAX(0,(H-F)/(G-F)))`, `0%`) · J Score (`=ROUND(I,1)`) · K Quarter. Objectives merged \
A2:A4 and A5:A7 (bold, wrapped). Rows 2–7: 6 key results, every Quarter `Q2 2026` (text); \
rates as `0.0%` fractions (repeat purchase 18%→25%, refund 6%→4%, a decreasing metric).",
    }
}

// ---------------------------------------------------------------------------------------------
// f07: KPI 考核表 with weights, several owners and dot dates
// ---------------------------------------------------------------------------------------------

struct F07Kpi {
    dimension: &'static str,
    description: &'static str,
    metric: &'static str,
    weight: f64,
    unit: &'static str,
    /// Number format of the baseline, target and quarters.
    fmt: &'static str,
    baseline: f64,
    target: f64,
    quarters: [f64; 4],
    owner: &'static str,
    due: &'static str,
    scoring: &'static str,
}

const F07_KPIS: [F07Kpi; 5] = [
    F07Kpi {
        dimension: "业务增长",
        description: "全年线上销售额达到2400万元",
        metric: "销售额",
        weight: 0.3,
        unit: "万元",
        fmt: "",
        baseline: 1800.0,
        target: 2400.0,
        quarters: [500.0, 550.0, 650.0, 700.0],
        owner: "罗敏、韩冬",
        due: "2026.12",
        scoring: "每低于目标5%扣2分",
    },
    F07Kpi {
        dimension: "业务增长",
        description: "新增经销商40家",
        metric: "新增经销商数",
        weight: 0.2,
        unit: "家",
        fmt: "",
        baseline: 25.0,
        target: 40.0,
        quarters: [8.0, 10.0, 10.0, 12.0],
        owner: "韩冬",
        due: "2026.12.31",
        scoring: "每少1家扣1分",
    },
    F07Kpi {
        dimension: "客户运营",
        description: "会员复购率达到32%",
        metric: "复购率",
        weight: 0.15,
        unit: "%",
        fmt: "0%",
        baseline: 0.27,
        target: 0.32,
        quarters: [0.28, 0.29, 0.31, 0.32],
        owner: "罗敏/潘悦",
        due: "2026.12",
        scoring: "达标得满分",
    },
    F07Kpi {
        dimension: "品牌建设",
        description: "小红书粉丝数达到20万",
        metric: "粉丝数",
        weight: 0.15,
        unit: "人",
        fmt: "",
        baseline: 90000.0,
        target: 200000.0,
        quarters: [120000.0, 150000.0, 170000.0, 200000.0],
        owner: "潘悦",
        due: "2026.12",
        scoring: "按比例得分",
    },
    F07Kpi {
        dimension: "营销效率",
        description: "获客成本控制在120元以内",
        metric: "获客成本",
        weight: 0.2,
        unit: "元",
        fmt: "",
        baseline: 150.0,
        target: 120.0,
        quarters: [140.0, 132.0, 126.0, 120.0],
        owner: "韩冬",
        due: "2026.12.31",
        scoring: "每超5元扣2分",
    },
];

/// Title merged A1:P1, a 考核周期 line, header in row 3 with 权重 (E) before the unit; ids
/// 1..5 as numbers; owners `罗敏、韩冬` and `罗敏/潘悦`; dues as text `2026.12` / `2026.12.31`;
/// 完成率 (O) empty; a 合计 row summing the weights.
fn f07() -> Case {
    let head = [
        "序号",
        "考核维度",
        "目标描述",
        "考核指标",
        "权重",
        "单位",
        "基准值",
        "目标值",
        "一季度",
        "二季度",
        "三季度",
        "四季度",
        "责任人",
        "完成时间",
        "完成率",
        "评分标准",
    ];
    let mut rows = vec![
        vec![s("2026年度市场部KPI考核表")],
        vec![s("被考核部门：市场部    考核周期：2026.01-2026.12")],
        head.map(s).to_vec(),
    ];
    for (i, k) in F07_KPIS.iter().enumerate() {
        let mut row = vec![
            n(i as f64 + 1.0),
            s(k.dimension),
            s(k.description),
            s(k.metric),
            num(k.weight, "0%"),
            s(k.unit),
            num(k.baseline, k.fmt),
            num(k.target, k.fmt),
        ];
        row.extend(k.quarters.iter().map(|q| num(*q, k.fmt)));
        row.extend([s(k.owner), s(k.due), Cell::Empty, s(k.scoring)]);
        rows.push(row);
    }
    let weights: f64 = F07_KPIS.iter().map(|k| k.weight).sum();
    let mut totals = vec![s("合计")];
    put(&mut totals, 4, formula("=SUM(E4:E8)".into(), weights, "0%"));
    rows.push(totals);
    Case {
        stem: "f07_kpi_weight_owners_dotdates",
        sheet: "KPI考核表",
        rows,
        merges: vec![(0, 0, 0, 15)],
        looks: vec![
            (
                (0, 0, 0, 15),
                Look {
                    center: true,
                    ..BOLD
                },
            ),
            ((2, 0, 2, 15), header_look(0xE2EFDA)),
        ],
        widths: Vec::new(),
        doc: "KPI 考核表. A1:P1 merged title, A2 `被考核部门：市场部    考核周期：2026.01-2026.12`. \
Header row 3: A 序号 · B 考核维度 · C 目标描述 · D 考核指标 · E 权重 (`0%`, a weight) · F 单位 · \
G 基准值 · H 目标值 · I..L 一季度..四季度 · M 责任人 · N 完成时间 · O 完成率 (empty) · P 评分标准. \
Rows 4–8: 5 KPIs with numeric ids 1..5; owners `罗敏、韩冬` (row 4) and `罗敏/潘悦` (row 6) name \
two people; 完成时间 is text `2026.12` or `2026.12.31`; 复购率 as `0%` fractions. Row 9 `合计` with \
E9 `=SUM(E4:E8)` = 100%.",
    }
}

// ---------------------------------------------------------------------------------------------
// f08: fiscal year April–March
// ---------------------------------------------------------------------------------------------

struct F08Goal {
    id: &'static str,
    objective: &'static str,
    metric: &'static str,
    unit: &'static str,
    fmt: &'static str,
    baseline: f64,
    target: f64,
    quarters: [Option<f64>; 4],
    owner: &'static str,
    channel: &'static str,
    due: (i32, u32, u32),
    budget: f64,
}

const F08_GOALS: [F08Goal; 5] = [
    F08Goal {
        id: "F1",
        objective: "Grow D2C web revenue to £4.5M",
        metric: "Revenue",
        unit: "£",
        fmt: "£#,##0",
        baseline: 3_600_000.0,
        target: 4_500_000.0,
        quarters: [
            Some(1_000_000.0),
            Some(1_050_000.0),
            Some(1_300_000.0),
            Some(1_150_000.0),
        ],
        owner: "Aisha Patel",
        channel: "D2C web",
        due: (2027, 3, 31),
        budget: 400_000.0,
    },
    F08Goal {
        id: "F2",
        objective: "Generate 18,000 B2B leads",
        metric: "Leads",
        unit: "leads",
        fmt: "",
        baseline: 14000.0,
        target: 18000.0,
        quarters: [Some(4000.0), Some(4500.0), Some(5000.0), Some(4500.0)],
        owner: "Rohan Mehta",
        channel: "LinkedIn",
        due: (2027, 3, 31),
        budget: 150_000.0,
    },
    F08Goal {
        id: "F3",
        objective: "Festive season marketplace revenue of £900K",
        metric: "Revenue",
        unit: "£",
        fmt: "£#,##0",
        baseline: 700_000.0,
        target: 900_000.0,
        quarters: [None, Some(200_000.0), Some(700_000.0), None],
        owner: "Aisha Patel",
        channel: "Marketplace",
        due: (2026, 12, 31),
        budget: 120_000.0,
    },
    F08Goal {
        id: "F4",
        objective: "Reach 160,000 Instagram followers",
        metric: "Followers",
        unit: "followers",
        fmt: "",
        baseline: 120000.0,
        target: 160000.0,
        quarters: [
            Some(130000.0),
            Some(140000.0),
            Some(150000.0),
            Some(160000.0),
        ],
        owner: "Kavya Iyer",
        channel: "Instagram",
        due: (2027, 3, 31),
        budget: 60_000.0,
    },
    F08Goal {
        id: "F5",
        objective: "Summer sale: 3,000 leads from paid search",
        metric: "Leads",
        unit: "leads",
        fmt: "",
        baseline: 2000.0,
        target: 3000.0,
        quarters: [Some(3000.0), None, None, None],
        owner: "Rohan Mehta",
        channel: "Paid Search",
        due: (2026, 6, 30),
        budget: 30_000.0,
    },
];

/// Title stating the fiscal year, header in row 3 with `Q1 (Apr-Jun)`..`Q4 (Jan-Mar)`, dates
/// as `dd/mm/yyyy`, money as `£#,##0`.
fn f08() -> Case {
    let head = [
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
    ];
    let mut rows = vec![
        vec![s("FY2026-27 Marketing Plan (1 Apr 2026 - 31 Mar 2027)")],
        Vec::new(),
        head.map(s).to_vec(),
    ];
    for g in &F08_GOALS {
        let mut row = vec![
            s(g.id),
            s(g.objective),
            s(g.metric),
            s(g.unit),
            num(g.baseline, g.fmt),
            num(g.target, g.fmt),
        ];
        row.extend(
            g.quarters
                .iter()
                .map(|q| q.map_or(Cell::Empty, |v| num(v, g.fmt))),
        );
        let (y, m, day) = g.due;
        row.extend([
            s(g.owner),
            s(g.channel),
            date(y, m, day, "dd/mm/yyyy"),
            num(g.budget, "£#,##0"),
        ]);
        rows.push(row);
    }
    Case {
        stem: "f08_fiscal_april",
        sheet: "FY26-27 Plan",
        rows,
        merges: Vec::new(),
        looks: vec![
            ((0, 0, 0, 0), BOLD),
            (
                (2, 0, 2, 13),
                Look {
                    wrap: true,
                    center: false,
                    ..header_look(0xD9E1F2)
                },
            ),
        ],
        widths: Vec::new(),
        doc: "Fiscal-year plan. A1 `FY2026-27 Marketing Plan (1 Apr 2026 - 31 Mar 2027)`, row 2 \
blank. Header row 3: A Goal ID · B Objective · C Metric · D Unit · E Baseline · F Target · \
G `Q1 (Apr-Jun)` · H `Q2 (Jul-Sep)` · I `Q3 (Oct-Dec)` · J `Q4 (Jan-Mar)` · K Owner · L Channel · \
M Due Date · N Budget. Rows 4–8: goals F1..F5 (money as `£#,##0`); dues are dates shown \
`dd/mm/yyyy`: 31/03/2027 for the annual goals, 31/12/2026 (F3, Q2–Q3 only) and 30/06/2026 (F5, \
Q1 only).",
    }
}

// ---------------------------------------------------------------------------------------------
// f14: bilingual two-line headers
// ---------------------------------------------------------------------------------------------

/// (id, objective, metric, unit, baseline, target, quarters, owner, channel, budget)
type F14Goal = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    [f64; 4],
    &'static str,
    &'static str,
    f64,
);

const F14_GOALS: [F14Goal; 4] = [
    (
        "B1",
        "华东区经销渠道销售额达到3000万元",
        "销售额",
        "万元",
        2500.0,
        3000.0,
        [650.0, 700.0, 800.0, 850.0],
        "Kevin Zhang 张凯",
        "经销",
        180.0,
    ),
    (
        "B2",
        "官网询盘量达到6000条",
        "询盘量",
        "条",
        4200.0,
        6000.0,
        [1300.0, 1400.0, 1600.0, 1700.0],
        "Lucy Wang 王璐",
        "官网",
        60.0,
    ),
    (
        "B3",
        "海外社媒销售额达到900万元",
        "销售额",
        "万元",
        600.0,
        900.0,
        [200.0, 200.0, 230.0, 270.0],
        "Lucy Wang 王璐",
        "海外社媒",
        90.0,
    ),
    (
        "B4",
        "展会获客成本降到800元",
        "获客成本",
        "元",
        1000.0,
        800.0,
        [950.0, 900.0, 850.0, 800.0],
        "Kevin Zhang 张凯",
        "展会",
        120.0,
    ),
];

/// Bilingual title and note, header row 3 whose cells hold two lines (Alt+Enter): the
/// Chinese name, a line break, the English name or the unit.
fn f14() -> Case {
    let head = [
        "编号\nID",
        "目标\nObjective",
        "指标\nMetric",
        "单位\nUnit",
        "基线\nBaseline",
        "全年目标\n(万元)",
        "一季度\nQ1",
        "二季度\nQ2",
        "三季度\nQ3",
        "四季度\nQ4",
        "负责人\nOwner",
        "渠道\nChannel",
        "截止日期\nDue Date",
        "预算（万元）\nBudget",
    ];
    let mut rows = vec![
        vec![s("2026 Sales & Marketing Targets 销售与市场目标")],
        vec![s(
            "Prepared by 市场部 Marketing Dept.; amounts in 万元 (10k CNY)",
        )],
        head.map(s).to_vec(),
    ];
    for (id, objective, metric, unit, baseline, target, quarters, owner, channel, budget) in
        F14_GOALS
    {
        let mut row = vec![
            s(id),
            s(objective),
            s(metric),
            s(unit),
            n(baseline),
            n(target),
        ];
        row.extend(quarters.map(n));
        row.extend([
            s(owner),
            s(channel),
            date(2026, 12, 31, "yyyy/m/d"),
            n(budget),
        ]);
        rows.push(row);
    }
    Case {
        stem: "f14_bilingual_newline_headers",
        sheet: "Targets 目标",
        rows,
        merges: Vec::new(),
        looks: vec![(
            (2, 0, 2, 13),
            Look {
                bold: true,
                wrap: true,
                center: true,
                fill: None,
            },
        )],
        widths: Vec::new(),
        doc: "Bilingual sheet. A1 `2026 Sales & Marketing Targets 销售与市场目标`, A2 a note \
(`amounts in 万元 (10k CNY)`). Header row 3, every cell two lines (Alt+Enter, wrapped): \
`编号⏎ID` · `目标⏎Objective` · `指标⏎Metric` · `单位⏎Unit` · `基线⏎Baseline` · `全年目标⏎(万元)` · \
`一季度⏎Q1`..`四季度⏎Q4` · `负责人⏎Owner` · `渠道⏎Channel` · `截止日期⏎Due Date` · \
`预算（万元）⏎Budget` (A..N). Rows 4–7: goals B1..B4 (销售额 ×2 in 万元, 询盘量, 获客成本 in 元); \
owners written `Kevin Zhang 张凯`, `Lucy Wang 王璐`; dues dates shown `2026/12/31`.",
    }
}

// ---------------------------------------------------------------------------------------------
// Writers
// ---------------------------------------------------------------------------------------------

fn cases() -> [Case; 6] {
    [f01(), f04(), f05(), f07(), f08(), f14()]
}

fn format_of(look: Option<Look>, num_format: &str) -> Format {
    let mut fmt = Format::new();
    if let Some(look) = look {
        if look.bold {
            fmt = fmt.set_bold();
        }
        if look.wrap {
            fmt = fmt.set_text_wrap();
        }
        if look.center {
            fmt = fmt.set_align(FormatAlign::Center);
        }
        if let Some(rgb) = look.fill {
            fmt = fmt.set_background_color(Color::RGB(rgb));
        }
    }
    if !num_format.is_empty() {
        fmt = fmt.set_num_format(num_format);
    }
    fmt
}

fn write_case_xlsx(path: &Path, case: &Case) -> Result<()> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2026, 1, 5)?.and_hms(9, 0, 0)?;
    wb.set_properties(
        &DocProperties::new()
            .set_creation_datetime(&created)
            .set_author("goalsheet fixtures")
            .set_title("goalsheet field case"),
    );
    let ws = wb.add_worksheet();
    ws.set_name(case.sheet)?;
    for &(col, width) in &case.widths {
        ws.set_column_width(col, width)?;
    }
    for (r, row) in case.rows.iter().enumerate() {
        let r = r as u32;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            let look = case.look_at(r, c);
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => {
                    ws.write_string_with_format(r, c, t, &format_of(look, ""))?;
                }
                Cell::Num(v, f) => {
                    ws.write_number_with_format(r, c, *v, &format_of(look, f))?;
                }
                Cell::Date(y, m, day, f) => {
                    let dt = ExcelDateTime::from_ymd(*y as u16, *m as u8, *day as u8)?;
                    ws.write_datetime_with_format(r, c, &dt, &format_of(look, f))?;
                }
                Cell::Formula(text, v, f) => {
                    // The stored result at full precision (shortest round-trip form).
                    let formula = Formula::new(text.as_str()).set_result(format!("{v}"));
                    ws.write_formula_with_format(r, c, formula, &format_of(look, f))?;
                }
                Cell::ErrFormula(text, e) => {
                    let formula = Formula::new(text.as_str()).set_result(*e);
                    ws.write_formula_with_format(r, c, formula, &format_of(look, ""))?;
                }
            }
        }
    }
    for &(r1, c1, r2, c2) in &case.merges {
        let text = case
            .rows
            .get(r1 as usize)
            .and_then(|row| row.get(c1 as usize))
            .map(shown)
            .unwrap_or_default();
        ws.merge_range(r1, c1, r2, c2, &text, &format_of(case.look_at(r1, c1), ""))?;
    }
    wb.save(path)?;
    Ok(())
}

/// What Excel shows in a cell, and so what its "CSV UTF-8" export holds, for the number
/// formats these cases use.
fn shown(cell: &Cell) -> String {
    let number = |v: f64, fmt: &str| match fmt {
        "0.0" => format!("{v:.1}"),
        "0.0%" => format!("{:.1}%", v * 100.0),
        "0%" => format!("{}%", (v * 100.0).round() as i64),
        "$#,##0" => format!("${}", group_thousands(v.round() as i64, ',')),
        "£#,##0" => format!("£{}", group_thousands(v.round() as i64, ',')),
        _ => general(v),
    };
    match cell {
        Cell::Num(v, f) | Cell::Formula(_, v, f) => number(*v, f),
        other => super::display(other),
    }
}

/// The sheet as Excel's "CSV UTF-8 (Comma delimited)" saves it: displayed values, a merged
/// range's text in its top-left cell only, every row as wide as the used range (from
/// column A), minimal quoting (a header with a line break is quoted), CRLF, UTF-8 with a BOM.
fn write_case_csv(path: &Path, case: &Case) -> Result<()> {
    let width = case.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for row in &case.rows {
        let mut fields: Vec<String> = row.iter().map(shown).collect();
        fields.resize(width, String::new());
        w.write_record(&fields)?;
    }
    let bytes = w.into_inner().map_err(|e| anyhow::anyhow!("csv: {e}"))?;
    write_utf8_bom(path, &String::from_utf8(bytes)?)
}

/// Write every case to `<fixtures>/cases/<stem>.xlsx` and `<stem>.csv`.
pub fn write_cases(fixtures: &Path) -> Result<()> {
    let dir = fixtures.join("cases");
    fs::create_dir_all(&dir)?;
    for case in cases() {
        write_case_xlsx(&dir.join(format!("{}.xlsx", case.stem)), &case)?;
        write_case_csv(&dir.join(format!("{}.csv", case.stem)), &case)?;
    }
    Ok(())
}

/// The fixtures/README.md section on `cases/`.
pub fn readme_section() -> String {
    let mut out = String::from(
        "\n## cases/ — six sheets from the field\n\n\
Layouts and value forms teams really produce, each reproduced cell for cell as `<name>.xlsx` \
(values, number formats, formulas with stored results, merged ranges, styled header cells) and \
exported as `<name>.csv` the way Excel's \"CSV UTF-8\" does it (displayed values, UTF-8 with \
BOM, `,`, CRLF; a merged range's text in its top-left cell only, so merged cells are blank \
below and to the right). Names and numbers are invented. `cases/expected.json` is *not* \
generated: it holds the facts worked out by hand for each case (goal count, header rows, \
column letters, columns that must not be taken for a field, totals rows, rollups by owner, \
rules that must not fire, due dates); `tests/field_cases.rs` asserts every one of them on \
both files.\n",
    );
    for case in cases() {
        let _ = writeln!(
            out,
            "\n### cases/{0}.xlsx, cases/{0}.csv\n\nSheet `{1}`. {2}",
            case.stem, case.sheet, case.doc
        );
    }
    out
}
