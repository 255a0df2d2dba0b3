//! Formulas without stored results. Workbooks written by scripts (openpyxl, some BI tools)
//! hold formulas with no cached value (`<c r="F5"><f>SUM(B5:E5)</f></c>`, or `<v></v>`):
//! calamine reads such a cell as empty. [`compute_uncached`] evaluates them where goalsheet
//! can — arithmetic, comparisons, SUM/AVERAGE/MIN/MAX/COUNT/ROUND/ABS/IF and a few more
//! (see [`eval`]), references to cells and ranges on any sheet of the workbook, defined
//! names, and formulas that use other uncached formulas — and records every other one on its
//! sheet with the reason ([`NotComputed`]); no value is ever invented for it.
//!
//! Bounded on hostile input: formulas are parsed with a nesting cap ([`parse::MAX_NESTING`]),
//! chains of formulas are followed with an explicit stack (no recursion) up to
//! [`MAX_CHAIN`] deep with cycle detection, and all the cells read across the workbook
//! count against [`MAX_WORK`].

pub mod eval;
pub mod parse;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;

use eval::{Cells, Value, evaluate};
use parse::{Area, Expr, parse};

use super::{CellValue, DefinedName, Sheet};

/// Why a formula without a stored result was not computed.
#[derive(Debug, Clone, PartialEq)]
pub enum NotComputed {
    /// A function goalsheet does not evaluate (`INDIRECT`, `VLOOKUP`, `TEXT`…), upper-cased.
    UnknownFunction(String),
    /// A defined name the workbook does not define.
    UnknownName(String),
    /// A sheet the workbook does not have.
    UnknownSheet(String),
    /// A reference to another workbook (`[1]Sheet1!A1`).
    ExternalReference,
    /// Text joined (`&`) or text used as a number where Excel's conversion depends on the
    /// locale (`"1,200"*2`).
    TextOperation,
    /// An Excel construct left out on purpose (array constants, 3-D references, …).
    Unsupported(String),
    /// Text that is not a formula goalsheet can read.
    Syntax,
    /// The formula refers to itself through other formulas.
    Circular,
    /// Beyond goalsheet's limits: nesting, length, chain depth or total work.
    TooComplex,
    /// It uses another formula cell that has no stored result and cannot be computed.
    Uses {
        /// The sheet of the first cell in the chain that cannot be computed.
        sheet: String,
        /// That cell, 0-based (row, column).
        cell: (u32, u32),
        /// Why that cell cannot be computed (never itself `Uses`).
        cause: Box<NotComputed>,
    },
}

impl fmt::Display for NotComputed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotComputed::UnknownFunction(n) => write!(f, "function {n} is not computed"),
            NotComputed::UnknownName(n) => write!(f, "name {n} is not defined"),
            NotComputed::UnknownSheet(s) => write!(f, "sheet {s} does not exist"),
            NotComputed::ExternalReference => f.write_str("it refers to another workbook"),
            NotComputed::TextOperation => f.write_str("it works on text"),
            NotComputed::Unsupported(what) => write!(f, "{what} is not computed"),
            NotComputed::Syntax => f.write_str("the formula cannot be read"),
            NotComputed::Circular => f.write_str("it refers to itself (circular reference)"),
            NotComputed::TooComplex => f.write_str("it is too long or too deeply nested"),
            NotComputed::Uses { sheet, cell, cause } => write!(
                f,
                "it uses {sheet}!{}, which cannot be computed: {cause}",
                crate::model::CellPos::new(cell.0, cell.1)
            ),
        }
    }
}

/// Longest chain of uncached formulas using one another that is followed.
pub const MAX_CHAIN: usize = 2000;
/// Most cells read, across the workbook, while computing uncached formulas.
pub const MAX_WORK: u64 = 20_000_000;

/// A cell of the workbook: (sheet index, row, column).
type Key = (usize, u32, u32);

