//! Break down by one customer attribute: a row of KPIs per value of that attribute (segment rules of
//! the spec apply to each row: customers missing from `customers` are in no row).

use super::{report_within, segment, KpiError, Kpis, ReportRequest};
use crate::model::Dataset;
use crate::settings::Settings;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Serialize)]
pub struct BreakdownRow {
    pub value: String,
    pub kpis: Kpis,
}

#[derive(Debug, Clone, Serialize)]
pub struct Breakdown {
    pub by: String,
    pub rows: Vec<BreakdownRow>,
}

/// The distinct values of an attribute among the customers, sorted.
pub fn values(d: &Dataset, key: &str) -> Vec<String> {
    let set: BTreeSet<String> = d
        .customers
        .iter()
        .filter_map(|c| segment::attribute(c, key))
        .map(|v| v.trim().to_string())
        .collect();
    set.into_iter().collect()
}

/// A row per value of `key` among the customers of the request's segment (all customers without
/// one): each row is that segment narrowed to the value, so the rows add up to the segment's
/// totals (less the customers with no value for `key`).
pub fn breakdown(
    d: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
    key: &str,
) -> Result<Breakdown, KpiError> {
    let in_segment;
    let base = match &req.segment {
        Some((k, v)) => {
            in_segment = segment::filter(d, k, v).0;
            &in_segment
        }
        None => d,
    };
    let mut rows = Vec::new();
    for value in values(base, key) {
        let within = (key.to_string(), value.clone());
        let kpis = report_within(d, req, settings, Some(&within))?.kpis;
        rows.push(BreakdownRow { value, kpis });
    }
    Ok(Breakdown { by: key.to_string(), rows })
}
