//! `mrr_summary`: company totals per month. A row whose numbers break
//! ending = starting + new + reactivation + expansion - contraction - churn is skipped as an issue.

use super::super::table::{Bad, Table};
use crate::model::SummaryMonth;
use rust_decimal::Decimal;

pub fn row(i: usize, t: &Table, out: &mut Vec<SummaryMonth>) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let col = t.map.col("month").unwrap_or(0);
    let month = r.month("month")?;
    let z = |name: &str| -> Result<Decimal, Bad> { Ok(r.decimal(name)?.unwrap_or(Decimal::ZERO)) };
    let (new, expansion, contraction, churn, reactivation) =
        (z("new")?, z("expansion")?, z("contraction")?, z("churn")?, z("reactivation")?);
    let starting = r.decimal("starting_mrr")?;
    let moved = new + reactivation + expansion - contraction - churn;
    let ending = match (r.decimal("ending_mrr")?, starting) {
        (Some(e), Some(s)) if e != s + moved => {
            return Err((
                t.map.col("ending_mrr").unwrap_or(col),
                format!("ending MRR {e} is not starting {s} + new + reactivation + expansion - contraction - churn = {}", s + moved),
            ))
        }
        (Some(e), _) => e,
        (None, Some(s)) => s + moved,
        (None, None) => return Err((col, "needs ending MRR or starting MRR".into())),
    };
    if ending.is_sign_negative() && !ending.is_zero() {
        return Err((t.map.col("ending_mrr").unwrap_or(col), "negative MRR".into()));
    }
    out.push(SummaryMonth {
        month,
        starting,
        new,
        expansion,
        contraction,
        churn,
        reactivation,
        ending,
        customers: r.decimal("customers")?,
    });
    Ok(true)
}
