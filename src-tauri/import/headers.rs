//! Header normalisation, the table kinds with their column synonyms, and the detection of a table's
//! header row, kind and column mapping (workbook spec, "Header matching").

pub use super::answers::{is_open_question, type_of_question};
use super::cells::Cell;
use super::dates::parse_month_header;
pub use super::normalise::{normalise, Header, Unit};
pub use super::synonyms::{spec, KindSpec, TableKind, KINDS};
use super::synonyms::{EXACT_ID, NAME_LIKE};
use crate::model::Month;

/// A matched column: (column index, canonical name, bracketed unit).
pub type Matched = (usize, &'static str, Option<Unit>);
/// A candidate kind for a header row, its matched columns and (wide MRR) month columns.
type Candidate = (&'static KindSpec, Vec<Matched>, Vec<(usize, Month)>);

/// How a table's columns map to a kind's canonical columns.
#[derive(Debug, Clone)]
pub struct Mapping {
    pub kind: TableKind,
    /// Index of the header row in the table's rows (the last row of a header split over several).
    pub header_row: usize,
    /// Index of the first row of the header (= `header_row` unless it is split over several rows).
    pub header_top: usize,
    /// (column index, canonical name, bracketed unit)
    pub columns: Vec<(usize, &'static str, Option<Unit>)>,
    /// Unknown columns: (column index, normalised header).
    pub extra: Vec<(usize, String)>,
    /// Wide MRR only: the month columns.
    pub months: Vec<(usize, Month)>,
    /// The header text of every column, as written, for issue messages.
    pub titles: Vec<String>,
    /// The system export the table was recognised as (exports.md §1), if any.
    pub source: Option<&'static super::exports::Export>,
}

impl Mapping {
    pub fn col(&self, name: &str) -> Option<usize> {
        self.columns.iter().find(|c| c.1 == name).map(|c| c.0)
    }
    pub fn unit(&self, name: &str) -> Option<Unit> {
        self.columns.iter().find(|c| c.1 == name).and_then(|c| c.2)
    }
    pub fn is_wide(&self) -> bool {
        !self.months.is_empty()
    }
    pub fn title(&self, col: usize) -> String {
        self.titles.get(col).cloned().unwrap_or_default()
    }
}

pub fn match_kind(spec: &KindSpec, headers: &[Header]) -> Vec<(usize, &'static str, Option<Unit>)> {
    let has_exact_id = headers.iter().any(|h| EXACT_ID.contains(&h.base.as_str()));
    let mut taken: Vec<(usize, &'static str, Option<Unit>)> = Vec::new();
    for (i, h) in headers.iter().enumerate() {
        if h.base.is_empty() {
            continue;
        }
        // A survey question as a header (exports.md §7): its type's score column; an open
        // question ("What could we do better?", "Why did you give that score?") is the comment.
        if spec.kind == TableKind::Surveys && h.base.len() > 12 {
            let col = match type_of_question(&h.base) {
                Some(kind) => Some(super::answers::column_of(kind)),
                None => is_open_question(&h.base).then_some("comment"),
            };
            if let Some(col) = col.filter(|c| !taken.iter().any(|t| t.1 == *c)) {
                taken.push((i, col, h.unit));
                continue;
            }
        }
        for c in spec.columns {
            if taken.iter().any(|t| t.1 == c.name) || !c.synonyms.contains(&h.base.as_str()) {
                continue;
            }
            if c.name == "customer_id"
                && has_exact_id
                && NAME_LIKE.contains(&h.base.as_str())
                && !EXACT_ID.contains(&h.base.as_str())
            {
                continue;
            }
            taken.push((i, c.name, h.unit));
            break;
        }
    }
    // A bare `id` is a ticket's only beside a resolved, contacts or FCR column: an id and a date
    // alone recognise nothing (a payments file is never tickets; exports.md §2.5).
    if spec.kind == TableKind::Tickets {
        let bare = taken.iter().position(|t| t.1 == "ticket_id" && headers[t.0].base == "id");
        let beside = ["resolved", "contacts", "first_contact_resolved"];
        if let Some(k) = bare.filter(|_| !taken.iter().any(|t| beside.contains(&t.1))) {
            taken.remove(k);
        }
    }
    taken
}

/// Whether every required group has a matched column; a group member `a+b` needs both columns.
pub fn required_met(spec: &KindSpec, matched: &[(usize, &'static str, Option<Unit>)]) -> bool {
    let has = |name: &str| matched.iter().any(|m| m.1 == name);
    spec.required.iter().all(|group| group.iter().any(|r| r.split('+').all(has)))
}

/// The normalised header of every cell of a row.
pub fn header_cells(row: &[Cell]) -> Vec<Header> {
    row.iter()
        .map(|c| {
            c.text().map(|t| normalise(&t)).unwrap_or(Header { base: String::new(), unit: None })
        })
        .collect()
}

/// The cells of a row that name a month (wide MRR headers).
pub fn month_columns(row: &[Cell]) -> Vec<(usize, Month)> {
    row.iter().enumerate().filter_map(|(i, c)| parse_month_header(c).map(|m| (i, m))).collect()
}

/// The mapping of header row `r` for a kind, its matched columns and month columns; every other
/// non-empty header is kept as an extra attribute.
pub fn build(
    row: &[Cell],
    r: usize,
    spec: &'static KindSpec,
    mut columns: Vec<Matched>,
    months: Vec<(usize, Month)>,
) -> Mapping {
    let heads = header_cells(row);
    if let Some(i) = invoice_type(spec, &columns, &heads) {
        columns.push((i, "type", None));
    }
    // Listed in the sheet's own column order.
    columns.sort_by_key(|c| c.0);
    let used: Vec<usize> = columns.iter().map(|c| c.0).chain(months.iter().map(|m| m.0)).collect();
    let extra = heads
        .into_iter()
        .enumerate()
        .filter(|(i, h)| !h.base.is_empty() && !used.contains(i))
        .map(|(i, h)| (i, h.base))
        .collect();
    let titles = row.iter().map(|c| c.text().unwrap_or_default()).collect();
    Mapping {
        kind: spec.kind,
        header_row: r,
        header_top: r,
        columns,
        extra,
        months,
        titles,
        source: None,
    }
}

/// The type column of an invoices table (an `mrr` table with a service period, exports.md §3b),
/// which says which lines are credit notes: `Type`, `Document Type`, `Invoice Type`, `Transaction
/// Type`. Only there: elsewhere a bare `Type` means anything, so it is no synonym that could sway
/// the choice of kind.
fn invoice_type(spec: &KindSpec, columns: &[Matched], heads: &[Header]) -> Option<usize> {
    const NAMES: &[&str] = &["type", "document type", "invoice type", "transaction type"];
    let has = |name: &str| columns.iter().any(|c| c.1 == name);
    if spec.kind != TableKind::Mrr || !has("period_start") || !has("period_end") || has("type") {
        return None;
    }
    heads
        .iter()
        .enumerate()
        .find(|(i, h)| NAMES.contains(&h.base.as_str()) && !columns.iter().any(|c| c.0 == *i))
        .map(|(i, _)| i)
}

/// The best kind for one header row: its candidate and score (matched columns plus month columns), and
/// whether any kind matched two columns (the row looks like a header at all).
fn best_for(row: &[Cell], name: &str) -> (Option<(Candidate, usize)>, bool) {
    let headers = header_cells(row);
    let months = month_columns(row);
    let mut any_two = false;
    let mut candidates: Vec<Candidate> = Vec::new();
    for spec in KINDS {
        let matched = match_kind(spec, &headers);
        if matched.len() >= 2 {
            any_two = true;
        }
        if matched.len() >= 2 && required_met(spec, &matched) {
            candidates.push((spec, matched, Vec::new()));
        }
    }
    // Wide MRR: a customer column and at least three month columns.
    if months.len() >= 3 {
        let cust = match_kind(spec(TableKind::Mrr), &headers)
            .into_iter()
            .filter(|m| m.1 == "customer_id")
            .collect::<Vec<_>>();
        if !cust.is_empty() {
            any_two = true;
            candidates.push((spec(TableKind::Mrr), cust, months));
        }
    }
    let score = |c: &Candidate| c.1.len() + c.2.len();
    let name_hit = |s: &KindSpec| s.names.iter().any(|n| name.contains(n));
    let order = |s: &KindSpec| KINDS.iter().position(|k| k.kind == s.kind).unwrap_or(usize::MAX);
    let best = candidates.into_iter().max_by(|a, b| {
        score(a)
            .cmp(&score(b))
            .then(name_hit(a.0).cmp(&name_hit(b.0)))
            .then(order(b.0).cmp(&order(a.0)))
    });
    (
        best.map(|b| {
            let s = score(&b);
            (b, s)
        }),
        any_two,
    )
}

/// Whether rows `top..=bottom` can be one header split over several rows (merged cells: `Account`
/// merged over A1:A2, the months in C2:E2): the lower rows hold only text or dates, the upper rows
/// leave gaps the lower ones fill, and the bottom row leaves gaps under the upper ones' values.
fn is_header_block(rows: &[Vec<Cell>], top: usize, bottom: usize) -> bool {
    let Some(block) = rows.get(top..=bottom) else { return false };
    let lower_ok = block[1..].iter().all(|r| {
        r.iter().any(|c| !c.is_empty())
            && r.iter().all(|c| matches!(c, Cell::Empty | Cell::Text(_) | Cell::DateTime(_)))
    });
    let has = |r: &[Cell], c: usize| r.get(c).is_some_and(|x| !x.is_empty());
    let width = block.iter().map(|r| r.len()).max().unwrap_or(0);
    let filled_from_below = block[..block.len() - 1]
        .iter()
        .enumerate()
        .all(|(i, r)| (0..width).any(|c| !has(r, c) && block[i + 1..].iter().any(|l| has(l, c))));
    let bottom_row = &block[block.len() - 1];
    let merged_above = (0..width)
        .any(|c| !has(bottom_row, c) && block[..block.len() - 1].iter().any(|u| has(u, c)));
    lower_ok && filled_from_below && merged_above
}

/// The header of rows `top..=bottom` as one row: each column's lowest value (a merged cell's value
/// sits in its top-left cell, so a column merged down keeps it).
pub fn block_row(rows: &[Vec<Cell>], top: usize, bottom: usize) -> Vec<Cell> {
    let block = &rows[top..=bottom];
    let width = block.iter().map(|r| r.len()).max().unwrap_or(0);
    (0..width)
        .map(|c| {
            block
                .iter()
                .rev()
                .filter_map(|r| r.get(c))
                .find(|x| !x.is_empty())
                .cloned()
                .unwrap_or(Cell::Empty)
        })
        .collect()
}

/// The header that ends on row `bottom`: that row alone, or combined with the one or two rows above it
/// when they form a header block and the combination recognises more columns for `spec`.
pub fn header_ending_at(rows: &[Vec<Cell>], bottom: usize, spec: &KindSpec) -> (usize, Vec<Cell>) {
    let known =
        |row: &[Cell]| match_kind(spec, &header_cells(row)).len() + month_columns(row).len();
    let mut best = (bottom, rows[bottom].clone());
    let mut best_known = known(&best.1);
    for top in (bottom.saturating_sub(2)..bottom).rev() {
        if is_header_block(rows, top, bottom) {
            let row = block_row(rows, top, bottom);
            let k = known(&row);
            if k > best_known {
                (best, best_known) = ((top, row), k);
            }
        }
    }
    best
}

/// Finds the header row (first 20 rows), the kind and the mapping. None when nothing is recognised.
/// A header split over two or three rows (merged cells) is combined when that recognises more.
pub fn detect(rows: &[Vec<Cell>], table_name: &str) -> Option<Mapping> {
    let name = table_name.to_lowercase();
    for r in 0..rows.len().min(20) {
        // A system's export, by its signature columns, before any scoring (exports.md §1).
        if let Some(map) = super::exports::mapping::export_mapping(rows, r) {
            return Some(map);
        }
        let (single, any_two) = best_for(&rows[r], &name);
        let mut best: Option<(Candidate, usize, usize, Vec<Cell>)> =
            single.map(|(c, s)| (c, s, r, rows[r].clone()));
        let mut any = any_two;
        for bottom in r + 1..(r + 3).min(rows.len()) {
            if !is_header_block(rows, r, bottom) {
                continue;
            }
            let row = block_row(rows, r, bottom);
            let (cand, two) = best_for(&row, &name);
            any |= two;
            if let Some((c, s)) = cand {
                if best.as_ref().is_none_or(|b| s > b.1) {
                    best = Some((c, s, bottom, row));
                }
            }
        }
        if !any {
            continue;
        }
        let ((mut spec, mut columns, months), _, bottom, row) = best?;
        // Customer, date and a generic amount fit revenue and orders alike: days that vary within a
        // month, several per customer, are transactions whatever the file is called.
        // (A table named as an event log stays one: two changes in one month are normal there.)
        let generic_amount = columns
            .iter()
            .find(|c| c.1 == "mrr")
            .map(|c| header_cells(&row)[c.0].base.as_str() == "amount")
            .unwrap_or(false);
        if spec.kind == TableKind::Mrr && months.is_empty() && generic_amount {
            let orders = match_kind(self::spec(TableKind::Orders), &header_cells(&row));
            if orders.len() == columns.len()
                && required_met(self::spec(TableKind::Orders), &orders)
                && is_transactional(rows, bottom, &orders)
            {
                (spec, columns) = (self::spec(TableKind::Orders), orders);
            }
        }
        if spec.kind == TableKind::Surveys {
            settle_questions(&mut columns, &row, &rows[bottom + 1..]);
            super::answers::prefer_submission(&mut columns, &header_cells(&row));
        }
        let mut map = build(&row, bottom, spec, columns, months);
        map.header_top = r;
        if spec.kind == TableKind::Surveys
            && super::exports::mapping::is_extra_header_row(rows, &map)
        {
            map.header_row += 1;
        }
        return Some(map);
    }
    None
}

/// A question column whose answers are mostly text (`What could we do better?` holds words, not
/// scores) is the comment, not a score (exports.md §7). Its type's slot then goes to the next
/// question of that type holding answers, if any (only one column per type is read).
pub(crate) fn settle_questions(columns: &mut Vec<Matched>, header: &[Cell], data: &[Vec<Cell>]) {
    let heads = header_cells(header);
    let scores = ["nps", "csat", "ces", "enps"];
    let cells = |col: usize| data.iter().filter_map(move |r| r.get(col));
    let mut freed = Vec::new();
    for k in 0..columns.len() {
        let (col, name, _) = columns[k];
        let base = heads.get(col).map(|h| h.base.as_str()).unwrap_or("");
        // Only a question header: a plain `NPS` column is a score column whatever it holds.
        if !scores.contains(&name)
            || spec(TableKind::Surveys).columns.iter().any(|c| c.synonyms.contains(&base))
        {
            continue;
        }
        let kind = super::answers::type_of_column(name);
        if super::answers::mostly_answers(kind, cells(col)) == Some(false) {
            let comment_free = !columns.iter().any(|c| c.1 == "comment");
            columns[k].1 = if comment_free { "comment" } else { "" };
            freed.push(kind);
        }
    }
    columns.retain(|c| !c.1.is_empty());
    for kind in freed.into_iter().flatten() {
        let name = super::answers::column_of(kind);
        let next = heads.iter().enumerate().find(|(i, h)| {
            !columns.iter().any(|c| c.0 == *i)
                && h.base.len() > 12
                && type_of_question(&h.base) == Some(kind)
                && super::answers::mostly_answers(Some(kind), cells(*i)) == Some(true)
        });
        if let Some((i, h)) = next.filter(|_| !columns.iter().any(|c| c.1 == name)) {
            columns.push((i, name, h.unit));
        }
    }
}

/// Whether a table's dates (the `date` column of `columns`) are days that vary within a month for the
/// same customer: two different days of one month for one customer, in the first 50,000 data rows.
fn is_transactional(rows: &[Vec<Cell>], header: usize, columns: &[Matched]) -> bool {
    let col = |name: &str| columns.iter().find(|c| c.1 == name).map(|c| c.0);
    let (Some(dc), Some(cc)) = (col("date"), col("customer_id")) else { return false };
    let mut seen: std::collections::HashMap<(String, Month), chrono::NaiveDate> =
        std::collections::HashMap::new();
    for row in rows.iter().skip(header + 1).take(50_000) {
        let (Some(c), Some(d)) = (row.get(cc).and_then(|c| c.text()), row.get(dc)) else {
            continue;
        };
        let Ok(day) = super::dates::parse_date(d, super::dates::DateOrder::Mdy) else { continue };
        match seen.entry((c, Month::of(day))) {
            std::collections::hash_map::Entry::Occupied(e) if *e.get() != day => return true,
            std::collections::hash_map::Entry::Occupied(_) => {}
            std::collections::hash_map::Entry::Vacant(e) => {
                e.insert(day);
            }
        }
    }
    false
}

/// Why a sheet was not recognised, for its warning: the month columns of a wide MRR sheet without a
/// customer column are named, so that the user knows what is missing.
pub fn not_recognised(rows: &[Vec<Cell>]) -> String {
    for row in rows.iter().take(20) {
        let months = month_columns(row);
        if months.len() >= 3 {
            let (first, last) = (months[0].1, months[months.len() - 1].1);
            return format!(
                "found {} month columns ({first} to {last}) but no customer column beside them: name it Customer, Customer ID, Account or Client, or map it",
                months.len()
            );
        }
    }
    // The closest kinds: those matching most columns in one of the first rows, with what they miss.
    let mut closest: Vec<(usize, &KindSpec, Vec<String>)> = Vec::new();
    for spec in KINDS {
        let best = rows
            .iter()
            .take(20)
            .map(|row| match_kind(spec, &header_cells(row)))
            .max_by_key(|m| m.len())
            .unwrap_or_default();
        if best.is_empty() {
            continue;
        }
        let missing: Vec<String> = spec
            .required
            .iter()
            .filter(|g| !g.iter().any(|r| best.iter().any(|m| m.1 == *r)))
            .map(|g| g.iter().map(|c| c.replace('_', " ")).collect::<Vec<_>>().join(" or "))
            .collect();
        closest.push((best.len(), spec, missing));
    }
    closest.sort_by_key(|c| std::cmp::Reverse(c.0));
    let named: Vec<String> = closest
        .iter()
        .filter(|c| !c.2.is_empty())
        .take(2)
        .map(|(_, spec, missing)| format!("{} (missing {})", spec.id, missing.join(", ")))
        .collect();
    if named.is_empty() {
        return "not recognised as any table: no header row with known columns in the first 20 rows"
            .into();
    }
    format!(
        "not recognised as any table: the closest are {}; name those columns or map them in the Data view",
        named.join(" and ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(cells: &[&str]) -> Vec<Cell> {
        cells.iter().map(|c| Cell::text_of(*c)).collect()
    }

    #[test]
    fn not_recognised_names_the_closest_kinds() {
        let rows = vec![row(&["id", "Created (UTC)", "Description"])];
        assert_eq!(
            not_recognised(&rows),
            // A description is a ticket's column too (issue 21), so tickets come first.
            "not recognised as any table: the closest are tickets (missing ticket id) and customers (missing customer id); name those columns or map them in the Data view"
        );
        assert!(detect(&rows, "payments.csv").is_none());
        // Beside a resolved column, `id` is the ticket id.
        let rows = vec![row(&["id", "Created at", "Solved at"])];
        assert_eq!(detect(&rows, "x.csv").map(|m| m.kind), Some(TableKind::Tickets));
    }

    #[test]
    fn finds_header_below_title_rows_and_kind() {
        let rows = vec![
            row(&["Acme MRR export", "", ""]),
            row(&["", "", ""]),
            row(&["Customer ID", "Month", "MRR ($)"]),
            row(&["C1", "2024-01", "100"]),
        ];
        let m = detect(&rows, "export.csv").unwrap();
        assert_eq!(m.kind, TableKind::Mrr);
        assert_eq!(m.header_row, 2);
        assert_eq!(m.col("mrr"), Some(2));
    }

    #[test]
    fn wide_mrr_and_id_versus_name() {
        let rows = vec![row(&["Customer ID", "Customer Name", "Jan 2024", "Feb 2024", "Mar 2024"])];
        let m = detect(&rows, "Sheet1").unwrap();
        assert_eq!(m.kind, TableKind::Mrr);
        assert!(m.is_wide());
        assert_eq!(m.col("customer_id"), Some(0));
        assert_eq!(m.months.len(), 3);

        let rows = vec![row(&["Account ID", "Company", "Segment", "CSM"])];
        let m = detect(&rows, "x").unwrap();
        assert_eq!(m.kind, TableKind::Customers);
        assert_eq!(m.col("customer_id"), Some(0));
        assert_eq!(m.col("name"), Some(1));
    }

    #[test]
    fn kinds_by_columns() {
        let k = |h: &[&str]| detect(&[row(h)], "sheet").map(|m| m.kind);
        assert_eq!(
            k(&["Ticket ID", "Customer ID", "Created", "Closed", "FCR"]),
            Some(TableKind::Tickets)
        );
        assert_eq!(k(&["Date", "Customer ID", "Type", "CSM"]), Some(TableKind::Activities));
        assert_eq!(
            k(&["Customer ID", "Type", "Score", "Date", "Comment"]),
            Some(TableKind::Surveys)
        );
        assert_eq!(k(&["Month", "Category", "Amount"]), Some(TableKind::Costs));
        assert_eq!(k(&["Foo", "Bar"]), None);
    }

    #[test]
    fn ties_are_broken_by_the_sheet_name_then_the_spec_order() {
        // Customer, date and amount fit mrr (long), mrr_events and orders equally well.
        let rows = vec![row(&["Customer ID", "Date", "Amount"])];
        assert_eq!(detect(&rows, "export.csv").unwrap().kind, TableKind::Mrr);
        assert_eq!(detect(&rows, "web orders.csv").unwrap().kind, TableKind::Orders);
        assert_eq!(detect(&rows, "book.xlsx snowball").unwrap().kind, TableKind::MrrEvents);
        // Days that vary within a month for one customer are orders, whatever the name.
        let mut rows = vec![row(&["customer_id", "date", "cds", "amount"])];
        for r in [["00004", "1997-01-01", "2", "29.33"], ["00004", "1997-01-18", "2", "29.73"]] {
            rows.push(row(&r));
        }
        assert_eq!(detect(&rows, "mrr.csv").unwrap().kind, TableKind::Orders);
        assert_eq!(detect(&rows, "cdnow.csv").unwrap().kind, TableKind::Orders);
        // One date a month per customer stays revenue.
        rows[2] = row(&["00004", "1997-02-01", "2", "29.73"]);
        assert_eq!(detect(&rows, "cdnow.csv").unwrap().kind, TableKind::Mrr);
        // One more matched column beats any name.
        let rows = vec![row(&["Order ID", "Customer ID", "Date", "Amount"])];
        assert_eq!(detect(&rows, "mrr.csv").unwrap().kind, TableKind::Orders);
    }
}
