//! The embedded word lists and text templates (`data/lexicon.toml`).
//!
//! **Invariant:** nothing in the lexicon names a particular election; every
//! election-specific word reaches the text through a slot filled from the
//! config.

use std::collections::BTreeMap;

use serde::Deserialize;

/// The lexicon file, compiled into the crate.
pub(crate) const LEXICON_TOML: &str = include_str!("../data/lexicon.toml");

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Lexicon {
    pub names: Names,
    pub units: Vec<Unit>,
    pub accounts: Accounts,
    /// Generic slot values: slot name → choices.
    pub slots: BTreeMap<String, Vec<String>>,
    pub text: Texts,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Names {
    pub male: Vec<String>,
    pub female: Vec<String>,
    pub family: Vec<String>,
    pub degrees_education: Vec<String>,
    pub degrees_health: Vec<String>,
    pub degrees_general: Vec<String>,
    pub prefix_health: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Unit {
    pub name: String,
    /// `education`, `health` or `general`: picks the academic titles.
    pub kind: String,
    pub positions: Vec<String>,
    /// Positions held by one person per unit.
    #[serde(default)]
    pub unique: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Accounts {
    pub public_first: Vec<String>,
    pub public_second: Vec<String>,
    /// `[handle, bio]` pairs.
    pub news: Vec<[String; 2]>,
    /// Handle patterns with a `{tag}` slot.
    pub volunteer_patterns: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Triggered {
    /// Lower-case word that, when it occurs in the config, makes these texts more frequent.
    pub word: String,
    pub texts: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Texts {
    pub everyday_work: Vec<String>,
    pub everyday_food: Vec<String>,
    pub everyday_traffic: Vec<String>,
    pub everyday_football: Vec<String>,
    pub everyday_religion: Vec<String>,
    pub everyday_family: Vec<String>,
    pub everyday_weather: Vec<String>,
    pub everyday_slang: Vec<String>,
    pub everyday_health: Vec<String>,
    pub comment_everyday: Vec<String>,
    pub number_negatives: Vec<String>,
    pub finger_negative_alts: Vec<String>,
    pub finger_negative_captions: Vec<String>,
    pub triggered: Vec<Triggered>,
    pub neutral_political: Vec<String>,
    pub neutral_mention: Vec<String>,
    pub news: Vec<String>,
    pub news_campaign: Vec<String>,
    pub news_after: Vec<String>,
    pub news_shares: Vec<String>,
    pub news_comments: Vec<String>,
    pub official: Vec<String>,
    pub official_numbered: Vec<String>,
    pub supportive: Vec<String>,
    pub supportive_numbered: Vec<String>,
    pub asn_support: Vec<String>,
    pub asn_support_numbered: Vec<String>,
    pub asn_oppose: Vec<String>,
    pub asn_oppose_numbered: Vec<String>,
    pub attack: Vec<String>,
    pub comment_support: Vec<String>,
    pub quote_support: Vec<String>,
    pub quote_attack: Vec<String>,
    pub shares: Vec<String>,
    pub bio_neutral: Vec<String>,
    pub bio_party: Vec<String>,
    pub bio_campaign: Vec<String>,
    pub alt_everyday: Vec<String>,
    pub alt_profile_neutral: Vec<String>,
    pub alt_twibbon: Vec<String>,
    pub caption_twibbon: Vec<String>,
    pub alt_twibbon_negative: Vec<String>,
    pub caption_twibbon_negative: Vec<String>,
    pub alt_finger: Vec<String>,
    pub caption_finger: Vec<String>,
}

impl Texts {
    /// The everyday topics, each a list of templates.
    pub fn everyday_topics(&self) -> [&[String]; 9] {
        [
            &self.everyday_work,
            &self.everyday_food,
            &self.everyday_traffic,
            &self.everyday_football,
            &self.everyday_religion,
            &self.everyday_family,
            &self.everyday_weather,
            &self.everyday_slang,
            &self.everyday_health,
        ]
    }
}

impl Lexicon {
    /// The embedded lexicon.
    pub fn embedded() -> Lexicon {
        toml::from_str(LEXICON_TOML)
            .expect("data/lexicon.toml is compiled in and checked by the crate's tests")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_lexicon_parses_and_no_list_is_empty() {
        let lex = Lexicon::embedded();
        assert!(!lex.units.is_empty());
        for u in &lex.units {
            assert!(!u.positions.is_empty(), "unit {} has no positions", u.name);
            assert!(
                ["education", "health", "general"].contains(&u.kind.as_str()),
                "unit {} has unknown kind {}",
                u.name,
                u.kind
            );
        }
        for (k, v) in &lex.slots {
            assert!(!v.is_empty(), "slot {k} is empty");
        }
        for t in &lex.text.triggered {
            assert!(
                !t.texts.is_empty(),
                "triggered word {} has no texts",
                t.word
            );
            assert_eq!(
                t.word,
                t.word.to_lowercase(),
                "triggered words are lower-case"
            );
        }
        assert!(lex.names.male.len() >= 20 && lex.names.female.len() >= 20);
    }
}
