//! Lifetime value (several labelled methods) and acquisition/retention cost: ltv_simple,
//! ltv_revenue_churn, customer_lifetime_months, clv_net_of_cac, cac, ltv_to_cac, cac_payback_months, crc.

use super::period::Period;
use super::revenue::Movement;
use super::value::{ratio, Kpi, Unit};
use crate::model::{CostCategory, Dataset};
use rust_decimal::Decimal;

fn get(out: &[(&'static str, Kpi)], id: &str) -> Result<Decimal, String> {
    let k =
        out.iter().find(|(k, _)| *k == id).map(|(_, v)| v).ok_or_else(|| format!("needs {id}"))?;
    k.number().ok_or_else(|| k.reason().unwrap_or("not computable").to_string())
}

pub fn lifetime(g: Decimal, out: &mut Vec<(&'static str, Kpi)>) {
    let arpa = get(out, "arpa");
    let churn = get(out, "monthly_churn_rate");
    let revenue_churn = get(out, "gross_mrr_churn_rate");
    let per = |a: Result<Decimal, String>,
               c: Result<Decimal, String>,
               why: &str|
     -> Result<Decimal, String> { ratio(a? * g, c?, why) };
    out.push((
        "ltv_simple",
        Kpi::from(per(arpa.clone(), churn.clone(), "no churn in period"), Unit::Money),
    ));
    out.push((
        "ltv_revenue_churn",
        Kpi::from(per(arpa, revenue_churn, "no revenue churn in period"), Unit::Money),
    ));
    let months = churn.and_then(|c| ratio(Decimal::ONE, c, "no churn in period"));
    out.push(("customer_lifetime_months", Kpi::from(months, Unit::Months)));
}

/// Spend of a category in P; None when the dataset has no costs table.
fn spend(d: &Dataset, p: Period, cat: CostCategory) -> Option<Decimal> {
    d.has_costs.then(|| {
        d.costs.iter().filter(|c| c.category == cat && p.contains(c.month)).map(|c| c.amount).sum()
    })
}

pub fn costs(
    d: &Dataset,
    p: Period,
    movements: &[Movement],
    g: Decimal,
    spend_split: bool,
    out: &mut Vec<(&'static str, Kpi)>,
) {
    let no_split = "spend is not split by segment";
    let acq = spend(d, p, CostCategory::Acquisition);
    let new_count = Decimal::from(movements.iter().map(|m| m.new_count).sum::<usize>());
    let new_mrr: Decimal = movements.iter().map(|m| m.new).sum();
    let cac: Result<Decimal, String> = match acq {
        _ if !spend_split => Err(no_split.into()),
        None => Err("needs table costs".into()),
        Some(s) if get(out, "customers_new").is_err() => {
            Err(format!("needs table mrr to count new customers (spend {s})"))
        }
        Some(s) => ratio(s, new_count, "no new customers in period"),
    };
    let mut cac_kpi = Kpi::from(cac.clone(), Unit::Money);
    if let (Some(s), true) = (acq, spend_split) {
        cac_kpi = cac_kpi.with("spend", s);
    }
    let clv = (|| -> Result<Decimal, String> {
        let arpa = get(out, "arpa")?;
        let months = get(out, "customer_lifetime_months")?;
        Ok(Decimal::from(12) * arpa * g * (months / Decimal::from(12)) - cac.clone()?)
    })();
    out.push(("clv_net_of_cac", Kpi::from(clv, Unit::Money)));
    out.push(("cac", cac_kpi));
    let ltv_to_cac = (|| ratio(get(out, "ltv_simple")?, cac.clone()?, "CAC is zero"))();
    out.push(("ltv_to_cac", Kpi::from(ltv_to_cac, Unit::Ratio)));
    let new_arpa = ratio(new_mrr, new_count, "no new customers in period");
    let payback = (|| ratio(cac.clone()?, new_arpa.clone()? * g, "new customers have no MRR"))();
    let mut payback = Kpi::from(payback, Unit::Months);
    if let Ok(a) = new_arpa {
        payback = payback.with("new_customer_arpa", a);
    }
    out.push(("cac_payback_months", payback));
    let ret = spend(d, p, CostCategory::Retention);
    let crc = match ret {
        _ if !spend_split => Err(no_split.into()),
        None => Err("needs table costs".into()),
        Some(s) => get(out, "active_customers")
            .and_then(|n| ratio(s, n, "no active customers at end of period")),
    };
    let mut crc = Kpi::from(crc, Unit::Money);
    if let (Some(s), true) = (ret, spend_split) {
        crc = crc.with("spend", s);
    }
    out.push(("crc", crc));
}
