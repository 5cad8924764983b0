//! The KPI engine: pure functions of (dataset, period, settings). No clock, no I/O.
//!
//! `report` computes every report KPI of the spec in the spec's order; a KPI that cannot be computed
//! is null with the reason (the missing table or column, or the zero denominator).

pub mod adoption;
pub mod contracts;
pub mod health;
pub mod ltv;
pub mod onboarding;
pub mod orders;
pub mod period;
pub mod retention;
pub mod revenue;
pub mod segment;
pub mod service;
pub mod summary;
pub mod usage;
pub mod value;
pub mod voice;

pub use period::{Period, Preset};
pub use revenue::Movement;
pub use value::{Kpi, Unit, Value};

use crate::model::{Dataset, Month};
use crate::settings::Settings;
use serde::ser::SerializeMap;
use serde::Serialize;

/// What to report on.
#[derive(Debug, Clone, Default)]
pub struct ReportRequest {
    pub from: Option<Month>,
    pub to: Option<Month>,
    /// (attribute, value)
    pub segment: Option<(String, String)>,
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
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PeriodOut {
    pub from: String,
    pub to: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub period: PeriodOut,
    pub kpis: Kpis,
    pub movements: Vec<Movement>,
    /// MRR of every month of the data (for the trend chart), oldest first.
    pub mrr_series: Vec<Movement>,
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
];

/// Errors of the KPI layer.
#[derive(Debug, thiserror::Error)]
pub enum KpiError {
    /// Nothing in the data has a date, so there is no period to report on.
    #[error("the data has no dated rows, so there is no period to report on")]
    NoPeriod,
    /// The requested period is reversed.
    #[error("the period starts ({from}) after it ends ({to})")]
    BadPeriod { from: Month, to: Month },
}

pub fn report(
    data: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
) -> Result<Report, KpiError> {
    let p = period::resolve(data, req.from, req.to).ok_or(KpiError::NoPeriod)?;
    if p.from > p.to {
        return Err(KpiError::BadPeriod { from: p.from, to: p.to });
    }
    let filtered;
    let (d, spend_split) = match &req.segment {
        Some((k, v)) => {
            let (f, split) = segment::filter(data, k, v);
            filtered = f;
            (&filtered, split)
        }
        None => (data, true),
    };
    let g = settings.gross_margin();
    let book = d.revenue.as_ref().filter(|r| !r.is_empty()).map(revenue::Book::new);
    let summary_only = book.is_none() && !d.summary.is_empty();
    let (movements, mrr_series): (Vec<Movement>, Vec<Movement>) =
        match (&book, d.revenue.as_ref().and_then(|r| r.first.zip(r.last))) {
            (Some(b), Some((first, last))) => (
                p.months().map(|m| b.movement(m)).collect(),
                Month::range(first, last.max(p.to)).map(|m| b.movement(m)).collect(),
            ),
            _ if summary_only => summary::movements(d, p),
            _ => (Vec::new(), Vec::new()),
        };
    let mut out: Vec<(&'static str, Kpi)> = Vec::with_capacity(KPI_IDS.len());
    if summary_only {
        summary::kpis(d, &movements, p, &mut out);
    } else {
        revenue::kpis(d, book.as_ref(), &movements, p, &mut out);
        retention::kpis(book.as_ref(), &movements, p, &mut out);
    }
    ltv::lifetime(g, &mut out);
    ltv::costs(d, p, &movements, g, spend_split, &mut out);
    orders::kpis(d, p, &mut out);
    voice::kpis(d, p, settings.csat_scale.unwrap_or(5), &mut out);
    service::kpis(d, p, &mut out);
    onboarding::kpis(d, p, &mut out);
    out.push(("license_utilization", adoption::utilization(d, book.as_ref(), p.to)));
    usage::kpis(d, p, &mut out);
    contracts::kpis(d, p, &mut out);
    health::kpis(d, book.as_ref(), p, &settings.health, &mut out);
    // Families compute in dependency order; the report lists them in the spec's order.
    out.sort_by_key(|(id, _)| KPI_IDS.iter().position(|k| k == id).unwrap_or(usize::MAX));
    debug_assert_eq!(out.iter().map(|(k, _)| *k).collect::<Vec<_>>(), KPI_IDS);
    Ok(Report {
        period: PeriodOut { from: p.from.to_string(), to: p.to.to_string() },
        kpis: Kpis(out),
        movements,
        mrr_series,
    })
}
