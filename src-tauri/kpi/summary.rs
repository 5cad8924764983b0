//! Company-level revenue KPIs from an `mrr_summary` table, used when no customer-level revenue was
//! imported: MRR, ARR, movements, net new MRR, the MRR churn and expansion rates, quarterly expansion,
//! and active customers / ARPA when the summary has a customers column. KPIs that need customer rows
//! (NRR, GRR, logo churn, counts) are null with that reason.

use super::period::Period;
use super::revenue::Movement;
use super::value::{ratio, Kpi, Unit};
use crate::model::{Dataset, Month, SummaryMonth};
use rust_decimal::Decimal;

pub(crate) const WHY: &str = "needs customer-level revenue (table mrr, mrr_events or subscriptions); the mrr_summary has company totals only";

fn movement(rows: &[SummaryMonth], m: Month) -> Option<Movement> {
    let k = rows.iter().position(|r| r.month == m)?;
    let r = &rows[k];
    let prev = r.starting.or_else(|| {
        k.checked_sub(1).filter(|j| rows[*j].month == m.prev()).map(|j| rows[j].ending)
    });
    Some(Movement {
        month: m.to_string(),
        mrr: r.ending,
        new: r.new,
        reactivation: r.reactivation,
        expansion: r.expansion,
        contraction: r.contraction,
        churn: r.churn,
        prev_mrr: prev
            .unwrap_or(r.ending - r.new - r.reactivation - r.expansion + r.contraction + r.churn),
        ..Default::default()
    })
}

/// The movements of the months of P (months missing from the summary are left out) and the series.
pub fn movements(d: &Dataset, p: Period) -> (Vec<Movement>, Vec<Movement>) {
    let in_p = p.months().filter_map(|m| movement(&d.summary, m)).collect();
    let series = d.summary.iter().filter_map(|r| movement(&d.summary, r.month)).collect();
    (in_p, series)
}

pub fn kpis(
    d: &Dataset,
    movements: &[Movement],
    p: Period,
    fy_start: u32,
    out: &mut Vec<(&'static str, Kpi)>,
) {
    let end = d.summary.iter().find(|r| r.month == p.to);
    let no_month = format!("the mrr_summary has no row for {}", p.to);
    let mrr = end.map(|r| r.ending).ok_or(no_month.clone());
    out.push(("mrr", Kpi::from(mrr.clone(), Unit::Money)));
    out.push(("arr", Kpi::from(mrr.clone().map(|v| v * Decimal::from(12)), Unit::Money)));
    let customers = end
        .and_then(|r| r.customers)
        .ok_or("needs column customers in the mrr_summary".to_string());
    out.push(("active_customers", Kpi::from(customers.clone(), Unit::Count)));
    let arpa = mrr.and_then(|m| ratio(m, customers?, "no active customers at end of period"));
    out.push(("arpa", Kpi::from(arpa, Unit::Money)));
    out.push(("arpu", Kpi::null(Unit::Money, WHY)));
    super::revenue::movement_sums(movements, out);
    let sum = |f: fn(&Movement) -> Decimal| movements.iter().map(f).sum::<Decimal>();
    for id in ["customers_new", "customers_reactivated", "customers_churned"] {
        out.push((id, Kpi::null(Unit::Count, WHY)));
    }
    for id in ["customer_retention_rate", "customer_churn_rate", "grr", "nrr", "monthly_churn_rate"]
    {
        out.push((id, Kpi::null(Unit::Ratio, WHY)));
    }
    let base = sum(|m| m.prev_mrr);
    let no_base = "no MRR before the months of the period";
    out.push((
        "gross_mrr_churn_rate",
        Kpi::from(ratio(sum(|m| m.churn + m.contraction), base, no_base), Unit::Ratio),
    ));
    out.push((
        "net_mrr_churn_rate",
        Kpi::from(
            ratio(sum(|m| m.churn + m.contraction - m.expansion - m.reactivation), base, no_base),
            Unit::Ratio,
        ),
    ));
    out.push((
        "expansion_mrr_rate",
        Kpi::from(ratio(sum(|m| m.expansion), base, no_base), Unit::Ratio),
    ));
    out.push((
        "quarterly_expansion_revenue",
        super::revenue::quarterly_expansion(movements, d.revenue_coverage(), fy_start),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_totals_only() {
        let m = |k| Month::new(2024, k).unwrap();
        let d = Dataset {
            summary: vec![
                SummaryMonth {
                    month: m(1),
                    starting: Some(Decimal::from(1000)),
                    new: Decimal::from(100),
                    ending: Decimal::from(1100),
                    customers: Some(Decimal::from(11)),
                    ..Default::default()
                },
                SummaryMonth {
                    month: m(2),
                    new: Decimal::from(50),
                    expansion: Decimal::from(20),
                    churn: Decimal::from(70),
                    ending: Decimal::from(1100),
                    customers: Some(Decimal::from(10)),
                    ..Default::default()
                },
            ],
            ..Default::default()
        };
        let p = Period { from: m(1), to: m(2) };
        let (mv, _) = movements(&d, p);
        assert_eq!(mv[1].prev_mrr, Decimal::from(1100));
        let mut out = Vec::new();
        kpis(&d, &mv, p, 1, &mut out);
        let get = |id: &str| out.iter().find(|(k, _)| *k == id).unwrap().1.clone();
        assert_eq!(get("mrr").number(), Some(Decimal::from(1100)));
        assert_eq!(get("arpa").number(), Some(Decimal::from(110)));
        // (0 + 70) churn over (1000 + 1100) starting MRR.
        assert_eq!(
            get("gross_mrr_churn_rate").number(),
            Some(Decimal::from(70) / Decimal::from(2100))
        );
        assert_eq!(get("nrr").number(), None);
        assert_eq!(get("net_new_mrr").number(), Some(Decimal::from(100)));
    }
}
