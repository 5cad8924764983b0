//! Red flags: what a leader should look at first.
//!
//! - A KPI that moved against its good direction in the last month of P by more than two standard
//!   deviations of its monthly changes over the previous 12 months: with the changes c_1..c_n into
//!   months b-12..b-1 (each month's value as a one-month period, as the tiles' sparklines compute
//!   it; gaps left out, at least `MIN_CHANGES` of them), mean m and sample standard deviation s, the
//!   change c into month b is flagged when it is against the KPI's direction (a fall of a KPI whose
//!   rise is good news, a rise of one whose fall is) and beyond m by more than 2s that way.
//!   Neutral KPIs are never flagged.
//! - A CSM below the team median (worse than it, by the metric's direction) on a team metric of
//!   `CSM_METRICS` in each of the last two complete quarters (fiscal, per the setting) ending at or
//!   before the end of P.

use super::details;
use super::display;
use super::formulas;
use super::period::{self, Period, Preset};
use super::scorecard::{self, Scorecard};
use super::value::{Num, Unit};
use super::{KpiError, ReportRequest, Trend, View, KPI_IDS};
use crate::model::{Dataset, Month};
use crate::settings::Settings;
use rust_decimal::{Decimal, MathematicalOps};
use serde::Serialize;

/// How many standard deviations a month's change must lie beyond the usual one.
pub const SIGMAS: i64 = 2;
/// The months of changes a KPI's usual variation is taken from.
pub const HISTORY: usize = 12;
/// The fewest known changes a standard deviation is worked out from: fewer say nothing usual.
pub const MIN_CHANGES: usize = 6;
/// The team metrics a CSM is flagged on: the revenue outcomes a CSM owns. Activity counts are
/// left out: half of a team is below its median on them in any quarter.
pub const CSM_METRICS: &[&str] = &["mrr_expansion", "nrr", "customer_churn_rate"];

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Flag {
    Kpi(KpiFlag),
    Csm(CsmFlag),
}

/// A KPI's unusual move in the last month of the period.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KpiFlag {
    pub kpi: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::GoodWhen"))]
    pub good_when: &'static str,
    /// The last month of the period (`2024-03`).
    pub month: String,
    pub value: Num,
    pub previous: Num,
    pub change: Num,
    /// The mean and sample standard deviation of the monthly changes before, from `changes` of them.
    pub mean_change: Num,
    pub sd: Num,
    pub changes: usize,
    pub text: String,
}

/// A CSM worse than the team median on a metric two quarters running.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CsmFlag {
    pub csm: String,
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::ScorecardMetricId"))]
    pub metric: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::GoodWhen"))]
    pub good_when: &'static str,
    /// The two quarters, older first.
    pub quarters: Vec<QuarterScore>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct QuarterScore {
    /// `2024-Q1`, or `FY2025-Q1` with a fiscal year starting in another month.
    pub quarter: String,
    pub from: Month,
    pub to: Month,
    pub value: Num,
    pub median: Num,
}

/// The red flags of a view (its period and segment).
pub fn flags(
    data: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
) -> Result<Vec<Flag>, KpiError> {
    super::in_view(data, req, None, |v, p, _| {
        let currency =
            super::money::symbol(settings.currency_symbol.as_deref(), data.currency.as_deref());
        let months: Vec<Month> = Month::range(p.to.plus(-(HISTORY as i32) - 1), p.to).collect();
        let (series, units) = details::monthly(v, &months, settings);
        let mut out = kpi_flags(&series, &units, p.to, &currency);
        let fy = settings.fiscal_start();
        let last = Period::preset(Preset::LastQuarter, p.to, fy);
        let quarters = [last.previous(), last].map(|q| (q, quarter_scorecard(v, q, settings)));
        out.extend(csm_flags(&quarters, fy, &currency));
        out
    })
}

/// The scorecard of quarter `q` against the team's KPIs of that quarter.
fn quarter_scorecard(v: &View, q: Period, settings: &Settings) -> Scorecard {
    let work = || {
        let team = super::compute(v, q, settings).kpis;
        let book = v.book.filter(|_| period::outside_revenue(v.d, q).is_none());
        scorecard::of_period(v.d, book, q, &team)
    };
    match v.memo {
        Some(m) => m.scorecard(q, settings, work),
        None => work(),
    }
}

