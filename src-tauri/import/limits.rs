//! Bounds on what a file may make the importer do, so that a damaged or hostile file fails fast with
//! a clear message instead of exhausting memory: the unpacked size of a workbook (zip bombs), the
//! rows and columns of a sheet and the characters of a cell (Excel's own limits).

use std::io::Cursor;

/// The most a workbook may unpack to. The 80,000-customer benchmark book (66 MB) unpacks to 485 MB.
pub const MAX_INFLATED: u64 = 2 << 30;
/// A part that unpacks to more than `RATIO_FLOOR` may not be more than this many times its packed
/// size: spreadsheets compress 5-20 times, zip bombs a thousand.
pub const MAX_RATIO: u64 = 200;
pub const RATIO_FLOOR: u64 = 100 << 20;
/// Excel's sheet size: rows and columns beyond it are not read.
pub const MAX_ROWS: u32 = 1_048_576;
pub const MAX_COLUMNS: u32 = 16_384;
/// The most values one sheet may hold (memory stays near 1.5 GB at worst); a larger sheet is refused
/// rather than read in part, which would make every total wrong. The 80,000-customer benchmark book's
/// largest sheet holds 4 million.
pub const MAX_SHEET_CELLS: usize = 25_000_000;
/// Excel's limit for one cell; longer text is cut to it.
pub const MAX_CELL_CHARS: usize = 32_767;

/// For a zip-based workbook (.xlsx, .xlsm, .xlsb, .ods): refuses one that would unpack to more than
/// the limits, reading only its directory. Files that are not zips pass (other readers judge them).
pub fn check_zip(bytes: &[u8]) -> Result<(), String> {
    if !bytes.starts_with(b"PK\x03\x04") {
        return Ok(());
    }
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let mut total: u64 = 0;
    for i in 0..zip.len() {
        let Ok(entry) = zip.by_index_raw(i) else { continue };
        let (packed, size) = (entry.compressed_size().max(1), entry.size());
        total = total.saturating_add(size);
        if size > RATIO_FLOOR && size / packed > MAX_RATIO {
            return Err(format!(
                "its part {} would unpack from {} to {} ({}x): a damaged file or a zip bomb, so it was not opened",
                entry.name().unwrap_or_default(),
                human(packed),
                human(size),
                size / packed
            ));
        }
    }
    if total > MAX_INFLATED {
        return Err(format!(
            "it would unpack to {}, more than the {} Northstar reads: a damaged file or a zip bomb, so it was not opened",
            human(total),
            human(MAX_INFLATED)
        ));
    }
    Ok(())
}

/// Cuts `text` to `MAX_CELL_CHARS` characters; the original length when it did.
pub fn cut_cell(text: &mut compact_str::CompactString) -> Option<usize> {
    if text.len() <= MAX_CELL_CHARS {
        return None; // bytes >= chars, so no cut is needed
    }
    let chars = text.chars().count();
    if chars <= MAX_CELL_CHARS {
        return None;
    }
    let end = text.char_indices().nth(MAX_CELL_CHARS).map(|(i, _)| i).unwrap_or(text.len());
    text.truncate(end);
    Some(chars)
}

/// What a reader left out, as one note: the cells outside the sheet size, and the first cell cut
/// (its 1-based row, 0-based column and length).
pub fn left_out(outside: usize, cut: Option<(usize, u32, usize)>) -> Option<String> {
    let mut notes = Vec::new();
    if outside > 0 {
        notes.push(format!(
            "{outside} cells beyond row {MAX_ROWS} or column {MAX_COLUMNS} (the size of a spreadsheet) were not read"
        ));
    }
    if let Some((row, col, n)) = cut {
        notes.push(format!("the cell in row {row}, column {} holds {n} characters; it was cut to {MAX_CELL_CHARS} (the most a spreadsheet cell holds)", column_name(col)));
    }
    (!notes.is_empty()).then(|| notes.join("; "))
}

/// Column letters as the user sees them: 0 -> A, 27 -> AB (and on past XFD).
pub fn column_name(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The message for a sheet past `MAX_SHEET_CELLS`.
pub fn too_many_cells() -> String {
    format!(
        "it holds more than {} million values, more than Northstar reads from one sheet; split it into several sheets or files",
        MAX_SHEET_CELLS / 1_000_000
    )
}

fn human(bytes: u64) -> String {
    if bytes >= 1 << 30 {
        format!("{:.1} GB", bytes as f64 / (1u64 << 30) as f64)
    } else {
        format!("{:.1} MB", bytes as f64 / (1u64 << 20) as f64)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_name_what_was_left_out() {
        assert_eq!(left_out(0, None), None);
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(27), "AB");
        assert_eq!(column_name(16_383), "XFD"); // Excel's last column
        assert_eq!(
            left_out(3, Some((2, 3, 40_000))).unwrap(),
            "3 cells beyond row 1048576 or column 16384 (the size of a spreadsheet) were not read; the cell in row 2, column D holds 40000 characters; it was cut to 32767 (the most a spreadsheet cell holds)"
        );
    }

    #[test]
    fn long_cells_are_cut_at_a_character_boundary() {
        let mut s = "é".repeat(MAX_CELL_CHARS + 5).into();
        assert_eq!(cut_cell(&mut s), Some(MAX_CELL_CHARS + 5));
        assert_eq!(s.chars().count(), MAX_CELL_CHARS);
        let mut short = "é".repeat(MAX_CELL_CHARS).into();
        assert_eq!(cut_cell(&mut short), None);
    }
}
