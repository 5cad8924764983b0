//! A KPI value as reported: a number (exact `Decimal`), a list of quarters, or null with a reason,
//! plus informative fields (n, group counts, medians). JSON numbers are written from the Decimal at
//! full precision (f64 only at this boundary, which keeps 15-17 significant digits).

use crate::model::Month;
use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    Ratio,
    Score,
    Money,
    Count,
    Days,
    Hours,
    Months,
    Minutes,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Number(Decimal),
    Quarters(Vec<Quarter>),
    Null(String),
}

/// One quarter of `quarterly_expansion_revenue`: its sum over the quarter's months that lie inside
/// both the period and the revenue data (`months` of them, `first` to `last`).
#[derive(Debug, Clone, PartialEq)]
pub struct Quarter {
    /// `2024-Q1`
    pub quarter: String,
    pub value: Decimal,
    pub months: u32,
    pub first: Month,
    pub last: Month,
}

impl Quarter {
    /// Only some of the quarter's months are inside the period and the data.
    pub fn partial(&self) -> bool {
        self.months < 3
    }
}

/// Why a value covers only part of its period: the data it reads starts or ends inside it.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    /// Said of the period itself: "usage data covers 2024-01 to 2024-10 of this period".
    pub text: String,
    /// Said of another period, after "the previous period 2023-01 .. 2023-12 ": "has usage data
    /// for 2023-06 to 2023-12 only".
    pub short: String,
}

impl Note {
    /// Both notes, when a value has two reasons to be partial.
    pub fn and(self, other: Note) -> Note {
        if self == other {
            return self;
        }
        Note {
            text: format!("{}; {}", self.text, other.text),
            short: format!("{}; it {}", self.short, other.short),
        }
    }
}

/// Every name of `Kpi::extra` (the UI's `Kpi` type lists each: `tests/bindings.rs`).
pub const EXTRAS: &[&str] = &[
    "n",
    "median",
    "spend",
    "top",
    "other",
    "promoters",
    "passives",
    "detractors",
    "still_onboarding",
    "new_customer_arpa",
    "average_purchase_value",
    "purchase_frequency_per_year",
    "average_lifespan_years",
    "previous",
    "change",
];

#[derive(Debug, Clone, PartialEq)]
pub struct Kpi {
    pub value: Value,
    pub unit: Unit,
    /// Informative fields beside the value, in order.
    pub extra: Vec<(&'static str, Decimal)>,
    /// Set when the value covers only part of the period (`"note"` in JSON).
    pub note: Option<Note>,
    /// Why the value has no `change`: the previous period's value is unknown or covers only part of
    /// it (then `"previous": null` and `"previous_reason"`), or this period's does (then
    /// `"change_reason"`, beside the known `previous`).
    pub no_change: Option<NoChange>,
    /// The currency of a money value (exports.md §9), when the data names one.
    pub currency: Option<String>,
    /// The KPI's target and the status of its value (`crate::targets`), when it has one.
    pub target: Option<Box<crate::targets::Assessment>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum NoChange {
    Previous(String),
    Current(String),
}

impl Kpi {
    pub fn num(value: Decimal, unit: Unit) -> Kpi {
        Kpi {
            value: Value::Number(value),
            unit,
            extra: Vec::new(),
            note: None,
            no_change: None,
            currency: None,
            target: None,
        }
    }
    pub fn null(unit: Unit, reason: impl Into<String>) -> Kpi {
        Kpi {
            value: Value::Null(reason.into()),
            unit,
            extra: Vec::new(),
            note: None,
            no_change: None,
            currency: None,
            target: None,
        }
    }
    pub fn quarters(list: Vec<Quarter>, unit: Unit) -> Kpi {
        Kpi {
            value: Value::Quarters(list),
            unit,
            extra: Vec::new(),
            note: None,
            no_change: None,
            currency: None,
            target: None,
        }
    }
    /// Adds a note (beside any it has).
    pub fn noted(&mut self, note: Note) {
        self.note = Some(match self.note.take() {
            Some(n) => n.and(note),
            None => note,
        });
    }
    /// Has a value (a number or a list).
    pub fn is_known(&self) -> bool {
        !matches!(self.value, Value::Null(_))
    }
    /// From a computation that may fail with a reason.
    pub fn from(result: Result<Decimal, String>, unit: Unit) -> Kpi {
        match result {
            Ok(v) => Kpi::num(v, unit),
            Err(r) => Kpi::null(unit, r),
        }
    }
    pub fn with(mut self, key: &'static str, v: impl Into<Decimal>) -> Kpi {
        self.extra.push((key, v.into()));
        self
    }
    pub fn number(&self) -> Option<Decimal> {
        match &self.value {
            Value::Number(d) => Some(*d),
            _ => None,
        }
    }
    pub fn reason(&self) -> Option<&str> {
        match &self.value {
            Value::Null(r) => Some(r),
            _ => None,
        }
    }
}

/// A JSON number from a Decimal: an integer when whole, else the nearest f64.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Num(pub Decimal);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0.fract().is_zero() {
            if let Some(i) = self.0.to_i64() {
                return s.serialize_i64(i);
            }
        }
        s.serialize_f64(to_f64(self.0))
    }
}

