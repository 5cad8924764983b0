//! One period of a what-moved KPI, customer by customer, with the report's own definitions: the
//! revenue `Book` and its movement rules, the cohort of `retention::over` and the survey rules of
//! `voice`. Every KPI is written as `offset + U / W` (a rate) or `U` (a sum), U and W sums over
//! customers, so that a group's value, its weight and an account's share all come from one table.

use crate::kpi::period::Period;
use crate::kpi::revenue::{Book, MovementKind};
use crate::model::{Dataset, Month, SurveyType};
use rust_decimal::Decimal;
use std::collections::BTreeMap;

/// The KPIs what-moved explains, with the short name its sentences use.
pub const KPIS: &[(&str, &str)] = &[
    ("mrr", "MRR"),
    ("arr", "ARR"),
    ("net_new_mrr", "Net new MRR"),
    ("nrr", "NRR"),
    ("grr", "GRR"),
    ("customer_churn_rate", "Logo churn"),
    ("mrr_expansion", "Expansion MRR"),
    ("expansion_mrr_rate", "Expansion MRR rate"),
    ("nps", "NPS"),
    ("csat", "CSAT"),
];

/// Whether the KPI needs the revenue book (else it reads the surveys).
pub fn is_revenue(id: &str) -> bool {
    !matches!(id, "nps" | "csat")
}

/// How the KPI is built from the per-customer sums.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape {
    /// value = U: a group's own change is its effect (no mix).
    Sum,
    /// value = offset + U / W. `neutral` is the value of a customer that did not move (1 for NRR:
    /// kept its MRR), so that an account's share (u - neutral·w) / W is 0 when it stood still.
    Rate { offset: Decimal, neutral: Decimal },
}

pub fn shape(id: &str) -> Shape {
    let rate = |offset: i64, neutral: i64| Shape::Rate {
        offset: Decimal::from(offset),
        neutral: Decimal::from(neutral),
    };
    match id {
        "nrr" | "grr" => rate(0, 1),
        // 1 - retained / N: a retained customer adds -1 to U, and a churned one is what moves it.
        "customer_churn_rate" => rate(1, -1),
        "expansion_mrr_rate" | "nps" | "csat" => rate(0, 0),
        _ => Shape::Sum,
    }
}

/// One period of one KPI: U and W per customer (None: an answer with no customer), and the
/// movement amounts behind it.
#[derive(Debug, Clone, Default)]
pub struct Side {
    pub per: BTreeMap<Option<String>, (Decimal, Decimal)>,
    /// The KPI's MRR movements in the period (in money; only those it is built from).
    pub moves: Vec<(MovementKind, Decimal)>,
}

impl Side {
    fn add(&mut self, key: Option<String>, u: Decimal, w: Decimal) {
        let e = self.per.entry(key).or_default();
        e.0 += u;
        e.1 += w;
    }

    pub fn totals(&self) -> (Decimal, Decimal) {
        self.per.values().fold((Decimal::ZERO, Decimal::ZERO), |a, b| (a.0 + b.0, a.1 + b.1))
    }

    /// The KPI's value (None when a rate has nothing to divide by).
    pub fn value(&self, shape: Shape) -> Option<Decimal> {
        let (u, w) = self.totals();
        of(shape, u, w)
    }
}

/// offset + U / W, or U.
pub fn of(shape: Shape, u: Decimal, w: Decimal) -> Option<Decimal> {
    match shape {
        Shape::Sum => Some(u),
        Shape::Rate { offset, .. } if !w.is_zero() => u.checked_div(w).map(|r| offset + r),
        Shape::Rate { .. } => None,
    }
}