/// Compute every formula cell that has no stored value, on every sheet: each result is put
/// into the sheet's cells and its position into [`Sheet::computed`]; each formula that
/// cannot be computed goes into [`Sheet::uncomputed`] with the reason, its cell left empty.
/// ODS formulas (OpenFormula, `of:=…`) are translated to Excel's syntax first.
pub fn compute_uncached(sheets: &mut [Sheet], names: &[DefinedName]) {
    let mut pending: BTreeMap<Key, Result<Expr, NotComputed>> = BTreeMap::new();
    for (i, sheet) in sheets.iter().enumerate() {
        for (&(r, c), text) in &sheet.formulas {
            if matches!(sheet.raw(r, c), CellValue::Empty) {
                let parsed = excel_formula(text)
                    .ok_or(NotComputed::Syntax)
                    .and_then(|t| parse(&t));
                pending.insert((i, r, c), parsed);
            }
        }
    }
    let results = if pending.is_empty() {
        BTreeMap::new()
    } else {
        let mut book = Book::new(sheets, names, &pending);
        book.run();
        book.results
    };
    let mut held: Vec<Option<usize>> = vec![None; sheets.len()];
    for ((i, r, c), outcome) in results {
        let (Some(sheet), Some(held)) = (sheets.get_mut(i), held.get_mut(i)) else {
            continue;
        };
        let held = held.get_or_insert_with(|| sheet.rows.iter().map(Vec::len).sum());
        let value = match outcome {
            Ok(Value::Number(x)) => CellValue::Number(x),
            Ok(Value::Text(s)) => CellValue::String(s),
            Ok(Value::Bool(b)) => CellValue::Bool(b),
            Ok(Value::Error(e)) => CellValue::Error(e),
            Ok(Value::Blank) => CellValue::Number(0.0),
            Err(reason) => {
                // The cell stays empty, but inside its row, so writers see the formula.
                sheet.set_computed(r, c, CellValue::Empty, held);
                sheet.uncomputed.insert((r, c), reason);
                continue;
            }
        };
        if sheet.set_computed(r, c, value, held) {
            sheet.computed.insert((r, c));
        } else {
            sheet.uncomputed.insert((r, c), NotComputed::TooComplex);
        }
    }
    // Percentage styles were noted on the empty formula cells; keep those now numbers.
    for sheet in sheets.iter_mut() {
        let rows = &sheet.rows;
        sheet.percent_cells.retain(|&(r, c)| {
            matches!(
                rows.get(r as usize).and_then(|row| row.get(c as usize)),
                Some(CellValue::Number(_))
            )
        });
    }
}

/// The workbook while its uncached formulas are computed.
struct Book<'a> {
    sheets: &'a [Sheet],
    /// Sheet names, lower-cased (Excel's are case-insensitive) → index.
    by_name: HashMap<String, usize>,
    /// Defined names, lower-cased → their formula, parsed once.
    names: HashMap<String, Result<Expr, NotComputed>>,
    pending: &'a BTreeMap<Key, Result<Expr, NotComputed>>,
    /// The pending cells of each sheet, for range look-ups.
    pending_by_sheet: Vec<BTreeSet<(u32, u32)>>,
    results: BTreeMap<Key, Result<Value, NotComputed>>,
    work: u64,
}

impl<'a> Book<'a> {
    fn new(
        sheets: &'a [Sheet],
        names: &'a [DefinedName],
        pending: &'a BTreeMap<Key, Result<Expr, NotComputed>>,
    ) -> Self {
        let mut pending_by_sheet = vec![BTreeSet::new(); sheets.len()];
        for &(i, r, c) in pending.keys() {
            if let Some(set) = pending_by_sheet.get_mut(i) {
                set.insert((r, c));
            }
        }
        Book {
            sheets,
            by_name: sheets
                .iter()
                .enumerate()
                .map(|(i, s)| (s.name.to_lowercase(), i))
                .collect(),
            names: names
                .iter()
                .map(|(n, f)| (n.to_lowercase(), parse(f)))
                .collect(),
            pending,
            pending_by_sheet,
            results: BTreeMap::new(),
            work: 0,
        }
    }

