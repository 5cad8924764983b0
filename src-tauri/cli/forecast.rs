//! `northstar forecast` and `northstar goal-seek`.

use crate::forecast::{run, seek, Metric, ScenarioInput, Vary};
use crate::import::cells::decimal_from_f64;
use std::path::Path;

fn read(path: &Path) -> Result<crate::forecast::Scenario, String> {
    let raw = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let input: ScenarioInput =
        serde_json::from_str(&raw).map_err(|e| format!("{}: {e}", path.display()))?;
    input.validate().map_err(|e| format!("{}: {e}", path.display()))
}

pub fn run_forecast(path: &Path, json: bool) -> Result<(), String> {
    let s = read(path)?;
    let f = run(&s);
    if json {
        println!("{}", serde_json::to_string_pretty(&f).map_err(|e| e.to_string())?);
    } else {
        println!("{:>4} {:>16} {:>12} {:>8} {:>8}", "year", "ARR", "customers", "NRR", "GRR");
        for y in &f.years {
            println!(
                "{:>4} {:>16} {:>12.1} {:>7.2}% {:>7.2}%",
                y.year,
                super::text::money(y.arr.0),
                y.customers.0,
                y.nrr.0 * rust_decimal::Decimal::ONE_HUNDRED,
                y.grr.0 * rust_decimal::Decimal::ONE_HUNDRED
            );
        }
        let label =
            if f.clv_horizon_limited { " (over the horizon only: lifetime unbounded)" } else { "" };
        println!("CLV {}{label}", super::text::money(f.clv.0));
    }
    Ok(())
}

pub fn run_goal_seek(
    path: &Path,
    metric: Metric,
    target: f64,
    vary: Vary,
    json: bool,
) -> Result<(), String> {
    let s = read(path)?;
    let target = decimal_from_f64(target).map_err(|e| format!("--target: {e}"))?;
    let g = seek(&s, metric, target, vary);
    if json {
        println!("{}", serde_json::to_string_pretty(&g).map_err(|e| e.to_string())?);
    } else if g.reachable {
        println!("{:?} = {:.6} reaches {:.6}", g.vary, g.value, g.achieved);
    } else {
        println!(
            "unreachable: the closest is {:?} = {:.6}, giving {:.6}",
            g.vary, g.value, g.achieved
        );
    }
    Ok(())
}
