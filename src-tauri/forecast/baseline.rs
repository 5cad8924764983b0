//! The defaults of a new scenario, from the loaded data at the end of the selected period, each with
//! the place it came from so the panel can say "churn 1.9%/month: average monthly logo churn of
//! Nov 2025 - Oct 2026".

use super::scenario::ScenarioInput;
use crate::kpi::value::to_f64;
use crate::kpi::{Kpis, Report};
use crate::settings::Settings;
use rust_decimal::Decimal;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub input: &'static str,
    pub from: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Baseline {
    pub inputs: ScenarioInput,
    pub sources: Vec<Source>,
}

fn num(k: &Kpis, id: &str) -> Option<Decimal> {
    k.get(id).and_then(|v| v.number())
}

/// Scenario defaults from a report (`years` defaults to 5).
pub fn from_report(r: &Report, settings: &Settings) -> Baseline {
    let k = &r.kpis;
    let span = format!("{} .. {}", r.period.from, r.period.to);
    let months = r.movements.len().max(1);
    let mut inputs = ScenarioInput { years: Some(5.0), ..Default::default() };
    let mut sources = Vec::new();
    let mut set =
        |input: &'static str, value: Option<Decimal>, from: String, slot: &mut Option<f64>| {
            if let Some(v) = value {
                *slot = Some(to_f64(v));
                sources.push(Source { input, from });
            }
        };
    set("start_mrr", num(k, "mrr"), format!("MRR in {}", r.period.to), &mut inputs.start_mrr);
    set(
        "start_customers",
        num(k, "active_customers"),
        format!("active customers in {}", r.period.to),
        &mut inputs.start_customers,
    );
    set(
        "monthly_churn",
        num(k, "monthly_churn_rate"),
        format!("average monthly logo churn, {span}"),
        &mut inputs.monthly_churn,
    );
    // Expansion and contraction as fractions of the MRR retained each month.
    let base: Decimal = r.movements.iter().map(|m| m.prev_mrr - m.churn).sum();
    let rate = |f: fn(&crate::kpi::Movement) -> Decimal| {
        (!base.is_zero()).then(|| r.movements.iter().map(f).sum::<Decimal>() / base)
    };
    set(
        "monthly_expansion",
        rate(|m| m.expansion),
        format!("expansion MRR ÷ retained MRR, monthly average, {span}"),
        &mut inputs.monthly_expansion,
    );
    set(
        "monthly_contraction",
        rate(|m| m.contraction),
        format!("contraction MRR ÷ retained MRR, monthly average, {span}"),
        &mut inputs.monthly_contraction,
    );
    set(
        "new_customers_per_month",
        num(k, "customers_new").map(|n| n / Decimal::from(months)),
        format!("new customers per month, {span}"),
        &mut inputs.new_customers_per_month,
    );
    let new_arpa = num(k, "mrr_new")
        .zip(num(k, "customers_new"))
        .filter(|(_, n)| !n.is_zero())
        .map(|(m, n)| m / n);
    set(
        "new_customer_arpa",
        new_arpa,
        format!("first-month MRR of new customers, {span}"),
        &mut inputs.new_customer_arpa,
    );
    set("cac", num(k, "cac"), format!("CAC, {span}"), &mut inputs.cac);
    set(
        "gross_margin",
        Some(settings.gross_margin()),
        if settings.gross_margin.is_some() {
            "settings".into()
        } else {
            "default (100%): set it in settings".into()
        },
        &mut inputs.gross_margin,
    );
    Baseline { inputs, sources }
}
