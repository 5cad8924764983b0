//! The importer: files in, a typed `Dataset` and a row-level report out.
//!
//! Each sheet (or CSV file) is one candidate table. Its header row, kind and column mapping are
//! detected from its columns (`headers`), then the rows are parsed by the kind's module (`kinds`).
//! A cell that cannot be read skips its row and becomes an `Issue`; nothing is silently dropped.

pub mod answers;
pub mod cells;
pub mod currency;
pub mod date_order;
pub mod dates;
mod delimited;
pub mod error;
pub mod exports;
pub mod extent;
pub mod footer;
pub mod formula;
pub mod headers;
pub mod kinds;
pub mod limits;
pub mod mapping;
pub mod normalise;
mod plain_usage;
pub mod progress;
pub mod refused;
pub mod remember;
pub mod source;
pub mod synonyms;
pub mod table;
pub mod text;

pub use dates::DateOrder;
pub use error::ImportError;
pub use headers::TableKind;
pub use progress::{Control, Progress};
pub use source::Source;

use crate::model::Dataset;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;

/// The sheet of a Northstar table template that says how to fill it in (export/template.rs): left
/// out of the import without a warning when it holds no table.
pub const TEMPLATE_HELP_SHEET: &str = "How to fill it";

/// The most issues kept in the list; `issues_total` always counts them all.
pub const MAX_ISSUES: usize = 10_000;

/// Import options a user can set (also read from `--settings`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct ImportSettings {
    /// Order of slashed dates when a column does not reveal it; default month-first.
    pub date_order: Option<DateOrder>,
    /// Force decimal comma on (or off); by default only `;`-separated CSVs use it.
    pub decimal_comma: Option<bool>,
    /// CSAT scale: 5, 7 or 10 (default 5).
    pub csat_scale: Option<u32>,
    /// The currency money KPIs are reported in (exports.md §9); unset = the data's only currency.
    pub reporting_currency: Option<String>,
    /// Exchange rates to the reporting currency, from the files' `fx_rates` tables (filled in by a
    /// second pass of the import when the first found rates and foreign amounts).
    #[serde(skip)]
    pub fx: Option<std::sync::Arc<currency::FxRates>>,
    /// The user's corrections of detected kinds and column mappings: `--mapping` entries, or the
    /// entries the app keeps for a file (a hidden sheet included).
    #[serde(skip)]
    pub mapping: Vec<mapping::TableOverride>,
    /// The corrections the app remembered by header signature, newest first (exports.md §10).
    #[serde(skip)]
    pub remembered: Vec<remember::Remembered>,
}

/// A row that could not be read.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Issue {
    pub file: String,
    pub sheet: Option<String>,
    pub row: usize,
    pub column: String,
    pub value: String,
    pub reason: String,
}

