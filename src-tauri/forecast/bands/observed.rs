//! The observed monthly rates the bands draw from: for each of the last N months of the revenue
//! data, the rates `baseline::from_report` would give for a period of that one month (L = 1):
//! logo churn c = churned / customers active the month before; revenue churn, contraction and
//! expansion calibrated to the month's GRR and NRR of the customers active the month before
//! (`baseline::calibrate` with L = 1, so (1-c_r)(1-k) = GRR and (1-c_r)(1+e-k) = NRR exactly);
//! new customers n and their first-month ARPA a_new (reactivations are not new, as in the baseline).

use crate::forecast::baseline::calibrate;
use crate::kpi::value::to_f64;
use crate::kpi::Movement;
use crate::model::Month;
use serde::Serialize;

/// One month's rates, in the units of a scenario's inputs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonthRates {
    pub month: String,
    pub monthly_churn: f64,
    pub monthly_revenue_churn: f64,
    pub monthly_expansion: f64,
    pub monthly_contraction: f64,
    pub new_customers_per_month: f64,
    /// Null in a month without new customers (there is no first-month ARPA to observe).
    pub new_customer_arpa: Option<f64>,
}

/// The six drawn rates: a month's (with a_new filled in), their mean, a centre, a shift.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RateSet {
    pub monthly_churn: f64,
    pub monthly_revenue_churn: f64,
    pub monthly_expansion: f64,
    pub monthly_contraction: f64,
    pub new_customers_per_month: f64,
    pub new_customer_arpa: f64,
}

impl RateSet {
    pub fn to_array(self) -> [f64; 6] {
        [
            self.monthly_churn,
            self.monthly_revenue_churn,
            self.monthly_expansion,
            self.monthly_contraction,
            self.new_customers_per_month,
            self.new_customer_arpa,
        ]
    }

    pub fn from_array(a: [f64; 6]) -> RateSet {
        RateSet {
            monthly_churn: a[0],
            monthly_revenue_churn: a[1],
            monthly_expansion: a[2],
            monthly_contraction: a[3],
            new_customers_per_month: a[4],
            new_customer_arpa: a[5],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ObservedRates {
    /// Oldest first.
    pub months: Vec<MonthRates>,
}

/// The mean of `xs` as x0 + mean(x - x0): identical values give exactly that value back (a plain
/// sum / N can be one ulp off), so months that never vary shift to exactly the centre.
fn mean(xs: impl Iterator<Item = f64> + Clone) -> Option<f64> {
    let first = xs.clone().next()?;
    let (sum, n) = xs.fold((0.0, 0usize), |(s, n), x| (s + (x - first), n + 1));
    Some(first + sum / n as f64)
}

impl ObservedRates {
    /// The first-month ARPA of the months with new customers (their mean stands in for the
    /// months without any: there it has nothing to weigh, unless a shift adds new customers).
    pub fn mean_new_arpa(&self) -> f64 {
        mean(self.months.iter().filter_map(|m| m.new_customer_arpa)).unwrap_or(0.0)
    }

    /// Month `i`'s six rates, a_new filled in as `mean_new_arpa` where the month had no new customer.
    pub fn rates(&self, i: usize, fill_arpa: f64) -> RateSet {
        let m = &self.months[i];
        RateSet {
            monthly_churn: m.monthly_churn,
            monthly_revenue_churn: m.monthly_revenue_churn,
            monthly_expansion: m.monthly_expansion,
            monthly_contraction: m.monthly_contraction,
            new_customers_per_month: m.new_customers_per_month,
            new_customer_arpa: m.new_customer_arpa.unwrap_or(fill_arpa),
        }
    }

    /// The mean of every rate over the months (a_new over the months with new customers).
    pub fn mean(&self) -> RateSet {
        let fill = self.mean_new_arpa();
        let mut out = [0.0; 6];
        for (j, slot) in out.iter_mut().enumerate() {
            *slot = mean((0..self.months.len()).map(|i| self.rates(i, fill).to_array()[j]))
                .unwrap_or(0.0);
        }
        RateSet::from_array(out)
    }
}

/// A month's rates from its movements; None when no customer (or no MRR) was active the month
/// before, or its money cannot be added up (several currencies without rates).
pub fn month_rates(m: &Movement) -> Option<MonthRates> {
    if m.prev_customers == 0 || m.prev_mrr <= rust_decimal::Decimal::ZERO || m.unknown.is_some() {
        return None;
    }
    let (churn, contraction) = (to_f64(m.churn), to_f64(m.contraction));
    // The month's GRR and NRR of the customers active the month before (new and reactivated
    // customers are not in that cohort): the KPI spec's definitions for P = one month.
    let grr = to_f64((m.prev_mrr - m.churn - m.contraction) / m.prev_mrr);
    let nrr = to_f64((m.prev_mrr - m.churn - m.contraction + m.expansion) / m.prev_mrr);
    let r = calibrate(grr, nrr, 1, churn, contraction);
    Some(MonthRates {
        month: m.month.clone(),
        monthly_churn: m.churned_count as f64 / m.prev_customers as f64,
        monthly_revenue_churn: r.revenue_churn,
        monthly_expansion: r.expansion.min(1.0),
        monthly_contraction: r.contraction,
        new_customers_per_month: m.new_count as f64,
        new_customer_arpa: (m.new_count > 0).then(|| to_f64(m.new) / m.new_count as f64),
    })
}

/// The rates of the `max_months` calendar months ending at `to` (inclusive) of a report's
/// `mrr_series`, leaving out months without a customer active the month before.
pub fn from_series(series: &[Movement], to: Month, max_months: u32) -> ObservedRates {
    let first = to.plus(1 - max_months as i32);
    let months = series
        .iter()
        .filter(|m| Month::parse_iso(&m.month).is_some_and(|x| first <= x && x <= to))
        .filter_map(month_rates)
        .collect();
    ObservedRates { months }
}
