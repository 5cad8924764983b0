//! The monthly compounding what-if model of the KPI spec, in exact decimals.
//!
//! Existing book B(t) = B(t-1)(1-c_r)(1+e-k), with revenue churn c_r apart from logo churn c; every
//! new cohort follows the same law from the month after it joins, so total MRR(t) =
//! MRR(t-1)(1-c_r)(1+e-k) + n(t) a_new, with n(t) = n (1+growth)^(t-1).
//! Customers C(t) = C(t-1)(1-c) + n(t), fractional.

use super::scenario::Scenario;
use crate::kpi::value::Num;
use rust_decimal::{Decimal, MathematicalOps};
use serde::Serialize;

/// Why the lifetime `clv` is null: the sum over every future month does not converge.
pub const UNBOUNDED: &str = "unbounded: expansion outpaces churn and discounting";

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearRow {
    pub year: u32,
    pub arr: Num2,
    pub customers: Num2,
    pub nrr: Num2,
    pub grr: Num2,
    pub new_arr: Num2,
    pub churned_arr: Num2,
    pub expansion_arr: Num2,
    pub contraction_arr: Num2,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthRow {
    pub month: u32,
    pub mrr: Num2,
    pub customers: Num2,
}

/// A Decimal that serialises as a JSON number.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Num2(pub Decimal);

impl Serialize for Num2 {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Num(self.0).serialize(s)
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Forecast {
    pub years: Vec<YearRow>,
    pub months: Vec<MonthRow>,
    /// Lifetime value a g / (1 - r); null when r >= 1 (the sum never converges), with
    /// `clv_reason` saying so. Never a different quantity under this name.
    pub clv: Option<Num2>,
    pub clv_reason: Option<&'static str>,
    /// The value of one customer over the horizon (H = 12 x years months): always defined.
    pub clv_horizon: Num2,
    /// `clv` / CAC: null when `clv` is, or without a CAC.
    pub ltv_to_cac: Option<Num2>,
    pub cac_payback_months: Option<Num2>,
}

/// Monthly discount rate d_m = (1+d)^(1/12) - 1.
pub fn monthly_discount(d: Decimal) -> Decimal {
    if d.is_zero() {
        return Decimal::ZERO;
    }
    (Decimal::ONE + d).powd(Decimal::ONE / Decimal::from(12)) - Decimal::ONE
}

fn pow(x: Decimal, n: u32) -> Decimal {
    (0..n).fold(Decimal::ONE, |acc, _| acc.saturating_mul(x))
}

/// The value of one customer: over its whole life (None when unbounded) and over the horizon.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Clv {
    pub lifetime: Option<Decimal>,
    pub horizon: Decimal,
}

/// r = (1-c)(1+e-k) / (1+d_m): one customer survives a month with (1-c), its revenue moves by
/// (1+e-k), and a month later is worth 1/(1+d_m) of today.
pub fn retention_factor(s: &Scenario, d_m: Decimal) -> Decimal {
    (Decimal::ONE - s.monthly_churn) * (Decimal::ONE + s.monthly_expansion - s.monthly_contraction)
        / (Decimal::ONE + d_m)
}

pub fn clv(s: &Scenario) -> Clv {
    clv_at(s, monthly_discount(s.annual_discount_rate))
}

/// CLV with the monthly discount rate already worked out (it needs a fractional power, the slowest
/// step: sensitivity reuses it across inputs). The horizon value is the sum of its H terms
/// a g r^t, t = 0..H-1 (= a g (1 - r^H) / (1 - r), or a g H when r = 1), which only grows with r,
/// so with falling churn.
pub fn clv_at(s: &Scenario, d_m: Decimal) -> Clv {
    let ag = s.start_mrr / s.start_customers * s.gross_margin;
    let r = retention_factor(s, d_m);
    let (mut term, mut horizon) = (ag, Decimal::ZERO);
    // Saturating: a what-if far outside any business (goal seek tries expansion up to 100% a
    // month over ten years) must not overflow the decimal type.
    for _ in 0..12 * s.years {
        horizon = horizon.saturating_add(term);
        term = term.saturating_mul(r);
    }
    Clv { lifetime: (r < Decimal::ONE).then(|| ag / (Decimal::ONE - r)), horizon }
}

/// The monthly factor of the MRR kept: (1-c_r)(1+e-k).
fn keep(s: &Scenario) -> Decimal {
    (Decimal::ONE - s.monthly_revenue_churn)
        * (Decimal::ONE + s.monthly_expansion - s.monthly_contraction)
}

/// One month: (churned, expansion, contraction) of last month's MRR; the new MRR is
/// MRR + new − churned + expansion − contraction, which equals MRR (1−c_r)(1+e−k) + new.
fn step(s: &Scenario, mrr: Decimal) -> (Decimal, Decimal, Decimal) {
    let kept = (Decimal::ONE - s.monthly_revenue_churn).saturating_mul(mrr);
    (
        s.monthly_revenue_churn.saturating_mul(mrr),
        s.monthly_expansion.saturating_mul(kept),
        s.monthly_contraction.saturating_mul(kept),
    )
}

/// Year-1 NRR, ((1-c_r)(1+e-k))^12 (every year's).
pub fn nrr(s: &Scenario) -> Decimal {
    pow(keep(s), 12)
}

/// ARR at the end of the horizon in closed form (for goal seek and sensitivity, which evaluate it
/// many times): with K = (1-c_r)(1+e-k) and G = 1 + growth,
/// MRR(H) = M0 K^H + a_new n (K^H - G^H) / (K - G), or a_new n H K^(H-1) when K = G.
pub fn final_arr(s: &Scenario) -> Decimal {
    let h = 12 * s.years as u64;
    let k = keep(s);
    let g = Decimal::ONE + s.new_customer_growth;
    let kh = k.checked_powu(h).unwrap_or(Decimal::MAX);
    let added = s.new_customers_per_month * s.new_customer_arpa;
    let new_book = if added.is_zero() {
        Decimal::ZERO
    } else if k == g {
        added
            .saturating_mul(Decimal::from(h))
            .saturating_mul(k.checked_powu(h - 1).unwrap_or(Decimal::MAX))
    } else {
        let gh = g.checked_powu(h).unwrap_or(Decimal::MAX);
        added.saturating_mul(kh.saturating_sub(gh)).checked_div(k - g).unwrap_or(Decimal::MAX)
    };
    Decimal::from(12).saturating_mul(s.start_mrr.saturating_mul(kh).saturating_add(new_book))
}

/// A scenario beside its baseline, with the yearly deltas (scenario − baseline).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comparison {
    pub scenario: Forecast,
    pub baseline: Forecast,
    pub deltas: Vec<YearRow>,
    /// Null unless both lifetime values are defined.
    pub clv_delta: Option<Num2>,
    pub clv_horizon_delta: Num2,
}

