//! The command line parser, argument by argument (kept apart: args.rs stays short).

use super::*;

fn p(args: &[&str]) -> Parsed {
    parse(&args.iter().map(OsString::from).collect::<Vec<_>>())
}

#[test]
fn faces() {
    assert_eq!(p(&[]), Parsed::Window(vec![]));
    // A file that exists opens the window; a word that is no command and no file is bad usage.
    let here = env!("CARGO_MANIFEST_DIR").to_string() + "/Cargo.toml";
    assert_eq!(p(&[here.as_str()]), Parsed::Window(vec![here.clone().into()]));
    assert_eq!(
        p(&["helth"]),
        Parsed::Usage("unknown command \"helth\": did you mean `northstar health`?".into())
    );
    assert_eq!(
        p(&["vioce", "--json"]),
        Parsed::Usage("unknown command \"vioce\": did you mean `northstar voice`?".into())
    );
    assert_eq!(p(&["here.xlsx", "there.csv"]), Parsed::Usage("here.xlsx: no such file".into()));
    assert_eq!(p(&["a.xlsx"]), Parsed::Usage("a.xlsx: no such file".into()));
    assert_eq!(
        p(&["dashboard"]),
        Parsed::Usage("\"dashboard\" is neither a command nor a file (commands: report, board-pack, forecast, goal-seek, backtest, clv, health, voice, template, help)".into())
    );
    let Parsed::Headless(Command::Report(r)) =
        p(&["report", "a.csv", "--from", "2024-01", "--json", "--segment", "plan=Pro"])
    else {
        panic!()
    };
    assert_eq!(r.files, vec![PathBuf::from("a.csv")]);
    assert_eq!(r.from, Month::new(2024, 1));
    assert_eq!(r.segment, Some(("plan".into(), "Pro".into())));
    assert!(r.json);
    assert_eq!(r.targets, None);
    let Parsed::Headless(Command::Report(r)) = p(&["report", "--targets", "t.json"]) else {
        panic!()
    };
    assert_eq!(r.targets, Some(PathBuf::from("t.json")));
    assert!(matches!(p(&["report", "--targets"]), Parsed::Usage(m) if m.contains("--targets")));
    assert!(matches!(p(&["report", "--from", "24-1"]), Parsed::Usage(_)));
    assert!(matches!(p(&["report", "--bogus"]), Parsed::Usage(_)));
    let Parsed::Headless(Command::Report(r)) = p(&[
        "report",
        "--what-moved",
        "nrr",
        "--by",
        "plan",
        "--before-from",
        "2023-01",
        "--before-to",
        "2023-03",
    ]) else {
        panic!()
    };
    let m = r.what_moved.unwrap();
    assert_eq!((m.kpi.as_str(), m.by.as_deref()), ("nrr", Some("plan")));
    assert_eq!(m.before, Month::new(2023, 1).zip(Month::new(2023, 3)));
    assert!(
        matches!(p(&["report", "--by", "plan"]), Parsed::Usage(m) if m.contains("--what-moved"))
    );
    assert!(matches!(
        p(&["report", "--what-moved", "nrr", "--before-from", "2023-01"]),
        Parsed::Usage(m) if m.contains("together")
    ));
    // An option where a value belongs is a missing value, not a KPI called "--json".
    let usage = |args: &[&str]| match p(args) {
        Parsed::Usage(m) => m,
        other => panic!("{other:?}"),
    };
    assert_eq!(usage(&["report", "--what-moved", "--json"]), "--what-moved needs a KPI id");
    assert_eq!(
        usage(&["report", "--what-moved", "nrr", "--by", "--json"]),
        "--by needs an attribute"
    );
    assert_eq!(usage(&["report", "--explain", "--json"]), "--explain needs a KPI id");
    assert_eq!(
        usage(&[
            "report",
            "--what-moved",
            "nrr",
            "--before-from",
            "2025-06",
            "--before-to",
            "2025-01"
        ]),
        "the before period starts (--before-from 2025-06) after it ends (--before-to 2025-01)"
    );
    for other in [["--breakdown", "plan"], ["--explain", "nrr"]] {
        let mut args = vec!["report", "--what-moved", "nrr"];
        args.extend(other);
        assert!(usage(&args).contains("--what-moved goes with neither"));
    }
    assert!(matches!(
        p(&["goal-seek", "s.json", "--target", "nrr=1.1", "--vary", "monthly_churn"]),
        Parsed::Headless(Command::GoalSeek { metric: Metric::Nrr, vary: Vary::MonthlyChurn, .. })
    ));
    assert!(matches!(p(&["goal-seek", "s.json", "--vary", "monthly_churn"]), Parsed::Usage(_)));
    assert_eq!(
        p(&["forecast", "s.json", "--json"]),
        Parsed::Headless(Command::Forecast { scenario: "s.json".into(), json: true })
    );
    let Parsed::Headless(Command::ForecastData(f)) = p(&[
        "forecast",
        "--data",
        "a.csv",
        "b.csv",
        "--from",
        "2024-01",
        "--to",
        "2024-12",
        "--segment",
        "plan = Pro",
        "--settings",
        "s.json",
        "--json",
    ]) else {
        panic!()
    };
    assert_eq!(f.files, vec![PathBuf::from("a.csv"), PathBuf::from("b.csv")]);
    assert_eq!((f.from, f.to), (Month::new(2024, 1), Month::new(2024, 12)));
    assert_eq!(f.segment, Some(("plan".into(), "Pro".into())));
    assert_eq!((f.settings, f.mapping, f.json), (Some("s.json".into()), None, true));
    // --data with no file: the demo, as for report.
    assert!(matches!(
        p(&["forecast", "--data", "--json"]),
        Parsed::Headless(Command::ForecastData(ForecastDataArgs { ref files, .. })) if files.is_empty()
    ));
    assert!(matches!(p(&["forecast", "s.json", "--from", "2024-01"]), Parsed::Usage(_)));
    assert!(matches!(p(&["forecast"]), Parsed::Usage(_)));
    assert!(matches!(p(&["forecast", "a.json", "b.json"]), Parsed::Usage(_)));
    assert!(matches!(p(&["goal-seek", "s.json", "--data"]), Parsed::Usage(_)));
    let Parsed::Headless(Command::Clv(c)) =
        p(&["clv", "o.csv", "--calibration-end", "1997-09-30", "--unit", "day", "--json"])
    else {
        panic!()
    };
    assert_eq!((c.unit, c.horizon, c.discount_rate), (crate::clv::Unit::Day, 39, 0.10));
    assert_eq!(c.mapping, None);
    let Parsed::Headless(Command::Clv(c)) =
        p(&["clv", "o.csv", "--mapping", "m.json", "--calibration-end", "1997-09-30"])
    else {
        panic!()
    };
    assert_eq!((c.mapping, c.files), (Some("m.json".into()), vec![PathBuf::from("o.csv")]));
    assert!(matches!(
        p(&["clv", "o.csv", "--calibration-end", "1997-09-30", "--mapping"]),
        Parsed::Usage(_)
    ));
    assert!(matches!(p(&["clv", "o.csv"]), Parsed::Usage(_)));
    assert!(matches!(p(&["clv", "o.csv", "--calibration-end", "1997-13-01"]), Parsed::Usage(_)));
    assert!(matches!(
        p(&["clv", "o.csv", "--calibration-end", "1997-09-30", "--horizon", "0"]),
        Parsed::Usage(_)
    ));
    let Parsed::Headless(Command::Health(h)) =
        p(&["health", "a.csv", "--horizon", "6", "--seed", "9", "--json"])
    else {
        panic!()
    };
    assert_eq!(
        (h.files, h.horizon, h.seed, h.json),
        (vec![PathBuf::from("a.csv")], Some(6), Some(9), true)
    );
    assert_eq!(p(&["health"]), Parsed::Headless(Command::Health(HealthArgs::default())));
    assert!(matches!(p(&["health", "--horizon", "0"]), Parsed::Usage(m) if m.contains("1 to 24")));
    assert!(matches!(p(&["health", "--seed", "x"]), Parsed::Usage(_)));
    assert!(matches!(p(&["health", "--bogus"]), Parsed::Usage(_)));
    assert_eq!(
        p(&["template", "mrr-events", "--out", "t.xlsx"]),
        Parsed::Headless(Command::Template {
            kind: crate::import::TableKind::MrrEvents,
            out: "t.xlsx".into()
        })
    );
    assert_eq!(
        p(&["template", "usage"]),
        Parsed::Headless(Command::Template {
            kind: crate::import::TableKind::Usage,
            out: "northstar-template-usage.xlsx".into()
        })
    );
    assert!(matches!(p(&["template"]), Parsed::Usage(m) if m.contains("usage, trials")));
    assert!(
        matches!(p(&["template", "bogus"]), Parsed::Usage(m) if m.contains("not a table kind"))
    );
    assert!(matches!(p(&["template", "usage", "orders"]), Parsed::Usage(_)));
    assert!(matches!(p(&["template", "usage", "--out"]), Parsed::Usage(_)));
    let Parsed::Headless(Command::BoardPack(b)) = p(&[
        "board-pack",
        "a.xlsx",
        "--out",
        "p.pdf",
        "--paper",
        "Letter",
        "--to",
        "2025-06",
        "--store",
        "dir",
    ]) else {
        panic!()
    };
    assert_eq!((b.files, b.out), (vec![PathBuf::from("a.xlsx")], PathBuf::from("p.pdf")));
    assert_eq!((b.paper, b.to), (Some(crate::pack::Paper::Letter), Month::new(2025, 6)));
    assert_eq!(b.store, Some(PathBuf::from("dir")));
    assert!(matches!(p(&["board-pack", "a.xlsx"]), Parsed::Usage(m) if m.contains("--out")));
    assert!(matches!(
        p(&["board-pack", "--out", "p.pdf", "--paper", "a5"]),
        Parsed::Usage(m) if m.contains("a4 or letter")
    ));
}
