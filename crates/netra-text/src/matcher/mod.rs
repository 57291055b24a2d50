//! Candidate-mention matcher built from an election's pair terms.
//!
//! # How ambiguity is decided
//!
//! Every term gets an [`Ambiguity`] when the matcher is built, from the
//! config and the lexicon alone:
//!
//! | class | rule | example |
//! |---|---|---|
//! | [`Ambiguity::Acronym`] | one token written in capitals (2–5 letters) in the config | `BURI`, `PKS` |
//! | [`Ambiguity::ShortWord`] | one token of at most three letters | `ani`, `uno` |
//! | [`Ambiguity::GivenName`] | one token that is the first word of a multi-word name, or follows an honorific in an alias | `Budi` (from `Budi Santoso` or `Mas Budi`) |
//! | [`Ambiguity::CommonWord`] | one token that is a lexicon word | `perubahan`, `petahana` |
//! | [`Ambiguity::HonorificName`] | an honorific and a given name | `Mas Budi`, `Bang Ani` |
//! | [`Ambiguity::CommonPhrase`] | two or three tokens, all lexicon words or one- or two-digit numbers (longer phrases and years are unlikely by chance) | `Kota Baru`, `Lebih Baik` |
//! | [`Ambiguity::Number`] | a ballot number without a ballot word | `01`, `3️⃣`, `nomor 3`, `pilih 2`, `☝️` |
//! | [`Ambiguity::Distinctive`] | anything else, campaign hashtags and accounts, and strong ballot expressions (`nomor urut 3`, `coblos 3`, `paslon 02`, `pilih 02`, `salam 3 jari`) | `Budi Santoso`, `#BudiRina` |
//!
//! A term the config lists in a pair's `distinctive` list
//! ([`PairTerms::distinctive`]) is [`Ambiguity::Distinctive`] whatever the
//! rules above say: the administrator knows that, in this election,
//! "Jokowi" alone means the candidate.
//!
//! A distinctive match always counts. An ambiguous one counts only with
//! context in the same post ([`Evidence`]): a political cue word outside the
//! match (`pilkada`, `cagub`, `kampanye`, `debat`, …), a counted match of
//! the same pair (a campaign hashtag, a full name), or a second ambiguous
//! name of the same pair. Given names, honorific names, acronyms and
//! numbers also count next to a counted match of another pair, and two
//! ambiguous *names* of different pairs confirm each other ("Budi vs
//! Andi"). Common words and phrases need a cue word or their own pair.
//! Everything else is reported as [`Rejected`] with the reason.
//!
//! A term that two pairs share is dropped with a warning
//! ([`Matcher::warnings`]): it cannot tell the pairs apart.

mod find;
pub(crate) mod words;

use std::fmt;
use std::ops::Range;

use aho_corasick::AhoCorasick;

use crate::hash::{FnvMap, WordMap};
use crate::normalizer::{Normalized, Normalizer};
use crate::token::{Flags, TokenKind};
use words::{squeeze, strip_clitic, Trigger, CUE_WORDS, HONORIFICS, TRIGGERS};

/// One candidate pair's terms, as plain data (the caller converts its
/// election config into this).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairTerms {
    /// Ballot number.
    pub number: u32,
    /// Full names, head first.
    pub names: Vec<String>,
    /// Nicknames and short forms.
    pub aliases: Vec<String>,
    /// Names and aliases that point at this pair on their own: always
    /// [`Ambiguity::Distinctive`], never a given name or a common word.
    /// Matched as aliases when not listed as a name or alias already.
    pub distinctive: Vec<String>,
    /// Campaign hashtags, with or without `#`.
    pub hashtags: Vec<String>,
    /// Slogans.
    pub slogans: Vec<String>,
    /// Supporting parties.
    pub parties: Vec<String>,
    /// Official and campaign account handles (`@` and a `platform:` prefix are ignored).
    pub accounts: Vec<String>,
}

impl PairTerms {
    /// Terms for ballot number `number`, all lists empty.
    pub fn new(number: u32) -> PairTerms {
        PairTerms {
            number,
            ..PairTerms::default()
        }
    }
}

