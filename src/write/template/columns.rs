//! The template's columns: header words goalsheet reads, what each column holds, and the
//! dropdown or validation it gets — one table per sheet, both languages side by side.

/// What a column accepts as input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Input {
    /// Free text.
    Text,
    /// A number in the metric's own unit (an amount, a count, a percentage): shown as typed.
    Number,
    /// Money in the plan's money unit: thousands separators, no invented cents.
    Money,
    /// A date (validated to the plan year ± 1, a quarter such as `Q3` still allowed).
    Date,
    /// One of a list (the list per language); `strict` refuses other values, otherwise a
    /// note explains and the value is kept (teams have their own channels and units).
    List { list: List, strict: bool },
}

/// The dropdown lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum List {
    Dimension,
    Unit,
    Channel,
    Aggregation,
    Direction,
    Status,
    Quarter,
}

impl List {
    pub(super) fn values(self, zh: bool) -> &'static [&'static str] {
        match (self, zh) {
            (List::Dimension, true) => &["业务增长", "品牌建设", "客户运营", "营销效率"],
            (List::Dimension, false) => &[
                "Business growth",
                "Brand building",
                "Customer operations",
                "Marketing efficiency",
            ],
            (List::Unit, true) => &["万元", "元", "%", "人", "个", "条", "次", "单", "家"],
            (List::Unit, false) => &[
                "$", "$k", "%", "people", "leads", "orders", "visits", "count",
            ],
            (List::Channel, true) => &[
                "天猫",
                "京东",
                "抖音",
                "小红书",
                "微信",
                "线下门店",
                "经销商",
                "官网",
                "全渠道",
            ],
            (List::Channel, false) => &[
                "Website",
                "Email",
                "Paid search",
                "Paid social",
                "Organic social",
                "Events",
                "Partners",
                "Retail",
                "All channels",
            ],
            (List::Aggregation, true) => &["求和", "期末", "比率"],
            (List::Aggregation, false) => &["sum", "level", "ratio"],
            (List::Direction, true) => &["越高越好", "越低越好"],
            (List::Direction, false) => &["higher is better", "lower is better"],
            (List::Status, true) => &["未开始", "进行中", "已完成", "有风险", "已暂停"],
            (List::Status, false) => &["Not started", "In progress", "Done", "At risk", "On hold"],
            (List::Quarter, true) => &["一季度", "二季度", "三季度", "四季度"],
            (List::Quarter, false) => &["Q1", "Q2", "Q3", "Q4"],
        }
    }
}

/// One column of a template sheet.
#[derive(Debug, Clone, Copy)]
pub(super) struct Column {
    /// The header in English and Chinese (words goalsheet's reader maps to the field).
    pub en: &'static str,
    pub zh: &'static str,
    pub input: Input,
    /// Width in characters.
    pub width: f64,
    /// What to write in it, for the instructions sheet.
    pub help_en: &'static str,
    pub help_zh: &'static str,
}

impl Column {
    pub(super) fn header(&self, zh: bool) -> &'static str {
        if zh { self.zh } else { self.en }
    }
    pub(super) fn help(&self, zh: bool) -> &'static str {
        if zh { self.help_zh } else { self.help_en }
    }
}

const fn col(
    en: &'static str,
    zh: &'static str,
    input: Input,
    width: f64,
    help_en: &'static str,
    help_zh: &'static str,
) -> Column {
    Column {
        en,
        zh,
        input,
        width,
        help_en,
        help_zh,
    }
}

const AMOUNT: Input = Input::Number;

/// The first quarterly target column of [`GOAL_COLUMNS`]; the four quarters sit under one
/// band (季度目标 / Quarterly targets) in the two-row header.
pub(super) const FIRST_QUARTER: usize = 11;

