//! Customer health score (0-100) of every customer active at the end of P, from five components
//! (utilization, latest NPS, MRR trend, support load, engagement recency); missing components are
//! dropped and the remaining weights renormalised. Bands red / yellow / green from settings.

use super::period::Period;
use super::revenue::Book;
use super::value::{Kpi, Unit};
use crate::model::FastMap;
use crate::model::{ActivityClass, Customer, Dataset, SurveyType};
use crate::settings::HealthSettings;
use chrono::NaiveDate;
use rust_decimal::prelude::FromPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerHealth {
    pub customer_id: String,
    /// None when every component is missing.
    pub score: Option<f64>,
    #[cfg_attr(feature = "ts", ts(as = "Option<crate::bindings::HealthBand>"))]
    pub band: Option<&'static str>,
    pub utilization: Option<f64>,
    pub nps: Option<f64>,
    pub mrr_trend: Option<f64>,
    pub support: Option<f64>,
    pub engagement: Option<f64>,
}

fn within(end: NaiveDate, date: NaiveDate, days: i64) -> bool {
    let age = (end - date).num_days();
    (0..days).contains(&age)
}

/// License utilization: min(active / purchased, 1) x 100; None without both seat counts.
pub fn utilization(c: &crate::model::Customer) -> Option<f64> {
    match (c.seats_active, c.seats_purchased) {
        (Some(a), Some(b)) if b > Decimal::ZERO => rust_decimal::prelude::ToPrimitive::to_f64(
            &((a / b).min(Decimal::ONE) * Decimal::ONE_HUNDRED),
        ),
        _ => None,
    }
}

/// MRR trend from MRR(b) and MRR(b-3): growth 100, flat 70, decline 70 x cur / prev; None when
/// MRR(b-3) is 0 (too new to have a trend).
pub fn mrr_trend(cur: Decimal, prev: Decimal) -> Option<f64> {
    if prev.is_zero() {
        None
    } else if cur > prev {
        Some(100.0)
    } else if cur == prev {
        Some(70.0)
    } else {
        rust_decimal::prelude::ToPrimitive::to_f64(&(Decimal::from(70) * cur / prev))
    }
}

/// Support load from the tickets opened in the last 90 days: 100 - 10 each, floor 0.
pub fn support(tickets: u32) -> f64 {
    (100.0 - 10.0 * tickets as f64).max(0.0)
}

/// Engagement recency of one engagement touchpoint on `date` seen at `end`: 100 within 30 days,
/// 50 within 90, else 0 (also for a date after `end`).
pub fn engagement(end: NaiveDate, date: NaiveDate) -> f64 {
    if within(end, date, 30) {
        100.0
    } else if within(end, date, 90) {
        50.0
    } else {
        0.0
    }
}

/// Every answer of `band`, worst first.
pub const BANDS: [&str; 3] = ["red", "yellow", "green"];

/// The band of a score under the settings' thresholds (no rounding before banding).
pub fn band(h: f64, s: &HealthSettings) -> &'static str {
    if h < s.red_below {
        BANDS[0]
    } else if h < s.green_from {
        BANDS[1]
    } else {
        BANDS[2]
    }
}

/// The score of five components (utilization, nps, mrr_trend, support, engagement, in that
/// order) under the settings' weights: missing components dropped and the remaining weights
/// renormalised; None when none is present or their weights are all 0. The one place the
/// weighting lives, so that the backtest scores exactly as the dashboard does.
pub fn combine(
    parts: &[Option<f64>; 5],
    s: &HealthSettings,
) -> (Option<f64>, Option<&'static str>) {
    let w = &s.weights;
    let weights = [w.utilization, w.nps, w.mrr_trend, w.support, w.engagement];
    let (sum, weight) = parts
        .iter()
        .zip(weights)
        .filter_map(|(v, wt)| v.map(|v| (v * wt, wt)))
        .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
    let score = (weight > 0.0).then(|| sum / weight);
    (score, score.map(|h| band(h, s)))
}

