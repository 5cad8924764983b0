//! End-to-end: the real release binary in a real window (under Xvfb), driven through WebDriver
//! (tauri-driver + WebKitWebDriver), one main flow after another, each checked against the headless
//! command on the same data:
//! 1. the demo opens by default and its tiles equal `northstar report --json`;
//! 2. a workbook given at launch: the import summary's counts equal the CLI's import report;
//! 3. a segment filter changes the tiles as `--segment` says;
//! 4. the untouched what-if starts from the dashboard's NRR, and its inputs give the NRR and CLV of
//!    `northstar forecast`;
//! 5. a saved scenario is still there after a restart;
//! 6. a broken file (the spreadsheet reader panics on it) gives a clear message, and the window and
//!    the previous data stay; a workbook dropped on the window (a real drag from another window:
//!    e2e_support/dragdrop.rs) replaces the data, an unreadable one dropped after it does not;
//! 7. with orders loaded, the Predictive CLV view shows what `northstar clv` computes;
//! 8. a hidden sheet is left out and listed in the Data view; Include imports it as `--mapping` does;
//! 9. system exports are named with their rules in the Data view and the explain drawer.
//!
//! And inside those: what moved in the NRR drawer equals `report --what-moved`; the board pack made
//! from the window (through the native save dialog) holds the tile's numbers; the Health view equals
//! `northstar health`; the what-if ranges and backtest equal `forecast --bands` and `backtest`; the
//! Voice view equals `northstar voice` (e2e_support/voice.rs), and a theme renamed there is stored.
//!
//! Screenshots of each screen go to target/screenshots/.
//!
//! Needs: `cargo build --release`, `tauri-driver` on PATH, a display (`xvfb-run`). Run with
//! `cargo test --no-default-features --features e2e --test e2e`.

#[path = "hostile/corpus.rs"]
mod corpus;
mod e2e_support;

