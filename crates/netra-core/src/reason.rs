//! Why a detector decided what it did: the evidence a reviewer reads, as
//! data.
//!
//! A [`Reason`] is one piece of evidence with typed fields (pair numbers,
//! account keys, the reaction, matched terms, cue words, the model's
//! probabilities, dates, the violation from the catalogue). The detectors
//! build them; the store keeps them as JSON (`{"code": "like-official", …}`);
//! whoever shows them renders them in the reader's language. [`Display`]
//! gives the English sentence.
//!
//! ```
//! use netra_core::{Reaction, Reason};
//! let r = Reason::LikeOfficial {
//!     reaction: Reaction::Like,
//!     account: "x:pasangan_satu".into(),
//!     pair: 1,
//! };
//! assert_eq!(
//!     r.to_string(),
//!     "rule like-official: `like` on content by x:pasangan_satu, an official account of pair 1"
//! );
//! let json = serde_json::to_string(&r).unwrap();
//! assert!(json.starts_with(r#"{"code":"like-official""#));
//! assert_eq!(serde_json::from_str::<Reason>(&json).unwrap(), r);
//! ```
//!
//! [`Display`]: std::fmt::Display

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{ActivityKind, Label, Reaction};

/// A pair mention found in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Term {
    /// What matched, as `netra-text` names it (`hashtag`, `name`, `alias`,
    /// `slogan`, `ballot_number`, `finger_gesture`, `party`, `account`).
    pub kind: String,
    /// The words as written.
    pub text: String,
    /// The pair's ballot number.
    pub pair: u32,
    /// False for a mention counted only from its context (uncertain).
    pub sure: bool,
}

/// A cue word as written, possibly negated (`"pilih" negated`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    pub text: String,
    #[serde(default, skip_serializing_if = "is_false")]
    pub negated: bool,
}

impl Cue {
    /// A cue word that is not negated.
    pub fn word(text: impl Into<String>) -> Cue {
        Cue {
            text: text.into(),
            negated: false,
        }
    }

    /// A negated cue word.
    pub fn negated(text: impl Into<String>) -> Cue {
        Cue {
            text: text.into(),
            negated: true,
        }
    }
}

#[allow(clippy::trivially_copy_pass_by_ref, reason = "serde's signature")]
fn is_false(b: &bool) -> bool {
    !*b
}

/// A model feature that pushed a decision, with its contribution.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feature {
    /// The feature as the model names it (words, `§T` for "this pair").
    pub name: String,
    /// Its contribution (positive).
    pub weight: f64,
}

