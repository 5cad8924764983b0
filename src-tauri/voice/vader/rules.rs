//! The per-word rules of `SentimentIntensityAnalyzer.sentiment_valence` and
//! its helpers, in the reference's order (order matters for the float result).

use super::lexicon::{lookup_phrase, negated, Lexicons, BOOSTERS, C_INCR, N_SCALAR, SPECIAL_CASES};

/// The tokenised text (`SentiText`) with what the rules ask of every token
/// computed once.
pub(super) struct Words<'a> {
    /// `word.lower()` of each token.
    pub(super) lower: Vec<std::borrow::Cow<'a, str>>,
    /// `word.isupper()` of each token.
    pub(super) upper: Vec<bool>,
    /// `self.lexicon.get(word.lower())` of each token.
    pub(super) lex: Vec<Option<f64>>,
    /// `allcap_differential`: some, but not all, tokens are ALL CAPS.
    pub(super) is_cap_diff: bool,
}

impl Words<'_> {
    fn len(&self) -> usize {
        self.lower.len()
    }

    fn lw(&self, i: usize) -> &str {
        &self.lower[i]
    }
}

/// `scalar_inc_dec`: the booster/dampener contribution of word `j`.
fn scalar_inc_dec(lx: &Lexicons, w: &Words, j: usize, valence: f64) -> f64 {
    let Some(&b) = lx.boosters.get(w.lw(j)) else {
        return 0.0;
    };
    let mut scalar = b;
    if valence < 0.0 {
        scalar *= -1.0;
    }
    // An ALL-CAPS booster among non-caps words boosts further.
    if w.upper[j] && w.is_cap_diff {
        if valence > 0.0 {
            scalar += C_INCR;
        } else {
            scalar -= C_INCR;
        }
    }
    scalar
}

/// `sentiment_valence` for token `i` (not a booster, not "kind" of "kind of").
pub(super) fn sentiment_valence(lx: &Lexicons, w: &Words, i: usize) -> f64 {
    let Some(base) = w.lex[i] else {
        return 0.0;
    };
    let n = w.len();
    let mut valence = base;
    // "no" directly before a lexicon word negates that word instead of
    // counting itself.
    if w.lw(i) == "no" && i != n - 1 && w.lex[i + 1].is_some() {
        valence = 0.0;
    }
    if (i > 0 && w.lw(i - 1) == "no")
        || (i > 1 && w.lw(i - 2) == "no")
        || (i > 2 && w.lw(i - 3) == "no" && matches!(w.lw(i - 1), "or" | "nor"))
    {
        valence = base * N_SCALAR;
    }
    // An ALL-CAPS lexicon word among non-caps words is emphasised.
    if w.upper[i] && w.is_cap_diff {
        if valence > 0.0 {
            valence += C_INCR;
        } else {
            valence -= C_INCR;
        }
    }
    for start_i in 0..3 {
        // Up to three preceding non-lexicon words, dampened by distance.
        if i > start_i && w.lex[i - (start_i + 1)].is_none() {
            let mut s = scalar_inc_dec(lx, w, i - (start_i + 1), valence);
            if start_i == 1 && s != 0.0 {
                s *= 0.95;
            }
            if start_i == 2 && s != 0.0 {
                s *= 0.9;
            }
            valence += s;
            valence = negation_check(valence, w, start_i, i);
            if start_i == 2 {
                valence = special_idioms_check(valence, w, i);
            }
        }
    }
    least_check(valence, w, i)
}

/// `_negation_check`, including "never so/this" (intensify) and "without
/// doubt" (no negation).
fn negation_check(valence: f64, w: &Words, start_i: usize, i: usize) -> f64 {
    let so_this = |k: usize| matches!(w.lw(k), "so" | "this");
    if start_i == 0 && negated(w.lw(i - 1)) {
        return valence * N_SCALAR;
    }
    if start_i == 1 {
        if w.lw(i - 2) == "never" && so_this(i - 1) {
            return valence * 1.25;
        } else if w.lw(i - 2) == "without" && w.lw(i - 1) == "doubt" {
            return valence;
        } else if negated(w.lw(i - 2)) {
            return valence * N_SCALAR;
        }
    }
    if start_i == 2 {
        // Python precedence: (never and (so or this)) or (so or this at i-1).
        if (w.lw(i - 3) == "never" && so_this(i - 2)) || so_this(i - 1) {
            return valence * 1.25;
        } else if w.lw(i - 3) == "without" && (w.lw(i - 2) == "doubt" || w.lw(i - 1) == "doubt") {
            return valence;
        } else if negated(w.lw(i - 3)) {
            return valence * N_SCALAR;
        }
    }
    valence
}

/// `_special_idioms_check` (only reached with `i >= 3`).
fn special_idioms_check(mut valence: f64, w: &Words, i: usize) -> f64 {
    let (w3, w2, w1, w0) = (w.lw(i - 3), w.lw(i - 2), w.lw(i - 1), w.lw(i));
    let onezero = [w1, w0];
    let twoonezero = [w2, w1, w0];
    let twoone = [w2, w1];
    let threetwoone = [w3, w2, w1];
    let threetwo = [w3, w2];
    let sequences: [&[&str]; 5] = [&onezero, &twoonezero, &twoone, &threetwoone, &threetwo];
    // The first matching sequence wins.
    if let Some(v) = sequences.iter().find_map(|s| lookup_phrase(SPECIAL_CASES, s)) {
        valence = v;
    }
    let n = w.len();
    if n - 1 > i {
        if let Some(v) = lookup_phrase(SPECIAL_CASES, &[w0, w.lw(i + 1)]) {
            valence = v;
        }
    }
    if n - 1 > i + 1 {
        if let Some(v) = lookup_phrase(SPECIAL_CASES, &[w0, w.lw(i + 1), w.lw(i + 2)]) {
            valence = v;
        }
    }
    // Booster/dampener bi-grams such as "sort of" or "kind of"; every match adds.
    let n_grams: [&[&str]; 3] = [&threetwoone, &threetwo, &twoone];
    for n_gram in n_grams {
        if let Some(b) = lookup_phrase(BOOSTERS, n_gram) {
            valence += b;
        }
    }
    valence
}

/// `_least_check`: "least X" negates X, except "at least" / "very least".
fn least_check(valence: f64, w: &Words, i: usize) -> f64 {
    if i > 1 && w.lex[i - 1].is_none() && w.lw(i - 1) == "least" {
        if w.lw(i - 2) != "at" && w.lw(i - 2) != "very" {
            return valence * N_SCALAR;
        }
    } else if i > 0 && w.lex[i - 1].is_none() && w.lw(i - 1) == "least" {
        return valence * N_SCALAR;
    }
    valence
}

/// `_but_check`, bug for bug: the reference locates each score with
/// `list.index(value)`, so with repeated values (e.g. several 0s) only the
/// first equal entry is scaled, possibly more than once.
pub(super) fn but_check(w: &Words, sentiments: &mut [f64]) {
    let Some(bi) = w.lower.iter().position(|x| x == "but") else {
        return;
    };
    for k in 0..sentiments.len() {
        let sentiment = sentiments[k];
        let si = sentiments.iter().position(|&x| x == sentiment).unwrap_or(k);
        if si < bi {
            sentiments[si] = sentiment * 0.5;
        } else if si > bi {
            sentiments[si] = sentiment * 1.5;
        }
    }
}
