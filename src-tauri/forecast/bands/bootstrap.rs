//! A seeded circular moving-block bootstrap of whole months (Politis & Romano's circular blocks):
//! a path's months are filled with blocks of `BLOCK` consecutive observed months, each block
//! starting at an observed month drawn uniformly and wrapping from the last observed month to the
//! first, so that every observed month is drawn equally often and months that go together (a
//! quarter's churn and expansion) stay together. ChaCha8 streams are value-stable across versions,
//! so a seed gives the same paths everywhere.

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Consecutive months drawn together.
pub const BLOCK: usize = 3;

/// The stream of a seed.
pub fn rng(seed: u64) -> ChaCha8Rng {
    ChaCha8Rng::seed_from_u64(seed)
}

/// A uniform index below `n` (n >= 1) by Lemire's multiply-shift: its bias is below n / 2^64.
fn below(rng: &mut ChaCha8Rng, n: usize) -> usize {
    ((u128::from(rng.next_u64()) * n as u128) >> 64) as usize
}

/// Fills `out` (one path, `out.len()` months) with observed-month indices below `observed`.
pub fn draw_path(rng: &mut ChaCha8Rng, observed: usize, out: &mut [usize]) {
    for block in out.chunks_mut(BLOCK) {
        let start = below(rng, observed);
        for (j, slot) in block.iter_mut().enumerate() {
            *slot = (start + j) % observed;
        }
    }
}

/// The month indices of `paths` paths of `months` months, path after path from one stream: what
/// the simulation draws for that seed (the tests read it).
pub fn indices(seed: u64, paths: usize, observed: usize, months: usize) -> Vec<Vec<usize>> {
    let mut r = rng(seed);
    (0..paths)
        .map(|_| {
            let mut v = vec![0; months];
            draw_path(&mut r, observed, &mut v);
            v
        })
        .collect()
}
