//! The user's theme edits (voice of the customer): each change is one statement, so a crash
//! keeps the edits whole; they are read back on the next start and applied to the next import.

use super::{Store, StoreError};
use crate::voice::ThemeEdits;
use rusqlite::params;

/// One change to a theme.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum ThemeEdit {
    /// A name of the user's own; None goes back to the name the comments give.
    Rename {
        key: String,
        name: Option<String>,
    },
    /// Into another theme; None takes it out again.
    Merge {
        key: String,
        into: Option<String>,
    },
    Hide {
        key: String,
        hidden: bool,
    },
}

impl Store {
    pub fn theme_edits(&self) -> Result<ThemeEdits, StoreError> {
        let mut stmt =
            self.conn.prepare("SELECT key, name, merged_into, hidden FROM voice_themes")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })?;
        let mut e = ThemeEdits::default();
        for row in rows {
            let (key, name, into, hidden) = row?;
            if let Some(n) = name {
                e.renames.insert(key.clone(), n);
            }
            if let Some(t) = into {
                e.merges.insert(key.clone(), t);
            }
            if hidden {
                e.hidden.insert(key);
            }
        }
        Ok(e)
    }

    /// Stores one change (merging a theme into itself, or into one merged into it, is refused).
    pub fn edit_theme(&mut self, edit: &ThemeEdit) -> Result<ThemeEdits, StoreError> {
        let upsert = |column: &str| {
            format!(
                "INSERT INTO voice_themes (key, {column}) VALUES (?1, ?2)
                 ON CONFLICT(key) DO UPDATE SET {column} = excluded.{column}"
            )
        };
        match edit {
            ThemeEdit::Rename { key, name } => {
                let name = name.as_deref().map(str::trim).filter(|n| !n.is_empty());
                self.conn.execute(&upsert("name"), params![key, name])?;
            }
            ThemeEdit::Merge { key, into } => {
                if let Some(t) = into {
                    let edits = self.theme_edits()?;
                    let mut k = t.clone();
                    let mut steps = 0;
                    loop {
                        if &k == key {
                            return Err(StoreError::Value {
                                key: format!("voice_themes.{key}"),
                                reason: format!(
                                    "cannot merge \"{key}\" into \"{t}\": \"{t}\" is already in it"
                                ),
                            });
                        }
                        match edits.merges.get(&k) {
                            Some(next) if steps < 1000 => k = next.clone(),
                            _ => break,
                        }
                        steps += 1;
                    }
                }
                self.conn.execute(&upsert("merged_into"), params![key, into])?;
            }
            ThemeEdit::Hide { key, hidden } => {
                self.conn.execute(&upsert("hidden"), params![key, hidden])?;
            }
        }
        self.theme_edits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_survive_a_restart_and_a_cycle_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut s = Store::open(dir.path()).unwrap();
            s.edit_theme(&ThemeEdit::Rename {
                key: "price".into(),
                name: Some(" Pricing ".into()),
            })
            .unwrap();
            s.edit_theme(&ThemeEdit::Merge { key: "cost".into(), into: Some("price".into()) })
                .unwrap();
            s.edit_theme(&ThemeEdit::Hide { key: "ui".into(), hidden: true }).unwrap();
            let refused =
                s.edit_theme(&ThemeEdit::Merge { key: "price".into(), into: Some("cost".into()) });
            assert!(refused.unwrap_err().to_string().contains("already in it"));
        }
        let s = Store::open(dir.path()).unwrap();
        let e = s.theme_edits().unwrap();
        assert_eq!(e.renames.get("price").map(String::as_str), Some("Pricing"));
        assert_eq!(e.merges.get("cost").map(String::as_str), Some("price"));
        assert!(e.hidden.contains("ui") && e.hidden.len() == 1);
        assert!(!e.merges.contains_key("price"));
    }
}
