//! `netra publish`: activity files and platform exports → canonical
//! activities → one JetStream message each, for `netra worker`s to keep,
//! store and judge.
//!
//! Files are read exactly as `netra import` reads them (canonical JSONL and
//! every platform format of `netra_ingest::platform`; bad lines reported as
//! `file:line: reason` and skipped). Nothing is judged or stored here: which
//! activities are kept is the worker's decision, the same as scan's. Each
//! message carries one activity's JSON on the election's subject, with the
//! message id `ELECTION/ACTIVITY-ID` so JetStream drops a second publish of
//! the same activity for the same election inside its de-duplication window
//! (the store would skip it anyway), while the same activity published for
//! two elections of one stream (a governor's and a regent's Pilkada held on
//! one day) reaches both.

use std::collections::VecDeque;
use std::fmt::Write as _;
use std::path::PathBuf;

use chrono_tz::Tz;
use netra_ingest::platform::{ConvertOptions, Format};
use netra_queue::{Outgoing, PendingAck, Queue};

use crate::import::{ConvertedFile, ZoneSource};
use crate::scan::Problems;
use crate::{AppError, Lang, Progress};

/// Header: the file an activity was read from (absolute when it could be
/// resolved), so the worker records the same source and finds media files
/// named relative to it.
pub const HEADER_SOURCE: &str = "Netra-Source";
/// Header: who published (recorded as who captured the evidence).
pub const HEADER_USER: &str = "Netra-User";
/// Header: the file's format (`jsonl`, `x-archive`, …).
pub const HEADER_FORMAT: &str = "Netra-Format";

/// Publishes in flight before waiting for the server's acknowledgements.
const IN_FLIGHT: usize = 2_048;

/// What to publish.
#[derive(Debug, Clone)]
pub struct PublishInput {
    /// Files, folders or zips.
    pub paths: Vec<PathBuf>,
    /// Read every file as this format; `None`: detect.
    pub format: Option<Format>,
    /// The export owner's handle, for exports that do not name it.
    pub account: Option<String>,
    /// The zone of times without one, and where it came from.
    pub zone: (Tz, ZoneSource),
    /// The election whose workers get the activities (its subject).
    pub election_id: String,
    /// Who publishes.
    pub user: String,
}

/// One file as published.
#[derive(Debug, Clone)]
pub struct PublishedFile {
    pub file: ConvertedFile,
    /// Activities the stream stored.
    pub published: u64,
    /// Activities the stream already had (same election and id, inside its
    /// de-duplication window): not added again.
    pub duplicates: u64,
}

/// What `publish` did.
#[derive(Debug, Clone)]
pub struct PublishReport {
    pub stream: String,
    pub subject: String,
    pub files: Vec<PublishedFile>,
    /// Files of the exports that hold nothing netra reads.
    pub ignored: u64,
    pub zone: (Tz, ZoneSource),
    /// Notes of the conversion (nothing skipped).
    pub warnings: Vec<String>,
    /// The first problems (`file:line: reason`): records skipped.
    pub problems: Vec<String>,
    pub problems_total: u64,
}

impl PublishReport {
    /// True when some input was skipped (exit code 1).
    pub fn has_problems(&self) -> bool {
        self.problems_total > 0
    }

    /// Activities the stream stored.
    pub fn published(&self) -> u64 {
        self.files.iter().map(|f| f.published).sum()
    }

    /// Activities the stream already had.
    pub fn duplicates(&self) -> u64 {
        self.files.iter().map(|f| f.duplicates).sum()
    }

