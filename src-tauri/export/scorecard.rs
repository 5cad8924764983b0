//! The Scorecard view as a workbook (Targets: every KPI with a target, its value, status, distance
//! and change; CSM scorecard: one row per CSM with each team metric's value, the team median and the
//! CSM's rank) or as one CSV holding both tables, told apart by its first column `table`
//! (`targets` / `csm`, one row per CSM and metric).

use super::cells::{Look, Sheet};
use super::report::{csv_number, extra, file_name, note_text, segment_text, unit_text, ReportMeta};
use super::{csv_safe, werr, ExportError};
use crate::kpi::scorecard::{Cell, Metric};
use crate::kpi::{display, Kpi, Report, Unit, Value};
use crate::targets::{bound_text, Assessment, Direction, Origin, Status};
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook};
use std::path::Path;

/// The default file name of a scorecard export: `northstar-scorecard-2025-11-to-2026-10.xlsx`, with
/// the segment when the view is filtered.
pub fn scorecard_file_name(r: &Report, segment: Option<&(String, String)>, ext: &str) -> String {
    file_name("scorecard", r, segment, ext)
}

/// The target in words, its bounds written as the tiles write them: `at least 110%`,
/// `at most 18 mo`, `within 30–70`.
pub fn target_words(a: &Assessment, unit: Unit, id: &str, symbol: &str) -> String {
    let b = |v| bound_text(v, unit, id, symbol);
    match (a.direction, a.low, a.high) {
        (Direction::AtLeast, Some(l), _) => format!("at least {}", b(l)),
        (Direction::AtMost, _, Some(h)) => format!("at most {}", b(h)),
        (Direction::Band, Some(l), Some(h)) => format!("within {}\u{2013}{}", b(l), b(h)),
        _ => "no target".into(),
    }
}

fn status_words(s: Option<Status>) -> &'static str {
    match s {
        Some(Status::OnTrack) => "on track",
        Some(Status::OffTrack) => "off track",
        None => "",
    }
}

fn origin_words(o: Origin) -> &'static str {
    match o {
        Origin::Workbook => "targets table of the files",
        Origin::User => "your targets",
        Origin::Default => "Northstar default",
    }
}

/// The KPIs that have a target, in the report's order.
fn targeted(r: &Report) -> impl Iterator<Item = (&'static str, &Kpi, &Assessment)> {
    r.kpis.0.iter().filter_map(|(id, k)| Some((*id, k, k.target.as_deref()?)))
}

/// The target's note and what a reader should know about the value (why it is empty, partial).
fn target_note(k: &Kpi, a: &Assessment) -> String {
    let parts = [a.note.clone().unwrap_or_default(), note_text(k)];
    parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join("; ")
}

/// A median of whole counts can fall halfway between two (2.5 activities): one decimal.
fn median_look(look: Look) -> Look {
    if look == Look::Whole {
        Look::OneDecimal
    } else {
        look
    }
}

/// The metric's label, with its direction when lower is better (rank 1 is then the lowest).
fn metric_head(m: &Metric) -> String {
    if m.good_when == "down" {
        format!("{} (lower is better)", m.label)
    } else {
        m.label.to_string()
    }
}

