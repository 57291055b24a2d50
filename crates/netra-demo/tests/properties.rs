//! Properties of the generated demo data, for the bundled election and for
//! configs of other regions and years.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use netra_core::{Activity, ActivityKind, Election, Label, Phase, Platform, Reaction};
use netra_demo::{generate, Demo, DemoConfig, Rule, TruthPhase};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn election(rel: &str) -> Election {
    let path = repo().join(rel);
    Election::from_path(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The bundled election and the other configs the generator must handle.
fn elections() -> Vec<Election> {
    let mut v = vec![
        election("elections/jakarta-2024.toml"),
        election("elections/dki-jakarta-2017.toml"),
    ];
    let shared = "../shared/data/elections/pilpres-2019.toml";
    if repo().join(shared).exists() {
        v.push(election(shared));
    }
    v
}

/// Default-size demo per election id, generated once.
fn demos() -> &'static Vec<(Election, Demo)> {
    static DEMOS: OnceLock<Vec<(Election, Demo)>> = OnceLock::new();
    DEMOS.get_or_init(|| {
        elections()
            .into_iter()
            .map(|e| {
                let d = generate(&e, &DemoConfig::default());
                (e, d)
            })
            .collect()
    })
}

fn key(platform: Platform, handle: &str) -> String {
    netra_core::activity::account_key(platform, handle)
}

/// Account key → NIP of the registered ASN who declared it.
fn owners(demo: &Demo) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for r in &demo.registry {
        for a in &r.accounts {
            let prev = m.insert(a.key(), r.nip.as_str().to_string());
            assert!(prev.is_none(), "account {} declared twice", a.key());
        }
    }
    m
}

/// Checks a NIP against the rules of domain.md and the election's dates.
fn nip_problem(nip: &str, e: &Election) -> Option<String> {
    if nip.len() != 18 || !nip.bytes().all(|b| b.is_ascii_digit()) {
        return Some("not 18 digits".into());
    }
    let num = |r: std::ops::Range<usize>| nip[r].parse::<u32>().unwrap();
    let Some(birth) = NaiveDate::parse_from_str(&nip[0..8], "%Y%m%d").ok() else {
        return Some("birth date is not a date".into());
    };
    let tl = &e.election.timeline;
    let age_at = |d: NaiveDate| {
        let mut a = d.year() - birth.year();
        if (d.month(), d.day()) < (birth.month(), birth.day()) {
            a -= 1;
        }
        a
    };
    if age_at(tl.candidate_determination) < 20 || age_at(tl.voting_day) > 58 {
        return Some(format!("age out of 20–58 (born {birth})"));
    }
    let (ay, am) = (num(8..12), num(12..14));
    if !(1..=12).contains(&am) {
        return Some("appointment month".into());
    }
    let appointed = NaiveDate::from_ymd_opt(i32::try_from(ay).unwrap(), am, 1).unwrap();
    if age_at(appointed) < 18 {
        return Some(format!(
            "appointed {appointed} before age 18 (born {birth})"
        ));
    }
    let det = tl.candidate_determination;
    if (appointed.year(), appointed.month()) > (det.year(), det.month()) {
        return Some("appointed after the election".into());
    }
    if !matches!(&nip[14..15], "1" | "2") {
        return Some("gender digit".into());
    }
    if num(15..18) == 0 {
        return Some("serial 000".into());
    }
    None
}

#[test]
fn same_seed_gives_same_bytes_and_another_seed_other_bytes() {
    let e = election("elections/jakarta-2024.toml");
    let c = DemoConfig {
        seed: 1,
        asn_count: 80,
        activity_count: 3_000,
    };
    let a = generate(&e, &c);
    let b = generate(&e, &c);
    assert_eq!(a.registry_csv, b.registry_csv);
    assert_eq!(a.activities_jsonl, b.activities_jsonl);
    assert_eq!(a.truth_jsonl, b.truth_jsonl);
    let other = generate(&e, &DemoConfig { seed: 2, ..c });
    assert_ne!(a.registry_csv, other.registry_csv);
    assert_ne!(a.activities_jsonl, other.activities_jsonl);
    assert_ne!(a.truth_jsonl, other.truth_jsonl);
}

