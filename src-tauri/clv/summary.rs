//! Per-customer purchase histories for the models: from the `orders` table, same-day orders merged
//! into one transaction, measured in a chosen unit up to a calibration end.

use crate::model::Order;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The time unit of t_x, T and the horizon.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", ts(rename = "ClvUnit"))]
pub enum Unit {
    Day,
    Week,
    Month,
}

impl Unit {
    /// Days in one unit (a month is a twelfth of an average year).
    pub fn days(self) -> f64 {
        match self {
            Unit::Day => 1.0,
            Unit::Week => 7.0,
            Unit::Month => 365.25 / 12.0,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            Unit::Day => "day",
            Unit::Week => "week",
            Unit::Month => "month",
        }
    }
    pub fn parse(s: &str) -> Option<Unit> {
        match s {
            "day" | "days" => Some(Unit::Day),
            "week" | "weeks" => Some(Unit::Week),
            "month" | "months" => Some(Unit::Month),
            _ => None,
        }
    }
}

/// One customer's history, all of it: the calibration summary is derived from it.
#[derive(Debug, Clone)]
pub struct History {
    pub customer_id: String,
    /// Transaction days (same-day orders merged) in order, with the day's total spend.
    pub days: Vec<(NaiveDate, f64)>,
}

/// The model's view of one customer at the calibration end.
#[derive(Debug, Clone, PartialEq)]
pub struct Rfm {
    /// Repeat transactions (after the first) up to the calibration end.
    pub x: u32,
    /// Time from the first to the last transaction.
    pub t_x: f64,
    /// Time from the first transaction to the calibration end.
    pub t: f64,
    /// Mean spend of the repeat transactions (0 when x = 0).
    pub m: f64,
    /// Spend of all transactions up to the calibration end.
    pub spend: f64,
}

/// Histories by customer, and the orders left out for a negative amount (a refund is not a
/// purchase; a free order of 0 is one).
pub fn histories(orders: &[Order]) -> (Vec<History>, Vec<&Order>) {
    let mut by: BTreeMap<&str, BTreeMap<NaiveDate, f64>> = BTreeMap::new();
    let mut skipped = Vec::new();
    for o in orders {
        let amount = rust_decimal::prelude::ToPrimitive::to_f64(&o.amount).unwrap_or(0.0);
        if amount < 0.0 {
            skipped.push(o);
            continue;
        }
        *by.entry(&o.customer_id).or_default().entry(o.date).or_default() += amount;
    }
    let h = by
        .into_iter()
        .map(|(id, days)| History { customer_id: id.to_string(), days: days.into_iter().collect() })
        .collect();
    (h, skipped)
}

impl History {
    pub fn first(&self) -> NaiveDate {
        self.days[0].0
    }

    /// The summary at `end` (inclusive); None when the first purchase is after it.
    pub fn rfm(&self, end: NaiveDate, unit: Unit) -> Option<Rfm> {
        let first = self.first();
        if first > end {
            return None;
        }
        let upto: Vec<&(NaiveDate, f64)> =
            self.days.iter().take_while(|(d, _)| *d <= end).collect();
        let last = upto.last().map(|(d, _)| *d).unwrap_or(first);
        let x = upto.len() as u32 - 1;
        let repeat: f64 = upto.iter().skip(1).map(|(_, v)| v).sum();
        let span = |a: NaiveDate, b: NaiveDate| (b - a).num_days() as f64 / unit.days();
        Some(Rfm {
            x,
            t_x: span(first, last),
            t: span(first, end),
            m: if x > 0 { repeat / x as f64 } else { 0.0 },
            spend: upto.iter().map(|(_, v)| v).sum(),
        })
    }

    /// Repeat transactions (not the first) on days after `from` up to `to`, inclusive.
    pub fn repeats_between(&self, from: NaiveDate, to: NaiveDate) -> usize {
        self.days.iter().skip(1).filter(|(d, _)| *d > from && *d <= to).count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn order(id: &str, date: &str, amount: i64) -> Order {
        Order {
            order_id: None,
            customer_id: id.into(),
            date: date.parse().unwrap(),
            amount: Decimal::from(amount),
        }
    }

    #[test]
    fn same_day_orders_merge_and_non_positive_amounts_are_left_out() {
        let orders = vec![
            order("A", "1997-01-01", 10),
            order("A", "1997-01-01", 5), // same day: one transaction of 15
            order("A", "1997-01-15", 20),
            order("A", "1997-02-12", 40),
            order("A", "1997-12-01", 7),  // after the calibration end
            order("B", "1997-01-08", -5), // a refund: skipped
            order("B", "1997-01-08", 30),
            order("B", "1997-03-08", 0), // a free order: a purchase
        ];
        let (h, skipped) = histories(&orders);
        assert_eq!(skipped.len(), 1);
        let end = NaiveDate::from_ymd_opt(1997, 9, 30).unwrap();
        let a = h[0].rfm(end, Unit::Week).unwrap();
        // Repeats on Jan 15 and Feb 12: x = 2, t_x = 42 days, T = 272 days, m = (20 + 40) / 2.
        assert_eq!(a, Rfm { x: 2, t_x: 6.0, t: 272.0 / 7.0, m: 30.0, spend: 75.0 });
        let b = h[1].rfm(end, Unit::Day).unwrap();
        assert_eq!((b.x, b.t_x, b.t, b.m), (1, 59.0, 265.0, 0.0));
        assert_eq!(h[0].repeats_between(end, NaiveDate::from_ymd_opt(1998, 6, 30).unwrap()), 1);
    }
}
