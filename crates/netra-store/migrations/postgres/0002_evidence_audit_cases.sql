-- Evidence, audit log, elections, cases and their review (issue 7).
-- Migrations are never edited once applied; add a new file instead.
-- Times are RFC 3339 in UTC with milliseconds (ordered as text); dates are
-- YYYY-MM-DD in the election's time zone.

CREATE TABLE election (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    timezone TEXT NOT NULL,
    candidate_determination TEXT NOT NULL,
    voting_day TEXT NOT NULL,
    monitoring_start TEXT NOT NULL,
    monitoring_end TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Content-addressed evidence: one row per distinct content.
CREATE TABLE evidence (
    sha256 TEXT PRIMARY KEY,           -- of the bytes
    kind TEXT NOT NULL,                -- activity_json, text, image, screenshot, file
    media_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    content BYTEA,                     -- the bytes, when kept in the database
    file TEXT,                         -- else: path relative to the evidence directory
    stored_at TEXT NOT NULL
);

-- Who captured which evidence for what, from where.
CREATE TABLE evidence_capture (
    sha256 TEXT NOT NULL REFERENCES evidence (sha256),
    subject TEXT NOT NULL,             -- activity:<id> or case:<id>
    source TEXT NOT NULL,              -- file, URL or feed
    captured_at TEXT NOT NULL,
    importer TEXT NOT NULL,            -- the netra component that imported it
    imported_by TEXT NOT NULL,         -- the user
    imported_at TEXT NOT NULL,
    PRIMARY KEY (sha256, subject)
);
CREATE INDEX evidence_capture_subject ON evidence_capture (subject);

-- Hash-chained, append-only audit log. Holds ids, counts and hashes, never
-- personal content, so purging data never touches it.
CREATE TABLE audit_log (
    seq BIGINT PRIMARY KEY,            -- 1, 2, 3, … without gaps
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    detail TEXT NOT NULL,              -- JSON object
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);

-- The chain's last entry; its row lock serialises all audited writes.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Signed checkpoints: HMAC-SHA256 over (seq, hash, at) with a key in the data directory.
CREATE TABLE audit_checkpoint (
    seq BIGINT PRIMARY KEY,
    hash TEXT NOT NULL,
    at TEXT NOT NULL,
    key_id TEXT NOT NULL,
    mac TEXT NOT NULL
);

-- A case: signals of one ASN in one election, and where its review stands.
CREATE TABLE review_case (
    id BIGSERIAL PRIMARY KEY,
    election_id TEXT NOT NULL,
    nip TEXT NOT NULL REFERENCES asn (nip),
    target INTEGER NOT NULL,           -- ballot number of the strongest signal's pair
    label TEXT NOT NULL,               -- support / oppose (strongest signal)
    class TEXT NOT NULL,               -- ethics / discipline
    severity TEXT NOT NULL,            -- low / medium / high
    score DOUBLE PRECISION NOT NULL,
    signal_count INTEGER NOT NULL,
    rules TEXT NOT NULL,               -- JSON array of rule / violation codes
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    deadline TEXT NOT NULL,            -- reporting deadline
    state TEXT NOT NULL,
    version BIGINT NOT NULL,           -- +1 on every change (optimistic concurrency)
    opened_by TEXT NOT NULL,
    opened_at TEXT NOT NULL,
    submitted_by TEXT,                 -- who sent it to review
    updated_at TEXT NOT NULL,
    clarification TEXT,                -- the ASN's clarification
    clarification_sha256 TEXT
);
CREATE UNIQUE INDEX review_case_open ON review_case (election_id, nip)
    WHERE state IN ('new', 'in_review', 'clarification_requested');
CREATE INDEX review_case_nip ON review_case (nip);

CREATE TABLE case_signal (
    case_id BIGINT NOT NULL REFERENCES review_case (id),
    election_id TEXT NOT NULL,
    activity_id TEXT NOT NULL,
    rule TEXT NOT NULL,
    target INTEGER NOT NULL,
    rank INTEGER NOT NULL,             -- 0 = strongest evidence
    PRIMARY KEY (case_id, activity_id, rule, target),
    FOREIGN KEY (election_id, activity_id, rule, target)
        REFERENCES signal (election_id, activity_id, rule, target)
);
CREATE INDEX case_signal_activity ON case_signal (activity_id);

-- The case's history: opening, refreshes and every transition.
CREATE TABLE case_event (
    case_id BIGINT NOT NULL REFERENCES review_case (id),
    version BIGINT NOT NULL,           -- the case's version after the event
    from_state TEXT,
    to_state TEXT NOT NULL,
    actor TEXT NOT NULL,
    reason TEXT NOT NULL,
    at TEXT NOT NULL,
    audit_seq BIGINT NOT NULL,
    PRIMARY KEY (case_id, version)
);
