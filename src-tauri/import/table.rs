//! A recognised table being parsed row by row: typed accessors for its mapped columns that turn a bad
//! cell into an issue naming the file, sheet, row and column.

use super::cells::{parse_bool, parse_decimal, Cell};
use super::dates::{infer_order, parse_date, parse_datetime, serial_of_text, DateOrder};
use super::headers::{Mapping, Unit};
use super::source::RawTable;
use super::{ImportSettings, Issue, Warning};
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::cell::OnceCell;

/// A problem with one cell: (column index, reason).
pub type Bad = (usize, String);

pub struct Table<'a> {
    pub raw: &'a RawTable,
    pub map: &'a Mapping,
    pub decimal_comma: bool,
    orders: Vec<DateOrder>,
    /// Per column, decided on its first date: does it hold Excel serials as text (a CSV)?
    serials: Vec<OnceCell<bool>>,
}

impl<'a> Table<'a> {
    pub fn new(
        raw: &'a RawTable,
        map: &'a Mapping,
        settings: &ImportSettings,
        warnings: &mut Vec<Warning>,
    ) -> Table<'a> {
        let width = raw.rows.iter().map(|r| r.len()).max().unwrap_or(0);
        let default = settings.date_order.unwrap_or(DateOrder::Mdy);
        let mut orders = vec![default; width];
        for (col, order) in orders.iter_mut().enumerate() {
            let cells = raw.rows.iter().skip(map.header_row + 1).filter_map(|r| r.get(col));
            match infer_order(cells) {
                (Some(found), _) => *order = found,
                (None, true) if settings.date_order.is_none() => warnings.push(Warning {
                    file: raw.file.clone(),
                    sheet: raw.sheet.clone(),
                    message: format!(
                        "column \"{}\": dates such as 03/04/2024 could be day or month first; read as month/day (change the date order in settings)",
                        map.title(col)
                    ),
                }),
                _ => {}
            }
        }
        let decimal_comma = settings.decimal_comma.unwrap_or(raw.decimal_comma);
        let serials = (0..width).map(|_| OnceCell::new()).collect();
        Table { raw, map, decimal_comma, orders, serials }
    }

    /// Whether every non-empty data cell of a column is an Excel serial written as text (a CSV's
    /// `45292`): then its text cells are dates, not numbers refused as "not a date".
    fn serial_column(&self, col: usize) -> bool {
        *self
            .serials
            .get(col)
            .map(|c| {
                c.get_or_init(|| {
                    let mut any = false;
                    let all = self.rows().filter_map(|(_, r)| r.get(col)).all(|c| match c {
                        Cell::Text(t) if t.trim().is_empty() => true,
                        Cell::Text(t) => {
                            any = true;
                            serial_of_text(t).is_some()
                        }
                        Cell::Empty => true,
                        _ => false,
                    });
                    all && any
                })
            })
            .unwrap_or(&false)
    }

    /// The cell to read a date from: a serial written as text becomes the number it is.
    pub fn date_cell<'c>(&self, col: usize, cell: &'c Cell) -> Cow<'c, Cell> {
        match cell {
            Cell::Text(t) if self.serial_column(col) => match serial_of_text(t) {
                Some(v) => Cow::Owned(Cell::Number(v)),
                None => Cow::Borrowed(cell),
            },
            _ => Cow::Borrowed(cell),
        }
    }

    /// The data rows after the header: (index into raw rows, cells), skipping blank rows.
    pub fn rows(&self) -> impl Iterator<Item = (usize, &'a [Cell])> {
        let raw = self.raw;
        raw.rows
            .iter()
            .enumerate()
            .skip(self.map.header_row + 1)
            .filter(|(_, r)| r.iter().any(|c| !c.is_empty()))
            .map(|(i, r)| (i, r.as_slice()))
    }

    pub fn issue(&self, row: usize, bad: Bad) -> Issue {
        let (col, reason) = bad;
        let value = self
            .raw
            .rows
            .get(row)
            .and_then(|r| r.get(col))
            .map(|c| c.display())
            .unwrap_or_default();
        Issue {
            file: self.raw.file.clone(),
            sheet: self.raw.sheet.clone(),
            row: self.raw.row_numbers.get(row).copied().unwrap_or(row + 1),
            column: self.map.title(col),
            value,
            reason,
        }
    }

    pub fn view<'r>(&'r self, cells: &'r [Cell]) -> RowView<'r, 'a> {
        RowView { table: self, cells }
    }
}

