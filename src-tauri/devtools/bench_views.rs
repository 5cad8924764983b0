//! The engine's share of each interaction of the dashboard (issue #22) on the 20k-customer book, the
//! import not timed: what the app computes when the user changes the period, filters a segment, breaks
//! down by an attribute, opens an explanation, and what the tiles' sparklines and red flags cost.
//! Each is run 20 times; prints median and p95. The WebDriver benchmark
//! (tests/e2e_support/interactions.rs) times the same from the user's action to the drawn result.
//! `cargo bench --no-default-features --bench views -- [BOOK.xlsx]`

use northstar::kpi::{self, Preset, ReportRequest};
use northstar::model::Dataset;
use northstar::settings::Settings;
use std::time::Instant;

const RUNS: usize = 20;

fn time(name: &str, mut f: impl FnMut()) {
    // NORTHSTAR_BENCH_ONLY=kept: only the lines whose name holds it (to profile one).
    if std::env::var("NORTHSTAR_BENCH_ONLY").is_ok_and(|only| !name.contains(&only)) {
        return;
    }
    let mut ms: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    // p95 of 20 runs: the 19th fastest.
    let p95 = ms[(RUNS * 95).div_ceil(100) - 1];
    println!("  {name:<34} median {:>7.1} ms   p95 {p95:>7.1} ms", ms[RUNS / 2]);
}

