//! The store's behaviour, run on every backend: SQLite, and PostgreSQL at
//! `NETRA_TEST_DATABASE_URL` (a server URL whose user may create databases;
//! `scripts/test` installs and starts one). Without it the PostgreSQL test fails.

#![allow(
    clippy::doc_markdown,
    reason = "SQLite and PostgreSQL are product names, not code"
)]
#![allow(
    clippy::too_many_lines,
    reason = "each suite is one scenario, read top to bottom"
)]

use netra_core::{
    AccountRef, Activity, AsnRecord, CaseClass, CaseState, Label, Nip, Platform, Reason, Severity,
    Signal, Term,
};
use netra_store::{
    sha256_hex, AuditKey, AuditProblem, CaseDraft, CaseFilter, CaseMove, EvidenceKind, ImportMeta,
    NewEvidence, PurgePlan, SignalKey, Store, StoreError, StoredPair, GENESIS_HASH,
};

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
        reasons: vec![
            Reason::Matched {
                terms: vec![Term {
                    kind: "hashtag".into(),
                    text: "#Contoh".into(),
                    pair: target,
                    sure: true,
                }],
            },
            Reason::model([0.7, 0.1, 0.1, 0.1]),
        ],
    }
}

const META: ImportMeta<'static> = ImportMeta {
    source: "test.jsonl",
    importer: "test",
    user: "rina",
};

async fn suite(store: Store) {
    let reg = [
        asn("198503152010011001", "Budi Contoh", "budi"),
        asn("199001012015032002", "Sari Contoh", "sari"),
    ];
    let s = store.upsert_registry(&reg, "admin").await.unwrap();
    assert_eq!(s.inserted, 2);
    let s = store.upsert_registry(&reg, "admin").await.unwrap();
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
    let s = store.insert_activities(&acts, &META).await.unwrap();
    assert_eq!(s.inserted, 2);
    let s = store.insert_activities(&acts, &META).await.unwrap();
    assert_eq!(
        (s.inserted, s.unchanged, s.conflicting),
        (0, 2, 0),
        "activities twice store nothing twice"
    );
    let changed = [activity("x:1", "budi", "edited text")];
    let s = store.insert_activities(&changed, &META).await.unwrap();
    assert_eq!(
        s.conflicting, 1,
        "same id, other content: original kept and reported"
    );

    let sigs = [signal("x:2", "x:sari", 3)];
    assert_eq!(
        store
            .insert_signals("e-1", &sigs, "rina")
            .await
            .unwrap()
            .inserted,
        1
    );
    assert_eq!(
        store
            .insert_signals("e-1", &sigs, "rina")
            .await
            .unwrap()
            .inserted,
        0
    );
    let rows = store.signals("e-1").await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].name, "Sari Contoh");
    assert_eq!(rows[0].target, 3);
    assert_eq!(
        rows[0].reasons, sigs[0].reasons,
        "reasons come back as stored"
    );
    assert!(store.signals("other").await.unwrap().is_empty());

    let c = store.counts().await.unwrap();
    assert_eq!((c.asn, c.accounts, c.activities, c.signals), (2, 2, 2, 1));
    assert_eq!(c.evidence, 2, "each stored activity's JSON is evidence");
    assert_eq!(
        c.audit_entries, 7,
        "2 registry loads, 3 import batches and 2 signal batches are logged"
    );
}

/// Evidence: content addressed, captured with who/when/where, verified on read.
async fn evidence_suite(store: Store, url: &str) {
    seed(&store).await;
    let ev = store.evidence_for("activity:x:1").await.unwrap();
    assert_eq!(ev.len(), 1);
    assert_eq!(ev[0].kind, "activity_json");
    assert_eq!(ev[0].captures[0].imported_by, "rina");
    assert_eq!(ev[0].captures[0].source, "test.jsonl");
    let bytes = store.evidence_bytes(&ev[0].sha256).await.unwrap();
    assert_eq!(sha256_hex(&bytes), ev[0].sha256);

    let png = b"\x89PNG fake screenshot bytes";
    let new = |subject: &'static str| NewEvidence {
        kind: EvidenceKind::Screenshot,
        media_type: "image/png",
        bytes: png,
        subject,
        source: "shots/1.png",
        captured_at: chrono::Utc::now(),
        importer: "test",
        user: "rina",
    };
    let sha = store.add_evidence(&new("activity:x:1")).await.unwrap();
    assert_eq!(sha, sha256_hex(png));
    let again = store.add_evidence(&new("activity:x:1")).await.unwrap();
    assert_eq!(again, sha, "same bytes, same address");
    assert_eq!(store.evidence_for("activity:x:1").await.unwrap().len(), 2);
    let report = store.verify_evidence().await.unwrap();
    assert!(report.is_intact(), "{:?}", report.problems);
    assert_eq!((report.evidence, report.activities), (3, 2));

    // Damage the stored JSON of x:2: read and verify both name it.
    let x2 = store.evidence_for("activity:x:2").await.unwrap()[0]
        .sha256
        .clone();
    tamper(
        url,
        "UPDATE evidence SET content = $1 WHERE sha256 = $2",
        &[Bind::Bytes(b"{}".to_vec()), Bind::Text(x2.clone())],
    )
    .await;
    let err = store.evidence_bytes(&x2).await.unwrap_err().to_string();
    assert!(err.contains(&x2) && err.contains("damaged"), "{err}");
    let report = store.verify_evidence().await.unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    let msg = report.problems[0].to_string();
    assert!(msg.contains(&x2) && msg.contains("activity:x:2"), "{msg}");
}

