//! `northstar report`: import, compute, print JSON (spec/cli.md) or a readable table.

use super::args::ReportArgs;
use super::text;
use super::Failure;
use crate::import::mapping::MappingFile;
use crate::import::ImportReport;
use crate::kpi::{self, Kpis, Movement, PeriodOut, ReportRequest};
use crate::loader::{load, Input};
use crate::settings::Settings;
use crate::targets::TargetError;
use serde::Serialize;

#[derive(Serialize)]
struct Output<'a> {
    period: &'a PeriodOut,
    kpis: &'a Kpis,
    movements: &'a [Movement],
    import: &'a serde_json::Value,
    cohorts: &'a [kpi::cohorts::Cohort],
    csm: &'a [kpi::csm::CsmRow],
    scorecard: &'a kpi::scorecard::Scorecard,
    flags: &'a [kpi::flags::Flag],
    #[serde(skip_serializing_if = "Option::is_none")]
    breakdown: Option<kpi::breakdown::Breakdown>,
}

/// The import report as JSON, with the period's note (when the period was cut at the end of the
/// revenue data) among `import.warnings` as cli.md puts every warning there: `"file": null`, as it
/// is about no one file.
fn import_json(report: &ImportReport, note: Option<&str>) -> Result<serde_json::Value, String> {
    let mut v = serde_json::to_value(report).map_err(|e| e.to_string())?;
    if let (Some(note), Some(list)) = (note, v.get_mut("warnings").and_then(|w| w.as_array_mut())) {
        list.push(serde_json::json!({"file": null, "sheet": null, "message": note}));
    }
    Ok(v)
}

pub fn read_settings(path: Option<&std::path::Path>) -> Result<Settings, String> {
    let Some(path) = path else { return Ok(Settings::default()) };
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let s: Settings = serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
    s.validate().map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(s)
}

/// The app's data folder of `--store`: it must hold the app's store (an empty one made by mistake
/// would apply nothing and say nothing).
pub fn open_store(dir: &std::path::Path) -> Result<crate::store::Store, String> {
    if !crate::store::Store::exists_in(dir) {
        return Err(format!(
            "{}: no Northstar data there (the app's data folder holds northstar.sqlite3)",
            dir.display()
        ));
    }
    crate::store::Store::open(dir).map_err(|e| e.to_string())
}

/// The table corrections of a `--mapping FILE.json` (import/mapping.rs); none without the option.
pub fn read_mapping(
    path: Option<&std::path::Path>,
) -> Result<Vec<crate::import::mapping::TableOverride>, String> {
    let Some(path) = path else { return Ok(Vec::new()) };
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let file: MappingFile =
        serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
    Ok(file.tables)
}

/// Imports the files (the demo when none is given) exactly as the app does, with the corrections of
/// a `--mapping` file; fails when every row of every table was refused, saying which and why.
pub fn import(
    files: &[std::path::PathBuf],
    settings: &Settings,
    mapping: Option<&std::path::Path>,
) -> Result<crate::import::Imported, String> {
    let input = if files.is_empty() { Input::Demo } else { Input::Files(files.to_vec()) };
    let mut import_settings = settings.import();
    import_settings.mapping = read_mapping(mapping)?;
    let imported = load(&input, &import_settings).map_err(|e| e.to_string())?;
    // Nothing to report on when every row of every table was refused: say which and why.
    if let Some(e) = imported.report.no_usable_rows() {
        return Err(e);
    }
    Ok(imported)
}

/// The report of the imported data, or why there is none, naming the tables that were not
/// recognised or had every row refused: that is why nothing has a date.
pub fn report(
    imported: &crate::import::Imported,
    req: &ReportRequest,
    settings: &Settings,
) -> Result<kpi::Report, String> {
    kpi::report(&imported.dataset, req, settings).map_err(|e| {
        let why: Vec<String> = imported
            .report
            .warnings
            .iter()
            .map(|w| {
                format!(
                    "{}{}: {}",
                    w.file,
                    w.sheet.as_ref().map(|s| format!(" [{s}]")).unwrap_or_default(),
                    w.message
                )
            })
            .chain(imported.report.refused.iter().map(|r| r.message.clone()))
            .collect();
        if why.is_empty() {
            e.to_string()
        } else {
            format!("{e}\n{}", why.join("\n"))
        }
    })
}

