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
    /// Each customer's events; `at` finds them by id, `rows` by row of the revenue table.
    people: Vec<Person>,
    at: FastMap<String, u32>,
    /// Per customer row of the indexed data's revenue table (a `Book`'s customer number): its
    /// entry in `people`. The scores look customers up by row, for every month scored.
    rows: Vec<Option<u32>>,
}

/// One customer's events.
#[derive(Default)]
struct Person {
    /// NPS answers (date, score) in date order, rows of one day in file order.
    nps: Vec<(NaiveDate, i64)>,
    /// The days tickets were opened.
    tickets: Vec<NaiveDate>,
    /// The days of engagement touchpoints.
    engaged: Vec<NaiveDate>,
    /// The customer's row (the last row of an id, as `Dataset::customer_index`).
    customer: Option<usize>,
    /// Seat use, a fact of the customer row: worked out once, not per month scored.
    utilization: Option<f64>,
}

/// A customer without any event or customer row.
static NOBODY: Person = Person {
    nps: Vec::new(),
    tickets: Vec::new(),
    engaged: Vec::new(),
    customer: None,
    utilization: None,
};

impl Person {
    /// The latest NPS answer on or before `end` (the later row of a same-day tie).
    fn nps(&self, end: NaiveDate) -> Option<i64> {
        let n = self.nps.partition_point(|x| x.0 <= end);
        n.checked_sub(1).map(|k| self.nps[k].1)
    }

    /// Tickets opened in the 90 days ending on `end`.
    fn tickets(&self, end: NaiveDate) -> u32 {
        let upto = self.tickets.partition_point(|d| *d <= end);
        let before = self.tickets.partition_point(|d| *d <= end - chrono::Duration::days(90));
        (upto - before) as u32
    }

    /// The engagement recency at `end`: of the latest touchpoint on or before it (the highest).
    fn engagement(&self, end: NaiveDate) -> f64 {
        let n = self.engaged.partition_point(|d| *d <= end);
        n.checked_sub(1).map_or(0.0, |k| engagement(end, self.engaged[k]))
    }
}

impl Events {
    pub fn of(d: &Dataset) -> Events {
        let mut ev = Events::default();
        // One allocated key per customer, not per row.
        fn person<'e>(ev: &'e mut Events, id: &str) -> &'e mut Person {
            let k = match ev.at.get(id) {
                Some(&k) => k as usize,
                None => {
                    ev.at.insert(id.to_string(), ev.people.len() as u32);
                    ev.people.push(Person::default());
                    ev.people.len() - 1
                }
            };
            &mut ev.people[k]
        }
        for r in d.surveys.iter().filter(|r| r.kind == SurveyType::Nps) {
            if let Some(c) = r.customer_id.as_deref() {
                person(&mut ev, c).nps.push((r.date, r.score));
            }
        }
        for t in &d.tickets {
            if let Some(c) = t.customer_id.as_deref() {
                person(&mut ev, c).tickets.push(t.opened.date());
            }
        }
        for a in d.activities.iter().filter(|a| a.class == ActivityClass::Engagement) {
            if let Some(c) = a.customer_id.as_deref() {
                person(&mut ev, c).engaged.push(a.date);
            }
        }
        for p in &mut ev.people {
            // A stable sort: the later of two answers of one day stays the later.
            p.nps.sort_by_key(|x| x.0);
            p.tickets.sort_unstable();
            p.engaged.sort_unstable();
        }
        // The last row of an id wins, as in `customer_index`.
        for (i, c) in d.customers.iter().enumerate() {
            let p = person(&mut ev, &c.id);
            p.customer = Some(i);
            p.utilization = utilization(c);
        }
        if let Some(rev) = &d.revenue {
            ev.rows = rev.ids.iter().map(|id| ev.at.get(id.as_str()).copied()).collect();
        }
        ev
    }

    fn person(&self, id: &str) -> &Person {
        self.at.get(id).map_or(&NOBODY, |&k| &self.people[k as usize])
    }

    /// The events of customer row `i` of `book`, by row when `book` reads the data these events
    /// were indexed from (as the views do), else by id.
    fn of_row(&self, book: &Book, i: usize) -> &Person {
        match self.rows.get(i) {
            Some(k) if self.rows.len() == book.customers() => {
                k.map_or(&NOBODY, |k| &self.people[k as usize])
            }
            _ => self.person(&book.rev.ids[i]),
        }
    }

    /// The customer row of revenue row `i` of `book` (see `of_row`), in `d`, the data these events
    /// were indexed from.
    pub(crate) fn row_customer<'d>(
        &self,
        d: &'d Dataset,
        book: &Book,
        i: usize,
    ) -> Option<&'d Customer> {
        self.of_row(book, i).customer.map(|k| &d.customers[k])
    }

    #[cfg(test)]
    fn nps(&self, id: &str, end: NaiveDate) -> Option<i64> {
        self.person(id).nps(end)
    }

    #[cfg(test)]
    fn tickets(&self, id: &str, end: NaiveDate) -> u32 {
        self.person(id).tickets(end)
    }

    #[cfg(test)]
    fn engagement(&self, id: &str, end: NaiveDate) -> f64 {
        self.person(id).engagement(end)
    }

    /// The customer row of `id` in `d`, the data these events were indexed from (the last row of
    /// an id, as `Dataset::customer_index`).
    pub(crate) fn customer<'d>(&self, d: &'d Dataset, id: &str) -> Option<&'d Customer> {
        self.person(id).customer.map(|k| &d.customers[k])
    }
}