/// The audit log: hash chain, checkpoints, tampering named.
async fn audit_suite(store: Store, url: &str) {
    seed(&store).await;
    let key = AuditKey::from_bytes(&[42; 32]).unwrap();
    let seq = store
        .audit(
            "hendra",
            "export",
            "cases",
            serde_json::json!({"format": "csv"}),
        )
        .await
        .unwrap();
    assert_eq!(seq, 4, "registry, import, signals, export");
    let cp = store.checkpoint_audit(&key).await.unwrap().unwrap();
    assert_eq!(cp.seq, 4);
    assert!(
        store.checkpoint_audit(&key).await.unwrap().is_none(),
        "nothing new to sign"
    );
    let entries = store.audit_entries(0, 100).await.unwrap();
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[0].prev_hash, GENESIS_HASH);
    for w in entries.windows(2) {
        assert_eq!(
            w[1].prev_hash, w[0].hash,
            "each entry holds the previous hash"
        );
    }
    let report = store.verify_audit(Some(&key)).await.unwrap();
    assert!(report.is_intact(), "{:?}", report.problems);
    assert_eq!((report.entries, report.checkpoints_checked), (4, 1));
    for i in 0..3 {
        store
            .audit(
                "rina",
                "case.view",
                &format!("case:{i}"),
                serde_json::json!({}),
            )
            .await
            .unwrap();
    }

    // Edited entry.
    tamper(
        url,
        "UPDATE audit_log SET actor = 'mallory' WHERE seq = $1",
        &[Bind::Int(2)],
    )
    .await;
    let problems = store.verify_audit(Some(&key)).await.unwrap().problems;
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, AuditProblem::Edited { seq: 2, .. })),
        "{problems:?}"
    );
    assert!(
        problems[0].to_string().contains("audit entry 2"),
        "{}",
        problems[0]
    );
    tamper(
        url,
        "UPDATE audit_log SET actor = 'rina' WHERE seq = $1",
        &[Bind::Int(2)],
    )
    .await;
    assert!(
        store.verify_audit(Some(&key)).await.unwrap().is_intact(),
        "restored"
    );

    // Deleted entry in the middle.
    tamper(url, "DELETE FROM audit_log WHERE seq = $1", &[Bind::Int(5)]).await;
    let problems = store.verify_audit(Some(&key)).await.unwrap().problems;
    assert_eq!(problems, vec![AuditProblem::Missing { from: 5, to: 5 }]);

    // Reordered entries: swap the seq of 6 and 7.
    tamper(
        url,
        "UPDATE audit_log SET seq = -1 WHERE seq = $1",
        &[Bind::Int(6)],
    )
    .await;
    tamper(
        url,
        "UPDATE audit_log SET seq = 6 WHERE seq = $1",
        &[Bind::Int(7)],
    )
    .await;
    tamper(
        url,
        "UPDATE audit_log SET seq = 7 WHERE seq = $1",
        &[Bind::Int(-1)],
    )
    .await;
    let problems = store.verify_audit(Some(&key)).await.unwrap().problems;
    for seq in [6, 7] {
        assert!(
            problems
                .iter()
                .any(|p| matches!(p, AuditProblem::Edited { seq: s, .. } if *s == seq)),
            "entry {seq} named: {problems:?}"
        );
    }

    // Deleted at the end.
    tamper(
        url,
        "DELETE FROM audit_log WHERE seq >= $1",
        &[Bind::Int(6)],
    )
    .await;
    let problems = store.verify_audit(Some(&key)).await.unwrap().problems;
    assert!(
        problems.contains(&AuditProblem::MissingAtEnd {
            from: 5,
            to: 7,
            last: 4
        }),
        "{problems:?}"
    );

    // A forged checkpoint.
    tamper(
        url,
        "UPDATE audit_checkpoint SET mac = 'ff' WHERE seq = $1",
        &[Bind::Int(4)],
    )
    .await;
    let problems = store.verify_audit(Some(&key)).await.unwrap().problems;
    assert!(
        problems.contains(&AuditProblem::BadSignature { seq: 4 }),
        "{problems:?}"
    );
}

/// Cases: sync from drafts, review workflow, four-eyes, conflicts, purge.
async fn case_suite(store: Store, _url: &str) {
    seed(&store).await;
    store
        .insert_activities(&[activity("x:3", "sari", "lagi")], &META)
        .await
        .unwrap();
    store
        .insert_signals("e-1", &[signal("x:3", "x:sari", 3)], "rina")
        .await
        .unwrap();
    let d = draft(&["x:2"]);
    let s = store
        .sync_cases(std::slice::from_ref(&d), "rina")
        .await
        .unwrap();
    assert_eq!(s.opened, 1);
    let s = store
        .sync_cases(std::slice::from_ref(&d), "rina")
        .await
        .unwrap();
    assert_eq!(s.unchanged, 1, "same draft twice changes nothing");
    let cases = store.cases(&CaseFilter::default()).await.unwrap();
    assert_eq!(cases.len(), 1);
    let c = &cases[0];
    assert_eq!((c.state, c.version, c.signal_count), (CaseState::New, 1, 1));
    assert_eq!(
        (c.nip.as_str(), c.name.as_str(), c.unit.as_str()),
        ("199001012015032002", "Sari Contoh", "Dinas Contoh")
    );
    assert_eq!(c.opened_by, "rina");
    let id = c.id;

    // A refresh with more signals bumps the version.
    let s = store
        .sync_cases(&[draft(&["x:3", "x:2"])], "rina")
        .await
        .unwrap();
    assert_eq!(s.refreshed, 1);
    let detail = store.view_case(id, "hendra").await.unwrap();
    assert_eq!(detail.case.version, 2);
    assert_eq!(detail.signals.len(), 2);
    assert_eq!(
        detail.signals[0].signal.activity_id, "x:3",
        "strongest first"
    );
    assert!(detail.signals.iter().all(|s| s.intact));

    let mv = |version: i64, to: CaseState, actor: &str| CaseMove {
        case_id: id,
        expected_version: version,
        to,
        actor: actor.into(),
        reason: format!("{actor} says {to}"),
        clarification: None,
    };
    // Stale version: conflict naming both versions.
    let err = store
        .move_case(&mv(1, CaseState::InReview, "rina"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::Conflict {
                expected: 1,
                found: 2,
                ..
            }
        ),
        "{err}"
    );
    assert!(
        err.to_string().contains("version 1") && err.to_string().contains("version 2"),
        "{err}"
    );
    // Not in the table.
    let err = store
        .move_case(&mv(2, CaseState::Reported, "rina"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::NotAllowed { .. }), "{err}");
    assert!(
        err.to_string().contains("allowed: in_review, dismissed"),
        "{err}"
    );
    // A reason is needed.
    let mut no_reason = mv(2, CaseState::InReview, "rina");
    no_reason.reason = "  ".into();
    assert!(matches!(
        store.move_case(&no_reason).await,
        Err(StoreError::Invalid(_))
    ));

    let c = store
        .move_case(&mv(2, CaseState::InReview, "rina"))
        .await
        .unwrap();
    assert_eq!(
        (c.state, c.version, c.submitted_by.as_deref()),
        (CaseState::InReview, 3, Some("rina"))
    );
    // Four-eyes: the analyst cannot confirm.
    let err = store
        .move_case(&mv(3, CaseState::Confirmed, "rina"))
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::FourEyes { .. }), "{err}");
    let c = store
        .move_case(&mv(3, CaseState::ClarificationRequested, "hendra"))
        .await
        .unwrap();
    // A clarification only when leaving clarification_requested.
    let mut early = mv(3, CaseState::Confirmed, "hendra");
    early.clarification = Some("x".into());
    assert!(store.move_case(&early).await.is_err());
    let mut answer = mv(c.version, CaseState::Confirmed, "hendra");
    answer.clarification = Some("Saya hanya membagikan berita.".into());
    let c = store.move_case(&answer).await.unwrap();
    assert_eq!(c.state, CaseState::Confirmed);
    assert_eq!(
        c.clarification.as_deref(),
        Some("Saya hanya membagikan berita.")
    );
    let ev = store.evidence_for(&format!("case:{id}")).await.unwrap();
    assert_eq!(ev.len(), 1, "the clarification is evidence too");
    let c = store
        .move_case(&mv(c.version, CaseState::Reported, "hendra"))
        .await
        .unwrap();
    let c = store
        .move_case(&mv(c.version, CaseState::SanctionRecorded, "hendra"))
        .await
        .unwrap();
    let err = store
        .move_case(&mv(c.version, CaseState::Dismissed, "hendra"))
        .await
        .unwrap_err();
    assert!(err.to_string().contains("final"), "{err}");
    let detail = store.case(id).await.unwrap();
    let states: Vec<CaseState> = detail.events.iter().map(|e| e.to).collect();
    assert_eq!(
        states,
        [
            CaseState::New,
            CaseState::New,
            CaseState::InReview,
            CaseState::ClarificationRequested,
            CaseState::Confirmed,
            CaseState::Reported,
            CaseState::SanctionRecorded
        ]
    );
    assert!(store
        .move_case(&CaseMove {
            case_id: 999,
            ..mv(1, CaseState::InReview, "x")
        })
        .await
        .unwrap_err()
        .to_string()
        .contains("case 999 not found"));

    // Signals after a decision open a new case for the same ASN.
    assert!(store.signals_for_cases("e-1").await.unwrap().is_empty());
    store
        .insert_activities(&[activity("x:4", "sari", "baru")], &META)
        .await
        .unwrap();
    store
        .insert_signals("e-1", &[signal("x:4", "x:sari", 3)], "rina")
        .await
        .unwrap();
    assert_eq!(store.signals_for_cases("e-1").await.unwrap().len(), 1);
    let s = store.sync_cases(&[draft(&["x:4"])], "rina").await.unwrap();
    assert_eq!(s.opened, 1);
    let open = store
        .cases(&CaseFilter {
            state: Some(CaseState::New),
            ..CaseFilter::default()
        })
        .await
        .unwrap();
    assert_eq!(open.len(), 1);

    // Purge: dismiss the new case, then purge it and the activity without case.
    let dismissed = store
        .move_case(&CaseMove {
            case_id: open[0].id,
            ..mv(1, CaseState::Dismissed, "hendra")
        })
        .await
        .unwrap();
    let without: Vec<String> = store
        .activities_without_case()
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(without, ["x:1"]);
    let before = store.counts().await.unwrap();
    let purged = store
        .purge(
            &PurgePlan {
                case_ids: vec![dismissed.id],
                activity_ids: without,
                public_report_ids: vec![],
                policy: serde_json::json!({"test": true}),
            },
            "admin",
        )
        .await
        .unwrap();
    assert_eq!(
        (purged.cases, purged.activities, purged.evidence),
        (1, 2, 2)
    );
    let after = store.counts().await.unwrap();
    assert_eq!(after.cases, before.cases - 1);
    assert_eq!(after.activities, before.activities - 2);
    assert!(store.evidence_for("activity:x:4").await.unwrap().is_empty());
    assert!(store.verify_evidence().await.unwrap().is_intact());
    assert!(
        store.verify_audit(None).await.unwrap().is_intact(),
        "audit verify passes after a purge"
    );
    let last = store
        .audit_entries(i64::try_from(after.audit_entries).unwrap() - 1, 1)
        .await
        .unwrap();
    assert_eq!(last[0].action, "purge");
    assert!(
        !last[0].detail.contains("baru"),
        "the log keeps hashes, not content"
    );

    // Importing the same file again does not bring purged data back.
    let again = store
        .insert_activities(
            &[
                activity("x:1", "budi", "halo"),
                activity("x:4", "sari", "baru"),
                activity("x:5", "sari", "sesudah purge"),
            ],
            &META,
        )
        .await
        .unwrap();
    assert_eq!(
        (again.inserted, again.purged, again.unchanged),
        (1, 2, 0),
        "purged activities are skipped on re-import, new ones stored"
    );
    let now = store.counts().await.unwrap();
    assert_eq!(now.activities, after.activities + 1);
    assert!(store.evidence_for("activity:x:4").await.unwrap().is_empty());
    assert!(store.verify_audit(None).await.unwrap().is_intact());
}

