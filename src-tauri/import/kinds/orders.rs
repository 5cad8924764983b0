//! The `orders` table: transactions (customer, date, amount). Payments (exports.md §4), from Stripe or
//! any table with the columns: an order is what was kept, amount - amount refunded; charges that did
//! not go through (a status other than paid, not captured) and full refunds are set aside; a charge of
//! 0 with no refund is a free order. Fees and taxes are not read.

use super::super::table::{Bad, RowView, Table};
use crate::model::{Month, Order};
use rust_decimal::Decimal;

/// How a table's amounts are read, decided once for the table.
pub struct Amounts {
    /// Several currencies and a converted amount: `Converted Amount - Converted Amount Refunded`, in
    /// `Converted Currency` (one currency for the whole table).
    converted: bool,
}

impl Amounts {
    pub fn of(t: &Table) -> Amounts {
        let several = t.map.col("currency").is_some_and(|col| {
            let mut seen: Option<String> = None;
            t.rows().any(|(_, cells)| {
                let code = cells
                    .get(col)
                    .and_then(|c| c.text())
                    .and_then(|s| super::super::currency::code(&s));
                match (code, &seen) {
                    (Some(c), Some(s)) => c != *s,
                    (Some(c), None) => {
                        seen = Some(c);
                        false
                    }
                    (None, _) => false,
                }
            })
        });
        Amounts { converted: several && t.map.col("converted_amount").is_some() }
    }
}

/// Statuses of a charge that went through (case, spaces and `_` ignored); a refund is read from the
/// amounts.
fn went_through(status: &str) -> bool {
    let s: String = status
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    matches!(s.as_str(), "paid" | "succeeded" | "completed" | "refunded" | "partiallyrefunded")
}

/// The amount and the refunded amount of the row, in the reporting currency.
fn amounts(
    t: &Table,
    r: &RowView,
    how: &Amounts,
    m: Month,
) -> Result<(Decimal, Option<Decimal>), Bad> {
    let missing = |name: &str| (t.map.col(name).unwrap_or(0), "empty required cell".to_string());
    if how.converted {
        let amount = r
            .money_in("converted_amount", "converted_currency", Some(m))?
            .ok_or_else(|| missing("converted_amount"))?;
        let refunded = r.money_in("converted_amount_refunded", "converted_currency", Some(m))?;
        t.rule("several currencies: Converted Amount − Converted Amount Refunded, in Converted Currency");
        return Ok((amount, refunded));
    }
    let amount = r.money("amount", m)?.ok_or_else(|| missing("amount"))?;
    Ok((amount, r.money("amount_refunded", m)?))
}

pub fn row(i: usize, t: &Table, how: &Amounts, out: &mut Vec<Order>) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    if let Some(status) = r.text("status").map(|s| s.trim().to_string()) {
        if !went_through(&status) {
            t.set_aside(&format!("status {status}"));
            return Ok(true);
        }
    }
    if r.bool("captured")? == Some(false) {
        t.set_aside("not captured");
        return Ok(true);
    }
    let customer_id = match r.text("customer_id").filter(|s| !s.trim().is_empty()) {
        Some(id) => id,
        None => match r.text("customer_email").filter(|s| !s.trim().is_empty()) {
            Some(email) => {
                if t.map.col("customer_id").is_some() {
                    t.rule("no customer id: the customer is the email");
                }
                email
            }
            None => {
                let col = t.map.col("customer_id").or(t.map.col("customer_email")).unwrap_or(0);
                return Err((col, "empty required cell".into()));
            }
        },
    };
    let date = r.req_date("date")?;
    let (amount, refunded) = amounts(t, &r, how, Month::of(date))?;
    let amount_col = t.map.col(if how.converted { "converted_amount" } else { "amount" });
    // A free order (0) is still a purchase; a negative one is a refund, not an order.
    if amount < Decimal::ZERO {
        return Err((
            amount_col.unwrap_or(0),
            "order amount is negative (a refund is not an order)".into(),
        ));
    }
    let refunded = refunded.unwrap_or(Decimal::ZERO);
    if refunded < Decimal::ZERO {
        let name = if how.converted { "converted_amount_refunded" } else { "amount_refunded" };
        return Err((t.map.col(name).unwrap_or(0), "refunded amount is negative".into()));
    }
    // Without refund amounts a `Refunded` status is the whole charge refunded.
    let refunded_status = t.map.col("amount_refunded").is_none()
        && r.text("status").is_some_and(|s| s.trim().eq_ignore_ascii_case("refunded"));
    // Refunded whole (`Amount Refunded` >= `Amount` > 0; nothing can be refunded of a free order).
    if (refunded > Decimal::ZERO && refunded >= amount) || refunded_status {
        t.set_aside("fully refunded");
        return Ok(true);
    }
    if refunded > Decimal::ZERO {
        t.rule("partial refund: Amount − Amount Refunded");
    }
    out.push(Order { order_id: r.text("order_id"), customer_id, date, amount: amount - refunded });
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_that_went_through() {
        for s in [
            "Paid",
            "succeeded",
            "Completed",
            "Refunded",
            "Partially refunded",
            "partially_refunded",
        ] {
            assert!(went_through(s), "{s}");
        }
        for s in ["Failed", "Uncaptured", "Pending", "canceled", "Disputed", ""] {
            assert!(!went_through(s), "{s}");
        }
    }
}
