//! The store's error type.

use netra_core::CaseState;

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database URL {0:?} is not sqlite://… or postgres://…")]
    BadUrl(String),
    #[error("cannot open the database at {url}: {source}")]
    Open {
        url: String,
        #[source]
        source: sqlx::Error,
    },
    #[error("cannot migrate the database schema: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error while {doing}: {source}")]
    Query {
        doing: &'static str,
        #[source]
        source: sqlx::Error,
    },
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0} not found")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error(transparent)]
    Evidence(#[from] crate::EvidenceProblem),
    #[error("conflict: case {case_id} changed since you looked (you saw version {expected}, it is now version {found}: {state}, last moved by {by} at {at}); look at it again (`netra case show {case_id}`) and retry")]
    Conflict {
        case_id: i64,
        expected: i64,
        found: i64,
        state: CaseState,
        by: String,
        at: String,
    },
    #[error("case {case_id} is {from}: it cannot move to {to} (allowed: {allowed})")]
    NotAllowed {
        case_id: i64,
        from: CaseState,
        to: CaseState,
        allowed: String,
    },
    #[error("public report {report_id} is {from}: it cannot become {to}")]
    ReportNotAllowed {
        report_id: i64,
        from: &'static str,
        to: &'static str,
    },
    #[error("four-eyes rule: {actor} opened case {case_id} or sent it to review, so another reviewer must confirm it")]
    FourEyes { case_id: i64, actor: String },
}

/// Attaches what the store was doing to a sqlx error.
pub(crate) trait Doing<T> {
    fn doing(self, what: &'static str) -> Result<T, StoreError>;
}

impl<T> Doing<T> for Result<T, sqlx::Error> {
    fn doing(self, what: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Query {
            doing: what,
            source,
        })
    }
}
