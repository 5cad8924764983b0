//! The board pack command: the PDF of the loaded data for the view's period and segment, with the
//! settings, targets and saved scenarios, written where the user chooses.

use super::data::{request, settings, ViewArgs};
use super::error::{contained, AppError};
use super::exports::save_path;
use super::state::{Session, Source, StoreState};
use tauri::State;

/// Asks where to save, then writes the board pack there; returns the path (None if cancelled).
#[tauri::command]
pub async fn board_pack(
    args: ViewArgs,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Option<String>, AppError> {
    let input = contained("board pack", || {
        let settings = settings(&store);
        // No store (it could not be opened at start): a pack without the scenarios section.
        let (saved, edits) = match &*store.0.lock().unwrap_or_else(|e| e.into_inner()) {
            Ok(s) => (s.scenarios()?, s.theme_edits()?),
            Err(_) => (Vec::new(), Default::default()),
        };
        let guard = session.0.lock().unwrap_or_else(|e| e.into_inner());
        let loaded = guard.as_ref().ok_or(AppError::NoData)?;
        let req = request(&args, loaded, &settings)?;
        let paths: Vec<std::path::PathBuf> = match &loaded.source {
            Source::Demo { .. } => Vec::new(),
            Source::Files { paths } => paths.iter().map(std::path::PathBuf::from).collect(),
        };
        let files = crate::pack::data_files(&paths);
        Ok(crate::pack::gather(&loaded.dataset, &req, &settings, files, &saved, &edits)?)
    })?;
    let p = &input.report.period;
    let name = format!("board-pack-{}-{}.pdf", p.from, p.to);
    let Some(path) = save_path("Save the board pack", &name, "pdf").await else {
        return Ok(None);
    };
    contained("board pack", || {
        crate::pack::write(&input, &path)?;
        Ok(Some(path.display().to_string()))
    })
}
