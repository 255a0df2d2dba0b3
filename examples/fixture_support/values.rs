//! Fixtures for how values are written (DESIGN §2 "Values"): the decimal mark and thousands
//! separator of European exports, one convention per file (and a file that gives none), and
//! targets written with qualifiers (`≥1200`, `不超过150`, `约500万`), as ranges (`10-15%`) or
//! as ranks (`Top 3`), with unit-cost metrics (`线索成本`, `Cost per lead`).
//!
//! Every file here is described in fixtures/README.md ("Values") with its hand-worked numbers.

use std::fs;
use std::path::Path;

use anyhow::Result;

use super::{
    Sheet, delimited, s, write_encoded, write_ods, write_utf16le_bom, write_xlsb, write_xlsx,
};

const EURO_EN_HEAD: [&str; 13] = [
    "ID",
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
    "Due date",
    "Budget",
];

const EURO_ZH_HEAD: [&str; 13] = [
    "编号",
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
    "截止日期",
    "预算",
];

/// A sheet of text cells (every value typed as text, as a CSV holds it).
fn text_sheet(name: &str, head: &[&str], rows: &[&[&str]]) -> Sheet {
    let mut sheet = Sheet::new(name);
    sheet.header(head);
    for row in rows {
        sheet.push(row.iter().map(|t| s(t)).collect());
    }
    sheet
}

/// A European Excel export: `.` groups thousands, `,` is the decimal mark, dates day-first
/// with dots. Revenue 1.250.000 = 280.000 + 300.000 + 320.000 + 350.000; conversion 3,5%;
/// cost per lead 45,00 (lower is better); budgets 48.000,50 + 9.999,99 and 12.500.
fn euro_en() -> Sheet {
    text_sheet(
        "Plan",
        &EURO_EN_HEAD,
        &[
            &[
                "G1",
                "Grow online revenue",
                "Revenue",
                "€",
                "1.000.000",
                "1.250.000",
                "280.000",
                "300.000",
                "320.000",
                "350.000",
                "Anna Schmidt",
                "31.12.2026",
                "48.000,50",
            ],
            &[
                "G2",
                "Lift checkout conversion",
                "Conversion rate",
                "%",
                "2,8%",
                "3,5%",
                "3,0%",
                "3,2%",
                "3,4%",
                "3,5%",
                "Luca Rossi",
                "31.12.2026",
                "12.500",
            ],
            &[
                "G3",
                "Cut the cost per lead",
                "Cost per lead",
                "€",
                "52,40",
                "45,00",
                "50",
                "48",
                "46,50",
                "45",
                "Anna Schmidt",
                "31.12.2026",
                "9.999,99",
            ],
            &[
                "G4",
                "Grow the newsletter",
                "Subscribers",
                "subscribers",
                "18.500",
                "25.000",
                "20.000",
                "22.000",
                "23.500",
                "25.000",
                "Marie Dubois",
                "31.12.2026",
                "",
            ],
        ],
    )
}

/// The same plan with Chinese headers and owners (a Chinese team's sheet saved by a
/// European Excel): 销售额 1.250.000, 转化率 3,5%, 线索成本 45,00, 预算 48.000,50.
fn euro_zh() -> Sheet {
    text_sheet(
        "目标",
        &EURO_ZH_HEAD,
        &[
            &[
                "1",
                "线上销售额增长",
                "销售额",
                "元",
                "1.000.000",
                "1.250.000",
                "280.000",
                "300.000",
                "320.000",
                "350.000",
                "李娜",
                "31.12.2026",
                "48.000,50",
            ],
            &[
                "2",
                "提升下单转化率",
                "转化率",
                "%",
                "2,8%",
                "3,5%",
                "3,0%",
                "3,2%",
                "3,4%",
                "3,5%",
                "王芳",
                "31.12.2026",
                "12.500",
            ],
            &[
                "3",
                "降低线索成本",
                "线索成本",
                "元",
                "52,40",
                "45,00",
                "50",
                "48",
                "46,50",
                "45",
                "李娜",
                "31.12.2026",
                "9.999,99",
            ],
        ],
    )
}

