//! The arguments of `forecast`, `goal-seek` and `backtest`.
//!
//! `forecast [SCENARIO.json] --data [FILE...] [--bands [--paths N] [--seed S]]`: arguments before
//! `--data` name the scenario, after it the data files.

use super::args::{month, segment, Command, ForecastDataArgs, Parsed};
use crate::forecast::{bands, Metric, Vary};
use std::path::PathBuf;

fn target(v: Option<String>) -> Result<(Metric, f64), String> {
    let v = v.ok_or("--target needs METRIC=VALUE")?;
    let (k, x) =
        v.split_once('=').ok_or(format!("--target {v}: expected nrr=1.10, clv=N or arr=N"))?;
    let metric = match k.trim() {
        "nrr" => Metric::Nrr,
        "clv" => Metric::Clv,
        "arr" => Metric::Arr,
        other => return Err(format!("--target {other}: expected nrr, clv or arr")),
    };
    let x: f64 = x.trim().parse().map_err(|_| format!("--target {v}: {x} is not a number"))?;
    if !x.is_finite() {
        return Err(format!("--target {v}: not a finite number"));
    }
    Ok((metric, x))
}

fn vary(v: Option<String>) -> Result<Vary, String> {
    match v.as_deref() {
        Some("monthly_churn") => Ok(Vary::MonthlyChurn),
        Some("monthly_expansion") => Ok(Vary::MonthlyExpansion),
        other => Err(format!(
            "--vary {}: expected monthly_churn or monthly_expansion",
            other.unwrap_or("")
        )),
    }
}

pub fn parse(first: &str, it: &mut impl Iterator<Item = String>) -> Result<Parsed, String> {
    let (forecast, backtest) = (first == "forecast", first == "backtest");
    let mut positional: Vec<PathBuf> = Vec::new();
    let (mut json, mut tgt, mut vry, mut data) = (false, None, None, backtest);
    let mut d = ForecastDataArgs::default();
    // The options that need --data (or are backtest's), seen without it.
    let mut data_only: Option<String> = None;
    // The band options, seen without --bands.
    let mut bands_only: Option<String> = None;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--data" if !backtest => {
                data = true;
                // What came before --data is the scenario.
                d.scenario = positional.pop();
                if let Some(extra) = positional.pop() {
                    return Err(format!("unexpected argument {}", extra.display()));
                }
            }
            "--bands" if !backtest => d.bands = true,
            "--paths" => {
                bands_only.get_or_insert(a.clone());
                let v = it.next().unwrap_or_default();
                let max = bands::MAX_PATHS;
                d.paths =
                    Some(v.parse().ok().filter(|n| (1..=max).contains(n)).ok_or(format!(
                        "--paths {v}: expected a whole number of paths, 1 to {max}"
                    ))?);
            }
            "--seed" => {
                bands_only.get_or_insert(a.clone());
                let v = it.next().unwrap_or_default();
                d.seed =
                    Some(v.parse().map_err(|_| format!("--seed {v}: expected a whole number"))?);
            }
            "--from" | "--to" if !backtest => {
                data_only.get_or_insert(a.clone());
                if a == "--from" {
                    d.from = Some(month("--from", it.next())?)
                } else {
                    d.to = Some(month("--to", it.next())?)
                }
            }
            "--segment" | "--settings" | "--mapping" => {
                data_only.get_or_insert(a.clone());
                match a.as_str() {
                    "--segment" => d.segment = Some(segment(it.next())?),
                    "--settings" => {
                        d.settings = Some(it.next().ok_or("--settings needs a file")?.into())
                    }
                    _ => d.mapping = Some(it.next().ok_or("--mapping needs a file")?.into()),
                }
            }
            "--target" if first == "goal-seek" => tgt = Some(target(it.next())?),
            "--vary" if first == "goal-seek" => vry = Some(vary(it.next())?),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option {flag} for {first}"))
            }
            file => positional.push(PathBuf::from(file)),
        }
    }
    d.json = json;
    if let Some(flag) = bands_only.filter(|_| !d.bands && !backtest) {
        return Err(format!("{flag} goes with --bands"));
    }
    if d.bands && !data {
        return Err("--bands needs --data [FILE...]: the ranges come from your data".into());
    }
    if backtest {
        d.files = positional;
        return Ok(Parsed::Headless(Command::Backtest(d)));
    }
    if data {
        d.files = positional;
        if !forecast {
            if !d.bands {
                return Err("goal-seek --data goes with --bands".into());
            }
            let scenario = d.scenario.clone().ok_or("goal-seek needs a SCENARIO.json")?;
            let (metric, target) = tgt.ok_or("goal-seek needs --target")?;
            let vary = vry.ok_or("goal-seek needs --vary")?;
            return Ok(Parsed::Headless(Command::GoalSeek {
                scenario,
                metric,
                target,
                vary,
                json,
                bands: Some(Box::new(d)),
            }));
        }
        if d.scenario.is_some() && !d.bands {
            return Err(
                "a scenario with --data goes with --bands (the data gives its ranges)".into()
            );
        }
        return Ok(Parsed::Headless(Command::ForecastData(d)));
    }
    if let Some(flag) = data_only {
        return Err(format!("{flag} goes with {first} --data FILE..."));
    }
    let mut positional = positional.into_iter();
    let scenario = positional.next().ok_or(if forecast {
        "forecast needs a SCENARIO.json, or --data FILE...".to_string()
    } else {
        format!("{first} needs a SCENARIO.json")
    })?;
    if let Some(extra) = positional.next() {
        return Err(format!("unexpected argument {}", extra.display()));
    }
    if forecast {
        return Ok(Parsed::Headless(Command::Forecast { scenario, json }));
    }
    let (metric, target) = tgt.ok_or("goal-seek needs --target")?;
    let vary = vry.ok_or("goal-seek needs --vary")?;
    Ok(Parsed::Headless(Command::GoalSeek { scenario, metric, target, vary, json, bands: None }))
}

