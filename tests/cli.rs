//! Whole flows through the headless command: bad input reported and survived, exit codes, segment
//! filters, mappings, explanations, templates. Periods and coverage are in cli_periods.rs, the
//! what-if and predictive-CLV commands in cli_models.rs.

mod common;

use common::{json, northstar, write};
use serde_json::Value;
use std::path::Path;

#[test]
fn bad_rows_become_issues_and_the_rest_loads() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mrr.csv",
        "Acme revenue export\n\nCustomer ID,Month,MRR ($)\nC1,2024-01,100\nC1,2024-02,abc\nC2,2024-01,-5\nC2,2024-02,\"1,200.50\"\nC3,2024-01,50\nC3,2024-02,75\n",
    );
    let r = json(&northstar(
        dir.path(),
        &["report", "mrr.csv", "--from", "2024-02", "--to", "2024-02", "--json"],
    ));
    let issues = r["import"]["issues"].as_array().unwrap();
    assert_eq!(r["import"]["issues_total"], 2);
    // Row numbers as the spreadsheet shows them: two title rows and the header come first.
    assert_eq!(issues[0]["file"], "mrr.csv");
    assert_eq!(issues[0]["sheet"], Value::Null);
    assert_eq!(issues[0]["row"], 5);
    assert_eq!(issues[0]["column"], "MRR ($)");
    assert_eq!(issues[0]["value"], "abc");
    assert_eq!(issues[1]["row"], 6);
    assert_eq!(issues[1]["reason"], "negative MRR");
    // Feb: C2 1200.50 (new: its Jan row was rejected), C3 75; C1's Feb row was skipped, so C1 churns.
    let k = &r["kpis"];
    assert_eq!(k["mrr"]["value"], 1275.5);
    assert_eq!(k["active_customers"]["value"], 2);
    assert_eq!(k["mrr_new"]["value"], 1200.5);
    assert_eq!(k["mrr_expansion"]["value"], 25);
    assert_eq!(k["mrr_churn"]["value"], 100);
    // S = {C1, C3} with 150 at start; at the end C3 has 75: NRR 0.5, GRR 50/150.
    assert_eq!(k["nrr"]["value"], 0.5);
    assert!((k["grr"]["value"].as_f64().unwrap() - 50.0 / 150.0).abs() < 1e-12);
    assert_eq!(k["nps"]["value"], Value::Null);
    assert_eq!(k["nps"]["reason"], "needs table surveys with type NPS");
}

