//! The what-if and predictive-CLV commands end to end: `forecast` and `goal-seek` against
//! hand-computed values and the reports of the samples, `clv` against the published CDNOW figures.

mod common;

use common::{json, northstar, write};
use serde_json::Value;
use std::path::Path;

#[test]
fn forecast_matches_hand_computation() {
    let dir = tempfile::tempdir().unwrap();
    // c = 10%, 10 new customers a month at ARPA 100: MRR and customers stay flat at 10,000 and 100.
    write(
        dir.path(),
        "s.json",
        r#"{"start_mrr": 10000, "start_customers": 100, "monthly_churn": 0.1, "new_customers_per_month": 10, "cac": 500, "years": 2}"#,
    );
    let f = json(&northstar(dir.path(), &["forecast", "s.json", "--json"]));
    assert_eq!(f["years"].as_array().unwrap().len(), 2);
    assert_eq!(f["months"].as_array().unwrap().len(), 24);
    let y1 = &f["years"][0];
    assert_eq!(y1["arr"], 120000);
    assert_eq!(y1["customers"], 100);
    assert_eq!(y1["new_arr"], 144000);
    assert_eq!(y1["churned_arr"], 144000);
    assert!((y1["nrr"].as_f64().unwrap() - 0.9f64.powi(12)).abs() < 1e-12);
    assert_eq!(f["cac_payback_months"], 5);
    // r = 0.9 / (1.1^(1/12)); CLV = 100 / (1 - r).
    let r = 0.9 / 1.1f64.powf(1.0 / 12.0);
    assert!((f["clv"].as_f64().unwrap() - 100.0 / (1.0 - r)).abs() < 1e-6);
    assert_eq!(f["clv_reason"], Value::Null);
    assert!(f.get("clv_horizon_limited").is_none());
    // Over the 24 months of the horizon: 100 (1 - r^24) / (1 - r).
    let horizon = 100.0 * (1.0 - r.powi(24)) / (1.0 - r);
    assert!((f["clv_horizon"].as_f64().unwrap() - horizon).abs() < 1e-6);
    assert!((f["ltv_to_cac"].as_f64().unwrap() - 100.0 / (1.0 - r) / 500.0).abs() < 1e-9);

    // Revenue churn apart from logo churn: customers fall by 10% a month, MRR by 2%.
    write(
        dir.path(),
        "s.json",
        r#"{"start_mrr": 10000, "start_customers": 100, "monthly_churn": 0.1, "monthly_revenue_churn": 0.02, "years": 1}"#,
    );
    let f = json(&northstar(dir.path(), &["forecast", "s.json", "--json"]));
    let y1 = &f["years"][0];
    assert!((y1["nrr"].as_f64().unwrap() - 0.98f64.powi(12)).abs() < 1e-12);
    assert!((y1["arr"].as_f64().unwrap() - 120_000.0 * 0.98f64.powi(12)).abs() < 1e-6);
    assert!((y1["customers"].as_f64().unwrap() - 100.0 * 0.9f64.powi(12)).abs() < 1e-9);

    // Expansion beats churn and discounting: no lifetime value, and no LTV:CAC; the value over
    // the horizon is still there.
    write(
        dir.path(),
        "s.json",
        r#"{"start_mrr": 10000, "start_customers": 100, "monthly_churn": 0.0, "monthly_expansion": 0.02, "cac": 500, "years": 1}"#,
    );
    let f = json(&northstar(dir.path(), &["forecast", "s.json", "--json"]));
    assert_eq!(f["clv"], Value::Null);
    assert_eq!(f["clv_reason"], "unbounded: expansion outpaces churn and discounting");
    assert_eq!(f["ltv_to_cac"], Value::Null);
    let r = 1.02 / 1.1f64.powf(1.0 / 12.0);
    let horizon = 100.0 * (1.0 - r.powi(12)) / (1.0 - r);
    assert!((f["clv_horizon"].as_f64().unwrap() - horizon).abs() < 1e-6);
}

