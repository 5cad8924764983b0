//! A long usage log (an analytics export of millions of sessions) read straight from its text into
//! usage records, with no table of cells in between: the cells of two million rows cost more than
//! everything else the import does with them.
//!
//! Only a plain log takes this path: UTF-8 text without quotes, the header on the first line, and every
//! row exactly as wide as the header, with a user id, an ISO date (`2024-03-05`, `2024-03-05 10:00`), a
//! duration that is a plain number, no total row, no blank line and no cell near Excel's length limit.
//! Its header is recognised as every table's is (the first rows as cells, the same detection), and each
//! of its rows gives the record the general path would give (the short parsers are those the general
//! path tries first). The first row that is not plain — a slashed or bad date, a total, a quote — sends
//! the whole file down the general path, which reads it as before, with its issues and warnings.

use super::cells::{is_blank, plain_number, trimmed};
use super::dates::{plain_iso, YEARS};
use super::footer::is_total_label;
use super::headers::{Mapping, TableKind};
use super::source::{RawTable, Source};
use super::{delimited, kinds, limits, mapping, remember, table, text, ImportSettings};
use crate::model::Usage;
use compact_str::CompactString;
use rust_decimal::Decimal;
use std::mem::MaybeUninit;

/// Smaller files go down the general path (this one saves nothing on them).
pub const FROM_BYTES: usize = 1 << 20;
/// The rows read as cells to recognise the table (the header detection looks at the first 20).
const HEAD_ROWS: usize = 64;
/// Wider tables are no plain usage log.
const MAX_WIDTH: usize = 32;

/// A usage log read from its text: its first rows as cells (for the detection and the import
/// report), and one record per data row.
pub struct PlainUsage {
    pub head: RawTable,
    pub records: Vec<Usage>,
}

/// Where the four columns a usage record reads are, and how to read them.
struct Columns {
    width: usize,
    user: usize,
    date: usize,
    customer: Option<usize>,
    seconds: Option<usize>,
    delimiter: u8,
    decimal_comma: bool,
    factor: Decimal,
}

/// The file as a plain usage log, or None for the general path.
pub fn read(src: &Source, settings: &ImportSettings) -> Option<PlainUsage> {
    let tsv = super::source::is_text_file(&src.name)?;
    if src.bytes.len() < FROM_BYTES || memchr::memchr(b'"', &src.bytes).is_some() {
        return None;
    }
    let text = text::decode(&src.bytes);
    let delimiter = text::sniff_delimiter(&text, tsv);
    let header_end = memchr::memchr(b'\n', text.as_bytes())? + 1;
    // The header and the first rows, read as every CSV is read, recognised as every table is.
    let head_end = memchr::memchr_iter(b'\n', text.as_bytes()).nth(HEAD_ROWS)? + 1;
    let head = delimited::read_text(&src.name, &text[..head_end], delimiter, usize::MAX).ok()?;
    let columns = recognise(&head, settings, delimiter)?;
    let records = parse(&text[header_end..], &columns)?;
    // The bound on values holds here too (the general path refuses the file, saying so).
    ((records.len() + 1) * columns.width <= limits::MAX_SHEET_CELLS).then_some(())?;
    Some(PlainUsage { head, records })
}

/// The columns of `head` when it is a usage log the plain reader can read: its header on the first
/// line, recognised without a correction or an export's rules, nothing to warn about.
fn recognise(head: &RawTable, settings: &ImportSettings, delimiter: u8) -> Option<Columns> {
    if head.note.is_some() || head.row_numbers.first() != Some(&1) {
        return None;
    }
    if remember::choose(&settings.mapping, &settings.remembered, head).is_some() {
        return None;
    }
    let name = format!("{} ", head.file);
    let map: Mapping = mapping::detect(head, &name, None).ok()??;
    let width = head.rows[0].len();
    let plain = map.kind == TableKind::Usage
        && map.header_top == 0
        && map.header_row == 0
        && map.months.is_empty()
        && map.source.is_none()
        && (2..=MAX_WIDTH).contains(&width)
        && head.rows.iter().all(|r| r.len() == width);
    if !plain {
        return None;
    }
    let mut warnings = Vec::new();
    let t = table::Table::new(head, &map, settings, &mut warnings);
    if !warnings.is_empty() || t.skips_any() {
        return None;
    }
    Some(Columns {
        width,
        user: map.col("user_id")?,
        date: map.col("date")?,
        customer: map.col("customer_id"),
        seconds: map.col("session_seconds"),
        delimiter,
        decimal_comma: settings.decimal_comma.unwrap_or(delimiter == b';'),
        factor: kinds::usage_factor(&t),
    })
}

