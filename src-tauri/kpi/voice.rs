//! Voice of the customer from surveys dated in P: NPS, eNPS, CSAT, CES.

use super::period::Period;
use super::value::{ratio, Kpi, Unit};
use crate::model::{Dataset, SurveyType};
use rust_decimal::Decimal;

fn nps(d: &Dataset, s: &[i64], label: &str) -> Kpi {
    if !d.has_surveys {
        return Kpi::null(Unit::Score, format!("needs table surveys with type {label}"));
    }
    if s.is_empty() {
        return Kpi::null(Unit::Score, format!("no {label} responses in period"));
    }
    let promoters = s.iter().filter(|x| nps_points(**x) > 0).count();
    let detractors = s.iter().filter(|x| nps_points(**x) < 0).count();
    let passives = s.len() - promoters - detractors;
    let v = Decimal::from(100) * (Decimal::from(promoters) - Decimal::from(detractors))
        / Decimal::from(s.len());
    Kpi::num(v, Unit::Score)
        .with("n", s.len() as u64)
        .with("promoters", promoters as u64)
        .with("passives", passives as u64)
        .with("detractors", detractors as u64)
}

/// What one NPS answer adds to 100 x (promoters - detractors): 100 for a promoter (9-10), -100 for a
/// detractor (0-6), 0 for a passive. What-moved splits the NPS by customer with it.
pub(crate) fn nps_points(score: i64) -> i64 {
    match score {
        9.. => 100,
        7..=8 => 0,
        _ => -100,
    }
}

/// Whether a CSAT answer counts as positive on the setting's scale (shared with what-moved).
pub(crate) fn csat_positive(s: &crate::model::SurveyResponse, csat_scale: u32) -> bool {
    // A Good/Bad rating or a 1-5 label says itself whether it is positive, whatever the scale.
    s.positive.unwrap_or(s.score >= csat_threshold(csat_scale))
}

/// The lowest positive CSAT score on the setting's scale (1-5: 4, 1-7: 6, 1-10: 8).
fn csat_threshold(csat_scale: u32) -> i64 {
    match csat_scale {
        7 => 6,
        10 => 8,
        _ => 4,
    }
}

pub fn kpis(d: &Dataset, p: Period, csat_scale: u32, out: &mut Vec<(&'static str, Kpi)>) {
    // One pass over the answers of P, each kind's scores apart.
    let (mut nps_s, mut enps_s, mut ces) = (Vec::new(), Vec::new(), Vec::new());
    let (mut n, mut positive) = (0usize, 0usize);
    for s in d.surveys.iter().filter(|s| p.contains_date(s.date)) {
        match s.kind {
            SurveyType::Nps => nps_s.push(s.score),
            SurveyType::Enps => enps_s.push(s.score),
            SurveyType::Ces => ces.push(s.score),
            SurveyType::Csat => {
                n += 1;
                if csat_positive(s, csat_scale) {
                    positive += 1;
                }
            }
        }
    }
    out.push(("nps", nps(d, &nps_s, "NPS")));
    out.push(("enps", nps(d, &enps_s, "eNPS")));
    let missing = |label: &str| {
        if d.has_surveys {
            format!("no {label} responses in period")
        } else {
            format!("needs table surveys with type {label}")
        }
    };
    out.push((
        "csat",
        Kpi::from(ratio(Decimal::from(positive), Decimal::from(n), &missing("CSAT")), Unit::Ratio)
            .with("n", n as u64),
    ));
    let n = Decimal::from(ces.len());
    let sum = Decimal::from(ces.iter().sum::<i64>());
    let easy = Decimal::from(ces.iter().filter(|x| **x >= 5).count());
    out.push(("ces_mean", Kpi::from(ratio(sum, n, &missing("CES")), Unit::Score).with("n", n)));
    out.push(("ces_easy", Kpi::from(ratio(easy, n, &missing("CES")), Unit::Ratio).with("n", n)));
}
