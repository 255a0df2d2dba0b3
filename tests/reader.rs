//! The reader on small hand-made sheets: layouts, merged/filled cells, rows, values.

mod common;

use common::Workdir;
use goalsheet::model::{
    Aggregation, Direction, Field, LayoutKind, LoadOptions, ValueIssue, load_plan,
};

fn load(w: &Workdir, name: &str, text: &str) -> goalsheet::Plan {
    let p = w.write(name, text);
    load_plan(&p, &LoadOptions::default()).expect("plan loads")
}

const TWO_ROW_CSV: &str = "\
2026年市场部营销目标分解表,,,,,,,,,,,,
说明：金额单位为万元,,,,,,,,,,,,
编号,目标维度,目标,关键结果(KR),衡量指标,单位,基线,全年目标,季度目标,,,,负责人
,,,,,,,,一季度,二季度,三季度,四季度,
O1,业务增长,全年销售额达到1200万元,,销售额,万元,900,\"1,200\",200,300,300,400,张伟
KR1.1,,,线上销售额达到800万元,销售额,万元,600,800,100,200,200,300,李娜
KR1.2,,,新增会员5万人,新增会员,人,3万,5万,1万,1.2万,1.3万,1.5万,王芳
O2,品牌建设,品牌认知度达到35%,,品牌认知度,%,28,35%,30,32,33,35,刘洋
,,,,,,,,,,,,
合计,,,,,,,\"2,000\",300,500,500,700,
注：本表由市场部维护,,,,,,,,,,,,
";

#[test]
fn csv_with_title_note_two_row_header_fill_down_totals_and_note_rows() {
    let w = Workdir::new();
    let plan = load(&w, "plan.csv", TWO_ROW_CSV);
    assert_eq!(plan.header_rows, vec![2, 3]);
    assert_eq!(plan.title.as_deref(), Some("2026年市场部营销目标分解表"));
    assert_eq!(plan.plan_year, Some(2026), "from the title: no due column");
    assert_eq!(plan.columns[&Field::Q1], 8);
    assert_eq!(plan.columns[&Field::Q4], 11);
    assert_eq!(plan.columns[&Field::Owner], 12);
    assert_eq!(plan.goals.len(), 4);
    assert_eq!(plan.totals.len(), 1);
    assert_eq!(plan.totals[0].row, 9);
    assert_eq!(plan.totals[0].values[&Field::Target].value, Some(2000.0));
    let kr = &plan.goals[1];
    assert_eq!(
        kr.dimension.text(),
        Some("业务增长"),
        "blank dimension takes the value above"
    );
    assert_eq!(
        kr.dimension.cell.map(|c| c.a1()).as_deref(),
        Some("B6"),
        "but keeps its own cell"
    );
    assert_eq!(
        kr.objective.text(),
        Some("全年销售额达到1200万元"),
        "KR under its objective"
    );
    assert!(kr.objective_inherited);
    assert_eq!(plan.goals[0].target.value, Some(1200.0));
    assert_eq!(plan.goals[2].target.value, Some(50000.0), "5万");
    assert_eq!(plan.goals[2].quarters[1].value, Some(12000.0), "1.2万");
    let brand = &plan.goals[3];
    assert!(brand.is_percent);
    assert_eq!(brand.aggregation, Aggregation::Ratio);
    assert_eq!(brand.baseline.value, Some(0.28));
    assert_eq!(brand.target.value, Some(0.35));
    assert_eq!(brand.quarters[0].value, Some(0.30));
}

