//! A KPI value as reported: a number (exact `Decimal`), a list of quarters, or null with a reason,
//! plus informative fields (n, group counts, medians). JSON numbers are written from the Decimal at
//! full precision (f64 only at this boundary, which keeps 15-17 significant digits).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
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
    Quarters(Vec<(String, Decimal)>),
    Null(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Kpi {
    pub value: Value,
    pub unit: Unit,
    /// Informative fields beside the value, in order.
    pub extra: Vec<(&'static str, Decimal)>,
}

impl Kpi {
    pub fn num(value: Decimal, unit: Unit) -> Kpi {
        Kpi { value: Value::Number(value), unit, extra: Vec::new() }
    }
    pub fn null(unit: Unit, reason: impl Into<String>) -> Kpi {
        Kpi { value: Value::Null(reason.into()), unit, extra: Vec::new() }
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

#[derive(Serialize)]
struct Quarter<'a> {
    quarter: &'a str,
    value: Num,
}

impl Serialize for Kpi {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        match &self.value {
            Value::Number(d) => m.serialize_entry("value", &Num(*d))?,
            Value::Quarters(q) => {
                let list: Vec<Quarter> =
                    q.iter().map(|(k, v)| Quarter { quarter: k, value: Num(*v) }).collect();
                m.serialize_entry("value", &list)?
            }
            Value::Null(_) => m.serialize_entry("value", &None::<f64>)?,
        }
        m.serialize_entry("unit", &self.unit)?;
        if let Value::Null(r) = &self.value {
            m.serialize_entry("reason", r)?;
        }
        for (k, v) in &self.extra {
            m.serialize_entry(k, &Num(*v))?;
        }
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
    let median = if xs.len() % 2 == 0 { (xs[mid - 1] + xs[mid]) / Decimal::TWO } else { xs[mid] };
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
