//! `netra worker`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context as _;
use netra_app::worker::{BatchReport, Stop, WorkerInput};

use super::publish::NatsArgs;
use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    nats: NatsArgs,
    /// Messages per batch: each batch is stored and judged, its cases
    /// refreshed, and only then acknowledged.
    #[arg(long, value_name = "N", default_value_t = 500, value_parser = clap::value_parser!(u32).range(1..=10_000))]
    batch: u32,
    /// Seconds a delivered message may stay unacknowledged (a worker that
    /// died) before it goes to another worker.
    #[arg(long, value_name = "SECS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=86_400))]
    ack_wait: u64,
    /// Stop once nothing is left to deliver or to acknowledge, instead of
    /// waiting for more.
    #[arg(long)]
    until_empty: bool,
    /// Election config (TOML) to judge against (its id names the subject
    /// read). Default: the bundled Jakarta 2024 config, unless the store
    /// holds other elections.
    #[arg(long, value_name = "E.toml")]
    election: Option<PathBuf>,
    /// ASN registry (CSV or XLSX) to load first. Default: the registry
    /// already in the store (from an earlier scan or import).
    #[arg(long, value_name = "R.csv")]
    registry: Option<PathBuf>,
    /// Violation catalogue (TOML) to use instead of the one shipped with netra.
    #[arg(long, value_name = "C.toml", env = "NETRA_CATALOGUE")]
    catalogue: Option<PathBuf>,
    /// Also keep and judge activities dated outside the election's monitoring window.
    #[arg(long)]
    include_outside_window: bool,
    #[command(flatten)]
    ocr: super::OcrArgs,
}

/// One progress line per acknowledged batch.
fn batch_line(b: &BatchReport, lang: netra_app::Lang) -> String {
    let c = |n: u64| lang.count(n);
    let t = &b.take;
    let mut line = format!(
        "{} {}: {} {}, {} {}, {} {}, {} {}",
        lang.pick("lot", "batch"),
        b.number,
        c(b.messages),
        lang.pick("pesan", "messages"),
        c(t.stored),
        lang.pick("baru disimpan", "newly stored"),
        c(t.unchanged),
        lang.pick("sudah ada", "already stored"),
        c(t.unregistered),
        lang.pick("akun tak terdaftar", "unregistered accounts"),
    );
    let _ = write!(
        line,
        ", {} {}, {} {} / {} {}",
        c(b.signals_new),
        lang.pick("sinyal baru", "new signals"),
        c(b.cases.opened),
        lang.pick("kasus dibuka", "cases opened"),
        c(b.cases.refreshed),
        lang.pick("diperbarui", "refreshed"),
    );
    if b.redelivered > 0 {
        let _ = write!(
            line,
            ", {} {}",
            c(b.redelivered),
            lang.pick("dikirim ulang", "redelivered")
        );
    }
    if b.rejected > 0 {
        let _ = write!(
            line,
            ", {} {}",
            c(b.rejected),
            lang.pick("ditolak", "rejected")
        );
    }
    let _ = write!(line, " ({} s)", lang.decimal(b.elapsed.as_secs_f64(), 1));
    line
}

/// Counts Ctrl-C and SIGTERM into `tx` (the worker finishes its batch on
/// the first, abandons it on the second).
fn watch_signals(tx: tokio::sync::watch::Sender<u32>) {
    tokio::spawn(async move {
        #[cfg(unix)]
        let mut term =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
        loop {
            #[cfg(unix)]
            let got = match term.as_mut() {
                Some(t) => tokio::select! {
                    r = tokio::signal::ctrl_c() => r.is_ok(),
                    s = t.recv() => s.is_some(),
                },
                None => tokio::signal::ctrl_c().await.is_ok(),
            };
            #[cfg(not(unix))]
            let got = tokio::signal::ctrl_c().await.is_ok();
            if !got {
                return;
            }
            let n = *tx.borrow() + 1;
            eprintln!(
                "netra worker: {}",
                if n == 1 {
                    "stopping after the batch in hand (again to abandon it unacknowledged)"
                } else {
                    "abandoning the batch in hand: it is not acknowledged and will be delivered again"
                }
            );
            if tx.send(n).is_err() {
                return;
            }
        }
    });
}

pub fn run(ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    // Fault tests only: stop after committing batch N, before acknowledging it.
    let stop_before_ack = std::env::var("NETRA_FAULT_WORKER_STOP_BEFORE_ACK")
        .ok()
        .and_then(|v| v.parse().ok());
    let ocr = args.ocr.reader()?;
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let election = netra_app::import::choose_election(&store, args.election.as_deref()).await?;
        let input = WorkerInput {
            election,
            registry: args.registry.clone(),
            user: ctx.user.clone(),
            catalogue: netra_app::case_builder::load_catalogue(args.catalogue.as_deref())?,
            include_outside_window: args.include_outside_window,
            ocr,
            batch: args.batch as usize,
            ack_wait: Duration::from_secs(args.ack_wait),
            until_empty: args.until_empty,
            stop_before_ack,
        };
        let queue = args.nats.connect().await?;
        let (tx, rx) = tokio::sync::watch::channel(0_u32);
        watch_signals(tx);
        if !ctx.quiet {
            eprintln!(
                "netra worker: {} {} ({}) {} {} {}",
                ctx.lang.pick("menilai", "judging"),
                input.election.election.name,
                input.election.election.id,
                ctx.lang.pick("dari", "from"),
                queue.subject(&input.election.election.id),
                args.nats.url
            );
        }
        let lang = ctx.lang;
        let quiet = ctx.quiet;
        let mut on_batch = |b: &BatchReport| {
            if !quiet {
                eprintln!("{}", batch_line(b, lang));
            }
        };
        let report = netra_app::worker::run(&input, &store, &queue, rx, &mut on_batch)
            .await
            .with_context(|| format!("worker on {} at {}", args.nats.stream, args.nats.url))?;
        ctx.checkpoint(&store).await?;
        store.close().await;
        if report.stop == Stop::BeforeAck {
            anyhow::bail!(
                "fault test: stopped after committing batch {}, before acknowledging it",
                report.batches
            );
        }
        print!("{}", report.render(ctx.lang));
        Ok(if report.has_problems() {
            Outcome::Problems
        } else {
            Outcome::Clean
        })
    })
}
