//! `netra report`: the documents people sign, send and file.
//!
//! - [`case_report`]: for one case, the report to Bawaslu (only for a case a
//!   person confirmed), the letter asking the ASN for clarification, or the
//!   letter notifying BKN of a case reported to Bawaslu (copies to the PPK
//!   and Bawaslu) and asking it to monitor the PPK's follow-up, as
//!   a PDF with the office's letterhead, numbered pages and a signature
//!   block. Each generation is written to the audit log with who, which
//!   case and the PDF's SHA-256. Nothing is sent anywhere: people sign and
//!   send.
//! - [`summary`]: the weekly summary for auditors (per pair side by side,
//!   per unit, per platform, per state, deadlines, integrity, purges) as
//!   PDF, CSV or XLSX.
//!
//! The office's letterhead and signer come from `office.toml`
//! ([`office::load_office`]); without one, documents carry a plain header
//! and a note saying how to set it. Documents are laid out by [`pdf`] with
//! the PDF standard fonts (nothing to install, nothing embedded).

mod case_doc;
pub mod office;
pub mod pdf;
pub mod summary;
mod winansi;

use std::path::Path;

use chrono::{DateTime, Utc};
use netra_core::{CaseState, Catalogue, OfficeError};
use netra_store::{CaseDetail, EvidenceInfo, Store, StoreError};

pub use case_doc::{
    bawaslu_document, bkn_document, clarification_document, CaseDocInput, EvidenceLine,
    PublicEvidence,
};
pub use office::{load_office, LoadedOffice, OFFICE_FILE};

use crate::{AppError, Lang};

/// Why a document could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    #[error("{path}: {message}")]
    Read { path: String, message: String },
    #[error(transparent)]
    Office(#[from] OfficeError),
    #[error("{file}:{line}: key `office.logo`: {message}")]
    Logo {
        file: String,
        line: usize,
        message: String,
    },
    /// The case is not in a state this document is for (a person decides first).
    #[error("{0}")]
    Refused(String),
    #[error("{0}")]
    BadInput(String),
    #[error("{path}: cannot write: {message}")]
    Write { path: String, message: String },
    #[error(transparent)]
    App(#[from] AppError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Which document for a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseDocKind {
    /// The report to Bawaslu (confirmed cases only).
    Bawaslu,
    /// The letter asking the ASN for clarification.
    Clarification,
    /// The letter to BKN about a case reported to Bawaslu (copies to the
    /// PPK and Bawaslu), asking it to monitor the PPK's follow-up.
    Bkn,
}

impl CaseDocKind {
    /// The spelling on the command line and in the audit log.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseDocKind::Bawaslu => "bawaslu",
            CaseDocKind::Clarification => "clarification",
            CaseDocKind::Bkn => "bkn",
        }
    }

    /// The file name used when none is given.
    pub fn default_file_name(self, case_id: i64, lang: Lang) -> String {
        match self {
            CaseDocKind::Bawaslu => format!(
                "{}-{case_id}.pdf",
                lang.pick("laporan-bawaslu-kasus", "bawaslu-report-case")
            ),
            CaseDocKind::Clarification => format!(
                "{}-{case_id}.pdf",
                lang.pick("surat-klarifikasi-kasus", "clarification-letter-case")
            ),
            CaseDocKind::Bkn => format!(
                "{}-{case_id}.pdf",
                lang.pick("surat-bkn-kasus", "bkn-letter-case")
            ),
        }
    }
}

/// A document written to disk and logged.
#[derive(Debug, Clone)]
pub struct Written {
    pub pages: usize,
    pub bytes: usize,
    pub sha256: String,
    /// The audit entry that records it.
    pub audit_seq: i64,
}

