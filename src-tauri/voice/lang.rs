//! Which comments are scored: English ones, told apart from other languages by their words.
//!
//! Language detectors built on letter statistics guess wildly on the few words of a survey comment
//! ("Great support" reads as Danish to them), so the test counts evidence instead: English stop
//! words and English sentiment words (VADER's lexicon) for English; NLTK's stop words of fifteen
//! other languages for those; a word with a letter English does not use (é, ü, ß, ñ…) against
//! English. A word on both sides ("die", "war", "in") backs a side that has a word of its own. A
//! comment is English when the English evidence outweighs every other language's and the accented
//! words; not English when two or more words of another language at least match it, or accented
//! words do; with little evidence either way, three or more words are read as English and one or
//! two are "too short to judge". Non-answers ("n/a", "Nothing to add") are never scored.

use super::vader;
use super::words::{english_stop, Word};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The languages the test recognises besides English, with NLTK's codes.
const OTHERS: [(&str, &str); 15] = [
    ("da", "Danish"),
    ("de", "German"),
    ("es", "Spanish"),
    ("fi", "Finnish"),
    ("fr", "French"),
    ("hu", "Hungarian"),
    ("id", "Indonesian"),
    ("it", "Italian"),
    ("nl", "Dutch"),
    ("no", "Norwegian"),
    ("pt", "Portuguese"),
    ("ro", "Romanian"),
    ("sl", "Slovenian"),
    ("sv", "Swedish"),
    ("tr", "Turkish"),
];

/// What the app says about the languages it scores.
pub const SCORED_LANGUAGES: &str = "English (VADER); comments in other languages are not scored";

/// Whether a comment is no answer at all: "n/a", "-", "None", "Nothing to add", "Not applicable",
/// "No comment", a bare "No".
fn is_non_answer(text: &str) -> bool {
    let t: String = text
        .trim()
        .trim_end_matches(['.', '!', '?'])
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    const EXACT: [&str; 14] = [
        "n/a",
        "na",
        "n.a",
        "none",
        "nothing",
        "nope",
        "no",
        "nil",
        "-",
        "--",
        ".",
        "not applicable",
        "no comment",
        "no comments",
    ];
    const STARTS: [&str; 5] =
        ["nothing to ", "nothing else", "nothing more", "no further", "no feedback"];
    EXACT.contains(&t.as_str())
        || (t.split(' ').count() <= 5 && STARTS.iter().any(|s| t.starts_with(s)))
}

