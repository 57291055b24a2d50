//! Slotted text, the featuriser's input: `netra-text`'s normalised tokens
//! with every counted pair mention ([`netra_text::Matcher`]) replaced by a
//! pair slot, so that no candidate name reaches the model ("dukung §P"
//! whichever pair the config calls §P).
//!
//! Normalising (folding, slang, leet, elongation, negation scope, hashtag
//! segments) and matching (names, aliases, hashtags, slogans, parties,
//! accounts, ballot numbers, context rules for ambiguous terms) are
//! `netra-text`'s. The slotting rule is [`netra_text::slot`]'s: a match's
//! token range becomes one slot, and a match overlapping an earlier (or
//! longer) one is ignored. What this module adds, and why it is not
//! `netra_text::slot` itself:
//! - each unit keeps its **token kind**, **negation flag** and **cue
//!   classes**, which the featuriser needs and `slot`'s string pieces drop;
//! - a pair term **inside an unlisted hashtag** (`#TangkapX`) becomes a slot
//!   among the hashtag's other segments (`#tangkap §P#`), where `slot`
//!   replaces the whole hashtag by the first match (a hashtag naming two
//!   pairs keeps both here);
//! - an **ambiguous term the matcher did not count** for lack of context
//!   (a given name such as a candidate's first name alone, a common word
//!   listed as an alias: [`netra_text::Rejected`]) becomes an *uncertain*
//!   slot (`§P?`), so the model learns from data how much such a mention
//!   says, instead of reading the name as nothing;
//! - a slot whose own words are attack or abuse cues (an insult of a pair's
//!   supporters listed as an alias in the config) is marked *pejorative*
//!   (`§P!`), since slotting would otherwise hide the insult;
//! - the **placeholders of the training corpora** (`USER`, `URL`,
//!   `[USERNAME]`, `[URL]`, `[RE handle]`, a leading `RT`, HTML entities)
//!   are read as mentions and links ([`strip_corpus_markup`]); they are
//!   artefacts of how the corpora were exported, not of social-media text,
//!   so they do not belong in the general normaliser.
//!
//! Unit texts live in one buffer, so slotting allocates a few vectors per
//! text, not a string per token.

use std::borrow::Cow;
use std::ops::Range;

use netra_text::{Findings, Flags, MatchKind, Matcher, Normalized, Token, TokenKind};

use super::lexicon::{Cue, CueLexicon, CueSet};

/// What a unit of slotted text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    /// A word or number (normalised).
    Word,
    /// A hashtag that names no pair (its body, lower case, without `#`), or
    /// a segment of a hashtag that names one.
    Tag,
    /// One emoji.
    Emoji,
    /// `!` or `?` (other punctuation ends an n-gram segment instead).
    Punct,
    /// A sentence boundary (`.`, `,`, `:` …): no n-gram crosses it.
    Break,
    /// A link.
    Url,
    /// An `@mention` that names no pair.
    User,
    /// A pair mention; see [`Unit::pair`] and [`Unit::slot`].
    Slot,
}

/// The slot classes the featuriser tells apart: names, aliases and
/// accounts look alike; hashtags, numbers, slogans and parties keep their
/// own slot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SlotKind {
    /// A name, alias or account.
    Name,
    /// A campaign hashtag, or a pair term inside a hashtag.
    Hashtag,
    /// A ballot number or finger count.
    Number,
    /// A slogan.
    Slogan,
    /// A supporting party.
    Party,
}

/// Number of [`SlotKind`]s.
pub const SLOT_KINDS: usize = 5;

impl SlotKind {
    /// All kinds, in index order.
    pub const ALL: [SlotKind; SLOT_KINDS] = [
        SlotKind::Name,
        SlotKind::Hashtag,
        SlotKind::Number,
        SlotKind::Slogan,
        SlotKind::Party,
    ];

    fn of(kind: MatchKind) -> SlotKind {
        match kind {
            MatchKind::Account | MatchKind::Name | MatchKind::Alias => SlotKind::Name,
            MatchKind::Hashtag => SlotKind::Hashtag,
            MatchKind::BallotNumber | MatchKind::FingerGesture => SlotKind::Number,
            MatchKind::Slogan => SlotKind::Slogan,
            MatchKind::Party => SlotKind::Party,
        }
    }

