//! How exported numbers look: the Excel number format of each kind of value (money with the currency
//! symbol and thousands separators, percentages, whole counts, one decimal for days and months), the
//! rounding of written values (money to cents, ratios to 6 decimals), and a sheet writer that fits
//! each column's width to what it shows.

use crate::kpi::Unit;
use rust_decimal::{Decimal, RoundingStrategy};
use rust_xlsxwriter::{Format, Worksheet, XlsxError};

/// How one number is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// `$1,234.56`
    Money,
    /// `12.3%`
    Percent,
    /// `1.87%` (monthly rates, where a tenth of a point matters)
    FinePercent,
    /// `9.8×` (LTV : CAC)
    Times,
    /// `1,234`
    Whole,
    /// `53.4` (scores, days, months, hours, minutes, averages of counts)
    OneDecimal,
    /// A change of money: `+$1,234.56`
    MoneyChange,
    /// A change of a percentage, in points: `+5.1 pts` (the value is written in points)
    Points,
    /// A change of a multiple: `+0.4×`
    TimesChange,
    /// A change of a whole count: `+12`
    WholeChange,
    /// A change with one decimal: `+1.5`
    OneDecimalChange,
}

impl Look {
    /// The look of a KPI's value (`ltv_to_cac` and `quick_ratio` are multiples; DAU is an average of counts).
    pub fn of(id: &str, unit: Unit) -> Look {
        match unit {
            Unit::Money => Look::Money,
            Unit::Ratio if crate::kpi::formulas::is_multiple(id) => Look::Times,
            Unit::Ratio => Look::Percent,
            Unit::Count if id == "dau" => Look::OneDecimal,
            Unit::Count => Look::Whole,
            Unit::Score | Unit::Days | Unit::Hours | Unit::Months | Unit::Minutes => {
                Look::OneDecimal
            }
        }
    }

    /// The look of a change of a value of this look.
    pub fn change(self) -> Look {
        match self {
            Look::Money => Look::MoneyChange,
            Look::Percent => Look::Points,
            Look::Times => Look::TimesChange,
            Look::Whole => Look::WholeChange,
            Look::OneDecimal => Look::OneDecimalChange,
            other => other,
        }
    }

    /// Decimals kept when a value of this look is written (CSV and .xlsx alike).
    pub fn decimals(self) -> u32 {
        match self {
            Look::Percent | Look::FinePercent | Look::Times | Look::TimesChange => 6,
            Look::Points => 4,
            _ => 2,
        }
    }

    /// The value as written: `v` rounded to the look's decimals (points are percentage points).
    pub fn written(self, v: Decimal) -> Decimal {
        let v = if self == Look::Points { v * Decimal::ONE_HUNDRED } else { v };
        round(v, self.decimals())
    }

    /// Decimals shown by the number format.
    fn shown_decimals(self) -> usize {
        match self {
            Look::Money | Look::MoneyChange | Look::FinePercent => 2,
            Look::Whole | Look::WholeChange => 0,
            _ => 1,
        }
    }

    /// The Excel number format, with `symbol` as the currency.
    pub fn num_format(self, symbol: &str) -> String {
        let cur = format!("\"{}\"", clean_symbol(symbol));
        match self {
            Look::Money => format!("{cur}#,##0.00"),
            Look::Percent => "0.0%".into(),
            Look::FinePercent => "0.00%".into(),
            Look::Times => "0.0\"×\"".into(),
            Look::Whole => "#,##0".into(),
            Look::OneDecimal => "#,##0.0".into(),
            Look::MoneyChange => format!("+{cur}#,##0.00;-{cur}#,##0.00;{cur}0.00"),
            Look::Points => "+0.0\" pts\";-0.0\" pts\";0.0\" pts\"".into(),
            Look::TimesChange => "+0.0\"×\";-0.0\"×\";0.0\"×\"".into(),
            Look::WholeChange => "+#,##0;-#,##0;0".into(),
            Look::OneDecimalChange => "+#,##0.0;-#,##0.0;0.0".into(),
        }
    }

    /// The text the number format shows for the written value `v` (to fit column widths).
    pub fn shown(self, v: f64, symbol: &str) -> String {
        let sym = clean_symbol(symbol);
        let dp = self.shown_decimals();
        let signed = matches!(
            self,
            Look::MoneyChange
                | Look::Points
                | Look::TimesChange
                | Look::WholeChange
                | Look::OneDecimalChange
        );
        let (mag, suffix, prefix) = match self {
            Look::Percent | Look::FinePercent => (v * 100.0, "%", ""),
            Look::Times | Look::TimesChange => (v, "×", ""),
            Look::Points => (v, " pts", ""),
            Look::Money | Look::MoneyChange => (v, "", sym.as_str()),
            _ => (v, "", ""),
        };
        let digits = grouped(mag.abs(), dp);
        let zero = digits.chars().all(|c| !c.is_ascii_digit() || c == '0');
        let sign = if mag < 0.0 && !zero {
            "-"
        } else if signed && !zero {
            "+"
        } else {
            ""
        };
        format!("{sign}{prefix}{digits}{suffix}")
    }
}

/// The currency symbol as a number format can quote it ("$" when unset).
fn clean_symbol(symbol: &str) -> String {
    let s: String = symbol.trim().chars().filter(|c| *c != '"' && *c != '\\').collect();
    if s.is_empty() {
        "$".into()
    } else {
        s
    }
}

