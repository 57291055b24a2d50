//! Pair mentions → pair slots.
//!
//! The matcher is built from the election config alone (names, aliases,
//! hashtags, slogans, parties, accounts, ballot numbers). Slotting replaces
//! each matched mention by a slot unit that knows its pair and the kind of
//! term, so the featuriser sees "dukung §P" whether the text said "dukung
//! Calon-Satu" or "dukung Calon-Dua": no candidate name reaches the model.
//!
//! Adapter note: `netra-text`'s `Matcher` (built from `PairTerms`, with
//! context rules for ambiguous aliases) replaces [`PairMatcher`] when it is
//! usable; [`slot`]'s output type stays.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use netra_core::Election;

use super::features::Cue;
use super::normalise::{negation_scope, tokenize, Tok, TokKind};

/// What kind of config term matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TermKind {
    Name,
    Alias,
    Hashtag,
    Slogan,
    Party,
    Account,
    Number,
}

impl TermKind {
    /// All kinds, in index order.
    pub const ALL: [TermKind; TERM_KINDS] = [
        TermKind::Name,
        TermKind::Alias,
        TermKind::Hashtag,
        TermKind::Slogan,
        TermKind::Party,
        TermKind::Account,
        TermKind::Number,
    ];

    /// The word used in reasons.
    pub fn as_str(self) -> &'static str {
        match self {
            TermKind::Name => "name",
            TermKind::Alias => "alias",
            TermKind::Hashtag => "hashtag",
            TermKind::Slogan => "slogan",
            TermKind::Party => "party",
            TermKind::Account => "account",
            TermKind::Number => "ballot number",
        }
    }

    /// The slot class the featuriser sees: names, aliases and accounts look
    /// alike; hashtags, numbers, slogans and parties keep their own slot.
    pub fn slot_suffix(self) -> &'static str {
        match self {
            TermKind::Name | TermKind::Alias | TermKind::Account => "",
            TermKind::Hashtag => "#",
            TermKind::Number => "n",
            TermKind::Slogan => "s",
            TermKind::Party => "p",
        }
    }

    /// Index for per-kind counters.
    pub fn index(self) -> usize {
        self as usize
    }
}

/// Number of [`TermKind`]s.
pub const TERM_KINDS: usize = 7;

/// One matched mention of a pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub pair: u32,
    pub kind: TermKind,
    /// What was written.
    pub surface: String,
}

/// What a unit of slotted text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitKind {
    Word,
    Tag,
    Emoji,
    Punct,
    Url,
    User,
    /// A pair mention; see [`Unit::pair`] and [`Unit::term`].
    Slot,
}

/// One unit of slotted text: a normalised token or a pair slot.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    pub kind: UnitKind,
    /// Normalised text (empty for slots, links and mentions).
    pub text: String,
    /// Ballot number, for slots.
    pub pair: u32,
    /// Kind of term, for slots.
    pub term: TermKind,
    /// In the scope of a negator.
    pub neg: bool,
    /// The cue class of a word, hashtag or emoji.
    pub cue: Option<Cue>,
}

/// Slotted text plus what matched.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Slotted {
    pub units: Vec<Unit>,
    pub mentions: Vec<Mention>,
}

impl Slotted {
    /// Ballot numbers mentioned, in order of first mention.
    pub fn pairs_in_order(&self) -> Vec<u32> {
        let mut out = Vec::new();
        for m in &self.mentions {
            if !out.contains(&m.pair) {
                out.push(m.pair);
            }
        }
        out
    }
}

/// A word-sequence term: (first word, the other words).
type SeqKey = (String, Vec<String>);
/// Its owner: (pair, kind, needs capitals, listed for two pairs).
type SeqOwner = (u32, TermKind, bool, bool);

#[derive(Debug, Clone)]
struct SeqTerm {
    rest: Vec<String>,
    pair: u32,
    kind: TermKind,
    /// Acronyms ("AMIN", "KIM") only count when written in capitals.
    needs_upper: bool,
}

/// A small, fast, deterministic hasher for the matcher's string keys (`FxHash`).
#[derive(Debug, Clone, Copy, Default)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for c in bytes.chunks(8) {
            let mut a = [0u8; 8];
            a[..c.len()].copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(a))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Words before a bare digit that make it a ballot number.
const NUMBER_CUES: &[&str] = &[
    "no", "nomor", "urut", "paslon", "capres", "cawapres", "cagub", "cawagub", "calon", "coblos",
    "pilih", "salam", "nomer", "nmr", "nol",
];

