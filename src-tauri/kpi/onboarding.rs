//! Onboarding and team activity: time to first value, onboarding rating, engagement and advocacy.

use super::period::Period;
use super::value::{mean_median, Kpi, Unit};
use crate::model::{ActivityClass, Customer, Dataset};
use rust_decimal::Decimal;

/// Time to first value over customers whose first value date is in P: (mean, median, n) in days.
pub fn ttfv<'a>(
    customers: impl Iterator<Item = &'a Customer>,
    p: Period,
) -> Option<(Decimal, Decimal, usize)> {
    let days: Vec<Decimal> = customers
        .filter_map(|c| match (c.onboarding_start, c.first_value_date) {
            (Some(s), Some(f)) if p.contains_date(f) => Some(Decimal::from((f - s).num_days())),
            _ => None,
        })
        .collect();
    let n = days.len();
    mean_median(days).map(|(mean, median)| (mean, median, n))
}

/// Mean onboarding rating of customers whose onboarding started in P.
pub fn rating_mean<'a>(
    customers: impl Iterator<Item = &'a Customer>,
    p: Period,
) -> Option<Decimal> {
    rating(customers, p).map(|r| r.0)
}

fn rating<'a>(
    customers: impl Iterator<Item = &'a Customer>,
    p: Period,
) -> Option<(Decimal, usize)> {
    let r: Vec<Decimal> = customers
        .filter(|c| c.onboarding_start.is_some_and(|s| p.contains_date(s)))
        .filter_map(|c| c.onboarding_rating)
        .collect();
    let n = r.len();
    mean_median(r).map(|(mean, _)| (mean, n))
}

pub fn kpis(d: &Dataset, p: Period, out: &mut Vec<(&'static str, Kpi)>) {
    let end = p.to.last_day();
    let has = |f: fn(&crate::model::Customer) -> bool| d.customers.iter().any(f);
    let ttfv = if !has(|c| c.onboarding_start.is_some()) || !has(|c| c.first_value_date.is_some()) {
        Kpi::null(
            Unit::Days,
            "needs table customers with columns onboarding_start and first_value_date",
        )
    } else {
        let still = d
            .customers
            .iter()
            .filter(|c| {
                c.onboarding_start.is_some_and(|s| s <= end)
                    && c.first_value_date.is_none_or(|f| f > end)
            })
            .count();
        match ttfv(d.customers.iter(), p) {
            Some((mean, median, n)) => Kpi::num(mean, Unit::Days)
                .with("n", n as u64)
                .with("median", median)
                .with("still_onboarding", still as u64),
            None => Kpi::null(Unit::Days, "no customer reached first value in period"),
        }
    };
    out.push(("ttfv_days", ttfv));
    let rating = if !has(|c| c.onboarding_rating.is_some()) {
        Kpi::null(Unit::Score, "needs table customers with column onboarding_rating")
    } else {
        match rating(d.customers.iter(), p) {
            Some((mean, n)) => Kpi::num(mean, Unit::Score).with("n", n as u64),
            None => Kpi::null(Unit::Score, "no rated onboarding started in period"),
        }
    };
    out.push(("onboarding_rating", rating));
    if !d.has_activities {
        out.push(("engagement_activities", Kpi::null(Unit::Count, "needs table activities")));
        out.push(("advocacy_activities", Kpi::null(Unit::Count, "needs table activities")));
        return;
    }
    let count =
        |class| d.activities.iter().filter(|a| a.class == class && p.contains_date(a.date)).count();
    out.push((
        "engagement_activities",
        Kpi::num(Decimal::from(count(ActivityClass::Engagement)), Unit::Count),
    ));
    out.push((
        "advocacy_activities",
        Kpi::num(Decimal::from(count(ActivityClass::Advocacy)), Unit::Count)
            .with("other", count(ActivityClass::Other) as u64),
    ));
}
