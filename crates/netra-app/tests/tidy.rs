//! Repository hygiene: no election may be hard-coded in library code.
//!
//! Every candidate name, hashtag, slogan and distinctive alias of the bundled
//! configs is searched (case-insensitively) in the non-test code of every
//! crate; they belong in `elections/*.toml`.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The code of a file before its first `#[cfg(test)]`; whole test files are skipped.
fn library_code(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    if name == "tests.rs" || path.components().any(|c| c.as_os_str() == "tests") {
        return String::new();
    }
    let text = std::fs::read_to_string(path).unwrap_or_default();
    match text.find("#[cfg(test)]") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn election_terms(root: &Path) -> Vec<String> {
    let mut terms = Vec::new();
    for entry in std::fs::read_dir(root.join("elections")).unwrap() {
        let p = entry.unwrap().path();
        let e = netra_core::Election::from_path(&p).unwrap();
        for c in &e.candidates {
            terms.extend(c.names.iter().cloned());
            terms.extend(
                c.hashtags
                    .iter()
                    .filter(|h| !h.chars().any(|ch| ch.is_ascii_digit()))
                    .cloned(),
            );
            terms.extend(
                c.slogans
                    .iter()
                    .filter(|s| !s.chars().any(|ch| ch.is_ascii_digit()))
                    .cloned(),
            );
            terms.extend(
                c.aliases
                    .iter()
                    // All-lowercase aliases ("petahana") are ordinary words, not names.
                    .filter(|a| {
                        a.chars().count() >= 5
                            && a.chars().any(char::is_uppercase)
                            && !a.chars().any(|ch| ch.is_ascii_digit())
                    })
                    .cloned(),
            );
            terms.extend(c.accounts.iter().map(|a| a.handle.clone()));
        }
    }
    terms.sort();
    terms.dedup();
    terms
}

#[test]
fn no_election_names_in_library_code() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let terms = election_terms(&root);
    assert!(
        terms.len() > 50,
        "expected the bundled configs' terms, got {}",
        terms.len()
    );
    let mut files = Vec::new();
    rust_files(&root.join("crates"), &mut files);
    assert!(files.len() > 10);
    let mut found = Vec::new();
    for f in &files {
        let code = library_code(f).to_lowercase();
        for t in &terms {
            if code.contains(&t.to_lowercase()) {
                found.push(format!("{}: {t:?}", f.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "election-specific terms in library code (move them to a config):\n{}",
        found.join("\n")
    );
}
