//! "How did you get this?": for one KPI of a report, its formula in words, the named inputs with
//! their values, and the rows behind it (the customers that churned, the detractors with their
//! comments, the tickets, the cost lines...).

mod inputs;

use super::drilldown::*;
use super::period::Period;
use super::revenue::Book;
use super::value::{Kpi, Num, Unit};
use super::{formulas, report, KpiError, ReportRequest};
use crate::model::{ActivityClass, CostCategory, Dataset, Month, SurveyType};
use crate::settings::Settings;
pub(super) use inputs::Drafts;
use inputs::{detail, write_inputs, Draft};
use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

/// One figure behind a KPI: an input of its formula, a detail (a count, a median), or the KPI in the
/// previous period and the change since.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ExplanationInput"))]
pub struct Input {
    /// Which figure it is: a KPI id (`arpa`), a figure of the rows (`start_mrr`), a field of the
    /// KPI (`n`, `spend`), `gross_margin`, or `previous` / `change`.
    pub key: &'static str,
    /// What it is, in plain words.
    pub name: String,
    /// The exact value.
    #[cfg_attr(feature = "ts", ts(as = "Option<f64>"))]
    pub value: Value,
    pub unit: Unit,
    /// As the app shows it (money with separators, ratios as percentages), with enough digits
    /// that the formula applied to the shown inputs gives the shown result.
    pub display: String,
    /// `input`, or `previous` / `change` (the KPI in the previous period, shown like the tiles).
    pub role: &'static str,
    /// An assumption not taken from the data, and where to set it ("default: set yours in
    /// Settings").
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional))]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Explanation {
    pub kpi: String,
    pub label: String,
    pub formula: String,
    pub period: super::PeriodOut,
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::KpiJson"))]
    pub result: Kpi,
    pub inputs: Vec<Input>,
    /// What the rows are ("customers active at period start", "responses"...).
    pub rows_are: String,
    pub columns: Vec<String>,
    #[cfg_attr(feature = "ts", ts(as = "Vec<Vec<crate::bindings::RowCell>>"))]
    pub rows: Vec<Vec<Value>>,
    /// What the import did to the rows of the tables this KPI reads (system exports' rules).
    pub import_rules: Vec<String>,
    /// The KPI's last months against its target (empty without a target).
    pub target_trend: Vec<super::against::TargetMonth>,
}

pub(super) fn num(d: Decimal) -> Value {
    serde_json::to_value(Num(d)).unwrap_or(Value::Null)
}

pub(super) struct Rows {
    what: &'static str,
    columns: Vec<&'static str>,
    pub(super) rows: Vec<Vec<Value>>,
}

impl Rows {
    pub(super) fn new(what: &'static str, columns: &[&'static str]) -> Rows {
        Rows { what, columns: columns.to_vec(), rows: Vec::new() }
    }
}

/// The KPIs each derived KPI is computed from.
const DEPENDS: &[(&str, &[&str])] = &[
    ("arr", &["mrr"]),
    ("arpa", &["mrr", "active_customers"]),
    (
        "net_new_mrr",
        &["mrr_new", "mrr_reactivation", "mrr_expansion", "mrr_contraction", "mrr_churn"],
    ),
    ("ltv_simple", &["arpa", "monthly_churn_rate"]),
    ("ltv_revenue_churn", &["arpa", "gross_mrr_churn_rate"]),
    ("customer_lifetime_months", &["monthly_churn_rate"]),
    ("clv_net_of_cac", &["arpa", "customer_lifetime_months", "cac"]),
    ("cac", &["customers_new"]),
    ("ltv_to_cac", &["ltv_simple", "cac"]),
    ("cac_payback_months", &["cac"]),
    ("crc", &["active_customers"]),
    ("stickiness", &["dau", "mau"]),
    (
        "quick_ratio",
        &["mrr_new", "mrr_reactivation", "mrr_expansion", "mrr_contraction", "mrr_churn"],
    ),
];

/// A formula's text with the user's health bands in place of the defaults (40 and 70).
fn with_settings(id: &str, formula: &str, settings: &Settings) -> String {
    let h = &settings.health;
    match id {
        "health_red" => {
            format!("Active customers scoring below the red threshold ({}).", h.red_below)
        }
        "health_yellow" => {
            format!("Active customers scoring from {} to below {}.", h.red_below, h.green_from)
        }
        "health_green" => format!("Active customers scoring {} or more.", h.green_from),
        _ => formula.to_string(),
    }
}

