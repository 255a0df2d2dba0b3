//! Periods as teams write them: month columns instead of quarters, fiscal years, and long
//! layouts whose rows each carry one quarter's target, baseline, actual and due date. Each
//! kind in English and Chinese, as xlsx and CSV (fixtures/periods/, see its README), plus
//! small inputs built here.

mod common;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use goalsheet::Config;
use goalsheet::model::{Lang, LoadOptions, Plan, load_plan};
use goalsheet::rollup::{GroupBy, rollup};
use goalsheet::rules::{Finding, check_plan};

fn fixture(name: &str) -> PathBuf {
    common::fixture(&format!("periods/{name}"))
}

fn load_with(path: &Path, config: Config) -> Plan {
    let options = LoadOptions {
        config,
        ..LoadOptions::default()
    };
    load_plan(path, &options).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(path: &Path) -> Plan {
    load_with(path, Config::default())
}

fn config(toml: &str) -> Config {
    Config::from_toml(toml, Path::new("goalsheet.toml")).expect("config")
}

/// Per (owner, metric): [q1, q2, q3, q4, year].
type Rows = Vec<(String, String, [Option<f64>; 5])>;

fn owner_rollup(plan: &Plan, config: &Config) -> Rows {
    rollup(plan, config, &[GroupBy::Owner])
        .rows
        .into_iter()
        .map(|r| {
            let [q1, q2, q3, q4] = r.quarters;
            (
                r.keys[0].clone(),
                r.metric.clone(),
                [q1, q2, q3, q4, r.year],
            )
        })
        .collect()
}

fn row(owner: &str, metric: &str, v: [Option<f64>; 5]) -> (String, String, [Option<f64>; 5]) {
    (owner.to_string(), metric.to_string(), v)
}

fn all(v: [f64; 5]) -> [Option<f64>; 5] {
    v.map(Some)
}

/// (rule, cell) of every finding of these rules.
fn hits(findings: &[Finding], rules: &[&str]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = findings
        .iter()
        .filter(|f| rules.contains(&f.rule))
        .map(|f| {
            (
                f.rule.to_string(),
                f.cell.map_or_else(|| "-".into(), |c| c.a1()),
            )
        })
        .collect();
    out.sort();
    out
}

fn findings(plan: &Plan, config: &Config) -> Vec<Finding> {
    check_plan(plan, config, Lang::En)
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn due_of(plan: &Plan, id: &str) -> Option<NaiveDate> {
    plan.goal_by_id(id)
        .and_then(|g| g.due.value)
        .map(|span| span.end)
}

const T_AND_M005: [&str; 8] = [
    "T001", "T002", "T003", "T004", "T005", "T006", "T007", "M005",
];

// ---------------------------------------------------------------------------------------------
// Kind 3: months instead of quarters
// ---------------------------------------------------------------------------------------------

#[test]
fn month_columns_fold_into_quarters_by_metric_kind_in_both_languages_and_formats() {
    for (file, names) in [
        ("months_zh.xlsx", false),
        ("months_zh.csv", false),
        ("months_zh.ods", false),
        ("months_en.xlsx", true),
        ("months_en.csv", true),
    ] {
        let t = |zh: &'static str, en: &'static str| if names { en } else { zh };
        let plan = load(&fixture(file));
        let cfg = Config::default();
        // North/郑凯: 40+40+45 (or 40+45 with February blank in the English twin).
        let north_q1 = if names { 85.0 } else { 125.0 };
        assert_eq!(
            owner_rollup(&plan, &cfg),
            vec![
                row(
                    t("周立", "Zhou Li"),
                    t("销售额", "Revenue"),
                    all([260.0, 300.0, 310.0, 330.0, 1200.0])
                ),
                row(
                    t("吴倩", "Wu Qian"),
                    t("销售额", "Revenue"),
                    all([190.0, 220.0, 230.0, 260.0, 900.0])
                ),
                row(
                    t("郑凯", "Zheng Kai"),
                    t("销售额", "Revenue"),
                    all([north_q1, 145.0, 155.0, 185.0, 600.0])
                ),
                // A level takes the quarter's last month, a ratio the mean of its months.
                row(
                    t("周立", "Zhou Li"),
                    t("粉丝数", "Followers"),
                    all([43.0, 47.0, 54.0, 60.0, 60.0])
                ),
                row(
                    t("吴倩", "Wu Qian"),
                    t("复购率", "Repurchase rate"),
                    all([0.26, 0.29, 0.31, 0.34, 0.3])
                ),
            ],
            "{file}"
        );
        assert_eq!(plan.month_columns.len(), 12, "{file}");
        assert_eq!(
            plan.month_columns.first().map(|m| (m.month, m.col)),
            Some((1, 8)),
            "{file}"
        );
        // The formula columns are reported (unrecognised, or derived numbers), never read as
        // quarters, target or baseline.
        let unknown: Vec<&str> = plan
            .unknown_columns
            .iter()
            .chain(&plan.derived_columns)
            .map(|(_, t)| t.as_str())
            .collect();
        let formula_cols = if names {
            ["Per head", "Monthly average", "Monthly total", "Check"]
        } else {
            ["人均目标", "月均目标", "月度合计", "分解校验"]
        };
        for c in formula_cols {
            assert!(unknown.contains(&c), "{file}: {c} in {unknown:?}");
        }
        assert_eq!(plan.columns.get(&goalsheet::model::Field::Target), Some(&4));
        assert!(
            !plan.has_column(goalsheet::model::Field::Baseline),
            "{file}"
        );
        assert!(!plan.has_column(goalsheet::model::Field::Q1), "{file}");
        // Only North's months miss the year (610, or 570 with February blank, against 600), named as months.
        let f = findings(&plan, &cfg);
        assert_eq!(
            hits(&f, &["M005", "M003"]),
            vec![("M005".into(), "E8".into())],
            "{file}"
        );
        let m005 = f
            .iter()
            .find(|x| x.rule == "M005")
            .map(|x| x.message.clone());
        let total = if names { "570" } else { "610" };
        assert_eq!(
            m005,
            Some(format!(
                "goal row 8: the months sum to {total} but the annual target is 600 (gap {})",
                if names { "30" } else { "10" }
            )),
            "{file}"
        );
    }
}

/// A monthly CSV with these twelve month headers, one sum goal of 1,200.
fn monthly_csv(months: &[&str]) -> String {
    let mut s = String::from("编号,指标,全年目标,负责人,截止日期");
    for m in months {
        s.push(',');
        s.push_str(m);
    }
    s.push_str("\nG1,销售额,1200,周立,2026-12-31");
    for v in [80, 85, 95, 95, 100, 105, 100, 100, 110, 100, 110, 120] {
        s.push_str(&format!(",{v}"));
    }
    s.push('\n');
    s
}

#[test]
fn every_month_header_style_reads_as_months() {
    let styles: Vec<Vec<String>> = vec![
        [
            "一月",
            "二月",
            "三月",
            "四月",
            "五月",
            "六月",
            "七月",
            "八月",
            "九月",
            "十月",
            "十一月",
            "十二月",
        ]
        .map(String::from)
        .to_vec(),
        (1..=12).map(|m| format!("{m}月目标")).collect(),
        (1..=12).map(|m| format!("2026年{m}月")).collect(),
        (1..=12).map(|m| format!("2026-{m:02}")).collect(),
        (1..=12).map(|m| format!("M{m}")).collect(),
        [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ]
        .map(String::from)
        .to_vec(),
        [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ]
        .map(|m| format!("{m} Target"))
        .to_vec(),
    ];
    let dir = common::Workdir::new();
    for (i, style) in styles.iter().enumerate() {
        let heads: Vec<&str> = style.iter().map(String::as_str).collect();
        let path = dir.write(&format!("m{i}.csv"), monthly_csv(&heads));
        let plan = load(&path);
        assert_eq!(
            owner_rollup(&plan, &Config::default()),
            vec![row(
                "周立",
                "销售额",
                all([260.0, 300.0, 310.0, 330.0, 1200.0])
            )],
            "{heads:?}"
        );
        assert!(
            plan.unknown_columns.is_empty(),
            "{heads:?}: {:?}",
            plan.unknown_columns
        );
        let f = findings(&plan, &Config::default());
        assert!(hits(&f, &T_AND_M005).is_empty(), "{heads:?}: {f:?}");
    }
}

#[test]
fn quarters_given_beside_months_are_checked_against_them() {
    for file in ["months_quarters_zh.xlsx", "months_quarters_zh.csv"] {
        let plan = load(&fixture(file));
        let f = findings(&plan, &Config::default());
        // G2's 二季度 says 320, April–June add up to 300; G1 agrees everywhere.
        assert_eq!(
            hits(&f, &["M005"]),
            vec![("M005".into(), "G3".into())],
            "{file}"
        );
        let m = f
            .iter()
            .find(|x| x.rule == "M005")
            .map(|x| x.message.as_str());
        assert_eq!(m, Some("goal G2: Q2 is 320 but its months add up to 300"));
        // The quarters are the sheet's own, not the months'.
        let g2 = plan.goal_by_id("G2").expect("G2");
        assert_eq!(g2.quarters[1].value, Some(320.0));
        assert_eq!(g2.folded_quarters, [false; 4]);
    }
}

#[test]
fn the_feishu_monthly_case_reads_as_its_expected_facts() {
    for file in ["f01_feishu_monthly.xlsx", "f01_feishu_monthly.csv"] {
        let plan = load(&fixture(file));
        assert_eq!(plan.goals.len(), 4);
        assert_eq!(plan.header_rows, vec![3]);
        assert_eq!(
            plan.totals.iter().map(|t| t.row + 1).collect::<Vec<_>>(),
            vec![9]
        );
        let letters = |f| {
            plan.columns
                .get(&f)
                .map(|c| goalsheet::model::CellPos::column_letters(*c))
        };
        use goalsheet::model::Field;
        assert_eq!(letters(Field::Owner).as_deref(), Some("C"));
        assert_eq!(letters(Field::Metric).as_deref(), Some("D"));
        assert_eq!(letters(Field::Target).as_deref(), Some("E"));
        assert_ne!(letters(Field::Q1).as_deref(), Some("I"));
        assert_ne!(letters(Field::Baseline).as_deref(), Some("G"));
        let cfg = Config::default();
        assert_eq!(
            owner_rollup(&plan, &cfg),
            vec![
                row("周立", "销售额", all([560.0, 700.0, 670.0, 770.0, 2700.0])),
                row("吴倩", "销售额", all([190.0, 220.0, 230.0, 260.0, 900.0])),
                row("郑凯", "销售额", all([125.0, 145.0, 155.0, 175.0, 600.0])),
            ],
            "{file}"
        );
        let f = findings(&plan, &cfg);
        assert!(
            hits(&f, &["M005", "D003", "M003"]).is_empty(),
            "{file}: {f:?}"
        );
    }
}

#[test]
fn the_cli_rolls_the_months_up_in_json() {
    let out = common::goalsheet()
        .args(["rollup", "--by", "owner", "--format", "json"])
        .arg(fixture("f01_feishu_monthly.xlsx"))
        .output()
        .expect("run");
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let zhou = v["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["owner"] == "周立"))
        .expect("周立");
    assert_eq!(
        [
            &zhou["q1"],
            &zhou["q2"],
            &zhou["q3"],
            &zhou["q4"],
            &zhou["year"]
        ]
        .map(|x| x.as_f64()),
        [
            Some(560.0),
            Some(700.0),
            Some(670.0),
            Some(770.0),
            Some(2700.0)
        ]
    );
    let out = common::goalsheet()
        .args(["inspect", "--format", "json"])
        .arg(fixture("f01_feishu_monthly.csv"))
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["months"].as_array().map(Vec::len), Some(12));
    assert_eq!(v["months"][0]["column"], "I");
    assert_eq!(v["fiscal_year"]["first_month"], 1);
}

// ---------------------------------------------------------------------------------------------
// Kind 4: fiscal years
// ---------------------------------------------------------------------------------------------

#[test]
fn the_april_fiscal_case_reads_as_its_expected_facts() {
    for file in ["f08_fiscal_april.xlsx", "f08_fiscal_april.csv"] {
        let plan = load(&fixture(file));
        assert_eq!(plan.goals.len(), 5);
        assert_eq!(plan.header_rows, vec![2]);
        assert_eq!(plan.plan_year, Some(2026));
        assert_eq!(plan.fiscal.first_month, 4);
        let span = plan.year_span().expect("span");
        assert_eq!((span.start, span.end), (day(2026, 4, 1), day(2027, 3, 31)));
        let cfg = Config::default();
        assert_eq!(
            owner_rollup(&plan, &cfg),
            vec![
                row(
                    "Aisha Patel",
                    "Revenue",
                    all([1000000.0, 1250000.0, 2000000.0, 1150000.0, 5400000.0])
                ),
                row(
                    "Rohan Mehta",
                    "Leads",
                    all([7000.0, 4500.0, 5000.0, 4500.0, 21000.0])
                ),
                row(
                    "Kavya Iyer",
                    "Followers",
                    all([130000.0, 140000.0, 150000.0, 160000.0, 160000.0])
                ),
            ],
            "{file}"
        );
        let f = findings(&plan, &cfg);
        assert!(
            hits(&f, &["T003", "T006", "M005", "T002"]).is_empty(),
            "{file}: {f:?}"
        );
    }
    let out = common::goalsheet()
        .args(["inspect", "--format", "json"])
        .arg(fixture("f08_fiscal_april.xlsx"))
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["plan_year"], 2026);
    assert_eq!(v["fiscal_year"]["first_month"], 4);
    assert_eq!(v["fiscal_year"]["source"], "title");
    assert_eq!(v["fiscal_year"]["start"], "2026-04-01");
    assert_eq!(v["fiscal_year"]["end"], "2027-03-31");
}

#[test]
fn a_chinese_fiscal_year_in_the_title_reads_periods_in_it_and_still_finds_real_faults() {
    for file in ["fiscal_zh.xlsx", "fiscal_zh.csv", "fiscal_zh.ods"] {
        let plan = load(&fixture(file));
        assert_eq!(
            (plan.plan_year, plan.fiscal.first_month),
            (Some(2026), 4),
            "{file}"
        );
        assert_eq!(due_of(&plan, "Z1"), Some(day(2027, 3, 31)));
        assert_eq!(due_of(&plan, "Z2"), Some(day(2027, 3, 31)));
        // `Q3` is October–December, `2026财年` the whole fiscal year, `上半年` April–September.
        assert_eq!(due_of(&plan, "Z3"), Some(day(2026, 12, 31)));
        assert_eq!(due_of(&plan, "Z4"), Some(day(2027, 3, 31)));
        assert_eq!(due_of(&plan, "Z5"), Some(day(2026, 9, 30)));
        let f = findings(&plan, &Config::default());
        // Z6 is due after the fiscal year; Z7 is due in September with Q3/Q4 targets.
        assert_eq!(
            hits(&f, &T_AND_M005),
            vec![("T003".into(), "L9".into()), ("T006".into(), "I10".into())],
            "{file}"
        );
        // One T006 for Z7, on its first late quarter, naming both.
        let t006 = f
            .iter()
            .find(|x| x.rule == "T006")
            .map(|x| x.message.as_str());
        assert!(
            t006.is_some_and(|m| m.ends_with("later quarters: Q3 1,000, Q4 1,000")),
            "{t006:?}"
        );
        let t003 = f
            .iter()
            .find(|x| x.rule == "T003")
            .map(|x| x.message.as_str());
        assert_eq!(
            t003,
            Some("goal Z6 is due 2027-06-30, outside the plan year FY2026 (2026-04 – 2027-03)")
        );
    }
}

#[test]
fn a_july_year_stated_by_its_quarter_headers() {
    for file in ["fiscal_july.xlsx", "fiscal_july.csv"] {
        let plan = load(&fixture(file));
        assert_eq!(
            (plan.plan_year, plan.fiscal.first_month),
            (Some(2026), 7),
            "{file}"
        );
        assert_eq!(due_of(&plan, "J1"), Some(day(2027, 6, 30)));
        // H1 of a July year ends in December, its Q3 in March.
        assert_eq!(due_of(&plan, "J2"), Some(day(2026, 12, 31)));
        assert_eq!(due_of(&plan, "J3"), Some(day(2027, 3, 31)));
        let f = findings(&plan, &Config::default());
        assert!(hits(&f, &T_AND_M005).is_empty(), "{file}: {f:?}");
    }
}

#[test]
fn twelve_months_from_april_fold_into_fiscal_quarters() {
    for file in ["fiscal_months_zh.xlsx", "fiscal_months_zh.csv"] {
        let plan = load(&fixture(file));
        assert_eq!(plan.fiscal.first_month, 4, "{file}");
        assert_eq!(
            owner_rollup(&plan, &Config::default()),
            vec![row(
                "林涛",
                "销售额",
                all([300.0, 450.0, 600.0, 150.0, 1500.0])
            )],
            "{file}"
        );
        let f = findings(&plan, &Config::default());
        assert!(hits(&f, &T_AND_M005).is_empty(), "{file}: {f:?}");
    }
}

const OCTOBER_CSV: &str = "\
ID,Goal,Metric,Target,Q1,Q2,Q3,Q4,Owner,Due
K1,Holiday revenue,Revenue,900,900,0,0,0,Ana Ruiz,2026-12-31
K2,Annual leads,Leads,4000,1000,1000,1000,1000,Ana Ruiz,2027-09-30
K3,Spring leads,Leads,500,0,0,500,0,Ana Ruiz,Q3
";

#[test]
fn the_config_sets_the_first_month_and_without_it_the_calendar_year_holds() {
    let dir = common::Workdir::new();
    let path = dir.write("october.csv", OCTOBER_CSV);
    let october = config("[plan]\nfiscal_year_start = 10\n");
    let plan = load_with(&path, october.clone());
    assert_eq!((plan.plan_year, plan.fiscal.first_month), (Some(2026), 10));
    // Q3 of an October year is April–June.
    assert_eq!(due_of(&plan, "K3"), Some(day(2027, 6, 30)));
    assert!(hits(&findings(&plan, &october), &T_AND_M005).is_empty());
    // The same sheet in a calendar year: K2 is due in another year.
    let plan = load(&path);
    assert_eq!((plan.plan_year, plan.fiscal.first_month), (Some(2026), 1));
    let f = findings(&plan, &Config::default());
    assert!(
        hits(&f, &["T003"]).contains(&("T003".into(), "J3".into())),
        "{f:?}"
    );
    assert!(Config::from_toml("[plan]\nfiscal_year_start = 13\n", Path::new("x.toml")).is_err());
}

#[test]
fn the_cli_reads_the_fiscal_year_from_the_config_file() {
    let dir = common::Workdir::new();
    let path = dir.write("october.csv", OCTOBER_CSV);
    let cfg = dir.write("goalsheet.toml", "[plan]\nfiscal_year_start = 10\n");
    let out = common::goalsheet()
        .args(["inspect", "--format", "json", "--config"])
        .arg(&cfg)
        .arg(&path)
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["fiscal_year"]["first_month"], 10);
    assert_eq!(v["fiscal_year"]["source"], "config");
    assert_eq!(v["fiscal_year"]["end"], "2027-09-30");
}

