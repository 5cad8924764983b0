-- Settings as JSON values by key (the last imported files, user preferences).
CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- Files the user opened, newest first by opened_seq.
CREATE TABLE recent_files (
    path       TEXT PRIMARY KEY,
    opened_seq INTEGER NOT NULL,
    opened_at  TEXT NOT NULL
);