/// Every line of `body` as a record, on two threads (each writing its own part of the one list);
/// None at the first line that is not plain.
fn parse(body: &str, c: &Columns) -> Option<Vec<Usage>> {
    let b = body.as_bytes();
    // The halves meet just after a line end: every line lies whole in one of them.
    let mid = match memchr::memchr(b'\n', &b[b.len() / 2..]) {
        Some(j) => b.len() / 2 + j + 1,
        None => b.len(),
    };
    let (first, second) = body.split_at(mid);
    let (n1, n2) = std::thread::scope(|s| {
        let n2 = s.spawn(|| lines(second));
        (lines(first), n2.join().unwrap_or(0))
    });
    let mut out: Vec<Usage> = Vec::with_capacity(n1 + n2);
    let (room1, room2) = out.spare_capacity_mut().split_at_mut(n1);
    let (ok1, ok2) = std::thread::scope(|s| {
        let ok2 = s.spawn(|| fill(second, c, &mut room2[..n2]));
        (fill(first, c, room1), ok2.join().unwrap_or(false))
    });
    match (ok1, ok2) {
        // SAFETY: `fill` returned true for both halves: it wrote every one of the n1 + n2 slots.
        (true, true) => unsafe { out.set_len(n1 + n2) },
        (true, false) => drop_all(room1),
        (false, true) => drop_all(&mut room2[..n2]),
        (false, false) => {}
    }
    (ok1 && ok2).then_some(out)
}

/// The lines of a stretch: its line ends, and a last line without one.
fn lines(text: &str) -> usize {
    let b = text.as_bytes();
    memchr::memchr_iter(b'\n', b).count() + usize::from(b.last().is_some_and(|&l| l != b'\n'))
}

/// Writes the record of each line of `text` into `room` (one slot per line) and returns true; on a line
/// that is not plain, drops the records written and returns false.
fn fill(text: &str, c: &Columns, room: &mut [MaybeUninit<Usage>]) -> bool {
    let mut written = 0;
    let mut start = 0;
    let b = text.as_bytes();
    while start < b.len() {
        let end = memchr::memchr(b'\n', &b[start..]).map_or(b.len(), |j| start + j);
        let line = &text[start..end];
        start = end + 1;
        match (record(line, c), room.get_mut(written)) {
            (Some(r), Some(slot)) => {
                slot.write(r);
                written += 1;
            }
            _ => {
                drop_all(&mut room[..written]);
                return false;
            }
        }
    }
    if written != room.len() {
        drop_all(&mut room[..written]);
        return false;
    }
    true
}

fn drop_all(written: &mut [MaybeUninit<Usage>]) {
    for r in written {
        // SAFETY: callers pass only slots `fill` wrote.
        unsafe { r.assume_init_drop() };
    }
}

