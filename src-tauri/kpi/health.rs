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
pub struct CustomerHealth {
    pub customer_id: String,
    /// None when every component is missing.
    pub score: Option<f64>,
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
            let v = if within(end, a.date, 30) {
                100.0
            } else if within(end, a.date, 90) {
                50.0
            } else {
                0.0
            };
            let e = engaged.entry(c).or_insert(0.0);
            *e = e.max(v);
        }
    }
    let w = &s.weights;
    book.active(p.to)
        .map(|i| {
            let id = book.rev.ids[i].as_str();
            let cust = idx.get(id);
            let utilization = cust.and_then(|c| match (c.seats_active, c.seats_purchased) {
                (Some(a), Some(b)) if b > Decimal::ZERO => {
                    Some((a / b).min(Decimal::ONE) * Decimal::ONE_HUNDRED)
                }
                _ => None,
            });
            let utilization =
                utilization.and_then(|u| rust_decimal::prelude::ToPrimitive::to_f64(&u));
            let nps = latest_nps.get(id).map(|(_, sc)| *sc as f64 * 10.0);
            let cur = book.mrr(i, p.to);
            let prev = book.mrr(i, p.to.plus(-3));
            let mrr_trend = if prev.is_zero() {
                None
            } else if cur > prev {
                Some(100.0)
            } else if cur == prev {
                Some(70.0)
            } else {
                rust_decimal::prelude::ToPrimitive::to_f64(&(Decimal::from(70) * cur / prev))
            };
            let support = d
                .has_tickets
                .then(|| (100.0 - 10.0 * *tickets.get(id).unwrap_or(&0) as f64).max(0.0));
            let engagement = d.has_activities.then(|| *engaged.get(id).unwrap_or(&0.0));
            let parts = [
                (utilization, w.utilization),
                (nps, w.nps),
                (mrr_trend, w.mrr_trend),
                (support, w.support),
                (engagement, w.engagement),
            ];
            let (sum, weight) = parts
                .iter()
                .filter_map(|(v, wt)| v.map(|v| (v * wt, *wt)))
                .fold((0.0, 0.0), |(a, b), (x, y)| (a + x, b + y));
            let score = (weight > 0.0).then(|| sum / weight);
            let band = score.map(|h| {
                if h < s.red_below {
                    "red"
                } else if h < s.green_from {
                    "yellow"
                } else {
                    "green"
                }
            });
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
