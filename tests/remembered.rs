//! Issue 16, item 4 (exports.md §10): next month's export is recognised without asking again. A
//! correction is stored with its table's header signature; a later table with the same set of
//! headers gets it, whatever its file, folder or sheet is called, and the import report says so.

mod common;

use common::{json, northstar, write};
use northstar::import::mapping::TableOverride;
use northstar::import::remember::signature_in;
use northstar::import::{import_paths, ImportSettings, Imported, Source, TableKind, TableReport};
use northstar::kpi::{self, ReportRequest};
use northstar::model::Month;
use northstar::settings::Settings;
use northstar::store::Store;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// May's export: the detector cannot tell what `Client`, `Bill month` and `Rev` are.
const MAY: &str = "Client,Bill month,Rev\nA,2024-04,100\nA,2024-05,120\nB,2024-05,30\n";
/// June's, from the same system with its columns in another order.
const JUNE: &str =
    "Rev,Client,Bill month\n120,A,2024-05\n30,B,2024-05\n130,A,2024-06\n40,B,2024-06\n25,C,2024-06\n";
/// The same with one column more: another table.
const JUNE_NOTES: &str = "Rev,Client,Bill month,Notes\n130,A,2024-06,\n40,B,2024-06,\n";

const CORRECTION: &str = r#"{"file": "export-2024-05.csv", "kind": "mrr",
    "columns": {"Client": "customer_id", "Bill month": "month", "Rev": "mrr"}}"#;

fn put(dir: &Path, rel: &str, text: &str) -> PathBuf {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn report(imp: &Imported, from: &str, to: &str) -> Value {
    let req = ReportRequest {
        from: Month::parse_iso(from),
        to: Month::parse_iso(to),
        segment: None,
        with_details: false,
    };
    serde_json::to_value(kpi::report(&imp.dataset, &req, &Settings::default()).unwrap()).unwrap()
}

fn value(r: &Value, id: &str) -> Value {
    r["kpis"][id]["value"].clone()
}

/// The mapping a table got, as (header, canonical column) in header order.
fn mapping(t: &TableReport) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> =
        t.columns.iter().map(|c| (c.header.clone(), c.maps_to.clone())).collect();
    v.sort();
    v
}

/// What the app does when the user applies a correction in the Data view (app/data.rs
/// `set_mapping`): the signature of the corrected table, then the store.
fn save_correction(store: &mut Store, path: &Path, json: &str) {
    let correction: TableOverride = serde_json::from_str(json).unwrap();
    let src = Source::from_path(path).unwrap();
    let headers = signature_in(&src, &correction).unwrap();
    let remembered = TableOverride { headers: Some(headers), ..correction };
    store.save_corrections(&path.display().to_string(), &[], &[remembered]).unwrap();
}

/// What the app imports with: the remembered corrections, newest first.
fn settings(store: &Store) -> ImportSettings {
    ImportSettings { remembered: store.remembered_mappings().unwrap(), ..Default::default() }
}

#[test]
fn a_correction_saved_for_may_applies_to_june_in_another_folder_and_order() {
    let dir = tempfile::tempdir().unwrap();
    let may = put(dir.path(), "export-2024-05.csv", MAY);
    let june = put(dir.path(), "billing/export-2024-06.csv", JUNE);
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    // Before any correction, June's file is recognised as nothing.
    let before = import_paths(std::slice::from_ref(&june), &settings(&store)).unwrap();
    assert_eq!((before.report.tables[0].kind, before.report.tables[0].mapping), (None, None));

    // The user corrects May's table; May imported with it, as the app then does.
    save_correction(&mut store, &may, CORRECTION);
    let may_imp = import_paths(std::slice::from_ref(&may), &settings(&store)).unwrap();
    let may_t = &may_imp.report.tables[0];
    assert_eq!(may_t.mapping, Some("remembered"));

    // Next month: June's file, another name, another folder, its columns in another order.
    let imp = import_paths(std::slice::from_ref(&june), &settings(&store)).unwrap();
    let t = &imp.report.tables[0];
    assert_eq!((t.file.as_str(), t.kind, t.layout), ("export-2024-06.csv", may_t.kind, "long"));
    assert_eq!(mapping(t), mapping(may_t));
    assert_eq!(
        mapping(t),
        [
            ("Bill month".to_string(), "month".to_string()),
            ("Client".into(), "customer_id".into()),
            ("Rev".into(), "mrr".into())
        ]
    );
    assert_eq!((t.rows_used, t.rows_skipped), (5, 0));
    // The report says which correction applied, when it was saved, and its signature (for Undo).
    assert_eq!(t.mapping, Some("remembered"));
    let saved = t.mapping_saved.clone().unwrap();
    assert!(chrono::DateTime::parse_from_rfc3339(&saved).is_ok(), "{saved}");
    assert_eq!(saved, store.remembered_mappings().unwrap()[0].saved_at);
    let sig = t.mapping_headers.clone().unwrap();
    assert_eq!(sig, ["bill month", "client", "rev"]);
    let as_json = serde_json::to_value(&imp.report).unwrap();
    assert_eq!(as_json["tables"][0]["mapping"], "remembered");

    // June 2024 by hand: A 120 -> 130 (+10), B 30 -> 40 (+10), C new at 25.
    // MRR = 130 + 40 + 25 = 195; new = 25; expansion = 10 + 10 = 20.
    let r = report(&imp, "2024-06", "2024-06");
    assert_eq!(value(&r, "mrr"), 195.0);
    assert_eq!(value(&r, "mrr_new"), 25.0);
    assert_eq!(value(&r, "mrr_expansion"), 20.0);

    // A table with one header more is another table: the correction does not apply.
    let notes = put(dir.path(), "billing/export-2024-06-notes.csv", JUNE_NOTES);
    let other = import_paths(&[notes], &settings(&store)).unwrap();
    let t = &other.report.tables[0];
    assert_eq!((t.kind, t.mapping, t.mapping_saved.clone()), (None, None, None));

    // Undo forgets it: June is recognised as nothing again.
    assert!(store.forget_mapping(&sig).unwrap());
    let after = import_paths(&[june], &settings(&store)).unwrap();
    assert_eq!((after.report.tables[0].kind, after.report.tables[0].mapping), (None, None));
}

