//! `netra report` on the bundled demo: the Bawaslu report is refused until a
//! person confirms the case, then written as a PDF with the case's ASN and
//! evidence, and logged with its SHA-256; the clarification letter and the
//! weekly summary are written and logged too. The letter to BKN waits until
//! the case is reported to Bawaslu and names the sanction once recorded; a
//! public report's screenshot is listed in the Bawaslu report without the
//! reporter's contact.

use chrono::Utc;
use netra_app::report::summary::{SummaryFormat, SummaryRequest};
use netra_app::report::{
    bawaslu_document, bkn_document, case_report, clarification_document, CaseDocInput, CaseDocKind,
    CaseReportRequest, ReportError,
};
use netra_app::scan::{self, ScanInput};
use netra_app::{Lang, Progress};
use netra_core::{CaseState, Catalogue};
use netra_store::{
    AuditQuery, CaseFilter, CaseMove, NewPublicReport, ReportAction, ReportScreenshot, Store,
};

async fn move_to(store: &Store, id: i64, to: CaseState, actor: &str) {
    move_with(store, id, to, actor, "ditinjau").await;
}

async fn move_with(store: &Store, id: i64, to: CaseState, actor: &str, reason: &str) {
    let version = store.case(id).await.unwrap().case.version;
    store
        .move_case(&CaseMove {
            case_id: id,
            expected_version: version,
            to,
            actor: actor.into(),
            reason: reason.into(),
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
        public: &[],
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

/// The text of the PDF `case_report` wrote for `req`, lines joined by
/// spaces: the document is laid out again from the store and checked to be
/// byte for byte the file written, so the text read is the PDF's text.
async fn pdf_text(store: &Store, req: &CaseReportRequest<'_>) -> String {
    laid_out(store, req)
        .await
        .layout()
        .text()
        .replace('\n', " ")
}

/// The document `case_report` wrote for `req`, made again from the store
/// and checked to lay out byte for byte as the PDF file written.
async fn laid_out(store: &Store, req: &CaseReportRequest<'_>) -> netra_app::report::pdf::Doc {
    let detail = store.case(req.case_id).await.unwrap();
    let mut evidence = Vec::new();
    for s in &detail.signals {
        evidence.push(
            store
                .evidence_for(&format!("activity:{}", s.signal.activity_id))
                .await
                .unwrap(),
        );
    }
    let public = netra_app::report::public_evidence(store, req.case_id)
        .await
        .unwrap();
    let elections = store.elections().await.unwrap();
    let input = CaseDocInput {
        detail: &detail,
        evidence: &evidence,
        public: &public,
        election_name: elections
            .iter()
            .find(|e| e.id == detail.case.election_id)
            .map(|e| e.name.clone()),
        zone: netra_app::cases::Zones::new(&elections).zone(&detail.case.election_id),
        office: req.office,
        catalogue: req.catalogue,
        user: req.user,
        lang: req.lang,
        now: req.now,
    };
    let doc = match req.kind {
        CaseDocKind::Bawaslu => bawaslu_document(&input),
        CaseDocKind::Clarification => clarification_document(&input),
        CaseDocKind::Bkn => bkn_document(&input),
    };
    let file = std::fs::read(req.output).unwrap();
    assert!(
        doc.layout().to_pdf(req.now) == file,
        "the document laid out again differs from the PDF written"
    );
    doc
}

/// `at` (RFC 3339) as the documents write it, in the demo election's zone.
fn local(store_zone: chrono_tz::Tz, at: &str, lang: Lang) -> String {
    let t = chrono::DateTime::parse_from_rfc3339(at).unwrap().to_utc();
    lang.date_time(t, store_zone)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(
    clippy::too_many_lines,
    reason = "one story: refuse, report, write, log, record the sanction"
)]
async fn a_letter_to_bkn_needs_a_case_reported_to_bawaslu_and_names_the_sanction_once_recorded() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).await.unwrap();
    let input = ScanInput::demo(dir.path()).unwrap();
    scan::run(&input, &store, &Progress::hidden())
        .await
        .unwrap();
    let id = store.cases(&CaseFilter::default()).await.unwrap()[0].id;
    let catalogue = Catalogue::bundled().unwrap();
    let out = dir.path().join("surat-bkn.pdf");
    let now = Utc::now();
    let request = |lang| CaseReportRequest {
        case_id: id,
        kind: CaseDocKind::Bkn,
        office: None,
        catalogue: &catalogue,
        user: "hendra",
        lang,
        now,
        output: &out,
    };

    // New, in review, confirmed: not reported to Bawaslu yet, so no letter,
    // no file, nothing logged, and the words say what comes first.
    for step in [
        None,
        Some((CaseState::InReview, "rina")),
        Some((CaseState::Confirmed, "hendra")),
    ] {
        if let Some((to, actor)) = step {
            move_to(&store, id, to, actor).await;
        }
        for lang in [Lang::Id, Lang::En] {
            let refused = case_report(&store, &request(lang)).await;
            let Err(ReportError::Refused(why)) = refused else {
                panic!("not refused at {step:?}: {refused:?}");
            };
            assert!(
                why.contains(lang.pick("dilaporkan ke Bawaslu", "reported to Bawaslu")),
                "{why}"
            );
            assert!(
                why.contains(&format!("netra case move {id} --to reported")),
                "{why}"
            );
        }
    }
    assert!(!out.exists());
    assert!(report_entries(&store, "report.bkn").await.is_empty());

    // Reported to Bawaslu: the letter is written and logged.
    move_with(
        &store,
        id,
        CaseState::Reported,
        "hendra",
        "laporan diterima Bawaslu Provinsi, tanda terima 045/LP/XI/2024",
    )
    .await;
    let written = case_report(&store, &request(Lang::Id)).await.unwrap();
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    assert_eq!(written.sha256, netra_store::sha256_hex(&bytes));
    let text = pdf_text(&store, &request(Lang::Id)).await;
    let case = store.case(id).await.unwrap();
    let zone = netra_app::cases::Zones::new(&store.elections().await.unwrap())
        .zone(&case.case.election_id);
    let at = |to: CaseState| {
        let ev = case.events.iter().rev().find(|e| e.to == to).unwrap();
        local(zone, &ev.at, Lang::Id)
    };
    let violation = catalogue
        .violations
        .iter()
        .find(|v| v.code == case.case.rules[0])
        .unwrap();
    let class = match violation.class {
        netra_core::CaseClass::Ethics => "pelanggaran kode etik",
        netra_core::CaseClass::Discipline => "pelanggaran disiplin",
    };
    for want in [
        "Kepala Badan Kepegawaian Negara (BKN)",
        "A. Identitas ASN",
        case.case.name.as_str(),
        case.case.nip.as_str(),
        case.case.position.as_str(),
        case.case.unit.as_str(),
        "B. Dugaan Pelanggaran",
        violation.code.as_str(),
        class,
        violation.legal_basis[0].as_str(),
        "Rentang sanksi",
        violation.sanction.id.as_str(),
        "Dikonfirmasi petugas",
        &at(CaseState::Confirmed),
        "Dilaporkan ke Bawaslu",
        &at(CaseState::Reported),
        "tanda terima 045/LP/XI/2024",
        "D. Bukti",
        "belum ada sanksi yang dicatat",
        "memantau tindak lanjutnya oleh Pejabat Pembina Kepegawaian (PPK)",
        "pemblokiran data kepegawaian",
        "Tembusan:",
        &format!(
            "1. Pejabat Pembina Kepegawaian (PPK) instansi {}",
            case.case.unit
        ),
        "2. Badan Pengawas Pemilihan Umum (Bawaslu)",
        "Kop surat belum diatur",
        "Halaman 1 dari",
    ] {
        assert!(text.contains(want), "{want:?} in\n{text}");
    }
    for s in &case.signals {
        for group in s.activity_sha256.as_bytes().chunks(16) {
            let group = std::str::from_utf8(group).unwrap();
            assert!(text.contains(group), "{group} of {}", s.activity_sha256);
        }
    }
    assert!(
        !text.contains("E. Sanksi yang Dijatuhkan Sanksi:"),
        "{text}"
    );
    let entries = report_entries(&store, "report.bkn").await;
    assert_eq!(entries.len(), 1);
    let e = &entries[0];
    assert_eq!(
        (e.actor.as_str(), e.subject.as_str(), e.seq),
        ("hendra", &*format!("case:{id}"), written.audit_seq)
    );
    let detail: serde_json::Value = serde_json::from_str(&e.detail).unwrap();
    assert_eq!(detail["pdf_sha256"], written.sha256);
    assert_eq!(detail["kind"], "bkn");
    assert_eq!(detail["state"], "reported");
    assert!(!e.detail.contains(&case.case.nip) && !e.detail.contains(&case.case.name));

    // The PPK imposed a sanction and it is recorded: the letter names it.
    let sanction = "hukuman disiplin sedang: penundaan kenaikan pangkat 1 tahun (SK 800/123/2024)";
    move_with(&store, id, CaseState::SanctionRecorded, "hendra", sanction).await;
    let again = case_report(&store, &request(Lang::En)).await.unwrap();
    let text = pdf_text(&store, &request(Lang::En)).await;
    for want in [
        "E. Sanction imposed",
        sanction,
        "Copies to:",
        "carries out the sanction above",
        "Page 1 of",
    ] {
        assert!(text.contains(want), "{want:?} in\n{text}");
    }
    assert!(!text.contains("no sanction has been recorded"), "{text}");
    let entries = report_entries(&store, "report.bkn").await;
    assert_eq!(entries.len(), 2);
    let last = entries.iter().find(|e| e.seq == again.audit_seq).unwrap();
    let detail: serde_json::Value = serde_json::from_str(&last.detail).unwrap();
    assert_eq!(detail["state"], "sanction_recorded");
    assert_eq!(detail["pdf_sha256"], again.sha256);
    assert!(store.verify_audit(None).await.unwrap().is_intact());
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(
    clippy::too_many_lines,
    reason = "one story: report, link, confirm, write in both languages"
)]
async fn a_public_reports_screenshot_is_in_the_bawaslu_report_without_the_reporters_contact() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).await.unwrap();
    let input = ScanInput::demo(dir.path()).unwrap();
    scan::run(&input, &store, &Progress::hidden())
        .await
        .unwrap();
    let id = store.cases(&CaseFilter::default()).await.unwrap()[0].id;
    let signals = store.case(id).await.unwrap().signals.len();
    let png: Vec<u8> = b"\x89PNG\r\n\x1a\nscreenshot of a post".to_vec();
    let contact = "0812-9876-5432 pelapor.rahasia@example.org";
    let report = store
        .submit_public_report(&NewPublicReport {
            code: "KODE-LACAK-UJI-0001",
            what: "ASN ini mengajak memilih di media sosial",
            links: &["https://x.com/contoh/status/1".to_string()],
            person: Some("akun @contoh"),
            contact: Some(contact),
            screenshot: Some(ReportScreenshot {
                bytes: &png,
                media_type: "image/png",
            }),
        })
        .await
        .unwrap();
    store
        .act_on_public_report(report, &ReportAction::Link { case_id: id }, "rina")
        .await
        .unwrap();
    move_to(&store, id, CaseState::InReview, "rina").await;
    move_to(&store, id, CaseState::Confirmed, "hendra").await;
    let received = store
        .public_report_refs_of_case(id)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.id == report)
        .unwrap()
        .received_at;
    let sha = netra_store::sha256_hex(&png);
    let catalogue = Catalogue::bundled().unwrap();
    let out = dir.path().join("laporan.pdf");
    let now = Utc::now();
    let zone = netra_app::cases::Zones::new(&store.elections().await.unwrap())
        .zone(&store.case(id).await.unwrap().case.election_id);
    for lang in [Lang::Id, Lang::En] {
        let req = CaseReportRequest {
            case_id: id,
            kind: CaseDocKind::Bawaslu,
            office: None,
            catalogue: &catalogue,
            user: "hendra",
            lang,
            now,
            output: &out,
        };
        case_report(&store, &req).await.unwrap();
        let doc = laid_out(&store, &req).await;
        let text = doc.layout().text().replace('\n', " ");
        // The evidence table has a row for it, numbered after the
        // activities, with its hash.
        let grouped: Vec<&str> = sha
            .as_bytes()
            .chunks(16)
            .map(|g| std::str::from_utf8(g).unwrap())
            .collect();
        let row = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                netra_app::report::pdf::Block::Table { rows, .. } => rows
                    .iter()
                    .find(|r| r.last().map(String::as_str) == Some(&*grouped.join(" "))),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no evidence row with {sha}"));
        assert_eq!(row[0], (signals + 1).to_string());
        let row = row.join(" ").replace('\n', " ");
        for want in [
            format!(
                "{} {report}",
                lang.pick(
                    "Tangkapan layar dari laporan masyarakat no.",
                    "Screenshot from public report no."
                )
            ),
            format!(
                "{} {}",
                lang.pick("diterima", "received"),
                local(zone, &received, lang)
            ),
            lang.pick(
                "(identitas dan kontak pelapor tidak dicantumkan)",
                "(the reporter's identity and contact are not given)",
            )
            .to_string(),
        ] {
            assert!(row.contains(&want), "{want:?} in {row}");
        }
        for group in &grouped {
            assert!(text.contains(group), "{group} of {sha} in the PDF's text");
        }
        assert!(
            text.contains(lang.pick("Tangkapan layar", "Screenshot")),
            "{text}"
        );
        // Never the reporter's contact, nor what only the report holds.
        for never in [
            "0812-9876-5432",
            "pelapor.rahasia",
            "KODE-LACAK",
            "mengajak memilih di media",
        ] {
            assert!(!text.contains(never), "{never:?} in\n{text}");
            let raw = std::fs::read(&out).unwrap();
            assert!(
                !raw.windows(never.len()).any(|w| w == never.as_bytes()),
                "{never:?} in the PDF's bytes"
            );
        }
    }
    store.close().await;
}