#[test]
fn nips_are_valid_and_unique() {
    for (e, d) in demos() {
        let mut seen = HashSet::new();
        for r in &d.registry {
            let nip = r.nip.as_str();
            if let Some(p) = nip_problem(nip, e) {
                panic!("{}: NIP {nip} of {}: {p}", e.election.id, r.name);
            }
            // And netra-core's own validation, as of voting day.
            let parsed = netra_core::Nip::parse(nip).expect("netra-core accepts the NIP");
            parsed
                .check_as_of(e.election.timeline.voting_day)
                .expect("netra-core accepts the NIP as of voting day");
            assert!(seen.insert(nip.to_string()), "NIP {nip} twice");
        }
        assert_eq!(d.registry.len(), 300);
    }
}

#[test]
fn registry_csv_parses_and_matches_the_records() {
    for (e, d) in demos() {
        let mut rdr = csv::Reader::from_reader(d.registry_csv.as_bytes());
        let headers = rdr.headers().unwrap().clone();
        assert_eq!(
            headers.iter().collect::<Vec<_>>(),
            ["nip", "name", "position", "unit", "accounts"]
        );
        let rows: Vec<csv::StringRecord> = rdr.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), d.registry.len());
        let mut units = BTreeSet::new();
        let mut declared = 0;
        for (row, rec) in rows.iter().zip(&d.registry) {
            assert_eq!(&row[0], rec.nip.as_str());
            assert_eq!(&row[1], rec.name);
            units.insert(row[3].to_string());
            for acc in row[4].split(';').filter(|s| !s.is_empty()) {
                let (p, h) = acc.split_once(':').expect("platform:handle");
                assert!(Platform::parse(p).is_some(), "{acc}");
                assert!(!h.is_empty() && !h.contains(char::is_whitespace), "{acc}");
                declared += 1;
            }
            assert!(rec.accounts.len() <= 3);
        }
        assert!(
            units.len() >= 8,
            "{}: only {} units",
            e.election.id,
            units.len()
        );
        assert!(declared > d.registry.len(), "most ASN declare accounts");
        owners(d); // no account declared twice
    }
}

#[test]
fn activities_round_trip_and_are_sorted_with_unique_ids() {
    for (e, d) in demos() {
        assert_eq!(d.activities.len(), 20_000);
        let mut ids = HashSet::new();
        for (line, a) in d.activities_jsonl.lines().zip(&d.activities) {
            let parsed: Activity = serde_json::from_str(line).expect("line parses");
            assert_eq!(&parsed, a);
            assert!(ids.insert(a.id.clone()), "id {} twice", a.id);
            assert!(a.id.starts_with(&format!("{}:", a.platform.as_str())));
            let zone_offset = a
                .created_at
                .with_timezone(&e.election.timezone)
                .offset()
                .to_string();
            assert!(!zone_offset.is_empty());
            assert_eq!(
                a.created_at
                    .with_timezone(&e.election.timezone)
                    .naive_local(),
                a.created_at.naive_local(),
                "{}: created_at is written in the election's zone",
                a.id
            );
            for t in [
                Some(&a.text),
                a.target.as_ref().and_then(|t| t.text.as_ref()),
            ]
            .into_iter()
            .flatten()
            .chain(a.media.iter().filter_map(|m| m.alt.as_ref()))
            {
                assert!(
                    !t.contains('{') && !t.contains('}'),
                    "unfilled slot in {t:?}"
                );
            }
        }
        assert!(d
            .activities
            .windows(2)
            .all(|w| w[0].created_at <= w[1].created_at));
    }
}

