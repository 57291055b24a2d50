//! `netra train`: annotations + corpora → split → fit → `models/stance.bin`.
//!
//! Data: the seed labels in `<shared>/annotations/*.jsonl` and ours in
//! `<repo>/data/annotations/*.jsonl` (top level only). A row carries either
//! `source` + `id` (the text is read from `<shared>/<source>`) or its own
//! `text`. `<shared>` is `NETRA_SHARED_DATA`, else `<repo>/../shared/data`.
//!
//! Split (fixed, documented in `docs/model.md`): texts are normalised
//! (mentions, links, `RT`, `[RE x]`, placeholders removed; lower case;
//! punctuation and spaces collapsed), exact copies and near-duplicates
//! (word-trigram Jaccard ≥ 0.6) are grouped, and each group goes to one
//! split by a hash of its first key: 20 % test, 15 % validation, 65 % train.
//! The test split is never trained or tuned on.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use netra_core::{Election, Label};
use netra_detect::stance::slots::PairMatcher;
use netra_detect::stance::{
    self, Confusion, StanceClassifier, StanceModel, TrainParams, TrainingRow,
};

use crate::{AppError, Progress};

/// Where the repository and the shared data are.
#[derive(Debug, Clone)]
pub struct DataPaths {
    pub repo: PathBuf,
    pub shared: PathBuf,
}

impl DataPaths {
    /// `repo` if given, else the nearest directory from the current one up
    /// that holds `elections/` and `data/annotations/`; shared data from
    /// `NETRA_SHARED_DATA`, else `<repo>/../shared/data`.
    pub fn resolve(repo: Option<&Path>) -> Result<DataPaths, AppError> {
        let repo = if let Some(r) = repo {
            r.to_path_buf()
        } else {
            let cwd = std::env::current_dir().map_err(|source| AppError::Io {
                path: ".".into(),
                source,
            })?;
            cwd.ancestors()
                .find(|d| d.join("elections").is_dir() && d.join("data/annotations").is_dir())
                .map(Path::to_path_buf)
                .ok_or_else(|| data_error(&cwd, "no netra repository (elections/ and data/annotations/) here or above; give --repo"))?
        };
        let shared = std::env::var_os("NETRA_SHARED_DATA")
            .map_or_else(|| repo.join("../shared/data"), PathBuf::from);
        Ok(DataPaths { repo, shared })
    }

    /// The election configs of the repo and the shared data, by id.
    pub fn elections(&self) -> Result<BTreeMap<String, Election>, AppError> {
        let mut out = BTreeMap::new();
        for dir in [self.repo.join("elections"), self.shared.join("elections")] {
            for path in sorted_files(&dir, "toml")? {
                let e = Election::from_path(&path)?;
                out.entry(e.election.id.clone()).or_insert(e);
            }
        }
        Ok(out)
    }
}

/// An input problem that is not an OS error, in the shape of [`AppError::Io`].
pub(crate) fn data_error(path: &Path, message: impl Into<String>) -> AppError {
    AppError::Io {
        path: path.display().to_string(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidData, message.into()),
    }
}

fn sorted_files(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, AppError> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => {
            return Err(AppError::Io {
                path: dir.display().to_string(),
                source,
            })
        }
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
        .collect();
    v.sort();
    Ok(v)
}

/// Which part of the data a row belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Split {
    Train,
    Validation,
    Test,
}

impl Split {
    pub fn as_str(self) -> &'static str {
        match self {
            Split::Train => "train",
            Split::Validation => "validation",
            Split::Test => "test",
        }
    }
}

/// One labelled text.
#[derive(Debug, Clone)]
pub struct Annotated {
    /// `source#id`, or the row's own id when it carries its text.
    pub key: String,
    pub election: String,
    pub text: String,
    pub label: Label,
    pub target: Option<u32>,
    pub ambiguous: bool,
    /// The annotation file it came from (file name).
    pub file: String,
    pub split: Split,
}

