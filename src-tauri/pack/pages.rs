//! The pages of the pack, in order; each states its numbers as the app shows them (kpi::display)
//! so that the pack, the dashboard and the text report agree to the digit.

use super::charts::{self, Series, Step};
use super::layout::{
    Align, Canvas, Fonts, Style, ACCENT, AMBER, BAD, BODY, GOOD, HEADING, INK, LABEL, MARGIN,
    MUTED, SMALL, SUBHEADING,
};
use super::tables;
use super::{PackError, PackInput};
use crate::kpi::display::{change_text, month_label, period_label, value_text};
use crate::kpi::{formulas, Kpi, Unit, Value};
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::Document;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

#[derive(Debug, Clone, Copy, PartialEq)]
enum Section {
    Cover,
    Headline,
    Bridge,
    Trends,
    Cohorts,
    Voice,
    Themes,
    WhatMoved,
    Risk,
    AtRisk,
    Scenarios,
}

impl Section {
    fn title(self) -> &'static str {
        match self {
            Section::Cover => "Cover",
            Section::Headline => "Headline KPIs",
            Section::Bridge => "MRR bridge",
            Section::Trends => "Retention and churn trends",
            Section::Cohorts => "Cohort retention",
            Section::Voice => "Customer voice: NPS and CSAT",
            Section::Themes => "What customers say",
            Section::WhatMoved => "What moved",
            Section::Risk => "Riskiest accounts by health",
            Section::AtRisk => "At risk next",
            Section::Scenarios => "Saved scenarios compared",
        }
    }
}

fn sections(input: &PackInput) -> Vec<Section> {
    let mut out = vec![
        Section::Cover,
        Section::Headline,
        Section::Bridge,
        Section::Trends,
        Section::Cohorts,
        Section::Voice,
    ];
    if input.voice.is_some() {
        out.push(Section::Themes);
    }
    if !input.what_moved.is_empty() {
        out.push(Section::WhatMoved);
    }
    out.push(Section::Risk);
    out.push(Section::AtRisk);
    if !input.scenarios.is_empty() {
        out.push(Section::Scenarios);
    }
    out
}

pub fn draw(input: &PackInput, fonts: &Fonts) -> Result<Vec<u8>, PackError> {
    let (w, h) = input.paper.size();
    let list = sections(input);
    let mut doc = Document::new();
    for (k, section) in list.iter().enumerate() {
        let settings = PageSettings::from_wh(w, h).ok_or(PackError::Pdf("page size".into()))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let mut c = Canvas { surface: &mut surface, fonts, width: w, height: h };
        let r = input.report.period.clone();
        let period = period_label(&r.from, &r.to);
        if *section != Section::Cover {
            frame(&mut c, input, &period, section.title(), k + 1, list.len());
        }
        let top = MARGIN + 58.0;
        match section {
            Section::Cover => cover(&mut c, input, &period, &list),
            Section::Headline => tables::headline(&mut c, input, top),
            Section::Bridge => bridge(&mut c, input, top),
            Section::Trends => trends(&mut c, input, top),
            Section::Cohorts => cohorts(&mut c, input, top),
            Section::Voice => voice(&mut c, input, top),
            Section::Themes => super::themes::page(&mut c, input, top),
            Section::WhatMoved => what_moved(&mut c, input, top),
            Section::Risk => tables::risk(&mut c, input, top),
            Section::AtRisk => super::risknext::page(&mut c, input, top),
            Section::Scenarios => tables::scenarios(&mut c, input, top),
        }
        surface.finish();
        page.finish();
    }
    // No creation date and no random id: krilla derives the file id from the content, so the
    // same input gives the same bytes.
    let period = period_label(&input.report.period.from, &input.report.period.to);
    doc.set_metadata(
        Metadata::new()
            .title(format!("{} board pack, {period}", input.company))
            .creator("Northstar".into())
            .language("en".into()),
    );
    doc.finish().map_err(|e| PackError::Pdf(format!("{e:?}")))
}

