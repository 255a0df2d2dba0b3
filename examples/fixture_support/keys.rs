//! Fixtures for keys (owners, channels, product lines, metrics, ids, parents) written with
//! invisible differences, and for owner cells naming several people.
//!
//! - `keys_invisible_zh.xlsx` (目标分解 + 执行计划), `.csv` and `.ods` (goal sheet only): the
//!   same people, channels, metrics and ids written with zero-width spaces, word joiners,
//!   BOMs, NBSP, ideographic spaces, full-width forms and trailing spaces. Read right, 李娜
//!   has one 销售额 row of 2200 (KR1.1 1200 + KR1.2 1000), 王芳 800, channel 线上 3000; O1
//!   (3000) decomposes exactly into its three children (no R006/R007); every parent and
//!   every action's goal id resolves (no R001, E006, E001 on those goals); O3 is written
//!   twice (the second with a zero-width space: D001 on it).
//! - `keys_invisible_en.xlsx` (Goals + Action Plan) and `.csv`: the same in English (Ann Lee
//!   2200 revenue, Bo Chen 800, Online 3000).
//! - `keys_owners_zh.xlsx` and `.csv`: a KPI 考核表 (序号 / 考核指标 / 目标值 / 责任人) whose
//!   责任人 cells name several people (`罗敏、韩冬`, `张三 李四`, `欧阳娜娜/潘悦`) next to
//!   one-person look-alikes (`张　三`, `王和平`). 销售额 totals 5100, each goal counted once.
//! - `keys_owners_en.xlsx` and `.csv`: the same in English (`Maria Garcia / Tom Lee`,
//!   `Ann & Bo`, `Sam and Alex`, `Maria Garcia, Tom Lee` next to `Kevin Zhang 张凯`,
//!   `Zhang, Wei`, `R&D`). Revenue totals 5100.
//!
//! - `keys_f07_kpi_owners.xlsx` and `.csv`: the shared field case f07 (a KPI 考核表 with a
//!   权重 column, owners `罗敏、韩冬` and `罗敏/潘悦`, due dates `2026.12` / `2026.12.31`, a
//!   合计 row of weights) cell for cell: 销售额 2400 counted once, no S001, an info on goal 1.
//!
//! Every number here is worked out in the tests (`tests/keys.rs`).

use std::path::Path;

/// fixtures/keys.md: what the key fixtures hold.
const README: &str = "# Key fixtures (`keys_*`)

Written by `examples/fixture_support/keys.rs` (run `cargo run --example make_fixtures`);
the facts below are asserted in `tests/keys.rs`.

| file | goal sheet | header row | goals | what it holds |
|---|---|---|---|---|
| keys_invisible_zh.xlsx | 目标分解 (+ 执行计划) | 1 | 7 (rows 2–8) | owners, channels, product lines, metrics, ids, parents and action goal ids written with U+200B, U+2060, U+FEFF, NBSP, U+3000, full-width forms and trailing spaces |
| keys_invisible_zh.csv / .ods | (file) / 目标分解 | 1 | 7 | the goal sheet of the xlsx |
| keys_invisible_en.xlsx | Goals (+ Action Plan) | 1 | 7 | the same in English |
| keys_invisible_en.csv | (file) | 1 | 7 | its goal sheet |
| keys_owners_zh.xlsx / .csv | KPI考核表 | 2 | 9 (rows 3–11) | 责任人 cells naming several people next to one-person look-alikes |
| keys_owners_en.xlsx / .csv | KPIs | 2 | 9 (rows 3–11) | the same in English |
| keys_f07_kpi_owners.xlsx / .csv | KPI考核表 | 3 | 5 (rows 4–8), totals row 9 | the shared field case f07 cell for cell |

