-- The user's choices about voice-of-the-customer themes (issue 21), keyed by the theme's stem so
-- they apply again to the next import: a name of their own, the theme it was merged into, hidden.
CREATE TABLE voice_themes (
    key         TEXT PRIMARY KEY,
    name        TEXT,
    merged_into TEXT,
    hidden      INTEGER NOT NULL DEFAULT 0
);