/// The scorecard as a workbook: Targets, CSM scorecard.
pub fn scorecard_xlsx(r: &Report, meta: &ReportMeta, path: &Path) -> Result<(), ExportError> {
    let x = |e: rust_xlsxwriter::XlsxError| werr(path, e);
    let mut wb = Workbook::new();
    let symbol = meta.symbol().to_string();
    let head = Format::new().set_bold().set_border_bottom(FormatBorder::Thin);
    let group = Format::new().set_bold().set_align(FormatAlign::Center);
    let title = Format::new().set_bold().set_font_size(14);
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let period = display::period_label(&r.period.from, &r.period.to);
    let previous = display::period_label(&r.previous_period.from, &r.previous_period.to);
    let seg = segment_text(&meta.segment);

    // Targets.
    let ws = wb.add_worksheet().set_name("Targets").map_err(x)?;
    let mut s = Sheet::new(ws, &symbol);
    let change_head = format!("Change vs {previous}");
    let heads = [
        "KPI",
        "Value",
        "Unit",
        "Target",
        "Status",
        "Against the target",
        &change_head,
        "Source",
        "Set by",
        "Note",
    ];
    let header_row = 3;
    for (j, h) in heads.iter().enumerate() {
        s.text_with(header_row, j as u16, h, &head).map_err(x)?;
    }
    let mut row = header_row + 1;
    for (id, k, a) in targeted(r) {
        let label = crate::kpi::formulas::find(id).map(|f| f.0).unwrap_or(id);
        let look = Look::of(id, k.unit);
        s.text_with(row, 0, label, &bold).map_err(x)?;
        if let Value::Number(v) = &k.value {
            s.number(row, 1, *v, look).map_err(x)?;
        }
        s.text(row, 2, unit_text(id, k.unit)).map_err(x)?;
        s.text(row, 3, &target_words(a, k.unit, id, &symbol)).map_err(x)?;
        if a.status.is_some() {
            s.text(row, 4, status_words(a.status)).map_err(x)?;
        }
        if let Some(d) = &a.distance {
            s.text(row, 5, d).map_err(x)?;
        }
        if let Some(c) = extra(k, "change") {
            s.number(row, 6, c, look.change()).map_err(x)?;
        }
        s.text_with(row, 7, &a.source, &wrap).map_err(x)?;
        s.text(row, 8, origin_words(a.origin)).map_err(x)?;
        let note = target_note(k, a);
        if !note.is_empty() {
            s.text_with(row, 9, &note, &wrap).map_err(x)?;
        }
        row += 1;
    }
    if row == header_row + 1 {
        s.ws.write_string(row, 0, "No KPI has a target: set them in Settings.").map_err(x)?;
    }
    s.fit().map_err(x)?;
    let ws = s.ws;
    ws.write_string_with_format(0, 0, format!("Targets: {period}, {seg}"), &title).map_err(x)?;
    let about = format!(
        "Data: {}. A value exactly on a bound is on track. Changes compare with {previous}; changes of percentages are in points.",
        meta.source
    );
    ws.write_string(1, 0, about).map_err(x)?;
    ws.set_freeze_panes(header_row + 1, 1).map_err(x)?;

    // CSM scorecard: columns 2 + 3j, 3 + 3j, 4 + 3j hold metric j's value, median and rank.
    let sc = &r.scorecard;
    let ws = wb.add_worksheet().set_name("CSM scorecard").map_err(x)?;
    let mut s = Sheet::new(ws, &symbol);
    let (groups, heads) = (3, 4);
    s.text_with(heads, 0, "CSM", &head).map_err(x)?;
    s.text_with(heads, 1, "Customers", &head).map_err(x)?;
    for (j, m) in sc.metrics.iter().enumerate() {
        let c = 2 + 3 * j as u16;
        s.ws.merge_range(groups, c, groups, c + 2, &metric_head(m), &group).map_err(x)?;
        for (k, h) in ["Value", "Team median", "Rank"].iter().enumerate() {
            s.text_with(heads, c + k as u16, h, &head).map_err(x)?;
        }
    }
    // The whole team: its KPI (over every customer of the view) and the median of the CSMs.
    let team = heads + 1;
    s.text_with(team, 0, "Team", &bold).map_err(x)?;
    if let Some(n) = r.kpis.get("active_customers").and_then(Kpi::number) {
        s.number(team, 1, n, Look::Whole).map_err(x)?;
    }
    s.text_with(team + 1, 0, "Team target", &bold).map_err(x)?;
    for (j, m) in sc.metrics.iter().enumerate() {
        let c = 2 + 3 * j as u16;
        let look = Look::of(m.id, m.unit);
        if let Some(v) = m.team {
            s.number(team, c, v.0, look).map_err(x)?;
        }
        if let Some(v) = m.median {
            s.number(team, c + 1, v.0, median_look(look)).map_err(x)?;
        }
        let target = r.kpis.get(m.id).and_then(|k| k.target.as_deref());
        if let Some(a) = target {
            s.text(team + 1, c, &target_words(a, m.unit, m.id, &symbol)).map_err(x)?;
        }
    }
    let mut row = team + 2;
    for csm in &sc.csms {
        s.text(row, 0, &csm.csm).map_err(x)?;
        s.whole(row, 1, csm.customers as f64).map_err(x)?;
        for (j, m) in sc.metrics.iter().enumerate() {
            let c = 2 + 3 * j as u16;
            let look = Look::of(m.id, m.unit);
            let Some(cell) = csm.metrics.get(m.id) else { continue };
            if let Some(v) = cell.value {
                s.number(row, c, v.0, look).map_err(x)?;
            }
            if let Some(v) = cell.median {
                s.number(row, c + 1, v.0, median_look(look)).map_err(x)?;
            }
            if let Some(k) = cell.rank {
                s.whole(row, c + 2, k as f64).map_err(x)?;
            }
        }
        row += 1;
    }
    s.fit().map_err(x)?;
    let ws = s.ws;
    // Why a metric is empty for the whole team, under the table (not counted in the widths).
    row += 1;
    for m in &sc.metrics {
        if let Some(reason) = &m.reason {
            ws.write_string(row, 0, format!("{}: {reason}", m.label)).map_err(x)?;
            row += 1;
        }
    }
    if sc.csms.is_empty() {
        ws.write_string(row, 0, "No CSM: the customers table has no csm column.").map_err(x)?;
    }
    ws.write_string_with_format(0, 0, format!("CSM scorecard: {period}, {seg}"), &title)
        .map_err(x)?;
    ws.write_string(
        1,
        0,
        "Each CSM's value over the customers they own, the team median (the median of the CSMs' values) \
         and the CSM's rank (1 = best by the metric's good direction; equal values share a rank).",
    )
    .map_err(x)?;
    ws.set_freeze_panes(team, 1).map_err(x)?;
    wb.save(path).map_err(x)
}

