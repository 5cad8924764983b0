//! What-if inputs (the keys of a SCENARIO.json) with the spec's defaults and validation.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Raw inputs as written in a scenario file; every key optional, unknown keys rejected.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ScenarioInput {
    pub start_mrr: Option<f64>,
    pub start_customers: Option<f64>,
    pub monthly_churn: Option<f64>,
    /// Revenue churn c_r: the share of MRR lost to churned customers each month (default c).
    pub monthly_revenue_churn: Option<f64>,
    pub monthly_expansion: Option<f64>,
    pub monthly_contraction: Option<f64>,
    pub new_customers_per_month: Option<f64>,
    pub new_customer_arpa: Option<f64>,
    pub new_customer_growth: Option<f64>,
    pub gross_margin: Option<f64>,
    pub annual_discount_rate: Option<f64>,
    pub cac: Option<f64>,
    pub years: Option<f64>,
}

/// Validated inputs in exact decimals.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    pub start_mrr: Decimal,
    pub start_customers: Decimal,
    /// Logo churn c: the share of customers lost each month.
    pub monthly_churn: Decimal,
    /// Revenue churn c_r: the share of MRR lost to churned customers each month.
    pub monthly_revenue_churn: Decimal,
    pub monthly_expansion: Decimal,
    pub monthly_contraction: Decimal,
    pub new_customers_per_month: Decimal,
    pub new_customer_arpa: Decimal,
    pub new_customer_growth: Decimal,
    pub gross_margin: Decimal,
    pub annual_discount_rate: Decimal,
    pub cac: Option<Decimal>,
    pub years: u32,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ScenarioError {
    /// A required input is absent.
    #[error("{0} is required")]
    Missing(&'static str),
    /// An input is out of its range.
    #[error("{field} {why} (got {value})")]
    Range { field: &'static str, why: &'static str, value: f64 },
}

fn dec(field: &'static str, v: f64) -> Result<Decimal, ScenarioError> {
    crate::import::cells::decimal_from_f64(v).map_err(|_| ScenarioError::Range {
        field,
        why: "must be a finite number",
        value: v,
    })
}

impl ScenarioInput {
    pub fn validate(&self) -> Result<Scenario, ScenarioError> {
        let req = |v: Option<f64>, f: &'static str| v.ok_or(ScenarioError::Missing(f));
        let check = |f: &'static str, v: f64, ok: bool, why: &'static str| {
            if ok && v.is_finite() {
                dec(f, v)
            } else {
                Err(ScenarioError::Range { field: f, why, value: v })
            }
        };
        let rate = |f: &'static str, v: Option<f64>, default: f64| {
            let v = v.unwrap_or(default);
            check(f, v, (0.0..=1.0).contains(&v), "must be between 0 and 1")
        };
        let start_mrr = req(self.start_mrr, "start_mrr")?;
        let start_mrr = check("start_mrr", start_mrr, start_mrr >= 0.0, "must not be negative")?;
        let c0 = req(self.start_customers, "start_customers")?;
        let start_customers = check("start_customers", c0, c0 > 0.0, "must be above 0")?;
        let c = req(self.monthly_churn, "monthly_churn")?;
        let monthly_churn = rate("monthly_churn", Some(c), 0.0)?;
        let monthly_revenue_churn = rate("monthly_revenue_churn", self.monthly_revenue_churn, c)?;
        let years = req(self.years, "years")?;
        if !(1.0..=10.0).contains(&years) || years.fract() != 0.0 {
            return Err(ScenarioError::Range {
                field: "years",
                why: "must be a whole number from 1 to 10",
                value: years,
            });
        }
        let arpa = start_mrr / start_customers;
        let new_customer_arpa = match self.new_customer_arpa {
            Some(v) => check("new_customer_arpa", v, v >= 0.0, "must not be negative")?,
            None => arpa,
        };
        let n = self.new_customers_per_month.unwrap_or(0.0);
        let growth = self.new_customer_growth.unwrap_or(0.0);
        let d = self.annual_discount_rate.unwrap_or(0.10);
        let g = self.gross_margin.unwrap_or(1.0);
        Ok(Scenario {
            start_mrr,
            start_customers,
            monthly_churn,
            monthly_revenue_churn,
            monthly_expansion: rate("monthly_expansion", self.monthly_expansion, 0.0)?,
            monthly_contraction: rate("monthly_contraction", self.monthly_contraction, 0.0)?,
            new_customers_per_month: check(
                "new_customers_per_month",
                n,
                n >= 0.0,
                "must not be negative",
            )?,
            new_customer_arpa,
            new_customer_growth: check(
                "new_customer_growth",
                growth,
                growth > -1.0,
                "must be above -1",
            )?,
            gross_margin: check(
                "gross_margin",
                g,
                g > 0.0 && g <= 1.0,
                "must be above 0 and at most 1",
            )?,
            annual_discount_rate: check(
                "annual_discount_rate",
                d,
                (0.0..=1.0).contains(&d),
                "must be between 0 and 1",
            )?,
            cac: match self.cac {
                Some(v) => Some(check("cac", v, v >= 0.0, "must not be negative")?),
                None => None,
            },
            years: years as u32,
        })
    }
}

