//! `netra train`: annotations + corpora → split → fit → `models/stance.bin`.
//!
//! Data: the seed labels in `<shared>/annotations/*.jsonl` and ours in
//! `<repo>/data/annotations/*.jsonl` (top level only). A row carries either
//! `source` + `id` (the text is read from `<shared>/<source>`) or its own
//! `text` (then `id` is optional). `<shared>` is `NETRA_SHARED_DATA`, else
//! `<repo>/../shared/data`. Election configs: [`DataPaths::elections`]. Cue
//! lexicons: [`cue_lexicon`].
//!
//! Split (fixed, documented in `docs/model.md`): texts are normalised
//! (mentions, links, `RT`, `[RE x]`, placeholders removed; lower case;
//! punctuation and spaces collapsed), exact copies and near-duplicates
//! (word-trigram Jaccard ≥ 0.6) are grouped, and every group lies in one
//! split. Rows listed in `data/split.tsv` (the frozen split) keep their
//! split, and a group takes the split of its listed rows; a group with no
//! listed row goes where a hash of its first key puts it: 20 % test, 15 %
//! validation, 65 % train. `netra train --freeze-split` lists the new rows.
//! The test split is never trained or tuned on.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write as _};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use netra_core::{Election, Label};
use netra_detect::stance::features::FeatureConfig;
use netra_detect::stance::lexicon::{Cue, CueLexicon};
use netra_detect::stance::{
    self, Confusion, StanceClassifier, StanceModel, TrainParams, TrainingRow,
};
use netra_text::Matcher;

use crate::{AppError, Progress};

/// Where the repository and the shared data are.
#[derive(Debug, Clone)]
pub struct DataPaths {
    pub repo: PathBuf,
    pub shared: PathBuf,
    /// More annotation directories, read after `data/annotations/` (e.g.
    /// `data/annotations/next/`: rows not yet in the shipped model).
    pub extra: Vec<PathBuf>,
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
        Ok(DataPaths {
            repo,
            shared,
            extra: Vec::new(),
        })
    }

    /// The election configs by id: the repo's `elections/` (the bundled
    /// configs), then `data/elections/` (configs of the annotated data, e.g.
    /// the presidential elections with the supporters' insults added as
    /// aliases), then the shared data's; the first config of an id wins.
    pub fn elections(&self) -> Result<BTreeMap<String, Election>, AppError> {
        let mut out = BTreeMap::new();
        for dir in [
            self.repo.join("elections"),
            self.repo.join("data/elections"),
            self.shared.join("elections"),
        ] {
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
    /// How many rows its near-duplicate group has (1: none).
    pub group_size: usize,
}

/// The frozen split, relative to the repository.
pub const SPLIT_MANIFEST: &str = "data/split.tsv";

/// Reads the frozen split (`key<TAB>split` lines, `#` comments); an absent
/// file is an empty split.
pub fn read_split_manifest(path: &Path) -> Result<HashMap<String, Split>, AppError> {
    let mut out = HashMap::new();
    if !path.exists() {
        return Ok(out);
    }
    for (i, line) in read_lines(path)?.into_iter().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let split = match line.rsplit_once('\t') {
            Some((key, "train")) => (key, Split::Train),
            Some((key, "validation")) => (key, Split::Validation),
            Some((key, "test")) => (key, Split::Test),
            _ => {
                return Err(data_error(
                    path,
                    format!("line {}: expected `key<TAB>train|validation|test`", i + 1),
                ))
            }
        };
        out.insert(split.0.to_string(), split.1);
    }
    Ok(out)
}

/// Writes every row's split as the frozen split (sorted by key).
pub fn write_split_manifest(rows: &[Annotated], path: &Path) -> Result<(), AppError> {
    let mut lines: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r.key.as_str(), r.split.as_str()))
        .collect();
    lines.sort_unstable();
    let mut s = String::from(
        "# The fixed train/validation/test split of the stance annotations: key<TAB>split,\n\
         # one row a line. Listed rows keep their split; `netra train` assigns new rows\n\
         # (docs/model.md, \"Split\") and `netra train --freeze-split` adds them here.\n",
    );
    for (k, sp) in lines {
        let _ = writeln!(s, "{k}\t{sp}");
    }
    std::fs::write(path, s).map_err(|source| AppError::Io {
        path: path.display().to_string(),
        source,
    })
}

