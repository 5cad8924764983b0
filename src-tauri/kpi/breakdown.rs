//! Break down by one customer attribute: a row of KPIs per value of that attribute (segment rules of
//! the spec apply to each row: customers missing from `customers` are in no row).

use super::{report_within, segment, KpiError, Kpis, ReportRequest};
use crate::model::Dataset;
use crate::settings::Settings;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BreakdownRow {
    pub value: String,
    #[cfg_attr(
        feature = "ts",
        ts(as = "std::collections::BTreeMap<String, crate::bindings::ReportKpi>")
    )]
    pub kpis: Kpis,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

/// The attributes customers can be grouped by: segment, plan, CSM, region and the extra columns
/// of `customers`, those with 1 to 200 values (as the app's attribute list).
pub fn keys(d: &Dataset) -> Vec<String> {
    let mut keys: Vec<String> =
        ["segment", "plan", "csm", "region"].iter().map(|s| s.to_string()).collect();
    for c in &d.customers {
        for k in c.extra.keys() {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
    }
    keys.retain(|k| (1..=200).contains(&values(d, k).len()));
    keys
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

/// The KPIs of the breakdown table, with their column names (ratios in %).
pub const COLUMNS: &[(&str, &str)] = &[
    ("mrr", "MRR"),
    ("active_customers", "Customers"),
    ("nrr", "NRR (%)"),
    ("grr", "GRR (%)"),
    ("customer_churn_rate", "Logo churn (%)"),
    ("arpa", "ARPA"),
    ("nps", "NPS"),
    ("health_avg", "Health (0-100)"),
];

/// The breakdown as a table (CSV export): the attribute's values in plain words, money to the cent,
/// ratios as percentages with two decimals, scores with one; empty where a KPI is unknown.
pub fn table(b: &Breakdown) -> (Vec<String>, Vec<Vec<serde_json::Value>>) {
    use super::value::{Num, Unit};
    let mut columns = vec![segment::label(&b.by)];
    columns.extend(COLUMNS.iter().map(|c| c.1.to_string()));
    let rows = b
        .rows
        .iter()
        .map(|r| {
            let mut row = vec![serde_json::json!(r.value)];
            row.extend(COLUMNS.iter().map(|(id, _)| {
                let k = r.kpis.get(id);
                let v = k.and_then(|k| k.number()).map(|v| match k.map(|k| k.unit) {
                    Some(Unit::Ratio) => (v * rust_decimal::Decimal::ONE_HUNDRED).round_dp(2),
                    Some(Unit::Money) => v.round_dp(2),
                    Some(Unit::Count) => v,
                    _ => v.round_dp(1),
                });
                v.map(|v| serde_json::json!(Num(v))).unwrap_or(serde_json::Value::Null)
            }));
            row
        })
        .collect();
    (columns, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::value::{Kpi, Unit};
    use rust_decimal::Decimal;

    #[test]
    fn the_table_names_its_columns_and_rounds_as_shown() {
        let kpis = Kpis(vec![
            ("mrr", Kpi::num(Decimal::new(1234567, 3), Unit::Money)),
            ("nrr", Kpi::num(Decimal::new(1019871, 6), Unit::Ratio)),
            ("nps", Kpi::null(Unit::Score, "no NPS responses in period")),
        ]);
        let b =
            Breakdown { by: "csm".into(), rows: vec![BreakdownRow { value: "Dana".into(), kpis }] };
        let (columns, rows) = table(&b);
        assert_eq!(columns[..4], ["CSM", "MRR", "Customers", "NRR (%)"]);
        assert_eq!(
            rows[0][..4],
            [
                serde_json::json!("Dana"),
                serde_json::json!(1234.57),
                serde_json::Value::Null,
                serde_json::json!(101.99),
            ]
        );
        assert_eq!(rows[0][7], serde_json::Value::Null);
    }
}