/// Why `state` does not allow `kind`, in `lang`; `None` when it does.
#[allow(
    clippy::too_many_lines,
    reason = "one message per kind and state, in two languages"
)]
pub fn refusal(kind: CaseDocKind, case_id: i64, state: CaseState, lang: Lang) -> Option<String> {
    match kind {
        CaseDocKind::Bkn => match state {
            CaseState::Reported | CaseState::SanctionRecorded => None,
            CaseState::Confirmed => Some(match lang {
                Lang::Id => format!(
                    "kasus {case_id} sudah dikonfirmasi tetapi belum dilaporkan ke Bawaslu: surat ke \
                     BKN dibuat setelah laporan Bawaslu ditandatangani dan disampaikan (`netra report \
                     case {case_id}`), lalu dicatat (`netra case move {case_id} --to reported --reason \
                     \"…\"`)."
                ),
                Lang::En => format!(
                    "case {case_id} is confirmed but not yet reported to Bawaslu: the letter to BKN \
                     is made once the Bawaslu report is signed and filed (`netra report case \
                     {case_id}`) and that is recorded (`netra case move {case_id} --to reported \
                     --reason \"…\"`)."
                ),
            }),
            _ => Some(match lang {
                Lang::Id => format!(
                    "kasus {case_id} berstatus {}: surat ke BKN hanya dibuat untuk kasus yang sudah \
                     dilaporkan ke Bawaslu (status reported atau sanction_recorded). Sinyal bukan \
                     temuan: peninjau mengonfirmasi kasusnya, laporan Bawaslu ditandatangani dan \
                     disampaikan, lalu dicatat (`netra case move {case_id} --to reported --reason \
                     \"…\"`).",
                    lang.state(state)
                ),
                Lang::En => format!(
                    "case {case_id} is {}: a letter to BKN is only made for a case reported to \
                     Bawaslu (state reported or sanction_recorded). A signal is not a finding: a \
                     reviewer confirms the case, the Bawaslu report is signed and filed, and that \
                     is recorded (`netra case move {case_id} --to reported --reason \"…\"`).",
                    lang.state(state)
                ),
            }),
        },
        CaseDocKind::Bawaslu => match state {
            CaseState::Confirmed | CaseState::Reported | CaseState::SanctionRecorded => None,
            _ => Some(match lang {
                Lang::Id => format!(
                    "kasus {case_id} berstatus {}: laporan Bawaslu hanya dibuat untuk kasus yang \
                     sudah dikonfirmasi oleh petugas. Sinyal bukan temuan, dan netra tidak pernah \
                     melapor sendiri: tinjau kasusnya (`netra case show {case_id}`), lalu peninjau \
                     yang memutuskan memindahkannya ke confirmed (`netra case move {case_id} --to \
                     confirmed --reason \"…\"`).",
                    lang.state(state)
                ),
                Lang::En => format!(
                    "case {case_id} is {}: a Bawaslu report is only made for a case a person has \
                     confirmed. A signal is not a finding, and netra never reports anyone on its \
                     own: review the case (`netra case show {case_id}`), and the reviewer who \
                     decides moves it to confirmed (`netra case move {case_id} --to confirmed \
                     --reason \"…\"`).",
                    lang.state(state)
                ),
            }),
        },
        CaseDocKind::Clarification => match state {
            CaseState::InReview | CaseState::ClarificationRequested | CaseState::Confirmed => None,
            CaseState::New => Some(match lang {
                Lang::Id => format!(
                    "kasus {case_id} masih baru: surat klarifikasi dibuat setelah kasusnya diajukan \
                     untuk ditinjau (`netra case move {case_id} --to in_review --reason \"…\"`)."
                ),
                Lang::En => format!(
                    "case {case_id} is new: the clarification letter is made once the case is sent \
                     to review (`netra case move {case_id} --to in_review --reason \"…\"`)."
                ),
            }),
            _ => Some(match lang {
                Lang::Id => format!(
                    "kasus {case_id} berstatus {}: tidak ada lagi klarifikasi yang perlu diminta.",
                    lang.state(state)
                ),
                Lang::En => format!(
                    "case {case_id} is {}: there is no clarification left to ask for.",
                    lang.state(state)
                ),
            }),
        },
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder,
/// so a reader never sees half a PDF.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> Result<(), ReportError> {
    let err = |e: std::io::Error| ReportError::Write {
        path: path.display().to_string(),
        message: e.to_string(),
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = path.file_name().map_or_else(
        || "netra-report".into(),
        |n| n.to_string_lossy().into_owned(),
    );
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    std::fs::write(&tmp, bytes).map_err(err)?;
    std::fs::rename(&tmp, path).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        err(e)
    })
}

/// Everything [`case_report`] needs besides the store.
#[derive(Debug, Clone, Copy)]
pub struct CaseReportRequest<'a> {
    pub case_id: i64,
    pub kind: CaseDocKind,
    pub office: Option<&'a LoadedOffice>,
    pub catalogue: &'a Catalogue,
    /// Who makes the document (the audit's actor, and the signer when the
    /// office settings name none).
    pub user: &'a str,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    pub output: &'a Path,
}

