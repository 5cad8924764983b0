//! One module per table kind: turns the rows of a recognised table into dataset records.
//! Revenue can come from `mrr`, `mrr_events` or `subscriptions`; the first of these present wins
//! (with a warning naming what it overrode), and an `mrr_summary` is then only cross-checked.

mod activities;
mod contracts;
mod costs;
mod customers;
mod deals;
mod events;
mod fx_rates;
mod invoices;
mod orders;
mod renewals;
mod revenue;
mod split;
mod subscriptions;
mod summary;
mod surveys;
mod tails;
mod targets;
mod tickets;
mod trials;
mod usage;

pub use usage::factor as usage_factor;

use super::headers::TableKind;
use super::progress::ROWS_PER_TICK;
use super::table::{Bad, Table};
use super::{ImportReport, ImportSettings};
use crate::model::{Coverage, Dataset, EventTable, Month, Revenue, SummaryMonth};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

type MrrMap = BTreeMap<String, BTreeMap<Month, Decimal>>;

/// A month with no rows at all inside a long or event-log revenue table's range would read as every
/// customer churning and coming back: the table is refused instead, with this message naming the first
/// such month and its neighbours (workbook.md, Real-world files). None when no month is missing.
fn missing_month(
    t: &Table,
    months: impl Iterator<Item = Month>,
    some_refused: bool,
) -> Option<(String, String)> {
    let present: std::collections::BTreeSet<Month> = months.collect();
    let (first, last) = (*present.first()?, *present.last()?);
    let missing: Vec<Month> = Month::range(first, last).filter(|m| !present.contains(m)).collect();
    let m = *missing.first()?;
    let before = present.range(..m).next_back().copied().unwrap_or(first);
    let after = present.range(m..).next().copied().unwrap_or(last);
    let name = match &t.raw.sheet {
        Some(sheet) => format!("{} (sheet {sheet})", t.raw.file),
        None => t.raw.file.clone(),
    };
    let others = match missing.len() - 1 {
        0 => String::new(),
        1 => " (and 1 other month)".into(),
        n => format!(" (and {n} other months)"),
    };
    // Rows of that month that could not be read are already listed as problems: say so.
    let readable = if some_refused { " that could be read" } else { "" };
    let fix = if t.map.kind == TableKind::MrrEvents {
        "add the month's events (a change of 0 if no customer's MRR changed that month) or cut the file"
    } else {
        "add the month or cut the file"
    };
    Some((
        format!(
            "{name} has no rows{readable} for {m}{others}, between {before} and {after}: {fix}; this table was not used, so that no churn is invented"
        ),
        format!("no rows at all for {m}{others}, inside the table's months"),
    ))
}

/// Where a table came from, for warnings about it.
type Origin = (String, Option<String>);

/// Accumulates the tables of one import into a dataset.
#[derive(Default)]
pub struct Builder {
    mrr: Option<(revenue::MrrCells, Origin)>,
    events: Option<(MrrMap, Origin)>,
    subscriptions: Option<(MrrMap, Origin)>,
    summary: Option<(Vec<SummaryMonth>, Origin)>,
    /// Months after each table's own data range, placed at the end up to the latest month over
    /// the tables of the same source: `mrr` tables (invoices' service periods), event logs,
    /// subscriptions.
    mrr_tails: tails::Tails,
    events_tails: tails::Tails,
    subscription_tails: tails::Tails,
    /// Per money area, the amounts no rate converted (`no fx rate for GBP 2024-03`).
    unconvertible: BTreeMap<&'static str, std::collections::BTreeSet<String>>,
    /// The tables of each money area, for the warnings that name them.
    money_tables: BTreeMap<&'static str, Vec<Origin>>,
    data: Dataset,
}

fn origin(t: &Table) -> Origin {
    (t.raw.file.clone(), t.raw.sheet.clone())
}

