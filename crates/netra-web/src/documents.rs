//! The case documents of `netra report case` from the case page: the
//! Bawaslu report (a confirmed case) and the clarification letter, as PDFs
//! for a person to sign and send. netra-app makes and logs them
//! (`report.bawaslu`, `report.clarification`); this only hands them over.

use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use netra_app::report::{CaseDocKind, CaseReportRequest, ReportError};
use netra_store::Role;
use rand::RngCore as _;

use crate::auth::AnyViewer;
use crate::error::Fail;
use crate::pages::case_id;
use crate::AppState;

/// Whether `role` may make case documents (analysts prepare, reviewers sign).
pub fn can_make_documents(role: Role) -> bool {
    matches!(role, Role::Analyst | Role::Reviewer)
}

/// A document kind from the URL.
pub fn kind_of(s: &str) -> Option<CaseDocKind> {
    match s {
        "bawaslu" => Some(CaseDocKind::Bawaslu),
        "clarification" => Some(CaseDocKind::Clarification),
        _ => None,
    }
}

/// `GET /cases/{id}/document/{bawaslu|clarification}`: the PDF.
pub async fn case_document(
    State(st): State<AppState>,
    AnyViewer(v): AnyViewer,
    Path((id, kind)): Path<(String, String)>,
) -> Result<Response, Fail> {
    let lang = v.lang;
    let id = case_id(&id).map_err(|f| f.in_lang(lang))?;
    let kind = kind_of(&kind).ok_or_else(|| Fail::not_found().in_lang(lang))?;
    if !can_make_documents(v.role()) {
        return Err(Fail::forbidden(
            "Dokumen kasus dibuat oleh analis atau peninjau.",
            "Case documents are made by analysts and reviewers.",
        )
        .in_lang(lang));
    }
    let config = |e: &ReportError| {
        Fail::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "config",
            format!("Pengaturan kantor (office.toml) tidak dapat dibaca: {e}"),
            format!("The office settings (office.toml) cannot be read: {e}"),
        )
        .in_lang(lang)
    };
    let office = netra_app::report::load_office(st.data_dir(), None).map_err(|e| config(&e))?;
    let mut nonce = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let tmp = st
        .data_dir()
        .join(format!(".web-document-{id}-{}.pdf", hex::encode(nonce)));
    let req = CaseReportRequest {
        case_id: id,
        kind,
        office: office.as_ref(),
        catalogue: st.catalogue(),
        user: v.name(),
        lang,
        now: chrono::Utc::now(),
        output: &tmp,
    };
    let made = netra_app::report::case_report(st.store(), &req).await;
    let bytes = std::fs::read(&tmp);
    let _ = std::fs::remove_file(&tmp);
    match made {
        Ok(_) => {
            st.checkpoint().await?;
            let bytes = bytes.map_err(Fail::internal)?;
            Ok((
                [
                    (header::CONTENT_TYPE, "application/pdf".to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!(
                            "attachment; filename=\"{}\"",
                            kind.default_file_name(id, lang)
                        ),
                    ),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                bytes,
            )
                .into_response())
        }
        Err(ReportError::Refused(why)) => {
            Err(Fail::new(StatusCode::CONFLICT, "not_allowed", why.clone(), why).in_lang(lang))
        }
        Err(ReportError::Store(e)) => Err(Fail::from(e).in_lang(lang)),
        Err(e @ (ReportError::Office(_) | ReportError::Logo { .. } | ReportError::Read { .. })) => {
            Err(config(&e))
        }
        Err(e) => Err(Fail::internal(e)),
    }
}
