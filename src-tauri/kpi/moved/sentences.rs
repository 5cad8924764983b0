//! The sentences of what-moved, built by rules from its numbers only: the change, the movements,
//! the group that explains most (with its rate and mix), and the accounts. A claim such as "most"
//! is made only when the numbers show it (more than half of the change, in its direction).

use super::{Link, Part, WhatMoved, NONE};
use crate::kpi::display;
use crate::kpi::period::Period;
use crate::model::Dataset;
use rust_decimal::Decimal;

/// What the sentences need beside the numbers.
pub struct Ctx<'a> {
    pub d: &'a Dataset,
    pub currency: String,
    pub segment: Option<(String, String)>,
    /// (before, after)
    pub periods: (Period, Period),
    /// Why the value of the period explained is unknown.
    pub after_reason: Option<String>,
    /// Why the change cannot be split.
    pub unsplit: Option<String>,
}

fn text(s: impl Into<String>) -> Part {
    Part { text: s.into(), link: None }
}

fn label(p: Period) -> String {
    display::period_label(&p.from.to_string(), &p.to.to_string())
}

/// An attribute as the sentences and tables name it: "CSM", "segment", "contract type".
pub fn attribute_name(key: &str) -> String {
    if key == "csm" {
        "CSM".to_string()
    } else {
        key.replace('_', " ")
    }
}

/// The shares whose move is the mix effect, in words.
pub fn weights(id: &str) -> &'static str {
    match id {
        "nrr" | "grr" => "starting MRR",
        "customer_churn_rate" => "starting customers",
        "expansion_mrr_rate" => "opening MRR",
        _ => "responses",
    }
}

struct Writer<'a> {
    w: &'a WhatMoved,
    c: &'a Ctx<'a>,
}

impl Writer<'_> {
    fn link(&self, kpi: &str, p: Period) -> Link {
        Link {
            kpi: kpi.to_string(),
            from: p.from.to_string(),
            to: p.to.to_string(),
            segment: self.c.segment.clone(),
            customer: None,
        }
    }
    fn value(&self, v: Decimal, link: Link) -> Part {
        let t = display::value_text(v, self.w.unit, &self.w.kpi, &self.c.currency);
        Part { text: t, link: Some(link) }
    }
    /// Whether `v` shows as no change at all ("±0.0 pts"): then it is not said to rise, fall or
    /// explain anything.
    fn shows_zero(&self, v: Decimal) -> bool {
        display::change_text(v, self.w.unit, &self.w.kpi, &self.c.currency).starts_with('±')
    }
    fn change(&self, v: Decimal, link: Link) -> Part {
        let t = display::change_text(v, self.w.unit, &self.w.kpi, &self.c.currency);
        Part { text: t, link: Some(link) }
    }
    /// The rows of a movement: the months' movements of that kind (MRR, ARR, net new MRR), or the
    /// cohort's customers with their status (NRR, GRR, logo churn), or the KPI's own rows.
    fn movement_link(&self, movement: &str) -> Link {
        let (bp, ap) = self.c.periods;
        match self.w.kpi.as_str() {
            "mrr" | "arr" if bp.to < ap.to => {
                self.link(&format!("mrr_{movement}"), Period { from: bp.to.plus(1), to: ap.to })
            }
            "mrr" | "arr" | "net_new_mrr" => self.link(&format!("mrr_{movement}"), ap),
            id => self.link(id, ap),
        }
    }
}

/// "A, B and C".
fn listed(mut parts: Vec<Vec<Part>>) -> Vec<Part> {
    let n = parts.len();
    let mut out = Vec::new();
    for (k, p) in parts.drain(..).enumerate() {
        if k > 0 {
            out.push(text(if k + 1 == n { " and " } else { ", " }));
        }
        out.extend(p);
    }
    out
}

/// Whether `part` moves the KPI the way `change` does (and is not zero).
fn same_way(part: Decimal, change: Decimal) -> bool {
    (part > Decimal::ZERO && change > Decimal::ZERO)
        || (part < Decimal::ZERO && change < Decimal::ZERO)
}

/// Whether `part` is more than half of `change`, in its direction.
fn most(part: Decimal, change: Decimal) -> bool {
    same_way(part, change) && part.abs() * Decimal::TWO > change.abs()
}