/// The f64 nearest to a Decimal (through its text: `Decimal::to_f64` can be an ulp off).
pub fn to_f64(d: Decimal) -> f64 {
    d.to_string().parse().unwrap_or_else(|_| d.to_f64().unwrap_or(f64::NAN))
}

impl Serialize for Quarter {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("quarter", &self.quarter)?;
        m.serialize_entry("value", &Num(self.value))?;
        if self.partial() {
            m.serialize_entry("partial", &true)?;
            m.serialize_entry("months", &self.months)?;
            m.serialize_entry("from", &self.first)?;
            m.serialize_entry("to", &self.last)?;
        }
        m.end()
    }
}

impl Kpi {
    /// The KPI's fields into a JSON map (`good_when` is added by the caller that knows the id).
    pub(crate) fn write_fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        match &self.value {
            Value::Number(d) => m.serialize_entry("value", &Num(*d))?,
            Value::Quarters(q) => m.serialize_entry("value", q)?,
            Value::Null(_) => m.serialize_entry("value", &None::<f64>)?,
        }
        m.serialize_entry("unit", &self.unit)?;
        if let Some(c) = &self.currency {
            m.serialize_entry("currency", c)?;
        }
        if let Value::Null(r) = &self.value {
            m.serialize_entry("reason", r)?;
        }
        for (k, v) in &self.extra {
            // A new name needs its field in the UI's type (bindings/shapes.rs) first.
            debug_assert!(EXTRAS.contains(k), "{k} is not in kpi::value::EXTRAS");
            m.serialize_entry(k, &Num(*v))?;
        }
        match &self.no_change {
            Some(NoChange::Previous(r)) => {
                m.serialize_entry("previous", &None::<f64>)?;
                m.serialize_entry("previous_reason", r)?;
            }
            Some(NoChange::Current(r)) => m.serialize_entry("change_reason", r)?,
            None => {}
        }
        if let Some(n) = &self.note {
            m.serialize_entry("note", &n.text)?;
        }
        if let Some(t) = &self.target {
            t.write_fields(m)?;
        }
        Ok(())
    }
}

impl Serialize for Kpi {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        self.write_fields(&mut m)?;
        m.end()
    }
}

/// `a / b`, or Err(reason) when b is zero.
pub fn ratio(a: Decimal, b: Decimal, reason: &str) -> Result<Decimal, String> {
    if b.is_zero() {
        Err(reason.to_string())
    } else {
        a.checked_div(b).ok_or_else(|| "number out of range".to_string())
    }
}

/// Mean and median of a list (None when empty).
pub fn mean_median(mut xs: Vec<Decimal>) -> Option<(Decimal, Decimal)> {
    if xs.is_empty() {
        return None;
    }
    let n = Decimal::from(xs.len());
    let mean = xs.iter().copied().sum::<Decimal>() / n;
    xs.sort();
    let mid = xs.len() / 2;
    let median =
        if xs.len().is_multiple_of(2) { (xs[mid - 1] + xs[mid]) / Decimal::TWO } else { xs[mid] };
    Some((mean, median))
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn json_shape() {
        let k = Kpi::num(Decimal::new(12345, 2), Unit::Money).with("n", 3);
        assert_eq!(serde_json::to_string(&k).unwrap(), r#"{"value":123.45,"unit":"money","n":3}"#);
        let k = Kpi::null(Unit::Ratio, "needs table surveys");
        assert_eq!(
            serde_json::to_string(&k).unwrap(),
            r#"{"value":null,"unit":"ratio","reason":"needs table surveys"}"#
        );
        let (mean, median) =
            mean_median(vec![Decimal::ONE, Decimal::from(5), Decimal::TWO, Decimal::from(4)])
                .unwrap();
        assert_eq!((mean, median), (Decimal::from(3), Decimal::from(3)));
    }
}
