use super::*;

const GOOD: &str = r#"[election]
id = "demo-2030"
name = "Pemilihan Demo 2030"
region = "Kota Contoh"
[election.timeline]
candidate_determination = 2030-09-22
campaign_start = 2030-09-25
campaign_end = 2030-11-23
voting_day = 2030-11-27
[[candidates]]
number = 2
names = ["Calon Dua", "Wakil Dua"]
hashtags = ["DuaMenang"]
accounts = [{ platform = "instagram", handle = "@calondua" }]
[[candidates]]
number = 1
names = ["Calon Satu", "Wakil Satu"]
aliases = ["CASA"]
"#;

#[test]
fn good_config_loads_with_defaults() {
    let e = Election::from_toml_str(GOOD, "good.toml").unwrap();
    assert_eq!(e.election.id, "demo-2030");
    assert_eq!(e.election.timezone, chrono_tz::Asia::Jakarta);
    assert_eq!(e.numbers(), vec![1, 2], "candidates are sorted by number");
    assert_eq!(e.candidate(2).unwrap().accounts[0].handle, "calondua");
    assert_eq!(e.account_owner("instagram:calondua"), Some(2));
    assert_eq!(e.account_owner("instagram:someone"), None);
    let tl = &e.election.timeline;
    assert_eq!(
        tl.monitoring_start,
        NaiveDate::from_ymd_opt(2030, 5, 25).unwrap()
    );
    assert_eq!(
        tl.monitoring_end,
        NaiveDate::from_ymd_opt(2030, 12, 27).unwrap()
    );
}

#[test]
fn phase_uses_the_election_time_zone() {
    let e = Election::from_toml_str(GOOD, "good.toml").unwrap();
    // 2030-09-21T18:00Z is 2030-09-22 01:00 WIB: already determination day.
    let t = DateTime::parse_from_rfc3339("2030-09-21T18:00:00Z").unwrap();
    assert_eq!(e.phase_at(&t), Phase::AfterDetermination);
    let t = DateTime::parse_from_rfc3339("2030-09-21T16:00:00Z").unwrap();
    assert_eq!(e.phase_at(&t), Phase::BeforeDetermination);
    let t = DateTime::parse_from_rfc3339("2029-01-01T00:00:00Z").unwrap();
    assert_eq!(e.phase_at(&t), Phase::BeforeWindow);
    let t = DateTime::parse_from_rfc3339("2031-01-01T00:00:00Z").unwrap();
    assert_eq!(e.phase_at(&t), Phase::AfterWindow);
}