// ---------------------------------------------------------------------------------------------
// Kind 10: long layouts carry per-period fields
// ---------------------------------------------------------------------------------------------

#[test]
fn long_rows_carry_their_quarters_due_dates_baselines_and_actuals() {
    for (file, en) in [
        ("long_periods_en.xlsx", true),
        ("long_periods_en.csv", true),
        ("long_periods_en.ods", true),
        ("long_periods_zh.xlsx", false),
        ("long_periods_zh.csv", false),
    ] {
        let t = |zh: &'static str, e: &'static str| if en { e } else { zh };
        let plan = load(&fixture(file));
        assert_eq!(plan.goals.len(), 4, "{file}");
        let l1 = plan.goal_by_id("L1").expect("L1");
        // Due on its latest row, not its first; the baseline is the quarters' sum.
        assert_eq!(
            l1.due.value.map(|d| d.end),
            Some(day(2026, 12, 31)),
            "{file}"
        );
        assert_eq!(l1.baseline.value, Some(4600.0), "{file}");
        assert_eq!(
            l1.actual_quarters.each_ref().map(|a| a.value),
            [Some(1450.0), Some(1820.0), None, None]
        );
        // A level's baseline is the last quarter's.
        let l2 = plan.goal_by_id("L2").expect("L2");
        assert_eq!(l2.baseline.value, Some(56000.0), "{file}");
        let cfg = Config::default();
        assert_eq!(
            owner_rollup(&plan, &cfg),
            vec![
                row(
                    t("赵敏", "Dana Ward"),
                    t("线索", "Leads"),
                    all([1500.0, 1800.0, 1700.0, 2000.0, 7000.0])
                ),
                row(
                    t("赵敏", "Dana Ward"),
                    t("粉丝数", "Followers"),
                    all([60000.0, 65000.0, 70000.0, 80000.0, 80000.0])
                ),
                // L3's annual row and Q1..Q4, L4's first Q1 and Q2; the bad rows not counted.
                row(
                    t("钱峰", "Sam Lee"),
                    t("销售额", "Revenue"),
                    all([800.0, 800.0, 500.0, 500.0, 2600.0])
                ),
            ],
            "{file}"
        );
        let f = findings(&plan, &cfg);
        // The quarter that does not exist, the repeated Q2 and Q0 — each on its own row.
        assert_eq!(
            hits(&f, &T_AND_M005),
            vec![
                ("T007".into(), "E15".into()),
                ("T007".into(), "E18".into()),
                ("T007".into(), "E19".into()),
            ],
            "{file}"
        );
        // No growth of 7× over one quarter's baseline.
        assert!(hits(&f, &["A001"]).is_empty(), "{file}: {f:?}");
        let t007: Vec<&str> = f
            .iter()
            .filter(|x| x.rule == "T007")
            .map(|x| x.message.as_str())
            .collect();
        let bad = if en { "2026Q5" } else { "Q7" };
        assert_eq!(
            t007[0],
            format!(
                "goal L3: period \"{bad}\" is not a quarter (Q1–Q4), a month or the year; the row is not counted"
            )
        );
        assert!(t007[1].contains("repeats Q2"), "{t007:?}");
    }
}

