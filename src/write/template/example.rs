//! A worked plan for `template --example`: one objective per dimension, key results that add
//! up to their objective, an action for every leaf goal, and a budget whose contingency
//! reserve is above the 5% the rules ask for. It checks clean; the instructions sheet shows
//! the same goals as its examples.

use rust_xlsxwriter::{ExcelDateTime, Format, Worksheet, XlsxError};

use super::columns::{ACTION_COLUMNS, GOAL_COLUMNS};

/// A number cell: an amount, or a fraction shown as a percentage.
#[derive(Debug, Clone, Copy)]
pub(super) enum Value {
    Amount(f64),
    Percent(f64),
}

/// One example goal, in the goal sheet's terms.
#[derive(Debug, Clone)]
pub(super) struct Goal {
    pub id: &'static str,
    pub parent: &'static str,
    /// Index into the dimension list (0 growth, 1 brand, 2 customer, 3 efficiency).
    pub dimension: usize,
    pub objective: &'static str,
    pub key_result: &'static str,
    pub metric: &'static str,
    pub unit: &'static str,
    pub baseline: Value,
    pub target: Value,
    pub quarters: [Value; 4],
    pub owner: &'static str,
    pub channel: &'static str,
    pub budget: f64,
}

struct Action {
    id: &'static str,
    goal: &'static str,
    what: &'static str,
    how: &'static str,
    owner: &'static str,
    /// Start and end months (1–12) in the plan year; the quarter column shows the start's.
    months: (u8, u8),
    resources: &'static str,
    budget: f64,
}

