//! `mrr` tables, long (customer, month, MRR) and wide (one column per month; empty = 0).

use super::super::table::{Bad, Table};
use crate::model::Month;
use rust_decimal::Decimal;

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
                let v = r.money_at(*col, *month)?.unwrap_or(Decimal::ZERO);
                row.push((*month, non_negative(v, *col)?));
            }
            self.rows.push((customer, row));
        } else {
            let month = r.month("month")?;
            let col = t.map.col("mrr").unwrap_or(0);
            let v = r.money("mrr", month)?.ok_or((col, "empty required cell".to_string()))?;
            let v = non_negative(v, col)?;
            self.rows.push((customer, vec![(month, v)]));
        }
        Ok(true)
    }

    /// A customer's MRR cells worked out elsewhere (invoice service periods: invoices.rs).
    pub fn push(&mut self, customer: String, row: Vec<(Month, Decimal)>) {
        self.rows.push((customer, row));
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The months this table's rows name.
    pub fn months(&self) -> impl Iterator<Item = Month> + '_ {
        self.rows.iter().flat_map(|(_, r)| r.iter().map(|c| c.0))
    }

    /// Adds this table's rows to the collected MRR cells.
    pub fn merge_into(self, cells: &mut MrrCells) {
        for (c, row) in self.rows {
            let k = cells.customer(c);
            cells.cells[k].extend(row);
        }
    }
}

/// The MRR cells of every `mrr` table, per customer in arrival order, turned into the dense
/// revenue matrix at the end (no per-cell map: millions of cells for a large wide sheet).
#[derive(Default)]
pub struct MrrCells {
    index: crate::model::FastMap<String, usize>,
    ids: Vec<String>,
    cells: Vec<Vec<(Month, Decimal)>>,
}

impl MrrCells {
    fn customer(&mut self, id: String) -> usize {
        if let Some(&k) = self.index.get(&id) {
            return k;
        }
        let k = self.ids.len();
        self.index.insert(id.clone(), k);
        self.ids.push(id);
        self.cells.push(Vec::new());
        k
    }

    /// The revenue matrix (customers sorted by id), the number of duplicate (customer, month) cells
    /// that were summed, and the first of them.
    pub fn into_revenue(self) -> (crate::model::Revenue, usize, Option<String>) {
        let months = self.cells.iter().flatten().map(|c| c.0);
        let (Some(first), Some(last)) = (months.clone().min(), months.max()) else {
            return (crate::model::Revenue::default(), 0, None);
        };
        let width = first.until(last) as usize + 1;
        let mut order: Vec<usize> = (0..self.ids.len()).collect();
        order.sort_by(|a, b| self.ids[*a].cmp(&self.ids[*b]));
        let (mut dups, mut example) = (0, None);
        let mut seen = vec![false; width];
        let mut ids = Vec::with_capacity(order.len());
        let mut mrr = Vec::with_capacity(order.len());
        let mut cells = self.cells;
        let mut names: Vec<Option<String>> = self.ids.into_iter().map(Some).collect();
        for k in order {
            let id = names[k].take().unwrap_or_default();
            let mut row = vec![Decimal::ZERO; width];
            seen.iter_mut().for_each(|s| *s = false);
            for (m, v) in std::mem::take(&mut cells[k]) {
                let j = first.until(m) as usize;
                if seen[j] {
                    dups += 1;
                    example.get_or_insert_with(|| format!("{id} {m}"));
                }
                seen[j] = true;
                row[j] += v;
            }
            ids.push(id);
            mrr.push(row);
        }
        (crate::model::Revenue { ids, first: Some(first), last: Some(last), mrr }, dups, example)
    }
}