pub fn explain(
    data: &Dataset,
    req: &ReportRequest,
    settings: &Settings,
    id: &str,
) -> Result<Explanation, KpiError> {
    let (label, formula) =
        formulas::find(id).ok_or_else(|| KpiError::UnknownKpi(id.to_string()))?;
    let rep = report(data, req, settings)?;
    let result = rep.kpis.get(id).cloned().ok_or_else(|| KpiError::UnknownKpi(id.to_string()))?;
    let p = Period {
        from: Month::parse_iso(&rep.period.from).ok_or(KpiError::NoPeriod)?,
        to: Month::parse_iso(&rep.period.to).ok_or(KpiError::NoPeriod)?,
    };
    let mut inputs = Drafts::default();
    // Derived KPIs show the KPIs they are computed from.
    for dep in DEPENDS.iter().filter(|d| d.0 == id).flat_map(|d| d.1.iter()) {
        if let Some(k) = rep.kpis.get(dep) {
            if let Some(v) = k.number() {
                inputs.add(dep, formulas::find(dep).map(|x| x.0).unwrap_or(dep), v, k.unit);
            }
        }
    }
    if ["ltv_simple", "ltv_revenue_churn", "clv_net_of_cac", "cac_payback_months"].contains(&id) {
        inputs.push(Draft {
            key: "gross_margin",
            name: "Gross margin".into(),
            value: settings.gross_margin(),
            unit: Unit::Ratio,
            role: "input",
            note: settings
                .gross_margin
                .is_none()
                .then(|| "default: set yours in Settings".to_string()),
        });
    }
    // The KPI's own informative fields (counts, medians, spend...).
    for (k, v) in result.extra.iter().filter(|(k, _)| !["previous", "change"].contains(k)) {
        let (key, name, unit) = detail(id, k, result.unit);
        inputs.add(key, &name, *v, unit);
    }
    // The rows come from the view the report read (in the app, its kept segment and indexes).
    let rows = super::view::in_view(data, req, None, |v, _, _| {
        // A period wholly after the revenue data has no revenue rows behind it.
        let book = v.book.filter(|_| super::period::outside_revenue(v.d, p).is_none());
        rows_of(v, book, &rep.movements, p, settings, id, &mut inputs)
    })?;
    let target_trend = match &result.target {
        Some(t) => {
            super::against::target_trend(data, req, settings, (p.from, p.to), id, (t.low, t.high))?
        }
        None => Vec::new(),
    };
    let currency =
        super::money::symbol(settings.currency_symbol.as_deref(), data.currency.as_deref());
    let inputs = write_inputs(inputs, id, &result, &rep.previous_period, &currency);
    Ok(Explanation {
        kpi: id.to_string(),
        label: label.to_string(),
        formula: with_settings(id, formula, settings),
        period: rep.period,
        result,
        inputs,
        rows_are: rows.what.to_string(),
        columns: rows.columns.iter().map(|c| c.to_string()).collect(),
        rows: rows.rows,
        import_rules: super::sources::import_rules(data, id),
        target_trend,
    })
}

/// The rows behind KPI `id` in view `v` (see `explain`); `book` is None when the period has no
/// revenue data.
fn rows_of(
    v: &super::view::View,
    book: Option<&Book>,
    by_months: &[super::revenue::Movement],
    p: Period,
    settings: &Settings,
    id: &str,
    inputs: &mut Drafts,
) -> Rows {
    let d = v.d;
    match id {
        "mrr" | "arr" | "active_customers" | "arpa" | "arpu" | "license_utilization" => {
            active_customers(d, book, p, id, inputs)
        }
        "mrr_new"
        | "mrr_reactivation"
        | "mrr_expansion"
        | "mrr_contraction"
        | "mrr_churn"
        | "net_new_mrr"
        | "customers_new"
        | "customers_reactivated"
        | "customers_churned" => movements(d, book, p, id),
        "customer_retention_rate" | "customer_churn_rate" | "grr" | "nrr" => {
            retention(d, book, p, inputs)
        }
        "monthly_churn_rate"
        | "gross_mrr_churn_rate"
        | "net_mrr_churn_rate"
        | "expansion_mrr_rate"
        | "quarterly_expansion_revenue"
        | "quick_ratio" => by_month(by_months, id, inputs),
        "top10_mrr_share" | "top_decile_mrr_share" | "mrr_hhi" => {
            super::concentration::rows(d, book, p, id, inputs)
        }
        "cac" | "crc" | "cac_payback_months" => costs(
            d,
            p,
            if id == "crc" { CostCategory::Retention } else { CostCategory::Acquisition },
        ),
        "nps" => responses(d, p, SurveyType::Nps),
        "enps" => responses(d, p, SurveyType::Enps),
        "csat" => responses(d, p, SurveyType::Csat),
        "ces_mean" | "ces_easy" => responses(d, p, SurveyType::Ces),
        "fcr" | "avg_resolution_hours" => tickets(d, p),
        "ttfv_days" | "onboarding_rating" => onboarding(d, p),
        "engagement_activities" => activities(d, p, ActivityClass::Engagement),
        "advocacy_activities" => activities(d, p, ActivityClass::Advocacy),
        "health_avg" | "health_red" | "health_yellow" | "health_green" => health_rows(
            d,
            v.index.health(d),
            book,
            p,
            settings,
            id.strip_prefix("health_").filter(|b| *b != "avg"),
        ),
        "trial_conversion_rate" => trials(d, p),
        "renewal_rate" | "gross_renewal_rate" => renewals(d, p),
        "acv" | "tcv" => contracts(d, p),
        "clv_transactional" | "repeat_purchase_rate" => orders(d, p),
        _ => Rows::new("", &[]),
    }
}

