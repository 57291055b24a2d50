//! `netra audit log`: reading who did and saw what, through the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn netra(data_dir: &Path, user: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_netra"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(["--quiet", "--lang", "en", "--user", user])
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("NETRA_LANG")
        .env_remove("NETRA_USER")
        .output()
        .expect("run netra")
}

fn ok(o: &Output) -> String {
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(
        o.status.success(),
        "exit {:?}\n{out}\n{}",
        o.status,
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

fn jsonl(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

#[test]
fn audit_log_shows_who_saw_a_case_and_filters_by_actor_action_subject_and_date() {
    let dir = tempfile::tempdir().unwrap();
    ok(&netra(dir.path(), "rina", &["scan"]));
    ok(&netra(dir.path(), "hendra", &["case", "show", "2"]));
    ok(&netra(dir.path(), "sari", &["case", "show", "2"]));

    let views = jsonl(&ok(&netra(
        dir.path(),
        "sari",
        &["audit", "log", "--action", "case.view", "--jsonl"],
    )));
    let who: Vec<&str> = views.iter().map(|v| v["actor"].as_str().unwrap()).collect();
    assert_eq!(who, ["hendra", "sari"], "oldest first: {views:?}");
    assert!(views.iter().all(|v| v["subject"] == "case:2"));
    assert!(views[0]["seq"].as_i64() < views[1]["seq"].as_i64());

    let about_case = jsonl(&ok(&netra(
        dir.path(),
        "sari",
        &["audit", "log", "--case", "2", "--action", "case", "--jsonl"],
    )));
    let actions: Vec<&str> = about_case
        .iter()
        .map(|v| v["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["case.open", "case.view", "case.view"]);

    let by_rina = jsonl(&ok(&netra(
        dir.path(),
        "sari",
        &["audit", "log", "--actor", "rina", "--limit", "3", "--jsonl"],
    )));
    assert_eq!(by_rina.len(), 3, "the newest 3 of rina's entries");
    assert!(by_rina.iter().all(|v| v["actor"] == "rina"));

    let none = ok(&netra(
        dir.path(),
        "sari",
        &["audit", "log", "--until", "2000-01-01"],
    ));
    assert!(none.contains("0 entries shown"), "{none}");
    let text = ok(&netra(
        dir.path(),
        "sari",
        &[
            "audit",
            "log",
            "--since",
            "2000-01-01",
            "--action",
            "case.view",
        ],
    ));
    assert!(text.contains("hendra case.view case:2"), "{text}");
    assert!(text.contains("2 entries shown"), "{text}");

    let bad = netra(
        dir.path(),
        "sari",
        &["audit", "log", "--since", "2024-13-01"],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&bad.stderr).contains("--since"),
        "the bad flag is named"
    );
    // Reading the log changes nothing: the chain still verifies.
    ok(&netra(dir.path(), "sari", &["audit", "verify"]));
}
