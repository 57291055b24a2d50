-- Activities deleted by retention, so that a later import of the same file
-- does not bring them back. Only a hash of the id is kept, never content.

CREATE TABLE purged_activity (
    id_sha256 TEXT PRIMARY KEY,        -- SHA-256 of the activity id
    purged_at TEXT NOT NULL
);