/// Something the user should know that skipped nothing.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Warning {
    pub file: String,
    pub sheet: Option<String>,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ColumnMap {
    pub header: String,
    /// Canonical column, `month` for a wide month column, or `extra` for a kept unknown column.
    pub maps_to: String,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableReport {
    pub file: String,
    pub sheet: Option<String>,
    /// None when the table was not recognised.
    pub kind: Option<TableKind>,
    pub layout: &'static str,
    pub header_row: Option<usize>,
    pub rows_read: usize,
    pub rows_used: usize,
    pub rows_skipped: usize,
    pub columns: Vec<ColumnMap>,
    /// The first and last month of the table's used rows (null for a table without dates, such as
    /// `customers`, or without a used row).
    pub coverage: Option<crate::model::Coverage>,
    /// The system export the table was recognised as (`stripe_subscriptions`), and its name.
    pub source: Option<&'static str>,
    pub system: Option<&'static str>,
    /// Rows an export rule left out (counted in `rows_used`), by reason.
    pub set_aside: std::collections::BTreeMap<String, usize>,
    /// The normalisation rules applied, each with the rows it applied to.
    pub rules: Vec<RuleApplied>,
    /// A tickets table with a satisfaction column: the CSAT responses its ratings gave.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub csat_responses: Option<usize>,
    /// Which correction applied (exports.md §10): "file" (a mapping entry naming the file),
    /// "headers" (one naming the headers) or "remembered" (one the app stored); null for none.
    pub mapping: Option<&'static str>,
    /// When the remembered correction was saved (RFC 3339, UTC).
    pub mapping_saved: Option<String>,
    /// The header signature the correction was found by (what the app's Undo forgets).
    pub mapping_headers: Option<Vec<String>>,
}

/// A normalisation rule the import applied to a table's rows ("Interval = year: amount / 12").
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleApplied {
    pub rule: String,
    pub rows: usize,
}

#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub tables: Vec<TableReport>,
    pub issues: Vec<Issue>,
    pub issues_total: usize,
    pub warnings: Vec<Warning>,
    /// Hidden sheets left out of the import (a mapping entry naming one includes it).
    pub hidden_sheets: Vec<SheetRef>,
    /// The tables whose every data row was refused, each with its reasons (refused.rs).
    pub refused: Vec<refused::Refused>,
    /// Every refused row counted by table and reason, also past the cap of `issues`.
    #[serde(skip)]
    pub tally: refused::Tally,
    /// The reporting currency (exports.md §9), when known.
    pub currency: Option<String>,
    /// Money areas whose amounts are not summed, with the reason (`mixed currencies: EUR, USD`).
    pub money_blocked: std::collections::BTreeMap<&'static str, String>,
}

/// A sheet of a file.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SheetRef {
    pub file: String,
    pub sheet: String,
}

impl ImportReport {
    pub fn push_issue(&mut self, issue: Issue) {
        self.issues_total += 1;
        self.tally.count(&issue);
        if self.issues.len() < MAX_ISSUES {
            self.issues.push(issue);
        }
    }
    pub fn warn(&mut self, file: &str, sheet: &Option<String>, message: String) {
        self.warnings.push(Warning { file: file.to_string(), sheet: sheet.clone(), message });
    }
}

pub struct Imported {
    pub dataset: Dataset,
    pub report: ImportReport,
}

/// Imports files from disk (opened read-only).
pub fn import_paths(paths: &[PathBuf], settings: &ImportSettings) -> Result<Imported, ImportError> {
    let sources = paths.iter().map(|p| Source::from_path(p)).collect::<Result<Vec<_>, _>>()?;
    import_sources(&sources, settings)
}

/// Imports in-memory files. A file that cannot be opened fails the whole import (the caller keeps
/// its previous data); bad rows only become issues.
pub fn import_sources(
    sources: &[Source],
    settings: &ImportSettings,
) -> Result<Imported, ImportError> {
    import_with(sources, settings, Control::default())
}

/// Imports with progress reports and a cancel flag (checked between files, tables and every
/// `progress::ROWS_PER_TICK` rows). When the files hold `fx_rates` and amounts in another currency
/// than the reporting one, a second pass converts them with those rates (exact, per month: the
/// rates can sit in any file, after the amounts).
pub fn import_with(
    sources: &[Source],
    settings: &ImportSettings,
    control: Control,
) -> Result<Imported, ImportError> {
    let first = import_once(sources, settings, control, true)?;
    let d = &first.dataset;
    let foreign = settings
        .reporting_currency
        .as_ref()
        .is_some_and(|r| d.currencies.values().flatten().any(|c| c != r));
    if !foreign
        || d.fx_rates.is_empty()
        || settings.fx.as_deref().is_some_and(|fx| covers(fx, &d.fx_rates))
    {
        return Ok(first);
    }
    // The files' rates first; rates entered in Settings fill the currency-months they leave.
    let mut fx = d.fx_rates.clone();
    if let Some(own) = &settings.fx {
        for (k, v) in &own.dated {
            fx.dated.entry(k.clone()).or_insert(*v);
        }
        for (k, v) in &own.undated {
            fx.undated.entry(k.clone()).or_insert(*v);
        }
    }
    let second = ImportSettings { fx: Some(std::sync::Arc::new(fx)), ..settings.clone() };
    import_once(sources, &second, control, true)
}

