//! The extent of .xls and .ods sheets, measured before calamine reads them. calamine builds each
//! sheet of these formats as one dense grid (every row × every column between the first and the last
//! value), and for .xls it does so for every sheet as soon as the file is opened: a few bytes that
//! declare a far cell ask for hundreds of gigabytes and the process is killed, which no error handling
//! can catch. So the positions are read here first, cheaply, and a sheet whose grid would pass
//! `MAX_SHEET_CELLS` is refused by name. (.xlsx and .xlsb are streamed cell by cell instead.)

use super::limits::{MAX_COLUMNS, MAX_ROWS, MAX_SHEET_CELLS};
use quick_xml::events::{BytesStart, Event};
use std::io::{Cursor, Read};

/// A sheet too large to read: the message names it and its size.
fn too_large(sheet: &str, rows: u64, cols: u64) -> String {
    format!(
        "sheet {sheet}: its cells span {rows} rows × {cols} columns, more than the {} million Northstar reads from one sheet: a damaged file, or split it into several sheets or files",
        MAX_SHEET_CELLS / 1_000_000
    )
}

/// The bounding box of positions seen, and how many cells the reader will have built.
#[derive(Default)]
struct Span {
    rows: Option<(u64, u64)>,
    cols: Option<(u64, u64)>,
}

impl Span {
    fn add(&mut self, row: u64, col_first: u64, col_last: u64) {
        let r = self.rows.get_or_insert((row, row));
        *r = (r.0.min(row), r.1.max(row));
        let c = self.cols.get_or_insert((col_first, col_last));
        *c = (c.0.min(col_first), c.1.max(col_last));
    }
    fn size(&self) -> (u64, u64) {
        match (self.rows, self.cols) {
            (Some(r), Some(c)) => (r.1 - r.0 + 1, c.1 - c.0 + 1),
            _ => (0, 0),
        }
    }
}

fn u16_at(d: &[u8], i: usize) -> Option<u64> {
    d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]) as u64)
}

fn u32_at(d: &[u8], i: usize) -> Option<u64> {
    d.get(i..i + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as u64)
}

/// BIFF records from `pos`: (type, data), until the stream ends or a record is cut short.
fn records(stream: &[u8], mut pos: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let typ = u16_at(stream, pos)? as u16;
        let len = u16_at(stream, pos + 2)? as usize;
        let data = stream.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some((typ, data))
    })
}

/// For an .xls file: refuses a sheet whose cells, or whose declared dimensions, span more than
/// `MAX_SHEET_CELLS`, and a container too damaged to measure (calamine reads some of those and then
/// builds whatever grid the damage declares). Other files pass: calamine judges them.
pub fn check_xls(bytes: &[u8]) -> Result<(), String> {
    const CFB: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    if !bytes.starts_with(&CFB) {
        return Ok(());
    }
    let damaged = || {
        "not a readable spreadsheet: its internal structure is damaged (open it in Excel and save it again)".to_string()
    };
    let mut cfb = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| damaged())?;
    // calamine takes the first entry named Workbook (else Book), in any folder and any case: every
    // such stream is measured, so none can slip past. None at all: an encrypted .xlsx or another
    // Office file (calamine says which).
    let paths: Vec<std::path::PathBuf> = cfb
        .walk()
        .filter(|e| e.is_stream())
        .filter(|e| ["workbook", "book"].iter().any(|n| e.name().eq_ignore_ascii_case(n)))
        .map(|e| e.path().to_path_buf())
        .collect();
    for path in paths {
        let stream = cfb.open_stream(&path).map_err(|_| damaged())?;
        let mut data = Vec::new();
        // A stream cannot be longer than its file; the take guards a lying directory.
        stream.take(bytes.len() as u64).read_to_end(&mut data).map_err(|_| damaged())?;
        check_workbook_stream(&data)?;
    }
    Ok(())
}

