//! The BG/NBD model of repeat purchasing (Fader, Hardie & Lee, "Counting your customers the easy
//! way", 2005): while alive a customer buys at a Poisson rate λ ~ Gamma(r, α); after each purchase
//! they drop out with probability p ~ Beta(a, b).

use super::optimize::minimise_within;
use super::special::ln_hyp2f1;
use super::summary::Rfm;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BgNbdParams"))]
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
    ///
    /// Written to stay exact as parameters grow without limit (the fits this guards are those on
    /// the edge): Γ(r + x)/Γ(r) and B(a, b + x)/B(a, b) as products over the x repeat purchases
    /// rather than differences of ln Γ of huge numbers, and r ln α − (r + x) ln(α + T) as
    /// −r ln(1 + T/α) − x ln(α + T).
    fn ll(&self, u: &[f64], scale: f64) -> (f64, [f64; 4]) {
        let (r, alpha, a, b) = (u[0].exp(), u[1].exp(), u[2].exp(), u[3].exp());
        // Terms that depend on x only, accumulated over j < x (`xs` is small: the distinct x).
        let max_x = self.xs.iter().copied().max().unwrap_or(0) as usize;
        // For each k ≤ max_x: Σ_{j<k} of ln(r + j), 1/(r + j), ln(b + j) − ln(a + b + j),
        // −1/(a + b + j) and 1/(b + j) − 1/(a + b + j).
        let mut cum = Vec::with_capacity(max_x + 1);
        let mut acc = [0.0f64; 5];
        cum.push(acc);
        for j in 0..max_x {
            let j = j as f64;
            acc[0] += (r + j).ln();
            acc[1] += 1.0 / (r + j);
            acc[2] -= (a / (b + j)).ln_1p();
            acc[3] -= 1.0 / (a + b + j);
            acc[4] += a / ((b + j) * (a + b + j));
            cum.push(acc);
        }
        let per_x: Vec<[f64; 7]> = self
            .xs
            .iter()
            .map(|&x| {
                let [lg1, dr, a2, da, db] = cum[x as usize];
                let x = x as f64;
                let (c4, dc4b) = if x > 0.0 {
                    (a.ln() - (b + x - 1.0).ln(), -1.0 / (b + x - 1.0))
                } else {
                    (0.0, 0.0)
                };
                [lg1, dr, a2, da, db, c4, dc4b]
            })
            .collect();
        // Per time t: ln(1 + t/α), ln(α + t), t/(α + t) and α/(α + t).
        let logs: Vec<[f64; 4]> = self
            .times
            .iter()
            .map(|&t| {
                let t = t / scale;
                let v = alpha + t;
                [(t / alpha).ln_1p(), v.ln(), t / v, alpha / v]
            })
            .collect();
        let (mut ll, mut g) = (0.0, [0.0; 4]);
        for &(xi, txi, ti, w) in &self.row {
            let x = self.xs[xi as usize] as f64;
            let [lg1, dr, a2, da, db, c4, dc4b] = per_x[xi as usize];
            // A3 and A4 with r ln α folded in; their derivatives in α times α.
            let [l1_t, l_t, f_t, h_t] = logs[ti as usize];
            let a3 = -r * l1_t - x * l_t;
            let d3 = r * f_t - x * h_t;
            let (lse, w3, w4, l1_tx, d4) = if x > 0.0 {
                let [l1_tx, l_tx, f_tx, h_tx] = logs[txi as usize];
                let a4 = c4 - r * l1_tx - x * l_tx;
                let m = a3.max(a4);
                let (s3, s4) = ((a3 - m).exp(), (a4 - m).exp());
                (m + (s3 + s4).ln(), s3 / (s3 + s4), s4 / (s3 + s4), l1_tx, r * f_tx - x * h_tx)
            } else {
                (a3, 1.0, 0.0, 0.0, 0.0)
            };
            ll += w * (lg1 + a2 + lse);
            g[0] += w * r * (dr - w3 * l1_t - w4 * l1_tx);
            g[1] += w * (w3 * d3 + w4 * d4);
            g[2] += w * (a * da + w4);
            g[3] += w * b * (db + w4 * dc4b);
        }
        (ll, g)
    }
}