/// Two reviewers move one case at once: exactly one wins.
async fn concurrency_suite(store: Store, _url: &str) {
    seed(&store).await;
    store.sync_cases(&[draft(&["x:2"])], "rina").await.unwrap();
    let id = store.cases(&CaseFilter::default()).await.unwrap()[0].id;
    for _round in 0..4 {
        let case = store.case(id).await.unwrap().case;
        let next = case.state.next_states();
        if next.len() < 2 {
            break;
        }
        let (version, to_a, to_b) = (case.version, next[0], next[next.len() - 1]);
        let go = |actor: &'static str, to: CaseState| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .move_case(&CaseMove {
                        case_id: id,
                        expected_version: version,
                        to,
                        actor: actor.into(),
                        reason: "at the same time".into(),
                        clarification: None,
                    })
                    .await
            })
        };
        let (a, b) = tokio::join!(go("hendra", to_a), go("dewi", to_b));
        let results = [a.unwrap(), b.unwrap()];
        let wins = results.iter().filter(|r| r.is_ok()).count();
        assert_eq!(wins, 1, "exactly one wins: {results:?}");
        let loser = results.iter().find_map(|r| r.as_ref().err()).unwrap();
        assert!(matches!(loser, StoreError::Conflict { .. }), "{loser}");
        assert_eq!(store.case(id).await.unwrap().case.version, version + 1);
    }
    assert!(store.verify_audit(None).await.unwrap().is_intact());
}

/// Registry, two activities, one signal of Sari for pair 3 (x:2).
async fn seed(store: &Store) {
    store
        .upsert_registry(
            &[
                asn("198503152010011001", "Budi Contoh", "budi"),
                asn("199001012015032002", "Sari Contoh", "sari"),
            ],
            "admin",
        )
        .await
        .unwrap();
    store
        .insert_activities(
            &[
                activity("x:1", "budi", "halo"),
                activity("x:2", "sari", "coblos"),
            ],
            &META,
        )
        .await
        .unwrap();
    store
        .insert_signals("e-1", &[signal("x:2", "x:sari", 3)], "rina")
        .await
        .unwrap();
}

fn draft(activities: &[&str]) -> CaseDraft {
    let t = chrono::DateTime::parse_from_rfc3339("2024-10-01T01:00:00Z")
        .unwrap()
        .to_utc();
    CaseDraft {
        election_id: "e-1".into(),
        nip: "199001012015032002".into(),
        target: 3,
        label: Label::Support,
        class: CaseClass::Discipline,
        severity: if activities.len() > 1 {
            Severity::Medium
        } else {
            Severity::Low
        },
        score: 0.9,
        rules: vec!["post-stance".into()],
        first_seen: t,
        last_seen: t,
        deadline: t + chrono::Duration::days(7),
        signals: activities
            .iter()
            .map(|a| SignalKey {
                activity_id: (*a).into(),
                rule: "post-stance".into(),
                target: 3,
            })
            .collect(),
    }
}

/// A value bound into a tampering statement.
enum Bind {
    Int(i64),
    Text(String),
    Bytes(Vec<u8>),
}

