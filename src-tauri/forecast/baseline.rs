//! The defaults of a new scenario, from the loaded data at the end of the selected period, each with
//! the place it came from so the panel can say "churn 1.9%/month: average monthly logo churn of
//! Nov 2025 - Oct 2026".
//!
//! Revenue churn, contraction and expansion are calibrated so that the baseline reproduces the
//! period's observed GRR and NRR (KPI spec, "Baseline from data"): with P of L months,
//! g_m = grr^(1/L), s = churned MRR / (churned + contraction MRR) in P, c_r = 1 - g_m^s,
//! k = 1 - g_m^(1-s), e = nrr^(1/L) / (1 - c_r) - 1 + k. Then (1-c_r)(1-k) = g_m and
//! (1-c_r)(1+e-k) = nrr^(1/L): year 1 of the baseline shows the dashboard's GRR and NRR when L = 12.
//! Without a starting cohort (GRR or NRR null) they are the period's average monthly rates.

use super::scenario::ScenarioInput;
use crate::kpi::value::to_f64;
use crate::kpi::{Kpis, Movement, Report};
use crate::model::Month;
use crate::settings::Settings;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// Where an input's value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    /// Computed from the loaded data.
    Data,
    /// From the settings.
    Settings,
    /// The model's default (nothing in the data or settings).
    Default,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BaselineSource"))]
pub struct Source {
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::ScenarioInputKey"))]
    pub input: &'static str,
    pub from: String,
    pub kind: SourceKind,
}

/// How revenue churn, contraction and expansion were set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", ts(rename = "BaselineCalibration"))]
pub enum Calibration {
    /// Calibrated to the period's observed GRR and NRR.
    ObservedRetention,
    /// The period's average monthly rates (no starting cohort: GRR or NRR is null).
    AverageRates,
    /// No revenue movements in the period: the model's defaults.
    None,
}

/// The period's retention as the dashboard shows it, for the panel to print beside the forecast.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BaselineObserved"))]
pub struct Observed {
    pub from: String,
    pub to: String,
    /// Months in the period (L).
    pub months: u32,
    pub nrr: Option<f64>,
    pub grr: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Baseline {
    pub inputs: ScenarioInput,
    /// One per input of a scenario file, in that order.
    pub sources: Vec<Source>,
    pub calibration: Calibration,
    pub observed: Observed,
    /// A sentence for the panel when the baseline's yearly NRR and GRR are not the dashboard's.
    pub note: Option<String>,
}

/// Monthly revenue churn, contraction and expansion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    pub revenue_churn: f64,
    pub contraction: f64,
    pub expansion: f64,
}

/// The rates that reproduce `grr` and `nrr` over `months` months, splitting the gross loss between
/// churn and contraction as the period's churned and contraction MRR do (no loss: c_r = k = 0).
pub fn calibrate(grr: f64, nrr: f64, months: u32, churned: f64, contraction: f64) -> Rates {
    let l = f64::from(months.max(1));
    let g_m = grr.clamp(0.0, 1.0).powf(1.0 / l);
    let loss = churned + contraction;
    // The split of the loss between churn and contraction; a GRR below 100% with no recorded
    // movements (a summary without them) puts the whole loss into revenue churn, so GRR is kept.
    let s = if loss > 0.0 { churned / loss } else { 1.0 };
    let (c_r, k) = (1.0 - g_m.powf(s), 1.0 - g_m.powf(1.0 - s));
    let kept = 1.0 - c_r;
    // Every starting customer churned (GRR = NRR = 0): nothing is left to expand.
    let e = if kept > 0.0 { nrr.max(0.0).powf(1.0 / l) / kept - 1.0 + k } else { 0.0 };
    Rates {
        revenue_churn: c_r.clamp(0.0, 1.0),
        contraction: k.clamp(0.0, 1.0),
        expansion: e.max(0.0),
    }
}

