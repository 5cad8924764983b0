//! Point-in-time health scores: for every month t from `first` to the end of the revenue data,
//! every customer active at the end of t scored from the rows dated on or before t only, exactly
//! as `kpi::health::scores` scores a period ending at t. Computed incrementally: each customer's
//! surveys, tickets and engagement touchpoints are sorted by date once, and pointers move forward
//! month by month, so the whole grid costs one sort plus one pass (not one scan per month).

use crate::kpi::health::{self, combine};
use crate::model::{ActivityClass, Dataset, FastMap, Month, Revenue, SurveyType};
use crate::settings::HealthSettings;
use chrono::{Duration, NaiveDate};
use rust_decimal::Decimal;

/// The components in the order of `Row::parts` (and of `kpi::health::combine`).
pub const COMPONENTS: [&str; 5] = ["utilization", "nps", "mrr_trend", "support", "engagement"];

/// What the next H months say about a scored row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Label {
    /// The horizon passes the end of the revenue data: not labelled.
    Unknown,
    Stayed,
    /// MRR went to 0 in month `first + month` (the first such month within the horizon).
    Churned {
        month: u16,
    },
}

/// One customer at the end of one month.
#[derive(Debug, Clone, Copy)]
pub struct Row {
    /// Row of the revenue book.
    pub cust: u32,
    /// Months after `Snapshots::first`.
    pub t: u16,
    /// Component scores 0-100 in `COMPONENTS` order; NaN = missing (kept as f64 so a row stays
    /// small: 20k customers x 60 months of Option<f64> would double the memory).
    pub parts: [f64; 5],
    /// NaN = no component present.
    pub score: f64,
    pub label: Label,
}

impl Row {
    pub fn part(&self, k: usize) -> Option<f64> {
        let v = self.parts[k];
        (!v.is_nan()).then_some(v)
    }
    pub fn score(&self) -> Option<f64> {
        (!self.score.is_nan()).then_some(self.score)
    }
    pub fn churned(&self) -> Option<bool> {
        match self.label {
            Label::Unknown => None,
            Label::Stayed => Some(false),
            Label::Churned { .. } => Some(true),
        }
    }
    pub fn options(&self) -> [Option<f64>; 5] {
        std::array::from_fn(|k| self.part(k))
    }
}

pub struct Snapshots {
    /// The first month scored.
    pub first: Month,
    /// The last month of the revenue data (the last month scored).
    pub last: Month,
    /// Customer-major: each customer's rows in month order.
    pub rows: Vec<Row>,
    /// `at[cust * months + t]` = index into `rows`, or u32::MAX when not active at t.
    at: Vec<u32>,
    months: usize,
}

impl Snapshots {
    pub fn months(&self) -> usize {
        self.months
    }
    pub fn month(&self, t: u16) -> Month {
        self.first.plus(t as i32)
    }
    /// The row of customer `cust` at month `first + t`, when it was active then.
    pub fn get(&self, cust: u32, t: i32) -> Option<&Row> {
        if t < 0 || t as usize >= self.months {
            return None;
        }
        let i = *self.at.get(cust as usize * self.months + t as usize)?;
        self.rows.get(i as usize)
    }
}

/// One customer's dated rows of one kind, sorted by date (stable: file order within a day).
struct Grouped<T> {
    start: Vec<usize>,
    items: Vec<(NaiveDate, T)>,
}

impl<T: Copy> Grouped<T> {
    fn new(customers: usize, mut rows: Vec<(u32, NaiveDate, T)>) -> Grouped<T> {
        rows.sort_by_key(|r| (r.0, r.1));
        let mut start = vec![0; customers + 1];
        for r in &rows {
            start[r.0 as usize + 1] += 1;
        }
        for i in 0..customers {
            start[i + 1] += start[i];
        }
        Grouped { start, items: rows.into_iter().map(|r| (r.1, r.2)).collect() }
    }
    fn of(&self, i: usize) -> &[(NaiveDate, T)] {
        &self.items[self.start[i]..self.start[i + 1]]
    }
}

