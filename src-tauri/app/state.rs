//! Managed state, one small type per concern: the loaded dataset, the store, the launch files.

use crate::model::Dataset;
use crate::store::Store;
use std::path::PathBuf;
use std::sync::Mutex;

/// What is loaded now.
pub struct Loaded {
    pub dataset: Dataset,
}

#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Source {
    Demo { name: String },
    Files { paths: Vec<String> },
}

#[derive(Default)]
pub struct Session(pub Mutex<Option<Loaded>>);

/// The store, or why it could not be opened (the app still works, without memory).
pub struct StoreState(pub Mutex<Result<Store, String>>);

/// Files given on the command line.
pub struct LaunchFiles(pub Vec<PathBuf>);
