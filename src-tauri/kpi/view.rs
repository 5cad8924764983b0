//! What every request on the data looks at: its view (the whole data, a segment, a breakdown's row),
//! the revenue book, the coverage of the tables, and what is indexed or kept once per view.

use super::{
    coverage, health, memo, period, revenue, segment, usage, KpiError, Period, ReportRequest,
};
use crate::model::Dataset;

/// What a report looks at: the (filtered) data, its revenue book, whether spend follows the
/// filter, and the spans of the whole data's tables.
pub(crate) struct View<'a> {
    pub(crate) d: &'a Dataset,
    pub(crate) book: Option<&'a revenue::Book<'a>>,
    pub(crate) spend_split: bool,
    pub(crate) coverage: &'a coverage::Coverages,
    /// The view's kept results, when the dataset keeps them (the app's).
    pub(crate) memo: Option<&'a memo::ViewMemo>,
    pub(crate) index: &'a Index,
}

impl View<'_> {
    /// The health scores of the view's customers active at the end of month `end` (None without
    /// revenue data): kept per month when the view keeps its results, as a period, the sparkline
    /// of its last month and its at-risk list score the same month.
    pub(crate) fn health_scores(
        &self,
        end: crate::model::Month,
        s: &crate::settings::HealthSettings,
    ) -> Option<std::sync::Arc<Vec<health::Score>>> {
        let book = self.book?;
        let work = || {
            std::sync::Arc::new(health::score_all(self.d, self.index.health(self.d), book, end, s))
        };
        Some(match self.memo {
            Some(m) => m.health(end, s, work),
            None => work(),
        })
    }
}

/// What the KPIs of every period of a view read, indexed once per view (and kept with its results
/// when the dataset keeps them): a request of 14 months reads each table once, not 14 times.
#[derive(Default)]
pub(crate) struct Index {
    health: std::sync::OnceLock<health::Events>,
    usage: std::sync::OnceLock<usage::Months>,
    customers: std::sync::OnceLock<CustomerRows>,
    resolution: std::sync::OnceLock<Vec<Option<(i64, rust_decimal::Decimal)>>>,
}

/// The customer row of each row of the revenue table (the last row of an id, as
/// `Dataset::customer_index`): the seat KPIs read it for every active customer of every period.
pub(crate) struct CustomerRows(Vec<Option<usize>>);

impl CustomerRows {
    fn of(d: &Dataset) -> CustomerRows {
        let idx: crate::model::FastMap<&str, usize> =
            d.customers.iter().enumerate().map(|(k, c)| (c.id.as_str(), k)).collect();
        let ids = d.revenue.as_ref().map_or(&[][..], |r| &r.ids[..]);
        CustomerRows(ids.iter().map(|id| idx.get(id.as_str()).copied()).collect())
    }

    /// The customer of revenue row `i` of `d`, the data these rows were indexed from.
    pub(crate) fn get<'d>(&self, d: &'d Dataset, i: usize) -> Option<&'d crate::model::Customer> {
        self.0.get(i).copied().flatten().map(|k| &d.customers[k])
    }
}

impl Index {
    pub(crate) fn health(&self, d: &Dataset) -> &health::Events {
        self.health.get_or_init(|| health::Events::of(d))
    }
    pub(crate) fn usage(&self, d: &Dataset) -> &usage::Months {
        self.usage.get_or_init(|| usage::Months::of(d))
    }
    pub(crate) fn resolution_times(&self, d: &Dataset) -> &[Option<(i64, rust_decimal::Decimal)>] {
        self.resolution.get_or_init(|| super::service::resolution_times(d))
    }
    pub(crate) fn customers(&self, d: &Dataset) -> &CustomerRows {
        self.customers.get_or_init(|| CustomerRows::of(d))
    }
}

/// The common start of the report and the sparklines: resolves the request's period (cut at the
/// end of the revenue data, with a note), filters its segment (and `within`, a second filter, for a
/// breakdown row) and builds the revenue book, then runs `f` on them (with the period's note).
pub(crate) fn in_view<T>(
    data: &Dataset,
    req: &ReportRequest,
    within: Option<&(String, String)>,
    f: impl FnOnce(&View, Period, Option<String>) -> T,
) -> Result<T, KpiError> {
    let resolved = period::resolve_noted(data, req.from, req.to).ok_or(KpiError::NoPeriod)?;
    let p = resolved.period;
    if p.from > p.to {
        return Err(KpiError::BadPeriod { from: p.from, to: p.to });
    }
    let filters: Vec<&(String, String)> = req.segment.iter().chain(within).collect();
    // The app's dataset keeps its views and results (see memo.rs).
    if let (Some(kept), Some(coverage)) = (memo::view(data, &filters), memo::coverage(data)) {
        let (d, spend_split) = match &kept.filtered {
            Some((d, split)) => (d, *split),
            None => (data, true),
        };
        let book = d.revenue.as_ref().filter(|r| !r.is_empty()).map(revenue::Book::new);
        let index = &kept.index;
        let view = View { d, book: book.as_ref(), spend_split, coverage, memo: Some(&kept), index };
        return Ok(f(&view, p, resolved.note));
    }
    // What the tables cover is a fact of the whole data: a segment without rows in a covered month
    // has none, not unknown ones.
    let coverage = coverage::Coverages::of(data);
    let mut filtered = None;
    let (d, spend_split) = scope(data, &filters, &mut filtered);
    let book = d.revenue.as_ref().filter(|r| !r.is_empty()).map(revenue::Book::new);
    let index = Index::default();
    let view = View {
        d,
        book: book.as_ref(),
        spend_split,
        coverage: &coverage,
        memo: None,
        index: &index,
    };
    Ok(f(&view, p, resolved.note))
}

/// The dataset a request looks at (a segment, a segment within a segment, or all of it) and
/// whether spend follows the filter: a cost line names one segment value, so spend is split by one
/// filter at most.
pub(crate) fn scope<'a>(
    data: &'a Dataset,
    filters: &[&(String, String)],
    filtered: &'a mut Option<Dataset>,
) -> (&'a Dataset, bool) {
    let mut split = true;
    for (i, (k, v)) in filters.iter().enumerate() {
        let (f, s) = segment::filter(filtered.as_ref().unwrap_or(data), k, v);
        split = s && i == 0;
        *filtered = Some(f);
    }
    match filtered {
        Some(f) => (f, split),
        None => (data, true),
    }
}
