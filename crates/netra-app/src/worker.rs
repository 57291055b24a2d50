//! `netra worker`: activities from NATS JetStream → the same keep / store /
//! judge path as `scan` → cases, one batch at a time, acknowledged only after
//! the store committed.
//!
//! Any number of workers share one durable pull consumer per election
//! ([`netra_queue::Queue::consumer`]). For each batch a worker:
//!
//! 1. parses each message with scan's own JSONL reader; a message that is
//!    not one valid activity is reported, recorded in the audit log
//!    (`worker.reject`: stream, sequence, subject, reason, the payload's
//!    SHA-256, never its content) and terminated, so it is never delivered
//!    again;
//! 2. keeps, stores and judges the activities with [`crate::scan`]'s judge
//!    (registered accounts only, inside the monitoring window, evidence and
//!    audit entries), grouped by the file they were published from;
//! 3. refreshes the cases from the stored signals, until a refresh finds
//!    nothing to change (see [`settle_cases`]);
//! 4. acknowledges the batch.
//!
//! A worker killed anywhere before step 4 leaves its batch unacknowledged:
//! JetStream delivers it again after the ack wait, and every write of the
//! path is idempotent (an activity, signal or case already stored is counted
//! and kept as it was; detection runs again on activities already stored, so
//! a crash between storing the activities and storing their signals loses
//! nothing either). A worker killed after step 4 has nothing left to do.

use std::path::Path;
use std::time::{Duration, Instant};

use netra_core::{Catalogue, Election};
use netra_queue::{Delivery, Queue};
use netra_store::{CaseSyncStats, Store};
use tokio::sync::watch;

use crate::publish::{HEADER_SOURCE, HEADER_USER};
use crate::scan::{
    election_summary, store_election_and_registry, FileReport, Judge, Problems, RegistryLoad,
    ScanReport,
};
use crate::{AppError, Progress};

/// How often the registry's accounts are read again (a registry loaded by a
/// scan or import while the worker runs is used from then on).
const OWNERS_REFRESH: Duration = Duration::from_secs(30);

/// How long an idle worker waits before asking for messages again.
const IDLE_WAIT: Duration = Duration::from_millis(250);

/// Case refreshes per batch before the worker stops trying to settle (other
/// workers keep refreshing; the next batch tries again).
const MAX_CASE_ROUNDS: usize = 8;

/// Rejected messages kept for the report (the rest are counted).
const MAX_REPORTED_REJECTS: usize = 50;

/// What the worker does.
#[derive(Debug, Clone)]
pub struct WorkerInput {
    pub election: Election,
    /// A registry file to load first; `None`: the registry already stored.
    pub registry: Option<std::path::PathBuf>,
    /// Who runs the worker (recorded for rejected messages, and for
    /// activities whose publisher is unknown).
    pub user: String,
    pub catalogue: Catalogue,
    /// Also keep and judge activities dated outside the monitoring window.
    pub include_outside_window: bool,
    /// Reads the text in the images of kept activities (`--ocr`); the
    /// files must be where the publisher's paths say, on this machine.
    pub ocr: crate::ocr::ImageReader,
    /// Messages per batch.
    pub batch: usize,
    /// How long a delivered message may stay unacknowledged before JetStream
    /// gives it to another worker.
    pub ack_wait: Duration,
    /// Stop once the consumer has nothing left to deliver or to acknowledge
    /// (instead of waiting for more).
    pub until_empty: bool,
    /// Fault tests only: after committing batch N, stop without acknowledging it.
    pub stop_before_ack: Option<u64>,
}

/// Why the worker stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// Nothing left (`until_empty`).
    Drained,
    /// Asked to stop (Ctrl-C, SIGTERM) between batches, or after finishing one.
    Signal,
    /// Asked twice: the batch in hand was abandoned unacknowledged (its
    /// transaction rolled back or committed whole; it will be delivered again).
    Abandoned,
    /// The fault-test hook stopped it after a commit, before the ack.
    BeforeAck,
}

/// One batch, for progress lines.
#[derive(Debug, Clone, Default)]
pub struct BatchReport {
    /// 1, 2, … within this run.
    pub number: u64,
    pub messages: u64,
    /// Messages delivered before (to this or another worker).
    pub redelivered: u64,
    pub rejected: u64,
    /// Keeping and storing counts of the batch.
    pub take: FileReport,
    pub signals_new: u64,
    pub cases: CaseSyncStats,
    pub elapsed: Duration,
}

