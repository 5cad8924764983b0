//! The rows behind each KPI for its explanation (the churned customers, the detractors and their
//! comments, the tickets…), and the figures the rows give its inputs.

use super::explain::{num, Drafts, Rows};
use super::health;
use super::period::Period;
use super::revenue::Book;
use super::value::Unit;
use crate::model::{ActivityClass, CostCategory, Dataset, SurveyType};
use crate::settings::Settings;
use rust_decimal::Decimal;
use serde_json::{json, Value};

pub(super) fn active_customers(
    d: &Dataset,
    book: Option<&Book>,
    p: Period,
    id: &str,
    inputs: &mut Drafts,
) -> Rows {
    let mut r = Rows::new(
        "customers active at the end of the period",
        &["customer", "name", "MRR", "seats purchased", "seats active"],
    );
    let Some(b) = book else { return r };
    let idx = d.customer_index();
    let (mut total, mut n) = (Decimal::ZERO, 0);
    // Active seats of every active customer (ARPU), and both seat counts of those with both
    // (license utilization).
    let (mut seats, mut both_active, mut both_bought) =
        (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for i in b.active(p.to) {
        let id = b.rev.ids[i].as_str();
        let c = idx.get(id);
        let v = b.mrr(i, p.to);
        total += v;
        n += 1;
        let (bought, active) = (c.and_then(|c| c.seats_purchased), c.and_then(|c| c.seats_active));
        seats += active.unwrap_or_default();
        if let (Some(x), Some(y)) = (active, bought) {
            both_active += x;
            both_bought += y;
        }
        r.rows.push(vec![
            json!(id),
            json!(c.and_then(|c| c.name.clone())),
            num(v),
            bought.map(num).unwrap_or(Value::Null),
            active.map(num).unwrap_or(Value::Null),
        ]);
    }
    if id != "license_utilization" {
        inputs.add("mrr", "MRR", total, Unit::Money);
        inputs.add("active_customers", "Active customers", Decimal::from(n), Unit::Count);
    }
    match id {
        "arpu" => inputs.add("active_seats", "Active seats", seats, Unit::Count),
        "license_utilization" => {
            inputs.add("seats_active", "Active seats", both_active, Unit::Count);
            inputs.add("seats_purchased", "Purchased seats", both_bought, Unit::Count);
        }
        _ => {}
    }
    r.rows.sort_by(|a, b| {
        b[2].as_f64().partial_cmp(&a[2].as_f64()).unwrap_or(std::cmp::Ordering::Equal)
    });
    r
}

pub(super) fn movements(d: &Dataset, book: Option<&Book>, p: Period, id: &str) -> Rows {
    let mut r = Rows::new(
        "customer movements in the period",
        &["month", "customer", "name", "movement", "MRR before", "MRR after", "amount"],
    );
    let Some(b) = book else { return r };
    let idx = d.customer_index();
    let name = |i: usize| json!(idx.get(b.rev.ids[i].as_str()).and_then(|c| c.name.clone()));
    let want = match id {
        "mrr_new" | "customers_new" => Some("new"),
        "mrr_reactivation" | "customers_reactivated" => Some("reactivation"),
        "mrr_expansion" => Some("expansion"),
        "mrr_contraction" => Some("contraction"),
        "mrr_churn" | "customers_churned" => Some("churn"),
        _ => None,
    };
    for m in p.months() {
        for i in 0..b.customers() {
            let (prev, cur) = (b.mrr(i, m.prev()), b.mrr(i, m));
            let Some((kind, amount)) = b.kind(i, m, prev, cur) else { continue };
            let kind = kind.name();
            if want.is_some_and(|w| w != kind) {
                continue;
            }
            r.rows.push(vec![
                json!(m.to_string()),
                json!(b.rev.ids[i]),
                name(i),
                json!(kind),
                num(prev),
                num(cur),
                num(amount),
            ]);
        }
    }
    r
}

pub(super) fn retention(d: &Dataset, book: Option<&Book>, p: Period, inputs: &mut Drafts) -> Rows {
    let mut r = Rows::new(
        "customers paying just before the period",
        &["customer", "name", "MRR at start", "MRR at end", "kept MRR (capped)", "status"],
    );
    let Some(b) = book else { return r };
    let idx = d.customer_index();
    let (start, end) = (p.from.prev(), p.to);
    let (n, retained, s, kept, e) = super::retention::over(b, 0..b.customers(), start, end);
    inputs.add("start_customers", "Customers at start", Decimal::from(n), Unit::Count);
    inputs.add("retained", "Still paying at end", Decimal::from(retained), Unit::Count);
    inputs.add("start_mrr", "MRR at start", s, Unit::Money);
    inputs.add("end_mrr", "Their MRR at end", e, Unit::Money);
    inputs.add("kept_mrr", "Kept MRR (no growth)", kept, Unit::Money);
    for i in b.active(start) {
        let (a, z) = (b.mrr(i, start), b.mrr(i, end));
        let status = if z.is_zero() {
            "churned"
        } else if z > a {
            "expanded"
        } else if z < a {
            "contracted"
        } else {
            "flat"
        };
        let name = idx.get(b.rev.ids[i].as_str()).and_then(|c| c.name.clone());
        r.rows.push(vec![
            json!(b.rev.ids[i]),
            json!(name),
            num(a),
            num(z),
            num(a.min(z)),
            json!(status),
        ]);
    }
    r
}

pub(super) fn by_month(moves: &[super::Movement], id: &str, inputs: &mut Drafts) -> Rows {
    let sum = |f: fn(&super::Movement) -> Decimal| moves.iter().map(f).sum::<Decimal>();
    let base_mrr = ("base_mrr", "MRR at the start of each month, summed", sum(|m| m.prev_mrr));
    let figures: Vec<(&'static str, &str, Decimal)> = match id {
        "monthly_churn_rate" => vec![
            (
                "churned_sum",
                "Customers churned in the months",
                Decimal::from(moves.iter().map(|m| m.churned_count).sum::<usize>()),
            ),
            (
                "base_customers",
                "Customers at the start of each month, summed",
                Decimal::from(moves.iter().map(|m| m.prev_customers).sum::<usize>()),
            ),
        ],
        "gross_mrr_churn_rate" => vec![
            ("lost_mrr", "Churned + contraction MRR", sum(|m| m.churn + m.contraction)),
            base_mrr,
        ],
        "net_mrr_churn_rate" => vec![
            (
                "net_lost_mrr",
                "Churned + contraction − expansion − reactivation MRR",
                sum(|m| m.churn + m.contraction - m.expansion - m.reactivation),
            ),
            base_mrr,
        ],
        "expansion_mrr_rate" => {
            vec![("expansion_sum", "Expansion MRR", sum(|m| m.expansion)), base_mrr]
        }
        _ => Vec::new(),
    };
    for (key, name, v) in figures {
        let unit = if key.ends_with("customers") || key == "churned_sum" {
            Unit::Count
        } else {
            Unit::Money
        };
        inputs.add(key, name, v, unit);
    }
    let mut r = Rows::new(
        "months of the period",
        &[
            "month",
            "MRR at start",
            "customers at start",
            "churned customers",
            "churn",
            "contraction",
            "expansion",
            "reactivation",
            "new",
        ],
    );
    for m in moves {
        r.rows.push(vec![
            json!(m.month),
            num(m.prev_mrr),
            json!(m.prev_customers),
            json!(m.churned_count),
            num(m.churn),
            num(m.contraction),
            num(m.expansion),
            num(m.reactivation),
            num(m.new),
        ]);
    }
    r
}

pub(super) fn costs(d: &Dataset, p: Period, cat: CostCategory) -> Rows {
    let mut r = Rows::new("spend lines of the period", &["month", "category", "amount"]);
    for c in d.costs.iter().filter(|c| c.category == cat && p.contains(c.month)) {
        let name = if cat == CostCategory::Acquisition {
            "sales & marketing"
        } else {
            "customer success & support"
        };
        r.rows.push(vec![json!(c.month.to_string()), json!(name), num(c.amount)]);
    }
    r
}

pub(super) fn responses(d: &Dataset, p: Period, kind: SurveyType) -> Rows {
    let mut r =
        Rows::new("responses in the period", &["date", "customer", "score", "group", "comment"]);
    for s in d.surveys.iter().filter(|s| s.kind == kind && p.contains_date(s.date)) {
        let group = match kind {
            SurveyType::Nps | SurveyType::Enps if s.score >= 9 => "promoter",
            SurveyType::Nps | SurveyType::Enps if s.score >= 7 => "passive",
            SurveyType::Nps | SurveyType::Enps => "detractor",
            // A label or a Good/Bad rating carries its verdict (voice.rs counts it so).
            _ => match s.positive {
                Some(true) => "positive",
                Some(false) => "negative",
                None => "",
            },
        };
        // A ticket's Good/Bad rating has no score on a scale: its word is shown.
        let score = match (s.kind, s.score, s.positive) {
            (SurveyType::Csat, 0, Some(true)) => json!("Good"),
            (SurveyType::Csat, 0, Some(false)) => json!("Bad"),
            _ => json!(s.score),
        };
        r.rows.push(vec![
            json!(s.date.to_string()),
            json!(s.customer_id),
            score,
            json!(group),
            json!(s.comment),
        ]);
    }
    r
}

pub(super) fn tickets(d: &Dataset, p: Period) -> Rows {
    let mut r = Rows::new(
        "tickets opened in the period",
        &["ticket", "customer", "opened", "resolved", "hours", "contacts", "first contact"],
    );
    for t in d.tickets.iter().filter(|t| p.contains_date(t.opened.date())) {
        let hours = t
            .resolved
            .map(|x| num(Decimal::from((x - t.opened).num_seconds()) / Decimal::from(3600)));
        r.rows.push(vec![
            json!(t.id),
            json!(t.customer_id),
            json!(t.opened.format("%Y-%m-%d %H:%M").to_string()),
            json!(t.resolved.map(|x| x.format("%Y-%m-%d %H:%M").to_string())),
            hours.unwrap_or(Value::Null),
            t.contacts.map(num).unwrap_or(Value::Null),
            json!(t.first_contact),
        ]);
    }
    r
}

pub(super) fn onboarding(d: &Dataset, p: Period) -> Rows {
    let mut r = Rows::new(
        "customers onboarding in the period",
        &["customer", "onboarding start", "first value", "days", "rating"],
    );
    for c in &d.customers {
        let touches = c.onboarding_start.is_some_and(|s| p.contains_date(s))
            || c.first_value_date.is_some_and(|f| p.contains_date(f));
        if !touches {
            continue;
        }
        let days = c.onboarding_start.zip(c.first_value_date).map(|(s, f)| (f - s).num_days());
        r.rows.push(vec![
            json!(c.id),
            json!(c.onboarding_start.map(|x| x.to_string())),
            json!(c.first_value_date.map(|x| x.to_string())),
            json!(days),
            c.onboarding_rating.map(num).unwrap_or(Value::Null),
        ]);
    }
    r
}

pub(super) fn activities(d: &Dataset, p: Period, class: ActivityClass) -> Rows {
    let mut r = Rows::new("touchpoints in the period", &["date", "customer", "type", "CSM"]);
    for a in d.activities.iter().filter(|a| a.class == class && p.contains_date(a.date)) {
        r.rows.push(vec![
            json!(a.date.to_string()),
            json!(a.customer_id),
            json!(a.kind),
            json!(a.csm),
        ]);
    }
    r
}

pub(super) fn health_rows(
    d: &Dataset,
    events: &health::Events,
    book: Option<&Book>,
    p: Period,
    s: &Settings,
    band: Option<&str>,
) -> Rows {
    let mut r = Rows::new(
        "customers active at the end of the period",
        &[
            "customer",
            "name",
            "CSM",
            "ARR",
            "health (0-100)",
            "band",
            "seat use (%)",
            "NPS (0-100)",
            "MRR trend (0-100)",
            "support (0-100)",
            "engagement (0-100)",
        ],
    );
    let Some(b) = book else { return r };
    // The scores come in the order of the active customers: each with its ARR.
    let arr = b.active(p.to).map(|i| b.mrr(i, p.to) * Decimal::from(12));
    let mut list: Vec<_> =
        health::scores_with(d, events, b, p, &s.health).into_iter().zip(arr).collect();
    list.sort_by(|a, b| a.0.score.partial_cmp(&b.0.score).unwrap_or(std::cmp::Ordering::Equal));
    for (h, arr) in list.into_iter().filter(|h| band.is_none_or(|x| h.0.band == Some(x))) {
        let c = events.customer(d, &h.customer_id);
        r.rows.push(vec![
            json!(h.customer_id),
            json!(c.and_then(|c| c.name.clone())),
            json!(c.and_then(|c| c.csm.clone())),
            num(arr),
            json!(h.score),
            json!(h.band),
            json!(h.utilization),
            json!(h.nps),
            json!(h.mrr_trend),
            json!(h.support),
            json!(h.engagement),
        ]);
    }
    r
}

pub(super) fn trials(d: &Dataset, p: Period) -> Rows {
    let mut r =
        Rows::new("trials started in the period", &["lead", "start", "converted", "customer"]);
    for t in d.trials.iter().filter(|t| p.contains_date(t.start)) {
        r.rows.push(vec![
            json!(t.lead_id),
            json!(t.start.to_string()),
            json!(t.converted),
            json!(t.customer_id),
        ]);
    }
    r
}

pub(super) fn renewals(d: &Dataset, p: Period) -> Rows {
    let mut r = Rows::new(
        "renewals due in the period",
        &["customer", "due", "ARR up for renewal", "renewed ARR", "renewed"],
    );
    for x in d.renewals.iter().filter(|x| p.contains_date(x.date)) {
        r.rows.push(vec![
            json!(x.customer_id),
            json!(x.date.to_string()),
            num(x.renewable_arr),
            x.renewed_arr.map(num).unwrap_or(Value::Null),
            json!(x.renewed),
        ]);
    }
    r
}

pub(super) fn contracts(d: &Dataset, p: Period) -> Rows {
    let mut r = Rows::new(
        "contracts starting in the period",
        &["customer", "start", "term (months)", "recurring value", "annual value", "one-time fees"],
    );
    // A value the contract does not give (one value and no term) is null, not 0.
    let opt = |v: Option<Decimal>| v.map(num).unwrap_or(Value::Null);
    for c in d.contracts.iter().filter(|c| c.start.is_none_or(|s| p.contains_date(s))) {
        r.rows.push(vec![
            json!(c.customer_id),
            json!(c.start.map(|s| s.to_string())),
            opt(c.term_months),
            opt(c.recurring_value),
            opt(c.annual_value),
            num(c.one_time_fees),
        ]);
    }
    r
}

pub(super) fn orders(d: &Dataset, p: Period) -> Rows {
    let mut r = Rows::new("customers ordering in the period", &["customer", "orders", "amount"]);
    let mut per: std::collections::BTreeMap<&str, (usize, Decimal)> = Default::default();
    for o in d.orders.iter().filter(|o| p.contains_date(o.date)) {
        let e = per.entry(o.customer_id.as_str()).or_default();
        e.0 += 1;
        e.1 += o.amount;
    }
    for (c, (n, amount)) in per {
        r.rows.push(vec![json!(c), json!(n), num(amount)]);
    }
    r
}
