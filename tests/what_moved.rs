//! What moved, on books worked out by hand: two segments (Ent: E1, E2; SMB: S1, S2), one-month
//! periods (March against February), NRR over the cohort paying just before each month.

mod common;

use common::engine::{csv, import};
use northstar::import::Imported;
use northstar::kpi::moved::{what_moved, WhatMoved};
use northstar::kpi::{self, ReportRequest};
use northstar::model::Month;
use northstar::settings::Settings;
use rust_decimal::Decimal;

const CUSTOMERS: &str = "Customer ID,Name,Segment\nE1,Echo One,Ent\nE2,Echo Two,Ent\nS1,Sierra One,SMB\nS2,Sierra Two,SMB\n";

fn book(mrr: &str) -> Imported {
    import(&[csv("mrr.csv", mrr), csv("customers.csv", CUSTOMERS)])
}

fn march() -> ReportRequest {
    ReportRequest {
        from: Month::parse_iso("2024-03"),
        to: Month::parse_iso("2024-03"),
        segment: None,
        with_details: false,
    }
}

fn moved(imp: &Imported, kpi: &str, by: Option<&str>) -> WhatMoved {
    what_moved(&imp.dataset, &march(), &Settings::default(), kpi, by).unwrap()
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// rate + mix over the groups and the movements add up to the change, to the last digit.
fn adds_up(w: &WhatMoved) {
    adds_up_to(w, Decimal::ZERO)
}

/// ... or to within `tol` (Decimal keeps 28 significant digits: adding parts of 27 decimals may
/// round the last one).
fn adds_up_to(w: &WhatMoved, tol: Decimal) {
    let change = w.change.unwrap();
    let groups: Decimal = w.by_group.iter().map(|g| g.rate_effect + g.mix_effect).sum();
    assert!((groups - change).abs() <= tol, "groups of {}: {groups} vs {change}", w.kpi);
    if !w.by_movement.is_empty() {
        let moves: Decimal = w.by_movement.iter().map(|m| m.effect).sum();
        assert!((moves - change).abs() <= tol, "movements of {}: {moves} vs {change}", w.kpi);
    }
}

fn groups(w: &WhatMoved) -> Vec<(String, Decimal, Decimal)> {
    w.by_group.iter().map(|g| (g.group.clone(), g.rate_effect, g.mix_effect)).collect()
}

fn movements(w: &WhatMoved) -> Vec<(&str, Decimal)> {
    w.by_movement.iter().map(|m| (m.movement, m.effect)).collect()
}

fn accounts(w: &WhatMoved) -> Vec<(String, Decimal)> {
    w.accounts.iter().map(|a| (a.customer_id.clone(), a.effect)).collect()
}

/// Mix shift, no rate change. February (cohort of January): E1 100 -> 120, S1 100 -> 80: NRR
/// 200/200 = 100%; Ent w 0.5 r 1.2, SMB w 0.5 r 0.8. E2 (180) and S2 (20) start in February.
/// March (cohort of February): Ent 300 -> 360 (E1 120 -> 144, E2 180 -> 216), SMB 100 -> 80 (S1
/// 80 -> 64, S2 20 -> 16): NRR 440/400 = 110%; Ent w 0.75 r 1.2, SMB w 0.25 r 0.8.
/// Rate effects 0; mix Ent (0.75 - 0.5) x 1.2 = 0.3, SMB (0.25 - 0.5) x 0.8 = -0.2: +0.1.
/// Movements: expansion 60/400 - 20/200 = +0.05, contraction -(20/400 - 20/200) = +0.05, churn 0.
/// Accounts (x = (end - start) / S): E1 24/400 - 20/200 = -0.04, E2 36/400 = 0.09, S1 -16/400 +
/// 20/200 = 0.06, S2 -4/400 = -0.01.
const MIX: &str = "Customer ID,Month,MRR\nE1,2024-01,100\nE1,2024-02,120\nE1,2024-03,144\nS1,2024-01,100\nS1,2024-02,80\nS1,2024-03,64\nE2,2024-02,180\nE2,2024-03,216\nS2,2024-02,20\nS2,2024-03,16\n";

#[test]
fn a_mix_shift_with_no_rate_change() {
    let w = moved(&book(MIX), "nrr", Some("segment"));
    assert_eq!((w.before, w.after, w.change), (Some(d("1")), Some(d("1.1")), Some(d("0.1"))));
    assert_eq!(groups(&w), [("Ent".into(), d("0"), d("0.3")), ("SMB".into(), d("0"), d("-0.2"))]);
    assert_eq!(
        movements(&w),
        [("expansion", d("0.05")), ("contraction", d("0.05")), ("churn", d("0"))]
    );
    assert_eq!(
        accounts(&w),
        [
            ("E2".into(), d("0.09")),
            ("S1".into(), d("0.06")),
            ("E1".into(), d("-0.04")),
            ("S2".into(), d("-0.01"))
        ]
    );
    assert_eq!(w.accounts.iter().map(|a| a.effect).sum::<Decimal>(), d("0.1"));
    adds_up(&w);
    assert_eq!(
        w.sentences,
        [
            "NRR rose from 100.0% to 110.0% (+10.0 pts).",
            "By movement: expansion +5.0 pts and contraction +5.0 pts.",
            "By segment, Ent explains the most: +30.0 pts (±0.0 pts rate, +30.0 pts mix).",
            "All of the change is mix: each group's own NRR stayed the same, their shares of starting MRR moved.",
            "The two accounts that raised it most: Echo Two (+9.0 pts) and Sierra One (+6.0 pts).",
        ]
    );
}

/// Rate change, no mix shift. February as above (NRR 100%; Ent 0.5 x 1.2, SMB 0.5 x 0.8). E2 (80)
/// and S2 (120) start in February, so each segment starts March with 200: weights 0.5 and 0.5.
/// March: Ent 200 -> 210 (E1 120 -> 130, E2 80 -> 80): r 1.05; SMB 200 -> 150 (S1 80 -> 0, S2 120
/// -> 150): r 0.75. NRR 360/400 = 90%, change -0.1. Rate: Ent 0.5 x (1.05 - 1.2) = -0.075, SMB
/// 0.5 x (0.75 - 0.8) = -0.025; mix 0. Movements: expansion 40/400 - 20/200 = 0, contraction
/// -(0 - 20/200) = +0.1, churn -(80/400) = -0.2. Accounts: E1 10/400 - 20/200 = -0.075, S1 -80/400
/// + 20/200 = -0.1, S2 30/400 = +0.075, E2 0.
const RATE: &str = "Customer ID,Month,MRR\nE1,2024-01,100\nE1,2024-02,120\nE1,2024-03,130\nS1,2024-01,100\nS1,2024-02,80\nE2,2024-02,80\nE2,2024-03,80\nS2,2024-02,120\nS2,2024-03,150\n";

#[test]
fn a_rate_change_with_no_mix_shift() {
    let w = moved(&book(RATE), "nrr", Some("segment"));
    assert_eq!((w.before, w.after, w.change), (Some(d("1")), Some(d("0.9")), Some(d("-0.1"))));
    assert_eq!(
        groups(&w),
        [("Ent".into(), d("-0.075"), d("0")), ("SMB".into(), d("-0.025"), d("0"))]
    );
    assert_eq!(
        movements(&w),
        [("expansion", d("0")), ("contraction", d("0.1")), ("churn", d("-0.2"))]
    );
    assert_eq!(
        accounts(&w),
        [("S1".into(), d("-0.1")), ("E1".into(), d("-0.075")), ("S2".into(), d("0.075"))]
    );
    adds_up(&w);
    assert_eq!(
        w.sentences,
        [
            "NRR fell from 100.0% to 90.0% (−10.0 pts).",
            "By movement: contraction +10.0 pts and churn −20.0 pts.",
            "Churn alone is more than the whole change; the other movements offset part of it.",
            "By segment, Ent explains the most: −7.5 pts (−7.5 pts rate, ±0.0 pts mix).",
            "All of the change is rate: each group's own NRR moved, their shares of starting MRR did not.",
            "The two accounts that lowered it most: Sierra One (−10.0 pts) and Echo One (−7.5 pts).",
        ]
    );
}

/// A segment empty in one period. February (cohort of January): E1 100 -> 110 only: NRR 110%, SMB
/// has no starting MRR and takes 110% as its rate there. S1 starts in February at 90. March
/// (cohort of February, 200): E1 110 -> 99 (r 0.9, w 0.55), S1 90 -> 108 (r 1.2, w 0.45): NRR
/// 207/200 = 103.5%, change -0.065. Ent: rate 0.55 x (0.9 - 1.1) = -0.11, mix (0.55 - 1) x 1.1 =
/// -0.495; SMB: rate 0.45 x (1.2 - 1.1) = 0.045, mix (0.45 - 0) x 1.1 = 0.495; together -0.065.
/// Rates add up to -0.065 and mixes to 0, but the shares moved (Ent 1 -> 0.55): not "did not
/// move". Movements: expansion 18/200 - 10/100 = -0.01,
/// contraction -11/200 = -0.055. Accounts: E1 -11/200 - 10/100 = -0.155, S1 18/200 = 0.09.
const EMPTY: &str = "Customer ID,Month,MRR\nE1,2024-01,100\nE1,2024-02,110\nE1,2024-03,99\nS1,2024-02,90\nS1,2024-03,108\n";

#[test]
fn a_segment_empty_in_one_period() {
    let w = moved(&book(EMPTY), "nrr", Some("segment"));
    assert_eq!(
        (w.before, w.after, w.change),
        (Some(d("1.1")), Some(d("1.035")), Some(d("-0.065")))
    );
    assert_eq!(
        groups(&w),
        [("Ent".into(), d("-0.11"), d("-0.495")), ("SMB".into(), d("0.045"), d("0.495"))]
    );
    let smb = &w.by_group[1];
    assert_eq!((smb.before, smb.weight_before), (Some(d("1.1")), Some(d("0"))));
    // 110% is February's overall NRR put in for SMB, not its own: marked so.
    assert!(smb.before_imputed && !smb.after_imputed);
    assert!(!w.by_group[0].before_imputed && !w.by_group[0].after_imputed);
    assert_eq!(
        movements(&w),
        [("expansion", d("-0.01")), ("contraction", d("-0.055")), ("churn", d("0"))]
    );
    assert_eq!(accounts(&w), [("E1".into(), d("-0.155")), ("S1".into(), d("0.09"))]);
    adds_up(&w);
    assert_eq!(
        w.sentences,
        [
            "NRR fell from 110.0% to 103.5% (−6.5 pts).",
            "By movement: expansion −1.0 pts and contraction −5.5 pts.",
            "Most of it is contraction.",
            "By segment, Ent explains the most: −60.5 pts (−11.0 pts rate, −49.5 pts mix).",
            "Across the groups, rate effects add up to −6.5 pts and the mix effects cancel out: the groups' shares of starting MRR moved, but all of the change is rate.",
            "The account that lowered it most: Echo One (−15.5 pts).",
        ]
    );
}

/// MRR of the mix book: February 120 + 80 + 180 + 20 = 400, March 144 + 64 + 216 + 16 = 440.
/// March's movements: expansion 24 + 36 = 60, contraction 16 + 4 = 20. A sum: each segment's own
/// change is its effect (Ent 300 -> 360: +60, SMB 100 -> 80: -20), no mix.
#[test]
fn mrr_splits_by_movement_segment_and_account() {
    let w = moved(&book(MIX), "mrr", Some("segment"));
    assert_eq!((w.before, w.after, w.change), (Some(d("400")), Some(d("440")), Some(d("40"))));
    assert_eq!(
        movements(&w),
        [
            ("new", d("0")),
            ("reactivation", d("0")),
            ("expansion", d("60")),
            ("contraction", d("-20")),
            ("churn", d("0"))
        ]
    );
    assert_eq!(groups(&w), [("Ent".into(), d("60"), d("0")), ("SMB".into(), d("-20"), d("0"))]);
    assert_eq!(
        accounts(&w),
        [
            ("E2".into(), d("36")),
            ("E1".into(), d("24")),
            ("S1".into(), d("-16")),
            ("S2".into(), d("-4"))
        ]
    );
    adds_up(&w);
    assert_eq!(
        w.sentences,
        [
            "MRR rose from $400 to $440 (+$40.00).",
            "By movement: expansion +$60.00 and contraction −$20.00.",
            "Expansion alone is more than the whole change; the other movements offset part of it.",
            "By segment, Ent explains the most: +$60.00.",
            "The two accounts that raised it most: Echo Two (+$36.00) and Echo One (+$24.00).",
        ]
    );
    // The numbers open their rows: the movement of March's contraction rows, the account its row.
    let parts = &w.sentence_parts;
    let link = |s: usize, text: &str| {
        parts[s].iter().find(|p| p.text == text).and_then(|p| p.link.clone()).unwrap()
    };
    let c = link(1, "−$20.00");
    assert_eq!(
        (c.kpi.as_str(), c.from.as_str(), c.to.as_str()),
        ("mrr_contraction", "2024-03", "2024-03")
    );
    assert_eq!(link(0, "$400").from, "2024-02");
    assert_eq!(link(3, "+$60.00").segment, Some(("segment".into(), "Ent".into())));
    assert_eq!(link(4, "+$36.00").customer.as_deref(), Some("E2"));
}

/// No survey: NPS is unknown in March and nothing is invented.
#[test]
fn an_unknown_kpi_says_why() {
    let w = moved(&book(MIX), "nps", None);
    assert_eq!((w.before, w.after, w.change), (None, None, None));
    assert_eq!(
        w.sentences,
        ["NPS cannot be compared: it has no value in Mar 2024 (needs table surveys with type NPS)."]
    );
    assert!(w.by_movement.is_empty() && w.accounts.is_empty());
    let e = what_moved(&book(MIX).dataset, &march(), &Settings::default(), "arpa", None);
    assert!(e.unwrap_err().to_string().contains("nrr, grr"));
    let e = what_moved(&book(MIX).dataset, &march(), &Settings::default(), "nrr", Some("colour"));
    assert!(e.unwrap_err().to_string().contains("colour; the data's attributes are segment"));
}

/// On the demo workbook, for every KPI and attribute: before and after are the report's values
/// (the KPI in the previous period and now), and every split adds up to the change.
#[test]
fn the_demo_agrees_with_the_report() {
    let data = import(&[northstar::demo::source()]).dataset;
    let s = Settings::default();
    // 2024-06 and 2024-07..09: the earlier period starts with (or before) the revenue data and the
    // surveys, so the report has no comparison for several KPIs: nor has what-moved.
    let periods = [
        (None, None),
        (Some("2026-08"), Some("2026-10")),
        (Some("2024-06"), Some("2024-06")),
        (Some("2024-07"), Some("2024-09")),
        // Months where logo churn, the expansion rate and GRR's accounts move by less than 0.05 pts.
        (Some("2025-06"), Some("2025-06")),
        (Some("2025-03"), Some("2025-03")),
        (Some("2024-10"), Some("2024-10")),
    ];
    for (from, to) in periods {
        let req = ReportRequest {
            from: from.and_then(Month::parse_iso),
            to: to.and_then(Month::parse_iso),
            segment: None,
            with_details: false,
        };
        let rep = kpi::report(&data, &req, &s).unwrap();
        for (id, _) in kpi::moved::measure::KPIS {
            for by in ["segment", "plan", "csm"] {
                let w = what_moved(&data, &req, &s, id, Some(by)).unwrap();
                let k = rep.kpis.get(id).unwrap();
                let prev = k.extra.iter().find(|e| e.0 == "previous").map(|e| e.1);
                assert_eq!(w.after, k.number(), "{id}");
                assert_eq!(w.before, prev, "{id}");
                let change = k.extra.iter().find(|e| e.0 == "change").map(|e| e.1);
                assert_eq!(w.change, change, "{id} {from:?}");
                // No change: one sentence, saying why.
                if w.change.is_none() && w.after.is_some() {
                    assert!(w.change_reason.is_some() && k.no_change.is_some(), "{id}");
                    assert_eq!(w.sentences.len(), 1, "{id}");
                    assert!(w.sentences[0].ends_with("so there is no change to explain."));
                }
                assert!(!w.sentences.is_empty());
                // Nothing that shows as ±0 is said to rise, fall, explain most or move it.
                let head = w.sentences.first().map(String::as_str).unwrap_or("");
                assert!(!head.contains('±'), "{id}: {head}");
                for s in &w.sentences {
                    assert!(!s.contains("explains the most: ±"), "{id}: {s}");
                    assert!(!(s.starts_with("By movement") && s.contains('±')), "{id}: {s}");
                    assert!(!(s.contains("accounts that") && s.contains('±')), "{id}: {s}");
                }
                // "Shares did not move" only when no group's share moved.
                let still = w.by_group.iter().all(|g| g.weight_before == g.weight_after);
                let said = w.sentences.iter().any(|s| s.contains("did not."));
                assert!(!said || still, "{id} {by}: {:?}", w.sentences);
                if w.change.is_some() {
                    adds_up_to(&w, Decimal::new(1, 18));
                    assert!(!w.by_group.is_empty(), "{id} {by}");
                }
            }
        }
    }
}

/// Against the same months a year earlier: the quarter Aug-Oct 2026 of the demo against Aug-Oct
/// 2025, whose value is the report's of that quarter (not of May-Jul 2026, the previous period);
/// the same as naming those months.
#[test]
fn against_the_same_months_a_year_earlier() {
    use kpi::moved::{what_moved_between, Against};
    let data = import(&[northstar::demo::source()]).dataset;
    let s = Settings::default();
    let req = |from: &str, to: &str| ReportRequest {
        from: Month::parse_iso(from),
        to: Month::parse_iso(to),
        segment: None,
        with_details: false,
    };
    let then = kpi::report(&data, &req("2025-08", "2025-10"), &s).unwrap();
    let now = req("2026-08", "2026-10");
    for id in ["nrr", "mrr", "nps"] {
        let w =
            what_moved_between(&data, &now, Against::YearEarlier, &s, id, Some("segment")).unwrap();
        assert_eq!(
            (w.before_period.from.as_str(), w.before_period.to.as_str()),
            ("2025-08", "2025-10")
        );
        assert_eq!(w.before, then.kpis.get(id).unwrap().number(), "{id}");
        adds_up_to(&w, Decimal::new(1, 18));
        let months = Against::Months(kpi::Period {
            from: Month::parse_iso("2025-08").unwrap(),
            to: Month::parse_iso("2025-10").unwrap(),
        });
        let named = what_moved_between(&data, &now, months, &s, id, Some("segment")).unwrap();
        assert_eq!(named.sentences, w.sentences);
    }
}

/// February against January, the first month of the mix book: net new MRR of February is
/// MRR(Feb) 120 + 80 + 180 + 20 = 400 less MRR(Jan) 100 + 100 = 200, i.e. $200; January's counts
/// every customer paying then as new, so (as the report's `previous`) there is no comparison.
#[test]
fn a_partial_earlier_period_is_not_compared() {
    let imp = book(MIX);
    let feb = ReportRequest {
        from: Month::parse_iso("2024-02"),
        to: Month::parse_iso("2024-02"),
        ..march()
    };
    let s = Settings::default();
    let w = what_moved(&imp.dataset, &feb, &s, "net_new_mrr", Some("segment")).unwrap();
    assert_eq!((w.before, w.after, w.change), (None, Some(d("200")), None));
    let rep = kpi::report(&imp.dataset, &feb, &s).unwrap();
    let k = rep.kpis.get("net_new_mrr").unwrap();
    assert!(k.extra.iter().all(|e| e.0 != "previous"));
    assert!(w.by_group.is_empty() && w.by_movement.is_empty() && w.accounts.is_empty());
    assert_eq!(
        w.sentences,
        ["Net new MRR is $200 in Feb 2024 but its value in Jan 2024 is partial: that period starts with the first month of the revenue data (2024-01), so there is no change to explain."]
    );
}

/// A change too small to show. E1 pays 1000 in January and February and 1000.3 in March: NRR of
/// February 1000/1000 = 100%, of March 1000.3/1000 = 100.03%: +0.03 pts, shown "±0.0 pts", so it
/// neither rose nor fell and nothing is said to explain it.
#[test]
fn a_change_that_rounds_to_zero_is_about_unchanged() {
    let imp = book("Customer ID,Month,MRR\nE1,2024-01,1000\nE1,2024-02,1000\nE1,2024-03,1000.3\n");
    let w = moved(&imp, "nrr", Some("segment"));
    assert_eq!((w.before, w.after, w.change), (Some(d("1")), Some(d("1.0003")), Some(d("0.0003"))));
    assert_eq!(w.sentences, ["NRR was about unchanged at 100.0% (100.0% in Feb 2024)."]);
}

/// The accounts named come from all accounts, not from the ten largest. A01..A10 pay 20 in
/// February and 10 in March (−$10 each); B01..B12 pay 10 then 19 (+$9 each). MRR 200 + 120 = 320
/// -> 100 + 228 = 328: +$8. The ten largest effects are the A's, all against the rise; the
/// accounts that raised it are the B's, +$9 each, named in id order.
#[test]
fn the_accounts_named_are_from_all_accounts() {
    let mut mrr = String::from("Customer ID,Month,MRR\n");
    for k in 1..=10 {
        mrr.push_str(&format!("A{k:02},2024-02,20\nA{k:02},2024-03,10\n"));
    }
    for k in 1..=12 {
        mrr.push_str(&format!("B{k:02},2024-02,10\nB{k:02},2024-03,19\n"));
    }
    let w = moved(&book(&mrr), "mrr", None);
    assert_eq!(w.change, Some(d("8")));
    assert!(w.accounts.iter().all(|a| a.effect == d("-10")) && w.accounts.len() == 10);
    assert_eq!(w.drivers.len(), 10);
    assert_eq!(
        w.sentences.last().unwrap(),
        "The three accounts that raised it most: B01 (+$9.00), B02 (+$9.00) and B03 (+$9.00)."
    );
}

/// The text table of the empty-segment book: SMB's February NRR is the overall 110.0% put in
/// for it (no starting MRR then), marked, and the heading names the attribute as the sentence does.
#[test]
fn the_text_table_marks_an_imputed_value() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "mrr.csv", EMPTY);
    common::write(dir.path(), "customers.csv", CUSTOMERS);
    let args = ["report", "mrr.csv", "customers.csv", "--from", "2024-03", "--to", "2024-03"];
    let mut a = args.to_vec();
    a.extend(["--what-moved", "nrr", "--by", "segment"]);
    let out = common::northstar(dir.path(), &a);
    let text = String::from_utf8_lossy(&out.stdout);
    let smb = text.lines().find(|l| l.trim_start().starts_with("SMB")).unwrap();
    assert!(smb.contains("— (110.0%)*") && smb.contains("120.0%"), "{smb}");
    assert!(text.contains("* no starting MRR then: the overall value is used"), "{text}");
    assert!(text.contains("\nBy segment\n"));
}