/// The amounts of each movement kind of customer row `i` over months `from..=to`, in the order
/// new, reactivation, expansion, contraction, churn (as `Book::movements` sums them).
fn monthly(book: &Book, i: usize, from: Month, to: Month) -> [Decimal; 5] {
    let mut out = [Decimal::ZERO; 5];
    let mut prev = book.mrr(i, from.prev());
    for m in Month::range(from, to) {
        let cur = book.mrr(i, m);
        if let Some((k, v)) = book.kind(i, m, prev, cur) {
            out[slot(k)] += v;
        }
        prev = cur;
    }
    out
}

pub const ORDER: [MovementKind; 5] = [
    MovementKind::New,
    MovementKind::Reactivation,
    MovementKind::Expansion,
    MovementKind::Contraction,
    MovementKind::Churn,
];

fn slot(k: MovementKind) -> usize {
    ORDER.iter().position(|x| *x == k).unwrap_or(0)
}

/// The monthly movements of months `from..=to` summed over every customer (signed: contraction
/// and churn negative), the parts of MRR(to) - MRR(from - 1).
pub fn movements_between(book: &Book, from: Month, to: Month) -> Vec<(MovementKind, Decimal)> {
    let mut sums = [Decimal::ZERO; 5];
    for i in 0..book.customers() {
        for (s, v) in sums.iter_mut().zip(monthly(book, i, from, to)) {
            *s += v;
        }
    }
    signed(sums)
}

fn signed(sums: [Decimal; 5]) -> Vec<(MovementKind, Decimal)> {
    ORDER
        .iter()
        .zip(sums)
        .map(|(k, v)| match k {
            MovementKind::Contraction | MovementKind::Churn => (*k, -v),
            _ => (*k, v),
        })
        .collect()
}

/// One period of a revenue KPI from the book.
pub fn revenue_side(book: &Book, id: &str, p: Period) -> Side {
    let mut side = Side::default();
    let start = p.from.prev();
    let key = |i: usize| Some(book.rev.ids[i].clone());
    match id {
        "mrr" | "arr" => {
            let k = if id == "arr" { Decimal::from(12) } else { Decimal::ONE };
            for i in 0..book.customers() {
                side.add(key(i), book.mrr(i, p.to) * k, Decimal::ZERO);
            }
        }
        "net_new_mrr" => {
            let mut sums = [Decimal::ZERO; 5];
            for i in 0..book.customers() {
                side.add(key(i), book.mrr(i, p.to) - book.mrr(i, start), Decimal::ZERO);
                for (s, v) in sums.iter_mut().zip(monthly(book, i, p.from, p.to)) {
                    *s += v;
                }
            }
            side.moves = signed(sums);
        }
        "mrr_expansion" | "expansion_mrr_rate" => {
            let mut exp = Decimal::ZERO;
            for i in 0..book.customers() {
                let e = monthly(book, i, p.from, p.to)[slot(MovementKind::Expansion)];
                // The rate's base: each month's opening MRR, summed over the months (retention.rs).
                let base = if id == "expansion_mrr_rate" {
                    p.months().map(|m| book.mrr(i, m.prev())).sum()
                } else {
                    Decimal::ZERO
                };
                side.add(key(i), e, base);
                exp += e;
            }
            side.moves = vec![(MovementKind::Expansion, exp)];
        }
        "nrr" | "grr" | "customer_churn_rate" => {
            // The cohort of retention::over: customers paying just before the period, each from
            // its start MRR to its end MRR (a dip and recovery inside the period nets out).
            let (mut exp, mut contr, mut churn) = (Decimal::ZERO, Decimal::ZERO, Decimal::ZERO);
            for i in book.active(start) {
                let (a, b) = (book.mrr(i, start), book.mrr(i, p.to));
                let (u, w) = match id {
                    "nrr" => (b, a),
                    "grr" => (a.min(b), a),
                    _ if b > Decimal::ZERO => (-Decimal::ONE, Decimal::ONE),
                    _ => (Decimal::ZERO, Decimal::ONE),
                };
                side.add(key(i), u, w);
                if b.is_zero() {
                    churn += a;
                } else if b > a {
                    exp += b - a;
                } else {
                    contr += a - b;
                }
            }
            side.moves = match id {
                "nrr" => vec![
                    (MovementKind::Expansion, exp),
                    (MovementKind::Contraction, -contr),
                    (MovementKind::Churn, -churn),
                ],
                "grr" => vec![(MovementKind::Contraction, -contr), (MovementKind::Churn, -churn)],
                _ => Vec::new(),
            };
        }
        _ => {}
    }
    side
}

