//! The what-if panel's forecast ranges (P10/P50/P90 from the data's own monthly rates), the chance
//! of reaching a goal-seek target, and the backtest of the baseline forecast.

use super::data::{request, settings, ViewArgs};
use super::error::{contained, AppError};
use super::state::{Session, StoreState};
use crate::forecast::backtest::{backtest, Backtest, BacktestOptions};
use crate::forecast::bands::{chance_of, observed_of, of_report, Bands, BandsOptions};
use crate::forecast::{Metric, ScenarioInput};
use crate::kpi;
use tauri::State;

fn options(paths: usize, seed: u64) -> BandsOptions {
    BandsOptions { paths, seed }
}

/// The report of the view (its months are where the rates are drawn from).
fn view_report(
    args: &ViewArgs,
    session: &Session,
    store: &StoreState,
) -> Result<(kpi::Report, crate::settings::Settings), AppError> {
    let settings = settings(store);
    let report = session.with(|loaded| {
        let req = kpi::ReportRequest { with_details: false, ..request(args, loaded, &settings)? };
        Ok(kpi::report(&loaded.dataset, &req, &settings)?)
    })?;
    Ok((report, settings))
}

/// The ranges of the panel's scenario: its inputs are the centre the observed months are moved to.
#[tauri::command]
pub async fn whatif_bands(
    args: ViewArgs,
    inputs: ScenarioInput,
    paths: usize,
    seed: u64,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Bands, AppError> {
    let (report, settings) = view_report(&args, &session, &store)?;
    contained("forecast ranges", || {
        let s = inputs.validate()?;
        Ok(of_report(&report, &settings, &s, &options(paths, seed))?)
    })
}

/// The share of the scenario's paths that reach a goal-seek target (0..1).
// A command's arguments are the named fields the UI sends, plus the two states.
#[allow(clippy::too_many_arguments)]
#[tauri::command]
pub async fn goal_seek_chance(
    args: ViewArgs,
    inputs: ScenarioInput,
    metric: Metric,
    target: f64,
    paths: usize,
    seed: u64,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<f64, AppError> {
    let (report, settings) = view_report(&args, &session, &store)?;
    contained("goal seek", || {
        let s = inputs.validate()?;
        let observed = observed_of(&report, &settings);
        Ok(chance_of(&observed, &s, metric, target, &options(paths, seed))?)
    })
}

/// The baseline forecast made at each of the last 12 month ends, against what then happened.
#[tauri::command]
pub async fn forecast_backtest(
    args: ViewArgs,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Backtest, AppError> {
    let settings = settings(&store);
    session.with(|loaded| {
        let opts = BacktestOptions {
            history_months: settings.forecast_months(),
            segment: args.segment.clone(),
            ..Default::default()
        };
        Ok(backtest(&loaded.dataset, &settings, &opts)?)
    })
}
