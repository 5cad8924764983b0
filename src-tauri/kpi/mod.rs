//! The KPI engine: pure functions of (dataset, period, settings). No clock, no I/O.
//!
//! `report` computes every report KPI of the spec in the spec's order; a KPI that cannot be computed
//! is null with the reason (the missing table or column, or the zero denominator).

pub mod adoption;
pub mod against;
pub mod breakdown;
pub mod cohorts;
pub mod concentration;
pub mod contracts;
pub mod coverage;
pub mod csm;
pub mod details;
pub mod display;
mod drilldown;
pub mod explain;
pub mod flags;
pub mod formulas;
pub mod health;
pub mod ltv;
pub mod memo;
pub mod money;
pub mod moved;
pub mod onboarding;
pub mod orders;
pub mod period;
pub mod retention;
pub mod revenue;
pub mod scorecard;
pub mod segment;
pub mod service;
pub mod sources;
pub mod summary;
pub mod usage;
pub mod value;
mod view;
pub mod voice;

pub use period::{Period, Preset};
pub use revenue::Movement;
pub use value::{Kpi, Unit, Value};
pub(crate) use view::{in_view, scope, Index, View};

use crate::model::{Dataset, Month};
use crate::settings::Settings;
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::Serialize;

/// What to report on.
#[derive(Debug, Clone, Default)]
pub struct ReportRequest {
    pub from: Option<Month>,
    pub to: Option<Month>,
    /// (attribute, value)
    pub segment: Option<(String, String)>,
    /// Also compute what the app's charts need (distributions, per-customer lists, sparklines).
    pub with_details: bool,
}

/// KPIs in the spec's order, serialised as a JSON object.
#[derive(Debug, Clone, Default)]
pub struct Kpis(pub Vec<(&'static str, Kpi)>);

impl Kpis {
    pub fn get(&self, id: &str) -> Option<&Kpi> {
        self.0.iter().find(|(k, _)| *k == id).map(|(_, v)| v)
    }
}

impl Serialize for Kpis {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            m.serialize_entry(k, &WithMeta(k, v))?;
        }
        m.end()
    }
}

/// A KPI of a report with what is known of its id: which way is good news.
struct WithMeta<'a>(&'a str, &'a Kpi);

impl Serialize for WithMeta<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.1.write_fields(&mut m)?;
        m.serialize_entry("good_when", &formulas::good_when(self.0))?;
        m.end()
    }
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "Period"))]
pub struct PeriodOut {
    pub from: String,
    /// The cut month when the asked period reached past the revenue data.
    pub to: String,
    /// Why the period is not the one asked for, or why its revenue KPIs are unknown: the asked
    /// period reached past the last month of the revenue data (it is cut there) or lies wholly
    /// after it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Report {
    pub period: PeriodOut,
    /// The period every KPI's `previous` and `change` refer to.
    pub previous_period: PeriodOut,
    #[cfg_attr(
        feature = "ts",
        ts(as = "std::collections::BTreeMap<String, crate::bindings::ReportKpi>")
    )]
    pub kpis: Kpis,
    #[cfg_attr(feature = "ts", ts(as = "Vec<crate::bindings::MonthMovement>"))]
    pub movements: Vec<Movement>,
    /// MRR of every month of the data (for the trend chart), oldest first.
    #[cfg_attr(feature = "ts", ts(as = "Vec<crate::bindings::MonthMovement>"))]
    pub mrr_series: Vec<Movement>,
    /// Logo and revenue retention by monthly cohort and age.
    pub cohorts: Vec<cohorts::Cohort>,
    /// The per-CSM table.
    pub csm: Vec<csm::CsmRow>,
    /// The per-CSM scorecard of the team metrics, with the team median and each CSM's rank (empty in
    /// a breakdown's rows).
    pub scorecard: scorecard::Scorecard,
    /// Distributions, health bands, the riskiest customers and utilization (for the app's charts).
    pub details: details::Details,
}

/// Month-by-month values of every KPI over the last (up to) 12 months of the period: the tiles'
/// sparklines. Apart from the report because it costs as much as the rest of the dashboard: the app
/// draws the dashboard first and the sparklines a moment later.
pub type Trend = std::collections::BTreeMap<&'static str, Vec<Option<value::Num>>>;

