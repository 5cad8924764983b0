//! The "At risk next" page: the customers the health backtest (crate::health) finds most likely to
//! churn within H months, with the MRR at risk and what pulls their score down.

use super::layout::{Align, Canvas, Style, BODY, INK, LABEL, MARGIN, SMALL};
use super::pages::money;
use super::PackInput;
use crate::health::{at_risk::AtRisk, health_backtest, BacktestOptions};
use crate::kpi::{self, ReportRequest};
use crate::model::{Dataset, Month};
use crate::settings::Settings;

/// Rows on the page: one landscape page, readable.
const ROWS: usize = 15;

/// What the page shows, from the backtest of the pack's data (its segment only, when it has one).
#[derive(Debug, Clone)]
pub struct AtRiskNext {
    pub horizon: u32,
    /// The month the customers are scored at (the last month of the revenue data).
    pub month: Month,
    pub list: Vec<AtRisk>,
    /// Scored customers in all.
    pub total: usize,
    /// The backtest AUC of the score, or why there is none.
    pub auc: Result<f64, String>,
}

/// The backtest of the view's customers; Err with the reason when it cannot be run (too short a
/// history, no revenue): the page then says so.
pub fn gather(d: &Dataset, req: &ReportRequest, settings: &Settings) -> Result<AtRiskNext, String> {
    let segment = req.segment.as_ref().map(|(k, v)| kpi::segment::filter(d, k, v).0);
    let d = segment.as_ref().unwrap_or(d);
    // The page shows no interval: fewer bootstrap replicates keep the pack quick.
    let opts = BacktestOptions { at_risk_limit: Some(ROWS), replicates: 20, ..Default::default() };
    let r = health_backtest(d, settings, &opts).map_err(|e| e.to_string())?;
    let auc = r.backtest.auc.ok_or_else(|| {
        r.backtest.reason.clone().unwrap_or_else(|| "too few churn events".to_string())
    });
    Ok(AtRiskNext {
        horizon: r.horizon,
        month: r.at_risk_month,
        list: r.at_risk,
        total: r.at_risk_total,
        auc,
    })
}

pub(super) fn page(c: &mut Canvas, input: &PackInput, top: f32) {
    let r = match &input.at_risk {
        Ok(r) if !r.list.is_empty() => r,
        Ok(_) => {
            let t = "No customer active in the last month of the data has a health score.";
            c.paragraph(MARGIN, top + 10.0, t, BODY, 600.0);
            return;
        }
        Err(why) => {
            let t = format!("The health backtest could not be run: {why}.");
            c.paragraph(MARGIN, top + 10.0, &t, BODY, 600.0);
            return;
        }
    };
    let x = MARGIN;
    let right = c.width - MARGIN;
    let w = right - x;
    // Column positions as shares of the width (A4 and Letter differ).
    let at = |share: f32| x + w * share;
    let cols = [
        (at(0.0), "ACCOUNT", Align::Left),
        (at(0.30), "CSM", Align::Left),
        (at(0.49), "MRR AT RISK", Align::Right),
        (at(0.56), "SCORE", Align::Right),
        (at(0.65), "CHANCE", Align::Right),
        (at(0.68), "PULLING IT DOWN", Align::Left),
        (right, "LAST TOUCH", Align::Right),
    ];
    for (px, t, al) in cols {
        c.text(px, top, t, LABEL, al);
    }
    let row_h = ((c.height - top - MARGIN - 50.0) / (r.list.len() as f32 + 1.0)).min(22.0);
    let mut y = top + row_h;
    for a in &r.list {
        let name = a.name.clone().unwrap_or_else(|| a.customer_id.clone());
        c.text(
            cols[0].0,
            y,
            &c.fit(&name, BODY, w * 0.29),
            Style::new(9.5, true, INK),
            Align::Left,
        );
        c.text(
            cols[1].0,
            y,
            &c.fit(a.csm.as_deref().unwrap_or("—"), BODY, w * 0.11),
            BODY,
            Align::Left,
        );
        c.text(cols[2].0, y, &money(input, "mrr", a.mrr.0), BODY, Align::Right);
        c.text(cols[3].0, y, &format!("{:.1}", a.score), BODY, Align::Right);
        let chance = a.churn_probability.map(|p| format!("{:.1}%", p * 100.0));
        c.text(cols[4].0, y, chance.as_deref().unwrap_or("—"), BODY, Align::Right);
        let pulls: Vec<String> = a
            .pulling_down
            .iter()
            .map(|p| format!("{} {:.0}", component(p.component), p.value))
            .collect();
        let pulls = if pulls.is_empty() { "—".to_string() } else { pulls.join(", ") };
        c.text(cols[5].0, y, &c.fit(&pulls, BODY, w * 0.22), BODY, Align::Left);
        let touch = a.last_touchpoint.map(|d| d.format("%-d %b %Y").to_string());
        c.text(cols[6].0, y, touch.as_deref().unwrap_or("—"), BODY, Align::Right);
        c.hrule(x, y + row_h * 0.4, w);
        y += row_h;
    }
    let auc = match &r.auc {
        Ok(a) => format!("The score's AUC over your history is {a:.2} (0.5 is a coin toss)."),
        Err(why) => format!("The score has no AUC over your history: {why}."),
    };
    let note = format!(
        "The {} of {} customers scored at the end of {} most likely to churn within {} months: chance is \
         the share of customers with a score like theirs who churned within {} months in the backtest of \
         the data (each month scored with only the rows dated by then). {auc} Pulling it down: the health \
         components below the customer's own score (0-100).",
        r.list.len(),
        r.total,
        crate::kpi::display::period_label(&r.month.to_string(), &r.month.to_string()),
        r.horizon,
        r.horizon,
    );
    c.paragraph(x, y + 8.0, &note, SMALL, w);
}

fn component(id: &str) -> &'static str {
    match id {
        "utilization" => "seat use",
        "nps" => "NPS",
        "mrr_trend" => "MRR trend",
        "support" => "support",
        "engagement" => "engagement",
        _ => "other",
    }
}
