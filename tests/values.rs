//! How values are written (DESIGN §2 "Values"), end to end on the `values_*` fixtures and on
//! small files written here: one decimal-mark convention per file (European exports, amounts
//! typed as text in workbooks, files that give no evidence), qualified targets and ranges,
//! ranks, unit-cost metrics, and dotted due dates.

mod common;

use std::path::Path;

use common::{Workdir, fixture, goalsheet};
use goalsheet::model::{
    Aggregation, AggregationSource, Direction, Field, LoadOptions, ValueQualifier, classify_metric,
    load_plan,
};
use goalsheet::parse::{NumberConvention, Qualifier};
use serde_json::Value;

fn json_of(args: &[&str], file: &Path) -> Value {
    let out = goalsheet().args(args).arg(file).output().expect("run");
    assert!(
        out.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

fn rollup(file: &Path) -> Value {
    json_of(&["rollup", "--format", "json", "--by", "owner"], file)
}

/// `(q1, q2, q3, q4, year)` of the rollup row for an owner and metric.
fn row(j: &Value, owner: &str, metric: &str) -> [Value; 5] {
    let r = j["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| r["owner"] == owner && r["metric"] == metric)
        .unwrap_or_else(|| panic!("no row {owner} / {metric} in {j:#}"));
    ["q1", "q2", "q3", "q4", "year"].map(|k| r[k].clone())
}

fn budget(j: &Value, owner: &str) -> Option<f64> {
    j["budget"]
        .as_array()
        .expect("budget")
        .iter()
        .find(|b| b["owner"] == owner)
        .and_then(|b| b["budget"].as_f64())
}

/// `(rule, cell)` of every finding of `check`.
fn findings(file: &Path) -> Vec<(String, String)> {
    let j = json_of(&["check", "--format", "json"], file);
    j["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["rule"].as_str().unwrap_or_default().to_string(),
                f["cell"].as_str().unwrap_or("-").to_string(),
            )
        })
        .collect()
}

fn cells_of(found: &[(String, String)], rule: &str) -> Vec<String> {
    found
        .iter()
        .filter(|(r, _)| r == rule)
        .map(|(_, c)| c.clone())
        .collect()
}

fn convention(file: &Path) -> String {
    let j = json_of(&["inspect", "--format", "json"], file);
    j["number_convention"].as_str().expect("key").to_string()
}

fn load(file: &Path) -> goalsheet::model::Plan {
    load_plan(file, &LoadOptions::default()).expect("plan loads")
}

fn n(v: f64) -> Value {
    Value::from(v)
}

// ---------------------------------------------------------------------------------------
// Kind 5: decimal mark and thousands separator

#[test]
fn european_exports_read_a_thousand_times_right_in_every_encoding_and_language() {
    for (file, revenue, conversion, cpl, owner_a, owner_b) in [
        (
            "values_euro_en.csv",
            "Revenue",
            "Conversion rate",
            "Cost per lead",
            "Anna Schmidt",
            "Luca Rossi",
        ),
        (
            "values_euro_en_utf16.txt",
            "Revenue",
            "Conversion rate",
            "Cost per lead",
            "Anna Schmidt",
            "Luca Rossi",
        ),
        (
            "values_euro_zh.csv",
            "销售额",
            "转化率",
            "线索成本",
            "李娜",
            "王芳",
        ),
    ] {
        let path = fixture(file);
        assert_eq!(convention(&path), "comma", "{file}");
        let j = rollup(&path);
        assert_eq!(
            row(&j, owner_a, revenue),
            [280_000.0, 300_000.0, 320_000.0, 350_000.0, 1_250_000.0].map(n),
            "{file}: 1.250.000 and 280.000 are not 1.25 and 280"
        );
        assert_eq!(
            row(&j, owner_b, conversion),
            [0.03, 0.032, 0.034, 0.035, 0.035].map(n),
            "{file}: 3,5% is 3.5%"
        );
        assert_eq!(
            row(&j, owner_a, cpl),
            [50.0, 48.0, 46.5, 45.0, 45.0].map(n),
            "{file}: 46,50 is 46.5"
        );
        // 48.000,50 + 9.999,99 and 12.500.
        assert_eq!(budget(&j, owner_a), Some(58_000.49), "{file}");
        assert_eq!(budget(&j, owner_b), Some(12_500.0), "{file}");
        let found = findings(&path);
        for rule in ["M003", "D006", "M005", "T002", "A001", "A002", "T006"] {
            assert_eq!(
                cells_of(&found, rule),
                Vec::<String>::new(),
                "{file}: {rule}"
            );
        }
    }
}

#[test]
fn the_sep_line_names_the_delimiter_and_is_not_a_title() {
    let path = fixture("values_euro_en.csv");
    let j = json_of(&["inspect", "--format", "json"], &path);
    assert_eq!(j["header_rows"], serde_json::json!([1]));
    assert_eq!(j["title"], Value::Null);
    assert_eq!(j["number_evidence"]["semicolon"], true);
    assert_eq!(j["goals"], 4);
    // The dates are day-first with dots: 31.12.2026.
    let plan = load(&path);
    for g in &plan.goals {
        let due = g.due.value.expect("due read");
        assert_eq!(due.end.to_string(), "2026-12-31", "{}", g.label());
    }
}

#[test]
fn amounts_typed_as_text_in_a_workbook_follow_the_same_convention() {
    for (file, owner) in [
        ("values_euro_text_en.xlsx", "Anna Schmidt"),
        ("values_euro_text_en.xlsb", "Anna Schmidt"),
        ("values_euro_text_zh.xlsx", "李娜"),
        ("values_euro_text_zh.ods", "李娜"),
    ] {
        let path = fixture(file);
        assert_eq!(convention(&path), "comma", "{file}");
        let j = rollup(&path);
        assert_eq!(
            row(&j, owner, "Revenue"),
            [280_000.0, 300_000.0, 320_000.0, 350_000.0, 1_250_000.0].map(n),
            "{file}"
        );
        // 48.000,50 + 2.500
        assert_eq!(budget(&j, owner), Some(50_500.5), "{file}");
        let found = findings(&path);
        assert!(cells_of(&found, "M003").is_empty(), "{file}: {found:?}");
        assert!(cells_of(&found, "D006").is_empty(), "{file}: {found:?}");
    }
}

#[test]
fn a_file_without_evidence_gets_d006_and_no_guessed_numbers() {
    for (file, a, b) in [
        (
            "values_ambiguous_en.csv",
            ("Ann", "Leads"),
            ("Bo", "Revenue"),
        ),
        (
            "values_ambiguous_zh.xlsx",
            ("Ann", "线索数"),
            ("Bo", "销售额"),
        ),
    ] {
        let path = fixture(file);
        assert_eq!(convention(&path), "ambiguous", "{file}");
        let found = findings(&path);
        assert_eq!(cells_of(&found, "D006"), vec!["F2", "F3"], "{file}");
        // Not read, so not also "not a number", "no target" or a mismatch with the quarters.
        for rule in ["M003", "M002", "M005"] {
            assert!(
                cells_of(&found, rule).is_empty(),
                "{file}: {rule} {found:?}"
            );
        }
        let plan = load(&path);
        assert_eq!(plan.number_convention, NumberConvention::Ambiguous);
        assert_eq!(plan.goals[0].target.value, None, "1.250 is not guessed");
        assert_eq!(plan.goals[1].target.value, None, "2,500 is not guessed");
        // The plain quarters are read: the year comes from them.
        let j = rollup(&path);
        assert_eq!(row(&j, a.0, a.1)[4], n(1250.0), "{file}");
        assert_eq!(row(&j, b.0, b.1)[4], n(2500.0), "{file}");
    }
}

const CSV_HEAD: &str = "ID;Metric;Unit;Baseline;Annual target;Q1;Q2;Q3;Q4;Owner;Due date\r\n";

fn csv_plan(dir: &Workdir, name: &str, body: &str) -> std::path::PathBuf {
    dir.write(name, format!("{CSV_HEAD}{body}"))
}

#[test]
fn one_convention_per_file_never_per_cell() {
    let dir = Workdir::new();
    // `280.000` alone would be 280; the file's 1.250.000 says it is 280 000.
    let p = csv_plan(
        &dir,
        "mixed.csv",
        "1;Leads;leads;100;1.250.000;280.000;300.000;320.000;350.000;Ann;2026-12-31\r\n",
    );
    let plan = load(&p);
    assert_eq!(plan.number_convention, NumberConvention::Comma);
    assert_eq!(plan.goals[0].quarters[0].value, Some(280_000.0));
    // A value the decided convention cannot read is not read, not re-guessed by the other.
    let p = csv_plan(
        &dir,
        "odd_one.csv",
        "1;Leads;leads;100;1.250.000;280.000;300.000;320.000;3.5;Ann;2026-12-31\r\n\
         2;Leads;leads;100;2.000.000;500.000;500.000;500.000;500.000;Bo;2026-12-31\r\n",
    );
    let plan = load(&p);
    assert_eq!(plan.number_convention, NumberConvention::Comma);
    assert_eq!(plan.goals[0].quarters[3].value, None);
    assert_eq!(cells_of(&findings(&p), "M003"), vec!["I2"]);
}

#[test]
fn look_alikes_keep_the_decimal_point() {
    let dir = Workdir::new();
    // Comma-grouped thousands only: the common form, nothing to doubt.
    let p = dir.write(
        "thousands.csv",
        "ID,Metric,Unit,Baseline,Annual target,Q1,Q2,Q3,Q4,Owner,Due date\r\n\
         1,Leads,leads,900,\"1,250\",\"2,500\",300,300,350,Ann,2026-12-31\r\n",
    );
    let plan = load(&p);
    assert_eq!(plan.number_convention, NumberConvention::Point);
    assert_eq!(plan.goals[0].target.value, Some(1250.0));
    assert!(cells_of(&findings(&p), "D006").is_empty());
    // A `;` file whose numbers say point: the values outweigh the delimiter.
    let p = csv_plan(
        &dir,
        "semicolon_point.csv",
        "1;Revenue;$;900;1,250,000;250,000.50;300,000;300,000;399,999.50;Ann;2026-12-31\r\n",
    );
    let plan = load(&p);
    assert_eq!(plan.number_convention, NumberConvention::Point);
    assert_eq!(plan.goals[0].quarters[0].value, Some(250_000.5));
    // Chinese dotted dates are not European evidence.
    let p = dir.write(
        "dotted_zh.csv",
        "编号,衡量指标,单位,基线,全年目标,负责人,截止日期\r\n1,销售额,元,900,1.5,李娜,2026.12.31\r\n",
    );
    let plan = load(&p);
    assert_eq!(plan.number_convention, NumberConvention::Point);
    assert_eq!(plan.goals[0].target.value, Some(1.5));
    // A month written `2026.12` in the due column is a date, not a decimal-point vote.
    let p = dir.write(
        "month_due.csv",
        "编号,衡量指标,单位,基线,全年目标,负责人,截止日期\r\n1,销售额,元,900,1.250,李娜,2026.12\r\n",
    );
    assert_eq!(load(&p).number_convention, NumberConvention::Ambiguous);
}

#[test]
fn european_dates_in_the_due_column_are_evidence() {
    let dir = Workdir::new();
    for due in ["31.12.2026", "12.2026"] {
        let p = dir.write(
            "eu_due.csv",
            format!(
                "ID,Metric,Unit,Baseline,Annual target,Owner,Due date\r\n\
                 1,Revenue,EUR,900,280.000,Anna,{due}\r\n"
            ),
        );
        let plan = load(&p);
        assert_eq!(plan.number_convention, NumberConvention::Comma, "{due}");
        assert_eq!(plan.goals[0].target.value, Some(280_000.0), "{due}");
    }
}

#[test]
fn inspect_text_shows_the_convention() {
    let out = goalsheet()
        .arg("inspect")
        .arg(fixture("values_euro_zh.csv"))
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("numbers     decimal comma (1.000.000,5)"),
        "{text}"
    );
}