/// Reads all annotations with their texts. Rows that cannot be used are
/// returned as problems (`file:line: reason`), never fatal.
pub fn load_annotations(paths: &DataPaths) -> Result<(Vec<Annotated>, Vec<String>), AppError> {
    let mut files = sorted_files(&paths.shared.join("annotations"), "jsonl")?;
    files.extend(sorted_files(&paths.repo.join("data/annotations"), "jsonl")?);
    let mut raw: Vec<(String, usize, serde_json::Value)> = Vec::new();
    let mut problems = Vec::new();
    for f in &files {
        let name = f
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        for (i, line) in read_lines(f)?.into_iter().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<serde_json::Value>(&line) {
                Ok(v) => raw.push((name.clone(), i + 1, v)),
                Err(e) => problems.push(format!("{}:{}: {e}", f.display(), i + 1)),
            }
        }
    }
    // Texts of the referenced corpus rows.
    let mut wanted: BTreeMap<String, HashMap<String, String>> = BTreeMap::new();
    for (_, _, v) in &raw {
        if let (Some(s), Some(id)) = (v["source"].as_str(), v["id"].as_str()) {
            wanted
                .entry(s.to_string())
                .or_default()
                .insert(id.to_string(), String::new());
        }
    }
    for (source, ids) in &mut wanted {
        let path = paths.shared.join(source);
        for line in read_lines(&path)? {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) else {
                continue;
            };
            if let (Some(id), Some(text)) = (v["id"].as_str(), v["text"].as_str()) {
                if let Some(slot) = ids.get_mut(id) {
                    text.clone_into(slot);
                }
            }
        }
    }
    let mut by_key: BTreeMap<String, Annotated> = BTreeMap::new();
    for (file, line, v) in raw {
        let at = format!("{file}:{line}");
        let label = v["label"].as_str().and_then(Label::parse);
        let Some(label) = label else {
            problems.push(format!("{at}: missing or unknown `label`"));
            continue;
        };
        let target = v["target"].as_u64().and_then(|t| u32::try_from(t).ok());
        if label.is_partisan() != target.is_some() {
            problems.push(format!(
                "{at}: `target` must be set exactly for support/oppose"
            ));
            continue;
        }
        let Some(election) = v["election"].as_str() else {
            problems.push(format!("{at}: missing `election`"));
            continue;
        };
        let (key, text) = match (v["source"].as_str(), v["id"].as_str(), v["text"].as_str()) {
            (_, Some(id), Some(text)) => (id.to_string(), text.to_string()),
            (Some(s), Some(id), None) => {
                let text = wanted
                    .get(s)
                    .and_then(|m| m.get(id))
                    .cloned()
                    .unwrap_or_default();
                if text.is_empty() {
                    problems.push(format!("{at}: no text for {s} id {id}"));
                    continue;
                }
                (format!("{s}#{id}"), text)
            }
            _ => {
                problems.push(format!("{at}: needs `source` + `id`, or `id` + `text`"));
                continue;
            }
        };
        // A later file (ours) overrides an earlier label of the same row.
        by_key.insert(
            key.clone(),
            Annotated {
                key,
                election: election.to_string(),
                text,
                label,
                target,
                ambiguous: v["ambiguous"].as_bool().unwrap_or(false),
                file,
                split: Split::Train,
            },
        );
    }
    let mut rows: Vec<Annotated> = by_key.into_values().collect();
    assign_splits(&mut rows);
    Ok((rows, problems))
}

