//! The forecast checked against what happened (issue 20): at each of the last 12 month ends with
//! at least 12 months of history before it, the baseline from the data up to then (a report with
//! P = the 12 months ending there, `baseline::from_report`) forecasts 12 months ahead, with its
//! bands from the observed months up to then; each forecast MRR is compared with the actual MRR.
//! Per horizon h (months ahead): MAPE = mean |F - A| / A, bias = mean (F - A) / A (positive: the
//! forecast was too high), coverage = share of actual MRRs inside P10..P90 (near 80% when the
//! bands are honest). Months whose actual MRR is 0 or unknown have no percentage error and are
//! left out. The origins are the last 12 month ends that have at least one later month, so
//! horizon h is measured on at most 13 - h origins.

use super::bands::{self, observed, BandsOptions};
use super::{baseline, run};
use crate::kpi::value::to_f64;
use crate::kpi::{self, ReportRequest};
use crate::model::{Dataset, Month};
use crate::settings::Settings;
use serde::Serialize;

pub const ORIGINS: i32 = 12;
pub const HORIZON: u32 = 12;

#[derive(Debug, Clone, PartialEq)]
pub struct BacktestOptions {
    pub bands: BandsOptions,
    /// Months of history the bands draw from (the setting `forecast_months`).
    pub history_months: u32,
    pub segment: Option<(String, String)>,
}

impl Default for BacktestOptions {
    fn default() -> Self {
        BacktestOptions {
            bands: BandsOptions::default(),
            history_months: bands::DEFAULT_MONTHS,
            segment: None,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BacktestError {
    #[error("{0}")]
    Report(#[from] kpi::KpiError),
    #[error(
        "a backtest needs at least 13 months of revenue (12 of history and one to compare); \
         the data has {0}"
    )]
    TooShort(usize),
}

/// One month of one origin's forecast, beside what happened.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BacktestPoint"))]
pub struct Point {
    pub horizon: u32,
    pub month: String,
    /// The deterministic forecast of the baseline.
    pub forecast: f64,
    pub p10: f64,
    pub p50: f64,
    pub p90: f64,
    /// Null after the end of the data.
    pub actual: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BacktestOrigin"))]
pub struct Origin {
    /// The month end the forecast was made at.
    pub origin: String,
    /// MRR at the origin (the forecast's start).
    pub mrr: f64,
    pub points: Vec<Point>,
}

/// An origin with no forecast, and why (say, no customers at its end).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BacktestSkipped"))]
pub struct Skipped {
    pub origin: String,
    pub reason: String,
}

/// The errors of the forecasts `horizon` months ahead (0: every horizon together).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BacktestErrors"))]
pub struct Errors {
    pub horizon: u32,
    /// Forecasts compared with an actual MRR.
    pub pairs: usize,
    pub mape: Option<f64>,
    pub bias: Option<f64>,
    pub coverage: Option<f64>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ForecastBacktest"))]
pub struct Backtest {
    pub paths: usize,
    pub seed: u64,
    pub history_months: u32,
    pub origins: Vec<Origin>,
    pub skipped: Vec<Skipped>,
    /// h = 1..12.
    pub horizons: Vec<Errors>,
    /// Every horizon together (`horizon` 0).
    pub overall: Errors,
}

fn errors(horizon: u32, pts: &[&Point]) -> Errors {
    let pairs: Vec<(&Point, f64)> =
        pts.iter().filter_map(|p| p.actual.filter(|a| *a > 0.0).map(|a| (*p, a))).collect();
    let n = pairs.len() as f64;
    let avg = |f: &dyn Fn(&Point, f64) -> f64| {
        (!pairs.is_empty()).then(|| pairs.iter().map(|(p, a)| f(p, *a)).sum::<f64>() / n)
    };
    Errors {
        horizon,
        pairs: pairs.len(),
        mape: avg(&|p, a| ((p.forecast - a) / a).abs()),
        bias: avg(&|p, a| (p.forecast - a) / a),
        coverage: avg(&|p, a| if p.p10 <= a && a <= p.p90 { 1.0 } else { 0.0 }),
    }
}

pub fn backtest(
    data: &Dataset,
    settings: &Settings,
    opts: &BacktestOptions,
) -> Result<Backtest, BacktestError> {
    let request = |from: Option<Month>, to: Option<Month>| ReportRequest {
        from,
        to,
        segment: opts.segment.clone(),
        with_details: false,
    };
    let whole = kpi::report(data, &request(None, None), settings)?;
    let series: Vec<(Month, Option<f64>)> = whole
        .mrr_series
        .iter()
        .filter_map(|m| {
            let month = Month::parse_iso(&m.month)?;
            Some((month, m.unknown.is_none().then(|| to_f64(m.mrr))))
        })
        .collect();
    let (Some(first), Some(last)) = (series.first(), series.last()) else {
        return Err(BacktestError::TooShort(0));
    };
    let (first, last) = (first.0, last.0);
    let span = first.until(last) as usize + 1;
    if span < 13 {
        return Err(BacktestError::TooShort(span));
    }
    let actual = |m: Month| series.iter().find(|(x, _)| *x == m).and_then(|(_, v)| *v);
    let (mut origins, mut skipped) = (Vec::new(), Vec::new());
    let earliest = first.plus(12).max(last.plus(-ORIGINS));
    for o in Month::range(earliest, last.prev()) {
        let r = kpi::report(data, &request(Some(o.plus(-11)), Some(o)), settings)?;
        let mut base = baseline::from_report(&r, settings);
        base.inputs.years = Some(1.0);
        let s = match base.inputs.validate() {
            Ok(s) => s,
            Err(e) => {
                skipped.push(Skipped { origin: o.to_string(), reason: e.to_string() });
                continue;
            }
        };
        let obs = observed::from_series(&r.mrr_series, o, opts.history_months);
        let b = match bands::bands(&obs, &s, &opts.bands) {
            Ok(b) => b,
            Err(e) => {
                skipped.push(Skipped { origin: o.to_string(), reason: e.to_string() });
                continue;
            }
        };
        let f = run(&s);
        let points = (1..=HORIZON)
            .map(|h| {
                let i = h as usize - 1;
                let month = o.plus(h as i32);
                Point {
                    horizon: h,
                    month: month.to_string(),
                    forecast: to_f64(f.months[i].mrr.0),
                    p10: b.p10.months[i].mrr,
                    p50: b.p50.months[i].mrr,
                    p90: b.p90.months[i].mrr,
                    actual: (month <= last).then(|| actual(month)).flatten(),
                }
            })
            .collect();
        origins.push(Origin { origin: o.to_string(), mrr: to_f64(s.start_mrr), points });
    }
    let all: Vec<&Point> = origins.iter().flat_map(|o| &o.points).collect();
    let horizons = (1..=HORIZON)
        .map(|h| {
            let at: Vec<&Point> = all.iter().copied().filter(|p| p.horizon == h).collect();
            errors(h, &at)
        })
        .collect();
    let overall = errors(0, &all);
    Ok(Backtest {
        paths: opts.bands.paths,
        seed: opts.bands.seed,
        history_months: opts.history_months,
        origins,
        skipped,
        horizons,
        overall,
    })
}
