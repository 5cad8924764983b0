//! The `usage` table: product usage events or sessions, durations converted to seconds.

use super::super::headers::Unit;
use super::super::table::{Bad, Table};
use crate::model::Usage;
use rust_decimal::Decimal;

/// Seconds per unit of the duration column: its bracketed unit, else its name (`minutes`).
/// Worked out once per table.
pub fn factor(t: &Table) -> Decimal {
    let named_minutes = t
        .map
        .col("session_seconds")
        .map(|c| super::super::headers::normalise(&t.map.title(c)).base)
        .is_some_and(|h| h.contains("minute"));
    match t.map.unit("session_seconds") {
        Some(Unit::Minutes) => Decimal::from(60),
        Some(Unit::Hours) => Decimal::from(3600),
        Some(Unit::Seconds) => Decimal::ONE,
        _ if named_minutes => Decimal::from(60),
        _ => Decimal::ONE,
    }
}

pub fn row(i: usize, t: &Table, factor: Decimal, out: &mut Vec<Usage>) -> Result<bool, Bad> {
    out.push(record(i, t, factor)?);
    Ok(true)
}

/// Row `i` as a usage record.
pub fn record(i: usize, t: &Table, factor: Decimal) -> Result<Usage, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let user_id = r.req_text_inline("user_id")?;
    let at = r.req_datetime("date")?;
    let seconds = match r.decimal("session_seconds")? {
        Some(v) if v.is_sign_negative() && !v.is_zero() => {
            return Err((t.map.col("session_seconds").unwrap_or(0), "negative duration".into()))
        }
        Some(v) => Some(v * factor),
        None => None,
    };
    Ok(Usage { user_id, customer_id: r.text_inline("customer_id"), at, seconds })
}
