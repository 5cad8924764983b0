//! `northstar forecast` (from a scenario file, or the baseline from the data) and
//! `northstar goal-seek`.

use super::args::ForecastDataArgs;
use crate::forecast::bands::Bands;
use crate::forecast::baseline::{self, Baseline, Calibration, Observed, SourceKind};
use crate::forecast::{run, seek, Forecast, Metric, Scenario, ScenarioInput, Vary};
use crate::import::cells::decimal_from_f64;
use crate::kpi::value::Num;
use crate::kpi::PeriodOut;
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::Serialize;
use std::path::Path;

fn read(path: &Path) -> Result<Scenario, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let input: ScenarioInput =
        serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
    input.validate().map_err(|e| format!("{}: {e}", path.display()))
}

fn pct(d: Decimal) -> String {
    format!("{:.2}%", (d * Decimal::ONE_HUNDRED).round_dp(2))
}

fn print_table(f: &Forecast) {
    println!("{:>4} {:>16} {:>12} {:>8} {:>8}", "year", "ARR", "customers", "NRR", "GRR");
    for y in &f.years {
        println!(
            "{:>4} {:>16} {:>12.1} {:>8} {:>8}",
            y.year,
            super::text::money(y.arr.0),
            y.customers.0,
            pct(y.nrr.0),
            pct(y.grr.0)
        );
    }
    match (f.clv, f.clv_reason) {
        (Some(v), _) => println!("Lifetime value (CLV): {}", super::text::money(v.0)),
        (None, reason) => println!("Lifetime value (CLV): none ({})", reason.unwrap_or("")),
    }
    println!(
        "Value over the {}-year horizon: {}",
        f.years.len(),
        super::text::money(f.clv_horizon.0)
    );
}

pub fn run_forecast(path: &Path, json: bool) -> Result<(), String> {
    let s = read(path)?;
    let f = run(&s);
    if json {
        println!("{}", serde_json::to_string_pretty(&f).map_err(|e| e.to_string())?);
    } else {
        print_table(&f);
    }
    Ok(())
}

/// One input of the baseline: the value the forecast used and where it came from.
#[derive(Serialize)]
struct InputOut<'a> {
    value: Option<Num>,
    source: &'a str,
    kind: SourceKind,
}

/// The inputs in the order of a scenario file (a JSON object keeps it).
struct Inputs<'a>(Vec<(&'static str, InputOut<'a>)>);

impl Serialize for Inputs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Serialize)]
struct DataOutput<'a> {
    period: &'a PeriodOut,
    observed: &'a Observed,
    calibration: Calibration,
    note: &'a Option<String>,
    inputs: Inputs<'a>,
    #[serde(flatten)]
    forecast: &'a Forecast,
    #[serde(skip_serializing_if = "Option::is_none")]
    bands: Option<&'a Bands>,
}

/// `forecast SCENARIO.json --data FILE... --bands`: the scenario's forecast and its ranges.
#[derive(Serialize)]
struct ScenarioOutput<'a> {
    period: &'a PeriodOut,
    scenario: String,
    #[serde(flatten)]
    forecast: &'a Forecast,
    bands: &'a Bands,
}

fn inputs<'a>(b: &'a Baseline, s: &Scenario) -> Inputs<'a> {
    Inputs(
        s.values()
            .into_iter()
            .map(|(key, value)| {
                let src = b.sources.iter().find(|x| x.input == key);
                let out = InputOut {
                    value: value.map(Num),
                    source: src.map(|x| x.from.as_str()).unwrap_or("default"),
                    kind: src.map(|x| x.kind).unwrap_or(SourceKind::Default),
                };
                (key, out)
            })
            .collect(),
    )
}

/// The what-if panel's baseline from the data: its inputs with their sources, and its forecast.
pub fn run_forecast_data(a: &ForecastDataArgs) -> Result<(), String> {
    let (settings, report) = super::bands::data_report(a)?;
    if let Some(path) = &a.scenario {
        // The scenario's inputs are the centre of the ranges, as the panel's sliders are.
        let s = read(path)?;
        let f = run(&s);
        let bands = super::bands::bands_of(&report, &settings, &s, a)?;
        if a.json {
            let out = ScenarioOutput {
                period: &report.period,
                scenario: path.display().to_string(),
                forecast: &f,
                bands: &bands,
            };
            println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        } else {
            print_table(&f);
            super::bands::print_bands(&bands);
        }
        return Ok(());
    }
    let b = baseline::from_report(&report, &settings);
    let s = b.inputs.validate().map_err(|e| {
        format!("no forecast from the data of {} .. {}: {e}", report.period.from, report.period.to)
    })?;
    let f = run(&s);
    let bands =
        if a.bands { Some(super::bands::bands_of(&report, &settings, &s, a)?) } else { None };
    if a.json {
        let out = DataOutput {
            period: &report.period,
            observed: &b.observed,
            calibration: b.calibration,
            note: &b.note,
            inputs: inputs(&b, &s),
            forecast: &f,
            bands: bands.as_ref(),
        };
        println!("{}", serde_json::to_string_pretty(&out).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let o = &b.observed;
    let ratio = |x: Option<f64>| x.map(|v| format!("{:.2}%", v * 100.0)).unwrap_or("none".into());
    println!(
        "Baseline from the data of {} .. {} ({} months): NRR {}, GRR {}",
        o.from,
        o.to,
        o.months,
        ratio(o.nrr),
        ratio(o.grr)
    );
    if let Some(note) = &b.note {
        println!("{note}");
    }
    for (key, i) in inputs(&b, &s).0 {
        let v = i.value.map(|v| v.0.round_dp(6).normalize().to_string()).unwrap_or("none".into());
        println!("  {key:<24} {v:>14}  {}", i.source);
    }
    print_table(&f);
    if let Some(b) = &bands {
        super::bands::print_bands(b);
    }
    Ok(())
}

pub fn run_goal_seek(
    path: &Path,
    metric: Metric,
    target: f64,
    vary: Vary,
    json: bool,
    bands: Option<&ForecastDataArgs>,
) -> Result<(), String> {
    let s = read(path)?;
    if let Some(a) = bands {
        return super::bands::run_goal_seek_bands(&s, metric, target, vary, a);
    }
    let target = decimal_from_f64(target).map_err(|e| format!("--target: {e}"))?;
    let g = seek(&s, metric, target, vary);
    let achieved =
        g.achieved.map(|a| format!("{a:.6}")).unwrap_or_else(|| "no bounded lifetime value".into());
    if json {
        println!("{}", serde_json::to_string_pretty(&g).map_err(|e| e.to_string())?);
    } else if g.reachable {
        println!("{:?} = {:.6} reaches {achieved}", g.vary, g.value);
    } else {
        println!("unreachable: the closest is {:?} = {:.6}, giving {achieved}", g.vary, g.value);
    }
    Ok(())
}
