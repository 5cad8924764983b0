//! The dashboard as a deck-ready workbook (KPIs, Movements, Cohorts, CSMs: a title naming the period
//! and segment, number formats, fitted columns, one row per quarter of expansion) or as CSV (one row
//! per KPI and per quarter, values rounded: money to cents, ratios to 6 decimals).

use super::cells::{round, Look, Sheet};
use super::{csv_safe, werr, ExportError};
use crate::kpi::value::{NoChange, Quarter};
use crate::kpi::{formulas, Kpi, Report, Unit, Value};
use crate::model::Month;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook};
use std::path::Path;

/// What the report export says besides the report: where the data came from, the segment it
/// is filtered to, and the currency symbol of the settings.
#[derive(Debug, Clone, Default)]
pub struct ReportMeta {
    /// The loaded files (or the demo), as the app names them.
    pub source: String,
    /// (attribute, value) when the view is filtered to a segment.
    pub segment: Option<(String, String)>,
    /// The settings' currency symbol ("$" when unset).
    pub currency: Option<String>,
}

impl ReportMeta {
    /// The currency symbol the numbers are written with.
    pub fn symbol(&self) -> &str {
        self.currency.as_deref().map(str::trim).filter(|s| !s.is_empty()).unwrap_or("$")
    }
}

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// `2025-11` -> `Nov 2025` (the text itself when it is not a month).
pub fn month_name(iso: &str) -> String {
    match Month::parse_iso(iso) {
        Some(m) => format!("{} {}", MONTHS[m.month() as usize - 1], m.year()),
        None => iso.to_string(),
    }
}

/// `Nov 2025 – Oct 2026`
pub fn span(from: &str, to: &str) -> String {
    format!("{} – {}", month_name(from), month_name(to))
}

/// A quarter as a row names it: `2026-Q4 (partial: Oct only)`, `2025-Q4 (partial: Nov–Dec only)`.
pub fn quarter_label(q: &Quarter) -> String {
    if !q.partial() {
        return q.quarter.clone();
    }
    let short = |m: Month| MONTHS[m.month() as usize - 1];
    let months = if q.first == q.last {
        short(q.first).to_string()
    } else {
        format!("{}–{}", short(q.first), short(q.last))
    };
    format!("{} (partial: {months} only)", q.quarter)
}

/// The segment as the title says it.
pub(super) fn segment_text(segment: &Option<(String, String)>) -> String {
    match segment {
        Some((k, v)) => format!("segment {k} = {v}"),
        None => "all customers".into(),
    }
}

/// The default file name of a dashboard export: `northstar-report-2025-11-to-2026-10.xlsx`, with the
/// segment when the view is filtered (`…-plan-enterprise.xlsx`).
pub fn report_file_name(r: &Report, segment: Option<&(String, String)>, ext: &str) -> String {
    file_name("report", r, segment, ext)
}

/// `northstar-{what}-{from}-to-{to}[-{segment}].{ext}`: the default name of an export of the view.
pub(super) fn file_name(
    what: &str,
    r: &Report,
    segment: Option<&(String, String)>,
    ext: &str,
) -> String {
    let mut name = format!("northstar-{what}-{}-to-{}", r.period.from, r.period.to);
    if let Some((k, v)) = segment {
        let slug: String = format!("{k}-{v}")
            .to_lowercase()
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '-' })
            .collect();
        let slug: Vec<&str> = slug.split('-').filter(|s| !s.is_empty()).collect();
        let slug: String = slug.join("-").chars().take(40).collect();
        if !slug.is_empty() {
            name.push('-');
            name.push_str(slug.trim_end_matches('-'));
        }
    }
    format!("{name}.{ext}")
}

/// The unit in words (the value's cell shows the symbol or the percent sign).
pub(super) fn unit_text(id: &str, unit: Unit) -> &'static str {
    match unit {
        Unit::Money => "money",
        Unit::Ratio if crate::kpi::formulas::is_multiple(id) => "multiple",
        Unit::Ratio => "percent",
        Unit::Score => "score",
        Unit::Count => "count",
        Unit::Days => "days",
        Unit::Hours => "hours",
        Unit::Months => "months",
        Unit::Minutes => "minutes",
    }
}

pub(super) fn extra(k: &Kpi, name: &str) -> Option<Decimal> {
    k.extra.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
}