/// One piece of evidence behind a signal or a classification.
///
/// The variants that open with an interaction rule (`LikeOfficial`, …) name
/// the act; the others add what was read (matches, cues, the model), when it
/// happened and which violation of the catalogue it points to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
pub enum Reason {
    // --- interaction rules ---
    /// `post-stance`: the activity's own text takes a side.
    OwnText {
        kind: ActivityKind,
        /// Who read the text (`classifier`, `cue words`).
        reader: String,
    },
    /// `like-official`: an endorsing reaction on a pair's official content.
    LikeOfficial {
        reaction: Reaction,
        account: String,
        pair: u32,
    },
    /// `react-mocking`: `haha` on a pair's official content.
    MockingOfficial { account: String, pair: u32 },
    /// `like-supportive`: an endorsing reaction on content supporting a pair.
    LikeSupportive { reaction: Reaction, pair: u32 },
    /// `react-mocking`: `haha` on content supporting a pair.
    MockingSupportive { pair: u32 },
    /// `like-attack`: a reaction on content attacking a pair.
    LikeAttack { reaction: Reaction, pair: u32 },
    /// `follow-official`: follows a pair's official account.
    FollowOfficial { account: String, pair: u32 },
    /// `follow-supportive`: follows an account whose bio supports a pair.
    FollowSupportive { account: Option<String>, pair: u32 },
    /// `follow-attack`: follows an account whose bio attacks a pair.
    FollowAttack { account: Option<String>, pair: u32 },
    /// `share-official`: shares a pair's official content.
    ShareOfficial {
        kind: ActivityKind,
        account: String,
        pair: u32,
        /// Approving words of the caption, if any.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        approving: Vec<Cue>,
        /// Laughing along with attacking content.
        #[serde(default, skip_serializing_if = "is_false")]
        laughing: bool,
    },
    /// `share-supportive`: shares content supporting a pair.
    ShareSupportive {
        kind: ActivityKind,
        pair: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        approving: Vec<Cue>,
        #[serde(default, skip_serializing_if = "is_false")]
        laughing: bool,
    },
    /// `share-attack`: shares content attacking a pair.
    ShareAttack {
        kind: ActivityKind,
        pair: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        approving: Vec<Cue>,
        #[serde(default, skip_serializing_if = "is_false")]
        laughing: bool,
    },
    /// `comment-official`: a comment on a pair's official content, by its tone.
    CommentOfficial {
        kind: ActivityKind,
        account: String,
        pair: u32,
        approving: bool,
        cues: Vec<Cue>,
    },
    /// `comment-supportive`: a comment on content supporting a pair, by its tone.
    CommentSupportive {
        kind: ActivityKind,
        pair: u32,
        approving: bool,
        cues: Vec<Cue>,
    },
    /// `comment-attack`: an approving comment on content attacking a pair.
    CommentAttack {
        kind: ActivityKind,
        pair: u32,
        cues: Vec<Cue>,
    },
    /// `profile-party`: the bio shows membership in a party of one pair only.
    ProfileParty {
        /// The membership word (`kader`, `ketua`).
        word: String,
        party: String,
        pair: u32,
    },
    /// `profile-campaign`: the bio shows a campaign role.
    ProfileCampaign { role: String, pair: u32 },
    /// `twibbon`: the alt text (or the text) shows a pair's twibbon.
    Twibbon {
        /// True when read from an image description, false from the text.
        alt_text: bool,
        text: String,
        pair: u32,
    },
    /// `finger-pose`: a pose with the pair's number of fingers.
    FingerPose { count: u32, alt: String },
    /// The finger-pose rule's time limit.
    FingerPoseWindow,
    /// The caption shows the ballot number (finger or keycap emoji).
    CaptionNumber { text: String, number: u32 },
    /// The caption has a campaign word.
    CaptionWord { word: String },
    /// The caption names the pair.
    CaptionNames { term: Term },
    /// Who read the target content's stance.
    TargetRead { reader: String },

    // --- time and the catalogue ---
    /// The activity's date in the election's zone against the determination.
    Dated {
        date: NaiveDate,
        /// The election's time zone (IANA name).
        zone: String,
        /// True when on or after the candidate determination.
        determined: bool,
        determination: NaiveDate,
    },
    /// The time is only a lower bound.
    LowerBound { date: NaiveDate, determined: bool },
    /// Outside the monitoring window, judged because it was asked for.
    OutsideWindow { start: NaiveDate, end: NaiveDate },
    /// The catalogue's violation.
    Violation {
        /// The catalogue code (`ETIK-01`).
        violation: String,
        title_id: String,
        title_en: String,
        legal_basis: Vec<String>,
    },

