//! Themes: what comments talk about, found without a model or a list of topics.
//!
//! Key phrases are the runs of words between stop words and punctuation (RAKE's candidates, Rose et
//! al. 2010); their words are reduced to Snowball stems, so "price", "pricing" and "prices" are one
//! key. Every key mentioned by enough comments is a candidate. A theme must have at least half of its
//! comments to itself: while a candidate has more than half of its comments shared with other
//! candidates, the most shared one is dropped. Words said about everything ("great", "product") and
//! words that belong to a larger topic ("team" in "support team") go first; what stays are topics.
//! Every step counts comments and breaks ties by the key's text, so the order of the input never
//! changes the themes.

use super::words::{english_stop, words, Word};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{BTreeMap, HashMap};

/// At most this many themes: a longer list is not read.
const MAX_THEMES: usize = 30;
/// A theme needs this share of the comments (and at least `MIN_COMMENTS`).
const MIN_SHARE: f64 = 0.005;
const MIN_COMMENTS: usize = 3;
/// The candidates: the keys mentioned most, at most this many.
const MAX_CANDIDATES: usize = 300;

/// One theme found in the comments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The stem that defines it (`price`): stable from one import to the next, so a rename or a
    /// merge the user stored applies again.
    pub key: String,
    /// Its most typical phrase (`pricing`, `customer support`).
    pub name: String,
    /// The comments that mention it (indices into the input, ascending).
    pub members: Vec<u32>,
}

/// The content words of each comment, by stem id, and the stems' texts.
struct Index {
    stems: Vec<String>,
    /// Per comment: its stems, sorted and unique.
    keys: Vec<Vec<u32>>,
}

fn index(texts: &[Option<&str>]) -> Index {
    let stemmer = Stemmer::create(Algorithm::English);
    let stop = english_stop();
    // Stemming is the costly step: each distinct word is stemmed once.
    let mut vocab: HashMap<String, Option<u32>> = HashMap::new();
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut stems = Vec::new();
    let mut keys = Vec::with_capacity(texts.len());
    for text in texts {
        let mut mine = Vec::new();
        for w in text.map(words).unwrap_or_default() {
            let id = match vocab.get(&w.text) {
                Some(id) => *id,
                None => {
                    let id = content_stem(&stemmer, stop, &w.text).map(|s| {
                        let next = stems.len() as u32;
                        *ids.entry(s.clone()).or_insert_with(|| {
                            stems.push(s);
                            next
                        })
                    });
                    vocab.insert(w.text, id);
                    id
                }
            };
            mine.extend(id);
        }
        mine.sort_unstable();
        mine.dedup();
        keys.push(mine);
    }
    Index { stems, keys }
}

/// The stem of a word that can name a topic: not a stop word, not a number.
fn content_stem(
    stemmer: &Stemmer,
    stop: &std::collections::HashSet<&str>,
    w: &str,
) -> Option<String> {
    if stop.contains(w) || !w.chars().any(char::is_alphabetic) {
        return None;
    }
    let s = stemmer.stem(w).into_owned();
    (s.chars().count() >= 2).then_some(s)
}

/// The themes of `texts` (None: a comment that takes no part, such as one in another language).
pub fn discover(texts: &[Option<&str>]) -> Vec<Found> {
    let ix = index(texts);
    let n = texts.iter().filter(|t| t.is_some()).count();
    let min = MIN_COMMENTS.max((n as f64 * MIN_SHARE).ceil() as usize);
    let mut postings: Vec<Vec<u32>> = vec![Vec::new(); ix.stems.len()];
    for (c, ks) in ix.keys.iter().enumerate() {
        for k in ks {
            postings[*k as usize].push(c as u32);
        }
    }
    let mut candidates: Vec<u32> =
        (0..ix.stems.len() as u32).filter(|k| postings[*k as usize].len() >= min).collect();
    candidates.sort_by(|a, b| {
        let (pa, pb) = (&postings[*a as usize], &postings[*b as usize]);
        pb.len().cmp(&pa.len()).then_with(|| ix.stems[*a as usize].cmp(&ix.stems[*b as usize]))
    });
    candidates.truncate(MAX_CANDIDATES);
    let mut chosen = prune(&candidates, &postings, &ix.keys, &ix.stems);
    chosen.truncate(MAX_THEMES);
    let stemmer = Stemmer::create(Algorithm::English);
    let mut found: Vec<Found> = chosen
        .into_iter()
        .map(|k| {
            let members = postings[k as usize].clone();
            let key = ix.stems[k as usize].clone();
            let name = name(&key, &members, texts, &stemmer);
            Found { key, name, members }
        })
        .collect();
    found.sort_by(|a, b| b.members.len().cmp(&a.members.len()).then_with(|| a.key.cmp(&b.key)));
    found
}

