//! `netra scan`: config + registry + activities → detect → store → summary.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use netra_core::{Activity, Catalogue, Election, Phase};
use netra_detect::{
    ClassifierStance, CueStance, Detector, RuleEngine, RuleOptions, Stance, TextStance,
};
use netra_store::{CaseSyncStats, EvidenceKind, ImportMeta, NewEvidence, Store};

use crate::ocr::{load_media, ImageCounts, ImageReader};
use crate::summary::Summary;
use crate::{AppError, Progress};

/// At most this many input problems are kept for the report (the rest are counted).
const MAX_REPORTED_PROBLEMS: usize = 50;

/// What to scan.
#[derive(Debug, Clone)]
pub struct ScanInput {
    pub election: Election,
    pub registry: PathBuf,
    pub activities: Vec<PathBuf>,
    /// Who runs the scan (recorded with the evidence and in the audit log).
    pub user: String,
    /// The violation catalogue (default: the one shipped with netra).
    pub catalogue: Catalogue,
    /// Also keep and judge activities dated outside the monitoring window.
    pub include_outside_window: bool,
    /// Reads the text in the images of kept activities (`--ocr`).
    pub ocr: ImageReader,
}

impl ScanInput {
    /// The bundled demo: default election, demo registry and activities
    /// (written into `data_dir/demo/` first).
    pub fn demo(data_dir: &std::path::Path) -> Result<ScanInput, AppError> {
        let files = crate::demo::ensure_demo_files(data_dir)?;
        Ok(ScanInput {
            election: crate::demo::default_election()?,
            registry: files.registry,
            activities: vec![files.activities],
            user: crate::default_user(),
            catalogue: Catalogue::bundled()?,
            include_outside_window: false,
            ocr: ImageReader::off(),
        })
    }
}

/// What one activity file gave.
#[derive(Debug, Clone, Default)]
pub struct FileReport {
    pub path: String,
    /// Lines that parsed into activities.
    pub read: u64,
    /// Lines reported and skipped.
    pub rejected: u64,
    /// Activities of accounts that are not in the registry: not kept.
    pub unregistered: u64,
    /// Activities of registered accounts outside the monitoring window: not kept.
    pub outside_window: u64,
    /// Newly stored activities.
    pub stored: u64,
    /// Already stored with the same content.
    pub unchanged: u64,
    /// Already stored under the same id with different content (original kept).
    pub conflicting: u64,
    /// Deleted earlier by retention: not stored again.
    pub purged: u64,
    /// What happened to the images of the kept activities.
    pub images: ImageCounts,
}

/// Everything `scan` did, for the summary and for scripts.
#[derive(Debug, Clone)]
pub struct ScanReport {
    pub election_id: String,
    pub election_name: String,
    pub registry_path: String,
    pub registry_rows: u64,
    pub registry_rejected: u64,
    pub accounts: u64,
    pub files: Vec<FileReport>,
    /// The first problems found in the inputs (`file:line: reason`).
    pub problems: Vec<String>,
    /// All problems, including those not kept in `problems`.
    pub problems_total: u64,
    pub signals_new: u64,
    /// How text stance was read (cue words, and the classifier when it loads).
    /// How text stance was read: (Bahasa Indonesia, English).
    pub stance_reader: (String, String),
    /// Cases opened or refreshed from the signals.
    pub cases: CaseSyncStats,
    pub summary: Summary,
    /// How images were read (or why not), for the summary's line on images.
    pub ocr: ImageReader,
}

impl ScanReport {
    /// True when some input was rejected (exit code 1).
    pub fn has_problems(&self) -> bool {
        self.problems_total > 0
    }
}

/// The summary of everything the store holds for the election: its
/// signals and cases, per pair, unit and platform.
pub(crate) async fn election_summary(
    store: &Store,
    election: &Election,
) -> Result<Summary, AppError> {
    let rows = store.signals(&election.election.id).await?;
    let case_rows = store
        .cases(&netra_store::CaseFilter {
            election_id: Some(election.election.id.clone()),
            ..netra_store::CaseFilter::default()
        })
        .await?;
    Ok(Summary::from_rows(election, &rows).with_cases(&case_rows, &rows))
}

/// The registry a run works with, as the summary reports it.
pub(crate) struct RegistryLoad {
    /// The registry file read, or empty when the store's was used.
    pub(crate) path: String,
    /// ASN in the registry file, or with accounts in the store.
    pub(crate) rows: u64,
    /// Registry rows rejected.
    pub(crate) rejected: u64,
    /// Account key → NIP of every registered account.
    pub(crate) owners: HashMap<String, String>,
}

