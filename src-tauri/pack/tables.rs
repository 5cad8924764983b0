//! The table pages of the pack: the headline KPIs (value, previous, change, target, sparkline), the
//! riskiest accounts and the saved scenarios compared.

use super::charts::{self, Series};
use super::layout::{
    wrap, Align, Canvas, Style, ACCENT, AMBER, BAD, BODY, GOOD, INK, LABEL, MARGIN, MUTED, SMALL,
    SUBHEADING,
};
use super::pages::{change_color, extra, label, money, shown};
use super::PackInput;
use crate::kpi::display::{agreeing_dp, change_text, change_text_dp, text, value_text};
use crate::kpi::value::NoChange;
use crate::kpi::Unit;
use crate::targets::Status;
use rust_decimal::prelude::ToPrimitive;

/// The KPIs of the headline page, in order.
const HEADLINE: &[&str] = &[
    "mrr",
    "arr",
    "net_new_mrr",
    "active_customers",
    "arpa",
    "nrr",
    "grr",
    "customer_churn_rate",
    "gross_mrr_churn_rate",
    "quick_ratio",
    "ltv_to_cac",
    "cac_payback_months",
    "nps",
    "csat",
    "health_avg",
];

pub(super) fn headline(c: &mut Canvas, input: &PackInput, top: f32) {
    let x = MARGIN;
    let right = c.width - MARGIN;
    // Column positions: label, value (right-aligned), previous, change, target, trend.
    let (c_val, c_prev, c_chg, c_tgt, c_trend) =
        (x + 250.0, x + 345.0, x + 430.0, x + 448.0, right - 90.0);
    // The report's partial-data notes and no-comparison reasons, as numbered notes under the table
    // (the same text on many rows: one note).
    let mut notes = Notes::default();
    let marks: Vec<(Option<usize>, Option<usize>)> = HEADLINE
        .iter()
        .map(|id| match input.report.kpis.get(id).filter(|k| k.number().is_some()) {
            Some(k) => (
                k.note.as_ref().map(|n| notes.mark(format!("Partial data: {}.", n.text))),
                match &k.no_change {
                    Some(NoChange::Previous(r) | NoChange::Current(r)) => {
                        Some(notes.mark(format!("{}.", capital(r))))
                    }
                    None => None,
                },
            ),
            None => (None, None),
        })
        .collect();
    let foot_w = right - x;
    let foot_h: f32 = notes
        .0
        .iter()
        .enumerate()
        .map(|(k, t)| wrap(&note_line(k, t), foot_w, |s| c.width_of(s, SMALL)).len() as f32)
        .sum::<f32>()
        * SMALL.size
        * 1.4;
    let row_h =
        ((c.height - top - MARGIN - 20.0 - foot_h) / (HEADLINE.len() as f32 + 1.0)).min(26.0);
    for (t, px, al) in [
        ("KPI", x, Align::Left),
        ("THIS PERIOD", c_val, Align::Right),
        ("PREVIOUS", c_prev, Align::Right),
        ("CHANGE", c_chg, Align::Right),
        ("TARGET", c_tgt, Align::Left),
        ("LAST 12 MONTHS", c_trend, Align::Left),
    ] {
        c.text(px, top, t, LABEL, al);
    }
    let mut y = top + row_h;
    for (id, (partial, why)) in HEADLINE.iter().zip(&marks) {
        let Some(k) = input.report.kpis.get(id) else { continue };
        let name = Style::new(10.0, true, INK);
        c.text(x, y, label(id), name, Align::Left);
        if let Some(n) = partial {
            // Beside the name, in words when they fit before the value.
            let after = x + c.width_of(label(id), name) + 6.0;
            let room = c_val - 70.0 - after;
            let style = Style { color: AMBER, ..SMALL };
            let words = format!("partial data [{n}]");
            let t = if c.width_of(&words, style) <= room { words } else { format!("[{n}]") };
            c.text(after, y, &t, style, Align::Left);
        }
        match shown(input, id, k) {
            Some(v) => {
                // With a change, as many decimals as make it the difference of the two shown
                // values (display::agreeing_dp).
                let dp = match (extra(k, "previous"), k.number(), extra(k, "change")) {
                    (Some(p), Some(n), Some(_)) => agreeing_dp(p, n, k.unit, id),
                    _ => None,
                };
                let v = match (dp, k.number()) {
                    (Some(dp), Some(n)) => text(n, k.unit, id, dp, &input.currency),
                    _ => v,
                };
                c.text(c_val, y, &v, Style::new(10.0, true, INK), Align::Right);
                if let Some(p) = extra(k, "previous") {
                    let p = match dp {
                        Some(dp) => text(p, k.unit, id, dp, &input.currency),
                        None => value_text(p, k.unit, id, &input.currency),
                    };
                    c.text(c_prev, y, &p, BODY, Align::Right);
                }
                match extra(k, "change") {
                    Some(ch) => {
                        let t = match dp {
                            Some(dp) => change_text_dp(ch, k.unit, id, dp, &input.currency),
                            None => change_text(ch, k.unit, id, &input.currency),
                        };
                        c.text(
                            c_chg,
                            y,
                            &t,
                            Style::new(9.5, true, change_color(id, ch)),
                            Align::Right,
                        );
                    }
                    None => {
                        let t = match why {
                            Some(n) => format!("no comparison [{n}]"),
                            None => "no comparison".to_string(),
                        };
                        c.text(c_chg, y, &t, SMALL, Align::Right)
                    }
                }
                if let Some(t) = &k.target {
                    let (mark, color) = match t.status {
                        Some(Status::OnTrack) => ("\u{2713} on track", GOOD),
                        Some(Status::OffTrack) => ("\u{2717} off track", BAD),
                        None => ("no status", MUTED),
                    };
                    let text = match &t.distance {
                        Some(d) => format!("{mark}: {d}"),
                        None => mark.to_string(),
                    };
                    let text = c.fit(&text, SMALL, c_trend - c_tgt - 10.0);
                    c.text(c_tgt, y, &text, Style { color, ..SMALL }, Align::Left);
                }
                if let Some(values) = input.trend.get(id) {
                    sparkline(c, (c_trend, y - 10.0, 80.0, 12.0), values);
                }
            }
            None => {
                c.text(c_val, y, "—", Style::new(10.0, true, MUTED), Align::Right);
                let reason = k.reason().unwrap_or("not computable");
                let reason = c.fit(reason, SMALL, right - c_prev + 50.0);
                c.text(c_prev - 50.0, y, &reason, SMALL, Align::Left);
            }
        }
        c.hrule(x, y + row_h * 0.4, right - x);
        y += row_h;
    }
    y += 4.0;
    for (k, t) in notes.0.iter().enumerate() {
        y = c.paragraph(x, y, &note_line(k, t), SMALL, foot_w);
    }
}

