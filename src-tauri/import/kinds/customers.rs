//! The `customers` table: one row per customer, attributes kept for segments and filters.

use super::super::table::{Bad, Table};
use crate::model::Customer;

pub fn row(i: usize, t: &Table, out: &mut Vec<Customer>) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let id = r.req_text("customer_id")?;
    let nonneg = |name: &str| -> Result<_, Bad> {
        match r.decimal(name)? {
            Some(v) if v.is_sign_negative() && !v.is_zero() => {
                Err((t.map.col(name).unwrap_or(0), "negative number".into()))
            }
            v => Ok(v),
        }
    };
    let mut c = Customer {
        id,
        name: r.text("name"),
        segment: r.text("segment"),
        plan: r.text("plan"),
        csm: r.text("csm"),
        region: r.text("region"),
        signup_date: r.date("signup_date")?,
        seats_purchased: nonneg("seats_purchased")?,
        seats_active: nonneg("seats_active")?,
        onboarding_start: r.date("onboarding_start")?,
        first_value_date: r.date("first_value_date")?,
        onboarding_rating: r.decimal("onboarding_rating")?,
        extra: Default::default(),
    };
    for (col, name) in &t.map.extra {
        if let Some(v) = r.cell_at(*col).and_then(|c| c.text()) {
            c.extra.insert(name.clone(), v);
        }
    }
    out.push(c);
    Ok(true)
}