/// Stores the election and, when a registry file is given, the registry
/// (its problems go to `problems`); then reads the account owners the run
/// keeps activity of. `who` names the command in the error a store
/// without a registry gives ("import", "a worker").
pub(crate) async fn store_election_and_registry(
    store: &Store,
    election: &Election,
    registry: Option<&Path>,
    user: &str,
    problems: &mut Problems,
    who: &str,
) -> Result<RegistryLoad, AppError> {
    store.upsert_election(election).await?;
    let (path, file_rows, rejected) = match registry {
        Some(path) => {
            let registry = netra_ingest::load_registry(path)?;
            problems.add(&registry.diagnostics, registry.omitted_diagnostics);
            store.upsert_registry(&registry.items, user).await?;
            (
                path.display().to_string(),
                Some(registry.items.len() as u64),
                registry.skipped as u64,
            )
        }
        None => (String::new(), None, 0),
    };
    let owners: HashMap<String, String> = store.account_owners().await?;
    if owners.is_empty() {
        return Err(AppError::Config {
            path: "registry".into(),
            message: format!(
                "the store holds no ASN registry with accounts: give --registry R.csv \
                 ({who} keeps only the activity of registered accounts)"
            ),
        });
    }
    let rows = file_rows.unwrap_or_else(|| {
        owners
            .values()
            .collect::<std::collections::HashSet<_>>()
            .len() as u64
    });
    Ok(RegistryLoad {
        path,
        rows,
        rejected,
        owners,
    })
}

/// The first problems of all inputs, and how many there were.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    pub(crate) kept: Vec<String>,
    pub(crate) total: u64,
}

impl Problems {
    pub(crate) fn add(&mut self, diagnostics: &[netra_ingest::Diagnostic], omitted: usize) {
        for d in diagnostics {
            if self.kept.len() < MAX_REPORTED_PROBLEMS {
                self.kept.push(d.to_string());
            }
        }
        // When diagnostics were omitted, the last kept one is a summary line, not a problem.
        let summary_line = usize::from(omitted > 0);
        self.total += (diagnostics.len() + omitted).saturating_sub(summary_line) as u64;
    }
}

/// Runs the whole scan path. Input problems are reported, never fatal; only
/// unreadable files and store failures stop the scan.
pub async fn run(
    input: &ScanInput,
    store: &Store,
    progress: &Progress,
) -> Result<ScanReport, AppError> {
    let election = &input.election;
    let mut problems = Problems::default();

    let user = input.user.as_str();
    store.upsert_election(election).await?;
    let registry = netra_ingest::load_registry(&input.registry)?;
    problems.add(&registry.diagnostics, registry.omitted_diagnostics);
    store.upsert_registry(&registry.items, user).await?;
    let owners: HashMap<String, String> = store.account_owners().await?;

    let (judge, stance_reader) = Judge::new(
        election,
        input.catalogue.clone(),
        input.include_outside_window,
        user,
        owners,
        input.ocr.clone(),
    );
    let mut files = Vec::new();
    let mut signals_new = 0;
    for path in &input.activities {
        let loaded = netra_ingest::read_activities(path)?;
        let mut report = FileReport {
            path: path.display().to_string(),
            read: loaded.items.len() as u64,
            rejected: loaded.skipped as u64,
            ..FileReport::default()
        };
        problems.add(&loaded.diagnostics, loaded.omitted_diagnostics);
        signals_new += judge
            .take(
                store,
                progress,
                &mut report,
                path,
                "scan",
                loaded.items,
                &mut problems,
            )
            .await?;
        files.push(report);
    }

    let cases =
        crate::cases::refresh_cases_from_signals(store, election, &input.catalogue, user).await?;
    let summary = election_summary(store, election).await?;
    Ok(ScanReport {
        election_id: election.election.id.clone(),
        election_name: election.election.name.clone(),
        registry_path: input.registry.display().to_string(),
        registry_rows: registry.items.len() as u64,
        registry_rejected: registry.skipped as u64,
        accounts: judge.owners.len() as u64,
        files,
        problems: problems.kept,
        problems_total: problems.total,
        signals_new,
        stance_reader,
        cases,
        summary,
        ocr: input.ocr.clone(),
    })
}

/// The part of `scan` any source of activities goes through: keep the
/// activities of registered accounts inside the monitoring window (the rest
/// is counted, never stored), store them with their evidence, judge them and
/// store the signals. `netra import` uses it too, so both keep and judge alike.
pub(crate) struct Judge<'a> {
    election: &'a Election,
    detector: RuleEngine,
    pub(crate) owners: HashMap<String, String>,
    include_outside_window: bool,
    user: &'a str,
    ocr: ImageReader,
}

