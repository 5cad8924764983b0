//! Which comments are scored: English ones, told apart from other languages by their words.
//!
//! Language detectors built on letter statistics guess wildly on the few words of a survey comment
//! ("Great support" reads as Danish to them), so the test counts evidence instead: English stop
//! words and English sentiment words (VADER's lexicon) for English; NLTK's stop words of fifteen
//! other languages for those; a word with a letter English does not use (é, ü, ß, ñ…) against
//! English. A word on both sides ("die", "war", "in") counts for neither. A comment is English when
//! the English evidence outweighs every other language's and the accented words. A comment with no
//! evidence either way is read as English when it has three or more words, else it is "too short to
//! judge".

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

/// Answers that are no comment at all ("n/a", "-", "none").
const NON_ANSWERS: [&str; 10] =
    ["n/a", "na", "none", "nothing", "no comment", "no comments", "nil", "-", ".", "nope"];

/// Why a comment is not scored; None for an English comment.
pub fn not_scored(text: &str, words: &[Word]) -> Option<String> {
    let trimmed = text.trim().to_lowercase();
    if NON_ANSWERS.contains(&trimmed.trim_end_matches(['.', '!'])) {
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
    let (mut english, mut accented) = (0usize, 0usize);
    let mut by_lang = [0usize; OTHERS.len()];
    for w in words {
        let t = w.text.as_str();
        let en = en_stop.contains(t) || vader::in_lexicon(t);
        let foreign = others.get(t).copied().unwrap_or(0);
        match (en, foreign == 0) {
            (true, true) => english += 1,
            (false, false) => {
                for (i, n) in by_lang.iter_mut().enumerate() {
                    if foreign & (1 << i) != 0 {
                        *n += 1;
                    }
                }
            }
            (true, false) => {}
            (false, true) => {
                if !t.is_ascii() && t.chars().any(char::is_alphabetic) {
                    accented += 1;
                }
            }
        }
    }
    let top_n = by_lang.iter().copied().max().unwrap_or(0);
    let leaders: Vec<usize> = (0..OTHERS.len()).filter(|i| by_lang[*i] == top_n).collect();
    if english > 0 && english > top_n && english > accented {
        return None;
    }
    // The language is named only when two or more of its words say it, and no other language's
    // as many ("der" is Danish and German; "prima" is one Romanian word).
    if top_n > 1 && top_n >= accented && leaders.len() == 1 {
        return Some(format!("not English ({})", OTHERS[leaders[0]].1));
    }
    if top_n > 0 || accented > 0 || english > 0 {
        return Some("not English".into());
    }
    // No word of any language we know, and no accented word: a telegraphic English line ("API rate
    // limit reached") is the common case, so three or more words are read as English (VADER finds
    // no sentiment word in them: 0, neutral); one or two are not judged.
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
            ("Prima product", "not English"),
            ("Onboarding rapide", "too short to judge"),
            ("Vielleicht später größer", "not English"),
            ("N/A", "not an answer"),
            ("-", "not an answer"),
            ("???", "no words"),
        ] {
            assert_eq!(judge(t).as_deref(), Some(why), "{t}");
        }
    }
}
