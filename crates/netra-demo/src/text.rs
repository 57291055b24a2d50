//! Election-derived words and the template filler.
//!
//! Templates are generic text with `{slot}`s; this module fills them from the
//! election config (names, aliases, hashtags, slogans, parties, ballot
//! numbers, dates) and from the lexicon's generic slots.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use netra_core::{Account, Candidate, Election};
use rand::seq::SliceRandom;
use rand::Rng;

use crate::lexicon::Lexicon;

/// What the generator may say about one pair.
#[derive(Debug, Clone)]
pub(crate) struct PairText {
    pub number: u32,
    /// The head's full name.
    pub name: String,
    /// Names and aliases without a digit (usable before ballot numbers exist).
    referents: Vec<String>,
    /// The referents supporters use: names, and aliases sharing a word (of three
    /// letters or more) with the names, hashtags or slogans. Nicknames that only
    /// critics use ("Wowo") share none.
    strong: Vec<String>,
    /// Names and aliases with a digit (`paslon 01`): only once numbers are drawn.
    referents_numbered: Vec<String>,
    hashtags: Vec<String>,
    hashtags_numbered: Vec<String>,
    slogans: Vec<String>,
    slogans_numbered: Vec<String>,
    /// Parties that back this pair and no other.
    pub parties: Vec<String>,
    /// Official and campaign accounts from the config.
    pub accounts: Vec<Account>,
    /// Lower-case ASCII word for fictional volunteer handles.
    pub tag: String,
}

/// Everything election-specific the templates can use.
#[derive(Debug, Clone)]
pub(crate) struct ElectionText {
    pub pairs: Vec<PairText>,
    pub region: String,
    pub election_name: String,
    pub election_word: &'static str,
    pub candidate_word: &'static str,
    pub voting_date: String,
    /// Lower-case words of all names, aliases and slogans.
    pub tokens: BTreeSet<String>,
    /// Lower-case words of all names and aliases (kept out of people's names).
    pub name_tokens: BTreeSet<String>,
}

fn has_digit(s: &str) -> bool {
    s.bytes().any(|b| b.is_ascii_digit())
}

fn split_numbered(items: &[String]) -> (Vec<String>, Vec<String>) {
    items.iter().cloned().partition(|s| !has_digit(s))
}

