//! The evidence store: content addressed by SHA-256, with who captured it,
//! when and from where, verified whenever it is read.
//!
//! Text and JSON live in the database; images, screenshots and other files
//! live under the evidence directory as `ab/abcdef…` (the hash), written to a
//! temporary file, synced and renamed before the database row commits, so a
//! crash leaves at most an unreferenced file, never a row without its bytes.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::{Any, Row, Transaction};

use crate::audit::{append, NewEntry};
use crate::error::{Doing, StoreError};
use crate::store::{now, sha256_hex, Store};

/// Evidence rows read per query while verifying.
const PAGE: i64 = 500;

/// What a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EvidenceKind {
    /// The canonical JSON of an activity.
    ActivityJson,
    /// Plain text (a clarification, a note, a transcript).
    Text,
    /// A photo or other image.
    Image,
    /// A screenshot of a page or post.
    Screenshot,
    /// Any other file.
    File,
}

impl EvidenceKind {
    /// The stable spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::ActivityJson => "activity_json",
            EvidenceKind::Text => "text",
            EvidenceKind::Image => "image",
            EvidenceKind::Screenshot => "screenshot",
            EvidenceKind::File => "file",
        }
    }

    /// Parses the stable spelling.
    pub fn parse(s: &str) -> Option<EvidenceKind> {
        [
            EvidenceKind::ActivityJson,
            EvidenceKind::Text,
            EvidenceKind::Image,
            EvidenceKind::Screenshot,
            EvidenceKind::File,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }

    /// True for kinds kept as files when an evidence directory is set.
    fn is_file(self) -> bool {
        matches!(
            self,
            EvidenceKind::Image | EvidenceKind::Screenshot | EvidenceKind::File
        )
    }
}

/// A piece of evidence to store.
#[derive(Debug, Clone, Copy)]
pub struct NewEvidence<'a> {
    pub kind: EvidenceKind,
    /// MIME type, e.g. `image/png`, `text/plain; charset=utf-8`.
    pub media_type: &'a str,
    pub bytes: &'a [u8],
    /// What it is evidence of: `activity:<id>` or `case:<id>`.
    pub subject: &'a str,
    /// The file, URL or feed it came from.
    pub source: &'a str,
    /// When it was captured (a screenshot's time, or now).
    pub captured_at: DateTime<Utc>,
    /// The netra component that stored it.
    pub importer: &'a str,
    /// The user who stored it.
    pub user: &'a str,
}

/// Stored evidence: its address, metadata and captures.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceInfo {
    pub sha256: String,
    pub kind: String,
    pub media_type: String,
    pub size: u64,
    /// Path relative to the evidence directory, when kept as a file.
    pub file: Option<String>,
    pub stored_at: String,
    pub captures: Vec<Capture>,
}

/// One capture of a piece of evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Capture {
    pub subject: String,
    pub source: String,
    pub captured_at: String,
    pub importer: String,
    pub imported_by: String,
    pub imported_at: String,
}

/// Something wrong with stored evidence, naming it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvidenceProblem {
    #[error("evidence {sha256} ({kind}{}) is damaged: its bytes hash to {actual}", subjects_text(.subjects))]
    Mismatch {
        sha256: String,
        kind: String,
        subjects: Vec<String>,
        actual: String,
    },
    #[error("evidence {sha256} ({kind}{}) is missing: {detail}", subjects_text(.subjects))]
    Missing {
        sha256: String,
        kind: String,
        subjects: Vec<String>,
        detail: String,
    },
    #[error("activity {id} is damaged: its stored JSON hashes to {actual}, not {sha256}")]
    Activity {
        id: String,
        sha256: String,
        actual: String,
    },
    #[error("activity {id} has no evidence record (half-written import?)")]
    ActivityWithoutEvidence { id: String },
    #[error("evidence file {file} has no record (an import stopped before it committed?); `netra purge` removes it")]
    Unreferenced { file: String },
}

fn subjects_text(subjects: &[String]) -> String {
    if subjects.is_empty() {
        String::new()
    } else {
        format!(" of {}", subjects.join(", "))
    }
}

