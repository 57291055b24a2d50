//! The bundled demo data in `demo/` is exactly what the generator makes from
//! `elections/jakarta-2024.toml` with the default config.
//!
//! Regenerate with `NETRA_REGENERATE_DEMO=1 cargo test -p netra-demo`.

use std::path::{Path, PathBuf};

use netra_core::Election;
use netra_demo::{generate, DemoConfig};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn committed_demo_matches_the_generator() {
    let election = Election::from_path(&repo().join("elections/jakarta-2024.toml"))
        .expect("elections/jakarta-2024.toml loads");
    let demo = generate(&election, &DemoConfig::default());
    let dir = repo().join("demo");
    let files = [
        ("registry.csv", &demo.registry_csv),
        ("activities.jsonl", &demo.activities_jsonl),
        ("truth.jsonl", &demo.truth_jsonl),
    ];
    if std::env::var_os("NETRA_REGENERATE_DEMO").is_some() {
        std::fs::create_dir_all(&dir).expect("create demo/");
        for (name, content) in files {
            std::fs::write(dir.join(name), content).expect("write demo file");
        }
        return;
    }
    assert!(
        demo.activities_jsonl.len() < 5 * 1024 * 1024,
        "demo/activities.jsonl should stay under 5 MiB, is {} bytes",
        demo.activities_jsonl.len()
    );
    for (name, content) in files {
        let path = dir.join(name);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == *content,
            "demo/{name} differs from what the generator makes ({} vs {} bytes); \
             regenerate with NETRA_REGENERATE_DEMO=1 cargo test -p netra-demo",
            committed.len(),
            content.len()
        );
    }
}

/// `1234` → `1,234` (as the README writes counts).
fn thousands(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[test]
fn demo_readme_counts_match_the_data() {
    use std::collections::BTreeMap;
    let election = Election::from_path(&repo().join("elections/jakarta-2024.toml"))
        .expect("elections/jakarta-2024.toml loads");
    let demo = generate(&election, &DemoConfig::default());
    let readme = std::fs::read_to_string(repo().join("demo/README.md")).expect("demo/README.md");
    let mut kinds: BTreeMap<&str, usize> = BTreeMap::new();
    let mut platforms: BTreeMap<&str, usize> = BTreeMap::new();
    for a in &demo.activities {
        *kinds.entry(a.kind.as_str()).or_default() += 1;
        *platforms.entry(a.platform.as_str()).or_default() += 1;
    }
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &demo.truth {
        *rules.entry(t.rule.as_str()).or_default() += 1;
    }
    for (name, n) in kinds.iter().chain(&platforms).chain(&rules) {
        let cell = format!("| {name} | {} |", thousands(*n));
        assert!(
            readme.contains(&cell),
            "demo/README.md should say `{cell}`; update it after regenerating"
        );
    }
    let nips: std::collections::HashSet<&str> = demo.truth.iter().map(|t| t.nip.as_str()).collect();
    let summary = format!("{} truth lines by {} ASN", demo.truth.len(), nips.len());
    assert!(
        readme.contains(&summary),
        "demo/README.md should say `{summary}`"
    );
}