impl<'a> Judge<'a> {
    /// A judge for `election`; also says how text stance is read (Bahasa
    /// Indonesia, English).
    pub(crate) fn new(
        election: &'a Election,
        catalogue: Catalogue,
        include_outside_window: bool,
        user: &'a str,
        owners: HashMap<String, String>,
        ocr: ImageReader,
    ) -> (Judge<'a>, (String, String)) {
        let (stance, stance_reader) = stance_reader(election);
        let detector = RuleEngine::new(
            election,
            catalogue,
            stance,
            RuleOptions {
                include_outside_window,
            },
        );
        let judge = Judge {
            election,
            detector,
            owners,
            include_outside_window,
            user,
            ocr,
        };
        (judge, stance_reader)
    }

    /// Keeps, stores and judges `activities` read from `source` (media paths
    /// are relative to it); fills the keeping and storing counts of `report`.
    /// Returns how many signals were new.
    #[allow(
        clippy::too_many_arguments,
        reason = "the one path every source of activities takes"
    )]
    pub(crate) async fn take(
        &self,
        store: &Store,
        progress: &Progress,
        report: &mut FileReport,
        source: &Path,
        importer: &str,
        activities: Vec<Activity>,
        problems: &mut Problems,
    ) -> Result<u64, AppError> {
        self.take_as(
            store, progress, report, source, importer, activities, problems, self.user,
        )
        .await
    }

    /// [`Judge::take`] on behalf of `user` (who captured the activities: the
    /// publisher of a queued batch, not the worker that stores it).
    #[allow(
        clippy::too_many_arguments,
        reason = "the one path every source of activities takes"
    )]
    pub(crate) async fn take_as(
        &self,
        store: &Store,
        progress: &Progress,
        report: &mut FileReport,
        source: &Path,
        importer: &str,
        activities: Vec<Activity>,
        problems: &mut Problems,
        user: &str,
    ) -> Result<u64, AppError> {
        let mut kept = Vec::new();
        for a in activities {
            if !self.owners.contains_key(&a.account_key()) {
                report.unregistered += 1;
            } else if !self.include_outside_window
                && matches!(
                    self.election.phase_at(&a.created_at),
                    Phase::BeforeWindow | Phase::AfterWindow
                )
            {
                report.outside_window += 1;
            } else {
                kept.push(a);
            }
        }
        let meta = ImportMeta {
            source: &report.path,
            importer,
            user,
        };
        let stats = store.insert_activities(&kept, &meta).await?;
        // Images only now, after the registry filter: only images of kept
        // activities are stored, read and cached.
        let local_media = |a: &Activity| a.media.iter().filter(|m| is_local(m)).count() as u64;
        let local: u64 = kept.iter().map(local_media).sum();
        let bar = if local > 0 && self.ocr.is_ready() {
            progress.bar(local, "gambar")
        } else {
            Progress::hidden().bar(0, "")
        };
        let media = MediaRun {
            store,
            file: source,
            user,
            importer,
            ocr: &self.ocr,
            zips: netra_ingest::zip_entry::OpenZips::default(),
        };
        let mut readings = Readings::new(self.ocr.clone());
        let mut found = Vec::new();
        for ai in 0..kept.len() {
            let mut jobs = Vec::new();
            found.extend(
                media
                    .capture(ai, &mut kept[ai], &mut report.images, &mut jobs)
                    .await?,
            );
            for job in jobs {
                for done in readings.submit(job).await {
                    media
                        .finish(done, &mut kept, &mut report.images, &mut found)
                        .await?;
                }
            }
            bar.inc(local_media(&kept[ai]));
        }
        while let Some(done) = readings.next().await {
            media
                .finish(done, &mut kept, &mut report.images, &mut found)
                .await?;
        }
        bar.finish_and_clear();
        for p in found {
            if problems.kept.len() < MAX_REPORTED_PROBLEMS {
                problems.kept.push(p);
            }
            problems.total += 1;
        }
        report.stored = stats.inserted;
        report.unchanged = stats.unchanged;
        report.conflicting = stats.conflicting;
        report.purged = stats.purged;

        let bar = progress.bar(kept.len() as u64, "deteksi");
        let mut signals = Vec::new();
        for a in &kept {
            signals.extend(self.detector.detect(a));
            bar.inc(1);
        }
        bar.finish_and_clear();
        Ok(store
            .insert_signals(&self.election.election.id, &signals, user)
            .await?
            .inserted)
    }
}