/// Scores months `first..=rev.last` and labels each row with the next `horizon` months.
pub fn build(
    d: &Dataset,
    rev: &Revenue,
    first: Month,
    s: &HealthSettings,
    horizon: u32,
) -> Snapshots {
    let (Some(rev_first), Some(last)) = (rev.first, rev.last) else {
        return Snapshots { first, last: first, rows: Vec::new(), at: Vec::new(), months: 0 };
    };
    let n = rev.ids.len();
    let months = (first.until(last) + 1).max(0) as usize;
    let index: FastMap<&str, u32> =
        rev.ids.iter().enumerate().map(|(i, id)| (id.as_str(), i as u32)).collect();
    let find = |c: &Option<String>| c.as_deref().and_then(|c| index.get(c).copied());
    let nps = Grouped::new(
        n,
        d.surveys
            .iter()
            .filter(|r| r.kind == SurveyType::Nps)
            .filter_map(|r| Some((find(&r.customer_id)?, r.date, r.score)))
            .collect(),
    );
    let tickets = Grouped::new(
        n,
        d.tickets
            .iter()
            .filter_map(|t| Some((find(&t.customer_id)?, t.opened.date(), ())))
            .collect(),
    );
    let engaged = Grouped::new(
        n,
        d.activities
            .iter()
            .filter(|a| a.class == ActivityClass::Engagement)
            .filter_map(|a| Some((find(&a.customer_id)?, a.date, ())))
            .collect(),
    );
    let customers = d.customer_index();
    let offset = rev_first.until(first);
    let mut rows = Vec::new();
    let mut at = vec![u32::MAX; n * months];
    for i in 0..n {
        let mrr = &rev.mrr[i];
        let at_k = |k: i32| {
            if k < 0 {
                Decimal::ZERO
            } else {
                mrr.get(k as usize).copied().unwrap_or(Decimal::ZERO)
            }
        };
        // Seat counts have no date: today's utilization stands for every month (a note says so).
        let util = customers.get(rev.ids[i].as_str()).and_then(|c| health::utilization(c));
        let (sv, tk, en) = (nps.of(i), tickets.of(i), engaged.of(i));
        let (mut p_nps, mut p_hi, mut p_lo, mut p_en) = (0, 0, 0, 0);
        for t in 0..months {
            let k = offset + t as i32;
            let cur = at_k(k);
            if cur <= Decimal::ZERO {
                continue;
            }
            let end = first.plus(t as i32).last_day();
            while p_nps < sv.len() && sv[p_nps].0 <= end {
                p_nps += 1;
            }
            // The last response on or before the end (file order breaks a same-day tie).
            let nps_v = (p_nps > 0).then(|| sv[p_nps - 1].1 as f64 * 10.0);
            // Tickets with 0 <= end - opened < 90: opened in (end - 90, end].
            while p_hi < tk.len() && tk[p_hi].0 <= end {
                p_hi += 1;
            }
            let cut = end - Duration::days(90);
            while p_lo < tk.len() && tk[p_lo].0 <= cut {
                p_lo += 1;
            }
            let support = d.has_tickets.then(|| health::support((p_hi - p_lo) as u32));
            while p_en < en.len() && en[p_en].0 <= end {
                p_en += 1;
            }
            let engagement = d.has_activities.then(|| {
                if p_en > 0 {
                    health::engagement(end, en[p_en - 1].0)
                } else {
                    0.0
                }
            });
            let trend = health::mrr_trend(cur, at_k(k - 3));
            let parts = [util, nps_v, trend, support, engagement];
            let (score, _) = combine(&parts, s);
            at[i * months + t] = rows.len() as u32;
            rows.push(Row {
                cust: i as u32,
                t: t as u16,
                parts: parts.map(|p| p.unwrap_or(f64::NAN)),
                score: score.unwrap_or(f64::NAN),
                label: super::labels::label(mrr, k, offset, horizon),
            });
        }
    }
    Snapshots { first, last, rows, at, months }
}
