//! S, M and A rules end to end: the shipped fixtures (fixtures/README.md lists what is planted
//! where) and small CSV plans, read by the real reader and checked with the full registry;
//! findings asserted by rule and cell (other letters are left to their own tests).

use goalsheet::model::{Lang, LoadOptions};
use goalsheet::rules::{Finding, Severity, check_plan};

/// Read a fixture and check it.
fn check_fixture(name: &str, lang: Lang) -> Vec<Finding> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    let options = LoadOptions::default();
    let plan = goalsheet::load_plan(&path, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
    check_plan(&plan, &options.config, lang)
}

/// Write `csv` to a temporary `plan.csv`, read it and check it.
fn check_csv(csv: &str, lang: Lang) -> Vec<Finding> {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
    let path = dir.path().join("plan.csv");
    std::fs::write(&path, csv).unwrap_or_else(|e| panic!("write: {e}"));
    let options = LoadOptions::default();
    let plan = goalsheet::load_plan(&path, &options).unwrap_or_else(|e| panic!("load: {e}"));
    check_plan(&plan, &options.config, lang)
}

/// `CELL RULE` for every S, M and A finding, in the engine's order.
fn sma(findings: &[Finding]) -> Vec<String> {
    findings
        .iter()
        .filter(|f| f.rule.starts_with(['S', 'M', 'A']))
        .map(|f| {
            let cell = f.cell.map_or_else(|| "-".to_string(), |c| c.a1());
            format!("{cell} {}", f.rule)
        })
        .collect()
}

fn find<'a>(findings: &'a [Finding], cell: &str, rule: &str) -> &'a Finding {
    findings
        .iter()
        .find(|f| f.rule == rule && f.cell.map(|c| c.a1()).as_deref() == Some(cell))
        .unwrap_or_else(|| panic!("no {rule} at {cell}"))
}

