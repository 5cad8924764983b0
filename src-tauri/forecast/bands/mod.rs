//! Forecast ranges from the user's own volatility (issue 20): the observed monthly rates of the
//! last N months (observed.rs), a seeded circular moving-block bootstrap of whole months
//! (bootstrap.rs), the KPI spec's recurrences per path (simulate.rs), and P10/P50/P90 of every
//! yearly figure, of MRR month by month and of CLV (quantiles.rs).
//!
//! The bands centre on the scenario (the calibrated baseline of kpis.md, or the sliders): each
//! drawn month's rates are moved by (centre - observed mean), so the spread comes from the data's
//! month-to-month variability and P50 stays near the deterministic forecast.

pub mod bootstrap;
pub mod observed;
pub mod quantiles;
pub mod simulate;

use super::goal_seek::Metric;
use super::scenario::Scenario;
use crate::kpi::Report;
use crate::model::Month;
use crate::settings::Settings;
use observed::{ObservedRates, RateSet};
use quantiles::Level;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;
use simulate::{Simulation, Start};

/// The setting `forecast_months`' default: the months of history the bands draw from.
pub const DEFAULT_MONTHS: u32 = 24;
pub const DEFAULT_PATHS: usize = 10_000;
pub const DEFAULT_SEED: u64 = 1;
/// The most paths (each keeps 2 x 12 x years figures: 100,000 x 10 years is 190 MB).
pub const MAX_PATHS: usize = 100_000;
/// Fewer observed months than one block cannot make a block bootstrap.
pub const MIN_MONTHS: usize = bootstrap::BLOCK;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BandsOptions {
    pub paths: usize,
    pub seed: u64,
}

impl Default for BandsOptions {
    fn default() -> Self {
        BandsOptions { paths: DEFAULT_PATHS, seed: DEFAULT_SEED }
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum BandsError {
    #[error(
        "forecast ranges need at least {MIN_MONTHS} months with customers active the month \
         before; the data has {0}"
    )]
    TooFewMonths(usize),
    #[error("the number of paths must be from 1 to {MAX_PATHS} (got {0})")]
    Paths(usize),
}

/// The observed rates as the panel shows them: the months used, their mean, the centre the bands
/// are moved to and the shift (centre - mean).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ObservedOut {
    /// First and last month used (null with no month).
    pub from: Option<String>,
    pub to: Option<String>,
    pub months: usize,
    pub mean: RateSet,
    pub centre: RateSet,
    pub shift: RateSet,
    /// The (month, rate) pairs the shift pushed out of range and were clamped.
    pub clamped: usize,
    /// Each month's rates, oldest first.
    pub rates: Vec<observed::MonthRates>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Bands {
    pub paths: usize,
    pub seed: u64,
    pub block_length: usize,
    /// Blocks wrap from the last observed month to the first (circular bootstrap).
    pub circular: bool,
    /// The months drawn from, their mean rates, the centre and the shift.
    pub observed: ObservedOut,
    pub p10: Level,
    pub p50: Level,
    pub p90: Level,
}

/// A scenario's drawn rates (the centre of the bands).
pub fn centre(s: &Scenario) -> RateSet {
    let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
    RateSet {
        monthly_churn: f(s.monthly_churn),
        monthly_revenue_churn: f(s.monthly_revenue_churn),
        monthly_expansion: f(s.monthly_expansion),
        monthly_contraction: f(s.monthly_contraction),
        new_customers_per_month: f(s.new_customers_per_month),
        new_customer_arpa: f(s.new_customer_arpa),
    }
}

fn start(s: &Scenario) -> Start {
    let f = |d: Decimal| d.to_f64().unwrap_or(0.0);
    Start {
        start_mrr: f(s.start_mrr),
        start_customers: f(s.start_customers),
        new_customer_growth: f(s.new_customer_growth),
        gross_margin: f(s.gross_margin),
        annual_discount_rate: f(s.annual_discount_rate),
        years: s.years,
    }
}

/// The paths of a scenario (its years) drawn from the observed months.
pub fn simulate(
    obs: &ObservedRates,
    s: &Scenario,
    opts: &BandsOptions,
) -> Result<(Simulation, ObservedOut), BandsError> {
    if obs.months.len() < MIN_MONTHS {
        return Err(BandsError::TooFewMonths(obs.months.len()));
    }
    if !(1..=MAX_PATHS).contains(&opts.paths) {
        return Err(BandsError::Paths(opts.paths));
    }
    let c = centre(s);
    let (table, clamped) = simulate::shifted(obs, c);
    let mean = obs.mean();
    let (m, cc) = (mean.to_array(), c.to_array());
    let out = ObservedOut {
        from: obs.months.first().map(|m| m.month.clone()),
        to: obs.months.last().map(|m| m.month.clone()),
        months: obs.months.len(),
        mean,
        centre: c,
        shift: RateSet::from_array(std::array::from_fn(|j| cc[j] - m[j])),
        clamped,
        rates: obs.months.clone(),
    };
    Ok((simulate::simulate(&table, &start(s), opts.paths, opts.seed), out))
}

/// P10, P50 and P90 of a scenario's forecast, with the observed rates they came from.
pub fn bands(obs: &ObservedRates, s: &Scenario, opts: &BandsOptions) -> Result<Bands, BandsError> {
    let (sim, observed) = simulate(obs, s, opts)?;
    let [p10, p50, p90] = quantiles::levels(&sim);
    let b = Bands {
        paths: opts.paths,
        seed: opts.seed,
        block_length: bootstrap::BLOCK,
        circular: true,
        observed,
        p10,
        p50,
        p90,
    };
    Ok(b)
}

/// The share of paths reaching a goal-seek target: year-1 NRR >= target, lifetime CLV >= target
/// (an unbounded CLV reaches any), or ARR at the end of the last year >= target.
pub fn chance(sim: &Simulation, metric: Metric, target: f64) -> f64 {
    let n = sim.paths;
    let values = match metric {
        Metric::Nrr => &sim.nrr[..n],
        Metric::Clv => &sim.clv[..],
        Metric::Arr => &sim.arr[(sim.years - 1) * n..],
    };
    values.iter().filter(|v| **v >= target).count() as f64 / n as f64
}

/// The observed months of a report: the `forecast_months` setting's months up to the end of its
/// period (the months of its `mrr_series`, which covers the whole data).
pub fn observed_of(r: &Report, settings: &Settings) -> ObservedRates {
    match Month::parse_iso(&r.period.to) {
        Some(to) => observed::from_series(&r.mrr_series, to, settings.forecast_months()),
        None => ObservedRates { months: Vec::new() },
    }
}

/// The ranges of a scenario (the baseline of `r`, or the what-if panel's) from the months of `r`:
/// what the app and `forecast --data --bands` show.
pub fn of_report(
    r: &Report,
    settings: &Settings,
    s: &Scenario,
    opts: &BandsOptions,
) -> Result<Bands, BandsError> {
    bands(&observed_of(r, settings), s, opts)
}

/// The share of paths of scenario `s` reaching a goal-seek target.
pub fn chance_of(
    obs: &ObservedRates,
    s: &Scenario,
    metric: Metric,
    target: f64,
    opts: &BandsOptions,
) -> Result<f64, BandsError> {
    let (sim, _) = simulate(obs, s, opts)?;
    Ok(chance(&sim, metric, target))
}