/// Numbered notes, each text once.
#[derive(Default)]
struct Notes(Vec<String>);

impl Notes {
    /// The number of `text` (1 for the first), adding it when new.
    fn mark(&mut self, text: String) -> usize {
        match self.0.iter().position(|t| *t == text) {
            Some(k) => k + 1,
            None => {
                self.0.push(text);
                self.0.len()
            }
        }
    }
}

fn note_line(k: usize, text: &str) -> String {
    format!("[{}] {text}", k + 1)
}

pub(super) fn capital(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|a| a.to_uppercase().chain(c).collect()).unwrap_or_default()
}

fn sparkline(
    c: &mut Canvas,
    (x, y, w, h): (f32, f32, f32, f32),
    values: &[Option<crate::kpi::value::Num>],
) {
    let v: Vec<Option<f64>> = values.iter().map(|n| n.and_then(|n| n.0.to_f64())).collect();
    let known: Vec<f64> = v.iter().flatten().copied().collect();
    let (Some(lo), Some(hi)) =
        (known.iter().copied().reduce(f64::min), known.iter().copied().reduce(f64::max))
    else {
        return;
    };
    let n = v.len().max(2) - 1;
    let mut run = Vec::new();
    for (k, p) in v.iter().enumerate() {
        let px = x + w * k as f32 / n as f32;
        match p {
            Some(p) => {
                let t = if hi > lo { ((p - lo) / (hi - lo)) as f32 } else { 0.5 };
                run.push((px, y + h - t * h));
            }
            None => {
                c.line(&run, ACCENT, 1.0);
                run.clear();
            }
        }
    }
    c.line(&run, ACCENT, 1.0);
}