/// The columns of the scorecard CSV: a `targets` row fills kpi..unit, shown and target..note; a `csm`
/// row fills kpi..shown and team..rank.
const CSV_HEAD: [&str; 20] = [
    "table",
    "kpi",
    "label",
    "csm",
    "customers",
    "value",
    "unit",
    "shown",
    "team",
    "team_median",
    "rank",
    "target",
    "low",
    "high",
    "status",
    "distance",
    "source",
    "previous",
    "change",
    "note",
];

fn unit_id(u: Unit) -> String {
    serde_json::to_value(u).ok().and_then(|u| u.as_str().map(String::from)).unwrap_or_default()
}

/// The scorecard as one CSV: the `targets` rows (one per KPI with a target), then the `csm` rows
/// (one per CSM and team metric). Values are rounded as the dashboard CSV rounds them (money to
/// cents, ratios to 6 decimals); `shown` is the value as the app shows it. Cells a spreadsheet
/// would run as a formula are escaped.
pub fn scorecard_csv(r: &Report, meta: &ReportMeta, path: &Path) -> Result<(), ExportError> {
    let symbol = meta.symbol();
    let mut w = csv::Writer::from_path(path).map_err(|e| werr(path, e))?;
    let mut put = |row: [String; 20]| {
        w.write_record(row.iter().map(|c| csv_safe(c))).map_err(|e| werr(path, e))
    };
    put(CSV_HEAD.map(String::from))?;
    for (id, k, a) in targeted(r) {
        let look = Look::of(id, k.unit);
        let num = |v: Option<rust_decimal::Decimal>, look| {
            v.map(|v| csv_number(v, look)).unwrap_or_default()
        };
        let label = crate::kpi::formulas::find(id).map(|f| f.0).unwrap_or(id);
        let v = k.number();
        let mut row: [String; 20] = Default::default();
        row[0] = "targets".into();
        row[1] = id.into();
        row[2] = label.into();
        row[5] = num(v, look);
        row[6] = unit_id(k.unit);
        row[7] = v.map(|v| display::value_text(v, k.unit, id, symbol)).unwrap_or_default();
        row[11] = target_words(a, k.unit, id, symbol);
        row[12] = num(a.low, look);
        row[13] = num(a.high, look);
        row[14] = status_words(a.status).into();
        row[15] = a.distance.clone().unwrap_or_default();
        row[16] = a.source.clone();
        row[17] = num(extra(k, "previous"), look);
        row[18] = num(extra(k, "change"), look.change());
        row[19] = target_note(k, a);
        put(row)?;
    }
    for csm in &r.scorecard.csms {
        for m in &r.scorecard.metrics {
            let look = Look::of(m.id, m.unit);
            let cell = csm.metrics.get(m.id).copied();
            let cell = cell.unwrap_or(Cell { value: None, median: None, rank: None, status: None });
            let num = |v: Option<crate::kpi::value::Num>, look| {
                v.map(|v| csv_number(v.0, look)).unwrap_or_default()
            };
            let mut row: [String; 20] = Default::default();
            row[0] = "csm".into();
            row[1] = m.id.into();
            row[2] = m.label.into();
            row[3] = csm.csm.clone();
            row[4] = csm.customers.to_string();
            row[5] = num(cell.value, look);
            row[6] = unit_id(m.unit);
            row[7] = cell
                .value
                .map(|v| display::value_text(v.0, m.unit, m.id, symbol))
                .unwrap_or_default();
            row[8] = num(m.team, look);
            row[9] = num(m.median, look);
            row[10] = cell.rank.map(|k| k.to_string()).unwrap_or_default();
            row[19] = m.reason.clone().unwrap_or_default();
            put(row)?;
        }
    }
    w.flush().map_err(|e| werr(path, e))
}