impl Builder {
    /// Parses one table; returns (rows read, rows used, the first and last month of its rows), or
    /// None when `tick` (called every `ROWS_PER_TICK` rows and at the end, with the rows done) asks
    /// to stop.
    pub fn add(
        &mut self,
        table: &Table,
        settings: &ImportSettings,
        report: &mut ImportReport,
        tick: &dyn Fn(usize) -> bool,
    ) -> Option<(usize, usize, Option<Coverage>)> {
        // The records this table adds are those past the current end of its kind's list.
        let events = event_table(table.map.kind);
        let before = events.map(|t| self.data.rows_of(t)).unwrap_or(0);
        let mut coverage = None;
        let mut read = 0;
        let mut used = 0;
        let mut stopped = false;
        let mut rows =
            |parse: &mut dyn FnMut(usize, &Table, &mut ImportReport) -> Result<bool, Bad>,
             report: &mut ImportReport| {
                for (i, _) in table.rows() {
                    read += 1;
                    if read % ROWS_PER_TICK == 0 && !tick(read) {
                        stopped = true;
                        return;
                    }
                    // A formula without a saved value in any column the table uses: the row is
                    // an issue naming the cell, whether or not the column is required.
                    if let Some(bad) = table.unsaved_formula(i) {
                        report.push_issue(table.issue(i, bad));
                        continue;
                    }
                    match parse(i, table, report) {
                        Ok(true) => used += 1,
                        Ok(false) => {}
                        Err(bad) => report.push_issue(table.issue(i, bad)),
                    }
                }
            };
        let d = &mut self.data;
        match table.map.kind {
            TableKind::Mrr => {
                // With the table's latest month, and for invoices the months of lines running
                // on past it (tails.rs).
                let (acc, own) = if invoices::applies(table) {
                    // Invoices with service periods: amounts spread over their months (§3b).
                    let mut lines = invoices::Invoices::default();
                    rows(&mut |i, t, _| lines.row(i, t), report);
                    lines.finish(table, report)
                } else {
                    let mut acc = revenue::MrrTable::default();
                    rows(&mut |i, t, _| acc.row(i, t), report);
                    let own = acc.months().max().map(|m| (m, Vec::new()));
                    (acc, own)
                };
                let gap = if table.map.is_wide() {
                    None
                } else {
                    missing_month(table, acc.months(), read > used)
                };
                coverage = Coverage::of(acc.months());
                if let Some((message, reason)) = gap {
                    report.warn(&table.raw.file, &table.raw.sheet, message);
                    report.tally.count_table(&table.raw.file, &table.raw.sheet, used, &reason);
                    used = 0;
                } else {
                    if let Some((latest, tails)) = own {
                        self.mrr_tails.add(latest, origin(table), tails);
                    }
                    // A table none of whose rows could be read does not take precedence over
                    // others.
                    if !acc.is_empty() {
                        let (cells, _) = self
                            .mrr
                            .get_or_insert_with(|| (revenue::MrrCells::default(), origin(table)));
                        acc.merge_into(cells);
                    }
                }
            }
            TableKind::MrrEvents => {
                let mut acc = events::Events::default();
                rows(&mut |i, t, _| acc.row(i, t), report);
                coverage = Coverage::of(acc.months());
                if let Some((message, reason)) = missing_month(table, acc.months(), read > used) {
                    report.warn(&table.raw.file, &table.raw.sheet, message);
                    report.tally.count_table(&table.raw.file, &table.raw.sheet, used, &reason);
                    used = 0;
                } else if !acc.is_empty() {
                    let (map, _) =
                        self.events.get_or_insert_with(|| (MrrMap::new(), origin(table)));
                    let (rejected, own) = acc.finish(table, report, map);
                    used -= rejected;
                    if let Some((latest, tails)) = own {
                        self.events_tails.add(latest, origin(table), tails);
                    }
                }
            }
            TableKind::Subscriptions => {
                let mut acc = subscriptions::Subscriptions::default();
                rows(&mut |i, t, _| acc.row(i, t), report);
                let mut own = MrrMap::new();
                if let Some((latest, tails)) = acc.finish(table, report, &mut own) {
                    self.subscription_tails.add(latest, origin(table), tails);
                }
                coverage = Coverage::of(own.values().flat_map(|m| m.keys().copied()));
                let (map, _) =
                    self.subscriptions.get_or_insert_with(|| (MrrMap::new(), origin(table)));
                for (customer, months) in own {
                    let out = map.entry(customer).or_default();
                    for (m, v) in months {
                        *out.entry(m).or_insert(Decimal::ZERO) += v;
                    }
                }
            }
            TableKind::MrrSummary => {
                let (list, _) = self.summary.get_or_insert_with(|| (Vec::new(), origin(table)));
                let start = list.len();
                rows(&mut |i, t, _| summary::row(i, t, list), report);
                coverage = Coverage::of(list[start..].iter().map(|r| r.month));
            }
            TableKind::Customers => {
                rows(&mut |i, t, _| customers::row(i, t, &mut d.customers), report)
            }
            TableKind::Surveys => {
                d.has_surveys = true;
                let scale = settings.csat_scale.unwrap_or(5);
                let implied = surveys::implied_type(table);
                if table.map.col("score").is_some()
                    && table.map.col("type").is_none()
                    && implied.is_none()
                {
                    // Which survey the scores belong to is unknown: one warning, not one issue a row.
                    let col =
                        table.map.col("score").map(|c| table.map.title(c)).unwrap_or_default();
                    report.warn(
                        &table.raw.file,
                        &table.raw.sheet,
                        format!("the scores in \"{col}\" were not read: there is no type column saying NPS, CSAT, CES or eNPS, and neither the column nor the file or sheet name says which; add a Type column or name the file after the survey (e.g. NPS responses.csv)"),
                    );
                    let n = table.rows().count();
                    report.tally.count_table(
                        &table.raw.file,
                        &table.raw.sheet,
                        n,
                        "no survey type (no Type column, and neither the header nor the name says)",
                    );
                    return Some((n, 0, None));
                }
                surveys::warn_second_columns(table, report);
                rows(&mut |i, t, r| surveys::row(i, t, scale, implied, &mut d.surveys, r), report);
            }
            TableKind::Tickets => {
                d.has_tickets = true;
                let mut acc = tickets::Tickets::default();
                rows(&mut |i, t, _| acc.row(i, t, &mut d.tickets, &mut d.surveys), report);
                let responses = acc.finish(table, report);
                // Its ratings are CSAT responses, beside any surveys table's (exports.md §6).
                d.has_surveys |= responses.is_some_and(|n| n > 0);
                table.notes().csat_responses = responses;
            }
            TableKind::Activities => {
                d.has_activities = true;
                let mut unknown = BTreeMap::new();
                rows(&mut |i, t, _| activities::row(i, t, &mut d.activities, &mut unknown), report);
                activities::warn_unknown(table, unknown, report);
            }
            TableKind::Costs => {
                d.has_costs = true;
                rows(&mut |i, t, _| costs::row(i, t, &mut d.costs), report);
            }
            TableKind::Orders => {
                d.has_orders = true;
                let how = orders::Amounts::of(table);
                rows(&mut |i, t, _| orders::row(i, t, &how, &mut d.orders), report);
            }
            TableKind::Usage => {
                d.has_usage = true;
                let factor = usage::factor(table);
                // Room for every row at once: a growing list of millions would be copied each time.
                d.usage.reserve(table.raw.rows.len());
                if table.raw.rows.len() < split::FROM_ROWS {
                    rows(&mut |i, t, _| usage::row(i, t, factor, &mut d.usage), report);
                } else {
                    let parse = |i, t: &Table| usage::record(i, t, factor).map(Some);
                    match split::rows(table, report, tick, &parse, &mut d.usage) {
                        Some((r, u)) => (read, used) = (r, u),
                        None => stopped = true,
                    }
                }
            }
            TableKind::Trials => {
                d.has_trials = true;
                rows(&mut |i, t, _| trials::row(i, t, &mut d.trials), report);
            }
            TableKind::Renewals => {
                // Deals of which none is a renewal are no renewals table (exports.md §5): its rows
                // are set aside with the reason, so that read = used + skipped still holds with
                // every skipped row listed (workbook.md).
                if let Some(message) = deals::not_renewals(table) {
                    report.warn(&table.raw.file, &table.raw.sheet, message);
                    let n = deals::set_aside_all(table);
                    return Some((n, n, None));
                }
                d.has_renewals = true;
                rows(&mut |i, t, _| renewals::row(i, t, &mut d.renewals), report);
            }
            TableKind::Contracts => {
                d.has_contracts = true;
                rows(&mut |i, t, _| contracts::row(i, t, &mut d.contracts), report);
            }
            TableKind::FxRates => {
                rows(&mut |i, t, r| fx_rates::row(i, t, &mut d.fx_rates, r), report);
            }
            TableKind::Targets => {
                rows(&mut |i, t, r| targets::row(i, t, &mut d.targets, r), report);
            }
        }
        if stopped || !tick(read) {
            return None;
        }
        if let Some(t) = events {
            coverage = Coverage::of(self.data.months_of(t, before));
        }
        Some((read, used, coverage.filter(|_| used > 0)))
    }