/// What kind of term matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MatchKind {
    /// A pair's official account (`@handle`).
    Account,
    /// A campaign hashtag.
    Hashtag,
    /// A full name.
    Name,
    /// A nickname or short form.
    Alias,
    /// A slogan.
    Slogan,
    /// A ballot-number expression (`nomor urut 3`, `coblos 03`, `3️⃣`).
    BallotNumber,
    /// A finger count (`salam tiga jari`, `☝️`).
    FingerGesture,
    /// A supporting party.
    Party,
}

impl MatchKind {
    /// `snake_case` name.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Account => "account",
            MatchKind::Hashtag => "hashtag",
            MatchKind::Name => "name",
            MatchKind::Alias => "alias",
            MatchKind::Slogan => "slogan",
            MatchKind::BallotNumber => "ballot_number",
            MatchKind::FingerGesture => "finger_gesture",
            MatchKind::Party => "party",
        }
    }
}

impl fmt::Display for MatchKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How much a term says on its own (see the module documentation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ambiguity {
    /// Counts on its own.
    Distinctive,
    /// Capitalised short acronym.
    Acronym,
    /// At most three letters.
    ShortWord,
    /// An ordinary word of the lexicon.
    CommonWord,
    /// Only ordinary words.
    CommonPhrase,
    /// A given name shared by many people.
    GivenName,
    /// Honorific + given name.
    HonorificName,
    /// A ballot number or finger count without a ballot word.
    Number,
}

impl Ambiguity {
    /// True when the term needs context to count.
    pub fn needs_context(self) -> bool {
        self != Ambiguity::Distinctive
    }

    /// True for names and numbers, which another pair's mention can confirm.
    pub(crate) fn name_like(self) -> bool {
        matches!(
            self,
            Ambiguity::Acronym | Ambiguity::GivenName | Ambiguity::HonorificName
        )
    }

    /// Why the term is (not) ambiguous, for reasons.
    pub fn describe(self) -> &'static str {
        match self {
            Ambiguity::Distinctive => "distinctive",
            Ambiguity::Acronym => "a short acronym that is also an ordinary abbreviation",
            Ambiguity::ShortWord => "a word of at most three letters",
            Ambiguity::CommonWord => "an ordinary Indonesian word",
            Ambiguity::CommonPhrase => "made only of ordinary words",
            Ambiguity::GivenName => "a given name many people share",
            Ambiguity::HonorificName => "an honorific with a given name many people share",
            Ambiguity::Number => {
                "a number without a ballot word (nomor urut, coblos, paslon, salam … jari)"
            }
        }
    }
}

/// Why a match counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    /// The term is distinctive.
    Distinctive,
    /// A strong ballot-number expression (`coblos`, `nomor urut`, …).
    BallotExpression,
    /// The post has this political cue word.
    CueWord(String),
    /// The post has a counted match of the same pair (this term).
    SamePair(String),
    /// The post has a counted match of another pair.
    OtherPair(u32, String),
    /// Another ambiguous name (this term) appears too.
    SecondName(String),
}

impl fmt::Display for Evidence {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Evidence::Distinctive => f.write_str("distinctive term"),
            Evidence::BallotExpression => f.write_str("ballot-number expression"),
            Evidence::CueWord(w) => write!(f, "the post has the political cue word \"{w}\""),
            Evidence::SamePair(t) => write!(f, "the post also mentions the same pair by \"{t}\""),
            Evidence::OtherPair(n, t) => write!(f, "the post also mentions pair {n} by \"{t}\""),
            Evidence::SecondName(t) => write!(f, "another candidate name, \"{t}\", appears too"),
        }
    }
}

/// A counted mention of a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Ballot number of the pair.
    pub pair: u32,
    /// What matched.
    pub kind: MatchKind,
    /// Byte span in the original text.
    pub span: Range<usize>,
    /// Range of [`Normalized::tokens`] indices a slot replaces: a hashtag
    /// match covers the hashtag token (not its segments); a ballot
    /// expression leaves its verb out (`pilih 01` → `pilih <PAIR>`).
    pub tokens: Range<usize>,
    /// The config term, or the ballot expression as normalised.
    pub term: String,
    /// The original text at `span`.
    pub matched: String,
    /// The term's ambiguity class.
    pub ambiguity: Ambiguity,
    /// Why it counts.
    pub evidence: Evidence,
    /// True when a token of the match is in a negation scope.
    pub negated: bool,
    /// Human-readable explanation.
    pub reason: String,
}

