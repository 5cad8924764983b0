//! Tables whose every data row was refused (workbook.md "Real-world files"). Such a table is not
//! "missing": one error names each of them with its commonest reasons and counts
//! (`s.csv: 40 rows refused: 31 not a date, 9 not a number`), the KPIs needing its kind say
//! "every row of s.csv was refused", and when no table yields a usable row there is nothing to
//! report on.
//!
//! The reasons are counted as the issues are pushed, before the issue list is capped, so the counts
//! are exact however many rows were refused.

use super::{ImportReport, Issue, TableReport};
use crate::model::{Dataset, RefusedTable};
use serde::Serialize;
use std::collections::HashMap;

/// How many reasons the message of a refused table names; the rest are counted together.
const REASONS_NAMED: usize = 3;

/// The refused rows of each table, by reason (every issue, not only the listed ones).
#[derive(Debug, Clone, Default)]
pub struct Tally {
    tables: Vec<TableTally>,
}

#[derive(Debug, Clone)]
struct TableTally {
    file: String,
    sheet: Option<String>,
    rows: usize,
    reasons: HashMap<String, usize>,
}

impl Tally {
    /// Counts one refused row. A table's issues arrive together, so the last table is tried first.
    pub fn count(&mut self, issue: &Issue) {
        let same = |t: &TableTally| t.file == issue.file && t.sheet == issue.sheet;
        let k = match self.tables.iter().rposition(same) {
            Some(k) => k,
            None => {
                self.tables.push(TableTally {
                    file: issue.file.clone(),
                    sheet: issue.sheet.clone(),
                    rows: 0,
                    reasons: HashMap::new(),
                });
                self.tables.len() - 1
            }
        };
        let t = &mut self.tables[k];
        t.rows += 1;
        match t.reasons.get_mut(issue.reason.as_str()) {
            Some(n) => *n += 1,
            None => {
                t.reasons.insert(issue.reason.clone(), 1);
            }
        }
    }

    /// Counts a table refused whole (`rows` rows, one reason): a month missing from its range, a
    /// survey table whose type is unknown.
    pub fn count_table(&mut self, file: &str, sheet: &Option<String>, rows: usize, reason: &str) {
        if rows == 0 {
            return;
        }
        // Beside the rows already refused one by one, if any.
        let same = |t: &TableTally| t.file == file && t.sheet == *sheet;
        match self.tables.iter_mut().rev().find(|t| same(t)) {
            Some(t) => {
                t.rows += rows;
                *t.reasons.entry(reason.to_string()).or_insert(0) += rows;
            }
            None => self.tables.push(TableTally {
                file: file.to_string(),
                sheet: sheet.clone(),
                rows,
                reasons: HashMap::from([(reason.to_string(), rows)]),
            }),
        }
    }

    fn of(&self, t: &TableReport) -> Option<&TableTally> {
        self.tables.iter().find(|x| x.file == t.file && x.sheet == t.sheet)
    }
}

/// One reason and how many rows it refused.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReasonCount {
    pub reason: String,
    pub rows: usize,
}

/// A table whose every data row was refused.
#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "RefusedTable"))]
pub struct Refused {
    pub file: String,
    pub sheet: Option<String>,
    /// The table's kind (`mrr`, `surveys`...).
    pub kind: &'static str,
    /// Rows refused (each refused row is one issue).
    pub rows: usize,
    /// Every reason, commonest first.
    pub reasons: Vec<ReasonCount>,
    /// `s.csv: 40 rows refused: 31 not a date, 9 not a number`
    pub message: String,
}

/// `s.csv`, or `book.xlsx [MRR]` for a sheet.
pub fn table_name(file: &str, sheet: &Option<String>) -> String {
    match sheet {
        Some(s) => format!("{file} [{s}]"),
        None => file.to_string(),
    }
}

fn rows(n: usize) -> String {
    if n == 1 {
        "1 row".into()
    } else {
        format!("{n} rows")
    }
}

fn refused(t: &TableReport, tally: &TableTally) -> Option<Refused> {
    let kind = t.kind?.id();
    let mut reasons: Vec<ReasonCount> = tally
        .reasons
        .iter()
        .map(|(reason, rows)| ReasonCount { reason: reason.clone(), rows: *rows })
        .collect();
    reasons.sort_by(|a, b| b.rows.cmp(&a.rows).then_with(|| a.reason.cmp(&b.reason)));
    let mut named: Vec<String> =
        reasons.iter().take(REASONS_NAMED).map(|r| format!("{} {}", r.rows, r.reason)).collect();
    let others: usize = reasons.iter().skip(REASONS_NAMED).map(|r| r.rows).sum();
    if others > 0 {
        named.push(format!("{others} for other reasons"));
    }
    let message = format!(
        "{}: {} refused: {}",
        table_name(&t.file, &t.sheet),
        rows(tally.rows),
        named.join(", ")
    );
    Some(Refused {
        file: t.file.clone(),
        sheet: t.sheet.clone(),
        kind,
        rows: tally.rows,
        reasons,
        message,
    })
}

