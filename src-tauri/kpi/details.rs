//! What the dashboard's charts need beyond the KPIs: score distributions, health bands, the
//! riskiest customers and license utilization, and per-month values of every KPI for the tiles'
//! sparklines.

use super::health::{self, CustomerHealth};
use super::period::Period;
use super::revenue::Book;
use super::value::Num;
use crate::model::{Dataset, FastMap, Month, SurveyType};
use crate::settings::Settings;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
use std::cmp::Reverse;

#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Distributions {
    /// Responses in P per score 0..=10.
    pub nps: Vec<usize>,
    /// Per score 1..=scale.
    pub csat: Vec<usize>,
    /// Per score 1..=7.
    pub ces: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Utilization {
    pub customer_id: String,
    pub name: Option<String>,
    pub purchased: Num,
    pub active: Num,
    pub ratio: Num,
}

/// A customer of the at-risk list: the health score and its components, and what a leader needs to
/// act on it: the name, the ARR at stake, the CSM and the next renewal.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AtRisk {
    #[serde(flatten)]
    pub health: CustomerHealth,
    pub name: Option<String>,
    pub csm: Option<String>,
    /// 12 × the customer's MRR in the last month of P.
    pub arr: Num,
    /// The customer's first renewal due after P (`renewals` table), YYYY-MM-DD.
    pub renewal_date: Option<String>,
}

/// The at-risk order's key: the lowest score as shown (whole points) first, the highest ARR (or
/// MRR) first among equal shown scores, then the id. By the unrounded score 29.6 would come before
/// 30.4 whatever their ARR, though both show as 30.
fn risk_key(score: Option<f64>, arr: Decimal, id: &str) -> (Option<i64>, Reverse<Decimal>, &str) {
    (score.map(|s| s.round() as i64), Reverse(arr), id)
}

#[cfg(test)]
fn risk_order(a: &AtRisk, b: &AtRisk) -> std::cmp::Ordering {
    risk_key(a.health.score, a.arr.0, &a.health.customer_id).cmp(&risk_key(
        b.health.score,
        b.arr.0,
        &b.health.customer_id,
    ))
}

/// Customers active at the end of P per health band.
#[derive(Debug, Clone, Serialize, Default, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HealthBands {
    pub green: usize,
    pub yellow: usize,
    pub red: usize,
    /// No health component could be worked out.
    pub unscored: usize,
}

/// The rows the dashboard shows: the at-risk table and the lowest-utilization chart.
pub const RISKIEST: usize = 12;
pub const LOWEST_UTILIZATION: usize = 25;

/// What the dashboard draws, already aggregated: it stays a few kilobytes however many customers
/// there are (every row is one click away through the KPI explanations).
#[derive(Debug, Clone, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Details {
    pub distributions: Distributions,
    pub health_bands: HealthBands,
    /// The `RISKIEST` lowest-scored customers active at the end of P, lowest first (the highest ARR
    /// first among equal scores).
    pub riskiest: Vec<AtRisk>,
    /// The `LOWEST_UTILIZATION` customers active at the end of P with seat counts and the lowest
    /// utilization, lowest first.
    pub utilization: Vec<Utilization>,
}

