//! `subscriptions`, expanded into monthly MRR (workbook.md §2). A subscription counts in month m iff
//! month(start) <= m and (no end, or month(end) > m); an end on the last day of a month counts through
//! that month.
//!
//! A table with a billing system's columns (interval, trial end, cancel dates...: exports.md §3)
//! also follows the export rules: the amount is per billing interval, trials and other statuses
//! without revenue are set aside, a cancelled subscription ends at its end date, and the data range
//! ends at the latest *past* event, so that scheduled dates never stretch it. Other tables keep the
//! plain rules: their data ends at the latest month named by any of their dates.
//!
//! Open-ended subscriptions run to the latest of these months over *all* the import's
//! subscriptions tables (two exports made a month apart invent no churn): each table places its
//! months up to its own end here, the rest once every table is read (kinds/tails.rs).

mod dates;
mod interval;
mod status;

use super::super::currency::minor_decimals;
use super::super::table::{Bad, Table};
use super::super::ImportReport;
use super::tails::Tail;
use crate::model::Month;
use chrono::NaiveDate;
use interval::Interval;
use rust_decimal::Decimal;
use status::Status;
use std::collections::BTreeMap;

/// Columns only billing systems' exports have: with any of them the table follows exports.md §3.
const BILLING: &[&str] = &[
    "interval",
    "interval_count",
    "trial_end",
    "ended_at",
    "cancel_at",
    "current_period_start",
    "current_period_end",
    "cancel_at_period_end",
    "canceled_at",
    "created",
    "started_at",
    "activated_at",
    "pause_date",
    "coupon",
    "last_payment_amount",
];

/// Exports whose amount is per billing interval but which have no interval column: the current
/// billing period tells the interval.
const INTERVAL_FROM_PERIOD: &[&str] = &["recurly_subscriptions", "paddle_subscriptions"];

fn is_billing(t: &Table) -> bool {
    t.source().is_some() || BILLING.iter().any(|c| t.map.col(c).is_some())
}

struct Sub {
    customer: String,
    start: NaiveDate,
    /// It starts at its trial end.
    trial: bool,
    /// No interval could be told: the amount was read as monthly.
    assumed_monthly: bool,
    end: Option<NaiveDate>,
    /// MRR in the row's currency (converted month by month at the end).
    mrr: Decimal,
    currency: Option<String>,
}

#[derive(Default)]
pub struct Subscriptions {
    subs: Vec<Sub>,
    /// The latest past event of a billing table: creation, start, cancel request, past end.
    past: Option<NaiveDate>,
    /// The latest start or end date (the plain rule of workbook.md §2).
    any: Option<NaiveDate>,
    coupons: usize,
    /// Statuses no rule knows, with their rows.
    others: BTreeMap<String, usize>,
    /// Paused subscriptions without a pause date, counted as active.
    paused_open: usize,
    /// The row being read has no interval that could be told (an export without an interval
    /// column); counted in the warning only when the subscription has months of MRR.
    row_assumed_monthly: bool,
    /// The rules the row being read applies, recorded once the whole row could be read.
    row_rules: Vec<String>,
}

fn later(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    a.max(b)
}

impl Subscriptions {
    pub fn row(&mut self, i: usize, t: &Table) -> Result<bool, Bad> {
        let r = t.view(&t.raw.rows[i]);
        self.row_rules.clear();
        self.row_assumed_monthly = false;
        let customer = r.req_text("customer_id")?;
        let status = match r.text("status") {
            Some(s) => Status::of(&s, t.source()),
            None => Status::Unknown,
        };
        // Creation and a cancel request happened, whatever the row's status: past events.
        let created = r.date("created")?;
        let requested = r.date("canceled_at")?;
        if let Status::SetAside(reason) = &status {
            self.past = later(self.past, later(created, requested));
            t.set_aside(reason);
            return Ok(true);
        }
        let start = dates::start(&r, t, created)?;
        let end = dates::end(&r, t, &status, requested)?;
        if let Some((e, col, _)) = end {
            if e <= start.date && start.trial {
                // Cancelled before its trial ended: it never paid.
                self.past = later(self.past, later(created, requested));
                t.set_aside("ended in its trial: not counted as MRR");
                return Ok(true);
            }
            if e < start.date {
                return Err((col, "ends before it starts".into()));
            }
        }
        let monthly = self.monthly(&r, t)?;
        let currency = r.currency()?;
        match &status {
            Status::Other(s) => *self.others.entry(s.clone()).or_default() += 1,
            Status::Paused if end.is_none() => self.paused_open += 1,
            _ => {}
        }
        if r.text("coupon").is_some() {
            self.coupons += 1;
        }
        // Past events: a trial end or a scheduled end may lie after the export was made. The
        // start of the current billing period (a payment made) is one too.
        let past_end = end.filter(|e| e.2).map(|e| e.0);
        let period_start = r.date("current_period_start")?;
        self.past = [self.past, created, requested, Some(start.base), past_end, period_start]
            .into_iter()
            .flatten()
            .max();
        self.any = self.any.max(Some(start.date)).max(end.map(|e| e.0));
        self.subs.push(Sub {
            customer,
            start: start.date,
            trial: start.trial,
            end: end.map(|e| e.0),
            mrr: monthly,
            currency,
            assumed_monthly: self.row_assumed_monthly,
        });
        for rule in self.row_rules.drain(..) {
            t.rule(&rule);
        }
        Ok(true)
    }

