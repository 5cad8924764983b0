//! Minimisers for the models' negative log-likelihoods, on unconstrained (log) parameters: BFGS with
//! a backtracking line search on the analytic gradient, polished or rescued by Nelder–Mead.

/// The result of a minimisation.
#[derive(Debug, Clone)]
pub struct Minimum {
    pub x: Vec<f64>,
    pub value: f64,
    pub converged: bool,
}

/// A function returning its value and gradient at a point.
pub type Objective<'a> = &'a dyn Fn(&[f64]) -> (f64, Vec<f64>);

/// Minimises `f`, which returns the value and the gradient at a point (non-finite values mean
/// "outside the domain").
pub fn minimise(f: Objective<'_>, start: &[f64]) -> Minimum {
    let b = bfgs(f, start);
    if b.converged {
        return b;
    }
    // BFGS stalled (a flat or curved valley): Nelder–Mead from its best point, on values alone.
    let nm = nelder_mead(&|x| f(x).0, &b.x);
    if nm.value <= b.value {
        nm
    } else {
        b
    }
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|a| a * a).sum::<f64>().sqrt()
}

fn bfgs(f: Objective<'_>, start: &[f64]) -> Minimum {
    let n = start.len();
    let mut x = start.to_vec();
    let (mut fx, mut g) = f(&x);
    if !fx.is_finite() {
        return Minimum { x, value: fx, converged: false };
    }
    // The inverse Hessian estimate, starting as the identity.
    let mut h = vec![vec![0.0; n]; n];
    for (i, row) in h.iter_mut().enumerate() {
        row[i] = 1.0;
    }
    for _ in 0..500 {
        if norm(&g) < 1e-7 * fx.abs().max(1.0) {
            return Minimum { x, value: fx, converged: true };
        }
        let mut d: Vec<f64> =
            (0..n).map(|i| -(0..n).map(|j| h[i][j] * g[j]).sum::<f64>()).collect();
        let mut slope: f64 = d.iter().zip(&g).map(|(a, b)| a * b).sum();
        if slope >= 0.0 {
            // Not a descent direction: restart from steepest descent.
            for (i, row) in h.iter_mut().enumerate() {
                row.iter_mut().for_each(|v| *v = 0.0);
                row[i] = 1.0;
            }
            d = g.iter().map(|v| -v).collect();
            slope = -norm(&g).powi(2);
        }
        // Backtracking (Armijo) line search; steps are capped so log-parameters move at most 5.
        let mut step = (5.0 / norm(&d)).min(1.0);
        let (mut xn, mut fxn, mut gn);
        loop {
            xn = x.iter().zip(&d).map(|(a, b)| a + step * b).collect::<Vec<_>>();
            (fxn, gn) = f(&xn);
            if fxn.is_finite() && fxn <= fx + 1e-4 * step * slope {
                break;
            }
            step *= 0.5;
            if step < 1e-14 {
                return Minimum { x, value: fx, converged: false };
            }
        }
        let s: Vec<f64> = xn.iter().zip(&x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = gn.iter().zip(&g).map(|(a, b)| a - b).collect();
        let sy: f64 = s.iter().zip(&y).map(|(a, b)| a * b).sum();
        let done = (fx - fxn).abs() <= 1e-14 * fx.abs().max(1.0) && norm(&s) < 1e-10;
        (x, fx, g) = (xn, fxn, gn);
        if done {
            return Minimum { x, value: fx, converged: norm(&g) < 1e-3 };
        }
        if sy > 1e-12 {
            // H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ
            let rho = 1.0 / sy;
            let hy: Vec<f64> = (0..n).map(|i| (0..n).map(|j| h[i][j] * y[j]).sum()).collect();
            let yhy: f64 = y.iter().zip(&hy).map(|(a, b)| a * b).sum();
            for i in 0..n {
                for j in 0..n {
                    h[i][j] += -rho * (hy[i] * s[j] + s[i] * hy[j])
                        + (rho * rho * yhy + rho) * s[i] * s[j];
                }
            }
        }
    }
    Minimum { x, value: fx, converged: false }
}

/// Nelder–Mead on values only (standard coefficients), from a simplex of unit steps around `start`.
pub fn nelder_mead(f: &dyn Fn(&[f64]) -> f64, start: &[f64]) -> Minimum {
    let n = start.len();
    let val = |x: &[f64]| {
        let v = f(x);
        if v.is_finite() {
            v
        } else {
            f64::INFINITY
        }
    };
    let mut pts: Vec<(Vec<f64>, f64)> = Vec::with_capacity(n + 1);
    pts.push((start.to_vec(), val(start)));
    for i in 0..n {
        let mut p = start.to_vec();
        p[i] += 0.5;
        let v = val(&p);
        pts.push((p, v));
    }
    for _ in 0..20_000 {
        pts.sort_by(|a, b| a.1.total_cmp(&b.1));
        let (best, worst) = (pts[0].1, pts[n].1);
        let size = pts.iter().skip(1).map(|p| norm(&sub(&p.0, &pts[0].0))).fold(0.0, f64::max);
        if (worst - best).abs() <= 1e-12 * best.abs().max(1.0) && size < 1e-8 {
            let (x, value) = pts.swap_remove(0);
            return Minimum { x, value, converged: value.is_finite() };
        }
        let centroid: Vec<f64> =
            (0..n).map(|j| pts[..n].iter().map(|p| p.0[j]).sum::<f64>() / n as f64).collect();
        let at = |t: f64| -> Vec<f64> {
            centroid.iter().zip(&pts[n].0).map(|(c, w)| c + t * (c - w)).collect()
        };
        let r = at(1.0);
        let fr = val(&r);
        if fr < pts[0].1 {
            let e = at(2.0);
            let fe = val(&e);
            pts[n] = if fe < fr { (e, fe) } else { (r, fr) };
        } else if fr < pts[n - 1].1 {
            pts[n] = (r, fr);
        } else {
            let c = if fr < worst { at(0.5) } else { at(-0.5) };
            let fc = val(&c);
            if fc < worst.min(fr) {
                pts[n] = (c, fc);
            } else {
                let b = pts[0].0.clone();
                for p in pts.iter_mut().skip(1) {
                    p.0 = p.0.iter().zip(&b).map(|(x, y)| y + 0.5 * (x - y)).collect();
                    p.1 = val(&p.0);
                }
            }
        }
    }
    pts.sort_by(|a, b| a.1.total_cmp(&b.1));
    let (x, value) = pts.swap_remove(0);
    Minimum { x, value, converged: false }
}

fn sub(a: &[f64], b: &[f64]) -> Vec<f64> {
    a.iter().zip(b).map(|(x, y)| x - y).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rosenbrock's valley: minimum 0 at (1, 1), a classic trap for naive descent.
    fn rosenbrock(x: &[f64]) -> (f64, Vec<f64>) {
        let (a, b) = (x[0], x[1]);
        let v = (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2);
        (v, vec![-2.0 * (1.0 - a) - 400.0 * a * (b - a * a), 200.0 * (b - a * a)])
    }

    #[test]
    fn both_minimisers_find_rosenbrocks_minimum() {
        let m = minimise(&rosenbrock, &[-1.2, 1.0]);
        assert!(m.converged);
        assert!((m.x[0] - 1.0).abs() < 1e-5 && (m.x[1] - 1.0).abs() < 1e-5, "{m:?}");
        let m = nelder_mead(&|x| rosenbrock(x).0, &[-1.2, 1.0]);
        assert!(m.converged);
        assert!((m.x[0] - 1.0).abs() < 1e-4 && (m.x[1] - 1.0).abs() < 1e-4, "{m:?}");
    }
}
