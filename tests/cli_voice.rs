//! `northstar voice` on files shaped as the survey and support tools write them: the comments, their
//! sentiment (VADER's, worked with the Python reference), themes with their shares, trend and MRR,
//! the rows behind them, and the user's stored theme edits after a restart.

mod common;

use common::{json, northstar, write};
use serde_json::{json as j, Value};
use std::path::Path;

/// The Delighted NPS export of tests/fixtures/voice (CRLF, zoned stamps), with the customers' MRR.
fn book(dir: &Path) {
    let fixture =
        concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/voice/delighted_comments.csv");
    std::fs::copy(fixture, dir.join("delighted.csv")).unwrap();
    let mut mrr = String::from("Customer,Month,MRR\n");
    for (c, v) in [
        ("Acme Corp", "1000"),
        ("Globex", "500"),
        ("Initech", "250.50"),
        ("Umbrella", "300"),
        ("Hooli", "120"),
        ("Stark", "80"),
        ("Wayne", "40"),
    ] {
        for m in 1..=6 {
            mrr.push_str(&format!("{c},2024-0{m},{v}\n"));
        }
    }
    write(dir, "mrr.csv", &mrr);
}

fn theme<'a>(v: &'a Value, name: &str) -> &'a Value {
    v["themes"].as_array().unwrap().iter().find(|t| t["name"] == name).unwrap()
}

#[test]
fn comments_sentiment_and_themes_of_a_survey_export() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path());
    let v = json(&northstar(dir.path(), &["voice", "delighted.csv", "mrr.csv", "--json"]));
    // The 12 months ending with the revenue's last month, as `report`.
    assert_eq!(v["period"], j!({"from": "2023-07", "to": "2024-06"}));
    assert_eq!(v["comments"], 11);
    // The German comment and "n/a" are not scored; the 9 others are.
    assert_eq!(v["scored"], 9);
    assert_eq!(v["not_scored"], j!({"not English (German)": 1, "not an answer": 1}));
    // Python's vaderSentiment 3.3.2: 0, 0, 0.8316, 0.0644, 0.7579, 0.4019, 0.7096, 0.4019 and
    // 0.6588 ("Great!"): sum 3.8261 / 9 = 0.42512.
    assert_eq!(v["sentiment"], j!(0.4251));
    // The comments that take part in themes (not the German one, not "n/a"): scores 3, 5, 2, 6
    // are detractors; 7 a passive; 9, 10, 9, 10 promoters.
    assert_eq!(
        v["groups"],
        j!({"detractors": 4, "passives": 1, "promoters": 4, "csat_low": 0, "csat_high": 0})
    );
    let names: Vec<&str> =
        v["themes"].as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
    // "price", "pricing" and "prices" share the stem "price"; "pricing" is said most (2 of 4).
    assert_eq!(names, ["Pricing", "Support"]);
    let p = theme(&v, "Pricing");
    assert_eq!(
        (p["key"].as_str(), p["comments"].as_u64(), p["customers"].as_u64()),
        (Some("price"), Some(4), Some(4))
    );
    // (0 + 0 + 0.8316 + 0.0644) / 4.
    assert_eq!(p["sentiment"], j!(0.224));
    // 2 of the 4 detractors' comments, the one passive's, 1 of the 4 promoters'.
    assert_eq!(
        p["by_nps_group"],
        j!({"detractors": {"comments": 2, "share": 0.5}, "passives": {"comments": 1, "share": 1},
            "promoters": {"comments": 1, "share": 0.25}})
    );
    // Acme Corp 1,000 + Globex 500 + Initech 250.50 + Umbrella 300 in June 2024.
    assert_eq!(p["mrr"], j!({"value": 2050.5, "customers_without_revenue": 0}));
    assert_eq!(
        p["rows"],
        j!([{"file": "delighted.csv", "sheet": null, "row": 2}, {"file": "delighted.csv", "sheet": null, "row": 3},
            {"file": "delighted.csv", "sheet": null, "row": 4}, {"file": "delighted.csv", "sheet": null, "row": 5}])
    );
    // All four in March (2024-Q1 has 4 comments that take part in themes, Q2 has 5); none before.
    let q: Vec<(String, u64, Value)> = p["by_quarter"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| {
            (
                q["quarter"].as_str().unwrap().into(),
                q["comments"].as_u64().unwrap(),
                q["share"].clone(),
            )
        })
        .collect();
    assert_eq!(
        q,
        vec![
            ("2023-Q3".into(), 0, Value::Null),
            ("2023-Q4".into(), 0, Value::Null),
            ("2024-Q1".into(), 4, j!(1)),
            ("2024-Q2".into(), 0, j!(0)),
        ]
    );
    let s = theme(&v, "Support");
    // (0.7579 + 0.4019 + 0.7096 + 0.4019) / 4 = 0.567825; 4 of Q2's 5 comments.
    assert_eq!(s["sentiment"], j!(0.5678));
    let q2 = &s["by_quarter"][3];
    assert_eq!((&q2["quarter"], &q2["comments"], &q2["share"]), (&j!("2024-Q2"), &j!(4), &j!(0.8)));
    // Acme Corp 1,000 + Hooli 120 + Globex 500 + Initech 250.50.
    assert_eq!(s["mrr"], j!({"value": 1870.5, "customers_without_revenue": 0}));
    assert_eq!(v["unthemed"], 3);
    let first = &v["per_comment"][0];
    assert_eq!(
        (&first["row"], &first["score"], &first["sentiment"], &first["theme"], &first["nps_group"]),
        (&j!(2), &j!(3), &j!(0.0), &j!("Pricing"), &j!("detractor"))
    );
    let german = &v["per_comment"][8];
    assert_eq!(
        (&german["sentiment"], &german["not_scored"], &german["theme"]),
        (&Value::Null, &j!("not English (German)"), &Value::Null)
    );
}