/// Changes the database behind the store's back, as an attacker would.
async fn tamper(url: &str, sql: &str, args: &[Bind]) {
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let mut q = sqlx::query(sql);
    for a in args {
        q = match a {
            Bind::Int(n) => q.bind(*n),
            Bind::Text(t) => q.bind(t.clone()),
            Bind::Bytes(b) => q.bind(b.clone()),
        };
    }
    q.execute(&pool).await.unwrap();
    pool.close().await;
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

/// Runs `f` on a fresh SQLite store and on a fresh PostgreSQL database.
macro_rules! both_backends {
    ($sqlite:ident, $postgres:ident, $f:ident) => {
        #[tokio::test]
        async fn $sqlite() {
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open_in_dir(dir.path()).await.unwrap();
            let url = format!("sqlite://{}", dir.path().join("netra.db").display());
            $f(store, &url).await;
        }

        #[tokio::test]
        async fn $postgres() {
            let url = fresh_postgres_database().await;
            let dir = tempfile::tempdir().unwrap();
            let store = Store::open(&url)
                .await
                .unwrap()
                .with_evidence_dir(dir.path().join("evidence"));
            $f(store, &url).await;
        }
    };
}

both_backends!(sqlite_evidence, postgres_evidence, evidence_suite);
both_backends!(sqlite_audit, postgres_audit, audit_suite);
both_backends!(sqlite_cases, postgres_cases, case_suite);
both_backends!(sqlite_concurrency, postgres_concurrency, concurrency_suite);
both_backends!(sqlite_old_reasons, postgres_old_reasons, old_reasons_suite);
both_backends!(sqlite_pairs, postgres_pairs, election_pairs_suite);

/// A fictional election `e-1` whose pair 3 is `head – deputy`, next to pair 1.
fn election(head: &str, deputy: &str) -> netra_core::Election {
    let toml = format!(
        r#"
[election]
id = "e-1"
name = "Pemilihan Contoh"
region = "Contoh"
timezone = "Asia/Jakarta"

[election.timeline]
registration_start = 2024-08-27
candidate_determination = 2024-09-22
campaign_start = 2024-09-25
campaign_end = 2024-11-23
voting_day = 2024-11-27
monitoring_start = 2024-06-01
monitoring_end = 2024-12-31

[[candidates]]
number = 1
names = ["Satu Contoh", "Dua Contoh"]
aliases = []
hashtags = []
slogans = []
parties = []
accounts = []

[[candidates]]
number = 3
names = ["{head}", "{deputy}"]
aliases = []
hashtags = []
slogans = []
parties = []
accounts = []
"#
    );
    netra_core::Election::from_toml_str(&toml, "test.toml").unwrap()
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(ToString::to_string).collect()
}

/// An election's pairs are stored with it, re-stored idempotently, and name
/// the pair of its cases; without them a case has its number alone.
async fn election_pairs_suite(store: Store, url: &str) {
    seed(&store).await;
    store.sync_cases(&[draft(&["x:2"])], "rina").await.unwrap();
    // An election row as netra wrote it before pairs were kept.
    tamper(
        url,
        "INSERT INTO election (id, name, timezone, candidate_determination, voting_day, \
         monitoring_start, monitoring_end, updated_at) VALUES ('e-1', 'Lama', 'Asia/Jakarta', \
         '2024-09-22', '2024-11-27', '2024-06-01', '2024-12-31', '2024-06-01T00:00:00.000Z')",
        &[],
    )
    .await;
    let case = &store.cases(&CaseFilter::default()).await.unwrap()[0];
    assert_eq!((case.target, case.pair_names.len()), (3, 0), "no names yet");
    let detail = store.case(case.id).await.unwrap();
    assert!(detail.case.pair_names.is_empty() && detail.pairs.is_empty());

    store
        .upsert_election(&election("Tiga Contoh", "Empat Contoh"))
        .await
        .unwrap();
    let named = |names: &[&str]| {
        vec![
            StoredPair {
                number: 1,
                names: strings(&["Satu Contoh", "Dua Contoh"]),
            },
            StoredPair {
                number: 3,
                names: strings(names),
            },
        ]
    };
    assert_eq!(
        store.election_pairs("e-1").await.unwrap(),
        named(&["Tiga Contoh", "Empat Contoh"])
    );
    let case = &store.cases(&CaseFilter::default()).await.unwrap()[0];
    assert_eq!(case.pair_names, strings(&["Tiga Contoh", "Empat Contoh"]));
    let detail = store.case(case.id).await.unwrap();
    assert_eq!(detail.case.pair_names, case.pair_names);
    assert_eq!(detail.pairs, named(&["Tiga Contoh", "Empat Contoh"]));
    assert_eq!(store.elections().await.unwrap()[0].name, "Pemilihan Contoh");

    // The scan runs again: same pairs, nothing doubled; then new names.
    store
        .upsert_election(&election("Tiga Contoh", "Empat Contoh"))
        .await
        .unwrap();
    assert_eq!(
        store.election_pairs("e-1").await.unwrap(),
        named(&["Tiga Contoh", "Empat Contoh"])
    );
    store
        .upsert_election(&election("Tiga Baru", "Empat Baru"))
        .await
        .unwrap();
    assert_eq!(
        store.election_pairs("e-1").await.unwrap(),
        named(&["Tiga Baru", "Empat Baru"])
    );
    let case = &store.cases(&CaseFilter::default()).await.unwrap()[0];
    assert_eq!(case.pair_names, strings(&["Tiga Baru", "Empat Baru"]));
    assert!(store.election_pairs("other").await.unwrap().is_empty());
}

/// A database migrated by an older netra (through 0003) with an election
/// in it opens with the pairs migration applied and that election without
/// names, until it is stored again.
async fn upgrade_keeps_elections_without_names(url: &str, backend: &str) {
    sqlx::any::install_default_drivers();
    let old = tempfile::tempdir().unwrap();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(backend);
    for f in std::fs::read_dir(&dir).unwrap() {
        let f = f.unwrap();
        let name = f.file_name().to_string_lossy().into_owned();
        if name.as_str() < "0004" {
            std::fs::copy(f.path(), old.path().join(&name)).unwrap();
        }
    }
    let pool = sqlx::any::AnyPoolOptions::new()
        .max_connections(1)
        .connect(url)
        .await
        .unwrap();
    sqlx::migrate::Migrator::new(old.path())
        .await
        .unwrap()
        .run(&pool)
        .await
        .unwrap();
    pool.close().await;
    tamper(
        url,
        "INSERT INTO election (id, name, timezone, candidate_determination, voting_day, \
         monitoring_start, monitoring_end, updated_at) VALUES ('e-1', 'Lama', 'Asia/Jakarta', \
         '2024-09-22', '2024-11-27', '2024-06-01', '2024-12-31', '2024-06-01T00:00:00.000Z')",
        &[],
    )
    .await;

    let store = Store::open(url).await.unwrap();
    assert_eq!(store.elections().await.unwrap()[0].name, "Lama");
    assert!(store.election_pairs("e-1").await.unwrap().is_empty());
    seed(&store).await;
    store.sync_cases(&[draft(&["x:2"])], "rina").await.unwrap();
    let case = &store.cases(&CaseFilter::default()).await.unwrap()[0];
    assert!(case.pair_names.is_empty(), "{case:?}");
    store
        .upsert_election(&election("Tiga Contoh", "Empat Contoh"))
        .await
        .unwrap();
    let case = &store.cases(&CaseFilter::default()).await.unwrap()[0];
    assert_eq!(case.pair_names, strings(&["Tiga Contoh", "Empat Contoh"]));
    store.close().await;
}

#[tokio::test]
async fn sqlite_upgrade_keeps_elections_without_names() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("netra.db").display()
    );
    upgrade_keeps_elections_without_names(&url, "sqlite").await;
}

