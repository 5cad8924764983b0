//! The `fx_rates` table (exports.md §9): currency, rate (one unit in the reporting currency), and an
//! optional month (empty = any month without a dated rate).

use super::super::currency;
use super::super::table::{Bad, Table};
use super::super::ImportReport;
use crate::model::FxRates;
use rust_decimal::Decimal;

pub fn row(i: usize, t: &Table, out: &mut FxRates, report: &mut ImportReport) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let col = |n: &str| t.map.col(n).unwrap_or(0);
    let cur = currency::code(&r.req_text("currency")?)
        .ok_or((col("currency"), "not a currency code (three letters such as EUR)".to_string()))?;
    let rate = r.req_decimal("rate")?;
    if rate <= Decimal::ZERO {
        return Err((col("rate"), "a rate must be above 0".into()));
    }
    let month = match r.cell("month") {
        Some(_) => Some(r.month("month")?),
        None => None,
    };
    let taken = match month {
        Some(m) => out.dated.contains_key(&(cur.clone(), m)),
        None => out.undated.contains_key(&cur),
    };
    if taken {
        let when = month.map(|m| m.to_string()).unwrap_or_else(|| "any month".into());
        report.warn(
            &t.raw.file,
            &t.raw.sheet,
            format!(
                "row {}: a second rate for {cur} ({when}); the first one is used",
                t.raw.row_numbers.get(i).copied().unwrap_or(i + 1)
            ),
        );
        return Ok(true);
    }
    match month {
        Some(m) => out.dated.insert((cur, m), rate),
        None => out.undated.insert(cur, rate),
    };
    Ok(true)
}
