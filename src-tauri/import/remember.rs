//! Remembered corrections (exports.md §10). A correction (kind, header row, column mapping) is kept
//! with its table's header signature: the set of the normalised header cells, order and blanks
//! ignored, wide month columns as one `<months>`, a header over several rows combined per column.
//! Any later table whose header has the same set gets it, whatever its file, folder or sheet is
//! called: next month's export is recognised without asking again.
//!
//! Order: a `--mapping` entry naming the file, then one naming the headers, then the newest
//! remembered correction, then recognition (exports.md §1) and scoring (workbook.md).

use super::cells::Cell;
use super::dates::parse_month_header;
use super::error::ImportError;
use super::exports::mapping::is_import_id;
use super::headers::{normalise, Header, Unit};
use super::mapping::{self, TableOverride};
use super::source::{self, RawTable, Source};
use serde::Serialize;

/// What every wide month column of a header stands for in its signature.
pub const MONTHS: &str = "<months>";

/// A header starts in the first 20 rows (as detection looks for it) and spans at most four: three
/// rows of merged cells, and a second header line under survey questions.
const HEADER_ROWS: usize = 20;
const MAX_SPAN: usize = 4;

/// A correction the app stored. The import gets them newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Remembered {
    /// The correction; its `headers` are the signature it was saved with.
    pub correction: TableOverride,
    /// When it was saved (RFC 3339, UTC).
    pub saved_at: String,
}

/// The correction a table gets, and how it was found (for the import report).
#[derive(Debug, Clone)]
pub struct Applied {
    /// The correction to apply (a header row it names moved to where this table's header is).
    pub correction: TableOverride,
    /// "file" (a mapping entry naming the file), "headers" (one naming the headers) or
    /// "remembered" (a stored correction).
    pub how: &'static str,
    /// When a remembered correction was saved.
    pub saved_at: Option<String>,
    /// The signature it was found by: what the app's Undo forgets.
    pub headers: Option<Vec<String>>,
}

/// A normalised header as a signature element: its base, with its unit in words when it has one
/// (`Duration (hours)` and `Duration (minutes)` are different columns; every currency is one).
fn element(h: &Header) -> String {
    if h.base.is_empty() {
        return String::new();
    }
    let unit = match h.unit {
        None => return h.base.clone(),
        Some(Unit::Currency) => "currency",
        Some(Unit::Seconds) => "seconds",
        Some(Unit::Minutes) => "minutes",
        Some(Unit::Hours) => "hours",
        Some(Unit::Months) => "months",
        Some(Unit::Years) => "years",
    };
    format!("{} ({unit})", h.base)
}

/// A set as a sorted list without blanks or repeats.
fn finish(mut v: Vec<String>) -> Vec<String> {
    v.retain(|e| !e.is_empty());
    v.sort();
    v.dedup();
    v
}

/// The signature of header texts as a user writes them (a `--mapping` entry's `headers`; a month
/// such as `Jan 2024`, or `<months>`, is a wide month column). A signature given again is unchanged.
pub fn of_texts(texts: &[String]) -> Vec<String> {
    finish(
        texts
            .iter()
            .map(|t| {
                if t.trim() == MONTHS || parse_month_header(&Cell::text_of(t.as_str())).is_some() {
                    MONTHS.to_string()
                } else {
                    element(&normalise(t))
                }
            })
            .collect(),
    )
}

/// One header cell read once: None when blank (or a Qualtrics ImportId line, which names nothing).
#[derive(Clone)]
enum HeadCell {
    Month,
    Text(Header),
}

fn head_cells(row: &[Cell]) -> Vec<Option<HeadCell>> {
    row.iter()
        .map(|c| {
            if c.is_empty() || is_import_id(c) {
                None
            } else if parse_month_header(c).is_some() {
                Some(HeadCell::Month)
            } else {
                c.text().map(|t| HeadCell::Text(normalise(&t)))
            }
        })
        .collect()
}

