//! Dates and months in every spelling of the workbook spec: Excel date cells and serials, ISO dates and
//! months, dotted day-first dates, slashed dates whose day/month order is decided per column, month
//! names (`Jan 2024`, `Jan-24`) and date-times. A time-zone suffix is accepted and ignored: the date and
//! time as written are used, nothing is converted (a CS leader reads `2024-03-31 23:30 -0500` as 31 March).

use super::cells::Cell;
use crate::model::Month;
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime, NaiveTime};

/// Order of slashed dates (`03/04/2024`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    Mdy,
    Dmy,
}

const MONTHS: [&str; 12] =
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month_name(s: &str) -> Option<u32> {
    let s = s.trim().trim_end_matches('.').to_lowercase();
    if s.len() < 3 {
        return None;
    }
    let full = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let idx = MONTHS.iter().position(|m| s.starts_with(m))?;
    // "sept" is common; otherwise the text must be a prefix of the full name.
    if full[idx].starts_with(&s) || s == "sept" {
        Some(idx as u32 + 1)
    } else {
        None
    }
}

/// Excel serial day number (1900 system) to a date-time.
pub fn from_excel_serial(serial: f64) -> Option<NaiveDateTime> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    // Serial 1 is 1900-01-01; Excel counts a 29 February 1900 (serial 60) that never was, so from
    // serial 61 on the days count from 1899-12-30.
    let base = if serial < 61.0 { (1899, 12, 31) } else { (1899, 12, 30) };
    let base = NaiveDate::from_ymd_opt(base.0, base.1, base.2)?.and_time(NaiveTime::MIN);
    let millis = (serial * 86_400_000.0).round() as i64;
    base.checked_add_signed(Duration::milliseconds(millis))
}

fn year_of(text: &str) -> Option<i32> {
    let y: i32 = text.parse().ok()?;
    match text.len() {
        4 => Some(y),
        2 => Some(2000 + y),
        _ => None,
    }
}

/// Splits `a/b/yyyy` into its three numbers (time part excluded).
pub(super) fn slashed_parts(text: &str) -> Option<(u32, u32, i32)> {
    let date = text.split_whitespace().next()?;
    // `15/03/2024` and `15-03-2024` alike (one separator throughout); `2024/03/15` is year-first.
    let sep = if date.contains('/') { '/' } else { '-' };
    let mut it = date.split(sep);
    let first = it.next()?;
    if first.len() > 2 {
        return None;
    }
    let a = first.parse().ok()?;
    let b = it.next()?.parse().ok()?;
    let y = year_of(it.next()?)?;
    if it.next().is_some() {
        return None;
    }
    Some((a, b, y))
}

/// `yyyy/mm/dd` (time part excluded).
fn year_first_slashed(text: &str) -> Option<(i32, u32, u32)> {
    let date = text.split_whitespace().next()?;
    let mut it = date.split('/');
    let y = it.next().filter(|y| y.len() == 4)?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next().filter(|d| d.len() <= 2)?.parse().ok()?;
    it.next().is_none().then_some((y, m, d))
}

/// Two ASCII digits as a number.
fn two(b: &[u8]) -> Option<u32> {
    match b {
        [a, c] if a.is_ascii_digit() && c.is_ascii_digit() => {
            Some(((a - b'0') * 10 + (c - b'0')) as u32)
        }
        _ => None,
    }
}