/// Lower-case words of `s` (split at anything not alphanumeric).
pub(crate) fn words(s: &str) -> impl Iterator<Item = String> + '_ {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Lower-case ASCII letters and digits of `s`.
pub(crate) fn ascii_word(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// `27 November 2024`.
pub(crate) fn indonesian_date(d: NaiveDate) -> String {
    let month = MONTHS
        .get(d.month0() as usize)
        .copied()
        .unwrap_or("Januari");
    format!("{} {month} {}", d.day(), d.year())
}

/// `satu`, `dua`, … for small numbers; digits otherwise.
pub(crate) fn number_word(n: u32) -> String {
    const W: [&str; 11] = [
        "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
        "sepuluh",
    ];
    W.get(n as usize)
        .map_or_else(|| n.to_string(), |w| (*w).to_string())
}

/// The emoji people use for a ballot number: fingers for 1 and 2, keycaps up to 10.
pub(crate) fn finger(n: u32) -> String {
    match n {
        1 => "☝️".to_string(),
        2 => "✌️".to_string(),
        3..=9 => format!("{n}\u{fe0f}\u{20e3}"),
        10 => "🔟".to_string(),
        _ => n.to_string(),
    }
}

impl PairText {
    /// What may be said about pair `c`; `party_count` tells how many pairs list a party.
    fn new(c: &Candidate, party_count: &dyn Fn(&str) -> usize) -> PairText {
        let name = c.names.first().cloned().unwrap_or_default();
        let mut all_refs: Vec<String> = c.names.clone();
        if c.names.len() >= 2 {
            all_refs.push(c.names.join("-"));
        }
        all_refs.extend(c.aliases.iter().cloned());
        let (referents, referents_numbered) = split_numbered(&all_refs);
        let own_words: String = c
            .names
            .iter()
            .chain(&c.hashtags)
            .chain(&c.slogans)
            .map(|s| ascii_word(s))
            .collect::<Vec<_>>()
            .join(" ");
        let strong: Vec<String> = referents
            .iter()
            .filter(|r| {
                c.names.contains(r)
                    || words(r)
                        .map(|w| ascii_word(&w))
                        .any(|w| w.len() >= 3 && own_words.contains(&w))
            })
            .cloned()
            .collect();
        let (mut hashtags, hashtags_numbered) = split_numbered(&c.hashtags);
        if hashtags.is_empty() {
            let camel: String = c
                .names
                .iter()
                .filter_map(|n| n.split_whitespace().next())
                .collect::<String>()
                .chars()
                .filter(|ch| ch.is_alphanumeric())
                .collect();
            hashtags.push(if camel.is_empty() {
                format!("Paslon{}", c.number)
            } else {
                camel
            });
        }
        let (mut slogans, slogans_numbered) = split_numbered(&c.slogans);
        if slogans.is_empty() {
            slogans.push(referents.first().cloned().unwrap_or_else(|| name.clone()));
        }
        let parties = c
            .parties
            .iter()
            .filter(|p| party_count(p) == 1)
            .cloned()
            .collect();
        let mut tag: String = ascii_word(hashtags.first().map_or(&name, |h| h));
        if tag.is_empty() {
            tag = format!("paslon{}", c.number);
        }
        tag.truncate(20);
        PairText {
            number: c.number,
            name,
            strong: if strong.is_empty() {
                c.names.clone()
            } else {
                strong
            },
            referents: if referents.is_empty() {
                c.names.clone()
            } else {
                referents
            },
            referents_numbered,
            hashtags,
            hashtags_numbered,
            slogans,
            slogans_numbered,
            parties,
            accounts: c.accounts.clone(),
            tag,
        }
    }
}

impl ElectionText {
    pub fn new(e: &Election) -> ElectionText {
        let lower_name = e.election.name.to_lowercase();
        let (election_word, candidate_word) = if lower_name.contains("presiden") {
            ("pilpres", "capres")
        } else if lower_name.contains("gubernur") {
            ("pilkada", "cagub")
        } else if lower_name.contains("bupati") {
            ("pilkada", "cabup")
        } else if lower_name.contains("wali") {
            ("pilkada", "cawalkot")
        } else {
            ("pemilu", "calon")
        };
        let mut tokens = BTreeSet::new();
        let mut name_tokens = BTreeSet::new();
        for c in &e.candidates {
            for s in c.names.iter().chain(&c.aliases) {
                name_tokens.extend(words(s));
            }
            for s in c.names.iter().chain(&c.aliases).chain(&c.slogans) {
                tokens.extend(words(s));
            }
        }
        let party_count = |p: &str| {
            e.candidates
                .iter()
                .filter(|c| c.parties.iter().any(|q| q.eq_ignore_ascii_case(p)))
                .count()
        };
        let pairs = e
            .candidates
            .iter()
            .map(|c| PairText::new(c, &party_count))
            .collect();
        ElectionText {
            pairs,
            region: e.election.region.clone(),
            election_name: e.election.name.clone(),
            election_word,
            candidate_word,
            voting_date: indonesian_date(e.election.timeline.voting_day),
            tokens,
            name_tokens,
        }
    }
}

/// Fictional colleagues' names (the lexicon's, minus any word of a candidate's name).
#[derive(Debug, Clone)]
pub(crate) struct People {
    pub male: Vec<String>,
    pub female: Vec<String>,
    pub family: Vec<String>,
}

impl People {
    pub fn new(lex: &Lexicon, et: &ElectionText) -> People {
        let keep = |list: &[String]| -> Vec<String> {
            let kept: Vec<String> = list
                .iter()
                .filter(|n| !words(n).any(|w| et.name_tokens.contains(&w)))
                .cloned()
                .collect();
            if kept.is_empty() {
                list.to_vec()
            } else {
                kept
            }
        };
        People {
            male: keep(&lex.names.male),
            female: keep(&lex.names.female),
            family: keep(&lex.names.family),
        }
    }
}

/// What a template is filled with.
pub(crate) struct Slots<'a> {
    pub et: &'a ElectionText,
    pub lex: &'a Lexicon,
    pub people: &'a People,
    /// Index into `et.pairs` of the pair the text is about.
    pub pair: Option<usize>,
    /// Index of another pair (for `{alias2}`).
    pub other: Option<usize>,
    /// Ballot numbers have been drawn (the text is dated on or after candidate determination).
    pub numbered: bool,
    /// The writer's unit.
    pub unit: &'a str,
    /// A ballot number for hard negatives (`{n}`).
    pub n: u32,
}

