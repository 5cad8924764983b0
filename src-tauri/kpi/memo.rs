//! What the app asks of one loaded dataset again and again, worked out once (issue #22): per view
//! (the whole data, a segment, a breakdown row) the filtered data, the MRR of every month, and every
//! period's KPIs. A period change then computes two periods, the sparklines and red flags reuse the
//! months the last view computed, an explanation reads the report on screen.
//!
//! Off unless asked for (`Dataset::keep_results`): the desktop app turns it on for the dataset it
//! holds, which never changes once loaded; the CLI and the tests compute afresh. A copy of a dataset
//! (a segment's) starts without, as its results differ.

use super::coverage::Coverages;
use super::health::Score;
use super::revenue::Movement;
use super::scorecard::Scorecard;
use super::{Computed, Period, Report};
use crate::model::{Dataset, Month};
use crate::settings::{HealthSettings, Settings};
use std::sync::{Arc, Mutex, OnceLock};

/// Views kept: the whole data, the segments looked at lately and a breakdown's rows. Each holds its
/// share of the data: one attribute's values together hold about one more copy of it.
const VIEWS: usize = 32;
/// Periods kept per view (a dashboard's two periods, 14 months of sparklines and flags, quarters).
const PERIODS: usize = 256;
/// Reports kept per view.
const REPORTS: usize = 8;
/// Months of health scores kept per view (a period's last month is also its sparkline's and its
/// at-risk list's; about 0.8 MB a month for 20,000 active customers).
const HEALTH_MONTHS: usize = 16;

#[derive(Default)]
pub struct Memo(Option<Arc<Inner>>);

impl Memo {
    pub fn on() -> Memo {
        Memo(Some(Arc::default()))
    }
}

impl Clone for Memo {
    fn clone(&self) -> Memo {
        Memo(None)
    }
}

impl std::fmt::Debug for Memo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.is_some() { "Memo(on)" } else { "Memo(off)" })
    }
}

type Filters = Vec<(String, String)>;

#[derive(Default)]
struct Inner {
    coverage: OnceLock<Coverages>,
    views: Mutex<Vec<(Filters, Slot<Arc<ViewMemo>>)>>,
}

/// A kept answer, filled once: the first thread asking works it out, the others asking meanwhile
/// wait for it (the window asks for a new segment's report, sparklines and red flags at once; each
/// filtering the data and computing the same months would triple the work on two cores).
type Slot<V> = Arc<OnceLock<V>>;

/// A month's health scores of a view's active customers.
type Scores = Arc<Vec<Score>>;

/// One view's data and results.
pub(crate) struct ViewMemo {
    /// The filtered data (None: the whole data) and whether spend follows the filter.
    pub(crate) filtered: Option<(Dataset, bool)>,
    pub(crate) index: super::Index,
    series: OnceLock<Vec<Movement>>,
    periods: Mutex<Vec<(PeriodKey, Slot<Computed>)>>,
    scorecards: Mutex<Vec<(PeriodKey, Slot<Scorecard>)>>,
    reports: Mutex<Vec<(ReportKey, Arc<Report>)>>,
    health: Mutex<Vec<(PeriodKey, Slot<Scores>)>>,
}

#[derive(PartialEq)]
struct PeriodKey(Month, Month, Arc<str>);

#[derive(PartialEq, Clone)]
pub(crate) struct ReportKey {
    from: Option<Month>,
    to: Option<Month>,
    with_details: bool,
    /// A breakdown's row (no scorecard) of the same filters as a segment's report.
    row: bool,
    settings: Arc<str>,
}

/// The key of a set of settings: everything a result depends on.
pub(crate) fn settings_key(s: &Settings) -> Arc<str> {
    serde_json::to_string(s).unwrap_or_default().into()
}

/// Looks `key` up in a small most-recent-first list; a hit moves to the front.
fn find<K: PartialEq, V: Clone>(list: &Mutex<Vec<(K, V)>>, key: &K) -> Option<V> {
    let mut l = list.lock().unwrap_or_else(|e| e.into_inner());
    let at = l.iter().position(|(k, _)| k == key)?;
    let hit = l.remove(at);
    let v = hit.1.clone();
    l.insert(0, hit);
    Some(v)
}

/// The slot of `key` in a most-recent-first list, a new empty one when missing (the oldest beyond
/// `cap` dropped); the caller fills it outside the list's lock.
fn slot<K: PartialEq, V>(list: &Mutex<Vec<(K, Slot<V>)>>, key: K, cap: usize) -> Slot<V> {
    let mut l = list.lock().unwrap_or_else(|e| e.into_inner());
    let hit = match l.iter().position(|(k, _)| *k == key) {
        Some(at) => l.remove(at),
        None => (key, Slot::default()),
    };
    let s = hit.1.clone();
    l.insert(0, hit);
    l.truncate(cap);
    s
}

fn keep<K, V>(list: &Mutex<Vec<(K, V)>>, key: K, value: V, cap: usize) {
    let mut l = list.lock().unwrap_or_else(|e| e.into_inner());
    l.insert(0, (key, value));
    l.truncate(cap);
}

