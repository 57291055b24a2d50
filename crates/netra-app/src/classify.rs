//! `netra classify`: activity JSONL in, one classification result per
//! activity out (the "Classification result" contract of product.md),
//! streamed line by line.
//!
//! A line that is not JSON, or has no `id`, is reported as `file:line:
//! reason` and skipped. A line with an `id` that is not a valid activity
//! (e.g. an unknown platform) is reported too, but still classified from its
//! `text` (and `target.text`), so every identifiable input gets a result.
//!
//! With [`run_with_images`], the words in each activity's local images
//! (`media[].path`) are read first (OCR) and classified with its text; when
//! they changed the answer, the reasons name the image.

use std::collections::HashMap;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use netra_core::Activity;
use netra_detect::stance::{Classification, StanceClassifier, StanceModel};
use serde::Serialize;

use crate::ocr::{load_media, ImageCounts, ImageReader};
use crate::train::data_error;
use crate::{AppError, Lang};

/// At most this many problems are kept (the rest are counted).
const MAX_PROBLEMS: usize = 50;

/// The stance model: from `path`, else the one embedded in this build.
pub fn load_model(path: Option<&Path>) -> Result<Arc<StanceModel>, AppError> {
    let model = match path {
        Some(p) => {
            let bytes = std::fs::read(p).map_err(|source| AppError::Io {
                path: p.display().to_string(),
                source,
            })?;
            StanceModel::from_bytes(&bytes).map_err(|e| data_error(p, e.to_string()))?
        }
        None => StanceModel::from_bytes(netra_detect::stance::SHIPPED_MODEL)
            .map_err(|e| data_error(Path::new("models/stance.bin (embedded)"), e.to_string()))?,
    };
    Ok(Arc::new(model))
}

/// One output line.
#[derive(Debug, Serialize)]
struct ResultLine<'a> {
    id: &'a str,
    label: &'static str,
    target: Option<u32>,
    score: f64,
    /// The reasons, rendered in the chosen language.
    reasons: Vec<String>,
}

/// What a classify run did.
#[derive(Debug, Clone, Default)]
pub struct ClassifyStats {
    /// Non-empty input lines.
    pub lines: u64,
    /// Result lines written.
    pub written: u64,
    /// Count per label, in `Label::ALL` order.
    pub labels: [u64; 4],
    /// The first problems (`file:line: reason`).
    pub problems: Vec<String>,
    pub problems_total: u64,
    /// What happened to the activities' images.
    pub images: ImageCounts,
}

impl ClassifyStats {
    fn note(&mut self, p: String) {
        self.problems_total += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        }
    }

    fn image_problem(&mut self, p: String) {
        self.images.problems += 1;
        self.note(p);
    }
}

/// Reads the text in the images of classified activities (`netra classify
/// --ocr`). `classify` keeps nothing: readings are remembered by SHA-256 for
/// the run only. It has no registry either, so it reads the images of every
/// line it is given.
#[derive(Debug)]
pub struct ClassifyImages {
    reader: ImageReader,
    /// The activity file (`media[].path` is relative to its folder); for
    /// standard input, a name in the working directory.
    file: PathBuf,
    memo: HashMap<String, String>,
    /// The zip whose entries were read last, kept open.
    zips: netra_ingest::zip_entry::OpenZips,
}

impl ClassifyImages {
    /// Images read with `reader`, paths relative to the folder of `file`.
    pub fn new(reader: ImageReader, file: &Path) -> ClassifyImages {
        ClassifyImages {
            reader,
            file: file.to_path_buf(),
            memo: HashMap::new(),
            zips: netra_ingest::zip_entry::OpenZips::default(),
        }
    }

    /// Nothing read (`--ocr off`).
    pub fn off() -> ClassifyImages {
        ClassifyImages::new(ImageReader::off(), Path::new("-"))
    }

    /// How images were read, or why not.
    pub fn reader(&self) -> &ImageReader {
        &self.reader
    }

    /// Reads the local images of `a` (line `number`) into `media[].ocr`.
    fn read_into(&mut self, a: &mut Activity, number: usize, stats: &mut ClassifyStats) {
        for (i, m) in a.media.iter_mut().enumerate() {
            let Some(rel) = m.path.as_deref().filter(|p| !p.trim().is_empty()) else {
                if m.url.is_some() {
                    stats.images.url_only += 1;
                }
                continue;
            };
            stats.images.local += 1;
            if !self.reader.is_ready() {
                stats.images.not_read += 1;
                continue;
            }
            let file = self.file.display();
            let describe = |path: &Path, what: &str| {
                format!(
                    "{file}:{number}: activity {}: media[{i}] {}: {what}",
                    a.id,
                    path.display()
                )
            };
            let media = match load_media(&self.file, rel, m.sha256.as_deref(), &self.zips) {
                Ok(media) => media,
                Err((path, why)) => {
                    stats.image_problem(describe(&path, &why));
                    continue;
                }
            };
            if let Some(declared) = &media.declared_differs {
                stats.image_problem(describe(
                    &media.path,
                    &format!(
                        "hashes to {}, not the declared {declared} (its text not read)",
                        media.sha256
                    ),
                ));
                continue;
            }
            let text = if let Some(text) = self.memo.get(&media.sha256) {
                stats.images.cached += 1;
                text.clone()
            } else {
                match self.reader.read(&media.bytes) {
                    Ok(text) => {
                        stats.images.read += 1;
                        self.memo.insert(media.sha256.clone(), text.clone());
                        text
                    }
                    Err(why) => {
                        stats
                            .image_problem(describe(&media.path, &format!("text not read: {why}")));
                        continue;
                    }
                }
            };
            if !text.trim().is_empty() {
                stats.images.with_text += 1;
            }
            m.ocr = Some(media.image_text(text));
        }
    }
}