/// Each customer's dated events a score reads, sorted by date once per view: the score of any month
/// is then a few binary searches per customer (the sparklines score 12 months, the red flags 14).
#[derive(Default)]
pub struct Events {
    /// NPS answers (date, score) in date order, rows of one day in file order.
    nps: FastMap<String, Vec<(NaiveDate, i64)>>,
    /// The days tickets were opened.
    tickets: FastMap<String, Vec<NaiveDate>>,
    /// The days of engagement touchpoints.
    engaged: FastMap<String, Vec<NaiveDate>>,
    /// The customers' rows (for seat use), by id.
    customers: FastMap<String, usize>,
}

impl Events {
    pub fn of(d: &Dataset) -> Events {
        // One allocated key per customer, not per row.
        fn push<T>(map: &mut FastMap<String, Vec<T>>, id: &str, v: T) {
            match map.get_mut(id) {
                Some(list) => list.push(v),
                None => {
                    map.insert(id.to_string(), vec![v]);
                }
            }
        }
        let mut ev = Events::default();
        for r in d.surveys.iter().filter(|r| r.kind == SurveyType::Nps) {
            if let Some(c) = r.customer_id.as_deref() {
                push(&mut ev.nps, c, (r.date, r.score));
            }
        }
        for t in &d.tickets {
            if let Some(c) = t.customer_id.as_deref() {
                push(&mut ev.tickets, c, t.opened.date());
            }
        }
        for a in d.activities.iter().filter(|a| a.class == ActivityClass::Engagement) {
            if let Some(c) = a.customer_id.as_deref() {
                push(&mut ev.engaged, c, a.date);
            }
        }
        // A stable sort: the later of two answers of one day stays the later.
        ev.nps.values_mut().for_each(|v| v.sort_by_key(|x| x.0));
        ev.tickets.values_mut().for_each(|v| v.sort_unstable());
        ev.engaged.values_mut().for_each(|v| v.sort_unstable());
        // The last row of an id wins, as in `customer_index`.
        for (i, c) in d.customers.iter().enumerate() {
            ev.customers.insert(c.id.clone(), i);
        }
        ev
    }

    /// The latest NPS answer on or before `end` (the later row of a same-day tie).
    fn nps(&self, id: &str, end: NaiveDate) -> Option<i64> {
        let list = self.nps.get(id)?;
        let n = list.partition_point(|x| x.0 <= end);
        n.checked_sub(1).map(|k| list[k].1)
    }

    /// Tickets opened in the 90 days ending on `end`.
    fn tickets(&self, id: &str, end: NaiveDate) -> u32 {
        let Some(list) = self.tickets.get(id) else { return 0 };
        let upto = list.partition_point(|d| *d <= end);
        let before = list.partition_point(|d| *d <= end - chrono::Duration::days(90));
        (upto - before) as u32
    }

    /// The customer row of `id` in `d`, the data these events were indexed from (the last row of
    /// an id, as `Dataset::customer_index`).
    pub(crate) fn customer<'d>(&self, d: &'d Dataset, id: &str) -> Option<&'d Customer> {
        self.customers.get(id).map(|&k| &d.customers[k])
    }

    /// The engagement recency at `end`: of the latest touchpoint on or before it (the highest).
    fn engagement(&self, id: &str, end: NaiveDate) -> f64 {
        let Some(list) = self.engaged.get(id) else { return 0.0 };
        let n = list.partition_point(|d| *d <= end);
        n.checked_sub(1).map_or(0.0, |k| engagement(end, list[k]))
    }
}

pub fn scores(d: &Dataset, book: &Book, p: Period, s: &HealthSettings) -> Vec<CustomerHealth> {
    scores_with(d, &Events::of(d), book, p, s)
}

/// `scores` from the view's events (`Events::of` the same data).
pub fn scores_with(
    d: &Dataset,
    ev: &Events,
    book: &Book,
    p: Period,
    s: &HealthSettings,
) -> Vec<CustomerHealth> {
    let end = p.to.last_day();
    book.active(p.to)
        .map(|i| {
            let id = book.rev.ids[i].as_str();
            let cust = ev.customers.get(id).map(|&k| &d.customers[k]);
            let utilization = cust.and_then(utilization);
            let nps = ev.nps(id, end).map(|sc| sc as f64 * 10.0);
            let mrr_trend = mrr_trend(book.mrr(i, p.to), book.mrr(i, p.to.plus(-3)));
            let support = d.has_tickets.then(|| support(ev.tickets(id, end)));
            let engagement = d.has_activities.then(|| ev.engagement(id, end));
            let (score, band) = combine(&[utilization, nps, mrr_trend, support, engagement], s);
            CustomerHealth {
                customer_id: id.to_string(),
                score,
                band,
                utilization,
                nps,
                mrr_trend,
                support,
                engagement,
            }
        })
        .collect()
}