    /// Compute every pending cell: depth first over the pending cells each one uses, with
    /// an explicit stack whose frames remember how far through their dependencies they are.
    fn run(&mut self) {
        let keys: Vec<Key> = self.pending.keys().copied().collect();
        for start in keys {
            if self.results.contains_key(&start) {
                continue;
            }
            // (cell, the pending cells it uses, how many of them are done)
            let mut stack: Vec<(Key, Vec<Key>, usize)> = vec![(start, self.dependencies(start), 0)];
            let mut on_stack: HashMap<Key, usize> = HashMap::from([(start, 0)]);
            while let Some((top, deps, done)) = stack.last_mut() {
                let top = *top;
                // Skip the dependencies that already have a result.
                while deps
                    .get(*done)
                    .is_some_and(|d| self.results.contains_key(d))
                {
                    *done += 1;
                }
                match deps.get(*done).copied() {
                    Some(dep) if on_stack.contains_key(&dep) => {
                        // A cycle: every cell on it is circular.
                        let from = on_stack.get(&dep).copied().unwrap_or(0);
                        for (k, _, _) in stack.get(from..).unwrap_or(&[]) {
                            self.results.insert(*k, Err(NotComputed::Circular));
                        }
                    }
                    Some(_) if stack.len() >= MAX_CHAIN => {
                        self.results.insert(top, Err(NotComputed::TooComplex));
                    }
                    Some(dep) => {
                        on_stack.insert(dep, stack.len());
                        let deps = self.dependencies(dep);
                        stack.push((dep, deps, 0));
                        continue;
                    }
                    None => {
                        let outcome = self.compute(top);
                        self.results.insert(top, outcome);
                    }
                }
                // Pop every resolved cell off the top.
                while let Some((k, _, _)) = stack.last() {
                    if !self.results.contains_key(k) {
                        break;
                    }
                    on_stack.remove(k);
                    stack.pop();
                }
            }
        }
    }

    /// The pending cells (formulas without a stored result) that `key`'s formula uses,
    /// through its references and defined names. Empty once the work budget is spent (the
    /// cell is then refused by [`Book::compute`]).
    fn dependencies(&mut self, key: Key) -> Vec<Key> {
        let Some(Ok(expr)) = self.pending.get(&key) else {
            return Vec::new();
        };
        let (mut refs, mut names) = (Vec::new(), Vec::new());
        references(expr, &mut refs, &mut names);
        // Defined names are followed level by level, up to the evaluator's depth.
        for _ in 0..eval::MAX_NAME_DEPTH {
            if names.is_empty() {
                break;
            }
            for n in std::mem::take(&mut names) {
                if let Some(Ok(e)) = self.names.get(&n.to_lowercase()) {
                    references(e, &mut refs, &mut names);
                }
            }
        }
        let mut deps = Vec::new();
        for r in refs {
            let sheet = match &r.sheet {
                None => Some(key.0),
                Some(s) => self.by_name.get(&s.to_lowercase()).copied(),
            };
            let Some(set) = sheet.and_then(|i| self.pending_by_sheet.get(i).map(|set| (i, set)))
            else {
                continue;
            };
            let (i, set) = set;
            let from = (r.area.first.row, r.area.first.col);
            let to = (r.area.last.row, r.area.last.col);
            for &(row, col) in set.range(from..=to) {
                self.work += 1;
                if self.work > MAX_WORK {
                    return Vec::new();
                }
                if (r.area.first.col..=r.area.last.col).contains(&col) {
                    deps.push((i, row, col));
                }
            }
        }
        deps
    }

    /// Evaluate one pending cell whose dependencies all have results.
    fn compute(&mut self, key: Key) -> Result<Value, NotComputed> {
        let expr = match self.pending.get(&key) {
            Some(Ok(e)) => e,
            Some(Err(reason)) => return Err(reason.clone()),
            None => return Err(NotComputed::Syntax),
        };
        if self.work > MAX_WORK {
            return Err(NotComputed::TooComplex);
        }
        let mut view = View {
            book: self,
            sheet: key.0,
        };
        evaluate(expr, &mut view)
    }

    fn sheet_index(&self, own: usize, name: Option<&str>) -> Result<usize, NotComputed> {
        match name {
            None => Ok(own),
            Some(n) => self
                .by_name
                .get(&n.to_lowercase())
                .copied()
                .ok_or_else(|| NotComputed::UnknownSheet(n.to_string())),
        }
    }

