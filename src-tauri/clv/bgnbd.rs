//! The BG/NBD model of repeat purchasing (Fader, Hardie & Lee, "Counting your customers the easy
//! way", 2005): while alive a customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase
//! they drop out with probability p ~ Beta(a, b).

use super::optimize::minimise;
use super::special::{digamma, ln_gamma, ln_hyp2f1};
use super::summary::Rfm;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Params {
    pub r: f64,
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
}

/// Customers compressed to distinct (x, t_x, T) with their counts; times kept as distinct values so
/// each logarithm is taken once per evaluation.
struct Rows {
    xs: Vec<u32>,
    /// Per row: index into `xs`, into `times` for t_x and for T, and the count.
    row: Vec<(u32, u32, u32, f64)>,
    times: Vec<f64>,
    /// Σ x over customers, for the likelihood's change of time unit.
    sum_x: f64,
}

impl Rows {
    fn new(data: &[Rfm]) -> Rows {
        let (mut xs, mut x_at) = (Vec::new(), HashMap::new());
        let (mut times, mut t_at) = (Vec::new(), HashMap::new());
        let mut counts: HashMap<(u32, u32, u32), f64> = HashMap::new();
        let mut idx = |v: f64, times: &mut Vec<f64>| -> u32 {
            *t_at.entry(v.to_bits()).or_insert_with(|| {
                times.push(v);
                times.len() as u32 - 1
            })
        };
        for c in data {
            let xi = *x_at.entry(c.x).or_insert_with(|| {
                xs.push(c.x);
                xs.len() as u32 - 1
            });
            let key = (xi, idx(c.t_x, &mut times), idx(c.t, &mut times));
            *counts.entry(key).or_default() += 1.0;
        }
        let mut row: Vec<_> = counts.into_iter().map(|((x, a, b), w)| (x, a, b, w)).collect();
        row.sort_by(|p, q| p.partial_cmp(q).unwrap_or(std::cmp::Ordering::Equal));
        Rows { xs, row, times, sum_x: data.iter().map(|c| c.x as f64).sum() }
    }

    /// The log-likelihood and its gradient in (ln r, ln α, ln a, ln b), with times divided by
    /// `scale` (α is then in scaled units too).
    fn ll(&self, u: &[f64], scale: f64) -> (f64, [f64; 4]) {
        let (r, alpha, a, b) = (u[0].exp(), u[1].exp(), u[2].exp(), u[3].exp());
        // Terms that depend on x only.
        let per_x: Vec<[f64; 7]> = self
            .xs
            .iter()
            .map(|&x| {
                let x = x as f64;
                let lg1 = ln_gamma(r + x) - ln_gamma(r);
                let dr = digamma(r + x) - digamma(r);
                let a2 = ln_gamma(a + b) + ln_gamma(b + x) - ln_gamma(b) - ln_gamma(a + b + x);
                let da = digamma(a + b) - digamma(a + b + x);
                let db = digamma(a + b) + digamma(b + x) - digamma(b) - digamma(a + b + x);
                let (c4, dc4b) = if x > 0.0 {
                    (a.ln() - (b + x - 1.0).ln(), -1.0 / (b + x - 1.0))
                } else {
                    (0.0, 0.0)
                };
                [lg1, dr, a2, da, db, c4, dc4b]
            })
            .collect();
        let logs: Vec<(f64, f64)> = self
            .times
            .iter()
            .map(|&t| {
                let v = alpha + t / scale;
                (v.ln(), 1.0 / v)
            })
            .collect();
        let ln_alpha = alpha.ln();
        let (mut ll, mut g) = (0.0, [0.0; 4]);
        for &(xi, txi, ti, w) in &self.row {
            let x = self.xs[xi as usize] as f64;
            let [lg1, dr, a2, da, db, c4, dc4b] = per_x[xi as usize];
            let (l_t, i_t) = logs[ti as usize];
            let a3 = -(r + x) * l_t;
            let (lse, w3, w4, l_tx, i_tx) = if x > 0.0 {
                let (l_tx, i_tx) = logs[txi as usize];
                let a4 = c4 - (r + x) * l_tx;
                let m = a3.max(a4);
                let (s3, s4) = ((a3 - m).exp(), (a4 - m).exp());
                (m + (s3 + s4).ln(), s3 / (s3 + s4), s4 / (s3 + s4), l_tx, i_tx)
            } else {
                (a3, 1.0, 0.0, 0.0, 0.0)
            };
            ll += w * (lg1 + r * ln_alpha + a2 + lse);
            g[0] += w * r * (dr + ln_alpha - w3 * l_t - w4 * l_tx);
            g[1] += w * alpha * (r / alpha - (r + x) * (w3 * i_t + w4 * i_tx));
            g[2] += w * a * (da + w4 / a);
            g[3] += w * b * (db + w4 * dc4b);
        }
        (ll, g)
    }
}

/// The fitted model.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Fit {
    #[serde(flatten)]
    pub params: Params,
    pub log_likelihood: f64,
}

