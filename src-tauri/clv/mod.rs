//! Predictive customer lifetime value from order data: BG/NBD for who comes back and how often,
//! Gamma-Gamma for how much they spend, discounted over a horizon. The statistics are f64; money
//! leaves as `Decimal` (rounded to the cent).

pub mod bgnbd;
pub mod gamma_gamma;
pub mod optimize;
pub mod special;
pub mod summary;

use crate::kpi::value::Num;
use crate::model::Order;
use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;
pub use summary::Unit;

/// The fewest customers with a repeat purchase the models are fitted on: below it the estimates
/// would be noise.
pub const MIN_REPEAT_CUSTOMERS: usize = 10;

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum ClvError {
    #[error("predictive CLV needs an orders table (customer, date, amount)")]
    NoOrders,
    #[error("no customer had bought by the calibration end {0}; choose a later date")]
    NoCustomers(NaiveDate),
    #[error("only {found} customers bought more than once by the calibration end; the models need at least {needed} repeat customers to say anything reliable (choose a later calibration end, or add more orders)")]
    TooFewRepeatCustomers { found: usize, needed: usize },
    #[error("the {0} model did not converge on this data, so no prediction is shown (try another calibration end)")]
    NoConvergence(&'static str),
    #[error("the BG/NBD model fitted to this data (a + b ≤ 1, or a = 1) has no defined expectations, so no prediction is shown (try another calibration end)")]
    Undefined,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub calibration_end: NaiveDate,
    pub unit: Unit,
    /// Horizon in units.
    pub horizon: u32,
    /// Annual discount rate.
    pub discount_rate: f64,
    /// How many customers the top and at-risk lists hold.
    pub top: usize,
}

impl Options {
    pub fn new(calibration_end: NaiveDate) -> Options {
        Options { calibration_end, unit: Unit::Week, horizon: 39, discount_rate: 0.10, top: 20 }
    }
}

/// One customer's prediction.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerValue {
    pub customer_id: String,
    pub x: u32,
    pub t_x: f64,
    #[serde(rename = "T")]
    pub t: f64,
    pub p_alive: f64,
    /// Expected transactions over the horizon.
    pub expected_purchases: f64,
    /// Expected mean transaction value (Gamma-Gamma).
    pub expected_avg_value: f64,
    /// Discounted expected spend over the horizon.
    pub clv: Num,
    /// Spend up to the calibration end.
    pub past_spend: Num,
}

/// Cumulative repeat transactions of the cohort by unit: actual and as the model expects.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ClvTrackPoint"))]
pub struct TrackPoint {
    pub unit: u32,
    pub actual: usize,
    pub expected: f64,
}

/// The models' parameters as the quantities they imply.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ClvInWords"))]
pub struct InWords {
    /// The average purchase rate of active customers, per unit: r / α.
    pub purchases_per_unit: f64,
    /// The average chance of stopping for good after a purchase: a / (a + b).
    pub dropout_after_purchase: f64,
    /// The average spend per purchase across customers: pγ / (q − 1).
    pub mean_spend: f64,
}

