-- Login throttling and idle sessions for the web app (`netra serve`).
-- Migrations are never edited once applied; add a new file instead.

-- Failed logins per key: `user:NAME` (any name typed, known or not, so a
-- lockout tells nothing about which names exist) or `addr:IP` (the client).
-- `failures` counts within the window that began at `window_start`; at the
-- limit the key is refused until `locked_until` and the count starts again.
-- Kept in the store so that several `netra serve` processes share it.
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL,
    window_start TEXT NOT NULL,        -- RFC 3339, UTC
    locked_until TEXT                  -- RFC 3339, UTC; NULL when not locked
);

-- When a session was last used (written at most once a minute), for the
-- idle timeout. NULL for sessions opened before this migration: their
-- `created_at` stands in.
ALTER TABLE web_session ADD COLUMN last_seen_at TEXT;