/// Amounts typed as text in a workbook, the European way, and nothing else to go by but
/// the values themselves (`1.250.000` has two group separators).
fn euro_text_book(zh: bool) -> Sheet {
    let (head, name) = if zh {
        (&EURO_ZH_HEAD, "目标")
    } else {
        (&EURO_EN_HEAD, "Plan")
    };
    let owner = if zh { "李娜" } else { "Anna Schmidt" };
    text_sheet(
        name,
        head,
        &[
            &[
                "1",
                "Revenue",
                "Revenue",
                "€",
                "1.000.000",
                "1.250.000",
                "280.000",
                "300.000",
                "320.000",
                "350.000",
                owner,
                "2026-12-31",
                "48.000,50",
            ],
            &[
                "2",
                "Stores",
                "Stores",
                "stores",
                "80",
                "120",
                "30",
                "30",
                "30",
                "30",
                owner,
                "2026-12-31",
                "2.500",
            ],
        ],
    )
}

/// Values that read either way and nothing to decide by: `1.250` (1.25 or 1250?) and
/// `2,500` (2500 or 2.5?). The targets are not read (D006); the quarters are.
fn ambiguous(zh: bool) -> Sheet {
    let (head, name, a, b, unit_a, unit_b) = if zh {
        (&EURO_ZH_HEAD, "目标", "线索数", "销售额", "条", "元")
    } else {
        (&EURO_EN_HEAD, "Plan", "Leads", "Revenue", "leads", "$")
    };
    text_sheet(
        name,
        head,
        &[
            &[
                "1",
                a,
                a,
                unit_a,
                "900",
                "1.250",
                "250",
                "300",
                "350",
                "350",
                "Ann",
                "2026-12-31",
                "",
            ],
            &[
                "2",
                b,
                b,
                unit_b,
                "2000",
                "2,500",
                "500",
                "600",
                "700",
                "700",
                "Bo",
                "2026-12-31",
                "",
            ],
        ],
    )
}

const QUALIFIED_ZH_HEAD: [&str; 12] = [
    "编号",
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
    "截止日期",
];

/// Targets with qualifiers, ranges and a rank, and unit-cost metrics, in Chinese; the due
/// dates are written `2026.12` (a month) and `2026.12.31`.
fn qualified_zh() -> Sheet {
    text_sheet(
        "KPI",
        &QUALIFIED_ZH_HEAD,
        &[
            &[
                "1",
                "线索数达到12000条",
                "线索数",
                "条",
                "8000",
                "≥12000",
                "不低于2500",
                "3000",
                "3000",
                "3500以上",
                "张伟",
                "2026.12",
            ],
            &[
                "2",
                "线索成本降到120元",
                "线索成本",
                "元",
                "150",
                "≤120",
                "不超过140",
                "不高于132",
                "126",
                "120以下",
                "张伟",
                "2026.12.31",
            ],
            &[
                "3",
                "单线索成本控制在区间内",
                "单线索成本",
                "元",
                "160",
                "130-150",
                "",
                "",
                "",
                "",
                "张伟",
                "2026.12",
            ],
            &[
                "4",
                "线上销售额约500万",
                "销售额",
                "元",
                "3000000",
                "约500万",
                "~100万",
                "120万",
                "130万",
                "150万",
                "李娜",
                "2026.12.31",
            ],
            &[
                "5",
                "转化率提升到10%-15%",
                "转化率",
                "%",
                "8%",
                "10%-15%",
                "",
                "",
                "",
                "",
                "李娜",
                "2026.12",
            ],
            &[
                "6",
                "新增会员10至15万",
                "新增会员",
                "人",
                "80000",
                "10至15万",
                "",
                "",
                "",
                "",
                "王芳",
                "2026.12.31",
            ],
            &[
                "7",
                "获客成本控制在180～200元",
                "获客成本",
                "元",
                "220",
                "180～200",
                "",
                "",
                "",
                "",
                "王芳",
                "2026.12",
            ],
            &[
                "8",
                "品牌排名进入前三",
                "品牌排名",
                "名",
                "5",
                "前三",
                "",
                "",
                "",
                "",
                "王芳",
                "2026.12",
            ],
            &[
                "9",
                "小红书粉丝50万+",
                "粉丝数",
                "人",
                "300000",
                "50万+",
                "",
                "",
                "",
                "",
                "李娜",
                "2026.12.31",
            ],
        ],
    )
}

