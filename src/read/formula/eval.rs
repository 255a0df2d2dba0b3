//! Evaluating one parsed formula, Excel's way, over cell values supplied by a [`Cells`].
//!
//! Values are numbers, text, booleans, blanks and error values (`#DIV/0!`). Arithmetic
//! treats a blank as 0 and `TRUE` as 1; text is a number only when it reads as a plain
//! number (`"12"`), otherwise the formula is not computed (Excel's own conversion of text
//! such as `"1,200"` or `"2026-03-31"` depends on the locale, so goalsheet does not guess).
//! Functions over references (`SUM(B5:E5)`, `SUM(B5)`) skip text, booleans and blanks in
//! the cells, like Excel; an error value in their input is their result. `&` and text
//! functions are not computed.
//!
//! Functions: SUM, AVERAGE, MIN, MAX, COUNT, COUNTA, ROUND, ROUNDUP, ROUNDDOWN, ABS, IF,
//! IFERROR, AND, OR, NOT, DATE. Recursion follows the parsed tree, whose depth the parser
//! caps, plus at most [`MAX_NAME_DEPTH`] defined names inside one another.

use super::NotComputed;
use super::parse::{Area, BinOp, Expr, Reference};

/// A formula's value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(f64),
    Text(String),
    Bool(bool),
    Blank,
    /// An Excel error value as Excel writes it (`#DIV/0!`).
    Error(String),
}

/// Deepest chain of defined names referring to defined names.
pub const MAX_NAME_DEPTH: usize = 4;

/// Where the evaluator gets cell values and defined names from.
pub trait Cells {
    /// The value of one cell of a sheet (`None` = the formula's own sheet).
    ///
    /// # Errors
    /// Why the value is unknown: the sheet does not exist, or the cell is a formula that
    /// could not be computed.
    fn cell(&mut self, sheet: Option<&str>, row: u32, col: u32) -> Result<Value, NotComputed>;
    /// The non-blank values of an area, in any order.
    ///
    /// # Errors
    /// As [`Cells::cell`], and [`NotComputed::TooComplex`] when the work budget is spent.
    fn area(&mut self, sheet: Option<&str>, area: Area) -> Result<Vec<Value>, NotComputed>;
    /// A defined name's parsed formula.
    ///
    /// # Errors
    /// [`NotComputed::UnknownName`], or why its formula cannot be read.
    fn name(&mut self, name: &str) -> Result<Expr, NotComputed>;
}

type Outcome = Result<Value, NotComputed>;

/// Evaluate a parsed formula to the value Excel would store for it (a blank result is 0).
///
/// # Errors
/// Why it cannot be computed.
pub fn evaluate(expr: &Expr, cells: &mut dyn Cells) -> Outcome {
    Ok(match scalar(expr, cells, 0)? {
        Value::Blank => Value::Number(0.0),
        v => v,
    })
}

fn div0() -> Value {
    Value::Error("#DIV/0!".into())
}
fn num_error() -> Value {
    Value::Error("#NUM!".into())
}
fn value_error() -> Value {
    Value::Error("#VALUE!".into())
}

/// A number result, `#NUM!` when it overflowed.
fn finite(x: f64) -> Value {
    if x.is_finite() {
        Value::Number(x)
    } else {
        num_error()
    }
}

/// One argument: the cells of a reference, or a single value.
enum Arg {
    Cells(Vec<Value>),
    Single(Value),
    Missing,
}

fn scalar(expr: &Expr, cells: &mut dyn Cells, names: usize) -> Outcome {
    match expr {
        Expr::Number(n) => Ok(Value::Number(*n)),
        Expr::Text(s) => Ok(Value::Text(s.clone())),
        Expr::Bool(b) => Ok(Value::Bool(*b)),
        Expr::Error(e) => Ok(Value::Error(e.clone())),
        Expr::Missing => Ok(Value::Blank),
        Expr::Ref(r) => single_cell(r, cells),
        Expr::Name(n) => {
            if names >= MAX_NAME_DEPTH {
                return Err(NotComputed::TooComplex);
            }
            let e = cells.name(n)?;
            scalar(&e, cells, names + 1)
        }
        Expr::Neg(e) => Ok(match number(scalar(e, cells, names)?)? {
            Ok(x) => Value::Number(-x),
            Err(err) => err,
        }),
        Expr::Percent(e) => Ok(match number(scalar(e, cells, names)?)? {
            Ok(x) => Value::Number(x / 100.0),
            Err(err) => err,
        }),
        Expr::Binary(op, l, r) => {
            let l = scalar(l, cells, names)?;
            let r = scalar(r, cells, names)?;
            binary(*op, l, r)
        }
        Expr::Call(name, args) => call(name, args, cells, names),
    }
}

