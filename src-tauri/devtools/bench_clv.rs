//! Benchmark of predictive CLV: the BG/NBD and Gamma-Gamma fits, and the whole analysis (every
//! customer's P(alive), expectation and CLV, the tracking curve), on the CDNOW sample (2,357
//! customers) and on a full-size cohort of 23,570 customers and 69,190 orders: the sample ten times
//! over with distinct ids, the size of the CDNOW master file (23,570 customers, 69,659 orders), which
//! is not in the repository. Prints figures; `cargo bench --no-default-features --bench clv`.

use chrono::NaiveDate;
use northstar::clv::{analyse, bgnbd, gamma_gamma, summary, Options, Unit};
use northstar::import::{import_sources, ImportSettings, Source};
use northstar::model::Order;
use std::time::Instant;

fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> (f64, T) {
    let mut out = None;
    let mut best = f64::INFINITY;
    for _ in 0..runs {
        let t = Instant::now();
        let v = f();
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        out = Some(v);
    }
    (best, out.expect("one run"))
}

fn main() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/cdnow/cdnow_sample_orders.csv");
    let bytes = std::fs::read(path).expect("CDNOW sample");
    let imp = import_sources(
        &[Source { name: "cdnow_sample_orders.csv".into(), bytes }],
        &ImportSettings::default(),
    )
    .expect("import");
    let sample = imp.dataset.orders;
    let master: Vec<Order> = (0..10)
        .flat_map(|k| {
            sample
                .iter()
                .map(move |o| Order { customer_id: format!("{}-{k}", o.customer_id), ..o.clone() })
        })
        .collect();
    let end = NaiveDate::from_ymd_opt(1997, 9, 30).expect("date");
    println!("predictive CLV, best of 5 (ms)");
    for (name, orders) in [("CDNOW sample", &sample), ("master-size cohort", &master)] {
        let (hist, _) = summary::histories(orders);
        let rfm: Vec<summary::Rfm> = hist.iter().filter_map(|h| h.rfm(end, Unit::Week)).collect();
        let spend: Vec<(u32, f64)> = rfm.iter().map(|r| (r.x, r.m)).collect();
        let (t_bg, bg) = best(5, || bgnbd::fit(&rfm).expect("BG/NBD converges"));
        let (t_gg, gg) = best(5, || gamma_gamma::fit(&spend).expect("Gamma-Gamma converges"));
        let (t_all, a) = best(5, || analyse(orders, &Options::new(end)).expect("analysis"));
        println!(
            "{name}: {} customers, {} orders | BG/NBD fit {t_bg:.1} | Gamma-Gamma fit {t_gg:.1} | both fits {:.1} | whole analysis {t_all:.1}",
            rfm.len(),
            orders.len(),
            t_bg + t_gg,
        );
        println!(
            "  r {:.4} alpha {:.4} a {:.4} b {:.4}; p {:.4} q {:.4} gamma {:.4}; {} tracking weeks",
            bg.params.r,
            bg.params.alpha,
            bg.params.a,
            bg.params.b,
            gg.p,
            gg.q,
            gg.gamma,
            a.tracking.len()
        );
    }
}