/// The company and period on top, the page's title, the page number at the foot.
fn frame(c: &mut Canvas, input: &PackInput, period: &str, title: &str, n: usize, of: usize) {
    let mut head = format!("{}  ·  {period}", input.company);
    if let Some((k, v)) = &input.segment {
        head.push_str(&format!("  ·  {k} = {v}"));
    }
    c.text(MARGIN, MARGIN, &head, SMALL, Align::Left);
    c.text(MARGIN, MARGIN + 28.0, title, HEADING, Align::Left);
    c.hrule(MARGIN, MARGIN + 38.0, c.width - 2.0 * MARGIN);
    let foot = c.height - MARGIN / 2.0;
    c.text(MARGIN, foot, "Northstar board pack", SMALL, Align::Left);
    c.text(c.width - MARGIN, foot, &format!("{n} / {of}"), SMALL, Align::Right);
}

pub(super) fn label(id: &str) -> &'static str {
    formulas::find(id).map(|f| f.0).unwrap_or("")
}

/// A KPI's value as the tiles show it, or None (then `reason` says why).
pub(super) fn shown(input: &PackInput, id: &str, k: &Kpi) -> Option<String> {
    match &k.value {
        Value::Number(v) => Some(value_text(*v, k.unit, id, &input.currency)),
        _ => None,
    }
}

pub(super) fn extra(k: &Kpi, key: &str) -> Option<Decimal> {
    k.extra.iter().find(|(n, _)| *n == key).map(|(_, v)| *v)
}

/// The colour of a change: green when it moved the good way, red the bad way.
pub(super) fn change_color(id: &str, change: Decimal) -> crate::pack::layout::Color {
    let up = change > Decimal::ZERO;
    match formulas::good_when(id) {
        _ if change.is_zero() => MUTED,
        "up" if up => GOOD,
        "down" if !up => GOOD,
        "neutral" => MUTED,
        _ => BAD,
    }
}

fn cover(c: &mut Canvas, input: &PackInput, period: &str, list: &[Section]) {
    let x = MARGIN + 20.0;
    c.rect(0.0, 0.0, 12.0, c.height, ACCENT);
    c.text(x, 150.0, &input.company, Style::new(30.0, true, INK), Align::Left);
    c.text(x, 182.0, "Board pack", Style::new(18.0, false, ACCENT), Align::Left);
    c.text(x, 214.0, period, Style::new(14.0, true, INK), Align::Left);
    let prev = &input.report.previous_period;
    let mut y = 234.0;
    c.text(
        x,
        y,
        &format!("Compared with {}", period_label(&prev.from, &prev.to)),
        BODY,
        Align::Left,
    );
    if let Some((k, v)) = &input.segment {
        y += 16.0;
        c.text(x, y, &format!("Segment: {k} = {v}"), BODY, Align::Left);
    }
    if let Some(note) = &input.report.period.note {
        y += 16.0;
        y = c.paragraph(x, y, note, SMALL, c.width / 2.0 - x) - 12.0;
    }
    y += 34.0;
    c.text(x, y, "DATA FILES", LABEL, Align::Left);
    for f in &input.files {
        y += 15.0;
        let date = match &f.modified {
            Some(d) => format!("modified {d}"),
            None => "built-in demo workbook".to_string(),
        };
        let name = c.fit(&f.name, BODY, 260.0);
        c.text(x, y, &name, BODY, Align::Left);
        c.text(x + 270.0, y, &date, Style { color: MUTED, ..BODY }, Align::Left);
    }
    // Four figures at a glance along the foot of the cover.
    let fy = c.height - 120.0;
    let tile = (c.width - x - MARGIN) / 4.0;
    for (k, id) in ["arr", "nrr", "customer_churn_rate", "nps"].iter().enumerate() {
        let Some(kpi) = input.report.kpis.get(id) else { continue };
        let tx = x + tile * k as f32;
        c.text(tx, fy, &label(id).to_uppercase(), LABEL, Align::Left);
        let v = shown(input, id, kpi).unwrap_or_else(|| "\u{2014}".into());
        c.text(tx, fy + 26.0, &v, Style::new(20.0, true, INK), Align::Left);
        let sub = match (extra(kpi, "change"), kpi.reason()) {
            (Some(ch), _) => {
                let t = change_text(ch, kpi.unit, id, &input.currency);
                Some((format!("{t} vs previous"), change_color(id, ch)))
            }
            // The whole reason, wrapped: cut, it would not say why.
            (None, Some(why)) => Some((why.to_string(), MUTED)),
            (None, None) if kpi.no_change.is_some() => {
                Some(("no comparison (see the headline KPIs)".to_string(), MUTED))
            }
            (None, None) => None,
        };
        if let Some((t, color)) = sub {
            c.paragraph(tx, fy + 42.0, &t, Style { color, ..SMALL }, tile - 12.0);
        }
    }
    let cx = c.width / 2.0 + 80.0;
    let mut cy = 150.0;
    c.text(cx, cy, "CONTENTS", LABEL, Align::Left);
    for (k, s) in list.iter().enumerate().skip(1) {
        cy += 17.0;
        c.text(cx, cy, s.title(), BODY, Align::Left);
        c.text(c.width - MARGIN, cy, &(k + 1).to_string(), BODY, Align::Right);
    }
}

