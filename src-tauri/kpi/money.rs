//! Money KPIs and currencies (exports.md §9): each money value carries the reporting currency, and
//! the money KPIs (and ratios of summed money) of an area whose amounts are in several currencies
//! without rates are null with the reason. Counts and logo KPIs stay.

use super::value::{Kpi, Unit};
use crate::model::Dataset;

/// The money areas (import::currency::area_of) a KPI sums amounts of.
fn areas(id: &str) -> &'static [&'static str] {
    match id {
        "mrr"
        | "arr"
        | "arpa"
        | "arpu"
        | "mrr_new"
        | "mrr_reactivation"
        | "mrr_expansion"
        | "mrr_contraction"
        | "mrr_churn"
        | "net_new_mrr"
        | "grr"
        | "nrr"
        | "gross_mrr_churn_rate"
        | "net_mrr_churn_rate"
        | "expansion_mrr_rate"
        | "quarterly_expansion_revenue"
        | "ltv_simple"
        | "ltv_revenue_churn"
        | "quick_ratio"
        | "top10_mrr_share"
        | "top_decile_mrr_share"
        | "mrr_hhi" => &["revenue"],
        "clv_net_of_cac" | "ltv_to_cac" | "cac_payback_months" => &["revenue", "costs"],
        // Spend over counts of customers: only the costs are summed.
        "cac" | "crc" => &["costs"],
        "clv_transactional" => &["orders"],
        "acv" | "tcv" => &["contracts"],
        "gross_renewal_rate" => &["renewals"],
        _ => &[],
    }
}

/// The symbol money is shown with: the one set in Settings, else the reporting currency's (`€` for
/// EUR, `SEK ` for a currency without a symbol of its own), else `$`. The UI does the same
/// (format.ts).
pub fn symbol(setting: Option<&str>, currency: Option<&str>) -> String {
    if let Some(s) = setting.map(str::trim).filter(|s| !s.is_empty()) {
        return s.to_string();
    }
    let Some(code) = currency else { return "$".into() };
    match code {
        "USD" => "$",
        "EUR" => "€",
        "GBP" => "£",
        "JPY" | "CNY" => "¥",
        "INR" => "₹",
        "KRW" => "₩",
        "BRL" => "R$",
        "CAD" => "CA$",
        "AUD" => "A$",
        other => return format!("{other} "),
    }
    .into()
}

/// Blanks the money of a report's monthly movements, cohorts and per-CSM rows when the revenue's
/// currencies cannot be added up (the counts stay).
pub fn blank_revenue(d: &Dataset, r: &mut super::Report) {
    let Some(reason) = d.money_blocked.get("revenue") else { return };
    for m in r.movements.iter_mut().chain(r.mrr_series.iter_mut()) {
        m.unknown = Some(reason.clone());
    }
    for c in &mut r.cohorts {
        c.mrr = None;
        c.revenue.clear();
    }
    for c in &mut r.csm {
        c.mrr = None;
        c.nrr = None;
        c.grr = None;
    }
}

/// Applies the currency rules to a period's KPIs.
pub fn apply(d: &Dataset, out: &mut [(&'static str, Kpi)]) {
    if d.currency.is_none() && d.money_blocked.is_empty() {
        return;
    }
    for (id, k) in out.iter_mut() {
        let blocked = areas(id).iter().find_map(|a| d.money_blocked.get(a));
        match blocked {
            // A KPI already null for want of its table keeps that reason.
            Some(reason) if k.is_known() => *k = Kpi::null(k.unit, reason.clone()),
            Some(_) => {}
            None if k.unit == Unit::Money => k.currency = d.currency.clone(),
            None => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    #[test]
    fn symbols() {
        assert_eq!(symbol(Some(" kr "), Some("EUR")), "kr");
        assert_eq!(symbol(None, Some("EUR")), "€");
        assert_eq!(symbol(Some(""), Some("SEK")), "SEK ");
        assert_eq!(symbol(None, None), "$");
    }

    #[test]
    fn blocked_areas_null_their_money_kpis_only() {
        let mut d = Dataset::default();
        d.money_blocked.insert("revenue", "mixed currencies: EUR, USD (add fx_rates)".into());
        let mut out = vec![
            ("mrr", Kpi::num(Decimal::from(100), Unit::Money)),
            ("customers_churned", Kpi::num(Decimal::from(2), Unit::Count)),
            ("acv", Kpi::num(Decimal::from(1200), Unit::Money)),
        ];
        d.currency = Some("USD".into());
        apply(&d, &mut out);
        assert_eq!(out[0].1.reason(), Some("mixed currencies: EUR, USD (add fx_rates)"));
        assert_eq!(out[1].1.number(), Some(Decimal::from(2)));
        assert_eq!(out[2].1.currency.as_deref(), Some("USD"));
    }
}