pub struct RowView<'r, 'a> {
    table: &'r Table<'a>,
    cells: &'r [Cell],
}

impl RowView<'_, '_> {
    /// The non-empty cell of a canonical column.
    pub fn cell(&self, name: &str) -> Option<(usize, &Cell)> {
        let col = self.table.map.col(name)?;
        self.cells.get(col).filter(|c| !c.is_empty()).map(|c| (col, c))
    }
    pub fn cell_at(&self, col: usize) -> Option<&Cell> {
        self.cells.get(col).filter(|c| !c.is_empty())
    }
    pub fn unit(&self, name: &str) -> Option<Unit> {
        self.table.map.unit(name)
    }

    fn missing(&self, name: &str) -> Bad {
        (self.table.map.col(name).unwrap_or(0), "empty required cell".into())
    }

    pub fn text(&self, name: &str) -> Option<String> {
        self.cell(name).and_then(|(_, c)| c.text())
    }
    pub fn req_text(&self, name: &str) -> Result<String, Bad> {
        self.text(name).ok_or_else(|| self.missing(name))
    }

    pub fn decimal(&self, name: &str) -> Result<Option<Decimal>, Bad> {
        match self.cell(name) {
            None => Ok(None),
            Some((col, c)) => {
                parse_decimal(c, self.table.decimal_comma).map(Some).map_err(|r| (col, r))
            }
        }
    }
    pub fn req_decimal(&self, name: &str) -> Result<Decimal, Bad> {
        self.decimal(name)?.ok_or_else(|| self.missing(name))
    }
    pub fn decimal_at(&self, col: usize) -> Result<Option<Decimal>, Bad> {
        match self.cell_at(col) {
            None => Ok(None),
            Some(c) => parse_decimal(c, self.table.decimal_comma).map(Some).map_err(|r| (col, r)),
        }
    }

    pub fn datetime(&self, name: &str) -> Result<Option<NaiveDateTime>, Bad> {
        match self.cell(name) {
            None => Ok(None),
            Some((col, c)) => {
                let c = self.table.date_cell(col, c);
                parse_datetime(&c, self.table.orders[col]).map(Some).map_err(|r| (col, r))
            }
        }
    }
    pub fn req_datetime(&self, name: &str) -> Result<NaiveDateTime, Bad> {
        self.datetime(name)?.ok_or_else(|| self.missing(name))
    }
    pub fn date(&self, name: &str) -> Result<Option<NaiveDate>, Bad> {
        match self.cell(name) {
            None => Ok(None),
            Some((col, c)) => {
                let c = self.table.date_cell(col, c);
                parse_date(&c, self.table.orders[col]).map(Some).map_err(|r| (col, r))
            }
        }
    }
    pub fn req_date(&self, name: &str) -> Result<NaiveDate, Bad> {
        self.date(name)?.ok_or_else(|| self.missing(name))
    }
    pub fn order(&self, col: usize) -> DateOrder {
        self.table.orders[col]
    }
    /// A required month cell (any month or date spelling, serials in text included).
    pub fn month(&self, name: &str) -> Result<crate::model::Month, Bad> {
        let (col, cell) = self.cell(name).ok_or_else(|| self.missing(name))?;
        let cell = self.table.date_cell(col, cell);
        super::dates::parse_month(&cell, self.table.orders[col]).map_err(|e| (col, e))
    }
    /// The cell at `col` made ready for a date parser (see `Table::date_cell`).
    pub fn date_cell<'c>(&self, col: usize, cell: &'c Cell) -> Cow<'c, Cell> {
        self.table.date_cell(col, cell)
    }
    pub fn bool(&self, name: &str) -> Result<Option<bool>, Bad> {
        match self.cell(name) {
            None => Ok(None),
            Some((col, c)) => parse_bool(c).map(Some).map_err(|r| (col, r)),
        }
    }
}