    // --- what was read in a text ---
    /// Words that decided came from the text netra read in an image (OCR).
    ImageText {
        /// The image's file name.
        file: String,
        /// SHA-256 of the image (the evidence's address).
        sha256: String,
        /// What was read (whitespace collapsed, at most
        /// [`IMAGE_TEXT_EXCERPT_CHARS`] characters).
        text: String,
    },
    /// Pair mentions.
    Matched { terms: Vec<Term> },
    /// No pair was named.
    NoPairNamed,
    /// An ambiguous mention counted because the text is political.
    AmbiguousCounted { political: Vec<String> },
    /// Support cue words.
    SupportCues { cues: Vec<Cue> },
    /// Attack cue words (and whether the pair is named inside a negation).
    AttackCues {
        cues: Vec<Cue>,
        #[serde(default, skip_serializing_if = "is_false")]
        pair_negated: bool,
    },
    /// A pair's campaign hashtag, used as one's own.
    OwnCampaignHashtag,
    /// The model's probabilities of the four labels.
    Model {
        support: f64,
        oppose: f64,
        political_neutral: f64,
        not_political: f64,
    },
    /// The target pair and its score.
    Target { pair: u32, score: f64 },
    /// The features that pushed a label most.
    LabelFeatures {
        label: Label,
        features: Vec<Feature>,
    },
    /// The features that pushed a pair most.
    PairFeatures { pair: u32, features: Vec<Feature> },

    // --- the classifier on activities ---
    /// A mocking reaction on a pair's content: not support.
    MockingReactionOnPair {
        kind: ActivityKind,
        account: String,
        pair: u32,
    },
    /// An interaction with a pair's own content.
    ContentOfPair {
        kind: ActivityKind,
        account: String,
        pair: u32,
    },
    /// An interaction with content that has no text and no pair account.
    NoTextToRead { kind: ActivityKind },
    /// A mocking reaction on content supporting a pair: not support.
    MockingReactionOnSupport { kind: ActivityKind },
    /// An interaction with content the classifier labelled.
    ContentClassified { kind: ActivityKind, label: Label },
    /// A quote with little own text, judged by the quoted content.
    QuoteClassified { label: Label },
    /// The input line was not a valid activity.
    InvalidInput { error: String },
    /// Free text (and reasons stored before they were structured).
    Note { text: String },
}

/// At most this many characters of an image's text go into a reason.
pub const IMAGE_TEXT_EXCERPT_CHARS: usize = 200;

/// Characters of an image's SHA-256 shown in a reason.
pub const SHA256_PREFIX_CHARS: usize = 12;

/// The first [`SHA256_PREFIX_CHARS`] characters of a hash.
pub fn sha256_prefix(sha256: &str) -> &str {
    sha256
        .char_indices()
        .nth(SHA256_PREFIX_CHARS)
        .map_or(sha256, |(i, _)| &sha256[..i])
}

impl Reason {
    /// The text read in `image` decided: names the image, with an excerpt
    /// of the text (whitespace collapsed, shortened with `…`).
    pub fn image_text(image: &crate::ImageText) -> Reason {
        let words: Vec<&str> = image.text.split_whitespace().collect();
        let mut text = words.join(" ");
        if let Some((cut, _)) = text.char_indices().nth(IMAGE_TEXT_EXCERPT_CHARS) {
            text.truncate(cut);
            text.push('…');
        }
        Reason::ImageText {
            file: image.file.clone(),
            sha256: image.sha256.clone(),
            text,
        }
    }

    /// Free text.
    pub fn note(text: impl Into<String>) -> Reason {
        Reason::Note { text: text.into() }
    }

    /// The model's probabilities, in [`Label::ALL`] order.
    pub fn model(probs: [f64; 4]) -> Reason {
        Reason::Model {
            support: probs[0],
            oppose: probs[1],
            political_neutral: probs[2],
            not_political: probs[3],
        }
    }
}

/// Terms as `kind "text"`, with the pair once at the end when all name the
/// same pair, else after each term: `hashtag "#X", name "Y" of pair 3`.
fn write_terms(f: &mut fmt::Formatter<'_>, terms: &[Term]) -> fmt::Result {
    let one_pair = terms.windows(2).all(|w| w[0].pair == w[1].pair);
    for (i, t) in terms.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{} \"{}\"", t.kind, t.text)?;
        if !t.sure {
            f.write_str(" (uncertain)")?;
        }
        if !one_pair {
            write!(f, " of pair {}", t.pair)?;
        }
    }
    if one_pair {
        if let Some(t) = terms.first() {
            write!(f, " of pair {}", t.pair)?;
        }
    }
    Ok(())
}

