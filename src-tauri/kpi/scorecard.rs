//! The per-CSM scorecard: for each CSM, the team metrics over the customers they own (the `csm` of
//! the `customers` table, as in the per-CSM table), each with the team median (the median of the
//! CSMs' values) and the CSM's rank on it (1 = best, by the metric's good direction; equal values
//! share a rank). A metric the whole team has no value for (its table is missing, the data does not
//! cover the period, the currencies cannot be added up) is null for every CSM, with the team's
//! reason; a CSM without data of their own for it (no responses, no renewals due) is null and
//! unranked.

use super::csm::{self, CsmRow};
use super::formulas;
use super::period::Period;
use super::revenue::{Book, MovementKind};
use super::value::{mean_median, Kpi, Num, Unit};
use crate::model::{Dataset, FastMap, SurveyType};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

/// The team metrics, in the scorecard's order: onboarding, time to first value, effort, activity,
/// NPS, renewals, NRR, expansion (the period's expansion MRR) and logo churn.
pub const METRICS: &[(&str, Unit)] = &[
    ("onboarding_rating", Unit::Score),
    ("ttfv_days", Unit::Days),
    ("ces_mean", Unit::Score),
    ("engagement_activities", Unit::Count),
    ("advocacy_activities", Unit::Count),
    ("nps", Unit::Score),
    ("gross_renewal_rate", Unit::Ratio),
    ("nrr", Unit::Ratio),
    ("mrr_expansion", Unit::Money),
    ("customer_churn_rate", Unit::Ratio),
];

/// One column of the scorecard.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ScorecardMetric"))]
pub struct Metric {
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::ScorecardMetricId"))]
    pub id: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::GoodWhen"))]
    pub good_when: &'static str,
    /// The KPI over every customer of the view (the dashboard's value).
    pub team: Option<Num>,
    /// The median of the CSMs' values.
    pub median: Option<Num>,
    /// How many CSMs have a value (and a rank).
    pub ranked: usize,
    /// Why no CSM has a value: the team KPI's reason.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reason: Option<String>,
    /// The team target of the metric (the view's target for its KPI), when there is one.
    pub target_low: Option<Num>,
    pub target_high: Option<Num>,
}

/// A CSM's value of one metric, the team median beside it and the CSM's rank.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ScorecardCell"))]
pub struct Cell {
    pub value: Option<Num>,
    pub median: Option<Num>,
    pub rank: Option<usize>,
    /// Against the CSM's target for the metric (one set for that CSM, else the team's); null
    /// without a target or a value.
    pub status: Option<crate::targets::Status>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CsmScore {
    pub csm: String,
    /// Customers owned that are active at the end of the period.
    pub customers: usize,
    /// By metric id.
    #[cfg_attr(feature = "ts", ts(as = "BTreeMap<crate::bindings::ScorecardMetricId, Cell>"))]
    pub metrics: BTreeMap<&'static str, Cell>,
}

#[derive(Debug, Clone, Default, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scorecard {
    pub metrics: Vec<Metric>,
    pub csms: Vec<CsmScore>,
}

impl Scorecard {
    /// A CSM's cell of a metric.
    pub fn cell(&self, csm: &str, metric: &str) -> Option<Cell> {
        self.csms.iter().find(|c| c.csm == csm)?.metrics.get(metric).copied()
    }
    /// A metric's column.
    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }
}

