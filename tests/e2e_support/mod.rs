//! What the end-to-end tests share: the app and its driver, the headless command to compare with,
//! and the few WebDriver moves every flow makes (read, wait, click, set, screenshot, save dialog).

pub mod dragdrop;
pub mod interactions;
pub mod large;
pub mod launch;
pub mod voice;

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The desktop build (`cargo build --release`); the headless one lives in target/cli (`cargo build
/// --profile cli --no-default-features`), so neither overwrites the other.
pub fn app_binary() -> PathBuf {
    let app = std::env::var_os("NORTHSTAR_APP").map(PathBuf::from).unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/release/northstar")
    });
    let version = Command::new(&app).arg("--version").output().expect("the app binary runs");
    let version = String::from_utf8_lossy(&version.stdout).into_owned();
    assert!(version.contains("(desktop)"), "{} is not the desktop build: {version}", app.display());
    app
}

pub fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/samples")
}

/// tauri-driver, stopped with SIGTERM on drop so that WebKitWebDriver is not orphaned.
pub struct Driver(pub Child);
impl Drop for Driver {
    fn drop(&mut self) {
        let _ = Command::new("kill").arg("-TERM").arg(self.0.id().to_string()).status();
        let _ = self.0.wait();
    }
}

pub fn wait_port(port: u16, timeout: Duration) -> bool {
    let start = Instant::now();
    while start.elapsed() < timeout {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

pub fn cli(args: &[&str], dir: Option<&Path>) -> Value {
    let mut cmd = Command::new(app_binary());
    cmd.args(args);
    if let Some(d) = dir {
        cmd.current_dir(d);
    }
    let out = cmd.output().expect("run northstar");
    assert!(out.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("JSON")
}

/// "103.3%" -> 103.3, "−12.5" -> -12.5, "$1,234" -> 1234.
pub fn shown(text: &str) -> f64 {
    let t: String = text
        .replace('\u{2212}', "-")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    t.parse().unwrap_or_else(|_| panic!("not a number on screen: {text:?}"))
}

/// `shown`, or NaN (which matches nothing) for a text that is not a number yet: polling waits on.
pub fn shown_or_nan(text: &str) -> f64 {
    let t: String = text
        .replace('\u{2212}', "-")
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '.' || *c == '-')
        .collect();
    t.parse().unwrap_or(f64::NAN)
}

pub async fn session(data_dir: &Path, args: &[&str]) -> (Driver, Client) {
    let driver = Driver(
        Command::new("tauri-driver")
            .args(["--port", "4444", "--native-port", "4445"])
            .env("NORTHSTAR_DATA_DIR", data_dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver on PATH (cargo install tauri-driver --locked)"),
    );
    assert!(wait_port(4444, Duration::from_secs(20)), "tauri-driver did not listen on 4444");
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), "wry".into());
    caps.insert("tauri:options".into(), json!({ "application": app_binary(), "args": args }));
    let client = ClientBuilder::native()
        .capabilities(caps)
        .connect("http://127.0.0.1:4444")
        .await
        .expect("WebDriver session");
    (driver, client)
}

/// The text of an element once it is non-empty (and, if given, different from `not`).
pub async fn text(c: &Client, css: &str, not: Option<&str>) -> String {
    let start = Instant::now();
    loop {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            if let Ok(t) = el.text().await {
                let t = t.trim().to_string();
                if !t.is_empty() && Some(t.as_str()) != not {
                    return t;
                }
            }
        }
        assert!(start.elapsed() < Duration::from_secs(30), "nothing in {css} after 30 s");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

/// Polls an element's text until `ok` accepts it (the UI recomputes asynchronously); returns the
/// last text seen either way, so the assertion that follows reports it.
pub async fn until(c: &Client, css: &str, ok: impl Fn(&str) -> bool) -> String {
    let start = Instant::now();
    let mut last = String::new();
    while start.elapsed() < Duration::from_secs(20) {
        if let Ok(el) = c.find(Locator::Css(css)).await {
            if let Ok(t) = el.text().await {
                last = t.trim().to_string();
                if !last.is_empty() && ok(&last) {
                    break;
                }
            }
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    last
}

pub async fn tile(c: &Client, id: &str) -> String {
    text(c, &format!("[data-kpi='{id}'] .value"), None).await
}

pub async fn js(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.expect("script")
}

pub async fn shot(c: &Client, name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    if let Ok(png) = c.screenshot().await {
        std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
    }
}

/// Clicks an element once it can be clicked: a tab shown when its data arrives (Predictive CLV) may
/// be in the page a moment before it is interactable.
pub async fn click(c: &Client, css: &str) {
    let start = Instant::now();
    loop {
        let found = c.find(Locator::Css(css)).await;
        match found {
            Ok(el) => match el.click().await {
                Ok(_) => return,
                Err(e) if start.elapsed() > Duration::from_secs(15) => panic!("{css}: {e}"),
                Err(_) => {}
            },
            Err(_) if start.elapsed() > Duration::from_secs(15) => panic!("no {css}"),
            Err(_) => {}
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Sets a form control's value as a user would, firing its input and change events.
pub async fn set(c: &Client, id: &str, value: &str) {
    js(c, &format!("const e = document.getElementById('{id}'); e.value = '{value}'; e.dispatchEvent(new Event('input')); e.dispatchEvent(new Event('change'));")).await;
}

/// The ids of the charts on screen whose canvas is missing, 0-sized or blank (a chart that did not
/// draw after a resize made on another tab stays an empty white frame); the health donut (SVG) is
/// blank without a slice, the cohort table without a filled cell.
pub async fn blank_charts(c: &Client) -> Vec<String> {
    let v = js(
        c,
        "return [...document.querySelectorAll('.chart')].filter(el => el.offsetParent !== null).filter(el => {
           const donut = el.querySelector('svg.donut');
           if (donut) return !donut.querySelector('path');
           const table = el.querySelector('table.cohort-table');
           if (table) return ![...table.querySelectorAll('tbody td')].some(td => td.textContent.trim() !== '');
           const cv = el.querySelector('canvas');
           if (!cv || cv.width === 0 || cv.height === 0) return true;
           const d = cv.getContext('2d').getImageData(0, 0, cv.width, cv.height).data;
           let ink = 0;
           for (let i = 0; i < d.length; i += 16) if (d[i + 3] > 0 && (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200)) ink++;
           return ink < 50;
         }).map(el => el.id || el.parentElement.textContent)",
    )
    .await;
    v.as_array().unwrap().iter().map(|x| x.as_str().unwrap_or("").to_string()).collect()
}

/// Waits until every chart on screen has drawn (at least `min` of them), else fails naming the blank ones.
pub async fn charts_drawn(c: &Client, view: &str, min: usize) {
    let start = Instant::now();
    loop {
        let count = js(c, "return [...document.querySelectorAll('.chart')].filter(el => el.offsetParent !== null).length").await;
        let blank = blank_charts(c).await;
        if blank.is_empty() && count.as_u64().unwrap_or(0) as usize >= min {
            return;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{view}: blank charts {blank:?} (of {count})"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Resizes the window (and, where the window manager ignores that, the page) while `tab` is showing.
pub async fn resize_on(c: &Client, tab: &str) {
    click(c, tab).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    for (w, h) in [(1280u32, 800u32), (1440, 900)] {
        if let Err(e) = c.set_window_size(w, h).await {
            eprintln!("set_window_size: {e}");
        }
        js(c, &format!("document.body.style.width = '{}px'; window.dispatchEvent(new Event('resize')); return 0", w - 200)).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    js(c, "document.body.style.width = ''; window.dispatchEvent(new Event('resize')); return 0")
        .await;
    tokio::time::sleep(Duration::from_millis(300)).await;
}

pub fn fmt_thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// Answers the native save dialog titled `title` (GTK's file chooser) as a user would: types the full
/// path into its name field and presses Enter. WebDriver cannot reach native dialogs; xdotool can.
pub fn save_as(title: &str, path: &Path) {
    // The dialog can be found a moment before it can take the focus (X's BadMatch on an unmapped
    // window): try again for a few seconds before calling it missing.
    let start = Instant::now();
    loop {
        let status = Command::new("xdotool")
            .args(["search", "--sync", "--name", title, "windowfocus", "--sync", "%1"])
            .status()
            .expect("xdotool on PATH (apt-get install xdotool)");
        if status.success() {
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(20), "no window {title}");
        std::thread::sleep(Duration::from_millis(300));
    }
    std::thread::sleep(Duration::from_millis(400));
    for args in [
        vec!["key", "--clearmodifiers", "ctrl+a"],
        vec!["type", "--delay", "5", path.to_str().unwrap()],
        vec!["key", "Return"],
    ] {
        assert!(Command::new("xdotool").args(&args).status().unwrap().success());
    }
}

/// A workbook with a visible MRR sheet and a hidden older copy of it.
pub fn book_with_hidden_sheet() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, rows, hide) in [
        ("MRR", [["A", "100", "100", "100"], ["B", "50", "50", "0"]], false),
        ("MRR old", [["B", "50", "50", "50"], ["C", "70", "70", "70"]], true),
    ] {
        let ws = book.add_worksheet();
        ws.set_name(name).unwrap();
        for (c, h) in ["Customer", "2024-01", "2024-02", "2024-03"].iter().enumerate() {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            ws.write_string(r as u32 + 1, 0, row[0]).unwrap();
            for (c, v) in row[1..].iter().enumerate() {
                ws.write_number(r as u32 + 1, c as u16 + 1, v.parse::<f64>().unwrap()).unwrap();
            }
        }
        ws.set_hidden(hide);
    }
    book.save_to_buffer().unwrap()
}

/// The duration of the app's latest User Timing measure of this name (ui/src/main.ts, ui/src/timing.ts), waiting for it.
pub async fn measure(c: &Client, name: &str) -> f64 {
    let script = format!("const e = performance.getEntriesByName('{name}', 'measure'); return e.length ? e[e.length - 1].duration : null");
    let start = Instant::now();
    loop {
        if let Some(ms) = js(c, &script).await.as_f64() {
            return ms;
        }
        assert!(start.elapsed() < Duration::from_secs(30), "no {name} measure");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}
