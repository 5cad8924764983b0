//! The `contracts` table (ACV / TCV): term in months (or years), recurring value of the whole term
//! (or an annual value), one-time fees. A CRM deals export (exports.md §5) gives won deals: with a
//! stage column only won rows count, and without a term column the term is 12 x TCV / ACV months.

use super::super::headers::Unit;
use super::super::table::{Bad, Table};
use super::deals::{self, Stage};
use crate::model::{Contract, Month};
use rust_decimal::Decimal;

pub fn row(i: usize, t: &Table, out: &mut Vec<Contract>) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    if let Some((stage, label)) = deals::stage(t, &r) {
        if stage != Stage::Won {
            t.set_aside(&deals::set_aside_reason(stage, &label));
            return Ok(true);
        }
    }
    let customer_id = deals::customer(t, &r)?;
    let start = r.date("start_date")?;
    // Values are converted at the start's month (exports.md §9).
    let month = start.map(Month::of);
    let twelve = Decimal::from(12);
    let value_col = t.map.col("recurring_value").or(t.map.col("annual_value")).unwrap_or(0);
    let total = r.money_opt("recurring_value", month)?;
    let annual = r.money_opt("annual_value", month)?;
    let term_col = t.map.col("term_months").or(t.map.col("term_years"));
    let term_months = match (r.decimal("term_months")?, r.decimal("term_years")?) {
        (Some(v), _) if t.map.unit("term_months") == Some(Unit::Years) => v * twelve,
        (Some(v), _) => v,
        (None, Some(v)) => v * twelve,
        (None, None) => match (total, annual) {
            // A CRM deal has no term (or an empty one): the total over the annual value, in months
            // (exports.md §5 †).
            (Some(tcv), Some(acv)) if !acv.is_zero() => {
                t.rule("term = 12 × Total contract value / Annual contract value months");
                twelve * tcv / acv
            }
            (Some(_), Some(_)) => {
                return Err((
                    t.map.col("annual_value").unwrap_or(value_col),
                    "annual contract value is 0, so the term (12 × TCV / ACV) is unknown".into(),
                ))
            }
            (None, None) if t.map.source.is_some() => {
                return Err((value_col, "a won deal without an annual or total contract value (HubSpot fills them from the deal's line items)".into()))
            }
            _ => {
                let reason = match term_col {
                    Some(_) => "empty required cell",
                    None => "no term: needs a term column, or both total and annual contract value",
                };
                return Err((term_col.unwrap_or(value_col), reason.into()));
            }
        },
    };
    if term_months <= Decimal::ZERO {
        return Err((term_col.unwrap_or(value_col), "term must be positive".into()));
    }
    let recurring_value = match (total, annual) {
        (Some(v), _) => v,
        (None, Some(a)) => a * term_months / twelve,
        (None, None) => return Err((value_col, "empty required cell".into())),
    };
    let one_time_fees = r.money_opt("one_time_fees", month)?.unwrap_or(Decimal::ZERO);
    if recurring_value.is_sign_negative() || one_time_fees.is_sign_negative() {
        return Err((value_col, "negative value".into()));
    }
    out.push(Contract { customer_id, start, term_months, recurring_value, one_time_fees });
    Ok(true)
}
