//! The use-case error type.

/// Why a use case could not run.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("no data directory: give --data-dir or set NETRA_DATA_DIR")]
    NoDataDir,
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Config { path: String, message: String },
    #[error("cannot write the output: {0}")]
    Output(String),
    #[error(transparent)]
    Election(#[from] netra_core::ElectionError),
    #[error(transparent)]
    Catalogue(#[from] netra_core::CatalogueError),
    #[error(transparent)]
    Ingest(#[from] netra_ingest::IngestError),
    #[error(transparent)]
    Store(#[from] netra_store::StoreError),
    #[error(transparent)]
    Queue(#[from] netra_queue::QueueError),
}