/// One line as the general path would read its row, or None when the line is not plain.
fn record(line: &str, c: &Columns) -> Option<Usage> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    // A blank line, a lone CR (a line end to a spreadsheet), or a cell that could reach Excel's
    // length limit: the general path knows what to make of them.
    if line.is_empty()
        || line.len() > limits::MAX_CELL_CHARS
        || memchr::memchr(b'\r', line.as_bytes()).is_some()
    {
        return None;
    }
    // The fields between the delimiters (a byte search: `str::split` compares each match again).
    let mut fields = [""; MAX_WIDTH];
    let (mut n, mut from) = (0, 0);
    for at in memchr::memchr_iter(c.delimiter, line.as_bytes()) {
        *fields.get_mut(n)? = &line[from..at];
        (n, from) = (n + 1, at + 1);
    }
    *fields.get_mut(n)? = &line[from..];
    n += 1;
    if n != c.width {
        return None;
    }
    let fields = &fields[..n];
    let text = |f: &str| (!is_blank(f)).then(|| CompactString::from(trimmed(f)));
    // A total row (its customer, else its first value, says `Total`) is no usage.
    let id = c
        .customer
        .map(|col| fields[col])
        .filter(|f| !is_blank(f))
        .or_else(|| fields.iter().copied().find(|f| !is_blank(f)))?;
    if is_total_label(id) {
        return None;
    }
    let at = plain_iso(trimmed(fields[c.date]))
        .filter(|d| YEARS.contains(&chrono::Datelike::year(d)))?;
    let seconds = match c.seconds.map(|col| fields[col]).filter(|f| !is_blank(f)) {
        None => None,
        Some(f) => Some(plain_number(f, c.decimal_comma)? * c.factor),
    };
    Some(Usage {
        user_id: text(fields[c.user])?,
        customer_id: c.customer.and_then(|col| text(fields[col])),
        at,
        seconds,
    })
}

#[cfg(test)]
mod tests {
    use super::super::{import_once, Control, Imported};
    use super::*;
    use chrono::NaiveDate;

    /// A usage log of `n` rows (about 40 bytes each, over a megabyte from 30,000), with `line` changing
    /// the text of any row: row i is user u{i}, customer C{i % 500} (blank every 7th), March (i % 28 + 1)
    /// 2024 at 10:(i % 60), i % 90 / 2 minutes (blank every 11th).
    fn log(n: usize, end: &str, line: impl Fn(usize, String) -> String) -> String {
        let mut text = format!("User ID,Customer ID,Date,Duration (min){end}");
        for i in 0..n {
            let customer = if i % 7 == 3 { String::new() } else { format!("C{}", i % 500) };
            let minutes = if i % 11 == 5 {
                String::new()
            } else {
                format!("{}", Decimal::new(i as i64 % 90, 0) / Decimal::TWO)
            };
            let row =
                format!("u{i},{customer},2024-03-{:02} 10:{:02},{minutes}", i % 28 + 1, i % 60);
            text.push_str(&line(i, row));
            text.push_str(end);
        }
        text
    }

    type Line = dyn Fn(usize, String) -> String;

    /// Whether the plain reader takes the file, and the import with it and without it.
    fn both(name: &str, text: String) -> (bool, Imported, Imported) {
        let settings = ImportSettings::default();
        let src = Source { name: name.into(), bytes: text.into_bytes() };
        let taken = read(&src, &settings).is_some();
        let run = |plain| {
            import_once(std::slice::from_ref(&src), &settings, Control::default(), plain).unwrap()
        };
        (taken, run(true), run(false))
    }

    /// The plain reader's records and report are the general path's, to the byte of the report.
    fn same(fast: &Imported, general: &Imported) {
        assert_eq!(fast.dataset.usage.len(), general.dataset.usage.len());
        assert!(fast.dataset.usage == general.dataset.usage, "the same records in the same order");
        assert_eq!(fast.dataset.has_usage, general.dataset.has_usage);
        assert_eq!(
            serde_json::to_value(&fast.report).unwrap(),
            serde_json::to_value(&general.report).unwrap()
        );
    }

