//! The special functions the models need: ln Γ, digamma ψ, and ln ₂F₁ (Gauss's hypergeometric
//! function) for 0 ≤ z < 1. Hand-written because they are short and no maintained pure-Rust crate
//! in our tree provides ₂F₁.

/// ln Γ(x) for x > 0 (Lanczos, g = 7, n = 9: relative error near 1e-15).
pub fn ln_gamma(x: f64) -> f64 {
    const G: f64 = 7.0;
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection keeps the series accurate for small x.
        let pi = std::f64::consts::PI;
        return (pi / (pi * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut a = C[0];
    let t = x + G + 0.5;
    for (i, c) in C.iter().enumerate().skip(1) {
        a += c / (x + i as f64);
    }
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + a.ln()
}

/// ψ(x) = d/dx ln Γ(x) for x > 0: recurrence up to 10, then the asymptotic series.
pub fn digamma(mut x: f64) -> f64 {
    let mut acc = 0.0;
    while x < 10.0 {
        acc -= 1.0 / x;
        x += 1.0;
    }
    let f = 1.0 / (x * x);
    acc + x.ln()
        - 0.5 / x
        - f * (1.0 / 12.0 - f * (1.0 / 120.0 - f * (1.0 / 252.0 - f * (1.0 / 240.0 - f / 132.0))))
}

/// ln ₂F₁(a, b; c; z) for a, b, c > 0 and 0 ≤ z < 1, by its power series (every term positive).
/// The partial sum is rescaled as it grows, so heavy buyers (large a, b) do not overflow. None when
/// the series does not settle within its term budget (z too close to 1).
pub fn ln_hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if !(0.0..1.0).contains(&z) || a <= 0.0 || b <= 0.0 || c <= 0.0 {
        return None;
    }
    let (mut term, mut sum, mut offset) = (1.0f64, 1.0f64, 0.0f64);
    for n in 0..1_000_000u32 {
        let n = n as f64;
        term *= (a + n) * (b + n) / ((c + n) * (n + 1.0)) * z;
        sum += term;
        if term <= sum * 1e-16 {
            return Some(sum.ln() + offset);
        }
        if sum > 1e200 {
            term /= 1e200;
            sum /= 1e200;
            offset += 200.0 * std::f64::consts::LN_10;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values() {
        // Γ(5) = 24, Γ(0.5) = √π, Γ(1) = 1.
        assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-13);
        assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-13);
        assert!(ln_gamma(1.0).abs() < 1e-14);
        // ln Γ(101) = ln 100!
        let ln_fact: f64 = (1..=100).map(|k| (k as f64).ln()).sum();
        assert!((ln_gamma(101.0) - ln_fact).abs() < 1e-10);
        // ψ(1) = -γ (Euler–Mascheroni), ψ(x + 1) = ψ(x) + 1/x.
        assert!((digamma(1.0) + 0.577_215_664_901_532_9).abs() < 1e-12);
        assert!((digamma(3.7) - digamma(2.7) - 1.0 / 2.7).abs() < 1e-12);
        // ₂F₁(1, 1; 2; z) = -ln(1 - z) / z; ₂F₁(a, b; b; z) = (1 - z)^-a.
        let z = 0.6;
        assert!((ln_hyp2f1(1.0, 1.0, 2.0, z).unwrap() - (-(1.0 - z).ln() / z).ln()).abs() < 1e-12);
        assert!((ln_hyp2f1(2.5, 3.0, 3.0, 0.3).unwrap() - (-2.5 * 0.7f64.ln())).abs() < 1e-12);
        // Large parameters rescale instead of overflowing: (1 - 0.5)^-2000.
        let big = ln_hyp2f1(2000.0, 7.0, 7.0, 0.5).unwrap();
        assert!((big - 2000.0 * 2f64.ln()).abs() < 1e-8 * big);
    }
}
