//! An export's table read from its header: columns by the export's own names, then the kind's
//! synonyms; the header lines of survey tools that are not data (exports.md §2.7).

use super::super::cells::Cell;
use super::super::headers::{
    build, header_cells, match_kind, normalise, settle_questions, spec, Header, Mapping, Matched,
    TableKind,
};

/// Whether a cell is the `{"ImportId": ...}` line of a Qualtrics export (exports.md §2.7b).
pub(crate) fn is_import_id(c: &Cell) -> bool {
    c.text().is_some_and(|t| t.trim_start().starts_with("{\"ImportId\":"))
}

/// The table as the export of a system when row `r` holds an export's signature: its columns by the
/// export's names, then the kind's synonyms. Header lines under it that are not data (a Qualtrics
/// ImportId line and the question line above it) are part of the header, and a column matches by any
/// of its header cells (exports.md §2.7).
pub(crate) fn export_mapping(rows: &[Vec<Cell>], r: usize) -> Option<Mapping> {
    let export = super::recognise(&header_cells(&rows[r]))?;
    let spec = spec(export.kind);
    let bottom = (r + 1..(r + 3).min(rows.len()))
        .find(|&k| {
            let cells: Vec<&Cell> = rows[k].iter().filter(|c| !c.is_empty()).collect();
            !cells.is_empty() && cells.iter().all(|c| is_import_id(c))
        })
        .unwrap_or(r);
    let width = rows[r..=bottom].iter().map(|x| x.len()).max().unwrap_or(0);
    // Per column, the header cell that names something: the export's name, a synonym or a
    // question of the kind; else the top one.
    let known = |h: &Header| {
        export.columns.iter().any(|(n, _)| *n == h.base)
            || !match_kind(spec, std::slice::from_ref(h)).is_empty()
    };
    let row: Vec<Cell> = (0..width)
        .map(|c| {
            let cells: Vec<&Cell> = rows[r..=bottom]
                .iter()
                .filter_map(|x| x.get(c))
                .filter(|x| !x.is_empty() && !is_import_id(x))
                .collect();
            cells
                .iter()
                .find(|x| x.text().is_some_and(|t| known(&normalise(&t))))
                .or(cells.first())
                .map(|x| (*x).clone())
                .unwrap_or(Cell::Empty)
        })
        .collect();
    let heads = header_cells(&row);
    // The export's names in the order listed: the first present for a canonical column wins
    // (Stripe invoices: `Subtotal` before `Total`, wherever they stand in the file).
    let mut columns: Vec<Matched> = Vec::new();
    for (name, c) in export.columns {
        if columns.iter().any(|t| t.1 == *c) {
            continue;
        }
        let at = heads
            .iter()
            .enumerate()
            .find(|(i, h)| h.base == *name && !columns.iter().any(|t| t.0 == *i));
        if let Some((i, h)) = at {
            columns.push((i, c, h.unit));
        }
    }
    for m in match_kind(spec, &heads) {
        if !columns.iter().any(|t| t.0 == m.0 || t.1 == m.1) {
            columns.push(m);
        }
    }
    if spec.kind == TableKind::Surveys {
        settle_questions(&mut columns, &row, &rows[bottom + 1..]);
        super::super::answers::prefer_submission(&mut columns, &heads);
    }
    let mut map = build(&row, bottom, spec, columns, Vec::new());
    map.header_top = r;
    map.source = Some(export);
    if spec.kind == TableKind::Surveys && is_extra_header_row(rows, &map) {
        map.header_row += 1;
    }
    Some(map)
}

/// Under a survey header with question columns, the next line is a second header line (SurveyMonkey's
/// `Response`, option labels) when it holds only text and nothing under the respondent, customer
/// and date columns (exports.md §2.7a).
pub(crate) fn is_extra_header_row(rows: &[Vec<Cell>], map: &Mapping) -> bool {
    let Some(next) = rows.get(map.header_row + 1) else { return false };
    let heads = header_cells(&rows[map.header_row]);
    let scores = ["nps", "csat", "ces", "enps"];
    let questions =
        map.columns.iter().any(|(c, name, _)| {
            scores.contains(name)
                && !spec(TableKind::Surveys).columns.iter().any(|s| {
                    s.synonyms.contains(&heads.get(*c).map(|h| h.base.as_str()).unwrap_or(""))
                })
        }) || map.columns.iter().any(|(c, name, _)| {
            *name == "comment" && map.titles.get(*c).is_some_and(|t| t.len() > 12)
        });
    let empty_under = ["date", "customer_id", "respondent"]
        .iter()
        .filter_map(|n| map.col(n))
        .all(|c| next.get(c).is_none_or(|x| x.is_empty()));
    let values: Vec<&Cell> = next.iter().filter(|c| !c.is_empty()).collect();
    questions
        && empty_under
        && !values.is_empty()
        && values.iter().all(|c| matches!(c, Cell::Text(_)))
}
