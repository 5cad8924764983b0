//! The `tickets` table: support cases with opened/resolved times and contacts or an FCR flag
//! (exports.md §6). A ticket's satisfaction rating (Zendesk's Good/Bad) is also a CSAT response of
//! its customer.

use super::super::table::{Bad, Table};
use super::super::ImportReport;
use crate::model::{SurveyResponse, SurveyType, Ticket};
use std::collections::BTreeMap;

/// What a satisfaction cell says.
#[derive(Debug, PartialEq)]
enum Rating {
    /// Blank, `Offered`, `Unoffered`: no answer.
    None,
    /// `Good` / `Bad` (also `… with comment`): positive or not, whatever the CSAT scale.
    Verdict(bool),
    /// A 1-5 rating (Intercom's conversation rating†): positive at 4 or 5, whatever the scale.
    Score(i64),
    Unknown,
}

fn rating(text: &str) -> Rating {
    let t = text.trim().to_lowercase().replace('_', " ");
    match t.as_str() {
        "" | "offered" | "unoffered" | "not offered" => Rating::None,
        "good" | "good with comment" => Rating::Verdict(true),
        "bad" | "bad with comment" => Rating::Verdict(false),
        _ => match t.parse::<i64>() {
            Ok(n) if (1..=5).contains(&n) => Rating::Score(n),
            _ => Rating::Unknown,
        },
    }
}

/// The rows of one tickets table, with the CSAT responses their ratings give.
#[derive(Default)]
pub struct Tickets {
    responses: usize,
    /// Ratings that are no answer we know (`Great`), by value: the ticket is kept, one warning.
    unknown: BTreeMap<String, usize>,
}

impl Tickets {
    pub fn row(
        &mut self,
        i: usize,
        t: &Table,
        out: &mut Vec<Ticket>,
        surveys: &mut Vec<SurveyResponse>,
    ) -> Result<bool, Bad> {
        let r = t.view(&t.raw.rows[i]);
        // A spam conversation (Help Scout's status†) is no support request.
        if r.text("status").is_some_and(|s| s.trim().eq_ignore_ascii_case("spam")) {
            t.set_aside("spam (not a support request)");
            return Ok(true);
        }
        let id = r.req_text("ticket_id")?;
        let opened = r.req_datetime("opened")?;
        // The solved/resolved stamp; Freshdesk's closing (archiving) time only when it is empty.
        let mut resolved = r.datetime("resolved")?;
        let mut resolved_col = t.map.col("resolved");
        if resolved.is_none() {
            if let Some(closed) = r.datetime("closed")? {
                t.rule("Resolved time empty: Closed time used");
                resolved = Some(closed);
                resolved_col = t.map.col("closed");
            }
        }
        if resolved.is_some_and(|res| res < opened) {
            return Err((resolved_col.unwrap_or(0), "resolved before it was opened".into()));
        }
        let contacts = r.decimal("contacts")?;
        if let Some(c) = contacts {
            if c.is_sign_negative() || !c.fract().is_zero() {
                return Err((
                    t.map.col("contacts").unwrap_or(0),
                    "contacts must be a whole number".into(),
                ));
            }
        }
        let first_contact = r.bool("first_contact_resolved")?;
        let customer_id = r.text("customer_id");
        if let Some(text) = r.text("satisfaction") {
            let (score, positive) = match rating(&text) {
                Rating::None => (None, None),
                Rating::Verdict(good) => (Some(0), Some(good)),
                Rating::Score(n) => (Some(n), Some(n >= 4)),
                Rating::Unknown => {
                    *self.unknown.entry(text.trim().to_string()).or_default() += 1;
                    (None, None)
                }
            };
            if let (Some(score), Some(positive)) = (score, positive) {
                // Dated when the ticket was solved (else created): when the customer rated it.
                surveys.push(SurveyResponse {
                    customer_id: customer_id.clone(),
                    date: resolved.unwrap_or(opened).date(),
                    kind: SurveyType::Csat,
                    score,
                    comment: None,
                    positive: Some(positive),
                    origin: Some(t.origin(i)),
                });
                self.responses += 1;
            }
        }
        out.push(Ticket {
            id,
            customer_id,
            opened,
            resolved,
            contacts,
            first_contact,
            subject: r.text("subject"),
            description: r.text("description"),
            origin: Some(t.origin(i)),
        });
        Ok(true)
    }

    /// The CSAT responses the table gave (None without a satisfaction column), with one warning
    /// for the ratings that were not read.
    pub fn finish(self, t: &Table, report: &mut ImportReport) -> Option<usize> {
        let col = t.map.col("satisfaction")?;
        if !self.unknown.is_empty() {
            let n: usize = self.unknown.values().sum();
            let values: Vec<String> =
                self.unknown.iter().map(|(v, k)| format!("\"{v}\" ({k})")).collect();
            let what = if n == 1 {
                "rating is not a CSAT answer (Good, Bad or 1-5) and was"
            } else {
                "ratings are not CSAT answers (Good, Bad or 1-5) and were"
            };
            report.warn(
                &t.raw.file,
                &t.raw.sheet,
                format!(
                    "column \"{}\": {n} {what} not counted: {}",
                    t.map.title(col),
                    values.join(", ")
                ),
            );
        }
        Some(self.responses)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings() {
        assert_eq!(rating("Good"), Rating::Verdict(true));
        assert_eq!(rating("Bad with comment"), Rating::Verdict(false));
        assert_eq!(rating("good_with_comment"), Rating::Verdict(true));
        assert_eq!(rating("Offered"), Rating::None);
        assert_eq!(rating("Unoffered"), Rating::None);
        assert_eq!(rating(" "), Rating::None);
        assert_eq!(rating("4"), Rating::Score(4));
        assert_eq!(rating("6"), Rating::Unknown);
        assert_eq!(rating("Great"), Rating::Unknown);
    }
}
