//! Customer health score (0-100) of every customer active at the end of P, from five components
//! (utilization, latest NPS, MRR trend, support load, engagement recency); missing components are
//! dropped and the remaining weights renormalised. Bands red / yellow / green from settings.

use super::period::Period;
use super::revenue::Book;
use super::value::{Kpi, Unit};
use crate::model::FastMap;
use crate::model::{ActivityClass, Dataset, SurveyType};
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

pub fn scores(d: &Dataset, book: &Book, p: Period, s: &HealthSettings) -> Vec<CustomerHealth> {
    let end = p.to.last_day();
    let idx = d.customer_index();
    // Latest NPS on or before the end of P, per customer (later rows win a same-day tie).
    let mut latest_nps: FastMap<&str, (NaiveDate, i64)> = FastMap::default();
    for r in d.surveys.iter().filter(|r| r.kind == SurveyType::Nps && r.date <= end) {
        if let Some(c) = r.customer_id.as_deref() {
            let e = latest_nps.entry(c).or_insert((r.date, r.score));
            if r.date >= e.0 {
                *e = (r.date, r.score);
            }
        }
    }
    let mut tickets: FastMap<&str, u32> = FastMap::default();
    for t in &d.tickets {
        if let Some(c) = t.customer_id.as_deref() {
            if within(end, t.opened.date(), 90) {
                *tickets.entry(c).or_default() += 1;
            }
        }
    }
    let mut engaged: FastMap<&str, f64> = FastMap::default();
    for a in d.activities.iter().filter(|a| a.class == ActivityClass::Engagement) {
        if let Some(c) = a.customer_id.as_deref() {
            let v = engagement(end, a.date);
            let e = engaged.entry(c).or_insert(0.0);
            *e = e.max(v);
        }
    }
    book.active(p.to)
        .map(|i| {
            let id = book.rev.ids[i].as_str();
            let cust = idx.get(id);
            let utilization = cust.and_then(|c| utilization(c));
            let nps = latest_nps.get(id).map(|(_, sc)| *sc as f64 * 10.0);
            let mrr_trend = mrr_trend(book.mrr(i, p.to), book.mrr(i, p.to.plus(-3)));
            let support = d.has_tickets.then(|| support(*tickets.get(id).unwrap_or(&0)));
            let engagement = d.has_activities.then(|| *engaged.get(id).unwrap_or(&0.0));
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
    let list = scores(d, book, p, s);
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
