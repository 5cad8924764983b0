//! Service from tickets opened in P that have a resolved time: first-contact resolution and the
//! average (and median) resolution time in hours.

use super::period::Period;
use super::value::{ratio, Kpi, Unit};
use crate::model::Dataset;
use rust_decimal::Decimal;

/// Each ticket's resolution time: (seconds, hours), None when not resolved. Worked out once per
/// view: a dashboard asks for the tickets of 16 periods and months.
pub(crate) fn resolution_times(d: &Dataset) -> Vec<Option<(i64, Decimal)>> {
    d.tickets
        .iter()
        .map(|t| {
            let secs = (t.resolved? - t.opened).num_seconds();
            Some((secs, Decimal::from(secs) / Decimal::from(3600)))
        })
        .collect()
}

/// `times`: `resolution_times` of the same data.
pub(crate) fn kpis(
    d: &Dataset,
    times: &[Option<(i64, Decimal)>],
    p: Period,
    out: &mut Vec<(&'static str, Kpi)>,
) {
    if !d.has_tickets {
        out.push(("fcr", Kpi::null(Unit::Ratio, "needs table tickets")));
        out.push(("avg_resolution_hours", Kpi::null(Unit::Hours, "needs table tickets")));
        return;
    }
    let resolved: Vec<_> = d
        .tickets
        .iter()
        .zip(times)
        .filter(|(t, time)| p.contains_date(t.opened.date()) && time.is_some())
        .collect();
    let n = Decimal::from(resolved.len());
    let knows_fcr = d.tickets.iter().any(|t| t.first_contact.is_some() || t.contacts.is_some());
    let fcr = if knows_fcr {
        let first = resolved
            .iter()
            .filter(|(t, _)| t.first_contact.unwrap_or(false) || t.contacts == Some(Decimal::ONE))
            .count();
        ratio(Decimal::from(first), n, "no resolved tickets opened in period")
    } else {
        Err("needs tickets column contacts or fcr".into())
    };
    out.push(("fcr", Kpi::from(fcr, Unit::Ratio).with("n", n)));
    let mut hours: Vec<(i64, Decimal)> = resolved.iter().filter_map(|(_, time)| **time).collect();
    out.push((
        "avg_resolution_hours",
        if hours.is_empty() {
            Kpi::null(Unit::Hours, "no resolved tickets opened in period")
        } else {
            // As `mean_median`: the sum in the tickets' order, the median of the sorted hours (in
            // the order of the seconds they are divided from: the same order, compared faster).
            let count = Decimal::from(hours.len());
            let mean = hours.iter().map(|h| h.1).sum::<Decimal>() / count;
            hours.sort_unstable_by_key(|h| h.0);
            let mid = hours.len() / 2;
            let median = if hours.len().is_multiple_of(2) {
                (hours[mid - 1].1 + hours[mid].1) / Decimal::TWO
            } else {
                hours[mid].1
            };
            Kpi::num(mean, Unit::Hours).with("n", n).with("median", median)
        },
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Month, Ticket};
    use chrono::NaiveDate;

    fn ticket(day: u32, minutes: Option<i64>) -> Ticket {
        let opened = NaiveDate::from_ymd_opt(2024, 3, day).unwrap().and_hms_opt(9, 0, 0).unwrap();
        Ticket {
            id: format!("T{day}"),
            customer_id: None,
            opened,
            resolved: minutes.map(|m| opened + chrono::Duration::minutes(m)),
            contacts: None,
            first_contact: Some(day.is_multiple_of(2)),
            subject: None,
            description: None,
            origin: None,
        }
    }

    fn kpis_of(tickets: Vec<Ticket>) -> Vec<(&'static str, Kpi)> {
        let d = Dataset { tickets, has_tickets: true, ..Default::default() };
        let march = Month::new(2024, 3).unwrap();
        let mut out = Vec::new();
        kpis(&d, &resolution_times(&d), Period { from: march, to: march }, &mut out);
        out
    }

    /// Resolved in 60, 180, 20, 600 and 100 minutes (one more unresolved): mean 192 min = 3.2 h,
    /// median 100 min; without the 100, the median is between 60 and 180 min: 2 h. The mean and
    /// median are those of `mean_median` over the hours, to the last digit.
    #[test]
    fn resolution_hours_mean_and_median() {
        let times = [Some(60), Some(180), None, Some(20), Some(600), Some(100)];
        let tickets: Vec<Ticket> =
            times.iter().enumerate().map(|(k, m)| ticket(k as u32 + 1, *m)).collect();
        let reference = |mins: &[i64]| {
            let hours = mins.iter().map(|m| Decimal::from(m * 60) / Decimal::from(3600)).collect();
            super::super::value::mean_median(hours).unwrap()
        };
        let out = kpis_of(tickets.clone());
        let hours = &out[1].1;
        let (mean, median) = reference(&[60, 180, 20, 600, 100]);
        assert_eq!(hours.number(), Some(mean));
        assert_eq!(mean.round_dp(10), Decimal::new(32, 1));
        assert_eq!(serde_json::to_value(hours).unwrap()["median"], serde_json::json!(100.0 / 60.0));
        assert_eq!(median, Decimal::from(100) / Decimal::from(60));
        let fewer: Vec<Ticket> = tickets.into_iter().filter(|t| t.id != "T6").collect();
        let out = kpis_of(fewer);
        let (mean, median) = reference(&[60, 180, 20, 600]);
        assert_eq!(median, Decimal::from(2));
        let json = serde_json::to_value(&out[1].1).unwrap();
        assert_eq!(json["median"].as_f64(), Some(2.0));
        assert_eq!(out[1].1.number(), Some(mean));
        // First contact on the even days: T2, T4 of the four resolved.
        assert_eq!(out[0].1.number(), Some(Decimal::new(5, 1)));
    }
}