/// The KPI flags of month `b`, the last of each series in `series` (the months up to and including
/// `b`, oldest first), each KPI in its unit of `units`.
pub fn kpi_flags(
    series: &Trend,
    units: &[(&'static str, Unit)],
    b: Month,
    currency: &str,
) -> Vec<Flag> {
    let mut out = Vec::new();
    for id in KPI_IDS {
        let good = formulas::good_when(id);
        let Some(s) = series.get(id).filter(|_| good != "neutral") else { continue };
        let Some(unit) = units.iter().find(|u| u.0 == *id).map(|u| u.1) else { continue };
        let n = s.len();
        let (Some(cur), Some(prev)) =
            (s.last().copied().flatten(), n.checked_sub(2).and_then(|k| s[k]))
        else {
            continue;
        };
        let Some(change) = cur.0.checked_sub(prev.0) else { continue };
        // The changes into the HISTORY months before b.
        let past: Vec<Decimal> = (n.saturating_sub(HISTORY + 1).max(1)..n - 1)
            .filter_map(|k| s[k]?.0.checked_sub(s[k - 1]?.0))
            .collect();
        if past.len() < MIN_CHANGES {
            continue;
        }
        // Amounts too large to square say nothing usual either.
        let Some((mean, var)) = mean_variance(&past) else { continue };
        let against = if good == "down" {
            change > Decimal::ZERO && change > mean
        } else {
            change < Decimal::ZERO && change < mean
        };
        let sigmas = Decimal::from(SIGMAS * SIGMAS);
        // Compared squared, exactly: no square root rounding at the edge.
        let beyond = square(change.checked_sub(mean)).zip(sigmas.checked_mul(var));
        if !against || beyond.is_none_or(|(d, limit)| d <= limit) {
            continue;
        }
        let sd = var.sqrt().unwrap_or(Decimal::ZERO);
        let label = formulas::find(id).map(|f| f.0).unwrap_or(id);
        let amount = |v: Decimal| {
            display::change_text(v.abs(), unit, id, currency).trim_start_matches('+').to_string()
        };
        let n = past.len();
        let mean_text = display::change_text(mean, unit, id, currency);
        // Without any variation, "2 standard deviations" says nothing: say what it did instead.
        let usual = match (sd.is_zero(), mean.is_zero()) {
            (true, true) => format!("where it had not changed in any of the previous {n} months"),
            (true, false) => format!("where it had changed by {mean_text} in each of the previous {n} months"),
            _ => format!(
                "against a usual monthly change of {mean_text} (standard deviation {}) over the previous {n} months",
                amount(sd)
            ),
        };
        let text = format!(
            "{label} {} {} in {} (to {}), {usual}.",
            if change < Decimal::ZERO { "fell" } else { "rose" },
            amount(change),
            display::month_label(&b.to_string()),
            display::value_text(cur.0, unit, id, currency),
        );
        out.push(Flag::Kpi(KpiFlag {
            kpi: id,
            label,
            unit,
            good_when: good,
            month: b.to_string(),
            value: cur,
            previous: prev,
            change: Num(change),
            mean_change: Num(mean),
            sd: Num(sd),
            changes: past.len(),
            text,
        }));
    }
    out
}

fn square(x: Option<Decimal>) -> Option<Decimal> {
    x.and_then(|x| x.checked_mul(x))
}

/// The mean and the sample variance (over n - 1) of at least two values; None on overflow.
fn mean_variance(xs: &[Decimal]) -> Option<(Decimal, Decimal)> {
    let n = Decimal::from(xs.len());
    let sum = xs.iter().try_fold(Decimal::ZERO, |a, x| a.checked_add(*x))?;
    let mean = sum.checked_div(n)?;
    let squares =
        xs.iter().try_fold(Decimal::ZERO, |a, x| a.checked_add(square(x.checked_sub(mean))?))?;
    Some((mean, squares.checked_div(n - Decimal::ONE)?))
}

/// The CSM flags of two consecutive quarters' scorecards (older first).
pub fn csm_flags(quarters: &[(Period, Scorecard); 2], fy: u32, currency: &str) -> Vec<Flag> {
    let [(q1, a), (q2, b)] = quarters;
    let mut out = Vec::new();
    for csm in &b.csms {
        for id in CSM_METRICS {
            let Some(metric) = b.metric(id) else { continue };
            let down = metric.good_when == "down";
            let worse = |x: Decimal, median: Decimal| if down { x > median } else { x < median };
            let mut scores = Vec::new();
            for (q, sc) in [(q1, a), (q2, b)] {
                let Some(cell) = sc.cell(&csm.csm, id) else { break };
                let (Some(v), Some(m)) = (cell.value, cell.median) else { break };
                if !worse(v.0, m.0) {
                    break;
                }
                scores.push(QuarterScore {
                    quarter: period::quarter_name(q.from, fy),
                    from: q.from,
                    to: q.to,
                    value: v,
                    median: m,
                });
            }
            if scores.len() < 2 {
                continue;
            }
            let shown = |v: Num| display::value_text(v.0, metric.unit, id, currency);
            let each: Vec<String> = scores
                .iter()
                .map(|s| format!("{} {} vs {}", s.quarter, shown(s.value), shown(s.median)))
                .collect();
            let text = format!(
                "{}: {} {} the team median two quarters running ({}).",
                csm.csm,
                metric.label,
                if down { "above" } else { "below" },
                each.join("; "),
            );
            out.push(Flag::Csm(CsmFlag {
                csm: csm.csm.clone(),
                metric: id,
                label: metric.label,
                unit: metric.unit,
                good_when: metric.good_when,
                quarters: scores,
                text,
            }));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::scorecard::{Cell, CsmScore, Metric};
    use super::*;
    use std::collections::BTreeMap;

    fn m(y: i32, k: u32) -> Month {
        Month::new(y, k).unwrap()
    }

    fn pct(v: i64) -> Option<Num> {
        Some(Num(Decimal::new(v, 2)))
    }

    /// Twelve months of changes +1, -1, +1, ... point (values 100%, 101%, 100%, ... ending at 100%
    /// in February 2024): mean 0, sample variance 12 x 0.01^2 / 11 = 0.000109..., standard
    /// deviation 0.0104447 (1.04 points), so 2 sd = 2.09 points. NRR falls 3 points in March (to
    /// 97%): flagged. GRR, same history, falls 2 points: a near miss, not flagged. Logo churn (good
    /// when down) falls 3 points: good news, not flagged; MRR rises sharply: not flagged either.
    /// NPS has 5 known values only (21, 20, 19, 18, then -50 in March: 3 changes before March, sd 0):
    /// too few to say what is usual, not flagged whatever its fall.
    #[test]
    fn a_kpi_moving_against_its_direction_by_more_than_two_sd() {
        let wave = |last: i64| {
            let mut s: Vec<Option<Num>> = (0..13).map(|k| pct(100 + k % 2)).collect();
            s.push(pct(last));
            s
        };
        let mut series = Trend::new();
        series.insert("nrr", wave(97));
        series.insert("grr", wave(98));
        let churn: Vec<Option<Num>> = (0..13).map(|k| pct(10 + k % 2)).chain([pct(7)]).collect();
        series.insert("customer_churn_rate", churn);
        let mrr: Vec<Option<Num>> = (0..13).map(|k| pct(100 + k % 2)).chain([pct(900)]).collect();
        series.insert("mrr", mrr);
        let nps: Vec<Option<Num>> = (0..14)
            .map(|k| (k >= 9).then(|| Num(Decimal::from(if k == 13 { -50 } else { 30 - k }))))
            .collect();
        series.insert("nps", nps);
        let units = [
            ("nrr", Unit::Ratio),
            ("grr", Unit::Ratio),
            ("customer_churn_rate", Unit::Ratio),
            ("mrr", Unit::Money),
            ("nps", Unit::Score),
        ];
        let flags = kpi_flags(&series, &units, m(2024, 3), "$");
        assert_eq!(flags.len(), 1, "{flags:?}");
        let Flag::Kpi(f) = &flags[0] else { panic!("{flags:?}") };
        assert_eq!((f.kpi, f.month.as_str(), f.changes), ("nrr", "2024-03", 12));
        assert_eq!(
            (f.value, f.previous, f.change),
            (Num(Decimal::new(97, 2)), Num(Decimal::ONE), Num(Decimal::new(-3, 2)))
        );
        assert_eq!(f.mean_change, Num(Decimal::ZERO));
        assert_eq!(f.sd.0.round_dp(7), Decimal::new(104447, 7));
        assert_eq!(
            f.text,
            "Net revenue retention fell 3.0 pts in Mar 2024 (to 97.0%), against a usual monthly \
             change of ±0.0 pts (standard deviation 1.0 pts) over the previous 12 months."
        );
    }

    /// A count flat at 3 for 13 months, then 4: no variation at all, so any rise of a KPI whose
    /// fall is good news is beyond it; the text says what the history was rather than "± 0".
    #[test]
    fn a_first_move_after_a_flat_year() {
        let mut series = Trend::new();
        let flat: Vec<Option<Num>> =
            (0..14).map(|k| Some(Num(Decimal::from(if k == 13 { 4 } else { 3 })))).collect();
        series.insert("health_red", flat);
        let flags = kpi_flags(&series, &[("health_red", Unit::Count)], m(2024, 3), "$");
        let [Flag::Kpi(f)] = flags.as_slice() else { panic!("{flags:?}") };
        assert_eq!((f.change, f.sd), (Num(Decimal::ONE), Num(Decimal::ZERO)));
        assert_eq!(
            f.text,
            "Health: red rose 1 in Mar 2024 (to 4), where it had not changed in any of the \
             previous 12 months."
        );
    }

    /// One metric's column of a quarter's scorecard: the CSMs' values and their median.
    fn column(id: &'static str, values: &[(&str, i64)]) -> (Metric, Vec<(String, Cell)>) {
        let known: Vec<Option<Decimal>> =
            values.iter().map(|v| Some(Decimal::new(v.1, 2))).collect();
        let median = scorecard::median(&known).map(Num);
        let metric = Metric {
            id,
            label: formulas::find(id).unwrap().0,
            unit: Unit::Ratio,
            good_when: formulas::good_when(id),
            team: None,
            median,
            ranked: values.len(),
            reason: None,
            target_low: None,
            target_high: None,
        };
        let cells = values
            .iter()
            .map(|(c, v)| {
                (c.to_string(), Cell { value: pct(*v), median, rank: None, status: None })
            })
            .collect();
        (metric, cells)
    }

    fn card(columns: &[(&'static str, &[(&str, i64)])]) -> Scorecard {
        let mut sc = Scorecard::default();
        let mut by_csm: BTreeMap<String, BTreeMap<&'static str, Cell>> = BTreeMap::new();
        for (id, values) in columns {
            let (metric, cells) = column(id, values);
            sc.metrics.push(metric);
            for (c, cell) in cells {
                by_csm.entry(c).or_default().insert(id, cell);
            }
        }
        sc.csms = by_csm
            .into_iter()
            .map(|(csm, metrics)| CsmScore { csm, customers: 1, metrics })
            .collect();
        sc
    }

    /// NRR, Q1: Ann 90, Ben 100, Cat 102, Dan 110, Eve 120 -> median 102 (Cat); below: Ann, Ben.
    /// Q2: Ann 95, Ben 104, Cat 101, Dan 99, Eve 110 -> median 101 (Cat); below: Ann, Dan. Only Ann
    /// is below both quarters; Ben and Dan once each and Cat on the median are near misses.
    /// Logo churn (good when down), Q1: Ann 10, Ben 20, Cat 5 -> median 10; Q2: Ann 12, Ben 25,
    /// Cat 5 -> median 12: Ben is above both times (flagged); Ann on the median both times is not.
    #[test]
    fn a_csm_below_the_team_median_two_quarters_running() {
        let q1 = card(&[
            ("nrr", &[("Ann", 90), ("Ben", 100), ("Cat", 102), ("Dan", 110), ("Eve", 120)]),
            ("customer_churn_rate", &[("Ann", 10), ("Ben", 20), ("Cat", 5)]),
        ]);
        let q2 = card(&[
            ("nrr", &[("Ann", 95), ("Ben", 104), ("Cat", 101), ("Dan", 99), ("Eve", 110)]),
            ("customer_churn_rate", &[("Ann", 12), ("Ben", 25), ("Cat", 5)]),
        ]);
        let p1 = Period { from: m(2024, 1), to: m(2024, 3) };
        let p2 = Period { from: m(2024, 4), to: m(2024, 6) };
        let flags = csm_flags(&[(p1, q1), (p2, q2)], 1, "$");
        let who: Vec<(&str, &str)> = flags
            .iter()
            .map(|f| match f {
                Flag::Csm(c) => (c.csm.as_str(), c.metric),
                Flag::Kpi(_) => ("", ""),
            })
            .collect();
        assert_eq!(who, [("Ann", "nrr"), ("Ben", "customer_churn_rate")]);
        let Flag::Csm(ann) = &flags[0] else { unreachable!() };
        assert_eq!(
            ann.quarters
                .iter()
                .map(|q| (q.quarter.as_str(), q.value, q.median))
                .collect::<Vec<_>>(),
            [
                ("2024-Q1", Num(Decimal::new(90, 2)), Num(Decimal::new(102, 2))),
                ("2024-Q2", Num(Decimal::new(95, 2)), Num(Decimal::new(101, 2))),
            ]
        );
        assert_eq!(
            ann.text,
            "Ann: Net revenue retention below the team median two quarters running (2024-Q1 \
             90.0% vs 102.0%; 2024-Q2 95.0% vs 101.0%)."
        );
        let Flag::Csm(ben) = &flags[1] else { unreachable!() };
        assert!(ben.text.contains("above the team median"), "{}", ben.text);
    }
}