#[test]
fn long_layout_groups_rows_into_goals() {
    let w = Workdir::new();
    let csv = "\
ID,Goal,Metric,Unit,Quarter,Target,Owner,Due date
G1,Reach $4M revenue,Revenue,$,Q1,\"$800,000\",Ann,2026-12-31
G1,Reach $4M revenue,Revenue,$,Q2,\"$1,000,000\",Ann,2026-12-31
G1,Reach $4M revenue,Revenue,$,Q3,1.0M,Ann,2026-12-31
G1,Reach $4M revenue,Revenue,$,Q4,1.2M,Ann,2026-12-31
,Grow followers to 500k,Followers,,Q1,300k,Bo,Q4
,Grow followers to 500k,Followers,,Q2,350k,Bo,Q4
,Grow followers to 500k,Followers,,Q4,500k,Bo,Q4
";
    let plan = load(&w, "long.csv", csv);
    assert_eq!(plan.layout, LayoutKind::Long);
    assert_eq!(plan.goals.len(), 2);
    let rev = &plan.goals[0];
    assert_eq!(rev.rows, vec![1, 2, 3, 4]);
    assert_eq!(
        rev.quarter_values(),
        [
            Some(800_000.0),
            Some(1_000_000.0),
            Some(1_000_000.0),
            Some(1_200_000.0)
        ]
    );
    assert_eq!(rev.annual_target(), Some(4_000_000.0));
    let fol = &plan.goals[1];
    assert_eq!(fol.aggregation, Aggregation::Level);
    assert_eq!(
        fol.quarter_values(),
        [Some(300_000.0), Some(350_000.0), None, Some(500_000.0)]
    );
    assert_eq!(
        fol.annual_target(),
        Some(500_000.0),
        "level: the end of the year"
    );
    assert_eq!(plan.plan_year, Some(2026));
    assert_eq!(
        fol.due.value.map(|d| d.end.to_string()).as_deref(),
        Some("2026-12-31")
    );
}

#[test]
fn markers_unparsable_values_and_direction() {
    let w = Workdir::new();
    let csv = "\
编号,目标,衡量指标,单位,基线,目标值,负责人,截止日期
G1,获客成本降到80元,获客成本,元,100,80,张伟,2026年6月30日
G2,线索达到很多,线索数,个,TBD,很多,李娜,待定
G3,下半年转化率达到5%,线索转化率,%,0.03,0.05,王芳,下半年
";
    let plan = load(&w, "m.csv", csv);
    let cac = &plan.goals[0];
    assert_eq!(cac.direction, Direction::LowerIsBetter);
    assert_eq!(cac.aggregation, Aggregation::Ratio);
    assert_eq!(
        cac.due.value.map(|d| d.end.to_string()).as_deref(),
        Some("2026-06-30")
    );
    let leads = &plan.goals[1];
    assert_eq!(
        leads.baseline.issue(),
        Some(&ValueIssue::Marker("TBD".into()))
    );
    assert_eq!(leads.target.issue(), Some(&ValueIssue::Unparsable));
    assert_eq!(leads.target.raw, "很多");
    assert!(matches!(leads.due.issue(), Some(ValueIssue::Marker(_))));
    let conv = &plan.goals[2];
    assert_eq!(conv.aggregation, Aggregation::Ratio);
    assert_eq!(
        conv.target.value,
        Some(0.05),
        "0.05 with unit % is a fraction"
    );
    assert_eq!(
        conv.due
            .value
            .map(|d| (d.start.to_string(), d.end.to_string())),
        Some(("2026-07-01".into(), "2026-12-31".into()))
    );
}

#[test]
fn percent_points_and_fractions_in_one_row_stay_consistent() {
    let w = Workdir::new();
    let csv = "\
目标,衡量指标,单位,基线,目标值,一季度,负责人
复购率达到120%,复购率,%,0.9,1.2,1.0,张伟
点击率达到3%,点击率,%,2,3,2.5,李娜
";
    let plan = load(&w, "p.csv", csv);
    assert_eq!(
        plan.goals[0].target.value,
        Some(1.2),
        "a row of fractions: 1.2 is 120%"
    );
    assert_eq!(
        plan.goals[1].target.value,
        Some(0.03),
        "a row of points: 3 is 3%"
    );
    assert_eq!(plan.goals[1].quarters[0].value, Some(0.025));
}

