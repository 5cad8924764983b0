//! Exchange rates to the reporting currency (exports.md §9), from `fx_rates` tables or Settings.

use super::Month;
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Exchange rates: one unit of a currency in the reporting currency, per month or for any month.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FxRates {
    pub dated: BTreeMap<(String, Month), Decimal>,
    pub undated: BTreeMap<String, Decimal>,
}

impl FxRates {
    /// The rate of `currency` for month `m`: the month's own, else the undated one.
    pub fn rate(&self, currency: &str, m: Month) -> Option<Decimal> {
        self.dated.get(&(currency.to_string(), m)).or_else(|| self.undated.get(currency)).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.dated.is_empty() && self.undated.is_empty()
    }
}