/// The scorecard of period `p` (its per-CSM table worked out here), against the team KPIs `team`.
pub fn of_period(
    d: &Dataset,
    book: Option<&Book>,
    p: Period,
    team: &[(&'static str, Kpi)],
) -> Scorecard {
    build(d, book, p, &csm::table(d, book, p), team)
}

/// The scorecard from the period's per-CSM table `rows` and team KPIs `team`.
pub fn build(
    d: &Dataset,
    book: Option<&Book>,
    p: Period,
    rows: &[CsmRow],
    team: &[(&'static str, Kpi)],
) -> Scorecard {
    let own = own_figures(d, book, p, rows);
    // values[k][j]: CSM k's value of metric j.
    let mut values: Vec<Vec<Option<Decimal>>> = rows
        .iter()
        .zip(&own)
        .map(|(r, o)| {
            let n = |v: Option<Num>| v.map(|x| x.0);
            vec![
                n(r.onboarding_rating),
                n(r.ttfv_days),
                o.ces,
                Some(Decimal::from(r.engagement_activities)),
                Some(Decimal::from(r.advocacy_activities)),
                o.nps,
                o.renewal,
                n(r.nrr),
                o.expansion,
                n(r.customer_churn_rate),
            ]
        })
        .collect();
    let mut metrics = Vec::with_capacity(METRICS.len());
    let mut cells: Vec<BTreeMap<&'static str, Cell>> = vec![BTreeMap::new(); rows.len()];
    for (j, (id, unit)) in METRICS.iter().enumerate() {
        let kpi = team.iter().find(|(k, _)| k == id).map(|(_, k)| k);
        let reason = match kpi {
            Some(k) if k.is_known() => None,
            Some(k) => Some(k.reason().unwrap_or("not computable").to_string()),
            None => Some("not computable".to_string()),
        };
        if reason.is_some() {
            values.iter_mut().for_each(|v| v[j] = None);
        }
        let column: Vec<Option<Decimal>> = values.iter().map(|v| v[j]).collect();
        let good = formulas::good_when(id);
        let median = median(&column);
        let ranks = ranks(&column, good == "down");
        for (k, c) in cells.iter_mut().enumerate() {
            let cell = Cell {
                value: column[k].map(Num),
                median: median.map(Num),
                rank: ranks[k],
                status: None,
            };
            c.insert(id, cell);
        }
        metrics.push(Metric {
            id,
            label: formulas::find(id).map(|f| f.0).unwrap_or(id),
            unit: *unit,
            good_when: good,
            team: kpi.and_then(|k| k.number()).map(Num),
            median: median.map(Num),
            ranked: column.iter().flatten().count(),
            reason,
            target_low: None,
            target_high: None,
        });
    }
    let csms = rows
        .iter()
        .zip(cells)
        .map(|(r, metrics)| CsmScore { csm: r.csm.clone(), customers: r.customers, metrics })
        .collect();
    Scorecard { metrics, csms }
}

/// The median of the known values.
pub fn median(values: &[Option<Decimal>]) -> Option<Decimal> {
    mean_median(values.iter().flatten().copied().collect()).map(|m| m.1)
}

/// Each known value's rank, 1 = best (the highest, or the lowest when `lower_is_better`); equal
/// values share the best of their ranks (1, 1, 3).
pub fn ranks(values: &[Option<Decimal>], lower_is_better: bool) -> Vec<Option<usize>> {
    let better = |a: Decimal, b: Decimal| if lower_is_better { a < b } else { a > b };
    values
        .iter()
        .map(|v| {
            let v = (*v)?;
            Some(1 + values.iter().flatten().filter(|o| better(**o, v)).count())
        })
        .collect()
}

/// The figures the per-CSM table lacks: NPS, mean CES, gross renewal rate and expansion MRR.
#[derive(Default, Clone)]
struct Own {
    nps: Option<Decimal>,
    ces: Option<Decimal>,
    renewal: Option<Decimal>,
    expansion: Option<Decimal>,
}

/// NPS and CES of the responses of each CSM's customers dated in P, the gross renewal rate of their
/// renewals due in P, and the expansion MRR of their revenue rows over P's months: one pass over each
/// table with each customer's CSM looked up once.
fn own_figures(d: &Dataset, book: Option<&Book>, p: Period, rows: &[CsmRow]) -> Vec<Own> {
    let index: FastMap<&str, usize> =
        rows.iter().enumerate().map(|(k, r)| (r.csm.as_str(), k)).collect();
    let owner: FastMap<&str, usize> = d
        .customers
        .iter()
        .filter_map(|c| Some((c.id.as_str(), *index.get(c.csm.as_deref()?)?)))
        .collect();
    let of = |id: Option<&str>| id.and_then(|c| owner.get(c).copied());
    // (promoters - detractors, responses), (CES sum, responses), (kept ARR, renewable ARR)
    let mut nps = vec![(0i64, 0i64); rows.len()];
    let mut ces = vec![(0i64, 0i64); rows.len()];
    for s in d.surveys.iter().filter(|s| p.contains_date(s.date)) {
        let Some(k) = of(s.customer_id.as_deref()) else { continue };
        match s.kind {
            SurveyType::Nps => {
                nps[k].0 += i64::from(s.score >= 9) - i64::from(s.score <= 6);
                nps[k].1 += 1;
            }
            SurveyType::Ces => {
                ces[k].0 += s.score;
                ces[k].1 += 1;
            }
            _ => {}
        }
    }
    let mut renewals = vec![(Decimal::ZERO, Decimal::ZERO); rows.len()];
    for r in d.renewals.iter().filter(|r| p.contains_date(r.date)) {
        let Some(k) = of(Some(&r.customer_id)) else { continue };
        renewals[k].0 += r.renewed_arr.unwrap_or(Decimal::ZERO).min(r.renewable_arr);
        renewals[k].1 += r.renewable_arr;
    }
    let mut expansion: Vec<Option<Decimal>> = vec![None; rows.len()];
    if let Some(b) = book {
        for i in 0..b.customers() {
            let Some(k) = of(Some(&b.rev.ids[i])) else { continue };
            let sum = expansion[k].get_or_insert(Decimal::ZERO);
            for m in p.months() {
                if let Some((MovementKind::Expansion, v)) =
                    b.kind(i, m, b.mrr(i, m.prev()), b.mrr(i, m))
                {
                    *sum += v;
                }
            }
        }
    }
    let ratio = |a: Decimal, n: Decimal| (!n.is_zero()).then(|| a / n);
    (0..rows.len())
        .map(|k| Own {
            nps: ratio(Decimal::from(100 * nps[k].0), Decimal::from(nps[k].1)),
            ces: ratio(Decimal::from(ces[k].0), Decimal::from(ces[k].1)),
            renewal: ratio(renewals[k].0, renewals[k].1),
            expansion: expansion[k],
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(v: i64) -> Option<Decimal> {
        Some(Decimal::from(v))
    }

    /// Values 5, 9, 5, none, 2. Higher is better: 9 is 1st, the two 5s share 2nd, 2 is 4th (three
    /// values beat it). Lower is better: 2 is 1st, the 5s share 2nd, 9 is 4th. The CSM without a
    /// value has no rank. Median of 2, 5, 5, 9 = (5 + 5) / 2 = 5; of 1 and 4, 2.5.
    #[test]
    fn ranks_share_ties_and_follow_the_direction() {
        let v = [d(5), d(9), d(5), None, d(2)];
        assert_eq!(ranks(&v, false), [Some(2), Some(1), Some(2), None, Some(4)]);
        assert_eq!(ranks(&v, true), [Some(2), Some(4), Some(2), None, Some(1)]);
        assert_eq!(median(&v), d(5));
        assert_eq!(median(&[d(1), d(4)]), Some(Decimal::new(25, 1)));
        assert_eq!(median(&[None]), None);
    }
}
