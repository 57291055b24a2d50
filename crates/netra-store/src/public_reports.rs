//! Reports from the public: what happened, where (links), optionally a
//! screenshot (evidence, subject `report:<id>`), the person reported and a
//! contact. The reporter gets a tracking code; only its SHA-256 is stored,
//! so the database cannot be searched by code, and the status a code shows
//! is the date, the state and a message written by staff, nothing else.
//!
//! Staff move a report from `received` to `in_review`, link it to a case
//! (`forwarded`: its screenshot joins the case's evidence) and close it with
//! a message for the reporter (the contact is dropped then). Every listing,
//! view and move is one audited transaction; the log holds ids, counts and
//! hashes only.

use chrono::Utc;
use sqlx::Row;

use crate::audit::{append, NewEntry};
use crate::error::{Doing, StoreError};
use crate::evidence::{EvidenceKind, NewEvidence};
use crate::store::{now, sha256_hex, Store};

/// At most this many characters describe what happened.
pub const MAX_REPORT_CHARS: usize = 5_000;
/// At most this many links, each at most [`MAX_LINK_CHARS`].
pub const MAX_REPORT_LINKS: usize = 10;
/// The longest link kept.
pub const MAX_LINK_CHARS: usize = 2_000;
/// The longest name/handle or contact kept.
pub const MAX_SHORT_CHARS: usize = 200;
/// The longest message for the reporter.
pub const MAX_PUBLIC_MESSAGE_CHARS: usize = 1_000;

/// Who the audit log names for what the public does.
pub const PUBLIC_ACTOR: &str = "public";

/// Where a public report stands, as the reporter sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ReportState {
    /// Received, nobody looked yet.
    Received,
    /// Someone is looking at it.
    InReview,
    /// It joined a case.
    Forwarded,
    /// Done; the public message says how.
    Closed,
}

impl ReportState {
    /// Every state, in workflow order.
    pub const ALL: [ReportState; 4] = [
        ReportState::Received,
        ReportState::InReview,
        ReportState::Forwarded,
        ReportState::Closed,
    ];

    /// The stable spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ReportState::Received => "received",
            ReportState::InReview => "in_review",
            ReportState::Forwarded => "forwarded",
            ReportState::Closed => "closed",
        }
    }

    /// Parses the stable spelling.
    pub fn parse(s: &str) -> Option<ReportState> {
        ReportState::ALL.into_iter().find(|x| x.as_str() == s)
    }
}

/// A screenshot sent with a report (its type already checked by the caller).
#[derive(Debug, Clone, Copy)]
pub struct ReportScreenshot<'a> {
    pub bytes: &'a [u8],
    /// `image/png`, `image/jpeg` or `image/webp`.
    pub media_type: &'a str,
}

/// A report as the public sends it.
#[derive(Debug, Clone, Copy)]
pub struct NewPublicReport<'a> {
    /// The tracking code given to the reporter (stored as its SHA-256).
    pub code: &'a str,
    pub what: &'a str,
    pub links: &'a [String],
    pub person: Option<&'a str>,
    pub contact: Option<&'a str>,
    pub screenshot: Option<ReportScreenshot<'a>>,
}

/// A stored report, for staff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicReport {
    pub id: i64,
    pub received_at: String,
    pub state: ReportState,
    pub what: String,
    pub links: Vec<String>,
    pub person: Option<String>,
    /// `None` once the report is closed (or when none was given).
    pub contact: Option<String>,
    pub screenshot_sha256: Option<String>,
    pub case_id: Option<i64>,
    pub public_message: Option<String>,
    pub updated_at: String,
    pub updated_by: Option<String>,
}

/// What a tracking code shows: nothing else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicStatus {
    pub received_at: String,
    pub state: ReportState,
    pub public_message: Option<String>,
}

/// A report from the public as a case's documents cite it: its number,
/// when it came and its screenshot's hash. Deliberately without the text,
/// the person named or the reporter's contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicReportRef {
    pub id: i64,
    pub received_at: String,
    pub screenshot_sha256: Option<String>,
}