const LONG_DUES_CSV: &str = "\
ID,Goal,Metric,Quarter,Baseline,Target,Owner,Due date
G1,Leads from events,Leads,Q1,100,150,Ann Poe,2026-03-31
G1,Leads from events,Leads,Q2,120,180,Ann Poe,2026-06-30
G1,Leads from events,Leads,Q3,130,190,Ann Poe,2026-09-30
G1,Leads from events,Leads,Q4,150,230,Ann Poe,2026-12-31
";

#[test]
fn a_goal_due_each_quarter_is_due_on_its_last_and_its_growth_is_measured_on_the_year() {
    let dir = common::Workdir::new();
    let plan = load(&dir.write("dues.csv", LONG_DUES_CSV));
    let g = plan.goal_by_id("G1").expect("G1");
    assert_eq!(g.due.value.map(|d| d.end), Some(day(2026, 12, 31)));
    assert_eq!(g.due.cell.map(|c| c.a1()).as_deref(), Some("H5"));
    assert_eq!(g.baseline.value, Some(500.0));
    let f = findings(&plan, &Config::default());
    assert!(hits(&f, &["T006", "A001", "T007"]).is_empty(), "{f:?}");
    assert_eq!(
        owner_rollup(&plan, &Config::default()),
        vec![row(
            "Ann Poe",
            "Leads",
            all([150.0, 180.0, 190.0, 230.0, 750.0])
        )]
    );
}

