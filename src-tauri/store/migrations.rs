//! Embedded, numbered schema migrations. Each runs in its own transaction together with its row in
//! `schema_migrations`, so a crash mid-migration leaves the database at the previous version.
//! Migrations are append-only: never edit one that has shipped.

use super::StoreError;
use rusqlite::{params, Connection};

/// (version, name, SQL)
pub const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("migrations/0001_initial.sql")),
    (2, "mappings", include_str!("migrations/0002_mappings.sql")),
    (3, "scenarios", include_str!("migrations/0003_scenarios.sql")),
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
