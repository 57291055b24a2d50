//! Golden tests of the shipped stance model on 50 tricky posts written for
//! this test (sarcasm, negation, news headlines, quotes of others, ambiguous
//! names and numbers), in `tests/data/stance_golden.jsonl`. The examples and
//! their expected labels were written before the model was run on them.
//!
//! Rows marked `"clear": true` must come out exactly right; over all 50, the
//! model must get at least the recorded floor right (see `docs/model.md` for
//! the current count and the misses).

use std::collections::BTreeMap;
use std::path::Path;

use netra_core::{Election, Label};
use netra_detect::stance::StanceClassifier;

/// Correct (label and target) out of 50 the shipped model must reach.
const FLOOR: usize = 42;

#[derive(serde::Deserialize)]
struct Golden {
    election: String,
    text: String,
    label: String,
    target: Option<u32>,
    clear: bool,
    why: String,
}

fn classifiers() -> BTreeMap<String, StanceClassifier> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../elections");
    ["jakarta-2024", "dki-jakarta-2017"]
        .into_iter()
        .map(|id| {
            let e = Election::from_path(&dir.join(format!("{id}.toml"))).unwrap();
            (id.to_string(), StanceClassifier::shipped(&e).unwrap())
        })
        .collect()
}

#[test]
fn golden_tricky_examples() {
    let cls = classifiers();
    let rows: Vec<Golden> = include_str!("data/stance_golden.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), 50);
    let mut right = 0;
    let mut misses = Vec::new();
    let mut clear_misses = Vec::new();
    for g in &rows {
        let c = cls[&g.election].classify_text(&g.text);
        let want = (Label::parse(&g.label).unwrap(), g.target);
        if (c.label, c.target) == want {
            right += 1;
        } else {
            let line = format!(
                "{} [{}] want {:?} got {:?} {:?}: {}",
                g.election, g.why, want, c.label, c.target, g.text
            );
            if g.clear {
                clear_misses.push(line.clone());
            }
            misses.push(line);
        }
    }
    eprintln!("golden: {right}/50 right; misses:\n{}", misses.join("\n"));
    assert!(
        clear_misses.is_empty(),
        "clear examples wrong:\n{}",
        clear_misses.join("\n")
    );
    assert!(right >= FLOOR, "{right}/50 right, floor {FLOOR}");
}