// ---------------------------------------------------------------------------------------------
// OKR trackers with one quarter per key result
// ---------------------------------------------------------------------------------------------

#[test]
fn a_quarter_on_each_key_result_dates_it_and_places_its_target() {
    // Start/Target/Current Value are read through the config here, as a team would set them.
    let okr = config(
        "[headers]\nbaseline = [\"Start Value\"]\ntarget = [\"Target Value\"]\nactual = [\"Current Value\"]\n",
    );
    for (file, cfg) in [
        ("okr_quarter_en.xlsx", okr.clone()),
        ("okr_quarter_en.csv", okr.clone()),
        ("okr_quarter_zh.xlsx", Config::default()),
        ("okr_quarter_zh.csv", Config::default()),
    ] {
        let plan = load_with(&fixture(file), cfg.clone());
        assert_eq!(plan.goals.len(), 6, "{file}");
        for g in &plan.goals {
            assert_eq!(g.due.value.map(|d| d.end), Some(day(2026, 6, 30)), "{file}");
        }
        let rows = owner_rollup(&plan, &cfg);
        let find = |owner: &str, metric: &str| {
            rows.iter()
                .find(|r| r.0 == owner && r.1 == metric)
                .map(|r| r.2)
        };
        let en = file.contains("_en");
        let (sessions, subs, revenue) = if en {
            (
                ("Nadia Haddad", "Organic sessions"),
                ("Nadia Haddad", "Subscribers"),
                ("Ines Costa", "Revenue"),
            )
        } else {
            (("马丽", "自然流量"), ("马丽", "粉丝数"), ("宋佳", "销售额"))
        };
        assert_eq!(
            find(sessions.0, sessions.1),
            Some([None, Some(120000.0), None, None, Some(120000.0)]),
            "{file}"
        );
        assert_eq!(
            find(revenue.0, revenue.1),
            Some([None, Some(450000.0), None, None, Some(450000.0)]),
            "{file}"
        );
        // A level stated for one quarter is where it should stand by then: its target.
        assert_eq!(
            find(subs.0, subs.1),
            Some([None, None, None, None, Some(30000.0)]),
            "{file}"
        );
        let f = findings(&plan, &cfg);
        assert!(
            hits(&f, &["T001", "T002", "M002", "M007", "T007"]).is_empty(),
            "{file}: {f:?}"
        );
    }
}

