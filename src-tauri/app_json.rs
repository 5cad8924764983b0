//! The desktop commands' own arguments and answers: the JSON the app layer (`app/`, behind the
//! `desktop` feature) exchanges with the UI besides the engine's types. They live here, outside that
//! feature, so that the headless build's tests generate their TypeScript (`bindings`) like the rest.

use crate::import::ImportReport;
use crate::kpi::{Preset, Report};
use crate::store::RecentFile;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What is on screen: the demo workbook or the user's files.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Source {
    Demo { name: String },
    Files { paths: Vec<String> },
}

impl Source {
    /// The file names on screen, for the header and the exports.
    pub fn label(&self) -> String {
        match self {
            Source::Demo { name } => name.clone(),
            Source::Files { paths } => paths
                .iter()
                .map(|p| {
                    std::path::Path::new(p)
                        .file_name()
                        .map(|f| f.to_string_lossy().into_owned())
                        .unwrap_or_default()
                })
                .collect::<Vec<_>>()
                .join(", "),
        }
    }
}

/// What the UI shows after an import.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DatasetView {
    pub source: Source,
    pub label: String,
    pub import: ImportReport,
    pub report: Report,
    pub recent: Vec<RecentFile>,
    /// A note for the user, e.g. why the last files could not be reopened.
    pub notice: Option<String>,
}

/// Which slice of the data a view shows.
#[derive(Deserialize, Default, Clone)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
pub struct ViewArgs {
    pub preset: Option<Preset>,
    /// YYYY-MM
    pub from: Option<String>,
    /// YYYY-MM
    pub to: Option<String>,
    /// [attribute, value]
    pub segment: Option<(String, String)>,
}

/// A customer attribute a view can be filtered or broken down by, with its values.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attribute {
    pub key: String,
    pub values: Vec<String>,
}

/// The period a what-moved change is measured from, as the drawer's "Against" menu names it.
#[derive(Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "Against"))]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum AgainstArgs {
    Previous,
    YearEarlier,
    /// YYYY-MM to YYYY-MM.
    Months {
        from: String,
        to: String,
    },
}

/// A table kind and its canonical columns, for the mapping editor.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KindInfo {
    pub id: &'static str,
    pub columns: Vec<&'static str>,
}

/// The Predictive CLV view's request.
#[derive(Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClvArgs {
    /// YYYY-MM-DD; the last order's date when null (predict from everything known).
    pub calibration_end: Option<String>,
    pub unit: crate::clv::Unit,
    pub horizon: u32,
    pub discount_rate: f64,
}

/// The Predictive CLV view.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClvView {
    /// The span of the orders, for the calibration control.
    pub first_order: NaiveDate,
    pub last_order: NaiveDate,
    pub analysis: crate::clv::Analysis,
}

/// The what-if panel after a slider move: the scenario beside its baseline, and its sensitivity.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WhatIf {
    pub comparison: crate::forecast::Comparison,
    pub sensitivity: Vec<crate::forecast::sensitivity::Effect>,
}

/// The comments of a theme, most negative first: the first ones of `total`.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ThemeComments {
    pub total: usize,
    pub comments: Vec<crate::voice::CommentOut>,
}

/// Every command's error: the UI branches on `kind` (`import.not_found`, `no_data`…) and shows
/// `message`.
#[derive(Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "AppError"))]
pub struct ErrorJson {
    pub kind: String,
    pub message: String,
}
