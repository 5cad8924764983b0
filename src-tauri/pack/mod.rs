//! The board pack: one PDF of the period for a board or an executive review (issue 18): a cover,
//! the headline KPIs against the previous period and their targets, the MRR bridge, the retention
//! and churn trends, the cohort heatmap, NPS and CSAT, what moved, the riskiest accounts and the
//! saved scenarios compared. Vector charts, selectable text in embedded fonts (krilla), and the
//! same bytes for the same input: no clock, no random ids. No Tauri types: the CLI and the app
//! both call `gather` then `board_pack`.

mod charts;
pub mod layout;
mod pages;
pub mod risknext;
mod tables;
pub mod themes;

pub use layout::Paper;

use crate::kpi::{self, ReportRequest};
use crate::model::Dataset;
use crate::settings::Settings;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};

/// A data file of the pack, as its cover names it.
#[derive(Debug, Clone, PartialEq)]
pub struct DataFile {
    pub name: String,
    /// When it was last modified (YYYY-MM-DD, UTC); None for the built-in demo workbook.
    pub modified: Option<String>,
}

/// One year of a saved scenario's forecast.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioYear {
    pub year: u32,
    pub arr: Decimal,
    pub nrr: Decimal,
}

/// A saved scenario as the pack compares it: its forecast year by year, or why there is none.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioSummary {
    pub name: String,
    pub years: Vec<ScenarioYear>,
    /// Why the scenario could not be forecast (its inputs no longer validate).
    pub problem: Option<String>,
}

/// Everything a pack shows, worked out by the engine beforehand: drawing it computes nothing.
#[derive(Debug, Clone)]
pub struct PackInput {
    /// The cover's title: the `company` setting, else the first data file's name without its
    /// extension.
    pub company: String,
    pub paper: Paper,
    /// The money symbol, as the app shows it (kpi::money::symbol).
    pub currency: String,
    /// The view's segment (KEY, VALUE), when the pack is of one.
    pub segment: Option<(String, String)>,
    /// The report of the period, with its details (distributions, riskiest accounts).
    pub report: kpi::Report,
    /// Each KPI month by month over the last (up to) 12 months of the period.
    pub trend: kpi::Trend,
    pub files: Vec<DataFile>,
    pub scenarios: Vec<ScenarioSummary>,
    /// Why the headline numbers moved: one paragraph of kpi::moved::what_moved sentences per KPI;
    /// the section is left out when empty.
    pub what_moved: Vec<String>,
    /// The customers most likely to churn next, from the health backtest, or why it could not run.
    pub at_risk: Result<risknext::AtRiskNext, String>,
    /// The themes of the period's comments, with the user's theme edits; None without comments.
    pub voice: Option<crate::voice::Voice>,
}

