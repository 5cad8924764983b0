//! The AUC of a score as a churn ranking (Mann-Whitney): the chance that a customer who stayed
//! scores above one who churned, ties counted half. 1 = every churner below every stayer, 0.5 = no
//! better than chance. The bootstrap resamples customers (not rows: a customer's months are not
//! independent) with weights on one list sorted once, so each replicate is one linear pass.

use rand_chacha::rand_core::{RngCore, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// One scored row: its value, whether it churned, and its customer (for the bootstrap).
#[derive(Debug, Clone, Copy)]
pub struct Item {
    pub value: f64,
    pub churned: bool,
    pub cust: u32,
}

/// Sorts the items by value, as `weighted` needs them.
pub fn sorted(mut items: Vec<Item>) -> Vec<Item> {
    items.sort_by(|a, b| a.value.total_cmp(&b.value));
    items
}

/// The AUC of items sorted by value, each counted `weight(item)` times; None when either class
/// is empty.
pub fn weighted(items: &[Item], weight: impl Fn(&Item) -> f64) -> Option<f64> {
    let (mut pairs, mut churn_below, mut churned, mut stayed) = (0.0, 0.0, 0.0, 0.0);
    let mut i = 0;
    while i < items.len() {
        // One group of tied values.
        let (mut c, mut s) = (0.0, 0.0);
        let mut j = i;
        while j < items.len() && items[j].value == items[i].value {
            let w = weight(&items[j]);
            if items[j].churned {
                c += w;
            } else {
                s += w;
            }
            j += 1;
        }
        // Each stayer of the group outranks the churners below it and ties those in it.
        pairs += s * (churn_below + 0.5 * c);
        churn_below += c;
        churned += c;
        stayed += s;
        i = j;
    }
    (churned > 0.0 && stayed > 0.0).then(|| pairs / (churned * stayed))
}

pub fn auc(items: &[Item]) -> Option<f64> {
    weighted(items, |_| 1.0)
}

/// A percentile interval [2.5%, 97.5%] of the AUC over `replicates` resamples of the customers
/// (with replacement, seeded ChaCha8 so the same seed gives the same interval everywhere).
/// `customers` = the number of customer rows the `cust` fields index.
pub fn bootstrap_ci(
    items: &[Item],
    customers: usize,
    replicates: usize,
    seed: u64,
) -> Option<[f64; 2]> {
    let mut present = vec![false; customers];
    for it in items {
        if let Some(p) = present.get_mut(it.cust as usize) {
            *p = true;
        }
    }
    let ids: Vec<usize> = (0..customers).filter(|&i| present[i]).collect();
    if ids.is_empty() || replicates == 0 {
        return None;
    }
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut counts = vec![0u32; customers];
    let mut aucs = Vec::with_capacity(replicates);
    for _ in 0..replicates {
        counts.iter_mut().for_each(|c| *c = 0);
        for _ in 0..ids.len() {
            // Modulo bias is below 2^-40 for any realistic book: not worth a rejection loop.
            let k = (rng.next_u64() % ids.len() as u64) as usize;
            counts[ids[k]] += 1;
        }
        if let Some(a) = weighted(items, |it| counts[it.cust as usize] as f64) {
            aucs.push(a);
        }
    }
    if aucs.is_empty() {
        return None;
    }
    aucs.sort_by(f64::total_cmp);
    Some([quantile(&aucs, 0.025), quantile(&aucs, 0.975)])
}

/// Linear interpolation between order statistics (the usual "type 7" quantile).
fn quantile(sorted: &[f64], p: f64) -> f64 {
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = (lo + 1).min(sorted.len() - 1);
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn it(value: f64, churned: bool, cust: u32) -> Item {
        Item { value, churned, cust }
    }

    /// Churners at 10 and 50, stayers at 50, 60, 80. Pairs (stayer, churner): 50 vs 10 wins,
    /// 50 vs 50 ties (1/2), 60 and 80 beat both -> 1 + 0.5 + 2 + 2 = 5.5 of 3 x 2 = 6 pairs.
    #[test]
    fn mann_whitney_with_ties_half() {
        let items = sorted(vec![
            it(50.0, false, 0),
            it(10.0, true, 1),
            it(80.0, false, 2),
            it(50.0, true, 3),
            it(60.0, false, 4),
        ]);
        assert_eq!(auc(&items), Some(5.5 / 6.0));
        // Counting the churner at 50 twice: pairs 3 x 3 = 9; wins 1 + 2 x 0.5 + 2 x 3 = 8.
        let w = weighted(&items, |i| if i.cust == 3 { 2.0 } else { 1.0 });
        assert_eq!(w, Some(8.0 / 9.0));
        assert_eq!(auc(&sorted(vec![it(1.0, true, 0)])), None);
    }

    #[test]
    fn bootstrap_is_seeded() {
        let items =
            sorted((0..200).map(|k| it((k * 37 % 101) as f64, k % 3 == 0, k as u32 / 2)).collect());
        let a = bootstrap_ci(&items, 100, 50, 7).unwrap();
        assert_eq!(Some(a), bootstrap_ci(&items, 100, 50, 7));
        assert_ne!(Some(a), bootstrap_ci(&items, 100, 50, 8));
        assert!(a[0] <= a[1]);
    }
}
