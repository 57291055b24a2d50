//! netra's web app and JSON API (`netra serve`): a dashboard, the case list
//! and case pages with their evidence and reasons, review actions, per-pair
//! and per-unit charts, CSV/XLSX downloads and the case documents of
//! `netra report` (PDF), behind a login with roles
//! (admin, analyst, reviewer, auditor).
//!
//! Pages are server-rendered HTML (no script, no CDN: it works offline and
//! on slow office links), in Bahasa Indonesia by default with English as an
//! option; filters live in the URL so they survive going back. The API under
//! `/api` is documented at `/api/openapi.json`.
//!
//! What it guarantees:
//! - every page or API read of a case, every listing and export and every
//!   action goes into the audit log with the logged-in user;
//! - a person decides: the app only moves a case when a user with the right
//!   role asks, and sends nothing anywhere;
//! - sessions are random tokens in `HttpOnly; SameSite=Strict` cookies
//!   (only their hash is stored), every form carries the session's CSRF token;
//!   a session ends after 12 hours, or sooner when unused for the idle timeout;
//! - repeated failed logins for a name or from an address are slowed, then
//!   refused for a while (HTTP 429), the same for names that do not exist;
//! - errors reach users as clear words; internal details go to the log only;
//! - the public sends reports at `/lapor` without logging in and follows
//!   them with a tracking code that is stored only as its hash; what a code
//!   shows is the date, the state and a message from staff, never case data.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let dir = std::path::PathBuf::from("/tmp/netra");
//! let store = netra_store::Store::open_in_dir(&dir).await?;
//! let state = netra_web::AppState::new(store, dir, netra_core::Catalogue::bundled()?);
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//! netra_web::serve(listener, state).await?;
//! # Ok(()) }
//! ```

mod api;
mod auth;
mod documents;
mod error;
mod export;
mod filter;
mod openapi;
mod pages;
mod reports;
mod stats;
mod view;

use std::path::PathBuf;
use std::sync::Arc;

use axum::routing::{get, post};
use axum::Router;
use netra_core::Catalogue;
use netra_store::Store;

pub use auth::{can_move, can_note, SESSION_COOKIE};
pub use netra_store::LoginThrottle;
pub use openapi::document as openapi_document;
pub use reports::{image_type, new_tracking_code, PublicLimits, MAX_SCREENSHOT_BYTES};

/// How long a login lasts.
pub const SESSION_HOURS: i64 = 12;

/// Minutes a session may go unused before it ends, unless told otherwise.
pub const DEFAULT_IDLE_MINUTES: i64 = 30;

/// How `netra serve` treats logins and sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WebConfig {
    /// A session unused this long ends (the 12-hour limit stays).
    pub idle_timeout: chrono::Duration,
    /// When failed logins are refused for a while.
    pub login_throttle: LoginThrottle,
    /// The answer to the n-th failed login in a row for a name waits
    /// (n − 1) times this, at most four times.
    pub failure_delay: std::time::Duration,
    /// How many reports and status look-ups the public side takes from
    /// one address.
    pub public_limits: PublicLimits,
}

impl Default for WebConfig {
    fn default() -> WebConfig {
        WebConfig {
            idle_timeout: chrono::Duration::minutes(DEFAULT_IDLE_MINUTES),
            login_throttle: LoginThrottle::default(),
            failure_delay: std::time::Duration::from_millis(250),
            public_limits: PublicLimits::default(),
        }
    }
}

/// What every request handler shares. Cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

struct Inner {
    store: Store,
    data_dir: PathBuf,
    catalogue: Catalogue,
    config: WebConfig,
}

impl AppState {
    /// The store, the data directory (for the audit key) and the violation
    /// catalogue the case pages name violations from.
    pub fn new(store: Store, data_dir: PathBuf, catalogue: Catalogue) -> AppState {
        AppState::with_config(store, data_dir, catalogue, WebConfig::default())
    }

    /// As [`AppState::new`], with an idle timeout and login throttling of your own.
    pub fn with_config(
        store: Store,
        data_dir: PathBuf,
        catalogue: Catalogue,
        config: WebConfig,
    ) -> AppState {
        AppState(Arc::new(Inner {
            store,
            data_dir,
            catalogue,
            config,
        }))
    }

    pub(crate) fn config(&self) -> &WebConfig {
        &self.0.config
    }

    pub(crate) fn store(&self) -> &Store {
        &self.0.store
    }

    pub(crate) fn catalogue(&self) -> &Catalogue {
        &self.0.catalogue
    }

    /// Signs an audit checkpoint after a write, as the CLI's commands do.
    pub(crate) async fn checkpoint(&self) -> Result<(), error::Fail> {
        netra_app::integrity::checkpoint(&self.0.store, &self.0.data_dir)
            .await
            .map_err(error::Fail::internal)
    }

    pub(crate) fn data_dir(&self) -> &std::path::Path {
        &self.0.data_dir
    }
}

/// Every route of the web app and the API.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::dashboard))
        .route("/login", get(auth::login_page).post(auth::login_form))
        .route("/logout", post(auth::logout_form))
        .route("/lang/{lang}", get(auth::set_lang))
        .route("/cases", get(pages::cases))
        .route("/cases/{id}", get(pages::case))
        .route("/cases/{id}/move", post(pages::move_case))
        .route("/cases/{id}/notes", post(pages::add_note))
        .route("/cases/{id}/document/{kind}", get(documents::case_document))
        .route("/export/cases.csv", get(export::csv))
        .route("/export/cases.xlsx", get(export::xlsx))
        .route("/export/{file}", get(documents::weekly_summary))
        .route("/audit", get(pages::audit))
        .route("/users", get(pages::users).post(pages::user_action))
        .route(
            "/lapor",
            get(reports::form_page).post(reports::submit).layer(
                axum::extract::DefaultBodyLimit::max(reports::MAX_FORM_BYTES),
            ),
        )
        .route(
            "/lapor/status",
            get(reports::status_form_page).post(reports::status),
        )
        .route("/reports", get(reports::list))
        .route("/reports/{id}", get(reports::detail))
        .route("/reports/{id}/screenshot", get(reports::screenshot))
        .route("/reports/{id}/action", post(reports::action))
        .route("/static/netra.css", get(view::stylesheet))
        .route("/api/openapi.json", get(openapi::serve))
        .route("/api/login", post(api::login))
        .route("/api/logout", post(api::logout))
        .route("/api/me", get(api::me))
        .route("/api/cases", get(api::cases))
        .route("/api/cases/{id}", get(api::case))
        .route("/api/cases/{id}/move", post(api::move_case))
        .route("/api/cases/{id}/notes", post(api::add_note))
        .route("/api/stats", get(api::stats))
        .route("/api/audit", get(api::audit))
        .route("/api/reports", get(reports::api_list))
        .route("/api/reports/{id}", get(reports::api_detail))
        .route("/api/reports/{id}/action", post(reports::api_action))
        .fallback(pages::not_found)
        .layer(axum::middleware::map_response(security_headers))
        .with_state(state)
}

/// Headers on every answer: no script, no framing, nothing from elsewhere
/// (inline styles only for the bar widths of the charts),
/// no referrer to the platforms a case links to, nothing cached by proxies.
async fn security_headers(mut r: axum::response::Response) -> axum::response::Response {
    use axum::http::{header, HeaderValue};
    let h = r.headers_mut();
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; style-src 'self' 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    if !h.contains_key(header::CACHE_CONTROL) {
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    r
}

/// Serves the app on `listener` until Ctrl-C (or SIGTERM).
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown())
        .await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
