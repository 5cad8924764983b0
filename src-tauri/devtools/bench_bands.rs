//! Benchmark of the forecast ranges (issue 20): 10,000 paths x 10 years (120 months) drawn from
//! the demo workbook's last 24 months, and their P10/P50/P90 of every yearly figure, of MRR and
//! customers month by month, and of CLV; then the whole backtest (12 origins, each a report, a
//! baseline and 10,000 paths of 12 months). The import is not timed. Prints figures; target
//! < 100 ms for the ranges. `cargo bench --no-default-features --bench bands`.

use northstar::forecast::backtest::{backtest, BacktestOptions};
use northstar::forecast::bands::{self, observed, BandsOptions};
use northstar::forecast::baseline;
use northstar::kpi::{self, ReportRequest};
use northstar::model::Month;
use northstar::settings::Settings;
use std::time::Instant;

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = None;
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        out = Some(v);
    }
    (best, out.expect("one run"))
}

fn main() {
    let settings = Settings::default();
    let imp =
        northstar::loader::load(&northstar::loader::Input::Demo, &settings.import()).expect("demo");
    let req = ReportRequest { from: None, to: None, segment: None, with_details: false };
    let r = kpi::report(&imp.dataset, &req, &settings).expect("report");
    let mut base = baseline::from_report(&r, &settings);
    base.inputs.years = Some(10.0);
    let s = base.inputs.validate().expect("baseline");
    let to = Month::parse_iso(&r.period.to).expect("month");
    let obs = observed::from_series(&r.mrr_series, to, settings.forecast_months());
    let opts = BandsOptions::default();
    let (ms, b) = best(5, || bands::bands(&obs, &s, &opts).expect("bands"));
    println!(
        "ranges, {} paths x 10 years from {} observed months, best of 5: {ms:.1} ms (target < 100 ms)",
        opts.paths, b.observed.months
    );
    let (sim_ms, _) = best(5, || bands::simulate(&obs, &s, &opts).expect("paths"));
    println!("  of which the paths: {sim_ms:.1} ms; the quantiles: {:.1} ms", ms - sim_ms);
    println!(
        "  year-10 ARR P10 {:.0}, P50 {:.0}, P90 {:.0}",
        b.p10.years[9].arr, b.p50.years[9].arr, b.p90.years[9].arr
    );
    let (bt_ms, bt) = best(3, || {
        backtest(&imp.dataset, &settings, &BacktestOptions::default()).expect("backtest")
    });
    println!(
        "whole backtest ({} origins, 10,000 paths each), best of 3: {bt_ms:.0} ms; MAPE at 12 months {:.2}%",
        bt.origins.len(),
        bt.horizons[11].mape.unwrap_or(f64::NAN) * 100.0
    );
}
