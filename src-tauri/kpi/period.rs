//! The report period P = months a..b, its presets, and the default (12 months ending at the latest
//! month of the revenue data).

use crate::model::{Dataset, Month};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "MonthSpan"))]
pub struct Period {
    pub from: Month,
    pub to: Month,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

    /// A preset relative to the latest month of the data (`latest`), with the fiscal year starting
    /// in month `fy_start` (1 = January): "last quarter" is the last complete fiscal quarter and
    /// "year to date" starts with the fiscal year; "calendar year" stays the calendar's.
    pub fn preset(p: Preset, latest: Month, fy_start: u32) -> Period {
        match p {
            Preset::LastMonth => Period { from: latest, to: latest },
            Preset::LastQuarter => {
                // The last complete fiscal quarter ending at or before `latest`.
                let mut to = latest;
                while fiscal_quarter(to.next(), fy_start).1 == fiscal_quarter(to, fy_start).1 {
                    to = to.prev();
                }
                Period { from: to.plus(-2), to }
            }
            Preset::Last12Months => Period { from: latest.plus(-11), to: latest },
            Preset::YearToDate => {
                // Back to the fiscal year's first month.
                let into = (latest.month() + 12 - fy_start.clamp(1, 12)) % 12;
                Period { from: latest.plus(-(into as i32)), to: latest }
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

/// The fiscal year and quarter (1..=4) of month `m` when the fiscal year starts in month `fy_start`
/// (1-12; 1 = the calendar year). A fiscal year is named by the calendar year it ends in: with
/// April, 2024-04 .. 2025-03 is FY2025 and 2024-04 .. 2024-06 its Q1.
pub fn fiscal_quarter(m: Month, fy_start: u32) -> (i32, u32) {
    let start = fy_start.clamp(1, 12);
    let into = (m.month() + 12 - start) % 12;
    let year = if start > 1 && m.month() >= start { m.year() + 1 } else { m.year() };
    (year, into / 3 + 1)
}

/// A quarter's name: `2024-Q1` for calendar quarters, `FY2025-Q1` for a fiscal year starting in
/// another month than January.
pub fn quarter_name(m: Month, fy_start: u32) -> String {
    let (year, q) = fiscal_quarter(m, fy_start);
    if fy_start.clamp(1, 12) == 1 {
        format!("{year}-Q{q}")
    } else {
        format!("FY{year}-Q{q}")
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
    // The usage log can hold millions of rows: its halves on the two cores.
    let usage = d.usage_span(0).map(|(_, last)| last);
    let dates = d
        .surveys
        .iter()
        .map(|s| s.date)
        .chain(d.tickets.iter().map(|t| t.opened.date()))
        .chain(d.activities.iter().map(|a| a.date))
        .chain(d.orders.iter().map(|o| o.date))
        .chain(usage)
        .chain(d.trials.iter().map(|t| t.start))
        .chain(d.renewals.iter().map(|r| r.date))
        .chain(d.contracts.iter().filter_map(|c| c.start));
    dates.max().map(Month::of).or_else(|| d.costs.iter().map(|c| c.month).max())
}

/// The last month of the revenue data: the per-customer revenue, else the `mrr_summary` (the table
/// the revenue KPIs come from). Later months are unknown, not months without revenue.
pub fn revenue_end(d: &Dataset) -> Option<Month> {
    match d.revenue.as_ref().and_then(|r| r.last) {
        Some(last) => Some(last),
        None => d.summary.iter().map(|s| s.month).max(),
    }
}

/// The end of the revenue data when `p` lies wholly after it: its revenue KPIs are unknown.
pub fn after_revenue(d: &Dataset, p: Period) -> Option<Month> {
    revenue_end(d).filter(|end| p.from > *end)
}

/// The reason of a revenue KPI of a period wholly after the revenue data.
pub fn ended_reason(end: Month) -> String {
    format!("revenue data ends {end}")
}

/// The first month of the revenue data when `p` lies wholly before it.
pub fn before_revenue(d: &Dataset, p: Period) -> Option<Month> {
    d.revenue_coverage().map(|c| c.first).filter(|first| p.to < *first)
}

/// Why `p`'s revenue KPIs are unknown: it lies wholly after the revenue data, or wholly before.
pub fn outside_revenue(d: &Dataset, p: Period) -> Option<String> {
    after_revenue(d, p)
        .map(ended_reason)
        .or_else(|| before_revenue(d, p).map(|first| format!("revenue data starts {first}")))
}

/// A resolved period and what the user should know about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    pub period: Period,
    /// Set when the asked period reached past the revenue data (and was cut there) or lies wholly
    /// after it.
    pub note: Option<String>,
}

/// Resolves the requested bounds: missing `to` = latest month, missing `from` = 12 months to `to`.
/// A period reaching past the last month of the revenue data is cut at that month (and a missing
/// `from` counts back from there): the later months are unknown, not months in which every
/// customer churned.
pub fn resolve(d: &Dataset, from: Option<Month>, to: Option<Month>) -> Option<Period> {
    resolve_noted(d, from, to).map(|r| r.period)
}

/// `resolve`, with the note saying when and why the period was cut.
pub fn resolve_noted(d: &Dataset, from: Option<Month>, to: Option<Month>) -> Option<Resolved> {
    let asked_to = match to {
        Some(t) => t,
        None => match from {
            Some(f) => latest_month(d).filter(|l| *l >= f).unwrap_or(f.plus(11)),
            None => latest_month(d)?,
        },
    };
    let end = revenue_end(d);
    // Cut unless the period starts after the data (then nothing is left to cut to).
    let cut = end.filter(|e| *e < asked_to && from.is_none_or(|f| f <= *e));
    let to = cut.unwrap_or(asked_to);
    let from = from.unwrap_or(to.plus(-11));
    let note = match (cut, end) {
        (Some(e), _) => Some(format!(
            "revenue data ends {e}: the period asked to {asked_to} is cut at {e} (the later \
             months are unknown, not zero)"
        )),
        (None, Some(e)) if from > e && from <= to => Some(format!(
            "revenue data ends {e}: the period {from} .. {to} is after it, so its revenue KPIs \
             are unknown"
        )),
        _ => match d.revenue_coverage().map(|c| c.first) {
            Some(f) if to < f && from <= to => Some(format!(
                "revenue data starts {f}: the period {from} .. {to} is before it, so its revenue \
                 KPIs are unknown"
            )),
            _ => None,
        },
    };
    Some(Resolved { period: Period { from, to }, note })
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
            Period::preset(Preset::LastQuarter, latest, 1),
            Period { from: m(2024, 4), to: m(2024, 6) }
        );
        assert_eq!(
            Period::preset(Preset::YearToDate, latest, 1),
            Period { from: m(2024, 1), to: m(2024, 8) }
        );
        assert_eq!(
            Period::preset(Preset::CalendarYear, latest, 1),
            Period { from: m(2023, 1), to: m(2023, 12) }
        );
        assert_eq!(Period::preset(Preset::Last12Months, latest, 1).month_count(), 12);
        // A quarter that ends with the data is complete: it is the last quarter.
        assert_eq!(
            Period::preset(Preset::LastQuarter, m(2024, 6), 1),
            Period { from: m(2024, 4), to: m(2024, 6) }
        );
        let p = Period { from: m(2024, 1), to: m(2024, 3) };
        assert_eq!(p.previous(), Period { from: m(2023, 10), to: m(2023, 12) });
    }

    /// The fiscal year starting in April: FY2025 = 2024-04 .. 2025-03, named by the year it ends
    /// in; its Q1 = Apr-Jun 2024, Q4 = Jan-Mar 2025. With the data ending in August 2024 the last
    /// complete fiscal quarter is Q1 (Apr-Jun), and the fiscal year to date starts in April; in
    /// February 2025 it is Q3 (Oct-Dec 2024) and the year to date still starts in April 2024.
    #[test]
    fn fiscal_quarters_with_april() {
        assert_eq!(fiscal_quarter(m(2024, 4), 4), (2025, 1));
        assert_eq!(fiscal_quarter(m(2024, 6), 4), (2025, 1));
        assert_eq!(fiscal_quarter(m(2024, 7), 4), (2025, 2));
        assert_eq!(fiscal_quarter(m(2025, 1), 4), (2025, 4));
        assert_eq!(fiscal_quarter(m(2025, 3), 4), (2025, 4));
        assert_eq!(fiscal_quarter(m(2025, 4), 4), (2026, 1));
        assert_eq!(quarter_name(m(2024, 5), 4), "FY2025-Q1");
        // January: the calendar quarters, named as before.
        assert_eq!(quarter_name(m(2024, 5), 1), "2024-Q2");
        assert_eq!(fiscal_quarter(m(2024, 12), 1), (2024, 4));
        assert_eq!(
            Period::preset(Preset::LastQuarter, m(2024, 8), 4),
            Period { from: m(2024, 4), to: m(2024, 6) }
        );
        assert_eq!(
            Period::preset(Preset::YearToDate, m(2024, 8), 4),
            Period { from: m(2024, 4), to: m(2024, 8) }
        );
        assert_eq!(
            Period::preset(Preset::LastQuarter, m(2025, 2), 4),
            Period { from: m(2024, 10), to: m(2024, 12) }
        );
        assert_eq!(
            Period::preset(Preset::YearToDate, m(2025, 2), 4),
            Period { from: m(2024, 4), to: m(2025, 2) }
        );
        // February start: Feb-Apr is Q1 of the fiscal year ending January next year.
        assert_eq!(quarter_name(m(2024, 2), 2), "FY2025-Q1");
        assert_eq!(quarter_name(m(2024, 1), 2), "FY2024-Q4");
    }

    fn revenue_to(last: Month) -> Dataset {
        let mut months = std::collections::BTreeMap::new();
        months.insert(m(2023, 11), rust_decimal::Decimal::ONE);
        months.insert(last, rust_decimal::Decimal::ONE);
        let entries = [("A".to_string(), months)].into_iter().collect();
        Dataset {
            revenue: Some(crate::model::Revenue::from_entries(entries)),
            ..Default::default()
        }
    }

    #[test]
    fn a_period_past_the_revenue_data_is_cut_at_its_last_month() {
        let d = revenue_to(m(2024, 1));
        let r = resolve_noted(&d, Some(m(2023, 12)), Some(m(2024, 3))).unwrap();
        assert_eq!(r.period, Period { from: m(2023, 12), to: m(2024, 1) });
        let note = r.note.unwrap();
        assert!(note.starts_with("revenue data ends 2024-01: the period asked to 2024-03 is cut"));
        // Without `from`: the 12 months to the cut end, as if that end had been asked for.
        let r = resolve_noted(&d, None, Some(m(2024, 3))).unwrap();
        assert_eq!(r.period, Period { from: m(2023, 2), to: m(2024, 1) });
        assert!(r.note.is_some());
        // Inside the data: as asked, no note.
        let r = resolve_noted(&d, Some(m(2023, 12)), Some(m(2024, 1))).unwrap();
        assert_eq!((r.period, r.note), (Period { from: m(2023, 12), to: m(2024, 1) }, None));
        assert_eq!(resolve(&d, None, None), Some(Period { from: m(2023, 2), to: m(2024, 1) }));
    }

    #[test]
    fn a_period_wholly_after_the_revenue_data_is_kept_and_noted() {
        let d = revenue_to(m(2024, 1));
        let r = resolve_noted(&d, Some(m(2024, 2)), Some(m(2024, 3))).unwrap();
        assert_eq!(r.period, Period { from: m(2024, 2), to: m(2024, 3) });
        assert!(r.note.unwrap().contains("is after it"));
        assert_eq!(after_revenue(&d, r.period), Some(m(2024, 1)));
        assert_eq!(after_revenue(&d, Period { from: m(2024, 1), to: m(2024, 1) }), None);
        // A reversed period stays reversed (the report refuses it).
        let r = resolve_noted(&d, Some(m(2024, 5)), Some(m(2024, 3))).unwrap();
        assert_eq!((r.period.from, r.period.to), (m(2024, 5), m(2024, 3)));
    }

    #[test]
    fn presets_never_reach_past_the_revenue_data() {
        let d = revenue_to(m(2024, 1));
        let latest = latest_month(&d).unwrap();
        for p in [
            Preset::LastMonth,
            Preset::LastQuarter,
            Preset::Last12Months,
            Preset::YearToDate,
            Preset::CalendarYear,
        ] {
            let period = Period::preset(p, latest, 1);
            let r = resolve_noted(&d, Some(period.from), Some(period.to)).unwrap();
            assert_eq!((r.period, r.note), (period, None), "{p:?}");
        }
    }
}
