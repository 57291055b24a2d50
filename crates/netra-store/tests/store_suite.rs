//! The store's behaviour, run on every backend: SQLite, and PostgreSQL at
//! `NETRA_TEST_DATABASE_URL` (a server URL whose user may create databases;
//! `scripts/test` installs and starts one). Without it the PostgreSQL test fails.

use netra_core::{AccountRef, Activity, AsnRecord, Label, Nip, Platform, Signal};
use netra_store::Store;

fn activity(id: &str, account: &str, text: &str) -> Activity {
    serde_json::from_value(serde_json::json!({
        "id": id, "platform": "x", "account": account, "kind": "post",
        "text": text, "created_at": "2024-10-01T08:00:00+07:00"
    }))
    .unwrap()
}

fn asn(nip: &str, name: &str, handle: &str) -> AsnRecord {
    AsnRecord {
        nip: Nip::parse(nip).unwrap(),
        name: name.into(),
        position: "Analis".into(),
        unit: "Dinas Contoh".into(),
        accounts: vec![AccountRef {
            platform: Platform::X,
            handle: handle.into(),
        }],
    }
}

fn signal(activity_id: &str, account: &str, target: u32) -> Signal {
    Signal {
        activity_id: activity_id.into(),
        account_key: account.into(),
        label: Label::Support,
        target,
        score: 0.9,
        rule: "post-stance".into(),
        reasons: vec!["hashtag #Contoh".into()],
    }
}

async fn suite(store: Store) {
    let reg = [
        asn("198503152010011001", "Budi Contoh", "budi"),
        asn("199001012015032002", "Sari Contoh", "sari"),
    ];
    let s = store.upsert_registry(&reg).await.unwrap();
    assert_eq!(s.inserted, 2);
    let s = store.upsert_registry(&reg).await.unwrap();
    assert_eq!(
        (s.inserted, s.unchanged),
        (0, 2),
        "registry twice stores nothing twice"
    );
    let owners = store.account_owners().await.unwrap();
    assert_eq!(
        owners.get("x:budi").map(String::as_str),
        Some("198503152010011001")
    );

    let acts = [
        activity("x:1", "budi", "halo"),
        activity("x:2", "sari", "coblos"),
    ];
    let s = store.insert_activities(&acts, "test").await.unwrap();
    assert_eq!(s.inserted, 2);
    let s = store.insert_activities(&acts, "test").await.unwrap();
    assert_eq!(
        (s.inserted, s.unchanged, s.conflicting),
        (0, 2, 0),
        "activities twice store nothing twice"
    );
    let changed = [activity("x:1", "budi", "edited text")];
    let s = store.insert_activities(&changed, "test").await.unwrap();
    assert_eq!(
        s.conflicting, 1,
        "same id, other content: original kept and reported"
    );

    let sigs = [signal("x:2", "x:sari", 3)];
    assert_eq!(
        store.insert_signals("e-1", &sigs).await.unwrap().inserted,
        1
    );
    assert_eq!(
        store.insert_signals("e-1", &sigs).await.unwrap().inserted,
        0
    );
    let rows = store.signals("e-1").await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "Sari Contoh");
    assert_eq!(rows[0].target, 3);
    assert_eq!(rows[0].reasons, vec!["hashtag #Contoh".to_string()]);
    assert!(store.signals("other").await.unwrap().is_empty());

    let c = store.counts().await.unwrap();
    assert_eq!((c.asn, c.accounts, c.activities, c.signals), (2, 2, 2, 1));
}

#[tokio::test]
async fn sqlite_store_suite() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).await.unwrap();
    suite(store.clone()).await;
    store.close().await;
    // Reopening keeps everything (and re-running migrations is a no-op).
    let store = Store::open_in_dir(dir.path()).await.unwrap();
    assert_eq!(store.counts().await.unwrap().activities, 2);
}

#[tokio::test]
async fn postgres_store_suite() {
    let store = Store::open(&fresh_postgres_database().await).await.unwrap();
    suite(store).await;
}

#[tokio::test]
async fn bad_url_is_a_clear_error() {
    let err = Store::open("mysql://x").await.unwrap_err().to_string();
    assert!(err.contains("mysql://x"), "{err}");
}

/// Creates an empty database on the test server and returns its URL.
async fn fresh_postgres_database() -> String {
    use sqlx::Connection;
    let server = std::env::var("NETRA_TEST_DATABASE_URL").expect(
        "NETRA_TEST_DATABASE_URL is not set: run the tests with scripts/test, which starts PostgreSQL",
    );
    let name = format!(
        "netra_test_{}_{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    );
    let mut conn = sqlx::PgConnection::connect(&server)
        .await
        .expect("connect to the PostgreSQL test server");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut conn)
        .await
        .expect("create a test database");
    let base = server.rsplit_once('/').map_or(server.as_str(), |(b, _)| b);
    format!("{base}/{name}")
}
