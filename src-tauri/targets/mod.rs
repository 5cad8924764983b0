//! Targets: is this number good? Each KPI may have a target, a direction (at least, at most, within a
//! band) and where it comes from. A report's KPI with a target carries the target, its status
//! (on track / off track / null) and the distance to it in the KPI's own unit.
//!
//! Which target applies (`resolve`): the files' `targets` tables win over the user's targets
//! (Settings in the app, `--targets FILE.json` in the CLI), which win over the defaults
//! (`defaults`). A target without bounds is an explicit "no target": a default the user cleared
//! stays cleared. Plain Rust, no I/O.

mod defaults;
mod input;
mod resolve;
mod status;

pub use crate::model::Target;
pub use defaults::defaults;
pub use input::{
    from_inputs, read_file, view, KpiInfo, SegmentInput, TargetInput, TargetOut, TargetsFile,
    TargetsView,
};
pub use resolve::{apply, resolve, score, Origin};
pub use status::{assess, bound_text, distance_text, status, Assessment};

use rust_decimal::Decimal;
use serde::Serialize;

/// Which way a target points, from its bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", ts(rename = "TargetDirection"))]
pub enum Direction {
    /// Low only: the value should be at least `low`.
    AtLeast,
    /// High only: the value should be at most `high`.
    AtMost,
    /// Both: the value should lie from `low` to `high`.
    Band,
    /// Neither: explicitly no target.
    None,
}

impl Direction {
    pub fn of(low: Option<Decimal>, high: Option<Decimal>) -> Direction {
        match (low, high) {
            (Some(_), None) => Direction::AtLeast,
            (None, Some(_)) => Direction::AtMost,
            (Some(_), Some(_)) => Direction::Band,
            (None, None) => Direction::None,
        }
    }
}

/// The status of a KPI value against its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", ts(rename = "TargetStatus"))]
pub enum Status {
    OnTrack,
    OffTrack,
}

/// Errors of the targets layer: a target that names no KPI or whose bounds cannot hold.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum TargetError {
    /// No report KPI has this id.
    #[error("unknown KPI {0:?}: use a report KPI id such as nrr, nps or license_utilization (spec/cli.md lists them)")]
    UnknownKpi(String),
    /// The low bound is above the high bound.
    #[error("the target of {kpi}: low {low} is above high {high}")]
    Reversed { kpi: String, low: Decimal, high: Decimal },
    /// A bound is not a finite number.
    #[error("the target of {kpi}: {bound} is not a finite number")]
    NotFinite { kpi: String, bound: &'static str },
    /// The same KPI (for the same segment and CSM) twice in one list.
    #[error("the target of {0} is given twice (for the same segment and CSM)")]
    Twice(String),
    /// A segment that is not KEY=VALUE.
    #[error("the target of {kpi}: segment {segment:?} is not KEY=VALUE (e.g. plan=Pro)")]
    BadSegment { kpi: String, segment: String },
    /// The targets file could not be read.
    #[error("{path}: {reason}")]
    File { path: String, reason: String },
    /// The targets file is not `{"targets": [{"kpi": ID, "low": x, "high": y}]}`.
    #[error("{path}: {reason}; expected {{\"targets\": [{{\"kpi\": ID, \"low\": x, \"high\": y}}]}} with either bound optional")]
    Malformed { path: String, reason: String },
}

impl TargetError {
    /// Whether the problem is in what the file says (bad usage) rather than in reading it.
    pub fn is_usage(&self) -> bool {
        !matches!(self, TargetError::File { .. })
    }
}

/// The report KPI id named by `text`: its id (`nrr`, `NRR`, `license-utilization`) or the label the
/// app shows (`Net revenue retention`, `LTV:CAC`), compared ignoring case, spaces and punctuation.
pub fn kpi_id(text: &str) -> Option<&'static str> {
    let id = text.trim().to_lowercase().replace(['-', ' '], "_");
    if let Some(k) = crate::kpi::KPI_IDS.iter().find(|k| **k == id) {
        return Some(k);
    }
    let bare =
        |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>().to_lowercase();
    let wanted = bare(text);
    if wanted.is_empty() {
        return None;
    }
    // The label as the app shows it, or without its bracketed precision ("Logo churn" for "Logo
    // churn (period)").
    let short = |label: &str| bare(label.split(" (").next().unwrap_or(label));
    crate::kpi::formulas::FORMULAS
        .iter()
        .find(|(_, label, _)| bare(label) == wanted)
        .or_else(|| crate::kpi::formulas::FORMULAS.iter().find(|(_, l, _)| short(l) == wanted))
        .map(|(id, _, _)| *id)
        .filter(|id| crate::kpi::KPI_IDS.contains(id))
}

