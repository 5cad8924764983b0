//! Product usage (DAU, MAU, stickiness, session length) and trial conversion.

use super::period::Period;
use super::value::{ratio, Kpi, Unit};
use crate::model::halves::halves;
use crate::model::FastMap;
use crate::model::{Dataset, Month};
use chrono::Datelike;
use rust_decimal::Decimal;

/// Product usage counted once per view: each month's sessions in one pass, and a month's active users
/// the first time they are asked for (the sparklines ask for 12 months, a report for one or two):
/// the KPIs of any period then add up months instead of reading every usage row again.
#[derive(Default)]
pub struct Months {
    /// Session lengths (seconds) and how many rows had one, by month.
    sessions: FastMap<Month, (Decimal, usize)>,
    /// Whether any row has a session length.
    any_seconds: bool,
    /// The rows of each month (indexes into the usage log): a month's active users read its own
    /// rows, not the whole log again for each of the 14 months a dashboard asks for.
    rows: FastMap<Month, Vec<u32>>,
    /// (active users summed over the month's days, distinct users), by month asked for.
    active: std::sync::Mutex<FastMap<Month, (usize, usize)>>,
}

impl Months {
    pub fn of(d: &Dataset) -> Months {
        // Each half of a long log on its own core, the two months' sums added.
        let (mut sessions, second) = halves(&d.usage, |part| {
            let mut sessions: FastMap<Month, (Decimal, usize)> = FastMap::default();
            for u in part {
                if let Some(s) = u.seconds {
                    let e = sessions.entry(Month::of(u.at.date())).or_default();
                    e.0 += s;
                    e.1 += 1;
                }
            }
            sessions
        });
        for (m, (s, n)) in second {
            let e = sessions.entry(m).or_default();
            e.0 += s;
            e.1 += n;
        }
        let mut rows: FastMap<Month, Vec<u32>> = FastMap::default();
        for (k, u) in d.usage.iter().enumerate() {
            rows.entry(Month::of(u.at.date())).or_default().push(k as u32);
        }
        Months { any_seconds: !sessions.is_empty(), sessions, rows, active: Default::default() }
    }

    /// Month `b`'s (user-days, users): each user of the month with the days it was active as bits
    /// (one lookup a row); the sum of each day's distinct users is the sum of each user's days.
    fn active(&self, d: &Dataset, b: Month) -> (usize, usize) {
        if let Some(a) = self.active.lock().unwrap_or_else(|e| e.into_inner()).get(&b) {
            return *a;
        }
        let mut days: FastMap<&str, u32> = FastMap::default();
        for &k in self.rows.get(&b).map_or(&[][..], |r| &r[..]) {
            let u = &d.usage[k as usize];
            *days.entry(u.user_id.as_str()).or_default() |= 1 << u.at.date().day0();
        }
        let a = (days.values().map(|bits| bits.count_ones() as usize).sum(), days.len());
        self.active.lock().unwrap_or_else(|e| e.into_inner()).insert(b, a);
        a
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
        let (user_days, users) = m.active(d, b);
        let dau = Decimal::from(user_days) / Decimal::from(b.days());
        let mau = Decimal::from(users);
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
            .filter_map(|k| m.sessions.get(&k))
            .fold((Decimal::ZERO, 0usize), |(s, n), x| (s + x.0, n + x.1));
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