const LONG_MONTHS_CSV: &str = "\
编号,目标,指标,月份,目标值,负责人
M1,线上销售额,销售额,2026-01,80,周立
M1,线上销售额,销售额,2026-02,85,周立
M1,线上销售额,销售额,2026-03,95,周立
M1,线上销售额,销售额,2026-04,95,周立
M1,线上销售额,销售额,2026-05,100,周立
M1,线上销售额,销售额,2026-06,105,周立
M1,线上销售额,销售额,2026-06,999,周立
M2,粉丝数,粉丝数,1月,41,吴倩
M2,粉丝数,粉丝数,2月,42,吴倩
M2,粉丝数,粉丝数,3月,43,吴倩
M2,粉丝数,粉丝数,4月,45,吴倩
";

#[test]
fn a_long_layout_by_month_folds_its_rows_into_quarters() {
    let dir = common::Workdir::new();
    let plan = load(&dir.write("long_months.csv", LONG_MONTHS_CSV));
    assert_eq!(plan.goals.len(), 2);
    assert_eq!(
        owner_rollup(&plan, &Config::default()),
        vec![
            row(
                "周立",
                "销售额",
                [Some(260.0), Some(300.0), None, None, Some(560.0)]
            ),
            row(
                "吴倩",
                "粉丝数",
                [Some(43.0), Some(45.0), None, None, Some(45.0)]
            ),
        ]
    );
    // Dated by the latest month; the repeated June row is named, not added.
    assert_eq!(due_of(&plan, "M1"), Some(day(2026, 6, 30)));
    assert_eq!(due_of(&plan, "M2"), Some(day(2026, 4, 30)));
    let f = findings(&plan, &Config::default());
    assert_eq!(
        hits(&f, &T_AND_M005),
        vec![("T007".into(), "D8".into())],
        "{f:?}"
    );
    let m = f
        .iter()
        .find(|x| x.rule == "T007")
        .map(|x| x.message.as_str());
    assert_eq!(
        m,
        Some(
            "goal M1: period \"2026-06\" repeats month 6, which an earlier row already gives; the row is not counted"
        )
    );
}

