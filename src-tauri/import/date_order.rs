//! The day/month order of a column's slashed dates (`03/04/2024`), decided by its first date whose day
//! or month is above 12.

use super::cells::Cell;
use super::dates::{slashed_parts, DateOrder};

/// Decides the day/month order of a column's slashed dates from values above 12.
/// Returns (order if decided, whether the column has any slashed date).
pub fn infer_order<'a>(cells: impl Iterator<Item = &'a Cell>) -> (Option<DateOrder>, bool) {
    let mut any = false;
    for cell in cells {
        match order_hint(cell) {
            Some(Some(order)) => return (Some(order), true),
            Some(None) => any = true,
            None => {}
        }
    }
    (None, any)
}

/// `infer_order` of each of the first `width` columns of `rows`, in one pass over the rows (one
/// pass per column would walk a long table's rows once for each of its columns).
pub fn infer_orders(rows: &[Vec<Cell>], width: usize) -> Vec<(Option<DateOrder>, bool)> {
    let mut out = vec![(None, false); width];
    for row in rows {
        for (found, cell) in out.iter_mut().zip(row) {
            if found.0.is_some() {
                continue;
            }
            if let Some(order) = order_hint(cell) {
                *found = (order, true);
            }
        }
    }
    out
}

/// What a cell says of its column's day/month order: None when it is no slashed date, Some(None)
/// when it is one that fits both orders (`03/04/2024`).
fn order_hint(cell: &Cell) -> Option<Option<DateOrder>> {
    let Cell::Text(t) = cell else { return None };
    // A slashed date's first separator is its second or third character: most cells of a long
    // column (ids, amounts, ISO dates) are passed over without splitting them.
    let t = super::cells::trimmed(t);
    if !matches!(t.as_bytes().get(1..3), Some([b'/' | b'-', _] | [_, b'/' | b'-'])) {
        return None;
    }
    let (a, b, _) = slashed_parts(t)?;
    Some(if a > 12 && b <= 12 {
        Some(DateOrder::Dmy)
    } else if b > 12 && a <= 12 {
        Some(DateOrder::Mdy)
    } else {
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slashed_order_inferred_per_column() {
        let cells = [Cell::Text("01/02/2024".into()), Cell::Text("25/02/2024".into())];
        assert_eq!(infer_order(cells.iter()), (Some(DateOrder::Dmy), true));
        let cells = [Cell::Text("01/02/2024".into()), Cell::Text("02/25/2024".into())];
        assert_eq!(infer_order(cells.iter()), (Some(DateOrder::Mdy), true));
        let cells = [Cell::Text("01/02/2024".into())];
        assert_eq!(infer_order(cells.iter()), (None, true));
        // Every column at once, each decided by its own first telling date; short rows are fine.
        let t = |s: &str| Cell::text_of(s);
        let rows = vec![
            vec![t("01/02/2024"), t("1-2-2024"), t("u1"), t("03/04/24")],
            vec![t("25/02/2024"), t("2-25-2024"), t("2024-02-25")],
            vec![t("02/25/2024")],
        ];
        assert_eq!(
            infer_orders(&rows, 5),
            [
                (Some(DateOrder::Dmy), true),
                (Some(DateOrder::Mdy), true),
                (None, false),
                (None, true),
                (None, false)
            ]
        );
    }
}
