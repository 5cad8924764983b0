//! The `targets` table: a target per KPI (by id or by the label the app shows), as one value or as
//! low/high bounds, with an optional direction, note, segment and CSM. It overrides the user's
//! targets and the defaults for the files it comes with.

use super::super::cells::Cell;
use super::super::table::{Bad, RowView, Table};
use super::super::ImportReport;
use crate::kpi::{display, formulas, unit_of};
use crate::model::Target;
use rust_decimal::Decimal;

/// A direction as written in the table.
#[derive(Clone, Copy, PartialEq)]
enum Way {
    AtLeast,
    AtMost,
    Within,
    /// Explicitly no target (clears a default for these files).
    NoTarget,
}

fn way(text: &str) -> Option<Way> {
    let t = text.trim().to_lowercase().replace(['_', '-'], " ");
    Some(match t.as_str() {
        "at least" | ">=" | "≥" | ">" | "min" | "minimum" | "above" | "up" | "higher" => {
            Way::AtLeast
        }
        "at most" | "<=" | "≤" | "<" | "max" | "maximum" | "below" | "down" | "lower" => {
            Way::AtMost
        }
        "within" | "between" | "band" | "range" | "in range" => Way::Within,
        "none" | "no target" => Way::NoTarget,
        _ => return None,
    })
}

/// What the rule that reads a plain number as a percentage says, in the import's rules.
const PERCENT_RULE: &str =
    "a plain number above 2 for a KPI shown as a percentage is read as a percentage (80 = 80%)";

/// What the rule says for a rate that cannot pass 100% (churn, retention, shares).
const RATE_RULE: &str =
    "a plain number of 1 or more for a rate that cannot pass 100% is read as a percentage (2 = 2%)";

/// Rates that cannot pass 100%: for them a plain `2` can only mean 2% (a churn target of 200% means
/// nothing), while NRR's `1.1` is 110%.
const AT_MOST_ONE: &[&str] = &[
    "customer_retention_rate",
    "customer_churn_rate",
    "grr",
    "monthly_churn_rate",
    "gross_mrr_churn_rate",
    "csat",
    "ces_easy",
    "fcr",
    "stickiness",
    "trial_conversion_rate",
    "renewal_rate",
    "gross_renewal_rate",
    "repeat_purchase_rate",
    "top10_mrr_share",
    "top_decile_mrr_share",
    "mrr_hhi",
];

/// A bound cell: its number, a plain number above 2 for a KPI shown as a percentage read as a
/// percentage (a rate's target of 80 is 80%; 1.1 stays a ratio, 110%), and 1 or more for a rate that
/// cannot pass 100% (`AT_MOST_ONE`).
fn bound(
    t: &Table,
    r: &RowView,
    name: &str,
    percent: bool,
    kpi: &str,
) -> Result<Option<(Decimal, usize)>, Bad> {
    let Some((col, cell)) = r.cell(name) else { return Ok(None) };
    let Some(v) = r.decimal(name)? else { return Ok(None) };
    let written_with_percent = matches!(cell, Cell::Text(s) if s.contains('%'));
    if percent && !written_with_percent && AT_MOST_ONE.contains(&kpi) && v.abs() >= Decimal::ONE {
        t.rule(RATE_RULE);
        return Ok(Some((v / Decimal::ONE_HUNDRED, col)));
    }
    if percent && !written_with_percent && v.abs() > Decimal::TWO {
        t.rule(PERCENT_RULE);
        return Ok(Some((v / Decimal::ONE_HUNDRED, col)));
    }
    Ok(Some((v, col)))
}