#[test]
fn month_headers_stored_as_dates_read_as_months() {
    // Excel turns a typed `2026-01` into a date shown as `yyyy-mm`.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm");
    for (c, h) in ["ID", "Metric", "Annual target", "Owner", "Due"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    let months = [
        80.0, 85.0, 95.0, 95.0, 100.0, 105.0, 100.0, 100.0, 110.0, 100.0, 110.0, 120.0,
    ];
    for m in 1..=12u8 {
        let date = rust_xlsxwriter::ExcelDateTime::from_ymd(2026, m, 1).expect("date");
        let col = 4 + u16::from(m);
        ws.write_datetime_with_format(0, col, &date, &fmt)
            .expect("write");
        ws.write_number(1, col, months[usize::from(m) - 1])
            .expect("write");
    }
    for (c, v) in ["G1", "Revenue", "", "Ann Poe", "2026-12-31"]
        .iter()
        .enumerate()
    {
        if !v.is_empty() {
            ws.write_string(1, c as u16, *v).expect("write");
        }
    }
    ws.write_number(1, 2, 1200.0).expect("write");
    let dir = common::Workdir::new();
    let path = dir.path("dated_months.xlsx");
    wb.save(&path).expect("save");
    let plan = load(&path);
    assert_eq!(plan.month_columns.len(), 12);
    assert_eq!(
        owner_rollup(&plan, &Config::default()),
        vec![row(
            "Ann Poe",
            "Revenue",
            all([260.0, 300.0, 310.0, 330.0, 1200.0])
        )]
    );
}

// ---------------------------------------------------------------------------------------------
// The review copy: folded quarters as live formulas, and it reads back the same
// ---------------------------------------------------------------------------------------------

/// (rule, cell) of every finding `check --format json` reports for a file.
fn checked(path: &Path) -> Vec<(String, Option<String>)> {
    let out = common::goalsheet()
        .args(["check", "--format", "json"])
        .arg(path)
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut hits: Vec<(String, Option<String>)> = v["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["cell"].as_str().map(str::to_string),
            )
        })
        .collect();
    hits.sort();
    hits
}