pub fn compare(s: &Scenario, baseline: &Scenario) -> Comparison {
    let (a, b) = (run(s), run(baseline));
    let d = |x: Num2, y: Num2| Num2(x.0 - y.0);
    let deltas = a
        .years
        .iter()
        .zip(&b.years)
        .map(|(x, y)| YearRow {
            year: x.year,
            arr: d(x.arr, y.arr),
            customers: d(x.customers, y.customers),
            nrr: d(x.nrr, y.nrr),
            grr: d(x.grr, y.grr),
            new_arr: d(x.new_arr, y.new_arr),
            churned_arr: d(x.churned_arr, y.churned_arr),
            expansion_arr: d(x.expansion_arr, y.expansion_arr),
            contraction_arr: d(x.contraction_arr, y.contraction_arr),
        })
        .collect();
    let clv_delta = a.clv.zip(b.clv).map(|(x, y)| d(x, y));
    let clv_horizon_delta = d(a.clv_horizon, b.clv_horizon);
    Comparison { scenario: a, baseline: b, deltas, clv_delta, clv_horizon_delta }
}

pub fn run(s: &Scenario) -> Forecast {
    let c = s.monthly_churn;
    let twelve = Decimal::from(12);
    let mut mrr = s.start_mrr;
    let mut customers = s.start_customers;
    let mut n_t = s.new_customers_per_month;
    let mut months = Vec::with_capacity(12 * s.years as usize);
    let mut years = Vec::with_capacity(s.years as usize);
    let nrr = nrr(s);
    let grr =
        pow((Decimal::ONE - s.monthly_revenue_churn) * (Decimal::ONE - s.monthly_contraction), 12);
    for y in 1..=s.years {
        let (mut new, mut churned, mut expansion, mut contraction) =
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for m in 1..=12 {
            let t = (y - 1) * 12 + m;
            if t > 1 {
                n_t = n_t.saturating_mul(Decimal::ONE + s.new_customer_growth);
            }
            let added = n_t.saturating_mul(s.new_customer_arpa);
            let (ch, ex, co) = step(s, mrr);
            churned = churned.saturating_add(ch);
            expansion = expansion.saturating_add(ex);
            contraction = contraction.saturating_add(co);
            new = new.saturating_add(added);
            mrr =
                mrr.saturating_add(added).saturating_sub(ch).saturating_add(ex).saturating_sub(co);
            customers = customers.saturating_mul(Decimal::ONE - c).saturating_add(n_t);
            months.push(MonthRow { month: t, mrr: Num2(mrr), customers: Num2(customers) });
        }
        years.push(YearRow {
            year: y,
            arr: Num2(twelve.saturating_mul(mrr)),
            customers: Num2(customers),
            nrr: Num2(nrr),
            grr: Num2(grr),
            new_arr: Num2(twelve.saturating_mul(new)),
            churned_arr: Num2(twelve.saturating_mul(churned)),
            expansion_arr: Num2(twelve.saturating_mul(expansion)),
            contraction_arr: Num2(twelve.saturating_mul(contraction)),
        });
    }
    let value = clv(s);
    let ltv_to_cac = value.lifetime.zip(s.cac.filter(|c| !c.is_zero())).map(|(v, c)| Num2(v / c));
    let payback = s
        .cac
        .filter(|_| !(s.new_customer_arpa * s.gross_margin).is_zero())
        .map(|c| Num2(c / (s.new_customer_arpa * s.gross_margin)));
    Forecast {
        years,
        months,
        clv: value.lifetime.map(Num2),
        clv_reason: value.lifetime.is_none().then_some(UNBOUNDED),
        clv_horizon: Num2(value.horizon),
        ltv_to_cac,
        cac_payback_months: payback,
    }
}

