//! The status of a value against a target, and the distance to it in the KPI's own unit: points for
//! a percentage or a score ("3.2 pts below 110%"), else the unit itself ("2.0 mo above 18 mo").

use super::{Direction, Origin, Status, Target};
use crate::kpi::display;
use crate::kpi::value::{Num, Unit};
use rust_decimal::Decimal;
use serde::ser::SerializeMap;
use serde::Serialize;

/// A KPI's target with the status of its value: what the report adds to a KPI that has one.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub low: Option<Decimal>,
    pub high: Option<Decimal>,
    pub direction: Direction,
    pub source: String,
    pub origin: Origin,
    pub note: Option<String>,
    pub segment: Option<(String, String)>,
    pub csm: Option<String>,
    /// None when the value is null (or a list of quarters).
    pub status: Option<Status>,
    /// "3.2 pts below 110%"; None when the status is.
    pub distance: Option<String>,
}

/// On track when the value is at least `low` and at most `high` (a value exactly on a bound is on
/// track); None without a bound.
pub fn status(value: Decimal, low: Option<Decimal>, high: Option<Decimal>) -> Option<Status> {
    if low.is_none() && high.is_none() {
        return None;
    }
    // Compared at 12 decimals: a bound copied from the JSON (16 significant digits) of a value
    // the engine holds to 28 is that value, on track, not "0.0000 pts above".
    let r = |d: Decimal| d.round_dp(12);
    let value = r(value);
    let ok = low.is_none_or(|l| value >= r(l)) && high.is_none_or(|h| value <= r(h));
    Some(if ok { Status::OnTrack } else { Status::OffTrack })
}

/// A bound as the app writes it, with the decimals it has (at most 2 of the written number):
/// `110%`, `18 mo`, `3×`, `$1,200`, `30`.
pub fn bound_text(b: Decimal, unit: Unit, id: &str, symbol: &str) -> String {
    let dp = display::exact_dp(b, unit, id).min(2);
    display::text(b, unit, id, dp, symbol)
}

/// Points for a percentage or a score, else the KPI's unit; one decimal (more when one would show
/// a nonzero gap as 0), money with the tiles' decimals.
fn gap_text(gap: Decimal, unit: Unit, id: &str, symbol: &str) -> String {
    let gap = gap.abs();
    let points = (unit == Unit::Ratio && display::scale(unit, id) == Decimal::ONE_HUNDRED)
        || unit == Unit::Score;
    let written = if points { gap * display::scale(unit, id) } else { gap };
    let mut dp = if points { 1 } else { display::shown_dp(gap, unit) };
    while dp < 4 && !gap.is_zero() && display::round(written, dp).is_zero() {
        dp += 1;
    }
    if points {
        format!("{} pts", display::text(written, Unit::Score, id, dp, symbol))
    } else {
        display::text(gap, unit, id, dp, symbol)
    }
}

/// Where the value stands against the bounds, in words: "3.2 pts below 110%", "4.0 mo below
/// 18 mo", "exactly 30", "within 30–70".
pub fn distance_text(
    value: Decimal,
    low: Option<Decimal>,
    high: Option<Decimal>,
    unit: Unit,
    id: &str,
    symbol: &str,
) -> Option<String> {
    let bound = |b| bound_text(b, unit, id, symbol);
    let against = |b: Decimal| {
        if value == b {
            format!("exactly {}", bound(b))
        } else if value < b {
            format!("{} below {}", gap_text(b - value, unit, id, symbol), bound(b))
        } else {
            format!("{} above {}", gap_text(value - b, unit, id, symbol), bound(b))
        }
    };
    Some(match (low, high) {
        (Some(l), Some(_)) if value < l => against(l),
        (Some(_), Some(h)) if value > h => against(h),
        (Some(l), Some(h)) => format!("within {}\u{2013}{}", bound(l), bound(h)),
        (Some(l), None) => against(l),
        (None, Some(h)) => against(h),
        (None, None) => return None,
    })
}

/// The assessment of a KPI's value (None when null or a list) against `t`.
pub fn assess(
    value: Option<Decimal>,
    unit: Unit,
    id: &str,
    t: &Target,
    origin: Origin,
    symbol: &str,
) -> Assessment {
    let status = value.and_then(|v| status(v, t.low, t.high));
    let distance = match (value, status) {
        (Some(v), Some(_)) => distance_text(v, t.low, t.high, unit, id, symbol),
        _ => None,
    };
    Assessment {
        low: t.low,
        high: t.high,
        direction: Direction::of(t.low, t.high),
        source: t.source.clone(),
        origin,
        note: t.note.clone(),
        segment: t.segment.clone(),
        csm: t.csm.clone(),
        status,
        distance,
    }
}

/// The `target` object of a KPI in JSON.
struct TargetJson<'a>(&'a Assessment);

impl Serialize for TargetJson<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let a = self.0;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("low", &a.low.map(Num))?;
        m.serialize_entry("high", &a.high.map(Num))?;
        m.serialize_entry("direction", &a.direction)?;
        m.serialize_entry("source", &a.source)?;
        m.serialize_entry("origin", &a.origin)?;
        if let Some(n) = &a.note {
            m.serialize_entry("note", n)?;
        }
        if let Some(seg) = &a.segment {
            m.serialize_entry("segment", seg)?;
        }
        if let Some(c) = &a.csm {
            m.serialize_entry("csm", c)?;
        }
        m.end()
    }
}