#[cfg(test)]
mod tests {
    use super::inputs::formula_of;
    use super::*;
    use crate::import::{import_sources, ImportSettings};
    use crate::kpi::display;

    /// A shown input back to its value: `$3,120.69` -> 3120.69, `1.87399%` -> 0.0187399.
    fn read(i: &Input) -> Decimal {
        let digits: String =
            i.display.chars().filter(|c| c.is_ascii_digit() || *c == '.').collect();
        let v: Decimal = digits.parse().unwrap();
        let v = if i.display.starts_with('\u{2212}') { -v } else { v };
        v / display::scale(i.unit, "")
    }

    /// On the demo workbook, for every KPI with a formula and several periods: the formula applied
    /// to the inputs as shown gives the result as shown (a reader with a calculator gets the tile).
    #[test]
    fn health_band_formulas_follow_the_settings() {
        let mut s = Settings::default();
        assert_eq!(
            with_settings("health_yellow", "", &s),
            "Active customers scoring from 40 to below 70."
        );
        s.health.red_below = 35.0;
        s.health.green_from = 75.0;
        assert_eq!(
            with_settings("health_red", "", &s),
            "Active customers scoring below the red threshold (35)."
        );
        assert_eq!(with_settings("health_green", "", &s), "Active customers scoring 75 or more.");
        assert_eq!(with_settings("nrr", "x", &s), "x");
    }

    #[test]
    fn the_shown_inputs_give_the_shown_result() {
        let data =
            import_sources(&[crate::demo::source()], &ImportSettings::default()).unwrap().dataset;
        let settings = Settings::default();
        let mut checked = 0;
        for (from, to) in [(None, None), (Month::new(2026, 8), Month::new(2026, 10))] {
            let req = ReportRequest { from, to, ..Default::default() };
            for id in super::super::KPI_IDS {
                let Some((keys, f)) = formula_of(id) else { continue };
                let e = explain(&data, &req, &settings, id).unwrap();
                let Some(result) = e.result.number() else { continue };
                let shown: Option<Vec<Decimal>> =
                    keys.iter().map(|k| e.inputs.iter().find(|i| i.key == *k).map(read)).collect();
                let Some(shown) = shown else { continue };
                let got = f(&shown).unwrap();
                assert_eq!(
                    display::shown(got, e.result.unit, id),
                    display::shown(result, e.result.unit, id),
                    "{id}: {:?}",
                    e.inputs.iter().map(|i| (&i.name, &i.display)).collect::<Vec<_>>()
                );
                checked += 1;
            }
        }
        assert!(checked >= 30, "{checked}");
    }

    #[test]
    fn inputs_are_named_and_written_as_the_app_shows_them() {
        let data =
            import_sources(&[crate::demo::source()], &ImportSettings::default()).unwrap().dataset;
        let req = ReportRequest::default();
        let e = explain(&data, &req, &Settings::default(), "ltv_simple").unwrap();
        let gm = e.inputs.iter().find(|i| i.name == "Gross margin").unwrap();
        assert_eq!(gm.display, "100%");
        assert_eq!(gm.note.as_deref(), Some("default: set yours in Settings"));
        let prev = e.inputs.iter().find(|i| i.role == "previous").unwrap();
        assert!(prev.name.starts_with("Previous period (") && prev.name.contains(" \u{2013} "));
        assert!(prev.display.starts_with('$') && prev.display.contains(','), "{}", prev.display);
        let set = Settings { gross_margin: Some(0.8), ..Default::default() };
        let e = explain(&data, &req, &set, "ltv_simple").unwrap();
        let gm = e.inputs.iter().find(|i| i.name == "Gross margin").unwrap();
        assert_eq!((gm.display.as_str(), gm.note.as_ref()), ("80%", None));
        let e = explain(&data, &req, &Settings::default(), "nrr").unwrap();
        let change = e.inputs.iter().find(|i| i.role == "change").unwrap();
        assert!(change.display.ends_with(" pts"), "{}", change.display);
        // Every input once.
        let e = explain(&data, &req, &Settings::default(), "arpa").unwrap();
        let names: Vec<&str> = e.inputs.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names.iter().filter(|n| **n == "MRR").count(), 1, "{names:?}");
    }
}
