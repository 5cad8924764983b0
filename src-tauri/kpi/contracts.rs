//! Renewals (logo and gross renewal rate of renewals due in P) and contract value (ACV, TCV).

use super::period::Period;
use super::value::{ratio, Kpi, Unit};
use crate::model::{Contract, Dataset};
use rust_decimal::Decimal;

pub fn kpis(d: &Dataset, p: Period, out: &mut Vec<(&'static str, Kpi)>) {
    if !d.has_renewals {
        out.push(("renewal_rate", Kpi::null(Unit::Ratio, "needs table renewals")));
        out.push(("gross_renewal_rate", Kpi::null(Unit::Ratio, "needs table renewals")));
    } else {
        let due: Vec<_> = d.renewals.iter().filter(|r| p.contains_date(r.date)).collect();
        let n = Decimal::from(due.len());
        let none = "no renewals due in period";
        let renewed = Decimal::from(due.iter().filter(|r| r.renewed).count());
        out.push(("renewal_rate", Kpi::from(ratio(renewed, n, none), Unit::Ratio).with("n", n)));
        let kept: Decimal =
            due.iter().map(|r| r.renewed_arr.unwrap_or(Decimal::ZERO).min(r.renewable_arr)).sum();
        let base: Decimal = due.iter().map(|r| r.renewable_arr).sum();
        out.push(("gross_renewal_rate", Kpi::from(ratio(kept, base, none), Unit::Ratio)));
    }
    if !d.has_contracts {
        out.push(("acv", Kpi::null(Unit::Money, "needs table contracts")));
        out.push(("tcv", Kpi::null(Unit::Money, "needs table contracts")));
        return;
    }
    let list: Vec<_> =
        d.contracts.iter().filter(|c| c.start.is_none_or(|s| p.contains_date(s))).collect();
    let n = Decimal::from(list.len());
    // ACV: each contract's annual value; TCV: each one's recurring value of the term plus fees.
    // A contract that lacks the value (one value and no term) makes the KPI unknown, never partial.
    let acv = known(&list, |c| c.annual_value, "ACV", "a total", "the annual")
        .and_then(|v| ratio(v.iter().copied().sum(), n, NONE));
    out.push(("acv", Kpi::from(acv, Unit::Money).with("n", n)));
    let tcv = known(
        &list,
        |c| c.recurring_value.map(|v| v + c.one_time_fees),
        "TCV",
        "an annual",
        "the total",
    )
    .and_then(|v| if v.is_empty() { Err(NONE.to_string()) } else { Ok(v.iter().copied().sum()) });
    out.push(("tcv", Kpi::from(tcv, Unit::Money).with("n", n)));
}

/// The reason a contract KPI is null when no contract counts.
const NONE: &str = "no contracts starting in period";

/// The value of every contract, or why one is unknown: `no term: 1 of 3 contracts starting in
/// period has only a total contract value, so ACV is unknown (...)`.
fn known(
    list: &[&Contract],
    value: impl Fn(&Contract) -> Option<Decimal>,
    kpi: &str,
    other: &str,
    missing: &str,
) -> Result<Vec<Decimal>, String> {
    let values: Vec<Decimal> = list.iter().filter_map(|c| value(c)).collect();
    let lacking = list.len() - values.len();
    if lacking == 0 {
        return Ok(values);
    }
    let who = if list.len() == 1 {
        "the contract starting in period has".to_string()
    } else if lacking == list.len() {
        "the contracts starting in period have".to_string()
    } else if lacking == 1 {
        format!("1 of {} contracts starting in period has", list.len())
    } else {
        format!("{lacking} of {} contracts starting in period have", list.len())
    };
    Err(format!(
        "no term: {who} only {other} contract value, so {kpi} is unknown (add a term or {missing} contract value)"
    ))
}