    /// A cell's value: a computed result, or what the file stored.
    fn value(&self, key: Key) -> Result<Value, NotComputed> {
        if let Some(outcome) = self.results.get(&key) {
            return outcome.clone().map_err(|cause| match cause {
                NotComputed::Uses { .. } => cause,
                cause => NotComputed::Uses {
                    sheet: self
                        .sheets
                        .get(key.0)
                        .map(|s| s.name.clone())
                        .unwrap_or_default(),
                    cell: (key.1, key.2),
                    cause: Box::new(cause),
                },
            });
        }
        let stored = self
            .sheets
            .get(key.0)
            .map(|s| s.raw(key.1, key.2))
            .unwrap_or(&CellValue::Empty);
        Ok(match stored {
            CellValue::Empty => Value::Blank,
            CellValue::String(s) => Value::Text(s.clone()),
            CellValue::Number(x) => Value::Number(*x),
            CellValue::Bool(b) => Value::Bool(*b),
            CellValue::Date(d) => Value::Number(eval::serial_of(*d)),
            CellValue::Error(e) => Value::Error(e.clone()),
        })
    }
}

/// The workbook as one formula on one sheet sees it.
struct View<'b, 'a> {
    book: &'b mut Book<'a>,
    sheet: usize,
}

impl Cells for View<'_, '_> {
    fn cell(&mut self, sheet: Option<&str>, row: u32, col: u32) -> Result<Value, NotComputed> {
        let i = self.book.sheet_index(self.sheet, sheet)?;
        self.book.work += 1;
        self.book.value((i, row, col))
    }

    fn area(&mut self, sheet: Option<&str>, area: Area) -> Result<Vec<Value>, NotComputed> {
        let i = self.book.sheet_index(self.sheet, sheet)?;
        let Some(s) = self.book.sheets.get(i) else {
            return Err(NotComputed::UnknownSheet(sheet.unwrap_or_default().into()));
        };
        let mut out = Vec::new();
        // The stored cells inside the area (rows end at their last value).
        let last_row = area.last.row.min(s.height().saturating_sub(1));
        for r in area.first.row..=last_row {
            if s.height() == 0 {
                break;
            }
            let Some(row) = s.rows.get(r as usize) else {
                continue;
            };
            let last_col = (area.last.col as usize).min(row.len().saturating_sub(1));
            for c in area.first.col as usize..=last_col {
                self.book.work += 1;
                if self.book.work > MAX_WORK {
                    return Err(NotComputed::TooComplex);
                }
                let Some(v) = row.get(c) else { break };
                if !matches!(v, CellValue::Empty) {
                    out.push(self.book.value((i, r, c as u32))?);
                }
            }
        }
        // The pending cells inside it, by their results.
        let from = (area.first.row, area.first.col);
        let to = (area.last.row, area.last.col);
        let inside: Vec<(u32, u32)> = self
            .book
            .pending_by_sheet
            .get(i)
            .map(|set| {
                set.range(from..=to)
                    .filter(|(_, c)| (area.first.col..=area.last.col).contains(c))
                    .copied()
                    .collect()
            })
            .unwrap_or_default();
        for (r, c) in inside {
            self.book.work += 1;
            match self.book.value((i, r, c))? {
                Value::Blank => {}
                v => out.push(v),
            }
        }
        if self.book.work > MAX_WORK {
            return Err(NotComputed::TooComplex);
        }
        Ok(out)
    }

    fn name(&mut self, name: &str) -> Result<Expr, NotComputed> {
        self.book
            .names
            .get(&name.to_lowercase())
            .cloned()
            .unwrap_or_else(|| Err(NotComputed::UnknownName(name.to_string())))
    }
}

/// The references and defined names an expression uses, walked with an explicit stack.
fn references(expr: &Expr, refs: &mut Vec<parse::Reference>, names: &mut Vec<String>) {
    let mut todo = vec![expr];
    while let Some(e) = todo.pop() {
        match e {
            Expr::Ref(r) => refs.push(r.clone()),
            Expr::Name(n) => names.push(n.clone()),
            Expr::Neg(x) | Expr::Percent(x) => todo.push(x),
            Expr::Binary(_, l, r) => {
                todo.push(r);
                todo.push(l);
            }
            Expr::Call(_, args) => todo.extend(args.iter().rev()),
            _ => {}
        }
    }
}