/// The fitted model.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BgNbdFit"))]
pub struct Fit {
    #[serde(flatten)]
    pub params: Params,
    /// The log-likelihood of the purchase histories as Fader, Hardie & Lee (and the lifetimes
    /// package) write it: a density of the purchase times, so it depends on the time unit by the
    /// Jacobian of the change of unit, Σx · ln k for units k times as long (see `in_units_of`).
    pub log_likelihood: f64,
    /// When the best fit lies on the edge of what the model can express (a parameter growing
    /// without limit or shrinking to 0), what that means, in plain words; None for an ordinary fit.
    /// The figures are those of the best fit within the limits, all finite.
    pub boundary: Option<String>,
}

impl Fit {
    /// The same fit with times measured in units `k` times as long (k = 7 from days to weeks), for
    /// data with `sum_x` repeat purchases in all: α is divided by k and r, a, b do not change (the
    /// model is the same); the log-likelihood grows by Σx · ln k.
    pub fn in_units_of(&self, k: f64, sum_x: f64) -> Fit {
        Fit {
            params: Params { alpha: self.params.alpha / k, ..self.params },
            log_likelihood: self.log_likelihood + sum_x * k.ln(),
            boundary: self.boundary.clone(),
        }
    }
}

/// The box the fit searches, on ln of each parameter with times scaled so the longest T is 10:
/// [1e-6, 1e6]. Beyond it the model no longer changes in any way the data could show (a Beta
/// dropout distribution with b = 10⁶ is a dropout chance of zero for any practical purpose), and
/// the expectations stay accurate to about 1e-10.
const LIMIT: f64 = 13.815_510_557_964_274; // ln 1e6

/// A parameter this far from 1 (ln 1e3) on a flat likelihood is probably on its way to a limit.
const FAR: f64 = 6.907_755_278_982_137; // ln 1e3

/// Maximum-likelihood fit; None when the optimiser does not converge to finite parameters.
///
/// The fit does not depend on the time unit: times are divided by a scale (the longest T over
/// 10) before fitting, so data in days or in weeks give the same problem, and α is scaled back.
/// When the best fit lies on the edge of the box the search covers, it is returned with
/// `boundary` saying so.
pub fn fit(data: &[Rfm]) -> Option<Fit> {
    let rows = Rows::new(data);
    // Times scaled so the longest is 10: α then starts near its optimum's order of magnitude.
    let scale = data.iter().map(|c| c.t).fold(0.0, f64::max).max(1e-9) / 10.0;
    let neg = |u: &[f64]| {
        let (v, g) = rows.ll(u, scale);
        (-v, g.iter().map(|d| -d).collect())
    };
    let (lo, hi) = ([-LIMIT; 4], [LIMIT; 4]);
    let mut m = minimise_within(&neg, &[0.0; 4], &lo, &hi);
    // On a ridge toward a limit (customers who never seem to drop out: b grows without end) the
    // likelihood flattens, and the search may stop anywhere along it. Push each parameter already
    // far out to its limit and search again from there; the better fit wins.
    for i in 0..4 {
        let x = m.x[i];
        if !m.converged || x.abs() < FAR || x.abs() >= LIMIT {
            continue;
        }
        let mut start = m.x.clone();
        start[i] = LIMIT.copysign(x);
        let again = minimise_within(&neg, &start, &lo, &hi);
        if again.converged && again.value < m.value {
            m = again;
        }
    }
    let edge: [i8; 4] = std::array::from_fn(|i| match m.x[i] {
        v if v >= LIMIT => 1,
        v if v <= -LIMIT => -1,
        _ => 0,
    });
    // A parameter on the edge is given as the round limit (10⁶ rather than e^ln 10⁶).
    let value = |i: usize| match edge[i] {
        1 => 1e6,
        -1 => 1e-6,
        _ => m.x[i].exp(),
    };
    let p = Params { r: value(0), alpha: value(1) * scale, a: value(2), b: value(3) };
    let finite = [p.r, p.alpha, p.a, p.b].iter().all(|v| v.is_finite() && *v > 0.0);
    if !m.converged || !finite || !m.value.is_finite() {
        return None;
    }
    // In the original unit, the likelihood differs by Σx · ln(scale).
    let log_likelihood = -m.value - rows.sum_x * scale.ln();
    Some(Fit { params: p, log_likelihood, boundary: boundary(&p, edge) })
}

