//! Suggested weights, and their forward-in-time validation: the regression is fitted on the
//! earlier labelled months and both weightings are scored on the later ones. The training months
//! end more than H months before the first test month (t + H < first test month), so that no
//! training label (which reads MRR of t+1..t+H) looks into a test month; no month is in both.

use super::auc::{self, Item};
use super::labels::events;
use super::logistic;
use super::snapshot::{Row, Snapshots};
use super::MonthRange;
use crate::kpi::health::combine;
use crate::settings::{HealthSettings, HealthWeights};
use serde::Serialize;

/// Labelled months as indexes from the first scored month (inclusive ranges).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split {
    pub train: (u16, u16),
    pub test: (u16, u16),
}

/// The last third of the `labelled` months (at least one) is the test; training runs from the
/// first month to H + 1 months before the first test month. None when that leaves no training
/// month.
pub fn split(labelled: u16, horizon: u32) -> Option<Split> {
    let n_test = (labelled / 3).max(1);
    let test_from = labelled.checked_sub(n_test)?;
    let train_to = test_from.checked_sub(u16::try_from(horizon).ok()?.checked_add(1)?)?;
    Some(Split { train: (0, train_to), test: (test_from, labelled - 1) })
}

/// The rows a split trains on: labelled rows of the training months.
pub fn training_rows(snap: &Snapshots, sp: Split) -> impl Iterator<Item = &Row> {
    snap.rows
        .iter()
        .filter(move |r| r.churned().is_some() && (sp.train.0..=sp.train.1).contains(&r.t))
}

/// The rows a split scores: labelled rows of the test months.
pub fn test_rows(snap: &Snapshots, sp: Split) -> impl Iterator<Item = &Row> {
    snap.rows
        .iter()
        .filter(move |r| r.churned().is_some() && (sp.test.0..=sp.test.1).contains(&r.t))
}

/// The weights the regression suggests from these labelled rows, or why there are none.
pub fn suggest(rows: &[&Row], min_events: u64) -> Result<HealthWeights, String> {
    let ev = events(rows.iter().copied());
    if ev < min_events {
        return Err(format!(
            "{ev} churn events: fewer than {min_events}, too few to fit weights on"
        ));
    }
    let x: Vec<[Option<f64>; 5]> = rows.iter().map(|r| r.options()).collect();
    let y: Vec<bool> = rows.iter().filter_map(|r| r.churned()).collect();
    let beta = logistic::fit(&x, &y).ok_or("the regression did not converge")?;
    logistic::weights(&beta)
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ForwardAuc {
    /// AUC on the test months of the score with the current weights.
    pub current: Option<f64>,
    /// AUC on the test months of the score with the weights fitted on the training months.
    pub suggested: Option<f64>,
    pub train: Option<MonthRange>,
    pub test: Option<MonthRange>,
    /// The weights fitted on the training months alone.
    pub weights: Option<HealthWeights>,
    pub test_rows: u64,
    pub test_churn_events: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reason: Option<String>,
}

pub fn validate(
    snap: &Snapshots,
    labelled: u16,
    horizon: u32,
    s: &HealthSettings,
    min_events: u64,
) -> ForwardAuc {
    let mut out = ForwardAuc {
        current: None,
        suggested: None,
        train: None,
        test: None,
        weights: None,
        test_rows: 0,
        test_churn_events: 0,
        reason: None,
    };
    let Some(sp) = split(labelled, horizon) else {
        out.reason = Some(format!(
            "{labelled} labelled months: too few to train on earlier months and test on later \
             ones more than {horizon} months apart"
        ));
        return out;
    };
    let range = |(a, b): (u16, u16)| MonthRange { from: snap.month(a), to: snap.month(b) };
    out.train = Some(range(sp.train));
    out.test = Some(range(sp.test));
    let train: Vec<&Row> = training_rows(snap, sp).collect();
    let test: Vec<&Row> = test_rows(snap, sp).filter(|r| r.score().is_some()).collect();
    out.test_rows = test.len() as u64;
    out.test_churn_events = events(test.iter().copied());
    let weights = match suggest(&train, min_events) {
        Ok(w) => w,
        Err(e) => {
            out.reason = Some(format!("training months: {e}"));
            return out;
        }
    };
    out.weights = Some(weights.clone());
    if out.test_churn_events < min_events {
        out.reason = Some(format!(
            "test months: {} churn events, fewer than {min_events}",
            out.test_churn_events
        ));
        return out;
    }
    let fitted = HealthSettings { weights, ..s.clone() };
    let score = |f: &dyn Fn(&Row) -> Option<f64>| {
        let items = auc::sorted(
            test.iter()
                .filter_map(|r| Some(Item { value: f(r)?, churned: r.churned()?, cust: r.cust }))
                .collect(),
        );
        auc::auc(&items)
    };
    out.current = score(&|r: &Row| r.score());
    out.suggested = score(&|r: &Row| combine(&r.options(), &fitted).0);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 12 labelled months, H = 3: test = the last 12 / 3 = 4 months (8..11), training ends at
    /// 8 - 3 - 1 = 4 (its labels read months up to 4 + 3 = 7, before the first test month).
    /// 5 months, H = 3: test 4..4, train 0..0. 4 months, H = 3: test 3..3, nothing to train on.
    #[test]
    fn split_leaves_the_horizon_between() {
        assert_eq!(split(12, 3), Some(Split { train: (0, 4), test: (8, 11) }));
        assert_eq!(split(5, 3), Some(Split { train: (0, 0), test: (4, 4) }));
        assert_eq!(split(4, 3), None);
        for n in 1..60u16 {
            for h in 1..6 {
                if let Some(sp) = split(n, h) {
                    assert!(sp.train.1 + (h as u16) < sp.test.0 && sp.test.1 == n - 1);
                }
            }
        }
    }
}
