//! Goal seek: the monthly churn or expansion in [0, 1] that reaches a target (year-1 NRR, lifetime
//! CLV, or ARR at the end of the horizon), by bisection to 1e-9; "unreachable" with the closest
//! bound otherwise. Varying logo churn moves revenue churn in proportion (Scenario::with_logo_churn).

use super::model::{clv, final_arr, nrr};
use super::scenario::Scenario;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Vary {
    MonthlyChurn,
    MonthlyExpansion,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    Nrr,
    Clv,
    Arr,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GoalSeek {
    pub vary: Vary,
    pub value: f64,
    pub reachable: bool,
    /// The target metric at `value`; null only for a CLV target when no value of the input gives
    /// a bounded lifetime value.
    pub achieved: Option<f64>,
    /// With `vary` = monthly_churn: the revenue churn that goes with `value` (moved in proportion).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub monthly_revenue_churn: Option<f64>,
}

/// The scenario with the varied input at `x` (logo churn moves revenue churn in proportion).
pub fn with(s: &Scenario, vary: Vary, x: Decimal) -> Scenario {
    match vary {
        Vary::MonthlyChurn => s.with_logo_churn(x),
        Vary::MonthlyExpansion => Scenario { monthly_expansion: x, ..s.clone() },
    }
}

/// The metric, None where it is not defined (a lifetime CLV where r >= 1).
fn eval(s: &Scenario, metric: Metric) -> Option<Decimal> {
    match metric {
        Metric::Nrr => Some(nrr(s)),
        Metric::Clv => clv(s).lifetime,
        Metric::Arr => Some(final_arr(s)),
    }
}

pub fn seek(s: &Scenario, metric: Metric, target: Decimal, vary: Vary) -> GoalSeek {
    let (mut lo, mut hi) = (Decimal::ZERO, Decimal::ONE);
    let out = |x: Decimal, reachable: bool| {
        let at = with(s, vary, x);
        GoalSeek {
            vary,
            value: x.to_f64().unwrap_or(f64::NAN),
            reachable,
            achieved: eval(&at, metric).and_then(|v| v.to_f64()),
            monthly_revenue_churn: (vary == Vary::MonthlyChurn)
                .then(|| at.monthly_revenue_churn.to_f64().unwrap_or(f64::NAN)),
        }
    };
    if metric == Metric::Clv {
        // The lifetime CLV is sought only where r < 1: narrow the interval to that region (r falls
        // as churn rises and grows with expansion).
        let unbounded = |x: Decimal| clv(&with(s, vary, x)).lifetime.is_none();
        let step = Decimal::new(1, 9);
        let edge = |mut a: Decimal, mut b: Decimal| {
            // `a` unbounded, `b` bounded: close in on the edge, keeping `b` bounded.
            while (b - a).abs() > step {
                let mid = (a + b) / Decimal::TWO;
                if unbounded(mid) {
                    a = mid
                } else {
                    b = mid
                }
            }
            b
        };
        match vary {
            Vary::MonthlyChurn if unbounded(lo) => {
                if unbounded(hi) {
                    return out(hi, false);
                }
                lo = edge(lo, hi);
            }
            Vary::MonthlyExpansion if unbounded(hi) => {
                if unbounded(lo) {
                    return out(lo, false);
                }
                hi = edge(hi, lo);
            }
            _ => {}
        }
    }
    // Both bounds are defined here.
    let f = |x: Decimal| eval(&with(s, vary, x), metric).unwrap_or(Decimal::ZERO);
    let (f_lo, f_hi) = (f(lo), f(hi));
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
        assert!((g.achieved.unwrap() - 1.10).abs() < 1e-7);
    }

    #[test]
    fn unreachable_reports_closest_bound() {
        // Even zero churn gives NRR = 1.03^12 = 1.4258: 2.0 cannot be reached.
        let g = seek(&base(), Metric::Nrr, Decimal::TWO, Vary::MonthlyChurn);
        assert!(!g.reachable);
        assert_eq!(g.value, 0.0);
        assert!((g.achieved.unwrap() - 1.03f64.powi(12)).abs() < 1e-9);
    }

    #[test]
    fn expansion_for_target_clv() {
        // d = 10% default; find e such that CLV = 200,000 with c = 2%.
        let g = seek(&base(), Metric::Clv, Decimal::from(200_000), Vary::MonthlyExpansion);
        assert!(g.reachable);
        assert!((g.achieved.unwrap() - 200_000.0).abs() < 1.0);
    }

    #[test]
    fn churn_moves_revenue_churn_in_proportion() {
        // c = 2%, c_r = 1% (half): NRR = ((1 - c/2)(1.03))^12 = 1.10  =>  c = 2 (1 - 1.10^(1/12) / 1.03).
        let s = Scenario { monthly_revenue_churn: Decimal::new(1, 2), ..base() };
        let g = seek(&s, Metric::Nrr, Decimal::new(110, 2), Vary::MonthlyChurn);
        let expected = 2.0 * (1.0 - 1.10f64.powf(1.0 / 12.0) / 1.03);
        assert!(g.reachable);
        assert!((g.value - expected).abs() < 1e-8, "{} vs {}", g.value, expected);
        assert!((g.monthly_revenue_churn.unwrap() - g.value / 2.0).abs() < 1e-12);
        assert!((g.achieved.unwrap() - 1.10).abs() < 1e-7);
        let e = seek(&s, Metric::Nrr, Decimal::new(110, 2), Vary::MonthlyExpansion);
        assert_eq!(e.monthly_revenue_churn, None);
    }

    #[test]
    fn clv_is_sought_only_where_it_is_bounded() {
        // No discount, no churn and no contraction: r = 1 + e >= 1 for every e. Nothing to seek.
        let s = Scenario {
            monthly_churn: Decimal::ZERO,
            monthly_revenue_churn: Decimal::ZERO,
            annual_discount_rate: Decimal::ZERO,
            ..base()
        };
        let g = seek(&s, Metric::Clv, Decimal::from(1000), Vary::MonthlyExpansion);
        assert!(!g.reachable);
        assert_eq!(g.achieved, None);
        // Varying churn: any churn above 0 bounds it; a large target needs a small churn.
        let g = seek(&s, Metric::Clv, Decimal::from(1_000_000), Vary::MonthlyChurn);
        assert!(g.reachable);
        assert!((g.achieved.unwrap() - 1_000_000.0).abs() < 1.0);
        assert!(g.value > 0.0);
    }
}
