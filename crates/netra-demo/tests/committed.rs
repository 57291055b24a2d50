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
