//! Targets (issue 17): the workbook's `targets` table (tests/fixtures/targets.csv, written by
//! gen_fixtures), the report's `target`/`status`/`target_distance` fields, and the CLI's
//! `--targets FILE.json` and text marks. Values are worked out by hand in the comments.

mod common;

use common::{json, northstar, write};
use northstar::import::{import_paths, ImportSettings, TableKind};
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

fn d(s: &str) -> Option<Decimal> {
    Some(s.parse().unwrap())
}

/// Two customers over two months. Period 2024-02: S = {C1, C2} with 200 at the start; at the end
/// C1 120 and C2 90, so NRR = 210 / 200 = 1.05, GRR = (100 + 90) / 200 = 0.95, no churn (monthly
/// logo churn 0, retention 2 / 2 = 1). C1 is on plan Pro: its NRR is 120 / 100 = 1.2.
fn data(dir: &Path) {
    write(
        dir,
        "mrr.csv",
        "Customer ID,Month,MRR\nC1,2024-01,100\nC2,2024-01,100\nC1,2024-02,120\nC2,2024-02,90\n",
    );
    write(dir, "customers.csv", "Customer ID,Plan\nC1,Pro\nC2,Basic\n");
    std::fs::copy(fixture("targets.csv"), dir.join("targets.csv")).unwrap();
}

#[test]
fn the_workbook_targets_table_reads_good_rows_and_reports_bad_ones() {
    let imp = import_paths(&[fixture("targets.csv")], &ImportSettings::default()).unwrap();
    let r = &imp.report;
    let table = &r.tables[0];
    assert_eq!(table.kind, Some(TableKind::Targets));
    // 14 data rows: 8 used, 5 issues and 1 second target for NRR (a warning).
    assert_eq!((table.rows_read, table.rows_used, table.rows_skipped), (14, 8, 6));
    let issues: Vec<(usize, &str, &str, &str)> = r
        .issues
        .iter()
        .map(|i| (i.row, i.column.as_str(), i.value.as_str(), i.reason.as_str()))
        .collect();
    assert_eq!(
        issues,
        [
            (8, "KPI", "happiness", "unknown KPI: use its id (nrr) or the name the app shows (Net revenue retention)"),
            (9, "Low", "5", "low 5 is above high 3"),
            (10, "Target", "100", "a target and low/high: give one or the other"),
            (12, "Direction", "sideways", "not a direction: at least, at most, within or none"),
            (14, "Target", "", "empty required cell: give a target, or low and/or high (direction none for no target)"),
        ]
    );
    assert!(r.issues.iter().all(|i| i.file == "targets.csv" && i.sheet.is_none()));
    assert_eq!(r.warnings.len(), 1);
    assert_eq!(
        r.warnings[0].message,
        "row 11: a second target for nrr (the first is targets.csv row 2); the first one is used"
    );
    // The plain 85 of License utilization (row 6) was read as 85%, and the import says so.
    assert_eq!(table.rules.len(), 1);
    assert_eq!(table.rules[0].rows, 1);
    assert!(table.rules[0].rule.contains("80 = 80%"), "{:?}", table.rules);

    let t = &imp.dataset.targets;
    let got: Vec<(&str, Option<Decimal>, Option<Decimal>)> =
        t.iter().map(|t| (t.kpi.as_str(), t.low, t.high)).collect();
    assert_eq!(
        got,
        [
            // "Net revenue retention" by its label; 110% is 1.1; one value: at least.
            ("nrr", d("1.1"), None),
            ("nps", d("30"), d("70")),
            // One value for a KPI whose fall is good news: at most (2% = 0.02, 12 months).
            ("monthly_churn_rate", None, d("0.02")),
            ("cac_payback_months", None, d("12")),
            // 85 for a percentage: 85% = 0.85.
            ("license_utilization", d("0.85"), None),
            ("grr", d("0.9"), None),
            // Direction none: explicitly no target.
            ("mrr", None, None),
            ("grr", d("0.95"), None),
        ]
    );
    assert_eq!(t[0].note.as_deref(), Some("board plan"));
    assert_eq!(t[0].source, "targets.csv row 2");
    assert_eq!(t[5].segment, Some(("plan".to_string(), "Pro".to_string())));
    // A bare segment value is a value of the `segment` attribute.
    assert_eq!(t[7].segment, Some(("segment".to_string(), "Enterprise".to_string())));
}