#[test]
fn encodings_read_the_same() {
    let w = Workdir::new();
    let utf8 = load(&w, "u.csv", TWO_ROW_CSV);
    let (gbk, _, _) = encoding_rs::GBK.encode(TWO_ROW_CSV);
    let p = w.write("g.csv", gbk);
    let from_gbk = load_plan(&p, &LoadOptions::default()).expect("gbk");
    assert_eq!(from_gbk.encoding.as_deref(), Some("GBK"));
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        TWO_ROW_CSV
            .replace(',', "\t")
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes()),
    );
    let p = w.write("t.txt", utf16);
    let from_utf16 = load_plan(&p, &LoadOptions::default()).expect("utf16");
    assert_eq!(from_utf16.encoding.as_deref(), Some("UTF-16LE"));
    for other in [&from_gbk, &from_utf16] {
        assert_eq!(other.goals.len(), utf8.goals.len());
        assert_eq!(other.columns, utf8.columns);
        for (a, b) in other.goals.iter().zip(&utf8.goals) {
            assert_eq!(a.id, b.id);
            assert_eq!(a.target.value, b.target.value);
            assert_eq!(a.quarter_values(), b.quarter_values());
            assert_eq!(a.dimension.value, b.dimension.value);
        }
    }
}

#[test]
fn year_flag_beats_due_dates_and_due_dates_beat_the_title() {
    let w = Workdir::new();
    let csv = "FY2025 plan\nGoal,Metric,Target,Owner,Due\nLeads,Leads,100,Ann,2026-03-31\nOrders,Orders,50,Bo,2026-06-30\n";
    let p = w.write("y.csv", csv);
    assert_eq!(
        load_plan(&p, &LoadOptions::default())
            .expect("plan")
            .plan_year,
        Some(2026)
    );
    let opts = LoadOptions {
        year: Some(2027),
        ..LoadOptions::default()
    };
    assert_eq!(load_plan(&p, &opts).expect("plan").plan_year, Some(2027));

    // The config's year beats the due dates; the flag beats the config.
    let config =
        goalsheet::Config::from_toml("[plan]\nyear = 2025\n", std::path::Path::new("t.toml"))
            .expect("config");
    let opts = LoadOptions {
        config: config.clone(),
        ..LoadOptions::default()
    };
    assert_eq!(load_plan(&p, &opts).expect("plan").plan_year, Some(2025));
    let opts = LoadOptions {
        year: Some(2027),
        config,
        ..LoadOptions::default()
    };
    assert_eq!(load_plan(&p, &opts).expect("plan").plan_year, Some(2027));
}

#[test]
fn key_results_under_an_objective_row_are_its_children() {
    let w = Workdir::new();
    let csv = "\
目标,关键结果,衡量指标,目标值,负责人
销售额达到1200万元,,销售额,1200,张伟
,线上销售额800万元,销售额,800,李娜
,线下销售额400万元,销售额,400,王芳
品牌认知度达到35%,认知度35%,认知度,35%,刘洋
,小红书粉丝50万,粉丝数,50万,刘洋
";
    let plan = load(&w, "kr.csv", csv);
    let tree = goalsheet::model::Hierarchy::build(&plan);
    assert_eq!(
        tree.children[0],
        vec![1, 2],
        "pure objective row: KRs are its children"
    );
    assert_eq!(
        tree.parent[4], None,
        "an objective row that is itself a KR has siblings, not children"
    );
    assert!(tree.is_leaf(1) && tree.is_leaf(3));
}

/// An English export whose only Chinese is a name or two: too little text for a neutral
/// guess (chardetng alone calls `刘洋` in GBK Cyrillic), so detection leans to GBK, the
/// encoding Chinese Excel and WPS save CSV in.
#[test]
fn a_gbk_name_in_an_english_csv_is_read_as_gbk() {
    let w = Workdir::new();
    let text = "ID,Objective,Metric,Target,Owner\nO1,Grow revenue to 100,Revenue,100,刘洋\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(text);
    let p = w.write("short.csv", bytes);
    let plan = load_plan(&p, &LoadOptions::default()).expect("loads");
    assert_eq!(plan.encoding.as_deref(), Some("GBK"));
    assert_eq!(plan.goals[0].owner.value.as_deref(), Some("刘洋"));
}

/// `--encoding` wins over detection: a Big5 name alone reads as GBK unless told.
#[test]
fn a_forced_encoding_overrides_detection() {
    let w = Workdir::new();
    let text = "ID,Objective,Metric,Target,Owner\nO1,Grow revenue to 100,Revenue,100,陳大文\n";
    let (bytes, _, _) = encoding_rs::BIG5.encode(text);
    let p = w.write("big5.csv", bytes);
    let guessed = load_plan(&p, &LoadOptions::default()).expect("loads");
    assert_ne!(guessed.goals[0].owner.value.as_deref(), Some("陳大文"));
    let options = LoadOptions {
        encoding: Some("big5".into()),
        ..LoadOptions::default()
    };
    let forced = load_plan(&p, &options).expect("loads");
    assert_eq!(forced.encoding.as_deref(), Some("Big5"));
    assert_eq!(forced.goals[0].owner.value.as_deref(), Some("陳大文"));
}

