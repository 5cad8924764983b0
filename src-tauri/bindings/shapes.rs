//! TypeScript shapes of the JSON that hand-made serialisers write (`Kpi`, `Movement`, a report's
//! KPI map, the sparklines) and string unions of the names the engine keeps as `&'static str`
//! (each built from the engine's own list, so a name added there reaches the UI's type).

use crate::kpi::value::Unit;
use crate::targets::{Direction, Origin, Status};
use std::collections::BTreeMap;
use std::path::PathBuf;
use ts_rs::{Config, TS};

/// `"a" | "b" | …` of the names.
fn union(names: impl IntoIterator<Item = impl AsRef<str>>) -> String {
    let quoted: Vec<String> = names.into_iter().map(|n| format!("{:?}", n.as_ref())).collect();
    quoted.join(" | ")
}

/// A string union named `$name` of the values `$values` (an expression giving `&str`s).
macro_rules! names {
    ($(#[doc = $doc:literal])+ $name:ident = $values:expr) => {
        $(#[doc = $doc])+
        pub struct $name;
        impl TS for $name {
            type WithoutGenerics = Self;
            type OptionInnerType = Self;
            fn docs() -> Option<String> {
                Some(ts_rs::format_docs(&[$($doc),+]))
            }
            fn name(_: &Config) -> String {
                stringify!($name).to_owned()
            }
            fn inline(_: &Config) -> String {
                union($values)
            }
            fn decl(cfg: &Config) -> String {
                format!("type {} = {};", stringify!($name), Self::inline(cfg))
            }
            fn decl_concrete(cfg: &Config) -> String {
                Self::decl(cfg)
            }
            fn output_path() -> Option<PathBuf> {
                Some(PathBuf::from(concat!(stringify!($name), ".ts")))
            }
        }
    };
}

names! {
    /// Which way a KPI's change is good news.
    GoodWhen = crate::kpi::formulas::GOOD_WHEN
}
names! {
    /// A health score's band.
    HealthBand = crate::kpi::health::BANDS
}
names! {
    /// The health score's components, in the settings' order.
    HealthComponent = crate::health::snapshot::COMPONENTS
}
names! {
    /// A team metric of the per-CSM scorecard.
    ScorecardMetricId = crate::kpi::scorecard::METRICS.iter().map(|(id, _)| *id)
}

names! {
    /// An input of a what-if scenario (a key of `ScenarioInput`).
    ScenarioInputKey = scenario_input_keys()
}

/// The keys of `ScenarioInput`'s JSON, in its order (every field is written, null when unset).
fn scenario_input_keys() -> Vec<String> {
    match serde_json::to_value(crate::forecast::ScenarioInput::default()) {
        Ok(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

/// A KPI's value: a number, or the list of quarters of `quarterly_expansion_revenue`.
#[derive(TS)]
#[ts(untagged)]
pub enum KpiValue {
    Number(f64),
    Quarters(Vec<QuarterJson>),
}

/// One quarter of `quarterly_expansion_revenue` (`kpi::value::Quarter`).
#[derive(TS)]
#[ts(rename = "Quarter")]
pub struct QuarterJson {
    /// `2024-Q1`
    pub quarter: String,
    pub value: f64,
    /// Set (true) when only some of the quarter's months lie inside the period and the data: how
    /// many (`months`), from `from` to `to` (YYYY-MM).
    #[ts(optional)]
    pub partial: Option<bool>,
    #[ts(optional)]
    pub months: Option<u32>,
    #[ts(optional)]
    pub from: Option<String>,
    #[ts(optional)]
    pub to: Option<String>,
}

/// A KPI's target as its `target` field writes it (bounds in the KPI's own scale: a ratio 1.1 is
/// 110%).
#[derive(TS)]
#[ts(rename = "KpiTarget")]
pub struct TargetJson {
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub direction: Direction,
    /// Where it comes from, in words: a default's reference, "Settings", "book.xlsx [Targets] row 3".
    pub source: String,
    pub origin: Origin,
    #[ts(optional)]
    pub note: Option<String>,
    /// Set when the target is for a segment ([attribute, value]) or a CSM only.
    #[ts(optional)]
    pub segment: Option<(String, String)>,
    #[ts(optional)]
    pub csm: Option<String>,
}

/// A KPI as `kpi::value::Kpi` writes it. The informative numbers beside the value are those
/// `kpi::value::EXTRAS` names (checked by `tests/bindings.rs`).
#[derive(TS)]
#[ts(rename = "Kpi")]
pub struct KpiJson {
    /// Null with `reason` when the KPI cannot be computed.
    pub value: Option<KpiValue>,
    pub unit: Unit,
    /// The reporting currency of a money value (`USD`).
    #[ts(optional)]
    pub currency: Option<String>,
    #[ts(optional)]
    pub reason: Option<String>,
    #[ts(optional)]
    pub n: Option<f64>,
    #[ts(optional)]
    pub median: Option<f64>,
    #[ts(optional)]
    pub spend: Option<f64>,
    #[ts(optional)]
    pub top: Option<f64>,
    #[ts(optional)]
    pub other: Option<f64>,
    #[ts(optional)]
    pub promoters: Option<f64>,
    #[ts(optional)]
    pub passives: Option<f64>,
    #[ts(optional)]
    pub detractors: Option<f64>,
    #[ts(optional)]
    pub still_onboarding: Option<f64>,
    #[ts(optional)]
    pub new_customer_arpa: Option<f64>,
    #[ts(optional)]
    pub average_purchase_value: Option<f64>,
    #[ts(optional)]
    pub purchase_frequency_per_year: Option<f64>,
    #[ts(optional)]
    pub average_lifespan_years: Option<f64>,
    /// The previous period's value; null (with `previous_reason`) when unknown or partial.
    #[ts(optional = nullable)]
    pub previous: Option<f64>,
    #[ts(optional)]
    pub change: Option<f64>,
    /// Why there is no previous value to compare with.
    #[ts(optional)]
    pub previous_reason: Option<String>,
    /// Why there is no change although `previous` is known (this period's value is partial).
    #[ts(optional)]
    pub change_reason: Option<String>,
    /// Set when the value covers only part of the period ("usage data covers 2024-01 to 2024-10 of
    /// this period").
    #[ts(optional)]
    pub note: Option<String>,
    /// Present only on a KPI with a target.
    #[ts(optional)]
    pub target: Option<TargetJson>,
    /// Null when the value is null (or a list of quarters).
    #[ts(optional = nullable)]
    pub status: Option<Status>,
    /// The distance to the target in the KPI's unit: "3.2 pts below 110%", "within 30–70".
    #[ts(optional = nullable)]
    pub target_distance: Option<String>,
}

/// A KPI of a report (or of a breakdown's row), with which way is good news (`kpi::Kpis` writes a
/// map of them by KPI id, in the spec's order).
#[derive(TS)]
pub struct ReportKpi {
    #[ts(flatten)]
    pub kpi: KpiJson,
    pub good_when: GoodWhen,
}

/// A month's company totals (`kpi::Movement`).
#[derive(TS)]
#[ts(rename = "Movement")]
pub struct KnownMovement {
    /// YYYY-MM
    pub month: String,
    pub mrr: f64,
    pub new: f64,
    pub reactivation: f64,
    pub expansion: f64,
    pub contraction: f64,
    pub churn: f64,
}

/// A month whose money cannot be added up (several currencies without rates): null, with why.
#[derive(TS)]
pub struct UnknownMovement {
    pub month: String,
    pub mrr: (),
    pub new: (),
    pub reactivation: (),
    pub expansion: (),
    pub contraction: (),
    pub churn: (),
    pub reason: String,
}

/// A month of `movements` or `mrr_series`.
#[derive(TS)]
#[ts(untagged)]
pub enum MonthMovement {
    Known(KnownMovement),
    Unknown(UnknownMovement),
}

/// Each KPI month by month over the last (up to) 12 months of the view: the tiles' sparklines
/// (`kpi::Trend`).
#[derive(TS)]
#[ts(as = "BTreeMap<String, Vec<Option<f64>>>")]
pub struct Trend;

/// A cell of the rows behind a KPI (`kpi::explain::Explanation::rows`: JSON scalars only).
#[derive(TS)]
#[ts(untagged)]
pub enum RowCell {
    Text(String),
    Number(f64),
    Flag(bool),
    Empty(()),
}
