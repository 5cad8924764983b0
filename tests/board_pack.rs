//! The board pack (`northstar board-pack`, src-tauri/pack): its text, read back with poppler's
//! `pdftotext -layout`, states the numbers of `northstar report --json` as the app shows them; the
//! fonts are embedded; the same input gives the same bytes; the paper setting sets the page size;
//! the saved scenarios and the "what moved" sentences get their pages. Needs poppler-utils
//! (.ci/setup --test installs it).

mod common;

use common::{json, northstar, write};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("{tool} is needed for this test (apt-get install poppler-utils): {e}")
    });
    assert!(out.status.success(), "{tool}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn text_of(pdf: &Path) -> String {
    poppler("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"])
}

/// The text in reading order (blocks kept together: a wrapped paragraph beside another reads whole).
fn blocks_of(pdf: &Path) -> String {
    poppler("pdftotext", &[pdf.to_str().unwrap(), "-"])
}

/// Runs of spaces as one (pdftotext -layout pads table columns).
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn info_of(pdf: &Path) -> String {
    poppler("pdfinfo", &[pdf.to_str().unwrap()])
}

fn pages(info: &str) -> usize {
    let line = info.lines().find(|l| l.starts_with("Pages:")).expect("a Pages line");
    line["Pages:".len()..].trim().parse().unwrap()
}

/// The digits of `v` rounded half away from zero to `dp` decimals, grouped by thousands:
/// 1234567.5 with 0 decimals is "1,234,568". The app's rule (kpi/display.rs), written again here
/// so that the test does not check the pack against the code that made it.
fn grouped(v: f64, dp: usize) -> String {
    let scaled = (v.abs() * 10f64.powi(dp as i32)).round() / 10f64.powi(dp as i32);
    let s = format!("{scaled:.dp$}");
    let (int, frac) = s.split_once('.').map(|(i, f)| (i, Some(f))).unwrap_or((&s, None));
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out
}

/// A value of `report --json` as a tile writes it: money as $ with cents only below $100, a ratio
/// as a percentage with one decimal, a count whole, a score with one decimal; a real minus sign.
fn shown(k: &Value) -> String {
    let v = k["value"].as_f64().expect("a number");
    let sign = if v < 0.0 { "\u{2212}" } else { "" };
    match k["unit"].as_str().unwrap() {
        "money" if v.abs() < 100.0 => format!("{sign}${}", grouped(v, 2)),
        "money" => format!("{sign}${}", grouped(v, 0)),
        "ratio" => format!("{sign}{}%", grouped(v * 100.0, 1)),
        "count" => format!("{sign}{}", grouped(v, 0)),
        _ => format!("{sign}{}", grouped(v, 1)),
    }
}

/// A change as a tile writes it: "+5.1 pts" for a ratio, "+$182,040" for money.
fn change(k: &Value) -> String {
    let c = k["change"].as_f64().expect("a change");
    let sign = if c > 0.0 { "+" } else { "\u{2212}" };
    match k["unit"].as_str().unwrap() {
        "ratio" => format!("{sign}{} pts", grouped(c.abs() * 100.0, 1)),
        "money" => format!("{sign}${}", grouped(c.abs(), 0)),
        _ => format!("{sign}{}", grouped(c.abs(), if c.fract() == 0.0 { 0 } else { 1 })),
    }
}

/// The decimals of a ratio (as points) or a score, for the value, the previous one and the
/// change; None when the tiles' 1 decimal makes the change the difference of the two values shown,
/// else the texts with the fewest decimals (2 to 5) that do. Money and counts are whole here.
fn agreeing(k: &Value) -> Option<(String, String, String)> {
    let unit = k["unit"].as_str().unwrap();
    if unit != "ratio" && unit != "score" {
        return None;
    }
    let s = if unit == "ratio" { 100.0 } else { 1.0 };
    let (v, p) = (k["value"].as_f64().unwrap() * s, k["previous"].as_f64().unwrap() * s);
    let c = v - p;
    let r = |x: f64, dp: i32| (x.abs() * 10f64.powi(dp)).round() * x.signum();
    let agree = |dp: i32| (r(v, dp) - r(p, dp) - r(c, dp)).abs() < 1e-6;
    if agree(1) {
        return None;
    }
    let dp = (2..=5).find(|&dp| agree(dp)).unwrap();
    let (unit_v, unit_c) = if unit == "ratio" { ("%", " pts") } else { ("", "") };
    let sign = if r(c, dp) == 0.0 {
        "±"
    } else if c > 0.0 {
        "+"
    } else {
        "\u{2212}"
    };
    let g = |x: f64| grouped(x, dp as usize);
    Some((
        format!("{}{unit_v}", g(v)),
        format!("{}{unit_v}", g(p)),
        format!("{sign}{}{unit_c}", g(c)),
    ))
}

