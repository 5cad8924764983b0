//! Cohort retention over P (S = customers active at the start of P, E = active at its end), the
//! monthly-average churn rates and quarterly expansion revenue.

use super::period::Period;
use super::revenue::{Book, Movement};
use super::value::{ratio, Kpi, Unit};
use crate::model::{Coverage, Month};
use rust_decimal::Decimal;

/// Retention of a set of customer rows from month `start` to month `end`:
/// (|S|, retained logos, start MRR, kept MRR (min of start and end), end MRR) over S = active at start.
pub fn over(
    book: &Book,
    rows: impl Iterator<Item = usize>,
    start: Month,
    end: Month,
) -> (usize, usize, Decimal, Decimal, Decimal) {
    let (mut n, mut kept_logos, mut s_mrr, mut kept, mut e_mrr) =
        (0, 0, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
    for i in rows {
        let a = book.mrr(i, start);
        if a <= Decimal::ZERO {
            continue;
        }
        let b = book.mrr(i, end);
        n += 1;
        if b > Decimal::ZERO {
            kept_logos += 1;
        }
        s_mrr += a;
        kept += a.min(b);
        e_mrr += b;
    }
    (n, kept_logos, s_mrr, kept, e_mrr)
}

pub fn kpis(
    book: Option<&Book>,
    movements: &[Movement],
    p: Period,
    fy_start: u32,
    out: &mut Vec<(&'static str, Kpi)>,
) {
    let Some(book) = book else {
        let why = "needs table mrr (or subscriptions) with customer rows";
        for (id, unit) in [
            ("customer_retention_rate", Unit::Ratio),
            ("customer_churn_rate", Unit::Ratio),
            ("grr", Unit::Ratio),
            ("nrr", Unit::Ratio),
            ("monthly_churn_rate", Unit::Ratio),
            ("gross_mrr_churn_rate", Unit::Ratio),
            ("net_mrr_churn_rate", Unit::Ratio),
            ("expansion_mrr_rate", Unit::Ratio),
            ("quarterly_expansion_revenue", Unit::Money),
        ] {
            out.push((id, Kpi::null(unit, why)));
        }
        return;
    };
    let start = p.from.prev();
    let s: Vec<usize> = book.active(start).collect();
    let n = Decimal::from(s.len());
    let retained = s.iter().filter(|&&i| book.mrr(i, p.to) > Decimal::ZERO).count();
    let no_start = "no customers active at period start";
    let crr = ratio(Decimal::from(retained), n, no_start);
    out.push(("customer_retention_rate", Kpi::from(crr.clone(), Unit::Ratio).with("n", n)));
    out.push((
        "customer_churn_rate",
        Kpi::from(crr.map(|r| Decimal::ONE - r), Unit::Ratio).with("n", n),
    ));
    let start_mrr: Decimal = s.iter().map(|&i| book.mrr(i, start)).sum();
    let end_mrr: Decimal = s.iter().map(|&i| book.mrr(i, p.to)).sum();
    let kept: Decimal = s.iter().map(|&i| book.mrr(i, p.to).min(book.mrr(i, start))).sum();
    out.push(("grr", Kpi::from(ratio(kept, start_mrr, no_start), Unit::Ratio)));
    out.push(("nrr", Kpi::from(ratio(end_mrr, start_mrr, no_start), Unit::Ratio)));

    let sum = |f: fn(&Movement) -> Decimal| movements.iter().map(f).sum::<Decimal>();
    let base_customers = Decimal::from(movements.iter().map(|m| m.prev_customers).sum::<usize>());
    let churned = Decimal::from(movements.iter().map(|m| m.churned_count).sum::<usize>());
    let base_mrr = sum(|m| m.prev_mrr);
    let no_base = "no MRR before the months of the period";
    out.push((
        "monthly_churn_rate",
        Kpi::from(
            ratio(churned, base_customers, "no customers active before the months of the period"),
            Unit::Ratio,
        ),
    ));
    out.push((
        "gross_mrr_churn_rate",
        Kpi::from(ratio(sum(|m| m.churn + m.contraction), base_mrr, no_base), Unit::Ratio),
    ));
    out.push((
        "net_mrr_churn_rate",
        Kpi::from(
            ratio(
                sum(|m| m.churn + m.contraction - m.expansion - m.reactivation),
                base_mrr,
                no_base,
            ),
            Unit::Ratio,
        ),
    ));
    out.push((
        "expansion_mrr_rate",
        Kpi::from(ratio(sum(|m| m.expansion), base_mrr, no_base), Unit::Ratio),
    ));

    let data = book.rev.first.zip(book.rev.last).map(|(first, last)| Coverage { first, last });
    out.push((
        "quarterly_expansion_revenue",
        super::revenue::quarterly_expansion(movements, data, fy_start),
    ));
}
