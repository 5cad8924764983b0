//! The keys of each comment (word stems), and what kind of word each key is.

use super::super::vader;
use super::super::words::{english_stop, words};
use rust_stemmers::Stemmer;
use std::collections::{HashMap, HashSet};

/// A strong sentiment word (|valence| of at least this in VADER's lexicon) is its own key: Snowball
/// stems "excellent" to "excel" and "useful" to "use", which would put praise in the Excel and usage
/// topics.
const STRONG: f64 = 1.5;
/// A word this charged ("great", "love", "wrong", "broken") is a judgement wherever it stands; below
/// it are nouns as much as verdicts ("support" 1.7, "problem" -1.7, "help" 1.7).
const JUDGEMENT: f64 = 2.0;

/// Linking verbs: the words after one in a clause say something about its subject ("Dashboard is
/// slow"), they are not what the comment is about.
pub const COPULAS: [&str; 18] = [
    "is", "are", "was", "were", "be", "been", "being", "isn't", "aren't", "wasn't", "weren't",
    "seems", "seem", "looks", "look", "feels", "feel", "became",
];

/// The content words of each comment, by key id, and the keys' texts.
pub struct Index {
    pub stems: Vec<String>,
    /// Per comment: its keys, sorted and unique.
    pub keys: Vec<Vec<u32>>,
    /// Per key: a judgement rather than a topic: a strongly charged word of VADER's lexicon
    /// ("great", "wrong"), or one said after a linking verb in half its uses or more ("slow" in
    /// "is slow").
    pub verdict: Vec<bool>,
}

/// The key of a word that can name a topic (not a stop word, not a number): its Snowball stem, or
/// the word itself for a strong sentiment word.
pub fn content_stem(stemmer: &Stemmer, stop: &HashSet<&str>, w: &str) -> Option<String> {
    if stop.contains(w) || !w.chars().any(char::is_alphabetic) {
        return None;
    }
    if vader::valence(w).is_some_and(|v| v.abs() >= STRONG) {
        return Some(w.to_string());
    }
    let s = stemmer.stem(w).into_owned();
    (s.chars().count() >= 2).then_some(s)
}

pub fn index(texts: &[Option<&str>], stemmer: &Stemmer) -> Index {
    let stop = english_stop();
    // Stemming is the costly step: each distinct word is stemmed once.
    let mut vocab: HashMap<String, Option<u32>> = HashMap::new();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut stems = Vec::new();
    // Per key: uses, uses after a linking verb.
    let mut uses: Vec<(u32, u32)> = Vec::new();
    let mut keys = Vec::with_capacity(texts.len());
    for text in texts {
        let mut mine = Vec::new();
        let mut predicate = false;
        for w in text.map(words).unwrap_or_default() {
            if w.after_break {
                predicate = false;
            }
            if COPULAS.contains(&w.text.as_str()) {
                predicate = true;
                continue;
            }
            let id = match vocab.get(&w.text) {
                Some(id) => *id,
                None => {
                    let id = content_stem(stemmer, stop, &w.text).map(|s| {
                        let next = stems.len() as u32;
                        *ids.entry(s.clone()).or_insert_with(|| {
                            stems.push(s);
                            uses.push((0, 0));
                            next
                        })
                    });
                    vocab.insert(w.text, id);
                    id
                }
            };
            if let Some(id) = id {
                let u = &mut uses[id as usize];
                u.0 += 1;
                u.1 += u32::from(predicate);
                mine.push(id);
            }
        }
        mine.sort_unstable();
        mine.dedup();
        keys.push(mine);
    }
    let verdict = stems
        .iter()
        .zip(&uses)
        .map(|(s, (n, after))| {
            vader::valence(s).is_some_and(|v| v.abs() >= JUDGEMENT) || 2 * after >= *n
        })
        .collect();
    Index { stems, keys, verdict }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_stemmers::Algorithm;

    #[test]
    fn judgements_are_told_from_topics() {
        let stemmer = Stemmer::create(Algorithm::English);
        let texts = [
            "Dashboard is slow",
            "The dashboard is very slow",
            "Great support",
            "Excellent onboarding",
        ];
        let opts: Vec<Option<&str>> = texts.iter().map(|t| Some(*t)).collect();
        let ix = index(&opts, &stemmer);
        let verdict = |k: &str| ix.stems.iter().position(|s| s == k).map(|i| ix.verdict[i]);
        assert_eq!(verdict("dashboard"), Some(false));
        assert_eq!(verdict("onboard"), Some(false));
        // After "is" in both its uses; charged words of the lexicon (great 3.1, excellent 2.7).
        assert_eq!(verdict("slow"), Some(true));
        assert_eq!(verdict("great"), Some(true));
        // A topic, though in the lexicon (1.7).
        assert_eq!(verdict("support"), Some(false));
        // Kept whole: not "excel".
        assert_eq!(verdict("excellent"), Some(true));
        assert_eq!(verdict("excel"), None);
    }
}