/// The annotation files in reading order: the shared seed labels, the
/// repository's, then each extra directory's (a later file's label of the
/// same row wins).
fn annotation_files(paths: &DataPaths) -> Result<Vec<PathBuf>, AppError> {
    let mut files = sorted_files(&paths.shared.join("annotations"), "jsonl")?;
    files.extend(sorted_files(&paths.repo.join("data/annotations"), "jsonl")?);
    for dir in &paths.extra {
        if !dir.is_dir() {
            return Err(data_error(dir, "not a directory of annotation files"));
        }
        files.extend(sorted_files(dir, "jsonl")?);
    }
    Ok(files)
}

/// Reads all annotations with their texts. Rows that cannot be used are
/// returned as problems (`file:line: reason`), never fatal; so are listed
/// rows whose split had to change to keep a near-duplicate group together.
pub fn load_annotations(paths: &DataPaths) -> Result<(Vec<Annotated>, Vec<String>), AppError> {
    let files = annotation_files(paths)?;
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
            (_, None, Some(text)) => (format!("text:{:016x}", fnv1a(text)), text.to_string()),
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
                problems.push(format!("{at}: needs `source` + `id`, or `text`"));
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
                group_size: 1,
            },
        );
    }
    let mut rows: Vec<Annotated> = by_key.into_values().collect();
    let frozen = read_split_manifest(&paths.repo.join(SPLIT_MANIFEST))?;
    problems.extend(assign_splits(&mut rows, &frozen));
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

/// Groups copies and near-duplicates and assigns each group a split: the
/// split of its rows listed in `frozen` (the most held-out one, test before
/// validation before train, when a new row joins groups of two splits), else
/// by a hash of its first row's normalised text. Returns a note for every
/// listed row that had to change split.
pub fn assign_splits<H: std::hash::BuildHasher>(
    rows: &mut [Annotated],
    frozen: &HashMap<String, Split, H>,
) -> Vec<String> {
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
    let roots: Vec<usize> = (0..n).map(|i| find(&mut parent, i)).collect();
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for &r in &roots {
        *sizes.entry(r).or_insert(0) += 1;
    }
    let mut listed: HashMap<usize, Split> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(&s) = frozen.get(&row.key) {
            let e = listed.entry(roots[i]).or_insert(s);
            *e = (*e).max(s);
        }
    }
    let mut notes = Vec::new();
    for (i, row) in rows.iter_mut().enumerate() {
        let root = roots[i];
        row.group_size = sizes.get(&root).copied().unwrap_or(1);
        row.split = if let Some(&s) = listed.get(&root) {
            s
        } else {
            let h = fnv1a(&keys[root]) % 100;
            if h < 20 {
                Split::Test
            } else if h < 20 + 15 {
                Split::Validation
            } else {
                Split::Train
            }
        };
        if let Some(&was) = frozen.get(&row.key) {
            if was != row.split {
                notes.push(format!(
                    "{} ({}): frozen in {}, moved to {} with its near-duplicates",
                    row.key,
                    row.file,
                    was.as_str(),
                    row.split.as_str()
                ));
            }
        }
    }
    notes
}

/// One matcher per election id.
pub fn matchers(elections: &BTreeMap<String, Election>) -> BTreeMap<String, Matcher> {
    elections
        .iter()
        .map(|(id, e)| {
            (
                id.clone(),
                Matcher::new(&netra_detect::rules::pair_terms(e)),
            )
        })
        .collect()
}

/// Which shared lexicons feed the cue classes (see
/// [`netra_detect::stance::lexicon`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LexiconOptions {
    /// Words of `lexicons/okky_abusive_words.csv` as [`Cue::Abusive`].
    pub abusive: bool,
    /// `InSet` words with weight at least this (in absolute value) as
    /// [`Cue::Positive`] / [`Cue::Negative`]; 0 leaves `InSet` out.
    pub inset_min: u8,
}

