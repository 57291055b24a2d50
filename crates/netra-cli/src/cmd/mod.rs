//! One module per subcommand: its arguments and how it runs.

pub mod cases;
pub mod classify;
pub mod demo;
pub mod eval;
pub mod explain;
pub mod import;
pub mod integrity;
pub mod publish;
pub mod purge;
pub mod report;
pub mod scan;
pub mod serve;
pub mod train;
pub mod user;
pub mod worker;

use std::path::PathBuf;

use anyhow::Context as _;

/// Options shared by all subcommands.
#[derive(Debug)]
pub struct Context {
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub lang: netra_app::Lang,
    pub quiet: bool,
    /// Who acts (recorded with evidence, decisions and in the audit log).
    pub user: String,
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

    /// Opens the store: `--database-url`/`DATABASE_URL`, else SQLite in the
    /// data directory; evidence files under `DATA_DIR/evidence` either way.
    pub async fn store(&self) -> anyhow::Result<netra_store::Store> {
        let dir = self.data_dir()?;
        let store = match &self.database_url {
            Some(url) => netra_store::Store::open(url)
                .await
                .context("opening the database")?
                .with_evidence_dir(dir.join("evidence")),
            None => netra_store::Store::open_in_dir(&dir)
                .await
                .with_context(|| format!("opening the database in {}", dir.display()))?,
        };
        // Fault tests only: hold each audited transaction open this long before committing.
        let delay = std::env::var("NETRA_FAULT_COMMIT_DELAY_MS")
            .ok()
            .and_then(|v| v.parse().ok())
            .map(std::time::Duration::from_millis);
        Ok(store.with_commit_delay(delay))
    }

    /// Signs the audit log's head (a checkpoint) with the data directory's key.
    pub async fn checkpoint(&self, store: &netra_store::Store) -> anyhow::Result<()> {
        netra_app::integrity::checkpoint(store, &self.data_dir()?)
            .await
            .context("signing an audit checkpoint")
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

/// `--ocr` and `--tesseract`: reading the text in attached images, for the
/// commands that read activities.
#[derive(Debug, clap::Args)]
pub struct OcrArgs {
    /// Read the words in attached images (`media[].path`) with Tesseract
    /// (languages ind+eng) and judge them with the text: `auto` when
    /// tesseract is installed (the summary says when it is not), `on`
    /// (refuse to run without it, exit 2), `off`. Images given only by URL
    /// are never fetched. Readings are cached by the image's SHA-256 (in
    /// the store; `classify` keeps them for the run only).
    #[arg(long, value_name = "MODE", default_value = "auto", value_parser = parse_ocr_mode)]
    pub ocr: netra_app::ocr::OcrMode,
    /// The tesseract program to run. Default: `tesseract` on the PATH.
    #[arg(long, value_name = "PROGRAM", env = "NETRA_TESSERACT")]
    pub tesseract: Option<PathBuf>,
}

fn parse_ocr_mode(s: &str) -> Result<netra_app::ocr::OcrMode, String> {
    netra_app::ocr::OcrMode::parse(s).ok_or_else(|| format!("{s:?} is not one of auto, on, off"))
}

impl OcrArgs {
    /// The image reader these flags ask for (an error for `--ocr on`
    /// without tesseract).
    pub fn reader(&self) -> anyhow::Result<netra_app::ocr::ImageReader> {
        Ok(netra_app::ocr::ImageReader::new(
            self.ocr,
            self.tesseract.as_deref(),
        )?)
    }
}

/// A tokio runtime for one command.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}
