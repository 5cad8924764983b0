//! The KPI spec's monthly recurrences, path by path, with each month's rates drawn from the observed
//! months. In f64: the paths make a distribution whose P10/P50/P90 are reported as numbers, not
//! money to the cent, and 10,000 paths x 120 months in exact decimals would take seconds.
//!
//! Per month t of a path, with that month's rates (c, c_r, e, k, n, a_new):
//! MRR(t) = MRR(t-1)(1-c_r)(1+e-k) + n(t) a_new, n(t) = n (1+growth)^(t-1); C(t) = C(t-1)(1-c) + n(t);
//! the existing book's year-y NRR = product over the year's months of (1-c_r)(1+e-k), GRR of
//! (1-c_r)(1-k) (the deterministic model's ((1-c_r)(1+e-k))^12 when every month is the same).

use super::bootstrap;
use super::observed::{ObservedRates, RateSet};

/// What the recurrences start from (a scenario's inputs other than the drawn rates).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Start {
    pub start_mrr: f64,
    pub start_customers: f64,
    pub new_customer_growth: f64,
    pub gross_margin: f64,
    pub annual_discount_rate: f64,
    pub years: u32,
}

/// Every path's figures, stored month (or year) after month: `mrr[t * paths + p]` is path p's MRR
/// at the end of month t + 1.
#[derive(Debug, Clone)]
pub struct Simulation {
    pub paths: usize,
    pub years: usize,
    pub mrr: Vec<f64>,
    pub customers: Vec<f64>,
    /// `[y * paths + p]`, year y + 1.
    pub arr: Vec<f64>,
    pub year_customers: Vec<f64>,
    pub nrr: Vec<f64>,
    pub grr: Vec<f64>,
    /// The lifetime value with the path's mean monthly c, e, k in the spec's a g / (1 - r);
    /// infinite where that r >= 1 (the sum does not converge).
    pub clv: Vec<f64>,
    /// The value of one customer over the horizon with the path's own months:
    /// sum over t = 0..H-1 of a g r_1 ... r_t.
    pub clv_horizon: Vec<f64>,
}

/// Each observed month's rates moved by (centre - observed mean), clamped where the move leaves
/// their range: churn, revenue churn, expansion and contraction to [0, 1] (a scenario's bounds), new
/// customers and their ARPA to >= 0. Also how many (month, rate) pairs were clamped.
pub fn shifted(obs: &ObservedRates, centre: RateSet) -> (Vec<[f64; 6]>, usize) {
    let (mean, fill) = (obs.mean().to_array(), obs.mean_new_arpa());
    let centre = centre.to_array();
    let mut clamped = 0;
    let table = (0..obs.months.len())
        .map(|i| {
            let x = obs.rates(i, fill).to_array();
            std::array::from_fn(|j| {
                // centre + (x - mean): a month equal to the mean lands exactly on the centre.
                let v = centre[j] + (x[j] - mean[j]);
                let hi = if j < 4 { 1.0 } else { f64::INFINITY };
                let out = v.clamp(0.0, hi);
                if out != v {
                    clamped += 1;
                }
                out
            })
        })
        .collect();
    (table, clamped)
}

pub fn simulate(table: &[[f64; 6]], start: &Start, paths: usize, seed: u64) -> Simulation {
    let years = start.years as usize;
    let h = 12 * years;
    let mut sim = Simulation {
        paths,
        years,
        mrr: vec![0.0; h * paths],
        customers: vec![0.0; h * paths],
        arr: vec![0.0; years * paths],
        year_customers: vec![0.0; years * paths],
        nrr: vec![0.0; years * paths],
        grr: vec![0.0; years * paths],
        clv: vec![0.0; paths],
        clv_horizon: vec![0.0; paths],
    };
    let discount = 1.0 + ((1.0 + start.annual_discount_rate).powf(1.0 / 12.0) - 1.0);
    let ag = start.start_mrr / start.start_customers * start.gross_margin;
    // (1+growth)^(t-1) by repeated products, as the deterministic model builds it.
    let growth: Vec<f64> = (0..h)
        .scan(1.0, |g, t| {
            if t > 0 {
                *g *= 1.0 + start.new_customer_growth;
            }
            Some(*g)
        })
        .collect();
    let mut rng = bootstrap::rng(seed);
    let mut drawn = vec![0usize; h];
    for p in 0..paths {
        bootstrap::draw_path(&mut rng, table.len(), &mut drawn);
        let (mut mrr, mut cust) = (start.start_mrr, start.start_customers);
        let (mut nrr, mut grr) = (1.0, 1.0);
        let (mut sum_c, mut sum_e, mut sum_k) = (0.0, 0.0, 0.0);
        let (mut term, mut horizon) = (ag, 0.0);
        for (t, &i) in drawn.iter().enumerate() {
            let [c, c_r, e, k, n, a_new] = table[i];
            let n_t = n * growth[t];
            let keep = (1.0 - c_r) * (1.0 + e - k);
            mrr = mrr * keep + n_t * a_new;
            cust = cust * (1.0 - c) + n_t;
            nrr *= keep;
            grr *= (1.0 - c_r) * (1.0 - k);
            sum_c += c;
            sum_e += e;
            sum_k += k;
            horizon += term;
            term *= (1.0 - c) * (1.0 + e - k) / discount;
            sim.mrr[t * paths + p] = mrr;
            sim.customers[t * paths + p] = cust;
            if t % 12 == 11 {
                let y = t / 12;
                sim.arr[y * paths + p] = 12.0 * mrr;
                sim.year_customers[y * paths + p] = cust;
                sim.nrr[y * paths + p] = nrr;
                sim.grr[y * paths + p] = grr;
                (nrr, grr) = (1.0, 1.0);
            }
        }
        let hf = h as f64;
        let r = (1.0 - sum_c / hf) * (1.0 + sum_e / hf - sum_k / hf) / discount;
        sim.clv[p] = if r < 1.0 { ag / (1.0 - r) } else { f64::INFINITY };
        sim.clv_horizon[p] = horizon;
    }
    sim
}
