//! Commands about the data: opening files (with progress and cancel), the report for a view (period,
//! segment), explanations, breakdowns, segment attributes and mapping corrections.

use super::error::AppError;
use super::state::{CancelImport, Chosen, LaunchFiles, Loaded, Session, Source, StoreState};
pub use crate::app_json::{AgainstArgs, Attribute, DatasetView, KindInfo, ViewArgs};
use crate::import::{self, Control, ImportSettings, Progress};
use crate::kpi::{
    self, breakdown::Breakdown, explain::Explanation, moved::WhatMoved, Report, ReportRequest,
};
use crate::model::Month;
use crate::settings::Settings;
use crate::store::{LastImport, RecentFile};
use std::path::PathBuf;
use std::sync::atomic::Ordering;
use tauri::{AppHandle, Emitter, State};

fn month(m: Option<String>) -> Result<Option<Month>, AppError> {
    m.map(|s| Month::parse_iso(&s).ok_or(AppError::BadMonth(s))).transpose()
}

/// The user's settings with their targets (kept in the store's own table).
pub(crate) fn settings(store: &StoreState) -> Settings {
    match &*store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => Settings {
            targets: s.targets().unwrap_or_default(),
            ..s.settings().unwrap_or_default()
        },
        Err(_) => Settings::default(),
    }
}

/// The request of a view; a preset's quarters and year to date follow the fiscal year of `settings`.
pub(crate) fn request(
    args: &ViewArgs,
    loaded: &Loaded,
    settings: &Settings,
) -> Result<ReportRequest, AppError> {
    let mut req = ReportRequest {
        from: month(args.from.clone())?,
        to: month(args.to.clone())?,
        segment: args.segment.clone(),
        with_details: true,
    };
    if let (Some(p), Some(latest)) = (args.preset, kpi::period::latest_month(&loaded.dataset)) {
        let period = kpi::Period::preset(p, latest, settings.fiscal_start());
        req.from = Some(period.from);
        req.to = Some(period.to);
    }
    Ok(req)
}

fn recent(store: &StoreState) -> Vec<RecentFile> {
    match &*store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => s.recent_files().unwrap_or_default(),
        Err(_) => Vec::new(),
    }
}

/// Imports (reporting progress, cancellable), computes the default report, and only then replaces
/// the loaded data: a failed or cancelled import leaves the previous data on screen.
pub(crate) fn open(
    input: crate::loader::Input,
    app: &AppHandle,
    session: &Session,
    store: &StoreState,
    cancel: &CancelImport,
    notice: Option<String>,
) -> Result<DatasetView, AppError> {
    super::error::contained("open", || open_unguarded(input, app, session, store, cancel, notice))
}

