//! The documents of `netra report` from the web: per case the Bawaslu
//! report (a confirmed case), the clarification letter and the letter to
//! BKN (a case reported to Bawaslu), as PDFs for a person to sign and send;
//! per election the weekly summary (PDF, CSV, XLSX). netra-app makes and
//! logs them (`report.bawaslu`, `report.clarification`, `report.bkn`,
//! `report.summary`); this only hands them over.

use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use netra_app::report::summary::{SummaryFormat, SummaryRequest};
use netra_app::report::{CaseDocKind, CaseReportRequest, ReportError};
use netra_store::Role;
use rand::RngCore as _;

use crate::auth::{get, query_pairs, AnyViewer};
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
        "bkn" => Some(CaseDocKind::Bkn),
        _ => None,
    }
}

/// `GET /cases/{id}/document/{bawaslu|clarification|bkn}`: the PDF.
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
    let tmp = temp_file(&st, &format!("{id}.pdf"));
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

fn temp_file(st: &AppState, what: &str) -> std::path::PathBuf {
    let mut nonce = [0u8; 8];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    st.data_dir()
        .join(format!(".web-document-{what}-{}", hex::encode(nonce)))
}

/// `GET /export/summary.{pdf|csv|xlsx}?election=ID`: the weekly summary of
/// the 7 days up to today (every role: it is a read).
pub async fn weekly_summary(
    State(st): State<AppState>,
    AnyViewer(v): AnyViewer,
    Path(file): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, Fail> {
    let lang = v.lang;
    let (format, media_type) = match file.as_str() {
        "summary.pdf" => (SummaryFormat::Pdf, "application/pdf"),
        "summary.csv" => (SummaryFormat::Csv, "text/csv; charset=utf-8"),
        "summary.xlsx" => (
            SummaryFormat::Xlsx,
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        _ => return Err(Fail::not_found().in_lang(lang)),
    };
    let pairs = query_pairs(q.as_deref());
    let elections = st.store().elections().await?;
    let election = crate::stats::pick_election(&elections, get(&pairs, "election"))
        .ok_or_else(|| Fail::not_found().in_lang(lang))?;
    let office = netra_app::report::load_office(st.data_dir(), None).map_err(|e| {
        Fail::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "config",
            format!("Pengaturan kantor (office.toml) tidak dapat dibaca: {e}"),
            format!("The office settings (office.toml) cannot be read: {e}"),
        )
        .in_lang(lang)
    })?;
    let tmp = temp_file(&st, &format!("summary.{}", format.as_str()));
    let now = chrono::Utc::now();
    let req = SummaryRequest {
        election: Some(&election.id),
        from: None,
        to: None,
        format,
        office: office.as_ref(),
        data_dir: st.data_dir(),
        user: v.name(),
        lang,
        now,
        output: &tmp,
    };
    let made = netra_app::report::summary::summary(st.store(), &req).await;
    let bytes = std::fs::read(&tmp);
    let _ = std::fs::remove_file(&tmp);
    match made {
        Ok(_) => {
            st.checkpoint().await?;
            let name = format!(
                "{}-{}-{}.{}",
                lang.pick("ringkasan-mingguan", "weekly-summary"),
                election.id,
                now.format("%Y%m%d"),
                format.as_str()
            );
            Ok((
                [
                    (header::CONTENT_TYPE, media_type.to_string()),
                    (
                        header::CONTENT_DISPOSITION,
                        format!("attachment; filename=\"{name}\""),
                    ),
                    (header::CACHE_CONTROL, "no-store".to_string()),
                ],
                bytes.map_err(Fail::internal)?,
            )
                .into_response())
        }
        Err(ReportError::BadInput(why)) => Err(Fail::bad_request(why.clone(), why).in_lang(lang)),
        Err(ReportError::Store(e)) => Err(Fail::from(e).in_lang(lang)),
        Err(e) => Err(Fail::internal(e)),
    }
}
