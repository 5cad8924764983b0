//! `forecast --data --bands`, `goal-seek --data --bands` (the chance of the target) and
//! `backtest`: the forecast ranges of issue 20.

use super::args::ForecastDataArgs;
use crate::forecast::backtest::{backtest, Backtest, BacktestOptions};
use crate::forecast::bands::{self, Bands, BandsOptions};
use crate::forecast::goal_seek::with;
use crate::forecast::{seek, GoalSeek, Metric, Scenario, Vary};
use crate::import::cells::decimal_from_f64;
use crate::kpi::{Report, ReportRequest};
use crate::settings::Settings;
use serde::Serialize;

pub fn options(a: &ForecastDataArgs) -> BandsOptions {
    let d = BandsOptions::default();
    BandsOptions { paths: a.paths.unwrap_or(d.paths), seed: a.seed.unwrap_or(d.seed) }
}

/// The settings, the imported data's report over the requested period (default: the last 12
/// months), as `forecast --data` reads them.
pub fn data_report(a: &ForecastDataArgs) -> Result<(Settings, Report), String> {
    let settings = super::report::read_settings(a.settings.as_deref())?;
    let imported = super::report::import(&a.files, &settings, a.mapping.as_deref())?;
    let req =
        ReportRequest { from: a.from, to: a.to, segment: a.segment.clone(), with_details: false };
    let report = super::report::report(&imported, &req, &settings)?;
    Ok((settings, report))
}

pub fn bands_of(
    r: &Report,
    settings: &Settings,
    s: &Scenario,
    a: &ForecastDataArgs,
) -> Result<Bands, String> {
    bands::of_report(r, settings, s, &options(a)).map_err(|e| e.to_string())
}

/// The yearly ranges as text, below the forecast's table.
pub fn print_bands(b: &Bands) {
    let o = &b.observed;
    println!(
        "Ranges: {} paths (seed {}) drawn from {} observed months{}, in blocks of {}",
        b.paths,
        b.seed,
        o.months,
        o.from
            .as_ref()
            .zip(o.to.as_ref())
            .map(|(f, t)| format!(" ({f} .. {t})"))
            .unwrap_or_default(),
        b.block_length
    );
    println!(
        "{:>4} {:>14} {:>14} {:>14} {:>8} {:>8} {:>8}",
        "year", "ARR P10", "ARR P50", "ARR P90", "NRR P10", "NRR P50", "NRR P90"
    );
    let pct = |x: f64| format!("{:.2}%", x * 100.0);
    for ((a, m), z) in b.p10.years.iter().zip(&b.p50.years).zip(&b.p90.years) {
        println!(
            "{:>4} {:>14.0} {:>14.0} {:>14.0} {:>8} {:>8} {:>8}",
            a.year,
            a.arr,
            m.arr,
            z.arr,
            pct(a.nrr),
            pct(m.nrr),
            pct(z.nrr)
        );
    }
    let clv = |x: Option<f64>| x.map(|v| format!("{v:.0}")).unwrap_or_else(|| "unbounded".into());
    println!("CLV P10 {}  P50 {}  P90 {}", clv(b.p10.clv), clv(b.p50.clv), clv(b.p90.clv));
}

/// The share of paths reaching a goal-seek target, as the scenario is and at the sought value.
#[derive(Serialize)]
struct Chance {
    metric: Metric,
    target: f64,
    /// The year the target is read in (null for CLV, a lifetime value).
    year: Option<u32>,
    /// With the scenario's inputs as they are.
    as_is: f64,
    /// With the varied input at the sought value.
    at_value: f64,
    paths: usize,
    seed: u64,
}

#[derive(Serialize)]
struct SeekOut<'a> {
    #[serde(flatten)]
    seek: &'a GoalSeek,
    chance: Chance,
}

pub fn run_goal_seek_bands(
    s: &Scenario,
    metric: Metric,
    target: f64,
    vary: Vary,
    a: &ForecastDataArgs,
) -> Result<(), String> {
    let goal = decimal_from_f64(target).map_err(|e| format!("--target: {e}"))?;
    let g = seek(s, metric, goal, vary);
    let (settings, r) = data_report(a)?;
    let obs = bands::observed_of(&r, &settings);
    let opts = options(a);
    let share = |sc: &Scenario| {
        bands::chance_of(&obs, sc, metric, target, &opts).map_err(|e| e.to_string())
    };
    let at = decimal_from_f64(g.value).map_err(|e| e.to_string())?;
    let chance = Chance {
        metric,
        target,
        year: match metric {
            Metric::Nrr => Some(1),
            Metric::Arr => Some(s.years),
            Metric::Clv => None,
        },
        as_is: share(s)?,
        at_value: share(&with(s, vary, at))?,
        paths: opts.paths,
        seed: opts.seed,
    };
    if a.json {
        let out = SeekOut { seek: &g, chance };
        println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let what = match metric {
        Metric::Nrr => format!("NRR >= {:.2}% in year 1", target * 100.0),
        Metric::Arr => format!("ARR >= {target} at the end of year {}", s.years),
        Metric::Clv => format!("CLV >= {target}"),
    };
    println!("{:?} = {:.6} (reachable: {})", g.vary, g.value, g.reachable);
    println!(
        "{what}: {:.0}% of paths as the scenario is, {:.0}% at {:?} = {:.6}",
        chance.as_is * 100.0,
        chance.at_value * 100.0,
        g.vary,
        g.value
    );
    Ok(())
}

fn print_backtest(b: &Backtest) {
    println!(
        "Backtest: {} origins ({} skipped), 12 months ahead, ranges of {} paths (seed {})",
        b.origins.len(),
        b.skipped.len(),
        b.paths,
        b.seed
    );
    let pct = |x: Option<f64>| x.map(|v| format!("{:.2}%", v * 100.0)).unwrap_or("none".into());
    println!("{:>7} {:>5} {:>8} {:>8} {:>9}", "horizon", "pairs", "MAPE", "bias", "coverage");
    for h in b.horizons.iter().chain(std::iter::once(&b.overall)) {
        let label = if h.horizon == 0 { "all".to_string() } else { h.horizon.to_string() };
        println!(
            "{label:>7} {:>5} {:>8} {:>8} {:>9}",
            h.pairs,
            pct(h.mape),
            pct(h.bias),
            pct(h.coverage)
        );
    }
    for s in &b.skipped {
        println!("skipped {}: {}", s.origin, s.reason);
    }
}

pub fn run_backtest(a: &ForecastDataArgs) -> Result<(), String> {
    let settings = super::report::read_settings(a.settings.as_deref())?;
    let imported = super::report::import(&a.files, &settings, a.mapping.as_deref())?;
    let opts = BacktestOptions {
        bands: options(a),
        history_months: settings.forecast_months(),
        segment: a.segment.clone(),
    };
    let b = backtest(&imported.dataset, &settings, &opts).map_err(|e| e.to_string())?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&b).map_err(|e| e.to_string())?);
    } else {
        print_backtest(&b);
    }
    Ok(())
}