/// Whether `fx` already holds every rate of `files`.
fn covers(fx: &currency::FxRates, files: &currency::FxRates) -> bool {
    files.dated.keys().all(|k| fx.dated.contains_key(k))
        && files.undated.keys().all(|k| fx.undated.contains_key(k))
}

/// One pass over the files; `plain` lets a long plain usage log skip the table of cells
/// (plain_usage.rs; the tests turn it off to compare).
fn import_once(
    sources: &[Source],
    settings: &ImportSettings,
    control: Control,
    plain: bool,
) -> Result<Imported, ImportError> {
    if sources.is_empty() {
        return Err(ImportError::NoFiles);
    }
    let bytes_total: u64 = sources.iter().map(|s| s.bytes.len() as u64).sum();
    let mut bytes_done = 0;
    let mut report = ImportReport::default();
    let mut builder = kinds::Builder::default();
    // A reader thread parses the files' sheets while this thread turns the previous sheet into
    // records: the two overlap, and the bounded channel keeps at most two sheets in memory.
    enum Msg {
        Table(Box<source::RawTable>),
        Plain(Box<plain_usage::PlainUsage>),
        FileDone(String, u64, Vec<String>),
        Failed(ImportError),
    }
    std::thread::scope(|scope| -> Result<(), ImportError> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Msg>(1);
        scope.spawn(move || {
            for src in sources {
                // A mapping entry naming a hidden sheet imports it.
                let include = |sheet: &str| {
                    settings.mapping.iter().any(|o| {
                        o.file.as_deref() == Some(src.name.as_str())
                            && o.sheet.as_deref() == Some(sheet)
                    })
                };
                let read_plain = if plain { plain_usage::read(src, settings) } else { None };
                let sent = match read_plain {
                    Some(p) => tx
                        .send(Msg::Plain(Box::new(p)))
                        .map(|_| Vec::new())
                        .map_err(|_| ImportError::Cancelled),
                    None => source::for_each_table(src, &include, &mut |t| {
                        tx.send(Msg::Table(Box::new(t))).map_err(|_| ImportError::Cancelled)
                    }),
                };
                let msg = match sent {
                    Ok(hidden) => Msg::FileDone(src.name.clone(), src.bytes.len() as u64, hidden),
                    Err(e) => Msg::Failed(e),
                };
                let failed = matches!(msg, Msg::Failed(_));
                // A closed channel means the importer stopped (cancel or error): stop reading.
                if tx.send(msg).is_err() || failed {
                    return;
                }
            }
        });
        for msg in rx {
            if control.cancelled() {
                return Err(ImportError::Cancelled);
            }
            // A table of cells, or a plain usage log's records with its first rows (for the
            // detection): both go through `add_table`.
            let (raw, records) = match msg {
                Msg::Table(raw) => (raw, None),
                Msg::Plain(p) => (Box::new(p.head), Some(p.records)),
                Msg::FileDone(file, bytes, hidden) => {
                    if !hidden.is_empty() {
                        let names: Vec<String> =
                            hidden.iter().map(|h| format!("\"{h}\"")).collect();
                        report.warn(
                            &file,
                            &None,
                            format!(
                                "hidden {} {} not imported (a hidden sheet is often an old copy); include one in the Data view if it holds data you want",
                                if hidden.len() == 1 { "sheet" } else { "sheets" },
                                names.join(", ")
                            ),
                        );
                        report.hidden_sheets.extend(
                            hidden.into_iter().map(|sheet| SheetRef { file: file.clone(), sheet }),
                        );
                    }
                    bytes_done += bytes;
                    control.report(&Progress {
                        file,
                        sheet: None,
                        bytes_done,
                        bytes_total,
                        rows_done: 0,
                        rows_total: 0,
                    });
                    continue;
                }
                Msg::Failed(e) => return Err(e),
            };
            add_table(
                &raw,
                records,
                settings,
                control,
                (bytes_done, bytes_total),
                &mut builder,
                &mut report,
            )?;
            // Freeing a sheet's million cells takes tens of milliseconds; after the last sheet
            // that would delay the result, so another thread does it.
            std::thread::spawn(move || drop(raw));
        }
        Ok(())
    })?;
    let mut dataset = builder.finish(&mut report, settings);
    report.currency = dataset.currency.clone();
    report.money_blocked = dataset.money_blocked.clone();
    refused::finish(&mut report, &mut dataset);
    Ok(Imported { dataset, report })
}

