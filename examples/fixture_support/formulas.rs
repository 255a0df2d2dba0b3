//! Workbooks as scripts write them (openpyxl, BI exports): formulas with no stored result.
//!
//! `formulas_uncached_zh.xlsx` and `formulas_uncached_en.xlsx` hold one goal sheet and a
//! parameter sheet whose name has a space. rust_xlsxwriter writes each formula with a result;
//! the sheet XML is then patched so that no formula cell keeps one: most lose their `<v>`
//! element, every other one keeps an empty `<v></v>` (both forms occur in the field).
//!
//! Goal sheet, header in row 1 (A id, B parent, C objective, D metric, E unit, F baseline,
//! G annual target, H–K Q1–Q4, L owner, M channel, N due, O notes):
//! - row 2: annual target `=SUM(H2:K2)` over plain quarters 200/250/300/350 → 1100;
//! - row 3: a chain: Q1 `='<param sheet>'!B2` (2000), Q2 `=H3*1.2` (2400), Q3 `=I3+500`
//!   (2900), Q4 `=ROUND(J3*1.1,0)` (3190), annual `=SUM(H3:K3)` (10490), computed before the
//!   cells it uses although it lies left of them;
//! - row 4: a lower-is-better cost, annual `=MIN(H4:K4)` → 44;
//! - row 5: a percentage metric: Q4 `=J5+1%` (0.35, shown `0%`), annual `=MAX(H5:K5)`;
//! - row 6: baseline `=INDIRECT("F2")` and Q1 `=INDIRECT("H2")/2`: not computed (D005 on
//!   F6 and H6; no quarters-reconcile finding, and the rollups over Q1 have no result);
//! - row 7: baseline `=G7/(H7-H7)`: computes to `#DIV/0!` (D002 on F7); notes
//!   `=A7&"…"` joins text: not computed (D005 on O7).

use super::{Cell, Result, Sheet, d, k, n, patch_part, pct, s};

/// The fixtures' section of fixtures/README.md.
pub const README: &str = "
## formulas_uncached_zh.xlsx and formulas_uncached_en.xlsx — formulas without stored results

Workbooks as scripts (openpyxl, BI exports) write them: every formula cell lacks its result
(no `<v>`, or an empty `<v></v>`). Goal sheet `目标分解` / `Goals`, header row 1, goals F1–F6
in rows 2–7; parameter sheet `参数 表` / `Sheet 1` with B2 = 2000.

| cell | expectation |
|---|---|
| G2 | `=SUM(H2:K2)` over plain quarters → 1100 |
| H3:K3, G3 | a chain through the parameter sheet: 2000, `=H3*1.2` 2400, `=I3+500` 2900, `=ROUND(J3*1.1,0)` 3190, `=SUM(H3:K3)` 10490 |
| G4 | `=MIN(H4:K4)` → 44 (a cost: lower is better) |
| K5, G5 | `=J5+1%` → 35% (shown `0%`), `=MAX(H5:K5)` → 35% |
| F6 | `=INDIRECT(\"F2\")`: not computed → D005 (error), no M007 |
| H6 | `=INDIRECT(\"H2\")/2`: not computed → D005, no M005; the rollups' Q1 over it store no result |
| F7 | `=G7/(H7-H7)` computes to `#DIV/0!` → D002 (error) |
| O7 | a text join (`&`): not computed → D005 (error) |
";

fn f(text: &str) -> Cell {
    // The result is dropped when the sheet is patched; 0 is only a placeholder.
    Cell::Formula(text.to_string(), 0.0, "")
}

fn fp(text: &str) -> Cell {
    Cell::Formula(text.to_string(), 0.0, "0%")
}

