-- Saved what-if scenarios: inputs as JSON (the shape `northstar forecast` reads) and the dataset
-- they were based on.
CREATE TABLE scenarios (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT NOT NULL,
    notes         TEXT NOT NULL DEFAULT '',
    inputs        TEXT NOT NULL,
    dataset_files TEXT NOT NULL DEFAULT '[]',
    dataset_hash  TEXT,
    period_from   TEXT,
    period_to     TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