fn month_label(m: &str) -> String {
    const NAMES: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let (y, k) = m.split_once('-').unwrap();
    format!("{} {y}", NAMES[k.parse::<usize>().unwrap() - 1])
}

#[test]
fn the_demo_pack_states_the_reports_numbers_in_embedded_fonts_and_the_same_bytes_each_time() {
    let dir = tempfile::tempdir().unwrap();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/demo/northstar-demo.xlsx");
    let demo = demo.to_str().unwrap();
    let out = northstar(dir.path(), &["board-pack", demo, "--out", "a.pdf"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&northstar(dir.path(), &["report", demo, "--json"]));
    let text = text_of(&dir.path().join("a.pdf"));

    // The cover: the company (the file's name without .xlsx: no `company` setting), the file, the
    // period as the app names it.
    assert!(text.contains("northstar-demo"), "{text}");
    assert!(text.contains("northstar-demo.xlsx"));
    let (from, to) =
        (report["period"]["from"].as_str().unwrap(), report["period"]["to"].as_str().unwrap());
    let period = format!("{} \u{2013} {}", month_label(from), month_label(to));
    assert!(text.contains(&period), "{period} not in the pack");

    // The headline KPIs and their changes, as the JSON's numbers written by the tiles' rules:
    // e.g. MRR 858190.0 -> "$858,190"; NRR 1.0197... -> "102.0%"; NPS 18.93 -> "18.9".
    let kpis = &report["kpis"];
    for id in [
        "mrr",
        "arr",
        "net_new_mrr",
        "active_customers",
        "nrr",
        "grr",
        "customer_churn_rate",
        "nps",
        "csat",
        "health_avg",
    ] {
        let k = &kpis[id];
        let (v, c) = (shown(k), change(k));
        // The change shown is the difference of the two values shown: with the tiles' decimals
        // when they agree, else with as many more as make them agree (GRR 87.84% -> 87.17%,
        // −0.67 pts, where 87.8% -> 87.2% would be −0.6 pts beside a change of −0.7 pts).
        match agreeing(k) {
            None => {
                assert!(text.contains(&v), "{id} = {v} not in the pack");
                assert!(text.contains(&c), "{id} change {c} not in the pack");
            }
            Some((v, p, c)) => {
                for t in [&v, &p, &c] {
                    assert!(text.contains(t.as_str()), "{id}: {t} not in the pack");
                }
            }
        }
    }
    // The demo's MRR bridge adds up: the closing MRR minus the opening one is net new MRR.
    let (mrr, prev) =
        (kpis["mrr"]["value"].as_f64().unwrap(), kpis["mrr"]["previous"].as_f64().unwrap());
    assert!((mrr - prev - kpis["net_new_mrr"]["value"].as_f64().unwrap()).abs() < 0.01);
    assert!(text.contains(&format!("MRR {}", month_label(to))));

    // Cover, headline, bridge, trends, cohorts, NPS/CSAT, what customers say, what moved,
    // riskiest accounts, at risk next: no scenario (no --store).
    let info = info_of(&dir.path().join("a.pdf"));
    assert_eq!(pages(&info), 10, "{info}");
    // What customers say states `voice`'s numbers: the comments, the scored, each theme's count.
    let v = json(&northstar(dir.path(), &["voice", demo, "--json"]));
    let n = |k: &Value| grouped(k.as_f64().unwrap(), 0);
    let intro = format!("{} comments in the period", n(&v["comments"]));
    assert!(text.contains(&intro), "{intro}");
    assert!(text.contains(&format!("{} scored for sentiment", n(&v["scored"]))));
    for t in v["themes"].as_array().unwrap().iter().take(10) {
        let row = format!("{} {}", t["name"].as_str().unwrap(), n(&t["comments"]));
        assert!(squeeze(&text).contains(&row), "theme row {row} not in the pack");
    }
    assert!(info.contains("841.89 x 595.28 pts (A4)"), "{info}");
    assert!(!text.contains("Saved scenarios compared"));

    // Every font is embedded (the "emb" column of pdffonts says yes).
    let fonts = poppler("pdffonts", &[dir.path().join("a.pdf").to_str().unwrap()]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert_eq!(cols[cols.len() - 5], "yes", "not embedded: {r}");
    }

    // The same input twice: the same bytes.
    let out = northstar(dir.path(), &["board-pack", demo, "--out", "b.pdf"]);
    assert!(out.status.success());
    let (a, b) = (
        std::fs::read(dir.path().join("a.pdf")).unwrap(),
        std::fs::read(dir.path().join("b.pdf")).unwrap(),
    );
    assert!(a == b, "two runs gave different PDFs");

    // Letter: 11 x 8.5 in landscape = 792 x 612 pt; from the CLI or the settings.
    let out = northstar(dir.path(), &["board-pack", demo, "--out", "l.pdf", "--paper", "letter"]);
    assert!(out.status.success());
    assert!(info_of(&dir.path().join("l.pdf")).contains("792 x 612 pts (letter)"));
    write(dir.path(), "s.json", r#"{"paper": "letter", "company": "Acme Analytics"}"#);
    let out =
        northstar(dir.path(), &["board-pack", demo, "--out", "s.pdf", "--settings", "s.json"]);
    assert!(out.status.success());
    let p = dir.path().join("s.pdf");
    assert!(info_of(&p).contains("792 x 612 pts (letter)"));
    assert!(text_of(&p).contains("Acme Analytics"));
}

#[test]
fn usage_and_input_errors_exit_2_and_1() {
    let dir = tempfile::tempdir().unwrap();
    let code = |args: &[&str]| northstar(dir.path(), args).status.code();
    assert_eq!(code(&["board-pack"]), Some(2), "no --out");
    assert_eq!(code(&["board-pack", "--out", "p.pdf", "--paper", "a3"]), Some(2));
    assert_eq!(code(&["board-pack", "missing.xlsx", "--out", "p.pdf"]), Some(1));
    assert_eq!(code(&["board-pack", "--out", "p.pdf", "--store", "no-such-folder"]), Some(1));
    // A misspelt segment would be a pack of nobody: the demo has no value "Nope" and no attribute
    // "nosuchattr"; the message lists what there is.
    let out = northstar(dir.path(), &["board-pack", "--out", "p.pdf", "--segment", "segment=Nope"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no customer has segment = Nope; its values are Enterprise, Mid-Market, SMB")
    );
    let out = northstar(dir.path(), &["report", "--segment", "nosuchattr=1", "--json"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no customer attribute nosuchattr; the data's attributes are segment"));
    assert!(!dir.path().join("p.pdf").exists());
    write(dir.path(), "s.json", r#"{"paper": "a3"}"#);
    assert_eq!(code(&["board-pack", "--out", "p.pdf", "--settings", "s.json"]), Some(1));
}

/// A KPI without a value shows its reason, never 0: a revenue-only file has no survey, so NPS is
/// "needs table surveys".
#[test]
fn a_null_kpi_shows_its_reason() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "mrr.csv",
        "Customer ID,Month,MRR\nC1,2024-01,100\nC1,2024-02,120\nC2,2024-01,50\nC2,2024-02,50\n",
    );
    let out = northstar(dir.path(), &["board-pack", "mrr.csv", "--out", "p.pdf"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let report = json(&northstar(dir.path(), &["report", "mrr.csv", "--json"]));
    let reason = report["kpis"]["nps"]["reason"].as_str().unwrap();
    let text = text_of(&dir.path().join("p.pdf"));
    assert!(text.contains(reason), "{reason} not in {text}");
    // MRR of 2024-02 = 120 + 50 = $170 (no cents from $100 up).
    assert!(text.contains("$170"));
    // No `company` setting: the file's name without .csv heads every page.
    assert!(text.contains("mrr \u{b7} "), "{text}");
}

#[test]
fn saved_scenarios_are_compared_with_store() {
    use northstar::forecast::ScenarioInput;
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let mut store = northstar::store::Store::open(&data).unwrap();
    let flat = ScenarioInput {
        start_mrr: Some(10_000.0),
        start_customers: Some(100.0),
        monthly_churn: Some(0.0),
        monthly_expansion: Some(0.0),
        monthly_contraction: Some(0.0),
        new_customers_per_month: Some(0.0),
        new_customer_arpa: Some(0.0),
        years: Some(2.0),
        ..Default::default()
    };
    let growing = ScenarioInput { monthly_expansion: Some(0.01), ..flat.clone() };
    store.create_scenario("Flat book", "", &flat, &Default::default()).unwrap();
    store.create_scenario("One percent expansion", "", &growing, &Default::default()).unwrap();
    drop(store);
    let out =
        northstar(dir.path(), &["board-pack", "--out", "p.pdf", "--store", data.to_str().unwrap()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let p = dir.path().join("p.pdf");
    let text = text_of(&p);
    assert!(text.contains("Saved scenarios compared"));
    assert!(text.contains("Flat book") && text.contains("One percent expansion"));
    // Flat: MRR stays 10,000, so ARR is 12 x 10,000 = $120,000 each year and NRR 100.0%.
    assert!(text.contains("$120,000") && text.contains("100.0%"));
    // 1% expansion a month: MRR after 12 months = 10,000 x 1.01^12 = 11,268.25; ARR = 12 x that
    // = $135,219; NRR = 1.01^12 = 112.7%. Year 2: 10,000 x 1.01^24 = 12,697.35; ARR $152,368.
    assert!(text.contains("$135,219") && text.contains("112.7%"), "{text}");
    assert!(text.contains("$152,368"));
    // The demo's 10 pages and the scenarios' page.
    assert_eq!(pages(&info_of(&p)), 11);
}

/// The "what moved" page says, word for word, what `report --what-moved` says for ARR, NRR, logo
/// churn and NPS by segment (pdftotext breaks the wrapped lines: compare with single spaces).
#[test]
fn what_moved_sentences_are_the_reports() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("m.pdf");
    northstar(dir.path(), &["board-pack", "--out", p.to_str().unwrap()]);
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = flat(&text_of(&p));
    assert!(text.contains("What moved"));
    for id in ["arr", "nrr", "customer_churn_rate", "nps"] {
        let moved = json(&northstar(
            dir.path(),
            &["report", "--what-moved", id, "--by", "segment", "--json"],
        ));
        let sentences = moved["sentences"].as_array().unwrap();
        assert!(sentences.len() >= 3, "{id}: {sentences:?}");
        for s in sentences {
            let s = flat(s.as_str().unwrap());
            assert!(text.contains(&s), "{id}: {s:?} not in the pack");
        }
    }
}

/// A period from the first month of the demo's revenue data (2024-05): the report notes the
/// movement KPIs as partial and gives no comparison; the pack says the same, under the headline
/// table and beside the MRR bridge, in the report's words.
#[test]
fn partial_data_and_no_comparison_keep_their_reasons() {
    let dir = tempfile::tempdir().unwrap();
    let period = ["--from", "2024-05", "--to", "2024-06"];
    let mut args = vec!["board-pack", "--out", "e.pdf"];
    args.extend(period);
    assert!(northstar(dir.path(), &args).status.success());
    let mut rep = vec!["report", "--json"];
    rep.extend(period);
    let report = json(&northstar(dir.path(), &rep));
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = flat(&text_of(&dir.path().join("e.pdf")));
    let k = &report["kpis"]["quick_ratio"];
    let note = k["note"].as_str().expect("quick ratio is partial");
    assert!(text.contains(&flat(&format!("Partial data: {note}."))), "{note}");
    assert!(text.contains("Quick ratio partial data ["), "no marker on its row");
    let why = report["kpis"]["mrr"]["previous_reason"].as_str().unwrap();
    let why = format!("{}{}.", why[..1].to_uppercase(), &why[1..]);
    assert!(text.contains(&why), "{why}");
    // The bridge opens before the data: its "New" is the opening book, and says so.
    let new = report["kpis"]["mrr_new"]["note"].as_str().unwrap();
    assert_eq!(new, note);
    assert!(text.matches(&flat(&format!("Partial data: {note}."))).count() >= 2);
    // NRR of May 2024 is unknown (no customer before it), so June's is the trend's one point: it is
    // written, not drawn as a lone dot, and it is the report's NRR of June (99.0%).
    let june =
        json(&northstar(dir.path(), &["report", "--from", "2024-06", "--to", "2024-06", "--json"]));
    let nrr = june["kpis"]["nrr"]["value"].as_f64().unwrap();
    assert_eq!(format!("{:.1}", nrr * 100.0), "99.0");
    assert!(text.contains("NRR Jun 24: 99.0%"), "{text}");
}

/// Jul–Sep 2024 against Apr–Jun 2024, whose surveys start in May: the headline says "no
/// comparison" for NPS and so does the what-moved page (it does not say NPS fell).
#[test]
fn what_moved_does_not_compare_what_the_headline_does_not() {
    let dir = tempfile::tempdir().unwrap();
    let period = ["--from", "2024-07", "--to", "2024-09"];
    let mut args = vec!["board-pack", "--out", "q.pdf"];
    args.extend(period);
    assert!(northstar(dir.path(), &args).status.success());
    let mut rep = vec!["report", "--json"];
    rep.extend(period);
    let report = json(&northstar(dir.path(), &rep));
    assert!(report["kpis"]["nps"]["previous"].is_null());
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let text = flat(&text_of(&dir.path().join("q.pdf")));
    assert!(!text.contains("NPS fell") && !text.contains("NPS rose"));
    let mut m = vec!["report", "--what-moved", "nps", "--by", "segment", "--json"];
    m.extend(period);
    let moved = json(&northstar(dir.path(), &m));
    assert!(moved["before"].is_null() && moved["change"].is_null());
    let s = flat(moved["sentences"][0].as_str().unwrap());
    assert!(s.ends_with("so there is no change to explain."));
    assert!(text.contains(&s), "{s}");
}

/// Small things of the pack. In a view of one segment, what moved splits by the next attribute
/// (plan), as `report --what-moved --by plan --segment` says. The cover's tiles give a missing
/// value's whole reason (2024-05..06: NRR "revenue data starts 2024-05: no customers are known
/// before the period"), not a cut one. The demo has no renewal after the period: the riskiest
/// accounts' caption says why the column is empty.
#[test]
fn a_segment_pack_splits_by_plan_and_reasons_are_whole() {
    let dir = tempfile::tempdir().unwrap();
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let args = ["board-pack", "--out", "s.pdf", "--segment", "segment=SMB"];
    assert!(northstar(dir.path(), &args).status.success());
    let text = flat(&text_of(&dir.path().join("s.pdf")));
    let moved = json(&northstar(
        dir.path(),
        &["report", "--what-moved", "arr", "--by", "plan", "--segment", "segment=SMB", "--json"],
    ));
    let by_plan = moved["sentences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| flat(s.as_str().unwrap()))
        .find(|s| s.starts_with("By plan, "))
        .expect("a plan sentence");
    assert!(text.contains(&by_plan), "{by_plan}");
    assert!(text.contains("Renewal is — for each"));
    let args = ["board-pack", "--out", "c.pdf", "--from", "2024-05", "--to", "2024-06"];
    assert!(northstar(dir.path(), &args).status.success());
    let report =
        json(&northstar(dir.path(), &["report", "--from", "2024-05", "--to", "2024-06", "--json"]));
    let why = report["kpis"]["nrr"]["reason"].as_str().unwrap();
    let cover = blocks_of(&dir.path().join("c.pdf"));
    let cover = flat(cover.split('\u{c}').next().unwrap());
    assert!(cover.contains(why), "{why} not whole on the cover: {cover}");
}

/// "At risk next" lists the customers `northstar health` finds most likely to churn, in its order,
/// with the MRR at risk as the dashboard writes money.
#[test]
fn at_risk_next_is_the_health_backtests() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("r.pdf");
    northstar(dir.path(), &["board-pack", "--out", p.to_str().unwrap()]);
    let text = text_of(&p);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("At risk next"));
    let health = json(&northstar(dir.path(), &["health", "--json"]));
    let list = health["at_risk"].as_array().unwrap();
    let mut last = 0;
    for a in &list[..5] {
        let name = a["name"].as_str().unwrap();
        let at = text.find(name).unwrap_or_else(|| panic!("{name} not in the pack"));
        // In the backtest's order (the names appear once on the page, after the earlier ones).
        assert!(at > last, "{name} out of order");
        last = at;
        // MRR 3540.0 is written $3,540 (whole dollars, as the tiles write MRR).
        let mrr = a["mrr"].as_f64().unwrap();
        assert!(text.contains(&format!("${}", grouped(mrr, 0))), "{name}: {mrr}");
    }
    let total = health["at_risk_total"].as_u64().unwrap();
    assert!(flat.contains(&format!("The 15 of {total} customers scored at the end of")), "{flat}");
}