#[test]
fn a_theme_whose_customers_have_no_revenue_has_no_mrr() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path());
    // The revenue names the customers by id, the survey tool by company name: nothing matches.
    write(dir.path(), "mrr.csv", "Customer,Month,MRR\nC-001,2024-06,1000\n");
    let v = json(&northstar(dir.path(), &["voice", "delighted.csv", "mrr.csv", "--json"]));
    assert_eq!(
        theme(&v, "Pricing")["mrr"],
        j!({"value": null, "reason": "none of its 4 customers is in the revenue data",
            "customers_without_revenue": 4})
    );
}

#[test]
fn ticket_subjects_and_open_questions_are_comments() {
    let dir = tempfile::tempdir().unwrap();
    let exports = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/exports");
    for f in ["zendesk.csv", "surveymonkey.csv"] {
        std::fs::copy(format!("{exports}/{f}"), dir.path().join(f)).unwrap();
    }
    let v = json(&northstar(
        dir.path(),
        &[
            "voice",
            "zendesk.csv",
            "surveymonkey.csv",
            "--from",
            "2024-01",
            "--to",
            "2024-12",
            "--json",
        ],
    ));
    let rows: Vec<(String, u64, String, Value)> = v["per_comment"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["file"].as_str().unwrap().into(),
                c["row"].as_u64().unwrap(),
                c["text"].as_str().unwrap().into(),
                c["sentiment"].clone(),
            )
        })
        .collect();
    // SurveyMonkey's open-ended question ("What is one thing we could do better?", under its
    // two-row header) is the comment: "Nothing" is no answer; Zendesk's subjects are comments.
    // Sentiments from the Python reference ("fails" -> -0.4215); two words with no English word
    // we know are too short to judge.
    assert!(rows.contains(&(
        "surveymonkey.csv".into(),
        5,
        "Faster exports, please".into(),
        j!(0.3182)
    )));
    assert!(rows.contains(&("surveymonkey.csv".into(), 3, "Nothing".into(), Value::Null)));
    assert!(rows.contains(&("zendesk.csv".into(), 3, "Export fails, twice".into(), j!(-0.4215))));
    assert!(rows.contains(&("zendesk.csv".into(), 6, "Slow dashboard".into(), Value::Null)));
    assert_eq!(v["comments"], 9);
    assert_eq!(v["not_scored"], j!({"not an answer": 1, "too short to judge": 3}));
}

#[test]
fn stored_theme_edits_apply_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    book(dir.path());
    let store = dir.path().join("store");
    std::fs::create_dir(&store).unwrap();
    {
        use northstar::store::themes::ThemeEdit;
        let mut s = northstar::store::Store::open(&store).unwrap();
        s.edit_theme(&ThemeEdit::Rename {
            key: "price".into(),
            name: Some("Pricing & plans".into()),
        })
        .unwrap();
        s.edit_theme(&ThemeEdit::Merge { key: "support".into(), into: Some("price".into()) })
            .unwrap();
    }
    // A new process opens the store: the edits are read back from disk.
    let v = json(&northstar(
        dir.path(),
        &["voice", "delighted.csv", "mrr.csv", "--store", "store", "--json"],
    ));
    let themes = v["themes"].as_array().unwrap();
    assert_eq!(themes.len(), 1);
    assert_eq!(
        (&themes[0]["name"], &themes[0]["found_name"]),
        (&j!("Pricing & plans"), &j!("Pricing"))
    );
    assert_eq!(
        (&themes[0]["comments"], &themes[0]["merged"]),
        (&j!(8), &j!([{"key": "support", "name": "Support"}]))
    );
    // 4 pricing + 4 support comments: (0.8960 + 2.2713) / 8 = 0.3959125.
    assert_eq!(themes[0]["sentiment"], j!(0.3959));
    {
        use northstar::store::themes::ThemeEdit;
        let mut s = northstar::store::Store::open(&store).unwrap();
        s.edit_theme(&ThemeEdit::Hide { key: "price".into(), hidden: true }).unwrap();
    }
    let v = json(&northstar(
        dir.path(),
        &["voice", "delighted.csv", "mrr.csv", "--store", "store", "--json"],
    ));
    assert_eq!(v["themes"], j!([]));
    assert_eq!(v["hidden"], j!([{"key": "price", "name": "Pricing & plans", "comments": 8}]));
}