fn single_cell(r: &Reference, cells: &mut dyn Cells) -> Outcome {
    if r.area.first != r.area.last {
        // Excel would take the cell in the formula's own row or column (implicit
        // intersection); that is not computed here.
        return Err(NotComputed::Unsupported("a range used as one value".into()));
    }
    cells.cell(r.sheet.as_deref(), r.area.first.row, r.area.first.col)
}

/// A value as a number: `Ok(Ok(x))`, an error value to return (`Ok(Err(#VALUE!))`), or not
/// computable (text whose conversion depends on the locale).
fn number(v: Value) -> Result<Result<f64, Value>, NotComputed> {
    Ok(match v {
        Value::Number(x) => Ok(x),
        Value::Blank => Ok(0.0),
        Value::Bool(b) => Ok(if b { 1.0 } else { 0.0 }),
        Value::Error(_) => Err(v),
        Value::Text(s) => match s.trim().parse::<f64>() {
            Ok(x) if x.is_finite() && !s.trim().is_empty() => Ok(x),
            _ if s.trim().is_empty() => Err(value_error()),
            _ => return Err(NotComputed::TextOperation),
        },
    })
}

fn binary(op: BinOp, l: Value, r: Value) -> Outcome {
    if let BinOp::Concat = op {
        return Err(NotComputed::TextOperation);
    }
    if matches!(
        op,
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge
    ) {
        return compare(op, l, r);
    }
    let x = match number(l)? {
        Ok(x) => x,
        Err(e) => return Ok(e),
    };
    let y = match number(r)? {
        Ok(y) => y,
        Err(e) => return Ok(e),
    };
    Ok(match op {
        BinOp::Add => finite(x + y),
        BinOp::Sub => finite(x - y),
        BinOp::Mul => finite(x * y),
        BinOp::Div if y == 0.0 => div0(),
        BinOp::Div => finite(x / y),
        BinOp::Pow if x == 0.0 && y == 0.0 => num_error(),
        BinOp::Pow if x == 0.0 && y < 0.0 => div0(),
        BinOp::Pow if x < 0.0 && y.fract() != 0.0 => num_error(),
        BinOp::Pow => finite(x.powf(y)),
        _ => return Err(NotComputed::Syntax),
    })
}

/// Excel's comparison: numbers before text before booleans; text without regard to case;
/// a blank is 0, empty text or FALSE beside the other side's kind.
fn compare(op: BinOp, l: Value, r: Value) -> Outcome {
    use std::cmp::Ordering;
    if let Value::Error(_) = l {
        return Ok(l);
    }
    if let Value::Error(_) = r {
        return Ok(r);
    }
    let blank_like = |other: &Value| match other {
        Value::Text(_) => Value::Text(String::new()),
        Value::Bool(_) => Value::Bool(false),
        _ => Value::Number(0.0),
    };
    let (l, r) = match (l, r) {
        (Value::Blank, r) => (blank_like(&r), r),
        (l, Value::Blank) => {
            let b = blank_like(&l);
            (l, b)
        }
        pair => pair,
    };
    let rank = |v: &Value| match v {
        Value::Number(_) => 0,
        Value::Text(_) => 1,
        _ => 2,
    };
    let ordering = match (&l, &r) {
        (Value::Number(a), Value::Number(b)) => a.partial_cmp(b).unwrap_or(Ordering::Equal),
        (Value::Text(a), Value::Text(b)) => {
            let equality = matches!(op, BinOp::Eq | BinOp::Ne);
            if !(equality || a.is_ascii() && b.is_ascii()) {
                // Excel orders other scripts by its locale's collation.
                return Err(NotComputed::TextOperation);
            }
            a.to_lowercase().cmp(&b.to_lowercase())
        }
        (Value::Bool(a), Value::Bool(b)) => a.cmp(b),
        _ => rank(&l).cmp(&rank(&r)),
    };
    Ok(Value::Bool(match op {
        BinOp::Eq => ordering == Ordering::Equal,
        BinOp::Ne => ordering != Ordering::Equal,
        BinOp::Lt => ordering == Ordering::Less,
        BinOp::Gt => ordering == Ordering::Greater,
        BinOp::Le => ordering != Ordering::Greater,
        _ => ordering != Ordering::Less,
    }))
}

