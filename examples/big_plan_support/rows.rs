//! The rows of the generated benchmark plan (see `examples/big_plan.rs`), shared by the
//! generator and by the linearity test (`tests/linearity.rs`), which includes this file.

#![allow(dead_code)]

use std::fmt::Write as _;

const OWNERS: [&str; 40] = [
    "张伟", "李娜", "王芳", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴婷", "徐强", "孙丽",
    "马超", "朱琳", "胡斌", "郭敏", "何平", "高翔", "林峰", "罗琴", "郑凯", "梁爽", "谢飞", "宋佳",
    "唐宁", "许诺", "韩梅", "冯涛", "邓超", "曹颖", "彭亮", "曾悦", "萧然", "田甜", "董洁", "潘伟",
    "袁媛", "蒋欣", "蔡明", "余洁",
];

const CHANNELS: [&str; 12] = [
    "抖音",
    "小红书",
    "微信",
    "天猫",
    "京东",
    "线下门店",
    "B站",
    "微博",
    "快手",
    "搜索",
    "社群",
    "直播",
];

/// Dimensions as people write them: full and short forms.
const DIMENSIONS: [&str; 8] = [
    "业务增长",
    "品牌建设",
    "客户运营",
    "营销效率",
    "增长",
    "品牌",
    "客户",
    "效率",
];

/// One metric: name, unit, kind, a baseline and the target's multiple of it.
struct Metric {
    name: &'static str,
    unit: &'static str,
    kind: Kind,
    baseline: f64,
    growth: f64,
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Sum,
    Level,
    Ratio,
}

const METRICS: [Metric; 9] = [
    Metric {
        name: "销售额",
        unit: "万元",
        kind: Kind::Sum,
        baseline: 1200.0,
        growth: 1.25,
    },
    Metric {
        name: "新增用户",
        unit: "人",
        kind: Kind::Sum,
        baseline: 24000.0,
        growth: 1.4,
    },
    Metric {
        name: "线索",
        unit: "条",
        kind: Kind::Sum,
        baseline: 4800.0,
        growth: 1.3,
    },
    Metric {
        name: "品牌知名度",
        unit: "%",
        kind: Kind::Level,
        baseline: 0.32,
        growth: 1.25,
    },
    Metric {
        name: "粉丝总数",
        unit: "万",
        kind: Kind::Level,
        baseline: 50.0,
        growth: 1.6,
    },
    Metric {
        name: "NPS",
        unit: "分",
        kind: Kind::Level,
        baseline: 35.0,
        growth: 1.2,
    },
    Metric {
        name: "线索转化率",
        unit: "%",
        kind: Kind::Ratio,
        baseline: 0.08,
        growth: 1.25,
    },
    Metric {
        name: "ROI",
        unit: "倍",
        kind: Kind::Ratio,
        baseline: 2.5,
        growth: 1.2,
    },
    Metric {
        name: "获客成本",
        unit: "元",
        kind: Kind::Ratio,
        baseline: 120.0,
        growth: 0.85,
    },
];

/// The header row, in the language planners write.
pub const HEADER: [&str; 17] = [
    "编号",
    "上级目标",
    "目标维度",
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
    "截止日期",
    "预算(万元)",
];

/// One cell of the plan: text, a number, or nothing.
#[derive(Clone)]
pub enum Cell {
    Empty,
    Text(String),
    Num(f64),
}