impl Default for LexiconOptions {
    fn default() -> LexiconOptions {
        LexiconOptions {
            abusive: true,
            inset_min: 0,
        }
    }
}

/// The cue lexicon: the curated lists and the shared lexicons chosen in
/// `opts`. A missing lexicon file is a problem, not an error (the model
/// then has the curated lists only for that class).
pub fn cue_lexicon(
    paths: &DataPaths,
    opts: LexiconOptions,
    problems: &mut Vec<String>,
) -> Result<CueLexicon, AppError> {
    let mut lex = CueLexicon::curated();
    let dir = paths.shared.join("lexicons");
    let read = |name: &str, problems: &mut Vec<String>| -> Result<Vec<String>, AppError> {
        let path = dir.join(name);
        if !path.exists() {
            problems.push(format!(
                "{}: missing; cue classes without it",
                path.display()
            ));
            return Ok(Vec::new());
        }
        Ok(read_lines(&path)?.into_iter().skip(1).collect())
    };
    if opts.abusive {
        for w in read("okky_abusive_words.csv", problems)? {
            lex.add(w.trim(), Cue::Abusive);
        }
    }
    if opts.inset_min > 0 {
        for (name, cue) in [
            ("inset_positive.tsv", Cue::Positive),
            ("inset_negative.tsv", Cue::Negative),
        ] {
            for line in read(name, problems)? {
                let Some((w, weight)) = line.split_once('\t') else {
                    continue;
                };
                if weight
                    .trim()
                    .parse::<i32>()
                    .is_ok_and(|x| x.unsigned_abs() >= u32::from(opts.inset_min))
                {
                    lex.add(w, cue);
                }
            }
        }
    }
    Ok(lex)
}

/// Options of `netra train`.
#[derive(Debug, Clone)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent switches of the command line, each documented"
)]
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
    /// Write every row's split to `data/split.tsv` (the frozen split).
    pub freeze_split: bool,
    /// Featuriser settings.
    pub features: FeatureConfig,
    /// Shared lexicons in the cue classes.
    pub lexicons: LexiconOptions,
    /// Weight of rows the annotator marked `ambiguous`.
    pub ambiguous_weight: f32,
    /// Weight each row of a near-duplicate group of n rows by n^-power
    /// (0: every row counts fully; 0.5: a group counts like √n rows).
    pub group_power: f32,
    /// Tune per-label offsets of the scores on the validation split.
    pub calibrate: bool,
}

impl TrainOptions {
    /// The defaults of `netra train`, writing to `output`.
    pub fn new(output: PathBuf) -> TrainOptions {
        TrainOptions {
            output,
            exclude: Vec::new(),
            tune: true,
            params: TrainParams::default(),
            export_split: None,
            train_only: false,
            freeze_split: false,
            features: FeatureConfig::default(),
            lexicons: LexiconOptions::default(),
            ambiguous_weight: 0.5,
            group_power: 0.0,
            calibrate: true,
        }
    }
}

/// Validation macro-F1 and support F1 of one setting (mean over elections).
#[derive(Debug, Clone, Copy)]
pub struct Tried {
    pub l2_doc: f64,
    pub l2_target: f64,
    pub macro_f1: f64,
    pub support_f1: f64,
}

/// Per-label score offsets tuned on the validation split.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Calibration {
    /// Added to the scores of support, oppose, `political_neutral`, `not_political`.
    pub offsets: [f32; 4],
    /// Validation (macro-F1, support F1) without the offsets.
    pub before: (f64, f64),
    /// Validation (macro-F1, support F1) with them.
    pub after: (f64, f64),
}

