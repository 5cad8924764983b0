//! Goal seek: the monthly churn or expansion in [0, 1] that reaches a target (year-1 NRR, CLV, or ARR
//! at the end of the horizon), by bisection to 1e-9; "unreachable" with the closest bound otherwise.

use super::model::{clv, final_arr, run};
use super::scenario::Scenario;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Vary {
    MonthlyChurn,
    MonthlyExpansion,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Nrr,
    Clv,
    Arr,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct GoalSeek {
    pub vary: Vary,
    pub value: f64,
    pub reachable: bool,
    pub achieved: f64,
}

fn with(s: &Scenario, vary: Vary, x: Decimal) -> Scenario {
    let mut s = s.clone();
    match vary {
        Vary::MonthlyChurn => s.monthly_churn = x,
        Vary::MonthlyExpansion => s.monthly_expansion = x,
    }
    s
}

fn eval(s: &Scenario, metric: Metric) -> Decimal {
    match metric {
        Metric::Nrr => {
            run(&Scenario { years: 1, new_customers_per_month: Decimal::ZERO, ..s.clone() }).years
                [0]
            .nrr
            .0
        }
        Metric::Clv => clv(s).0,
        Metric::Arr => final_arr(s),
    }
}

pub fn seek(s: &Scenario, metric: Metric, target: Decimal, vary: Vary) -> GoalSeek {
    let (mut lo, mut hi) = (Decimal::ZERO, Decimal::ONE);
    if metric == Metric::Clv {
        // CLV is sought only where r < 1 (a finite lifetime): narrow the interval to that region.
        let limited = |x: Decimal| clv(&with(s, vary, x)).1;
        let step = Decimal::new(1, 9);
        match vary {
            Vary::MonthlyChurn => {
                // The smallest churn with r < 1 (r falls as churn rises).
                if limited(lo) {
                    let (mut a, mut b) = (Decimal::ZERO, Decimal::ONE);
                    while b - a > step {
                        let mid = (a + b) / Decimal::TWO;
                        if limited(mid) {
                            a = mid
                        } else {
                            b = mid
                        }
                    }
                    lo = b;
                }
            }
            Vary::MonthlyExpansion => {
                if limited(hi) {
                    let (mut a, mut b) = (Decimal::ZERO, Decimal::ONE);
                    while b - a > step {
                        let mid = (a + b) / Decimal::TWO;
                        if limited(mid) {
                            b = mid
                        } else {
                            a = mid
                        }
                    }
                    hi = a;
                }
            }
        }
    }
    let f = |x: Decimal| eval(&with(s, vary, x), metric);
    let (f_lo, f_hi) = (f(lo), f(hi));
    let out = |x: Decimal, reachable: bool| GoalSeek {
        vary,
        value: x.to_f64().unwrap_or(f64::NAN),
        reachable,
        achieved: f(x).to_f64().unwrap_or(f64::NAN),
    };
    let (min, max) = if f_lo <= f_hi { (f_lo, f_hi) } else { (f_hi, f_lo) };
    if target < min || target > max {
        let closest = if (f_lo - target).abs() <= (f_hi - target).abs() { lo } else { hi };
        return out(closest, false);
    }
    let increasing = f_hi >= f_lo;
    let tol = Decimal::new(1, 9);
    while hi - lo > tol {
        let mid = (lo + hi) / Decimal::TWO;
        if (f(mid) < target) == increasing {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    out((lo + hi) / Decimal::TWO, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::forecast::ScenarioInput;

    fn base() -> Scenario {
        ScenarioInput {
            start_mrr: Some(100_000.0),
            start_customers: Some(100.0),
            monthly_churn: Some(0.02),
            monthly_expansion: Some(0.03),
            years: Some(3.0),
            ..Default::default()
        }
        .validate()
        .unwrap()
    }

    #[test]
    fn churn_for_target_nrr() {
        // NRR = ((1-c)(1.03))^12 = 1.10  =>  c = 1 - 1.10^(1/12) / 1.03
        let g = seek(&base(), Metric::Nrr, Decimal::new(110, 2), Vary::MonthlyChurn);
        let expected = 1.0 - 1.10f64.powf(1.0 / 12.0) / 1.03;
        assert!(g.reachable);
        assert!((g.value - expected).abs() < 1e-8, "{} vs {}", g.value, expected);
        assert!((g.achieved - 1.10).abs() < 1e-7);
    }

    #[test]
    fn unreachable_reports_closest_bound() {
        // Even zero churn gives NRR = 1.03^12 = 1.4258: 2.0 cannot be reached.
        let g = seek(&base(), Metric::Nrr, Decimal::TWO, Vary::MonthlyChurn);
        assert!(!g.reachable);
        assert_eq!(g.value, 0.0);
        assert!((g.achieved - 1.03f64.powi(12)).abs() < 1e-9);
    }

    #[test]
    fn expansion_for_target_clv() {
        // d = 10% default; find e such that CLV = 200,000 with c = 2%.
        let g = seek(&base(), Metric::Clv, Decimal::from(200_000), Vary::MonthlyExpansion);
        assert!(g.reachable);
        assert!((g.achieved - 200_000.0).abs() < 1.0);
    }
}