#[cfg(test)]
mod tests {
    use super::super::args::{parse, Command, ForecastDataArgs, Parsed};
    use std::ffi::OsString;
    use std::path::PathBuf;

    fn p(args: &[&str]) -> Parsed {
        parse(&args.iter().map(OsString::from).collect::<Vec<_>>())
    }

    #[test]
    fn bands_and_backtest() {
        let Parsed::Headless(Command::ForecastData(f)) = p(&[
            "forecast", "s.json", "--data", "a.csv", "--bands", "--paths", "500", "--seed", "7",
            "--json",
        ]) else {
            panic!()
        };
        assert_eq!((f.scenario, f.files), (Some("s.json".into()), vec![PathBuf::from("a.csv")]));
        assert_eq!((f.bands, f.paths, f.seed, f.json), (true, Some(500), Some(7), true));
        // --data with no file: the demo; no scenario: the baseline's ranges.
        let Parsed::Headless(Command::ForecastData(f)) = p(&["forecast", "--data", "--bands"])
        else {
            panic!()
        };
        assert_eq!((f.scenario, f.files.len(), f.bands), (None, 0, true));
        assert!(
            matches!(p(&["forecast", "s.json", "--bands"]), Parsed::Usage(m) if m.contains("--data"))
        );
        assert!(
            matches!(p(&["forecast", "--data", "--paths", "5"]), Parsed::Usage(m) if m.contains("--bands"))
        );
        assert!(
            matches!(p(&["forecast", "s.json", "--data", "a.csv"]), Parsed::Usage(m) if m.contains("--bands"))
        );
        assert!(matches!(p(&["forecast", "--data", "--bands", "--paths", "0"]), Parsed::Usage(_)));
        assert!(matches!(
            p(&["forecast", "--data", "--bands", "--paths", "100001"]),
            Parsed::Usage(m) if m.contains("1 to 100000")
        ));
        assert!(matches!(p(&["forecast", "a.json", "b.json", "--data"]), Parsed::Usage(_)));
        let Parsed::Headless(Command::GoalSeek { bands: Some(d), scenario, .. }) = p(&[
            "goal-seek",
            "s.json",
            "--target",
            "nrr=1.1",
            "--vary",
            "monthly_churn",
            "--data",
            "a.csv",
            "--bands",
        ]) else {
            panic!()
        };
        assert_eq!((scenario, d.files), (PathBuf::from("s.json"), vec![PathBuf::from("a.csv")]));
        assert!(matches!(
            p(&["goal-seek", "s.json", "--target", "nrr=1.1", "--vary", "monthly_churn", "--bands"]),
            Parsed::Usage(m) if m.contains("--data")
        ));
        assert_eq!(
            p(&["backtest", "a.csv", "--seed", "3", "--json"]),
            Parsed::Headless(Command::Backtest(ForecastDataArgs {
                files: vec!["a.csv".into()],
                seed: Some(3),
                json: true,
                ..Default::default()
            }))
        );
        assert!(matches!(p(&["backtest", "--from", "2024-01"]), Parsed::Usage(_)));
        assert!(matches!(p(&["backtest", "--bands"]), Parsed::Usage(_)));
    }
}