#[test]
fn every_truth_line_is_an_activity_of_a_registered_account_in_the_window() {
    for (e, d) in demos() {
        let owners = owners(d);
        let by_id: HashMap<&str, &Activity> =
            d.activities.iter().map(|a| (a.id.as_str(), a)).collect();
        let numbers: BTreeSet<u32> = e.numbers().into_iter().collect();
        let mut seen = HashSet::new();
        for t in &d.truth {
            assert!(
                seen.insert(&t.activity_id),
                "truth for {} twice",
                t.activity_id
            );
            let a = by_id
                .get(t.activity_id.as_str())
                .unwrap_or_else(|| panic!("truth names unknown activity {}", t.activity_id));
            let k = key(a.platform, &a.account);
            assert_eq!(
                owners.get(&k).map(String::as_str),
                Some(t.nip.as_str()),
                "{}: account {k} is not declared by {}",
                t.activity_id,
                t.nip
            );
            assert!(matches!(t.label, Label::Support | Label::Oppose));
            assert!(numbers.contains(&t.target));
            let phase = match e.phase_at(&a.created_at) {
                Phase::BeforeDetermination => TruthPhase::Ethics,
                Phase::AfterDetermination => TruthPhase::Discipline,
                p => panic!("{}: truth outside the window ({p:?})", t.activity_id),
            };
            assert_eq!(phase, t.phase, "{}", t.activity_id);
        }
    }
}

#[test]
fn truth_is_roughly_symmetric_across_pairs() {
    for (e, d) in demos() {
        let mut per: BTreeMap<u32, usize> = e.numbers().into_iter().map(|n| (n, 0)).collect();
        for t in &d.truth {
            *per.entry(t.target).or_default() += 1;
        }
        let mean = d.truth.len() as f64 / per.len() as f64;
        for (n, c) in &per {
            let dev = (*c as f64 - mean).abs() / mean;
            assert!(
                dev <= 0.30,
                "{}: pair {n} has {c} truth lines, mean {mean:.1}: {per:?}",
                e.election.id
            );
        }
    }
}

#[test]
fn kinds_platforms_and_counts_are_as_intended() {
    for (e, d) in demos() {
        let id = &e.election.id;
        let n = d.activities.len() as f64;
        let mut kinds: BTreeMap<ActivityKind, usize> = BTreeMap::new();
        let mut platforms: BTreeMap<Platform, usize> = BTreeMap::new();
        for a in &d.activities {
            *kinds.entry(a.kind).or_default() += 1;
            *platforms.entry(a.platform).or_default() += 1;
        }
        for k in ActivityKind::ALL {
            assert!(kinds.get(&k).copied().unwrap_or(0) > 0, "{id}: no {k}");
        }
        for p in Platform::ALL {
            assert!(platforms.get(&p).copied().unwrap_or(0) > 0, "{id}: no {p}");
        }
        let share = |k: ActivityKind| kinds.get(&k).copied().unwrap_or(0) as f64 / n;
        assert!(
            (0.30..=0.60).contains(&share(ActivityKind::Post)),
            "{id}: {kinds:?}"
        );
        assert!(
            (0.15..=0.40).contains(&share(ActivityKind::Like)),
            "{id}: {kinds:?}"
        );
        let owners = owners(d);
        let registered = d
            .activities
            .iter()
            .filter(|a| owners.contains_key(&key(a.platform, &a.account)))
            .count() as f64;
        assert!(
            (0.55..=0.85).contains(&(registered / n)),
            "{id}: registered share"
        );
        // A minority (10–15 %) of the registry is non-neutral.
        let partisans: HashSet<&str> = d.truth.iter().map(|t| t.nip.as_str()).collect();
        let ratio = partisans.len() as f64 / d.registry.len() as f64;
        assert!(
            (0.08..=0.16).contains(&ratio),
            "{id}: {ratio:.2} non-neutral"
        );
        assert!(
            (150..=450).contains(&d.truth.len()),
            "{id}: {} truth lines",
            d.truth.len()
        );
        let phases: HashSet<TruthPhase> = d.truth.iter().map(|t| t.phase).collect();
        assert_eq!(
            phases.len(),
            2,
            "{id}: truth has both ethics and discipline"
        );
        let rules: HashSet<Rule> = d.truth.iter().map(|t| t.rule).collect();
        for r in [
            Rule::PostStance,
            Rule::LikeSupportive,
            Rule::ShareSupportive,
            Rule::ShareAttack,
            Rule::Twibbon,
            Rule::FingerPose,
        ] {
            assert!(rules.contains(&r), "{id}: no {r} in truth");
        }
        if e.candidates.iter().any(|c| !c.accounts.is_empty()) {
            assert!(
                rules.contains(&Rule::LikeOfficial),
                "{id}: no like-official"
            );
        }
    }
}

