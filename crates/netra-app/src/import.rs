//! `netra import`: platform exports and activity tables → canonical
//! activities → the same keep / store / judge path as `scan` → cases.
//!
//! Conversion is `netra_ingest::platform`; from there on each converted file
//! goes through [`crate::scan`]'s judge, so an imported activity is kept,
//! stored and judged exactly like a line of activity JSONL: only accounts in
//! the registry, only inside the monitoring window, idempotent, with
//! evidence and audit entries. [`convert_to_jsonl`] converts without storing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use netra_core::{Catalogue, Election};
pub use netra_ingest::platform::Format;
use netra_ingest::platform::{ConvertOptions, Converted};
use netra_store::Store;

use crate::scan::{
    election_summary, store_election_and_registry, FileReport, Judge, Problems, RegistryLoad,
    ScanReport,
};
use crate::{AppError, Lang, Progress};

/// An IANA time zone name (`Asia/Jakarta`, `UTC`), for `--zone`.
pub fn parse_zone(name: &str) -> Option<Tz> {
    name.trim().parse().ok()
}

/// Where the zone for times without one came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZoneSource {
    /// `--zone`.
    Flag,
    /// The election config's `timezone`.
    Election,
}

/// What to import.
#[derive(Debug, Clone)]
pub struct ImportInput {
    /// Files, folders or zips.
    pub paths: Vec<PathBuf>,
    /// Read every file as this format; `None`: detect.
    pub format: Option<Format>,
    /// The export owner's handle, for exports that do not name it.
    pub account: Option<String>,
    /// The zone of times without one, and where it came from.
    pub zone: (Tz, ZoneSource),
    pub election: Election,
    /// A registry file to load first; `None`: the registry already stored.
    pub registry: Option<PathBuf>,
    /// Who imports (recorded with the evidence and in the audit log).
    pub user: String,
    pub catalogue: Catalogue,
    /// Also keep and judge activities dated outside the monitoring window.
    pub include_outside_window: bool,
    /// Reads the text in the images of kept activities (`--ocr`).
    pub ocr: crate::ocr::ImageReader,
}

impl ImportInput {
    fn convert_options(&self) -> ConvertOptions {
        let mut o = ConvertOptions::new(self.zone.0);
        o.format = self.format;
        o.account.clone_from(&self.account);
        o
    }
}

/// One converted file, for the summary.
#[derive(Debug, Clone)]
pub struct ConvertedFile {
    pub file: String,
    pub format: Option<Format>,
    pub content: &'static str,
    pub account: Option<String>,
    pub records: u64,
    pub activities: u64,
    pub skipped: u64,
    /// Activities whose time had no zone and was read in the import's zone.
    pub zone_assumed: u64,
}

impl ConvertedFile {
    pub(crate) fn from(c: &Converted) -> ConvertedFile {
        ConvertedFile {
            file: c.file.clone(),
            format: c.format,
            content: c.content,
            account: c.account.clone(),
            records: c.records as u64,
            activities: c.activities.len() as u64,
            skipped: c.skipped as u64,
            zone_assumed: c.zone_assumed as u64,
        }
    }
}

/// What `import` (or a conversion) did.
#[derive(Debug, Clone)]
pub struct ImportReport {
    pub files: Vec<ConvertedFile>,
    /// Files of the exports that hold nothing netra reads (media, messages, settings).
    pub ignored: u64,
    pub zone: (Tz, ZoneSource),
    /// Warnings of the conversion (nothing skipped).
    pub warnings: Vec<String>,
    /// Errors of the conversion (records or files skipped), when converting only.
    pub problems: Vec<String>,
    pub problems_total: u64,
    /// Keeping, storing, judging and the cases; `None` when converting only.
    pub scan: Option<ScanReport>,
    /// Where the canonical JSONL went, when converting only.
    pub output: Option<String>,
}

impl ImportReport {
    /// True when some input was skipped or a problem reported (exit code 1).
    pub fn has_problems(&self) -> bool {
        self.problems_total > 0 || self.scan.as_ref().is_some_and(ScanReport::has_problems)
    }
}