#[cfg(test)]
mod tests {
    /// Expansion of 100% a month for ten years (what goal seek may try) saturates instead of
    /// overflowing the decimal type.
    #[test]
    fn extreme_inputs_do_not_overflow() {
        let s = super::super::scenario::ScenarioInput {
            start_mrr: Some(1_000_000.0),
            start_customers: Some(100.0),
            monthly_churn: Some(0.0),
            monthly_expansion: Some(1.0),
            new_customers_per_month: Some(1000.0),
            new_customer_growth: Some(1.0),
            years: Some(10.0),
            ..Default::default()
        }
        .validate()
        .unwrap();
        let f = super::run(&s);
        assert!(f.years[9].arr.0 > rust_decimal::Decimal::from(1_000_000));
        assert!(super::final_arr(&s) > rust_decimal::Decimal::ZERO);
    }

    use super::*;
    use crate::forecast::ScenarioInput;

    fn scenario(c: f64, e: f64, n: f64) -> Scenario {
        ScenarioInput {
            start_mrr: Some(10_000.0),
            start_customers: Some(100.0),
            monthly_churn: Some(c),
            monthly_expansion: Some(e),
            new_customers_per_month: Some(n),
            years: Some(2.0),
            cac: Some(500.0),
            ..Default::default()
        }
        .validate()
        .unwrap()
    }