/// UTF-16 in both byte orders, with a BOM (a `.tsv`) and without one (English text, where
/// every other byte is zero), reads like the UTF-8 file.
#[test]
fn utf16_big_endian_tsv_and_bomless_utf16() {
    let w = Workdir::new();
    let english = "ID\tObjective\tMetric\tTarget\tQ1\tQ2\tQ3\tQ4\tOwner\r\n\
        O1\tGrow revenue to 1000\tRevenue\t1000\t200\t250\t250\t300\tSarah Chen\r\n\
        O2\tReach 5000 leads\tLeads\t5000\t1000\t1200\t1300\t1500\tMike Johnson\r\n";
    let utf8 = load(&w, "plan.tsv", english);
    assert_eq!(utf8.goals.len(), 2);
    let mut be = vec![0xFE, 0xFF];
    be.extend(english.encode_utf16().flat_map(|u| u.to_be_bytes()));
    let mut le_no_bom = Vec::new();
    le_no_bom.extend(english.encode_utf16().flat_map(|u| u.to_le_bytes()));
    for (name, bytes, encoding) in [
        ("be.tsv", be, "UTF-16BE"),
        ("le.tsv", le_no_bom, "UTF-16LE"),
    ] {
        let p = w.write(name, bytes);
        let plan = load_plan(&p, &LoadOptions::default()).expect(name);
        assert_eq!(plan.encoding.as_deref(), Some(encoding), "{name}");
        assert_eq!(plan.columns, utf8.columns, "{name}");
        assert_eq!(plan.goals.len(), 2, "{name}");
        for (a, b) in plan.goals.iter().zip(&utf8.goals) {
            assert_eq!(a.id, b.id, "{name}");
            assert_eq!(a.owner, b.owner, "{name}");
            assert_eq!(a.quarter_values(), b.quarter_values(), "{name}");
        }
    }
}

/// A CSV's only sheet is named after the file; names that would mark a budget, action-plan
/// or added review sheet in a workbook do not make a lone sheet anything but the plan.
#[test]
fn a_lone_sheet_is_the_plan_whatever_the_file_is_called() {
    let w = Workdir::new();
    let csv =
        "目标,衡量指标,目标值,负责人,截止日期\n销售额达到1200万元,销售额,1200,张伟,2026-12-31\n";
    for name in [
        "2026目标与预算.csv",
        "行动计划.csv",
        "Summary.csv",
        "按负责人.csv",
    ] {
        let plan = load(&w, name, csv);
        assert_eq!(plan.goals.len(), 1, "{name}");
        assert_eq!(plan.goals[0].owner.value.as_deref(), Some("张伟"), "{name}");
    }
}

/// A stray value in the sheet's last cell (XFD1048576) and a scratch sum right of the table
/// are read without building the 17-billion-cell rectangle around them, and neither is a goal.
#[test]
fn stray_and_scratch_cells_outside_the_table_are_not_goals() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    write_strings(ws, 0, &["ID", "Objective", "Metric", "Target", "Owner"]);
    for (r, (id, goal, target, owner)) in [
        ("G1", "Grow revenue to 100", 100.0, "Ann"),
        ("G2", "Reach 500 leads", 500.0, "Bo"),
    ]
    .iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *id).expect("w");
        ws.write_string(r, 1, *goal).expect("w");
        ws.write_string(r, 2, "Revenue").expect("w");
        ws.write_number(r, 3, *target).expect("w");
        ws.write_string(r, 4, *owner).expect("w");
    }
    ws.write_number(5, 7, 600.0).expect("scratch sum in H6");
    ws.write_number(1_048_575, 16_383, 1.0)
        .expect("stray value");
    let w = Workdir::new();
    let p = w.write("stray.xlsx", wb.save_to_buffer().expect("save"));
    let plan = load_plan(&p, &LoadOptions::default()).expect("loads");
    let ids: Vec<_> = plan
        .goals
        .iter()
        .filter_map(|g| g.id.value.clone())
        .collect();
    assert_eq!(ids, ["G1", "G2"]);
    assert_eq!(plan.goals.len(), 2);
}

