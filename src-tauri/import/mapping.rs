//! User overrides of what the importer detected: a table's kind, its header row, and which source
//! header maps to which canonical column (`null` = leave the column unmapped, kept as an attribute).
//! The CLI reads them with `--mapping FILE.json`; the app remembers them by the table's header
//! signature (remember.rs), so next month's export gets them too (exports.md §10).
//!
//! An entry names its table by file (and sheet), or by its headers (any table with that set of
//! headers, whatever its file or sheet is called):
//!
//! ```json
//! {"tables": [{"file": "export.xlsx", "sheet": "Accounts", "kind": "customers", "header_row": 3,
//!              "columns": {"Client": "customer_id", "Owner": "csm", "Notes": null}},
//!             {"headers": ["Client", "Bill month", "Rev"], "kind": "mrr",
//!              "columns": {"Client": "customer_id", "Bill month": "month", "Rev": "mrr"}}]}
//! ```

use super::cells::Cell;
use super::headers::{self, normalise, KindSpec, Mapping, TableKind};
use super::source::RawTable;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields = nullable))]
#[serde(try_from = "OverrideFields")]
pub struct TableOverride {
    /// File name (no folder); None for an entry naming its headers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// The table's headers as written (or its signature, remember.rs): the entry applies to every
    /// table whose header holds the same set, whatever its file or sheet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<Vec<String>>,
    /// Sheet name; absent for a CSV file (or to apply to every sheet of the file).
    #[serde(default)]
    pub sheet: Option<String>,
    #[serde(default)]
    pub kind: Option<TableKind>,
    /// The header's row number as the spreadsheet shows it (1-based).
    #[serde(default)]
    pub header_row: Option<usize>,
    /// Source header -> canonical column of the kind, or null for "not mapped".
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(as = "Option<BTreeMap<String, Option<String>>>", optional))]
    pub columns: BTreeMap<String, Option<String>>,
}

/// An entry as written, checked into a `TableOverride` (it names its table one way only).
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverrideFields {
    #[serde(default)]
    file: Option<String>,
    #[serde(default)]
    headers: Option<Vec<String>>,
    #[serde(default)]
    sheet: Option<String>,
    #[serde(default)]
    kind: Option<TableKind>,
    #[serde(default)]
    header_row: Option<usize>,
    #[serde(default)]
    columns: BTreeMap<String, Option<String>>,
}

impl TryFrom<OverrideFields> for TableOverride {
    type Error = String;
    fn try_from(f: OverrideFields) -> Result<Self, String> {
        let ov = TableOverride {
            file: f.file,
            headers: f.headers,
            sheet: f.sheet,
            kind: f.kind,
            header_row: f.header_row,
            columns: f.columns,
        };
        match (&ov.file, &ov.headers) {
            (Some(_), Some(_)) => {
                Err("a table entry names \"file\" or \"headers\", not both".into())
            }
            (None, None) => Err("a table entry needs \"file\" (and \"sheet\") or \"headers\"".into()),
            (None, Some(h)) if h.iter().all(|x| x.trim().is_empty()) => {
                Err("\"headers\" is empty".into())
            }
            (None, Some(_)) if ov.sheet.is_some() => Err(
                "\"sheet\" goes with \"file\"; an entry naming \"headers\" applies to any sheet with them"
                    .into(),
            ),
            (None, Some(_)) if ov.is_include_only() => Err(
                "an entry naming \"headers\" needs a \"kind\", a \"header_row\" or \"columns\"".into(),
            ),
            _ => Ok(ov),
        }
    }
}

impl TableOverride {
    /// An entry that only names a file's sheet (to include a hidden one) and corrects nothing.
    pub fn is_include_only(&self) -> bool {
        self.kind.is_none() && self.header_row.is_none() && self.columns.is_empty()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingFile {
    pub tables: Vec<TableOverride>,
}

/// The override naming this table's file, if any: same file name, and same sheet (or no sheet
/// given).
pub fn find<'a>(
    list: &'a [TableOverride],
    file: &str,
    sheet: &Option<String>,
) -> Option<&'a TableOverride> {
    list.iter()
        .find(|o| o.file.as_deref() == Some(file) && (o.sheet.is_none() || o.sheet == *sheet))
}

