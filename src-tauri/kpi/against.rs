//! A KPI's last months against its target: what the explain drawer shows as the trend against it.

use super::value::Num;
use super::{KpiError, ReportRequest};
use crate::model::{Dataset, Month};
use crate::settings::Settings;
use rust_decimal::Decimal;
use serde::Serialize;

/// One month of the period's last twelve: the KPI's value over that month alone and whether it met
/// the target (null when the value is unknown or partial).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetMonth {
    pub month: String,
    pub value: Option<Num>,
    pub on_track: Option<bool>,
}

/// The months (up to 12, ending at the period's end) of KPI `id` against the bounds `low`/`high`.
pub fn target_trend(
    data: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
    (from, to): (Month, Month),
    id: &str,
    (low, high): (Option<Decimal>, Option<Decimal>),
) -> Result<Vec<TargetMonth>, KpiError> {
    let trend = super::trend(data, req, settings)?;
    let values = trend.get(id).cloned().unwrap_or_default();
    let months: Vec<Month> = Month::range(from.max(to.plus(-11)), to).collect();
    Ok(months
        .iter()
        .zip(values.iter().chain(std::iter::repeat(&None)))
        .map(|(m, v)| TargetMonth {
            month: m.to_string(),
            value: *v,
            on_track: v
                .and_then(|n| crate::targets::status(n.0, low, high))
                .map(|s| s == crate::targets::Status::OnTrack),
        })
        .collect())
}
