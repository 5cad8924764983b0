//! The readable terminal table of `northstar report` (without `--json`).

use crate::import::ImportReport;
use crate::kpi::{Kpi, Report, Unit, Value};
use crate::targets::Status;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use std::fmt::Write;

/// 1234567.891 -> "1,234,567.89"
pub fn money(d: Decimal) -> String {
    let r = d.round_dp(2);
    let s = format!("{:.2}", r.abs());
    let (int, frac) = s.split_once('.').unwrap_or((&s, "00"));
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}{grouped}.{frac}", if r.is_sign_negative() && !r.is_zero() { "-" } else { "" })
}

fn value(id: &str, k: &Kpi) -> String {
    match &k.value {
        Value::Null(reason) => format!("—  ({reason})"),
        Value::Quarters(q) => q
            .iter()
            .map(|q| match q.partial() {
                true => {
                    format!("{}: {} ({} to {} only)", q.quarter, money(q.value), q.first, q.last)
                }
                false => format!("{}: {}", q.quarter, money(q.value)),
            })
            .collect::<Vec<_>>()
            .join("  "),
        Value::Number(d) => match k.unit {
            Unit::Money => money(*d),
            Unit::Ratio if crate::kpi::formulas::is_multiple(id) => {
                format!("{:.2}x", d.to_f64().unwrap_or(0.0))
            }
            Unit::Ratio => format!("{:.2}%", (d * Decimal::ONE_HUNDRED).to_f64().unwrap_or(0.0)),
            Unit::Count => format!("{}", d.round_dp(2).normalize()),
            Unit::Days => format!("{:.1} days", d.to_f64().unwrap_or(0.0)),
            Unit::Hours => format!("{:.1} h", d.to_f64().unwrap_or(0.0)),
            Unit::Months => format!("{:.1} months", d.to_f64().unwrap_or(0.0)),
            Unit::Minutes => format!("{:.1} min", d.to_f64().unwrap_or(0.0)),
            Unit::Score => format!("{:.1}", d.to_f64().unwrap_or(0.0)),
        },
    }
}

/// A JSON cell of a drill-down row as text.
fn cell(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn explanation(e: &crate::kpi::explain::Explanation) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} ({})  {} .. {}", e.label, e.kpi, e.period.from, e.period.to);
    let _ = writeln!(s, "  = {}", value(&e.kpi, &e.result));
    let _ = writeln!(s, "\nHow: {}", e.formula);
    if let Some(t) = &e.result.target {
        let status = match (t.status, &t.distance) {
            (Some(crate::targets::Status::OnTrack), Some(d)) => format!("on track: {d}"),
            (Some(crate::targets::Status::OffTrack), Some(d)) => format!("off track: {d}"),
            _ => "no value to compare".to_string(),
        };
        let _ = writeln!(s, "\nTarget: {status} (from {})", t.source);
        let known: Vec<&crate::kpi::against::TargetMonth> =
            e.target_trend.iter().filter(|m| m.on_track.is_some()).collect();
        if !known.is_empty() {
            let on = known.iter().filter(|m| m.on_track == Some(true)).count();
            let marks: String =
                known.iter().map(|m| if m.on_track == Some(true) { '✓' } else { '✗' }).collect();
            let n = known.len();
            let months = if n == 1 { "month" } else { "months" };
            let _ = writeln!(s, "  on track in {on} of the last {n} {months}: {marks}");
        }
    }
    if !e.import_rules.is_empty() {
        let _ = writeln!(s, "\nHow your files were read:");
        for r in &e.import_rules {
            let _ = writeln!(s, "  {r}");
        }
    }
    if !e.inputs.is_empty() {
        let _ = writeln!(s, "\nInputs:");
        for i in &e.inputs {
            let note = i.note.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
            let _ = writeln!(s, "  {:<44} {}{note}", i.name, i.display);
        }
    }
    if !e.columns.is_empty() {
        let _ = writeln!(s, "\n{} ({}):", e.rows_are, e.rows.len());
        let _ = writeln!(s, "  {}", e.columns.join(" | "));
        for r in e.rows.iter().take(50) {
            let _ = writeln!(s, "  {}", r.iter().map(cell).collect::<Vec<_>>().join(" | "));
        }
        if e.rows.len() > 50 {
            let _ = writeln!(s, "  … {} more (use --json for every row)", e.rows.len() - 50);
        }
    }
    s
}

pub fn breakdown(b: &crate::kpi::breakdown::Breakdown) -> String {
    let ids = ["mrr", "active_customers", "nrr", "grr", "customer_churn_rate", "nps", "health_avg"];
    let mut s = format!("\nBy {}\n  {:<20}", b.by, "");
    for id in ids {
        s.push_str(&format!(" {id:>20}"));
    }
    s.push('\n');
    for row in &b.rows {
        s.push_str(&format!("  {:<20}", row.value));
        for id in ids {
            let v = row.kpis.get(id).map(|k| match &k.value {
                Value::Null(_) => "—".to_string(),
                _ => value(id, k),
            });
            s.push_str(&format!(" {:>20}", v.unwrap_or_default()));
        }
        s.push('\n');
    }
    s
}

/// The column beside a KPI with a target and a value: `✗ off track: 3.2 pts below 110%`, or
/// `✓ on track: within 30–70`.
fn target_mark(k: &Kpi) -> Option<String> {
    let t = k.target.as_deref()?;
    let distance = t.distance.as_deref().unwrap_or_default();
    Some(match t.status? {
        Status::OffTrack => format!("\u{2717} off track: {distance}"),
        Status::OnTrack => format!("\u{2713} on track: {distance}"),
    })
}

