//! The desktop shell's lockdown, read from the configuration the build actually uses
//! (tauri.conf.json, the capability file, the app manifest in build.rs, the registered commands and
//! the UI's command wrappers). Each assertion fails if a promise of the README's threat model breaks.

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn json(rel: &str) -> Value {
    serde_json::from_str(&read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The quoted names in the first `[...]` after `marker` in `text`.
fn quoted_list(text: &str, marker: &str) -> BTreeSet<String> {
    let start = text.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let body = &text[start..];
    let body = &body[..body.find(']').expect("closing bracket")];
    body.split('"').skip(1).step_by(2).map(str::to_string).collect()
}

/// Commands of the app manifest in build.rs: the only ones tauri-build generates permissions for.
fn manifest_commands() -> BTreeSet<String> {
    quoted_list(&read("build.rs"), ".commands(&[")
}

#[test]
fn csp_is_strict_and_local() {
    let conf = json("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"].as_str().expect("a CSP string");
    let directives: Vec<(&str, Vec<&str>)> = csp
        .split(';')
        .map(str::trim)
        .filter(|d| !d.is_empty())
        .map(|d| {
            let mut parts = d.split_whitespace();
            (parts.next().unwrap(), parts.collect())
        })
        .collect();
    let get = |name: &str| {
        directives.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap_or_default()
    };
    assert_eq!(get("default-src"), ["'self'"]);
    assert_eq!(get("script-src"), ["'self'"], "scripts only from the bundled UI");
    assert_eq!(get("object-src"), ["'none'"]);
    assert_eq!(get("frame-ancestors"), ["'none'"]);
    for (name, sources) in &directives {
        for s in sources {
            assert!(
                !["'unsafe-eval'", "'wasm-unsafe-eval'", "*", "http:", "https:"].contains(s),
                "{name} allows {s}"
            );
            // The only non-local origin is Tauri's own IPC endpoint.
            if s.starts_with("http") {
                assert_eq!(*s, "http://ipc.localhost", "{name} allows a remote origin {s}");
            }
        }
    }
    assert!(!get("script-src").contains(&"'unsafe-inline'"));
    // The UI is the bundled folder: no dev server, no remote pages, no global Tauri object.
    assert!(conf["build"]["devUrl"].is_null(), "a devUrl would load the UI from a server");
    assert_eq!(conf["build"]["frontendDist"], "ui/dist");
    for w in conf["app"]["windows"].as_array().unwrap() {
        assert!(w["url"].is_null() || !w["url"].as_str().unwrap().contains("://"), "{w}");
    }
    assert_eq!(conf["app"]["withGlobalTauri"], false);
    assert!(conf["plugins"].is_null(), "no plugins are configured");
}

#[test]
fn capabilities_grant_only_our_commands_and_events() {
    let caps_dir = root().join("src-tauri/capabilities");
    let files: Vec<_> = std::fs::read_dir(&caps_dir).unwrap().flatten().collect();
    assert_eq!(files.len(), 1, "one capability file: {files:?}");
    let cap = json("src-tauri/capabilities/default.json");
    assert_eq!(cap["windows"], serde_json::json!(["main"]));
    assert!(cap["remote"].is_null(), "no remote URL may call commands");
    let granted: BTreeSet<String> = cap["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission identifiers, no scopes").to_string())
        .collect();
    let commands = manifest_commands();
    let mut expected: BTreeSet<String> =
        commands.iter().map(|c| format!("allow-{}", c.replace('_', "-"))).collect();
    // The UI listens to the import progress and drag-and-drop events, nothing else of the core.
    expected.insert("core:event:allow-listen".into());
    expected.insert("core:event:allow-unlisten".into());
    assert_eq!(granted, expected);
    for p in &granted {
        for banned in ["shell", "fs:", "http", "opener", "process", "dialog:", "default"] {
            assert!(!p.contains(banned), "{p}");
        }
    }
}

#[test]
fn commands_registered_granted_and_called_are_the_same_set() {
    let shell = read("src-tauri/app/mod.rs");
    let handler = shell.split("generate_handler![").nth(1).expect("generate_handler!");
    let registered: BTreeSet<String> = handler[..handler.find(']').unwrap()]
        .split(',')
        .filter_map(|s| s.trim().rsplit("::").next())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    let manifest = manifest_commands();
    assert_eq!(registered, manifest, "registered commands vs the app manifest of build.rs");
    // Every command the UI calls is granted.
    let api = read("ui/src/api.ts");
    let called: BTreeSet<String> = api
        .split("call<")
        .skip(2) // the helper's own definition
        .filter_map(|s| s.split('"').nth(1).map(str::to_string))
        .collect();
    assert!(called.contains("startup") && called.contains("whatif_run"), "{called:?}");
    assert!(
        called.is_subset(&manifest),
        "called but not granted: {:?}",
        called.difference(&manifest)
    );
}

#[test]
fn no_plugin_can_reach_the_shell_files_or_network() {
    let cargo = read("Cargo.toml");
    for banned in [
        "tauri-plugin-shell",
        "tauri-plugin-fs",
        "tauri-plugin-http",
        "tauri-plugin-opener",
        "reqwest",
    ] {
        assert!(!cargo.contains(banned), "Cargo.toml depends on {banned}");
    }
    let package = read("ui/package.json");
    assert!(!package.contains("@tauri-apps/plugin-"), "the UI uses no Tauri plugin");
}