pub(super) fn money(input: &PackInput, id: &str, v: Decimal) -> String {
    value_text(v, Unit::Money, id, &input.currency)
}

fn bridge(c: &mut Canvas, input: &PackInput, top: f32) {
    let m = &input.report.movements;
    let (Some(first), Some(last)) = (m.first(), m.last()) else {
        let why =
            input.report.kpis.get("mrr").and_then(|k| k.reason()).unwrap_or("no revenue data");
        c.paragraph(MARGIN, top + 10.0, &format!("No MRR bridge: {why}."), BODY, 500.0);
        return;
    };
    if let Some(why) = m.iter().find_map(|x| x.unknown.as_deref()) {
        c.paragraph(MARGIN, top + 10.0, &format!("No MRR bridge: {why}."), BODY, 500.0);
        return;
    }
    let sum = |f: fn(&crate::kpi::Movement) -> Decimal| m.iter().map(f).sum::<Decimal>();
    let rows: Vec<(String, Decimal, bool, &str)> = vec![
        (format!("MRR {}", month_label(&before(&first.month))), first.prev_mrr, true, "mrr"),
        ("New".into(), sum(|x| x.new), false, "mrr_new"),
        ("Reactivation".into(), sum(|x| x.reactivation), false, "mrr_reactivation"),
        ("Expansion".into(), sum(|x| x.expansion), false, "mrr_expansion"),
        ("Contraction".into(), -sum(|x| x.contraction), false, "mrr_contraction"),
        ("Churn".into(), -sum(|x| x.churn), false, "mrr_churn"),
        (format!("MRR {}", month_label(&last.month)), last.mrr, true, "mrr"),
    ];
    let steps: Vec<Step> = rows
        .iter()
        .map(|(l, v, total, id)| Step {
            label: l.clone(),
            value: v.to_f64().unwrap_or(0.0),
            total: *total,
            text: if *total { money(input, id, *v) } else { signed_money(input, id, *v) },
        })
        .collect();
    let chart_w = c.width - 2.0 * MARGIN - 230.0;
    let chart_h = c.height - top - MARGIN - 30.0;
    charts::bridge(c, MARGIN, top, chart_w, chart_h, &steps);
    // The same numbers as a table, with net new MRR.
    let tx = MARGIN + chart_w + 30.0;
    let tr = c.width - MARGIN;
    let mut y = top + 20.0;
    for (l, v, total, id) in &rows {
        let style = if *total { Style::new(9.5, true, INK) } else { BODY };
        c.text(tx, y, l, style, Align::Left);
        let t = if *total { money(input, id, *v) } else { signed_money(input, id, *v) };
        c.text(tr, y, &t, style, Align::Right);
        y += 18.0;
    }
    c.hrule(tx, y - 12.0, tr - tx);
    y += 6.0;
    if let Some(k) = input.report.kpis.get("net_new_mrr") {
        c.text(tx, y, label("net_new_mrr"), Style::new(9.5, true, INK), Align::Left);
        let t = shown(input, "net_new_mrr", k).unwrap_or_else(|| "—".into());
        c.text(tr, y, &t, Style::new(9.5, true, INK), Align::Right);
    }
    y += 26.0;
    let note =
        "Opening MRR plus each movement of the period's months gives the closing MRR exactly.";
    y = c.paragraph(tx, y, note, SMALL, tr - tx) + 6.0;
    // A period from the first month of the data: its "new" is the whole opening book (the report's
    // note on the movements).
    if let Some(n) = input.report.kpis.get("mrr_new").and_then(|k| k.note.as_ref()) {
        let t = format!("Partial data: {}.", n.text);
        c.paragraph(tx, y, &t, Style { color: AMBER, ..SMALL }, tr - tx);
    }
}

