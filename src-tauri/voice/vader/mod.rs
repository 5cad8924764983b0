//! A faithful port of VADER sentiment analysis (vaderSentiment 3.3.2,
//! `SentimentIntensityAnalyzer.polarity_scores`), rule for rule and quirk for
//! quirk, so scores equal the Python reference to the printed digit.
//!
//! VADER is Copyright (c) 2016 C.J. Hutto, MIT licensed: see
//! `LICENSE-VADER.txt` beside this file. The lexicons are embedded unchanged.

mod lexicon;
mod pystr;
mod pyunicode;
mod rules;

use std::borrow::Cow;

use rules::Words;

/// The four VADER scores, rounded like the reference (`round(x, 3)` for
/// neg/neu/pos, `round(compound, 4)`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub neg: f64,
    pub neu: f64,
    pub pos: f64,
    pub compound: f64,
}

/// Whether `word` (lower case) is in the English lexicon (used by the language test).
pub fn in_lexicon(word: &str) -> bool {
    lexicon::get().words.contains_key(word)
}

/// The lexicon's valence of `word` (lower case): themes keep strong sentiment words apart from
/// the topics their stems collide with ("excellent" is not "Excel").
pub fn valence(word: &str) -> Option<f64> {
    lexicon::get().words.get(word).copied()
}

/// `SentimentIntensityAnalyzer().polarity_scores(text)`.
pub fn polarity_scores(text: &str) -> Scores {
    let lx = lexicon::get();
    let replaced = replace_emojis(lx, text);
    let text = pystr::strip(&replaced);

    // SentiText: whitespace split, then punctuation stripped from words.
    let tokens: Vec<&str> = pystr::split(text).map(pystr::strip_punc_if_word).collect();
    let lower: Vec<Cow<str>> = tokens.iter().map(|t| pystr::lower(t)).collect();
    let upper: Vec<bool> = tokens.iter().map(|t| pystr::is_upper(t)).collect();
    let n_upper = upper.iter().filter(|&&u| u).count();
    let lex = lower.iter().map(|l| lx.words.get(l.as_ref()).copied()).collect();
    let words = Words { is_cap_diff: n_upper > 0 && n_upper < tokens.len(), lower, upper, lex };

    let n = tokens.len();
    let mut sentiments = Vec::with_capacity(n);
    for i in 0..n {
        let lw = words.lower[i].as_ref();
        // Boosters and "kind" of "kind of" only modify their neighbours.
        if lx.boosters.contains_key(lw) || (i + 1 < n && lw == "kind" && words.lower[i + 1] == "of")
        {
            sentiments.push(0.0);
            continue;
        }
        sentiments.push(rules::sentiment_valence(lx, &words, i));
    }
    rules::but_check(&words, &mut sentiments);
    score_valence(&sentiments, text)
}

/// Replace each emoji (one code point) by its description. As in the
/// reference, a space is put before a description unless the previous
/// character was a plain space, but none after it.
fn replace_emojis<'a>(lx: &lexicon::Lexicons, text: &'a str) -> Cow<'a, str> {
    if (text.is_ascii() && !lx.emoji_ascii) || !text.chars().any(|c| lx.emojis.contains_key(&c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 32);
    let mut prev_space = true;
    for c in text.chars() {
        if let Some(description) = lx.emojis.get(&c) {
            if !prev_space {
                out.push(' ');
            }
            out.push_str(description);
            prev_space = false;
        } else {
            out.push(c);
            prev_space = c == ' ';
        }
    }
    Cow::Owned(out)
}

/// `_punctuation_emphasis`: up to four '!' and, from two on, '?'.
fn punctuation_emphasis(text: &str) -> f64 {
    let ep_count = text.bytes().filter(|&b| b == b'!').count().min(4);
    let ep_amplifier = ep_count as f64 * 0.292;
    let qm_count = text.bytes().filter(|&b| b == b'?').count();
    let qm_amplifier = match qm_count {
        0 | 1 => 0.0,
        2 | 3 => qm_count as f64 * 0.18,
        _ => 0.96,
    };
    ep_amplifier + qm_amplifier
}

/// `normalize(score, alpha=15)`.
fn normalize(score: f64) -> f64 {
    let norm_score = score / (score * score + 15.0).sqrt();
    norm_score.clamp(-1.0, 1.0)
}

/// `score_valence`.
fn score_valence(sentiments: &[f64], text: &str) -> Scores {
    if sentiments.is_empty() {
        return Scores { neg: 0.0, neu: 0.0, pos: 0.0, compound: 0.0 };
    }
    // Python 3.11's sum() adds floats left to right (3.12+ compensates).
    let mut sum_s = sentiments.iter().fold(0.0, |acc, s| acc + s);
    let punct_emph_amplifier = punctuation_emphasis(text);
    if sum_s > 0.0 {
        sum_s += punct_emph_amplifier;
    } else if sum_s < 0.0 {
        sum_s -= punct_emph_amplifier;
    }
    let compound = normalize(sum_s);

    // _sift_sentiment_scores: +1/-1 compensate for neutral words counting 1.
    let mut pos_sum = 0.0;
    let mut neg_sum = 0.0;
    let mut neu_count = 0u32;
    for &s in sentiments {
        if s > 0.0 {
            pos_sum += s + 1.0;
        }
        if s < 0.0 {
            neg_sum += s - 1.0;
        }
        if s == 0.0 {
            neu_count += 1;
        }
    }
    if pos_sum > neg_sum.abs() {
        pos_sum += punct_emph_amplifier;
    } else if pos_sum < neg_sum.abs() {
        neg_sum -= punct_emph_amplifier;
    }
    let total = pos_sum + neg_sum.abs() + f64::from(neu_count);
    Scores {
        neg: py_round((neg_sum / total).abs(), 3),
        neu: py_round((f64::from(neu_count) / total).abs(), 3),
        pos: py_round((pos_sum / total).abs(), 3),
        compound: py_round(compound, 4),
    }
}

/// Python's `round(x, nd)`: the decimal correctly rounded from the exact binary
/// value (ties to even), read back as the nearest f64. Rust's fixed-precision
/// formatting is exact with ties to even, so format-and-parse reproduces it.
fn py_round(x: f64, nd: usize) -> f64 {
    format!("{x:.nd$}").parse().unwrap_or(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn py_round_ties_to_even_on_exact_value() {
        // Values checked against CPython 3.11 round().
        assert_eq!(py_round(0.125, 2), 0.12);
        assert_eq!(py_round(0.375, 2), 0.38);
        assert_eq!(py_round(0.0625, 3), 0.062);
        assert_eq!(py_round(0.1875, 3), 0.188);
        assert_eq!(py_round(0.00005, 4), 0.0001);
        assert_eq!(py_round(0.00015, 4), 0.0001);
        assert_eq!(py_round(2.675, 2), 2.67);
        assert_eq!(py_round(0.5, 0), 0.0);
        assert_eq!(py_round(-0.03125, 4), -0.0312);
        assert_eq!(py_round(0.4375, 3), 0.438);
    }

    #[test]
    fn readme_examples() {
        let s = polarity_scores("VADER is smart, handsome, and funny.");
        assert_eq!((s.neg, s.neu, s.pos, s.compound), (0.0, 0.254, 0.746, 0.8316));
        let s = polarity_scores("");
        assert_eq!((s.neg, s.neu, s.pos, s.compound), (0.0, 0.0, 0.0, 0.0));
    }
}
