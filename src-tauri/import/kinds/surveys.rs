//! The `surveys` table: one response per row (with a `type` column), or one column per survey type.

use super::super::cells::{parse_decimal, Cell};
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

/// Whole score within the type's scale.
fn score(cell: &Cell, col: usize, kind: SurveyType, csat_scale: u32) -> Result<i64, Bad> {
    let v = parse_decimal(cell, false).map_err(|r| (col, r))?;
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
        Some(s) if (lo..=hi).contains(&s) => Ok(s),
        _ => Err((col, what.into())),
    }
}

pub fn row(
    i: usize,
    t: &Table,
    csat_scale: u32,
    out: &mut Vec<SurveyResponse>,
    _report: &mut ImportReport,
) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let date = r.req_date("date")?;
    let customer_id = r.text("customer_id");
    let comment = r.text("comment");
    if t.map.col("score").is_some() {
        let (tcol, tcell) = r
            .cell("type")
            .ok_or((t.map.col("type").unwrap_or(0), "empty required cell".to_string()))?;
        let kind = match tcell {
            Cell::Text(text) => kind_of(text),
            other => kind_of(&other.text().unwrap_or_default()),
        }
        .ok_or((tcol, "unknown survey type (expected NPS, CSAT, CES or eNPS)".to_string()))?;
        let (scol, scell) = r
            .cell("score")
            .ok_or((t.map.col("score").unwrap_or(0), "empty required cell".to_string()))?;
        let score = score(scell, scol, kind, csat_scale)?;
        out.push(SurveyResponse { customer_id, date, kind, score, comment });
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
            found.push(SurveyResponse {
                customer_id: customer_id.clone(),
                date,
                kind,
                score: score(cell, col, kind, csat_scale)?,
                comment: comment.clone(),
            });
        }
    }
    let any = !found.is_empty();
    out.extend(found);
    Ok(any)
}
