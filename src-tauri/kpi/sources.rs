//! The table kinds each KPI reads, so that its explanation can name what the import did to those
//! tables' rows (the rules of system exports: "Interval = year: amount / 12", rows set aside).

use crate::model::Dataset;

const REVENUE: &[&str] = &["mrr", "mrr_events", "subscriptions", "mrr_summary"];

/// The table kinds a KPI reads.
pub fn kinds_of(id: &str) -> &'static [&'static str] {
    match id {
        "nps" | "enps" | "ces_mean" | "ces_easy" => &["surveys"],
        // Zendesk's Good/Bad ratings are CSAT responses too.
        "csat" => &["surveys", "tickets"],
        "fcr" | "avg_resolution_hours" => &["tickets"],
        "clv_transactional" | "repeat_purchase_rate" => &["orders"],
        "cac" | "crc" => &["costs", "mrr", "mrr_events", "subscriptions"],
        "ltv_to_cac" | "cac_payback_months" | "clv_net_of_cac" => {
            &["mrr", "mrr_events", "subscriptions", "costs"]
        }
        "dau" | "mau" | "stickiness" | "avg_session_minutes" => &["usage"],
        "trial_conversion_rate" => &["trials"],
        "renewal_rate" | "gross_renewal_rate" => &["renewals"],
        "acv" | "tcv" => &["contracts"],
        "ttfv_days" | "onboarding_rating" => &["customers"],
        "engagement_activities" | "advocacy_activities" => &["activities"],
        "license_utilization" => &["customers", "usage"],
        id if id.starts_with("health") => {
            &["mrr", "mrr_events", "subscriptions", "surveys", "tickets"]
        }
        _ => REVENUE,
    }
}

/// The import rules of the tables a KPI reads, each prefixed with its table.
pub fn import_rules(d: &Dataset, id: &str) -> Vec<String> {
    let kinds = kinds_of(id);
    d.import_rules
        .iter()
        .filter(|r| kinds.contains(&r.kind))
        .map(|r| format!("{}: {}", r.table, r.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ImportRule;

    #[test]
    fn rules_of_the_tables_a_kpi_reads() {
        let mut d = Dataset::default();
        let rule =
            |kind, text: &str| ImportRule { kind, table: "subs.csv".into(), text: text.into() };
        d.import_rules.push(rule("subscriptions", "Interval = year: amount / 12 (2 rows)"));
        d.import_rules.push(rule("orders", "1 set aside: refunded in full"));
        assert_eq!(import_rules(&d, "nrr"), ["subs.csv: Interval = year: amount / 12 (2 rows)"]);
        assert_eq!(
            import_rules(&d, "clv_transactional"),
            ["subs.csv: 1 set aside: refunded in full"]
        );
        assert!(import_rules(&d, "nps").is_empty());
    }
}