impl Assessment {
    /// `"target"`, `"status"` and `"target_distance"` into a KPI's JSON map.
    pub fn write_fields<M: SerializeMap>(&self, m: &mut M) -> Result<(), M::Error> {
        m.serialize_entry("target", &TargetJson(self))?;
        m.serialize_entry("status", &self.status)?;
        m.serialize_entry("target_distance", &self.distance)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bound_copied_from_the_json_is_the_value() {
        // GRR 14/15 as the engine holds it, and as the JSON prints it.
        let v = Decimal::from(14) / Decimal::from(15);
        let printed: Decimal = "0.9333333333333333".parse().unwrap();
        assert_eq!(status(v, None, Some(printed)), Some(super::super::Status::OnTrack));
        assert_eq!(status(v, Some(printed), None), Some(super::super::Status::OnTrack));
        let below: Decimal = "0.9333".parse().unwrap();
        assert_eq!(status(v, None, Some(below)), Some(super::super::Status::OffTrack));
    }

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }
    fn some(s: &str) -> Option<Decimal> {
        Some(d(s))
    }

    #[test]
    fn statuses_at_the_edges() {
        use Status::*;
        // At least 1.0 (NRR 100%): exactly on the bound is on track, a hair below is not.
        assert_eq!(status(d("1"), some("1.0"), None), Some(OnTrack));
        assert_eq!(status(d("0.9999"), some("1"), None), Some(OffTrack));
        assert_eq!(status(d("1.068"), some("1"), None), Some(OnTrack));
        // At most 18 months (CAC payback): 18 on track, 18.01 off, 4 on.
        assert_eq!(status(d("18"), None, some("18")), Some(OnTrack));
        assert_eq!(status(d("18.01"), None, some("18")), Some(OffTrack));
        assert_eq!(status(d("4"), None, some("18")), Some(OnTrack));
        // Band 30-70 (NPS): both edges and the inside on track, either side outside off.
        assert_eq!(status(d("30"), some("30"), some("70")), Some(OnTrack));
        assert_eq!(status(d("70"), some("30"), some("70")), Some(OnTrack));
        assert_eq!(status(d("50"), some("30"), some("70")), Some(OnTrack));
        assert_eq!(status(d("29.9"), some("30"), some("70")), Some(OffTrack));
        assert_eq!(status(d("70.1"), some("30"), some("70")), Some(OffTrack));
        // No bound: no status.
        assert_eq!(status(d("5"), None, None), None);
    }

    #[test]
    fn distances_in_the_kpis_own_unit() {
        let r = Unit::Ratio;
        // NRR 1.068 against at least 1.10: 110 - 106.8 = 3.2 percentage points below.
        assert_eq!(
            distance_text(d("1.068"), some("1.10"), None, r, "nrr", "$").as_deref(),
            Some("3.2 pts below 110%")
        );
        // 1.0996 is 0.04 pts below 110%: one decimal would say 0.0, so two are used.
        assert_eq!(
            distance_text(d("1.0996"), some("1.1"), None, r, "nrr", "$").as_deref(),
            Some("0.04 pts below 110%")
        );
        // License utilization 0.85 against at least 0.8: 5.0 pts above 80%.
        assert_eq!(
            distance_text(d("0.85"), some("0.8"), None, r, "license_utilization", "$").as_deref(),
            Some("5.0 pts above 80%")
        );
        // NPS 25 against the band 30-70: 5.0 points below 30; 75 is 5.0 above 70; 31.25 inside.
        let s = Unit::Score;
        assert_eq!(
            distance_text(d("25"), some("30"), some("70"), s, "nps", "$").as_deref(),
            Some("5.0 pts below 30")
        );
        assert_eq!(
            distance_text(d("75"), some("30"), some("70"), s, "nps", "$").as_deref(),
            Some("5.0 pts above 70")
        );
        assert_eq!(
            distance_text(d("31.25"), some("30"), some("70"), s, "nps", "$").as_deref(),
            Some("within 30\u{2013}70")
        );
        // CAC payback 20 months against at most 18: 2.0 mo above 18 mo; exactly 18 says so.
        let m = Unit::Months;
        assert_eq!(
            distance_text(d("20"), None, some("18"), m, "cac_payback_months", "$").as_deref(),
            Some("2.0 mo above 18 mo")
        );
        assert_eq!(
            distance_text(d("18"), None, some("18"), m, "cac_payback_months", "$").as_deref(),
            Some("exactly 18 mo")
        );
        // LTV:CAC is a multiple: 2.5 against at least 3 is 0.5× below 3×.
        assert_eq!(
            distance_text(d("2.5"), some("3"), None, r, "ltv_to_cac", "$").as_deref(),
            Some("0.5× below 3×")
        );
        // Money in its unit with the tiles' decimals: ARPA 950 vs at least 1,000 = $50.00 below.
        assert_eq!(
            distance_text(d("950"), some("1000"), None, Unit::Money, "arpa", "€").as_deref(),
            Some("€50.00 below €1,000")
        );
        // A count: 12 churned customers against at most 10 = 2 above 10.
        assert_eq!(
            distance_text(d("12"), None, some("10"), Unit::Count, "customers_churned", "$")
                .as_deref(),
            Some("2 above 10")
        );
    }

    #[test]
    fn a_null_value_has_no_status() {
        let t =
            Target { kpi: "nps".into(), low: some("30"), high: some("70"), ..Default::default() };
        let a = assess(None, Unit::Score, "nps", &t, Origin::Default, "$");
        assert_eq!((a.status, a.distance, a.direction), (None, None, Direction::Band));
        let a = assess(Some(d("80")), Unit::Score, "nps", &t, Origin::Default, "$");
        assert_eq!(a.status, Some(Status::OffTrack));
        assert_eq!(a.distance.as_deref(), Some("10.0 pts above 70"));
    }
}
