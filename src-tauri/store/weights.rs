//! Suggested health weights applied with one click, and the click that goes back: the weights in
//! use before are kept under their own key, written in the same transaction as the new settings,
//! so a crash never leaves new weights without the way back.

use super::{Store, StoreError, SETTINGS};
use crate::settings::{HealthWeights, Settings};
use rusqlite::params;

const BEFORE: &str = "health_weights_before";

impl Store {
    /// Puts `weights` in the health settings; the weights they replace can be restored.
    pub fn apply_health_weights(
        &mut self,
        weights: &HealthWeights,
    ) -> Result<Settings, StoreError> {
        let mut settings = self.settings()?;
        let before = std::mem::replace(&mut settings.health.weights, weights.clone());
        self.write(&settings, Some(&before))?;
        Ok(settings)
    }

    /// The weights in use before the last `apply_health_weights`, if not restored since.
    pub fn health_weights_before(&self) -> Result<Option<HealthWeights>, StoreError> {
        self.get(BEFORE)
    }

    /// Goes back to the weights in use before the last `apply_health_weights` (nothing to undo:
    /// the settings unchanged).
    pub fn restore_health_weights(&mut self) -> Result<Settings, StoreError> {
        let mut settings = self.settings()?;
        if let Some(before) = self.health_weights_before()? {
            settings.health.weights = before;
            self.write(&settings, None)?;
        }
        Ok(settings)
    }

    fn write(
        &mut self,
        settings: &Settings,
        before: Option<&HealthWeights>,
    ) -> Result<(), StoreError> {
        let value = json(SETTINGS, settings)?;
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![SETTINGS, value],
        )?;
        match before {
            Some(w) => tx.execute(
                "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                params![BEFORE, json(BEFORE, w)?],
            )?,
            None => tx.execute("DELETE FROM settings WHERE key = ?1", [BEFORE])?,
        };
        tx.commit()?;
        Ok(())
    }
}

fn json<T: serde::Serialize>(key: &str, v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v)
        .map_err(|e| StoreError::Value { key: key.into(), reason: e.to_string() })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn apply_then_go_back() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        let suggested = HealthWeights {
            utilization: 98.0,
            nps: 0.0,
            mrr_trend: 2.0,
            support: 0.0,
            engagement: 0.0,
        };
        let s = store.apply_health_weights(&suggested).unwrap();
        assert_eq!(s.health.weights, suggested);
        assert_eq!(store.settings().unwrap().health.weights, suggested);
        assert_eq!(store.health_weights_before().unwrap(), Some(HealthWeights::default()));
        // Survives a reopen (the way back is stored, not held in memory).
        drop(store);
        let mut store = Store::open(dir.path()).unwrap();
        let back = store.restore_health_weights().unwrap();
        assert_eq!(back.health.weights, HealthWeights::default());
        assert_eq!(store.settings().unwrap().health.weights, HealthWeights::default());
        assert_eq!(store.health_weights_before().unwrap(), None);
        // A second "back" has nothing to undo.
        assert_eq!(
            store.restore_health_weights().unwrap().health.weights,
            HealthWeights::default()
        );
    }
}