pub fn kpis(
    d: &Dataset,
    ev: &Events,
    book: Option<&Book>,
    p: Period,
    s: &HealthSettings,
    out: &mut Vec<(&'static str, Kpi)>,
) {
    let Some(book) = book else {
        for (id, unit) in [
            ("health_avg", Unit::Score),
            ("health_red", Unit::Count),
            ("health_yellow", Unit::Count),
            ("health_green", Unit::Count),
        ] {
            out.push((id, Kpi::null(unit, "needs table mrr to know the active customers")));
        }
        return;
    };
    let list = scores_with(d, ev, book, p, s);
    let scored: Vec<f64> = list.iter().filter_map(|c| c.score).collect();
    let avg = if scored.is_empty() {
        Kpi::null(Unit::Score, "no customer active at end of period has any health component")
    } else {
        let mean = scored.iter().sum::<f64>() / scored.len() as f64;
        Kpi::num(Decimal::from_f64(mean).unwrap_or_default(), Unit::Score)
            .with("n", scored.len() as u64)
    };
    out.push(("health_avg", avg));
    for (id, band) in
        [("health_red", "red"), ("health_yellow", "yellow"), ("health_green", "green")]
    {
        let n = list.iter().filter(|c| c.band == Some(band)).count();
        out.push((id, Kpi::num(Decimal::from(n), Unit::Count)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, SurveyResponse, Ticket};

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// The index reads what the component rules say: the latest answer (the later row of a day),
    /// tickets of the 90 days ending on the day (day 0 to 89), the most recent touchpoint.
    #[test]
    fn events_read_as_the_rules_say() {
        let nps = |date: &str, score: i64| SurveyResponse {
            customer_id: Some("A".into()),
            date: day(date),
            kind: SurveyType::Nps,
            score,
            comment: None,
            positive: None,
            origin: None,
        };
        let ticket = |date: &str| Ticket {
            id: date.into(),
            customer_id: Some("A".into()),
            opened: day(date).and_hms_opt(9, 0, 0).unwrap(),
            resolved: None,
            contacts: None,
            first_contact: None,
            subject: None,
            description: None,
            origin: None,
        };
        let touch = |date: &str| Activity {
            customer_id: Some("A".into()),
            date: day(date),
            kind: "call".into(),
            class: ActivityClass::Engagement,
            csm: None,
        };
        let d = Dataset {
            surveys: vec![
                nps("2024-03-10", 9),
                nps("2024-02-01", 3),
                nps("2024-03-10", 6),
                nps("2024-04-02", 10),
            ],
            // End 2024-03-31: 2024-01-02 is day 89 (counted), 2024-01-01 day 90 (not), April after.
            tickets: vec![
                ticket("2024-01-01"),
                ticket("2024-01-02"),
                ticket("2024-03-31"),
                ticket("2024-04-01"),
            ],
            activities: vec![touch("2024-01-15"), touch("2024-03-05"), touch("2024-04-10")],
            ..Default::default()
        };
        let ev = Events::of(&d);
        let end = day("2024-03-31");
        assert_eq!(ev.nps("A", end), Some(6), "the later of the two answers of 10 March");
        assert_eq!(ev.nps("A", day("2024-02-29")), Some(3));
        assert_eq!(ev.nps("A", day("2024-01-31")), None);
        assert_eq!(ev.tickets("A", end), 2);
        // 5 March is 26 days before the end: within 30 days.
        assert_eq!(ev.engagement("A", end), 100.0);
        // At the end of February the latest is 15 January, 45 days before: within 90.
        assert_eq!(ev.engagement("A", day("2024-02-29")), 50.0);
        assert_eq!(ev.engagement("B", end), 0.0);
    }
}