    /// The word used in feature names.
    pub fn as_str(self) -> &'static str {
        match self {
            SlotKind::Name => "name",
            SlotKind::Hashtag => "hashtag",
            SlotKind::Number => "ballot number",
            SlotKind::Slogan => "slogan",
            SlotKind::Party => "party",
        }
    }

    /// The suffix of the slot's rendering (`§P#`, `§Tn`).
    pub fn suffix(self) -> &'static str {
        match self {
            SlotKind::Name => "",
            SlotKind::Hashtag => "#",
            SlotKind::Number => "n",
            SlotKind::Slogan => "s",
            SlotKind::Party => "p",
        }
    }

    /// Index for per-kind counters.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// One unit of slotted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub kind: UnitKind,
    /// The unit's text in [`Slotted::text_of`] (empty for slots, links,
    /// mentions and breaks).
    text: Range<u32>,
    /// Ballot number, for slots.
    pub pair: u32,
    /// Slot class, for slots.
    pub slot: SlotKind,
    /// In the scope of a negation word.
    pub neg: bool,
    /// Cue classes of a word, hashtag or emoji.
    pub cue: CueSet,
    /// For slots: the matcher counted the mention (else it is an ambiguous
    /// term without context).
    pub sure: bool,
    /// For slots: the mention's own words are attack or abuse cues.
    pub mock: bool,
    /// For slots: the index of the mention in [`Slotted::mentions`].
    pub mention: u32,
    /// Hash of the unit's kind and text (computed once, used by every view).
    pub(crate) hash: u64,
}

/// A pair mention, counted by the matcher or not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Ballot number.
    pub pair: u32,
    /// What matched.
    pub kind: MatchKind,
    /// Byte span in [`Normalized::original`].
    pub span: Range<usize>,
    /// Range of [`Normalized::tokens`] the mention covers (a hashtag's
    /// token for a term inside a hashtag).
    pub tokens: Range<usize>,
    /// A token of the mention is negated.
    pub negated: bool,
    /// Counted by the matcher (else ambiguous without context).
    pub sure: bool,
}

/// A text after normalising, matching and slotting.
#[derive(Debug, Clone)]
pub struct Slotted {
    /// `netra-text`'s normalised text.
    pub normalized: Normalized,
    /// Counted and uncertain mentions (counted first, each in text order).
    pub mentions: Vec<Mention>,
    /// Units in text order.
    pub units: Vec<Unit>,
    /// Indices of the slot units, in text order.
    pub slots: Vec<u32>,
    /// How the text was written (case, quotes).
    pub shape: Shape,
    buf: String,
}

/// How a text was written, from the original casing and punctuation:
/// headlines are in title case, shouting in capitals, reported speech in
/// quotes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    /// Words (text level, letters only).
    pub words: u32,
    /// Words written with a capital first letter.
    pub title: u32,
    /// Words of two letters or more written in capitals only.
    pub caps: u32,
    /// The text has a quotation mark.
    pub quote: bool,
}

impl Slotted {
    /// The text of a unit.
    pub fn text_of(&self, u: &Unit) -> &str {
        self.buf
            .get(u.text.start as usize..u.text.end as usize)
            .unwrap_or("")
    }

    /// The slot units, in text order.
    pub fn slot_units(&self) -> impl Iterator<Item = &Unit> {
        self.slots.iter().map(|&i| &self.units[i as usize])
    }

    /// True when some pair is named.
    pub fn has_mentions(&self) -> bool {
        !self.slots.is_empty()
    }

    /// Ballot numbers named, in order of first mention.
    pub fn pairs_in_order(&self) -> Vec<u32> {
        let mut out = Vec::new();
        for u in self.slot_units() {
            if !out.contains(&u.pair) {
                out.push(u.pair);
            }
        }
        out
    }

    /// True when some pair is named with a mention the matcher counted.
    pub fn has_sure_mentions(&self) -> bool {
        self.slot_units().any(|u| u.sure)
    }

    /// The units as strings, for experiments outside netra (`netra train
    /// --export-split` writes them): words and emoji as written (a negated
    /// one with `¬`), hashtags with `#`, `<url>`, `<@>`, a slot as
    /// `§<ballot number><kind suffix>` with `!` when pejorative and `?` when
    /// uncertain, a segment break as `|`.
    pub fn unit_strings(&self) -> Vec<String> {
        self.units
            .iter()
            .map(|u| match u.kind {
                UnitKind::Word | UnitKind::Emoji | UnitKind::Punct => {
                    format!("{}{}", if u.neg { "¬" } else { "" }, self.text_of(u))
                }
                UnitKind::Tag => format!("#{}", self.text_of(u)),
                UnitKind::Url => "<url>".into(),
                UnitKind::User => "<@>".into(),
                UnitKind::Slot => format!(
                    "§{}{}{}{}",
                    u.pair,
                    u.slot.suffix(),
                    if u.mock { "!" } else { "" },
                    if u.sure { "" } else { "?" }
                ),
                UnitKind::Break => "|".into(),
            })
            .collect()
    }

