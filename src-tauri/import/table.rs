//! A recognised table being parsed row by row: typed accessors for its mapped columns that turn a bad
//! cell into an issue naming the file, sheet, row and column.

use super::cells::{parse_bool, parse_decimal, Cell};
use super::date_order::infer_orders;
use super::dates::{parse_date, parse_datetime, serial_of_text, DateOrder};
use super::headers::{Mapping, Unit};
use super::source::RawTable;
use super::{ImportSettings, Issue, Warning};
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Mutex, MutexGuard, OnceLock};

/// What the import did with a table's rows beyond reading them (exports.md §1, issue 16): rows set
/// aside by a rule (trials, failed charges, open deals), and the normalisation rules applied, each
/// with the number of rows it applied to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Notes {
    pub set_aside: BTreeMap<String, usize>,
    pub rules: BTreeMap<String, usize>,
    /// The currencies of the table's money cells (exports.md §9).
    pub currencies: std::collections::BTreeSet<String>,
    /// Why some amounts could not be converted to the reporting currency (`no fx rate for GBP
    /// 2024-03`): the money KPIs fed by the table are null with these reasons.
    pub unconvertible: std::collections::BTreeSet<String>,
    /// A tickets table with a satisfaction column: the CSAT responses its Good/Bad ratings gave
    /// (exports.md §6).
    pub csat_responses: Option<usize>,
}

/// A problem with one cell: (column index, reason).
pub type Bad = (usize, String);

