//! Billing intervals (exports.md §3): an amount billed every `count` units is
//! amount × (units per year) / (12 × count) a month: `year, 1200.00` → 100.

use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
    Quarter,
    Year,
}

impl Unit {
    /// How many of the unit make a year: day 365, week 52 (so day = 12/365 months, week 12/52).
    fn per_year(self) -> u32 {
        match self {
            Unit::Day => 365,
            Unit::Week => 52,
            Unit::Month => 12,
            Unit::Quarter => 4,
            Unit::Year => 1,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
            Unit::Quarter => "quarter",
            Unit::Year => "year",
        }
    }

    /// A unit as the billing systems write it (`month`, `monthly`, `months`, `annual`...).
    fn parse(word: &str) -> Option<Unit> {
        Some(match word {
            "day" | "days" | "daily" => Unit::Day,
            "week" | "weeks" | "weekly" => Unit::Week,
            "month" | "months" | "monthly" => Unit::Month,
            "quarter" | "quarters" | "quarterly" => Unit::Quarter,
            "year" | "years" | "yearly" | "annual" | "annually" => Unit::Year,
            _ => return None,
        })
    }
}

/// A billing interval: every `count` units.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interval {
    pub count: u32,
    pub unit: Unit,
}

impl Interval {
    pub const MONTH: Interval = Interval { count: 1, unit: Unit::Month };

    /// `year`, `Monthly`, `3 months`, `1 - month`; None when it names no unit.
    pub fn parse(text: &str) -> Option<Interval> {
        let lower = text.trim().to_lowercase().replace(['-', '_'], " ");
        let words: Vec<&str> = lower.split_whitespace().collect();
        match words.as_slice() {
            [w] => Some(Interval { count: 1, unit: Unit::parse(w)? }),
            [n, w] => {
                let count = n.parse::<u32>().ok().filter(|c| *c > 0)?;
                Some(Interval { count, unit: Unit::parse(w)? })
            }
            _ => None,
        }
    }

    /// The interval of a billing period from `start` to `end` (a system without an interval
    /// column: Paddle, Recurly): whole months when it is about a month or more, else a week or a
    /// day; None for any other length.
    pub fn of_period(start: NaiveDate, end: NaiveDate) -> Option<Interval> {
        let days = (end - start).num_days();
        if days >= 27 {
            // Average days in a month (365.25 / 12); a 28- to 31-day period is one month.
            let months = (Decimal::from(days) / Decimal::new(304375, 4)).round();
            let count = rust_decimal::prelude::ToPrimitive::to_u32(&months)?;
            return Some(Interval { count: count.max(1), unit: Unit::Month });
        }
        match days {
            6..=8 => Some(Interval { count: 1, unit: Unit::Week }),
            1 => Some(Interval { count: 1, unit: Unit::Day }),
            _ => None,
        }
    }

    /// The same interval `n` times over (an interval count column).
    pub fn times(self, n: u32) -> Interval {
        Interval { count: self.count * n, unit: self.unit }
    }

    /// The monthly amount of an amount billed once per interval.
    pub fn monthly(self, amount: Decimal) -> Decimal {
        if self == Interval::MONTH {
            return amount;
        }
        amount * Decimal::from(self.unit.per_year()) / Decimal::from(12 * self.count)
    }

    /// The rule shown for it ("Interval = year: amount / 12"); None for one month.
    pub fn rule(self) -> Option<String> {
        if self == Interval::MONTH {
            return None;
        }
        let name = match self.count {
            1 => self.unit.name().to_string(),
            n => format!("{n} {}s", self.unit.name()),
        };
        let how = match self.unit {
            Unit::Month | Unit::Quarter | Unit::Year => {
                format!("amount / {}", self.count * 12 / self.unit.per_year())
            }
            Unit::Day | Unit::Week => {
                format!("amount × {} / {}", self.unit.per_year(), 12 * self.count)
            }
        };
        Some(format!("Interval = {name}: {how}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn intervals_and_monthly_amounts() {
        let year = Interval::parse("year").unwrap();
        assert_eq!(year.monthly(Decimal::new(120000, 2)), Decimal::from(100));
        assert_eq!(year.rule().as_deref(), Some("Interval = year: amount / 12"));
        assert_eq!(Interval::parse("Annual"), Some(year));
        assert_eq!(Interval::parse("yearly"), Some(year));
        let q = Interval::parse("quarterly").unwrap();
        assert_eq!(q.monthly(Decimal::from(300)), Decimal::from(100));
        assert_eq!(q.rule().as_deref(), Some("Interval = quarter: amount / 3"));
        let six = Interval::parse("month").unwrap().times(6);
        assert_eq!(six.rule().as_deref(), Some("Interval = 6 months: amount / 6"));
        assert_eq!(Interval::parse("1 - month"), Some(Interval::MONTH));
        assert_eq!(Interval::parse("months"), Some(Interval::MONTH));
        assert_eq!(Interval::MONTH.rule(), None);
        // A week is 12/52 of a month: 52 weekly payments of 12 make 52 a month.
        let week = Interval::parse("week").unwrap();
        assert_eq!(week.monthly(Decimal::from(12)), Decimal::from(52));
        assert_eq!(week.rule().as_deref(), Some("Interval = week: amount × 52 / 12"));
        assert_eq!(
            Interval::parse("daily").unwrap().monthly(Decimal::from(12)),
            Decimal::from(365)
        );
        assert_eq!(Interval::parse("fortnight"), None);
        assert_eq!(Interval::parse("0 month"), None);
    }

    #[test]
    fn interval_of_a_billing_period() {
        assert_eq!(Interval::of_period(d(2024, 1, 5), d(2024, 2, 5)), Some(Interval::MONTH));
        assert_eq!(Interval::of_period(d(2024, 2, 1), d(2024, 3, 1)), Some(Interval::MONTH));
        let year = Interval::of_period(d(2024, 1, 5), d(2025, 1, 5)).unwrap();
        assert_eq!(year, Interval { count: 12, unit: Unit::Month });
        assert_eq!(year.monthly(Decimal::from(1200)), Decimal::from(100));
        assert_eq!(
            Interval::of_period(d(2024, 1, 1), d(2024, 1, 8)),
            Some(Interval { count: 1, unit: Unit::Week })
        );
        assert_eq!(Interval::of_period(d(2024, 1, 1), d(2024, 1, 15)), None);
    }
}
