//! Transactional lifetime value from `orders` (HubSpot method) and the repeat purchase rate.

use super::period::Period;
use super::value::{ratio, Kpi, Unit};
use crate::model::Dataset;
use crate::model::FastMap;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

pub fn kpis(d: &Dataset, p: Period, out: &mut Vec<(&'static str, Kpi)>) {
    if !d.has_orders {
        out.push(("clv_transactional", Kpi::null(Unit::Money, "needs table orders")));
        out.push(("repeat_purchase_rate", Kpi::null(Unit::Ratio, "needs table orders")));
        return;
    }
    let in_p: Vec<_> = d.orders.iter().filter(|o| p.contains_date(o.date)).collect();
    let mut per_customer: FastMap<&str, usize> = FastMap::default();
    for o in &in_p {
        *per_customer.entry(o.customer_id.as_str()).or_default() += 1;
    }
    let orders = Decimal::from(in_p.len());
    let customers = Decimal::from(per_customer.len());
    let none = "no orders in period";
    // Lifespan over all data: first to last order of every customer with an order.
    let mut span: BTreeMap<&str, (NaiveDate, NaiveDate)> = BTreeMap::new();
    for o in &d.orders {
        let e = span.entry(o.customer_id.as_str()).or_insert((o.date, o.date));
        e.0 = e.0.min(o.date);
        e.1 = e.1.max(o.date);
    }
    let days: i64 = span.values().map(|(a, b)| (*b - *a).num_days()).sum();
    let clv = (|| -> Result<Kpi, String> {
        let avg_value = ratio(in_p.iter().map(|o| o.amount).sum(), orders, none)?;
        let per_year =
            ratio(orders, customers, none)? * Decimal::from(12) / Decimal::from(p.month_count());
        let lifespan =
            ratio(Decimal::from(days), Decimal::from(span.len()) * Decimal::from(365), none)?;
        Ok(Kpi::num(avg_value * per_year * lifespan, Unit::Money)
            .with("n", orders)
            .with("average_purchase_value", avg_value)
            .with("purchase_frequency_per_year", per_year)
            .with("average_lifespan_years", lifespan))
    })();
    out.push(("clv_transactional", clv.unwrap_or_else(|r| Kpi::null(Unit::Money, r))));
    let repeat = Decimal::from(per_customer.values().filter(|n| **n >= 2).count());
    out.push((
        "repeat_purchase_rate",
        Kpi::from(ratio(repeat, customers, none), Unit::Ratio).with("n", customers),
    ));
}
