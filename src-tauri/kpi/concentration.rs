//! The revenue KPIs peers report beside ours (kpis.md "More revenue KPIs"): the SaaS quick ratio of
//! the period's movements, and how concentrated the MRR at the end of the period is (the share of
//! the 10 largest customers, of the largest tenth, and the Herfindahl-Hirschman index).

use super::explain::{num, Drafts, Rows};
use super::period::Period;
use super::revenue::{Book, Movement};
use super::value::{ratio, Kpi, Unit};
use crate::model::Dataset;
use rust_decimal::Decimal;
use serde_json::json;

const NO_REVENUE: &str = "needs table mrr (or subscriptions)";

/// `quick_ratio`, `top10_mrr_share`, `top_decile_mrr_share` and `mrr_hhi` of P. `movements` are
/// those of P's months (from customer rows, or from an `mrr_summary` when `summary_only`).
pub fn kpis(
    book: Option<&Book>,
    movements: &[Movement],
    p: Period,
    summary_only: bool,
    out: &mut Vec<(&'static str, Kpi)>,
) {
    out.push(("quick_ratio", quick_ratio(book.is_some() || summary_only, movements)));
    let Some(book) = book else {
        // Company totals say nothing of how the MRR is spread over customers.
        let why = if summary_only { super::summary::WHY } else { NO_REVENUE };
        for id in ["top10_mrr_share", "top_decile_mrr_share", "mrr_hhi"] {
            out.push((id, Kpi::null(Unit::Ratio, why)));
        }
        return;
    };
    // Only the largest decile (at least 10) is put in order: a share sums the first k, and which
    // of equal MRRs is taken does not change a sum; the HHI is a sum over all, in any order.
    let mut sizes: Vec<(usize, Decimal)> =
        book.active(p.to).map(|i| (i, book.mrr(i, p.to))).collect();
    let n = sizes.len();
    let k = decile(n).max(10).min(n);
    if k < n {
        sizes.select_nth_unstable_by(k, |a, b| b.1.cmp(&a.1));
    }
    sizes[..k].sort_unstable_by_key(|s| std::cmp::Reverse(s.1));
    let total: Decimal = sizes.iter().map(|s| s.1).sum();
    let none = "no MRR at the end of the period";
    let share = |k: usize| {
        let top: Decimal = sizes.iter().take(k).map(|s| s.1).sum();
        Kpi::from(ratio(top, total, none), Unit::Ratio).with("n", n as u64).with("top", k as u64)
    };
    out.push(("top10_mrr_share", share(10)));
    out.push(("top_decile_mrr_share", share(decile(n))));
    out.push(("mrr_hhi", Kpi::from(hhi(&sizes, total), Unit::Ratio).with("n", n as u64)));
}

/// (new + reactivation + expansion MRR) / (contraction + churned MRR) over the months.
fn quick_ratio(has_revenue: bool, movements: &[Movement]) -> Kpi {
    if !has_revenue {
        return Kpi::null(Unit::Ratio, NO_REVENUE);
    }
    if movements.is_empty() {
        return Kpi::null(Unit::Ratio, "no month of the period has revenue data");
    }
    let gained: Decimal = movements.iter().map(|m| m.new + m.reactivation + m.expansion).sum();
    let lost: Decimal = movements.iter().map(|m| m.contraction + m.churn).sum();
    Kpi::from(ratio(gained, lost, "no contraction or churned MRR in the period"), Unit::Ratio)
}

/// How many customers are the largest tenth of `n`: ceil(n / 10).
pub fn decile(n: usize) -> usize {
    n.div_ceil(10)
}

/// The customers active at the end of P (row, MRR), largest MRR first (ties by id, so that the
/// order and the rows shown are the same on every run).
fn largest_first(book: &Book, p: Period) -> Vec<(usize, Decimal)> {
    let mut v: Vec<(usize, Decimal)> = book.active(p.to).map(|i| (i, book.mrr(i, p.to))).collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| book.rev.ids[a.0].cmp(&book.rev.ids[b.0])));
    v
}