#[test]
fn the_report_carries_the_workbook_targets_and_their_status() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path());
    let r = json(&northstar(
        dir.path(),
        &[
            "report",
            "mrr.csv",
            "customers.csv",
            "targets.csv",
            "--from",
            "2024-02",
            "--to",
            "2024-02",
            "--json",
        ],
    ));
    let k = &r["kpis"];
    // NRR 1.05 against at least 110% (the workbook's): 110 - 105 = 5.0 points below.
    assert_eq!(k["nrr"]["value"], 1.05);
    assert_eq!(
        k["nrr"]["target"],
        json!({"low": 1.1, "high": null, "direction": "at_least", "source": "targets.csv row 2",
               "origin": "workbook", "note": "board plan"})
    );
    assert_eq!(k["nrr"]["status"], "off_track");
    assert_eq!(k["nrr"]["target_distance"], "5.0 pts below 110%");
    // Monthly logo churn 0 against at most 2%: on track, 2.0 points below.
    assert_eq!(k["monthly_churn_rate"]["value"], 0);
    assert_eq!(k["monthly_churn_rate"]["target"]["direction"], "at_most");
    assert_eq!(k["monthly_churn_rate"]["status"], "on_track");
    assert_eq!(k["monthly_churn_rate"]["target_distance"], "2.0 pts below 2%");
    // NPS has the workbook's band but no surveys: the target is shown, the status is null.
    assert_eq!(k["nps"]["target"]["direction"], "band");
    assert_eq!(k["nps"]["status"], Value::Null);
    assert_eq!(k["nps"]["target_distance"], Value::Null);
    // GRR's targets are for plan Pro and segment Enterprise only; MRR's is "none": no target.
    for id in ["grr", "mrr"] {
        assert!(k[id].get("target").is_none() && k[id].get("status").is_none(), "{id}: {}", k[id]);
    }
    // The workbook's LTV:CAC row was refused: the default (at least 3) stands.
    assert_eq!(k["ltv_to_cac"]["target"]["origin"], "default");
    assert_eq!(k["ltv_to_cac"]["target"]["source"], "an LTV of at least 3 times CAC is healthy");
    // Targets change no value: the same report without targets.csv has the same numbers.
    let plain = json(&northstar(
        dir.path(),
        &["report", "mrr.csv", "customers.csv", "--from", "2024-02", "--to", "2024-02", "--json"],
    ));
    for (id, kpi) in plain["kpis"].as_object().unwrap() {
        assert_eq!(kpi["value"], k[id]["value"], "{id}");
    }
    // Without targets.csv NRR has the default target, at least 100%: 105% is 5.0 points above.
    assert_eq!(plain["kpis"]["nrr"]["target"]["origin"], "default");
    assert_eq!(
        plain["kpis"]["nrr"]["target"]["source"],
        "growing from the existing base without new customers"
    );
    assert_eq!(plain["kpis"]["nrr"]["status"], "on_track");
    assert_eq!(plain["kpis"]["nrr"]["target_distance"], "5.0 pts above 100%");
}

#[test]
fn a_targets_file_sets_clears_and_bands_targets_and_the_workbook_wins() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path());
    write(
        dir.path(),
        "t.json",
        r#"{"targets": [
            {"kpi": "nrr", "low": 1.05},
            {"kpi": "grr", "low": 0.9, "high": 1.0},
            {"kpi": "nps"},
            {"kpi": "customers_churned", "high": 0},
            {"kpi": "customer_retention_rate", "low": 0.9},
            {"kpi": "mrr", "low": 100},
            {"kpi": "nrr", "low": 1.3, "segment": "plan=Pro"}
        ]}"#,
    );
    let args = ["report", "mrr.csv", "customers.csv", "--from", "2024-02", "--to", "2024-02"];
    let run = |extra: &[&str]| {
        let all: Vec<&str> = args.iter().chain(extra).copied().collect();
        json(&northstar(dir.path(), &all))
    };
    let r = run(&["--targets", "t.json", "--json"]);
    let k = &r["kpis"];
    // NRR 1.05 exactly on "at least 105%": on track.
    assert_eq!(k["nrr"]["status"], "on_track");
    assert_eq!(k["nrr"]["target_distance"], "exactly 105%");
    assert_eq!(k["nrr"]["target"]["origin"], "user");
    assert_eq!(k["nrr"]["target"]["source"], "t.json");
    // GRR 0.95 inside the band 90%-100%.
    assert_eq!(k["grr"]["target"]["direction"], "band");
    assert_eq!((&k["grr"]["target"]["low"], &k["grr"]["target"]["high"]), (&json!(0.9), &json!(1)));
    assert_eq!(k["grr"]["status"], "on_track");
    assert_eq!(k["grr"]["target_distance"], "within 90%\u{2013}100%");
    // At most 0 churned customers: 0 is exactly on it.
    assert_eq!(k["customers_churned"]["target"]["direction"], "at_most");
    assert_eq!(k["customers_churned"]["status"], "on_track");
    assert_eq!(k["customers_churned"]["target_distance"], "exactly 0");
    // Retention 2 / 2 = 1 against at least 90%: 10.0 points above.
    assert_eq!(k["customer_retention_rate"]["target_distance"], "10.0 pts above 90%");
    // NPS cleared: its default band is gone.
    assert!(k["nps"].get("target").is_none(), "{}", k["nps"]);
    // The CAC payback default stays (at most 18 months); no costs, so no status.
    assert_eq!(k["cac_payback_months"]["target"]["high"], 18);
    assert_eq!(k["cac_payback_months"]["status"], Value::Null);

    // In plan Pro's view its own target applies: NRR 1.2 against at least 130% is 10.0 below.
    let pro = run(&["--targets", "t.json", "--segment", "plan=Pro", "--json"]);
    assert_eq!(pro["kpis"]["nrr"]["value"], 1.2);
    assert_eq!(pro["kpis"]["nrr"]["status"], "off_track");
    assert_eq!(pro["kpis"]["nrr"]["target_distance"], "10.0 pts below 130%");

    // With the files' targets table: it wins (NRR at least 110%, MRR none), the file fills in.
    let both = run(&["targets.csv", "--targets", "t.json", "--json"]);
    let k = &both["kpis"];
    assert_eq!(k["nrr"]["target"]["origin"], "workbook");
    assert_eq!(k["nrr"]["status"], "off_track");
    assert!(k["mrr"].get("target").is_none(), "{}", k["mrr"]);
    assert_eq!(k["customer_retention_rate"]["target"]["origin"], "user");
}

