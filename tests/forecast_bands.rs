//! Forecast ranges and the backtest (issue 20): the engine on generated books and on hand-made
//! observed months, with the figures worked out by hand in the comments.

mod common;

use common::engine::{csv, import};
use northstar::forecast::backtest::{backtest, BacktestOptions};
use northstar::forecast::bands::{self, bootstrap, observed, BandsOptions};
use northstar::forecast::{baseline, run, Scenario, ScenarioInput};
use northstar::kpi::{self, ReportRequest};
use northstar::model::{Dataset, Month};
use northstar::settings::Settings;
use std::collections::BTreeSet;

/// A book of 1000 customers at 100 a month, `months` months from 2023-01. Every month from the
/// second, `churn(m)` customers at 100 churn (spread evenly over the list, oldest first, so that
/// old and new customers churn alike), 50 new ones join at 100, the 20 customers at 150 go back to
/// 100 and the 20 oldest others go up to 150. With churn 50: 1000 customers and MRR
/// 980 x 100 + 20 x 150 = 101,000 at every month end.
fn book(months: u32, churn: impl Fn(u32) -> usize) -> String {
    let mut active: Vec<(u32, u32)> =
        (0..1000).map(|i| (i, if i >= 980 { 150 } else { 100 })).collect();
    let mut next_id = 1000;
    let mut out = String::from("Customer ID,Month,MRR\r\n");
    let start = Month::new(2023, 1).unwrap();
    let mut write = |m: u32, active: &[(u32, u32)]| {
        let label = start.plus(m as i32 - 1);
        for (id, mrr) in active {
            out.push_str(&format!("C{id},{label},{mrr}\r\n"));
        }
    };
    write(1, &active);
    for m in 2..=months {
        let len = active.len();
        let count = churn(m);
        let mut chosen = vec![false; len];
        for j in 0..count {
            let mut p = (m as usize % 20 + j * len / count) % len;
            while chosen[p] || active[p].1 != 100 {
                p = (p + 1) % len;
            }
            chosen[p] = true;
        }
        // The 20 oldest customers at 100 that stay go up to 150 (old customers, so that the
        // customers of a 12-month cohort expand as the whole book does).
        let mut up = Vec::new();
        for p in 0..len {
            if up.len() < 20 && !chosen[p] && active[p].1 == 100 {
                up.push(p);
            }
        }
        for c in active.iter_mut() {
            if c.1 == 150 {
                c.1 = 100;
            }
        }
        for p in up {
            active[p].1 = 150;
        }
        let mut k = 0;
        active.retain(|_| {
            k += 1;
            !chosen[k - 1]
        });
        for _ in 0..50 {
            active.push((next_id, 100));
            next_id += 1;
        }
        write(m, &active);
    }
    out
}

fn dataset(text: &str) -> Dataset {
    import(&[csv("mrr.csv", text)]).dataset
}

fn report(d: &Dataset, from: &str, to: &str) -> kpi::Report {
    let req = ReportRequest {
        from: Month::parse_iso(from),
        to: Month::parse_iso(to),
        segment: None,
        with_details: false,
    };
    kpi::report(d, &req, &Settings::default()).unwrap()
}

fn close(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * b.abs().max(1e-300)
}

