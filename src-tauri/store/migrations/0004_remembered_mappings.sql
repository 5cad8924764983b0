-- Corrections remembered by the header signature of the table they were made on (exports.md §10):
-- any later table whose header has the same set of normalised cells gets the newest, whatever its
-- file, folder or sheet is called.
CREATE TABLE remembered_mappings (
    -- JSON array of the normalised header cells, sorted (import::remember::of_texts).
    signature  TEXT PRIMARY KEY,
    -- JSON import::mapping::TableOverride naming these "headers" instead of a file.
    correction TEXT NOT NULL,
    -- When it was saved (RFC 3339, UTC), and the order of saves: the newest is the highest.
    saved_at   TEXT NOT NULL,
    saved_seq  INTEGER NOT NULL
);