/// The period after the calibration end, when the data cover it: actual repeat transactions
/// against the model's expectation.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ClvHoldout"))]
pub struct Holdout {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub actual: usize,
    pub expected: f64,
    /// expected / actual − 1.
    pub difference: f64,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ClvAnalysis"))]
pub struct Analysis {
    pub calibration_end: NaiveDate,
    pub unit: Unit,
    pub horizon: u32,
    pub discount_rate: f64,
    pub customers: usize,
    pub repeat_customers: usize,
    /// Orders left out for a negative amount (refunds).
    pub skipped_orders: usize,
    /// Orders of amount 0: purchases, with no spend.
    pub free_orders: usize,
    pub bgnbd: bgnbd::Fit,
    pub gamma_gamma: gamma_gamma::Params,
    pub expected_repeat_purchases: f64,
    pub mean_p_alive: f64,
    /// Customers by P(alive) in tenths: [0, 0.1), ..., [0.9, 1].
    pub p_alive_histogram: [usize; 10],
    pub top_customers: Vec<CustomerValue>,
    /// High past spend (top quarter) and P(alive) below one half, by past spend.
    pub at_risk: Vec<CustomerValue>,
    pub tracking: Vec<TrackPoint>,
    /// The tracking unit in which the calibration end falls.
    pub tracking_calibration_unit: u32,
    /// The fitted models in the terms a reader can use.
    pub in_words: InWords,
    pub holdout: Option<Holdout>,
    pub total_clv: Num,
    /// Every customer has the same expected spend a purchase, to the cent: the Gamma-Gamma fit
    /// could not tell customers' spend apart and gives everyone the average.
    pub spend_alike: bool,
    /// What a degenerate fit means, in plain words: the same expected spend for everyone or a
    /// Gamma-Gamma parameter above `DEGENERATE`, and BG/NBD parameters above it (when `boundary`
    /// does not already say so).
    pub degenerate: Vec<String>,
}

/// A fitted parameter above this has stopped describing a spread between customers.
pub const DEGENERATE: f64 = 1e5;

/// The notes on a degenerate fit (see `Analysis::degenerate`).
fn degenerate(bg: &bgnbd::Fit, gg: &gamma_gamma::Params, spend_alike: bool) -> Vec<String> {
    let big = |v: f64| v > DEGENERATE;
    let mut out = Vec::new();
    if spend_alike || big(gg.p) || big(gg.q) || big(gg.gamma) {
        out.push(
            "The model could not tell customers' spend apart: everyone gets the average."
                .to_string(),
        );
    }
    if bg.boundary.is_none() {
        let p = &bg.params;
        if big(p.a) || big(p.b) {
            out.push(format!(
                "The model could not tell customers apart in their chance of stopping for good: everyone gets the same {:.1}% chance after each purchase.",
                100.0 * p.a / (p.a + p.b)
            ));
        }
        if big(p.r) || big(p.alpha) {
            out.push("The model could not tell frequent buyers from occasional ones: everyone is expected to buy at the same pace while active.".to_string());
        }
    }
    out
}

fn money(v: f64) -> Num {
    Num(Decimal::from_f64_retain(v).unwrap_or_default().round_dp(2))
}

/// Fits both models on the orders up to the calibration end and predicts every customer.
pub fn analyse(orders: &[Order], opts: &Options) -> Result<Analysis, ClvError> {
    if orders.is_empty() {
        return Err(ClvError::NoOrders);
    }
    let (histories, skipped) = summary::histories(orders);
    let end = opts.calibration_end;
    // BG/NBD is fitted in days whatever the unit, then its α rescaled: the fit is then exactly the
    // same one in every unit (r, a, b equal, α in proportion; see `bgnbd::Fit::in_units_of`).
    let by_day: Vec<(&summary::History, summary::Rfm)> =
        histories.iter().filter_map(|h| h.rfm(end, Unit::Day).map(|r| (h, r))).collect();
    if by_day.is_empty() {
        return Err(ClvError::NoCustomers(end));
    }
    let days = opts.unit.days();
    // The same division `History::rfm` makes for the unit.
    let cal: Vec<(&summary::History, summary::Rfm)> = by_day
        .iter()
        .map(|(h, r)| (*h, summary::Rfm { t_x: r.t_x / days, t: r.t / days, ..r.clone() }))
        .collect();
    let rfm_days: Vec<summary::Rfm> = by_day.into_iter().map(|(_, r)| r).collect();
    let rfm: Vec<summary::Rfm> = cal.iter().map(|(_, r)| r.clone()).collect();
    let repeat = rfm.iter().filter(|r| r.x > 0).count();
    if repeat < MIN_REPEAT_CUSTOMERS {
        return Err(ClvError::TooFewRepeatCustomers {
            found: repeat,
            needed: MIN_REPEAT_CUSTOMERS,
        });
    }
    // The two fits are independent: one on each core.
    let (bg, gg) = std::thread::scope(|s| {
        let gg = s.spawn(|| gamma_gamma::fit(&rfm.iter().map(|r| (r.x, r.m)).collect::<Vec<_>>()));
        (bgnbd::fit(&rfm_days), gg.join().ok().flatten())
    });
    let sum_x = rfm.iter().map(|r| r.x as f64).sum();
    let bg = bg.ok_or(ClvError::NoConvergence("BG/NBD"))?.in_units_of(days, sum_x);
    let gg = gg.ok_or(ClvError::NoConvergence("Gamma-Gamma"))?;
    if gg.q <= 1.0 {
        // The population mean spend pγ/(q − 1) does not exist.
        return Err(ClvError::NoConvergence("Gamma-Gamma"));
    }
    let p = bg.params;
    // Eq. 7 and 10 need a + b > 1 (their hypergeometric term) and a ≠ 1.
    if p.a + p.b <= 1.0 || (p.a - 1.0).abs() < 1e-9 {
        return Err(ClvError::Undefined);
    }
    let horizon = opts.horizon as f64;
    // Discount per unit from the annual rate.
    let per_unit = (1.0 + opts.discount_rate).powf(opts.unit.days() / 365.25);
    let mut values = Vec::with_capacity(cal.len());
    // The expected purchases over the horizon and their discounted sum depend on (x, t_x, T) only:
    // customers who share them (everyone who bought once on the same day, say) share the work.
    let mut purchases: std::collections::HashMap<(u32, u64, u64), (f64, f64)> = Default::default();
    for (h, r) in &cal {
        let key = (r.x, r.t_x.to_bits(), r.t.to_bits());
        let (before, discounted) = match purchases.get(&key) {
            Some(v) => *v,
            None => {
                let (mut discounted, mut before) = (0.0, 0.0);
                for k in 1..=opts.horizon {
                    let e = bgnbd::expected_conditional(&p, r, k as f64)
                        .ok_or(ClvError::NoConvergence("BG/NBD expectation"))?;
                    discounted += (e - before) / per_unit.powi(k as i32);
                    before = e;
                }
                purchases.insert(key, (before, discounted));
                (before, discounted)
            }
        };
        let value = gamma_gamma::expected_value(&gg, r.x, r.m);
        let clv = discounted * value;
        values.push(CustomerValue {
            customer_id: h.customer_id.clone(),
            x: r.x,
            t_x: r.t_x,
            t: r.t,
            p_alive: bgnbd::p_alive(&p, r),
            expected_purchases: before,
            expected_avg_value: value,
            clv: money(clv),
            past_spend: money(r.spend),
        });
    }
    let n = values.len();
    let spread = values
        .iter()
        .map(|v| v.expected_avg_value)
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
    let spend_alike = n > 1 && spread.1 - spread.0 < 0.005;
    let mut histogram = [0usize; 10];
    for v in &values {
        histogram[((v.p_alive * 10.0) as usize).min(9)] += 1;
    }
    let expected_repeat_purchases = values.iter().map(|v| v.expected_purchases).sum();
    let mean_p_alive = values.iter().map(|v| v.p_alive).sum::<f64>() / n as f64;
    let total_clv = Num(values.iter().map(|v| v.clv.0).sum());

    // The holdout and the tracking curve stop at the horizon's end: a stray far-future date in the
    // data cannot stretch them (nor overflow the calendar).
    let holdout_end = chrono::Duration::try_days((horizon * opts.unit.days()).round() as i64)
        .and_then(|d| end.checked_add_signed(d))
        .unwrap_or(end);
    let last = histories.iter().filter_map(|h| h.days.last()).map(|d| d.0).max().unwrap_or(end);
    let holdout = (last >= holdout_end && holdout_end > end).then(|| {
        let actual: usize = cal.iter().map(|(h, _)| h.repeats_between(end, holdout_end)).sum();
        Holdout {
            from: end.succ_opt().unwrap_or(end),
            to: holdout_end,
            actual,
            expected: expected_repeat_purchases,
            difference: if actual > 0 {
                expected_repeat_purchases / actual as f64 - 1.0
            } else {
                0.0
            },
        }
    });
    let start = cal.iter().map(|(h, _)| h.first()).min().unwrap_or(end);
    let tracking = tracking(&cal, &p, opts.unit, start, last.min(holdout_end))?;
    let tracking_calibration_unit = unit_of(start, end, opts.unit);
    let in_words = InWords {
        purchases_per_unit: p.r / p.alpha,
        dropout_after_purchase: p.a / (p.a + p.b),
        mean_spend: gg.p * gg.gamma / (gg.q - 1.0),
    };
    let degenerate = degenerate(&bg, &gg, spend_alike);

    let mut by_spend: Vec<&CustomerValue> = values.iter().collect();
    by_spend.sort_by_key(|v| std::cmp::Reverse(v.past_spend.0));
    let quartile = by_spend.get(n / 4).map(|v| v.past_spend.0).unwrap_or_default();
    let at_risk: Vec<CustomerValue> = by_spend
        .into_iter()
        .filter(|v| v.past_spend.0 >= quartile && v.p_alive < 0.5)
        .take(opts.top)
        .cloned()
        .collect();
    values.sort_by(|a, b| b.clv.0.cmp(&a.clv.0).then_with(|| a.customer_id.cmp(&b.customer_id)));
    values.truncate(opts.top);
    Ok(Analysis {
        calibration_end: end,
        unit: opts.unit,
        horizon: opts.horizon,
        discount_rate: opts.discount_rate,
        customers: n,
        repeat_customers: repeat,
        skipped_orders: skipped.len(),
        free_orders: orders.iter().filter(|o| o.amount.is_zero()).count(),
        bgnbd: bg,
        gamma_gamma: gg,
        expected_repeat_purchases,
        mean_p_alive,
        p_alive_histogram: histogram,
        top_customers: values,
        at_risk,
        tracking,
        tracking_calibration_unit,
        in_words,
        holdout,
        total_clv,
        spend_alike,
        degenerate,
    })
}

/// The 1-based unit since `start` in which `day` falls (unit k holds the days before k units).
fn unit_of(start: NaiveDate, day: NaiveDate, unit: Unit) -> u32 {
    ((day - start).num_days().max(0) as f64 / unit.days()).floor() as u32 + 1
}

/// Cumulative repeat transactions by unit since the first purchase of the cohort, through `last`:
/// actual counts, and Σ E[X(t − first purchase)] over the customers (grouped by first day).
fn tracking(
    cal: &[(&summary::History, summary::Rfm)],
    p: &bgnbd::Params,
    unit: Unit,
    start: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<TrackPoint>, ClvError> {
    let units = unit_of(start, last, unit);
    let mut firsts: std::collections::BTreeMap<NaiveDate, usize> = Default::default();
    let mut repeat_days: Vec<i64> = Vec::new();
    for (h, _) in cal {
        *firsts.entry(h.first()).or_default() += 1;
        repeat_days.extend(h.days.iter().skip(1).map(|(d, _)| (*d - start).num_days()));
    }
    repeat_days.sort_unstable();
    let mut out = Vec::with_capacity(units as usize);
    for k in 1..=units {
        let day = k as f64 * unit.days();
        let actual = repeat_days.partition_point(|&d| (d as f64) < day);
        let mut expected = 0.0;
        for (first, count) in &firsts {
            let age = day - (*first - start).num_days() as f64;
            if age > 0.0 {
                let e = bgnbd::expected_new(p, age / unit.days())
                    .ok_or(ClvError::NoConvergence("BG/NBD expectation"))?;
                expected += *count as f64 * e;
            }
        }
        out.push(TrackPoint { unit: k, actual, expected });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fit(r: f64, alpha: f64, a: f64, b: f64, boundary: Option<String>) -> bgnbd::Fit {
        bgnbd::Fit { params: bgnbd::Params { r, alpha, a, b }, log_likelihood: 0.0, boundary }
    }

    /// A fit whose parameters ran away (the review's adoption book: q = 1.9e7, γ = 1.3e9, a and b
    /// in the millions) is said in words; an ordinary one is not.
    #[test]
    fn degenerate_fits_are_said_in_words() {
        let gg = gamma_gamma::Params { p: 2.23, q: 18_969_994.7, gamma: 1_307_920_884.0 };
        let said = degenerate(&fit(0.45, 4.29, 11_559_083.5, 24_119_444.75, None), &gg, false);
        assert_eq!(said.len(), 2, "{said:?}");
        assert_eq!(
            said[0],
            "The model could not tell customers' spend apart: everyone gets the average."
        );
        assert!(said[1].contains("same 32.4% chance"), "{}", said[1]);
        // Equal expected spend for everyone, whatever the parameters.
        let fine = gamma_gamma::Params { p: 6.25, q: 3.74, gamma: 15.44 };
        assert_eq!(degenerate(&fit(0.24, 4.4, 0.79, 2.4, None), &fine, true).len(), 1);
        assert!(degenerate(&fit(0.24, 4.4, 0.79, 2.4, None), &fine, false).is_empty());
        // The boundary note already says what a fit on the edge means.
        let edge = fit(2e5, 3e5, 0.8, 2.4, Some("on the edge".into()));
        assert!(degenerate(&edge, &fine, false).is_empty());
        let pace = degenerate(&fit(2e5, 3e5, 0.8, 2.4, None), &fine, false);
        assert!(pace[0].contains("same pace"), "{pace:?}");
    }
}