pub fn trend(data: &Dataset, req: &ReportRequest, settings: &Settings) -> Result<Trend, KpiError> {
    in_view(data, req, None, |v, p, _| details::trend(v, p, settings))
}

/// Every report KPI id, in the order of the spec.
pub const KPI_IDS: &[&str] = &[
    "mrr",
    "arr",
    "active_customers",
    "arpa",
    "arpu",
    "mrr_new",
    "mrr_reactivation",
    "mrr_expansion",
    "mrr_contraction",
    "mrr_churn",
    "net_new_mrr",
    "customers_new",
    "customers_reactivated",
    "customers_churned",
    "customer_retention_rate",
    "customer_churn_rate",
    "grr",
    "nrr",
    "monthly_churn_rate",
    "gross_mrr_churn_rate",
    "net_mrr_churn_rate",
    "expansion_mrr_rate",
    "quarterly_expansion_revenue",
    "ltv_simple",
    "ltv_revenue_churn",
    "customer_lifetime_months",
    "clv_net_of_cac",
    "clv_transactional",
    "repeat_purchase_rate",
    "cac",
    "ltv_to_cac",
    "cac_payback_months",
    "crc",
    "nps",
    "enps",
    "csat",
    "ces_mean",
    "ces_easy",
    "fcr",
    "avg_resolution_hours",
    "ttfv_days",
    "onboarding_rating",
    "engagement_activities",
    "advocacy_activities",
    "license_utilization",
    "dau",
    "mau",
    "stickiness",
    "avg_session_minutes",
    "trial_conversion_rate",
    "renewal_rate",
    "gross_renewal_rate",
    "acv",
    "tcv",
    "health_avg",
    "health_red",
    "health_yellow",
    "health_green",
    "quick_ratio",
    "top10_mrr_share",
    "top_decile_mrr_share",
    "mrr_hhi",
];

