-- People who use the web app (`netra serve`), their login sessions, and the
-- notes analysts and reviewers add to cases.
-- Migrations are never edited once applied; add a new file instead.

-- A user: one role each (admin, analyst, reviewer, auditor). Passwords are
-- kept only as Argon2id PHC strings. A disabled user cannot log in and has
-- no sessions; users are never deleted, so the audit log's names stay meaningful.
CREATE TABLE app_user (
    name TEXT PRIMARY KEY,             -- the login name, also the audit log's actor
    role TEXT NOT NULL,
    password_hash TEXT NOT NULL,       -- Argon2id, PHC string format
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    created_by TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A login session. Only the SHA-256 of the random token is kept, so a copy
-- of the database opens no session. `csrf` is the form token of the session.
CREATE TABLE web_session (
    token_sha256 TEXT PRIMARY KEY,
    user_name TEXT NOT NULL REFERENCES app_user (name),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX web_session_user ON web_session (user_name);

-- A note on a case (the audit log holds its hash). Purging a case removes its notes.
CREATE TABLE case_note (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    case_id BIGINT NOT NULL REFERENCES review_case (id) ON DELETE CASCADE,
    author TEXT NOT NULL,
    text TEXT NOT NULL,
    at TEXT NOT NULL,
    audit_seq BIGINT NOT NULL
);
CREATE INDEX case_note_case ON case_note (case_id);