/// The goal sheet, every field goalsheet reads (the quarters are columns 11–14). KPI sheets'
/// weight column is left out: weights score people, not goals.
pub(super) const GOAL_COLUMNS: [Column; 28] = [
    col(
        "ID",
        "编号",
        Input::Text,
        8.0,
        "A short unique id: O1 for an objective, KR1.1 for its key results.",
        "唯一编号：目标用 O1，关键结果用 KR1.1。",
    ),
    col(
        "Parent",
        "上级目标",
        Input::Text,
        10.0,
        "The id of the goal this one serves (blank for a top goal).",
        "本目标所支撑的上级目标编号（最上层目标留空）。",
    ),
    col(
        "Dimension",
        "目标维度",
        Input::List {
            list: List::Dimension,
            strict: false,
        },
        16.0,
        "One of the four dimensions: business growth, brand building, customer operations, marketing efficiency.",
        "四个维度之一：业务增长、品牌建设、客户运营、营销效率。",
    ),
    col(
        "Objective",
        "目标",
        Input::Text,
        26.0,
        "What the team wants to achieve, in one sentence.",
        "团队想要达成的结果，一句话说清。",
    ),
    col(
        "Key Result",
        "关键结果(KR)",
        Input::Text,
        30.0,
        "How you will know: a result with a number, not an activity (\"online revenue reaches 1,200\").",
        "衡量是否达成的结果，要有数字，而不是一项活动（如“线上销售额达到1,200万元”）。",
    ),
    col(
        "Metric",
        "衡量指标",
        Input::Text,
        14.0,
        "The one number that measures the key result (revenue, leads, conversion rate…).",
        "衡量该关键结果的指标（销售额、线索数、转化率等）。",
    ),
    col(
        "Unit",
        "单位",
        Input::List {
            list: List::Unit,
            strict: false,
        },
        8.0,
        "The metric's unit; % for rates (type 35% or 35).",
        "指标的单位；比率填 %（可写 35% 或 35）。",
    ),
    col(
        "Aggregation",
        "汇总方式",
        Input::List {
            list: List::Aggregation,
            strict: true,
        },
        10.0,
        "How the metric rolls up: sum (revenue, leads), level (followers, NPS: the year-end value), ratio (conversion, CAC). Blank: goalsheet decides from the metric's name.",
        "指标如何汇总：求和（销售额、线索）、期末（粉丝数、NPS：取年末值）、比率（转化率、获客成本）。留空则按指标名称判断。",
    ),
    col(
        "Direction",
        "方向",
        Input::List {
            list: List::Direction,
            strict: true,
        },
        12.0,
        "Higher or lower is better. Blank: higher, except costs, churn and bounce rates.",
        "越高越好或越低越好。留空时默认越高越好（成本、流失率、跳出率除外）。",
    ),
    col(
        "Baseline",
        "基线",
        AMOUNT,
        11.0,
        "Where the metric stands today (last year's actual).",
        "指标的现状（去年实际值）。",
    ),
    col(
        "Annual target",
        "全年目标",
        AMOUNT,
        12.0,
        "The number to reach by the due date.",
        "截止日期前要达到的数值。",
    ),
    col(
        "Q1",
        "一季度",
        AMOUNT,
        10.0,
        "The quarter's target: sum metrics add up to the annual target; level and rate metrics end the year at it.",
        "季度目标：求和类四个季度相加等于全年目标；期末值与比率类第四季度即为全年目标。",
    ),
    col("Q2", "二季度", AMOUNT, 10.0, "", ""),
    col("Q3", "三季度", AMOUNT, 10.0, "", ""),
    col("Q4", "四季度", AMOUNT, 10.0, "", ""),
    col(
        "Owner",
        "负责人",
        Input::Text,
        10.0,
        "One accountable person.",
        "一位对结果负责的人。",
    ),
    col(
        "Channel",
        "渠道",
        Input::List {
            list: List::Channel,
            strict: false,
        },
        12.0,
        "Where the result comes from; your own channel names work too.",
        "结果来自哪个渠道；也可以填写团队自己的渠道名称。",
    ),
    col(
        "Product line",
        "产品线",
        Input::Text,
        12.0,
        "The product line, when goals are split by product.",
        "按产品拆分目标时填写产品线。",
    ),
    col(
        "Start date",
        "开始日期",
        Input::Date,
        11.0,
        "When work on the goal starts.",
        "开始执行的日期。",
    ),
    col(
        "Due date",
        "截止日期",
        Input::Date,
        11.0,
        "When the target must be reached: a date, or a period such as Q3 or H1.",
        "达成目标的时间：日期，或季度、半年（如 Q3、上半年）。",
    ),
    col(
        "Budget",
        "预算",
        Input::Money,
        11.0,
        "The money set aside for the goal (a parent's budget may be the sum of its children's).",
        "为该目标安排的预算（上级目标的预算可以是下级之和）。",
    ),
    col(
        "Actual",
        "实际完成",
        AMOUNT,
        11.0,
        "The result so far this year, filled in during the year.",
        "年内截至目前的实际完成值，执行期间填写。",
    ),
    col(
        "Q1 Actual",
        "Q1实际",
        AMOUNT,
        10.0,
        "Each quarter's actual, filled in after the quarter.",
        "各季度实际完成值，季度结束后填写。",
    ),
    col("Q2 Actual", "Q2实际", AMOUNT, 10.0, "", ""),
    col("Q3 Actual", "Q3实际", AMOUNT, 10.0, "", ""),
    col("Q4 Actual", "Q4实际", AMOUNT, 10.0, "", ""),
    col(
        "Status",
        "状态",
        Input::List {
            list: List::Status,
            strict: false,
        },
        11.0,
        "Not started, in progress, done, at risk or on hold.",
        "未开始、进行中、已完成、有风险或已暂停。",
    ),
    col(
        "Notes",
        "备注",
        Input::Text,
        24.0,
        "Anything a reviewer should know: assumptions, what makes a big jump achievable.",
        "需要说明的内容：假设条件、凭什么能实现较大的跨越等。",
    ),
];

