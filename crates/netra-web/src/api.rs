//! The JSON API under `/api` (described in `/api/openapi.json`). Same
//! sessions, roles and audit log as the pages: a cookie session must send
//! its CSRF token in `X-CSRF-Token` on writes; a bearer token need not.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use netra_app::cases::{activity_text, case_json, event_reason, Zones};
use netra_app::Lang;
use netra_core::CaseState;
use serde_json::{json, Value};

use crate::auth::{
    attempt_login, can_move, can_read_audit, get, lang_of, query_pairs, session_cookie, ApiViewer,
    Attempt, ClientAddr, Viewer,
};
use crate::error::Fail;
use crate::filter::CaseQuery;
use crate::pages::{case_id, do_move, do_note, select_cases};
use crate::AppState;

fn csrf_header(headers: &HeaderMap) -> Option<&str> {
    headers.get("x-csrf-token").and_then(|v| v.to_str().ok())
}

/// A JSON body, or a clear 400.
fn body_json<T: serde::de::DeserializeOwned>(body: &[u8], lang: Lang) -> Result<T, Fail> {
    serde_json::from_slice(body).map_err(|e| {
        Fail::bad_request(
            format!("Isi permintaan bukan JSON yang diharapkan: {e}"),
            format!("The request body is not the JSON expected: {e}"),
        )
        .in_lang(lang)
        .into_json()
    })
}

#[derive(serde::Deserialize)]
struct LoginBody {
    name: String,
    password: String,
}

/// `POST /api/login`: `{name, password}` → a session (cookie and bearer token).
pub async fn login(
    State(st): State<AppState>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, Fail> {
    let lang = lang_of(&headers);
    let b: LoginBody = body_json(&body, lang)?;
    let s = match attempt_login(&st, b.name.trim(), &b.password, addr)
        .await
        .map_err(Fail::into_json)?
    {
        Attempt::In(s) => s,
        Attempt::Wrong => {
            return Err(Fail::new(
                StatusCode::UNAUTHORIZED,
                "unauthenticated",
                "Nama atau kata sandi salah, atau akun ini dinonaktifkan.",
                "Wrong name or password, or this account is disabled.",
            )
            .in_lang(lang)
            .into_json())
        }
        Attempt::Locked(until) => return Err(Fail::locked(until).in_lang(lang).into_json()),
    };
    st.checkpoint().await.map_err(Fail::into_json)?;
    let mut r = Json(json!({
        "token": s.token,
        "csrf": s.session.csrf,
        "user": s.session.user.name,
        "role": s.session.user.role.as_str(),
        "expires_at": s.session.expires_at,
    }))
    .into_response();
    if let Ok(v) = axum::http::HeaderValue::from_str(&session_cookie(&s.token, &headers)) {
        r.headers_mut().append(axum::http::header::SET_COOKIE, v);
    }
    Ok(r)
}

/// `POST /api/logout`.
pub async fn logout(
    State(st): State<AppState>,
    headers: HeaderMap,
    ApiViewer(v): ApiViewer,
) -> Result<Json<Value>, Fail> {
    v.check_csrf(csrf_header(&headers))
        .map_err(Fail::into_json)?;
    st.store()
        .logout(&v.token)
        .await
        .map_err(|e| Fail::from(e).into_json())?;
    st.checkpoint().await.map_err(Fail::into_json)?;
    Ok(Json(json!({ "ok": true })))
}

/// `GET /api/me`.
pub async fn me(ApiViewer(v): ApiViewer) -> Json<Value> {
    Json(json!({ "user": v.name(), "role": v.role().as_str(), "csrf": v.csrf }))
}

/// `GET /api/cases?…`: the filtered list (logged as `cases.list`).
pub async fn cases(
    State(st): State<AppState>,
    ApiViewer(v): ApiViewer,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, Fail> {
    let cq = CaseQuery::from_pairs(&query_pairs(q.as_deref()));
    let (rows, _) = select_cases(&st, &cq).await.map_err(Fail::into_json)?;
    let body = json!({
        "total": rows.len(),
        "cases": rows.iter().map(case_json).collect::<Vec<_>>(),
    });
    netra_app::cases::log_listing(
        st.store(),
        v.name(),
        "cases.list",
        "api",
        &rows,
        body.to_string().as_bytes(),
    )
    .await
    .map_err(|e| Fail::from(e).into_json())?;
    Ok(Json(body))
}

#[allow(
    clippy::many_single_char_names,
    reason = "d, v, c, j, r: case detail, viewer, case, JSON, row"
)]
/// A case as the API shows it: the list fields, the ASN's position, the
/// signals with their text, reasons (words in the chosen language and the
/// structured reasons), evidence hash and check, history, notes and the
/// moves this user may make.
fn detail_json(
    d: &netra_store::CaseDetail,
    notes: &[netra_store::CaseNote],
    v: &Viewer,
    zones: &Zones,
) -> Value {
    let c = &d.case;
    let lang = v.lang;
    let mut j = case_json(c);
    j["clarification"] = json!(c.clarification);
    j["submitted_by"] = json!(c.submitted_by);
    j["deadline_local"] = json!(zones.local(&c.election_id, &c.deadline, lang));
    j["signals_detail"] = d
        .signals
        .iter()
        .map(|s| {
            let r = &s.signal;
            json!({
                "rank": s.rank,
                "activity_id": r.activity_id,
                "account": r.account_key,
                "platform": r.platform,
                "kind": r.kind,
                "created_at": r.created_at_utc,
                "pair": r.target,
                "stance": r.label,
                "score": r.score,
                "rule": r.rule,
                "text": activity_text(&s.activity_json),
                "reasons": r.reasons.iter().map(|x| netra_app::reasons::render(x, lang)).collect::<Vec<_>>(),
                "reasons_data": r.reasons,
                "evidence_sha256": s.activity_sha256,
                "evidence_intact": s.intact,
            })
        })
        .collect();
    j["history"] = d
        .events
        .iter()
        .map(|e| {
            json!({
                "version": e.version,
                "from": e.from.map(CaseState::as_str),
                "to": e.to.as_str(),
                "actor": e.actor,
                "reason": event_reason(&e.reason, lang),
                "at": e.at,
            })
        })
        .collect();
    j["notes"] = notes
        .iter()
        .map(|n| json!({ "id": n.id, "author": n.author, "text": n.text, "at": n.at }))
        .collect();
    j["allowed_moves"] = c
        .state
        .next_states()
        .iter()
        .filter(|to| can_move(v.role(), c.state, **to))
        .map(|s| s.as_str())
        .collect();
    j["pairs"] = d
        .pairs
        .iter()
        .map(|p| json!({ "pair": p.number, "names": p.names }))
        .collect();
    j
}