/// Finds a config's pair mentions in tokens.
#[derive(Debug, Clone)]
pub struct PairMatcher {
    numbers: Vec<u32>,
    seqs: FxMap<String, Vec<SeqTerm>>,
    hashtags: FxMap<String, u32>,
    accounts: FxMap<String, u32>,
    /// Pair terms inside hashtags and handles (`#TangkapAhok`, `@sandiuno`).
    parts: Option<AhoCorasick>,
    part_pairs: Vec<u32>,
    /// Generic cue words (not election terms), for one lookup per unit.
    cues: FxMap<&'static str, Cue>,
}

fn key_of(term: &str) -> Vec<Tok> {
    tokenize(term)
        .into_iter()
        .filter(|t| matches!(t.kind, TokKind::Word | TokKind::Hashtag))
        .collect()
}

impl PairMatcher {
    /// Builds the matcher from the config alone. A term listed for two pairs
    /// is ambiguous and is dropped for both (monitoring stays symmetric).
    pub fn new(election: &Election) -> PairMatcher {
        let mut seq_owner: HashMap<SeqKey, SeqOwner> = HashMap::new();
        let mut tag_owner: HashMap<String, Option<u32>> = HashMap::new();
        let mut part_owner: HashMap<String, Option<u32>> = HashMap::new();
        let mut accounts = FxMap::default();
        for c in &election.candidates {
            let lists: [(&[String], TermKind); 5] = [
                (&c.names, TermKind::Name),
                (&c.aliases, TermKind::Alias),
                (&c.slogans, TermKind::Slogan),
                (&c.parties, TermKind::Party),
                (&c.hashtags, TermKind::Hashtag),
            ];
            for (terms, kind) in lists {
                for term in terms {
                    if kind == TermKind::Hashtag {
                        let mut body = String::new();
                        for t in key_of(term) {
                            body.push_str(&t.text);
                        }
                        if !body.is_empty() {
                            merge_owner(&mut tag_owner, body, c.number);
                        }
                        continue;
                    }
                    let toks = key_of(term);
                    let Some(first) = toks.first() else { continue };
                    let needs_upper = toks.len() == 1
                        && first.upper
                        && kind != TermKind::Party
                        && first.text.chars().count() <= 5;
                    let key = (
                        first.text.clone(),
                        toks[1..].iter().map(|t| t.text.clone()).collect::<Vec<_>>(),
                    );
                    match seq_owner.get_mut(&key) {
                        Some(owner) if owner.0 != c.number => owner.3 = true,
                        Some(_) => {}
                        None => {
                            seq_owner.insert(key, (c.number, kind, needs_upper, false));
                        }
                    }
                    if matches!(kind, TermKind::Name | TermKind::Alias) {
                        let joined: String = toks.iter().map(|t| t.text.as_str()).collect();
                        // Four letters at least ("ahok" in #TangkapAhok); acronyms
                        // such as "AMIN" are too common inside other words.
                        if joined.chars().count() >= 4
                            && !needs_upper
                            && joined.chars().any(char::is_alphabetic)
                        {
                            merge_owner(&mut part_owner, joined, c.number);
                        }
                    }
                }
            }
            for a in &c.accounts {
                accounts.insert(a.handle.trim_start_matches('@').to_lowercase(), c.number);
            }
        }
        let mut seqs: FxMap<String, Vec<SeqTerm>> = FxMap::default();
        let mut entries: Vec<_> = seq_owner.into_iter().filter(|(_, v)| !v.3).collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        for ((first, rest), (pair, kind, needs_upper, _)) in entries {
            seqs.entry(first).or_default().push(SeqTerm {
                rest,
                pair,
                kind,
                needs_upper,
            });
        }
        for v in seqs.values_mut() {
            v.sort_by_key(|t| std::cmp::Reverse(t.rest.len()));
        }
        let hashtags = tag_owner
            .into_iter()
            .filter_map(|(k, v)| v.map(|p| (k, p)))
            .collect();
        let mut parts: Vec<(String, u32)> = part_owner
            .into_iter()
            .filter_map(|(k, v)| v.map(|p| (k, p)))
            .collect();
        parts.sort();
        let part_pairs = parts.iter().map(|p| p.1).collect();
        let parts = if parts.is_empty() {
            None
        } else {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(parts.iter().map(|p| p.0.as_str()))
                .ok()
        };
        PairMatcher {
            numbers: election.numbers(),
            seqs,
            hashtags,
            accounts,
            parts,
            part_pairs,
            cues: Cue::table().into_iter().collect(),
        }
    }