/// The period's average monthly rates: churned MRR over the MRR at the start of each month;
/// expansion and contraction over the MRR retained each month (the model applies them to it).
fn average_rates(movements: &[Movement]) -> Option<Rates> {
    let sum = |f: fn(&Movement) -> Decimal| movements.iter().map(f).sum::<Decimal>();
    let (start, churn) = (sum(|m| m.prev_mrr), sum(|m| m.churn));
    let kept = start - churn;
    if start.is_zero() {
        return None;
    }
    let over_kept = |x: Decimal| if kept.is_zero() { 0.0 } else { to_f64(x / kept) };
    Some(Rates {
        revenue_churn: to_f64(churn / start),
        contraction: over_kept(sum(|m| m.contraction)),
        expansion: over_kept(sum(|m| m.expansion)),
    })
}

fn num(k: &Kpis, id: &str) -> Option<Decimal> {
    k.get(id).and_then(|v| v.number())
}

fn pct(x: f64) -> String {
    format!("{:.1}%", x * 100.0)
}

/// Scenario defaults from a report (`years` defaults to 5).
pub fn from_report(r: &Report, settings: &Settings) -> Baseline {
    let k = &r.kpis;
    let span = format!("{} .. {}", r.period.from, r.period.to);
    let months = match (Month::parse_iso(&r.period.from), Month::parse_iso(&r.period.to)) {
        (Some(a), Some(b)) => (a.until(b) + 1).max(1) as u32,
        _ => r.movements.len().max(1) as u32,
    };
    let observed = Observed {
        from: r.period.from.clone(),
        to: r.period.to.clone(),
        months,
        nrr: num(k, "nrr").map(to_f64),
        grr: num(k, "grr").map(to_f64),
    };
    let mut inputs = ScenarioInput { years: Some(5.0), ..Default::default() };
    let mut sources = Vec::new();
    let mut set = |input: &'static str,
                   value: Option<f64>,
                   from: String,
                   kind: SourceKind,
                   slot: &mut Option<f64>| {
        *slot = value;
        sources.push(Source { input, from, kind });
    };
    let data = |input: &'static str, value: Option<Decimal>, from: String, fallback: &str| {
        let from = if value.is_some() { from } else { fallback.to_string() };
        let kind = if value.is_some() { SourceKind::Data } else { SourceKind::Default };
        (input, value.map(to_f64), from, kind)
    };
    let (i, v, f, kd) = data(
        "start_mrr",
        num(k, "mrr"),
        format!("MRR in {}", r.period.to),
        "not in your data: enter a value",
    );
    set(i, v, f, kd, &mut inputs.start_mrr);
    let (i, v, f, kd) = data(
        "start_customers",
        num(k, "active_customers"),
        format!("active customers in {}", r.period.to),
        "not in your data: enter a value",
    );
    set(i, v, f, kd, &mut inputs.start_customers);
    let (i, v, f, kd) = data(
        "monthly_churn",
        num(k, "monthly_churn_rate"),
        format!("average monthly logo churn, {span}"),
        "not in your data: enter a value",
    );
    set(i, v, f, kd, &mut inputs.monthly_churn);

    // Revenue churn, contraction and expansion.
    let annualised =
        if months == 12 { String::new() } else { format!(", compounded from {months} months") };
    let (calibration, rates, note) = match (observed.grr, observed.nrr) {
        (Some(grr), Some(nrr)) => {
            let (churned, contraction) = (
                num(k, "mrr_churn").map(to_f64).unwrap_or(0.0),
                num(k, "mrr_contraction").map(to_f64).unwrap_or(0.0),
            );
            let rates = calibrate(grr, nrr, months, churned, contraction);
            let share =
                if churned + contraction > 0.0 { churned / (churned + contraction) } else { 0.0 };
            let retention = format!("GRR {} and NRR {}, {span}{annualised}", pct(grr), pct(nrr));
            let texts = [
                format!(
                    "calibrated to your {retention}: churned customers' share ({}) of the MRR lost",
                    pct(share)
                ),
                format!(
                    "calibrated to your {retention}: contraction's share ({}) of the MRR lost",
                    pct(1.0 - share)
                ),
                format!("calibrated to your {retention}"),
            ];
            let note = (months != 12).then(|| {
                format!(
                    "The period {span} is {months} months long: the forecast's yearly NRR and GRR \
                     are its NRR {} and GRR {} compounded to 12 months.",
                    pct(nrr),
                    pct(grr)
                )
            });
            (Calibration::ObservedRetention, Some((rates, texts)), note)
        }
        _ => {
            let why = k
                .get("nrr")
                .and_then(|v| v.reason())
                .map(|r| format!(" ({r})"))
                .unwrap_or_default();
            match average_rates(&r.movements) {
                Some(rates) => {
                    let texts = [
                        format!(
                            "churned MRR ÷ MRR at the start of each month, monthly average, {span}"
                        ),
                        format!("contraction MRR ÷ retained MRR, monthly average, {span}"),
                        format!("expansion MRR ÷ retained MRR, monthly average, {span}"),
                    ];
                    let note = format!(
                        "Your data has no NRR or GRR for {span}{why}: revenue churn, expansion \
                         and contraction are the period's average monthly rates, so the forecast's \
                         NRR and GRR are not the dashboard's."
                    );
                    (Calibration::AverageRates, Some((rates, texts)), Some(note))
                }
                None => (
                    Calibration::None,
                    None,
                    Some(format!(
                        "Your data has no revenue movements in {span}{why}: revenue churn follows \
                         logo churn, and expansion and contraction start at 0."
                    )),
                ),
            }
        }
    };
    match rates {
        Some((rates, [churn_text, contraction_text, expansion_text])) => {
            let (expansion, expansion_text) = if rates.expansion > 1.0 {
                (
                    1.0,
                    format!("{expansion_text} (capped at 100% a month, so the forecast does not reproduce that NRR)"),
                )
            } else {
                (rates.expansion, expansion_text)
            };
            set(
                "monthly_revenue_churn",
                Some(rates.revenue_churn),
                churn_text,
                SourceKind::Data,
                &mut inputs.monthly_revenue_churn,
            );
            set(
                "monthly_expansion",
                Some(expansion),
                expansion_text,
                SourceKind::Data,
                &mut inputs.monthly_expansion,
            );
            set(
                "monthly_contraction",
                Some(rates.contraction),
                contraction_text,
                SourceKind::Data,
                &mut inputs.monthly_contraction,
            );
        }
        None => {
            let default = |t: &str| t.to_string();
            set(
                "monthly_revenue_churn",
                None,
                default("default: equal to logo churn"),
                SourceKind::Default,
                &mut inputs.monthly_revenue_churn,
            );
            set(
                "monthly_expansion",
                None,
                default("default: 0 (not in your data)"),
                SourceKind::Default,
                &mut inputs.monthly_expansion,
            );
            set(
                "monthly_contraction",
                None,
                default("default: 0 (not in your data)"),
                SourceKind::Default,
                &mut inputs.monthly_contraction,
            );
        }
    }

    let per_month = Decimal::from(months);
    let (i, v, f, kd) = data(
        "new_customers_per_month",
        num(k, "customers_new").map(|n| n / per_month),
        format!("new customers per month, {span}"),
        "default: 0 (not in your data)",
    );
    set(i, v, f, kd, &mut inputs.new_customers_per_month);
    let new_arpa = num(k, "mrr_new")
        .zip(num(k, "customers_new"))
        .filter(|(_, n)| !n.is_zero())
        .map(|(m, n)| m / n);
    let (i, v, f, kd) = data(
        "new_customer_arpa",
        new_arpa,
        format!("first-month MRR of new customers, {span}"),
        "default: the ARPA of the starting customers",
    );
    set(i, v, f, kd, &mut inputs.new_customer_arpa);
    set(
        "new_customer_growth",
        None,
        "default: 0 (not in your data)".into(),
        SourceKind::Default,
        &mut inputs.new_customer_growth,
    );
    let (from, kind) = if settings.gross_margin.is_some() {
        ("gross margin in settings".to_string(), SourceKind::Settings)
    } else {
        ("default: 100% (set it in settings)".to_string(), SourceKind::Default)
    };
    set(
        "gross_margin",
        Some(to_f64(settings.gross_margin())),
        from,
        kind,
        &mut inputs.gross_margin,
    );
    set(
        "annual_discount_rate",
        None,
        "default: 10% a year".into(),
        SourceKind::Default,
        &mut inputs.annual_discount_rate,
    );
    let (i, v, f, kd) =
        data("cac", num(k, "cac"), format!("CAC, {span}"), "not in your data: enter a value");
    set(i, v, f, kd, &mut inputs.cac);
    set("years", Some(5.0), "default: 5 years".into(), SourceKind::Default, &mut inputs.years);
    Baseline { inputs, sources, calibration, observed, note }
}