/// A number formatted as a percentage is a fraction whatever the unit says, and reads (and is
/// quoted) as the sheet shows it; the same number in General format with unit `%` is percent
/// points.
#[test]
fn percent_formatted_numbers_are_fractions_shown_as_percentages() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let pct = rust_xlsxwriter::Format::new().set_num_format("0.0%");
    write_strings(
        ws,
        0,
        &[
            "ID",
            "Objective",
            "Metric",
            "Unit",
            "Baseline",
            "Target",
            "Owner",
        ],
    );
    for (r, (id, formatted)) in [("G1", true), ("G2", false)].iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *id).expect("w");
        ws.write_string(r, 1, "Conversion rate reaches 1.2")
            .expect("w");
        ws.write_string(r, 2, "Conversion rate").expect("w");
        ws.write_string(r, 3, "%").expect("w");
        if *formatted {
            ws.write_number_with_format(r, 4, 0.35, &pct).expect("w");
            ws.write_number_with_format(r, 5, 1.2, &pct).expect("w");
        } else {
            ws.write_number(r, 4, 35.0).expect("w");
            ws.write_number(r, 5, 1.2).expect("w");
        }
        ws.write_string(r, 6, "Ann").expect("w");
    }
    let w = Workdir::new();
    let p = w.write("pct.xlsx", wb.save_to_buffer().expect("save"));
    let plan = load_plan(&p, &LoadOptions::default()).expect("loads");
    let (g1, g2) = (&plan.goals[0], &plan.goals[1]);
    assert_eq!(
        (g1.baseline.raw.as_str(), g1.baseline.value),
        ("35%", Some(0.35))
    );
    assert_eq!(
        (g1.target.raw.as_str(), g1.target.value),
        ("120%", Some(1.2))
    );
    assert_eq!(
        (g2.baseline.raw.as_str(), g2.baseline.value),
        ("35", Some(0.35))
    );
    assert_eq!(
        (g2.target.raw.as_str(), g2.target.value),
        ("1.2", Some(0.012))
    );
}

/// A merged region running to the sheet's last cell (a whole-sheet merge, or a damaged one)
/// is cut to the cells that hold values instead of being covered cell by cell.
#[test]
fn a_merge_to_the_end_of_the_sheet_is_cut_to_the_values() {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    write_strings(ws, 0, &["ID", "Objective", "Metric", "Target", "Owner"]);
    for (c, v) in ["G1", "Grow revenue to 100", "Revenue"].iter().enumerate() {
        ws.write_string(1, c as u16, *v).expect("w");
    }
    ws.write_number(1, 3, 100.0).expect("w");
    ws.write_string(1, 4, "Ann").expect("w");
    // Add <mergeCells> by hand: rust_xlsxwriter would write every blank cell of the range.
    let bytes = common::patch_part(
        &wb.save_to_buffer().expect("save"),
        "xl/worksheets/sheet1.xml",
        |xml| {
            xml.replace(
                "</sheetData>",
                "</sheetData><mergeCells count=\"1\"><mergeCell ref=\"D2:XFD1048576\"/></mergeCells>",
            )
        },
    );
    let w = Workdir::new();
    let p = w.write("merged.xlsx", bytes);
    let grid = goalsheet::read::read_grid(&p, None).expect("reads");
    let merges = &grid.sheets[0].merges;
    assert_eq!(merges.len(), 1);
    assert_eq!(
        (merges[0].last_row, merges[0].last_col),
        (1, 4),
        "cut to D2:E2"
    );
    let plan = load_plan(&p, &LoadOptions::default()).expect("loads");
    assert_eq!(plan.goals.len(), 1);
    assert_eq!(plan.goals[0].target.value, Some(100.0));
}

/// Text cells across one row from column A.
fn write_strings(ws: &mut rust_xlsxwriter::Worksheet, row: u32, texts: &[&str]) {
    for (c, t) in texts.iter().enumerate() {
        ws.write_string(row, c as u16, *t).expect("write");
    }
}
