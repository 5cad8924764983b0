//! NPS and outcomes: at every scored month t with six months of revenue after it, each active
//! customer with an NPS response on or before t is a promoter (9-10), passive (7-8) or detractor
//! (0-6) by its latest one; over t+1..t+6 it churned (MRR went to 0 in one of them) or expanded
//! (did not churn and MRR(t+6) > MRR(t)). Rates are over these customer-months.

use super::snapshot::Snapshots;
use super::MonthRange;
use crate::model::Revenue;
use serde::Serialize;

pub const MONTHS_AHEAD: i32 = 6;

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "NpsOutcome"))]
pub struct NpsGroup {
    /// Customer-months in the group.
    pub rows: u64,
    /// Distinct customers ever in the group.
    pub customers: u64,
    pub churned: u64,
    pub churn_rate: Option<f64>,
    pub expanded: u64,
    pub expansion_rate: Option<f64>,
}

#[derive(Debug, Clone, Default, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NpsOutcomes {
    /// The months t counted; null when no month has six months of revenue after it.
    pub months: Option<MonthRange>,
    pub promoter: NpsGroup,
    pub passive: NpsGroup,
    pub detractor: NpsGroup,
}

pub fn outcomes(snap: &Snapshots, rev: &Revenue) -> NpsOutcomes {
    let mut out = NpsOutcomes::default();
    let last_t = snap.months() as i32 - 1 - MONTHS_AHEAD;
    if last_t < 0 {
        return out;
    }
    out.months = Some(MonthRange { from: snap.first, to: snap.month(last_t as u16) });
    let offset = rev.first.map(|f| f.until(snap.first)).unwrap_or(0);
    // Rows are customer-major: a customer's rows are consecutive.
    let mut last_seen: [Option<u32>; 3] = [None; 3];
    for r in snap.rows.iter().filter(|r| r.t as i32 <= last_t) {
        let Some(nps) = r.part(1) else { continue };
        let k = (offset + r.t as i32) as usize;
        let row = &rev.mrr[r.cust as usize];
        let now = row[k];
        let churned = row[k + 1..=k + MONTHS_AHEAD as usize].iter().any(|v| v.is_zero());
        let expanded = !churned && row[k + MONTHS_AHEAD as usize] > now;
        // The component is the response x 10.
        let (g, slot) = if nps >= 90.0 {
            (&mut out.promoter, 0)
        } else if nps >= 70.0 {
            (&mut out.passive, 1)
        } else {
            (&mut out.detractor, 2)
        };
        g.rows += 1;
        g.churned += u64::from(churned);
        g.expanded += u64::from(expanded);
        if last_seen[slot] != Some(r.cust) {
            g.customers += 1;
            last_seen[slot] = Some(r.cust);
        }
    }
    for g in [&mut out.promoter, &mut out.passive, &mut out.detractor] {
        g.churn_rate = (g.rows > 0).then(|| g.churned as f64 / g.rows as f64);
        g.expansion_rate = (g.rows > 0).then(|| g.expanded as f64 / g.rows as f64);
    }
    out
}
