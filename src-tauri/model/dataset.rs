//! The imported dataset: typed tables, whatever subset the user's files contained.

use super::FastMap;
use super::Month;
use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Monthly recurring revenue per customer, dense over `first..=last`.
#[derive(Debug, Clone, Default)]
pub struct Revenue {
    pub ids: Vec<String>,
    pub first: Option<Month>,
    pub last: Option<Month>,
    /// `mrr[i][k]` = MRR of customer `ids[i]` in month `first + k`; never negative.
    pub mrr: Vec<Vec<Decimal>>,
}

impl Revenue {
    /// Builds the dense matrix from sparse (customer, month) -> MRR entries.
    pub fn from_entries(entries: BTreeMap<String, BTreeMap<Month, Decimal>>) -> Revenue {
        let first = entries.values().filter_map(|m| m.keys().next().copied()).min();
        let last = entries.values().filter_map(|m| m.keys().next_back().copied()).max();
        let (Some(first), Some(last)) = (first, last) else {
            return Revenue::default();
        };
        let width = first.until(last) as usize + 1;
        let mut ids = Vec::with_capacity(entries.len());
        let mut mrr = Vec::with_capacity(entries.len());
        for (id, months) in entries {
            let mut row = vec![Decimal::ZERO; width];
            for (m, v) in months {
                row[first.until(m) as usize] = v;
            }
            ids.push(id);
            mrr.push(row);
        }
        Revenue { ids, first: Some(first), last: Some(last), mrr }
    }

    /// MRR of customer row `i` in month `m` (0 outside the data).
    pub fn at(&self, i: usize, m: Month) -> Decimal {
        match self.first {
            Some(first) => {
                let k = first.until(m);
                if k < 0 {
                    return Decimal::ZERO;
                }
                self.mrr[i].get(k as usize).copied().unwrap_or(Decimal::ZERO)
            }
            None => Decimal::ZERO,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.first.is_none()
    }
}

/// One row of the `customers` table.
#[derive(Debug, Clone, Default)]
pub struct Customer {
    pub id: String,
    pub name: Option<String>,
    pub segment: Option<String>,
    pub plan: Option<String>,
    pub csm: Option<String>,
    pub region: Option<String>,
    pub signup_date: Option<NaiveDate>,
    pub seats_purchased: Option<Decimal>,
    pub seats_active: Option<Decimal>,
    pub onboarding_start: Option<NaiveDate>,
    pub first_value_date: Option<NaiveDate>,
    pub onboarding_rating: Option<Decimal>,
    /// Unknown columns, by normalised header: usable as segments and filters.
    pub extra: BTreeMap<String, String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum SurveyType {
    Nps,
    Csat,
    Ces,
    Enps,
}

#[derive(Debug, Clone)]
pub struct SurveyResponse {
    pub customer_id: Option<String>,
    pub date: NaiveDate,
    pub kind: SurveyType,
    /// Whole number, validated against the type's scale at import. A ticket's Good/Bad rating has
    /// score 0: it is on no scale (the score distribution leaves it out).
    pub score: i64,
    pub comment: Option<String>,
    /// The answer's own verdict, whatever `csat_scale` (exports.md §6, §7): a ticket rated Good or
    /// Bad, a CSAT label (`Satisfied` = 4 on 1-5, positive). None: the score against the setting's
    /// threshold decides.
    pub positive: Option<bool>,
    /// The row it was read from (None for rows made in code: tests, generated books).
    pub origin: Option<RowOrigin>,
}

/// A table of the user's files: the file and, in a workbook, the sheet.
#[derive(Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableName {
    pub file: String,
    pub sheet: Option<String>,
}

/// Where a row came from, so that every comment opens on its file, sheet and row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowOrigin {
    /// Shared by every row of the table (a row costs a reference count, not two strings).
    pub table: std::sync::Arc<TableName>,
    /// As the spreadsheet numbers it (title and header rows included).
    pub row: u32,
}

