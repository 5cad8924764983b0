//! Revenue months after a table's own data range, placed once every table of the import is read
//! (exports.md §3, §3b).
//!
//! The end of the data range is a property of the whole import's revenue, not of each file: two
//! Stripe exports whose data ends a month apart must not show the earlier one's open-ended
//! subscriptions churning in the later month, nor an annual invoice of the earlier file stopping
//! there. But a table is read, converted and dropped before the next one arrives (one sheet in
//! memory at a time), so its rows cannot wait for the import's last month.
//!
//! Design: each table places its revenue up to its *own* latest month as before, converting each
//! month at that month's rate through its `Table` (so its conversion rules, currencies and missing
//! rates are in its own report, and its coverage is its own range). For each line that would run
//! on past that month (open-ended, or a later end or service period), it keeps a `Tail`: the
//! customer, the monthly amount in the row's own currency, that currency, and the months still to
//! cover. Once every table is read, the tails are placed up to the latest month over all the tables
//! of the same revenue source (subscriptions tables together, `mrr` tables together: the two never
//! share one, as `mrr` takes precedence over subscriptions), each month converted at its own rate
//! with the same settings as the tables (`currency::convert`); the currencies and missing rates
//! this records join the dataset's like any table's. What a table set aside and the rules it
//! applied stay decided on its own rows and range.

use super::super::currency;
use super::super::table::Notes;
use super::super::ImportSettings;
use super::{MrrMap, Origin};
use crate::model::Month;
use rust_decimal::Decimal;

/// The part of a revenue line after its table's own data range.
pub struct Tail {
    customer: String,
    /// A month's amount, in `currency` (None: the reporting currency, or no currency column).
    amount: Decimal,
    currency: Option<String>,
    /// The first month after the table's range, or the line's first month when later.
    from: Month,
    /// The line's last month; None: open-ended.
    to: Option<Month>,
}

impl Tail {
    /// The months of a line from `first` to `last` (None: open-ended) that lie after `latest`, the
    /// last month its table placed; None when there are none.
    pub fn after(
        latest: Month,
        customer: &str,
        (first, last): (Month, Option<Month>),
        amount: Decimal,
        currency: Option<&str>,
    ) -> Option<Tail> {
        let from = first.max(latest.next());
        if last.is_some_and(|l| l < from) {
            return None;
        }
        Some(Tail {
            customer: customer.to_string(),
            amount,
            currency: currency.map(str::to_string),
            from,
            to: last,
        })
    }
}

/// The tails of one revenue source's tables, per table, and the latest month over those tables.
#[derive(Default)]
pub struct Tails {
    latest: Option<Month>,
    tables: Vec<(Origin, Vec<Tail>)>,
}

impl Tails {
    /// A table that was used: its own latest month joins the data range, its tails wait for it.
    pub fn add(&mut self, latest: Month, origin: Origin, tails: Vec<Tail>) {
        self.latest = self.latest.max(Some(latest));
        if !tails.is_empty() {
            self.tables.push((origin, tails));
        }
    }

    /// Each table's tails up to the latest month of all the tables: per table, its MRR per
    /// customer and month in the reporting currency, summed. Conversions are recorded in `notes`.
    pub fn place(self, settings: &ImportSettings, notes: &mut Notes) -> Vec<(Origin, MrrMap)> {
        let Some(latest) = self.latest else { return Vec::new() };
        let (reporting, fx) = (settings.reporting_currency.as_deref(), settings.fx.as_deref());
        let mut out = Vec::new();
        for (origin, tails) in self.tables {
            let mut map = MrrMap::new();
            for t in tails {
                let last = t.to.map_or(latest, |to| to.min(latest));
                if t.from > last {
                    continue;
                }
                let months = map.entry(t.customer).or_default();
                for m in Month::range(t.from, last) {
                    let v = match &t.currency {
                        Some(cur) => currency::convert(notes, reporting, fx, t.amount, cur, m),
                        None => t.amount,
                    };
                    *months.entry(m).or_insert(Decimal::ZERO) += v;
                }
            }
            if !map.is_empty() {
                out.push((origin, map));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails_run_to_the_latest_month_of_all_tables() {
        let m = |mm| Month::new(2024, mm).unwrap();
        let origin = |f: &str| (f.to_string(), None);
        let mut tails = Tails::default();
        // Table A ends in January: an open-ended line and one ending in March run on past it; a
        // line ending in January has no tail.
        let open = Tail::after(m(1), "a", (m(1), None), Decimal::TEN, None);
        let march = Tail::after(m(1), "b", (m(1), Some(m(3))), Decimal::ONE, None);
        assert!(Tail::after(m(1), "c", (m(1), Some(m(1))), Decimal::ONE, None).is_none());
        tails.add(m(1), origin("a.csv"), open.into_iter().chain(march).collect());
        // Table B ends in February: the import's data ends there.
        tails.add(m(2), origin("b.csv"), Vec::new());
        let placed = tails.place(&ImportSettings::default(), &mut Notes::default());
        assert_eq!(placed.len(), 1);
        let map = &placed[0].1;
        assert_eq!(map["a"].iter().collect::<Vec<_>>(), [(&m(2), &Decimal::TEN)]);
        assert_eq!(map["b"].iter().collect::<Vec<_>>(), [(&m(2), &Decimal::ONE)]);
    }
}
