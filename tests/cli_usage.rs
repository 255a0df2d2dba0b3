//! The command line as a person meets it: rule names, languages, missing files, wrong sheets,
//! missing columns, usage errors.

mod common;

use common::{Workdir, fixture, goalsheet};

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = goalsheet().args(args).output().expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn path(name: &str) -> String {
    fixture(name).to_string_lossy().into_owned()
}

#[test]
fn explain_takes_an_id_or_a_name() {
    let (code, by_id, _) = run(&["explain", "M005"]);
    assert_eq!(code, Some(0));
    for name in [
        "quarters-reconcile",
        "QUARTERS-RECONCILE",
        "quarters_reconcile",
        "m005",
    ] {
        let (code, text, err) = run(&["explain", name]);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert_eq!(text, by_id, "{name}");
    }
    let (code, text, _) = run(&["explain", "owner-missing"]);
    assert_eq!(code, Some(0));
    assert!(text.starts_with("S001 owner-missing"), "{text}");
    let (code, _, err) = run(&["explain", "no-such-rule"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no rule `no-such-rule`"), "{err}");
}

#[test]
fn explain_in_chinese_is_chinese_throughout() {
    for (rule, severity) in [
        ("quarters-reconcile", "错误"),
        ("S003", "警告"),
        ("dimension-invalid", "提示"),
    ] {
        let (code, zh, err) = run(&["explain", "--lang", "zh", rule]);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            zh.contains(&format!("默认级别：{severity}")),
            "{rule}: {zh}"
        );
        assert!(
            zh.contains("## 检查内容") && zh.contains("## 示例") && zh.contains("修改建议："),
            "{zh}"
        );
        for english in [
            "What it checks",
            "Example",
            "Bad:",
            "Hint:",
            "Default severity",
        ] {
            assert!(!zh.contains(english), "{rule}: {english} in {zh}");
        }
    }
}

#[test]
fn inspect_speaks_the_language_asked_for() {
    for plan in ["plan_zh.xlsx", "plan_zh_gbk.csv", "plan_zh.ods"] {
        let (code, zh, err) = run(&["inspect", "--lang", "zh", &path(plan)]);
        assert_eq!(code, Some(0), "{err}");
        assert!(
            zh.contains("工作表") && zh.contains("目标数      16"),
            "{plan}: {zh}"
        );
        assert!(
            !zh.contains("goals ") && !zh.contains("plan year"),
            "{plan}: {zh}"
        );
        let (_, en, _) = run(&["inspect", &path(plan)]);
        assert!(en.contains("goals       16"), "{plan}: {en}");
    }
    let (code, _, err) = run(&["inspect", "--lang", "fr", &path("plan_en.xlsx")]);
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn a_sheet_that_is_not_the_goal_sheet_is_named_for_what_it_is() {
    let cases = [
        ("plan_zh.xlsx", "执行计划", "the action plan", "目标分解"),
        ("plan_zh.xlsx", "预算", "the budget", "目标分解"),
        ("plan_zh.xlsb", "执行计划", "the action plan", "目标分解"),
        ("plan_en.xlsm", "Action Plan", "the action plan", "Goals"),
        ("plan_en.xlsx", "Action Plan", "the action plan", "Goals"),
        ("plan_en.xlsx", "budget", "the budget", "Goals"),
    ];
    for (plan, sheet, what, goal_sheet) in cases {
        let (code, out, err) = run(&["check", "--sheet", sheet, &path(plan)]);
        assert_eq!(code, Some(2), "{plan} {sheet}: {err}");
        assert!(out.is_empty());
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.contains(&format!("is {what}, not a goal sheet"))
                && err.contains(&format!("the goal sheet is {goal_sheet}")),
            "{plan} {sheet}: {err}"
        );
    }
    let (code, _, err) = run(&["check", "--sheet", "Nope", &path("plan_en.xlsx")]);
    assert_eq!(code, Some(2));
    assert!(err.contains("no sheet named `Nope`"), "{err}");
}

#[test]
fn by_a_field_the_plan_has_no_column_for_is_an_error_naming_it() {
    for plan in ["plan_en.xlsx", "plan_zh_gbk.csv", "plan_zh.ods"] {
        for by in ["product_line", "owner,产品线"] {
            let (code, out, err) = run(&["rollup", "--by", by, &path(plan)]);
            assert_eq!(code, Some(2), "{plan} {by}: {out}");
            assert!(out.is_empty(), "no table of blanks: {out}");
            assert!(
                err.contains("no product line column (Product line / 产品线)"),
                "{plan} {by}: {err}"
            );
        }
    }
    // A plan that has the column rolls up by it.
    let w = Workdir::new();
    let p = w.write(
        "lines.csv",
        "编号,目标,衡量指标,单位,全年目标,负责人,产品线,截止日期\n\
         G1,销售额达到100万元,销售额,万元,100,张伟,A系列,2026-12-31\n\
         G2,销售额达到50万元,销售额,万元,50,李娜,B系列,2026-12-31\n",
    );
    let (code, out, err) = run(&["rollup", "--by", "product_line", &p.to_string_lossy()]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("A系列") && out.contains("B系列"), "{out}");
}

#[test]
fn a_usage_error_is_one_line_and_clap_s_hint() {
    for args in [
        &["chek", "x"][..],
        &["check", "--format", "xml", "x"],
        &["batch", "x"],
        &["explain"],
        &["rollup", "--by"],
    ] {
        let (code, out, err) = run(args);
        assert_eq!(code, Some(2), "{args:?}");
        assert!(out.is_empty());
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 2, "{args:?}: {err}");
        assert!(lines[0].starts_with("error: "), "{err}");
        assert_eq!(lines[1], "For more information, try '--help'.");
    }
    let (_, _, err) = run(&["chek"]);
    assert!(err.contains("'check'"), "the suggestion is kept: {err}");
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("Usage:"), "help is not cut: {out}");
}
