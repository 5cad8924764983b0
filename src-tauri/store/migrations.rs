//! Embedded, numbered schema migrations. Each runs in its own transaction together with its row in
//! `schema_migrations`, so a crash mid-migration leaves the database at the previous version.
//! Migrations are append-only: never edit one that has shipped. Before migrating an existing
//! database, a consistent copy of it is written beside it (`northstar.db.before-v{N}`), so that even a
//! faulty migration cannot lose the user's scenarios.

use super::StoreError;
use rusqlite::{params, Connection};

/// (version, name, SQL)
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("migrations/0001_initial.sql")),
    (2, "mappings", include_str!("migrations/0002_mappings.sql")),
    (3, "scenarios", include_str!("migrations/0003_scenarios.sql")),
    (4, "remembered_mappings", include_str!("migrations/0004_remembered_mappings.sql")),
    (5, "targets", include_str!("migrations/0005_targets.sql")),
    (6, "voice_themes", include_str!("migrations/0006_voice_themes.sql")),
];

pub fn apply(conn: &mut Connection) -> Result<usize, StoreError> {
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
             version    INTEGER PRIMARY KEY,
             name       TEXT NOT NULL,
             applied_at TEXT NOT NULL
         );",
    )?;
    let current: i64 =
        conn.query_row("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", [], |r| {
            r.get(0)
        })?;
    let latest = MIGRATIONS.last().map(|m| m.0).unwrap_or(0);
    if current > latest {
        return Err(StoreError::NewerSchema { found: current, supported: latest });
    }
    let pending = MIGRATIONS.iter().any(|m| m.0 > current);
    if pending && current > 0 {
        backup(conn, current)?;
    }
    let mut applied = 0;
    for (version, name, sql) in MIGRATIONS.iter().filter(|m| m.0 > current) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            params![version, name, chrono::Utc::now().to_rfc3339()],
        )?;
        tx.commit()?;
        applied += 1;
    }
    Ok(applied)
}

/// Copies the database (WAL included) to `<file>.before-v<version>` with `VACUUM INTO`, which
/// writes a consistent snapshot. An older copy of the same version is kept, not overwritten.
fn backup(conn: &Connection, version: i64) -> Result<(), StoreError> {
    let Some(path) = conn.path().filter(|p| !p.is_empty()).map(std::path::PathBuf::from) else {
        return Ok(()); // an in-memory database has nothing to lose
    };
    let mut target = path.with_file_name(format!(
        "{}.before-v{version}",
        path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    ));
    if target.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%S");
        target = target.with_extension(format!("before-v{version}-{stamp}"));
    }
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])?;
    Ok(())
}
