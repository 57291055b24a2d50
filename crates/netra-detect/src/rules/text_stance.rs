//! "What stance does this text take": the one question the interaction rules
//! ask of a text (a post, a comment, the liked or shared content, a followed
//! account's bio), behind the [`TextStance`] trait.
//!
//! Two answers ship: [`ClassifierStance`], an adapter over the trained stance
//! classifier ([`crate::StanceClassifier`]), and [`CueStance`], a transparent
//! lexical reading (pair mentions from `netra-text` next to support or attack
//! cue words) used as the fallback when no model is available and in unit
//! tests, where a rule's behaviour must not depend on a model.

use netra_core::{Cue, Election, Label, Reason, Term};
use netra_text::{Ambiguity, Flags, Matcher, Normalized, TokenKind};

use super::cues::{self, CueSet};
use crate::StanceClassifier;

/// A text's partisan stance towards one pair.
#[derive(Debug, Clone, PartialEq)]
pub struct Stance {
    /// Support or oppose.
    pub label: Label,
    /// Ballot number of the pair.
    pub target: u32,
    /// Confidence in [0, 1].
    pub score: f64,
    /// Matched terms, cues, model evidence.
    pub reasons: Vec<Reason>,
}

/// Reads the partisan stance of a text.
pub trait TextStance: Send + Sync {
    /// The stance of `text` when it takes a side about a named pair; `None`
    /// when it takes no side, or names no pair.
    fn stance(&self, text: &str) -> Option<Stance>;

    /// A short name for reasons (`classifier`, `cue words`).
    fn name(&self) -> &'static str;
}

/// The pair terms of an election, for `netra-text`.
pub fn pair_terms(election: &Election) -> Vec<netra_text::PairTerms> {
    election
        .candidates
        .iter()
        .map(|c| netra_text::PairTerms {
            number: c.number,
            names: c.names.clone(),
            aliases: c.aliases.clone(),
            distinctive: c.distinctive.clone(),
            hashtags: c.hashtags.clone(),
            slogans: c.slogans.clone(),
            parties: c.parties.clone(),
            accounts: c.accounts.iter().map(|a| a.handle.clone()).collect(),
        })
        .collect()
}

/// The trained stance classifier (issue 5) as a [`TextStance`].
#[derive(Debug, Clone)]
pub struct ClassifierStance {
    classifier: StanceClassifier,
    min_score: f64,
}

impl ClassifierStance {
    /// Partisan classifications with a score below `min_score` are ignored.
    pub fn new(classifier: StanceClassifier, min_score: f64) -> ClassifierStance {
        ClassifierStance {
            classifier,
            min_score,
        }
    }

    /// The classifier with the model embedded in this build.
    pub fn shipped(election: &Election) -> Result<ClassifierStance, crate::stance::ModelError> {
        Ok(ClassifierStance::new(
            StanceClassifier::shipped(election)?,
            0.0,
        ))
    }
}

impl TextStance for ClassifierStance {
    fn stance(&self, text: &str) -> Option<Stance> {
        if text.trim().is_empty() {
            return None;
        }
        let c = self.classifier.classify_text(text);
        let target = c.target?;
        (c.label.is_partisan() && c.score >= self.min_score).then_some(Stance {
            label: c.label,
            target,
            score: c.score,
            reasons: c.reasons,
        })
    }

    fn name(&self) -> &'static str {
        "classifier"
    }
}

/// A lexical reading: counted pair mentions (`netra-text`) next to support
/// or attack cue words. A mention alone is never a stance, except a pair's
/// campaign hashtag, which is campaigning by itself. A negated support word
/// ("nggak akan pilih …") is an attack cue.
#[derive(Debug, Clone)]
pub struct CueStance {
    matcher: Matcher,
}

impl CueStance {
    /// From the election config alone.
    pub fn new(election: &Election) -> CueStance {
        CueStance {
            matcher: Matcher::new(&pair_terms(election)),
        }
    }

    /// The mention matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }
}

/// True for "jangan lupa …" / "tidak lupa …": a reminder, where "lupa" takes
/// the negation ("jangan lupa coblos 3" is no attack).
pub(crate) fn is_reminder(n: &Normalized) -> bool {
    let w: Vec<&str> = n.text_tokens().map(|(_, t)| t.text()).collect();
    cues::has_phrase(&w, "jangan lupa") || cues::has_phrase(&w, "tidak lupa")
}

/// Support and attack cue words found in `n`, negation applied.
pub(crate) fn stance_cues(n: &Normalized) -> (Vec<Cue>, Vec<Cue>) {
    let mut support = Vec::new();
    let mut attack = Vec::new();
    let words: Vec<&str> = n
        .text_tokens()
        .filter(|(_, t)| t.kind() != TokenKind::Punct)
        .map(|(_, t)| t.text())
        .collect();
    let reminder = is_reminder(n);
    for (_, t) in n.text_tokens() {
        let w = t.text();
        let negated = t.has(Flags::NEGATED) && !reminder;
        if cues::contains(cues::SUPPORT, w) {
            if negated {
                attack.push(Cue::negated(n.original_of(t)));
            } else {
                support.push(Cue::word(n.original_of(t)));
            }
        } else if cues::contains(cues::ATTACK, w) && !negated {
            attack.push(Cue::word(n.original_of(t)));
        }
    }
    for phrase in cues::ATTACK_PHRASES {
        if cues::has_phrase(&words, phrase) {
            attack.push(Cue::word(*phrase));
        }
    }
    (support, attack)
}

