//! "How did you get this?": for one KPI of a report, its formula in words, the named inputs with
//! their values, and the rows behind it (the customers that churned, the detractors with their
//! comments, the tickets, the cost lines...).

use super::period::Period;
use super::revenue::Book;
use super::value::{Kpi, Num};
use super::{formulas, health, report, KpiError, ReportRequest};
use crate::model::{ActivityClass, CostCategory, Dataset, Month, SurveyType};
use crate::settings::Settings;
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::{json, Value};

#[derive(Debug, Clone, Serialize)]
pub struct Input {
    pub name: String,
    pub value: Value,
}

#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    pub kpi: String,
    pub label: String,
    pub formula: String,
    pub period: super::PeriodOut,
    pub result: Kpi,
    pub inputs: Vec<Input>,
    /// What the rows are ("customers active at period start", "responses"...).
    pub rows_are: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<Value>>,
}

fn num(d: Decimal) -> Value {
    serde_json::to_value(Num(d)).unwrap_or(Value::Null)
}

struct Rows {
    what: &'static str,
    columns: Vec<&'static str>,
    rows: Vec<Vec<Value>>,
}

impl Rows {
    fn new(what: &'static str, columns: &[&'static str]) -> Rows {
        Rows { what, columns: columns.to_vec(), rows: Vec::new() }
    }
}

/// The KPIs each derived KPI is computed from.
const DEPENDS: &[(&str, &[&str])] = &[
    ("arr", &["mrr"]),
    ("arpa", &["mrr", "active_customers"]),
    (
        "net_new_mrr",
        &["mrr_new", "mrr_reactivation", "mrr_expansion", "mrr_contraction", "mrr_churn"],
    ),
    ("ltv_simple", &["arpa", "monthly_churn_rate"]),
    ("ltv_revenue_churn", &["arpa", "gross_mrr_churn_rate"]),
    ("customer_lifetime_months", &["monthly_churn_rate"]),
    ("clv_net_of_cac", &["arpa", "customer_lifetime_months", "cac"]),
    ("cac", &["customers_new"]),
    ("ltv_to_cac", &["ltv_simple", "cac"]),
    ("cac_payback_months", &["cac"]),
    ("crc", &["active_customers"]),
    ("stickiness", &["dau", "mau"]),
];