Read right:
- keys_invisible_*: owner 李娜 / Ann Lee has one 销售额 / Revenue row of 2200 (Q 490 550 550
  610) from KR1.1 and ＫＲ１.２; 王芳 / Bo Chen 800; channel 线上 / Online 3000 from three
  goals; product line 美妆 / Skincare 2200; parent O1 3000. O1 decomposes exactly into its
  three children (no R006/R007); no R001, E001, E006; D001 on A8 (O3 written again with a
  zero-width space). Budgets by owner 180 / 100, planned by actions 90 / 60.
- keys_owners_*: 销售额 / Revenue totals 5100, each goal once, under the cell as written;
  S006 (info) on K3 K6 K7 K11 (zh) and K3 K6 K9 K11 (en); no S001. `张三` and `张　三` are one
  owner (400, 2 goals).
- keys_f07_kpi_owners: 销售额 2400 under `罗敏、韩冬`; S006 on M4 and M6; no S001, T002,
  T003, M005, D003; every goal due 2026-12-31.
";

use anyhow::Result;

use super::{Cell, Sheet, d, delimited, n, pct, s, write_ods, write_xlsx};

const ZW: &str = "\u{200B}";
const WJ: &str = "\u{2060}";
const BOM: &str = "\u{FEFF}";
const NBSP: &str = "\u{00A0}";
const IDSP: &str = "\u{3000}";

/// One goal row of the invisible-keys plans.
struct KeyGoal {
    id: String,
    parent: String,
    objective: &'static str,
    key_result: &'static str,
    metric: String,
    unit: String,
    baseline: Option<f64>,
    target: f64,
    quarters: [f64; 4],
    owner: String,
    channel: String,
    product_line: String,
    budget: Option<f64>,
}

impl KeyGoal {
    fn row(&self) -> Vec<Cell> {
        let mut row = vec![
            s(&self.id),
            s(&self.parent),
            s(self.objective),
            s(self.key_result),
            s(&self.metric),
            s(&self.unit),
            self.baseline.map_or(Cell::Empty, n),
            n(self.target),
        ];
        row.extend(self.quarters.map(n));
        row.extend([
            s(&self.owner),
            s(&self.channel),
            s(&self.product_line),
            self.budget.map_or(Cell::Empty, n),
            d(2026, 12, 31),
        ]);
        row
    }
}

/// `(id, parent, objective, key result, metric, unit, baseline, target, quarters, owner,
/// channel, product line, budget)` with the invisible characters already in the strings.
type Spec = (
    String,
    String,
    &'static str,
    &'static str,
    String,
    String,
    Option<f64>,
    f64,
    [f64; 4],
    String,
    String,
    String,
    Option<f64>,
);

fn goal(spec: Spec) -> KeyGoal {
    let (
        id,
        parent,
        objective,
        key_result,
        metric,
        unit,
        baseline,
        target,
        quarters,
        owner,
        channel,
        product_line,
        budget,
    ) = spec;
    KeyGoal {
        id,
        parent,
        objective,
        key_result,
        metric,
        unit,
        baseline,
        target,
        quarters,
        owner,
        channel,
        product_line,
        budget,
    }
}

fn t(parts: &[&str]) -> String {
    parts.concat()
}

