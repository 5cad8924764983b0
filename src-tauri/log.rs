//! The error log: one small file in the app-data folder (`northstar.log`, rotated to
//! `northstar.log.1` past `MAX_BYTES`), for support. It records what failed and where in the code,
//! never the data: no cell values, customer ids or panic messages (which may quote a value).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

pub const FILE: &str = "northstar.log";
pub const MAX_BYTES: u64 = 256 * 1024;

static DIR: OnceLock<PathBuf> = OnceLock::new();
static LOCK: Mutex<()> = Mutex::new(());

/// Logs to `dir` from now on, and records every panic's location there (the message is left out).
pub fn init(dir: &Path) {
    let _ = DIR.set(dir.to_path_buf());
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let at = info.location().map(|l| format!("{}:{}", l.file(), l.line())).unwrap_or_default();
        record(&format!("panic at {at}"));
        default(info);
    }));
}

/// Where the log is, once `init` has run.
pub fn path() -> Option<PathBuf> {
    DIR.get().map(|d| d.join(FILE))
}

/// Appends a timestamped line (when logging is set up); never fails the caller.
pub fn record(line: &str) {
    if let Some(dir) = DIR.get() {
        let _guard = LOCK.lock().unwrap_or_else(|e| e.into_inner());
        let _ = append(dir, line);
    }
}

fn append(dir: &Path, line: &str) -> std::io::Result<()> {
    let path = dir.join(FILE);
    if std::fs::metadata(&path).map(|m| m.len() >= MAX_BYTES).unwrap_or(false) {
        std::fs::rename(&path, dir.join(format!("{FILE}.1")))?;
    }
    let mut f = std::fs::OpenOptions::new().create(true).append(true).open(&path)?;
    writeln!(f, "{} {line}", chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// Runs `f`, turning a panic into `None` (logged by the hook) instead of unwinding further: a bug
/// met by one command must not take the window down.
pub fn contain<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One test for the whole module: `init` sets process-wide state.
    #[test]
    fn panics_are_contained_and_logged_without_their_message_and_the_log_rotates() {
        let dir = tempfile::tempdir().unwrap();
        init(dir.path());
        let r: Option<u32> = contain(|| panic!("customer ACME-SECRET has a bad cell"));
        assert_eq!(r, None);
        assert_eq!(contain(|| 7), Some(7));
        let log = std::fs::read_to_string(dir.path().join(FILE)).unwrap();
        assert!(log.contains("panic at src-tauri/log.rs:"), "{log}");
        assert!(!log.contains("ACME-SECRET"), "{log}");
        // Past the size limit the file moves to .1 and a new one starts.
        let line = "x".repeat(1024);
        for _ in 0..(MAX_BYTES / 1024 + 2) {
            record(&line);
        }
        let old = std::fs::metadata(dir.path().join(format!("{FILE}.1"))).unwrap().len();
        let new = std::fs::metadata(dir.path().join(FILE)).unwrap().len();
        assert!(old >= MAX_BYTES && new < MAX_BYTES, "{old} {new}");
    }
}