#[derive(Debug, Clone)]
pub struct Ticket {
    pub id: String,
    pub customer_id: Option<String>,
    pub opened: NaiveDateTime,
    pub resolved: Option<NaiveDateTime>,
    /// Contacts needed to resolve, when the file gives a count.
    pub contacts: Option<Decimal>,
    /// First-contact-resolved flag, when the file gives one.
    pub first_contact: Option<bool>,
    /// What the customer wrote, when the export has it (a subject line, a description).
    pub subject: Option<String>,
    pub description: Option<String>,
    pub origin: Option<RowOrigin>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ActivityClass {
    Engagement,
    Advocacy,
    Other,
}

#[derive(Debug, Clone)]
pub struct Activity {
    pub customer_id: Option<String>,
    pub date: NaiveDate,
    pub kind: String,
    pub class: ActivityClass,
    pub csm: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostCategory {
    Acquisition,
    Retention,
    Other,
}

/// Spend of one month (quarters and years are spread evenly over their months at import).
#[derive(Debug, Clone)]
pub struct Cost {
    pub month: Month,
    pub category: CostCategory,
    pub amount: Decimal,
    pub segment: Option<String>,
}

/// One transaction of the `orders` table.
#[derive(Debug, Clone)]
pub struct Order {
    pub order_id: Option<String>,
    pub customer_id: String,
    pub date: NaiveDate,
    pub amount: Decimal,
}

/// One usage event or session. Ids up to 24 bytes are held inline: a usage log runs to millions of
/// rows, and two allocations each would cost more than the rest of its import.
#[derive(Debug, Clone, PartialEq)]
pub struct Usage {
    pub user_id: compact_str::CompactString,
    pub customer_id: Option<compact_str::CompactString>,
    pub at: NaiveDateTime,
    /// Session length in seconds, when the table has a duration column.
    pub seconds: Option<Decimal>,
}

#[derive(Debug, Clone)]
pub struct Trial {
    pub lead_id: String,
    pub start: NaiveDate,
    pub converted: bool,
    pub customer_id: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Renewal {
    pub customer_id: String,
    pub date: NaiveDate,
    pub renewable_arr: Decimal,
    pub renewed_arr: Option<Decimal>,
    pub renewed: bool,
}

#[derive(Debug, Clone)]
pub struct Contract {
    pub customer_id: String,
    pub start: Option<NaiveDate>,
    /// None when the table gives no term and one value alone cannot give it (a CRM deal with only
    /// an annual or only a total contract value): nothing is invented.
    pub term_months: Option<Decimal>,
    /// Recurring value of the whole term (TCV without fees); None when only an annual value is
    /// known and no term.
    pub recurring_value: Option<Decimal>,
    /// Recurring value of one year (ACV); None when only a total is known and no term.
    pub annual_value: Option<Decimal>,
    pub one_time_fees: Decimal,
}

/// One month of an `mrr_summary` table (company totals only).
#[derive(Debug, Clone, Default)]
pub struct SummaryMonth {
    pub month: Month,
    pub starting: Option<Decimal>,
    pub new: Decimal,
    pub expansion: Decimal,
    pub contraction: Decimal,
    pub churn: Decimal,
    pub reactivation: Decimal,
    pub ending: Decimal,
    pub customers: Option<Decimal>,
}

impl Default for Month {
    fn default() -> Self {
        Month::new(2000, 1).expect("valid")
    }
}

/// Everything imported; every table optional.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub revenue: Option<Revenue>,
    pub customers: Vec<Customer>,
    pub surveys: Vec<SurveyResponse>,
    pub has_surveys: bool,
    pub tickets: Vec<Ticket>,
    pub has_tickets: bool,
    pub activities: Vec<Activity>,
    pub has_activities: bool,
    pub costs: Vec<Cost>,
    pub has_costs: bool,
    pub orders: Vec<Order>,
    pub has_orders: bool,
    pub usage: Vec<Usage>,
    pub has_usage: bool,
    pub trials: Vec<Trial>,
    pub has_trials: bool,
    pub renewals: Vec<Renewal>,
    pub has_renewals: bool,
    pub contracts: Vec<Contract>,
    pub has_contracts: bool,
    /// Company totals by month, used only when there is no customer-level revenue.
    pub summary: Vec<SummaryMonth>,
    /// Tables whose every data row was refused, of kinds no other table yielded a row of.
    pub refused: Vec<RefusedTable>,
    /// What the import did to the rows of system exports (rules, rows set aside), per table.
    pub import_rules: Vec<ImportRule>,
    /// The reporting currency (exports.md §9): the setting, else the data's only currency.
    pub currency: Option<String>,
    /// The currencies of each money area (`revenue`, `orders`, `contracts`, `renewals`, `costs`).
    pub currencies: BTreeMap<&'static str, std::collections::BTreeSet<String>>,
    /// Money areas whose amounts cannot be summed, with the reason the money KPIs they feed are
    /// null (`mixed currencies: EUR, USD (add fx_rates)`, `no fx rate for GBP 2024-03`).
    pub money_blocked: BTreeMap<&'static str, String>,
    /// The exchange rates of the files' `fx_rates` tables.
    pub fx_rates: super::FxRates,
    /// The targets of the files' `targets` tables (they win over the user's and the defaults).
    pub targets: Vec<super::Target>,
    /// Results kept for the app's repeated questions (off unless `keep_results`; see kpi/memo.rs).
    pub memo: crate::kpi::memo::Memo,
}

/// A rule the import applied to one table ("Interval = year: amount / 12 (3 rows)", "2 set aside:
/// in trial"), shown in the explain drawer of the KPIs that table feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRule {
    /// The table kind's id (`subscriptions`).
    pub kind: &'static str,
    /// `s.csv`, or `book.xlsx [Subs]`.
    pub table: String,
    pub text: String,
}

/// A table whose every data row was refused at import: the KPIs needing its kind say so rather
/// than call the table missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedTable {
    /// The table kind's id (`mrr`, `surveys`...).
    pub kind: &'static str,
    /// `s.csv`, or `book.xlsx [MRR]`.
    pub name: String,
}