    /// The ballot numbers of the election.
    pub fn numbers(&self) -> &[u32] {
        &self.numbers
    }

    fn number_of(&self, digits: &str) -> Option<u32> {
        let n: u32 = digits.parse().ok()?;
        self.numbers.contains(&n).then_some(n)
    }

    /// Pair terms inside a hashtag or handle body: the pieces in order.
    fn split_parts<'a>(&self, body: &'a str) -> Vec<(&'a str, Option<u32>)> {
        let mut out = Vec::new();
        let mut at = 0;
        if let Some(ac) = &self.parts {
            for m in ac.find_iter(body) {
                if m.start() > at {
                    out.push((&body[at..m.start()], None));
                }
                out.push((
                    &body[m.start()..m.end()],
                    Some(self.part_pairs[m.pattern().as_usize()]),
                ));
                at = m.end();
            }
        }
        if at < body.len() {
            out.push((&body[at..], None));
        }
        out
    }
}

fn merge_owner(map: &mut HashMap<String, Option<u32>>, key: String, pair: u32) {
    map.entry(key)
        .and_modify(|o| {
            if *o != Some(pair) {
                *o = None;
            }
        })
        .or_insert(Some(pair));
}

/// Tokenises `text` and replaces each pair mention by a slot.
pub fn slot(matcher: &PairMatcher, text: &str) -> Slotted {
    let toks = tokenize(text);
    slot_tokens(matcher, &toks)
}

/// Replaces each pair mention in `toks` by a slot.
#[allow(clippy::too_many_lines, reason = "one pass over the tokens")]
pub fn slot_tokens(matcher: &PairMatcher, toks: &[Tok]) -> Slotted {
    let neg = negation_scope(toks);
    let mut out = Slotted {
        units: Vec::with_capacity(toks.len()),
        mentions: Vec::new(),
    };
    let push_slot = |out: &mut Slotted, pair: u32, kind: TermKind, surface: &str, neg: bool| {
        out.units.push(Unit {
            kind: UnitKind::Slot,
            text: String::new(),
            pair,
            term: kind,
            neg,
            cue: None,
        });
        out.mentions.push(Mention {
            pair,
            kind,
            surface: surface.to_string(),
        });
    };
    let plain = |kind: UnitKind, text: &str, neg: bool| Unit {
        kind,
        text: text.to_string(),
        pair: 0,
        term: TermKind::Name,
        neg,
        cue: if matches!(kind, UnitKind::Word | UnitKind::Tag | UnitKind::Emoji) {
            matcher.cues.get(text).copied()
        } else {
            None
        },
    };
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        match t.kind {
            TokKind::Word => {
                if let Some(cands) = matcher.seqs.get(&t.text) {
                    let hit = cands.iter().find(|c| {
                        (!c.needs_upper || t.upper)
                            && c.rest.len() < toks.len() - i
                            && c.rest.iter().enumerate().all(|(k, w)| {
                                let n = &toks[i + 1 + k];
                                n.kind == TokKind::Word && n.text == *w
                            })
                    });
                    if let Some(c) = hit {
                        let surface: Vec<&str> = toks[i..=i + c.rest.len()]
                            .iter()
                            .map(|t| t.surface.as_str())
                            .collect();
                        push_slot(&mut out, c.pair, c.kind, &surface.join(" "), neg[i]);
                        i += 1 + c.rest.len();
                        continue;
                    }
                }
                if let Some(n) = ballot_number(matcher, toks, i) {
                    push_slot(&mut out, n, TermKind::Number, &t.surface, neg[i]);
                } else {
                    out.units.push(plain(UnitKind::Word, &t.text, neg[i]));
                }
            }
            TokKind::Hashtag => {
                if let Some(&p) = matcher.hashtags.get(&t.text) {
                    push_slot(&mut out, p, TermKind::Hashtag, &t.surface, neg[i]);
                } else {
                    let pieces = matcher.split_parts(&t.text);
                    if pieces.iter().any(|p| p.1.is_some()) {
                        for (piece, pair) in pieces {
                            match pair {
                                Some(p) => {
                                    push_slot(&mut out, p, TermKind::Hashtag, &t.surface, neg[i]);
                                }
                                None => out.units.push(plain(UnitKind::Tag, piece, neg[i])),
                            }
                        }
                    } else {
                        out.units.push(plain(UnitKind::Tag, &t.text, neg[i]));
                    }
                }
            }
            TokKind::Mention => {
                if let Some(&p) = matcher.accounts.get(&t.text) {
                    push_slot(&mut out, p, TermKind::Account, &t.surface, neg[i]);
                } else if let Some(p) = matcher.split_parts(&t.text).iter().find_map(|p| p.1) {
                    push_slot(&mut out, p, TermKind::Account, &t.surface, neg[i]);
                } else {
                    out.units.push(plain(UnitKind::User, "", neg[i]));
                }
            }
            TokKind::Url => out.units.push(plain(UnitKind::Url, "", false)),
            TokKind::Punct => out.units.push(plain(UnitKind::Punct, &t.text, false)),
            TokKind::Emoji => {
                let finger = match t.text.as_str() {
                    "☝" => matcher.number_of("1"),
                    "✌" => matcher.number_of("2"),
                    _ => None,
                };
                match finger {
                    Some(n) => push_slot(&mut out, n, TermKind::Number, &t.surface, neg[i]),
                    None => out.units.push(plain(UnitKind::Emoji, &t.text, false)),
                }
            }
        }
        i += 1;
    }
    out
}