const QUALIFIED_EN_HEAD: [&str; 12] = [
    "ID",
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
    "Due date",
];

/// The English counterpart: `>=1,200`, `at least 250`, `350+`, `up to 45`, `<=55`,
/// ranges with an en dash and with `%` on both ends, `~$2M`, `Top 3`, and cost-per
/// metrics (`Cost per lead`, `CPL`, `Cost per acquisition`, `Lead cost`).
fn qualified_en() -> Sheet {
    text_sheet(
        "KPIs",
        &QUALIFIED_EN_HEAD,
        &[
            &[
                "K1",
                "Grow MQLs",
                "MQLs",
                "leads",
                "900",
                ">=1,200",
                "at least 250",
                "300",
                "300",
                "350+",
                "Ann Lee",
                "2026-12-31",
            ],
            &[
                "K2",
                "Lower the cost per lead",
                "Cost per lead",
                "$",
                "60",
                "up to 45",
                "<=55",
                "50",
                "48",
                "≤45",
                "Ann Lee",
                "2026-12-31",
            ],
            &[
                "K3",
                "Search CPL",
                "CPL",
                "$",
                "70",
                "<= 50",
                "",
                "",
                "",
                "",
                "Ann Lee",
                "2026-12-31",
            ],
            &[
                "K4",
                "Cost per acquisition in range",
                "Cost per acquisition",
                "$",
                "300",
                "250–280",
                "",
                "",
                "",
                "",
                "Raj Patel",
                "2026-12-31",
            ],
            &[
                "K5",
                "Lift click-through",
                "CTR",
                "%",
                "1.5%",
                "2%-3%",
                "",
                "",
                "",
                "",
                "Raj Patel",
                "2026-12-31",
            ],
            &[
                "K6",
                "Build pipeline",
                "Pipeline",
                "$",
                "$1.5M",
                "~$2M",
                "",
                "",
                "",
                "",
                "Raj Patel",
                "2026-12-31",
            ],
            &[
                "K7",
                "Brand ranking",
                "Brand rank",
                "rank",
                "5",
                "Top 3",
                "",
                "",
                "",
                "",
                "Mia Chen",
                "2026-12-31",
            ],
            &[
                "K8",
                "Grow signups",
                "Signups",
                "signups",
                "800",
                "1000–1500",
                "",
                "",
                "",
                "",
                "Mia Chen",
                "2026-12-31",
            ],
            &[
                "K9",
                "Lead cost down",
                "Lead cost",
                "$",
                "58",
                "at most 50",
                "",
                "",
                "",
                "",
                "Mia Chen",
                "2026-12-31",
            ],
        ],
    )
}