    /// The mention behind a slot unit.
    pub fn mention_of(&self, u: &Unit) -> Option<&Mention> {
        (u.kind == UnitKind::Slot)
            .then(|| self.mentions.get(u.mention as usize))
            .flatten()
    }

    /// What was written for a mention.
    pub fn surface(&self, m: &Mention) -> &str {
        self.normalized.original().get(m.span.clone()).unwrap_or("")
    }
}

/// Units under construction.
#[derive(Default)]
struct Parts {
    units: Vec<Unit>,
    slots: Vec<u32>,
    buf: String,
}

impl Parts {
    fn push(&mut self, kind: UnitKind, text: &str, neg: bool, cue: CueSet) {
        let a = u32::try_from(self.buf.len()).unwrap_or(u32::MAX);
        self.buf.push_str(text);
        let z = u32::try_from(self.buf.len()).unwrap_or(u32::MAX);
        self.units.push(Unit {
            kind,
            text: a..z,
            pair: 0,
            slot: SlotKind::Name,
            neg,
            cue,
            sure: false,
            mock: false,
            mention: 0,
            hash: super::features::unit_text_hash(kind, text),
        });
    }

    fn push_slot(&mut self, m: &Mention, k: usize, slot: SlotKind, mock: bool) {
        let at = u32::try_from(self.buf.len()).unwrap_or(u32::MAX);
        self.slots
            .push(u32::try_from(self.units.len()).unwrap_or(u32::MAX));
        self.units.push(Unit {
            kind: UnitKind::Slot,
            text: at..at,
            pair: m.pair,
            slot,
            neg: m.negated,
            cue: 0,
            sure: m.sure,
            mock,
            mention: u32::try_from(k).unwrap_or(u32::MAX),
            hash: 0,
        });
    }
}

/// Reads the placeholders of the training corpora as what they stand for:
/// `USER` and `[USERNAME]` → a mention, `URL` and `[URL]` → a link,
/// `[RE handle]` and a leading `RT` dropped, `&amp;` `&lt;` `&gt;` `&quot;`
/// decoded. Borrows when there is nothing to do (almost always outside the
/// corpora).
pub fn strip_corpus_markup(text: &str) -> Cow<'_, str> {
    let has_upper_marker = text.contains("USER") || text.contains("URL") || text.contains("RT");
    if !has_upper_marker && !text.contains('[') && !text.contains('&') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    let mut only_mentions = true;
    while !rest.is_empty() {
        let ws = rest.len() - rest.trim_start().len();
        out.push_str(&rest[..ws]);
        rest = &rest[ws..];
        if rest.is_empty() {
            break;
        }
        // `[RE handle]`, `[USERNAME]`, `[URL]`.
        if let Some(inner) = rest.strip_prefix('[') {
            if let Some(close) = inner.find(']') {
                let body = &inner[..close];
                let replaced = match body {
                    "USERNAME" => Some("@user"),
                    "URL" => Some("http://url"),
                    _ if body.strip_prefix("RE ").is_some_and(|h| {
                        !h.is_empty() && h.chars().all(|c| c.is_alphanumeric() || c == '_')
                    }) =>
                    {
                        Some("")
                    }
                    _ => None,
                };
                if let Some(r) = replaced {
                    out.push_str(r);
                    rest = &inner[close + 1..];
                    continue;
                }
            }
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        // The word without trailing punctuation (`USER:`).
        let bare = word.trim_end_matches(|c: char| c.is_ascii_punctuation());
        let tail = &word[bare.len()..];
        match bare {
            "USER" => out.push_str("@user"),
            "URL" => out.push_str("http://url"),
            "RT" if only_mentions => {}
            _ => {
                if word.contains('&') {
                    out.push_str(
                        &word
                            .replace("&amp;", "&")
                            .replace("&lt;", "<")
                            .replace("&gt;", ">")
                            .replace("&quot;", "\""),
                    );
                } else {
                    out.push_str(word);
                }
                only_mentions &= word.starts_with('@');
                rest = &rest[end..];
                continue;
            }
        }
        out.push_str(tail);
        rest = &rest[end..];
    }
    Cow::Owned(out)
}

