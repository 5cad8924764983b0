//! The targets every KPI starts with (issue 17), each with its source shown beside it. Every other
//! KPI starts with no target.

use super::Target;
use rust_decimal::Decimal;

/// A bound as (mantissa, scale): `(8, 1)` is 0.8.
type Bound = Option<(i64, u32)>;

/// (KPI, low, high, source); bounds in the KPI's own scale (a ratio 1.0 is 100%).
const DEFAULTS: &[(&str, Bound, Bound, &str)] = &[
    ("nps", Some((30, 0)), Some((70, 0)), "scores between 30 and 70 are considered desirable"),
    ("nrr", Some((1, 0)), None, "growing from the existing base without new customers"),
    ("ltv_to_cac", Some((3, 0)), None, "an LTV of at least 3 times CAC is healthy"),
    ("cac_payback_months", None, Some((18, 0)), "CAC earned back within 18 months"),
    ("license_utilization", Some((8, 1)), None, "as close to 100% as possible"),
];

/// The default targets, in the order of the report.
pub fn defaults() -> Vec<Target> {
    let dec = |b: Bound| b.map(|(n, scale)| Decimal::new(n, scale));
    let mut out: Vec<Target> = DEFAULTS
        .iter()
        .map(|(kpi, low, high, source)| Target {
            kpi: kpi.to_string(),
            low: dec(*low),
            high: dec(*high),
            note: None,
            source: source.to_string(),
            segment: None,
            csm: None,
        })
        .collect();
    let order = |id: &str| crate::kpi::KPI_IDS.iter().position(|k| *k == id);
    out.sort_by_key(|t| order(&t.kpi));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_five_defaults_of_the_issue() {
        let list = defaults();
        super::super::validate_all(&list).unwrap();
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        let by = |id: &str| list.iter().find(|t| t.kpi == id).map(|t| (t.low, t.high));
        assert_eq!(by("nps"), Some((d("30"), d("70"))));
        assert_eq!(by("nrr"), Some((d("1"), None)));
        assert_eq!(by("ltv_to_cac"), Some((d("3"), None)));
        assert_eq!(by("cac_payback_months"), Some((None, d("18"))));
        assert_eq!(by("license_utilization"), Some((d("0.8"), None)));
        assert_eq!(list.len(), 5);
        // In the report's order: nrr comes before ltv_to_cac, nps after cac_payback_months.
        let ids: Vec<&str> = list.iter().map(|t| t.kpi.as_str()).collect();
        assert_eq!(ids, ["nrr", "ltv_to_cac", "cac_payback_months", "nps", "license_utilization"]);
    }
}