fn zh_invisible_goals() -> Vec<KeyGoal> {
    let sales = "销售额";
    vec![
        goal((
            t(&["O1"]),
            String::new(),
            "线上销售额达到3000万元",
            "",
            t(&[sales]),
            t(&["万元"]),
            Some(2500.0),
            3000.0,
            [650.0, 700.0, 800.0, 850.0],
            t(&["李娜"]),
            t(&["线上"]),
            t(&["美妆"]),
            None,
        )),
        goal((
            t(&["KR1.1"]),
            t(&["O1", ZW]),
            "",
            "天猫旗舰店销售额达到1200万元",
            t(&[sales]),
            t(&["万元"]),
            Some(1000.0),
            1200.0,
            [240.0, 300.0, 300.0, 360.0],
            t(&["李娜", ZW]),
            t(&["线上", NBSP]),
            t(&["美妆"]),
            Some(100.0),
        )),
        goal((
            t(&["ＫＲ１.２"]),
            t(&["Ｏ１"]),
            "",
            "抖音直播销售额达到1000万元",
            t(&[sales, WJ]),
            t(&["万元"]),
            Some(800.0),
            1000.0,
            [250.0, 250.0, 250.0, 250.0],
            t(&[BOM, "李娜"]),
            t(&["线", ZW, "上"]),
            t(&["美妆", IDSP]),
            Some(80.0),
        )),
        goal((
            t(&["KR1.3", IDSP]),
            t(&[" O1 ", IDSP]),
            "",
            "京东销售额达到800万元",
            t(&["销售", ZW, "额"]),
            t(&["万元", ZW]),
            Some(700.0),
            800.0,
            [160.0, 150.0, 250.0, 240.0],
            t(&["王芳"]),
            t(&[IDSP, "线上"]),
            t(&["个护"]),
            Some(60.0),
        )),
        goal((
            t(&["O2"]),
            String::new(),
            "小红书粉丝数达到30万",
            "",
            t(&["粉丝数"]),
            t(&["人"]),
            Some(100000.0),
            300000.0,
            [150000.0, 200000.0, 250000.0, 300000.0],
            t(&["王芳", NBSP]),
            t(&["社交"]),
            t(&["美妆"]),
            Some(40.0),
        )),
        goal((
            t(&["O3"]),
            String::new(),
            "新增会员5万人",
            "",
            t(&["新增会员数"]),
            t(&["人"]),
            Some(40000.0),
            50000.0,
            [10000.0, 12000.0, 13000.0, 15000.0],
            t(&["王", IDSP, "芳"]),
            t(&["社交", WJ]),
            t(&["个护"]),
            None,
        )),
        goal((
            t(&["O3", ZW]),
            String::new(),
            "新增会员2万人",
            "",
            t(&["新增会员数"]),
            t(&["人"]),
            Some(15000.0),
            20000.0,
            [5000.0, 5000.0, 5000.0, 5000.0],
            t(&["李娜"]),
            t(&["社交"]),
            t(&["个护"]),
            None,
        )),
    ]
}

fn en_invisible_goals() -> Vec<KeyGoal> {
    vec![
        goal((
            t(&["O1"]),
            String::new(),
            "Online revenue reaches $3,000k",
            "",
            t(&["Revenue"]),
            t(&["$k"]),
            Some(2500.0),
            3000.0,
            [650.0, 700.0, 800.0, 850.0],
            t(&["Ann Lee"]),
            t(&["Online"]),
            t(&["Skincare"]),
            None,
        )),
        goal((
            t(&["KR1.1"]),
            t(&["O1", ZW]),
            "",
            "Web shop revenue reaches $1,200k",
            t(&["Revenue"]),
            t(&["$k"]),
            Some(1000.0),
            1200.0,
            [240.0, 300.0, 300.0, 360.0],
            t(&["Ann", NBSP, "Lee"]),
            t(&["Online", NBSP]),
            t(&["Skincare"]),
            Some(100.0),
        )),
        goal((
            t(&["ＫＲ１.２"]),
            t(&["Ｏ１"]),
            "",
            "Marketplace revenue reaches $1,000k",
            t(&["Revenue", WJ]),
            t(&["$k"]),
            Some(800.0),
            1000.0,
            [250.0, 250.0, 250.0, 250.0],
            t(&[BOM, "Ann Lee", ZW]),
            t(&["Ｏｎｌｉｎｅ"]),
            t(&["Skincare", IDSP]),
            Some(80.0),
        )),
        goal((
            t(&["KR1.3 "]),
            t(&[" O1", NBSP]),
            "",
            "App revenue reaches $800k",
            t(&["Rev", ZW, "enue"]),
            t(&["$k", ZW]),
            Some(700.0),
            800.0,
            [160.0, 150.0, 250.0, 240.0],
            t(&["Bo Chen"]),
            t(&["On", WJ, "line "]),
            t(&["Haircare"]),
            Some(60.0),
        )),
        goal((
            t(&["O2"]),
            String::new(),
            "Instagram followers reach 300,000",
            "",
            t(&["Followers"]),
            t(&["people"]),
            Some(100000.0),
            300000.0,
            [150000.0, 200000.0, 250000.0, 300000.0],
            t(&["Bo Chen", NBSP]),
            t(&["Social"]),
            t(&["Skincare"]),
            Some(40.0),
        )),
        goal((
            t(&["O3"]),
            String::new(),
            "New members reach 50,000",
            "",
            t(&["New members"]),
            t(&["people"]),
            Some(40000.0),
            50000.0,
            [10000.0, 12000.0, 13000.0, 15000.0],
            t(&["Bo", IDSP, "Chen"]),
            t(&["Social", WJ]),
            t(&["Haircare"]),
            None,
        )),
        goal((
            t(&["O3", ZW]),
            String::new(),
            "New members reach 20,000",
            "",
            t(&["New members"]),
            t(&["people"]),
            Some(15000.0),
            20000.0,
            [5000.0, 5000.0, 5000.0, 5000.0],
            t(&["Ann Lee"]),
            t(&["Social"]),
            t(&["Haircare"]),
            None,
        )),
    ]
}

