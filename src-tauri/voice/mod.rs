//! Voice of the customer: what customers say in survey comments and ticket subjects, scored for
//! sentiment (VADER, English) and grouped into themes, offline.

pub mod edits;
pub mod lang;
pub mod report;
pub mod themes;
pub mod vader;
pub mod words;

pub use edits::ThemeEdits;
pub use report::{CommentOut, ThemeOut, Voice};

use crate::kpi::period::Period;
use crate::kpi::voice::{csat_positive, nps_points};
use crate::model::{Dataset, RowOrigin, SurveyType};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Where a comment was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", ts(rename = "CommentSource"))]
pub enum Source {
    Nps,
    Csat,
    Ces,
    Enps,
    Ticket,
}

/// The NPS group of the answer a comment came with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", ts(rename = "CommentNpsGroup"))]
pub enum NpsGroup {
    Detractor,
    Passive,
    Promoter,
}

/// One comment, with the answer it came with.
#[derive(Debug, Clone)]
pub struct Comment {
    pub origin: Option<RowOrigin>,
    pub date: NaiveDate,
    pub customer: Option<String>,
    pub source: Source,
    /// The NPS (or CSAT, CES, eNPS) score of the answer; None for a ticket or a Good/Bad rating.
    pub score: Option<i64>,
    pub nps_group: Option<NpsGroup>,
    /// Whether the CSAT answer was positive (high) or not (low).
    pub csat_high: Option<bool>,
    pub text: String,
    /// What themes read when it is not the whole text: a ticket's subject (its description is an
    /// email whose greetings and thanks would make themes of their own).
    pub topic: Option<String>,
}

/// The comments dated in `p`: survey comments, and the subject and description of tickets. A row
/// holding several answers (one column per type) and one comment gives one comment, carrying each
/// answer's group.
pub fn comments(d: &Dataset, p: Period, csat_scale: u32) -> Vec<Comment> {
    let mut out: Vec<Comment> = Vec::new();
    let mut by_row: HashMap<(usize, u32), usize> = HashMap::new();
    for s in d.surveys.iter().filter(|s| p.contains_date(s.date)) {
        let Some(text) = s.comment.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
            continue;
        };
        let group = (s.kind == SurveyType::Nps).then(|| match nps_points(s.score) {
            100 => NpsGroup::Promoter,
            0 => NpsGroup::Passive,
            _ => NpsGroup::Detractor,
        });
        let csat = (s.kind == SurveyType::Csat).then(|| csat_positive(s, csat_scale));
        let key = s.origin.as_ref().map(|o| (std::sync::Arc::as_ptr(&o.table) as usize, o.row));
        if let Some(i) = key.and_then(|k| by_row.get(&k)) {
            let c = &mut out[*i];
            c.nps_group = c.nps_group.or(group);
            c.csat_high = c.csat_high.or(csat);
            if s.kind == SurveyType::Nps {
                c.source = Source::Nps;
                c.score = Some(s.score);
            }
            continue;
        }
        if let Some(k) = key {
            by_row.insert(k, out.len());
        }
        let source = match s.kind {
            SurveyType::Nps => Source::Nps,
            SurveyType::Csat => Source::Csat,
            SurveyType::Ces => Source::Ces,
            SurveyType::Enps => Source::Enps,
        };
        out.push(Comment {
            origin: s.origin.clone(),
            date: s.date,
            customer: s.customer_id.clone(),
            source,
            // A Good/Bad rating has score 0 on no scale: no score to show.
            score: s.positive.filter(|_| s.score == 0).map_or(Some(s.score), |_| None),
            nps_group: group,
            csat_high: csat,
            text: text.to_string(),
            topic: None,
        });
    }
    for t in d.tickets.iter().filter(|t| p.contains_date(t.opened.date())) {
        let subject = t.subject.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let body = t.description.as_deref().map(email_body).filter(|s| !s.is_empty());
        let text = match (subject, &body) {
            (Some(s), Some(b)) => format!("{s}\n{b}"),
            (Some(s), None) => s.to_string(),
            (None, Some(b)) => b.clone(),
            (None, None) => continue,
        };
        out.push(Comment {
            origin: t.origin.clone(),
            date: t.opened.date(),
            customer: t.customer_id.clone(),
            source: Source::Ticket,
            score: None,
            nps_group: None,
            csat_high: None,
            topic: subject.filter(|_| body.is_some()).map(str::to_string),
            text,
        });
    }
    out
}

/// The words of a ticket's description without the email around them: the greeting line ("Hi
/// team,") and everything from the sign-off ("Thanks,", "Best regards", "-- ", "Sent from my…").
fn email_body(description: &str) -> String {
    let lines: Vec<&str> = description.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let starts = |l: &str, words: &[&str]| {
        let l = l.to_lowercase();
        words
            .iter()
            .any(|w| l == *w || l.starts_with(&format!("{w} ")) || l.starts_with(&format!("{w},")))
    };
    let greeting = ["hi", "hello", "hey", "dear", "good morning", "good afternoon"];
    let sign_off = [
        "thanks",
        "thank you",
        "thanks!",
        "many thanks",
        "regards",
        "best",
        "best regards",
        "kind regards",
        "cheers",
        "sincerely",
        "sent from",
        "--",
        "thx",
    ];
    let mut body = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        if i == 0 && starts(l, &greeting) && l.split_whitespace().count() <= 4 {
            continue;
        }
        if starts(l, &sign_off) && l.split_whitespace().count() <= 4 {
            break;
        }
        body.push(*l);
    }
    body.join("\n")
}