    /// A usage table whose records were read straight from its text (plain_usage.rs): every data row
    /// read gave one; the same ticks and result as `add`.
    pub fn add_usage(
        &mut self,
        records: Vec<crate::model::Usage>,
        tick: &dyn Fn(usize) -> bool,
    ) -> Option<(usize, usize, Option<Coverage>)> {
        let n = records.len();
        if (ROWS_PER_TICK..=n).step_by(ROWS_PER_TICK).any(|r| !tick(r)) || !tick(n) {
            return None;
        }
        let before = self.data.usage.len();
        self.data.has_usage = true;
        if before == 0 {
            // Moved, not copied: millions of records.
            self.data.usage = records;
        } else {
            self.data.usage.extend(records);
        }
        let coverage = self
            .data
            .usage_span(before)
            .map(|(first, last)| Coverage { first: Month::of(first), last: Month::of(last) });
        Some((n, n, coverage.filter(|_| n > 0)))
    }

    /// Records a rule the import applied to a table of `kind`, for the explain drawer.
    pub fn note_rule(&mut self, kind: TableKind, table: &str, text: String) {
        self.data.import_rules.push(crate::model::ImportRule {
            kind: kind.id(),
            table: table.to_string(),
            text,
        });
    }

    /// Records the currencies of a table's money cells and the amounts it could not convert.
    /// `implied` is the currency of a table without a currency column (the reporting one).
    pub fn note_currencies(
        &mut self,
        kind: TableKind,
        notes: &super::table::Notes,
        origin: Option<(&str, &Option<String>)>,
        implied: Option<&str>,
    ) {
        let Some(area) = super::currency::area_of(kind) else { return };
        let set = self.data.currencies.entry(area).or_default();
        set.extend(notes.currencies.iter().cloned());
        set.extend(implied.map(str::to_string));
        if set.is_empty() {
            self.data.currencies.remove(area);
        }
        if let Some((file, sheet)) = origin {
            self.money_tables.entry(area).or_default().push((file.to_string(), sheet.clone()));
        }
        if !notes.unconvertible.is_empty() {
            self.unconvertible.entry(area).or_default().extend(notes.unconvertible.iter().cloned());
        }
    }

