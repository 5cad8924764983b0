//! Header text made comparable: lower case, single spaces, no accents, export spellings made plain
//! (`customers.id`, `StartDate`, `$distinct_id`), and a bracketed unit split off.

/// A unit in brackets after a header: converts the values, except currencies which are ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Currency,
    Seconds,
    Minutes,
    Hours,
    Months,
    Years,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub base: String,
    pub unit: Option<Unit>,
}

/// Export spellings of a header made plain (exports.md §2.1): a leading `$` and `property_` dropped,
/// `object.field` read as `field` (`object.id` as `<object> id`: `customers.id` is `customer id`), and
/// camelCase split before a capital followed by a lower-case letter (`StartDate`; `eNPS` stays).
fn plain_spelling(text: &str) -> std::borrow::Cow<'_, str> {
    let mut t = text.trim();
    t = t.strip_prefix('$').unwrap_or(t);
    if let Some(rest) = t.get(..9).filter(|p| p.eq_ignore_ascii_case("property_")).map(|_| &t[9..])
    {
        t = rest.trim_start_matches('$');
    }
    let mut owned: Option<String> = None;
    if !t.contains(' ') {
        if let Some((object, field)) = t.rsplit_once('.') {
            let object_ok = !object.is_empty()
                && object.bytes().all(|b| b.is_ascii_alphabetic() || b == b'_')
                && field.bytes().any(|b| b.is_ascii_alphabetic());
            if object_ok {
                owned = Some(if field.eq_ignore_ascii_case("id") {
                    let one = object.strip_suffix('s').unwrap_or(object);
                    format!("{one} id")
                } else {
                    field.to_string()
                });
            }
        }
    }
    let base: &str = owned.as_deref().unwrap_or(t);
    let chars: Vec<char> = base.chars().collect();
    let split = (1..chars.len()).any(|i| {
        chars[i].is_uppercase()
            && chars.get(i + 1).is_some_and(|c| c.is_lowercase())
            && chars[i - 1].is_alphanumeric()
    });
    if !split {
        return match owned {
            Some(o) => std::borrow::Cow::Owned(o),
            None => std::borrow::Cow::Borrowed(t),
        };
    }
    let mut out = String::with_capacity(base.len() + 4);
    for (i, &c) in chars.iter().enumerate() {
        if i > 0
            && c.is_uppercase()
            && chars.get(i + 1).is_some_and(|n| n.is_lowercase())
            && chars[i - 1].is_alphanumeric()
        {
            out.push(' ');
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

/// trim, lower-case, remove accents, `_ - .` and spaces as one separator, then split off a trailing
/// `(unit)`; a trailing `(UTC)`/`(GMT)` is no unit. Export spellings first (`plain_spelling`).
pub fn normalise(text: &str) -> Header {
    let plain = plain_spelling(text);
    let mut s = String::with_capacity(plain.len());
    for c in plain.trim().to_lowercase().chars() {
        let c = match c {
            'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'ì' | 'î' | 'ï' => 'i',
            'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
            'ú' | 'ù' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            '_' | '-' | '.' | '\t' | '\n' => ' ',
            c => c,
        };
        if c == ' ' && (s.is_empty() || s.ends_with(' ')) {
            continue;
        }
        s.push(c);
    }
    let mut base = s.trim_end().to_string();
    let mut unit = None;
    if base.ends_with(')') {
        if let Some(open) = base.rfind('(') {
            let inner = base[open + 1..base.len() - 1].trim().to_string();
            unit = Some(match inner.as_str() {
                "utc" | "gmt" => {
                    base = base[..open].trim_end().to_string();
                    return Header { base, unit: None };
                }
                "seconds" | "secs" | "sec" | "s" => Unit::Seconds,
                "minutes" | "mins" | "min" => Unit::Minutes,
                "hours" | "hrs" | "hr" | "h" => Unit::Hours,
                "months" | "mo" | "mos" => Unit::Months,
                "years" | "yrs" | "yr" | "y" => Unit::Years,
                _ => Unit::Currency,
            });
            base = base[..open].trim_end().to_string();
        }
    }
    Header { base, unit }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_headers_and_units() {
        assert_eq!(normalise("  MRR ($) ").base, "mrr");
        assert_eq!(normalise("MRR ($)").unit, Some(Unit::Currency));
        assert_eq!(
            normalise("Session_Duration (minutes)"),
            Header { base: "session duration".into(), unit: Some(Unit::Minutes) }
        );
        assert_eq!(normalise("Customer-ID").base, "customer id");
        assert_eq!(normalise("Catégorie").base, "categorie");
    }

    #[test]
    fn export_spellings() {
        let b = |t: &str| normalise(t).base;
        assert_eq!(b("customers.company"), "company");
        assert_eq!(b("customers.id"), "customer id");
        assert_eq!(b("subscriptions.id"), "subscription id");
        assert_eq!(b("subscriptions.plan_unit_price"), "plan unit price");
        assert_eq!(b("$distinct_id"), "distinct id");
        assert_eq!(b("property_company"), "company");
        assert_eq!(b("StartDate"), "start date");
        assert_eq!(b("ResponseId"), "response id");
        assert_eq!(b("RecordedDate"), "recorded date");
        assert_eq!(b("eNPS"), "enps");
        assert_eq!(b("MRR"), "mrr");
        assert_eq!(normalise("Created (UTC)"), Header { base: "created".into(), unit: None });
        assert_eq!(b("Trial End (UTC)"), "trial end");
        // Not an object.field: spaces, or a number.
        assert_eq!(b("No. of seats"), "no of seats");
        assert_eq!(b("2024.01"), "2024 01");
    }
}
