//! `netra import` end to end, through the real binary, on the exports of
//! `crates/netra-ingest/tests/data/exports` (an X archive, Facebook and
//! Instagram downloads, a TikTok `user_data.json`, an X API response, a
//! monitoring spreadsheet and canonical JSONL, side by side in one folder).

use std::path::{Path, PathBuf};
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

fn ingest_data(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../netra-ingest/tests/data")
        .join(rel)
        .display()
        .to_string()
}

fn text(o: &Output) -> String {
    format!(
        "{}\n--- stderr ---\n{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// The sum of the numbers printed before `label` on the `Activities …` lines.
fn sum_before(out: &str, label: &str) -> u64 {
    out.lines()
        .filter(|l| l.starts_with("Activities "))
        .map(|l| {
            let before = &l[..l.find(label).unwrap_or_else(|| panic!("{label:?} in {l}"))];
            before
                .trim_end()
                .rsplit([' ', '(', ','])
                .next()
                .unwrap()
                .replace(',', "")
                .parse::<u64>()
                .unwrap()
        })
        .sum()
}

#[test]
fn a_folder_of_mixed_exports_imported_twice_stores_nothing_twice() {
    let dir = tempfile::tempdir().unwrap();
    let exports = ingest_data("exports");
    let registry = ingest_data("exports-registry.csv");
    let first = netra(dir.path(), &["import", "--registry", &registry, &exports]);
    let out = text(&first);
    // The fixtures hold one broken record per file on purpose: reported, exit 1.
    assert_eq!(first.status.code(), Some(1), "{out}");
    for line in [
        "like.js [x-archive: likes, account budi_s]: 3 records read, 2 activities, 1 skipped",
        "user_data_tiktok.json [tiktok: user data, account dewil66]",
        "6 times without a zone read as Asia/Jakarta",
        "Time zone assumed: Asia/Jakarta (the election's zone; change with --zone)",
        "like.js:16: `tweetId` `bukan-angka` is not a tweet id (digits); record skipped",
        "pantauan-harian.csv:5: `kind` `nonton`",
        "Cases: 4 opened",
    ] {
        assert!(out.contains(line), "missing {line:?} in\n{out}");
    }
    let stored = sum_before(&out, "newly stored");
    assert!(stored >= 25, "{out}");
    assert!(
        out.contains("timeline-rudi.json: 4 read, 1 lines rejected, 4 by accounts outside the registry (not kept)"),
        "an account outside the registry is not kept\n{out}"
    );

    // Again, without --registry: the stored registry is used, nothing is new.
    let second = netra(dir.path(), &["import", &exports]);
    let out2 = text(&second);
    assert_eq!(second.status.code(), Some(1), "{out2}");
    assert_eq!(sum_before(&out2, "newly stored"), 0, "{out2}");
    assert_eq!(sum_before(&out2, "already stored)"), stored, "{out2}");
    assert!(out2.contains("(0 new)"), "{out2}");
    assert!(
        out2.contains("Cases: 0 opened, 0 refreshed, 4 unchanged"),
        "{out2}"
    );

    // The cases are there for a reviewer.
    let cases = netra(dir.path(), &["cases", "--format", "jsonl"]);
    assert!(cases.status.success(), "{}", text(&cases));
    assert_eq!(String::from_utf8_lossy(&cases.stdout).lines().count(), 4);
}

#[test]
fn to_jsonl_converts_without_storing_and_the_output_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let out_file: PathBuf = dir.path().join("canonical.jsonl");
    let o = netra(
        dir.path(),
        &[
            "import",
            "--zone",
            "UTC",
            "--to-jsonl",
            out_file.to_str().unwrap(),
            &ingest_data("exports/tiktok"),
        ],
    );
    assert!(
        o.status.code() == Some(1),
        "the fixture has one bad date\n{}",
        text(&o)
    );
    assert!(
        text(&o).contains("Time zone assumed: UTC (from --zone)"),
        "{}",
        text(&o)
    );
    let jsonl = std::fs::read_to_string(&out_file).unwrap();
    assert_eq!(jsonl.lines().count(), 6);
    assert!(
        jsonl.contains(r#""created_at":"2024-10-10T19:30:00Z""#)
            || jsonl.contains("2024-10-10T19:30:00+00:00"),
        "{jsonl}"
    );
    assert!(!dir.path().join("netra.db").exists(), "nothing stored");

    // The canonical output is what `import` (and `scan`) read.
    let back = netra(
        dir.path(),
        &["import", "--to-jsonl", "-", out_file.to_str().unwrap()],
    );
    assert!(back.status.success(), "{}", text(&back));
    assert_eq!(String::from_utf8_lossy(&back.stdout).lines().count(), 6);
}

#[test]
fn could_not_run_is_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let o = netra(
        dir.path(),
        &["import", &ingest_data("exports/kiriman.jsonl")],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("the store holds no ASN registry"),
        "{}",
        text(&o)
    );

    let o = netra(
        dir.path(),
        &[
            "import",
            "--registry",
            &ingest_data("exports-registry.csv"),
            "nope/missing.zip",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("nope/missing.zip"), "{}", text(&o));

    let o = netra(
        dir.path(),
        &[
            "import",
            "--zone",
            "Mars/Olympus",
            "--to-jsonl",
            "-",
            &ingest_data("exports/kiriman.jsonl"),
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("not an IANA time zone"), "{}", text(&o));
}

#[test]
fn a_broken_zip_is_reported_and_the_rest_imported() {
    let dir = tempfile::tempdir().unwrap();
    let zip = dir.path().join("facebook-ani.zip");
    std::fs::write(&zip, b"PK\x03\x04 this download stopped early").unwrap();
    let o = netra(
        dir.path(),
        &[
            "import",
            "--registry",
            &ingest_data("exports-registry.csv"),
            zip.to_str().unwrap(),
            &ingest_data("exports/kiriman.jsonl"),
        ],
    );
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "{out}");
    assert!(
        out.contains("facebook-ani.zip:0: cannot read the zip"),
        "{out}"
    );
    assert!(out.contains("kiriman.jsonl: 1 read"), "{out}");
}
