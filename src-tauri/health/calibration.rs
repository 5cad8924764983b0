//! Calibration: the scored rows cut into score deciles (by rank, lowest scores first), each with
//! its observed churn rate and the band its mean score falls in. Tied scores stay in one decile
//! (the one their first row falls in), so a book with few distinct scores has fewer than ten.

use crate::kpi::health::band;
use crate::settings::HealthSettings;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "CalibrationDecile"))]
pub struct Decile {
    /// 1 = the lowest scores.
    pub decile: u32,
    pub score_from: f64,
    pub score_to: f64,
    pub rows: u64,
    pub churned: u64,
    pub churn_rate: f64,
    /// The band of the decile's mean score: what the score predicts for it.
    #[cfg_attr(feature = "ts", ts(as = "crate::bindings::HealthBand"))]
    pub band: &'static str,
}

/// Deciles of (score, churned) rows.
pub fn deciles(rows: &[(f64, bool)], s: &HealthSettings) -> Vec<Decile> {
    let mut v = rows.to_vec();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let n = v.len();
    let mut out: Vec<(Decile, f64)> = Vec::new();
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j < n && v[j].0 == v[i].0 {
            j += 1;
        }
        let d = (i * 10 / n) as u32 + 1;
        let churned = v[i..j].iter().filter(|r| r.1).count() as u64;
        let sum: f64 = v[i..j].iter().map(|r| r.0).sum();
        match out.last_mut() {
            Some((last, total)) if last.decile == d => {
                last.score_to = v[i].0;
                last.rows += (j - i) as u64;
                last.churned += churned;
                *total += sum;
            }
            _ => out.push((
                Decile {
                    decile: d,
                    score_from: v[i].0,
                    score_to: v[i].0,
                    rows: (j - i) as u64,
                    churned,
                    churn_rate: 0.0,
                    band: "",
                },
                sum,
            )),
        }
        i = j;
    }
    out.into_iter()
        .map(|(mut d, total)| {
            d.churn_rate = d.churned as f64 / d.rows as f64;
            d.band = band(total / d.rows as f64, s);
            d
        })
        .collect()
}

/// The decile a score falls in: the first whose range reaches it (a score between two deciles'
/// ranges belongs to the higher one), else the last.
pub fn decile_of(deciles: &[Decile], score: f64) -> Option<&Decile> {
    deciles.iter().find(|d| score <= d.score_to).or(deciles.last())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Twenty rows with scores 0, 5, .., 95; rows below 25 churned. Ranks 0-1 are decile 1
    /// (scores 0, 5: both churned, rate 1, mean 2.5 red), ranks 4-5 decile 3 (20 churned, 25 not:
    /// 0.5), ranks 18-19 decile 10 (90, 95: green). A tie of three 50s at ranks 0-2 of a
    /// five-row list stays in decile 1 with them all.
    #[test]
    fn deciles_by_rank() {
        let rows: Vec<(f64, bool)> = (0..20).map(|k| (k as f64 * 5.0, k < 5)).collect();
        let d = deciles(&rows, &HealthSettings::default());
        assert_eq!(d.len(), 10);
        assert_eq!(
            (d[0].score_from, d[0].score_to, d[0].churn_rate, d[0].band),
            (0.0, 5.0, 1.0, "red")
        );
        assert_eq!((d[2].score_from, d[2].churned, d[2].churn_rate), (20.0, 1, 0.5));
        assert_eq!((d[9].decile, d[9].score_to, d[9].band), (10, 95.0, "green"));
        assert_eq!(decile_of(&d, 21.0).map(|x| x.decile), Some(3));
        assert_eq!(decile_of(&d, 99.0).map(|x| x.decile), Some(10));
        let tied = deciles(
            &[(50.0, true), (50.0, false), (50.0, false), (60.0, false), (70.0, false)],
            &HealthSettings::default(),
        );
        // Ranks 0-2 (decile 1), rank 3 -> 3*10/5 = 6 -> decile 7, rank 4 -> decile 9.
        assert_eq!(
            tied.iter().map(|x| (x.decile, x.rows)).collect::<Vec<_>>(),
            [(1, 3), (7, 1), (9, 1)]
        );
    }
}
