//! One spreadsheet cell, whatever the file format, and the parsing of numbers and booleans.
//! Money is parsed from text straight into `Decimal` (never through f64); numeric cells are converted
//! through their shortest round-trip text so that 1234.5 stays exactly 1234.5.

use chrono::NaiveDateTime;
pub use compact_str::CompactString;
use rust_decimal::Decimal;
use std::str::FromStr;

/// Text up to 24 bytes is held inline (no allocation): millions of short CSV fields cost no more
/// than their cells, and the rare error and formula cells are boxed, so that a cell is 24 bytes.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(CompactString),
    Number(f64),
    Int(i64),
    Bool(bool),
    DateTime(NaiveDateTime),
    /// An Excel error value such as `#DIV/0!`.
    Error(Box<str>),
    /// A formula saved without its value that could not be worked out (`formula`).
    Formula(Box<Formula>),
}

/// A formula cell without a saved value: where it is (`C3`) and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Formula {
    pub at: String,
    pub formula: String,
}

impl Cell {
    /// A text cell.
    pub fn text_of(t: impl Into<CompactString>) -> Cell {
        Cell::Text(t.into())
    }
    pub fn formula(at: String, formula: String) -> Cell {
        Cell::Formula(Box::new(Formula { at, formula }))
    }
}

impl Cell {
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => is_blank(t),
            _ => false,
        }
    }

    /// The cell as the user sees it, for issue messages.
    pub fn display(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.to_string(),
            Cell::Number(f) => f.to_string(),
            Cell::Int(i) => i.to_string(),
            Cell::Bool(b) => b.to_string().to_uppercase(),
            Cell::DateTime(d) => d.format("%Y-%m-%d %H:%M:%S").to_string(),
            Cell::Error(e) => e.to_string(),
            Cell::Formula(f) => format!("={}", f.formula),
        }
    }

    /// The reason a formula without a saved value cannot be read, naming its cell.
    pub fn unsaved_formula(&self) -> Option<String> {
        match self {
            Cell::Formula(f) => Some(format!(
                "formula without a saved value in {}: open the file in Excel and save it",
                f.at
            )),
            _ => None,
        }
    }

    /// `text` without an allocation for short text: a text cell's trimmed text copied inline.
    pub fn text_inline(&self) -> Option<CompactString> {
        match self {
            // Nothing to trim: the cell's own text (a 24-byte copy when it is inline).
            Cell::Text(t) if trimmed(t).len() == t.len() && !t.is_empty() => Some(t.clone()),
            Cell::Text(t) if !is_blank(t) => Some(CompactString::from(t.trim())),
            _ => self.text().map(CompactString::from),
        }
    }

    /// Trimmed text of a text-like cell (numbers rendered), None when empty.
    pub fn text(&self) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        Some(match self {
            Cell::Text(t) => t.trim().to_string(),
            // Its text would be a formula, not a value: treated as no value (see `unsaved_formula`).
            Cell::Formula(_) => return None,
            Cell::DateTime(d) if d.time() == chrono::NaiveTime::MIN => {
                d.date().format("%Y-%m-%d").to_string()
            }
            other => other.display(),
        })
    }
}

/// Whether text is empty or only whitespace. Most text starts with a visible ASCII character: then
/// it is not blank, and the trim (a scan for Unicode whitespace) is not needed.
pub fn is_blank(t: &str) -> bool {
    match t.as_bytes().first() {
        Some(&b) if visible(b) => false,
        _ => t.trim().is_empty(),
    }
}

/// `t.trim()`, without the scan for Unicode whitespace when both ends are visible ASCII characters.
pub fn trimmed(t: &str) -> &str {
    let b = t.as_bytes();
    match (b.first(), b.last()) {
        (Some(&first), Some(&last)) if visible(first) && visible(last) => t,
        _ => t.trim(),
    }
}

/// An ASCII character that is not whitespace (as `char::is_whitespace` has it).
fn visible(b: u8) -> bool {
    b.is_ascii() && b != b' ' && !(b'\t'..=b'\r').contains(&b)
}

