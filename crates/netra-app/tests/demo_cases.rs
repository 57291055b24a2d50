//! `scan` end to end on the bundled demo, measured against its ground truth
//! (`demo/truth.jsonl`): signals per activity, and cases per ASN × pair.
//! The numbers printed here are the ones in BENCHMARKS.md ("Rules and cases
//! on the demo"); run with
//! `cargo test -p netra-app --test demo_cases -- --nocapture`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use netra_app::scan::{self, ScanInput};
use netra_app::Progress;
use netra_core::{CaseClass, Label};
use netra_store::{CaseFilter, Store};

/// Precision and recall must both reach this, for signals and for cases.
const THRESHOLD: f64 = 0.95;

struct Truth {
    nip: String,
    label: Label,
    target: u32,
    phase: String,
}

fn truth() -> HashMap<String, Truth> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo/truth.jsonl");
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_string();
            (
                s("activity_id"),
                Truth {
                    nip: s("nip"),
                    label: Label::parse(&s("label")).unwrap(),
                    target: u32::try_from(v["target"].as_u64().unwrap()).unwrap(),
                    phase: s("phase"),
                },
            )
        })
        .collect()
}

fn ratio(a: usize, b: usize) -> f64 {
    a as f64 / b.max(1) as f64
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(
    clippy::too_many_lines,
    reason = "one benchmark, measure after measure"
)]
async fn demo_scan_recovers_the_ground_truth() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).await.unwrap();
    let input = ScanInput::demo(dir.path()).unwrap();
    let started = Utc::now();
    let report = scan::run(&input, &store, &Progress::hidden())
        .await
        .unwrap();
    let election = report.election_id.clone();
    let truth = truth();

    // Signals, per activity: right when some signal of the activity has the truth's stance and pair.
    let signals = store.signals(&election).await.unwrap();
    let mut by_activity: BTreeMap<&str, Vec<(Label, u32)>> = BTreeMap::new();
    for s in &signals {
        by_activity
            .entry(&s.activity_id)
            .or_default()
            .push((s.label, s.target));
    }
    let tp = by_activity
        .iter()
        .filter(|(id, found)| {
            truth
                .get(**id)
                .is_some_and(|t| found.contains(&(t.label, t.target)))
        })
        .count();
    let (sig_p, sig_r) = (ratio(tp, by_activity.len()), ratio(tp, truth.len()));

    // Cases, per ASN × pair: the pairs each case's signals name.
    let cases = store
        .cases(&CaseFilter {
            election_id: Some(election.clone()),
            ..CaseFilter::default()
        })
        .await
        .unwrap();
    let mut found: BTreeSet<(String, u32)> = BTreeSet::new();
    let mut found_stance: BTreeSet<(String, u32, Label)> = BTreeSet::new();
    for c in &cases {
        let d = store.case(c.id).await.unwrap();
        assert!(!d.signals.is_empty());
        for s in &d.signals {
            found.insert((c.nip.clone(), s.signal.target));
            found_stance.insert((c.nip.clone(), s.signal.target, s.signal.label));
        }
        // Deadline: 7 days from detection (this scan), not from the post.
        let deadline = DateTime::parse_from_rfc3339(&c.deadline).unwrap().to_utc();
        assert!(
            deadline >= started + Duration::days(7) - Duration::seconds(1)
                && deadline <= Utc::now() + Duration::days(7),
            "case {} deadline {} is not 7 days from detection",
            c.id,
            c.deadline
        );
    }
    let want: BTreeSet<(String, u32)> = truth.values().map(|t| (t.nip.clone(), t.target)).collect();
    let want_stance: BTreeSet<(String, u32, Label)> = truth
        .values()
        .map(|t| (t.nip.clone(), t.target, t.label))
        .collect();
    let hit = found.intersection(&want).count();
    let (case_p, case_r) = (ratio(hit, found.len()), ratio(hit, want.len()));
    let hit_stance = found_stance.intersection(&want_stance).count();
    let asn_found: BTreeSet<&str> = cases.iter().map(|c| c.nip.as_str()).collect();
    let asn_want: BTreeSet<&str> = truth.values().map(|t| t.nip.as_str()).collect();
    let asn_hit = asn_found.intersection(&asn_want).count();

    // Class: discipline when some truth line of the ASN is from the determination on.
    let mut want_class: BTreeMap<&str, CaseClass> = BTreeMap::new();
    for t in truth.values() {
        let c = if t.phase == "discipline" {
            CaseClass::Discipline
        } else {
            CaseClass::Ethics
        };
        let e = want_class.entry(&t.nip).or_insert(c);
        if c == CaseClass::Discipline {
            *e = c;
        }
    }
    let class_ok = cases
        .iter()
        .filter(|c| want_class.get(c.nip.as_str()) == Some(&c.class))
        .count();
    let mut severities: BTreeMap<String, usize> = BTreeMap::new();
    for c in &cases {
        *severities.entry(c.severity.to_string()).or_default() += 1;
    }

    println!(
        "Rules and cases on the demo ({} activities, {} truth lines, {} ASN in the truth)",
        report.files[0].read,
        truth.len(),
        asn_want.len()
    );
    println!("text stance: {}", report.stance_reader.1);
    println!(
        "signals (per activity): precision {sig_p:.3} recall {sig_r:.3} ({tp} right of {} flagged, {} in the truth; {} signals)",
        by_activity.len(),
        truth.len(),
        signals.len()
    );
    println!(
        "cases (per ASN x pair): precision {case_p:.3} recall {case_r:.3} ({hit} right of {} found, {} in the truth)",
        found.len(),
        want.len()
    );
    println!(
        "cases (per ASN x pair x stance): {hit_stance} right of {} found, {} in the truth",
        found_stance.len(),
        want_stance.len()
    );
    println!(
        "cases (per ASN): {asn_hit} right of {} cases, {} in the truth; class agrees on {class_ok}; severity {severities:?}",
        cases.len(),
        asn_want.len()
    );

    assert!(
        sig_p >= THRESHOLD && sig_r >= THRESHOLD,
        "signals P {sig_p:.3} R {sig_r:.3}"
    );
    assert!(
        case_p >= THRESHOLD && case_r >= THRESHOLD,
        "cases P {case_p:.3} R {case_r:.3}"
    );
    assert_eq!(asn_hit, asn_want.len(), "every non-neutral ASN has a case");
    assert_eq!(cases.len(), asn_want.len(), "no case for a neutral ASN");
    store.close().await;
}