#[test]
fn the_text_report_marks_off_track_kpis() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path());
    write(dir.path(), "t.json", r#"{"targets": [{"kpi": "nrr", "low": 1.1}]}"#);
    let out = northstar(
        dir.path(),
        &["report", "mrr.csv", "--from", "2024-02", "--to", "2024-02", "--targets", "t.json"],
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let text = String::from_utf8_lossy(&out.stdout);
    let line = |id: &str| {
        text.lines().find(|l| l.trim_start().starts_with(&format!("{id} "))).unwrap_or_default()
    };
    // NRR 105.00% against at least 110%: marked off track with the distance.
    assert!(line("nrr").contains("105.00%"), "{}", line("nrr"));
    assert!(line("nrr").ends_with("\u{2717} off track: 5.0 pts below 110%"), "{}", line("nrr"));
    // Neither MRR nor monthly logo churn has a target here: no mark.
    assert!(!line("mrr").contains("track"), "{}", line("mrr"));
    assert!(!line("monthly_churn_rate").contains("track"), "{}", line("monthly_churn_rate"));
    // The text explanation names the target, where it comes from, and the months against it: the
    // period is February alone, NRR 1.05 in it, below 110%.
    let out = northstar(
        dir.path(),
        &["report", "mrr.csv", "--from", "2024-02", "--to", "2024-02", "--targets", "t.json"]
            .into_iter()
            .chain(["--explain", "nrr"])
            .collect::<Vec<_>>(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Target: off track: 5.0 pts below 110% (from "), "{text}");
    assert!(text.contains("on track in 0 of the last 1 month: \u{2717}"), "{text}");
}

#[test]
fn a_bad_targets_file_is_bad_usage() {
    let dir = tempfile::tempdir().unwrap();
    data(dir.path());
    let run = |body: &str| {
        write(dir.path(), "t.json", body);
        northstar(dir.path(), &["report", "mrr.csv", "--targets", "t.json", "--json"])
    };
    let out = run(r#"{"targets": [{"kpi": "happiness", "low": 1}]}"#);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("t.json: unknown KPI \"happiness\""), "{err}");
    assert!(out.stdout.is_empty());
    let out = run(r#"{"targets": [{"kpi": "nps", "low": 70, "high": 30}]}"#);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("low 70 is above high 30"));
    let out = run(r#"{"goals": []}"#);
    assert_eq!(out.status.code(), Some(2));
    // A file that cannot be read is bad input, as for --settings.
    let out = northstar(dir.path(), &["report", "mrr.csv", "--targets", "missing.json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.json"));
}

/// A plain `2` for a rate that cannot pass 100% (monthly logo churn) is 2%, not 200%; NRR's `1.1`
/// stays 110% and CSAT's `0.8` stays 80%; the rule is listed among the table's rules.
#[test]
fn a_plain_number_for_a_capped_rate_is_a_percentage() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "targets.csv", "KPI,Target\nMonthly logo churn,2\nnrr,1.1\ncsat,0.8\n");
    let imp = import_paths(&[dir.path().join("targets.csv")], &ImportSettings::default()).unwrap();
    let got: Vec<(&str, Option<Decimal>, Option<Decimal>)> =
        imp.dataset.targets.iter().map(|t| (t.kpi.as_str(), t.low, t.high)).collect();
    assert_eq!(
        got,
        [
            ("monthly_churn_rate", None, d("0.02")),
            ("nrr", d("1.1"), None),
            ("csat", d("0.8"), None)
        ]
    );
    let rules = &imp.report.tables[0].rules;
    assert_eq!(rules.len(), 1);
    assert!(rules[0].rule.starts_with("a plain number of 1 or more for a rate"), "{rules:?}");
}