impl Dataset {
    pub fn has_customers(&self) -> bool {
        !self.customers.is_empty()
    }
    pub fn customer_index(&self) -> FastMap<&str, &Customer> {
        self.customers.iter().map(|c| (c.id.as_str(), c)).collect()
    }
}

/// The first and last month with a row of a table (or of every table of a kind). Inside it, a
/// month without rows is a month with none of the counted things (0 tickets, 0 active users);
/// outside it nothing is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Coverage {
    pub first: Month,
    pub last: Month,
}

impl Coverage {
    /// The span of some months; None when there are none.
    pub fn of(months: impl IntoIterator<Item = Month>) -> Option<Coverage> {
        months.into_iter().fold(None, |c, m| match c {
            None => Some(Coverage { first: m, last: m }),
            Some(c) => Some(Coverage { first: c.first.min(m), last: c.last.max(m) }),
        })
    }
    pub fn contains(&self, m: Month) -> bool {
        self.first <= m && m <= self.last
    }
}

/// The event-like tables: rows dated by a day or month, counted over the months of a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventTable {
    Surveys,
    Tickets,
    Activities,
    Costs,
    Orders,
    Usage,
    Trials,
    Renewals,
    Contracts,
}

impl EventTable {
    pub const ALL: [EventTable; 9] = [
        EventTable::Surveys,
        EventTable::Tickets,
        EventTable::Activities,
        EventTable::Costs,
        EventTable::Orders,
        EventTable::Usage,
        EventTable::Trials,
        EventTable::Renewals,
        EventTable::Contracts,
    ];

    /// The table kind's id, as in the import report (`usage`, `surveys`...).
    pub fn id(self) -> &'static str {
        match self {
            EventTable::Surveys => "surveys",
            EventTable::Tickets => "tickets",
            EventTable::Activities => "activities",
            EventTable::Costs => "costs",
            EventTable::Orders => "orders",
            EventTable::Usage => "usage",
            EventTable::Trials => "trials",
            EventTable::Renewals => "renewals",
            EventTable::Contracts => "contracts",
        }
    }
}

impl Dataset {
    /// Whether a table of this kind was imported (even with no usable row).
    pub fn has(&self, t: EventTable) -> bool {
        match t {
            EventTable::Surveys => self.has_surveys,
            EventTable::Tickets => self.has_tickets,
            EventTable::Activities => self.has_activities,
            EventTable::Costs => self.has_costs,
            EventTable::Orders => self.has_orders,
            EventTable::Usage => self.has_usage,
            EventTable::Trials => self.has_trials,
            EventTable::Renewals => self.has_renewals,
            EventTable::Contracts => self.has_contracts,
        }
    }

    /// How many records of this kind the dataset holds.
    pub fn rows_of(&self, t: EventTable) -> usize {
        match t {
            EventTable::Surveys => self.surveys.len(),
            EventTable::Tickets => self.tickets.len(),
            EventTable::Activities => self.activities.len(),
            EventTable::Costs => self.costs.len(),
            EventTable::Orders => self.orders.len(),
            EventTable::Usage => self.usage.len(),
            EventTable::Trials => self.trials.len(),
            EventTable::Renewals => self.renewals.len(),
            EventTable::Contracts => self.contracts.len(),
        }
    }