/// Row `i` of the plan (0-based goal index) as 17 cells.
pub fn goal_row(i: usize) -> Vec<Cell> {
    let objective = i / 10;
    let within = i % 10; // 0 = objective, 1..=3 = key results, 4..=9 = sub-key-results
    let (id, parent, level) = match within {
        0 => (format!("O{objective}"), String::new(), 0),
        1..=3 => (format!("O{objective}.{within}"), format!("O{objective}"), 1),
        _ => {
            let kr = (within - 4) / 2 + 1;
            let sub = (within - 4) % 2 + 1;
            (
                format!("O{objective}.{kr}.{sub}"),
                format!("O{objective}.{kr}"),
                2,
            )
        }
    };
    // Children share their objective's metric, so parents decompose into their children.
    let metric = &METRICS[objective % METRICS.len()];
    let scale = match level {
        0 => 1.0,
        1 => 1.0 / 3.0,
        _ => 1.0 / 6.0,
    };
    let summed = metric.kind == Kind::Sum;
    let baseline = round2(if summed {
        metric.baseline * scale
    } else {
        metric.baseline
    });
    let mut target = round2(baseline * metric.growth);
    let mut quarters = if summed {
        let q = round2(target / 4.0);
        [q, q, q, round2(target - 3.0 * q)]
    } else {
        let step = (target - baseline) / 4.0;
        [1.0, 2.0, 3.0, 4.0].map(|k| round2(baseline + step * k))
    };
    if !summed {
        target = quarters[3];
    }
    let owner = OWNERS[(i * 7 + objective) % OWNERS.len()];
    let channel = if level == 0 {
        ""
    } else {
        CHANNELS[(i + objective) % CHANNELS.len()]
    };
    let dimension = DIMENSIONS[(objective + level) % DIMENSIONS.len()];
    // Year-end goals, the date written the ways people write it.
    let due = match i % 4 {
        0 => "2026-12-31",
        1 => "2026/12/31",
        2 => "Q4",
        _ => "2026年12月31日",
    }
    .to_string();
    let unit_word = if metric.unit == "%" { "%" } else { metric.unit };
    let shown = |v: f64| {
        if metric.unit == "%" {
            round2(v * 100.0)
        } else {
            v
        }
    };
    let statement = format!(
        "{}{}达到{}{}",
        channel,
        metric.name,
        shown(target),
        unit_word
    );
    let (objective_text, kr_text) = if level == 0 {
        (format!("2026年{statement}"), String::new())
    } else {
        (String::new(), statement)
    };
    let budget = if level == 0 {
        Cell::Empty
    } else {
        Cell::Num(round2(40.0 * scale * 3.0))
    };

    let mut row = vec![
        Cell::Text(id),
        text(parent),
        text(dimension.to_string()),
        text(objective_text),
        text(kr_text),
        text(metric.name.to_string()),
        text(metric.unit.to_string()),
        Cell::Num(baseline),
        Cell::Num(target),
        Cell::Num(quarters[0]),
        Cell::Num(quarters[1]),
        Cell::Num(quarters[2]),
        Cell::Num(quarters[3]),
        text(owner.to_string()),
        text(channel.to_string()),
        text(due),
        budget,
    ];

    // About 5% of rows carry one defect each (every 20th row, cycling through kinds).
    if i % 20 == 13 {
        match (i / 20) % 7 {
            0 => {
                quarters[1] = round2(quarters[1] * 1.5);
                row[10] = Cell::Num(quarters[1]);
            }
            1 => row[13] = Cell::Empty,
            2 => {
                let slot = if level == 0 { 3 } else { 4 };
                row[slot] = text("进一步提升品牌影响力".to_string());
                row[5] = Cell::Empty;
                row[8] = Cell::Empty;
            }
            3 => row[1] = text(format!("X{objective}")),
            4 => {
                target = round2(baseline * 9.0);
                row[8] = Cell::Num(target);
            }
            5 => row[8] = Cell::Empty,
            _ => row[7] = text("约 3 成".to_string()),
        }
    }
    row
}

fn text(s: String) -> Cell {
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s)
    }
}

fn round2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

pub fn csv_field(out: &mut String, cell: &Cell) {
    match cell {
        Cell::Empty => {}
        Cell::Text(s) if s.contains([',', '"', '\n']) => {
            out.push('"');
            out.push_str(&s.replace('"', "\"\""));
            out.push('"');
        }
        Cell::Text(s) => out.push_str(s),
        Cell::Num(v) => {
            let _ = write!(out, "{v}");
        }
    }
}

/// The plan's title row.
pub const TITLE: &str = "2026年营销目标";

/// The whole plan of `goals` rows as CSV text (title row, header row, one row per goal).
pub fn plan_csv(goals: usize) -> String {
    let mut csv = String::with_capacity(goals * 160 + 256);
    csv.push_str(TITLE);
    csv.push('\n');
    csv.push_str(&HEADER.join(","));
    csv.push('\n');
    for i in 0..goals {
        for (c, cell) in goal_row(i).iter().enumerate() {
            if c > 0 {
                csv.push(',');
            }
            csv_field(&mut csv, cell);
        }
        csv.push('\n');
    }
    csv
}