/// An ambiguous mention that did not count, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// Ballot number of the pair it would have been.
    pub pair: u32,
    /// What matched.
    pub kind: MatchKind,
    /// Byte span in the original text.
    pub span: Range<usize>,
    /// The config term or expression.
    pub term: String,
    /// The original text at `span`.
    pub matched: String,
    /// Why it needed context.
    pub ambiguity: Ambiguity,
    /// Human-readable explanation.
    pub reason: String,
}

/// Counted matches and rejected candidates of one post.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Findings {
    /// Counted mentions, in text order.
    pub matches: Vec<Match>,
    /// Ambiguous mentions without context, in text order.
    pub rejected: Vec<Rejected>,
}

/// A compiled term.
#[derive(Debug, Clone)]
pub(crate) struct Term {
    pub(crate) pair: u32,
    pub(crate) kind: MatchKind,
    pub(crate) display: String,
    pub(crate) ambiguity: Ambiguity,
}

#[derive(Debug, Default, Clone)]
pub(crate) struct Node {
    pub(crate) children: FnvMap<Box<str>, u32>,
    pub(crate) term: Option<u32>,
}

/// What the matcher knows about a word (one hash lookup per token).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct WordRole {
    /// Trie node of phrases starting with this word.
    pub(crate) node: Option<u32>,
    /// The word is a political cue.
    pub(crate) cue: bool,
    /// The word can start a two-word cue.
    pub(crate) cue_head: bool,
    pub(crate) trigger: Option<Trigger>,
}

/// Finds mentions of an election's pairs in normalised text.
#[derive(Debug, Clone)]
pub struct Matcher {
    normalizer: Normalizer,
    pub(crate) terms: Vec<Term>,
    pub(crate) nodes: Vec<Node>,
    pub(crate) words: WordMap<WordRole>,
    /// Squeezed hashtag body → term (listed hashtags and written-together terms).
    pub(crate) hashtags: FnvMap<Box<str>, u32>,
    /// Account handle → term.
    pub(crate) accounts: FnvMap<Box<str>, u32>,
    /// Substring scanner over hashtag bodies for long distinctive terms.
    pub(crate) scanner: Option<(AhoCorasick, Vec<u32>)>,
    pub(crate) numbers: Vec<u32>,
    warnings: Vec<String>,
}

impl Matcher {
    /// A matcher for these pairs, with the standard [`Normalizer`].
    pub fn new(pairs: &[PairTerms]) -> Matcher {
        Matcher::with_normalizer(pairs, Normalizer::new())
    }

    /// A matcher whose terms are normalised with `normalizer`; normalise
    /// posts with the same one ([`Matcher::normalizer`]).
    pub fn with_normalizer(pairs: &[PairTerms], normalizer: Normalizer) -> Matcher {
        Builder::new(normalizer).build(pairs)
    }

    /// The normaliser the terms were normalised with.
    pub fn normalizer(&self) -> &Normalizer {
        &self.normalizer
    }

    /// Problems found in the terms (shared or empty terms).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// The ballot numbers, ascending.
    pub fn pair_numbers(&self) -> &[u32] {
        &self.numbers
    }

    /// Each term with its ambiguity class: `(pair, kind, term, ambiguity)`.
    pub fn terms(&self) -> impl Iterator<Item = (u32, MatchKind, &str, Ambiguity)> {
        self.terms
            .iter()
            .map(|t| (t.pair, t.kind, t.display.as_str(), t.ambiguity))
    }

    /// Counted mentions in `text`, in text order.
    pub fn find(&self, text: &Normalized) -> Vec<Match> {
        self.find_all(text).matches
    }

    /// Counted mentions and rejected ambiguous candidates.
    pub fn find_all(&self, text: &Normalized) -> Findings {
        find::find(self, text)
    }

    /// Normalises `text` and finds mentions.
    pub fn analyze(&self, text: &str) -> (Normalized, Findings) {
        let n = self.normalizer.normalize(text);
        let f = self.find_all(&n);
        (n, f)
    }

    pub(crate) fn role(&self, key: &str) -> Option<&WordRole> {
        self.role_with_prefix(key, crate::hash::prefix(key.as_bytes()))
    }

