//! Review fixes of the billing exports: credit notes written with a positive amount (§3b), a
//! Chargebee `Paused` without any pause date column (§3), and revenue tables whose data ends in
//! different months (the data range is the whole import's, §3 and §3b).

use super::*;

/// An invoices export whose `Document Type` says `Credit Note`: the credit lowers the months it
/// covers whether written positive (as most tools write it) or negative.
#[test]
fn credit_notes_lower_the_months_they_cover() {
    let imp = import(&[fixture("invoices_credit_notes.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!((t.kind, t.source), (Some(TableKind::Mrr), Some("invoices_service_period")));
    assert_eq!(mapped(t, "type"), "Document Type");
    assert_eq!(mapped(t, "mrr"), "Subtotal");
    assert_eq!(mapped(t, "customer_id"), "Customer ID");
    assert_eq!((t.rows_read, t.rows_used), (5, 5));
    assert!(t.set_aside.is_empty());
    assert_eq!(
        rules(t),
        pairs(&[
            ("Credit note: amount subtracted", 2),
            ("Service period of 12 months: amount / 12 in each month", 1),
            ("Service period of 3 months: amount / 3 in each month", 1),
        ])
    );
    // c1: 1200 over 2024 = 100 a month. c2: 300 for 15 Jan - 14 Apr = 100 in Jan, Feb, Mar; its
    // credit note of 30 for February (one month) takes 30 off February. c3: 50 in March, less
    // the credit note written as -10 (still subtracted, not added). The latest invoice is in March.
    //   Jan 100 + 100 = 200; Feb 100 + 100 - 30 = 170; Mar 100 + 100 + 50 - 10 = 240.
    assert_eq!(
        mrr_by_month(&imp),
        months(&[("2024-01", 200.0), ("2024-02", 170.0), ("2024-03", 240.0)])
    );
    // February: c2's credit is a contraction of 30; March: it comes back, c3 is new at 40.
    let r = report(&imp, "2024-02", "2024-03");
    let mv = &r["movements"];
    assert_eq!(mv[0]["contraction"].as_f64(), Some(30.0));
    assert_eq!((mv[1]["expansion"].as_f64(), mv[1]["new"].as_f64()), (Some(30.0), Some(40.0)));

    // Whatever the type column is called and however the type is spelt.
    for (header, value) in
        [("Type", "credit_note"), ("Invoice Type", "Credit Memo"), ("Transaction Type", "CREDIT")]
    {
        let text = format!(
            "Invoice Date,Customer,Service Period Start,Service Period End,Amount,{header}\n\
             2024-01-01,A,2024-01-01,2024-02-29,200,Invoice\n\
             2024-02-10,A,2024-02-01,2024-02-29,30,{value}\n"
        );
        let imp = import(&[csv("invoices.csv", &text)]);
        assert!(issues(&imp).is_empty(), "{header}: {:?}", issues(&imp));
        assert_eq!(mapped(&imp.report.tables[0], "type"), header);
        // 200 over Jan-Feb = 100 each; the credit takes 30 off February.
        assert_eq!(customer_mrr(&imp, "A", "2024-01"), 100.0, "{header}");
        assert_eq!(customer_mrr(&imp, "A", "2024-02"), 70.0, "{header}");
    }
    // Near miss: without a service period a `Type` column is not an invoice type, and a plain
    // MRR table's amounts stay MRR.
    let text = "Customer,Month,MRR,Type\nA,2024-01,100,Credit Note\nA,2024-02,100,Credit Note\n";
    let imp = import(&[csv("mrr.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!((t.kind, t.source), (Some(TableKind::Mrr), None));
    assert_eq!(mapped(t, "type"), "");
    assert_eq!(customer_mrr(&imp, "A", "2024-02"), 100.0);
}

/// Chargebee's `Paused` without any pause date column is counted as active with a warning; only
/// Stripe's `paused` is set aside (its export has no date saying since when).
#[test]
fn paused_without_a_pause_date_column() {
    let imp = import(&[fixture("chargebee_subscriptions_no_pause_date.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!(
        (t.kind, t.source),
        (Some(TableKind::Subscriptions), Some("chargebee_subscriptions"))
    );
    assert_eq!(mapped(t, "pause_date"), "");
    assert!(t.set_aside.is_empty(), "{:?}", t.set_aside);
    assert!(
        warnings(&imp)
            .iter()
            .any(|w| w == "1 subscription paused without a pause date: counted as active"),
        "{:?}",
        warnings(&imp)
    );
    // acme 49.00 from 8 Jan; fjord 25.00 (paused, no pause date: active) from 10 Feb; birch 10.00
    // from 5 Mar. The data ends in April (acme's current term start, 8 Apr).
    //   Jan 49; Feb 49 + 25 = 74; Mar 74 + 10 = 84; Apr 84.
    assert_eq!(
        mrr_by_month(&imp),
        months(&[("2024-01", 49.0), ("2024-02", 74.0), ("2024-03", 84.0), ("2024-04", 84.0)])
    );
    // A plain subscriptions table (no system) likewise.
    let text =
        "customer_id,start_date,mrr,status\nA,2024-01-10,30,active\nB,2024-02-10,20,paused\n";
    let imp = import(&[csv("subscriptions.csv", text)]);
    assert!(imp.report.tables[0].set_aside.is_empty());
    assert_eq!(customer_mrr(&imp, "B", "2024-02"), 20.0);
    assert!(warnings(&imp).iter().any(|w| w.contains("paused without a pause date")));
    // Stripe's paused is set aside.
    let text = "id,Customer ID,Amount,Interval,Status,Start Date (UTC)\n\
                sub_1,cus_1,10.00,month,active,2024-01-01 00:00\n\
                sub_2,cus_2,20.00,month,paused,2024-01-01 00:00\n";
    let imp = import(&[csv("subscriptions.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!(t.source, Some("stripe_subscriptions"));
    assert_eq!(set_aside(t), pairs(&[("paused: not counted as MRR", 1)]));
    assert_eq!(mrr_by_month(&imp), months(&[("2024-01", 10.0)]));
}

/// Reporting USD; one euro is 1.10 dollars in January, 1.08 in February; one pound 1.25 in
/// January and, unless `gbp_feb` is false, 1.28 in February.
fn eur_gbp(gbp_feb: bool) -> ImportSettings {
    let m = |s: &str| Month::parse_iso(s).unwrap();
    let mut fx = FxRates::default();
    fx.dated.insert(("EUR".into(), m("2024-01")), Decimal::new(110, 2));
    fx.dated.insert(("EUR".into(), m("2024-02")), Decimal::new(108, 2));
    fx.dated.insert(("GBP".into(), m("2024-01")), Decimal::new(125, 2));
    if gbp_feb {
        fx.dated.insert(("GBP".into(), m("2024-02")), Decimal::new(128, 2));
    }
    ImportSettings {
        reporting_currency: Some("USD".into()),
        fx: Some(Arc::new(fx)),
        ..Default::default()
    }
}

/// Two Stripe subscriptions exports whose data ends a month apart: the earlier one's open-ended
/// subscriptions run to the later one's last month (no invented churn), each month converted at
/// its own rate.
#[test]
fn two_subscriptions_exports_ending_in_different_months() {
    let files = [fixture("stripe_subscriptions_jan.csv"), fixture("stripe_subscriptions_feb.csv")];
    let imp = import_sources(&files, &eur_gbp(true)).unwrap();
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let (a, b) = (&imp.report.tables[0], &imp.report.tables[1]);
    assert_eq!((a.source, b.source), (Some("stripe_subscriptions"), Some("stripe_subscriptions")));
    assert_eq!(
        rules(a),
        pairs(&[
            ("EUR converted to USD with your fx_rates", 1),
            ("GBP converted to USD with your fx_rates", 1),
            ("Interval = year: amount / 12", 1),
        ])
    );
    assert_eq!(rules(b), pairs(&[("EUR converted to USD with your fx_rates", 1)]));
    // File A's data ends in January (all created 5 Jan), file B's in February: the import's data
    // ends in February, and A's three open-ended subscriptions run to it.
    //   Eiche 100 EUR: Jan 110, Feb 108. Gorse 1200 GBP a year = 100 GBP: Jan 125, Feb 128.
    //   Upas 50 USD. Esche (file B) 200 EUR from 5 Feb: Feb 216.
    //   Jan 110 + 125 + 50 = 285; Feb 108 + 128 + 50 + 216 = 502.
    assert_eq!(mrr_by_month(&imp), months(&[("2024-01", 285.0), ("2024-02", 502.0)]));
    // February: no churn; Esche new 216; Gorse +3 (the pound's rate), Eiche -2 (the euro's).
    let r = report(&imp, "2024-02", "2024-02");
    assert_eq!(value(&r, "mrr"), 502.0);
    assert_eq!(value(&r, "active_customers"), 4.0);
    assert_eq!(value(&r, "customer_churn_rate"), 0.0);
    let mv = &r["movements"][0];
    assert_eq!(mv["churn"].as_f64(), Some(0.0));
    assert_eq!(mv["new"].as_f64(), Some(216.0));
    assert_eq!((mv["expansion"].as_f64(), mv["contraction"].as_f64()), (Some(3.0), Some(2.0)));

    // Gorse's February is only in the months placed after file A was read: a missing rate there
    // still blocks the revenue, named.
    let imp = import_sources(&files, &eur_gbp(false)).unwrap();
    assert_eq!(
        imp.report.money_blocked.get("revenue").map(String::as_str),
        Some("no fx rate for GBP 2024-02")
    );
}

/// A Stripe export beside a plain `customer_id,start_date,mrr` table: whichever ends earlier, its
/// open-ended subscriptions run to the other's last month.
#[test]
fn stripe_export_and_a_plain_subscriptions_table() {
    let plain = |text: &str| csv("subscriptions.csv", text);
    // The plain table's data ends in February (x1's start).
    let files = [
        fixture("stripe_subscriptions_jan.csv"),
        plain("customer_id,start_date,mrr\nx1,2024-02-05,70\n"),
    ];
    let imp = import_sources(&files, &eur_gbp(true)).unwrap();
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    assert_eq!(imp.report.tables[1].kind, Some(TableKind::Subscriptions));
    // Jan 110 + 125 + 50 = 285; Feb 108 + 128 + 50 + 70 = 356.
    assert_eq!(mrr_by_month(&imp), months(&[("2024-01", 285.0), ("2024-02", 356.0)]));
    // The other way round: the plain table ends in January (x0's start), file B in February.
    let files = [
        plain("customer_id,start_date,mrr\nx0,2024-01-02,40\n"),
        fixture("stripe_subscriptions_feb.csv"),
    ];
    let imp = import_sources(&files, &eur_gbp(true)).unwrap();
    // Jan 40; Feb 40 + 216 = 256: x0 does not churn.
    assert_eq!(mrr_by_month(&imp), months(&[("2024-01", 40.0), ("2024-02", 256.0)]));
    assert_eq!(customer_mrr(&imp, "x0", "2024-02"), 40.0);
}

/// Two invoices exports: an earlier file's annual invoice runs to the later file's last invoice
/// month. A subscriptions table beside them (not used: `mrr` takes precedence) does not stretch
/// the invoices' data range.
#[test]
fn invoices_exports_ending_in_different_months() {
    let head = "Invoice Date,Customer,Service Period Start,Service Period End,Amount\n";
    let a = csv("invoices_jan.csv", &format!("{head}2024-01-01,A,2024-01-01,2024-12-31,1200\n"));
    let b = csv(
        "invoices_mar.csv",
        &format!(
            "{head}2024-02-01,B,2024-02-01,2024-02-29,50\n2024-03-01,B,2024-03-01,2024-03-31,50\n"
        ),
    );
    let imp = import(&[a.clone(), b]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    // A: 1200 over 2024 = 100 a month, to March (file B's last invoice). B: 50 in Feb and Mar.
    assert_eq!(
        mrr_by_month(&imp),
        months(&[("2024-01", 100.0), ("2024-02", 150.0), ("2024-03", 150.0)])
    );
    // With a Stripe subscriptions export ending in February: the invoices win, and their data
    // still ends in January, the latest invoice.
    let imp = import(&[a, fixture("stripe_subscriptions_feb.csv")]);
    assert_eq!(mrr_by_month(&imp), months(&[("2024-01", 100.0)]));
    assert!(warnings(&imp)
        .iter()
        .any(|w| w.contains("this subscriptions table is not used for revenue")));
}

/// Two MRR event logs (workbook.md) whose last events are a month apart: a customer's MRR at the
/// end of the earlier log carries on to the later one's last month.
#[test]
fn event_logs_ending_in_different_months() {
    let a = csv("events_a.csv", "customer_id,date,mrr_change\nA,2024-01-10,100\n");
    let b = csv("events_b.csv", "customer_id,date,mrr_change\nB,2024-01-05,50\nB,2024-02-05,10\n");
    let imp = import(&[a, b]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    assert_eq!(imp.report.tables[0].kind, Some(TableKind::MrrEvents));
    // A 100 from January, still 100 in February; B 50, then 60.
    assert_eq!(mrr_by_month(&imp), months(&[("2024-01", 150.0), ("2024-02", 160.0)]));
}
