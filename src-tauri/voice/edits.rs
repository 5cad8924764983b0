//! The user's choices about themes (rename, merge, hide), keyed by the theme's stem so that they
//! apply again to the next import of the same kind of comments.

use super::themes::Found;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ThemeEdits {
    /// Key -> the name the user gave.
    pub renames: BTreeMap<String, String>,
    /// Key -> the key of the theme it was merged into.
    pub merges: BTreeMap<String, String>,
    pub hidden: BTreeSet<String>,
}

/// A theme merged into another: its key (to take it out again) and the name its comments gave it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "MergedTheme"))]
pub struct Merged {
    pub key: String,
    pub name: String,
}

/// A theme after the user's edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    pub key: String,
    pub name: String,
    /// The name the comments gave it (differs from `name` after a rename).
    pub found_name: String,
    /// The themes merged into it.
    pub merged: Vec<Merged>,
    pub hidden: bool,
    /// Comment indices, ascending.
    pub members: Vec<u32>,
}

impl ThemeEdits {
    /// Where a merged key ends up: follows merges, stopping at a cycle.
    fn target(&self, key: &str) -> String {
        let mut k = key.to_string();
        let mut seen = BTreeSet::new();
        while let Some(next) = self.merges.get(&k) {
            if !seen.insert(k.clone()) {
                break;
            }
            k = next.clone();
        }
        k
    }

    /// Applies the edits to the themes found. A merge into a theme the comments no longer give
    /// leaves the merged theme on its own.
    pub fn apply(&self, found: Vec<Found>) -> Vec<Applied> {
        let keys: BTreeSet<String> = found.iter().map(|f| f.key.clone()).collect();
        let mut out: Vec<Applied> = Vec::new();
        let mut into: Vec<(String, Found)> = Vec::new();
        for f in found {
            let t = self.target(&f.key);
            if t != f.key && keys.contains(&t) {
                into.push((t, f));
                continue;
            }
            out.push(Applied {
                name: self.renames.get(&f.key).cloned().unwrap_or_else(|| f.name.clone()),
                found_name: f.name,
                hidden: self.hidden.contains(&f.key),
                merged: Vec::new(),
                members: f.members,
                key: f.key,
            });
        }
        for (t, f) in into {
            if let Some(a) = out.iter_mut().find(|a| a.key == t) {
                a.members.extend(f.members);
                a.members.sort_unstable();
                a.members.dedup();
                // The name the user knew it by.
                let name = self.renames.get(&f.key).cloned().unwrap_or(f.name);
                a.merged.push(Merged { key: f.key, name });
            }
        }
        for a in &mut out {
            a.merged.sort();
        }
        // Largest first, as the themes were found.
        out.sort_by(|a, b| b.members.len().cmp(&a.members.len()).then_with(|| a.key.cmp(&b.key)));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(key: &str, members: &[u32]) -> Found {
        Found { key: key.into(), name: format!("{key}s"), members: members.to_vec() }
    }

    #[test]
    fn renames_merges_and_hides_apply_by_key() {
        let mut e = ThemeEdits::default();
        e.renames.insert("price".into(), "Pricing & packaging".into());
        e.merges.insert("cost".into(), "price".into());
        e.merges.insert("gone".into(), "absent".into());
        e.hidden.insert("ui".into());
        let a =
            e.apply(vec![f("price", &[0, 2]), f("cost", &[2, 5]), f("ui", &[1]), f("gone", &[7])]);
        assert_eq!(a.len(), 3);
        assert_eq!(a[0].key, "price");
        assert_eq!(a[0].name, "Pricing & packaging");
        assert_eq!(a[0].found_name, "prices");
        assert_eq!(a[0].members, vec![0, 2, 5]);
        assert_eq!(a[0].merged, vec![Merged { key: "cost".into(), name: "costs".into() }]);
        // A merge into a theme not found this time leaves the theme on its own.
        assert_eq!((a[1].key.as_str(), a[1].hidden), ("gone", false));
        assert_eq!((a[2].key.as_str(), a[2].hidden), ("ui", true));
    }

    #[test]
    fn a_merge_cycle_merges_nothing() {
        let mut e = ThemeEdits::default();
        e.merges.insert("a".into(), "b".into());
        e.merges.insert("b".into(), "a".into());
        let a = e.apply(vec![f("a", &[0]), f("b", &[1])]);
        // Each key leads back to itself: nothing is merged, nothing is lost.
        assert_eq!(a.len(), 2);
        assert!(a.iter().all(|x| x.merged.is_empty() && x.members.len() == 1));
    }
}