/// `GET /api/cases/{id}` (logged as `case.view`).
pub async fn case(
    State(st): State<AppState>,
    ApiViewer(v): ApiViewer,
    Path(id): Path<String>,
) -> Result<Json<Value>, Fail> {
    let id = case_id(&id).map_err(|f| f.in_lang(v.lang).into_json())?;
    let d = st
        .store()
        .view_case(id, v.name())
        .await
        .map_err(|e| Fail::from(e).in_lang(v.lang).into_json())?;
    st.checkpoint().await.map_err(Fail::into_json)?;
    let notes = st
        .store()
        .case_notes(id)
        .await
        .map_err(|e| Fail::from(e).into_json())?;
    let zones = Zones::new(
        &st.store()
            .elections()
            .await
            .map_err(|e| Fail::from(e).into_json())?,
    );
    Ok(Json(detail_json(&d, &notes, &v, &zones)))
}

#[derive(serde::Deserialize)]
struct MoveBody {
    to: String,
    reason: String,
    expected_version: Option<i64>,
    clarification: Option<String>,
}

/// `POST /api/cases/{id}/move`: `{to, reason, expected_version?, clarification?}`.
pub async fn move_case(
    State(st): State<AppState>,
    headers: HeaderMap,
    ApiViewer(v): ApiViewer,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Json<Value>, Fail> {
    v.check_csrf(csrf_header(&headers))
        .map_err(Fail::into_json)?;
    let id = case_id(&id).map_err(|f| f.in_lang(v.lang).into_json())?;
    let b: MoveBody = body_json(&body, v.lang)?;
    let to = CaseState::parse(b.to.trim()).ok_or_else(|| {
        Fail::bad_request(
            format!(
                "Status tidak dikenal {:?}; salah satu dari: {}",
                b.to,
                CaseState::allowed_list()
            ),
            format!(
                "Unknown state {:?}; one of: {}",
                b.to,
                CaseState::allowed_list()
            ),
        )
        .in_lang(v.lang)
        .into_json()
    })?;
    let c = do_move(
        &st,
        &v,
        id,
        to,
        b.expected_version,
        &b.reason,
        b.clarification.as_deref(),
    )
    .await
    .map_err(Fail::into_json)?;
    Ok(Json(case_json(&c)))
}

#[derive(serde::Deserialize)]
struct NoteBody {
    text: String,
}

/// `POST /api/cases/{id}/notes`: `{text}`.
pub async fn add_note(
    State(st): State<AppState>,
    headers: HeaderMap,
    ApiViewer(v): ApiViewer,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<(StatusCode, Json<Value>), Fail> {
    v.check_csrf(csrf_header(&headers))
        .map_err(Fail::into_json)?;
    let id = case_id(&id).map_err(|f| f.in_lang(v.lang).into_json())?;
    let b: NoteBody = body_json(&body, v.lang)?;
    let n = do_note(&st, &v, id, &b.text)
        .await
        .map_err(Fail::into_json)?;
    Ok((
        StatusCode::CREATED,
        Json(
            json!({ "id": n.id, "case": n.case_id, "author": n.author, "text": n.text, "at": n.at }),
        ),
    ))
}

/// `GET /api/stats?election=ID`: cases and signals per pair, cases per unit and state.
pub async fn stats(
    State(st): State<AppState>,
    ApiViewer(v): ApiViewer,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, Fail> {
    let pairs = query_pairs(q.as_deref());
    let elections = st
        .store()
        .elections()
        .await
        .map_err(|e| Fail::from(e).into_json())?;
    let Some(e) = crate::stats::pick_election(&elections, get(&pairs, "election")) else {
        return Err(Fail::not_found().in_lang(v.lang).into_json());
    };
    let s = crate::stats::compute(st.store(), &e, Utc::now())
        .await
        .map_err(|e| Fail::from(e).into_json())?;
    st.store()
        .audit(
            v.name(),
            "stats.view",
            &format!("election:{}", e.id),
            json!({ "cases": s.cases }),
        )
        .await
        .map_err(|e| Fail::from(e).into_json())?;
    Ok(Json(s.to_json()))
}

/// `GET /api/audit?actor=&action=&case=&limit=` (auditors and admins).
pub async fn audit(
    State(st): State<AppState>,
    ApiViewer(v): ApiViewer,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, Fail> {
    if !can_read_audit(v.role()) {
        return Err(Fail::forbidden(
            "Log audit hanya untuk auditor dan admin.",
            "The audit log is for auditors and admins.",
        )
        .in_lang(v.lang)
        .into_json());
    }
    let pairs = query_pairs(q.as_deref());
    let field = |k: &str| {
        get(&pairs, k)
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
    };
    let query = netra_store::AuditQuery {
        actor: field("actor"),
        action: field("action"),
        subject: field("case")
            .and_then(|c| c.parse::<i64>().ok())
            .map(|c| format!("case:{c}")),
        since: None,
        until: None,
        limit: field("limit")
            .and_then(|l| l.parse().ok())
            .unwrap_or(200)
            .clamp(1, 5_000),
    };
    let entries = st
        .store()
        .search_audit(&query)
        .await
        .map_err(|e| Fail::from(e).into_json())?;
    st.store()
        .audit(
            v.name(),
            "audit.read",
            "audit",
            json!({ "entries": entries.len(), "api": true }),
        )
        .await
        .map_err(|e| Fail::from(e).into_json())?;
    Ok(Json(json!({
        "entries": entries.iter().map(|e| json!({
            "seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action, "subject": e.subject,
            "detail": serde_json::from_str::<Value>(&e.detail).unwrap_or(Value::String(e.detail.clone())),
            "hash": e.hash,
        })).collect::<Vec<_>>()
    })))
}