/// The signature of the header rows given (read by `head_cells`) as one header: per column, its
/// non-blank cells top to bottom joined by a space (`Billing` over `Amount` is `billing amount`); a
/// column whose lowest cell names a month is `<months>`, as detection reads it.
fn of_heads(block: &[Vec<Option<HeadCell>>]) -> Vec<String> {
    let width = block.iter().map(|r| r.len()).max().unwrap_or(0);
    finish(
        (0..width)
            .map(|c| {
                let cells: Vec<&HeadCell> =
                    block.iter().filter_map(|r| r.get(c).and_then(|x| x.as_ref())).collect();
                match cells.last() {
                    None => String::new(),
                    Some(HeadCell::Month) => MONTHS.to_string(),
                    Some(HeadCell::Text(last)) => {
                        let base: Vec<&str> = cells
                            .iter()
                            .filter_map(|x| match x {
                                HeadCell::Text(h) if !h.base.is_empty() => Some(h.base.as_str()),
                                _ => None,
                            })
                            .collect();
                        element(&Header { base: base.join(" "), unit: last.unit })
                    }
                }
            })
            .collect(),
    )
}

/// The signature of rows `top..=bottom` of a table read as its header.
pub fn of_block(rows: &[Vec<Cell>], top: usize, bottom: usize) -> Vec<String> {
    let Some(block) = rows.get(top..=bottom) else { return Vec::new() };
    of_heads(&block.iter().map(|r| head_cells(r)).collect::<Vec<_>>())
}

/// Every header the table may have, as (index of its last row, signature): each block of up to
/// `MAX_SPAN` rows that starts on a non-blank row among the first `HEADER_ROWS`. Each row's cells
/// are normalised once.
fn candidates(raw: &RawTable) -> Vec<(usize, Vec<String>)> {
    let end = raw.rows.len().min(HEADER_ROWS + MAX_SPAN - 1);
    let heads: Vec<Vec<Option<HeadCell>>> = raw.rows[..end].iter().map(|r| head_cells(r)).collect();
    let mut out = Vec::new();
    for top in 0..heads.len().min(HEADER_ROWS) {
        if heads[top].iter().all(|c| c.is_none()) {
            continue;
        }
        for bottom in top..(top + MAX_SPAN).min(heads.len()) {
            out.push((bottom, of_heads(&heads[top..=bottom])));
        }
    }
    out
}

/// The correction with a header row it names moved to this table's header, which may sit lower or
/// higher than in the file it was made on (a title line more above it).
fn pinned(ov: &TableOverride, raw: &RawTable, bottom: usize) -> TableOverride {
    let mut c = ov.clone();
    if c.header_row.is_some() {
        c.header_row = raw.row_numbers.get(bottom).copied();
    }
    c
}

/// The correction for a table: an entry of `explicit` (`--mapping`, or a file's stored entries)
/// naming its file and sheet; else one naming headers its header has; else the first (newest) of
/// `remembered` whose signature its header has. An entry that only includes a hidden sheet corrects
/// nothing, so the others still apply to that sheet.
pub fn choose(
    explicit: &[TableOverride],
    remembered: &[Remembered],
    raw: &RawTable,
) -> Option<Applied> {
    let by_file = explicit.iter().filter(|o| o.file.is_some() && !o.is_include_only());
    if let Some(ov) = mapping::find(&by_file.cloned().collect::<Vec<_>>(), &raw.file, &raw.sheet) {
        return Some(Applied {
            correction: ov.clone(),
            how: "file",
            saved_at: None,
            headers: None,
        });
    }
    let named: Vec<&TableOverride> = explicit.iter().filter(|o| o.file.is_none()).collect();
    if named.is_empty() && remembered.is_empty() {
        return None;
    }
    let cands = candidates(raw);
    let at = |sig: &[String]| cands.iter().find(|c| c.1 == sig).map(|c| c.0);
    for ov in named {
        let sig = of_texts(ov.headers.as_deref().unwrap_or_default());
        if let Some(bottom) = at(&sig) {
            return Some(Applied {
                correction: pinned(ov, raw, bottom),
                how: "headers",
                saved_at: None,
                headers: Some(sig),
            });
        }
    }
    for r in remembered {
        let sig = of_texts(r.correction.headers.as_deref().unwrap_or_default());
        if let Some(bottom) = at(&sig) {
            return Some(Applied {
                correction: pinned(&r.correction, raw, bottom),
                how: "remembered",
                saved_at: Some(r.saved_at.clone()),
                headers: Some(sig),
            });
        }
    }
    None
}

