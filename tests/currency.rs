//! Issue 16, item 3 (exports.md §9): several currencies are never summed silently. Amounts are
//! converted to the reporting currency with `fx_rates` (a table in the files or rates entered in
//! Settings); without a rate the money KPIs of the table are null with the reason, counts stay.

use northstar::import::{import_sources, Imported, Source};
use northstar::kpi::{self, ReportRequest};
use northstar::model::Month;
use northstar::settings::{FxRateSetting, Settings};
use serde_json::{json, Value};

mod common;
use common::engine::csv;

fn import(sources: &[Source], settings: &Settings) -> Imported {
    import_sources(sources, &settings.import()).unwrap()
}

fn report(imp: &Imported, from: &str, to: &str) -> Value {
    let req = ReportRequest {
        from: Month::parse_iso(from),
        to: Month::parse_iso(to),
        segment: None,
        with_details: false,
    };
    serde_json::to_value(kpi::report(&imp.dataset, &req, &Settings::default()).unwrap()).unwrap()
}

/// Two customers, one paying 100 USD, one 100 EUR a month, January to March 2024.
const MRR: &str = "Customer ID,Month,MRR,Currency\r\nA,2024-01,100,USD\r\nB,2024-01,100,EUR\r\n\
A,2024-02,100,USD\r\nB,2024-02,100,EUR\r\nA,2024-03,100,usd\r\nB,2024-03,100,EUR\r\n";

fn usd() -> Settings {
    Settings { reporting_currency: Some("USD".into()), ..Settings::default() }
}

#[test]
fn two_currencies_without_rates_are_not_summed() {
    let imp = import(&[csv("mrr.csv", MRR)], &Settings::default());
    let r = report(&imp, "2024-03", "2024-03");
    assert_eq!(r["kpis"]["mrr"]["value"], Value::Null);
    assert_eq!(
        r["kpis"]["mrr"]["reason"],
        "mixed currencies: EUR, USD (set the reporting currency in Settings and add fx_rates)"
    );
    assert_eq!(r["kpis"]["nrr"]["value"], Value::Null);
    // Counts stay: two customers active in March.
    assert_eq!(r["kpis"]["active_customers"]["value"], json!(2));
    // With a reporting currency but no rates: the euros still cannot be added.
    let imp = import(&[csv("mrr.csv", MRR)], &usd());
    let r = report(&imp, "2024-03", "2024-03");
    assert_eq!(r["kpis"]["mrr"]["reason"], "mixed currencies: EUR, USD (add fx_rates)");
    // One warning per table, naming it.
    let w: Vec<_> =
        imp.report.warnings.iter().map(|w| (w.file.as_str(), w.message.as_str())).collect();
    assert_eq!(
        w,
        [(
            "mrr.csv",
            "revenue amounts are not added up, so the money KPIs they feed are empty: mixed currencies: EUR, USD (add fx_rates)"
        )]
    );
    // A table without a currency column is in the reporting currency: beside one in euros, the
    // two currencies are mixed.
    let plain = "Customer ID,Month,MRR\nP,2024-01,200\n";
    let eur = "Customer ID,Month,MRR,Currency\nB,2024-01,100,EUR\n";
    let imp = import(&[csv("mrr.csv", eur), csv("plain.csv", plain)], &usd());
    let r = report(&imp, "2024-01", "2024-01");
    assert_eq!(r["kpis"]["mrr"]["reason"], "mixed currencies: EUR, USD (add fx_rates)");
    assert_eq!(imp.report.warnings.len(), 2);
    // Only euros, reported in dollars, without a rate.
    let eur = "Customer ID,Month,MRR,Currency\nB,2024-01,100,EUR\n";
    let imp = import(&[csv("mrr.csv", eur)], &usd());
    let r = report(&imp, "2024-01", "2024-01");
    assert_eq!(
        r["kpis"]["mrr"]["reason"],
        "amounts in EUR, not the reporting currency USD (add fx_rates)"
    );
    // Rates entered in Settings that miss a month name it.
    let mut s = usd();
    s.fx_rates =
        vec![FxRateSetting { currency: "EUR".into(), rate: 1.1, month: Some("2024-01".into()) }];
    let imp = import(&[csv("mrr.csv", MRR)], &s);
    let r = report(&imp, "2024-03", "2024-03");
    assert_eq!(
        r["kpis"]["mrr"]["reason"],
        "no fx rate for EUR 2024-02, no fx rate for EUR 2024-03"
    );
}

