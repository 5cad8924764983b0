//! The pooled backtest of the current score: AUC with its bootstrap interval, each component's
//! AUC, churn by band and its lift, the same per year, the calibration deciles and the early
//! warning of churned customers.

use super::auc::{self, Item};
use super::calibration::{self, Decile};
use super::labels::events;
use super::snapshot::{Row, Snapshots, COMPONENTS};
use super::BacktestOptions;
use crate::model::Revenue;
use crate::settings::HealthSettings;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Backtest {
    /// Labelled rows (customer x month) with a score.
    pub rows: u64,
    /// Labelled rows of customers with every component missing (left out of everything else).
    pub unscored_rows: u64,
    /// Distinct churns (customer, month MRR went to 0) seen within the horizon of a scored row.
    pub churn_events: u64,
    /// Rows labelled churned (a churn is positive in up to H rows before it).
    pub churned_rows: u64,
    pub auc: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reason: Option<String>,
    pub auc_ci: Option<[f64; 2]>,
    #[cfg_attr(
        feature = "ts",
        ts(as = "std::collections::BTreeMap<crate::bindings::HealthComponent, ComponentAuc>")
    )]
    pub components: Components,
    pub bands: Bands,
    pub lift_red_over_green: Option<f64>,
    pub per_year: Vec<YearStats>,
    pub calibration: Vec<Decile>,
    pub early_warning: EarlyWarning,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ComponentAuc {
    pub auc: Option<f64>,
    /// Labelled rows where the component is present.
    pub rows: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reason: Option<String>,
}

/// The five components' AUCs, in `COMPONENTS` order (a JSON object keyed by component).
#[derive(Debug, Clone)]
pub struct Components(pub [ComponentAuc; 5]);

impl Serialize for Components {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(5))?;
        for (k, c) in COMPONENTS.iter().zip(&self.0) {
            m.serialize_entry(k, c)?;
        }
        m.end()
    }
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BandOutcome"))]
pub struct BandStats {
    pub rows: u64,
    pub churned: u64,
    /// churned / rows; null without rows.
    pub churn_rate: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BandOutcomes"))]
pub struct Bands {
    pub red: BandStats,
    pub yellow: BandStats,
    pub green: BandStats,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "YearBacktest"))]
pub struct YearStats {
    pub year: i32,
    pub rows: u64,
    pub churn_events: u64,
    pub auc: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reason: Option<String>,
    pub bands: Bands,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "EarlyWarningMonth"))]
pub struct Before {
    /// Months before the month MRR went to 0.
    pub before: u32,
    pub red: u64,
    pub yellow: u64,
    pub green: u64,
    /// Not active then, or active with no component.
    pub unscored: u64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct EarlyWarning {
    /// Churns whose three months before are all scored months.
    pub churned: u64,
    pub months: Vec<Before>,
}

fn too_few(events: u64, min: u64) -> String {
    format!("{events} churn events: fewer than {min}, too few for an AUC to mean anything")
}

/// AUC with the rule of too few events.
fn gated(items: &[Item], events: u64, min: u64) -> (Option<f64>, Option<String>) {
    if events < min {
        return (None, Some(too_few(events, min)));
    }
    match auc::auc(items) {
        Some(a) => (Some(a), None),
        None => (None, Some("every row churned, or none did".into())),
    }
}

fn items<'a>(
    rows: impl Iterator<Item = &'a &'a Row>,
    value: impl Fn(&Row) -> Option<f64>,
) -> Vec<Item> {
    auc::sorted(
        rows.filter_map(|r| Some(Item { value: value(r)?, churned: r.churned()?, cust: r.cust }))
            .collect(),
    )
}

pub fn count_bands<'a>(rows: impl Iterator<Item = &'a &'a Row>, s: &HealthSettings) -> Bands {
    let mut b = Bands::default();
    for r in rows {
        let (Some(score), Some(churned)) = (r.score(), r.churned()) else { continue };
        let x = match crate::kpi::health::band(score, s) {
            "red" => &mut b.red,
            "yellow" => &mut b.yellow,
            _ => &mut b.green,
        };
        x.rows += 1;
        x.churned += u64::from(churned);
    }
    for x in [&mut b.red, &mut b.yellow, &mut b.green] {
        x.churn_rate = (x.rows > 0).then(|| x.churned as f64 / x.rows as f64);
    }
    b
}

