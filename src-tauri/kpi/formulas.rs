//! Every report KPI's name and formula in words, as shown beside the number.

/// (id, label, formula in words)
pub const FORMULAS: &[(&str, &str, &str)] = &[
    ("mrr", "MRR", "Sum of every customer's monthly recurring revenue in the last month of the period."),
    ("arr", "ARR", "12 × MRR."),
    ("active_customers", "Active customers", "Customers with MRR above 0 in the last month of the period."),
    ("arpa", "ARPA", "MRR ÷ active customers."),
    ("arpu", "ARPU", "MRR ÷ the active seats of the customers active in the last month."),
    ("mrr_new", "New MRR", "MRR of customers whose first ever revenue falls in a month of the period."),
    ("mrr_reactivation", "Reactivation MRR", "MRR of customers who come back after a month at 0, having paid before."),
    ("mrr_expansion", "Expansion MRR", "Increases of paying customers' MRR from one month to the next, summed over the period."),
    ("mrr_contraction", "Contraction MRR", "Decreases of paying customers' MRR that stay above 0, summed over the period."),
    ("mrr_churn", "Churned MRR", "The previous month's MRR of customers who dropped to 0, summed over the period."),
    ("net_new_mrr", "Net new MRR", "New + reactivation + expansion − contraction − churned MRR."),
    ("customers_new", "New customers", "Customers whose first revenue falls in the period."),
    ("customers_reactivated", "Reactivated customers", "Returns to paying after a month at 0, counted each month."),
    ("customers_churned", "Churned customers", "Drops from paying to 0, counted each month."),
    ("customer_retention_rate", "Customer retention", "Of the customers paying just before the period, the share still paying at its end."),
    ("customer_churn_rate", "Logo churn (period)", "Of the customers paying just before the period, the share not paying at its end (1 − retention)."),
    ("grr", "Gross revenue retention", "The MRR those starting customers keep at the end, never counting growth (each customer's end MRR capped at its start), ÷ their start MRR."),
    ("nrr", "Net revenue retention", "The end MRR of the customers paying just before the period ÷ their start MRR (growth included; new customers excluded)."),
    ("monthly_churn_rate", "Monthly logo churn", "Customers churned in the period's months ÷ the customers active at the start of each of those months, summed."),
    ("gross_mrr_churn_rate", "Gross MRR churn (monthly)", "(Churned + contraction MRR) ÷ the MRR at the start of each month, summed over the period."),
    ("net_mrr_churn_rate", "Net MRR churn (monthly)", "(Churned + contraction − expansion − reactivation MRR) ÷ the MRR at the start of each month, summed."),
    ("expansion_mrr_rate", "Expansion rate (monthly)", "Expansion MRR ÷ the MRR at the start of each month, summed over the period."),
    ("quarterly_expansion_revenue", "Expansion MRR by quarter", "Expansion MRR of each quarter's months inside the period."),
    ("ltv_simple", "LTV (logo churn)", "ARPA × gross margin ÷ monthly logo churn."),
    ("ltv_revenue_churn", "LTV (revenue churn)", "ARPA × gross margin ÷ gross MRR churn rate."),
    ("customer_lifetime_months", "Customer lifetime", "1 ÷ monthly logo churn, in months."),
    ("clv_net_of_cac", "CLV net of CAC", "Annual revenue per customer (12 × ARPA × gross margin) × lifetime in years − CAC."),
    ("clv_transactional", "CLV (transactions)", "Average order value × orders per customer per year × average customer lifespan in years."),
    ("repeat_purchase_rate", "Repeat purchase rate", "Customers with 2 or more orders in the period ÷ customers with at least one."),
    ("cac", "CAC", "Sales and marketing spend in the period ÷ new customers (reactivations are not acquisitions)."),
    ("ltv_to_cac", "LTV : CAC", "LTV (logo churn) ÷ CAC; above 3 is healthy."),
    ("cac_payback_months", "CAC payback", "CAC ÷ (the first-month ARPA of the period's new customers × gross margin), in months."),
    ("crc", "Retention cost per customer", "Customer success and support spend in the period ÷ active customers."),
    ("nps", "NPS", "100 × (promoters (9-10) − detractors (0-6)) ÷ responses in the period."),
    ("enps", "eNPS", "100 × (promoters − detractors) ÷ responses of the employee survey in the period."),
    ("csat", "CSAT", "Positive answers (4-5 on a 1-5 scale; a ticket rated Good) ÷ CSAT responses in the period."),
    ("ces_mean", "CES (mean)", "Mean customer effort score (1-7, 7 = easy) of the period's responses."),
    ("ces_easy", "CES easy share", "Share of CES answers of 5 or more."),
    ("fcr", "First-contact resolution", "Tickets opened in the period and resolved in one contact ÷ resolved tickets opened in the period."),
    ("avg_resolution_hours", "Average resolution time", "Mean hours from opened to resolved over resolved tickets opened in the period."),
    ("ttfv_days", "Time to first value", "Mean days from onboarding start to first value, over customers reaching first value in the period."),
    ("onboarding_rating", "Onboarding rating", "Mean onboarding rating of customers whose onboarding started in the period."),
    ("engagement_activities", "Engagement touchpoints", "Emails, calls, meetings, QBRs, trainings… dated in the period."),
    ("advocacy_activities", "Advocacy events", "Referrals, reviews, case studies, testimonials, references… dated in the period."),
    ("license_utilization", "License utilization", "Active seats ÷ purchased seats over customers active at the end of the period."),
    ("dau", "Daily active users", "Mean over the days of the last month of distinct users active that day."),
    ("mau", "Monthly active users", "Distinct users active in the last month of the period."),
    ("stickiness", "Stickiness", "DAU ÷ MAU."),
    ("avg_session_minutes", "Average session", "Total session time ÷ sessions in the period, in minutes."),
    ("trial_conversion_rate", "Trial conversion", "Trials started in the period that converted (whenever) ÷ trials started."),
    ("renewal_rate", "Renewal rate", "Renewals due in the period that renewed ÷ renewals due."),
    ("gross_renewal_rate", "Gross renewal rate", "ARR renewed (capped at what was up for renewal) ÷ ARR up for renewal, over renewals due in the period."),
    ("acv", "ACV", "Mean yearly recurring value of contracts starting in the period (one-time fees excluded)."),
    ("tcv", "TCV", "Sum of the recurring value of the whole term plus one-time fees, same contracts."),
    ("health_avg", "Health score (avg)", "Mean health score (0-100) of customers active at the end: utilization, latest NPS, MRR trend, support load and engagement, weighted."),
    ("health_red", "Health: red", "Active customers scoring below the red threshold (40)."),
    ("health_yellow", "Health: yellow", "Active customers scoring from 40 to below 70."),
    ("health_green", "Health: green", "Active customers scoring 70 or more."),
    ("quick_ratio", "Quick ratio", "(New + reactivation + expansion MRR) ÷ (contraction + churned MRR) over the period; above 4 is efficient growth."),
    ("top10_mrr_share", "Top 10 customers' share of MRR", "MRR of the 10 largest customers in the last month of the period ÷ MRR."),
    ("top_decile_mrr_share", "Largest 10% of customers' share of MRR", "MRR of the largest tenth of the active customers (rounded up: 2 of 11) ÷ MRR, in the last month of the period."),
    ("mrr_hhi", "Revenue concentration (HHI)", "Sum over the active customers of their share of MRR squared, in the last month of the period: 1 ÷ the number of customers when all pay alike, 100% when one pays everything."),
];

