//! Renewals (logo and gross renewal rate of renewals due in P) and contract value (ACV, TCV).

use super::period::Period;
use super::value::{ratio, Kpi, Unit};
use crate::model::Dataset;
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
    let twelve = Decimal::from(12);
    let annual: Decimal = list.iter().map(|c| c.recurring_value / (c.term_months / twelve)).sum();
    out.push((
        "acv",
        Kpi::from(ratio(annual, n, "no contracts starting in period"), Unit::Money).with("n", n),
    ));
    let tcv: Decimal = list.iter().map(|c| c.recurring_value + c.one_time_fees).sum();
    out.push(("tcv", Kpi::num(tcv, Unit::Money).with("n", n)));
}
