//! One error type for pages and the API: a status, a stable code and a
//! sentence in the user's language. Internal causes are written to the
//! server's log and never shown.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use netra_app::Lang;
use netra_store::StoreError;

/// Why a request failed, already worded for the user.
#[derive(Debug)]
pub struct Fail {
    pub status: StatusCode,
    /// Stable, for API clients: `unauthenticated`, `forbidden`, `csrf`,
    /// `not_found`, `bad_request`, `conflict`, `not_allowed`, `four_eyes`,
    /// `too_many_attempts`, `internal`.
    pub code: &'static str,
    /// Indonesian and English sentences.
    pub id: String,
    pub en: String,
    /// Answer as JSON (API) rather than an HTML page.
    pub json: bool,
    pub lang: Lang,
    /// Seconds for a `Retry-After` header (429 answers).
    pub retry_after: Option<u64>,
}

impl Fail {
    pub fn new(
        status: StatusCode,
        code: &'static str,
        id: impl Into<String>,
        en: impl Into<String>,
    ) -> Fail {
        Fail {
            status,
            code,
            id: id.into(),
            en: en.into(),
            json: false,
            lang: Lang::Id,
            retry_after: None,
        }
    }

    /// Something broke inside: logged with its cause, shown without it.
    pub fn internal(cause: impl std::fmt::Display) -> Fail {
        eprintln!("netra serve: internal error: {cause}");
        Fail::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Terjadi kesalahan di server. Sudah dicatat di log server; coba lagi, atau hubungi admin bila berulang.",
            "Something went wrong on the server. It was written to the server's log; try again, or tell your admin if it happens again.",
        )
    }

    pub fn forbidden(id: &str, en: &str) -> Fail {
        Fail::new(StatusCode::FORBIDDEN, "forbidden", id, en)
    }

    pub fn bad_request(id: impl Into<String>, en: impl Into<String>) -> Fail {
        Fail::new(StatusCode::BAD_REQUEST, "bad_request", id, en)
    }

    pub fn not_found() -> Fail {
        Fail::new(
            StatusCode::NOT_FOUND,
            "not_found",
            "Halaman atau data ini tidak ada.",
            "This page or record does not exist.",
        )
    }

    pub fn unauthenticated() -> Fail {
        Fail::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Silakan masuk dulu.",
            "Please log in first.",
        )
    }

    pub fn csrf() -> Fail {
        Fail::new(
            StatusCode::FORBIDDEN,
            "csrf",
            "Formulir ini kedaluwarsa atau tidak berasal dari netra. Muat ulang halaman lalu coba lagi.",
            "This form has expired or did not come from netra. Reload the page and try again.",
        )
    }

    /// Too many failed logins: refused until `until`.
    pub fn locked(until: chrono::DateTime<chrono::Utc>) -> Fail {
        let secs = u64::try_from((until - chrono::Utc::now()).num_seconds())
            .unwrap_or(0)
            .max(1);
        let minutes = secs.div_ceil(60);
        let mut f = Fail::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too_many_attempts",
            format!("Terlalu banyak percobaan masuk yang gagal. Demi keamanan, coba lagi dalam {minutes} menit."),
            format!(
                "Too many failed login attempts. For safety, try again in {minutes} minute{}.",
                if minutes == 1 { "" } else { "s" }
            ),
        );
        f.retry_after = Some(secs);
        f
    }

    /// A review refusal or store error, worded as the CLI words it.
    pub fn from_store(e: &StoreError, lang: Lang, local: &dyn Fn(&str) -> String) -> Fail {
        let (status, code) = match e {
            StoreError::NotFound(_) => return Fail::not_found(),
            StoreError::Conflict { .. } => (StatusCode::CONFLICT, "conflict"),
            StoreError::NotAllowed { .. } => (StatusCode::CONFLICT, "not_allowed"),
            StoreError::FourEyes { .. } => (StatusCode::FORBIDDEN, "four_eyes"),
            StoreError::Invalid(_) => (StatusCode::BAD_REQUEST, "bad_request"),
            other => return Fail::internal(other),
        };
        Fail::new(
            status,
            code,
            netra_app::cases::refusal(e, Lang::Id, local),
            netra_app::cases::refusal(e, Lang::En, local),
        )
        .in_lang(lang)
    }

    #[must_use]
    pub fn in_lang(mut self, lang: Lang) -> Fail {
        self.lang = lang;
        self
    }

    #[must_use]
    pub fn into_json(mut self) -> Fail {
        self.json = true;
        self
    }

    pub fn message(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Fail {
        match e {
            StoreError::NotFound(_) => Fail::not_found(),
            other => Fail::internal(other),
        }
    }
}

impl From<netra_app::AppError> for Fail {
    fn from(e: netra_app::AppError) -> Fail {
        match e {
            netra_app::AppError::Store(s) => s.into(),
            other => Fail::internal(other),
        }
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        let mut r = if self.json {
            let body = serde_json::json!({
                "error": { "code": self.code, "message": self.message(self.lang) }
            });
            (self.status, axum::Json(body)).into_response()
        } else {
            let page = crate::view::error_page(self.status, self.message(self.lang), self.lang);
            (self.status, page).into_response()
        };
        if let Some(secs) = self.retry_after {
            r.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        r
    }
}
