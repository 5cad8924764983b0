//! A what-if scenario as a workbook a CFO can read: the yearly table beside the baseline (formatted:
//! money with the currency symbol, NRR and GRR as percentages, customers to one decimal) and an
//! Assumptions sheet with every input, its value, unit, where it came from ("from your data: …",
//! "default", "changed by you") and the baseline's value.

use super::cells::{Look, Sheet};
use super::{werr, ExportError};
use crate::forecast::baseline::{Source, SourceKind};
use crate::forecast::{self, Scenario};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// Where a baseline input came from, as the what-if panel received it with the baseline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct InputSource {
    pub input: String,
    pub from: String,
    pub kind: SourceKind,
}

impl From<&Source> for InputSource {
    fn from(s: &Source) -> InputSource {
        InputSource { input: s.input.to_string(), from: s.from.clone(), kind: s.kind }
    }
}

/// Every input of a scenario file: its name in words, its unit in words and how it is shown.
pub const INPUTS: &[(&str, &str, &str, Look)] = &[
    ("start_mrr", "Starting MRR", "money per month", Look::Money),
    ("start_customers", "Starting customers", "customers", Look::OneDecimal),
    ("monthly_churn", "Monthly logo churn", "share of customers lost a month", Look::FinePercent),
    (
        "monthly_revenue_churn",
        "Monthly revenue churn",
        "share of MRR lost to churned customers a month",
        Look::FinePercent,
    ),
    ("monthly_expansion", "Monthly expansion", "share of MRR gained a month", Look::FinePercent),
    (
        "monthly_contraction",
        "Monthly contraction",
        "share of MRR lost to downgrades a month",
        Look::FinePercent,
    ),
    ("new_customers_per_month", "New customers per month", "customers a month", Look::OneDecimal),
    ("new_customer_arpa", "ARPA of new customers", "money per customer a month", Look::Money),
    (
        "new_customer_growth",
        "Growth of new customers",
        "growth a month of new customers",
        Look::FinePercent,
    ),
    ("gross_margin", "Gross margin", "share of revenue", Look::Percent),
    ("annual_discount_rate", "Annual discount rate (for CLV)", "a year", Look::Percent),
    ("cac", "CAC", "money per new customer", Look::Money),
    ("years", "Years forecast", "years", Look::Whole),
];

/// True when the scenario's value is not the baseline's (beyond float noise).
fn changed(a: Option<Decimal>, b: Option<Decimal>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => {
            let tol = Decimal::new(1, 12) * b.abs().max(Decimal::ONE);
            (a - b).abs() > tol
        }
        (a, b) => a.is_some() != b.is_some(),
    }
}

/// Where an input's value came from, in words.
fn source_text(input: &str, is_changed: bool, sources: &[InputSource]) -> String {
    if is_changed {
        return "changed by you".into();
    }
    match sources.iter().find(|s| s.input == input) {
        Some(s) => match s.kind {
            SourceKind::Data => format!("from your data: {}", s.from),
            SourceKind::Settings => format!("from settings: {}", s.from),
            SourceKind::Default if s.from.starts_with("default") => s.from.clone(),
            SourceKind::Default => format!("default ({})", s.from),
        },
        None => "as in the baseline".into(),
    }
}

