//! `netra publish` and `netra worker` on a real nats-server with JetStream
//! (`NETRA_TEST_NATS_URL`) and PostgreSQL (`NETRA_TEST_DATABASE_URL`), both
//! started by `scripts/test`. Without them these tests fail: they never skip.
//!
//! The reference is always a plain `netra scan` of the same files: workers
//! sharing the stream, workers stopped between commit and ack, and workers
//! killed inside a transaction must all leave the same activities, signals
//! and cases as that scan.

#![allow(
    clippy::doc_markdown,
    reason = "PostgreSQL, JetStream and nats-server are product names, not code"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use sqlx::Row as _;

fn nats_url() -> String {
    std::env::var("NETRA_TEST_NATS_URL").unwrap_or_else(|_| {
        panic!(
            "NETRA_TEST_NATS_URL is not set: run the tests with scripts/test, which installs and \
             starts nats-server with JetStream{}",
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                " (CI=true: a missing nats-server is a failure, never a skip)"
            } else {
                ""
            }
        )
    })
}

/// A stream name no other test (or earlier run) uses.
fn fresh_stream(what: &str) -> String {
    common::unique_name(&format!("T_{what}"))
}

/// `netra` with a data directory and a database (`None`: SQLite in the data directory).
fn netra(data_dir: &Path, db: Option<&str>) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_netra"));
    c.arg("--data-dir")
        .arg(data_dir)
        .args(["--lang", "en", "--quiet"])
        .env_remove("DATABASE_URL")
        .env_remove("NETRA_FAULT_COMMIT_DELAY_MS")
        .env_remove("NETRA_FAULT_WORKER_STOP_BEFORE_ACK")
        .env("NETRA_USER", "test")
        .stdin(Stdio::null());
    if let Some(url) = db {
        c.args(["--database-url", url]);
    }
    c
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn run(c: &mut Command) -> Output {
    c.output().expect("run netra")
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", text(o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The demo files, with only the first `lines` activities (fast enough for
/// a test, still hundreds of signals and dozens of cases).
fn demo(dir: &Path, lines: usize) -> (PathBuf, PathBuf) {
    ok(&run(netra(&dir.join("demo-data"), None).args([
        "demo",
        "--out",
        dir.join("demo").to_str().unwrap(),
    ])));
    let all = std::fs::read_to_string(dir.join("demo/activities.jsonl")).unwrap();
    let part: String = all.lines().take(lines).flat_map(|l| [l, "\n"]).collect();
    let activities = dir.join("activities.jsonl");
    std::fs::write(&activities, part).unwrap();
    (dir.join("demo/registry.csv"), activities)
}

fn publish(dir: &Path, stream: &str, files: &[&Path]) -> Output {
    let mut c = netra(&dir.join("publisher"), None);
    c.args(["publish", "--nats", &nats_url(), "--stream", stream]);
    for f in files {
        c.arg(f);
    }
    run(&mut c)
}

fn worker(dir: &Path, db: Option<&str>, stream: &str, registry: &Path, extra: &[&str]) -> Command {
    let mut c = netra(dir, db);
    c.args(["worker", "--nats", &nats_url(), "--stream", stream])
        .arg("--registry")
        .arg(registry)
        .args(extra);
    c
}

/// A case's NIP, target, label, class, severity, signal count, rules and state.
type CaseFields = (String, i64, String, String, String, i64, String, String);

/// What a run leaves in the store, without the times of detection.
#[derive(Debug, PartialEq, Eq)]
struct Stored {
    activities: i64,
    evidence: i64,
    /// (activity, rule, target, label), sorted.
    signals: Vec<(String, String, i64, String)>,
    /// (NIP, target, label, class, severity, signal count, rules, state), sorted.
    cases: Vec<CaseFields>,
    /// Signals linked to cases.
    case_signals: i64,
}

async fn stored(url: &str) -> Stored {
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .expect("open the test database");
    let count = |sql: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let signals = sqlx::query(
        "SELECT activity_id, rule, CAST(target AS BIGINT), label FROM signal \
         ORDER BY activity_id, rule, target",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
    .collect();
    let cases = sqlx::query(
        "SELECT nip, CAST(target AS BIGINT), label, class, severity, CAST(signal_count AS BIGINT), rules, state \
         FROM review_case ORDER BY nip, target",
    )
    .fetch_all(&pool)
    .await
    .unwrap()
    .iter()
    .map(|r| {
        (
            r.get(0),
            r.get(1),
            r.get(2),
            r.get(3),
            r.get(4),
            r.get(5),
            r.get(6),
            r.get(7),
        )
    })
    .collect();
    let s = Stored {
        activities: count("SELECT COUNT(*) FROM activity").await,
        evidence: count("SELECT COUNT(*) FROM evidence").await,
        signals,
        cases,
        case_signals: count("SELECT COUNT(*) FROM case_signal").await,
    };
    pool.close().await;
    s
}

/// A plain `netra scan` of the files into a fresh PostgreSQL database.
async fn scan_reference(dir: &Path, registry: &Path, activities: &Path) -> Stored {
    sqlx::any::install_default_drivers();
    let url = common::fresh_postgres_database("netra_queue").await;
    let out = run(netra(&dir.join("scan-data"), Some(&url))
        .args(["scan", "--registry"])
        .arg(registry)
        .arg("--input")
        .arg(activities));
    ok(&out);
    let s = stored(&url).await;
    assert!(
        s.signals.len() > 20 && s.cases.len() > 10,
        "the reference should have signals and cases: {s:?}"
    );
    s
}

fn audit_verify(dir: &Path, db: &str) {
    ok(&run(netra(dir, Some(db)).args(["audit", "verify"])));
    ok(&run(netra(dir, Some(db)).args(["evidence", "verify"])));
}

#[tokio::test(flavor = "multi_thread")]
async fn two_workers_on_postgres_store_what_a_plain_scan_stores() {
    let dir = tempfile::tempdir().unwrap();
    let (registry, activities) = demo(dir.path(), 6_000);
    let reference = scan_reference(dir.path(), &registry, &activities).await;

    let stream = fresh_stream("two");
    let out = ok(&publish(dir.path(), &stream, &[&activities]));
    assert!(
        out.contains("6,000 activities published, 0 already on the stream"),
        "{out}"
    );
    // Publishing the same file again adds nothing (JetStream's de-duplication).
    let out = ok(&publish(dir.path(), &stream, &[&activities]));
    assert!(
        out.contains("0 activities published, 6,000 already on the stream"),
        "{out}"
    );

    let db = common::fresh_postgres_database("netra_queue").await;
    let data = dir.path().join("workers");
    let start = |_: usize| {
        worker(
            &data,
            Some(&db),
            &stream,
            &registry,
            &["--until-empty", "--batch", "150"],
        )
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start a worker")
    };
    let (a, b) = (start(0), start(1));
    let (a, b) = (a.wait_with_output().unwrap(), b.wait_with_output().unwrap());
    let (out_a, out_b) = (ok(&a), ok(&b));
    for o in [&out_a, &out_b] {
        assert!(o.contains("the stream is empty"), "{o}");
    }
    assert_eq!(stored(&db).await, reference, "{}\n{}", text(&a), text(&b));
    audit_verify(&data, &db);

    // A worker started on the drained stream has nothing to do and changes nothing.
    let out = ok(&run(&mut worker(
        &data,
        Some(&db),
        &stream,
        &registry,
        &["--until-empty"],
    )));
    assert!(out.contains("0 batches, 0 messages"), "{out}");
    assert_eq!(stored(&db).await, reference);
}

#[tokio::test(flavor = "multi_thread")]
async fn workers_killed_mid_batch_lose_nothing_and_duplicate_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (registry, activities) = demo(dir.path(), 4_000);
    let reference = scan_reference(dir.path(), &registry, &activities).await;
    let stream = fresh_stream("kill");
    ok(&publish(dir.path(), &stream, &[&activities]));
    let db = common::fresh_postgres_database("netra_queue").await;
    let data = dir.path().join("workers");
    let common = ["--batch", "300", "--ack-wait", "2"];

    // 1. Killed outright (SIGKILL) while its transactions are held open.
    let mut killed = worker(&data, Some(&db), &stream, &registry, &common)
        .env("NETRA_FAULT_COMMIT_DELAY_MS", "150")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(3_500));
    killed.kill().unwrap();
    killed.wait().unwrap();
    let after_kill = stored(&db).await;
    assert!(
        after_kill.activities < reference.activities,
        "the worker should have been killed before the end: {} of {} activities",
        after_kill.activities,
        reference.activities
    );

    // 2. Stopped by the test hook after committing its second batch, before acking it.
    let o = run(worker(&data, Some(&db), &stream, &registry, &common)
        .env("NETRA_FAULT_WORKER_STOP_BEFORE_ACK", "2"));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("before acknowledging it"),
        "{}",
        text(&o)
    );

    // 3. A restarted worker gets the unacknowledged batches again (after the
    //    ack wait) and drains the stream.
    let started = Instant::now();
    let o = run(&mut worker(
        &data,
        Some(&db),
        &stream,
        &registry,
        &[&common[..], &["--until-empty"]].concat(),
    ));
    let out = ok(&o);
    assert!(!out.contains("(0 redelivered)"), "{out}");
    assert!(started.elapsed() < Duration::from_secs(120), "{out}");

    assert_eq!(stored(&db).await, reference, "{}", text(&o));
    audit_verify(&data, &db);
}

