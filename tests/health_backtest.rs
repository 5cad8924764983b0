//! The health score backtest (issue 19): a generated book where only utilization causes churn, a
//! hand-worked small book (labels, no look-ahead, AUC and band churn rates exactly), forward
//! validation that never trains on the months it scores, the rule of too few churn events, the
//! CLI's JSON, and a seeded interval.

mod common;

use common::engine::{csv, import};
use common::{json, northstar, write};
use northstar::health::forward::{split, test_rows, training_rows};
use northstar::health::snapshot::{build, Label};
use northstar::health::{health_backtest, BacktestOptions, HealthReport};
use northstar::kpi::health::scores;
use northstar::kpi::revenue::Book;
use northstar::kpi::Period;
use northstar::model::{Dataset, Month};
use northstar::settings::Settings;
use std::fmt::Write;

fn m(s: &str) -> Month {
    Month::parse_iso(s).unwrap()
}

// ---------------------------------------------------------------------------------------------
// The small book, 2024-01 .. 2024-10, horizon 2: scored months 2024-06 (6 months of history) ..
// 2024-10, labelled 2024-06 .. 2024-08 (2024-08 + 2 = the last month).
//
// MRR is flat (A 100, B 200, C 300, D 400, E 500, F 600) so every mrr_trend is 70. No activities
// table: engagement is missing, so with the default weights (utilization 25, nps 20, trend 25,
// support 15) a customer without NPS weighs 65:
//   A util 100, no ticket            -> (2500 + 1750 + 1500) / 65 = 88.46  green, stays
//   B util 20                        -> ( 500 + 1750 + 1500) / 65 = 57.69  yellow, MRR 0 from 2024-08
//   C util 0                         -> (   0 + 1750 + 1500) / 65 = 50     yellow, MRR 0 in 2024-10
//   D util 50                        -> (1250 + 1750 + 1500) / 65 = 69.23  yellow, stays
//   E no customers row, 5 tickets on 2024-06-10 (in the 90 days of 06, 07, 08: support 50)
//                                    -> (1750 + 750) / 40         = 62.5   yellow, stays
//   F util 0, 10 tickets on 2024-05-15 (in the 90 days of 2024-06: support 0)
//                                    -> (   0 + 1750 + 0) / 65    = 26.92  red, MRR 0 from 2024-07
// Labels (churned = MRR 0 in t+1..t+2):
//   A 06 07 08 stayed; B 06 (08 is 0) and 07 churned, inactive at 08; C 06 07 stayed, 08 churned
//   (10 is 0); D, E stayed x3; F 06 churned (07 is 0).
// 15 rows, 4 churned, 3 churn events (B in 08, C in 10, F in 07).
// ---------------------------------------------------------------------------------------------

const SMALL_CUSTOMERS: &str = "Customer ID,Name,CSM,Seats Purchased,Seats Active\n\
A,Acme,Ann,10,10\nB,Beta,Bob,10,2\nC,Core,Ann,10,0\nD,Delta,Bob,10,5\nF,Fox,Ann,10,0\n";

fn small_mrr() -> String {
    let mut s = String::from("Customer ID,Month,MRR\n");
    for (c, mrr, last) in [
        ("A", 100, 10),
        ("B", 200, 7),
        ("C", 300, 9),
        ("D", 400, 10),
        ("E", 500, 10),
        ("F", 600, 6),
    ] {
        for k in 1..=last {
            writeln!(s, "{c},2024-{k:02},{mrr}").unwrap();
        }
    }
    s
}

fn small_tickets(future: bool) -> String {
    let mut s = String::from("Ticket ID,Customer ID,Opened,Resolved,Contacts\n");
    for k in 0..5 {
        writeln!(s, "E{k},E,2024-06-10,2024-06-11,1").unwrap();
    }
    for k in 0..10 {
        writeln!(s, "F{k},F,2024-05-15,2024-05-16,1").unwrap();
    }
    if future {
        // After the labelled months: A at 2024-09 and 2024-10 sees it (support 90).
        s.push_str("A1,A,2024-09-20,2024-09-21,1\n");
    }
    s
}

