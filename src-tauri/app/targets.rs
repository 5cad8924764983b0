//! Target commands for the Settings panel: read the user's targets (with the defaults and the
//! KPIs), save the whole list. The next report applies them (`data::settings` reads them).

use super::error::{contained, AppError};
use super::state::StoreState;
use crate::targets::{self, TargetInput, TargetsView};
use tauri::State;

#[tauri::command]
pub fn targets_get(store: State<'_, StoreState>) -> Result<TargetsView, AppError> {
    contained("targets_get", || match &*store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => Ok(targets::view(&s.targets()?)),
        Err(e) => Err(AppError::NoStore(e.clone())),
    })
}

/// Replaces the user's targets; a KPI without bounds has no target (its default is cleared). The
/// whole list is checked before anything is saved.
#[tauri::command]
pub fn targets_save(
    targets: Vec<TargetInput>,
    store: State<'_, StoreState>,
) -> Result<TargetsView, AppError> {
    let list = targets::from_inputs(&targets, crate::store::targets::SOURCE)?;
    contained("targets_save", || match &mut *store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => {
            s.save_targets(&list)?;
            Ok(targets::view(&s.targets()?))
        }
        Err(e) => Err(AppError::NoStore(e.clone())),
    })
}