#[tokio::test]
async fn postgres_upgrade_keeps_elections_without_names() {
    upgrade_keeps_elections_without_names(&fresh_postgres_database().await, "postgres").await;
}

/// A signal stored by an older netra, whose reasons are a JSON array of
/// English sentences, still reads: each sentence as a `Note`.
async fn old_reasons_suite(store: Store, url: &str) {
    seed(&store).await;
    tamper(
        url,
        "UPDATE signal SET reasons = $1 WHERE activity_id = $2",
        &[
            Bind::Text(
                r#"["rule like-official: `like` on content by x:satu", "violation ETIK-02 — Title (PP 1)"]"#
                    .into(),
            ),
            Bind::Text("x:2".into()),
        ],
    )
    .await;
    let rows = store.signals("e-1").await.unwrap();
    assert_eq!(
        rows[0].reasons,
        vec![
            Reason::note("rule like-official: `like` on content by x:satu"),
            Reason::note("violation ETIK-02 — Title (PP 1)"),
        ]
    );
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

/// A file left by an import killed before its row committed is named by
/// `verify_evidence`, kept while it may still belong to a running import,
/// then removed (and logged) by a purge.
#[tokio::test]
async fn evidence_files_without_a_record_are_reported_then_purged() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).await.unwrap();
    seed(&store).await;
    let kept = store
        .add_evidence(&NewEvidence {
            kind: EvidenceKind::Screenshot,
            media_type: "image/png",
            bytes: b"\x89PNG kept",
            subject: "activity:x:1",
            source: "shots/1.png",
            captured_at: chrono::Utc::now(),
            importer: "test",
            user: "rina",
        })
        .await
        .unwrap();
    let stray_sha = sha256_hex(b"never committed");
    let shard = dir.path().join("evidence").join(&stray_sha[..2]);
    std::fs::create_dir_all(&shard).unwrap();
    let stray = shard.join(&stray_sha);
    std::fs::write(&stray, b"never committed").unwrap();

    let report = store.verify_evidence().await.unwrap();
    assert_eq!(report.problems.len(), 1, "{:?}", report.problems);
    let msg = report.problems[0].to_string();
    assert!(
        msg.contains(&stray_sha) && msg.contains("no record"),
        "{msg}"
    );

    let plan = PurgePlan {
        policy: serde_json::json!({"test": true}),
        ..PurgePlan::default()
    };
    let young = store.purge(&plan, "admin").await.unwrap();
    assert_eq!(
        young.stray_files, 0,
        "a fresh file may belong to a running import"
    );
    assert!(stray.exists());

    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(2 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&stray)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let purged = store.purge(&plan, "admin").await.unwrap();
    assert_eq!(purged.stray_files, 1);
    assert!(!stray.exists(), "the stray file is removed");
    assert!(store.verify_evidence().await.unwrap().is_intact());
    assert_eq!(
        sha256_hex(&store.evidence_bytes(&kept).await.unwrap()),
        kept,
        "referenced files stay"
    );
    let n = store.counts().await.unwrap().audit_entries;
    let last = store
        .audit_entries(i64::try_from(n).unwrap() - 1, 1)
        .await
        .unwrap();
    assert_eq!(last[0].subject, "evidence-files");
    assert!(last[0].detail.contains(&stray_sha), "{}", last[0].detail);
    assert!(store.verify_audit(None).await.unwrap().is_intact());
}

/// Web users, sessions and case notes: passwords hashed, tokens stored only
/// as hashes, disabled users and expired sessions locked out, the last admin
/// kept, every change audited without secrets, notes removed with their case.
async fn users_suite(store: Store, url: &str) {
    use netra_store::Role;
    let hour = chrono::Duration::hours(1);
    let admin = store
        .add_user("admin", Role::Admin, "rahasia-admin-1", "setup")
        .await
        .unwrap();
    assert_eq!((admin.role, admin.disabled), (Role::Admin, false));
    store
        .add_user("rina", Role::Analyst, "rahasia-rina-1", "admin")
        .await
        .unwrap();
    assert!(matches!(
        store
            .add_user("rina", Role::Reviewer, "rahasia-rina-2", "admin")
            .await,
        Err(StoreError::Invalid(_))
    ));
    assert!(store
        .add_user("x y", Role::Auditor, "rahasia-xy-12", "admin")
        .await
        .is_err());
    assert!(store
        .add_user("sari", Role::Auditor, "pendek", "admin")
        .await
        .is_err());
    let names: Vec<String> = store
        .users()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.name)
        .collect();
    assert_eq!(names, ["admin", "rina"]);

    assert!(store
        .login("rina", "salah-sekali", hour)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .login("nobody", "rahasia-rina-1", hour)
        .await
        .unwrap()
        .is_none());
    let s = store
        .login("rina", "rahasia-rina-1", hour)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.token.len(), 64);
    let live = store.session(&s.token).await.unwrap().unwrap();
    assert_eq!(
        (live.user.name.as_str(), live.user.role),
        ("rina", Role::Analyst)
    );
    assert_eq!(live.csrf, s.session.csrf);
    assert!(store.session("not-a-token").await.unwrap().is_none());
    assert!(store.session("").await.unwrap().is_none());

    // Neither the password nor the token is in the database.
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let hash: String = sqlx::query_scalar("SELECT password_hash FROM app_user WHERE name = 'rina'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(
        hash.starts_with("$argon2id$") && !hash.contains("rahasia"),
        "{hash}"
    );
    let tokens: Vec<String> = sqlx::query_scalar("SELECT token_sha256 FROM web_session")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(tokens, [sha256_hex(s.token.as_bytes())]);

    // An expired session is no session.
    let old = store
        .login("rina", "rahasia-rina-1", chrono::Duration::seconds(-1))
        .await
        .unwrap()
        .unwrap();
    assert!(store.session(&old.token).await.unwrap().is_none());

    // Disabling ends the sessions and stops logins; enabling lets in again.
    store
        .set_user_disabled("rina", true, "admin")
        .await
        .unwrap();
    assert!(store.session(&s.token).await.unwrap().is_none());
    assert!(store
        .login("rina", "rahasia-rina-1", hour)
        .await
        .unwrap()
        .is_none());
    store
        .set_user_disabled("rina", false, "admin")
        .await
        .unwrap();
    let s = store
        .login("rina", "rahasia-rina-1", hour)
        .await
        .unwrap()
        .unwrap();
    store
        .set_user_password("rina", "rahasia-baru-22", "admin")
        .await
        .unwrap();
    assert!(
        store.session(&s.token).await.unwrap().is_none(),
        "a new password ends sessions"
    );
    let s = store
        .login("rina", "rahasia-baru-22", hour)
        .await
        .unwrap()
        .unwrap();
    store.logout(&s.token).await.unwrap();
    assert!(store.session(&s.token).await.unwrap().is_none());
    store.logout(&s.token).await.unwrap();
    assert!(
        matches!(
            store.set_user_disabled("admin", true, "admin").await,
            Err(StoreError::Invalid(_))
        ),
        "the last admin stays"
    );
    assert!(matches!(
        store.set_user_disabled("ghost", true, "admin").await,
        Err(StoreError::NotFound(_))
    ));

    // Notes on a case, audited by hash; gone with the case when it is purged.
    seed(&store).await;
    store.sync_cases(&[draft(&["x:2"])], "rina").await.unwrap();
    let id = store.cases(&CaseFilter::default()).await.unwrap()[0].id;
    let note = store
        .add_case_note(id, "rina", "  cek akun kedua  ")
        .await
        .unwrap();
    assert_eq!(note.text, "cek akun kedua");
    assert!(store.add_case_note(id, "rina", "   ").await.is_err());
    assert!(matches!(
        store.add_case_note(id + 100, "rina", "x").await,
        Err(StoreError::NotFound(_))
    ));
    let notes = store.case_notes(id).await.unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].author.as_str(), notes[0].case_id), ("rina", id));

    let log = store.audit_entries(0, 1_000).await.unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "user.add",
        "auth.fail",
        "auth.login",
        "user.disable",
        "user.enable",
        "user.password",
        "auth.logout",
        "case.note",
    ] {
        assert!(actions.contains(&a), "{a} missing from {actions:?}");
    }
    assert_eq!(
        log.iter().filter(|e| e.action == "auth.fail").count(),
        2,
        "a wrong password and a disabled user are logged; an unknown name is not"
    );
    for e in &log {
        for secret in ["rahasia", "cek akun", &s.token] {
            assert!(!e.detail.contains(secret), "{secret} in {e:?}");
        }
    }
    assert!(store.verify_audit(None).await.unwrap().is_intact());

    // Dismiss and purge the case: its note goes with it.
    let v = store.case(id).await.unwrap().case.version;
    store
        .move_case(&CaseMove {
            case_id: id,
            expected_version: v,
            to: CaseState::Dismissed,
            actor: "hendra".into(),
            reason: "bukan pelanggaran".into(),
            clarification: None,
        })
        .await
        .unwrap();
    let plan = PurgePlan {
        case_ids: vec![id],
        activity_ids: vec![],
        public_report_ids: vec![],
        policy: serde_json::json!({}),
    };
    store.purge(&plan, "admin").await.unwrap();
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM case_note")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(left, 0);
    pool.close().await;
}

