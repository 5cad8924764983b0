//! The `surveys` table: one response per row (with a `type` column), or one column per survey type.

use super::super::answers;
use super::super::cells::{parse_decimal, Cell};
use super::super::headers::{spec, type_of_question, TableKind};
use super::super::table::{Bad, Table};
use super::super::ImportReport;
use crate::model::{SurveyResponse, SurveyType};
use rust_decimal::prelude::ToPrimitive;

fn kind_of(text: &str) -> Option<SurveyType> {
    const NAMES: [(&str, SurveyType); 9] = [
        ("nps", SurveyType::Nps),
        ("net promoter score", SurveyType::Nps),
        ("csat", SurveyType::Csat),
        ("ces", SurveyType::Ces),
        ("customer effort score", SurveyType::Ces),
        ("enps", SurveyType::Enps),
        ("employee nps", SurveyType::Enps),
        ("e nps", SurveyType::Enps),
        ("e-nps", SurveyType::Enps),
    ];
    // Compared without allocating: this runs once per response row.
    let text = text.trim();
    NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(text)).map(|&(_, k)| k)
}

/// For a table with a score column but no type column: the type its score header names, else the one
/// its sheet or file name names as a word (`NPS responses.csv`, `nps_report.csv`).
pub fn implied_type(t: &Table) -> Option<SurveyType> {
    let col = t.map.col("score")?;
    if let Some(k) = type_of_question(&t.map.title(col)) {
        return Some(k);
    }
    let name = format!("{} {}", t.raw.file, t.raw.sheet.clone().unwrap_or_default()).to_lowercase();
    let mut found: Vec<SurveyType> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter_map(|w| match w {
            "nps" => Some(SurveyType::Nps),
            "enps" => Some(SurveyType::Enps),
            "csat" => Some(SurveyType::Csat),
            "ces" => Some(SurveyType::Ces),
            _ => None,
        })
        .collect();
    found.sort_by_key(|k| *k as u8);
    found.dedup();
    match found.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// The columns of a survey type whose scores are already read from another column (two `How likely
/// are you to recommend…` questions, or a question and an `NPS` column): only one column per type
/// is read, so one warning names each such column holding answers, and the one read instead.
pub fn warn_second_columns(t: &Table, report: &mut ImportReport) {
    let spec = spec(TableKind::Surveys);
    let mut named = Vec::new();
    for (c, base) in &t.map.extra {
        // As headers.rs matches them: a question (over 12 characters) or a score column's name.
        let question = if base.len() > 12 { type_of_question(base) } else { None };
        let kind = question.or_else(|| {
            let score = spec.columns.iter().find(|s| {
                answers::type_of_column(s.name).is_some() && s.synonyms.contains(&base.as_str())
            });
            score.and_then(|s| answers::type_of_column(s.name))
        });
        let Some(kind) = kind else { continue };
        let Some(read) = t.map.col(answers::column_of(kind)) else { continue };
        let cells = t.rows().filter_map(|(_, r)| r.get(*c));
        if answers::mostly_answers(Some(kind), cells) != Some(true) {
            continue;
        }
        let label = answers::column_of(kind).to_uppercase().replace("ENPS", "eNPS");
        named.push(format!(
            "\"{}\" was not read as a score: the {label} scores are read from \"{}\"",
            t.map.title(*c),
            t.map.title(read)
        ));
    }
    if !named.is_empty() {
        report.warn(
            &t.raw.file,
            &t.raw.sheet,
            format!(
                "{} (one column per survey type); map it in the Data view to use it instead",
                named.join("; ")
            ),
        );
    }
}

/// Whole number within the type's scale, and its own verdict when it is a CSAT label (read on 1-5,
/// positive at 4 and 5, whatever `csat_scale`). CES labels are read on 1-7.
fn score(
    cell: &Cell,
    col: usize,
    kind: SurveyType,
    csat_scale: u32,
) -> Result<(i64, Option<bool>), Bad> {
    if let Cell::Text(t) = cell {
        match kind {
            SurveyType::Csat => {
                if let Some(s) = answers::csat_label(t) {
                    return Ok((s, Some(s >= 4)));
                }
            }
            SurveyType::Ces => {
                if let Some(s) = answers::ces_label(t) {
                    return Ok((s, None));
                }
            }
            SurveyType::Nps | SurveyType::Enps => {}
        }
    }
    // Survey tools label the ends of the scale: `10 - Extremely likely` is 10.
    let labelled = match cell {
        Cell::Text(t) => t
            .split_once(" - ")
            .map(|(n, _)| n.trim())
            .filter(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())),
        _ => None,
    };
    let v = match labelled {
        Some(n) => parse_decimal(&Cell::text_of(n), false),
        None => parse_decimal(cell, false),
    }
    .map_err(|r| (col, r))?;
    let (lo, hi, what) = match kind {
        SurveyType::Nps | SurveyType::Enps => (0, 10, "NPS score must be a whole number 0-10"),
        SurveyType::Csat => {
            (1, csat_scale as i64, "CSAT score must be a whole number on the CSAT scale")
        }
        SurveyType::Ces => (1, 7, "CES score must be a whole number 1-7"),
    };
    if !v.fract().is_zero() {
        return Err((col, what.into()));
    }
    match v.to_i64() {
        Some(s) if (lo..=hi).contains(&s) => Ok((s, None)),
        _ => Err((col, what.into())),
    }
}