/// Everything a worker run did.
#[derive(Debug, Clone)]
pub struct WorkerReport {
    pub stream: String,
    pub consumer: String,
    pub stop: Stop,
    pub batches: u64,
    pub messages: u64,
    pub redelivered: u64,
    /// Messages terminated as unprocessable.
    pub rejected: u64,
    /// The first rejections (`nats:STREAM#SEQ (SUBJECT): reason`).
    pub rejects: Vec<String>,
    /// The keeping, storing, signal and case counts, and the election's summary.
    pub scan: ScanReport,
    pub elapsed: Duration,
}

impl WorkerReport {
    /// True when a message was rejected or an input problem reported (exit code 1).
    pub fn has_problems(&self) -> bool {
        self.rejected > 0 || self.scan.has_problems()
    }
}

fn add_file(total: &mut FileReport, b: &FileReport) {
    total.read += b.read;
    total.rejected += b.rejected;
    total.unregistered += b.unregistered;
    total.outside_window += b.outside_window;
    total.stored += b.stored;
    total.unchanged += b.unchanged;
    total.conflicting += b.conflicting;
    total.purged += b.purged;
    total.images.add(&b.images);
}

fn add_cases(total: &mut CaseSyncStats, b: CaseSyncStats) {
    total.opened += b.opened;
    total.refreshed += b.refreshed;
    total.unchanged = b.unchanged;
}

/// Refreshes the cases from the stored signals until a refresh changes
/// nothing. Workers judge concurrently: one may build its cases from the
/// signals it read just before another worker stored more, and write them
/// after that worker's refresh. Whoever writes a change reads the signals
/// again and refreshes once more, so the last refresh to commit is always
/// one that found the cases equal to all signals it could see: the cases
/// end up as a single scan of everything would leave them.
pub async fn settle_cases(
    store: &Store,
    election: &Election,
    catalogue: &Catalogue,
    user: &str,
) -> Result<CaseSyncStats, AppError> {
    let mut total = CaseSyncStats::default();
    for _ in 0..MAX_CASE_ROUNDS {
        let s = crate::cases::refresh_cases_from_signals(store, election, catalogue, user).await?;
        add_cases(&mut total, s);
        if s.opened == 0 && s.refreshed == 0 {
            break;
        }
    }
    Ok(total)
}

/// A parsed message: the activity, or why it cannot be processed.
fn parse(d: &Delivery) -> Result<netra_core::Activity, String> {
    let label = format!("nats:{}#{}", d.stream(), d.sequence());
    let loaded = netra_ingest::read_activities_from(d.payload(), &label);
    if let Some(problem) = loaded.diagnostics.first() {
        // The reader's message already names `label:line`.
        return Err(problem.to_string());
    }
    let mut items = loaded.items.into_iter();
    match (items.next(), items.next()) {
        (Some(a), None) => Ok(a),
        (None, _) => Err(format!("{label}: the message holds no activity")),
        (Some(_), Some(_)) => Err(format!("{label}: the message holds more than one activity")),
    }
}