/// Sentiment of each comment: the VADER compound score of an English comment, else why it is not
/// scored. Comments are split over the machine's cores (each is scored on its own).
pub fn score_all(comments: &[Comment]) -> Vec<Result<f64, String>> {
    let score = |c: &Comment| match lang::not_scored(&c.text, &words::words(&c.text)) {
        None => Ok(vader::polarity_scores(&c.text).compound),
        Some(why) => Err(why),
    };
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(8);
    if threads < 2 || comments.len() < 2_000 {
        return comments.iter().map(score).collect();
    }
    let chunk = comments.len().div_ceil(threads);
    std::thread::scope(|s| {
        let parts: Vec<_> = comments
            .chunks(chunk)
            .map(|part| s.spawn(move || part.iter().map(score).collect::<Vec<_>>()))
            .collect();
        // A scoring thread has no failure path of its own; should one panic, its comments are
        // reported as not scored rather than taking the app down.
        let mut out = Vec::with_capacity(comments.len());
        for (h, part) in parts.into_iter().zip(comments.chunks(chunk)) {
            match h.join() {
                Ok(v) => out.extend(v),
                Err(_) => out.extend(part.iter().map(|_| Err("could not be scored".to_string()))),
            }
        }
        out
    })
}

/// The voice of a view: the comments of the customers with attribute `segment` (KEY, VALUE), when
/// given, in the period `from..to` (the report's default when absent), with the user's settings and
/// theme edits. None when the data has no dated row to make a period of.
pub fn of_view(
    d: &Dataset,
    from: Option<crate::model::Month>,
    to: Option<crate::model::Month>,
    segment: Option<&(String, String)>,
    settings: &crate::settings::Settings,
    edits: &ThemeEdits,
) -> Option<Voice> {
    let p = crate::kpi::period::resolve(d, from, to)?;
    let filtered = segment.map(|(k, v)| crate::kpi::segment::filter(d, k, v).0);
    let data = filtered.as_ref().unwrap_or(d);
    Some(analyse(data, p, settings.csat_scale.unwrap_or(5), settings.fiscal_start(), edits))
}

/// The voice of the customer in `p`, with the user's stored theme edits applied.
pub fn analyse(
    d: &Dataset,
    p: Period,
    csat_scale: u32,
    fy_start: u32,
    edits: &ThemeEdits,
) -> Voice {
    let comments = comments(d, p, csat_scale);
    let scores = score_all(&comments);
    // Themes are read from English comments and from ones too short to judge (a one-word "Pricing"
    // names its topic); comments in another language take no part.
    let texts: Vec<Option<&str>> = comments
        .iter()
        .zip(&scores)
        .map(|(c, s)| match s {
            Ok(_) => Some(c.topic.as_deref().unwrap_or(&c.text)),
            Err(why) if why == "too short to judge" => Some(c.topic.as_deref().unwrap_or(&c.text)),
            Err(_) => None,
        })
        .collect();
    let found = themes::discover(&texts);
    let applied = edits.apply(found);
    let themable: Vec<bool> = texts.iter().map(Option::is_some).collect();
    report::build(d, p, fy_start, comments, scores, &themable, applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{SurveyResponse, TableName, Ticket};
    use std::sync::Arc;

    fn at(table: &Arc<TableName>, row: u32) -> Option<RowOrigin> {
        Some(RowOrigin { table: table.clone(), row })
    }

    #[test]
    fn one_row_with_two_answers_is_one_comment_and_tickets_join_subject_and_description() {
        let t = Arc::new(TableName { file: "s.csv".into(), sheet: None });
        let day = chrono::NaiveDate::from_ymd_opt(2024, 3, 5).unwrap();
        let answer = |kind, score| SurveyResponse {
            customer_id: Some("A".into()),
            date: day,
            kind,
            score,
            comment: Some(" Too slow ".into()),
            positive: None,
            origin: at(&t, 7),
        };
        let tickets = Arc::new(TableName { file: "t.csv".into(), sheet: None });
        let d = Dataset {
            // The one-column-per-type layout: a CSAT and an NPS answer from row 7, one comment.
            surveys: vec![answer(SurveyType::Csat, 2), answer(SurveyType::Nps, 4)],
            tickets: vec![Ticket {
                id: "T1".into(),
                customer_id: Some("B".into()),
                opened: day.and_hms_opt(9, 0, 0).unwrap(),
                resolved: None,
                contacts: None,
                first_contact: None,
                subject: Some("Export fails".into()),
                description: Some(
                    "Hi team,\nSince Monday the CSV export is empty.\n\nThanks,\nBob".into(),
                ),
                origin: at(&tickets, 2),
            }],
            ..Default::default()
        };
        let p = Period { from: crate::model::Month::of(day), to: crate::model::Month::of(day) };
        let c = comments(&d, p, 5);
        assert_eq!(c.len(), 2);
        assert_eq!(
            (c[0].text.as_str(), c[0].source, c[0].score),
            ("Too slow", Source::Nps, Some(4))
        );
        // 4 is a detractor's NPS; 2 of 5 is a low CSAT.
        assert_eq!((c[0].nps_group, c[0].csat_high), (Some(NpsGroup::Detractor), Some(false)));
        // The greeting and the sign-off are not the customer's words; themes read the subject.
        assert_eq!(c[1].text, "Export fails\nSince Monday the CSV export is empty.");
        assert_eq!(c[1].topic.as_deref(), Some("Export fails"));
        assert_eq!((c[1].source, c[1].origin.as_ref().map(|o| o.row)), (Source::Ticket, Some(2)));
    }
}
