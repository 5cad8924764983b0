//! CSV and TSV tables: decoded, the delimiter sniffed, every record a row numbered as a spreadsheet
//! would show it. A CSV has no row limit (it is no spreadsheet); the bound on values holds.
//!
//! The csv crate reads into one reused record (no allocation per record), a forward cursor numbers
//! the rows, and a large file without quotes is read in two halves on two threads: without quotes
//! every line end ends a record, so the half after a line end reads exactly as it would in the whole.

use super::cells::{Cell, CompactString};
use super::error::ImportError;
use super::limits;
use super::source::{RawTable, Source};
use super::text;

/// Files smaller than this are read on one thread (a thread costs more than it saves).
const SPLIT_FROM: usize = 1 << 20;

pub(super) fn read_csv(src: &Source, tsv: bool, max_cells: usize) -> Result<RawTable, ImportError> {
    let text = text::decode(&src.bytes);
    let delimiter = text::sniff_delimiter(&text, tsv);
    read_text(&src.name, &text, delimiter, max_cells)
}

/// The rows of a decoded text whose delimiter is known (`read_csv` after decoding and sniffing).
pub(super) fn read_text(
    file: &str,
    text: &str,
    delimiter: u8,
    max_cells: usize,
) -> Result<RawTable, ImportError> {
    let fail = |reason: String| ImportError::File { file: file.to_string(), reason };
    let capacity = rows_estimate(text);
    let mut parts = match split_point(text) {
        None => vec![read_part(text, delimiter, max_cells, capacity)],
        Some(at) => std::thread::scope(|s| {
            let second = s.spawn(|| read_part(&text[at..], delimiter, max_cells, capacity / 2));
            let first = read_part(&text[..at], delimiter, max_cells, capacity);
            vec![first, second.join().unwrap_or_else(|_| Err("the reader stopped".into()))]
        }),
    }
    .into_iter();
    let mut all = parts.next().unwrap_or_else(|| Ok(Part::default())).map_err(fail)?;
    for part in parts {
        let part = part.map_err(fail)?;
        // The half's rows are numbered from its own start: after the rows of the halves before.
        let before = all.line_ends;
        all.rows.extend(part.rows);
        all.row_numbers.extend(part.row_numbers.into_iter().map(|n| n + before));
        all.outside += part.outside;
        all.kept += part.kept;
        all.cut = all.cut.or(part.cut.map(|(row, c, n)| (row + before, c, n)));
        all.line_ends += part.line_ends;
    }
    if all.kept > max_cells {
        return Err(fail(limits::too_many_cells()));
    }
    Ok(RawTable {
        file: file.to_string(),
        sheet: None,
        rows: all.rows,
        row_numbers: all.row_numbers,
        decimal_comma: delimiter == b';',
        note: limits::left_out(all.outside, all.cut),
    })
}

/// The rows of one stretch of the text, numbered from its start.
#[derive(Default)]
struct Part {
    rows: Vec<Vec<Cell>>,
    row_numbers: Vec<usize>,
    /// Cells past the last column, cells kept, and the first cell cut (row, column, length).
    outside: usize,
    kept: usize,
    cut: Option<(usize, u32, usize)>,
    /// The line ends in the stretch (so the rows the stretches after it start after).
    line_ends: usize,
}

fn read_part(text: &str, delimiter: u8, max_cells: usize, capacity: usize) -> Result<Part, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut part = Part {
        rows: Vec::with_capacity(capacity),
        row_numbers: Vec::with_capacity(capacity),
        ..Part::default()
    };
    let mut rows = text::RowCursor::new(text.as_bytes(), delimiter);
    let mut record = csv::StringRecord::new();
    let max_columns = limits::MAX_COLUMNS as usize;
    while reader.read_record(&mut record).map_err(|e| format!("not a readable CSV ({e})"))? {
        // The row Excel shows: one per record, blank lines counted, any line end alike.
        let line = match record.position() {
            Some(p) => {
                // The reader may place a record at the line end before it (CRLF, blank lines).
                let at = p.byte() as usize;
                let skip = text.as_bytes()[at.min(text.len())..]
                    .iter()
                    .take_while(|b| matches!(b, b'\r' | b'\n'))
                    .count();
                rows.rows_through(at + skip)
            }
            None => part.rows.len() + 1,
        };
        // No row limit: a CSV is no spreadsheet (analytics exports run to millions of rows); the
        // bound on values (`max_cells`) still holds.
        part.outside += record.len().saturating_sub(max_columns);
        part.kept += record.len().min(max_columns);
        if part.kept > max_cells {
            return Err(limits::too_many_cells());
        }
        let mut row = Vec::with_capacity(record.len().min(max_columns));
        for (c, f) in record.iter().take(max_columns).enumerate() {
            row.push(cell(f, (line, c as u32), &mut part.cut));
        }
        part.rows.push(row);
        part.row_numbers.push(line);
    }
    part.line_ends = rows.rows_through(usize::MAX) - 1;
    Ok(part)
}