pub fn render(r: &Report, imp: &ImportReport) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "Period {} .. {}", r.period.from, r.period.to);
    if let Some(note) = &r.period.note {
        let _ = writeln!(s, "  note: {note}");
    }
    s.push('\n');
    for (id, k) in &r.kpis.0 {
        let v = value(id, k);
        let _ = match target_mark(k) {
            Some(mark) => writeln!(s, "  {id:<28} {v:<24} {mark}"),
            None => writeln!(s, "  {id:<28} {v}"),
        };
        if let Some(n) = &k.note {
            let _ = writeln!(s, "  {:<28}   note: {}", "", n.text);
        }
    }
    if !r.movements.is_empty() {
        let _ = writeln!(
            s,
            "\n  {:<8} {:>14} {:>12} {:>12} {:>12} {:>12} {:>12}",
            "month", "mrr", "new", "reactiv.", "expansion", "contraction", "churn"
        );
        for m in &r.movements {
            let _ = writeln!(
                s,
                "  {:<8} {:>14} {:>12} {:>12} {:>12} {:>12} {:>12}",
                m.month,
                money(m.mrr),
                money(m.new),
                money(m.reactivation),
                money(m.expansion),
                money(m.contraction),
                money(m.churn)
            );
        }
    }
    let _ = writeln!(s, "\nImport");
    for t in &imp.tables {
        let kind = t.kind.map(|k| k.id()).unwrap_or("not recognised");
        let _ = writeln!(
            s,
            "  {}{}: {kind} ({}), {} rows read, {} used, {} skipped",
            t.file,
            t.sheet.as_ref().map(|x| format!(" [{x}]")).unwrap_or_default(),
            t.layout,
            t.rows_read,
            t.rows_used,
            t.rows_skipped
        );
    }
    for w in &imp.warnings {
        let _ = writeln!(
            s,
            "  warning: {}{}: {}",
            w.file,
            w.sheet.as_ref().map(|x| format!(" [{x}]")).unwrap_or_default(),
            w.message
        );
    }
    for r in &imp.refused {
        let _ = writeln!(s, "  error: {}", r.message);
    }
    let _ = writeln!(s, "  {} issue(s)", imp.issues_total);
    for i in imp.issues.iter().take(20) {
        let _ = writeln!(
            s,
            "  {}{} row {} column {:?}: {:?} {}",
            i.file,
            i.sheet.as_ref().map(|x| format!(" [{x}]")).unwrap_or_default(),
            i.row,
            i.column,
            i.value,
            i.reason
        );
    }
    s
}

/// The red flags, one line each (nothing without any).
pub fn flags(list: &[crate::kpi::flags::Flag]) -> String {
    use crate::kpi::flags::Flag;
    let mut s = String::new();
    if list.is_empty() {
        return s;
    }
    let _ = writeln!(s, "\nRed flags");
    for f in list {
        let text = match f {
            Flag::Kpi(k) => &k.text,
            Flag::Csm(c) => &c.text,
        };
        let _ = writeln!(s, "  ! {text}");
    }
    s
}

/// What moved as text: the sentences, then the movements, the groups (rate and mix) and the
/// accounts, each effect written as the app writes a change.
pub fn what_moved(w: &crate::kpi::moved::WhatMoved, currency: &str) -> String {
    use crate::kpi::display::{change_text, period_label, value_text};
    let fx = |v: Decimal| change_text(v, w.unit, &w.kpi, currency);
    let opt = |v: Option<Decimal>| v.map(|v| value_text(v, w.unit, &w.kpi, currency));
    let mut s = String::new();
    let _ = writeln!(
        s,
        "What moved {}: {} against {}",
        w.label,
        period_label(&w.period.from, &w.period.to),
        period_label(&w.before_period.from, &w.before_period.to)
    );
    for line in &w.sentences {
        let _ = writeln!(s, "  {line}");
    }
    if !w.by_movement.is_empty() {
        let _ = writeln!(s, "\nBy movement");
        for m in &w.by_movement {
            let _ = writeln!(s, "  {:<14} {:>16}", m.movement, fx(m.effect));
        }
    }
    if let Some(by) = &w.by {
        use crate::kpi::moved::sentences::{attribute_name, weights};
        let _ = writeln!(
            s,
            "\nBy {}\n  {:<20} {:>14} {:>14} {:>16} {:>16}",
            attribute_name(by),
            "",
            "before",
            "after",
            "rate effect",
            "mix effect"
        );
        // A group with no weight then shows the overall value it was given, marked.
        let cell = |v: Option<Decimal>, imputed: bool| match (opt(v), imputed) {
            (Some(t), true) => format!("— ({t})*"),
            (t, _) => t.unwrap_or_default(),
        };
        for g in &w.by_group {
            let _ = writeln!(
                s,
                "  {:<20} {:>14} {:>14} {:>16} {:>16}",
                g.group,
                cell(g.before, g.before_imputed),
                cell(g.after, g.after_imputed),
                fx(g.rate_effect),
                fx(g.mix_effect)
            );
        }
        if w.by_group.iter().any(|g| g.before_imputed || g.after_imputed) {
            let _ = writeln!(
                s,
                "  * no {} then: the overall value is used (the group's share is 0)",
                weights(&w.kpi)
            );
        }
    }
    if !w.accounts.is_empty() {
        let _ = writeln!(s, "\nAccounts");
        for a in &w.accounts {
            let name = a.name.as_deref().unwrap_or("");
            let _ = writeln!(s, "  {:<12} {:<24} {:>16}", a.customer_id, name, fx(a.effect));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn money_format() {
        assert_eq!(money(Decimal::new(123456789, 3)), "123,456.79");
        assert_eq!(money(Decimal::new(-5, 1)), "-0.50");
        assert_eq!(money(Decimal::ZERO), "0.00");
    }
}
