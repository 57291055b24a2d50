//! The web app and API through axum's router with `oneshot`, on a fresh
//! SQLite store per test: login, roles, CSRF, audit entries for views and
//! actions, filters in the URL, Indonesian and English rendering, exports,
//! the OpenAPI document, and bad input answered with clear words.

#![allow(
    clippy::too_many_lines,
    reason = "each test is one scenario, read top to bottom"
)]

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt as _;
use netra_core::{
    AccountRef, Activity, AsnRecord, CaseClass, CaseState, Label, Nip, Platform, Reason, Severity,
    Signal, Term,
};
use netra_store::{CaseDraft, CaseFilter, ImportMeta, Role, SignalKey, Store};
use tower::ServiceExt as _;

const NIP_BUDI: &str = "198503152010011001";
const NIP_SARI: &str = "199001012015032002";

struct App {
    router: Router,
    store: Store,
    dir: tempfile::TempDir,
}

struct Reply {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: String,
    bytes: Vec<u8>,
}

impl Reply {
    fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| panic!("{e}: {}", self.body))
    }

    fn location(&self) -> &str {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
}

fn election() -> netra_core::Election {
    netra_core::Election::from_toml_str(
        r#"
[election]
id = "e-1"
name = "Pemilihan Contoh 2024"
region = "Contoh"
timezone = "Asia/Jakarta"

[election.timeline]
candidate_determination = 2024-09-22
campaign_start = 2024-09-25
campaign_end = 2024-11-23
voting_day = 2024-11-27

[[candidates]]
number = 1
names = ["Satu Contoh", "Dua Contoh"]

[[candidates]]
number = 2
names = ["Tiga Contoh", "Empat Contoh"]

[[candidates]]
number = 3
names = ["Lima Contoh", "Enam Contoh"]
"#,
        "test.toml",
    )
    .unwrap()
}

fn asn(nip: &str, name: &str, unit: &str, handle: &str) -> AsnRecord {
    AsnRecord {
        nip: Nip::parse(nip).unwrap(),
        name: name.into(),
        position: "Analis Kebijakan".into(),
        unit: unit.into(),
        accounts: vec![AccountRef {
            platform: Platform::X,
            handle: handle.into(),
        }],
    }
}

fn activity(id: &str, account: &str, text: &str) -> Activity {
    serde_json::from_value(serde_json::json!({
        "id": id, "platform": "x", "account": account, "kind": "post",
        "text": text, "created_at": "2024-10-01T08:00:00+07:00",
        // Imported data is not trusted: this must never become a link.
        "url": if id == "x:1" { "javascript:alert(1)" } else { "https://x.example/status/1" }
    }))
    .unwrap()
}

fn signal(activity_id: &str, account: &str, target: u32, label: Label) -> Signal {
    Signal {
        activity_id: activity_id.into(),
        account_key: account.into(),
        label,
        target,
        score: 0.91,
        rule: "post-stance".into(),
        reasons: vec![Reason::Matched {
            terms: vec![Term {
                kind: "hashtag".into(),
                text: "#ContohMenang".into(),
                pair: target,
                sure: true,
            }],
        }],
    }
}

fn draft(nip: &str, activity_id: &str, target: u32, label: Label) -> CaseDraft {
    let t = chrono::DateTime::parse_from_rfc3339("2024-10-01T01:00:00Z")
        .unwrap()
        .to_utc();
    CaseDraft {
        election_id: "e-1".into(),
        nip: nip.into(),
        target,
        label,
        class: CaseClass::Discipline,
        severity: Severity::Medium,
        score: 0.91,
        rules: vec!["DISIPLIN-01".into()],
        first_seen: t,
        last_seen: t,
        deadline: t + chrono::Duration::days(7),
        signals: vec![SignalKey {
            activity_id: activity_id.into(),
            rule: "post-stance".into(),
            target,
        }],
    }
}

/// A store with two cases (Budi: pair 1, oppose; Sari: pair 3, support),
/// opened by `system`, and one user per role.
async fn app() -> App {
    app_with(netra_web::WebConfig::default()).await
}

/// As [`app`], with an idle timeout and login throttling of the test's own.
async fn app_with(config: netra_web::WebConfig) -> App {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).await.unwrap();
    store.upsert_election(&election()).await.unwrap();
    store
        .upsert_registry(
            &[
                asn(NIP_BUDI, "Budi Contoh", "Dinas Pendidikan", "budi"),
                asn(NIP_SARI, "Sari Contoh", "Dinas Kesehatan", "sari"),
            ],
            "system",
        )
        .await
        .unwrap();
    let meta = ImportMeta {
        source: "test.jsonl",
        importer: "test",
        user: "system",
    };
    store
        .insert_activities(
            &[
                activity("x:1", "budi", "jangan pilih nomor 1"),
                activity("x:2", "sari", "coblos 3 ya gaes #ContohMenang"),
            ],
            &meta,
        )
        .await
        .unwrap();
    store
        .insert_signals(
            "e-1",
            &[
                signal("x:1", "x:budi", 1, Label::Oppose),
                signal("x:2", "x:sari", 3, Label::Support),
            ],
            "system",
        )
        .await
        .unwrap();
    store
        .sync_cases(
            &[
                draft(NIP_BUDI, "x:1", 1, Label::Oppose),
                draft(NIP_SARI, "x:2", 3, Label::Support),
            ],
            "system",
        )
        .await
        .unwrap();
    for (name, role) in [
        ("admin", Role::Admin),
        ("rina", Role::Analyst),
        ("hendra", Role::Reviewer),
        ("dewi", Role::Reviewer),
        ("ibu.sari", Role::Auditor),
    ] {
        store
            .add_user(name, role, "kata-sandi-panjang", "setup")
            .await
            .unwrap();
    }
    let state = netra_web::AppState::with_config(
        store.clone(),
        dir.path().to_path_buf(),
        netra_core::Catalogue::bundled().unwrap(),
        config,
    );
    App {
        router: netra_web::router(state),
        store,
        dir,
    }
}

/// A session of `name`: (cookie header, csrf, bearer token).
async fn session(app: &App, name: &str) -> (String, String, String) {
    let s = app
        .store
        .login(name, "kata-sandi-panjang", chrono::Duration::hours(1))
        .await
        .unwrap()
        .unwrap();
    (
        format!("netra_session={}", s.token),
        s.session.csrf,
        s.token,
    )
}

async fn send(app: &App, req: Request<Body>) -> Reply {
    let resp = app.router.clone().oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let bytes = resp
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body: String::from_utf8_lossy(&bytes).into_owned(),
        bytes,
    }
}

fn get(uri: &str, cookie: &str) -> Request<Body> {
    Request::get(uri)
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap()
}

fn post_form(uri: &str, cookie: &str, form: &[(&str, &str)]) -> Request<Body> {
    Request::post(uri)
        .header(header::COOKIE, cookie)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(serde_urlencoded::to_string(form).unwrap()))
        .unwrap()
}

fn post_json(uri: &str, auth: (&str, &str), body: &serde_json::Value) -> Request<Body> {
    Request::post(uri)
        .header(auth.0, auth.1)
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(body.to_string()))
        .unwrap()
}

async fn case_id(app: &App, nip: &str) -> i64 {
    app.store
        .cases(&CaseFilter {
            nip: Some(nip.into()),
            ..CaseFilter::default()
        })
        .await
        .unwrap()[0]
        .id
}

async fn state_of(app: &App, id: i64) -> CaseState {
    app.store.case(id).await.unwrap().case.state
}

/// Audit entries as (actor, action, subject).
async fn audit(app: &App) -> Vec<(String, String, String)> {
    app.store
        .audit_entries(0, 10_000)
        .await
        .unwrap()
        .into_iter()
        .map(|e| (e.actor, e.action, e.subject))
        .collect()
}

fn has(log: &[(String, String, String)], actor: &str, action: &str, subject: &str) -> bool {
    log.iter()
        .any(|(a, x, s)| a == actor && x == action && (subject.is_empty() || s == subject))
}