/// Decimal from an f64 cell value, exact to its shortest decimal representation.
pub fn decimal_from_f64(f: f64) -> Result<Decimal, String> {
    if !f.is_finite() {
        return Err("not a finite number".into());
    }
    // Fast path for the usual cell (whole, or a few decimals): the fewest decimals k for which
    // n / 10^k is exactly this float is its shortest text, so the result equals the text path's.
    if f.abs() < 1e15 {
        let mut scale = 1f64;
        for k in 0..=6u32 {
            let n = f * scale;
            if n.fract() == 0.0 && n.abs() < 9e15 && (n / scale) == f {
                return Ok(Decimal::new(n as i64, k));
            }
            scale *= 10.0;
        }
    }
    Decimal::from_str(&f.to_string()).map_err(|_| "number too large".into())
}

/// Parses a number cell: plain, `1,234.50`, `$1,234.50`, `1.234,50 €`, `(500)`, `12%`, `1.2k`.
pub fn parse_decimal(cell: &Cell, decimal_comma: bool) -> Result<Decimal, String> {
    match cell {
        Cell::Number(f) => decimal_from_f64(*f),
        Cell::Int(i) => Ok(Decimal::from(*i)),
        Cell::Bool(_) | Cell::DateTime(_) => Err("not a number".into()),
        Cell::Error(e) => Err(format!("spreadsheet error {e}")),
        Cell::Formula(_) => Err(cell.unsaved_formula().unwrap_or_default()),
        Cell::Empty => Err("empty".into()),
        Cell::Text(t) => parse_number_text(t, decimal_comma),
    }
}

pub fn parse_number_text(raw: &str, decimal_comma: bool) -> Result<Decimal, String> {
    match plain_number(raw, decimal_comma) {
        Some(d) => Ok(d),
        None => any_number(raw, decimal_comma),
    }
}

/// Every spelling `parse_number_text` reads.
fn any_number(raw: &str, decimal_comma: bool) -> Result<Decimal, String> {
    let mut s: String = raw.chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    if s.is_empty() {
        return Err("empty".into());
    }
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].to_string();
    }
    // Currency symbols and codes anywhere (prefix or suffix).
    for sym in ["$", "€", "£", "¥", "USD", "EUR", "GBP", "CHF", "usd", "eur", "gbp"] {
        s = s.replace(sym, "");
    }
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.to_string();
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest.to_string();
    }
    let mut scale = Decimal::ONE;
    if let Some(rest) = s.strip_suffix('%') {
        scale = Decimal::new(1, 2);
        s = rest.to_string();
    } else if let Some(rest) = s.strip_suffix(['k', 'K']) {
        scale = Decimal::from(1000);
        s = rest.to_string();
    } else if let Some(rest) = s.strip_suffix('M') {
        scale = Decimal::from(1_000_000);
        s = rest.to_string();
    }
    let (thousands, decimal) = if decimal_comma { ('.', ',') } else { (',', '.') };
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == thousands || c == decimal) {
        if let Ok(d) = Decimal::from_scientific(&s) {
            return Ok(if negative { -d * scale } else { d * scale });
        }
        return Err("not a number".into());
    }
    let (int_part, frac_part) = match s.split_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (s.as_str(), None),
    };
    if frac_part.is_some_and(|f| f.contains(decimal) || f.contains(thousands)) {
        return Err("not a number".into());
    }
    if int_part.contains(thousands) {
        // Thousands groups must have three digits, or "1,5" would silently become 15.
        let mut groups = int_part.split(thousands);
        let head = groups.next().unwrap_or("");
        if head.is_empty() || head.len() > 3 || groups.any(|g| g.len() != 3) {
            return Err(if decimal_comma {
                "not a number (the file uses a decimal comma)".into()
            } else {
                "not a number (is the decimal separator a comma?)".into()
            });
        }
    }
    let digits: String = int_part.chars().filter(|c| *c != thousands).collect();
    let text = match frac_part {
        Some(f) => format!("{}.{}", if digits.is_empty() { "0" } else { &digits }, f),
        None => digits,
    };
    let value = Decimal::from_str(&text).map_err(|_| "number too large".to_string())?;
    let value = value * scale;
    Ok(if negative { -value } else { value })
}