#[test]
fn registered_interactions_with_official_accounts_are_all_in_the_truth() {
    for (e, d) in demos() {
        let owners = owners(d);
        let truth: HashMap<&str, _> = d
            .truth
            .iter()
            .map(|t| (t.activity_id.as_str(), t))
            .collect();
        for a in &d.activities {
            let Some(target) = a.target.as_ref().and_then(|t| t.account.as_deref()) else {
                continue;
            };
            let Some(pair) = e.account_owner(&key(a.platform, target)) else {
                continue;
            };
            let registered = owners.contains_key(&key(a.platform, &a.account));
            let in_window = matches!(
                e.phase_at(&a.created_at),
                Phase::BeforeDetermination | Phase::AfterDetermination
            );
            match truth.get(a.id.as_str()) {
                Some(t) => {
                    assert_eq!(t.target, pair, "{}", a.id);
                    let expect = if a.reaction == Some(Reaction::Haha) {
                        Label::Oppose
                    } else {
                        Label::Support
                    };
                    assert_eq!(t.label, expect, "{}", a.id);
                }
                None => assert!(
                    !(registered && in_window),
                    "{}: a registered account's {} of pair {pair}'s official account is not in the truth",
                    a.id,
                    a.kind
                ),
            }
        }
    }
}

#[test]
fn hard_negatives_and_outsiders_are_present_and_never_in_the_truth() {
    let (e, d) = &demos()[0];
    assert_eq!(e.election.id, "jakarta-2024");
    let owners = owners(d);
    let truth: HashSet<&str> = d.truth.iter().map(|t| t.activity_id.as_str()).collect();
    let registered = |a: &Activity| owners.contains_key(&key(a.platform, &a.account));
    let count = |f: &dyn Fn(&Activity) -> bool| {
        let hits: Vec<&Activity> = d.activities.iter().filter(|a| f(a)).collect();
        for a in &hits {
            assert!(
                !truth.contains(a.id.as_str()),
                "{} is a hard negative: {a:?}",
                a.id
            );
        }
        hits.len()
    };
    // A campaign twibbon makes a signal whatever the bio says; leave those out.
    let campaign_twibbon = |a: &Activity| {
        a.media.iter().filter_map(|m| m.alt.as_deref()).any(|alt| {
            let alt = alt.to_lowercase();
            alt.contains("twibbon") && !alt.contains("twibbon hari") && !alt.contains("twibbon hut")
        })
    };
    let text = |a: &Activity| {
        if campaign_twibbon(a) {
            String::new()
        } else {
            a.own_text().to_lowercase()
        }
    };
    assert!(count(&|a| registered(a) && text(a).contains("dharma wanita")) >= 5);
    assert!(count(&|a| registered(a) && text(a).contains("kun fayakun")) >= 1);
    assert!(count(&|a| registered(a) && text(a).contains("di hatiku")) >= 1);
    assert!(count(&|a| registered(a) && text(a).contains("jangan golput")) >= 5);
    assert!(count(&|a| registered(a) && text(a).contains("twibbon hari")) >= 1);
    assert!(count(&|a| registered(a) && text(a).contains("kader posyandu")) >= 1);
    // Likes and shares of news outlets' posts.
    let news: HashSet<&str> = [
        "kabarnusa_id",
        "wartakini",
        "suaralokal_news",
        "beritapagi_id",
        "infoterkini_tv",
        "portalwarga",
    ]
    .into();
    let on_news = |a: &Activity| {
        a.target
            .as_ref()
            .and_then(|t| t.account.as_deref())
            .is_some_and(|h| news.contains(h))
    };
    assert!(count(&|a| registered(a) && a.kind == ActivityKind::Like && on_news(a)) >= 100);
    // Plain shares of news (a share with own partisan text is judged by that text).
    let plain = |a: &Activity| a.text.chars().count() < 20;
    assert!(
        count(&|a| registered(a)
            && matches!(a.kind, ActivityKind::Share | ActivityKind::Repost)
            && plain(a)
            && on_news(a))
            >= 50
    );
    // Registered accounts outside the monitoring window.
    let outside = |a: &Activity| {
        matches!(
            e.phase_at(&a.created_at),
            Phase::BeforeWindow | Phase::AfterWindow
        )
    };
    assert!(count(&|a| registered(a) && outside(a)) >= 10);
    // Accounts outside the registry, partisan ones included.
    let partisan_outsiders = d
        .activities
        .iter()
        .filter(|a| !registered(a) && e.account_owner(&key(a.platform, &a.account)).is_none())
        .filter(|a| {
            a.target
                .as_ref()
                .and_then(|t| t.account.as_deref())
                .is_some_and(|h| e.account_owner(&key(a.platform, h)).is_some())
        })
        .count();
    assert!(partisan_outsiders >= 50, "{partisan_outsiders}");
    assert!(d
        .activities
        .iter()
        .filter(|a| !registered(a))
        .all(|a| !truth.contains(a.id.as_str())));
}

