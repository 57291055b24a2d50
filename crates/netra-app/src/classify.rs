//! `netra classify`: activity JSONL in, one classification result per
//! activity out (the "Classification result" contract of product.md),
//! streamed line by line.
//!
//! A line that is not JSON, or has no `id`, is reported as `file:line:
//! reason` and skipped. A line with an `id` that is not a valid activity
//! (e.g. an unknown platform) is reported too, but still classified from its
//! `text` (and `target.text`), so every identifiable input gets a result.

use std::io::{BufRead, Write};
use std::path::Path;
use std::sync::Arc;

use netra_core::Activity;
use netra_detect::stance::{Classification, StanceClassifier, StanceModel};
use serde::Serialize;

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
}

impl ClassifyStats {
    fn note(&mut self, p: String) {
        self.problems_total += 1;
        if self.problems.len() < MAX_PROBLEMS {
            self.problems.push(p);
        }
    }
}

/// Classifies every line of `input` (named `file` in problems) into `out`,
/// with the reasons written in `lang`.
pub fn run<R: BufRead, W: Write>(
    classifier: &StanceClassifier,
    mut input: R,
    file: &str,
    out: W,
    lang: Lang,
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
            Ok(a) => {
                let c = classifier.classify(&a);
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