#[test]
fn the_newest_correction_wins_and_a_header_row_moves_with_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let may = put(dir.path(), "export-2024-05.csv", MAY);
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    // First saved as orders, then corrected again as MRR: the newest applies.
    save_correction(
        &mut store,
        &may,
        r#"{"file": "export-2024-05.csv", "kind": "orders",
            "columns": {"Client": "customer_id", "Bill month": "date", "Rev": "amount"}}"#,
    );
    save_correction(&mut store, &may, CORRECTION);
    assert_eq!(store.remembered_mappings().unwrap().len(), 1, "one per header set");
    // June's export has a title line and a blank line above its header, which a correction
    // naming the header row (row 1 in May) follows to row 3.
    let with_row = CORRECTION.replace(r#""kind": "mrr","#, r#""kind": "mrr", "header_row": 1,"#);
    save_correction(&mut store, &may, &with_row);
    let june = put(dir.path(), "june.csv", &format!("Billing export June 2024\n\n{JUNE}"));
    let imp = import_paths(&[june], &settings(&store)).unwrap();
    let t = &imp.report.tables[0];
    assert_eq!((t.kind, t.header_row), (Some(TableKind::Mrr), Some(3)));
    assert_eq!(value(&report(&imp, "2024-06", "2024-06"), "mrr"), 195.0);
}

#[test]
fn a_remembered_correction_that_no_longer_fits_is_set_aside_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("data")).unwrap();
    // Saved by its headers (as a `--mapping` entry could be) naming a column no kind has.
    let wrong: TableOverride = serde_json::from_str(
        r#"{"headers": ["Client", "Bill month", "Rev"], "kind": "mrr", "columns": {"Rev": "revenue"}}"#,
    )
    .unwrap();
    store.save_corrections("/elsewhere.csv", &[], &[wrong]).unwrap();
    let june = put(dir.path(), "june.csv", JUNE);
    let imp = import_paths(&[june], &settings(&store)).unwrap();
    assert_eq!((imp.report.tables[0].kind, imp.report.tables[0].mapping), (None, None));
    let w: Vec<&str> = imp.report.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        w.iter().any(|m| m.starts_with("your mapping from ") && m.contains("\"revenue\"")),
        "{w:?}"
    );
}

#[test]
fn cli_mapping_entries_may_name_headers_instead_of_a_file() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "export-2024-06.csv", JUNE);
    write(dir.path(), "notes.csv", JUNE_NOTES);
    write(
        dir.path(),
        "map.json",
        r#"{"tables": [{"headers": ["Client", "Bill month", "Rev"], "kind": "mrr",
            "columns": {"Client": "customer_id", "Bill month": "month", "Rev": "mrr"}}]}"#,
    );
    let args = ["report", "export-2024-06.csv", "--mapping", "map.json"];
    let r = json(&northstar(
        dir.path(),
        &[&args[..], &["--from", "2024-06", "--to", "2024-06", "--json"]].concat(),
    ));
    let t = &r["import"]["tables"][0];
    assert_eq!((t["kind"].as_str(), t["mapping"].as_str()), (Some("mrr"), Some("headers")));
    assert_eq!(t["mapping_headers"], serde_json::json!(["bill month", "client", "rev"]));
    // Same hand-worked June as above: 130 + 40 + 25.
    assert_eq!(r["kpis"]["mrr"]["value"], 195.0);
    // A file with one header more is not that table (and nothing else recognises it).
    let out = northstar(dir.path(), &["report", "notes.csv", "--mapping", "map.json", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("notes.csv: not recognised"));
    // An entry naming both a file and headers is refused, saying why.
    write(
        dir.path(),
        "both.json",
        r#"{"tables": [{"file": "export-2024-06.csv", "headers": ["Rev"], "kind": "mrr"}]}"#,
    );
    let out = northstar(dir.path(), &["report", "export-2024-06.csv", "--mapping", "both.json"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("names \"file\" or \"headers\", not both"), "{err}");
}
