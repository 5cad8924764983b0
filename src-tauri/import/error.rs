//! Errors of the import layer: a file that cannot be read at all. Row-level problems are not errors:
//! they are `Issue`s, and the rest of the data still loads.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be opened or is not a readable spreadsheet.
    #[error("{file}: {reason}")]
    File { file: String, reason: String },
    /// A mapping override does not fit the table it names.
    #[error("{file}{}: mapping: {reason}", sheet.as_ref().map(|s| format!(" [{s}]")).unwrap_or_default())]
    Mapping { file: String, sheet: Option<String>, reason: String },
    /// The user cancelled the import; nothing was changed.
    #[error("import cancelled")]
    Cancelled,
    /// No file was given.
    #[error("no files to import")]
    NoFiles,
}

impl ImportError {
    pub fn kind(&self) -> &'static str {
        match self {
            ImportError::File { .. } => "file",
            ImportError::NoFiles => "no_files",
            ImportError::Mapping { .. } => "mapping",
            ImportError::Cancelled => "cancelled",
        }
    }
}