/// The mentions (pair, kind, as written, counted) of pair `target`, as terms.
fn terms_of(mentions: &[(u32, netra_text::MatchKind, String, bool)], target: u32) -> Vec<Term> {
    mentions
        .iter()
        .filter(|m| m.0 == target)
        .map(|m| Term {
            kind: m.1.as_str().to_string(),
            text: m.2.clone(),
            pair: m.0,
            sure: m.3,
        })
        .collect()
}

impl TextStance for CueStance {
    fn stance(&self, text: &str) -> Option<Stance> {
        let (n, findings) = self.matcher.analyze(text);
        let (support, attack) = stance_cues(&n);
        // (pair, kind, as written, counted by the matcher)
        let mut mentions: Vec<(u32, netra_text::MatchKind, String, bool)> = findings
            .matches
            .iter()
            .map(|m| (m.pair, m.kind, m.matched.clone(), true))
            .collect();
        let mut context_note = None;
        if mentions.is_empty() {
            // An ambiguous mention ("BR", "Mas Budi", "nomor 2") counts when
            // the text is political and takes a side: it needs both.
            let words: Vec<&str> = n.text_tokens().map(|(_, t)| t.text()).collect();
            let mut political: Vec<String> = n
                .text_tokens()
                .filter(|(_, t)| cues::contains(cues::POLITICAL, t.match_form()))
                .map(|(_, t)| n.original_of(t).to_string())
                .collect();
            political.extend(
                cues::ATTACK_PHRASES
                    .iter()
                    .filter(|p| cues::has_phrase(&words, p))
                    .map(|p| (*p).to_string()),
            );
            if political.is_empty() || (support.is_empty() && attack.is_empty()) {
                return None;
            }
            // Names and written numbers ("nomor 2"); not number words
            // ("satu suara") nor ordinary words and phrases.
            mentions = findings
                .rejected
                .iter()
                .filter(|r| match r.ambiguity {
                    Ambiguity::Acronym
                    | Ambiguity::GivenName
                    | Ambiguity::HonorificName
                    | Ambiguity::ShortWord => true,
                    Ambiguity::Number => r.matched.bytes().any(|b| b.is_ascii_digit()),
                    _ => false,
                })
                .map(|r| (r.pair, r.kind, r.matched.clone(), false))
                .collect();
            context_note = Some(Reason::AmbiguousCounted { political });
        }
        if mentions.is_empty() {
            return None;
        }
        // The pair named most often; a tie between pairs is a comparison, not a stance.
        let mut counts: Vec<(u32, usize)> = Vec::new();
        for m in &mentions {
            match counts.iter_mut().find(|(p, _)| *p == m.0) {
                Some(c) => c.1 += 1,
                None => counts.push((m.0, 1)),
            }
        }
        counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if counts.len() > 1 && counts[0].1 == counts[1].1 {
            return None;
        }
        let target = counts[0].0;
        let named = terms_of(&mentions, target);
        let pair_negated = !is_reminder(&n)
            && findings
                .matches
                .iter()
                .any(|m| m.pair == target && m.negated);
        let attacks = attack.len() + usize::from(pair_negated);
        let campaign_hashtag = findings
            .matches
            .iter()
            .any(|m| m.pair == target && m.kind == netra_text::MatchKind::Hashtag);
        let mocking = n
            .features(TokenKind::Emoji)
            .filter(|t| cues::contains(cues::MOCKING_EMOJI, t.text()))
            .count();
        let mut reasons = vec![Reason::Matched { terms: named }];
        reasons.extend(context_note);
        let (label, strength) = if attacks > 0 && attacks + mocking >= support.len() {
            reasons.push(Reason::AttackCues {
                cues: attack,
                pair_negated,
            });
            (Label::Oppose, attacks + mocking)
        } else if !support.is_empty() {
            let strength = support.len();
            reasons.push(Reason::SupportCues { cues: support });
            (Label::Support, strength)
        } else if campaign_hashtag && mocking == 0 {
            reasons.push(Reason::OwnCampaignHashtag);
            (Label::Support, 1)
        } else {
            return None;
        };
        #[allow(clippy::cast_precision_loss, reason = "a handful of cues")]
        let score = (0.55 + 0.1 * strength as f64).min(0.85);
        Some(Stance {
            label,
            target,
            score,
            reasons,
        })
    }

    fn name(&self) -> &'static str {
        "cue words"
    }
}

/// The tone of a short text that names no pair (a comment "Setuju banget 👏",
/// a quote's "Fakta 💯"): approving, disapproving, or neither.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Tone {
    Approving(Vec<Cue>),
    Disapproving(Vec<Cue>),
    Neither,
}

/// Reads the tone of `n` from the approval and disapproval cue lists.
pub(crate) fn tone(n: &Normalized) -> Tone {
    let found = |set: CueSet| -> Vec<Cue> {
        n.text_tokens()
            .filter(|(_, t)| cues::contains(set, t.text()) && !t.has(Flags::NEGATED))
            .map(|(_, t)| Cue::word(n.original_of(t)))
            .collect()
    };
    let approve = found(cues::APPROVE);
    let mut disapprove = found(cues::DISAPPROVE);
    // "nggak setuju": a negated approval is a disapproval.
    disapprove.extend(
        n.text_tokens()
            .filter(|(_, t)| cues::contains(cues::APPROVE, t.text()) && t.has(Flags::NEGATED))
            .map(|(_, t)| Cue::negated(n.original_of(t))),
    );
    if disapprove.len() > approve.len() {
        Tone::Disapproving(disapprove)
    } else if !approve.is_empty() && disapprove.is_empty() {
        Tone::Approving(approve)
    } else {
        Tone::Neither
    }
}