    /// The reporting currency and the money areas that cannot be summed (exports.md §9): without a
    /// reporting currency, several currencies block every area that has one; with one, an area
    /// with amounts no rate converted is blocked with the missing rates.
    fn settle_currencies(
        &mut self,
        reporting: Option<&str>,
        has_rates: bool,
        report: &mut ImportReport,
    ) {
        let all: std::collections::BTreeSet<&String> =
            self.data.currencies.values().flatten().collect();
        self.data.currency = match reporting {
            Some(r) => Some(r.to_string()),
            None if all.len() == 1 => all.first().map(|c| (*c).clone()),
            None => None,
        };
        let mut blocked = BTreeMap::new();
        for (area, set) in &self.data.currencies {
            let list: Vec<&str> = set.iter().map(|s| s.as_str()).collect();
            let reason = match reporting {
                None if all.len() > 1 => Some(format!(
                    "mixed currencies: {} (set the reporting currency in Settings and add fx_rates)",
                    all.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
                )),
                Some(_) => self.unconvertible.get(area).map(|missing| {
                    let missing: Vec<&str> = missing.iter().map(|s| s.as_str()).collect();
                    let reporting = reporting.unwrap_or_default();
                    if !has_rates && list.contains(&reporting) {
                        format!("mixed currencies: {} (add fx_rates)", list.join(", "))
                    } else if !has_rates {
                        format!(
                            "amounts in {}, not the reporting currency {reporting} (add fx_rates)",
                            list.join(", ")
                        )
                    } else {
                        let more = if missing.len() > 3 {
                            format!(" and {} more", missing.len() - 3)
                        } else {
                            String::new()
                        };
                        format!("{}{more}", missing[..missing.len().min(3)].join(", "))
                    }
                }),
                None => None,
            };
            if let Some(reason) = reason {
                blocked.insert(*area, reason);
            }
        }
        // One warning per table of a blocked area (exports.md §9).
        for (area, reason) in &blocked {
            for (file, sheet) in self.money_tables.get(area).into_iter().flatten() {
                report.warn(
                    file,
                    sheet,
                    format!("{area} amounts are not added up, so the money KPIs they feed are empty: {reason}"),
                );
            }
        }
        self.data.money_blocked = blocked;
    }

