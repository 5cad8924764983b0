//! The `renewals` table: renewable ARR due on a date and what was renewed (empty or 0 = churned).

use super::super::table::{Bad, Table};
use crate::model::Renewal;
use rust_decimal::Decimal;

pub fn row(i: usize, t: &Table, out: &mut Vec<Renewal>) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let customer_id = r.req_text("customer_id")?;
    let date = r.req_date("renewal_date")?;
    let renewable_arr = r.req_decimal("renewable_arr")?;
    let renewed_arr = r.decimal("renewed_arr")?;
    for (name, v) in [("renewable_arr", Some(renewable_arr)), ("renewed_arr", renewed_arr)] {
        if v.is_some_and(|v| v.is_sign_negative() && !v.is_zero()) {
            return Err((t.map.col(name).unwrap_or(0), "negative ARR".into()));
        }
    }
    let renewed = match r.bool("renewed")? {
        Some(b) if t.map.col("renewed").is_some() && r.cell("renewed").is_some() => b,
        _ => renewed_arr.is_some_and(|v| v > Decimal::ZERO),
    };
    out.push(Renewal { customer_id, date, renewable_arr, renewed_arr, renewed });
    Ok(true)
}
