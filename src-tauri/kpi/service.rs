//! Service from tickets opened in P that have a resolved time: first-contact resolution and the
//! average (and median) resolution time in hours.

use super::period::Period;
use super::value::{mean_median, ratio, Kpi, Unit};
use crate::model::Dataset;
use rust_decimal::Decimal;

pub fn kpis(d: &Dataset, p: Period, out: &mut Vec<(&'static str, Kpi)>) {
    if !d.has_tickets {
        out.push(("fcr", Kpi::null(Unit::Ratio, "needs table tickets")));
        out.push(("avg_resolution_hours", Kpi::null(Unit::Hours, "needs table tickets")));
        return;
    }
    let resolved: Vec<_> = d
        .tickets
        .iter()
        .filter(|t| p.contains_date(t.opened.date()) && t.resolved.is_some())
        .collect();
    let n = Decimal::from(resolved.len());
    let knows_fcr = d.tickets.iter().any(|t| t.first_contact.is_some() || t.contacts.is_some());
    let fcr = if knows_fcr {
        let first = resolved
            .iter()
            .filter(|t| t.first_contact.unwrap_or(false) || t.contacts == Some(Decimal::ONE))
            .count();
        ratio(Decimal::from(first), n, "no resolved tickets opened in period")
    } else {
        Err("needs tickets column contacts or fcr".into())
    };
    out.push(("fcr", Kpi::from(fcr, Unit::Ratio).with("n", n)));
    let hours: Vec<Decimal> = resolved
        .iter()
        .filter_map(|t| {
            t.resolved.map(|r| Decimal::from((r - t.opened).num_seconds()) / Decimal::from(3600))
        })
        .collect();
    out.push((
        "avg_resolution_hours",
        match mean_median(hours) {
            Some((mean, median)) => Kpi::num(mean, Unit::Hours).with("n", n).with("median", median),
            None => Kpi::null(Unit::Hours, "no resolved tickets opened in period"),
        },
    ));
}