/// The unit of every report KPI, in the spec's order: those of a period of empty data, where every
/// KPI is null with the unit it always has.
pub fn units() -> &'static [(&'static str, Unit)] {
    static UNITS: std::sync::OnceLock<Vec<(&'static str, Unit)>> = std::sync::OnceLock::new();
    UNITS.get_or_init(|| {
        let d = Dataset::default();
        let coverage = coverage::Coverages::of(&d);
        let index = Index::default();
        let v = View {
            d: &d,
            book: None,
            spend_split: true,
            coverage: &coverage,
            memo: None,
            index: &index,
        };
        let m = Month::default();
        let c = compute(&v, Period { from: m, to: m }, &Settings::default());
        c.kpis.into_iter().map(|(id, k)| (id, k.unit)).collect()
    })
}

/// The unit of a report KPI.
pub fn unit_of(id: &str) -> Option<Unit> {
    units().iter().find(|(k, _)| *k == id).map(|(_, u)| *u)
}

/// Errors of the KPI layer.
#[derive(Debug, thiserror::Error)]
pub enum KpiError {
    /// Nothing in the data has a date, so there is no period to report on.
    #[error("the data has no dated rows, so there is no period to report on")]
    NoPeriod,
    /// No KPI has this id.
    #[error("unknown KPI {0}; the ids are listed in spec/cli.md")]
    UnknownKpi(String),
    /// What-moved explains a few KPIs only.
    #[error("what-moved cannot explain {id}; it explains {}", valid.join(", "))]
    NotExplained { id: String, valid: Vec<String> },
    /// No customer attribute has this name.
    #[error("no customer attribute {key}; the data's attributes are {}", if valid.is_empty() { "none".to_string() } else { valid.join(", ") })]
    UnknownAttribute { key: String, valid: Vec<String> },
    /// No customer has this value of the attribute.
    #[error("no customer has {key} = {value}; its values are {}", list(valid))]
    UnknownValue { key: String, value: String, valid: Vec<String> },
    /// The requested period is reversed.
    #[error("the period starts ({from}) after it ends ({to})")]
    BadPeriod { from: Month, to: Month },
}

/// The first values of a list, for a message (an attribute may have up to 200).
fn list(valid: &[String]) -> String {
    const SHOWN: usize = 20;
    let mut s = valid.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
    if valid.len() > SHOWN {
        s.push_str(&format!(" and {} more", valid.len() - SHOWN));
    }
    s
}

/// Every KPI of one period, with the movements of its months.
#[derive(Clone)]
pub(crate) struct Computed {
    pub(crate) kpis: Vec<(&'static str, Kpi)>,
    pub(crate) movements: Vec<Movement>,
}

/// Every KPI of period `p` of the view: kept, when the view keeps its results, else worked out.
pub(crate) fn compute(v: &View, p: Period, settings: &Settings) -> Computed {
    match v.memo {
        Some(kept) => kept.period(p, settings, || compute_fresh(v, p, settings)),
        None => compute_fresh(v, p, settings),
    }
}

fn compute_fresh(v: &View, p: Period, settings: &Settings) -> Computed {
    let (d, spend_split) = (v.d, v.spend_split);
    let g = settings.gross_margin();
    // A period wholly after (or before) the revenue data knows nothing of revenue: no movements,
    // no MRR.
    let ended = period::outside_revenue(d, p);
    let book = v.book.filter(|_| ended.is_none());
    let summary_only = ended.is_none() && book.is_none() && !d.summary.is_empty();
    let movements: Vec<Movement> = match book {
        Some(b) => movements_of(v, b, p),
        None if summary_only => summary::movements(d, p).0,
        None => Vec::new(),
    };
    let mut out: Vec<(&'static str, Kpi)> = Vec::with_capacity(KPI_IDS.len());
    let fy = settings.fiscal_start();
    if summary_only {
        summary::kpis(d, &movements, p, fy, &mut out);
    } else {
        revenue::kpis(d, v.index.customers(d), book, &movements, p, &mut out);
        retention::kpis(book, &movements, p, fy, &mut out);
    }
    concentration::kpis(book, &movements, p, summary_only, &mut out);
    ltv::lifetime(g, &mut out);
    ltv::costs(d, p, &movements, g, spend_split, &mut out);
    orders::kpis(d, p, &mut out);
    voice::kpis(d, p, settings.csat_scale.unwrap_or(5), &mut out);
    service::kpis(d, v.index.resolution_times(d), p, &mut out);
    onboarding::kpis(d, p, &mut out);
    out.push(("license_utilization", adoption::utilization(d, v.index.customers(d), book, p.to)));
    let usage_last = v.coverage.last_month(crate::model::EventTable::Usage, p);
    usage::kpis(d, v.index.usage(d), p, usage_last, &mut out);
    contracts::kpis(d, p, &mut out);
    let scores = book.and_then(|_| v.health_scores(p.to, &settings.health));
    health::kpis(scores.as_deref().map(|s| &s[..]), &mut out);
    // Families compute in dependency order; the report lists them in the spec's order.
    out.sort_by_key(|(id, _)| KPI_IDS.iter().position(|k| k == id).unwrap_or(usize::MAX));
    debug_assert_eq!(out.iter().map(|(k, _)| *k).collect::<Vec<_>>(), KPI_IDS);
    why_missing(d, ended, &mut out);
    money::apply(d, &mut out);
    v.coverage.apply(p, &mut out);
    Computed { kpis: out, movements }
}

/// The movements of the months of `p`: in a kept view, a slice of the view's series of every month
/// of the data (worked out once, as the report's MRR chart needs it anyway), else worked out.
fn movements_of(v: &View, b: &revenue::Book, p: Period) -> Vec<Movement> {
    let span = v.d.revenue.as_ref().and_then(|r| r.first.zip(r.last));
    if let (Some(m), Some((first, last))) = (v.memo, span) {
        if first <= p.from && p.from <= p.to && p.to <= last {
            let at = first.until(p.from) as usize;
            let n = p.from.until(p.to) as usize + 1;
            if let Some(months) = m.series(|| b.movements(first, last)).get(at..at + n) {
                return months.to_vec();
            }
        }
    }
    b.movements(p.from, p.to)
}

/// The revenue table kinds: a KPI that "needs table mrr" needs one of them.
const REVENUE_KINDS: &[&str] = &["mrr", "mrr_events", "subscriptions", "mrr_summary"];

/// Says why a KPI's table is "missing" when it is not: the revenue data ends before the period
/// or starts after it (`ended`, the reason), or every row of the table was refused at import.
fn why_missing(d: &Dataset, ended: Option<String>, out: &mut [(&'static str, Kpi)]) {
    if ended.is_none() && d.refused.is_empty() {
        return;
    }
    for (_, k) in out.iter_mut() {
        let Some(table) = k.reason().and_then(|r| r.strip_prefix("needs table ")) else {
            continue;
        };
        let kind = table.split(|c: char| !c.is_ascii_alphanumeric() && c != '_').next();
        let Some(kind) = kind else { continue };
        let why = match &ended {
            Some(reason) if kind == "mrr" => reason.clone(),
            _ => {
                let mut files: Vec<&str> = d
                    .refused
                    .iter()
                    .filter(|r| {
                        r.kind == kind || (kind == "mrr" && REVENUE_KINDS.contains(&r.kind))
                    })
                    .map(|r| r.name.as_str())
                    .collect();
                files.dedup();
                if files.is_empty() {
                    continue;
                }
                format!("every row of {} was refused", files.join(", "))
            }
        };
        k.value = value::Value::Null(why);
    }
}

pub fn report(
    data: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
) -> Result<Report, KpiError> {
    report_within(data, req, settings, None)
}

/// `report` of the customers with attribute `within` (KEY, VALUE) among the request's segment: a
/// row of a breakdown.
pub(crate) fn report_within(
    data: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
    within: Option<&(String, String)>,
) -> Result<Report, KpiError> {
    in_view(data, req, within, |v, p, note| {
        let key = memo::ViewMemo::report_key(req, settings, within.is_some());
        if let Some(r) = v.memo.and_then(|m| m.report(&key)) {
            return r;
        }
        let report = report_of(data, req, settings, within, v, p, note);
        if let Some(m) = v.memo {
            m.keep_report(key, &report);
        }
        report
    })
}

/// The report of a view (see `report_within`).
fn report_of(
    data: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
    within: Option<&(String, String)>,
    v: &View,
    p: Period,
    note: Option<String>,
) -> Report {
    {
        let (d, book) = (v.d, v.book);
        // The previous period (every KPI carries its value there, and the change) is worked out on a
        // second core while this one does the current period.
        let (mut cur, prev) = std::thread::scope(|s| {
            let prev = s.spawn(|| compute(v, p.previous(), settings));
            let cur = compute(v, p, settings);
            (cur, prev.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        });
        compare(&mut cur.kpis, &prev.kpis, p.previous());
        // Targets of the whole data's files, for this view's segment (and breakdown row).
        let filters: Vec<&(String, String)> = req.segment.iter().chain(within).collect();
        crate::targets::apply(&mut cur.kpis, data, settings, &filters);
        // The months of the data only: later months are unknown, not months without revenue.
        let span = d.revenue.as_ref().and_then(|r| r.first.zip(r.last));
        let mrr_series = match (book, span) {
            (Some(b), Some((first, last))) => match v.memo {
                Some(m) => m.series(|| b.movements(first, last)).to_vec(),
                None => b.movements(first, last),
            },
            _ if book.is_none() && !d.summary.is_empty() => summary::movements(d, p).1,
            _ => Vec::new(),
        };
        let cohorts = match (book, span) {
            (Some(b), Some((_, last))) => cohorts::table(b, p.to.min(last)),
            _ => Vec::new(),
        };
        // A period wholly after (or before) the revenue data has no customers active in it that we
        // know of.
        let book = book.filter(|_| period::outside_revenue(d, p).is_none());
        let mut csm = csm::table(d, book, p);
        let team = |id: &str| cur.kpis.iter().find(|(k, _)| *k == id).and_then(|(_, k)| k.number());
        csm::mark_outliers(&mut csm, team("nrr"), team("grr"), team("customer_churn_rate"));
        // A breakdown row shows KPIs only: no scorecard to work out there.
        let mut scorecard = match within {
            None => scorecard::build(d, book, p, &csm, &cur.kpis),
            Some(_) => Default::default(),
        };
        crate::targets::score(&mut scorecard, data, settings, &filters);
        let mut report = Report {
            period: PeriodOut { from: p.from.to_string(), to: p.to.to_string(), note },
            previous_period: PeriodOut {
                from: p.previous().from.to_string(),
                to: p.previous().to.to_string(),
                note: None,
            },
            kpis: Kpis(cur.kpis),
            movements: cur.movements,
            mrr_series,
            cohorts,
            csm,
            scorecard,
            details: if req.with_details {
                let scores = v.health_scores(p.to, &settings.health);
                let scores = scores.as_deref().map_or(&[][..], |s| &s[..]);
                details::details(d, v.index.health(d), book, scores, p, settings)
            } else {
                Default::default()
            },
        };
        money::blank_revenue(d, &mut report);
        report
    }
}

/// Whether a KPI's value can be compared with its value in an earlier period, by the rule of every
/// KPI's `previous` and `change` (`compare`): both known over the whole of their periods.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Compared<'a> {
    /// Both known and whole: the earlier value and the change.
    Change { previous: Decimal, change: Decimal },
    /// The earlier value is whole but this period's is partial: the earlier value, no change.
    CurrentPartial { previous: Decimal, note: &'a value::Note },
    /// The earlier value is partial: neither.
    PreviousPartial(&'a value::Note),
    /// The earlier value is unknown (the reason).
    PreviousUnknown(&'a str),
}

impl Compared<'_> {
    /// The earlier value, as the report's `previous`.
    pub fn previous(&self) -> Option<Decimal> {
        match self {
            Compared::Change { previous, .. } | Compared::CurrentPartial { previous, .. } => {
                Some(*previous)
            }
            _ => None,
        }
    }
    pub fn change(&self) -> Option<Decimal> {
        match self {
            Compared::Change { change, .. } => Some(*change),
            _ => None,
        }
    }
}

/// `now` against `before` (None when `now` has no number).
pub fn compared<'a>(now: &'a Kpi, before: &'a Kpi) -> Option<Compared<'a>> {
    let v = now.number()?;
    Some(match (before.number(), &before.note, &now.note) {
        (Some(then), None, None) => Compared::Change { previous: then, change: v - then },
        (Some(then), None, Some(note)) => Compared::CurrentPartial { previous: then, note },
        (Some(_), Some(note), _) => Compared::PreviousPartial(note),
        (None, _, _) => Compared::PreviousUnknown(before.reason().unwrap_or("not computable")),
    })
}

/// Gives each KPI of the period its value in the previous period `pp` and the change, when both are
/// known over the whole of their periods. Otherwise there is no change: `previous` is null with
/// the reason when the previous value is unknown or partial, or kept with the reason of the missing
/// change when this period's value is partial. Arrows against a period that only starts with the
/// data (its "new MRR" is the whole opening book) or that lacks months of a table would mislead.
fn compare(cur: &mut [(&'static str, Kpi)], prev: &[(&'static str, Kpi)], pp: Period) {
    for ((_, k), (_, before)) in cur.iter_mut().zip(prev) {
        let Some(c) = compared(k, before) else { continue };
        // Owned before `k` is written: `c` borrows its note.
        let (extra, no_change): (Vec<(&'static str, Decimal)>, _) = match c {
            Compared::Change { previous, change } => {
                (vec![("previous", previous), ("change", change)], None)
            }
            Compared::CurrentPartial { previous, note } => (
                vec![("previous", previous)],
                Some(value::NoChange::Current(format!(
                    "this period's value is partial ({}): no comparison",
                    note.text
                ))),
            ),
            Compared::PreviousPartial(note) => (
                Vec::new(),
                Some(value::NoChange::Previous(format!(
                    "the previous period {} .. {} {}: no comparison",
                    pp.from, pp.to, note.short
                ))),
            ),
            Compared::PreviousUnknown(why) => (
                Vec::new(),
                Some(value::NoChange::Previous(format!(
                    "the previous period {} .. {} has no value ({why}): no comparison",
                    pp.from, pp.to
                ))),
            ),
        };
        k.extra.extend(extra);
        k.no_change = no_change;
    }
}