#[test]
fn forecast_from_the_data() {
    let dir = tempfile::tempdir().unwrap();
    // P = Feb..Mar: A 100 -> 100, B 200 churns, C 100 -> 150, E 50 -> 25 (D is new in Feb).
    write(
        dir.path(),
        "mrr.csv",
        "Customer ID,Month,MRR\nA,2024-01,100\nA,2024-02,100\nA,2024-03,100\nB,2024-01,200\nC,2024-01,100\nC,2024-02,150\nC,2024-03,150\nD,2024-02,300\nD,2024-03,300\nE,2024-01,50\nE,2024-02,50\nE,2024-03,25\n",
    );
    let args = ["forecast", "--data", "mrr.csv", "--from", "2024-02", "--to", "2024-03", "--json"];
    let f = json(&northstar(dir.path(), &args));
    assert_eq!(f["calibration"], "observed_retention");
    assert_eq!(f["observed"]["months"], 2);
    // GRR 225/450 and NRR 275/450 over two months, compounded to twelve.
    let y1 = &f["years"][0];
    assert!((y1["grr"].as_f64().unwrap() - 0.5f64.powi(6)).abs() < 1e-12);
    assert!((y1["nrr"].as_f64().unwrap() - (275.0f64 / 450.0).powi(6)).abs() < 1e-12);
    assert!(f["note"].as_str().unwrap().contains("2 months"));
    let i = &f["inputs"];
    // s = 200 / (200 + 25): c_r = 1 - 0.5^(s/2), k = 1 - 0.5^((1-s)/2).
    let s = 200.0 / 225.0;
    let c_r = 1.0 - 0.5f64.powf(s / 2.0);
    assert!((i["monthly_revenue_churn"]["value"].as_f64().unwrap() - c_r).abs() < 1e-15);
    assert!(
        (i["monthly_contraction"]["value"].as_f64().unwrap()
            - (1.0 - 0.5f64.powf((1.0 - s) / 2.0)))
        .abs()
            < 1e-15
    );
    assert_eq!(i["monthly_churn"]["value"], 0.125);
    assert_eq!(i["monthly_churn"]["source"], "average monthly logo churn, 2024-02 .. 2024-03");
    assert_eq!(i["monthly_churn"]["kind"], "data");
    assert_eq!(i["annual_discount_rate"]["value"], 0.1);
    assert_eq!(i["annual_discount_rate"]["kind"], "default");
    assert_eq!(i["cac"]["value"], Value::Null);
    // Every input of a scenario file, each with its value and source.
    assert_eq!(i.as_object().unwrap().len(), 13);
    assert!(i.as_object().unwrap().values().all(|v| v["source"].is_string()));
    assert!(f["years"].as_array().unwrap().len() == 5 && f["clv_horizon"].is_number());

    // No customer paying before the period (it starts with the data): the average monthly rates,
    // and a note saying so.
    let args = ["forecast", "--data", "mrr.csv", "--from", "2024-01", "--to", "2024-03", "--json"];
    let f = json(&northstar(dir.path(), &args));
    assert_eq!(f["calibration"], "average_rates");
    assert_eq!(f["observed"]["nrr"], Value::Null);
    assert!(f["note"].as_str().unwrap().contains("average monthly rates"), "{}", f["note"]);
    // Churned MRR over the MRR at the start of each month: 200 / (450 + 600).
    let c_r = f["inputs"]["monthly_revenue_churn"]["value"].as_f64().unwrap();
    assert!((c_r - 200.0 / 1050.0).abs() < 1e-15, "{c_r}");

    // The readable form names the observed retention and every input's source.
    let out = northstar(dir.path(), &args[..args.len() - 1]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("monthly_revenue_churn") && text.contains("Lifetime value (CLV)"));

    // Options of --data without it: bad usage; no revenue data: a clear message.
    assert_eq!(
        northstar(dir.path(), &["forecast", "s.json", "--from", "2024-01"]).status.code(),
        Some(2)
    );
    write(dir.path(), "surveys.csv", "Customer ID,Date,Type,Score\nA,2024-03-10,NPS,9\n");
    let out = northstar(dir.path(), &["forecast", "--data", "surveys.csv", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
}

#[test]
fn goal_seek_and_invalid_scenarios() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "s.json",
        r#"{"start_mrr": 100000, "start_customers": 100, "monthly_churn": 0.02, "monthly_expansion": 0.03, "years": 3}"#,
    );
    let g = json(&northstar(
        dir.path(),
        &["goal-seek", "s.json", "--target", "nrr=1.10", "--vary", "monthly_churn", "--json"],
    ));
    assert_eq!(g["vary"], "monthly_churn");
    assert_eq!(g["reachable"], true);
    let expected = 1.0 - 1.10f64.powf(1.0 / 12.0) / 1.03;
    assert!((g["value"].as_f64().unwrap() - expected).abs() < 1e-8);
    assert!((g["achieved"].as_f64().unwrap() - 1.10).abs() < 1e-7);

    for (body, field) in [
        (
            r#"{"start_mrr": 1, "start_customers": 1, "monthly_churn": -0.1, "years": 1}"#,
            "monthly_churn",
        ),
        (
            r#"{"start_mrr": 1, "start_customers": 1, "monthly_churn": 1.5, "years": 1}"#,
            "monthly_churn",
        ),
        (r#"{"start_mrr": 1, "start_customers": 1, "monthly_churn": 0.1, "years": 11}"#, "years"),
        (
            r#"{"start_mrr": 1, "start_customers": 1, "monthly_churn": 0.1, "years": 1, "colour": 2}"#,
            "colour",
        ),
    ] {
        write(dir.path(), "bad.json", body);
        let out = northstar(dir.path(), &["forecast", "bad.json", "--json"]);
        assert_eq!(out.status.code(), Some(1), "{body}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(field),
            "{body}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// `northstar clv` prints the figures spec/cli.md gives for the CDNOW sample, to its precision.
#[test]
fn clv_reproduces_the_spec_figures_for_cdnow() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = northstar(
        root,
        &[
            "clv",
            "tests/data/cdnow/cdnow_sample_orders.csv",
            "--calibration-end",
            "1997-09-30",
            "--json",
        ],
    );
    let v = json(&out);
    assert_eq!(v["customers"], 2357);
    let close = |path: &[&str], want: f64, places: i32| {
        let got = path.iter().fold(&v, |v, k| &v[*k]).as_f64().unwrap();
        let scale = 10f64.powi(places);
        assert_eq!((got * scale).round(), (want * scale).round(), "{path:?} = {got}");
    };
    close(&["bgnbd", "r"], 0.2426, 4);
    close(&["bgnbd", "alpha"], 4.4136, 4);
    close(&["bgnbd", "a"], 0.7929, 4);
    close(&["bgnbd", "b"], 2.4259, 4);
    close(&["bgnbd", "log_likelihood"], -9582.4, 1);
    close(&["gamma_gamma", "p"], 6.2496, 4);
    close(&["gamma_gamma", "q"], 3.7442, 4);
    close(&["gamma_gamma", "gamma"], 15.4435, 4);
    close(&["expected_repeat_purchases"], 1653.4, 1);
    close(&["mean_p_alive"], 0.8134, 4);
    let top = v["top_customers"].as_array().unwrap();
    assert_eq!(top.len(), 20);
    for key in [
        "customer_id",
        "x",
        "t_x",
        "T",
        "p_alive",
        "expected_purchases",
        "expected_avg_value",
        "clv",
    ] {
        assert!(!top[0][key].is_null(), "{key}");
    }
    // The best customer: 18 repeat purchases, the last 0.7 weeks before the calibration end.
    assert_eq!(top[0]["customer_id"], "05420");
    assert_eq!(top[0]["x"], 18);
    // An ordinary fit, not one on the edge.
    assert_eq!(v["bgnbd"]["boundary"], Value::Null);
}

/// `northstar clv --mapping` reads an orders table whose headers the detector cannot know, as
/// `northstar report --mapping` does; without it the file has no orders table.
#[test]
fn clv_takes_a_mapping() {
    let dir = tempfile::tempdir().unwrap();
    let cdnow = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cdnow/cdnow_sample_orders.csv"),
    )
    .unwrap();
    let (_, rows) = cdnow.split_once('\n').unwrap();
    write(dir.path(), "export.csv", &format!("buyer,when,cds,paid\n{rows}"));
    let args = ["clv", "export.csv", "--calibration-end", "1997-09-30", "--json"];
    let out = northstar(dir.path(), &args);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("predictive CLV needs an orders table"), "{err}");
    write(
        dir.path(),
        "mapping.json",
        r#"{"tables": [{"file": "export.csv", "kind": "orders",
                        "columns": {"buyer": "customer_id", "when": "date", "paid": "amount"}}]}"#,
    );
    let v = json(&northstar(dir.path(), &[&args[..], &["--mapping", "mapping.json"]].concat()));
    assert_eq!(v["customers"], 2357);
    assert_eq!((v["bgnbd"]["r"].as_f64().unwrap() * 1e4).round(), 2426.0);
    // A mapping file that is not one is reported with its name.
    write(dir.path(), "bad.json", r#"{"tables": [{"sheet": "x"}]}"#);
    let out = northstar(dir.path(), &[&args[..], &["--mapping", "bad.json"]].concat());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.json"));
}