/// A formula as Excel writes it: calamine gives xlsx and xls formulas in Excel's syntax, and
/// ODS formulas in OpenFormula (`of:=SUM([.I7:.I9])`, `[$Sheet1.A1]`, `;` between
/// arguments), which is translated; `None` when the translation is unsure.
pub fn excel_formula(formula: &str) -> Option<String> {
    let Some(open) = formula.strip_prefix("of:") else {
        return Some(formula.trim_start_matches('=').to_string());
    };
    let text = open.trim_start_matches('=');
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '"' => {
                // A string literal, `""` inside it an escaped quote.
                out.push(c);
                i += 1;
                loop {
                    let ch = *chars.get(i)?;
                    out.push(ch);
                    i += 1;
                    if ch == '"' {
                        if chars.get(i) == Some(&'"') {
                            out.push('"');
                            i += 1;
                            continue;
                        }
                        break;
                    }
                }
                continue;
            }
            '[' => {
                let close = chars[i..].iter().position(|&c| c == ']')? + i;
                let inner: String = chars[i + 1..close].iter().collect();
                out.push_str(&open_formula_ref(&inner)?);
                i = close + 1;
                continue;
            }
            ';' => out.push(','),
            _ => out.push(c),
        }
        i += 1;
    }
    Some(out)
}