    /// The summary for a person.
    pub fn render(&self, lang: Lang) -> String {
        let c = |n: u64| lang.count(n);
        let mut out = String::new();
        let _ = writeln!(
            out,
            "netra publish — {} {} ({} {})",
            lang.pick("aliran", "stream"),
            self.stream,
            lang.pick("subjek", "subject"),
            self.subject
        );
        let _ = writeln!(out, "{}:", lang.pick("Berkas", "Files"));
        for f in &self.files {
            let format = f.file.format.map_or("?", Format::as_str);
            let skipped = if f.file.skipped > 0 {
                format!(
                    ", {} {}",
                    c(f.file.skipped),
                    lang.pick("dilewati (alasan di bawah)", "skipped (reasons below)")
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {} [{format}]: {} {}, {} {}, {} {}{skipped}",
                f.file.file,
                c(f.file.records),
                lang.pick("rekaman dibaca", "records read"),
                c(f.published),
                lang.pick("aktivitas diterbitkan", "activities published"),
                c(f.duplicates),
                lang.pick("sudah ada di aliran", "already on the stream"),
            );
        }
        if self.files.is_empty() {
            let _ = writeln!(
                out,
                "  {}",
                lang.pick(
                    "(tidak ada berkas data yang dikenali)",
                    "(no data file recognised)"
                )
            );
        }
        if self.ignored > 0 {
            let _ = writeln!(
                out,
                "  {} {}",
                c(self.ignored),
                lang.pick(
                    "berkas lain tanpa aktivitas yang dibaca netra: dilewati",
                    "other files hold no activity netra reads: not read"
                )
            );
        }
        let _ = writeln!(
            out,
            "{}: {} {}, {} {}",
            lang.pick("Jumlah", "Total"),
            c(self.published()),
            lang.pick("diterbitkan", "published"),
            c(self.duplicates()),
            lang.pick("sudah ada", "already there"),
        );
        if !self.warnings.is_empty() {
            let _ = writeln!(out, "{}:", lang.pick("Catatan", "Notes"));
            for w in self.warnings.iter().take(50) {
                let _ = writeln!(out, "  {w}");
            }
        }
        if self.problems_total > 0 {
            let _ = writeln!(
                out,
                "{} ({}):",
                lang.pick("Masalah pada masukan", "Input problems"),
                c(self.problems_total)
            );
            for p in &self.problems {
                let _ = writeln!(out, "  {p}");
            }
        }
        out
    }
}

/// The source path a worker records: absolute when it can be resolved, so
/// media named relative to the file are found from any working directory.
fn source_of(file: &str) -> String {
    std::fs::canonicalize(file).map_or_else(|_| file.to_owned(), |p| p.display().to_string())
}

/// Converts the inputs and publishes every activity (the stream is created
/// when missing). A path that does not exist publishes nothing; a broken
/// record is reported and skipped.
pub async fn run(
    input: &PublishInput,
    queue: &Queue,
    progress: &Progress,
) -> Result<PublishReport, AppError> {
    let mut options = ConvertOptions::new(input.zone.0);
    options.format = input.format;
    options.account.clone_from(&input.account);
    let (files, ignored) = crate::import::convert_all(&input.paths, &options)?;
    let mut problems = Problems::default();
    let mut warnings = Vec::new();
    crate::import::split_diagnostics(&files, &mut problems, &mut warnings);

    queue.ensure_stream().await?;
    let subject = queue.subject(&input.election_id);
    let total: usize = files.iter().map(|f| f.activities.len()).sum();
    let bar = progress.bar(total as u64, "terbit");
    let mut report_files = Vec::new();
    let mut in_flight: VecDeque<(usize, PendingAck)> = VecDeque::new();
    let mut counts = vec![(0_u64, 0_u64); files.len()];
    for (i, f) in files.iter().enumerate() {
        let source = source_of(&f.file);
        let format = f.format.map_or("unknown", Format::as_str);
        for a in &f.activities {
            let payload = serde_json::to_vec(a)
                .map_err(|e| AppError::Output(format!("activity {}: {e}", a.id)))?;
            let pending = queue
                .publish(&Outgoing {
                    subject: subject.clone(),
                    message_id: format!("{}/{}", input.election_id, a.id),
                    headers: vec![
                        (HEADER_SOURCE, source.clone()),
                        (HEADER_USER, input.user.clone()),
                        (HEADER_FORMAT, format.to_owned()),
                    ],
                    payload,
                })
                .await?;
            in_flight.push_back((i, pending));
            if in_flight.len() >= IN_FLIGHT {
                settle(&mut in_flight, &mut counts, IN_FLIGHT / 2, &bar).await?;
            }
        }
    }
    settle(&mut in_flight, &mut counts, 0, &bar).await?;
    bar.finish_and_clear();
    for (f, (published, duplicates)) in files.iter().zip(counts) {
        report_files.push(PublishedFile {
            file: ConvertedFile::from(f),
            published,
            duplicates,
        });
    }
    Ok(PublishReport {
        stream: queue.stream().to_owned(),
        subject,
        files: report_files,
        ignored,
        zone: input.zone,
        warnings,
        problems: problems.kept,
        problems_total: problems.total,
    })
}

/// Waits for acknowledgements until at most `keep` publishes are in flight.
async fn settle(
    in_flight: &mut VecDeque<(usize, PendingAck)>,
    counts: &mut [(u64, u64)],
    keep: usize,
    bar: &indicatif::ProgressBar,
) -> Result<(), AppError> {
    while in_flight.len() > keep {
        let Some((file, pending)) = in_flight.pop_front() else {
            break;
        };
        let done = pending.wait().await?;
        if let Some(c) = counts.get_mut(file) {
            if done.duplicate {
                c.1 += 1;
            } else {
                c.0 += 1;
            }
        }
        bar.inc(1);
    }
    Ok(())
}
