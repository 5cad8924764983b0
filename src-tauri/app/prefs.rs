//! Settings commands: read, save (applied at once by the next report), reset to defaults.

use super::error::{contained, AppError};
use super::state::StoreState;
use crate::settings::Settings;
use tauri::State;

#[tauri::command]
pub fn settings_get(store: State<'_, StoreState>) -> Settings {
    super::data::settings(&store)
}

#[tauri::command]
pub fn settings_save(
    settings: Settings,
    store: State<'_, StoreState>,
) -> Result<Settings, AppError> {
    settings.validate().map_err(AppError::Settings)?;
    contained("settings", || match &mut *store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => Ok(s.save_settings(&settings)?),
        Err(e) => Err(AppError::NoStore(e.clone())),
    })?;
    Ok(settings)
}

#[tauri::command]
pub fn settings_reset(store: State<'_, StoreState>) -> Result<Settings, AppError> {
    settings_save(Settings::default(), store)
}