/// One OpenFormula reference (`.A1`, `.A1:.B2`, `$Sheet1.A1`, `'My sheet'.A1:.B2`) in A1
/// syntax (`A1`, `A1:B2`, `'Sheet1'!A1`).
fn open_formula_ref(inner: &str) -> Option<String> {
    let mut parts = Vec::new();
    for (k, part) in inner.split(':').enumerate() {
        let dot = part.rfind('.')?;
        let (sheet, cell) = (&part[..dot], &part[dot + 1..]);
        let valid = !cell.is_empty() && cell.chars().all(|c| c.is_ascii_alphanumeric() || c == '$');
        if !valid {
            return None;
        }
        let sheet = sheet.trim_start_matches('$');
        let sheet = match sheet.strip_prefix('\'').and_then(|s| s.strip_suffix('\'')) {
            Some(quoted) => quoted.replace("''", "'"),
            None => sheet.to_string(),
        };
        if k == 0 && !sheet.is_empty() {
            parts.push(format!("'{}'!{cell}", sheet.replace('\'', "''")));
        } else {
            parts.push(cell.to_string());
        }
    }
    Some(parts.join(":"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A sheet from rows of cells: numbers, `=formula` (no stored value) or text.
    fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
        let mut formulas = HashMap::new();
        let cells = rows
            .iter()
            .enumerate()
            .map(|(r, row)| {
                row.iter()
                    .enumerate()
                    .map(|(c, text)| {
                        if let Some(f) = text.strip_prefix('=') {
                            formulas.insert((r as u32, c as u32), f.to_string());
                            CellValue::Empty
                        } else if let Ok(x) = text.parse::<f64>() {
                            CellValue::Number(x)
                        } else if text.is_empty() {
                            CellValue::Empty
                        } else {
                            CellValue::String(text.to_string())
                        }
                    })
                    .collect()
            })
            .collect();
        let mut s = Sheet::new(name.into(), cells, Vec::new(), true);
        s.formulas = formulas;
        s
    }

    fn number(s: &Sheet, r: u32, c: u32) -> f64 {
        match s.raw(r, c) {
            CellValue::Number(x) => *x,
            other => panic!("{}!{}: {other:?}", s.name, crate::model::CellPos::new(r, c)),
        }
    }

    #[test]
    fn quarters_annual_chains_and_other_sheets() {
        let mut book = vec![
            sheet(
                "Goals",
                &[
                    &["Goal", "Q1", "Q2", "Q3", "Q4", "Year", "Base"],
                    &[
                        "Leads",
                        "100",
                        "200",
                        "",
                        "300",
                        "=SUM(B2:E2)",
                        "='Sheet 1'!B2",
                    ],
                    // A chain written bottom-up: F3 uses F4 which uses G2 on another sheet.
                    &["Orders", "=B4*2", "", "", "", "=SUM(B3:E3)+G3", "=G2*1.5"],
                    &[
                        "Spend",
                        "=-'Sheet 1'!B2^2",
                        "",
                        "",
                        "",
                        "=F2/0",
                        "=AVERAGE(B2:E2)",
                    ],
                ],
            ),
            sheet("Sheet 1", &[&["x", "y"], &["", "40"]]),
        ];
        book[0].percent_cells.insert((3, 6));
        book[0].percent_cells.insert((3, 5));
        compute_uncached(&mut book, &[]);
        let goals = &book[0];
        assert_eq!(number(goals, 1, 5), 600.0, "blanks count 0 in SUM");
        assert_eq!(number(goals, 1, 6), 40.0, "a reference to another sheet");
        // B4 = -(40)^2 = 1600 (negation binds first); B3 = 3200; F3 = 3200 + G3 = 3200 + 60.
        assert_eq!(number(goals, 3, 1), 1600.0);
        assert_eq!(number(goals, 2, 1), 3200.0);
        assert_eq!(number(goals, 2, 6), 60.0);
        assert_eq!(number(goals, 2, 5), 3260.0);
        assert_eq!(goals.raw(3, 5), &CellValue::Error("#DIV/0!".into()));
        assert_eq!(number(goals, 3, 6), 200.0);
        assert!(goals.computed.contains(&(1, 5)) && goals.uncomputed.is_empty());
        // The percent style stays on the number, not on the error.
        assert!(goals.percent_cells.contains(&(3, 6)));
        assert!(!goals.percent_cells.contains(&(3, 5)));
    }

    #[test]
    fn what_cannot_be_computed_is_left_empty_with_its_reason() {
        let mut book = vec![sheet(
            "Goals",
            &[
                &["Goal", "Q1", "Q2", "Year"],
                &["Leads", "=INDIRECT(\"B5\")", "100", "=SUM(B2:C2)"],
                &["Orders", "=D3+1", "=B3", "=C3"],
                &["Spend", "=Data!A1", "=[1]Sheet1!A1", "=A4&\"x\""],
                &["Self", "=B5", "", ""],
            ],
        )];
        compute_uncached(&mut book, &[]);
        let goals = &book[0];
        let reason = |r, c| goals.uncomputed.get(&(r, c)).cloned();
        assert_eq!(
            reason(1, 1),
            Some(NotComputed::UnknownFunction("INDIRECT".into()))
        );
        assert_eq!(goals.raw(1, 1), &CellValue::Empty, "no value is invented");
        assert_eq!(
            reason(1, 3),
            Some(NotComputed::Uses {
                sheet: "Goals".into(),
                cell: (1, 1),
                cause: Box::new(NotComputed::UnknownFunction("INDIRECT".into())),
            })
        );
        for c in 1..=3 {
            assert_eq!(reason(2, c), Some(NotComputed::Circular), "column {c}");
        }
        assert_eq!(reason(4, 1), Some(NotComputed::Circular));
        assert_eq!(reason(3, 1), Some(NotComputed::UnknownSheet("Data".into())));
        assert_eq!(reason(3, 2), Some(NotComputed::ExternalReference));
        assert_eq!(reason(3, 3), Some(NotComputed::TextOperation));
        assert!(goals.computed.is_empty());
    }

    #[test]
    fn long_chains_and_names_are_followed_without_recursion() {
        // Each row uses the row below it: 5000 formulas deep, computed without a stack
        // overflow up to MAX_CHAIN, and reported beyond it.
        let n = 5000usize;
        let mut rows: Vec<Vec<String>> = (0..n).map(|r| vec![format!("=A{}+1", r + 2)]).collect();
        rows.push(vec!["1".into()]);
        let rows: Vec<Vec<&str>> = rows
            .iter()
            .map(|r| r.iter().map(String::as_str).collect())
            .collect();
        let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        let mut book = vec![sheet("Chain", &rows)];
        compute_uncached(&mut book, &[]);
        let s = &book[0];
        assert_eq!(number(s, (n - 1) as u32, 0), 2.0);
        assert!(s.uncomputed.values().any(|r| *r == NotComputed::TooComplex));
        assert!(matches!(
            s.uncomputed.get(&(0, 0)),
            Some(NotComputed::Uses { cause, .. }) if **cause == NotComputed::TooComplex
        ));

        let mut book = vec![sheet("Goals", &[&["10", "20", "=SUM(Both)*Rate"]])];
        let names = vec![
            ("Both".to_string(), "Goals!$A$1:$B$1".to_string()),
            ("Rate".to_string(), "10%".to_string()),
        ];
        compute_uncached(&mut book, &names);
        assert_eq!(number(&book[0], 0, 2), 3.0);
    }

    #[test]
    fn a_total_above_many_formulas_is_computed_and_whole_columns_stay_bounded() {
        // A1 = SUM(A2:A20001), each A(r) = B(r)*2: the total uses 20,000 pending cells.
        let n = 20_000u32;
        let mut rows = vec![vec![CellValue::Empty, CellValue::Empty]];
        rows.extend((0..n).map(|_| vec![CellValue::Empty, CellValue::Number(1.0)]));
        let mut s = Sheet::new("S".into(), rows, Vec::new(), true);
        s.formulas.insert((0, 0), format!("SUM(A2:A{})", n + 1));
        for r in 1..=n {
            s.formulas.insert((r, 0), format!("B{}*2", r + 1));
        }
        let mut book = vec![s];
        compute_uncached(&mut book, &[]);
        assert_eq!(number(&book[0], 0, 0), f64::from(n) * 2.0);

        // 2,000 formulas each summing whole columns full of other formulas: the work budget
        // ends it quickly, and what was not computed says why.
        let n = 2_000u32;
        let rows = (0..n).map(|_| vec![CellValue::Empty]).collect();
        let mut s = Sheet::new("S".into(), rows, Vec::new(), true);
        for r in 0..n {
            s.formulas.insert((r, 0), "SUM(B:B)+1".into());
            s.formulas.insert((r, 1), format!("SUM(A{}:A{})", r + 2, n));
        }
        let mut book = vec![s];
        let started = std::time::Instant::now();
        compute_uncached(&mut book, &[]);
        assert!(started.elapsed().as_secs() < 60);
        let s = &book[0];
        assert_eq!(s.computed.len() + s.uncomputed.len(), 2 * n as usize);
    }

    #[test]
    fn deep_nesting_through_names_stays_on_the_stack() {
        // Each name nests 90 levels and uses the next name: the deepest evaluation a
        // formula can ask for, on a test thread's small stack.
        let deep = |inner: &str| format!("{}{inner}+1{}", "SUM(".repeat(90), ")".repeat(90));
        let names: Vec<(String, String)> = (0..6)
            .map(|k| (format!("N{k}"), deep(&format!("N{}", k + 1))))
            .chain(std::iter::once(("N6".to_string(), "1".to_string())))
            .collect();
        let mut s = Sheet::new("S".into(), vec![vec![CellValue::Empty]], Vec::new(), true);
        s.formulas.insert((0, 0), deep("N0"));
        let mut book = vec![s];
        compute_uncached(&mut book, &names);
        // Beyond the evaluator's depth for names: refused, not crashed.
        assert_eq!(
            book[0].uncomputed.get(&(0, 0)),
            Some(&NotComputed::TooComplex)
        );
    }

    #[test]
    fn open_formulas_are_translated() {
        assert_eq!(
            excel_formula("of:=SUM([.B2:.E2])").as_deref(),
            Some("SUM(B2:E2)")
        );
        let mut book = vec![sheet("Goals", &[&["1", "2", ""]])];
        book[0].formulas.insert((0, 2), "of:=SUM([.A1:.B1])".into());
        compute_uncached(&mut book, &[]);
        assert_eq!(number(&book[0], 0, 2), 3.0);
    }

    proptest::proptest! {
        /// Any formula text, however broken or hostile, is computed or refused with a
        /// reason: never a panic, never a cell both computed and not.
        #[test]
        fn arbitrary_formula_text_never_panics(
            texts in proptest::collection::vec(
                "[-+*/^&%=<>(),:!$'\"#. A-Da-d1-5SUMIFXROND_{}\\[\\]]{0,40}",
                1..6,
            ),
            nested in 0usize..300,
        ) {
            let mut rows: Vec<Vec<CellValue>> = vec![vec![CellValue::Number(1.0); 5]; 5];
            rows[2][2] = CellValue::String("x".into());
            let mut s = Sheet::new("A".into(), rows, Vec::new(), true);
            for (k, t) in texts.iter().enumerate() {
                s.formulas.insert((k as u32, 5), t.clone());
            }
            s.formulas.insert((6, 0), format!("{}1{}", "(".repeat(nested), ")".repeat(nested)));
            let mut book = vec![s, Sheet::new("B".into(), Vec::new(), Vec::new(), true)];
            compute_uncached(&mut book, &[("N".into(), "A!F1:F3".into())]);
            for at in book[0].formulas.keys() {
                proptest::prop_assert!(
                    !(book[0].computed.contains(at) && book[0].uncomputed.contains_key(at))
                );
            }
        }
    }
}