/// The usual cell of a CSV, `120` or `29.33` (with a decimal point when the file has no decimal
/// comma), read without the general path's eleven copies of the text (its symbol removals).
pub(super) fn plain_number(raw: &str, decimal_comma: bool) -> Option<Decimal> {
    let b = raw.as_bytes();
    if b.is_empty() || b.len() > 18 || !b[0].is_ascii_digit() || !b[b.len() - 1].is_ascii_digit() {
        return None;
    }
    // The digits as one integer and the number of them after the point: `12.50` is 1250 / 10^2,
    // exactly what `Decimal::from_str` makes of it (18 digits fit an i64).
    let (mut mantissa, mut scale, mut point) = (0i64, 0u32, false);
    for &c in b {
        match c {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + i64::from(c - b'0');
                scale += u32::from(point);
            }
            b'.' if !point && !decimal_comma => point = true,
            _ => return None,
        }
    }
    Some(Decimal::new(mantissa, scale))
}

/// yes/no, y/n, true/false, 1/0, x/blank.
pub fn parse_bool(cell: &Cell) -> Result<bool, String> {
    match cell {
        Cell::Bool(b) => Ok(*b),
        Cell::Int(1) => Ok(true),
        Cell::Int(0) => Ok(false),
        Cell::Number(f) if *f == 1.0 => Ok(true),
        Cell::Number(f) if *f == 0.0 => Ok(false),
        Cell::Empty => Ok(false),
        Cell::Formula(_) => Err(cell.unsaved_formula().unwrap_or_default()),
        Cell::Text(t) => match t.trim().to_lowercase().as_str() {
            "yes" | "y" | "true" | "1" | "x" | "ja" | "oui" | "si" => Ok(true),
            "no" | "n" | "false" | "0" | "" | "nein" | "non" => Ok(false),
            _ => Err("not yes/no".into()),
        },
        _ => Err("not yes/no".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros_free::dec;

    mod rust_decimal_macros_free {
        pub fn dec(s: &str) -> rust_decimal::Decimal {
            s.parse().unwrap()
        }
    }

    fn num(s: &str) -> Decimal {
        parse_number_text(s, false).unwrap()
    }

    #[test]
    fn numbers_in_every_spelling() {
        assert_eq!(num("1,234.50"), dec("1234.50"));
        assert_eq!(num("$1,234.50"), dec("1234.5"));
        assert_eq!(num("(500)"), dec("-500"));
        assert_eq!(num("12%"), dec("0.12"));
        assert_eq!(num("1.2k"), dec("1200"));
        assert_eq!(num("-3.25"), dec("-3.25"));
        assert_eq!(parse_number_text("1.234,50 €", true).unwrap(), dec("1234.50"));
        assert!(parse_number_text("1,5", false).is_err());
        assert!(parse_number_text("abc", false).is_err());
        // The plain spellings a CSV holds take the short path, to the same value and scale.
        assert_eq!(num("120"), Decimal::new(120, 0));
        assert_eq!(num("29.33").to_string(), "29.33");
        assert_eq!(num("12.50").to_string(), "12.50");
        assert_eq!(num("007"), Decimal::new(7, 0));
        // With a decimal comma a point groups thousands: 1.234 is 1234, and 29.33 no number.
        assert_eq!(parse_number_text("1.234", true).unwrap(), Decimal::new(1234, 0));
        assert!(parse_number_text("29.33", true).is_err());
        assert!(parse_number_text("1.2.3", false).is_err());
    }

    #[test]
    fn float_cells_keep_their_decimal_value() {
        assert_eq!(decimal_from_f64(1234.5).unwrap(), dec("1234.5"));
        assert_eq!(decimal_from_f64(0.1).unwrap(), dec("0.1"));
        assert!(decimal_from_f64(f64::NAN).is_err());
    }

    #[test]
    fn blanks_and_trimmed_text() {
        assert!(is_blank("") && is_blank(" \t\r\n") && is_blank("\u{a0} \u{2003}"));
        assert!(!is_blank("a") && !is_blank(" a") && !is_blank("\u{a0}é"));
        assert_eq!(Cell::text_of(" u1 ").text_inline().unwrap(), "u1");
        assert_eq!(Cell::text_of("u1\u{a0}").text_inline().unwrap(), "u1");
        assert_eq!(Cell::text_of("u1").text_inline().unwrap(), "u1");
        assert_eq!(Cell::text_of(" \u{a0}").text_inline(), None);
        assert_eq!(Cell::Int(7).text_inline().unwrap(), "7");
    }

    /// A sheet of millions of cells: each is 24 bytes, and text up to 24 bytes needs nothing more.
    #[test]
    fn cells_are_small() {
        assert_eq!(std::mem::size_of::<Cell>(), 24);
        assert!(!Cell::text_of("2024-01-31 10:00:00,12345").display().is_empty());
        match Cell::text_of("u05837-2") {
            Cell::Text(t) => assert!(!t.is_heap_allocated()),
            _ => unreachable!(),
        }
    }

    #[test]
    fn booleans() {
        assert!(parse_bool(&Cell::Text("Yes".into())).unwrap());
        assert!(!parse_bool(&Cell::Text("n".into())).unwrap());
        assert!(parse_bool(&Cell::Text("x".into())).unwrap());
        assert!(!parse_bool(&Cell::Empty).unwrap());
        assert!(parse_bool(&Cell::Text("maybe".into())).is_err());
    }

    mod props {
        use super::super::*;
        use proptest::prelude::*;
        use rust_decimal::prelude::ToPrimitive;

        /// `1234567` cents -> "12,345.67" (or "12.345,67" with a decimal comma).
        fn grouped(cents: i64, decimal_comma: bool) -> String {
            let (t, dsep) = if decimal_comma { ('.', ',') } else { (',', '.') };
            let abs = cents.unsigned_abs();
            let int = (abs / 100).to_string();
            let mut out = String::new();
            for (i, c) in int.chars().enumerate() {
                if i > 0 && (int.len() - i).is_multiple_of(3) {
                    out.push(t);
                }
                out.push(c);
            }
            format!("{out}{dsep}{:02}", abs % 100)
        }

        proptest! {
            #[test]
            fn numbers_never_panic(s in "\\PC*", comma in any::<bool>()) {
                let _ = parse_number_text(&s, comma);
                let _ = parse_bool(&Cell::text_of(s.as_str()));
            }

            #[test]
            fn grouped_money_round_trips(cents in -10_000_000_000_000i64..10_000_000_000_000i64, comma in any::<bool>(), dollar in any::<bool>(), parens in any::<bool>()) {
                let body = grouped(cents, comma);
                let body = if dollar { format!("${body}") } else { body };
                let text = match (cents < 0, parens) {
                    (true, true) => format!("({body})"),
                    (true, false) => format!("-{body}"),
                    _ => body,
                };
                prop_assert_eq!(parse_number_text(&text, comma).unwrap(), Decimal::new(cents, 2));
            }

            #[test]
            fn float_cells_round_trip(f in any::<f64>()) {
                if let Ok(d) = decimal_from_f64(f) {
                    if f.abs() >= 1e-12 {
                        // The Decimal holds exactly the shortest text of the float.
                        prop_assert_eq!(d.to_string().parse::<f64>().unwrap(), f);
                    } else {
                        // Decimal keeps 28 decimal places: smaller values round at the 28th.
                        prop_assert!((d.to_f64().unwrap() - f).abs() < 1e-27);
                    }
                } else {
                    // Only non-finite or out-of-range values are refused.
                    prop_assert!(!f.is_finite() || f.abs() > 7.9e28 || (f != 0.0 && f.abs() < 1e-28));
                }
            }

            #[test]
            fn plain_numbers_read_as_the_general_path_reads_them(int in "[0-9]{1,9}", frac in proptest::option::of("[0-9]{1,8}"), comma in any::<bool>()) {
                let text = match frac { Some(f) => format!("{int}.{f}"), None => int };
                if let Some(d) = plain_number(&text, comma) {
                    let general = any_number(&text, comma).unwrap();
                    prop_assert_eq!((d, d.scale()), (general, general.scale()));
                }
            }

            #[test]
            fn percentages_are_ratios(bp in 0i64..1_000_000) {
                let text = format!("{}%", Decimal::new(bp, 2));
                prop_assert_eq!(parse_number_text(&text, false).unwrap(), Decimal::new(bp, 4));
            }

            #[test]
            fn booleans_in_any_case(word in prop::sample::select(vec!["yes", "no", "true", "false", "y", "n"]), upper in any::<bool>()) {
                let text = if upper { word.to_uppercase() } else { word.to_string() };
                let expected = matches!(word, "yes" | "true" | "y");
                prop_assert_eq!(parse_bool(&Cell::text_of(text)).unwrap(), expected);
            }
        }
    }
}