/// `v` to `dp` decimals, half away from zero, trailing zeros dropped, never `-0`.
pub fn round(v: Decimal, dp: u32) -> Decimal {
    let r = v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero).normalize();
    if r.is_zero() {
        Decimal::ZERO
    } else {
        r
    }
}

/// `1234567.891` with 2 decimals: `1,234,567.89`.
pub fn grouped(v: f64, dp: usize) -> String {
    let text = format!("{v:.dp$}");
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A worksheet being written, remembering the widest text of each column so that `fit` can size
/// the columns to their content.
pub struct Sheet<'a> {
    pub ws: &'a mut Worksheet,
    widths: Vec<usize>,
    symbol: String,
    /// Number formats by look, created once.
    formats: Vec<(Look, Format)>,
}

/// The widest a column grows to (characters); longer text wraps.
pub const MAX_WIDTH: usize = 60;

impl<'a> Sheet<'a> {
    pub fn new(ws: &'a mut Worksheet, symbol: &str) -> Sheet<'a> {
        Sheet { ws, widths: Vec::new(), symbol: symbol.to_string(), formats: Vec::new() }
    }

    fn seen(&mut self, col: u16, chars: usize) {
        let c = col as usize;
        if self.widths.len() <= c {
            self.widths.resize(c + 1, 0);
        }
        self.widths[c] = self.widths[c].max(chars);
    }

    fn format(&mut self, look: Look) -> Format {
        if let Some((_, f)) = self.formats.iter().find(|(l, _)| *l == look) {
            return f.clone();
        }
        let f = Format::new().set_num_format(look.num_format(&self.symbol));
        self.formats.push((look, f.clone()));
        f
    }

    /// Text that counts for the column's width.
    pub fn text(&mut self, row: u32, col: u16, text: &str) -> Result<(), XlsxError> {
        self.seen(col, text.chars().count());
        self.ws.write_string(row, col, text)?;
        Ok(())
    }

    /// Text with a format (bold headers, wrapped sentences) that counts for the column's width.
    pub fn text_with(
        &mut self,
        row: u32,
        col: u16,
        text: &str,
        format: &Format,
    ) -> Result<(), XlsxError> {
        self.seen(col, text.chars().count());
        self.ws.write_string_with_format(row, col, text, format)?;
        Ok(())
    }

    /// A number, rounded as its look writes it, with its number format.
    pub fn number(&mut self, row: u32, col: u16, v: Decimal, look: Look) -> Result<(), XlsxError> {
        let mut v = crate::kpi::value::to_f64(look.written(v));
        let shown = look.shown(v, &self.symbol);
        // A value that shows as zero is written as 0, so that Excel never shows "-0.0".
        if !shown.chars().any(|c| c.is_ascii_digit() && c != '0') {
            v = 0.0;
        }
        self.seen(col, shown.chars().count());
        let f = self.format(look);
        self.ws.write_number_with_format(row, col, v, &f)?;
        Ok(())
    }

    /// A plain number (a year, a count of rows) shown as a whole number.
    pub fn whole(&mut self, row: u32, col: u16, v: f64) -> Result<(), XlsxError> {
        self.number(
            row,
            col,
            crate::import::cells::decimal_from_f64(v).unwrap_or_default(),
            Look::Whole,
        )
    }

    /// Sizes every column to its widest text (at most `MAX_WIDTH` characters, at least 8).
    pub fn fit(&mut self) -> Result<(), XlsxError> {
        for (c, w) in self.widths.clone().into_iter().enumerate() {
            let chars = w.clamp(6, MAX_WIDTH);
            self.ws.set_column_width(c as u16, chars as f64 * 1.1 + 2.0)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn looks() {
        assert_eq!(Look::Money.num_format("$"), "\"$\"#,##0.00");
        assert_eq!(Look::Money.num_format("€"), "\"€\"#,##0.00");
        assert_eq!(Look::Money.num_format(" \"x "), "\"x\"#,##0.00");
        assert_eq!(Look::Money.shown(858190.0, "$"), "$858,190.00");
        assert_eq!(Look::Money.shown(-1234.5, "€"), "-€1,234.50");
        assert_eq!(Look::Percent.shown(0.8716852769355912, "$"), "87.2%");
        assert_eq!(Look::Points.shown(5.07, "$"), "+5.1 pts");
        assert_eq!(Look::FinePercent.shown(0.018739903, "$"), "1.87%");
        assert_eq!(Look::Points.shown(-0.01, "$"), "0.0 pts");
        assert_eq!(Look::WholeChange.shown(-68.0, "$"), "-68");
        assert_eq!(Look::Times.shown(9.802, "$"), "9.8×");
        assert_eq!(grouped(1234567.891, 2), "1,234,567.89");
        assert_eq!(grouped(999.0, 0), "999");
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(Look::Money.written(d("3120.6909090909090909090909091")), d("3120.69"));
        assert_eq!(Look::Percent.written(d("0.8716852769355912")), d("0.871685"));
        assert_eq!(Look::Points.written(d("0.050708")), d("5.0708"));
        assert_eq!(Look::Percent.written(d("-0.0000001")).to_string(), "0");
        assert_eq!(Look::of("ltv_to_cac", Unit::Ratio), Look::Times);
        assert_eq!(Look::of("nrr", Unit::Ratio), Look::Percent);
        assert_eq!(Look::of("customers_new", Unit::Count), Look::Whole);
        assert_eq!(Look::of("customer_lifetime_months", Unit::Months), Look::OneDecimal);
    }
}
