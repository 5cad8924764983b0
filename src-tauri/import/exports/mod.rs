//! The exports of the systems our users run (exports.md): each is recognised by its signature
//! columns, before the generic scoring of workbook.md, and read as one of the table kinds with its
//! own column names. The rules that normalise its values (intervals, cents, trials, refunds...) live
//! in the kind's module (`kinds/*.rs`) and apply to any table with the columns they need.
//!
//! Headers here are normalised (`headers::normalise`: lower-case, single spaces, `(UTC)` dropped,
//! `customers.id` read as `customer id`, camelCase split).

pub mod mapping;

use super::headers::{Header, TableKind};

/// One system's export.
#[derive(Debug)]
pub struct Export {
    /// Stable id, as `"source"` in the report (`stripe_subscriptions`).
    pub id: &'static str,
    /// What the Data view calls it ("Stripe subscriptions export").
    pub system: &'static str,
    pub kind: TableKind,
    /// Every group must be in the header (one of its spellings). Of two matching exports, the one
    /// with more groups wins.
    pub signature: &'static [&'static [&'static str]],
    /// Header -> canonical column of `kind`, before the kind's own synonyms; the first header
    /// present for a canonical column wins.
    pub columns: &'static [(&'static str, &'static str)],
    /// True when the format was inferred (from public readers or by assumption), not documented by
    /// the vendor (exports.md †; README's table of systems).
    pub inferred: bool,
}

impl Export {
    /// Whether a header (normalised cells) holds the whole signature.
    fn matches(&self, heads: &[Header]) -> bool {
        self.signature.iter().all(|group| group.iter().any(|g| heads.iter().any(|h| h.base == *g)))
    }
}

/// The export a header row is, if any: the longest signature that matches.
pub fn recognise(heads: &[Header]) -> Option<&'static Export> {
    let mut best: Option<&'static Export> = None;
    for e in EXPORTS {
        if e.matches(heads) && best.is_none_or(|b| e.signature.len() > b.signature.len()) {
            best = Some(e);
        }
    }
    best
}

/// The export with this id.
pub fn by_id(id: &str) -> Option<&'static Export> {
    EXPORTS.iter().find(|e| e.id == id)
}

const STRIPE_START: &[&str] = &["start", "start date", "created"];

