//! The `orders` table: transactions (customer, date, amount).

use super::super::table::{Bad, Table};
use crate::model::Order;

pub fn row(i: usize, t: &Table, out: &mut Vec<Order>) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let customer_id = r.req_text("customer_id")?;
    let date = r.req_date("date")?;
    let amount = r.req_decimal("amount")?;
    // A free order (0) is still a purchase; a negative one is a refund, not an order.
    if amount < rust_decimal::Decimal::ZERO {
        return Err((
            t.map.col("amount").unwrap_or(0),
            "order amount is negative (a refund is not an order)".into(),
        ));
    }
    out.push(Order { order_id: r.text("order_id"), customer_id, date, amount });
    Ok(true)
}