fn open_unguarded(
    input: crate::loader::Input,
    app: &AppHandle,
    session: &Session,
    store: &StoreState,
    cancel: &CancelImport,
    notice: Option<String>,
) -> Result<DatasetView, AppError> {
    use crate::loader::Input;
    let settings = settings(store);
    let mut import_settings: ImportSettings = settings.import();
    if let (Input::Files(paths), Ok(s)) =
        (&input, &*store.0.lock().unwrap_or_else(|e| e.into_inner()))
    {
        let keys: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        import_settings.mapping = s.mappings_for(&keys)?;
        // Corrections remembered by header signature apply to the user's files, not the demo.
        import_settings.remembered = s.remembered_mappings()?;
    }
    cancel.0.store(false, Ordering::Relaxed);
    let sources = match &input {
        Input::Demo => vec![crate::demo::source()],
        Input::Files(p) => {
            p.iter().map(|x| import::Source::from_path(x)).collect::<Result<Vec<_>, _>>()?
        }
    };
    // Ten updates a second are plenty for a progress bar; one per 4,096 rows would keep the web
    // view busy redrawing on the core the import needs.
    let last = std::sync::Mutex::new(None::<std::time::Instant>);
    let progress = |p: &Progress| {
        let mut last = last.lock().unwrap_or_else(|e| e.into_inner());
        if last.is_some_and(|t| t.elapsed() < std::time::Duration::from_millis(100)) {
            return;
        }
        *last = Some(std::time::Instant::now());
        let _ = app.emit("import-progress", p);
    };
    let mut imported = import::import_with(
        &sources,
        &import_settings,
        Control { cancel: Some(&cancel.0), progress: Some(&progress) },
    )?;
    // The loaded data never changes: what the window asks of it again is kept (kpi/memo.rs).
    imported.dataset.keep_results();
    // Nothing to show when every row of every table was refused: the error names each table and
    // why (as the CLI's), and the previous data stays.
    if let Some(e) = imported.report.no_usable_rows() {
        return Err(AppError::NothingUsable(e));
    }
    let req = ReportRequest { with_details: true, ..Default::default() };
    let report = match kpi::report(&imported.dataset, &req, &settings) {
        Ok(r) => r,
        // Tables whose every row was refused are why nothing has a date.
        Err(kpi::KpiError::NoPeriod) if !imported.report.refused.is_empty() => {
            let refused = imported.report.refused_error().unwrap_or_default();
            let e = kpi::KpiError::NoPeriod;
            return Err(AppError::NothingUsable(format!("{e}\n{refused}")));
        }
        Err(e) => return Err(e.into()),
    };
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
    let view = DatasetView {
        label: source.label(),
        source: source.clone(),
        import: imported.report,
        report,
        recent: recent(store),
        notice,
    };
    let previous = session
        .0
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .replace(std::sync::Arc::new(Loaded { dataset: imported.dataset, source }));
    // Freeing the previous book's records takes a while on a large one; the new view need not wait.
    std::thread::spawn(move || drop(previous));
    Ok(view)
}

/// At launch: the files given on the command line, else the last import, else the demo.
#[tauri::command]
pub async fn startup(
    app: AppHandle,
    launch: State<'_, LaunchFiles>,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
    cancel: State<'_, CancelImport>,
) -> Result<DatasetView, AppError> {
    use crate::loader::Input;
    let recovered = match &*store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => s.recovered.clone(),
        Err(e) => Some(format!("Settings and scenarios will not be saved: {e}")),
    };
    if !launch.0.is_empty() {
        return open(Input::Files(launch.0.clone()), &app, &session, &store, &cancel, recovered);
    }
    let last = match &*store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => s.last_import().ok().flatten(),
        Err(_) => None,
    };
    if let Some(LastImport::Files { paths }) = last {
        let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
        match open(Input::Files(paths), &app, &session, &store, &cancel, recovered.clone()) {
            Ok(v) => return Ok(v),
            Err(e) => {
                let note =
                    format!("Could not reopen your last files ({e}); showing the demo workbook.");
                return open(Input::Demo, &app, &session, &store, &cancel, Some(note));
            }
        }
    }
    open(Input::Demo, &app, &session, &store, &cancel, recovered)
}

#[tauri::command]
pub async fn open_files(
    paths: Vec<String>,
    app: AppHandle,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
    cancel: State<'_, CancelImport>,
    chosen: State<'_, Chosen>,
) -> Result<DatasetView, AppError> {
    let paths: Vec<PathBuf> = paths.into_iter().map(PathBuf::from).collect();
    let recent: Vec<String> = recent(&store).into_iter().map(|r| r.path).collect();
    if let Some(p) =
        chosen.0.lock().unwrap_or_else(|e| e.into_inner()).first_unchosen(&paths, &recent)
    {
        return Err(AppError::NotChosen(p.display().to_string()));
    }
    open(crate::loader::Input::Files(paths), &app, &session, &store, &cancel, None)
}