both_backends!(sqlite_users, postgres_users, users_suite);

/// Failed logins per name (known or not) and per address: counted within
/// the window, locked at the limit and logged once, forgotten after a
/// success; sessions end when unused for the idle time, and their last-seen
/// time is written at most once a minute.
async fn throttle_suite(store: Store, url: &str) {
    use chrono::{Duration, SecondsFormat, Utc};
    use netra_store::{LoginThrottle, Role};
    let hour = Duration::hours(1);
    let policy = LoginThrottle {
        max_user_failures: 3,
        max_addr_failures: 6,
        ..LoginThrottle::default()
    };
    store
        .add_user("rina", Role::Analyst, "rahasia-rina-1", "setup")
        .await
        .unwrap();
    let addr = Some("10.0.0.7");
    assert_eq!(store.login_locked_until("rina", addr).await.unwrap(), None);

    // Two failures, then a success: the name's count starts again.
    for n in 1..=2 {
        let f = store.login_failed("rina", addr, &policy).await.unwrap();
        assert_eq!((f.user_failures, f.locked_until), (n, None));
    }
    assert!(store
        .login("rina", "rahasia-rina-1", hour)
        .await
        .unwrap()
        .is_some());
    let f = store.login_failed("rina", addr, &policy).await.unwrap();
    assert_eq!(f.user_failures, 1, "a success resets the name's count");
    let f = store.login_failed("rina", addr, &policy).await.unwrap();
    assert_eq!(f.user_failures, 2);
    // The third locks the name for the lockout time.
    let f = store.login_failed("rina", addr, &policy).await.unwrap();
    let until = f.locked_until.expect("locked");
    let left = until - Utc::now();
    assert!(
        left > Duration::minutes(14) && left <= Duration::minutes(15),
        "{left}"
    );
    assert_eq!(
        store.login_locked_until("rina", None).await.unwrap(),
        Some(until)
    );
    assert_eq!(
        store
            .login_locked_until("hendra", Some("10.0.0.8"))
            .await
            .unwrap(),
        None,
        "other names and addresses are free"
    );

    // An unknown name is counted and locked exactly like a known one.
    for _ in 0..2 {
        assert_eq!(
            store
                .login_failed("ghost", Some("10.0.0.9"), &policy)
                .await
                .unwrap()
                .locked_until,
            None
        );
    }
    assert!(store
        .login_failed("ghost", Some("10.0.0.9"), &policy)
        .await
        .unwrap()
        .locked_until
        .is_some());

    // Six failures from one address under different names lock the address.
    for (i, name) in ["a1", "a2", "a3", "a4", "a5"].iter().enumerate() {
        let f = store
            .login_failed(name, Some("10.0.0.10"), &policy)
            .await
            .unwrap();
        assert_eq!(f.locked_until, None, "failure {}", i + 1);
    }
    let f = store
        .login_failed("a6", Some("10.0.0.10"), &policy)
        .await
        .unwrap();
    assert!(f.locked_until.is_some());
    assert!(store
        .login_locked_until("anyone", Some("10.0.0.10"))
        .await
        .unwrap()
        .is_some());

    // Lockouts are logged once each, by name or address.
    let log = store.audit_entries(0, 1_000).await.unwrap();
    let lockouts: Vec<&str> = log
        .iter()
        .filter(|e| e.action == "auth.lockout")
        .map(|e| e.subject.as_str())
        .collect();
    assert_eq!(lockouts, ["user:rina", "user:ghost", "addr:10.0.0.10"]);
    assert!(store.verify_audit(None).await.unwrap().is_intact());

    // An admin lifts a name's lockout early, once; the address lock stays.
    let ghost_until = store
        .login_locked_until("ghost", None)
        .await
        .unwrap()
        .expect("ghost locked");
    assert_eq!(
        store.unlock_login("ghost", "admin1").await.unwrap(),
        Some(ghost_until)
    );
    assert_eq!(store.login_locked_until("ghost", None).await.unwrap(), None);
    assert!(store
        .login_locked_until("ghost", Some("10.0.0.10"))
        .await
        .unwrap()
        .is_some());
    let f = store
        .login_failed("ghost", Some("10.0.0.9"), &policy)
        .await
        .unwrap();
    assert_eq!(f.user_failures, 1, "the name's count starts again");
    assert_eq!(store.unlock_login("ghost", "admin1").await.unwrap(), None);
    assert_eq!(store.unlock_login("nobody", "admin1").await.unwrap(), None);
    let log = store.audit_entries(0, 1_000).await.unwrap();
    let unlocks: Vec<(&str, &str)> = log
        .iter()
        .filter(|e| e.action == "user.unlock")
        .map(|e| (e.actor.as_str(), e.subject.as_str()))
        .collect();
    assert_eq!(
        unlocks,
        [("admin1", "user:ghost")],
        "only a lifted lock is logged"
    );
    assert!(store.verify_audit(None).await.unwrap().is_intact());

    // Failures older than the window are forgotten; an ended lock frees
    // the name.
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let stamp = |d: Duration| (Utc::now() - d).to_rfc3339_opts(SecondsFormat::Millis, true);
    sqlx::query("UPDATE login_throttle SET locked_until = $1 WHERE key = 'user:rina'")
        .bind(stamp(Duration::seconds(1)))
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(store.login_locked_until("rina", None).await.unwrap(), None);
    store.login_failed("hendra", None, &policy).await.unwrap();
    sqlx::query("UPDATE login_throttle SET window_start = $1 WHERE key = 'user:hendra'")
        .bind(stamp(Duration::minutes(16)))
        .execute(&pool)
        .await
        .unwrap();
    let f = store.login_failed("hendra", None, &policy).await.unwrap();
    assert_eq!(f.user_failures, 1, "outside the window it starts again");

    // Idle sessions.
    let idle = Duration::minutes(30);
    let s = store
        .login("rina", "rahasia-rina-1", hour)
        .await
        .unwrap()
        .unwrap();
    let sha = sha256_hex(s.token.as_bytes());
    let seen = || async {
        sqlx::query_scalar::<_, String>(
            "SELECT last_seen_at FROM web_session WHERE token_sha256 = $1",
        )
        .bind(&sha)
        .fetch_one(&pool)
        .await
        .unwrap()
    };
    let set_seen = |d: Duration| {
        let pool = &pool;
        let sha = &sha;
        async move {
            sqlx::query("UPDATE web_session SET last_seen_at = $1 WHERE token_sha256 = $2")
                .bind(stamp(d))
                .bind(sha)
                .execute(pool)
                .await
                .unwrap();
        }
    };
    assert!(store
        .active_session(&s.token, idle)
        .await
        .unwrap()
        .is_some());
    // Used 30 seconds ago: not written again.
    set_seen(Duration::seconds(30)).await;
    let before = seen().await;
    assert!(store
        .active_session(&s.token, idle)
        .await
        .unwrap()
        .is_some());
    assert_eq!(seen().await, before, "at most one write a minute");
    // Used 2 minutes ago: moved to now.
    set_seen(Duration::minutes(2)).await;
    let before = seen().await;
    assert!(store
        .active_session(&s.token, idle)
        .await
        .unwrap()
        .is_some());
    assert!(seen().await > before);
    // Unused for 31 minutes: ended for the web app.
    set_seen(Duration::minutes(31)).await;
    assert!(store
        .active_session(&s.token, idle)
        .await
        .unwrap()
        .is_none());
    assert!(store
        .active_session(&s.token, Duration::minutes(60))
        .await
        .unwrap()
        .is_some());
    // Sessions from before migration 0006 count from their creation.
    sqlx::query("UPDATE web_session SET last_seen_at = NULL WHERE token_sha256 = $1")
        .bind(&sha)
        .execute(&pool)
        .await
        .unwrap();
    assert!(store
        .active_session(&s.token, idle)
        .await
        .unwrap()
        .is_some());
    pool.close().await;
}

