//! One module per table kind: turns the rows of a recognised table into dataset records.

mod activities;
mod costs;
mod customers;
mod revenue;
mod surveys;
mod tickets;

use super::headers::TableKind;
use super::table::{Bad, Table};
use super::{ImportReport, ImportSettings};
use crate::model::{Dataset, Month, Revenue};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Accumulates the tables of one import into a dataset.
#[derive(Default)]
pub struct Builder {
    mrr: BTreeMap<String, BTreeMap<Month, Decimal>>,
    has_mrr: bool,
    /// Where each (customer, month) MRR came from, to report duplicates once per table.
    data: Dataset,
}

impl Builder {
    /// Parses one table; returns (rows read, rows used).
    pub fn add(
        &mut self,
        table: &Table,
        settings: &ImportSettings,
        report: &mut ImportReport,
    ) -> (usize, usize) {
        let mut read = 0;
        let mut used = 0;
        let mut rows =
            |parse: &mut dyn FnMut(usize, &Table, &mut ImportReport) -> Result<bool, Bad>,
             report: &mut ImportReport| {
                for (i, _) in table.rows() {
                    read += 1;
                    match parse(i, table, report) {
                        Ok(true) => used += 1,
                        Ok(false) => {}
                        Err(bad) => report.push_issue(table.issue(i, bad)),
                    }
                }
            };
        match table.map.kind {
            TableKind::Mrr => {
                self.has_mrr = true;
                let mut acc = revenue::MrrTable::default();
                rows(&mut |i, t, _| acc.row(i, t), report);
                acc.merge_into(&mut self.mrr, table, report);
            }
            TableKind::Customers => {
                rows(&mut |i, t, _| customers::row(i, t, &mut self.data.customers), report);
            }
            TableKind::Surveys => {
                self.data.has_surveys = true;
                let scale = settings.csat_scale.unwrap_or(5);
                rows(&mut |i, t, r| surveys::row(i, t, scale, &mut self.data.surveys, r), report);
            }
            TableKind::Tickets => {
                self.data.has_tickets = true;
                rows(&mut |i, t, _| tickets::row(i, t, &mut self.data.tickets), report);
            }
            TableKind::Activities => {
                self.data.has_activities = true;
                let mut unknown = BTreeMap::new();
                rows(
                    &mut |i, t, _| activities::row(i, t, &mut self.data.activities, &mut unknown),
                    report,
                );
                activities::warn_unknown(table, unknown, report);
            }
            TableKind::Costs => {
                self.data.has_costs = true;
                rows(&mut |i, t, _| costs::row(i, t, &mut self.data.costs), report);
            }
            other => {
                // Recognised, but this kind's import is not built yet: say so rather than guess.
                read = table.rows().count();
                report.warn(
                    &table.raw.file,
                    &table.raw.sheet,
                    format!(
                        "recognised as a {} table, which this version does not import yet",
                        other.id()
                    ),
                );
            }
        }
        (read, used)
    }

    pub fn finish(mut self, _report: &mut ImportReport) -> Dataset {
        if self.has_mrr {
            self.data.revenue = Some(Revenue::from_entries(std::mem::take(&mut self.mrr)));
        }
        // Later rows for the same customer id win over earlier ones.
        let mut seen = std::collections::HashMap::new();
        let mut customers = Vec::with_capacity(self.data.customers.len());
        for c in std::mem::take(&mut self.data.customers) {
            match seen.get(&c.id) {
                Some(&k) => customers[k] = c,
                None => {
                    seen.insert(c.id.clone(), customers.len());
                    customers.push(c);
                }
            }
        }
        self.data.customers = customers;
        self.data
    }
}
