//! The user's targets (Settings): listed, saved as a whole list, cleared. Every write is one
//! transaction, so a failed save leaves the previous list whole.

use super::{Store, StoreError};
use crate::model::Target;
use rusqlite::params;
use rust_decimal::Decimal;

/// What a stored target says it comes from.
pub const SOURCE: &str = "Settings";

fn decimal(kpi: &str, raw: Option<String>) -> Result<Option<Decimal>, StoreError> {
    raw.map(|s| {
        s.parse::<Decimal>().map_err(|e| StoreError::Value {
            key: format!("targets.{kpi}"),
            reason: format!("{s:?}: {e}"),
        })
    })
    .transpose()
}

/// '' for none: the key columns are NOT NULL.
fn key(v: Option<&str>) -> &str {
    v.unwrap_or("")
}

fn none_if_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

impl Store {
    /// The user's targets, in the order they were saved.
    pub fn targets(&self) -> Result<Vec<Target>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT kpi, segment_key, segment_value, csm, low, high, note
             FROM targets ORDER BY position",
        )?;
        type Row = (String, String, String, String, Option<String>, Option<String>, Option<String>);
        let rows = stmt.query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?, r.get(6)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (kpi, seg_key, seg_value, csm, low, high, note): Row = row?;
            let segment = (!seg_key.is_empty()).then_some((seg_key, seg_value));
            out.push(Target {
                low: decimal(&kpi, low)?,
                high: decimal(&kpi, high)?,
                note,
                source: SOURCE.to_string(),
                segment,
                csm: none_if_empty(csm),
                kpi,
            });
        }
        Ok(out)
    }

    /// Replaces the user's targets with `list` (checked by the caller: `targets::validate_all`).
    /// A target without bounds is kept: it clears that KPI's default.
    pub fn save_targets(&mut self, list: &[Target]) -> Result<(), StoreError> {
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM targets", [])?;
        for (i, t) in list.iter().enumerate() {
            let (seg_key, seg_value) = match &t.segment {
                Some((k, v)) => (k.as_str(), v.as_str()),
                None => ("", ""),
            };
            tx.execute(
                "INSERT INTO targets (kpi, segment_key, segment_value, csm, low, high, note, position, saved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![
                    t.kpi,
                    seg_key,
                    seg_value,
                    key(t.csm.as_deref()),
                    t.low.map(|d| d.to_string()),
                    t.high.map(|d| d.to_string()),
                    t.note,
                    i as i64,
                    now
                ],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Forgets every target of the user: the defaults apply again.
    pub fn clear_targets(&mut self) -> Result<(), StoreError> {
        self.save_targets(&[])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Option<Decimal> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn targets_are_saved_exactly_listed_and_cleared() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path()).unwrap();
        assert!(s.targets().unwrap().is_empty());
        let nrr = Target {
            kpi: "nrr".into(),
            low: d("1.10"),
            source: SOURCE.into(),
            note: Some("board plan".into()),
            ..Default::default()
        };
        // NPS cleared (no bounds), and a band for plan Pro's view; a target for Alice.
        let nps = Target { kpi: "nps".into(), source: SOURCE.into(), ..Default::default() };
        let pro = Target {
            kpi: "nps".into(),
            low: d("40"),
            high: d("80"),
            source: SOURCE.into(),
            segment: Some(("plan".into(), "Pro".into())),
            ..Default::default()
        };
        let alice = Target {
            kpi: "nrr".into(),
            high: d("0.0000000001"),
            source: SOURCE.into(),
            csm: Some("Alice".into()),
            ..Default::default()
        };
        let list = vec![nrr, nps, pro, alice];
        s.save_targets(&list).unwrap();
        drop(s);
        let mut s = Store::open(dir.path()).unwrap();
        // Exactly as saved: 1.10 keeps its digits, 1e-10 is not rounded, the cleared NPS stays.
        assert_eq!(s.targets().unwrap(), list);
        // Saving a list replaces the whole list.
        s.save_targets(&list[1..2]).unwrap();
        assert_eq!(s.targets().unwrap(), list[1..2].to_vec());
        s.clear_targets().unwrap();
        assert!(s.targets().unwrap().is_empty());
        // The same KPI twice for the same scope is refused whole: the list before stays.
        s.save_targets(&list).unwrap();
        let twice = vec![list[0].clone(), list[0].clone()];
        assert!(s.save_targets(&twice).is_err());
        assert_eq!(s.targets().unwrap(), list);
    }

    #[test]
    fn a_version_4_database_upgrades_and_keeps_its_data() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join(super::super::DB_FILE);
        {
            // A database as the release before targets left it: migrations 1 to 4, with data.
            let mut conn = rusqlite::Connection::open(&db).unwrap();
            conn.execute_batch("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);").unwrap();
            for (version, name, sql) in &super::super::migrations::MIGRATIONS[..4] {
                let tx = conn.transaction().unwrap();
                tx.execute_batch(sql).unwrap();
                tx.execute(
                    "INSERT INTO schema_migrations VALUES (?1, ?2, 'then')",
                    params![version, name],
                )
                .unwrap();
                tx.commit().unwrap();
            }
            conn.execute_batch(
                r#"INSERT INTO settings VALUES ('last_import', '{"source":"demo"}');
                   INSERT INTO settings VALUES ('settings', '{"gross_margin":0.7}');
                   INSERT INTO recent_files VALUES ('/data/a.xlsx', 1, 'then');
                   INSERT INTO mappings VALUES ('/data/a.xlsx', '[{"file":"a.xlsx","kind":"customers"}]');
                   INSERT INTO scenarios (name, notes, inputs, created_at, updated_at)
                       VALUES ('Plan B', 'kept', '{"start_mrr": 1000, "monthly_churn": 0.02}', 'then', 'then');
                   INSERT INTO remembered_mappings VALUES ('["client","rev"]', '{"headers":["client","rev"],"kind":"mrr"}', 'then', 1);"#,
            )
            .unwrap();
        }
        let mut s = Store::open(dir.path()).unwrap();
        assert_eq!(s.schema_version().unwrap(), 6);
        // Everything the version 4 database held is still there.
        assert_eq!(s.last_import().unwrap(), Some(super::super::LastImport::Demo));
        assert_eq!(s.settings().unwrap().gross_margin, Some(0.7));
        assert_eq!(s.recent_files().unwrap()[0].path, "/data/a.xlsx");
        assert_eq!(s.mappings_for(&["/data/a.xlsx".into()]).unwrap().len(), 1);
        let scenarios = s.scenarios().unwrap();
        assert_eq!((scenarios.len(), scenarios[0].name.as_str()), (1, "Plan B"));
        assert_eq!(scenarios[0].notes, "kept");
        assert_eq!(s.remembered_mappings().unwrap().len(), 1);
        // The copy made before the upgrade is at version 4.
        let before = rusqlite::Connection::open(
            dir.path().join(format!("{}.before-v4", super::super::DB_FILE)),
        )
        .unwrap();
        let v: i64 = before
            .query_row("SELECT MAX(version) FROM schema_migrations", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, 4);
        // The new table starts empty (the defaults apply) and takes targets.
        assert!(s.targets().unwrap().is_empty());
        let t = Target {
            kpi: "nrr".into(),
            low: d("1.1"),
            source: SOURCE.into(),
            ..Default::default()
        };
        s.save_targets(std::slice::from_ref(&t)).unwrap();
        assert_eq!(s.targets().unwrap(), vec![t]);
    }
}