/// What a reader should know about a KPI's value: why it is empty, why it covers only part of the
/// period, or why it has no comparison.
pub(super) fn note_text(k: &Kpi) -> String {
    if let Value::Null(reason) = &k.value {
        return reason.clone();
    }
    let mut parts = Vec::new();
    if let Some(n) = &k.note {
        parts.push(format!("partial data: {}", n.text));
    }
    match &k.no_change {
        Some(NoChange::Previous(r)) | Some(NoChange::Current(r)) => {
            parts.push(format!("no comparison: {r}"))
        }
        None => {}
    }
    parts.join("; ")
}

/// The dashboard as a workbook: KPIs, Movements, Cohorts, CSMs.
pub fn report_xlsx(r: &Report, meta: &ReportMeta, path: &Path) -> Result<(), ExportError> {
    let x = |e: rust_xlsxwriter::XlsxError| werr(path, e);
    let mut wb = Workbook::new();
    let symbol = meta.symbol().to_string();
    let bold = Format::new().set_bold();
    let head = Format::new().set_bold().set_border_bottom(rust_xlsxwriter::FormatBorder::Thin);
    let title = Format::new().set_bold().set_font_size(14);
    let wrap = Format::new().set_text_wrap().set_align(rust_xlsxwriter::FormatAlign::Top);
    let indent = Format::new().set_indent(1);
    let period = span(&r.period.from, &r.period.to);
    let headline = format!("Northstar report: {period}, {}", segment_text(&meta.segment));
    let previous = span(&r.previous_period.from, &r.previous_period.to);

    // KPIs.
    let ws = wb.add_worksheet().set_name("KPIs").map_err(x)?;
    let mut s = Sheet::new(ws, &symbol);
    let previous_head = format!("Previous ({previous})");
    let heads = ["KPI", "Value", "Unit", &previous_head, "Change", "Note", "How it is computed"];
    let header_row = 3;
    for (j, h) in heads.iter().enumerate() {
        s.text_with(header_row, j as u16, h, &head).map_err(x)?;
    }
    let mut row = header_row + 1;
    for (id, k) in &r.kpis.0 {
        let (label, formula) = formulas::find(id).unwrap_or((id, ""));
        let look = Look::of(id, k.unit);
        s.text_with(row, 0, label, &bold).map_err(x)?;
        if let Value::Number(d) = &k.value {
            s.number(row, 1, *d, look).map_err(x)?;
        }
        s.text(row, 2, unit_text(id, k.unit)).map_err(x)?;
        if let Some(p) = extra(k, "previous") {
            s.number(row, 3, p, look).map_err(x)?;
        }
        if let Some(c) = extra(k, "change") {
            s.number(row, 4, c, look.change()).map_err(x)?;
        }
        let note = note_text(k);
        if !note.is_empty() {
            s.text_with(row, 5, &note, &wrap).map_err(x)?;
        }
        s.text_with(row, 6, formula, &wrap).map_err(x)?;
        row += 1;
        // Expansion by quarter: one row per quarter, a partial one saying which months it holds.
        if let Value::Quarters(qs) = &k.value {
            for q in qs {
                s.text_with(row, 0, &quarter_label(q), &indent).map_err(x)?;
                s.number(row, 1, q.value, Look::Money).map_err(x)?;
                s.text(row, 2, "money").map_err(x)?;
                row += 1;
            }
        }
    }
    s.fit().map_err(x)?;
    let ws = s.ws;
    ws.write_string_with_format(0, 0, &headline, &title).map_err(x)?;
    ws.write_string(
        1,
        0,
        format!(
            "Data: {}. Changes compare with {previous}; changes of percentages are in points.",
            meta.source
        ),
    )
    .map_err(x)?;
    if let Some(note) = &r.period.note {
        ws.write_string(2, 0, note).map_err(x)?;
    }
    ws.set_freeze_panes(header_row + 1, 1).map_err(x)?;

    // Movements.
    let ws = wb.add_worksheet().set_name("Movements").map_err(x)?;
    let mut s = Sheet::new(ws, &symbol);
    let heads =
        ["Month", "MRR", "New", "Reactivation", "Expansion", "Contraction", "Churn", "Net new"];
    for (j, h) in heads.iter().enumerate() {
        s.text_with(2, j as u16, h, &head).map_err(x)?;
    }
    for (i, m) in r.movements.iter().enumerate() {
        let row = 3 + i as u32;
        s.text(row, 0, &month_name(&m.month)).map_err(x)?;
        let net = m.new + m.reactivation + m.expansion - m.contraction - m.churn;
        for (j, v) in
            [m.mrr, m.new, m.reactivation, m.expansion, m.contraction, m.churn].iter().enumerate()
        {
            s.number(row, 1 + j as u16, *v, Look::Money).map_err(x)?;
        }
        s.number(row, 7, net, Look::MoneyChange).map_err(x)?;
    }
    s.fit().map_err(x)?;
    s.ws.write_string_with_format(0, 0, format!("MRR movements by month: {period}"), &title)
        .map_err(x)?;
    s.ws.set_freeze_panes(3, 1).map_err(x)?;

    // Cohorts.
    let ws = wb.add_worksheet().set_name("Cohorts").map_err(x)?;
    let mut s = Sheet::new(ws, &symbol);
    let ages = r.cohorts.iter().map(|c| c.logo.len()).max().unwrap_or(0);
    s.text_with(2, 0, "Cohort", &head).map_err(x)?;
    s.text_with(2, 1, "Customers", &head).map_err(x)?;
    for k in 0..ages {
        s.text_with(2, 2 + k as u16, &format!("Month {k}"), &head).map_err(x)?;
    }
    for (i, c) in r.cohorts.iter().enumerate() {
        let row = 3 + i as u32;
        s.text(row, 0, &month_name(&c.cohort)).map_err(x)?;
        s.whole(row, 1, c.customers as f64).map_err(x)?;
        for (k, v) in c.logo.iter().enumerate() {
            s.number(row, 2 + k as u16, v.0, Look::Percent).map_err(x)?;
        }
    }
    s.fit().map_err(x)?;
    s.ws.write_string_with_format(
        0,
        0,
        "Logo retention by cohort: the share of each month's new customers still paying N months later",
        &title,
    )
    .map_err(x)?;
    s.ws.set_freeze_panes(3, 2).map_err(x)?;

    // CSMs.
    let ws = wb.add_worksheet().set_name("CSMs").map_err(x)?;
    let mut s = Sheet::new(ws, &symbol);
    let heads = [
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
    ];
    for (j, h) in heads.iter().enumerate() {
        s.text_with(2, j as u16, h, &head).map_err(x)?;
    }
    for (i, c) in r.csm.iter().enumerate() {
        let row = 3 + i as u32;
        s.text(row, 0, &c.csm).map_err(x)?;
        s.whole(row, 1, c.customers as f64).map_err(x)?;
        if let Some(mrr) = c.mrr {
            s.number(row, 2, mrr.0, Look::Money).map_err(x)?;
        }
        let cells = [
            (c.nrr, Look::Percent),
            (c.grr, Look::Percent),
            (c.customer_churn_rate, Look::Percent),
            (c.onboarding_rating, Look::OneDecimal),
            (c.ttfv_days, Look::OneDecimal),
        ];
        for (j, (v, look)) in cells.iter().enumerate() {
            if let Some(v) = v {
                s.number(row, 3 + j as u16, v.0, *look).map_err(x)?;
            }
        }
        s.whole(row, 8, c.engagement_activities as f64).map_err(x)?;
        s.whole(row, 9, c.advocacy_activities as f64).map_err(x)?;
    }
    s.fit().map_err(x)?;
    s.ws.write_string_with_format(0, 0, format!("Customer success managers: {period}"), &title)
        .map_err(x)?;
    s.ws.set_freeze_panes(3, 1).map_err(x)?;
    wb.save(path).map_err(x)
}