use e2e_support::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[tokio::test(flavor = "multi_thread")]
async fn main_flows_of_the_desktop_app() {
    let app = app_binary();
    assert!(app.exists(), "build the app first: cargo build --release ({} missing)", app.display());
    let data = tempfile::tempdir().unwrap();

    // 1. The demo by default; tiles equal the CLI's report.
    let demo = cli(&["report", "--json"], None);
    let launched = Instant::now();
    let (driver, c) = session(data.path(), &[]).await;
    let nrr = shown(&tile(&c, "nrr").await);
    // A figure, not a pass/fail: includes starting the WebDriver session.
    eprintln!("demo dashboard on screen {} ms after launch", launched.elapsed().as_millis());
    let name = until(&c, "#source-name", |t| t.contains("northstar-demo.xlsx")).await;
    assert!(name.contains("northstar-demo.xlsx"), "{name}");
    assert!(
        (nrr - demo["kpis"]["nrr"]["value"].as_f64().unwrap() * 100.0).abs() <= 0.05 + 1e-9,
        "NRR {nrr}"
    );
    // The sparklines are asked for once the dashboard is drawn, and then appear in the tiles.
    let start = Instant::now();
    while js(&c, "return !!document.querySelector(\"[data-kpi='mrr'] .spark-wrap svg\")").await
        != Value::Bool(true)
    {
        assert!(start.elapsed() < Duration::from_secs(20), "no sparkline in the MRR tile");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let nps = shown(&tile(&c, "nps").await);
    assert!(
        (nps - demo["kpis"]["nps"]["value"].as_f64().unwrap()).abs() <= 0.05 + 1e-9,
        "NPS {nps}"
    );
    assert_eq!(
        shown(&tile(&c, "mrr").await),
        demo["kpis"]["mrr"]["value"].as_f64().unwrap().round()
    );
    assert_eq!(
        shown(&tile(&c, "active_customers").await),
        demo["kpis"]["active_customers"]["value"].as_f64().unwrap()
    );
    shot(&c, "dashboard").await;
    charts_drawn(&c, "dashboard", 6).await;
    // The charts, a screen at a time.
    for (i, css) in ["#chart-mrr", "#chart-cohorts", "#chart-health"].iter().enumerate() {
        js(
            &c,
            &format!(
                "document.querySelector('{css}').closest('figure').scrollIntoView(); return 0"
            ),
        )
        .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        shot(&c, &format!("dashboard-charts-{}", i + 1)).await;
    }
    js(&c, "window.scrollTo(0, 0); return 0").await;
    // Every chart draws after a window resize made while another tab was showing, both ways.
    resize_on(&c, "#tab-whatif").await;
    click(&c, "#tab-dashboard").await;
    charts_drawn(&c, "dashboard after a resize on what-if", 6).await;
    resize_on(&c, "#tab-dashboard").await;
    click(&c, "#tab-whatif").await;
    charts_drawn(&c, "what-if after a resize on the dashboard", 1).await;
    resize_on(&c, "#tab-settings").await;
    click(&c, "#tab-dashboard").await;
    charts_drawn(&c, "dashboard after a resize on settings", 6).await;

    // 3. Segment filter: the same numbers as `--segment segment=SMB`.
    let smb = cli(&["report", "--segment", "segment=SMB", "--json"], None);
    // The segment menu is filled asynchronously after the data loads.
    until(&c, "#seg-key", |t| t.contains("Segment")).await;
    set(&c, "seg-key", "segment").await;
    set(&c, "seg-value", "SMB").await;
    let want = smb["kpis"]["mrr"]["value"].as_f64().unwrap().round();
    let seg_mrr = until(&c, "[data-kpi='mrr'] .value", |t| shown_or_nan(t) == want).await;
    assert_eq!(shown(&seg_mrr), want, "segment MRR");
    let seg_nrr = shown(&tile(&c, "nrr").await);
    assert!((seg_nrr - smb["kpis"]["nrr"]["value"].as_f64().unwrap() * 100.0).abs() <= 0.05 + 1e-9);
    // The explanation drawer of a tile.
    click(&c, "[data-kpi='customers_churned']").await;
    assert_eq!(text(&c, "#explain-title", None).await, "Churned customers");
    // The drill-down lists every churned customer (the table renders only the rows in view).
    let rows =
        js(&c, "return Number(document.querySelector('#explain .table-wrap').dataset.rows)").await;
    assert_eq!(rows.as_f64().unwrap(), smb["kpis"]["customers_churned"]["value"].as_f64().unwrap());
    let drawn = js(
        &c,
        "return document.querySelectorAll('#explain .table-wrap tbody tr:not(.spacer)').length",
    )
    .await;
    assert!(drawn.as_f64().unwrap() >= 1.0);
    shot(&c, "explain").await;
    js(&c, "document.querySelector('#explain .close').click()").await;
    set(&c, "seg-key", "").await;

    // 3b. What moved, in the explain drawer of NRR: the sentences are the CLI's word for word (by
    //     segment, the drawer's default), and a number opens its rows with a way back.
    until(&c, "[data-kpi='nrr'] .value", |t| (shown_or_nan(t) - nrr).abs() < 1e-9).await;
    let moved = cli(&["report", "--what-moved", "nrr", "--by", "segment", "--json"], None);
    click(&c, "[data-kpi='nrr']").await;
    let first = moved["sentences"][0].as_str().unwrap();
    let said = until(&c, "#what-moved .moved-sentence", |t| t == first).await;
    assert_eq!(said, first);
    let all = js(&c, "return [...document.querySelectorAll('#what-moved .moved-sentence')].map(p => p.textContent)").await;
    assert_eq!(&all, &moved["sentences"]);
    shot(&c, "explain-what-moved").await;
    js(&c, "document.querySelector('#what-moved .moved-link').click(); return 0").await;
    until(&c, "#explain .back", |t| t.contains("What moved")).await;
    js(&c, "document.querySelector('#explain .close').click()").await;

    // 4. What-if. Untouched, its baseline starts from the dashboard's revenue retention: year-1 NRR
    //    equals the NRR tile of flow 1 (the demo's default period is the last 12 months, and the
    //    segment filter of flow 3 is cleared), as `northstar forecast --data` says for the demo.
    let baseline = cli(&["forecast", "--data", "--json"], None);
    assert!(
        (baseline["years"][0]["nrr"].as_f64().unwrap()
            - demo["kpis"]["nrr"]["value"].as_f64().unwrap())
        .abs()
            <= 1e-9,
        "forecast --data year-1 NRR {} vs report {}",
        baseline["years"][0]["nrr"],
        demo["kpis"]["nrr"]["value"]
    );
    click(&c, "#tab-whatif").await;
    let base_nrr =
        until(&c, "[data-sum='nrr'] .value", |t| (shown_or_nan(t) - nrr).abs() <= 0.05 + 1e-9)
            .await;
    assert!(
        (shown(&base_nrr) - nrr).abs() <= 0.05 + 1e-9,
        "untouched what-if NRR {base_nrr} vs the dashboard's {nrr}"
    );
    // 4b. Forecast ranges of the untouched baseline and the backtest equal the CLI's (10,000 paths,
    //     seed 1 in both).
    let bands = cli(&["forecast", "--data", "--bands", "--json"], None);
    let p50 = bands["bands"]["p50"]["years"][0]["arr"].as_f64().unwrap();
    let cell = "#wi-bands-table tr[data-year='1'][data-figure='arr'] td[data-level='p50']";
    let start = Instant::now();
    let shown_p50 = loop {
        let v = js(&c, &format!("const e = document.querySelector(\"{cell}\"); return e ? Number(e.dataset.value) : null")).await;
        if let Some(v) = v.as_f64().filter(|v| (v - p50).abs() <= 1e-6 * p50.abs()) {
            break v;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "P50 ARR {v} vs the CLI's {p50}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    assert!((shown_p50 - p50).abs() <= 1e-6 * p50.abs());
    let bt = cli(&["backtest", "--json"], None);
    let coverage = until(&c, "#bt-table tr[data-horizon='0']", |t| !t.is_empty()).await;
    let want = format!("{:.0}%", bt["overall"]["coverage"].as_f64().unwrap() * 100.0);
    assert!(coverage.contains(&want), "backtest overall {coverage} vs the CLI's coverage {want}");
    charts_drawn(&c, "what-if ranges", 2).await;
    js(&c, "document.getElementById('wi-bands').scrollIntoView(); return 0").await;
    shot(&c, "whatif-ranges").await;
    js(&c, "document.getElementById('wi-backtest').scrollIntoView(); return 0").await;
    shot(&c, "whatif-backtest").await;
    js(&c, "document.getElementById('wi-bands').parentElement.scrollTop = 0; window.scrollTo(0, 0); return 0").await;
    // Then set the inputs, read NRR and CLV, and compare with `northstar forecast`. Setting logo
    // churn moves revenue churn in proportion (c_r / c of the baseline kept), so the scenario file
    // carries that revenue churn.
    let before = text(&c, "[data-sum='clv'] .value", None).await;
    set(&c, "wi-monthly_churn", "1").await;
    set(&c, "wi-monthly_expansion", "1.5").await;
    set(&c, "wi-monthly_contraction", "0.5").await;
    set(&c, "wi-annual_discount_rate", "10").await;
    set(&c, "wi-gross_margin", "80").await;
    let inputs = &baseline["inputs"];
    let ratio = inputs["monthly_revenue_churn"]["value"].as_f64().unwrap()
        / inputs["monthly_churn"]["value"].as_f64().unwrap();
    let scenario = json!({
        "start_mrr": demo["kpis"]["mrr"]["value"], "start_customers": demo["kpis"]["active_customers"]["value"],
        "monthly_churn": 0.01, "monthly_revenue_churn": (ratio * 0.01).min(1.0),
        "monthly_expansion": 0.015, "monthly_contraction": 0.005,
        "annual_discount_rate": 0.10, "gross_margin": 0.8, "years": 5
    });
    std::fs::write(data.path().join("scenario.json"), scenario.to_string()).unwrap();
    let f = cli(&["forecast", data.path().join("scenario.json").to_str().unwrap(), "--json"], None);
    let (want_clv, want_nrr, want_horizon) = (
        f["clv"].as_f64().expect("a bounded lifetime value"),
        f["years"][0]["nrr"].as_f64().unwrap() * 100.0,
        f["clv_horizon"].as_f64().unwrap(),
    );
    let clv_text = until(&c, "[data-sum='clv'] .value", |t| {
        t != before && (shown_or_nan(t) - want_clv).abs() <= 0.5 + 1e-9
    })
    .await;
    let nrr_text =
        until(&c, "[data-sum='nrr'] .value", |t| (shown_or_nan(t) - want_nrr).abs() <= 0.05 + 1e-9)
            .await;
    let horizon_text = until(&c, "[data-sum='clv_horizon'] .value", |t| {
        (shown_or_nan(t) - want_horizon).abs() <= 0.5 + 1e-9
    })
    .await;
    assert!((shown(&nrr_text) - want_nrr).abs() <= 0.05 + 1e-9, "NRR {nrr_text} vs {want_nrr}");
    assert!((shown(&clv_text) - want_clv).abs() <= 0.5 + 1e-9, "CLV {clv_text} vs {want_clv}");
    assert!(
        (shown(&horizon_text) - want_horizon).abs() <= 0.5 + 1e-9,
        "value over the horizon {horizon_text} vs {want_horizon}"
    );
    // The changed inputs say so.
    let changed = js(
        &c,
        "return [...document.querySelectorAll('.wi-field.changed')].map(e => e.dataset.field)",
    )
    .await;
    assert!(
        changed.as_array().unwrap().iter().any(|f| f == "monthly_churn"),
        "changed fields: {changed}"
    );

    // 5. Save the scenario; it is still there after a restart.
    set(&c, "sc-name", "Board plan").await;
    click(&c, "#sc-save").await;
    assert!(text(&c, "#sc-list", None).await.contains("Board plan"));
    shot(&c, "whatif").await;
    click(&c, "#tab-data").await;
    text(&c, "#view-data summary", None).await;
    shot(&c, "data").await;
    click(&c, "#tab-settings").await;
    text(&c, "#set-save", None).await;
    shot(&c, "settings").await;
    // A target set in Settings: NRR at least 200% puts the NRR tile off track, by the distance the
    // CLI gives with the same target.
    text(&c, "#set-targets .tg-row[data-kpi='nrr']", None).await;
    js(&c, "const i = document.querySelector(\"#set-targets .tg-row[data-kpi='nrr'] .tg-low\"); i.value = '200'; i.dispatchEvent(new Event('input')); return 0").await;
    click(&c, "#targets-save").await;
    let targets = data.path().join("targets.json");
    std::fs::write(&targets, r#"{"targets": [{"kpi": "nrr", "low": 2}]}"#).unwrap();
    let want = cli(&["report", "--targets", targets.to_str().unwrap(), "--json"], None);
    let distance = want["kpis"]["nrr"]["target_distance"].as_str().unwrap().to_string();
    assert_eq!(want["kpis"]["nrr"]["status"], "off_track");
    click(&c, "#tab-dashboard").await;
    let shown_target =
        until(&c, "[data-kpi='nrr'] .tile-target", |t| t.contains("below 200%")).await;
    assert_eq!(shown_target, format!("✗ {distance}"));
    shot(&c, "dashboard-target").await;
    // The Scorecard: the NRR row says the same; one row per CSM of the CLI's scorecard, under the
    // team median.
    click(&c, "#tab-scorecard").await;
    let row = text(&c, ".scorecard-kpis tr[data-kpi='nrr']", None).await;
    assert!(row.contains(&format!("✗ {distance}")) && row.contains("≥ 200.0%"), "{row}");
    let csms = want["scorecard"]["csms"].as_array().unwrap().len();
    let rows = js(&c, "return document.querySelectorAll('.scorecard-csm tbody tr').length").await;
    // The median row, the team target row (NRR has one), one row per CSM.
    assert_eq!(rows.as_u64().unwrap() as usize, csms + 2);
    text(&c, "#scorecard-flags li, #scorecard-flags #flags-none", None).await;
    shot(&c, "scorecard").await;

    // 5b. The board pack from the window: the native save dialog answered, then the PDF's text
    //     holds the NRR of the tile, its target, the what-moved sentences and the saved scenario.
    //     (docs/screenshots/board-pack-*.png are this PDF's pages: pdftoppm -r 60 -png.)
    click(&c, "#tab-dashboard").await;
    let pack = data.path().join("board.pdf");
    click(&c, "#board-pack").await;
    let p = pack.clone();
    tokio::task::spawn_blocking(move || save_as("Save the board pack", &p)).await.unwrap();
    let saved = until(&c, "#notice", |t| t.contains("board.pdf")).await;
    assert!(saved.contains("Saved to"), "{saved}");
    let out = Command::new("pdftotext").args([pack.to_str().unwrap(), "-"]).output().unwrap();
    let pdf = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(pdf.contains(&format!("{nrr:.1}%")), "NRR {nrr:.1}% not in the pack");
    assert!(pdf.contains(&distance), "the NRR target ({distance}) not in the pack");
    assert!(pdf.contains(first), "{first} not in the pack");
    assert!(pdf.contains("Saved scenarios compared") && pdf.contains("Board plan"));
    let shots = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::copy(&pack, shots.join("board-pack.pdf")).unwrap();

    // 5c. The Health view shows the CLI's backtest: rows, AUC, the first customer at risk next;
    //     the suggested weights applied, then back to the previous ones in one click.
    let health = cli(&["health", "--json"], None);
    click(&c, "#tab-health").await;
    let rows = fmt_thousands(health["backtest"]["rows"].as_u64().unwrap());
    let shown_rows = until(&c, "#health-rows .value", |t| t == rows).await;
    assert_eq!(shown_rows, rows);
    let auc = format!("{:.2}", health["backtest"]["auc"].as_f64().unwrap());
    assert!(text(&c, "#health-auc .value", None).await.starts_with(&auc), "AUC {auc}");
    let first_risk = health["at_risk"][0]["customer_id"].as_str().unwrap();
    // The table draws the rows in view (WebDriver's text is of what is on screen): read the DOM.
    js(&c, "document.getElementById('health-at-risk-table').scrollIntoView(); return 0").await;
    let top = js(&c, "const r = document.querySelector('#health-at-risk-table tbody tr:not(.spacer)'); return r ? r.textContent : ''").await;
    let top = top.as_str().unwrap_or("");
    assert!(top.contains(first_risk), "{top} is not {first_risk}");
    shot(&c, "health-at-risk").await;
    // The whole list to CSV through the save dialog: every scored customer, the CLI's first first.
    click(&c, "#health-export").await;
    let csv_path = data.path().join("at-risk.csv");
    let p = csv_path.clone();
    tokio::task::spawn_blocking(move || save_as("Export the customers at risk next", &p))
        .await
        .unwrap();
    until(&c, "#health-export", |t| t == "Saved").await;
    let csv = std::fs::read_to_string(&csv_path).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len() as u64, health["at_risk_total"].as_u64().unwrap() + 1);
    assert!(lines[1].starts_with(first_risk), "{}", lines[1]);
    js(&c, "window.scrollTo(0, 0); return 0").await;
    charts_drawn(&c, "health", 2).await;
    shot(&c, "health").await;
    click(&c, "#health-apply").await;
    until(&c, "#health-restore", |t| t.contains("Back")).await;
    let applied = js(&c, "return document.getElementById('health-restore').hidden").await;
    assert_eq!(applied, Value::Bool(false));
    click(&c, "#health-restore").await;
    let start = Instant::now();
    while js(&c, "return document.getElementById('health-restore').hidden").await
        != Value::Bool(true)
    {
        assert!(start.elapsed() < Duration::from_secs(20), "no way back to the previous weights");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    e2e_support::voice::voice_flow(&c, data.path()).await;
    let _ = c.close().await;
    drop(driver);

    // 2. A workbook given at launch: the import summary's counts equal the CLI's.
    let book = samples().join("p1_public/sample_book.xlsx");
    let copy = data.path().join("sample_book.xlsx");
    std::fs::copy(&book, &copy).unwrap();
    let p1 = cli(&["report", copy.to_str().unwrap(), "--json"], None);
    let (driver, c) = session(data.path(), &[copy.to_str().unwrap()]).await;
    // The name shows "—" until the file's import is done: wait for it.
    let name = until(&c, "#source-name", |t| t.contains("sample_book.xlsx")).await;
    assert!(name.contains("sample_book.xlsx"), "{name}");
    let mrr = tile(&c, "mrr").await;
    assert_eq!(shown(&mrr), p1["kpis"]["mrr"]["value"].as_f64().unwrap().round());
    click(&c, "#tab-data").await;
    // The Data view renders asynchronously: wait for one summary per table.
    let want_tables = p1["import"]["tables"].as_array().unwrap().len();
    let start = Instant::now();
    let summaries = loop {
        let v = js(&c, "return [...document.querySelectorAll('#view-data details summary')].map(s => s.textContent)").await;
        if v.as_array().is_some_and(|a| a.len() >= want_tables)
            || start.elapsed() > Duration::from_secs(20)
        {
            break v;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    };
    let summaries: Vec<String> =
        summaries.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect();
    for t in p1["import"]["tables"].as_array().unwrap() {
        let sheet = t["sheet"].as_str().unwrap();
        let line = summaries
            .iter()
            .find(|s| s.contains(&format!("· {sheet} ")))
            .unwrap_or_else(|| panic!("no table {sheet} in {summaries:?}"));
        let used = t["rows_used"].as_u64().unwrap();
        assert!(line.contains(&format!("{} rows used", fmt_thousands(used))), "{line} vs {used}");
    }
    // The saved scenario survived the restart.
    click(&c, "#tab-whatif").await;
    assert!(text(&c, "#sc-list", None).await.contains("Board plan"));

    // 6. A broken file (one on which the spreadsheet reader panics): a clear message, the window
    //    stays, and the previous data stays on screen.
    std::fs::write(&copy, corpus::xlsb_missing_relationship()).unwrap();
    click(&c, "#tab-data").await;
    let recent = js(&c, "const b = [...document.querySelectorAll('.recent button')].find(b => b.textContent.includes('sample_book.xlsx')); b.click(); return b.textContent").await;
    assert!(recent.as_str().unwrap().contains("sample_book.xlsx"));
    let err = text(&c, ".recent .error", None).await;
    assert!(
        err.contains("sample_book.xlsx")
            && err.contains("it is damaged (the reader stopped on it)"),
        "{err}"
    );
    click(&c, "#tab-dashboard").await;
    assert_eq!(tile(&c, "mrr").await, mrr, "the previous data must stay on screen");
    // No orders in this workbook: no Predictive CLV tab.
    assert_eq!(js(&c, "return document.querySelector('#tab-clv').hidden").await, Value::Bool(true));
    // 6b. Files dropped on the window (a real drag from another window): a workbook replaces the
    //     data, an unreadable file leaves it with a message.
    e2e_support::dragdrop::flow(&c, data.path()).await;
    let _ = c.close().await;
    drop(driver);

    // 7. Orders: the Predictive CLV view shows what `northstar clv` computes (calibration end
    //    defaults to the last order).
    let cdnow =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/cdnow/cdnow_sample_orders.csv");
    let cdnow = cdnow.to_str().unwrap();
    let want = cli(&["clv", cdnow, "--calibration-end", "1998-06-30", "--json"], None);
    let (driver, c) = session(data.path(), &[cdnow]).await;
    click(&c, "#tab-clv").await;
    let expected = text(&c, "[data-clv='expected'] .value", None).await;
    let want_expected = want["expected_repeat_purchases"].as_f64().unwrap();
    assert!(
        (shown(&expected) - want_expected).abs() <= 0.05 + 1e-9,
        "{expected} vs {want_expected}"
    );
    let customers = text(&c, "[data-clv='customers'] .value", None).await;
    assert_eq!(shown(&customers), 2357.0);
    // The table is below the fold: read it from the page rather than as rendered text.
    let top = js(&c, "return document.querySelector('#clv-body figure.wide tbody tr:not(.spacer) td')?.textContent ?? ''").await;
    assert_eq!(top.as_str(), want["top_customers"][0]["customer_id"].as_str());
    charts_drawn(&c, "predictive CLV", 2).await;
    shot(&c, "clv").await;
    // Resized on another tab, the CLV charts draw again.
    resize_on(&c, "#tab-data").await;
    click(&c, "#tab-clv").await;
    charts_drawn(&c, "predictive CLV after a resize on data", 2).await;
    // Quick date changes: only the answer for the last date is shown.
    js(&c, "const e = document.getElementById('clv-end'); for (const d of ['1997-09-30', '1998-01-31', '1997-12-31']) { e.value = d; e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change')); } return 0").await;
    until(&c, "[data-clv='customers'] .how", |t| t.contains("1997-12-31")).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let how = text(&c, "[data-clv='customers'] .how", None).await;
    assert!(how.contains("who bought by 1997-12-31"), "{how}");
    let shown_end = js(&c, "return document.getElementById('clv-end').value").await;
    assert_eq!(shown_end.as_str(), Some("1997-12-31"));
    charts_drawn(&c, "predictive CLV after date changes", 2).await;
    let _ = c.close().await;
    drop(driver);

    // 8. A hidden sheet (a stale copy) is left out and listed in the Data view; Include imports it,
    //    and the tiles then equal the CLI's with a mapping naming that sheet.
    let hidden = data.path().join("hidden_book.xlsx");
    std::fs::write(&hidden, book_with_hidden_sheet()).unwrap();
    let hidden = hidden.to_str().unwrap();
    let visible_only = cli(&["report", hidden, "--json"], None);
    let mapping = data.path().join("include.json");
    std::fs::write(&mapping, r#"{"tables": [{"file": "hidden_book.xlsx", "sheet": "MRR old"}]}"#)
        .unwrap();
    let included = cli(&["report", hidden, "--mapping", mapping.to_str().unwrap(), "--json"], None);
    let (driver, c) = session(data.path(), &[hidden]).await;
    assert_eq!(
        shown(&tile(&c, "mrr").await),
        visible_only["kpis"]["mrr"]["value"].as_f64().unwrap().round()
    );
    click(&c, "#tab-data").await;
    let listed = text(&c, "#hidden-sheets", None).await;
    assert!(listed.contains("MRR old"), "{listed}");
    shot(&c, "data-hidden").await;
    click(&c, "#hidden-sheets button").await;
    let want = included["kpis"]["mrr"]["value"].as_f64().unwrap().round();
    assert_ne!(want, visible_only["kpis"]["mrr"]["value"].as_f64().unwrap().round());
    click(&c, "#tab-dashboard").await;
    let mrr = until(&c, "[data-kpi='mrr'] .value", |t| shown_or_nan(t) == want).await;
    assert_eq!(shown(&mrr), want, "MRR with the hidden sheet included");
    let _ = c.close().await;
    drop(driver);

    // 9. System exports dropped as they are: the Data view names each system and the rules applied
    //    to its rows, the tiles equal the CLI's, and the explain drawer of MRR lists the rules.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/exports");
    let stripe = fixtures.join("stripe_subscriptions.csv");
    let zendesk = fixtures.join("zendesk.csv");
    let (stripe, zendesk) = (stripe.to_str().unwrap(), zendesk.to_str().unwrap());
    let want = cli(&["report", stripe, zendesk, "--json"], None);
    let (driver, c) = session(data.path(), &[stripe, zendesk]).await;
    assert_eq!(shown(&tile(&c, "mrr").await), want["kpis"]["mrr"]["value"].as_f64().unwrap());
    click(&c, "#tab-data").await;
    let line = text(&c, ".table-entry summary", None).await;
    assert!(
        line.contains("stripe_subscriptions.csv — Stripe subscriptions export → Subscriptions"),
        "{line}"
    );
    let understood = text(&c, ".understood", None).await;
    assert!(
        understood.contains("Interval = year: amount / 12 — 1 row")
            && understood.contains("1 row set aside: in trial: not counted as MRR"),
        "{understood}"
    );
    let currency = text(&c, "#currency-line", None).await;
    assert!(currency.contains("Money is shown in USD"), "{currency}");
    shot(&c, "data-exports").await;
    click(&c, "#tab-dashboard").await;
    click(&c, "[data-kpi='mrr']").await;
    let rules = text(&c, "#explain .import-rules", None).await;
    assert!(
        rules.contains("stripe_subscriptions.csv: Interval = year: amount / 12 (1 row)"),
        "{rules}"
    );
    let _ = c.close().await;
    drop(driver);
}

/// The screenshots of docs/screenshots: every view of the demo at 1280x800 and 1920x1080, from the real
/// window. Run under a screen large enough:
/// `xvfb-run -a -s "-screen 0 1920x1080x24" cargo test --no-default-features --features e2e --test e2e -- --ignored screens`.
#[tokio::test(flavor = "multi_thread")]
#[ignore]
async fn screens_at_two_sizes() {
    let data = tempfile::tempdir().unwrap();
    let out = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/screenshots");
    std::fs::create_dir_all(&out).unwrap();
    let (driver, c) = session(data.path(), &[]).await;
    tile(&c, "mrr").await;
    for (w, h) in [(1280u32, 800u32), (1920, 1080)] {
        c.set_window_size(w, h).await.expect("window size");
        tokio::time::sleep(Duration::from_millis(500)).await;
        let save = |name: String, png: Vec<u8>| std::fs::write(out.join(name), png).unwrap();
        for (tab, view, wait) in [
            ("#tab-dashboard", "dashboard", "[data-kpi='mrr'] .value"),
            ("#tab-scorecard", "scorecard", ".scorecard-csm tbody tr"),
            ("#tab-health", "health", "#health-rows .value"),
            ("#tab-voice", "voice", "#voice-themes-table tbody tr"),
            ("#tab-whatif", "whatif", "[data-sum='nrr'] .value"),
            ("#tab-clv", "clv", "[data-clv='customers'] .value"),
            ("#tab-data", "data", "#view-data summary"),
            ("#tab-settings", "settings", "#set-save"),
        ] {
            if js(&c, &format!("return !!document.querySelector('{tab}')?.hidden")).await
                == Value::Bool(true)
            {
                continue;
            }
            click(&c, tab).await;
            text(&c, wait, None).await;
            tokio::time::sleep(Duration::from_millis(800)).await;
            save(format!("{view}-{w}x{h}.png"), c.screenshot().await.unwrap());
            for (name, png) in if view == "voice" { voice::screens(&c).await } else { vec![] } {
                save(format!("{name}-{w}x{h}.png"), png);
            }
            if view == "dashboard" {
                // The toolbar with a custom range and a segment set stays on one line.
                set(&c, "preset", "custom").await;
                set(&c, "seg-key", "segment").await;
                tokio::time::sleep(Duration::from_millis(600)).await;
                let wraps = js(&c, "const f = document.querySelector('#view-dashboard .filters'); const first = f.firstElementChild.getBoundingClientRect(); return [...f.children].filter(e => e.offsetParent !== null && e.getBoundingClientRect().height > 0).some(e => e.getBoundingClientRect().top >= first.bottom)").await;
                save(format!("dashboard-filters-{w}x{h}.png"), c.screenshot().await.unwrap());
                if w >= 1440 {
                    assert_eq!(wraps, Value::Bool(false), "the toolbar wraps at {w} px");
                }
                set(&c, "seg-key", "").await;
                set(&c, "preset", "last12_months").await;
                tokio::time::sleep(Duration::from_millis(400)).await;
                js(&c, "document.querySelector('#chart-mrr').closest('figure').scrollIntoView(); return 0").await;
                tokio::time::sleep(Duration::from_millis(400)).await;
                save(format!("dashboard-charts-{w}x{h}.png"), c.screenshot().await.unwrap());
                js(&c, "window.scrollTo(0, 0); return 0").await;
            }
        }
    }
    let _ = c.close().await;
    drop(driver);
}