/// Maximum-likelihood fit; None when the optimiser does not converge to finite parameters.
pub fn fit(data: &[Rfm]) -> Option<Fit> {
    let rows = Rows::new(data);
    // Times scaled so the longest is 10: α then starts near its optimum's order of magnitude.
    let scale = data.iter().map(|c| c.t).fold(0.0, f64::max).max(1e-9) / 10.0;
    let neg = |u: &[f64]| {
        let (v, g) = rows.ll(u, scale);
        (-v, g.iter().map(|d| -d).collect())
    };
    let m = minimise(&neg, &[0.0; 4]);
    let p =
        Params { r: m.x[0].exp(), alpha: m.x[1].exp() * scale, a: m.x[2].exp(), b: m.x[3].exp() };
    let finite = [p.r, p.alpha, p.a, p.b].iter().all(|v| v.is_finite() && *v > 0.0);
    if !m.converged || !finite {
        return None;
    }
    // In the original unit, the likelihood differs by Σx · ln(scale).
    let log_likelihood = -m.value - rows.sum_x * scale.ln();
    Some(Fit { params: p, log_likelihood })
}

/// The probability that a customer with this history is still alive at T.
pub fn p_alive(p: &Params, c: &Rfm) -> f64 {
    if c.x == 0 {
        return 1.0;
    }
    let x = c.x as f64;
    let ratio =
        (p.a / (p.b + x - 1.0)).ln() + (p.r + x) * ((p.alpha + c.t) / (p.alpha + c.t_x)).ln();
    1.0 / (1.0 + ratio.exp())
}

/// Expected transactions in the next `t` units for a customer with this history (eq. 10 of the
/// paper). None when the hypergeometric series does not settle.
pub fn expected_conditional(p: &Params, c: &Rfm, t: f64) -> Option<f64> {
    if t <= 0.0 {
        return Some(0.0);
    }
    let x = c.x as f64;
    let (r, alpha, a, b) = (p.r, p.alpha, p.a, p.b);
    let z = t / (alpha + c.t + t);
    let f = ln_hyp2f1(r + x, b + x, a + b + x - 1.0, z)?;
    let lead = (a + b + x - 1.0) / (a - 1.0);
    let num = lead * (1.0 - ((r + x) * ((alpha + c.t) / (alpha + c.t + t)).ln() + f).exp());
    let den = if c.x > 0 {
        1.0 + (a / (b + x - 1.0)) * ((r + x) * ((alpha + c.t) / (alpha + c.t_x)).ln()).exp()
    } else {
        1.0
    };
    Some(num / den)
}

/// Expected repeat transactions of a new customer in their first `t` units, E[X(t)] (eq. 7).
pub fn expected_new(p: &Params, t: f64) -> Option<f64> {
    if t <= 0.0 {
        return Some(0.0);
    }
    let (r, alpha, a, b) = (p.r, p.alpha, p.a, p.b);
    let f = ln_hyp2f1(r, b, a + b - 1.0, t / (alpha + t))?;
    Some((a + b - 1.0) / (a - 1.0) * (1.0 - (r * (alpha / (alpha + t)).ln() + f).exp()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The gradient matches finite differences of the likelihood.
    #[test]
    fn gradient_matches_finite_differences() {
        let data = vec![
            Rfm { x: 0, t_x: 0.0, t: 38.0, m: 0.0, spend: 10.0 },
            Rfm { x: 2, t_x: 20.5, t: 36.0, m: 12.0, spend: 30.0 },
            Rfm { x: 5, t_x: 30.0, t: 39.0, m: 20.0, spend: 90.0 },
            Rfm { x: 1, t_x: 2.0, t: 33.0, m: 5.0, spend: 9.0 },
        ];
        let rows = Rows::new(&data);
        let u = [(-1.2f64), 1.5, -0.2, 0.9];
        let (_, g) = rows.ll(&u, 3.9);
        for i in 0..4 {
            let h = 1e-6;
            let (mut up, mut dn) = (u, u);
            up[i] += h;
            dn[i] -= h;
            let fd = (rows.ll(&up, 3.9).0 - rows.ll(&dn, 3.9).0) / (2.0 * h);
            assert!((fd - g[i]).abs() < 1e-6 * fd.abs().max(1.0), "{i}: {fd} vs {}", g[i]);
        }
    }

    /// A customer who bought at the calibration end (t_x = T: a/(b + x − 1) against 1, 0.85) is far
    /// more likely alive than one
    /// silent for a long time; with x = 0 P(alive) is 1 by the model's assumption.
    #[test]
    fn p_alive_orders_customers_sensibly() {
        let p = Params { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };
        let recent = Rfm { x: 3, t_x: 38.0, t: 38.0, m: 1.0, spend: 1.0 };
        let silent = Rfm { x: 3, t_x: 2.0, t: 38.0, m: 1.0, spend: 1.0 };
        assert!(p_alive(&p, &recent) > 0.8 && p_alive(&p, &silent) < 0.05);
        assert_eq!(p_alive(&p, &Rfm { x: 0, t_x: 0.0, t: 38.0, m: 0.0, spend: 1.0 }), 1.0);
        // For a customer with x = 0 and T → 0 the conditional expectation equals a new customer's.
        let fresh = Rfm { x: 0, t_x: 0.0, t: 0.0, m: 0.0, spend: 1.0 };
        let (e1, e2) = (expected_conditional(&p, &fresh, 39.0), expected_new(&p, 39.0));
        assert!((e1.unwrap() - e2.unwrap()).abs() < 1e-12);
    }
}