both_backends!(sqlite_throttle, postgres_throttle, throttle_suite);

/// Text read in images (OCR): cached by hash and engine, the first reading
/// kept, and gone when a purge removes the image's evidence.
async fn ocr_suite(store: Store, _url: &str) {
    seed(&store).await;
    let png = b"\x89PNG poster bytes";
    let sha = store
        .add_evidence(&NewEvidence {
            kind: EvidenceKind::Image,
            media_type: "image/png",
            bytes: png,
            subject: "activity:x:1",
            source: "img/poster.png",
            captured_at: chrono::Utc::now(),
            importer: "test",
            user: "rina",
        })
        .await
        .unwrap();
    let engine = "tesseract ind+eng";
    assert_eq!(store.ocr_text(&sha, engine).await.unwrap(), None);
    store.put_ocr_text(&sha, engine, "Coblos 03").await.unwrap();
    store
        .put_ocr_text(&sha, engine, "another reading")
        .await
        .unwrap();
    assert_eq!(
        store.ocr_text(&sha, engine).await.unwrap().as_deref(),
        Some("Coblos 03"),
        "the first reading stays"
    );
    assert_eq!(
        store.ocr_text(&sha, "tesseract eng").await.unwrap(),
        None,
        "another language set reads again"
    );
    store.put_ocr_text(&sha, "tesseract eng", "").await.unwrap();
    assert_eq!(store.ocr_text_count().await.unwrap(), 2);

    // Purging the activity removes its image and what was read in it.
    let stats = store
        .purge(
            &PurgePlan {
                activity_ids: vec!["x:1".into()],
                policy: serde_json::json!({"test": true}),
                ..PurgePlan::default()
            },
            "admin",
        )
        .await
        .unwrap();
    assert_eq!(stats.activities, 1);
    assert_eq!(store.ocr_text(&sha, engine).await.unwrap(), None);
    assert_eq!(store.ocr_text_count().await.unwrap(), 0);
}

both_backends!(sqlite_ocr, postgres_ocr, ocr_suite);

/// A tiny PNG (the header is all the store needs to see).
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-test-image";