#[test]
fn observed_rates_of_a_constant_book_by_hand() {
    let d = dataset(&book(30, |_| 50));
    let r = report(&d, "2024-07", "2025-06");
    let obs = observed::from_series(&r.mrr_series, Month::new(2025, 6).unwrap(), 24);
    // The 24 months 2023-07 .. 2025-06, all with customers the month before.
    assert_eq!(obs.months.len(), 24);
    assert_eq!(obs.months[0].month, "2023-07");
    // Each month: 1000 customers and 101,000 MRR before; 50 churn (5,000), 20 contract by 50
    // (1,000), 20 expand by 50 (1,000), 50 new at 100. GRR = 95,000 / 101,000, NRR = 96,000 /
    // 101,000; the loss is 5/6 churn: c_r = 1 - GRR^(5/6), k = 1 - GRR^(1/6),
    // e = NRR / (1 - c_r) - 1 + k.
    let grr: f64 = 95_000.0 / 101_000.0;
    let nrr = 96_000.0 / 101_000.0;
    let (c_r, k) = (1.0 - grr.powf(5.0 / 6.0), 1.0 - grr.powf(1.0 / 6.0));
    let e = nrr / (1.0 - c_r) - 1.0 + k;
    for m in &obs.months {
        assert_eq!(m.monthly_churn, 0.05);
        assert!(close(m.monthly_revenue_churn, c_r, 1e-12), "{m:?}");
        assert!(close(m.monthly_contraction, k, 1e-12));
        assert!(close(m.monthly_expansion, e, 1e-12));
        assert_eq!((m.new_customers_per_month, m.new_customer_arpa), (50.0, Some(100.0)));
        // Every month the same, to the bit: nothing for the bootstrap to vary.
        assert_eq!(m.monthly_revenue_churn, obs.months[0].monthly_revenue_churn);
    }
    // c_r = 0.049756..., k = 0.010155..., e = 0.010419...: numbers, not only the formula.
    assert!((c_r - 0.049_756).abs() < 1e-6 && (k - 0.010_155).abs() < 1e-6, "{c_r} {k}");
    assert!((e - 0.010_419).abs() < 1e-6, "{e}");
    // The same rates as the baseline of a one-month period (L = 1).
    let one = baseline::from_report(&report(&d, "2025-03", "2025-03"), &Settings::default());
    let m = &obs.months[20];
    assert_eq!(m.month, "2025-03");
    assert_eq!(one.inputs.monthly_churn, Some(m.monthly_churn));
    assert!(close(one.inputs.monthly_revenue_churn.unwrap(), m.monthly_revenue_churn, 1e-15));
    assert!(close(one.inputs.monthly_expansion.unwrap(), m.monthly_expansion, 1e-15));
    assert!(close(one.inputs.monthly_contraction.unwrap(), m.monthly_contraction, 1e-15));
    assert_eq!(one.inputs.new_customers_per_month, Some(50.0));
}

/// Rates that never vary: every path is the same path, the deterministic forecast of the centre.
/// P10 = P50 = P90 to the bit; equal to the deterministic (exact decimal) forecast to 1e-9
/// relative, not exactly: the paths run in f64 and the model in decimals (about 1e-15 apart).
#[test]
fn constant_rates_give_the_deterministic_forecast_at_every_level() {
    let d = dataset(&book(30, |_| 50));
    let r = report(&d, "2024-07", "2025-06");
    let s = baseline::from_report(&r, &Settings::default()).inputs.validate().unwrap();
    let obs = observed::from_series(&r.mrr_series, Month::new(2025, 6).unwrap(), 24);
    let b = bands::bands(&obs, &s, &BandsOptions::default()).unwrap();
    assert_eq!(b.p10, b.p50);
    assert_eq!(b.p50, b.p90);
    assert_eq!(b.observed.clamped, 0);
    let f = run(&s);
    let dec = |x: rust_decimal::Decimal| northstar::kpi::value::to_f64(x);
    assert_eq!(b.p50.years.len(), 5);
    for (y, q) in f.years.iter().zip(&b.p50.years) {
        assert!(close(q.arr, dec(y.arr.0), 1e-9), "{} vs {}", q.arr, y.arr.0);
        assert!(close(q.customers, dec(y.customers.0), 1e-9));
        assert!(close(q.nrr, dec(y.nrr.0), 1e-9));
        assert!(close(q.grr, dec(y.grr.0), 1e-9));
    }
    for (m, q) in f.months.iter().zip(&b.p50.months) {
        assert!(close(q.mrr, dec(m.mrr.0), 1e-9));
    }
    assert!(close(b.p50.clv.unwrap(), dec(f.clv.unwrap().0), 1e-9));
    assert!(close(b.p50.clv_horizon, dec(f.clv_horizon.0), 1e-9));
    // Year 1 starts from the book's 101,000 MRR and 1000 customers.
    assert_eq!(s.start_mrr, 101_000.into());
}

