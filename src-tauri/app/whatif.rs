//! Commands of the what-if panel: the baseline from the data, the live forecast with its baseline
//! and sensitivity, goal seek, and saved scenarios.

use super::data::{request, settings, ViewArgs};
use super::error::{contained, AppError};
use super::state::{Session, StoreState};
use crate::app_json::WhatIf;
use crate::forecast::{self, baseline::Baseline, GoalSeek, Metric, ScenarioInput, Vary};
use crate::kpi;
use crate::store::scenarios::{content_hash, BasedOn, Scenario};
use tauri::State;

pub(super) fn with_store<T>(
    store: &StoreState,
    f: impl FnOnce(&mut crate::store::Store) -> Result<T, crate::store::StoreError>,
) -> Result<T, AppError> {
    // Scenario commands run on the main thread: a panic there would end the app.
    contained("scenarios", || match &mut *store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => Ok(f(s)?),
        Err(e) => Err(AppError::NoStore(e.clone())),
    })
}

/// Scenario defaults from the loaded data at the end of the view's period, with their sources.
#[tauri::command]
pub async fn whatif_baseline(
    args: ViewArgs,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Baseline, AppError> {
    let settings = settings(&store);
    session.with(|loaded| {
        let req = kpi::ReportRequest { with_details: false, ..request(&args, loaded, &settings)? };
        let report = kpi::report(&loaded.dataset, &req, &settings)?;
        Ok(forecast::baseline::from_report(&report, &settings))
    })
}

/// The scenario beside its baseline, and the sensitivity of the scenario: one call per slider move.
#[tauri::command]
pub fn whatif_run(inputs: ScenarioInput, baseline: ScenarioInput) -> Result<WhatIf, AppError> {
    contained("whatif", || {
        let s = inputs.validate()?;
        let b = ScenarioInput { years: inputs.years, ..baseline }.validate()?;
        Ok(WhatIf {
            comparison: forecast::compare(&s, &b),
            sensitivity: forecast::sensitivity::sensitivity(&s),
        })
    })
}

#[tauri::command]
pub fn goal_seek(
    inputs: ScenarioInput,
    metric: Metric,
    target: f64,
    vary: Vary,
) -> Result<GoalSeek, AppError> {
    contained("goal seek", || {
        let s = inputs.validate()?;
        let target = crate::import::cells::decimal_from_f64(target)
            .map_err(|_| AppError::BadNumber("target".into()))?;
        Ok(forecast::seek(&s, metric, target, vary))
    })
}

#[tauri::command]
pub fn scenarios_list(store: State<'_, StoreState>) -> Result<Vec<Scenario>, AppError> {
    with_store(&store, |s| s.scenarios())
}

/// Saves a new scenario, remembering the data and period it was based on.
#[tauri::command]
pub async fn scenario_create(
    name: String,
    notes: String,
    inputs: ScenarioInput,
    args: ViewArgs,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Scenario, AppError> {
    inputs.validate()?;
    let settings = settings(&store);
    let based_on = contained("scenario", || {
        let guard = session.0.lock().unwrap_or_else(|e| e.into_inner());
        match guard.as_ref() {
            Some(loaded) => {
                let files = match &loaded.source {
                    super::state::Source::Files { paths } => paths.clone(),
                    super::state::Source::Demo { name } => vec![name.clone()],
                };
                let bytes: Vec<Vec<u8>> =
                    files.iter().filter_map(|p| std::fs::read(p).ok()).collect();
                let req = request(&args, loaded, &settings)?;
                let p = kpi::period::resolve(&loaded.dataset, req.from, req.to);
                Ok(BasedOn {
                    hash: (!bytes.is_empty())
                        .then(|| content_hash(bytes.iter().map(|b| b.as_slice()))),
                    files,
                    period_from: p.map(|p| p.from.to_string()),
                    period_to: p.map(|p| p.to.to_string()),
                })
            }
            None => Ok(BasedOn::default()),
        }
    })?;
    with_store(&store, |s| s.create_scenario(name.trim(), &notes, &inputs, &based_on))
}

#[tauri::command]
pub fn scenario_update(
    id: i64,
    inputs: ScenarioInput,
    notes: String,
    store: State<'_, StoreState>,
) -> Result<Scenario, AppError> {
    inputs.validate()?;
    with_store(&store, |s| s.update_scenario(id, &inputs, &notes))
}

#[tauri::command]
pub fn scenario_rename(
    id: i64,
    name: String,
    store: State<'_, StoreState>,
) -> Result<Scenario, AppError> {
    with_store(&store, |s| s.rename_scenario(id, name.trim()))
}

#[tauri::command]
pub fn scenario_duplicate(id: i64, store: State<'_, StoreState>) -> Result<Scenario, AppError> {
    with_store(&store, |s| s.duplicate_scenario(id))
}

#[tauri::command]
pub fn scenario_delete(id: i64, store: State<'_, StoreState>) -> Result<(), AppError> {
    with_store(&store, |s| s.delete_scenario(id))
}
