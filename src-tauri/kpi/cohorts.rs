//! The cohort table for the retention heatmap: customers grouped by the month of their first MRR;
//! for cohort c and age k, logo retention = members active at c+k / members, and revenue retention
//! = their MRR at c+k / their MRR at c.

use super::revenue::Book;
use super::value::Num;
use crate::model::Month;
use rust_decimal::Decimal;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Cohort {
    pub cohort: String,
    pub customers: usize,
    /// The cohort's MRR in its first month (null when currencies cannot be added up).
    pub mrr: Option<Num>,
    /// By age 0, 1, ... up to the end month.
    pub logo: Vec<Num>,
    pub revenue: Vec<Num>,
}

pub fn table(book: &Book, end: Month) -> Vec<Cohort> {
    let mut groups: BTreeMap<Month, Vec<usize>> = BTreeMap::new();
    for i in 0..book.customers() {
        if let Some(m) = book.first_active(i).filter(|m| *m <= end) {
            groups.entry(m).or_default().push(i);
        }
    }
    groups
        .into_iter()
        .map(|(c, members)| {
            let n = Decimal::from(members.len());
            let start: Decimal = members.iter().map(|&i| book.mrr(i, c)).sum();
            let ages = Month::range(c, end);
            let (logo, revenue) = ages
                .map(|m| {
                    let active =
                        members.iter().filter(|&&i| book.mrr(i, m) > Decimal::ZERO).count();
                    let mrr: Decimal = members.iter().map(|&i| book.mrr(i, m)).sum();
                    (
                        Num(Decimal::from(active) / n),
                        Num(if start.is_zero() { Decimal::ZERO } else { mrr / start }),
                    )
                })
                .unzip();
            Cohort {
                cohort: c.to_string(),
                customers: members.len(),
                mrr: Some(Num(start)),
                logo,
                revenue,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Revenue;

    #[test]
    fn by_hand() {
        let m = |k| Month::new(2024, k).unwrap();
        let mut e: BTreeMap<String, BTreeMap<Month, Decimal>> = BTreeMap::new();
        // Jan cohort: A 100 -> 150 -> 0; B 100 -> 100 -> 50. Feb cohort: C 10.
        for (c, k, v) in [
            ("A", 1, 100),
            ("A", 2, 150),
            ("B", 1, 100),
            ("B", 2, 100),
            ("B", 3, 50),
            ("C", 2, 10),
            ("C", 3, 10),
        ] {
            e.entry(c.into()).or_default().insert(m(k), Decimal::from(v));
        }
        let rev = Revenue::from_entries(e);
        let t = table(&Book::new(&rev), m(3));
        assert_eq!(t.len(), 2);
        assert_eq!((t[0].cohort.as_str(), t[0].customers), ("2024-01", 2));
        let v = |xs: &[Num]| xs.iter().map(|x| x.0).collect::<Vec<_>>();
        assert_eq!(v(&t[0].logo), vec![Decimal::ONE, Decimal::ONE, Decimal::new(5, 1)]);
        assert_eq!(v(&t[0].revenue), vec![Decimal::ONE, Decimal::new(125, 2), Decimal::new(25, 2)]);
        assert_eq!(v(&t[1].logo), vec![Decimal::ONE, Decimal::ONE]);
    }
}
