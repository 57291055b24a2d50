//! The stance classifier: `support` / `oppose` / `political_neutral` /
//! `not_political`, with the target pair, for any election from its config.
//!
//! Pipeline (pure and deterministic):
//! 1. normalise and match with `netra-text` ([`netra_text::Normalizer`],
//!    [`netra_text::Matcher`] built from the election config), and replace
//!    each pair's mentions by pair slots ([`units`]), so that no candidate
//!    name reaches the model;
//! 2. featurise the document view (all pairs alike) and score the four
//!    labels with a multinomial logistic regression ([`features`],
//!    [`model`]); cue words come from curated lists and the shared
//!    lexicons, stored in the model ([`lexicon`]);
//! 3. score each pair's view (`§T` = this pair, `§O` = the others); label and
//!    target come from one joint softmax over (support, pair), (oppose,
//!    pair), neutral and not political;
//! 4. explain: the matched terms, the model's probabilities and the features
//!    that pushed the decision most.
//!
//! The trained model ships in the repository (`models/stance.bin`) and is
//! embedded in the binary; `netra train` rebuilds it.
//!
//! ```
//! use netra_core::Election;
//! use netra_detect::stance::StanceClassifier;
//! let election = Election::from_toml_str(r#"
//! [election]
//! id = "demo-2030"
//! name = "Pemilihan Demo"
//! region = "Kota Contoh"
//! [election.timeline]
//! candidate_determination = 2030-09-22
//! campaign_start = 2030-09-25
//! campaign_end = 2030-11-23
//! voting_day = 2030-11-27
//! [[candidates]]
//! number = 1
//! names = ["Calon Satu", "Wakil Satu"]
//! [[candidates]]
//! number = 2
//! names = ["Budi Darma", "Wakil Dua"]
//! "#, "demo.toml").unwrap();
//! let classifier = StanceClassifier::shipped(&election).unwrap();
//! let c = classifier.classify_text("Ayo coblos Budi Darma, pemimpin yang jujur dan merakyat! 💪");
//! assert_eq!((c.label.as_str(), c.target), ("support", Some(2)));
//! ```

pub mod features;
pub mod lexicon;
pub mod metrics;
pub mod model;
pub mod train;
pub mod units;

use std::sync::Arc;

use netra_core::{Activity, ActivityKind, Election, Feature, Label, Reason, Signal, Term};
use netra_text::Matcher;

use crate::Detector;
use features::{
    doc_emit, doc_raw, pair_emit, pair_features, DocScorer, FeatureConfig, Idf, Names, PairScorer,
    RawSink, RawVec, SparseVec,
};
use lexicon::CueLexicon;
pub use metrics::{Confusion, Metrics};
pub use model::{ModelError, StanceModel};
use units::{slot, Slotted};

/// The model built by `netra train`, embedded at compile time.
pub const SHIPPED_MODEL: &[u8] = include_bytes!("../../../../models/stance.bin");

/// Hashed feature space of the document model.
pub const DOC_BITS: u32 = 18;
/// Hashed feature space of the target scorer.
pub const TARGET_BITS: u32 = 16;

/// The stance of one text or activity, as the classification contract says.
#[derive(Debug, Clone, PartialEq)]
pub struct Classification {
    pub label: Label,
    /// Ballot number, for support and oppose only.
    pub target: Option<u32>,
    /// Confidence in [0, 1].
    pub score: f64,
    /// The rule that decided (`post-stance`, `like-official`, `share-supportive`, …).
    pub rule: String,
    /// The evidence a reader sees.
    pub reasons: Vec<Reason>,
}

/// Label, target and probabilities without reasons (fast path).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Prediction {
    pub label: Label,
    pub target: Option<u32>,
    pub score: f64,
    /// Probabilities of the four labels, in [`Label::ALL`] order.
    pub probs: [f64; 4],
}

