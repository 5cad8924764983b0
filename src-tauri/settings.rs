//! User settings shared by the importer and the KPI engine (`--settings FILE.json` in the CLI, the
//! settings panel in the app). Every key optional.

use crate::import::{DateOrder, ImportSettings};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct HealthWeights {
    pub utilization: f64,
    pub nps: f64,
    pub mrr_trend: f64,
    pub support: f64,
    pub engagement: f64,
}

impl Default for HealthWeights {
    fn default() -> Self {
        HealthWeights {
            utilization: 25.0,
            nps: 20.0,
            mrr_trend: 25.0,
            support: 15.0,
            engagement: 15.0,
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct HealthSettings {
    pub weights: HealthWeights,
    pub red_below: f64,
    pub green_from: f64,
    /// The churn horizon H of the health backtest in months (1-24, default 3): a customer scored
    /// at month t is labelled churned when its MRR goes to 0 within t+1..t+H.
    pub horizon: u32,
}

impl Default for HealthSettings {
    fn default() -> Self {
        HealthSettings {
            weights: HealthWeights::default(),
            red_below: 40.0,
            green_from: 70.0,
            horizon: 3,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Gross margin g for lifetime values, 0..1 (default 1.0).
    pub gross_margin: Option<f64>,
    /// 5, 7 or 10.
    pub csat_scale: Option<u32>,
    pub date_order: Option<DateOrder>,
    pub decimal_comma: Option<bool>,
    pub health: HealthSettings,
    /// How money is shown in the app ("$" by default).
    pub currency_symbol: Option<String>,
    /// The currency money KPIs are reported in (`USD`); unset = the data's only currency.
    pub reporting_currency: Option<String>,
    /// Exchange rates entered by the user; a file's `fx_rates` table wins where both give one.
    pub fx_rates: Vec<FxRateSetting>,
    /// The user's targets (the app's Settings, kept in the store's own table; the CLI's
    /// `--targets FILE.json`): not part of the settings JSON.
    #[serde(skip)]
    pub targets: Vec<crate::model::Target>,
    /// The month (1-12) the fiscal year starts in (default 1, January): quarters and the period
    /// presets follow it.
    pub fiscal_year_start: Option<u32>,
    /// The company the board pack is of (default: the first data file's name).
    pub company: Option<String>,
    /// The board pack's paper: "a4" (default) or "letter".
    pub paper: Option<String>,
    /// Months of history the forecast ranges draw from (default 24, from 3 to 120).
    pub forecast_months: Option<u32>,
}

/// One exchange rate: one unit of `currency` in the reporting currency, for `month` (`2024-03`) or
/// for any month when absent.
#[derive(Debug, Clone, Deserialize, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct FxRateSetting {
    pub currency: String,
    pub rate: f64,
    #[serde(default)]
    pub month: Option<String>,
}

impl Settings {
    pub fn import(&self) -> ImportSettings {
        ImportSettings {
            date_order: self.date_order,
            decimal_comma: self.decimal_comma,
            csat_scale: self.csat_scale,
            reporting_currency: self
                .reporting_currency
                .as_deref()
                .and_then(crate::import::currency::code),
            fx: self.fx().map(std::sync::Arc::new),
            mapping: Vec::new(),
            remembered: Vec::new(),
        }
    }

    /// The rates entered in Settings (invalid ones are refused by `validate`).
    fn fx(&self) -> Option<crate::model::FxRates> {
        let mut fx = crate::model::FxRates::default();
        for r in &self.fx_rates {
            let (Some(cur), Ok(rate)) = (
                crate::import::currency::code(&r.currency),
                crate::import::cells::decimal_from_f64(r.rate),
            ) else {
                continue;
            };
            match r.month.as_deref().map(crate::model::Month::parse_iso) {
                Some(Some(m)) => {
                    fx.dated.entry((cur, m)).or_insert(rate);
                }
                Some(None) => {}
                None => {
                    fx.undated.entry(cur).or_insert(rate);
                }
            }
        }
        (!fx.is_empty()).then_some(fx)
    }

    pub fn gross_margin(&self) -> Decimal {
        self.gross_margin
            .and_then(|g| crate::import::cells::decimal_from_f64(g).ok())
            .unwrap_or(Decimal::ONE)
    }

    /// The month the fiscal year starts in, 1..=12 (January unless set; an invalid value, which
    /// `validate` refuses, counts as January).
    pub fn fiscal_start(&self) -> u32 {
        self.fiscal_year_start.filter(|m| (1..=12).contains(m)).unwrap_or(1)
    }

    /// Months of history the forecast ranges draw from (default 24).
    pub fn forecast_months(&self) -> u32 {
        self.forecast_months
            .filter(|m| (3..=120).contains(m))
            .unwrap_or(crate::forecast::bands::DEFAULT_MONTHS)
    }

    /// Checks ranges; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if let Some(m) = self.forecast_months {
            if !(3..=120).contains(&m) {
                return Err(format!("forecast_months must be from 3 to 120, got {m}"));
            }
        }
        if let Some(g) = self.gross_margin {
            if !(0.0..=1.0).contains(&g) || g == 0.0 {
                return Err(format!("gross_margin must be above 0 and at most 1, got {g}"));
            }
        }
        if let Some(s) = self.csat_scale {
            if ![5, 7, 10].contains(&s) {
                return Err(format!("csat_scale must be 5, 7 or 10, got {s}"));
            }
        }
        if let Some(m) = self.fiscal_year_start {
            if !(1..=12).contains(&m) {
                return Err(format!("fiscal_year_start must be a month from 1 to 12, got {m}"));
            }
        }
        if let Some(p) = &self.paper {
            if crate::pack::Paper::parse(p).is_none() {
                return Err(format!("paper must be \"a4\" or \"letter\", got {p}"));
            }
        }
        if let Some(c) = &self.reporting_currency {
            if crate::import::currency::code(c).is_none() {
                return Err(format!(
                    "reporting_currency must be a three-letter currency code such as USD, got {c}"
                ));
            }
        }
        for r in &self.fx_rates {
            if crate::import::currency::code(&r.currency).is_none() {
                return Err(format!(
                    "fx_rates: \"{}\" is not a currency code such as EUR",
                    r.currency
                ));
            }
            if !(r.rate > 0.0 && r.rate.is_finite()) {
                return Err(format!("fx_rates: the rate of {} must be above 0", r.currency));
            }
            if let Some(m) = &r.month {
                if crate::model::Month::parse_iso(m).is_none() {
                    return Err(format!("fx_rates: \"{m}\" is not a month such as 2024-03"));
                }
            }
        }
        let h = &self.health;
        let w = &h.weights;
        if [w.utilization, w.nps, w.mrr_trend, w.support, w.engagement]
            .iter()
            .any(|x| *x < 0.0 || !x.is_finite())
        {
            return Err("health.weights must be non-negative numbers".into());
        }
        if h.red_below > h.green_from || h.red_below.is_nan() || h.green_from.is_nan() {
            return Err("health.red_below must not exceed health.green_from".into());
        }
        if !(1..=24).contains(&h.horizon) {
            return Err(format!("health.horizon must be 1 to 24 months, got {}", h.horizon));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fiscal_year_start_is_a_month() {
        let s = |m| Settings { fiscal_year_start: m, ..Default::default() };
        assert_eq!(s(None).fiscal_start(), 1);
        assert_eq!(s(Some(4)).fiscal_start(), 4);
        assert!(s(Some(12)).validate().is_ok());
        assert_eq!(
            s(Some(13)).validate(),
            Err("fiscal_year_start must be a month from 1 to 12, got 13".into())
        );
        assert!(s(Some(0)).validate().is_err());
        // Read from a settings file.
        let read: Settings = serde_json::from_str(r#"{"fiscal_year_start": 4}"#).unwrap();
        assert_eq!(read.fiscal_start(), 4);
    }

    #[test]
    fn paper_is_a4_or_letter() {
        let read: Settings =
            serde_json::from_str(r#"{"paper": "letter", "company": "Acme"}"#).unwrap();
        assert!(read.validate().is_ok());
        assert_eq!(read.company.as_deref(), Some("Acme"));
        let bad = Settings { paper: Some("a3".into()), ..Default::default() };
        assert_eq!(bad.validate(), Err("paper must be \"a4\" or \"letter\", got a3".into()));
    }
}