    #[test]
    fn no_churn_no_growth_is_flat() {
        let f = run(&scenario(0.0, 0.0, 0.0));
        assert_eq!(f.years[1].arr.0, Decimal::from(120_000));
        assert_eq!(f.years[0].nrr.0, Decimal::ONE);
        // r = 1/(1+d_m) < 1, so CLV = a / (1 - r) = a (1 + d_m) / d_m: finite.
        assert!(f.clv.is_some() && f.clv_reason.is_none());
    }

    #[test]
    fn hand_computed_two_months() {
        // c = 10%, n = 10 new at ARPA 100: MRR1 = 10000*0.9 + 1000 = 10000; C1 = 90 + 10 = 100.
        let f = run(&scenario(0.1, 0.0, 10.0));
        assert_eq!(f.months[0].mrr.0, Decimal::from(10_000));
        assert_eq!(f.months[0].customers.0, Decimal::from(100));
        // Year 1 NRR = 0.9^12.
        assert_eq!(f.years[0].nrr.0, pow(Decimal::new(9, 1), 12));
        // Churned ARR in year 1 = 12 * 12 months * 0.1 * 10000 (MRR stays at 10000).
        assert_eq!(f.years[0].churned_arr.0, Decimal::from(144_000));
        assert_eq!(f.cac_payback_months.unwrap().0, Decimal::from(5));
    }

    #[test]
    fn expansion_beating_churn_grows_the_book() {
        // c = 2%, e = 5%: keep = 0.98 x 1.05 = 1.029 a month; NRR = 1.029^12 > 1.
        let f = run(&scenario(0.02, 0.05, 0.0));
        let keep = Decimal::new(98, 2) * Decimal::new(105, 2);
        assert_eq!(f.years[0].nrr.0, pow(keep, 12));
        assert_eq!(f.years[0].arr.0, Decimal::from(120_000) * pow(keep, 12));
        assert!(f.years[1].arr.0 > f.years[0].arr.0);
        assert_eq!(f.years[0].grr.0, pow(Decimal::new(98, 2), 12));
    }

    #[test]
    fn new_business_growth_compounds_monthly() {
        // No churn, 10 new a month growing 10% a month at ARPA 100: month t adds 1000 x 1.1^(t-1).
        let s = ScenarioInput {
            start_mrr: Some(0.0),
            start_customers: Some(1.0),
            monthly_churn: Some(0.0),
            new_customers_per_month: Some(10.0),
            new_customer_arpa: Some(100.0),
            new_customer_growth: Some(0.1),
            years: Some(1.0),
            ..Default::default()
        }
        .validate()
        .unwrap();
        let f = run(&s);
        let added: Decimal =
            (0..12).map(|t| Decimal::from(1000) * pow(Decimal::new(11, 1), t)).sum();
        assert_eq!(f.months[11].mrr.0, added);
        assert_eq!(f.years[0].new_arr.0, Decimal::from(12) * added);
        assert_eq!(
            f.months[2].customers.0,
            Decimal::ONE + Decimal::from(10) + Decimal::from(11) + Decimal::new(121, 1)
        );
        // The closed form agrees with the month-by-month run.
        assert!((final_arr(&s) - f.years[0].arr.0).abs() < Decimal::new(1, 16));
    }

