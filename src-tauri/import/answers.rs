//! Survey answers as the tools write them (exports.md §7): which question a header asks (a score's
//! type, or words: an open question), CSAT and CES labels read as scores, and which of a survey's
//! dates is the response's (the submission beats the start).

use super::cells::Cell;
use super::headers::{Header, Matched};
use crate::model::SurveyType;

/// The survey type a question names (exports.md §7, whole words): NPS `recommend` + `likely` (eNPS if
/// also about a place to work), CSAT `satisfied`/`satisfaction`, CES `easy`/`effort`; None when none or
/// several match.
pub fn type_of_question(text: &str) -> Option<SurveyType> {
    let lower = text.to_lowercase();
    let words: Vec<&str> =
        lower.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    let has = |w: &str| words.contains(&w);
    // A tool's grouping of a question's answers (`… - Group`, Qualtrics' `Q1_NPS_GROUP`) holds
    // labels, not scores (exports.md §7).
    if words.last() == Some(&"group") {
        return None;
    }
    let mut found = Vec::new();
    if has("recommend") && has("likely") {
        let work = has("employer") || has("workplace") || lower.contains("place to work");
        found.push(if work { SurveyType::Enps } else { SurveyType::Nps });
    }
    if has("satisfied") || has("dissatisfied") || has("satisfaction") {
        found.push(SurveyType::Csat);
    }
    if has("easy") || has("easier") || has("ease") || has("effort") {
        found.push(SurveyType::Ces);
    }
    for w in &words {
        if let Some(k) = survey_word(w) {
            found.push(k);
        }
    }
    found.sort_by_key(|k| *k as u8);
    found.dedup();
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// Whether a survey question asks for words, not a score: why, a reason, what to do better or
/// change, what they like or miss, any feedback or comment (whole words; the tools write the
/// question itself as the header). A score question ("How likely…") is told apart first.
pub fn is_open_question(text: &str) -> bool {
    const ASKS: [&str; 16] = [
        "why",
        "reason",
        "better",
        "improve",
        "feedback",
        "comment",
        "comments",
        "suggestion",
        "suggestions",
        "anything",
        "explain",
        "change",
        "like",
        "dislike",
        "wish",
        "missing",
    ];
    text.to_lowercase().split(|c: char| !c.is_alphanumeric()).any(|w| ASKS.contains(&w))
}

/// A survey type's own word (`nps`, `csat`, `ces`, `enps`).
fn survey_word(w: &str) -> Option<SurveyType> {
    match w {
        "nps" => Some(SurveyType::Nps),
        "csat" => Some(SurveyType::Csat),
        "ces" => Some(SurveyType::Ces),
        "enps" => Some(SurveyType::Enps),
        _ => None,
    }
}

/// Lower-case with single spaces and no trailing punctuation: `Very  Satisfied.` is `very satisfied`.
fn plain(text: &str) -> String {
    let lower = text.trim().trim_end_matches(['.', '!']).to_lowercase();
    lower.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A CSAT label as a score on 1-5 (positive at 4 and 5, whatever the CSAT scale setting).
pub fn csat_label(text: &str) -> Option<i64> {
    let t = plain(text);
    Some(match t.as_str() {
        "very satisfied" | "extremely satisfied" => 5,
        "satisfied" | "somewhat satisfied" => 4,
        "neutral" => 3,
        _ if t.starts_with("neither") => 3,
        "somewhat dissatisfied" | "dissatisfied" | "not so satisfied" => 2,
        "very dissatisfied" | "extremely dissatisfied" | "not at all satisfied" => 1,
        _ => return None,
    })
}

/// A CES (agreement) label as a score on 1-7: `Strongly disagree` 1 … `Strongly agree` 7.
pub fn ces_label(text: &str) -> Option<i64> {
    let t = plain(text);
    Some(match t.as_str() {
        "strongly disagree" => 1,
        "disagree" => 2,
        "somewhat disagree" => 3,
        "neutral" => 4,
        _ if t.starts_with("neither") => 4,
        "somewhat agree" => 5,
        "agree" => 6,
        "strongly agree" => 7,
        _ => return None,
    })
}

/// Whether a text is one of the labels of a survey type (a question column of labels holds answers,
/// not comments).
pub fn is_label(kind: SurveyType, text: &str) -> bool {
    match kind {
        SurveyType::Csat => csat_label(text).is_some(),
        SurveyType::Ces => ces_label(text).is_some(),
        SurveyType::Nps | SurveyType::Enps => false,
    }
}

/// Whether a column's non-empty cells (the first 1000) are mostly answers of its type: numbers,
/// `10 - Extremely likely`, or the type's labels (`Very satisfied`). None when it has none.
pub fn mostly_answers<'c>(
    kind: Option<SurveyType>,
    cells: impl Iterator<Item = &'c Cell>,
) -> Option<bool> {
    let (mut values, mut numbers) = (0, 0);
    for c in cells.filter(|c| !c.is_empty()).take(1000) {
        values += 1;
        let answer = c.text().is_some_and(|t| {
            t.trim_start().starts_with(|ch: char| ch.is_ascii_digit())
                || kind.is_some_and(|k| is_label(k, &t))
        });
        if matches!(c, Cell::Number(_) | Cell::Int(_)) || answer {
            numbers += 1;
        }
    }
    (values > 0).then_some(numbers * 2 >= values)
}

/// The canonical score column of a survey type.
pub fn column_of(kind: SurveyType) -> &'static str {
    match kind {
        SurveyType::Nps => "nps",
        SurveyType::Csat => "csat",
        SurveyType::Ces => "ces",
        SurveyType::Enps => "enps",
    }
}

