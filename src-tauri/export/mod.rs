//! Exports of what the user sees: the dashboard (every KPI with its formula, the movements, cohorts
//! and the per-CSM table) to .xlsx or CSV, and a what-if scenario with its yearly table to .xlsx.
//! CSV cells that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR) are escaped.

use crate::forecast::Comparison;
use crate::kpi::value::to_f64;
use crate::kpi::{formulas, Report, Value};
use rust_xlsxwriter::{Format, Workbook};
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

fn value_text(v: &Value) -> (String, String) {
    match v {
        Value::Number(d) => (d.to_string(), String::new()),
        Value::Quarters(q) => (
            q.iter()
                .map(|q| match q.partial() {
                    true => format!("{}: {} ({} to {} only)", q.quarter, q.value, q.first, q.last),
                    false => format!("{}: {}", q.quarter, q.value),
                })
                .collect::<Vec<_>>()
                .join("; "),
            String::new(),
        ),
        Value::Null(r) => (String::new(), r.clone()),
    }
}

/// The KPIs as CSV: id, label, value, unit, previous, change, formula, why empty.
pub fn report_csv(r: &Report, path: &Path) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_path(path).map_err(|e| werr(path, e))?;
    w.write_record(["kpi", "label", "value", "unit", "previous", "change", "formula", "why empty"])
        .map_err(|e| werr(path, e))?;
    for (id, k) in &r.kpis.0 {
        let (label, formula) = formulas::find(id).unwrap_or((id, ""));
        let (value, why) = value_text(&k.value);
        let extra = |name: &str| {
            k.extra.iter().find(|(n, _)| *n == name).map(|(_, v)| v.to_string()).unwrap_or_default()
        };
        let unit = serde_json::to_value(k.unit)
            .ok()
            .and_then(|u| u.as_str().map(String::from))
            .unwrap_or_default();
        let row = [
            id.to_string(),
            label.to_string(),
            value,
            unit,
            extra("previous"),
            extra("change"),
            formula.to_string(),
            why,
        ];
        w.write_record(row.iter().map(|c| csv_safe(c))).map_err(|e| werr(path, e))?;
    }
    w.flush().map_err(|e| werr(path, e))
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

/// The dashboard as a workbook: KPIs, Movements, Cohorts, CSMs.
pub fn report_xlsx(r: &Report, source: &str, path: &Path) -> Result<(), ExportError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let x = |e: rust_xlsxwriter::XlsxError| werr(path, e);
    let ws = wb.add_worksheet().set_name("KPIs").map_err(x)?;
    ws.write_string(
        0,
        0,
        format!("Northstar report: {source}, {} .. {}", r.period.from, r.period.to),
    )
    .map_err(x)?;
    // Why the period is not the one asked for (cut at the end of the revenue data).
    if let Some(note) = &r.period.note {
        ws.write_string(1, 0, note).map_err(x)?;
    }
    for (j, h) in
        ["KPI", "Value", "Unit", "Previous period", "Change", "How it is computed", "Why empty"]
            .iter()
            .enumerate()
    {
        ws.write_string_with_format(2, j as u16, *h, &bold).map_err(x)?;
    }
    for (i, (id, k)) in r.kpis.0.iter().enumerate() {
        let row = 3 + i as u32;
        let (label, formula) = formulas::find(id).unwrap_or((id, ""));
        ws.write_string(row, 0, label).map_err(x)?;
        match &k.value {
            Value::Number(d) => {
                ws.write_number(row, 1, to_f64(*d)).map_err(x)?;
            }
            other => {
                let (text, why) = value_text(other);
                ws.write_string(row, 1, text).map_err(x)?;
                ws.write_string(row, 6, why).map_err(x)?;
            }
        }
        ws.write_string(
            row,
            2,
            serde_json::to_value(k.unit)
                .ok()
                .and_then(|u| u.as_str().map(String::from))
                .unwrap_or_default(),
        )
        .map_err(x)?;
        for (col, name) in [(3u16, "previous"), (4, "change")] {
            if let Some((_, v)) = k.extra.iter().find(|(n, _)| *n == name) {
                ws.write_number(row, col, to_f64(*v)).map_err(x)?;
            }
        }
        ws.write_string(row, 5, formula).map_err(x)?;
    }
    let ws = wb.add_worksheet().set_name("Movements").map_err(x)?;
    for (j, h) in ["Month", "MRR", "New", "Reactivation", "Expansion", "Contraction", "Churn"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, j as u16, *h, &bold).map_err(x)?;
    }
    for (i, m) in r.movements.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, &m.month).map_err(x)?;
        for (j, v) in
            [m.mrr, m.new, m.reactivation, m.expansion, m.contraction, m.churn].iter().enumerate()
        {
            ws.write_number(row, 1 + j as u16, to_f64(*v)).map_err(x)?;
        }
    }
    let ws = wb.add_worksheet().set_name("Cohorts").map_err(x)?;
    ws.write_string_with_format(0, 0, "Cohort", &bold).map_err(x)?;
    ws.write_string_with_format(0, 1, "Customers", &bold).map_err(x)?;
    ws.write_string_with_format(0, 2, "Logo retention by month of age →", &bold).map_err(x)?;
    for (i, c) in r.cohorts.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, &c.cohort).map_err(x)?;
        ws.write_number(row, 1, c.customers as f64).map_err(x)?;
        for (k, v) in c.logo.iter().enumerate() {
            ws.write_number(row, 2 + k as u16, to_f64(v.0)).map_err(x)?;
        }
    }
    let ws = wb.add_worksheet().set_name("CSMs").map_err(x)?;
    for (j, h) in [
        "CSM",
        "Customers",
        "MRR",
        "NRR",
        "GRR",
        "Logo churn",
        "Onboarding rating",
        "Time to value (days)",
        "Engagement",
        "Advocacy",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, j as u16, *h, &bold).map_err(x)?;
    }
    for (i, c) in r.csm.iter().enumerate() {
        let row = 1 + i as u32;
        ws.write_string(row, 0, &c.csm).map_err(x)?;
        ws.write_number(row, 1, c.customers as f64).map_err(x)?;
        ws.write_number(row, 2, to_f64(c.mrr.0)).map_err(x)?;
        for (j, v) in [c.nrr, c.grr, c.customer_churn_rate, c.onboarding_rating, c.ttfv_days]
            .iter()
            .enumerate()
        {
            if let Some(v) = v {
                ws.write_number(row, 3 + j as u16, to_f64(v.0)).map_err(x)?;
            }
        }
        ws.write_number(row, 8, c.engagement_activities as f64).map_err(x)?;
        ws.write_number(row, 9, c.advocacy_activities as f64).map_err(x)?;
    }
    wb.save(path).map_err(x)
}