pub(super) fn risk(c: &mut Canvas, input: &PackInput, top: f32) {
    let list = &input.report.details.riskiest;
    if list.is_empty() {
        let why = input.report.kpis.get("health_avg").and_then(|k| k.reason());
        let text = match why {
            Some(why) => format!("No account has a health score: {why}."),
            None => "No account active at the end of the period has a health score.".to_string(),
        };
        c.paragraph(MARGIN, top + 10.0, &text, BODY, 600.0);
        return;
    }
    let x = MARGIN;
    let right = c.width - MARGIN;
    let cols = [
        (x, "ACCOUNT"),
        (x + 250.0, "HEALTH"),
        (x + 300.0, "BAND"),
        (x + 440.0, "ARR"),
        (x + 470.0, "CSM"),
        (x + 620.0, "RENEWAL"),
    ];
    for (k, (px, t)) in cols.iter().enumerate() {
        let al = if k == 1 || k == 3 { Align::Right } else { Align::Left };
        c.text(*px, top, t, LABEL, al);
    }
    let row_h = ((c.height - top - MARGIN - 40.0) / (list.len() as f32 + 1.0)).min(24.0);
    let mut y = top + row_h;
    for a in list {
        let name = a.name.clone().unwrap_or_else(|| a.health.customer_id.clone());
        let name = c.fit(&name, BODY, 240.0);
        c.text(x, y, &name, Style::new(9.5, true, INK), Align::Left);
        // Rounded as the list is ordered (kpi::details: half away from zero).
        let score =
            a.health.score.map(|s| format!("{}", s.round() as i64)).unwrap_or_else(|| "—".into());
        c.text(cols[1].0, y, &score, BODY, Align::Right);
        let (band, color) = match a.health.band {
            Some("red") => ("red", BAD),
            Some("yellow") => ("yellow", AMBER),
            Some("green") => ("green", GOOD),
            _ => ("unscored", MUTED),
        };
        c.rect(cols[2].0, y - 7.0, 8.0, 8.0, color);
        c.text(cols[2].0 + 12.0, y, band, BODY, Align::Left);
        c.text(cols[3].0, y, &money(input, "arr", a.arr.0), BODY, Align::Right);
        let csm = c.fit(a.csm.as_deref().unwrap_or("—"), BODY, 140.0);
        c.text(cols[4].0, y, &csm, BODY, Align::Left);
        c.text(cols[5].0, y, a.renewal_date.as_deref().unwrap_or("—"), BODY, Align::Left);
        c.hrule(x, y + row_h * 0.4, right - x);
        y += row_h;
    }
    let mut note = "The lowest health scores among the accounts active at the end of the period (the \
                highest ARR first among equal scores); ARR is 12 × the account's MRR in the last month."
        .to_string();
    if list.iter().all(|a| a.renewal_date.is_none()) {
        note.push_str(
            " Renewal is — for each: the data has no renewal of these accounts due after the \
             period (a renewals table gives the dates).",
        );
    }
    c.paragraph(x, y + 8.0, &note, SMALL, right - x);
}