/// Runs a worker until the stream is drained (`until_empty`), a stop is
/// asked (the count in `shutdown` rises: once, the batch in hand is
/// finished; twice, it is abandoned unacknowledged), or an error (store or
/// NATS unreachable: the batch in hand is not acknowledged and comes back).
/// `on_batch` sees each batch once it is acknowledged.
#[allow(
    clippy::too_many_lines,
    reason = "the worker's loop, read top to bottom"
)]
pub async fn run(
    input: &WorkerInput,
    store: &Store,
    queue: &Queue,
    mut shutdown: watch::Receiver<u32>,
    on_batch: &mut dyn FnMut(&BatchReport),
) -> Result<WorkerReport, AppError> {
    let started = Instant::now();
    let election = &input.election;
    let user = input.user.as_str();
    let mut problems = Problems::default();

    let RegistryLoad {
        path: registry_path,
        rows: registry_rows,
        rejected: registry_rejected,
        owners,
    } = store_election_and_registry(
        store,
        election,
        input.registry.as_deref(),
        user,
        &mut problems,
        "a worker",
    )
    .await?;
    let (mut judge, stance_reader) = Judge::new(
        election,
        input.catalogue.clone(),
        input.include_outside_window,
        user,
        owners,
        input.ocr.clone(),
    );
    let mut owners_read = Instant::now();

    queue.ensure_stream().await?;
    let consumer = queue
        .consumer(&election.election.id, input.ack_wait)
        .await?;
    // Cases left unsettled by a worker that died after storing signals of a
    // batch another worker then acknowledged are settled now.
    let mut cases_total = settle_cases(store, election, &input.catalogue, user).await?;

    let hidden = Progress::hidden();
    let mut total = FileReport {
        path: format!("nats:{}/{}", queue.stream(), consumer.name()),
        ..FileReport::default()
    };
    let mut signals_new = 0;
    let mut batches = 0;
    let mut messages = 0;
    let mut redelivered = 0;
    let mut rejected = 0;
    let mut rejects = Vec::new();
    let stop = loop {
        if *shutdown.borrow_and_update() > 0 {
            break Stop::Signal;
        }
        let deliveries = tokio::select! {
            d = consumer.fetch(input.batch) => d?,
            _ = shutdown.changed() => break Stop::Signal,
        };
        if deliveries.is_empty() {
            if input.until_empty && consumer.backlog().await?.is_empty() {
                break Stop::Drained;
            }
            tokio::select! {
                () = tokio::time::sleep(IDLE_WAIT) => {}
                _ = shutdown.changed() => break Stop::Signal,
            }
            continue;
        }
        if owners_read.elapsed() >= OWNERS_REFRESH {
            judge.owners = store.account_owners().await?;
            owners_read = Instant::now();
        }
        batches += 1;
        let batch_started = Instant::now();
        let work = process_batch(
            &judge,
            store,
            &input.catalogue,
            election,
            user,
            &hidden,
            &deliveries,
            &mut problems,
            batches,
        );
        // A first stop request lets the batch finish; a second abandons it.
        let mut shutdown_twice = shutdown.clone();
        let abandon = async move {
            while *shutdown_twice.borrow_and_update() < 2 {
                if shutdown_twice.changed().await.is_err() {
                    std::future::pending::<()>().await;
                }
            }
        };
        let mut batch = tokio::select! {
            b = work => b?,
            () = abandon => break Stop::Abandoned,
        };
        if input.stop_before_ack == Some(batches) {
            break Stop::BeforeAck;
        }
        for (d, ok) in deliveries.iter().zip(&batch.processable) {
            if *ok {
                d.ack().await?;
            }
        }
        consumer.flush().await?;
        batch.report.elapsed = batch_started.elapsed();
        messages += batch.report.messages;
        redelivered += batch.report.redelivered;
        rejected += batch.report.rejected;
        for r in batch.rejects {
            if rejects.len() < MAX_REPORTED_REJECTS {
                rejects.push(r);
            }
        }
        add_file(&mut total, &batch.report.take);
        signals_new += batch.report.signals_new;
        add_cases(&mut cases_total, batch.report.cases);
        on_batch(&batch.report);
    };

    let summary = election_summary(store, election).await?;
    let scan = ScanReport {
        election_id: election.election.id.clone(),
        election_name: election.election.name.clone(),
        registry_path,
        registry_rows,
        registry_rejected,
        accounts: judge.owners.len() as u64,
        files: vec![total],
        problems: problems.kept,
        problems_total: problems.total,
        signals_new,
        stance_reader,
        cases: cases_total,
        summary,
        ocr: input.ocr.clone(),
    };
    Ok(WorkerReport {
        stream: queue.stream().to_owned(),
        consumer: consumer.name().to_owned(),
        stop,
        batches,
        messages,
        redelivered,
        rejected,
        rejects,
        scan,
        elapsed: started.elapsed(),
    })
}

/// A batch processed and committed, not yet acknowledged.
struct Processed {
    report: BatchReport,
    /// Per delivery: true when it is to be acknowledged (false: rejected and
    /// already terminated).
    processable: Vec<bool>,
    rejects: Vec<String>,
}