    #[test]
    fn yearly_identity_and_r_equal_to_one() {
        let s = ScenarioInput {
            start_mrr: Some(50_000.0),
            start_customers: Some(40.0),
            monthly_churn: Some(0.03),
            monthly_expansion: Some(0.02),
            monthly_contraction: Some(0.01),
            new_customers_per_month: Some(3.0),
            new_customer_growth: Some(0.02),
            years: Some(4.0),
            ..Default::default()
        }
        .validate()
        .unwrap();
        let f = run(&s);
        let mut prev = Decimal::from(12) * s.start_mrr;
        for y in &f.years {
            // ARR(y) = ARR(y-1) + new - churned + expansion - contraction (to Decimal's 28 digits).
            let rebuilt =
                prev + y.new_arr.0 - y.churned_arr.0 + y.expansion_arr.0 - y.contraction_arr.0;
            assert!((y.arr.0 - rebuilt).abs() < Decimal::new(1, 18), "{} vs {rebuilt}", y.arr.0);
            prev = y.arr.0;
        }
        // r = 1 exactly: (1 - c)(1 + e - k) = 1 + d_m with d = 0 and no churn or expansion.
        let flat = Scenario {
            monthly_churn: Decimal::ZERO,
            monthly_expansion: Decimal::ZERO,
            monthly_contraction: Decimal::ZERO,
            annual_discount_rate: Decimal::ZERO,
            ..s
        };
        let v = clv(&flat);
        assert_eq!(v.lifetime, None);
        assert_eq!(v.horizon, Decimal::from(50_000) / Decimal::from(40) * Decimal::from(48));
        let f = run(&flat);
        assert_eq!((f.clv, f.clv_reason, f.ltv_to_cac), (None, Some(UNBOUNDED), None));
    }

    #[test]
    fn closed_form_arr_matches_the_monthly_run() {
        for (c, e, k, n, g, years) in [
            (0.02, 0.01, 0.005, 3.0, 0.01, 10.0),
            (0.0, 0.0, 0.0, 5.0, 0.0, 3.0),
            (0.03, 0.0, 0.0, 0.0, 0.0, 1.0),
            (0.0, 0.0, 0.0, 2.0, 0.0, 2.0),
        ] {
            let s = ScenarioInput {
                start_mrr: Some(80_000.0),
                start_customers: Some(50.0),
                monthly_churn: Some(c),
                monthly_expansion: Some(e),
                monthly_contraction: Some(k),
                new_customers_per_month: Some(n),
                new_customer_growth: Some(g),
                years: Some(years),
                ..Default::default()
            }
            .validate()
            .unwrap();
            let run_arr = run(&s).years.last().unwrap().arr.0;
            let diff = (final_arr(&s) - run_arr).abs();
            assert!(
                diff < Decimal::new(1, 12),
                "{c} {e} {k} {n} {g}: {} vs {run_arr}",
                final_arr(&s)
            );
        }
    }

    #[test]
    fn scenario_versus_baseline_deltas() {
        let base = scenario(0.02, 0.0, 0.0);
        let better = scenario(0.01, 0.0, 0.0);
        let c = compare(&better, &base);
        assert_eq!(c.deltas[1].arr.0, c.scenario.years[1].arr.0 - c.baseline.years[1].arr.0);
        assert!(c.deltas[1].arr.0 > Decimal::ZERO);
        assert!(c.clv_delta.unwrap().0 > Decimal::ZERO);
        assert!(c.clv_horizon_delta.0 > Decimal::ZERO);
    }

    #[test]
    fn clv_closed_form_and_horizon() {
        let s = ScenarioInput {
            start_mrr: Some(1000.0),
            start_customers: Some(10.0),
            monthly_churn: Some(0.02),
            annual_discount_rate: Some(0.0),
            years: Some(3.0),
            ..Default::default()
        }
        .validate()
        .unwrap();
        let v = clv(&s);
        assert_eq!(v.lifetime, Some(Decimal::from(100) / Decimal::new(2, 2))); // 100 / 0.02 = 5000
                                                                               // Over 36 months: 100 (1 - 0.98^36) / 0.02.
        let h =
            Decimal::from(100) * (Decimal::ONE - pow(Decimal::new(98, 2), 36)) / Decimal::new(2, 2);
        assert!((v.horizon - h).abs() < Decimal::new(1, 20), "{} vs {h}", v.horizon);
        let s2 = Scenario { monthly_churn: Decimal::ZERO, ..s };
        let v = clv(&s2);
        assert_eq!(v.lifetime, None);
        assert_eq!(v.horizon, Decimal::from(100 * 36));
    }

