//! Invoices and invoice lines with a service period, as monthly recurring revenue (exports.md §3b):
//! a line's amount is spread evenly over the L whole months of its period (at least 1), starting
//! at the month the period starts. An annual invoice of 1,200 is 100 a month for twelve months, not
//! 1,200 in the month it was issued.
//!
//! Set aside: lines without a period, void, draft or uncollectible invoices, amounts of 0. A
//! credit lowers the months it covers: a negative line, or a credit note (its type column says so:
//! `Credit Note`, `credit_note`, `Credit Memo`), whose amount is subtracted whatever its sign. The
//! data range ends at the month of the latest invoice date over all the import's `mrr` tables: a
//! period reaching later (a prepaid year) does not stretch it, and a later file's invoices carry
//! an earlier file's periods on (kinds/tails.rs).

use super::super::table::{Bad, Table};
use super::super::ImportReport;
use super::revenue::MrrTable;
use super::subscriptions::convert_each;
use super::tails::Tail;
use crate::model::Month;
use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// Whether a `mrr` table is one of invoices: it has a service period (both ends mapped).
pub fn applies(t: &Table) -> bool {
    !t.map.is_wide() && t.map.col("period_start").is_some() && t.map.col("period_end").is_some()
}

struct Line {
    customer: String,
    first: Month,
    months: u32,
    amount: Decimal,
    currency: Option<String>,
}

/// What an invoice type column (`Type`, `Document Type`, `Invoice Type`) says when the document is
/// a credit note, case, `_`, `-` and spaces ignored: `Credit Note`, `credit_note`, `Credit Memo`,
/// `Sales credit note`, Xero's `ACCRECCREDIT`.
fn is_credit_note(text: &str) -> bool {
    let key: String = text
        .chars()
        .filter(|c| !matches!(c, '_' | ' ' | '-'))
        .flat_map(char::to_lowercase)
        .collect();
    key == "credit"
        || key == "accreccredit"
        || key.ends_with("creditnote")
        || key.ends_with("creditmemo")
}

#[derive(Default)]
pub struct Invoices {
    lines: Vec<Line>,
    /// The month of the latest invoice date.
    latest: Option<Month>,
}

/// The whole months of a service period, its end day included: 15 Jan to 15 Feb (Stripe, which
/// ends a period when the next starts) and 1 to 31 Jan are both 1; 15 Jan 2024 to 15 Jan 2025 is 12.
pub fn whole_months(start: NaiveDate, end: NaiveDate) -> u32 {
    let Some(after) = end.succ_opt() else { return 1 };
    let mut n = (after.year() - start.year()) * 12 + after.month() as i32 - start.month() as i32;
    if after.day() < start.day() {
        n -= 1;
    }
    n.max(1) as u32
}

impl Invoices {
    pub fn row(&mut self, i: usize, t: &Table) -> Result<bool, Bad> {
        let r = t.view(&t.raw.rows[i]);
        let customer = r.req_text("customer_id")?;
        let status = r.text("status").map(|s| s.trim().to_lowercase()).unwrap_or_default();
        if matches!(status.as_str(), "void" | "voided" | "draft" | "uncollectible" | "deleted") {
            t.set_aside("void, draft or uncollectible invoice");
            return Ok(true);
        }
        // The invoice date: the data range ends at the latest one.
        if r.cell("month").is_some() {
            self.latest = self.latest.max(Some(r.month("month")?));
        }
        let (start, end) = (r.date("period_start")?, r.date("period_end")?);
        let (Some(start), Some(end)) = (start, end) else {
            t.set_aside("no service period");
            return Ok(true);
        };
        if end < start {
            let col = t.map.col("period_end").unwrap_or(0);
            return Err((col, "service period ends before it starts".into()));
        }
        let mut amount = r.req_decimal("mrr")?;
        if amount.is_zero() {
            t.set_aside("amount of 0");
            return Ok(true);
        }
        // A credit note is often written with a positive amount: it still takes revenue away.
        let credit_note = r.text("type").is_some_and(|k| is_credit_note(&k));
        if credit_note {
            amount = -amount.abs();
        }
        let currency = r.currency()?;
        let months = whole_months(start, end);
        if months > 1 {
            t.rule(&format!("Service period of {months} months: amount / {months} in each month"));
        }
        if credit_note {
            t.rule("Credit note: amount subtracted");
        } else if amount.is_sign_negative() {
            t.rule("Credit (a negative line) lowers the months of its service period");
        }
        self.lines.push(Line { customer, first: Month::of(start), months, amount, currency });
        Ok(true)
    }

    /// The table's MRR per customer and month (each month's share converted at that month's
    /// rate), cut at the table's latest invoice month; that month and the months of lines running
    /// on past it, placed once every `mrr` table is read (tails.rs).
    pub fn finish(
        self,
        t: &Table,
        report: &mut ImportReport,
    ) -> (MrrTable, Option<(Month, Vec<Tail>)>) {
        // Without invoice dates, the latest month a line starts in.
        let Some(latest) = self.latest.or_else(|| self.lines.iter().map(|l| l.first).max()) else {
            return (MrrTable::default(), None);
        };
        let mut sums: BTreeMap<String, BTreeMap<Month, Decimal>> = BTreeMap::new();
        let mut tails = Vec::new();
        for l in self.lines {
            let share = l.amount / Decimal::from(l.months);
            let end = l.first.plus(l.months as i32 - 1);
            let cur = l.currency.as_deref();
            tails.extend(Tail::after(latest, &l.customer, (l.first, Some(end)), share, cur));
            let out = sums.entry(l.customer).or_default();
            for (m, v) in convert_each(t, share, cur, Month::range(l.first, end.min(latest))) {
                *out.entry(m).or_insert(Decimal::ZERO) += v;
            }
        }
        (not_below_zero(sums, &t.raw.file, &t.raw.sheet, report), Some((latest, tails)))
    }
}

/// A table's summed MRR cells, where a month in which credits exceed what was invoiced reads as
/// 0, with one warning naming the first.
pub fn not_below_zero(
    sums: BTreeMap<String, BTreeMap<Month, Decimal>>,
    file: &str,
    sheet: &Option<String>,
    report: &mut ImportReport,
) -> MrrTable {
    let mut table = MrrTable::default();
    let mut below_zero = Vec::new();
    for (customer, months) in sums {
        let mut row = Vec::with_capacity(months.len());
        for (m, v) in months {
            if v.is_sign_negative() && !v.is_zero() {
                below_zero.push(format!("{customer} {m} ({v})"));
                row.push((m, Decimal::ZERO));
            } else {
                row.push((m, v));
            }
        }
        table.push(customer, row);
    }
    if let Some(first) = below_zero.first() {
        report.warn(
            file,
            sheet,
            format!(
                "credits exceed the invoiced amounts in {} customer-months (first: {first}): read as 0",
                below_zero.len()
            ),
        );
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_months_of_service_periods() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(whole_months(d(2024, 1, 15), d(2024, 2, 15)), 1);
        assert_eq!(whole_months(d(2024, 1, 1), d(2024, 1, 31)), 1);
        assert_eq!(whole_months(d(2024, 1, 15), d(2025, 1, 15)), 12);
        assert_eq!(whole_months(d(2024, 1, 1), d(2024, 12, 31)), 12);
        assert_eq!(whole_months(d(2024, 1, 31), d(2024, 4, 30)), 3);
        assert_eq!(whole_months(d(2024, 3, 1), d(2024, 3, 10)), 1);
        assert_eq!(whole_months(d(2024, 1, 15), d(2024, 4, 15)), 3);
    }
}
