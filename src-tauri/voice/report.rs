//! What the voice-of-the-customer view, the CLI and the board pack show: per theme its comments,
//! sentiment, share in each NPS group and CSAT half, trend by quarter, and the MRR of the customers
//! who mention it; per comment its score, sentiment and theme.

use super::edits::{Applied, Merged};
use super::{Comment, NpsGroup, Source};
use crate::kpi::period::{quarter_name, Period};
use crate::kpi::value::Num;
use crate::model::{Dataset, Month};
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};

/// Ratios, sentiments and money as JSON numbers, as in every other answer of the app and the CLI.
fn num<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    v.map(Num).serialize(s)
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    #[serde(serialize_with = "num")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub sentiment: Option<Decimal>,
    /// Comments per NPS group and CSAT half that take part in themes (not the non-answers nor
    /// the comments in another language): the denominators of the themes' shares.
    pub groups: Groups,
    pub themes: Vec<ThemeOut>,
    /// The themes detractors and dissatisfied (low CSAT) customers mention most.
    pub top: Top,
    /// Themes the user hid (kept so they can be shown again).
    pub hidden: Vec<HiddenTheme>,
    /// Comments in no theme.
    pub unthemed: usize,
    pub per_comment: Vec<CommentOut>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq, Eq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "VoiceGroups"))]
pub struct Groups {
    pub detractors: usize,
    pub passives: usize,
    pub promoters: usize,
    pub csat_low: usize,
    pub csat_high: usize,
}

/// A theme's comments in one group, and their share of that group's comments.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "VoiceShare"))]
pub struct Share {
    pub comments: usize,
    /// None when the group has no comments.
    #[serde(serialize_with = "num")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub share: Option<Decimal>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "VoiceQuarter"))]
pub struct Quarter {
    pub quarter: String,
    pub comments: usize,
    /// Of all comments of the quarter.
    #[serde(serialize_with = "num")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub share: Option<Decimal>,
    /// Set when the period holds only some of the quarter's months (`months`, `from` to `to`): its
    /// comments are of those months only.
    pub partial: bool,
    pub months: u32,
    pub from: Month,
    pub to: Month,
}

/// A quarter's months inside the period.
struct Span {
    name: String,
    from: Month,
    to: Month,
    months: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "VoiceMoney"))]
pub struct Money {
    #[serde(serialize_with = "num")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub value: Option<Decimal>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub reason: Option<String>,
    /// The theme's customers not in the revenue data (their MRR is not in `value`).
    pub customers_without_revenue: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RowRef {
    pub file: Option<String>,
    pub sheet: Option<String>,
    pub row: Option<u32>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "VoiceTheme"))]
pub struct ThemeOut {
    pub key: String,
    pub name: String,
    pub found_name: String,
    pub merged: Vec<Merged>,
    pub comments: usize,
    pub customers: usize,
    pub scored: usize,
    #[serde(serialize_with = "num")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
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

/// The themes most mentioned by one group, at most `TOP` each, most mentioned first.
#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "VoiceTop"))]
pub struct Top {
    pub detractors: Vec<TopTheme>,
    pub csat_low: Vec<TopTheme>,
}

/// A theme in a group: `comments` of the group's `of` comments mention it.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TopTheme {
    pub key: String,
    pub name: String,
    pub comments: usize,
    pub of: usize,
    #[serde(serialize_with = "num")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub share: Option<Decimal>,
}

/// How many themes the NPS and CSAT drawers name.
const TOP: usize = 3;

