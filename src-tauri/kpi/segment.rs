//! Segment filters: keep the rows of every customer-linked table whose customer has attribute
//! KEY = VALUE in `customers`. Rows with no customer and customers missing from `customers` are
//! outside every segment. Spend is company-wide unless `costs` has a segment column.

use crate::import::headers::normalise;
use crate::model::FastSet;
use crate::model::{Customer, Dataset, Revenue};

/// The value of attribute `key` (matched like a header) for a customer.
pub fn attribute(c: &Customer, key: &str) -> Option<String> {
    let k = normalise(key).base;
    match k.as_str() {
        "segment" | "tier" => c.segment.clone(),
        "plan" | "product" | "package" => c.plan.clone(),
        "csm" | "owner" | "customer success manager" | "account manager" => c.csm.clone(),
        "region" => c.region.clone(),
        "name" => c.name.clone(),
        other => c.extra.get(other).cloned(),
    }
}

/// That a segment KEY=VALUE names something: a customer attribute (some customer has a value for
/// it) and a value some customer has. A misspelt filter would otherwise give a report of nobody.
pub fn check(d: &Dataset, key: &str, value: &str) -> Result<(), super::KpiError> {
    if !d.customers.iter().any(|c| attribute(c, key).is_some_and(|v| !v.trim().is_empty())) {
        return Err(super::KpiError::UnknownAttribute {
            key: key.to_string(),
            valid: super::breakdown::keys(d),
        });
    }
    let values = super::breakdown::values(d, key);
    if !values.iter().any(|v| v == value.trim()) {
        return Err(super::KpiError::UnknownValue {
            key: key.to_string(),
            value: value.to_string(),
            valid: values,
        });
    }
    Ok(())
}

/// An attribute's name in plain words: "Plan", "CSM", "Industry" (the keys are normalised headers:
/// lower-case words).
pub fn label(key: &str) -> String {
    match key.trim() {
        "csm" => "CSM".to_string(),
        k => {
            let words = k.replace('_', " ");
            let mut c = words.chars();
            c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
        }
    }
}

/// The filtered dataset and whether spend can follow the filter.
pub fn filter(d: &Dataset, key: &str, value: &str) -> (Dataset, bool) {
    let value = value.trim();
    let members: FastSet<&str> = d
        .customers
        .iter()
        .filter(|c| attribute(c, key).is_some_and(|v| v.trim() == value))
        .map(|c| c.id.as_str())
        .collect();
    let keep = |id: &Option<String>| id.as_deref().is_some_and(|i| members.contains(i));
    let mut out = d.clone();
    if let Some(rev) = &d.revenue {
        let mut r = Revenue { ids: Vec::new(), mrr: Vec::new(), ..rev.clone() };
        for (id, row) in rev.ids.iter().zip(&rev.mrr) {
            if members.contains(id.as_str()) {
                r.ids.push(id.clone());
                r.mrr.push(row.clone());
            }
        }
        out.revenue = Some(r);
    }
    out.customers.retain(|c| members.contains(c.id.as_str()));
    out.surveys.retain(|s| keep(&s.customer_id));
    out.tickets.retain(|t| keep(&t.customer_id));
    out.activities.retain(|a| keep(&a.customer_id));
    out.orders.retain(|o| members.contains(o.customer_id.as_str()));
    out.usage.retain(|u| u.customer_id.as_deref().is_some_and(|i| members.contains(i)));
    out.trials.retain(|t| keep(&t.customer_id));
    out.renewals.retain(|r| members.contains(r.customer_id.as_str()));
    out.contracts.retain(|c| members.contains(c.customer_id.as_str()));
    // Company totals cannot be split by segment.
    out.summary.clear();
    let split = d.costs.iter().any(|c| c.segment.is_some());
    if split {
        out.costs.retain(|c| c.segment.as_deref().is_some_and(|s| s.trim() == value));
    }
    (out, split)
}