/// The month before "2024-05": "2024-04".
fn before(month: &str) -> String {
    crate::model::Month::parse_iso(month).map(|m| m.plus(-1).to_string()).unwrap_or_default()
}

/// A movement with its sign: `+$12,400`, `−$3,100`.
fn signed_money(input: &PackInput, id: &str, v: Decimal) -> String {
    change_text(v, Unit::Money, id, &input.currency)
}

/// The months of the trend (the last up to 12 of the period), as short labels ("Nov 24").
fn trend_months(input: &PackInput, n: usize) -> Vec<String> {
    let Some(to) = crate::model::Month::parse_iso(&input.report.period.to) else {
        return Vec::new();
    };
    (0..n)
        .rev()
        .map(|k| {
            let m = month_label(&to.plus(-(k as i32)).to_string());
            match m.split_once(' ') {
                Some((name, year)) if year.len() == 4 => format!("{name} {}", &year[2..]),
                _ => m,
            }
        })
        .collect()
}

fn series(input: &PackInput, id: &str, name: &str, color: crate::pack::layout::Color) -> Series {
    let values = input
        .trend
        .get(id)
        .map(|v| v.iter().map(|n| n.and_then(|n| n.0.to_f64())).collect())
        .unwrap_or_default();
    Series { name: name.to_string(), color, values }
}

fn trends(c: &mut Canvas, input: &PackInput, top: f32) {
    let w = (c.width - 2.0 * MARGIN - 30.0) / 2.0;
    let h = c.height - top - MARGIN - 60.0;
    let n = input.trend.get("nrr").map(Vec::len).unwrap_or(0);
    let months = trend_months(input, n);
    // A tick that rounds to 0.0% is written without a sign.
    let pct = |v: f64| {
        let x = (v * 1000.0).round() / 10.0;
        let x = if x == 0.0 { 0.0 } else { x };
        format!("{x:.1}%").replace('-', "\u{2212}")
    };
    c.text(MARGIN, top, "NRR and GRR, month by month", SUBHEADING, Align::Left);
    let s = [series(input, "nrr", "NRR", ACCENT), series(input, "grr", "GRR", GOOD)];
    // 100%: where NRR and GRR keep the book whole.
    charts::lines(c, (MARGIN, top + 10.0, w, h), &s, &months, &pct, Some(1.0));
    let x2 = MARGIN + w + 30.0;
    c.text(x2, top, "Logo churn, month by month", SUBHEADING, Align::Left);
    let s = [series(input, "customer_churn_rate", "Logo churn", BAD)];
    charts::lines(c, (x2, top + 10.0, w, h), &s, &months, &pct, None);
    // The period's own values under the charts.
    let y = top + h + 34.0;
    let said = |id: &str| {
        let k = input.report.kpis.get(id)?;
        Some(match shown(input, id, k) {
            Some(v) => format!("{} over the period: {v}", label(id)),
            None => format!("{}: — ({})", label(id), k.reason().unwrap_or("not computable")),
        })
    };
    let left = [said("nrr"), said("grr")].into_iter().flatten().collect::<Vec<_>>().join("   ·   ");
    c.paragraph(MARGIN, y, &left, BODY, w);
    if let Some(t) = said("customer_churn_rate") {
        c.paragraph(x2, y, &t, BODY, w);
    }
}

fn cohorts(c: &mut Canvas, input: &PackInput, top: f32) {
    const AGES: usize = 12;
    let list = &input.report.cohorts;
    let recent = &list[list.len().saturating_sub(12)..];
    let rows: Vec<(String, String, Vec<f64>)> = recent
        .iter()
        .map(|k| {
            let cells = k.logo.iter().take(AGES).map(|n| n.0.to_f64().unwrap_or(0.0)).collect();
            (month_label(&k.cohort), k.customers.to_string(), cells)
        })
        .collect();
    let intro = "Share of each monthly cohort (customers by the month of their first MRR) still \
                 paying N months later, for the last 12 cohorts up to the period's end.";
    c.paragraph(MARGIN, top, intro, BODY, c.width - 2.0 * MARGIN);
    let h = c.height - top - MARGIN - 30.0;
    charts::heatmap(c, (MARGIN, top + 14.0, c.width - 2.0 * MARGIN, h), &rows, AGES);
}

