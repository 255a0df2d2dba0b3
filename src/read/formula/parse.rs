//! Formula text (Excel syntax, without the leading `=`) → [`Expr`].
//!
//! The grammar is the part of Excel's that plans written by scripts use: numbers, strings,
//! `TRUE`/`FALSE`, error literals (`#DIV/0!`), cell references (`B5`, `$B$5`, `'Sheet 1'!B5`),
//! ranges (`B5:E5`, `B:B`, `5:5`), defined names, function calls, unary `+`/`-`, postfix `%`,
//! and the binary operators `^ * / + - & = <> < > <= >=` with Excel's precedence (negation
//! binds tighter than `^`, every binary operator is left-associative, so `-2^2` is 4 and
//! `2^3^2` is 64). Anything else — array constants, 3-D and external references, the
//! intersection operator — is refused with the reason, never guessed.
//!
//! Bounded on hostile text: at most [`MAX_FORMULA_CHARS`] characters and [`MAX_NESTING`]
//! levels of nesting, so the recursive descent cannot overflow the stack.

use super::NotComputed;

/// Excel's own limit on a formula's length.
pub const MAX_FORMULA_CHARS: usize = 8192;
/// Deepest nesting of parentheses, calls and operators accepted (Excel allows 64 levels of
/// nested calls).
pub const MAX_NESTING: usize = 100;

/// A cell position on a sheet, 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct At {
    pub row: u32,
    pub col: u32,
}

/// A rectangle of cells, 0-based inclusive; whole columns and rows reach Excel's edge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Area {
    pub first: At,
    pub last: At,
}

/// A reference: a sheet (`None` = the formula's own) and an area (one cell or a range).
#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    pub sheet: Option<String>,
    pub area: Area,
    /// Written as a range (`B5:B5` is a range of one cell; `B5` is a cell).
    pub is_range: bool,
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Concat,
    Eq,
    Ne,
    Lt,
    Gt,
    Le,
    Ge,
}

/// A parsed formula.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    Number(f64),
    Text(String),
    Bool(bool),
    /// An error literal such as `#DIV/0!`, as written.
    Error(String),
    Ref(Reference),
    /// A defined name, resolved when evaluated.
    Name(String),
    Neg(Box<Expr>),
    Percent(Box<Expr>),
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// A function call: the name upper-cased, without Excel's `_xlfn.` prefix.
    Call(String, Vec<Expr>),
    /// An argument left out (`ROUND(A1,)`).
    Missing,
}

const ERRORS: [&str; 8] = [
    "#DIV/0!",
    "#N/A",
    "#NAME?",
    "#NULL!",
    "#NUM!",
    "#REF!",
    "#VALUE!",
    "#GETTING_DATA",
];

/// Parse formula text (an optional leading `=` is ignored).
///
/// # Errors
/// The [`NotComputed`] reason: [`NotComputed::Syntax`] for text that is not a formula this
/// grammar knows, [`NotComputed::Unsupported`] for Excel constructs left out on purpose,
/// [`NotComputed::ExternalReference`], [`NotComputed::TooComplex`] beyond the limits.
pub fn parse(text: &str) -> Result<Expr, NotComputed> {
    if text.len() > MAX_FORMULA_CHARS {
        return Err(NotComputed::TooComplex);
    }
    let text = text.trim();
    let text = text.strip_prefix('=').unwrap_or(text);
    let mut p = Parser {
        chars: text.chars().collect(),
        pos: 0,
        depth: 0,
    };
    let e = p.expr(0)?;
    p.skip_space();
    if p.pos < p.chars.len() {
        return Err(p.unexpected());
    }
    Ok(e)
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    depth: usize,
}

