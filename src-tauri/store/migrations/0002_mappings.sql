-- The user's corrections of detected kinds and column mappings, per imported file (JSON list of
-- import::mapping::TableOverride).
CREATE TABLE mappings (
    path      TEXT PRIMARY KEY,
    overrides TEXT NOT NULL
);
