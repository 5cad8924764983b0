//! The rows of a long table parsed on two threads, each writing its records straight into its own
//! part of the list's reserved room (the first half's part, then the second's); the second half's
//! records are then moved down next to the first's, and the issues and progress ticks put together in
//! row order, so that the records, the issues and the ticks are those of one pass. A second list per
//! half, joined after, would touch as much memory again as the records (millions of usage rows).

use super::super::progress::ROWS_PER_TICK;
use super::super::table::{Bad, Table};
use super::super::ImportReport;
use std::mem::MaybeUninit;
use std::sync::atomic::{AtomicBool, Ordering};

/// Tables with fewer data rows are parsed on one thread (a thread costs more than it saves).
pub const FROM_ROWS: usize = 1 << 16;

/// What one half did: records written, its issues (row, problem), rows read and rows used.
struct Half {
    written: usize,
    issues: Vec<(usize, Bad)>,
    read: usize,
}

/// One row's record: Some when the row gives one, None when it is left out without an issue.
type Parse<'p, T> = dyn Fn(usize, &Table) -> Result<Option<T>, Bad> + Sync + 'p;

/// Parses every data row of `table` with `parse` and appends the records to `out` (rows read and
/// used), on two threads; None when `tick` asked to stop (then `out` is as it was).
pub fn rows<T: Send>(
    table: &Table,
    report: &mut ImportReport,
    tick: &dyn Fn(usize) -> bool,
    parse: &Parse<T>,
    out: &mut Vec<T>,
) -> Option<(usize, usize)> {
    let (mid, end) = ((table.map.header_row + 1 + table.raw.rows.len()) / 2, table.raw.rows.len());
    // At most one record per row: room for every row, split at the halves' boundary.
    out.reserve(end);
    let before = out.len();
    let stop = AtomicBool::new(false);
    let (first, second) = {
        let (room_a, room_b) = out.spare_capacity_mut().split_at_mut(mid);
        std::thread::scope(|s| {
            let second = s
                .spawn(|| half(table, mid..end, parse, room_b, &|_| !stop.load(Ordering::Relaxed)));
            let first = half(table, 0..mid, parse, room_a, &|read| {
                let go = tick(read);
                if !go {
                    stop.store(true, Ordering::Relaxed);
                }
                go
            });
            (first, second.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
        })
    };
    let spare = out.spare_capacity_mut();
    let (first, second) = match (first, second) {
        (Some(a), Some(b)) => (a, b),
        (a, b) => {
            // Stopped: the records written are dropped, the list is left as it was.
            for (at, h) in [(0, a), (mid, b)] {
                for r in &mut spare[at..at + h.map_or(0, |h| h.written)] {
                    // SAFETY: `half` initialised exactly the first `written` slots of its room.
                    unsafe { r.assume_init_drop() };
                }
            }
            return None;
        }
    };
    // The second half's records next to the first's (a move within the room already touched).
    let base = spare.as_mut_ptr();
    // SAFETY: both ranges lie in the room (`copy` allows them to overlap); the moved records are
    // initialised (written by the second half).
    unsafe { std::ptr::copy(base.add(mid), base.add(first.written), second.written) };
    // SAFETY: slots 0..first.written and (moved) first.written..first.written + second.written of
    // the spare room are initialised records; the moved-from slots are no longer counted.
    unsafe { out.set_len(before + first.written + second.written) };
    // The second half's ticks, counted on from the first's rows, as one pass would have made them.
    let read = first.read + second.read;
    let next_tick = (first.read / ROWS_PER_TICK + 1) * ROWS_PER_TICK;
    if (next_tick..=read).step_by(ROWS_PER_TICK).any(|r| !tick(r)) {
        out.truncate(before);
        return None;
    }
    for (i, bad) in first.issues.into_iter().chain(second.issues) {
        report.push_issue(table.issue(i, bad));
    }
    Some((read, first.written + second.written))
}

/// The rows of `range`, as `Builder::add` parses them, written in order into `room`; None when
/// `tick` said stop (the records written so far are dropped).
fn half<T>(
    table: &Table,
    range: std::ops::Range<usize>,
    parse: &Parse<T>,
    room: &mut [MaybeUninit<T>],
    tick: &dyn Fn(usize) -> bool,
) -> Option<Half> {
    let (mut issues, mut read, mut written) = (Vec::new(), 0, 0);
    let mut stopped = false;
    for (i, _) in table.rows_in(range) {
        read += 1;
        if read % ROWS_PER_TICK == 0 && !tick(read) {
            stopped = true;
            break;
        }
        // A formula without a saved value in a column the table uses: the row is an issue.
        if let Some(bad) = table.unsaved_formula(i) {
            issues.push((i, bad));
            continue;
        }
        match parse(i, table) {
            Ok(Some(record)) => {
                // A data row of the range: the room holds one slot per row of the range.
                room[written].write(record);
                written += 1;
            }
            Ok(None) => {}
            Err(bad) => issues.push((i, bad)),
        }
    }
    if stopped {
        for r in &mut room[..written] {
            // SAFETY: the first `written` slots were written above.
            unsafe { r.assume_init_drop() };
        }
        return None;
    }
    Some(Half { written, issues, read })
}

#[cfg(test)]
mod tests {
    use super::super::super::{import_with, Control, ImportSettings, Progress, Source};
    use super::*;
    use std::sync::Mutex;

    /// A usage log long enough for two threads, with a bad date every 10,000th row in both halves:
    /// the records in file order, the issues in row order and the ticks of one pass.
    #[test]
    fn two_threads_give_the_records_issues_and_ticks_of_one_pass() {
        let n = 100_000;
        let mut text = String::from("User ID,Date,Duration (min)\n");
        for i in 0..n {
            let date = if i % 10_000 == 7 { "someday" } else { "2024-03-05 10:00" };
            text.push_str(&format!("u{i},{date},{}\n", i % 90 + 1));
        }
        let seen = Mutex::new(Vec::new());
        let record = |p: &Progress| seen.lock().unwrap().push(p.rows_done);
        let src = Source { name: "usage.csv".into(), bytes: text.into_bytes() };
        let out = import_with(
            &[src],
            &ImportSettings::default(),
            Control { cancel: None, progress: Some(&record) },
        )
        .unwrap();
        let usage = &out.dataset.usage;
        assert_eq!(usage.len(), n - 10);
        assert_eq!(usage[7].user_id, "u8"); // u7 was refused
        assert_eq!(usage[n - 11].user_id, format!("u{}", n - 1));
        assert_eq!(
            usage[n - 11].seconds,
            Some(rust_decimal::Decimal::from((n - 1) % 90 * 60 + 60))
        );
        // Row i is on line i + 2 (the header is line 1).
        let rows: Vec<usize> = out.report.issues.iter().map(|i| i.row).collect();
        assert_eq!(rows, (0..10).map(|k| k * 10_000 + 7 + 2).collect::<Vec<_>>());
        let t = &out.report.tables[0];
        assert_eq!((t.rows_read, t.rows_used), (n, n - 10));
        // Every 4096 rows, the table's end, then the file done.
        let mut ticks: Vec<usize> = (1..=n / ROWS_PER_TICK).map(|k| k * ROWS_PER_TICK).collect();
        ticks.extend([n, 0]);
        assert_eq!(*seen.lock().unwrap(), ticks);
    }

    /// Stopped in the middle of the first half (the second half is under way): the import is
    /// cancelled, and the records both halves wrote are dropped once (the ids are longer than 24
    /// bytes, so each record owns an allocation that a second drop would free twice).
    #[test]
    fn a_stop_midway_drops_both_halves_records() {
        use super::super::super::ImportError;
        use std::sync::atomic::AtomicBool;
        let n = 100_000;
        let mut text = String::from("User ID,Date\n");
        for i in 0..n {
            text.push_str(&format!("user-with-a-long-id-{i:08},2024-03-05 10:00\n"));
        }
        let cancel = AtomicBool::new(false);
        let stop = |p: &Progress| {
            if p.rows_done >= 2 * ROWS_PER_TICK {
                cancel.store(true, Ordering::Relaxed);
            }
        };
        let src = Source { name: "usage.csv".into(), bytes: text.into_bytes() };
        let r = import_with(
            &[src],
            &ImportSettings::default(),
            Control { cancel: Some(&cancel), progress: Some(&stop) },
        );
        assert!(matches!(r, Err(ImportError::Cancelled)));
    }
}
