//! What the import tests share: files in memory, the import with default settings, a report's JSON
//! for a period, and the parts of a table's report they check.
#![allow(dead_code)]

use northstar::import::{import_sources, ImportSettings, Imported, Source, TableReport};
use northstar::kpi::{self, ReportRequest};
use northstar::model::Month;
use northstar::settings::Settings;
use serde_json::Value;

pub fn csv(name: &str, text: &str) -> Source {
    Source { name: name.into(), bytes: text.as_bytes().to_vec() }
}

/// A file of tests/fixtures/exports/.
pub fn fixture(name: &str) -> Source {
    let path = format!("{}/tests/fixtures/exports/{name}", env!("CARGO_MANIFEST_DIR"));
    Source { name: name.into(), bytes: std::fs::read(path).unwrap() }
}

pub fn import(sources: &[Source]) -> Imported {
    import_sources(sources, &ImportSettings::default()).unwrap()
}

pub fn report_with(imp: &Imported, from: &str, to: &str, settings: &Settings) -> Value {
    let req = ReportRequest {
        from: Month::parse_iso(from),
        to: Month::parse_iso(to),
        segment: None,
        with_details: false,
    };
    serde_json::to_value(kpi::report(&imp.dataset, &req, settings).unwrap()).unwrap()
}

pub fn report(imp: &Imported, from: &str, to: &str) -> Value {
    report_with(imp, from, to, &Settings::default())
}

pub fn warnings(imp: &Imported) -> Vec<String> {
    imp.report.warnings.iter().map(|w| w.message.clone()).collect()
}

pub fn issues(imp: &Imported) -> Vec<(usize, String, String)> {
    imp.report.issues.iter().map(|i| (i.row, i.column.clone(), i.reason.clone())).collect()
}

/// The canonical column a header maps to in a table's report.
pub fn maps(t: &TableReport, header: &str) -> String {
    let c = t.columns.iter().find(|c| c.header == header);
    c.unwrap_or_else(|| panic!("no column {header}")).maps_to.clone()
}

pub fn set_aside(t: &TableReport) -> Vec<(String, usize)> {
    t.set_aside.iter().map(|(k, v)| (k.clone(), *v)).collect()
}

pub fn rules(t: &TableReport) -> Vec<(String, usize)> {
    t.rules.iter().map(|r| (r.rule.clone(), r.rows)).collect()
}