/// Two regimes taking turns month by month. A: c = c_r = 1/16, e = 1/32, k = 0; B: c = c_r = 1/8,
/// e = k = 0; both 15 new customers at 100. The centre is their mean (c = 3/32, e = 1/64: exact
/// in binary), so the shift is 0 and every drawn month is exactly A or B.
fn regimes() -> (observed::ObservedRates, Scenario, Scenario, Scenario) {
    let month = |i: usize| {
        let a = i.is_multiple_of(2);
        observed::MonthRates {
            month: format!("m{i}"),
            monthly_churn: if a { 0.0625 } else { 0.125 },
            monthly_revenue_churn: if a { 0.0625 } else { 0.125 },
            monthly_expansion: if a { 0.03125 } else { 0.0 },
            monthly_contraction: 0.0,
            new_customers_per_month: 15.0,
            new_customer_arpa: Some(100.0),
        }
    };
    let obs = observed::ObservedRates { months: (0..24).map(month).collect() };
    let scenario = |c: f64, e: f64| {
        ScenarioInput {
            start_mrr: Some(20_000.0),
            start_customers: Some(200.0),
            monthly_churn: Some(c),
            monthly_expansion: Some(e),
            new_customers_per_month: Some(15.0),
            new_customer_arpa: Some(100.0),
            years: Some(3.0),
            ..Default::default()
        }
        .validate()
        .unwrap()
    };
    (obs, scenario(0.09375, 0.015625), scenario(0.0625, 0.03125), scenario(0.125, 0.0))
}

/// A block of 3 starting at an A month (even index) is A B A, at a B month B A B, each with
/// chance 1/2 (the circular bootstrap wraps 23 -> 0, so B A B too). Year 1 is 4 whole blocks, so
/// it holds 4 + X A months, X ~ Binomial(4, 1/2): P(X <= 0) = 1/16, P(X <= 1) = 5/16,
/// P(X <= 2) = 11/16, P(X <= 3) = 15/16. Of 10,000 paths, P10 (order statistics 999 and 1000) has
/// X = 1, P50 (4999, 5000) X = 2, P90 (8999, 9000) X = 3, well inside those steps. A's month keeps
/// (15/16)(33/32) = 495/512 of the book, B's 7/8; so year-1 NRR P10 = (495/512)^5 (7/8)^7,
/// P50 = (495/512)^6 (7/8)^6, P90 = (495/512)^7 (7/8)^5; GRR the same with A's 15/16.
#[test]
fn two_alternating_regimes_by_hand() {
    let (obs, centre, a, b) = regimes();
    let bands = bands::bands(&obs, &centre, &BandsOptions::default()).unwrap();
    assert!(bands.observed.shift.to_array().iter().all(|x| *x == 0.0), "{:?}", bands.observed);
    let (ka, kb): (f64, f64) = (495.0 / 512.0, 7.0 / 8.0);
    let nrr = |n: i32| ka.powi(n) * kb.powi(12 - n);
    let grr = |n: i32| (15.0f64 / 16.0).powi(n) * kb.powi(12 - n);
    let y1 = [&bands.p10.years[0], &bands.p50.years[0], &bands.p90.years[0]];
    for (q, n) in y1.iter().zip([5, 6, 7]) {
        assert!(close(q.nrr, nrr(n), 1e-12), "{} vs {}", q.nrr, nrr(n));
        assert!(close(q.grr, grr(n), 1e-12));
    }
    // The paths reach both ends the blocks allow: 4 and 8 A months (each 1/16 of the paths).
    let (sim, _) = bands::simulate(&obs, &centre, &BandsOptions::default()).unwrap();
    let year1 = &sim.nrr[..sim.paths];
    let lo = year1.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = year1.iter().copied().fold(0.0, f64::max);
    assert!(close(lo, nrr(4), 1e-12) && close(hi, nrr(8), 1e-12), "{lo} {hi}");
    // Each regime's own deterministic forecast bounds the bands every year: a path mixes A and B
    // months and its MRR rises with every month's keep, so all-B <= P10 < P50 < P90 <= all-A.
    // (All-A itself is outside P10..P90: it needs every block to be A B A... and still has B
    // months, so no path of the block bootstrap reaches it.)
    let (fa, fb) = (run(&a), run(&b));
    let dec = northstar::kpi::value::to_f64;
    for y in 0..3 {
        let (p10, p50, p90) = (&bands.p10.years[y], &bands.p50.years[y], &bands.p90.years[y]);
        assert!(dec(fb.years[y].arr.0) <= p10.arr && p10.arr < p50.arr && p50.arr < p90.arr);
        assert!(p90.arr <= dec(fa.years[y].arr.0), "year {y}");
        assert!(dec(fb.years[y].nrr.0) <= p10.nrr && p90.nrr <= dec(fa.years[y].nrr.0));
    }
}