    /// Places every table's months after its own data range (tails.rs), before the currencies
    /// are settled: their conversions count like the tables' own. Only for the revenue source
    /// that is used (mrr, else events, else subscriptions: `finish`).
    fn place_tails(&mut self, report: &mut ImportReport, settings: &ImportSettings) {
        let mut notes = super::table::Notes::default();
        for ((file, sheet), sums) in std::mem::take(&mut self.mrr_tails).place(settings, &mut notes)
        {
            let acc = invoices::not_below_zero(sums, &file, &sheet, report);
            let (cells, _) =
                self.mrr.get_or_insert_with(|| (revenue::MrrCells::default(), (file, sheet)));
            acc.merge_into(cells);
        }
        // The months placed later belong to tables already named for warnings.
        self.note_currencies(TableKind::Mrr, &notes, None, None);
        // An events or subscriptions table with tails is already in its map.
        let (kind, tails, revenue) = if self.mrr.is_some() {
            return;
        } else if self.events.is_some() {
            (TableKind::MrrEvents, std::mem::take(&mut self.events_tails), &mut self.events)
        } else {
            let tails = std::mem::take(&mut self.subscription_tails);
            (TableKind::Subscriptions, tails, &mut self.subscriptions)
        };
        let mut notes = super::table::Notes::default();
        for (_, sums) in tails.place(settings, &mut notes) {
            let Some((map, _)) = revenue.as_mut() else { break };
            for (customer, months) in sums {
                let out = map.entry(customer).or_default();
                for (m, v) in months {
                    *out.entry(m).or_insert(Decimal::ZERO) += v;
                }
            }
        }
        self.note_currencies(kind, &notes, None, None);
    }

    pub fn finish(mut self, report: &mut ImportReport, settings: &ImportSettings) -> Dataset {
        self.place_tails(report, settings);
        let has_rates =
            !self.data.fx_rates.is_empty() || settings.fx.as_ref().is_some_and(|f| !f.is_empty());
        self.settle_currencies(settings.reporting_currency.as_deref(), has_rates, report);
        // Customer-level revenue: mrr, else events, else subscriptions.
        let mut chosen: Option<&str> = None;
        if let Some((cells, (file, sheet))) = self.mrr.take() {
            let (rev, dups, example) = cells.into_revenue();
            if dups > 0 {
                report.warn(
                    &file,
                    &sheet,
                    format!(
                        "{dups} duplicate customer/month rows were summed (first: {})",
                        example.unwrap_or_default()
                    ),
                );
            }
            self.data.revenue = Some(rev);
            chosen = Some("mrr");
        }
        let sources =
            [("mrr_events", self.events.take()), ("subscriptions", self.subscriptions.take())];
        for (kind, source) in sources {
            let Some((map, (file, sheet))) = source else { continue };
            match chosen {
                None => {
                    chosen = Some(kind);
                    self.data.revenue = Some(Revenue::from_entries(map));
                }
                Some(winner) => report.warn(
                    &file,
                    &sheet,
                    format!("this {kind} table is not used for revenue: the {winner} table takes precedence"),
                ),
            }
        }
        if let Some((mut rows, (file, sheet))) = self.summary.take() {
            rows.sort_by_key(|r| r.month);
            match &self.data.revenue {
                Some(rev) => cross_check(rev, &rows, &file, &sheet, report),
                None => self.data.summary = rows,
            }
        }
        // Later rows for the same customer id win over earlier ones.
        let mut seen = crate::model::FastMap::default();
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

/// The event-like table a kind's rows go to.
fn event_table(kind: TableKind) -> Option<EventTable> {
    Some(match kind {
        TableKind::Surveys => EventTable::Surveys,
        TableKind::Tickets => EventTable::Tickets,
        TableKind::Activities => EventTable::Activities,
        TableKind::Costs => EventTable::Costs,
        TableKind::Orders => EventTable::Orders,
        TableKind::Usage => EventTable::Usage,
        TableKind::Trials => EventTable::Trials,
        TableKind::Renewals => EventTable::Renewals,
        TableKind::Contracts => EventTable::Contracts,
        TableKind::Mrr
        | TableKind::MrrEvents
        | TableKind::Subscriptions
        | TableKind::MrrSummary
        | TableKind::Customers
        | TableKind::FxRates
        | TableKind::Targets => return None,
    })
}

/// Customer-level revenue wins; each month where the summary's ending MRR differs is a warning.
fn cross_check(
    rev: &Revenue,
    rows: &[SummaryMonth],
    file: &str,
    sheet: &Option<String>,
    report: &mut ImportReport,
) {
    for r in rows {
        let total: Decimal = (0..rev.ids.len()).map(|i| rev.at(i, r.month)).sum();
        if total != r.ending {
            report.warn(
                file,
                sheet,
                format!(
                    "{}: the summary says ending MRR {} but the customer rows add up to {total}",
                    r.month, r.ending
                ),
            );
        }
    }
}