/// The native "Open workbook…" dialog; None when the user cancels.
#[tauri::command]
pub async fn choose_files(
    app: AppHandle,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
    cancel: State<'_, CancelImport>,
) -> Result<Option<DatasetView>, AppError> {
    let picked = rfd::AsyncFileDialog::new()
        .set_title("Open workbook")
        .add_filter("Spreadsheets", &["xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv"])
        .pick_files()
        .await;
    match picked {
        Some(files) if !files.is_empty() => {
            let paths = files.iter().map(|f| f.path().to_path_buf()).collect();
            open(crate::loader::Input::Files(paths), &app, &session, &store, &cancel, None)
                .map(Some)
        }
        _ => Ok(None),
    }
}

#[tauri::command]
pub async fn open_demo(
    app: AppHandle,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
    cancel: State<'_, CancelImport>,
) -> Result<DatasetView, AppError> {
    open(crate::loader::Input::Demo, &app, &session, &store, &cancel, None)
}

/// Stops the running import at its next checkpoint; the previous data stays.
#[tauri::command]
pub fn cancel_import(cancel: State<'_, CancelImport>) {
    cancel.0.store(true, Ordering::Relaxed);
}

/// The report of the loaded data for a view.
#[tauri::command]
pub async fn report(
    args: ViewArgs,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Report, AppError> {
    let settings = settings(&store);
    session
        .run(move |loaded| {
            Ok(kpi::report(&loaded.dataset, &request(&args, loaded, &settings)?, &settings)?)
        })
        .await
}

/// Every KPI month by month for the view's sparklines (asked for after the dashboard is drawn).
#[tauri::command]
pub async fn trend(
    args: ViewArgs,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<kpi::Trend, AppError> {
    let settings = settings(&store);
    session
        .run(move |loaded| {
            Ok(kpi::trend(&loaded.dataset, &request(&args, loaded, &settings)?, &settings)?)
        })
        .await
}

/// The red flags of the view: KPIs that moved against their direction more than usual in its last
/// month, CSMs below the team median two quarters running (asked for after the dashboard is drawn).
#[tauri::command]
pub async fn flags(
    args: ViewArgs,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Vec<kpi::flags::Flag>, AppError> {
    let settings = settings(&store);
    session
        .run(move |loaded| {
            let req = request(&args, loaded, &settings)?;
            Ok(kpi::flags::flags(&loaded.dataset, &req, &settings)?)
        })
        .await
}

/// How one KPI of the view was computed, with the rows behind it.
#[tauri::command]
pub async fn explain(
    args: ViewArgs,
    kpi_id: String,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Explanation, AppError> {
    let settings = settings(&store);
    session
        .run(move |loaded| {
            let req = ReportRequest { with_details: false, ..request(&args, loaded, &settings)? };
            Ok(kpi::explain::explain(&loaded.dataset, &req, &settings, &kpi_id)?)
        })
        .await
}

impl AgainstArgs {
    fn engine(self) -> Result<kpi::moved::Against, AppError> {
        use kpi::moved::Against;
        Ok(match self {
            AgainstArgs::Previous => Against::Previous,
            AgainstArgs::YearEarlier => Against::YearEarlier,
            AgainstArgs::Months { from, to } => {
                let (Some(from), Some(to)) = (month(Some(from))?, month(Some(to))?) else {
                    return Ok(Against::Previous);
                };
                Against::Months(kpi::Period { from, to })
            }
        })
    }
}

/// Why a KPI moved against an earlier period: by movement, by group of attribute `by`, by account,
/// in sentences whose numbers name their rows.
#[tauri::command]
pub async fn what_moved(
    args: ViewArgs,
    kpi_id: String,
    by: Option<String>,
    against: AgainstArgs,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<WhatMoved, AppError> {
    let settings = settings(&store);
    let against = against.engine()?;
    session.with(|loaded| {
        let req = ReportRequest { with_details: false, ..request(&args, loaded, &settings)? };
        let d = &loaded.dataset;
        Ok(kpi::moved::what_moved_between(d, &req, against, &settings, &kpi_id, by.as_deref())?)
    })
}

/// A row of KPIs per value of a customer attribute, within the view's segment.
#[tauri::command]
pub async fn breakdown(
    args: ViewArgs,
    key: String,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Breakdown, AppError> {
    let settings = settings(&store);
    session
        .run(move |loaded| {
            let req = ReportRequest { with_details: false, ..request(&args, loaded, &settings)? };
            Ok(kpi::breakdown::breakdown(&loaded.dataset, &req, &settings, &key)?)
        })
        .await
}

/// The customer attributes a view can be filtered or broken down by, with their values.
#[tauri::command]
pub async fn attributes(session: State<'_, Session>) -> Result<Vec<Attribute>, AppError> {
    session.with(|loaded| {
        let d = &loaded.dataset;
        Ok(kpi::breakdown::keys(d)
            .into_iter()
            .map(|key| Attribute { values: kpi::breakdown::values(d, &key), key })
            .collect())
    })
}

/// The files on screen, which a correction or its undo imports again.
fn current_input(session: &Session) -> crate::loader::Input {
    match session.0.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(|l| l.source.clone()) {
        Some(Source::Files { paths }) => {
            crate::loader::Input::Files(paths.into_iter().map(PathBuf::from).collect())
        }
        _ => crate::loader::Input::Demo,
    }
}

/// Saves the user's correction of a file's tables and imports the current files again. A
/// correction is remembered by its table's header signature (exports.md §10), so any later table
/// with the same headers gets it whatever its file is called; an entry that only includes a hidden
/// sheet stays with the file. A correction that does not fit its table is refused before anything
/// is saved.
#[tauri::command]
pub async fn set_mapping(
    path: String,
    overrides: Vec<import::mapping::TableOverride>,
    app: AppHandle,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
    cancel: State<'_, CancelImport>,
) -> Result<DatasetView, AppError> {
    // A correction applies to one of the files on screen, which are then imported again.
    let on_screen = matches!(
        session.0.lock().unwrap_or_else(|e| e.into_inner()).as_ref().map(|l| &l.source),
        Some(Source::Files { paths }) if paths.contains(&path)
    );
    if !on_screen {
        return Err(AppError::NotChosen(path));
    }
    let (include, corrections): (Vec<_>, Vec<_>) =
        overrides.into_iter().partition(|o| o.is_include_only());
    // Each correction's table is read again for its header signature (a bug there is contained).
    let remembered = super::error::contained("set_mapping", || {
        if corrections.is_empty() {
            return Ok(Vec::new());
        }
        let src = import::Source::from_path(std::path::Path::new(&path))?;
        corrections
            .into_iter()
            .map(|c| {
                let headers = import::remember::signature_in(&src, &c)?;
                Ok(import::mapping::TableOverride { headers: Some(headers), ..c })
            })
            .collect::<Result<Vec<_>, AppError>>()
    })?;
    if let Ok(s) = &mut *store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        s.save_corrections(&path, &include, &remembered)?;
    }
    open(current_input(&session), &app, &session, &store, &cancel, None)
}

/// Forgets a remembered correction (the Data view's Undo) by the header signature the import report
/// gave it, and imports the current files again.
#[tauri::command]
pub async fn forget_mapping(
    headers: Vec<String>,
    app: AppHandle,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
    cancel: State<'_, CancelImport>,
) -> Result<DatasetView, AppError> {
    match &mut *store.0.lock().unwrap_or_else(|e| e.into_inner()) {
        Ok(s) => {
            s.forget_mapping(&headers)?;
        }
        Err(e) => return Err(AppError::NoStore(e.clone())),
    }
    open(current_input(&session), &app, &session, &store, &cancel, None)
}

/// The table kinds and their canonical columns, for the mapping editor.
#[tauri::command]
pub fn table_kinds() -> Vec<KindInfo> {
    import::synonyms::KINDS
        .iter()
        .map(|k| KindInfo { id: k.id, columns: k.columns.iter().map(|c| c.name).collect() })
        .collect()
}