#[tokio::test]
async fn without_login_pages_go_to_the_login_page_and_the_api_answers_401() {
    let app = app().await;
    let r = send(&app, get("/cases?state=new", "")).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/login?next=/cases%3Fstate%3Dnew");
    let r = send(&app, get("/cases/1", "netra_session=forged")).await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "a forged token is no session"
    );
    let r = send(&app, get("/api/cases", "")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert_eq!(r.json()["error"]["code"], "unauthenticated");
    assert_eq!(r.json()["error"]["message"], "Silakan masuk dulu.");
    let r = send(&app, get("/export/cases.csv", "")).await;
    assert_eq!(
        r.status,
        StatusCode::SEE_OTHER,
        "downloads need a login too"
    );
    let r = send(&app, get("/login", "")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Kata sandi"), "{}", r.body);
    // The OpenAPI document needs no login and holds no data.
    assert_eq!(
        send(&app, get("/api/openapi.json", "")).await.status,
        StatusCode::OK
    );
    // Nobody was logged as seeing anything.
    assert!(!audit(&app)
        .await
        .iter()
        .any(|(_, a, _)| a == "case.view" || a == "cases.list"));
}

#[tokio::test]
async fn the_login_form_checks_its_token_and_sets_a_strict_httponly_cookie() {
    let app = app().await;
    let page = send(&app, get("/login?next=/cases", "")).await;
    let set = page
        .headers
        .get(header::SET_COOKIE)
        .unwrap()
        .to_str()
        .unwrap();
    let nonce = set
        .strip_prefix("netra_login=")
        .and_then(|s| s.split(';').next())
        .unwrap()
        .to_string();
    assert!(page.body.contains(&nonce));
    let cookie = format!("netra_login={nonce}");
    let form = |pw: &'static str, token: String| {
        vec![
            ("name", "rina".to_string()),
            ("password", pw.to_string()),
            ("csrf", token),
            ("next", "/cases".to_string()),
        ]
    };
    let to_req = |f: Vec<(&str, String)>, c: &str| {
        Request::post("/login")
            .header(header::COOKIE, c)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(serde_urlencoded::to_string(f).unwrap()))
            .unwrap()
    };
    // Without the form's token (a login CSRF): refused.
    let r = send(
        &app,
        to_req(form("kata-sandi-panjang", "other".into()), &cookie),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("Muat ulang halaman"), "{}", r.body);
    // A wrong password: the form again with clear words.
    let r = send(&app, to_req(form("salah-sekali!", nonce.clone()), &cookie)).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    assert!(r.body.contains("Nama atau kata sandi salah"), "{}", r.body);
    let r = send(
        &app,
        to_req(form("kata-sandi-panjang", nonce.clone()), &cookie),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), "/cases");
    let set = r.headers.get(header::SET_COOKIE).unwrap().to_str().unwrap();
    assert!(set.starts_with("netra_session="), "{set}");
    for attr in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(set.contains(attr), "{attr} missing: {set}");
    }
    let session = set.split(';').next().unwrap().to_string();
    let r = send(&app, get("/cases", &session)).await;
    assert_eq!(r.status, StatusCode::OK);
    let log = audit(&app).await;
    assert!(has(&log, "rina", "auth.fail", "user:rina"));
    assert!(has(&log, "rina", "auth.login", "user:rina"));

    // Logging out ends the session.
    let csrf = app
        .store
        .session(session.trim_start_matches("netra_session="))
        .await
        .unwrap()
        .unwrap()
        .csrf;
    let r = send(&app, post_form("/logout", &session, &[("csrf", &csrf)])).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        send(&app, get("/cases", &session)).await.status,
        StatusCode::SEE_OTHER
    );
    assert!(has(&audit(&app).await, "rina", "auth.logout", ""));
}