/// `YYYY-MM-DD` without chrono's format machinery (the common case, millions of cells).
fn iso_date(b: &[u8]) -> Option<NaiveDate> {
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' || !b[..4].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let y = b[..4].iter().fold(0i32, |a, d| a * 10 + (d - b'0') as i32);
    NaiveDate::from_ymd_opt(y, two(&b[5..7])?, two(&b[8..10])?)
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    let t = text.trim();
    if t.is_empty() {
        return Some(NaiveTime::MIN);
    }
    // HH:MM and HH:MM:SS directly; anything else through chrono's formats.
    let b = t.as_bytes();
    if (b.len() == 5 || b.len() == 8) && b[2] == b':' && (b.len() == 5 || b[5] == b':') {
        let sec = if b.len() == 8 { two(&b[6..8]) } else { Some(0) };
        if let (Some(h), Some(m), Some(sec)) = (two(&b[..2]), two(&b[3..5]), sec) {
            return NaiveTime::from_hms_opt(h, m, sec);
        }
    }
    for fmt in ["%H:%M:%S", "%H:%M", "%I:%M %p", "%I:%M:%S %p", "%I:%M%p", "%H:%M:%S%.f"] {
        if let Ok(time) = NaiveTime::parse_from_str(t, fmt) {
            return Some(time);
        }
    }
    None
}

/// Parses a date or date-time cell. `order` applies to slashed dates.
/// Years a business date can have; anything else is a typo (2204) or a corrupt cell (99999).
pub const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

pub fn parse_datetime(cell: &Cell, order: DateOrder) -> Result<NaiveDateTime, String> {
    let d = match cell {
        Cell::DateTime(d) => Ok(*d),
        Cell::Number(f) => from_excel_serial(*f).ok_or_else(|| "not a date".to_string()),
        Cell::Int(i) => from_excel_serial(*i as f64).ok_or_else(|| "not a date".to_string()),
        Cell::Empty => Err("empty".to_string()),
        Cell::Formula(_) => Err(cell.unsaved_formula().unwrap_or_default()),
        Cell::Text(t) => {
            parse_date_text(super::cells::trimmed(t), order).ok_or_else(|| "not a date".to_string())
        }
        _ => Err("not a date".to_string()),
    }?;
    if YEARS.contains(&d.year()) {
        Ok(d)
    } else {
        Err(format!("date out of range (years {}-{})", YEARS.start(), YEARS.end()))
    }
}

pub fn parse_date(cell: &Cell, order: DateOrder) -> Result<NaiveDate, String> {
    parse_datetime(cell, order).map(|d| d.date())
}

/// A number a text cell holds, when it is an Excel serial day (a fraction being the time): digits with an
/// optional fraction, nothing else, from 3,653 (1910-01-01) to 109,939 (2200-12-31). The spec's range
/// starts at 1, but a column of month numbers (1-12), days (1-31) or years (2024) is not a column of
/// 1900 dates: read as serials they would silently become January 1900 or July 1905.
pub fn serial_of_text(t: &str) -> Option<f64> {
    let t = t.trim();
    let (int, frac) = t.split_once('.').unwrap_or((t, "0"));
    if int.is_empty()
        || int.len() > 6
        || !int.bytes().all(|b| b.is_ascii_digit())
        || frac.is_empty()
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let v: f64 = t.parse().ok()?;
    (3653.0..109_940.0).contains(&v).then_some(v)
}

/// A named zone such as `UTC`, `GMT`, `PDT`, `CEST` (2 to 5 capitals; not `AM`/`PM`), optionally with
/// an offset (`GMT+1`, `UTC-05:00`).
fn is_zone_word(w: &str, after_time: bool) -> bool {
    let letters = w.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (name, offset) = w.split_at(letters);
    let universal = name.eq_ignore_ascii_case("utc") || name.eq_ignore_ascii_case("gmt");
    if universal {
        return offset.is_empty() || is_offset(offset);
    }
    // Other zone names (PDT, CET, CEST) only in capitals and after a time, never a month (`2024 JAN`).
    after_time
        && offset.is_empty()
        && (2..=5).contains(&name.len())
        && name.bytes().all(|b| b.is_ascii_uppercase())
        && name != "AM"
        && name != "PM"
        && month_name(name).is_none()
}

