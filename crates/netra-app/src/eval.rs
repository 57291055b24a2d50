//! `netra eval`: measure a stance model on gold labels.
//!
//! Gold comes in two formats (one object a line, detected per line):
//! - **activity lines**: a canonical activity plus `label` and `target`;
//!   classified as `netra classify` would (interaction rules included);
//! - **annotation lines** (`docs/annotation.md`): `label`, `target`,
//!   `election`, and `text` or `source` + `id` (text read from the shared
//!   data); classified by their text. Lines whose `election` is not the
//!   config's id are skipped and counted.
//!
//! Without a gold file, the held-out **test split** of all annotations is
//! measured (across elections, each with its own config).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::BufRead;
use std::path::PathBuf;
use std::sync::Arc;

use netra_core::{Activity, Election, Label};
use netra_detect::stance::{Confusion, StanceClassifier, StanceModel};

use crate::train::{data_error, load_annotations, DataPaths, Split};
use crate::AppError;

/// Options of `netra eval`.
#[derive(Debug, Clone, Default)]
pub struct EvalOptions {
    /// Model file; default the embedded one.
    pub model: Option<PathBuf>,
    /// Election config, with `gold`.
    pub election: Option<PathBuf>,
    /// Gold file; default the held-out test split.
    pub gold: Option<PathBuf>,
    /// Which split, without `gold` (default test).
    pub split: Option<Split>,
    /// Where to write the misclassified rows of a split evaluation (JSONL).
    pub errors: Option<PathBuf>,
}

/// What was measured.
#[derive(Debug, Clone, Default)]
pub struct EvalReport {
    pub what: String,
    pub overall: Confusion,
    /// The rows the annotator did not mark `ambiguous` (split evaluations).
    pub clear: Option<Confusion>,
    pub by_election: BTreeMap<String, Confusion>,
    pub skipped: u64,
    pub problems: Vec<String>,
    /// Texts classified per second (one thread, text level, reasons off).
    pub per_second: f64,
}

impl EvalReport {
    pub fn render(&self) -> String {
        let mut s = format!("# {}\n\n", self.what);
        let m = self.overall.metrics();
        s.push_str(&m.to_markdown());
        s.push('\n');
        s.push_str(&self.overall.to_markdown());
        if let Some(c) = &self.clear {
            let m = c.metrics();
            let _ = writeln!(
                s,
                "\n## Rows not marked ambiguous ({} of {})\n",
                m.n,
                self.overall.total()
            );
            s.push_str(&m.to_markdown());
            s.push('\n');
            s.push_str(&c.to_markdown());
        }
        if self.by_election.len() > 1 {
            let _ = writeln!(s, "\n| election | n | macro-F1 | support F1 (target) | accuracy |\n|---|---:|---:|---:|---:|");
            for (id, c) in &self.by_election {
                let m = c.metrics();
                let _ = writeln!(
                    s,
                    "| {id} | {} | {:.3} | {:.3} | {:.3} |",
                    m.n, m.macro_f1, m.support_detection.2, m.accuracy
                );
            }
        }
        if self.skipped > 0 {
            let _ = writeln!(
                s,
                "\nskipped {} gold lines of other elections",
                self.skipped
            );
        }
        for p in self.problems.iter().take(20) {
            let _ = writeln!(s, "problem: {p}");
        }
        if self.per_second > 0.0 {
            let _ = writeln!(
                s,
                "\nclassification speed: {:.0} texts/s (one thread)",
                self.per_second
            );
        }
        s
    }
}

/// Runs the evaluation.
pub fn run(paths: Option<&DataPaths>, opts: &EvalOptions) -> Result<EvalReport, AppError> {
    let model: Arc<StanceModel> = crate::classify::load_model(opts.model.as_deref())?;
    match (&opts.gold, &opts.election) {
        (Some(gold), Some(election)) => {
            let election = Election::from_path(election)?;
            gold_file(&model, &election, gold, paths)
        }
        (Some(gold), None) => Err(data_error(gold, "--gold needs --election")),
        (None, _) => {
            let paths = paths.ok_or_else(|| {
                data_error(
                    std::path::Path::new("."),
                    "no repository to read the test split from",
                )
            })?;
            split_eval(
                &model,
                paths,
                opts.split.unwrap_or(Split::Test),
                opts.errors.as_deref(),
            )
        }
    }
}

