//! Dropping files on the window, as a user does. WebDriver cannot drag files, so a tiny drag source
//! (a GTK window of Debian's python3-gi offering the file's URI, as a file manager does) sits beside
//! the app under Xvfb, and xdotool presses on it, moves to the Northstar window and releases: a real
//! XDND drag, which the window receives as any dropped file.

use super::{cli, samples, tile, until};
use fantoccini::Client;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

/// The drag source: one small window at the screen's right, beside the app's 1280-px window.
const SOURCE: &str = r#"
import sys
from pathlib import Path
import gi
gi.require_version("Gtk", "3.0")
gi.require_version("Gdk", "3.0")
from gi.repository import Gtk, Gdk, GLib

uri = Path(sys.argv[1]).resolve().as_uri()
win = Gtk.Window(title="drag-source-e2e")
win.set_default_size(120, 80)
win.move(1300, 100)
box = Gtk.EventBox()
box.add(Gtk.Label(label="drag me"))
box.drag_source_set(Gdk.ModifierType.BUTTON1_MASK, [], Gdk.DragAction.COPY)
box.drag_source_add_uri_targets()
box.connect("drag-data-get", lambda w, ctx, data, info, t: data.set_uris([uri]))
box.connect("drag-end", lambda *a: GLib.timeout_add(300, Gtk.main_quit))
win.add(box)
win.connect("destroy", Gtk.main_quit)
win.show_all()
GLib.timeout_add_seconds(30, Gtk.main_quit)
Gtk.main()
"#;

fn xdotool(args: &[&str]) -> String {
    let out =
        Command::new("xdotool").args(args).output().expect("xdotool (apt-get install xdotool)");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The centre of the first window whose name matches `pattern`, once it is mapped.
fn centre(pattern: &str) -> (i64, i64) {
    let start = Instant::now();
    loop {
        if let Some(id) = xdotool(&["search", "--onlyvisible", "--name", pattern]).lines().next() {
            let geo = xdotool(&["getwindowgeometry", "--shell", id]);
            let val = |k: &str| {
                geo.lines()
                    .find_map(|l| l.strip_prefix(&format!("{k}=")))
                    .and_then(|v| v.trim().parse::<i64>().ok())
            };
            if let (Some(x), Some(y), Some(w), Some(h)) =
                (val("X"), val("Y"), val("WIDTH"), val("HEIGHT"))
            {
                return (x + w / 2, y + h / 2);
            }
        }
        assert!(start.elapsed() < Duration::from_secs(15), "no window named {pattern}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Drags `file` from the drag source onto the Northstar window and lets go.
pub fn drag_onto_window(file: &Path, dir: &Path) {
    let script = dir.join("drag_source.py");
    std::fs::write(&script, SOURCE).unwrap();
    // Debian's python3 (the one with python3-gi), whatever python3 comes first on PATH.
    let mut source =
        Command::new("/usr/bin/python3").arg(&script).arg(file).spawn().expect(
            "/usr/bin/python3 with GTK bindings (apt-get install python3-gi gir1.2-gtk-3.0)",
        );
    let (sx, sy) = centre("^drag-source-e2e$");
    let (tx, ty) = centre("^Northstar$");
    xdotool(&["mousemove", &sx.to_string(), &sy.to_string()]);
    std::thread::sleep(Duration::from_millis(200));
    xdotool(&["mousedown", "1"]);
    // Small steps: GTK starts a drag past its threshold, and the target sees the pointer arrive.
    for k in 1..=40 {
        let x = sx + (tx - sx) * k / 40;
        let y = sy + (ty - sy) * k / 40;
        xdotool(&["mousemove", &x.to_string(), &y.to_string()]);
        std::thread::sleep(Duration::from_millis(25));
    }
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&["mouseup", "1"]);
    let start = Instant::now();
    while source.try_wait().ok().flatten().is_none() {
        if start.elapsed() > Duration::from_secs(10) {
            let _ = source.kill();
            break;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = source.wait();
}

/// A workbook dropped on the window replaces the data on screen (its tiles equal the CLI's report
/// of it); an unreadable file dropped after it leaves that data, with a clear message.
pub async fn flow(c: &Client, dir: &Path) {
    let book = dir.join("dropped_adoption.xlsx");
    std::fs::copy(samples().join("p3_public_adoption/adoption_book.xlsx"), &book).unwrap();
    let want = cli(&["report", book.to_str().unwrap(), "--json"], None);
    let b = book.clone();
    let d = dir.to_path_buf();
    tokio::task::spawn_blocking(move || drag_onto_window(&b, &d)).await.unwrap();
    until(c, "#source-name", |t| t.contains("dropped_adoption.xlsx")).await;
    let mrr = want["kpis"]["mrr"]["value"].as_f64().unwrap().round();
    let shown = until(c, "[data-kpi='mrr'] .value", |t| super::shown_or_nan(t) == mrr).await;
    let before = tile(c, "mrr").await;
    assert_eq!(super::shown(&shown), mrr);

    let broken = dir.join("not-a-workbook.xlsx");
    std::fs::write(&broken, b"this is not a spreadsheet, whatever its name says").unwrap();
    let b = broken.clone();
    let d = dir.to_path_buf();
    tokio::task::spawn_blocking(move || drag_onto_window(&b, &d)).await.unwrap();
    let notice = until(c, "#notice", |t| t.contains("not-a-workbook.xlsx")).await;
    assert!(notice.contains("Could not open"), "{notice}");
    // The previous data stays on screen.
    assert!(super::text(c, "#source-name", None).await.contains("dropped_adoption.xlsx"));
    assert_eq!(tile(c, "mrr").await, before);
}
