//! Which target applies to a KPI of a view: the files' `targets` tables over the user's targets over
//! the defaults; within one source, a target for the view's segment (or CSM) over a general one. A
//! target without bounds ends the search: the KPI has no target.

use super::{assess, Target};
use crate::import::headers::normalise;
use crate::kpi::Kpi;
use crate::model::Dataset;
use crate::settings::Settings;
use serde::Serialize;

/// Where the target that applies comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", ts(rename = "TargetOrigin"))]
pub enum Origin {
    /// A `targets` table of the imported files.
    Workbook,
    /// The user's: Settings in the app, `--targets FILE.json` in the CLI.
    User,
    /// Northstar's defaults.
    Default,
}

/// An attribute key as segments match it (segment.rs `attribute`): a header's normal form, with the
/// synonyms of the customers table's columns.
fn key(k: &str) -> String {
    let k = normalise(k).base;
    match k.as_str() {
        "tier" => "segment".into(),
        "product" | "package" => "plan".into(),
        "owner" | "customer success manager" | "account manager" => "csm".into(),
        _ => k,
    }
}

/// How closely a target fits a view filtered by `filters`: None when it is for another segment or
/// CSM, else the number of its conditions (0 = a general target).
fn fit(t: &Target, filters: &[&(String, String)]) -> Option<usize> {
    let holds =
        |k: &str, v: &str| filters.iter().any(|f| key(&f.0) == key(k) && f.1.trim() == v.trim());
    let mut n = 0;
    if let Some((k, v)) = &t.segment {
        if !holds(k, v) {
            return None;
        }
        n += 1;
    }
    if let Some(c) = &t.csm {
        if !holds("csm", c) {
            return None;
        }
        n += 1;
    }
    Some(n)
}

