//! The JSON the commands answer with, on the demo workbook, as the UI's typed fixtures
//! (`ui/src/fixtures/engine.ts`): the CLI's JSON where it prints the commands' own types, the engine's
//! where the app's answer differs from the CLI's (the report with its chart details, the
//! sparklines). Each fixture is written `{…} satisfies Type`, so `npm run typecheck` fails when the
//! generated types (ui/src/bindings) and the real JSON disagree: a field missing, one the type does
//! not name, a null where the type says number, a name outside a union. This test fails while the
//! fixtures are stale; `NORTHSTAR_WRITE_BINDINGS=1` writes them again.

use northstar::import::{import_sources, ImportSettings};
use northstar::kpi::{self, ReportRequest};
use northstar::settings::Settings;
use serde_json::Value;
use std::process::Command;

/// Long lists are cut to their first items: the shapes stay, the file stays short.
const KEEP: usize = 3;

fn cut(v: &mut Value) {
    match v {
        Value::Array(a) => {
            a.truncate(KEEP);
            a.iter_mut().for_each(cut);
        }
        Value::Object(m) => m.values_mut().for_each(cut),
        _ => {}
    }
}

fn cli(args: &[&str]) -> Value {
    let out = Command::new(env!("CARGO_BIN_EXE_northstar")).args(args).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

/// (name, type, JSON) of every fixture.
fn fixtures() -> Vec<(&'static str, &'static str, Value)> {
    let commands: [(&str, &str, &[&str], Option<&str>); 8] = [
        ("EXPLANATION", "Explanation", &["report", "--explain", "nrr", "--json"], None),
        (
            "WHAT_MOVED",
            "WhatMoved",
            &["report", "--what-moved", "nrr", "--by", "plan", "--json"],
            None,
        ),
        ("BREAKDOWN", "Breakdown", &["report", "--breakdown", "plan", "--json"], Some("breakdown")),
        ("FLAGS", "Flag[]", &["report", "--json"], Some("flags")),
        ("HEALTH", "HealthReport", &["health", "--json"], None),
        ("VOICE", "Voice", &["voice", "--json"], None),
        ("FORECAST_BACKTEST", "ForecastBacktest", &["backtest", "--json"], None),
        (
            "BANDS",
            "Bands",
            &["forecast", "--data", "--bands", "--paths", "200", "--json"],
            Some("bands"),
        ),
    ];
    // The CLI runs in parallel (each is a few seconds in a debug build).
    let mut out: Vec<(&str, &str, Value)> = std::thread::scope(|s| {
        let runs: Vec<_> = commands
            .iter()
            .map(|(name, ty, args, part)| {
                s.spawn(move || {
                    let v = cli(args);
                    (*name, *ty, part.map_or(v.clone(), |p| v[p].clone()))
                })
            })
            .collect();
        runs.into_iter().map(|r| r.join().unwrap()).collect()
    });
    // The app's `report` and `trend` answers (the CLI's report is another envelope).
    let data = import_sources(&[northstar::demo::source()], &ImportSettings::default()).unwrap();
    let settings = Settings::default();
    let req = ReportRequest { with_details: true, ..Default::default() };
    let report = kpi::report(&data.dataset, &req, &settings).unwrap();
    let trend = kpi::trend(&data.dataset, &req, &settings).unwrap();
    out.push(("REPORT", "Report", serde_json::to_value(report).unwrap()));
    out.push(("TREND", "Trend", serde_json::to_value(trend).unwrap()));
    out.iter_mut().for_each(|(_, _, v)| cut(v));
    out
}

fn render() -> String {
    let list = fixtures();
    let mut types: Vec<&str> = list.iter().map(|(_, t, _)| t.trim_end_matches("[]")).collect();
    types.sort();
    let mut s = String::from(
        "// Written by tests/bindings_fixtures.rs: the JSON of the CLI and the engine on the demo workbook\n\
         // (lists cut to their first 3 items), checked against the generated types by `satisfies`.\n\
         // Do not edit: `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings_fixtures`.\n",
    );
    s.push_str(&format!("import type {{ {} }} from \"../api\";\n", types.join(", ")));
    for (name, ty, v) in &list {
        s.push_str(&format!("\nexport const {name} = {v} satisfies {ty};\n"));
    }
    s
}

#[test]
fn the_typed_fixtures_are_the_real_json() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/fixtures/engine.ts");
    let text = render();
    if std::env::var_os("NORTHSTAR_WRITE_BINDINGS").is_some() {
        std::fs::write(&path, text).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == text,
        "ui/src/fixtures/engine.ts is stale: run `NORTHSTAR_WRITE_BINDINGS=1 cargo test \
         --no-default-features --test bindings_fixtures` and commit it"
    );
}