/// `ev`: the health events of `d` (`health::Events::of`, kept per view); `scores`: the health
/// scores of `book`'s customers active at the end of P (`health::score_all`).
pub(crate) fn details(
    d: &Dataset,
    ev: &health::Events,
    book: Option<&Book>,
    scores: &[health::Score],
    p: Period,
    settings: &Settings,
) -> Details {
    let scale = settings.csat_scale.unwrap_or(5);
    let count = |kind: SurveyType, lo: i64, hi: i64| {
        let mut v = vec![0usize; (hi - lo + 1) as usize];
        // A CSAT label is a 1-5 score: drawn only on a 1-5 scale (a Good/Bad rating, score 0, never).
        let on_scale = |s: &&crate::model::SurveyResponse| {
            s.positive.is_none() || kind != SurveyType::Csat || scale == 5
        };
        for s in
            d.surveys.iter().filter(|s| s.kind == kind && p.contains_date(s.date)).filter(on_scale)
        {
            if (lo..=hi).contains(&s.score) {
                v[(s.score - lo) as usize] += 1;
            }
        }
        v
    };
    let distributions = Distributions {
        nps: count(SurveyType::Nps, 0, 10),
        csat: count(SurveyType::Csat, 1, scale as i64),
        ces: count(SurveyType::Ces, 1, 7),
    };
    let Some(b) = book else { return Details { distributions, ..Default::default() } };
    // Scores and bands of every active customer; the at-risk rows only for the shown ones.
    let hs = &settings.health;
    let mut bands = HealthBands::default();
    for c in scores {
        match c.2 {
            Some("green") => bands.green += 1,
            Some("yellow") => bands.yellow += 1,
            Some("red") => bands.red += 1,
            _ => bands.unscored += 1,
        }
    }
    // The first RISKIEST in the at-risk order (by MRR: ARR is 12 x MRR; ids are unique).
    let key = |x: &health::Score| risk_key(x.1, b.mrr(x.0, p.to), &b.rev.ids[x.0]);
    let order = |x: &health::Score, y: &health::Score| key(x).cmp(&key(y));
    let mut first: Vec<&health::Score> = scores.iter().filter(|c| c.1.is_some()).collect();
    if first.len() > RISKIEST {
        first.select_nth_unstable_by(RISKIEST - 1, |x, y| order(x, y));
        first.truncate(RISKIEST);
    }
    first.sort_by(|x, y| order(x, y));
    let end = p.to.last_day();
    let mut renewal: FastMap<&str, NaiveDate> = FastMap::default();
    for r in d.renewals.iter().filter(|r| r.date > end) {
        let e = renewal.entry(r.customer_id.as_str()).or_insert(r.date);
        *e = (*e).min(r.date);
    }
    let riskiest: Vec<AtRisk> = first
        .into_iter()
        .map(|&(i, ..)| {
            let id = &b.rev.ids[i];
            let parts = health::parts(d, ev, b, i, p.to);
            let c = ev.row_customer(d, b, i);
            AtRisk {
                name: c.and_then(|c| c.name.clone()),
                csm: c.and_then(|c| c.csm.clone()),
                arr: Num(b.mrr(i, p.to) * Decimal::from(12)),
                renewal_date: renewal.get(id.as_str()).map(|d| d.to_string()),
                health: CustomerHealth::new(id.clone(), parts, hs),
            }
        })
        .collect();
    // The lowest seat use first (a stable sort: ties in the order of the active customers).
    let mut lowest: Vec<(Decimal, &crate::model::Customer)> = b
        .active(p.to)
        .filter_map(|i| {
            let c = ev.row_customer(d, b, i)?;
            let (purchased, active) = (c.seats_purchased?, c.seats_active?);
            (purchased > Decimal::ZERO).then(|| (active / purchased, c))
        })
        .collect();
    lowest.sort_by_key(|a| a.0);
    lowest.truncate(LOWEST_UTILIZATION);
    let utilization = lowest
        .into_iter()
        .map(|(ratio, c)| Utilization {
            customer_id: c.id.clone(),
            name: c.name.clone(),
            purchased: Num(c.seats_purchased.unwrap_or_default()),
            active: Num(c.seats_active.unwrap_or_default()),
            ratio: Num(ratio),
        })
        .collect();
    Details { distributions, health_bands: bands, riskiest, utilization }
}

/// The at-risk list as a table (CSV export): plain column names, money to the cent and scores to
/// one decimal.
pub fn at_risk_table(list: &[AtRisk]) -> (Vec<String>, Vec<Vec<serde_json::Value>>) {
    use serde_json::json;
    let columns = [
        "Customer ID",
        "Customer",
        "CSM",
        "ARR",
        "Next renewal",
        "Health (0-100)",
        "Band",
        "Seat use (%)",
        "NPS (0-100)",
        "MRR trend (0-100)",
        "Support (0-100)",
        "Engagement (0-100)",
    ];
    let one = |v: Option<f64>| v.map(|x| json!((x * 10.0).round() / 10.0));
    let rows = list
        .iter()
        .map(|r| {
            let h = &r.health;
            vec![
                json!(h.customer_id),
                json!(r.name),
                json!(r.csm),
                json!(Num(r.arr.0.round_dp(2))),
                json!(r.renewal_date),
                json!(one(h.score)),
                json!(h.band),
                json!(one(h.utilization)),
                json!(one(h.nps)),
                json!(one(h.mrr_trend)),
                json!(one(h.support)),
                json!(one(h.engagement)),
            ]
        })
        .collect();
    (columns.iter().map(|c| c.to_string()).collect(), rows)
}

/// Each KPI month by month over the last (up to) 12 months of P, each month as a one-month period:
/// the tiles' sparklines. A month whose value is partial (the first month of the revenue data, whose
/// "new MRR" is the whole opening book) is a gap, as is one the data does not cover.
pub(crate) fn trend(v: &super::View, p: Period, settings: &Settings) -> super::Trend {
    let months: Vec<Month> = Month::range(p.from.max(p.to.plus(-11)), p.to).collect();
    monthly(v, &months, settings).0
}

