//! Tidy: library code names no real election's candidates or campaign
//! hashtags; they belong in `elections/*.toml` (style.md).

mod common;

use std::path::Path;

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .map(|w| w.replace('\'', "").to_lowercase())
        .filter(|w| w.chars().count() >= 4)
        .collect()
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else if p
            .extension()
            .is_some_and(|x| x == "rs" || x == "txt" || x == "tsv")
        {
            out.push(p);
        }
    }
}

#[test]
fn library_code_names_no_candidate() {
    let mut banned: Vec<String> = Vec::new();
    for id in [
        "jakarta-2024",
        "dki-jakarta-2017",
        "pilpres-2019",
        "pilpres-2024",
    ] {
        for p in common::pairs(id) {
            for n in &p.names {
                banned.extend(words(n));
            }
            banned.extend(
                p.hashtags
                    .iter()
                    .map(|h| h.to_lowercase())
                    .filter(|h| h.len() >= 5),
            );
            banned.extend(p.accounts.iter().map(|a| a.to_lowercase()));
        }
    }
    banned.sort();
    banned.dedup();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![root.join("build.rs")];
    files(&root.join("src"), &mut paths);
    files(&root.join("lexicon"), &mut paths);
    let mut hits = Vec::new();
    for path in paths {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for (i, line) in text.lines().enumerate() {
            for w in words(line) {
                if banned.binary_search(&w).is_ok() {
                    hits.push(format!("{}:{}: {w}", path.display(), i + 1));
                }
            }
        }
    }
    assert!(
        hits.is_empty(),
        "candidate names in library code:\n{}",
        hits.join("\n")
    );
}