/// Why a comment is not scored; None for an English comment.
pub fn not_scored(text: &str, words: &[Word]) -> Option<String> {
    if is_non_answer(text) {
        return Some("not an answer".into());
    }
    if words.iter().all(|w| !w.text.chars().any(char::is_alphabetic)) {
        return Some("no words".into());
    }
    let letters = text.chars().filter(|c| c.is_alphabetic());
    let (mut latin, mut all) = (0usize, 0usize);
    for c in letters {
        all += 1;
        if is_latin(c) {
            latin += 1;
        }
    }
    if 2 * latin < all {
        return Some("not English".into());
    }
    let others = other_stops();
    let en_stop = english_stop();
    let (mut english, mut shared_en, mut accented) = (0usize, 0usize, 0usize);
    let mut by_lang = [0usize; OTHERS.len()];
    let mut shared = [0usize; OTHERS.len()];
    for w in words {
        let t = w.text.as_str();
        let en = en_stop.contains(t) || vader::in_lexicon(t);
        let foreign = others.get(t).copied().unwrap_or(0);
        let add = |counts: &mut [usize; OTHERS.len()]| {
            for (i, n) in counts.iter_mut().enumerate() {
                if foreign & (1 << i) != 0 {
                    *n += 1;
                }
            }
        };
        match (en, foreign == 0) {
            (true, true) => english += 1,
            (false, false) => add(&mut by_lang),
            (true, false) => {
                shared_en += 1;
                add(&mut shared);
            }
            (false, true) => {
                if !t.is_ascii() && t.chars().any(char::is_alphabetic) {
                    accented += 1;
                }
            }
        }
    }
    // A word of both sides ("in", "war", "die") backs a side that has a word of its own.
    let en_total = english + if english > 0 { shared_en } else { 0 };
    let totals: Vec<usize> = (0..OTHERS.len())
        .map(|i| by_lang[i] + if by_lang[i] > 0 { shared[i] } else { 0 })
        .collect();
    let top = totals.iter().copied().max().unwrap_or(0);
    let leaders: Vec<usize> = (0..OTHERS.len()).filter(|i| totals[*i] == top).collect();
    if en_total > 0 && en_total > top && en_total > accented {
        return None;
    }
    // Two or more words of another language at least match the English ones: not English, named
    // when one language alone leads ("der" is Danish and German).
    if top >= 2 && top >= en_total {
        if leaders.len() == 1 && top > en_total {
            return Some(format!("not English ({})", OTHERS[leaders[0]].1));
        }
        return Some("not English".into());
    }
    if accented > 0 && accented >= en_total {
        return Some("not English".into());
    }
    // Little evidence either way (one word of another language's list, "per", "min", "come", is
    // an English word too): three or more words are read as English, the telegraphic English of
    // a ticket subject ("API rate limit reached") being the common case; VADER gives a line with no
    // sentiment word 0. One or two words are not judged.
    let n = words.iter().filter(|w| w.text.chars().any(char::is_alphabetic)).count();
    if n >= 3 {
        return None;
    }
    Some("too short to judge".into())
}

fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{00C0}'..='\u{024F}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Every other language's stop word, with the languages (bits, in the order of OTHERS) it is one of.
fn other_stops() -> &'static HashMap<&'static str, u16> {
    static MAP: OnceLock<HashMap<&'static str, u16>> = OnceLock::new();
    MAP.get_or_init(|| {
        let mut map: HashMap<&'static str, u16> = HashMap::new();
        for (i, (code, _)) in OTHERS.iter().enumerate() {
            for w in stop_words::get(code) {
                *map.entry(w).or_default() |= 1 << i;
            }
        }
        map
    })
}

#[cfg(test)]
mod tests {
    use super::super::words::words;
    use super::*;

    fn judge(t: &str) -> Option<String> {
        not_scored(t, &words(t))
    }

    #[test]
    fn english_comments_are_scored_short_and_foreign_ones_are_not() {
        for t in [
            "Great support",
            "Support was slow",
            "Works well",
            "Great",
            "The mobile app crashes a lot",
            "billing issues again",
            "Café in the office was great",
            "Not happy with the new pricing",
            "Onboarding took forever",
            "HubSpot integration stopped syncing",
            "Price per seat is steep",
            "Takes 10 min to load",
            "Come on, fix the export",
            "Line one is fine. Line two is great",
        ] {
            assert_eq!(judge(t), None, "{t}");
        }
        for (t, why) in [
            ("Der Support war langsam", "not English"),
            ("Der Support ist sehr langsam und die Oberfläche verwirrend", "not English (German)"),
            ("Le support est lent", "not English (French)"),
            ("El precio es muy alto", "not English (Spanish)"),
            ("Muito bom, mas o preço é alto", "not English (Portuguese)"),
            ("De klantenservice is niet goed en ook erg traag", "not English (Dutch)"),
            ("Très bien", "not English"),
            ("サポートが遅い", "not English"),
            ("Onboarding", "too short to judge"),
            ("Prima product", "too short to judge"),
            ("Onboarding rapide", "too short to judge"),
            ("Vielleicht später größer", "not English"),
            ("N/A", "not an answer"),
            ("Nothing to add.", "not an answer"),
            ("Nothing else to add", "not an answer"),
            ("Not applicable", "not an answer"),
            ("No", "not an answer"),
            ("-", "not an answer"),
            ("???", "no words"),
        ] {
            assert_eq!(judge(t).as_deref(), Some(why), "{t}");
        }
    }
}
