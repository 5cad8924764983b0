//! KPIs on a small dataset worked out by hand, and invariants as property tests.
//!
//! MRR (Jan, Feb, Mar 2024): A 100/100/100; B 200/0/0 (churns in Feb); C 100/150/150 (expands);
//! D -/300/300 (new in Feb); E 50/50/25 (contracts in Mar). P = Feb..Mar, gross margin 0.8.

use northstar::import::{import_paths, ImportSettings};
use northstar::kpi::{self, ReportRequest};
use northstar::model::{Dataset, Month, Revenue};
use northstar::settings::Settings;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::Value;
use std::collections::BTreeMap;

fn hand_report() -> Value {
    serde_json::to_value(hand().0).unwrap()
}

fn hand() -> (kpi::Report, Settings) {
    let (data, req, settings) = hand_data(false);
    (kpi::report(&data, &req, &settings).unwrap(), settings)
}

fn hand_data(with_details: bool) -> (Dataset, ReportRequest, Settings) {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        ("mrr.csv", "Customer ID,Month,MRR\nA,2024-01,100\nA,2024-02,100\nA,2024-03,100\nB,2024-01,200\nC,2024-01,100\nC,2024-02,150\nC,2024-03,150\nD,2024-02,300\nD,2024-03,300\nE,2024-01,50\nE,2024-02,50\nE,2024-03,25\n"),
        ("customers.csv", "Customer ID,Seats Purchased,Seats Active\nA,100,80\n"),
        ("costs.csv", "Month,Category,Amount\n2024-02,Sales,600\n2024-03,Marketing,300\n2024-03,Customer Success,460\n2024-01,Sales,5000\n"),
        ("surveys.csv", "Customer ID,Date,Type,Score\nA,2024-03-10,NPS,9\nB,2024-02-05,NPS,2\nC,2024-02-20,NPS,7\n"),
        ("tickets.csv", "Ticket ID,Customer ID,Opened,Resolved,Contacts\nT1,A,2024-03-20,2024-03-21,1\nT2,E,2024-03-01,2024-03-02,1\nT3,E,2024-03-02,2024-03-03,1\nT4,E,2024-03-03,2024-03-04,2\nT5,E,2024-02-04,2024-02-05,1\nT6,E,2024-01-05,2024-01-06,1\n"),
        ("activities.csv", "Date,Customer ID,Type\n2024-03-15,A,QBR\n"),
    ];
    let mut paths = Vec::new();
    for (name, text) in files {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        paths.push(p);
    }
    let imp = import_paths(&paths, &ImportSettings::default()).unwrap();
    let settings = Settings { gross_margin: Some(0.8), ..Default::default() };
    let req = ReportRequest {
        from: Month::new(2024, 2),
        to: Month::new(2024, 3),
        segment: None,
        with_details,
    };
    (imp.dataset, req, settings)
}

#[test]
fn scenario_baseline_from_the_data_with_its_sources() {
    let (r, settings) = hand();
    let b = northstar::forecast::baseline::from_report(&r, &settings);
    let i = &b.inputs;
    assert_eq!(
        (i.start_mrr, i.start_customers, i.monthly_churn),
        (Some(575.0), Some(4.0), Some(0.125))
    );
    // Calibrated to GRR 225/450 = 0.5 and NRR 275/450 over L = 2 months, the loss split as churned
    // MRR 200 and contraction 25 (s = 8/9): g_m = 0.5^(1/2), c_r = 1 - g_m^s, k = 1 - g_m^(1-s),
    // e = (275/450)^(1/2) / (1 - c_r) - 1 + k.
    let g_m = 0.5f64.sqrt();
    let (c_r, k) = (1.0 - g_m.powf(8.0 / 9.0), 1.0 - g_m.powf(1.0 / 9.0));
    let e = (275.0f64 / 450.0).sqrt() / (1.0 - c_r) - 1.0 + k;
    assert!((i.monthly_revenue_churn.unwrap() - c_r).abs() < 1e-15);
    assert!((i.monthly_contraction.unwrap() - k).abs() < 1e-15);
    assert!((i.monthly_expansion.unwrap() - e).abs() < 1e-15);
    assert_eq!(b.calibration, northstar::forecast::baseline::Calibration::ObservedRetention);
    assert_eq!((b.observed.months, b.observed.grr), (2, Some(0.5)));
    assert_eq!(
        (i.new_customers_per_month, i.new_customer_arpa, i.cac, i.gross_margin),
        (Some(0.5), Some(300.0), Some(900.0), Some(0.8))
    );
    let churn = b.sources.iter().find(|s| s.input == "monthly_churn").unwrap();
    assert_eq!(churn.from, "average monthly logo churn, 2024-02 .. 2024-03");
    assert_eq!(churn.kind, northstar::forecast::baseline::SourceKind::Data);
    let revenue = b.sources.iter().find(|s| s.input == "monthly_revenue_churn").unwrap();
    assert!(
        revenue.from.starts_with("calibrated to your GRR 50.0% and NRR 61.1%"),
        "{}",
        revenue.from
    );
    // The baseline is a valid scenario.
    assert!(i.validate().is_ok());
}

