//! Cases, review, integrity and retention through the real binary, with
//! fault tests: a `netra` process killed (SIGKILL) in the middle of a large
//! import and of a review transition, two reviewers at once, and tampering
//! that the verify commands must name.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A data directory and the database netra uses: SQLite inside the data
/// directory, or a fresh PostgreSQL database (`DATABASE_URL`).
struct Site {
    dir: tempfile::TempDir,
    url: String,
    postgres: bool,
}

impl Site {
    fn sqlite() -> Site {
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}", dir.path().join("netra.db").display());
        Site {
            dir,
            url,
            postgres: false,
        }
    }

    fn postgres() -> Site {
        Site {
            dir: tempfile::tempdir().unwrap(),
            url: rt().block_on(common::fresh_postgres_database("netra_cli")),
            postgres: true,
        }
    }

    fn dir(&self) -> &Path {
        self.dir.path()
    }

    fn cmd(&self, user: &str, args: &[&str]) -> Command {
        self.cmd_in(Some("en"), user, args)
    }

    /// `netra` in language `lang` (`None`: the default, Bahasa Indonesia).
    fn cmd_in(&self, lang: Option<&str>, user: &str, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_netra"));
        c.arg("--data-dir").arg(self.dir());
        if let Some(lang) = lang {
            c.args(["--lang", lang]);
        }
        c.args(["--quiet", "--user", user])
            .args(args)
            .env_remove("NETRA_LANG")
            .env_remove("NETRA_USER")
            .env_remove("NETRA_FAULT_COMMIT_DELAY_MS");
        if self.postgres {
            c.env("DATABASE_URL", &self.url);
        } else {
            c.env_remove("DATABASE_URL");
        }
        c
    }

    fn netra(&self, user: &str, args: &[&str]) -> Output {
        self.cmd(user, args).output().expect("run netra")
    }

    /// `netra` as `user`, started with every commit held back by `delay_ms`
    /// (a window for a kill or a race), its output sent to `output`.
    fn spawn_with_commit_delay(
        &self,
        user: &str,
        args: &[&str],
        delay_ms: &str,
        output: fn() -> Stdio,
    ) -> Child {
        self.cmd(user, args)
            .env("NETRA_FAULT_COMMIT_DELAY_MS", delay_ms)
            .stdout(output())
            .stderr(output())
            .spawn()
            .unwrap()
    }

    fn demo_files(&self) -> Demo {
        let files = self.dir().join("files");
        ok(&self.netra("admin", &["demo", "--out", files.to_str().unwrap()]));
        Demo {
            registry: files.join("registry.csv"),
            activities: files.join("activities.jsonl"),
        }
    }

    /// Writes the demo files and scans them as `rina`; returns what the scan printed.
    fn scan_demo(&self) -> String {
        let d = self.demo_files();
        ok(&self.netra("rina", &scan_args(&d, &d.activities)))
    }

    /// Writes the demo files and scans [`small_input`] as `rina`; returns the
    /// id of the activity with the screenshot.
    fn scan_small_input(&self) -> String {
        let d = self.demo_files();
        let (input, activity) = small_input(self.dir(), &d);
        ok(&self.netra("rina", &scan_args(&d, &input)));
        activity
    }

    /// The SHA-256 of the screenshot [`small_input`] wrote, and the file the
    /// evidence store keeps it in.
    fn screenshot_blob(&self) -> (String, PathBuf) {
        let shot = std::fs::read(self.dir().join("files/screenshot-1.png")).unwrap();
        let sha = netra_store::sha256_hex(&shot);
        let blob = self.dir().join("evidence").join(&sha[..2]).join(&sha);
        (sha, blob)
    }

    async fn pool(&self) -> Option<sqlx::AnyPool> {
        sqlx::any::install_default_drivers();
        if !self.postgres && !self.dir().join("netra.db").exists() {
            return None;
        }
        sqlx::AnyPool::connect(&self.url).await.ok()
    }

    /// The first column of each row of `sql`, as integers (empty when the
    /// database or the table is not there yet).
    fn query_i64(&self, sql: &str) -> Vec<i64> {
        rt().block_on(async {
            let Some(pool) = self.pool().await else {
                return Vec::new();
            };
            let rows = sqlx::query_scalar(sql)
                .fetch_all(&pool)
                .await
                .unwrap_or_default();
            pool.close().await;
            rows
        })
    }

    fn query_strings(&self, sql: &str) -> Vec<String> {
        rt().block_on(async {
            let pool = self.pool().await.expect("database");
            let rows = sqlx::query_scalar(sql).fetch_all(&pool).await.unwrap();
            pool.close().await;
            rows
        })
    }

    fn count(&self, sql: &str) -> i64 {
        self.query_i64(sql).first().copied().unwrap_or(0)
    }

    fn execute(&self, sql: &str) {
        rt().block_on(async {
            let pool = self.pool().await.expect("database");
            sqlx::query(sql).execute(&pool).await.unwrap();
            pool.close().await;
        });
    }

    /// True while a netra process sits inside an open write transaction.
    fn in_transaction(&self) -> bool {
        if self.postgres {
            self.count(
                "SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() \
                 AND state = 'idle in transaction'",
            ) > 0
        } else {
            write_locked(self.dir())
        }
    }

    fn cases_jsonl(&self) -> Vec<serde_json::Value> {
        ok(&self.netra("auditor", &["cases", "--format", "jsonl"]))
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }

    /// Case `id` as `cases --format jsonl` lists it.
    fn case(&self, id: &str) -> serde_json::Value {
        self.cases_jsonl()
            .into_iter()
            .find(|c| c["id"] == id.parse::<i64>().unwrap())
            .unwrap()
    }
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