#[test]
fn nothing_of_one_election_leaks_into_another() {
    let all = demos();
    for (e, d) in all {
        for (other, _) in all {
            if other.election.id == e.election.id {
                continue;
            }
            let ours: HashSet<&str> = e
                .candidates
                .iter()
                .flat_map(|c| c.names.iter().map(String::as_str))
                .collect();
            for c in &other.candidates {
                for name in c.names.iter().chain(&c.hashtags) {
                    if ours.contains(name.as_str())
                        || e.candidates
                            .iter()
                            .any(|k| k.hashtags.contains(name) || k.aliases.contains(name))
                    {
                        continue;
                    }
                    assert!(
                        !contains_word(&d.activities_jsonl, name),
                        "{}'s demo mentions {name:?} of {}",
                        e.election.id,
                        other.election.id
                    );
                }
            }
        }
    }
}

#[test]
fn small_and_odd_configs_do_not_panic_and_give_exact_counts() {
    let single = Election::from_toml_str(
        r#"[election]
id = "solo-2031"
name = "Pemilihan Bupati Contoh 2031"
region = "Kabupaten Contoh"
timezone = "Asia/Jayapura"
[election.timeline]
candidate_determination = 2031-09-22
campaign_start = 2031-09-25
campaign_end = 2031-11-23
voting_day = 2031-11-27
monitoring_start = 2031-09-22
[[candidates]]
number = 4
names = ["Tunggal"]
"#,
        "solo.toml",
    )
    .unwrap();
    let jakarta = election("elections/jakarta-2024.toml");
    for e in [&single, &jakarta] {
        for asn_count in [0, 1, 5, 40] {
            for activity_count in [0, 1, 50, 700] {
                let c = DemoConfig {
                    seed: 9,
                    asn_count,
                    activity_count,
                };
                let d = generate(e, &c);
                assert_eq!(d.registry.len(), asn_count);
                assert_eq!(
                    d.activities.len(),
                    activity_count,
                    "{asn_count}/{activity_count}"
                );
                assert_eq!(d.activities_jsonl.lines().count(), activity_count);
                assert_eq!(d.truth_jsonl.lines().count(), d.truth.len());
                let ids: HashSet<&str> = d.activities.iter().map(|a| a.id.as_str()).collect();
                assert!(d.truth.iter().all(|t| ids.contains(t.activity_id.as_str())));
            }
        }
    }
    // Jayapura is UTC+9: times carry that offset.
    let d = generate(
        &single,
        &DemoConfig {
            seed: 1,
            asn_count: 20,
            activity_count: 200,
        },
    );
    assert!(d.activities_jsonl.contains("+09:00"));
}

/// `needle` occurs in `hay` with no letter or digit right before or after it.
fn contains_word(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}
