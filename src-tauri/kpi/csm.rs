//! The per-CSM table: for each CSM (the `csm` of the customer at the end of P), the customers they own
//! that are active at the end of P, their MRR, NRR, GRR and logo churn over P, onboarding rating and
//! time to first value, and the engagement and advocacy touchpoints in P (an activity's own `csm`
//! column when it has one, else its customer's CSM). Ownership is resolved once per customer, so the
//! table costs one pass over each table whatever the number of CSMs.

use super::onboarding;
use super::period::Period;
use super::retention;
use super::revenue::Book;
use super::value::Num;
use crate::model::FastMap;
use crate::model::{ActivityClass, Customer, Dataset};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CsmRow {
    pub csm: String,
    pub customers: usize,
    /// Null when currencies cannot be added up (exports.md §9).
    pub mrr: Option<Num>,
    pub nrr: Option<Num>,
    pub grr: Option<Num>,
    pub customer_churn_rate: Option<Num>,
    pub onboarding_rating: Option<Num>,
    pub ttfv_days: Option<Num>,
    pub engagement_activities: usize,
    pub advocacy_activities: usize,
    /// The figures of this row that stand out from the team's (`nrr`, `grr`, `customer_churn_rate`):
    /// more than `OUTLIER_POINTS` worse than the same figure over every customer of the view.
    pub outliers: Vec<&'static str>,
}

/// How far a CSM's NRR or GRR may fall below the team's (or their logo churn rise above it), as a
/// ratio (0.10 = 10 points), before the row marks it.
pub const OUTLIER_POINTS: Decimal = Decimal::from_parts(10, 0, 0, false, 2);

/// Marks the figures of each row that are more than `OUTLIER_POINTS` worse than the team's: NRR
/// and GRR below it, logo churn above it.
pub fn mark_outliers(
    rows: &mut [CsmRow],
    nrr: Option<Decimal>,
    grr: Option<Decimal>,
    churn: Option<Decimal>,
) {
    for r in rows {
        let below = |mine: Option<Num>, team: Option<Decimal>| matches!((mine, team), (Some(m), Some(t)) if t - m.0 > OUTLIER_POINTS);
        if below(r.nrr, nrr) {
            r.outliers.push("nrr");
        }
        if below(r.grr, grr) {
            r.outliers.push("grr");
        }
        if matches!((r.customer_churn_rate, churn), (Some(m), Some(t)) if m.0 - t > OUTLIER_POINTS)
        {
            r.outliers.push("customer_churn_rate");
        }
    }
}