/// `+01`, `+0100`, `+01:00`, `-5`, `+1` (a sign, then 1-4 digits with an optional colon).
fn is_offset(s: &str) -> bool {
    let Some(rest) = s.strip_prefix(['+', '-']) else { return false };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    !digits.is_empty()
        && digits.len() <= 4
        && digits.bytes().all(|b| b.is_ascii_digit())
        && rest.chars().filter(|c| *c == ':').count() <= 1
}

/// The text without a trailing time zone: `Z`, `+0100`, `+01:00`, ` UTC`, `GMT+1`, `PDT`, or a bracketed
/// zone `(America/New_York)`. A numeric offset is only taken after a time (`2024-03-15` keeps its day).
pub fn strip_zone(t: &str) -> &str {
    let mut t = t.trim_end();
    if t.ends_with(')') {
        if let Some(open) = t.rfind('(') {
            if t[..open].contains(':') || t[..open].trim_end().len() >= 8 {
                t = t[..open].trim_end();
            }
        }
    }
    if let Some((head, last)) = t.rsplit_once(' ') {
        if is_zone_word(last, head.contains(':')) || (is_offset(last) && head.contains(':')) {
            t = head.trim_end();
        }
    }
    if let Some(head) = t.strip_suffix(['Z', 'z']) {
        if head.ends_with(|c: char| c.is_ascii_digit()) && head.contains(':') {
            return head;
        }
    }
    // An offset glued to the time: 14:30:00+01:00, 14:30:00.123-0500.
    if let Some(colon) = t.find(':') {
        if let Some(sign) = t[colon..].rfind(['+', '-']) {
            let (head, offset) = t.split_at(colon + sign);
            if is_offset(offset) && head.ends_with(|c: char| c.is_ascii_digit()) {
                return head;
            }
        }
    }
    t
}

/// `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` and `YYYY-MM-DD HH:MM:SS` (`T` or a space between): what most
/// exports write, read without looking for a time zone they cannot have. None for anything else,
/// which the general path reads (or refuses) as before.
pub(super) fn plain_iso(t: &str) -> Option<NaiveDateTime> {
    let b = t.as_bytes();
    let time = match b.len() {
        10 => NaiveTime::MIN,
        16 | 19 if matches!(b[10], b' ' | b'T') && b[13] == b':' => {
            let sec = if b.len() == 19 { (b[16] == b':').then(|| two(&b[17..19]))?? } else { 0 };
            NaiveTime::from_hms_opt(two(&b[11..13])?, two(&b[14..16])?, sec)?
        }
        _ => return None,
    };
    Some(iso_date(b)?.and_time(time))
}

fn parse_date_text(t: &str, order: DateOrder) -> Option<NaiveDateTime> {
    plain_iso(t).or_else(|| any_date_text(t, order))
}

/// Every spelling `parse_date_text` reads.
fn any_date_text(t: &str, order: DateOrder) -> Option<NaiveDateTime> {
    let t = strip_zone(t);
    // ISO date-times: 2024-03-15, 2024-03-15 14:30, 2024-03-15T14:30:00
    if t.len() >= 10 && t.as_bytes().get(4) == Some(&b'-') && t.as_bytes().get(7) == Some(&b'-') {
        let date = iso_date(t.as_bytes())?;
        let rest = t[10..].trim_start_matches(['T', ' ']);
        let rest = rest.trim_end_matches('Z');
        return Some(date.and_time(parse_time(rest)?));
    }
    // ISO month 2024-03, and 2024/03
    if let Some(m) = parse_month_text(t) {
        if !t.contains(' ') || t.split_whitespace().count() == 2 {
            return Some(m.first_day().and_time(NaiveTime::MIN));
        }
    }
    // Dotted: always day-first; a two-digit year is 20yy, as with slashes.
    if t.contains('.') {
        let (date, time) = t.split_once(' ').unwrap_or((t, ""));
        let mut it = date.split('.');
        let (d, m, y) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, year_of(it.next()?)?);
        if it.next().is_some() {
            return None;
        }
        let d = NaiveDate::from_ymd_opt(y, m, d)?;
        return Some(d.and_time(parse_time(time)?));
    }
    // Year first: 2024/03/15 (never day-first).
    if let Some((y, m, d)) = year_first_slashed(t) {
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        let time = t.split_once(' ').map(|(_, r)| r).unwrap_or("");
        return Some(date.and_time(parse_time(time)?));
    }
    if let Some((a, b, y)) = slashed_parts(t) {
        let (m, d) = match order {
            DateOrder::Mdy => (a, b),
            DateOrder::Dmy => (b, a),
        };
        let date = NaiveDate::from_ymd_opt(y, m, d)?;
        let time = t.split_once(' ').map(|(_, r)| r).unwrap_or("");
        return Some(date.and_time(parse_time(time)?));
    }
    // "15 Mar 2024", "Mar 15, 2024", "March 15 2024"
    let words: Vec<&str> =
        t.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if words.len() == 3 {
        let (d, m, y) = if let Some(m) = month_name(words[0]) {
            (words[1].parse().ok()?, m, year_of(words[2])?)
        } else {
            (words[0].parse().ok()?, month_name(words[1])?, year_of(words[2])?)
        };
        return NaiveDate::from_ymd_opt(y, m, d).map(|d| d.and_time(NaiveTime::MIN));
    }
    None
}

