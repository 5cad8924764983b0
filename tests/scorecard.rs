//! The per-CSM scorecard, the red flags and the concentration KPIs on a small book worked out by
//! hand, through the library and through `northstar report --json`.
//!
//! MRR, Dec 2023 .. Jun 2024 (customers of Ann: A1, A2; Ben: B1; Cat: C1, C2):
//!   A1 100 100 100 100 100 150 150   (expands in May)
//!   A2 100 100  80  80   -   -   -   (contracts in Feb, churns in Apr)
//!   B1 200 200 220 220 220 220 220   (expands in Feb)
//!   C1 100 100 100 100 100 100 100
//!   C2  50  50  50  50  50  50 100   (expands in Jun)
//! Q1 = Jan..Mar (customers at start: December), Q2 = Apr..Jun (at start: March).

mod common;

use common::{json, northstar, write};
use northstar::import::{import_paths, ImportSettings};
use northstar::kpi::{self, ReportRequest};
use northstar::model::Month;
use northstar::settings::Settings;
use rust_decimal::Decimal;
use serde_json::Value;

const FILES: &[(&str, &str)] = &[
    (
        "mrr.csv",
        "Customer ID,Month,MRR\n\
         A1,2023-12,100\nA1,2024-01,100\nA1,2024-02,100\nA1,2024-03,100\nA1,2024-04,100\nA1,2024-05,150\nA1,2024-06,150\n\
         A2,2023-12,100\nA2,2024-01,100\nA2,2024-02,80\nA2,2024-03,80\n\
         B1,2023-12,200\nB1,2024-01,200\nB1,2024-02,220\nB1,2024-03,220\nB1,2024-04,220\nB1,2024-05,220\nB1,2024-06,220\n\
         C1,2023-12,100\nC1,2024-01,100\nC1,2024-02,100\nC1,2024-03,100\nC1,2024-04,100\nC1,2024-05,100\nC1,2024-06,100\n\
         C2,2023-12,50\nC2,2024-01,50\nC2,2024-02,50\nC2,2024-03,50\nC2,2024-04,50\nC2,2024-05,50\nC2,2024-06,100\n",
    ),
    (
        "customers.csv",
        "Customer ID,CSM,Onboarding Start,First Value Date,Onboarding Rating\n\
         A1,Ann,2024-04-01,2024-04-21,4\nA2,Ann,,,\nB1,Ben,2024-04-10,2024-05-20,3\n\
         C1,Cat,2024-05-01,2024-05-31,5\nC2,Cat,,,\n",
    ),
    (
        "surveys.csv",
        "Customer ID,Date,Type,Score\nA1,2024-04-05,NPS,10\nA2,2024-04-06,NPS,9\nB1,2024-05-05,NPS,3\n\
         C1,2024-05-06,NPS,8\nC2,2024-06-01,NPS,10\nA1,2024-04-07,CES,6\nB1,2024-05-07,CES,4\n",
    ),
    (
        "renewals.csv",
        "Customer ID,Renewal Date,Renewable ARR,Renewed ARR\nA2,2024-04-30,1200,0\nC1,2024-06-15,1200,1200\n",
    ),
    (
        "activities.csv",
        "Date,Customer ID,Type\n2024-04-15,A1,QBR\n2024-05-10,A1,Call\n2024-05-12,B1,Referral\n",
    ),
];

fn m(y: i32, k: u32) -> Month {
    Month::new(y, k).unwrap()
}

/// The files in a temporary directory (all, or without those named in `leave_out`).
fn files(leave_out: &[&str]) -> (tempfile::TempDir, Vec<std::path::PathBuf>) {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = Vec::new();
    for (name, text) in FILES.iter().filter(|f| !leave_out.contains(&f.0)) {
        write(dir.path(), name, text);
        paths.push(dir.path().join(name));
    }
    (dir, paths)
}

fn q2_report(leave_out: &[&str]) -> kpi::Report {
    let (_dir, paths) = files(leave_out);
    let data = import_paths(&paths, &ImportSettings::default()).unwrap().dataset;
    let req = ReportRequest { from: Some(m(2024, 4)), to: Some(m(2024, 6)), ..Default::default() };
    kpi::report(&data, &req, &Settings::default()).unwrap()
}

fn dec(v: i64, scale: u32) -> Decimal {
    Decimal::new(v, scale)
}

/// (value, median, rank) of a CSM's metric.
fn cell(
    r: &kpi::Report,
    csm: &str,
    metric: &str,
) -> (Option<Decimal>, Option<Decimal>, Option<usize>) {
    let c = r.scorecard.cell(csm, metric).unwrap();
    (c.value.map(|v| v.0), c.median.map(|v| v.0), c.rank)
}

