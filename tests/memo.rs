//! The app keeps the results it is asked for again (kpi/memo.rs): every answer with results kept
//! must equal the answer worked out afresh, asked once or again, in any order, for any view and
//! settings — the demo workbook, as the CLI computes it, is the reference.

use northstar::import::{import_sources, ImportSettings};
use northstar::kpi::{self, moved::Against, Preset, ReportRequest};
use northstar::model::Dataset;
use northstar::settings::Settings;
use serde_json::{json, Value};

fn demo() -> Dataset {
    import_sources(&[northstar::demo::source()], &ImportSettings::default()).unwrap().dataset
}

fn req(d: &Dataset, preset: Preset, segment: Option<(&str, &str)>, details: bool) -> ReportRequest {
    let latest = kpi::period::latest_month(d).unwrap();
    let p = kpi::Period::preset(preset, latest, 1);
    ReportRequest {
        from: Some(p.from),
        to: Some(p.to),
        segment: segment.map(|(k, v)| (k.to_string(), v.to_string())),
        with_details: details,
    }
}

/// Everything the window asks of one view, as JSON.
fn answers(d: &Dataset, r: &ReportRequest, s: &Settings) -> Value {
    let lean = ReportRequest { with_details: false, ..r.clone() };
    json!({
        "report": kpi::report(d, r, s).unwrap(),
        "lean": kpi::report(d, &lean, s).unwrap(),
        "trend": kpi::trend(d, r, s).unwrap(),
        "flags": kpi::flags::flags(d, r, s).unwrap(),
        "breakdown": kpi::breakdown::breakdown(d, &lean, s, "segment").unwrap(),
        "explain_nrr": kpi::explain::explain(d, &lean, s, "nrr").unwrap(),
        "explain_nps": kpi::explain::explain(d, &lean, s, "nps").unwrap(),
        "explain_health": kpi::explain::explain(d, &lean, s, "health_avg").unwrap(),
        "moved": kpi::moved::what_moved_between(d, &lean, Against::Previous, s, "nrr", Some("segment")).unwrap(),
    })
}

#[test]
fn kept_results_equal_fresh_ones() {
    let fresh = demo();
    let mut kept = demo();
    kept.keep_results();
    let margin = Settings { gross_margin: Some(0.5), ..Default::default() };
    let fiscal = Settings { fiscal_year_start: Some(4), ..Default::default() };
    // Other health bands: the scores of a month are kept per health settings.
    let bands = Settings {
        health: northstar::settings::HealthSettings {
            red_below: 60.0,
            green_from: 75.0,
            ..Default::default()
        },
        ..Default::default()
    };
    let views = [
        (Preset::Last12Months, None, Settings::default()),
        (Preset::LastQuarter, None, Settings::default()),
        (Preset::Last12Months, Some(("segment", "Enterprise")), Settings::default()),
        // Other settings: nothing kept under the defaults may answer for them.
        (Preset::Last12Months, None, margin.clone()),
        (Preset::YearToDate, None, fiscal),
        (Preset::Last12Months, None, bands.clone()),
        (Preset::LastMonth, Some(("segment", "SMB")), Settings::default()),
        // Asked again: the kept answers.
        (Preset::Last12Months, None, Settings::default()),
        (Preset::Last12Months, Some(("segment", "Enterprise")), Settings::default()),
    ];
    for (preset, segment, s) in views {
        let r = req(&fresh, preset, segment, true);
        let want = answers(&fresh, &r, &s);
        let got = answers(&kept, &r, &s);
        let diff = differences(&got, &want, String::new());
        assert!(diff.is_empty(), "{preset:?} {segment:?}: {}", diff.join("\n"));
        // The reference is the fresh answer (the CLI's computation), with real figures in it.
        assert!(want["report"]["kpis"]["mrr"]["value"].is_number());
    }
    // Periods running past the revenue data's first or last month, and the whole of it: a kept
    // view slices a period's movements from its series of every month only where the series holds
    // them all; the answers must not tell the two apart.
    let rev = fresh.revenue.as_ref().unwrap();
    let (first, last) = (rev.first.unwrap(), rev.last.unwrap());
    for (from, to) in
        [(first.plus(-2), first.plus(3)), (last.plus(-3), last.plus(2)), (first, last)]
    {
        let r = ReportRequest { from: Some(from), to: Some(to), segment: None, with_details: true };
        let s = Settings::default();
        let (got, want) = (answers(&kept, &r, &s), answers(&fresh, &r, &s));
        let diff = differences(&got, &want, String::new());
        assert!(diff.is_empty(), "{from}..{to}: {}", diff.join("\n"));
    }
    // The bands change the health counts and the at-risk list's bands.
    let a = answers(&kept, &req(&fresh, Preset::Last12Months, None, true), &Settings::default());
    let b = answers(&kept, &req(&fresh, Preset::Last12Months, None, true), &bands);
    assert_ne!(
        a["report"]["kpis"]["health_red"]["value"],
        b["report"]["kpis"]["health_red"]["value"]
    );
    assert_ne!(a["report"]["details"]["health_bands"], b["report"]["details"]["health_bands"]);
    // The margin changes lifetime values: a kept default answer would have hidden that.
    let a = answers(&kept, &req(&fresh, Preset::Last12Months, None, true), &Settings::default());
    let b = answers(&kept, &req(&fresh, Preset::Last12Months, None, true), &margin);
    assert_ne!(
        a["report"]["kpis"]["ltv_simple"]["value"],
        b["report"]["kpis"]["ltv_simple"]["value"]
    );
}

/// A segment's copy of the data does not carry the whole data's kept results.
#[test]
fn a_copy_keeps_nothing() {
    let mut d = demo();
    d.keep_results();
    let r = req(&d, Preset::Last12Months, None, false);
    let whole = kpi::report(&d, &r, &Settings::default()).unwrap();
    let mut copy = d.clone();
    copy.customers.truncate(10);
    copy.revenue = None;
    let other = kpi::report(&copy, &r, &Settings::default()).unwrap();
    assert!(whole.kpis.get("mrr").unwrap().number().is_some());
    assert!(other.kpis.get("mrr").unwrap().number().is_none(), "the copy has no revenue");
}

/// The paths where two answers differ (a readable failure).
fn differences(a: &Value, b: &Value, at: String) -> Vec<String> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            keys.into_iter()
                .flat_map(|k| {
                    let (p, q) =
                        (x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null));
                    differences(p, q, format!("{at}.{k}"))
                })
                .collect()
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .flat_map(|(i, (p, q))| differences(p, q, format!("{at}[{i}]")))
            .collect(),
        _ if a == b => vec![],
        _ => vec![format!("{at}: kept {a} fresh {b}")],
    }
}