fn close(r: &Value, id: &str, expected: f64) {
    let got = r["kpis"][id]["value"].as_f64().unwrap_or_else(|| panic!("{id}: {}", r["kpis"][id]));
    assert!((got - expected).abs() <= 1e-9 * expected.abs().max(1.0), "{id}: {got} vs {expected}");
}

#[test]
fn revenue_retention_and_rates_by_hand() {
    let r = hand_report();
    close(&r, "mrr", 575.0);
    close(&r, "arr", 6900.0);
    close(&r, "active_customers", 4.0);
    close(&r, "arpa", 143.75);
    // ARPU: MRR over the active seats of active customers (A's 80).
    close(&r, "arpu", 575.0 / 80.0);
    close(&r, "mrr_new", 300.0);
    close(&r, "mrr_expansion", 50.0);
    close(&r, "mrr_contraction", 25.0);
    close(&r, "mrr_churn", 200.0);
    close(&r, "net_new_mrr", 125.0);
    // S = {A, B, C, E}; at the end A, C, E still pay: 3 of 4.
    close(&r, "customer_retention_rate", 0.75);
    close(&r, "customer_churn_rate", 0.25);
    // NRR (100 + 0 + 150 + 25) / 450; GRR (100 + 0 + 100 + 25) / 450.
    close(&r, "nrr", 275.0 / 450.0);
    close(&r, "grr", 0.5);
    // One churn over 4 + 4 customers at the start of Feb and Mar; MRR bases 450 + 600.
    close(&r, "monthly_churn_rate", 0.125);
    close(&r, "gross_mrr_churn_rate", 225.0 / 1050.0);
    close(&r, "net_mrr_churn_rate", 175.0 / 1050.0);
    close(&r, "expansion_mrr_rate", 50.0 / 1050.0);
    // Q1 has only February and March inside P: partial.
    assert_eq!(
        r["kpis"]["quarterly_expansion_revenue"]["value"],
        serde_json::json!([{"quarter": "2024-Q1", "value": 50, "partial": true, "months": 2,
                            "from": "2024-02", "to": "2024-03"}])
    );
}

#[test]
fn lifetime_value_and_costs_by_hand() {
    let r = hand_report();
    // 143.75 x 0.8 / 0.125 = 920.
    close(&r, "ltv_simple", 920.0);
    close(&r, "ltv_revenue_churn", 115.0 * 1050.0 / 225.0);
    close(&r, "customer_lifetime_months", 8.0);
    // Sales 600 + marketing 300 in P (January's 5000 is outside) for one new customer.
    close(&r, "cac", 900.0);
    close(&r, "clv_net_of_cac", 20.0);
    close(&r, "ltv_to_cac", 920.0 / 900.0);
    // 900 / (D's first month 300 x 0.8).
    close(&r, "cac_payback_months", 3.75);
    close(&r, "crc", 115.0);
}