fn header_hits(row: &[Cell], ov: &TableOverride) -> usize {
    let heads = headers::header_cells(row);
    ov.columns.keys().filter(|k| heads.iter().any(|h| h.base == normalise(k).base)).count()
}

/// Detection with an override applied. Err(reason) when the override cannot apply.
pub fn detect(
    raw: &RawTable,
    name: &str,
    ov: Option<&TableOverride>,
) -> Result<Option<Mapping>, String> {
    let Some(ov) = ov else { return Ok(headers::detect(&raw.rows, name)) };
    // An entry that only names the sheet (to include a hidden one) changes nothing else.
    if ov.is_include_only() {
        return Ok(headers::detect(&raw.rows, name));
    }
    let header_index = match ov.header_row {
        Some(n) => Some(
            raw.row_numbers
                .iter()
                .position(|r| *r == n)
                .ok_or(format!("row {n} is not in this sheet"))?,
        ),
        None => None,
    };
    // Without a header row named, detection first: a kind it agrees with is no change, so an
    // export it recognised keeps its rules (exports.md §1: only a changed kind drops them).
    let found = match header_index {
        None => headers::detect(&raw.rows, name),
        Some(_) => None,
    };
    let base = match (ov.kind, header_index) {
        (None, None) => found,
        (Some(k), None) if found.as_ref().is_some_and(|m| m.kind == k) => found,
        (kind, index) => {
            let spec = headers::spec(kind.unwrap_or_else(|| {
                headers::detect(&raw.rows, name).map(|m| m.kind).unwrap_or(TableKind::Customers)
            }));
            // The header named (or found) may be the last row of a header split over several.
            let (top, r, row) = match index {
                Some(i) => {
                    let (top, row) = headers::header_ending_at(&raw.rows, i, spec);
                    (top, i, row)
                }
                None => (0..raw.rows.len().min(20))
                    .map(|i| {
                        let (top, row) = headers::header_ending_at(&raw.rows, i, spec);
                        (top, i, row)
                    })
                    .find(|(_, _, row)| {
                        headers::match_kind(spec, &headers::header_cells(row)).len()
                            + header_hits(row, ov)
                            >= 2
                            || (spec.kind == TableKind::Mrr
                                && headers::month_columns(row).len() >= 3)
                    })
                    .ok_or(format!("no header row for a {} table in the first 20 rows", spec.id))?,
            };
            let columns = headers::match_kind(spec, &headers::header_cells(&row));
            let months = if spec.kind == TableKind::Mrr && !columns.iter().any(|c| c.1 == "mrr") {
                headers::month_columns(&row)
            } else {
                Vec::new()
            };
            let mut map = headers::build(&row, r, spec, columns, months);
            map.header_top = top;
            Some(map)
        }
    };
    let Some(mut map) = base else {
        return Err("the table is not recognised; give its kind in the mapping".into());
    };
    // The header as detection read it, one cell per column (an export's known header line under a
    // Qualtrics ImportId line; a survey's question over its `Response` line).
    let header: Vec<Cell> = map
        .titles
        .iter()
        .map(|t| if t.is_empty() { Cell::Empty } else { Cell::text_of(t.as_str()) })
        .collect();
    apply_columns(&mut map, &header, ov)?;
    Ok(Some(map))
}

