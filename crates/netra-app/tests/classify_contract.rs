//! `netra classify` output against the contract checker of the shared tools
//! (`../shared/tools/check-classify-output`), on activities of every kind,
//! bad lines included.

use std::path::Path;
use std::process::Command;

use netra_core::Election;
use netra_detect::StanceClassifier;

const INPUT: &str = r##"{"id":"x:1","platform":"x","account":"asn1","kind":"post","text":"Yuk coblos nomor 3, Jakarta makin menyala! 🔥 #JakartaMenyala","created_at":"2024-10-01T08:00:00+07:00"}
{"id":"x:2","platform":"x","account":"asn1","kind":"post","text":"KPU DKI tetapkan tiga paslon, pengundian nomor urut besok","created_at":"2024-10-01T08:00:00+07:00"}
{"id":"x:3","platform":"x","account":"asn1","kind":"like","target":{"account":"pramonoanung","id":"x:99"},"created_at":"2024-10-01T08:00:00+07:00"}
{"id":"ig:4","platform":"instagram","account":"asn2","kind":"like","reaction":"haha","target":{"account":"ridwankamil","text":"Jakarta Baru!"},"created_at":"2024-10-01T08:00:00+07:00"}
{"id":"x:5","platform":"x","account":"asn2","kind":"share","target":{"account":"someone","text":"Jangan pilih RIDO, programnya cuma janji manis"},"created_at":"2024-10-01T08:00:00+07:00"}
{"id":"ig:6","platform":"instagram","account":"asn2","kind":"follow","target":{"account":"dharmapongrekun"},"created_at":"2024-10-01T08:00:00+07:00"}
{"id":"fb:7","platform":"facebook","account":"asn3","kind":"comment","text":"Mantap rendangnya bu","target":{"account":"ibu"},"created_at":"2024-10-01T08:00:00+07:00"}
{"id":"x:8","platform":"x","account":"asn3","kind":"quote","text":"👍","target":{"text":"Gas Pram-Doel! #PramDoel"},"created_at":"2024-10-01T08:00:00+07:00"}
{"id":"x:9","platform":"x","account":"asn3","kind":"profile","text":"ASN | Kader Gerindra","created_at":"2024-10-01T08:00:00+07:00"}
{"id":"x:10","platform":"x","account":"asn3","kind":"like","created_at":"2024-10-01T08:00:00+07:00"}

this is not json
{"no_id":true}
{"id":"x:11","platform":"myspace","account":"asn4","kind":"post","text":"#RIDO #JakartaBaru","created_at":"2024-10-01T08:00:00+07:00"}
"##;

fn classifier() -> StanceClassifier {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let e = Election::from_path(&root.join("elections/jakarta-2024.toml")).unwrap();
    StanceClassifier::new(netra_app::classify::load_model(None).unwrap(), &e)
}

#[test]
fn classify_output_passes_the_contract_checker() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let output = dir.path().join("out.jsonl");
    std::fs::write(&input, INPUT).unwrap();
    let out = std::fs::File::create(&output).unwrap();
    let stats = netra_app::classify::run(
        &classifier(),
        INPUT.as_bytes(),
        "in.jsonl",
        out,
        netra_app::Lang::Id,
    )
    .unwrap();
    assert_eq!(stats.written, 11);
    assert_eq!(stats.problems_total, 3, "{:?}", stats.problems);
    assert!(
        stats.problems[0].starts_with("in.jsonl:12: "),
        "{:?}",
        stats.problems
    );
    assert!(
        stats.problems[1].starts_with("in.jsonl:13: "),
        "{:?}",
        stats.problems
    );
    assert!(
        stats.problems[2].starts_with("in.jsonl:14: not a valid activity"),
        "{:?}",
        stats.problems
    );

    let checker =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/tools/check-classify-output");
    let run = Command::new("python3")
        .arg(&checker)
        .arg(&input)
        .arg(&output)
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{report}");

    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&output)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let get = |id: &str| lines.iter().find(|v| v["id"] == id).unwrap().clone();
    let lt = |id: &str| {
        let v = get(id);
        (
            v["label"].as_str().unwrap().to_string(),
            v["target"].as_u64(),
        )
    };
    assert_eq!(lt("x:1"), ("support".into(), Some(3)));
    assert_eq!(lt("x:2"), ("political_neutral".into(), None));
    assert_eq!(lt("x:3"), ("support".into(), Some(3)));
    assert_eq!(lt("ig:4"), ("political_neutral".into(), None));
    assert_eq!(lt("x:5"), ("oppose".into(), Some(1)));
    assert_eq!(lt("ig:6"), ("support".into(), Some(2)));
    assert_eq!(lt("fb:7"), ("not_political".into(), None));
    assert_eq!(lt("x:8"), ("support".into(), Some(3)));
    assert_eq!(lt("x:11"), ("support".into(), Some(1)));
    // Reasons follow the language (Bahasa Indonesia here).
    assert_eq!(
        get("x:3")["reasons"][0].as_str().unwrap(),
        "menyukai konten x:pramonoanung, akun paslon 3"
    );
    assert!(
        get("x:1")["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_str().unwrap().starts_with("model: dukung 0,")),
        "{}",
        get("x:1")
    );
    assert!(
        get("x:11")["reasons"][0]
            .as_str()
            .unwrap()
            .starts_with("masukan bukan aktivitas yang sah ("),
        "{}",
        get("x:11")
    );
}

#[test]
fn classify_reasons_in_english_on_request() {
    let mut out = Vec::new();
    netra_app::classify::run(
        &classifier(),
        INPUT.lines().nth(2).unwrap().as_bytes(),
        "in.jsonl",
        &mut out,
        netra_app::Lang::En,
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(
        v["reasons"][0].as_str().unwrap(),
        "like of content by x:pramonoanung, an account of pair 3"
    );
}
