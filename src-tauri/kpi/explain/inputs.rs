//! An explanation's inputs written with the digits that reproduce its result: the formula of each
//! derived KPI over its inputs' keys, the names of a KPI's informative fields, and the fitting of
//! decimals (an input shown as 33.3% that gives a result shown as 34% would not add up).

use super::super::display;
use super::super::value::{Kpi, Unit};
use super::{num, Input};
use rust_decimal::Decimal;

/// An input before it is written: its key (a KPI id, or the name of a figure such as `start_mrr`).
pub(super) struct Draft {
    pub(super) key: &'static str,
    pub(super) name: String,
    pub(super) value: Decimal,
    pub(super) unit: Unit,
    pub(super) role: &'static str,
    pub(super) note: Option<String>,
}

/// The inputs of an explanation, each key once (the first wins).
#[derive(Default)]
pub(in super::super) struct Drafts(Vec<Draft>);

impl Drafts {
    pub(in super::super) fn add(
        &mut self,
        key: &'static str,
        name: &str,
        value: Decimal,
        unit: Unit,
    ) {
        self.push(Draft { key, name: name.to_string(), value, unit, role: "input", note: None });
    }
    pub(super) fn push(&mut self, d: Draft) {
        if !self.0.iter().any(|x| x.key == d.key) {
            self.0.push(d);
        }
    }
}

/// A KPI's formula over the keys of its inputs: applied to the inputs as shown, it must give the
/// result as shown (the explanation adds digits to the inputs until it does).
type Formula = fn(&[Decimal]) -> Option<Decimal>;

fn div(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_div(b)
}

pub(super) fn formula_of(id: &str) -> Option<(&'static [&'static str], Formula)> {
    Some(match id {
        "arr" => (&["mrr"], |v| Some(v[0] * Decimal::from(12))),
        "arpa" => (&["mrr", "active_customers"], |v| div(v[0], v[1])),
        "arpu" => (&["mrr", "active_seats"], |v| div(v[0], v[1])),
        "license_utilization" => (&["seats_active", "seats_purchased"], |v| div(v[0], v[1])),
        "net_new_mrr" => (
            &["mrr_new", "mrr_reactivation", "mrr_expansion", "mrr_contraction", "mrr_churn"],
            |v| Some(v[0] + v[1] + v[2] - v[3] - v[4]),
        ),
        "ltv_simple" => {
            (&["arpa", "gross_margin", "monthly_churn_rate"], |v| div(v[0] * v[1], v[2]))
        }
        "ltv_revenue_churn" => {
            (&["arpa", "gross_margin", "gross_mrr_churn_rate"], |v| div(v[0] * v[1], v[2]))
        }
        "customer_lifetime_months" => (&["monthly_churn_rate"], |v| div(Decimal::ONE, v[0])),
        "clv_net_of_cac" => (&["arpa", "gross_margin", "customer_lifetime_months", "cac"], |v| {
            Some(v[0] * v[1] * v[2] - v[3])
        }),
        "cac" => (&["spend", "customers_new"], |v| div(v[0], v[1])),
        "ltv_to_cac" => (&["ltv_simple", "cac"], |v| div(v[0], v[1])),
        "cac_payback_months" => {
            (&["cac", "new_customer_arpa", "gross_margin"], |v| div(v[0], v[1] * v[2]))
        }
        "crc" => (&["spend", "active_customers"], |v| div(v[0], v[1])),
        "stickiness" => (&["dau", "mau"], |v| div(v[0], v[1])),
        "quick_ratio" => (
            &["mrr_new", "mrr_reactivation", "mrr_expansion", "mrr_contraction", "mrr_churn"],
            |v| div(v[0] + v[1] + v[2], v[3] + v[4]),
        ),
        "top10_mrr_share" | "top_decile_mrr_share" => (&["top_mrr", "mrr"], |v| div(v[0], v[1])),
        "nrr" => (&["end_mrr", "start_mrr"], |v| div(v[0], v[1])),
        "grr" => (&["kept_mrr", "start_mrr"], |v| div(v[0], v[1])),
        "customer_retention_rate" => (&["retained", "start_customers"], |v| div(v[0], v[1])),
        "customer_churn_rate" => {
            (&["retained", "start_customers"], |v| div(v[0], v[1]).map(|r| Decimal::ONE - r))
        }
        "monthly_churn_rate" => (&["churned_sum", "base_customers"], |v| div(v[0], v[1])),
        "gross_mrr_churn_rate" => (&["lost_mrr", "base_mrr"], |v| div(v[0], v[1])),
        "net_mrr_churn_rate" => (&["net_lost_mrr", "base_mrr"], |v| div(v[0], v[1])),
        "expansion_mrr_rate" => (&["expansion_sum", "base_mrr"], |v| div(v[0], v[1])),
        "nps" | "enps" => {
            (&["promoters", "detractors", "n"], |v| div(Decimal::ONE_HUNDRED * (v[0] - v[1]), v[2]))
        }
        "clv_transactional" => (
            &["average_purchase_value", "purchase_frequency_per_year", "average_lifespan_years"],
            |v| Some(v[0] * v[1] * v[2]),
        ),
        _ => return None,
    })
}

