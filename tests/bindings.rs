//! The TypeScript types of the UI (`ui/src/bindings/`) are generated from the Rust types: this test
//! renders them and fails when the committed files differ (after a change to a type the commands
//! exchange). `NORTHSTAR_WRITE_BINDINGS=1` writes the files instead.

use northstar::bindings::{render, COMMANDS};
use std::collections::BTreeSet;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_committed_bindings_are_the_generated_ones() {
    let dir = root().join("ui/src/bindings");
    let generated = render();
    let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok()?.file_name().into_string().ok()).collect())
        .unwrap_or_default();
    if std::env::var_os("NORTHSTAR_WRITE_BINDINGS").is_some() {
        std::fs::create_dir_all(&dir).unwrap();
        for old in on_disk.iter().filter(|f| !generated.contains_key(*f)) {
            std::fs::remove_file(dir.join(old)).unwrap();
        }
        for (name, text) in &generated {
            std::fs::write(dir.join(name), text).unwrap();
        }
        return;
    }
    let fix = "run `NORTHSTAR_WRITE_BINDINGS=1 cargo test --no-default-features --test bindings` and commit ui/src/bindings";
    let names: BTreeSet<String> = generated.keys().cloned().collect();
    assert_eq!(on_disk, names, "ui/src/bindings has other files than the generated ones: {fix}");
    for (name, text) in &generated {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap();
        if &committed != text {
            let line = committed.lines().zip(text.lines()).position(|(a, b)| a != b);
            let line = line.unwrap_or(committed.lines().count().min(text.lines().count())) + 1;
            panic!("ui/src/bindings/{name} is stale (first difference at line {line}): {fix}");
        }
    }
}

/// The names between `generate_handler![` and `]` of app/mod.rs (`data::startup` -> `startup`).
fn registered() -> BTreeSet<String> {
    let src = std::fs::read_to_string(root().join("src-tauri/app/mod.rs")).unwrap();
    let start =
        src.find("generate_handler![").expect("generate_handler!") + "generate_handler![".len();
    let end = start + src[start..].find(']').unwrap();
    src[start..end]
        .split(',')
        .map(|s| s.trim().rsplit("::").next().unwrap().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn every_registered_command_is_typed_and_has_its_wrapper_in_api_ts() {
    let listed: BTreeSet<String> = COMMANDS.iter().map(|(c, _)| c.to_string()).collect();
    assert_eq!(listed.len(), COMMANDS.len(), "a command listed twice");
    assert_eq!(registered(), listed, "app/mod.rs registers other commands than bindings::COMMANDS");
    let api = std::fs::read_to_string(root().join("ui/src/api.ts")).unwrap();
    for c in &listed {
        assert!(api.contains(&format!("(\"{c}\"")), "ui/src/api.ts has no wrapper calling {c}");
    }
}

#[test]
fn a_kpi_type_names_every_informative_number_the_engine_writes() {
    let ts = &render()["kpi.ts"];
    let start = ts.find("export type Kpi = {").expect("type Kpi");
    let decl = &ts[start..start + ts[start..].find("};").unwrap()];
    for key in northstar::kpi::value::EXTRAS {
        let field = format!("{key}?: number");
        let found = [' ', '\n'].iter().any(|c| decl.contains(&format!("{c}{field}")));
        assert!(found, "Kpi lacks `{field}`");
    }
}
