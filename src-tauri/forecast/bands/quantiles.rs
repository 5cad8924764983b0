//! P10, P50 and P90 of every series of a simulation, each series on its own (the P10 of ARR and the
//! P10 of NRR need not come from the same path). Quantiles interpolate linearly between order
//! statistics (Hyndman & Fan type 7, the default of R and NumPy): with n values sorted,
//! q(p) = x[floor(h)] + (h - floor(h)) (x[floor(h)+1] - x[floor(h)]), h = (n-1) p. Values found by
//! selection (O(n)), not by sorting: 10,000 paths x 280 series must stay within the time budget.

use super::simulate::Simulation;
use serde::Serialize;

pub const LEVELS: [f64; 3] = [0.10, 0.50, 0.90];

fn cmp(a: &f64, b: &f64) -> std::cmp::Ordering {
    a.total_cmp(b)
}

/// x + frac (next - x), where an infinite `next` (an unbounded CLV) gives infinity, not NaN.
fn between(x: f64, next: f64, frac: f64) -> f64 {
    if frac == 0.0 {
        x
    } else if next.is_infinite() {
        next
    } else {
        x + frac * (next - x)
    }
}

/// The type-7 quantiles at `LEVELS` of `v` (reordered in place); infinite values sort last. P50
/// is selected first; P10 is then selected among the values at or below it and P90 among those
/// above (or at) it: about 3n comparisons in all instead of 4.5n.
pub fn quantiles(v: &mut [f64]) -> [f64; 3] {
    let n = v.len();
    let h = LEVELS.map(|p| (n - 1) as f64 * p);
    let lo = h.map(|x| x.floor() as usize);
    let frac = [0, 1, 2].map(|i| h[i] - lo[i] as f64);
    let m = lo[1];
    let (_, x50, right) = v.select_nth_unstable_by(m, cmp);
    let x50 = *x50;
    let above = right.iter().copied().fold(f64::INFINITY, f64::min);
    let p50 = between(x50, above, frac[1]);
    // P10: order statistic lo[0] <= m is in v[..=m]; lo[0] + 1 too unless it is m + 1 (n = 2).
    let (_, x10, rest) = v[..=m].select_nth_unstable_by(lo[0], cmp);
    let x10 = *x10;
    let next = if lo[0] < m { rest.iter().copied().fold(f64::INFINITY, f64::min) } else { above };
    let p10 = between(x10, next, frac[0]);
    // P90: order statistics lo[2] >= m and lo[2] + 1, in v[m..].
    let (_, x90, rest) = v[m..].select_nth_unstable_by(lo[2] - m, cmp);
    let x90 = *x90;
    let p90 = between(x90, rest.iter().copied().fold(f64::INFINITY, f64::min), frac[2]);
    [p10, p50, p90]
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BandYear {
    pub year: u32,
    pub arr: f64,
    pub customers: f64,
    pub nrr: f64,
    pub grr: f64,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BandMonth {
    pub month: u32,
    pub mrr: f64,
    pub customers: f64,
}

/// One quantile level of every figure.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "BandLevel"))]
pub struct Level {
    pub years: Vec<BandYear>,
    pub months: Vec<BandMonth>,
    /// Null where that quantile of the paths' lifetime value is unbounded (r >= 1).
    pub clv: Option<f64>,
    pub clv_horizon: f64,
}

/// The three levels, P10, P50, P90.
pub fn levels(sim: &Simulation) -> [Level; 3] {
    let n = sim.paths;
    let mut scratch = vec![0.0; n];
    let mut q = |src: &[f64], row: usize| {
        scratch.copy_from_slice(&src[row * n..(row + 1) * n]);
        quantiles(&mut scratch)
    };
    let months: Vec<([f64; 3], [f64; 3])> =
        (0..12 * sim.years).map(|t| (q(&sim.mrr, t), q(&sim.customers, t))).collect();
    let years: Vec<[[f64; 3]; 4]> = (0..sim.years)
        .map(|y| [q(&sim.arr, y), q(&sim.year_customers, y), q(&sim.nrr, y), q(&sim.grr, y)])
        .collect();
    let (clv, clv_horizon) = (q(&sim.clv, 0), q(&sim.clv_horizon, 0));
    std::array::from_fn(|l| Level {
        years: years
            .iter()
            .enumerate()
            .map(|(y, v)| BandYear {
                year: y as u32 + 1,
                arr: v[0][l],
                customers: v[1][l],
                nrr: v[2][l],
                grr: v[3][l],
            })
            .collect(),
        months: months
            .iter()
            .enumerate()
            .map(|(t, (m, c))| BandMonth { month: t as u32 + 1, mrr: m[l], customers: c[l] })
            .collect(),
        clv: clv[l].is_finite().then_some(clv[l]),
        clv_horizon: clv_horizon[l],
    })
}

#[cfg(test)]
mod tests {
    use super::quantiles;

    #[test]
    fn type_7_by_hand() {
        // 11 values 0..10: h = 10p, so P10 = 1, P50 = 5, P90 = 9 exactly.
        let mut v: Vec<f64> = (0..11).rev().map(f64::from).collect();
        assert_eq!(quantiles(&mut v), [1.0, 5.0, 9.0]);
        // 4 values 10, 20, 30, 40: h = 0.3, 1.5, 2.7 -> 13, 25, 37.
        let mut v = vec![40.0, 10.0, 30.0, 20.0];
        let q = quantiles(&mut v);
        assert!((q[0] - 13.0).abs() < 1e-12 && (q[1] - 25.0).abs() < 1e-12);
        assert!((q[2] - 37.0).abs() < 1e-12, "{q:?}");
        // Two values 1 and 2: h = 0.1, 0.5, 0.9.
        let mut v = vec![2.0, 1.0];
        let q = quantiles(&mut v);
        assert!((q[0] - 1.1).abs() < 1e-12 && (q[1] - 1.5).abs() < 1e-12, "{q:?}");
        assert!((q[2] - 1.9).abs() < 1e-12);
        assert_eq!(quantiles(&mut [7.0]), [7.0; 3]);
        // An unbounded value above P90's neighbours makes P90 infinite, never NaN.
        let mut v = vec![1.0, 2.0, f64::INFINITY, f64::INFINITY];
        assert_eq!(quantiles(&mut v)[2], f64::INFINITY);
    }
}
