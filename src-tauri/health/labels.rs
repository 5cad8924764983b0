//! Churn labels: a customer active at month t churned within the horizon H when its MRR is 0 in
//! one of the months t+1..t+H (the revenue book's zero: no row, or a row of 0). A row whose
//! horizon passes the end of the revenue data is not labelled: the months it needs are unknown,
//! not months without revenue.

use super::snapshot::{Label, Row};
use rust_decimal::Decimal;

/// The label of a customer active in month `k` of its revenue row `mrr` (month indexes of the
/// revenue data); `offset` = the revenue index of the first scored month, so that the churn
/// month is given in scored months.
pub fn label(mrr: &[Decimal], k: i32, offset: i32, horizon: u32) -> Label {
    let end = k as i64 + horizon as i64;
    if k < 0 || end >= mrr.len() as i64 {
        return Label::Unknown;
    }
    for j in k + 1..=end as i32 {
        if mrr[j as usize].is_zero() {
            return Label::Churned { month: (j - offset) as u16 };
        }
    }
    Label::Stayed
}

/// Distinct churn events (customer, churn month) among labelled rows: a customer churning in
/// month m is positive in up to H rows (m-H..m-1) but is one event.
pub fn events<'a>(rows: impl Iterator<Item = &'a Row>) -> u64 {
    let mut seen: FastSet<(u32, u16)> = FastSet::default();
    for r in rows {
        if let Label::Churned { month } = r.label {
            seen.insert((r.cust, month));
        }
    }
    seen.len() as u64
}

type FastSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

#[cfg(test)]
mod tests {
    use super::*;

    /// Revenue 10, 10, 0, 10, 10, 10 (months 0-5), H = 2:
    /// k=0: months 1-2 hold a 0 at 2 -> churned in month 2 (offset 0);
    /// k=1: month 2 is 0 -> churned in 2; k=3: months 4-5 positive -> stayed;
    /// k=4: month 6 is past the data (last index 5) -> unknown.
    #[test]
    fn churn_within_the_horizon_and_unknown_past_the_data() {
        let d = |v: i64| Decimal::from(v);
        let mrr = [d(10), d(10), d(0), d(10), d(10), d(10)];
        assert_eq!(label(&mrr, 0, 0, 2), Label::Churned { month: 2 });
        assert_eq!(label(&mrr, 1, 1, 2), Label::Churned { month: 1 });
        assert_eq!(label(&mrr, 3, 0, 2), Label::Stayed);
        assert_eq!(label(&mrr, 4, 0, 2), Label::Unknown);
        // H = 1 from month 0: month 1 is positive -> stayed.
        assert_eq!(label(&mrr, 0, 0, 1), Label::Stayed);
    }
}