pub(super) fn scenarios(c: &mut Canvas, input: &PackInput, top: f32) {
    let years = input.scenarios.iter().map(|s| s.years.len()).max().unwrap_or(0).min(5);
    let x = MARGIN;
    let name_w = 180.0;
    let col = ((c.width - 2.0 * MARGIN - name_w) / years.max(1) as f32).min(120.0);
    c.text(x, top, "SCENARIO", LABEL, Align::Left);
    for y in 0..years {
        let px = x + name_w + col * (y as f32 + 1.0);
        c.text(px, top, &format!("YEAR {} ARR", y + 1), LABEL, Align::Right);
        c.text(px, top + 11.0, "NRR", LABEL, Align::Right);
    }
    let mut y = top + 34.0;
    // Six rows leave room for the chart; more are named in a line below the table.
    const ROWS: usize = 6;
    for s in input.scenarios.iter().take(ROWS) {
        let name = c.fit(&s.name, BODY, name_w - 10.0);
        c.text(x, y, &name, Style::new(9.5, true, INK), Align::Left);
        match &s.problem {
            Some(p) => {
                let why = c.fit(&format!("not forecast: {p}"), SMALL, 500.0);
                c.text(x + name_w, y, &why, SMALL, Align::Left);
            }
            None => {
                for (k, yr) in s.years.iter().take(years).enumerate() {
                    let px = x + name_w + col * (k as f32 + 1.0);
                    c.text(px, y, &money(input, "arr", yr.arr), BODY, Align::Right);
                    let nrr = value_text(yr.nrr, Unit::Ratio, "nrr", &input.currency);
                    c.text(px, y + 12.0, &nrr, SMALL, Align::Right);
                }
            }
        }
        c.hrule(x, y + 19.0, c.width - 2.0 * MARGIN);
        y += 32.0;
    }
    let more: Vec<&str> = input.scenarios.iter().skip(ROWS).map(|s| s.name.as_str()).collect();
    if !more.is_empty() {
        let text = format!("Also saved (not shown): {}.", more.join(", "));
        y = c.paragraph(x, y, &text, SMALL, c.width - 2.0 * MARGIN) + 4.0;
    }
    let note = "Each saved scenario's what-if forecast (ARR at the end of each year, and that year's NRR).";
    y = c.paragraph(x, y + 6.0, note, SMALL, c.width - 2.0 * MARGIN) + 14.0;
    // ARR year by year, one line per scenario shown in the table.
    let h = c.height - MARGIN - 24.0 - y;
    if h < 110.0 || years == 0 {
        return;
    }
    const PALETTE: [crate::pack::layout::Color; 6] = [ACCENT, GOOD, AMBER, BAD, MUTED, INK];
    let series: Vec<Series> = input
        .scenarios
        .iter()
        .take(ROWS)
        .filter(|s| s.problem.is_none())
        .enumerate()
        .map(|(k, s)| Series {
            name: s.name.clone(),
            color: PALETTE[k % PALETTE.len()],
            values: s.years.iter().take(years).map(|yr| yr.arr.to_f64()).collect(),
        })
        .collect();
    let labels: Vec<String> = (1..=years).map(|k| format!("Year {k}")).collect();
    let cur = input.currency.clone();
    let compact = move |v: f64| compact_money(&cur, v);
    c.text(x, y, "ARR at the end of each year", SUBHEADING, Align::Left);
    charts::lines(
        c,
        (x, y + 8.0, c.width - 2.0 * MARGIN, h - 8.0),
        &series,
        &labels,
        &compact,
        None,
    );
}

/// An axis label: $1.2M, $850k, $90.
fn compact_money(symbol: &str, v: f64) -> String {
    let (sign, a) = if v < 0.0 { ("\u{2212}", -v) } else { ("", v) };
    if a >= 1e6 {
        format!("{sign}{symbol}{:.1}M", a / 1e6)
    } else if a >= 1e3 {
        format!("{sign}{symbol}{:.0}k", a / 1e3)
    } else {
        format!("{sign}{symbol}{a:.0}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_money_is_compact() {
        // 29,100,000 / 1e6 = 29.1; 850,000 / 1e3 = 850; below 1,000 whole units.
        assert_eq!(compact_money("$", 29_100_000.0), "$29.1M");
        assert_eq!(compact_money("€", 850_000.0), "€850k");
        assert_eq!(compact_money("$", -90.4), "\u{2212}$90");
    }
}