fn goal_sheet(en: bool) -> Sheet {
    let head: [&str; 15] = if en {
        [
            "ID",
            "Parent",
            "Objective",
            "Metric",
            "Unit",
            "Baseline",
            "Annual target",
            "Q1",
            "Q2",
            "Q3",
            "Q4",
            "Owner",
            "Channel",
            "Due date",
            "Notes",
        ]
    } else {
        [
            "编号",
            "上级目标",
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
            "渠道",
            "截止日期",
            "备注",
        ]
    };
    let param = param_name(en);
    let t = |en_text: &'static str, zh_text: &'static str| s(if en { en_text } else { zh_text });
    let mut rows = vec![head.iter().map(|h| s(h)).collect::<Vec<_>>()];
    rows.push(vec![
        s("F1"),
        s(""),
        t("Grow online revenue", "提升线上销售额"),
        t("Online revenue", "线上销售额"),
        t("k$", "万元"),
        k(800.0),
        f("SUM(H2:K2)"),
        k(200.0),
        k(250.0),
        k(300.0),
        k(350.0),
        t("Wei Zhang", "张伟"),
        t("Tmall", "天猫"),
        d(2026, 12, 31),
        s(""),
    ]);
    rows.push(vec![
        s("F2"),
        s(""),
        t("Generate more leads", "增加销售线索"),
        t("New leads", "新增线索"),
        t("leads", "个"),
        k(3000.0),
        f("SUM(H3:K3)"),
        f(&format!("'{param}'!B2")),
        f("H3*1.2"),
        f("I3+500"),
        f("ROUND(J3*1.1,0)"),
        t("Na Li", "李娜"),
        t("Search", "搜索"),
        d(2026, 12, 31),
        s(""),
    ]);
    rows.push(vec![
        s("F3"),
        s(""),
        t("Cut acquisition cost", "降低获客成本"),
        t("CAC", "获客成本"),
        t("$", "元"),
        n(55.0),
        f("MIN(H4:K4)"),
        n(50.0),
        n(48.0),
        n(46.0),
        n(44.0),
        t("Min Luo", "罗敏"),
        t("Search", "搜索"),
        d(2026, 12, 31),
        s(""),
    ]);
    rows.push(vec![
        s("F4"),
        s(""),
        t("Raise repurchase", "提高会员复购"),
        t("Repurchase rate", "会员复购率"),
        s("%"),
        pct(0.28),
        fp("MAX(H5:K5)"),
        pct(0.30),
        pct(0.32),
        pct(0.34),
        fp("J5+1%"),
        t("Dong Han", "韩冬"),
        t("CRM", "私域"),
        d(2026, 12, 31),
        s(""),
    ]);
    rows.push(vec![
        s("F5"),
        s(""),
        t("Brand exposure", "提升品牌曝光"),
        t("Impressions", "品牌曝光量"),
        t("k", "万次"),
        f("INDIRECT(\"F2\")"),
        k(500.0),
        f("INDIRECT(\"H2\")/2"),
        k(100.0),
        k(150.0),
        k(150.0),
        t("Wei Zhang", "张伟"),
        t("Social", "社交媒体"),
        d(2026, 12, 31),
        s(""),
    ]);
    rows.push(vec![
        s("F6"),
        s(""),
        t("Grow store orders", "增加门店订单"),
        t("Store orders", "门店订单量"),
        t("orders", "单"),
        f("G7/(H7-H7)"),
        k(4000.0),
        k(1000.0),
        k(1000.0),
        k(1000.0),
        k(1000.0),
        t("Min Luo", "罗敏"),
        t("Stores", "门店"),
        d(2026, 12, 31),
        f(if en { "A7&\" note\"" } else { "A7&\"备注\"" }),
    ]);
    Sheet {
        name: if en { "Goals" } else { "目标分解" }.to_string(),
        rows,
        merges: Vec::new(),
        bold_rows: vec![0],
    }
}

fn param_name(en: bool) -> &'static str {
    if en { "Sheet 1" } else { "参数 表" }
}

fn param_sheet(en: bool) -> Sheet {
    Sheet {
        name: param_name(en).to_string(),
        rows: vec![
            vec![
                s(if en { "Parameter" } else { "参数" }),
                s(if en { "Value" } else { "值" }),
            ],
            vec![s(if en { "Q1 leads" } else { "一季度线索" }), n(2000.0)],
        ],
        merges: Vec::new(),
        bold_rows: vec![0],
    }
}

/// Drop every formula's stored result, as openpyxl leaves it: `<v>…</v>` removed after each
/// `</f>`, or (every other formula) emptied to `<v></v>`.
fn drop_results(xml: String) -> Result<String> {
    let mut out = String::with_capacity(xml.len());
    let mut rest = xml.as_str();
    let mut k = 0;
    while let Some(at) = rest.find("</f><v>") {
        let after = &rest[at + "</f><v>".len()..];
        let Some(end) = after.find("</v>") else {
            anyhow::bail!("unterminated <v>");
        };
        out.push_str(&rest[..at]);
        out.push_str(if k % 2 == 0 { "</f>" } else { "</f><v></v>" });
        rest = &after[end + "</v>".len()..];
        k += 1;
    }
    out.push_str(rest);
    if k == 0 {
        anyhow::bail!("no formulas to patch");
    }
    Ok(out)
}

/// Write `formulas_uncached_zh.xlsx` and `formulas_uncached_en.xlsx` into `dir`.
pub fn write(dir: &std::path::Path) -> Result<()> {
    for (en, name) in [
        (false, "formulas_uncached_zh.xlsx"),
        (true, "formulas_uncached_en.xlsx"),
    ] {
        let mut wb = super::workbook(&[goal_sheet(en), param_sheet(en)], false)?;
        let bytes = wb.save_to_buffer()?;
        let bytes = patch_part(&bytes, "xl/worksheets/sheet1.xml", drop_results)?;
        std::fs::write(dir.join(name), bytes)?;
    }
    Ok(())
}
