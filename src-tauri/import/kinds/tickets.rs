//! The `tickets` table: support cases with opened/resolved times and contacts or an FCR flag.

use super::super::table::{Bad, Table};
use crate::model::Ticket;

pub fn row(i: usize, t: &Table, out: &mut Vec<Ticket>) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let id = r.req_text("ticket_id")?;
    let opened = r.req_datetime("opened")?;
    let resolved = r.datetime("resolved")?;
    if let Some(res) = resolved {
        if res < opened {
            return Err((
                t.map.col("resolved").unwrap_or(0),
                "resolved before it was opened".into(),
            ));
        }
    }
    let contacts = r.decimal("contacts")?;
    if let Some(c) = contacts {
        if c.is_sign_negative() || !c.fract().is_zero() {
            return Err((
                t.map.col("contacts").unwrap_or(0),
                "contacts must be a whole number".into(),
            ));
        }
    }
    let first_contact = r.bool("first_contact_resolved")?;
    out.push(Ticket {
        id,
        customer_id: r.text("customer_id"),
        opened,
        resolved,
        contacts,
        first_contact,
    });
    Ok(true)
}