/// Normalises and matches `text` with `matcher`, then slots it.
pub fn slot(matcher: &Matcher, lexicon: &CueLexicon, text: &str) -> Slotted {
    let text = strip_corpus_markup(text);
    let normalized = matcher.normalizer().normalize(&text);
    let findings = matcher.find_all(&normalized);
    slot_findings(normalized, findings, lexicon)
}

/// The text-level tokens a rejected candidate's byte span covers: its
/// words, or the hashtag it lies in.
fn tokens_of_span(tokens: &[Token], span: &Range<usize>) -> Option<Range<usize>> {
    let mut first = None;
    let mut last = 0;
    for (i, t) in tokens.iter().enumerate() {
        if t.has(Flags::IN_HASHTAG) {
            continue;
        }
        let ts = t.span();
        if ts.start <= span.start && span.end <= ts.end && t.kind() == TokenKind::Hashtag {
            return Some(i..i + 1);
        }
        if ts.start >= span.start && ts.end <= span.end {
            first.get_or_insert(i);
            last = i;
        } else if ts.start >= span.end {
            break;
        }
    }
    first.map(|f| f..last + 1)
}

fn mentions_of(tokens: &[Token], findings: Findings) -> Vec<Mention> {
    let mut out: Vec<Mention> = findings
        .matches
        .into_iter()
        .map(|m| Mention {
            pair: m.pair,
            kind: m.kind,
            span: m.span,
            tokens: m.tokens,
            negated: m.negated,
            sure: true,
        })
        .collect();
    for r in findings.rejected {
        let Some(tr) = tokens_of_span(tokens, &r.span) else {
            continue;
        };
        let negated = tokens[tr.clone()].iter().any(|t| t.has(Flags::NEGATED));
        out.push(Mention {
            pair: r.pair,
            kind: r.kind,
            span: r.span,
            tokens: tr,
            negated,
            sure: false,
        });
    }
    out
}

fn punct_unit(text: &str) -> Option<UnitKind> {
    if text.contains(['!', '?']) {
        Some(UnitKind::Punct)
    } else if text.chars().any(|c| {
        matches!(
            c,
            '.' | ',' | ':' | ';' | '"' | '(' | ')' | '…' | '“' | '”' | '|'
        )
    }) {
        Some(UnitKind::Break)
    } else {
        // `-`, `/`, `&`, `*` …: joiners and decoration, not boundaries.
        None
    }
}

