//! The original's formulas as the copy writes them: in Excel's syntax (ODS formulas are
//! translated by [`crate::read::formula::excel_formula`]), and the check that a formula
//! refers only to sheets the copy carries.

pub(crate) use crate::read::formula::excel_formula;

/// Does the formula refer only to sheets the copy carries (and no other workbook)?
pub(crate) fn formula_refs_ok(formula: &str, sheets: &[&str]) -> bool {
    let chars: Vec<char> = formula.chars().collect();
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '"' {
            in_string = !in_string;
        } else if !in_string && c == '[' {
            // An external workbook reference ([1]Sheet!A1) names a sheet after the bracket;
            // a structured table reference (Table1[Col]) does not.
            let close = chars[i..].iter().position(|&c| c == ']').map(|p| i + p);
            if let Some(close) = close {
                let after: String = chars[close + 1..]
                    .iter()
                    .take_while(|c| !"+-*/^&=<>(),; ".contains(**c))
                    .collect();
                if after.contains('!') {
                    return false;
                }
            }
        } else if !in_string && c == '!' {
            let name = if i > 0 && chars[i - 1] == '\'' {
                // Quoted: walk back to the opening quote ('' is an escaped quote).
                let mut j = i - 1;
                let mut name = Vec::new();
                loop {
                    if j == 0 {
                        return false;
                    }
                    j -= 1;
                    if chars[j] == '\'' {
                        if j > 0 && chars[j - 1] == '\'' {
                            name.push('\'');
                            j -= 1;
                            continue;
                        }
                        break;
                    }
                    name.push(chars[j]);
                }
                name.iter().rev().collect::<String>()
            } else {
                let mut j = i;
                while j > 0 && {
                    let p = chars[j - 1];
                    p.is_alphanumeric() || p == '_' || p == '.'
                } {
                    j -= 1;
                }
                chars[j..i].iter().collect::<String>()
            };
            if name.contains('[') || !sheets.iter().any(|s| s.eq_ignore_ascii_case(&name)) {
                return false;
            }
        }
        i += 1;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_references_to_missing_sheets_are_found() {
        let sheets = ["目标分解", "Budget"];
        assert!(formula_refs_ok("SUM(I5:I8)", &sheets));
        assert!(formula_refs_ok("'目标分解'!H5*2", &sheets));
        assert!(formula_refs_ok("目标分解!H5+Budget!B2", &sheets));
        assert!(!formula_refs_ok("Data!A1", &sheets));
        assert!(!formula_refs_ok("'Other sheet'!A1", &sheets));
        assert!(!formula_refs_ok("[1]Sheet1!A1", &sheets));
        assert!(formula_refs_ok("\"a!b\"&A1", &sheets));
        assert!(formula_refs_ok("'Bob''s'!A1", &["Bob's"]));
    }
}
