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
    let mine = |id: &str| members.contains(id);
    // Only the segment's rows are copied (a copy of the whole book, then cut, took most of a new
    // segment's time on a large book). Every field is named: a new table must say how it filters.
    let Dataset {
        revenue,
        customers,
        surveys,
        has_surveys,
        tickets,
        has_tickets,
        activities,
        has_activities,
        costs,
        has_costs,
        orders,
        has_orders,
        usage,
        has_usage,
        trials,
        has_trials,
        renewals,
        has_renewals,
        contracts,
        has_contracts,
        summary: _,
        refused,
        import_rules,
        currency,
        currencies,
        money_blocked,
        fx_rates,
        targets,
        memo: _,
    } = d;
    fn kept<T: Clone>(rows: &[T], f: impl Fn(&T) -> bool) -> Vec<T> {
        rows.iter().filter(|r| f(r)).cloned().collect()
    }
    let split = costs.iter().any(|c| c.segment.is_some());
    // The usage log (the longest table) is copied on a second core meanwhile: the requests asking
    // for a new segment all wait for the copy.
    let (usage, out) = std::thread::scope(|scope| {
        let usage = scope.spawn(|| kept(usage, |u| u.customer_id.as_deref().is_some_and(mine)));
        let revenue = revenue.as_ref().map(|rev| {
            let mut r =
                Revenue { ids: Vec::new(), mrr: Vec::new(), first: rev.first, last: rev.last };
            for (id, row) in rev.ids.iter().zip(&rev.mrr) {
                if mine(id) {
                    r.ids.push(id.clone());
                    r.mrr.push(row.clone());
                }
            }
            r
        });
        let out = Dataset {
            revenue,
            customers: kept(customers, |c| mine(&c.id)),
            surveys: kept(surveys, |s| keep(&s.customer_id)),
            has_surveys: *has_surveys,
            tickets: kept(tickets, |t| keep(&t.customer_id)),
            has_tickets: *has_tickets,
            activities: kept(activities, |a| keep(&a.customer_id)),
            has_activities: *has_activities,
            costs: if split {
                kept(costs, |c| c.segment.as_deref().is_some_and(|s| s.trim() == value))
            } else {
                costs.clone()
            },
            has_costs: *has_costs,
            orders: kept(orders, |o| mine(&o.customer_id)),
            has_orders: *has_orders,
            usage: Vec::new(), // the copy of the second core, below
            has_usage: *has_usage,
            trials: kept(trials, |t| keep(&t.customer_id)),
            has_trials: *has_trials,
            renewals: kept(renewals, |r| mine(&r.customer_id)),
            has_renewals: *has_renewals,
            contracts: kept(contracts, |c| mine(&c.customer_id)),
            has_contracts: *has_contracts,
            // Company totals cannot be split by segment.
            summary: Vec::new(),
            refused: refused.clone(),
            import_rules: import_rules.clone(),
            currency: currency.clone(),
            currencies: currencies.clone(),
            money_blocked: money_blocked.clone(),
            fx_rates: fx_rates.clone(),
            targets: targets.clone(),
            memo: Default::default(),
        };
        (usage.join().unwrap_or_else(|e| std::panic::resume_unwind(e)), out)
    });
    (Dataset { usage, ..out }, split)
}