#[test]
fn exit_codes_and_messages() {
    let dir = tempfile::tempdir().unwrap();
    let out = northstar(dir.path(), &["report", "missing.xlsx", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.xlsx"));

    write(dir.path(), "junk.xlsx", "this is not a spreadsheet");
    let out = northstar(dir.path(), &["report", "junk.xlsx", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("junk.xlsx: not a readable spreadsheet"));

    assert_eq!(northstar(dir.path(), &["report", "--from", "June"]).status.code(), Some(2));
    assert_eq!(northstar(dir.path(), &["report", "--frobnicate"]).status.code(), Some(2));
    assert_eq!(northstar(dir.path(), &["goal-seek", "s.json"]).status.code(), Some(2));
}

#[test]
fn report_without_files_uses_the_demo_and_movements_obey_the_identity() {
    let dir = tempfile::tempdir().unwrap();
    let r = json(&northstar(dir.path(), &["report", "--json"]));
    assert_eq!(r["kpis"].as_object().unwrap().len(), 62);
    assert_eq!(r["import"]["tables"][0]["file"], "northstar-demo.xlsx");
    assert_eq!(r["import"]["issues_total"], 0);
    let moves = r["movements"].as_array().unwrap();
    assert_eq!(moves.len(), 12);
    let cents = |v: &Value| (v.as_f64().unwrap() * 100.0).round() as i64;
    let mut prev: Option<i64> = None;
    for m in moves {
        if let Some(p) = prev {
            let expect = p + cents(&m["new"]) + cents(&m["reactivation"]) + cents(&m["expansion"])
                - cents(&m["contraction"])
                - cents(&m["churn"]);
            assert_eq!(cents(&m["mrr"]), expect, "identity broken in {}", m["month"]);
        }
        prev = Some(cents(&m["mrr"]));
    }
    // ARR is exactly 12 x MRR.
    assert_eq!(cents(&r["kpis"]["arr"]["value"]), 12 * cents(&r["kpis"]["mrr"]["value"]));
}

#[test]
fn segment_filter_keeps_only_that_segments_customers() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mrr.csv", "Customer ID,Month,MRR\nA,2024-01,100\nA,2024-02,150\nB,2024-01,200\nB,2024-02,0\nC,2024-01,300\nC,2024-02,300\n");
    write(
        dir.path(),
        "customers.csv",
        "Customer ID,Segment,Industry\nA,SMB,Retail\nB,SMB,Health\nC,Enterprise,Retail\n",
    );
    write(dir.path(), "costs.csv", "Month,Category,Amount\n2024-02,Sales,1000\n");
    let r = json(&northstar(
        dir.path(),
        &[
            "report",
            "mrr.csv",
            "customers.csv",
            "costs.csv",
            "--from",
            "2024-02",
            "--to",
            "2024-02",
            "--segment",
            "segment=SMB",
            "--json",
        ],
    ));
    assert_eq!(r["kpis"]["mrr"]["value"], 150);
    // S = {A, B}: 300 at start, 150 at end.
    assert_eq!(r["kpis"]["nrr"]["value"], 0.5);
    assert_eq!(r["kpis"]["cac"]["value"], Value::Null);
    assert_eq!(r["kpis"]["cac"]["reason"], "spend is not split by segment");
    // A breakdown: one row of KPIs per segment value.
    let r = json(&northstar(
        dir.path(),
        &[
            "report",
            "mrr.csv",
            "customers.csv",
            "--from",
            "2024-02",
            "--to",
            "2024-02",
            "--breakdown",
            "segment",
            "--json",
        ],
    ));
    let rows = r["breakdown"]["rows"].as_array().unwrap();
    assert_eq!(r["breakdown"]["by"], "segment");
    assert_eq!(
        rows.iter().map(|r| r["value"].clone()).collect::<Vec<_>>(),
        vec!["Enterprise", "SMB"]
    );
    assert_eq!(rows[0]["kpis"]["mrr"]["value"], 300);
    assert_eq!(rows[0]["kpis"]["nrr"]["value"], 1);
    assert_eq!(rows[1]["kpis"]["mrr"]["value"], 150);
    assert_eq!(rows[1]["kpis"]["customers_churned"]["value"], 1);
    // A breakdown within a segment: the rows are the segment's customers only (A Retail 150, B
    // Health 0), so they add up to the segment's MRR.
    let r = json(&northstar(
        dir.path(),
        &[
            "report",
            "mrr.csv",
            "customers.csv",
            "--from",
            "2024-02",
            "--to",
            "2024-02",
            "--segment",
            "segment=SMB",
            "--breakdown",
            "industry",
            "--json",
        ],
    ));
    let rows = r["breakdown"]["rows"].as_array().unwrap();
    let values: Vec<(&str, i64)> = rows
        .iter()
        .map(|r| (r["value"].as_str().unwrap(), r["kpis"]["mrr"]["value"].as_i64().unwrap()))
        .collect();
    assert_eq!(values, [("Health", 0), ("Retail", 150)]);
    assert_eq!(r["kpis"]["mrr"]["value"], 150);
    // An unknown extra column works as a segment too.
    let r = json(&northstar(
        dir.path(),
        &[
            "report",
            "mrr.csv",
            "customers.csv",
            "--from",
            "2024-02",
            "--to",
            "2024-02",
            "--segment",
            "Industry=Retail",
            "--json",
        ],
    ));
    assert_eq!(r["kpis"]["mrr"]["value"], 450);
}

#[test]
fn mapping_override_reads_headers_the_detector_cannot() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "export.csv",
        "Client,Bill month,Rev\nA,2024-01,100\nA,2024-02,120\nB,2024-02,30\n",
    );
    // Without a mapping the table is not recognised, and the message says so.
    let out = northstar(dir.path(), &["report", "export.csv", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("export.csv: not recognised as any table")
    );
    write(
        dir.path(),
        "map.json",
        r#"{"tables": [{"file": "export.csv", "kind": "mrr", "columns": {"Client": "customer_id", "Bill month": "month", "Rev": "mrr"}}]}"#,
    );
    let r = json(&northstar(
        dir.path(),
        &[
            "report",
            "export.csv",
            "--mapping",
            "map.json",
            "--from",
            "2024-02",
            "--to",
            "2024-02",
            "--json",
        ],
    ));
    assert_eq!(r["import"]["tables"][0]["kind"], "mrr");
    assert_eq!(
        r["import"]["tables"][0]["columns"][0],
        serde_json::json!({"header": "Client", "maps_to": "customer_id"})
    );
    assert_eq!(r["kpis"]["mrr"]["value"], 150);
    assert_eq!(r["kpis"]["mrr_expansion"]["value"], 20);
    assert_eq!(r["kpis"]["mrr_new"]["value"], 30);
    // A mapping that does not fit is a clear error naming the file.
    write(
        dir.path(),
        "bad.json",
        r#"{"tables": [{"file": "export.csv", "kind": "mrr", "columns": {"Rev": "revenue"}}]}"#,
    );
    let out = northstar(dir.path(), &["report", "export.csv", "--mapping", "bad.json", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("export.csv: mapping: \"revenue\" is not a column of a mrr table"),
        "{err}"
    );
}

#[test]
fn explain_shows_formula_inputs_and_the_rows_behind_a_kpi() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mrr.csv",
        "Customer ID,Month,MRR\nA,2024-01,100\nA,2024-02,0\nB,2024-01,200\nB,2024-02,250\n",
    );
    write(dir.path(), "surveys.csv", "Customer ID,Date,Type,Score,Comment\nA,2024-02-03,NPS,3,Too slow\nB,2024-02-04,NPS,10,Love it\nB,2024-02-05,NPS,8,\n");
    let args = [
        "report",
        "mrr.csv",
        "surveys.csv",
        "--from",
        "2024-02",
        "--to",
        "2024-02",
        "--json",
        "--explain",
    ];
    let e = json(&northstar(dir.path(), &[&args[..], &["nps"]].concat()));
    assert_eq!(e["label"], "NPS");
    assert!(e["formula"].as_str().unwrap().contains("promoters"));
    assert_eq!(e["result"]["value"], 0);
    let rows = e["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    // The detractor with their comment: date, customer, score, group, comment.
    assert_eq!(rows[0], serde_json::json!(["2024-02-03", "A", 3, "detractor", "Too slow"]));

    let e = json(&northstar(dir.path(), &[&args[..], &["customers_churned"]].concat()));
    // Month, customer, name (none in these files), movement, MRR before and after, amount.
    assert_eq!(e["rows"], serde_json::json!([["2024-02", "A", null, "churn", 100, 0, 100]]));

    let e = json(&northstar(dir.path(), &[&args[..], &["nrr"]].concat()));
    let input = |name: &str| {
        e["inputs"].as_array().unwrap().iter().find(|i| i["name"] == name).unwrap()["value"].clone()
    };
    assert_eq!(input("MRR at start"), 300);
    assert_eq!(input("Their MRR at end"), 250);
    assert_eq!(e["result"]["value"].as_f64().unwrap(), 250.0 / 300.0);
}

#[test]
fn settings_change_health_weights_bands_and_the_csat_scale() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mrr.csv",
        "Customer ID,Month,MRR\nA,2024-01,100\nA,2024-04,100\nA,2024-02,100\nA,2024-03,100\n",
    );
    write(dir.path(), "customers.csv", "Customer ID,Seats,Active Users\nA,10,5\n");
    write(dir.path(), "surveys.csv", "Customer ID,Date,Type,Score\nA,2024-04-02,NPS,10\nA,2024-04-03,CSAT,6\nA,2024-04-04,CSAT,5\n");
    let base = [
        "report",
        "mrr.csv",
        "customers.csv",
        "surveys.csv",
        "--from",
        "2024-04",
        "--to",
        "2024-04",
        "--json",
    ];
    // Defaults: utilization 50 (w25), NPS 100 (w20), trend flat vs January -> 70 (w25):
    // (1250 + 2000 + 1750) / 70.
    let r = json(&northstar(dir.path(), &base));
    assert!((r["kpis"]["health_avg"]["value"].as_f64().unwrap() - 5000.0 / 70.0).abs() < 1e-9);
    assert_eq!(r["kpis"]["health_green"]["value"], 1);
    // CSAT on the default 1-5 scale: 6 is refused at import, 5 is positive.
    assert_eq!(r["import"]["issues_total"], 1);
    assert_eq!(r["kpis"]["csat"]["value"], 1);
    write(
        dir.path(),
        "settings.json",
        r#"{"gross_margin": 0.5, "csat_scale": 7, "health": {"weights": {"utilization": 50, "nps": 0, "mrr_trend": 50, "support": 0, "engagement": 0}, "green_from": 80}}"#,
    );
    let r = json(&northstar(dir.path(), &[&base[..], &["--settings", "settings.json"]].concat()));
    // (50 x 50 + 70 x 50) / 100 = 60: yellow once green starts at 80.
    assert_eq!(r["kpis"]["health_avg"]["value"], 60);
    assert_eq!(r["kpis"]["health_yellow"]["value"], 1);
    // On a 1-7 scale both answers are valid and 6 is the positive threshold.
    assert_eq!(r["import"]["issues_total"], 0);
    assert_eq!(r["kpis"]["csat"]["value"], 0.5);
    write(dir.path(), "bad.json", r#"{"csat_scale": 6}"#);
    let out = northstar(dir.path(), &[&base[..], &["--settings", "bad.json"]].concat());
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("csat_scale must be 5, 7 or 10"));
}