/// Binding power of a binary operator (higher binds tighter).
fn binding(op: BinOp) -> u8 {
    match op {
        BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Gt | BinOp::Le | BinOp::Ge => 1,
        BinOp::Concat => 2,
        BinOp::Add | BinOp::Sub => 3,
        BinOp::Mul | BinOp::Div => 4,
        BinOp::Pow => 5,
    }
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }
    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.pos + k).copied()
    }
    fn skip_space(&mut self) {
        while self
            .peek()
            .is_some_and(|c| c == ' ' || c == '\n' || c == '\r')
        {
            self.pos += 1;
        }
    }
    fn unexpected(&self) -> NotComputed {
        match self.peek() {
            Some('{') => NotComputed::Unsupported("array constant".into()),
            Some('[') => NotComputed::ExternalReference,
            _ => NotComputed::Syntax,
        }
    }
    fn enter(&mut self) -> Result<(), NotComputed> {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            return Err(NotComputed::TooComplex);
        }
        Ok(())
    }

    /// An expression whose binary operators bind at least `min`.
    fn expr(&mut self, min: u8) -> Result<Expr, NotComputed> {
        self.enter()?;
        let mut lhs = self.unary()?;
        loop {
            self.skip_space();
            let Some((op, len)) = self.binary_op() else {
                break;
            };
            let bp = binding(op);
            if bp < min {
                break;
            }
            self.pos += len;
            // Left-associative: the right side binds strictly tighter.
            let rhs = self.expr(bp + 1)?;
            lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        }
        self.depth -= 1;
        Ok(lhs)
    }

    fn binary_op(&self) -> Option<(BinOp, usize)> {
        let two = (self.peek()?, self.peek_at(1));
        Some(match two {
            ('<', Some('>')) => (BinOp::Ne, 2),
            ('<', Some('=')) => (BinOp::Le, 2),
            ('>', Some('=')) => (BinOp::Ge, 2),
            ('<', _) => (BinOp::Lt, 1),
            ('>', _) => (BinOp::Gt, 1),
            ('=', _) => (BinOp::Eq, 1),
            ('&', _) => (BinOp::Concat, 1),
            ('+', _) => (BinOp::Add, 1),
            ('-', _) => (BinOp::Sub, 1),
            ('*', _) => (BinOp::Mul, 1),
            ('/', _) => (BinOp::Div, 1),
            ('^', _) => (BinOp::Pow, 1),
            _ => return None,
        })
    }

    /// Prefix signs, then a primary with its postfix `%`s.
    fn unary(&mut self) -> Result<Expr, NotComputed> {
        self.skip_space();
        // A run of signs folds into one (a loop, not recursion): `--A1` is A1 coerced to a
        // number, `+A1` is A1 itself.
        let mut minuses = 0usize;
        while let Some(c @ ('-' | '+')) = self.peek() {
            if c == '-' {
                minuses += 1;
            }
            self.pos += 1;
            self.skip_space();
        }
        let mut e = self.primary()?;
        loop {
            self.skip_space();
            if self.peek() == Some('%') {
                self.pos += 1;
                e = Expr::Percent(Box::new(e));
            } else {
                break;
            }
        }
        if minuses % 2 == 1 {
            e = Expr::Neg(Box::new(e));
        } else if minuses > 0 {
            e = Expr::Neg(Box::new(Expr::Neg(Box::new(e))));
        }
        Ok(e)
    }

    fn primary(&mut self) -> Result<Expr, NotComputed> {
        self.skip_space();
        let Some(c) = self.peek() else {
            return Err(NotComputed::Syntax);
        };
        match c {
            '(' => {
                self.pos += 1;
                let e = self.expr(0)?;
                self.skip_space();
                if self.peek() != Some(')') {
                    return Err(self.unexpected());
                }
                self.pos += 1;
                Ok(e)
            }
            '"' => self.string().map(Expr::Text),
            '#' => self.error_literal(),
            '\'' => {
                let sheet = self.quoted_sheet()?;
                self.reference_after_sheet(sheet)
            }
            c if c.is_ascii_digit() || c == '.' => {
                // `5:5` is a row range; anything else a number.
                if let Some(r) = self.try_area() {
                    return Ok(Expr::Ref(Reference {
                        sheet: None,
                        area: r.0,
                        is_range: r.1,
                    }));
                }
                self.number()
            }
            c if is_name_start(c) => self.word(),
            _ => Err(self.unexpected()),
        }
    }

    fn string(&mut self) -> Result<String, NotComputed> {
        self.pos += 1;
        let mut s = String::new();
        loop {
            match self.peek() {
                None => return Err(NotComputed::Syntax),
                Some('"') if self.peek_at(1) == Some('"') => {
                    s.push('"');
                    self.pos += 2;
                }
                Some('"') => {
                    self.pos += 1;
                    return Ok(s);
                }
                Some(ch) => {
                    s.push(ch);
                    self.pos += 1;
                }
            }
        }
    }

    fn error_literal(&mut self) -> Result<Expr, NotComputed> {
        let rest: String = self.chars[self.pos..].iter().take(16).collect();
        let upper = rest.to_ascii_uppercase();
        for e in ERRORS {
            if upper.starts_with(e) {
                self.pos += e.chars().count();
                return Ok(Expr::Error(e.to_string()));
            }
        }
        Err(NotComputed::Syntax)
    }

    fn number(&mut self) -> Result<Expr, NotComputed> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit() || c == '.') {
            self.pos += 1;
        }
        if matches!(self.peek(), Some('e' | 'E')) {
            let save = self.pos;
            self.pos += 1;
            if matches!(self.peek(), Some('+' | '-')) {
                self.pos += 1;
            }
            if self.peek().is_some_and(|c| c.is_ascii_digit()) {
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.pos += 1;
                }
            } else {
                self.pos = save;
            }
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        text.parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .map(Expr::Number)
            .ok_or(NotComputed::Syntax)
    }

    /// `'My sheet'` (quotes doubled inside), then `!`.
    fn quoted_sheet(&mut self) -> Result<String, NotComputed> {
        self.pos += 1;
        let mut s = String::new();
        loop {
            match self.peek() {
                None => return Err(NotComputed::Syntax),
                Some('\'') if self.peek_at(1) == Some('\'') => {
                    s.push('\'');
                    self.pos += 2;
                }
                Some('\'') => {
                    self.pos += 1;
                    break;
                }
                Some(ch) => {
                    s.push(ch);
                    self.pos += 1;
                }
            }
        }
        if self.peek() != Some('!') {
            return Err(NotComputed::Syntax);
        }
        self.pos += 1;
        if s.starts_with('[') {
            return Err(NotComputed::ExternalReference);
        }
        if s.contains(':') {
            return Err(NotComputed::Unsupported("reference across sheets".into()));
        }
        Ok(s)
    }

    fn reference_after_sheet(&mut self, sheet: String) -> Result<Expr, NotComputed> {
        if self.peek() == Some('#') {
            // `Sheet1!#REF!`: the reference was deleted.
            return self.error_literal();
        }
        match self.try_area() {
            Some((area, is_range)) => Ok(Expr::Ref(Reference {
                sheet: Some(sheet),
                area,
                is_range,
            })),
            None => Err(NotComputed::Syntax),
        }
    }

    /// A name-like word: `TRUE`, a function call, a cell or range, `Sheet1!B5`, a name.
    fn word(&mut self) -> Result<Expr, NotComputed> {
        let start = self.pos;
        if let Some((area, is_range)) = self.try_area() {
            // `A1` followed by `(` would be a function named like a cell (LOG10(…)).
            if self.peek() != Some('(') && self.peek() != Some('!') {
                return Ok(Expr::Ref(Reference {
                    sheet: None,
                    area,
                    is_range,
                }));
            }
            self.pos = start;
        }
        while self.peek().is_some_and(is_name_char) {
            self.pos += 1;
        }
        let word: String = self.chars[start..self.pos].iter().collect();
        match self.peek() {
            Some('!') => {
                self.pos += 1;
                if word.contains(':') {
                    return Err(NotComputed::Unsupported("reference across sheets".into()));
                }
                self.reference_after_sheet(word)
            }
            Some('(') => {
                self.pos += 1;
                let upper = word.to_ascii_uppercase();
                let name = upper
                    .strip_prefix("_XLFN.")
                    .or_else(|| upper.strip_prefix("_XLWS."))
                    .unwrap_or(&upper)
                    .to_string();
                let args = self.arguments()?;
                Ok(Expr::Call(name, args))
            }
            Some('[') => Err(NotComputed::Unsupported(
                "structured table reference".into(),
            )),
            Some(':') => Err(NotComputed::Unsupported("reference across sheets".into())),
            _ => match word.to_ascii_uppercase().as_str() {
                "TRUE" => Ok(Expr::Bool(true)),
                "FALSE" => Ok(Expr::Bool(false)),
                _ if word.contains(':') => Err(NotComputed::Syntax),
                _ => Ok(Expr::Name(word)),
            },
        }
    }

    /// Call arguments after `(`, through `)`.
    fn arguments(&mut self) -> Result<Vec<Expr>, NotComputed> {
        self.enter()?;
        let mut args = Vec::new();
        self.skip_space();
        if self.peek() == Some(')') {
            self.pos += 1;
            self.depth -= 1;
            return Ok(args);
        }
        loop {
            self.skip_space();
            if matches!(self.peek(), Some(',') | Some(')')) {
                args.push(Expr::Missing);
            } else {
                args.push(self.expr(0)?);
            }
            self.skip_space();
            match self.peek() {
                Some(',') => self.pos += 1,
                Some(')') => {
                    self.pos += 1;
                    self.depth -= 1;
                    return Ok(args);
                }
                _ => return Err(self.unexpected()),
            }
        }
    }

    /// A cell (`B5`, `$B$5`), a range of cells (`B5:E5`), of columns (`B:B`) or of rows
    /// (`5:5`), if one starts here and is not followed by more name characters. Moves past
    /// it; the flag says it was written as a range.
    fn try_area(&mut self) -> Option<(Area, bool)> {
        let start = self.pos;
        let result = self.area();
        match result {
            Some(a) if !self.peek().is_some_and(|c| is_name_char(c) || c == '.') => Some(a),
            _ => {
                self.pos = start;
                None
            }
        }
    }

    fn area(&mut self) -> Option<(Area, bool)> {
        let first = self.corner()?;
        if self.peek() != Some(':') {
            // A single cell needs both a column and a row.
            let (Some(col), Some(row)) = first else {
                return None;
            };
            let at = At { row, col };
            return Some((
                Area {
                    first: at,
                    last: at,
                },
                false,
            ));
        }
        self.pos += 1;
        let second = self.corner()?;
        let area = match (first, second) {
            ((Some(c1), Some(r1)), (Some(c2), Some(r2))) => Area {
                first: At { row: r1, col: c1 },
                last: At { row: r2, col: c2 },
            },
            ((Some(c1), None), (Some(c2), None)) => Area {
                first: At { row: 0, col: c1 },
                last: At {
                    row: crate::read::EXCEL_ROWS - 1,
                    col: c2,
                },
            },
            ((None, Some(r1)), (None, Some(r2))) => Area {
                first: At { row: r1, col: 0 },
                last: At {
                    row: r2,
                    col: crate::read::EXCEL_COLS - 1,
                },
            },
            _ => return None,
        };
        // Excel normalises `E5:B2` to `B2:E5`.
        let (r1, r2) = (
            area.first.row.min(area.last.row),
            area.first.row.max(area.last.row),
        );
        let (c1, c2) = (
            area.first.col.min(area.last.col),
            area.first.col.max(area.last.col),
        );
        Some((
            Area {
                first: At { row: r1, col: c1 },
                last: At { row: r2, col: c2 },
            },
            true,
        ))
    }

    /// `$B$5`, `B`, `$5`…: the column and row present, each optional (at least one).
    fn corner(&mut self) -> Option<(Option<u32>, Option<u32>)> {
        if self.peek() == Some('$') {
            self.pos += 1;
        }
        let mut col: Option<u32> = None;
        let mut letters = 0;
        while let Some(c) = self.peek().filter(char::is_ascii_alphabetic) {
            letters += 1;
            if letters > 3 {
                return None;
            }
            let v = u32::from(c.to_ascii_uppercase() as u8 - b'A') + 1;
            col = Some(col.unwrap_or(0) * 26 + v);
            self.pos += 1;
        }
        if col.is_some() && self.peek() == Some('$') {
            self.pos += 1;
        }
        let mut row: Option<u32> = None;
        let mut digits = 0;
        while let Some(d) = self.peek().and_then(|c| c.to_digit(10)) {
            digits += 1;
            if digits > 7 {
                return None;
            }
            row = Some(row.unwrap_or(0) * 10 + d);
            self.pos += 1;
        }
        let col = match col {
            Some(c) if c <= crate::read::EXCEL_COLS => Some(c - 1),
            Some(_) => return None,
            None => None,
        };
        let row = match row {
            Some(r) if (1..=crate::read::EXCEL_ROWS).contains(&r) => Some(r - 1),
            Some(_) => return None,
            None => None,
        };
        if col.is_none() && row.is_none() {
            return None;
        }
        Some((col, row))
    }
}

