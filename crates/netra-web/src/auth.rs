//! Who is asking and what they may do: sessions (cookie or bearer token),
//! roles, CSRF tokens, the login and logout forms (with login throttling),
//! the language switch.

use axum::extract::{FromRequestParts, Path, RawQuery, State};
use axum::http::header::{AUTHORIZATION, COOKIE, LOCATION, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use netra_app::Lang;
use netra_core::CaseState;
use netra_store::{NewSession, Role, User};
use rand::RngCore as _;

use crate::error::Fail;
use crate::AppState;

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "netra_session";
const LANG_COOKIE: &str = "netra_lang";
/// Double-submit token of the login form (there is no session yet).
const LOGIN_COOKIE: &str = "netra_login";

/// Whether `role` may ask for a move from `from` to `to` (the workflow
/// itself is the store's to check). Reviewers decide; analysts only send
/// new cases to review; admins and auditors move nothing.
pub fn role_may_move(role: Role, from: CaseState, to: CaseState) -> bool {
    match role {
        Role::Reviewer => true,
        Role::Analyst => from == CaseState::New && to == CaseState::InReview,
        Role::Admin | Role::Auditor => false,
    }
}

/// Whether `role` may move a case from `from` to `to` now: the role allows
/// it and so does the workflow (what the case page offers).
pub fn can_move(role: Role, from: CaseState, to: CaseState) -> bool {
    role_may_move(role, from, to) && from.can_move_to(to)
}

/// Whether `role` may add notes to cases (analysts and reviewers).
pub fn can_note(role: Role) -> bool {
    matches!(role, Role::Analyst | Role::Reviewer)
}

/// Whether `role` may read the audit log (auditors and admins).
pub fn can_read_audit(role: Role) -> bool {
    matches!(role, Role::Auditor | Role::Admin)
}

/// A role as people say it.
pub fn role_name(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Analyst => lang.pick("analis", "analyst"),
        Role::Reviewer => lang.pick("peninjau", "reviewer"),
        Role::Auditor => "auditor",
    }
}

/// The logged-in user of a request.
#[derive(Debug, Clone)]
pub struct Viewer {
    pub user: User,
    /// The session's CSRF token (forms carry it).
    pub csrf: String,
    pub lang: Lang,
    /// The session token.
    pub token: String,
    /// Came as `Authorization: Bearer` (not a cookie): no CSRF check needed.
    pub bearer: bool,
}

impl Viewer {
    pub fn name(&self) -> &str {
        &self.user.name
    }

    pub fn role(&self) -> Role {
        self.user.role
    }

    /// Checks the CSRF token a cookie-authenticated write carries.
    pub fn check_csrf(&self, given: Option<&str>) -> Result<(), Fail> {
        if self.bearer || given.is_some_and(|g| same(g, &self.csrf)) {
            Ok(())
        } else {
            Err(Fail::csrf().in_lang(self.lang))
        }
    }
}

/// Constant-time comparison of two tokens.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// The value of cookie `name`.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|kv| kv.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The language the user chose (cookie), Bahasa Indonesia by default.
pub fn lang_of(headers: &HeaderMap) -> Lang {
    match cookie(headers, LANG_COOKIE).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Id,
    }
}

fn random_hex() -> String {
    let mut b = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut b);
    hex::encode(b)
}

fn secure(headers: &HeaderMap) -> &'static str {
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    if https {
        "; Secure"
    } else {
        ""
    }
}

async fn find_viewer(state: &AppState, headers: &HeaderMap) -> Result<Option<Viewer>, Fail> {
    let bearer = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string());
    let (token, is_bearer) = match bearer {
        Some(t) => (t, true),
        None => match cookie(headers, SESSION_COOKIE) {
            Some(t) => (t, false),
            None => return Ok(None),
        },
    };
    let idle = state.config().idle_timeout;
    let Some(session) = state.store().active_session(&token, idle).await? else {
        return Ok(None);
    };
    Ok(Some(Viewer {
        user: session.user,
        csrf: session.csrf,
        lang: lang_of(headers),
        token,
        bearer: is_bearer,
    }))
}

/// The client's address: the peer, or, when the peer is this machine (a
/// reverse proxy in front of netra), the last `X-Forwarded-For` entry.
/// Unknown without connection info (tests through `oneshot`).
pub struct ClientAddr(pub Option<std::net::IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip());
        let forwarded = || {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|v| v.to_str().ok())
                .flat_map(|v| v.split(','))
                .last()
                .and_then(|a| a.trim().parse().ok())
        };
        Ok(ClientAddr(match peer {
            Some(p) if p.is_loopback() => forwarded().or(Some(p)),
            other => other,
        }))
    }
}