fn argument(expr: &Expr, cells: &mut dyn Cells, names: usize) -> Result<Arg, NotComputed> {
    match expr {
        Expr::Missing => Ok(Arg::Missing),
        Expr::Ref(r) => Ok(Arg::Cells(cells.area(r.sheet.as_deref(), r.area)?)),
        Expr::Name(n) => {
            if names >= MAX_NAME_DEPTH {
                return Err(NotComputed::TooComplex);
            }
            let e = cells.name(n)?;
            argument(&e, cells, names + 1)
        }
        e => Ok(Arg::Single(scalar(e, cells, names)?)),
    }
}

fn call(name: &str, args: &[Expr], cells: &mut dyn Cells, names: usize) -> Outcome {
    match name {
        "SUM" | "AVERAGE" | "MIN" | "MAX" | "COUNT" | "COUNTA" | "AND" | "OR" => {
            let mut list = Vec::with_capacity(args.len());
            for a in args {
                list.push(argument(a, cells, names)?);
            }
            aggregate(name, list)
        }
        "ROUND" | "ROUNDUP" | "ROUNDDOWN" => {
            let [x, digits] = args else {
                return Err(NotComputed::Syntax);
            };
            let x = match number(scalar(x, cells, names)?)? {
                Ok(x) => x,
                Err(e) => return Ok(e),
            };
            let digits = match number(scalar(digits, cells, names)?)? {
                Ok(d) => d.trunc(),
                Err(e) => return Ok(e),
            };
            Ok(round(name, x, digits))
        }
        "ABS" | "NOT" => {
            let [x] = args else {
                return Err(NotComputed::Syntax);
            };
            let v = scalar(x, cells, names)?;
            if name == "NOT" {
                return Ok(match truth(v)? {
                    Ok(b) => Value::Bool(!b),
                    Err(e) => e,
                });
            }
            Ok(match number(v)? {
                Ok(x) => Value::Number(x.abs()),
                Err(e) => e,
            })
        }
        "IF" => {
            let (cond, then, otherwise) = match args {
                [c, t] => (c, t, None),
                [c, t, o] => (c, t, Some(o)),
                _ => return Err(NotComputed::Syntax),
            };
            // Only the branch taken is evaluated, as in Excel.
            match truth(scalar(cond, cells, names)?)? {
                Err(e) => Ok(e),
                Ok(true) => branch(then, cells, names),
                Ok(false) => match otherwise {
                    Some(o) => branch(o, cells, names),
                    None => Ok(Value::Bool(false)),
                },
            }
        }
        "IFERROR" => {
            let [v, alt] = args else {
                return Err(NotComputed::Syntax);
            };
            match scalar(v, cells, names)? {
                Value::Error(_) => branch(alt, cells, names),
                v => Ok(v),
            }
        }
        "DATE" => {
            let [y, m, d] = args else {
                return Err(NotComputed::Syntax);
            };
            let mut parts = [0.0; 3];
            for (slot, e) in parts.iter_mut().zip([y, m, d]) {
                match number(scalar(e, cells, names)?)? {
                    Ok(x) => *slot = x.trunc(),
                    Err(e) => return Ok(e),
                }
            }
            date_serial(parts[0], parts[1], parts[2])
        }
        other => Err(NotComputed::UnknownFunction(other.to_string())),
    }
}

/// An IF or IFERROR branch: a left-out branch (`IF(c,,1)`) is 0.
fn branch(e: &Expr, cells: &mut dyn Cells, names: usize) -> Outcome {
    match e {
        Expr::Missing => Ok(Value::Number(0.0)),
        e => scalar(e, cells, names),
    }
}

