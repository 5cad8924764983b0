//! The table kinds of the workbook spec with their canonical columns and header synonyms
//! (normalised: lower-case, single spaces), in the order of the spec, which is the last tie-breaker.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    Mrr,
    MrrEvents,
    MrrSummary,
    Subscriptions,
    Customers,
    Surveys,
    Tickets,
    Activities,
    Costs,
    Orders,
    Usage,
    Trials,
    Renewals,
    Contracts,
    FxRates,
    Targets,
}

impl TableKind {
    pub fn id(self) -> &'static str {
        spec(self).id
    }

    /// The kind of an id (`mrr_events`; `mrr-events` and any case also do).
    pub fn from_id(id: &str) -> Option<TableKind> {
        let id = id.trim().to_lowercase().replace('-', "_");
        KINDS.iter().find(|k| k.id == id).map(|k| k.kind)
    }
}

pub struct ColumnSpec {
    pub name: &'static str,
    pub synonyms: &'static [&'static str],
}

pub struct KindSpec {
    pub kind: TableKind,
    pub id: &'static str,
    /// Words that, in a sheet or file name, break a tie in favour of this kind.
    pub names: &'static [&'static str],
    pub columns: &'static [ColumnSpec],
    /// Every group must have one of its columns matched.
    pub required: &'static [&'static [&'static str]],
}

const CUSTOMER: &[&str] = &[
    "customer id",
    "customer",
    "account",
    "account id",
    "account name",
    "client",
    "client id",
    "client name",
    "company",
    "customer name",
    "associated company",
];
/// Name-like headers that go to `name` (not the id) when an exact id column exists.
pub const NAME_LIKE: &[&str] =
    &["customer name", "account name", "company", "company name", "client", "client name"];
pub const EXACT_ID: &[&str] = &["customer id", "account id", "client id"];
const MRR_WORDS: &[&str] =
    &["mrr", "monthly recurring revenue", "recurring revenue", "revenue", "amount", "mrr amount"];
const CSM: &[&str] =
    &["csm", "owner", "customer success manager", "account manager", "csm name", "account owner"];

macro_rules! col {
    ($name:literal, $syn:expr) => {
        ColumnSpec { name: $name, synonyms: $syn }
    };
}