/// Sum of the squared shares of `total`.
fn hhi(sizes: &[(usize, Decimal)], total: Decimal) -> Result<Decimal, String> {
    if total.is_zero() {
        return Err("no MRR at the end of the period".into());
    }
    // Sum of squares over the squared total: one division, exact to the last digit; the sum of
    // squared shares when the squares would not fit.
    let squares =
        sizes.iter().try_fold(Decimal::ZERO, |acc, s| acc.checked_add(s.1.checked_mul(s.1)?));
    match squares.zip(total.checked_mul(total)).and_then(|(a, b)| a.checked_div(b)) {
        Some(h) => Ok(h),
        None => Ok(sizes.iter().map(|s| (s.1 / total) * (s.1 / total)).sum()),
    }
}

/// The rows behind a concentration KPI: the customers active at the end of P, largest first, with
/// their MRR and share (and the figures of its formula as inputs).
pub(super) fn rows(
    d: &Dataset,
    book: Option<&Book>,
    p: Period,
    id: &str,
    inputs: &mut Drafts,
) -> Rows {
    let mut r = Rows::new(
        "customers active at the end of the period, largest MRR first",
        &["rank", "customer", "name", "MRR", "share of MRR", "share squared", "in the top group"],
    );
    let Some(b) = book else { return r };
    let sizes = largest_first(b, p);
    let total: Decimal = sizes.iter().map(|s| s.1).sum();
    let top = match id {
        "top10_mrr_share" => 10,
        "top_decile_mrr_share" => decile(sizes.len()),
        _ => 0,
    };
    inputs.add("mrr", "MRR", total, Unit::Money);
    inputs.add("active_customers", "Active customers", Decimal::from(sizes.len()), Unit::Count);
    if top > 0 {
        let top_mrr: Decimal = sizes.iter().take(top).map(|s| s.1).sum();
        let k = top.min(sizes.len());
        inputs.add("top_mrr", &format!("MRR of the {k} largest customers"), top_mrr, Unit::Money);
    }
    let idx = d.customer_index();
    for (rank, (i, v)) in sizes.iter().enumerate() {
        let id = b.rev.ids[*i].as_str();
        let share = if total.is_zero() { Decimal::ZERO } else { *v / total };
        r.rows.push(vec![
            json!(rank + 1),
            json!(id),
            json!(idx.get(id).and_then(|c| c.name.clone())),
            num(*v),
            num(share),
            num(share * share),
            json!(rank < top),
        ]);
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Month, Revenue};
    use std::collections::BTreeMap;

    fn m(k: u32) -> Month {
        Month::new(2024, k).unwrap()
    }

    fn book_of(rows: &[(&str, u32, i64)]) -> Revenue {
        let mut e: BTreeMap<String, BTreeMap<Month, Decimal>> = BTreeMap::new();
        for (c, k, v) in rows {
            e.entry(c.to_string()).or_default().insert(m(*k), Decimal::from(*v));
        }
        Revenue::from_entries(e)
    }

    fn get<'a>(out: &'a [(&'static str, Kpi)], id: &str) -> &'a Kpi {
        &out.iter().find(|(k, _)| *k == id).unwrap().1
    }

    #[test]
    fn the_largest_tenth_is_rounded_up() {
        // ceil(11 / 10) = 2, ceil(10 / 10) = 1, ceil(1 / 10) = 1, none of none.
        assert_eq!((decile(11), decile(10), decile(1), decile(0)), (2, 1, 1, 0));
    }

    /// Eleven customers at the end of March with MRR 100, 200, ..., 1100 (total 6,600): the 10
    /// largest hold 6,600 - 100 = 6,500 (98.48%); the largest tenth is ceil(11/10) = 2 customers,
    /// 1,100 + 1,000 = 2,100, 2,100 / 6,600 = 31.82%. HHI = sum (100k)^2 / 6,600^2 over k = 1..11
    /// = 10,000 x 506 / 43,560,000 = 5,060,000 / 43,560,000 = 0.11616...
    #[test]
    fn shares_and_hhi_by_hand() {
        let rows: Vec<(String, u32, i64)> =
            (1..=11).map(|k| (format!("C{k:02}"), 3, 100 * k as i64)).collect();
        let rows: Vec<(&str, u32, i64)> =
            rows.iter().map(|(c, k, v)| (c.as_str(), *k, *v)).collect();
        let rev = book_of(&rows);
        let book = Book::new(&rev);
        let mut out = Vec::new();
        kpis(Some(&book), &[], Period { from: m(3), to: m(3) }, false, &mut out);
        let d = |a: i64, b: i64| Decimal::from(a) / Decimal::from(b);
        assert_eq!(get(&out, "top10_mrr_share").number(), Some(d(6500, 6600)));
        let decile = get(&out, "top_decile_mrr_share");
        assert_eq!(decile.number(), Some(d(2100, 6600)));
        assert_eq!(decile.extra, [("n", Decimal::from(11)), ("top", Decimal::TWO)]);
        assert_eq!(get(&out, "mrr_hhi").number(), Some(d(5_060_000, 43_560_000)));
    }

    /// Four customers at 250 each: each holds a quarter, HHI = 4 x 0.25^2 = 0.25; the 10 largest
    /// are all four (100%), the largest tenth is ceil(4/10) = 1 customer (25%).
    #[test]
    fn four_equal_customers() {
        let rev = book_of(&[("A", 1, 250), ("B", 1, 250), ("C", 1, 250), ("D", 1, 250)]);
        let book = Book::new(&rev);
        let mut out = Vec::new();
        kpis(Some(&book), &[], Period { from: m(1), to: m(1) }, false, &mut out);
        assert_eq!(get(&out, "mrr_hhi").number(), Some(Decimal::new(25, 2)));
        assert_eq!(get(&out, "top10_mrr_share").number(), Some(Decimal::ONE));
        assert_eq!(get(&out, "top_decile_mrr_share").number(), Some(Decimal::new(25, 2)));
    }

    /// A: 100 -> 150 (expansion 50) -> 150; B: 200 -> 150 (contraction 50) -> 0 (churn 150); C new
    /// in March at 300. Over Feb..Mar: gained = new 300 + expansion 50 = 350, lost = contraction
    /// 50 + churn 150 = 200, quick ratio 350 / 200 = 1.75. Over February alone: 50 / 50 = 1. A
    /// period with growth and no loss has no quick ratio (0 denominator).
    #[test]
    fn quick_ratio_by_hand() {
        let rev = book_of(&[
            ("A", 1, 100),
            ("A", 2, 150),
            ("A", 3, 150),
            ("B", 1, 200),
            ("B", 2, 150),
            ("C", 3, 300),
        ]);
        let book = Book::new(&rev);
        let q = |from, to| {
            let p = Period { from: m(from), to: m(to) };
            let mut out = Vec::new();
            kpis(Some(&book), &book.movements(p.from, p.to), p, false, &mut out);
            get(&out, "quick_ratio").clone()
        };
        assert_eq!(q(2, 3).number(), Some(Decimal::new(175, 2)));
        assert_eq!(q(2, 2).number(), Some(Decimal::ONE));
        let only_growth = book_of(&[("A", 1, 100), ("A", 2, 120)]);
        let book = Book::new(&only_growth);
        let mut out = Vec::new();
        let p = Period { from: m(2), to: m(2) };
        kpis(Some(&book), &book.movements(p.from, p.to), p, false, &mut out);
        let k = get(&out, "quick_ratio");
        assert_eq!(k.reason(), Some("no contraction or churned MRR in the period"));
        // Without revenue data at all: every one of them needs the table.
        let mut out = Vec::new();
        kpis(None, &[], p, false, &mut out);
        assert!(out.iter().all(|(_, k)| k.reason() == Some(NO_REVENUE)));
    }
}
