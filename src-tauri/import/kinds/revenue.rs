//! `mrr` tables, long (customer, month, MRR) and wide (one column per month; empty = 0).

use super::super::table::{Bad, Table};
use super::super::{dates, ImportReport};
use crate::model::Month;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

#[derive(Default)]
pub struct MrrTable {
    entries: Vec<(String, Month, Decimal)>,
}

fn non_negative(v: Decimal, col: usize) -> Result<Decimal, Bad> {
    if v.is_sign_negative() && !v.is_zero() {
        Err((col, "negative MRR".into()))
    } else {
        Ok(v)
    }
}

impl MrrTable {
    pub fn row(&mut self, i: usize, t: &Table) -> Result<bool, Bad> {
        let cells = &t.raw.rows[i];
        let r = t.view(cells);
        let customer = r.req_text("customer_id")?;
        if t.map.is_wide() {
            // A bad cell skips the whole customer row: a silent 0 would invent a churn.
            let mut row = Vec::with_capacity(t.map.months.len());
            for (col, month) in &t.map.months {
                let v = r.decimal_at(*col)?.unwrap_or(Decimal::ZERO);
                row.push((*month, non_negative(v, *col)?));
            }
            self.entries.extend(row.into_iter().map(|(m, v)| (customer.clone(), m, v)));
        } else {
            let (col, cell) = r
                .cell("month")
                .ok_or((t.map.col("month").unwrap_or(0), "empty required cell".to_string()))?;
            let month = dates::parse_month(cell, r.order(col)).map_err(|e| (col, e))?;
            let col = t.map.col("mrr").unwrap_or(0);
            let v = non_negative(r.req_decimal("mrr")?, col)?;
            self.entries.push((customer, month, v));
        }
        Ok(true)
    }

    /// Adds this table's MRR; duplicate (customer, month) rows are summed with a warning.
    pub fn merge_into(
        self,
        mrr: &mut BTreeMap<String, BTreeMap<Month, Decimal>>,
        t: &Table,
        report: &mut ImportReport,
    ) {
        let mut dups = 0usize;
        let mut example = None;
        let mut seen = std::collections::HashSet::new();
        for (c, m, v) in self.entries {
            if !seen.insert((c.clone(), m)) {
                dups += 1;
                example.get_or_insert_with(|| format!("{c} {m}"));
            }
            *mrr.entry(c).or_default().entry(m).or_insert(Decimal::ZERO) += v;
        }
        if dups > 0 {
            report.warn(
                &t.raw.file,
                &t.raw.sheet,
                format!(
                    "{dups} duplicate customer/month rows were summed (first: {})",
                    example.unwrap_or_default()
                ),
            );
        }
    }
}
