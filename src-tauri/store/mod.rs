//! Local storage: one SQLite database in the platform's app-data directory (`NORTHSTAR_DATA_DIR`
//! overrides it), in WAL mode so that a crash mid-write never corrupts what was saved. Every write
//! is one transaction.

pub mod corrections;
pub mod migrations;
pub mod scenarios;
pub mod targets;
pub mod themes;
mod weights;

use crate::import::mapping::TableOverride;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed (permissions, corrupt file).
    #[error("database error: {0}")]
    Sql(rusqlite::Error),
    /// The disk (or the database's size limit) is full; the write was rolled back whole.
    #[error("the disk is full, so nothing was saved; free some space and try again")]
    Full,
    /// The app-data directory could not be created.
    #[error("cannot create the data folder {path}: {reason}")]
    Folder { path: String, reason: String },
    /// The database was written by a newer Northstar.
    #[error(
        "the database is from a newer Northstar (schema {found}, this version knows {supported})"
    )]
    NewerSchema { found: i64, supported: i64 },
    /// No scenario has this id.
    #[error("scenario {0} does not exist")]
    NotFound(i64),
    /// A stored value could not be decoded.
    #[error("stored value {key} is unreadable: {reason}")]
    Value { key: String, reason: String },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => StoreError::Full,
            _ => StoreError::Sql(e),
        }
    }
}

impl StoreError {
    pub fn kind(&self) -> &'static str {
        match self {
            StoreError::Sql(_) => "database",
            StoreError::Full => "disk_full",
            StoreError::Folder { .. } => "folder",
            StoreError::NewerSchema { .. } => "newer_schema",
            StoreError::Value { .. } => "value",
            StoreError::NotFound(_) => "not_found",
        }
    }
}

/// What was imported last, so the app reopens where the user left off.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
#[serde(tag = "source", rename_all = "lowercase")]
pub enum LastImport {
    Demo,
    Files { paths: Vec<String> },
}

#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecentFile {
    pub path: String,
    pub opened_at: String,
}

pub struct Store {
    conn: Connection,
    /// Set when the database was damaged and has been replaced; says where the old file is.
    pub recovered: Option<String>,
}

const DB_FILE: &str = "northstar.sqlite3";
const LAST_IMPORT: &str = "last_import";
const SETTINGS: &str = "settings";
const WINDOW: &str = "window_size";

/// `NORTHSTAR_DATA_DIR`, else the platform's data directory (`~/.local/share/northstar` on Linux).
pub fn default_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("NORTHSTAR_DATA_DIR").filter(|d| !d.is_empty()) {
        return PathBuf::from(dir);
    }
    dirs::data_dir().unwrap_or_else(std::env::temp_dir).join("northstar")
}

impl Store {
    pub fn open_default() -> Result<Store, StoreError> {
        Store::open(&default_dir())
    }

    /// Opens (or creates) the database. A damaged file is moved aside (never deleted) and a new one
    /// created; `recovered` then says where the old one is.
    /// Whether `dir` holds a store (the CLI's `--store` must not create an empty one by mistake).
    pub fn exists_in(dir: &Path) -> bool {
        dir.join(DB_FILE).is_file()
    }

    pub fn open(dir: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(dir).map_err(|e| StoreError::Folder {
            path: dir.display().to_string(),
            reason: e.to_string(),
        })?;
        let path = dir.join(DB_FILE);
        match Store::open_file(&path) {
            Ok(store) => Ok(store),
            Err(StoreError::NewerSchema { found, supported }) => {
                Err(StoreError::NewerSchema { found, supported })
            }
            Err(first) if path.exists() => {
                let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
                let aside = dir.join(format!("{DB_FILE}.damaged-{stamp}"));
                std::fs::rename(&path, &aside).map_err(|e| StoreError::Folder {
                    path: path.display().to_string(),
                    reason: e.to_string(),
                })?;
                for ext in ["-wal", "-shm"] {
                    let side = dir.join(format!("{DB_FILE}{ext}"));
                    if side.exists() {
                        let _ = std::fs::rename(
                            &side,
                            dir.join(format!("{DB_FILE}.damaged-{stamp}{ext}")),
                        );
                    }
                }
                let mut store = Store::open_file(&path)?;
                store.recovered = Some(format!(
                    "Your saved data could not be read ({first}) and was moved to {}; Northstar started with an empty one.",
                    aside.display()
                ));
                Ok(store)
            }
            Err(e) => Err(e),
        }
    }