/// Qualtrics' `Status` (Response Type) codes, written instead of the labels when the data is
/// downloaded with "Use numeric values" (the default): code and label (exports.md §7).
const QUALTRICS_STATUS: [(u32, &str); 12] = [
    (0, "IP Address"),
    (1, "Survey Preview"),
    (2, "Survey Test"),
    (4, "Imported"),
    (8, "Spam"),
    (9, "Survey Preview Spam"),
    (12, "Imported Spam"),
    (16, "Offline"),
    (17, "Offline Survey Preview"),
    (32, "EX"),
    (40, "EX Spam"),
    (48, "EX Offline"),
];

/// The label of a status as written: a Qualtrics export's numeric code is its label (`1` = Survey
/// Preview); only there, since another table's numeric status means something else.
fn status_label(t: &Table, status: &str) -> String {
    let status = status.trim();
    if t.source() == Some("qualtrics_responses") {
        // `1` or `1.0` (a spreadsheet's number).
        let code = status.parse::<f64>().ok().filter(|v| v.fract() == 0.0 && *v >= 0.0);
        if let Some((_, label)) =
            code.and_then(|v| QUALTRICS_STATUS.iter().find(|(c, _)| *c as f64 == v))
        {
            return (*label).to_string();
        }
    }
    // A label in any case is written as Qualtrics writes it, so that its rows count together.
    match QUALTRICS_STATUS.iter().find(|(_, l)| l.eq_ignore_ascii_case(status)) {
        Some((_, label)) => (*label).to_string(),
        None => status.to_string(),
    }
}

