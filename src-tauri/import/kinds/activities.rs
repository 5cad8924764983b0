//! The `activities` table: CSM touchpoints and advocacy events, classified by type.

use super::super::table::{Bad, Table};
use super::super::ImportReport;
use crate::model::{Activity, ActivityClass};
use std::collections::BTreeMap;

const ENGAGEMENT: &[&str] = &[
    "email",
    "call",
    "meeting",
    "qbr",
    "ebr",
    "business review",
    "executive visit",
    "workshop",
    "training",
    "check-in",
    "check in",
    "checkin",
];
const ADVOCACY: &[&str] = &[
    "referral",
    "review",
    "case study",
    "testimonial",
    "reference",
    "reference call",
    "speaking",
    "social post",
];

pub fn classify(kind: &str) -> ActivityClass {
    let k = kind.trim().to_lowercase();
    if ENGAGEMENT.contains(&k.as_str()) {
        ActivityClass::Engagement
    } else if ADVOCACY.contains(&k.as_str()) {
        ActivityClass::Advocacy
    } else {
        ActivityClass::Other
    }
}

pub fn row(
    i: usize,
    t: &Table,
    out: &mut Vec<Activity>,
    unknown: &mut BTreeMap<String, usize>,
) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let date = r.req_date("date")?;
    let kind = r.req_text("type")?;
    let class = classify(&kind);
    if class == ActivityClass::Other {
        *unknown.entry(kind.clone()).or_default() += 1;
    }
    out.push(Activity {
        customer_id: r.text("customer_id"),
        date,
        kind,
        class,
        csm: r.text("csm"),
    });
    Ok(true)
}

/// Unknown types are counted as `other` and listed, never silently dropped.
pub fn warn_unknown(t: &Table, unknown: BTreeMap<String, usize>, report: &mut ImportReport) {
    if unknown.is_empty() {
        return;
    }
    let list: Vec<String> = unknown.iter().map(|(k, n)| format!("{k} ({n})")).collect();
    report.warn(
        &t.raw.file,
        &t.raw.sheet,
        format!(
            "activity types counted as other (neither engagement nor advocacy): {}",
            list.join(", ")
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn classes() {
        assert_eq!(classify("QBR"), ActivityClass::Engagement);
        assert_eq!(classify("Business Review"), ActivityClass::Engagement);
        assert_eq!(classify("Case Study"), ActivityClass::Advocacy);
        assert_eq!(classify("Lunch"), ActivityClass::Other);
    }
}
