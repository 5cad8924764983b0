//! At risk next: the customers active in the last month of the revenue data, scored with the
//! current weights, ordered by the churn rate the backtest observed in their score decile (then
//! lowest score, then most MRR at risk).

use super::calibration::{decile_of, Decile};
use super::snapshot::{Row, Snapshots, COMPONENTS};
use crate::kpi::value::Num;
use crate::model::{Dataset, FastMap, Revenue};
use crate::settings::HealthSettings;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "PullingDown"))]
pub struct Pull {
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::HealthComponent"))]
    pub component: &'static str,
    pub value: f64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "AtRiskNext"))]
pub struct AtRisk {
    pub customer_id: String,
    pub name: Option<String>,
    pub csm: Option<String>,
    /// MRR in the last month: the MRR at risk.
    pub mrr: Num,
    pub score: f64,
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::HealthBand"))]
    pub band: &'static str,
    /// The observed churn rate (within H months) of the score decile the customer falls in.
    pub churn_probability: Option<f64>,
    /// Components below the customer's own score, lowest first.
    pub pulling_down: Vec<Pull>,
    /// The latest activity, ticket or survey response of the customer, any date.
    pub last_touchpoint: Option<NaiveDate>,
}

/// The at-risk list (up to `limit`) and the length of the whole list.
pub fn at_risk(
    d: &Dataset,
    snap: &Snapshots,
    rev: &Revenue,
    deciles: &[Decile],
    s: &HealthSettings,
    limit: Option<usize>,
) -> (Vec<AtRisk>, usize) {
    let t = snap.months() as i32 - 1;
    let last: Vec<&Row> = (0..rev.ids.len() as u32)
        .filter_map(|c| snap.get(c, t))
        .filter(|r| r.score().is_some())
        .collect();
    let mut touch: FastMap<&str, NaiveDate> = FastMap::default();
    let dates = d
        .activities
        .iter()
        .map(|a| (a.customer_id.as_deref(), a.date))
        .chain(d.tickets.iter().map(|x| (x.customer_id.as_deref(), x.opened.date())))
        .chain(d.surveys.iter().map(|x| (x.customer_id.as_deref(), x.date)));
    for (c, date) in dates {
        if let Some(c) = c {
            let e = touch.entry(c).or_insert(date);
            *e = (*e).max(date);
        }
    }
    let idx = d.customer_index();
    let mut list: Vec<AtRisk> = last
        .iter()
        .map(|r| {
            let id = rev.ids[r.cust as usize].as_str();
            let score = r.score;
            let mut pulling_down: Vec<Pull> = (0..5)
                .filter_map(|k| {
                    let v = r.part(k)?;
                    (v < score).then_some(Pull { component: COMPONENTS[k], value: v })
                })
                .collect();
            pulling_down.sort_by(|a, b| a.value.total_cmp(&b.value));
            let cust = idx.get(id);
            AtRisk {
                customer_id: id.to_string(),
                name: cust.and_then(|c| c.name.clone()),
                csm: cust.and_then(|c| c.csm.clone()),
                mrr: Num(rev.at(r.cust as usize, snap.month(r.t))),
                score,
                band: crate::kpi::health::band(score, s),
                churn_probability: decile_of(deciles, score).map(|d| d.churn_rate),
                pulling_down,
                last_touchpoint: touch.get(id).copied(),
            }
        })
        .collect();
    list.sort_by(|a, b| {
        b.churn_probability
            .unwrap_or(0.0)
            .total_cmp(&a.churn_probability.unwrap_or(0.0))
            .then(a.score.total_cmp(&b.score))
            .then(b.mrr.0.cmp(&a.mrr.0))
            .then(a.customer_id.cmp(&b.customer_id))
    });
    let total = list.len();
    if let Some(n) = limit {
        list.truncate(n);
    }
    (list, total)
}

/// The at-risk list as a table (the app's CSV export): one row per customer, the components that
/// pull the score down as "utilization 20.0; nps 30.0".
pub fn table(list: &[AtRisk], horizon: u32) -> (Vec<String>, Vec<Vec<serde_json::Value>>) {
    use serde_json::json;
    let columns = [
        "Customer ID".to_string(),
        "Customer".into(),
        "CSM".into(),
        "MRR at risk".into(),
        "Health (0-100)".into(),
        "Band".into(),
        format!("Churn probability within {horizon} months"),
        "Pulling the score down".into(),
        "Last touchpoint".into(),
    ];
    let one = |x: f64| json!((x * 10.0).round() / 10.0);
    let rows = list
        .iter()
        .map(|r| {
            let pulls: Vec<String> =
                r.pulling_down.iter().map(|p| format!("{} {:.1}", p.component, p.value)).collect();
            vec![
                json!(r.customer_id),
                json!(r.name),
                json!(r.csm),
                json!(Num(r.mrr.0.round_dp(2))),
                one(r.score),
                json!(r.band),
                json!(r.churn_probability),
                json!(pulls.join("; ")),
                json!(r.last_touchpoint.map(|d| d.to_string())),
            ]
        })
        .collect();
    (columns.to_vec(), rows)
}