#[cfg(test)]
mod tests {
    use super::super::test_support::format_of;
    use super::*;
    use calamine::{Data, Reader, Xlsx};
    use rust_decimal::Decimal;

    /// Three customers, one per CSM (Ann, Bob and `=cmd`, a name that looks like a formula), over
    /// Dec 2023 – Feb 2024; the period is Feb 2024 (the previous one Jan 2024). MRR Dec, Jan, Feb:
    /// A (Ann) 500, 500, 600; B (Bob) 300, 300, 300; C (=cmd) 200, 200, 168.
    /// Targets: NRR at least 1.1 and MRR at least 1,000 (the user's); the defaults for the rest.
    fn small_report() -> Report {
        let dir = tempfile::tempdir().unwrap();
        let mrr = dir.path().join("mrr.csv");
        let mut text = String::from("Customer ID,Month,MRR\n");
        for (c, v) in [("A", [500, 500, 600]), ("B", [300, 300, 300]), ("C", [200, 200, 168])] {
            for (m, v) in ["2023-12", "2024-01", "2024-02"].iter().zip(v) {
                text.push_str(&format!("{c},{m},{v}\n"));
            }
        }
        std::fs::write(&mrr, text).unwrap();
        let customers = dir.path().join("customers.csv");
        std::fs::write(&customers, "Customer ID,CSM\nA,Ann\nB,Bob\nC,=cmd\n").unwrap();
        let imp = crate::import::import_paths(&[mrr, customers], &Default::default()).unwrap();
        let target = |kpi: &str, low: Decimal| crate::model::Target {
            kpi: kpi.into(),
            low: Some(low),
            source: "board plan 2024".into(),
            ..Default::default()
        };
        let settings = crate::settings::Settings {
            targets: vec![target("nrr", Decimal::new(11, 1)), target("mrr", Decimal::from(1000))],
            ..Default::default()
        };
        let feb = crate::model::Month::parse_iso("2024-02");
        let req = crate::kpi::ReportRequest { from: feb, to: feb, ..Default::default() };
        crate::kpi::report(&imp.dataset, &req, &settings).unwrap()
    }

    fn meta() -> ReportMeta {
        ReportMeta { source: "mrr.csv, customers.csv".into(), segment: None, currency: None }
    }

    fn row_of(range: &calamine::Range<Data>, label: &str) -> u32 {
        range
            .rows()
            .position(|r| r.first().is_some_and(|c| matches!(c, Data::String(s) if s == label)))
            .map(|i| range.start().unwrap().0 + i as u32)
            .unwrap_or_else(|| panic!("no row {label}"))
    }

    fn cell(range: &calamine::Range<Data>, row: u32, col: u32) -> Data {
        range.get_value((row, col)).cloned().unwrap_or(Data::Empty)
    }

    fn text(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
        cell(range, row, col).to_string()
    }

