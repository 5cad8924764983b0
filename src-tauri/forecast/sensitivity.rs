//! Sensitivity (the tornado chart): how year-Y ARR, year-1 NRR and CLV move when each input moves by
//! one point — one percentage point for rates, one customer a month for new customers, 1% for money.

use super::model::{clv_at, monthly_discount};
use super::scenario::Scenario;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Effect {
    pub input: &'static str,
    /// The move applied, in the input's own unit.
    pub step: crate::kpi::value::Num,
    /// (down, up) changes of each output.
    pub arr: (crate::kpi::value::Num, crate::kpi::value::Num),
    pub nrr: (crate::kpi::value::Num, crate::kpi::value::Num),
    pub clv: (crate::kpi::value::Num, crate::kpi::value::Num),
}

fn outputs(s: &Scenario, d_m: Decimal) -> (Decimal, Decimal, Decimal) {
    let keep = (Decimal::ONE - s.monthly_churn)
        * (Decimal::ONE + s.monthly_expansion - s.monthly_contraction);
    let nrr = (0..12).fold(Decimal::ONE, |a, _| a * keep);
    (super::model::final_arr(s), nrr, clv_at(s, d_m).0)
}

pub fn sensitivity(s: &Scenario) -> Vec<Effect> {
    use crate::kpi::value::Num;
    let d_m = monthly_discount(s.annual_discount_rate);
    let base = outputs(s, d_m);
    let point = Decimal::new(1, 2);
    type Field = fn(&mut Scenario) -> &mut Decimal;
    let inputs: [(&'static str, Field, Decimal, bool); 8] = [
        ("monthly_churn", |s| &mut s.monthly_churn, point, true),
        ("monthly_expansion", |s| &mut s.monthly_expansion, point, true),
        ("monthly_contraction", |s| &mut s.monthly_contraction, point, true),
        ("new_customers_per_month", |s| &mut s.new_customers_per_month, Decimal::ONE, false),
        ("new_customer_arpa", |s| &mut s.new_customer_arpa, s.new_customer_arpa * point, false),
        ("new_customer_growth", |s| &mut s.new_customer_growth, point, false),
        ("gross_margin", |s| &mut s.gross_margin, point, true),
        ("annual_discount_rate", |s| &mut s.annual_discount_rate, point, true),
    ];
    inputs
        .into_iter()
        .map(|(name, field, step, unit_range)| {
            let moved = |delta: Decimal| {
                let mut t = s.clone();
                let v = field(&mut t);
                *v += delta;
                // Rates stay within [0, 1]; counts and money stay at or above 0.
                if *v < Decimal::ZERO {
                    *v = Decimal::ZERO;
                }
                if unit_range && *v > Decimal::ONE {
                    *v = Decimal::ONE;
                }
                if name == "gross_margin" && v.is_zero() {
                    *v = Decimal::new(1, 4);
                }
                // Only the discount-rate input needs its own monthly rate.
                let dm = if name == "annual_discount_rate" {
                    monthly_discount(t.annual_discount_rate)
                } else {
                    d_m
                };
                let o = outputs(&t, dm);
                (o.0 - base.0, o.1 - base.1, o.2 - base.2)
            };
            let (down, up) = (moved(-step), moved(step));
            Effect {
                input: name,
                step: Num(step),
                arr: (Num(down.0), Num(up.0)),
                nrr: (Num(down.1), Num(up.1)),
                clv: (Num(down.2), Num(up.2)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::ScenarioInput;

    #[test]
    fn one_point_of_churn_by_hand() {
        let s = ScenarioInput {
            start_mrr: Some(1000.0),
            start_customers: Some(10.0),
            monthly_churn: Some(0.02),
            years: Some(1.0),
            ..Default::default()
        }
        .validate()
        .unwrap();
        let e = sensitivity(&s);
        let churn = &e[0];
        assert_eq!(churn.input, "monthly_churn");
        // Year-1 ARR = 12 x 1000 x (1 - c)^12; NRR = (1 - c)^12.
        let arr = |c: f64| 12_000.0 * (1.0 - c).powi(12);
        let up = crate::kpi::value::to_f64(churn.arr.1 .0);
        assert!((up - (arr(0.03) - arr(0.02))).abs() < 1e-6, "{up}");
        let down = crate::kpi::value::to_f64(churn.nrr.0 .0);
        assert!((down - (0.99f64.powi(12) - 0.98f64.powi(12))).abs() < 1e-12);
        // More churn lowers CLV; more expansion raises ARR.
        assert!(churn.clv.1 .0 < Decimal::ZERO);
        assert!(e[1].arr.1 .0 > Decimal::ZERO);
        assert_eq!(e.len(), 8);
    }
}