/// A condition's truth: numbers are true when not 0; text only as `TRUE`/`FALSE`.
fn truth(v: Value) -> Result<Result<bool, Value>, NotComputed> {
    Ok(match v {
        Value::Bool(b) => Ok(b),
        Value::Number(x) => Ok(x != 0.0),
        Value::Blank => Ok(false),
        Value::Error(_) => Err(v),
        Value::Text(s) => match s.trim().to_ascii_uppercase().as_str() {
            "TRUE" => Ok(true),
            "FALSE" => Ok(false),
            _ => Err(value_error()),
        },
    })
}

/// SUM, AVERAGE, MIN, MAX, COUNT, COUNTA, AND, OR over their arguments: cells of
/// references count only as numbers (COUNTA: any non-blank; AND/OR: numbers and booleans);
/// values given directly are converted (text that is a number counts).
fn aggregate(name: &str, args: Vec<Arg>) -> Outcome {
    let mut numbers: Vec<f64> = Vec::new();
    let mut non_blank = 0usize;
    let mut truths: Vec<bool> = Vec::new();
    let logical = matches!(name, "AND" | "OR");
    for a in args {
        match a {
            Arg::Missing => {}
            Arg::Cells(values) => {
                for v in values {
                    match v {
                        Value::Error(_) if name != "COUNT" && name != "COUNTA" => return Ok(v),
                        Value::Number(x) => numbers.push(x),
                        Value::Bool(b) if logical => truths.push(b),
                        _ => {}
                    }
                    non_blank += 1;
                }
            }
            Arg::Single(v) => {
                non_blank += 1;
                if logical {
                    match truth(v)? {
                        Ok(b) => truths.push(b),
                        Err(e) => return Ok(e),
                    }
                    continue;
                }
                match v {
                    Value::Error(_) if name == "COUNT" || name == "COUNTA" => {}
                    Value::Text(_) if name == "COUNT" || name == "COUNTA" => {
                        if let Value::Text(s) = &v
                            && s.trim().parse::<f64>().is_ok()
                        {
                            numbers.push(0.0);
                        }
                    }
                    other => match number(other)? {
                        Ok(x) => numbers.push(x),
                        Err(e) => return Ok(e),
                    },
                }
            }
        }
    }
    if logical {
        truths.extend(numbers.iter().map(|x| *x != 0.0));
        if truths.is_empty() {
            return Ok(value_error());
        }
        let all = truths.iter().all(|b| *b);
        let any = truths.iter().any(|b| *b);
        return Ok(Value::Bool(if name == "AND" { all } else { any }));
    }
    let sum = || numbers.iter().sum::<f64>();
    Ok(match name {
        "SUM" => finite(sum()),
        "AVERAGE" if numbers.is_empty() => div0(),
        "AVERAGE" => finite(sum() / numbers.len() as f64),
        "MIN" => Value::Number(numbers.iter().copied().reduce(f64::min).unwrap_or(0.0)),
        "MAX" => Value::Number(numbers.iter().copied().reduce(f64::max).unwrap_or(0.0)),
        "COUNT" => Value::Number(numbers.len() as f64),
        _ => Value::Number(non_blank as f64),
    })
}

/// ROUND (half away from zero), ROUNDUP (away from zero), ROUNDDOWN (toward zero) to
/// `digits` decimals (negative: tens, hundreds…), on the number as Excel shows it (15
/// significant digits), so 2.675 rounds to 2.68 as in Excel.
fn round(name: &str, x: f64, digits: f64) -> Value {
    if !(-308.0..=308.0).contains(&digits) {
        return num_error();
    }
    let shown: f64 = format!("{x:.14e}").parse().unwrap_or(x);
    let scale = 10f64.powi(digits as i32);
    let scaled: f64 = format!("{:.14e}", shown * scale)
        .parse()
        .unwrap_or(shown * scale);
    let r = match name {
        "ROUNDUP" => scaled.abs().ceil().copysign(scaled),
        "ROUNDDOWN" => scaled.trunc(),
        _ => scaled.abs().round().copysign(scaled),
    };
    finite(r / scale)
}

