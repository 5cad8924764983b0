//! The `costs` table: spend per month, quarter or year (spread evenly over its months), long
//! (period, category, amount) or wide (sales_marketing_spend, cs_spend per period).

use super::super::cells::Cell;
use super::super::dates::{parse_month, DateOrder};
use super::super::headers::normalise;
use super::super::table::{Bad, Table};
use crate::model::{Cost, CostCategory, Month};
use rust_decimal::Decimal;

pub fn category(text: &str) -> CostCategory {
    let k = normalise(text).base;
    let words: Vec<&str> = k.split([' ', '&', '/', ',']).filter(|w| !w.is_empty()).collect();
    if words.iter().any(|w| ["sales", "marketing", "acquisition"].contains(w)) {
        CostCategory::Acquisition
    } else if words.iter().any(|w| ["success", "support", "retention", "cs"].contains(w)) {
        CostCategory::Retention
    } else {
        CostCategory::Other
    }
}

/// The months a period cell covers: a month or date, a quarter (`2024-Q1`, `Q1 2024`) or a year.
pub fn period_months(cell: &Cell, order: DateOrder) -> Result<Vec<Month>, String> {
    let year_months = |y: i64| -> Result<Vec<Month>, String> {
        let first = Month::new(y as i32, 1).ok_or("not a period")?;
        Ok((0..12).map(|k| first.plus(k)).collect())
    };
    match cell {
        Cell::Int(y) if (1900..=2200).contains(y) => return year_months(*y),
        Cell::Number(f) if f.fract() == 0.0 && (1900.0..=2200.0).contains(f) => {
            return year_months(*f as i64)
        }
        Cell::Text(t) => {
            let t = t.trim().to_uppercase().replace(' ', "-");
            if let Ok(y) = t.parse::<i64>() {
                if (1900..=2200).contains(&y) {
                    return year_months(y);
                }
            }
            let parts: Vec<&str> = t.split(['-', '/']).filter(|p| !p.is_empty()).collect();
            if parts.len() == 2 {
                let (y, q) = if parts[0].starts_with('Q') {
                    (parts[1], parts[0])
                } else {
                    (parts[0], parts[1])
                };
                if let (Some(q), Ok(y)) =
                    (q.strip_prefix('Q').and_then(|q| q.parse::<u32>().ok()), y.parse::<i32>())
                {
                    let first = Month::new(y, (q.clamp(1, 4) - 1) * 3 + 1).ok_or("not a period")?;
                    if (1..=4).contains(&q) {
                        return Ok((0..3).map(|k| first.plus(k)).collect());
                    }
                }
            }
        }
        _ => {}
    }
    parse_month(cell, order).map(|m| vec![m]).map_err(|_| "not a month, quarter or year".into())
}

fn spread(
    out: &mut Vec<Cost>,
    months: &[Month],
    category: CostCategory,
    amount: Decimal,
    segment: Option<String>,
) {
    let each = amount / Decimal::from(months.len());
    out.extend(months.iter().map(|m| Cost {
        month: *m,
        category,
        amount: each,
        segment: segment.clone(),
    }));
}

pub fn row(i: usize, t: &Table, out: &mut Vec<Cost>) -> Result<bool, Bad> {
    let r = t.view(&t.raw.rows[i]);
    let (pcol, pcell) = r
        .cell("period")
        .ok_or((t.map.col("period").unwrap_or(0), "empty required cell".to_string()))?;
    let months = period_months(&r.date_cell(pcol, pcell), r.order(pcol)).map_err(|e| (pcol, e))?;
    let segment = r.text("segment");
    // A period's amounts are converted at the rate of its first month.
    let first = months.first().copied().ok_or((pcol, "empty period".to_string()))?;
    let money = |name: &str| r.money(name, first);
    if t.map.col("amount").is_some() {
        let cat = category(&r.req_text("category")?);
        let amount = money("amount")?
            .ok_or((t.map.col("amount").unwrap_or(0), "empty required cell".to_string()))?;
        spread(out, &months, cat, amount, segment);
        return Ok(true);
    }
    let sm = money("sales_marketing_spend")?;
    let cs = money("cs_spend")?;
    if let Some(v) = sm {
        spread(out, &months, CostCategory::Acquisition, v, segment.clone());
    }
    if let Some(v) = cs {
        spread(out, &months, CostCategory::Retention, v, segment);
    }
    Ok(sm.is_some() || cs.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn categories_and_periods() {
        assert_eq!(category("Sales"), CostCategory::Acquisition);
        assert_eq!(category("Sales & Marketing"), CostCategory::Acquisition);
        assert_eq!(category("Customer Success"), CostCategory::Retention);
        assert_eq!(category("Rent"), CostCategory::Other);
        let q = period_months(&Cell::Text("2024-Q2".into()), DateOrder::Mdy).unwrap();
        assert_eq!(
            q.iter().map(|m| m.to_string()).collect::<Vec<_>>(),
            ["2024-04", "2024-05", "2024-06"]
        );
        assert_eq!(period_months(&Cell::Text("Q4 2023".into()), DateOrder::Mdy).unwrap().len(), 3);
        assert_eq!(period_months(&Cell::Int(2024), DateOrder::Mdy).unwrap().len(), 12);
        assert_eq!(period_months(&Cell::Text("2024-03".into()), DateOrder::Mdy).unwrap().len(), 1);
    }
}
