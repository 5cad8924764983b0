//! The user's corrections of detected tables: remembered by the header signature of the table they
//! were made on (exports.md §10), so next month's export gets them whatever it is called; and the
//! entries kept per file (a hidden sheet included, and corrections saved before signatures). Every
//! write is one transaction.

use super::{Store, StoreError};
use crate::import::mapping::TableOverride;
use crate::import::remember::{self, Remembered};
use rusqlite::{params, OptionalExtension, Transaction};

const TABLE: &str = "remembered_mappings";

fn bad(key: &str, e: impl ToString) -> StoreError {
    StoreError::Value { key: key.into(), reason: e.to_string() }
}

/// The key of a signature: its canonical JSON (sorted, normalised, so any spelling of the same set
/// finds the same row).
fn key(headers: &[String]) -> Result<(Vec<String>, String), StoreError> {
    let sig = remember::of_texts(headers);
    if sig.is_empty() {
        return Err(bad(TABLE, "a remembered correction needs the headers of its table"));
    }
    let key = serde_json::to_string(&sig).map_err(|e| bad(TABLE, e))?;
    Ok((sig, key))
}

/// A file's own entries, read inside `tx`.
pub(super) fn read_per_file(
    tx: &Transaction,
    path: &str,
) -> Result<Vec<TableOverride>, StoreError> {
    let raw: Option<String> = tx
        .query_row("SELECT overrides FROM mappings WHERE path = ?1", [path], |r| r.get(0))
        .optional()?;
    match raw {
        Some(raw) => serde_json::from_str(&raw).map_err(|e| bad(path, e)),
        None => Ok(Vec::new()),
    }
}

/// Writes a file's own entries inside `tx` (an empty list forgets them).
pub(super) fn write_per_file(
    tx: &Transaction,
    path: &str,
    overrides: &[TableOverride],
) -> Result<(), StoreError> {
    if overrides.is_empty() {
        tx.execute("DELETE FROM mappings WHERE path = ?1", [path])?;
    } else {
        let value = serde_json::to_string(overrides).map_err(|e| bad(path, e))?;
        tx.execute(
            "INSERT INTO mappings (path, overrides) VALUES (?1, ?2) ON CONFLICT(path) DO UPDATE SET overrides = excluded.overrides",
            params![path, value],
        )?;
    }
    Ok(())
}

impl Store {
    /// Saves what the user set on the tables of the file at `path`, in one transaction: each of
    /// `remembered` (a correction with its table's `headers`, the signature, and the `file` and
    /// `sheet` it was made on) by its signature, replacing one saved before with the same set (this
    /// one is now the newest); and `include` (entries that only include a hidden sheet) with the
    /// file. A table corrected now loses the file's own older correction, which would win over the
    /// remembered one (corrections were kept per file before signatures); its sheet stays included.
    pub fn save_corrections(
        &mut self,
        path: &str,
        include: &[TableOverride],
        remembered: &[TableOverride],
    ) -> Result<(), StoreError> {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let tx = self.conn.transaction()?;
        for c in remembered {
            let (sig, key) = key(c.headers.as_deref().unwrap_or_default())?;
            // Stored by its headers only: it applies whatever the next file is called.
            let stored = TableOverride { file: None, sheet: None, headers: Some(sig), ..c.clone() };
            let value = serde_json::to_string(&stored).map_err(|e| bad(TABLE, e))?;
            tx.execute(
                "INSERT INTO remembered_mappings (signature, correction, saved_at, saved_seq)
                 VALUES (?1, ?2, ?3, (SELECT COALESCE(MAX(saved_seq), 0) + 1 FROM remembered_mappings))
                 ON CONFLICT(signature) DO UPDATE SET correction = excluded.correction,
                     saved_at = excluded.saved_at, saved_seq = excluded.saved_seq",
                params![key, value, now],
            )?;
        }
        let same = |a: &TableOverride, b: &TableOverride| {
            a.file.is_some() && a.file == b.file && a.sheet == b.sheet
        };
        let mut per_file: Vec<TableOverride> = Vec::new();
        for o in read_per_file(&tx, path)? {
            let o = if remembered.iter().any(|c| same(c, &o)) {
                if o.sheet.is_none() {
                    continue; // no sheet: nothing left to include
                }
                TableOverride { kind: None, header_row: None, columns: Default::default(), ..o }
            } else {
                o
            };
            if !include.iter().any(|n| same(n, &o)) && !per_file.contains(&o) {
                per_file.push(o);
            }
        }
        per_file.extend(include.iter().cloned());
        write_per_file(&tx, path, &per_file)?;
        tx.commit()?;
        Ok(())
    }

