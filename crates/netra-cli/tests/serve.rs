//! `netra user` and `netra serve` through the real binary: users from
//! standard input, clear refusals, and the server answering over HTTP.

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn netra(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_netra"))
        .args(args)
        .env("NETRA_DATA_DIR", dir)
        .env("NETRA_USER", "setup")
        .env_remove("DATABASE_URL")
        .env_remove("NETRA_LANG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

#[test]
fn users_are_added_from_stdin_and_refusals_are_clear() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = netra(d, &["user", "list"], "");
    assert!(text(&o).contains("Belum ada pengguna"), "{}", text(&o));
    let o = netra(
        d,
        &["user", "add", "admin", "--role", "admin"],
        "rahasia-admin-1\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(text(&o).contains("Pengguna ditambahkan: admin (admin)"));
    let o = netra(d, &["user", "add", "rina", "--role", "analyst"], "pendek\n");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("at least 10 characters"), "{}", text(&o));
    let o = netra(
        d,
        &["user", "add", "admin", "--role", "reviewer"],
        "rahasia-admin-2\n",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("already exists"), "{}", text(&o));
    let o = netra(
        d,
        &["user", "add", "rina", "--role", "boss"],
        "rahasia-rina-1\n",
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("one of: admin, analyst, reviewer, auditor"));
    let o = netra(d, &["user", "disable", "admin"], "");
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("last enabled admin"), "{}", text(&o));
    let o = netra(
        d,
        &["user", "add", "rina", "--role", "analyst"],
        "rahasia-rina-1\r\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = netra(d, &["user", "disable", "rina"], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = netra(d, &["user", "list"], "");
    let list = text(&o);
    assert!(
        list.contains("admin\tadmin\taktif\tdibuat oleh setup"),
        "{list}"
    );
    assert!(list.contains("rina\tanalyst\tnonaktif"), "{list}");
    let o = netra(d, &["audit", "log", "--action", "user"], "");
    let log = text(&o);
    assert!(
        log.contains("user.add") && log.contains("user.disable"),
        "{log}"
    );
    assert!(!log.contains("rahasia"), "no password in the log");
}

#[test]
fn unlock_lifts_a_login_lockout_and_says_when_there_was_none() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let o = netra(
        d,
        &["user", "add", "rina", "--role", "analyst"],
        "rahasia-rina-1\n",
    );
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let o = netra(d, &["--lang", "en", "user", "unlock", "rina"], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("No login lockout for rina: nothing changed"),
        "{}",
        text(&o)
    );
    // Five wrong passwords, as the web app counts them, lock the name.
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let locked = |d: &Path| {
        rt.block_on(async {
            let store = netra_store::Store::open_in_dir(d).await.unwrap();
            let until = store.login_locked_until("rina", None).await.unwrap();
            store.close().await;
            until
        })
    };
    rt.block_on(async {
        let store = netra_store::Store::open_in_dir(d).await.unwrap();
        let policy = netra_store::LoginThrottle::default();
        for _ in 0..policy.max_user_failures {
            store
                .login_failed("rina", Some("10.0.0.7"), &policy)
                .await
                .unwrap();
        }
        store.close().await;
    });
    assert!(locked(d).is_some());
    let o = netra(d, &["user", "unlock", "rina"], "");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("Penguncian login dicabut untuk rina (terkunci sampai"),
        "{}",
        text(&o)
    );
    assert_eq!(locked(d), None);
    let o = netra(d, &["audit", "log", "--action", "user.unlock"], "");
    let log = text(&o);
    assert!(
        log.contains("user.unlock") && log.contains("setup") && log.contains("user:rina"),
        "{log}"
    );
}

/// A port nobody listens on right now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn http_get(addr: &str, path: &str) -> Option<String> {
    let mut s = std::net::TcpStream::connect(addr).ok()?;
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut out = String::new();
    s.read_to_string(&mut out).ok()?;
    Some(out)
}

#[test]
fn serve_answers_over_http_and_says_when_the_port_is_taken() {
    let dir = tempfile::tempdir().unwrap();
    let addr = format!("127.0.0.1:{}", free_port());
    let mut child = Command::new(env!("CARGO_BIN_EXE_netra"))
        .args(["serve", "--addr", &addr])
        .env("NETRA_DATA_DIR", dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("NETRA_LANG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let page = loop {
        if let Some(p) = http_get(&addr, "/login") {
            break p;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "netra serve did not answer on {addr}"
        );
        std::thread::sleep(Duration::from_millis(200));
    };
    assert!(page.starts_with("HTTP/1.1 200"), "{page}");
    assert!(page.contains("Kata sandi") && page.contains("netra user add NAMA --role admin"));
    let home = http_get(&addr, "/").unwrap();
    assert!(
        home.starts_with("HTTP/1.1 303") && home.contains("location: /login?next=/"),
        "{home}"
    );

    // A second server on the same address: a clear refusal, exit 2.
    let o = Command::new(env!("CARGO_BIN_EXE_netra"))
        .args(["serve", "--addr", &addr])
        .env("NETRA_DATA_DIR", dir.path())
        .env_remove("DATABASE_URL")
        .env_remove("NETRA_LANG")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        text(&o).contains("tidak dapat mendengarkan di"),
        "{}",
        text(&o)
    );
    let _ = child.kill();
    let _ = child.wait();
}