/// What [`Store::verify_evidence`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EvidenceReport {
    /// Evidence items re-hashed.
    pub evidence: u64,
    /// Activities re-hashed.
    pub activities: u64,
    pub problems: Vec<EvidenceProblem>,
}

impl EvidenceReport {
    /// True when nothing is wrong.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Evidence kept in the database, inserted inside a caller's transaction.
impl NewEvidence<'_> {
    /// The row to insert, with the hash and capture time worked out.
    fn inline<'b>(&'b self, sha256: &'b str, captured_at: &'b str) -> InlineEvidence<'b> {
        InlineEvidence {
            sha256,
            kind: self.kind,
            media_type: self.media_type,
            bytes: self.bytes,
            subject: self.subject,
            source: self.source,
            captured_at,
            importer: self.importer,
            user: self.user,
        }
    }
}

pub(crate) struct InlineEvidence<'a> {
    pub sha256: &'a str,
    pub kind: EvidenceKind,
    pub media_type: &'a str,
    pub bytes: &'a [u8],
    pub subject: &'a str,
    pub source: &'a str,
    pub captured_at: &'a str,
    pub importer: &'a str,
    pub user: &'a str,
}

pub(crate) async fn insert_inline(
    tx: &mut Transaction<'static, Any>,
    e: &InlineEvidence<'_>,
) -> Result<(), StoreError> {
    insert_row(tx, e, Some(e.bytes), None).await
}