/// D answers NPS 0 on 2024-09-05, after the last labelled month.
const SMALL_SURVEYS: &str = "Customer ID,Date,Type,Score\nD,2024-09-05,NPS,0\n";

fn small_book(future: bool) -> Dataset {
    let mut files = vec![
        csv("mrr.csv", &small_mrr()),
        csv("customers.csv", SMALL_CUSTOMERS),
        csv("tickets.csv", &small_tickets(future)),
    ];
    if future {
        files.push(csv("surveys.csv", SMALL_SURVEYS));
    }
    import(&files).dataset
}

fn small_settings() -> Settings {
    let mut s = Settings::default();
    s.health.horizon = 2;
    s
}

fn run(d: &Dataset, min_events: u64) -> HealthReport {
    let opts = BacktestOptions { min_events, ..Default::default() };
    health_backtest(d, &small_settings(), &opts).unwrap()
}

#[test]
fn small_book_labels_auc_and_bands_by_hand() {
    let d = small_book(true);
    let r = run(&d, 1);
    assert_eq!(
        (r.months.from, r.months.to, r.at_risk_month),
        (m("2024-06"), m("2024-08"), m("2024-10"))
    );
    let b = &r.backtest;
    assert_eq!((b.rows, b.churned_rows, b.churn_events, b.unscored_rows), (15, 4, 3, 0));
    // AUC: churner rows B 57.69 x2, C 50, F 26.92 against 11 stayer rows (A 88.46 x3, C 50 x2,
    // D 69.23 x3, E 62.5 x3): 44 pairs. B: 9 stayers above each (A, D, E) -> 18; C: 9 above and
    // 2 ties (C's own stayed rows) -> 10; F: all 11 -> 11. (18 + 10 + 11) / 44.
    assert_eq!(b.auc, Some(39.0 / 44.0));
    // Utilization: churners B 20 x2, C 0, F 0; stayers A 100 x3, C 0 x2, D 50 x3 (E has none):
    // 32 pairs; B: 6 above each -> 12; C and F: 6 above + 2 ties -> 7 each. 26 / 32.
    let util = &b.components.0[0];
    assert_eq!((util.auc, util.rows), (Some(26.0 / 32.0), 12));
    // mrr_trend is 70 everywhere: all ties, 0.5.
    assert_eq!(b.components.0[2].auc, Some(0.5));
    // Bands: red F 1/1; yellow B 2 + C 3 + D 3 + E 3 = 11 rows, 3 churned; green A 3/0.
    assert_eq!((b.bands.red.rows, b.bands.red.churned, b.bands.red.churn_rate), (1, 1, Some(1.0)));
    assert_eq!(
        (b.bands.yellow.rows, b.bands.yellow.churned, b.bands.yellow.churn_rate),
        (11, 3, Some(3.0 / 11.0))
    );
    assert_eq!((b.bands.green.rows, b.bands.green.churn_rate), (3, Some(0.0)));
    // Green never churned: no lift to divide by.
    assert_eq!(b.lift_red_over_green, None);
    // Early warning: only C's churn (2024-10) has three scored months before it (07, 08, 09),
    // yellow (50) in each.
    let e = &b.early_warning;
    assert_eq!(e.churned, 1);
    assert!(e.months.iter().all(|x| (x.red, x.yellow, x.green, x.unscored) == (0, 1, 0, 0)));
    // Calibration by rank of 15 rows: F and C x3 (ranks 0-3) decile 1, 2 churned of 4;
    // B x2 (ranks 4-5: 40 / 15 -> decile 3) 2 of 2; E (rank 6) decile 5; D (9) 7; A (12) 9.
    let cal: Vec<(u32, u64, u64)> =
        b.calibration.iter().map(|d| (d.decile, d.rows, d.churned)).collect();
    assert_eq!(cal, [(1, 4, 2), (3, 2, 2), (5, 3, 0), (7, 3, 0), (9, 3, 0)]);
    // At risk at 2024-10: A (ticket 09-20: support 90) 5600 / 65 = 86.15; D with NPS 0:
    // (1250 + 0 + 1750 + 1500) / 85 = 52.94; E (tickets now 143 days old: support 100)
    // (1750 + 1500) / 40 = 81.25. D falls in decile 3 (50 < 52.94 <= 57.69): 100%; A and E in
    // decile 9: 0%, lowest score first.
    let ids: Vec<&str> = r.at_risk.iter().map(|c| c.customer_id.as_str()).collect();
    assert_eq!(ids, ["D", "E", "A"]);
    let dd = &r.at_risk[0];
    assert_eq!((dd.score, dd.churn_probability, dd.band), (4500.0 / 85.0, Some(1.0), "yellow"));
    let pulls: Vec<(&str, f64)> = dd.pulling_down.iter().map(|p| (p.component, p.value)).collect();
    assert_eq!(pulls, [("nps", 0.0), ("utilization", 50.0)]);
    assert_eq!(dd.last_touchpoint.map(|d| d.to_string()).as_deref(), Some("2024-09-05"));
    assert_eq!((dd.name.as_deref(), dd.csm.as_deref()), (Some("Delta"), Some("Bob")));
    assert_eq!(r.at_risk[2].score, 5600.0 / 65.0);
}