/// One period of NPS or CSAT from the survey answers dated in it.
pub fn survey_side(d: &Dataset, id: &str, p: Period, csat_scale: u32) -> Side {
    let mut side = Side::default();
    let kind = if id == "nps" { SurveyType::Nps } else { SurveyType::Csat };
    for s in d.surveys.iter().filter(|s| s.kind == kind && p.contains_date(s.date)) {
        let u = if id == "nps" {
            crate::kpi::voice::nps_points(s.score)
        } else {
            i64::from(crate::kpi::voice::csat_positive(s, csat_scale))
        };
        let who = s.customer_id.clone().filter(|c| !c.trim().is_empty());
        side.add(who, Decimal::from(u), Decimal::ONE);
    }
    side
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Revenue;

    fn m(k: u32) -> Month {
        Month::new(2024, k).unwrap()
    }

    /// A: 100 in Jan, 150 in Feb, 0 in Mar, 80 in Apr. B: 200 from Feb, 50 from Mar.
    /// Over Feb..Apr (start Jan: only A, 100): NRR = 80 / 100, GRR = 80 / 100, logo churn 0 (A
    /// pays at the end); movements of A start -> end: contraction 20.
    /// Monthly movements of Feb..Apr: new 200 (B), expansion 50 (A), churn 150 (A in Mar),
    /// contraction 150 (B), reactivation 80 (A): 200 + 50 + 80 - 150 - 150 = 30 = MRR(Apr) 130 -
    /// MRR(Jan) 100.
    #[test]
    fn sides_by_hand() {
        let mut e: BTreeMap<String, BTreeMap<Month, Decimal>> = BTreeMap::new();
        for (c, k, v) in
            [("A", 1, 100), ("A", 2, 150), ("A", 4, 80), ("B", 2, 200), ("B", 3, 50), ("B", 4, 50)]
        {
            e.entry(c.into()).or_default().insert(m(k), Decimal::from(v));
        }
        let rev = Revenue::from_entries(e);
        let book = Book::new(&rev);
        let p = Period { from: m(2), to: m(4) };
        let d = Decimal::from;
        let nrr = revenue_side(&book, "nrr", p);
        assert_eq!(nrr.value(shape("nrr")), Some(Decimal::new(8, 1)));
        assert_eq!(
            nrr.moves,
            [
                (MovementKind::Expansion, d(0)),
                (MovementKind::Contraction, d(-20)),
                (MovementKind::Churn, d(0))
            ]
        );
        assert_eq!(revenue_side(&book, "customer_churn_rate", p).value(shape("x")), Some(d(-1)));
        assert_eq!(
            revenue_side(&book, "customer_churn_rate", p).value(shape("customer_churn_rate")),
            Some(d(0))
        );
        let nnm = revenue_side(&book, "net_new_mrr", p);
        assert_eq!(nnm.value(Shape::Sum), Some(d(30)));
        assert_eq!(
            nnm.moves.iter().map(|m| m.1).collect::<Vec<_>>(),
            [d(200), d(80), d(50), d(-150), d(-150)]
        );
        assert_eq!(movements_between(&book, m(2), m(4)), nnm.moves);
        // Expansion rate: expansion 50 over the months' opening MRR 100 + 350 + 50 = 500.
        let rate = revenue_side(&book, "expansion_mrr_rate", p);
        assert_eq!(rate.value(shape("expansion_mrr_rate")), Some(Decimal::new(1, 1)));
    }
}