fn apply_columns(map: &mut Mapping, row: &[Cell], ov: &TableOverride) -> Result<(), String> {
    let spec: &KindSpec = headers::spec(map.kind);
    let heads = headers::header_cells(row);
    let mut unmapped = Vec::new();
    for (source, target) in &ov.columns {
        let want = normalise(source).base;
        let col = heads
            .iter()
            .position(|h| h.base == want)
            .ok_or(format!("no column \"{source}\" in the header row"))?;
        map.columns.retain(|c| c.0 != col);
        map.months.retain(|m| m.0 != col);
        if target.is_none() {
            unmapped.push((col, heads[col].base.clone()));
        }
        if let Some(t) = target {
            let canonical =
                spec.columns.iter().find(|c| c.name == t.as_str()).ok_or_else(|| {
                    let names: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
                    format!(
                        "\"{t}\" is not a column of a {} table (its columns: {})",
                        spec.id,
                        names.join(", ")
                    )
                })?;
            map.columns.retain(|c| c.1 != canonical.name);
            map.columns.push((col, canonical.name, heads[col].unit));
        }
    }
    let mut rebuilt = headers::build(
        row,
        map.header_row,
        spec,
        std::mem::take(&mut map.columns),
        std::mem::take(&mut map.months),
    );
    rebuilt.header_top = map.header_top;
    // A column unmapped by hand stays so, even one the rebuild reads itself (an invoice's type).
    for (col, base) in unmapped {
        if rebuilt.columns.iter().any(|c| c.0 == col) {
            rebuilt.columns.retain(|c| c.0 != col);
            rebuilt.extra.push((col, base));
        }
    }
    // A changed column keeps the export the table was recognised as (only a changed kind drops
    // it, and then `map` has none).
    rebuilt.source = map.source;
    *map = rebuilt;
    let wide_ok = map.is_wide() && map.col("customer_id").is_some();
    if !wide_ok && !headers::required_met(spec, &map.columns) {
        let missing: Vec<String> = spec
            .required
            .iter()
            .filter(|g| !g.iter().any(|r| r.split('+').all(|c| map.col(c).is_some())))
            .map(|g| g.join(" or ").replace('+', " and "))
            .collect();
        return Err(format!("a {} table needs column {}", spec.id, missing.join(", ")));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(rows: &[&[&str]]) -> RawTable {
        RawTable {
            file: "x.csv".into(),
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

    #[test]
    fn columns_the_detector_cannot_know() {
        let raw = table(&[&["Client", "Bill month", "Rev"], &["A", "2024-01", "10"]]);
        assert!(headers::detect(&raw.rows, "x").is_none());
        let o = ov(
            r#"{"file": "x.csv", "kind": "mrr", "columns": {"Client": "customer_id", "Bill month": "month", "Rev": "mrr"}}"#,
        );
        let m = detect(&raw, "x", Some(&o)).unwrap().unwrap();
        assert_eq!(
            (m.kind, m.col("customer_id"), m.col("month"), m.col("mrr")),
            (TableKind::Mrr, Some(0), Some(1), Some(2))
        );
    }

    #[test]
    fn change_kind_header_row_and_unmap() {
        let raw = table(&[&["notes"], &["Customer ID", "Segment", "Owner"], &["A", "SMB", "Dana"]]);
        let o = ov(r#"{"file": "x.csv", "header_row": 2, "columns": {"Owner": null}}"#);
        let m = detect(&raw, "x", Some(&o)).unwrap().unwrap();
        assert_eq!((m.kind, m.header_row, m.col("csm")), (TableKind::Customers, 1, None));
        assert_eq!(m.extra, vec![(2, "owner".to_string())]);
    }

    #[test]
    fn contracts_need_a_value() {
        // A CRM export: no term column, but a total and an annual value (term = 12 x TCV / ACV).
        let raw = table(&[
            &["Deal Name", "Close Date", "Annual contract value", "Total contract value"],
            &["Orion", "2024-02-20", "10000", "20000"],
        ]);
        let o = ov(
            r#"{"file": "x.csv", "kind": "contracts", "columns": {"Deal Name": "customer_id"}}"#,
        );
        let m = detect(&raw, "x", Some(&o)).unwrap().unwrap();
        assert_eq!((m.kind, m.col("term_months")), (TableKind::Contracts, None));
        // One value without a term: a contracts table too (the other value is unknown).
        let raw = table(&[
            &["Deal Name", "Close Date", "Total contract value"],
            &["Orion", "2024-02-20", "1"],
        ]);
        let m = detect(&raw, "x", Some(&o)).unwrap().unwrap();
        assert_eq!((m.kind, m.col("recurring_value")), (TableKind::Contracts, Some(2)));
        let raw = table(&[&["Deal Name", "Close Date", "Term"], &["Orion", "2024-02-20", "12"]]);
        let e = detect(&raw, "x", Some(&o)).unwrap_err();
        assert_eq!(e, "a contracts table needs column recurring_value or annual_value");
    }

    #[test]
    fn clear_errors() {
        let raw = table(&[&["Customer ID", "Segment"]]);
        let e =
            detect(&raw, "x", Some(&ov(r#"{"file": "x.csv", "columns": {"Region": "region"}}"#)))
                .unwrap_err();
        assert_eq!(e, "no column \"Region\" in the header row");
        let e =
            detect(&raw, "x", Some(&ov(r#"{"file": "x.csv", "columns": {"Segment": "colour"}}"#)))
                .unwrap_err();
        assert!(e.starts_with("\"colour\" is not a column of a customers table"), "{e}");
        let e =
            detect(&raw, "x", Some(&ov(r#"{"file": "x.csv", "kind": "tickets"}"#))).unwrap_err();
        assert!(e.contains("tickets"), "{e}");
    }

    #[test]
    fn an_entry_names_its_table_by_file_or_by_headers() {
        let o = ov(r#"{"headers": ["Client", "Rev"], "kind": "mrr"}"#);
        assert_eq!((o.file.as_deref(), o.headers.as_ref().map(|h| h.len())), (None, Some(2)));
        let err = |json: &str| serde_json::from_str::<TableOverride>(json).unwrap_err().to_string();
        assert!(err(r#"{"file": "a.csv", "headers": ["A"], "kind": "mrr"}"#).contains("not both"));
        assert!(err(r#"{"kind": "mrr"}"#).contains("needs \"file\""));
        assert!(err(r#"{"headers": [" "], "kind": "mrr"}"#).contains("empty"));
        assert!(err(r#"{"headers": ["A"], "sheet": "S", "kind": "mrr"}"#).contains("any sheet"));
        assert!(err(r#"{"headers": ["A"]}"#).contains("needs a \"kind\""));
        assert!(err(r#"{"file": "a.csv", "colour": 1}"#).contains("unknown field"));
        // A file entry is found by its file; one naming headers is not (remember.rs finds those).
        let list = [o.clone(), ov(r#"{"file": "a.csv", "sheet": "S"}"#)];
        assert!(find(&list, "a.csv", &Some("S".into())).is_some());
        assert!(find(&list[..1], "a.csv", &None).is_none());
        // Stored and read back unchanged (the store keeps them as JSON).
        let back: TableOverride =
            serde_json::from_str(&serde_json::to_string(&o).unwrap()).unwrap();
        assert_eq!(back, o);
    }

    #[test]
    fn the_kind_detection_agrees_with_keeps_the_export_and_its_rules() {
        let raw = table(&[
            &["Customer ID", "Plan", "Interval", "Amount", "Start (UTC)", "Owner"],
            &["c1", "Pro", "year", "1200.00", "2024-01-05 10:00:00", "Dana"],
        ]);
        let export = headers::detect(&raw.rows, "x").and_then(|m| m.source).map(|e| e.id);
        assert!(export.is_some());
        let o = ov(r#"{"file": "x.csv", "kind": "subscriptions", "columns": {"Owner": null}}"#);
        let m = detect(&raw, "x", Some(&o)).unwrap().unwrap();
        assert_eq!((m.kind, m.source.map(|e| e.id)), (TableKind::Subscriptions, export));
        // A changed kind drops it (exports.md §1).
        let o = ov(
            r#"{"file": "x.csv", "kind": "orders", "columns": {"Start (UTC)": "date", "Amount": "amount", "Customer ID": "customer_id"}}"#,
        );
        let m = detect(&raw, "x", Some(&o)).unwrap().unwrap();
        assert_eq!((m.kind, m.source.map(|e| e.id)), (TableKind::Orders, None));
    }
}