const ZH_GOAL_HEAD: [&str; 17] = [
    "编号",
    "上级目标",
    "目标",
    "关键结果",
    "衡量指标",
    "单位",
    "基线",
    "全年目标",
    "一季度",
    "二季度",
    "三季度",
    "四季度",
    "负责人",
    "渠道",
    "产品线",
    "预算",
    "截止日期",
];

const EN_GOAL_HEAD: [&str; 17] = [
    "ID",
    "Parent",
    "Objective",
    "Key Result",
    "Metric",
    "Unit",
    "Baseline",
    "Target",
    "Q1",
    "Q2",
    "Q3",
    "Q4",
    "Owner",
    "Channel",
    "Product Line",
    "Budget",
    "Due",
];

fn goal_sheet(name: &str, head: &[&str], goals: &[KeyGoal]) -> Sheet {
    let mut sh = Sheet::new(name);
    sh.header(head);
    for g in goals {
        sh.push(g.row());
    }
    sh
}

/// Actions whose goal ids carry invisible characters and other widths; each leaf goal has
/// one (O2 is a leaf too: its metric has no children).
fn action_sheet(name: &str, head: &[&str], rows: &[[&str; 5]]) -> Sheet {
    let mut sh = Sheet::new(name);
    sh.header(head);
    for (i, [goal, what, how, owner, resources]) in rows.iter().enumerate() {
        let budget = [50.0, 40.0, 30.0, 20.0, 10.0, 5.0][i % 6];
        sh.push(vec![
            s(&format!("A{}", i + 1)),
            s(goal),
            s(what),
            s(how),
            s(owner),
            d(2026, 3, 1),
            d(2026, 6, 30),
            s(resources),
            n(budget),
        ]);
    }
    sh
}

const ZH_ACTION_HEAD: [&str; 9] = [
    "编号",
    "所属目标",
    "做什么",
    "怎么做",
    "谁来做",
    "开始日期",
    "结束日期",
    "需要什么资源",
    "预算",
];

const EN_ACTION_HEAD: [&str; 9] = [
    "Action ID",
    "Goal ID",
    "Action",
    "How",
    "Owner",
    "Start",
    "End",
    "Resources",
    "Budget",
];

/// One KPI row of the several-owners plans: (no., statement, metric, unit, baseline, target,
/// quarters, owner).
type KpiRow = (
    u32,
    &'static str,
    &'static str,
    &'static str,
    f64,
    f64,
    [f64; 4],
    &'static str,
);