/// Slots normalised text with the matcher's findings (see the module docs).
#[allow(
    clippy::too_many_lines,
    reason = "one walk over the tokens, one arm per token kind"
)]
#[allow(
    clippy::many_single_char_names,
    reason = "n, i, j, k, m, s, t: token count, token and mention indices, the mention, the units, a token"
)]
pub fn slot_findings(normalized: Normalized, findings: Findings, lexicon: &CueLexicon) -> Slotted {
    const NONE: u32 = u32::MAX;
    let tokens = normalized.tokens();
    let n = tokens.len();
    let matches = mentions_of(tokens, findings);
    // Owner of each token, by netra_text::slot's rule: earlier, then longer
    // matches first (counted before uncertain ones); a match overlapping an
    // owned token is ignored.
    let mut owner: Vec<u32> = vec![NONE; n];
    let mut order: Vec<usize> = (0..matches.len()).collect();
    order.sort_by_key(|&k| {
        (
            !matches[k].sure,
            matches[k].tokens.start,
            std::cmp::Reverse(matches[k].tokens.end),
        )
    });
    // Hashtags holding pair terms of unlisted hashtags: (token, match) pairs.
    let mut in_tag: Vec<(usize, usize)> = Vec::new();
    for &k in &order {
        let m = &matches[k];
        let r = m.tokens.start.min(n)..m.tokens.end.min(n);
        if r.len() == 1
            && tokens[r.start].kind() == TokenKind::Hashtag
            && m.span != tokens[r.start].span()
        {
            in_tag.push((r.start, k));
            continue;
        }
        if r.clone().any(|i| owner[i] != NONE) {
            continue;
        }
        for i in r {
            owner[i] = u32::try_from(k).unwrap_or(NONE);
        }
    }
    let mut s = Parts {
        units: Vec::with_capacity(n + 2),
        slots: Vec::new(),
        buf: String::with_capacity(normalized.text().len() + 8),
    };
    let mock_of = |m: &Mention| {
        let r = m.tokens.start.min(n)..m.tokens.end.min(n);
        tokens[r].iter().any(|t| {
            t.kind() == TokenKind::Word
                && lexicon.get(t.text()) & (Cue::Oppose.bit() | Cue::Abusive.bit()) != 0
        })
    };
    let mut last: u32 = NONE;
    let mut shape = Shape::default();
    let mut i = 0;
    while i < n {
        let t = &tokens[i];
        if t.has(Flags::IN_HASHTAG) {
            i += 1;
            continue;
        }
        match t.kind() {
            TokenKind::Word => {
                let w = normalized.original_of(t);
                let mut chars = w.chars().filter(|c| c.is_alphabetic());
                if let Some(c) = chars.next() {
                    shape.words += 1;
                    if c.is_uppercase() {
                        shape.title += 1;
                        let rest_upper = chars.all(char::is_uppercase);
                        if rest_upper && w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some() {
                            shape.caps += 1;
                        }
                    }
                }
            }
            TokenKind::Punct => {
                shape.quote |= t.text().contains(['"', '“', '”']);
            }
            _ => {}
        }
        let neg = t.has(Flags::NEGATED);
        if owner[i] != NONE {
            let k = owner[i];
            if k != last {
                let m = &matches[k as usize];
                s.push_slot(m, k as usize, SlotKind::of(m.kind), mock_of(m));
            }
            last = k;
            i += 1;
            continue;
        }
        last = NONE;
        match t.kind() {
            TokenKind::Word | TokenKind::Number => {
                let cue = lexicon.get(t.text());
                s.push(UnitKind::Word, t.text(), neg, cue);
            }
            TokenKind::Hashtag => {
                let body = t.text().strip_prefix('#').unwrap_or(t.text());
                let inner: Vec<usize> = in_tag
                    .iter()
                    .filter(|(tok, _)| *tok == i)
                    .map(|(_, k)| *k)
                    .collect();
                if inner.is_empty() {
                    let cue = lexicon.get(body);
                    s.push(UnitKind::Tag, body, neg, cue);
                } else {
                    // Segments: each inside a match becomes (part of) a slot.
                    let mut j = i + 1;
                    let mut pushed = false;
                    let mut last_k = usize::MAX;
                    while j < n && tokens[j].has(Flags::IN_HASHTAG) {
                        let seg = &tokens[j];
                        let sp = seg.span();
                        let hit = inner.iter().copied().find(|&k| {
                            let m = &matches[k];
                            m.span.start < sp.end && sp.start < m.span.end
                        });
                        match hit {
                            Some(k) if k != last_k => {
                                let mock = lexicon.get(seg.text())
                                    & (Cue::Oppose.bit() | Cue::Abusive.bit())
                                    != 0;
                                s.push_slot(&matches[k], k, SlotKind::Hashtag, mock);
                                last_k = k;
                            }
                            Some(_) => {}
                            None => {
                                let cue = lexicon.get(seg.text());
                                s.push(UnitKind::Tag, seg.text(), seg.has(Flags::NEGATED), cue);
                                last_k = usize::MAX;
                            }
                        }
                        pushed = true;
                        j += 1;
                    }
                    if !pushed {
                        // No segments to place the terms among: one slot per pair.
                        let mut seen: Vec<u32> = Vec::new();
                        for &k in &inner {
                            if !seen.contains(&matches[k].pair) {
                                seen.push(matches[k].pair);
                                s.push_slot(&matches[k], k, SlotKind::Hashtag, false);
                            }
                        }
                    }
                }
            }
            TokenKind::Mention => s.push(UnitKind::User, "", false, 0),
            TokenKind::Url => s.push(UnitKind::Url, "", false, 0),
            TokenKind::Emoji => {
                let cue = lexicon.get(t.text());
                s.push(UnitKind::Emoji, t.text(), false, cue);
            }
            TokenKind::Punct => match punct_unit(t.text()) {
                Some(UnitKind::Punct) => {
                    let p = if t.text().contains('!') { "!" } else { "?" };
                    s.push(UnitKind::Punct, p, false, 0);
                }
                Some(_) if s.units.last().is_some_and(|u| u.kind != UnitKind::Break) => {
                    s.push(UnitKind::Break, "", false, 0);
                }
                Some(_) | None => {}
            },
        }
        i += 1;
    }
    Slotted {
        normalized,
        mentions: matches,
        units: s.units,
        slots: s.slots,
        shape,
        buf: s.buf,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use netra_core::Election;

    const CONFIG: &str = r#"
[election]
id = "demo-2030"
name = "Pemilihan Demo"
region = "Kota Contoh"
[election.timeline]
candidate_determination = 2030-09-22
campaign_start = 2030-09-25
campaign_end = 2030-11-23
voting_day = 2030-11-27
[[candidates]]
number = 1
names = ["Yohana Siregar", "Hendra Gunawan"]
aliases = ["Bu Yohana", "kecebong"]
hashtags = ["SatuMenang"]
slogans = ["Kota Hebat Sekali"]
parties = ["Partai Contoh"]
accounts = [{ platform = "x", handle = "calonsatu" }]
[[candidates]]
number = 2
names = ["Budi Darma", "Yanti Susanti"]
aliases = ["Darmawangsa", "Budi"]
"#;

    fn matcher() -> Matcher {
        let e = Election::from_toml_str(CONFIG, "t.toml").unwrap();
        Matcher::new(&crate::rules::pair_terms(&e))
    }

    /// Slotted text rendered as a string: slots as `§<pair><suffix>`.
    fn render(text: &str) -> String {
        let mut lex = CueLexicon::curated();
        lex.add("kecebong", Cue::Oppose);
        slot(&matcher(), &lex, text).unit_strings().join(" ")
    }

    #[test]
    fn mentions_become_slots() {
        let cases = [
            ("Ayo dukung Yohana Siregar!", "ayo dukung §1 !"),
            ("jangan pilih budi darma", "jangan ¬pilih §2"),
            ("Gak mau pilih Darmawangsa", "tidak ¬mau ¬pilih §2"),
            (
                "#SatuMenang #TangkapBudiDarma #lainnya",
                "§1# #tangkap §2# #lainnya",
            ),
            (
                "coblos 02 ya, pilkada sebentar lagi",
                "coblos §2n ya | pilkada sebentar lagi",
            ),
            ("@calonsatu @orang halo", "§1 <@> halo"),
            ("kader Partai Contoh", "kader §1p"),
            ("Darmawangsa vs Yohana Siregar", "§2 lawan §1"),
        ];
        for (text, want) in cases {
            assert_eq!(render(text), want, "{text}");
        }
    }

    #[test]
    fn ambiguous_terms_without_context_are_uncertain_slots() {
        // "Budi" is a given name: alone it is not counted, but it is slotted as uncertain.
        assert_eq!(render("Budi hebat sekali"), "§2? hebat sekali");
        // An insult listed as an alias is a pejorative slot.
        assert_eq!(render("dasar kecebong"), "dasar §1!");
        assert_eq!(
            render("kecebong ribut, Yohana Siregar tenang"),
            "§1! ribut | §1 tenang"
        );
    }

    #[test]
    fn corpus_placeholders_are_read_as_mentions_and_links() {
        let cases = [
            ("RT USER: USER halo URL", " @user: @user halo http://url"),
            (
                "[USERNAME] kata [URL] [RE budi_1]",
                "@user kata http://url ",
            ),
            ("a &amp; b", "a & b"),
            ("Biasa saja tanpa penanda", "Biasa saja tanpa penanda"),
            ("[RE", "[RE"),
        ];
        for (text, want) in cases {
            assert_eq!(strip_corpus_markup(text), want, "{text}");
        }
        assert_eq!(render("USER USER halo [RE x1]"), "<@> <@> halo");
        assert!(matches!(strip_corpus_markup("tanpa"), Cow::Borrowed(_)));
    }

    #[test]
    fn mentions_are_listed_with_their_surface() {
        let s = slot(
            &matcher(),
            &CueLexicon::curated(),
            "Budi Darma lebih baik dari Yohana Siregar",
        );
        assert_eq!(s.pairs_in_order(), [2, 1]);
        let m = s.mention_of(&s.units[0]).unwrap();
        assert_eq!(s.surface(m), "Budi Darma");
        assert!(m.sure);
    }

    #[test]
    fn odd_input_does_not_panic() {
        let m = matcher();
        let lex = CueLexicon::curated();
        for t in [
            "",
            "#",
            "@",
            "[",
            "[RE",
            "[RE ]",
            "'",
            "\u{200d}",
            "👍🏽",
            "&amp",
            "ﷺ",
            "\0",
            "USER:",
            "#BudiDarmaYohanaSiregar",
            "##SatuMenang",
            "RT",
            " RT RT ",
        ] {
            let s = slot(&m, &lex, t);
            assert!(s
                .units
                .iter()
                .all(|u| u.kind != UnitKind::Slot || (u.mention as usize) < s.mentions.len()));
        }
    }
}
