//! Cases, review, integrity and retention through the real binary, with
//! fault tests: a `netra` process killed (SIGKILL) in the middle of a large
//! import and of a review transition, two reviewers at once, and tampering
//! that the verify commands must name.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn netra_cmd(data_dir: &Path, user: &str, args: &[&str]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_netra"));
    c.arg("--data-dir")
        .arg(data_dir)
        .args(["--quiet", "--lang", "en", "--user", user])
        .args(args)
        .env_remove("DATABASE_URL")
        .env_remove("NETRA_LANG")
        .env_remove("NETRA_USER")
        .env_remove("NETRA_FAULT_COMMIT_DELAY_MS");
    c
}

fn netra(data_dir: &Path, user: &str, args: &[&str]) -> Output {
    netra_cmd(data_dir, user, args).output().expect("run netra")
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\nstdout:\n{}\nstderr:\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", text(o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The demo files written to `dir/files`.
struct Demo {
    registry: PathBuf,
    activities: PathBuf,
}

fn demo_files(dir: &Path) -> Demo {
    let files = dir.join("files");
    ok(&netra(
        dir,
        "admin",
        &["demo", "--out", files.to_str().unwrap()],
    ));
    Demo {
        registry: files.join("registry.csv"),
        activities: files.join("activities.jsonl"),
    }
}

fn scan_args<'a>(d: &'a Demo, input: &'a Path) -> Vec<&'a str> {
    vec![
        "scan",
        "--registry",
        d.registry.to_str().unwrap(),
        "--input",
        input.to_str().unwrap(),
    ]
}

/// Runs `sql` on the data directory's `SQLite` database and returns the first column of each row.
fn query_i64(dir: &Path, sql: &str) -> Vec<i64> {
    rt().block_on(async {
        let pool = sqlite(dir).await;
        let rows: Vec<i64> = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
        pool.close().await;
        rows
    })
}

fn execute(dir: &Path, sql: &str) {
    rt().block_on(async {
        let pool = sqlite(dir).await;
        sqlx::query(sql).execute(&pool).await.unwrap();
        pool.close().await;
    });
}

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

async fn sqlite(dir: &Path) -> sqlx::SqlitePool {
    use sqlx::sqlite::SqliteConnectOptions;
    let o = SqliteConnectOptions::new()
        .filename(dir.join("netra.db"))
        .busy_timeout(Duration::from_secs(10));
    sqlx::SqlitePool::connect_with(o).await.unwrap()
}

/// True while another connection holds the database's write lock.
fn write_locked(dir: &Path) -> bool {
    rt().block_on(async {
        use sqlx::sqlite::SqliteConnectOptions;
        use sqlx::Connection as _;
        let o = SqliteConnectOptions::new()
            .filename(dir.join("netra.db"))
            .busy_timeout(Duration::ZERO);
        let Ok(mut c) = sqlx::SqliteConnection::connect_with(&o).await else {
            return false;
        };
        let locked = match sqlx::query("BEGIN IMMEDIATE").execute(&mut c).await {
            Ok(_) => {
                let _ = sqlx::query("ROLLBACK").execute(&mut c).await;
                false
            }
            Err(e) => e.to_string().contains("locked") || e.to_string().contains("busy"),
        };
        let _ = c.close().await;
        locked
    })
}

fn wait_until(what: &str, child: &mut Child, mut cond: impl FnMut() -> bool) {
    let start = Instant::now();
    while !cond() {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("netra finished ({status}) before {what}");
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn kill(mut child: Child) {
    child.kill().expect("SIGKILL netra");
    let _ = child.wait();
}

/// The integer after `label` in `text`.
fn number_after(text: &str, label: &str) -> i64 {
    let rest = &text[text
        .find(label)
        .unwrap_or_else(|| panic!("no {label:?} in\n{text}"))
        + label.len()..];
    rest.trim_start()
        .split(|c: char| !c.is_ascii_digit() && c != ',')
        .next()
        .unwrap()
        .replace(',', "")
        .parse()
        .unwrap()
}

fn cases_jsonl(dir: &Path) -> Vec<serde_json::Value> {
    ok(&netra(dir, "auditor", &["cases", "--format", "jsonl"]))
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn kill_during_a_large_import_loses_nothing_committed_and_half_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo_files(dir.path());
    let mut child = netra_cmd(dir.path(), "rina", &scan_args(&d, &d.activities))
        .env("NETRA_FAULT_COMMIT_DELAY_MS", "300")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let db = dir.path().join("netra.db");
    let mut seen = 0;
    wait_until("the first import batch commits", &mut child, || {
        db.exists() && {
            // The schema may not be there yet: that counts as nothing stored.
            seen = rt().block_on(async {
                let pool = sqlite(dir.path()).await;
                let n = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM activity")
                    .fetch_one(&pool)
                    .await
                    .unwrap_or(0);
                pool.close().await;
                n
            });
            seen > 0
        }
    });
    kill(child);

    let stored = query_i64(dir.path(), "SELECT COUNT(*) FROM activity")[0];
    assert!(stored >= seen, "committed activities survive the kill");
    assert_eq!(stored % 2_000, 0, "only whole batches are stored: {stored}");
    assert!(stored < 13_000, "the kill came before the end: {stored}");
    let logged: i64 = rt().block_on(async {
        let pool = sqlite(dir.path()).await;
        let details: Vec<String> =
            sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'import'")
                .fetch_all(&pool)
                .await
                .unwrap();
        details
            .iter()
            .map(|d| {
                serde_json::from_str::<serde_json::Value>(d).unwrap()["new"]
                    .as_i64()
                    .unwrap()
            })
            .sum()
    });
    assert_eq!(logged, stored, "each stored batch has its audit entry");
    ok(&netra(dir.path(), "auditor", &["evidence", "verify"]));
    ok(&netra(dir.path(), "auditor", &["audit", "verify"]));

    // Restarting completes the import; what was stored is not stored twice.
    let out = ok(&netra(dir.path(), "rina", &scan_args(&d, &d.activities)));
    assert_eq!(number_after(&out, "newly stored ("), stored, "{out}");
    let total = query_i64(dir.path(), "SELECT COUNT(*) FROM activity")[0];
    assert!(total > stored);
    let verified = ok(&netra(dir.path(), "auditor", &["evidence", "verify"]));
    assert!(verified.contains("0 mismatches"), "{verified}");
    ok(&netra(dir.path(), "auditor", &["audit", "verify"]));
    assert!(!cases_jsonl(dir.path()).is_empty(), "scan opened cases");
}

#[test]
fn kill_during_a_review_transition_changes_nothing_and_the_move_can_be_redone() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo_files(dir.path());
    ok(&netra(dir.path(), "rina", &scan_args(&d, &d.activities)));
    let case = &cases_jsonl(dir.path())[0];
    let id = case["id"].to_string();
    assert_eq!(
        (case["state"].as_str(), case["version"].as_i64()),
        (Some("new"), Some(1))
    );
    let audit_before = query_i64(dir.path(), "SELECT COUNT(*) FROM audit_log")[0];

    let mut child = netra_cmd(
        dir.path(),
        "rina",
        &[
            "case",
            "move",
            &id,
            "--to",
            "in_review",
            "--reason",
            "send to review",
        ],
    )
    .env("NETRA_FAULT_COMMIT_DELAY_MS", "20000")
    .stdout(Stdio::null())
    .stderr(Stdio::null())
    .spawn()
    .unwrap();
    wait_until("the move holds its transaction", &mut child, || {
        write_locked(dir.path())
    });
    kill(child);

    let case = cases_jsonl(dir.path())
        .into_iter()
        .find(|c| c["id"] == id.parse::<i64>().unwrap())
        .unwrap();
    assert_eq!(
        (case["state"].as_str(), case["version"].as_i64()),
        (Some("new"), Some(1)),
        "the killed move left no trace"
    );
    let events = query_i64(
        dir.path(),
        &format!("SELECT COUNT(*) FROM case_event WHERE case_id = {id}"),
    )[0];
    assert_eq!(events, 1, "only the opening event");
    assert_eq!(
        query_i64(
            dir.path(),
            "SELECT COUNT(*) FROM audit_log WHERE action = 'case.transition'"
        )[0],
        0
    );
    assert!(query_i64(dir.path(), "SELECT COUNT(*) FROM audit_log")[0] >= audit_before);
    ok(&netra(dir.path(), "auditor", &["audit", "verify"]));
    let out = ok(&netra(
        dir.path(),
        "rina",
        &[
            "case",
            "move",
            &id,
            "--to",
            "in_review",
            "--reason",
            "send to review",
            "--expect-version",
            "1",
        ],
    ));
    assert!(out.contains("in_review (version 2, rina)"), "{out}");
}

#[test]
fn two_reviewers_at_once_exactly_one_wins_the_other_gets_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo_files(dir.path());
    ok(&netra(dir.path(), "rina", &scan_args(&d, &d.activities)));
    let id = cases_jsonl(dir.path())[0]["id"].to_string();
    ok(&netra(
        dir.path(),
        "rina",
        &[
            "case",
            "move",
            &id,
            "--to",
            "in-review",
            "--reason",
            "please review",
        ],
    ));
    let spawn = |user: &str, to: &str| {
        netra_cmd(
            dir.path(),
            user,
            &[
                "case",
                "move",
                &id,
                "--to",
                to,
                "--reason",
                "decided",
                "--expect-version",
                "2",
            ],
        )
        .env("NETRA_FAULT_COMMIT_DELAY_MS", "500")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
    };
    let a = spawn("hendra", "confirmed");
    let b = spawn("dewi", "dismissed");
    let outs = [a.wait_with_output().unwrap(), b.wait_with_output().unwrap()];
    let winners: Vec<&Output> = outs.iter().filter(|o| o.status.success()).collect();
    assert_eq!(winners.len(), 1, "{}\n{}", text(&outs[0]), text(&outs[1]));
    let loser = outs.iter().find(|o| !o.status.success()).unwrap();
    assert_eq!(loser.status.code(), Some(1), "{}", text(loser));
    let err = String::from_utf8_lossy(&loser.stderr);
    assert!(
        err.contains("conflict") && err.contains("you saw version 2"),
        "{err}"
    );
    let case = cases_jsonl(dir.path())
        .into_iter()
        .find(|c| c["id"] == id.parse::<i64>().unwrap())
        .unwrap();
    assert_eq!(case["version"].as_i64(), Some(3));
    ok(&netra(dir.path(), "auditor", &["audit", "verify"]));
}

/// One registered ASN, one activity with a screenshot file, one partisan post.
fn small_input(dir: &Path, d: &Demo) -> (PathBuf, String) {
    let registry = std::fs::read_to_string(&d.registry).unwrap();
    let accounts = registry
        .lines()
        .skip(1)
        .filter_map(|l| l.rsplit(',').next())
        .find(|a| a.contains(':'))
        .unwrap();
    let (platform, handle) = accounts.split(';').next().unwrap().split_once(':').unwrap();
    let shot = b"\x89PNG\r\n\x1a\n not really a png, but bytes all the same";
    std::fs::write(dir.join("files/screenshot-1.png"), shot).unwrap();
    let input = dir.join("files/small.jsonl");
    let acts = [
        serde_json::json!({"id": format!("{platform}:shot-1"), "platform": platform, "account": handle,
            "kind": "post", "text": "rapat koordinasi dinas", "created_at": "2024-10-01T08:00:00+07:00",
            "media": [{"path": "screenshot-1.png", "alt": "tangkapan layar"}]}),
    ];
    let text: String = acts.iter().fold(String::new(), |mut t, a| {
        t.push_str(&a.to_string());
        t.push('\n');
        t
    });
    std::fs::write(&input, text).unwrap();
    (input, format!("{platform}:shot-1"))
}

#[test]
fn corrupted_evidence_and_audit_rows_are_named_by_the_verify_commands() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo_files(dir.path());
    let (input, activity) = small_input(dir.path(), &d);
    ok(&netra(dir.path(), "rina", &scan_args(&d, &input)));
    let out = ok(&netra(dir.path(), "auditor", &["evidence", "verify"]));
    assert!(
        out.contains("2 items") && out.contains("0 mismatches"),
        "{out}"
    );

    // Damage the screenshot file.
    let shot = std::fs::read(dir.path().join("files/screenshot-1.png")).unwrap();
    let sha = sha256_hex(&shot);
    let blob = dir.path().join("evidence").join(&sha[..2]).join(&sha);
    assert!(
        blob.exists(),
        "screenshots are kept as files: {}",
        blob.display()
    );
    std::fs::write(&blob, b"edited").unwrap();
    // Damage an activity's stored JSON evidence in the database.
    execute(
        dir.path(),
        "UPDATE evidence SET content = CAST('{}' AS BLOB) WHERE kind = 'activity_json'",
    );
    let o = netra(dir.path(), "auditor", &["evidence", "verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains(&sha), "names the damaged file\n{out}");
    assert!(
        out.contains(&format!("activity:{activity}")),
        "names its activity\n{out}"
    );
    assert!(
        out.contains("activity_json"),
        "names the damaged JSON\n{out}"
    );
    assert!(out.contains("2 mismatches"), "{out}");

    // Edit one audit row.
    ok(&netra(dir.path(), "auditor", &["audit", "verify"]));
    execute(
        dir.path(),
        "UPDATE audit_log SET actor = 'mallory' WHERE seq = 2",
    );
    let o = netra(dir.path(), "auditor", &["audit", "verify"]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("audit entry 2 ") && out.contains("edited"),
        "{out}"
    );
    // Delete one.
    execute(
        dir.path(),
        "UPDATE audit_log SET actor = 'rina' WHERE seq = 2",
    );
    execute(dir.path(), "DELETE FROM audit_log WHERE seq = 3");
    let out = String::from_utf8_lossy(&netra(dir.path(), "auditor", &["audit", "verify"]).stdout)
        .into_owned();
    assert!(out.contains("audit entries 3–3 are missing"), "{out}");
}

#[test]
fn cases_list_show_and_review_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo_files(dir.path());
    let out = ok(&netra(dir.path(), "rina", &scan_args(&d, &d.activities)));
    assert!(out.contains("Cases: "), "{out}");
    let table = ok(&netra(dir.path(), "rina", &["cases"]));
    for h in [
        "NIP", "Name", "Unit", "Pair", "Class", "Severity", "State", "Signals", "Deadline",
    ] {
        assert!(table.contains(h), "{h} in\n{table}");
    }
    let csv = ok(&netra(dir.path(), "rina", &["cases", "--format", "csv"]));
    assert!(csv.starts_with(
        "id,election,nip,name,position,unit,pair,stance,class,severity,state,version,signals"
    ));
    let cases = cases_jsonl(dir.path());
    assert_eq!(cases.len(), csv.lines().count() - 1);
    let id = cases[0]["id"].to_string();
    let shown = ok(&netra(dir.path(), "hendra", &["case", "show", &id]));
    assert!(
        shown.contains("(version 1)") && shown.contains("sha256") && shown.contains("(intact)"),
        "{shown}"
    );
    assert_eq!(
        query_i64(
            dir.path(),
            "SELECT COUNT(*) FROM audit_log WHERE action = 'case.view'"
        )[0],
        1,
        "the view is logged"
    );
    assert!(
        query_i64(
            dir.path(),
            "SELECT COUNT(*) FROM audit_log WHERE action = 'export'"
        )[0] >= 2
    );

    let mv = |user: &str, args: &[&str]| {
        let mut a = vec!["case", "move", id.as_str()];
        a.extend_from_slice(args);
        netra(dir.path(), user, &a)
    };
    ok(&mv(
        "rina",
        &["--to", "in_review", "--reason", "three posts"],
    ));
    let o = mv("rina", &["--to", "confirmed", "--reason", "me"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("four-eyes"),
        "{}",
        text(&o)
    );
    ok(&mv(
        "hendra",
        &["--to", "clarification_requested", "--reason", "ask the ASN"],
    ));
    let letter = dir.path().join("clarification.txt");
    std::fs::write(&letter, "Akun saya diretas.").unwrap();
    ok(&mv(
        "hendra",
        &[
            "--to",
            "dismissed",
            "--reason",
            "account was hacked",
            "--clarification-file",
            letter.to_str().unwrap(),
        ],
    ));
    let shown = ok(&netra(dir.path(), "auditor", &["case", "show", &id]));
    assert!(shown.contains("Akun saya diretas."), "{shown}");
    assert!(shown.contains("Final state"), "{shown}");
    let o = mv("hendra", &["--to", "in_review", "--reason", "again"]);
    assert_eq!(o.status.code(), Some(1));
    let o = mv("hendra", &["--to", "approved", "--reason", "x"]);
    assert_eq!(o.status.code(), Some(2), "unknown state is a usage error");
    assert!(String::from_utf8_lossy(&o.stderr).contains("clarification_requested"));
    ok(&netra(dir.path(), "auditor", &["audit", "verify"]));
}

#[test]
fn purge_dry_run_lists_then_purge_deletes_and_the_audit_still_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let d = demo_files(dir.path());
    let (input, activity) = small_input(dir.path(), &d);
    ok(&netra(dir.path(), "rina", &scan_args(&d, &input)));
    let o = netra(dir.path(), "admin", &["purge", "--dry-run"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "no policy is an error\n{}",
        text(&o)
    );
    std::fs::write(
        dir.path().join("retention.toml"),
        "[retention]\nactivities_without_case_after_days = 30\n",
    )
    .unwrap();
    let early = ok(&netra(
        dir.path(),
        "admin",
        &["purge", "--dry-run", "--as-of", "2024-12-01"],
    ));
    assert!(early.contains("0 activities without a case"), "{early}");
    let listed = ok(&netra(
        dir.path(),
        "admin",
        &["purge", "--dry-run", "--as-of", "2030-01-01"],
    ));
    assert!(
        listed.contains("1 activities without a case") && listed.contains(&activity),
        "{listed}"
    );
    assert_eq!(
        query_i64(dir.path(), "SELECT COUNT(*) FROM activity")[0],
        1,
        "a dry run deletes nothing"
    );

    let shot = std::fs::read(dir.path().join("files/screenshot-1.png")).unwrap();
    let sha = sha256_hex(&shot);
    let blob = dir.path().join("evidence").join(&sha[..2]).join(&sha);
    assert!(blob.exists());
    let out = ok(&netra(
        dir.path(),
        "admin",
        &["purge", "--as-of", "2030-01-01"],
    ));
    assert!(out.contains("Removed: 0 cases, 1 activities"), "{out}");
    assert_eq!(query_i64(dir.path(), "SELECT COUNT(*) FROM activity")[0], 0);
    assert_eq!(query_i64(dir.path(), "SELECT COUNT(*) FROM evidence")[0], 0);
    assert!(!blob.exists(), "the screenshot file is removed");
    ok(&netra(dir.path(), "auditor", &["audit", "verify"]));
    ok(&netra(dir.path(), "auditor", &["evidence", "verify"]));
    let detail: Vec<String> = rt().block_on(async {
        let pool = sqlite(dir.path()).await;
        sqlx::query_scalar("SELECT detail FROM audit_log WHERE action = 'purge'")
            .fetch_all(&pool)
            .await
            .unwrap()
    });
    assert_eq!(detail.len(), 1);
    assert!(detail[0].contains(&sha), "the log keeps the hash");
    assert!(!detail[0].contains("rapat koordinasi"), "…not the content");
}

fn sha256_hex(bytes: &[u8]) -> String {
    netra_store::sha256_hex(bytes)
}