/// Month-only spellings: `2024-01`, `2024/01`, `01/2024`, `Jan 2024`, `January 2024`, `Jan-24`.
fn parse_month_text(t: &str) -> Option<Month> {
    let t = t.trim();
    for sep in ['-', '/', ' ', '.'] {
        if let Some((a, b)) = t.split_once(sep) {
            let (a, b) = (a.trim(), b.trim());
            if b.contains(sep) {
                continue;
            }
            if a.len() == 4 && a.chars().all(|c| c.is_ascii_digit()) {
                if let Ok(m) = b.parse::<u32>() {
                    if b.len() <= 2 {
                        return Month::new(a.parse().ok()?, m);
                    }
                }
                if let Some(m) = month_name(b) {
                    return Month::new(a.parse().ok()?, m);
                }
            }
            if b.chars().all(|c| c.is_ascii_digit()) && (b.len() == 4 || b.len() == 2) {
                if let Some(m) = month_name(a) {
                    return Month::new(year_of(b)?, m);
                }
                if sep == '/' && b.len() == 4 && a.len() <= 2 {
                    return Month::new(year_of(b)?, a.parse().ok()?);
                }
            }
        }
    }
    None
}

/// A month column header (wide MRR) or a month cell: Excel date cells and any month or date spelling.
pub fn parse_month_header(cell: &Cell) -> Option<Month> {
    match cell {
        Cell::DateTime(d) => Some(Month::of(d.date())),
        Cell::Text(t) => {
            let t = t.trim();
            parse_month_text(t).or_else(|| {
                if t.len() == 10 && t.as_bytes()[4] == b'-' {
                    NaiveDate::parse_from_str(t, "%Y-%m-%d").ok().map(Month::of)
                } else {
                    None
                }
            })
        }
        _ => None,
    }
}

