//! The change of a KPI between two periods split three ways: by MRR movement, by group of an
//! attribute (rate and mix effects) and by account. Each split adds up to the change (see `settle`).

use super::measure::{movements_between, of, Shape, Side, ORDER};
use crate::kpi::period::Period;
use crate::kpi::revenue::{Book, MovementKind};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// What Decimal division may leave over (it rounds at the 28th significant digit): a split whose
/// parts miss the change by more than this is not rounding, and is left as it is.
fn rounding() -> Decimal {
    Decimal::new(1, 20)
}

/// Makes `parts` add up to `target`: divisions round at the 28th significant digit, and that
/// rounding (below 1e-20) goes to the largest part, where it changes nothing that is shown. With
/// amounts whose ratios are exact decimals (the hand-worked books) there is nothing to settle and
/// the parts add up exactly; otherwise adding parts of 27 decimals can itself round the last
/// digit, so they add up to within 1e-18.
pub fn settle(parts: &mut [&mut Decimal], target: Decimal) {
    let sum: Decimal = parts.iter().map(|p| **p).sum();
    let rest = target - sum;
    if rest.is_zero() || rest.abs() > rounding() {
        return;
    }
    if let Some(big) = parts.iter_mut().max_by_key(|p| p.abs()) {
        **big += rest;
    }
}

/// The change by MRR movement (signed: contraction and churn negative), per KPI:
/// - MRR, ARR: the monthly movements of the months after the before period's last month up to the
///   after period's last (MRR(b) - MRR(a) = new + reactivation + expansion - contraction - churn;
///   x12 for ARR), negated when the before period ends later.
/// - Net new MRR: each movement's sum over the after period less its sum over the before period.
/// - NRR = (S + expansion - contraction - churn) / S over the cohort S paying just before the
///   period, each customer's movement from its start MRR to its end MRR; GRR = (S - contraction -
///   churn) / S. Each part is movement'/S' - movement/S.
/// - Logo churn, expansion MRR and its rate move by one movement only: all of the change.
/// - NPS, CSAT: none.
pub fn by_movement(
    id: &str,
    book: Option<&Book>,
    (before, after): (&Side, &Side),
    (bp, ap): (Period, Period),
    change: Decimal,
) -> Vec<(MovementKind, Decimal)> {
    match id {
        "mrr" | "arr" => {
            let Some(book) = book else { return Vec::new() };
            let k = if id == "arr" { Decimal::from(12) } else { Decimal::ONE };
            let (lo, hi, sign) = if bp.to <= ap.to {
                (bp.to, ap.to, Decimal::ONE)
            } else {
                (ap.to, bp.to, -Decimal::ONE)
            };
            if lo == hi {
                return ORDER.iter().map(|m| (*m, Decimal::ZERO)).collect();
            }
            movements_between(book, lo.plus(1), hi)
                .into_iter()
                .map(|(m, v)| (m, v * k * sign))
                .collect()
        }
        "net_new_mrr" => {
            after.moves.iter().zip(&before.moves).map(|(a, b)| (a.0, a.1 - b.1)).collect()
        }
        "nrr" | "grr" => {
            let (wa, wb) = (after.totals().1, before.totals().1);
            let mut out: Vec<(MovementKind, Decimal)> = after
                .moves
                .iter()
                .zip(&before.moves)
                .map(|(a, b)| {
                    let share = |v: Decimal, w: Decimal| v.checked_div(w).unwrap_or_default();
                    (a.0, share(a.1, wa) - share(b.1, wb))
                })
                .collect();
            settle(&mut out.iter_mut().map(|p| &mut p.1).collect::<Vec<_>>(), change);
            out
        }
        "customer_churn_rate" => vec![(MovementKind::Churn, change)],
        "mrr_expansion" | "expansion_mrr_rate" => vec![(MovementKind::Expansion, change)],
        _ => Vec::new(),
    }
}

