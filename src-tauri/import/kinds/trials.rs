//! The `trials` table: converted is yes/no, or a conversion date (= yes); blank = no.

use super::super::cells::parse_bool;
use super::super::dates::parse_date;
use super::super::table::{Bad, Table};
use crate::model::Trial;

pub fn row(i: usize, t: &Table, out: &mut Vec<Trial>) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let lead_id = r.req_text("lead_id")?;
    let start = r.req_date("trial_start")?;
    let converted = match r.cell("converted") {
        None => false,
        Some((col, cell)) => match parse_bool(cell) {
            Ok(b) => b,
            Err(_) => parse_date(&r.date_cell(col, cell), r.order(col))
                .map(|_| true)
                .map_err(|_| (col, "not yes/no or a conversion date".to_string()))?,
        },
    };
    out.push(Trial { lead_id, start, converted, customer_id: r.text("customer_id") });
    Ok(true)
}
