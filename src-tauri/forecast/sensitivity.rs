//! Sensitivity (the tornado chart): how year-Y ARR, year-1 NRR and the value of a customer (lifetime
//! CLV and over the horizon) move when each input moves by one point — one percentage point for
//! rates, one customer a month for new customers, 1% for money. Moving logo churn moves revenue
//! churn in proportion, as a slider does.

use super::model::{clv_at, final_arr, monthly_discount, nrr};
use super::scenario::Scenario;
use crate::kpi::value::Num;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "Sensitivity"))]
pub struct Effect {
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::ScenarioInputKey"))]
    pub input: &'static str,
    /// The move applied, in the input's own unit.
    pub step: Num,
    /// (down, up) changes of each output.
    pub arr: (Num, Num),
    pub nrr: (Num, Num),
    /// Changes of the lifetime CLV; null where it (before or after the move) is unbounded.
    pub clv: (Option<Num>, Option<Num>),
    /// Changes of the value over the horizon.
    pub clv_horizon: (Num, Num),
}

struct Outputs {
    arr: Decimal,
    nrr: Decimal,
    clv: Option<Decimal>,
    clv_horizon: Decimal,
}

fn outputs(s: &Scenario, d_m: Decimal) -> Outputs {
    let v = clv_at(s, d_m);
    Outputs { arr: final_arr(s), nrr: nrr(s), clv: v.lifetime, clv_horizon: v.horizon }
}

pub fn sensitivity(s: &Scenario) -> Vec<Effect> {
    let d_m = monthly_discount(s.annual_discount_rate);
    let base = outputs(s, d_m);
    let point = Decimal::new(1, 2);
    type Field = fn(&mut Scenario) -> &mut Decimal;
    let inputs: [(&'static str, Field, Decimal, bool); 9] = [
        ("monthly_churn", |s| &mut s.monthly_churn, point, true),
        ("monthly_revenue_churn", |s| &mut s.monthly_revenue_churn, point, true),
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
                if name == "monthly_churn" {
                    t = s.with_logo_churn(t.monthly_churn);
                }
                // Only the discount-rate input needs its own monthly rate.
                let dm = if name == "annual_discount_rate" {
                    monthly_discount(t.annual_discount_rate)
                } else {
                    d_m
                };
                let o = outputs(&t, dm);
                let clv = o.clv.zip(base.clv).map(|(a, b)| Num(a - b));
                (o.arr - base.arr, o.nrr - base.nrr, clv, o.clv_horizon - base.clv_horizon)
            };
            let (down, up) = (moved(-step), moved(step));
            Effect {
                input: name,
                step: Num(step),
                arr: (Num(down.0), Num(up.0)),
                nrr: (Num(down.1), Num(up.1)),
                clv: (down.2, up.2),
                clv_horizon: (Num(down.3), Num(up.3)),
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
        // More churn lowers CLV and the value over the horizon; more expansion raises ARR.
        assert!(churn.clv.1.unwrap().0 < Decimal::ZERO);
        assert!(churn.clv_horizon.1 .0 < Decimal::ZERO);
        assert_eq!(e[2].input, "monthly_expansion");
        assert!(e[2].arr.1 .0 > Decimal::ZERO);
        assert_eq!(e.len(), 9);
    }

    #[test]
    fn churn_moves_revenue_churn_and_revenue_churn_moves_alone() {
        // c = 2%, c_r = 1%: one point up on c gives c = 3%, c_r = 1.5%; on c_r alone, c_r = 2%.
        let s = ScenarioInput {
            start_mrr: Some(1000.0),
            start_customers: Some(10.0),
            monthly_churn: Some(0.02),
            monthly_revenue_churn: Some(0.01),
            years: Some(1.0),
            ..Default::default()
        }
        .validate()
        .unwrap();
        let e = sensitivity(&s);
        let nrr = |x: f64| (1.0 - x).powi(12);
        let up = crate::kpi::value::to_f64(e[0].nrr.1 .0);
        assert!((up - (nrr(0.015) - nrr(0.01))).abs() < 1e-12, "{up}");
        assert_eq!(e[1].input, "monthly_revenue_churn");
        let up = crate::kpi::value::to_f64(e[1].nrr.1 .0);
        assert!((up - (nrr(0.02) - nrr(0.01))).abs() < 1e-12, "{up}");
        // Revenue churn does not move a customer's lifetime value (it follows logo churn).
        assert_eq!(e[1].clv.1.unwrap().0, Decimal::ZERO);
        // Down to zero churn with no discount: the lifetime value becomes unbounded.
        let flat = Scenario {
            monthly_churn: Decimal::new(1, 2),
            annual_discount_rate: Decimal::ZERO,
            ..s
        };
        let e = sensitivity(&flat);
        assert_eq!(e[0].clv.0, None);
        assert!(e[0].clv_horizon.0 .0 > Decimal::ZERO);
    }
}