/// What a fit on the edge means, for a reader who is not a statistician; `edge` is per parameter
/// (r, α, a, b): 1 at the upper limit, −1 at the lower, 0 inside.
fn boundary(p: &Params, edge: [i8; 4]) -> Option<String> {
    let [er, ealpha, ea, eb] = edge;
    let mut said = Vec::new();
    if ea != 0 || eb != 0 {
        let dropout = p.a / (p.a + p.b);
        let which = match (ea, eb) {
            (1, 1) => "a and b grew without limit",
            (0, 1) => "b grew without limit",
            (-1, 1) => "a shrank toward 0 and b grew without limit",
            (-1, _) => "a shrank toward 0",
            (1, _) => "a grew without limit",
            _ => "b shrank toward 0",
        };
        said.push(if dropout < 1e-3 {
            format!("These orders show no sign of customers stopping for good, so the model expects nearly everyone to keep buying: P(alive) is close to 1 for every customer still buying at their usual pace ({which}).")
        } else if ea == 1 && eb == 1 {
            format!("Customers look alike in their chance of stopping for good after a purchase (about {:.1}% each time) rather than some being far more loyal than others ({which}).", dropout * 100.0)
        } else {
            format!("The chance of stopping for good after a purchase is at the edge of what the model can estimate from these orders, so read P(alive) with care ({which}).")
        });
    }
    if er == 1 || ealpha == 1 {
        let which = match (er, ealpha) {
            (1, 1) => "r and alpha grew without limit",
            (1, _) => "r grew without limit",
            _ => "alpha grew without limit",
        };
        said.push(format!("While active, customers buy at much the same pace as one another, with no spread between frequent and occasional buyers ({which})."));
    }
    if er == -1 || ealpha == -1 {
        let which = if er == -1 { "r shrank toward 0" } else { "alpha shrank toward 0" };
        said.push(format!("How often customers buy varies so widely that the model reached its limit, so read the expected purchases with care ({which})."));
    }
    (!said.is_empty()).then(|| said.join(" "))
}

/// The probability that a customer with this history is still alive at T.
pub fn p_alive(p: &Params, c: &Rfm) -> f64 {
    if c.x == 0 {
        return 1.0;
    }
    let x = c.x as f64;
    let ratio =
        (p.a / (p.b + x - 1.0)).ln() + (p.r + x) * ((c.t - c.t_x) / (p.alpha + c.t_x)).ln_1p();
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
    // 1 − ((α + T)/(α + T + t))^(r + x) ₂F₁(…), kept exact when it is small (b large).
    let num = -lead * (f - (r + x) * (t / (alpha + c.t)).ln_1p()).exp_m1();
    let den = if c.x > 0 {
        1.0 + (a / (b + x - 1.0)) * ((r + x) * ((c.t - c.t_x) / (alpha + c.t_x)).ln_1p()).exp()
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
    Some(-(a + b - 1.0) / (a - 1.0) * (f - r * (t / alpha).ln_1p()).exp_m1())
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
        // An ordinary point, and one on the edge of the fit's box (r, α and b huge, a tiny), where
        // the likelihood is written to stay exact.
        let edge = [LIMIT, LIMIT - 1.0, -LIMIT, LIMIT];
        for u in [[(-1.2f64), 1.5, -0.2, 0.9], edge] {
            let (v, g) = rows.ll(&u, 3.9);
            assert!(v.is_finite() && v < 0.0, "{u:?}: {v}");
            for i in 0..4 {
                let h = 1e-6;
                let (mut up, mut dn) = (u, u);
                up[i] += h;
                dn[i] -= h;
                let fd = (rows.ll(&up, 3.9).0 - rows.ll(&dn, 3.9).0) / (2.0 * h);
                assert!((fd - g[i]).abs() < 1e-6 * fd.abs().max(1.0), "{i}: {fd} vs {}", g[i]);
            }
        }
    }

    /// The plain words for each kind of edge.
    #[test]
    fn the_edge_in_words() {
        let p = Params { r: 2.0, alpha: 3.0, a: 1e-6, b: 1e6 };
        assert_eq!(boundary(&p, [0; 4]), None);
        let said = boundary(&p, [0, 0, -1, 1]).unwrap();
        assert!(said.starts_with("These orders show no sign of customers stopping for good"));
        assert!(said.ends_with("(a shrank toward 0 and b grew without limit)."), "{said}");
        let alike = Params { r: 2.0, alpha: 3.0, a: 1e6 / 4.0, b: 1e6 };
        let said = boundary(&alike, [0, 0, 1, 1]).unwrap();
        assert!(said.contains("about 20.0% each time"), "{said}");
        let said = boundary(&Params { r: 1e6, alpha: 3e6, a: 0.8, b: 2.4 }, [1, 1, 0, 0]).unwrap();
        assert!(said.contains("buy at much the same pace"), "{said}");
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