/// How `scan` reads the stance of a text: the transparent cue-word reading
/// first; when it finds no side, the trained classifier, counted only when
/// it is confident (score ≥ [`CLASSIFIER_MIN_SCORE`]). When the shipped model
/// does not load, cue words alone (and the report says so).
fn stance_reader(election: &Election) -> (Box<dyn TextStance>, (String, String)) {
    let cues = CueStance::new(election);
    match ClassifierStance::shipped(election) {
        Ok(c) => (
            Box::new(CuesThenClassifier {
                cues,
                classifier: c,
            }),
            (
                "kata isyarat, lalu pengklasifikasi sikap".to_string(),
                "cue words, then the stance classifier".to_string(),
            ),
        ),
        Err(e) => (
            Box::new(cues),
            (
                format!("hanya kata isyarat (model sikap tidak dapat dimuat: {e})"),
                format!("cue words only (the stance model did not load: {e})"),
            ),
        ),
    }
}

/// The classifier's partisan readings count only from this score on.
pub const CLASSIFIER_MIN_SCORE: f64 = 0.8;

struct CuesThenClassifier {
    cues: CueStance,
    classifier: ClassifierStance,
}

impl TextStance for CuesThenClassifier {
    fn stance(&self, text: &str) -> Option<Stance> {
        self.cues.stance(text).or_else(|| {
            self.classifier
                .stance(text)
                .filter(|s| s.score >= CLASSIFIER_MIN_SCORE)
        })
    }

    fn name(&self) -> &'static str {
        "cue words, then the classifier"
    }
}

/// True for a medium with a local file (`media[].path`).
fn is_local(m: &netra_core::Media) -> bool {
    m.path.as_deref().is_some_and(|p| !p.trim().is_empty())
}

/// Where the media of a batch come from, and how they are read.
struct MediaRun<'r> {
    store: &'r Store,
    /// The activity file; `media[].path` is relative to its folder.
    file: &'r Path,
    user: &'r str,
    importer: &'r str,
    ocr: &'r ImageReader,
    /// The zip whose entries were read last, kept open.
    zips: netra_ingest::zip_entry::OpenZips,
}

impl MediaRun<'_> {
    /// Stores the local image and screenshot files `a` points to
    /// (`media[].path`, relative to the activity file, or absolute) as
    /// evidence, and reads their text (OCR, cached by SHA-256) into
    /// `media[].ocr`. Returns the problems found (missing or unreadable file,
    /// a hash other than the one declared, too large, OCR failed); they are
    /// reported, never fatal, and lose nothing else.
    async fn capture(
        &self,
        activity: usize,
        a: &mut Activity,
        counts: &mut ImageCounts,
        jobs: &mut Vec<OcrJob>,
    ) -> Result<Vec<String>, AppError> {
        let mut problems = Vec::new();
        let file = self.file;
        for (i, m) in a.media.iter_mut().enumerate() {
            let Some(rel) = m.path.as_deref().filter(|p| !p.trim().is_empty()) else {
                if m.url.is_some() {
                    counts.url_only += 1;
                }
                continue;
            };
            counts.local += 1;
            let describe = |path: &Path, what: &str| {
                format!(
                    "{}: activity {}: media[{i}] {}: {what}",
                    file.display(),
                    a.id,
                    path.display()
                )
            };
            let media = match load_media(file, rel, m.sha256.as_deref(), &self.zips) {
                Ok(media) => media,
                Err((path, why)) => {
                    problems.push(describe(&path, &why));
                    continue;
                }
            };
            if let Some(declared) = &media.declared_differs {
                problems.push(describe(
                    &media.path,
                    &format!(
                        "hashes to {}, not the declared {declared} (stored under its real hash, its text not read)",
                        media.sha256
                    ),
                ));
            }
            let lower = rel.to_lowercase();
            let kind = if lower.contains("screenshot") || lower.contains("tangkapan") {
                EvidenceKind::Screenshot
            } else {
                EvidenceKind::Image
            };
            let media_type = match lower.rsplit('.').next() {
                Some("png") => "image/png",
                Some("jpg" | "jpeg") => "image/jpeg",
                Some("webp") => "image/webp",
                Some("gif") => "image/gif",
                _ => "application/octet-stream",
            };
            self.store
                .add_evidence(&NewEvidence {
                    kind,
                    media_type,
                    bytes: &media.bytes,
                    subject: &format!("activity:{}", a.id),
                    source: &media.path.display().to_string(),
                    captured_at: chrono::Utc::now(),
                    importer: self.importer,
                    user: self.user,
                })
                .await?;
            if media.declared_differs.is_some() {
                continue;
            }
            let Some(engine) = self.ocr.engine() else {
                counts.not_read += 1;
                continue;
            };
            let Some(text) = self.store.ocr_text(&media.sha256, engine).await? else {
                // Read later, a few at a time (see `Readings`).
                jobs.push(OcrJob {
                    activity,
                    media: i,
                    label: describe(&media.path, ""),
                    file: media,
                });
                continue;
            };
            counts.cached += 1;
            if !text.trim().is_empty() {
                counts.with_text += 1;
            }
            m.ocr = Some(media.image_text(text));
        }
        counts.problems += problems.len() as u64;
        Ok(problems)
    }

    /// Keeps what was read in an image (the cache, `media[].ocr` of every
    /// activity waiting for it), or reports why it could not be read.
    async fn finish(
        &self,
        done: Reading,
        kept: &mut [Activity],
        counts: &mut ImageCounts,
        problems: &mut Vec<String>,
    ) -> Result<(), AppError> {
        let Reading {
            sha256,
            text,
            targets,
        } = done;
        match text {
            Ok(text) => {
                if let Some(engine) = self.ocr.engine() {
                    self.store.put_ocr_text(&sha256, engine, &text).await?;
                }
                for (n, t) in targets.into_iter().enumerate() {
                    // The first one was read; the others waited for it.
                    if n == 0 {
                        counts.read += 1;
                    } else {
                        counts.cached += 1;
                    }
                    if !text.trim().is_empty() {
                        counts.with_text += 1;
                    }
                    if let Some(m) = kept
                        .get_mut(t.activity)
                        .and_then(|a| a.media.get_mut(t.media))
                    {
                        m.ocr = Some(netra_core::ImageText {
                            file: t.name,
                            sha256: sha256.clone(),
                            text: text.clone(),
                        });
                    }
                }
            }
            Err(why) => {
                for t in targets {
                    counts.problems += 1;
                    problems.push(format!("{}text not read: {why}", t.label));
                }
            }
        }
        Ok(())
    }
}

