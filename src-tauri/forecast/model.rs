//! The monthly compounding what-if model of the KPI spec, in exact decimals.
//!
//! Existing book B(t) = B(t-1)(1-c)(1+e-k); every new cohort follows the same law from the month after
//! it joins, so total MRR(t) = MRR(t-1)(1-c)(1+e-k) + n(t) a_new, with n(t) = n (1+growth)^(t-1).
//! Customers C(t) = C(t-1)(1-c) + n(t), fractional.

use super::scenario::Scenario;
use crate::kpi::value::Num;
use rust_decimal::{Decimal, MathematicalOps};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
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
pub struct Forecast {
    pub years: Vec<YearRow>,
    pub months: Vec<MonthRow>,
    pub clv: Num2,
    /// True when (1-c)(1+e-k)/(1+d_m) >= 1: CLV is then summed over the horizon only.
    pub clv_horizon_limited: bool,
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
    (0..n).fold(Decimal::ONE, |acc, _| acc * x)
}

/// Per-month retention factor r and the CLV with its horizon flag.
pub fn clv(s: &Scenario) -> (Decimal, bool) {
    clv_at(s, monthly_discount(s.annual_discount_rate))
}

/// CLV with the monthly discount rate already worked out (it needs a fractional power, the slowest
/// step: sensitivity reuses it across inputs).
pub fn clv_at(s: &Scenario, d_m: Decimal) -> (Decimal, bool) {
    let a = s.start_mrr / s.start_customers;
    let keep = (Decimal::ONE - s.monthly_churn)
        * (Decimal::ONE + s.monthly_expansion - s.monthly_contraction);
    let r = keep / (Decimal::ONE + d_m);
    let ag = a * s.gross_margin;
    if r < Decimal::ONE {
        (ag / (Decimal::ONE - r), false)
    } else {
        let h = 12 * s.years;
        if r == Decimal::ONE {
            (ag * Decimal::from(h), true)
        } else {
            (ag * (Decimal::ONE - pow(r, h)) / (Decimal::ONE - r), true)
        }
    }
}

/// One month: (churned, expansion, contraction) of last month's MRR; the new MRR is
/// MRR + new − churned + expansion − contraction, which equals MRR (1−c)(1+e−k) + new.
fn step(s: &Scenario, mrr: Decimal) -> (Decimal, Decimal, Decimal) {
    let kept = (Decimal::ONE - s.monthly_churn) * mrr;
    (s.monthly_churn * mrr, s.monthly_expansion * kept, s.monthly_contraction * kept)
}

/// ARR at the end of the horizon in closed form (for goal seek and sensitivity, which evaluate it
/// many times): with K = (1-c)(1+e-k) and G = 1 + growth,
/// MRR(H) = M0 K^H + a_new n (K^H - G^H) / (K - G), or a_new n H K^(H-1) when K = G.
pub fn final_arr(s: &Scenario) -> Decimal {
    let h = 12 * s.years as u64;
    let k = (Decimal::ONE - s.monthly_churn)
        * (Decimal::ONE + s.monthly_expansion - s.monthly_contraction);
    let g = Decimal::ONE + s.new_customer_growth;
    let kh = k.powu(h);
    let added = s.new_customers_per_month * s.new_customer_arpa;
    let new_book = if added.is_zero() {
        Decimal::ZERO
    } else if k == g {
        added * Decimal::from(h) * k.powu(h - 1)
    } else {
        added * (kh - g.powu(h)) / (k - g)
    };
    Decimal::from(12) * (s.start_mrr * kh + new_book)
}

/// A scenario beside its baseline, with the yearly deltas (scenario − baseline).
#[derive(Debug, Clone, Serialize)]
pub struct Comparison {
    pub scenario: Forecast,
    pub baseline: Forecast,
    pub deltas: Vec<YearRow>,
    pub clv_delta: Num2,
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
    let clv_delta = d(a.clv, b.clv);
    Comparison { scenario: a, baseline: b, deltas, clv_delta }
}

pub fn run(s: &Scenario) -> Forecast {
    let (c, e, k) = (s.monthly_churn, s.monthly_expansion, s.monthly_contraction);
    let keep = (Decimal::ONE - c) * (Decimal::ONE + e - k);
    let twelve = Decimal::from(12);
    let mut mrr = s.start_mrr;
    let mut customers = s.start_customers;
    let mut n_t = s.new_customers_per_month;
    let mut months = Vec::with_capacity(12 * s.years as usize);
    let mut years = Vec::with_capacity(s.years as usize);
    let nrr = pow(keep, 12);
    let grr = pow((Decimal::ONE - c) * (Decimal::ONE - k), 12);
    for y in 1..=s.years {
        let (mut new, mut churned, mut expansion, mut contraction) =
            (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
        for m in 1..=12 {
            let t = (y - 1) * 12 + m;
            if t > 1 {
                n_t *= Decimal::ONE + s.new_customer_growth;
            }
            let added = n_t * s.new_customer_arpa;
            let (ch, ex, co) = step(s, mrr);
            churned += ch;
            expansion += ex;
            contraction += co;
            new += added;
            mrr = mrr + added - ch + ex - co;
            customers = customers * (Decimal::ONE - c) + n_t;
            months.push(MonthRow { month: t, mrr: Num2(mrr), customers: Num2(customers) });
        }
        years.push(YearRow {
            year: y,
            arr: Num2(twelve * mrr),
            customers: Num2(customers),
            nrr: Num2(nrr),
            grr: Num2(grr),
            new_arr: Num2(twelve * new),
            churned_arr: Num2(twelve * churned),
            expansion_arr: Num2(twelve * expansion),
            contraction_arr: Num2(twelve * contraction),
        });
    }
    let (clv, limited) = clv(s);
    let ltv_to_cac = s.cac.filter(|c| !c.is_zero()).map(|c| Num2(clv / c));
    let payback = s
        .cac
        .filter(|_| !(s.new_customer_arpa * s.gross_margin).is_zero())
        .map(|c| Num2(c / (s.new_customer_arpa * s.gross_margin)));
    Forecast {
        years,
        months,
        clv: Num2(clv),
        clv_horizon_limited: limited,
        ltv_to_cac,
        cac_payback_months: payback,
    }
}

#[cfg(test)]
mod tests {
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
        assert!(!f.clv_horizon_limited);
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
        let (v, limited) = clv(&flat);
        assert!(limited);
        assert_eq!(v, Decimal::from(50_000) / Decimal::from(40) * Decimal::from(48));
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
        assert!(c.clv_delta.0 > Decimal::ZERO);
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
        let (v, limited) = clv(&s);
        assert!(!limited);
        assert_eq!(v, Decimal::from(100) / Decimal::new(2, 2)); // 100 / 0.02 = 5000
        let s2 = Scenario { monthly_churn: Decimal::ZERO, ..s };
        let (v, limited) = clv(&s2);
        assert!(limited);
        assert_eq!(v, Decimal::from(100 * 36));
    }
}
