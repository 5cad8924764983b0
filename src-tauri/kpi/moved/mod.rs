//! What moved: why a KPI changed between the period and the one before it (or any earlier period
//! the caller names), by MRR movement, by group of a customer attribute (rate and mix effects) and
//! by account, with plain sentences built from those numbers. Values are the report's own.

pub mod decompose;
pub mod measure;
pub mod sentences;

use super::period::Period;
use super::revenue::Book;
use super::value::{Num, Unit};
use super::{KpiError, PeriodOut, ReportRequest};
use crate::model::Dataset;
use crate::settings::Settings;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

fn ser_num<S: Serializer>(v: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    Num(*v).serialize(s)
}

fn ser_opt<S: Serializer>(v: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    v.map(Num).serialize(s)
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MovementEffect {
    /// new, reactivation, expansion, contraction or churn.
    pub movement: &'static str,
    /// Its part of the change, in the KPI's unit (a ratio for NRR: 0.01 is 1 pt).
    #[serde(serialize_with = "ser_num")]
    #[cfg_attr(feature = "ts", ts(as = "f64"))]
    pub effect: Decimal,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GroupEffect {
    /// The attribute's value ("(none)": customers without one, or answers with no customer).
    pub group: String,
    #[serde(serialize_with = "ser_num")]
    #[cfg_attr(feature = "ts", ts(as = "f64"))]
    pub rate_effect: Decimal,
    #[serde(serialize_with = "ser_num")]
    #[cfg_attr(feature = "ts", ts(as = "f64"))]
    pub mix_effect: Decimal,
    /// The group's own value in each period (for a rate, the overall value where it had no weight).
    #[serde(serialize_with = "ser_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub before: Option<Decimal>,
    #[serde(serialize_with = "ser_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub after: Option<Decimal>,
    /// Its share of the rate's denominator (null for a sum such as MRR).
    #[serde(serialize_with = "ser_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub weight_before: Option<Decimal>,
    #[serde(serialize_with = "ser_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub weight_after: Option<Decimal>,
    /// The group had no weight (no starting MRR, no responses...) in that period: `before` (or
    /// `after`) is the overall value, put in so that the parts add up, not the group's own.
    pub before_imputed: bool,
    pub after_imputed: bool,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AccountEffect {
    pub customer_id: String,
    pub name: Option<String>,
    #[serde(serialize_with = "ser_num")]
    #[cfg_attr(feature = "ts", ts(as = "f64"))]
    pub effect: Decimal,
}

/// The rows a number of a sentence stands for: the explanation of `kpi` over `from..to` (within
/// `segment`), with the row of `customer` marked.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "MovedLink"))]
pub struct Link {
    pub kpi: String,
    pub from: String,
    pub to: String,
    pub segment: Option<(String, String)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub customer: Option<String>,
}

/// A piece of a sentence: text, or a number with the rows behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "MovedPart"))]
pub struct Part {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub link: Option<Link>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WhatMoved {
    pub kpi: String,
    /// The short name the sentences use ("NRR", "Logo churn").
    pub label: String,
    pub unit: Unit,
    /// The period compared against (by default the one of the same length just before).
    pub before_period: PeriodOut,
    /// The period explained (cut at the end of the revenue data, as the report's).
    pub period: PeriodOut,
    /// The attribute of `by_group` (null: no group split asked for).
    pub by: Option<String>,
    #[serde(serialize_with = "ser_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub before: Option<Decimal>,
    #[serde(serialize_with = "ser_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub after: Option<Decimal>,
    #[serde(serialize_with = "ser_opt")]
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub change: Option<Decimal>,
    /// Why there is no change although `after` is known (the report's rule: the earlier value is
    /// unknown, or one of the two covers only part of its period).
    pub change_reason: Option<String>,
    pub by_movement: Vec<MovementEffect>,
    pub by_group: Vec<GroupEffect>,
    /// The ten accounts with the largest effect, largest first.
    pub accounts: Vec<AccountEffect>,
    /// The ten accounts, of all of them, that moved the KPI most the way it went, largest first
    /// (those the sentences name: the largest effects may all go the other way).
    pub drivers: Vec<AccountEffect>,
    pub sentences: Vec<String>,
    /// The same sentences in parts, each number with the rows it opens.
    pub sentence_parts: Vec<Vec<Part>>,
}

/// What moved between the previous period of the same length and the request's period.
pub fn what_moved(
    d: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
    kpi: &str,
    by: Option<&str>,
) -> Result<WhatMoved, KpiError> {
    what_moved_between(d, req, Against::Previous, settings, kpi, by)
}

/// The period a change is measured from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Against {
    /// The period of the same length just before (every KPI's `previous`).
    #[default]
    Previous,
    /// The same months a year earlier (seasonal businesses compare with last year).
    YearEarlier,
    /// Any months the user picks.
    Months(Period),
}

impl Against {
    fn period(self, p: Period) -> Period {
        match self {
            Against::Previous => p.previous(),
            Against::YearEarlier => Period { from: p.from.plus(-12), to: p.to.plus(-12) },
            Against::Months(b) => b,
        }
    }
}

/// What moved between the period `against` names and the request's period, for one of `measure::KPIS`, the groups by attribute `by`.
pub fn what_moved_between(
    d: &Dataset,
    req: &ReportRequest,
    against: Against,
    settings: &Settings,
    kpi: &str,
    by: Option<&str>,
) -> Result<WhatMoved, KpiError> {
    let ids = || measure::KPIS.iter().map(|k| k.0.to_string()).collect::<Vec<_>>();
    let label = measure::KPIS
        .iter()
        .find(|k| k.0 == kpi)
        .map(|k| k.1)
        .ok_or_else(|| KpiError::NotExplained { id: kpi.to_string(), valid: ids() })?;
    if let Some(key) = by {
        let valid = super::breakdown::keys(d);
        if !valid.iter().any(|k| k == key) {
            return Err(KpiError::UnknownAttribute { key: key.to_string(), valid });
        }
    }
    if let Against::Months(b) = against {
        if b.from > b.to {
            return Err(KpiError::BadPeriod { from: b.from, to: b.to });
        }
    }
    super::in_view(d, req, None, |v, p, note| {
        let bp = against.period(p);
        let (cur, prev) = std::thread::scope(|s| {
            let prev = s.spawn(|| super::compute(v, bp, settings));
            let cur = super::compute(v, p, settings);
            (cur, prev.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        });
        let find =
            |c: &super::Computed| c.kpis.iter().find(|(k, _)| *k == kpi).map(|x| x.1.clone());
        let (ka, kb) = (find(&cur), find(&prev));
        let unit = ka.as_ref().map(|k| k.unit).unwrap_or(Unit::Ratio);
        // Before and the change by the rule of every KPI's `previous` (kpi::compared): a partial
        // value on either side is not compared.
        let cmp = ka.as_ref().zip(kb.as_ref()).and_then(|(a, b)| super::compared(a, b));
        let change_reason = cmp.as_ref().and_then(|c| no_change_clause(c, (bp, p)));
        let out_of =
            |q: Period| PeriodOut { from: q.from.to_string(), to: q.to.to_string(), note: None };
        let mut w = WhatMoved {
            kpi: kpi.to_string(),
            label: label.to_string(),
            unit,
            before_period: out_of(bp),
            period: PeriodOut { note, ..out_of(p) },
            by: by.map(str::to_string),
            before: cmp.as_ref().and_then(|c| c.previous()),
            after: ka.as_ref().and_then(|k| k.number()),
            change: cmp.as_ref().and_then(|c| c.change()),
            change_reason,
            by_movement: Vec::new(),
            by_group: Vec::new(),
            accounts: Vec::new(),
            drivers: Vec::new(),
            sentences: Vec::new(),
            sentence_parts: Vec::new(),
        };
        let split = match w.change {
            Some(_) => split(v.d, v.book, (bp, p), settings, &mut w),
            None => Ok(()),
        };
        let ctx = sentences::Ctx {
            d: v.d,
            currency: super::money::symbol(
                settings.currency_symbol.as_deref(),
                d.currency.as_deref(),
            ),
            segment: req.segment.clone(),
            periods: (bp, p),
            after_reason: ka.as_ref().and_then(|k| k.reason().map(str::to_string)),
            unsplit: split.err(),
        };
        w.sentence_parts = sentences::build(&w, &ctx);
        w.sentences =
            w.sentence_parts.iter().map(|s| s.iter().map(|p| p.text.as_str()).collect()).collect();
        w
    })
}

/// Why a known value has no change, said after "but": the earlier value is unknown or partial,
/// or this one is partial (the reasons of the report's `previous_reason` and `change_reason`).
fn no_change_clause(c: &super::Compared, (bp, ap): (Period, Period)) -> Option<String> {
    let label = |q: Period| super::display::period_label(&q.from.to_string(), &q.to.to_string());
    match c {
        super::Compared::Change { .. } => None,
        super::Compared::PreviousUnknown(why) => {
            Some(format!("has no value in {} ({why})", label(bp)))
        }
        super::Compared::PreviousPartial(note) => {
            Some(format!("its value in {} is partial: that period {}", label(bp), note.short))
        }
        super::Compared::CurrentPartial { note, .. } => {
            Some(format!("its value in {} is partial ({})", label(ap), note.text))
        }
    }
}

/// The number of accounts listed.
const TOP_ACCOUNTS: usize = 10;

/// Fills the three splits; Err(why) when the data cannot be split (revenue from a company summary).
fn split(
    d: &Dataset,
    book: Option<&Book>,
    (bp, ap): (Period, Period),
    settings: &Settings,
    w: &mut WhatMoved,
) -> Result<(), String> {
    let (Some(vb), Some(va), Some(change)) = (w.before, w.after, w.change) else { return Ok(()) };
    let id = w.kpi.as_str();
    let book = match book {
        Some(b) => Some(b),
        None if measure::is_revenue(id) => {
            return Err("the revenue data has no customer rows (a company summary)".into())
        }
        None => None,
    };
    let side = |q: Period| match book {
        Some(b) if measure::is_revenue(id) => {
            // A period wholly outside the revenue data has no revenue (the report says so too).
            measure::revenue_side(b, id, q)
        }
        _ => measure::survey_side(d, id, q, settings.csat_scale.unwrap_or(5)),
    };
    let (before, after) = (side(bp), side(ap));
    let shape = measure::shape(id);
    w.by_movement = decompose::by_movement(id, book, (&before, &after), (bp, ap), change)
        .into_iter()
        .map(|(m, effect)| MovementEffect { movement: m.name(), effect })
        .collect();
    if let Some(key) = w.by.clone() {
        let idx = d.customer_index();
        let group_of = |c: Option<&str>| {
            c.and_then(|c| idx.get(c))
                .and_then(|c| super::segment::attribute(c, &key))
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .unwrap_or_else(|| NONE.to_string())
        };
        w.by_group = decompose::by_group(shape, (&before, &after), (vb, va), &group_of)
            .into_iter()
            .map(|g| GroupEffect {
                group: g.group,
                rate_effect: g.rate_effect,
                mix_effect: g.mix_effect,
                before: g.before,
                after: g.after,
                weight_before: g.weight_before,
                weight_after: g.weight_after,
                before_imputed: g.before_imputed,
                after_imputed: g.after_imputed,
            })
            .collect();
    }
    let idx = d.customer_index();
    let effect = |(id, effect): &(String, Decimal)| AccountEffect {
        name: idx.get(id.as_str()).and_then(|c| c.name.clone()),
        customer_id: id.clone(),
        effect: *effect,
    };
    let all = decompose::by_account(shape, &before, &after);
    w.accounts = all.iter().take(TOP_ACCOUNTS).map(effect).collect();
    let same_way = |e: Decimal| (e > Decimal::ZERO) == (change > Decimal::ZERO) && !e.is_zero();
    w.drivers = all.iter().filter(|a| same_way(a.1)).take(TOP_ACCOUNTS).map(effect).collect();
    Ok(())
}

/// The group of the customers with no value for the attribute.
pub const NONE: &str = "(none)";
