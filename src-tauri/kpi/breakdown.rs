//! Break down by one customer attribute: a row of KPIs per value of that attribute (segment rules of
//! the spec apply to each row: customers missing from `customers` are in no row).

use super::{report, segment, KpiError, Kpis, ReportRequest};
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

pub fn breakdown(
    d: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
    key: &str,
) -> Result<Breakdown, KpiError> {
    let mut rows = Vec::new();
    for value in values(d, key) {
        let r = ReportRequest { segment: Some((key.to_string(), value.clone())), ..req.clone() };
        rows.push(BreakdownRow { value, kpis: report(d, &r, settings)?.kpis });
    }
    Ok(Breakdown { by: key.to_string(), rows })
}