#[cfg(test)]
mod tests {
    /// A GRR below 100% with no churn or contraction recorded keeps that GRR: the loss is revenue
    /// churn (0.9^(1/12) kept a month, so twelve months keep 90%).
    #[test]
    fn a_loss_without_movements_is_revenue_churn() {
        let r = super::calibrate(0.9, 1.0, 12, 0.0, 0.0);
        assert!(((1.0 - r.revenue_churn).powi(12) - 0.9).abs() < 1e-12);
        assert_eq!(r.contraction, 0.0);
    }

    use super::*;

    #[test]
    fn calibration_by_hand() {
        // GRR 0.81 and NRR 1.21 over 2 months, with 300 churned and 100 contraction MRR:
        // g_m = 0.9, s = 0.75, c_r = 1 - 0.9^0.75, k = 1 - 0.9^0.25, e = 1.1 / 0.9^0.75 - 0.9^0.25.
        let r = calibrate(0.81, 1.21, 2, 300.0, 100.0);
        let (c_r, k) = (1.0 - 0.9f64.powf(0.75), 1.0 - 0.9f64.powf(0.25));
        assert!((r.revenue_churn - c_r).abs() < 1e-15, "{r:?}");
        assert!((r.contraction - k).abs() < 1e-15);
        assert!((r.expansion - (1.1 / 0.9f64.powf(0.75) - 0.9f64.powf(0.25))).abs() < 1e-15);
        // c_r = 0.07598..., k = 0.02600..., e = 0.21645...: numbers, not just the formula.
        assert!((r.revenue_churn - 0.075_978_913_5).abs() < 1e-9, "{}", r.revenue_churn);
        assert!((r.expansion - 0.216_445_277_0).abs() < 1e-9, "{}", r.expansion);
        assert!((r.contraction - 0.025_996_253_6).abs() < 1e-9, "{}", r.contraction);
        // A month keeps 0.9 of the gross (GRR) and 1.1 net (NRR), so two give 0.81 and 1.21.
        let gross = (1.0 - r.revenue_churn) * (1.0 - r.contraction);
        let net = (1.0 - r.revenue_churn) * (1.0 + r.expansion - r.contraction);
        assert!((gross - 0.9).abs() < 1e-15 && (net - 1.1).abs() < 1e-15, "{gross} {net}");
        // Twelve months: year 1 reproduces GRR and NRR exactly.
        let r = calibrate(0.872, 1.02, 12, 50.0, 50.0);
        let year = |x: f64| x.powi(12);
        assert!((year((1.0 - r.revenue_churn) * (1.0 - r.contraction)) - 0.872).abs() < 1e-13);
        assert!(
            (year((1.0 - r.revenue_churn) * (1.0 + r.expansion - r.contraction)) - 1.02).abs()
                < 1e-13
        );
        assert!((r.revenue_churn - r.contraction).abs() < 1e-15);
    }

    #[test]
    fn calibration_edges() {
        // No loss at all: no revenue churn, no contraction; NRR is all expansion.
        let r = calibrate(1.0, 1.1, 12, 0.0, 0.0);
        assert_eq!((r.revenue_churn, r.contraction), (0.0, 0.0));
        assert!(((1.0 + r.expansion).powi(12) - 1.1).abs() < 1e-13);
        // Only churn: k = 0.
        let r = calibrate(0.8, 0.8, 12, 10.0, 0.0);
        assert_eq!(r.contraction, 0.0);
        assert!(r.expansion.abs() < 1e-15);
        // Every starting customer lost: c_r = 1, nothing left to expand.
        let r = calibrate(0.0, 0.0, 12, 10.0, 0.0);
        assert_eq!((r.revenue_churn, r.expansion), (1.0, 0.0));
    }
}