#[test]
fn utilization_nps_and_health_by_hand() {
    let r = hand_report();
    // The seed's example: 100 seats of which 80 active.
    close(&r, "license_utilization", 0.8);
    // Promoter 9, passive 7, detractor 2.
    close(&r, "nps", 0.0);
    assert_eq!(r["kpis"]["nps"]["promoters"], 1);
    // A: utilization 80 (w25), NPS 90 (w20), 1 ticket in 90 days -> 90 (w15), QBR 16 days ago -> 100
    // (w15); no MRR three months back -> trend dropped: 6650 / 75.
    // C: latest NPS 7 -> 70 (w20), no ticket -> 100, no touchpoint -> 0: 2900 / 50 = 58.
    // D: 100 and 0 -> 50. E: 5 tickets in the last 90 days -> 50, no touchpoint -> 0: 25 (red).
    let a = 6650.0 / 75.0;
    close(&r, "health_avg", (a + 58.0 + 50.0 + 25.0) / 4.0);
    close(&r, "health_red", 1.0);
    close(&r, "health_yellow", 2.0);
    close(&r, "health_green", 1.0);
    // FCR: tickets opened in Feb..Mar: T1-T5, resolved, four with one contact.
    close(&r, "fcr", 0.8);
}

/// What the dashboard draws, on the same data: the health scores of the test above per band and
/// lowest first, A's utilization, the NPS responses of P, and each month's MRR for the sparkline.
#[test]
fn dashboard_details_by_hand() {
    let (data, req, settings) = hand_data(true);
    let r = serde_json::to_value(kpi::report(&data, &req, &settings).unwrap()).unwrap();
    let d = &r["details"];
    assert_eq!(
        d["health_bands"],
        serde_json::json!({"green": 1, "yellow": 2, "red": 1, "unscored": 0})
    );
    let riskiest: Vec<(&str, f64)> = d["riskiest"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| (c["customer_id"].as_str().unwrap(), c["score"].as_f64().unwrap()))
        .collect();
    let ids: Vec<&str> = riskiest.iter().map(|c| c.0).collect();
    assert_eq!(ids, ["E", "D", "C", "A"]);
    assert!((riskiest[0].1 - 25.0).abs() < 1e-9 && (riskiest[2].1 - 58.0).abs() < 1e-9);
    // What is at stake: E pays 25 in March, 300 a year; no names, CSM or renewals in these files.
    assert_eq!(d["riskiest"][0]["arr"], 300);
    assert_eq!(d["riskiest"][0]["name"], Value::Null);
    assert_eq!(d["riskiest"][0]["renewal_date"], Value::Null);
    assert_eq!(d["utilization"].as_array().unwrap().len(), 1);
    assert_eq!(d["utilization"][0]["ratio"], 0.8);
    // Scores 2 (Feb), 7 (Feb) and 9 (Mar).
    let mut nps = vec![0; 11];
    (nps[2], nps[7], nps[9]) = (1, 1, 1);
    assert_eq!(d["distributions"]["nps"], serde_json::json!(nps));
    // End of February: A 100 + C 150 + D 300 + E 50; end of March: 100 + 150 + 300 + 25.
    let trend = serde_json::to_value(kpi::trend(&data, &req, &settings).unwrap()).unwrap();
    assert_eq!(trend["mrr"], serde_json::json!([600, 575]));
}

#[test]
fn previous_period_and_change() {
    let r = hand_report();
    // The previous two months are Dec..Jan: MRR 100 + 200 + 100 + 50 at the end of January.
    assert_eq!(r["previous_period"], serde_json::json!({"from": "2023-12", "to": "2024-01"}));
    assert_eq!(r["kpis"]["mrr"]["previous"], 450);
    assert_eq!(r["kpis"]["mrr"]["change"], 125);
}

