//! The rows of a long table parsed on two threads: the first half on the importer's thread, the
//! second on another, each into its own list; the lists, issues and progress ticks are then put
//! together in row order, so that the records, the issues and the ticks are those of one pass.

use super::super::progress::ROWS_PER_TICK;
use super::super::table::{Bad, Table};
use super::super::ImportReport;
use std::sync::atomic::{AtomicBool, Ordering};

/// Tables with fewer data rows are parsed on one thread (a thread costs more than it saves).
pub const FROM_ROWS: usize = 1 << 16;

/// What one half did: its records, its issues (row, problem), rows read and rows used.
struct Half<T> {
    out: Vec<T>,
    issues: Vec<(usize, Bad)>,
    read: usize,
    used: usize,
}

type Parse<'p, T> = dyn Fn(usize, &Table, &mut Vec<T>) -> Result<bool, Bad> + Sync + 'p;

/// Parses every data row of `table` with `parse` into `out` (rows read and used), on two threads;
/// None when `tick` asked to stop.
pub fn rows<T: Send>(
    table: &Table,
    report: &mut ImportReport,
    tick: &dyn Fn(usize) -> bool,
    parse: &Parse<T>,
    out: &mut Vec<T>,
) -> Option<(usize, usize)> {
    let (mid, end) = ((table.map.header_row + 1 + table.raw.rows.len()) / 2, table.raw.rows.len());
    let stop = AtomicBool::new(false);
    let (first, second) = std::thread::scope(|s| {
        // Room for the half's rows at once (a growing list would be copied as it grows).
        let room = Vec::with_capacity(end - mid);
        let second =
            s.spawn(|| half(table, mid..end, parse, room, &|_| !stop.load(Ordering::Relaxed)));
        let first = half(table, 0..mid, parse, std::mem::take(out), &|read| {
            let go = tick(read);
            if !go {
                stop.store(true, Ordering::Relaxed);
            }
            go
        });
        (first, second.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    let (mut first, second) = (first?, second?);
    // The second half's ticks, counted on from the first's rows, as one pass would have made them.
    let read = first.read + second.read;
    let next_tick = (first.read / ROWS_PER_TICK + 1) * ROWS_PER_TICK;
    if (next_tick..=read).step_by(ROWS_PER_TICK).any(|r| !tick(r)) {
        return None;
    }
    for (i, bad) in first.issues.into_iter().chain(second.issues) {
        report.push_issue(table.issue(i, bad));
    }
    first.out.extend(second.out);
    *out = first.out;
    Some((read, first.used + second.used))
}

/// The rows of `range`, as `Builder::add` parses them; None when `tick` said stop.
fn half<T>(
    table: &Table,
    range: std::ops::Range<usize>,
    parse: &Parse<T>,
    mut out: Vec<T>,
    tick: &dyn Fn(usize) -> bool,
) -> Option<Half<T>> {
    let (mut issues, mut read, mut used) = (Vec::new(), 0, 0);
    for (i, _) in table.rows_in(range) {
        read += 1;
        if read % ROWS_PER_TICK == 0 && !tick(read) {
            return None;
        }
        // A formula without a saved value in a column the table uses: the row is an issue.
        if let Some(bad) = table.unsaved_formula(i) {
            issues.push((i, bad));
            continue;
        }
        match parse(i, table, &mut out) {
            Ok(true) => used += 1,
            Ok(false) => {}
            Err(bad) => issues.push((i, bad)),
        }
    }
    Some(Half { out, issues, read, used })
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
}