fn cues(c: &[Cue]) -> String {
    c.iter()
        .map(|c| {
            if c.negated {
                format!("\"{}\" negated", c.text)
            } else {
                format!("\"{}\"", c.text)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn features(fs: &[Feature]) -> String {
    fs.iter()
        .map(|x| format!("\"{}\" +{:.2}", x.name, x.weight))
        .collect::<Vec<_>>()
        .join(", ")
}

fn how(approving: &[Cue], laughing: bool) -> String {
    if !approving.is_empty() {
        format!(" with approving words {}", cues(approving))
    } else if laughing {
        " laughing along".to_string()
    } else {
        String::new()
    }
}

fn tone(approving: bool) -> &'static str {
    if approving {
        "an approving"
    } else {
        "a disapproving"
    }
}

const MOCKERY: &str = "mockery, not support, read as opposition";

impl fmt::Display for Reason {
    #[allow(clippy::too_many_lines, reason = "one arm per kind of reason")]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::OwnText { kind, reader } => write!(
                f,
                "rule post-stance: the {kind}'s own text takes a side ({reader} reading)"
            ),
            Reason::LikeOfficial {
                reaction,
                account,
                pair,
            } => write!(
                f,
                "rule like-official: `{}` on content by {account}, an official account of pair {pair}",
                reaction.as_str()
            ),
            Reason::MockingOfficial { account, pair } => write!(
                f,
                "rule react-mocking: `haha` on content by {account}, an official account of pair {pair}: {MOCKERY}"
            ),
            Reason::LikeSupportive { reaction, pair } => write!(
                f,
                "rule like-supportive: `{}` on content that supports pair {pair}",
                reaction.as_str()
            ),
            Reason::MockingSupportive { pair } => write!(
                f,
                "rule react-mocking: `haha` on content that supports pair {pair}: {MOCKERY}"
            ),
            Reason::LikeAttack { reaction, pair } => write!(
                f,
                "rule like-attack: `{}` on content that attacks pair {pair}",
                reaction.as_str()
            ),
            Reason::FollowOfficial { account, pair } => write!(
                f,
                "rule follow-official: follows {account}, an official account of pair {pair}"
            ),
            Reason::FollowSupportive { account, pair } => write!(
                f,
                "rule follow-supportive: follows {}, whose bio supports pair {pair}",
                account.as_deref().unwrap_or("an account")
            ),
            Reason::FollowAttack { account, pair } => write!(
                f,
                "rule follow-attack: follows {}, whose bio attacks pair {pair}",
                account.as_deref().unwrap_or("an account")
            ),
            Reason::ShareOfficial {
                kind,
                account,
                pair,
                approving,
                laughing,
            } => write!(
                f,
                "rule share-official: {kind} of content by {account}, an official account of pair {pair}{}",
                how(approving, *laughing)
            ),
            Reason::ShareSupportive {
                kind,
                pair,
                approving,
                laughing,
            } => write!(
                f,
                "rule share-supportive: {kind} of content that supports pair {pair}{}",
                how(approving, *laughing)
            ),
            Reason::ShareAttack {
                kind,
                pair,
                approving,
                laughing,
            } => write!(
                f,
                "rule share-attack: {kind} of content that attacks pair {pair}{}",
                how(approving, *laughing)
            ),
            Reason::CommentOfficial {
                kind,
                account,
                pair,
                approving,
                cues: c,
            } => write!(
                f,
                "rule comment-official: {kind} on content by {account}, an official account of pair {pair}, in {} tone ({})",
                tone(*approving),
                cues(c)
            ),
            Reason::CommentSupportive {
                kind,
                pair,
                approving,
                cues: c,
            } => write!(
                f,
                "rule comment-supportive: {kind} on content that supports pair {pair}, in {} tone ({})",
                tone(*approving),
                cues(c)
            ),
            Reason::CommentAttack {
                kind,
                pair,
                cues: c,
            } => write!(
                f,
                "rule comment-attack: {kind} approving content that attacks pair {pair} ({})",
                cues(c)
            ),
            Reason::ProfileParty { word, party, pair } => write!(
                f,
                "rule profile-party: the bio shows membership or office (\"{word}\") in {party}, a party listed for pair {pair} only"
            ),
            Reason::ProfileCampaign { role, pair } => write!(
                f,
                "rule profile-campaign: the bio shows a campaign role (\"{role}\") for pair {pair}"
            ),
            Reason::Twibbon {
                alt_text,
                text,
                pair,
            } => write!(
                f,
                "rule twibbon: the {} shows a twibbon of pair {pair}: \"{text}\"",
                if *alt_text {
                    "image description (alt text)"
                } else {
                    "text"
                }
            ),
            Reason::FingerPose { count, alt } => write!(
                f,
                "rule finger-pose: the image description shows a pose with {count} fingers, the ballot number of pair {count}: \"{alt}\""
            ),
            Reason::FingerPoseWindow => {
                f.write_str("counted only from candidate determination through voting day")
            }
            Reason::CaptionNumber { text, number } => write!(
                f,
                "campaign caption: \"{text}\" shows the number {number}"
            ),
            Reason::CaptionWord { word } => {
                write!(f, "campaign caption: the campaign word \"{word}\"")
            }
            Reason::CaptionNames { term } => write!(
                f,
                "campaign caption: names pair {} ({} \"{}\")",
                term.pair, term.kind, term.text
            ),
            Reason::TargetRead { reader } => {
                write!(f, "the target content was read by {reader}")
            }
            Reason::Dated {
                date,
                zone,
                determined,
                determination,
            } => write!(
                f,
                "dated {date} ({zone}): {} candidate determination ({determination})",
                if *determined { "from" } else { "before" }
            ),
            Reason::LowerBound { date, determined } => {
                if *determined {
                    write!(f, "the time is only a lower bound (no earlier than {date}), already from candidate determination on")
                } else {
                    write!(f, "the time is only a lower bound (no earlier than {date}): read as before candidate determination, the milder reading; it may have been later")
                }
            }
            Reason::OutsideWindow { start, end } => write!(
                f,
                "outside the monitoring window {start} – {end}: judged only because it was asked for"
            ),
            Reason::Violation {
                violation,
                title_en,
                legal_basis,
                ..
            } => write!(
                f,
                "violation {violation} — {title_en} ({})",
                legal_basis.join("; ")
            ),
            Reason::Matched { terms } => {
                f.write_str("matched: ")?;
                write_terms(f, terms)
            }
            Reason::ImageText { file, sha256, text } => write!(
                f,
                "read in the image {file} (sha256 {}…) by OCR: \"{text}\"",
                sha256_prefix(sha256)
            ),
            Reason::NoPairNamed => f.write_str("no pair named"),
            Reason::AmbiguousCounted { political } => write!(
                f,
                "ambiguous mention counted: the text is political ({}) and takes a side",
                political
                    .iter()
                    .map(|p| format!("\"{p}\""))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            Reason::SupportCues { cues: c } => write!(f, "support cues: {}", cues(c)),
            Reason::AttackCues {
                cues: c,
                pair_negated,
            } => {
                write!(f, "attack cues: {}", cues(c))?;
                if *pair_negated {
                    if !c.is_empty() {
                        f.write_str(", ")?;
                    }
                    f.write_str("the pair is named inside a negation")?;
                }
                Ok(())
            }
            Reason::OwnCampaignHashtag => {
                f.write_str("a campaign hashtag of the pair, used as one's own")
            }
            Reason::Model {
                support,
                oppose,
                political_neutral,
                not_political,
            } => write!(
                f,
                "model: support {support:.2}, oppose {oppose:.2}, political_neutral {political_neutral:.2}, not_political {not_political:.2}"
            ),
            Reason::Target { pair, score } => {
                write!(f, "target: pair {pair} (score {score:.2})")
            }
            Reason::LabelFeatures { label, features: x } => {
                write!(f, "features for {label}: {}", features(x))
            }
            Reason::PairFeatures { pair, features: x } => {
                write!(f, "features for pair {pair}: {}", features(x))
            }
            Reason::MockingReactionOnPair {
                kind,
                account,
                pair,
            } => write!(
                f,
                "{kind} with a mocking reaction on content by {account}, an account of pair {pair}: not support"
            ),
            Reason::ContentOfPair {
                kind,
                account,
                pair,
            } => write!(f, "{kind} of content by {account}, an account of pair {pair}"),
            Reason::NoTextToRead { kind } => write!(
                f,
                "{kind} of content with no text to read and no pair account"
            ),
            Reason::MockingReactionOnSupport { kind } => write!(
                f,
                "{kind} with a mocking reaction on content that supports a pair: not support"
            ),
            Reason::ContentClassified { kind, label } => {
                write!(f, "{kind} of content classified as {label}")
            }
            Reason::QuoteClassified { label } => write!(
                f,
                "quote (with little own text) of content classified as {label}"
            ),
            Reason::InvalidInput { error } => write!(
                f,
                "input is not a valid activity ({error}); classified from its text only"
            ),
            Reason::Note { text } => f.write_str(text),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn term(kind: &str, text: &str, pair: u32, sure: bool) -> Term {
        Term {
            kind: kind.into(),
            text: text.into(),
            pair,
            sure,
        }
    }

    /// One of each variant family, with its English sentence.
    #[allow(clippy::too_many_lines, reason = "a table of cases")]
    fn samples() -> Vec<(Reason, &'static str)> {
        vec![
            (
                Reason::OwnText { kind: ActivityKind::Post, reader: "classifier".into() },
                "rule post-stance: the post's own text takes a side (classifier reading)",
            ),
            (
                Reason::LikeOfficial { reaction: Reaction::Love, account: "x:satu".into(), pair: 1 },
                "rule like-official: `love` on content by x:satu, an official account of pair 1",
            ),
            (
                Reason::MockingSupportive { pair: 2 },
                "rule react-mocking: `haha` on content that supports pair 2: mockery, not support, read as opposition",
            ),
            (
                Reason::FollowSupportive { account: None, pair: 2 },
                "rule follow-supportive: follows an account, whose bio supports pair 2",
            ),
            (
                Reason::ShareAttack {
                    kind: ActivityKind::Repost,
                    pair: 2,
                    approving: vec![Cue::word("fakta")],
                    laughing: false,
                },
                "rule share-attack: repost of content that attacks pair 2 with approving words \"fakta\"",
            ),
            (
                Reason::CommentOfficial {
                    kind: ActivityKind::Reply,
                    account: "x:satu".into(),
                    pair: 1,
                    approving: false,
                    cues: vec![Cue::negated("setuju")],
                },
                "rule comment-official: reply on content by x:satu, an official account of pair 1, in a disapproving tone (\"setuju\" negated)",
            ),
            (
                Reason::ProfileParty { word: "kader".into(), party: "Partai Contoh".into(), pair: 3 },
                "rule profile-party: the bio shows membership or office (\"kader\") in Partai Contoh, a party listed for pair 3 only",
            ),
            (
                Reason::Twibbon { alt_text: true, text: "twibbon 01".into(), pair: 1 },
                "rule twibbon: the image description (alt text) shows a twibbon of pair 1: \"twibbon 01\"",
            ),
            (
                Reason::ImageText {
                    file: "coblos.png".into(),
                    sha256: "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef".into(),
                    text: "Coblos 01".into(),
                },
                "read in the image coblos.png (sha256 0123456789ab…) by OCR: \"Coblos 01\"",
            ),
            (
                Reason::CaptionNames { term: term("hashtag", "#Satu", 1, true) },
                "campaign caption: names pair 1 (hashtag \"#Satu\")",
            ),
            (
                Reason::Dated {
                    date: date("2030-10-01"),
                    zone: "Asia/Jakarta".into(),
                    determined: true,
                    determination: date("2030-09-22"),
                },
                "dated 2030-10-01 (Asia/Jakarta): from candidate determination (2030-09-22)",
            ),
            (
                Reason::LowerBound { date: date("2030-09-20"), determined: false },
                "the time is only a lower bound (no earlier than 2030-09-20): read as before candidate determination, the milder reading; it may have been later",
            ),
            (
                Reason::Violation {
                    violation: "ETIK-02".into(),
                    title_id: "Judul".into(),
                    title_en: "Title".into(),
                    legal_basis: vec!["PP 1".into(), "PP 2".into()],
                },
                "violation ETIK-02 — Title (PP 1; PP 2)",
            ),
            (
                Reason::Matched {
                    terms: vec![term("hashtag", "#Satu", 1, true), term("name", "Budi", 1, false)],
                },
                "matched: hashtag \"#Satu\", name \"Budi\" (uncertain) of pair 1",
            ),
            (
                Reason::Matched {
                    terms: vec![term("hashtag", "#Satu", 1, true), term("name", "Dua", 2, true)],
                },
                "matched: hashtag \"#Satu\" of pair 1, name \"Dua\" of pair 2",
            ),
            (
                Reason::AttackCues { cues: vec![Cue::word("korupsi")], pair_negated: true },
                "attack cues: \"korupsi\", the pair is named inside a negation",
            ),
            (
                Reason::model([0.8, 0.1, 0.05, 0.05]),
                "model: support 0.80, oppose 0.10, political_neutral 0.05, not_political 0.05",
            ),
            (
                Reason::LabelFeatures {
                    label: Label::Support,
                    features: vec![Feature { name: "coblos §T".into(), weight: 0.421 }],
                },
                "features for support: \"coblos §T\" +0.42",
            ),
            (
                Reason::ContentClassified { kind: ActivityKind::Share, label: Label::Oppose },
                "share of content classified as oppose",
            ),
            (Reason::note("anything"), "anything"),
        ]
    }

    #[test]
    fn image_text_reason_collapses_whitespace_and_shortens_long_text() {
        let image = crate::ImageText {
            file: "poster.png".into(),
            sha256: "ab".repeat(32),
            text: format!("Coblos\n\n  01 {}", "x".repeat(300)),
        };
        let Reason::ImageText { file, sha256, text } = Reason::image_text(&image) else {
            panic!("not an image-text reason");
        };
        assert_eq!((file.as_str(), sha256.len()), ("poster.png", 64));
        assert!(text.starts_with("Coblos 01 xxx"), "{text}");
        assert_eq!(text.chars().count(), IMAGE_TEXT_EXCERPT_CHARS + 1);
        assert!(text.ends_with('…'));
        assert_eq!(sha256_prefix("abc"), "abc");
    }

    #[test]
    fn english_sentences_keep_the_detectors_wording() {
        for (r, want) in samples() {
            assert_eq!(r.to_string(), want);
        }
    }

    #[test]
    fn reasons_round_trip_through_json_with_a_code_tag() {
        for (r, _) in samples() {
            let json = serde_json::to_string(&r).unwrap();
            assert!(json.starts_with(r#"{"code":""#), "{json}");
            assert_eq!(serde_json::from_str::<Reason>(&json).unwrap(), r, "{json}");
        }
        let json = serde_json::to_value(Reason::MockingSupportive { pair: 2 }).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"code": "mocking-supportive", "pair": 2})
        );
        // Optional flags may be left out.
        let r: Reason =
            serde_json::from_str(r#"{"code":"share-supportive","kind":"share","pair":1}"#).unwrap();
        assert_eq!(
            r,
            Reason::ShareSupportive {
                kind: ActivityKind::Share,
                pair: 1,
                approving: vec![],
                laughing: false
            }
        );
    }
}