fn read_lines(path: &Path) -> Result<Vec<String>, AppError> {
    let f = std::fs::File::open(path).map_err(|source| AppError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let mut out = Vec::new();
    for line in BufReader::new(f).split(b'\n') {
        let line = line.map_err(|source| AppError::Io {
            path: path.display().to_string(),
            source,
        })?;
        out.push(String::from_utf8_lossy(&line).into_owned());
    }
    Ok(out)
}

/// The dedupe key of a text: no mentions, links, `RT`, `[RE x]` or
/// placeholders; lower case; letters, digits, `#` and single spaces only.
pub fn normalised_key(text: &str) -> String {
    let mut words = Vec::new();
    for w in text.split_whitespace() {
        let lw = w.to_lowercase();
        if w.starts_with('@')
            || lw.starts_with("http")
            || lw.starts_with("www.")
            || lw.starts_with("pic.twitter")
            || matches!(w, "RT" | "USER" | "URL" | "[USERNAME]" | "[URL]" | "[RE")
            || (w.ends_with(']') && !w.contains('['))
        {
            continue;
        }
        let clean: String = lw
            .chars()
            .filter(|c| c.is_alphanumeric() || *c == '#')
            .collect();
        if !clean.is_empty() {
            words.push(clean);
        }
    }
    words.join(" ")
}

fn fnv1a(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Groups copies and near-duplicates and assigns each group a split.
pub fn assign_splits(rows: &mut [Annotated]) {
    let keys: Vec<String> = rows.iter().map(|r| normalised_key(&r.text)).collect();
    let n = rows.len();
    let mut parent: Vec<usize> = (0..n).collect();
    let union = |parent: &mut Vec<usize>, a: usize, b: usize| {
        let (ra, rb) = (find(parent, a), find(parent, b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            parent[hi] = lo;
        }
    };
    let mut exact: HashMap<&str, usize> = HashMap::new();
    for (i, k) in keys.iter().enumerate() {
        if let Some(&j) = exact.get(k.as_str()) {
            union(&mut parent, i, j);
        } else {
            exact.insert(k, i);
        }
    }
    // Near-duplicates: word-trigram shingles, Jaccard ≥ 0.6.
    let shingles: Vec<Vec<u64>> = keys
        .iter()
        .map(|k| {
            let w: Vec<&str> = k.split(' ').filter(|w| !w.is_empty()).collect();
            let mut s: Vec<u64> = if w.len() < 3 {
                vec![fnv1a(k)]
            } else {
                w.windows(3).map(|g| fnv1a(&g.join(" "))).collect()
            };
            s.sort_unstable();
            s.dedup();
            s
        })
        .collect();
    let mut index: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, s) in shingles.iter().enumerate() {
        for &h in s {
            index.entry(h).or_default().push(i);
        }
    }
    for (i, s) in shingles.iter().enumerate() {
        let mut cands: Vec<usize> = s
            .iter()
            .flat_map(|h| index[h].iter().copied())
            .filter(|&j| j > i)
            .collect();
        cands.sort_unstable();
        cands.dedup();
        for j in cands {
            let t = &shingles[j];
            let inter = s.iter().filter(|h| t.binary_search(h).is_ok()).count();
            let uni = s.len() + t.len() - inter;
            if uni > 0 && inter * 5 >= uni * 3 {
                union(&mut parent, i, j);
            }
        }
    }
    for (i, row) in rows.iter_mut().enumerate() {
        let root = find(&mut parent, i);
        let h = fnv1a(&keys[root]) % 100;
        row.split = if h < 20 {
            Split::Test
        } else if h < 20 + 15 {
            Split::Validation
        } else {
            Split::Train
        };
    }
}

/// One matcher per election id.
pub fn matchers(elections: &BTreeMap<String, Election>) -> BTreeMap<String, PairMatcher> {
    elections
        .iter()
        .map(|(id, e)| (id.clone(), PairMatcher::new(e)))
        .collect()
}

/// Options of `netra train`.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// Where the model is written.
    pub output: PathBuf,
    /// Elections left out of training entirely (for the cross-election check).
    pub exclude: Vec<String>,
    /// Tune the L2 penalties on the validation split (else use `params`).
    pub tune: bool,
    pub params: TrainParams,
    /// Also write the split (key, election, split, label, target, text) as JSONL here.
    pub export_split: Option<PathBuf>,
    /// Fit the final model on the train split only (not train + validation),
    /// so that the validation split can be inspected during development.
    pub train_only: bool,
}

/// What training did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub rows: usize,
    pub problems: Vec<String>,
    /// Counts per (election, split).
    pub counts: BTreeMap<(String, Split), usize>,
    /// Validation results of each setting tried: (`l2_doc`, `l2_target`, macro-F1, support F1).
    pub tried: Vec<(f64, f64, f64, f64)>,
    pub params: TrainParams,
    pub output: PathBuf,
    pub bytes: usize,
    pub seconds: f64,
}