/// The paths draw only observed months, in circular blocks of 3, every month about as often; the
/// simulation uses exactly the bootstrap's draws (read back from the customers: with no churn,
/// month t adds n_i customers, and month i of the table has n_i = i + 1).
#[test]
fn the_bootstrap_draws_only_observed_months() {
    let draws = bootstrap::indices(5, 2_000, 7, 60);
    let mut count = [0usize; 7];
    for path in &draws {
        for block in path.chunks(3) {
            for w in block.windows(2) {
                assert_eq!(w[1], (w[0] + 1) % 7, "{block:?}");
            }
        }
        for i in path {
            count[*i] += 1;
        }
    }
    // 120,000 draws, 1/7 each: 17,143 expected, a standard deviation of about 121.
    assert!(count.iter().all(|c| c.abs_diff(17_143) < 1_000), "{count:?}");
    let obs = observed::ObservedRates {
        months: (0..7)
            .map(|i| observed::MonthRates {
                month: format!("m{i}"),
                monthly_churn: 0.0,
                monthly_revenue_churn: 0.0,
                monthly_expansion: 0.0,
                monthly_contraction: 0.0,
                new_customers_per_month: (i + 1) as f64,
                new_customer_arpa: Some(1.0),
            })
            .collect(),
    };
    let s = ScenarioInput {
        start_mrr: Some(0.0),
        start_customers: Some(1.0),
        monthly_churn: Some(0.0),
        new_customers_per_month: Some(4.0), // the mean of 1..7: no shift
        new_customer_arpa: Some(1.0),
        years: Some(5.0),
        ..Default::default()
    }
    .validate()
    .unwrap();
    let (sim, _) = bands::simulate(&obs, &s, &BandsOptions { paths: 2_000, seed: 5 }).unwrap();
    for (p, path) in draws.iter().enumerate() {
        let mut before = 1.0;
        for (t, i) in path.iter().enumerate() {
            let now = sim.customers[t * sim.paths + p];
            assert_eq!(now - before, (*i + 1) as f64);
            before = now;
        }
    }
    let used: BTreeSet<usize> = draws.iter().flatten().copied().collect();
    assert_eq!(used, (0..7).collect());
}

