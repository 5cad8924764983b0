//! Numbers as the app shows them (the rules of the UI's `format.ts`): money with separators and the
//! currency symbol, ratios as percentages, counts and durations with their unit, changes in points
//! for ratios, and "Nov 2024 – Oct 2025" for periods. The explanation uses them for its inputs, so
//! that the digits it shows are the ones the tiles show, and it can check that the formula applied
//! to the shown inputs gives the shown result.

use super::value::Unit;
use rust_decimal::{Decimal, RoundingStrategy};

/// A real minus sign, as the tiles write it.
const MINUS: char = '\u{2212}';

/// The KPI shown as a multiple ("9.8×") although its unit is a ratio.
fn multiple(unit: Unit, id: &str) -> bool {
    unit == Unit::Ratio && super::formulas::is_multiple(id)
}

/// The factor from a value to the number written: 100 for a percentage.
pub fn scale(unit: Unit, id: &str) -> Decimal {
    if unit == Unit::Ratio && !multiple(unit, id) {
        Decimal::ONE_HUNDRED
    } else {
        Decimal::ONE
    }
}

/// Rounded half away from zero, as `Intl.NumberFormat` rounds.
pub fn round(v: Decimal, dp: u32) -> Decimal {
    v.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// The decimals the app shows for a value of this unit (of the written number: of the percentage
/// for a ratio).
pub fn shown_dp(v: Decimal, unit: Unit) -> u32 {
    match unit {
        // As the UI: cents only below $100.
        Unit::Money if v.abs() < Decimal::from(100) => 2,
        Unit::Money => 0,
        Unit::Count if v.fract().is_zero() => 0,
        _ => 1,
    }
}

/// The value as the app shows it, back in the value's own scale (0.187 for "18.7%").
pub fn shown(v: Decimal, unit: Unit, id: &str) -> Decimal {
    let s = scale(unit, id);
    round(v * s, shown_dp(v, unit)) / s
}

/// The decimals that write `v` exactly (in the written scale of its unit).
pub fn exact_dp(v: Decimal, unit: Unit, id: &str) -> u32 {
    (v * scale(unit, id)).normalize().scale()
}

/// `1234567.891` with 2 decimals: `1,234,567.89` (no sign).
fn grouped(v: Decimal, dp: u32) -> String {
    let text = round(v.abs(), dp).to_string();
    let (int, frac) = match text.split_once('.') {
        Some((i, f)) => (i.to_string(), f.to_string()),
        None => (text, String::new()),
    };
    let mut out = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    let frac = format!("{frac:0<width$}", width = dp as usize);
    if dp > 0 {
        out.push('.');
        out.push_str(&frac[..dp as usize]);
    }
    out
}

/// `v` written in its unit with `dp` decimals (of the percentage for a ratio): `$3,120.69`,
/// `1.8740%`, `53.4 mo`, `−$12,268`.
pub fn text(v: Decimal, unit: Unit, id: &str, dp: u32, currency: &str) -> String {
    let written = v * scale(unit, id);
    let body = grouped(written, dp);
    let negative = round(written, dp) < Decimal::ZERO;
    let body = match unit {
        Unit::Money => format!("{currency}{body}"),
        Unit::Ratio if multiple(unit, id) => format!("{body}×"),
        Unit::Ratio => format!("{body}%"),
        Unit::Days => format!("{body} days"),
        Unit::Hours => format!("{body} h"),
        Unit::Months => format!("{body} mo"),
        Unit::Minutes => format!("{body} min"),
        Unit::Score | Unit::Count => body,
    };
    if negative {
        format!("{MINUS}{body}")
    } else {
        body
    }
}

/// The value as a tile shows it.
pub fn value_text(v: Decimal, unit: Unit, id: &str, currency: &str) -> String {
    text(v, unit, id, shown_dp(v, unit), currency)
}

/// The change as a tile shows it: `+5.1 pts` for a ratio, `−$12,268` for money, and `±` when it
/// rounds to zero as shown.
pub fn change_text(change: Decimal, unit: Unit, id: &str, currency: &str) -> String {
    change_text_dp(change, unit, id, shown_dp(change.abs(), unit), currency)
}

/// The change with `dp` decimals (of the points for a ratio).
pub fn change_text_dp(change: Decimal, unit: Unit, id: &str, dp: u32, currency: &str) -> String {
    let abs = change.abs();
    let body = if unit == Unit::Ratio && !multiple(unit, id) {
        format!("{} pts", grouped(abs * Decimal::ONE_HUNDRED, dp))
    } else {
        text(abs, unit, id, dp, currency)
    };
    let sign = if !body.chars().any(|c| ('1'..='9').contains(&c)) {
        "±"
    } else if change > Decimal::ZERO {
        "+"
    } else {
        "\u{2212}"
    };
    format!("{sign}{body}")
}

/// The decimals to write a value, its previous value and the change with, so that the shown change
/// is the difference of the two shown values: None when the usual decimals already agree, else
/// the fewest common decimals (from the most of the three usual ones, up to 4 more) that do. "2.3×
/// against 2.4×, ±0.0×" becomes "2.35× against 2.35×, ±0.00×".
pub fn agreeing_dp(prev: Decimal, now: Decimal, unit: Unit, id: &str) -> Option<u32> {
    let s = scale(unit, id);
    let change = now - prev;
    let agree = |dn: u32, dp: u32, dc: u32| {
        round(now * s, dn) - round(prev * s, dp) == round(change * s, dc)
    };
    let (dn, dp, dc) = (shown_dp(now, unit), shown_dp(prev, unit), shown_dp(change.abs(), unit));
    if agree(dn, dp, dc) {
        return None;
    }
    // Money is written in whole units or cents, nothing between.
    let (base, most) = match unit {
        Unit::Money => (2, 2),
        _ => (dn.max(dp).max(dc), dn.max(dp).max(dc) + 4),
    };
    (base..=most).find(|&d| agree(d, d, d)).or(Some(most))
}

/// "2024-11" -> "Nov 2024" (the text unchanged when it is not a month).
pub fn month_label(m: &str) -> String {
    const NAMES: [&str; 12] =
        ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let Some((y, k)) = m.split_once('-') else { return m.to_string() };
    match k.parse::<usize>() {
        Ok(k) if (1..=12).contains(&k) => format!("{} {y}", NAMES[k - 1]),
        _ => m.to_string(),
    }
}

/// "Nov 2024 – Oct 2025" (one month: "Oct 2025").
pub fn period_label(from: &str, to: &str) -> String {
    if from == to {
        month_label(from)
    } else {
        format!("{} \u{2013} {}", month_label(from), month_label(to))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Quick ratio 2.349× -> 2.351×: shown 2.3× and 2.4× with a change of ±0.0× disagree; with 2
    /// decimals 2.35× -> 2.35×, ±0.00×. Gross churn 1.86% -> 1.74%: 1.9% - 1.7% = -0.2 pts but the
    /// change -0.12 pts shows -0.1 pts; with 2 decimals 1.86% - 1.74% = -0.12 pts. NRR 100.0% ->
    /// 110.0% (+10.0 pts) agrees already: None.
    #[test]
    fn decimals_that_make_the_change_the_difference() {
        let q = agreeing_dp(d("2.349"), d("2.351"), Unit::Ratio, "quick_ratio");
        assert_eq!(q, Some(2));
        assert_eq!(text(d("2.351"), Unit::Ratio, "quick_ratio", 2, "$"), "2.35×");
        assert_eq!(change_text_dp(d("0.002"), Unit::Ratio, "quick_ratio", 2, "$"), "±0.00×");
        let g = agreeing_dp(d("0.0186"), d("0.0174"), Unit::Ratio, "gross_mrr_churn_rate");
        assert_eq!(g, Some(2));
        assert_eq!(change_text_dp(d("-0.0012"), Unit::Ratio, "x", 2, "$"), "\u{2212}0.12 pts");
        assert_eq!(agreeing_dp(d("1"), d("1.1"), Unit::Ratio, "nrr"), None);
        // Money: $400 -> $440 (+$40.00) agrees; $400.40 -> $440.10 shows $400 -> $440 but +$39.70:
        // with cents, $400.40 -> $440.10, +$39.70.
        assert_eq!(agreeing_dp(d("400"), d("440"), Unit::Money, "mrr"), None);
        assert_eq!(agreeing_dp(d("400.40"), d("440.10"), Unit::Money, "mrr"), Some(2));
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn writes_like_the_tiles() {
        assert_eq!(value_text(d("1011480"), Unit::Money, "mrr", "$"), "$1,011,480");
        assert_eq!(value_text(d("542.5"), Unit::Money, "arpa", "$"), "$543");
        assert_eq!(value_text(d("-2500"), Unit::Money, "x", "€"), "\u{2212}€2,500");
        assert_eq!(value_text(d("1.0328"), Unit::Ratio, "nrr", "$"), "103.3%");
        assert_eq!(value_text(d("-0.006"), Unit::Ratio, "x", "$"), "\u{2212}0.6%");
        assert_eq!(value_text(d("9.84"), Unit::Ratio, "ltv_to_cac", "$"), "9.8×");
        assert_eq!(value_text(d("293"), Unit::Count, "x", "$"), "293");
        assert_eq!(value_text(d("31.14"), Unit::Count, "x", "$"), "31.1");
        assert_eq!(value_text(d("44.94"), Unit::Days, "x", "$"), "44.9 days");
        assert_eq!(value_text(d("53.36"), Unit::Months, "x", "$"), "53.4 mo");
        assert_eq!(text(d("0.018739903"), Unit::Ratio, "x", 5, "$"), "1.87399%");
        assert_eq!(text(d("999.999"), Unit::Money, "x", 2, "$"), "$1,000.00");
    }

    #[test]
    fn changes_like_the_tiles() {
        assert_eq!(change_text(d("0.0507"), Unit::Ratio, "nrr", "$"), "+5.1 pts");
        assert_eq!(change_text(d("-12268.4257"), Unit::Money, "ltv", "$"), "\u{2212}$12,268");
        assert_eq!(change_text(d("-10"), Unit::Money, "x", "$"), "\u{2212}$10.00");
        assert_eq!(change_text(d("-0.0004"), Unit::Ratio, "x", "$"), "±0.0 pts");
        assert_eq!(change_text(d("0"), Unit::Count, "x", "$"), "±0");
    }

    #[test]
    fn shown_precision_and_periods() {
        assert_eq!(shown(d("0.969242"), Unit::Ratio, "nrr"), d("0.969"));
        assert_eq!(shown(d("166526.52"), Unit::Money, "ltv_simple"), d("166527"));
        assert_eq!(exact_dp(d("0.5"), Unit::Ratio, "x"), 0);
        assert_eq!(exact_dp(d("0.0125"), Unit::Ratio, "x"), 2);
        assert_eq!(period_label("2024-11", "2025-10"), "Nov 2024 \u{2013} Oct 2025");
        assert_eq!(period_label("2025-10", "2025-10"), "Oct 2025");
    }
}