    /// [`Matcher::role`] when the caller has read the key's first bytes.
    #[allow(clippy::inline_always, reason = "one call per word of every post")]
    #[inline(always)]
    pub(crate) fn role_with_prefix(&self, key: &str, first: u64) -> Option<&WordRole> {
        self.words
            .get_with_prefix(key, first)
            .or_else(|| strip_clitic(key).and_then(|k| self.words.get(k)))
    }
}

/// Builds a [`Matcher`].
struct Builder {
    normalizer: Normalizer,
    terms: Vec<Term>,
    nodes: Vec<Node>,
    hashtags: FnvMap<Box<str>, u32>,
    accounts: FnvMap<Box<str>, u32>,
    conflicts: Vec<String>,
    warnings: Vec<String>,
}

/// Keys (for matching) and surface words (for commonness) of a term.
struct TermWords {
    keys: Vec<String>,
    surface: Vec<String>,
    numbers: Vec<bool>,
}

fn kind_rank(k: MatchKind) -> u8 {
    match k {
        MatchKind::Account => 0,
        MatchKind::Hashtag => 1,
        MatchKind::BallotNumber => 2,
        MatchKind::FingerGesture => 3,
        MatchKind::Name => 4,
        MatchKind::Alias => 5,
        MatchKind::Slogan => 6,
        MatchKind::Party => 7,
    }
}

impl Builder {
    fn new(normalizer: Normalizer) -> Self {
        Builder {
            normalizer,
            terms: Vec::new(),
            nodes: vec![Node::default()],
            hashtags: FnvMap::default(),
            accounts: FnvMap::default(),
            conflicts: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn words_of(&self, term: &str) -> TermWords {
        let n = self.normalizer.normalize(term);
        let mut w = TermWords {
            keys: Vec::new(),
            surface: Vec::new(),
            numbers: Vec::new(),
        };
        for (_, t) in n.text_tokens() {
            let body = match t.kind() {
                TokenKind::Word | TokenKind::Number if !t.has(Flags::SLANG_CONT) => {
                    t.match_form().to_string()
                }
                TokenKind::Hashtag | TokenKind::Mention => {
                    t.text().get(1..).unwrap_or("").to_string()
                }
                _ => continue,
            };
            let number = t
                .value()
                .filter(|_| t.kind() == TokenKind::Number || t.has(Flags::NUMBER_WORD));
            w.keys
                .push(number.map_or_else(|| squeeze(&body), |v| v.to_string()));
            w.numbers.push(number.is_some());
            w.surface.push(body);
        }
        w
    }

    fn is_common(&self, word: &str) -> bool {
        let l = self.normalizer.lexicon();
        l.is_known(word) || strip_clitic(word).is_some_and(|s| l.is_known(s))
    }

    #[allow(
        clippy::too_many_lines,
        reason = "one pass over the config lists, in the order the module docs describe"
    )]
    fn build(mut self, pairs: &[PairTerms]) -> Matcher {
        // Given names and complete single-word names, over all pairs.
        let mut given: Vec<String> = Vec::new();
        let mut single_names: Vec<String> = Vec::new();
        for p in pairs {
            for name in &p.names {
                let w = self.words_of(name);
                match w.keys.len() {
                    1 => single_names.push(w.keys[0].clone()),
                    n if n > 1 => given.push(w.keys[0].clone()),
                    _ => {}
                }
            }
            for alias in &p.aliases {
                let w = self.words_of(alias);
                if w.keys.len() == 2 && HONORIFICS.contains(&w.keys[0].as_str()) {
                    given.push(w.keys[1].clone());
                }
            }
        }
        let mut numbers: Vec<u32> = pairs.iter().map(|p| p.number).collect();
        numbers.sort_unstable();
        numbers.dedup();
        if numbers.len() != pairs.len() {
            self.warnings
                .push("two pairs have the same ballot number".to_string());
        }

        for p in pairs {
            // Terms the config marks distinctive, and those of them not
            // listed as a name or alias (matched as aliases).
            let distinct: Vec<Vec<String>> = p
                .distinctive
                .iter()
                .map(|d| self.words_of(d).keys)
                .filter(|k| !k.is_empty())
                .collect();
            let listed: Vec<Vec<String>> = p
                .names
                .iter()
                .chain(&p.aliases)
                .map(|t| self.words_of(t).keys)
                .collect();
            let extra: Vec<String> = p
                .distinctive
                .iter()
                .zip(p.distinctive.iter().map(|d| self.words_of(d).keys))
                .filter(|(_, k)| !k.is_empty() && !listed.contains(k))
                .map(|(d, _)| d.clone())
                .collect();
            let lists: [(&Vec<String>, MatchKind); 5] = [
                (&p.names, MatchKind::Name),
                (&p.aliases, MatchKind::Alias),
                (&extra, MatchKind::Alias),
                (&p.slogans, MatchKind::Slogan),
                (&p.parties, MatchKind::Party),
            ];
            for (list, kind) in lists {
                for raw in list {
                    let w = self.words_of(raw);
                    if w.keys.is_empty() {
                        self.warnings.push(format!(
                            "pair {}: {} \"{raw}\" has no words",
                            p.number, kind
                        ));
                        continue;
                    }
                    let marked = matches!(kind, MatchKind::Name | MatchKind::Alias)
                        && distinct.contains(&w.keys);
                    let ambiguity = if marked {
                        Ambiguity::Distinctive
                    } else {
                        self.classify(raw, &w, kind, &given, &single_names)
                    };
                    let id = self.push_term(p.number, kind, raw, ambiguity);
                    self.insert_phrase(&w.keys, id);
                    // Written together as a hashtag or handle: `#BudiRina`, `@budisantoso`.
                    let joined: String = w.keys.concat();
                    if w.keys.len() == 1 || joined.chars().count() >= 5 {
                        self.insert_hashtag(&joined, id, false);
                    }
                }
            }
            for raw in &p.hashtags {
                let body = raw.trim().trim_start_matches('#');
                let n = self.normalizer.normalize(&format!("#{body}"));
                let key = match n.tokens().first() {
                    Some(t) if t.kind() == TokenKind::Hashtag => {
                        squeeze(t.text().get(1..).unwrap_or(""))
                    }
                    _ => {
                        self.warnings.push(format!(
                            "pair {}: hashtag \"{raw}\" is not a hashtag",
                            p.number
                        ));
                        continue;
                    }
                };
                let id = self.push_term(
                    p.number,
                    MatchKind::Hashtag,
                    &format!("#{body}"),
                    Ambiguity::Distinctive,
                );
                self.insert_hashtag(&key, id, true);
            }
            for raw in &p.accounts {
                let handle = raw
                    .rsplit(':')
                    .next()
                    .unwrap_or(raw)
                    .trim()
                    .trim_start_matches('@')
                    .to_lowercase();
                if handle.is_empty() {
                    continue;
                }
                let id = self.push_term(
                    p.number,
                    MatchKind::Account,
                    &format!("@{handle}"),
                    Ambiguity::Distinctive,
                );
                if let Some(&old) = self.accounts.get(handle.as_str()) {
                    if self.terms[old as usize].pair != p.number {
                        self.conflicts.push(format!(
                            "account @{handle} is listed for pairs {} and {}",
                            self.terms[old as usize].pair, p.number
                        ));
                    }
                    continue;
                }
                self.accounts.insert(handle.into(), id);
            }
        }
        self.finish(numbers)
    }

