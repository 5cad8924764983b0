//! What the data covers, and what that means for each KPI of a period.
//!
//! Every event-like table (surveys, tickets, activities, costs, orders, usage, trials, renewals,
//! contracts) covers the months from its first to its last row. Inside that span a month without
//! rows counts as 0 (no tickets were opened); outside it nothing is known. So a KPI that reads its
//! table only in months outside the span is null with the reason ("usage data ends 2024-10"), and a
//! KPI whose table starts or ends inside the months it reads carries a note saying which months it
//! covers. The revenue data's first month is special: customer movements need the month before,
//! so in the first month every paying customer counts as new; a period reaching back to it notes
//! that on its movement KPIs. Spans are those of the whole tables, whatever segment is looked at.

use super::period::Period;
use super::value::{Kpi, Note, Value};
use crate::model::{Coverage, Dataset, EventTable, Month};

/// The months a KPI reads.
#[derive(Clone, Copy)]
enum Span {
    /// Every month of the period.
    Period,
    /// One month: the last month of the period (DAU, MAU), or the last month of the period the
    /// table covers (see `Coverages::last_month`).
    LastMonth,
}

/// (KPI, its table, the months it reads)
const TABLE_RULES: &[(&str, EventTable, Span)] = &[
    ("nps", EventTable::Surveys, Span::Period),
    ("enps", EventTable::Surveys, Span::Period),
    ("csat", EventTable::Surveys, Span::Period),
    ("ces_mean", EventTable::Surveys, Span::Period),
    ("ces_easy", EventTable::Surveys, Span::Period),
    ("fcr", EventTable::Tickets, Span::Period),
    ("avg_resolution_hours", EventTable::Tickets, Span::Period),
    ("engagement_activities", EventTable::Activities, Span::Period),
    ("advocacy_activities", EventTable::Activities, Span::Period),
    ("cac", EventTable::Costs, Span::Period),
    ("crc", EventTable::Costs, Span::Period),
    ("clv_transactional", EventTable::Orders, Span::Period),
    ("repeat_purchase_rate", EventTable::Orders, Span::Period),
    ("dau", EventTable::Usage, Span::LastMonth),
    ("mau", EventTable::Usage, Span::LastMonth),
    ("stickiness", EventTable::Usage, Span::LastMonth),
    ("avg_session_minutes", EventTable::Usage, Span::Period),
    ("trial_conversion_rate", EventTable::Trials, Span::Period),
    ("renewal_rate", EventTable::Renewals, Span::Period),
    ("gross_renewal_rate", EventTable::Renewals, Span::Period),
    ("acv", EventTable::Contracts, Span::Period),
    ("tcv", EventTable::Contracts, Span::Period),
];

/// The KPIs summed or averaged over the customer movements of the period's months.
const MOVEMENT_KPIS: &[&str] = &[
    "mrr_new",
    "mrr_reactivation",
    "mrr_expansion",
    "mrr_contraction",
    "mrr_churn",
    "net_new_mrr",
    "customers_new",
    "customers_reactivated",
    "customers_churned",
    "monthly_churn_rate",
    "gross_mrr_churn_rate",
    "net_mrr_churn_rate",
    "expansion_mrr_rate",
    "quarterly_expansion_revenue",
    "cac_payback_months",
    "quick_ratio",
];

/// The cohort KPIs, whose starting customers are those paying the month before the period.
const RETENTION_KPIS: &[&str] = &["customer_retention_rate", "customer_churn_rate", "grr", "nrr"];

/// KPIs computed from others: they inherit their inputs' notes, and become unknown when an input
/// does for lack of data.
const DERIVED: &[(&str, &[&str])] = &[
    ("ltv_simple", &["monthly_churn_rate"]),
    ("ltv_revenue_churn", &["gross_mrr_churn_rate"]),
    ("customer_lifetime_months", &["monthly_churn_rate"]),
    ("cac", &["customers_new"]),
    ("ltv_to_cac", &["ltv_simple", "cac"]),
    ("cac_payback_months", &["cac"]),
    ("clv_net_of_cac", &["customer_lifetime_months", "cac"]),
];

/// The spans of a dataset's tables (worked out once per report, on the whole data).
#[derive(Debug, Clone, Default)]
pub struct Coverages {
    revenue: Option<Coverage>,
    /// Per-customer revenue (movements are worked out from the month before), not a summary.
    customer_level: bool,
    tables: Vec<(EventTable, Coverage)>,
}

impl Coverages {
    pub fn of(d: &Dataset) -> Coverages {
        let tables = EventTable::ALL
            .iter()
            .filter(|t| d.has(**t))
            // Contracts without a start date count in every period: their table has no end.
            .filter(|t| {
                **t != EventTable::Contracts || d.contracts.iter().all(|c| c.start.is_some())
            })
            .filter_map(|t| d.coverage(*t).map(|c| (*t, c)))
            .collect();
        Coverages {
            revenue: d.revenue_coverage(),
            customer_level: d.revenue.as_ref().is_some_and(|r| !r.is_empty()),
            tables,
        }
    }

    pub fn table(&self, t: EventTable) -> Option<Coverage> {
        self.tables.iter().find(|(k, _)| *k == t).map(|(_, c)| *c)
    }