/// A KPI's informative field (`n`, `promoters`, `spend`...) as an input: its key, name and unit.
pub(super) fn detail(id: &str, key: &'static str, unit: Unit) -> (&'static str, String, Unit) {
    let n = |name: &str| ("n", name.to_string(), Unit::Count);
    match key {
        "n" => match id {
            "customer_retention_rate" | "customer_churn_rate" => {
                ("start_customers", "Customers at start".into(), Unit::Count)
            }
            "nps" | "enps" | "csat" | "ces_mean" | "ces_easy" => n("Responses"),
            "fcr" | "avg_resolution_hours" => n("Resolved tickets opened in the period"),
            "health_avg" => n("Customers with a score"),
            "acv" | "tcv" => n("Contracts starting in the period"),
            "clv_transactional" => n("Orders in the period"),
            "repeat_purchase_rate" => n("Customers with an order"),
            "license_utilization" => n("Customers with seat counts"),
            "avg_session_minutes" => n("Sessions"),
            "trial_conversion_rate" => n("Trials started"),
            "renewal_rate" => n("Renewals due"),
            "ttfv_days" => n("Customers reaching first value"),
            "onboarding_rating" => n("Rated onboardings"),
            "top10_mrr_share" | "top_decile_mrr_share" | "mrr_hhi" => {
                ("active_customers", "Active customers".into(), Unit::Count)
            }
            _ => n("Count"),
        },
        "promoters" => (key, "Promoters (9–10)".into(), Unit::Count),
        "passives" => (key, "Passives (7–8)".into(), Unit::Count),
        "detractors" => (key, "Detractors (0–6)".into(), Unit::Count),
        "median" => (key, "Median".into(), unit),
        "top" => (key, "Customers in the top group".into(), Unit::Count),
        "still_onboarding" => (key, "Still onboarding at the end".into(), Unit::Count),
        "other" => (key, "Other touchpoints".into(), Unit::Count),
        "spend" if id == "crc" => (key, "Customer success and support spend".into(), Unit::Money),
        "spend" => (key, "Sales and marketing spend".into(), Unit::Money),
        "new_customer_arpa" => (key, "First-month ARPA of new customers".into(), Unit::Money),
        "average_purchase_value" => (key, "Average order value".into(), Unit::Money),
        "purchase_frequency_per_year" => (key, "Orders per customer a year".into(), Unit::Count),
        "average_lifespan_years" => (key, "Average customer lifespan (years)".into(), Unit::Count),
        other => {
            let words = other.replace('_', " ");
            let mut c = words.chars();
            let name = c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default();
            (key, name, unit)
        }
    }
}

/// The most decimals an input is given to reproduce a result.
const MAX_DP: u32 = 12;

/// The decimals each input is first shown with: cents for money that has them, one decimal of a
/// percentage, whole counts; fewer when the value needs fewer.
fn base_dp(v: Decimal, unit: Unit) -> u32 {
    let exact = display::exact_dp(v, unit, "");
    match unit {
        Unit::Money if exact == 0 => 0,
        Unit::Money => 2,
        _ => exact.min(1),
    }
}

