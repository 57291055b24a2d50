-- Reports from the public (`/lapor` in the web app).
-- Migrations are never edited once applied; add a new file instead.

-- One report as the public sent it. The tracking code is stored only as
-- its SHA-256 (a reader of the database cannot look a report up by code);
-- the reporter's contact is optional and set to NULL when the report is
-- closed; a report that never joined a case is purged with the activities
-- that made no case. `case_id` has no foreign key: a purged case takes its
-- reports with it (see purge.rs).
CREATE TABLE public_report (
    id BIGSERIAL PRIMARY KEY,
    code_sha256 TEXT NOT NULL UNIQUE,
    received_at TEXT NOT NULL,         -- RFC 3339, UTC
    what TEXT NOT NULL,                -- what happened, as written
    links TEXT NOT NULL,               -- JSON array of the links given
    person TEXT,                       -- name or handle of the person reported
    contact TEXT,                      -- the reporter's contact; NULL once closed
    screenshot_sha256 TEXT,            -- evidence (subject `report:<id>`)
    state TEXT NOT NULL,               -- received, in_review, forwarded, closed
    case_id BIGINT,                    -- the case it joined
    public_message TEXT,               -- what staff tell the reporter
    updated_at TEXT NOT NULL,
    updated_by TEXT
);
CREATE INDEX public_report_state ON public_report (state, received_at);
CREATE INDEX public_report_case ON public_report (case_id);