/// A move staff make on a report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReportAction {
    /// `received` → `in_review`.
    Review,
    /// Joins case `case_id` (`forwarded`); the screenshot joins its evidence.
    Link { case_id: i64 },
    /// `closed`, with a message for the reporter; the contact is dropped.
    Close { message: String },
}

impl ReportAction {
    fn name(&self) -> &'static str {
        match self {
            ReportAction::Review => "public_report.review",
            ReportAction::Link { .. } => "public_report.link",
            ReportAction::Close { .. } => "public_report.close",
        }
    }
}

/// The SHA-256 of a tracking code as typed: case, spaces and dashes do
/// not matter.
pub fn tracking_code_sha256(code: &str) -> String {
    let norm: String = code
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .collect();
    sha256_hex(norm.as_bytes())
}

fn too_long(what: &str, max: usize) -> StoreError {
    StoreError::Invalid(format!("{what} holds at most {max} characters"))
}

fn optional(s: Option<&str>) -> Option<&str> {
    s.map(str::trim).filter(|s| !s.is_empty())
}

/// Checks a report's fields (trimmed) against the limits.
fn check(r: &NewPublicReport<'_>) -> Result<(), StoreError> {
    let what = r.what.trim();
    if what.is_empty() {
        return Err(StoreError::Invalid("a report needs a description".into()));
    }
    if what.chars().count() > MAX_REPORT_CHARS {
        return Err(too_long("a description", MAX_REPORT_CHARS));
    }
    if r.links.len() > MAX_REPORT_LINKS {
        return Err(StoreError::Invalid(format!(
            "a report holds at most {MAX_REPORT_LINKS} links"
        )));
    }
    if r.links.iter().any(|l| l.chars().count() > MAX_LINK_CHARS) {
        return Err(too_long("a link", MAX_LINK_CHARS));
    }
    for s in [r.person, r.contact].into_iter().flatten() {
        if s.trim().chars().count() > MAX_SHORT_CHARS {
            return Err(too_long("a name or contact", MAX_SHORT_CHARS));
        }
    }
    if r.code.trim().len() < 16 {
        return Err(StoreError::Invalid(
            "a tracking code needs 16+ characters".into(),
        ));
    }
    Ok(())
}

const COLUMNS: &str = "id, received_at, state, what, links, person, contact, screenshot_sha256, \
                       case_id, public_message, updated_at, updated_by";

fn report_row(r: &sqlx::any::AnyRow) -> Result<PublicReport, StoreError> {
    let d = "reading a public report";
    let state: String = r.try_get(2).doing(d)?;
    let links: String = r.try_get(4).doing(d)?;
    Ok(PublicReport {
        id: r.try_get(0).doing(d)?,
        received_at: r.try_get(1).doing(d)?,
        state: ReportState::parse(&state).ok_or_else(|| {
            StoreError::Invalid(format!("public report with unknown state {state}"))
        })?,
        what: r.try_get(3).doing(d)?,
        links: serde_json::from_str(&links).unwrap_or_default(),
        person: r.try_get(5).doing(d)?,
        contact: r.try_get(6).doing(d)?,
        screenshot_sha256: r.try_get(7).doing(d)?,
        case_id: r.try_get(8).doing(d)?,
        public_message: r.try_get(9).doing(d)?,
        updated_at: r.try_get(10).doing(d)?,
        updated_by: r.try_get(11).doing(d)?,
    })
}

async fn fetch_report<'e, E>(exec: E, id: i64) -> Result<PublicReport, StoreError>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let row = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM public_report WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(exec)
    .await
    .doing("reading a public report")?
    .ok_or_else(|| StoreError::NotFound(format!("public report {id}")))?;
    report_row(&row)
}