/// A field as a cell: blank is empty; text longer than a spreadsheet cell is cut, the first cut noted.
fn cell(f: &str, at: (usize, u32), cut: &mut Option<(usize, u32, usize)>) -> Cell {
    if super::cells::is_blank(f) {
        return Cell::Empty;
    }
    let mut t = CompactString::from(f);
    if let (Some(n), None) = (limits::cut_cell(&mut t), &cut) {
        *cut = Some((at.0, at.1, n));
    }
    Cell::Text(t)
}

/// Where a large text without quotes is split in two: just after the first line end past its middle.
fn split_point(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    if b.len() < SPLIT_FROM || memchr::memchr(b'"', b).is_some() {
        return None;
    }
    let j = b.len() / 2 + memchr::memchr2(b'\n', b'\r', &b[b.len() / 2..])?;
    let at = if b[j] == b'\r' && b.get(j + 1) == Some(&b'\n') { j + 2 } else { j + 1 };
    (at < b.len()).then_some(at)
}

/// Rows to make room for at once (a growing vector would copy them several times): the line ends
/// in the first 64 KiB, scaled to the whole text, and a tenth more. Room never used costs no memory.
fn rows_estimate(text: &str) -> usize {
    let b = text.as_bytes();
    let head = &b[..b.len().min(1 << 16)];
    let lines = memchr::memchr2_iter(b'\n', b'\r', head).count().max(1);
    (lines as f64 * b.len() as f64 / head.len().max(1) as f64 * 1.1) as usize + 16
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> RawTable {
        let src = Source { name: "t.csv".into(), bytes: text.as_bytes().to_vec() };
        read_csv(&src, false, 25_000_000).unwrap()
    }

    /// Rows numbered as a spreadsheet shows them: lone CRs end rows, blank lines count, a line
    /// break inside quotes does not.
    #[test]
    fn rows_are_numbered_as_a_spreadsheet_shows_them() {
        let t = read("id,n\rA,1\r\rB,2\r");
        assert_eq!(t.row_numbers, [1, 2, 4]);
        let t = read("id,note\r\nA,\"two\r\nlines\"\r\n\r\nB,x\r\n");
        assert_eq!(t.row_numbers, [1, 2, 4]);
        assert_eq!(t.rows[1][1], Cell::text_of("two\r\nlines"));
        assert_eq!(t.rows[2], [Cell::text_of("B"), Cell::text_of("x")]);
    }

    /// A large file without quotes is read in two halves: its rows, their numbers and its cells are
    /// those of one read. Value i sits on row 2 + i + i / 1000 (a blank line after every 1000th).
    #[test]
    fn two_halves_number_rows_as_one_read() {
        let n = 200_000;
        let mut text = String::from("n,v\r");
        for i in 0..n {
            text.push_str(&format!("{i},  \r"));
            if i % 1000 == 999 {
                text.push('\r');
            }
        }
        assert!(split_point(&text).is_some(), "{} bytes are read in two halves", text.len());
        let t = read(&text);
        assert_eq!(t.rows.len(), n + 1);
        for i in [0, 998, 999, 1000, n / 2 - 1, n / 2, n / 2 + 1, n - 1] {
            assert_eq!(t.row_numbers[i + 1], 2 + i + i / 1000, "value {i}");
            assert_eq!(t.rows[i + 1], [Cell::text_of(i.to_string()), Cell::Empty]);
        }
        let whole = read_part(&text, b',', usize::MAX, 0).unwrap();
        assert_eq!(whole.row_numbers, t.row_numbers);
    }

    /// A CSV is read past a spreadsheet's 1,048,576 rows (analytics exports are longer).
    #[test]
    fn a_csv_is_not_cut_at_a_spreadsheets_rows() {
        let n = limits::MAX_ROWS as usize + 10;
        let mut text = String::with_capacity(n * 8);
        text.push_str("user\n");
        for i in 0..n {
            text.push_str(&i.to_string());
            text.push('\n');
        }
        let t = read_csv(
            &Source { name: "events.csv".into(), bytes: text.into_bytes() },
            false,
            25_000_000,
        )
        .unwrap();
        // The header and every one of the n rows, the last on line n + 1.
        assert_eq!(t.rows.len(), n + 1);
        assert_eq!(t.rows[n], vec![Cell::text_of((n - 1).to_string())]);
        assert_eq!(t.row_numbers[n], n + 1);
        assert!(t.note.is_none());
    }
}
