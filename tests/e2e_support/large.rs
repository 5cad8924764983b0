//! The app against the CLI on a large workbook (issue #7), timed: not part of the CI run.

use super::*;
use serde_json::Value;
use std::path::Path;
use std::time::Instant;

/// The app against the CLI on a large workbook (issue #7): not part of the CI run, because it needs
/// the 22.7 MB book that `gen_large` writes. It checks the large dashboard shows the CLI's MRR and
/// prints the figures:
/// `cargo run --release --no-default-features --example gen_large -- target/bench-data 20000`, then
/// `cargo build --release && xvfb-run -a cargo test --no-default-features --features e2e --test e2e -- --ignored --nocapture`
/// (`NORTHSTAR_LARGE_BOOK` picks another book).
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn large_workbook_on_screen() {
    let book = std::env::var("NORTHSTAR_LARGE_BOOK").unwrap_or_else(|_| {
        format!("{}/target/bench-data/c20000/book.xlsx", env!("CARGO_MANIFEST_DIR"))
    });
    assert!(Path::new(&book).exists(), "{book} missing: run gen_large first");
    let (mut cli_ms, mut report) = (f64::INFINITY, Value::Null);
    for _ in 0..5 {
        let t = Instant::now();
        report = cli(&["report", &book, "--json"], None);
        cli_ms = cli_ms.min(t.elapsed().as_secs_f64() * 1000.0);
    }
    let want_mrr = report["kpis"]["mrr"]["value"].as_f64().unwrap().round();
    let (mut in_app, mut on_screen, mut in_window) = (f64::INFINITY, f64::INFINITY, f64::INFINITY);
    for _ in 0..5 {
        let data = tempfile::tempdir().unwrap();
        let launched = Instant::now();
        let (driver, c) = session(data.path(), &[&book]).await;
        let mrr = until(&c, "[data-kpi='mrr'] .value", |t| !t.contains('—')).await;
        on_screen = on_screen.min(launched.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(shown(&mrr), want_mrr, "the large dashboard shows the CLI's MRR");
        let measured = measure(&c, "dashboard-shown").await;
        in_app = in_app.min(measured);
        let first_received = measure(&c, "data-received").await;
        // Opening it again from the window (Data view, recent files), as a user who drags a book in.
        click(&c, "#tab-data").await;
        until(&c, ".recent button", |t| t.contains("book.xlsx")).await;
        js(&c, "performance.clearMeasures(); document.querySelector('.recent button').click(); return 1").await;
        let reopened = measure(&c, "dashboard-shown").await;
        let received = measure(&c, "data-received").await;
        eprintln!("  run: data received after {first_received:.0} ms, dashboard drawn after {measured:.0} ms; reopened from the window: data {received:.0} ms, view drawn {reopened:.0} ms");
        in_window = in_window.min(reopened);
        let _ = c.close().await;
        drop(driver);
    }
    eprintln!(
        "{book}\n  CLI import + report (process)       {cli_ms:>7.0} ms\n  app: request to dashboard drawn    {in_app:>7.0} ms   ({:.2}x the CLI)\n  app: launch to dashboard (WebDriver included) {on_screen:>7.0} ms\n  app: the same book opened again from the window {in_window:>7.0} ms   ({:.2}x the CLI)",
        in_app / cli_ms,
        in_window / cli_ms
    );
}