pub fn find(id: &str) -> Option<(&'static str, &'static str)> {
    FORMULAS.iter().find(|f| f.0 == id).map(|f| (f.1, f.2))
}

/// Which way a KPI's change is good news: "up", "down" (churn, costs, time to resolve, customers at
/// risk) or "neutral" (spend that is neither good nor bad in itself).
/// Every answer of `good_when`.
pub const GOOD_WHEN: [&str; 3] = ["up", "down", "neutral"];

pub fn good_when(id: &str) -> &'static str {
    if KPI_IDS_GOOD_DOWN.contains(&id) {
        "down"
    } else if KPI_IDS_NEUTRAL.contains(&id) {
        "neutral"
    } else {
        "up"
    }
}

/// The KPIs whose fall is good news.
const KPI_IDS_GOOD_DOWN: &[&str] = &[
    "mrr_contraction",
    "mrr_churn",
    "customers_churned",
    "customer_churn_rate",
    "monthly_churn_rate",
    "gross_mrr_churn_rate",
    "net_mrr_churn_rate",
    "cac",
    "cac_payback_months",
    "avg_resolution_hours",
    "ttfv_days",
    "health_red",
    "health_yellow",
    "top10_mrr_share",
    "top_decile_mrr_share",
    "mrr_hhi",
];

/// The ratios shown as multiples ("3.2×") rather than percentages.
const MULTIPLES: &[&str] = &["ltv_to_cac", "quick_ratio"];

/// Whether a ratio KPI is shown as a multiple ("3.2×") rather than a percentage.
pub fn is_multiple(id: &str) -> bool {
    MULTIPLES.contains(&id)
}

/// The KPIs whose change is neither good nor bad in itself (retention spend per customer).
const KPI_IDS_NEUTRAL: &[&str] = &["crc"];

#[cfg(test)]
mod tests {
    #[test]
    fn every_kpi_has_a_formula() {
        for id in super::super::KPI_IDS {
            assert!(super::find(id).is_some(), "{id}");
        }
        assert_eq!(super::FORMULAS.len(), super::super::KPI_IDS.len());
    }

    #[test]
    fn good_when_names_report_kpis() {
        let named = super::KPI_IDS_GOOD_DOWN.iter().chain(super::KPI_IDS_NEUTRAL);
        for id in named {
            assert!(super::super::KPI_IDS.contains(id), "{id}");
        }
        assert_eq!(super::good_when("mrr_churn"), "down");
        for id in super::super::KPI_IDS {
            assert!(super::GOOD_WHEN.contains(&super::good_when(id)), "{id}");
        }
        assert_eq!(super::good_when("nrr"), "up");
        // Growth efficiency is good news up; revenue held by a few customers is a risk.
        assert_eq!(super::good_when("quick_ratio"), "up");
        for id in ["top10_mrr_share", "top_decile_mrr_share", "mrr_hhi"] {
            assert_eq!(super::good_when(id), "down", "{id}");
        }
        assert!(super::is_multiple("quick_ratio") && !super::is_multiple("mrr_hhi"));
    }
}