async fn public_reports_suite(store: Store, url: &str) {
    use netra_store::{
        tracking_code_sha256, NewPublicReport, ReportAction, ReportScreenshot, ReportState,
    };
    let code = "ABCDE-FGHJK-MNPQR-STVWX";
    let links = vec!["https://x.example/status/9".to_string()];
    let first = store
        .submit_public_report(&NewPublicReport {
            code,
            what: "  Pose dua jari dan tagar paslon.  ",
            links: &links,
            person: Some("@budi"),
            contact: Some("pelapor@example.org"),
            screenshot: Some(ReportScreenshot {
                bytes: PNG,
                media_type: "image/png",
            }),
        })
        .await
        .unwrap();
    // Refused: no text, too many links, a short code.
    for (what, links, code) in [
        ("  ", vec![], "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ"),
        (
            "x",
            vec!["https://a".to_string(); 11],
            "ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ",
        ),
        ("x", vec![], "SHORT"),
    ] {
        let err = store
            .submit_public_report(&NewPublicReport {
                code,
                what,
                links: &links,
                person: None,
                contact: None,
                screenshot: None,
            })
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{err}");
    }

    // The code is stored only as its hash: a database reader cannot find it.
    let pool = sqlx::AnyPool::connect(url).await.unwrap();
    let stored: Vec<String> = sqlx::query_scalar("SELECT code_sha256 FROM public_report")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert_eq!(stored, vec![tracking_code_sha256(code)]);
    assert!(!stored[0].contains("ABCDE"));

    // The status: date, state, message; case and dashes do not matter.
    let s = store
        .public_report_status("abcde fghjk mnpqr stvwx")
        .await
        .unwrap()
        .unwrap();
    assert_eq!((s.state, s.public_message), (ReportState::Received, None));
    assert!(store
        .public_report_status("ABCDE-FGHJK-MNPQR-STVWY")
        .await
        .unwrap()
        .is_none());

    // Staff: list, view, moves.
    let second = store
        .submit_public_report(&NewPublicReport {
            code: "22222-22222-22222-22222",
            what: "Komentar mendukung paslon 3",
            links: &links,
            person: None,
            contact: None,
            screenshot: None,
        })
        .await
        .unwrap();
    let all = store.list_public_reports(None, "rina").await.unwrap();
    assert_eq!(
        all.iter().map(|r| r.id).collect::<Vec<_>>(),
        vec![second, first],
        "newest first"
    );
    let r = store.view_public_report(first, "rina").await.unwrap();
    assert_eq!(r.what, "Pose dua jari dan tagar paslon.", "trimmed");
    assert_eq!(r.contact.as_deref(), Some("pelapor@example.org"));
    assert_eq!(
        r.screenshot_sha256.as_deref(),
        Some(sha256_hex(PNG).as_str())
    );
    let (bytes, media) = store.public_report_screenshot(first, "rina").await.unwrap();
    assert_eq!((bytes.as_slice(), media.as_str()), (PNG, "image/png"));

    let r = store
        .act_on_public_report(first, &ReportAction::Review, "rina")
        .await
        .unwrap();
    assert_eq!(r.state, ReportState::InReview);
    let again = store
        .act_on_public_report(first, &ReportAction::Review, "rina")
        .await
        .unwrap_err();
    assert!(
        matches!(again, StoreError::ReportNotAllowed { .. }),
        "{again}"
    );
    assert_eq!(
        store
            .list_public_reports(Some(ReportState::InReview), "rina")
            .await
            .unwrap()
            .len(),
        1
    );

    // Linking needs a case; the screenshot then joins its evidence.
    let missing = store
        .act_on_public_report(first, &ReportAction::Link { case_id: 999 }, "rina")
        .await
        .unwrap_err();
    assert!(matches!(missing, StoreError::NotFound(_)), "{missing}");
    seed(&store).await;
    store.sync_cases(&[draft(&["x:2"])], "rina").await.unwrap();
    let case_id = store.cases(&CaseFilter::default()).await.unwrap()[0].id;
    let r = store
        .act_on_public_report(first, &ReportAction::Link { case_id }, "hendra")
        .await
        .unwrap();
    assert_eq!(
        (r.state, r.case_id),
        (ReportState::Forwarded, Some(case_id))
    );
    let evidence = store
        .evidence_for(&format!("case:{case_id}"))
        .await
        .unwrap();
    assert_eq!(evidence.len(), 1);
    assert_eq!(evidence[0].sha256, sha256_hex(PNG));
    // The case's documents cite it by number, date and hash.
    let refs = store.public_report_refs_of_case(case_id).await.unwrap();
    assert_eq!(refs.len(), 1);
    assert_eq!(
        (refs[0].id, refs[0].screenshot_sha256.as_deref()),
        (first, Some(&*sha256_hex(PNG)))
    );
    assert!(!refs[0].received_at.is_empty());
    assert!(store
        .public_report_refs_of_case(case_id + 1)
        .await
        .unwrap()
        .is_empty());

    // Closing drops the contact and shows the message.
    let r = store
        .act_on_public_report(
            first,
            &ReportAction::Close {
                message: "Sudah diteruskan ke Bawaslu.".into(),
            },
            "hendra",
        )
        .await
        .unwrap();
    assert_eq!((r.state, r.contact), (ReportState::Closed, None));
    let s = store.public_report_status(code).await.unwrap().unwrap();
    assert_eq!(s.state, ReportState::Closed);
    assert_eq!(
        s.public_message.as_deref(),
        Some("Sudah diteruskan ke Bawaslu.")
    );
    let contacts: Vec<Option<String>> = sqlx::query_scalar("SELECT contact FROM public_report")
        .fetch_all(&pool)
        .await
        .unwrap();
    assert!(contacts.iter().all(Option::is_none), "{contacts:?}");

    // The audit log names every step, with ids and hashes, never content.
    let log = store
        .search_audit(&netra_store::AuditQuery {
            action: Some("public_report".into()),
            limit: 100,
            ..netra_store::AuditQuery::default()
        })
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for a in [
        "public_report.submit",
        "public_report.status",
        "public_report.view",
        "public_report.screenshot",
        "public_report.review",
        "public_report.link",
        "public_report.close",
    ] {
        assert!(actions.contains(&a), "{a} in {actions:?}");
    }
    for e in &log {
        for secret in ["pelapor@example.org", "Pose dua jari", "@budi", "Bawaslu"] {
            assert!(!e.detail.contains(secret), "{secret} in {}", e.detail);
        }
    }

    // Purge: the report that joined no case goes with its evidence; the
    // linked one stays.
    assert_eq!(
        store
            .public_reports_without_case()
            .await
            .unwrap()
            .iter()
            .map(|r| r.0)
            .collect::<Vec<_>>(),
        vec![second]
    );
    let stats = store
        .purge(
            &PurgePlan {
                public_report_ids: vec![second],
                policy: serde_json::json!({"test": true}),
                ..PurgePlan::default()
            },
            "admin",
        )
        .await
        .unwrap();
    assert_eq!(stats.public_reports, 1);
    let left = store.list_public_reports(None, "rina").await.unwrap();
    assert_eq!(left.iter().map(|r| r.id).collect::<Vec<_>>(), vec![first]);
    // A purged case takes its reports and their screenshot with it.
    store
        .purge(
            &PurgePlan {
                case_ids: vec![case_id],
                policy: serde_json::json!({"test": true}),
                ..PurgePlan::default()
            },
            "admin",
        )
        .await
        .unwrap();
    assert!(store
        .list_public_reports(None, "rina")
        .await
        .unwrap()
        .is_empty());
    assert!(matches!(
        store.evidence_bytes(&sha256_hex(PNG)).await.unwrap_err(),
        StoreError::NotFound(_)
    ));
    assert!(store.verify_audit(None).await.unwrap().is_intact());
    assert!(store.verify_evidence().await.unwrap().is_intact());

    // Requests from one address are counted, per kind and address.
    let hour = chrono::Duration::hours(1);
    for _ in 0..2 {
        assert_eq!(
            store
                .count_public_request("report", Some("10.0.0.9"), 2, hour)
                .await
                .unwrap(),
            None
        );
    }
    let until = store
        .count_public_request("report", Some("10.0.0.9"), 2, hour)
        .await
        .unwrap()
        .expect("the third is refused");
    assert!(until > chrono::Utc::now() + chrono::Duration::minutes(59));
    assert_eq!(
        store
            .count_public_request("report", Some("10.0.0.10"), 2, hour)
            .await
            .unwrap(),
        None,
        "another address"
    );
    assert_eq!(
        store
            .count_public_request("status", Some("10.0.0.9"), 2, hour)
            .await
            .unwrap(),
        None,
        "another kind"
    );
    pool.close().await;
}

both_backends!(
    sqlite_public_reports,
    postgres_public_reports,
    public_reports_suite
);
