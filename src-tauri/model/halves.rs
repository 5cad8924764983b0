//! A pass over millions of records (a usage log) on the two cores: each half of the list on its own
//! thread, the two results merged by the caller. Shorter lists stay on one thread.

/// Lists shorter than this are read on the calling thread alone (a thread costs more than it saves).
pub const FROM: usize = 1 << 16;

/// `f` of each half of `items`, the first half's result first; `f(items)` and `f(&[])` for a short list.
pub fn halves<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a [T]) -> R + Sync) -> (R, R) {
    if items.len() < FROM {
        return (f(items), f(&[]));
    }
    let (a, b) = items.split_at(items.len() / 2);
    std::thread::scope(|s| {
        let second = s.spawn(|| f(b));
        let first = f(a);
        (first, second.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The halves cover the list once, in order, whether it is read on one thread or two.
    #[test]
    fn the_halves_cover_the_list_once_in_order() {
        for n in [0, 5, FROM - 1, FROM, 3 * FROM + 1] {
            let items: Vec<u64> = (0..n as u64).collect();
            let (a, b) = halves(&items, |p| (p.first().copied(), p.len(), p.iter().sum::<u64>()));
            assert_eq!(a.1 + b.1, n, "{n} items");
            assert_eq!(a.2 + b.2, (n as u64) * (n as u64).saturating_sub(1) / 2);
            if n > 0 {
                assert_eq!(a.0, Some(0));
            }
            if n >= FROM {
                assert_eq!(b.0, Some(n as u64 / 2));
            }
        }
    }
}
