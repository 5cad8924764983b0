//! A calendar month as one integer, so that month arithmetic and dense per-month arrays are trivial.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// Months since January of year 0 (`year * 12 + month - 1`).
#[derive(Copy, Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month(i32);

impl Month {
    /// `month` is 1..=12; returns None otherwise or for years outside 1..=9999.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        if !(1..=12).contains(&month) || !(1..=9999).contains(&year) {
            return None;
        }
        Some(Month(year * 12 + month as i32 - 1))
    }
    pub fn of(date: NaiveDate) -> Month {
        Month(date.year() * 12 + date.month0() as i32)
    }
    pub fn year(self) -> i32 {
        self.0.div_euclid(12)
    }
    /// 1..=12
    pub fn month(self) -> u32 {
        self.0.rem_euclid(12) as u32 + 1
    }
    /// Quarter 1..=4.
    pub fn quarter(self) -> u32 {
        (self.month() - 1) / 3 + 1
    }
    pub fn plus(self, months: i32) -> Month {
        Month(self.0 + months)
    }
    pub fn prev(self) -> Month {
        Month(self.0 - 1)
    }
    pub fn next(self) -> Month {
        Month(self.0 + 1)
    }
    /// Number of months from `self` to `later` (negative when `later` is earlier).
    pub fn until(self, later: Month) -> i32 {
        later.0 - self.0
    }
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year(), self.month(), 1).expect("valid month")
    }
    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("valid month")
    }
    pub fn days(self) -> u32 {
        self.last_day().day()
    }
    /// Parses `YYYY-MM`, the form the CLI and the UI use.
    pub fn parse_iso(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.is_empty() || m.len() > 2 {
            return None;
        }
        Month::new(y.parse().ok()?, m.parse().ok()?)
    }
    /// Inclusive range iterator.
    pub fn range(from: Month, to: Month) -> impl Iterator<Item = Month> {
        (from.0..=to.0).map(Month)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl serde::Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_and_format() {
        let m = Month::new(2024, 1).unwrap();
        assert_eq!(m.prev().to_string(), "2023-12");
        assert_eq!(m.plus(13).to_string(), "2025-02");
        assert_eq!(m.until(Month::new(2024, 12).unwrap()), 11);
        assert_eq!(Month::new(2024, 2).unwrap().days(), 29);
        assert_eq!(Month::new(2023, 11).unwrap().quarter(), 4);
        assert_eq!(Month::parse_iso("2024-07"), Month::new(2024, 7));
        assert_eq!(Month::parse_iso("2024-13"), None);
        assert_eq!(Month::range(m, m.plus(2)).count(), 3);
    }
}
