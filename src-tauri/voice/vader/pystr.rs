//! The few Python `str` behaviours VADER relies on, reproduced exactly:
//! `str.isspace()` (used by `split()`/`strip()`), `str.isupper()`,
//! `str.strip(string.punctuation)` and `str.lower()`.

use std::borrow::Cow;

use super::pyunicode::{PY_LOWER_OR_TITLE, PY_SPACE, PY_UPPER};

/// Whether `c` falls in one of the flattened inclusive ranges of `table`.
fn in_table(table: &[u32], c: char) -> bool {
    let c = c as u32;
    // Index of the first bound greater than `c`; an odd index means `c` lies
    // between a start and its end.
    let idx = table.partition_point(|&bound| bound <= c);
    idx % 2 == 1 || (idx > 0 && table[idx - 1] == c)
}

/// Python's `Py_UNICODE_ISSPACE` (includes U+001C..U+001F, unlike Rust).
pub(super) fn is_space(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, '\t' | '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1f' | ' ');
    }
    in_table(&PY_SPACE, c)
}

/// Python's `str.strip()` with no argument.
pub(super) fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// Python's `str.split()` with no argument: runs of whitespace separate, no
/// empty pieces.
pub(super) fn split(s: &str) -> impl Iterator<Item = &str> {
    s.split(is_space).filter(|w| !w.is_empty())
}

/// Python's `str.isupper()`: no lower- or title-case character and at least
/// one upper-case one (so `":D"` and `"A1"` are upper, `"123"` is not).
pub(super) fn is_upper(s: &str) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if c.is_ascii() {
            if c.is_ascii_lowercase() {
                return false;
            }
            cased |= c.is_ascii_uppercase();
        } else if in_table(&PY_LOWER_OR_TITLE, c) {
            return false;
        } else if !cased && in_table(&PY_UPPER, c) {
            cased = true;
        }
    }
    cased
}

/// Python's `str.lower()`. Only ever compared with the (ASCII) lexicon and rule
/// words, so Rust's full Unicode lowering is equivalent for our purposes.
pub(super) fn lower(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if s.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(s.to_ascii_lowercase())
        } else {
            Cow::Borrowed(s)
        }
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

/// `SentiText._strip_punc_if_word`: strip ASCII punctuation from both ends,
/// but keep the token as it was when two or fewer characters would remain
/// (so emoticons like `:)` survive).
pub(super) fn strip_punc_if_word(token: &str) -> &str {
    let stripped = token.trim_matches(|c: char| c.is_ascii_punctuation());
    // Python's len() counts code points.
    if stripped.chars().nth(2).is_none() {
        token
    } else {
        stripped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isupper_like_python() {
        assert!(is_upper(":D"));
        assert!(is_upper("A1"));
        assert!(is_upper("ÉTÉ"));
        assert!(!is_upper("123"));
        assert!(!is_upper("Ab"));
        assert!(!is_upper("\u{1C5}")); // title-case Dž
        assert!(!is_upper("A\u{1C5}"));
        assert!(!is_upper(""));
    }

    #[test]
    fn whitespace_like_python() {
        assert!(is_space('\u{1C}'));
        assert!(is_space('\u{A0}'));
        assert!(is_space('\u{3000}'));
        assert!(!is_space('\u{200B}'));
        assert_eq!(split("a\u{1F}b\u{A0} c ").collect::<Vec<_>>(), ["a", "b", "c"]);
    }

    #[test]
    fn strip_punc() {
        assert_eq!(strip_punc_if_word(":)"), ":)");
        assert_eq!(strip_punc_if_word("great!!!"), "great");
        assert_eq!(strip_punc_if_word("ok!"), "ok!");
        assert_eq!(strip_punc_if_word("\"n/a\""), "n/a");
    }
}