/// A group's part of the change.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    pub group: String,
    pub rate_effect: Decimal,
    pub mix_effect: Decimal,
    /// The group's own value in each period (a rate: the overall one when it had no weight).
    pub before: Option<Decimal>,
    pub after: Option<Decimal>,
    /// Its share of the rate's denominator in each period (None for a sum).
    pub weight_before: Option<Decimal>,
    pub weight_after: Option<Decimal>,
    /// The group had no weight in that period: its value there is the overall one.
    pub before_imputed: bool,
    pub after_imputed: bool,
}

/// Sums U and W of each group, the group of a customer given by `group_of`.
fn grouped(
    side: &Side,
    group_of: &dyn Fn(Option<&str>) -> String,
) -> BTreeMap<String, (Decimal, Decimal)> {
    let mut out: BTreeMap<String, (Decimal, Decimal)> = BTreeMap::new();
    for (who, (u, w)) in &side.per {
        let e = out.entry(group_of(who.as_deref())).or_default();
        e.0 += u;
        e.1 += w;
    }
    out
}

/// The change by group. For a rate, value = sum over groups of w_g x r_g with w_g = W_g / W (the
/// group's share of the denominator) and r_g = the group's own rate, so that
/// change = sum w_g' (r_g' - r_g) [rate effect] + sum (w_g' - w_g) r_g [mix effect]; a group with
/// no weight in a period takes that period's overall value as its rate there (its w_g is 0, so the
/// identity holds). For a sum (MRR, ARR, net new MRR, expansion MRR) the group's own change is its
/// rate effect and the mix effect is 0. Largest total effect first.
pub fn by_group(
    shape: Shape,
    (before, after): (&Side, &Side),
    (vb, va): (Decimal, Decimal),
    group_of: &dyn Fn(Option<&str>) -> String,
) -> Vec<Group> {
    let (gb, ga) = (grouped(before, group_of), grouped(after, group_of));
    let names: std::collections::BTreeSet<&String> = gb.keys().chain(ga.keys()).collect();
    let (wb, wa) = (before.totals().1, after.totals().1);
    let zero = (Decimal::ZERO, Decimal::ZERO);
    let mut out: Vec<Group> = names
        .into_iter()
        .map(|g| {
            let (b, a) = (gb.get(g).copied().unwrap_or(zero), ga.get(g).copied().unwrap_or(zero));
            match shape {
                Shape::Sum => Group {
                    group: g.clone(),
                    rate_effect: a.0 - b.0,
                    mix_effect: Decimal::ZERO,
                    before: Some(b.0),
                    after: Some(a.0),
                    weight_before: None,
                    weight_after: None,
                    before_imputed: false,
                    after_imputed: false,
                },
                Shape::Rate { .. } => {
                    let rb = of(shape, b.0, b.1).unwrap_or(vb);
                    let ra = of(shape, a.0, a.1).unwrap_or(va);
                    let w_b = b.1.checked_div(wb).unwrap_or_default();
                    let w_a = a.1.checked_div(wa).unwrap_or_default();
                    Group {
                        group: g.clone(),
                        rate_effect: w_a * (ra - rb),
                        mix_effect: (w_a - w_b) * rb,
                        before: Some(rb),
                        after: Some(ra),
                        weight_before: Some(w_b),
                        weight_after: Some(w_a),
                        before_imputed: of(shape, b.0, b.1).is_none(),
                        after_imputed: of(shape, a.0, a.1).is_none(),
                    }
                }
            }
        })
        .collect();
    let mut parts: Vec<&mut Decimal> =
        out.iter_mut().flat_map(|g| [&mut g.rate_effect, &mut g.mix_effect]).collect();
    settle(&mut parts, va - vb);
    out.sort_by(|x, y| {
        let t = |g: &Group| (g.rate_effect + g.mix_effect).abs();
        t(y).cmp(&t(x)).then_with(|| x.group.cmp(&y.group))
    });
    out
}