/// A month cell in a long table: month spellings, or any date (its month).
pub fn parse_month(cell: &Cell, order: DateOrder) -> Result<Month, String> {
    if let Some(m) = parse_month_header(cell) {
        if !YEARS.contains(&m.year()) {
            return Err(format!("date out of range (years {}-{})", YEARS.start(), YEARS.end()));
        }
        return Ok(m);
    }
    if let Some(reason) = cell.unsaved_formula() {
        return Err(reason);
    }
    parse_date(cell, order).map(Month::of).map_err(|_| "not a month or date".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str, o: DateOrder) -> NaiveDate {
        parse_date(&Cell::Text(s.into()), o).unwrap()
    }
    fn ymd(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn date_spellings() {
        assert_eq!(d("2024-03-15", DateOrder::Mdy), ymd(2024, 3, 15));
        assert_eq!(d("2024-03", DateOrder::Mdy), ymd(2024, 3, 1));
        assert_eq!(d("15.03.2024", DateOrder::Mdy), ymd(2024, 3, 15));
        assert_eq!(d("03/04/2024", DateOrder::Mdy), ymd(2024, 3, 4));
        assert_eq!(d("03/04/2024", DateOrder::Dmy), ymd(2024, 4, 3));
        assert_eq!(d("15 Mar 2024", DateOrder::Mdy), ymd(2024, 3, 15));
        assert_eq!(d("Mar 15, 2024", DateOrder::Mdy), ymd(2024, 3, 15));
        let dt = parse_datetime(&Cell::Text("03/15/2024 2:30 PM".into()), DateOrder::Mdy).unwrap();
        assert_eq!(dt.format("%Y-%m-%d %H:%M").to_string(), "2024-03-15 14:30");
        let dt = parse_datetime(&Cell::Text("2024-03-15T14:30:00".into()), DateOrder::Mdy).unwrap();
        assert_eq!(dt.format("%H:%M").to_string(), "14:30");
        // The plain ISO spellings' short path: date, minutes, seconds; a 25th hour is no time.
        let at = |h, m, s| ymd(1997, 10, 10).and_hms_opt(h, m, s).unwrap();
        assert_eq!(plain_iso("1997-10-10"), Some(at(0, 0, 0)));
        assert_eq!(plain_iso("1997-10-10 10:00"), Some(at(10, 0, 0)));
        assert_eq!(plain_iso("1997-10-10T23:59:58"), Some(at(23, 59, 58)));
        assert_eq!(plain_iso("1997-10-10 25:00"), None);
        assert_eq!(plain_iso("1997-10-10 10:00Z"), None); // a zone: the general path
        assert!(parse_datetime(&Cell::text_of("1997-10-10 25:00"), DateOrder::Mdy).is_err());
        // Excel serial 45366 = 2024-03-15
        assert_eq!(parse_date(&Cell::Number(45366.0), DateOrder::Mdy).unwrap(), ymd(2024, 3, 15));
        assert!(parse_date(&Cell::Text("2024-02-30".into()), DateOrder::Mdy).is_err());
        assert!(parse_date(&Cell::Text("13/13/2024".into()), DateOrder::Mdy).is_err());
        assert!(parse_date(&Cell::Text("2024-13".into()), DateOrder::Mdy).is_err());
        let far = parse_date(&Cell::Text("9999-01-01".into()), DateOrder::Mdy).unwrap_err();
        assert_eq!(far, "date out of range (years 1900-2200)");
        assert!(parse_month(&Cell::Text("Jan 3024".into()), DateOrder::Mdy).is_err());
    }

    /// Real files: zoned time stamps keep the date and time as written (nothing converted).
    #[test]
    fn zoned_time_stamps_keep_the_written_date() {
        let at = |s: &str| {
            parse_datetime(&Cell::Text(s.into()), DateOrder::Mdy)
                .map(|d| d.format("%Y-%m-%d %H:%M:%S").to_string())
        };
        for s in [
            "2024-02-03 10:15:20 +0100",
            "2024-02-03 10:15:20 +01:00",
            "2024-02-03 10:15:20 UTC",
            "2024-02-03 10:15:20 GMT+1",
            "2024-02-03T10:15:20+01:00",
            "2024-02-03T10:15:20-0500",
            "2024-02-03T10:15:20Z",
            "2024-02-03 10:15:20 PDT",
            "2024-02-03 10:15:20 CET",
            "2024-02-03 10:15:20 (America/New_York)",
        ] {
            assert_eq!(at(s).as_deref(), Ok("2024-02-03 10:15:20"), "{s}");
        }
        assert_eq!(at("2024/03/15 10:22:31 AM GMT+1").as_deref(), Ok("2024-03-15 10:22:31"));
        // A late evening west of Greenwich stays on its own day.
        assert_eq!(at("2024-03-31 23:30 -0500").as_deref(), Ok("2024-03-31 23:30:00"));
        // A plain date's dashes are not an offset.
        assert_eq!(at("2024-03-15").as_deref(), Ok("2024-03-15 00:00:00"));
        assert_eq!(at("03/15/2024 2:30 PM").as_deref(), Ok("2024-03-15 14:30:00"));
        assert_eq!(at("2024-02-03 10:15:20 utc").as_deref(), Ok("2024-02-03 10:15:20"));
        // A month or another word after a date is not a zone.
        assert!(at("03/15/2024 TBD").is_err());
        assert_eq!(
            parse_month(&Cell::Text("2024 JAN".into()), DateOrder::Mdy).map(|m| m.to_string()),
            Ok("2024-01".to_string())
        );
    }

    /// Two-digit years are 20yy with dots as with slashes; dots stay day-first; year-first slashes and
    /// dashed day/month dates read too.
    #[test]
    fn two_digit_years_and_other_separators() {
        assert_eq!(d("15.03.24", DateOrder::Mdy), ymd(2024, 3, 15));
        assert_eq!(d("15.03.24", DateOrder::Dmy), ymd(2024, 3, 15));
        assert_eq!(d("3/15/24", DateOrder::Mdy), ymd(2024, 3, 15));
        assert_eq!(d("01.02.99", DateOrder::Mdy), ymd(2099, 2, 1));
        assert_eq!(d("2024/03/15", DateOrder::Dmy), ymd(2024, 3, 15));
        assert_eq!(d("15-03-2024", DateOrder::Dmy), ymd(2024, 3, 15));
        assert_eq!(d("03-15-2024", DateOrder::Mdy), ymd(2024, 3, 15));
        assert!(parse_date(&Cell::Text("15.03.2024.1".into()), DateOrder::Mdy).is_err());
        // A year-first date never decides a column's day/month order.
        let cells = [Cell::Text("2024/03/15".into())];
        assert_eq!(super::super::date_order::infer_order(cells.iter()), (None, false));
    }

    #[test]
    fn serials_written_as_text() {
        assert_eq!(serial_of_text("45292"), Some(45292.0));
        assert_eq!(serial_of_text(" 45292.5 "), Some(45292.5));
        assert_eq!(serial_of_text("109939"), Some(109939.0));
        assert_eq!(serial_of_text("109940"), None);
        assert_eq!(serial_of_text("0"), None);
        // Month numbers, days and years are not serials.
        assert_eq!(serial_of_text("12"), None);
        assert_eq!(serial_of_text("31"), None);
        assert_eq!(serial_of_text("2024"), None);
        assert_eq!(serial_of_text("3653"), Some(3653.0));
        assert_eq!(serial_of_text("-5"), None);
        assert_eq!(serial_of_text("1e4"), None);
        assert_eq!(serial_of_text("2024-01"), None);
        // 45292 is 2024-01-01; 109939 is 2200-12-31, the last date the importer accepts.
        assert_eq!(parse_date(&Cell::Number(45292.0), DateOrder::Mdy).unwrap(), ymd(2024, 1, 1));
        assert_eq!(parse_date(&Cell::Number(109939.0), DateOrder::Mdy).unwrap(), ymd(2200, 12, 31));
        // Serial 1 is 1900-01-01 and 61 is 1900-03-01 (Excel's 29 February 1900 in between).
        assert_eq!(parse_date(&Cell::Number(1.0), DateOrder::Mdy).unwrap(), ymd(1900, 1, 1));
        assert_eq!(parse_date(&Cell::Number(59.0), DateOrder::Mdy).unwrap(), ymd(1900, 2, 28));
        assert_eq!(parse_date(&Cell::Number(61.0), DateOrder::Mdy).unwrap(), ymd(1900, 3, 1));
    }

    #[test]
    fn month_headers() {
        let m = |s: &str| parse_month_header(&Cell::Text(s.into())).map(|m| m.to_string());
        for s in
            ["2024-01", "2024-01-01", "Jan 2024", "January 2024", "Jan-24", "01/2024", "2024/01"]
        {
            assert_eq!(m(s).as_deref(), Some("2024-01"), "{s}");
        }
        assert_eq!(m("Customer"), None);
        assert_eq!(m("MRR"), None);
    }

    mod props {
        use super::super::*;
        use chrono::Datelike;
        use proptest::prelude::*;

        fn any_date() -> impl Strategy<Value = NaiveDate> {
            (0i64..(300 * 365))
                .prop_map(|d| NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + Duration::days(d))
        }

        proptest! {
            #[test]
            fn text_never_panics(s in "\\PC*") {
                let _ = parse_datetime(&Cell::text_of(s.as_str()), DateOrder::Mdy);
                let _ = parse_month(&Cell::text_of(s.as_str()), DateOrder::Dmy);
                let _ = parse_month_header(&Cell::text_of(s));
            }

            #[test]
            fn numbers_never_panic(f in any::<f64>()) {
                let _ = parse_datetime(&Cell::Number(f), DateOrder::Mdy);
            }

            #[test]
            fn iso_date_times_read_as_the_general_path_reads_them(d in any_date(), h in 0u32..26, m in 0u32..61, sec in 0u32..61, form in 0usize..4) {
                let text = match form {
                    0 => d.format("%Y-%m-%d").to_string(),
                    1 => format!("{} {h:02}:{m:02}", d.format("%Y-%m-%d")),
                    2 => format!("{}T{h:02}:{m:02}:{sec:02}", d.format("%Y-%m-%d")),
                    _ => format!("{} {h:02}:{m:02}:{sec:02}", d.format("%Y-%m-%d")),
                };
                // Out-of-range times (25:00) are left to the general path, which refuses them too.
                if let Some(fast) = plain_iso(&text) {
                    prop_assert_eq!(Some(fast), any_date_text(&text, DateOrder::Mdy), "{}", text);
                }
                prop_assert_eq!(parse_date_text(&text, DateOrder::Dmy), any_date_text(&text, DateOrder::Dmy));
            }

            #[test]
            fn every_spelling_round_trips(d in any_date()) {
                let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
                let mon = months[d.month0() as usize];
                let cases = [
                    (d.format("%Y-%m-%d").to_string(), DateOrder::Mdy),
                    (d.format("%d.%m.%Y").to_string(), DateOrder::Mdy),
                    (d.format("%m/%d/%Y").to_string(), DateOrder::Mdy),
                    (d.format("%d/%m/%Y").to_string(), DateOrder::Dmy),
                    (format!("{} {mon} {}", d.day(), d.year()), DateOrder::Mdy),
                    (format!("{mon} {}, {}", d.day(), d.year()), DateOrder::Mdy),
                    (d.format("%Y-%m-%dT08:30:00").to_string(), DateOrder::Mdy),
                ];
                for (text, order) in cases {
                    prop_assert_eq!(parse_date(&Cell::text_of(text.as_str()), order), Ok(d), "{}", text);
                }
                prop_assert_eq!(parse_month(&Cell::text_of(d.format("%Y-%m").to_string()), DateOrder::Mdy), Ok(Month::of(d)));
                prop_assert_eq!(parse_month_header(&Cell::text_of(format!("{mon} {}", d.year()))), Some(Month::of(d)));
            }

            #[test]
            fn excel_serials_round_trip(d in any_date()) {
                // Serials count from 1899-12-30 (Excel's 1900 system, after its leap-year bug).
                let serial = (d - NaiveDate::from_ymd_opt(1899, 12, 30).unwrap()).num_days() as f64;
                if serial >= 61.0 {
                    prop_assert_eq!(parse_date(&Cell::Number(serial), DateOrder::Mdy), Ok(d));
                }
            }
        }
    }
}
