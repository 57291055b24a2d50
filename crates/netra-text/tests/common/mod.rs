//! Test helpers: election configs as `PairTerms` (parsed here with `toml`;
//! netra-text does not depend on netra-core).

#![allow(dead_code, reason = "each test binary uses a subset")]

use std::path::PathBuf;

use netra_text::{Matcher, PairTerms};
use serde::Deserialize;

#[derive(Deserialize)]
struct Config {
    candidates: Vec<Candidate>,
}

#[derive(Deserialize)]
struct Candidate {
    number: u32,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    distinctive: Vec<String>,
    #[serde(default)]
    hashtags: Vec<String>,
    #[serde(default)]
    slogans: Vec<String>,
    #[serde(default)]
    parties: Vec<String>,
    #[serde(default)]
    accounts: Vec<Account>,
}

#[derive(Deserialize)]
struct Account {
    handle: String,
}

/// Path of an election config by id.
pub fn election_path(id: &str) -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let local = root.join("elections").join(format!("{id}.toml"));
    if local.exists() {
        local
    } else {
        root.join("../shared/data/elections")
            .join(format!("{id}.toml"))
    }
}

/// The pairs of an election config.
pub fn pairs(id: &str) -> Vec<PairTerms> {
    let path = election_path(id);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let cfg: Config = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    cfg.candidates
        .into_iter()
        .map(|c| PairTerms {
            number: c.number,
            names: c.names,
            aliases: c.aliases,
            distinctive: c.distinctive,
            hashtags: c.hashtags,
            slogans: c.slogans,
            parties: c.parties,
            accounts: c.accounts.into_iter().map(|a| a.handle).collect(),
        })
        .collect()
}

/// A matcher for an election config.
pub fn matcher(id: &str) -> Matcher {
    Matcher::new(&pairs(id))
}
