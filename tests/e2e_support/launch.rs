//! How the desktop binary starts when it cannot open a window: one clear error, never a panic.

use super::app_binary;
use std::process::Command;

#[test]
fn without_a_display_the_app_says_so_and_exits_1() {
    let app = app_binary();
    let out = Command::new(&app)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("the app binary runs");
    let err = String::from_utf8_lossy(&out.stderr);
    // Exit 1 (bad input: the machine's), not 101 (a Rust panic).
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("no display to open the window on"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    // A headless command still works there.
    let out = Command::new(&app).args(["--version"]).env_remove("DISPLAY").output().unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).contains("(desktop)"));
}