#[test]
fn rates_in_a_table_convert_each_month() {
    // EUR at 1.08 in any month, 1.10 in March: March MRR = 100 + 110 = 210 USD; January
    // 100 + 108 = 208. The rates file comes after the amounts (a second pass converts them).
    let fx = "Currency,Rate,Month\nEUR,1.08,\nEUR,1.10,2024-03\nEUR,1.20,2024-03\n";
    let imp = import(&[csv("mrr.csv", MRR), csv("fx rates.csv", fx)], &usd());
    let kinds: Vec<_> = imp.report.tables.iter().map(|t| t.kind.map(|k| k.id())).collect();
    assert_eq!(kinds, [Some("mrr"), Some("fx_rates")]);
    let r = report(&imp, "2024-03", "2024-03");
    assert_eq!(r["kpis"]["mrr"]["value"], json!(210));
    assert_eq!(r["kpis"]["mrr"]["currency"], "USD");
    let r = report(&imp, "2024-01", "2024-01");
    assert_eq!(r["kpis"]["mrr"]["value"], json!(208));
    // The second March rate is ignored, with a warning naming its row.
    assert!(imp
        .report
        .warnings
        .iter()
        .any(|w| w.message == "row 4: a second rate for EUR (2024-03); the first one is used"));
    // The rule shows on the table: 3 EUR rows converted.
    let rules = &imp.report.tables[0].rules;
    assert_eq!(rules.len(), 1);
    assert_eq!(
        (rules[0].rule.as_str(), rules[0].rows),
        ("EUR converted to USD with your fx_rates", 3)
    );
}

#[test]
fn a_missing_month_rate_is_named() {
    let fx = "Currency,Rate,Month\nEUR,1.08,2024-01\nEUR,1.08,2024-02\n";
    let imp = import(&[csv("fx.csv", fx), csv("mrr.csv", MRR)], &usd());
    let r = report(&imp, "2024-03", "2024-03");
    assert_eq!(r["kpis"]["mrr"]["reason"], "no fx rate for EUR 2024-03");
}

#[test]
fn rates_entered_in_settings() {
    let mut s = usd();
    s.fx_rates = vec![FxRateSetting { currency: "eur".into(), rate: 1.5, month: None }];
    s.validate().unwrap();
    let imp = import(&[csv("mrr.csv", MRR)], &s);
    let r = report(&imp, "2024-02", "2024-02");
    assert_eq!(r["kpis"]["mrr"]["value"], json!(250));
    let bad = Settings {
        fx_rates: vec![FxRateSetting { currency: "euro".into(), rate: 1.5, month: None }],
        ..Settings::default()
    };
    assert!(bad.validate().unwrap_err().contains("\"euro\" is not a currency code"));
}

#[test]
fn one_currency_is_the_reporting_currency() {
    let text = "Customer ID,Month,MRR,Currency\nA,2024-01,100,EUR\nB,2024-01,50,\n";
    let imp = import(&[csv("mrr.csv", text)], &Settings::default());
    let r = report(&imp, "2024-01", "2024-01");
    // The blank is the column's only currency.
    assert_eq!(r["kpis"]["mrr"]["value"], json!(150));
    assert_eq!(r["kpis"]["mrr"]["currency"], "EUR");
    // A blank in a column of several currencies is an issue naming the cell.
    let text =
        "Customer ID,Month,MRR,Currency\nA,2024-01,100,EUR\nB,2024-01,50,\nC,2024-01,10,USD\n";
    let imp = import(&[csv("mrr.csv", text)], &Settings::default());
    let i = &imp.report.issues[0];
    assert_eq!((i.row, i.column.as_str()), (3, "Currency"));
    assert_eq!(i.reason, "no currency in a column with several currencies");
}