/// A scenario beside its baseline, year by year.
pub fn scenario_xlsx(name: &str, c: &Comparison, path: &Path) -> Result<(), ExportError> {
    let mut wb = Workbook::new();
    let bold = Format::new().set_bold();
    let x = |e: rust_xlsxwriter::XlsxError| werr(path, e);
    let ws = wb.add_worksheet().set_name("Scenario").map_err(x)?;
    ws.write_string_with_format(0, 0, format!("What-if: {name}"), &bold).map_err(x)?;
    let heads = [
        "Year",
        "ARR",
        "Baseline ARR",
        "Δ ARR",
        "Customers",
        "NRR",
        "GRR",
        "New ARR",
        "Churned ARR",
        "Expansion ARR",
        "Contraction ARR",
    ];
    for (j, h) in heads.iter().enumerate() {
        ws.write_string_with_format(2, j as u16, *h, &bold).map_err(x)?;
    }
    for (i, (y, b)) in c.scenario.years.iter().zip(&c.baseline.years).enumerate() {
        let row = 3 + i as u32;
        let vals = [
            y.year as f64,
            to_f64(y.arr.0),
            to_f64(b.arr.0),
            to_f64(y.arr.0 - b.arr.0),
            to_f64(y.customers.0),
            to_f64(y.nrr.0),
            to_f64(y.grr.0),
            to_f64(y.new_arr.0),
            to_f64(y.churned_arr.0),
            to_f64(y.expansion_arr.0),
            to_f64(y.contraction_arr.0),
        ];
        for (j, v) in vals.iter().enumerate() {
            ws.write_number(row, j as u16, *v).map_err(x)?;
        }
    }
    // The value of a customer under its own names, scenario then baseline: the lifetime value
    // (its reason where unbounded) and the value over the horizon.
    let row = 4 + c.scenario.years.len() as u32;
    ws.write_string_with_format(row, 1, "Scenario", &bold).map_err(x)?;
    ws.write_string_with_format(row, 2, "Baseline", &bold).map_err(x)?;
    ws.write_string(row + 1, 0, "Lifetime value (CLV)").map_err(x)?;
    for (j, f) in [&c.scenario, &c.baseline].into_iter().enumerate() {
        match (f.clv, f.clv_reason) {
            (Some(v), _) => ws.write_number(row + 1, 1 + j as u16, to_f64(v.0)).map_err(x)?,
            (None, reason) => {
                ws.write_string(row + 1, 1 + j as u16, reason.unwrap_or("")).map_err(x)?
            }
        };
    }
    let years = c.scenario.years.len();
    ws.write_string(row + 2, 0, format!("Value over the {years}-year horizon")).map_err(x)?;
    ws.write_number(row + 2, 1, to_f64(c.scenario.clv_horizon.0)).map_err(x)?;
    ws.write_number(row + 2, 2, to_f64(c.baseline.clv_horizon.0)).map_err(x)?;
    wb.save(path).map_err(x)
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
        report_xlsx(&r, "=HYPERLINK(\"http://x\")", &out).unwrap();
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
        assert_eq!(csms.rows[1][0], crate::import::cells::Cell::Text("=1+2".into()));
    }

    #[test]
    fn exports_the_demo_report() {
        let imp = crate::loader::load(&crate::loader::Input::Demo, &Default::default()).unwrap();
        let r = crate::kpi::report(&imp.dataset, &Default::default(), &Default::default()).unwrap();
        let dir = tempfile::tempdir().unwrap();
        report_xlsx(&r, "demo", &dir.path().join("r.xlsx")).unwrap();
        // The workbook reads back through the importer's own reader, with the four sheets.
        let src = crate::import::Source::from_path(&dir.path().join("r.xlsx")).unwrap();
        let sheets: Vec<_> = crate::import::source::read_tables(&src)
            .unwrap()
            .into_iter()
            .map(|t| t.sheet.unwrap())
            .collect();
        assert_eq!(sheets, ["KPIs", "Movements", "Cohorts", "CSMs"]);
        report_csv(&r, &dir.path().join("r.csv")).unwrap();
        let text = std::fs::read_to_string(dir.path().join("r.csv")).unwrap();
        assert_eq!(text.lines().count(), 59);
        let mrr = r.kpis.get("mrr").unwrap().number().unwrap().to_string();
        assert!(text.lines().nth(1).unwrap().starts_with(&format!("mrr,MRR,{mrr},money,")));
    }
}
