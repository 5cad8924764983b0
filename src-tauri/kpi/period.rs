//! The report period P = months a..b, its presets, and the default (12 months ending at the latest
//! month of the revenue data).

use crate::model::{Dataset, Month};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: Month,
    pub to: Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Preset {
    LastMonth,
    LastQuarter,
    Last12Months,
    YearToDate,
    CalendarYear,
}

impl Period {
    pub fn months(&self) -> impl Iterator<Item = Month> {
        Month::range(self.from, self.to)
    }
    pub fn month_count(&self) -> i32 {
        self.from.until(self.to) + 1
    }
    pub fn contains(&self, m: Month) -> bool {
        self.from <= m && m <= self.to
    }
    pub fn contains_date(&self, d: chrono::NaiveDate) -> bool {
        self.contains(Month::of(d))
    }
    /// The period of the same length just before this one.
    pub fn previous(&self) -> Period {
        let n = self.month_count();
        Period { from: self.from.plus(-n), to: self.to.plus(-n) }
    }

    /// A preset relative to the latest month of the data (`latest`).
    pub fn preset(p: Preset, latest: Month) -> Period {
        match p {
            Preset::LastMonth => Period { from: latest, to: latest },
            Preset::LastQuarter => {
                // The last complete calendar quarter ending at or before `latest`.
                let end_of_q = |m: Month| m.month() % 3 == 0;
                let mut to = latest;
                while !end_of_q(to) {
                    to = to.prev();
                }
                Period { from: to.plus(-2), to }
            }
            Preset::Last12Months => Period { from: latest.plus(-11), to: latest },
            Preset::YearToDate => {
                Period { from: Month::new(latest.year(), 1).unwrap_or(latest), to: latest }
            }
            Preset::CalendarYear => {
                let y = latest.year();
                // The latest complete calendar year, or the current one if the data ends in December.
                let y = if latest.month() == 12 { y } else { y - 1 };
                Period {
                    from: Month::new(y, 1).unwrap_or(latest),
                    to: Month::new(y, 12).unwrap_or(latest),
                }
            }
        }
    }
}

/// The latest month present in the data: revenue first, else any dated table.
pub fn latest_month(d: &Dataset) -> Option<Month> {
    if let Some(last) = d.revenue.as_ref().and_then(|r| r.last) {
        return Some(last);
    }
    if let Some(last) = d.summary.last() {
        return Some(last.month);
    }
    let dates = d
        .surveys
        .iter()
        .map(|s| s.date)
        .chain(d.tickets.iter().map(|t| t.opened.date()))
        .chain(d.activities.iter().map(|a| a.date))
        .chain(d.orders.iter().map(|o| o.date))
        .chain(d.usage.iter().map(|u| u.at.date()))
        .chain(d.trials.iter().map(|t| t.start))
        .chain(d.renewals.iter().map(|r| r.date))
        .chain(d.contracts.iter().filter_map(|c| c.start));
    dates.max().map(Month::of).or_else(|| d.costs.iter().map(|c| c.month).max())
}

/// Resolves the requested bounds: missing `to` = latest month, missing `from` = 12 months to `to`.
pub fn resolve(d: &Dataset, from: Option<Month>, to: Option<Month>) -> Option<Period> {
    let to = match to {
        Some(t) => t,
        None => match from {
            Some(f) => latest_month(d).filter(|l| *l >= f).unwrap_or(f.plus(11)),
            None => latest_month(d)?,
        },
    };
    let from = from.unwrap_or(to.plus(-11));
    Some(Period { from, to })
}

#[cfg(test)]
mod tests {
    use super::*;
    fn m(y: i32, mm: u32) -> Month {
        Month::new(y, mm).unwrap()
    }
    #[test]
    fn presets() {
        let latest = m(2024, 8);
        assert_eq!(
            Period::preset(Preset::LastQuarter, latest),
            Period { from: m(2024, 4), to: m(2024, 6) }
        );
        assert_eq!(
            Period::preset(Preset::YearToDate, latest),
            Period { from: m(2024, 1), to: m(2024, 8) }
        );
        assert_eq!(
            Period::preset(Preset::CalendarYear, latest),
            Period { from: m(2023, 1), to: m(2023, 12) }
        );
        assert_eq!(Period::preset(Preset::Last12Months, latest).month_count(), 12);
        let p = Period { from: m(2024, 1), to: m(2024, 3) };
        assert_eq!(p.previous(), Period { from: m(2023, 10), to: m(2023, 12) });
    }
}
