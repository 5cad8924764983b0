//! Every layout, table kind, format, encoding and cell format of the workbook spec, on the small
//! fixtures that `cargo run --no-default-features --example gen_fixtures` writes. The expected values
//! are worked out by hand from the fixture contents (see gen_fixtures.rs).

use northstar::import::{import_paths, ImportSettings, Imported, TableKind};
use northstar::kpi::{self, ReportRequest};
use northstar::model::Month;
use northstar::settings::Settings;
use rust_decimal::Decimal;
use serde_json::Value;
use std::path::PathBuf;
use std::str::FromStr;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn import(names: &[&str]) -> Imported {
    import_paths(&names.iter().map(|n| fixture(n)).collect::<Vec<_>>(), &ImportSettings::default())
        .unwrap()
}

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// The report as JSON (the CLI's shape), for the given months.
fn report(imp: &Imported, from: &str, to: &str) -> Value {
    let req = ReportRequest {
        from: Month::parse_iso(from),
        to: Month::parse_iso(to),
        segment: None,
        with_details: false,
    };
    let r = kpi::report(&imp.dataset, &req, &Settings::default()).unwrap();
    serde_json::to_value(&r).unwrap()
}

fn kpi(r: &Value, id: &str) -> Value {
    r["kpis"][id]["value"].clone()
}

/// Computed ratios agree with the hand value to 12 significant digits (Decimal vs f64 rounding).
fn approx(r: &Value, id: &str, expected: f64) {
    let got = kpi(r, id).as_f64().unwrap_or_else(|| panic!("{id} is not a number"));
    assert!((got - expected).abs() <= 1e-12 * expected.abs().max(1.0), "{id}: {got} vs {expected}");
}

fn issues(imp: &Imported) -> Vec<(Option<String>, usize, String, String, String)> {
    imp.report
        .issues
        .iter()
        .map(|i| (i.sheet.clone(), i.row, i.column.clone(), i.value.clone(), i.reason.clone()))
        .collect()
}

fn movement(r: &Value, month: &str) -> [f64; 6] {
    let m = r["movements"].as_array().unwrap().iter().find(|m| m["month"] == month).unwrap();
    ["mrr", "new", "reactivation", "expansion", "contraction", "churn"]
        .map(|f| m[f].as_f64().unwrap())
}

