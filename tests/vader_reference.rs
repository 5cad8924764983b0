//! The VADER port (src-tauri/voice/vader) against the reference implementation, vaderSentiment
//! 3.3.2: tests/fixtures/voice/vader_reference.json holds 418 comments written for this test with
//! the scores Python printed (make_reference.py beside it). Every score must be equal: compound to
//! 4 decimals, neg/neu/pos to 3, as the reference rounds them.

use northstar::voice::vader::polarity_scores;

#[test]
fn every_score_equals_the_reference() {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/voice/vader_reference.json"
    ))
    .expect("read fixture");
    let entries: Vec<serde_json::Value> = serde_json::from_str(&raw).expect("parse fixture");
    assert!(entries.len() >= 200, "fixture too small: {}", entries.len());
    let mut mismatches = Vec::new();
    for e in &entries {
        let text = e["text"].as_str().expect("text");
        let got = polarity_scores(text);
        for (name, g) in
            [("neg", got.neg), ("neu", got.neu), ("pos", got.pos), ("compound", got.compound)]
        {
            let want = e[name].as_f64().expect("number");
            if g != want {
                mismatches.push(format!("{name}: got {g}, reference {want}, for {text:?}"));
            }
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} of {} differ:\n{}",
        mismatches.len(),
        entries.len(),
        mismatches.join("\n")
    );
    // A few worked values, for the reader: the reference's own README examples.
    assert_eq!(polarity_scores("VADER is smart, handsome, and funny.").compound, 0.8316);
    assert_eq!(polarity_scores("VADER is not smart, handsome, nor funny.").compound, -0.7424);
}
