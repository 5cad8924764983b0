//! What the user asked to open (files or the demo), imported with the user's settings. Shared by the
//! CLI and the app so both import exactly alike.

use crate::import::{self, ImportError, ImportSettings, Imported};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    Demo,
    Files(Vec<PathBuf>),
}

pub fn load(input: &Input, settings: &ImportSettings) -> Result<Imported, ImportError> {
    match input {
        Input::Demo => import::import_sources(&[crate::demo::source()], settings),
        Input::Files(paths) => import::import_paths(paths, settings),
    }
}
