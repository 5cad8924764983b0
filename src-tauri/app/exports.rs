//! Export commands: ask where to save (native dialog), then write with the engine's exporters.

use super::data::{request, settings, ViewArgs};
use super::error::{contained, AppError};
use super::state::{Session, StoreState};
use crate::export::InputSource;
use crate::forecast::ScenarioInput;
use crate::import::TableKind;
use crate::kpi;
use tauri::State;

pub(super) async fn save_path(title: &str, name: &str, ext: &str) -> Option<std::path::PathBuf> {
    rfd::AsyncFileDialog::new()
        .set_title(title)
        .set_file_name(name)
        .add_filter(ext, &[ext])
        .save_file()
        .await
        .map(|f| f.path().to_path_buf())
}

/// The report of the view and what its export says besides it (source, segment, currency).
fn report_and_meta(
    args: &ViewArgs,
    session: &Session,
    store: &StoreState,
) -> Result<(kpi::Report, crate::export::ReportMeta), AppError> {
    contained("export", || {
        let settings = settings(store);
        let guard = session.0.lock().unwrap_or_else(|e| e.into_inner());
        let loaded = guard.as_ref().ok_or(AppError::NoData)?;
        let req = kpi::ReportRequest { with_details: false, ..request(args, loaded, &settings)? };
        let meta = crate::export::ReportMeta {
            source: loaded.source.label(),
            segment: req.segment.clone(),
            currency: Some(kpi::money::symbol(
                settings.currency_symbol.as_deref(),
                loaded.dataset.currency.as_deref(),
            )),
        };
        Ok((kpi::report(&loaded.dataset, &req, &settings)?, meta))
    })
}

