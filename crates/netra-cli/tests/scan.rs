//! `netra scan` end to end, through the real binary.

use std::path::Path;
use std::process::{Command, Output};

fn netra(data_dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_netra"))
        .arg("--data-dir")
        .arg(data_dir)
        .args(["--quiet", "--lang", "en"])
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("NETRA_LANG")
        .output()
        .expect("run netra")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The number printed after `label` on the line that starts with `line_start`.
fn number_after(text: &str, line_start: &str, label: &str) -> u64 {
    let line = text
        .lines()
        .find(|l| l.starts_with(line_start))
        .unwrap_or_else(|| panic!("no line {line_start:?} in\n{text}"));
    let rest = &line[line
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} in {line:?}"))
        + label.len()..];
    rest.trim_start()
        .split(|c: char| !c.is_ascii_digit() && c != ',')
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap()
}

#[test]
fn demo_scan_prints_summary_and_rerun_stores_no_duplicates() {
    let dir = tempfile::tempdir().unwrap();
    let first = netra(dir.path(), &["scan"]);
    let out = stdout(&first);
    assert!(
        first.status.success(),
        "exit {:?}\n{out}\n{}",
        first.status,
        String::from_utf8_lossy(&first.stderr)
    );
    for heading in [
        "Per pair",
        "Signals per unit",
        "Signals per activity kind",
        "A signal is not a finding",
    ] {
        assert!(out.contains(heading), "missing {heading:?} in\n{out}");
    }
    let signals = number_after(&out, "Signals:", "Signals:");
    assert!(
        signals > 100,
        "the demo has hundreds of partisan activities, got {signals}\n{out}"
    );
    let stored = number_after(&out, "Activities", "newly stored (");
    assert_eq!(stored, 0, "first run finds nothing stored yet");
    let new = number_after(&out, "Activities", "outside the monitoring window,");
    assert!(
        new > 10_000,
        "most demo activity is by registered accounts\n{out}"
    );

    let second = netra(dir.path(), &["scan"]);
    let out2 = stdout(&second);
    assert!(second.status.success(), "{out2}");
    assert_eq!(
        number_after(&out2, "Signals:", "Signals:"),
        signals,
        "re-run stores no duplicate signals\n{out2}"
    );
    assert!(
        out2.contains("(0 new)"),
        "re-run finds no new signals\n{out2}"
    );
    assert_eq!(
        number_after(&out2, "Activities", "outside the monitoring window,"),
        0,
        "re-run stores no activity twice\n{out2}"
    );
    assert_eq!(
        number_after(&out2, "Activities", "newly stored ("),
        new,
        "re-run finds every activity already stored\n{out2}"
    );
}

#[test]
fn bad_lines_are_reported_with_file_and_line_and_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let demo = dir.path().join("files");
    let o = netra(dir.path(), &["demo", "--out", demo.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let acts = demo.join("activities.jsonl");
    let mut text = std::fs::read_to_string(&acts).unwrap();
    text.insert_str(0, "{not json\n");
    std::fs::write(&acts, text).unwrap();
    let o = netra(
        dir.path(),
        &[
            "scan",
            "--election",
            demo.join("election.toml").to_str().unwrap(),
            "--registry",
            demo.join("registry.csv").to_str().unwrap(),
            "--input",
            acts.to_str().unwrap(),
        ],
    );
    let out = stdout(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "finished with reported problems\n{out}"
    );
    assert!(
        out.contains("activities.jsonl:1:"),
        "names file and line\n{out}"
    );
    assert!(
        number_after(&out, "Signals:", "Signals:") > 100,
        "the good lines were still scanned\n{out}"
    );
}

#[test]
fn bad_config_is_fatal_with_exit_2_and_names_the_line() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("e.toml");
    std::fs::write(&cfg, "[election]\nid = \"x\"\nnaem = \"typo\"\n").unwrap();
    let o = netra(dir.path(), &["scan", "--election", cfg.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("e.toml:3:") && err.contains("naem"), "{err}");
}

#[test]
fn registry_without_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let o = netra(dir.path(), &["scan", "--registry", "r.csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("both --registry and --input"));
}

#[test]
fn bad_catalogue_is_fatal_and_names_entry_field_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bundled = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../catalogue/violations.toml"),
    )
    .unwrap();
    let bad = bundled.replacen("class = \"ethics\"", "class = \"etik\"", 1);
    let line = bad.lines().position(|l| l.contains("\"etik\"")).unwrap() + 1;
    let cat = dir.path().join("violations.toml");
    std::fs::write(&cat, bad).unwrap();
    let o = netra(dir.path(), &["scan", "--catalogue", cat.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("violations.toml:{line}:"))
            && err.contains("violation #1 (ETIK-01)")
            && err.contains("field `class`"),
        "{err}"
    );
}

#[test]
fn demo_summary_shows_cases_by_severity_class_and_unit_in_indonesian_by_default() {
    let dir = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_netra"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--quiet", "scan"])
        .env_remove("DATABASE_URL")
        .env_remove("NETRA_LANG")
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(o.status.success(), "{out}");
    for heading in [
        "Kasus per bobot dan kelas",
        "Kasus per unit kerja",
        "bobot tinggi",
        "kelas disiplin",
    ] {
        assert!(out.contains(heading), "missing {heading:?} in\n{out}");
    }
}

#[test]
fn purged_activities_are_not_stored_again_by_a_later_scan() {
    let dir = tempfile::tempdir().unwrap();
    let first = netra(dir.path(), &["scan"]);
    assert!(first.status.success(), "{}", stdout(&first));
    let purge = netra(
        dir.path(),
        &[
            "purge",
            "--activities-without-case-after-days",
            "30",
            "--as-of",
            "2030-01-01",
        ],
    );
    let purged_out = stdout(&purge);
    assert!(
        purge.status.success(),
        "{purged_out}\n{}",
        String::from_utf8_lossy(&purge.stderr)
    );
    let again = netra(dir.path(), &["scan"]);
    let out = stdout(&again);
    assert!(again.status.success(), "{out}");
    let skipped = number_after(&out, "Activities", "already stored,");
    assert!(
        skipped > 10_000,
        "most demo activities made no case and were purged: {skipped}\n{purged_out}\n{out}"
    );
    assert_eq!(
        number_after(&out, "Activities", "outside the monitoring window,"),
        0,
        "nothing purged is stored again\n{out}"
    );
    assert!(
        out.contains("deleted earlier by retention (not stored again)"),
        "{out}"
    );
}