    fn open_file(path: &Path) -> Result<Store, StoreError> {
        let mut conn = Connection::open(path)?;
        let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(StoreError::Value { key: "integrity_check".into(), reason: check });
        }
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        migrations::apply(&mut conn)?;
        Ok(Store { conn, recovered: None })
    }

    /// Saves the user's settings.
    pub fn save_settings(
        &mut self,
        settings: &crate::settings::Settings,
    ) -> Result<(), StoreError> {
        let value = serde_json::to_string(settings)
            .map_err(|e| StoreError::Value { key: SETTINGS.into(), reason: e.to_string() })?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![SETTINGS, value],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The window's last size (logical pixels), if remembered.
    pub fn window_size(&self) -> Result<Option<(f64, f64)>, StoreError> {
        self.get(WINDOW)
    }

    pub fn save_window_size(&mut self, width: f64, height: f64) -> Result<(), StoreError> {
        let value = serde_json::to_string(&(width, height))
            .map_err(|e| StoreError::Value { key: WINDOW.into(), reason: e.to_string() })?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![WINDOW, value],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// The saved settings, or the defaults.
    pub fn settings(&self) -> Result<crate::settings::Settings, StoreError> {
        Ok(self.get(SETTINGS)?.unwrap_or_default())
    }

    pub fn journal_mode(&self) -> Result<String, StoreError> {
        Ok(self.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?)
    }

    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self.conn.query_row("SELECT MAX(version) FROM schema_migrations", [], |r| r.get(0))?)
    }

    fn get<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>, StoreError> {
        let raw: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| r.get(0))
            .optional()?;
        raw.map(|s| {
            serde_json::from_str(&s)
                .map_err(|e| StoreError::Value { key: key.into(), reason: e.to_string() })
        })
        .transpose()
    }

    /// Records a successful import: the last import, and the files at the top of the recent list.
    pub fn remember_import(&mut self, last: &LastImport) -> Result<(), StoreError> {
        let value = serde_json::to_string(last)
            .map_err(|e| StoreError::Value { key: LAST_IMPORT.into(), reason: e.to_string() })?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![LAST_IMPORT, value],
        )?;
        if let LastImport::Files { paths } = last {
            let now = chrono::Utc::now().to_rfc3339();
            for p in paths {
                tx.execute(
                    "INSERT INTO recent_files (path, opened_seq, opened_at)
                     VALUES (?1, (SELECT COALESCE(MAX(opened_seq), 0) + 1 FROM recent_files), ?2)
                     ON CONFLICT(path) DO UPDATE SET opened_seq = (SELECT MAX(opened_seq) + 1 FROM recent_files), opened_at = excluded.opened_at",
                    params![p, now],
                )?;
            }
            // Keep the list short.
            tx.execute(
                "DELETE FROM recent_files WHERE path NOT IN (SELECT path FROM recent_files ORDER BY opened_seq DESC LIMIT 12)",
                [],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub fn last_import(&self) -> Result<Option<LastImport>, StoreError> {
        self.get(LAST_IMPORT)
    }

    /// Remembers the entries of one file (an empty list forgets them); corrections are remembered
    /// by header signature (`save_corrections`).
    pub fn save_mapping(
        &mut self,
        path: &str,
        overrides: &[TableOverride],
    ) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        corrections::write_per_file(&tx, path, overrides)?;
        tx.commit()?;
        Ok(())
    }

    /// The remembered overrides of these files, in order.
    pub fn mappings_for(&self, paths: &[String]) -> Result<Vec<TableOverride>, StoreError> {
        let mut out = Vec::new();
        for p in paths {
            let raw: Option<String> = self
                .conn
                .query_row("SELECT overrides FROM mappings WHERE path = ?1", [p], |r| r.get(0))
                .optional()?;
            if let Some(raw) = raw {
                let list: Vec<TableOverride> = serde_json::from_str(&raw)
                    .map_err(|e| StoreError::Value { key: p.clone(), reason: e.to_string() })?;
                out.extend(list);
            }
        }
        Ok(out)
    }

    pub fn recent_files(&self) -> Result<Vec<RecentFile>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, opened_at FROM recent_files ORDER BY opened_seq DESC")?;
        let rows =
            stmt.query_map([], |r| Ok(RecentFile { path: r.get(0)?, opened_at: r.get(1)? }))?;
        Ok(rows.collect::<Result<Vec<_>, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wal_migrations_and_last_import_survive_reopen() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut s = Store::open(dir.path()).unwrap();
            assert_eq!(s.journal_mode().unwrap(), "wal");
            assert_eq!(s.schema_version().unwrap(), 6);
            assert_eq!(s.last_import().unwrap(), None);
            s.remember_import(&LastImport::Files {
                paths: vec!["/a.xlsx".into(), "/b.csv".into()],
            })
            .unwrap();
            s.remember_import(&LastImport::Files { paths: vec!["/c.csv".into()] }).unwrap();
            s.remember_import(&LastImport::Files { paths: vec!["/a.xlsx".into()] }).unwrap();
        }
        let s = Store::open(dir.path()).unwrap();
        // Re-opening applies no migration twice.
        assert_eq!(s.schema_version().unwrap(), 6);
        assert_eq!(
            s.last_import().unwrap(),
            Some(LastImport::Files { paths: vec!["/a.xlsx".into()] })
        );
        let recent: Vec<String> = s.recent_files().unwrap().into_iter().map(|r| r.path).collect();
        assert_eq!(recent, ["/a.xlsx", "/c.csv", "/b.csv"]);
    }

    #[test]
    fn mappings_are_remembered_per_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        let ov: TableOverride = serde_json::from_str(
            r#"{"file": "a.csv", "kind": "customers", "columns": {"Owner": "csm"}}"#,
        )
        .unwrap();
        s.save_mapping("/data/a.csv", std::slice::from_ref(&ov)).unwrap();
        drop(s);
        let mut s = Store::open(dir.path()).unwrap();
        assert_eq!(
            s.mappings_for(&["/data/a.csv".into(), "/data/b.csv".into()]).unwrap(),
            vec![ov]
        );
        s.save_mapping("/data/a.csv", &[]).unwrap();
        assert!(s.mappings_for(&["/data/a.csv".into()]).unwrap().is_empty());
    }

    #[test]
    fn upgrades_a_version_1_database_in_place() {
        let dir = tempfile::tempdir().unwrap();
        {
            // A database as the first release left it: only migration 1 applied.
            let mut conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
            conn.execute_batch("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);").unwrap();
            let tx = conn.transaction().unwrap();
            tx.execute_batch(migrations::MIGRATIONS[0].2).unwrap();
            tx.execute("INSERT INTO schema_migrations VALUES (1, 'initial', 'then')", []).unwrap();
            tx.execute("INSERT INTO settings VALUES ('last_import', '{\"source\":\"demo\"}')", [])
                .unwrap();
            tx.commit().unwrap();
        }
        let s = Store::open(dir.path()).unwrap();
        assert_eq!(s.schema_version().unwrap(), 6);
        assert_eq!(s.last_import().unwrap(), Some(LastImport::Demo));
        // The database as it was before the upgrade was copied aside first, and still opens.
        let before = Connection::open(dir.path().join(format!("{DB_FILE}.before-v1"))).unwrap();
        let v: i64 = before
            .query_row("SELECT MAX(version) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        let last: String = before
            .query_row("SELECT value FROM settings WHERE key = 'last_import'", [], |r| r.get(0))
            .unwrap();
        assert_eq!((v, last.as_str()), (1, "{\"source\":\"demo\"}"));
        // An up-to-date database is not copied again.
        drop(s);
        let mut s = Store::open(dir.path()).unwrap();
        let copies = std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().contains("before-v"))
            .count();
        assert_eq!(copies, 1);
        // The upgraded database takes the newer tables.
        s.save_mapping("/a.csv", &[]).unwrap();
        assert!(s.scenarios().unwrap().is_empty());
        assert!(s.remembered_mappings().unwrap().is_empty());
    }

    #[test]
    fn window_size_is_remembered() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        assert_eq!(s.window_size().unwrap(), None);
        s.save_window_size(1500.0, 900.0).unwrap();
        drop(s);
        assert_eq!(Store::open(dir.path()).unwrap().window_size().unwrap(), Some((1500.0, 900.0)));
    }

    #[test]
    fn settings_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        assert_eq!(s.settings().unwrap(), crate::settings::Settings::default());
        let mine = crate::settings::Settings {
            gross_margin: Some(0.75),
            csat_scale: Some(7),
            currency_symbol: Some("€".into()),
            ..Default::default()
        };
        s.save_settings(&mine).unwrap();
        drop(s);
        assert_eq!(Store::open(dir.path()).unwrap().settings().unwrap(), mine);
    }

    #[test]
    fn a_damaged_database_is_set_aside_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(DB_FILE), b"this is not a database, it is a damaged file")
            .unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        let note = s.recovered.clone().unwrap();
        assert!(note.contains("damaged"), "{note}");
        // The new database works, and the old file is still there, untouched.
        s.remember_import(&LastImport::Demo).unwrap();
        let aside: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with("northstar.sqlite3.damaged-"))
            .collect();
        assert_eq!(aside.len(), 1);
        assert_eq!(
            std::fs::read(aside[0].path()).unwrap(),
            b"this is not a database, it is a damaged file"
        );
    }

    #[test]
    fn refuses_a_newer_schema() {
        let dir = tempfile::tempdir().unwrap();
        drop(Store::open(dir.path()).unwrap());
        let conn = Connection::open(dir.path().join(DB_FILE)).unwrap();
        conn.execute("INSERT INTO schema_migrations VALUES (99, 'future', 'now')", []).unwrap();
        drop(conn);
        assert!(matches!(Store::open(dir.path()), Err(StoreError::NewerSchema { found: 99, .. })));
    }
}
