//! Saved scenarios: create, list, get, update, rename, duplicate, delete; export to and import from
//! the JSON file `northstar forecast` reads. Every write is one transaction.

use super::{Store, StoreError};
use crate::forecast::ScenarioInput;
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};

/// The data a scenario was based on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BasedOn {
    pub files: Vec<String>,
    /// Content hash of the files (`fnv1a64:...`), to tell when the data has changed since.
    pub hash: Option<String>,
    pub period_from: Option<String>,
    pub period_to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Scenario {
    pub id: i64,
    pub name: String,
    pub notes: String,
    pub inputs: ScenarioInput,
    pub based_on: BasedOn,
    pub created_at: String,
    pub updated_at: String,
}

/// FNV-1a over the files' bytes, in order: a fingerprint, not a security measure.
pub fn content_hash<'a>(files: impl Iterator<Item = &'a [u8]>) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for bytes in files {
        for b in bytes.iter().chain(&[0xFF]) {
            h ^= *b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("fnv1a64:{h:016x}")
}

fn bad(key: &str, e: impl ToString) -> StoreError {
    StoreError::Value { key: key.into(), reason: e.to_string() }
}

/// A scenarios row as stored, before its JSON columns are decoded.
struct RawRow {
    id: i64,
    name: String,
    notes: String,
    inputs: String,
    files: String,
    hash: Option<String>,
    period_from: Option<String>,
    period_to: Option<String>,
    created_at: String,
    updated_at: String,
}

fn from_row(r: &Row) -> rusqlite::Result<RawRow> {
    Ok(RawRow {
        id: r.get(0)?,
        name: r.get(1)?,
        notes: r.get(2)?,
        inputs: r.get(3)?,
        files: r.get(4)?,
        hash: r.get(5)?,
        period_from: r.get(6)?,
        period_to: r.get(7)?,
        created_at: r.get(8)?,
        updated_at: r.get(9)?,
    })
}

const COLUMNS: &str = "id, name, notes, inputs, dataset_files, dataset_hash, period_from, period_to, created_at, updated_at";

impl Store {
    fn decode(raw: RawRow) -> Result<Scenario, StoreError> {
        let id = raw.id;
        Ok(Scenario {
            id,
            name: raw.name,
            notes: raw.notes,
            inputs: serde_json::from_str(&raw.inputs)
                .map_err(|e| bad(&format!("scenario {id}"), e))?,
            based_on: BasedOn {
                files: serde_json::from_str(&raw.files)
                    .map_err(|e| bad(&format!("scenario {id}"), e))?,
                hash: raw.hash,
                period_from: raw.period_from,
                period_to: raw.period_to,
            },
            created_at: raw.created_at,
            updated_at: raw.updated_at,
        })
    }

    pub fn create_scenario(
        &mut self,
        name: &str,
        notes: &str,
        inputs: &ScenarioInput,
        based_on: &BasedOn,
    ) -> Result<Scenario, StoreError> {
        let now = chrono::Utc::now().to_rfc3339();
        let inputs_json = serde_json::to_string(inputs).map_err(|e| bad("inputs", e))?;
        let files = serde_json::to_string(&based_on.files).map_err(|e| bad("files", e))?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO scenarios (name, notes, inputs, dataset_files, dataset_hash, period_from, period_to, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![name, notes, inputs_json, files, based_on.hash, based_on.period_from, based_on.period_to, now],
        )?;
        let id = tx.last_insert_rowid();
        tx.commit()?;
        self.scenario(id)?.ok_or(StoreError::NotFound(id))
    }

    pub fn scenario(&self, id: i64) -> Result<Option<Scenario>, StoreError> {
        let raw = self
            .conn
            .query_row(&format!("SELECT {COLUMNS} FROM scenarios WHERE id = ?1"), [id], from_row)
            .optional()?;
        raw.map(Store::decode).transpose()
    }

    /// Newest first.
    pub fn scenarios(&self) -> Result<Vec<Scenario>, StoreError> {
        let mut stmt = self.conn.prepare(&format!(
            "SELECT {COLUMNS} FROM scenarios ORDER BY updated_at DESC, id DESC"
        ))?;
        let rows = stmt.query_map([], from_row)?.collect::<Result<Vec<_>, _>>()?;
        rows.into_iter().map(Store::decode).collect()
    }

    fn touch(&mut self, id: i64, sql: &str, value: &str) -> Result<Scenario, StoreError> {
        let tx = self.conn.transaction()?;
        let n = tx.execute(sql, params![value, chrono::Utc::now().to_rfc3339(), id])?;
        tx.commit()?;
        if n == 0 {
            return Err(StoreError::NotFound(id));
        }
        self.scenario(id)?.ok_or(StoreError::NotFound(id))
    }

    pub fn update_scenario(
        &mut self,
        id: i64,
        inputs: &ScenarioInput,
        notes: &str,
    ) -> Result<Scenario, StoreError> {
        let json = serde_json::to_string(inputs).map_err(|e| bad("inputs", e))?;
        let tx = self.conn.transaction()?;
        let n = tx.execute(
            "UPDATE scenarios SET inputs = ?1, notes = ?2, updated_at = ?3 WHERE id = ?4",
            params![json, notes, chrono::Utc::now().to_rfc3339(), id],
        )?;
        tx.commit()?;
        if n == 0 {
            return Err(StoreError::NotFound(id));
        }
        self.scenario(id)?.ok_or(StoreError::NotFound(id))
    }

    pub fn rename_scenario(&mut self, id: i64, name: &str) -> Result<Scenario, StoreError> {
        self.touch(id, "UPDATE scenarios SET name = ?1, updated_at = ?2 WHERE id = ?3", name)
    }

    pub fn duplicate_scenario(&mut self, id: i64) -> Result<Scenario, StoreError> {
        let s = self.scenario(id)?.ok_or(StoreError::NotFound(id))?;
        self.create_scenario(&format!("{} (copy)", s.name), &s.notes, &s.inputs, &s.based_on)
    }

    pub fn delete_scenario(&mut self, id: i64) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        let n = tx.execute("DELETE FROM scenarios WHERE id = ?1", [id])?;
        tx.commit()?;
        if n == 0 {
            return Err(StoreError::NotFound(id));
        }
        Ok(())
    }

    /// The scenario's inputs as the JSON `northstar forecast` reads.
    pub fn export_scenario(&self, id: i64) -> Result<String, StoreError> {
        let s = self.scenario(id)?.ok_or(StoreError::NotFound(id))?;
        serde_json::to_string_pretty(&s.inputs).map_err(|e| bad("inputs", e))
    }

    /// A scenario from such a JSON file; the inputs are validated first.
    pub fn import_scenario(&mut self, name: &str, json: &str) -> Result<Scenario, StoreError> {
        let inputs: ScenarioInput = serde_json::from_str(json).map_err(|e| bad(name, e))?;
        inputs.validate().map_err(|e| bad(name, e))?;
        self.create_scenario(name, "", &inputs, &BasedOn::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(churn: f64) -> ScenarioInput {
        ScenarioInput {
            start_mrr: Some(1000.0),
            start_customers: Some(10.0),
            monthly_churn: Some(churn),
            years: Some(3.0),
            ..Default::default()
        }
    }

    #[test]
    fn crud_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        let based = BasedOn {
            files: vec!["book.xlsx".into()],
            hash: Some(content_hash([b"abc".as_slice()].into_iter())),
            period_from: Some("2024-01".into()),
            period_to: Some("2024-12".into()),
        };
        let a = s.create_scenario("Board plan", "cut churn", &input(0.02), &based).unwrap();
        assert_eq!(
            (a.name.as_str(), a.notes.as_str(), &a.inputs, &a.based_on),
            ("Board plan", "cut churn", &input(0.02), &based)
        );
        let b = s.duplicate_scenario(a.id).unwrap();
        assert_eq!(b.name, "Board plan (copy)");
        assert_ne!(a.id, b.id);
        s.rename_scenario(b.id, "Stretch").unwrap();
        let b = s.update_scenario(b.id, &input(0.01), "stretch goal").unwrap();
        assert_eq!(
            (b.name.as_str(), b.inputs.monthly_churn, b.notes.as_str()),
            ("Stretch", Some(0.01), "stretch goal")
        );
        assert_eq!(s.scenarios().unwrap().len(), 2);
        s.delete_scenario(a.id).unwrap();
        assert!(matches!(s.delete_scenario(a.id), Err(StoreError::NotFound(_))));
        let all = s.scenarios().unwrap();
        assert_eq!(all.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(), ["Stretch"]);
        // Export is the CLI's scenario file; importing it gives the same inputs.
        let json = s.export_scenario(b.id).unwrap();
        let again = s.import_scenario("From file", &json).unwrap();
        assert_eq!(again.inputs, b.inputs);
        assert!(s.import_scenario("Bad", r#"{"monthly_churn": 2}"#).is_err());
    }

    /// A full disk: the save fails with a clear error and nothing of it is written; what was saved
    /// before is intact. (SQLite's page limit stands in for the disk: it fails the same way.)
    #[test]
    fn a_full_disk_saves_nothing_and_says_so() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        let based = BasedOn::default();
        s.create_scenario("Board plan", "", &input(0.02), &based).unwrap();
        let pages: i64 = s.conn.query_row("PRAGMA page_count", [], |r| r.get(0)).unwrap();
        s.conn.pragma_update(None, "max_page_count", pages).unwrap();
        let big = "x".repeat(1 << 20);
        let err = s.create_scenario("Stretch", &big, &input(0.01), &based).unwrap_err();
        assert!(matches!(err, StoreError::Full), "{err:?}");
        assert_eq!(
            err.to_string(),
            "the disk is full, so nothing was saved; free some space and try again"
        );
        let names: Vec<String> = s.scenarios().unwrap().into_iter().map(|x| x.name).collect();
        assert_eq!(names, ["Board plan"]);
        let check: String = s.conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
        assert_eq!(check, "ok");
    }

    #[test]
    fn content_hash_changes_with_the_data() {
        let h = |parts: &[&[u8]]| content_hash(parts.iter().copied());
        assert_eq!(h(&[b"a", b"b"]), h(&[b"a", b"b"]));
        assert_ne!(h(&[b"a", b"b"]), h(&[b"ab"]));
        assert_ne!(h(&[b"a"]), h(&[b"b"]));
    }
}