/// Converts every path, first checking they all exist (a missing path means
/// nothing is done).
pub(crate) fn convert_all(
    paths: &[PathBuf],
    options: &ConvertOptions,
) -> Result<(Vec<Converted>, u64), AppError> {
    for p in paths {
        if let Err(source) = std::fs::metadata(p) {
            return Err(AppError::Ingest(netra_ingest::IngestError::Open {
                path: p.clone(),
                source,
            }));
        }
    }
    let mut files = Vec::new();
    let mut ignored = 0;
    for p in paths {
        let c = netra_ingest::platform::convert(p, options)?;
        ignored += c.ignored as u64;
        files.extend(c.files);
    }
    Ok((files, ignored))
}

pub(crate) fn split_diagnostics(
    files: &[Converted],
    problems: &mut Problems,
    warnings: &mut Vec<String>,
) {
    for f in files {
        let errors: Vec<netra_ingest::Diagnostic> = f
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .cloned()
            .collect();
        problems.add(&errors, f.omitted_diagnostics);
        warnings.extend(
            f.diagnostics
                .iter()
                .filter(|d| !d.is_error())
                .map(ToString::to_string),
        );
    }
}

/// Converts the inputs and writes canonical JSONL to `out`; stores nothing.
pub fn convert_to_jsonl(
    input: &ImportInput,
    out: &mut dyn std::io::Write,
    output_name: &str,
) -> Result<ImportReport, AppError> {
    let (files, ignored) = convert_all(&input.paths, &input.convert_options())?;
    for f in &files {
        netra_ingest::platform::write_jsonl(&mut *out, &f.activities)
            .map_err(|e| AppError::Output(format!("{output_name}: {e}")))?;
    }
    out.flush()
        .map_err(|e| AppError::Output(format!("{output_name}: {e}")))?;
    let mut problems = Problems::default();
    let mut warnings = Vec::new();
    split_diagnostics(&files, &mut problems, &mut warnings);
    Ok(ImportReport {
        files: files.iter().map(ConvertedFile::from).collect(),
        ignored,
        zone: input.zone,
        warnings,
        problems: problems.kept,
        problems_total: problems.total,
        scan: None,
        output: Some(output_name.to_owned()),
    })
}

/// Imports: converts, then keeps, stores and judges like `scan`, and
/// refreshes the cases. Uses the registry file given, else the registry
/// already in the store (none at all is an error: nothing could be kept).
#[allow(
    clippy::too_many_lines,
    reason = "convert, registry, judge, cases: the steps read in order"
)]
pub async fn run(
    input: &ImportInput,
    store: &Store,
    progress: &Progress,
) -> Result<ImportReport, AppError> {
    let (files, ignored) = convert_all(&input.paths, &input.convert_options())?;
    let election = &input.election;
    let user = input.user.as_str();
    let mut problems = Problems::default();
    let mut warnings = Vec::new();

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
        "import",
    )
    .await?;
    split_diagnostics(&files, &mut problems, &mut warnings);

    let (judge, stance_reader) = Judge::new(
        election,
        input.catalogue.clone(),
        input.include_outside_window,
        user,
        owners,
        input.ocr.clone(),
    );
    let mut reports = Vec::new();
    let mut signals_new = 0;
    for f in &files {
        let mut report = FileReport {
            path: f.file.clone(),
            read: f.activities.len() as u64,
            rejected: f.skipped as u64,
            ..FileReport::default()
        };
        let importer = format!("import:{}", f.format.map_or("unknown", Format::as_str));
        // Media paths of converted activities are absolute; `take` resolves
        // relative ones against the source's folder.
        let source = Path::new(&f.file);
        signals_new += judge
            .take(
                store,
                progress,
                &mut report,
                source,
                &importer,
                f.activities.clone(),
                &mut problems,
            )
            .await?;
        reports.push(report);
    }
    let cases =
        crate::cases::refresh_cases_from_signals(store, election, &input.catalogue, user).await?;
    let summary = election_summary(store, election).await?;
    let scan = ScanReport {
        election_id: election.election.id.clone(),
        election_name: election.election.name.clone(),
        registry_path,
        registry_rows,
        registry_rejected,
        accounts: judge.owners.len() as u64,
        files: reports,
        problems: problems.kept,
        problems_total: problems.total,
        signals_new,
        stance_reader,
        cases,
        summary,
        ocr: input.ocr.clone(),
    };
    Ok(ImportReport {
        files: files.iter().map(ConvertedFile::from).collect(),
        ignored,
        zone: input.zone,
        warnings,
        problems: Vec::new(),
        problems_total: 0,
        scan: Some(scan),
        output: None,
    })
}

