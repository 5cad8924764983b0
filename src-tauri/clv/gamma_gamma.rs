//! The Gamma-Gamma model of spend (Fader, Hardie & Lee, "RFM and CLV", 2005): a customer's
//! transaction values vary around their mean ν with shape p; ν ~ Gamma(q, γ) across customers.
//! Fitted on customers with at least one repeat transaction, from their mean repeat spend.

use super::optimize::minimise;
use super::special::{digamma, ln_gamma};

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "GammaGammaParams"))]
pub struct Params {
    pub p: f64,
    pub q: f64,
    pub gamma: f64,
}

/// The log-likelihood and gradient in (ln p, ln q, ln γ) of customers (x, mean spend), spend
/// divided by `scale`.
fn ll(data: &[(u32, f64)], u: &[f64], scale: f64) -> (f64, [f64; 3]) {
    let (p, q, g) = (u[0].exp(), u[1].exp(), u[2].exp());
    let (lg_q, dg_q, ln_g) = (ln_gamma(q), digamma(q), g.ln());
    let (mut ll, mut grad) = (0.0, [0.0; 3]);
    let mut cache: Option<(u32, [f64; 3])> = None;
    for &(x, m) in data {
        // Terms of x alone (the data are sorted by x, so one computation serves a run of x).
        let [lg, psi_pxq, psi_px] = match cache {
            Some((cx, v)) if cx == x => v,
            _ => {
                let px = p * x as f64;
                let v = [ln_gamma(px + q) - ln_gamma(px), digamma(px + q), digamma(px)];
                cache = Some((x, v));
                v
            }
        };
        let (x, m) = (x as f64, m / scale);
        let px = p * x;
        let l_xmg = (x * m + g).ln();
        ll += lg - lg_q + q * ln_g + (px - 1.0) * m.ln() + px * x.ln() - (px + q) * l_xmg;
        grad[0] += p * x * (psi_pxq - psi_px + m.ln() + x.ln() - l_xmg);
        grad[1] += q * (psi_pxq - dg_q + ln_g - l_xmg);
        grad[2] += g * (q / g - (px + q) / (x * m + g));
    }
    (ll, grad)
}

/// Maximum-likelihood fit on (x, mean repeat spend) with x > 0 and spend > 0; None when it does not
/// converge to finite parameters.
pub fn fit(data: &[(u32, f64)]) -> Option<Params> {
    let mut data: Vec<(u32, f64)> =
        data.iter().copied().filter(|(x, m)| *x > 0 && *m > 0.0).collect();
    if data.is_empty() {
        return None;
    }
    data.sort_by_key(|a| a.0);
    // Spend scaled to a mean of 1, so any currency starts the optimiser at the same place.
    let scale = data.iter().map(|(_, m)| m).sum::<f64>() / data.len() as f64;
    let neg = |u: &[f64]| {
        let (v, g) = ll(&data, u, scale);
        (-v, g.iter().map(|d| -d).collect())
    };
    let m = minimise(&neg, &[0.0; 3]);
    let p = Params { p: m.x[0].exp(), q: m.x[1].exp(), gamma: m.x[2].exp() * scale };
    let finite = [p.p, p.q, p.gamma].iter().all(|v| v.is_finite() && *v > 0.0);
    (m.converged && finite).then_some(p)
}

/// The expected mean transaction value of a customer with x repeat transactions of mean m: a
/// weighted average of the population mean pγ/(q−1) and the customer's own mean.
pub fn expected_value(p: &Params, x: u32, m: f64) -> f64 {
    let px = p.p * x as f64;
    p.p * (p.gamma + x as f64 * m) / (px + p.q - 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_matches_finite_differences_and_the_mean_shrinks() {
        let data = vec![(1, 10.0), (2, 35.5), (2, 20.0), (7, 14.0)];
        let u = [1.2, 0.8, 0.5];
        let (_, g) = ll(&data, &u, 1.7);
        for i in 0..3 {
            let (mut up, mut dn) = (u, u);
            up[i] += 1e-6;
            dn[i] -= 1e-6;
            let fd = (ll(&data, &up, 1.7).0 - ll(&data, &dn, 1.7).0) / 2e-6;
            assert!((fd - g[i]).abs() < 1e-6 * fd.abs().max(1.0), "{i}: {fd} vs {}", g[i]);
        }
        // With no history the expectation is the population mean pγ/(q − 1).
        let p = Params { p: 6.25, q: 3.74, gamma: 15.44 };
        assert!((expected_value(&p, 0, 0.0) - 6.25 * 15.44 / 2.74).abs() < 1e-12);
        // Many purchases pull it toward the customer's own mean.
        assert!((expected_value(&p, 1000, 50.0) - 50.0).abs() < 0.5);
    }
}
