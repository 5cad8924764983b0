//! Targets as JSON: what the user gives (`--targets FILE.json`, the app's `targets_save`) and what
//! the app is sent back. Numbers come in as JSON numbers and are kept as exact decimals of their
//! shortest text (0.8 is 0.8, not the float nearest to it).

use super::{kpi_id, validate_all, Direction, Target, TargetError};
use crate::kpi::value::Num;
use serde::{Deserialize, Serialize};

/// A segment as `"plan=Pro"` (like `--segment`) or `["plan", "Pro"]` (like the app's views).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(untagged)]
pub enum SegmentInput {
    Pair((String, String)),
    Text(String),
}

/// One target as the user gives it: the KPI's id (or its label), either bound optional (neither =
/// no target for that KPI, clearing a default).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct TargetInput {
    pub kpi: String,
    #[serde(default)]
    pub low: Option<f64>,
    #[serde(default)]
    pub high: Option<f64>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub segment: Option<SegmentInput>,
    #[serde(default)]
    pub csm: Option<String>,
}

/// The `--targets` file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetsFile {
    pub targets: Vec<TargetInput>,
}

fn text(s: &Option<String>) -> Option<String> {
    s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

impl TargetInput {
    /// The target, from `source` ("Settings", the file's name); checked on its own.
    pub fn to_target(&self, source: &str) -> Result<Target, TargetError> {
        let kpi = kpi_id(&self.kpi).ok_or_else(|| TargetError::UnknownKpi(self.kpi.clone()))?;
        let bound = |v: Option<f64>, name: &'static str| {
            v.map(|f| {
                crate::import::cells::decimal_from_f64(f)
                    .map_err(|_| TargetError::NotFinite { kpi: kpi.to_string(), bound: name })
            })
            .transpose()
        };
        let segment = match &self.segment {
            None => None,
            Some(SegmentInput::Pair((k, v))) => Some((k.trim().to_string(), v.trim().to_string())),
            Some(SegmentInput::Text(s)) => {
                let bad = || TargetError::BadSegment { kpi: kpi.to_string(), segment: s.clone() };
                let (k, v) = s.split_once('=').ok_or_else(bad)?;
                Some((k.trim().to_string(), v.trim().to_string()))
            }
        };
        if segment.as_ref().is_some_and(|(k, v)| k.is_empty() || v.is_empty()) {
            let segment = format!("{:?}", self.segment);
            return Err(TargetError::BadSegment { kpi: kpi.to_string(), segment });
        }
        let t = Target {
            kpi: kpi.to_string(),
            low: bound(self.low, "low")?,
            high: bound(self.high, "high")?,
            note: text(&self.note),
            source: source.to_string(),
            segment,
            csm: text(&self.csm),
        };
        super::validate(&t)?;
        Ok(t)
    }
}

/// A list of targets from the user, each from `source`; no KPI twice for the same segment and CSM.
pub fn from_inputs(list: &[TargetInput], source: &str) -> Result<Vec<Target>, TargetError> {
    let out = list.iter().map(|i| i.to_target(source)).collect::<Result<Vec<_>, _>>()?;
    validate_all(&out)?;
    Ok(out)
}

/// Reads a `--targets FILE.json`: `{"targets": [{"kpi": ID, "low": x, "high": y}]}`. Its targets
/// say where they come from by the file's name.
pub fn read_file(path: &std::path::Path) -> Result<Vec<Target>, TargetError> {
    let shown = path.display().to_string();
    let raw = std::fs::read_to_string(path)
        .map_err(|e| TargetError::File { path: shown.clone(), reason: e.to_string() })?;
    let file: TargetsFile = serde_json::from_str(&raw)
        .map_err(|e| TargetError::Malformed { path: shown.clone(), reason: e.to_string() })?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or(shown);
    from_inputs(&file.targets, &name)
}

/// A target as the app is sent it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetOut {
    pub kpi: String,
    pub low: Option<Num>,
    pub high: Option<Num>,
    pub direction: Direction,
    pub note: Option<String>,
    pub source: String,
    pub segment: Option<(String, String)>,
    pub csm: Option<String>,
}

impl From<&Target> for TargetOut {
    fn from(t: &Target) -> TargetOut {
        TargetOut {
            kpi: t.kpi.clone(),
            low: t.low.map(Num),
            high: t.high.map(Num),
            direction: Direction::of(t.low, t.high),
            note: t.note.clone(),
            source: t.source.clone(),
            segment: t.segment.clone(),
            csm: t.csm.clone(),
        }
    }
}

/// A KPI as the Settings panel lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "TargetKpiInfo"))]
pub struct KpiInfo {
    pub id: &'static str,
    pub label: &'static str,
    pub unit: Option<crate::kpi::Unit>,
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::GoodWhen"))]
    pub good_when: &'static str,
}

/// What the Settings panel edits: the user's targets, the defaults they override and every KPI.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TargetsView {
    /// The user's, as saved (a target without bounds clears that KPI's default).
    pub targets: Vec<TargetOut>,
    pub defaults: Vec<TargetOut>,
    pub kpis: Vec<KpiInfo>,
}

