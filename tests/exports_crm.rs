//! Issue 16, payments and CRM exports (exports.md §4, §5): a Stripe payments export becomes `orders`,
//! HubSpot deals `contracts` or `renewals`, a Salesforce opportunity report `renewals`, HubSpot
//! companies `customers`. Each fixture in tests/fixtures/exports is shaped as the system writes it;
//! each test checks what was recognised and the KPIs, worked out by hand.

use northstar::import::{import_sources, ImportSettings};
use serde_json::Value;

mod common;
use common::engine::{csv, fixture, import, issues, maps, report, rules, set_aside, warnings};

fn value(r: &Value, id: &str) -> Value {
    r["kpis"][id]["value"].clone()
}

fn approx(r: &Value, id: &str, expected: f64) {
    let v = value(r, id).as_f64().unwrap_or_else(|| panic!("{id}: {}", r["kpis"][id]));
    assert!((v - expected).abs() < 1e-9, "{id}: {v} != {expected}");
}

fn pairs(list: &[(&str, usize)]) -> Vec<(String, usize)> {
    list.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// §4: a Stripe payments export. Failed, uncaptured and fully refunded charges are set aside; a
/// partial refund keeps the rest; a charge of 0 is a free order; a guest's customer is the email.
#[test]
fn stripe_payments_become_orders() {
    let imp = import(&[fixture("stripe_payments.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!(t.kind.map(|k| k.id()), Some("orders"));
    assert_eq!((t.source, t.system), (Some("stripe_payments"), Some("Stripe payments export")));
    for (header, canonical) in [
        ("id", "order_id"),
        ("Created date (UTC)", "date"),
        ("Amount", "amount"),
        ("Amount Refunded", "amount_refunded"),
        ("Currency", "currency"),
        ("Status", "status"),
        ("Captured", "captured"),
        ("Customer ID", "customer_id"),
        ("Customer Email", "customer_email"),
        ("Fee", "extra"),
        ("Taxes On Fee", "extra"),
    ] {
        assert_eq!(maps(t, header), canonical, "{header}");
    }
    // 9 charges, all used: 6 orders and 3 set aside (not issues).
    assert_eq!((t.rows_read, t.rows_used), (9, 9));
    assert_eq!(
        set_aside(t),
        pairs(&[("fully refunded", 1), ("not captured", 1), ("status Failed", 1)])
    );
    assert_eq!(
        rules(t),
        pairs(&[
            ("no customer id: the customer is the email", 1),
            ("partial refund: Amount − Amount Refunded", 1),
        ])
    );
    let orders: Vec<(String, String, String)> = imp
        .dataset
        .orders
        .iter()
        .map(|o| (o.customer_id.clone(), o.date.to_string(), o.amount.normalize().to_string()))
        .collect();
    let o = |c: &str, d: &str, a: &str| (c.to_string(), d.to_string(), a.to_string());
    let (nw, helios) = ("cus_PbL7v2XQk1aZ9e", "cus_PdN9x4ZSm3cB1g");
    assert_eq!(
        orders,
        [
            o(nw, "2024-01-05", "100"),
            o(nw, "2024-02-10", "60"), // 100.00 with 40.00 refunded
            o(nw, "2024-03-15", "1200"),
            o(helios, "2024-04-10", "0"), // a free order
            o("dana@quill.example", "2024-05-12", "30"),
            o(helios, "2024-05-20", "20"),
        ]
    );
    // P = 2024-01..2024-06 (6 months): 6 orders of 3 customers, 1410 in all.
    // average purchase value = 1410 / 6 = 235; frequency = 6 / 3 × 12 / 6 = 4 a year;
    // lifespan = (Northwind 01-05..03-15 = 70 days + Helios 04-10..05-20 = 40 + Dana 0) / (3 × 365)
    // = 110 / 1095 years; clv = 235 × 4 × 110 / 1095 = 103400 / 1095.
    let r = report(&imp, "2024-01", "2024-06");
    approx(&r, "clv_transactional", 103_400.0 / 1095.0);
    let clv = &r["kpis"]["clv_transactional"];
    assert_eq!(clv["average_purchase_value"], 235.0);
    assert_eq!(clv["purchase_frequency_per_year"], 4.0);
    // Repeat purchase: Northwind (3 orders) and Helios (2) of 3 customers.
    approx(&r, "repeat_purchase_rate", 2.0 / 3.0);
}

/// §4: with several currencies, the converted amounts in the converted currency.
#[test]
fn stripe_payments_in_several_currencies_use_the_converted_amounts() {
    let imp = import(&[fixture("stripe_payments_eur_gbp_usd.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!(t.source, Some("stripe_payments"));
    assert_eq!(maps(t, "Converted Amount"), "converted_amount");
    assert_eq!(maps(t, "Converted Currency"), "converted_currency");
    // EUR 100 = USD 108; USD 50 less 10 refunded = 40; GBP 200 refunded whole: set aside.
    let amounts: Vec<String> =
        imp.dataset.orders.iter().map(|o| o.amount.normalize().to_string()).collect();
    assert_eq!(amounts, ["108", "40"]);
    assert_eq!(set_aside(t), pairs(&[("fully refunded", 1)]));
    assert_eq!(
        rules(t),
        pairs(&[
            ("partial refund: Amount − Amount Refunded", 1),
            (
                "several currencies: Converted Amount − Converted Amount Refunded, in Converted Currency",
                3
            ),
        ])
    );
    // January: (108 + 40) / 2 orders.
    let r = report(&imp, "2024-01", "2024-01");
    assert_eq!(r["kpis"]["clv_transactional"]["average_purchase_value"], 74.0);
}

/// §4, generic orders: the same status and refund rules, and a `Created at` date.
#[test]
fn generic_orders_with_status_and_refunds() {
    let text = "Order ID,Customer,Created at,Total,Refunded amount,Status\n\
                1,A,2024-01-03,50,0,completed\n\
                2,A,2024-01-09,80,80,refunded\n\
                3,B,2024-01-12,40,15,completed\n\
                4,B,2024-01-15,25,0,pending\n";
    let imp = import(&[csv("shop orders.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!((t.kind.map(|k| k.id()), t.source), (Some("orders"), None));
    assert_eq!(maps(t, "Created at"), "date");
    assert_eq!(set_aside(t), pairs(&[("fully refunded", 1), ("status pending", 1)]));
    let amounts: Vec<String> =
        imp.dataset.orders.iter().map(|o| o.amount.normalize().to_string()).collect();
    assert_eq!(amounts, ["50", "25"]);
}

/// §5: HubSpot deals with contract values become contracts of the won deals.
#[test]
fn hubspot_deals_with_contract_values_become_contracts() {
    let imp = import(&[fixture("hubspot_deals.csv")]);
    let t = &imp.report.tables[0];
    assert_eq!(t.kind.map(|k| k.id()), Some("contracts"));
    assert_eq!((t.source, t.system), (Some("hubspot_deals"), Some("HubSpot deals export")));
    for (header, canonical) in [
        ("Associated Company", "customer_id"),
        ("Deal Name", "deal_name"),
        ("Close Date", "start_date"),
        ("Total contract value", "recurring_value"),
        ("Annual contract value", "annual_value"),
        ("Deal Stage", "stage"),
        ("Amount", "extra"),
    ] {
        assert_eq!(maps(t, header), canonical, "{header}");
    }
    // The won deal without contract values (row 7) is an issue naming its cell.
    assert_eq!(
        issues(&imp),
        [(
            7,
            "Total contract value".to_string(),
            "a won deal without an annual or total contract value (HubSpot fills them from the deal's line items)".to_string()
        )]
    );
    assert_eq!((t.rows_read, t.rows_used), (6, 5));
    assert_eq!(
        set_aside(t),
        pairs(&[("lost deal (stage Closed Lost)", 1), ("open deal (stage Contract Sent)", 1)])
    );
    assert_eq!(
        rules(t),
        pairs(&[
            ("no company or account: the customer is the deal's name", 1),
            ("term = 12 × Total contract value / Annual contract value months", 3),
        ])
    );
    let c: Vec<(String, String, String)> = imp
        .dataset
        .contracts
        .iter()
        .map(|c| {
            (
                c.customer_id.clone(),
                c.start.map(|d| d.to_string()).unwrap_or_default(),
                c.term_months.map(|m| m.normalize().to_string()).unwrap_or_default(),
            )
        })
        .collect();
    let row = |a: &str, b: &str, m: &str| (a.to_string(), b.to_string(), m.to_string());
    // Bluebay's deal names two companies: its primary one is the customer.
    assert_eq!(
        c,
        [
            row("Northwind Traders", "2024-02-14", "36"), // 12 × 36000 / 12000
            row("Bluebay Gaming", "2024-03-28", "12"),    // 12 × 6000 / 6000
            row("Helios Labs - Pilot", "2024-05-06", "6"), // 12 × 2500 / 5000
        ]
    );
    // 2024: ACV = (36000 / 3 + 6000 / 1 + 2500 / 0.5) / 3 = (12000 + 6000 + 5000) / 3;
    // TCV = 36000 + 6000 + 2500 (one-time fees 0).
    let r = report(&imp, "2024-01", "2024-12");
    approx(&r, "acv", 23_000.0 / 3.0);
    approx(&r, "tcv", 44_500.0);
}

/// §5: HubSpot deals with only one of the contract values: the other is unknown without a term,
/// and its KPI is null with the reason (never 0, never invented); with a term both are known.
#[test]
fn hubspot_deals_with_one_contract_value() {
    let acv_only = "\"Record ID\",\"Deal Name\",\"Deal Stage\",\"Amount\",\"Close Date\",\"Annual contract value\",\"Associated Company\"\n\
                    \"18003000001\",\"Northwind - New Deal\",\"Closed Won\",\"12000.0\",\"2024-02-14 10:30\",\"12000.0\",\"Northwind Traders\"\n\
                    \"18003000002\",\"Bluebay - Expansion\",\"Closed Won\",\"6000.0\",\"2024-04-28 16:05\",\"6000.0\",\"Bluebay Gaming\"\n\
                    \"18003000003\",\"Orion - New Deal\",\"Closed Lost\",\"8000.0\",\"2024-04-18 14:00\",\"8000.0\",\"Orion Freight\"\n";
    let imp = import(&[csv("hubspot-crm-exports-all-deals-2024-07-01.csv", acv_only)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!((t.kind.map(|k| k.id()), t.source), (Some("contracts"), Some("hubspot_deals")));
    assert_eq!(maps(t, "Annual contract value"), "annual_value");
    assert_eq!((t.rows_read, t.rows_used), (3, 3));
    assert_eq!(set_aside(t), pairs(&[("lost deal (stage Closed Lost)", 1)]));
    assert_eq!(rules(t), pairs(&[("no term and only an annual value: TCV unknown", 2)]));
    // 2024: ACV = (12000 + 6000) / 2; TCV unknown (no term to multiply the annual values by).
    let r = report(&imp, "2024-01", "2024-12");
    approx(&r, "acv", 9_000.0);
    assert_eq!(r["kpis"]["acv"]["n"], 2);
    assert_eq!(
        r["kpis"]["tcv"]["reason"],
        "no term: the contracts starting in period have only an annual contract value, so TCV is unknown (add a term or the total contract value)"
    );
    // No contract starting in March (inside the data): both null with the same reason, TCV not 0.
    let r = report(&imp, "2024-03", "2024-03");
    for id in ["acv", "tcv"] {
        assert_eq!(r["kpis"][id]["value"], Value::Null, "{id}");
        assert_eq!(r["kpis"][id]["reason"], "no contracts starting in period", "{id}");
    }

    // TCV only, with a term column (a HubSpot custom property): ACV = TCV / term years. Helios'
    // term is empty: its ACV is unknown, so ACV over a period holding it is.
    let tcv_term = "\"Record ID\",\"Deal Name\",\"Deal Stage\",\"Close Date\",\"Total contract value\",\"Contract term (months)\",\"Associated Company\"\n\
                    \"18003000011\",\"Northwind - New Deal\",\"Closed Won\",\"2024-02-14 10:30\",\"36000.0\",\"36\",\"Northwind Traders\"\n\
                    \"18003000012\",\"Bluebay - Expansion\",\"Closed Won\",\"2024-03-28 16:05\",\"6000.0\",\"12\",\"Bluebay Gaming\"\n\
                    \"18003000013\",\"Helios - Pilot\",\"Closed Won\",\"2024-05-06 09:00\",\"2500.0\",\"\",\"Helios Labs\"\n";
    let imp = import(&[csv("hubspot-crm-exports-won-deals.csv", tcv_term)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!(
        (t.source, maps(t, "Contract term (months)")),
        (Some("hubspot_deals"), "term_months".into())
    );
    assert_eq!(rules(t), pairs(&[("no term and only a total value: ACV unknown", 1)]));
    // Q1: ACV = (36000 / 3 + 6000 / 1) / 2 = 9000; TCV = 36000 + 6000.
    let r = report(&imp, "2024-01", "2024-03");
    approx(&r, "acv", 9_000.0);
    approx(&r, "tcv", 42_000.0);
    // 2024: TCV = 36000 + 6000 + 2500; ACV unknown for Helios.
    let r = report(&imp, "2024-01", "2024-12");
    approx(&r, "tcv", 44_500.0);
    assert_eq!(
        r["kpis"]["acv"]["reason"],
        "no term: 1 of 3 contracts starting in period has only a total contract value, so ACV is unknown (add a term or the annual contract value)"
    );
}

/// §5: HubSpot deals without contract values: the renewal deals become renewals.
#[test]
fn hubspot_renewal_deals_become_renewals() {
    let imp = import(&[fixture("hubspot_deals_renewals.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!((t.kind.map(|k| k.id()), t.source), (Some("renewals"), Some("hubspot_deals")));
    assert_eq!(maps(t, "Close Date"), "renewal_date");
    assert_eq!(maps(t, "Amount"), "amount");
    assert_eq!(maps(t, "Deal Type"), "deal_type");
    assert_eq!(maps(t, "Associated Company"), "customer_id");
    assert_eq!((t.rows_read, t.rows_used), (5, 5));
    assert_eq!(
        set_aside(t),
        pairs(&[("not a renewal (type New Business)", 1), ("open deal (stage Contract Sent)", 1)])
    );
    assert_eq!(rules(t), pairs(&[("renewable ARR = the deal's Amount", 3)]));
    // Due in 2024: Northwind won (12000), Bluebay lost (6000), Atlas won (4000).
    // renewal rate = 2 / 3; gross renewal rate = (12000 + 0 + 4000) / (12000 + 6000 + 4000).
    let r = report(&imp, "2024-01", "2024-12");
    approx(&r, "renewal_rate", 2.0 / 3.0);
    approx(&r, "gross_renewal_rate", 16_000.0 / 22_000.0);
}

/// §5: HubSpot deals with neither contract values nor a renewal deal type are not imported, with
/// one warning; the renewal KPIs then need a renewals table.
#[test]
fn hubspot_deals_without_values_or_renewals_are_not_imported() {
    let text = "\"Record ID\",\"Deal Name\",\"Deal Stage\",\"Amount\",\"Close Date\",\"Deal Type\"\n\
                \"1\",\"Orion Freight - New Deal\",\"Closed Won\",\"15000.0\",\"2024-02-20 16:00\",\"New Business\"\n\
                \"2\",\"Quill Media - New Deal\",\"Closed Lost\",\"4000.0\",\"2024-03-02 10:00\",\"New Business\"\n";
    let imp = import(&[csv("hubspot-crm-exports-all-deals-2024-07-01.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    // Its rows are read and set aside with their reason, not skipped without an issue.
    assert_eq!(
        (t.source, t.rows_read, t.rows_used, t.rows_skipped),
        (Some("hubspot_deals"), 2, 2, 0)
    );
    assert_eq!(set_aside(t), pairs(&[("not a renewal (type New Business)", 2)]));
    let w = warnings(&imp);
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(
        w[0].contains("no deal whose type is a renewal") && w[0].contains("not imported"),
        "{}",
        w[0]
    );
    assert!(imp.report.refused.is_empty());
    let r = report(&imp, "2024-01", "2024-12");
    assert_eq!(r["kpis"]["renewal_rate"]["reason"], "needs table renewals");
}

/// §5: a Salesforce opportunity report (title lines above, a footer below) becomes renewals of its
/// renewal opportunities; the Account ID is the customer.
#[test]
fn salesforce_report_becomes_renewals() {
    let imp = import(&[fixture("salesforce_opportunities.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!(t.kind.map(|k| k.id()), Some("renewals"));
    assert_eq!(
        (t.source, t.system),
        (Some("salesforce_opportunities"), Some("Salesforce opportunity report"))
    );
    assert_eq!(t.header_row, Some(5));
    for (header, canonical) in [
        ("Account ID", "customer_id"),
        ("Account Name", "account_name"),
        ("Opportunity Name", "deal_name"),
        ("Close Date", "renewal_date"),
        ("Amount", "amount"),
        ("Amount Currency", "currency"),
        ("Stage", "stage"),
        ("Type", "deal_type"),
    ] {
        assert_eq!(maps(t, header), canonical, "{header}");
    }
    // The footer (Grand Totals, notices) is no row: 5 opportunities read.
    assert_eq!((t.rows_read, t.rows_used), (5, 5));
    assert_eq!(
        warnings(&imp),
        ["rows 12-15: a report footer (\"Grand Totals (5 records)\"), not data: not read"]
    );
    // The open renewal is set aside although its close date has passed.
    assert_eq!(
        set_aside(t),
        pairs(&[
            ("not a renewal (type New Customer)", 1),
            ("open deal (stage Negotiation/Review)", 1),
        ])
    );
    let ids: Vec<(&str, bool, String)> = imp
        .dataset
        .renewals
        .iter()
        .map(|r| {
            let renewed = r.renewed_arr.map(|v| v.normalize().to_string()).unwrap_or_default();
            (r.customer_id.as_str(), r.renewed, renewed)
        })
        .collect();
    assert_eq!(
        ids,
        [
            ("0015g00000NwTrdAAA", true, "24000".to_string()),
            ("0015g00000BlBayAAA", false, "0".to_string()),
            ("0015g00000QlMedAAA", true, "6000".to_string()),
        ]
    );
    // H1 2024: 2 of 3 renewed; (24000 + 0 + 6000) / (24000 + 10000 + 6000) = 0.75.
    let r = report(&imp, "2024-01", "2024-06");
    approx(&r, "renewal_rate", 2.0 / 3.0);
    approx(&r, "gross_renewal_rate", 0.75);
}

/// §5: a Salesforce report without a renewal type is not imported, with one warning.
#[test]
fn salesforce_report_without_renewals_is_not_imported() {
    let text = "\"Account Name\",\"Opportunity Name\",\"Type\",\"Stage\",\"Amount\",\"Close Date\"\n\
                \"Orion Freight\",\"Orion - New\",\"New Customer\",\"Closed Won\",\"15,000.00\",\"4/30/2024\"\n";
    let imp = import(&[csv("report1720000000000.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!((t.source, t.rows_used, t.rows_skipped), (Some("salesforce_opportunities"), 1, 0));
    assert_eq!(set_aside(t), pairs(&[("not a renewal (type New Customer)", 1)]));
    assert_eq!(
        warnings(&imp),
        ["this Salesforce opportunity report has no opportunity whose type is a renewal (column \"Type\"; types: New Customer): not imported as renewals; include the renewal opportunities in the report"]
    );
    assert!(imp.dataset.renewals.is_empty() && !imp.dataset.has_renewals);
}

/// §5: a report or deals export without a Type / Deal Type column is not imported, with advice in
/// that system's terms; its rows are set aside (read = used, none skipped without an issue).
#[test]
fn deals_without_a_type_column_get_their_systems_advice() {
    let sf = "\"Account Name\",\"Opportunity Name\",\"Stage\",\"Amount\",\"Close Date\"\n\
              \"Orion Freight\",\"Orion - Renewal\",\"Closed Won\",\"15,000.00\",\"4/30/2024\"\n\
              \"Quill Media\",\"Quill - Renewal\",\"Closed Lost\",\"4,000.00\",\"5/2/2024\"\n";
    let hs = "\"Record ID\",\"Deal Name\",\"Deal Stage\",\"Amount\",\"Close Date\"\n\
              \"1\",\"Orion Freight - Renewal\",\"Closed Won\",\"15000.0\",\"2024-02-20 16:00\"\n";
    let cases = [
        ("report1720000000002.csv", sf, "salesforce_opportunities", 2, "Type",
         "this Salesforce opportunity report has no Type column, so which opportunities are renewals is unknown: not imported (add the Type column, listed as Opportunity Type, to the report and export it again)"),
        ("hubspot-crm-exports-all-deals.csv", hs, "hubspot_deals", 1, "Deal Type",
         "this HubSpot deals export has no Deal Type column, so which deals are renewals is unknown: not imported (add the Deal Type column to the export to read its renewal deals, or Annual/Total contract value to read its won deals as contracts)"),
    ];
    for (name, text, source, n, column, warning) in cases {
        let imp = import(&[csv(name, text)]);
        assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
        let t = &imp.report.tables[0];
        assert_eq!((t.kind.map(|k| k.id()), t.source), (Some("renewals"), Some(source)));
        assert_eq!((t.rows_read, t.rows_used, t.rows_skipped), (n, n, 0));
        assert_eq!(set_aside(t), pairs(&[(&format!("not imported: no {column} column"), n)]));
        assert_eq!(warnings(&imp), [warning]);
        assert!(imp.dataset.renewals.is_empty() && !imp.dataset.has_renewals);
    }
}

/// §5 and §9: without an Account ID the Account Name is the customer; the renewable ARR is a
/// renewable-ARR column, else the Amount; each amount is converted from its `Amount Currency` to the
/// reporting currency at the close date's rate.
#[test]
fn salesforce_amounts_in_their_currency_and_account_names() {
    let text = "\"Account Name\",\"Opportunity Name\",\"Type\",\"Stage\",\"Amount Currency\",\"Amount\",\"Renewable ARR\",\"Close Date\"\n\
                \"Kestrel GmbH\",\"Kestrel - Renewal\",\"Renewal\",\"Closed Won\",\"EUR\",\"12,500.00\",\"10,000.00\",\"3/15/2024\"\n\
                \"Wren & Co\",\"Wren - Renewal\",\"Renewal\",\"Closed Lost\",\"USD\",\"5,000.00\",\"\",\"3/20/2024\"\n";
    let mut fx = northstar::import::currency::FxRates::default();
    fx.undated.insert("EUR".into(), rust_decimal::Decimal::new(108, 2));
    let settings = ImportSettings {
        reporting_currency: Some("USD".into()),
        fx: Some(std::sync::Arc::new(fx)),
        ..Default::default()
    };
    let imp = import_sources(&[csv("report1720000000001.csv", text)], &settings).unwrap();
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!(t.source, Some("salesforce_opportunities"));
    assert_eq!(maps(t, "Account Name"), "account_name");
    assert_eq!(maps(t, "Renewable ARR"), "renewable_arr");
    let got: Vec<(String, String)> = imp
        .dataset
        .renewals
        .iter()
        .map(|r| (r.customer_id.clone(), r.renewable_arr.normalize().to_string()))
        .collect();
    // Kestrel: its renewable ARR, EUR 10,000 at 1.08 = USD 10,800 (not its amount); Wren: its amount.
    let row = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(got, [row("Kestrel GmbH", "10800"), row("Wren & Co", "5000")]);
    assert_eq!(
        rules(t),
        pairs(&[
            ("EUR converted to USD with your fx_rates", 1),
            ("renewable ARR = the deal's Amount", 1),
        ])
    );
    // Gross renewal rate: 10800 / (10800 + 5000).
    let r = report(&imp, "2024-03", "2024-03");
    approx(&r, "gross_renewal_rate", 10_800.0 / 15_800.0);
}

/// A HubSpot companies export becomes customers; its company names are the customers of the deals.
#[test]
fn hubspot_companies_become_customers_joined_to_deals() {
    let imp = import(&[fixture("hubspot_companies.csv"), fixture("hubspot_deals.csv")]);
    let t = &imp.report.tables[0];
    assert_eq!(t.kind.map(|k| k.id()), Some("customers"));
    assert_eq!((t.source, t.system), (Some("hubspot_companies"), Some("HubSpot companies export")));
    for (header, canonical) in [
        ("Record ID", "extra"),
        ("Company name", "customer_id"),
        ("Company owner", "csm"),
        ("Create Date", "signup_date"),
        ("Country/Region", "region"),
        ("Industry", "extra"),
    ] {
        assert_eq!(maps(t, header), canonical, "{header}");
    }
    assert_eq!((t.rows_read, t.rows_used), (4, 4));
    let c = &imp.dataset.customers;
    assert_eq!(c.len(), 4);
    assert_eq!(c[0].id, "Northwind Traders");
    assert_eq!(c[0].csm.as_deref(), Some("Dana Whitfield"));
    assert_eq!(c[0].signup_date.map(|d| d.to_string()).as_deref(), Some("2023-06-01"));
    assert_eq!(c[0].region.as_deref(), Some("United States"));
    assert_eq!(c[0].extra.get("record id").map(String::as_str), Some("9001"));
    assert_eq!(c[3].csm, None);
    // Every company-owned contract names a company of the export.
    let known = |id: &str| c.iter().any(|x| x.id == id);
    assert!(known(&imp.dataset.contracts[0].customer_id));
    assert!(known(&imp.dataset.contracts[1].customer_id));
}

/// Near misses: a file holding only part of a signature is not that export, and not some other kind
/// by accident.
#[test]
fn near_misses_are_not_the_export() {
    // Payments without `Amount Refunded`: plain orders (a payments file is never tickets).
    let text = "id,Created date (UTC),Amount,Currency,Status,Customer ID\n\
                ch_1,2024-01-05 09:14:22,100.00,usd,Paid,cus_A\n\
                ch_2,2024-01-06 10:00:00,20.00,usd,Failed,cus_B\n";
    let imp = import(&[csv("unified_payments.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!((t.kind.map(|k| k.id()), t.source), (Some("orders"), None));
    assert_eq!(set_aside(t), pairs(&[("status Failed", 1)]));

    // Deals without a stage: generic contracts (associated company, close date, TCV, ACV), every
    // row counting, with no term column: 12 × TCV / ACV.
    let text = "Record ID,Deal Name,Close Date,Associated Company,Annual contract value,Total contract value\n\
                1,Orion - New,2024-02-20,Orion Freight,10000,20000\n\
                2,Quill - New,2024-03-02,Quill Media,4000,4000\n";
    let imp = import(&[csv("deals.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!((t.kind.map(|k| k.id()), t.source), (Some("contracts"), None));
    assert_eq!(maps(t, "Associated Company"), "customer_id");
    assert_eq!(maps(t, "Close Date"), "start_date");
    let terms: Vec<String> = imp
        .dataset
        .contracts
        .iter()
        .map(|c| c.term_months.unwrap_or_default().normalize().to_string())
        .collect();
    assert_eq!(terms, ["24", "12"]);
    let r = report(&imp, "2024-01", "2024-12");
    approx(&r, "acv", (10_000.0 + 4_000.0) / 2.0);

    // Generic contracts with a total value and no term: TCV known, ACV unknown (not invented).
    let text = "Customer,Start date,Total contract value\nOrion Freight,2024-02-20,20000\n";
    let imp = import(&[csv("contracts.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!((t.kind.map(|k| k.id()), t.source), (Some("contracts"), None));
    let r = report(&imp, "2024-01", "2024-12");
    approx(&r, "tcv", 20_000.0);
    assert_eq!(
        r["kpis"]["acv"]["reason"],
        "no term: the contract starting in period has only a total contract value, so ACV is unknown (add a term or the annual contract value)"
    );

    // An opportunity report without a stage is not Salesforce's, and not renewals.
    let text = "Account Name,Opportunity Name,Type,Amount,Close Date\n\
                Orion Freight,Orion - Renewal,Renewal,\"15,000.00\",4/10/2024\n";
    let imp = import(&[csv("report.csv", text)]);
    assert_eq!((imp.report.tables[0].kind, imp.report.tables[0].source), (None, None));

    // A HubSpot contacts export (Record ID, Company Name, Contact owner) is not companies.
    let text = "\"Record ID\",\"First Name\",\"Last Name\",\"Email\",\"Company Name\",\"Contact owner\",\"Create Date\"\n\
                \"418695870174\",\"Lena\",\"Park\",\"lena@northwind.example\",\"Northwind Traders\",\"Dana Whitfield\",\"2024-02-07 11:17\"\n";
    let imp = import(&[csv("hubspot-crm-exports-all-contacts.csv", text)]);
    assert_eq!((imp.report.tables[0].kind, imp.report.tables[0].source), (None, None));
}