fn req(d: &Dataset, preset: Preset, segment: Option<(&str, &str)>) -> ReportRequest {
    let latest = kpi::period::latest_month(d).expect("a latest month");
    let p = kpi::Period::preset(preset, latest, 1);
    ReportRequest {
        from: Some(p.from),
        to: Some(p.to),
        segment: segment.map(|(k, v)| (k.to_string(), v.to_string())),
        with_details: true,
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let book = args.first().cloned().unwrap_or_else(|| "target/bench-data/c20000/book.xlsx".into());
    if !std::path::Path::new(&book).exists() {
        eprintln!("{book} is missing: cargo run --release --no-default-features --example gen_large -- target/bench-data 20000");
        return;
    }
    let imp = northstar::import::import_paths(&[book.clone().into()], &Default::default())
        .expect("import");
    let d = &imp.dataset;
    let s = Settings::default();
    let key = kpi::breakdown::keys(d).into_iter().next().expect("an attribute");
    let value = kpi::breakdown::values(d, &key).into_iter().next().expect("a value");
    println!("{book}: {} customers; segment {key} = {value}", d.customers.len());
    let year = req(d, Preset::Last12Months, None);
    let quarter = req(d, Preset::LastQuarter, None);
    let seg = req(d, Preset::Last12Months, Some((&key, &value)));
    time("report (period: last quarter)", || {
        std::hint::black_box(kpi::report(d, &quarter, &s).expect("report"));
    });
    time("report (segment)", || {
        std::hint::black_box(kpi::report(d, &seg, &s).expect("report"));
    });
    time("sparklines (trend)", || {
        std::hint::black_box(kpi::trend(d, &year, &s).expect("trend"));
    });
    time("red flags", || {
        std::hint::black_box(kpi::flags::flags(d, &year, &s).expect("flags"));
    });
    time(&format!("breakdown by {key}"), || {
        std::hint::black_box(kpi::breakdown::breakdown(d, &year, &s, &key).expect("breakdown"));
    });
    for id in ["mrr", "nrr", "nps", "customer_churn_rate", "health_avg"] {
        time(&format!("explain {id}"), || {
            let r = ReportRequest { with_details: false, ..year.clone() };
            std::hint::black_box(kpi::explain::explain(d, &r, &s, id).expect("explain"));
        });
    }
    // As the app asks, with results kept (kpi/memo.rs): a new segment's dashboard (report, then the
    // sparklines and red flags, which run side by side), and a new custom period's.
    let mut kept = imp.dataset.clone();
    kept.keep_results();
    let values = kpi::breakdown::values(&kept, "csm");
    let mut k = 0;
    time("new segment, results kept", || {
        let r = req(&kept, Preset::Last12Months, Some(("csm", &values[k % values.len()])));
        k += 1;
        dashboard(&kept, &r, &s);
    });
    // As the window asks: the report, sparklines and red flags of a new large segment (a third or a
    // sixth of the customers) at once, each segment first seen by a fresh dataset. They share one
    // filtered copy and each month once, not one per request.
    if std::env::var("NORTHSTAR_BENCH_ONLY")
        .map_or(true, |only| "new large segment".contains(&only))
    {
        let mut ms = Vec::new();
        for key in kpi::breakdown::keys(d) {
            let values = kpi::breakdown::values(d, &key);
            if values.len() > 6 {
                continue;
            }
            for value in values {
                let mut fresh = imp.dataset.clone();
                fresh.keep_results();
                let r = req(&fresh, Preset::Last12Months, Some((&key, &value)));
                let t = Instant::now();
                std::thread::scope(|sc| {
                    sc.spawn(|| std::hint::black_box(kpi::report(&fresh, &r, &s).expect("report")));
                    sc.spawn(|| std::hint::black_box(kpi::trend(&fresh, &r, &s).expect("trend")));
                    std::hint::black_box(kpi::flags::flags(&fresh, &r, &s).expect("flags"));
                });
                ms.push(t.elapsed().as_secs_f64() * 1000.0);
            }
        }
        ms.sort_by(f64::total_cmp);
        println!(
            "  new large segment, asked at once   median {:>7.1} ms   max {:>7.1} ms   ({} segments)",
            ms[ms.len() / 2],
            ms[ms.len() - 1],
            ms.len()
        );
    }
    // An explanation of a tile on screen: the view's report is kept.
    dashboard(&kept, &year, &s);
    for id in ["mrr", "nrr", "nps", "health_avg"] {
        time(&format!("explain {id}, results kept"), || {
            let r = ReportRequest { with_details: false, ..year.clone() };
            std::hint::black_box(kpi::explain::explain(&kept, &r, &s, id).expect("explain"));
        });
    }
    let latest = kpi::period::latest_month(&kept).expect("a latest month");
    let mut k = 0;
    time("new period, results kept", || {
        let r = ReportRequest {
            from: Some(latest.plus(-k - 12)),
            to: Some(latest.plus(-k - 1)),
            segment: None,
            with_details: true,
        };
        k += 1;
        dashboard(&kept, &r, &s);
    });
    let r = kpi::report(d, &year, &s).expect("report");
    let json = serde_json::to_value(&r).expect("json");
    let size = |v: &serde_json::Value| serde_json::to_string(v).map_or(0, |t| t.len()) / 1000;
    let parts: Vec<String> = json
        .as_object()
        .into_iter()
        .flatten()
        .chain(json["details"].as_object().into_iter().flatten())
        .map(|(k, v)| format!("{k} {} kB", size(v)))
        .collect();
    println!("  the report sent to the window: {} kB ({})", size(&json), parts.join(", "));
    time("report to JSON", || {
        std::hint::black_box(serde_json::to_string(&r).expect("json").len());
    });
}

/// What the window asks for one view: the report, then the sparklines and red flags side by side.
fn dashboard(d: &Dataset, r: &ReportRequest, s: &Settings) {
    let t = Instant::now();
    std::hint::black_box(kpi::report(d, r, s).expect("report"));
    let report = t.elapsed().as_secs_f64() * 1000.0;
    std::thread::scope(|sc| {
        let trend = sc.spawn(|| std::hint::black_box(kpi::trend(d, r, s).expect("trend")).len());
        std::hint::black_box(kpi::flags::flags(d, r, s).expect("flags"));
        trend.join().expect("trend");
    });
    if std::env::var_os("NORTHSTAR_BENCH_STEPS").is_some() {
        println!(
            "    report {report:.1} ms, then sparklines and flags {:.1} ms",
            t.elapsed().as_secs_f64() * 1000.0 - report
        );
    }
}