fn voice(c: &mut Canvas, input: &PackInput, top: f32) {
    let w = (c.width - 2.0 * MARGIN - 40.0) / 2.0;
    let h = c.height - top - MARGIN - 70.0;
    let d = &input.report.details.distributions;
    let headline = |c: &mut Canvas, x: f32, id: &str| {
        let Some(k) = input.report.kpis.get(id) else { return };
        c.text(x, top, label(id), SUBHEADING, Align::Left);
        match shown(input, id, k) {
            Some(v) => {
                c.text(x, top + 26.0, &v, Style::new(20.0, true, INK), Align::Left);
                let mut side = Vec::new();
                if let Some(n) = extra(k, "n") {
                    side.push(format!("{n} responses"));
                }
                if let Some(ch) = extra(k, "change") {
                    side.push(format!(
                        "{} vs previous",
                        change_text(ch, k.unit, id, &input.currency)
                    ));
                }
                let vw = c.width_of(&v, Style::new(20.0, true, INK));
                c.text(x + vw + 12.0, top + 26.0, &side.join(", "), BODY, Align::Left);
            }
            None => {
                let why = format!("— ({})", k.reason().unwrap_or("not computable"));
                c.paragraph(x, top + 22.0, &why, BODY, w);
            }
        }
    };
    headline(c, MARGIN, "nps");
    let labels: Vec<String> = (0..=10).map(|s| s.to_string()).collect();
    let nps_color = |k: usize| match k {
        0..=6 => BAD,
        7 | 8 => AMBER,
        _ => GOOD,
    };
    charts::bars(c, (MARGIN, top + 44.0, w, h), &labels, &d.nps, &nps_color);
    let x2 = MARGIN + w + 40.0;
    headline(c, x2, "csat");
    let labels: Vec<String> = (1..=d.csat.len()).map(|s| s.to_string()).collect();
    let scale = d.csat.len().max(1);
    // The top two scores count as satisfied.
    let csat_color = move |k: usize| if k + 2 >= scale { GOOD } else { ACCENT };
    charts::bars(c, (x2, top + 44.0, w, h), &labels, &d.csat, &csat_color);
    let y = c.height - MARGIN - 14.0;
    let note = "NPS: responses per score 0–10 in the period (detractors 0–6 red, passives 7–8 \
                amber, promoters 9–10 green). CSAT: responses per score; the top two count as satisfied.";
    c.paragraph(MARGIN, y, note, SMALL, c.width - 2.0 * MARGIN);
}

fn what_moved(c: &mut Canvas, input: &PackInput, top: f32) {
    let mut y = top + 6.0;
    let w = c.width - 2.0 * MARGIN - 16.0;
    for s in &input.what_moved {
        c.text(MARGIN, y, "•", Style::new(11.0, true, ACCENT), Align::Left);
        y = c.paragraph(MARGIN + 16.0, y, s, Style::new(11.0, false, INK), w) + 6.0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_sections_only_when_there_is_something_to_show() {
        let imported =
            crate::loader::load(&crate::loader::Input::Demo, &Default::default()).unwrap();
        let settings = crate::settings::Settings::default();
        let mut input = crate::pack::gather(
            &imported.dataset,
            &Default::default(),
            &settings,
            crate::pack::data_files(&[]),
            &[],
            &Default::default(),
        )
        .unwrap();
        // The demo has what moved (one paragraph per headline KPI), comments, and no scenario.
        assert_eq!(input.what_moved.len(), 4);
        let list = sections(&input);
        assert_eq!(list.len(), 10);
        // What customers say follows the NPS and CSAT page; what moved comes before the riskiest
        // accounts and those at risk next.
        assert_eq!(list[6], Section::Themes);
        assert_eq!(list[7], Section::WhatMoved);
        assert_eq!(list[8], Section::Risk);
        assert_eq!(list[9], Section::AtRisk);
        input.what_moved.clear();
        input.voice = None;
        assert_eq!(sections(&input).len(), 8);
    }
}