/// The target of KPI `id` in a view filtered by `filters`, with where it comes from; None when no
/// source has one, or the first that does says "no target".
pub fn resolve<'a>(
    id: &str,
    sources: &[(Origin, &'a [Target])],
    filters: &[&(String, String)],
) -> Option<(Origin, &'a Target)> {
    for (origin, list) in sources {
        let best = list
            .iter()
            .filter(|t| t.kpi == id)
            .filter_map(|t| fit(t, filters).map(|n| (n, t)))
            // The most specific; among equals, the first given.
            .fold(None::<(usize, &Target)>, |best, (n, t)| match best {
                Some((m, _)) if m >= n => best,
                _ => Some((n, t)),
            });
        if let Some((_, t)) = best {
            return (t.low.is_some() || t.high.is_some()).then_some((*origin, t));
        }
    }
    None
}

/// Gives each KPI of a view its target and status: the workbook's (`data.targets`), else the user's
/// (`settings.targets`), else the defaults. Values are not changed.
pub fn apply(
    kpis: &mut [(&'static str, Kpi)],
    data: &Dataset,
    settings: &Settings,
    filters: &[&(String, String)],
) {
    let defaults = super::defaults();
    let sources: [(Origin, &[Target]); 3] = [
        (Origin::Workbook, &data.targets),
        (Origin::User, &settings.targets),
        (Origin::Default, &defaults),
    ];
    for (id, k) in kpis.iter_mut() {
        let Some((origin, t)) = resolve(id, &sources, filters) else {
            k.target = None;
            continue;
        };
        let symbol = crate::kpi::money::symbol(
            settings.currency_symbol.as_deref(),
            k.currency.as_deref().or(data.currency.as_deref()),
        );
        k.target = Some(Box::new(assess(k.number(), k.unit, id, t, origin, &symbol)));
    }
}

/// The per-CSM scorecard against the targets: each metric gets the view's (team) target, each CSM's
/// cell its status against the target for that CSM (a target naming the CSM, else the team's).
pub fn score(
    sc: &mut crate::kpi::scorecard::Scorecard,
    data: &Dataset,
    settings: &Settings,
    filters: &[&(String, String)],
) {
    let defaults = super::defaults();
    let sources: [(Origin, &[Target]); 3] = [
        (Origin::Workbook, &data.targets),
        (Origin::User, &settings.targets),
        (Origin::Default, &defaults),
    ];
    for m in &mut sc.metrics {
        if let Some((_, t)) = resolve(m.id, &sources, filters) {
            m.target_low = t.low.map(crate::kpi::value::Num);
            m.target_high = t.high.map(crate::kpi::value::Num);
        }
    }
    for c in &mut sc.csms {
        let mine = ("csm".to_string(), c.csm.clone());
        let with: Vec<&(String, String)> = filters.iter().copied().chain([&mine]).collect();
        for (id, cell) in c.metrics.iter_mut() {
            cell.status = resolve(id, &sources, &with)
                .and_then(|(_, t)| super::status(cell.value?.0, t.low, t.high));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;

    fn t(kpi: &str, low: Option<i64>, high: Option<i64>, source: &str) -> Target {
        Target {
            kpi: kpi.into(),
            low: low.map(Decimal::from),
            high: high.map(Decimal::from),
            source: source.into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_workbook_wins_over_the_user_over_the_defaults() {
        let defaults = [t("nps", Some(30), Some(70), "default")];
        let user = [t("nps", Some(40), None, "Settings"), t("nrr", None, None, "Settings")];
        let book = [t("nps", Some(50), None, "book.xlsx [Targets] row 2")];
        let sources: [(Origin, &[Target]); 3] =
            [(Origin::Workbook, &book), (Origin::User, &user), (Origin::Default, &defaults)];
        let (o, got) = resolve("nps", &sources, &[]).unwrap();
        assert_eq!((o, got.low), (Origin::Workbook, Some(Decimal::from(50))));
        let sources: [(Origin, &[Target]); 3] =
            [(Origin::Workbook, &[]), (Origin::User, &user), (Origin::Default, &defaults)];
        let (o, got) = resolve("nps", &sources, &[]).unwrap();
        assert_eq!((o, got.low), (Origin::User, Some(Decimal::from(40))));
        let sources: [(Origin, &[Target]); 3] =
            [(Origin::Workbook, &[]), (Origin::User, &[]), (Origin::Default, &defaults)];
        assert_eq!(resolve("nps", &sources, &[]).map(|x| x.0), Some(Origin::Default));
        // The user cleared NRR (no bounds): the default of 100% does not come back.
        let with_nrr = [t("nrr", Some(1), None, "default")];
        let sources: [(Origin, &[Target]); 3] =
            [(Origin::Workbook, &[]), (Origin::User, &user), (Origin::Default, &with_nrr)];
        assert_eq!(resolve("nrr", &sources, &[]), None);
        // No source names the KPI: no target.
        assert_eq!(resolve("mrr", &sources, &[]), None);
    }

    #[test]
    fn a_segment_or_csm_target_applies_only_to_its_view() {
        let general = t("nrr", Some(1), None, "general");
        let pro = Target {
            segment: Some(("Plan".into(), "Pro".into())),
            ..t("nrr", Some(2), None, "pro")
        };
        let alice = Target { csm: Some("Alice".into()), ..t("nrr", Some(3), None, "alice") };
        let list = [pro, general, alice];
        let sources: [(Origin, &[Target]); 1] = [(Origin::User, &list)];
        let low = |filters: &[&(String, String)]| {
            resolve("nrr", &sources, filters).and_then(|(_, t)| t.low).map(|d| d.to_string())
        };
        // Unfiltered: the general one, although the Pro one comes first.
        assert_eq!(low(&[]).as_deref(), Some("1"));
        // Filtered to plan Pro (the key matched like a header, `product` being a synonym).
        let pro_view = ("product".to_string(), "Pro".to_string());
        assert_eq!(low(&[&pro_view]).as_deref(), Some("2"));
        let other = ("plan".to_string(), "Basic".to_string());
        assert_eq!(low(&[&other]).as_deref(), Some("1"));
        // A view of Alice's customers (csm = Alice, or its synonym owner).
        let alice_view = ("Owner".to_string(), "Alice".to_string());
        assert_eq!(low(&[&alice_view]).as_deref(), Some("3"));
    }
}