/// No look-ahead: the NPS answer and the ticket dated 2024-09 change nothing at 2024-06..08 (the
/// whole backtest is identical) but do change 2024-09 and 2024-10.
#[test]
fn rows_dated_after_t_do_not_change_the_score_at_t() {
    let (with, without) = (small_book(true), small_book(false));
    let s = small_settings().health;
    let first = m("2024-06");
    let a = build(&with, with.revenue.as_ref().unwrap(), first, &s, 2);
    let b = build(&without, without.revenue.as_ref().unwrap(), first, &s, 2);
    let (id_a, id_d) = (0u32, 3u32);
    for t in 0..3 {
        assert_eq!(a.get(id_d, t).unwrap().score, 4500.0 / 65.0);
        assert_eq!(a.get(id_d, t).unwrap().score, b.get(id_d, t).unwrap().score);
        assert_eq!(a.get(id_a, t).unwrap().options(), b.get(id_a, t).unwrap().options());
    }
    // 2024-09 (t = 3): D's NPS 0 counts, A's ticket counts.
    assert_eq!(a.get(id_d, 3).unwrap().score, 4500.0 / 85.0);
    assert_eq!(a.get(id_a, 3).unwrap().part(3), Some(90.0));
    assert_eq!(b.get(id_a, 3).unwrap().part(3), Some(100.0));
    // Labels: B churned at 06 and 07 with the churn in 2024-08 (t = 2); unknown from 2024-09.
    assert_eq!(a.get(1, 0).unwrap().label, Label::Churned { month: 2 });
    assert_eq!(a.get(1, 2).map(|r| r.score), None);
    assert_eq!(a.get(0, 3).unwrap().label, Label::Unknown);
    let (ra, rb) = (run(&with, 1), run(&without, 1));
    assert_eq!(ra.backtest.auc, rb.backtest.auc);
    assert_eq!(ra.backtest.bands, rb.backtest.bands);
}

