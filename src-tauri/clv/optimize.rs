//! Minimisers for the models' negative log-likelihoods, on unconstrained (log) parameters: BFGS with
//! a backtracking line search on the analytic gradient, polished or rescued by Nelder–Mead. Both
//! also work within a box (`minimise_within`): BFGS projected onto the box, Nelder–Mead with a
//! penalty outside it.

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
    let n = start.len();
    minimise_within(f, start, &vec![f64::NEG_INFINITY; n], &vec![f64::INFINITY; n])
}

/// Minimises `f` over the box `lo ≤ x ≤ hi` (infinite bounds allowed). A minimum on the box's edge
/// is a converged minimum like any other: there the gradient may point out of the box, and only
/// its part along the free coordinates has to vanish.
pub fn minimise_within(f: Objective<'_>, start: &[f64], lo: &[f64], hi: &[f64]) -> Minimum {
    let b = bfgs(f, start, lo, hi);
    if b.converged {
        return b;
    }
    // BFGS stalled (a flat or curved valley): Nelder–Mead from its best point, on values alone,
    // with a quadratic penalty for leaving the box (the point returned is in it).
    let clamp = |x: &[f64]| -> Vec<f64> {
        x.iter().enumerate().map(|(i, v)| v.clamp(lo[i], hi[i])).collect()
    };
    let nm = nelder_mead(
        &|x| {
            let c = clamp(x);
            f(&c).0 + x.iter().zip(&c).map(|(a, b)| (a - b) * (a - b)).sum::<f64>()
        },
        &b.x,
    );
    let x = clamp(&nm.x);
    let value = f(&x).0;
    if value <= b.value {
        Minimum { x, value, converged: nm.converged }
    } else {
        b
    }
}

fn norm(v: &[f64]) -> f64 {
    v.iter().map(|a| a * a).sum::<f64>().sqrt()
}

/// BFGS projected onto the box: coordinates on an edge with the gradient pushing out of the box are
/// held there (and the inverse Hessian estimate restarts whenever that set changes).
fn bfgs(f: Objective<'_>, start: &[f64], lo: &[f64], hi: &[f64]) -> Minimum {
    let n = start.len();
    let clamp = |x: Vec<f64>| -> Vec<f64> {
        x.into_iter().enumerate().map(|(i, v)| v.clamp(lo[i], hi[i])).collect()
    };
    let mut x = clamp(start.to_vec());
    let (mut fx, mut g) = f(&x);
    if !fx.is_finite() {
        return Minimum { x, value: fx, converged: false };
    }
    let held = |x: &[f64], g: &[f64]| -> Vec<bool> {
        (0..n).map(|i| (x[i] <= lo[i] && g[i] > 0.0) || (x[i] >= hi[i] && g[i] < 0.0)).collect()
    };
    // The gradient along the free coordinates.
    let projected = |g: &[f64], held: &[bool]| -> Vec<f64> {
        g.iter().zip(held).map(|(v, h)| if *h { 0.0 } else { *v }).collect()
    };
    let identity = || -> Vec<Vec<f64>> {
        (0..n).map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.0 }).collect()).collect()
    };
    // The inverse Hessian estimate, starting as the identity.
    let mut h = identity();
    let mut was_held = vec![false; n];
    for _ in 0..500 {
        let on_edge = held(&x, &g);
        if on_edge != was_held {
            h = identity();
            was_held = on_edge.clone();
        }
        let pg = projected(&g, &on_edge);
        if norm(&pg) < 1e-7 * fx.abs().max(1.0) {
            return Minimum { x, value: fx, converged: true };
        }
        let mut d: Vec<f64> = (0..n)
            .map(|i| if on_edge[i] { 0.0 } else { -(0..n).map(|j| h[i][j] * pg[j]).sum::<f64>() })
            .collect();
        let mut slope: f64 = d.iter().zip(&pg).map(|(a, b)| a * b).sum();
        if slope >= 0.0 {
            // Not a descent direction: restart from steepest descent.
            h = identity();
            d = pg.iter().map(|v| -v).collect();
            slope = -norm(&pg).powi(2);
        }
        // Backtracking (Armijo) line search along the path projected onto the box; steps are
        // capped so log-parameters move at most 5.
        let mut step = (5.0 / norm(&d)).min(1.0);
        let (mut xn, mut fxn, mut gn);
        loop {
            let trial: Vec<f64> = x.iter().zip(&d).map(|(a, b)| a + step * b).collect();
            xn = clamp(trial.clone());
            // Where the box cut the step, the decrease to expect is along the step taken.
            let expect = if xn == trial {
                step * slope
            } else {
                g.iter().zip(xn.iter().zip(&x)).map(|(g, (a, b))| g * (a - b)).sum()
            };
            (fxn, gn) = f(&xn);
            if fxn.is_finite() && fxn <= fx + 1e-4 * expect {
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
            let pg = projected(&g, &held(&x, &g));
            return Minimum { x, value: fx, converged: norm(&pg) < 1e-3 };
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

    /// Within a box that cuts the valley off at x ≤ 0.5, the minimum is on the edge, at
    /// (0.5, 0.25), and that is a converged answer.
    #[test]
    fn a_minimum_on_the_edge_of_the_box_is_found_and_converged() {
        let (lo, hi) = ([-2.0, -2.0], [0.5, 2.0]);
        let m = minimise_within(&rosenbrock, &[-1.2, 1.0], &lo, &hi);
        assert!(m.converged, "{m:?}");
        assert_eq!(m.x[0], 0.5);
        assert!((m.x[1] - 0.25).abs() < 1e-6, "{m:?}");
        // A start outside the box is brought into it; a function falling without end along one
        // coordinate stops at that coordinate's bound.
        let slope = |x: &[f64]| ((x[0] - 1.0).powi(2) - x[1], vec![2.0 * (x[0] - 1.0), -1.0]);
        let m = minimise_within(&slope, &[9.0, 0.0], &[0.0, -5.0], &[3.0, 5.0]);
        assert!(m.converged && m.x[1] == 5.0 && (m.x[0] - 1.0).abs() < 1e-6, "{m:?}");
    }
}