/// Write every values fixture into `dir`.
pub(super) fn write_all(dir: &Path) -> Result<()> {
    let p = |name: &str| dir.join(name);
    // European: `sep=;` line + Windows-1252 (€ is 0x80), as Excel writes "CSV (;)".
    let euro = euro_en();
    let text = format!("sep=;\r\n{}", delimited(&euro, b';')?);
    write_encoded(&p("values_euro_en.csv"), &text, encoding_rs::WINDOWS_1252)?;
    // The same, as Excel's "Unicode text": UTF-16 LE, tabs, no `;` to go by.
    write_utf16le_bom(&p("values_euro_en_utf16.txt"), &delimited(&euro, b'\t')?)?;
    // Chinese headers, UTF-8, `;` without a `sep=` line.
    fs::write(p("values_euro_zh.csv"), delimited(&euro_zh(), b';')?)?;
    // Workbooks with the amounts typed as text.
    write_xlsx(
        &p("values_euro_text_en.xlsx"),
        &[euro_text_book(false)],
        false,
    )?;
    write_xlsx(
        &p("values_euro_text_zh.xlsx"),
        &[euro_text_book(true)],
        false,
    )?;
    write_ods(&p("values_euro_text_zh.ods"), &euro_text_book(true))?;
    write_xlsb(&p("values_euro_text_en.xlsb"), &[euro_text_book(false)])?;
    // Nothing to decide by.
    fs::write(
        p("values_ambiguous_en.csv"),
        delimited(&ambiguous(false), b',')?,
    )?;
    write_xlsx(&p("values_ambiguous_zh.xlsx"), &[ambiguous(true)], false)?;
    // Qualified targets, ranges, ranks, unit costs.
    let zh = qualified_zh();
    write_xlsx(&p("values_qualified_zh.xlsx"), &[qualified_zh()], false)?;
    write_ods(&p("values_qualified_zh.ods"), &zh)?;
    write_encoded(
        &p("values_qualified_zh_gbk.csv"),
        &delimited(&zh, b',')?,
        encoding_rs::GB18030,
    )?;
    let en = qualified_en();
    write_xlsx(&p("values_qualified_en.xlsx"), &[qualified_en()], false)?;
    write_xlsb(&p("values_qualified_en.xlsb"), &[qualified_en()])?;
    fs::write(p("values_qualified_en.csv"), delimited(&en, b',')?)?;
    Ok(())
}

/// The fixtures/README.md section for these files.
pub(super) const README: &str = "
## values_* — how values are written

Every value is a text cell (as in a CSV, or typed as text in a workbook).

- `values_euro_en.csv` (Windows-1252, `sep=;` first line, `;`), `values_euro_en_utf16.txt`
  (UTF-16 LE, tabs: no delimiter evidence) and `values_euro_zh.csv` (UTF-8, `;`, Chinese
  headers): a European export. Revenue/销售额 `1.250.000` = `280.000` + `300.000` +
  `320.000` + `350.000` (1 250 000); conversion/转化率 `3,5%` (0.035; Q1 `3,0%`); cost per
  lead/线索成本 `45,00` (Q3 `46,50`); budgets `48.000,50` + `9.999,99` = 58 000.49 for the
  first owner, `12.500` for the second; dues `31.12.2026`. Convention: comma.
- `values_euro_text_en.xlsx` (and `.xlsb`), `values_euro_text_zh.xlsx` (and `.ods`): the same revenue row typed as
  text in a workbook, budgets `48.000,50` + `2.500` = 50 500.5. Convention: comma.
- `values_ambiguous_en.csv`, `values_ambiguous_zh.xlsx`: targets `1.250` and `2,500` and
  nothing else to decide by. Convention: ambiguous; D006 on F2 and F3; the targets are not
  read; the years come from the quarters (1 250 and 2 500).
- `values_qualified_zh.xlsx` / `.ods` / `values_qualified_zh_gbk.csv`: `≥12000` (Q1 `不低于2500`, Q4
  `3500以上`), 线索成本 `≤120` (`不超过140`, `不高于132`, `120以下`; a unit cost: ratio, lower
  is better), 单线索成本 `130-150` (→ 150), `约500万` (Q1 `~100万`), 转化率 `10%-15%` (→ 10%),
  新增会员 `10至15万` (→ 100 000), 获客成本 `180～200` (→ 200), `前三` (M003), 粉丝数 `50万+`;
  dues `2026.12` and `2026.12.31` (both 2026-12-31). M008 on F4, F6, F7, F8.
- `values_qualified_en.csv` / `.xlsx` / `.xlsb`: `>=1,200` (`at least 250`, `350+`), Cost per lead `up to
  45` (`<=55`, `≤45`), CPL `<= 50`, Cost per acquisition `250–280` (→ 280), CTR `2%-3%` (→ 2%),
  Pipeline `~$2M`, `Top 3` (M003), Signups `1000–1500` (→ 1 000), Lead cost `at most 50`.
  M008 on F5, F6, F9.
";
