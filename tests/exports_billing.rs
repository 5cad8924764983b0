//! Issue 16, billing: the subscriptions and invoices exports of Stripe, Chargebee, Recurly and Paddle
//! (exports.md §3, §3b, §9), each imported unedited from a fixture shaped as the system writes it,
//! with MRR, customers, NRR/GRR and churn worked out by hand in the comments.
//!
//! The issue's motivating case: a yearly plan read as monthly, trials counted as revenue and
//! cancelled subscriptions that never churn. `stripe_subscriptions_export` asserts all three fixed.

use northstar::import::currency::FxRates;
use northstar::import::{import_sources, ImportSettings, Imported, TableKind, TableReport};
use northstar::model::Month;
use rust_decimal::Decimal;
use serde_json::Value;
use std::sync::Arc;

mod common;
use common::engine::{csv, fixture, import, issues, report, rules, set_aside, warnings};

fn value(r: &Value, id: &str) -> f64 {
    r["kpis"][id]["value"].as_f64().unwrap_or_else(|| panic!("{id}: {}", r["kpis"][id]))
}

fn close(got: f64, want: f64) -> bool {
    (got - want).abs() < 1e-9
}

/// Company MRR of every month of the revenue data, `(month, mrr)`.
fn mrr_by_month(imp: &Imported) -> Vec<(String, f64)> {
    let rev = imp.dataset.revenue.as_ref().expect("revenue");
    let (first, last) = (rev.first.unwrap(), rev.last.unwrap());
    Month::range(first, last)
        .map(|m| {
            let total: Decimal = (0..rev.ids.len()).map(|i| rev.at(i, m)).sum();
            (m.to_string(), total.to_string().parse::<f64>().unwrap())
        })
        .collect()
}

/// One customer's MRR in a month.
fn customer_mrr(imp: &Imported, id: &str, month: &str) -> f64 {
    let rev = imp.dataset.revenue.as_ref().unwrap();
    let i = rev.ids.iter().position(|c| c == id).unwrap_or_else(|| panic!("no customer {id}"));
    rev.at(i, Month::parse_iso(month).unwrap()).to_string().parse().unwrap()
}

fn months(list: &[(&str, f64)]) -> Vec<(String, f64)> {
    list.iter().map(|(m, v)| (m.to_string(), *v)).collect()
}

/// The header a canonical column was mapped from.
fn mapped(t: &TableReport, canonical: &str) -> String {
    t.columns.iter().find(|c| c.maps_to == canonical).map(|c| c.header.clone()).unwrap_or_default()
}

fn pairs(list: &[(&str, usize)]) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = list.iter().map(|(k, n)| (k.to_string(), *n)).collect();
    v.sort();
    v
}