impl TrainReport {
    pub fn render(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, "rows: {} ({} problems)", self.rows, self.problems.len());
        for p in self.problems.iter().take(10) {
            let _ = writeln!(s, "  {p}");
        }
        let _ = writeln!(
            s,
            "{:<18} {:>6} {:>10} {:>6}",
            "election", "train", "validation", "test"
        );
        let mut ids: Vec<&String> = self.counts.keys().map(|k| &k.0).collect();
        ids.dedup();
        for id in ids {
            let c = |sp| self.counts.get(&(id.clone(), sp)).copied().unwrap_or(0);
            let _ = writeln!(
                s,
                "{id:<18} {:>6} {:>10} {:>6}",
                c(Split::Train),
                c(Split::Validation),
                c(Split::Test)
            );
        }
        for (d, t, m, f) in &self.tried {
            let _ = writeln!(
                s,
                "validation: l2_doc {d:e} l2_target {t:e}: macro-F1 {m:.3}, support F1 {f:.3}"
            );
        }
        let _ = writeln!(
            s,
            "chosen: l2_doc {:e}, l2_target {:e}; model {} ({} bytes) in {:.1} s",
            self.params.l2_doc,
            self.params.l2_target,
            self.output.display(),
            self.bytes,
            self.seconds
        );
        s
    }
}

/// Rows prepared for fitting.
fn training_rows(
    rows: &[&Annotated],
    matchers: &BTreeMap<String, PairMatcher>,
) -> Vec<TrainingRow> {
    rows.iter()
        .filter_map(|r| {
            let m = matchers.get(&r.election)?;
            Some(TrainingRow {
                prepared: stance::prepare(m, &r.text),
                label: r.label,
                target: r.target,
                weight: if r.ambiguous { 0.5 } else { 1.0 },
            })
        })
        .collect()
}

/// Evaluates `model` on `rows` (text level).
pub fn evaluate_rows(
    model: &Arc<StanceModel>,
    elections: &BTreeMap<String, Election>,
    rows: &[&Annotated],
) -> Confusion {
    let classifiers: BTreeMap<&String, StanceClassifier> = elections
        .iter()
        .map(|(id, e)| (id, StanceClassifier::new(Arc::clone(model), e)))
        .collect();
    let mut c = Confusion::default();
    for r in rows {
        if let Some(cl) = classifiers.get(&r.election) {
            let p = cl.predict_text(&r.text);
            c.add((r.label, r.target), (p.label, p.target));
        }
    }
    c
}