/// The command line prints the mix book's WhatMoved as JSON (the fields), and refuses an
/// id it cannot explain with exit 2, listing the ones it can.
#[test]
fn the_cli_prints_the_json() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "mrr.csv", MIX);
    common::write(dir.path(), "customers.csv", CUSTOMERS);
    let args = [
        "report",
        "mrr.csv",
        "customers.csv",
        "--from",
        "2024-03",
        "--to",
        "2024-03",
        "--what-moved",
        "nrr",
        "--by",
        "segment",
        "--json",
    ];
    let v = common::json(&common::northstar(dir.path(), &args));
    assert_eq!(
        (v["kpi"].as_str(), v["before"].as_f64(), v["after"].as_f64(), v["change"].as_f64()),
        (Some("nrr"), Some(1.0), Some(1.1), Some(0.1))
    );
    assert_eq!(
        v["by_movement"],
        serde_json::json!([
            {"movement": "expansion", "effect": 0.05},
            {"movement": "contraction", "effect": 0.05},
            {"movement": "churn", "effect": 0}
        ])
    );
    assert_eq!(v["by_group"][0]["group"], "Ent");
    assert_eq!(
        (v["by_group"][0]["rate_effect"].as_f64(), v["by_group"][0]["mix_effect"].as_f64()),
        (Some(0.0), Some(0.3))
    );
    assert_eq!(
        v["accounts"][0],
        serde_json::json!({"customer_id": "E2", "name": "Echo Two", "effect": 0.09})
    );
    assert_eq!(v["sentences"][0], "NRR rose from 100.0% to 110.0% (+10.0 pts).");
    assert_eq!(v["before_period"]["from"], "2024-02");
    // Any earlier period: January's NRR has no cohort (nothing paid in December).
    let mut before = args.to_vec();
    before.extend(["--before-from", "2024-01", "--before-to", "2024-01"]);
    let v = common::json(&common::northstar(dir.path(), &before));
    assert_eq!(v["before"], serde_json::Value::Null);
    assert_eq!(
        v["sentences"][0],
        "NRR is 110.0% in Mar 2024 but has no value in Jan 2024 (revenue data starts 2024-01: no customers are known before the period), so there is no change to explain."
    );
    let out = common::northstar(dir.path(), &["report", "mrr.csv", "--what-moved", "arpa"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("it explains mrr, arr, net_new_mrr"));
}