/// Q2, by CSM (Ann, Ben, Cat), with the median of the three (or two) values and the ranks:
/// - NRR: Ann (150 + 0) / (100 + 80) = 0.8333, Ben 220 / 220 = 1, Cat (100 + 100) / (100 + 50)
///   = 1.3333 -> median 1 (Ben); ranks Cat 1, Ben 2, Ann 3.
/// - Logo churn (good when down): Ann 1 of 2 = 0.5, Ben 0, Cat 0 -> median 0; Ben and Cat share
///   rank 1, Ann 3.
/// - Expansion MRR: Ann 50 (May), Ben 0, Cat 50 (June) -> median 50; Ann and Cat 1, Ben 3.
/// - Onboarding rating: Ann 4, Ben 3, Cat 5 -> median 4; Cat 1, Ann 2, Ben 3.
/// - Time to first value (good when down): Ann 20 days, Ben 40, Cat 30 -> median 30; Ann 1.
/// - NPS: Ann 2 promoters of 2 = 100, Ben 1 detractor = -100, Cat 1 promoter 1 passive = 50 ->
///   median 50; Ann 1, Cat 2, Ben 3. The team's: 100 x (3 - 1) / 5 = 40.
/// - CES: Ann 6, Ben 4, Cat no response (null, unranked) -> median (4 + 6) / 2 = 5.
/// - Gross renewal rate: Ann 0 / 1,200 = 0, Cat 1,200 / 1,200 = 1, Ben none due -> median 0.5.
/// - Engagement: Ann 2 (QBR, call), Ben 0, Cat 0 -> median 0; Ann 1, Ben and Cat 2. Advocacy:
///   Ben 1 (referral) -> rank 1; Ann and Cat 0 -> rank 2.
#[test]
fn scorecard_medians_and_ranks_by_hand() {
    let r = q2_report(&[]);
    let one = Decimal::ONE;
    assert_eq!(
        r.scorecard.csms.iter().map(|c| c.csm.as_str()).collect::<Vec<_>>(),
        ["Ann", "Ben", "Cat"]
    );
    assert_eq!(r.scorecard.csms.iter().map(|c| c.customers).collect::<Vec<_>>(), [1, 1, 2]);
    assert_eq!(
        cell(&r, "Ann", "nrr"),
        (Some(Decimal::from(150) / Decimal::from(180)), Some(one), Some(3))
    );
    assert_eq!(
        cell(&r, "Cat", "nrr"),
        (Some(Decimal::from(200) / Decimal::from(150)), Some(one), Some(1))
    );
    assert_eq!(cell(&r, "Ben", "nrr").2, Some(2));
    assert_eq!(
        cell(&r, "Ann", "customer_churn_rate"),
        (Some(dec(5, 1)), Some(Decimal::ZERO), Some(3))
    );
    assert_eq!(cell(&r, "Ben", "customer_churn_rate").2, Some(1));
    assert_eq!(cell(&r, "Cat", "customer_churn_rate").2, Some(1));
    assert_eq!(
        cell(&r, "Ben", "mrr_expansion"),
        (Some(Decimal::ZERO), Some(Decimal::from(50)), Some(3))
    );
    assert_eq!(cell(&r, "Ann", "mrr_expansion").2, Some(1));
    assert_eq!(
        cell(&r, "Ann", "onboarding_rating"),
        (Some(Decimal::from(4)), Some(Decimal::from(4)), Some(2))
    );
    assert_eq!(
        cell(&r, "Ann", "ttfv_days"),
        (Some(Decimal::from(20)), Some(Decimal::from(30)), Some(1))
    );
    assert_eq!(cell(&r, "Ben", "ttfv_days").2, Some(3));
    assert_eq!(
        cell(&r, "Ann", "nps"),
        (Some(Decimal::from(100)), Some(Decimal::from(50)), Some(1))
    );
    assert_eq!(cell(&r, "Ben", "nps").2, Some(3));
    assert_eq!(cell(&r, "Cat", "ces_mean"), (None, Some(Decimal::from(5)), None));
    assert_eq!(cell(&r, "Ben", "ces_mean").2, Some(2));
    assert_eq!(
        cell(&r, "Ann", "gross_renewal_rate"),
        (Some(Decimal::ZERO), Some(dec(5, 1)), Some(2))
    );
    assert_eq!(cell(&r, "Ben", "gross_renewal_rate"), (None, Some(dec(5, 1)), None));
    assert_eq!(
        cell(&r, "Ann", "engagement_activities"),
        (Some(Decimal::TWO), Some(Decimal::ZERO), Some(1))
    );
    assert_eq!(cell(&r, "Cat", "engagement_activities").2, Some(2));
    assert_eq!(cell(&r, "Ben", "advocacy_activities").2, Some(1));
    let nps = r.scorecard.metric("nps").unwrap();
    assert_eq!(
        (nps.team.map(|v| v.0), nps.ranked, nps.good_when),
        (Some(Decimal::from(40)), 3, "up")
    );
    assert_eq!(r.scorecard.metric("ces_mean").unwrap().ranked, 2);
}

