//! L2-regularised logistic regression of the churn label on the five components, and the health
//! weights it suggests.
//!
//! Hand-written Newton (IRLS) rather than a crate: linfa-logistic would bring ndarray, argmin and
//! linfa for a 6 x 6 system, and smartcore a whole ML library; Newton on five features and an
//! intercept is 6 x 6 Gaussian elimination per step, converging in a few steps on any book.
//!
//! Features are the components on a 0-1 scale (score / 100). A missing component is replaced by
//! its mean over the fitted rows (so it moves neither way), the way the score drops it. The
//! penalty lambda/2 x |beta|^2 leaves the intercept out; lambda = 1 keeps a separable or
//! degenerate book (a component absent everywhere) solvable and is negligible next to the
//! likelihood of a real book's thousands of rows.

// Small fixed-size matrix code reads best with indexes.
#![allow(clippy::needless_range_loop)]

use crate::settings::HealthWeights;

const LAMBDA: f64 = 1.0;
const MAX_STEPS: usize = 100;

/// Intercept then the five coefficients, on the 0-1 scale.
pub type Coefficients = [f64; 6];

/// Fits P(churn) = 1 / (1 + exp(-(b0 + sum b_j x_j))). `x` = component values 0-100 (None =
/// missing), `y` = churned. None when the rows hold no churn or no stay.
pub fn fit(x: &[[Option<f64>; 5]], y: &[bool]) -> Option<Coefficients> {
    if !y.iter().any(|&c| c) || y.iter().all(|&c| c) {
        return None;
    }
    let means = means(x);
    let rows: Vec<[f64; 6]> = x
        .iter()
        .map(|r| {
            let mut f = [1.0; 6];
            for k in 0..5 {
                f[k + 1] = r[k].map(|v| v / 100.0).unwrap_or(means[k]);
            }
            f
        })
        .collect();
    let mut beta = [0.0; 6];
    for _ in 0..MAX_STEPS {
        // Gradient and Hessian of the penalised log-likelihood.
        let mut g = [0.0; 6];
        let mut h = [[0.0; 6]; 6];
        for (f, &churned) in rows.iter().zip(y) {
            let z: f64 = f.iter().zip(&beta).map(|(a, b)| a * b).sum();
            let p = 1.0 / (1.0 + (-z).exp());
            let r = f64::from(u8::from(churned)) - p;
            let w = p * (1.0 - p);
            for a in 0..6 {
                g[a] += f[a] * r;
                for b in a..6 {
                    h[a][b] += w * f[a] * f[b];
                }
            }
        }
        for a in 0..6 {
            for b in 0..a {
                h[a][b] = h[b][a];
            }
        }
        for a in 1..6 {
            g[a] -= LAMBDA * beta[a];
            h[a][a] += LAMBDA;
        }
        let step = solve(h, g)?;
        for a in 0..6 {
            beta[a] += step[a];
        }
        if step.iter().all(|s| s.abs() < 1e-10) {
            break;
        }
    }
    beta.iter().all(|b| b.is_finite()).then_some(beta)
}

/// Each component's mean on the 0-1 scale over the rows that have it (0 when none has it).
fn means(x: &[[Option<f64>; 5]]) -> [f64; 5] {
    let mut sum = [0.0; 5];
    let mut n = [0usize; 5];
    for r in x {
        for k in 0..5 {
            if let Some(v) = r[k] {
                sum[k] += v / 100.0;
                n[k] += 1;
            }
        }
    }
    std::array::from_fn(|k| if n[k] > 0 { sum[k] / n[k] as f64 } else { 0.0 })
}

