//! A subscription's start and end (exports.md §3). Start: the activation, else the start (or the
//! creation), or the trial end when later. End: the first present of the export's end dates; a
//! live subscription's `Canceled At` is when the cancellation was asked for, never its end.

use super::super::super::table::{Bad, RowView, Table};
use super::status::Status;
use chrono::NaiveDate;

pub struct Start {
    pub date: NaiveDate,
    /// The start as written (activation, start or creation): a past event, unlike a trial end.
    pub base: NaiveDate,
    /// The trial end, later than the start, was taken as the start.
    pub trial: bool,
}

pub fn start(r: &RowView, t: &Table, created: Option<NaiveDate>) -> Result<Start, Bad> {
    if let Some(date) = r.date("activated_at")? {
        return Ok(Start { date, base: date, trial: false });
    }
    let base = match r.date("started_at")? {
        Some(d) => Some(d),
        None => r.date("start_date")?,
    };
    let Some(base) = base.or(created) else {
        let col = ["start_date", "activated_at", "started_at", "created"]
            .iter()
            .find_map(|c| t.map.col(c))
            .unwrap_or(0);
        return Err((col, "empty required cell".into()));
    };
    match r.date("trial_end")? {
        Some(trial) if trial > base => Ok(Start { date: trial, base, trial: true }),
        _ => Ok(Start { date: base, base, trial: false }),
    }
}

/// An end date: (date, its column, whether it already happened rather than being scheduled).
pub type End = (NaiveDate, usize, bool);

/// The subscription's end, if any. A cancelled subscription without one is an issue: counting it
/// as open would never churn it.
pub fn end(
    r: &RowView,
    t: &Table,
    status: &Status,
    requested: Option<NaiveDate>,
) -> Result<Option<End>, Bad> {
    // Each date is read only when the rules get to it: an unused bad cell refuses no row.
    let get = |name: &str| -> Result<Option<(NaiveDate, usize)>, Bad> {
        Ok(r.date(name)?.map(|d| (d, t.map.col(name).unwrap_or(0))))
    };
    if let Some((d, c)) = get("ended_at")? {
        return Ok(Some((d, c, true)));
    }
    if let Status::Paused = status {
        if let Some((d, c)) = get("pause_date")? {
            return Ok(Some((d, c, true)));
        }
    }
    let ended = matches!(status, Status::Ended);
    let found = match get("cancel_at")? {
        Some(e) => Some(e),
        None => {
            let at_period_end = matches!(status, Status::NonRenewing)
                || r.bool("cancel_at_period_end")?.unwrap_or(false);
            let period_end = if at_period_end { get("current_period_end")? } else { None };
            match period_end {
                Some(e) => Some(e),
                None if ended => match requested {
                    Some(d) => Some((d, t.map.col("canceled_at").unwrap_or(0))),
                    None => get("end_date")?,
                },
                None => get("end_date")?,
            }
        }
    };
    // A plain end date with no status to say it is scheduled is a date that happened.
    let plain = matches!(status, Status::Unknown);
    match found {
        Some((d, c)) => Ok(Some((d, c, ended || (plain && t.map.col("end_date") == Some(c))))),
        None if ended => {
            let col = t.map.col("status").unwrap_or(0);
            Err((col, "cancelled, but no end date (ended at, cancel at or canceled at)".into()))
        }
        None => Ok(None),
    }
}