/// Without the surveys, no CSM has an NPS or a CES: the columns are null with the team's reason.
#[test]
fn a_metric_the_team_lacks_is_null_for_every_csm() {
    let r = q2_report(&["surveys.csv"]);
    let nps = r.scorecard.metric("nps").unwrap();
    assert_eq!(nps.reason.as_deref(), Some("needs table surveys with type NPS"));
    assert_eq!((nps.median, nps.ranked), (None, 0));
    assert_eq!(cell(&r, "Ann", "nps"), (None, None, None));
    // The others stay.
    assert_eq!(cell(&r, "Ann", "nrr").2, Some(3));
}

/// The concentration KPIs and the quick ratio of Q2. June MRR: A1 150, B1 220, C1 100, C2 100 =
/// 570, N = 4. Top 10 = all four = 100%; the largest tenth = ceil(4/10) = 1 customer: 220 / 570;
/// HHI = (150² + 220² + 100² + 100²) / 570² = 90,900 / 324,900. Movements: April A2 churns 80, May
/// A1 expands 50, June C2 expands 50: quick ratio (0 + 0 + 100) / (0 + 80) = 1.25.
#[test]
fn concentration_and_quick_ratio_by_hand() {
    let r = q2_report(&[]);
    let v = |id: &str| r.kpis.get(id).and_then(|k| k.number()).unwrap();
    assert_eq!(v("top10_mrr_share"), Decimal::ONE);
    assert_eq!(v("top_decile_mrr_share"), Decimal::from(220) / Decimal::from(570));
    assert_eq!(v("mrr_hhi"), Decimal::from(90_900) / Decimal::from(324_900));
    assert_eq!(v("quick_ratio"), dec(125, 2));
}