/// How a login attempt ended.
pub enum Attempt {
    In(NewSession),
    /// Wrong name or password, or a disabled user (one answer for all).
    Wrong,
    /// Too many failures for this name or address: refused until then.
    Locked(chrono::DateTime<chrono::Utc>),
}

/// Tries `name` and `password` from `addr` under the throttle: a locked
/// name or address is refused without checking the password; a failure is
/// counted (unknown names exactly like known ones) and its answer slowed.
pub async fn attempt_login(
    state: &AppState,
    name: &str,
    password: &str,
    addr: Option<std::net::IpAddr>,
) -> Result<Attempt, Fail> {
    let addr = addr.map(|a| a.to_string());
    let store = state.store();
    if let Some(until) = store.login_locked_until(name, addr.as_deref()).await? {
        return Ok(Attempt::Locked(until));
    }
    let session = store
        .login(
            name,
            password,
            chrono::Duration::hours(crate::SESSION_HOURS),
        )
        .await?;
    if let Some(s) = session {
        return Ok(Attempt::In(s));
    }
    let config = state.config();
    let failed = store
        .login_failed(name, addr.as_deref(), &config.login_throttle)
        .await?;
    let steps = u32::try_from(failed.user_failures.clamp(1, 5) - 1).unwrap_or(0);
    tokio::time::sleep(config.failure_delay * steps).await;
    Ok(match failed.locked_until {
        Some(until) => Attempt::Locked(until),
        None => Attempt::Wrong,
    })
}

/// A page's user: not logged in → the login page (303 to `/login?next=…`).
pub struct PageViewer(pub Viewer);

impl FromRequestParts<AppState> for PageViewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let lang = lang_of(&parts.headers);
        match find_viewer(state, &parts.headers).await {
            Ok(Some(v)) => Ok(PageViewer(v)),
            Ok(None) => {
                let next = parts
                    .uri
                    .path_and_query()
                    .map_or("/", axum::http::uri::PathAndQuery::as_str);
                let to = format!("/login?next={}", crate::view::url_encode(next));
                Err(redirect(&to))
            }
            Err(f) => Err(f.in_lang(lang).into_response()),
        }
    }
}

/// An API caller: not logged in → 401 JSON.
pub struct ApiViewer(pub Viewer);

impl FromRequestParts<AppState> for ApiViewer {
    type Rejection = Fail;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Fail> {
        let lang = lang_of(&parts.headers);
        match find_viewer(state, &parts.headers).await {
            Ok(Some(v)) => Ok(ApiViewer(v)),
            Ok(None) => Err(Fail::unauthenticated().in_lang(lang).into_json()),
            Err(f) => Err(f.in_lang(lang).into_json()),
        }
    }
}

/// A page or an API caller: for routes both use (downloads). Not logged
/// in → the login page, or 401 for a bearer-less API client asking JSON.
pub struct AnyViewer(pub Viewer);

impl FromRequestParts<AppState> for AnyViewer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let wants_json = parts
            .headers
            .get(axum::http::header::ACCEPT)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.contains("application/json"));
        if wants_json || parts.headers.contains_key(AUTHORIZATION) {
            ApiViewer::from_request_parts(parts, state)
                .await
                .map(|v| AnyViewer(v.0))
                .map_err(IntoResponse::into_response)
        } else {
            PageViewer::from_request_parts(parts, state)
                .await
                .map(|v| AnyViewer(v.0))
        }
    }
}

/// A local path to go back to: starts with one `/`, no line breaks.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n)
            if n.starts_with('/')
                && !n.starts_with("//")
                && !n.starts_with("/\\")
                && !n.chars().any(char::is_control) =>
        {
            n.to_string()
        }
        _ => "/".to_string(),
    }
}

/// 303 See Other to `to`.
pub fn redirect(to: &str) -> Response {
    let mut r = StatusCode::SEE_OTHER.into_response();
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(LOCATION, v);
    }
    r
}

fn with_cookie(mut r: Response, cookie: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(cookie) {
        r.headers_mut().append(SET_COOKIE, v);
    }
    r
}

/// The session cookie for `token`.
pub fn session_cookie(token: &str, headers: &HeaderMap) -> String {
    format!(
        "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}",
        crate::SESSION_HOURS * 3600,
        secure(headers)
    )
}

fn clear_session_cookie() -> String {
    format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0")
}

/// The query's `key=value` pairs (lenient: undecodable input reads as none).
pub fn query_pairs(q: Option<&str>) -> Vec<(String, String)> {
    q.and_then(|q| serde_urlencoded::from_str(q).ok())
        .unwrap_or_default()
}

/// A form body's `key=value` pairs.
pub fn form_pairs(body: &[u8]) -> Vec<(String, String)> {
    serde_urlencoded::from_bytes(body).unwrap_or_default()
}