/// Errors of the board pack.
#[derive(Debug, thiserror::Error)]
pub enum PackError {
    #[error(transparent)]
    Kpi(#[from] kpi::KpiError),
    #[error("the embedded fonts could not be read")]
    Fonts,
    #[error("the PDF could not be written: {0}")]
    Pdf(String),
    #[error("{path}: {reason}")]
    Write { path: String, reason: String },
}

/// The files' names and modification dates (the demo workbook when `paths` is empty).
pub fn data_files(paths: &[PathBuf]) -> Vec<DataFile> {
    if paths.is_empty() {
        return vec![DataFile { name: crate::demo::FILE_NAME.to_string(), modified: None }];
    }
    paths
        .iter()
        .map(|p| DataFile {
            name: p.file_name().unwrap_or(p.as_os_str()).to_string_lossy().into_owned(),
            modified: std::fs::metadata(p)
                .and_then(|m| m.modified())
                .ok()
                .map(|t| chrono::DateTime::<chrono::Utc>::from(t).format("%Y-%m-%d").to_string()),
        })
        .collect()
}

/// The company the pack is of: the setting, else the first file's name without its extension.
pub fn company(settings: &Settings, files: &[DataFile]) -> String {
    if let Some(c) = settings.company.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        return c.to_string();
    }
    files
        .first()
        .map(|f| Path::new(&f.name).file_stem().unwrap_or_default().to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Northstar".to_string())
}

/// Each saved scenario's forecast, year by year.
pub fn scenarios(saved: &[crate::store::scenarios::Scenario]) -> Vec<ScenarioSummary> {
    saved
        .iter()
        .map(|s| match s.inputs.validate() {
            Ok(valid) => ScenarioSummary {
                name: s.name.clone(),
                years: crate::forecast::run(&valid)
                    .years
                    .iter()
                    .map(|y| ScenarioYear { year: y.year, arr: y.arr.0, nrr: y.nrr.0 })
                    .collect(),
                problem: None,
            },
            Err(e) => ScenarioSummary {
                name: s.name.clone(),
                years: Vec::new(),
                problem: Some(e.to_string()),
            },
        })
        .collect()
}

/// The pack's input from the data and the view: the report with its details, the monthly trend,
/// the files, the scenarios, and what moved the headline KPIs.
pub fn gather(
    data: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
    files: Vec<DataFile>,
    saved: &[crate::store::scenarios::Scenario],
    edits: &crate::voice::ThemeEdits,
) -> Result<PackInput, PackError> {
    let req = ReportRequest { with_details: true, ..req.clone() };
    let report = kpi::report(data, &req, settings)?;
    let trend = kpi::trend(data, &req, settings)?;
    Ok(PackInput {
        company: company(settings, &files),
        paper: settings.paper.as_deref().and_then(Paper::parse).unwrap_or_default(),
        currency: kpi::money::symbol(settings.currency_symbol.as_deref(), data.currency.as_deref()),
        segment: req.segment.clone(),
        report,
        trend,
        files,
        scenarios: scenarios(saved),
        what_moved: moved(data, &req, settings),
        at_risk: risknext::gather(data, &req, settings),
        voice: themes::gather(data, &req, settings, edits),
    })
}

/// The KPIs whose change the pack explains, in the order a board reads them.
const MOVED: [&str; 4] = ["arr", "nrr", "customer_churn_rate", "nps"];

/// One paragraph per headline KPI: its what-moved sentences, by segment when the data has segments,
/// and in a view of one segment by the first other attribute (plan, CSM...). A KPI the engine
/// cannot explain here is left out.
fn moved(data: &Dataset, req: &ReportRequest, settings: &Settings) -> Vec<String> {
    let keys = kpi::breakdown::keys(data);
    let filtered = req.segment.as_ref().map(|(k, _)| crate::import::headers::normalise(k).base);
    let by = match &filtered {
        None => keys.iter().find(|k| *k == "segment"),
        Some(f) => keys.iter().find(|k| crate::import::headers::normalise(k).base != *f),
    }
    .map(String::as_str);
    MOVED
        .iter()
        .filter_map(|id| kpi::moved::what_moved(data, req, settings, id, by).ok())
        .map(|w| w.sentences.join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// The PDF of the pack.
pub fn board_pack(input: &PackInput) -> Result<Vec<u8>, PackError> {
    let fonts = layout::Fonts::load().ok_or(PackError::Fonts)?;
    pages::draw(input, &fonts)
}

/// `board_pack` written to `path`.
pub fn write(input: &PackInput, path: &Path) -> Result<(), PackError> {
    let bytes = board_pack(input)?;
    std::fs::write(path, bytes)
        .map_err(|e| PackError::Write { path: path.display().to_string(), reason: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_is_the_setting_else_the_first_file() {
        let files = vec![
            DataFile { name: "acme-q3.xlsx".into(), modified: Some("2025-10-01".into()) },
            DataFile { name: "tickets.csv".into(), modified: None },
        ];
        assert_eq!(company(&Settings::default(), &files), "acme-q3");
        let s = Settings { company: Some(" Acme Inc ".into()), ..Default::default() };
        assert_eq!(company(&s, &files), "Acme Inc");
        assert_eq!(company(&Settings::default(), &data_files(&[])), "northstar-demo");
    }
}