/// The header signature of the table of `src` that `ov` names by file (and sheet), its header as
/// the correction places it: what the app stores the correction with. An entry naming headers
/// already has its signature. Err when the file has no such table or the correction does not fit it
/// (then nothing should be stored).
pub fn signature_in(src: &Source, ov: &TableOverride) -> Result<Vec<String>, ImportError> {
    if let Some(h) = &ov.headers {
        return Ok(of_texts(h));
    }
    let fail = |reason: String| ImportError::Mapping {
        file: src.name.clone(),
        sheet: ov.sheet.clone(),
        reason,
    };
    let mut found: Option<RawTable> = None;
    // The sheet corrected may be a hidden one the user included.
    source::for_each_table(src, &|s| ov.sheet.as_deref() == Some(s), &mut |t| {
        if found.is_none() && mapping::find(std::slice::from_ref(ov), &t.file, &t.sheet).is_some() {
            found = Some(t);
        }
        Ok(())
    })?;
    let raw = found.ok_or_else(|| fail("the file has no such table".into()))?;
    let name = format!("{} {}", raw.file, raw.sheet.clone().unwrap_or_default());
    let map = mapping::detect(&raw, &name, Some(ov))
        .map_err(fail)?
        .ok_or_else(|| fail("the table is not recognised; give its kind in the mapping".into()))?;
    Ok(of_block(&raw.rows, map.header_top, map.header_row))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(file: &str, rows: &[&[&str]]) -> RawTable {
        RawTable {
            file: file.into(),
            sheet: None,
            rows: rows.iter().map(|r| r.iter().map(|c| Cell::text_of(*c)).collect()).collect(),
            row_numbers: (1..=rows.len()).collect(),
            decimal_comma: false,
            note: None,
        }
    }

    fn ov(json: &str) -> TableOverride {
        serde_json::from_str(json).unwrap()
    }

    fn texts(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    fn remembered(json: &str, at: &str) -> Remembered {
        Remembered { correction: ov(json), saved_at: at.into() }
    }

    #[test]
    fn a_signature_ignores_order_blanks_spelling_and_which_months() {
        let may =
            table("m.csv", &[&["Client", "", "Bill_Month", "Rev (EUR)", "Jan 2024", "Feb 2024"]]);
        let june =
            table("j.csv", &[&["Mar 2024", "rev (USD)", "bill month", "Apr 2024", "CLIENT"]]);
        let sig = of_block(&may.rows, 0, 0);
        assert_eq!(sig, ["<months>", "bill month", "client", "rev (currency)"]);
        assert_eq!(of_block(&june.rows, 0, 0), sig);
        // As a user writes them, and a signature given again, it is the same set.
        assert_eq!(of_texts(&texts(&["Rev (EUR)", "Client", "Bill month", "Jan 2024"])), sig);
        assert_eq!(of_texts(&sig), sig);
        // A unit of time is part of the header.
        assert_ne!(
            of_texts(&texts(&["Handle time (hours)"])),
            of_texts(&texts(&["Handle time (minutes)"]))
        );
    }

    #[test]
    fn a_header_over_two_rows_is_combined_per_column() {
        // `Account` merged over A1:A2; `Billing` over B1:C1 above `Amount` and `Date`.
        let raw = table(
            "x.csv",
            &[&["Account", "Billing", "", "Usage"], &["", "Amount", "Date", "Hours"]],
        );
        assert_eq!(of_block(&raw.rows, 0, 1), ["account", "billing amount", "date", "usage hours"]);
        // Qualtrics' ImportId line names nothing.
        let q = table(
            "q.csv",
            &[
                &["ResponseId", "Q1"],
                &["Response ID", "How likely?"],
                &["{\"ImportId\":\"_recordId\"}", "{\"ImportId\":\"QID1\"}"],
            ],
        );
        assert_eq!(of_block(&q.rows, 0, 2), ["q1 how likely?", "response id response id"]);
    }

    #[test]
    fn precedence_file_entry_then_headers_entry_then_newest_remembered() {
        let raw = table(
            "export-2024-06.csv",
            &[&["Rev", "Client", "Bill month"], &["1", "A", "2024-06"]],
        );
        let sig = r#""headers": ["Client", "Bill month", "Rev"]"#;
        let old = remembered(&format!(r#"{{{sig}, "kind": "customers"}}"#), "2024-05-01T00:00:00Z");
        let new = remembered(&format!(r#"{{{sig}, "kind": "mrr"}}"#), "2024-06-01T00:00:00Z");
        let other = remembered(
            r#"{"headers": ["Client", "Rev"], "kind": "orders"}"#,
            "2024-07-01T00:00:00Z",
        );
        // Newest first, as the store lists them; one with another header set never applies.
        let list = [other, new, old];
        let a = choose(&[], &list, &raw).unwrap();
        assert_eq!(
            (a.how, a.correction.kind, a.saved_at.as_deref()),
            ("remembered", Some(crate::import::TableKind::Mrr), Some("2024-06-01T00:00:00Z"))
        );
        assert_eq!(a.headers.unwrap(), ["bill month", "client", "rev"]);
        let by_headers = ov(&format!(r#"{{{sig}, "kind": "orders"}}"#));
        let a = choose(std::slice::from_ref(&by_headers), &list, &raw).unwrap();
        assert_eq!((a.how, a.correction.kind), ("headers", Some(crate::import::TableKind::Orders)));
        let by_file = ov(r#"{"file": "export-2024-06.csv", "kind": "usage"}"#);
        let a = choose(&[by_headers.clone(), by_file], &list, &raw).unwrap();
        assert_eq!((a.how, a.correction.kind), ("file", Some(crate::import::TableKind::Usage)));
        // An entry only including a sheet corrects nothing: the remembered one still applies.
        let include = ov(r#"{"file": "export-2024-06.csv"}"#);
        assert_eq!(choose(&[include], &list, &raw).unwrap().how, "remembered");
        // One header more is another table.
        let more = table("e.csv", &[&["Rev", "Client", "Bill month", "Notes"]]);
        assert!(choose(&[by_headers], &list[1..], &more).is_none());
    }

    #[test]
    fn a_header_row_named_moves_with_the_header() {
        let raw = table(
            "j.csv",
            &[&["June export"], &[], &["Client", "Bill month", "Rev"], &["A", "2024-06", "1"]],
        );
        let r = remembered(
            r#"{"headers": ["Client", "Bill month", "Rev"], "kind": "mrr", "header_row": 2}"#,
            "t",
        );
        assert_eq!(
            choose(&[], std::slice::from_ref(&r), &raw).unwrap().correction.header_row,
            Some(3)
        );
        // Without one, detection keeps finding it.
        let mut r = r;
        r.correction.header_row = None;
        assert_eq!(choose(&[], &[r], &raw).unwrap().correction.header_row, None);
    }

    #[test]
    fn the_signature_of_a_corrected_file() {
        let src = Source {
            name: "export-2024-05.csv".into(),
            bytes: b"Report\nClient,Bill month,Rev\nA,2024-05,1\n".to_vec(),
        };
        let o = ov(
            r#"{"file": "export-2024-05.csv", "kind": "mrr", "header_row": 2, "columns": {"Client": "customer_id", "Bill month": "month", "Rev": "mrr"}}"#,
        );
        assert_eq!(signature_in(&src, &o).unwrap(), ["bill month", "client", "rev"]);
        let bad = ov(
            r#"{"file": "export-2024-05.csv", "kind": "mrr", "header_row": 2, "columns": {"Rev": "revenue"}}"#,
        );
        let e = signature_in(&src, &bad).unwrap_err().to_string();
        assert!(e.contains("\"revenue\" is not a column of a mrr table"), "{e}");
        let elsewhere = ov(r#"{"file": "other.csv", "kind": "mrr"}"#);
        assert!(signature_in(&src, &elsewhere).is_err());
    }
}
