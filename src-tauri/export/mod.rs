//! Exports of what the user sees: the dashboard (every KPI with its formula, the movements, cohorts
//! and the per-CSM table) to .xlsx or CSV, the scorecard (the KPIs against their targets and the
//! per-CSM scorecard) to .xlsx or CSV, a what-if scenario with its yearly table and its
//! assumptions to .xlsx, and templates of the tables a workbook lacks. Workbooks are formatted for a
//! slide (number formats, fitted columns, titles); CSV values are rounded (money to cents, ratios to
//! 6 decimals). CSV cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) are
//! escaped, and .xlsx cells are values, never formulas.

pub mod cells;
pub mod report;
pub mod scenario;
pub mod scorecard;
pub mod template;

/// What the export tests read back from a written workbook.
#[cfg(test)]
mod test_support {
    /// The number format of a cell, as Excel shows it under Format Cells.
    pub fn format_of(styles: &calamine::StyleRange, row: u32, col: u32) -> String {
        styles
            .get((row, col))
            .and_then(|s| s.number_format.as_ref())
            .map(|f| f.format_code.clone())
            .unwrap_or_default()
    }
}

pub use report::{report_csv, report_file_name, report_xlsx, ReportMeta};
pub use scenario::{scenario_xlsx, InputSource};
pub use scorecard::{scorecard_csv, scorecard_file_name, scorecard_xlsx};
pub use template::{template_file_name, template_xlsx};

use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The file could not be written.
    #[error("could not write {path}: {reason}")]
    Write { path: String, reason: String },
}

fn werr(path: &Path, e: impl ToString) -> ExportError {
    ExportError::Write { path: path.display().to_string(), reason: e.to_string() }
}

/// A CSV cell a spreadsheet will show as text, never run: a leading `=`, `+`, `-`, `@`, tab or CR
/// gets a `'` in front. Plain numbers are left alone.
pub fn csv_safe(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && cell.parse::<f64>().is_err() {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Any table of rows (an explanation's drill-down) as CSV.
pub fn rows_csv(
    columns: &[String],
    rows: &[Vec<serde_json::Value>],
    path: &Path,
) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_path(path).map_err(|e| werr(path, e))?;
    w.write_record(columns.iter().map(|c| csv_safe(c))).map_err(|e| werr(path, e))?;
    for r in rows {
        let cells = r.iter().map(|v| match v {
            serde_json::Value::Null => String::new(),
            serde_json::Value::String(s) => csv_safe(s),
            other => csv_safe(&other.to_string()),
        });
        w.write_record(cells).map_err(|e| werr(path, e))?;
    }
    w.flush().map_err(|e| werr(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_injection_is_escaped() {
        assert_eq!(csv_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(csv_safe("+1+1"), "'+1+1");
        assert_eq!(csv_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_safe("-2+3"), "'-2+3");
        assert_eq!(csv_safe("\tcmd"), "'\tcmd");
        assert_eq!(csv_safe("\rcmd"), "'\rcmd");
        // Numbers stay numbers, text stays text.
        assert_eq!(csv_safe("-12.5"), "-12.5");
        assert_eq!(csv_safe("Acme"), "Acme");
    }

    #[test]
    fn drill_down_rows_to_csv_escape_formulas() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("rows.csv");
        let rows = vec![vec![
            serde_json::json!("=cmd|' /C calc'!A0"),
            serde_json::json!(-5),
            serde_json::Value::Null,
        ]];
        rows_csv(&["customer".into(), "amount".into(), "note".into()], &rows, &p).unwrap();
        assert_eq!(
            std::fs::read_to_string(&p).unwrap(),
            "customer,amount,note\n'=cmd|' /C calc'!A0,-5,\n"
        );
    }

    /// User text that looks like a formula (a CSM named `=1+2`) is written to .xlsx as text: the
    /// sheets hold no formula element, and the cell reads back as the text itself.
    #[test]
    fn xlsx_export_writes_user_text_as_text_never_as_formula() {
        let dir = tempfile::tempdir().unwrap();
        let mrr = dir.path().join("mrr.csv");
        std::fs::write(&mrr, "Customer ID,Month,MRR\nA,2024-01,100\nA,2024-02,100\n").unwrap();
        let customers = dir.path().join("customers.csv");
        std::fs::write(&customers, "Customer ID,CSM\nA,\"=1+2\"\n").unwrap();
        let imp = crate::import::import_paths(&[mrr, customers], &Default::default()).unwrap();
        let r = crate::kpi::report(&imp.dataset, &Default::default(), &Default::default()).unwrap();
        assert_eq!(r.csm[0].csm, "=1+2");
        let out = dir.path().join("r.xlsx");
        let meta = ReportMeta {
            source: "=HYPERLINK(\"http://x\")".into(),
            segment: Some(("csm".into(), "=1+2".into())),
            currency: None,
        };
        report_xlsx(&r, &meta, &out).unwrap();
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut xml = String::new();
            std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
            assert!(!xml.contains("<f>") && !xml.contains("<f "), "a formula in {:?}", f.name());
        }
        let src = crate::import::Source::from_path(&out).unwrap();
        let tables = crate::import::source::read_tables(&src).unwrap();
        let csms = tables.iter().find(|t| t.sheet.as_deref() == Some("CSMs")).unwrap();
        let text = crate::import::cells::Cell::Text("=1+2".into());
        assert!(csms.rows.iter().any(|r| r.first() == Some(&text)), "{:?}", csms.rows);
    }
}