/// Detects and parses one table into the builder, reporting it. `records`: a plain usage log's,
/// read from its text (`raw` then holds its first rows, for the detection).
fn add_table(
    raw: &source::RawTable,
    records: Option<Vec<crate::model::Usage>>,
    settings: &ImportSettings,
    control: Control,
    (bytes_done, bytes_total): (u64, u64),
    builder: &mut kinds::Builder,
    report: &mut ImportReport,
) -> Result<(), ImportError> {
    if control.cancelled() {
        return Err(ImportError::Cancelled);
    }
    if let Some(note) = &raw.note {
        report.warn(&raw.file, &raw.sheet, note.clone());
    }
    let name = format!("{} {}", raw.file, raw.sheet.clone().unwrap_or_default());
    let mut applied = remember::choose(&settings.mapping, &settings.remembered, raw);
    let detected = match mapping::detect(raw, &name, applied.as_ref().map(|a| &a.correction)) {
        Ok(map) => map,
        // A remembered correction that no longer fits (a column it names is gone) must not stop
        // the import: the table is detected as if there were none, and the user is told.
        Err(reason) if applied.as_ref().is_some_and(|a| a.how == "remembered") => {
            let saved = applied.take().and_then(|a| a.saved_at).unwrap_or_default();
            report.warn(
                &raw.file,
                &raw.sheet,
                format!(
                    "your mapping from {} for tables with these columns does not fit this one ({reason}); it was recognised without it",
                    saved.get(..10).unwrap_or(&saved)
                ),
            );
            headers::detect(&raw.rows, &name)
        }
        Err(reason) => {
            return Err(ImportError::Mapping {
                file: raw.file.clone(),
                sheet: raw.sheet.clone(),
                reason,
            })
        }
    };
    let Some(map) = detected else {
        // The instructions of a Northstar template are no table and need no warning.
        if raw.sheet.as_deref() == Some(TEMPLATE_HELP_SHEET) {
            return Ok(());
        }
        if raw.rows.iter().any(|r| r.iter().any(|c| !c.is_empty())) {
            report.warn(&raw.file, &raw.sheet, headers::not_recognised(&raw.rows));
        }
        report.tables.push(TableReport {
            file: raw.file.clone(),
            sheet: raw.sheet.clone(),
            kind: None,
            layout: "unknown",
            header_row: None,
            rows_read: 0,
            rows_used: 0,
            rows_skipped: 0,
            columns: Vec::new(),
            coverage: None,
            source: None,
            system: None,
            set_aside: Default::default(),
            rules: Vec::new(),
            csat_responses: None,
            mapping: None,
            mapping_saved: None,
            mapping_headers: None,
        });
        return Ok(());
    };
    let table = table::Table::new(raw, &map, settings, &mut report.warnings);
    let rows_total = match &records {
        Some(r) => r.len(),
        None => raw.rows.len().saturating_sub(map.header_row + 1),
    };
    let tick = |rows_done: usize| {
        control.report(&Progress {
            file: raw.file.clone(),
            sheet: raw.sheet.clone(),
            bytes_done,
            bytes_total,
            rows_done,
            rows_total,
        });
        !control.cancelled()
    };
    let added = match records {
        // The plain reader recognised the same rows the same way: a usage table.
        Some(records) => builder.add_usage(records, &tick),
        None => builder.add(&table, settings, report, &tick),
    };
    let (read, used, coverage) = added.ok_or(ImportError::Cancelled)?;
    let mut columns: Vec<ColumnMap> = map
        .columns
        .iter()
        .map(|(c, name, _)| ColumnMap { header: map.title(*c), maps_to: name.to_string() })
        .collect();
    columns.extend(
        map.months
            .iter()
            .map(|(c, m)| ColumnMap { header: map.title(*c), maps_to: format!("month {m}") }),
    );
    columns.extend(
        map.extra.iter().map(|(c, _)| ColumnMap { header: map.title(*c), maps_to: "extra".into() }),
    );
    let notes = table.take_notes();
    // A money table without a currency column is in the reporting currency (exports.md §9).
    let stated = map.col("currency").is_some() || used == 0;
    let implied = if stated { None } else { settings.reporting_currency.as_deref() };
    builder.note_currencies(map.kind, &notes, Some((&raw.file, &raw.sheet)), implied);
    let rules: Vec<RuleApplied> =
        notes.rules.into_iter().map(|(rule, rows)| RuleApplied { rule, rows }).collect();
    // The explain drawer of the KPIs a table feeds names the rules that shaped its rows.
    let table_name = match &raw.sheet {
        Some(sheet) => format!("{} [{sheet}]", raw.file),
        None => raw.file.clone(),
    };
    for (reason, n) in &notes.set_aside {
        builder.note_rule(map.kind, &table_name, format!("{n} set aside: {reason}"));
    }
    for r in &rules {
        let rows = if r.rows == 1 { "1 row".to_string() } else { format!("{} rows", r.rows) };
        builder.note_rule(map.kind, &table_name, format!("{} ({rows})", r.rule));
    }
    report.tables.push(TableReport {
        file: raw.file.clone(),
        sheet: raw.sheet.clone(),
        kind: Some(map.kind),
        layout: if map.is_wide() { "wide" } else { "long" },
        header_row: raw.row_numbers.get(map.header_row).copied(),
        rows_read: read,
        rows_used: used,
        rows_skipped: read - used,
        columns,
        coverage,
        source: map.source.map(|e| e.id),
        system: map.source.map(|e| e.system),
        set_aside: notes.set_aside,
        rules,
        csat_responses: notes.csat_responses,
        mapping: applied.as_ref().map(|a| a.how),
        mapping_saved: applied.as_ref().and_then(|a| a.saved_at.clone()),
        mapping_headers: applied.and_then(|a| a.headers),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Mutex;

    fn big_csv(rows: usize) -> Source {
        let mut text = String::from("Customer ID,Month,MRR\n");
        for i in 0..rows {
            text.push_str(&format!("C{i},2024-01,10\n"));
        }
        Source { name: "big.csv".into(), bytes: text.into_bytes() }
    }

    #[test]
    fn reports_progress_to_the_last_row() {
        let seen = Mutex::new(Vec::new());
        let record = |p: &Progress| seen.lock().unwrap().push(p.clone());
        let src = big_csv(10_000);
        let total = src.bytes.len() as u64;
        let out = import_with(
            &[src],
            &ImportSettings::default(),
            Control { cancel: None, progress: Some(&record) },
        )
        .unwrap();
        assert_eq!(out.report.tables[0].rows_used, 10_000);
        let seen = seen.into_inner().unwrap();
        // Two ticks inside the table (4096, 8192), the end of the table, then the file done.
        let rows: Vec<(usize, usize)> = seen.iter().map(|p| (p.rows_done, p.rows_total)).collect();
        assert_eq!(rows, [(4096, 10_000), (8192, 10_000), (10_000, 10_000), (0, 0)]);
        let last = seen.last().unwrap();
        assert_eq!((last.bytes_done, last.bytes_total), (total, total));
    }

    #[test]
    fn cancels_midway_and_changes_nothing() {
        let cancel = AtomicBool::new(false);
        let stop = |p: &Progress| {
            if p.rows_done >= 4096 {
                cancel.store(true, Ordering::Relaxed);
            }
        };
        let r = import_with(
            &[big_csv(10_000)],
            &ImportSettings::default(),
            Control { cancel: Some(&cancel), progress: Some(&stop) },
        );
        assert!(matches!(r, Err(ImportError::Cancelled)));
    }
}
