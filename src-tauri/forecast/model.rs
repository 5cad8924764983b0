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
    let a = s.start_mrr / s.start_customers;
    let keep = (Decimal::ONE - s.monthly_churn)
        * (Decimal::ONE + s.monthly_expansion - s.monthly_contraction);
    let r = keep / (Decimal::ONE + monthly_discount(s.annual_discount_rate));
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
            churned += c * mrr;
            expansion += e * (Decimal::ONE - c) * mrr;
            contraction += k * (Decimal::ONE - c) * mrr;
            new += added;
            mrr = mrr * keep + added;
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