#[tokio::test]
async fn a_case_page_shows_the_evidence_and_reasons_in_indonesian_and_logs_the_view() {
    let app = app().await;
    let (cookie, _, _) = session(&app, "hendra").await;
    let id = case_id(&app, NIP_SARI).await;
    let r = send(&app, get(&format!("/cases/{id}"), &cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    for want in [
        "Sari Contoh",
        NIP_SARI,
        "Dinas Kesehatan",
        "03 Lima Contoh – Enam Contoh",
        "dukung",
        "coblos 3 ya gaes #ContohMenang",
        "#ContohMenang",
        "Tenggat laporan",
        "8 Oktober 2024 08.00 WIB",
        "1 Oktober 2024 08.00 WIB",
        "utuh",
        "DISIPLIN-01",
        "Dasar hukum",
        "Riwayat",
        "dibuka dari 1 sinyal",
        "Simpan keputusan",
    ] {
        assert!(r.body.contains(want), "{want:?} missing from the case page");
    }
    assert!(!r.body.contains("<script"), "no script on any page");
    assert!(r.body.contains(r#"<a href="https://x.example/status/1""#));
    let csp = r.headers[header::CONTENT_SECURITY_POLICY].to_str().unwrap();
    assert!(
        csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(r.headers[header::X_FRAME_OPTIONS], "DENY");
    assert_eq!(
        r.headers[header::CACHE_CONTROL],
        "no-store",
        "case pages are not cached"
    );
    let budi = send(
        &app,
        get(
            &format!("/cases/{}", case_id(&app, NIP_BUDI).await),
            &cookie,
        ),
    )
    .await;
    assert!(budi.body.contains("javascript:alert(1)"), "shown as text");
    assert!(!budi.body.contains(r#"href="javascript"#), "never a link");
    let log = audit(&app).await;
    assert!(has(&log, "hendra", "case.view", &format!("case:{id}")));

    // English on request.
    let r = send(
        &app,
        get(&format!("/cases/{id}"), &format!("{cookie}; netra_lang=en")),
    )
    .await;
    for want in [
        "Reporting deadline",
        "8 October 2024, 08:00 WIB",
        "support",
        "intact",
        "Record the decision",
    ] {
        assert!(
            r.body.contains(want),
            "{want:?} missing from the English page"
        );
    }

    // The API's view of the case is logged too.
    let (_, _, token) = session(&app, "ibu.sari").await;
    let r = send(
        &app,
        Request::get(format!("/api/cases/{id}"))
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let j = r.json();
    assert_eq!(j["nip"], NIP_SARI);
    assert_eq!(
        j["signals_detail"][0]["text"],
        "coblos 3 ya gaes #ContohMenang"
    );
    assert_eq!(j["signals_detail"][0]["evidence_intact"], true);
    assert_eq!(
        j["allowed_moves"],
        serde_json::json!([]),
        "an auditor may move nothing"
    );
    assert!(has(
        &audit(&app).await,
        "ibu.sari",
        "case.view",
        &format!("case:{id}")
    ));
}

#[tokio::test]
async fn an_auditor_cannot_decide_and_an_analyst_cannot_confirm() {
    let app = app().await;
    let id = case_id(&app, NIP_SARI).await;
    let path = format!("/cases/{id}/move");

    let (cookie, csrf, token) = session(&app, "ibu.sari").await;
    let r = send(
        &app,
        post_form(
            &path,
            &cookie,
            &[("csrf", &csrf), ("to", "in_review"), ("reason", "x")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "{}", r.body);
    assert!(r.body.contains("hanya membaca"), "{}", r.body);
    let r = send(
        &app,
        post_json(
            &format!("/api/cases/{id}/move"),
            ("authorization", &format!("Bearer {token}")),
            &serde_json::json!({"to": "dismissed", "reason": "x"}),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["error"]["code"], "forbidden");
    let r = send(
        &app,
        post_form(
            &format!("/cases/{id}/notes"),
            &cookie,
            &[("csrf", &csrf), ("text", "catatan")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN, "auditors add no notes");
    assert_eq!(state_of(&app, id).await, CaseState::New);

    // The analyst adds a note and sends the case to review…
    let (cookie, csrf, _) = session(&app, "rina").await;
    let r = send(
        &app,
        post_form(
            &format!("/cases/{id}/notes"),
            &cookie,
            &[("csrf", &csrf), ("text", "Akun sudah dicek: milik ASN.")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = send(
        &app,
        post_form(
            &path,
            &cookie,
            &[
                ("csrf", &csrf),
                ("to", "in_review"),
                ("reason", "bukti cukup"),
                ("version", "1"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(r.location(), format!("/cases/{id}?done=moved"));
    assert_eq!(state_of(&app, id).await, CaseState::InReview);
    // …but cannot confirm it.
    let r = send(
        &app,
        post_form(
            &path,
            &cookie,
            &[("csrf", &csrf), ("to", "confirmed"), ("reason", "ok")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(
        r.body.contains("Analis hanya dapat mengajukan"),
        "{}",
        r.body
    );
    assert_eq!(state_of(&app, id).await, CaseState::InReview);

    // A reviewer confirms; the note and the moves are in the page and the log.
    let (cookie, csrf, _) = session(&app, "hendra").await;
    let r = send(
        &app,
        post_form(
            &path,
            &cookie,
            &[
                ("csrf", &csrf),
                ("to", "confirmed"),
                ("reason", "terbukti"),
                ("version", "2"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    assert_eq!(state_of(&app, id).await, CaseState::Confirmed);
    let page = send(&app, get(&format!("/cases/{id}?done=moved"), &cookie)).await;
    assert!(page.body.contains("Akun sudah dicek: milik ASN."));
    assert!(page.body.contains("dikonfirmasi"));
    assert!(page.body.contains("sudah diubah dan dicatat"));
    let log = audit(&app).await;
    let subject = format!("case:{id}");
    assert!(has(&log, "rina", "case.note", &subject));
    assert!(has(&log, "rina", "case.transition", &subject));
    assert!(has(&log, "hendra", "case.transition", &subject));
    assert!(!has(&log, "ibu.sari", "case.transition", ""));
    assert!(app.store.verify_audit(None).await.unwrap().is_intact());
}

#[tokio::test]
async fn four_eyes_stale_versions_and_workflow_refusals_are_clear_words() {
    let app = app().await;
    let id = case_id(&app, NIP_BUDI).await;
    let path = format!("/cases/{id}/move");
    let (cookie, csrf, _) = session(&app, "hendra").await;
    let form = |to: &'static str, v: &'static str| {
        [
            ("csrf", csrf.as_str()),
            ("to", to),
            ("reason", "alasan"),
            ("version", v),
        ]
    };
    // Not allowed by the workflow: new → confirmed.
    let r = send(&app, post_form(&path, &cookie, &form("confirmed", "1"))).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body.contains("tidak dapat dipindahkan ke confirmed"),
        "{}",
        r.body
    );
    // hendra sends it to review, so hendra may not confirm it.
    assert_eq!(
        send(&app, post_form(&path, &cookie, &form("in_review", "1")))
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    let r = send(&app, post_form(&path, &cookie, &form("confirmed", "2"))).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(r.body.contains("aturan empat mata"), "{}", r.body);
    assert!(
        r.body.contains(">alasan</textarea>"),
        "the typed reason is kept"
    );
    // dewi looked at version 1: a conflict naming who moved it.
    let (cookie2, csrf2, _) = session(&app, "dewi").await;
    let r = send(
        &app,
        post_form(
            &path,
            &cookie2,
            &[
                ("csrf", &csrf2),
                ("to", "dismissed"),
                ("reason", "x"),
                ("version", "1"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body.contains("konflik") && r.body.contains("hendra"),
        "{}",
        r.body
    );
    // An empty reason.
    let r = send(
        &app,
        post_form(
            &path,
            &cookie2,
            &[
                ("csrf", &csrf2),
                ("to", "confirmed"),
                ("reason", " "),
                ("version", "2"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert_eq!(state_of(&app, id).await, CaseState::InReview);
}

#[tokio::test]
async fn writes_without_the_csrf_token_are_refused() {
    let app = app().await;
    let id = case_id(&app, NIP_SARI).await;
    let (cookie, csrf, token) = session(&app, "hendra").await;
    for form in [
        vec![("to", "in_review"), ("reason", "x")],
        vec![("csrf", "0000"), ("to", "in_review"), ("reason", "x")],
    ] {
        let r = send(
            &app,
            post_form(&format!("/cases/{id}/move"), &cookie, &form),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
        assert!(r.body.contains("Formulir ini kedaluwarsa"), "{}", r.body);
    }
    let r = send(
        &app,
        post_form(&format!("/cases/{id}/notes"), &cookie, &[("text", "x")]),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    // The API with the session cookie needs X-CSRF-Token…
    let body = serde_json::json!({"to": "in_review", "reason": "cukup"});
    let r = send(
        &app,
        post_json(&format!("/api/cases/{id}/move"), ("cookie", &cookie), &body),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(r.json()["error"]["code"], "csrf");
    assert_eq!(state_of(&app, id).await, CaseState::New);
    let mut req = post_json(&format!("/api/cases/{id}/move"), ("cookie", &cookie), &body);
    req.headers_mut()
        .insert("x-csrf-token", csrf.parse().unwrap());
    let r = send(&app, req).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert_eq!(r.json()["state"], "in_review");
    // …a bearer token does not (a browser never sends it on its own).
    let r = send(
        &app,
        post_json(
            &format!("/api/cases/{id}/notes"),
            ("authorization", &format!("Bearer {token}")),
            &serde_json::json!({"text": "lewat API"}),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    // Logging out needs the token too.
    let r = send(&app, post_form("/logout", &cookie, &[])).await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn filters_live_in_the_url_and_search_finds_nip_or_name() {
    let app = app().await;
    let (cookie, _, _) = session(&app, "rina").await;
    let r = send(&app, get("/cases?q=sari", &cookie)).await;
    assert!(
        r.body.contains("Sari Contoh") && !r.body.contains("Budi Contoh"),
        "{}",
        r.body
    );
    let r = send(&app, get(&format!("/cases?q={}", &NIP_BUDI[..8]), &cookie)).await;
    assert!(r.body.contains("Budi Contoh") && !r.body.contains("Sari Contoh"));
    let r = send(
        &app,
        get("/cases?pair=1&unit=Dinas+Pendidikan&state=open", &cookie),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("Budi Contoh") && !r.body.contains("Sari Contoh"));
    assert!(
        r.body.contains(r#"<option value="1" selected>01</option>"#),
        "the form shows the filter"
    );
    assert!(r
        .body
        .contains(r#"<option value="open" selected>terbuka</option>"#));
    assert!(
        r.body
            .contains("/export/cases.csv?state=open&amp;unit=Dinas%20Pendidikan&amp;pair=1"),
        "downloads keep the filters: {}",
        r.body
    );
    assert!(
        r.body.contains("/lang/en?back=/cases%3Fpair%3D1"),
        "switching language comes back to the same list"
    );
    let r = send(&app, get("/cases?state=confirmed", &cookie)).await;
    assert!(r.body.contains("Tidak ada kasus yang sesuai"));
    // Bad values are ignored, not errors.
    let r = send(
        &app,
        get("/cases?state=%FF&pair=-1&page=99999&severity=x", &cookie),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("2 kasus"));
    // The API takes the same filters.
    let r = send(&app, get("/api/cases?q=budi", &cookie)).await;
    assert_eq!(r.json()["total"], 1);
    assert_eq!(r.json()["cases"][0]["nip"], NIP_BUDI);
    let log = audit(&app).await;
    assert!(has(&log, "rina", "cases.list", "cases"));
}

#[tokio::test]
async fn the_overview_shows_every_pair_side_by_side_and_units() {
    let app = app().await;
    let (cookie, _, _) = session(&app, "ibu.sari").await;
    let r = send(&app, get("/", &cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    for want in [
        "Pemilihan Contoh 2024",
        "Kasus per paslon",
        "01 Satu Contoh – Dua Contoh",
        "02 Tiga Contoh – Empat Contoh",
        "03 Lima Contoh – Enam Contoh",
        "Kasus per unit kerja dan paslon",
        "Dinas Kesehatan",
        "Sinyal per platform dan paslon",
        "lewat tenggat",
        "/cases?election=e-1&amp;pair=2",
    ] {
        assert!(r.body.contains(want), "{want:?} missing from the overview");
    }
    let r = send(&app, get("/api/stats", &cookie)).await;
    let j = r.json();
    assert_eq!(j["cases"], 2);
    let pairs: Vec<u64> = j["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["pair"].as_u64().unwrap())
        .collect();
    assert_eq!(pairs, [1, 2, 3], "a pair with no case is shown too");
    assert_eq!(j["pairs"][2]["cases"]["support"], 1);
    assert_eq!(j["pairs"][0]["cases"]["oppose"], 1);
    assert_eq!(j["units"].as_array().unwrap().len(), 2);
    // Signals per platform, every pair in the row (both signals are on X:
    // Budi's against pair 1, Sari's for pair 3).
    let platforms = j["platforms"].as_array().unwrap();
    assert_eq!(platforms.len(), 1);
    assert_eq!(platforms[0]["platform"], "x");
    assert_eq!(platforms[0]["signals"], 2);
    let per_pair: Vec<(u64, u64)> = platforms[0]["per_pair"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["pair"].as_u64().unwrap(), p["signals"].as_u64().unwrap()))
        .collect();
    assert_eq!(per_pair, [(1, 1), (2, 0), (3, 1)]);
    assert!(has(&audit(&app).await, "ibu.sari", "cases.list", "cases"));
}

#[tokio::test]
async fn downloads_keep_the_filters_and_are_logged() {
    let app = app().await;
    let (cookie, _, _) = session(&app, "ibu.sari").await;
    let r = send(&app, get("/export/cases.csv?q=sari", &cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains(".csv"));
    let lines: Vec<&str> = r.body.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.body);
    assert!(lines[0].starts_with("id,election,nip,name"));
    assert!(lines[1].contains(NIP_SARI));
    let r = send(&app, get("/export/cases.xlsx", &cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.bytes.starts_with(b"PK"), "an XLSX is a zip");
    let log = audit(&app).await;
    assert_eq!(
        log.iter()
            .filter(|(a, x, _)| a == "ibu.sari" && x == "export")
            .count(),
        2
    );
    // The weekly summary of netra report, in each format, for any role.
    for (file, magic) in [
        ("summary.pdf", &b"%PDF"[..]),
        ("summary.xlsx", b"PK"),
        ("summary.csv", b""),
    ] {
        let r = send(&app, get(&format!("/export/{file}?election=e-1"), &cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{file}: {}", r.body);
        assert!(r.bytes.starts_with(magic) && !r.bytes.is_empty(), "{file}");
    }
    assert_eq!(
        send(&app, get("/export/summary.doc", &cookie)).await.status,
        StatusCode::NOT_FOUND
    );
    assert!(has(&audit(&app).await, "ibu.sari", "report.summary", ""));
}

#[tokio::test]
async fn only_admins_manage_users_and_auditors_read_the_log() {
    let app = app().await;
    let (cookie, csrf, _) = session(&app, "admin").await;
    let r = send(
        &app,
        post_form(
            "/users",
            &cookie,
            &[
                ("csrf", &csrf),
                ("action", "add"),
                ("name", "budi.analis"),
                ("role", "analyst"),
                ("password", "sandi-baru-123"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = send(
        &app,
        post_form(
            "/users",
            &cookie,
            &[
                ("csrf", &csrf),
                ("action", "add"),
                ("name", "x"),
                ("role", "analyst"),
                ("password", "pendek"),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.body.contains("kata sandi minimal 10 karakter"),
        "{}",
        r.body
    );
    let r = send(
        &app,
        post_form(
            "/users",
            &cookie,
            &[("csrf", &csrf), ("action", "disable"), ("name", "rina")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(app.store.user("rina").await.unwrap().unwrap().disabled);
    let page = send(&app, get("/users", &cookie)).await;
    assert!(page.body.contains("budi.analis") && page.body.contains("nonaktif"));
    assert!(has(
        &audit(&app).await,
        "admin",
        "user.add",
        "user:budi.analis"
    ));

    let (cookie, csrf, _) = session(&app, "hendra").await;
    assert_eq!(
        send(&app, get("/users", &cookie)).await.status,
        StatusCode::FORBIDDEN
    );
    let r = send(
        &app,
        post_form(
            "/users",
            &cookie,
            &[("csrf", &csrf), ("action", "enable"), ("name", "rina")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert_eq!(
        send(&app, get("/audit", &cookie)).await.status,
        StatusCode::FORBIDDEN
    );

    let (cookie, _, _) = session(&app, "ibu.sari").await;
    let r = send(&app, get("/audit?action=user", &cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("user.disable"));
    let r = send(&app, get("/audit?verify=1", &cookie)).await;
    assert!(r.body.contains("Log audit"), "{}", r.body);
    let r = send(&app, get("/api/audit?action=auth", &cookie)).await;
    assert!(r.json()["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["action"].as_str().unwrap().starts_with("auth.")));
}

#[tokio::test]
async fn bad_input_gets_clear_words_never_a_crash() {
    let app = app().await;
    let (cookie, csrf, token) = session(&app, "hendra").await;
    for path in [
        "/cases/abc",
        "/cases/99999",
        "/cases/-1",
        "/nowhere",
        "/cases/1/../../etc",
    ] {
        let r = send(&app, get(path, &cookie)).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{path}");
        assert!(r.body.contains("tidak ada"), "{path}: {}", r.body);
    }
    let bearer = format!("Bearer {token}");
    let r = send(
        &app,
        post_json(
            "/api/cases/1/move",
            ("authorization", &bearer),
            &serde_json::json!({"to": 3}),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.json()["error"]["message"]
        .as_str()
        .unwrap()
        .contains("bukan JSON yang diharapkan"));
    let r = send(
        &app,
        post_json(
            "/api/cases/1/move",
            ("authorization", &bearer),
            &serde_json::json!({"to": "nowhere", "reason": "x"}),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = send(
        &app,
        post_json(
            "/api/cases/99999/move",
            ("authorization", &bearer),
            &serde_json::json!({"to": "dismissed", "reason": "x"}),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert_eq!(r.json()["error"]["code"], "not_found");
    let r = send(
        &app,
        Request::post("/cases/1/move")
            .header(header::COOKIE, &cookie)
            .body(Body::from(vec![0xff, 0xfe, b'=', 0x00]))
            .unwrap(),
    )
    .await;
    assert_eq!(
        r.status,
        StatusCode::FORBIDDEN,
        "garbage without the token is a CSRF refusal"
    );
    let r = send(
        &app,
        post_form(
            "/cases/1/move",
            &cookie,
            &[("csrf", &csrf), ("to", "???"), ("reason", "x")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("Pilih status tujuan"));
    let r = send(&app, get("/login?next=//evil.example", &cookie)).await;
    assert_eq!(r.location(), "/", "no open redirect");
    let r = send(
        &app,
        post_form(
            &format!("/cases/{}/notes", case_id(&app, NIP_SARI).await),
            &cookie,
            &[("csrf", &csrf), ("text", "   ")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("Catatan harus berisi teks"));
}

#[tokio::test]
async fn the_openapi_document_describes_every_api_route() {
    let app = app().await;
    let r = send(&app, get("/api/openapi.json", "")).await;
    let doc = r.json();
    assert_eq!(doc["openapi"], "3.1.0");
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/login",
        "/api/logout",
        "/api/me",
        "/api/cases",
        "/api/cases/{id}",
        "/api/cases/{id}/move",
        "/api/cases/{id}/notes",
        "/api/stats",
        "/api/audit",
        "/export/cases.csv",
        "/export/cases.xlsx",
        "/cases/{id}/document/{kind}",
        "/export/summary.{format}",
        "/api/reports",
        "/api/reports/{id}",
        "/api/reports/{id}/action",
        "/reports/{id}/screenshot",
    ] {
        assert!(paths.contains_key(p), "{p} is not documented");
    }
    // Every $ref points at a schema that exists.
    let text = doc.to_string();
    for part in text.split("\"$ref\":\"#/components/schemas/").skip(1) {
        let name = part.split('"').next().unwrap();
        assert!(
            doc["components"]["schemas"].get(name).is_some(),
            "{name} missing"
        );
    }
    // Logging in through the API gives a bearer token that works.
    let r = send(
        &app,
        post_json(
            "/api/login",
            ("x-ignored", "1"),
            &serde_json::json!({"name": "dewi", "password": "kata-sandi-panjang"}),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    let token = r.json()["token"].as_str().unwrap().to_string();
    let r = send(
        &app,
        Request::get("/api/me")
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.json()["role"], "reviewer");
    let r = send(
        &app,
        post_json(
            "/api/login",
            ("x-ignored", "1"),
            &serde_json::json!({"name": "dewi", "password": "salah"}),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn case_documents_come_from_netra_report_once_a_person_decided() {
    let app = app().await;
    let id = case_id(&app, NIP_SARI).await;
    let doc = format!("/cases/{id}/document/bawaslu");
    let (cookie, csrf, _) = session(&app, "hendra").await;
    // A new case: no report to Bawaslu, and the page offers none.
    let r = send(&app, get(&doc, &cookie)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(
        r.body
            .contains("hanya dibuat untuk kasus yang sudah dikonfirmasi"),
        "{}",
        r.body
    );
    assert!(!send(&app, get(&format!("/cases/{id}"), &cookie))
        .await
        .body
        .contains("/document/bawaslu"));
    // rina sends it to review, hendra confirms: now the report is there.
    let (rc, rcsrf, _) = session(&app, "rina").await;
    let path = format!("/cases/{id}/move");
    send(
        &app,
        post_form(
            &path,
            &rc,
            &[("csrf", &rcsrf), ("to", "in_review"), ("reason", "cukup")],
        ),
    )
    .await;
    send(
        &app,
        post_form(
            &path,
            &cookie,
            &[("csrf", &csrf), ("to", "confirmed"), ("reason", "terbukti")],
        ),
    )
    .await;
    assert_eq!(state_of(&app, id).await, CaseState::Confirmed);
    assert!(send(&app, get(&format!("/cases/{id}"), &cookie))
        .await
        .body
        .contains(&doc));
    let r = send(&app, get(&doc, &cookie)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.bytes.starts_with(b"%PDF"));
    assert!(r.headers[header::CONTENT_DISPOSITION]
        .to_str()
        .unwrap()
        .contains(&format!("laporan-bawaslu-kasus-{id}.pdf")));
    assert!(has(&audit(&app).await, "hendra", "report.bawaslu", ""));
    // Auditors read; they make no documents. Unknown kinds are not found.
    let (ac, _, _) = session(&app, "ibu.sari").await;
    assert_eq!(
        send(&app, get(&doc, &ac)).await.status,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        send(&app, get(&format!("/cases/{id}/document/x"), &cookie))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
    // No temporary file is left in the data directory.
    let left: Vec<_> = std::fs::read_dir(app.dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(".web-document"))
        .collect();
    assert!(left.is_empty());
}

#[tokio::test]
async fn the_letter_to_bkn_is_for_reported_cases_and_made_by_analysts_and_reviewers() {
    let app = app().await;
    let id = case_id(&app, NIP_SARI).await;
    let doc = format!("/cases/{id}/document/bkn");
    let page = format!("/cases/{id}");
    let path = format!("/cases/{id}/move");
    let (hc, hcsrf, _) = session(&app, "hendra").await;
    let (rc, rcsrf, _) = session(&app, "rina").await;
    send(
        &app,
        post_form(
            &path,
            &rc,
            &[("csrf", &rcsrf), ("to", "in_review"), ("reason", "cukup")],
        ),
    )
    .await;
    send(
        &app,
        post_form(
            &path,
            &hc,
            &[
                ("csrf", &hcsrf),
                ("to", "confirmed"),
                ("reason", "terbukti"),
            ],
        ),
    )
    .await;
    assert_eq!(state_of(&app, id).await, CaseState::Confirmed);
    // Confirmed is not reported: no letter, and the page offers none.
    let r = send(&app, get(&doc, &hc)).await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("belum dilaporkan ke Bawaslu"), "{}", r.body);
    assert!(!send(&app, get(&page, &hc)).await.body.contains(&doc));
    send(
        &app,
        post_form(
            &path,
            &hc,
            &[
                ("csrf", &hcsrf),
                ("to", "reported"),
                ("reason", "diserahkan ke Bawaslu"),
            ],
        ),
    )
    .await;
    assert_eq!(state_of(&app, id).await, CaseState::Reported);
    assert!(send(&app, get(&page, &hc)).await.body.contains(&doc));
    // Reviewers and analysts make it; each download is logged with its hash.
    for (who, cookie) in [("hendra", &hc), ("rina", &rc)] {
        let r = send(&app, get(&doc, cookie)).await;
        assert_eq!(r.status, StatusCode::OK, "{who}: {}", r.body);
        assert!(r.bytes.starts_with(b"%PDF"));
        assert!(r.headers[header::CONTENT_DISPOSITION]
            .to_str()
            .unwrap()
            .contains(&format!("surat-bkn-kasus-{id}.pdf")));
        let log = app
            .store
            .search_audit(&netra_store::AuditQuery {
                actor: Some(who.into()),
                action: Some("report.bkn".into()),
                limit: 10,
                ..Default::default()
            })
            .await
            .unwrap();
        assert_eq!(log.len(), 1, "{who}");
        assert_eq!(log[0].subject, format!("case:{id}"));
        let detail: serde_json::Value = serde_json::from_str(&log[0].detail).unwrap();
        assert_eq!(
            detail["pdf_sha256"],
            netra_store::sha256_hex(&r.bytes),
            "{who}"
        );
    }
    // Auditors and admins read; they make no documents, and nothing is logged.
    for who in ["ibu.sari", "admin"] {
        let (cookie, _, _) = session(&app, who).await;
        assert_eq!(
            send(&app, get(&doc, &cookie)).await.status,
            StatusCode::FORBIDDEN,
            "{who}"
        );
        assert!(!has(&audit(&app).await, who, "report.bkn", ""), "{who}");
    }
}

/// A request as if from `peer` (what `netra serve` attaches to each connection).
fn from(peer: &str, mut req: Request<Body>) -> Request<Body> {
    let addr: std::net::SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut()
        .insert(axum::extract::ConnectInfo(addr));
    req
}

fn api_login(name: &str, password: &str) -> Request<Body> {
    post_json(
        "/api/login",
        ("x-none", ""),
        &serde_json::json!({ "name": name, "password": password }),
    )
}

#[tokio::test]
async fn failed_logins_are_slowed_then_refused_with_429_alike_for_unknown_names() {
    let delay = std::time::Duration::from_millis(40);
    let app = app_with(netra_web::WebConfig {
        login_throttle: netra_web::LoginThrottle {
            max_user_failures: 3,
            max_addr_failures: 5,
            ..netra_web::LoginThrottle::default()
        },
        failure_delay: delay,
        ..netra_web::WebConfig::default()
    })
    .await;
    // A known name and an unknown one get the same answers, equally slowed.
    let mut answers = Vec::new();
    for (name, peer) in [("rina", "192.0.2.1"), ("ghost", "192.0.2.2")] {
        let mut seen = Vec::new();
        for n in 1..=3 {
            let started = std::time::Instant::now();
            let r = send(&app, from(peer, api_login(name, "salah-sekali!"))).await;
            if n == 3 {
                assert!(started.elapsed() >= delay * 2, "{:?}", started.elapsed());
            }
            seen.push((r.status, r.json()["error"]["message"].clone()));
            if n == 3 {
                assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "{}", r.body);
                assert_eq!(r.json()["error"]["code"], "too_many_attempts");
                let retry: u64 = r.headers[header::RETRY_AFTER]
                    .to_str()
                    .unwrap()
                    .parse()
                    .unwrap();
                assert!((840..=900).contains(&retry), "{retry}");
                assert!(r.body.contains("coba lagi dalam 15 menit"), "{}", r.body);
            }
        }
        // Locked: even the right password is refused, without checking it.
        let r = send(&app, from(peer, api_login(name, "kata-sandi-panjang"))).await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        seen.push((r.status, r.json()["error"]["message"].clone()));
        answers.push(seen);
    }
    assert_eq!(
        answers[0], answers[1],
        "nothing tells whether a name exists"
    );
    assert_eq!(answers[0][0].0, StatusCode::UNAUTHORIZED);
    let log = audit(&app).await;
    assert!(has(&log, "rina", "auth.fail", "user:rina"));
    assert!(has(&log, "rina", "auth.lockout", "user:rina"));
    assert!(has(&log, "ghost", "auth.lockout", "user:ghost"));

    // The login form says it in the user's language, with Retry-After.
    let page = send(&app, get("/login", "netra_lang=en")).await;
    let nonce = page.headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .strip_prefix("netra_login=")
        .and_then(|s| s.split(';').next())
        .unwrap()
        .to_string();
    let cookie = format!("netra_login={nonce}; netra_lang=en");
    let form = [
        ("name", "rina"),
        ("password", "kata-sandi-panjang"),
        ("csrf", nonce.as_str()),
    ];
    let r = send(&app, from("192.0.2.3", post_form("/login", &cookie, &form))).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.contains_key(header::RETRY_AFTER));
    assert!(
        r.body.contains("Too many failed login attempts") && r.body.contains("15 minutes"),
        "{}",
        r.body
    );
    assert!(r.body.contains("action=\"/login\""), "the form stays");

    // A success resets the name's count.
    for _ in 0..2 {
        let r = send(
            &app,
            from("192.0.2.4", api_login("hendra", "salah-sekali!")),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = send(
        &app,
        from("192.0.2.4", api_login("hendra", "kata-sandi-panjang")),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    for _ in 0..2 {
        let r = send(
            &app,
            from("192.0.2.5", api_login("hendra", "salah-sekali!")),
        )
        .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{}", r.body);
    }

    // Five failures from one address, whatever the names, lock the address;
    // behind a proxy on this machine, X-Forwarded-For names the client.
    for (i, name) in ["a1", "a2", "a3", "a4", "a5"].iter().enumerate() {
        let r = send(&app, from("198.51.100.9", api_login(name, "salah-sekali!"))).await;
        let want = if i == 4 {
            StatusCode::TOO_MANY_REQUESTS
        } else {
            StatusCode::UNAUTHORIZED
        };
        assert_eq!(r.status, want, "{name}");
    }
    let r = send(
        &app,
        from("198.51.100.9", api_login("dewi", "kata-sandi-panjang")),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    let mut proxied = from("127.0.0.1", api_login("dewi", "kata-sandi-panjang"));
    proxied
        .headers_mut()
        .insert("x-forwarded-for", "198.51.100.9".parse().unwrap());
    assert_eq!(
        send(&app, proxied).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
    let mut spoofed = from("203.0.113.5", api_login("dewi", "kata-sandi-panjang"));
    spoofed
        .headers_mut()
        .insert("x-forwarded-for", "198.51.100.9".parse().unwrap());
    assert_eq!(
        send(&app, spoofed).await.status,
        StatusCode::OK,
        "X-Forwarded-For counts only from a proxy on this machine"
    );
    assert!(has(
        &audit(&app).await,
        "a5",
        "auth.lockout",
        "addr:198.51.100.9"
    ));
}

#[tokio::test]
async fn an_unused_session_ends_after_the_idle_time() {
    let app = app().await;
    let (cookie, _, token) = session(&app, "rina").await;
    assert_eq!(
        send(&app, get("/cases", &cookie)).await.status,
        StatusCode::OK
    );
    let bearer = format!("Bearer {token}");
    let me = Request::get("/api/me")
        .header(header::AUTHORIZATION, &bearer)
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, me).await.status, StatusCode::OK);

    // Served with no idle time at all: a session is over as soon as it opens.
    let idle = app_with(netra_web::WebConfig {
        idle_timeout: chrono::Duration::zero(),
        ..netra_web::WebConfig::default()
    })
    .await;
    let (cookie, _, token) = session(&idle, "rina").await;
    let r = send(&idle, get("/cases", &cookie)).await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert!(r.location().starts_with("/login"), "{}", r.location());
    let me = Request::get("/api/me")
        .header(header::AUTHORIZATION, format!("Bearer {token}"))
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&idle, me).await.status, StatusCode::UNAUTHORIZED);
    assert!(
        idle.store.session(&token).await.unwrap().is_some(),
        "within its 12 hours, only idle"
    );
}

// --- reports from the public ----------------------------------------------------

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR-a-test-screenshot";

/// The public form's token: GET /lapor, take the cookie it sets.
async fn public_token(app: &App) -> String {
    let r = send(app, get("/lapor", "")).await;
    assert_eq!(r.status, StatusCode::OK);
    let set = r
        .headers
        .get(header::SET_COOKIE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Strict"),
        "{set}"
    );
    set.trim_start_matches("netra_public=")
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

/// A multipart form: text fields, then an optional file.
fn multipart(
    uri: &str,
    cookie: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Request<Body> {
    let boundary = "netraTestBoundary7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    if let Some((name, bytes)) = file {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"screenshot\"; filename=\"{name}\"\r\nContent-Type: image/png\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    Request::post(uri)
        .header(header::COOKIE, cookie)
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(Body::from(body))
        .unwrap()
}

/// Sends a report as the public and returns the tracking code shown.
async fn report(app: &App, what: &str, contact: &str, file: Option<&[u8]>) -> String {
    let token = public_token(app).await;
    let r = send(
        app,
        multipart(
            "/lapor",
            &format!("netra_public={token}"),
            &[
                ("csrf", &token),
                ("what", what),
                ("links", "https://x.example/status/77\n\n"),
                ("person", "Sari Contoh"),
                ("contact", contact),
            ],
            file.map(|b| ("shot.png", b)),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let start = r.body.find("class=\"tracking\">").expect("a code is shown") + 17;
    let code = &r.body[start..start + 23];
    assert!(code.chars().filter(|c| *c != '-').count() == 20, "{code}");
    code.to_string()
}

/// POST /lapor/status with `code`: (status, body).
async fn lookup(app: &App, code: &str) -> Reply {
    let token = public_token(app).await;
    send(
        app,
        post_form(
            "/lapor/status",
            &format!("netra_public={token}"),
            &[("csrf", &token), ("code", code)],
        ),
    )
    .await
}

fn public_reports_config() -> netra_web::WebConfig {
    netra_web::WebConfig {
        public_limits: netra_web::PublicLimits {
            max_reports: 100,
            max_lookups: 100,
            window: chrono::Duration::hours(1),
        },
        ..netra_web::WebConfig::default()
    }
}

#[tokio::test]
async fn a_report_gives_a_code_whose_status_shows_only_date_state_and_message() {
    let app = app_with(public_reports_config()).await;
    let page = send(&app, get("/lapor", "")).await;
    assert!(page.body.contains("enctype=\"multipart/form-data\""));
    assert!(
        page.body
            .contains("tidak pernah ditunjukkan kepada orang yang Anda laporkan"),
        "the page says the reporter is not exposed"
    );
    assert!(page.body.contains("dihapus begitu laporan ditutup"));
    assert!(
        !page.body.contains(" hari</strong>"),
        "no policy yet: no number of days is promised"
    );
    std::fs::write(
        app.dir.path().join("retention.toml"),
        "[retention]\nactivities_without_case_after_days = 90\n",
    )
    .unwrap();
    let page = send(&app, get("/lapor", "")).await;
    assert!(
        page.body.contains("<strong>90 hari</strong>"),
        "{}",
        page.body
    );
    let code = report(
        &app,
        "Pose dua jari <script>alert(1)</script>",
        "rahasia@example.org",
        Some(PNG),
    )
    .await;
    // The code is not stored anywhere in the database files: only its hash.
    let files: Vec<Vec<u8>> = std::fs::read_dir(app.dir.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with("netra.db"))
        .map(|e| std::fs::read(e.path()).unwrap())
        .collect();
    let contains = |needle: &str| {
        files
            .iter()
            .any(|f| f.windows(needle.len()).any(|w| w == needle.as_bytes()))
    };
    assert!(contains(&netra_store::tracking_code_sha256(&code)));
    assert!(!contains(&code) && !contains(&code.replace('-', "")));

    let r = lookup(&app, &code).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("diterima"), "{}", r.body);
    // Staff link it to Sari's case and close it with a message.
    let sari = case_id(&app, NIP_SARI).await;
    let (cookie, csrf, _) = session(&app, "rina").await;
    let id = app.store.public_reports_without_case().await.unwrap()[0].0;
    let r = send(
        &app,
        post_form(
            &format!("/reports/{id}/action"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("action", "link"),
                ("case", &sari.to_string()),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = lookup(&app, &code.to_lowercase()).await;
    assert!(r.body.contains("diteruskan ke kasus"), "{}", r.body);
    let r = send(
        &app,
        post_form(
            &format!("/reports/{id}/action"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("action", "close"),
                ("message", "Terima kasih, sudah ditindaklanjuti."),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let r = lookup(&app, &code).await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("ditutup") && r.body.contains("sudah ditindaklanjuti"));
    // Nothing else: no names, NIPs, case, contact, report text or other reports.
    for secret in [
        "Sari Contoh",
        NIP_SARI,
        "/cases",
        &format!("Kasus {sari}"),
        "rahasia@example.org",
        "Pose dua jari",
        "x.example",
    ] {
        assert!(!r.body.contains(secret), "{secret} shown: {}", r.body);
    }
    // Closing dropped the contact.
    let detail = app.store.view_public_report(id, "test").await.unwrap();
    assert_eq!(detail.contact, None);
}

#[tokio::test]
async fn every_wrong_code_gets_the_same_not_found_page() {
    let app = app_with(public_reports_config()).await;
    let code = report(&app, "Komentar mendukung", "", None).await;
    let token = public_token(&app).await;
    let mut bodies = Vec::new();
    let mut changed = code.clone().into_bytes();
    changed[0] = if changed[0] == b'A' { b'B' } else { b'A' };
    for wrong in [
        String::from_utf8(changed).unwrap(),
        String::new(),
        "   ".into(),
        "x".repeat(10_000),
        "<b>ABCDE</b>'\"".into(),
        "1; DROP TABLE public_report".into(),
    ] {
        let r = send(
            &app,
            post_form(
                "/lapor/status",
                &format!("netra_public={token}"),
                &[("csrf", &token), ("code", &wrong)],
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{wrong:?}");
        assert!(r.body.contains("tidak dikenal"));
        assert!(!r.body.contains("<b>ABCDE"), "escaped, never echoed");
        bodies.push(r.body);
    }
    assert!(
        bodies.windows(2).all(|w| w[0] == w[1]),
        "one answer for every wrong code"
    );
    assert_eq!(lookup(&app, &code).await.status, StatusCode::OK);
    // The code is never in a URL: GET shows only the form.
    let r = send(&app, get(&format!("/lapor/status?code={code}"), "")).await;
    assert!(!r.body.contains("rs-received"), "{}", r.body);
}

#[tokio::test]
async fn public_forms_need_their_token() {
    let app = app_with(public_reports_config()).await;
    let token = public_token(&app).await;
    let fields = |csrf: &'static str| {
        vec![
            ("csrf", csrf),
            ("what", "laporan"),
            ("links", "https://x.example/1"),
        ]
    };
    // No cookie; a cookie but another token; the token without its cookie.
    for (cookie, csrf) in [
        ("", token.as_str()),
        (
            &*format!("netra_public={token}"),
            "0".repeat(64).leak() as &str,
        ),
        ("netra_public=", ""),
    ] {
        let mut f: Vec<(&str, &str)> = fields("");
        f[0].1 = csrf;
        let r = send(&app, multipart("/lapor", cookie, &f, None)).await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{cookie} {csrf}");
        assert!(r.body.contains("Formulir ini kedaluwarsa"), "{}", r.body);
        assert!(
            r.body.contains(">laporan</textarea>"),
            "what was typed is not lost"
        );
    }
    let r = send(
        &app,
        post_form("/lapor/status", "", &[("csrf", &token), ("code", "ABC")]),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    assert!(app
        .store
        .public_reports_without_case()
        .await
        .unwrap()
        .is_empty());
    // Not a multipart form at all: a clear page, nothing stored.
    let r = send(
        &app,
        post_form(
            "/lapor",
            &format!("netra_public={token}"),
            &[("csrf", &token), ("what", "x")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("Formulir tidak terbaca"), "{}", r.body);
    assert!(app
        .store
        .public_reports_without_case()
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn a_file_that_is_not_an_image_is_refused_with_a_clear_message() {
    let app = app_with(public_reports_config()).await;
    let token = public_token(&app).await;
    let cookie = format!("netra_public={token}");
    let fields = [
        ("csrf", token.as_str()),
        ("what", "Ada unggahan <i>kampanye</i>"),
        ("links", ""),
        ("person", ""),
        ("contact", "0812-000"),
    ];
    for not_image in [
        &b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"[..],
        b"%PDF-1.7\n",
        b"MZ\x90\0",
        b"GIF89a....",
    ] {
        let r = send(
            &app,
            multipart("/lapor", &cookie, &fields, Some(("shot.png", not_image))),
        )
        .await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST);
        assert!(
            r.body.contains("bukan gambar PNG, JPEG atau WebP"),
            "{}",
            r.body
        );
        assert!(
            r.body.contains("Ada unggahan &lt;i&gt;kampanye&lt;/i&gt;"),
            "what was typed comes back, escaped"
        );
    }
    let too_big = [PNG, &vec![0u8; netra_web::MAX_SCREENSHOT_BYTES]].concat();
    let r = send(
        &app,
        multipart("/lapor", &cookie, &fields, Some(("big.png", &too_big))),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(
        r.body.contains("terlalu besar") || r.body.contains("Formulir tidak terbaca"),
        "{}",
        r.body
    );
    // No link and no screenshot: asked for one.
    let r = send(&app, multipart("/lapor", &cookie, &fields, None)).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("Beri tautan"), "{}", r.body);
    assert!(app
        .store
        .public_reports_without_case()
        .await
        .unwrap()
        .is_empty());
    // A JPEG and a WebP are taken.
    for image in [&b"\xFF\xD8\xFF\xE0jpeg"[..], b"RIFF\x10\0\0\0WEBPVP8 "] {
        let r = send(
            &app,
            multipart("/lapor", &cookie, &fields, Some(("ok", image))),
        )
        .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
}

#[tokio::test]
async fn too_many_reports_from_one_address_are_refused_for_a_while() {
    let app = app_with(netra_web::WebConfig {
        public_limits: netra_web::PublicLimits {
            max_reports: 2,
            max_lookups: 2,
            window: chrono::Duration::hours(1),
        },
        ..netra_web::WebConfig::default()
    })
    .await;
    report(&app, "satu", "", Some(PNG)).await;
    report(&app, "dua", "", Some(PNG)).await;
    let token = public_token(&app).await;
    let r = send(
        &app,
        multipart(
            "/lapor",
            &format!("netra_public={token}"),
            &[
                ("csrf", &token),
                ("what", "tiga"),
                ("links", "https://x.example/3"),
            ],
            None,
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(r.headers.contains_key(header::RETRY_AFTER));
    assert!(r.body.contains("Terlalu banyak permintaan"), "{}", r.body);
    assert_eq!(
        app.store.public_reports_without_case().await.unwrap().len(),
        2
    );
    for _ in 0..2 {
        assert_eq!(lookup(&app, "AAAAA").await.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(
        lookup(&app, "AAAAA").await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn staff_pages_need_a_login_and_only_analysts_and_reviewers_act() {
    let app = app_with(public_reports_config()).await;
    report(&app, "Komentar mendukung paslon", "0812-1", Some(PNG)).await;
    let id = app.store.public_reports_without_case().await.unwrap()[0].0;
    for path in [
        "/reports".to_string(),
        format!("/reports/{id}"),
        format!("/reports/{id}/screenshot"),
    ] {
        let r = send(&app, get(&path, "")).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{path}");
        assert!(r.location().starts_with("/login?next="), "{path}");
    }
    let r = send(&app, get("/api/reports", "")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    let r = send(
        &app,
        post_form(
            &format!("/reports/{id}/action"),
            "",
            &[("action", "review")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "no session: to the login");

    // Auditors and admins read, without actions and without the reporter's
    // contact (only those who act on reports may need it); they cannot act.
    for who in ["ibu.sari", "admin"] {
        let (cookie, csrf, token) = session(&app, who).await;
        let r = send(&app, get("/reports", &cookie)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(r.body.contains("Komentar mendukung paslon"));
        let r = send(&app, get(&format!("/reports/{id}"), &cookie)).await;
        assert_eq!(r.status, StatusCode::OK);
        assert!(!r.body.contains("0812-1") && !r.body.contains("Tandai sedang ditelaah"));
        assert!(r.body.contains("hanya analis dan peninjau yang melihatnya"));
        let r = send(
            &app,
            Request::get(format!("/api/reports/{id}"))
                .header(header::AUTHORIZATION, format!("Bearer {token}"))
                .body(Body::empty())
                .unwrap(),
        )
        .await;
        assert_eq!(r.json()["contact"], serde_json::Value::Null, "{who}");
        let r = send(
            &app,
            post_form(
                &format!("/reports/{id}/action"),
                &cookie,
                &[("csrf", &csrf), ("action", "review")],
            ),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN, "{who}");
    }
    // An analyst acts, with the CSRF token only.
    let (cookie, csrf, token) = session(&app, "rina").await;
    let r = send(&app, get(&format!("/reports/{id}"), &cookie)).await;
    assert!(r.body.contains("Tandai sedang ditelaah"));
    assert!(r.body.contains("0812-1"), "the analyst sees the contact");
    let r = send(
        &app,
        post_form(
            &format!("/reports/{id}/action"),
            &cookie,
            &[("csrf", "wrong"), ("action", "review")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
    let r = send(
        &app,
        post_form(
            &format!("/reports/{id}/action"),
            &cookie,
            &[("csrf", &csrf), ("action", "review")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(r.location(), format!("/reports/{id}?done=reviewed"));
    let r = send(&app, get("/reports?state=in_review", &cookie)).await;
    assert!(r.body.contains("Komentar mendukung paslon"));
    let r = send(&app, get("/reports?state=received", &cookie)).await;
    assert!(!r.body.contains("Komentar mendukung paslon"));
    // The API: list, one report, and a move (bearer, no CSRF needed).
    let bearer = format!("Bearer {token}");
    let r = send(
        &app,
        Request::get("/api/reports?state=in_review")
            .header(header::AUTHORIZATION, &bearer)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(r.json()["total"], 1);
    assert_eq!(r.json()["reports"][0]["state"], "in_review");
    assert_eq!(r.json()["reports"][0]["contact"], "0812-1");
    let r = send(
        &app,
        post_json(
            &format!("/api/reports/{id}/action"),
            ("authorization", &bearer),
            &serde_json::json!({ "action": "review" }),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::CONFLICT, "already under review");
    assert_eq!(r.json()["error"]["code"], "not_allowed");
    let (_, _, auditor) = session(&app, "ibu.sari").await;
    let r = send(
        &app,
        post_json(
            &format!("/api/reports/{id}/action"),
            ("authorization", &format!("Bearer {auditor}")),
            &serde_json::json!({ "action": "close", "message": "x" }),
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn linking_a_report_adds_its_screenshot_to_the_case_and_every_step_is_audited() {
    let app = app_with(public_reports_config()).await;
    report(&app, "Twibbon paslon 3", "", Some(PNG)).await;
    let id = app.store.public_reports_without_case().await.unwrap()[0].0;
    let sari = case_id(&app, NIP_SARI).await;
    let (cookie, csrf, _) = session(&app, "hendra").await;
    let r = send(&app, get("/reports", &cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    let r = send(&app, get(&format!("/reports/{id}"), &cookie)).await;
    let sha = netra_store::sha256_hex(PNG);
    assert!(r.body.contains(&sha), "the hash is shown");
    assert!(r
        .body
        .contains(&format!("src=\"/reports/{id}/screenshot\"")));
    let r = send(&app, get(&format!("/reports/{id}/screenshot"), &cookie)).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.bytes, PNG);
    assert_eq!(r.headers[header::CONTENT_TYPE], "image/png");
    // A case that does not exist: said plainly, nothing changed.
    let r = send(
        &app,
        post_form(
            &format!("/reports/{id}/action"),
            &cookie,
            &[("csrf", &csrf), ("action", "link"), ("case", "999")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("Tidak ada kasus nomor 999"), "{}", r.body);
    let r = send(
        &app,
        post_form(
            &format!("/reports/{id}/action"),
            &cookie,
            &[("csrf", &csrf), ("action", "link"), ("case", "satu")],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    let r = send(
        &app,
        post_form(
            &format!("/reports/{id}/action"),
            &cookie,
            &[
                ("csrf", &csrf),
                ("action", "link"),
                ("case", &sari.to_string()),
            ],
        ),
    )
    .await;
    assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
    let evidence = app
        .store
        .evidence_for(&format!("case:{sari}"))
        .await
        .unwrap();
    assert!(evidence.iter().any(|e| e.sha256 == sha), "{evidence:?}");
    let r = send(&app, get(&format!("/reports/{id}"), &cookie)).await;
    assert!(r.body.contains(&format!("href=\"/cases/{sari}\"")));
    let r = send(&app, get(&format!("/cases/{sari}"), &cookie)).await;
    assert!(
        r.body.contains(&format!("href=\"/reports/{id}\"")),
        "the case names its public reports"
    );

    let log = audit(&app).await;
    let subject = format!("report:{id}");
    assert!(has(&log, "public", "public_report.submit", &subject));
    assert!(has(&log, "hendra", "public_reports.list", "public_reports"));
    assert!(has(&log, "hendra", "public_report.view", &subject));
    assert!(has(&log, "hendra", "public_report.screenshot", &subject));
    assert!(has(&log, "hendra", "public_report.link", &subject));
    let entries = app.store.audit_entries(0, 10_000).await.unwrap();
    assert!(
        entries.iter().all(|e| !e.detail.contains("Twibbon")),
        "the log holds hashes, not the report"
    );
}

#[tokio::test]
async fn purge_removes_old_reports_that_joined_no_case() {
    let app = app_with(public_reports_config()).await;
    let gone = report(&app, "tidak jadi kasus", "", Some(PNG)).await;
    let kept = report(&app, "jadi kasus", "", None).await;
    let ids: Vec<i64> = app
        .store
        .public_reports_without_case()
        .await
        .unwrap()
        .iter()
        .map(|r| r.0)
        .collect();
    let sari = case_id(&app, NIP_SARI).await;
    app.store
        .act_on_public_report(
            ids[1],
            &netra_store::ReportAction::Link { case_id: sari },
            "rina",
        )
        .await
        .unwrap();
    let policy = netra_app::retention::Retention {
        activities_without_case_after_days: Some(30),
        dismissed_cases_after_days: None,
    };
    let today = chrono::Utc::now().date_naive();
    // Not yet: 30 days after the report came.
    let (listing, _) = netra_app::retention::purge(&app.store, &policy, today, false, "admin")
        .await
        .unwrap();
    assert!(listing.public_reports.is_empty());
    let later = today + chrono::Days::new(31);
    let (listing, stats) = netra_app::retention::purge(&app.store, &policy, later, false, "admin")
        .await
        .unwrap();
    assert_eq!(listing.public_reports.len(), 1);
    assert_eq!(stats.unwrap().public_reports, 1);
    assert_eq!(lookup(&app, &gone).await.status, StatusCode::NOT_FOUND);
    assert_eq!(lookup(&app, &kept).await.status, StatusCode::OK);
    assert!(app
        .store
        .evidence_bytes(&netra_store::sha256_hex(PNG))
        .await
        .is_err());
    assert!(app.store.verify_evidence().await.unwrap().is_intact());
}