const ZH_OWNER_ROWS: [KpiRow; 9] = [
    (
        1,
        "全年线上销售额达到2400万元",
        "销售额",
        "万元",
        1800.0,
        2400.0,
        [500.0, 550.0, 650.0, 700.0],
        "罗敏、韩冬",
    ),
    (
        2,
        "经销渠道销售额达到1000万元",
        "销售额",
        "万元",
        800.0,
        1000.0,
        [250.0, 250.0, 250.0, 250.0],
        "罗敏",
    ),
    (
        3,
        "新增经销商40家",
        "新增经销商数",
        "家",
        25.0,
        40.0,
        [8.0, 10.0, 10.0, 12.0],
        "韩冬",
    ),
    (
        4,
        "华东区销售额达到600万元",
        "销售额",
        "万元",
        500.0,
        600.0,
        [150.0, 150.0, 150.0, 150.0],
        "张三 李四",
    ),
    (
        5,
        "华南区销售额达到500万元",
        "销售额",
        "万元",
        400.0,
        500.0,
        [100.0, 100.0, 150.0, 150.0],
        "欧阳娜娜/潘悦",
    ),
    (
        6,
        "华北区销售额达到100万元",
        "销售额",
        "万元",
        80.0,
        100.0,
        [25.0, 25.0, 25.0, 25.0],
        "张三",
    ),
    (
        7,
        "西南区销售额达到300万元",
        "销售额",
        "万元",
        250.0,
        300.0,
        [75.0, 75.0, 75.0, 75.0],
        "张　三",
    ),
    (
        8,
        "西北区销售额达到200万元",
        "销售额",
        "万元",
        150.0,
        200.0,
        [50.0, 50.0, 50.0, 50.0],
        "王和平",
    ),
    (
        9,
        "会员复购率达到32%",
        "复购率",
        "%",
        27.0,
        32.0,
        [28.0, 29.0, 31.0, 32.0],
        "罗敏，潘悦",
    ),
];

const EN_OWNER_ROWS: [KpiRow; 9] = [
    (
        1,
        "Online revenue reaches $2,400k",
        "Revenue",
        "$k",
        1800.0,
        2400.0,
        [500.0, 550.0, 650.0, 700.0],
        "Maria Garcia / Tom Lee",
    ),
    (
        2,
        "Dealer revenue reaches $1,000k",
        "Revenue",
        "$k",
        800.0,
        1000.0,
        [250.0, 250.0, 250.0, 250.0],
        "Maria Garcia",
    ),
    (
        3,
        "Sign 40 new dealers",
        "New dealers",
        "dealers",
        25.0,
        40.0,
        [8.0, 10.0, 10.0, 12.0],
        "Tom Lee",
    ),
    (
        4,
        "East region revenue reaches $600k",
        "Revenue",
        "$k",
        500.0,
        600.0,
        [150.0, 150.0, 150.0, 150.0],
        "Ann & Bo",
    ),
    (
        5,
        "South region revenue reaches $500k",
        "Revenue",
        "$k",
        400.0,
        500.0,
        [100.0, 100.0, 150.0, 150.0],
        "Kevin Zhang 张凯",
    ),
    (
        6,
        "North region revenue reaches $300k",
        "Revenue",
        "$k",
        250.0,
        300.0,
        [75.0, 75.0, 75.0, 75.0],
        "Zhang, Wei",
    ),
    (
        7,
        "West region revenue reaches $200k",
        "Revenue",
        "$k",
        150.0,
        200.0,
        [50.0, 50.0, 50.0, 50.0],
        "Sam and Alex",
    ),
    (
        8,
        "Lab revenue reaches $100k",
        "Revenue",
        "$k",
        80.0,
        100.0,
        [25.0, 25.0, 25.0, 25.0],
        "R&D",
    ),
    (
        9,
        "Repeat purchase rate reaches 32%",
        "Repeat rate",
        "%",
        27.0,
        32.0,
        [28.0, 29.0, 31.0, 32.0],
        "Maria Garcia, Tom Lee",
    ),
];