/// A scenario beside its baseline: the yearly table and the value of a customer (sheet
/// "Scenario"), and every input with its source (sheet "Assumptions"). `baseline` is the baseline
/// as the data gave it; it is forecast over the scenario's years.
pub fn scenario_xlsx(
    name: &str,
    scenario: &Scenario,
    baseline: &Scenario,
    sources: &[InputSource],
    currency: Option<&str>,
    path: &Path,
) -> Result<(), ExportError> {
    let x = |e: rust_xlsxwriter::XlsxError| werr(path, e);
    let symbol = currency.map(str::trim).filter(|s| !s.is_empty()).unwrap_or("$");
    let c = forecast::compare(scenario, &Scenario { years: scenario.years, ..baseline.clone() });
    let mut wb = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new().set_bold().set_border_bottom(FormatBorder::Thin);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);

    let ws = wb.add_worksheet().set_name("Scenario").map_err(x)?;
    let mut s = Sheet::new(ws, symbol);
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
        s.text_with(2, j as u16, h, &head).map_err(x)?;
    }
    for (i, (y, b)) in c.scenario.years.iter().zip(&c.baseline.years).enumerate() {
        let row = 3 + i as u32;
        s.whole(row, 0, f64::from(y.year)).map_err(x)?;
        let cells = [
            (y.arr.0, Look::Money),
            (b.arr.0, Look::Money),
            (y.arr.0 - b.arr.0, Look::MoneyChange),
            (y.customers.0, Look::OneDecimal),
            (y.nrr.0, Look::Percent),
            (y.grr.0, Look::Percent),
            (y.new_arr.0, Look::Money),
            (y.churned_arr.0, Look::Money),
            (y.expansion_arr.0, Look::Money),
            (y.contraction_arr.0, Look::Money),
        ];
        for (j, (v, look)) in cells.iter().enumerate() {
            s.number(row, 1 + j as u16, *v, *look).map_err(x)?;
        }
    }
    // The value of a customer under its own names, scenario then baseline: the lifetime value
    // (its reason where unbounded) and the value over the horizon.
    let row = 4 + c.scenario.years.len() as u32;
    s.text_with(row, 1, "Scenario", &bold).map_err(x)?;
    s.text_with(row, 2, "Baseline", &bold).map_err(x)?;
    s.ws.write_string(row + 1, 0, "Lifetime value (CLV)").map_err(x)?;
    for (j, f) in [&c.scenario, &c.baseline].into_iter().enumerate() {
        match (f.clv, f.clv_reason) {
            (Some(v), _) => s.number(row + 1, 1 + j as u16, v.0, Look::Money).map_err(x)?,
            (None, reason) => s.text(row + 1, 1 + j as u16, reason.unwrap_or("")).map_err(x)?,
        };
    }
    let years = c.scenario.years.len();
    s.ws.write_string(row + 2, 0, format!("Value over the {years}-year horizon")).map_err(x)?;
    s.number(row + 2, 1, c.scenario.clv_horizon.0, Look::Money).map_err(x)?;
    s.number(row + 2, 2, c.baseline.clv_horizon.0, Look::Money).map_err(x)?;
    s.ws.write_string(row + 3, 0, "LTV : CAC").map_err(x)?;
    for (j, f) in [&c.scenario, &c.baseline].into_iter().enumerate() {
        if let Some(v) = f.ltv_to_cac {
            s.number(row + 3, 1 + j as u16, v.0, Look::Times).map_err(x)?;
        }
    }
    s.ws.write_string(row + 4, 0, "CAC payback (months)").map_err(x)?;
    for (j, f) in [&c.scenario, &c.baseline].into_iter().enumerate() {
        if let Some(v) = f.cac_payback_months {
            s.number(row + 4, 1 + j as u16, v.0, Look::OneDecimal).map_err(x)?;
        }
    }
    s.fit().map_err(x)?;
    // Column A also holds the labels of the value rows.
    s.ws.set_column_width(0, 32).map_err(x)?;
    s.ws.write_string_with_format(0, 0, format!("What-if: {name}"), &title).map_err(x)?;
    s.ws.write_string(
        1,
        0,
        format!(
            "Forecast over {years} years beside the baseline from your data; the inputs are on the \
             Assumptions sheet."
        ),
    )
    .map_err(x)?;
    s.ws.set_freeze_panes(3, 1).map_err(x)?;

    let ws = wb.add_worksheet().set_name("Assumptions").map_err(x)?;
    let mut s = Sheet::new(ws, symbol);
    for (j, h) in ["Input", "Value", "Unit", "Source", "Baseline value"].iter().enumerate() {
        s.text_with(2, j as u16, h, &head).map_err(x)?;
    }
    let mine = scenario.values();
    let theirs = baseline.values();
    for (i, (input, label, unit, look)) in INPUTS.iter().enumerate() {
        let row = 3 + i as u32;
        let get = |vals: &[(&str, Option<Decimal>)]| {
            vals.iter().find(|(k, _)| k == input).and_then(|(_, v)| *v)
        };
        let (v, b) = (get(&mine), get(&theirs));
        s.text_with(row, 0, label, &bold).map_err(x)?;
        match v {
            Some(v) => s.number(row, 1, v, *look).map_err(x)?,
            None => s.text(row, 1, "none").map_err(x)?,
        }
        s.text(row, 2, unit).map_err(x)?;
        s.text_with(row, 3, &source_text(input, changed(v, b), sources), &wrap).map_err(x)?;
        match b {
            Some(b) => s.number(row, 4, b, *look).map_err(x)?,
            None => s.text(row, 4, "none").map_err(x)?,
        }
    }
    s.fit().map_err(x)?;
    s.ws.write_string_with_format(0, 0, format!("Assumptions of \"{name}\""), &title).map_err(x)?;
    s.ws.write_string(
        1,
        0,
        "Each input of the forecast, where its value came from, and the baseline's value.",
    )
    .map_err(x)?;
    s.ws.set_freeze_panes(3, 1).map_err(x)?;
    wb.save(path).map_err(x)
}