fn pick<R: Rng>(rng: &mut R, plain: &[String], numbered: &[String], use_numbered: bool) -> String {
    if use_numbered && !numbered.is_empty() && rng.gen_bool(0.3) {
        if let Some(s) = numbered.choose(rng) {
            return s.clone();
        }
    }
    plain
        .choose(rng)
        .or_else(|| numbered.choose(rng))
        .cloned()
        .unwrap_or_default()
}

impl Slots<'_> {
    fn value<R: Rng>(&self, slot: &str, rng: &mut R) -> Option<String> {
        let pair = self.pair.and_then(|i| self.et.pairs.get(i));
        let v = match slot {
            "alias" => {
                let p = pair?;
                pick(rng, &p.strong, &p.referents_numbered, self.numbered)
            }
            "any_alias" => {
                let p = pair?;
                pick(rng, &p.referents, &p.referents_numbered, self.numbered)
            }
            "alias2" => {
                let p = self.other.and_then(|i| self.et.pairs.get(i)).or(pair)?;
                pick(rng, &p.strong, &p.referents_numbered, self.numbered)
            }
            "name" => pair?.name.clone(),
            "hashtag" => {
                let p = pair?;
                pick(rng, &p.hashtags, &p.hashtags_numbered, self.numbered)
            }
            "slogan" => {
                let p = pair?;
                pick(rng, &p.slogans, &p.slogans_numbered, self.numbered)
            }
            "party" => pair?.parties.choose(rng)?.clone(),
            "number" => pair?.number.to_string(),
            "number_pad" => format!("{:02}", pair?.number),
            "number_word" => number_word(pair?.number),
            "finger" => finger(pair?.number),
            "region" => self.et.region.clone(),
            "election_name" => self.et.election_name.clone(),
            "election_word" => self.et.election_word.to_string(),
            "candidate_word" => self.et.candidate_word.to_string(),
            "voting_date" => self.et.voting_date.clone(),
            "n_pairs" => self.et.pairs.len().to_string(),
            "n" => self.n.to_string(),
            "n_word" => {
                let w = number_word(self.n);
                let mut c = w.chars();
                c.next()
                    .map_or(w.clone(), |f| f.to_uppercase().chain(c).collect())
            }
            "unit" => self.unit.to_string(),
            "person_m" => self.people.male.choose(rng)?.clone(),
            "person_f" => self.people.female.choose(rng)?.clone(),
            other => self.lex.slots.get(other)?.choose(rng)?.clone(),
        };
        Some(v)
    }

    /// Fills every `{slot}` of `template`; an unknown slot stays as written.
    pub fn fill<R: Rng>(&self, template: &str, rng: &mut R) -> String {
        let mut out = String::with_capacity(template.len() + 32);
        let mut rest = template;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            if let Some(close) = after.find('}') {
                let slot = &after[..close];
                if let Some(v) = self.value(slot, rng) {
                    out.push_str(&v);
                } else {
                    out.push('{');
                    out.push_str(slot);
                    out.push('}');
                }
                rest = &after[close + 1..];
            } else {
                out.push_str(&rest[open..]);
                rest = "";
            }
        }
        out.push_str(rest);
        if template.starts_with('{') {
            // A sentence that starts with a slot starts with a capital.
            let mut chars = out.chars();
            if let Some(first) = chars.next().filter(|c| c.is_lowercase()) {
                return first.to_uppercase().chain(chars).collect();
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn supporters_aliases_share_a_word_with_names_hashtags_or_slogans() {
        let e = Election::from_toml_str(
            r#"[election]
id = "t-2030"
name = "Pemilihan Presiden 2030"
region = "Indonesia"
[election.timeline]
candidate_determination = 2030-09-22
campaign_start = 2030-09-25
campaign_end = 2030-11-23
voting_day = 2030-11-27
[[candidates]]
number = 1
names = ["Budi Perkasa", "Sari Wangi"]
aliases = ["Bang Budi", "Om Kumis", "Capres 01"]
hashtags = ["BudiSariMenang"]
"#,
            "t.toml",
        )
        .unwrap();
        let et = ElectionText::new(&e);
        let p = &et.pairs[0];
        assert!(p.strong.contains(&"Bang Budi".to_string()));
        assert!(p.strong.contains(&"Budi Perkasa".to_string()));
        assert!(!p.strong.contains(&"Om Kumis".to_string()));
        assert!(p.referents.contains(&"Om Kumis".to_string()));
        assert_eq!(p.referents_numbered, vec!["Capres 01".to_string()]);
        assert_eq!(et.election_word, "pilpres");
    }
}
