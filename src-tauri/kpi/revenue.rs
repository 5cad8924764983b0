//! MRR, ARR, ARPA and the MRR movements of each month (new, reactivation, expansion, contraction,
//! churn), which obey MRR(m) = MRR(m-1) + new + reactivation + expansion - contraction - churn exactly.

use super::period::Period;
use super::value::{ratio, Kpi, Quarter, Unit};
use crate::model::{Coverage, Dataset, Month, Revenue};
use rust_decimal::Decimal;
use serde::Serialize;

/// Company totals of one month.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Movement {
    pub month: String,
    pub mrr: Decimal,
    pub new: Decimal,
    pub reactivation: Decimal,
    pub expansion: Decimal,
    pub contraction: Decimal,
    pub churn: Decimal,
    pub prev_mrr: Decimal,
    pub customers: usize,
    pub prev_customers: usize,
    pub new_count: usize,
    pub reactivated_count: usize,
    pub churned_count: usize,
    /// Why the month's money cannot be added up (several currencies without rates): the amounts
    /// are then written as null with this reason (exports.md §9).
    pub unknown: Option<String>,
}

impl Serialize for Movement {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("month", &self.month)?;
        let fields = [
            ("mrr", self.mrr),
            ("new", self.new),
            ("reactivation", self.reactivation),
            ("expansion", self.expansion),
            ("contraction", self.contraction),
            ("churn", self.churn),
        ];
        for (k, v) in fields {
            match &self.unknown {
                Some(_) => m.serialize_entry(k, &None::<f64>)?,
                None => m.serialize_entry(k, &super::value::Num(v))?,
            }
        }
        if let Some(r) = &self.unknown {
            m.serialize_entry("reason", r)?;
        }
        m.end()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MovementKind {
    New,
    Reactivation,
    Expansion,
    Contraction,
    Churn,
}

impl MovementKind {
    pub fn name(self) -> &'static str {
        match self {
            MovementKind::New => "new",
            MovementKind::Reactivation => "reactivation",
            MovementKind::Expansion => "expansion",
            MovementKind::Contraction => "contraction",
            MovementKind::Churn => "churn",
        }
    }
}

/// `v > 0`, read off the sign and the mantissa: the comparison rescales, and the rules ask it of
/// every customer's every month.
pub(crate) fn positive(v: Decimal) -> bool {
    v.is_sign_positive() && !v.is_zero()
}

/// Per-customer facts the movement rules need, computed once.
pub struct Book<'a> {
    pub rev: &'a Revenue,
    /// First month with MRR > 0, per customer row.
    first_active: Vec<Option<Month>>,
}

impl<'a> Book<'a> {
    pub fn new(rev: &'a Revenue) -> Book<'a> {
        let first_active = rev
            .mrr
            .iter()
            .map(|row| {
                let k = row.iter().position(|v| positive(*v))?;
                Some(rev.first?.plus(k as i32))
            })
            .collect();
        Book { rev, first_active }
    }

    /// The month of a customer's first MRR.
    pub fn first_active(&self, i: usize) -> Option<Month> {
        self.first_active[i]
    }

    pub fn customers(&self) -> usize {
        self.rev.ids.len()
    }

    pub fn mrr(&self, i: usize, m: Month) -> Decimal {
        self.rev.at(i, m)
    }

    pub fn active(&self, m: Month) -> impl Iterator<Item = usize> + '_ {
        (0..self.customers()).filter(move |&i| positive(self.mrr(i, m)))
    }

    pub fn total(&self, m: Month) -> Decimal {
        (0..self.customers()).map(|i| self.mrr(i, m)).sum()
    }

    /// The movements of months `from..=to`, in one pass over each customer's row.
    pub fn movements(&self, from: Month, to: Month) -> Vec<Movement> {
        let n = (from.until(to) + 1).max(0) as usize;
        let mut out: Vec<Movement> = Month::range(from, to)
            .map(|m| Movement { month: m.to_string(), ..Default::default() })
            .collect();
        for i in 0..self.customers() {
            let mut prev = self.mrr(i, from.prev());
            for (k, mv) in out.iter_mut().enumerate().take(n) {
                let m = from.plus(k as i32);
                let cur = self.mrr(i, m);
                self.classify(i, m, prev, cur, mv);
                prev = cur;
            }
        }
        out
    }

    /// The movement of customer row `i` into month `m` (from `prev` to `cur`) and its MRR amount:
    /// the one place the movement rules of the spec live.
    pub fn kind(
        &self,
        i: usize,
        m: Month,
        prev: Decimal,
        cur: Decimal,
    ) -> Option<(MovementKind, Decimal)> {
        if prev.is_zero() && positive(cur) {
            if self.first_active[i] == Some(m) {
                Some((MovementKind::New, cur))
            } else {
                Some((MovementKind::Reactivation, cur))
            }
        } else if positive(prev) && cur > prev {
            Some((MovementKind::Expansion, cur - prev))
        } else if positive(prev) && cur.is_zero() {
            Some((MovementKind::Churn, prev))
        } else if positive(prev) && cur < prev {
            Some((MovementKind::Contraction, prev - cur))
        } else {
            None
        }
    }