/// Runs training.
pub fn run(
    paths: &DataPaths,
    opts: &TrainOptions,
    progress: &Progress,
) -> Result<TrainReport, AppError> {
    let started = std::time::Instant::now();
    let elections = paths.elections()?;
    let (rows, mut problems) = load_annotations(paths)?;
    let rows: Vec<Annotated> = rows
        .into_iter()
        .filter(|r| {
            let known = elections.contains_key(&r.election);
            if !known {
                problems.push(format!(
                    "{} ({}): unknown election `{}`",
                    r.key, r.file, r.election
                ));
            }
            known
        })
        .collect();
    if let Some(p) = &opts.export_split {
        export_split(&rows, p)?;
    }
    let mut counts = BTreeMap::new();
    for r in &rows {
        *counts.entry((r.election.clone(), r.split)).or_insert(0) += 1;
    }
    let matchers = matchers(&elections);
    let usable = |r: &&Annotated| !opts.exclude.contains(&r.election);
    let train: Vec<&Annotated> = rows
        .iter()
        .filter(|r| r.split == Split::Train)
        .filter(usable)
        .collect();
    let val: Vec<&Annotated> = rows
        .iter()
        .filter(|r| r.split == Split::Validation)
        .filter(usable)
        .collect();
    let bar = progress.bar(3, "train");
    let train_rows = training_rows(&train, &matchers);
    let mut params = opts.params;
    let mut tried = Vec::new();
    if opts.tune {
        let mut best = (f64::NEG_INFINITY, params);
        for l2_doc in [1e-5, 3e-5, 1e-4] {
            for l2_target in [1e-4, 1e-3] {
                let p = TrainParams {
                    l2_doc,
                    l2_target,
                    ..params
                };
                let model = Arc::new(stance::fit(&train_rows, &p, String::new()));
                let m = evaluate_rows(&model, &elections, &val).metrics();
                tried.push((l2_doc, l2_target, m.macro_f1, m.support_detection.2));
                let score = m.macro_f1 + m.support_detection.2;
                if score > best.0 {
                    best = (score, p);
                }
            }
        }
        params = best.1;
    }
    bar.inc(1);
    // Final fit on train + validation.
    let mut all: Vec<&Annotated> = train;
    if !opts.train_only {
        all.extend(val);
    }
    let all_rows = training_rows(&all, &matchers);
    bar.inc(1);
    let meta = serde_json::json!({
        "trainer": "netra train",
        "rows": all_rows.len(),
        "excluded_elections": opts.exclude,
        "l2_doc": params.l2_doc,
        "l2_target": params.l2_target,
        "balance": params.balance,
        "split": "normalised-text groups, fnv1a % 100: <20 test, <35 validation",
    })
    .to_string();
    let model = stance::fit(&all_rows, &params, meta);
    let bytes = model.to_bytes();
    if let Some(dir) = opts.output.parent() {
        std::fs::create_dir_all(dir).map_err(|source| AppError::Io {
            path: dir.display().to_string(),
            source,
        })?;
    }
    std::fs::write(&opts.output, &bytes).map_err(|source| AppError::Io {
        path: opts.output.display().to_string(),
        source,
    })?;
    bar.finish_and_clear();
    Ok(TrainReport {
        rows: rows.len(),
        problems,
        counts,
        tried,
        params,
        output: opts.output.clone(),
        bytes: bytes.len(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Writes the split as JSONL (for the scikit-learn baseline).
pub fn export_split(rows: &[Annotated], path: &Path) -> Result<(), AppError> {
    let io = |source| AppError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
    for r in rows {
        let v = serde_json::json!({
            "key": r.key, "election": r.election, "split": r.split.as_str(),
            "label": r.label.as_str(), "target": r.target, "ambiguous": r.ambiguous, "text": r.text,
        });
        writeln!(w, "{v}").map_err(io)?;
    }
    w.flush().map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_key_drops_mentions_links_and_retweet_marks() {
        assert_eq!(
            normalised_key("RT @a: Ayo Coblos 02!! https://t.co/x [RE budi]"),
            normalised_key("ayo   coblos 02 @zzz USER URL")
        );
        assert_eq!(normalised_key("#AMIN  Menang."), "#amin menang");
    }

    fn row(text: &str) -> Annotated {
        Annotated {
            key: text.into(),
            election: "e".into(),
            text: text.into(),
            label: Label::NotPolitical,
            target: None,
            ambiguous: false,
            file: "f".into(),
            split: Split::Train,
        }
    }

    #[test]
    fn near_duplicates_share_a_split() {
        let base = "bersama kita menangkan paslon nomor dua untuk indonesia maju dan sejahtera adil makmur";
        let mut rows: Vec<Annotated> = (0..40)
            .map(|i| row(&format!("@user{i} {base} https://t.co/{i}")))
            .collect();
        rows.push(row(&format!("{base} selalu")));
        rows.extend((0..60).map(|i| row(&format!("teks lain nomor {i} tentang makanan enak"))));
        assign_splits(&mut rows);
        let first = rows[0].split;
        assert!(rows[..41].iter().all(|r| r.split == first));
        let splits: std::collections::BTreeSet<Split> = rows.iter().map(|r| r.split).collect();
        assert!(splits.len() >= 2);
    }
}
