//! Progress reporting and cancellation of an import, for the UI's progress bar and its Cancel button.

use serde::Serialize;
use std::sync::atomic::{AtomicBool, Ordering};

/// Where an import is: bytes of the files read so far, and rows of the current table.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    pub file: String,
    pub sheet: Option<String>,
    pub bytes_done: u64,
    pub bytes_total: u64,
    pub rows_done: usize,
    pub rows_total: usize,
}

/// How often (in rows) a table reports progress and checks for cancellation.
pub const ROWS_PER_TICK: usize = 4096;

/// Observer and cancel flag; both optional.
#[derive(Default, Clone, Copy)]
pub struct Control<'a> {
    pub cancel: Option<&'a AtomicBool>,
    pub progress: Option<&'a (dyn Fn(&Progress) + Sync)>,
}

impl Control<'_> {
    pub fn cancelled(&self) -> bool {
        self.cancel.is_some_and(|c| c.load(Ordering::Relaxed))
    }
    pub fn report(&self, p: &Progress) {
        if let Some(f) = self.progress {
            f(p);
        }
    }
}
