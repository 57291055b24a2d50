//! The interaction rules: every kind of activity of a registered ASN
//! account → signals with a rule code ([`RuleCode`]), a violation from the
//! catalogue ([`Catalogue`]) and the reasons a reviewer reads.
//!
//! | activity | rule | stance |
//! |---|---|---|
//! | own text (post, story, comment, reply, quote, a share's caption, a bio) that takes a side about a named pair | `post-stance` | the text's |
//! | like (`like`, `love`, `care`) of a pair's official or campaign account's content | `like-official` | support |
//! | like of content that supports / attacks a pair | `like-supportive` / `like-attack` | support / oppose |
//! | `haha` on a pair's own or supportive content | `react-mocking` | oppose |
//! | `haha` on content attacking a pair (enjoying the attack) | `like-attack` | oppose |
//! | share, repost, approving quote of official / supportive / attacking content | `share-official` / `share-supportive` / `share-attack` | support / support / oppose |
//! | comment or reply on official / supportive content, by its tone | `comment-official` / `comment-supportive` | approving: support, disapproving: oppose |
//! | approving comment on content attacking a pair | `comment-attack` | oppose |
//! | follow of an official account / an account whose bio supports / attacks a pair | `follow-official` / `follow-supportive` / `follow-attack` | support / support / oppose |
//! | bio with membership or office in a party listed for one pair only | `profile-party` | support |
//! | bio with a campaign role word and a pair mention | `profile-campaign` | support |
//! | twibbon (alt text, text read in an image, or the text says twibbon, with a pair mention) | `twibbon` | support |
//! | photo posing with N fingers (alt text), N a ballot number, with a campaign caption, from candidate determination through voting day | `finger-pose` | support |
//!
//! Judgement calls, each one a reviewer may weigh differently:
//! - a `haha` on a pair's content is mockery, read as opposition
//!   (`react-mocking`); `angry`, `sad` and `wow` give no signal (the feeling
//!   may be about the news, not the pair);
//! - a comment on a pair's content needs an approving or disapproving tone;
//!   a neutral question ("kapan debat?") gives nothing;
//! - a share whose caption disapproves ("hoaks!") is not an endorsement; a
//!   quote counts only when its words approve or it has no words;
//! - a party counts only when exactly one pair lists it; a finger count
//!   counts only from candidate determination (ballot numbers are drawn
//!   after it) through voting day, never for a picture of a child.
//!
//! **Time.** The date of an activity, in the election's time zone, picks the
//! catalogue's phase: before `candidate_determination` ethics, from it on
//! discipline. When `created_at` is only a lower bound (`created_at_approx`,
//! an X like), the lower bound counts: an act that may have happened after
//! the determination is read as before it, the milder reading for the ASN,
//! and the reasons say so. Activities outside the monitoring window (by
//! their lower bound) give nothing unless [`RuleOptions::include_outside_window`].
//!
//! **Images.** What netra read in an activity's images (OCR, `media[].ocr`,
//! filled in by `netra-app` before detection) counts as the activity's own
//! words when its text alone takes no side, and for the twibbon rule; the
//! reasons then name the image (file name and SHA-256) whose words decided.
//!
//! Pure and deterministic: no I/O, no clock.

mod cues;
pub mod text_stance;

pub use text_stance::{pair_terms, ClassifierStance, CueStance, Stance, TextStance, Tone};

use netra_core::{
    Activity, ActivityKind, CaseClass, Catalogue, Election, ImageText, Label, Phase, Reaction,
    Reason, RuleCode, Severity, Signal, Target, Term,
};
use netra_text::{Flags, Matcher, Normalized, Normalizer, TokenKind};

use crate::Detector;

/// What the rules look at beyond the defaults.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RuleOptions {
    /// Also judge activities dated outside the election's monitoring window.
    pub include_outside_window: bool,
}

/// One signal with what the catalogue says about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The signal (its `rule` is the rule code's spelling).
    pub signal: Signal,
    pub rule: RuleCode,
    /// The catalogue code of the violation.
    pub violation: String,
    pub class: CaseClass,
    /// The violation's base severity.
    pub severity: Severity,
    /// True when dated (by its lower bound) from candidate determination on.
    pub determined: bool,
}

/// A rule that fired, before the catalogue is consulted.
#[derive(Debug, Clone)]
struct Hit {
    rule: RuleCode,
    label: Label,
    target: u32,
    score: f64,
    reasons: Vec<Reason>,
}

