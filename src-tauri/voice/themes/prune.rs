//! Dropping the candidates that are no topic of their own.

/// Drops, one at a time, a candidate sharing more than `limit` (num, den) of its comments with
/// other remaining candidates, until none does. The one dropped first is the most shared (a word
/// said about every topic, "overall", goes before the topics); among equals, the most contained in
/// a single other candidate ("show", all of whose comments are the "invoice shows…" ones, goes
/// before "invoice"), then a word of the sentiment lexicon ("fails" before "export"), then the
/// smaller, then by the key's text. Returns the rest in the order of `candidates`.
pub fn prune(
    candidates: &[u32],
    postings: &[Vec<u32>],
    keys: &[Vec<u32>],
    stems: &[String],
    limit: (usize, usize),
) -> Vec<u32> {
    let mut alive = vec![false; stems.len()];
    for k in candidates {
        alive[*k as usize] = true;
    }
    // Comments each pair of candidates shares (both directions), computed once.
    let mut overlap: std::collections::HashMap<(u32, u32), usize> =
        std::collections::HashMap::new();
    let mut count = vec![0u32; keys.len()];
    for (c, ks) in keys.iter().enumerate() {
        let mine: Vec<u32> = ks.iter().copied().filter(|k| alive[*k as usize]).collect();
        count[c] = mine.len() as u32;
        for (i, a) in mine.iter().enumerate() {
            for b in &mine[i + 1..] {
                *overlap.entry((*a, *b)).or_default() += 1;
                *overlap.entry((*b, *a)).or_default() += 1;
            }
        }
    }
    let mut partners: std::collections::HashMap<u32, Vec<(u32, usize)>> = Default::default();
    for ((a, b), n) in &overlap {
        partners.entry(*a).or_default().push((*b, *n));
    }
    let mut shared = vec![0usize; stems.len()];
    for k in candidates {
        shared[*k as usize] =
            postings[*k as usize].iter().filter(|c| count[**c as usize] > 1).count();
    }
    let (num, den) = limit;
    loop {
        // (containment as overlap / len, shared / len, len, key): the largest is dropped.
        let mut worst: Option<(usize, usize, usize, u32)> = None;
        for &k in candidates.iter().filter(|k| alive[**k as usize]) {
            let len = postings[k as usize].len();
            if den * shared[k as usize] <= num * len {
                continue;
            }
            let inside = partners
                .get(&k)
                .map(|p| {
                    p.iter().filter(|(t, _)| alive[*t as usize]).map(|(_, n)| *n).max().unwrap_or(0)
                })
                .unwrap_or(0);
            let this = (inside, shared[k as usize], len, k);
            let worse = match worst {
                None => true,
                Some((wi, ws, wl, w)) => {
                    // Ratios compared as cross products (exact).
                    let by_inside = (inside * wl).cmp(&(wi * len));
                    let by_shared = (this.1 * wl).cmp(&(ws * len));
                    let lexical = |k: u32| super::super::vader::in_lexicon(&stems[k as usize]);
                    by_shared
                        .then(by_inside)
                        .then(lexical(k).cmp(&lexical(w)))
                        .then(wl.cmp(&len))
                        .then_with(|| stems[w as usize].cmp(&stems[k as usize]))
                        .is_gt()
                }
            };
            if worse {
                worst = Some(this);
            }
        }
        let Some((_, _, _, w)) = worst else { break };
        alive[w as usize] = false;
        for c in &postings[w as usize] {
            let c = *c as usize;
            count[c] -= 1;
            if count[c] == 1 {
                // The one candidate left in this comment now has it to itself.
                if let Some(t) = keys[c].iter().find(|t| alive[**t as usize]) {
                    shared[*t as usize] -= 1;
                }
            }
        }
    }
    candidates.iter().copied().filter(|k| alive[*k as usize]).collect()
}