#[test]
fn a_table_whose_every_row_was_refused_is_named_with_its_reasons() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "bad.csv",
        "Customer ID,Month,MRR\nA,2024-01,abc\nB,2024-01,xyz\nC,2024-13,5\n",
    );
    let why = "bad.csv: 3 rows refused: 2 not a number, 1 not a month or date";
    // Alone: no file yields a usable row, so there is nothing to report on.
    for args in [
        &["report", "bad.csv", "--json"][..],
        &["report", "bad.csv", "--from", "2024-01", "--to", "2024-01", "--json"],
    ] {
        let out = northstar(dir.path(), args);
        assert_eq!(out.status.code(), Some(1));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(why), "{err}");
        assert!(out.stdout.is_empty());
    }
    // Beside a good file: the report goes on; the KPIs needing revenue name the refused file.
    write(dir.path(), "surveys.csv", "Customer ID,Date,Type,Score\nA,2024-01-10,NPS,10\n");
    let out = northstar(dir.path(), &["report", "bad.csv", "surveys.csv", "--json"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains(why));
    let r = json(&out);
    let k = &r["kpis"];
    for id in ["mrr", "active_customers", "nrr", "monthly_churn_rate", "ltv_simple", "health_avg"] {
        assert_eq!(k[id]["reason"], "every row of bad.csv was refused", "{id}");
    }
    assert_eq!(k["cac"]["reason"], "needs table costs");
    assert_eq!(k["nps"]["value"], 100);
    let refused = &r["import"]["refused"][0];
    assert_eq!(refused["message"], why);
    assert_eq!(refused["kind"], "mrr");
    assert_eq!(refused["rows"], 3);
    assert_eq!(refused["reasons"][0], serde_json::json!({"reason": "not a number", "rows": 2}));
    // The issue list is untouched.
    assert_eq!(r["import"]["issues_total"], 3);
    assert_eq!(r["import"]["issues"].as_array().unwrap().len(), 3);
    // A refused surveys table beside good revenue: the survey KPIs name it.
    write(dir.path(), "mrr.csv", "Customer ID,Month,MRR\nA,2024-01,100\n");
    write(
        dir.path(),
        "nps.csv",
        "Customer ID,Date,Type,Score\nA,someday,NPS,9\nB,2024-01-05,NPS,11\n",
    );
    let r = json(&northstar(dir.path(), &["report", "mrr.csv", "nps.csv", "--json"]));
    assert_eq!(r["kpis"]["mrr"]["value"], 100);
    for id in ["nps", "enps", "csat", "ces_mean"] {
        assert_eq!(r["kpis"][id]["reason"], "every row of nps.csv was refused", "{id}");
    }
}