/// The month-t scores equal the dashboard's `kpi::health::scores` for a period ending at t.
#[test]
fn snapshot_scores_equal_the_dashboard_on_the_demo() {
    let d = northstar::loader::load(&northstar::loader::Input::Demo, &Default::default())
        .unwrap()
        .dataset;
    let rev = d.revenue.as_ref().unwrap();
    let s = Settings::default().health;
    let first = rev.first.unwrap().plus(5);
    let snap = build(&d, rev, first, &s, 3);
    let book = Book::new(rev);
    let months = snap.months() as i32;
    assert!(months > 12);
    let mut compared = 0;
    for t in [0, 7, months / 2, months - 1] {
        let month = first.plus(t);
        for c in scores(&d, &book, Period { from: month, to: month }, &s) {
            let i = rev.ids.iter().position(|x| *x == c.customer_id).unwrap() as u32;
            let row = snap.get(i, t).expect("active at t");
            assert_eq!(row.score(), c.score, "{} at {month}", c.customer_id);
            assert_eq!(row.options(), [c.utilization, c.nps, c.mrr_trend, c.support, c.engagement]);
            compared += 1;
        }
    }
    assert!(compared > 400, "{compared}");
}

#[test]
fn too_few_churn_events_give_no_auc() {
    let r = run(&small_book(true), 20);
    let b = &r.backtest;
    assert_eq!(b.auc, None);
    assert_eq!(b.auc_ci, None);
    assert_eq!(
        b.reason.as_deref(),
        Some("3 churn events: fewer than 20, too few for an AUC to mean anything")
    );
    assert!(b.components.0.iter().all(|c| c.auc.is_none() && c.reason.is_some()));
    assert_eq!(r.suggested_weights, None);
    assert_eq!(
        r.suggested_weights_reason.as_deref(),
        Some("3 churn events: fewer than 20, too few to fit weights on")
    );
    // The band churn rates do not need 20 events.
    assert_eq!(b.bands.yellow.churn_rate, Some(3.0 / 11.0));
}

#[test]
fn cli_json_of_the_small_book() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "mrr.csv", &small_mrr());
    write(dir.path(), "customers.csv", SMALL_CUSTOMERS);
    write(dir.path(), "tickets.csv", &small_tickets(true));
    write(dir.path(), "surveys.csv", SMALL_SURVEYS);
    let files = ["mrr.csv", "customers.csv", "tickets.csv", "surveys.csv"];
    let mut args = vec!["health"];
    args.extend(files);
    args.extend(["--horizon", "2", "--json"]);
    let v = json(&northstar(dir.path(), &args));
    assert_eq!(v["horizon"], 2);
    assert_eq!(v["months"], serde_json::json!({"from": "2024-06", "to": "2024-08"}));
    let b = &v["backtest"];
    assert_eq!((b["rows"].as_u64(), b["churn_events"].as_u64()), (Some(15), Some(3)));
    assert!(b["auc"].is_null() && b["auc_ci"].is_null());
    assert!(b["reason"].as_str().unwrap().contains("fewer than 20"));
    for c in ["utilization", "nps", "mrr_trend", "support", "engagement"] {
        assert!(b["components"][c]["auc"].is_null(), "{c}");
    }
    assert_eq!(b["components"]["utilization"]["rows"], 12);
    assert_eq!(b["components"]["engagement"]["rows"], 0);
    assert_eq!(b["bands"]["red"], serde_json::json!({"rows": 1, "churned": 1, "churn_rate": 1.0}));
    assert_eq!(b["bands"]["yellow"]["churn_rate"].as_f64(), Some(3.0 / 11.0));
    assert!(b["lift_red_over_green"].is_null());
    assert_eq!(b["per_year"][0]["year"], 2024);
    // Decile 1 = F 26.92 and C 50 x3: mean 44.23, yellow.
    assert_eq!(b["calibration"][0]["band"], "yellow");
    assert_eq!(b["early_warning"]["months"][2]["before"], 3);
    assert!(v["suggested_weights"].is_null());
    assert!(v["suggested_weights_reason"].as_str().unwrap().contains("fewer than 20"));
    // 3 labelled months, H = 2: the test would be 2024-08 and training would have to end before
    // 2024-08 - 2 - 1 = 2024-05, before the first labelled month: no split.
    let f = &v["forward_auc"];
    assert!(f["train"].is_null() && f["test"].is_null() && f["current"].is_null());
    assert_eq!(
        f["reason"],
        "3 labelled months: too few to train on earlier months and test on later ones more than 2 months apart"
    );
    // No month has six months of revenue after it.
    assert!(v["nps_outcomes"]["months"].is_null());
    assert_eq!(v["nps_outcomes"]["detractor"]["rows"], 0);
    assert_eq!(v["at_risk_month"], "2024-10");
    assert_eq!(v["at_risk_total"], 3);
    let d = &v["at_risk"][0];
    assert_eq!((d["customer_id"].as_str(), d["mrr"].as_i64()), (Some("D"), Some(400)));
    assert_eq!(d["pulling_down"][0], serde_json::json!({"component": "nps", "value": 0.0}));
    assert_eq!(d["last_touchpoint"], "2024-09-05");
    let notes: Vec<&str> =
        v["notes"].as_array().unwrap().iter().filter_map(|n| n.as_str()).collect();
    assert!(notes.iter().any(|n| n.contains("no date")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("months 2024-09 .. 2024-10 are scored")), "{notes:?}");
    assert!(notes.iter().any(|n| n.contains("no activities table")), "{notes:?}");
    // Readable text too.
    let out = northstar(dir.path(), &["health", "mrr.csv", "customers.csv", "--horizon", "2"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("AUC none: 3 churn events"));
}

