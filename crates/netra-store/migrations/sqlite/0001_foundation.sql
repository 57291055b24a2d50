-- Foundation schema: registry, activities of registered accounts, signals.
-- Migrations are never edited once applied; add a new file instead.

CREATE TABLE asn (
    nip TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    position TEXT NOT NULL,
    unit TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE asn_account (
    account_key TEXT PRIMARY KEY,      -- platform:handle, lower-case
    nip TEXT NOT NULL REFERENCES asn (nip),
    source TEXT NOT NULL               -- 'declared' or 'linked'
);
CREATE INDEX asn_account_nip ON asn_account (nip);

CREATE TABLE activity (
    id TEXT PRIMARY KEY,               -- unique per platform, e.g. x:1790000000
    platform TEXT NOT NULL,
    account_key TEXT NOT NULL,
    kind TEXT NOT NULL,
    created_at TEXT NOT NULL,          -- RFC 3339 as given
    created_at_utc TEXT NOT NULL,      -- RFC 3339 in UTC, for ordering
    created_at_approx INTEGER NOT NULL,
    sha256 TEXT NOT NULL,              -- of the canonical JSON below
    json TEXT NOT NULL,                -- the canonical activity
    source TEXT NOT NULL,              -- file or feed it came from
    imported_at TEXT NOT NULL
);
CREATE INDEX activity_account ON activity (account_key);

CREATE TABLE signal (
    election_id TEXT NOT NULL,
    activity_id TEXT NOT NULL REFERENCES activity (id),
    rule TEXT NOT NULL,
    target INTEGER NOT NULL,
    label TEXT NOT NULL,
    score DOUBLE PRECISION NOT NULL,
    reasons TEXT NOT NULL,             -- JSON array of strings
    account_key TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    PRIMARY KEY (election_id, activity_id, rule, target)
);
CREATE INDEX signal_account ON signal (election_id, account_key);
