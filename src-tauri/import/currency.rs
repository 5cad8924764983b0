//! Currencies (exports.md §9): which currency each money cell is in, conversion to the reporting
//! currency with the user's `fx_rates`, and the ISO 4217 minor units of the systems that write cents.
//! Nothing is ever summed across currencies silently: an amount that cannot be converted is recorded,
//! and the money KPIs of its tables say why they are null.

pub use crate::model::FxRates;
use crate::model::Month;
use rust_decimal::Decimal;

/// A currency code as written (`usd`, ` EUR `) in upper case; None when it is not three letters.
pub fn code(text: &str) -> Option<String> {
    let t = text.trim();
    (t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic())).then(|| t.to_ascii_uppercase())
}

/// The decimals of a currency's minor unit (ISO 4217): 0 for the yen and its like, 3 for the dinars,
/// 2 for the rest.
pub fn minor_decimals(code: &str) -> u32 {
    const ZERO: &[&str] = &[
        "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
        "VUV", "XAF", "XOF", "XPF",
    ];
    const THREE: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
    if ZERO.contains(&code) {
        0
    } else if THREE.contains(&code) {
        3
    } else {
        2
    }
}

/// `v` in `currency` for month `m` in the reporting currency: converted at the month's rate when
/// it is another currency; without a rate it is returned as written and recorded in `notes`
/// (`unconvertible`), so that no KPI sums it with other currencies. Shared by `Table::convert` and
/// the revenue months placed once every table is read (kinds/tails.rs), after their table is gone.
pub fn convert(
    notes: &mut super::table::Notes,
    reporting: Option<&str>,
    fx: Option<&FxRates>,
    v: Decimal,
    currency: &str,
    m: Month,
) -> Decimal {
    notes.currencies.insert(currency.to_string());
    let Some(reporting) = reporting else { return v };
    if currency == reporting {
        return v;
    }
    match fx.and_then(|fx| fx.rate(currency, m)) {
        Some(rate) => {
            let rule = format!("{currency} converted to {reporting} with your fx_rates");
            *notes.rules.entry(rule).or_default() += 1;
            v * rate
        }
        None => {
            notes.unconvertible.insert(format!("no fx rate for {currency} {m}"));
            v
        }
    }
}

/// The money areas of a dataset: the tables whose amounts are summed together.
pub fn area_of(kind: super::TableKind) -> Option<&'static str> {
    use super::TableKind::*;
    Some(match kind {
        Mrr | MrrEvents | Subscriptions | MrrSummary => "revenue",
        Orders => "orders",
        Contracts => "contracts",
        Renewals => "renewals",
        Costs => "costs",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_units_and_rates() {
        assert_eq!(minor_decimals("USD"), 2);
        assert_eq!(minor_decimals("JPY"), 0);
        assert_eq!(minor_decimals("KWD"), 3);
        assert_eq!(code(" usd "), Some("USD".into()));
        assert_eq!(code("US dollars"), None);
        let mut fx = FxRates::default();
        let (jan, feb) = (Month::new(2024, 1).unwrap(), Month::new(2024, 2).unwrap());
        fx.undated.insert("EUR".into(), Decimal::new(108, 2));
        fx.dated.insert(("EUR".into(), feb), Decimal::new(110, 2));
        assert_eq!(fx.rate("EUR", jan), Some(Decimal::new(108, 2)));
        assert_eq!(fx.rate("EUR", feb), Some(Decimal::new(110, 2)));
        assert_eq!(fx.rate("GBP", jan), None);
    }
}
