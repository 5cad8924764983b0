//! The Health view: the backtest of the health score on the loaded data, its suggested weights
//! applied (and undone) in one click, and the at-risk list to CSV.

use super::data::settings;
use super::error::AppError;
use super::state::{Session, StoreState};
use super::whatif::with_store;
use crate::health::{health_backtest as backtest, BacktestOptions, HealthReport};
use crate::settings::{HealthWeights, Settings};
use tauri::State;

/// The view lists the 50 most likely; the CSV export has them all.
const SHOWN: usize = 50;

fn run(
    horizon: u32,
    limit: Option<usize>,
    session: &Session,
    store: &StoreState,
) -> Result<HealthReport, AppError> {
    if !(1..=24).contains(&horizon) {
        return Err(AppError::BadNumber(format!("horizon {horizon}")));
    }
    let settings = settings(store);
    let opts =
        BacktestOptions { horizon: Some(horizon), at_risk_limit: limit, ..Default::default() };
    session.with(|loaded| Ok(backtest(&loaded.dataset, &settings, &opts)?))
}

#[tauri::command]
pub async fn health_backtest(
    horizon: u32,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<HealthReport, AppError> {
    run(horizon, Some(SHOWN), &session, &store)
}

/// Puts the suggested weights in the settings; the ones they replace are kept for going back.
#[tauri::command]
pub fn apply_health_weights(
    weights: HealthWeights,
    store: State<'_, StoreState>,
) -> Result<Settings, AppError> {
    let check = Settings {
        health: crate::settings::HealthSettings { weights: weights.clone(), ..Default::default() },
        ..Default::default()
    };
    check.validate().map_err(AppError::Settings)?;
    with_store(&store, |s| s.apply_health_weights(&weights))
}

/// Back to the weights in use before the last "Apply suggested weights".
#[tauri::command]
pub fn restore_health_weights(store: State<'_, StoreState>) -> Result<Settings, AppError> {
    with_store(&store, |s| s.restore_health_weights())
}

/// The whole at-risk list of the Health view to CSV (formula-like cells escaped).
#[tauri::command]
pub async fn export_health_at_risk(
    horizon: u32,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Option<String>, AppError> {
    let r = run(horizon, None, &session, &store)?;
    let (columns, rows) = crate::health::at_risk::table(&r.at_risk, r.horizon);
    let name = format!("northstar-at-risk-next-{}.csv", r.at_risk_month);
    super::exports::save_rows("Export the customers at risk next", &name, &columns, &rows).await
}