// ---------------------------------------------------------------------------------------
// Kind 6: targets with qualifiers, ranges, ranks, unit costs

#[test]
fn qualified_targets_in_chinese_keep_their_number_and_direction() {
    for file in ["values_qualified_zh.xlsx", "values_qualified_zh_gbk.csv"] {
        let path = fixture(file);
        let j = rollup(&path);
        // ≥12000, 不低于2500, 3500以上
        assert_eq!(
            row(&j, "张伟", "线索数"),
            [2500.0, 3000.0, 3000.0, 3500.0, 12_000.0].map(n),
            "{file}"
        );
        // ≤120, 不超过140, 不高于132, 120以下: a unit cost, lower is better, not summed.
        assert_eq!(
            row(&j, "张伟", "线索成本"),
            [140.0, 132.0, 126.0, 120.0, 120.0].map(n),
            "{file}"
        );
        // 约500万, ~100万
        assert_eq!(
            row(&j, "李娜", "销售额"),
            [1e6, 1.2e6, 1.3e6, 1.5e6, 5e6].map(n),
            "{file}"
        );
        // Ranges: the end the direction favours least.
        assert_eq!(
            row(&j, "张伟", "单线索成本")[4],
            n(150.0),
            "{file}: 130-150"
        );
        assert_eq!(row(&j, "李娜", "转化率")[4], n(0.10), "{file}: 10%-15%");
        assert_eq!(
            row(&j, "王芳", "新增会员")[4],
            n(100_000.0),
            "{file}: 10至15万"
        );
        assert_eq!(row(&j, "王芳", "获客成本")[4], n(200.0), "{file}: 180～200");
        assert_eq!(row(&j, "李娜", "粉丝数")[4], n(500_000.0), "{file}: 50万+");

        let found = findings(&path);
        assert_eq!(
            cells_of(&found, "M008"),
            vec!["F4", "F6", "F7", "F8"],
            "{file}"
        );
        assert_eq!(
            cells_of(&found, "M003"),
            vec!["F9"],
            "{file}: 前三 is a rank"
        );
        // Dues 2026.12 / 2026.12.31 read; directions right (no target-worse-than-baseline).
        for rule in ["T001", "T002", "T003", "A002", "M005", "M002", "D006"] {
            assert!(
                cells_of(&found, rule).is_empty(),
                "{file}: {rule} {found:?}"
            );
        }

        let plan = load(&path);
        for g in &plan.goals {
            let due = g.due.value.expect("due read");
            assert_eq!(due.end.to_string(), "2026-12-31", "{file} {}", g.label());
        }
        let by_id = |id: &str| plan.goal_by_id(id).expect("goal");
        assert_eq!(
            by_id("1").qualifier(Field::Target),
            Some(ValueQualifier::Bound(Qualifier::AtLeast))
        );
        assert_eq!(by_id("1").target.raw, "≥12000");
        assert_eq!(
            by_id("2").qualifier(Field::Q4),
            Some(ValueQualifier::Bound(Qualifier::AtMost))
        );
        assert_eq!(by_id("2").direction, Direction::LowerIsBetter);
        assert_eq!(by_id("2").aggregation, Aggregation::Ratio);
        assert_eq!(
            by_id("4").qualifier(Field::Target),
            Some(ValueQualifier::Bound(Qualifier::About))
        );
        assert_eq!(
            by_id("6").qualifier(Field::Target),
            Some(ValueQualifier::Range {
                low: 100_000.0,
                high: 150_000.0
            })
        );
    }
}