/// A text prepared for training: both views, featurised.
#[derive(Debug, Clone)]
pub struct Prepared {
    /// Document-view features before idf weighting.
    pub doc: RawVec,
    /// One view per pair of the election: (ballot number, features).
    pub views: Vec<(u32, SparseVec)>,
    /// True when some pair was named.
    pub mentioned: bool,
}

/// Featurises `text` for training (the same code path as classification).
pub fn prepare(
    matcher: &Matcher,
    lexicon: &CueLexicon,
    cfg: FeatureConfig,
    text: &str,
) -> Prepared {
    let s = slot(matcher, lexicon, text);
    Prepared {
        doc: doc_raw(&s, DOC_BITS, cfg, None),
        views: matcher
            .pair_numbers()
            .iter()
            .map(|&p| (p, pair_features(&s, p, TARGET_BITS, cfg, None)))
            .collect(),
        mentioned: s.has_mentions(),
    }
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainParams {
    pub l2_doc: f64,
    pub l2_target: f64,
    pub max_iter: usize,
    /// Weight classes inversely to their frequency.
    pub balance: bool,
}

impl Default for TrainParams {
    fn default() -> TrainParams {
        TrainParams {
            l2_doc: 1e-5,
            l2_target: 1e-4,
            max_iter: 300,
            balance: true,
        }
    }
}

/// One prepared, labelled training row.
#[derive(Debug, Clone)]
pub struct TrainingRow {
    pub prepared: Prepared,
    pub label: Label,
    pub target: Option<u32>,
    /// Row weight (e.g. lower for rows the annotator hesitated on).
    pub weight: f32,
}

fn label_index(l: Label) -> usize {
    Label::ALL.iter().position(|&x| x == l).unwrap_or(0)
}

/// Fits both models (deterministic). `lexicon` and `cfg` must be the ones
/// the rows were prepared with; they are stored in the model.
pub fn fit(
    rows: &[TrainingRow],
    params: &TrainParams,
    lexicon: &CueLexicon,
    cfg: FeatureConfig,
    meta: String,
) -> StanceModel {
    let mut counts = [0f64; 4];
    for r in rows {
        counts[label_index(r.label)] += f64::from(r.weight);
    }
    let total: f64 = counts.iter().sum();
    let class_weight = |l: Label| -> f32 {
        let c = counts[label_index(l)];
        if params.balance && c > 0.0 {
            #[allow(clippy::cast_possible_truncation, reason = "a weight")]
            let w = (total / (4.0 * c)) as f32;
            w
        } else {
            1.0
        }
    };
    let idf = Idf::from_documents(DOC_BITS, rows.iter().map(|r| &r.prepared.doc));
    let examples: Vec<train::JointExample> = rows
        .iter()
        .map(|r| train::JointExample {
            x: r.prepared.doc.weigh(Some(&idf)),
            views: r.prepared.views.iter().map(|v| v.1.clone()).collect(),
            label: label_index(r.label),
            target: r
                .target
                .and_then(|t| r.prepared.views.iter().position(|v| v.0 == t)),
            weight: r.weight * class_weight(r.label),
        })
        .collect();
    let fit_doc = train::Fit {
        l2: params.l2_doc,
        max_iter: params.max_iter,
    };
    let (doc, target) =
        train::train_joint(&examples, DOC_BITS, TARGET_BITS, fit_doc, params.l2_target);
    StanceModel::new(idf, doc, target, lexicon.clone(), cfg, meta)
}

fn softmax(z: &[f32], out: &mut [f64]) {
    let m = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for (o, &v) in out.iter_mut().zip(z) {
        *o = f64::from(v - m).exp();
        sum += *o;
    }
    for o in out.iter_mut() {
        *o /= sum;
    }
}

/// Label and target from the joint outcome logits ([`StanceClassifier::logits`])
/// of an election whose ballot numbers are `numbers`: the label with the
/// largest marginal probability, and under a partisan label the pair with the
/// largest probability. A partisan reading of a text that names no pair
/// (`mentioned` false) becomes `political_neutral`: there is no target to
/// report (annotation rule 11).
pub fn decide(logits: &[f32], numbers: &[u32], mentioned: bool) -> Prediction {
    let np = numbers.len();
    if logits.len() != 2 * np + 2 {
        return Prediction {
            label: Label::NotPolitical,
            target: None,
            score: 0.0,
            probs: [0.0, 0.0, 0.0, 1.0],
        };
    }
    let mut small = [0f64; 18];
    let mut big = Vec::new();
    let q: &mut [f64] = if logits.len() <= small.len() {
        &mut small[..logits.len()]
    } else {
        big.resize(logits.len(), 0.0);
        &mut big
    };
    softmax(logits, q);
    let probs = [
        q[..np].iter().sum(),
        q[np..2 * np].iter().sum(),
        q[2 * np],
        q[2 * np + 1],
    ];
    let best = (0..4)
        .max_by(|&a, &b| probs[a].total_cmp(&probs[b]))
        .unwrap_or(3);
    let label = Label::ALL[best];
    if !label.is_partisan() {
        return Prediction {
            label,
            target: None,
            score: probs[best],
            probs,
        };
    }
    if !mentioned {
        return Prediction {
            label: Label::PoliticalNeutral,
            target: None,
            score: probs[0] + probs[1] + probs[2],
            probs,
        };
    }
    let row = &q[best * np..(best + 1) * np];
    let t = (0..np)
        .max_by(|&a, &b| row[a].total_cmp(&row[b]))
        .unwrap_or(0);
    Prediction {
        label,
        target: numbers.get(t).copied(),
        score: row[t],
        probs,
    }
}

/// Adds `offsets` (one per label, [`Label::ALL`] order) to joint outcome
/// logits: the calibration `netra train` tunes on the validation split.
pub fn shift_logits(logits: &mut [f32], np: usize, offsets: [f32; 4]) {
    for (i, l) in logits.iter_mut().enumerate() {
        let k = if i < np {
            0
        } else if i < 2 * np {
            1
        } else {
            2 + (i - 2 * np).min(1)
        };
        *l += offsets[k];
    }
}

/// The stance classifier for one election.
#[derive(Debug, Clone)]
pub struct StanceClassifier {
    model: Arc<StanceModel>,
    matcher: Arc<Matcher>,
    accounts: Vec<(String, u32)>,
}

impl StanceClassifier {
    /// The classifier with `model`, for `election`.
    pub fn new(model: Arc<StanceModel>, election: &Election) -> StanceClassifier {
        let matcher = Arc::new(Matcher::new(&crate::rules::pair_terms(election)));
        StanceClassifier::with_matcher(model, election, matcher)
    }

    /// The classifier with `model` and a matcher already built for
    /// `election` (from [`crate::rules::pair_terms`]), to share one.
    pub fn with_matcher(
        model: Arc<StanceModel>,
        election: &Election,
        matcher: Arc<Matcher>,
    ) -> StanceClassifier {
        let accounts = election
            .candidates
            .iter()
            .flat_map(|c| c.accounts.iter().map(move |a| (a.key(), c.number)))
            .collect();
        StanceClassifier {
            model,
            matcher,
            accounts,
        }
    }

    /// The classifier with the model embedded in this build.
    pub fn shipped(election: &Election) -> Result<StanceClassifier, ModelError> {
        Ok(StanceClassifier::new(
            Arc::new(StanceModel::from_bytes(SHIPPED_MODEL)?),
            election,
        ))
    }

    /// The pair matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The model.
    pub fn model(&self) -> &StanceModel {
        &self.model
    }

    /// Normalises, matches and slots `text` (what the model reads).
    pub fn slot(&self, text: &str) -> Slotted {
        slot(&self.matcher, &self.model.lexicon, text)
    }

    /// Label, target and score of a text, without reasons.
    pub fn predict_text(&self, text: &str) -> Prediction {
        self.predict_slotted(&self.slot(text))
    }

    /// Label, target and score of slotted text.
    pub fn predict_slotted(&self, s: &Slotted) -> Prediction {
        let logits = self.logits(s);
        decide(&logits, self.matcher.pair_numbers(), s.has_mentions())
    }

    /// The joint outcome logits of slotted text: (support, pair) for each
    /// pair in ballot order, (oppose, pair) likewise, `political_neutral`,
    /// `not_political` (see [`decide`]).
    #[allow(
        clippy::many_single_char_names,
        reason = "s, m, z, v: text, model, scores, view scores"
    )]
    pub fn logits(&self, s: &Slotted) -> Vec<f32> {
        let m = &*self.model;
        let mut sc = DocScorer::new(m.score_rows());
        doc_emit(s, m.doc.bits, m.features, true, &mut sc);
        let mut z = [0f32; 4];
        sc.scores(&m.doc.bias, &mut z);
        let numbers = self.matcher.pair_numbers();
        let np = numbers.len();
        let mut outcomes: Vec<f32> = vec![0.0; 2 * np + 2];
        let mut first = [0f32; 2];
        for (i, &p) in numbers.iter().enumerate() {
            let v = if i > 0 && !s.has_mentions() {
                // No pair named: every view is the same.
                first
            } else {
                let mut ps = PairScorer::new(&m.target.w);
                pair_emit(s, p, m.target.bits, m.features, &mut ps);
                ps.scores()
            };
            if i == 0 {
                first = v;
            }
            outcomes[i] = z[0] + v[0];
            outcomes[np + i] = z[1] + v[1];
        }
        outcomes[2 * np] = z[2];
        outcomes[2 * np + 1] = z[3];
        outcomes
    }

    /// Classifies a text with reasons.
    pub fn classify_text(&self, text: &str) -> Classification {
        let s = self.slot(text);
        let p = self.predict_slotted(&s);
        let mut reasons = Vec::with_capacity(5);
        let mut named: Vec<Term> = Vec::new();
        for m in &s.mentions {
            if named.len() == 6 {
                break;
            }
            let t = Term {
                kind: m.kind.as_str().to_string(),
                text: s.surface(m).to_string(),
                pair: m.pair,
                sure: m.sure,
            };
            if !named.contains(&t) {
                named.push(t);
            }
        }
        if named.is_empty() {
            reasons.push(Reason::NoPairNamed);
        } else {
            reasons.push(Reason::Matched { terms: named });
        }
        reasons.push(Reason::model(p.probs));
        if let Some(t) = p.target {
            reasons.push(Reason::Target {
                pair: t,
                score: p.score,
            });
        }
        if p.label.is_partisan() || p.probs[0] + p.probs[1] > 0.35 {
            let shown = if p.label.is_partisan() {
                p.label
            } else {
                Label::ALL[usize::from(p.probs[1] > p.probs[0])]
            };
            let top = self.top_doc_features(&s, shown, 5);
            if !top.is_empty() {
                reasons.push(Reason::LabelFeatures {
                    label: shown,
                    features: top,
                });
            }
            if let Some(t) = p.target {
                let top = self.top_target_features(&s, t, label_index(p.label).min(1), 3);
                if !top.is_empty() {
                    reasons.push(Reason::PairFeatures {
                        pair: t,
                        features: top,
                    });
                }
            }
        }
        Classification {
            label: p.label,
            target: p.target,
            score: p.score.clamp(0.0, 1.0),
            rule: "text-stance".into(),
            reasons,
        }
    }

    /// The features that pushed `label` most, as `"name" +w`: contributions
    /// are computed on the word-level vector without names (character
    /// n-grams are not shown), then only the chosen entries are named in a
    /// second pass.
    #[allow(
        clippy::many_single_char_names,
        reason = "s, x, k, m, n: text, features, class, model, count"
    )]
    fn top_doc_features(&self, s: &Slotted, label: Label, n: usize) -> Vec<Feature> {
        let k = label_index(label);
        let m = &self.model;
        let mut sink = RawSink {
            raw: RawVec::default(),
            names: None,
        };
        doc_emit(s, m.doc.bits, m.features, false, &mut sink);
        let x = sink.raw.weigh(Some(&m.idf));
        let contrib = |i: usize| -> f32 {
            let b = x.idx[i];
            let others: f32 = (0..4)
                .filter(|&j| j != k)
                .map(|j| m.doc.weight(b, j))
                .sum::<f32>()
                / 3.0;
            x.val[i] * (m.doc.weight(b, k) - others)
        };
        let chosen = top_entries(&x, contrib, n);
        let mut wanted: Vec<usize> = chosen.iter().map(|c| c.0).collect();
        wanted.sort_unstable();
        let mut names = Names {
            wanted: Some(wanted),
            out: Vec::new(),
        };
        let mut sink = RawSink {
            raw: RawVec::default(),
            names: Some(&mut names),
        };
        doc_emit(s, m.doc.bits, m.features, false, &mut sink);
        render_top(&chosen, &names)
    }

    fn top_target_features(&self, s: &Slotted, target: u32, row: usize, n: usize) -> Vec<Feature> {
        let m = &self.model;
        let x = pair_features(s, target, m.target.bits, m.features, None);
        let chosen = top_entries(&x, |i| x.val[i] * m.target.weight(x.idx[i], row), n);
        let mut wanted: Vec<usize> = chosen.iter().map(|c| c.0).collect();
        wanted.sort_unstable();
        let mut names = Names {
            wanted: Some(wanted),
            out: Vec::new(),
        };
        let _ = pair_features(s, target, m.target.bits, m.features, Some(&mut names));
        render_top(&chosen, &names)
    }

    /// Classifies an activity: its own text, or for interactions the target's
    /// text and owner (a like of a pair's own post supports that pair).
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per kind of activity, in the order the model card lists them"
    )]
    pub fn classify(&self, a: &Activity) -> Classification {
        let owner = a
            .target
            .as_ref()
            .and_then(|t| t.account.as_deref())
            .and_then(|acc| {
                let key = netra_core::activity::account_key(a.platform, acc);
                self.accounts
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(k, n)| (k.clone(), *n))
            });
        let mocking = a.reaction.is_some_and(netra_core::Reaction::may_mock);
        let target_text = a
            .target
            .as_ref()
            .and_then(|t| t.text.as_deref())
            .filter(|t| !t.trim().is_empty());
        let own = a.own_text();
        let kind = a.kind;
        if kind.is_interaction() {
            if !own.trim().is_empty() {
                let c = self.classify_text(&own);
                if c.label.is_partisan() {
                    return with_rule(c, &format!("{kind}-comment-stance"), None);
                }
            }
            if let Some((key, n)) = owner {
                if mocking {
                    return Classification {
                        label: Label::PoliticalNeutral,
                        target: None,
                        score: 0.6,
                        rule: format!("{kind}-official-mocking"),
                        reasons: vec![Reason::MockingReactionOnPair {
                            kind,
                            account: key,
                            pair: n,
                        }],
                    };
                }
                return Classification {
                    label: Label::Support,
                    target: Some(n),
                    score: 0.9,
                    rule: format!("{kind}-official"),
                    reasons: vec![Reason::ContentOfPair {
                        kind,
                        account: key,
                        pair: n,
                    }],
                };
            }
            let Some(text) = target_text else {
                return Classification {
                    label: Label::NotPolitical,
                    target: None,
                    score: 0.5,
                    rule: format!("{kind}-no-text"),
                    reasons: vec![Reason::NoTextToRead { kind }],
                };
            };
            let c = self.classify_text(text);
            if c.label == Label::Support && mocking {
                let mut reasons = vec![Reason::MockingReactionOnSupport { kind }];
                reasons.extend(c.reasons);
                return Classification {
                    label: Label::PoliticalNeutral,
                    target: None,
                    score: 0.5,
                    rule: format!("{kind}-mocking"),
                    reasons,
                };
            }
            let rule = match c.label {
                Label::Support => format!("{kind}-supportive"),
                Label::Oppose => format!("{kind}-attack"),
                _ => format!("{kind}-content"),
            };
            let lead = Reason::ContentClassified {
                kind,
                label: c.label,
            };
            return with_rule(c, &rule, Some(lead));
        }
        let c = self.classify_text(&own);
        if c.label.is_partisan() || kind != ActivityKind::Quote {
            let rule = match kind {
                ActivityKind::Profile => "profile".to_string(),
                ActivityKind::Comment | ActivityKind::Reply => format!("{kind}-stance"),
                _ => "post-stance".to_string(),
            };
            return with_rule(c, &rule, None);
        }
        // A quote whose own words take no side: judge the quoted content.
        if let Some(text) = target_text {
            let q = self.classify_text(text);
            if q.label.is_partisan() && own.split_whitespace().count() <= 3 {
                let rule = if q.label == Label::Support {
                    "quote-supportive"
                } else {
                    "quote-attack"
                };
                let lead = Reason::QuoteClassified { label: q.label };
                return with_rule(q, rule, Some(lead));
            }
        }
        with_rule(c, "post-stance", None)
    }
}