/// Why an export's status leaves a response out (exports.md §7): Qualtrics' previews, tests and
/// spam (`Survey Preview Spam`, `Imported Spam`... too), Typeform's partial (never submitted)
/// responses. Imported and offline responses are real ones.
fn set_aside_reason(label: &str) -> Option<String> {
    let lower = label.trim().to_lowercase();
    if lower == "partial" {
        return Some("partial response (never submitted)".into());
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.contains(&"spam") {
        return Some(if lower == "spam" {
            "Spam".into()
        } else {
            format!("{} (spam)", label.trim())
        });
    }
    if lower.ends_with("survey preview") || lower == "survey test" {
        return Some(format!("{} (not a respondent)", label.trim()));
    }
    None
}

/// One response row. `implied` is the type of a table without a type column (`implied_type`).
pub fn row(
    i: usize,
    t: &Table,
    csat_scale: u32,
    implied: Option<SurveyType>,
    out: &mut Vec<SurveyResponse>,
    _report: &mut ImportReport,
) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    if let Some(reason) = r.text("status").and_then(|s| set_aside_reason(&status_label(t, &s))) {
        t.set_aside(&reason);
        return Ok(true);
    }
    let date = r.req_date("date")?;
    let customer_id = r.text("customer_id");
    let comment = r.text("comment");
    if t.map.col("score").is_some() {
        let kind = match (t.map.col("type"), implied) {
            (Some(_), _) => {
                let (tcol, tcell) = r
                    .cell("type")
                    .ok_or((t.map.col("type").unwrap_or(0), "empty required cell".to_string()))?;
                match tcell {
                    Cell::Text(text) => kind_of(text),
                    other => kind_of(&other.text().unwrap_or_default()),
                }
                .ok_or((
                    tcol,
                    "unknown survey type (expected NPS, CSAT, CES or eNPS)".to_string(),
                ))?
            }
            (None, Some(k)) => k,
            // The builder does not read such a table (one warning instead of an issue per row).
            (None, None) => return Ok(false),
        };
        let (scol, scell) = r
            .cell("score")
            .ok_or((t.map.col("score").unwrap_or(0), "empty required cell".to_string()))?;
        let (score, positive) = score(scell, scol, kind, csat_scale)?;
        out.push(SurveyResponse {
            customer_id,
            date,
            kind,
            score,
            comment,
            positive,
            origin: Some(t.origin(i)),
        });
        return Ok(true);
    }
    // One column per type: every non-empty cell is a response; all must be valid for the row to count.
    let mut found = Vec::new();
    for (name, kind) in [
        ("nps", SurveyType::Nps),
        ("csat", SurveyType::Csat),
        ("ces", SurveyType::Ces),
        ("enps", SurveyType::Enps),
    ] {
        if let Some((col, cell)) = r.cell(name) {
            let (score, positive) = score(cell, col, kind, csat_scale)?;
            found.push(SurveyResponse {
                customer_id: customer_id.clone(),
                date,
                kind,
                score,
                comment: comment.clone(),
                positive,
                origin: Some(t.origin(i)),
            });
        }
    }
    let any = !found.is_empty();
    out.extend(found);
    Ok(any)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_set_aside() {
        let reason = |s: &str| set_aside_reason(s);
        for kept in ["IP Address", "Imported", "Offline", "EX", "EX Offline", ""] {
            assert_eq!(reason(kept), None, "{kept}");
        }
        assert_eq!(reason("Spam").as_deref(), Some("Spam"));
        assert_eq!(reason("Imported Spam").as_deref(), Some("Imported Spam (spam)"));
        assert_eq!(
            reason("Offline Survey Preview").as_deref(),
            Some("Offline Survey Preview (not a respondent)")
        );
        assert_eq!(reason("partial").as_deref(), Some("partial response (never submitted)"));
    }

    #[test]
    fn questions_name_their_survey() {
        let q = type_of_question;
        assert_eq!(
            q("How likely are you to recommend Acme to a friend or colleague?"),
            Some(SurveyType::Nps)
        );
        assert_eq!(
            q("How likely are you to recommend Acme as a place to work?"),
            Some(SurveyType::Enps)
        );
        assert_eq!(q("How satisfied were you with support?"), Some(SurveyType::Csat));
        assert_eq!(q("Acme made it easy to handle my issue"), Some(SurveyType::Ces));
        assert_eq!(q("NPS rating"), Some(SurveyType::Nps));
        assert_eq!(q("Score"), None);
        assert_eq!(q("How likely are you to recommend Acme to a friend? - Group"), None);
        assert_eq!(q("Q1_NPS_GROUP"), None);
        assert_eq!(q("How satisfied are you, and how easy was it?"), None);
    }
}