/// Drops, one at a time, the candidate with the largest share of comments that also mention
/// another remaining candidate, until every remaining one has at least half of its comments to
/// itself. Ties: the smaller candidate first, then the key's text. Returns the rest in the order of
/// `candidates`.
fn prune(
    candidates: &[u32],
    postings: &[Vec<u32>],
    keys: &[Vec<u32>],
    stems: &[String],
) -> Vec<u32> {
    let mut alive = vec![false; stems.len()];
    for k in candidates {
        alive[*k as usize] = true;
    }
    // Per comment, how many remaining candidates it mentions; per candidate, how many of its
    // comments mention another (kept up to date as candidates are dropped).
    let mut count = vec![0u32; keys.len()];
    for k in candidates {
        for c in &postings[*k as usize] {
            count[*c as usize] += 1;
        }
    }
    let mut shared = vec![0usize; stems.len()];
    for k in candidates {
        shared[*k as usize] =
            postings[*k as usize].iter().filter(|c| count[**c as usize] > 1).count();
    }
    loop {
        // The worst: largest shared / len (compared as cross products, exactly).
        let mut worst: Option<u32> = None;
        for &k in candidates.iter().filter(|k| alive[**k as usize]) {
            let (s, l) = (shared[k as usize], postings[k as usize].len());
            if 2 * s <= l {
                continue;
            }
            let worse = match worst {
                None => true,
                Some(w) => {
                    let (ws, wl) = (shared[w as usize], postings[w as usize].len());
                    (s * wl, wl, &stems[w as usize]) > (ws * l, l, &stems[k as usize])
                }
            };
            if worse {
                worst = Some(k);
            }
        }
        let Some(w) = worst else { break };
        alive[w as usize] = false;
        for c in &postings[w as usize] {
            let c = *c as usize;
            count[c] -= 1;
            if count[c] == 1 {
                // The one candidate left in this comment now has it to itself.
                if let Some(t) = keys[c].iter().find(|t| alive[**t as usize]) {
                    shared[*t as usize] -= 1;
                }
            }
        }
    }
    candidates.iter().copied().filter(|k| alive[*k as usize]).collect()
}