    /// The month a one-month KPI of `t` (DAU, MAU) reports for P: the last month of P, or the last
    /// month of `t`'s data when that ends inside P (the months after are unknown, not empty).
    pub fn last_month(&self, t: EventTable, p: Period) -> Month {
        match self.table(t) {
            Some(c) if c.last < p.to && c.last >= p.from => c.last,
            _ => p.to,
        }
    }

    /// Nulls the KPIs of `out` that read their tables only outside their data, and notes those
    /// that read them partly outside (P's own KPIs, after `compute`).
    pub fn apply(&self, p: Period, out: &mut [(&'static str, Kpi)]) {
        let mut gone: Vec<(&'static str, String)> = Vec::new();
        for (id, t, span) in TABLE_RULES {
            let Some(c) = self.table(*t) else { continue };
            let Some(k) = find(out, id) else { continue };
            if !applies(k) {
                continue;
            }
            let what = t.id();
            let (from, to) = match span {
                Span::Period => (p.from, p.to),
                Span::LastMonth => (self.last_month(*t, p), p.to),
            };
            if to < c.first {
                gone.push((id, format!("{what} data starts {}", c.first)));
            } else if from > c.last {
                gone.push((id, format!("{what} data ends {}", c.last)));
            } else if !k.is_known() {
                // Null for a reason of its own (no responses in the months covered).
                continue;
            } else if let Span::LastMonth = span {
                if to > c.last {
                    k.noted(Note {
                        text: format!(
                            "{what} data ends {0}, before the period does: this is the value of {0}",
                            c.last
                        ),
                        short: format!("has {what} data up to {} only", c.last),
                    });
                }
            } else if from < c.first || to > c.last {
                let (a, b) = (from.max(c.first), to.min(c.last));
                k.noted(Note {
                    text: format!("{what} data covers {a} to {b} of this period"),
                    short: format!("has {what} data for {a} to {b} only"),
                });
            }
        }
        if let Some(c) = self.revenue {
            self.revenue_start(c, p, out, &mut gone);
        }
        for (id, why) in &gone {
            if let Some(k) = find(out, id) {
                k.value = Value::Null(why.clone());
                k.note = None;
            }
        }
        for (id, inputs) in DERIVED {
            let why = inputs.iter().find_map(|i| gone.iter().find(|(g, _)| g == i)).cloned();
            let notes: Vec<Note> =
                inputs.iter().filter_map(|i| find(out, i).and_then(|k| k.note.clone())).collect();
            let Some(k) = find(out, id) else { continue };
            if !applies(k) {
                continue;
            }
            if let Some((_, why)) = why {
                k.value = Value::Null(why.clone());
                k.note = None;
                gone.push((id, why));
            } else if k.is_known() {
                for n in notes {
                    k.noted(n);
                }
            }
        }
    }

    /// The movement and cohort KPIs of a period reaching back to the first month of the revenue
    /// data `c`.
    fn revenue_start(
        &self,
        c: Coverage,
        p: Period,
        out: &mut [(&'static str, Kpi)],
        gone: &mut Vec<(&'static str, String)>,
    ) {
        let f = c.first;
        // Per-customer movements of month f are unknown (every paying customer is "new"); a
        // summary's are given, so only months before it are missing.
        let partial = if self.customer_level { p.from <= f } else { p.from < f };
        if !partial || p.to < f {
            return;
        }
        let note = if p.from == f {
            Note {
                text: format!(
                    "this period starts with the first month of the revenue data ({f}): every \
                     customer paying then counts as new in {f}"
                ),
                short: format!("starts with the first month of the revenue data ({f})"),
            }
        } else if self.customer_level {
            Note {
                text: format!(
                    "the revenue data starts {f}, inside this period: every customer paying then \
                     counts as new in {f}"
                ),
                short: format!("starts before the revenue data ({f})"),
            }
        } else {
            Note {
                text: format!(
                    "the revenue data starts {f}, inside this period: the months before it are \
                     not counted"
                ),
                short: format!("starts before the revenue data ({f})"),
            }
        };
        for id in MOVEMENT_KPIS {
            if let Some(k) = find(out, id).filter(|k| applies(k) && k.is_known()) {
                k.noted(note.clone());
            }
        }
        // Nobody is known to pay before the data: the cohort KPIs have no starting customers.
        for id in RETENTION_KPIS {
            if find(out, id).is_some_and(|k| applies(k) && !k.is_known()) {
                gone.push((
                    id,
                    format!("revenue data starts {f}: no customers are known before the period"),
                ));
            }
        }
    }
}

fn find<'a>(out: &'a mut [(&'static str, Kpi)], id: &str) -> Option<&'a mut Kpi> {
    out.iter_mut().find(|(k, _)| *k == id).map(|(_, v)| v)
}

/// Whether a KPI's data can be in question: not when it is null for want of a table or column
/// ("needs ...", "every row of ... was refused") or of split spend.
fn applies(k: &Kpi) -> bool {
    match k.reason() {
        None => true,
        Some(r) => {
            !(r.starts_with("needs ")
                || r.starts_with("every row of ")
                || r.starts_with("revenue data ")
                || r == "spend is not split by segment")
        }
    }
}