/// The breakdown rows of a filtered report add up to its totals (the p2 sample: every customer has
/// a plan).
#[test]
fn a_breakdown_within_a_segment_adds_up_to_the_segment() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/samples/p2_public_csv");
    if !dir.exists() {
        eprintln!("skipped: no samples at {}", dir.display());
        return;
    }
    let files = ["mrr.csv", "customers.csv", "surveys.csv", "tickets.csv", "activities.csv"];
    for segment in ["Segment=SMB", "Segment=Enterprise", "Region=EMEA"] {
        let mut args = vec!["report"];
        args.extend(files);
        args.extend(["--from", "2024-01", "--to", "2024-12", "--segment", segment]);
        args.extend(["--breakdown", "plan", "--json"]);
        let r = json(&northstar(&dir, &args));
        let sum = |id: &str| -> f64 {
            r["breakdown"]["rows"]
                .as_array()
                .unwrap()
                .iter()
                .map(|row| row["kpis"][id]["value"].as_f64().unwrap())
                .sum()
        };
        for id in ["mrr", "active_customers", "mrr_new", "mrr_churn", "customers_churned"] {
            let total = r["kpis"][id]["value"].as_f64().unwrap();
            assert!((sum(id) - total).abs() < 1e-6, "{segment} {id}: rows {} vs {total}", sum(id));
        }
    }
}