#[test]
fn a_period_past_the_revenue_data_is_the_period_cut_there_for_every_view() {
    let (data, req, settings) = hand_data(true);
    let value = |r: &ReportRequest| serde_json::to_value(kpi::report(&data, r, &settings).unwrap());
    let past = ReportRequest { to: Month::new(2024, 6), ..req.clone() };
    let (cut, asked) = (value(&past).unwrap(), value(&req).unwrap());
    assert_eq!(cut["period"]["to"], "2024-03");
    assert!(cut["period"]["note"].as_str().unwrap().starts_with("revenue data ends 2024-03"));
    for part in ["kpis", "movements", "mrr_series", "cohorts", "csm", "details"] {
        assert_eq!(cut[part], asked[part], "{part}");
    }
    let trend = |r: &ReportRequest| serde_json::to_value(kpi::trend(&data, r, &settings).unwrap());
    assert_eq!(trend(&past).unwrap(), trend(&req).unwrap());
    // NRR over Feb..Mar: S = Active(Jan) = 450; of it 100 + 0 + 150 + 25 = 275 remain at the end.
    let e = kpi::explain::explain(&data, &past, &settings, "nrr").unwrap();
    assert_eq!(e.period.to, "2024-03");
    assert_eq!(e.result.number(), Some(Decimal::from(275) / Decimal::from(450)));
}

#[test]
fn a_period_wholly_after_the_revenue_data_invents_no_churn_anywhere() {
    let (data, req, settings) = hand_data(true);
    let after = ReportRequest { from: Month::new(2024, 4), to: Month::new(2024, 5), ..req };
    let r = serde_json::to_value(kpi::report(&data, &after, &settings).unwrap()).unwrap();
    assert_eq!(r["kpis"]["mrr_churn"]["reason"], "revenue data ends 2024-03");
    assert_eq!(r["kpis"]["nrr"]["reason"], "revenue data ends 2024-03");
    assert_eq!(r["movements"], serde_json::json!([]));
    assert_eq!(r["details"]["riskiest"], serde_json::json!([]));
    // The series and cohorts stop at the data's last month.
    assert_eq!(r["mrr_series"].as_array().unwrap().last().unwrap()["month"], "2024-03");
    let trend = serde_json::to_value(kpi::trend(&data, &after, &settings).unwrap()).unwrap();
    assert_eq!(trend["mrr_churn"], serde_json::json!([null, null]));
    let e = kpi::explain::explain(&data, &after, &settings, "mrr_churn").unwrap();
    assert_eq!(e.result.reason(), Some("revenue data ends 2024-03"));
    assert!(e.rows.is_empty());
}

fn m(y: i32, k: u32) -> Month {
    Month::new(y, k).unwrap()
}

fn day(y: i32, k: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, k, d).unwrap()
}

/// Customer A pays 100 from `first` to `last`, and customer B (segment Y) 50 from `b_from` on.
fn revenue(first: Month, last: Month, b_from: Month) -> Revenue {
    let mut e: BTreeMap<String, BTreeMap<Month, Decimal>> = BTreeMap::new();
    for k in Month::range(first, last) {
        e.entry("A".into()).or_default().insert(k, Decimal::from(100));
        if k >= b_from {
            e.entry("B".into()).or_default().insert(k, Decimal::from(50));
        }
    }
    Revenue::from_entries(e)
}

/// Revenue for all of 2024; usage of customer A from January to October 2024 except June: on the
/// 1st users u1 and u2, on the 2nd u1, each session 10 minutes; activities of A in the same months;
/// tickets of A from March.
fn usage_to_october() -> Dataset {
    use northstar::model::{Activity, ActivityClass, Customer, Ticket, Usage};
    let mut usage = Vec::new();
    let mut activities = Vec::new();
    let mut tickets = Vec::new();
    for k in (1..=10).filter(|k| *k != 6) {
        for (user, d) in [("u1", 1), ("u2", 1), ("u1", 2)] {
            usage.push(Usage {
                user_id: user.into(),
                customer_id: Some("A".into()),
                at: day(2024, k, d).and_hms_opt(9, 0, 0).unwrap(),
                seconds: Some(Decimal::from(600)),
            });
        }
        activities.push(Activity {
            customer_id: Some("A".into()),
            date: day(2024, k, 3),
            kind: "QBR".into(),
            class: ActivityClass::Engagement,
            csm: None,
        });
        if k >= 3 {
            let opened = day(2024, k, 4).and_hms_opt(9, 0, 0).unwrap();
            tickets.push(Ticket {
                id: format!("T{k}"),
                customer_id: Some("A".into()),
                opened,
                resolved: Some(opened + chrono::Duration::hours(2)),
                contacts: Some(Decimal::ONE),
                first_contact: None,
                subject: None,
                description: None,
                origin: None,
            });
        }
    }
    let customer = |id: &str, seg: &str| Customer {
        id: id.into(),
        segment: Some(seg.into()),
        ..Default::default()
    };
    Dataset {
        revenue: Some(revenue(m(2024, 1), m(2024, 12), m(2024, 1))),
        customers: vec![customer("A", "X"), customer("B", "Y")],
        usage,
        has_usage: true,
        activities,
        has_activities: true,
        tickets,
        has_tickets: true,
        ..Default::default()
    }
}

