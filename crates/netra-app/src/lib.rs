//! netra's use cases, glued from the library crates: `scan` (load config,
//! registry and activities → detect → store signals → summary), `import`
//! (platform exports converted, then the same path as `scan`), and the
//! demo data set-up. The CLI and the web app call these; they know no argv
//! and no HTTP.
//!
//! ```no_run
//! # async fn demo() -> Result<(), netra_app::AppError> {
//! let dir = netra_app::resolve_data_dir(None)?;
//! let store = netra_store::Store::open_in_dir(&dir).await?;
//! let input = netra_app::scan::ScanInput::demo(&dir)?;
//! let report = netra_app::scan::run(&input, &store, &netra_app::Progress::hidden()).await?;
//! println!("{}", report.render(netra_app::Lang::Id));
//! # Ok(()) }
//! ```

pub mod case_builder;
pub mod cases;
pub mod classify;
pub mod demo;
mod error;
pub mod eval;
pub mod explain;
pub mod import;
pub mod integrity;
mod lang;
pub mod ocr;
mod progress;
pub mod publish;
pub mod reasons;
pub mod report;
pub mod retention;
pub mod scan;
pub mod summary;
pub mod train;
pub mod worker;

pub use error::AppError;
pub use lang::Lang;
pub use progress::Progress;

use std::path::{Path, PathBuf};

/// The data directory: `explicit` (from `--data-dir` or `NETRA_DATA_DIR`),
/// else the platform's data directory (e.g. `~/.local/share/netra`). Created
/// when missing.
pub fn resolve_data_dir(explicit: Option<&Path>) -> Result<PathBuf, AppError> {
    let dir = match explicit {
        Some(p) => p.to_path_buf(),
        None => directories::ProjectDirs::from("id", "netra", "netra")
            .map(|d| d.data_dir().to_path_buf())
            .ok_or(AppError::NoDataDir)?,
    };
    std::fs::create_dir_all(&dir).map_err(|source| AppError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    Ok(dir)
}

/// The user netra records as acting when none is given: the operating
/// system's user (`USER`, `LOGNAME` or `USERNAME`), else `unknown`.
pub fn default_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|v| std::env::var(v).ok().filter(|u| !u.trim().is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}
