//! `netra report` on the bundled demo: the Bawaslu report is refused until a
//! person confirms the case, then written as a PDF with the case's ASN and
//! evidence, and logged with its SHA-256; the clarification letter and the
//! weekly summary are written and logged too.

use chrono::Utc;
use netra_app::report::summary::{SummaryFormat, SummaryRequest};
use netra_app::report::{
    bawaslu_document, case_report, CaseDocInput, CaseDocKind, CaseReportRequest, ReportError,
};
use netra_app::scan::{self, ScanInput};
use netra_app::{Lang, Progress};
use netra_core::{CaseState, Catalogue};
use netra_store::{AuditQuery, CaseFilter, CaseMove, Store};

async fn move_to(store: &Store, id: i64, to: CaseState, actor: &str) {
    let version = store.case(id).await.unwrap().case.version;
    store
        .move_case(&CaseMove {
            case_id: id,
            expected_version: version,
            to,
            actor: actor.into(),
            reason: "ditinjau".into(),
            clarification: None,
        })
        .await
        .unwrap();
}

async fn report_entries(store: &Store, action: &str) -> Vec<netra_store::AuditEntry> {
    store
        .search_audit(&AuditQuery {
            action: Some(action.into()),
            limit: 100,
            ..Default::default()
        })
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(
    clippy::too_many_lines,
    reason = "one story: refuse, confirm, write, log"
)]
async fn a_bawaslu_report_needs_a_confirmed_case_and_is_logged_with_its_hash() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).await.unwrap();
    let input = ScanInput::demo(dir.path()).unwrap();
    scan::run(&input, &store, &Progress::hidden())
        .await
        .unwrap();
    let cases = store.cases(&CaseFilter::default()).await.unwrap();
    let id = cases[0].id;
    let catalogue = Catalogue::bundled().unwrap();
    let out = dir.path().join("laporan.pdf");
    let request = |kind, lang| CaseReportRequest {
        case_id: id,
        kind,
        office: None,
        catalogue: &catalogue,
        user: "hendra",
        lang,
        now: Utc::now(),
        output: &out,
    };

    // A new case: no report, no file, nothing logged, and the words say why.
    for lang in [Lang::Id, Lang::En] {
        let refused = case_report(&store, &request(CaseDocKind::Bawaslu, lang)).await;
        let Err(ReportError::Refused(why)) = refused else {
            panic!("not refused: {refused:?}");
        };
        assert!(
            why.contains(lang.pick("dikonfirmasi oleh petugas", "a person has confirmed")),
            "{why}"
        );
        assert!(
            why.contains(&format!("netra case move {id} --to confirmed")),
            "{why}"
        );
    }
    let clarification = case_report(&store, &request(CaseDocKind::Clarification, Lang::Id)).await;
    assert!(
        matches!(clarification, Err(ReportError::Refused(_))),
        "{clarification:?}"
    );
    assert!(!out.exists());
    assert!(report_entries(&store, "report").await.is_empty());

    // In review: the clarification letter can be drafted; still no report.
    move_to(&store, id, CaseState::InReview, "rina").await;
    let letter = case_report(&store, &request(CaseDocKind::Clarification, Lang::Id))
        .await
        .unwrap();
    assert!(std::fs::read(&out).unwrap().starts_with(b"%PDF-"));
    assert!(letter.pages >= 1);
    assert!(matches!(
        case_report(&store, &request(CaseDocKind::Bawaslu, Lang::Id)).await,
        Err(ReportError::Refused(_))
    ));

    // Confirmed by another reviewer: the report is written and logged.
    move_to(&store, id, CaseState::Confirmed, "hendra").await;
    let written = case_report(&store, &request(CaseDocKind::Bawaslu, Lang::Id))
        .await
        .unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(written.sha256, netra_store::sha256_hex(&bytes));
    let entries = report_entries(&store, "report.bawaslu").await;
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(
        (e.actor.as_str(), e.subject.as_str()),
        ("hendra", &*format!("case:{id}"))
    );
    assert_eq!(e.seq, written.audit_seq);
    let detail: serde_json::Value = serde_json::from_str(&e.detail).unwrap();
    assert_eq!(detail["pdf_sha256"], written.sha256);
    assert_eq!(detail["state"], "confirmed");
    assert_eq!(
        report_entries(&store, "report.clarification").await.len(),
        1
    );
    // The log holds no personal content: no name, no NIP.
    let case = store.case(id).await.unwrap();
    assert!(!e.detail.contains(&case.case.nip) && !e.detail.contains(&case.case.name));
    assert!(store.verify_audit(None).await.unwrap().is_intact());

    // What the PDF says: the reported ASN, each piece of evidence with its
    // hash, the legal basis, the deadline, the signature block.
    let mut evidence = Vec::new();
    for s in &case.signals {
        evidence.push(
            store
                .evidence_for(&format!("activity:{}", s.signal.activity_id))
                .await
                .unwrap(),
        );
    }
    let doc_input = CaseDocInput {
        detail: &case,
        evidence: &evidence,
        election_name: Some("Pemilihan Contoh".into()),
        zone: chrono_tz::Asia::Jakarta,
        office: None,
        catalogue: &catalogue,
        user: "hendra",
        lang: Lang::Id,
        now: Utc::now(),
    };
    let text = bawaslu_document(&doc_input).layout().text();
    let flat = text.replace('\n', " ");
    for want in [
        case.case.nip.as_str(),
        case.case.name.as_str(),
        case.case.position.as_str(),
        "LAPORAN DUGAAN PELANGGARAN NETRALITAS",
        "I. Identitas Pelapor",
        "II. Identitas Terlapor",
        "IV. Bukti",
        "Dasar hukum:",
        "Batas waktu laporan",
        "pasal 134",
        "Pelapor,",
        "Kop surat belum diatur",
        "Halaman 1 dari",
    ] {
        assert!(flat.contains(want), "{want:?} in\n{text}");
    }
    for s in &case.signals {
        // Hashes are shown in groups of 16 digits, one group a line.
        for group in s.activity_sha256.as_bytes().chunks(16) {
            let group = std::str::from_utf8(group).unwrap();
            assert!(flat.contains(group), "{group} of {}", s.activity_sha256);
        }
        assert!(
            flat.contains(&s.signal.activity_id),
            "{}",
            s.signal.activity_id
        );
    }
    let catalogue_basis = &catalogue
        .violations
        .iter()
        .find(|v| v.code == case.case.rules[0])
        .unwrap()
        .legal_basis[0];
    assert!(flat.contains(catalogue_basis.as_str()), "{catalogue_basis}");
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_weekly_summary_counts_every_pair_and_is_logged() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).await.unwrap();
    let input = ScanInput::demo(dir.path()).unwrap();
    scan::run(&input, &store, &Progress::hidden())
        .await
        .unwrap();
    let out = dir.path().join("ringkasan.csv");
    let (summary, written) = netra_app::report::summary::summary(
        &store,
        &SummaryRequest {
            election: None,
            from: None,
            to: None,
            format: SummaryFormat::Csv,
            office: None,
            data_dir: dir.path(),
            user: "sari",
            lang: Lang::Id,
            now: Utc::now(),
            output: &out,
        },
    )
    .await
    .unwrap();
    // Every signal was detected today: all of them are in this week's summary.
    let all = store.signals(&summary.election_id).await.unwrap();
    assert_eq!(summary.signals, all.len() as u64);
    let pairs = store.election_pairs(&summary.election_id).await.unwrap();
    assert_eq!(summary.per_pair.len(), pairs.len());
    let csv = std::fs::read_to_string(&out).unwrap();
    for p in &pairs {
        assert!(
            csv.lines()
                .any(|l| l.starts_with(&format!("pair,,{},", p.number))),
            "{csv}"
        );
    }
    assert!(summary.integrity.audit.is_intact() && summary.integrity.evidence.is_intact());
    let entries = report_entries(&store, "report.summary").await;
    assert_eq!(entries.len(), 1);
    assert!(entries[0].detail.contains(&written.sha256));
    store.close().await;
}