/// Sorted `CELL RULE` strings.
fn sorted(items: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = items.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// The S, M and A findings planted in defects_zh.xlsx and defects_en.xlsx (same cells), with
/// the co-firing ones the fixture README names (S3 and S5 also miss metric, target, baseline).
const DEFECTS: [&str; 24] = [
    "N6 S001", "D7 S002", "E8 S003", "F8 M001", "E9 S003", "E9 S004", "E10 S005", "F10 M001",
    "H10 M007", "I10 M002", "F11 M001", "I12 M002", "I13 M002", "I14 M003", "G15 M004", "H16 M007",
    "I17 M005", "I18 M005", "I19 M006", "I20 M006", "I22 A001", "I23 A002", "K25 A003", "N54 A004",
];

#[test]
fn defects_fixtures_fire_exactly_the_planted_sma_findings() {
    for (name, lang, marker, owner) in [
        ("defects_zh.xlsx", Lang::Zh, "待定", "赵敏"),
        ("defects_en.xlsx", Lang::En, "TBD", "Zoe Overload"),
    ] {
        let findings = check_fixture(name, lang);
        let mut got = sma(&findings);
        got.sort();
        assert_eq!(got, sorted(&DEFECTS), "{name}");
        // vague wording: a warning without a metric, only an info when the row is specific
        assert_eq!(find(&findings, "E8", "S003").severity, Severity::Warning);
        assert_eq!(find(&findings, "E9", "S003").severity, Severity::Info);
        // "Boost Tmall revenue to $150k" carries its number: not vague
        assert!(!got.contains(&"E52 S003".to_string()), "{name}");
        assert!(
            find(&findings, "I13", "M002").message.contains(marker),
            "{name}"
        );
        let a004 = &find(&findings, "N54", "A004").message;
        assert!(a004.contains(owner) && a004.contains('9'), "{name}: {a004}");
        let m005 = &find(&findings, "I17", "M005").message;
        assert!(
            m005.contains("110") && m005.contains("120"),
            "{name}: {m005}"
        );
    }
}

#[test]
fn plan_zh_in_every_format_has_its_three_planted_sma_findings() {
    for name in [
        "plan_zh.xlsx",
        "plan_zh.xlsb",
        "plan_zh.ods",
        "plan_zh_gbk.csv",
    ] {
        let findings = check_fixture(name, Lang::Zh);
        let mut got = sma(&findings);
        got.sort();
        assert_eq!(got, sorted(&["E13 S003", "I10 M005", "N16 S001"]), "{name}");
        assert_eq!(find(&findings, "E13", "S003").severity, Severity::Info);
        assert_eq!(
            find(&findings, "I10", "M005").message,
            "目标 KR1.3：四个季度合计 19,000，与全年目标 20,000 不一致（差 1,000）"
        );
    }
}

#[test]
fn clean_plans_have_no_sma_findings() {
    for name in [
        "clean_zh.xlsx",
        "clean_en.xlsx",
        "plan_en.xlsx",
        "plan_en_utf16.txt",
        "plan_en_utf8bom.csv",
        "plan_en_1252.csv",
        "plan_1904.xlsx",
    ] {
        let findings = check_fixture(name, Lang::En);
        assert_eq!(sma(&findings), Vec::<String>::new(), "{name}");
    }
}

#[test]
fn long_layout_plans_only_lack_a_baseline_column() {
    for name in ["plan_long_zh.xlsx", "plan_long_en.csv"] {
        let findings = check_fixture(name, Lang::En);
        assert_eq!(sma(&findings), vec!["- M007"], "{name}");
    }
}

const HEADER_ZH: &str = "编号,上级目标,目标维度,目标,关键结果,指标,单位,基线,目标值,一季度,二季度,三季度,四季度,负责人,截止日期\n";

/// Planted defects (and look-alikes that must stay quiet), one per row.
const ROWS_ZH: &str = "\
O1,,业务增长,线上增长,,销售额,万元,4000,5000,1100,1200,1250,1450,张三,2026-12-31
KR1.1,O1,业务增长,线上增长,天猫销售额达到1200万元,销售额,万元,900,1200,250,300,300,350,张三,2026-12-31
KR1.2,O1,业务增长,线上增长,大幅提升品牌影响力,,万元,100,120,,,,,张三,2026-12-31
KR1.3,O1,业务增长,线上增长,提升销售额并且扩大品牌影响,销售额,万元,100,120,,,,,李四,2026-12-31
KR1.4,O1,业务增长,线上增长,上线新版官网,,,,,,,,,李四,2026-12-31
KR1.5,O1,业务增长,线上增长,门店销售额达到目标,销售额,万元,100,待定,,,,,李四,2026-12-31
KR1.6,O1,业务增长,线上增长,团购销售额达到目标,销售额,万元,100,很多,,,,,李四,2026-12-31
KR1.7,O1,业务增长,线上增长,合作伙伴数量达到50家,合作伙伴数量,,40,50,,,,,王五,2026-12-31
KR1.8,O1,业务增长,线上增长,会员销售额达到120万元,销售额,万元,,120,,,,,王五,2026-12-31
KR1.9,O1,业务增长,线上增长,直播销售额达到120万元,销售额,万元,100,120,20,30,30,30,王五,2026-12-31
KR1.10,O1,业务增长,线上增长,转化率达到120%,转化率,%,50%,120%,,,,,王五,2026-12-31
KR1.11,O1,业务增长,线上增长,销售额同比增长率达到150%,销售额同比增长率,%,80%,150%,,,,,王五,2026-12-31
KR1.12,O1,业务增长,线上增长,获客成本降至250元,获客成本,元,300,250,,,,,王五,2026-12-31
KR1.13,O1,业务增长,线上增长,小程序销售额达到500万元,销售额,万元,100,500,,,,,王五,2026-12-31
KR1.14,O1,业务增长,线上增长,批发销售额150万元,销售额,万元,200,150,,,,,王五,2026-12-31
KR1.15,O1,业务增长,线上增长,线索数达到100条,线索数,条,40,100,10,40,25,25,王五,2026-12-31
KR1.16,O1,业务增长,线上增长,粉丝总数达到50万,粉丝数,人,20万,50万,30万,35万,40万,50万,王五,2026-12-31
KR1.17,O1,业务增长,线上增长,持续提升天猫销售额至150万元,销售额,万元,100,150,30,35,40,45,王五,2026-12-31
KR1.18,O1,业务增长,线上增长,会员复购销售额达到120万元,销售额,万元,100,120,,,,,,2026-12-31
KR1.19,O1,业务增长,,,销售额,万元,100,120,,,,,赵六,2026-12-31
合计,,,,,,,,,,,,,,
";

#[test]
fn chinese_plan_planted_defects_fire_look_alikes_stay_quiet() {
    let findings = check_csv(&format!("{HEADER_ZH}{ROWS_ZH}"), Lang::Zh);
    let mut got = sma(&findings);
    got.sort();
    let mut want: Vec<String> = [
        "E4 S003", "F4 M001", // vague, no metric
        "E5 S003", "E5 S004", // vague but specific (info); bundled
        "E6 S005", "F6 M001", "H6 M007", "I6 M002",  // activity, nothing measured
        "I7 M002",  // 待定
        "I8 M003",  // 很多
        "G9 M004",  // a count is not a unit
        "H10 M007", // no baseline
        "I11 M005", // quarters 110 ≠ 120
        "I12 M006", // 120% conversion
        "I15 A001", // 5× the baseline
        "I16 A002", // below the baseline
        "K17 A003", // Q2 4× Q1
        "N17 A004", // 王五's ninth goal
        "N20 S001", // no owner
        "D21 S002", // no statement
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    want.sort();
    assert_eq!(got, want);

    assert_eq!(find(&findings, "E4", "S003").severity, Severity::Warning);
    assert_eq!(find(&findings, "E5", "S003").severity, Severity::Info);
    // "持续提升天猫销售额至150万元" carries its number: not vague.
    assert!(!got.contains(&"E19 S003".to_string()));
    assert_eq!(
        find(&findings, "I11", "M005").message,
        "目标 KR1.9：四个季度合计 110，与全年目标 120 不一致（差 10）"
    );
    assert!(find(&findings, "I7", "M002").message.contains("待定"));
    assert!(find(&findings, "N17", "A004").message.contains("王五"));
    assert!(find(&findings, "N17", "A004").message.contains("11"));
}

#[test]
fn english_plan_words_match_whole_words_and_bare_percent_points_are_caught() {
    let csv = "\
ID,Objective,Key Result,Metric,Unit,Baseline,Target,Q1,Q2,Q3,Q4,Owner,Due
G1,Grow online,Moreover reach 2M revenue,Revenue,$k,1500,2000,400,500,500,600,Ann,2026-12-31
G2,Grow online,Launch the partner program,,,,,,,,,Ann,2026-12-31
G3,Grow online,Click-through rate at 120,Click-through rate,%,2,120,,,,,Ann,2026-12-31
G4,Grow online,Brand building reaches 30% awareness,Brand awareness,%,20%,30%,22%,25%,28%,30%,Ann,2026-12-31
G5,Cut costs,CAC at or below $140,CAC,$,180,140,150,145,140,140,Bob,2026-12-31
G6,Cut costs,Improve revenue to 600 and cut CAC to 120,Revenue,$k,500,600,150,150,150,150,Bob,2026-12-31
";
    let findings = check_csv(csv, Lang::En);
    let mut got = sma(&findings);
    got.sort();
    let mut want: Vec<String> = [
        "C3 S005", "D3 M001", "F3 M007", "G3 M002", // an activity, nothing measured
        "G4 M006", // 120 with unit % is 120 percent points (and no A001 built on the typo)
        "C7 S004", // bundled ("improve … to 600" carries its number: no S003)
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    want.sort();
    assert_eq!(got, want);
    assert!(
        find(&findings, "G4", "M006").message.contains("120%"),
        "{}",
        find(&findings, "G4", "M006").message
    );
}

#[test]
fn sheet_without_baseline_column_gets_one_plan_level_m007() {
    let csv = "\
ID,Key Result,Metric,Unit,Target,Owner,Due
G1,Generate 12000 leads,Leads,leads,12000,Ann,2026-12-31
G2,Reach 500 orders,Orders,orders,500,Bob,2026-12-31
";
    let findings = check_csv(csv, Lang::En);
    assert_eq!(sma(&findings), vec!["- M007"]);
}

#[test]
fn objective_rows_over_their_key_results_are_measured_through_them() {
    // No parent column: the key results below an objective row are its children.
    let csv = "\
编号,目标,关键结果,指标,单位,基线,目标值,负责人,截止日期
O1,提升品牌影响力,,,,,,陈静,2026-12-31
KR1.1,,抖音粉丝数达到50万,粉丝数,人,200000,500000,刘洋,2026-12-31
KR1.2,,小红书粉丝数达到30万,粉丝数,人,100000,300000,刘洋,2026-12-31
";
    let findings = check_csv(csv, Lang::Zh);
    assert_eq!(sma(&findings), vec!["B2 S003"]);
    assert_eq!(find(&findings, "B2", "S003").severity, Severity::Info);
}