/// A `--segment KEY=VALUE` that names no attribute, or a value no customer has, is bad usage
/// (exit 2, listing the valid ones): it would report on nobody.
pub(super) fn check_segment(
    imported: &crate::import::Imported,
    req: &ReportRequest,
) -> Result<(), Failure> {
    match &req.segment {
        Some((k, v)) => kpi::segment::check(&imported.dataset, k, v)
            .map_err(|e| Failure::Usage(format!("--segment: {e}"))),
        None => Ok(()),
    }
}

/// The targets of a `--targets FILE.json`; a KPI the file names wrongly is bad usage (exit 2).
pub(super) fn read_targets(
    path: Option<&std::path::Path>,
) -> Result<Vec<crate::targets::Target>, Failure> {
    let Some(path) = path else { return Ok(Vec::new()) };
    crate::targets::read_file(path).map_err(|e| {
        let msg = match &e {
            TargetError::File { .. } | TargetError::Malformed { .. } => e.to_string(),
            _ => format!("{}: {e}", path.display()),
        };
        if e.is_usage() {
            Failure::Usage(msg)
        } else {
            Failure::Input(msg)
        }
    })
}

pub fn run(a: &ReportArgs) -> Result<(), Failure> {
    let mut settings = read_settings(a.settings.as_deref())?;
    settings.targets = read_targets(a.targets.as_deref())?;
    let imported = import(&a.files, &settings, a.mapping.as_deref())?;
    let req =
        ReportRequest { from: a.from, to: a.to, segment: a.segment.clone(), with_details: false };
    check_segment(&imported, &req)?;
    if let Some(m) = &a.what_moved {
        return what_moved(m, a.json, &imported, &req, &settings);
    }
    if let Some(id) = &a.explain {
        let e = kpi::explain::explain(&imported.dataset, &req, &settings, id)
            .map_err(|e| e.to_string())?;
        if a.json {
            println!("{}", serde_json::to_string_pretty(&e).map_err(|e| e.to_string())?);
        } else {
            print!("{}", text::explanation(&e));
        }
        return Ok(());
    }
    let report = report(&imported, &req, &settings)?;
    let breakdown = match &a.breakdown {
        Some(key) => Some(
            kpi::breakdown::breakdown(&imported.dataset, &req, &settings, key)
                .map_err(|e| e.to_string())?,
        ),
        None => None,
    };
    let flags = kpi::flags::flags(&imported.dataset, &req, &settings).map_err(|e| e.to_string())?;
    // Tables whose every row was refused: one error naming each (the report goes on without them).
    if let Some(e) = imported.report.refused_error() {
        eprintln!("northstar: {}", e.replace('\n', "\nnorthstar: "));
    }
    if a.json {
        let out = Output {
            period: &report.period,
            kpis: &report.kpis,
            movements: &report.movements,
            import: &import_json(&imported.report, report.period.note.as_deref())?,
            cohorts: &report.cohorts,
            csm: &report.csm,
            scorecard: &report.scorecard,
            flags: &flags,
            breakdown,
        };
        println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
    } else {
        print!("{}", text::render(&report, &imported.report));
        print!("{}", text::flags(&flags));
        if let Some(b) = &breakdown {
            print!("{}", text::breakdown(b));
        }
    }
    Ok(())
}

/// `--what-moved KPI_ID [--by KEY] [--before-from M --before-to M]`: the WhatMoved JSON, or its
/// sentences and tables. An id or attribute it does not know is bad usage (exit 2), listing the
/// valid ones.
fn what_moved(
    m: &super::args::MovedArgs,
    json: bool,
    imported: &crate::import::Imported,
    req: &ReportRequest,
    settings: &Settings,
) -> Result<(), Failure> {
    let against = match m.before {
        Some((from, to)) => kpi::moved::Against::Months(kpi::Period { from, to }),
        None => kpi::moved::Against::Previous,
    };
    let w = kpi::moved::what_moved_between(
        &imported.dataset,
        req,
        against,
        settings,
        &m.kpi,
        m.by.as_deref(),
    )
    .map_err(|e| match e {
        kpi::KpiError::NotExplained { .. } | kpi::KpiError::UnknownAttribute { .. } => {
            Failure::Usage(e.to_string())
        }
        e => Failure::Input(e.to_string()),
    })?;
    if json {
        println!("{}", serde_json::to_string_pretty(&w).map_err(|e| e.to_string())?);
    } else {
        let currency = kpi::money::symbol(
            settings.currency_symbol.as_deref(),
            imported.dataset.currency.as_deref(),
        );
        print!("{}", text::what_moved(&w, &currency));
    }
    Ok(())
}