/// The output of a command that finished with diagnostics (exit code 1).
fn diagnostics(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(1), "{}", text(o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The demo files written to `DATA_DIR/files`.
struct Demo {
    registry: PathBuf,
    activities: PathBuf,
}

/// `case move ID --to TO --reason REASON`, then `extra`.
fn move_args<'a>(id: &'a str, to: &'a str, reason: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["case", "move", id, "--to", to, "--reason", reason];
    args.extend_from_slice(extra);
    args
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

fn rt() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// True while another connection holds the `SQLite` database's write lock.
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

fn kill_during_a_large_import_loses_nothing_committed_and_half_writes_nothing(s: &Site) {
    let d = s.demo_files();
    let mut child =
        s.spawn_with_commit_delay("rina", &scan_args(&d, &d.activities), "300", Stdio::null);
    let mut seen = 0;
    wait_until("the first import batch commits", &mut child, || {
        // No schema yet counts as nothing stored.
        seen = s.count("SELECT COUNT(*) FROM activity");
        seen > 0
    });
    kill(child);

    let stored = s.count("SELECT COUNT(*) FROM activity");
    assert!(stored >= seen, "committed activities survive the kill");
    assert_eq!(stored % 2_000, 0, "only whole batches are stored: {stored}");
    assert!(stored < 13_000, "the kill came before the end: {stored}");
    let logged: i64 = s
        .query_strings("SELECT detail FROM audit_log WHERE action = 'import'")
        .iter()
        .map(|d| {
            serde_json::from_str::<serde_json::Value>(d).unwrap()["new"]
                .as_i64()
                .unwrap()
        })
        .sum();
    assert_eq!(logged, stored, "each stored batch has its audit entry");
    ok(&s.netra("auditor", &["evidence", "verify"]));
    ok(&s.netra("auditor", &["audit", "verify"]));

    // Restarting completes the import; what was stored is not stored twice.
    let out = ok(&s.netra("rina", &scan_args(&d, &d.activities)));
    assert_eq!(number_after(&out, "newly stored ("), stored, "{out}");
    let total = s.count("SELECT COUNT(*) FROM activity");
    assert!(total > stored);
    let verified = ok(&s.netra("auditor", &["evidence", "verify"]));
    assert!(verified.contains("0 mismatches"), "{verified}");
    ok(&s.netra("auditor", &["audit", "verify"]));
    assert!(!s.cases_jsonl().is_empty(), "scan opened cases");
}

fn kill_during_a_review_transition_changes_nothing_and_the_move_can_be_redone(s: &Site) {
    s.scan_demo();
    let case = &s.cases_jsonl()[0];
    let id = case["id"].to_string();
    assert_eq!(
        (case["state"].as_str(), case["version"].as_i64()),
        (Some("new"), Some(1))
    );
    let audit_before = s.count("SELECT COUNT(*) FROM audit_log");

    let to_review = |extra| move_args(&id, "in_review", "send to review", extra);
    let mut child = s.spawn_with_commit_delay("rina", &to_review(&[]), "20000", Stdio::null);
    wait_until("the move holds its transaction", &mut child, || {
        s.in_transaction()
    });
    kill(child);

    let case = s.case(&id);
    assert_eq!(
        (case["state"].as_str(), case["version"].as_i64()),
        (Some("new"), Some(1)),
        "the killed move left no trace"
    );
    let events = s.count(&format!(
        "SELECT COUNT(*) FROM case_event WHERE case_id = {id}"
    ));
    assert_eq!(events, 1, "only the opening event");
    assert_eq!(
        s.count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.transition'"),
        0
    );
    assert!(s.count("SELECT COUNT(*) FROM audit_log") >= audit_before);
    ok(&s.netra("auditor", &["audit", "verify"]));
    let out = ok(&s.netra("rina", &to_review(&["--expect-version", "1"])));
    assert!(out.contains("→ in review (version 2, by rina)"), "{out}");
}

fn two_reviewers_at_once_exactly_one_wins_the_other_gets_a_conflict(s: &Site) {
    s.scan_demo();
    let id = s.cases_jsonl()[0]["id"].to_string();
    ok(&s.netra("rina", &move_args(&id, "in-review", "please review", &[])));
    let spawn = |user: &str, to: &str| {
        let args = move_args(&id, to, "decided", &["--expect-version", "2"]);
        s.spawn_with_commit_delay(user, &args, "500", Stdio::piped)
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
    assert_eq!(s.case(&id)["version"].as_i64(), Some(3));
    ok(&s.netra("auditor", &["audit", "verify"]));
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
    // A real (blank, 40×20) PNG: scan reads the words in images, and bytes
    // that are no image would be reported as a problem (exit 1).
    let shot: &[u8] = &[
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x28, 0x00, 0x00, 0x00, 0x14, 0x01, 0x00, 0x00, 0x00, 0x00, 0xd7,
        0x3d, 0x42, 0x16, 0x00, 0x00, 0x00, 0x0e, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xf8,
        0x0f, 0x02, 0x0c, 0x74, 0x27, 0x01, 0x5a, 0x61, 0x63, 0x9d, 0x9e, 0x59, 0x26, 0x16, 0x00,
        0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
    ];
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

fn corrupted_evidence_and_audit_rows_are_named_by_the_verify_commands(s: &Site) {
    let activity = s.scan_small_input();
    let out = ok(&s.netra("auditor", &["evidence", "verify"]));
    assert!(
        out.contains("2 items") && out.contains("0 mismatches"),
        "{out}"
    );

    // Damage the screenshot file.
    let (sha, blob) = s.screenshot_blob();
    assert!(
        blob.exists(),
        "screenshots are kept as files: {}",
        blob.display()
    );
    std::fs::write(&blob, b"edited").unwrap();
    // Damage an activity's stored JSON evidence in the database.
    s.execute(if s.postgres {
        "UPDATE evidence SET content = '\\x7b7d'::bytea WHERE kind = 'activity_json'"
    } else {
        "UPDATE evidence SET content = X'7B7D' WHERE kind = 'activity_json'"
    });
    let out = diagnostics(&s.netra("auditor", &["evidence", "verify"]));
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
    ok(&s.netra("auditor", &["audit", "verify"]));
    s.execute("UPDATE audit_log SET actor = 'mallory' WHERE seq = 2");
    let out = diagnostics(&s.netra("auditor", &["audit", "verify"]));
    assert!(
        out.contains("audit entry 2 ") && out.contains("edited"),
        "{out}"
    );
    // Delete one.
    s.execute("UPDATE audit_log SET actor = 'rina' WHERE seq = 2");
    s.execute("DELETE FROM audit_log WHERE seq = 3");
    let out =
        String::from_utf8_lossy(&s.netra("auditor", &["audit", "verify"]).stdout).into_owned();
    assert!(out.contains("audit entries 3–3 are missing"), "{out}");
}

fn cases_list_show_and_review_through_the_cli(s: &Site) {
    let out = s.scan_demo();
    assert!(out.contains("Cases: "), "{out}");
    let table = ok(&s.netra("rina", &["cases"]));
    for h in [
        "NIP", "Name", "Unit", "Pair", "Class", "Severity", "State", "Signals", "Deadline",
    ] {
        assert!(table.contains(h), "{h} in\n{table}");
    }
    let csv = ok(&s.netra("rina", &["cases", "--format", "csv"]));
    assert!(csv.starts_with(
        "id,election,nip,name,position,unit,pair,stance,class,severity,state,version,signals"
    ));
    let cases = s.cases_jsonl();
    assert_eq!(cases.len(), csv.lines().count() - 1);
    let id = cases[0]["id"].to_string();
    let shown = ok(&s.netra("hendra", &["case", "show", &id]));
    assert!(
        shown.contains("(version 1)") && shown.contains("sha256") && shown.contains("(intact)"),
        "{shown}"
    );
    assert_eq!(
        s.count("SELECT COUNT(*) FROM audit_log WHERE action = 'case.view'"),
        1,
        "the view is logged"
    );
    assert!(s.count("SELECT COUNT(*) FROM audit_log WHERE action = 'export'") >= 2);

    let mv = |user: &str, to: &str, reason: &str, extra: &[&str]| {
        s.netra(user, &move_args(&id, to, reason, extra))
    };
    ok(&mv("rina", "in_review", "three posts", &[]));
    let o = mv("rina", "confirmed", "me", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("four-eyes"),
        "{}",
        text(&o)
    );
    ok(&mv("hendra", "clarification_requested", "ask the ASN", &[]));
    let letter = s.dir().join("clarification.txt");
    std::fs::write(&letter, "Akun saya diretas.").unwrap();
    let letter_arg = ["--clarification-file", letter.to_str().unwrap()];
    ok(&mv(
        "hendra",
        "dismissed",
        "account was hacked",
        &letter_arg,
    ));
    let shown = ok(&s.netra("auditor", &["case", "show", &id]));
    assert!(shown.contains("Akun saya diretas."), "{shown}");
    assert!(shown.contains("Final state"), "{shown}");
    let o = mv("hendra", "in_review", "again", &[]);
    assert_eq!(o.status.code(), Some(1));
    let o = mv("hendra", "approved", "x", &[]);
    assert_eq!(o.status.code(), Some(2), "unknown state is a usage error");
    assert!(String::from_utf8_lossy(&o.stderr).contains("clarification_requested"));
    ok(&s.netra("auditor", &["audit", "verify"]));
    cases_read_in_indonesian_by_default(s, &id);
}

/// `netra report case ID --kind bkn`: exit 1 with the reason until the
/// case is reported to Bawaslu, then the PDF with its hash in the audit log
/// and the hint to record the sanction (gone once it is recorded).
fn the_letter_to_bkn_through_the_cli(s: &Site) {
    s.scan_demo();
    let id = s.cases_jsonl()[0]["id"].to_string();
    let pdf = s.dir().join("bkn.pdf");
    let report = || {
        s.netra(
            "hendra",
            &[
                "report",
                "case",
                &id,
                "--kind",
                "bkn",
                "--output",
                pdf.to_str().unwrap(),
            ],
        )
    };
    let o = report();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("only made for a case reported to Bawaslu"),
        "{}",
        text(&o)
    );
    ok(&s.netra("rina", &move_args(&id, "in_review", "posts", &[])));
    ok(&s.netra("hendra", &move_args(&id, "confirmed", "proven", &[])));
    let o = report();
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("not yet reported to Bawaslu"),
        "{}",
        text(&o)
    );
    assert!(!pdf.exists());
    assert_eq!(
        s.count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.bkn'"),
        0
    );
    ok(&s.netra(
        "hendra",
        &move_args(&id, "reported", "filed with Bawaslu", &[]),
    ));
    let out = ok(&report());
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    let sha = out
        .split("SHA-256 ")
        .nth(1)
        .and_then(|t| t.get(..64))
        .unwrap_or_else(|| panic!("no hash in {out}"));
    let detail = s.query_strings("SELECT detail FROM audit_log WHERE action = 'report.bkn'");
    assert_eq!(detail.len(), 1);
    assert!(detail[0].contains(sha), "{detail:?}");
    assert!(out.contains("--to sanction_recorded"), "{out}");
    ok(&s.netra(
        "hendra",
        &move_args(&id, "sanction_recorded", "written reprimand", &[]),
    ));
    let out = ok(&report());
    assert!(!out.contains("--to sanction_recorded"), "{out}");
    assert_eq!(
        s.count("SELECT COUNT(*) FROM audit_log WHERE action = 'report.bkn'"),
        2
    );
}

/// Bahasa Indonesia, the default: words, dates and numbers as people write
/// them; the exports keep their stable spellings. Case `id` was dismissed
/// after a clarification (see above).
fn cases_read_in_indonesian_by_default(s: &Site, id: &str) {
    // A fixed deadline gives a fixed date (the real one is 7 days from the scan).
    s.execute("UPDATE review_case SET deadline = '2024-12-03T00:02:00.000Z'");
    let id_out = |args: &[&str]| ok(&s.cmd_in(None, "rina", args).output().expect("run netra"));
    let table = id_out(&["cases"]);
    for want in [
        "Nama",
        "Paslon",
        "Kelas",
        "Bobot",
        "Tenggat",
        "disiplin",
        "baru",
        "dihentikan",
        "3 Desember 2024 (lewat ",
        "kasus. Sinyal bukan temuan",
    ] {
        assert!(table.contains(want), "{want:?} in\n{table}");
    }
    assert!(
        table.contains("(dukung)") || table.contains("(menyerang)"),
        "{table}"
    );
    for english in [
        "discipline",
        "(support)",
        "(oppose)",
        " new ",
        "December",
        "days left",
    ] {
        assert!(!table.contains(english), "{english:?} in\n{table}");
    }
    let csv = id_out(&["cases", "--format", "csv"]);
    assert!(
        csv.contains(",discipline,") && !csv.contains("disiplin"),
        "{csv}"
    );
    let shown = id_out(&["case", "show", id]);
    for want in [
        "— dihentikan (versi 4)",
        "Tenggat laporan: 3 Desember 2024 07.02 WIB",
        "Pelanggaran (",
        "Dasar hukum: ",
        "Alasan deteksi",
        "(utuh)",
        "menunggu klarifikasi → dihentikan — hendra: account was hacked",
        "Status akhir",
    ] {
        assert!(shown.contains(want), "{want:?} in\n{shown}");
    }
    assert!(!shown.contains("\n   - violation "), "{shown}");
}

fn purge_dry_run_lists_then_purge_deletes_and_the_audit_still_verifies(s: &Site) {
    let activity = s.scan_small_input();
    let o = s.netra("admin", &["purge", "--dry-run"]);
    assert_eq!(
        o.status.code(),
        Some(2),
        "no policy is an error\n{}",
        text(&o)
    );
    std::fs::write(
        s.dir().join("retention.toml"),
        "[retention]\nactivities_without_case_after_days = 30\n",
    )
    .unwrap();
    let early = ok(&s.netra("admin", &["purge", "--dry-run", "--as-of", "2024-12-01"]));
    assert!(early.contains("0 activities without a case"), "{early}");
    let listed = ok(&s.netra("admin", &["purge", "--dry-run", "--as-of", "2030-01-01"]));
    assert!(
        listed.contains("1 activity without a case") && listed.contains(&activity),
        "{listed}"
    );
    assert_eq!(
        s.count("SELECT COUNT(*) FROM activity"),
        1,
        "a dry run deletes nothing"
    );

    let (sha, blob) = s.screenshot_blob();
    assert!(blob.exists());
    let out = ok(&s.netra("admin", &["purge", "--as-of", "2030-01-01"]));
    assert!(out.contains("Removed: 0 cases, 1 activity,"), "{out}");
    assert_eq!(s.count("SELECT COUNT(*) FROM activity"), 0);
    assert_eq!(s.count("SELECT COUNT(*) FROM evidence"), 0);
    assert!(!blob.exists(), "the screenshot file is removed");
    ok(&s.netra("auditor", &["audit", "verify"]));
    ok(&s.netra("auditor", &["evidence", "verify"]));
    let detail = s.query_strings("SELECT detail FROM audit_log WHERE action = 'purge'");
    assert_eq!(detail.len(), 1);
    assert!(detail[0].contains(&sha), "the log keeps the hash");
    assert!(!detail[0].contains("rapat koordinasi"), "…not the content");
}

/// Each scenario as a test on one backend: `sqlite::<scenario>` or `postgres::<scenario>`.
macro_rules! scenarios_on {
    ($backend:ident: $($scenario:ident),+ $(,)?) => {
        mod $backend {
            $(
                #[test]
                fn $scenario() {
                    super::$scenario(&super::Site::$backend());
                }
            )+
        }
    };
}

scenarios_on!(sqlite:
    kill_during_a_large_import_loses_nothing_committed_and_half_writes_nothing,
    kill_during_a_review_transition_changes_nothing_and_the_move_can_be_redone,
    two_reviewers_at_once_exactly_one_wins_the_other_gets_a_conflict,
    corrupted_evidence_and_audit_rows_are_named_by_the_verify_commands,
    cases_list_show_and_review_through_the_cli,
    the_letter_to_bkn_through_the_cli,
    purge_dry_run_lists_then_purge_deletes_and_the_audit_still_verifies,
);

scenarios_on!(postgres:
    kill_during_a_large_import_loses_nothing_committed_and_half_writes_nothing,
    kill_during_a_review_transition_changes_nothing_and_the_move_can_be_redone,
    two_reviewers_at_once_exactly_one_wins_the_other_gets_a_conflict,
    corrupted_evidence_and_audit_rows_are_named_by_the_verify_commands,
);