impl Store {
    /// Stores a report from the public, its screenshot (as evidence of
    /// `report:<id>`) and a `public_report.submit` audit entry (hashes and
    /// counts only) in one transaction. Returns the report's id.
    pub async fn submit_public_report(&self, r: &NewPublicReport<'_>) -> Result<i64, StoreError> {
        check(r)?;
        let links: Vec<&str> = r
            .links
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        let links_json = serde_json::to_string(&links).unwrap_or_else(|_| "[]".into());
        let what = r.what.trim();
        let at = now();
        let mut tx = self.audited_tx().await?;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO public_report (code_sha256, received_at, what, links, person, contact, \
             state, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $2) RETURNING id",
        )
        .bind(tracking_code_sha256(r.code))
        .bind(&at)
        .bind(what)
        .bind(&links_json)
        .bind(optional(r.person))
        .bind(optional(r.contact))
        .bind(ReportState::Received.as_str())
        .fetch_one(&mut *tx)
        .await
        .doing("storing a public report")?;
        let subject = format!("report:{id}");
        let screenshot = match r.screenshot {
            Some(s) => {
                let sha = self
                    .add_evidence_in_tx(
                        &mut tx,
                        &NewEvidence {
                            kind: EvidenceKind::Screenshot,
                            media_type: s.media_type,
                            bytes: s.bytes,
                            subject: &subject,
                            source: "public report form",
                            captured_at: Utc::now(),
                            importer: "netra-web",
                            user: PUBLIC_ACTOR,
                        },
                    )
                    .await?;
                sqlx::query("UPDATE public_report SET screenshot_sha256 = $1 WHERE id = $2")
                    .bind(&sha)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .doing("storing a public report")?;
                Some(sha)
            }
            None => None,
        };
        append(
            &mut tx,
            &NewEntry {
                actor: PUBLIC_ACTOR,
                action: "public_report.submit",
                subject: &subject,
                detail: serde_json::json!({
                    "what_sha256": sha256_hex(what.as_bytes()),
                    "links": links.len(),
                    "person": optional(r.person).is_some(),
                    "contact": optional(r.contact).is_some(),
                    "screenshot_sha256": screenshot,
                }),
            },
        )
        .await?;
        self.commit(tx, "committing a public report").await?;
        Ok(id)
    }

    /// What the tracking code `code` shows (`public_report.status`, actor
    /// `public`), or `None` for a code that names no report.
    pub async fn public_report_status(
        &self,
        code: &str,
    ) -> Result<Option<PublicStatus>, StoreError> {
        let row = sqlx::query(
            "SELECT id, received_at, state, public_message FROM public_report WHERE code_sha256 = $1",
        )
        .bind(tracking_code_sha256(code))
        .fetch_optional(&self.pool)
        .await
        .doing("reading a public report")?;
        let Some(row) = row else { return Ok(None) };
        let d = "reading a public report";
        let id: i64 = row.try_get(0).doing(d)?;
        let state: String = row.try_get(2).doing(d)?;
        let status = PublicStatus {
            received_at: row.try_get(1).doing(d)?,
            state: ReportState::parse(&state).unwrap_or(ReportState::Received),
            public_message: row.try_get(3).doing(d)?,
        };
        self.audit(
            PUBLIC_ACTOR,
            "public_report.status",
            &format!("report:{id}"),
            serde_json::json!({ "state": status.state.as_str() }),
        )
        .await?;
        Ok(Some(status))
    }

    /// The reports, newest first, in `state` when given; logged as
    /// `public_reports.list` with the ids shown.
    pub async fn list_public_reports(
        &self,
        state: Option<ReportState>,
        actor: &str,
    ) -> Result<Vec<PublicReport>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {COLUMNS} FROM public_report WHERE ($1 = '' OR state = $1) \
             ORDER BY received_at DESC, id DESC"
        ))
        .bind(state.map_or("", ReportState::as_str))
        .fetch_all(&self.pool)
        .await
        .doing("reading public reports")?;
        let reports = rows.iter().map(report_row).collect::<Result<Vec<_>, _>>()?;
        self.audit(
            actor,
            "public_reports.list",
            "public_reports",
            serde_json::json!({
                "state": state.map(ReportState::as_str),
                "ids": reports.iter().map(|r| r.id).collect::<Vec<_>>(),
            }),
        )
        .await?;
        Ok(reports)
    }

    /// One report for staff, logged as `public_report.view`.
    pub async fn view_public_report(
        &self,
        id: i64,
        actor: &str,
    ) -> Result<PublicReport, StoreError> {
        let report = fetch_report(&self.pool, id).await?;
        self.audit(
            actor,
            "public_report.view",
            &format!("report:{id}"),
            serde_json::json!({ "state": report.state.as_str() }),
        )
        .await?;
        Ok(report)
    }

    /// The screenshot of report `id` (re-hashed) and its media type, logged
    /// as `public_report.screenshot`.
    pub async fn public_report_screenshot(
        &self,
        id: i64,
        actor: &str,
    ) -> Result<(Vec<u8>, String), StoreError> {
        let report = fetch_report(&self.pool, id).await?;
        let sha = report
            .screenshot_sha256
            .ok_or_else(|| StoreError::NotFound(format!("screenshot of public report {id}")))?;
        let media: String = sqlx::query_scalar("SELECT media_type FROM evidence WHERE sha256 = $1")
            .bind(&sha)
            .fetch_optional(&self.pool)
            .await
            .doing("reading evidence")?
            .ok_or_else(|| StoreError::NotFound(format!("evidence {sha}")))?;
        let bytes = self.evidence_bytes(&sha).await?;
        self.audit(
            actor,
            "public_report.screenshot",
            &format!("report:{id}"),
            serde_json::json!({ "sha256": sha }),
        )
        .await?;
        Ok((bytes, media))
    }

    /// Applies `action` to report `id` as `actor`, in one audited
    /// transaction. Refused (`NotAllowed`) when the report's state does not
    /// allow it: only a received report goes to review; a closed one does
    /// not move; a forwarded one may only be closed. Linking needs an
    /// existing case (`NotFound` otherwise).
    #[allow(clippy::too_many_lines, reason = "one transaction, read top to bottom")]
    pub async fn act_on_public_report(
        &self,
        id: i64,
        action: &ReportAction,
        actor: &str,
    ) -> Result<PublicReport, StoreError> {
        let mut tx = self.audited_tx().await?;
        let report = fetch_report(&mut *tx, id).await?;
        let to = match action {
            ReportAction::Review => ReportState::InReview,
            ReportAction::Link { .. } => ReportState::Forwarded,
            ReportAction::Close { .. } => ReportState::Closed,
        };
        let allowed = matches!(
            (report.state, to),
            (ReportState::Received, ReportState::InReview)
                | (
                    ReportState::Received | ReportState::InReview,
                    ReportState::Forwarded
                )
                | (
                    ReportState::Received | ReportState::InReview | ReportState::Forwarded,
                    ReportState::Closed
                )
        );
        if !allowed {
            return Err(StoreError::ReportNotAllowed {
                report_id: id,
                from: report.state.as_str(),
                to: to.as_str(),
            });
        }
        let subject = format!("report:{id}");
        let at = now();
        let mut detail = serde_json::json!({ "from": report.state.as_str(), "to": to.as_str() });
        match action {
            ReportAction::Review => {
                sqlx::query(
                    "UPDATE public_report SET state = $1, updated_at = $2, updated_by = $3 WHERE id = $4",
                )
                .bind(to.as_str())
                .bind(&at)
                .bind(actor)
                .bind(id)
                .execute(&mut *tx)
                .await
                .doing("moving a public report")?;
            }
            ReportAction::Link { case_id } => {
                let exists: Option<i64> =
                    sqlx::query_scalar("SELECT id FROM review_case WHERE id = $1")
                        .bind(case_id)
                        .fetch_optional(&mut *tx)
                        .await
                        .doing("reading a case")?;
                if exists.is_none() {
                    return Err(StoreError::NotFound(format!("case {case_id}")));
                }
                sqlx::query(
                    "UPDATE public_report SET state = $1, case_id = $2, updated_at = $3, \
                     updated_by = $4 WHERE id = $5",
                )
                .bind(to.as_str())
                .bind(case_id)
                .bind(&at)
                .bind(actor)
                .bind(id)
                .execute(&mut *tx)
                .await
                .doing("linking a public report")?;
                if let Some(sha) = &report.screenshot_sha256 {
                    sqlx::query(
                        "INSERT INTO evidence_capture (sha256, subject, source, captured_at, importer, \
                         imported_by, imported_at) \
                         SELECT sha256, $1, $2, captured_at, importer, $3, $4 FROM evidence_capture \
                         WHERE sha256 = $5 AND subject = $6 \
                         ON CONFLICT (sha256, subject) DO NOTHING",
                    )
                    .bind(format!("case:{case_id}"))
                    .bind(&subject)
                    .bind(actor)
                    .bind(&at)
                    .bind(sha)
                    .bind(&subject)
                    .execute(&mut *tx)
                    .await
                    .doing("adding a screenshot to a case")?;
                }
                detail["case"] = serde_json::json!(case_id);
                detail["screenshot_sha256"] = serde_json::json!(report.screenshot_sha256);
            }
            ReportAction::Close { message } => {
                let message = message.trim();
                if message.chars().count() > MAX_PUBLIC_MESSAGE_CHARS {
                    return Err(too_long("a public message", MAX_PUBLIC_MESSAGE_CHARS));
                }
                sqlx::query(
                    "UPDATE public_report SET state = $1, public_message = $2, contact = NULL, \
                     updated_at = $3, updated_by = $4 WHERE id = $5",
                )
                .bind(to.as_str())
                .bind((!message.is_empty()).then_some(message))
                .bind(&at)
                .bind(actor)
                .bind(id)
                .execute(&mut *tx)
                .await
                .doing("closing a public report")?;
                detail["message_sha256"] = serde_json::json!(sha256_hex(message.as_bytes()));
                detail["contact_dropped"] = serde_json::json!(report.contact.is_some());
            }
        }
        append(
            &mut tx,
            &NewEntry {
                actor,
                action: action.name(),
                subject: &subject,
                detail,
            },
        )
        .await?;
        let after = fetch_report(&mut *tx, id).await?;
        self.commit(tx, "committing a public report move").await?;
        Ok(after)
    }

    /// The ids of the reports that joined case `case_id`, oldest first.
    pub async fn public_reports_of_case(&self, case_id: i64) -> Result<Vec<i64>, StoreError> {
        sqlx::query_scalar("SELECT id FROM public_report WHERE case_id = $1 ORDER BY id")
            .bind(case_id)
            .fetch_all(&self.pool)
            .await
            .doing("reading a case's public reports")
    }

    /// The reports that joined case `case_id`, oldest first, as its
    /// documents cite them (number, received date, screenshot hash; never
    /// the reporter's contact). A read for a document the caller audits.
    pub async fn public_report_refs_of_case(
        &self,
        case_id: i64,
    ) -> Result<Vec<PublicReportRef>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, received_at, screenshot_sha256 FROM public_report WHERE case_id = $1 \
             ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&self.pool)
        .await
        .doing("reading a case's public reports")?;
        let d = "reading a case's public reports";
        rows.iter()
            .map(|r| {
                Ok(PublicReportRef {
                    id: r.try_get(0).doing(d)?,
                    received_at: r.try_get(1).doing(d)?,
                    screenshot_sha256: r.try_get(2).doing(d)?,
                })
            })
            .collect()
    }

    /// Reports that joined no case, oldest first: `(id, received_at)`.
    pub async fn public_reports_without_case(&self) -> Result<Vec<(i64, String)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, received_at FROM public_report WHERE case_id IS NULL ORDER BY received_at, id",
        )
        .fetch_all(&self.pool)
        .await
        .doing("reading public reports")?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get(0).doing("reading public reports")?,
                    r.try_get(1).doing("reading public reports")?,
                ))
            })
            .collect()
    }
}