/// The screenshots of the public reports that joined case `case_id`, as
/// the case's evidence holds them (`case:<id>`, captured from `report:<n>`):
/// report number, received date, hash; never the reporter's contact.
pub async fn public_evidence(
    store: &Store,
    case_id: i64,
) -> Result<Vec<PublicEvidence>, ReportError> {
    let refs = store.public_report_refs_of_case(case_id).await?;
    if refs.iter().all(|r| r.screenshot_sha256.is_none()) {
        return Ok(Vec::new());
    }
    let held = store.evidence_for(&format!("case:{case_id}")).await?;
    Ok(refs
        .iter()
        .filter_map(|r| {
            let sha = r.screenshot_sha256.as_ref()?;
            let source = format!("report:{}", r.id);
            let e = held.iter().find(|e| &e.sha256 == sha)?;
            let capture = e
                .captures
                .iter()
                .find(|c| c.source == source)
                .or_else(|| e.captures.first())?;
            Some(PublicEvidence {
                report_id: r.id,
                received_at: r.received_at.clone(),
                sha256: sha.clone(),
                media_type: e.media_type.clone(),
                size: e.size,
                linked_by: capture.imported_by.clone(),
                linked_at: capture.imported_at.clone(),
            })
        })
        .collect())
}

/// Makes a case's document: checks the case's state (a Bawaslu report
/// only for a confirmed case, a letter to BKN only for one reported to
/// Bawaslu; a damaged piece of evidence refuses both), lays it out, writes
/// the PDF to `req.output` and logs `report.bawaslu` / `report.clarification`
/// / `report.bkn` with the case, its version and the PDF's SHA-256.
pub async fn case_report(
    store: &Store,
    req: &CaseReportRequest<'_>,
) -> Result<Written, ReportError> {
    let detail: CaseDetail = store.case(req.case_id).await?;
    if let Some(why) = refusal(req.kind, req.case_id, detail.case.state, req.lang) {
        return Err(ReportError::Refused(why));
    }
    if matches!(req.kind, CaseDocKind::Bawaslu | CaseDocKind::Bkn) {
        let damaged: Vec<&str> = detail
            .signals
            .iter()
            .filter(|s| !s.intact)
            .map(|s| s.signal.activity_id.as_str())
            .collect();
        if !damaged.is_empty() {
            return Err(ReportError::Refused(match req.lang {
                Lang::Id => format!(
                    "bukti kasus {} tidak utuh ({}): isinya tidak cocok lagi dengan hash-nya, jadi \
                     laporan tidak dibuat. Jalankan `netra evidence verify`.",
                    req.case_id,
                    damaged.join(", ")
                ),
                Lang::En => format!(
                    "evidence of case {} is damaged ({}): its content no longer matches its hash, \
                     so no report is made. Run `netra evidence verify`.",
                    req.case_id,
                    damaged.join(", ")
                ),
            }));
        }
    }
    let elections = store.elections().await?;
    let election = elections.iter().find(|e| e.id == detail.case.election_id);
    let mut evidence: Vec<Vec<EvidenceInfo>> = Vec::with_capacity(detail.signals.len());
    for s in &detail.signals {
        evidence.push(
            store
                .evidence_for(&format!("activity:{}", s.signal.activity_id))
                .await?,
        );
    }
    let public = public_evidence(store, req.case_id).await?;
    let input = CaseDocInput {
        detail: &detail,
        evidence: &evidence,
        public: &public,
        election_name: election.map(|e| e.name.clone()),
        zone: crate::cases::Zones::new(&elections).zone(&detail.case.election_id),
        office: req.office,
        catalogue: req.catalogue,
        user: req.user,
        lang: req.lang,
        now: req.now,
    };
    let doc = match req.kind {
        CaseDocKind::Bawaslu => bawaslu_document(&input),
        CaseDocKind::Clarification => clarification_document(&input),
        CaseDocKind::Bkn => bkn_document(&input),
    };
    let layout = doc.layout();
    let bytes = layout.to_pdf(req.now);
    let sha256 = netra_store::sha256_hex(&bytes);
    write_atomically(req.output, &bytes)?;
    let audit_seq = store
        .audit(
            req.user,
            &format!("report.{}", req.kind.as_str()),
            &format!("case:{}", req.case_id),
            serde_json::json!({
                "kind": req.kind.as_str(),
                "case_version": detail.case.version,
                "state": detail.case.state.as_str(),
                "pdf_sha256": sha256,
                "pages": layout.pages.len(),
                "bytes": bytes.len(),
                "lang": req.lang.pick("id", "en"),
                "office": req.office.is_some(),
            }),
        )
        .await?;
    Ok(Written {
        pages: layout.pages.len(),
        bytes: bytes.len(),
        sha256,
        audit_seq,
    })
}
