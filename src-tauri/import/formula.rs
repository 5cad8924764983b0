//! Formulas saved without a value. A workbook written by a script (openpyxl, a report generator) and
//! never opened in Excel holds `=B2` with no calculated value; read as empty, that is a 0 that invents a
//! churn. The simplest formulas are worked out here exactly as Excel would (double-precision arithmetic
//! on numbers of the same sheet): a reference (`B2`, `$B$2`), a number, `+ - * /`, brackets and
//! `SUM(...)` of references and ranges. Anything else (other sheets, other functions, text in arithmetic,
//! a division by zero, a circular reference) stays unevaluated and every row that needs it is an issue
//! naming the cell (workbook.md, Real-world files).

use super::cells::Cell;
use std::cell::RefCell;
use std::collections::HashMap;

/// How deep a chain of formulas referring to formulas is followed.
const MAX_DEPTH: usize = 64;
/// The most cells a sheet's formulas may read in all (a running total down 100,000 rows would read
/// billions): past it, the remaining formulas stay unevaluated and their rows are issues.
const BUDGET: usize = 20_000_000;

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

/// Works out a sheet's formulas without a saved value. Each formula cell is worked out once (a
/// formula naming another twice does not double the work) and a circle is caught.
pub struct Evaluator<'g> {
    grid: &'g dyn Grid,
    /// (row, column) -> its value, None when it cannot be worked out; `Pending` while being worked out.
    memo: RefCell<HashMap<(u32, u32), Memo>>,
    budget: std::cell::Cell<usize>,
}

#[derive(Clone)]
enum Memo {
    Pending,
    Done(Option<Cell>),
}

impl<'g> Evaluator<'g> {
    pub fn new(grid: &'g dyn Grid) -> Self {
        Evaluator { grid, memo: RefCell::new(HashMap::new()), budget: std::cell::Cell::new(BUDGET) }
    }

    /// The value of the formula cell at (row, col), or None when it cannot be worked out exactly.
    pub fn value_at(&self, row: u32, col: u32) -> Option<Cell> {
        self.cell_value(row, col, 0)
    }

    /// Reading a cell spends the budget; an empty budget stops the evaluation.
    fn spend(&self) -> Option<()> {
        let left = self.budget.get().checked_sub(1)?;
        self.budget.set(left);
        Some(())
    }

    fn cell_value(&self, row: u32, col: u32, depth: usize) -> Option<Cell> {
        self.spend()?;
        let formula = match self.grid.at(row, col) {
            None => return Some(Cell::Empty),
            Some(Cell::Formula(f)) => &f.formula,
            Some(c) => return Some(c.clone()),
        };
        match self.memo.borrow().get(&(row, col)) {
            Some(Memo::Done(v)) => return v.clone(),
            // A circle.
            Some(Memo::Pending) => return None,
            None => {}
        }
        if depth > MAX_DEPTH {
            return None;
        }
        self.memo.borrow_mut().insert((row, col), Memo::Pending);
        let v = self.formula(formula, depth);
        self.memo.borrow_mut().insert((row, col), Memo::Done(v.clone()));
        v
    }

    fn formula(&self, formula: &str, depth: usize) -> Option<Cell> {
        let text = formula.trim().trim_start_matches('=');
        let mut p = Parser { s: text.as_bytes(), i: 0, ev: self, depth };
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
}

/// The value of one formula of this sheet (not itself in the sheet), or None.
pub fn evaluate(formula: &str, grid: &dyn Grid) -> Option<Cell> {
    Evaluator::new(grid).formula(formula, 0)
}

struct Parser<'a, 'g> {
    s: &'a [u8],
    i: usize,
    ev: &'a Evaluator<'g>,
    depth: usize,
}

impl Parser<'_, '_> {
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
        self.ev.cell_value(row, col, self.depth + 1)
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
        let f = |t: &str, r, c| Cell::formula(a1(r, c), t.into());
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

    /// A chain where each formula names the previous one twice (a growth forecast written by a
    /// script) is worked out once per cell, not 2^n times.
    #[test]
    fn repeated_references_are_worked_out_once() {
        let mut cells = HashMap::from([((0, 0), Cell::Number(100.0))]);
        for c in 1..200u32 {
            let prev = a1(0, c - 1);
            cells.insert((0, c), Cell::formula(a1(0, c), format!("{prev}+{prev}*0.01")));
        }
        let grid = Map(cells);
        let ev = Evaluator::new(&grid);
        // In sheet order, as the importer asks (a chain is then never deeper than one step).
        for c in 1..199 {
            assert!(ev.value_at(0, c).is_some());
        }
        let Some(Cell::Number(v)) = ev.value_at(0, 199) else { panic!("not evaluated") };
        let mut want = 100.0f64;
        for _ in 1..200 {
            want += want * 0.01;
        }
        assert_eq!(v, want);
        // A running total down 2,000 rows: each SUM reads its range once.
        let mut cells = HashMap::new();
        for r in 0..2000u32 {
            cells.insert((r, 0), Cell::Number(1.0));
            cells.insert((r, 1), Cell::formula(a1(r, 1), format!("SUM(A1:A{})", r + 1)));
        }
        let grid = Map(cells);
        let ev = Evaluator::new(&grid);
        for r in 0..1999 {
            assert!(ev.value_at(r, 1).is_some());
        }
        assert_eq!(ev.value_at(1999, 1), Some(Cell::Number(2000.0)));
        // Each SUM reads only numbers, so asked first it is worked out as well.
        let ev = Evaluator::new(&grid);
        assert_eq!(ev.value_at(1999, 1), Some(Cell::Number(2000.0)));
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