/// The worked plan in one language for one year.
pub(super) struct Example {
    zh: bool,
    year: i32,
    pub goals: Vec<Goal>,
    actions: Vec<Action>,
    /// (item, owner, channel, amount) lines above the reserve.
    budget_lines: Vec<(&'static str, &'static str, &'static str, f64)>,
    reserve: f64,
}

fn amounts(q: [f64; 4]) -> [Value; 4] {
    q.map(Value::Amount)
}

fn percents(q: [f64; 4]) -> [Value; 4] {
    q.map(Value::Percent)
}

impl Example {
    pub(super) fn new(zh: bool, year: i32) -> Example {
        use Value::{Amount as A, Percent as P};
        let t = |en: &'static str, zh_text: &'static str| if zh { zh_text } else { en };
        let money = t("$k", "万元");
        let goals = vec![
            Goal {
                id: "O1",
                parent: "",
                dimension: 0,
                objective: t("Grow revenue to 3,000", "全年销售额达到3,000万元"),
                key_result: "",
                metric: t("Revenue", "销售额"),
                unit: money,
                baseline: A(2400.0),
                target: A(3000.0),
                quarters: amounts([600.0, 700.0, 800.0, 900.0]),
                owner: t("Grace Chen", "陈静"),
                channel: t("All channels", "全渠道"),
                budget: 300.0,
            },
            Goal {
                id: "KR1.1",
                parent: "O1",
                dimension: 0,
                objective: "",
                key_result: t(
                    "Online store revenue reaches 1,800",
                    "天猫销售额达到1,800万元",
                ),
                metric: t("Revenue", "销售额"),
                unit: money,
                baseline: A(1500.0),
                target: A(1800.0),
                quarters: amounts([360.0, 420.0, 480.0, 540.0]),
                owner: t("Lena Park", "李娜"),
                channel: t("Website", "天猫"),
                budget: 180.0,
            },
            Goal {
                id: "KR1.2",
                parent: "O1",
                dimension: 0,
                objective: "",
                key_result: t("Partner revenue reaches 1,200", "抖音销售额达到1,200万元"),
                metric: t("Revenue", "销售额"),
                unit: money,
                baseline: A(900.0),
                target: A(1200.0),
                quarters: amounts([240.0, 280.0, 320.0, 360.0]),
                owner: t("Omar Reyes", "刘洋"),
                channel: t("Partners", "抖音"),
                budget: 120.0,
            },
            Goal {
                id: "O2",
                parent: "",
                dimension: 1,
                objective: t("Brand awareness reaches 35%", "品牌认知度达到35%"),
                key_result: "",
                metric: t("Brand awareness", "品牌认知度"),
                unit: "%",
                baseline: P(0.28),
                target: P(0.35),
                quarters: percents([0.30, 0.32, 0.33, 0.35]),
                owner: t("Mia Wong", "王芳"),
                channel: t("Organic social", "小红书"),
                budget: 80.0,
            },
            Goal {
                id: "O3",
                parent: "",
                dimension: 2,
                objective: t("Repeat purchase rate reaches 30%", "会员复购率达到30%"),
                key_result: "",
                metric: t("Repeat purchase rate", "复购率"),
                unit: "%",
                baseline: P(0.25),
                target: P(0.30),
                quarters: percents([0.26, 0.27, 0.28, 0.30]),
                owner: t("Sara Ito", "赵敏"),
                channel: t("Email", "微信"),
                budget: 50.0,
            },
            Goal {
                id: "O4",
                parent: "",
                dimension: 3,
                objective: t("Cost per acquisition down to 120", "获客成本降至120元"),
                key_result: "",
                metric: t("CAC", "获客成本"),
                unit: t("$", "元"),
                baseline: A(150.0),
                target: A(120.0),
                quarters: amounts([140.0, 132.0, 126.0, 120.0]),
                owner: t("Tom Baker", "孙磊"),
                channel: t("All channels", "全渠道"),
                budget: 30.0,
            },
        ];
        let actions = vec![
            Action {
                id: "A1",
                goal: "KR1.1",
                what: t("Spring and autumn promotions", "春季和双十一大促"),
                how: t("Two campaigns with bundles", "两次大促，组合套餐"),
                owner: t("Lena Park", "李娜"),
                months: (3, 11),
                resources: t("Agency, ad budget", "代运营团队、投放预算"),
                budget: 150.0,
            },
            Action {
                id: "A2",
                goal: "KR1.2",
                what: t("Partner onboarding program", "达人直播带货"),
                how: t("Ten partners, monthly reviews", "签约十位达人，每月复盘"),
                owner: t("Omar Reyes", "刘洋"),
                months: (1, 12),
                resources: t("Partner manager", "直播运营"),
                budget: 100.0,
            },
            Action {
                id: "A3",
                goal: "O2",
                what: t("Always-on social content", "小红书内容种草"),
                how: t("Three posts a week", "每周三篇笔记"),
                owner: t("Mia Wong", "王芳"),
                months: (1, 12),
                resources: t("Content team", "内容团队"),
                budget: 70.0,
            },
            Action {
                id: "A4",
                goal: "O3",
                what: t("Member email journeys", "会员社群运营"),
                how: t("Welcome and win-back flows", "入会礼与召回活动"),
                owner: t("Sara Ito", "赵敏"),
                months: (4, 12),
                resources: t("CRM tool", "企业微信"),
                budget: 40.0,
            },
            Action {
                id: "A5",
                goal: "O4",
                what: t("Bid and audience tuning", "投放人群优化"),
                how: t("Weekly bid reviews", "每周调整出价"),
                owner: t("Tom Baker", "孙磊"),
                months: (1, 12),
                resources: t("Analytics tool", "数据分析工具"),
                budget: 25.0,
            },
        ];
        let budget_lines = vec![
            (
                t("Online store ads", "天猫投放"),
                t("Lena Park", "李娜"),
                t("Website", "天猫"),
                180.0,
            ),
            (
                t("Partner program", "抖音投放"),
                t("Omar Reyes", "刘洋"),
                t("Partners", "抖音"),
                120.0,
            ),
            (
                t("Brand content", "品牌内容"),
                t("Mia Wong", "王芳"),
                t("Organic social", "小红书"),
                80.0,
            ),
            (
                t("Member program", "会员运营"),
                t("Sara Ito", "赵敏"),
                t("Email", "微信"),
                50.0,
            ),
            (
                t("Media efficiency", "投放优化"),
                t("Tom Baker", "孙磊"),
                t("All channels", "全渠道"),
                30.0,
            ),
        ];
        Example {
            zh,
            year,
            goals,
            actions,
            budget_lines,
            reserve: 30.0,
        }
    }

    /// The contingency reserve's amount.
    pub(super) fn reserve(&self) -> f64 {
        self.reserve
    }

    /// The budget sheet's total: the lines and the reserve.
    pub(super) fn budget_total(&self) -> f64 {
        self.budget_lines.iter().map(|l| l.3).sum::<f64>() + self.reserve
    }

