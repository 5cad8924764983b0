//! Benchmark of the health score backtest (issue 19) on the 20,000-customer x 60-month workbook of
//! `gen_large` (200,000 survey responses, 100,000 tickets): the whole backtest — point-in-time
//! scores of every customer-month, labels, AUCs with a 200-replicate bootstrap, calibration, early
//! warning, suggested weights with the forward validation, NPS outcomes, the at-risk list. The
//! import is not timed. Prints figures; target < 2 s.
//! `cargo bench --no-default-features --bench health -- [BOOK.xlsx]` (default
//! target/bench-data/c20000/book.xlsx; write it with
//! `cargo run --release --no-default-features --example gen_large -- target/bench-data 20000`).

use northstar::health::{health_backtest, BacktestOptions};
use northstar::settings::Settings;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let book = args.first().cloned().unwrap_or_else(|| "target/bench-data/c20000/book.xlsx".into());
    if !std::path::Path::new(&book).exists() {
        eprintln!(
            "{book} is missing: cargo run --release --no-default-features --example gen_large -- target/bench-data 20000"
        );
        std::process::exit(1);
    }
    let imp = northstar::import::import_paths(&[book.clone().into()], &Default::default())
        .expect("import");
    let d = imp.dataset;
    let rev = d.revenue.as_ref().expect("revenue");
    println!(
        "{book}: {} customers x {} months, {} survey responses, {} tickets",
        rev.ids.len(),
        rev.first.zip(rev.last).map(|(a, b)| a.until(b) + 1).unwrap_or(0),
        d.surveys.len(),
        d.tickets.len()
    );
    let settings = Settings::default();
    let opts = BacktestOptions { at_risk_limit: Some(50), ..Default::default() };
    let mut best = f64::INFINITY;
    let mut report = None;
    for _ in 0..5 {
        let t = Instant::now();
        let r = health_backtest(&d, &settings, &opts).expect("backtest");
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        report = Some(r);
    }
    let r = report.expect("one run");
    let b = &r.backtest;
    println!(
        "whole health backtest, best of 5: {best:.0} ms (target < 2000 ms)\n  {} scored customer-months, {} churn events, AUC {}",
        b.rows,
        b.churn_events,
        b.auc.map(|a| format!("{a:.3}")).unwrap_or_else(|| "none".into())
    );
}