#[cfg(test)]
mod tests {
    use super::super::test_support::format_of;
    use super::*;
    use crate::forecast::ScenarioInput;
    use calamine::{Data, Reader, Xlsx};

    /// The baseline of the demo (with its sources) and a scenario with lower churn.
    #[test]
    fn the_scenario_workbook_holds_its_assumptions_and_a_formatted_table() {
        let imp = crate::loader::load(&crate::loader::Input::Demo, &Default::default()).unwrap();
        let settings = crate::settings::Settings::default();
        let r = crate::kpi::report(&imp.dataset, &Default::default(), &settings).unwrap();
        let base = crate::forecast::baseline::from_report(&r, &settings);
        let sources: Vec<InputSource> = base.sources.iter().map(InputSource::from).collect();
        let inputs = ScenarioInput { monthly_churn: Some(0.01), ..base.inputs.clone() };
        let (s, b) = (inputs.validate().unwrap(), base.inputs.validate().unwrap());
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("s.xlsx");
        scenario_xlsx("Lower churn", &s, &b, &sources, None, &out).unwrap();

        let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
        assert_eq!(book.sheet_names(), ["Scenario", "Assumptions"]);
        let a = book.worksheet_range("Assumptions").unwrap();
        let styles = book.worksheet_style("Assumptions").unwrap();
        let row = |label: &str| {
            (0..a.height() as u32)
                .find(|r| {
                    a.get_value((*r, 0)).is_some_and(|c| *c == Data::String(label.to_string()))
                })
                .unwrap_or_else(|| panic!("no row {label}"))
        };
        let text = |r: u32, c: u32| a.get_value((r, c)).map(|v| v.to_string()).unwrap_or_default();
        // Every input is listed.
        for (_, label, _, _) in INPUTS {
            row(label);
        }
        // Starting MRR: from the data, formatted as money, the same as the baseline.
        let mrr = row("Starting MRR");
        assert_eq!(a.get_value((mrr, 1)), Some(&Data::Float(858190.0)));
        assert_eq!(format_of(&styles, mrr, 1), "\"$\"#,##0.00");
        assert_eq!(text(mrr, 2), "money per month");
        assert_eq!(text(mrr, 3), "from your data: MRR in 2026-10");
        assert_eq!(a.get_value((mrr, 4)), Some(&Data::Float(858190.0)));
        // Logo churn: changed by the user, the baseline's value beside it.
        let churn = row("Monthly logo churn");
        assert_eq!(a.get_value((churn, 1)), Some(&Data::Float(0.01)));
        assert_eq!(format_of(&styles, churn, 1), "0.00%");
        assert_eq!(text(churn, 3), "changed by you");
        let Some(Data::Float(was)) = a.get_value((churn, 4)) else { panic!("baseline churn") };
        assert!((was - 0.01874).abs() < 1e-6, "{was}");
        // A default says so.
        assert!(text(row("Annual discount rate (for CLV)"), 3).starts_with("default"));
        assert_eq!(format_of(&styles, row("Years forecast"), 1), "#,##0");

        // The yearly table: money, percentages, customers to one decimal, no raw floats.
        let t = book.worksheet_range("Scenario").unwrap();
        let styles = book.worksheet_style("Scenario").unwrap();
        assert_eq!(t.get_value((0, 0)).unwrap().to_string(), "What-if: Lower churn");
        assert_eq!(t.get_value((2, 5)).unwrap().to_string(), "NRR");
        assert_eq!(format_of(&styles, 3, 1), "\"$\"#,##0.00");
        assert_eq!(format_of(&styles, 3, 5), "0.0%");
        assert_eq!(format_of(&styles, 3, 4), "#,##0.0");
        for r in 3..8 {
            for c in 1..11 {
                let Some(Data::Float(v)) = t.get_value((r, c)) else { panic!("{r},{c}") };
                let decimals = |v: f64| {
                    let s = v.to_string();
                    s.split_once('.').map_or(0, |(_, f)| f.len())
                };
                assert!(decimals(*v) <= 6, "{v} at {r},{c}");
            }
        }
    }

    #[test]
    fn without_sources_an_unchanged_input_is_as_in_the_baseline() {
        assert_eq!(source_text("cac", false, &[]), "as in the baseline");
        assert_eq!(source_text("cac", true, &[]), "changed by you");
        let src = [InputSource {
            input: "cac".into(),
            from: "not in your data: enter a value".into(),
            kind: SourceKind::Default,
        }];
        assert_eq!(source_text("cac", false, &src), "default (not in your data: enter a value)");
        assert!(changed(Some(Decimal::ONE), None));
        assert!(!changed(Some(Decimal::ONE), Some(Decimal::ONE)));
    }
}