/// What training did.
#[derive(Debug, Clone)]
pub struct TrainReport {
    pub rows: usize,
    pub problems: Vec<String>,
    /// Counts per (election, split).
    pub counts: BTreeMap<(String, Split), usize>,
    /// Validation results of each setting tried.
    pub tried: Vec<Tried>,
    pub params: TrainParams,
    /// Per-label score offsets chosen on validation.
    pub calibration: Option<Calibration>,
    /// The temperature the scores were divided by (1: none).
    pub temperature: f32,
    /// Words per cue class in the model's lexicon.
    pub lexicon: [usize; 7],
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
        let cues: Vec<String> = Cue::ALL
            .iter()
            .zip(self.lexicon)
            .map(|(c, n)| format!("{} {n}", c.name()))
            .collect();
        let _ = writeln!(s, "cue lexicon: {}", cues.join(", "));
        for t in &self.tried {
            let _ = writeln!(
                s,
                "validation (mean over elections): l2_doc {:e} l2_target {:e}: macro-F1 {:.3}, support F1 {:.3}",
                t.l2_doc, t.l2_target, t.macro_f1, t.support_f1
            );
        }
        if let Some(Calibration {
            offsets: o,
            before,
            after,
        }) = &self.calibration
        {
            let _ = writeln!(
                s,
                "calibration: offsets support {:+.2} oppose {:+.2} neutral {:+.2} not_political {:+.2}; validation (mean over elections) macro-F1 {:.3} → {:.3}, support F1 {:.3} → {:.3}",
                o[0], o[1], o[2], o[3], before.0, after.0, before.1, after.1
            );
            let _ = writeln!(
                s,
                "temperature: {:.2} (fitted on validation)",
                self.temperature
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
    matchers: &BTreeMap<String, Matcher>,
    lexicon: &CueLexicon,
    opts: &TrainOptions,
) -> Vec<TrainingRow> {
    rows.iter()
        .filter_map(|r| {
            let m = matchers.get(&r.election)?;
            Some(TrainingRow {
                prepared: stance::prepare(m, lexicon, opts.features, &r.text),
                label: r.label,
                target: r.target,
                weight: if r.ambiguous {
                    opts.ambiguous_weight
                } else {
                    1.0
                } * group_weight(r.group_size, opts.group_power),
            })
        })
        .collect()
}

/// `size^-power`, the weight of one row of a near-duplicate group.
fn group_weight(size: usize, power: f32) -> f32 {
    #[allow(clippy::cast_possible_truncation, reason = "group sizes are small")]
    let n = size.max(1) as f32;
    n.powf(-power)
}

/// Classifiers of `model` for every election.
fn classifiers<'a>(
    model: &Arc<StanceModel>,
    elections: &'a BTreeMap<String, Election>,
    matchers: &BTreeMap<String, Matcher>,
) -> BTreeMap<&'a String, StanceClassifier> {
    elections
        .iter()
        .map(|(id, e)| {
            let c = match matchers.get(id) {
                Some(m) => {
                    StanceClassifier::with_matcher(Arc::clone(model), e, Arc::new(m.clone()))
                }
                None => StanceClassifier::new(Arc::clone(model), e),
            };
            (id, c)
        })
        .collect()
}

/// Evaluates `model` on `rows` (text level).
pub fn evaluate_rows(
    model: &Arc<StanceModel>,
    elections: &BTreeMap<String, Election>,
    rows: &[&Annotated],
) -> Confusion {
    let classifiers = classifiers(model, elections, &BTreeMap::new());
    let mut c = Confusion::default();
    for r in rows {
        if let Some(cl) = classifiers.get(&r.election) {
            let p = cl.predict_text(&r.text);
            c.add((r.label, r.target), (p.label, p.target));
        }
    }
    c
}

/// One validation row, scored once, for calibration.
struct Scored {
    logits: Vec<f32>,
    numbers: Vec<u32>,
    mentioned: bool,
    gold: (Label, Option<u32>),
    election: String,
}

fn score_rows(
    model: &Arc<StanceModel>,
    elections: &BTreeMap<String, Election>,
    matchers: &BTreeMap<String, Matcher>,
    rows: &[&Annotated],
) -> Vec<Scored> {
    let cls = classifiers(model, elections, matchers);
    rows.iter()
        .filter_map(|r| {
            let cl = cls.get(&r.election)?;
            let s = cl.slot(&r.text);
            Some(Scored {
                logits: cl.logits(&s),
                numbers: cl.matcher().pair_numbers().to_vec(),
                mentioned: s.has_mentions(),
                gold: (r.label, r.target),
                election: r.election.clone(),
            })
        })
        .collect()
}