pub fn row(
    i: usize,
    t: &Table,
    out: &mut Vec<Target>,
    report: &mut ImportReport,
) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let col = |n: &str| t.map.col(n).unwrap_or(0);
    let name = r.req_text("kpi")?;
    let kpi = crate::targets::kpi_id(&name).ok_or((
        col("kpi"),
        "unknown KPI: use its id (nrr) or the name the app shows (Net revenue retention)".into(),
    ))?;
    let percent = unit_of(kpi).is_some_and(|u| display::scale(u, kpi) == Decimal::ONE_HUNDRED);
    let target = bound(t, &r, "target", percent, kpi)?;
    let low = bound(t, &r, "low", percent, kpi)?;
    let high = bound(t, &r, "high", percent, kpi)?;
    let direction = match r.text("direction") {
        Some(text) => Some(way(&text).ok_or((
            col("direction"),
            "not a direction: at least, at most, within or none".to_string(),
        ))?),
        None => None,
    };
    if let (Some((_, c)), true) = (target, low.is_some() || high.is_some()) {
        return Err((c, "a target and low/high: give one or the other".into()));
    }
    let value = |b: Option<(Decimal, usize)>| b.map(|x| x.0);
    // The cell a missing bound belongs in: its column, else the target column.
    let empty = |n: &str| t.map.col(n).or(t.map.col("target")).unwrap_or(0);
    let (low, high) = match (direction, target) {
        (Some(Way::NoTarget), _) => match target.or(low).or(high) {
            Some((_, c)) => return Err((c, "direction none takes no target value".into())),
            None => (None, None),
        },
        (Some(Way::Within), Some((_, c))) => {
            return Err((c, "within needs low and high, not one target".into()))
        }
        (Some(Way::Within), None) => match (low, high) {
            (Some(l), Some(h)) => (Some(l.0), Some(h.0)),
            _ => {
                let missing = if low.is_none() { col("low") } else { col("high") };
                return Err((missing, "within needs low and high".into()));
            }
        },
        (Some(Way::AtLeast), Some((v, _))) => (Some(v), None),
        (Some(Way::AtMost), Some((v, _))) => (None, Some(v)),
        (Some(Way::AtLeast), None) => match (low, high) {
            (_, Some((_, c))) => return Err((c, "at least takes no high".into())),
            (Some((v, _)), None) => (Some(v), None),
            (None, None) => return Err((empty("low"), "empty required cell".into())),
        },
        (Some(Way::AtMost), None) => match (low, high) {
            (Some((_, c)), _) => return Err((c, "at most takes no low".into())),
            (None, Some((v, _))) => (None, Some(v)),
            (None, None) => return Err((empty("high"), "empty required cell".into())),
        },
        // One value: at least, unless less is better for this KPI (churn, CAC payback).
        (None, Some((v, _))) if formulas::good_when(kpi) == "down" => (None, Some(v)),
        (None, Some((v, _))) => (Some(v), None),
        (None, None) if low.is_none() && high.is_none() => {
            let c = t.map.col("target").or(t.map.col("low")).or(t.map.col("high"));
            return Err((
                c.unwrap_or(0),
                "empty required cell: give a target, or low and/or high (direction none for no target)"
                    .into(),
            ));
        }
        (None, None) => (value(low), value(high)),
    };
    if let (Some(l), Some(h)) = (low, high) {
        if l > h {
            return Err((col("low"), format!("low {l} is above high {h}")));
        }
    }
    let segment = r.text("segment").map(|s| match s.split_once('=') {
        Some((k, v)) => (k.trim().to_string(), v.trim().to_string()),
        None => ("segment".to_string(), s.trim().to_string()),
    });
    let row = t.raw.row_numbers.get(i).copied().unwrap_or(i + 1);
    let table = match &t.raw.sheet {
        Some(sheet) => format!("{} [{sheet}]", t.raw.file),
        None => t.raw.file.clone(),
    };
    let new = Target {
        kpi: kpi.to_string(),
        low,
        high,
        note: r.text("note").map(|n| n.trim().to_string()).filter(|n| !n.is_empty()),
        source: format!("{table} row {row}"),
        segment,
        csm: r.text("csm").map(|c| c.trim().to_string()).filter(|c| !c.is_empty()),
    };
    if let Some(first) = out.iter().find(|o| crate::targets::same_scope(o, &new)) {
        report.warn(
            &t.raw.file,
            &t.raw.sheet,
            format!(
                "row {row}: a second target for {kpi} (the first is {}); the first one is used",
                first.source
            ),
        );
        return Ok(false);
    }
    out.push(new);
    Ok(true)
}