#[test]
fn the_same_seed_gives_the_same_numbers() {
    let (obs, centre, _, _) = regimes();
    let opts = |seed| BandsOptions { paths: 1_000, seed };
    let one = bands::bands(&obs, &centre, &opts(1)).unwrap();
    assert_eq!(one, bands::bands(&obs, &centre, &opts(1)).unwrap());
    let two = bands::bands(&obs, &centre, &opts(2)).unwrap();
    assert_ne!(one.p10.months, two.p10.months);
    // Too few months for one block is an error, not a range.
    let short = observed::ObservedRates { months: obs.months[..2].to_vec() };
    assert_eq!(
        bands::bands(&short, &centre, &opts(1)).unwrap_err(),
        bands::BandsError::TooFewMonths(2)
    );
}

/// The constant book, 36 months: the last 12 month ends before the end (2024-12 .. 2025-11) each
/// forecast the next 12 months. MRR stays at 101,000; the baseline calibrated to 12 months of
/// cohort retention forecasts it within rounding of the cohort's survivors, so MAPE is near 0
/// (under 0.2% at every horizon), and the bands, all one path, equal the forecast.
#[test]
fn backtest_of_a_constant_book_has_errors_near_zero() {
    let d = dataset(&book(36, |_| 50));
    let opts =
        BacktestOptions { bands: BandsOptions { paths: 500, seed: 1 }, ..Default::default() };
    let b = backtest(&d, &Settings::default(), &opts).unwrap();
    assert_eq!(b.origins.len(), 12);
    assert_eq!(
        (b.origins[0].origin.as_str(), b.origins[11].origin.as_str()),
        ("2024-12", "2025-11")
    );
    assert!(b.skipped.is_empty());
    // Horizon h has 13 - h origins with an actual month.
    let pairs: Vec<usize> = b.horizons.iter().map(|h| h.pairs).collect();
    assert_eq!(pairs, (1..=12).rev().collect::<Vec<_>>());
    assert_eq!(b.overall.pairs, 78);
    // Measured: 0.01% at h = 1 growing to 0.11% at h = 12 (the cohort's whole customers do not
    // survive exactly as 0.95^12 of them would). The one-path bands miss by that much, so their
    // coverage is 0 here: coverage means something only where the months vary.
    for h in &b.horizons {
        assert!(h.mape.unwrap() < 0.002, "{h:?}");
    }
    let p = &b.origins[0].points[0];
    assert_eq!((p.month.as_str(), p.actual), ("2025-01", Some(101_000.0)));
    assert_eq!(p.p10, p.p90);
}

/// The same book whose churn doubles from 2025-07 (100 a month instead of 50, new still 50): that
/// month's MRR is 101,000 - 10,000 - 1,000 + 1,000 + 5,000 = 96,000 where the forecasts made
/// before it expect about 101,000: an error of about +5.2% (101,000 / 96,000 - 1), the first
/// month any origin's error passes 2%.
#[test]
fn backtest_shows_the_error_where_the_regime_changes() {
    let change = 31; // 2025-07
    let d = dataset(&book(36, |m| if m >= change { 100 } else { 50 }));
    let opts =
        BacktestOptions { bands: BandsOptions { paths: 500, seed: 1 }, ..Default::default() };
    let b = backtest(&d, &Settings::default(), &opts).unwrap();
    for o in b.origins.iter().filter(|o| o.origin.as_str() < "2025-07") {
        let first_big =
            o.points.iter().find(|p| p.actual.is_some_and(|a| ((p.forecast - a) / a).abs() > 0.02));
        assert_eq!(first_big.map(|p| p.month.as_str()), Some("2025-07"), "{}", o.origin);
        let at = o.points.iter().find(|p| p.month == "2025-07").unwrap();
        assert_eq!(at.actual, Some(96_000.0));
        let err = at.forecast / 96_000.0 - 1.0;
        assert!((0.04..0.065).contains(&err), "{} {err}", o.origin);
        // And it keeps growing: the next month loses another 5,000.
        let next = o.points.iter().find(|p| p.month == "2025-08");
        if let Some(n) = next {
            assert_eq!(n.actual, Some(91_000.0));
            assert!(n.forecast / 91_000.0 - 1.0 > err);
        }
    }
    // The bias of the first horizon: origins before the change are right, those after it are
    // behind the falling MRR: positive.
    assert!(b.horizons[0].bias.unwrap() > 0.0);
}

