//! Formulas saved without a value. A workbook written by a script (openpyxl, a report generator) and
//! never opened in Excel holds `=B2` with no calculated value; read as empty, that is a 0 that invents a
//! churn. The simplest formulas are worked out here exactly as Excel would (double-precision arithmetic
//! on numbers of the same sheet): a reference (`B2`, `$B$2`), a number, `+ - * /`, brackets and
//! `SUM(...)` of references and ranges. Anything else (other sheets, other functions, text in arithmetic,
//! a division by zero, a circular reference) stays unevaluated and every row that needs it is an issue
//! naming the cell (workbook.md, Real-world files).

use super::cells::Cell;

/// How deep a chain of formulas referring to formulas is followed (a circle stops here too).
const MAX_DEPTH: usize = 64;

/// A sheet's cells by absolute position (0-based row and column).
pub trait Grid {
    fn at(&self, row: u32, col: u32) -> Option<&Cell>;
}

/// `C3` for (2, 2).
pub fn a1(row: u32, col: u32) -> String {
    let mut name = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        c -= 1;
        name.push(b'A' + (c % 26) as u8);
        c /= 26;
    }
    name.reverse();
    format!("{}{}", String::from_utf8_lossy(&name), row + 1)
}

/// The value of a formula of this sheet, or None when it cannot be worked out exactly.
pub fn evaluate(formula: &str, grid: &dyn Grid) -> Option<Cell> {
    evaluate_at(formula, grid, 0)
}

fn evaluate_at(formula: &str, grid: &dyn Grid, depth: usize) -> Option<Cell> {
    if depth > MAX_DEPTH {
        return None;
    }
    let text = formula.trim().trim_start_matches('=');
    let mut p = Parser { s: text.as_bytes(), i: 0, grid, depth };
    // A bare reference copies the cell, whatever it holds (`=A2` of a customer name).
    if let Some((r, c)) = p.reference() {
        if p.done() {
            return match p.cell(r, c)? {
                Cell::Empty => Some(Cell::Number(0.0)),
                other => Some(other),
            };
        }
    }
    p.i = 0;
    let v = p.expr()?;
    (p.done() && v.is_finite()).then_some(Cell::Number(v))
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    grid: &'a dyn Grid,
    depth: usize,
}