    #[test]
    fn the_targets_sheet_says_status_distance_and_change() {
        let r = small_report();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("s.xlsx");
        scorecard_xlsx(&r, &meta(), &out).unwrap();
        let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
        assert_eq!(book.sheet_names(), ["Targets", "CSM scorecard"]);
        let t = book.worksheet_range("Targets").unwrap();
        let styles = book.worksheet_style("Targets").unwrap();
        assert_eq!(text(&t, 0, 0), "Targets: Feb 2024, all customers");
        assert_eq!(text(&t, 3, 6), "Change vs Jan 2024");
        // NRR: the customers paying in Jan (A, B, C) end Feb with 600 + 300 + 168 = 1,068 of their
        // 500 + 300 + 200 = 1,000: 1.068, shown 106.8%. Against at least 110%: 110 − 106.8 = 3.2
        // points below, off track. Jan's NRR: 1,000 / 1,000 = 1, so the change is +6.8 pts.
        let nrr = row_of(&t, "Net revenue retention");
        assert_eq!(cell(&t, nrr, 1), Data::Float(1.068));
        assert_eq!(format_of(&styles, nrr, 1), "0.0%");
        assert_eq!(text(&t, nrr, 2), "percent");
        assert_eq!(text(&t, nrr, 3), "at least 110%");
        assert_eq!(text(&t, nrr, 4), "off track");
        assert_eq!(text(&t, nrr, 5), "3.2 pts below 110%");
        assert_eq!(cell(&t, nrr, 6), Data::Float(6.8));
        assert_eq!(format_of(&styles, nrr, 6), "+0.0\" pts\";-0.0\" pts\";0.0\" pts\"");
        assert_eq!(text(&t, nrr, 7), "board plan 2024");
        assert_eq!(text(&t, nrr, 8), "your targets");
        // MRR: 1,068 against at least $1,000: $68.00 above (money under $100 shows cents), on
        // track; Jan's MRR 1,000, so +$68.00.
        let mrr = row_of(&t, "MRR");
        assert_eq!(cell(&t, mrr, 1), Data::Float(1068.0));
        assert_eq!(format_of(&styles, mrr, 1), "\"$\"#,##0.00");
        assert_eq!(text(&t, mrr, 3), "at least $1,000");
        assert_eq!(text(&t, mrr, 4), "on track");
        assert_eq!(text(&t, mrr, 5), "$68.00 above $1,000");
        assert_eq!(cell(&t, mrr, 6), Data::Float(68.0));
        // NPS keeps its default band and has no value (no surveys): no status, the reason instead.
        let nps = row_of(&t, "NPS");
        assert_eq!(cell(&t, nps, 1), Data::Empty);
        assert_eq!(text(&t, nps, 3), "within 30–70");
        assert_eq!(cell(&t, nps, 4), Data::Empty);
        assert_eq!(text(&t, nps, 7), "scores between 30 and 70 are considered desirable");
        assert_eq!(text(&t, nps, 8), "Northstar default");
        assert!(text(&t, nps, 9).contains("surveys"), "{}", text(&t, nps, 9));
        // Every KPI with a target and no other: MRR, NRR and the four other defaults.
        let rows = t.rows().skip(4 - t.start().unwrap().0 as usize);
        assert_eq!(rows.filter(|r| r[0] != Data::Empty).count(), 6);
    }

    #[test]
    fn the_csm_sheet_has_value_median_and_rank_per_metric() {
        let r = small_report();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("s.xlsx");
        scorecard_xlsx(&r, &meta(), &out).unwrap();
        let mut book: Xlsx<_> = calamine::open_workbook(&out).unwrap();
        let s = book.worksheet_range("CSM scorecard").unwrap();
        let styles = book.worksheet_style("CSM scorecard").unwrap();
        // Metric j's columns start at 2 + 3j: NRR is the 8th metric (j = 7, column 23), expansion
        // the 9th (column 26), logo churn the 10th (column 29, lower is better).
        let col = |id: &str| {
            2 + 3 * crate::kpi::scorecard::METRICS.iter().position(|m| m.0 == id).unwrap() as u32
        };
        let (nrr, exp, churn) = (col("nrr"), col("mrr_expansion"), col("customer_churn_rate"));
        assert_eq!(text(&s, 0, 0), "CSM scorecard: Feb 2024, all customers");
        assert_eq!(text(&s, 3, nrr), "Net revenue retention");
        assert_eq!(text(&s, 3, churn), "Logo churn (period) (lower is better)");
        assert_eq!(
            [text(&s, 4, nrr), text(&s, 4, nrr + 1), text(&s, 4, nrr + 2)],
            ["Value", "Team median", "Rank"]
        );
        // The team: 3 active customers, NRR 1.068; the median of the CSMs' NRRs 1.2 (Ann: 600 /
        // 500), 1 (Bob: 300 / 300) and 0.84 (=cmd: 168 / 200) is 1; its target in words below.
        assert_eq!(text(&s, 5, 0), "Team");
        assert_eq!(cell(&s, 5, 1), Data::Float(3.0));
        assert_eq!(cell(&s, 5, nrr), Data::Float(1.068));
        assert_eq!(cell(&s, 5, nrr + 1), Data::Float(1.0));
        assert_eq!(text(&s, 6, nrr), "at least 110%");
        // Ann is 1st on NRR (1.2 beats 1 and 0.84), =cmd 3rd; the name is written as text.
        let ann = row_of(&s, "Ann");
        assert_eq!(cell(&s, ann, 1), Data::Float(1.0));
        assert_eq!(cell(&s, ann, nrr), Data::Float(1.2));
        assert_eq!(cell(&s, ann, nrr + 1), Data::Float(1.0));
        assert_eq!(cell(&s, ann, nrr + 2), Data::Float(1.0));
        assert_eq!(format_of(&styles, ann, nrr), "0.0%");
        assert_eq!(format_of(&styles, ann, nrr + 2), "#,##0");
        let cmd = row_of(&s, "=cmd");
        assert_eq!(cell(&s, cmd, nrr), Data::Float(0.84));
        assert_eq!(cell(&s, cmd, nrr + 2), Data::Float(3.0));
        // Expansion in Feb: Ann 600 − 500 = $100, Bob and =cmd none (C contracted): the median of
        // 100, 0, 0 is 0; Ann 1st, the other two share 2nd.
        assert_eq!(cell(&s, ann, exp), Data::Float(100.0));
        assert_eq!(format_of(&styles, ann, exp), "\"$\"#,##0.00");
        assert_eq!(cell(&s, ann, exp + 1), Data::Float(0.0));
        let bob = row_of(&s, "Bob");
        assert_eq!(
            [cell(&s, bob, exp + 2), cell(&s, cmd, exp + 2)],
            [Data::Float(2.0), Data::Float(2.0)]
        );
        // Nobody churned: 0% for all, all share 1st.
        assert_eq!(cell(&s, bob, churn), Data::Float(0.0));
        assert_eq!(cell(&s, bob, churn + 2), Data::Float(1.0));
        // NPS has no data for anyone: empty cells, and the reason under the table.
        let nps = col("nps");
        assert_eq!(cell(&s, ann, nps), Data::Empty);
        let reason = r.scorecard.metric("nps").unwrap().reason.clone().unwrap();
        row_of(&s, &format!("NPS: {reason}"));
    }

