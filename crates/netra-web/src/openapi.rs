//! The API's OpenAPI 3.1 document, written by hand next to the routes it
//! describes (a test checks every `/api` route is in it).

use axum::Json;
use serde_json::{json, Value};

/// `GET /api/openapi.json` (no login needed: it holds no data).
pub async fn serve() -> Json<Value> {
    Json(document())
}

fn filters() -> Value {
    let p = |name: &str, desc: &str| json!({ "name": name, "in": "query", "required": false, "schema": { "type": "string" }, "description": desc });
    json!([
        p("election", "Election id."),
        p("state", "A case state (new, in_review, clarification_requested, confirmed, dismissed, reported, sanction_recorded) or `open`."),
        p("q", "Part of the ASN's name (any case) or NIP."),
        p("unit", "The unit, exactly."),
        p("pair", "Ballot number of the case's pair."),
        p("severity", "low, medium or high."),
        p("class", "ethics or discipline."),
    ])
}

fn error_responses() -> Value {
    let e = |d: &str| json!({ "description": d, "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } });
    json!({
        "400": e("Bad input (the message says what)."),
        "401": e("Not logged in, or the session ended."),
        "403": e("The role may not do this, a missing CSRF token, or the four-eyes rule."),
        "404": e("No such case."),
        "409": e("The case changed since the version given, or the workflow forbids the move."),
    })
}

/// The document.
#[allow(clippy::too_many_lines, reason = "one literal document")]
pub fn document() -> Value {
    let ok = |d: &str, schema: Value| json!({ "description": d, "content": { "application/json": { "schema": schema } } });
    let with_errors = |mut responses: Value| {
        if let (Some(r), Some(e)) = (responses.as_object_mut(), error_responses().as_object()) {
            for (k, v) in e {
                r.insert(k.clone(), v.clone());
            }
        }
        responses
    };
    let id_param =
        json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }]);
    let csrf = json!({ "name": "X-CSRF-Token", "in": "header", "required": false, "schema": { "type": "string" },
        "description": "The session's CSRF token (from /api/login or /api/me); required with a cookie session, not with a bearer token." });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "netra API",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Cases of civil servants (ASN) whose social-media activity may break election neutrality, for people to review. A signal is not a finding: a person decides each case; netra sends nothing anywhere on its own. Every read of a case and every action is written to the audit log with the user. Times are RFC 3339 in UTC. Messages are in Bahasa Indonesia unless the `netra_lang=en` cookie is set."
        },
        "servers": [{ "url": "/" }],
        "security": [{ "session": [] }, { "bearer": [] }],
        "paths": {
            "/api/login": { "post": {
                "summary": "Log in; returns a bearer token and sets the session cookie.",
                "security": [],
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "required": ["name", "password"],
                    "properties": { "name": { "type": "string" }, "password": { "type": "string", "format": "password" } } } } } },
                "responses": with_errors(json!({ "200": ok("Logged in.", json!({ "$ref": "#/components/schemas/Session" })),
                    "429": { "description": "Too many failed logins for this name or from this address (code `too_many_attempts`); `Retry-After` says in how many seconds to try again.",
                        "headers": { "Retry-After": { "schema": { "type": "integer" } } },
                        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Error" } } } } }))
            } },
            "/api/logout": { "post": {
                "summary": "End this session.",
                "parameters": [csrf],
                "responses": with_errors(json!({ "200": ok("Logged out.", json!({ "type": "object" })) }))
            } },
            "/api/me": { "get": {
                "summary": "Who is logged in, with the role and the CSRF token.",
                "responses": with_errors(json!({ "200": ok("The user.", json!({ "type": "object", "properties": {
                    "user": { "type": "string" }, "role": { "$ref": "#/components/schemas/Role" }, "csrf": { "type": "string" } } })) }))
            } },
            "/api/cases": { "get": {
                "summary": "Cases, soonest deadline first, filtered (logged as cases.list).",
                "parameters": filters(),
                "responses": with_errors(json!({ "200": ok("The cases.", json!({ "type": "object", "properties": {
                    "total": { "type": "integer" }, "cases": { "type": "array", "items": { "$ref": "#/components/schemas/Case" } } } })) }))
            } },
            "/api/cases/{id}": { "get": {
                "summary": "One case with its signals (text, reasons, evidence hash and check), history, notes and the moves you may make (logged as case.view).",
                "parameters": id_param,
                "responses": with_errors(json!({ "200": ok("The case.", json!({ "$ref": "#/components/schemas/CaseDetail" })) }))
            } },
            "/api/cases/{id}/move": { "post": {
                "summary": "Move a case through the review workflow (reviewers; analysts only new → in_review). Four-eyes on confirmed.",
                "parameters": [id_param[0].clone(), csrf.clone()],
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "required": ["to", "reason"],
                    "properties": {
                        "to": { "$ref": "#/components/schemas/State" },
                        "reason": { "type": "string", "description": "Why; kept in the case history, its hash in the audit log." },
                        "expected_version": { "type": "integer", "description": "The version you looked at; a newer one gives 409." },
                        "clarification": { "type": "string", "description": "The ASN's clarification, when the case leaves clarification_requested." } } } } } },
                "responses": with_errors(json!({ "200": ok("The case after the move.", json!({ "$ref": "#/components/schemas/Case" })) }))
            } },
            "/api/cases/{id}/notes": { "post": {
                "summary": "Add a note (analysts and reviewers).",
                "parameters": [id_param[0].clone(), csrf],
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "required": ["text"], "properties": { "text": { "type": "string" } } } } } },
                "responses": with_errors(json!({ "201": ok("The note.", json!({ "type": "object" })) }))
            } },
            "/api/stats": { "get": {
                "summary": "Cases and signals per pair (every pair side by side), cases per unit, signals per platform (each split by pair), cases per state, deadlines.",
                "parameters": [{ "name": "election", "in": "query", "required": false, "schema": { "type": "string" }, "description": "Election id; default the one voting last." }],
                "responses": with_errors(json!({ "200": ok("The numbers.", json!({ "type": "object" })) }))
            } },
            "/api/audit": { "get": {
                "summary": "The newest audit log entries (auditors and admins).",
                "parameters": [
                    { "name": "actor", "in": "query", "schema": { "type": "string" } },
                    { "name": "action", "in": "query", "schema": { "type": "string" }, "description": "An action or its prefix: case, case.view, export, auth, user." },
                    { "name": "case", "in": "query", "schema": { "type": "integer" } },
                    { "name": "limit", "in": "query", "schema": { "type": "integer", "default": 200, "maximum": 5000 } }
                ],
                "responses": with_errors(json!({ "200": ok("The entries, oldest first.", json!({ "type": "object" })) }))
            } },
            "/api/reports": { "get": {
                "summary": "Reports from the public (sent at /lapor), newest first (logged as public_reports.list). Every role reads them.",
                "parameters": [{ "name": "state", "in": "query", "required": false, "schema": { "$ref": "#/components/schemas/ReportState" } }],
                "responses": with_errors(json!({ "200": ok("The reports.", json!({ "type": "object", "properties": {
                    "total": { "type": "integer" }, "reports": { "type": "array", "items": { "$ref": "#/components/schemas/PublicReport" } } } })) }))
            } },
            "/api/reports/{id}": { "get": {
                "summary": "One report from the public (logged as public_report.view).",
                "parameters": id_param,
                "responses": with_errors(json!({ "200": ok("The report.", json!({ "$ref": "#/components/schemas/PublicReport" })) }))
            } },
            "/api/reports/{id}/action": { "post": {
                "summary": "Act on a report (analysts and reviewers): `review` (received → in_review), `link` to an existing case (its screenshot joins the case's evidence), `close` with a message the reporter sees on the status page (the reporter's contact is deleted). Logged as public_report.review / .link / .close.",
                "parameters": [id_param[0].clone(), csrf.clone()],
                "requestBody": { "required": true, "content": { "application/json": { "schema": {
                    "type": "object", "required": ["action"],
                    "properties": {
                        "action": { "type": "string", "enum": ["review", "link", "close"] },
                        "case_id": { "type": "integer", "description": "For `link`: the case." },
                        "message": { "type": "string", "description": "For `close`: shown to the reporter; no names, NIPs or case details." } } } } } },
                "responses": with_errors(json!({ "200": ok("The report after the action.", json!({ "$ref": "#/components/schemas/PublicReport" })) }))
            } },
            "/reports/{id}/screenshot": { "get": {
                "summary": "The screenshot of a report from the public, re-hashed on the way out (logged as public_report.screenshot).",
                "parameters": id_param,
                "responses": { "200": { "description": "The image.", "content": { "image/png": {}, "image/jpeg": {}, "image/webp": {} } } }
            } },
            "/export/cases.csv": { "get": {
                "summary": "The filtered case list as CSV (the columns of `netra cases --format csv`; logged as export).",
                "parameters": filters(),
                "responses": { "200": { "description": "CSV.", "content": { "text/csv": {} } } }
            } },
            "/export/cases.xlsx": { "get": {
                "summary": "The filtered case list as an Excel workbook (logged as export).",
                "parameters": filters(),
                "responses": { "200": { "description": "XLSX.", "content": { "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {} } } }
            } },
            "/export/summary.{format}": { "get": {
                "summary": "The weekly summary of `netra report summary` (7 days up to today) for an election (logged as report.summary).",
                "parameters": [{ "name": "format", "in": "path", "required": true, "schema": { "type": "string", "enum": ["pdf", "csv", "xlsx"] } },
                    { "name": "election", "in": "query", "required": false, "schema": { "type": "string" }, "description": "Election id; default the one voting last." }],
                "responses": { "200": { "description": "The summary." } }
            } },
            "/cases/{id}/document/{kind}": { "get": {
                "summary": "A case's document as PDF, made as `netra report case` makes it (analysts and reviewers; logged as report.bawaslu / report.clarification / report.bkn). The Bawaslu report only for a confirmed case; the letter to BKN only for one reported to Bawaslu (reported, sanction_recorded).",
                "parameters": [id_param[0].clone(), { "name": "kind", "in": "path", "required": true, "schema": { "type": "string", "enum": ["bawaslu", "clarification", "bkn"] } }],
                "responses": { "200": { "description": "PDF.", "content": { "application/pdf": {} } }, "409": { "description": "The case's state does not allow this document yet (a person decides first)." } }
            } },
            "/api/openapi.json": { "get": { "summary": "This document.", "security": [], "responses": { "200": { "description": "OpenAPI 3.1." } } } }
        },
        "components": {
            "securitySchemes": {
                "session": { "type": "apiKey", "in": "cookie", "name": crate::SESSION_COOKIE },
                "bearer": { "type": "http", "scheme": "bearer", "description": "The token from /api/login." }
            },
            "schemas": {
                "Role": { "type": "string", "enum": ["admin", "analyst", "reviewer", "auditor"] },
                "State": { "type": "string", "enum": ["new", "in_review", "clarification_requested", "confirmed", "dismissed", "reported", "sanction_recorded"] },
                "Error": { "type": "object", "properties": { "error": { "type": "object", "properties": {
                    "code": { "type": "string", "enum": ["unauthenticated", "forbidden", "csrf", "not_found", "bad_request", "conflict", "not_allowed", "four_eyes", "internal"] },
                    "message": { "type": "string" } } } } },
                "Session": { "type": "object", "properties": {
                    "token": { "type": "string" }, "csrf": { "type": "string" }, "user": { "type": "string" },
                    "role": { "$ref": "#/components/schemas/Role" }, "expires_at": { "type": "string", "format": "date-time" } } },
                "Case": { "type": "object", "properties": {
                    "id": { "type": "integer" }, "election": { "type": "string" }, "nip": { "type": "string" },
                    "name": { "type": "string" }, "position": { "type": "string" }, "unit": { "type": "string" },
                    "pair": { "type": "integer" }, "pair_names": { "type": ["string", "null"] },
                    "stance": { "type": "string", "enum": ["support", "oppose"] },
                    "class": { "type": "string", "enum": ["ethics", "discipline"] },
                    "severity": { "type": "string", "enum": ["low", "medium", "high"] },
                    "state": { "$ref": "#/components/schemas/State" }, "version": { "type": "integer" },
                    "signals": { "type": "integer" }, "score": { "type": "number" },
                    "rules": { "type": "array", "items": { "type": "string" } },
                    "first_seen": { "type": "string", "format": "date-time" }, "last_seen": { "type": "string", "format": "date-time" },
                    "deadline": { "type": "string", "format": "date-time" },
                    "opened_by": { "type": "string" }, "opened_at": { "type": "string" }, "updated_at": { "type": "string" } } },
                "ReportState": { "type": "string", "enum": ["received", "in_review", "forwarded", "closed"] },
                "PublicReport": { "type": "object", "properties": {
                    "id": { "type": "integer" }, "received_at": { "type": "string", "format": "date-time" },
                    "state": { "$ref": "#/components/schemas/ReportState" },
                    "what": { "type": "string" }, "links": { "type": "array", "items": { "type": "string" } },
                    "person": { "type": ["string", "null"] },
                    "contact": { "type": ["string", "null"], "description": "The reporter's contact, shown to analysts and reviewers only (null for admins and auditors); null once the report is closed." },
                    "screenshot_sha256": { "type": ["string", "null"] }, "screenshot_url": { "type": ["string", "null"] },
                    "case_id": { "type": ["integer", "null"] }, "public_message": { "type": ["string", "null"] },
                    "updated_at": { "type": "string" }, "updated_by": { "type": ["string", "null"] } } },
                "CaseDetail": { "allOf": [ { "$ref": "#/components/schemas/Case" }, { "type": "object", "properties": {
                    "signals_detail": { "type": "array", "items": { "type": "object" } },
                    "history": { "type": "array", "items": { "type": "object" } },
                    "notes": { "type": "array", "items": { "type": "object" } },
                    "allowed_moves": { "type": "array", "items": { "$ref": "#/components/schemas/State" } },
                    "pairs": { "type": "array", "items": { "type": "object" } } } } ] }
            }
        }
    })
}