/// Gaussian elimination with partial pivoting; None for a singular system (the penalty makes it
/// positive definite, so only NaN input gets here).
fn solve(mut a: [[f64; 6]; 6], mut b: [f64; 6]) -> Option<[f64; 6]> {
    for c in 0..6 {
        let p = (c..6).max_by(|&i, &j| a[i][c].abs().total_cmp(&a[j][c].abs()))?;
        if a[p][c].abs() < 1e-300 || !a[p][c].is_finite() {
            return None;
        }
        a.swap(c, p);
        b.swap(c, p);
        for r in c + 1..6 {
            let f = a[r][c] / a[c][c];
            for k in c..6 {
                a[r][k] -= f * a[c][k];
            }
            b[r] -= f * b[c];
        }
    }
    let mut x = [0.0; 6];
    for c in (0..6).rev() {
        let s: f64 = (c + 1..6).map(|k| a[c][k] * x[k]).sum();
        x[c] = (b[c] - s) / a[c][c];
    }
    Some(x)
}

/// The weights a fit suggests: a component whose rise lowers the churn odds (b_j < 0) weighs
/// -b_j (all five are on the same 0-100 scale, so the coefficients compare directly); one that
/// does not weighs 0. Whole numbers summing to 100 (largest remainders). Err = why none.
pub fn weights(beta: &Coefficients) -> Result<HealthWeights, String> {
    let raw: [f64; 5] = std::array::from_fn(|k| (-beta[k + 1]).max(0.0));
    let total: f64 = raw.iter().sum();
    if total <= 0.0 {
        return Err("no component lowers the churn odds as it rises in this data".into());
    }
    let exact = raw.map(|r| r / total * 100.0);
    let mut whole = exact.map(f64::floor);
    let short = 100 - whole.iter().sum::<f64>() as i64;
    let mut order: Vec<usize> = (0..5).collect();
    order.sort_by(|&a, &b| (exact[b] - whole[b]).total_cmp(&(exact[a] - whole[a])).then(a.cmp(&b)));
    for &k in order.iter().take(short.max(0) as usize) {
        whole[k] += 1.0;
    }
    Ok(HealthWeights {
        utilization: whole[0],
        nps: whole[1],
        mrr_trend: whole[2],
        support: whole[3],
        engagement: whole[4],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Coefficients -3, -1, +2, 0, -1 (intercept ignored): raw weights 3, 1, 0, 0, 1 of 5 ->
    /// 60, 20, 0, 0, 20. With -1, -1, -1 on three: 33.33 each -> 33, 33, 33 and the largest
    /// remainder (a tie: the first) takes the last point: 34, 33, 33.
    #[test]
    fn weights_from_coefficients() {
        let w = weights(&[0.5, -3.0, -1.0, 2.0, 0.0, -1.0]).unwrap();
        assert_eq!(
            [w.utilization, w.nps, w.mrr_trend, w.support, w.engagement],
            [60.0, 20.0, 0.0, 0.0, 20.0]
        );
        let w = weights(&[0.0, -1.0, -1.0, -1.0, 0.0, 0.0]).unwrap();
        assert_eq!([w.utilization, w.nps, w.mrr_trend], [34.0, 33.0, 33.0]);
        assert!(weights(&[0.0, 1.0, 0.0, 0.0, 0.0, 0.0]).is_err());
    }

    /// One feature x with churn in 1 of 4 rows at x = 0 and 3 of 4 at x = 100 (others missing):
    /// its coefficient is positive (churn rises with it), the others (imputed, constant) stay 0.
    #[test]
    fn newton_fit_finds_the_direction() {
        let row = |v: f64| [Some(v), None, None, None, None];
        let x = [
            row(0.0),
            row(0.0),
            row(0.0),
            row(0.0),
            row(100.0),
            row(100.0),
            row(100.0),
            row(100.0),
        ];
        let y = [true, false, false, false, true, true, true, false];
        let b = fit(&x, &y).unwrap();
        assert!(b[1] > 0.5, "{b:?}");
        assert!(b[2..].iter().all(|c| c.abs() < 1e-9), "{b:?}");
        // The penalised optimum: the gradient in b1 is sum x (y - p) - b1 = 0.
        let p1 = 1.0 / (1.0 + (-(b[0] + b[1])).exp());
        assert!((4.0 * (0.75 - p1) - b[1]).abs() < 1e-8);
        assert_eq!(fit(&x, &[false; 8]), None);
    }
}