/// Confusion per election of `scored` rows after `offsets`.
fn confusions_with(scored: &[Scored], offsets: [f32; 4]) -> BTreeMap<&str, Confusion> {
    let mut by: BTreeMap<&str, Confusion> = BTreeMap::new();
    let mut l = Vec::new();
    for r in scored {
        l.clear();
        l.extend_from_slice(&r.logits);
        stance::shift_logits(&mut l, r.numbers.len(), offsets);
        let p = stance::decide(&l, &r.numbers, r.mentioned);
        by.entry(&r.election)
            .or_default()
            .add(r.gold, (p.label, p.target));
    }
    by
}

/// The validation objective: (macro-F1, support F1) averaged over the
/// elections, each weighing the same. Pooled rows would let the largest
/// election (Pilpres 2019, two thirds of the rows) choose the settings for
/// a model that is deployed on other, mostly regional, elections.
fn objective(scored: &[Scored], offsets: [f32; 4]) -> (f64, f64) {
    let by = confusions_with(scored, offsets);
    if by.is_empty() {
        return (0.0, 0.0);
    }
    #[allow(clippy::cast_precision_loss, reason = "a handful of elections")]
    let n = by.len() as f64;
    let (m, s) = by.values().fold((0.0, 0.0), |acc, c| {
        let m = c.metrics();
        (acc.0 + m.macro_f1, acc.1 + m.support_detection.2)
    });
    (m / n, s / n)
}

/// The per-label offsets (support, oppose, neutral; not political stays 0)
/// that maximise the validation [`objective`] (macro-F1 + support F1), from
/// a grid of steps of 0.25 in [-1, 1], less 0.01 per unit of total shift (a
/// shift must pay for itself, which keeps the offsets from fitting
/// validation noise).
fn calibrate(scored: &[Scored]) -> Calibration {
    let before = objective(scored, [0.0; 4]);
    let grid: Vec<f32> = (-4..=4).map(|i| i as f32 * 0.25).collect();
    let mut best = (before.0 + before.1, [0.0f32; 4], before);
    // (The zero offsets are in the grid too; this start breaks ties toward them.)
    for &a in &grid {
        for &b in &grid {
            for &c in &grid {
                let o = [a, b, c, 0.0];
                let m = objective(scored, o);
                let shift = f64::from(a.abs() + b.abs() + c.abs());
                let score = m.0 + m.1 - 0.01 * shift;
                if score > best.0 + 1e-9 {
                    best = (score, o, m);
                }
            }
        }
    }
    Calibration {
        offsets: best.1,
        before,
        after: best.2,
    }
}

/// The temperature (0.5 to 4, steps of 0.05) that minimises the negative
/// log-likelihood of the gold joint outcome on `scored` rows after
/// `offsets`: what makes the scores calibrated probabilities.
fn fit_temperature(scored: &[Scored], offsets: [f32; 4]) -> f32 {
    let mut best = (f64::INFINITY, 1.0f32);
    let mut l: Vec<f32> = Vec::new();
    for step in 10..=80 {
        #[allow(clippy::cast_precision_loss, reason = "small step counts")]
        let t = step as f32 * 0.05;
        let mut nll = 0.0f64;
        for r in scored {
            let np = r.numbers.len();
            let gold = match r.gold {
                (Label::Support, Some(p)) => r.numbers.iter().position(|&n| n == p),
                (Label::Oppose, Some(p)) => r.numbers.iter().position(|&n| n == p).map(|i| np + i),
                (Label::PoliticalNeutral, _) => Some(2 * np),
                (Label::NotPolitical, _) => Some(2 * np + 1),
                _ => None,
            };
            let Some(g) = gold else { continue };
            l.clear();
            l.extend_from_slice(&r.logits);
            stance::shift_logits(&mut l, np, offsets);
            let m = l.iter().copied().fold(f32::NEG_INFINITY, f32::max);
            let lse: f64 = l
                .iter()
                .map(|&x| f64::from((x - m) / t).exp())
                .sum::<f64>()
                .ln();
            nll += lse - f64::from((l[g] - m) / t);
        }
        if nll < best.0 {
            best = (nll, t);
        }
    }
    best.1
}

