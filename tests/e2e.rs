//! End-to-end: the real release binary in a real window (under Xvfb), driven through WebDriver
//! (tauri-driver + WebKitWebDriver). It opens the demo workbook and checks that the NRR and NPS the
//! window shows equal what `northstar report --json` computes for the same file.
//!
//! Needs: `cargo build --release`, `tauri-driver` on PATH, a display (`xvfb-run`). Run with
//! `cargo test --no-default-features --features e2e --test e2e`.

use fantoccini::{ClientBuilder, Locator};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn app_binary() -> PathBuf {
    std::env::var_os("NORTHSTAR_APP").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/northstar")
    })
}

/// tauri-driver, stopped with SIGTERM on drop so that WebKitWebDriver is not orphaned.
struct Driver(Child);
impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.0.id().to_string()).status();
        let _ = self.0.wait();
    }
}

fn wait_port(port: u16, timeout: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

fn cli_report(app: &PathBuf) -> serde_json::Value {
    let out = Command::new(app).args(["report", "--json"]).output().expect("run northstar report");
    assert!(out.status.success(), "report failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("report JSON")
}

/// "103.3%" -> 103.3, "-12.5" -> -12.5 (the UI uses a real minus sign).
fn shown_number(text: &str) -> f64 {
    let t: String = text
        .replace('\u{2212}', "-")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    t.parse().unwrap_or_else(|_| panic!("not a number on screen: {text:?}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn window_shows_the_engines_nrr_and_nps_for_the_demo() {
    let app = app_binary();
    assert!(app.exists(), "build the app first: cargo build --release ({} missing)", app.display());
    let report = cli_report(&app);
    let nrr = report["kpis"]["nrr"]["value"].as_f64().expect("demo NRR");
    let nps = report["kpis"]["nps"]["value"].as_f64().expect("demo NPS");

    // A fresh data folder: no remembered import, so the app opens the demo workbook.
    let data = tempfile::tempdir().unwrap();
    let driver = Driver(
        Command::new("tauri-driver")
            .args(["--port", "4444", "--native-port", "4445"])
            .env("NORTHSTAR_DATA_DIR", data.path())
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("tauri-driver on PATH (cargo install tauri-driver --locked)"),
    );
    assert!(wait_port(4444, Duration::from_secs(20)), "tauri-driver did not listen on 4444");

    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert("tauri:options".into(), serde_json::json!({ "application": app }));
    let client = ClientBuilder::native()
        .capabilities(caps)
        .connect("http://127.0.0.1:4444")
        .await
        .expect("WebDriver session");

    let result = async {
        let nrr_el = client
            .wait()
            .at_most(Duration::from_secs(30))
            .for_element(Locator::Css("[data-kpi='nrr'] .value"))
            .await?;
        // Wait until the engine's numbers are on screen.
        let start = Instant::now();
        let mut nrr_text = nrr_el.text().await?;
        while nrr_text.trim().is_empty() && start.elapsed() < Duration::from_secs(30) {
            tokio::time::sleep(Duration::from_millis(200)).await;
            nrr_text = nrr_el.text().await?;
        }
        let nps_text = client.find(Locator::Css("[data-kpi='nps'] .value")).await?.text().await?;
        let source = client.find(Locator::Css("#source-name")).await?.text().await?;
        Ok::<_, fantoccini::error::CmdError>((nrr_text, nps_text, source))
    }
    .await;
    let _ = client.close().await;
    drop(driver);
    let (nrr_text, nps_text, source) = result.expect("read the dashboard");

    assert!(
        source.contains("northstar-demo.xlsx"),
        "the demo should open by default, got {source:?}"
    );
    // NRR is shown as a percentage with one decimal, NPS with one decimal.
    assert!(
        (shown_number(&nrr_text) - nrr * 100.0).abs() <= 0.05 + 1e-9,
        "NRR on screen {nrr_text:?} vs engine {nrr}"
    );
    assert!(
        (shown_number(&nps_text) - nps).abs() <= 0.05 + 1e-9,
        "NPS on screen {nps_text:?} vs engine {nps}"
    );
}