/// Customers who all keep buying until the calibration end show no sign of dropping out: the fit
/// lies on the edge, and `clv` says so (in the JSON and in the text) instead of failing, in days
/// as in weeks.
#[test]
fn clv_reports_a_fit_on_the_edge() {
    let dir = tempfile::tempdir().unwrap();
    // Customer i starts on day 5i mod 56 of 2024 and buys every 7 + (5i mod 13) days, give or
    // take one, through June (as tests/clv.rs builds it).
    let mut csv = String::from("Customer,Order Date,Amount\n");
    let start = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let end = chrono::NaiveDate::from_ymd_opt(2024, 6, 30).unwrap();
    for i in 0..15i64 {
        let (mut day, mut j) = (start + chrono::Duration::days(5 * i % 56), 0);
        while day <= end {
            csv += &format!("C{i:02},{day},{}\n", 10 + 4 * (i % 9) + j * 7 % 5);
            day += chrono::Duration::days(7 + 5 * i % 13 + (i + j) % 3 - 1);
            j += 1;
        }
    }
    write(dir.path(), "orders.csv", &csv);
    let run = |unit: &str, json_out: bool| {
        let mut args = vec!["clv", "orders.csv", "--calibration-end", "2024-06-30", "--unit", unit];
        if json_out {
            args.push("--json");
        }
        northstar(dir.path(), &args)
    };
    let (d, w) = (json(&run("day", true)), json(&run("week", true)));
    for v in [&d, &w] {
        let said = v["bgnbd"]["boundary"].as_str().expect("the edge is reported");
        assert!(said.contains("no sign of customers stopping for good"), "{said}");
        assert_eq!(v["bgnbd"]["b"], 1e6);
        assert!(v["expected_repeat_purchases"].as_f64().unwrap().is_finite());
    }
    let alpha = |v: &Value| v["bgnbd"]["alpha"].as_f64().unwrap();
    assert!((alpha(&d) / (7.0 * alpha(&w)) - 1.0).abs() < 1e-14);
    assert_eq!(d["bgnbd"]["r"], w["bgnbd"]["r"]);
    let text = run("day", false);
    assert!(text.status.success());
    assert!(String::from_utf8_lossy(&text.stdout).contains("\nnote: These orders show no sign"));
}

#[test]
fn clv_errors_are_plain() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "few.csv", "Order ID,Client,Order Date,Order Value\nO1,W1,2024-01-05,10\nO2,W1,2024-01-20,30\nO3,W2,2024-01-07,-5\n");
    let out = northstar(dir.path(), &["clv", "few.csv", "--calibration-end", "2024-03-31"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("1 order rows were not read"), "{err}");
    assert!(err.contains("northstar: only 1 customers bought more than once"), "{err}");
    write(dir.path(), "mrr.csv", "Customer,Month,MRR\nA,2024-01,10\n");
    let out = northstar(dir.path(), &["clv", "mrr.csv", "--calibration-end", "2024-03-31"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("needs an orders table"));
    let out = northstar(dir.path(), &["clv", "mrr.csv"]);
    assert_eq!(out.status.code(), Some(2));
}