    #[test]
    fn the_csv_holds_both_tables_with_formulas_escaped() {
        let r = small_report();
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("s.csv");
        scorecard_csv(&r, &meta(), &out).unwrap();
        let text = std::fs::read_to_string(&out).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], CSV_HEAD.join(","));
        // NRR as worked out above; previous 1 (Jan), change 0.068 (a ratio, not points).
        assert!(
            lines.contains(
                &"targets,nrr,Net revenue retention,,,1.068,ratio,106.8%,,,,at least 110%,1.1,,\
                  off track,3.2 pts below 110%,board plan 2024,1,0.068,"
            ),
            "{text}"
        );
        // 6 targets rows, then 3 CSMs × 10 metrics.
        assert_eq!(lines.iter().filter(|l| l.starts_with("targets,")).count(), 6);
        assert_eq!(lines.iter().filter(|l| l.starts_with("csm,")).count(), 30);
        assert_eq!(lines.len(), 1 + 6 + 30);
        // The CSM named =cmd is escaped: NRR 0.84 (84.0%), team 1.068, median 1, rank 3.
        assert!(
            lines.contains(
                &"csm,nrr,Net revenue retention,'=cmd,1,0.84,ratio,84.0%,1.068,1,3,,,,,,,,,"
            ),
            "{text}"
        );
        assert!(!text.contains(",=cmd"), "{text}");
        // Ann's expansion: $100, team $100, median 0, rank 1.
        assert!(
            lines
                .contains(&"csm,mrr_expansion,Expansion MRR,Ann,1,100,money,$100,100,0,1,,,,,,,,,"),
            "{text}"
        );
    }

    #[test]
    fn file_names_and_target_words() {
        let r = small_report();
        assert_eq!(
            scorecard_file_name(&r, None, "csv"),
            "northstar-scorecard-2024-02-to-2024-02.csv"
        );
        let seg = ("csm".to_string(), "Ann".to_string());
        assert_eq!(
            scorecard_file_name(&r, Some(&seg), "xlsx"),
            "northstar-scorecard-2024-02-to-2024-02-csm-ann.xlsx"
        );
        // At most 18 months (CAC payback's default), a band of scores.
        let a = |low: Option<i64>, high: Option<i64>| Assessment {
            low: low.map(Decimal::from),
            high: high.map(Decimal::from),
            direction: Direction::of(low.map(Decimal::from), high.map(Decimal::from)),
            source: String::new(),
            origin: Origin::Default,
            note: None,
            segment: None,
            csm: None,
            status: None,
            distance: None,
        };
        let months = Unit::Months;
        assert_eq!(
            target_words(&a(None, Some(18)), months, "cac_payback_months", "$"),
            "at most 18 mo"
        );
        assert_eq!(target_words(&a(Some(30), Some(70)), Unit::Score, "nps", "$"), "within 30–70");
        assert_eq!(target_words(&a(Some(3), None), Unit::Ratio, "ltv_to_cac", "$"), "at least 3×");
    }
}
