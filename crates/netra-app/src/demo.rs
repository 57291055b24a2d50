//! The bundled demo: the Jakarta 2024 config and data generated from it by
//! the seeded generator, written into the data directory so that the normal
//! loaders read it like any other input.

use std::path::{Path, PathBuf};

use netra_core::Election;

use crate::AppError;

/// The bundled default election config (`elections/jakarta-2024.toml`).
pub const DEFAULT_ELECTION_TOML: &str = include_str!("../../../elections/jakarta-2024.toml");
/// The name the bundled config is reported under.
pub const DEFAULT_ELECTION_NAME: &str = "elections/jakarta-2024.toml";

/// Paths of the demo files in a data directory.
#[derive(Debug, Clone)]
pub struct DemoFiles {
    pub election: PathBuf,
    pub registry: PathBuf,
    pub activities: PathBuf,
    pub truth: PathBuf,
}

/// The bundled default election.
pub fn default_election() -> Result<Election, AppError> {
    Ok(Election::from_toml_str(
        DEFAULT_ELECTION_TOML,
        DEFAULT_ELECTION_NAME,
    )?)
}

/// Writes the demo election, registry, activities and ground truth under
/// `data_dir/demo/`.
pub fn ensure_demo_files(data_dir: &Path) -> Result<DemoFiles, AppError> {
    ensure_demo_files_in(&data_dir.join("demo"))
}

/// Writes the demo files into `dir` itself (only files whose content differs are rewritten).
pub fn ensure_demo_files_in(dir: &Path) -> Result<DemoFiles, AppError> {
    std::fs::create_dir_all(dir).map_err(|source| AppError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let election = default_election()?;
    let demo = netra_demo::generate(&election, &netra_demo::DemoConfig::default());
    let files = DemoFiles {
        election: dir.join("election.toml"),
        registry: dir.join("registry.csv"),
        activities: dir.join("activities.jsonl"),
        truth: dir.join("truth.jsonl"),
    };
    for (path, content) in [
        (&files.election, DEFAULT_ELECTION_TOML),
        (&files.registry, demo.registry_csv.as_str()),
        (&files.activities, demo.activities_jsonl.as_str()),
        (&files.truth, demo.truth_jsonl.as_str()),
    ] {
        write_if_changed(path, content)?;
    }
    Ok(files)
}

fn write_if_changed(path: &Path, content: &str) -> Result<(), AppError> {
    if std::fs::read(path).is_ok_and(|old| old == content.as_bytes()) {
        return Ok(());
    }
    let tmp = path.with_extension("tmp");
    let io = |source| AppError::Io {
        path: path.display().to_string(),
        source,
    };
    std::fs::write(&tmp, content).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}