/// The most typical phrase of a theme: its key's most frequent word, lengthened step by step to
/// the most frequent phrase of up to four words around it (not starting or ending with a stop word,
/// not across punctuation) while that phrase is in more than half of the theme's comments
/// ("customer support" rather than "support", "add a user" rather than "add", when most say so).
fn name(key: &str, members: &[u32], texts: &[Option<&str>], stemmer: &Stemmer) -> String {
    let stop = english_stop();
    // Phrases holding the key, counted once per comment; and how each was written.
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    let mut written: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for c in members {
        let Some(text) = texts[*c as usize] else { continue };
        let mut seen = std::collections::BTreeSet::new();
        for clause in clauses(&words(text)) {
            for (i, w) in clause.iter().enumerate() {
                if content_stem(stemmer, stop, &w.text).as_deref() != Some(key) {
                    continue;
                }
                for len in 1..=4usize {
                    for start in i.saturating_sub(len - 1)..=i {
                        let Some(span) = clause.get(start..start + len) else { continue };
                        let ends = [&span[0], &span[len - 1]];
                        if ends.iter().any(|w| stop.contains(w.text.as_str())) {
                            continue;
                        }
                        let phrase: Vec<&str> = span.iter().map(|w| w.text.as_str()).collect();
                        let as_written: Vec<&str> =
                            span.iter().map(|w| w.original.as_str()).collect();
                        seen.insert((phrase.join(" "), as_written.join(" ")));
                    }
                }
            }
        }
        let mut phrases = std::collections::BTreeSet::new();
        for (p, w) in seen {
            *written.entry(p.clone()).or_default().entry(w).or_default() += 1;
            phrases.insert(p);
        }
        for p in phrases {
            *counts.entry(p).or_default() += 1;
        }
    }
    let best = |len: usize, inside: &str| {
        let inside = format!(" {inside} ");
        counts
            .iter()
            .filter(|(p, _)| {
                p.split(' ').count() == len
                    && (inside == "  " || format!(" {p} ").contains(&inside))
            })
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(p, n)| (p.clone(), *n))
    };
    let Some((mut name, _)) = best(1, "") else { return key.to_string() };
    let mut len = name.split(' ').count() + 1;
    while len <= 4 {
        match best(len, &name) {
            Some((p, n)) if 2 * n > members.len() => name = p,
            // A stop word inside ("add a user") makes the next length the one to look at.
            _ if len < 4 && best(len + 1, &name).is_some_and(|(_, n)| 2 * n > members.len()) => {}
            _ => break,
        }
        len += 1;
    }
    // The casing written most (ties: the first in order, capitals first), first letter capital.
    let shown = written
        .get(&name)
        .and_then(|w| w.iter().max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0))))
        .map(|(w, _)| w.clone())
        .unwrap_or(name);
    let mut chars = shown.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => shown,
    }
}

/// The stretches of a comment between punctuation: a phrase never spans a comma or a full stop.
fn clauses(ws: &[Word]) -> Vec<&[Word]> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, w) in ws.iter().enumerate() {
        if w.after_break && start < i {
            out.push(&ws[start..i]);
            start = i;
        }
    }
    if start < ws.len() {
        out.push(&ws[start..]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn themes(texts: &[&str]) -> Vec<(String, String, Vec<u32>)> {
        let opts: Vec<Option<&str>> = texts.iter().map(|t| Some(*t)).collect();
        discover(&opts).into_iter().map(|f| (f.key, f.name, f.members)).collect()
    }

    #[test]
    fn stems_merge_word_forms_and_generic_words_are_no_theme() {
        // Worked by hand: "price" (pricing/prices/price) is in comments 0-3, "support" in 4-7;
        // "great" is in 0, 4, 5 and 8 and "team" only with support.
        let t = themes(&[
            "Great tool but pricing is steep",
            "The prices went up again",
            "Price too high for small teams",
            "pricing, pricing, pricing",
            "Great support team",
            "Great support, quick answers",
            "support team slow to answer",
            "Support was helpful",
            "Great!",
        ]);
        assert_eq!(
            t,
            vec![
                ("price".into(), "Pricing".into(), vec![0, 1, 2, 3]),
                ("support".into(), "Support".into(), vec![4, 5, 6, 7]),
            ]
        );
    }

    #[test]
    fn a_phrase_most_comments_share_names_the_theme() {
        let t = themes(&[
            "customer support is slow",
            "Customer support never answers",
            "customer support, again",
            "support ticket open for weeks",
        ]);
        assert_eq!(t[0].1, "Customer support");
        assert_eq!(t[0].2, vec![0, 1, 2, 3]);
    }

    #[test]
    fn a_name_keeps_the_stop_words_inside_a_phrase() {
        // "add a user" is in 3 of the 4 comments; "add" alone would say little.
        let t = themes(&[
            "How do I add a user?",
            "Cannot add a user to our team",
            "add a user, please",
            "Please add SSO",
        ]);
        assert_eq!((t[0].0.as_str(), t[0].1.as_str()), ("add", "Add a user"));
    }

    #[test]
    fn phrases_stop_at_punctuation() {
        let ws = words("The new reporting dashboard, and exports");
        let c: Vec<Vec<&str>> =
            clauses(&ws).iter().map(|r| r.iter().map(|w| w.text.as_str()).collect()).collect();
        assert_eq!(c, vec![vec!["the", "new", "reporting", "dashboard"], vec!["and", "exports"]]);
    }
}