fn is_name_start(c: char) -> bool {
    c.is_alphabetic() || c == '_' || c == '\\' || c == '$'
}

fn is_name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '.' || c == '\\' || c == '$' || c == '?'
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(col: u32, row: u32) -> At {
        At { row, col }
    }

    fn reference(sheet: Option<&str>, first: At, last: At, is_range: bool) -> Expr {
        Expr::Ref(Reference {
            sheet: sheet.map(str::to_string),
            area: Area { first, last },
            is_range,
        })
    }

    #[test]
    fn references_in_their_forms() {
        assert_eq!(
            parse("B5").unwrap(),
            reference(None, cell(1, 4), cell(1, 4), false)
        );
        assert_eq!(
            parse("$B$5").unwrap(),
            reference(None, cell(1, 4), cell(1, 4), false)
        );
        assert_eq!(
            parse("'Sheet 1'!B2").unwrap(),
            reference(Some("Sheet 1"), cell(1, 1), cell(1, 1), false)
        );
        assert_eq!(
            parse("Targets!$B$2:$E2").unwrap(),
            reference(Some("Targets"), cell(1, 1), cell(4, 1), true)
        );
        assert_eq!(
            parse("'Bob''s'!A1").unwrap(),
            reference(Some("Bob's"), cell(0, 0), cell(0, 0), false)
        );
        assert_eq!(
            parse("目标!A1").unwrap(),
            reference(Some("目标"), cell(0, 0), cell(0, 0), false)
        );
        let Expr::Ref(r) = parse("B:B").unwrap() else {
            panic!("B:B is a column range")
        };
        assert_eq!(r.area.first, cell(1, 0));
        assert_eq!(r.area.last.row, crate::read::EXCEL_ROWS - 1);
        let Expr::Ref(r) = parse("5:5").unwrap() else {
            panic!("5:5 is a row range")
        };
        assert_eq!((r.area.first.row, r.area.last.row), (4, 4));
    }

    #[test]
    fn excel_precedence() {
        // -2^2 is (-2)^2 in Excel; 2^3^2 is (2^3)^2.
        let e = parse("-2^2").unwrap();
        assert!(matches!(e, Expr::Binary(BinOp::Pow, ref l, _) if matches!(**l, Expr::Neg(_))));
        let e = parse("2^3^2").unwrap();
        assert!(
            matches!(e, Expr::Binary(BinOp::Pow, ref l, _) if matches!(**l, Expr::Binary(BinOp::Pow, _, _)))
        );
        let e = parse("1+2*3").unwrap();
        assert!(matches!(e, Expr::Binary(BinOp::Add, _, _)));
        let e = parse("1+2>2").unwrap();
        assert!(matches!(e, Expr::Binary(BinOp::Gt, _, _)));
    }

    #[test]
    fn calls_names_and_literals() {
        assert_eq!(
            parse("_xlfn.STDEV.S(1,2)").unwrap(),
            Expr::Call("STDEV.S".into(), vec![Expr::Number(1.0), Expr::Number(2.0)])
        );
        assert_eq!(
            parse("round(A1,)").unwrap(),
            Expr::Call(
                "ROUND".into(),
                vec![
                    reference(None, cell(0, 0), cell(0, 0), false),
                    Expr::Missing
                ]
            )
        );
        assert_eq!(parse("Targets").unwrap(), Expr::Name("Targets".into()));
        assert_eq!(parse("TRUE").unwrap(), Expr::Bool(true));
        assert_eq!(parse("\"a\"\"b\"").unwrap(), Expr::Text("a\"b".into()));
        assert_eq!(parse("#div/0!").unwrap(), Expr::Error("#DIV/0!".into()));
        assert_eq!(parse("Sheet1!#REF!").unwrap(), Expr::Error("#REF!".into()));
        assert_eq!(parse("1.5E3").unwrap(), Expr::Number(1500.0));
        assert_eq!(
            parse("LOG10(100)").unwrap(),
            Expr::Call("LOG10".into(), vec![Expr::Number(100.0)])
        );
    }

    #[test]
    fn refusals_say_why() {
        assert_eq!(parse("[1]Sheet1!A1"), Err(NotComputed::ExternalReference));
        assert_eq!(
            parse("'[Book.xlsx]Sheet1'!A1"),
            Err(NotComputed::ExternalReference)
        );
        assert!(matches!(
            parse("SUM({1,2})"),
            Err(NotComputed::Unsupported(_))
        ));
        assert!(matches!(
            parse("SUM(Sheet1:Sheet3!A1)"),
            Err(NotComputed::Unsupported(_))
        ));
        assert_eq!(parse("1+"), Err(NotComputed::Syntax));
        assert_eq!(parse("SUM(1"), Err(NotComputed::Syntax));
        assert_eq!(parse(""), Err(NotComputed::Syntax));
        assert_eq!(parse(&"(".repeat(5000)), Err(NotComputed::TooComplex));
        assert_eq!(
            parse(&format!("{}1", "-".repeat(100_000))),
            Err(NotComputed::TooComplex)
        );
    }
}