pub struct Table<'a> {
    pub raw: &'a RawTable,
    pub map: &'a Mapping,
    pub decimal_comma: bool,
    orders: Vec<DateOrder>,
    /// Per column, decided on its first date: does it hold Excel serials as text (a CSV)?
    serials: Vec<OnceLock<bool>>,
    /// Rows below the header that are not data: total rows and a report footer.
    skip: Vec<bool>,
    /// Per column, decided on its first date: seconds (1) or milliseconds (1000) since 1970 when
    /// every value is a whole number of that size (exports.md §2.3), else None.
    epochs: Vec<OnceLock<Option<i64>>>,
    /// Behind a lock (and the caches above are `OnceLock`s) so that two threads can parse the rows
    /// of one long table (`kinds::split`).
    notes: Mutex<Notes>,
    /// The currency column's only currency (its blanks are in it), when it has exactly one.
    only_currency: Option<String>,
    reporting: Option<String>,
    fx: Option<std::sync::Arc<super::currency::FxRates>>,
    /// Shared by the origins of the table's rows.
    name: std::sync::Arc<crate::model::TableName>,
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
        let data = raw.rows.get(map.header_row + 1..).unwrap_or(&[]);
        for (col, (order, hint)) in orders.iter_mut().zip(infer_orders(data, width)).enumerate() {
            match hint {
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
        // A header cell that is a formula without a saved value names no column: say which.
        for top in map.header_top..=map.header_row {
            for cell in raw.rows.get(top).into_iter().flatten() {
                if let Cell::Formula(f) = cell {
                    let at = &f.at;
                    warnings.push(Warning {
                        file: raw.file.clone(),
                        sheet: raw.sheet.clone(),
                        message: format!("the header cell {at} is a formula without a saved value, so its column was not read: open the file in Excel and save it"),
                    });
                }
            }
        }
        let serials = (0..width).map(|_| OnceLock::new()).collect();
        let epochs = (0..width).map(|_| OnceLock::new()).collect();
        let skip = super::footer::not_data(raw, map, warnings);
        let only_currency = map.col("currency").and_then(|col| {
            let mut found = std::collections::BTreeSet::new();
            for r in raw.rows.iter().skip(map.header_row + 1) {
                if let Some(c) =
                    r.get(col).and_then(|c| c.text()).and_then(|t| super::currency::code(&t))
                {
                    found.insert(c);
                }
            }
            (found.len() == 1).then(|| found.pop_first()).flatten()
        });
        Table {
            raw,
            map,
            decimal_comma,
            orders,
            serials,
            skip,
            epochs,
            notes: Mutex::default(),
            only_currency,
            reporting: settings.reporting_currency.clone(),
            fx: settings.fx.clone(),
            name: std::sync::Arc::new(crate::model::TableName {
                file: raw.file.clone(),
                sheet: raw.sheet.clone(),
            }),
        }
    }

    /// Whether any row under the header is a total or a footer (footer.rs).
    pub fn skips_any(&self) -> bool {
        self.skip.iter().any(|&s| s)
    }

    /// The table's notes, to read or add to.
    pub fn notes(&self) -> MutexGuard<'_, Notes> {
        // A thread that panicked holding the lock left counts, not broken state: read them on.
        self.notes.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The notes, taken out once the rows are parsed.
    pub fn take_notes(&self) -> Notes {
        std::mem::take(&mut *self.notes())
    }

    /// Where row `row` (an index into `raw.rows`) came from, numbered as the spreadsheet shows it.
    pub fn origin(&self, row: usize) -> crate::model::RowOrigin {
        let n = self.raw.row_numbers.get(row).copied().unwrap_or(row + 1);
        crate::model::RowOrigin { table: self.name.clone(), row: n as u32 }
    }

    /// An amount in `currency` for month `m`, in the reporting currency: converted at the month's
    /// rate when it is another currency; without a rate it is returned as written and recorded
    /// (`Notes::unconvertible`), so that no KPI sums it with other currencies.
    pub fn convert(&self, v: Decimal, currency: &str, m: crate::model::Month) -> Decimal {
        let fx = self.fx.as_deref();
        let mut notes = self.notes();
        super::currency::convert(&mut notes, self.reporting.as_deref(), fx, v, currency, m)
    }

    /// An amount without a date (a contract without a start) in the reporting currency: only an
    /// undated rate converts it; without one it is kept as written and recorded.
    pub fn convert_undated(&self, v: Decimal, currency: &str) -> Decimal {
        let mut notes = self.notes();
        notes.currencies.insert(currency.to_string());
        let Some(reporting) = &self.reporting else { return v };
        if currency == reporting {
            return v;
        }
        match self.fx.as_ref().and_then(|fx| fx.undated.get(currency)) {
            Some(rate) => {
                let rule = format!("{currency} converted to {reporting} with your fx_rates");
                *notes.rules.entry(rule).or_default() += 1;
                v * rate
            }
            None => {
                notes.unconvertible.insert(format!("no undated fx rate for {currency}"));
                v
            }
        }
    }

    /// A row left out by an export rule: counted as used, and under its reason (exports.md §1).
    pub fn set_aside(&self, reason: &str) {
        *self.notes().set_aside.entry(reason.to_string()).or_default() += 1;
    }

    /// A normalisation rule applied to one row ("Interval = year: amount / 12").
    pub fn rule(&self, text: &str) {
        *self.notes().rules.entry(text.to_string()).or_default() += 1;
    }

    /// The system export the table was recognised as (`stripe_subscriptions`), if any.
    pub fn source(&self) -> Option<&'static str> {
        self.map.source.map(|e| e.id)
    }

    /// Seconds per unit when every non-empty value of a column is a whole number of Unix seconds
    /// (10^8..10^10) or milliseconds (10^11..10^13).
    fn epoch_column(&self, col: usize) -> Option<i64> {
        *self.epochs.get(col)?.get_or_init(|| {
            let mut unit = None;
            for (_, r) in self.rows() {
                let v = match r.get(col) {
                    None | Some(Cell::Empty) => continue,
                    Some(Cell::Int(i)) => *i as f64,
                    Some(Cell::Number(n)) => *n,
                    Some(Cell::Text(t)) if t.trim().is_empty() => continue,
                    Some(Cell::Text(t)) => match t.trim().parse::<i64>() {
                        Ok(i) => i as f64,
                        Err(_) => return None,
                    },
                    _ => return None,
                };
                if v.fract() != 0.0 {
                    return None;
                }
                let this = if (1e8..1e10).contains(&v) {
                    1
                } else if (1e11..1e13).contains(&v) {
                    1000
                } else {
                    return None;
                };
                if unit.is_some_and(|u| u != this) {
                    return None;
                }
                unit = Some(this);
            }
            unit
        })
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
        if let Some(per_second) = self.epoch_column(col) {
            let v = match cell {
                Cell::Int(i) => Some(*i),
                Cell::Number(n) => Some(*n as i64),
                Cell::Text(t) => t.trim().parse::<i64>().ok(),
                _ => None,
            };
            // The UTC date and time of the instant (exports.md §2.3).
            if let Some(at) = v.and_then(|v| chrono::DateTime::from_timestamp(v / per_second, 0)) {
                return Cow::Owned(Cell::DateTime(at.naive_utc()));
            }
        }
        match cell {
            Cell::Text(t) if self.serial_column(col) => match serial_of_text(t) {
                Some(v) => Cow::Owned(Cell::Number(v)),
                None => Cow::Borrowed(cell),
            },
            _ => Cow::Borrowed(cell),
        }
    }

    /// The data rows after the header: (index into raw rows, cells), skipping blank rows.
    pub fn rows(&self) -> impl Iterator<Item = (usize, &'a [Cell])> + '_ {
        self.rows_in(self.map.header_row + 1..self.raw.rows.len())
    }

    /// `rows` whose index is in `range`.
    pub fn rows_in(
        &self,
        range: std::ops::Range<usize>,
    ) -> impl Iterator<Item = (usize, &'a [Cell])> + '_ {
        let raw = self.raw;
        let range = range.start.max(self.map.header_row + 1)..range.end.min(raw.rows.len());
        raw.rows[range.clone()]
            .iter()
            .zip(range)
            .map(|(r, i)| (i, r))
            .filter(|(i, r)| {
                !self.skip.get(*i).copied().unwrap_or(false) && r.iter().any(|c| !c.is_empty())
            })
            .map(|(i, r)| (i, r.as_slice()))
    }

    /// The first cell of a used column (mapped or a month) holding a formula without a saved value.
    pub fn unsaved_formula(&self, row: usize) -> Option<Bad> {
        let cells = self.raw.rows.get(row)?;
        let used = self.map.columns.iter().map(|c| c.0).chain(self.map.months.iter().map(|m| m.0));
        used.filter_map(|col| Some((col, cells.get(col)?.unsaved_formula()?))).min_by_key(|b| b.0)
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
    /// `text`, held inline when short (`Cell::text_inline`).
    pub fn text_inline(&self, name: &str) -> Option<compact_str::CompactString> {
        self.cell(name).and_then(|(_, c)| c.text_inline())
    }
    /// `req_text`, held inline when short.
    pub fn req_text_inline(&self, name: &str) -> Result<compact_str::CompactString, Bad> {
        if let Some((col, c)) = self.cell(name) {
            if let Some(reason) = c.unsaved_formula() {
                return Err((col, reason));
            }
        }
        self.text_inline(name).ok_or_else(|| self.missing(name))
    }
    pub fn req_text(&self, name: &str) -> Result<String, Bad> {
        if let Some((col, c)) = self.cell(name) {
            if let Some(reason) = c.unsaved_formula() {
                return Err((col, reason));
            }
        }
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
    /// The row's currency (exports.md §9): its currency cell, upper-cased; a blank is the column's
    /// only currency; None when the table has no currency column (the reporting currency).
    pub fn currency(&self) -> Result<Option<String>, Bad> {
        let Some(col) = self.table.map.col("currency") else { return Ok(None) };
        match self.text("currency") {
            Some(t) => super::currency::code(&t)
                .map(Some)
                .ok_or((col, "not a currency code (three letters such as USD)".into())),
            None => match &self.table.only_currency {
                Some(c) => Ok(Some(c.clone())),
                None => Err((col, "no currency in a column with several currencies".into())),
            },
        }
    }

    /// A money amount of the month `m` in the reporting currency: read as `decimal`, then
    /// converted at the month's rate when the row's currency is another. An amount without a rate
    /// is kept as written and recorded, so that no KPI sums it with other currencies.
    pub fn money(&self, name: &str, m: crate::model::Month) -> Result<Option<Decimal>, Bad> {
        let Some(v) = self.decimal(name)? else { return Ok(None) };
        let Some(cur) = self.currency()? else { return Ok(Some(v)) };
        Ok(Some(self.table.convert(v, &cur, m)))
    }

    /// `money` of the cell at `col` (a wide sheet's month column).
    pub fn money_at(&self, col: usize, m: crate::model::Month) -> Result<Option<Decimal>, Bad> {
        let Some(v) = self.decimal_at(col)? else { return Ok(None) };
        let Some(cur) = self.currency()? else { return Ok(Some(v)) };
        Ok(Some(self.table.convert(v, &cur, m)))
    }

    /// A money amount whose currency is in another named column (a payments export's `Converted
    /// Amount` is in its `Converted Currency`), in the reporting currency; `m` is the month the amount
    /// belongs to, None for an undated one. A blank currency cell is an issue.
    pub fn money_in(
        &self,
        name: &str,
        currency_col: &str,
        m: Option<crate::model::Month>,
    ) -> Result<Option<Decimal>, Bad> {
        let Some(v) = self.decimal(name)? else { return Ok(None) };
        let cur = match self.table.map.col(currency_col) {
            None => None,
            Some(col) => {
                let text = self.text(currency_col).ok_or((col, "empty currency cell".into()))?;
                Some(
                    super::currency::code(&text).ok_or((
                        col,
                        "not a currency code (three letters such as USD)".to_string(),
                    ))?,
                )
            }
        };
        Ok(Some(self.convert_opt(v, cur, m)))
    }

    /// `money`, for an amount that may have no date (`m` None: only an undated rate converts it).
    pub fn money_opt(
        &self,
        name: &str,
        m: Option<crate::model::Month>,
    ) -> Result<Option<Decimal>, Bad> {
        let Some(v) = self.decimal(name)? else { return Ok(None) };
        let cur = self.currency()?;
        Ok(Some(self.convert_opt(v, cur, m)))
    }

    fn convert_opt(
        &self,
        v: Decimal,
        cur: Option<String>,
        m: Option<crate::model::Month>,
    ) -> Decimal {
        match (cur, m) {
            (None, _) => v,
            (Some(c), Some(m)) => self.table.convert(v, &c, m),
            (Some(c), None) => self.table.convert_undated(v, &c),
        }
    }

    pub fn bool(&self, name: &str) -> Result<Option<bool>, Bad> {
        match self.cell(name) {
            None => Ok(None),
            Some((col, c)) => parse_bool(c).map(Some).map_err(|r| (col, r)),
        }
    }
}
