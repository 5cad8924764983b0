//! Adoption: license utilization from `customers` over the customers active at the end of P.

use super::revenue::Book;
use super::value::{ratio, Kpi, Unit};
use super::view::CustomerRows;
use crate::model::Dataset;
use rust_decimal::Decimal;

pub(crate) fn utilization(
    d: &Dataset,
    rows: &CustomerRows,
    book: Option<&Book>,
    end: crate::model::Month,
) -> Kpi {
    if !d.customers.iter().any(|c| c.seats_purchased.is_some() && c.seats_active.is_some()) {
        return Kpi::null(
            Unit::Ratio,
            "needs table customers with columns seats_purchased and seats_active",
        );
    }
    let Some(book) = book else {
        return Kpi::null(Unit::Ratio, "needs table mrr to know the active customers");
    };
    let (mut active, mut bought, mut n) = (Decimal::ZERO, Decimal::ZERO, 0u64);
    for i in book.active(end) {
        if let Some(c) = rows.get(d, i) {
            if let (Some(a), Some(p)) = (c.seats_active, c.seats_purchased) {
                active += a;
                bought += p;
                n += 1;
            }
        }
    }
    Kpi::from(ratio(active, bought, "no purchased seats among active customers"), Unit::Ratio)
        .with("n", n)
}