    /// The row's MRR in its own currency: the amount (main units) per interval / months per
    /// interval × quantity, or ARR / 12.
    fn monthly(&mut self, r: &super::super::table::RowView, t: &Table) -> Result<Decimal, Bad> {
        let billing = is_billing(t);
        let negative = if billing { "negative amount" } else { "negative MRR" };
        let check = |v: Decimal, name: &str| -> Result<Decimal, Bad> {
            if v.is_sign_negative() && !v.is_zero() {
                return Err((t.map.col(name).unwrap_or(0), negative.into()));
            }
            Ok(v)
        };
        // Paddle's payment amounts are totals: the quantity is already in them.
        let quantity = match t.source() {
            Some("paddle_subscriptions") => Decimal::ONE,
            _ => r.decimal("quantity")?.unwrap_or(Decimal::ONE),
        };
        if quantity.is_sign_negative() && !quantity.is_zero() {
            return Err((t.map.col("quantity").unwrap_or(0), "negative quantity".into()));
        }
        if billing && quantity != Decimal::ONE {
            self.row_rules.push("Quantity: unit amount × quantity".into());
        }
        // An amount per interval (an empty Paddle next payment: the last payment's amount).
        let per_interval = match r.decimal("mrr")? {
            Some(v) => Some(("mrr", v)),
            None => r.decimal("last_payment_amount")?.map(|v| ("last_payment_amount", v)),
        };
        let Some((name, amount)) = per_interval else {
            let arr = match r.decimal("arr")? {
                Some(v) => v,
                None => {
                    let col = t.map.col("mrr").or(t.map.col("arr")).unwrap_or(0);
                    return Err((col, "empty required cell".into()));
                }
            };
            return Ok(check(arr, "arr")? / Decimal::from(12) * quantity);
        };
        let mut amount = check(amount, name)?;
        if in_minor_units(t, name) {
            let currency = r.currency()?;
            let d = currency.as_deref().map(minor_decimals).unwrap_or(2);
            amount /= Decimal::from(10u64.pow(d));
            let of = currency.unwrap_or_else(|| "the currency (none given: 2 decimals)".into());
            self.row_rules.push(format!("Amount in the minor unit of {of}: ÷ {}", 10u64.pow(d)));
        }
        if !billing {
            return Ok(amount * quantity);
        }
        let interval = match self.interval(r, t)? {
            Some(iv) => iv,
            None => Interval::MONTH,
        };
        Ok(interval.monthly(amount) * quantity)
    }

    /// The row's billing interval: its interval (× interval count) columns; for an export without
    /// them, its current billing period. None: the amount is monthly (a table without interval).
    fn interval(
        &mut self,
        r: &super::super::table::RowView,
        t: &Table,
    ) -> Result<Option<Interval>, Bad> {
        if let Some(col) = t.map.col("interval") {
            let unit = match r.text("interval") {
                Some(text) => Interval::parse(&text).ok_or_else(|| {
                    (col, "not a billing interval (day, week, month, quarter or year)".to_string())
                })?,
                // Chargebee leaves `billing_period_unit` empty for a month (exports.md §3).
                None if t.source() == Some("chargebee_subscriptions") => Interval::MONTH,
                None => return Err((col, "empty required cell".into())),
            };
            let count = match r.decimal("interval_count")? {
                None => 1,
                Some(c) => rust_decimal::prelude::ToPrimitive::to_u32(&c)
                    .filter(|n| *n > 0 && Decimal::from(*n) == c)
                    .ok_or_else(|| {
                        let col = t.map.col("interval_count").unwrap_or(col);
                        (col, "interval count is not a whole number above 0".to_string())
                    })?,
            };
            let iv = unit.times(count);
            self.row_rules.extend(iv.rule());
            return Ok(Some(iv));
        }
        if !t.source().is_some_and(|s| INTERVAL_FROM_PERIOD.contains(&s)) {
            return Ok(None);
        }
        let period = (r.date("current_period_start")?, r.date("current_period_end")?);
        if let (Some(s), Some(e)) = period {
            if let Some(iv) = Interval::of_period(s, e) {
                if let Some(rule) = iv.rule() {
                    self.row_rules.push(format!("{rule} (from the current billing period)"));
                }
                return Ok(Some(iv));
            }
        }
        self.row_assumed_monthly = true;
        Ok(None)
    }