/// The themes the group's comments mention most (a theme no comment of the group mentions is not
/// one of them); ties go to the larger theme, then by key, so the list never depends on the input's
/// order.
fn top(themes: &[ThemeOut], group: impl Fn(&ThemeOut) -> &Share, of: usize) -> Vec<TopTheme> {
    let mut list: Vec<&ThemeOut> = themes.iter().filter(|t| group(t).comments > 0).collect();
    list.sort_by(|a, b| {
        group(b)
            .comments
            .cmp(&group(a).comments)
            .then(b.comments.cmp(&a.comments))
            .then_with(|| a.key.cmp(&b.key))
    });
    list.into_iter()
        .take(TOP)
        .map(|t| TopTheme {
            key: t.key.clone(),
            name: t.name.clone(),
            comments: group(t).comments,
            of,
            share: group(t).share,
        })
        .collect()
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HiddenTheme {
    pub key: String,
    pub name: String,
    pub comments: usize,
    /// Indices into `per_comment` (a hidden theme still opens its comments).
    #[serde(skip)]
    pub members: Vec<u32>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "VoiceComment"))]
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
    let quarters: Vec<Span> = {
        let mut q: Vec<Span> = Vec::new();
        for m in p.months() {
            let name = quarter_name(m, fy_start);
            match q.last_mut() {
                Some(last) if last.name == name => {
                    last.to = m;
                    last.months += 1;
                }
                _ => q.push(Span { name, from: m, to: m, months: 1 }),
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
    let themes: Vec<ThemeOut> = visible
        .iter()
        .map(|a| theme(a, &comments, &scores, &groups, &quarters, &per_quarter, fy_start, &mrr_at))
        .collect();
    let top = Top {
        detractors: top(&themes, |t| &t.by_nps_group["detractors"], groups.detractors),
        csat_low: top(&themes, |t| &t.by_csat["low"], groups.csat_low),
    };
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
        top,
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
    quarters: &[Span],
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
                let n = by_q.get(&q.name).copied().unwrap_or(0);
                let all = per_quarter.get(&q.name).copied().unwrap_or(0);
                Quarter {
                    quarter: q.name.clone(),
                    comments: n,
                    share: share(n, all).share,
                    partial: q.months < 3,
                    months: q.months,
                    from: q.from,
                    to: q.to,
                }
            })
            .collect(),
        mrr,
        rows,
        members: a.members.clone(),
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Dataset, SurveyResponse, SurveyType};
    use crate::voice::{analyse, ThemeEdits};
    use rust_decimal::Decimal;
    use serde_json::json;

    fn answer(kind: SurveyType, score: i64, text: &str, k: usize) -> SurveyResponse {
        SurveyResponse {
            customer_id: Some(format!("C{k}")),
            date: chrono::NaiveDate::from_ymd_opt(2024, 3, 1 + k as u32).unwrap(),
            kind,
            score,
            comment: Some(text.into()),
            positive: None,
            origin: None,
        }
    }

    #[test]
    fn top_themes_of_detractors_and_low_csat_and_numbers_in_json() {
        use SurveyType::{Csat, Nps};
        let said = [
            (Nps, 2, "The pricing is too expensive"),
            (Nps, 3, "Pricing keeps going up"),
            (Nps, 5, "Unfair pricing for small teams"),
            (Nps, 4, "Onboarding dragged on for months"),
            (Nps, 10, "Onboarding was smooth"),
            (Nps, 9, "Loved the onboarding"),
            (Nps, 10, "Dashboards load quickly"),
            (Nps, 10, "Dashboards look clean"),
            (Nps, 9, "Dashboards help our board"),
            (Csat, 1, "Billing sent the wrong invoice"),
            (Csat, 2, "Billing charged us twice"),
            (Csat, 5, "Billing questions answered fast"),
        ];
        let surveys = said.iter().enumerate().map(|(k, (t, s, x))| answer(*t, *s, x, k)).collect();
        let d = Dataset { surveys, has_surveys: true, ..Default::default() };
        let p = crate::kpi::period::Period {
            from: crate::model::Month::new(2024, 1).unwrap(),
            to: crate::model::Month::new(2024, 12).unwrap(),
        };
        let v = analyse(&d, p, 5, 1, &ThemeEdits::default());
        let names: Vec<&str> = v.themes.iter().map(|t| t.key.as_str()).collect();
        assert_eq!(v.groups.detractors, 4, "{names:?}");
        assert_eq!(v.groups.csat_low, 2);
        // Detractors (0-6): three of the four talk about pricing, one about onboarding; no
        // detractor mentions dashboards, so they are not among the detractors' themes.
        let det: Vec<(&str, usize, usize)> =
            v.top.detractors.iter().map(|t| (t.key.as_str(), t.comments, t.of)).collect();
        assert_eq!(det, vec![("price", 3, 4), ("onboard", 1, 4)], "{names:?}");
        // The two low CSAT answers (1 and 2 of 5) both mention billing.
        let low: Vec<(&str, usize, usize)> =
            v.top.csat_low.iter().map(|t| (t.key.as_str(), t.comments, t.of)).collect();
        assert_eq!(low, vec![("bill", 2, 2)]);
        let j = serde_json::to_value(&v).unwrap();
        assert_eq!(j["top"]["detractors"][0]["share"], json!(0.75));
        assert_eq!(j["top"]["detractors"][1]["share"], json!(0.25));
        assert_eq!(j["top"]["csat_low"][0]["share"], json!(1));
        assert!(j["sentiment"].is_number() && j["themes"][0]["sentiment"].is_number());
        assert!(j["themes"][0]["by_quarter"][0]["share"].is_number());
        // Calendar 2024 is four whole quarters.
        let q = &v.themes[0].by_quarter;
        assert_eq!(q.len(), 4);
        assert!(q.iter().all(|q| !q.partial && q.months == 3));
    }

    #[test]
    fn quarters_cut_by_the_period_say_which_months_they_hold() {
        let surveys = vec![
            answer(SurveyType::Nps, 2, "Pricing is too expensive", 0),
            answer(SurveyType::Nps, 3, "Pricing keeps going up", 1),
            answer(SurveyType::Nps, 4, "Pricing hurts", 2),
        ];
        let d = Dataset { surveys, has_surveys: true, ..Default::default() };
        let m = |y, k| crate::model::Month::new(y, k).unwrap();
        // Nov 2023 to Oct 2024: Q4 2023 holds Nov and Dec, Q4 2024 only Oct.
        let p = crate::kpi::period::Period { from: m(2023, 11), to: m(2024, 10) };
        let v = analyse(&d, p, 5, 1, &ThemeEdits::default());
        let q: Vec<(String, bool, u32, String, String)> = v.themes[0]
            .by_quarter
            .iter()
            .map(|q| (q.quarter.clone(), q.partial, q.months, q.from.to_string(), q.to.to_string()))
            .collect();
        let want = |n: &str, p: bool, k: u32, f: &str, t: &str| {
            (n.to_string(), p, k, f.to_string(), t.to_string())
        };
        assert_eq!(
            q,
            vec![
                want("2023-Q4", true, 2, "2023-11", "2023-12"),
                want("2024-Q1", false, 3, "2024-01", "2024-03"),
                want("2024-Q2", false, 3, "2024-04", "2024-06"),
                want("2024-Q3", false, 3, "2024-07", "2024-09"),
                want("2024-Q4", true, 1, "2024-10", "2024-10"),
            ]
        );
        // The three comments are dated March 2024: all of Q1's comments.
        assert_eq!(v.themes[0].by_quarter[1].comments, 3);
        assert_eq!(v.themes[0].by_quarter[1].share, Some(Decimal::ONE));
    }
}
