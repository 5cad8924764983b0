//! CSV and TSV files: encoding detection (UTF-8 with or without BOM, UTF-16 with BOM, Windows-1252
//! fallback) and delimiter sniffing among `,` `;` tab `|`.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Decodes the bytes of a text file; valid UTF-8 (the usual export) is borrowed, not copied (and
/// checked once: encoding_rs would check it again).
pub fn decode(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    let (encoding, skip): (&'static Encoding, usize) = match bytes {
        [0xEF, 0xBB, 0xBF, rest @ ..] => match std::str::from_utf8(rest) {
            Ok(text) => return std::borrow::Cow::Borrowed(text),
            Err(_) => (UTF_8, 3),
        },
        [0xFF, 0xFE, ..] => (UTF_16LE, 2),
        [0xFE, 0xFF, ..] => (UTF_16BE, 2),
        _ if utf16_without_bom(bytes, 1) => (UTF_16LE, 0),
        _ if utf16_without_bom(bytes, 0) => (UTF_16BE, 0),
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => return std::borrow::Cow::Borrowed(text),
            Err(_) => (WINDOWS_1252, 0),
        },
    };
    encoding.decode_without_bom_handling(&bytes[skip..]).0
}

/// UTF-16 text saved without a byte-order mark: in its first bytes, nearly every byte at `zero_at`
/// parity is NUL (the high byte of an ASCII character) and nearly none of the others is.
fn utf16_without_bom(bytes: &[u8], zero_at: usize) -> bool {
    let head = &bytes[..bytes.len().min(1024) & !1];
    if head.len() < 8 {
        return false;
    }
    let pairs = head.len() / 2;
    let zeros = |parity: usize| head.iter().skip(parity).step_by(2).filter(|b| **b == 0).count();
    zeros(zero_at) * 10 >= pairs * 9 && zeros(1 - zero_at) * 10 <= pairs
}

/// Picks the delimiter that splits the first lines most consistently (quotes respected).
pub fn sniff_delimiter(text: &str, tsv_hint: bool) -> u8 {
    let lines: Vec<&str> =
        text.split(['\r', '\n']).filter(|l| !l.trim().is_empty()).take(30).collect();
    let mut best = (if tsv_hint { b'\t' } else { b',' }, 0usize, 0usize);
    for d in [b',', b';', b'\t', b'|'] {
        let counts: Vec<usize> = lines.iter().map(|l| count_outside_quotes(l, d as char)).collect();
        // The most frequent non-zero count and how many lines have it.
        let mut freq: Vec<(usize, usize)> = Vec::new();
        for c in counts.iter().copied().filter(|c| *c > 0) {
            match freq.iter_mut().find(|f| f.0 == c) {
                Some(f) => f.1 += 1,
                None => freq.push((c, 1)),
            }
        }
        if let Some((count, lines_with)) = freq.into_iter().max_by_key(|f| (f.1, f.0)) {
            if (lines_with, count) > (best.1, best.2) {
                best = (d, lines_with, count);
            }
        }
    }
    best.0
}

/// The byte offset where each row of a CSV text starts, as Excel counts rows (see `RowCursor`).
pub fn row_starts(text: &str, delimiter: u8) -> Vec<usize> {
    let mut cursor = RowCursor::new(text.as_bytes(), delimiter);
    let mut starts = vec![0];
    starts.extend(std::iter::from_fn(|| cursor.next_start()));
    starts
}

/// Rows as Excel counts them, walked forward once: every line end (LF, CRLF or a lone CR, as Excel
/// for Mac writes) outside quotes ends a row, blank lines included, and a line break inside a quoted
/// field adds none. A quote opens a quoted field only at the start of a field, as the csv crate reads
/// it. The reader's records come in order, so one forward cursor numbers them all (no table of row
/// starts, no search per record); memchr skips to the next byte that matters.
pub struct RowCursor<'a> {
    b: &'a [u8],
    delimiter: u8,
    /// The next byte to look at.
    i: usize,
    quoted: bool,
    /// Whether byte `i` starts a field (the byte before it was a delimiter or a line end).
    field_start: bool,
    /// Row starts at or before what `rows_through` was last asked, and the next one found.
    count: usize,
    next: Option<Option<usize>>,
}

