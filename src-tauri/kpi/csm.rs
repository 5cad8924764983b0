//! The per-CSM table: for each CSM (the `csm` of the customer at the end of P), the customers they own
//! that are active at the end of P, their MRR, NRR, GRR and logo churn over P, onboarding rating and
//! time to first value, and the engagement and advocacy touchpoints in P (an activity's own `csm`
//! column when it has one, else its customer's CSM).

use super::onboarding;
use super::period::Period;
use super::retention;
use super::revenue::Book;
use super::value::Num;
use crate::model::{ActivityClass, Dataset};
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, Serialize)]
pub struct CsmRow {
    pub csm: String,
    pub customers: usize,
    pub mrr: Num,
    pub nrr: Option<Num>,
    pub grr: Option<Num>,
    pub customer_churn_rate: Option<Num>,
    pub onboarding_rating: Option<Num>,
    pub ttfv_days: Option<Num>,
    pub engagement_activities: usize,
    pub advocacy_activities: usize,
}

pub fn table(d: &Dataset, book: Option<&Book>, p: Period) -> Vec<CsmRow> {
    let owner: HashMap<&str, &str> =
        d.customers.iter().filter_map(|c| c.csm.as_deref().map(|m| (c.id.as_str(), m))).collect();
    let mut names: BTreeMap<&str, ()> = owner.values().map(|m| (*m, ())).collect();
    for a in &d.activities {
        if let Some(m) = a.csm.as_deref() {
            names.insert(m, ());
        }
    }
    let ratio = |a: Decimal, b: Decimal| (!b.is_zero()).then(|| Num(a / b));
    names
        .keys()
        .map(|&name| {
            let rows: Vec<usize> = book
                .map(|b| {
                    (0..b.customers())
                        .filter(|&i| owner.get(b.rev.ids[i].as_str()) == Some(&name))
                        .collect()
                })
                .unwrap_or_default();
            let (mut customers, mut mrr) = (0, Decimal::ZERO);
            let mut row = CsmRow {
                csm: name.to_string(),
                customers: 0,
                mrr: Num(Decimal::ZERO),
                nrr: None,
                grr: None,
                customer_churn_rate: None,
                onboarding_rating: None,
                ttfv_days: None,
                engagement_activities: 0,
                advocacy_activities: 0,
            };
            if let Some(b) = book {
                for &i in &rows {
                    let v = b.mrr(i, p.to);
                    if v > Decimal::ZERO {
                        customers += 1;
                        mrr += v;
                    }
                }
                let (n, retained, start, kept, end) =
                    retention::over(b, rows.iter().copied(), p.from.prev(), p.to);
                row.nrr = ratio(end, start);
                row.grr = ratio(kept, start);
                row.customer_churn_rate = ratio(Decimal::from(n - retained), Decimal::from(n));
            }
            row.customers = customers;
            row.mrr = Num(mrr);
            let owned = d.customers.iter().filter(|c| c.csm.as_deref() == Some(name));
            row.onboarding_rating = onboarding::rating_mean(owned.clone(), p).map(Num);
            row.ttfv_days = onboarding::ttfv(owned, p).map(|t| Num(t.0));
            for a in d.activities.iter().filter(|a| p.contains_date(a.date)) {
                let who = a
                    .csm
                    .as_deref()
                    .or_else(|| a.customer_id.as_deref().and_then(|c| owner.get(c).copied()));
                if who == Some(name) {
                    match a.class {
                        ActivityClass::Engagement => row.engagement_activities += 1,
                        ActivityClass::Advocacy => row.advocacy_activities += 1,
                        ActivityClass::Other => {}
                    }
                }
            }
            row
        })
        .collect()
}
