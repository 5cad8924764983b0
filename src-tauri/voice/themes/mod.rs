//! Themes: what comments talk about, found without a model or a list of topics.
//!
//! Key phrases are the runs of words between stop words and punctuation (RAKE's candidates, Rose et
//! al. 2010); their words are reduced to Snowball stems, so "price", "pricing" and "prices" are one
//! key. Every key mentioned by enough comments is a candidate. Topics are chosen among the keys that
//! are not judgements (index.rs: "great", "wrong", "slow" in "is slow"): while a candidate shares
//! more than two thirds of its comments with other candidates, one is dropped: the most shared first
//! ("overall", said with every topic), then the one most contained in another ("team" in "support
//! team", "show" in "invoice shows…"). Then a dropped key whose comments mostly belong to no theme
//! becomes one; a judgement never does ("Great!" says how, not what about). Every step counts
//! comments and breaks ties by the key's text, so the order of the input never changes the themes.

mod index;
mod prune;

use super::words::{english_stop, words, Word};
use index::{content_stem, index};
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::BTreeMap;

/// At most this many themes: a longer list is not read.
const MAX_THEMES: usize = 30;
/// A theme needs this share of the comments (and at least `MIN_COMMENTS`).
const MIN_SHARE: f64 = 0.005;
const MIN_COMMENTS: usize = 3;
/// The candidates: the keys mentioned most, at most this many.
const MAX_CANDIDATES: usize = 300;
/// A candidate sharing more than this share of its comments with other candidates is no theme.
const SHARED: (usize, usize) = (2, 3);

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

/// The themes of `texts` (None: a comment that takes no part, such as one in another language).
pub fn discover(texts: &[Option<&str>]) -> Vec<Found> {
    let stemmer = Stemmer::create(Algorithm::English);
    let ix = index(texts, &stemmer);
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
    let topics: Vec<u32> =
        candidates.iter().copied().filter(|k| !ix.verdict[*k as usize]).collect();
    let kept = prune::prune(&topics, &postings, &ix.keys, &ix.stems, SHARED);
    // Second chances, most mentioned first: a dropped topic key whose comments mostly belong to no
    // theme yet. A judgement never names a theme: "Great!" says how, not what about.
    let mut covered = vec![false; texts.len()];
    let mut chosen = Vec::new();
    for &k in &candidates {
        if kept.contains(&k) {
            chosen.push(k);
            for c in &postings[k as usize] {
                covered[*c as usize] = true;
            }
        }
    }
    for k in topics.iter().filter(|k| !kept.contains(k)) {
        let p = &postings[*k as usize];
        if 2 * p.iter().filter(|c| !covered[**c as usize]).count() > p.len() {
            chosen.push(*k);
            for c in p {
                covered[*c as usize] = true;
            }
        }
    }
    chosen.truncate(MAX_THEMES);
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

/// The most typical phrase of a theme: its key's most frequent word, lengthened step by step to
/// the most frequent phrase of up to four words around it (not starting or ending with a stop word,
/// not across punctuation, no sentiment word or linking verb: a topic, not a verdict) while two
/// thirds of the theme's comments say it
/// ("Customer support" rather than "Support", "Add a user" rather than "Add").
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
    // A longer name must be said by two thirds of the comments, and add no sentiment word: a
    // theme names a topic, not a verdict ("Support", not "Support is slow").
    let said = |n: usize| 3 * n >= 2 * members.len();
    let verdict = |p: &str, name: &str| {
        p.split(' ').any(|w| {
            !name.split(' ').any(|x| x == w)
                && (super::vader::in_lexicon(w) || index::COPULAS.contains(&w))
        })
    };
    let mut len = name.split(' ').count() + 1;
    while len <= 4 {
        let next = best(len, &name).filter(|(p, _)| !verdict(p, &name));
        match next {
            Some((p, n)) if said(n) => name = p,
            // A stop word inside ("add a user") makes the next length the one to look at.
            _ if len < 4
                && best(len + 1, &name).is_some_and(|(p, n)| said(n) && !verdict(&p, &name)) => {}
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