#[test]
fn wide_mrr_below_title_rows_with_excel_date_headers() {
    let imp = import(&["wide_mrr.xlsx"]);
    let t = &imp.report.tables;
    assert_eq!((t[0].kind, t[0].layout, t[0].header_row), (Some(TableKind::Mrr), "wide", Some(4)));
    assert_eq!((t[0].rows_read, t[0].rows_used, t[0].rows_skipped), (4, 3, 1));
    // The text in a month column skips D's whole row, never a silent 0.
    assert_eq!(
        issues(&imp),
        vec![(Some("Revenue".into()), 8, "2024-02-01".into(), "n/a".into(), "not a number".into())]
    );
    let r = report(&imp, "2024-01", "2024-04");
    assert_eq!(movement(&r, "2024-01"), [1500.0, 1500.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(movement(&r, "2024-02"), [1800.0, 300.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(movement(&r, "2024-03"), [1450.5, 0.0, 0.0, 250.5, 100.0, 500.0]);
    assert_eq!(movement(&r, "2024-04"), [1850.5, 0.0, 400.0, 0.0, 0.0, 0.0]);
    // Customers: an exact id column, so "Company" is the name; "1.2k" seats typed as text.
    let c = &imp.dataset.customers;
    assert_eq!(t[1].kind, Some(TableKind::Customers));
    assert_eq!(
        (c[0].id.as_str(), c[0].name.as_deref(), c[0].csm.as_deref()),
        ("A-1", Some("Alpha GmbH"), Some("Dana"))
    );
    assert_eq!(c[1].seats_purchased, Some(d("1200")));
    assert_eq!(c[0].extra.get("industry").map(String::as_str), Some("Retail"));
    // (80 + 900 + 12) / (100 + 1200 + 10); A reached first value 30 days after kickoff.
    approx(&r, "license_utilization", 992.0 / 1310.0);
    assert_eq!(kpi(&r, "ttfv_days"), 30);
}

#[test]
fn long_mrr_and_surveys_in_xlsx_ods_and_xls_read_alike() {
    for name in ["long_mrr.xlsx", "long_mrr.ods", "long_mrr.xls"] {
        let imp = import(&[name]);
        let kinds: Vec<_> = imp.report.tables.iter().map(|t| t.kind).collect();
        assert_eq!(kinds, vec![Some(TableKind::Mrr), Some(TableKind::Surveys)], "{name}");
        assert_eq!(
            issues(&imp),
            vec![(
                Some("Survey responses".into()),
                6,
                "Rating".into(),
                "11".into(),
                "NPS score must be a whole number 0-10".into()
            )],
            "{name}"
        );
        let r = report(&imp, "2024-01", "2024-02");
        assert_eq!(movement(&r, "2024-02"), [225.25, 75.25, 0.0, 50.0, 0.0, 200.0], "{name}");
        // One promoter (10), one passive (8), one detractor (3): NPS 0. CSAT 4 of 5 is positive.
        assert_eq!(kpi(&r, "nps"), 0, "{name}");
        assert_eq!(r["kpis"]["nps"]["n"], 3, "{name}");
        assert_eq!(kpi(&r, "csat"), 1, "{name}");
    }
}

#[test]
fn binary_xlsb_workbook() {
    let imp = import(&["long_mrr.xlsb"]);
    let t = &imp.report.tables[0];
    assert_eq!((t.sheet.as_deref(), t.kind, t.rows_used), (Some("MRR"), Some(TableKind::Mrr), 5));
    let r = report(&imp, "2024-01", "2024-02");
    assert_eq!(movement(&r, "2024-01"), [300.0, 300.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(movement(&r, "2024-02"), [225.25, 75.25, 0.0, 50.0, 0.0, 200.0]);
}

#[test]
fn european_csv_semicolons_decimal_comma_windows_1252() {
    let imp = import(&["mrr_semicolon_1252.csv"]);
    assert_eq!(imp.report.tables[0].header_row, Some(2));
    assert_eq!(
        issues(&imp),
        vec![(None, 6, "MRR (EUR)".into(), "abc".into(), "not a number".into())]
    );
    let rev = imp.dataset.revenue.as_ref().unwrap();
    assert_eq!(rev.ids, vec!["Café Müller".to_string(), "Zeta".to_string()]);
    assert_eq!(rev.mrr[0], vec![d("1234.50"), d("1300.00")]);
    assert_eq!(rev.mrr[1], vec![d("99.90"), Decimal::ZERO]);
}

#[test]
fn snowball_events_with_a_month_that_would_go_negative() {
    let imp = import(&["mrr_events.csv"]);
    assert_eq!(imp.report.tables[0].kind, Some(TableKind::MrrEvents));
    assert_eq!((imp.report.tables[0].rows_read, imp.report.tables[0].rows_used), (7, 6));
    assert_eq!(
        issues(&imp),
        vec![(
            None,
            7,
            "MRR Change".into(),
            "-100".into(),
            "the changes of 2024-03 would take this customer's MRR below 0".into()
        )]
    );
    let r = report(&imp, "2024-01", "2024-04");
    assert_eq!(movement(&r, "2024-02"), [180.0, 80.0, 0.0, 0.0, 0.0, 200.0]);
    assert_eq!(movement(&r, "2024-03"), [230.0, 0.0, 0.0, 50.0, 0.0, 0.0]);
    assert_eq!(movement(&r, "2024-04"), [350.0, 0.0, 120.0, 0.0, 0.0, 0.0]);
}

#[test]
fn subscriptions_quantity_arr_and_the_end_date_rule() {
    let imp = import(&["subscriptions_bom.csv"]);
    assert_eq!(imp.report.tables[0].kind, Some(TableKind::Subscriptions));
    assert_eq!(
        issues(&imp),
        vec![(None, 5, "End Date".into(), "2024-02-01".into(), "ends before it starts".into())]
    );
    let r = report(&imp, "2024-01", "2024-03");
    // A: 2 x 1200/12 in Jan-Feb (ends mid-March). B: 2400/12 through March (ends on the 31st).
    // C: 3 x 120/12 from February, open-ended to the table's latest month.
    assert_eq!(movement(&r, "2024-01"), [400.0, 400.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(movement(&r, "2024-02"), [430.0, 30.0, 0.0, 0.0, 0.0, 0.0]);
    assert_eq!(movement(&r, "2024-03"), [230.0, 0.0, 0.0, 0.0, 0.0, 200.0]);
}

#[test]
fn mrr_overrides_subscriptions_with_a_warning() {
    let imp = import(&["long_mrr.xlsx", "subscriptions_bom.csv"]);
    let w: Vec<&str> = imp.report.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        w.contains(
            &"this subscriptions table is not used for revenue: the mrr table takes precedence"
        ),
        "{w:?}"
    );
    assert_eq!(imp.dataset.revenue.as_ref().unwrap().ids, vec!["A", "B", "C"]);
}

#[test]
fn company_summary_identity_and_kpis() {
    let imp = import(&["mrr_summary.csv"]);
    assert_eq!(
        issues(&imp),
        vec![(
            None,
            5,
            "Ending MRR".into(),
            "9999".into(),
            "ending MRR 9999 is not starting 1150 + new + reactivation + expansion - contraction - churn = 1160".into()
        )]
    );
    let r = report(&imp, "2024-01", "2024-03");
    assert_eq!(kpi(&r, "mrr"), 1150);
    assert_eq!(kpi(&r, "active_customers"), 10);
    assert_eq!(kpi(&r, "arpa"), 115);
    assert_eq!(kpi(&r, "nrr"), Value::Null);
    // (100 + 50 + 200) churn and contraction over (1000 + 1150 + 1200) starting MRR.
    approx(&r, "gross_mrr_churn_rate", 350.0 / 3350.0);
    // A customer-level table wins; the summary is only cross-checked.
    let imp = import(&["mrr_events.csv", "mrr_summary.csv"]);
    assert!(imp.dataset.summary.is_empty());
    assert!(imp.report.warnings.iter().any(|w| w.message
        == "2024-01: the summary says ending MRR 1150 but the customer rows add up to 300"));
}

#[test]
fn one_column_per_survey_type_utf16_tab_separated() {
    let imp = import(&["surveys_by_type.tsv"]);
    assert_eq!(
        issues(&imp),
        vec![(None, 3, "CES".into(), "8".into(), "CES score must be a whole number 1-7".into())]
    );
    assert!(imp.report.warnings[0]
        .message
        .starts_with("column \"Date\": dates such as 03/04/2024 could be day or month first"));
    let r = report(&imp, "2024-01", "2024-06");
    assert_eq!(kpi(&r, "nps"), 100);
    assert_eq!(kpi(&r, "csat"), 0.5);
    assert_eq!(kpi(&r, "ces_mean"), 3);
    assert_eq!(imp.dataset.surveys[0].comment.as_deref(), Some("great"));
    // Read month-first by default: 03/04/2024 is March 4th.
    assert_eq!(imp.dataset.surveys[0].date.to_string(), "2024-03-04");
    // With the day-first setting it is April 3rd, and no warning is needed.
    let settings = ImportSettings {
        date_order: Some(northstar::import::DateOrder::Dmy),
        ..Default::default()
    };
    let imp = import_paths(&[fixture("surveys_by_type.tsv")], &settings).unwrap();
    assert_eq!(imp.dataset.surveys[0].date.to_string(), "2024-04-03");
    assert!(imp.report.warnings.is_empty());
}

#[test]
fn pipe_tickets_with_us_date_times() {
    let imp = import(&["tickets_pipe.csv"]);
    assert_eq!(
        issues(&imp),
        vec![(
            None,
            4,
            "Closed At".into(),
            "03/19/2024 8:00".into(),
            "resolved before it was opened".into()
        )]
    );
    let r = report(&imp, "2024-03", "2024-03");
    // T1 5.5 h with one contact, T2 48 h with three; T4 is unresolved.
    assert_eq!(kpi(&r, "fcr"), 0.5);
    assert_eq!(kpi(&r, "avg_resolution_hours"), 26.75);
}

#[test]
fn wide_costs_by_quarter_and_year_spread_over_months() {
    let imp = import(&["costs_wide.csv"]);
    let month = |m: &str, acq: bool| -> Decimal {
        let m = Month::parse_iso(m).unwrap();
        imp.dataset
            .costs
            .iter()
            .filter(|c| {
                c.month == m && (c.category == northstar::model::CostCategory::Acquisition) == acq
            })
            .map(|c| c.amount)
            .sum()
    };
    assert_eq!(month("2024-02", true), d("10000"));
    assert_eq!(month("2024-02", false), d("1000"));
    assert_eq!(month("2023-07", true), d("10000"));
    assert_eq!(month("2023-07", false), d("-100"));
    assert_eq!(imp.dataset.costs.len(), 3 * 2 + 12 * 2);
}

#[test]
fn usage_orders_trials_renewals_contracts() {
    let imp = import(&[
        "usage_hours.csv",
        "orders.csv",
        "trials.csv",
        "renewals.csv",
        "contracts_years.csv",
    ]);
    assert_eq!(
        issues(&imp),
        vec![
            (
                None,
                5,
                "Order Value ($)".into(),
                "-$5.00".into(),
                "order amount is negative (a refund is not an order)".into()
            ),
            (None, 6, "Converted".into(), "maybe".into(), "not yes/no or a conversion date".into()),
        ]
    );
    let r = report(&imp, "2024-01", "2024-03");
    // Usage in March: user-days 1 + 2 over 31 days; sessions 0.5 h + 1 h + 0.25 h.
    approx(&r, "dau", 3.0 / 31.0);
    assert_eq!(kpi(&r, "mau"), 2);
    assert_eq!(kpi(&r, "avg_session_minutes"), 35);
    // Orders: 60 over 3 orders; 3 orders by 2 customers over 3 months x 12 = 6 a year; W1 spans 15 days.
    let clv = kpi(&r, "clv_transactional").as_f64().unwrap();
    assert!((clv - 20.0 * 6.0 * (7.5 / 365.0)).abs() < 1e-9, "{clv}");
    assert_eq!(kpi(&r, "repeat_purchase_rate"), 0.5);
    assert_eq!(kpi(&r, "trial_conversion_rate"), 0.5);
    approx(&r, "renewal_rate", 2.0 / 3.0);
    approx(&r, "gross_renewal_rate", 1600.0 / 2300.0);
    // Terms in years: A 2 x 12000 + 1500 fees, B 6000, C (no start date) 3 x 1000.
    approx(&r, "acv", 19000.0 / 3.0);
    assert_eq!(kpi(&r, "tcv"), 34500);
}

#[test]
fn files_that_cannot_be_opened_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.xlsx");
    std::fs::write(&empty, b"").unwrap();
    let err = import_paths(&[empty], &ImportSettings::default()).err().unwrap().to_string();
    assert_eq!(err, "empty.xlsx: the file is empty");
    let pdf = dir.path().join("report.xlsx");
    std::fs::write(&pdf, b"%PDF-1.4 not a workbook").unwrap();
    let err = import_paths(&[pdf], &ImportSettings::default()).err().unwrap().to_string();
    assert!(err.starts_with("report.xlsx: not a readable spreadsheet"), "{err}");
    // The user's file is only read: its bytes and permissions are unchanged.
    let f = fixture("orders.csv");
    let before = std::fs::read(&f).unwrap();
    import(&["orders.csv"]);
    assert_eq!(std::fs::read(&f).unwrap(), before);
}

#[test]
fn duplicates_are_summed_and_unknown_activity_types_listed_as_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let mrr = dir.path().join("mrr.csv");
    std::fs::write(&mrr, "Customer ID,Month,MRR\nA,2024-01,100\nA,2024-01,50\nB,2024-01,10\n")
        .unwrap();
    let acts = dir.path().join("activities.csv");
    std::fs::write(&acts, "Date,Customer ID,Type\n2024-01-02,A,QBR\n2024-01-03,A,Lunch\n2024-01-04,B,lunch\n2024-01-05,B,Referral\n").unwrap();
    let imp = import_paths(&[mrr, acts], &ImportSettings::default()).unwrap();
    let mut w: Vec<&str> = imp.report.warnings.iter().map(|w| w.message.as_str()).collect();
    w.sort();
    assert_eq!(
        w,
        vec![
            "1 duplicate customer/month rows were summed (first: A 2024-01)",
            "activity types counted as other (neither engagement nor advocacy): Lunch (1), lunch (1)",
        ]
    );
    // The duplicate warning names the table it came from.
    assert!(imp
        .report
        .warnings
        .iter()
        .any(|x| x.file == "mrr.csv" && x.message.starts_with("1 duplicate")));
    assert!(imp.report.issues.is_empty());
    assert_eq!(imp.dataset.revenue.as_ref().unwrap().mrr[0], vec![d("150")]);
    let r = report(&imp, "2024-01", "2024-01");
    assert_eq!(kpi(&r, "engagement_activities"), 1);
    assert_eq!(kpi(&r, "advocacy_activities"), 1);
    assert_eq!(r["kpis"]["advocacy_activities"]["other"], 2);
}
