//! A target of one KPI as data: its bounds, where it comes from and whom it is for. The logic (its
//! direction, the status of a value, which target applies) is in `crate::targets`.

use rust_decimal::Decimal;

/// A target for KPI `kpi` (its report id): low only = at least, high only = at most, both = a band.
/// Neither bound = explicitly no target (a default the user cleared stays cleared).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Target {
    pub kpi: String,
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    pub note: Option<String>,
    /// Where it comes from, in words: the reference of a default, `Settings`, a file and row.
    pub source: String,
    /// (attribute, value): only for the view filtered to that segment.
    pub segment: Option<(String, String)>,
    /// Only for this CSM's customers (the per-CSM scorecard, or a view filtered to that CSM).
    pub csm: Option<String>,
}
