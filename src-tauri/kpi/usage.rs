//! Product usage (DAU, MAU, stickiness, session length) and trial conversion.

use super::period::Period;
use super::value::{ratio, Kpi, Unit};
use crate::model::FastMap;
use crate::model::{Dataset, Month};
use chrono::Datelike;
use rust_decimal::Decimal;

/// `last`: the month whose DAU and MAU are reported (the last month of P, or of the usage data
/// when that ends inside P).
pub fn kpis(d: &Dataset, p: Period, last: Month, out: &mut Vec<(&'static str, Kpi)>) {
    if !d.has_usage {
        for (id, unit) in [
            ("dau", Unit::Count),
            ("mau", Unit::Count),
            ("stickiness", Unit::Ratio),
            ("avg_session_minutes", Unit::Minutes),
        ] {
            out.push((id, Kpi::null(unit, "needs table usage")));
        }
    } else {
        let b = last;
        // Each user of the month with the days it was active as bits (one lookup a row): the
        // month's users are its MAU, and the sum of each day's distinct users (DAU times the
        // month's days) is the sum of each user's active days.
        let mut days: FastMap<&str, u32> = FastMap::default();
        // The month and the period as ranges of days: compared, not worked out for every row.
        let month = b.first_day()..=b.last_day();
        for u in d.usage.iter().filter(|u| month.contains(&u.at.date())) {
            *days.entry(u.user_id.as_str()).or_default() |= 1 << (u.at.date().day0());
        }
        let active_days: u32 = days.values().map(|m| m.count_ones()).sum();
        let dau = Decimal::from(active_days) / Decimal::from(b.days());
        let mau = Decimal::from(days.len());
        out.push(("dau", Kpi::num(dau, Unit::Count)));
        out.push(("mau", Kpi::num(mau, Unit::Count)));
        out.push((
            "stickiness",
            Kpi::from(
                ratio(dau, mau, "no active users in the last month of the period"),
                Unit::Ratio,
            ),
        ));
        // The period's sessions summed in one pass, in the order of the rows.
        let (mut total, mut sessions) = (Decimal::ZERO, 0u64);
        let period = p.from.first_day()..=p.to.last_day();
        for s in d.usage.iter().filter(|u| period.contains(&u.at.date())).filter_map(|u| u.seconds)
        {
            total += s;
            sessions += 1;
        }
        let minutes = if !d.usage.iter().any(|u| u.seconds.is_some()) {
            Err("needs usage column session_seconds (duration)".to_string())
        } else {
            ratio(total, Decimal::from(sessions) * Decimal::from(60), "no sessions in period")
        };
        out.push(("avg_session_minutes", Kpi::from(minutes, Unit::Minutes).with("n", sessions)));
    }
    if !d.has_trials {
        out.push(("trial_conversion_rate", Kpi::null(Unit::Ratio, "needs table trials")));
    } else {
        let started: Vec<_> = d.trials.iter().filter(|t| p.contains_date(t.start)).collect();
        let converted = started.iter().filter(|t| t.converted).count();
        let n = Decimal::from(started.len());
        out.push((
            "trial_conversion_rate",
            Kpi::from(
                ratio(Decimal::from(converted), n, "no trials started in period"),
                Unit::Ratio,
            )
            .with("n", n),
        ));
    }
}