/// Lists the tables whose every data row was refused, and tells the dataset about the kinds that
/// yielded nothing at all because of it (so their KPIs name the files instead of a missing table).
pub fn finish(report: &mut ImportReport, dataset: &mut Dataset) {
    report.refused = report
        .tables
        .iter()
        .filter(|t| t.rows_used == 0)
        .filter_map(|t| refused(t, report.tally.of(t)?))
        .collect();
    for r in &report.refused {
        let yielded =
            report.tables.iter().any(|t| t.kind.map(|k| k.id()) == Some(r.kind) && t.rows_used > 0);
        if yielded {
            continue;
        }
        dataset.refused.push(RefusedTable { kind: r.kind, name: table_name(&r.file, &r.sheet) });
        // A table that yielded nothing is, for the KPIs, not there (they say why).
        let has = match r.kind {
            // Ticket ratings are CSAT responses too (exports.md §6): those keep the surveys.
            "surveys" if !dataset.surveys.is_empty() => continue,
            "surveys" => &mut dataset.has_surveys,
            "tickets" => &mut dataset.has_tickets,
            "activities" => &mut dataset.has_activities,
            "costs" => &mut dataset.has_costs,
            "orders" => &mut dataset.has_orders,
            "usage" => &mut dataset.has_usage,
            "trials" => &mut dataset.has_trials,
            "renewals" => &mut dataset.has_renewals,
            "contracts" => &mut dataset.has_contracts,
            _ => continue,
        };
        *has = false;
    }
}

impl ImportReport {
    /// One error naming each table whose every row was refused, a line each; None when there is
    /// none.
    pub fn refused_error(&self) -> Option<String> {
        (!self.refused.is_empty())
            .then(|| self.refused.iter().map(|r| r.message.as_str()).collect::<Vec<_>>().join("\n"))
    }

    /// When no table yields a usable row and some rows were refused: the error to stop on (there is
    /// nothing to report on).
    pub fn no_usable_rows(&self) -> Option<String> {
        if self.tables.iter().any(|t| t.rows_used > 0) {
            return None;
        }
        if let Some(e) = self.refused_error() {
            return Some(format!("no file yields a usable row; every row was refused:\n{e}"));
        }
        // Nothing recognised at all (a text file, a sheet without a header row): say so per file,
        // rather than "no dated rows".
        if self.tables.iter().all(|t| t.kind.is_none()) && !self.tables.is_empty() {
            let why: Vec<String> = self
                .tables
                .iter()
                .map(|t| {
                    let said = self
                        .warnings
                        .iter()
                        .find(|w| w.file == t.file && w.sheet == t.sheet)
                        .map(|w| w.message.clone())
                        .unwrap_or_else(|| "empty".into());
                    format!("{}: {said}", table_name(&t.file, &t.sheet))
                })
                .collect();
            return Some(format!(
                "nothing in these files could be read as a table. Each sheet needs a header row naming its columns (for revenue: Customer ID, Month, MRR; or a customer column and one column per month):\n{}",
                why.join("\n")
            ));
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::super::{import_sources, ImportSettings, Source};

    fn csv(name: &str, text: &str) -> Source {
        Source { name: name.into(), bytes: text.as_bytes().to_vec() }
    }

    #[test]
    fn a_table_whose_every_row_was_refused_is_named_with_its_reasons() {
        let bad =
            csv("s.csv", "Customer ID,Month,MRR\nA,2024-01,abc\nB,2024-01,xyz\nC,2024-13,5\n");
        let out = import_sources(&[bad], &ImportSettings::default()).unwrap();
        let r = &out.report.refused;
        assert_eq!(r.len(), 1);
        assert_eq!((r[0].kind, r[0].rows), ("mrr", 3));
        assert_eq!(r[0].message, "s.csv: 3 rows refused: 2 not a number, 1 not a month or date");
        let e = out.report.no_usable_rows().unwrap();
        assert!(e.ends_with("s.csv: 3 rows refused: 2 not a number, 1 not a month or date"));
        assert_eq!(out.dataset.refused.len(), 1);
        assert_eq!(out.dataset.refused[0].name, "s.csv");
    }

    #[test]
    fn counts_are_exact_past_the_issue_cap_and_name_the_commonest_reasons() {
        let mut text = String::from("Customer ID,Month,MRR\n");
        let n = super::super::MAX_ISSUES + 5;
        for i in 0..n {
            let row = match i % 10 {
                0..=5 => format!("C{i},2024-01,abc\n"),
                6..=7 => format!("C{i},2024-13,5\n"),
                8 => format!("C{i},2024-01,-5\n"),
                _ => ",2024-01,5\n".to_string(),
            };
            text.push_str(&row);
        }
        let out = import_sources(&[csv("big.csv", &text)], &ImportSettings::default()).unwrap();
        assert_eq!(out.report.issues.len(), super::super::MAX_ISSUES);
        let r = &out.report.refused[0];
        assert_eq!(r.rows, n);
        assert_eq!(r.reasons.iter().map(|x| x.rows).sum::<usize>(), n);
        assert_eq!(r.reasons.len(), 4);
        // "empty required cell" and "negative MRR" refused 1000 rows each: the first by name.
        assert_eq!(
            r.message,
            "big.csv: 10005 rows refused: 6005 not a number, 2000 not a month or date, \
             1000 empty required cell, 1000 for other reasons"
        );
    }

    #[test]
    fn a_table_with_a_usable_row_is_not_refused() {
        let ok = csv("m.csv", "Customer ID,Month,MRR\nA,2024-01,abc\nB,2024-01,10\n");
        let out = import_sources(&[ok], &ImportSettings::default()).unwrap();
        assert!(out.report.refused.is_empty());
        assert_eq!(out.report.no_usable_rows(), None);
        assert!(out.dataset.refused.is_empty());
    }

    #[test]
    fn a_refused_kind_with_another_usable_table_of_it_is_not_missing() {
        let bad = csv("a.csv", "Customer ID,Date,Type,Score\nA,someday,NPS,9\n");
        let good = csv("b.csv", "Customer ID,Date,Type,Score\nA,2024-01-05,NPS,9\n");
        let out = import_sources(&[bad, good], &ImportSettings::default()).unwrap();
        assert_eq!(out.report.refused.len(), 1);
        assert!(out.dataset.refused.is_empty());
        assert!(out.dataset.has_surveys);
    }
}