    fn classify(
        &self,
        raw: &str,
        w: &TermWords,
        kind: MatchKind,
        given: &[String],
        single_names: &[String],
    ) -> Ambiguity {
        let letters: String = raw.chars().filter(|c| c.is_alphanumeric()).collect();
        if w.numbers.iter().all(|&n| n) {
            return Ambiguity::Number;
        }
        if w.keys.len() == 1 {
            let key = &w.keys[0];
            let surface = &w.surface[0];
            if (2..=5).contains(&letters.chars().count()) && letters.chars().all(char::is_uppercase)
            {
                return Ambiguity::Acronym;
            }
            if key.chars().count() <= 3 {
                return Ambiguity::ShortWord;
            }
            let is_full_name = kind == MatchKind::Name || single_names.contains(key);
            if !is_full_name && given.contains(key) {
                return Ambiguity::GivenName;
            }
            if self.is_common(surface) {
                return Ambiguity::CommonWord;
            }
            return Ambiguity::Distinctive;
        }
        if w.keys.len() == 2
            && HONORIFICS.contains(&w.keys[0].as_str())
            && !single_names.contains(&w.keys[1])
        {
            return Ambiguity::HonorificName;
        }
        // Small numbers are ordinary words here; a year (`2019 Ganti Presiden`) is not.
        let ordinary = |(s, &n): (&String, &bool)| if n { s.len() <= 2 } else { self.is_common(s) };
        if w.keys.len() <= 3 && w.surface.iter().zip(&w.numbers).all(ordinary) {
            return Ambiguity::CommonPhrase;
        }
        Ambiguity::Distinctive
    }

