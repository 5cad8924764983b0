//! Reads a file (spreadsheet through calamine, CSV/TSV through the csv crate) into raw tables of cells:
//! one per sheet or CSV file. Files are only ever read.

use super::cells::Cell;
use super::delimited::read_csv;
use super::error::ImportError;
use super::extent;
use super::formula;
use super::limits;
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
        let bytes = read_file(path)
            .map_err(|e| ImportError::File { file: name.clone(), reason: e.to_string() })?;
        Ok(Source { name, bytes })
    }
}

/// Files from this size are read in two halves on two threads.
const READ_SPLIT_FROM: u64 = 8 << 20;

/// The whole file. A large one is read in two halves on two threads, each through its own handle
/// (read-only): each thread brings in its half of the new buffer, which costs these machines more
/// than the copy. A file that changes size while it is read is read again in one go.
fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek, SeekFrom};
    let len = std::fs::metadata(path)?.len();
    if len < READ_SPLIT_FROM || usize::try_from(len).is_err() {
        return std::fs::read(path);
    }
    let half = len / 2;
    let mut bytes = vec![0u8; len as usize];
    let (a, b) = bytes.split_at_mut(half as usize);
    let read = |part: &mut [u8], from: u64| -> std::io::Result<()> {
        let mut f = std::fs::File::open(path)?;
        f.seek(SeekFrom::Start(from))?;
        f.read_exact(part)
    };
    let halves = std::thread::scope(|s| {
        let second = s.spawn(|| read(b, half));
        let first = read(a, 0);
        first.and(second.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    // Shorter or longer than it was: the file changed while it was read.
    match halves {
        Ok(()) if std::fs::metadata(path)?.len() == len => Ok(bytes),
        _ => std::fs::read(path),
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

pub(super) fn is_text_file(name: &str) -> Option<bool> {
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
/// Every table of a file, in order (hidden sheets left out).
pub fn read_tables(src: &Source) -> Result<Vec<RawTable>, ImportError> {
    let mut tables = Vec::new();
    for_each_table(src, &|_| false, &mut |t| {
        tables.push(t);
        Ok(())
    })?;
    Ok(tables)
}

/// Reads a file's tables one at a time and hands each to `f` before reading the next, so that only
/// one sheet's cells are in memory at once. Hidden and very hidden sheets are left out (a stale copy
/// kept out of sight would be summed with the real one) unless `include_hidden` names them; returns
/// the names of those left out.
pub fn for_each_table(
    src: &Source,
    include_hidden: &dyn Fn(&str) -> bool,
    f: &mut dyn FnMut(RawTable) -> Result<(), ImportError>,
) -> Result<Vec<String>, ImportError> {
    let fail = |reason: String| ImportError::File { file: src.name.clone(), reason };
    if src.bytes.is_empty() {
        return Err(fail("the file is empty".into()));
    }
    if let Some(tsv) = is_text_file(&src.name) {
        f(read_csv(src, tsv, limits::MAX_SHEET_CELLS)?)?;
        return Ok(Vec::new());
    }
    limits::check_zip(&src.bytes).map_err(fail)?;
    if is_encrypted(&src.bytes) {
        return Err(fail(PROTECTED.into()));
    }
    extent::check_xls(&src.bytes).map_err(fail)?;
    extent::check_ods(&src.bytes).map_err(fail)?;
    // calamine can panic on a damaged file (an unchecked index, found by the fuzz target): that is
    // the file's fault, and said as such.
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| read_workbook(src, include_hidden, f)))
        .unwrap_or_else(|_| {
            Err(fail("not a readable spreadsheet: it is damaged (the reader stopped on it)".into()))
        })
}

/// A spreadsheet's tables, through calamine.
fn read_workbook(
    src: &Source,
    include_hidden: &dyn Fn(&str) -> bool,
    f: &mut dyn FnMut(RawTable) -> Result<(), ImportError>,
) -> Result<Vec<String>, ImportError> {
    let fail = |reason: String| ImportError::File { file: src.name.clone(), reason };
    let mut book = match calamine::open_workbook_auto_from_rs(Cursor::new(src.bytes.as_slice())) {
        Ok(book) => book,
        Err(e) => {
            if e.to_string().to_lowercase().contains("password") {
                return Err(fail(PROTECTED.into()));
            }
            // A CSV saved with a spreadsheet extension still reads, with a note.
            if looks_like_text(&src.bytes) {
                let mut t = read_csv(src, false, limits::MAX_SHEET_CELLS)?;
                // A file without an extension (an export saved as `report`) is sniffed without a
                // note; a spreadsheet extension on text is worth one (exports.md §2.8).
                let base = src.name.rsplit(['/', '\\']).next().unwrap_or(&src.name);
                if base.contains('.') {
                    let misnamed = "this file is text (CSV), not the spreadsheet its extension says; it was read as CSV";
                    t.note = Some(match t.note.take() {
                        Some(limits) => format!("{misnamed}; {limits}"),
                        None => misnamed.into(),
                    });
                }
                f(t)?;
                return Ok(Vec::new());
            }
            // Name the formats we read rather than repeat the reader's internal message.
            return Err(fail(
                "not a readable spreadsheet: it is damaged, or not an Excel (.xlsx, .xlsm, .xlsb, .xls), OpenDocument (.ods) or CSV file".into(),
            ));
        }
    };
    let hidden: Vec<String> = book
        .sheets_metadata()
        .iter()
        .filter(|s| s.visible != calamine::SheetVisible::Visible && !include_hidden(&s.name))
        .map(|s| s.name.clone())
        .collect();
    // .xlsx and .xlsb are streamed cell by cell; the other formats come as calamine's ranges.
    let mut each_sheet = |sheets: Vec<String>,
                          read: &mut dyn FnMut(&str) -> Result<NotedRows, String>|
     -> Result<(), ImportError> {
        for sheet in sheets.into_iter().filter(|s| !hidden.contains(s)) {
            let (rows, row_numbers, note) =
                read(&sheet).map_err(|e| fail(format!("sheet {sheet}: {}", plain(e))))?;
            f(RawTable {
                file: src.name.clone(),
                sheet: Some(sheet),
                rows,
                row_numbers,
                decimal_comma: false,
                note,
            })?;
        }
        Ok(())
    };
    match &mut book {
        calamine::Sheets::Xlsx(xlsx) => each_sheet(xlsx.sheet_names(), &mut |sheet| {
            stream_xlsx_sheet(xlsx, sheet, limits::MAX_SHEET_CELLS)
        }),
        calamine::Sheets::Xlsb(xlsb) => each_sheet(xlsb.sheet_names(), &mut |sheet| {
            stream_xlsb_sheet(xlsb, sheet, limits::MAX_SHEET_CELLS)
        }),
        other => each_sheet(other.sheet_names(), &mut |sheet| {
            let range = other.worksheet_range(sheet).map_err(|e| e.to_string())?;
            let (rows, row_numbers) = range_rows(range);
            Ok((rows, row_numbers, None))
        }),
    }?;
    Ok(hidden)
}

/// The rows of a calamine range, cells moved out rather than copied.
fn range_rows(mut range: calamine::Range<Data>) -> Rows {
    let (row0, _) = range.start().unwrap_or((0, 0));
    let height = range.height();
    let mut rows = Vec::with_capacity(height);
    let mut row_numbers = Vec::with_capacity(height);
    for i in 0..height {
        rows.push(range[i].iter_mut().map(|d| cell_of(std::mem::take(d))).collect());
        row_numbers.push(row0 as usize + i + 1);
    }
    (rows, row_numbers)
}

/// A sheet's rows and the row number the user sees for each (and a note about what was left out).
type Rows = (Vec<Vec<Cell>>, Vec<usize>);
type NotedRows = (Vec<Vec<Cell>>, Vec<usize>, Option<String>);

/// Reads an .xlsx sheet cell by cell straight into rows, without calamine's intermediate ranges
/// (a sparse cell list, a dense borrowed range, then an owned copy): one allocation per text cell
/// and nothing else. Rows start at the first row holding a value, columns at the leftmost column
/// holding one, as in calamine's ranges; rows are as long as their last value.
/// Cells beyond Excel's sheet size are left out and long cells cut (`limits`), with a note.
fn stream_xlsx_sheet<RS: std::io::Read + std::io::Seek>(
    xlsx: &mut calamine::Xlsx<RS>,
    sheet: &str,
    max_cells: usize,
) -> Result<NotedRows, String> {
    let mut reader = match xlsx.worksheet_cells_reader(sheet) {
        Ok(r) => r,
        // A chart sheet holds no cells.
        Err(calamine::XlsxError::NotAWorksheet(_)) => return Ok((Vec::new(), Vec::new(), None)),
        Err(e) => return Err(e.to_string()),
    };
    let dims = reader.dimensions();
    // Shared formulas: each group's template and the cell it is written in, to expand a derived
    // cell's formula when the cell has no saved value.
    let mut shared: Vec<Option<(String, (u32, u32))>> = Vec::new();
    stream_cells(
        dims,
        &mut || {
            let Some(rec) = reader.next_cell_with_formula_metadata().map_err(|e| e.to_string())?
            else {
                return Ok(None);
            };
            let formula = match rec.formula {
                None => None,
                Some(calamine::XlsxFormulaMetadata::Normal { formula }) => Some(formula),
                Some(calamine::XlsxFormulaMetadata::Shared { shared_index, formula, .. }) => {
                    if shared.len() <= shared_index {
                        shared.resize(shared_index.min(1 << 20) + 1, None);
                    }
                    if let Some(slot) = shared.get_mut(shared_index) {
                        *slot = Some((formula.clone(), rec.pos));
                    }
                    Some(formula)
                }
                Some(calamine::XlsxFormulaMetadata::SharedDerived { shared_index }) => {
                    match (&rec.value, shared.get(shared_index)) {
                        (calamine::DataRef::Empty, Some(Some((template, anchor)))) => {
                            calamine::expand_shared_formula(template, *anchor, rec.pos).ok()
                        }
                        _ => None,
                    }
                }
                Some(_) => None,
            };
            let cell = match (cell_of_ref(&rec.value), formula) {
                // Written by a script and never calculated: no saved value (worked out later).
                (Cell::Empty, Some(f)) if !f.is_empty() => {
                    Cell::formula(formula::a1(rec.pos.0, rec.pos.1), f)
                }
                (cell, _) => cell,
            };
            Ok(Some((rec.pos, cell)))
        },
        max_cells,
    )
}

/// An .xlsb sheet, streamed as .xlsx sheets are: calamine's range for .xlsb would be one dense grid
/// sized by the farthest cell, which a hostile file can place anywhere.
fn stream_xlsb_sheet<RS: std::io::Read + std::io::Seek>(
    xlsb: &mut calamine::Xlsb<RS>,
    sheet: &str,
    max_cells: usize,
) -> Result<NotedRows, String> {
    let mut reader = xlsb.worksheet_cells_reader(sheet).map_err(|e| e.to_string())?;
    let dims = reader.dimensions();
    stream_cells(
        dims,
        &mut || {
            let c = reader.next_cell().map_err(|e| e.to_string())?;
            Ok(c.map(|c| (c.get_position(), cell_of_ref(c.get_value()))))
        },
        max_cells,
    )
}

/// A cell's position and value.
type Positioned = ((u32, u32), Cell);

/// Cells, in row order, into rows (see `stream_xlsx_sheet`); formulas without a saved value are then
/// worked out where `formula` can, or kept as such (each row that needs one becomes an issue).
fn stream_cells(
    dims: calamine::Dimensions,
    next_cell: &mut dyn FnMut() -> Result<Option<Positioned>, String>,
    max_cells: usize,
) -> Result<NotedRows, String> {
    let (mut outside, mut kept) = (0usize, 0usize);
    let mut cut = None;
    // The declared dimensions size each row once (capped: a hostile file can declare anything).
    let width = (dims.end.1.saturating_sub(dims.start.1) as usize + 1).min(1024);
    let mut rows: Vec<Vec<Cell>> =
        Vec::with_capacity((dims.end.0.saturating_sub(dims.start.0) as usize + 1).min(1 << 20));
    let mut first_row: Option<u32> = None;
    let mut first_col = u32::MAX;
    let mut formulas = Vec::new();
    while let Some(((r, col), mut cell)) = next_cell()? {
        if matches!(cell, Cell::Empty) {
            continue;
        }
        kept += 1;
        if kept > max_cells {
            return Err(limits::too_many_cells());
        }
        if r >= limits::MAX_ROWS || col >= limits::MAX_COLUMNS {
            outside += 1;
            continue;
        }
        if let Cell::Text(t) = &mut cell {
            if let (Some(n), None) = (limits::cut_cell(t), cut) {
                cut = Some((r as usize + 1, col, n));
            }
        }
        let row0 = *first_row.get_or_insert(r);
        // Cells arrive in row order; a row above the first is malformed XML we still read.
        let Some(i) = r.checked_sub(row0).map(|i| i as usize) else { continue };
        if rows.len() <= i {
            rows.resize_with(i + 1, || Vec::with_capacity(width));
        }
        let row = &mut rows[i];
        let col = col as usize;
        if row.len() <= col {
            row.resize(col + 1, Cell::Empty);
        }
        if matches!(cell, Cell::Formula(_)) {
            formulas.push((i, col));
        }
        row[col] = cell;
        first_col = first_col.min(col as u32);
    }
    let row0 = first_row.unwrap_or(0);
    if !formulas.is_empty() {
        struct Sheet<'r>(&'r [Vec<Cell>], u32);
        impl formula::Grid for Sheet<'_> {
            fn at(&self, row: u32, col: u32) -> Option<&Cell> {
                self.0.get(row.checked_sub(self.1)? as usize)?.get(col as usize)
            }
        }
        let sheet = Sheet(&rows, row0);
        let ev = formula::Evaluator::new(&sheet);
        let values: Vec<(usize, usize, Option<Cell>)> = formulas
            .iter()
            .map(|&(i, col)| (i, col, ev.value_at(row0 + i as u32, col as u32)))
            .collect();
        for (i, col, value) in values {
            if let Some(v) = value {
                rows[i][col] = v;
            }
        }
    }
    if first_col > 0 && first_col != u32::MAX {
        for row in &mut rows {
            row.drain(..row.len().min(first_col as usize));
        }
    }
    let row_numbers = (0..rows.len()).map(|i| row0 as usize + i + 1).collect();
    Ok((rows, row_numbers, limits::left_out(outside, cut)))
}

fn cell_of_ref(d: &calamine::DataRef<'_>) -> Cell {
    use calamine::DataRef as D;
    match d {
        D::Empty => Cell::Empty,
        D::SharedString(s) => Cell::text_of(*s),
        D::String(s) => Cell::text_of(s.as_str()),
        D::Float(f) => Cell::Number(*f),
        D::Int(i) => Cell::Int(*i),
        D::Bool(b) => Cell::Bool(*b),
        D::DateTime(dt) => match dt.as_datetime() {
            Some(v) if dt.is_datetime() => Cell::DateTime(v),
            _ => Cell::Number(dt.as_f64()),
        },
        D::DateTimeIso(s) | D::DurationIso(s) => Cell::text_of(s.as_str()),
        D::Error(e) => Cell::Error(e.to_string().into()),
    }
}

/// The reader's message, or a plain one for what it means to the user.
fn plain(reader_error: String) -> String {
    if reader_error.contains("larger than its declared uncompressed size") {
        "it unpacks to more than the file declares: a damaged file or a zip bomb, so it was not read"
            .into()
    } else {
        reader_error
    }
}

const PROTECTED: &str =
    "the workbook is password-protected; save a copy without the password and open that";

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
        Data::String(s) => Cell::text_of(s),
        Data::Float(f) => Cell::Number(f),
        Data::Int(i) => Cell::Int(i),
        Data::Bool(b) => Cell::Bool(b),
        Data::DateTime(dt) => match dt.as_datetime() {
            Some(v) if dt.is_datetime() => Cell::DateTime(v),
            _ => Cell::Number(dt.as_f64()),
        },
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::text_of(s),
        Data::Error(e) => Cell::Error(e.to_string().into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A large file read in two halves is the file, byte for byte (an odd length, so that the halves
    /// differ by one).
    #[test]
    fn a_large_file_read_in_halves_is_the_file() {
        let len = READ_SPLIT_FROM as usize * 2 + 7;
        let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        let path =
            std::env::temp_dir().join(format!("northstar-halves-{}.csv", std::process::id()));
        std::fs::write(&path, &bytes).unwrap();
        let src = Source::from_path(&path).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(src.name, path.file_name().unwrap().to_string_lossy());
        assert!(src.bytes == bytes);
    }

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

    /// A sheet with more values than the limit is refused whole, in both readers.
    #[test]
    fn a_sheet_past_the_cell_limit_is_refused() {
        let mut xlsx = calamine::Xlsx::new(Cursor::new(crate::demo::BYTES)).unwrap();
        let sheet = xlsx.sheet_names()[0].clone();
        assert!(stream_xlsx_sheet(&mut xlsx, &sheet, 1_000_000).is_ok());
        assert_eq!(
            stream_xlsx_sheet(&mut xlsx, &sheet, 100).unwrap_err(),
            limits::too_many_cells()
        );
        let csv = Source { name: "big.csv".into(), bytes: b"a,b\n1,2\n3,4\n".to_vec() };
        assert!(read_csv(&csv, false, 6).is_ok());
        let err = read_csv(&csv, false, 5).unwrap_err().to_string();
        assert_eq!(err, format!("big.csv: {}", limits::too_many_cells()));
    }

    /// The streaming .xlsx and .xlsb readers give the same rows and row numbers as calamine's ranges (with
    /// trailing empty cells trimmed: streamed rows end at their last value).
    #[test]
    fn streamed_rows_equal_calamine_ranges() {
        let trim = |rows: Vec<Vec<Cell>>| -> Vec<Vec<Cell>> {
            rows.into_iter()
                .map(|mut r| {
                    while matches!(r.last(), Some(Cell::Empty)) {
                        r.pop();
                    }
                    r
                })
                .collect()
        };
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut books = vec![("demo".to_string(), crate::demo::BYTES.to_vec())];
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "xlsx") {
                books.push((p.display().to_string(), std::fs::read(&p).unwrap()));
            }
        }
        assert!(books.len() >= 3, "the demo and at least two xlsx fixtures");
        for (name, bytes) in books {
            let Ok(mut xlsx) = calamine::Xlsx::new(Cursor::new(bytes.as_slice())) else {
                continue; // a misnamed fixture (CSV saved as .xlsx)
            };
            for sheet in xlsx.sheet_names() {
                let (rows, numbers, _) =
                    stream_xlsx_sheet(&mut xlsx, &sheet, limits::MAX_SHEET_CELLS).unwrap();
                let (want_rows, want_numbers) = range_rows(xlsx.worksheet_range(&sheet).unwrap());
                assert_eq!(numbers, want_numbers, "{name} {sheet}");
                assert_eq!(trim(rows), trim(want_rows), "{name} {sheet}");
            }
        }
        // .xlsb likewise.
        let bytes = std::fs::read(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/long_mrr.xlsb"),
        )
        .unwrap();
        let mut xlsb = calamine::Xlsb::new(Cursor::new(bytes.as_slice())).unwrap();
        for sheet in xlsb.sheet_names() {
            let (rows, numbers, _) =
                stream_xlsb_sheet(&mut xlsb, &sheet, limits::MAX_SHEET_CELLS).unwrap();
            let (want_rows, want_numbers) = range_rows(xlsb.worksheet_range(&sheet).unwrap());
            assert!(!rows.is_empty());
            assert_eq!(numbers, want_numbers, "xlsb {sheet}");
            assert_eq!(trim(rows), trim(want_rows), "xlsb {sheet}");
        }
    }
}
