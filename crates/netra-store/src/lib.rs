//! netra's storage: one [`Store`] over embedded SQLite (the default, a file in
//! the data directory) or PostgreSQL (`DATABASE_URL=postgres://…`), with the
//! same behaviour and the same test suite on both.
//!
//! Only this crate knows SQL. It keeps:
//! - the registry, activities and signals — writes are idempotent: loading
//!   the same activities, registry or signals twice stores nothing twice;
//! - evidence, content-addressed by SHA-256 and verified on read
//!   ([`Store::add_evidence`], [`Store::verify_evidence`]);
//! - an append-only, hash-chained audit log with signed checkpoints
//!   ([`Store::audit`], [`Store::verify_audit`]);
//! - elections with their pairs' ballot numbers and candidates' names
//!   ([`Store::upsert_election`], [`Store::election_pairs`]);
//! - cases and their review ([`Store::sync_cases`], [`Store::move_case`]);
//! - text read in images (OCR), cached by the image's SHA-256
//!   ([`Store::ocr_text`], [`Store::put_ocr_text`]);
//! - reports from the public, found only by the hash of their tracking
//!   code ([`Store::submit_public_report`], [`Store::public_report_status`]);
//! - retention ([`Store::purge`]);
//! - users of the web app, their sessions and notes on cases
//!   ([`Store::add_user`], [`Store::login`], [`Store::add_case_note`]).
//!
//! Every batch is one transaction that also writes its audit entry, so a
//! crash leaves either all of a batch (and its log entry) or none of it.
//!
//! ```no_run
//! # async fn demo() -> Result<(), netra_store::StoreError> {
//! let store = netra_store::Store::open("sqlite:///tmp/netra.db").await?;
//! let counts = store.counts().await?;
//! println!("{} activities stored", counts.activities);
//! let audit = store.verify_audit(None).await?;
//! assert!(audit.is_intact());
//! # Ok(()) }
//! ```

#![allow(
    clippy::doc_markdown,
    reason = "SQLite and PostgreSQL are product names, not code"
)]

mod audit;
mod cases;
mod error;
mod evidence;
mod ocr;
mod public_reports;
mod purge;
mod store;
mod users;

pub use audit::{
    AuditEntry, AuditKey, AuditProblem, AuditQuery, AuditReport, Checkpoint, GENESIS_HASH,
};
pub use cases::{
    CaseDetail, CaseDraft, CaseEvent, CaseFilter, CaseMove, CaseRow, CaseSignal, CaseSyncStats,
    SignalKey,
};
pub use error::StoreError;
pub use evidence::{
    Capture, EvidenceInfo, EvidenceKind, EvidenceProblem, EvidenceReport, NewEvidence,
};
pub use public_reports::{
    tracking_code_sha256, NewPublicReport, PublicReport, PublicReportRef, PublicStatus,
    ReportAction, ReportScreenshot, ReportState, MAX_LINK_CHARS, MAX_PUBLIC_MESSAGE_CHARS,
    MAX_REPORT_CHARS, MAX_REPORT_LINKS, MAX_SHORT_CHARS, PUBLIC_ACTOR,
};
pub use purge::{ActivityStub, PurgePlan, PurgeStats};
pub use store::{
    sha256_hex, Backend, Counts, ImportMeta, InsertStats, SignalRow, Store, StoredElection,
    StoredPair,
};
pub use users::{
    check_user_name, CaseNote, LoginFailure, LoginThrottle, NewSession, Role, Session, User,
    MAX_NOTE_CHARS, MIN_PASSWORD_CHARS,
};