#[test]
fn the_review_copy_shows_folded_quarters_and_reads_back_the_same() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = common::Workdir::new();
    for (file, by_owner, want) in [
        (
            "months_zh.xlsx",
            "按负责人",
            [260.0, 300.0, 310.0, 330.0, 1200.0],
        ),
        (
            "months_en.csv",
            "By owner",
            [260.0, 300.0, 310.0, 330.0, 1200.0],
        ),
        (
            "fiscal_months_zh.csv",
            "按负责人",
            [300.0, 450.0, 600.0, 150.0, 1500.0],
        ),
        (
            "long_periods_en.csv",
            "By owner",
            [1500.0, 1800.0, 1700.0, 2000.0, 7000.0],
        ),
    ] {
        let input = dir.path(file);
        std::fs::copy(fixture(file), &input).expect("copy");
        let out = dir.path(&format!("{file}.reviewed.xlsx"));
        let status = common::goalsheet()
            .arg("review")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .output()
            .expect("run");
        assert!(status.status.success(), "{file}");
        // The first rollup row's Q1..Q4 and year, as stored results of live formulas (the
        // table's header is on row 6, under the as-of date and the elapsed shares).
        let mut wb: Xlsx<_> = open_workbook(&out).expect("open");
        let range = wb.worksheet_range(by_owner).expect("sheet");
        let got: Vec<Option<f64>> = (4..9)
            .map(|c| match range.get_value((6, c)) {
                Some(Data::Float(v)) => Some(*v),
                Some(Data::Int(v)) => Some(*v as f64),
                _ => None,
            })
            .collect();
        assert_eq!(got, want.map(Some).to_vec(), "{file}");
        let formulas = wb.worksheet_formula(by_owner).expect("formulas");
        assert!(
            formulas
                .get_value((6, 4))
                .is_some_and(|f| f.starts_with("SUMIFS(")),
            "{file}"
        );
        // Reviewing never writes a folded or summed value into a cell of the plan.
        assert_eq!(checked(&out), checked(&input), "{file}");
    }
}

const JULY_END_NAMED_EN: &str = "\
FY2027 Marketing Plan (Jul 2026 – Jun 2027),,,,,,,,,
,,,,,,,,,
ID,Goal,Metric,Target,Q1,Q2,Q3,Q4,Owner,Due
E1,Grow revenue,Revenue,2000,500,500,500,500,Ana Ruiz,FY2027
E2,Holiday revenue,Revenue,800,0,800,0,0,Ana Ruiz,Q2
E3,Spring leads,Leads,300,0,0,0,300,Ana Ruiz,2027-06-30
E4,Next year's launch,Leads,100,100,0,0,0,Ana Ruiz,2027-09-30
";

const JULY_END_NAMED_ZH: &str = "\
2027财年营销目标（2026年7月-2027年6月）,,,,,,,,,
编号,目标,指标,全年目标,一季度,二季度,三季度,四季度,负责人,截止日期
E1,销售额增长,销售额,2000,500,500,500,500,林涛,2027财年
E2,双十一销售额,销售额,800,0,800,0,0,林涛,二季度
E3,春季线索,线索,300,0,0,0,300,林涛,2027年6月30日
E4,新财年发布,线索,100,100,0,0,0,林涛,2027年9月30日
";

#[test]
fn a_fiscal_year_named_by_the_year_it_ends_in() {
    let dir = common::Workdir::new();
    for (name, text) in [
        ("july_en.csv", JULY_END_NAMED_EN),
        ("july_zh.csv", JULY_END_NAMED_ZH),
    ] {
        let plan = load(&dir.write(name, text));
        assert_eq!(plan.plan_year, Some(2027), "{name}");
        assert_eq!(
            (plan.fiscal.first_month, plan.fiscal.named_by_end),
            (7, true),
            "{name}"
        );
        let span = plan.year_span().expect("span");
        assert_eq!((span.start, span.end), (day(2026, 7, 1), day(2027, 6, 30)));
        assert_eq!(due_of(&plan, "E1"), Some(day(2027, 6, 30)), "{name}");
        assert_eq!(due_of(&plan, "E2"), Some(day(2026, 12, 31)), "{name}");
        let f = findings(&plan, &Config::default());
        // Only E4, due after FY2027 ends.
        let row = if name.contains("en") { "J7" } else { "J6" };
        assert_eq!(
            hits(&f, &T_AND_M005),
            vec![("T003".into(), row.into())],
            "{name}: {f:?}"
        );
        let t003 = f
            .iter()
            .find(|x| x.rule == "T003")
            .map(|x| x.message.clone());
        assert!(
            t003.is_some_and(|m| m.contains("FY2027 (2026-07 – 2027-06)")),
            "{name}"
        );
    }
    // The config can say so for a sheet that does not.
    let plain = "ID,Goal,Metric,Target,Owner,Due\nE1,Grow revenue,Revenue,2000,Ana Ruiz,FY2027\n";
    let cfg = config("[plan]\nfiscal_year_start = 7\nfiscal_year_named_by = \"end\"\n");
    let plan = load_with(&dir.write("plain.csv", plain), cfg);
    assert_eq!(due_of(&plan, "E1"), Some(day(2027, 6, 30)));
    assert!(
        Config::from_toml(
            "[plan]\nfiscal_year_named_by = \"middle\"\n",
            Path::new("x")
        )
        .is_err()
    );
}

