//! Health score backtest (issue 19): does the health score of kpis.md predict churn in the user's
//! own history, which component does, which weights the history suggests, and who is likely to
//! churn next. Point in time: the score of month t uses only rows dated on or before the end of t
//! (`snapshot`), labelled by the next H months of revenue (`labels`).

pub mod at_risk;
pub mod auc;
mod backtest;
pub mod calibration;
pub mod forward;
pub mod labels;
pub mod logistic;
pub mod nps_outcomes;
pub mod snapshot;

pub use at_risk::AtRisk;
pub use backtest::{Backtest, BandStats, Bands, ComponentAuc, Components, EarlyWarning, YearStats};
pub use forward::ForwardAuc;
pub use nps_outcomes::NpsOutcomes;

use crate::model::{Dataset, Month};
use crate::settings::{HealthSettings, HealthWeights, Settings};
use serde::Serialize;

/// Fewer distinct churn events than this and an AUC says nothing: it is null with a reason.
pub const MIN_EVENTS: u64 = 20;
/// Months of history before the first scored month (t-5..t inside the data: the 90-day windows
/// and the 3-month MRR trend are whole).
pub const HISTORY_MONTHS: i32 = 6;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HealthError {
    #[error("the health backtest needs table mrr (or subscriptions): churn is MRR going to 0")]
    NoRevenue,
    #[error(
        "the revenue data covers {first} .. {last} ({months} months): the backtest needs {needed} \
         (6 months of history, then {horizon} to see who churned)"
    )]
    TooShort { first: Month, last: Month, months: i32, needed: i32, horizon: u32 },
}

#[derive(Debug, Clone)]
pub struct BacktestOptions {
    /// Churn horizon H in months; None = the settings' `health.horizon`.
    pub horizon: Option<u32>,
    /// Seed of the bootstrap.
    pub seed: u64,
    /// Bootstrap replicates for the AUC interval.
    pub replicates: usize,
    /// How many at-risk customers to keep (most likely first); None = all of them.
    pub at_risk_limit: Option<usize>,
    /// Fewer distinct churn events and AUCs and weights are null with a reason (MIN_EVENTS; a
    /// hand-worked test of a handful of customers lowers it).
    pub min_events: u64,
}

impl Default for BacktestOptions {
    fn default() -> Self {
        BacktestOptions {
            horizon: None,
            seed: 1,
            replicates: 200,
            at_risk_limit: None,
            min_events: MIN_EVENTS,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthRange {
    pub from: Month,
    pub to: Month,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HealthReport {
    pub horizon: u32,
    /// The labelled months of the backtest: from the first with 6 months of history to the last
    /// with H months of future.
    pub months: MonthRange,
    pub backtest: Backtest,
    /// Whole weights summing to 100, fitted on every backtest row; null with
    /// `suggested_weights_reason` when they cannot be.
    pub suggested_weights: Option<HealthWeights>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub suggested_weights_reason: Option<String>,
    pub forward_auc: ForwardAuc,
    pub nps_outcomes: NpsOutcomes,
    /// The month the at-risk customers are scored at: the last month of the revenue data.
    pub at_risk_month: Month,
    /// Customers active at `at_risk_month`, most likely to churn first (up to the option's limit).
    pub at_risk: Vec<AtRisk>,
    /// How many customers the full at-risk list has.
    pub at_risk_total: usize,
    /// What the backtest could not do from the data (never silently).
    pub notes: Vec<String>,
}

/// The backtest of the health score on the dataset, with the settings' weights and thresholds.
pub fn health_backtest(
    d: &Dataset,
    settings: &Settings,
    opts: &BacktestOptions,
) -> Result<HealthReport, HealthError> {
    let rev = d.revenue.as_ref().filter(|r| !r.is_empty()).ok_or(HealthError::NoRevenue)?;
    let (Some(first), Some(last)) = (rev.first, rev.last) else {
        return Err(HealthError::NoRevenue);
    };
    let horizon = opts.horizon.unwrap_or(settings.health.horizon).max(1);
    let s = HealthSettings { horizon, ..settings.health.clone() };
    let t0 = first.plus(HISTORY_MONTHS - 1);
    let t1 = last.plus(-(horizon as i32));
    if t1 < t0 {
        return Err(HealthError::TooShort {
            first,
            last,
            months: first.until(last) + 1,
            needed: HISTORY_MONTHS + horizon as i32,
            horizon,
        });
    }
    let snap = snapshot::build(d, rev, t0, &s, horizon);
    let labelled = (t0.until(t1) + 1) as u16;
    let bt = backtest::backtest(&snap, rev, &s, opts);
    let all: Vec<&snapshot::Row> = snap.rows.iter().filter(|r| r.churned().is_some()).collect();
    let fit = forward::suggest(&all, opts.min_events);
    let (suggested_weights, suggested_weights_reason) = match fit {
        Ok(w) => (Some(w), None),
        Err(e) => (None, Some(e)),
    };
    let forward_auc = forward::validate(&snap, labelled, horizon, &s, opts.min_events);
    let nps_outcomes = nps_outcomes::outcomes(&snap, rev);
    let (at_risk, at_risk_total) =
        at_risk::at_risk(d, &snap, rev, &bt.calibration, &s, opts.at_risk_limit);
    let notes = notes(d, &snap, rev, t1, horizon);
    Ok(HealthReport {
        horizon,
        months: MonthRange { from: t0, to: t1 },
        backtest: bt,
        suggested_weights,
        suggested_weights_reason,
        forward_auc,
        nps_outcomes,
        at_risk_month: last,
        at_risk,
        at_risk_total,
        notes,
    })
}

fn notes(
    d: &Dataset,
    snap: &snapshot::Snapshots,
    rev: &crate::model::Revenue,
    t1: Month,
    horizon: u32,
) -> Vec<String> {
    let mut out = Vec::new();
    if snap.rows.iter().any(|r| r.part(0).is_some()) {
        out.push(
            "utilization comes from customers.seats_active / seats_purchased, which have no date: \
             today's value is used at every month of the backtest, so its AUC may look better \
             than it could have been at the time"
                .to_string(),
        );
    }
    if let Some(last) = rev.last {
        out.push(format!(
            "months {} .. {last} are scored (the at-risk list) but not labelled: their next {horizon} \
             months pass the end of the revenue data ({last})",
            t1.next()
        ));
    }
    if !d.surveys.iter().any(|s| s.kind == crate::model::SurveyType::Nps) {
        out.push("no NPS responses: the nps component is missing at every month".into());
    }
    if !d.has_tickets {
        out.push("no tickets table: the support component is missing at every month".into());
    }
    if !d.has_activities {
        out.push("no activities table: the engagement component is missing at every month".into());
    }
    out
}