/// NPS by segment. February: E1 10 (promoter), S1 3 (detractor): NPS 100 x (1 - 1) / 2 = 0; Ent
/// 100 (w 0.5), SMB -100 (w 0.5). March: E1 9, E2 10 (promoters), S1 8 (passive), S2 2
/// (detractor): NPS 100 x (2 - 1) / 4 = 25; Ent 100 (w 0.5), SMB -50 (w 0.5). Rate: Ent 0, SMB
/// 0.5 x (-50 + 100) = 25; mix 0. Accounts (100 x (promoter - detractor) / responses): E1 25 -
/// 50 = -25, E2 +25, S1 0 + 50 = +50, S2 -25; together +25.
#[test]
fn nps_splits_by_segment_and_account() {
    let surveys = "Customer ID,Date,Type,Score\nE1,2024-02-03,NPS,10\nS1,2024-02-10,NPS,3\nE1,2024-03-03,NPS,9\nE2,2024-03-04,NPS,10\nS1,2024-03-05,NPS,8\nS2,2024-03-06,NPS,2\n";
    let imp = import(&[
        csv("mrr.csv", MIX),
        csv("customers.csv", CUSTOMERS),
        csv("surveys.csv", surveys),
    ]);
    let w = moved(&imp, "nps", Some("segment"));
    assert_eq!((w.before, w.after, w.change), (Some(d("0")), Some(d("25")), Some(d("25"))));
    assert!(w.by_movement.is_empty());
    assert_eq!(groups(&w), [("SMB".into(), d("25"), d("0")), ("Ent".into(), d("0"), d("0"))]);
    assert_eq!(
        accounts(&w),
        [
            ("S1".into(), d("50")),
            ("E1".into(), d("-25")),
            ("E2".into(), d("25")),
            ("S2".into(), d("-25"))
        ]
    );
    adds_up(&w);
    assert_eq!(
        w.sentences,
        [
            "NPS rose from 0.0 to 25.0 (+25.0).",
            "By segment, SMB explains the most: +25.0 (+25.0 rate, ±0.0 mix).",
            "All of the change is rate: each group's own NPS moved, their shares of responses did not.",
            "The two accounts that raised it most: Sierra One (+50.0) and Echo Two (+25.0).",
        ]
    );
}
