//! Words of a comment, as themes and the language test see them (sentiment has its own VADER
//! tokenizer, which must match the reference rule for rule).

use std::collections::HashSet;
use std::sync::OnceLock;

/// One word, lower case, and whether punctuation separates it from the word before (a key phrase
/// never spans a comma or a full stop).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// As written (a theme is named in the customers' own casing: "API", "HubSpot").
    pub original: String,
    pub after_break: bool,
}

/// The words of `text`: runs of letters and digits (an apostrophe inside a word is kept, so that
/// "don't" is one stop word). A hyphen or slash between two words splits them without a break.
pub fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut orig = String::new();
    let mut pending_break = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let c = if c == '\u{2019}' { '\'' } else { c };
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
            orig.push(c);
            continue;
        }
        if c == '\'' && !cur.is_empty() && chars.peek().is_some_and(|n| n.is_alphanumeric()) {
            cur.push('\'');
            orig.push('\'');
            continue;
        }
        if !cur.is_empty() {
            out.push(Word {
                text: std::mem::take(&mut cur),
                original: std::mem::take(&mut orig),
                after_break: pending_break,
            });
            pending_break = false;
        }
        if !c.is_whitespace() && c != '-' && c != '/' && c != '\'' {
            pending_break = true;
        }
    }
    if !cur.is_empty() {
        out.push(Word { text: cur, original: orig, after_break: pending_break });
    }
    out
}

/// NLTK's English stop words.
pub fn english_stop() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| stop_words::get(stop_words::LANGUAGE::English).iter().copied().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<(String, bool)> {
        words(s).into_iter().map(|w| (w.text, w.after_break)).collect()
    }

    #[test]
    fn splits_on_punctuation_and_keeps_contractions() {
        assert_eq!(
            texts("Support don’t answer. Price-list, UI/UX!"),
            vec![
                ("support".into(), false),
                ("don't".into(), false),
                ("answer".into(), false),
                ("price".into(), true),
                ("list".into(), false),
                ("ui".into(), true),
                ("ux".into(), false),
            ]
        );
        assert!(words("  -- ... ").is_empty());
        assert_eq!(
            texts("Überweisung 2x"),
            vec![("überweisung".into(), false), ("2x".into(), false)]
        );
    }
}
