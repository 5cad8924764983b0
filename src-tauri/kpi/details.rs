//! What the dashboard's charts need beyond the KPIs: score distributions, health bands, the
//! riskiest customers and license utilization, and per-month values of every KPI for the tiles'
//! sparklines.

use super::health::{self, CustomerHealth};
use super::period::Period;
use super::revenue::Book;
use super::value::Num;
use crate::model::{Dataset, Month, SurveyType};
use crate::settings::Settings;
use rust_decimal::Decimal;
use serde::Serialize;

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

/// Customers active at the end of P per health band.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
pub struct HealthBands {
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    /// No health component could be worked out.
    pub unscored: usize,
}

/// The rows the dashboard shows: the at-risk table and the lowest-utilization chart.
pub const RISKIEST: usize = 12;
pub const LOWEST_UTILIZATION: usize = 25;

/// What the dashboard draws, already aggregated: it stays a few kilobytes however many customers
/// there are (every row is one click away through the KPI explanations).
#[derive(Debug, Clone, Serialize, Default)]
pub struct Details {
    pub distributions: Distributions,
    pub health_bands: HealthBands,
    /// The `RISKIEST` lowest-scored customers active at the end of P, lowest first.
    pub riskiest: Vec<CustomerHealth>,
    /// The `LOWEST_UTILIZATION` customers active at the end of P with seat counts and the lowest
    /// utilization, lowest first.
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
    let health = health::scores(d, b, p, &settings.health);
    let mut bands = HealthBands::default();
    for c in &health {
        match c.band {
            Some("green") => bands.green += 1,
            Some("yellow") => bands.yellow += 1,
            Some("red") => bands.red += 1,
            _ => bands.unscored += 1,
        }
    }
    let mut riskiest: Vec<CustomerHealth> =
        health.into_iter().filter(|c| c.score.is_some()).collect();
    riskiest.sort_by(|a, b| a.score.partial_cmp(&b.score).unwrap_or(std::cmp::Ordering::Equal));
    riskiest.truncate(RISKIEST);
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
    utilization.truncate(LOWEST_UTILIZATION);
    Details { distributions, health_bands: bands, riskiest, utilization }
}

/// Each KPI month by month over the last (up to) 12 months of P, each month as a one-month period:
/// the tiles' sparklines. A month whose value is partial (the first month of the revenue data, whose
/// "new MRR" is the whole opening book) is a gap, as is one the data does not cover.
pub(crate) fn trend(v: &super::View, p: Period, settings: &Settings) -> super::Trend {
    let months: Vec<Month> = Month::range(p.from.max(p.to.plus(-11)), p.to).collect();
    let one = |m: Month| super::compute(v, Period { from: m, to: m }, settings);
    // The months are independent: the later half is worked out on the second core.
    let (early, late) = months.split_at(months.len() / 2);
    let computed = std::thread::scope(|s| {
        let late = s.spawn(|| late.iter().map(|&m| one(m)).collect::<Vec<_>>());
        let mut all: Vec<_> = early.iter().map(|&m| one(m)).collect();
        all.extend(late.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        all
    });
    let mut out = super::Trend::new();
    for c in computed {
        for (id, k) in c.kpis {
            out.entry(id).or_default().push(k.number().filter(|_| k.note.is_none()).map(Num));
        }
    }
    out
}