pub fn build(w: &WhatMoved, c: &Ctx) -> Vec<Vec<Part>> {
    let x = Writer { w, c };
    let (bp, ap) = c.periods;
    let name = w.label.as_str();
    let why = |r: &Option<String>| r.clone().unwrap_or_else(|| "not computable".into());
    let (before, after, change) = match (w.before, w.after, w.change) {
        (_, None, _) => {
            return vec![vec![text(format!(
                "{name} cannot be compared: it has no value in {} ({}).",
                label(ap),
                why(&c.after_reason)
            ))]]
        }
        // No comparison by the report's rule (kpi::compared): say why.
        (b, Some(a), None) => {
            let mut s = vec![text(format!("{name} is ")), x.value(a, x.link(&w.kpi, ap))];
            s.push(text(format!(" in {}", label(ap))));
            if let Some(b) = b {
                s.push(text(" ("));
                s.push(x.value(b, x.link(&w.kpi, bp)));
                s.push(text(format!(" in {})", label(bp))));
            }
            s.push(text(format!(
                " but {}, so there is no change to explain.",
                why(&w.change_reason)
            )));
            return vec![s];
        }
        (Some(b), Some(a), Some(ch)) => (b, a, ch),
        (None, Some(_), Some(_)) => return Vec::new(),
    };
    let mut out = Vec::new();
    if change.is_zero() {
        out.push(vec![
            text(format!("{name} did not change: ")),
            x.value(after, x.link(&w.kpi, ap)),
            text(format!(" in {} and in {}.", label(bp), label(ap))),
        ]);
    } else if x.shows_zero(change) {
        // A change too small to show: no rise or fall, and no parts of it to name.
        out.push(vec![
            text(format!("{name} was about unchanged at ")),
            x.value(after, x.link(&w.kpi, ap)),
            text(" ("),
            x.value(before, x.link(&w.kpi, bp)),
            text(format!(" in {}).", label(bp))),
        ]);
        return out;
    } else {
        out.push(vec![
            text(format!("{name} {} from ", if change > Decimal::ZERO { "rose" } else { "fell" })),
            x.value(before, x.link(&w.kpi, bp)),
            text(" to "),
            x.value(after, x.link(&w.kpi, ap)),
            text(" ("),
            x.change(change, x.link(&w.kpi, ap)),
            text(")."),
        ]);
    }
    if change.is_zero() {
        return out;
    }
    if let Some(why) = &c.unsplit {
        let mut s = why.clone();
        if let Some(f) = s.get(..1) {
            s = f.to_uppercase() + &s[1..];
        }
        out.push(vec![text(format!(
            "{s}, so the change cannot be split by movement, group or account."
        ))]);
        return out;
    }
    out.extend(movements(&x, change));
    out.extend(groups(&x, change));
    out.extend(accounts(&x, change));
    out
}

/// "By movement: expansion +1.0 pts, contraction −3.0 pts." and which movement is most of it.
fn movements(x: &Writer, change: Decimal) -> Vec<Vec<Part>> {
    let moved: Vec<_> = x.w.by_movement.iter().filter(|m| !x.shows_zero(m.effect)).collect();
    // A KPI of one movement (logo churn, expansion) has nothing to split.
    if x.w.by_movement.len() < 2 || moved.is_empty() {
        return Vec::new();
    }
    let items = moved
        .iter()
        .map(|m| {
            vec![text(format!("{} ", m.movement)), x.change(m.effect, x.movement_link(m.movement))]
        })
        .collect();
    let mut s = vec![text("By movement: ")];
    s.extend(listed(items));
    s.push(text("."));
    let mut out = vec![s];
    let top = moved.iter().max_by_key(|m| m.effect.abs()).filter(|m| most(m.effect, change));
    if let Some(m) = top {
        // Movements too small to list may still offset part of the one shown.
        let line = if m.effect.abs() > change.abs() {
            format!(
                "{} alone is more than the whole change; the other movements offset part of it.",
                capital(m.movement)
            )
        } else if moved.len() == 1 {
            format!("All of it is {}.", m.movement)
        } else {
            format!("Most of it is {}.", m.movement)
        };
        out.push(vec![text(line)]);
    }
    out
}