    /// Adds the table's monthly MRR per customer to `mrr`, up to the table's own latest month;
    /// warnings for what was read as assumed. Returns that month and the months of subscriptions
    /// running on past it, placed once every subscriptions table is read (tails.rs): the data
    /// range ends at the latest month over all of them.
    pub fn finish(
        mut self,
        t: &Table,
        report: &mut ImportReport,
        mrr: &mut BTreeMap<String, BTreeMap<Month, Decimal>>,
    ) -> Option<(Month, Vec<Tail>)> {
        let billing = is_billing(t);
        let latest = if billing { self.past } else { self.any };
        let Some(latest) = latest.map(Month::of) else {
            self.warn(t, report, 0);
            return None;
        };
        let mut tails = Vec::new();
        let mut assumed_monthly = 0;
        for s in std::mem::take(&mut self.subs) {
            if Month::of(s.start) > latest {
                // Its trial ends after the data: not counted as MRR (a Recurly trial is `active`).
                t.set_aside(if s.trial { status::IN_TRIAL } else { "starts after the data" });
                continue;
            }
            assumed_monthly += usize::from(s.assumed_monthly);
            if s.trial {
                t.rule("Start = trial end, when later than the start");
            }
            let months = Month::range(Month::of(s.start), last_month(s.end, latest));
            let span = (Month::of(s.start), s.end.map(end_month));
            tails.extend(Tail::after(latest, &s.customer, span, s.mrr, s.currency.as_deref()));
            let out = mrr.entry(s.customer).or_default();
            for (m, v) in convert_each(t, s.mrr, s.currency.as_deref(), months) {
                *out.entry(m).or_insert(Decimal::ZERO) += v;
            }
        }
        // The data range reaches the latest past event even when every subscription ended before
        // it: its months are known, and its churn is real.
        if billing {
            for months in mrr.values_mut() {
                months.entry(latest).or_insert(Decimal::ZERO);
            }
        }
        self.warn(t, report, assumed_monthly);
        Some((latest, tails))
    }

    fn warn(&self, t: &Table, report: &mut ImportReport, assumed_monthly: usize) {
        let (file, sheet) = (&t.raw.file, &t.raw.sheet);
        let rows = |n: usize| {
            if n == 1 {
                "1 subscription".to_string()
            } else {
                format!("{n} subscriptions")
            }
        };
        if self.coupons > 0 {
            report.warn(
                file,
                sheet,
                format!(
                    "{} with a coupon: MRR is before discounts (a coupon id carries no amount)",
                    rows(self.coupons)
                ),
            );
        }
        if !self.others.is_empty() {
            let list: Vec<String> =
                self.others.iter().map(|(s, n)| format!("\"{s}\" ({n})")).collect();
            report.warn(
                file,
                sheet,
                format!(
                    "statuses without a rule: {}; these subscriptions were counted by their dates",
                    list.join(", ")
                ),
            );
        }
        if self.paused_open > 0 {
            report.warn(
                file,
                sheet,
                format!(
                    "{} paused without a pause date: counted as active",
                    rows(self.paused_open)
                ),
            );
        }
        if assumed_monthly > 0 {
            report.warn(file, sheet, format!(
                "{} without a billing interval (no interval column, no current billing period): amounts read as monthly",
                rows(assumed_monthly)
            ));
        }
    }
}

/// The last month a subscription counts in: the month before its end, or its end's month when it
/// ends on the month's last day (a term ending 31 March counts through March); never after `latest`.
fn last_month(end: Option<NaiveDate>, latest: Month) -> Month {
    end.map_or(latest, end_month).min(latest)
}

/// The last month a subscription ending on `end` counts in, whatever the data range.
fn end_month(end: NaiveDate) -> Month {
    if end == Month::of(end).last_day() {
        Month::of(end)
    } else {
        Month::of(end).prev()
    }
}

/// Whether a table's amount column holds minor units (exports.md §3, §9): Chargebee's, or a column
/// that says so (`unit_amount_in_cents`). Never guessed from the numbers.
fn in_minor_units(t: &Table, name: &str) -> bool {
    t.source() == Some("chargebee_subscriptions")
        || t.map.col(name).is_some_and(|c| {
            super::super::headers::normalise(&t.map.title(c)).base.ends_with("in cents")
        })
}

/// `v`, in `currency`, for each month, in the reporting currency: each month at its own rate
/// (exports.md §9). The conversion rule counts once for the row, not once a month.
pub(super) fn convert_each(
    t: &Table,
    v: Decimal,
    currency: Option<&str>,
    months: impl Iterator<Item = Month>,
) -> Vec<(Month, Decimal)> {
    let Some(cur) = currency else { return months.map(|m| (m, v)).collect() };
    let before = t.notes().rules.clone();
    let out = months.map(|m| (m, t.convert(v, cur, m))).collect();
    for (rule, n) in t.notes().rules.iter_mut() {
        let was = before.get(rule).copied().unwrap_or(0);
        *n = (*n).min(was + 1);
    }
    out
}

#[cfg(test)]
mod tests;