/// The Settings panel's view of the user's targets `stored`.
pub fn view(stored: &[Target]) -> TargetsView {
    TargetsView {
        targets: stored.iter().map(TargetOut::from).collect(),
        defaults: super::defaults().iter().map(TargetOut::from).collect(),
        kpis: crate::kpi::KPI_IDS
            .iter()
            .map(|id| KpiInfo {
                id,
                label: crate::kpi::formulas::find(id).map(|f| f.0).unwrap_or(id),
                unit: crate::kpi::unit_of(id),
                good_when: crate::kpi::formulas::good_when(id),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn bounds(t: &Target) -> (Option<Decimal>, Option<Decimal>) {
        (t.low, t.high)
    }

    #[test]
    fn a_file_of_targets_is_read_exactly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("goals.json");
        std::fs::write(
            &path,
            r#"{"targets": [{"kpi": "nrr", "low": 1.1},
                            {"kpi": "Gross revenue retention", "low": 0.9, "high": 1.0},
                            {"kpi": "cac_payback_months", "high": 12, "note": " board goal "},
                            {"kpi": "nps"},
                            {"kpi": "nrr", "low": 1.2, "segment": "plan=Pro"},
                            {"kpi": "nrr", "low": 1.05, "csm": "Alice"}]}"#,
        )
        .unwrap();
        let list = read_file(&path).unwrap();
        let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
        // 1.1 stays 1.1 (not 1.100000000000000088817841970012523).
        assert_eq!(bounds(&list[0]), (d("1.1"), None));
        assert_eq!(list[0].source, "goals.json");
        // A label names its KPI.
        assert_eq!((list[1].kpi.as_str(), bounds(&list[1])), ("grr", (d("0.9"), d("1"))));
        assert_eq!(list[2].note.as_deref(), Some("board goal"));
        // No bound: no target (clears the default band of NPS).
        assert_eq!(bounds(&list[3]), (None, None));
        assert_eq!(list[4].segment, Some(("plan".into(), "Pro".into())));
        assert_eq!(list[5].csm.as_deref(), Some("Alice"));
    }

    #[test]
    fn bad_files_say_what_is_wrong() {
        let dir = tempfile::tempdir().unwrap();
        let write = |text: &str| {
            let p = dir.path().join("t.json");
            std::fs::write(&p, text).unwrap();
            read_file(&p)
        };
        assert_eq!(
            write(r#"{"targets": [{"kpi": "happiness", "low": 1}]}"#),
            Err(TargetError::UnknownKpi("happiness".into()))
        );
        let reversed = write(r#"{"targets": [{"kpi": "nps", "low": 70, "high": 30}]}"#);
        assert_eq!(reversed.unwrap_err().to_string(), "the target of nps: low 70 is above high 30");
        // A misspelt key is refused, not ignored.
        let e = write(r#"{"targets": [{"kpi": "nps", "hgih": 30}]}"#).unwrap_err();
        assert!(matches!(e, TargetError::Malformed { .. }) && e.is_usage(), "{e}");
        let e = write(r#"{"targets": [{"kpi": "nps", "low": 1, "segment": "Pro"}]}"#).unwrap_err();
        assert!(matches!(e, TargetError::BadSegment { .. }), "{e}");
        let e = write(r#"{"targets": [{"kpi": "nps", "low": 1}, {"kpi": "NPS", "low": 2}]}"#);
        assert_eq!(e, Err(TargetError::Twice("nps".into())));
        let e = read_file(&dir.path().join("missing.json")).unwrap_err();
        assert!(!e.is_usage(), "{e}");
    }

    #[test]
    fn the_settings_view_lists_targets_defaults_and_kpis() {
        let cleared = TargetInput {
            kpi: "nps".into(),
            low: None,
            high: None,
            note: None,
            segment: Some(SegmentInput::Pair(("plan".into(), "Pro".into()))),
            csm: None,
        };
        let stored = from_inputs(&[cleared], "Settings").unwrap();
        let v = serde_json::to_value(view(&stored)).unwrap();
        assert_eq!(
            v["targets"][0],
            serde_json::json!({"kpi": "nps", "low": null, "high": null, "direction": "none",
                "note": null, "source": "Settings", "segment": ["plan", "Pro"], "csm": null})
        );
        assert_eq!(v["defaults"][0]["kpi"], "nrr");
        assert_eq!(v["defaults"][0]["low"], 1);
        assert_eq!(v["defaults"][0]["direction"], "at_least");
        // 0.8 is written as the number 0.8.
        assert_eq!(v["defaults"][4]["low"], 0.8);
        let kpis = v["kpis"].as_array().unwrap();
        assert_eq!(kpis.len(), crate::kpi::KPI_IDS.len());
        let nrr = kpis.iter().find(|k| k["id"] == "nrr").unwrap();
        assert_eq!(
            *nrr,
            serde_json::json!({"id": "nrr", "label": "Net revenue retention", "unit": "ratio",
                "good_when": "up"})
        );
    }
}
