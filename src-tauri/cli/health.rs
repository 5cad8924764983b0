//! `northstar health`: the backtest of the health score (crate::health), as JSON or readable text.

use super::args::HealthArgs;
use crate::health::{health_backtest, BacktestOptions, BandStats, HealthReport};

/// The CLI prints the 50 most likely; the app pages the whole list.
pub const AT_RISK_SHOWN: usize = 50;

pub fn run(a: &HealthArgs) -> Result<(), String> {
    let settings = super::report::read_settings(a.settings.as_deref())?;
    let imported = super::report::import(&a.files, &settings, a.mapping.as_deref())?;
    let opts = BacktestOptions {
        horizon: a.horizon,
        seed: a.seed.unwrap_or(1),
        at_risk_limit: Some(AT_RISK_SHOWN),
        ..Default::default()
    };
    let r = health_backtest(&imported.dataset, &settings, &opts).map_err(|e| e.to_string())?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?);
    } else {
        print_text(&r);
    }
    Ok(())
}

fn num(x: Option<f64>, digits: usize) -> String {
    x.map(|v| format!("{v:.digits$}")).unwrap_or_else(|| "none".into())
}

fn pct(x: Option<f64>) -> String {
    x.map(|v| format!("{:.1}%", v * 100.0)).unwrap_or_else(|| "none".into())
}

fn band_line(name: &str, b: &BandStats) -> String {
    format!("{name:<7} {:>8} rows {:>7} churned {:>7}", b.rows, b.churned, pct(b.churn_rate))
}

fn print_text(r: &HealthReport) {
    let b = &r.backtest;
    println!(
        "Health score backtest, {} .. {}, churn within {} months",
        r.months.from, r.months.to, r.horizon
    );
    println!("{} scored customer-months, {} churn events", b.rows, b.churn_events);
    match (b.auc, &b.reason) {
        (Some(a), _) => {
            let ci = b.auc_ci.map(|c| format!(" (95% CI {:.3} .. {:.3})", c[0], c[1]));
            println!("AUC {a:.3}{}", ci.unwrap_or_default())
        }
        (None, reason) => println!("AUC none: {}", reason.as_deref().unwrap_or("")),
    }
    for (name, c) in crate::health::snapshot::COMPONENTS.iter().zip(&b.components.0) {
        println!("  {name:<12} AUC {:>6} over {} rows", num(c.auc, 3), c.rows);
    }
    println!("{}", band_line("red", &b.bands.red));
    println!("{}", band_line("yellow", &b.bands.yellow));
    println!("{}", band_line("green", &b.bands.green));
    println!("lift red over green: {}", num(b.lift_red_over_green, 2));
    for y in &b.per_year {
        println!(
            "  {}: {} rows, {} churn events, AUC {}",
            y.year,
            y.rows,
            y.churn_events,
            num(y.auc, 3)
        );
    }
    println!("calibration (score deciles):");
    for d in &b.calibration {
        println!(
            "  {:>2} {:>6.1} .. {:<6.1} {:>7} rows {:>7} {:<6}",
            d.decile,
            d.score_from,
            d.score_to,
            d.rows,
            pct(Some(d.churn_rate)),
            d.band
        );
    }
    let e = &b.early_warning;
    println!("early warning, {} churned customers:", e.churned);
    for m in &e.months {
        println!(
            "  {} month(s) before: red {} yellow {} green {} unscored {}",
            m.before, m.red, m.yellow, m.green, m.unscored
        );
    }
    match (&r.suggested_weights, &r.suggested_weights_reason) {
        (Some(w), _) => println!(
            "suggested weights: utilization {} nps {} mrr_trend {} support {} engagement {}",
            w.utilization, w.nps, w.mrr_trend, w.support, w.engagement
        ),
        (None, reason) => println!("suggested weights: none ({})", reason.as_deref().unwrap_or("")),
    }
    let f = &r.forward_auc;
    if let (Some(tr), Some(te)) = (f.train, f.test) {
        println!(
            "forward AUC (train {} .. {}, test {} .. {}): current {}, suggested {}",
            tr.from,
            tr.to,
            te.from,
            te.to,
            num(f.current, 3),
            num(f.suggested, 3)
        );
    }
    if let Some(reason) = &f.reason {
        println!("forward AUC: {reason}");
    }
    let n = &r.nps_outcomes;
    for (name, g) in
        [("promoter", &n.promoter), ("passive", &n.passive), ("detractor", &n.detractor)]
    {
        println!(
            "  {name:<9} {:>6} customers: churn {} expansion {} over the next 6 months",
            g.customers,
            pct(g.churn_rate),
            pct(g.expansion_rate)
        );
    }
    println!("at risk at {} ({} of {}):", r.at_risk_month, r.at_risk.len(), r.at_risk_total);
    for c in &r.at_risk {
        let pulls: Vec<String> =
            c.pulling_down.iter().map(|p| format!("{} {:.0}", p.component, p.value)).collect();
        println!(
            "  {:<12} {:>6} {:>5.1} {:<6} {:>12} {} | {}",
            c.customer_id,
            pct(c.churn_probability),
            c.score,
            c.band,
            super::text::money(c.mrr.0),
            c.csm.as_deref().unwrap_or("-"),
            pulls.join(", ")
        );
    }
    for note in &r.notes {
        println!("note: {note}");
    }
}