pub fn explain(
    data: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
    id: &str,
) -> Result<Explanation, KpiError> {
    let (label, formula) =
        formulas::find(id).ok_or_else(|| KpiError::UnknownKpi(id.to_string()))?;
    let rep = report(data, req, settings)?;
    let result = rep.kpis.get(id).cloned().ok_or_else(|| KpiError::UnknownKpi(id.to_string()))?;
    let p = Period {
        from: Month::parse_iso(&rep.period.from).ok_or(KpiError::NoPeriod)?,
        to: Month::parse_iso(&rep.period.to).ok_or(KpiError::NoPeriod)?,
    };
    let filtered;
    let d = match &req.segment {
        Some((k, v)) => {
            filtered = super::segment::filter(data, k, v).0;
            &filtered
        }
        None => data,
    };
    // A period wholly after the revenue data has no revenue rows behind it.
    let book = d
        .revenue
        .as_ref()
        .filter(|r| !r.is_empty() && super::period::outside_revenue(d, p).is_none())
        .map(Book::new);
    let human = |k: &str| match k {
        "n" => "count (n)".to_string(),
        "previous" => {
            format!("previous period ({} .. {})", rep.previous_period.from, rep.previous_period.to)
        }
        "change" => "change vs previous period".to_string(),
        other => other.replace('_', " "),
    };
    let mut inputs: Vec<Input> =
        result.extra.iter().map(|(k, v)| Input { name: human(k), value: num(*v) }).collect();
    let mut add = |name: &str, v: Decimal| inputs.push(Input { name: name.into(), value: num(v) });
    // Derived KPIs show the KPIs they are computed from.
    for dep in DEPENDS.iter().filter(|d| d.0 == id).flat_map(|d| d.1.iter()) {
        if let Some(v) = rep.kpis.get(dep).and_then(|k| k.number()) {
            add(formulas::find(dep).map(|x| x.0).unwrap_or(dep), v);
        }
    }
    if ["ltv_simple", "ltv_revenue_churn", "clv_net_of_cac", "cac_payback_months"].contains(&id) {
        add("Gross margin", settings.gross_margin());
    }
    let rows = match id {
        "mrr" | "arr" | "active_customers" | "arpa" | "arpu" | "license_utilization" => {
            active_customers(d, book.as_ref(), p, &mut add)
        }
        "mrr_new"
        | "mrr_reactivation"
        | "mrr_expansion"
        | "mrr_contraction"
        | "mrr_churn"
        | "net_new_mrr"
        | "customers_new"
        | "customers_reactivated"
        | "customers_churned" => movements(book.as_ref(), p, id),
        "customer_retention_rate" | "customer_churn_rate" | "grr" | "nrr" => {
            retention(book.as_ref(), p, &mut add)
        }
        "monthly_churn_rate"
        | "gross_mrr_churn_rate"
        | "net_mrr_churn_rate"
        | "expansion_mrr_rate"
        | "quarterly_expansion_revenue" => by_month(&rep.movements),
        "cac" | "crc" | "cac_payback_months" => costs(
            d,
            p,
            if id == "crc" { CostCategory::Retention } else { CostCategory::Acquisition },
        ),
        "nps" => responses(d, p, SurveyType::Nps),
        "enps" => responses(d, p, SurveyType::Enps),
        "csat" => responses(d, p, SurveyType::Csat),
        "ces_mean" | "ces_easy" => responses(d, p, SurveyType::Ces),
        "fcr" | "avg_resolution_hours" => tickets(d, p),
        "ttfv_days" | "onboarding_rating" => onboarding(d, p),
        "engagement_activities" => activities(d, p, ActivityClass::Engagement),
        "advocacy_activities" => activities(d, p, ActivityClass::Advocacy),
        "health_avg" | "health_red" | "health_yellow" | "health_green" => health_rows(
            d,
            book.as_ref(),
            p,
            settings,
            id.strip_prefix("health_").filter(|b| *b != "avg"),
        ),
        "trial_conversion_rate" => trials(d, p),
        "renewal_rate" | "gross_renewal_rate" => renewals(d, p),
        "acv" | "tcv" => contracts(d, p),
        "clv_transactional" | "repeat_purchase_rate" => orders(d, p),
        _ => Rows::new("", &[]),
    };
    Ok(Explanation {
        kpi: id.to_string(),
        label: label.to_string(),
        formula: formula.to_string(),
        period: rep.period,
        result,
        inputs,
        rows_are: rows.what.to_string(),
        columns: rows.columns.iter().map(|c| c.to_string()).collect(),
        rows: rows.rows,
    })
}

fn active_customers(
    d: &Dataset,
    book: Option<&Book>,
    p: Period,
    add: &mut dyn FnMut(&str, Decimal),
) -> Rows {
    let mut r = Rows::new(
        "customers active at the end of the period",
        &["customer", "name", "MRR", "seats purchased", "seats active"],
    );
    let Some(b) = book else { return r };
    let idx = d.customer_index();
    let (mut total, mut n) = (Decimal::ZERO, 0);
    for i in b.active(p.to) {
        let id = b.rev.ids[i].as_str();
        let c = idx.get(id);
        let v = b.mrr(i, p.to);
        total += v;
        n += 1;
        r.rows.push(vec![
            json!(id),
            json!(c.and_then(|c| c.name.clone())),
            num(v),
            c.and_then(|c| c.seats_purchased).map(num).unwrap_or(Value::Null),
            c.and_then(|c| c.seats_active).map(num).unwrap_or(Value::Null),
        ]);
    }
    add("MRR", total);
    add("Active customers", Decimal::from(n));
    r.rows.sort_by(|a, b| {
        b[2].as_f64().partial_cmp(&a[2].as_f64()).unwrap_or(std::cmp::Ordering::Equal)
    });
    r
}