/// Each account's part of the change, largest first: for a sum, its own change (u' - u); for a
/// rate, x' - x with x = (u - neutral·w) / W its share of the period's value away from a customer
/// that did not move (NRR: (MRR_i(end) - MRR_i(start)) / S; logo churn: 1 / N when it churned;
/// NPS: its promoters less detractors x 100 / responses; CSAT: its positive answers / responses).
/// Over every account these add up to the change (answers with no customer aside).
pub fn by_account(shape: Shape, before: &Side, after: &Side) -> Vec<(String, Decimal)> {
    let share = |total: Decimal, u: Decimal, w: Decimal| match shape {
        Shape::Sum => u,
        Shape::Rate { neutral, .. } => (u - neutral * w).checked_div(total).unwrap_or_default(),
    };
    let mut all: BTreeMap<&str, Decimal> = BTreeMap::new();
    for (side, sign) in [(before, -Decimal::ONE), (after, Decimal::ONE)] {
        let total = side.totals().1;
        for (who, (u, w)) in &side.per {
            let Some(who) = who else { continue };
            *all.entry(who.as_str()).or_default() += sign * share(total, *u, *w);
        }
    }
    let mut out: Vec<(String, Decimal)> =
        all.into_iter().filter(|(_, v)| !v.is_zero()).map(|(k, v)| (k.to_string(), v)).collect();
    out.sort_by(|x, y| y.1.abs().cmp(&x.1.abs()).then_with(|| x.0.cmp(&y.0)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn side(rows: &[(&str, &str, &str)]) -> Side {
        let mut s = Side::default();
        for (who, u, w) in rows {
            s.per.insert(Some(who.to_string()), (d(u), d(w)));
        }
        s
    }

    /// NRR, groups by the first letter. Before: Ea (start 100, end 120), Sb (start 100, end 80):
    /// NRR 200/200 = 1; E: w 0.5, r 1.2; S: w 0.5, r 0.8. After: Ea (300 -> 360), Sb (100 -> 80):
    /// NRR 440/400 = 1.1; E: w 0.75, r 1.2; S: w 0.25, r 0.8. Rates unchanged: rate effects 0;
    /// mix E (0.75 - 0.5) x 1.2 = 0.3, S (0.25 - 0.5) x 0.8 = -0.2; 0.3 - 0.2 = 0.1 = the change.
    #[test]
    fn a_mix_shift_is_all_mix() {
        let before = side(&[("Ea", "120", "100"), ("Sb", "80", "100")]);
        let after = side(&[("Ea", "360", "300"), ("Sb", "80", "100")]);
        let shape = super::super::measure::shape("nrr");
        let groups = by_group(shape, (&before, &after), (d("1"), d("1.1")), &|c| {
            c.map(|c| c[..1].to_string()).unwrap_or_default()
        });
        let got: Vec<(String, Decimal, Decimal)> =
            groups.iter().map(|g| (g.group.clone(), g.rate_effect, g.mix_effect)).collect();
        assert_eq!(
            got,
            [("E".to_string(), d("0"), d("0.3")), ("S".to_string(), d("0"), d("-0.2"))]
        );
        // Accounts: Ea (360 - 300)/400 - (120 - 100)/200 = 0.15 - 0.1 = 0.05; Sb -20/400 - -20/200
        // = -0.05 + 0.1 = 0.05: together 0.1.
        assert_eq!(
            by_account(shape, &before, &after),
            [("Ea".to_string(), d("0.05")), ("Sb".to_string(), d("0.05"))]
        );
    }

    /// 1/3 does not end: the parts miss the change by a last-digit rounding, which settles.
    #[test]
    fn rounding_settles_into_the_largest_part() {
        let (mut a, mut b) = (Decimal::ONE / Decimal::from(3), d("0.5"));
        let target = d("5") / d("6");
        settle(&mut [&mut a, &mut b], target);
        assert_eq!(a + b, target);
        // A gap that is not rounding stays.
        let (mut a, mut b) = (d("0.1"), d("0.2"));
        settle(&mut [&mut a, &mut b], d("1"));
        assert_eq!(a + b, d("0.3"));
    }
}
