//! Managed state, one small type per concern: the loaded dataset, the store, the launch files, the
//! cancel flag of the running import.

pub use crate::app_json::Source;
use crate::model::Dataset;
use crate::store::Store;
use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

/// What is loaded now.
pub struct Loaded {
    pub dataset: Dataset,
    pub source: Source,
}

/// Shared, so that the window's requests (the report, its sparklines, its red flags) run side by
/// side on the cores instead of waiting for one lock.
#[derive(Default)]
pub struct Session(pub Mutex<Option<Arc<Loaded>>>);

impl Session {
    /// Runs `f` on the loaded data; fails with `NoData` before anything is loaded.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&Loaded) -> Result<T, super::error::AppError>,
    ) -> Result<T, super::error::AppError> {
        super::error::contained("view", || {
            let loaded = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
            f(loaded.as_deref().ok_or(super::error::AppError::NoData)?)
        })
    }

    /// `with`, on a thread of its own: the async runtime has one worker per core, and the window
    /// asks for the report, its sparklines and its red flags at once, so a computation holding a
    /// worker would make a report already worked out wait behind the others.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Loaded) -> Result<T, super::error::AppError> + Send + 'static,
    ) -> Result<T, super::error::AppError> {
        let loaded = self.0.lock().unwrap_or_else(|e| e.into_inner()).clone();
        tauri::async_runtime::spawn_blocking(move || {
            super::error::contained("view", || {
                f(loaded.as_deref().ok_or(super::error::AppError::NoData)?)
            })
        })
        .await
        .unwrap_or(Err(super::error::AppError::Internal))
    }
}

/// The store, or why it could not be opened (the app still works, without memory).
pub struct StoreState(pub Mutex<Result<Store, String>>);

/// The files the user chose this session (see `loader::ChosenFiles`).
#[derive(Default)]
pub struct Chosen(pub Mutex<crate::loader::ChosenFiles>);

/// Files given on the command line.
pub struct LaunchFiles(pub Vec<PathBuf>);

/// Set by the Cancel button of the import progress bar.
#[derive(Default)]
pub struct CancelImport(pub AtomicBool);