/// The table kinds in the order of the workbook spec (the last tie-breaker).
pub static KINDS: &[KindSpec] = &[
    KindSpec {
        kind: TableKind::Mrr,
        id: "mrr",
        names: &["mrr", "revenue", "recurring"],
        columns: &[
            col!("customer_id", CUSTOMER),
            col!("month", &["month", "period", "date", "billing month"]),
            col!("mrr", MRR_WORDS),
            // Invoices with a service period (exports.md §3b).
            col!(
                "period_start",
                &["service period start", "line item period start", "period start date"]
            ),
            col!("period_end", &["service period end", "line item period end", "period end date"]),
            col!("name", &[]),
            col!("status", &[]),
            // An invoice's type (`Credit Note`): an invoices table's `Type` column (headers.rs).
            col!("type", &[]),
            col!("currency", &["currency"]),
        ],
        required: &[&["customer_id"], &["month"], &["mrr"]],
    },
    KindSpec {
        kind: TableKind::MrrEvents,
        id: "mrr_events",
        names: &["events", "snowball", "movements"],
        columns: &[
            col!("customer_id", CUSTOMER),
            col!("date", &["date", "event date", "effective date"]),
            col!("mrr_change", &["mrr change", "change", "delta", "mrr delta", "amount"]),
            col!("event_type", &["event type", "event", "type"]),
            col!("currency", &["currency"]),
        ],
        required: &[&["customer_id"], &["date"], &["mrr_change"]],
    },
    KindSpec {
        kind: TableKind::MrrSummary,
        id: "mrr_summary",
        names: &["summary", "totals"],
        columns: &[
            col!("month", &["month", "period", "date"]),
            col!("starting_mrr", &["starting mrr", "start mrr", "opening mrr", "beginning mrr"]),
            col!("new", &["new", "new mrr"]),
            col!("expansion", &["expansion", "expansion mrr"]),
            col!("contraction", &["contraction", "contraction mrr"]),
            col!("churn", &["churn", "churned", "churn mrr", "churned mrr"]),
            col!("reactivation", &["reactivation", "reactivation mrr"]),
            col!("net_new", &["net new", "net new mrr"]),
            col!(
                "ending_mrr",
                &["ending mrr", "ending", "total", "mrr", "total mrr", "closing mrr"]
            ),
            col!("customers", &["customers", "active customers"]),
        ],
        required: &[&["month"]],
    },
    KindSpec {
        kind: TableKind::Subscriptions,
        id: "subscriptions",
        names: &["subscriptions", "subscription"],
        columns: &[
            col!("customer_id", CUSTOMER),
            col!(
                "start_date",
                &["start date", "start", "subscription start", "contract start", "started at"]
            ),
            col!(
                "end_date",
                &[
                    "end date",
                    "end",
                    "cancel date",
                    "cancellation date",
                    "churn date",
                    "contract end"
                ]
            ),
            col!("quantity", &["quantity", "seats", "units"]),
            col!("status", &["status"]),
            col!("plan", &["plan"]),
            col!("currency", &["currency"]),
            col!("mrr", MRR_WORDS),
            col!("arr", &["arr", "annual recurring revenue", "annual value"]),
            // Billing systems' columns (exports.md §3): the amount is then per interval.
            col!(
                "interval",
                &[
                    "interval",
                    "billing period unit",
                    "billing frequency",
                    "billing interval",
                    "plan interval",
                    "plan interval unit"
                ]
            ),
            col!("interval_count", &["interval count", "plan interval length"]),
            col!("name", &[]),
            col!("created", &[]),
            col!("started_at", &[]),
            // Chargebee's `activated_at`: the start, before any other (exports.md §3).
            col!("activated_at", &[]),
            col!("trial_end", &["trial end", "trial end date", "trial ends at"]),
            col!("ended_at", &["ended at"]),
            // The effective end, past or scheduled (Stripe `Cancel At`, Chargebee `cancelled_at`,
            // Recurly `expires_at`).
            col!("cancel_at", &["cancel at"]),
            col!(
                "current_period_start",
                &["current period start", "current term start", "current period started at"]
            ),
            col!(
                "current_period_end",
                &["current period end", "current term end", "current period ends at"]
            ),
            // Paddle: the amount of the last payment, when no next payment is due.
            col!("last_payment_amount", &[]),
            col!("cancel_at_period_end", &["cancel at period end"]),
            col!("canceled_at", &["canceled at", "cancelled at"]),
            col!("pause_date", &["pause date"]),
            col!("coupon", &["coupon"]),
        ],
        required: &[&["customer_id"], &["start_date"], &["mrr", "arr"]],
    },
    KindSpec {
        kind: TableKind::Customers,
        id: "customers",
        names: &["customers", "accounts", "clients"],
        columns: &[
            col!("customer_id", CUSTOMER),
            col!(
                "name",
                &[
                    "name",
                    "customer name",
                    "account name",
                    "company",
                    "company name",
                    "client",
                    "client name"
                ]
            ),
            col!("segment", &["segment", "tier"]),
            col!("plan", &["plan", "product", "package"]),
            col!("csm", CSM),
            col!("region", &["region"]),
            col!(
                "signup_date",
                &[
                    "signup",
                    "signup date",
                    "sign up date",
                    "created",
                    "acquired date",
                    "created date"
                ]
            ),
            col!(
                "seats_purchased",
                &["seats", "licenses", "licenses purchased", "seats purchased", "licences"]
            ),
            col!(
                "seats_active",
                &[
                    "active users",
                    "active seats",
                    "active licenses",
                    "users active",
                    "seats active"
                ]
            ),
            col!("onboarding_start", &["onboarding start", "kickoff date", "kickoff"]),
            col!(
                "first_value_date",
                &["first value", "first value date", "time to value date", "go live"]
            ),
            col!("onboarding_rating", &["onboarding rating", "onboarding score"]),
        ],
        required: &[&["customer_id"]],
    },
    KindSpec {
        kind: TableKind::Surveys,
        id: "surveys",
        names: &["surveys", "survey", "nps", "feedback", "responses"],
        columns: &[
            col!(
                "customer_id",
                &[
                    "customer id",
                    "customer",
                    "account",
                    "account id",
                    "account name",
                    "client",
                    "client name",
                    "company",
                    "customer name",
                    "respondent",
                    // exports.md §7: the respondent's organisation.
                    "company name",
                    "organization",
                    "organisation",
                    "external reference",
                    "external data reference",
                ]
            ),
            col!(
                "date",
                &[
                    "date",
                    "response date",
                    "submitted",
                    "submitted at",
                    "survey date",
                    "timestamp",
                    "submit date",
                    "recorded date",
                    "recordeddate",
                    "end date",
                    // The start only when there is no submission column (answers::prefer_submission).
                    "start date"
                ]
            ),
            col!("score", &["score", "rating"]),
            col!("type", &["type", "survey type", "survey", "metric"]),
            col!("comment", &["comment", "comments", "feedback", "verbatim"]),
            col!("nps", &["nps", "nps score", "net promoter score"]),
            col!("csat", &["csat", "csat score"]),
            col!("ces", &["ces", "ces score"]),
            col!("enps", &["enps", "employee nps"]),
            col!("respondent", &["response id", "respondent id", "email address", "#"]),
            col!("status", &[]),
        ],
        required: &[&["date"], &["score", "nps", "csat", "ces", "enps"]],
    },
    KindSpec {
        kind: TableKind::Tickets,
        id: "tickets",
        names: &["tickets", "support", "cases"],
        columns: &[
            col!("ticket_id", &["ticket id", "ticket", "case id", "case", "ticket number", "id"]),
            col!("customer_id", CUSTOMER),
            col!(
                "opened",
                &[
                    "opened",
                    "created",
                    "created at",
                    "opened at",
                    "open date",
                    "created date",
                    "created time"
                ]
            ),
            col!(
                "resolved",
                &[
                    "resolved",
                    "closed",
                    "closed at",
                    "resolved at",
                    "resolved date",
                    "closed date",
                    "solved at",
                    "solved",
                    "resolved time"
                ]
            ),
            col!("subject", &["subject", "ticket subject", "title", "conversation subject"]),
            col!("description", &["description", "ticket description", "first message"]),
            col!(
                "contacts",
                &[
                    "contacts",
                    "contacts to resolve",
                    "touches",
                    "replies",
                    "agent replies",
                    "agent interactions",
                    "public replies"
                ]
            ),
            col!(
                "first_contact_resolved",
                &[
                    "fcr",
                    "first contact resolution",
                    "resolved on first contact",
                    "first contact resolved"
                ]
            ),
            // Zendesk's Good/Bad rating (exports.md §6), a Freshdesk closing time, a status.
            col!("satisfaction", &["satisfaction score", "satisfaction rating", "satisfaction"]),
            col!("closed", &[]),
            col!("status", &[]),
        ],
        required: &[&["ticket_id"], &["opened"]],
    },
    KindSpec {
        kind: TableKind::Activities,
        id: "activities",
        names: &["activities", "activity", "touchpoints"],
        columns: &[
            col!("customer_id", CUSTOMER),
            col!("date", &["date", "activity date"]),
            col!("type", &["type", "activity type", "activity", "touchpoint"]),
            col!("csm", CSM),
        ],
        required: &[&["date"], &["type"]],
    },
    KindSpec {
        kind: TableKind::Costs,
        id: "costs",
        names: &["costs", "cost", "spend", "expenses"],
        columns: &[
            col!("period", &["period", "month", "quarter", "year", "date"]),
            col!("category", &["category", "cost category", "type"]),
            col!("amount", &["amount", "spend", "cost", "value"]),
            col!("segment", &["segment"]),
            col!(
                "sales_marketing_spend",
                &[
                    "sales marketing spend",
                    "sales and marketing spend",
                    "s&m spend",
                    "sales & marketing spend"
                ]
            ),
            col!("cs_spend", &["cs spend", "customer success spend", "retention spend"]),
            col!("currency", &["currency"]),
        ],
        required: &[&["period"], &["amount", "sales_marketing_spend", "cs_spend"]],
    },
    KindSpec {
        kind: TableKind::Orders,
        id: "orders",
        names: &["orders", "transactions", "purchases"],
        columns: &[
            col!("order_id", &["order id", "order", "transaction id", "order number"]),
            col!("customer_id", CUSTOMER),
            // A payment without a customer id is the customer of its email (exports.md §4).
            col!("customer_email", &["customer email"]),
            col!(
                "date",
                &[
                    "date",
                    "order date",
                    "purchase date",
                    "paid at",
                    "created",
                    "created at",
                    "created date"
                ]
            ),
            col!("amount", &["amount", "order value", "total", "revenue", "value", "price"]),
            // Payments (exports.md §4): refunds lower the amount; failed charges are set aside.
            col!("amount_refunded", &["amount refunded", "refunded amount", "refunded"]),
            col!("converted_amount", &["converted amount"]),
            col!("converted_amount_refunded", &["converted amount refunded"]),
            col!("converted_currency", &["converted currency"]),
            col!("currency", &["currency"]),
            col!("status", &["status"]),
            col!("captured", &["captured"]),
        ],
        required: &[&["customer_id", "customer_email"], &["date"], &["amount"]],
    },
    KindSpec {
        kind: TableKind::Usage,
        id: "usage",
        names: &["usage", "sessions", "events"],
        columns: &[
            col!("user_id", &["user id", "user", "user email", "distinct id", "person id"]),
            col!("date", &["date", "session date", "timestamp", "event date", "time"]),
            col!("customer_id", CUSTOMER),
            col!(
                "session_seconds",
                &[
                    "session seconds",
                    "duration",
                    "session duration",
                    "seconds",
                    "minutes",
                    "session minutes"
                ]
            ),
            col!("event", &[]),
        ],
        required: &[&["user_id"], &["date"]],
    },
    KindSpec {
        kind: TableKind::Trials,
        id: "trials",
        names: &["trials", "trial", "leads"],
        columns: &[
            col!("lead_id", &["lead id", "lead", "trial id", "email"]),
            col!("trial_start", &["trial start", "trial start date", "start date", "started"]),
            col!("converted", &["converted", "conversion date", "converted at", "converted on"]),
            col!("customer_id", CUSTOMER),
        ],
        required: &[&["lead_id"], &["trial_start"], &["converted"]],
    },
    KindSpec {
        kind: TableKind::Renewals,
        id: "renewals",
        names: &["renewals", "renewal"],
        columns: &[
            col!("customer_id", CUSTOMER),
            col!("renewal_date", &["renewal date", "due date", "renewal due", "renewal due date"]),
            col!("renewable_arr", &["renewable arr", "arr up for renewal"]),
            col!("renewed_arr", &["renewed arr"]),
            col!("renewed", &["renewed"]),
            // CRM deals (exports.md §5): the stage says won or lost; the type says renewal.
            col!("stage", &["stage", "deal stage"]),
            col!("deal_type", &["deal type"]),
            col!("currency", &["currency"]),
            // A deal's amount (renewable ARR when no renewable-ARR column), and the names a deal's
            // customer falls back on when its company or account id is empty (kinds/deals.rs).
            col!("amount", &[]),
            col!("account_name", &[]),
            col!("deal_name", &[]),
        ],
        required: &[&["customer_id"], &["renewal_date"], &["renewable_arr"]],
    },
    KindSpec {
        kind: TableKind::Contracts,
        id: "contracts",
        names: &["contracts", "contract", "deals"],
        columns: &[
            col!("customer_id", CUSTOMER),
            col!("start_date", &["start date", "start", "contract start", "close date"]),
            col!(
                "term_months",
                &[
                    "term months",
                    "term",
                    "months",
                    "term in months",
                    "contract term",
                    "contract length"
                ]
            ),
            col!("term_years", &["term years", "term in years"]),
            col!(
                "recurring_value",
                &[
                    "recurring value",
                    "total recurring value",
                    "contract value",
                    "total contract value",
                    "tcv"
                ]
            ),
            col!("annual_value", &["annual value", "annual contract value", "acv"]),
            col!(
                "one_time_fees",
                &[
                    "one time fees",
                    "setup",
                    "setup fees",
                    "implementation",
                    "implementation fees",
                    "onboarding fees",
                    "configuration fees"
                ]
            ),
            col!("stage", &["stage", "deal stage"]),
            col!("currency", &["currency"]),
            col!("deal_name", &[]),
        ],
        // A value: with a term or both values ACV and TCV are known (a CRM deal's term is
        // 12 x TCV / ACV months: exports.md §5); one value without a term gives only that one.
        required: &[&["customer_id"], &["recurring_value", "annual_value"]],
    },
    // Exchange rates (exports.md §9): one unit of a currency in the reporting currency, per month
    // or for any month.
    KindSpec {
        kind: TableKind::FxRates,
        id: "fx_rates",
        names: &["fx", "rates", "exchange"],
        columns: &[
            col!("currency", &["currency", "currency code"]),
            col!("rate", &["rate", "fx rate", "exchange rate"]),
            col!("month", &["month", "period", "date"]),
        ],
        required: &[&["currency"], &["rate"]],
    },
    // Targets per KPI (issue 17): one value (at least, or at most for a KPI whose fall is good
    // news) or low/high bounds, for everyone or for a segment or CSM.
    KindSpec {
        kind: TableKind::Targets,
        id: "targets",
        names: &["targets", "target", "goals", "benchmarks"],
        columns: &[
            col!("kpi", &["kpi", "kpi id", "kpi name", "metric", "measure"]),
            col!("target", &["target", "goal", "target value"]),
            col!("low", &["low", "min", "minimum", "lower bound", "at least"]),
            col!("high", &["high", "max", "maximum", "upper bound", "at most"]),
            col!("direction", &["direction", "comparison"]),
            col!("note", &["note", "notes", "comment", "why"]),
            col!("segment", &["segment"]),
            col!("csm", CSM),
        ],
        required: &[&["kpi"], &["target", "low", "high"]],
    },
];

pub fn spec(kind: TableKind) -> &'static KindSpec {
    KINDS.iter().find(|k| k.kind == kind).expect("every kind has a spec")
}