pub fn table(d: &Dataset, book: Option<&Book>, p: Period) -> Vec<CsmRow> {
    let names: Vec<&str> = d
        .customers
        .iter()
        .filter_map(|c| c.csm.as_deref())
        .chain(d.activities.iter().filter_map(|a| a.csm.as_deref()))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let index: FastMap<&str, usize> = names.iter().enumerate().map(|(k, n)| (*n, k)).collect();
    // Customer id -> owning CSM index.
    let owner: FastMap<&str, usize> = d
        .customers
        .iter()
        .filter_map(|c| Some((c.id.as_str(), *index.get(c.csm.as_deref()?)?)))
        .collect();
    let mut rows_of: Vec<Vec<usize>> = vec![Vec::new(); names.len()];
    if let Some(b) = book {
        for i in 0..b.customers() {
            if let Some(&k) = owner.get(b.rev.ids[i].as_str()) {
                rows_of[k].push(i);
            }
        }
    }
    let mut owned: Vec<Vec<&Customer>> = vec![Vec::new(); names.len()];
    for c in &d.customers {
        if let Some(&k) = owner.get(c.id.as_str()) {
            owned[k].push(c);
        }
    }
    let mut touch = vec![(0usize, 0usize); names.len()];
    for a in d.activities.iter().filter(|a| p.contains_date(a.date)) {
        let who = match a.csm.as_deref() {
            Some(m) => index.get(m).copied(),
            None => a.customer_id.as_deref().and_then(|c| owner.get(c).copied()),
        };
        if let Some(k) = who {
            match a.class {
                ActivityClass::Engagement => touch[k].0 += 1,
                ActivityClass::Advocacy => touch[k].1 += 1,
                ActivityClass::Other => {}
            }
        }
    }
    let ratio = |a: Decimal, b: Decimal| (!b.is_zero()).then(|| Num(a / b));
    names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let (mut customers, mut mrr) = (0, Decimal::ZERO);
            let (mut nrr, mut grr, mut churn) = (None, None, None);
            if let Some(b) = book {
                for &i in &rows_of[k] {
                    let v = b.mrr(i, p.to);
                    if v > Decimal::ZERO {
                        customers += 1;
                        mrr += v;
                    }
                }
                let (n, retained, start, kept, end) =
                    retention::over(b, rows_of[k].iter().copied(), p.from.prev(), p.to);
                nrr = ratio(end, start);
                grr = ratio(kept, start);
                churn = ratio(Decimal::from(n - retained), Decimal::from(n));
            }
            CsmRow {
                csm: name.to_string(),
                customers,
                mrr: Some(Num(mrr)),
                nrr,
                grr,
                customer_churn_rate: churn,
                onboarding_rating: onboarding::rating_mean(owned[k].iter().copied(), p).map(Num),
                ttfv_days: onboarding::ttfv(owned[k].iter().copied(), p).map(|t| Num(t.0)),
                engagement_activities: touch[k].0,
                advocacy_activities: touch[k].1,
                outliers: Vec::new(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Activity, Month, Revenue};
    use std::collections::BTreeMap;

    #[test]
    fn by_hand() {
        let m = |k| Month::new(2024, k).unwrap();
        let mut e: BTreeMap<String, BTreeMap<Month, Decimal>> = BTreeMap::new();
        // Dana owns A (100 -> 120) and B (50 -> 0); Ben owns C (new in Feb, 30).
        for (c, k, v) in [("A", 1, 100), ("A", 2, 120), ("B", 1, 50), ("C", 2, 30)] {
            e.entry(c.into()).or_default().insert(m(k), Decimal::from(v));
        }
        let rev = Revenue::from_entries(e);
        let cust = |id: &str, csm: &str| Customer {
            id: id.into(),
            csm: Some(csm.into()),
            ..Default::default()
        };
        let act = |c: &str, csm: Option<&str>, kind: ActivityClass| Activity {
            customer_id: Some(c.into()),
            date: m(2).first_day(),
            kind: "x".into(),
            class: kind,
            csm: csm.map(Into::into),
        };
        let d = Dataset {
            customers: vec![cust("A", "Dana"), cust("B", "Dana"), cust("C", "Ben")],
            // The activity's own CSM wins over the customer's.
            activities: vec![
                act("A", None, ActivityClass::Engagement),
                act("C", Some("Dana"), ActivityClass::Advocacy),
            ],
            has_activities: true,
            ..Default::default()
        };
        let t = table(&d, Some(&Book::new(&rev)), Period { from: m(2), to: m(2) });
        assert_eq!(t.iter().map(|r| r.csm.as_str()).collect::<Vec<_>>(), ["Ben", "Dana"]);
        let dana = &t[1];
        assert_eq!((dana.customers, dana.mrr.map(|m| m.0)), (1, Some(Decimal::from(120))));
        assert_eq!(dana.nrr.unwrap().0, Decimal::from(120) / Decimal::from(150));
        assert_eq!(dana.grr.unwrap().0, Decimal::from(100) / Decimal::from(150));
        assert_eq!(dana.customer_churn_rate.unwrap().0, Decimal::new(5, 1));
        assert_eq!((dana.engagement_activities, dana.advocacy_activities), (1, 1));
        // Ben had no customer before the period: no retention figures.
        assert!(t[0].nrr.is_none());
        assert_eq!(t[0].mrr.map(|m| m.0), Some(Decimal::from(30)));
        // Against a team at NRR 95%, GRR 75% and churn 40%: Dana's NRR (80%) is 15 points below,
        // her GRR (66.7%) 8.3 points below, her churn (50%) 10 points above (not more).
        let mut t = t;
        let pct = |k: i64| Some(Decimal::new(k, 2));
        mark_outliers(&mut t, pct(95), pct(75), pct(40));
        assert_eq!(t[1].outliers, ["nrr"]);
        assert!(t[0].outliers.is_empty());
        mark_outliers(&mut t[1..], None, pct(77), pct(39));
        assert_eq!(t[1].outliers, ["nrr", "grr", "customer_churn_rate"]);
    }
}
