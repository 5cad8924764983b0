//! The `contracts` table (ACV / TCV): term in months (or years), recurring value of the whole term
//! (TCV) and/or an annual value (ACV), one-time fees. A CRM deals export (exports.md §5) gives won
//! deals: with a stage column only won rows count, and without a term the term is 12 x TCV / ACV
//! months. With one value and no term the other value is unknown, not invented: the contract keeps
//! what is known and the KPI needing the other says why it is empty.

use super::super::headers::Unit;
use super::super::table::{Bad, Table};
use super::deals::{self, Stage};
use crate::model::{Contract, Month};
use rust_decimal::Decimal;

/// Rules reported when a contract has no term and only one value.
pub const NO_TERM_TCV: &str = "no term and only an annual value: TCV unknown";
pub const NO_TERM_ACV: &str = "no term and only a total value: ACV unknown";

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
    let fees = r.money_opt("one_time_fees", month)?;
    for (name, v) in [("recurring_value", total), ("annual_value", annual), ("one_time_fees", fees)]
    {
        if v.is_some_and(|v| v.is_sign_negative() && !v.is_zero()) {
            return Err((t.map.col(name).unwrap_or(value_col), "negative value".into()));
        }
    }
    if total.is_none() && annual.is_none() {
        let reason = if t.map.source.is_some() {
            "a won deal without an annual or total contract value (HubSpot fills them from the deal's line items)"
        } else {
            "empty required cell"
        };
        return Err((value_col, reason.into()));
    }
    let out_of_range = || (value_col, "number out of range".to_string());
    let term_col = t.map.col("term_months").or(t.map.col("term_years"));
    let term_months = match (r.decimal("term_months")?, r.decimal("term_years")?) {
        (Some(v), _) if t.map.unit("term_months") == Some(Unit::Years) => {
            Some(v.checked_mul(twelve).ok_or_else(out_of_range)?)
        }
        (Some(v), _) => Some(v),
        (None, Some(v)) => Some(v.checked_mul(twelve).ok_or_else(out_of_range)?),
        (None, None) => match (total, annual) {
            // No term (no column, or an empty cell): the total over the annual value, in months
            // (exports.md §5 †).
            (Some(tcv), Some(acv)) if !acv.is_zero() => {
                t.rule("term = 12 × Total contract value / Annual contract value months");
                Some(
                    twelve
                        .checked_mul(tcv)
                        .and_then(|x| x.checked_div(acv))
                        .ok_or_else(out_of_range)?,
                )
            }
            (Some(_), Some(_)) => {
                return Err((
                    t.map.col("annual_value").unwrap_or(value_col),
                    "annual contract value is 0, so the term (12 × TCV / ACV) is unknown".into(),
                ))
            }
            // One value alone: the other stays unknown (below).
            _ => None,
        },
    };
    if term_months.is_some_and(|m| m <= Decimal::ZERO) {
        return Err((term_col.unwrap_or(value_col), "term must be positive".into()));
    }
    let (recurring_value, annual_value) = match term_months {
        // A term: the total is given or the annual value over the term; the annual value is the
        // total over the term's years (kpis.md).
        Some(m) => match (total, annual) {
            (Some(v), _) => {
                let a = v.checked_div(m / twelve).ok_or_else(out_of_range)?;
                (Some(v), Some(a))
            }
            (None, Some(a)) => {
                let v = a.checked_mul(m).and_then(|x| x.checked_div(twelve));
                (Some(v.ok_or_else(out_of_range)?), Some(a))
            }
            (None, None) => return Err((value_col, "empty required cell".into())),
        },
        None => {
            t.rule(if total.is_some() { NO_TERM_ACV } else { NO_TERM_TCV });
            (total, annual)
        }
    };
    out.push(Contract {
        customer_id,
        start,
        term_months,
        recurring_value,
        annual_value,
        one_time_fees: fees.unwrap_or(Decimal::ZERO),
    });
    Ok(true)
}