/// The election `import` judges against: the config given, else the bundled
/// default, unless the store already holds other elections (then the config
/// must be given: the store keeps an election's dates and pairs, not the
/// names, hashtags and accounts detection needs).
pub async fn choose_election(store: &Store, explicit: Option<&Path>) -> Result<Election, AppError> {
    if let Some(p) = explicit {
        return Ok(Election::from_path(p)?);
    }
    let default = crate::demo::default_election()?;
    let stored = store.elections().await?;
    if stored.is_empty() || stored.iter().any(|e| e.id == default.election.id) {
        return Ok(default);
    }
    let ids: Vec<String> = stored.iter().map(|e| format!("`{}`", e.id)).collect();
    Err(AppError::Config {
        path: "--election".into(),
        message: format!(
            "the store holds election {} but not the bundled `{}`: give --election FILE with its config",
            ids.join(", "),
            default.election.id
        ),
    })
}

impl ImportReport {
    /// The human summary printed by `netra import`.
    #[allow(clippy::too_many_lines, reason = "one report, section after section")]
    pub fn render(&self, lang: Lang) -> String {
        let c = |n: u64| lang.count(n);
        let mut out = String::new();
        match &self.scan {
            Some(s) => {
                let _ = writeln!(
                    out,
                    "netra import — {} ({})",
                    s.election_name, s.election_id
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "netra import — {} {}",
                    lang.pick(
                        "konversi saja, tidak disimpan; JSONL ke",
                        "convert only, nothing stored; JSONL to"
                    ),
                    self.output.as_deref().unwrap_or("-")
                );
            }
        }
        let assumed: u64 = self.files.iter().map(|f| f.zone_assumed).sum();
        let zone = self.zone.0.name();
        if assumed > 0 {
            let source = match self.zone.1 {
                ZoneSource::Flag => lang.pick("dari --zone", "from --zone"),
                ZoneSource::Election => lang.pick(
                    "zona pemilu; ubah dengan --zone",
                    "the election's zone; change with --zone",
                ),
            };
            let _ = writeln!(
                out,
                "{}: {zone} ({source}), {} {}",
                lang.pick("Zona waktu yang diasumsikan", "Time zone assumed"),
                c(assumed),
                lang.pick("waktu tanpa zona", "times without a zone"),
            );
        }
        let _ = writeln!(out, "{}:", lang.pick("Berkas", "Files"));
        for f in &self.files {
            let format = f.format.map_or("?", Format::as_str);
            let account = f
                .account
                .as_deref()
                .map(|a| format!(", {} {a}", lang.pick("akun", "account")))
                .unwrap_or_default();
            let zone_note = if f.zone_assumed > 0 {
                format!(
                    ", {} {} {zone}",
                    c(f.zone_assumed),
                    lang.pick(
                        "waktu tanpa zona dibaca sebagai",
                        "times without a zone read as"
                    ),
                )
            } else {
                String::new()
            };
            let skipped = if f.skipped > 0 {
                format!(
                    ", {} {}",
                    c(f.skipped),
                    lang.pick("dilewati (alasan di bawah)", "skipped (reasons below)")
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                out,
                "  {} [{format}{}{account}]: {} {}, {} {}{skipped}{zone_note}",
                f.file,
                if f.content.is_empty() {
                    String::new()
                } else {
                    format!(": {}", f.content)
                },
                c(f.records),
                lang.pick("rekaman dibaca", "records read"),
                c(f.activities),
                lang.pick("aktivitas", "activities"),
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
                    "berkas lain dalam ekspor tanpa aktivitas yang dibaca netra (media, pesan, pengaturan): dilewati",
                    "other files of the exports hold no activity netra reads (media, messages, settings): not read"
                )
            );
        }
        if !self.warnings.is_empty() {
            let _ = writeln!(out, "{}:", lang.pick("Catatan", "Notes"));
            for w in self.warnings.iter().take(50) {
                let _ = writeln!(out, "  {w}");
            }
        }
        match &self.scan {
            Some(s) => {
                let _ = writeln!(out);
                // The scan summary: keeping, storing, signals, cases, problems.
                let body = s.render(lang);
                let body = body
                    .split_once('\n')
                    .map_or(body.as_str(), |(_, rest)| rest);
                out.push_str(body);
            }
            None => {
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
            }
        }
        out
    }
}