/// Where an activity falls in time.
#[derive(Debug, Clone)]
struct Timing {
    determined: bool,
    in_window: bool,
    /// Until voting day (inclusive), by the lower bound.
    until_voting: bool,
    notes: Vec<Reason>,
}

/// The interaction rules for one election, with its catalogue and a reader of text stance.
pub struct RuleEngine {
    election: Election,
    catalogue: Catalogue,
    stance: Box<dyn TextStance>,
    matcher: Matcher,
    normalizer: Normalizer,
    /// Normalised word sequences of parties listed by exactly one pair.
    parties: Vec<(Vec<String>, String, u32)>,
    options: RuleOptions,
}

impl std::fmt::Debug for RuleEngine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RuleEngine")
            .field("election", &self.election.election.id)
            .field("catalogue", &self.catalogue.source)
            .field("stance", &self.stance.name())
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

/// The word and number tokens of `n` as written (lower-cased), in order:
/// for names such as parties, where a normaliser's repairs ("PPP" → "p")
/// would make false matches.
fn surface_words(n: &Normalized) -> Vec<String> {
    n.text_tokens()
        .filter(|(_, t)| matches!(t.kind(), TokenKind::Word | TokenKind::Number))
        .map(|(_, t)| n.original_of(t).to_lowercase())
        .collect()
}

/// The word and number tokens of `n` (their `match_form`), in order.
fn words(n: &Normalized) -> Vec<String> {
    n.text_tokens()
        .filter(|(_, t)| matches!(t.kind(), TokenKind::Word | TokenKind::Number))
        .map(|(_, t)| t.match_form().to_string())
        .collect()
}

impl RuleEngine {
    /// The rules for `election`, mapping signals through `catalogue`, reading
    /// text with `stance`.
    pub fn new(
        election: &Election,
        catalogue: Catalogue,
        stance: Box<dyn TextStance>,
        options: RuleOptions,
    ) -> RuleEngine {
        let matcher = Matcher::new(&pair_terms(election));
        let normalizer = matcher.normalizer().clone();
        let mut parties = Vec::new();
        for c in &election.candidates {
            for p in &c.parties {
                let shared = election
                    .candidates
                    .iter()
                    .filter(|o| o.parties.iter().any(|q| q.eq_ignore_ascii_case(p)))
                    .count()
                    > 1;
                let w = surface_words(&normalizer.normalize(p));
                if !shared && w.concat().chars().count() >= 3 {
                    parties.push((w, p.clone(), c.number));
                }
            }
        }
        RuleEngine {
            election: election.clone(),
            catalogue,
            stance,
            matcher,
            normalizer,
            parties,
            options,
        }
    }

    /// The catalogue in use.
    pub fn catalogue(&self) -> &Catalogue {
        &self.catalogue
    }