// ---------------------------------------------------------------------------------------------
// The generated book: churn caused by low utilization only.
// ---------------------------------------------------------------------------------------------

struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

/// 1500 customers over 2021-01 .. 2023-12, joining in the first 24 months. Utilization uniform
/// 0-100%; a customer below 40% churns with probability 8% a month, others 0.5%. MRR moves
/// randomly +-, NPS, tickets and engagement calls are random: none depends on churn.
fn generated() -> Vec<northstar::import::Source> {
    let mut r = Rng(0x2545_F491_4F6C_DD1D);
    let (mut mrr, mut cust, mut surveys, mut tickets, mut acts) = (
        String::from("Customer ID,Month,MRR\n"),
        String::from("Customer ID,Seats Purchased,Seats Active\n"),
        String::from("Customer ID,Date,Type,Score\n"),
        String::from("Ticket ID,Customer ID,Opened,Resolved,Contacts\n"),
        String::from("Date,Customer ID,Type\n"),
    );
    let month = |k: u64| format!("{}-{:02}", 2021 + k / 12, k % 12 + 1);
    for i in 0..1500 {
        let util = r.below(101);
        writeln!(cust, "G{i},100,{util}").unwrap();
        let mut v = 100 + r.below(900) as i64;
        for k in r.below(24)..36 {
            writeln!(mrr, "G{i},{},{v}", month(k)).unwrap();
            v = (v + r.below(41) as i64 - 20).max(10);
            let day = 1 + r.below(28);
            if r.below(3) == 0 {
                writeln!(surveys, "G{i},{}-{day:02},NPS,{}", month(k), r.below(11)).unwrap();
            }
            for t in 0..r.below(3) {
                writeln!(
                    tickets,
                    "T{i}-{k}-{t},G{i},{}-{day:02},{}-{day:02},1",
                    month(k),
                    month(k)
                )
                .unwrap();
            }
            if r.below(2) == 0 {
                writeln!(acts, "{}-{day:02},G{i},QBR", month(k)).unwrap();
            }
            let hazard = if util < 40 { 80 } else { 5 };
            if r.below(1000) < hazard {
                break;
            }
        }
    }
    vec![
        csv("mrr.csv", &mrr),
        csv("customers.csv", &cust),
        csv("surveys.csv", &surveys),
        csv("tickets.csv", &tickets),
        csv("activities.csv", &acts),
    ]
}