/// Each bad config, the line the error must name, and a fragment of the message (key or reason).
#[test]
#[allow(clippy::too_many_lines, reason = "one table of cases")]
fn bad_configs_name_file_line_and_key() {
    let cases: &[(&str, &str, usize, &str)] = &[
        ("unknown top key", "color = 1\n", 0, "unknown field `color`"),
        ("unknown election key", "", 0, ""),
        ("bad id", r#"id = "demo-2030""#, 2, "election.id"),
        ("bad date", "voting_day = 2030-11-27", 9, "voting_day"),
        ("date with time", "voting_day = 2030-11-27", 9, "voting_day"),
        (
            "voting before campaign end",
            "voting_day = 2030-11-27",
            9,
            "voting_day",
        ),
        (
            "campaign before determination",
            "campaign_start = 2030-09-25",
            7,
            "campaign_start",
        ),
        (
            "bad zone",
            r#"region = "Kota Contoh""#,
            5,
            "election.timezone",
        ),
        ("duplicate number", "number = 1", 16, "appears twice"),
        ("number zero", "number = 1", 16, "between 1 and 99"),
        (
            "hashtag with #",
            r#"hashtags = ["DuaMenang"]"#,
            13,
            "without '#'",
        ),
        (
            "bad platform",
            r#"platform = "instagram""#,
            14,
            "accounts.platform",
        ),
        (
            "empty names",
            r#"names = ["Calon Satu", "Wakil Satu"]"#,
            17,
            "names",
        ),
        (
            "unknown candidate key",
            r#"aliases = ["CASA"]"#,
            18,
            "unknown field `alias`",
        ),
        (
            "empty alias",
            r#"aliases = ["CASA"]"#,
            18,
            "must not be empty",
        ),
        (
            "missing timeline key",
            "campaign_end = 2030-11-23\n",
            0,
            "campaign_end",
        ),
        ("string date", "voting_day = 2030-11-27", 9, "voting_day"),
    ];
    let replacements: &[&str] = &[
        "",
        "",
        r#"id = "Demo 2030""#,
        "voting_day = 2030-02-30",
        "voting_day = 2030-11-27T08:00:00",
        "voting_day = 2030-11-20",
        "campaign_start = 2030-09-01",
        "region = \"Kota Contoh\"\ntimezone = \"Asia/Bandung\"",
        "number = 2",
        "number = 0",
        r##"hashtags = ["#DuaMenang"]"##,
        r#"platform = "friendster""#,
        "names = []",
        r#"alias = ["CASA"]"#,
        r#"aliases = ["CASA", "  "]"#,
        "",
        r#"voting_day = "27 November 2030""#,
    ];
    for ((what, find, line, fragment), replace) in cases.iter().zip(replacements) {
        let text = match *what {
            "unknown top key" => format!("color = 1\n{GOOD}"),
            "unknown election key" => GOOD.replace("region = ", "regoin = \"x\"\nregion = "),
            _ => GOOD.replacen(find, replace, 1),
        };
        assert_ne!(text, GOOD, "{what}: the case did not change the config");
        let err = Election::from_toml_str(&text, "bad.toml")
            .expect_err(what)
            .to_string();
        assert!(err.starts_with("bad.toml:"), "{what}: {err}");
        if *line > 0 {
            assert!(
                err.starts_with(&format!("bad.toml:{line}:")),
                "{what}: want line {line}: {err}"
            );
        }
        let want = if *what == "unknown election key" {
            "unknown field `regoin`"
        } else {
            fragment
        };
        assert!(err.contains(want), "{what}: want {want:?} in {err}");
    }
}

#[test]
fn unknown_key_error_names_its_line() {
    let text = GOOD.replace("region = ", "regoin = \"x\"\nregion = ");
    let err = Election::from_toml_str(&text, "f.toml")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("f.toml:4:"), "{err}");
}

#[test]
fn no_candidates_is_an_error() {
    let text = GOOD.split("[[candidates]]").next().unwrap();
    let err = Election::from_toml_str(text, "f.toml")
        .unwrap_err()
        .to_string();
    assert!(err.contains("candidates"), "{err}");
}

#[test]
fn repo_configs_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../elections");
    let mut n = 0;
    for entry in std::fs::read_dir(&root).unwrap() {
        let p = entry.unwrap().path();
        if p.extension().is_some_and(|x| x == "toml") {
            let e = Election::from_path(&p).unwrap_or_else(|err| panic!("{err}"));
            assert!(e.candidates.len() >= 2, "{}", p.display());
            n += 1;
        }
    }
    assert!(
        n >= 2,
        "want at least two bundled election configs, found {n}"
    );
}

#[test]
fn shared_configs_load() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/elections");
    for name in ["pilpres-2019.toml", "pilpres-2024.toml"] {
        let e = Election::from_path(&root.join(name)).unwrap_or_else(|err| panic!("{err}"));
        assert!(e.candidates.len() >= 2);
    }
}

#[test]
fn distinctive_names_are_optional_and_checked() {
    let e = Election::from_toml_str(GOOD, "good.toml").unwrap();
    assert!(e.candidate(1).unwrap().distinctive.is_empty());
    let text = GOOD.replace(
        r#"aliases = ["CASA"]"#,
        "aliases = [\"CASA\"]\ndistinctive = [\"Calon\"]",
    );
    let e = Election::from_toml_str(&text, "good.toml").unwrap();
    assert_eq!(e.candidate(1).unwrap().distinctive, vec!["Calon"]);
    let bad = GOOD.replace(
        r#"aliases = ["CASA"]"#,
        "aliases = [\"CASA\"]\ndistinctive = [\" \"]",
    );
    let err = Election::from_toml_str(&bad, "bad.toml")
        .unwrap_err()
        .to_string();
    assert!(err.starts_with("bad.toml:19:"), "{err}");
    assert!(err.contains("distinctive"), "{err}");
}
