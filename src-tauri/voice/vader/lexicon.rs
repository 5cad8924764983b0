//! Word lists and the two embedded lexicons of vaderSentiment 3.3.2.

use std::collections::HashMap as StdHashMap;
use std::sync::OnceLock;

use super::pystr;

/// Lexicon maps use foldhash: several lookups per word dominate scoring time.
type HashMap<K, V> = StdHashMap<K, V, foldhash::fast::FixedState>;

/// Empirically derived mean intensity increase for booster words.
pub(super) const B_INCR: f64 = 0.293;
pub(super) const B_DECR: f64 = -0.293;
/// Empirically derived mean intensity increase for an ALL-CAPS word.
pub(super) const C_INCR: f64 = 0.733;
/// Scalar applied to a negated valence.
pub(super) const N_SCALAR: f64 = -0.74;

/// `NEGATE`: words that negate a following lexicon word.
pub(super) fn is_negate_word(w: &str) -> bool {
    matches!(
        w,
        "aint"
            | "arent"
            | "cannot"
            | "cant"
            | "couldnt"
            | "darent"
            | "didnt"
            | "doesnt"
            | "ain't"
            | "aren't"
            | "can't"
            | "couldn't"
            | "daren't"
            | "didn't"
            | "doesn't"
            | "dont"
            | "hadnt"
            | "hasnt"
            | "havent"
            | "isnt"
            | "mightnt"
            | "mustnt"
            | "neither"
            | "don't"
            | "hadn't"
            | "hasn't"
            | "haven't"
            | "isn't"
            | "mightn't"
            | "mustn't"
            | "neednt"
            | "needn't"
            | "never"
            | "none"
            | "nope"
            | "nor"
            | "not"
            | "nothing"
            | "nowhere"
            | "oughtnt"
            | "shant"
            | "shouldnt"
            | "uhuh"
            | "wasnt"
            | "werent"
            | "oughtn't"
            | "shan't"
            | "shouldn't"
            | "uh-uh"
            | "wasn't"
            | "weren't"
            | "without"
            | "wont"
            | "wouldnt"
            | "won't"
            | "wouldn't"
            | "rarely"
            | "seldom"
            | "despite"
    )
}

/// `negated([w])` for one lower-case word: a NEGATE word or anything with "n't".
pub(super) fn negated(w: &str) -> bool {
    is_negate_word(w) || w.contains("n't")
}

/// `BOOSTER_DICT`: booster (B_INCR) and dampener (B_DECR) words. Keys with a
/// space are only reachable through the n-gram check of the idiom rule.
pub(super) const BOOSTERS: &[(&str, f64)] = &[
    ("absolutely", B_INCR),
    ("amazingly", B_INCR),
    ("awfully", B_INCR),
    ("completely", B_INCR),
    ("considerable", B_INCR),
    ("considerably", B_INCR),
    ("decidedly", B_INCR),
    ("deeply", B_INCR),
    ("effing", B_INCR),
    ("enormous", B_INCR),
    ("enormously", B_INCR),
    ("entirely", B_INCR),
    ("especially", B_INCR),
    ("exceptional", B_INCR),
    ("exceptionally", B_INCR),
    ("extreme", B_INCR),
    ("extremely", B_INCR),
    ("fabulously", B_INCR),
    ("flipping", B_INCR),
    ("flippin", B_INCR),
    ("frackin", B_INCR),
    ("fracking", B_INCR),
    ("fricking", B_INCR),
    ("frickin", B_INCR),
    ("frigging", B_INCR),
    ("friggin", B_INCR),
    ("fully", B_INCR),
    ("fuckin", B_INCR),
    ("fucking", B_INCR),
    ("fuggin", B_INCR),
    ("fugging", B_INCR),
    ("greatly", B_INCR),
    ("hella", B_INCR),
    ("highly", B_INCR),
    ("hugely", B_INCR),
    ("incredible", B_INCR),
    ("incredibly", B_INCR),
    ("intensely", B_INCR),
    ("major", B_INCR),
    ("majorly", B_INCR),
    ("more", B_INCR),
    ("most", B_INCR),
    ("particularly", B_INCR),
    ("purely", B_INCR),
    ("quite", B_INCR),
    ("really", B_INCR),
    ("remarkably", B_INCR),
    ("so", B_INCR),
    ("substantially", B_INCR),
    ("thoroughly", B_INCR),
    ("total", B_INCR),
    ("totally", B_INCR),
    ("tremendous", B_INCR),
    ("tremendously", B_INCR),
    ("uber", B_INCR),
    ("unbelievably", B_INCR),
    ("unusually", B_INCR),
    ("utter", B_INCR),
    ("utterly", B_INCR),
    ("very", B_INCR),
    ("almost", B_DECR),
    ("barely", B_DECR),
    ("hardly", B_DECR),
    ("just enough", B_DECR),
    ("kind of", B_DECR),
    ("kinda", B_DECR),
    ("kindof", B_DECR),
    ("kind-of", B_DECR),
    ("less", B_DECR),
    ("little", B_DECR),
    ("marginal", B_DECR),
    ("marginally", B_DECR),
    ("occasional", B_DECR),
    ("occasionally", B_DECR),
    ("partly", B_DECR),
    ("scarce", B_DECR),
    ("scarcely", B_DECR),
    ("slight", B_DECR),
    ("slightly", B_DECR),
    ("somewhat", B_DECR),
    ("sort of", B_DECR),
    ("sorta", B_DECR),
    ("sortof", B_DECR),
    ("sort-of", B_DECR),
];