#[test]
fn generated_book_finds_the_one_cause() {
    let d = import(&generated()).dataset;
    let r = health_backtest(&d, &Settings::default(), &BacktestOptions::default()).unwrap();
    let b = &r.backtest;
    assert!(b.churn_events > 300, "{}", b.churn_events);
    let auc: Vec<f64> = b.components.0.iter().map(|c| c.auc.unwrap()).collect();
    assert!(auc[0] > 0.8, "utilization {auc:?}");
    for (k, a) in auc.iter().enumerate().skip(1) {
        assert!((a - 0.5).abs() <= 0.05, "component {k}: {auc:?}");
    }
    let w = r.suggested_weights.clone().unwrap();
    assert!(w.utilization > 50.0, "{w:?}");
    assert_eq!(w.utilization + w.nps + w.mrr_trend + w.support + w.engagement, 100.0);
    // Forward: weighting utilization ranks the later months better than the default weights.
    let f = &r.forward_auc;
    assert!(f.suggested.unwrap() > f.current.unwrap(), "{f:?}");
    // Red churns more than green.
    assert!(b.lift_red_over_green.unwrap_or(f64::INFINITY) > 1.0);
    let ci = b.auc_ci.unwrap();
    assert!(ci[0] <= b.auc.unwrap() && b.auc.unwrap() <= ci[1], "{ci:?}");
}

/// Forward validation: the rows trained on are all of months more than H before the first test
/// month (t + H < first test month), the rows scored all of test months; and rewriting everything from the first test month
/// on (every customer churns there) leaves the fitted weights as they were.
#[test]
fn forward_validation_never_trains_on_the_months_it_scores() {
    let sources = generated();
    let d = import(&sources).dataset;
    let rev = d.revenue.as_ref().unwrap();
    let s = Settings::default().health;
    let first = rev.first.unwrap().plus(5);
    let snap = build(&d, rev, first, &s, 3);
    let labelled = (first.until(rev.last.unwrap().plus(-3)) + 1) as u16;
    let sp = split(labelled, 3).unwrap();
    assert!(training_rows(&snap, sp).all(|r| r.t + 3 < sp.test.0 && r.t <= sp.train.1));
    assert!(test_rows(&snap, sp).all(|r| r.t >= sp.test.0));
    assert!(training_rows(&snap, sp).count() > 1000);
    let r = health_backtest(&d, &Settings::default(), &BacktestOptions::default()).unwrap();
    let f = &r.forward_auc;
    let (train, test) = (f.train.unwrap(), f.test.unwrap());
    assert_eq!((train.from, train.to.plus(4)), (first, test.from));
    assert_eq!(test.to, r.months.to);
    // Every customer's MRR dropped to 0 from the first test month on: the training rows and their
    // labels cannot see it, so the weights fitted on them do not move; the test months do.
    let cut = test.from;
    let mrr = &sources[0];
    let text = String::from_utf8(mrr.bytes.clone()).unwrap();
    let kept: String = text
        .lines()
        .filter(|l| l.split(',').nth(1).and_then(Month::parse_iso).is_none_or(|mo| mo < cut))
        .map(|l| format!("{l}\n"))
        .collect();
    // Keep the data's end where it was: one customer with revenue through the last month.
    let mut tail = String::new();
    for mo in Month::range(cut, rev.last.unwrap()) {
        writeln!(tail, "ZZ,{mo},1").unwrap();
    }
    let mut changed = sources.clone();
    changed[0] = csv("mrr.csv", &(kept + &tail));
    let d2 = import(&changed).dataset;
    let r2 = health_backtest(&d2, &Settings::default(), &BacktestOptions::default()).unwrap();
    assert_eq!(r2.forward_auc.train, f.train);
    assert_eq!(r2.forward_auc.weights, f.weights);
    assert_ne!(r2.backtest.churn_events, r.backtest.churn_events);
}

#[test]
fn same_seed_same_interval() {
    let d = import(&generated()).dataset;
    let ci = |seed| {
        let o = BacktestOptions { seed, replicates: 50, ..Default::default() };
        health_backtest(&d, &Settings::default(), &o).unwrap().backtest.auc_ci.unwrap()
    };
    assert_eq!(ci(7), ci(7));
    assert_ne!(ci(7), ci(8));
}