/// One BIFF workbook stream: every sheet's declared and actual extent.
fn check_workbook_stream(data: &[u8]) -> Result<(), String> {
    // The globals substream lists the sheets (BoundSheet8: offset of its BOF, then its name).
    let mut sheets = Vec::new();
    for (typ, d) in records(data, 0) {
        match typ {
            // FilePass with a non-zero type: calamine asks for the password without reading cells.
            // (Type 0, XOR obfuscation, it reads on, so the check goes on too.)
            0x002F if u16_at(d, 0).unwrap_or(1) != 0 => return Ok(()),
            0x0085 => {
                if let Some(pos) = u32_at(d, 0) {
                    sheets.push((pos as usize, sheet_name(d, sheets.len())));
                }
            }
            0x000A => break,
            _ => {}
        }
    }
    for (pos, name) in sheets {
        let mut span = Span::default();
        let (mut seen_bof, mut depth) = (false, 0usize);
        // A String record (a formula's text result) lands at the last formula's position, (0, 0)
        // before any formula.
        let mut formula_at = (0u64, 0u64);
        for (typ, d) in records(data, pos) {
            // Embedded charts are nested substreams, skipped as calamine skips them.
            if depth > 0 {
                match typ {
                    0x0809 => depth += 1,
                    0x000A => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match typ {
                0x0809 if seen_bof => depth += 1,
                0x0809 => seen_bof = true,
                0x000A => break,
                // Dimensions: calamine reserves room for the declared grid before reading a cell.
                0x0200 => {
                    let (rows, cols) = declared_dimensions(d);
                    if rows.saturating_mul(cols) > MAX_SHEET_CELLS as u64 {
                        return Err(too_large(&name, rows, cols));
                    }
                }
                // Number, Label, RString, BoolErr, Rk, LabelSst, Formula: row then column.
                0x0203 | 0x0204 | 0x00D6 | 0x0205 | 0x027E | 0x00FD | 0x0006 => {
                    if let (Some(r), Some(c)) = (u16_at(d, 0), u16_at(d, 2)) {
                        span.add(r, c, c);
                        if typ == 0x0006 {
                            formula_at = (r, c);
                        }
                    }
                }
                0x0207 => span.add(formula_at.0, formula_at.1, formula_at.1),
                // MulRk: row, first column, ..., last column.
                0x00BD if d.len() >= 6 => {
                    if let (Some(r), Some(c0), Some(c1)) =
                        (u16_at(d, 0), u16_at(d, 2), u16_at(d, d.len() - 2))
                    {
                        span.add(r, c0, c1.max(c0));
                    }
                }
                _ => {}
            }
        }
        let (rows, cols) = span.size();
        if rows * cols > MAX_SHEET_CELLS as u64 {
            return Err(too_large(&name, rows, cols));
        }
    }
    Ok(())
}

/// The grid a Dimensions record declares, computed as calamine computes it (including its
/// wrap-around when the last row is before the first).
fn declared_dimensions(d: &[u8]) -> (u64, u64) {
    let fields = match d.len() {
        10 => (u16_at(d, 0), u16_at(d, 2), u16_at(d, 4), u16_at(d, 6)),
        14 | 16 => (u32_at(d, 0), u32_at(d, 4), u16_at(d, 8), u16_at(d, 10)),
        _ => return (0, 0),
    };
    let (Some(rf), Some(rl), Some(cf), Some(cl)) = fields else { return (0, 0) };
    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
    if rl == 0 || cl == 0 {
        return (1, 1);
    }
    let span = |first: u64, last: u64| ((last as u32).wrapping_sub(first as u32) as u64) + 1;
    (span(rf, rl - 1), span(cf, cl - 1))
}

/// A BoundSheet8 name (BIFF8: length, flags, Latin-1 or UTF-16; BIFF5: length, bytes); "sheet N"
/// when it cannot be read.
fn sheet_name(d: &[u8], index: usize) -> String {
    let fallback = || format!("{}", index + 1);
    let Some(&cch) = d.get(6) else { return fallback() };
    let cch = cch as usize;
    let name = match d.get(7) {
        Some(&flags) if flags & 1 == 1 => d.get(8..8 + 2 * cch).map(|b| {
            String::from_utf16_lossy(
                &b.chunks_exact(2).map(|p| u16::from_le_bytes([p[0], p[1]])).collect::<Vec<_>>(),
            )
        }),
        Some(0) => d.get(8..8 + cch).map(|b| b.iter().map(|&c| c as char).collect()),
        _ => d.get(7..7 + cch).map(|b| b.iter().map(|&c| c as char).collect()),
    };
    name.filter(|n: &String| !n.is_empty()).unwrap_or_else(fallback)
}

/// For an .ods file: refuses a sheet whose grid, with its repeated rows and columns expanded as
/// calamine expands them, would pass `MAX_SHEET_CELLS`. One quick pass over content.xml (it costs
/// about as much as calamine's own read, on a format our users rarely send).
pub fn check_ods(bytes: &[u8]) -> Result<(), String> {
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else { return Ok(()) };
    let Ok(content) = zip.by_name("content.xml") else { return Ok(()) };
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let mut buf = Vec::new();
    let mut sheet = Sheet::default();
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            // Damaged XML: calamine will say so.
            Err(_) => return Ok(()),
        };
        let has_content = matches!(event, Event::Start(_));
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().into_inner() == "table:table" => {
                sheet =
                    Sheet { name: attr(&e, "table:name").unwrap_or_default(), ..Sheet::default() };
            }
            Event::Start(e) if e.name().into_inner() == "table:table-row" => {
                sheet.start_row(repeats(&e, "table:number-rows-repeated"));
            }
            Event::Empty(e) if e.name().into_inner() == "table:table-row" => {
                sheet.start_row(repeats(&e, "table:number-rows-repeated"));
                sheet.end_row()?;
            }
            Event::End(e) if e.name().into_inner() == "table:table-row" => sheet.end_row()?,
            Event::Start(e) | Event::Empty(e)
                if matches!(
                    e.name().into_inner(),
                    "table:table-cell" | "table:covered-table-cell"
                ) =>
            {
                // A cell with content, or with any attribute but its style and repeat count (a type,
                // a value, a formula...), may hold a value: counting a few empty ones as values only
                // makes the bound safer.
                let valued = has_content
                    || e.attributes().flatten().any(|a| {
                        !matches!(
                            a.key.into_inner(),
                            "table:style-name" | "table:number-columns-repeated"
                        )
                    });
                sheet.cell(repeats(&e, "table:number-columns-repeated"), valued);
            }
            Event::End(e) if e.name().into_inner() == "table:table" => sheet.check()?,
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// What calamine will build for one .ods sheet, tracked row by row.
#[derive(Default)]
struct Sheet {
    name: String,
    /// Rows so far (repeats included, capped at the sheet size as calamine caps them).
    rows: u64,
    /// This row's repeat count, cells pushed, and empty cells not yet pushed.
    row_repeats: u64,
    row_cells: u64,
    pending_empty: u64,
    row_first: Option<u64>,
    row_last: u64,
    /// Cells calamine holds before expanding repeated rows.
    pushed: u64,
    /// Rows from the first row with a value to the last, columns likewise.
    first_row: Option<u64>,
    last_row_end: u64,
    cols: Option<(u64, u64)>,
}

impl Sheet {
    fn start_row(&mut self, repeats: u64) {
        self.row_repeats = repeats.min((MAX_ROWS as u64).saturating_sub(self.rows));
        (self.row_cells, self.pending_empty, self.row_first) = (0, 0, None);
    }
    fn cell(&mut self, repeats: u64, valued: bool) {
        let room = |used: u64| (MAX_COLUMNS as u64).saturating_sub(used);
        if !valued {
            self.pending_empty = repeats.min(room(self.row_cells));
            return;
        }
        self.row_cells += self.pending_empty.min(room(self.row_cells));
        self.pending_empty = 0;
        let n = repeats.min(room(self.row_cells));
        if n > 0 {
            self.row_first.get_or_insert(self.row_cells);
            self.row_last = self.row_cells + n - 1;
        }
        self.row_cells += n;
    }
    fn end_row(&mut self) -> Result<(), String> {
        self.pushed += self.row_cells;
        if let Some(first) = self.row_first {
            self.first_row.get_or_insert(self.rows);
            self.last_row_end = self.rows + self.row_repeats;
            let c = self.cols.get_or_insert((first, self.row_last));
            *c = (c.0.min(first), c.1.max(self.row_last));
        }
        self.rows += self.row_repeats;
        if self.pushed > MAX_SHEET_CELLS as u64 {
            return Err(too_large(&self.name, self.rows, MAX_COLUMNS as u64));
        }
        Ok(())
    }
    fn check(&self) -> Result<(), String> {
        if let (Some(first), Some((c0, c1))) = (self.first_row, self.cols) {
            let (rows, cols) = (self.last_row_end - first, c1 - c0 + 1);
            if rows.saturating_mul(cols) > MAX_SHEET_CELLS as u64 {
                return Err(too_large(&self.name, rows, cols));
            }
        }
        Ok(())
    }
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().map(|a| a.value.into_owned())
}

/// A repeat count (1 when absent; unreadable counts as 1, as it cannot grow the grid).
fn repeats(e: &BytesStart<'_>, name: &str) -> u64 {
    attr(e, name).and_then(|v| v.trim().parse().ok()).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declared_dimensions_are_read_as_calamine_reads_them() {
        let biff8 = |rf: u32, rl: u32, cf: u16, cl: u16| {
            let mut d = Vec::new();
            d.extend(rf.to_le_bytes());
            d.extend(rl.to_le_bytes());
            d.extend(cf.to_le_bytes());
            d.extend(cl.to_le_bytes());
            d.extend([0, 0]);
            d
        };
        // Rows 0..=9, columns 0..=2.
        assert_eq!(declared_dimensions(&biff8(0, 10, 0, 3)), (10, 3));
        // A first column past 255 counts from 0; an empty sheet is one cell.
        assert_eq!(declared_dimensions(&biff8(0, 10, 300, 400)), (10, 400));
        assert_eq!(declared_dimensions(&biff8(0, 0, 0, 0)), (1, 1));
        // A last row before the first wraps around, as calamine's arithmetic does.
        assert_eq!(declared_dimensions(&biff8(5, 3, 0, 1)), (u32::MAX as u64 - 1, 1));
    }

    fn record(typ: u16, data: &[u8]) -> Vec<u8> {
        let mut r = typ.to_le_bytes().to_vec();
        r.extend((data.len() as u16).to_le_bytes());
        r.extend(data);
        r
    }

    /// A workbook stream of one sheet "S" holding `cells` (BIFF8 records).
    fn workbook(cells: &[Vec<u8>]) -> Vec<u8> {
        workbook_with(&[], cells)
    }

    /// The same, with `globals` records after the workbook's BOF.
    fn workbook_with(globals: &[u8], cells: &[Vec<u8>]) -> Vec<u8> {
        let bof = record(0x0809, &[0, 6, 0x10, 0, 0, 0, 0, 0]);
        let eof = record(0x000A, &[]);
        let sheet_rec = |pos: u32| {
            let mut d = pos.to_le_bytes().to_vec();
            d.extend([0, 0, 1, 0, b'S']);
            record(0x0085, &d)
        };
        let globals_len = (bof.len() + globals.len() + sheet_rec(0).len() + eof.len()) as u32;
        let mut s =
            [bof.clone(), globals.to_vec(), sheet_rec(globals_len), eof.clone(), bof].concat();
        for c in cells {
            s.extend(c);
        }
        s.extend(eof);
        s
    }

    fn number(row: u16, col: u16) -> Vec<u8> {
        let mut d = row.to_le_bytes().to_vec();
        d.extend(col.to_le_bytes());
        d.extend([0u8; 10]);
        record(0x0203, &d)
    }

    /// A formula's string result lands at (0, 0) before any formula, as calamine places it; an XOR-
    /// obfuscated file (FilePass type 0) is read by calamine, so it is measured too.
    #[test]
    fn string_records_and_xor_files_are_measured() {
        assert!(check_workbook_stream(&workbook(&[number(65_535, 65_535)])).is_ok());
        let with_string = workbook(&[number(65_535, 65_535), record(0x0207, &[0, 0])]);
        assert_eq!(
            check_workbook_stream(&with_string).unwrap_err(),
            too_large("S", 65_536, 65_536)
        );
        let far = [number(0, 0), number(65_535, 65_535)];
        let xor = workbook_with(&record(0x002F, &[0, 0, 0, 0, 0, 0]), &far);
        assert!(check_workbook_stream(&xor).is_err());
        let rc4 = workbook_with(&record(0x002F, &[1, 0, 0, 0, 0, 0]), &far);
        assert!(check_workbook_stream(&rc4).is_ok());
    }

    /// calamine finds a Workbook stream in any folder: so does the check.
    #[test]
    fn a_workbook_stream_in_a_folder_is_measured() {
        let mut cfb = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        cfb.create_storage("/sub").unwrap();
        let mut s = cfb.create_stream("/sub/WORKBOOK").unwrap();
        std::io::Write::write_all(&mut s, &workbook(&[number(0, 0), number(65_535, 65_535)]))
            .unwrap();
        drop(s);
        let bytes = cfb.into_inner().into_inner();
        assert_eq!(check_xls(&bytes).unwrap_err(), too_large("S", 65_536, 65_536));
    }

    /// An .ods cell with a formula (and no type) counts as a value.
    #[test]
    fn ods_formula_cells_count() {
        let row = r#"<table:table-row><table:table-cell table:formula="of:=1" table:number-columns-repeated="16384"/></table:table-row>"#;
        let content = format!(
            r#"<office:document-content xmlns:office="o" xmlns:table="t"><office:body><office:spreadsheet><table:table table:name="F">{}</table:table></office:spreadsheet></office:body></office:document-content>"#,
            row.repeat(2000)
        );
        let mut out = Vec::new();
        let mut z = zip::ZipWriter::new(Cursor::new(&mut out));
        z.start_file("content.xml", zip::write::SimpleFileOptions::default()).unwrap();
        std::io::Write::write_all(&mut z, content.as_bytes()).unwrap();
        z.finish().unwrap();
        assert!(check_ods(&out).unwrap_err().starts_with("sheet F: its cells span "));
    }

    #[test]
    fn ods_rows_and_columns_are_counted_as_calamine_expands_them() {
        let mut s = Sheet { name: "S".into(), ..Sheet::default() };
        // An empty row repeated 10 times, then a row: 2 empty cells, a value repeated 3 times, 100
        // trailing empty cells (never pushed); then the same row repeated 4 times.
        s.start_row(10);
        s.end_row().unwrap();
        for repeats in [1, 4] {
            s.start_row(repeats);
            s.cell(2, false);
            s.cell(3, true);
            s.cell(100, false);
            s.end_row().unwrap();
        }
        assert_eq!((s.first_row, s.last_row_end, s.cols), (Some(10), 15, Some((2, 4))));
        assert_eq!(s.pushed, 10);
        assert!(s.check().is_ok());
        // A value across all 16,384 columns in 1,600 rows: 26 million cells.
        let mut s = Sheet { name: "Wide".into(), ..Sheet::default() };
        s.start_row(1600);
        s.cell(1 << 20, true);
        s.end_row().unwrap();
        assert_eq!(s.check().unwrap_err(), too_large("Wide", 1600, 16_384));
    }
}
