//! The Voice of the customer view against `northstar voice --json` on the same data (the demo, its
//! default period): the header's comment and scored counts, the first five themes' names and
//! comment counts, a theme's comments; then a rename, seen in the table and by the CLI reading the
//! app's store, and undone so the run leaves the store as it found it. The NPS drawer names the
//! detractors' top themes as the CLI counts them, each opening its comments.

use super::*;
use fantoccini::Client;
use serde_json::Value;
use std::path::Path;

/// The themes table's rows as the page holds them: key, name, comments (as shown).
async fn table_rows(c: &Client) -> Vec<(String, String, String)> {
    let v = js(c, "return [...document.querySelectorAll('#voice-themes-table tbody tr')].map(r => [r.dataset.theme, r.querySelector('.voice-name').textContent, r.querySelector('td').textContent])").await;
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let s = |i: usize| r[i].as_str().unwrap_or("").trim().to_string();
            (s(0), s(1), s(2))
        })
        .collect()
}

/// Waits until the themes table has `n` rows (an edit draws the view again).
async fn wait_rows(c: &Client, n: usize) {
    let start = std::time::Instant::now();
    while table_rows(c).await.len() != n {
        assert!(start.elapsed().as_secs() < 20, "the themes table never had {n} rows");
        tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    }
}

/// Renames the theme `key` through its Rename button: `Some(name)` types it, None goes back to the
/// name the comments gave it.
async fn rename(c: &Client, key: &str, name: Option<&str>) {
    let row = format!("#voice-themes-table tr[data-theme='{key}']");
    click(c, &format!("{row} [data-action='rename']")).await;
    let script = match name {
        Some(n) => format!("const i = document.querySelector(\"{row} .voice-rename\"); i.value = {}; i.dispatchEvent(new KeyboardEvent('keydown', {{ key: 'Enter' }})); return 0", serde_json::to_string(n).unwrap()),
        None => format!("[...document.querySelectorAll(\"{row} .voice-rename-row button\")].find(b => b.textContent === 'Use found name').click(); return 0"),
    };
    js(c, &script).await;
}