/// A ballot number: "01"/"02" style anywhere, a bare digit after a cue word
/// ("coblos 3", "nomor urut 2", "no. 1").
fn ballot_number(matcher: &PairMatcher, toks: &[Tok], i: usize) -> Option<u32> {
    let t = &toks[i].text;
    if !t.bytes().all(|b| b.is_ascii_digit()) || t.is_empty() || t.len() > 2 {
        return None;
    }
    if t.len() == 2 && t.starts_with('0') {
        return matcher.number_of(t);
    }
    if t.len() != 1 {
        return None;
    }
    let mut j = i;
    while j > 0 {
        j -= 1;
        let p = &toks[j];
        match p.kind {
            TokKind::Punct if p.text == "." || p.text == ":" => {}
            TokKind::Word => {
                return NUMBER_CUES
                    .contains(&p.text.as_str())
                    .then(|| matcher.number_of(t))
                    .flatten()
            }
            _ => return None,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

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
names = ["Calon Satu", "Wakil Satu"]
aliases = ["CASA", "Pak Calon"]
hashtags = ["SatuMenang"]
slogans = ["Kota Hebat"]
parties = ["Partai Contoh"]
accounts = [{ platform = "x", handle = "calonsatu" }]
[[candidates]]
number = 2
names = ["Budi Darma", "Wakil Dua"]
aliases = ["Budi", "Pak Calon"]
"#;

    fn matcher() -> PairMatcher {
        PairMatcher::new(&Election::from_toml_str(CONFIG, "t.toml").unwrap())
    }

    /// Slotted text rendered as a string: slots as `§<pair><suffix>`.
    fn render(text: &str) -> String {
        let s = slot(&matcher(), text);
        s.units
            .iter()
            .map(|u| match u.kind {
                UnitKind::Slot => format!("§{}{}", u.pair, u.term.slot_suffix()),
                UnitKind::Tag => format!("#{}", u.text),
                UnitKind::Url => "<url>".into(),
                UnitKind::User => "@".into(),
                _ => format!("{}{}", if u.neg { "¬" } else { "" }, u.text),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn mentions_become_slots() {
        let cases = [
            ("Ayo dukung Calon Satu!", "ayo dukung §1 !"),
            ("jangan pilih budi darma", "jangan ¬pilih §2"),
            ("Budi makan", "§2 makan"),
            ("casa CASA", "casa §1"),
            (
                "#SatuMenang #TangkapBudiDarma #lainnya",
                "§1# #tangkap §2# #lainnya",
            ),
            (
                "coblos 2 ya, no. 1 juga, 02 lah, umur 2",
                "coblos §2n ya , no . §1n juga , §2n lah , umur 2",
            ),
            ("✌️ @calonsatu @budidarmaofficial @orang", "§2n §1 §2 @"),
            ("Pak Calon hadir", "pak calon hadir"),
            ("kader Partai Contoh, Kota Hebat", "kader §1p , §1s"),
        ];
        for (text, want) in cases {
            assert_eq!(render(text), want, "{text}");
        }
    }

    #[test]
    fn mentions_are_listed_in_order() {
        let s = slot(&matcher(), "Budi Darma lebih baik dari Calon Satu");
        assert_eq!(s.pairs_in_order(), [2, 1]);
        assert_eq!(s.mentions[0].surface, "Budi Darma");
        assert_eq!(s.mentions[1].kind, TermKind::Name);
    }
}