    fn classify(&self, i: usize, m: Month, prev: Decimal, cur: Decimal, mv: &mut Movement) {
        mv.mrr += cur;
        mv.prev_mrr += prev;
        if positive(cur) {
            mv.customers += 1;
        }
        if positive(prev) {
            mv.prev_customers += 1;
        }
        match self.kind(i, m, prev, cur) {
            Some((MovementKind::New, v)) => {
                mv.new += v;
                mv.new_count += 1;
            }
            Some((MovementKind::Reactivation, v)) => {
                mv.reactivation += v;
                mv.reactivated_count += 1;
            }
            Some((MovementKind::Expansion, v)) => mv.expansion += v,
            Some((MovementKind::Contraction, v)) => mv.contraction += v,
            Some((MovementKind::Churn, v)) => {
                mv.churn += v;
                mv.churned_count += 1;
            }
            None => {}
        }
    }
}

/// The MRR movement KPIs of P (new, reactivation, expansion, contraction, churn, net new): sums
/// over its months, whether the movements come from customer rows or a company summary.
pub fn movement_sums(movements: &[Movement], out: &mut Vec<(&'static str, Kpi)>) {
    let sum = |f: fn(&Movement) -> Decimal| movements.iter().map(f).sum::<Decimal>();
    out.push(("mrr_new", Kpi::num(sum(|m| m.new), Unit::Money)));
    out.push(("mrr_reactivation", Kpi::num(sum(|m| m.reactivation), Unit::Money)));
    out.push(("mrr_expansion", Kpi::num(sum(|m| m.expansion), Unit::Money)));
    out.push(("mrr_contraction", Kpi::num(sum(|m| m.contraction), Unit::Money)));
    out.push(("mrr_churn", Kpi::num(sum(|m| m.churn), Unit::Money)));
    let net = sum(|m| m.new + m.reactivation + m.expansion - m.contraction - m.churn);
    out.push(("net_new_mrr", Kpi::num(net, Unit::Money)));
}

/// Expansion MRR by quarter (of the fiscal year starting in month `fy_start`; 1 = calendar
/// quarters) over the movements' months (the months of P), each quarter with how many of its
/// months lie inside both P and the revenue data (`data`, when known): a quarter cut by either is
/// partial.
pub fn quarterly_expansion(movements: &[Movement], data: Option<Coverage>, fy_start: u32) -> Kpi {
    let mut quarters: Vec<Quarter> = Vec::new();
    for mv in movements {
        // Movement months are written as YYYY-MM by this module.
        let Some(m) = Month::parse_iso(&mv.month) else { continue };
        let q = super::period::quarter_name(m, fy_start);
        let known = data.is_none_or(|c| c.contains(m));
        match quarters.last_mut() {
            Some(last) if last.quarter == q => {
                last.value += mv.expansion;
                if known {
                    last.months += 1;
                    last.last = m;
                }
            }
            _ => quarters.push(Quarter {
                quarter: q,
                value: mv.expansion,
                months: u32::from(known),
                first: m,
                last: m,
            }),
        }
    }
    // A quarter's first known month (the data may start inside it).
    for q in quarters.iter_mut() {
        if let Some(c) = data {
            q.first = q.first.max(c.first);
        }
    }
    quarters.retain(|q| q.months > 0);
    Kpi::quarters(quarters, Unit::Money)
}

/// The revenue KPIs of P. `movements` are those of the months of P; `rows` the customers of the
/// book's rows.
pub(crate) fn kpis(
    d: &Dataset,
    rows: &super::view::CustomerRows,
    book: Option<&Book>,
    movements: &[Movement],
    p: Period,
    out: &mut Vec<(&'static str, Kpi)>,
) {
    let Some(book) = book else {
        let why = "needs table mrr (or subscriptions)";
        for (id, unit) in [
            ("mrr", Unit::Money),
            ("arr", Unit::Money),
            ("active_customers", Unit::Count),
            ("arpa", Unit::Money),
            ("arpu", Unit::Money),
            ("mrr_new", Unit::Money),
            ("mrr_reactivation", Unit::Money),
            ("mrr_expansion", Unit::Money),
            ("mrr_contraction", Unit::Money),
            ("mrr_churn", Unit::Money),
            ("net_new_mrr", Unit::Money),
            ("customers_new", Unit::Count),
            ("customers_reactivated", Unit::Count),
            ("customers_churned", Unit::Count),
        ] {
            out.push((id, Kpi::null(unit, why)));
        }
        return;
    };
    let b = p.to;
    let mrr = book.total(b);
    let active: Vec<usize> = book.active(b).collect();
    out.push(("mrr", Kpi::num(mrr, Unit::Money)));
    out.push(("arr", Kpi::num(mrr * Decimal::from(12), Unit::Money)));
    out.push(("active_customers", Kpi::num(Decimal::from(active.len()), Unit::Count)));
    out.push((
        "arpa",
        Kpi::from(
            ratio(mrr, Decimal::from(active.len()), "no active customers at end of period"),
            Unit::Money,
        ),
    ));
    out.push(("arpu", arpu(d, rows, &active, mrr)));
    movement_sums(movements, out);
    let count = |f: fn(&Movement) -> usize| Decimal::from(movements.iter().map(f).sum::<usize>());
    out.push(("customers_new", Kpi::num(count(|m| m.new_count), Unit::Count)));
    out.push(("customers_reactivated", Kpi::num(count(|m| m.reactivated_count), Unit::Count)));
    out.push(("customers_churned", Kpi::num(count(|m| m.churned_count), Unit::Count)));
}

fn arpu(d: &Dataset, rows: &super::view::CustomerRows, active: &[usize], mrr: Decimal) -> Kpi {
    if !d.customers.iter().any(|c| c.seats_active.is_some()) {
        return Kpi::null(Unit::Money, "needs table customers with column seats_active");
    }
    let seats: Decimal =
        active.iter().filter_map(|&i| rows.get(d, i).and_then(|c| c.seats_active)).sum();
    Kpi::from(
        ratio(mrr, seats, "no active seats among customers active at end of period"),
        Unit::Money,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn m(k: u32) -> Month {
        Month::new(2024, k).unwrap()
    }

    /// A: new 100, expands to 150, churns, reactivates at 80. B: new 200, contracts to 50.
    fn book_data() -> Revenue {
        let mut e: BTreeMap<String, BTreeMap<Month, Decimal>> = BTreeMap::new();
        for (c, k, v) in
            [("A", 1, 100), ("A", 2, 150), ("A", 4, 80), ("B", 2, 200), ("B", 3, 50), ("B", 4, 50)]
        {
            e.entry(c.into()).or_default().insert(m(k), Decimal::from(v));
        }
        Revenue::from_entries(e)
    }

    /// Expansion 10, 20, 30, 40, 50 in March..July 2024. With the fiscal year starting in April,
    /// March is FY2024-Q4 (10, one month: partial), April-June FY2025-Q1 (20 + 30 + 40 = 90) and
    /// July FY2025-Q2 (50, partial). With May: March-April are FY2024-Q4 (10 + 20 = 30; Feb-Apr,
    /// partial), May-July FY2025-Q1 (30 + 40 + 50 = 120). With January: 2024-Q1 10, 2024-Q2 90,
    /// 2024-Q3 50, as before the setting.
    #[test]
    fn quarterly_expansion_follows_the_fiscal_year() {
        let moves: Vec<Movement> = (3..=7)
            .map(|k| Movement {
                month: m(k).to_string(),
                expansion: Decimal::from(10 * (k as i64 - 2)),
                ..Default::default()
            })
            .collect();
        let quarters = |fy| match quarterly_expansion(&moves, None, fy).value {
            super::super::value::Value::Quarters(q) => {
                q.into_iter().map(|q| (q.quarter, q.value, q.months)).collect::<Vec<_>>()
            }
            other => panic!("{other:?}"),
        };
        let d = Decimal::from;
        assert_eq!(
            quarters(4),
            [
                ("FY2024-Q4".to_string(), d(10), 1),
                ("FY2025-Q1".to_string(), d(90), 3),
                ("FY2025-Q2".to_string(), d(50), 1)
            ]
        );
        assert_eq!(
            quarters(5),
            [("FY2024-Q4".to_string(), d(30), 2), ("FY2025-Q1".to_string(), d(120), 3)]
        );
        assert_eq!(
            quarters(1),
            [
                ("2024-Q1".to_string(), d(10), 1),
                ("2024-Q2".to_string(), d(90), 3),
                ("2024-Q3".to_string(), d(50), 1)
            ]
        );
    }

    /// `positive` is `> 0` for every kind of value, a negative zero and a tiny fraction included.
    #[test]
    fn positive_is_greater_than_zero() {
        let values = ["0", "-0", "0.00", "-0.00", "0.0000001", "-0.0000001", "1", "-1", "49.99"];
        for v in values {
            let d: Decimal = v.parse().unwrap();
            assert_eq!(positive(d), d > Decimal::ZERO, "{v}");
        }
        assert!(positive("0.01".parse().unwrap()) && !positive("-0".parse().unwrap()));
    }

    #[test]
    fn movements_by_hand_and_identity() {
        let rev = book_data();
        let book = Book::new(&rev);
        let all = book.movements(m(1), m(4));
        let feb = all[1].clone();
        assert_eq!(
            (feb.new, feb.expansion, feb.mrr),
            (Decimal::from(200), Decimal::from(50), Decimal::from(350))
        );
        let mar = all[2].clone();
        assert_eq!(
            (mar.churn, mar.contraction, mar.churned_count),
            (Decimal::from(150), Decimal::from(150), 1)
        );
        let apr = all[3].clone();
        assert_eq!(
            (apr.reactivation, apr.reactivated_count, apr.new),
            (Decimal::from(80), 1, Decimal::ZERO)
        );
        for mv in &all {
            assert_eq!(
                mv.mrr,
                mv.prev_mrr + mv.new + mv.reactivation + mv.expansion - mv.contraction - mv.churn
            );
        }
    }
}
