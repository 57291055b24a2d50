//! One module per subcommand: its arguments and how it runs.

pub mod demo;
pub mod scan;

use std::path::PathBuf;

use anyhow::Context as _;

/// Options shared by all subcommands.
#[derive(Debug)]
pub struct Context {
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub lang: netra_app::Lang,
    pub quiet: bool,
}

/// How a command finished (when it could run).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Everything went through.
    Clean,
    /// Finished, with problems it reported (exit code 1).
    Problems,
}

impl Context {
    /// The data directory, created when missing.
    pub fn data_dir(&self) -> anyhow::Result<PathBuf> {
        Ok(netra_app::resolve_data_dir(self.data_dir.as_deref())?)
    }

    /// Opens the store: `--database-url`/`DATABASE_URL`, else SQLite in the data directory.
    pub async fn store(&self) -> anyhow::Result<netra_store::Store> {
        match &self.database_url {
            Some(url) => netra_store::Store::open(url)
                .await
                .context("opening the database"),
            None => {
                let dir = self.data_dir()?;
                netra_store::Store::open_in_dir(&dir)
                    .await
                    .with_context(|| format!("opening the database in {}", dir.display()))
            }
        }
    }

    /// Progress bars, unless `--quiet`.
    pub fn progress(&self) -> netra_app::Progress {
        if self.quiet {
            netra_app::Progress::hidden()
        } else {
            netra_app::Progress::terminal()
        }
    }
}

/// A tokio runtime for one command.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}