/// The command line on the demo workbook: the ranges beside the baseline, with a scenario, the
/// chance of a goal-seek target, and the backtest.
#[test]
fn cli_bands_goal_seek_and_backtest() {
    use common::{json, northstar};
    let dir = tempfile::tempdir().unwrap();
    let out = json(&northstar(
        dir.path(),
        &["forecast", "--data", "--bands", "--paths", "2000", "--seed", "3", "--json"],
    ));
    let b = &out["bands"];
    assert_eq!((b["paths"].as_u64(), b["seed"].as_u64()), (Some(2000), Some(3)));
    assert_eq!((b["block_length"].as_u64(), b["circular"].as_bool()), (Some(3), Some(true)));
    assert_eq!(b["observed"]["months"].as_u64(), Some(24));
    assert_eq!(b["observed"]["rates"].as_array().unwrap().len(), 24);
    // The centre is the baseline's input (through the scenario's decimals: to 1e-12).
    let centre = b["observed"]["centre"]["monthly_churn"].as_f64().unwrap();
    assert!(close(centre, out["inputs"]["monthly_churn"]["value"].as_f64().unwrap(), 1e-12));
    for y in 0..5 {
        let q = |l: &str, k: &str| b[l]["years"][y][k].as_f64().unwrap();
        for k in ["arr", "customers", "nrr", "grr"] {
            assert!(q("p10", k) <= q("p50", k) && q("p50", k) <= q("p90", k), "{k} {y}");
        }
        // P50 near the deterministic forecast: within 5% for the demo's volatility.
        let det = out["years"][y]["arr"].as_f64().unwrap();
        assert!((q("p50", "arr") / det - 1.0).abs() < 0.05);
    }
    assert_eq!(b["p50"]["months"].as_array().unwrap().len(), 60);

    std::fs::write(
        dir.path().join("s.json"),
        r#"{"start_mrr": 100000, "start_customers": 100, "monthly_churn": 0.01, "years": 2}"#,
    )
    .unwrap();
    let out = json(&northstar(
        dir.path(),
        &["forecast", "s.json", "--data", "--bands", "--paths", "500", "--json"],
    ));
    assert_eq!(out["scenario"], "s.json");
    assert_eq!(out["bands"]["observed"]["centre"]["monthly_churn"].as_f64(), Some(0.01));
    assert_eq!(out["bands"]["p90"]["years"].as_array().unwrap().len(), 2);

    let out = json(&northstar(
        dir.path(),
        &[
            "goal-seek",
            "s.json",
            "--target",
            "nrr=0.9",
            "--vary",
            "monthly_churn",
            "--data",
            "--bands",
            "--paths",
            "500",
            "--json",
        ],
    ));
    let c = &out["chance"];
    assert_eq!(
        (c["metric"].as_str(), c["year"].as_u64(), c["paths"].as_u64()),
        (Some("nrr"), Some(1), Some(500))
    );
    for k in ["as_is", "at_value"] {
        let x = c[k].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&x), "{k} {x}");
    }
    assert!(out["value"].as_f64().is_some());

    let out = json(&northstar(dir.path(), &["backtest", "--paths", "500", "--json"]));
    assert_eq!(out["horizons"].as_array().unwrap().len(), 12);
    assert_eq!(out["origins"].as_array().unwrap().len(), 12);
    assert_eq!(out["overall"]["horizon"].as_u64(), Some(0));
    let p = &out["origins"][0]["points"][0];
    for k in ["forecast", "p10", "p50", "p90", "actual"] {
        assert!(p[k].as_f64().is_some(), "{k}");
    }
    let bad = northstar(dir.path(), &["forecast", "s.json", "--bands"]);
    assert_eq!(bad.status.code(), Some(2));
}
