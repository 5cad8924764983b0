//! `mrr` tables, long (customer, month, MRR) and wide (one column per month; empty = 0).

use super::super::table::{Bad, Table};
use super::super::{dates, ImportReport};
use crate::model::Month;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The MRR cells of one table, one entry per spreadsheet row (the customer id is stored once per row,
/// not once per month: a wide sheet has 60 cells a row).
#[derive(Default)]
pub struct MrrTable {
    rows: Vec<(String, Vec<(Month, Decimal)>)>,
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
            self.rows.push((customer, row));
        } else {
            let (col, cell) = r
                .cell("month")
                .ok_or((t.map.col("month").unwrap_or(0), "empty required cell".to_string()))?;
            let month = dates::parse_month(cell, r.order(col)).map_err(|e| (col, e))?;
            let col = t.map.col("mrr").unwrap_or(0);
            let v = non_negative(r.req_decimal("mrr")?, col)?;
            self.rows.push((customer, vec![(month, v)]));
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
        use std::collections::btree_map::Entry;
        let mut dups = 0usize;
        let mut example = None;
        for (c, cells) in self.rows {
            let months = match mrr.get_mut(&c) {
                Some(m) => m,
                None => mrr.entry(c.clone()).or_default(),
            };
            for (m, v) in cells {
                match months.entry(m) {
                    Entry::Vacant(e) => {
                        e.insert(v);
                    }
                    Entry::Occupied(mut e) => {
                        *e.get_mut() += v;
                        dups += 1;
                        example.get_or_insert_with(|| format!("{c} {m}"));
                    }
                }
            }
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