    #[test]
    fn revenue_churn_drives_revenue_and_logo_churn_drives_customers() {
        // c = 5% of customers, c_r = 1% of MRR, e = 2%, k = 0.5%.
        let s = ScenarioInput {
            start_mrr: Some(10_000.0),
            start_customers: Some(100.0),
            monthly_churn: Some(0.05),
            monthly_revenue_churn: Some(0.01),
            monthly_expansion: Some(0.02),
            monthly_contraction: Some(0.005),
            years: Some(2.0),
            ..Default::default()
        }
        .validate()
        .unwrap();
        let f = run(&s);
        let keep = Decimal::new(99, 2) * Decimal::new(1015, 3);
        assert_eq!(f.years[0].nrr.0, pow(keep, 12));
        assert_eq!(f.years[0].grr.0, pow(Decimal::new(99, 2) * Decimal::new(995, 3), 12));
        assert_eq!(f.months[0].mrr.0, Decimal::from(10_000) * keep);
        let close =
            |a: Decimal, b: Decimal| assert!((a - b).abs() < Decimal::new(1, 18), "{a} vs {b}");
        close(f.years[1].arr.0, Decimal::from(120_000) * pow(keep, 24));
        assert_eq!(f.months[0].customers.0, Decimal::from(95));
        // Month 1: churned 100, expansion 0.02 x 9900 = 198, contraction 0.005 x 9900 = 49.5.
        let one = run(&Scenario { years: 1, ..s.clone() });
        let mut prev = Decimal::from(10_000);
        let (mut ch, mut ex, mut co) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for m in &one.months {
            ch += Decimal::new(1, 2) * prev;
            ex += Decimal::new(2, 2) * Decimal::new(99, 2) * prev;
            co += Decimal::new(5, 3) * Decimal::new(99, 2) * prev;
            prev = m.mrr.0;
        }
        let twelve = Decimal::from(12);
        close(one.years[0].churned_arr.0, twelve * ch);
        close(one.years[0].expansion_arr.0, twelve * ex);
        close(one.years[0].contraction_arr.0, twelve * co);
        // CLV follows the customer: logo churn, not revenue churn.
        let r = retention_factor(&s, monthly_discount(s.annual_discount_rate));
        assert_eq!(
            r,
            Decimal::new(95, 2) * Decimal::new(1015, 3)
                / (Decimal::ONE + monthly_discount(Decimal::new(1, 1)))
        );
        let same_logo = Scenario { monthly_revenue_churn: Decimal::new(3, 2), ..s.clone() };
        assert_eq!(clv(&same_logo), clv(&s));
    }

    #[test]
    fn both_values_grow_as_churn_falls() {
        // The review's case: expansion beats churn near zero churn. Sweep c from 5% down to 0.
        for (e, k, d) in [(0.015, 0.005, 0.10), (0.03, 0.0, 0.0), (0.0, 0.0, 0.10), (0.0, 0.0, 0.0)]
        {
            let mut last: Option<Clv> = None;
            let mut was_defined = true;
            for i in (0..=500).rev() {
                let s = ScenarioInput {
                    start_mrr: Some(858_190.0),
                    start_customers: Some(275.0),
                    monthly_churn: Some(i as f64 / 10_000.0),
                    monthly_expansion: Some(e),
                    monthly_contraction: Some(k),
                    annual_discount_rate: Some(d),
                    years: Some(5.0),
                    ..Default::default()
                }
                .validate()
                .unwrap();
                let v = clv(&s);
                if let Some(prev) = last {
                    assert!(v.horizon >= prev.horizon, "c = {i}bp {e} {k} {d}: horizon fell");
                    if let (Some(a), Some(b)) = (v.lifetime, prev.lifetime) {
                        assert!(a >= b, "c = {i}bp {e} {k} {d}: lifetime fell");
                    }
                }
                // Once unbounded, it stays so as churn keeps falling.
                assert!(was_defined || v.lifetime.is_none());
                was_defined = v.lifetime.is_some();
                // The lifetime value is never below the value over the horizon.
                if let Some(l) = v.lifetime {
                    assert!(l >= v.horizon);
                }
                last = Some(v);
            }
        }
    }
}