#[test]
fn qualified_targets_in_english_keep_their_number_and_direction() {
    for file in [
        "values_qualified_en.csv",
        "values_qualified_en.xlsx",
        "values_qualified_en.xlsb",
    ] {
        let path = fixture(file);
        let j = rollup(&path);
        assert_eq!(
            row(&j, "Ann Lee", "MQLs"),
            [250.0, 300.0, 300.0, 350.0, 1200.0].map(n),
            "{file}: >=1,200, at least 250, 350+"
        );
        assert_eq!(
            row(&j, "Ann Lee", "Cost per lead"),
            [55.0, 50.0, 48.0, 45.0, 45.0].map(n),
            "{file}: up to 45, <=55, ≤45"
        );
        assert_eq!(row(&j, "Ann Lee", "CPL")[4], n(50.0), "{file}");
        assert_eq!(
            row(&j, "Raj Patel", "Cost per acquisition")[4],
            n(280.0),
            "{file}: 250–280, lower is better"
        );
        assert_eq!(row(&j, "Raj Patel", "CTR")[4], n(0.02), "{file}: 2%-3%");
        assert_eq!(row(&j, "Raj Patel", "Pipeline")[4], n(2e6), "{file}: ~$2M");
        assert_eq!(row(&j, "Mia Chen", "Signups")[4], n(1000.0), "{file}");
        assert_eq!(row(&j, "Mia Chen", "Lead cost")[4], n(50.0), "{file}");
        let found = findings(&path);
        assert_eq!(cells_of(&found, "M008"), vec!["F5", "F6", "F9"], "{file}");
        assert_eq!(
            cells_of(&found, "M003"),
            vec!["F8"],
            "{file}: Top 3 is a rank"
        );
        for rule in ["A002", "M005", "D006", "T002"] {
            assert!(
                cells_of(&found, rule).is_empty(),
                "{file}: {rule} {found:?}"
            );
        }
        let plan = load(&path);
        for id in ["K2", "K3", "K4", "K9"] {
            let g = plan.goal_by_id(id).expect("goal");
            assert_eq!(g.direction, Direction::LowerIsBetter, "{file} {id}");
            assert_eq!(g.aggregation, Aggregation::Ratio, "{file} {id}");
        }
    }
}