#[test]
fn a_quarter_of_another_year_is_named_not_counted() {
    let dir = common::Workdir::new();
    for (name, text, row) in [
        (
            "next_year_en.csv",
            "ID,Goal,Metric,Quarter,Target,Owner\n\
             N1,Leads,Leads,2026Q1,100,Ann Poe\nN1,Leads,Leads,2026Q2,100,Ann Poe\n\
             N1,Leads,Leads,2026Q3,100,Ann Poe\nN1,Leads,Leads,2026Q4,100,Ann Poe\n\
             N1,Leads,Leads,2027Q1,100,Ann Poe\n",
            "D6",
        ),
        (
            "next_year_zh.csv",
            "编号,目标,指标,季度,目标值,负责人\n\
             N1,线索,线索,2026年第一季度,100,周立\nN1,线索,线索,2026年第二季度,100,周立\n\
             N1,线索,线索,2027年第一季度,100,周立\n",
            "D4",
        ),
    ] {
        let plan = load(&dir.write(name, text));
        assert_eq!(plan.plan_year, Some(2026), "{name}");
        let f = findings(&plan, &Config::default());
        assert_eq!(
            hits(&f, &T_AND_M005),
            vec![("T007".into(), row.into())],
            "{name}: {f:?}"
        );
        let year = owner_rollup(&plan, &Config::default())[0].2[4];
        assert_eq!(
            year,
            Some(if name.contains("en") { 400.0 } else { 200.0 }),
            "{name}"
        );
    }
}

#[test]
fn the_review_summary_shows_the_fiscal_year() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = common::Workdir::new();
    let input = dir.path("fiscal_zh.xlsx");
    std::fs::copy(fixture("fiscal_zh.xlsx"), &input).expect("copy");
    let out = dir.path("fiscal_zh.reviewed.xlsx");
    let run = common::goalsheet()
        .arg("review")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run");
    assert!(run.status.success());
    let mut wb: Xlsx<_> = open_workbook(&out).expect("open");
    let summary = wb.worksheet_range("概览").expect("summary");
    let shown = summary
        .cells()
        .any(|(_, _, v)| matches!(v, Data::String(s) if s == "FY2026 (2026-04 – 2027-03)"));
    assert!(shown);
}

#[test]
fn months_under_a_band_make_a_two_row_header() {
    let dir = common::Workdir::new();
    let months = [
        80.0, 85.0, 95.0, 95.0, 100.0, 105.0, 100.0, 100.0, 110.0, 100.0, 110.0, 120.0,
    ];
    let values: Vec<String> = months.iter().map(|v| v.to_string()).collect();
    // CSV (zh): the band in its first cell only.
    let zh = format!(
        "编号,指标,全年目标,负责人,月度目标,,,,,,,,,,,\n,,,,{}\nG1,销售额,1200,周立,{}\n",
        (1..=12)
            .map(|m| format!("{m}月"))
            .collect::<Vec<_>>()
            .join(","),
        values.join(",")
    );
    // xlsx (en): the band merged over Jan..Dec.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in ["ID", "Metric", "Annual target", "Owner"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).expect("write");
    }
    ws.merge_range(
        0,
        4,
        0,
        15,
        "Monthly targets",
        &rust_xlsxwriter::Format::new(),
    )
    .expect("merge");
    let names = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    for (i, (name, v)) in names.iter().zip(months).enumerate() {
        ws.write_string(1, 4 + i as u16, *name).expect("write");
        ws.write_number(2, 4 + i as u16, v).expect("write");
    }
    for (c, v) in ["G1", "Revenue"].iter().enumerate() {
        ws.write_string(2, c as u16, *v).expect("write");
    }
    ws.write_number(2, 2, 1200.0).expect("write");
    ws.write_string(2, 3, "Ann Poe").expect("write");
    let xlsx = dir.path("band.xlsx");
    wb.save(&xlsx).expect("save");
    for (path, owner, metric) in [
        (dir.write("band.csv", zh), "周立", "销售额"),
        (xlsx, "Ann Poe", "Revenue"),
    ] {
        let plan = load(&path);
        assert_eq!(plan.header_rows, vec![0, 1], "{}", path.display());
        assert_eq!(plan.goals.len(), 1);
        assert_eq!(plan.month_columns.len(), 12);
        assert_eq!(
            owner_rollup(&plan, &Config::default()),
            vec![row(
                owner,
                metric,
                all([260.0, 300.0, 310.0, 330.0, 1200.0])
            )]
        );
    }
}

#[test]
fn a_monthly_plan_without_an_annual_column_shows_its_year_in_the_review_copy() {
    use calamine::{Data, Reader, Xlsx, open_workbook};
    let dir = common::Workdir::new();
    let mut text = String::from("编号,指标,负责人,截止日期");
    for m in 1..=12 {
        text.push_str(&format!(",{m}月"));
    }
    text.push_str("\nG1,销售额,周立,2026-12-31,80,85,95,95,100,105,100,100,110,100,110,120\n");
    let input = dir.write("no_annual.csv", text);
    let plan = load(&input);
    assert_eq!(
        owner_rollup(&plan, &Config::default()),
        vec![row(
            "周立",
            "销售额",
            all([260.0, 300.0, 310.0, 330.0, 1200.0])
        )]
    );
    let out = dir.path("no_annual.reviewed.xlsx");
    let run = common::goalsheet()
        .arg("review")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("run");
    assert!(run.status.success());
    let mut wb: Xlsx<_> = open_workbook(&out).expect("open");
    let range = wb.worksheet_range("按负责人").expect("sheet");
    // The first rollup row (row 7, under the header on row 6).
    let got: Vec<Option<f64>> = (4..9)
        .map(|c| match range.get_value((6, c)) {
            Some(Data::Float(v)) => Some(*v),
            Some(Data::Int(v)) => Some(*v as f64),
            _ => None,
        })
        .collect();
    assert_eq!(got, [260.0, 300.0, 310.0, 330.0, 1200.0].map(Some).to_vec());
}