pub fn scores(d: &Dataset, book: &Book, p: Period, s: &HealthSettings) -> Vec<CustomerHealth> {
    scores_with(d, &Events::of(d), book, p, s)
}

/// The five components of customer row `i` of `book` at the end of month `end`.
pub(crate) fn parts(
    d: &Dataset,
    ev: &Events,
    book: &Book,
    i: usize,
    end: crate::model::Month,
) -> [Option<f64>; 5] {
    let who = ev.of_row(book, i);
    let day = end.last_day();
    let nps = who.nps(day).map(|sc| sc as f64 * 10.0);
    let mrr_trend = mrr_trend(book.mrr(i, end), book.mrr(i, end.plus(-3)));
    let support = d.has_tickets.then(|| support(who.tickets(day)));
    let engagement = d.has_activities.then(|| who.engagement(day));
    [who.utilization, nps, mrr_trend, support, engagement]
}

/// An active customer's score: its revenue row, score and band.
pub(crate) type Score = (usize, Option<f64>, Option<&'static str>);

/// The score and band of every customer active at the end of month `end`, in the order of
/// `book.active`.
pub(crate) fn score_all(
    d: &Dataset,
    ev: &Events,
    book: &Book,
    end: crate::model::Month,
    s: &HealthSettings,
) -> Vec<Score> {
    book.active(end)
        .map(|i| {
            let (score, band) = combine(&parts(d, ev, book, i, end), s);
            (i, score, band)
        })
        .collect()
}

/// `scores` from the view's events (`Events::of` the same data).
pub fn scores_with(
    d: &Dataset,
    ev: &Events,
    book: &Book,
    p: Period,
    s: &HealthSettings,
) -> Vec<CustomerHealth> {
    book.active(p.to)
        .map(|i| CustomerHealth::new(book.rev.ids[i].clone(), parts(d, ev, book, i, p.to), s))
        .collect()
}

impl CustomerHealth {
    /// A customer's score from its five components (see `combine`).
    pub(crate) fn new(customer_id: String, parts: [Option<f64>; 5], s: &HealthSettings) -> Self {
        let (score, band) = combine(&parts, s);
        let [utilization, nps, mrr_trend, support, engagement] = parts;
        CustomerHealth {
            customer_id,
            score,
            band,
            utilization,
            nps,
            mrr_trend,
            support,
            engagement,
        }
    }
}

/// The health KPIs from the scores of the customers active at the end of the period (None without
/// revenue data).
pub(crate) fn kpis(scores: Option<&[Score]>, out: &mut Vec<(&'static str, Kpi)>) {
    let Some(list) = scores else {
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
    let scored: Vec<f64> = list.iter().filter_map(|c| c.1).collect();
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
        let n = list.iter().filter(|c| c.2 == Some(band)).count();
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

    /// The scores find a customer's events by revenue row; found by id they are the same.
    #[test]
    fn scores_by_row_equal_scores_by_id() {
        let d = crate::import::import_sources(&[crate::demo::source()], &Default::default())
            .unwrap()
            .dataset;
        let book = Book::new(d.revenue.as_ref().unwrap());
        let by_row = Events::of(&d);
        let mut by_id = Events::of(&d);
        by_id.rows.clear();
        let latest = crate::kpi::period::latest_month(&d).unwrap();
        let p = Period { from: latest.plus(-2), to: latest };
        let s = HealthSettings::default();
        let a = serde_json::to_value(scores_with(&d, &by_row, &book, p, &s)).unwrap();
        let b = serde_json::to_value(scores_with(&d, &by_id, &book, p, &s)).unwrap();
        assert_eq!(a, b);
        // Real scores of the demo's active customers, each component read.
        let list = a.as_array().unwrap();
        assert!(list.len() > 100);
        for part in ["score", "utilization", "nps", "mrr_trend", "support", "engagement"] {
            assert!(list.iter().any(|c| c[part].is_number()), "{part}");
        }
    }
}