    fn push_term(
        &mut self,
        pair: u32,
        kind: MatchKind,
        display: &str,
        ambiguity: Ambiguity,
    ) -> u32 {
        self.terms.push(Term {
            pair,
            kind,
            display: display.to_string(),
            ambiguity,
        });
        u32::try_from(self.terms.len() - 1).unwrap_or(u32::MAX)
    }

    fn insert_phrase(&mut self, keys: &[String], id: u32) {
        let mut node = 0usize;
        for k in keys {
            let next = if let Some(&n) = self.nodes[node].children.get(k.as_str()) {
                n as usize
            } else {
                self.nodes.push(Node::default());
                let n = self.nodes.len() - 1;
                self.nodes[node]
                    .children
                    .insert(k.as_str().into(), u32::try_from(n).unwrap_or(u32::MAX));
                n
            };
            node = next;
        }
        match self.nodes[node].term {
            None => self.nodes[node].term = Some(id),
            Some(u32::MAX) => {}
            Some(old) => {
                let (o, t) = (&self.terms[old as usize], &self.terms[id as usize]);
                if o.pair != t.pair {
                    self.conflicts.push(format!(
                        "\"{}\" (pair {}) and \"{}\" (pair {}) read the same; neither is matched",
                        o.display, o.pair, t.display, t.pair
                    ));
                    self.nodes[node].term = Some(u32::MAX);
                } else if kind_rank(t.kind) < kind_rank(o.kind) {
                    self.nodes[node].term = Some(id);
                }
            }
        }
    }

    fn insert_hashtag(&mut self, key: &str, id: u32, listed: bool) {
        if key.is_empty() {
            return;
        }
        match self.hashtags.get(key).copied() {
            None => {
                self.hashtags.insert(key.into(), id);
            }
            Some(u32::MAX) => {}
            Some(old) => {
                let (o, t) = (&self.terms[old as usize], &self.terms[id as usize]);
                if o.pair != t.pair {
                    if listed || o.kind == MatchKind::Hashtag {
                        self.conflicts.push(format!(
                            "hashtag #{key} belongs to pairs {} and {}; it is not matched",
                            o.pair, t.pair
                        ));
                    }
                    self.hashtags.insert(key.into(), u32::MAX);
                } else if listed {
                    self.hashtags.insert(key.into(), id);
                }
            }
        }
    }

    fn finish(mut self, numbers: Vec<u32>) -> Matcher {
        let mut words: WordMap<WordRole> = WordMap::with_filter_bits(14);
        let root: Vec<(Box<str>, u32)> = self.nodes[0]
            .children
            .iter()
            .map(|(k, v)| (k.clone(), *v))
            .collect();
        for (k, n) in root {
            words.entry_or_default(&k).node = Some(n);
        }
        for w in CUE_WORDS {
            words.entry_or_default(&squeeze(w)).cue = true;
        }
        for (a, _) in words::CUE_PAIRS {
            words.entry_or_default(&squeeze(a)).cue_head = true;
        }
        for (w, t) in TRIGGERS {
            words.entry_or_default(&squeeze(w)).trigger = Some(*t);
        }
        self.hashtags.retain(|_, v| *v != u32::MAX);
        let scan: Vec<(String, u32)> = self
            .hashtags
            .iter()
            .filter(|(k, v)| {
                k.chars().count() >= 6
                    && self.terms[**v as usize].ambiguity == Ambiguity::Distinctive
            })
            .map(|(k, v)| (k.to_string(), *v))
            .collect();
        let scanner = if scan.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(scan.iter().map(|(k, _)| k.as_str()))
                .ok()
                .map(|ac| (ac, scan.iter().map(|(_, v)| *v).collect()))
        };
        self.conflicts.sort();
        self.conflicts.dedup();
        self.warnings.extend(self.conflicts);
        Matcher {
            normalizer: self.normalizer,
            terms: self.terms,
            nodes: self.nodes,
            words,
            hashtags: self.hashtags,
            accounts: self.accounts,
            scanner,
            numbers,
            warnings: self.warnings,
        }
    }
}