/// The dashboard of the view to .xlsx or .csv; returns where it was written (None if cancelled).
/// The default file name carries the period (and the segment).
#[tauri::command]
pub async fn export_report(
    args: ViewArgs,
    format: String,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Option<String>, AppError> {
    let ext = if format == "csv" { "csv" } else { "xlsx" };
    let (report, meta) = report_and_meta(&args, &session, &store)?;
    let name = crate::export::report_file_name(&report, meta.segment.as_ref(), ext);
    let Some(path) = save_path("Export the dashboard", &name, ext).await else {
        return Ok(None);
    };
    contained("export", || {
        if ext == "csv" {
            crate::export::report_csv(&report, &path)?;
        } else {
            crate::export::report_xlsx(&report, &meta, &path)?;
        }
        Ok(Some(path.display().to_string()))
    })
}

/// The Scorecard view to .xlsx (Targets, CSM scorecard) or .csv (both tables, a `table` column
/// first); returns where it was written (None if cancelled).
#[tauri::command]
pub async fn export_scorecard(
    args: ViewArgs,
    format: String,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Option<String>, AppError> {
    let ext = if format == "csv" { "csv" } else { "xlsx" };
    let (report, meta) = report_and_meta(&args, &session, &store)?;
    let name = crate::export::scorecard_file_name(&report, meta.segment.as_ref(), ext);
    let Some(path) = save_path("Export the scorecard", &name, ext).await else {
        return Ok(None);
    };
    contained("export", || {
        if ext == "csv" {
            crate::export::scorecard_csv(&report, &meta, &path)?;
        } else {
            crate::export::scorecard_xlsx(&report, &meta, &path)?;
        }
        Ok(Some(path.display().to_string()))
    })
}

/// A scenario and its yearly table beside the baseline, with its assumptions (each input, its
/// value, where it came from and the baseline's value; `sources` are the baseline's), to .xlsx.
#[tauri::command]
pub async fn export_scenario(
    name: String,
    inputs: ScenarioInput,
    baseline: ScenarioInput,
    sources: Option<Vec<InputSource>>,
    store: State<'_, StoreState>,
) -> Result<Option<String>, AppError> {
    let s = inputs.validate()?;
    let b = ScenarioInput { years: baseline.years.or(inputs.years), ..baseline }.validate()?;
    let currency = settings(&store).currency_symbol;
    let Some(path) = save_path("Export the scenario", &format!("{name}.xlsx"), "xlsx").await else {
        return Ok(None);
    };
    contained("export", || {
        let sources = sources.unwrap_or_default();
        crate::export::scenario_xlsx(&name, &s, &b, &sources, currency.as_deref(), &path)?;
        Ok(Some(path.display().to_string()))
    })
}

/// A template of a table kind (`usage`, `orders`, …) to .xlsx: its header row in plain words, two
/// example rows and a sheet on how to fill it.
#[tauri::command]
pub async fn save_template(kind: String) -> Result<Option<String>, AppError> {
    let kind = TableKind::from_id(&kind).ok_or(AppError::UnknownKind(kind))?;
    let name = crate::export::template_file_name(kind);
    let Some(path) = save_path("Save the template", &name, "xlsx").await else {
        return Ok(None);
    };
    contained("export", || {
        crate::export::template_xlsx(kind, &path)?;
        Ok(Some(path.display().to_string()))
    })
}

/// A chart as PNG (the bytes come from the chart's canvas).
#[tauri::command]
pub async fn save_png(name: String, bytes: Vec<u8>) -> Result<Option<String>, AppError> {
    if !bytes.starts_with(&[0x89, b'P', b'N', b'G']) {
        return Err(AppError::BadNumber("image".into()));
    }
    let Some(path) = save_path("Save the chart", &format!("{name}.png"), "png").await else {
        return Ok(None);
    };
    std::fs::write(&path, bytes).map_err(|e| crate::export::ExportError::Write {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    Ok(Some(path.display().to_string()))
}

/// The rows behind a KPI to CSV (cells that would run as formulas are escaped).
#[tauri::command]
pub async fn export_explanation(
    args: ViewArgs,
    kpi_id: String,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Option<String>, AppError> {
    let e = contained("export", || {
        let settings = settings(&store);
        let guard = session.0.lock().unwrap_or_else(|e| e.into_inner());
        let loaded = guard.as_ref().ok_or(AppError::NoData)?;
        let req = kpi::ReportRequest { with_details: false, ..request(&args, loaded, &settings)? };
        Ok(kpi::explain::explain(&loaded.dataset, &req, &settings, &kpi_id)?)
    })?;
    save_rows("Export the rows", &format!("{kpi_id}.csv"), &e.columns, &e.rows).await
}

/// Asks where to save a table and writes it as CSV (formula-like cells escaped); None if cancelled.
pub(super) async fn save_rows(
    title: &str,
    name: &str,
    columns: &[String],
    rows: &[Vec<serde_json::Value>],
) -> Result<Option<String>, AppError> {
    let Some(path) = save_path(title, name, "csv").await else {
        return Ok(None);
    };
    contained("export", || {
        crate::export::rows_csv(columns, rows, &path)?;
        Ok(Some(path.display().to_string()))
    })
}

/// The dashboard's at-risk list (the lowest health scores, with ARR, CSM and next renewal) to CSV.
#[tauri::command]
pub async fn export_at_risk(
    args: ViewArgs,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Option<String>, AppError> {
    let (columns, rows, period) = contained("export", || {
        let settings = settings(&store);
        let guard = session.0.lock().unwrap_or_else(|e| e.into_inner());
        let loaded = guard.as_ref().ok_or(AppError::NoData)?;
        let req = kpi::ReportRequest { with_details: true, ..request(&args, loaded, &settings)? };
        let r = kpi::report(&loaded.dataset, &req, &settings)?;
        let (columns, rows) = kpi::details::at_risk_table(&r.details.riskiest);
        Ok((columns, rows, format!("{}-to-{}", r.period.from, r.period.to)))
    })?;
    let name = format!("northstar-at-risk-customers-{period}.csv");
    save_rows("Export the at-risk customers", &name, &columns, &rows).await
}

/// The breakdown table of the view (a row of KPIs per value of the attribute `key`) to CSV.
#[tauri::command]
pub async fn export_breakdown(
    args: ViewArgs,
    key: String,
    session: State<'_, Session>,
    store: State<'_, StoreState>,
) -> Result<Option<String>, AppError> {
    let (columns, rows, period) = contained("export", || {
        let settings = settings(&store);
        let guard = session.0.lock().unwrap_or_else(|e| e.into_inner());
        let loaded = guard.as_ref().ok_or(AppError::NoData)?;
        let req = kpi::ReportRequest { with_details: false, ..request(&args, loaded, &settings)? };
        let b = kpi::breakdown::breakdown(&loaded.dataset, &req, &settings, &key)?;
        let p = kpi::period::resolve(&loaded.dataset, req.from, req.to)
            .map(|p| format!("-{}-to-{}", p.from, p.to))
            .unwrap_or_default();
        let (columns, rows) = kpi::breakdown::table(&b);
        Ok((columns, rows, p))
    })?;
    let slug: String = key
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let name = format!("northstar-by-{slug}{period}.csv");
    save_rows("Export the breakdown", &name, &columns, &rows).await
}
