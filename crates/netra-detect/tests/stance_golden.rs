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

/// Plain calls to vote by ballot number, the commonest support post of a
/// campaign, are support for that number in both deployable configs, and
/// the bare call "coblos 03" confidently so (a score `scan` counts). The
/// scores of the longer calls vary (0.46–0.9); `scan` reads them by cue
/// words first anyway. (Round 3's first model read "coblos 03"
/// alone as an attack: the corpora's "coblos" posts are mostly about ballot
/// fraud. Written vote calls, `data/annotations/written_calls_f1.jsonl`,
/// fixed it; these phrasings are not among them.)
#[test]
fn plain_ballot_number_calls_are_confident_support() {
    let cls = classifiers();
    for (election, text, pair) in [
        ("jakarta-2024", "coblos 03", 3),
        ("jakarta-2024", "besok pagi ke TPS, coblos nomor 1 ya", 1),
        ("jakarta-2024", "nomor 2 pilihan keluarga kami", 2),
        ("dki-jakarta-2017", "coblos no 3 ya warga jakarta", 3),
    ] {
        let c = cls[election].classify_text(text);
        assert_eq!(
            (c.label, c.target),
            (Label::Support, Some(pair)),
            "{election}: {text}"
        );
    }
    let bare = cls["jakarta-2024"].classify_text("coblos 03");
    assert!(bare.score >= 0.8, "coblos 03: score {}", bare.score);
    // By design, "pilih nomor 2" with no ballot word (coblos, nomor urut,
    // paslon, …) and no political word is not a counted mention in
    // `netra-text` (it could be a menu or a queue); the classifier then
    // takes no side. Written for this test as a call, it documents that
    // caution: a reviewer sees no signal rather than a wrong accusation.
    let menu_like = cls["dki-jakarta-2017"].classify_text("pilih nomor 2 yuk");
    assert_ne!(menu_like.label, Label::Support, "{menu_like:?}");
}