fn movements(book: Option<&Book>, p: Period, id: &str) -> Rows {
    let mut r = Rows::new(
        "customer movements in the period",
        &["month", "customer", "movement", "MRR before", "MRR after", "amount"],
    );
    let Some(b) = book else { return r };
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
                json!(kind),
                num(prev),
                num(cur),
                num(amount),
            ]);
        }
    }
    r
}

fn retention(book: Option<&Book>, p: Period, add: &mut dyn FnMut(&str, Decimal)) -> Rows {
    let mut r = Rows::new(
        "customers paying just before the period",
        &["customer", "MRR at start", "MRR at end", "kept (capped)", "status"],
    );
    let Some(b) = book else { return r };
    let (start, end) = (p.from.prev(), p.to);
    let (n, retained, s, kept, e) = super::retention::over(b, 0..b.customers(), start, end);
    add("Customers at start", Decimal::from(n));
    add("Still paying at end", Decimal::from(retained));
    add("MRR at start", s);
    add("Their MRR at end", e);
    add("Kept MRR (no growth)", kept);
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
        r.rows.push(vec![json!(b.rev.ids[i]), num(a), num(z), num(a.min(z)), json!(status)]);
    }
    r
}

fn by_month(moves: &[super::Movement]) -> Rows {
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
        ]);
    }
    r
}

fn costs(d: &Dataset, p: Period, cat: CostCategory) -> Rows {
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

fn responses(d: &Dataset, p: Period, kind: SurveyType) -> Rows {
    let mut r =
        Rows::new("responses in the period", &["date", "customer", "score", "group", "comment"]);
    for s in d.surveys.iter().filter(|s| s.kind == kind && p.contains_date(s.date)) {
        let group = match kind {
            SurveyType::Nps | SurveyType::Enps if s.score >= 9 => "promoter",
            SurveyType::Nps | SurveyType::Enps if s.score >= 7 => "passive",
            SurveyType::Nps | SurveyType::Enps => "detractor",
            _ => "",
        };
        r.rows.push(vec![
            json!(s.date.to_string()),
            json!(s.customer_id),
            json!(s.score),
            json!(group),
            json!(s.comment),
        ]);
    }
    r
}

fn tickets(d: &Dataset, p: Period) -> Rows {
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

fn onboarding(d: &Dataset, p: Period) -> Rows {
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

fn activities(d: &Dataset, p: Period, class: ActivityClass) -> Rows {
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

fn health_rows(
    d: &Dataset,
    book: Option<&Book>,
    p: Period,
    s: &Settings,
    band: Option<&str>,
) -> Rows {
    let mut r = Rows::new(
        "customers active at the end of the period",
        &["customer", "score", "band", "utilization", "NPS", "MRR trend", "support", "engagement"],
    );
    let Some(b) = book else { return r };
    let mut list = health::scores(d, b, p, &s.health);
    list.sort_by(|a, b| a.score.partial_cmp(&b.score).unwrap_or(std::cmp::Ordering::Equal));
    for h in list.into_iter().filter(|h| band.is_none_or(|x| h.band == Some(x))) {
        r.rows.push(vec![
            json!(h.customer_id),
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

fn trials(d: &Dataset, p: Period) -> Rows {
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

fn renewals(d: &Dataset, p: Period) -> Rows {
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

fn contracts(d: &Dataset, p: Period) -> Rows {
    let mut r = Rows::new(
        "contracts starting in the period",
        &["customer", "start", "term (months)", "recurring value", "one-time fees"],
    );
    for c in d.contracts.iter().filter(|c| c.start.is_none_or(|s| p.contains_date(s))) {
        r.rows.push(vec![
            json!(c.customer_id),
            json!(c.start.map(|s| s.to_string())),
            num(c.term_months),
            num(c.recurring_value),
            num(c.one_time_fees),
        ]);
    }
    r
}

fn orders(d: &Dataset, p: Period) -> Rows {
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