fn with_rule(mut c: Classification, rule: &str, lead: Option<Reason>) -> Classification {
    c.rule = rule.to_string();
    if let Some(l) = lead {
        c.reasons.insert(0, l);
    }
    c
}

/// The `n` entries (distinct buckets) with the largest positive
/// contribution: (entry index, contribution), best first.
fn top_entries(x: &SparseVec, contrib: impl Fn(usize) -> f32, n: usize) -> Vec<(usize, f32)> {
    // Keep the best few entries (no full sort on the hot path), then merge
    // entries of the same bucket among them.
    let mut best: Vec<(usize, f32)> = Vec::with_capacity(2 * n + 1);
    for i in 0..x.idx.len() {
        let c = contrib(i);
        if c <= 0.0 || (best.len() == 2 * n && best.last().is_some_and(|l| l.1 >= c)) {
            continue;
        }
        let at = best.iter().position(|e| e.1 < c).unwrap_or(best.len());
        best.insert(at, (i, c));
        best.truncate(2 * n);
    }
    let mut out: Vec<(usize, f32)> = Vec::with_capacity(n);
    for (i, c) in best {
        if !out.iter().any(|o| x.idx[o.0] == x.idx[i]) {
            out.push((i, c));
        }
    }
    out.truncate(n);
    out
}

