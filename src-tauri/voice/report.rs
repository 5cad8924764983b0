//! What the voice-of-the-customer view, the CLI and the board pack show: per theme its comments,
//! sentiment, share in each NPS group and CSAT half, trend by quarter, and the MRR of the customers
//! who mention it; per comment its score, sentiment and theme.

use super::edits::Applied;
use super::{Comment, NpsGroup, Source};
use crate::kpi::period::{quarter_name, Period};
use crate::model::{Dataset, Month};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Serialize)]
pub struct Voice {
    pub period: Period,
    /// Comments dated in the period.
    pub comments: usize,
    /// Of them, scored for sentiment (English).
    pub scored: usize,
    /// Why the others are not, with counts ("not English (German)": 3).
    pub not_scored: BTreeMap<String, usize>,
    pub languages: &'static str,
    /// Average sentiment of the scored comments (-1..1, 4 decimals).
    pub sentiment: Option<Decimal>,
    /// Comments per NPS group and CSAT half that take part in themes (not the non-answers nor
    /// the comments in another language): the denominators of the themes' shares.
    pub groups: Groups,
    pub themes: Vec<ThemeOut>,
    /// Themes the user hid (kept so they can be shown again).
    pub hidden: Vec<HiddenTheme>,
    /// Comments in no theme.
    pub unthemed: usize,
    pub per_comment: Vec<CommentOut>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
pub struct Groups {
    pub detractors: usize,
    pub passives: usize,
    pub promoters: usize,
    pub csat_low: usize,
    pub csat_high: usize,
}

/// A theme's comments in one group, and their share of that group's comments.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Share {
    pub comments: usize,
    /// None when the group has no comments.
    pub share: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Quarter {
    pub quarter: String,
    pub comments: usize,
    /// Of all comments of the quarter.
    pub share: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Money {
    pub value: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// The theme's customers not in the revenue data (their MRR is not in `value`).
    pub customers_without_revenue: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RowRef {
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub row: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ThemeOut {
    pub key: String,
    pub name: String,
    pub found_name: String,
    pub merged: Vec<String>,
    pub comments: usize,
    pub customers: usize,
    pub scored: usize,
    pub sentiment: Option<Decimal>,
    pub by_nps_group: BTreeMap<&'static str, Share>,
    pub by_csat: BTreeMap<&'static str, Share>,
    pub by_quarter: Vec<Quarter>,
    pub mrr: Money,
    pub rows: Vec<RowRef>,
    /// Indices into `per_comment`.
    #[serde(skip)]
    pub members: Vec<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HiddenTheme {
    pub key: String,
    pub name: String,
    pub comments: usize,
    /// Indices into `per_comment` (a hidden theme still opens its comments).
    #[serde(skip)]
    pub members: Vec<u32>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CommentOut {
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub row: Option<u32>,
    pub date: chrono::NaiveDate,
    pub customer: Option<String>,
    pub source: Source,
    pub score: Option<i64>,
    pub nps_group: Option<NpsGroup>,
    pub text: String,
    pub sentiment: Option<f64>,
    pub not_scored: Option<String>,
    /// The largest theme it belongs to (None: no theme).
    pub theme: Option<String>,
    pub themes: Vec<String>,
}

fn share(n: usize, of: usize) -> Share {
    Share {
        comments: n,
        share: (of > 0).then(|| (Decimal::from(n) / Decimal::from(of)).round_dp(4).normalize()),
    }
}

fn mean(values: &[Decimal]) -> Option<Decimal> {
    (!values.is_empty()).then(|| {
        (values.iter().sum::<Decimal>() / Decimal::from(values.len())).round_dp(4).normalize()
    })
}

fn compound(x: f64) -> Decimal {
    // VADER rounds the compound to 4 decimals: the Decimal holds exactly that.
    Decimal::from_f64_retain(x).map(|d| d.round_dp(4)).unwrap_or_default()
}

pub(super) fn build(
    d: &Dataset,
    p: Period,
    fy_start: u32,
    comments: Vec<Comment>,
    scores: Vec<Result<f64, String>>,
    themable: &[bool],
    applied: Vec<Applied>,
) -> Voice {
    let mut groups = Groups::default();
    for c in comments.iter().zip(themable).filter(|(_, t)| **t).map(|(c, _)| c) {
        match c.nps_group {
            Some(NpsGroup::Detractor) => groups.detractors += 1,
            Some(NpsGroup::Passive) => groups.passives += 1,
            Some(NpsGroup::Promoter) => groups.promoters += 1,
            None => {}
        }
        match c.csat_high {
            Some(true) => groups.csat_high += 1,
            Some(false) => groups.csat_low += 1,
            None => {}
        }
    }
    let quarters: Vec<String> = {
        let mut q: Vec<String> = Vec::new();
        for m in p.months() {
            let name = quarter_name(m, fy_start);
            if q.last() != Some(&name) {
                q.push(name);
            }
        }
        q
    };
    let mut per_quarter: BTreeMap<String, usize> = BTreeMap::new();
    for c in comments.iter().zip(themable).filter(|(_, t)| **t).map(|(c, _)| c) {
        *per_quarter.entry(quarter_name(Month::of(c.date), fy_start)).or_default() += 1;
    }
    let mrr_at = mrr_lookup(d, p);
    let visible: Vec<&Applied> = applied.iter().filter(|a| !a.hidden).collect();
    // Each comment's themes, largest theme first (the themes are sorted so).
    let mut of_comment: Vec<Vec<String>> = vec![Vec::new(); comments.len()];
    for a in &visible {
        for m in &a.members {
            of_comment[*m as usize].push(a.name.clone());
        }
    }
    let themes = visible
        .iter()
        .map(|a| theme(a, &comments, &scores, &groups, &quarters, &per_quarter, fy_start, &mrr_at))
        .collect();
    let hidden = applied
        .iter()
        .filter(|a| a.hidden)
        .map(|a| HiddenTheme {
            key: a.key.clone(),
            name: a.name.clone(),
            comments: a.members.len(),
            members: a.members.clone(),
        })
        .collect();
    let mut not_scored: BTreeMap<String, usize> = BTreeMap::new();
    let mut all = Vec::new();
    for s in &scores {
        match s {
            Ok(x) => all.push(compound(*x)),
            Err(why) => *not_scored.entry(why.clone()).or_default() += 1,
        }
    }
    let unthemed = of_comment.iter().filter(|t| t.is_empty()).count();
    let per_comment = comments
        .into_iter()
        .zip(scores)
        .zip(of_comment)
        .map(|((c, s), themes)| CommentOut {
            file: c.origin.as_ref().map(|o| o.table.file.clone()),
            sheet: c.origin.as_ref().and_then(|o| o.table.sheet.clone()),
            row: c.origin.as_ref().map(|o| o.row),
            date: c.date,
            customer: c.customer,
            source: c.source,
            score: c.score,
            nps_group: c.nps_group,
            text: c.text,
            sentiment: s.as_ref().ok().copied(),
            not_scored: s.err(),
            theme: themes.first().cloned(),
            themes,
        })
        .collect::<Vec<_>>();
    Voice {
        period: p,
        comments: per_comment.len(),
        scored: all.len(),
        not_scored,
        languages: super::lang::SCORED_LANGUAGES,
        sentiment: mean(&all),
        groups,
        themes,
        hidden,
        unthemed,
        per_comment,
    }
}

/// MRR at the period's last month with revenue, by customer id; or why there is none.
fn mrr_lookup(d: &Dataset, p: Period) -> Result<BTreeMap<&str, Decimal>, String> {
    if let Some(why) = d.money_blocked.get("revenue") {
        return Err(why.clone());
    }
    let Some(rev) = d.revenue.as_ref().filter(|r| !r.is_empty()) else {
        return Err("needs revenue by customer (an MRR or subscriptions table)".into());
    };
    let last = rev.last.map_or(p.to, |l| l.min(p.to));
    Ok(rev.ids.iter().enumerate().map(|(i, id)| (id.as_str(), rev.at(i, last))).collect())
}

#[allow(clippy::too_many_arguments)]
fn theme(
    a: &Applied,
    comments: &[Comment],
    scores: &[Result<f64, String>],
    groups: &Groups,
    quarters: &[String],
    per_quarter: &BTreeMap<String, usize>,
    fy_start: u32,
    mrr_at: &Result<BTreeMap<&str, Decimal>, String>,
) -> ThemeOut {
    let mut g = Groups::default();
    let mut sentiments = Vec::new();
    let mut customers = BTreeSet::new();
    let mut by_q: BTreeMap<String, usize> = BTreeMap::new();
    let mut rows = Vec::with_capacity(a.members.len());
    for m in &a.members {
        let c = &comments[*m as usize];
        match c.nps_group {
            Some(NpsGroup::Detractor) => g.detractors += 1,
            Some(NpsGroup::Passive) => g.passives += 1,
            Some(NpsGroup::Promoter) => g.promoters += 1,
            None => {}
        }
        match c.csat_high {
            Some(true) => g.csat_high += 1,
            Some(false) => g.csat_low += 1,
            None => {}
        }
        if let Ok(x) = scores[*m as usize] {
            sentiments.push(compound(x));
        }
        if let Some(id) = &c.customer {
            customers.insert(id.as_str());
        }
        *by_q.entry(quarter_name(Month::of(c.date), fy_start)).or_default() += 1;
        rows.push(RowRef {
            file: c.origin.as_ref().map(|o| o.table.file.clone()),
            sheet: c.origin.as_ref().and_then(|o| o.table.sheet.clone()),
            row: c.origin.as_ref().map(|o| o.row),
        });
    }
    let mrr = match mrr_at {
        Ok(map) => {
            let found: Vec<Decimal> =
                customers.iter().filter_map(|c| map.get(c).copied()).collect();
            let without = customers.len() - found.len();
            if found.is_empty() {
                // Never a silent 0: none of them is a customer of the revenue data.
                let why = if customers.is_empty() {
                    "its comments name no customer".to_string()
                } else {
                    format!("none of its {} customers is in the revenue data", customers.len())
                };
                Money { value: None, reason: Some(why), customers_without_revenue: without }
            } else {
                Money {
                    value: Some(found.iter().sum()),
                    reason: None,
                    customers_without_revenue: without,
                }
            }
        }
        Err(why) => Money {
            value: None,
            reason: Some(why.clone()),
            customers_without_revenue: customers.len(),
        },
    };
    ThemeOut {
        key: a.key.clone(),
        name: a.name.clone(),
        found_name: a.found_name.clone(),
        merged: a.merged.clone(),
        comments: a.members.len(),
        customers: customers.len(),
        scored: sentiments.len(),
        sentiment: mean(&sentiments),
        by_nps_group: BTreeMap::from([
            ("detractors", share(g.detractors, groups.detractors)),
            ("passives", share(g.passives, groups.passives)),
            ("promoters", share(g.promoters, groups.promoters)),
        ]),
        by_csat: BTreeMap::from([
            ("low", share(g.csat_low, groups.csat_low)),
            ("high", share(g.csat_high, groups.csat_high)),
        ]),
        by_quarter: quarters
            .iter()
            .map(|q| {
                let n = by_q.get(q).copied().unwrap_or(0);
                let all = per_quarter.get(q).copied().unwrap_or(0);
                Quarter { quarter: q.clone(), comments: n, share: share(n, all).share }
            })
            .collect(),
        mrr,
        rows,
        members: a.members.clone(),
    }
}
