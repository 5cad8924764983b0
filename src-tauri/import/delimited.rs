//! CSV and TSV tables: decoded, the delimiter sniffed, every record a row numbered as a spreadsheet
//! would show it. A CSV has no row limit (it is no spreadsheet); the bound on values holds.

use super::cells::Cell;
use super::error::ImportError;
use super::limits;
use super::source::{RawTable, Source};
use super::text;

pub(super) fn read_csv(src: &Source, tsv: bool, max_cells: usize) -> Result<RawTable, ImportError> {
    let text = text::decode(&src.bytes);
    let delimiter = sniff_or_tab(&text, tsv);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut row_numbers = Vec::new();
    let (mut outside, mut cut, mut kept) = (0usize, None, 0usize);
    let starts = text::row_starts(&text, delimiter);
    for record in reader.records() {
        let record = record.map_err(|e| ImportError::File {
            file: src.name.clone(),
            reason: format!("not a readable CSV ({e})"),
        })?;
        // The row Excel shows: one per record, blank lines counted, any line end alike.
        let line = record
            .position()
            .map(|p| {
                // The reader may place a record at the line end before it (CRLF, blank lines).
                let at = p.byte() as usize;
                let skip = text.as_bytes()[at.min(text.len())..]
                    .iter()
                    .take_while(|b| matches!(b, b'\r' | b'\n'))
                    .count();
                starts.partition_point(|&s| s <= at + skip)
            })
            .unwrap_or(rows.len() + 1);
        // No row limit: a CSV is no spreadsheet (analytics exports run to millions of rows); the
        // bound on values (`max_cells`) still holds.
        outside += record.len().saturating_sub(limits::MAX_COLUMNS as usize);
        kept += record.len().min(limits::MAX_COLUMNS as usize);
        if kept > max_cells {
            return Err(ImportError::File {
                file: src.name.clone(),
                reason: limits::too_many_cells(),
            });
        }
        let row: Vec<Cell> = record
            .iter()
            .take(limits::MAX_COLUMNS as usize)
            .enumerate()
            .map(|(c, f)| {
                if f.trim().is_empty() {
                    return Cell::Empty;
                }
                let mut t = f.to_string();
                if let (Some(n), None) = (limits::cut_cell(&mut t), cut) {
                    cut = Some((line, c as u32, n));
                }
                Cell::Text(t)
            })
            .collect();
        rows.push(row);
        row_numbers.push(line);
    }
    Ok(RawTable {
        file: src.name.clone(),
        sheet: None,
        rows,
        row_numbers,
        decimal_comma: delimiter == b';',
        note: limits::left_out(outside, cut),
    })
}

fn sniff_or_tab(text: &str, tsv: bool) -> u8 {
    text::sniff_delimiter(text, tsv)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(t.rows[n], vec![Cell::Text((n - 1).to_string())]);
        assert_eq!(t.row_numbers[n], n + 1);
        assert!(t.note.is_none());
    }
}
