//! What the dashboard's charts need beyond the KPIs: score distributions, per-customer health and
//! license utilization, and per-month values of every KPI for the tiles' sparklines.

use super::health::{self, CustomerHealth};
use super::period::Period;
use super::revenue::Book;
use super::value::Num;
use crate::model::{Dataset, Month, SurveyType};
use crate::settings::Settings;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize, Default)]
pub struct Distributions {
    /// Responses in P per score 0..=10.
    pub nps: Vec<usize>,
    /// Per score 1..=scale.
    pub csat: Vec<usize>,
    /// Per score 1..=7.
    pub ces: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Utilization {
    pub customer_id: String,
    pub name: Option<String>,
    pub purchased: Num,
    pub active: Num,
    pub ratio: Num,
}

#[derive(Debug, Clone, Serialize, Default)]
pub struct Details {
    pub distributions: Distributions,
    /// Customers active at the end of P, lowest score first.
    pub health: Vec<CustomerHealth>,
    /// Customers active at the end of P with seat counts, lowest utilization first.
    pub utilization: Vec<Utilization>,
}

pub fn details(d: &Dataset, book: Option<&Book>, p: Period, settings: &Settings) -> Details {
    let count = |kind: SurveyType, lo: i64, hi: i64| {
        let mut v = vec![0usize; (hi - lo + 1) as usize];
        for s in d.surveys.iter().filter(|s| s.kind == kind && p.contains_date(s.date)) {
            if (lo..=hi).contains(&s.score) {
                v[(s.score - lo) as usize] += 1;
            }
        }
        v
    };
    let distributions = Distributions {
        nps: count(SurveyType::Nps, 0, 10),
        csat: count(SurveyType::Csat, 1, settings.csat_scale.unwrap_or(5) as i64),
        ces: count(SurveyType::Ces, 1, 7),
    };
    let Some(b) = book else { return Details { distributions, ..Default::default() } };
    let mut health = health::scores(d, b, p, &settings.health);
    health.sort_by(|a, b| a.score.partial_cmp(&b.score).unwrap_or(std::cmp::Ordering::Equal));
    let idx = d.customer_index();
    let mut utilization: Vec<Utilization> = b
        .active(p.to)
        .filter_map(|i| {
            let c = idx.get(b.rev.ids[i].as_str())?;
            let (purchased, active) = (c.seats_purchased?, c.seats_active?);
            (purchased > Decimal::ZERO).then(|| Utilization {
                customer_id: c.id.clone(),
                name: c.name.clone(),
                purchased: Num(purchased),
                active: Num(active),
                ratio: Num(active / purchased),
            })
        })
        .collect();
    utilization.sort_by_key(|a| a.ratio.0);
    Details { distributions, health, utilization }
}

/// Each KPI month by month over the last (up to) 12 months of P, each month as a one-month period:
/// the tiles' sparklines.
pub fn trend(
    d: &Dataset,
    book: Option<&Book>,
    p: Period,
    settings: &Settings,
    spend_split: bool,
) -> BTreeMap<&'static str, Vec<Option<Num>>> {
    let months: Vec<Month> = Month::range(p.from.max(p.to.plus(-11)), p.to).collect();
    let mut out: BTreeMap<&'static str, Vec<Option<Num>>> = BTreeMap::new();
    for m in months {
        let c = super::compute(d, book, Period { from: m, to: m }, settings, spend_split);
        for (id, k) in c.kpis {
            out.entry(id).or_default().push(k.number().map(Num));
        }
    }
    out
}