/// Each KPI in each of `months` as a one-month period (a partial or unknown value is a gap): the
/// series of the sparklines and of the red flags; with each KPI's unit.
pub(crate) fn monthly(
    v: &super::View,
    months: &[Month],
    settings: &Settings,
) -> (super::Trend, Vec<(&'static str, super::Unit)>) {
    let one = |m: Month| super::compute(v, Period { from: m, to: m }, settings);
    // The months are independent: the later half is worked out on the second core.
    let (early, late) = months.split_at(months.len() / 2);
    let computed = std::thread::scope(|s| {
        let late = s.spawn(|| late.iter().map(|&m| one(m)).collect::<Vec<_>>());
        let mut all: Vec<_> = early.iter().map(|&m| one(m)).collect();
        all.extend(late.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        all
    });
    let units = computed.first().map(|c| c.kpis.iter().map(|(id, k)| (*id, k.unit)).collect());
    let mut out = super::Trend::new();
    for c in computed {
        for (id, k) in c.kpis {
            out.entry(id).or_default().push(k.number().filter(|_| k.note.is_none()).map(Num));
        }
    }
    (out, units.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Customer, Renewal, Revenue};
    use std::collections::BTreeMap;

    /// The at-risk list names the customer, their CSM, the ARR at stake (12 × the last month's MRR)
    /// and the first renewal due after the period; it exports with plain column names.
    #[test]
    fn at_risk_rows_say_who_what_is_at_stake_and_when() {
        let m = |k| Month::new(2024, k).unwrap();
        let mut e: BTreeMap<String, BTreeMap<Month, Decimal>> = BTreeMap::new();
        // A shrinks (MRR trend below 70), B is flat: A is the riskier.
        for (c, k, v) in [("A", 1, 100), ("A", 4, 50), ("B", 1, 80), ("B", 4, 80)] {
            e.entry(c.into()).or_default().insert(m(k), Decimal::from(v));
        }
        for k in 2..=3 {
            e.entry("A".into()).or_default().insert(m(k), Decimal::from(100));
            e.entry("B".into()).or_default().insert(m(k), Decimal::from(80));
        }
        let rev = Revenue::from_entries(e);
        let day = |y, k, d| chrono::NaiveDate::from_ymd_opt(y, k, d).unwrap();
        let renewal = |c: &str, date| Renewal {
            customer_id: c.into(),
            date,
            renewable_arr: Decimal::from(600),
            renewed_arr: None,
            renewed: false,
        };
        let d = Dataset {
            customers: vec![Customer {
                id: "A".into(),
                name: Some("Golden Energy LLC".into()),
                csm: Some("Dana".into()),
                ..Default::default()
            }],
            // Before the end of the period, then the next two after it: the earlier one counts.
            renewals: vec![
                renewal("A", day(2024, 3, 1)),
                renewal("A", day(2025, 2, 1)),
                renewal("A", day(2024, 9, 30)),
            ],
            has_renewals: true,
            ..Default::default()
        };
        let p = Period { from: m(2), to: m(4) };
        let ev = health::Events::of(&d);
        let (book, s) = (Book::new(&rev), Settings::default());
        let scores = health::score_all(&d, &ev, &book, p.to, &s.health);
        let out = details(&d, &ev, Some(&book), &scores, p, &s);
        let a = &out.riskiest[0];
        assert_eq!(a.health.customer_id, "A");
        assert_eq!(
            (a.name.as_deref(), a.csm.as_deref()),
            (Some("Golden Energy LLC"), Some("Dana"))
        );
        assert_eq!(a.arr.0, Decimal::from(600));
        assert_eq!(a.renewal_date.as_deref(), Some("2024-09-30"));
        let b = &out.riskiest[1];
        assert_eq!(
            (b.name.as_deref(), b.renewal_date.as_deref(), b.arr.0),
            (None, None, Decimal::from(960))
        );
        let json = serde_json::to_value(a).unwrap();
        // The health fields stay at the top level.
        assert_eq!(json["customer_id"], "A");
        assert_eq!(json["mrr_trend"], 35.0);
        let (columns, rows) = at_risk_table(&out.riskiest);
        assert_eq!(&columns[..4], ["Customer ID", "Customer", "CSM", "ARR"]);
        assert_eq!(
            rows[0][..5],
            [
                serde_json::json!("A"),
                serde_json::json!("Golden Energy LLC"),
                serde_json::json!("Dana"),
                serde_json::json!(600),
                serde_json::json!("2024-09-30"),
            ]
        );
    }

    /// Scores 29.6 (ARR 100), 30.4 (ARR 900) and 28.2 (ARR 50) show as 30, 30 and 28: 28 first,
    /// then the two 30s highest ARR first (30.4 before 29.6).
    #[test]
    fn riskiest_order_by_the_shown_score_then_arr() {
        let at = |id: &str, score: f64, arr: i64| AtRisk {
            health: crate::kpi::health::CustomerHealth {
                customer_id: id.into(),
                score: Some(score),
                band: None,
                utilization: None,
                nps: None,
                mrr_trend: None,
                support: None,
                engagement: None,
            },
            name: None,
            csm: None,
            arr: Num(Decimal::from(arr)),
            renewal_date: None,
        };
        let mut list = [at("A", 29.6, 100), at("B", 30.4, 900), at("C", 28.2, 50)];
        list.sort_by(risk_order);
        let ids: Vec<&str> = list.iter().map(|a| a.health.customer_id.as_str()).collect();
        assert_eq!(ids, ["C", "B", "A"]);
    }
}