/// Runs training.
#[allow(
    clippy::too_many_lines,
    reason = "the steps of training in order: data, split, tuning, calibration, fit, write"
)]
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
    if opts.freeze_split {
        write_split_manifest(&rows, &paths.repo.join(SPLIT_MANIFEST))?;
    }
    let mut counts = BTreeMap::new();
    for r in &rows {
        *counts.entry((r.election.clone(), r.split)).or_insert(0) += 1;
    }
    let lexicon = cue_lexicon(paths, opts.lexicons, &mut problems)?;
    let matchers = matchers(&elections);
    if let Some(p) = &opts.export_split {
        export_split(&rows, &matchers, &lexicon, p)?;
    }
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
    let train_rows = training_rows(&train, &matchers, &lexicon, opts);
    let mut params = opts.params;
    let mut tried = Vec::new();
    let mut dev_model: Option<Arc<StanceModel>> = None;
    if opts.tune {
        // Each setting's validation score (macro-F1 + support F1); the most
        // regularised setting within TIE of the best wins, since differences
        // that small are noise on a validation split of this size.
        const TIE: f64 = 0.01;
        let mut fits: Vec<(TrainParams, f64, Arc<StanceModel>)> = Vec::new();
        for l2_doc in [1e-5, 3e-5, 1e-4] {
            for l2_target in [1e-4, 1e-3] {
                let p = TrainParams {
                    l2_doc,
                    l2_target,
                    ..params
                };
                let model = Arc::new(stance::fit(
                    &train_rows,
                    &p,
                    &lexicon,
                    opts.features,
                    String::new(),
                ));
                let scored = score_rows(&model, &elections, &matchers, &val);
                let (macro_f1, support_f1) = objective(&scored, [0.0; 4]);
                tried.push(Tried {
                    l2_doc,
                    l2_target,
                    macro_f1,
                    support_f1,
                });
                fits.push((p, macro_f1 + support_f1, model));
            }
        }
        let best = fits.iter().map(|f| f.1).fold(f64::NEG_INFINITY, f64::max);
        if let Some((p, _, m)) = fits
            .into_iter()
            .filter(|f| f.1 >= best - TIE)
            .max_by(|a, b| {
                a.0.l2_doc
                    .total_cmp(&b.0.l2_doc)
                    .then(a.0.l2_target.total_cmp(&b.0.l2_target))
            })
        {
            params = p;
            dev_model = Some(m);
        }
    }
    let mut calibration = None;
    let mut temperature = 1.0f32;
    if opts.calibrate && !val.is_empty() {
        let model = match dev_model {
            Some(m) => m,
            None => Arc::new(stance::fit(
                &train_rows,
                &params,
                &lexicon,
                opts.features,
                String::new(),
            )),
        };
        let scored = score_rows(&model, &elections, &matchers, &val);
        let c = calibrate(&scored);
        temperature = fit_temperature(&scored, c.offsets);
        calibration = Some(c);
    }
    bar.inc(1);
    // Final fit on train + validation.
    let mut all: Vec<&Annotated> = train;
    if !opts.train_only {
        all.extend(val);
    }
    let all_rows = training_rows(&all, &matchers, &lexicon, opts);
    bar.inc(1);
    let offsets = calibration.map_or([0.0; 4], |c| c.offsets);
    let meta = serde_json::json!({
        "trainer": "netra train",
        "rows": all_rows.len(),
        "excluded_elections": opts.exclude,
        "l2_doc": params.l2_doc,
        "l2_target": params.l2_target,
        "balance": params.balance,
        "ambiguous_weight": opts.ambiguous_weight,
        "group_power": opts.group_power,
        "offsets": offsets,
        "temperature": temperature,
        "lexicons": { "abusive": opts.lexicons.abusive, "inset_min": opts.lexicons.inset_min },
        "split": "data/split.tsv, then normalised-text groups, fnv1a % 100: <20 test, <35 validation",
    })
    .to_string();
    let mut model = stance::fit(&all_rows, &params, &lexicon, opts.features, meta);
    for (b, o) in model.doc.bias.iter_mut().zip(offsets) {
        *b += o;
    }
    let model = model.with_temperature(temperature);
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
        calibration,
        temperature,
        lexicon: lexicon.counts(),
        output: opts.output.clone(),
        bytes: bytes.len(),
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// Writes the split as JSONL (for the scikit-learn baseline), with each
/// text's slotted units ([`Slotted::unit_strings`], for experiments with
/// other models on what netra's model sees).
///
/// [`Slotted::unit_strings`]: netra_detect::stance::units::Slotted::unit_strings
pub fn export_split(
    rows: &[Annotated],
    matchers: &BTreeMap<String, Matcher>,
    lexicon: &CueLexicon,
    path: &Path,
) -> Result<(), AppError> {
    let io = |source| AppError::Io {
        path: path.display().to_string(),
        source,
    };
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).map_err(io)?);
    for r in rows {
        let units = matchers
            .get(&r.election)
            .map(|m| stance::units::slot(m, lexicon, &r.text).unit_strings());
        let v = serde_json::json!({
            "key": r.key, "election": r.election, "split": r.split.as_str(),
            "label": r.label.as_str(), "target": r.target, "ambiguous": r.ambiguous, "text": r.text,
            "units": units,
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
            group_size: 1,
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
        assert!(assign_splits(&mut rows, &HashMap::new()).is_empty());
        let first = rows[0].split;
        assert!(rows[..41].iter().all(|r| r.split == first));
        let splits: std::collections::BTreeSet<Split> = rows.iter().map(|r| r.split).collect();
        assert!(splits.len() >= 2);
    }

    #[test]
    fn frozen_rows_keep_their_split_and_pull_new_near_duplicates_along() {
        let base = "bersama kita menangkan paslon nomor dua untuk indonesia maju dan sejahtera";
        let mut rows: Vec<Annotated> = (0..30)
            .map(|i| {
                row(&format!(
                    "kalimat berbeda ke {i} tentang hal yang lain sekali"
                ))
            })
            .collect();
        rows.push(row(base));
        let mut frozen: HashMap<String, Split> =
            rows.iter().map(|r| (r.key.clone(), Split::Train)).collect();
        frozen.insert(base.to_string(), Split::Test);
        // New rows: a near-duplicate of the frozen test row, and unrelated ones.
        rows.push(row(&format!("{base} selalu")));
        rows.extend((0..30).map(|i| row(&format!("teks baru nomor {i} tentang makanan enak"))));
        let notes = assign_splits(&mut rows, &frozen);
        assert!(notes.is_empty(), "{notes:?}");
        for r in &rows {
            if let Some(&s) = frozen.get(&r.key) {
                assert_eq!(r.split, s, "{}", r.key);
            }
        }
        assert_eq!(rows[31].split, Split::Test);
    }

    #[test]
    fn extra_annotation_directories_are_read_after_the_repository() {
        let root = tempfile::tempdir().unwrap();
        let repo = root.path().join("repo");
        let shared = root.path().join("shared");
        for d in ["data/annotations/next", "elections"] {
            std::fs::create_dir_all(repo.join(d)).unwrap();
        }
        std::fs::create_dir_all(shared.join("annotations")).unwrap();
        let line = |label: &str| {
            format!(
                r#"{{"id": "w1", "election": "e", "text": "teks", "label": "{label}", "target": null}}"#
            )
        };
        std::fs::write(repo.join("data/annotations/a.jsonl"), line("not_political")).unwrap();
        std::fs::write(
            repo.join("data/annotations/next/b.jsonl"),
            line("political_neutral"),
        )
        .unwrap();
        let mut paths = DataPaths {
            repo: repo.clone(),
            shared,
            extra: Vec::new(),
        };
        let files = |p: &DataPaths| {
            annotation_files(p)
                .unwrap()
                .iter()
                .map(|f| f.file_name().unwrap().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
        };
        assert_eq!(files(&paths), ["a.jsonl"], "next/ is not read unless asked");
        paths.extra.push(repo.join("data/annotations/next"));
        assert_eq!(files(&paths), ["a.jsonl", "b.jsonl"]);
        paths.extra.push(repo.join("missing"));
        let err = annotation_files(&paths).unwrap_err().to_string();
        assert!(err.contains("missing"), "{err}");
    }
}