fn render_top(chosen: &[(usize, f32)], names: &Names) -> Vec<Feature> {
    chosen
        .iter()
        .filter_map(|(i, c)| {
            names.out.iter().find(|n| n.0 == *i).map(|n| Feature {
                name: n.2.clone(),
                // Two decimals are all a reader sees.
                weight: (f64::from(*c) * 100.0).round() / 100.0,
            })
        })
        .collect()
}

/// A [`Detector`] that emits a signal for each partisan classification.
#[derive(Debug, Clone)]
pub struct StanceDetector {
    classifier: StanceClassifier,
}

impl StanceDetector {
    /// With the embedded model.
    pub fn new(election: &Election) -> Result<StanceDetector, ModelError> {
        Ok(StanceDetector {
            classifier: StanceClassifier::shipped(election)?,
        })
    }

    /// With a given classifier (e.g. another model).
    pub fn with_classifier(classifier: StanceClassifier) -> StanceDetector {
        StanceDetector { classifier }
    }

    pub fn classifier(&self) -> &StanceClassifier {
        &self.classifier
    }
}

impl Detector for StanceDetector {
    fn detect(&self, a: &Activity) -> Vec<Signal> {
        if a.kind == ActivityKind::Follow
            && a.target.as_ref().and_then(|t| t.account.as_ref()).is_none()
        {
            return Vec::new();
        }
        let c = self.classifier.classify(a);
        match (c.label.is_partisan(), c.target) {
            (true, Some(target)) => vec![Signal {
                activity_id: a.id.clone(),
                account_key: a.account_key(),
                label: c.label,
                target,
                score: c.score,
                rule: c.rule,
                reasons: c.reasons,
            }],
            _ => Vec::new(),
        }
    }
}