fn report_of(d: &Dataset, from: Month, to: Month, segment: Option<(&str, &str)>) -> Value {
    let req = ReportRequest {
        from: Some(from),
        to: Some(to),
        segment: segment.map(|(k, v)| (k.to_string(), v.to_string())),
        with_details: false,
    };
    serde_json::to_value(kpi::report(d, &req, &Settings::default()).unwrap()).unwrap()
}

#[test]
fn a_table_that_ends_before_the_period_is_unknown_there_not_zero() {
    let d = usage_to_october();
    // November..December: no usage data at all.
    let r = report_of(&d, m(2024, 11), m(2024, 12), None);
    for id in ["dau", "mau", "stickiness", "avg_session_minutes"] {
        assert_eq!(r["kpis"][id]["value"], Value::Null, "{id}");
        assert_eq!(r["kpis"][id]["reason"], "usage data ends 2024-10", "{id}");
    }
    assert_eq!(r["kpis"]["engagement_activities"]["reason"], "activities data ends 2024-10");
    assert_eq!(r["kpis"]["fcr"]["reason"], "tickets data ends 2024-10");
    // Revenue is known: MRR is there.
    assert_eq!(r["kpis"]["mrr"]["value"], 150);
    // October..December: the last month with usage is October. On Oct 1 two users, on Oct 2
    // one: 3 user-days over 31 days; 2 users in the month; sessions of 10 minutes.
    let r = report_of(&d, m(2024, 10), m(2024, 12), None);
    let k = &r["kpis"];
    close(&r, "dau", 3.0 / 31.0);
    assert_eq!(k["mau"]["value"], 2);
    close(&r, "stickiness", 1.5 / 31.0);
    assert_eq!(
        k["dau"]["note"],
        "usage data ends 2024-10, before the period does: this is the value of 2024-10"
    );
    assert_eq!(k["avg_session_minutes"]["value"], 10);
    assert_eq!(
        k["avg_session_minutes"]["note"],
        "usage data covers 2024-10 to 2024-10 of this period"
    );
    // A count over the covered months only, said so, and no arrow against a whole previous period.
    assert_eq!(k["engagement_activities"]["value"], 1);
    assert_eq!(
        k["engagement_activities"]["note"],
        "activities data covers 2024-10 to 2024-10 of this period"
    );
    assert_eq!(k["engagement_activities"]["previous"], 3);
    assert_eq!(k["engagement_activities"]["change"], Value::Null);
    assert!(k["engagement_activities"]["change_reason"]
        .as_str()
        .unwrap()
        .starts_with("this period's value is partial (activities data covers"));
    // The whole year: 9 months of sessions, noted.
    let r = report_of(&d, m(2024, 1), m(2024, 12), None);
    assert_eq!(
        r["kpis"]["avg_session_minutes"]["note"],
        "usage data covers 2024-01 to 2024-10 of this period"
    );
    // Tickets start in March: January..February knows nothing of them.
    let r = report_of(&d, m(2024, 1), m(2024, 2), None);
    assert_eq!(r["kpis"]["fcr"]["reason"], "tickets data starts 2024-03");
    assert_eq!(r["kpis"]["avg_resolution_hours"]["reason"], "tickets data starts 2024-03");
    // Inside the data, a month without rows is a month without users: June is 0, not unknown.
    let r = report_of(&d, m(2024, 6), m(2024, 6), None);
    assert_eq!(r["kpis"]["dau"]["value"], 0);
    assert_eq!(r["kpis"]["mau"]["value"], 0);
    assert_eq!(r["kpis"]["dau"]["note"], Value::Null);
    assert_eq!(r["kpis"]["engagement_activities"]["value"], 0);
    // A segment without usage rows in October: the table covers October, so 0 users, not unknown.
    let r = report_of(&d, m(2024, 10), m(2024, 10), Some(("segment", "Y")));
    assert_eq!(r["kpis"]["mau"]["value"], 0);
    let r = report_of(&d, m(2024, 11), m(2024, 11), Some(("segment", "Y")));
    assert_eq!(r["kpis"]["mau"]["reason"], "usage data ends 2024-10");
    // The sparklines have gaps where the data ends, not zeros.
    let req = ReportRequest {
        from: Some(m(2024, 9)),
        to: Some(m(2024, 12)),
        segment: None,
        with_details: false,
    };
    let t = serde_json::to_value(kpi::trend(&d, &req, &Settings::default()).unwrap()).unwrap();
    assert_eq!(t["mau"], serde_json::json!([2, 2, null, null]));
}