/// Deletes public reports `ids` and their `report:<id>` evidence captures
/// inside a purge's transaction; returns the fingerprints (hashes) of what
/// went, for the purge's audit entry.
pub(crate) async fn delete_public_reports(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    ids: &[i64],
) -> Result<Vec<serde_json::Value>, StoreError> {
    let mut gone = Vec::new();
    for &id in ids {
        let Ok(r) = fetch_report(&mut **tx, id).await else {
            continue;
        };
        let fingerprint = format!(
            "{}\n{}\n{}\n{}",
            r.id,
            r.received_at,
            r.what,
            r.links.join("\n")
        );
        sqlx::query("DELETE FROM evidence_capture WHERE subject = $1")
            .bind(format!("report:{id}"))
            .execute(&mut **tx)
            .await
            .doing("deleting public report evidence")?;
        sqlx::query("DELETE FROM public_report WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await
            .doing("deleting a public report")?;
        gone.push(
            serde_json::json!({ "report": id, "sha256": sha256_hex(fingerprint.as_bytes()) }),
        );
    }
    Ok(gone)
}

/// The ids of reports linked to case `case_id` (purged with it).
pub(crate) async fn reports_of_case(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    case_id: i64,
) -> Result<Vec<i64>, StoreError> {
    sqlx::query_scalar("SELECT id FROM public_report WHERE case_id = $1")
        .bind(case_id)
        .fetch_all(&mut **tx)
        .await
        .doing("reading a case's public reports")
}

impl Store {
    /// Counts one request of `kind` (`report`, `status`) from `addr` in the
    /// throttle table the logins use (key `KIND:ADDR`, `KIND:-` when the
    /// address is unknown) and says until when further ones are refused:
    /// `Some(end of the window)` once more than `max` came within `window`.
    /// The address is kept only until its window ends.
    pub async fn count_public_request(
        &self,
        kind: &str,
        addr: Option<&str>,
        max: i64,
        window: chrono::Duration,
    ) -> Result<Option<chrono::DateTime<Utc>>, StoreError> {
        let at = Utc::now();
        let ts = stamp(at);
        let window_start = stamp(at - window);
        sqlx::query(
            "DELETE FROM login_throttle WHERE (key LIKE 'report:%' OR key LIKE 'status:%') \
             AND locked_until < $1",
        )
        .bind(&ts)
        .execute(&self.pool)
        .await
        .doing("forgetting old public requests")?;
        let key = format!("{kind}:{}", addr.unwrap_or("-"));
        let row = sqlx::query(
            "INSERT INTO login_throttle (key, failures, window_start, locked_until) \
             VALUES ($1, 1, $2, $4) \
             ON CONFLICT (key) DO UPDATE SET \
             failures = CASE WHEN login_throttle.window_start < $3 THEN 1 \
               ELSE login_throttle.failures + 1 END, \
             locked_until = CASE WHEN login_throttle.window_start < $3 THEN $4 \
               ELSE login_throttle.locked_until END, \
             window_start = CASE WHEN login_throttle.window_start < $3 THEN $2 \
               ELSE login_throttle.window_start END \
             RETURNING failures, locked_until",
        )
        .bind(&key)
        .bind(&ts)
        .bind(&window_start)
        .bind(stamp(at + window))
        .fetch_one(&self.pool)
        .await
        .doing("counting a public request")?;
        let count: i64 = row.try_get(0).doing("counting a public request")?;
        let until: Option<String> = row.try_get(1).doing("counting a public request")?;
        if count <= max {
            return Ok(None);
        }
        Ok(until
            .and_then(|u| chrono::DateTime::parse_from_rfc3339(&u).ok())
            .map(|u| u.to_utc())
            .or(Some(at + window)))
    }
}

fn stamp(t: chrono::DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}