/// Checks a target: a known KPI id and bounds that can hold.
pub fn validate(t: &Target) -> Result<(), TargetError> {
    if !crate::kpi::KPI_IDS.contains(&t.kpi.as_str()) {
        return Err(TargetError::UnknownKpi(t.kpi.clone()));
    }
    if let (Some(low), Some(high)) = (t.low, t.high) {
        if low > high {
            return Err(TargetError::Reversed { kpi: t.kpi.clone(), low, high });
        }
    }
    Ok(())
}

/// Checks a list: each target, and no KPI twice for the same segment and CSM.
pub fn validate_all(list: &[Target]) -> Result<(), TargetError> {
    for (i, t) in list.iter().enumerate() {
        validate(t)?;
        if list[..i].iter().any(|o| same_scope(o, t)) {
            return Err(TargetError::Twice(t.kpi.clone()));
        }
    }
    Ok(())
}

/// Two targets for the same KPI and the same segment and CSM.
pub fn same_scope(a: &Target, b: &Target) -> bool {
    a.kpi == b.kpi && a.segment == b.segment && a.csm == b.csm
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kpi_has_its_unit() {
        use crate::kpi::{unit_of, units, Unit};
        assert_eq!(units().len(), crate::kpi::KPI_IDS.len());
        assert_eq!(unit_of("nrr"), Some(Unit::Ratio));
        assert_eq!(unit_of("nps"), Some(Unit::Score));
        assert_eq!(unit_of("cac_payback_months"), Some(Unit::Months));
        assert_eq!(unit_of("mrr"), Some(Unit::Money));
        assert_eq!(unit_of("happiness"), None);
    }

    #[test]
    fn kpis_are_named_by_id_or_label() {
        assert_eq!(kpi_id("nrr"), Some("nrr"));
        assert_eq!(kpi_id(" NRR "), Some("nrr"));
        assert_eq!(kpi_id("license-utilization"), Some("license_utilization"));
        assert_eq!(kpi_id("Net revenue retention"), Some("nrr"));
        assert_eq!(kpi_id("net revenue retention"), Some("nrr"));
        // The label is "LTV : CAC"; punctuation and spaces do not matter.
        assert_eq!(kpi_id("LTV:CAC"), Some("ltv_to_cac"));
        assert_eq!(kpi_id("Logo churn (period)"), Some("customer_churn_rate"));
        // The label without its bracketed precision.
        assert_eq!(kpi_id("Logo churn"), Some("customer_churn_rate"));
        assert_eq!(kpi_id("happiness"), None);
        assert_eq!(kpi_id("  "), None);
    }

    #[test]
    fn directions_come_from_the_bounds_and_bad_targets_are_refused() {
        let d = |s: &str| s.parse::<Decimal>().ok();
        assert_eq!(Direction::of(d("1"), None), Direction::AtLeast);
        assert_eq!(Direction::of(None, d("18")), Direction::AtMost);
        assert_eq!(Direction::of(d("30"), d("70")), Direction::Band);
        assert_eq!(Direction::of(None, None), Direction::None);
        let t = Target { kpi: "nps".into(), low: d("70"), high: d("30"), ..Default::default() };
        assert!(matches!(validate(&t), Err(TargetError::Reversed { .. })));
        let t = Target { kpi: "happiness".into(), low: d("1"), ..Default::default() };
        assert_eq!(validate(&t), Err(TargetError::UnknownKpi("happiness".into())));
        // A band of one value is a band: only that value is on track.
        let t = Target { kpi: "nps".into(), low: d("50"), high: d("50"), ..Default::default() };
        assert_eq!(validate(&t), Ok(()));
        let twice = [t.clone(), Target { low: d("40"), ..t.clone() }];
        assert_eq!(validate_all(&twice), Err(TargetError::Twice("nps".into())));
        let other_segment = Target { segment: Some(("plan".into(), "Pro".into())), ..t.clone() };
        assert_eq!(validate_all(&[t, other_segment]), Ok(()));
    }
}