/// An image whose text is not in the cache: where the text goes, and how
/// a problem names it (`file: activity ID: media[i] PATH: `).
struct OcrJob {
    activity: usize,
    media: usize,
    label: String,
    file: crate::ocr::MediaFile,
}

/// One medium waiting for an image's text.
struct Target {
    activity: usize,
    media: usize,
    /// The image's file name, for reasons.
    name: String,
    label: String,
}

/// An image read (or not), with every medium that waited for it.
struct Reading {
    sha256: String,
    text: Result<String, String>,
    targets: Vec<Target>,
}

/// Reads images on as many blocking threads as the machine has cores (at
/// most [`MAX_PARALLEL_READINGS`]), oldest first; the same image asked for
/// again while it is being read is read once.
struct Readings {
    reader: ImageReader,
    width: usize,
    running: std::collections::VecDeque<(String, tokio::task::JoinHandle<Result<String, String>>)>,
    waiting: HashMap<String, Vec<Target>>,
}

/// At most this many images are read at once.
const MAX_PARALLEL_READINGS: usize = 4;

impl Readings {
    fn new(reader: ImageReader) -> Readings {
        let width = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .clamp(1, MAX_PARALLEL_READINGS);
        Readings {
            reader,
            width,
            running: std::collections::VecDeque::new(),
            waiting: HashMap::new(),
        }
    }

    /// Starts reading `job`'s image (or joins a reading of the same image
    /// under way); returns the readings that had to finish first.
    async fn submit(&mut self, job: OcrJob) -> Vec<Reading> {
        let target = Target {
            activity: job.activity,
            media: job.media,
            name: job.file.name(),
            label: job.label,
        };
        let sha = job.file.sha256;
        if let Some(w) = self.waiting.get_mut(&sha) {
            w.push(target);
            return Vec::new();
        }
        let mut done = Vec::new();
        while self.running.len() >= self.width {
            match self.next().await {
                Some(r) => done.push(r),
                None => break,
            }
        }
        self.waiting.insert(sha.clone(), vec![target]);
        let reader = self.reader.clone();
        let bytes = job.file.bytes;
        let handle = tokio::task::spawn_blocking(move || reader.read(&bytes));
        self.running.push_back((sha, handle));
        done
    }

    /// The oldest reading under way, once it finished; `None` when none is.
    async fn next(&mut self) -> Option<Reading> {
        let (sha256, handle) = self.running.pop_front()?;
        let text = handle
            .await
            .unwrap_or_else(|e| Err(format!("the OCR task failed: {e}")));
        let targets = self.waiting.remove(&sha256).unwrap_or_default();
        Some(Reading {
            sha256,
            text,
            targets,
        })
    }
}
