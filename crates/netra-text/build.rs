//! Builds netra-text's lexicon tables.
//!
//! Reads the curated in-repo lists in `lexicon/` and, when present, the
//! shared lexicons in `../../../shared/data/lexicons/` (override the
//! directory with `NETRA_TEXT_LEXICON_DIR`; set `NETRA_TEXT_LEXICONS=curated`
//! to build with the curated lists only, e.g. for a redistributable binary:
//! see the licence notes in `../../../shared/data/README.md`). Writes
//! `lexicon_tables.rs` into `OUT_DIR` with three sorted static tables:
//!
//! - `SLANG`: `(slang, formal)`, resolved so that no formal word is itself a
//!   key (this makes the slang expander idempotent);
//! - `DICTIONARY`: known Indonesian words (formal words of the colloquial
//!   lexicon, `InSet` words, curated words, stop words, slang keys);
//! - `STOPWORDS`.
//!
//! When the shared lexicons are missing the build falls back to the curated
//! lists and prints a cargo warning; it never fails because of them.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=lexicon");
    println!("cargo:rerun-if-env-changed=NETRA_TEXT_LEXICON_DIR");
    println!("cargo:rerun-if-env-changed=NETRA_TEXT_LEXICONS");

    let curated_dir = manifest.join("lexicon");
    let curated_slang = read_tsv_pairs(&curated_dir.join("curated_slang.tsv"));
    let stopwords: BTreeSet<String> = read_list(&curated_dir.join("stopwords.txt"));
    let common: BTreeSet<String> = read_list(&curated_dir.join("common_words.txt"));

    let shared_dir = std::env::var("NETRA_TEXT_LEXICON_DIR").map_or_else(
        |_| manifest.join("../../../shared/data/lexicons"),
        PathBuf::from,
    );
    let curated_only = std::env::var("NETRA_TEXT_LEXICONS").is_ok_and(|v| v == "curated");
    let shared = if curated_only {
        None
    } else {
        Shared::load(&shared_dir)
    };
    if shared.is_none() && !curated_only {
        println!(
            "cargo:warning=netra-text: shared lexicons not found in {}; using the curated in-repo lists only",
            shared_dir.display()
        );
    }

    // Dictionary of known words.
    let mut dictionary: BTreeSet<String> = BTreeSet::new();
    dictionary.extend(stopwords.iter().cloned());
    dictionary.extend(common.iter().cloned());
    for (_, v) in &curated_slang {
        dictionary.extend(v.split(' ').map(str::to_string));
    }
    if let Some(s) = &shared {
        dictionary.extend(s.formal_words.iter().cloned());
        dictionary.extend(s.inset_words.iter().cloned());
    }

    // Slang map: curated first, then the colloquial lexicon, then okky
    // (only where every formal word is a known word: its messy,
    // context-specific entries name politicians and glue hashtags).
    let mut slang: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in &curated_slang {
        if clean_key(k) && clean_value(v) && k != v {
            slang.insert(k.clone(), v.clone());
        }
    }
    if let Some(s) = &shared {
        for (k, v) in &s.colloquial {
            if clean_key(k) && clean_value(v) && k != v && !dictionary.contains(k) {
                slang.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        for (k, v) in &s.okky {
            if clean_key(k)
                && k.len() <= 12
                && clean_value(v)
                && k != v
                && !dictionary.contains(k)
                && v.split(' ').all(|w| dictionary.contains(w))
            {
                slang.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
    }
    let slang = resolve(&slang);
    dictionary.extend(slang.keys().cloned());

    let source = if shared.is_some() {
        "curated lists + shared lexicons (kamus-alay colloquial lexicon, okky new_kamusalay, InSet)"
    } else {
        "curated lists only"
    };
    let mut code = String::new();
    writeln!(code, "/// Where the compiled-in lexicon came from.").unwrap();
    writeln!(code, "pub const LEXICON_SOURCE: &str = {source:?};").unwrap();
    writeln!(code, "/// `(slang, formal)`, sorted by slang.").unwrap();
    writeln!(code, "pub static SLANG: &[(&str, &str)] = &[").unwrap();
    for (k, v) in &slang {
        writeln!(code, "({k:?}, {v:?}),").unwrap();
    }
    writeln!(code, "];").unwrap();
    writeln!(code, "/// Known words, sorted.").unwrap();
    writeln!(code, "pub static DICTIONARY: &[&str] = &[").unwrap();
    for w in &dictionary {
        writeln!(code, "{w:?},").unwrap();
    }
    writeln!(code, "];").unwrap();
    writeln!(code, "/// Stop words, sorted.").unwrap();
    writeln!(code, "pub static STOPWORDS: &[&str] = &[").unwrap();
    for w in &stopwords {
        writeln!(code, "{w:?},").unwrap();
    }
    writeln!(code, "];").unwrap();
    std::fs::write(out.join("lexicon_tables.rs"), code).expect("OUT_DIR is writable");
}

/// The shared lexicons that were found.
struct Shared {
    /// slang -> most frequent formal form (kamus-alay colloquial lexicon).
    colloquial: BTreeMap<String, String>,
    /// slang -> formal (okky `new_kamusalay`).
    okky: BTreeMap<String, String>,
    /// Every word of the colloquial lexicon's formal column.
    formal_words: BTreeSet<String>,
    /// Single-word `InSet` entries.
    inset_words: BTreeSet<String>,
}

impl Shared {
    fn load(dir: &Path) -> Option<Shared> {
        let colloquial_path = dir.join("kamus_alay_colloquial_lexicon.csv");
        let okky_path = dir.join("okky_new_kamusalay.csv");
        let pos = dir.join("inset_positive.tsv");
        let neg = dir.join("inset_negative.tsv");
        for p in [&colloquial_path, &okky_path, &pos, &neg] {
            println!("cargo:rerun-if-changed={}", p.display());
        }
        let colloquial_text = std::fs::read_to_string(&colloquial_path).ok()?;
        let rows = parse_csv(&colloquial_text);
        let mut counts: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
        let mut formal_words = BTreeSet::new();
        for row in rows.iter().skip(1) {
            let (Some(k), Some(v)) = (row.first(), row.get(1)) else {
                continue;
            };
            let (k, v) = (k.trim().to_lowercase(), collapse_spaces(&v.to_lowercase()));
            for w in v.split(' ') {
                if clean_key(w) {
                    formal_words.insert(w.to_string());
                }
            }
            *counts.entry(k).or_default().entry(v).or_default() += 1;
        }
        let colloquial = counts
            .into_iter()
            .filter_map(|(k, vs)| {
                // Most frequent formal form; ties broken alphabetically.
                let best = vs.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
                Some((k, best.0.clone()))
            })
            .collect();
        let okky = std::fs::read_to_string(&okky_path).map_or_else(
            |_| BTreeMap::new(),
            |t| {
                parse_csv(&t)
                    .into_iter()
                    .skip(1)
                    .filter_map(|r| {
                        let k = r.first()?.trim().to_lowercase();
                        let v = collapse_spaces(&r.get(1)?.to_lowercase());
                        Some((k, v))
                    })
                    .collect()
            },
        );
        let mut inset_words = BTreeSet::new();
        for p in [&pos, &neg] {
            if let Ok(t) = std::fs::read_to_string(p) {
                for line in t.lines().skip(1) {
                    let w = line.split('\t').next().unwrap_or("").trim().to_lowercase();
                    if clean_key(&w) {
                        inset_words.insert(w);
                    }
                }
            }
        }
        Some(Shared {
            colloquial,
            okky,
            formal_words,
            inset_words,
        })
    }
}

/// A key the normaliser can produce: lowercase ASCII letters, no letter
/// repeated three times in a row (the elongation reducer removes those).
fn clean_key(k: &str) -> bool {
    !k.is_empty() && k.bytes().all(|b| b.is_ascii_lowercase()) && !has_triple(k)
}

/// A formal value: one to four clean words separated by single spaces.
fn clean_value(v: &str) -> bool {
    let words: Vec<&str> = v.split(' ').collect();
    !words.is_empty() && words.len() <= 4 && words.iter().all(|w| clean_key(w))
}

fn has_triple(s: &str) -> bool {
    s.as_bytes()
        .windows(3)
        .any(|w| w[0] == w[1] && w[1] == w[2])
}

fn collapse_spaces(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Follows chains (`ga -> enggak -> tidak`) and drops entries in cycles,
/// then drops any key that still occurs as a formal word, so that the
/// output of the expander is never expanded again.
fn resolve(map: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    fn word(map: &BTreeMap<String, String>, w: &str, depth: usize) -> Option<String> {
        match map.get(w) {
            None => Some(w.to_string()),
            Some(_) if depth > 4 => None,
            Some(v) => value(map, v, depth + 1),
        }
    }
    fn value(map: &BTreeMap<String, String>, v: &str, depth: usize) -> Option<String> {
        let parts: Option<Vec<String>> = v.split(' ').map(|w| word(map, w, depth)).collect();
        let joined = parts?.join(" ");
        (joined.split(' ').count() <= 4).then_some(joined)
    }
    let mut out: BTreeMap<String, String> = map
        .iter()
        .filter_map(|(k, v)| {
            let r = value(map, v, 0)?;
            (&r != k).then(|| (k.clone(), r))
        })
        .collect();
    loop {
        let formal: BTreeSet<String> = out
            .values()
            .flat_map(|v| v.split(' ').map(str::to_string))
            .collect();
        let before = out.len();
        out.retain(|k, _| !formal.contains(k));
        if out.len() == before {
            return out;
        }
    }
}

fn read_list(path: &Path) -> BTreeSet<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .map(|l| l.split('#').next().unwrap_or("").trim().to_lowercase())
        .filter(|l| clean_key(l))
        .collect()
}

fn read_tsv_pairs(path: &Path) -> Vec<(String, String)> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (k, v) = l.split_once('\t')?;
            Some((k.trim().to_lowercase(), collapse_spaces(&v.to_lowercase())))
        })
        .collect()
}

/// Minimal RFC 4180 reader: quoted fields, doubled quotes, newlines in quotes.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' => {}
            '\n' => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
