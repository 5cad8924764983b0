//! What the user asked to open (files or the demo), imported with the user's settings. Shared by the
//! CLI and the app so both import exactly alike.

use crate::import::{self, ImportError, ImportSettings, Imported};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

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

/// The files the window may open by path: those the user chose in this session (the open dialog, a
/// drop onto the window, the command line) and those in the recent-files list (chosen before). The
/// UI hands paths to `open_files`; this keeps a buggy or subverted UI from reading any other file.
#[derive(Debug, Default)]
pub struct ChosenFiles(HashSet<PathBuf>);

impl ChosenFiles {
    pub fn allow(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        self.0.extend(paths);
    }

    /// The first path that was neither chosen nor recently opened.
    pub fn first_unchosen<'a>(&self, paths: &'a [PathBuf], recent: &[String]) -> Option<&'a Path> {
        paths
            .iter()
            .find(|p| !self.0.contains(*p) && !recent.iter().any(|r| Path::new(r) == p.as_path()))
            .map(PathBuf::as_path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_chosen_or_recent_files_may_be_opened() {
        let mut chosen = ChosenFiles::default();
        chosen.allow([PathBuf::from("/home/a/dropped.xlsx")]);
        let recent = vec!["/home/a/last-month.csv".to_string()];
        let ok = [PathBuf::from("/home/a/dropped.xlsx"), PathBuf::from("/home/a/last-month.csv")];
        assert_eq!(chosen.first_unchosen(&ok, &recent), None);
        let sneaky = [PathBuf::from("/home/a/dropped.xlsx"), PathBuf::from("/home/a/.ssh/id_rsa")];
        assert_eq!(chosen.first_unchosen(&sneaky, &recent), Some(Path::new("/home/a/.ssh/id_rsa")));
    }
}
