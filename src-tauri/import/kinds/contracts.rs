//! The `contracts` table (ACV / TCV): term in months (or years), recurring value of the whole term
//! (or an annual value), one-time fees.

use super::super::headers::Unit;
use super::super::table::{Bad, Table};
use crate::model::Contract;
use rust_decimal::Decimal;

pub fn row(i: usize, t: &Table, out: &mut Vec<Contract>) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let customer_id = r.req_text("customer_id")?;
    let start = r.date("start_date")?;
    let twelve = Decimal::from(12);
    let term_months = match r.decimal("term_months")? {
        Some(v) if t.map.unit("term_months") == Some(Unit::Years) => v * twelve,
        Some(v) => v,
        None => r.req_decimal("term_years")? * twelve,
    };
    let term_col = t.map.col("term_months").or(t.map.col("term_years")).unwrap_or(0);
    if term_months <= Decimal::ZERO {
        return Err((term_col, "term must be positive".into()));
    }
    let recurring_value = match r.decimal("recurring_value")? {
        Some(v) => v,
        None => r.req_decimal("annual_value")? * term_months / twelve,
    };
    let one_time_fees = r.decimal("one_time_fees")?.unwrap_or(Decimal::ZERO);
    if recurring_value.is_sign_negative() || one_time_fees.is_sign_negative() {
        return Err((
            t.map.col("recurring_value").or(t.map.col("annual_value")).unwrap_or(0),
            "negative value".into(),
        ));
    }
    out.push(Contract { customer_id, start, term_months, recurring_value, one_time_fees });
    Ok(true)
}