impl<'a> RowCursor<'a> {
    pub fn new(b: &'a [u8], delimiter: u8) -> RowCursor<'a> {
        RowCursor { b, delimiter, i: 0, quoted: false, field_start: true, count: 1, next: None }
    }

    /// How many rows start at or before byte `at` (so the 1-based row holding it); `at` never goes
    /// back between calls.
    pub fn rows_through(&mut self, at: usize) -> usize {
        loop {
            let next = match self.next {
                Some(n) => n,
                None => {
                    let n = self.next_start();
                    self.next = Some(n);
                    n
                }
            };
            match next {
                Some(s) if s <= at => {
                    self.count += 1;
                    self.next = None;
                }
                _ => return self.count,
            }
        }
    }

    /// The start of the next row (just after the next line end outside quotes), if any.
    fn next_start(&mut self) -> Option<usize> {
        let b = self.b;
        while self.i < b.len() {
            if self.quoted {
                let Some(off) = memchr::memchr(b'"', &b[self.i..]) else {
                    self.i = b.len();
                    return None;
                };
                let j = self.i + off;
                // `""` inside quotes is a quote; a single one closes the field.
                if b.get(j + 1) == Some(&b'"') {
                    self.i = j + 2;
                } else {
                    self.quoted = false;
                    self.i = j + 1;
                }
                self.field_start = false;
                continue;
            }
            let Some(off) = memchr::memchr3(b'\r', b'\n', b'"', &b[self.i..]) else {
                self.i = b.len();
                return None;
            };
            let j = self.i + off;
            // Only the byte before a field can start it; those skipped were all outside quotes.
            let field_start = if off == 0 { self.field_start } else { b[j - 1] == self.delimiter };
            if b[j] == b'"' {
                self.quoted = field_start;
                self.field_start = false;
                self.i = j + 1;
                continue;
            }
            let end = if b[j] == b'\r' && b.get(j + 1) == Some(&b'\n') { j + 2 } else { j + 1 };
            self.i = end;
            self.field_start = true;
            return Some(end);
        }
        None
    }
}

fn count_outside_quotes(line: &str, d: char) -> usize {
    let mut quoted = false;
    let mut n = 0;
    for c in line.chars() {
        if c == '"' {
            quoted = !quoted;
        } else if c == d && !quoted {
            n += 1;
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(decode(b"\xEF\xBB\xBFa,b"), "a,b");
        assert_eq!(decode(&[0xFF, 0xFE, b'a', 0, b',', 0, b'b', 0]), "a,b");
        assert_eq!(decode(b"caf\xE9"), "café");
        assert_eq!(decode("café".as_bytes()), "café");
        // Valid UTF-8, with or without its BOM, is the file's own bytes.
        assert!(matches!(decode(b"a,b"), std::borrow::Cow::Borrowed("a,b")));
        assert!(matches!(decode(b"\xEF\xBB\xBFa,b"), std::borrow::Cow::Borrowed("a,b")));
    }

    #[test]
    fn rows_as_excel_counts_them() {
        let rows = |t: &str| row_starts(t, b',');
        assert_eq!(rows("a,b\r\nc,d\r\n"), [0, 5, 10]);
        assert_eq!(rows("a,b\rc,d\r"), [0, 4, 8]);
        assert_eq!(rows("a,b\n\nc,d\n"), [0, 4, 5, 9]);
        // A line break inside quotes adds no row; a quote inside a field opens nothing.
        assert_eq!(rows("a,\"x\r\ny\"\nc,5\" tv\nd"), [0, 9, 17]);
        assert_eq!(rows("a,\"say \"\"hi\"\"\"\nb"), [0, 15]);
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("a;b;c\n1;\"2,5\";3\n", false), b';');
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n", false), b',');
        assert_eq!(sniff_delimiter("a\tb\n1\t2\n", false), b'\t');
        assert_eq!(sniff_delimiter("a|b|c\n1|2|3\n", false), b'|');
    }
}
