//! `netra publish`.

use std::path::PathBuf;

use anyhow::Context as _;
use netra_app::import::ZoneSource;
use netra_app::publish::PublishInput;
use netra_core::Election;

use super::import::FormatArg;
use super::{Context, Outcome};

/// Where NATS is and which stream to use (shared by `publish` and `worker`).
#[derive(Debug, clap::Args)]
pub struct NatsArgs {
    /// NATS server URL.
    #[arg(long = "nats", env = "NATS_URL", value_name = "URL", default_value = netra_queue::DEFAULT_URL)]
    pub url: String,
    /// JetStream stream (created when missing; its subjects are STREAM.activities.ELECTION).
    #[arg(long, env = "NETRA_NATS_STREAM", value_name = "NAME", default_value = netra_queue::DEFAULT_STREAM)]
    pub stream: String,
}

impl NatsArgs {
    pub async fn connect(&self) -> anyhow::Result<netra_queue::Queue> {
        Ok(netra_queue::Queue::connect(&self.url, &self.stream).await?)
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Activity files (canonical JSONL), platform exports (files, folders,
    /// .zip), activity tables (CSV, XLSX): read as `netra import` reads them.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// More activity files, as `netra scan --input` takes them.
    #[arg(long, value_name = "A.jsonl", num_args = 1..)]
    input: Vec<PathBuf>,
    #[command(flatten)]
    nats: NatsArgs,
    /// Election config (TOML) whose workers get the activities (its id names
    /// the subject). Default: the bundled Jakarta 2024 config.
    #[arg(long, value_name = "E.toml")]
    election: Option<PathBuf>,
    /// Read every file as this format instead of detecting it.
    #[arg(long, value_enum, value_name = "F")]
    format: Option<FormatArg>,
    /// Handle of the export's owner, for exports that do not name it.
    #[arg(long, value_name = "HANDLE")]
    account: Option<String>,
    /// Time zone (IANA) of times written without one. Default: the election's zone.
    #[arg(long, value_name = "ZONE")]
    zone: Option<String>,
}

pub fn run(ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    let election = match &args.election {
        Some(p) => Election::from_path(p)?,
        None => netra_app::demo::default_election()?,
    };
    let zone = match &args.zone {
        Some(z) => (
            netra_app::import::parse_zone(z).ok_or_else(|| {
                anyhow::anyhow!("--zone {z:?} is not an IANA time zone (e.g. Asia/Jakarta, UTC)")
            })?,
            ZoneSource::Flag,
        ),
        None => (election.election.timezone, ZoneSource::Election),
    };
    let mut paths = args.paths.clone();
    paths.extend(args.input.iter().cloned());
    if paths.is_empty() {
        anyhow::bail!("nothing to publish: give files, folders or zips (or --input A.jsonl)");
    }
    let input = PublishInput {
        paths,
        format: args.format.map(FormatArg::format),
        account: args.account.clone(),
        zone,
        election_id: election.election.id.clone(),
        user: ctx.user.clone(),
    };
    super::runtime()?.block_on(async {
        let queue = args.nats.connect().await?;
        let report = netra_app::publish::run(&input, &queue, &ctx.progress())
            .await
            .with_context(|| format!("publishing to {} at {}", args.nats.stream, args.nats.url))?;
        print!("{}", report.render(ctx.lang));
        Ok(if report.has_problems() {
            Outcome::Problems
        } else {
            Outcome::Clean
        })
    })
}