impl Dataset {
    /// Keeps the results of the KPIs asked of this dataset (see the module's note).
    pub fn keep_results(&mut self) {
        self.memo = Memo::on();
    }
}

/// The coverage of the whole data, worked out once when kept.
pub(crate) fn coverage(data: &Dataset) -> Option<&Coverages> {
    let inner = data.memo.0.as_ref()?;
    Some(inner.coverage.get_or_init(|| Coverages::of(data)))
}

/// The kept view of `filters` (filtered now if new); None when results are not kept.
pub(crate) fn view(data: &Dataset, filters: &[&(String, String)]) -> Option<Arc<ViewMemo>> {
    let inner = data.memo.0.as_ref()?;
    let key: Filters = filters.iter().map(|f| (*f).clone()).collect();
    let s = slot(&inner.views, key, VIEWS);
    let v = s.get_or_init(|| {
        let mut filtered: Option<Dataset> = None;
        let (_, split) = super::scope(data, filters, &mut filtered);
        Arc::new(ViewMemo {
            filtered: filtered.map(|f| (f, split)),
            index: Default::default(),
            series: OnceLock::new(),
            periods: Mutex::default(),
            scorecards: Mutex::default(),
            reports: Mutex::default(),
            health: Mutex::default(),
        })
    });
    Some(v.clone())
}

impl ViewMemo {
    /// The MRR and movements of every month of the view's data.
    pub(crate) fn series(&self, f: impl FnOnce() -> Vec<Movement>) -> &[Movement] {
        self.series.get_or_init(f)
    }

    /// One period's KPIs: kept, or worked out by `f` (once: a second thread asking waits for it).
    pub(crate) fn period(&self, p: Period, s: &Settings, f: impl FnOnce() -> Computed) -> Computed {
        let key = PeriodKey(p.from, p.to, settings_key(s));
        slot(&self.periods, key, PERIODS).get_or_init(f).clone()
    }

    /// A quarter's CSM scorecard (the red flags compare the last two).
    pub(crate) fn scorecard(
        &self,
        p: Period,
        s: &Settings,
        f: impl FnOnce() -> Scorecard,
    ) -> Scorecard {
        let key = PeriodKey(p.from, p.to, settings_key(s));
        slot(&self.scorecards, key, PERIODS).get_or_init(f).clone()
    }

    /// The health scores at the end of month `end` under settings `s`.
    pub(crate) fn health(
        &self,
        end: Month,
        s: &HealthSettings,
        f: impl FnOnce() -> Scores,
    ) -> Scores {
        let key = PeriodKey(end, end, serde_json::to_string(s).unwrap_or_default().into());
        slot(&self.health, key, HEALTH_MONTHS).get_or_init(f).clone()
    }

    pub(crate) fn report_key(req: &super::ReportRequest, s: &Settings, row: bool) -> ReportKey {
        ReportKey {
            from: req.from,
            to: req.to,
            with_details: req.with_details,
            row,
            settings: settings_key(s),
        }
    }

    /// A kept report: the one asked for, or the same with the charts' details (which are dropped).
    pub(crate) fn report(&self, key: &ReportKey) -> Option<Report> {
        if let Some(r) = find(&self.reports, key) {
            return Some((*r).clone());
        }
        if key.with_details {
            return None;
        }
        let detailed = ReportKey { with_details: true, ..key.clone() };
        let mut r = (*find(&self.reports, &detailed)?).clone();
        r.details = Default::default();
        Some(r)
    }

    pub(crate) fn keep_report(&self, key: ReportKey, r: &Report) {
        keep(&self.reports, key, Arc::new(r.clone()), REPORTS);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Three threads asking for the same answer at once: it is worked out once, and each gets it.
    /// A fourth key beyond a list of three drops the oldest, which is then worked out again.
    #[test]
    fn an_answer_asked_at_once_is_worked_out_once() {
        let list: Mutex<Vec<(u32, Slot<u64>)>> = Mutex::default();
        let runs = AtomicUsize::new(0);
        let work = |v: u64| {
            runs.fetch_add(1, Ordering::SeqCst);
            std::thread::sleep(std::time::Duration::from_millis(50));
            v * 2
        };
        let got: Vec<u64> = std::thread::scope(|s| {
            let asks: Vec<_> =
                (0..3).map(|_| s.spawn(|| *slot(&list, 7, 3).get_or_init(|| work(21)))).collect();
            asks.into_iter().map(|a| a.join().unwrap()).collect()
        });
        assert_eq!(got, [42, 42, 42]);
        assert_eq!(runs.load(Ordering::SeqCst), 1);
        for key in [1, 2, 3] {
            slot(&list, key, 3).get_or_init(|| work(u64::from(key)));
        }
        assert_eq!(runs.load(Ordering::SeqCst), 4);
        assert_eq!(*slot(&list, 7, 3).get_or_init(|| work(21)), 42);
        assert_eq!(runs.load(Ordering::SeqCst), 5, "key 7 was dropped as the oldest");
        assert_eq!(*slot(&list, 3, 3).get_or_init(|| work(99)), 6, "key 3 is kept");
    }
}