pub async fn voice_flow(c: &Client, data_dir: &Path) {
    let want = cli(&["voice", "--json"], None);
    click(c, "#tab-voice").await;
    let comments = fmt_thousands(want["comments"].as_u64().unwrap());
    let shown = until(c, "#voice-comments", |t| t == comments).await;
    assert_eq!(shown, comments, "comments in the header");
    let scored = fmt_thousands(want["scored"].as_u64().unwrap());
    assert_eq!(text(c, "#voice-scored", None).await, scored, "scored comments in the header");
    let themes = want["themes"].as_array().unwrap();
    assert!(themes.len() >= 5, "the demo has at least 5 themes: {}", themes.len());
    let rows = table_rows(c).await;
    assert_eq!(rows.len(), themes.len(), "one row per theme");
    for (t, (key, name, n)) in themes.iter().zip(&rows).take(5) {
        assert_eq!(key, t["key"].as_str().unwrap());
        assert_eq!(name, t["name"].as_str().unwrap());
        assert_eq!(n, &fmt_thousands(t["comments"].as_u64().unwrap()), "comments of {name}");
    }
    charts_drawn(c, "voice", 2).await;
    shot(c, "voice").await;

    // The first theme's comments in the drawer: as many as the CLI counts (at most 500 listed).
    let (key, name) = (themes[0]["key"].as_str().unwrap(), themes[0]["name"].as_str().unwrap());
    let n = themes[0]["comments"].as_u64().unwrap();
    click(c, &format!("#voice-themes-table tr[data-theme='{key}'] .voice-name")).await;
    let heading = until(c, "#voice-comments-count", |t| t.contains(&fmt_thousands(n))).await;
    assert!(heading.contains(&fmt_thousands(n)), "{heading} vs {n} comments");
    assert_eq!(text(c, "#explain-title", None).await, name);
    let listed = js(c, "return document.querySelectorAll('#voice-comments-list li').length").await;
    assert_eq!(listed.as_u64().unwrap(), n.min(500));
    shot(c, "voice-comments").await;
    js(c, "document.querySelector('#explain .close').click(); return 0").await;

    // A rename is shown in the table and stored: the CLI reading the app's store names it so too.
    let store = data_dir.to_str().unwrap();
    rename(c, key, Some("Slow reports")).await;
    let row = format!("#voice-themes-table tr[data-theme='{key}'] .voice-name");
    assert_eq!(until(c, &row, |t| t == "Slow reports").await, "Slow reports");
    let stored = cli(&["voice", "--store", store, "--json"], None);
    assert_eq!(stored["themes"][0]["name"], "Slow reports");
    assert_eq!(stored["themes"][0]["found_name"], name);
    // Back to the found name: the store holds no name of the user's own any more.
    rename(c, key, None).await;
    assert_eq!(until(c, &row, |t| t == name).await, name);
    let back = cli(&["voice", "--store", store, "--json"], None);
    assert_eq!(back["themes"][0]["name"], name);

    // Merge the second theme into the first: one row with the comments the CLI counts for the
    // merged theme; "take out" undoes it. Hide the last theme; "Show again" brings it back.
    let second = themes[1]["key"].as_str().unwrap();
    js(c, &format!("const s = document.querySelector(\"#voice-themes-table tr[data-theme='{second}'] select\"); s.value = '{key}'; s.dispatchEvent(new Event('change')); return 0")).await;
    wait_rows(c, themes.len() - 1).await;
    let merged = cli(&["voice", "--store", store, "--json"], None);
    assert_eq!(merged["themes"][0]["merged"][0]["key"], second);
    // Worked out apart from the engine's merge: the union of the two themes' rows before it.
    let union: std::collections::BTreeSet<String> = themes[..2]
        .iter()
        .flat_map(|t| t["rows"].as_array().unwrap())
        .map(|r| r.to_string())
        .collect();
    assert_eq!(merged["themes"][0]["comments"].as_u64().unwrap() as usize, union.len());
    let total = fmt_thousands(union.len() as u64);
    let cell = format!("#voice-themes-table tr[data-theme='{key}'] td");
    assert_eq!(until(c, &cell, |t| t == total).await, total, "comments of the merged theme");
    js(c, "document.querySelector('.voice-sub button.link').click(); return 0").await;
    wait_rows(c, themes.len()).await;
    assert_eq!(until(c, &cell, |t| t == fmt_thousands(n)).await, fmt_thousands(n));
    let last = themes[themes.len() - 1]["key"].as_str().unwrap();
    click(c, &format!("#voice-themes-table tr[data-theme='{last}'] [data-action='hide']")).await;
    until(c, &format!("#voice-hidden li[data-theme='{last}']"), |t| t.contains("Show again")).await;
    assert_eq!(table_rows(c).await.len(), themes.len() - 1);
    click(c, &format!("#voice-hidden li[data-theme='{last}'] button")).await;
    until(c, &format!("#voice-themes-table tr[data-theme='{last}'] .voice-name"), |t| {
        !t.is_empty()
    })
    .await;
    assert_eq!(table_rows(c).await.len(), themes.len());
    let clean = cli(&["voice", "--store", store, "--json"], None);
    let names = |v: &Value| {
        v["themes"].as_array().unwrap().iter().map(|t| t["name"].clone()).collect::<Vec<_>>()
    };
    assert_eq!(names(&clean), names(&want), "the store is left as it was found");

    // The NPS drawer: "What detractors talk about", the CLI's top themes with "N of M".
    click(c, "#tab-dashboard").await;
    click(c, "[data-kpi='nps']").await;
    let top = want["top"]["detractors"].as_array().unwrap();
    assert!(!top.is_empty(), "the demo's detractors mention themes");
    let line = |t: &Value| {
        format!(
            "{}: {} of {} detractor comments",
            t["name"].as_str().unwrap(),
            fmt_thousands(t["comments"].as_u64().unwrap()),
            fmt_thousands(t["of"].as_u64().unwrap())
        )
    };
    let first = until(c, "#explain-voice li", |t| t.starts_with(&line(&top[0]))).await;
    assert!(first.starts_with(&line(&top[0])), "{first} vs {}", line(&top[0]));
    let all =
        js(c, "return [...document.querySelectorAll('#explain-voice li')].map(l => l.textContent)")
            .await;
    assert_eq!(all.as_array().unwrap().len(), top.len());
    for (shown, t) in all.as_array().unwrap().iter().zip(top) {
        assert!(shown.as_str().unwrap().starts_with(&line(t)), "{shown} vs {}", line(t));
    }
    js(c, "document.getElementById('explain-voice').scrollIntoView(); return 0").await;
    shot(c, "explain-nps-themes").await;
    click(c, "#explain-voice button").await;
    let title = until(c, "#explain-title", |t| t == top[0]["name"].as_str().unwrap()).await;
    assert_eq!(title, top[0]["name"].as_str().unwrap());
    let heading = fmt_thousands(
        want["themes"].as_array().unwrap().iter().find(|t| t["key"] == top[0]["key"]).unwrap()
            ["comments"]
            .as_u64()
            .unwrap(),
    );
    assert!(until(c, "#voice-comments-count", |t| t.contains(&heading)).await.contains(&heading));
    click(c, "#explain .back").await;
    until(c, "#explain-voice li", |t| t.starts_with(&line(&top[0]))).await;
    js(c, "document.querySelector('#explain .close').click(); return 0").await;
}

/// More screens of the view for docs/screenshots: its charts scrolled into view, and the first
/// theme's comments open in the drawer (closed again after).
pub async fn screens(c: &Client) -> Vec<(&'static str, Vec<u8>)> {
    let pause = || tokio::time::sleep(std::time::Duration::from_millis(400));
    js(c, "document.getElementById('voice-groups').scrollIntoView(); return 0").await;
    pause().await;
    let charts = c.screenshot().await.unwrap();
    js(c, "window.scrollTo(0, 0); return 0").await;
    click(c, "#voice-themes-table tbody tr .voice-name").await;
    text(c, "#voice-comments-list li", None).await;
    pause().await;
    let comments = c.screenshot().await.unwrap();
    js(c, "document.querySelector('#explain .close').click(); return 0").await;
    vec![("voice-charts", charts), ("voice-comments", comments)]
}