/// A number as CSV writes it: rounded as its look writes it (money to cents, ratios to 6
/// decimals), in its own unit (a change of a ratio stays a ratio, not points).
pub(super) fn csv_number(v: Decimal, look: Look) -> String {
    let dp = if look == Look::Points { 6 } else { look.decimals() };
    round(v, dp).to_string()
}

/// The KPIs as CSV: id, label, value, unit, previous, change, formula, why empty; expansion by
/// quarter as one row per quarter.
pub fn report_csv(r: &Report, path: &Path) -> Result<(), ExportError> {
    let mut w = csv::Writer::from_path(path).map_err(|e| werr(path, e))?;
    w.write_record(["kpi", "label", "value", "unit", "previous", "change", "formula", "why empty"])
        .map_err(|e| werr(path, e))?;
    let unit_id = |u: Unit| {
        serde_json::to_value(u).ok().and_then(|u| u.as_str().map(String::from)).unwrap_or_default()
    };
    for (id, k) in &r.kpis.0 {
        let (label, formula) = formulas::find(id).unwrap_or((id, ""));
        let look = Look::of(id, k.unit);
        let num = |name: &str, look: Look| extra(k, name).map(|v| csv_number(v, look));
        let mut rows: Vec<[String; 8]> = Vec::new();
        let plain = |v: String, why: String| {
            [
                id.to_string(),
                label.to_string(),
                v,
                unit_id(k.unit),
                num("previous", look).unwrap_or_default(),
                num("change", look.change()).unwrap_or_default(),
                formula.to_string(),
                why,
            ]
        };
        match &k.value {
            Value::Quarters(qs) => {
                for q in qs {
                    rows.push([
                        id.to_string(),
                        format!("{label}: {}", quarter_label(q)),
                        csv_number(q.value, Look::Money),
                        unit_id(k.unit),
                        String::new(),
                        String::new(),
                        formula.to_string(),
                        String::new(),
                    ]);
                }
                if qs.is_empty() {
                    rows.push([
                        id.to_string(),
                        label.to_string(),
                        String::new(),
                        unit_id(k.unit),
                        String::new(),
                        String::new(),
                        formula.to_string(),
                        "no quarter in the period".into(),
                    ]);
                }
            }
            Value::Number(d) => rows.push(plain(csv_number(*d, look), String::new())),
            Value::Null(reason) => rows.push(plain(String::new(), reason.clone())),
        }
        for row in rows {
            w.write_record(row.iter().map(|c| csv_safe(c))).map_err(|e| werr(path, e))?;
        }
    }
    w.flush().map_err(|e| werr(path, e))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::format_of;
    use super::*;
    use calamine::{Data, Reader, Xlsx};

    fn demo_report() -> Report {
        let imp = crate::loader::load(&crate::loader::Input::Demo, &Default::default()).unwrap();
        crate::kpi::report(&imp.dataset, &Default::default(), &Default::default()).unwrap()
    }

    /// The row of the KPIs sheet whose first cell is `label`.
    fn row_of(range: &calamine::Range<Data>, label: &str) -> u32 {
        let (start, _) = range.start().unwrap();
        range
            .rows()
            .position(|r| r.first().is_some_and(|c| c.to_string().trim() == label))
            .map(|i| start + i as u32)
            .unwrap_or_else(|| panic!("no row {label}"))
    }

    fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
        range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
    }

    #[test]
    fn the_dashboard_workbook_is_ready_for_a_slide() {
        let r = demo_report();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.xlsx");
        let meta = ReportMeta {
            source: "northstar-demo.xlsx".into(),
            segment: None,
            currency: Some("€".into()),
        };
        report_xlsx(&r, &meta, &out).unwrap();
        let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
        assert_eq!(book.sheet_names(), ["KPIs", "Movements", "Cohorts", "CSMs"]);
        let kpis = book.worksheet_range("KPIs").unwrap();
        let styles = book.worksheet_style("KPIs").unwrap();
        // The title names the period and the segment.
        let title = cell(&kpis, 0, 0).to_string();
        assert_eq!(title, "Northstar report: Nov 2025 – Oct 2026, all customers");
        // Money: the value to the cent, with the currency symbol and thousands separators.
        let arpa = row_of(&kpis, "ARPA");
        let want = r.kpis.get("arpa").unwrap().number().unwrap();
        assert_eq!(cell(&kpis, arpa, 1), Data::Float(crate::kpi::value::to_f64(round(want, 2))));
        assert_eq!(format_of(&styles, arpa, 1), "\"€\"#,##0.00");
        let mrr = row_of(&kpis, "MRR");
        assert_eq!(cell(&kpis, mrr, 1), Data::Float(858190.0));
        assert_eq!(format_of(&styles, mrr, 1), "\"€\"#,##0.00");
        // A ratio as a percentage; its change in points.
        let grr = row_of(&kpis, "Gross revenue retention");
        let Data::Float(v) = cell(&kpis, grr, 1) else { panic!("GRR is a number") };
        assert!((v - 0.871685).abs() < 1e-9, "{v}");
        assert_eq!(format_of(&styles, grr, 1), "0.0%");
        assert_eq!(format_of(&styles, grr, 4), "+0.0\" pts\";-0.0\" pts\";0.0\" pts\"");
        // Counts as whole numbers, months with one decimal, LTV : CAC as a multiple.
        let active = row_of(&kpis, "Active customers");
        assert_eq!(format_of(&styles, active, 1), "#,##0");
        assert_eq!(format_of(&styles, row_of(&kpis, "Customer lifetime"), 1), "#,##0.0");
        assert_eq!(format_of(&styles, row_of(&kpis, "LTV : CAC"), 1), "0.0\"×\"");
        // Expansion by quarter: one row per quarter, the partial ones saying which months.
        let q4 = row_of(&kpis, "2026-Q4 (partial: Oct only)");
        assert_eq!(cell(&kpis, q4, 1), Data::Float(13410.0));
        assert_eq!(format_of(&styles, q4, 1), "\"€\"#,##0.00");
        row_of(&kpis, "2025-Q4 (partial: Nov–Dec only)");
        assert_eq!(cell(&kpis, row_of(&kpis, "2026-Q1"), 1), Data::Float(12950.0));
        // Columns are fitted to their content, not left at Excel's default width.
        let xml = sheet_xml(&out, "xl/worksheets/sheet1.xml");
        assert!(xml.contains("<cols>") && xml.contains("customWidth=\"1\""), "{xml:.300}");
        // Movements: money; cohorts: percentages.
        let styles = book.worksheet_style("Movements").unwrap();
        assert_eq!(format_of(&styles, 3, 1), "\"€\"#,##0.00");
        let styles = book.worksheet_style("Cohorts").unwrap();
        assert_eq!(format_of(&styles, 3, 2), "0.0%");
    }

    fn sheet_xml(path: &Path, part: &str) -> String {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
        let mut f = zip.by_name(part).unwrap();
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut f, &mut xml).unwrap();
        xml
    }

    #[test]
    fn the_title_names_the_segment_and_the_file_name_the_period() {
        let r = demo_report();
        assert_eq!(report_file_name(&r, None, "xlsx"), "northstar-report-2025-11-to-2026-10.xlsx");
        let seg = ("plan".to_string(), "Enterprise / EU".to_string());
        assert_eq!(
            report_file_name(&r, Some(&seg), "csv"),
            "northstar-report-2025-11-to-2026-10-plan-enterprise-eu.csv"
        );
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.xlsx");
        let meta = ReportMeta { source: "demo".into(), segment: Some(seg), currency: None };
        report_xlsx(&r, &meta, &out).unwrap();
        let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
        let kpis = book.worksheet_range("KPIs").unwrap();
        assert_eq!(
            cell(&kpis, 0, 0).to_string(),
            "Northstar report: Nov 2025 – Oct 2026, segment plan = Enterprise / EU"
        );
        let styles = book.worksheet_style("KPIs").unwrap();
        assert_eq!(format_of(&styles, row_of(&kpis, "MRR"), 1), "\"$\"#,##0.00");
    }

    #[test]
    fn csv_values_are_rounded() {
        let r = demo_report();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("r.csv");
        report_csv(&r, &out).unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        // 62 KPIs, expansion as one row per quarter (5 quarters), and the header.
        assert_eq!(text.lines().count(), 62 - 1 + 5 + 1);
        let mut rows = csv::Reader::from_path(&out).unwrap();
        let mut seen = 0;
        for row in rows.records() {
            let row = row.unwrap();
            for col in [2, 4, 5] {
                let v = &row[col];
                if v.is_empty() {
                    continue;
                }
                let v = v.trim_start_matches('\'');
                assert!(v.parse::<f64>().is_ok(), "{v} in {row:?}");
                let decimals = v.split_once('.').map_or(0, |(_, f)| f.len());
                assert!(decimals <= 6, "{v} has {decimals} decimals in {row:?}");
                seen += 1;
            }
        }
        assert!(seen > 100);
        assert!(text.contains("\narpa,ARPA,3120.69,money,"), "{text:.400}");
        assert!(text.contains("\ngrr,Gross revenue retention,0.871685,ratio,"));
        assert!(text.contains(
            "\nquarterly_expansion_revenue,Expansion MRR by quarter: 2026-Q4 (partial: Oct only),13410,money,"
        ));
        assert!(!text.contains("3120.6909"));
    }
}
