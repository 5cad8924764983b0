//! Product usage (DAU, MAU, stickiness, session length) and trial conversion.

use super::period::Period;
use super::value::{ratio, Kpi, Unit};
use crate::model::FastMap;
use crate::model::{Dataset, Month};
use chrono::Datelike;
use rust_decimal::Decimal;

/// Each month's product usage, counted once per view: the KPIs of any period (and of each month of
/// the sparklines) then add up months instead of reading every usage row again.
#[derive(Default)]
pub struct Months {
    by: FastMap<Month, MonthUse>,
    /// Whether any row has a session length.
    any_seconds: bool,
}

#[derive(Default)]
struct MonthUse {
    /// Active users summed over the month's days.
    user_days: usize,
    /// Distinct users in the month.
    users: usize,
    /// Session lengths (seconds) and how many rows had one.
    seconds: Decimal,
    sessions: usize,
}

impl Months {
    pub fn of(d: &Dataset) -> Months {
        // Each user of each month with the days it was active as bits (one lookup a row): the
        // month's users are its MAU, and the sum of each day's distinct users is the sum of each
        // user's active days.
        let mut days: FastMap<Month, FastMap<&str, u32>> = FastMap::default();
        let mut by: FastMap<Month, MonthUse> = FastMap::default();
        for u in &d.usage {
            let day = u.at.date();
            let m = Month::of(day);
            *days.entry(m).or_default().entry(u.user_id.as_str()).or_default() |= 1 << day.day0();
            if let Some(s) = u.seconds {
                let e = by.entry(m).or_default();
                e.seconds += s;
                e.sessions += 1;
            }
        }
        for (m, users) in days {
            let e = by.entry(m).or_default();
            e.users = users.len();
            e.user_days = users.values().map(|bits| bits.count_ones() as usize).sum();
        }
        Months { by, any_seconds: d.usage.iter().any(|u| u.seconds.is_some()) }
    }
}

/// `last`: the month whose DAU and MAU are reported (the last month of P, or of the usage data
/// when that ends inside P). `m`: `Months::of` the same data.
pub fn kpis(d: &Dataset, m: &Months, p: Period, last: Month, out: &mut Vec<(&'static str, Kpi)>) {
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
        let month = m.by.get(&b);
        let dau = Decimal::from(month.map_or(0, |x| x.user_days)) / Decimal::from(b.days());
        let mau = Decimal::from(month.map_or(0, |x| x.users));
        out.push(("dau", Kpi::num(dau, Unit::Count)));
        out.push(("mau", Kpi::num(mau, Unit::Count)));
        out.push((
            "stickiness",
            Kpi::from(
                ratio(dau, mau, "no active users in the last month of the period"),
                Unit::Ratio,
            ),
        ));
        let (seconds, sessions) = p
            .months()
            .filter_map(|k| m.by.get(&k))
            .fold((Decimal::ZERO, 0usize), |(s, n), x| (s + x.seconds, n + x.sessions));
        let minutes = if !m.any_seconds {
            Err("needs usage column session_seconds (duration)".to_string())
        } else {
            ratio(seconds, Decimal::from(sessions) * Decimal::from(60), "no sessions in period")
        };
        out.push((
            "avg_session_minutes",
            Kpi::from(minutes, Unit::Minutes).with("n", sessions as u64),
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