fn kpi_sheet(name: &str, title: &str, head: &[&str], rows: &[KpiRow]) -> Sheet {
    let mut sh = Sheet::new(name);
    sh.push(vec![s(title)]);
    sh.header(head);
    for (no, statement, metric, unit, baseline, target, quarters, owner) in rows {
        let mut row = vec![
            n(f64::from(*no)),
            s(statement),
            s(metric),
            s(unit),
            n(*baseline),
            n(*target),
        ];
        row.extend(quarters.map(n));
        row.extend([s(owner), d(2026, 12, 31)]);
        sh.push(row);
    }
    sh
}

/// The shared case f07, cell for cell: title band A1:P1, a note row, the header on row 3,
/// five KPI rows with weights, and a 合计 row summing the weights.
fn f07_sheet() -> Sheet {
    let mut sh = Sheet::new("KPI考核表");
    sh.push(vec![s("2026年度市场部KPI考核表")]);
    sh.merges.push((0, 0, 0, 15));
    sh.push(vec![s("被考核部门：市场部    考核周期：2026.01-2026.12")]);
    sh.header(&[
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
    ]);
    type F07Row = (
        &'static str,
        &'static str,
        &'static str,
        f64,
        &'static str,
        [f64; 6],
        &'static str,
        &'static str,
        &'static str,
    );
    let rows: [F07Row; 5] = [
        (
            "业务增长",
            "全年线上销售额达到2400万元",
            "销售额",
            0.3,
            "万元",
            [1800.0, 2400.0, 500.0, 550.0, 650.0, 700.0],
            "罗敏、韩冬",
            "2026.12",
            "每低于目标5%扣2分",
        ),
        (
            "业务增长",
            "新增经销商40家",
            "新增经销商数",
            0.2,
            "家",
            [25.0, 40.0, 8.0, 10.0, 10.0, 12.0],
            "韩冬",
            "2026.12.31",
            "每少1家扣1分",
        ),
        (
            "客户运营",
            "会员复购率达到32%",
            "复购率",
            0.15,
            "%",
            [0.27, 0.32, 0.28, 0.29, 0.31, 0.32],
            "罗敏/潘悦",
            "2026.12",
            "达标得满分",
        ),
        (
            "品牌建设",
            "小红书粉丝数达到20万",
            "粉丝数",
            0.15,
            "人",
            [90000.0, 200000.0, 120000.0, 150000.0, 170000.0, 200000.0],
            "潘悦",
            "2026.12",
            "按比例得分",
        ),
        (
            "营销效率",
            "获客成本控制在120元以内",
            "获客成本",
            0.2,
            "元",
            [150.0, 120.0, 140.0, 132.0, 126.0, 120.0],
            "韩冬",
            "2026.12.31",
            "每超5元扣2分",
        ),
    ];
    for (i, (dimension, statement, metric, weight, unit, values, owner, due, scoring)) in
        rows.into_iter().enumerate()
    {
        let value = |v: f64| if unit == "%" { pct(v) } else { n(v) };
        let mut row = vec![
            n(i as f64 + 1.0),
            s(dimension),
            s(statement),
            s(metric),
            pct(weight),
            s(unit),
        ];
        row.extend(values.map(value));
        row.extend([s(owner), s(due), Cell::Empty, s(scoring)]);
        sh.push(row);
    }
    sh.push(vec![
        s("合计"),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Formula("=SUM(E4:E8)".to_string(), 1.0, "0%"),
    ]);
    sh
}