async fn insert_row(
    tx: &mut Transaction<'static, Any>,
    e: &InlineEvidence<'_>,
    content: Option<&[u8]>,
    file: Option<&str>,
) -> Result<(), StoreError> {
    let ts = now();
    sqlx::query(
        "INSERT INTO evidence (sha256, kind, media_type, size, content, file, stored_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(e.sha256)
    .bind(e.kind.as_str())
    .bind(e.media_type)
    .bind(i64::try_from(e.bytes.len()).unwrap_or(i64::MAX))
    .bind(content.map(<[u8]>::to_vec))
    .bind(file)
    .bind(&ts)
    .execute(&mut **tx)
    .await
    .doing("storing evidence")?;
    sqlx::query(
        "INSERT INTO evidence_capture (sha256, subject, source, captured_at, importer, imported_by, imported_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (sha256, subject) DO NOTHING",
    )
    .bind(e.sha256)
    .bind(e.subject)
    .bind(e.source)
    .bind(e.captured_at)
    .bind(e.importer)
    .bind(e.user)
    .bind(&ts)
    .execute(&mut **tx)
    .await
    .doing("recording an evidence capture")?;
    Ok(())
}

/// `ab/abcdef…` under the evidence directory.
fn relative_path(sha256: &str) -> String {
    format!("{}/{sha256}", &sha256[..2])
}

fn io_err(path: &Path, source: std::io::Error) -> StoreError {
    StoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Writes `bytes` to `dir/rel` atomically (temporary file, sync, rename),
/// unless an intact copy is already there.
fn write_blob(dir: &Path, rel: &str, sha256: &str, bytes: &[u8]) -> Result<(), StoreError> {
    let path = dir.join(rel);
    if let Ok(existing) = std::fs::read(&path) {
        if sha256_hex(&existing) == sha256 {
            return Ok(());
        }
    }
    let parent = path.parent().unwrap_or(dir);
    std::fs::create_dir_all(parent).map_err(|e| io_err(parent, e))?;
    let tmp: PathBuf = parent.join(format!(".tmp-{}-{sha256}", std::process::id()));
    let mut f = std::fs::File::create(&tmp).map_err(|e| io_err(&tmp, e))?;
    f.write_all(bytes).map_err(|e| io_err(&tmp, e))?;
    f.sync_all().map_err(|e| io_err(&tmp, e))?;
    drop(f);
    std::fs::rename(&tmp, &path).map_err(|e| io_err(&path, e))?;
    if let Ok(d) = std::fs::File::open(parent) {
        // Makes the rename durable; not all platforms can sync a directory.
        let _ = d.sync_all();
    }
    Ok(())
}

impl Store {
    /// Writes a file kind of evidence (when an evidence directory is set)
    /// and records it with its capture inside the caller's transaction, so
    /// the caller's row and the evidence commit together. Returns the hash.
    pub(crate) async fn add_evidence_in_tx(
        &self,
        tx: &mut Transaction<'static, Any>,
        e: &NewEvidence<'_>,
    ) -> Result<String, StoreError> {
        let sha = sha256_hex(e.bytes);
        let captured = e.captured_at.to_rfc3339_opts(SecondsFormat::Millis, true);
        let file = self.write_evidence_file(&sha, e)?;
        let content = if file.is_some() { None } else { Some(e.bytes) };
        insert_row(tx, &e.inline(&sha, &captured), content, file.as_deref()).await?;
        Ok(sha)
    }

    /// Writes a file kind of evidence into the evidence directory, when one
    /// is set; returns its path there (`None`: the bytes go in the row).
    fn write_evidence_file(
        &self,
        sha256: &str,
        e: &NewEvidence<'_>,
    ) -> Result<Option<String>, StoreError> {
        match (&self.evidence_dir, e.kind.is_file()) {
            (Some(dir), true) => {
                let rel = relative_path(sha256);
                write_blob(dir, &rel, sha256, e.bytes)?;
                Ok(Some(rel))
            }
            _ => Ok(None),
        }
    }

    /// Stores a piece of evidence (idempotent: the same bytes for the same
    /// subject are recorded once) and appends an `evidence.add` audit entry
    /// when it is new for the subject. Returns its SHA-256.
    pub async fn add_evidence(&self, e: &NewEvidence<'_>) -> Result<String, StoreError> {
        let sha = sha256_hex(e.bytes);
        let captured = e.captured_at.to_rfc3339_opts(SecondsFormat::Millis, true);
        let inline = e.inline(&sha, &captured);
        let file = self.write_evidence_file(&sha, e)?;
        let mut tx = self.audited_tx().await?;
        let known: Option<String> = sqlx::query_scalar(
            "SELECT sha256 FROM evidence_capture WHERE sha256 = $1 AND subject = $2",
        )
        .bind(&sha)
        .bind(e.subject)
        .fetch_optional(&mut *tx)
        .await
        .doing("looking up evidence")?;
        if known.is_some() {
            return Ok(sha);
        }
        let content = if file.is_some() { None } else { Some(e.bytes) };
        insert_row(&mut tx, &inline, content, file.as_deref()).await?;
        append(
            &mut tx,
            &NewEntry {
                actor: e.user,
                action: "evidence.add",
                subject: e.subject,
                detail: serde_json::json!({
                    "sha256": sha, "kind": e.kind.as_str(), "size": e.bytes.len(),
                    "importer": e.importer,
                }),
            },
        )
        .await?;
        self.commit(tx, "committing evidence").await?;
        Ok(sha)
    }

    /// The bytes of a piece of evidence, re-hashed on the way out: damaged
    /// or missing bytes are an error naming the evidence.
    pub async fn evidence_bytes(&self, sha256: &str) -> Result<Vec<u8>, StoreError> {
        let row = sqlx::query("SELECT kind, content, file FROM evidence WHERE sha256 = $1")
            .bind(sha256)
            .fetch_optional(&self.pool)
            .await
            .doing("reading evidence")?
            .ok_or_else(|| StoreError::NotFound(format!("evidence {sha256}")))?;
        let kind: String = row.try_get(0).doing("reading evidence")?;
        let content: Option<Vec<u8>> = row.try_get(1).doing("reading evidence")?;
        let file: Option<String> = row.try_get(2).doing("reading evidence")?;
        match self.load_bytes(sha256, &kind, content, file.as_deref(), Vec::new()) {
            Ok(bytes) => Ok(bytes),
            Err(p) => Err(StoreError::Evidence(p)),
        }
    }

    fn load_bytes(
        &self,
        sha256: &str,
        kind: &str,
        content: Option<Vec<u8>>,
        file: Option<&str>,
        subjects: Vec<String>,
    ) -> Result<Vec<u8>, EvidenceProblem> {
        let bytes = match (content, file) {
            (Some(b), _) => b,
            (None, Some(rel)) => {
                let Some(dir) = &self.evidence_dir else {
                    return Err(EvidenceProblem::Missing {
                        sha256: sha256.to_string(),
                        kind: kind.to_string(),
                        subjects,
                        detail: format!("kept as file {rel}, but no evidence directory is set"),
                    });
                };
                let path = dir.join(rel);
                match std::fs::read(&path) {
                    Ok(b) => b,
                    Err(e) => {
                        return Err(EvidenceProblem::Missing {
                            sha256: sha256.to_string(),
                            kind: kind.to_string(),
                            subjects,
                            detail: format!("{}: {e}", path.display()),
                        })
                    }
                }
            }
            (None, None) => {
                return Err(EvidenceProblem::Missing {
                    sha256: sha256.to_string(),
                    kind: kind.to_string(),
                    subjects,
                    detail: "the row holds neither bytes nor a file".into(),
                })
            }
        };
        let actual = sha256_hex(&bytes);
        if actual == sha256 {
            Ok(bytes)
        } else {
            Err(EvidenceProblem::Mismatch {
                sha256: sha256.to_string(),
                kind: kind.to_string(),
                subjects,
                actual,
            })
        }
    }

    /// The evidence recorded for a subject (`activity:<id>`, `case:<id>`).
    pub async fn evidence_for(&self, subject: &str) -> Result<Vec<EvidenceInfo>, StoreError> {
        let rows = sqlx::query(
            "SELECT e.sha256, e.kind, e.media_type, e.size, e.file, e.stored_at, \
                    c.subject, c.source, c.captured_at, c.importer, c.imported_by, c.imported_at \
             FROM evidence_capture c JOIN evidence e ON e.sha256 = c.sha256 \
             WHERE c.subject = $1 ORDER BY c.imported_at, e.sha256",
        )
        .bind(subject)
        .fetch_all(&self.pool)
        .await
        .doing("reading evidence")?;
        rows.iter()
            .map(|r| {
                let g = |i: usize| r.try_get::<String, _>(i).doing("reading evidence");
                let size: i64 = r.try_get(3).doing("reading evidence")?;
                Ok(EvidenceInfo {
                    sha256: g(0)?,
                    kind: g(1)?,
                    media_type: g(2)?,
                    size: u64::try_from(size).unwrap_or(0),
                    file: r.try_get(4).doing("reading evidence")?,
                    stored_at: g(5)?,
                    captures: vec![Capture {
                        subject: g(6)?,
                        source: g(7)?,
                        captured_at: g(8)?,
                        importer: g(9)?,
                        imported_by: g(10)?,
                        imported_at: g(11)?,
                    }],
                })
            })
            .collect()
    }

    /// Re-hashes every piece of evidence and every stored activity, and checks
    /// that each activity has its evidence record. Reads only.
    pub async fn verify_evidence(&self) -> Result<EvidenceReport, StoreError> {
        let mut report = EvidenceReport::default();
        let mut after = String::new();
        loop {
            let rows = sqlx::query(
                "SELECT sha256, kind, content, file FROM evidence WHERE sha256 > $1 ORDER BY sha256 LIMIT $2",
            )
            .bind(&after)
            .bind(PAGE)
            .fetch_all(&self.pool)
            .await
            .doing("reading evidence")?;
            let Some(last) = rows.last() else { break };
            after = last.try_get(0).doing("reading evidence")?;
            for r in &rows {
                report.evidence += 1;
                let sha: String = r.try_get(0).doing("reading evidence")?;
                let kind: String = r.try_get(1).doing("reading evidence")?;
                let content: Option<Vec<u8>> = r.try_get(2).doing("reading evidence")?;
                let file: Option<String> = r.try_get(3).doing("reading evidence")?;
                if let Err(mut p) =
                    self.load_bytes(&sha, &kind, content, file.as_deref(), Vec::new())
                {
                    let subjects = self.subjects_of(&sha).await?;
                    match &mut p {
                        EvidenceProblem::Mismatch { subjects: s, .. }
                        | EvidenceProblem::Missing { subjects: s, .. } => *s = subjects,
                        _ => {}
                    }
                    report.problems.push(p);
                }
            }
        }
        let mut after = String::new();
        loop {
            let rows = sqlx::query(
                "SELECT a.id, a.sha256, a.json, \
                        (SELECT COUNT(*) FROM evidence_capture c WHERE c.sha256 = a.sha256 AND c.subject = 'activity:' || a.id) \
                 FROM activity a WHERE a.id > $1 ORDER BY a.id LIMIT $2",
            )
            .bind(&after)
            .bind(PAGE)
            .fetch_all(&self.pool)
            .await
            .doing("reading activities")?;
            let Some(last) = rows.last() else { break };
            after = last.try_get(0).doing("reading activities")?;
            for r in &rows {
                report.activities += 1;
                let id: String = r.try_get(0).doing("reading activities")?;
                let sha: String = r.try_get(1).doing("reading activities")?;
                let json: String = r.try_get(2).doing("reading activities")?;
                let captures: i64 = r.try_get(3).doing("reading activities")?;
                let actual = sha256_hex(json.as_bytes());
                if actual != sha {
                    report.problems.push(EvidenceProblem::Activity {
                        id: id.clone(),
                        sha256: sha,
                        actual,
                    });
                }
                if captures == 0 {
                    report
                        .problems
                        .push(EvidenceProblem::ActivityWithoutEvidence { id });
                }
            }
        }
        for file in self.unreferenced_evidence_files(Duration::ZERO).await? {
            report.problems.push(EvidenceProblem::Unreferenced { file });
        }
        Ok(report)
    }

    /// Files in the evidence directory that no evidence row refers to, older
    /// than `min_age` (a younger one may belong to an import still running):
    /// left by an import killed between writing a file and committing its
    /// row, or a leftover temporary file. Paths relative to the directory.
    pub async fn unreferenced_evidence_files(
        &self,
        min_age: Duration,
    ) -> Result<Vec<String>, StoreError> {
        let Some(dir) = &self.evidence_dir else {
            return Ok(Vec::new());
        };
        let mut found = Vec::new();
        let Ok(shards) = std::fs::read_dir(dir) else {
            return Ok(found);
        };
        let now = std::time::SystemTime::now();
        for shard in shards.flatten() {
            let shard_name = shard.file_name().to_string_lossy().into_owned();
            if shard_name.len() != 2 || !shard.path().is_dir() {
                continue;
            }
            let entries = std::fs::read_dir(shard.path()).map_err(|e| io_err(&shard.path(), e))?;
            for entry in entries.flatten() {
                let name = entry.file_name().to_string_lossy().into_owned();
                let old_enough = entry
                    .metadata()
                    .and_then(|m| m.modified())
                    .ok()
                    .and_then(|t| now.duration_since(t).ok())
                    .is_none_or(|age| age >= min_age);
                if !old_enough {
                    continue;
                }
                let rel = format!("{shard_name}/{name}");
                let referenced: Option<String> =
                    sqlx::query_scalar("SELECT sha256 FROM evidence WHERE file = $1")
                        .bind(&rel)
                        .fetch_optional(&self.pool)
                        .await
                        .doing("looking up an evidence file")?;
                if referenced.is_none() {
                    found.push(rel);
                }
            }
        }
        found.sort();
        Ok(found)
    }

    async fn subjects_of(&self, sha256: &str) -> Result<Vec<String>, StoreError> {
        sqlx::query_scalar(
            "SELECT subject FROM evidence_capture WHERE sha256 = $1 ORDER BY subject",
        )
        .bind(sha256)
        .fetch_all(&self.pool)
        .await
        .doing("reading evidence captures")
    }

    /// Deletes evidence files (after the rows that referenced them were
    /// purged, or files no row refers to).
    pub(crate) fn remove_evidence_files(&self, files: &[String]) {
        if let Some(dir) = &self.evidence_dir {
            for rel in files {
                // A file that is already gone is fine: the row no longer refers to it.
                let _ = std::fs::remove_file(dir.join(rel));
            }
        }
    }
}