/// `northstar template KIND --out FILE`: a template the importer reads as that kind, with its two
/// example rows; the KPIs it unlocks have values.
#[test]
fn a_template_imports_as_its_kind_and_unlocks_its_kpis() {
    let dir = tempfile::tempdir().unwrap();
    let out = northstar(dir.path(), &["template", "renewals", "--out", "r.xlsx"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "r.xlsx");
    let r = json(&northstar(dir.path(), &["report", "r.xlsx", "--json"]));
    let tables = r["import"]["tables"].as_array().unwrap();
    assert_eq!(tables.len(), 1, "{tables:?}");
    assert_eq!(tables[0]["kind"], "renewals");
    assert_eq!(
        (tables[0]["rows_used"].as_u64(), r["import"]["issues_total"].as_u64()),
        (Some(2), Some(0))
    );
    assert_eq!(r["kpis"]["renewal_rate"]["value"], 0.5);
    // The default name, and bad usage.
    let out = northstar(dir.path(), &["template", "usage"]);
    assert!(out.status.success());
    assert!(dir.path().join("northstar-template-usage.xlsx").exists());
    let out = northstar(dir.path(), &["template", "invoices"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a table kind"));
}

/// The demo holds a sheet of every table kind the KPIs read, so none of its KPIs is empty for want
/// of a table (an empty one, if any, says another reason), and usage covers the whole period.
#[test]
fn the_demo_report_has_no_kpi_waiting_for_a_table() {
    let dir = tempfile::tempdir().unwrap();
    let r = json(&northstar(dir.path(), &["report", "--json"]));
    let kinds: Vec<&str> = r["import"]["tables"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|t| t["kind"].as_str())
        .collect();
    for kind in [
        "mrr",
        "customers",
        "surveys",
        "tickets",
        "activities",
        "costs",
        "orders",
        "usage",
        "trials",
        "renewals",
        "contracts",
    ] {
        assert!(kinds.contains(&kind), "no {kind} table in the demo: {kinds:?}");
    }
    for (id, k) in r["kpis"].as_object().unwrap() {
        if k["value"].is_null() {
            let reason = k["reason"].as_str().unwrap_or_default();
            assert!(
                !reason.contains("needs table") && !reason.contains("needs usage column"),
                "{id} waits for a table: {reason}"
            );
        }
    }
    for id in ["dau", "mau", "stickiness", "avg_session_minutes"] {
        assert!(r["kpis"][id]["value"].as_f64().is_some_and(|v| v > 0.0), "{id}");
        assert!(r["kpis"][id]["note"].is_null(), "{id} is partial: {}", r["kpis"][id]["note"]);
    }
    assert_eq!(r["import"]["issues_total"], 0);
}

/// The rows behind the retention and movement KPIs name each customer when the files give names
/// (the demo's customers sheet does): a leader reads "Harbor Robotics BV", not only "LA-0048".
#[test]
fn drill_down_rows_name_the_customers() {
    let dir = tempfile::tempdir().unwrap();
    for kpi in ["customers_churned", "nrr"] {
        let e = json(&northstar(dir.path(), &["report", "--explain", kpi, "--json"]));
        let cols: Vec<&str> =
            e["columns"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
        let (c, n) = (
            cols.iter().position(|x| *x == "customer").unwrap(),
            cols.iter().position(|x| *x == "name").unwrap(),
        );
        assert_eq!(n, c + 1, "{kpi}: {cols:?}");
        let rows = e["rows"].as_array().unwrap();
        assert!(!rows.is_empty(), "{kpi}");
        assert!(
            rows.iter().all(|r| r[n].as_str().is_some_and(|s| !s.is_empty())),
            "{kpi}: a row without a name"
        );
    }
}