#[tokio::test(flavor = "multi_thread")]
async fn malformed_messages_are_reported_terminated_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let (registry, activities) = demo(dir.path(), 200);
    let stream = fresh_stream("bad");

    // A bad line in a published file is reported with file:line, the rest published.
    let all = std::fs::read_to_string(&activities).unwrap();
    let mut lines: Vec<&str> = all.lines().collect();
    lines.insert(1, "{\"id\": \"x:broken\", \"platform\": ");
    let with_bad = dir.path().join("with-bad-line.jsonl");
    std::fs::write(&with_bad, lines.join("\n") + "\n").unwrap();
    let o = publish(dir.path(), &stream, &[&with_bad]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("with-bad-line.jsonl:2:"), "{out}");
    assert!(out.contains("200 activities published"), "{out}");

    // Messages that are not activities, put on the subject by some other client.
    let queue = netra_queue::Queue::connect(&nats_url(), &stream)
        .await
        .unwrap();
    let subject = queue.subject("jakarta-2024");
    for (i, payload) in [
        &b"{not json"[..],
        br#"{"id": "x:1", "platform": "x"}"#,
        b"[1, 2, 3]",
        b"\xff\xfe binary",
    ]
    .into_iter()
    .enumerate()
    {
        queue
            .publish(&netra_queue::Outgoing {
                subject: subject.clone(),
                message_id: format!("bad-{i}"),
                headers: vec![],
                payload: payload.to_vec(),
            })
            .await
            .unwrap()
            .wait()
            .await
            .unwrap();
    }

    let data = dir.path().join("worker");
    let o = run(&mut worker(
        &data,
        None,
        &stream,
        &registry,
        &["--until-empty", "--batch", "50"],
    ));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("Messages rejected (terminated, recorded in the audit log) (4):"),
        "{out}"
    );
    assert!(out.contains(&format!("nats:{stream}#201:1:")), "{out}");
    assert!(out.contains("the stream is empty"), "{out}");

    let audit = ok(&run(netra(&data, None).args([
        "audit",
        "log",
        "--action",
        "worker.reject",
        "--jsonl",
    ])));
    assert_eq!(audit.lines().count(), 4, "{audit}");
    assert!(audit.contains("payload_sha256"), "{audit}");
    assert!(
        !audit.contains("not json"),
        "the log keeps hashes, not content: {audit}"
    );

    // Terminated: never delivered again.
    let out = ok(&run(&mut worker(
        &data,
        None,
        &stream,
        &registry,
        &["--until-empty"],
    )));
    assert!(out.contains("0 batches, 0 messages"), "{out}");
    ok(&run(netra(&data, None).args(["audit", "verify"])));
}