    #[test]
    fn a_plain_log_gives_the_general_paths_records_and_report() {
        let n = 40_000;
        // Spaces around some ids are trimmed as the general path trims them.
        let text =
            log(n, "\r\n", |i, row| if i % 13 == 0 { row.replacen(',', " ,", 1) } else { row });
        assert!(text.len() > FROM_BYTES);
        let (taken, fast, general) = both("usage.csv", text);
        assert!(taken);
        same(&fast, &general);
        let u = &fast.dataset.usage;
        assert_eq!(u.len(), n);
        // Row 0: u0, C0, 2024-03-01 10:00, no minutes (0 / 2 = 0 minutes, not blank).
        assert_eq!(u[0].user_id, "u0");
        assert_eq!(u[0].customer_id.as_deref(), Some("C0"));
        assert_eq!(
            u[0].at,
            NaiveDate::from_ymd_opt(2024, 3, 1).unwrap().and_hms_opt(10, 0, 0).unwrap()
        );
        assert_eq!(u[0].seconds, Some(Decimal::ZERO));
        // Row 3: no customer; 3 / 2 = 1.5 minutes = 90 seconds. Row 5: no duration.
        assert_eq!((u[3].customer_id.as_deref(), u[3].seconds), (None, Some(Decimal::from(90))));
        assert_eq!(u[5].seconds, None);
        // The last row: u39999, C499, March 16 (39999 % 28 = 15), 10:39, 39999 % 90 = 39 → 19.5 min.
        let last = &u[n - 1];
        assert_eq!((last.user_id.as_str(), last.customer_id.as_deref()), ("u39999", Some("C499")));
        assert_eq!(
            last.at,
            NaiveDate::from_ymd_opt(2024, 3, 16).unwrap().and_hms_opt(10, 39, 0).unwrap()
        );
        assert_eq!(last.seconds, Some(Decimal::from(1170)));
        let t = &fast.report.tables[0];
        assert_eq!((t.rows_read, t.rows_used, t.rows_skipped, t.header_row), (n, n, 0, Some(1)));
    }

    /// Line ends as Unix writes them, the last line without one; tab- and semicolon-separated logs.
    #[test]
    fn unix_line_ends_tabs_and_semicolons_read_alike() {
        let mut text = log(40_000, "\n", |_, row| row);
        text.pop();
        let (taken, fast, general) = both("usage.csv", text);
        assert!(taken);
        same(&fast, &general);
        // Semicolons mean a decimal comma: whole minutes there (`1,5` is left to the general path).
        for (name, d) in [("usage.tsv", "\t"), ("usage.csv", ";")] {
            let text = log(40_000, "\n", |_, row| row).replace(".5", "").replace(',', d);
            let (taken, fast, general) = both(name, text);
            assert!(taken, "{name} {d:?}");
            same(&fast, &general);
        }
    }

    /// Each row that is not plain sends the file down the general path, which gives its issues,
    /// warnings and records as before.
    #[test]
    fn a_row_that_is_not_plain_sends_the_file_down_the_general_path() {
        let cases: [(&str, Box<Line>); 9] = [
            (
                "a total row last",
                Box::new(|i, row| if i == 39_999 { "Total,,,1234".into() } else { row }),
            ),
            (
                "a slashed date",
                Box::new(|i, row| if i == 100 { "u100,C1,03/05/2024,3".into() } else { row }),
            ),
            (
                "a bad date in the second half",
                Box::new(|i, row| if i == 30_000 { "u1,C1,someday,3".into() } else { row }),
            ),
            (
                "a year out of range",
                Box::new(|i, row| if i == 5 { "u5,C5,1850-01-01,3".into() } else { row }),
            ),
            ("a blank line", Box::new(|i, row| if i == 20_000 { String::new() } else { row })),
            (
                "a row too short",
                Box::new(|i, row| if i == 7 { "u7,C7,2024-03-01".into() } else { row }),
            ),
            (
                "a quoted value",
                Box::new(|i, row| if i == 9 { "\"u9\",C9,2024-03-01,1".into() } else { row }),
            ),
            (
                "a duration with a unit",
                Box::new(|i, row| if i == 11 { "u11,C11,2024-03-01,3 min".into() } else { row }),
            ),
            (
                "a negative duration",
                Box::new(|i, row| if i == 12 { "u12,C12,2024-03-01,-3".into() } else { row }),
            ),
        ];
        for (what, line) in cases {
            let (taken, fast, general) = both("usage.csv", log(40_000, "\r\n", line));
            assert!(!taken, "{what}");
            same(&fast, &general);
        }
        // A title line above the header, and a table of another kind.
        let titled = format!("Usage export\r\n{}", log(40_000, "\r\n", |_, row| row));
        assert!(!both("usage.csv", titled).0);
        let mut orders = String::from("Customer ID,Order Date,Amount\n");
        for i in 0..60_000 {
            orders.push_str(&format!("C{},2024-03-{:02},{}.50\n", i % 900, i % 28 + 1, i % 70));
        }
        let (taken, fast, general) = both("orders.csv", orders);
        assert!(!taken);
        assert_eq!(fast.dataset.orders.len(), general.dataset.orders.len());
    }
}