/// The first value of `key`.
pub fn get<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// `GET /login`: the login form (or straight on when already logged in).
pub async fn login_page(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(q): RawQuery,
) -> Result<Response, Fail> {
    let lang = lang_of(&headers);
    let pairs = query_pairs(q.as_deref());
    let next = safe_next(get(&pairs, "next"));
    if find_viewer(&state, &headers).await?.is_some() {
        return Ok(redirect(&next));
    }
    login_response(&state, &headers, &next, lang, None, StatusCode::OK).await
}

async fn login_response(
    state: &AppState,
    headers: &HeaderMap,
    next: &str,
    lang: Lang,
    error: Option<&str>,
    status: StatusCode,
) -> Result<Response, Fail> {
    let nonce = random_hex();
    let no_users = state.store().users().await.map_err(Fail::from)?.is_empty();
    let page = crate::view::login_page(&nonce, next, lang, error, no_users);
    let cookie = format!(
        "{LOGIN_COOKIE}={nonce}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{}",
        secure(headers)
    );
    Ok(with_cookie((status, page).into_response(), &cookie))
}

/// `POST /login`: checks the form's token, the name and the password.
pub async fn login_form(
    State(state): State<AppState>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, Fail> {
    let lang = lang_of(&headers);
    let form = form_pairs(&body);
    let next = safe_next(get(&form, "next"));
    let nonce_ok = match (cookie(&headers, LOGIN_COOKIE), get(&form, "csrf")) {
        (Some(c), Some(f)) => !c.is_empty() && same(&c, f),
        _ => false,
    };
    if !nonce_ok {
        return Err(Fail::csrf().in_lang(lang));
    }
    let name = get(&form, "name").unwrap_or("").trim();
    let password = get(&form, "password").unwrap_or("");
    match attempt_login(&state, name, password, addr).await? {
        Attempt::In(s) => {
            state.checkpoint().await?;
            Ok(with_cookie(
                redirect(&next),
                &session_cookie(&s.token, &headers),
            ))
        }
        Attempt::Wrong => {
            let msg = lang.pick(
                "Nama atau kata sandi salah, atau akun ini dinonaktifkan.",
                "Wrong name or password, or this account is disabled.",
            );
            login_response(
                &state,
                &headers,
                &next,
                lang,
                Some(msg),
                StatusCode::UNAUTHORIZED,
            )
            .await
        }
        Attempt::Locked(until) => {
            let fail = Fail::locked(until);
            let mut r = login_response(
                &state,
                &headers,
                &next,
                lang,
                Some(fail.message(lang)),
                fail.status,
            )
            .await?;
            if let Some(secs) = fail.retry_after {
                r.headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, secs.into());
            }
            Ok(r)
        }
    }
}

/// `POST /logout`: ends the session.
pub async fn logout_form(
    State(state): State<AppState>,
    PageViewer(v): PageViewer,
    body: axum::body::Bytes,
) -> Result<Response, Fail> {
    let form = form_pairs(&body);
    v.check_csrf(get(&form, "csrf"))?;
    state.store().logout(&v.token).await?;
    state.checkpoint().await?;
    Ok(with_cookie(redirect("/login"), &clear_session_cookie()))
}

/// `GET /lang/{id|en}?back=…`: switches the language (a cookie) and goes back.
pub async fn set_lang(Path(lang): Path<String>, RawQuery(q): RawQuery) -> Response {
    let pairs = query_pairs(q.as_deref());
    let back = safe_next(get(&pairs, "back"));
    let value = if lang == "en" { "en" } else { "id" };
    with_cookie(
        redirect(&back),
        &format!("{LANG_COOKIE}={value}; Path=/; SameSite=Lax; Max-Age=31536000"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/cases?state=new")), "/cases?state=new");
        for bad in [
            "//evil.example",
            "https://evil.example",
            "/\\evil",
            "/a\r\nSet-Cookie: x",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }

    #[test]
    fn roles_decide_moves() {
        use CaseState::{Confirmed, InReview, New};
        assert!(can_move(Role::Reviewer, InReview, Confirmed));
        assert!(
            !can_move(Role::Reviewer, New, Confirmed),
            "the workflow still applies"
        );
        assert!(can_move(Role::Analyst, New, InReview));
        assert!(!can_move(Role::Analyst, InReview, Confirmed));
        assert!(!can_move(Role::Auditor, New, InReview));
        assert!(!can_move(Role::Admin, New, InReview));
        assert!(can_note(Role::Analyst) && !can_note(Role::Auditor));
    }

    #[test]
    fn cookies_are_read_from_every_header() {
        let mut h = HeaderMap::new();
        h.append(COOKIE, HeaderValue::from_static("a=1; netra_lang=en"));
        h.append(COOKIE, HeaderValue::from_static("netra_session=abc"));
        assert_eq!(cookie(&h, "netra_session").as_deref(), Some("abc"));
        assert_eq!(lang_of(&h), Lang::En);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