impl Parser<'_> {
    fn skip_space(&mut self) {
        while self.s.get(self.i).is_some_and(|b| *b == b' ') {
            self.i += 1;
        }
    }
    fn done(&mut self) -> bool {
        self.skip_space();
        self.i == self.s.len()
    }
    fn eat(&mut self, b: u8) -> bool {
        self.skip_space();
        if self.s.get(self.i) == Some(&b) {
            self.i += 1;
            true
        } else {
            false
        }
    }

    /// A cell's value, formulas without a value worked out in turn.
    fn cell(&self, row: u32, col: u32) -> Option<Cell> {
        match self.grid.at(row, col) {
            None => Some(Cell::Empty),
            Some(Cell::Formula { formula, .. }) => evaluate_at(formula, self.grid, self.depth + 1),
            Some(c) => Some(c.clone()),
        }
    }

    /// A cell's number in arithmetic: empty is 0 (as in Excel); text, dates, errors are not evaluated.
    fn number(&self, row: u32, col: u32) -> Option<f64> {
        match self.cell(row, col)? {
            Cell::Empty => Some(0.0),
            Cell::Number(f) => Some(f),
            Cell::Int(i) => Some(i as f64),
            _ => None,
        }
    }

    /// `$B$2` → (1, 1).
    fn reference(&mut self) -> Option<(u32, u32)> {
        self.skip_space();
        let start = self.i;
        self.eat(b'$');
        let mut col: u32 = 0;
        let mut letters = 0;
        while let Some(b) = self.s.get(self.i).filter(|b| b.is_ascii_alphabetic()) {
            col = col.checked_mul(26)?.checked_add((b.to_ascii_uppercase() - b'A' + 1) as u32)?;
            letters += 1;
            self.i += 1;
        }
        self.eat(b'$');
        let mut row: u32 = 0;
        let mut digits = 0;
        while let Some(b) = self.s.get(self.i).filter(|b| b.is_ascii_digit()) {
            row = row.checked_mul(10)?.checked_add((b - b'0') as u32)?;
            digits += 1;
            self.i += 1;
        }
        let next_is_name = self
            .s
            .get(self.i)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'!' || *b == b'(');
        if letters == 0 || letters > 3 || digits == 0 || row == 0 || next_is_name {
            self.i = start;
            return None;
        }
        Some((row - 1, col - 1))
    }

    fn expr(&mut self) -> Option<f64> {
        let mut v = self.term()?;
        loop {
            if self.eat(b'+') {
                v += self.term()?;
            } else if self.eat(b'-') {
                v -= self.term()?;
            } else {
                return Some(v);
            }
        }
    }

    fn term(&mut self) -> Option<f64> {
        let mut v = self.factor()?;
        loop {
            if self.eat(b'*') {
                v *= self.factor()?;
            } else if self.eat(b'/') {
                let d = self.factor()?;
                if d == 0.0 {
                    return None;
                }
                v /= d;
            } else {
                return Some(v);
            }
        }
    }

    fn factor(&mut self) -> Option<f64> {
        if self.eat(b'-') {
            return Some(-self.factor()?);
        }
        if self.eat(b'+') {
            return self.factor();
        }
        if self.eat(b'(') {
            let v = self.expr()?;
            return self.eat(b')').then_some(v);
        }
        self.skip_space();
        if self.s[self.i..].len() >= 4 && self.s[self.i..self.i + 4].eq_ignore_ascii_case(b"SUM(") {
            self.i += 4;
            let mut total = 0.0;
            loop {
                total += self.sum_arg()?;
                if self.eat(b')') {
                    return Some(total);
                }
                if !self.eat(b',') {
                    return None;
                }
            }
        }
        if let Some((r, c)) = self.reference() {
            return self.number(r, c);
        }
        self.number_literal()
    }

    /// One argument of SUM: a range (text and empty cells are skipped, as Excel's SUM does), a
    /// reference or an expression.
    fn sum_arg(&mut self) -> Option<f64> {
        let start = self.i;
        if let Some((r0, c0)) = self.reference() {
            if self.eat(b':') {
                let (r1, c1) = self.reference()?;
                let mut total = 0.0;
                let cells = (r1.abs_diff(r0) as u64 + 1) * (c1.abs_diff(c0) as u64 + 1);
                if cells > 1_000_000 {
                    return None;
                }
                for r in r0.min(r1)..=r0.max(r1) {
                    for c in c0.min(c1)..=c0.max(c1) {
                        match self.cell(r, c)? {
                            Cell::Number(f) => total += f,
                            Cell::Int(i) => total += i as f64,
                            Cell::Empty | Cell::Text(_) | Cell::Bool(_) => {}
                            _ => return None,
                        }
                    }
                }
                return Some(total);
            }
            self.i = start;
        }
        self.expr()
    }

    fn number_literal(&mut self) -> Option<f64> {
        self.skip_space();
        let start = self.i;
        while self.s.get(self.i).is_some_and(|b| b.is_ascii_digit() || *b == b'.') {
            self.i += 1;
        }
        if self.s.get(self.i).is_some_and(|b| *b == b'E' || *b == b'e') {
            self.i += 1;
            if self.s.get(self.i).is_some_and(|b| *b == b'+' || *b == b'-') {
                self.i += 1;
            }
            while self.s.get(self.i).is_some_and(|b| b.is_ascii_digit()) {
                self.i += 1;
            }
        }
        std::str::from_utf8(&self.s[start..self.i]).ok()?.parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Map(HashMap<(u32, u32), Cell>);
    impl Grid for Map {
        fn at(&self, row: u32, col: u32) -> Option<&Cell> {
            self.0.get(&(row, col))
        }
    }

    fn sheet() -> Map {
        let f = |t: &str, r, c| Cell::Formula { at: a1(r, c), formula: t.into() };
        Map(HashMap::from([
            ((0, 0), Cell::Text("Customer".into())),
            ((1, 0), Cell::Text("X".into())),
            ((1, 1), Cell::Number(200.0)),
            ((1, 2), f("B2", 1, 2)),
            ((1, 3), f("C2*1.1", 1, 3)),
            ((1, 4), Cell::Int(5)),
            ((2, 0), f("A2", 2, 0)),
            ((2, 1), f("B3", 2, 1)),
            ((3, 0), f("Other!B2", 3, 0)),
        ]))
    }

    fn eval(t: &str) -> Option<Cell> {
        evaluate(t, &sheet())
    }

    #[test]
    fn simple_formulas_are_worked_out() {
        assert_eq!(eval("B2"), Some(Cell::Number(200.0)));
        assert_eq!(eval("=$B$2"), Some(Cell::Number(200.0)));
        // A chain: D2 = C2 * 1.1, C2 = B2.
        assert_eq!(eval("D2"), Some(Cell::Number(200.0 * 1.1)));
        assert_eq!(eval("B2+E2*2"), Some(Cell::Number(210.0)));
        assert_eq!(eval("(B2+E2)*2"), Some(Cell::Number(410.0)));
        assert_eq!(eval("-B2/4"), Some(Cell::Number(-50.0)));
        assert_eq!(
            eval("SUM(B2:E2)"),
            Some(Cell::Number(200.0 + 200.0 + 220.00000000000003 + 5.0))
        );
        assert_eq!(eval("SUM(B2, E2, 1)"), Some(Cell::Number(206.0)));
        assert_eq!(eval("A2"), Some(Cell::Text("X".into())));
        assert_eq!(eval("A3"), Some(Cell::Text("X".into())));
        // An empty cell is 0, as in Excel.
        assert_eq!(eval("Z9+1"), Some(Cell::Number(1.0)));
        assert_eq!(a1(2, 2), "C3");
        assert_eq!(a1(0, 27), "AB1");
    }

    #[test]
    fn anything_else_is_left_unevaluated() {
        assert_eq!(eval("Other!B2"), None);
        assert_eq!(eval("A4"), None);
        assert_eq!(eval("VLOOKUP(A2,B:C,2,0)"), None);
        assert_eq!(eval("A2*2"), None);
        assert_eq!(eval("B2/0"), None);
        // A circle: B3 refers to itself.
        assert_eq!(eval("B3"), None);
        assert_eq!(eval("B2+"), None);
        assert_eq!(eval("TODAY()"), None);
    }
}