/// Every recognised export. Keep the signatures specific: a file that matches none goes to the
/// generic detection of workbook.md.
pub static EXPORTS: &[Export] = &[
    // ---- Billing: subscriptions (exports.md §3) ----
    Export {
        id: "stripe_subscriptions",
        system: "Stripe subscriptions export",
        kind: TableKind::Subscriptions,
        signature: &[&["customer id"], &["interval"], &["amount"], STRIPE_START],
        columns: &[
            ("customer id", "customer_id"),
            ("customer name", "name"),
            // `Start Date` is the subscription's start; the older `Start` also moved with changes.
            ("start date", "start_date"),
            ("start", "start_date"),
            ("created", "created"),
            ("amount", "mrr"),
            ("interval", "interval"),
            ("interval count", "interval_count"),
            ("quantity", "quantity"),
            ("currency", "currency"),
            ("status", "status"),
            ("plan", "plan"),
            ("trial end", "trial_end"),
            ("ended at", "ended_at"),
            ("cancel at", "cancel_at"),
            ("current period start", "current_period_start"),
            ("current period end", "current_period_end"),
            ("cancel at period end", "cancel_at_period_end"),
            ("canceled at", "canceled_at"),
            ("coupon", "coupon"),
        ],
        inferred: false,
    },
    Export {
        id: "chargebee_subscriptions",
        system: "Chargebee subscriptions export",
        kind: TableKind::Subscriptions,
        signature: &[
            &["plan unit price"],
            &["customer id"],
            &["started at", "activated at", "start date"],
        ],
        columns: &[
            ("customer id", "customer_id"),
            ("company", "name"),
            ("plan unit price", "mrr"),
            ("plan id", "plan"),
            ("plan quantity", "quantity"),
            ("billing period", "interval_count"),
            ("billing period unit", "interval"),
            ("currency code", "currency"),
            ("status", "status"),
            ("activated at", "activated_at"),
            ("started at", "started_at"),
            ("start date", "start_date"),
            ("trial end", "trial_end"),
            // Chargebee's `cancelled_at` is when it ends or ended, not when it was asked for.
            ("cancelled at", "cancel_at"),
            ("current term start", "current_period_start"),
            ("current term end", "current_period_end"),
            ("pause date", "pause_date"),
            ("created at", "created"),
            ("coupon", "coupon"),
        ],
        inferred: true,
    },
    Export {
        id: "recurly_subscriptions",
        system: "Recurly subscriptions export",
        kind: TableKind::Subscriptions,
        signature: &[
            &["account code"],
            &["plan code"],
            &["unit amount", "unit amount in cents"],
            &["state", "subscription state"],
        ],
        columns: &[
            ("account code", "customer_id"),
            ("company name", "name"),
            ("company", "name"),
            ("plan code", "plan"),
            ("state", "status"),
            ("subscription state", "status"),
            ("quantity", "quantity"),
            ("unit amount", "mrr"),
            ("unit amount in cents", "mrr"),
            ("currency", "currency"),
            ("plan interval length", "interval_count"),
            ("plan interval unit", "interval"),
            ("activated at", "start_date"),
            ("created at", "created"),
            ("trial ends at", "trial_end"),
            ("canceled at", "canceled_at"),
            // When it expires or expired: the end (a future date while it is `canceled`).
            ("expires at", "cancel_at"),
            ("current period started at", "current_period_start"),
            ("current period ends at", "current_period_end"),
            ("paused at", "pause_date"),
            ("coupon code", "coupon"),
        ],
        inferred: true,
    },
    Export {
        id: "paddle_subscriptions",
        system: "Paddle subscriptions export",
        kind: TableKind::Subscriptions,
        signature: &[
            &["subscription id"],
            &["plan id"],
            &["user id", "user email"],
            &["signup date"],
            &["next payment amount", "last payment amount"],
        ],
        columns: &[
            ("user id", "customer_id"),
            ("user email", "customer_id"),
            ("plan id", "plan"),
            ("state", "status"),
            ("status", "status"),
            ("signup date", "start_date"),
            ("next payment amount", "mrr"),
            ("last payment amount", "last_payment_amount"),
            ("currency", "currency"),
            ("quantity", "quantity"),
            // The billing period now paid for: it tells the interval (no interval column).
            ("last payment date", "current_period_start"),
            ("next bill date", "current_period_end"),
            ("paused at", "pause_date"),
            ("paused from", "pause_date"),
            ("cancellation effective date", "cancel_at"),
        ],
        inferred: true,
    },
    // ---- Billing: payments (§4) ----
    // The Dashboard's payments export: `Created (UTC)` in the older one, `Created date (UTC)` in the
    // current one (public importers of both).
    Export {
        id: "stripe_payments",
        system: "Stripe payments export",
        kind: TableKind::Orders,
        signature: &[
            &["id"],
            &["created", "created date"],
            &["amount"],
            &["amount refunded"],
            &["customer id", "customer email"],
        ],
        columns: &[
            ("id", "order_id"),
            ("created", "date"),
            ("created date", "date"),
            ("amount", "amount"),
            ("amount refunded", "amount_refunded"),
            ("converted amount", "converted_amount"),
            ("converted amount refunded", "converted_amount_refunded"),
            ("converted currency", "converted_currency"),
            ("currency", "currency"),
            ("status", "status"),
            ("captured", "captured"),
            ("customer id", "customer_id"),
            ("customer email", "customer_email"),
        ],
        inferred: false,
    },
    // ---- Billing: invoices with service periods (§3b) ----
    Export {
        id: "stripe_invoices",
        system: "Stripe invoices export",
        kind: TableKind::Mrr,
        signature: &[
            &["minimum line item period start"],
            &["maximum line item period end"],
            &["total", "subtotal", "amount"],
        ],
        // `Period Start/End (UTC)` is the previous usage period, never the service period.
        columns: &[
            ("customer", "customer_id"),
            ("customer id", "customer_id"),
            ("customer name", "name"),
            ("date", "month"),
            ("minimum line item period start", "period_start"),
            ("maximum line item period end", "period_end"),
            ("subtotal", "mrr"),
            ("total", "mrr"),
            ("amount", "mrr"),
            ("currency", "currency"),
            ("status", "status"),
        ],
        inferred: false,
    },
    Export {
        id: "stripe_invoice_line_items",
        system: "Stripe invoice line items export",
        kind: TableKind::Mrr,
        signature: &[
            &["invoice id"],
            &["line item id", "invoice line item id"],
            &["period start"],
            &["period end"],
            &["amount"],
        ],
        columns: &[
            ("customer id", "customer_id"),
            ("customer", "customer_id"),
            ("customer name", "name"),
            ("invoice date", "month"),
            ("date", "month"),
            ("period start", "period_start"),
            ("period end", "period_end"),
            ("amount", "mrr"),
            ("currency", "currency"),
            ("invoice status", "status"),
            ("status", "status"),
        ],
        inferred: true,
    },
    Export {
        id: "invoices_service_period",
        system: "Invoices with service periods",
        kind: TableKind::Mrr,
        signature: &[
            &["service period start", "line item period start"],
            &["service period end", "line item period end"],
            &["subtotal", "amount excluding tax", "total", "amount"],
        ],
        columns: &[
            ("invoice date", "month"),
            ("date", "month"),
            ("service period start", "period_start"),
            ("line item period start", "period_start"),
            ("service period end", "period_end"),
            ("line item period end", "period_end"),
            ("subtotal", "mrr"),
            ("amount excluding tax", "mrr"),
            ("total", "mrr"),
            ("amount", "mrr"),
            ("currency", "currency"),
            ("invoice status", "status"),
            ("status", "status"),
        ],
        inferred: true,
    },
    // ---- CRM (§5) ----
    // HubSpot writes every property's label; a deal's company is `Associated Company` (several
    // joined by `;`), its primary one `Associated Company (Primary)` (kinds/deals.rs reads that first).
    Export {
        id: "hubspot_deals",
        system: "HubSpot deals export",
        kind: TableKind::Contracts,
        signature: &[
            &["deal stage"],
            &["close date"],
            &["record id", "deal name"],
            &["annual contract value", "total contract value"],
        ],
        columns: &[
            ("associated company", "customer_id"),
            ("deal name", "deal_name"),
            ("close date", "start_date"),
            ("total contract value", "recurring_value"),
            ("annual contract value", "annual_value"),
            ("deal stage", "stage"),
            ("currency", "currency"),
        ],
        inferred: true,
    },
    Export {
        id: "hubspot_deals",
        system: "HubSpot deals export",
        kind: TableKind::Renewals,
        signature: &[&["deal stage"], &["close date"], &["record id", "deal name"]],
        columns: &[
            ("associated company", "customer_id"),
            ("deal name", "deal_name"),
            ("close date", "renewal_date"),
            ("amount", "amount"),
            ("deal stage", "stage"),
            ("deal type", "deal_type"),
            ("currency", "currency"),
        ],
        inferred: true,
    },
    // A report exported as Details Only; with several currencies each money column has its
    // `… Currency` column beside it (Salesforce help 000382314).
    Export {
        id: "salesforce_opportunities",
        system: "Salesforce opportunity report",
        kind: TableKind::Renewals,
        signature: &[
            &["stage"],
            &["close date"],
            &["amount"],
            &["account name", "opportunity name"],
        ],
        columns: &[
            ("account id", "customer_id"),
            ("account name", "account_name"),
            ("opportunity name", "deal_name"),
            ("close date", "renewal_date"),
            ("amount", "amount"),
            ("stage", "stage"),
            ("type", "deal_type"),
            ("opportunity type", "deal_type"),
            ("amount currency", "currency"),
            ("opportunity currency", "currency"),
            ("currency", "currency"),
        ],
        inferred: true,
    },
    // HubSpot companies: the company name is the customer, as in the deals export's `Associated
    // Company`, so that both join; `Record ID` stays an attribute. A contacts export also has
    // `Record ID` and `Company Name`, never `Company owner` or `Company Domain Name`.
    Export {
        id: "hubspot_companies",
        system: "HubSpot companies export",
        kind: TableKind::Customers,
        signature: &[&["record id"], &["company name"], &["company owner", "company domain name"]],
        columns: &[
            ("company name", "customer_id"),
            ("company owner", "csm"),
            ("create date", "signup_date"),
            ("country/region", "region"),
        ],
        inferred: true,
    },
    // ---- Support (§6) ----
    Export {
        id: "zendesk_tickets",
        system: "Zendesk tickets export",
        kind: TableKind::Tickets,
        signature: &[&["id"], &["created at"], &["solved at"], &["replies"]],
        columns: &[
            ("id", "ticket_id"),
            ("organization", "customer_id"),
            ("created at", "opened"),
            ("solved at", "resolved"),
            ("replies", "contacts"),
            ("satisfaction score", "satisfaction"),
            ("status", "status"),
        ],
        inferred: false,
    },
    Export {
        id: "freshdesk_tickets",
        system: "Freshdesk tickets export",
        kind: TableKind::Tickets,
        signature: &[&["ticket id"], &["created time"], &["resolved time", "closed time"]],
        columns: &[
            ("ticket id", "ticket_id"),
            ("company name", "customer_id"),
            ("created time", "opened"),
            ("resolved time", "resolved"),
            ("closed time", "closed"),
            ("agent interactions", "contacts"),
            ("status", "status"),
        ],
        inferred: true,
    },
    // Intercom's conversations export (Reports, dataset export): human labels, not confirmed here.
    Export {
        id: "intercom_conversations",
        system: "Intercom conversations export",
        kind: TableKind::Tickets,
        signature: &[&["conversation id"], &["conversation started at", "started at"]],
        columns: &[
            ("conversation id", "ticket_id"),
            ("conversation started at", "opened"),
            ("started at", "opened"),
            ("conversation last closed at", "resolved"),
            ("last closed at", "resolved"),
            ("conversation closed at", "resolved"),
            ("company name", "customer_id"),
            ("company", "customer_id"),
            ("teammate replies", "contacts"),
            ("number of teammate replies", "contacts"),
            ("conversation rating", "satisfaction"),
            ("state", "status"),
        ],
        inferred: true,
    },
    // Help Scout's Reports > Export (conversation metadata); status active/pending/closed/spam.
    Export {
        id: "helpscout_conversations",
        system: "Help Scout conversations export",
        kind: TableKind::Tickets,
        signature: &[&["conversation id"], &["mailbox"], &["created at"]],
        columns: &[
            ("conversation id", "ticket_id"),
            ("created at", "opened"),
            ("closed at", "resolved"),
            ("company", "customer_id"),
            ("replies", "contacts"),
            ("replies sent", "contacts"),
            ("rating", "satisfaction"),
            ("status", "status"),
        ],
        inferred: true,
    },
    // ---- Surveys (§7) ----
    Export {
        id: "surveymonkey_responses",
        system: "SurveyMonkey responses export",
        kind: TableKind::Surveys,
        signature: &[&["respondent id"], &["collector id"], &["start date"], &["end date"]],
        columns: &[
            ("respondent id", "respondent"),
            ("end date", "date"),
            ("email address", "respondent"),
        ],
        inferred: false,
    },
    Export {
        id: "qualtrics_responses",
        system: "Qualtrics responses export",
        kind: TableKind::Surveys,
        signature: &[&["response id"], &["start date"], &["recorded date", "end date"]],
        columns: &[
            ("response id", "respondent"),
            ("recorded date", "date"),
            ("end date", "date"),
            ("status", "status"),
            ("external data reference", "customer_id"),
            ("external reference", "customer_id"),
        ],
        inferred: false,
    },
    Export {
        id: "typeform_responses",
        system: "Typeform responses export",
        kind: TableKind::Surveys,
        signature: &[&["#"], &["submit date"]],
        columns: &[("#", "respondent"), ("submit date", "date"), ("response type", "status")],
        inferred: false,
    },
    // Delighted's NPS responses (dashboard CSV): the score is the NPS answer.
    Export {
        id: "delighted_responses",
        system: "Delighted NPS export",
        kind: TableKind::Surveys,
        signature: &[&["response id"], &["score"], &["permalink"]],
        columns: &[
            ("response id", "respondent"),
            ("email", "respondent"),
            ("score", "nps"),
            ("comment", "comment"),
            ("response timestamp", "date"),
            ("created at", "date"),
        ],
        inferred: true,
    },
    // ---- Product analytics (§8) ----
    // Mixpanel's own export script writes `event` and one `property_<key>` column per property.
    Export {
        id: "mixpanel_events",
        system: "Mixpanel events export",
        kind: TableKind::Usage,
        signature: &[&["event"], &["distinct id"], &["time"]],
        columns: &[
            ("distinct id", "user_id"),
            ("time", "date"),
            ("company", "customer_id"),
            ("account", "customer_id"),
            ("event", "event"),
        ],
        inferred: false,
    },
    // Amplitude's events (Export API fields, as a CSV). `amplitude_id` is Amplitude's own count of
    // users: every event carries it, `user_id` is blank for anonymous ones.
    Export {
        id: "amplitude_events",
        system: "Amplitude events export",
        kind: TableKind::Usage,
        signature: &[&["event type"], &["event time"], &["amplitude id"]],
        columns: &[
            ("amplitude id", "user_id"),
            ("event time", "date"),
            ("event type", "event"),
            ("company", "customer_id"),
            ("account", "customer_id"),
        ],
        inferred: true,
    },
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::headers::normalise;

    fn heads(h: &[&str]) -> Vec<Header> {
        h.iter().map(|t| normalise(t)).collect()
    }

    #[test]
    fn ids_and_systems_are_consistent() {
        // One id may cover two kinds (HubSpot deals as contracts or renewals), never two systems.
        for a in EXPORTS {
            for b in EXPORTS {
                if a.id == b.id {
                    assert_eq!(a.system, b.system);
                }
            }
            // Every mapped canonical column belongs to the kind.
            let spec = crate::import::headers::spec(a.kind);
            for (_, c) in a.columns {
                assert!(spec.columns.iter().any(|s| s.name == *c), "{}: {c}", a.id);
            }
        }
    }

    #[test]
    fn longer_signature_wins() {
        let h =
            heads(&["Record ID", "Deal Name", "Deal Stage", "Close Date", "Annual contract value"]);
        let e = recognise(&h).unwrap();
        assert_eq!((e.id, e.kind), ("hubspot_deals", TableKind::Contracts));
        let h = heads(&["Record ID", "Deal Name", "Deal Stage", "Close Date", "Deal Type"]);
        assert_eq!(recognise(&h).unwrap().kind, TableKind::Renewals);
        // A payments file is never tickets: `id` and a date recognise nothing alone.
        assert!(recognise(&heads(&["id", "Created (UTC)"])).is_none());
    }
}