/// Q1 NRR: Ann (100 + 80) / 200 = 0.9, Ben 220 / 200 = 1.1, Cat 150 / 150 = 1 -> median 1;
/// Q2 (above): Ann 0.8333 vs median 1. Ann is below both quarters: flagged. Near misses, not
/// flagged: Cat on the median in both, Ann's logo churn above the median (0) in Q2 only (Q1: nobody
/// churned), Ben's expansion below the median (50) in Q2 only (Q1: Ann 0, Ben 20, Cat 0 -> median
/// 0, nobody below). No KPI flag: the revenue data starts in December, so June has 5 monthly
/// changes before it, fewer than the 6 a usual variation needs. With the fiscal year starting in
/// April the quarters are named FY2024-Q4 (Jan-Mar) and FY2025-Q1 (Apr-Jun), and the expansion by
/// quarter of Jan..Jun is FY2024-Q4 20 (Ben, February), FY2025-Q1 100.
#[test]
fn flags_and_fiscal_quarters_in_the_report_json() {
    let (dir, _) = files(&[]);
    let names: Vec<&str> = FILES.iter().map(|f| f.0).collect();
    let mut args = vec!["report"];
    args.extend(&names);
    args.extend(["--from", "2024-04", "--to", "2024-06", "--json"]);
    let out = json(&northstar(dir.path(), &args));
    let flags = out["flags"].as_array().unwrap();
    assert_eq!(flags.len(), 1, "{flags:#?}");
    let f = &flags[0];
    assert_eq!(
        (f["kind"].as_str(), f["csm"].as_str(), f["metric"].as_str()),
        (Some("csm"), Some("Ann"), Some("nrr"))
    );
    let q = |k: usize| {
        (
            f["quarters"][k]["quarter"].clone(),
            f["quarters"][k]["value"].as_f64().unwrap(),
            f["quarters"][k]["median"].as_f64().unwrap(),
        )
    };
    assert_eq!(q(0), (Value::from("2024-Q1"), 0.9, 1.0));
    assert_eq!((q(1).0, q(1).2), (Value::from("2024-Q2"), 1.0));
    assert!((q(1).1 - 150.0 / 180.0).abs() < 1e-12);
    assert_eq!(
        f["text"],
        "Ann: Net revenue retention below the team median two quarters running (2024-Q1 90.0% vs 100.0%; 2024-Q2 83.3% vs 100.0%)."
    );
    // The scorecard and the new KPIs are in the JSON too.
    assert_eq!(out["scorecard"]["csms"][0]["metrics"]["nrr"]["rank"], 3);
    assert_eq!(out["kpis"]["quick_ratio"]["value"], 1.25);
    assert_eq!(out["kpis"]["mrr_hhi"]["good_when"], "down");

    write(dir.path(), "settings.json", r#"{"fiscal_year_start": 4}"#);
    let mut args = vec!["report"];
    args.extend(&names);
    args.extend(["--from", "2024-01", "--to", "2024-06", "--settings", "settings.json", "--json"]);
    let out = json(&northstar(dir.path(), &args));
    assert_eq!(
        out["kpis"]["quarterly_expansion_revenue"]["value"],
        serde_json::json!([{"quarter": "FY2024-Q4", "value": 20}, {"quarter": "FY2025-Q1", "value": 100}])
    );
    assert_eq!(out["flags"][0]["quarters"][0]["quarter"], "FY2024-Q4");
    assert_eq!(out["flags"][0]["quarters"][1]["quarter"], "FY2025-Q1");
    // A fiscal year cannot start in a 13th month.
    write(dir.path(), "bad.json", r#"{"fiscal_year_start": 13}"#);
    let bad = northstar(dir.path(), &["report", "mrr.csv", "--settings", "bad.json", "--json"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr)
        .contains("fiscal_year_start must be a month from 1 to 12"));
}

/// The explanations: the largest tenth of June is B1 alone (220 of 570), the rows the four active
/// customers largest first (ties by id: C1 before C2) with their shares; the quick ratio shows the
/// movements it sums (churned 80, expansion 100) and the months.
#[test]
fn the_rows_behind_the_new_kpis() {
    let (_dir, paths) = files(&[]);
    let data = import_paths(&paths, &ImportSettings::default()).unwrap().dataset;
    let req = ReportRequest { from: Some(m(2024, 4)), to: Some(m(2024, 6)), ..Default::default() };
    let s = Settings::default();
    let e = kpi::explain::explain(&data, &req, &s, "top_decile_mrr_share").unwrap();
    let input = |e: &kpi::explain::Explanation, k: &str| {
        e.inputs.iter().find(|i| i.key == k).map(|i| i.value.clone()).unwrap()
    };
    assert_eq!((input(&e, "top_mrr"), input(&e, "mrr")), (Value::from(220), Value::from(570)));
    let ids: Vec<&Value> = e.rows.iter().map(|r| &r[1]).collect();
    assert_eq!(ids, ["B1", "A1", "C1", "C2"]);
    assert_eq!(e.rows[0][4].as_f64().unwrap(), 220.0 / 570.0);
    assert_eq!(
        e.rows.iter().map(|r| r[6].clone()).collect::<Vec<_>>(),
        [true, false, false, false]
    );
    let e = kpi::explain::explain(&data, &req, &s, "quick_ratio").unwrap();
    assert_eq!(
        (input(&e, "mrr_churn"), input(&e, "mrr_expansion")),
        (Value::from(80), Value::from(100))
    );
    assert_eq!(e.rows.len(), 3);
    assert_eq!(e.columns.last().map(String::as_str), Some("new"));
}

/// Issue 17 item 4: each CSM's cell against the team target, or the CSM's own. Q2 NRR: Ann 150/180
/// = 0.833, Ben 220/220 = 1, Cat 200/150 = 1.333. The default NRR target (at least 100%) puts Ann off
/// track and Ben (exactly on it) and Cat on track; a target of at least 140% for Cat alone puts Cat
/// off track while the team target stays 100%.
#[test]
fn the_scorecard_against_team_and_csm_targets() {
    let (_dir, paths) = files(&[]);
    let data = import_paths(&paths, &ImportSettings::default()).unwrap().dataset;
    let req = ReportRequest { from: Some(m(2024, 4)), to: Some(m(2024, 6)), ..Default::default() };
    let status = |r: &kpi::Report, csm: &str| {
        r.scorecard.csms.iter().find(|c| c.csm == csm).unwrap().metrics["nrr"].status
    };
    use northstar::targets::Status::{OffTrack, OnTrack};
    let r = kpi::report(&data, &req, &Settings::default()).unwrap();
    let nrr = r.scorecard.metrics.iter().find(|m| m.id == "nrr").unwrap();
    assert_eq!(nrr.target_low.map(|n| n.0), Some(Decimal::ONE));
    assert_eq!(
        [status(&r, "Ann"), status(&r, "Ben"), status(&r, "Cat")],
        [Some(OffTrack), Some(OnTrack), Some(OnTrack)]
    );
    // A metric without a target has no status.
    let ann = &r.scorecard.csms[0].metrics["onboarding_rating"];
    assert_eq!(ann.status, None);
    let cat = northstar::model::Target {
        kpi: "nrr".into(),
        low: Some(dec(14, 1)),
        source: "Settings".into(),
        csm: Some("Cat".into()),
        ..Default::default()
    };
    let s = Settings { targets: vec![cat], ..Settings::default() };
    let r = kpi::report(&data, &req, &s).unwrap();
    assert_eq!(
        [status(&r, "Ann"), status(&r, "Ben"), status(&r, "Cat")],
        [Some(OffTrack), Some(OnTrack), Some(OffTrack)]
    );
}