#[test]
fn no_comparison_with_a_previous_period_that_starts_with_the_data() {
    // Revenue from January 2023: A 100 throughout, B 50 from March 2024.
    let d = Dataset {
        revenue: Some(revenue(m(2023, 1), m(2024, 12), m(2024, 3))),
        ..Default::default()
    };
    let r = report_of(&d, m(2024, 1), m(2024, 12), None);
    let k = &r["kpis"];
    assert_eq!(k["mrr_new"]["value"], 50);
    assert_eq!(k["mrr_new"]["previous"], Value::Null);
    assert_eq!(k["mrr_new"]["change"], Value::Null);
    assert_eq!(
        k["mrr_new"]["previous_reason"],
        "the previous period 2023-01 .. 2023-12 starts with the first month of the revenue data \
         (2023-01): no comparison"
    );
    for id in
        ["net_new_mrr", "customers_new", "mrr_churn", "monthly_churn_rate", "expansion_mrr_rate"]
    {
        assert!(k[id]["previous_reason"].is_string(), "{id}: {}", k[id]);
        assert_eq!(k[id]["change"], Value::Null, "{id}");
    }
    // No customer is known to pay before January 2023: no previous NRR either.
    assert_eq!(k["nrr"]["value"], 1);
    assert_eq!(
        k["nrr"]["previous_reason"],
        "the previous period 2023-01 .. 2023-12 has no value (revenue data starts 2023-01: no \
         customers are known before the period): no comparison"
    );
    // MRR at the end of 2023 is known: 150 against 100.
    assert_eq!((k["mrr"]["previous"].clone(), k["mrr"]["change"].clone()), (100.into(), 50.into()));
    assert_eq!(k["mrr"]["previous_reason"], Value::Null);
    // 2023 itself: its new MRR is the opening book, said so; 2022 is before the data.
    let r = report_of(&d, m(2023, 1), m(2023, 12), None);
    let k = &r["kpis"];
    assert_eq!(k["mrr_new"]["value"], 100);
    assert_eq!(
        k["mrr_new"]["note"],
        "this period starts with the first month of the revenue data (2023-01): every customer \
         paying then counts as new in 2023-01"
    );
    assert_eq!(k["mrr"]["note"], Value::Null);
    assert_eq!(
        k["mrr"]["previous_reason"],
        "the previous period 2022-01 .. 2022-12 has no value (revenue data starts 2023-01): no \
         comparison"
    );
    // Wholly before the data: unknown, not 0.
    let r = report_of(&d, m(2022, 1), m(2022, 12), None);
    assert_eq!(r["kpis"]["mrr"]["reason"], "revenue data starts 2023-01");
    assert_eq!(r["kpis"]["mrr_churn"]["reason"], "revenue data starts 2023-01");
    assert!(r["period"]["note"].as_str().unwrap().starts_with("revenue data starts 2023-01"));
}