/// Excel's DATE: the year (0–1899 counted from 1900), months and days past their end
/// carried over; the result is the date's serial number (1900 system).
fn date_serial(y: f64, m: f64, d: f64) -> Outcome {
    let year = if (0.0..1900.0).contains(&y) {
        y + 1900.0
    } else {
        y
    };
    if !(1900.0..=9999.0).contains(&year) || m.abs() > 1.0e6 || d.abs() > 1.0e8 {
        return Ok(num_error());
    }
    let months = year as i64 * 12 + m as i64 - 1;
    let first = chrono::NaiveDate::from_ymd_opt(
        months.div_euclid(12) as i32,
        months.rem_euclid(12) as u32 + 1,
        1,
    );
    let date = first.and_then(|f| f.checked_add_signed(chrono::Duration::days(d as i64 - 1)));
    let Some(date) = date else {
        return Ok(num_error());
    };
    let serial = serial_of(date);
    if serial < 1.0 {
        // Before 1900-01-01: Excel gives #NUM!.
        return Ok(num_error());
    }
    Ok(Value::Number(serial))
}

/// A date's serial number in Excel's 1900 system (which counts a 29 February 1900 that
/// never was, so dates from March 1900 on are days since 1899-12-30).
pub fn serial_of(date: chrono::NaiveDate) -> f64 {
    let base = chrono::NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default();
    let days = (date - base).num_days() as f64;
    if days < 61.0 { days - 1.0 } else { days }
}

#[cfg(test)]
mod tests {
    use super::super::parse::parse;
    use super::*;
    use std::collections::HashMap;

    /// One sheet of values by A1 position, and names.
    #[derive(Default)]
    struct Fake {
        cells: HashMap<(u32, u32), Value>,
        names: HashMap<String, String>,
    }

    impl Cells for Fake {
        fn cell(&mut self, sheet: Option<&str>, row: u32, col: u32) -> Outcome {
            if let Some(s) = sheet
                && s != "Data"
            {
                return Err(NotComputed::UnknownSheet(s.into()));
            }
            Ok(self.cells.get(&(row, col)).cloned().unwrap_or(Value::Blank))
        }
        fn area(&mut self, _: Option<&str>, area: Area) -> Result<Vec<Value>, NotComputed> {
            Ok(self
                .cells
                .iter()
                .filter(|((r, c), _)| {
                    (area.first.row..=area.last.row).contains(r)
                        && (area.first.col..=area.last.col).contains(c)
                })
                .map(|(_, v)| v.clone())
                .collect())
        }
        fn name(&mut self, name: &str) -> Result<Expr, NotComputed> {
            let text = self
                .names
                .get(name)
                .ok_or_else(|| NotComputed::UnknownName(name.into()))?;
            parse(text)
        }
    }

    fn sheet() -> Fake {
        let mut f = Fake::default();
        // B5:E5 = 100, 200, (blank), 300; F5 = "text"; G5 = TRUE; H5 = #DIV/0!; I5 = "12".
        f.cells.insert((4, 1), Value::Number(100.0));
        f.cells.insert((4, 2), Value::Number(200.0));
        f.cells.insert((4, 4), Value::Number(300.0));
        f.cells.insert((4, 5), Value::Text("text".into()));
        f.cells.insert((4, 6), Value::Bool(true));
        f.cells.insert((4, 7), Value::Error("#DIV/0!".into()));
        f.cells.insert((4, 8), Value::Text("12".into()));
        f.names.insert("FirstQuarter".into(), "Data!$B$5".into());
        f.names.insert("Quarters".into(), "Data!$B$5:$E$5".into());
        f.names.insert("Loop".into(), "Loop".into());
        f
    }