const ELECTION: &str = r#"
[election]
id = "kota-contoh-2030"
name = "Pemilihan Wali Kota Contoh 2030"
region = "Kota Contoh"
[election.timeline]
candidate_determination = 2030-09-22
campaign_start = 2030-09-25
campaign_end = 2030-11-23
voting_day = 2030-11-27
[[candidates]]
number = 1
names = ["Budi Santoso", "Rina Kartika"]
hashtags = ["BudiRina"]
accounts = [{ platform = "x", handle = "budisantoso" }]
[[candidates]]
number = 2
names = ["Andi Wijaya", "Sari Dewi"]
hashtags = ["AndiSari"]
accounts = [{ platform = "x", handle = "andiwijaya" }]
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[allow(clippy::too_many_lines, reason = "one scenario, step after step")]
async fn only_registered_accounts_get_cases_with_ethics_and_discipline() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_in_dir(dir.path()).await.unwrap();
    let registry = dir.path().join("registry.csv");
    std::fs::write(
        &registry,
        "nip,name,position,unit,accounts\n\
         198105032014021001,Dewi Lestari,Analis,Dinas Contoh,x:dewi_asn\n\
         199001012015031002,Agus Salim,Staf,Dinas Lain,x:agus_asn\n",
    )
    .unwrap();
    let acts = dir.path().join("a.jsonl");
    // A like of an official post at 10:00 WIB on `day`; the platform is the id's prefix.
    let like = |id: &str, account: &str, day: &str, target: &str| {
        let platform = id.split_once(':').unwrap().0;
        format!(
            r#"{{"id":"{id}","platform":"{platform}","account":"{account}","kind":"like","created_at":"{day}T10:00:00+07:00","target":{{"account":"{target}","id":"x:99"}}}}"#
        )
    };
    let lines = [
        // A registered ASN likes pair 1's official post before and after the determination.
        like("x:1", "dewi_asn", "2030-09-01", "budisantoso"),
        like("x:2", "dewi_asn", "2030-10-01", "budisantoso"),
        // Another registered ASN likes pair 2's official post before the determination only.
        like("x:3", "agus_asn", "2030-09-01", "andiwijaya"),
        // Not in the registry: an unknown account, and a registered handle on an undeclared platform.
        like("x:4", "orang_lain", "2030-10-01", "budisantoso"),
        like("instagram:5", "dewi_asn", "2030-10-01", "budisantoso"),
        // A registered ASN likes a news outlet's neutral post.
        r#"{"id":"x:6","platform":"x","account":"agus_asn","kind":"like","created_at":"2030-10-02T10:00:00+07:00","target":{"account":"beritakota","text":"KPU umumkan jadwal debat publik"}}"#
            .to_string(),
    ];
    std::fs::write(&acts, lines.join("\n")).unwrap();
    let input = ScanInput {
        election: netra_core::Election::from_toml_str(ELECTION, "kota.toml").unwrap(),
        registry,
        activities: vec![acts],
        user: "tester".into(),
        catalogue: netra_core::Catalogue::bundled().unwrap(),
        include_outside_window: false,
        ocr: netra_app::ocr::ImageReader::off(),
    };
    let report = scan::run(&input, &store, &Progress::hidden())
        .await
        .unwrap();
    assert_eq!(report.files[0].unregistered, 2);
    let cases = store.cases(&CaseFilter::default()).await.unwrap();
    let got: Vec<(&str, u32, CaseClass, Vec<String>)> = cases
        .iter()
        .map(|c| (c.nip.as_str(), c.target, c.class, c.rules.clone()))
        .collect();
    assert_eq!(
        got.len(),
        2,
        "one case per registered ASN with signals, none for others: {got:?}"
    );
    let dewi = got.iter().find(|c| c.0 == "198105032014021001").unwrap();
    assert_eq!(
        (dewi.1, dewi.2, dewi.3.clone()),
        (
            1,
            CaseClass::Discipline,
            vec!["DISIPLIN-02".to_string(), "ETIK-02".to_string()]
        )
    );
    let agus = got.iter().find(|c| c.0 == "199001012015031002").unwrap();
    assert_eq!(
        (agus.1, agus.2, agus.3.clone()),
        (2, CaseClass::Ethics, vec!["ETIK-02".to_string()])
    );
    let detail = store
        .case(
            cases
                .iter()
                .find(|c| c.nip == "198105032014021001")
                .unwrap()
                .id,
        )
        .await
        .unwrap();
    let ids: Vec<&str> = detail
        .signals
        .iter()
        .map(|s| s.signal.activity_id.as_str())
        .collect();
    assert_eq!(
        ids,
        ["x:2", "x:1"],
        "discipline (stronger) first; no signal from unregistered accounts"
    );
    store.close().await;
}