    /// The stance reader's name.
    pub fn stance_name(&self) -> &'static str {
        self.stance.name()
    }

    /// The findings of one activity (none outside the monitoring window unless asked).
    pub fn findings(&self, a: &Activity) -> Vec<Finding> {
        let timing = self.timing(a);
        if !timing.in_window && !self.options.include_outside_window {
            return Vec::new();
        }
        let mut hits = Vec::new();
        match a.kind {
            ActivityKind::Like => self.like(a, &mut hits),
            ActivityKind::Follow => self.follow(a, &mut hits),
            ActivityKind::Share | ActivityKind::Repost | ActivityKind::Quote => {
                self.share(a, &mut hits);
            }
            ActivityKind::Comment | ActivityKind::Reply => self.comment(a, &mut hits),
            ActivityKind::Post | ActivityKind::Story => self.own_text(a, &mut hits),
            ActivityKind::Profile => self.profile(a, &mut hits),
        }
        if !matches!(a.kind, ActivityKind::Like | ActivityKind::Follow) {
            self.twibbon(a, &mut hits);
            self.finger_pose(a, &timing, &mut hits);
        }
        // One signal per (rule, pair): the strongest.
        hits.sort_by(|x, y| {
            (x.rule, x.target)
                .cmp(&(y.rule, y.target))
                .then(y.score.total_cmp(&x.score))
        });
        hits.dedup_by(|later, first| later.rule == first.rule && later.target == first.target);
        hits.into_iter()
            .filter_map(|h| self.finding(a, &timing, h))
            .collect()
    }

    fn finding(&self, a: &Activity, timing: &Timing, h: Hit) -> Option<Finding> {
        let v = self
            .catalogue
            .find(h.rule, a.kind, h.label, timing.determined)?;
        let mut reasons = h.reasons;
        reasons.extend(timing.notes.iter().cloned());
        reasons.push(Reason::Violation {
            violation: v.code.clone(),
            title_id: v.title.id.clone(),
            title_en: v.title.en.clone(),
            legal_basis: v.legal_basis.clone(),
        });
        Some(Finding {
            signal: Signal {
                activity_id: a.id.clone(),
                account_key: a.account_key(),
                label: h.label,
                target: h.target,
                score: h.score.clamp(0.0, 1.0),
                rule: h.rule.as_str().to_string(),
                reasons,
            },
            rule: h.rule,
            violation: v.code.clone(),
            class: v.class,
            severity: v.severity,
            determined: timing.determined,
        })
    }

    fn timing(&self, a: &Activity) -> Timing {
        let e = &self.election;
        let tl = &e.election.timeline;
        let date = e.local_date(&a.created_at);
        let determined = date >= tl.candidate_determination;
        let in_window = matches!(
            e.phase_at(&a.created_at),
            Phase::BeforeDetermination | Phase::AfterDetermination
        );
        let mut notes = vec![Reason::Dated {
            date,
            zone: e.election.timezone.name().to_string(),
            determined,
            determination: tl.candidate_determination,
        }];
        if a.created_at_approx {
            notes.push(Reason::LowerBound { date, determined });
        }
        if !in_window {
            notes.push(Reason::OutsideWindow {
                start: tl.monitoring_start,
                end: tl.monitoring_end,
            });
        }
        Timing {
            determined,
            in_window,
            until_voting: date <= tl.voting_day,
            notes,
        }
    }

    /// The pair owning the target's account, with the account key.
    fn official(&self, a: &Activity) -> Option<(String, u32)> {
        let acc = a.target.as_ref()?.account.as_deref()?;
        let key = netra_core::activity::account_key(a.platform, acc);
        self.election.account_owner(&key).map(|n| (key, n))
    }

    /// The stance of the target's text.
    fn target_stance(&self, t: &Target) -> Option<Stance> {
        let text = t.text.as_deref().filter(|s| !s.trim().is_empty())?;
        self.stance.stance(text)
    }

    fn own_stance(&self, a: &Activity) -> Option<Hit> {
        let (s, images) = self.own_words_stance(a)?;
        let mut reasons = vec![Reason::OwnText {
            kind: a.kind,
            reader: self.stance.name().to_string(),
        }];
        reasons.extend(images.into_iter().map(Reason::image_text));
        reasons.extend(s.reasons);
        Some(Hit {
            rule: RuleCode::PostStance,
            label: s.label,
            target: s.target,
            score: s.score,
            reasons,
        })
    }

    /// The stance of the activity's own words: its text; when the text
    /// alone takes no side, the text with what was read in its images (OCR)
    /// — each image in turn, then all of them — and the images whose words
    /// decided, so the reasons can name them.
    fn own_words_stance<'a>(&self, a: &'a Activity) -> Option<(Stance, Vec<&'a ImageText>)> {
        if let Some(s) = self.stance.stance(&a.text) {
            return Some((s, Vec::new()));
        }
        let images: Vec<&ImageText> = a.image_texts().collect();
        let with = |imgs: &[&ImageText]| {
            let mut t = a.text.clone();
            for i in imgs {
                if !t.is_empty() {
                    t.push('\n');
                }
                t.push_str(&i.text);
            }
            self.stance.stance(&t)
        };
        for &i in &images {
            if let Some(s) = with(&[i]) {
                return Some((s, vec![i]));
            }
        }
        if images.len() > 1 {
            if let Some(s) = with(images.as_slice()) {
                return Some((s, images));
            }
        }
        None
    }

    fn own_text(&self, a: &Activity, hits: &mut Vec<Hit>) {
        hits.extend(self.own_stance(a));
    }

    fn like(&self, a: &Activity, hits: &mut Vec<Hit>) {
        let Some(t) = &a.target else { return };
        let reaction = a.reaction.unwrap_or(Reaction::Like);
        let endorses = matches!(reaction, Reaction::Like | Reaction::Love | Reaction::Care);
        let mocks = reaction == Reaction::Haha;
        if let Some((key, pair)) = self.official(a) {
            if endorses {
                hits.push(Hit {
                    rule: RuleCode::LikeOfficial,
                    label: Label::Support,
                    target: pair,
                    score: 0.9,
                    reasons: vec![Reason::LikeOfficial {
                        reaction,
                        account: key,
                        pair,
                    }],
                });
            } else if mocks {
                hits.push(Hit {
                    rule: RuleCode::ReactMocking,
                    label: Label::Oppose,
                    target: pair,
                    score: 0.7,
                    reasons: vec![Reason::MockingOfficial { account: key, pair }],
                });
            }
            return;
        }
        let Some(s) = self.target_stance(t) else {
            return;
        };
        let (rule, label, lead) = match (s.label, endorses, mocks) {
            (Label::Support, true, _) => (
                RuleCode::LikeSupportive,
                Label::Support,
                Reason::LikeSupportive {
                    reaction,
                    pair: s.target,
                },
            ),
            (Label::Support, _, true) => (
                RuleCode::ReactMocking,
                Label::Oppose,
                Reason::MockingSupportive { pair: s.target },
            ),
            (Label::Oppose, true, _) | (Label::Oppose, _, true) => (
                RuleCode::LikeAttack,
                Label::Oppose,
                Reason::LikeAttack {
                    reaction,
                    pair: s.target,
                },
            ),
            _ => return,
        };
        hits.push(self.target_hit(rule, label, &s, lead));
    }

    /// A hit whose pair and evidence come from the target's stance.
    fn target_hit(&self, rule: RuleCode, label: Label, s: &Stance, lead: Reason) -> Hit {
        let mut reasons = vec![
            lead,
            Reason::TargetRead {
                reader: self.stance.name().to_string(),
            },
        ];
        reasons.extend(s.reasons.iter().cloned());
        Hit {
            rule,
            label,
            target: s.target,
            score: s.score * 0.9,
            reasons,
        }
    }

    fn follow(&self, a: &Activity, hits: &mut Vec<Hit>) {
        if let Some((key, pair)) = self.official(a) {
            hits.push(Hit {
                rule: RuleCode::FollowOfficial,
                label: Label::Support,
                target: pair,
                score: 0.85,
                reasons: vec![Reason::FollowOfficial { account: key, pair }],
            });
            return;
        }
        let Some(t) = &a.target else { return };
        let Some(s) = self.target_stance(t) else {
            return;
        };
        let account = t.account.clone();
        let (rule, lead) = if s.label == Label::Support {
            (
                RuleCode::FollowSupportive,
                Reason::FollowSupportive {
                    account,
                    pair: s.target,
                },
            )
        } else {
            (
                RuleCode::FollowAttack,
                Reason::FollowAttack {
                    account,
                    pair: s.target,
                },
            )
        };
        hits.push(self.target_hit(rule, s.label, &s, lead));
    }

    fn share(&self, a: &Activity, hits: &mut Vec<Hit>) {
        if let Some(h) = self.own_stance(a) {
            hits.push(h);
            return;
        }
        let own = self.normalizer.normalize(&a.text);
        let tone = text_stance::tone(&own);
        if matches!(tone, Tone::Disapproving(_)) {
            // Shared to criticise: not an endorsement of the content.
            return;
        }
        let laughing = own
            .features(TokenKind::Emoji)
            .any(|t| cues::contains(cues::MOCKING_EMOJI, t.text()));
        let target_stance = a.target.as_ref().and_then(|t| self.target_stance(t));
        let laughs_at_attack = laughing
            && target_stance
                .as_ref()
                .is_some_and(|s| s.label == Label::Oppose);
        if a.kind == ActivityKind::Quote
            && !matches!(tone, Tone::Approving(_))
            && !words(&own).is_empty()
            && !laughs_at_attack
        {
            // A quote with words that neither approve nor take a side: commentary.
            return;
        }
        let (approving, laughing) = match &tone {
            Tone::Approving(c) => (c.clone(), false),
            _ => (Vec::new(), laughs_at_attack),
        };
        if let Some((key, pair)) = self.official(a) {
            hits.push(Hit {
                rule: RuleCode::ShareOfficial,
                label: Label::Support,
                target: pair,
                score: 0.85,
                reasons: vec![Reason::ShareOfficial {
                    kind: a.kind,
                    account: key,
                    pair,
                    approving,
                    laughing,
                }],
            });
            return;
        }
        let Some(s) = target_stance else { return };
        let (rule, lead) = if s.label == Label::Support {
            (
                RuleCode::ShareSupportive,
                Reason::ShareSupportive {
                    kind: a.kind,
                    pair: s.target,
                    approving,
                    laughing,
                },
            )
        } else {
            (
                RuleCode::ShareAttack,
                Reason::ShareAttack {
                    kind: a.kind,
                    pair: s.target,
                    approving,
                    laughing,
                },
            )
        };
        hits.push(self.target_hit(rule, s.label, &s, lead));
    }

    fn comment(&self, a: &Activity, hits: &mut Vec<Hit>) {
        if let Some(h) = self.own_stance(a) {
            hits.push(h);
            return;
        }
        let tone = text_stance::tone(&self.normalizer.normalize(&a.text));
        let (approving, cues) = match tone {
            Tone::Approving(c) => (true, c),
            Tone::Disapproving(c) => (false, c),
            Tone::Neither => return,
        };
        let label = if approving {
            Label::Support
        } else {
            Label::Oppose
        };
        if let Some((key, pair)) = self.official(a) {
            hits.push(Hit {
                rule: RuleCode::CommentOfficial,
                label,
                target: pair,
                score: 0.8,
                reasons: vec![Reason::CommentOfficial {
                    kind: a.kind,
                    account: key,
                    pair,
                    approving,
                    cues,
                }],
            });
            return;
        }
        let Some(t) = &a.target else { return };
        let Some(s) = self.target_stance(t) else {
            return;
        };
        let (rule, label, lead) = match (s.label, approving) {
            (Label::Support, _) => (
                RuleCode::CommentSupportive,
                label,
                Reason::CommentSupportive {
                    kind: a.kind,
                    pair: s.target,
                    approving,
                    cues,
                },
            ),
            (Label::Oppose, true) => (
                RuleCode::CommentAttack,
                Label::Oppose,
                Reason::CommentAttack {
                    kind: a.kind,
                    pair: s.target,
                    cues,
                },
            ),
            _ => return,
        };
        hits.push(self.target_hit(rule, label, &s, lead));
    }

    fn profile(&self, a: &Activity, hits: &mut Vec<Hit>) {
        let n = self.normalizer.normalize(&a.text);
        let w = words(&n);
        let surface = surface_words(&n);
        let before = hits.len();
        // Party membership: a membership word up to three words before a party's name.
        for (party, name, pair) in &self.parties {
            let Some(i) = (0..(surface.len() + 1).saturating_sub(party.len()))
                .find(|&i| surface[i..i + party.len()] == party[..])
            else {
                continue;
            };
            if let Some(m) = surface[i.saturating_sub(3)..i]
                .iter()
                .find(|x| cues::contains(cues::MEMBERSHIP, x))
            {
                hits.push(Hit {
                    rule: RuleCode::ProfilePartyMembership,
                    label: Label::Support,
                    target: *pair,
                    score: 0.85,
                    reasons: vec![Reason::ProfileParty {
                        word: m.clone(),
                        party: name.clone(),
                        pair: *pair,
                    }],
                });
            }
        }
        // Campaign role: a role word and a counted mention of one pair.
        let words_ref: Vec<&str> = w.iter().map(String::as_str).collect();
        let role = w
            .iter()
            .find(|x| cues::contains(cues::CAMPAIGN_ROLE, x))
            .cloned()
            .or_else(|| {
                cues::CAMPAIGN_ROLE_PHRASES
                    .iter()
                    .find(|p| cues::has_phrase(&words_ref, p))
                    .map(|p| (*p).to_string())
            });
        if let Some(role) = role {
            if let Some((pair, named)) = self.one_pair(&[&n]) {
                hits.push(Hit {
                    rule: RuleCode::ProfileCampaignRole,
                    label: Label::Support,
                    target: pair,
                    score: 0.85,
                    reasons: vec![
                        Reason::ProfileCampaign { role, pair },
                        Reason::Matched { terms: named },
                    ],
                });
            }
        }
        if hits.len() == before {
            hits.extend(self.own_stance(a));
        }
    }

    /// The one pair counted mentions in `texts` name, with the matches
    /// described; `None` when no pair or several are named.
    fn one_pair(&self, texts: &[&Normalized]) -> Option<(u32, Vec<Term>)> {
        let mut pair = None;
        let mut named = Vec::new();
        for n in texts {
            for m in self.matcher.find(n) {
                match pair {
                    None => pair = Some(m.pair),
                    Some(p) if p != m.pair => return None,
                    Some(_) => {}
                }
                named.push(Term {
                    kind: m.kind.as_str().to_string(),
                    text: m.matched.clone(),
                    pair: m.pair,
                    sure: true,
                });
            }
        }
        pair.map(|p| (p, named))
    }

    fn twibbon(&self, a: &Activity, hits: &mut Vec<Hit>) {
        let text = self.normalizer.normalize(&a.text);
        // Image descriptions (alt text), then the text read in the images.
        let alts: Vec<(Normalized, Option<&ImageText>)> = a
            .media
            .iter()
            .filter_map(|m| m.alt.as_deref())
            .map(|alt| (self.normalizer.normalize(alt), None))
            .chain(
                a.image_texts()
                    .map(|i| (self.normalizer.normalize(&i.text), Some(i))),
            )
            .collect();
        let says_twibbon =
            |n: &Normalized| words(n).iter().any(|w| cues::contains(cues::TWIBBON, w));
        let (source, alt_text, image) = match alts.iter().find(|(n, _)| says_twibbon(n)) {
            Some((alt, image)) => (alt, true, *image),
            None if says_twibbon(&text) => (&text, false, None),
            None => return,
        };
        let Some((pair, named)) = self.one_pair(&[source, &text]) else {
            return;
        };
        let mut reasons = vec![Reason::Twibbon {
            alt_text,
            text: source.original().to_string(),
            pair,
        }];
        reasons.extend(image.map(Reason::image_text));
        reasons.push(Reason::Matched { terms: named });
        hits.push(Hit {
            rule: RuleCode::Twibbon,
            label: Label::Support,
            target: pair,
            score: 0.8,
            reasons,
        });
    }

    fn finger_pose(&self, a: &Activity, timing: &Timing, hits: &mut Vec<Hit>) {
        if !timing.determined || !timing.until_voting {
            return;
        }
        let numbers = self.election.numbers();
        for m in &a.media {
            let Some(alt) = m.alt.as_deref() else {
                continue;
            };
            let n = self.normalizer.normalize(alt);
            let toks: Vec<&netra_text::Token> = n
                .text_tokens()
                .filter(|(_, t)| matches!(t.kind(), TokenKind::Word | TokenKind::Number))
                .map(|(_, t)| t)
                .collect();
            let has = |set| toks.iter().any(|t| cues::contains(set, t.match_form()));
            if !has(cues::POSE) || has(cues::CHILD) {
                continue;
            }
            // "… dua jari", "… 3 jari": the count right before "jari".
            let count = toks.iter().enumerate().find_map(|(i, t)| {
                (t.match_form() == "jari" && i > 0)
                    .then(|| {
                        toks[i.saturating_sub(2)..i]
                            .iter()
                            .rev()
                            .find_map(|p| p.value())
                    })
                    .flatten()
            });
            let Some(count) = count.filter(|c| numbers.contains(c)) else {
                continue;
            };
            let caption = self.normalizer.normalize(&a.text);
            let Some(cue) = self.campaign_caption(&caption, count) else {
                continue;
            };
            hits.push(Hit {
                rule: RuleCode::FingerPose,
                label: Label::Support,
                target: count,
                score: 0.75,
                reasons: vec![
                    Reason::FingerPose {
                        count,
                        alt: alt.to_string(),
                    },
                    cue,
                    Reason::FingerPoseWindow,
                ],
            });
            return;
        }
    }

    /// Why a caption campaigns for ballot number `n`: its finger or keycap
    /// emoji, a campaign word, or a mention of the pair.
    fn campaign_caption(&self, caption: &Normalized, n: u32) -> Option<Reason> {
        for (_, t) in caption.text_tokens() {
            if t.value() == Some(n) && t.flags().intersects(Flags::FINGER | Flags::EMOJI_DIGIT) {
                return Some(Reason::CaptionNumber {
                    text: caption.original_of(t).to_string(),
                    number: n,
                });
            }
            if cues::contains(cues::CAMPAIGN_CAPTION, t.match_form()) {
                return Some(Reason::CaptionWord {
                    word: caption.original_of(t).to_string(),
                });
            }
        }
        self.matcher
            .find(caption)
            .into_iter()
            .find(|m| m.pair == n)
            .map(|m| Reason::CaptionNames {
                term: Term {
                    kind: m.kind.as_str().to_string(),
                    text: m.matched.clone(),
                    pair: m.pair,
                    sure: true,
                },
            })
    }
}

impl Detector for RuleEngine {
    fn detect(&self, activity: &Activity) -> Vec<Signal> {
        self.findings(activity)
            .into_iter()
            .map(|f| f.signal)
            .collect()
    }
}
