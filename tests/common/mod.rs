//! What the command-line tests share: running the headless binary and reading its JSON.
#![allow(dead_code)]

pub mod engine;

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

pub fn northstar(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_northstar")).args(args).current_dir(dir).output().unwrap()
}

pub fn json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

pub fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}
