//! `netra explain` through the real binary.

use std::process::Command;

fn explain(text: &str) -> (i32, String) {
    let root = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../elections/jakarta-2024.toml"
    );
    let o = Command::new(env!("CARGO_BIN_EXE_netra"))
        .args(["--lang", "en", "explain", "--election", root, text])
        .output()
        .expect("run netra");
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
    )
}

#[test]
fn explain_shows_normalised_text_matches_and_stance() {
    let (code, out) = explain("coblos 3 ya gaes 🔥 #JakartaMenyala");
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("normalised:"), "{out}");
    assert!(out.contains("pair 3 hashtag \"#JakartaMenyala\""), "{out}");
    assert!(out.contains("pair 3 ballot_number \"coblos 3\""), "{out}");
    assert!(out.contains("stance: support (pair: 03"), "{out}");
}

#[test]
fn explain_hard_negative_counts_no_mention() {
    let (code, out) = explain("Arisan Dharma Wanita kantor besok jam 3 ya bu");
    assert_eq!(code, 0, "{out}");
    assert!(
        !out.contains("pair 2 "),
        "Dharma Wanita is not pair 2\n{out}"
    );
    assert!(out.contains("stance: not_political"), "{out}");
}

#[test]
fn explain_with_a_bad_config_exits_2() {
    let o = Command::new(env!("CARGO_BIN_EXE_netra"))
        .args(["explain", "--election", "/no/such.toml", "x"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("/no/such.toml"));
}
