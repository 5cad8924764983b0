//! The `renewals` table: renewable ARR due on a date and what was renewed (empty or 0 = churned).
//! CRM deals (exports.md §5): only renewal deals (when the table has a deal type), won = renewed with
//! the renewable ARR, lost = not renewed, open deals set aside whatever their date; the renewable ARR
//! is a renewable-ARR column, else the deal's amount.

use super::super::table::{Bad, Table};
use super::deals::{self, Stage};
use crate::model::{Month, Renewal};
use rust_decimal::Decimal;

pub fn row(i: usize, t: &Table, out: &mut Vec<Renewal>) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    if let Some(reason) = deals::not_a_renewal(t, &r) {
        t.set_aside(&reason);
        return Ok(true);
    }
    let stage = deals::stage(t, &r);
    if let Some((s @ Stage::Open, label)) = &stage {
        t.set_aside(&deals::set_aside_reason(*s, label));
        return Ok(true);
    }
    let customer_id = deals::customer(t, &r)?;
    let date = r.req_date("renewal_date")?;
    let month = Some(Month::of(date));
    let arr_col = t.map.col("renewable_arr").or(t.map.col("amount")).unwrap_or(0);
    let renewable_arr = match r.money_opt("renewable_arr", month)? {
        Some(v) => v,
        None => match r.money_opt("amount", month)? {
            Some(v) => {
                t.rule("renewable ARR = the deal's Amount");
                v
            }
            None => return Err((arr_col, "empty required cell".into())),
        },
    };
    let mut renewed_arr = r.money_opt("renewed_arr", month)?;
    for (name, v) in [("renewable_arr", Some(renewable_arr)), ("renewed_arr", renewed_arr)] {
        if v.is_some_and(|v| v.is_sign_negative() && !v.is_zero()) {
            let col = t.map.col(name).unwrap_or(arr_col);
            return Err((col, "negative ARR".into()));
        }
    }
    let renewed = match stage {
        // A won renewal keeps its renewed ARR if the table gives one, else all of it; a lost one 0.
        Some((Stage::Won, _)) => {
            renewed_arr = Some(renewed_arr.unwrap_or(renewable_arr));
            true
        }
        Some(_) => {
            renewed_arr = Some(Decimal::ZERO);
            false
        }
        None => match r.bool("renewed")? {
            Some(b) if t.map.col("renewed").is_some() && r.cell("renewed").is_some() => b,
            _ => renewed_arr.is_some_and(|v| v > Decimal::ZERO),
        },
    };
    out.push(Renewal { customer_id, date, renewable_arr, renewed_arr, renewed });
    Ok(true)
}
