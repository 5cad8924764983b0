//! What-if inputs (the keys of a SCENARIO.json) with the spec's defaults and validation.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Raw inputs as written in a scenario file; every key optional, unknown keys rejected.
#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ScenarioInput {
    pub start_mrr: Option<f64>,
    pub start_customers: Option<f64>,
    pub monthly_churn: Option<f64>,
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
    pub monthly_churn: Decimal,
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
        let monthly_churn =
            rate("monthly_churn", Some(req(self.monthly_churn, "monthly_churn")?), 0.0)?;
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