    /// Every remembered correction, newest first (the order the import tries them in).
    pub fn remembered_mappings(&self) -> Result<Vec<Remembered>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT correction, saved_at FROM remembered_mappings ORDER BY saved_seq DESC",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut out = Vec::new();
        for row in rows {
            let (raw, saved_at) = row?;
            let correction: TableOverride =
                serde_json::from_str(&raw).map_err(|e| bad(TABLE, e))?;
            out.push(Remembered { correction, saved_at });
        }
        Ok(out)
    }

    /// Forgets the correction remembered for this header signature (Undo); false when there was
    /// none.
    pub fn forget_mapping(&mut self, headers: &[String]) -> Result<bool, StoreError> {
        let (_, key) = key(headers)?;
        let tx = self.conn.transaction()?;
        let n = tx.execute("DELETE FROM remembered_mappings WHERE signature = ?1", [key])?;
        tx.commit()?;
        Ok(n > 0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ov(json: &str) -> TableOverride {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn corrections_are_remembered_by_headers_newest_first_and_forgotten() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        assert!(s.remembered_mappings().unwrap().is_empty());
        // A file's older correction of the table (kept per file before signatures), and a hidden
        // sheet it included.
        let older = ov(r#"{"file": "export-2024-05.csv", "kind": "orders"}"#);
        let include = ov(r#"{"file": "export-2024-05.csv", "sheet": "Old"}"#);
        s.save_mapping("/data/export-2024-05.csv", &[older, include.clone()]).unwrap();
        let mut mrr =
            ov(r#"{"file": "export-2024-05.csv", "kind": "mrr", "columns": {"Rev": "mrr"}}"#);
        mrr.headers = Some(vec!["Client".into(), "Bill month".into(), "Rev".into()]);
        let other = ov(r#"{"headers": ["Account", "Seats"], "kind": "customers"}"#);
        s.save_corrections("/data/export-2024-05.csv", &[], &[mrr]).unwrap();
        s.save_corrections("/data/accounts.csv", &[], std::slice::from_ref(&other)).unwrap();
        drop(s);
        let mut s = Store::open(dir.path()).unwrap();
        let list = s.remembered_mappings().unwrap();
        let kinds: Vec<_> = list.iter().map(|r| r.correction.kind).collect();
        use crate::import::TableKind::{Customers, Mrr, Orders};
        assert_eq!(kinds, [Some(Customers), Some(Mrr)]);
        // Stored under its signature, without the file it was made on, with the time it was saved.
        let first = &list[1].correction;
        assert_eq!(
            (first.file.as_deref(), first.headers.clone().unwrap()),
            (None, vec!["bill month".to_string(), "client".into(), "rev".into()])
        );
        assert!(chrono::DateTime::parse_from_rfc3339(&list[1].saved_at).is_ok());
        // The file's older correction of that table is gone (it would win); its include stays.
        assert_eq!(s.mappings_for(&["/data/export-2024-05.csv".into()]).unwrap(), vec![include]);
        // The same set in another spelling replaces it, and it is now the newest.
        let again = ov(r#"{"headers": ["rev", "CLIENT", "Bill_Month"], "kind": "orders"}"#);
        s.save_corrections("/data/export-2024-06.csv", &[], &[again]).unwrap();
        let kinds: Vec<_> =
            s.remembered_mappings().unwrap().iter().map(|r| r.correction.kind).collect();
        assert_eq!(kinds, [Some(Orders), Some(Customers)]);
        // Undo forgets it by its signature.
        let sig: Vec<String> = vec!["bill month".into(), "client".into(), "rev".into()];
        assert!(s.forget_mapping(&sig).unwrap());
        assert!(!s.forget_mapping(&sig).unwrap());
        assert_eq!(s.remembered_mappings().unwrap().len(), 1);
        // A correction without headers is refused, and nothing of that write is kept.
        let no_headers = ov(r#"{"file": "a.csv", "kind": "mrr"}"#);
        let fine = ov(r#"{"headers": ["Plan", "Price"], "kind": "customers"}"#);
        let include = ov(r#"{"file": "a.xlsx", "sheet": "Hidden"}"#);
        assert!(s.save_corrections("/data/a.xlsx", &[include], &[fine, no_headers]).is_err());
        assert_eq!(s.remembered_mappings().unwrap().len(), 1);
        assert!(s.mappings_for(&["/data/a.xlsx".into()]).unwrap().is_empty());
    }
}
