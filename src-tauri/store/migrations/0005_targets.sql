-- The user's targets per KPI (issue 17), set in Settings: they win over Northstar's defaults, and a
-- targets table in the imported files wins over them. A row without bounds is "no target", so a
-- default the user cleared stays cleared. Bounds are exact decimals written as text.
CREATE TABLE targets (
    kpi           TEXT NOT NULL,
    -- '' for a target for everyone (NULLs would not keep the key unique).
    segment_key   TEXT NOT NULL DEFAULT '',
    segment_value TEXT NOT NULL DEFAULT '',
    csm           TEXT NOT NULL DEFAULT '',
    low           TEXT,
    high          TEXT,
    note          TEXT,
    -- The order the user gave them in, and when they were saved (RFC 3339, UTC).
    position      INTEGER NOT NULL,
    saved_at      TEXT NOT NULL,
    PRIMARY KEY (kpi, segment_key, segment_value, csm)
);