/// The group that explains most of the change, and for a rate how much is rate and how much mix.
fn groups(x: &Writer, change: Decimal) -> Vec<Vec<Part>> {
    let (Some(key), false) = (x.w.by.as_deref(), x.w.by_group.is_empty()) else {
        return Vec::new();
    };
    let ap = x.c.periods.1;
    let attr = attribute_name(key);
    let total = |g: &super::GroupEffect| g.rate_effect + g.mix_effect;
    let is_rate = x.w.by_group.iter().any(|g| g.weight_after.is_some());
    let mut out = Vec::new();
    let top =
        x.w.by_group
            .iter()
            .filter(|g| same_way(total(g), change) && !x.shows_zero(total(g)))
            .max_by(|a, b| total(a).abs().cmp(&total(b).abs()).then_with(|| b.group.cmp(&a.group)));
    if let Some(g) = top {
        let link = match g.group.as_str() {
            NONE => x.link(&x.w.kpi, ap),
            v => Link { segment: Some((key.to_string(), v.to_string())), ..x.link(&x.w.kpi, ap) },
        };
        let mut s = vec![
            text(format!("By {attr}, {} explains the most: ", g.group)),
            x.change(total(g), link.clone()),
        ];
        if is_rate {
            s.push(text(" ("));
            s.push(x.change(g.rate_effect, link.clone()));
            s.push(text(" rate, "));
            s.push(x.change(g.mix_effect, link));
            s.push(text(" mix)"));
        }
        s.push(text("."));
        out.push(s);
    }
    if is_rate {
        let rate: Decimal = x.w.by_group.iter().map(|g| g.rate_effect).sum();
        let mix: Decimal = x.w.by_group.iter().map(|g| g.mix_effect).sum();
        let link = x.link(&x.w.kpi, ap);
        let shares = weights(&x.w.kpi);
        // "Did not move" is said of every group, not of the sum: effects of opposite signs cancel.
        let no_rate = x.w.by_group.iter().all(|g| g.rate_effect.is_zero());
        let no_mix = x.w.by_group.iter().all(|g| g.weight_before == g.weight_after);
        let own = mid(&x.w.label);
        if no_rate {
            out.push(vec![text(format!(
                "All of the change is mix: each group's own {own} stayed the same, their shares of {shares} moved."
            ))]);
        } else if no_mix {
            out.push(vec![text(format!(
                "All of the change is rate: each group's own {own} moved, their shares of {shares} did not."
            ))]);
        } else if mix.is_zero() {
            out.push(vec![
                text("Across the groups, rate effects add up to "),
                x.change(rate, link),
                text(format!(
                    " and the mix effects cancel out: the groups' shares of {shares} moved, but all of the change is rate."
                )),
            ]);
        } else if rate.is_zero() {
            out.push(vec![
                text("Across the groups, mix effects add up to "),
                x.change(mix, link),
                text(format!(
                    " and the rate effects cancel out: the groups' own {own} moved, but all of the change is mix."
                )),
            ]);
        } else {
            let mut s = vec![text("Across the groups, rate effects add up to ")];
            s.push(x.change(rate, link.clone()));
            s.push(text(" and mix effects to "));
            s.push(x.change(mix, link));
            s.push(text("."));
            out.push(s);
            if most(mix, change) {
                out.push(vec![text(format!(
                    "Most of the change is mix: the groups' shares of {shares} moved."
                ))]);
            } else if most(rate, change) {
                out.push(vec![text(format!(
                    "Most of the change is rate: the groups' own {own} moved."
                ))]);
            }
        }
    }
    out
}

/// The (up to three) accounts that moved the KPI most in the direction of the change.
fn accounts(x: &Writer, change: Decimal) -> Vec<Vec<Part>> {
    let ap = x.c.periods.1;
    let top: Vec<_> =
        x.w.drivers
            .iter()
            .filter(|a| same_way(a.effect, change) && !x.shows_zero(a.effect))
            .take(3)
            .collect();
    if top.is_empty() {
        return Vec::new();
    }
    let items = top
        .iter()
        .map(|a| {
            let link = Link { customer: Some(a.customer_id.clone()), ..x.link(&x.w.kpi, ap) };
            let name = a.name.clone().unwrap_or_else(|| a.customer_id.clone());
            vec![text(format!("{name} (")), x.change(a.effect, link), text(")")]
        })
        .collect();
    // Only accounts that moved it the way it went are named: say which way.
    let way = if change.is_sign_negative() { "lowered" } else { "raised" };
    let lead = if top.len() == 1 {
        format!("The account that {way} it most: ")
    } else {
        format!("The {} accounts that {way} it most: ", words(top.len()))
    };
    let mut s = vec![text(lead)];
    s.extend(listed(items));
    s.push(text("."));
    vec![s]
}

fn words(n: usize) -> &'static str {
    match n {
        2 => "two",
        _ => "three",
    }
}

/// A label inside a sentence: "Logo churn" reads "logo churn", an acronym (NRR, MRR) stays.
fn mid(label: &str) -> String {
    let mut c = label.chars();
    match (c.next(), c.next()) {
        (Some(a), Some(b)) if !b.is_uppercase() => {
            a.to_lowercase().chain(label.chars().skip(1)).collect()
        }
        _ => label.to_string(),
    }
}

fn capital(word: &str) -> String {
    let mut c = word.chars();
    c.next().map(|a| a.to_uppercase().chain(c).collect()).unwrap_or_default()
}

#[cfg(test)]
mod label_tests {
    #[test]
    fn labels_inside_a_sentence() {
        assert_eq!(super::mid("Logo churn"), "logo churn");
        assert_eq!(super::mid("NRR"), "NRR");
        assert_eq!(super::mid("Net new MRR"), "net new MRR");
        assert_eq!(super::capital("expansion"), "Expansion");
    }
}
