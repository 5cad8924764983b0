//! `subscriptions`, expanded into monthly MRR. A subscription counts in month m iff
//! month(start) <= m and (no end, or month(end) > m); an end on the last day of a month counts through
//! that month. Open-ended ones run to the latest month named by any date of the table.

use super::super::table::{Bad, Table};
use crate::model::Month;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Subscriptions {
    subs: Vec<(String, NaiveDate, Option<NaiveDate>, Decimal)>,
}

impl Subscriptions {
    pub fn row(&mut self, i: usize, t: &Table) -> Result<bool, Bad> {
        let r = t.view(&t.raw.rows[i]);
        let customer = r.req_text("customer_id")?;
        let start = r.req_date("start_date")?;
        let end = r.date("end_date")?;
        if end.is_some_and(|e| e < start) {
            return Err((t.map.col("end_date").unwrap_or(0), "ends before it starts".into()));
        }
        let monthly = match r.decimal("mrr")? {
            Some(v) => v,
            None => r.req_decimal("arr")? / Decimal::from(12),
        };
        let money_col = t.map.col("mrr").or(t.map.col("arr")).unwrap_or(0);
        if monthly.is_sign_negative() && !monthly.is_zero() {
            return Err((money_col, "negative MRR".into()));
        }
        let quantity = r.decimal("quantity")?.unwrap_or(Decimal::ONE);
        if quantity.is_sign_negative() {
            return Err((t.map.col("quantity").unwrap_or(0), "negative quantity".into()));
        }
        self.subs.push((customer, start, end, monthly * quantity));
        Ok(true)
    }

    pub fn finish(self, mrr: &mut BTreeMap<String, BTreeMap<Month, Decimal>>) {
        let latest =
            self.subs.iter().flat_map(|s| std::iter::once(s.1).chain(s.2)).max().map(Month::of);
        let Some(latest) = latest else { return };
        for (customer, start, end, value) in self.subs {
            let last = match end {
                None => latest,
                Some(e) if e == Month::of(e).last_day() => Month::of(e),
                Some(e) => Month::of(e).prev(),
            };
            let out = mrr.entry(customer).or_default();
            for m in Month::range(Month::of(start), last) {
                *out.entry(m).or_insert(Decimal::ZERO) += value;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn end_date_rule() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        let subs = Subscriptions {
            subs: vec![
                // Ends mid-March: counts Jan and Feb only.
                ("A".into(), d(2024, 1, 10), Some(d(2024, 3, 15)), Decimal::from(100)),
                // A term ending on the last day of March counts through March.
                ("B".into(), d(2024, 1, 1), Some(d(2024, 3, 31)), Decimal::from(10)),
                // Open-ended: runs to the latest month of any date in the table (March).
                ("C".into(), d(2024, 2, 1), None, Decimal::from(1)),
            ],
        };
        let mut mrr = BTreeMap::new();
        subs.finish(&mut mrr);
        let months = |c: &str| mrr[c].keys().map(|m: &Month| m.to_string()).collect::<Vec<_>>();
        assert_eq!(months("A"), ["2024-01", "2024-02"]);
        assert_eq!(months("B"), ["2024-01", "2024-02", "2024-03"]);
        assert_eq!(months("C"), ["2024-02", "2024-03"]);
    }
}