/// The decimals of each of `values` (in the written scale of its unit) such that `f` of the values
/// as shown gives `result` as shown: starting from `base_dp`, one more decimal at a time to the
/// input whose rounding moves the result most, until the shown result is reached.
fn fit_digits(
    values: &[(Decimal, Unit)],
    f: Formula,
    result: Decimal,
    unit: Unit,
    id: &str,
) -> Vec<u32> {
    let mut dp: Vec<u32> = values.iter().map(|(v, u)| base_dp(*v, *u)).collect();
    let want = display::shown(result, unit, id);
    let exact: Vec<Decimal> = values.iter().map(|v| v.0).collect();
    // Only a formula that gives the result from the exact inputs can be checked.
    if f(&exact).map(|v| display::shown(v, unit, id)) != Some(want) {
        return dp;
    }
    let shown_inputs = |dp: &[u32]| -> Vec<Decimal> {
        values
            .iter()
            .zip(dp)
            .map(|((v, u), p)| {
                let s = display::scale(*u, "");
                display::round(*v * s, *p) / s
            })
            .collect()
    };
    for _ in 0..values.len() as u32 * MAX_DP {
        let shown = shown_inputs(&dp);
        if f(&shown).map(|v| display::shown(v, unit, id)) == Some(want) {
            break;
        }
        let mut best: Option<(usize, Decimal)> = None;
        for k in 0..values.len() {
            if dp[k] >= MAX_DP || dp[k] >= display::exact_dp(values[k].0, values[k].1, "") {
                continue;
            }
            let mut one = shown.clone();
            one[k] = exact[k];
            let Some(err) = f(&one).map(|v| (v - result).abs()) else { continue };
            if best.is_none_or(|b| err < b.1) {
                best = Some((k, err));
            }
        }
        match best {
            Some((k, _)) => dp[k] += 1,
            None => break,
        }
    }
    dp
}

/// The drafts as inputs: the formula's inputs first (in its order), then the others, then the
/// previous period and the change; each written with the digits that reproduce the result.
pub(super) fn write_inputs(
    drafts: Drafts,
    id: &str,
    result: &Kpi,
    previous: &super::super::PeriodOut,
    currency: &str,
) -> Vec<Input> {
    let mut drafts = drafts.0;
    let formula = formula_of(id);
    let order = |d: &Draft| match formula.map(|f| f.0.iter().position(|k| *k == d.key)) {
        Some(Some(i)) => i,
        _ => usize::MAX,
    };
    drafts.sort_by_key(|d| order(d));
    let mut dp: Vec<u32> = drafts.iter().map(|d| base_dp(d.value, d.unit)).collect();
    if let (Some((keys, f)), Some(r)) = (formula, result.number()) {
        let used: Option<Vec<usize>> =
            keys.iter().map(|k| drafts.iter().position(|d| d.key == *k)).collect();
        if let Some(used) = used {
            let values: Vec<(Decimal, Unit)> =
                used.iter().map(|&i| (drafts[i].value, drafts[i].unit)).collect();
            let fitted = fit_digits(&values, f, r, result.unit, id);
            for (i, p) in used.into_iter().zip(fitted) {
                dp[i] = p;
            }
        }
    }
    let mut out: Vec<Input> = drafts
        .into_iter()
        .zip(dp)
        .map(|(d, p)| Input {
            key: d.key,
            display: display::text(d.value, d.unit, d.key, p, currency),
            name: d.name,
            value: num(d.value),
            unit: d.unit,
            role: d.role,
            note: d.note,
        })
        .collect();
    let extra = |k: &str| result.extra.iter().find(|(x, _)| *x == k).map(|(_, v)| *v);
    if let Some(v) = extra("previous") {
        out.push(Input {
            key: "previous",
            name: format!(
                "Previous period ({})",
                display::period_label(&previous.from, &previous.to)
            ),
            value: num(v),
            unit: result.unit,
            display: display::value_text(v, result.unit, id, currency),
            role: "previous",
            note: None,
        });
    }
    if let Some(v) = extra("change") {
        out.push(Input {
            key: "change",
            name: "Change vs previous period".into(),
            value: num(v),
            unit: result.unit,
            display: display::change_text(v, result.unit, id, currency),
            role: "change",
            note: None,
        });
    }
    out
}