/// `SPECIAL_CASES`: idioms and phrases containing lexicon words; the phrase
/// replaces the valence.
pub(super) const SPECIAL_CASES: &[(&str, f64)] = &[
    ("the shit", 3.0),
    ("the bomb", 3.0),
    ("bad ass", 1.5),
    ("badass", 1.5),
    ("bus stop", 0.0),
    ("yeah right", -2.0),
    ("kiss of death", -1.5),
    ("to die for", 3.0),
    ("beating heart", 3.5),
];

/// Whether the space-joined `words` equal `key`. Tokens are never empty and
/// never contain a space, so this is the same as Python's
/// `" ".join(words) == key` without building the string.
pub(super) fn phrase_eq(words: &[&str], key: &str) -> bool {
    let mut parts = key.split(' ');
    words.iter().all(|w| parts.next() == Some(w)) && parts.next().is_none()
}

/// Look a space-joined word sequence up in a phrase table.
pub(super) fn lookup_phrase(table: &[(&str, f64)], words: &[&str]) -> Option<f64> {
    table.iter().find(|(k, _)| phrase_eq(words, k)).map(|&(_, v)| v)
}

pub(super) struct Lexicons {
    pub(super) words: HashMap<&'static str, f64>,
    pub(super) boosters: HashMap<&'static str, f64>,
    /// Single-code-point keys only: Python tests one character at a time, so a
    /// multi-code-point key can never match.
    pub(super) emojis: HashMap<char, &'static str>,
    /// Whether any emoji key is ASCII (lets pure-ASCII text skip the scan).
    pub(super) emoji_ascii: bool,
}

const VADER_LEXICON: &str = include_str!("vader_lexicon.txt");
const EMOJI_LEXICON: &str = include_str!("emoji_utf8_lexicon.txt");

/// `make_lex_dict`: tab-separated `word  measure ...`; duplicates keep the
/// last entry, as a dict assignment does. A malformed line is skipped (the
/// embedded file has none; Python would raise).
fn parse_lexicon(text: &'static str) -> HashMap<&'static str, f64> {
    let mut map = HashMap::with_capacity_and_hasher(8192, Default::default());
    for line in text.trim_end_matches('\n').split('\n') {
        if line.is_empty() {
            continue;
        }
        let mut fields = pystr::strip(line).split('\t');
        if let (Some(word), Some(Ok(measure))) =
            (fields.next(), fields.next().map(|m| pystr::strip(m).parse::<f64>()))
        {
            map.insert(word, measure);
        }
    }
    map
}

/// `make_emoji_dict`: tab-separated `emoji  description`.
fn parse_emojis(text: &'static str) -> HashMap<char, &'static str> {
    let mut map = HashMap::with_capacity_and_hasher(2048, Default::default());
    for line in text.trim_end_matches('\n').split('\n') {
        let mut fields = pystr::strip(line).split('\t');
        if let (Some(key), Some(desc)) = (fields.next(), fields.next()) {
            let mut chars = key.chars();
            if let (Some(c), None) = (chars.next(), chars.next()) {
                map.insert(c, desc);
            }
        }
    }
    map
}

pub(super) fn get() -> &'static Lexicons {
    static LEX: OnceLock<Lexicons> = OnceLock::new();
    LEX.get_or_init(|| {
        let emojis = parse_emojis(EMOJI_LEXICON);
        let emoji_ascii = emojis.keys().any(char::is_ascii);
        Lexicons {
            words: parse_lexicon(VADER_LEXICON),
            boosters: BOOSTERS.iter().copied().collect(),
            emojis,
            emoji_ascii,
        }
    })
}