/// The survey type of a score column's canonical name.
pub fn type_of_column(name: &str) -> Option<SurveyType> {
    match name {
        "nps" => Some(SurveyType::Nps),
        "csat" => Some(SurveyType::Csat),
        "ces" => Some(SurveyType::Ces),
        "enps" => Some(SurveyType::Enps),
        _ => None,
    }
}

/// Headers of the moment a response was submitted.
const SUBMISSION: &[&str] =
    &["submit date", "submitted at", "submitted", "end date", "recorded date", "timestamp"];

/// A survey's `date` is its submission column when it has one, not the start of the response
/// (`Start Date` comes first in Typeform's and SurveyMonkey's headers).
pub fn prefer_submission(columns: &mut [Matched], heads: &[Header]) {
    let base = |c: usize| heads.get(c).map(|h| h.base.as_str()).unwrap_or("");
    let Some(k) = columns.iter().position(|c| c.1 == "date") else { return };
    if base(columns[k].0) != "start date" {
        return;
    }
    let used = |i: usize| columns.iter().any(|c| c.0 == i);
    let submitted = (0..heads.len()).find(|&i| SUBMISSION.contains(&base(i)) && !used(i));
    if let Some(i) = submitted {
        columns[k] = (i, "date", heads[i].unit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::headers::normalise;

    #[test]
    fn labels() {
        assert_eq!(csat_label("Very satisfied"), Some(5));
        assert_eq!(csat_label("Extremely satisfied"), Some(5));
        assert_eq!(csat_label("Somewhat satisfied"), Some(4));
        assert_eq!(csat_label("Neither satisfied nor dissatisfied"), Some(3));
        assert_eq!(csat_label("Not so satisfied"), Some(2));
        assert_eq!(csat_label("Not at all satisfied"), Some(1));
        assert_eq!(csat_label("Great"), None);
        assert_eq!(ces_label("Strongly disagree"), Some(1));
        assert_eq!(ces_label("Somewhat agree"), Some(5));
        assert_eq!(ces_label("Neither agree nor disagree"), Some(4));
        assert_eq!(ces_label("Strongly agree"), Some(7));
        assert!(is_label(SurveyType::Csat, "satisfied"));
        assert!(!is_label(SurveyType::Nps, "satisfied"));
    }

    #[test]
    fn the_submission_beats_the_start() {
        let heads: Vec<Header> =
            ["#", "Start Date (UTC)", "Submit Date (UTC)"].iter().map(|t| normalise(t)).collect();
        let mut cols: Vec<Matched> = vec![(0, "respondent", None), (1, "date", None)];
        prefer_submission(&mut cols, &heads);
        assert_eq!(cols[1], (2, "date", None));
        // Without a submission column the start stays.
        let mut cols: Vec<Matched> = vec![(1, "date", None)];
        prefer_submission(&mut cols, &heads[..2]);
        assert_eq!(cols[0].0, 1);
    }
}
