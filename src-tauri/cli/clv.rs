//! `northstar clv`: predictive CLV from the files' orders table (spec/cli.md).

use super::args::ClvArgs;
use crate::clv::{analyse, Options};
use crate::loader::{load, Input};

pub fn run(a: &ClvArgs) -> Result<(), String> {
    let settings = crate::import::ImportSettings {
        mapping: super::report::read_mapping(a.mapping.as_deref())?,
        ..Default::default()
    };
    let imported = load(&Input::Files(a.files.clone()), &settings).map_err(|e| e.to_string())?;
    let opts = Options {
        calibration_end: a.calibration_end,
        unit: a.unit,
        horizon: a.horizon,
        discount_rate: a.discount_rate,
        top: 20,
    };
    let refused = imported
        .report
        .issues
        .iter()
        .filter(|i| {
            imported.report.tables.iter().any(|t| {
                t.kind == Some(crate::import::TableKind::Orders)
                    && t.file == i.file
                    && t.sheet == i.sheet
            })
        })
        .count();
    if refused > 0 {
        eprintln!("northstar: {refused} order rows were not read (see `northstar report FILE --json` for each row and reason)");
    }
    let r = analyse(&imported.dataset.orders, &opts).map_err(|e| e.to_string())?;
    if a.json {
        println!("{}", serde_json::to_string_pretty(&r).map_err(|e| e.to_string())?);
        return Ok(());
    }
    let b = &r.bgnbd.params;
    let g = &r.gamma_gamma;
    println!(
        "{} customers ({} bought again) to {}; unit {}, horizon {}",
        r.customers,
        r.repeat_customers,
        r.calibration_end,
        r.unit.name(),
        r.horizon
    );
    println!(
        "BG/NBD r {:.4} alpha {:.4} a {:.4} b {:.4} (log-likelihood {:.1}); Gamma-Gamma p {:.4} q {:.4} gamma {:.4}",
        b.r, b.alpha, b.a, b.b, r.bgnbd.log_likelihood, g.p, g.q, g.gamma
    );
    if let Some(note) = &r.bgnbd.boundary {
        println!("note: {note}");
    }
    println!(
        "expected repeat purchases {:.1}; mean P(alive) {:.4}; total CLV {}",
        r.expected_repeat_purchases,
        r.mean_p_alive,
        super::text::money(r.total_clv.0)
    );
    println!(
        "{:<16} {:>5} {:>8} {:>8} {:>8} {:>10} {:>12}",
        "customer", "x", "t_x", "T", "P(alive)", "purchases", "CLV"
    );
    for c in &r.top_customers {
        println!(
            "{:<16} {:>5} {:>8.2} {:>8.2} {:>8.3} {:>10.2} {:>12}",
            c.customer_id,
            c.x,
            c.t_x,
            c.t,
            c.p_alive,
            c.expected_purchases,
            super::text::money(c.clv.0)
        );
    }
    Ok(())
}
