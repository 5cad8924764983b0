//! Report periods through the headless command: a period past the revenue data is cut at its last
//! month with a warning; a period wholly after it has no revenue KPIs; each table says which months
//! it covers.

mod common;

use common::{json, northstar, write};
use serde_json::Value;
use std::path::Path;

/// MRR through 2024-01 (A 100/100/120, B 200/200/-, C -/50/50) and two NPS responses, one in the
/// data's last month (10) and one after it (0).
fn data_through_january(dir: &Path) {
    write(
        dir,
        "mrr.csv",
        "Customer ID,Month,MRR\nA,2023-11,100\nA,2023-12,100\nA,2024-01,120\nB,2023-11,200\nB,2023-12,200\nC,2023-12,50\nC,2024-01,50\n",
    );
    write(
        dir,
        "surveys.csv",
        "Customer ID,Date,Type,Score\nA,2024-01-10,NPS,10\nC,2024-02-10,NPS,0\n",
    );
}

#[test]
fn a_period_past_the_revenue_data_is_cut_at_its_last_month_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    data_through_january(dir.path());
    let run = |from: &str, to: &str| {
        json(&northstar(
            dir.path(),
            &["report", "mrr.csv", "surveys.csv", "--from", from, "--to", to, "--json"],
        ))
    };
    let cut = run("2023-12", "2024-03");
    assert_eq!(cut["period"]["from"], "2023-12");
    assert_eq!(cut["period"]["to"], "2024-01");
    let note = cut["period"]["note"].as_str().unwrap();
    assert!(note.starts_with("revenue data ends 2024-01: the period asked to 2024-03 is cut"));
    // cli.md puts warnings under import.warnings: the note is there too, about no one file.
    let warnings = cut["import"]["warnings"].as_array().unwrap();
    assert!(warnings.iter().any(|w| w["message"] == note && w["file"].is_null()), "{warnings:?}");
    // By hand, over 2023-12..2024-01: S = {A 100, B 200}; at the end A 120, B 0, C 50 (new).
    let k = &cut["kpis"];
    assert_eq!(k["mrr"]["value"], 170);
    assert_eq!(k["active_customers"]["value"], 2);
    assert_eq!(k["mrr_new"]["value"], 50);
    assert_eq!(k["mrr_expansion"]["value"], 20);
    assert_eq!(k["mrr_churn"]["value"], 200);
    assert_eq!(k["customers_churned"]["value"], 1);
    assert_eq!(k["nrr"]["value"], 0.4);
    assert!((k["grr"]["value"].as_f64().unwrap() - 100.0 / 300.0).abs() < 1e-12);
    assert_eq!(k["customer_churn_rate"]["value"], 0.5);
    // Churned logos (0 + 1) over logos at the start of each month (2 + 3).
    assert_eq!(k["monthly_churn_rate"]["value"], 0.2);
    // The cut period is the whole report's: February's detractor is outside it.
    assert_eq!(k["nps"]["value"], 100);
    assert_eq!(k["nps"]["n"], 1);
    assert_eq!(cut["movements"].as_array().unwrap().len(), 2);
    // The same report as asking for the months of the data.
    let inside = run("2023-12", "2024-01");
    assert_eq!(inside["period"]["note"], Value::Null);
    assert_eq!(cut["kpis"], inside["kpis"]);
    assert_eq!(cut["movements"], inside["movements"]);
    // Only the end asked for: the 12 months to the cut end, the same report as asking for January.
    let to_march = json(&northstar(
        dir.path(),
        &["report", "mrr.csv", "surveys.csv", "--to", "2024-03", "--json"],
    ));
    let to_january = json(&northstar(
        dir.path(),
        &["report", "mrr.csv", "surveys.csv", "--to", "2024-01", "--json"],
    ));
    assert_eq!(
        (&to_march["period"]["from"], &to_march["period"]["to"]),
        (&"2023-02".into(), &"2024-01".into())
    );
    assert_eq!(to_march["kpis"], to_january["kpis"]);
    assert_eq!(to_march["movements"], to_january["movements"]);
    // The readable table says it too.
    let out = northstar(
        dir.path(),
        &["report", "mrr.csv", "surveys.csv", "--from", "2023-12", "--to", "2024-03"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Period 2023-12 .. 2024-01\n  note: revenue data ends 2024-01"),
        "{text}"
    );
}

#[test]
fn a_period_wholly_after_the_revenue_data_has_null_revenue_kpis() {
    let dir = tempfile::tempdir().unwrap();
    data_through_january(dir.path());
    let r = json(&northstar(
        dir.path(),
        &["report", "mrr.csv", "surveys.csv", "--from", "2024-02", "--to", "2024-03", "--json"],
    ));
    assert_eq!(r["period"]["from"], "2024-02");
    assert_eq!(r["period"]["to"], "2024-03");
    assert!(r["period"]["note"].as_str().unwrap().starts_with("revenue data ends 2024-01"));
    let k = &r["kpis"];
    for id in [
        "mrr",
        "arr",
        "active_customers",
        "mrr_churn",
        "customers_churned",
        "nrr",
        "grr",
        "customer_churn_rate",
        "monthly_churn_rate",
        "quarterly_expansion_revenue",
        "ltv_simple",
        "customer_lifetime_months",
        "health_avg",
    ] {
        assert_eq!(k[id]["value"], Value::Null, "{id}");
        assert_eq!(k[id]["reason"], "revenue data ends 2024-01", "{id}");
    }
    // Not revenue: February's detractor is counted.
    assert_eq!(k["nps"]["value"], -100);
    assert_eq!(r["movements"], Value::Array(Vec::new()));
}

#[test]
fn every_imported_table_says_which_months_it_covers() {
    let dir = tempfile::tempdir().unwrap();
    data_through_january(dir.path());
    write(dir.path(), "customers.csv", "Customer ID,Segment\nA,SMB\n");
    let r = json(&northstar(
        dir.path(),
        &["report", "mrr.csv", "surveys.csv", "customers.csv", "--json"],
    ));
    let tables = r["import"]["tables"].as_array().unwrap();
    let coverage = |file: &str| {
        tables.iter().find(|t| t["file"] == file).map(|t| t["coverage"].clone()).unwrap()
    };
    assert_eq!(coverage("mrr.csv"), serde_json::json!({"first": "2023-11", "last": "2024-01"}));
    assert_eq!(coverage("surveys.csv"), serde_json::json!({"first": "2024-01", "last": "2024-02"}));
    assert_eq!(coverage("customers.csv"), Value::Null);
}