impl Scenario {
    /// The scenario with logo churn `c`, its revenue churn moved in proportion (c_r / c kept, at
    /// most 1; c_r = c when the scenario had c = 0): lower churn always means lower revenue churn.
    pub fn with_logo_churn(&self, c: Decimal) -> Scenario {
        let revenue = if self.monthly_churn.is_zero() {
            c
        } else {
            (self.monthly_revenue_churn * c / self.monthly_churn).min(Decimal::ONE)
        };
        Scenario { monthly_churn: c, monthly_revenue_churn: revenue, ..self.clone() }
    }

    /// Every input with the value the model uses (defaults filled in; `cac` may be absent), in the
    /// order of a scenario file.
    pub fn values(&self) -> [(&'static str, Option<Decimal>); 13] {
        [
            ("start_mrr", Some(self.start_mrr)),
            ("start_customers", Some(self.start_customers)),
            ("monthly_churn", Some(self.monthly_churn)),
            ("monthly_revenue_churn", Some(self.monthly_revenue_churn)),
            ("monthly_expansion", Some(self.monthly_expansion)),
            ("monthly_contraction", Some(self.monthly_contraction)),
            ("new_customers_per_month", Some(self.new_customers_per_month)),
            ("new_customer_arpa", Some(self.new_customer_arpa)),
            ("new_customer_growth", Some(self.new_customer_growth)),
            ("gross_margin", Some(self.gross_margin)),
            ("annual_discount_rate", Some(self.annual_discount_rate)),
            ("cac", self.cac),
            ("years", Some(Decimal::from(self.years))),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scenario(c: f64, c_r: Option<f64>) -> Scenario {
        ScenarioInput {
            start_mrr: Some(1000.0),
            start_customers: Some(10.0),
            monthly_churn: Some(c),
            monthly_revenue_churn: c_r,
            years: Some(1.0),
            ..Default::default()
        }
        .validate()
        .unwrap()
    }

    #[test]
    fn revenue_churn_defaults_to_logo_churn() {
        let s = scenario(0.02, None);
        assert_eq!(s.monthly_revenue_churn, Decimal::new(2, 2));
        let bad = ScenarioInput {
            start_mrr: Some(1.0),
            start_customers: Some(1.0),
            monthly_churn: Some(0.1),
            monthly_revenue_churn: Some(1.5),
            years: Some(1.0),
            ..Default::default()
        };
        assert!(matches!(
            bad.validate(),
            Err(ScenarioError::Range { field: "monthly_revenue_churn", .. })
        ));
    }

    #[test]
    fn moving_logo_churn_moves_revenue_churn_in_proportion() {
        // c = 2%, c_r = 1.5%: the ratio 0.75 is kept.
        let s = scenario(0.02, Some(0.015));
        let half = s.with_logo_churn(Decimal::new(1, 2));
        assert_eq!(half.monthly_churn, Decimal::new(1, 2));
        assert_eq!(half.monthly_revenue_churn, Decimal::new(75, 4));
        let zero = s.with_logo_churn(Decimal::ZERO);
        assert_eq!(zero.monthly_revenue_churn, Decimal::ZERO);
        // Revenue churn never passes 100%.
        assert_eq!(
            scenario(0.1, Some(0.5)).with_logo_churn(Decimal::new(5, 1)).monthly_revenue_churn,
            Decimal::ONE
        );
        // From c = 0, or with no c_r given, c_r follows c.
        let from_zero = scenario(0.0, Some(0.01)).with_logo_churn(Decimal::new(3, 2));
        assert_eq!(from_zero.monthly_revenue_churn, Decimal::new(3, 2));
        let none = scenario(0.02, None).with_logo_churn(Decimal::new(4, 2));
        assert_eq!(none.monthly_revenue_churn, Decimal::new(4, 2));
    }
}