#[test]
fn a_range_message_quotes_the_cell_as_written() {
    let j = json_of(
        &["check", "--format", "json", "--lang", "en"],
        &fixture("values_qualified_zh.xlsx"),
    );
    let m008: Vec<&str> = j["files"][0]["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule"] == "M008")
        .filter_map(|f| f["message"].as_str())
        .collect();
    assert!(
        m008.iter()
            .any(|m| m.contains("\"10至15万\"") && m.contains("low end")),
        "{m008:?}"
    );
    assert!(
        m008.iter()
            .any(|m| m.contains("\"180～200\"") && m.contains("high end")),
        "{m008:?}"
    );
}

#[test]
fn a_qualifier_gives_the_direction_when_nothing_else_does() {
    let dir = Workdir::new();
    let p = dir.write(
        "bounds.csv",
        "ID,Metric,Unit,Baseline,Annual target,Owner,Due date\r\n\
         1,Response time,h,4,≤ 2,Ann,2026-12-31\r\n\
         2,Response time,h,4,2,Ann,2026-12-31\r\n\
         3,NPS,points,30,>= 40,Bo,2026-12-31\r\n",
    );
    let plan = load(&p);
    assert_eq!(plan.goals[0].direction, Direction::LowerIsBetter);
    assert_eq!(plan.goals[1].direction, Direction::HigherIsBetter);
    assert_eq!(plan.goals[2].direction, Direction::HigherIsBetter);
    let found = findings(&p);
    // ≤ 2 below a baseline of 4 is an improvement; the unqualified 2 reads as worse.
    assert_eq!(cells_of(&found, "A002"), vec!["E3"]);
}

