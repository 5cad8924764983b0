//! `mrr_events`, the "snowball" log: a customer's MRR in month m is the sum of its changes dated in
//! or before m. A month whose changes would take the customer below 0 is skipped, each of its rows an
//! issue. The data runs from the first to the last month that has an event in any of the import's
//! event tables: a customer's MRR at the end of one table carries on to the others' last month
//! (kinds/tails.rs).

use super::super::table::{Bad, Table};
use super::super::ImportReport;
use super::tails::Tail;
use crate::model::Month;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Default)]
pub struct Events {
    /// (raw row index, customer, month, change)
    rows: Vec<(usize, String, Month, Decimal)>,
}

impl Events {
    pub fn row(&mut self, i: usize, t: &Table) -> Result<bool, Bad> {
        let r = t.view(&t.raw.rows[i]);
        let customer = r.req_text("customer_id")?;
        let date = r.req_date("date")?;
        let col = t.map.col("mrr_change").unwrap_or(0);
        let change = r
            .money("mrr_change", Month::of(date))?
            .ok_or((col, "empty required cell".to_string()))?;
        self.rows.push((i, customer, Month::of(date), change));
        Ok(true)
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The months with an event.
    pub fn months(&self) -> impl Iterator<Item = Month> + '_ {
        self.rows.iter().map(|r| r.2)
    }

    /// Adds the resulting monthly MRR to `mrr`, up to the table's last month; returns how many
    /// rows were rejected, that month and each customer's MRR carried on past it (already in the
    /// reporting currency: each change was converted at its own month's rate).
    pub fn finish(
        self,
        t: &Table,
        report: &mut ImportReport,
        mrr: &mut BTreeMap<String, BTreeMap<Month, Decimal>>,
    ) -> (usize, Option<(Month, Vec<Tail>)>) {
        let Some(last) = self.rows.iter().map(|r| r.2).max() else { return (0, None) };
        let mut tails = Vec::new();
        let mut by_customer: BTreeMap<&str, BTreeMap<Month, (Decimal, Vec<usize>)>> =
            BTreeMap::new();
        for (i, c, m, v) in &self.rows {
            let e = by_customer
                .entry(c.as_str())
                .or_default()
                .entry(*m)
                .or_insert((Decimal::ZERO, Vec::new()));
            e.0 += *v;
            e.1.push(*i);
        }
        let col = t.map.col("mrr_change").unwrap_or(0);
        let mut rejected = 0;
        for (customer, months) in by_customer {
            let first = *months.keys().next().expect("a customer has at least one event");
            let mut running = Decimal::ZERO;
            let out = mrr.entry(customer.to_string()).or_default();
            for m in Month::range(first, last) {
                if let Some((change, rows)) = months.get(&m) {
                    if running + change < Decimal::ZERO {
                        for &i in rows {
                            rejected += 1;
                            report.push_issue(t.issue(
                                i,
                                (
                                    col,
                                    format!(
                                        "the changes of {m} would take this customer's MRR below 0"
                                    ),
                                ),
                            ));
                        }
                    } else {
                        running += change;
                    }
                }
                *out.entry(m).or_insert(Decimal::ZERO) += running;
            }
            if !running.is_zero() {
                tails.extend(Tail::after(last, customer, (first, None), running, None));
            }
        }
        (rejected, Some((last, tails)))
    }
}