/// Write the key fixtures into `dir`.
pub fn write(dir: &Path) -> Result<()> {
    let p = |name: &str| dir.join(name);

    let zh_goals = goal_sheet("目标分解", &ZH_GOAL_HEAD, &zh_invisible_goals());
    let zh_actions = action_sheet(
        "执行计划",
        &ZH_ACTION_HEAD,
        &[
            [
                &t(&["KR1.1", ZW]),
                "天猫大促",
                "618 与双11 两场大促",
                "李娜",
                "大促预算",
            ],
            [
                &t(&["ＫＲ１.２"]),
                "抖音直播",
                "每周三场达人直播",
                "李娜",
                "直播团队",
            ],
            [
                &t(&[BOM, "KR1.3"]),
                "京东店铺运营",
                "京东自营店铺日常运营",
                "王芳",
                "运营人员",
            ],
            [
                &t(&["O2", NBSP]),
                "小红书种草",
                "每月20篇达人笔记",
                "王芳",
                "达人费用",
            ],
            [
                &t(&["O3", WJ]),
                "会员日活动",
                "每月一次会员日",
                "王芳",
                "活动预算",
            ],
        ],
    );
    write_xlsx(&p("keys_invisible_zh.xlsx"), &[zh_goals, zh_actions], false)?;
    let zh_goals = goal_sheet("目标分解", &ZH_GOAL_HEAD, &zh_invisible_goals());
    std::fs::write(p("keys_invisible_zh.csv"), delimited(&zh_goals, b',')?)?;
    write_ods(&p("keys_invisible_zh.ods"), &zh_goals)?;

    let en_goals = goal_sheet("Goals", &EN_GOAL_HEAD, &en_invisible_goals());
    let en_actions = action_sheet(
        "Action Plan",
        &EN_ACTION_HEAD,
        &[
            [
                &t(&["KR1.1", ZW]),
                "Spring sale",
                "Two site-wide sales",
                "Ann Lee",
                "Sale budget",
            ],
            [
                &t(&["ＫＲ１.２"]),
                "Marketplace ads",
                "Sponsored listings",
                "Ann Lee",
                "Ad budget",
            ],
            [
                &t(&[BOM, "KR1.3"]),
                "App push campaign",
                "Weekly push offers",
                "Bo Chen",
                "CRM tool",
            ],
            [
                &t(&["O2", NBSP]),
                "Creator posts",
                "20 creator posts a month",
                "Bo Chen",
                "Creator fees",
            ],
            [
                &t(&["O3", WJ]),
                "Member day",
                "A member day every month",
                "Bo Chen",
                "Event budget",
            ],
        ],
    );
    write_xlsx(&p("keys_invisible_en.xlsx"), &[en_goals, en_actions], false)?;
    let en_goals = goal_sheet("Goals", &EN_GOAL_HEAD, &en_invisible_goals());
    std::fs::write(p("keys_invisible_en.csv"), delimited(&en_goals, b',')?)?;

    let zh_head = [
        "序号",
        "目标描述",
        "考核指标",
        "单位",
        "基准值",
        "目标值",
        "一季度",
        "二季度",
        "三季度",
        "四季度",
        "责任人",
        "完成时间",
    ];
    let zh_kpi = kpi_sheet(
        "KPI考核表",
        "2026年度市场部KPI考核表",
        &zh_head,
        &ZH_OWNER_ROWS,
    );
    write_xlsx(
        &p("keys_owners_zh.xlsx"),
        std::slice::from_ref(&zh_kpi),
        false,
    )?;
    std::fs::write(p("keys_owners_zh.csv"), delimited(&zh_kpi, b',')?)?;

    let en_head = [
        "No.", "Goal", "Metric", "Unit", "Baseline", "Target", "Q1", "Q2", "Q3", "Q4", "Owner",
        "Due",
    ];
    let en_kpi = kpi_sheet("KPIs", "2026 Marketing KPIs", &en_head, &EN_OWNER_ROWS);
    write_xlsx(
        &p("keys_owners_en.xlsx"),
        std::slice::from_ref(&en_kpi),
        false,
    )?;
    std::fs::write(p("keys_owners_en.csv"), delimited(&en_kpi, b',')?)?;

    let f07 = f07_sheet();
    write_xlsx(
        &p("keys_f07_kpi_owners.xlsx"),
        std::slice::from_ref(&f07),
        false,
    )?;
    std::fs::write(p("keys_f07_kpi_owners.csv"), delimited(&f07, b',')?)?;
    std::fs::write(p("keys.md"), README)?;
    Ok(())
}