#[test]
fn a_quarter_cut_by_the_end_of_the_data_is_partial() {
    // A pays 100 from January 2026, 150 from October 2026, the last month of the data.
    let mut d = Dataset {
        revenue: Some(revenue(m(2026, 1), m(2026, 10), m(2027, 1))),
        ..Default::default()
    };
    if let Some(r) = d.revenue.as_mut() {
        let last = r.mrr[0].len() - 1;
        r.mrr[0][last] = Decimal::from(150);
    }
    let r = report_of(&d, m(2026, 2), m(2026, 12), None);
    assert_eq!(r["period"]["to"], "2026-10");
    assert_eq!(
        r["kpis"]["quarterly_expansion_revenue"]["value"],
        serde_json::json!([
            {"quarter": "2026-Q1", "value": 0, "partial": true, "months": 2, "from": "2026-02", "to": "2026-03"},
            {"quarter": "2026-Q2", "value": 0},
            {"quarter": "2026-Q3", "value": 0},
            {"quarter": "2026-Q4", "value": 50, "partial": true, "months": 1, "from": "2026-10", "to": "2026-10"},
        ])
    );
}

#[test]
fn each_kpi_says_which_way_is_good() {
    let r = hand_report();
    assert_eq!(r["kpis"]["mrr"]["good_when"], "up");
    assert_eq!(r["kpis"]["mrr_churn"]["good_when"], "down");
    assert_eq!(r["kpis"]["health_yellow"]["good_when"], "down");
    assert_eq!(r["kpis"]["avg_resolution_hours"]["good_when"], "down");
    assert_eq!(r["kpis"]["crc"]["good_when"], "neutral");
}

fn dataset(rows: &[Vec<u32>]) -> Dataset {
    let first = Month::new(2024, 1).unwrap();
    let mut e: BTreeMap<String, BTreeMap<Month, Decimal>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        for (k, v) in row.iter().enumerate() {
            e.entry(format!("C{i}")).or_default().insert(first.plus(k as i32), Decimal::from(*v));
        }
    }
    Dataset { revenue: Some(Revenue::from_entries(e)), ..Default::default() }
}

proptest! {
    #[test]
    fn invariants_hold_for_any_book(
        rows in prop::collection::vec(prop::collection::vec(prop_oneof![Just(0u32), 1u32..500], 6), 1..15),
        from in 1i32..5,
        len in 0i32..3,
    ) {
        let d = dataset(&rows);
        let first = Month::new(2024, 1).unwrap();
        let req = ReportRequest { from: Some(first.plus(from)), to: Some(first.plus((from + len).min(5))), segment: None, with_details: false };
        let r = kpi::report(&d, &req, &Settings::default()).unwrap();
        // The identity, exactly, for every month.
        for w in r.mrr_series.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            prop_assert_eq!(b.mrr, a.mrr + b.new + b.reactivation + b.expansion - b.contraction - b.churn);
        }
        let v = |id: &str| r.kpis.get(id).and_then(|k| k.number());
        if let (Some(grr), Some(nrr)) = (v("grr"), v("nrr")) {
            prop_assert!(grr <= Decimal::ONE);
            prop_assert!(grr <= nrr);
            prop_assert!(grr >= Decimal::ZERO);
        }
        if let (Some(keep), Some(churn)) = (v("customer_retention_rate"), v("customer_churn_rate")) {
            prop_assert_eq!(keep + churn, Decimal::ONE);
        }
        let net = v("net_new_mrr").unwrap();
        let moved = v("mrr_new").unwrap() + v("mrr_reactivation").unwrap() + v("mrr_expansion").unwrap()
            - v("mrr_contraction").unwrap() - v("mrr_churn").unwrap();
        prop_assert_eq!(net, moved);
        prop_assert_eq!(v("arr").unwrap(), v("mrr").unwrap() * Decimal::from(12));
    }
}