/// Stripe subscriptions: a yearly plan, a trial, two cancelled ones (one an upgrade), a cancel at
/// period end, a trial that converted, quantity 3, a coupon.
#[test]
fn stripe_subscriptions_export() {
    let imp = import(&[fixture("stripe_subscriptions.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!(t.kind, Some(TableKind::Subscriptions));
    assert_eq!(
        (t.source, t.system),
        (Some("stripe_subscriptions"), Some("Stripe subscriptions export"))
    );
    assert_eq!(mapped(t, "customer_id"), "Customer ID");
    assert_eq!(mapped(t, "name"), "Customer Name");
    assert_eq!(mapped(t, "mrr"), "Amount");
    assert_eq!(mapped(t, "interval"), "Interval");
    assert_eq!(mapped(t, "start_date"), "Start Date (UTC)");
    assert_eq!(mapped(t, "ended_at"), "Ended At (UTC)");
    assert_eq!(mapped(t, "canceled_at"), "Canceled At (UTC)");
    assert_eq!(mapped(t, "cancel_at_period_end"), "Cancel At Period End");
    assert_eq!((t.rows_read, t.rows_used), (9, 9));
    assert_eq!(set_aside(t), pairs(&[("in trial: not counted as MRR", 1)]));
    assert_eq!(
        rules(t),
        pairs(&[
            ("Interval = year: amount / 12", 1),
            ("Quantity: unit amount × quantity", 1),
            ("Start = trial end, when later than the start", 1),
        ])
    );
    assert!(
        warnings(&imp)
            .iter()
            .any(|w| w.starts_with("1 subscription with a coupon: MRR is before discounts")),
        "{:?}",
        warnings(&imp)
    );
    // Per customer (USD):
    //   Alder   100 Jan-Mar (ended 1 Apr on its upgrade), then 150 Apr-Jun (coupon ignored)
    //   Birch   1200 a year = 100 Jan-Jun
    //   Cedar   3 × 50 = 150 Feb-Jun
    //   Dogwood trialing: set aside
    //   Elm     200 Jan-Feb: ended 20 Mar, so March does not count
    //   Fir     60 Feb-Jun: cancels at period end (14 Jul); its Canceled At (20 Jun) is the request
    //   Ginkgo  40 from its trial end (8 Feb): Feb-Jun
    //   Hazel   30 Apr-Jun (past due still counts)
    // The data ends in June, the latest past event (Fir's cancel request, 20 Jun); the July period
    // and trial ends are scheduled and do not stretch it.
    //   Jan 100+100+200 = 400; Feb 100+100+150+200+60+40 = 650; Mar 650-200 = 450;
    //   Apr 150+100+150+60+40+30 = 530; May, Jun 530.
    assert_eq!(
        mrr_by_month(&imp),
        months(&[
            ("2024-01", 400.0),
            ("2024-02", 650.0),
            ("2024-03", 450.0),
            ("2024-04", 530.0),
            ("2024-05", 530.0),
            ("2024-06", 530.0),
        ])
    );
    // The issue's motivating case. A yearly plan is 1200 / 12, not 1200 a month:
    assert_eq!(customer_mrr(&imp, "cus_PBirch02", "2024-01"), 100.0);
    // a trial is no revenue:
    let rev = imp.dataset.revenue.as_ref().unwrap();
    assert!(!rev.ids.contains(&"cus_PDogwd04".to_string()));
    // a cancelled subscription churns in the month it ended:
    assert_eq!(customer_mrr(&imp, "cus_PElm0005", "2024-02"), 200.0);
    assert_eq!(customer_mrr(&imp, "cus_PElm0005", "2024-03"), 0.0);

    // P = Feb-Jun 2024. S = active in January: Alder 100, Birch 100, Elm 200 (400).
    // In June: Alder 150, Birch 100, Elm 0 (250). NRR = 250/400 = 0.625;
    // GRR = (min(100,150) + 100 + 0)/400 = 0.5; customer churn = 1 of 3 (Elm).
    let r = report(&imp, "2024-02", "2024-06");
    assert_eq!(value(&r, "mrr"), 530.0);
    assert_eq!(value(&r, "active_customers"), 6.0);
    assert!(close(value(&r, "nrr"), 0.625));
    assert!(close(value(&r, "grr"), 0.5));
    assert!(close(value(&r, "customer_churn_rate"), 1.0 / 3.0));
    // March: Elm's 200 churned; April: Alder +50 expansion, Hazel +30 new.
    let mv = &r["movements"];
    assert_eq!((mv[1]["month"].as_str(), mv[1]["churn"].as_f64()), (Some("2024-03"), Some(200.0)));
    assert_eq!((mv[2]["expansion"].as_f64(), mv[2]["new"].as_f64()), (Some(50.0), Some(30.0)));
}

/// A cancelled subscription without any end date is an issue (it would otherwise never churn);
/// a live subscription's Canceled At is the request, not the end; another status is warned.
#[test]
fn stripe_cancelled_without_an_end_and_unknown_statuses() {
    let text =
        "id,Customer ID,Amount,Interval,Status,Start Date (UTC),Canceled At (UTC),Ended At (UTC)\n\
                sub_1,cus_1,10.00,month,canceled,2024-01-01 00:00,,\n\
                sub_2,cus_2,10.00,month,active,2024-01-01 00:00,2024-02-10 00:00,\n\
                sub_3,cus_3,10.00,month,on_hold,2024-01-01 00:00,,\n\
                sub_4,cus_4,10.00,month,canceled,2024-01-01 00:00,2024-03-05 00:00,\n";
    let imp = import(&[csv("subscriptions.csv", text)]);
    assert_eq!(
        issues(&imp),
        [(
            2,
            "Status".into(),
            "cancelled, but no end date (ended at, cancel at or canceled at)".into()
        )]
    );
    assert!(warnings(&imp).iter().any(|w| w.contains("\"on_hold\" (1)")), "{:?}", warnings(&imp));
    // cus_4 ended on 5 Mar (its Canceled At, the only end a cancelled one has): Jan-Feb.
    // cus_2 asked to cancel on 10 Feb but is active: it runs to March, the latest past event.
    assert_eq!(customer_mrr(&imp, "cus_4", "2024-03"), 0.0);
    assert_eq!(customer_mrr(&imp, "cus_2", "2024-03"), 10.0);
    assert_eq!(mrr_by_month(&imp).last().unwrap().0, "2024-03");
}

fn fx_settings() -> ImportSettings {
    // One yen in dollars: 0.0070 in January, 0.0065 in February, 0.0068 any other month.
    let mut fx = FxRates::default();
    fx.dated.insert(("JPY".into(), Month::parse_iso("2024-01").unwrap()), Decimal::new(70, 4));
    fx.dated.insert(("JPY".into(), Month::parse_iso("2024-02").unwrap()), Decimal::new(65, 4));
    fx.undated.insert("JPY".into(), Decimal::new(68, 4));
    ImportSettings {
        reporting_currency: Some("USD".into()),
        fx: Some(Arc::new(fx)),
        ..Default::default()
    }
}

/// Chargebee Subscriptions.csv: cents, a yen row converted at each month's rate, an annual plan,
/// a trial, a future one, cancelled, non-renewing and paused ones, a trial end as the start.
#[test]
fn chargebee_subscriptions_export() {
    let imp = import_sources(&[fixture("chargebee_subscriptions.csv")], &fx_settings()).unwrap();
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!(t.kind, Some(TableKind::Subscriptions));
    assert_eq!(t.source, Some("chargebee_subscriptions"));
    assert_eq!(mapped(t, "customer_id"), "customers.id");
    assert_eq!(mapped(t, "name"), "customers.company");
    assert_eq!(mapped(t, "mrr"), "subscriptions.plan_unit_price");
    assert_eq!(mapped(t, "currency"), "subscriptions.currency_code");
    assert_eq!(mapped(t, "interval"), "subscriptions.billing_period_unit");
    assert_eq!(mapped(t, "activated_at"), "subscriptions.activated_at");
    assert_eq!(mapped(t, "cancel_at"), "subscriptions.cancelled_at");
    assert_eq!(
        set_aside(t),
        pairs(&[("in trial: not counted as MRR", 1), ("future: not started yet", 1)])
    );
    assert_eq!(
        rules(t),
        pairs(&[
            ("Amount in the minor unit of USD: ÷ 100", 6),
            ("Amount in the minor unit of JPY: ÷ 1", 1),
            ("Interval = year: amount / 12", 1),
            ("Quantity: unit amount × quantity", 1),
            ("Start = trial end, when later than the start", 1),
            ("JPY converted to USD with your fx_rates", 1),
        ])
    );
    // Per customer (USD):
    //   acme   4900 cents = 49.00 (empty billing_period_unit = month), Jan-Jun
    //   bolt   60000 cents a year × 2 = 1200 / 12 = 100, Feb-Jun
    //   delta  99.00, cancelled 15 Apr: Jan-Mar
    //   echo   19.00, non-renewing, cancels 3 Jul (scheduled): Mar-Jun
    //   kaede  ¥15,000 (JPY has no minor unit): Jan × 0.0070 = 105, Feb × 0.0065 = 97.5,
    //          Mar-Jun × 0.0068 = 102
    //   fjord  25.00, paused on 1 May: Feb-Apr
    //   hollow 10.00 from its trial end (15 Mar; no activated_at): Mar-Jun
    //   crane (in trial), gale (future): set aside
    // The data ends in June (gale created 25 Jun); echo's July cancel does not stretch it.
    //   Jan 49+99+105 = 253; Feb 49+100+99+97.5+25 = 370.5; Mar 49+100+99+19+102+25+10 = 404;
    //   Apr 404-99 = 305; May 305-25 = 280; Jun 280.
    assert_eq!(
        mrr_by_month(&imp),
        months(&[
            ("2024-01", 253.0),
            ("2024-02", 370.5),
            ("2024-03", 404.0),
            ("2024-04", 305.0),
            ("2024-05", 280.0),
            ("2024-06", 280.0),
        ])
    );
    // P = Mar-Jun. S = active in Feb: acme 49, bolt 100, delta 99, kaede 97.5, fjord 25 (370.5).
    // June: 49 + 100 + 0 + 102 + 0 = 251. NRR = 251/370.5;
    // GRR = (49 + 100 + 0 + min(97.5, 102) + 0)/370.5 = 246.5/370.5; churn = 2 of 5.
    let r = report(&imp, "2024-03", "2024-06");
    assert_eq!(value(&r, "mrr"), 280.0);
    assert_eq!(value(&r, "active_customers"), 5.0);
    assert!(close(value(&r, "nrr"), 251.0 / 370.5));
    assert!(close(value(&r, "grr"), 246.5 / 370.5));
    assert!(close(value(&r, "customer_churn_rate"), 0.4));
    // The yen's rate change from January to February shows as a contraction of 7.5.
    let r = report(&imp, "2024-02", "2024-02");
    assert_eq!(r["movements"][0]["contraction"].as_f64(), Some(7.5));
}

/// Recurly subscriptions export (inferred format): no interval column, so the current billing
/// period tells it; `canceled` will not renew, `expired` ended; future and failed set aside; an
/// `active` one still in its trial is no revenue.
#[test]
fn recurly_subscriptions_export() {
    let imp = import(&[fixture("recurly_subscriptions.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!((t.kind, t.source), (Some(TableKind::Subscriptions), Some("recurly_subscriptions")));
    assert_eq!(mapped(t, "customer_id"), "account_code");
    assert_eq!(mapped(t, "mrr"), "unit_amount");
    assert_eq!(mapped(t, "status"), "state");
    assert_eq!(mapped(t, "cancel_at"), "expires_at");
    assert_eq!(
        set_aside(t),
        pairs(&[
            ("in trial: not counted as MRR", 1),
            ("future: not started yet", 1),
            ("failed: never started", 1),
        ])
    );
    // r-007's trial end is its start, but it is set aside: no rule for it.
    assert_eq!(
        rules(t),
        pairs(&[("Interval = 12 months: amount / 12 (from the current billing period)", 1)])
    );
    // Per account: r-001 20 Jan-May; r-002 240 a year (its period 1 Mar 2024 - 1 Mar 2025) = 20,
    // Mar-May; r-003 30, canceled (expires 10 May): Feb-Apr; r-004 25, expired 15 Mar: Jan-Feb;
    // r-007 in its trial until 8 Jun, after the data: set aside. The data ends in May (r-007's
    // activation, 25 May); r-003's expiry is scheduled.
    //   Jan 20+25 = 45; Feb 20+30+25 = 75; Mar 20+20+30 = 70; Apr 70; May 40.
    assert_eq!(
        mrr_by_month(&imp),
        months(&[
            ("2024-01", 45.0),
            ("2024-02", 75.0),
            ("2024-03", 70.0),
            ("2024-04", 70.0),
            ("2024-05", 40.0),
        ])
    );
    // P = Mar-May. S = active in Feb: r-001 20, r-003 30, r-004 25 (75). May: 20.
    // NRR = GRR = 20/75; churn = 2 of 3.
    let r = report(&imp, "2024-03", "2024-05");
    assert!(close(value(&r, "nrr"), 20.0 / 75.0));
    assert!(close(value(&r, "grr"), 20.0 / 75.0));
    assert!(close(value(&r, "customer_churn_rate"), 2.0 / 3.0));
    assert_eq!(value(&r, "active_customers"), 2.0);
}

/// Recurly's older column spelling in cents (`unit_amount_in_cents`) is divided by the currency's
/// minor unit, as its name says; never guessed from the numbers.
#[test]
fn recurly_amounts_in_cents() {
    let text = "uuid,account_code,plan_code,state,unit_amount_in_cents,currency,activated_at,current_period_started_at,current_period_ends_at\n\
                a1,r-1,gold,active,2000,USD,2024-01-04T12:00:00Z,2024-02-04T12:00:00Z,2024-03-04T12:00:00Z\n\
                a2,r-2,gold,active,3000,JPY,2024-02-04T12:00:00Z,2024-02-04T12:00:00Z,2024-03-04T12:00:00Z\n";
    let imp = import(&[csv("subscriptions.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!(t.source, Some("recurly_subscriptions"));
    assert_eq!(
        rules(t),
        pairs(&[
            ("Amount in the minor unit of USD: ÷ 100", 1),
            ("Amount in the minor unit of JPY: ÷ 1", 1)
        ])
    );
    assert_eq!(customer_mrr(&imp, "r-1", "2024-02"), 20.0);
    assert_eq!(customer_mrr(&imp, "r-2", "2024-02"), 3000.0);
}

/// Paddle subscriptions export (inferred format): payment amounts are totals (quantity inside),
/// the interval comes from the last payment to the next bill; deleted and paused ones end.
#[test]
fn paddle_subscriptions_export() {
    let imp = import(&[fixture("paddle_subscriptions.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!((t.kind, t.source), (Some(TableKind::Subscriptions), Some("paddle_subscriptions")));
    assert_eq!(mapped(t, "customer_id"), "user_id");
    assert_eq!(mapped(t, "mrr"), "next_payment_amount");
    assert_eq!(mapped(t, "pause_date"), "paused_at");
    assert_eq!(set_aside(t), pairs(&[("in trial: not counted as MRR", 1)]));
    assert_eq!(
        rules(t),
        pairs(&[("Interval = 12 months: amount / 12 (from the current billing period)", 1)])
    );
    // The deleted and the paused one have no next bill date: no period tells their interval.
    assert!(
        warnings(&imp).iter().any(|w| w.starts_with("2 subscriptions without a billing interval")),
        "{:?}",
        warnings(&imp)
    );
    // 1001: 12 Jan-Jun. 1002: 120 a year = 10, Feb-Jun. 1003: deleted, last payment 12, ends
    // 20 Apr: Jan-Mar. 1005: 20, paused 5 May: Feb-Apr. 1006: 60 for 2 seats (a total), Apr-Jun.
    // The data ends in June (1001's last payment, 12 Jun).
    //   Jan 24; Feb 12+10+12+20 = 54; Mar 54; Apr 12+10+20+60 = 102; May, Jun 82.
    assert_eq!(
        mrr_by_month(&imp),
        months(&[
            ("2024-01", 24.0),
            ("2024-02", 54.0),
            ("2024-03", 54.0),
            ("2024-04", 102.0),
            ("2024-05", 82.0),
            ("2024-06", 82.0),
        ])
    );
    // P = Mar-Jun. S = active in Feb: 1001 12, 1002 10, 1003 12, 1005 20 (54). June: 12 + 10.
    let r = report(&imp, "2024-03", "2024-06");
    assert!(close(value(&r, "nrr"), 22.0 / 54.0));
    assert!(close(value(&r, "grr"), 22.0 / 54.0));
    assert!(close(value(&r, "customer_churn_rate"), 0.5));
}

/// Stripe invoices export: each invoice's subtotal spread over its line items' service period
/// (never its Period Start/End); an annual invoice, a void, a draft, a credit, a 0 and a one-off.
#[test]
fn stripe_invoices_export() {
    let imp = import(&[fixture("stripe_invoices.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!((t.kind, t.source), (Some(TableKind::Mrr), Some("stripe_invoices")));
    assert_eq!(t.system, Some("Stripe invoices export"));
    assert_eq!(mapped(t, "customer_id"), "Customer");
    assert_eq!(mapped(t, "mrr"), "Subtotal");
    assert_eq!(mapped(t, "month"), "Date (UTC)");
    assert_eq!(mapped(t, "period_start"), "Minimum Line Item Period Start (UTC)");
    assert_eq!(mapped(t, "period_end"), "Maximum Line Item Period End (UTC)");
    assert_eq!((t.rows_read, t.rows_used), (16, 16));
    assert_eq!(
        set_aside(t),
        pairs(&[
            ("void, draft or uncollectible invoice", 2),
            ("no service period", 1),
            ("amount of 0", 1),
        ])
    );
    assert_eq!(
        rules(t),
        pairs(&[
            ("Service period of 12 months: amount / 12 in each month", 1),
            ("Credit (a negative line) lowers the months of its service period", 1),
        ])
    );
    // Poplar 100 a month (its subtotal: the 20 of tax is left out), Jan-Apr; its May invoice is a
    // draft. Quince: 2400 for 15 Jan 2024 - 15 Jan 2025 = 200 a month (its one-off fee has no
    // period); Rowan 50 Jan-Feb, its March invoice void; Spruce 80 a month and a credit of 30 for
    // 10 Mar - 1 Apr (one month): March 50. The latest invoice is in April: the annual period and
    // the May draft do not stretch the data.
    //   Jan 100+200+50+80 = 430; Feb 430; Mar 100+200+50 = 350; Apr 100+200+80 = 380.
    assert_eq!(
        mrr_by_month(&imp),
        months(&[("2024-01", 430.0), ("2024-02", 430.0), ("2024-03", 350.0), ("2024-04", 380.0)])
    );
    // P = Feb-Apr. S = active in Jan: Poplar, Quince, Rowan, Spruce (430); April: 380.
    // NRR = GRR = 380/430; churn = 1 of 4 (Rowan).
    let r = report(&imp, "2024-02", "2024-04");
    assert_eq!(value(&r, "mrr"), 380.0);
    assert!(close(value(&r, "nrr"), 380.0 / 430.0));
    assert!(close(value(&r, "grr"), 380.0 / 430.0));
    assert!(close(value(&r, "customer_churn_rate"), 0.25));
    // Spruce's credit is a contraction in March, back in April.
    let mv = &r["movements"];
    assert_eq!(mv[1]["contraction"].as_f64(), Some(30.0));
    assert_eq!(mv[2]["expansion"].as_f64(), Some(30.0));
}

/// Stripe invoice line items (inferred format): each line's own period; the tax line has none.
#[test]
fn stripe_invoice_line_items_export() {
    let imp = import(&[fixture("stripe_invoice_line_items.csv")]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!((t.kind, t.source), (Some(TableKind::Mrr), Some("stripe_invoice_line_items")));
    assert_eq!(mapped(t, "period_start"), "Period Start (UTC)");
    assert_eq!(mapped(t, "month"), "Invoice Date (UTC)");
    assert_eq!(set_aside(t), pairs(&[("no service period", 1)]));
    // Ulmus: 1200 for a year = 100 a month; Vetch 40 a month. The latest invoice is in March.
    assert_eq!(
        mrr_by_month(&imp),
        months(&[("2024-01", 140.0), ("2024-02", 140.0), ("2024-03", 140.0)])
    );
}

/// Any invoice export with a service period and an amount; the amount prefers a subtotal.
#[test]
fn generic_invoices_with_service_periods() {
    // Total before Subtotal in the file: the subtotal (tax excluded) is still the amount.
    let text = "Invoice Date,Customer,Service Period Start,Service Period End,Total,Subtotal\n\
                2024-01-01,A,2024-01-01,2024-03-31,360,300\n\
                2024-02-01,B,2024-02-01,2024-02-29,60,50\n\
                2024-03-01,B,2024-03-01,2024-03-31,60,50\n";
    let imp = import(&[csv("invoices.csv", text)]);
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    let t = &imp.report.tables[0];
    assert_eq!((t.kind, t.source), (Some(TableKind::Mrr), Some("invoices_service_period")));
    assert_eq!(mapped(t, "mrr"), "Subtotal");
    // A: 300 over Jan-Mar = 100 each; B: 50 in Feb and in Mar.
    assert_eq!(
        mrr_by_month(&imp),
        months(&[("2024-01", 100.0), ("2024-02", 150.0), ("2024-03", 150.0)])
    );
    // Named by hand: a plain long MRR table whose columns a mapping calls period_start/period_end
    // is read the same way (exports.md §3b).
    let text =
        "Customer,Month,Revenue,From,To\nA,2024-01,1200,2024-01-01,2024-12-31\nA,2024-02,0,,\n";
    let mapping = serde_json::json!([
        {"file": "rev.csv", "columns": {"From": "period_start", "To": "period_end"}}
    ]);
    let settings =
        ImportSettings { mapping: serde_json::from_value(mapping).unwrap(), ..Default::default() };
    let imp = import_sources(&[csv("rev.csv", text)], &settings).unwrap();
    assert!(issues(&imp).is_empty(), "{:?}", issues(&imp));
    // 1200 over 12 months, cut at the latest invoice month (Feb); the 0 row is set aside.
    assert_eq!(mrr_by_month(&imp), months(&[("2024-01", 100.0), ("2024-02", 100.0)]));
}

/// A file missing one signature column is not that export, and not taken for another kind: a
/// Stripe subscriptions file without `Interval` is a plain subscriptions table (its Amount read
/// as MRR, as workbook.md says); a Stripe invoices file without the line item periods is not
/// recognised (its invoice-level Period Start/End is never a service period), nor is a Chargebee
/// file without its plan price.
#[test]
fn near_misses_are_not_the_export() {
    let text = "id,Customer ID,Amount,Status,Start Date (UTC)\nsub_1,cus_1,100.00,active,2024-01-05 10:00\n";
    let imp = import(&[csv("subscriptions.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!((t.kind, t.source), (Some(TableKind::Subscriptions), None));
    assert!(t.rules.is_empty());
    let text = "id,Customer,Date (UTC),Subtotal,Status,Period Start (UTC),Period End (UTC)\n\
                in_1,cus_1,2024-01-05 10:00,100.00,paid,2023-12-05 10:00,2024-01-05 10:00\n\
                in_2,cus_1,2024-01-19 10:00,40.00,paid,2024-01-05 10:00,2024-01-19 10:00\n";
    let imp = import(&[csv("invoices.csv", text)]);
    let t = &imp.report.tables[0];
    assert_eq!((t.kind, t.source), (None, None));
    assert!(imp.dataset.revenue.is_none());
    // And Chargebee's columns without its plan price are not the Chargebee export.
    let text = "customers.id,subscriptions.started_at,subscriptions.status\nacme,2024-01-08 00:00:00,Active\n";
    let imp = import(&[csv("Subscriptions.csv", text)]);
    assert_eq!((imp.report.tables[0].kind, imp.report.tables[0].source), (None, None));
}

#[path = "exports_billing/ranges.rs"]
mod ranges;
