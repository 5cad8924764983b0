//! Reads a file (spreadsheet through calamine, CSV/TSV through the csv crate) into raw tables of cells:
//! one per sheet or CSV file. Files are only ever read.

use super::cells::Cell;
use super::error::ImportError;
use super::text;
use calamine::{Data, Reader};
use std::io::Cursor;
use std::path::Path;

/// An input file: its display name and its bytes.
#[derive(Debug, Clone)]
pub struct Source {
    /// File name as the user knows it (no directory).
    pub name: String,
    pub bytes: Vec<u8>,
}

impl Source {
    /// Reads the file read-only.
    pub fn from_path(path: &Path) -> Result<Source, ImportError> {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string());
        let bytes = std::fs::read(path)
            .map_err(|e| ImportError::File { file: name.clone(), reason: e.to_string() })?;
        Ok(Source { name, bytes })
    }
}

/// One sheet (or CSV file) as cells.
#[derive(Debug, Clone)]
pub struct RawTable {
    pub file: String,
    /// None for a CSV file.
    pub sheet: Option<String>,
    pub rows: Vec<Vec<Cell>>,
    /// The 1-based row number the user sees for each row.
    pub row_numbers: Vec<usize>,
    /// CSV files separated by `;` default to decimal comma.
    pub decimal_comma: bool,
    /// Something about how the file was read, for the warnings.
    pub note: Option<String>,
}

fn is_text_file(name: &str) -> Option<bool> {
    let lower = name.to_lowercase();
    if lower.ends_with(".csv") || lower.ends_with(".txt") {
        Some(false)
    } else if lower.ends_with(".tsv") || lower.ends_with(".tab") {
        Some(true)
    } else {
        None
    }
}

/// Every table of a file, in order.
pub fn read_tables(src: &Source) -> Result<Vec<RawTable>, ImportError> {
    let mut tables = Vec::new();
    for_each_table(src, &mut |t| {
        tables.push(t);
        Ok(())
    })?;
    Ok(tables)
}

/// Reads a file's tables one at a time and hands each to `f` before reading the next, so that only
/// one sheet's cells are in memory at once.
pub fn for_each_table(
    src: &Source,
    f: &mut dyn FnMut(RawTable) -> Result<(), ImportError>,
) -> Result<(), ImportError> {
    let fail = |reason: String| ImportError::File { file: src.name.clone(), reason };
    if src.bytes.is_empty() {
        return Err(fail("the file is empty".into()));
    }
    if let Some(tsv) = is_text_file(&src.name) {
        return f(read_csv(src, tsv)?);
    }
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(src.bytes.as_slice())) {
        Ok(book) => book,
        Err(e) => {
            if is_encrypted(&src.bytes) || e.to_string().to_lowercase().contains("password") {
                return Err(fail("the workbook is password-protected; save a copy without the password and open that".into()));
            }
            // A CSV saved with a spreadsheet extension still reads, with a note.
            if looks_like_text(&src.bytes) {
                let mut t = read_csv(src, false)?;
                t.note = Some("this file is text (CSV), not the spreadsheet its extension says; it was read as CSV".into());
                return f(t);
            }
            // Name the formats we read rather than repeat the reader's internal message.
            return Err(fail(
                "not a readable spreadsheet: it is damaged, or not an Excel (.xlsx, .xlsm, .xlsb, .xls), OpenDocument (.ods) or CSV file".into(),
            ));
        }
    };
    for sheet in book.sheet_names() {
        let mut range =
            book.worksheet_range(&sheet).map_err(|e| fail(format!("sheet {sheet}: {e}")))?;
        let (row0, _) = range.start().unwrap_or((0, 0));
        let height = range.height();
        let mut rows = Vec::with_capacity(height);
        let mut row_numbers = Vec::with_capacity(height);
        for i in 0..height {
            // Cells are moved out of calamine's range, not copied.
            rows.push(range[i].iter_mut().map(|d| cell_of(std::mem::take(d))).collect());
            row_numbers.push(row0 as usize + i + 1);
        }
        drop(range);
        f(RawTable {
            file: src.name.clone(),
            sheet: Some(sheet),
            rows,
            row_numbers,
            decimal_comma: false,
            note: None,
        })?;
    }
    Ok(())
}

/// An OLE container holding an `EncryptedPackage` stream: an encrypted Office file.
fn is_encrypted(bytes: &[u8]) -> bool {
    const CFB: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    let name: Vec<u8> = "EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.starts_with(&CFB) && bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// Printable UTF-8 text with a line break in its first 4 KiB (no NUL bytes).
fn looks_like_text(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = match std::str::from_utf8(head) {
        Ok(t) => t,
        // The cut may split a character.
        Err(e) if e.valid_up_to() + 4 >= head.len() => {
            std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or("")
        }
        Err(_) => return false,
    };
    !text.is_empty() && text.contains('\n') && !text.contains('\0') && !text.starts_with("%PDF")
}

fn cell_of(d: Data) -> Cell {
    match d {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s),
        Data::Float(f) => Cell::Number(f),
        Data::Int(i) => Cell::Int(i),
        Data::Bool(b) => Cell::Bool(b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(v) if dt.is_datetime() => Cell::DateTime(v),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s),
        Data::Error(e) => Cell::Error(format!("{e}")),
    }
}

fn read_csv(src: &Source, tsv: bool) -> Result<RawTable, ImportError> {
    let text = text::decode(&src.bytes);
    let delimiter = sniff_or_tab(&text, tsv);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut row_numbers = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::File {
            file: src.name.clone(),
            reason: format!("not a readable CSV ({e})"),
        })?;
        let line = record.position().map(|p| p.line() as usize).unwrap_or(rows.len() + 1);
        rows.push(
            record
                .iter()
                .map(|f| if f.trim().is_empty() { Cell::Empty } else { Cell::Text(f.to_string()) })
                .collect(),
        );
        row_numbers.push(line);
    }
    Ok(RawTable {
        file: src.name.clone(),
        sheet: None,
        rows,
        row_numbers,
        decimal_comma: delimiter == b';',
        note: None,
    })
}

fn sniff_or_tab(text: &str, tsv: bool) -> u8 {
    text::sniff_delimiter(text, tsv)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_encrypted_office_files_and_misnamed_csv() {
        let mut enc = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        enc.extend(std::iter::repeat_n(0u8, 504));
        enc.extend("EncryptedPackage".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let err = read_tables(&Source { name: "secret.xlsx".into(), bytes: enc }).unwrap_err();
        assert_eq!(err.to_string(), "secret.xlsx: the workbook is password-protected; save a copy without the password and open that");
        let csv = Source {
            name: "mrr.xlsx".into(),
            bytes: b"Customer,Month,MRR\nA,2024-01,10\n".to_vec(),
        };
        let t = read_tables(&csv).unwrap();
        assert_eq!(t[0].rows.len(), 2);
        assert!(t[0].note.is_some());
        assert!(!looks_like_text(b"%PDF-1.4\n..."));
    }
}