/// Classifies `a`; when words read in its images changed the answer, the
/// reasons name those images first.
fn classify_activity(classifier: &StanceClassifier, a: &Activity) -> Classification {
    let mut c = classifier.classify(a);
    if !c.label.is_partisan() || a.image_texts().next().is_none() {
        return c;
    }
    let mut plain = a.clone();
    for m in &mut plain.media {
        m.ocr = None;
    }
    let without = classifier.classify(&plain);
    if (without.label, without.target) != (c.label, c.target) {
        let mut reasons: Vec<netra_core::Reason> = a
            .image_texts()
            .map(netra_core::Reason::image_text)
            .collect();
        reasons.append(&mut c.reasons);
        c.reasons = reasons;
    }
    c
}

/// Classifies every line of `input` (named `file` in problems) into `out`,
/// with the reasons written in `lang`. Images are not read (see
/// [`run_with_images`]).
pub fn run<R: BufRead, W: Write>(
    classifier: &StanceClassifier,
    input: R,
    file: &str,
    out: W,
    lang: Lang,
) -> Result<ClassifyStats, AppError> {
    run_with_images(
        classifier,
        input,
        file,
        out,
        lang,
        &mut ClassifyImages::off(),
    )
}

/// [`run`], reading the text in each activity's local images with `images`.
pub fn run_with_images<R: BufRead, W: Write>(
    classifier: &StanceClassifier,
    mut input: R,
    file: &str,
    out: W,
    lang: Lang,
    images: &mut ClassifyImages,
) -> Result<ClassifyStats, AppError> {
    let mut out = std::io::BufWriter::with_capacity(1 << 16, out);
    let mut stats = ClassifyStats::default();
    let mut line = Vec::with_capacity(4096);
    let mut number = 0usize;
    let write_err = |source| AppError::Io {
        path: "output".into(),
        source,
    };
    loop {
        line.clear();
        let n = input
            .read_until(b'\n', &mut line)
            .map_err(|source| AppError::Io {
                path: file.to_string(),
                source,
            })?;
        if n == 0 {
            break;
        }
        number += 1;
        let bytes = trim_ascii(&line);
        if bytes.is_empty() {
            continue;
        }
        stats.lines += 1;
        let (id, c) = match serde_json::from_slice::<Activity>(bytes) {
            Ok(mut a) => {
                images.read_into(&mut a, number, &mut stats);
                let c = classify_activity(classifier, &a);
                (a.id, c)
            }
            Err(e) => {
                if let Some((id, mut c)) = lenient(classifier, bytes) {
                    stats.note(format!(
                        "{file}:{number}: not a valid activity ({e}); classified from its text"
                    ));
                    c.reasons.insert(
                        0,
                        netra_core::Reason::InvalidInput {
                            error: e.to_string(),
                        },
                    );
                    (id, c)
                } else {
                    stats.note(format!("{file}:{number}: {e}; skipped"));
                    continue;
                }
            }
        };
        stats.labels[netra_core::Label::ALL
            .iter()
            .position(|&l| l == c.label)
            .unwrap_or(0)] += 1;
        let r = ResultLine {
            id: &id,
            label: c.label.as_str(),
            target: c.target,
            score: (c.score * 1e4).round() / 1e4,
            reasons: c
                .reasons
                .iter()
                .map(|r| crate::reasons::render(r, lang))
                .collect(),
        };
        serde_json::to_writer(&mut out, &r).map_err(|e| write_err(e.into()))?;
        out.write_all(b"\n").map_err(write_err)?;
        stats.written += 1;
    }
    out.flush().map_err(write_err)?;
    Ok(stats)
}

fn trim_ascii(b: &[u8]) -> &[u8] {
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let end = b
        .iter()
        .rposition(|c| !c.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &b[start..end]
}

/// A JSON object with an `id` that is not a valid activity: classify its text.
fn lenient(classifier: &StanceClassifier, bytes: &[u8]) -> Option<(String, Classification)> {
    let v: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let id = match &v["id"] {
        serde_json::Value::String(s) if !s.trim().is_empty() => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => return None,
    };
    let text = v["text"]
        .as_str()
        .filter(|t| !t.trim().is_empty())
        .or_else(|| v["target"]["text"].as_str())
        .unwrap_or("");
    Some((id, classifier.classify_text(text)))
}
