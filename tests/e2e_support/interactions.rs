//! The interaction benchmark (issue #22): the real window with the 20k-customer book (and orders for
//! its customers, so that the Predictive CLV view has work), each interaction 20 times, timed by the
//! UI's own User Timing measures from the user's action to its result drawn (ui/src/timing.ts).
//! Prints median and p95 per interaction. Not part of the CI run (it needs the book `gen_large`
//! writes):
//! `cargo run --release --no-default-features --example gen_large -- target/bench-data 20000`, then
//! `cargo build --release && xvfb-run -a -s "-screen 0 1440x900x24" cargo test --no-default-features
//! --features e2e --test e2e -- --ignored --nocapture interactions`.

use super::*;
use std::io::Write;

const RUNS: usize = 20;

thread_local! {
    /// The steps of each interaction (`period/report received`...): their durations from its start.
    static STEPS: std::cell::RefCell<Vec<(String, f64)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Runs `act` (which makes the UI start and finish measure `name`) and returns its duration; its
/// steps are kept for the summary.
async fn timed(c: &Client, name: &str, act: &str) -> f64 {
    js(c, &format!("performance.clearMeasures('{name}'); {act}; return 1")).await;
    let ms = measure(c, name).await;
    let steps = js(c, &format!("const s = performance.getEntriesByType('measure').filter(e => e.name.startsWith('{name}/')).map(e => [e.name, e.duration]); s.forEach(e => performance.clearMeasures(e[0])); return s")).await;
    for s in steps.as_array().cloned().unwrap_or_default() {
        let step = (s[0].as_str().unwrap_or("").to_string(), s[1].as_f64().unwrap_or(f64::NAN));
        STEPS.with(|v| v.borrow_mut().push(step));
    }
    ms
}

/// Steps of an interaction: (`period/report received`, ms from its start).
type Steps = Vec<(String, f64)>;

/// The steps recorded since the last call: those of one interaction's runs.
fn take_steps() -> Steps {
    STEPS.with(|v| std::mem::take(&mut *v.borrow_mut()))
}

/// Median and p95 (nearest rank: the 19th of 20 runs).
fn stats(ms: &mut [f64]) -> (f64, f64) {
    ms.sort_by(f64::total_cmp);
    let p95 = ms[(ms.len() * 95).div_ceil(100) - 1];
    (ms[ms.len() / 2], p95)
}

/// Orders for the book's customers (C000000..), three to five each over two years, as a CSV.
fn orders_csv(dir: &Path, customers: usize) -> PathBuf {
    let path = dir.join("orders.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(f, "Order ID,Customer ID,Date,Amount").unwrap();
    let mut n = 0u64;
    for i in 0..customers {
        for k in 0..(3 + i % 3) {
            n += 1;
            let day = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
                + chrono::Duration::days(((i * 37 + k * 151) % 700) as i64);
            writeln!(
                f,
                "O{n:08},C{i:06},{day},{}.{:02}",
                20 + (i * 7 + k * 13) % 300,
                (i + k) % 100
            )
            .unwrap();
        }
    }
    path
}

#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn interactions_on_a_large_book() {
    let book = std::env::var("NORTHSTAR_LARGE_BOOK").unwrap_or_else(|_| {
        format!("{}/target/bench-data/c20000/book.xlsx", env!("CARGO_MANIFEST_DIR"))
    });
    assert!(Path::new(&book).exists(), "{book} missing: run gen_large first");
    let tmp = tempfile::tempdir().unwrap();
    let orders = orders_csv(tmp.path(), 20_000);
    let data = tempfile::tempdir().unwrap();
    let (driver, c) = session(data.path(), &[&book, orders.to_str().unwrap()]).await;
    until(&c, "[data-kpi='mrr'] .value", |t| !t.contains('—')).await;
    // The sparklines of the opening view are in: the window is idle.
    until(&c, "[data-kpi='mrr'] .spark-wrap svg", |_| true).await;
    let mut results: Vec<(&str, Vec<f64>, Steps)> = Vec::new();

    // The period: every preset in turn, each asked once before the timed runs (the first time is a
    // new period, timed below with the custom ranges), then custom ranges, each a new report.
    let presets = ["last_quarter", "last12_months", "year_to_date", "last_month", "calendar_year"];
    for p in presets {
        timed(&c, "period", &format!("const e = document.getElementById('preset'); e.value = '{p}'; e.dispatchEvent(new Event('change'))")).await;
    }
    take_steps();
    let mut ms = Vec::new();
    for i in 0..RUNS {
        let p = presets[i % presets.len()];
        ms.push(timed(&c, "period", &format!("const e = document.getElementById('preset'); e.value = '{p}'; e.dispatchEvent(new Event('change'))")).await);
    }
    results.push(("period", ms, take_steps()));

    // New periods: custom ranges never asked before (nothing kept to reuse), 12 to 1 months long.
    js(&c, "const e = document.getElementById('preset'); e.value = 'custom'; e.dispatchEvent(new Event('change')); return 1").await;
    let to = js(&c, "return document.getElementById('to').value").await;
    let to = to.as_str().unwrap_or("").to_string();
    let (y, m): (i32, i32) = (to[..4].parse().unwrap(), to[5..7].parse().unwrap());
    let month = |k: i32| {
        let n = y * 12 + (m - 1) - k;
        format!("{:04}-{:02}", n / 12, n % 12 + 1)
    };
    let mut ms = Vec::new();
    for i in 0..RUNS as i32 {
        let (from, to) = (month(i + 11 - i % 12), month(i));
        ms.push(timed(&c, "period", &format!("document.getElementById('from').value = '{from}'; const t = document.getElementById('to'); t.value = '{to}'; t.dispatchEvent(new Event('change'))")).await);
    }
    results.push(("period (new)", ms, take_steps()));
    set(&c, "preset", "last12_months").await;

    // The segment: each value of each attribute in turn.
    let attrs = js(
        &c,
        "return [...document.getElementById('seg-key').options].map(o => o.value).filter(v => v)",
    )
    .await;
    let attrs: Vec<String> =
        attrs.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
    assert!(!attrs.is_empty(), "the book has attributes");
    // Each run is counted as a segment seen for the first time or one asked for before (its answers
    // kept): the two cost very different work.
    let (mut new, mut again) = ((Vec::new(), Vec::new()), (Vec::new(), Vec::new()));
    let mut seen = std::collections::HashSet::new();
    // Twice as many runs as the other interactions: some 20 of each kind.
    let mut segment = |ms: f64, shown: Value| {
        let bucket = if seen.insert(shown.to_string()) { &mut new } else { &mut again };
        bucket.0.push(ms);
        bucket.1.extend(take_steps());
    };
    let shown = "return [document.getElementById('seg-key').value, document.getElementById('seg-value').value]";
    for k in 0..(2 * RUNS).div_ceil(3) {
        let key = &attrs[k % attrs.len()];
        let ms = timed(&c, "segment", &format!("const e = document.getElementById('seg-key'); e.value = '{key}'; e.dispatchEvent(new Event('change'))")).await;
        segment(ms, js(&c, shown).await);
        let values =
            js(&c, "return [...document.getElementById('seg-value').options].map(o => o.value)")
                .await;
        for v in values.as_array().unwrap().iter().skip(1).take(2) {
            let v = v.as_str().unwrap().replace('\'', "\\'");
            let ms = timed(&c, "segment", &format!("const e = document.getElementById('seg-value'); e.value = '{v}'; e.dispatchEvent(new Event('change'))")).await;
            segment(ms, js(&c, shown).await);
        }
    }
    timed(&c, "segment", "const e = document.getElementById('seg-key'); e.value = ''; e.dispatchEvent(new Event('change'))").await;
    take_steps();
    results.push(("segment (new)", new.0, new.1));
    results.push(("segment (again)", again.0, again.1));

    // The breakdown: each attribute in turn.
    let mut ms = Vec::new();
    for i in 0..RUNS {
        let key = &attrs[i % attrs.len()];
        ms.push(timed(&c, "breakdown", &format!("const e = document.getElementById('breakdown-key'); e.value = '{key}'; e.dispatchEvent(new Event('change'))")).await);
    }
    set(&c, "breakdown-key", "").await;
    results.push(("breakdown", ms, take_steps()));

    // An explanation: a tile's drawer, each of a few KPIs in turn, closed between.
    let kpis = ["mrr", "nrr", "nps", "customer_churn_rate", "health_avg", "grr", "csat", "arpa"];
    let mut ms = Vec::new();
    for i in 0..RUNS {
        let id = kpis[i % kpis.len()];
        ms.push(
            timed(&c, "explain", &format!("document.querySelector(\"[data-kpi='{id}']\").click()"))
                .await,
        );
        js(&c, "document.querySelector('#explain .close')?.click(); return 1").await;
    }
    results.push(("explain", ms, take_steps()));

    // A what-if slider moved.
    click(&c, "#tab-whatif").await;
    until(&c, "[data-sum='nrr'] .value", |_| true).await;
    let mut ms = Vec::new();
    for i in 0..RUNS {
        let v = 1 + i % 5;
        ms.push(timed(&c, "whatif", &format!("const e = document.getElementById('wi-monthly_churn-range'); e.value = '{v}'; e.dispatchEvent(new Event('input'))")).await);
    }
    results.push(("what-if slider", ms, take_steps()));

    // The Data and CLV views, and back to the dashboard, in turn.
    for (name, tab) in
        [("view-data", "#tab-data"), ("view-clv", "#tab-clv"), ("view-dashboard", "#tab-dashboard")]
    {
        let mut ms = Vec::new();
        for _ in 0..RUNS {
            ms.push(timed(&c, name, &format!("document.querySelector('{tab}').click()")).await);
            js(
                &c,
                &format!(
                    "document.querySelector('{}').click(); return 1",
                    if tab == "#tab-dashboard" { "#tab-data" } else { "#tab-dashboard" }
                ),
            )
            .await;
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        results.push((name, ms, take_steps()));
    }

    eprintln!("{book}: from the user's action to the result drawn");
    for (name, ms, steps) in &mut results {
        let Some(&first) = ms.first() else { continue };
        let (median, p95) = stats(ms);
        let n = ms.len();
        eprintln!(
            "  {name:<16} median {median:>6.0} ms   p95 {p95:>6.0} ms   (first {first:.0} ms, {n} runs)"
        );
        let mut labels: Vec<&str> = steps.iter().map(|(l, _)| l.as_str()).collect();
        labels.sort();
        labels.dedup();
        for label in labels {
            let mut ms: Vec<f64> =
                steps.iter().filter(|(l, _)| l == label).map(|(_, m)| *m).collect();
            let (median, p95) = stats(&mut ms);
            eprintln!("      {label:<32} median {median:>6.0} ms   p95 {p95:>6.0} ms");
        }
    }
    let _ = c.close().await;
    drop(driver);
}
