//! The commands the UI calls: each takes its state, calls the engine, maps the error. Imports run
//! on the async runtime, off the main thread, so the window stays responsive.

use super::error::AppError;
use super::state::{LaunchFiles, Loaded, Session, Source, StoreState};
use crate::import::ImportReport;
use crate::kpi::{self, Preset, Report, ReportRequest};
use crate::loader::{load, Input};
use crate::model::Month;
use crate::settings::Settings;
use crate::store::{LastImport, RecentFile};
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::State;

/// What the UI shows after an import.
#[derive(Serialize)]
pub struct DatasetView {
    pub source: Source,
    pub import: ImportReport,
    pub report: Report,
    pub recent: Vec<RecentFile>,
    /// A note for the user, e.g. why the last files could not be reopened.
    pub notice: Option<String>,
}

#[derive(Deserialize, Default)]
pub struct ReportArgs {
    /// A preset relative to the latest month of the data; `from`/`to` give a custom range.
    pub preset: Option<Preset>,
    pub from: Option<String>,
    pub to: Option<String>,
}

fn month(m: Option<String>) -> Result<Option<Month>, AppError> {
    m.map(|s| Month::parse_iso(&s).ok_or(AppError::BadMonth(s))).transpose()
}

fn recent(store: &StoreState) -> Vec<RecentFile> {
    match &*store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => s.recent_files().unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// Imports, computes the default report, and only then replaces the loaded data.
fn open(
    input: Input,
    session: &Session,
    store: &StoreState,
    notice: Option<String>,
) -> Result<DatasetView, AppError> {
    let settings = Settings::default();
    let mut import_settings = settings.import();
    if let (Input::Files(paths), Ok(s)) =
        (&input, &*store.0.lock().unwrap_or_else(|e| e.into_inner()))
    {
        // The user's corrections of kinds and columns, remembered per file.
        let keys: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        import_settings.mapping = s.mappings_for(&keys)?;
    }
    let imported = load(&input, &import_settings)?;
    let report = kpi::report(&imported.dataset, &ReportRequest::default(), &settings)?;
    let (source, last) = match &input {
        Input::Demo => (Source::Demo { name: crate::demo::FILE_NAME.into() }, LastImport::Demo),
        Input::Files(p) => {
            let paths: Vec<String> = p.iter().map(|x| x.display().to_string()).collect();
            (Source::Files { paths: paths.clone() }, LastImport::Files { paths })
        }
    };
    if let Ok(s) = &mut *store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        s.remember_import(&last)?;
    }
    let view =
        DatasetView { source, import: imported.report, report, recent: recent(store), notice };
    *session.0.lock().unwrap_or_else(|e| e.into_inner()) =
        Some(Loaded { dataset: imported.dataset });
    Ok(view)
}

/// At launch: the files given on the command line, else the last import, else the demo.
#[tauri::command]
pub async fn startup(
    launch: State<'_, LaunchFiles>,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<DatasetView, AppError> {
    if !launch.0.is_empty() {
        return open(Input::Files(launch.0.clone()), &session, &store, None);
    }
    let last = match &*store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => s.last_import().ok().flatten(),
        Err(_) => None,
    };
    if let Some(LastImport::Files { paths }) = last {
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        match open(Input::Files(paths), &session, &store, None) {
            Ok(v) => return Ok(v),
            Err(e) => {
                return open(
                    Input::Demo,
                    &session,
                    &store,
                    Some(format!(
                        "Could not reopen your last files ({e}); showing the demo workbook."
                    )),
                )
            }
        }
    }
    open(Input::Demo, &session, &store, None)
}

#[tauri::command]
pub async fn open_files(
    paths: Vec<String>,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<DatasetView, AppError> {
    open(Input::Files(paths.into_iter().map(PathBuf::from).collect()), &session, &store, None)
}

/// The native "Open workbook…" dialog; None when the user cancels.
#[tauri::command]
pub async fn choose_files(
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Option<DatasetView>, AppError> {
    let picked = rfd::AsyncFileDialog::new()
        .set_title("Open workbook")
        .add_filter("Spreadsheets", &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv"])
        .pick_files()
        .await;
    match picked {
        Some(files) if !files.is_empty() => {
            let paths = files.iter().map(|f| f.path().to_path_buf()).collect();
            open(Input::Files(paths), &session, &store, None).map(Some)
        }
        _ => Ok(None),
    }
}

#[tauri::command]
pub async fn open_demo(
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<DatasetView, AppError> {
    open(Input::Demo, &session, &store, None)
}

/// The report of the loaded data for another period.
#[tauri::command]
pub async fn report(args: ReportArgs, session: State<'_, Session>) -> Result<Report, AppError> {
    let guard = session.0.lock().unwrap_or_else(|e| e.into_inner());
    let loaded = guard.as_ref().ok_or(AppError::NoData)?;
    let mut req = ReportRequest { from: month(args.from)?, to: month(args.to)?, segment: None };
    if let (Some(p), Some(latest)) = (args.preset, kpi::period::latest_month(&loaded.dataset)) {
        let period = kpi::Period::preset(p, latest);
        req.from = Some(period.from);
        req.to = Some(period.to);
    }
    Ok(kpi::report(&loaded.dataset, &req, &Settings::default())?)
}