    /// The month of each record of this kind from record `from` on (a contract without a start
    /// date has none).
    pub fn months_of(&self, t: EventTable, from: usize) -> Box<dyn Iterator<Item = Month> + '_> {
        fn tail<T>(v: &[T], from: usize) -> &[T] {
            v.get(from..).unwrap_or(&[])
        }
        match t {
            EventTable::Surveys => {
                Box::new(tail(&self.surveys, from).iter().map(|s| Month::of(s.date)))
            }
            EventTable::Tickets => {
                Box::new(tail(&self.tickets, from).iter().map(|x| Month::of(x.opened.date())))
            }
            EventTable::Activities => {
                Box::new(tail(&self.activities, from).iter().map(|a| Month::of(a.date)))
            }
            EventTable::Costs => Box::new(tail(&self.costs, from).iter().map(|c| c.month)),
            EventTable::Orders => {
                Box::new(tail(&self.orders, from).iter().map(|o| Month::of(o.date)))
            }
            EventTable::Usage => {
                Box::new(tail(&self.usage, from).iter().map(|u| Month::of(u.at.date())))
            }
            EventTable::Trials => {
                Box::new(tail(&self.trials, from).iter().map(|x| Month::of(x.start)))
            }
            EventTable::Renewals => {
                Box::new(tail(&self.renewals, from).iter().map(|r| Month::of(r.date)))
            }
            EventTable::Contracts => {
                Box::new(tail(&self.contracts, from).iter().filter_map(|c| c.start.map(Month::of)))
            }
        }
    }

    /// The first and last month with a record of this kind (all tables of the kind together).
    pub fn coverage(&self, t: EventTable) -> Option<Coverage> {
        match t {
            // Millions of rows: the first and last times, then their months.
            EventTable::Usage => self
                .usage_span(0)
                .map(|(first, last)| Coverage { first: Month::of(first), last: Month::of(last) }),
            _ => Coverage::of(self.months_of(t, 0)),
        }
    }

    /// The first and last day of the usage rows from `from` on (a log of millions of rows: each half
    /// on its own core).
    pub fn usage_span(&self, from: usize) -> Option<(NaiveDate, NaiveDate)> {
        let span = |part: &[Usage]| {
            let mut it = part.iter().map(|u| u.at.date());
            let first = it.next()?;
            Some(it.fold((first, first), |(a, b), at| (a.min(at), b.max(at))))
        };
        match super::halves::halves(self.usage.get(from..).unwrap_or(&[]), span) {
            (Some((a, b)), Some((c, e))) => Some((a.min(c), b.max(e))),
            (one, other) => one.or(other),
        }
    }

    /// The first and last month of the revenue data: the per-customer revenue, else the
    /// `mrr_summary`.
    pub fn revenue_coverage(&self) -> Option<Coverage> {
        match self.revenue.as_ref().and_then(|r| r.first.zip(r.last)) {
            Some((first, last)) => Some(Coverage { first, last }),
            None => Coverage::of(self.summary.iter().map(|s| s.month)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The span of a log read in two halves: its earliest day in the second half, its latest in the
    /// first; from a row on, only the rows after it count.
    #[test]
    fn the_usage_span_reads_both_halves() {
        let n = super::super::halves::FROM * 2;
        let day = |d: u64| NaiveDate::from_ymd_opt(2024, 1, 1).unwrap() + chrono::Days::new(d);
        let usage = (0..n)
            .map(|i| {
                // Mostly days 100-199; day 400 early in the first half, day 3 late in the second.
                let d = match i {
                    10 => 400,
                    i if i == n - 10 => 3,
                    i => 100 + (i as u64 % 100),
                };
                Usage { user_id: "u".into(), customer_id: None, at: day(d).into(), seconds: None }
            })
            .collect();
        let d = Dataset { usage, ..Default::default() };
        assert_eq!(d.usage_span(0), Some((day(3), day(400))));
        assert_eq!(d.usage_span(11), Some((day(3), day(199))));
        assert_eq!(d.usage_span(n), None);
        let c = d.coverage(EventTable::Usage).unwrap();
        assert_eq!((c.first, c.last), (Month::new(2024, 1).unwrap(), Month::new(2025, 2).unwrap()));
    }
}