#[test]
fn unit_costs_rank_by_their_head_in_both_languages() {
    let config = goalsheet::Config::default();
    let ratio = (Aggregation::Ratio, AggregationSource::Lexicon);
    for name in [
        "线索成本",
        "单线索成本",
        "获客成本",
        "注册成本",
        "单客成本",
        "Cost per lead",
        "cost per acquisition",
        "Lead cost",
        "Customer acquisition cost",
        "CPL",
        "CPA",
    ] {
        assert_eq!(classify_metric(name, "元", None, &config), ratio, "{name}");
    }
    // The counted noun alone is a sum; a cost alone is not a unit cost.
    for (name, kind) in [
        ("线索数", Aggregation::Sum),
        ("Leads", Aggregation::Sum),
        ("营销成本", Aggregation::Sum),
        ("Marketing cost", Aggregation::Sum),
    ] {
        assert_eq!(classify_metric(name, "", None, &config).0, kind, "{name}");
    }
}

#[test]
fn dotted_due_dates_a_month_and_a_day() {
    use goalsheet::parse::{DateValue, parse_date};
    for (text, want) in [
        ("2026.12", "2026-12-31"),
        ("2026.12.31", "2026-12-31"),
        ("2026.2", "2026-02-28"),
        ("2026.3.31", "2026-03-31"),
        ("31.12.2026", "2026-12-31"),
    ] {
        match parse_date(text, Some(2026)) {
            DateValue::Date(span) => assert_eq!(span.end.to_string(), want, "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn long_layouts_keep_each_quarters_qualifier_and_commit_its_range() {
    let dir = Workdir::new();
    let p = dir.write(
        "long.csv",
        "编号,衡量指标,单位,基线,季度,目标值,负责人,截止日期\r\n\
         1,线索成本,元,150,Q1,≤140,张伟,2026-03-31\r\n\
         1,线索成本,元,150,Q2,130-135,张伟,2026-06-30\r\n\
         1,线索成本,元,150,Q3,不超过128,张伟,2026-09-30\r\n\
         1,线索成本,元,150,Q4,120以下,张伟,2026-12-31\r\n",
    );
    let plan = load(&p);
    assert_eq!(plan.goals.len(), 1);
    let g = &plan.goals[0];
    assert_eq!(g.direction, Direction::LowerIsBetter);
    assert_eq!(
        g.quarter_values(),
        [Some(140.0), Some(135.0), Some(128.0), Some(120.0)]
    );
    assert_eq!(
        g.qualifier(Field::Q2),
        Some(ValueQualifier::Range {
            low: 130.0,
            high: 135.0
        })
    );
    assert_eq!(
        g.qualifier(Field::Q4),
        Some(ValueQualifier::Bound(Qualifier::AtMost))
    );
    assert_eq!(g.qualifier(Field::Target), None);
    assert_eq!(cells_of(&findings(&p), "M008"), vec!["F3"]);
}

#[test]
fn a_bare_range_under_unit_percent_is_in_percent_points() {
    let dir = Workdir::new();
    let p = dir.write(
        "pct.csv",
        "ID,Metric,Unit,Baseline,Annual target,Owner,Due date\r\n\
         1,Conversion rate,%,8,10-15,Ann,2026-12-31\r\n\
         2,Churn rate,%,6,3~4,Bo,2026-12-31\r\n",
    );
    let plan = load(&p);
    assert_eq!(plan.goals[0].target.value, Some(0.10));
    assert_eq!(plan.goals[1].direction, Direction::LowerIsBetter);
    assert_eq!(plan.goals[1].target.value, Some(0.04));
}

#[test]
fn ods_exports_read_like_their_workbooks() {
    for (ods, owner, metric, year) in [
        ("values_euro_text_zh.ods", "李娜", "Revenue", 1_250_000.0),
        ("values_qualified_zh.ods", "李娜", "销售额", 5e6),
    ] {
        let path = fixture(ods);
        let j = rollup(&path);
        assert_eq!(row(&j, owner, metric)[4], n(year), "{ods}");
    }
    assert_eq!(convention(&fixture("values_euro_text_zh.ods")), "comma");
    let found = findings(&fixture("values_qualified_zh.ods"));
    assert_eq!(cells_of(&found, "M008"), vec!["F4", "F6", "F7", "F8"]);
}

#[test]
fn converting_a_european_csv_writes_the_numbers_it_means() {
    let dir = Workdir::new();
    let csv = dir.copy_fixture("values_euro_en.csv");
    let out = goalsheet()
        .args(["convert"])
        .arg(&csv)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xlsx = dir.path("values_euro_en.xlsx");
    let j = rollup(&xlsx);
    assert_eq!(
        row(&j, "Anna Schmidt", "Revenue"),
        [280_000.0, 300_000.0, 320_000.0, 350_000.0, 1_250_000.0].map(n)
    );
    assert_eq!(budget(&j, "Anna Schmidt"), Some(58_000.49));
    assert_eq!(row(&j, "Luca Rossi", "Conversion rate")[4], n(0.035));
}