/// Steps 1–3 of the module doc for one batch.
#[allow(
    clippy::too_many_arguments,
    reason = "the judge's context, passed explicitly"
)]
async fn process_batch(
    judge: &Judge<'_>,
    store: &Store,
    catalogue: &Catalogue,
    election: &Election,
    user: &str,
    progress: &Progress,
    deliveries: &[Delivery],
    problems: &mut Problems,
    number: u64,
) -> Result<Processed, AppError> {
    let mut report = BatchReport {
        number,
        messages: deliveries.len() as u64,
        ..BatchReport::default()
    };
    let mut processable = Vec::with_capacity(deliveries.len());
    let mut rejects = Vec::new();
    // (source, publisher) → activities, in order of first appearance.
    let mut groups: Vec<((String, String), Vec<netra_core::Activity>)> = Vec::new();
    for d in deliveries {
        if d.delivered() > 1 {
            report.redelivered += 1;
        }
        match parse(d) {
            Ok(a) => {
                processable.push(true);
                let key = (
                    d.header(HEADER_SOURCE)
                        .filter(|s| !s.trim().is_empty())
                        .map_or_else(|| format!("nats:{}", d.stream()), str::to_owned),
                    d.header(HEADER_USER)
                        .filter(|s| !s.trim().is_empty())
                        .unwrap_or(user)
                        .to_owned(),
                );
                match groups.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, v)) => v.push(a),
                    None => groups.push((key, vec![a])),
                }
            }
            Err(reason) => {
                processable.push(false);
                report.rejected += 1;
                let line = format!("{reason} (subject {})", d.subject());
                store
                    .audit(
                        user,
                        "worker.reject",
                        &format!("nats:{}#{}", d.stream(), d.sequence()),
                        serde_json::json!({
                            "subject": d.subject(),
                            "delivered": d.delivered(),
                            "bytes": d.payload().len(),
                            "payload_sha256": netra_store::sha256_hex(d.payload()),
                            "reason": reason,
                        }),
                    )
                    .await?;
                d.term().await?;
                rejects.push(line);
            }
        }
    }
    for ((source, publisher), activities) in groups {
        let mut take = FileReport {
            path: source.clone(),
            read: activities.len() as u64,
            ..FileReport::default()
        };
        report.signals_new += judge
            .take_as(
                store,
                progress,
                &mut take,
                Path::new(&source),
                "worker",
                activities,
                problems,
                &publisher,
            )
            .await?;
        add_file(&mut report.take, &take);
    }
    report.cases = settle_cases(store, election, catalogue, user).await?;
    Ok(Processed {
        report,
        processable,
        rejects,
    })
}

impl WorkerReport {
    /// The summary printed when a worker stops: what it took off the
    /// stream, then the same keeping, storing, signal and case summary as
    /// `netra scan`.
    pub fn render(&self, lang: crate::Lang) -> String {
        use std::fmt::Write as _;
        let c = |n: u64| lang.count(n);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "netra worker — {} ({})",
            self.scan.election_name, self.scan.election_id
        );
        let why = match self.stop {
            Stop::Drained => lang.pick("aliran kosong", "the stream is empty"),
            Stop::Signal => lang.pick("diminta berhenti", "asked to stop"),
            Stop::Abandoned => lang.pick(
                "diminta berhenti dua kali: lot terakhir ditinggalkan tanpa ack, akan dikirim ulang",
                "asked to stop twice: the last batch was abandoned unacknowledged and will be delivered again",
            ),
            Stop::BeforeAck => lang.pick(
                "uji gangguan: berhenti sebelum ack",
                "fault test: stopped before the ack",
            ),
        };
        let secs = self.elapsed.as_secs_f64();
        let rate = if secs > 0.0 {
            self.messages as f64 / secs
        } else {
            0.0
        };
        let _ = writeln!(
            out,
            "{} {} / {}: {} {}, {} {} ({} {}), {} {} /s; {}",
            lang.pick("Aliran", "Stream"),
            self.stream,
            self.consumer,
            c(self.batches),
            lang.pick("lot", "batches"),
            c(self.messages),
            lang.pick("pesan", "messages"),
            c(self.redelivered),
            lang.pick("dikirim ulang", "redelivered"),
            lang.decimal(rate, 0),
            lang.pick("pesan", "messages"),
            why,
        );
        if self.rejected > 0 {
            let _ = writeln!(
                out,
                "{} ({}):",
                lang.pick(
                    "Pesan ditolak (dihentikan, dicatat di log audit)",
                    "Messages rejected (terminated, recorded in the audit log)"
                ),
                c(self.rejected)
            );
            for r in &self.rejects {
                let _ = writeln!(out, "  {r}");
            }
        }
        let _ = writeln!(out);
        let body = self.scan.render(lang);
        let body = body
            .split_once('\n')
            .map_or(body.as_str(), |(_, rest)| rest);
        out.push_str(body);
        out
    }
}