/// The action-plan sheet: what, who, when, how, with what.
pub(super) const ACTION_COLUMNS: [Column; 10] = [
    col(
        "Action ID",
        "编号",
        Input::Text,
        8.0,
        "A short unique id (A1, A2…).",
        "唯一编号（A1、A2…）。",
    ),
    col(
        "Goal ID",
        "所属目标",
        Input::Text,
        10.0,
        "The id of the goal the action serves.",
        "该行动所支撑的目标编号。",
    ),
    col(
        "Action",
        "做什么",
        Input::Text,
        28.0,
        "What will be done.",
        "要做的事情。",
    ),
    col(
        "How",
        "怎么做",
        Input::Text,
        28.0,
        "How it will be done.",
        "具体做法。",
    ),
    col(
        "Owner",
        "谁来做",
        Input::Text,
        10.0,
        "Who does it.",
        "执行人。",
    ),
    col(
        "Quarter",
        "执行季度",
        Input::List {
            list: List::Quarter,
            strict: true,
        },
        10.0,
        "The quarter the action runs in, for the timeline.",
        "行动所在的季度，便于排期。",
    ),
    col(
        "Start",
        "开始日期",
        Input::Date,
        11.0,
        "When it starts.",
        "开始日期。",
    ),
    col(
        "End",
        "结束日期",
        Input::Date,
        11.0,
        "When it ends (inside the goal's period).",
        "结束日期（应在目标期限内）。",
    ),
    col(
        "Resources",
        "需要什么资源",
        Input::Text,
        24.0,
        "People, tools and materials it needs.",
        "所需的人员、工具和物料。",
    ),
    col(
        "Budget",
        "预算",
        Input::Money,
        11.0,
        "Its share of the goal's budget.",
        "占用所属目标预算的金额。",
    ),
];

/// The budget sheet: one line per item, a contingency reserve, and a total.
pub(super) const BUDGET_COLUMNS: [Column; 4] = [
    col(
        "Item",
        "项目",
        Input::Text,
        22.0,
        "What the money is for.",
        "预算用途。",
    ),
    col(
        "Owner",
        "负责人",
        Input::Text,
        10.0,
        "Who spends it.",
        "预算负责人。",
    ),
    col(
        "Channel",
        "渠道",
        Input::List {
            list: List::Channel,
            strict: false,
        },
        12.0,
        "The channel it is spent on.",
        "投放的渠道。",
    ),
    col(
        "Amount",
        "金额",
        Input::Money,
        12.0,
        "The amount, in the plan's money unit.",
        "金额（与目标表的金额单位一致）。",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarter_columns_are_where_the_band_says() {
        let q: Vec<&str> = GOAL_COLUMNS[FIRST_QUARTER..FIRST_QUARTER + 4]
            .iter()
            .map(|c| c.en)
            .collect();
        assert_eq!(q, ["Q1", "Q2", "Q3", "Q4"]);
    }
}