fn split_eval(
    model: &Arc<StanceModel>,
    paths: &DataPaths,
    split: Split,
    errors: Option<&std::path::Path>,
) -> Result<EvalReport, AppError> {
    let elections = paths.elections()?;
    let (rows, problems) = load_annotations(paths)?;
    let rows: Vec<_> = rows
        .iter()
        .filter(|r| r.split == split && elections.contains_key(&r.election))
        .collect();
    let classifiers: BTreeMap<&String, StanceClassifier> = elections
        .iter()
        .map(|(id, e)| (id, StanceClassifier::new(Arc::clone(model), e)))
        .collect();
    let mut report = EvalReport {
        what: format!(
            "{} split of the annotations ({} rows)",
            split.as_str(),
            rows.len()
        ),
        problems,
        ..EvalReport::default()
    };
    let started = std::time::Instant::now();
    let preds: Vec<_> = rows
        .iter()
        .map(|r| classifiers[&r.election].predict_text(&r.text))
        .collect();
    let secs = started.elapsed().as_secs_f64();
    report.per_second = if secs > 0.0 {
        rows.len() as f64 / secs
    } else {
        0.0
    };
    let mut clear = Confusion::default();
    let mut wrong = String::new();
    for (r, p) in rows.iter().zip(preds) {
        let gold = (r.label, r.target);
        if errors.is_some() && gold != (p.label, p.target) {
            let line = serde_json::json!({
                "key": r.key,
                "election": r.election,
                "file": r.file,
                "ambiguous": r.ambiguous,
                "label": r.label.as_str(),
                "target": r.target,
                "predicted": p.label.as_str(),
                "predicted_target": p.target,
                "score": (p.score * 1000.0).round() / 1000.0,
                "text": r.text,
            });
            wrong.push_str(&line.to_string());
            wrong.push('\n');
        }
        report.overall.add(gold, (p.label, p.target));
        if !r.ambiguous {
            clear.add(gold, (p.label, p.target));
        }
        report
            .by_election
            .entry(r.election.clone())
            .or_default()
            .add(gold, (p.label, p.target));
    }
    report.clear = Some(clear);
    if let Some(path) = errors {
        std::fs::write(path, wrong).map_err(|source| AppError::Io {
            path: path.display().to_string(),
            source,
        })?;
    }
    Ok(report)
}

fn gold_file(
    model: &Arc<StanceModel>,
    election: &Election,
    gold: &std::path::Path,
    paths: Option<&DataPaths>,
) -> Result<EvalReport, AppError> {
    let classifier = StanceClassifier::new(Arc::clone(model), election);
    let file = gold.display().to_string();
    let f = std::fs::File::open(gold).map_err(|source| AppError::Io {
        path: file.clone(),
        source,
    })?;
    let mut report = EvalReport {
        what: format!("gold {file} with election {}", election.election.id),
        ..EvalReport::default()
    };
    let mut texts: Option<BTreeMap<String, BTreeMap<String, String>>> = None;
    for (i, line) in std::io::BufReader::new(f).split(b'\n').enumerate() {
        let line = line.map_err(|source| AppError::Io {
            path: file.clone(),
            source,
        })?;
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let at = format!("{file}:{}", i + 1);
        let v: serde_json::Value = match serde_json::from_slice(&line) {
            Ok(v) => v,
            Err(e) => {
                report.problems.push(format!("{at}: {e}"));
                continue;
            }
        };
        let Some(label) = v["label"].as_str().and_then(Label::parse) else {
            report
                .problems
                .push(format!("{at}: missing or unknown `label`"));
            continue;
        };
        let target = v["target"].as_u64().and_then(|t| u32::try_from(t).ok());
        if let Some(e) = v["election"].as_str() {
            if e != election.election.id {
                report.skipped += 1;
                continue;
            }
        }
        let pred = if v.get("kind").is_some() && v.get("created_at").is_some() {
            match serde_json::from_value::<Activity>(v.clone()) {
                Ok(a) => {
                    let c = classifier.classify(&a);
                    (c.label, c.target)
                }
                Err(e) => {
                    report.problems.push(format!("{at}: {e}"));
                    continue;
                }
            }
        } else if let Some(text) = v["text"].as_str() {
            let p = classifier.predict_text(text);
            (p.label, p.target)
        } else if let (Some(source), Some(id), Some(paths)) =
            (v["source"].as_str(), v["id"].as_str(), paths)
        {
            let map = texts.get_or_insert_with(BTreeMap::new);
            if !map.contains_key(source) {
                map.insert(
                    source.to_string(),
                    corpus_texts(&paths.shared.join(source))?,
                );
            }
            let Some(text) = map[source].get(id) else {
                report
                    .problems
                    .push(format!("{at}: no text for {source} id {id}"));
                continue;
            };
            let p = classifier.predict_text(text);
            (p.label, p.target)
        } else {
            report.problems.push(format!(
                "{at}: needs an activity, a `text`, or `source` + `id`"
            ));
            continue;
        };
        report.overall.add((label, target), pred);
    }
    report
        .by_election
        .insert(election.election.id.clone(), report.overall.clone());
    Ok(report)
}

fn corpus_texts(path: &std::path::Path) -> Result<BTreeMap<String, String>, AppError> {
    let f = std::fs::File::open(path).map_err(|source| AppError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut out = BTreeMap::new();
    for line in std::io::BufReader::new(f).lines() {
        let line = line.map_err(|source| AppError::Io {
            path: path.display().to_string(),
            source,
        })?;
        if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
            if let (Some(id), Some(t)) = (v["id"].as_str(), v["text"].as_str()) {
                out.insert(id.to_string(), t.to_string());
            }
        }
    }
    Ok(out)
}