    fn eval(text: &str) -> Outcome {
        evaluate(&parse(text)?, &mut sheet())
    }
    fn num(text: &str) -> f64 {
        match eval(text) {
            Ok(Value::Number(x)) => x,
            other => panic!("{text}: {other:?}"),
        }
    }
    fn err(text: &str) -> String {
        match eval(text) {
            Ok(Value::Error(e)) => e,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn arithmetic_like_excel() {
        assert_eq!(num("1+2*3"), 7.0);
        assert_eq!(num("(1+2)*3"), 9.0);
        assert_eq!(num("-2^2"), 4.0);
        assert_eq!(num("2^3^2"), 64.0);
        assert_eq!(num("50%*200"), 100.0);
        assert_eq!(num("10/4"), 2.5);
        assert_eq!(num("--I5"), 12.0);
        assert_eq!(num("D5+1"), 1.0, "a blank is 0");
        assert_eq!(num("G5*3"), 3.0, "TRUE is 1");
        assert_eq!(num("D5"), 0.0, "a reference to a blank shows 0");
        assert_eq!(err("1/0"), "#DIV/0!");
        assert_eq!(err("1/D5"), "#DIV/0!");
        assert_eq!(err("H5+1"), "#DIV/0!");
        assert_eq!(err("0^0"), "#NUM!");
        assert_eq!(err("(-8)^0.5"), "#NUM!");
        assert_eq!(err("10^400"), "#NUM!");
        assert_eq!(eval("F5+1"), Err(NotComputed::TextOperation));
        assert_eq!(eval("\"a\"&\"b\""), Err(NotComputed::TextOperation));
    }

    #[test]
    fn aggregates_skip_text_and_blanks_in_cells() {
        assert_eq!(num("SUM(B5:E5)"), 600.0);
        assert_eq!(
            num("SUM(B5:G5)"),
            600.0,
            "text and TRUE in cells are skipped"
        );
        assert_eq!(
            num("SUM(B5,F5,I5)"),
            100.0,
            "single cells count like ranges"
        );
        assert_eq!(num("SUM(1,\"2\",TRUE)"), 4.0, "direct values are converted");
        assert_eq!(err("SUM(B5:H5)"), "#DIV/0!");
        assert_eq!(num("AVERAGE(B5:E5)"), 200.0, "blanks are not counted");
        assert_eq!(err("AVERAGE(F5:G5)"), "#DIV/0!");
        assert_eq!(num("MIN(B5:E5)"), 100.0);
        assert_eq!(num("MAX(B5:E5,1000)"), 1000.0);
        assert_eq!(num("MAX(F5)"), 0.0);
        assert_eq!(num("COUNT(B5:I5)"), 3.0);
        assert_eq!(num("COUNTA(B5:I5)"), 7.0);
        assert_eq!(num("SUM(Quarters)"), 600.0);
        assert_eq!(num("FirstQuarter*2"), 200.0);
        assert_eq!(num("Q1*2"), 0.0, "Q1 is a cell, never a name");
        assert_eq!(eval("Loop+1"), Err(NotComputed::TooComplex));
        assert_eq!(
            eval("Nowhere+1"),
            Err(NotComputed::UnknownName("Nowhere".into()))
        );
        assert_eq!(
            eval("Other!A1"),
            Err(NotComputed::UnknownSheet("Other".into()))
        );
    }

    #[test]
    fn rounding_conditions_and_dates() {
        assert_eq!(num("ROUND(2.675,2)"), 2.68);
        assert_eq!(num("ROUND(-2.5,0)"), -3.0);
        assert_eq!(num("ROUND(1234,-2)"), 1200.0);
        assert_eq!(num("ROUNDUP(1.21,1)"), 1.3);
        assert_eq!(num("ROUNDDOWN(-1.29,1)"), -1.2);
        assert_eq!(num("ABS(-3)"), 3.0);
        assert_eq!(num("IF(B5>150,1,2)"), 2.0);
        assert_eq!(num("IF(D5=\"\",5,1/0)"), 5.0, "only the branch taken");
        assert_eq!(eval("IF(B5,\"yes\")"), Ok(Value::Text("yes".into())));
        assert_eq!(eval("IF(B5<0,1)"), Ok(Value::Bool(false)));
        assert_eq!(num("IFERROR(1/0,7)"), 7.0);
        assert_eq!(eval("AND(G5,B5>1)"), Ok(Value::Bool(true)));
        assert_eq!(eval("NOT(OR(B5<0,C5<0))"), Ok(Value::Bool(true)));
        assert_eq!(eval("\"ABC\"=\"abc\""), Ok(Value::Bool(true)));
        assert_eq!(eval("1<\"a\""), Ok(Value::Bool(true)));
        assert_eq!(num("DATE(2026,3,31)"), 46112.0);
        assert_eq!(num("DATE(2026,13,1)"), num("DATE(2027,1,1)"));
        assert_eq!(
            eval("INDIRECT(\"B5\")"),
            Err(NotComputed::UnknownFunction("INDIRECT".into()))
        );
        assert_eq!(eval("ROUND(1)"), Err(NotComputed::Syntax));
        assert_eq!(
            eval("B5:C5*2"),
            Err(NotComputed::Unsupported("a range used as one value".into()))
        );
    }
}