    fn date(&self, month: u8, last_day: bool) -> Result<ExcelDateTime, XlsxError> {
        let year = self.year as u16;
        if !last_day {
            return ExcelDateTime::from_ymd(year, month, 1);
        }
        let day = match month {
            2 if chrono::NaiveDate::from_ymd_opt(self.year, 2, 29).is_some() => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        ExcelDateTime::from_ymd(year, month, day)
    }

    fn write_value(ws: &mut Worksheet, row: u32, col: u16, v: Value) -> Result<(), XlsxError> {
        match v {
            Value::Amount(x) => ws.write_number(row, col, x)?,
            Value::Percent(x) => {
                ws.write_number_with_format(row, col, x, &Format::new().set_num_format("0%"))?
            }
        };
        Ok(())
    }

    /// The goals on the goal sheet from `first_row`, in [`GOAL_COLUMNS`] order.
    pub(super) fn write_goals(&self, ws: &mut Worksheet, first_row: u32) -> Result<(), XlsxError> {
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let dims = super::columns::List::Dimension.values(self.zh);
        let col = |en: &str| {
            GOAL_COLUMNS
                .iter()
                .position(|c| c.en == en)
                .map_or(0, |i| i as u16)
        };
        for (k, g) in self.goals.iter().enumerate() {
            let row = first_row + k as u32;
            for (name, text) in [
                ("ID", g.id),
                ("Parent", g.parent),
                (
                    "Dimension",
                    dims.get(g.dimension).copied().unwrap_or_default(),
                ),
                ("Objective", g.objective),
                ("Key Result", g.key_result),
                ("Metric", g.metric),
                ("Unit", g.unit),
                ("Owner", g.owner),
                ("Channel", g.channel),
            ] {
                if !text.is_empty() {
                    ws.write_string(row, col(name), text)?;
                }
            }
            Self::write_value(ws, row, col("Baseline"), g.baseline)?;
            Self::write_value(ws, row, col("Annual target"), g.target)?;
            for (q, v) in g.quarters.iter().enumerate() {
                Self::write_value(ws, row, col("Q1") + q as u16, *v)?;
            }
            ws.write_datetime_with_format(row, col("Start date"), self.date(1, false)?, &date)?;
            ws.write_datetime_with_format(row, col("Due date"), self.date(12, true)?, &date)?;
            ws.write_number(row, col("Budget"), g.budget)?;
        }
        Ok(())
    }

    /// The actions on the action sheet from `first_row`, in [`ACTION_COLUMNS`] order.
    pub(super) fn write_actions(
        &self,
        ws: &mut Worksheet,
        first_row: u32,
    ) -> Result<(), XlsxError> {
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let quarters = super::columns::List::Quarter.values(self.zh);
        for (k, a) in self.actions.iter().enumerate() {
            let row = first_row + k as u32;
            let texts = [a.id, a.goal, a.what, a.how, a.owner];
            for (c, text) in texts.iter().enumerate() {
                ws.write_string(row, c as u16, *text)?;
            }
            let quarter = usize::from(a.months.0.saturating_sub(1) / 3);
            ws.write_string(row, 5, quarters.get(quarter).copied().unwrap_or_default())?;
            ws.write_datetime_with_format(row, 6, self.date(a.months.0, false)?, &date)?;
            ws.write_datetime_with_format(row, 7, self.date(a.months.1, true)?, &date)?;
            ws.write_string(row, 8, a.resources)?;
            ws.write_number(row, (ACTION_COLUMNS.len() - 1) as u16, a.budget)?;
        }
        Ok(())
    }

    /// The budget lines from `first_row`; returns how many rows they take.
    pub(super) fn write_budget_lines(
        &self,
        ws: &mut Worksheet,
        first_row: u32,
        money: &Format,
    ) -> Result<u32, XlsxError> {
        for (k, (item, owner, channel, amount)) in self.budget_lines.iter().enumerate() {
            let row = first_row + k as u32;
            ws.write_string(row, 0, *item)?;
            ws.write_string(row, 1, *owner)?;
            ws.write_string(row, 2, *channel)?;
            ws.write_number_with_format(row, 3, *amount, money)?;
        }
        Ok(self.budget_lines.len() as u32)
    }
}