/// A worker reads the words in a published activity's image like scan does
/// (the image found through the source file the publisher recorded), and a
/// second worker run on the same message takes the text from the cache.
#[test]
fn a_worker_reads_the_text_in_a_published_image() {
    let listed = Command::new("tesseract").arg("--list-langs").output();
    assert!(
        listed.is_ok_and(|o| String::from_utf8_lossy(&o.stdout)
            .lines()
            .any(|l| l.trim() == "ind")),
        "tesseract with the ind language is not installed: apt-get install tesseract-ocr \
         tesseract-ocr-ind (scripts/test does it)"
    );
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("registry.csv");
    std::fs::write(
        &registry,
        "nip,name,position,unit,accounts\n\
         199809152017041336,Budi Contoh,Analis Kebijakan,Dinas Contoh,x:budi_ocr\n",
    )
    .unwrap();
    std::fs::create_dir(dir.path().join("img")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/ocr/coblos03.png"),
        dir.path().join("img/coblos03.png"),
    )
    .unwrap();
    let activities = dir.path().join("activities.jsonl");
    let line = serde_json::json!({
        "id": "x:9501", "platform": "x", "account": "budi_ocr", "kind": "post", "text": "",
        "created_at": "2024-10-10T10:00:00+07:00", "media": [{ "path": "img/coblos03.png" }],
    });
    std::fs::write(&activities, format!("{line}\n")).unwrap();
    let stream = fresh_stream("ocr");
    ok(&publish(dir.path(), &stream, &[&activities]));

    let data = dir.path().join("worker");
    let out = ok(&run(worker(
        &data,
        None,
        &stream,
        &registry,
        &["--until-empty", "--ocr", "on"],
    )
    // The worker runs elsewhere: the image is found by the absolute source path.
    .current_dir(std::env::temp_dir())));
    assert!(
        out.contains(
            "1 local image files, 1 read by OCR, 0 from the cache (read before), 1 with text"
        ),
        "{out}"
    );
    let cases = ok(&run(netra(&data, None).args(["cases", "--format", "jsonl"])));
    let cases: Vec<serde_json::Value> = cases
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(cases.len(), 1, "{cases:?}");
    assert_eq!(
        (&cases[0]["pair"], &cases[0]["stance"]),
        (&serde_json::json!(3), &serde_json::json!("support"))
    );
    let show = ok(&run(netra(&data, None).args([
        "case",
        "show",
        &cases[0]["id"].to_string(),
    ])));
    assert!(show.contains("read in the image coblos03.png"), "{show}");

    // Another activity with the same image: its text comes from the cache.
    let line = serde_json::json!({
        "id": "x:9502", "platform": "x", "account": "budi_ocr", "kind": "post", "text": "",
        "created_at": "2024-10-11T10:00:00+07:00", "media": [{ "path": "img/coblos03.png" }],
    });
    std::fs::write(&activities, format!("{line}\n")).unwrap();
    ok(&publish(dir.path(), &stream, &[&activities]));
    let out = ok(&run(&mut worker(
        &data,
        None,
        &stream,
        &registry,
        &["--until-empty", "--ocr", "on"],
    )));
    assert!(
        out.contains("1 local image files, 0 read by OCR, 1 from the cache (read before)"),
        "{out}"
    );
}
