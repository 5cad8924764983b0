//! Product usage (DAU, MAU, stickiness, session length) and trial conversion.

use super::period::Period;
use super::value::{ratio, Kpi, Unit};
use crate::model::{Dataset, Month};
use crate::model::{FastMap, FastSet};
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
        let mut daily: FastMap<chrono::NaiveDate, FastSet<&str>> = FastMap::default();
        let mut monthly: FastSet<&str> = FastSet::default();
        for u in d.usage.iter().filter(|u| Month::of(u.at.date()) == b) {
            daily.entry(u.at.date()).or_default().insert(u.user_id.as_str());
            monthly.insert(u.user_id.as_str());
        }
        let active_days: usize = daily.values().map(|s| s.len()).sum();
        let dau = Decimal::from(active_days) / Decimal::from(b.days());
        let mau = Decimal::from(monthly.len());
        out.push(("dau", Kpi::num(dau, Unit::Count)));
        out.push(("mau", Kpi::num(mau, Unit::Count)));
        out.push((
            "stickiness",
            Kpi::from(
                ratio(dau, mau, "no active users in the last month of the period"),
                Unit::Ratio,
            ),
        ));
        let sessions: Vec<Decimal> = d
            .usage
            .iter()
            .filter(|u| p.contains_date(u.at.date()))
            .filter_map(|u| u.seconds)
            .collect();
        let minutes = if !d.usage.iter().any(|u| u.seconds.is_some()) {
            Err("needs usage column session_seconds (duration)".to_string())
        } else {
            ratio(
                sessions.iter().copied().sum(),
                Decimal::from(sessions.len()) * Decimal::from(60),
                "no sessions in period",
            )
        };
        out.push((
            "avg_session_minutes",
            Kpi::from(minutes, Unit::Minutes).with("n", sessions.len() as u64),
        ));
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
