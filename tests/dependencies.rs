//! The dependency audit that runs with the tests (in place of `cargo deny`, which is not installed on
//! these machines): every crate the app links is under a license from the allow-list below, every
//! crate comes from crates.io (no git or path sources), and the duplicated crates are listed.
//! Security advisories need the RustSec database from the network: `cargo deny check advisories`
//! (or `cargo audit`) where GitHub is reachable; see the README.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

/// Permissive licenses, and MPL-2.0 (file-level copyleft, fine for a linked application).
const ALLOWED: &[&str] = &[
    "MIT",
    "MIT-0",
    "Apache-2.0",
    "LLVM-exception",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "ISC",
    "Zlib",
    "Unicode-3.0",
    "Unicode-DFS-2016",
    "MPL-2.0",
    "Unlicense",
    "CC0-1.0",
    "0BSD",
    "BSL-1.0",
];

fn metadata() -> Value {
    let out = Command::new(env!("CARGO"))
        .args([
            "metadata",
            "--format-version",
            "1",
            "--filter-platform",
            "x86_64-unknown-linux-gnu",
        ])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("metadata JSON")
}

#[test]
fn every_dependency_is_licensed_from_the_allow_list_and_comes_from_crates_io() {
    let m = metadata();
    let packages = m["packages"].as_array().unwrap();
    assert!(packages.len() > 100, "the whole graph, not just the root");
    let mut refused = Vec::new();
    let mut versions: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for p in packages {
        let name = p["name"].as_str().unwrap();
        if name == "northstar" {
            continue;
        }
        versions.entry(name).or_default().insert(p["version"].as_str().unwrap());
        let source = p["source"].as_str().unwrap_or("");
        assert!(source.starts_with("registry+"), "{name} comes from {source:?}");
        let license = p["license"].as_str().unwrap_or("");
        // "MIT OR Apache-2.0", "MIT/Apache-2.0", "(A OR B) AND C": every named license must be allowed.
        let names: Vec<&str> = license
            .split(|c: char| c.is_whitespace() || "()/".contains(c))
            .filter(|t| !t.is_empty() && !["OR", "AND", "WITH"].contains(t))
            .collect();
        if names.is_empty() || names.iter().any(|n| !ALLOWED.contains(n)) {
            refused.push(format!("{name} {license:?}"));
        }
    }
    assert!(refused.is_empty(), "licenses outside the allow-list: {refused:?}");
    let dups: Vec<String> =
        versions.iter().filter(|(_, v)| v.len() > 1).map(|(n, v)| format!("{n} {v:?}")).collect();
    eprintln!("{} crates in more than one version: {dups:?}", dups.len());
}