pub fn backtest(
    snap: &Snapshots,
    rev: &Revenue,
    s: &HealthSettings,
    o: &BacktestOptions,
) -> Backtest {
    let labelled: Vec<&Row> = snap.rows.iter().filter(|r| r.churned().is_some()).collect();
    let scored: Vec<&Row> = labelled.iter().copied().filter(|r| r.score().is_some()).collect();
    let churn_events = events(scored.iter().copied());
    let score_items = items(scored.iter(), Row::score);
    let (auc, reason) = gated(&score_items, churn_events, o.min_events);
    let auc_ci =
        auc.and_then(|_| auc::bootstrap_ci(&score_items, rev.ids.len(), o.replicates, o.seed));
    let components = Components(std::array::from_fn(|k| {
        let with: Vec<&Row> = labelled.iter().copied().filter(|r| r.part(k).is_some()).collect();
        let it = items(with.iter(), |r| r.part(k));
        let (auc, reason) = gated(&it, events(with.iter().copied()), o.min_events);
        ComponentAuc { auc, rows: with.len() as u64, reason }
    }));
    let bands = count_bands(scored.iter(), s);
    let lift_red_over_green = match (bands.red.churn_rate, bands.green.churn_rate) {
        (Some(r), Some(g)) if g > 0.0 => Some(r / g),
        _ => None,
    };
    let mut per_year: Vec<YearStats> = Vec::new();
    let mut years: Vec<i32> = scored.iter().map(|r| snap.month(r.t).year()).collect();
    years.dedup();
    years.sort_unstable();
    years.dedup();
    for year in years {
        let rows: Vec<&Row> =
            scored.iter().copied().filter(|r| snap.month(r.t).year() == year).collect();
        let ev = events(rows.iter().copied());
        let (auc, reason) = gated(&items(rows.iter(), Row::score), ev, o.min_events);
        per_year.push(YearStats {
            year,
            rows: rows.len() as u64,
            churn_events: ev,
            auc,
            reason,
            bands: count_bands(rows.iter(), s),
        });
    }
    let cal: Vec<(f64, bool)> = score_items.iter().map(|i| (i.value, i.churned)).collect();
    Backtest {
        rows: scored.len() as u64,
        unscored_rows: (labelled.len() - scored.len()) as u64,
        churn_events,
        churned_rows: score_items.iter().filter(|i| i.churned).count() as u64,
        auc,
        reason,
        auc_ci,
        components,
        bands,
        lift_red_over_green,
        per_year,
        calibration: calibration::deciles(&cal, s),
        early_warning: early_warning(snap, rev, s),
    }
}

/// Every churn (MRR > 0 in month m-1, 0 in m) with m-3 a scored month and m inside the data:
/// the band of the customer 1, 2 and 3 months before m.
fn early_warning(snap: &Snapshots, rev: &Revenue, s: &HealthSettings) -> EarlyWarning {
    let mut months: Vec<Before> =
        (1..=3).map(|before| Before { before, red: 0, yellow: 0, green: 0, unscored: 0 }).collect();
    let mut churned = 0;
    let offset = rev.first.map(|f| f.until(snap.first)).unwrap_or(0);
    for (i, row) in rev.mrr.iter().enumerate() {
        for t in 3..snap.months() as i32 {
            let k = (offset + t) as usize;
            let (Some(prev), Some(cur)) = (row.get(k - 1), row.get(k)) else { continue };
            if !(prev.is_sign_positive() && !prev.is_zero() && cur.is_zero()) {
                continue;
            }
            churned += 1;
            for b in months.iter_mut() {
                let band = snap
                    .get(i as u32, t - b.before as i32)
                    .and_then(Row::score)
                    .map(|h| crate::kpi::health::band(h, s));
                match band {
                    Some("red") => b.red += 1,
                    Some("yellow") => b.yellow += 1,
                    Some(_) => b.green += 1,
                    None => b.unscored += 1,
                }
            }
        }
    }
    EarlyWarning { churned, months }
}
