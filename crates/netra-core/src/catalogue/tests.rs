use super::*;

fn bundled_with(from: &str, to: &str) -> String {
    assert!(
        Catalogue::BUNDLED.contains(from),
        "fixture: {from:?} not in the bundled catalogue"
    );
    Catalogue::BUNDLED.replacen(from, to, 1)
}

fn line_containing(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .map_or_else(|| panic!("{needle:?} not found"), |i| i + 1)
}

#[test]
fn bundled_catalogue_is_valid_and_covers_every_rule_in_both_phases() {
    let c = Catalogue::bundled().unwrap();
    assert!(c.violations.len() >= 10);
    for rule in RuleCode::ALL {
        for &kind in rule.kinds() {
            for &stance in rule.stances() {
                let before = c.find(rule, kind, stance, false).unwrap();
                let after = c.find(rule, kind, stance, true).unwrap();
                if rule == RuleCode::ProfilePartyMembership {
                    assert_eq!(before.code, after.code, "party membership is one violation");
                    assert_eq!(before.class, CaseClass::Discipline);
                } else {
                    assert_eq!(before.class, CaseClass::Ethics, "{rule} before");
                    assert_eq!(after.class, CaseClass::Discipline, "{rule} after");
                }
            }
        }
    }
    for v in &c.violations {
        assert!(!v.legal_basis.is_empty(), "{}", v.code);
        assert!(v.describe(true).starts_with(&v.code));
    }
    assert_eq!(
        c.get("DISIPLIN-06").map(|v| v.severity),
        Some(Severity::High)
    );
}

/// A bad catalogue gets an error naming file, line, entry and field.
#[test]
fn bad_catalogues_name_entry_field_and_line() {
    struct Case {
        from: &'static str,
        to: &'static str,
        /// Pieces the message must contain.
        want: &'static [&'static str],
        /// A text whose line the error must name (found in the edited catalogue).
        line_of: Option<&'static str>,
    }
    let cases = [
        Case {
            from: "code = \"ETIK-03\"",
            to: "code = \"ETIK-03\"\nseverty = \"low\"",
            want: &["violation #3 (ETIK-03)", "severty"],
            line_of: Some("severty"),
        },
        Case {
            from: "code = \"ETIK-02\"",
            to: "code = \"ETIK-01\"",
            want: &["violation #2 (ETIK-01)", "field `code`", "already used", "line"],
            line_of: None,
        },
        Case {
            from: "kinds = [\"profile\"]\nstances = [\"support\"]\n\n# --- Discipline",
            to: "kinds = [\"profil\"]\nstances = [\"support\"]\n\n# --- Discipline",
            want: &["violation #5 (ETIK-05)", "field `kinds`", "\"profil\" is not one of"],
            line_of: Some("\"profil\""),
        },
        Case {
            from: "class = \"discipline\"\nphase = \"any\"",
            to: "class = \"disiplin\"\nphase = \"any\"",
            want: &["(DISIPLIN-06)", "field `class`", "ethics, discipline"],
            line_of: Some("\"disiplin\""),
        },
        Case {
            from: "legal_basis = [\n  \"UU 20/2023 pasal 9 ayat (2)\",\n  \"UU 20/2023 pasal 52 ayat (3) huruf j\",\n  \"PP 94/2021 pasal 5 huruf n\",\n]",
            to: "legal_basis = []",
            want: &["violation #11 (DISIPLIN-06)", "field `legal_basis`", "at least one article"],
            line_of: Some("legal_basis = []"),
        },
        Case {
            from: "stances = [\"support\", \"oppose\"]",
            to: "stances = [\"support\", \"neutral\"]",
            want: &["violation #1 (ETIK-01)", "field `stances`", "support, oppose"],
            line_of: Some("\"neutral\""),
        },
        Case {
            from: "rules = [\"twibbon\", \"finger-pose\"]",
            to: "rules = [\"twibbon\", \"finger-gun\"]",
            want: &["violation #4 (ETIK-04)", "field `rules`", "\"finger-gun\""],
            line_of: Some("finger-gun"),
        },
        Case {
            from: "title.en = \"Membership or office in a political party\"",
            to: "title.en = \"  \"",
            want: &["(DISIPLIN-06)", "field `title.en`", "must not be empty"],
            line_of: Some("title.en = \"  \""),
        },
        Case {
            from: "phase = \"any\"",
            to: "phase = \"always\"",
            want: &["(DISIPLIN-06)", "field `phase`"],
            line_of: Some("\"always\""),
        },
        Case {
            from: "code = \"ETIK-04\"",
            to: "code = \"etik 4\"",
            want: &["violation #4 (etik 4)", "field `code`", "A-Z"],
            line_of: Some("etik 4"),
        },
        // Two entries claiming the same signal.
        Case {
            from: "rules = [\"profile-campaign\"]\nkinds = [\"profile\"]\nstances = [\"support\"]\n\n# --- Discipline",
            to: "rules = [\"profile-campaign\", \"post-stance\"]\nkinds = [\"profile\"]\nstances = [\"support\"]\n\n# --- Discipline",
            want: &["violation #5 (ETIK-05)", "field `rules`", "already covered by ETIK-01"],
            line_of: Some("\"profile-campaign\", \"post-stance\""),
        },
        // A missing field: serde names it, the entry is found from the text.
        Case {
            from: "severity = \"high\"\nlegal_basis = [\n  \"UU 20",
            to: "legal_basis = [\n  \"UU 20",
            want: &["violation #11 (DISIPLIN-06)", "missing field `severity`"],
            line_of: None,
        },
    ];
    for case in cases {
        let text = bundled_with(case.from, case.to);
        let err = Catalogue::from_toml_str(&text, "v.toml")
            .expect_err(case.to)
            .to_string();
        assert!(err.starts_with("v.toml:"), "{err}");
        for w in case.want {
            assert!(err.contains(w), "{:?}: want {w:?} in {err}", case.to);
        }
        if let Some(needle) = case.line_of {
            let line = line_containing(&text, needle);
            assert!(
                err.starts_with(&format!("v.toml:{line}:")),
                "{:?}: want line {line} in {err}",
                case.to
            );
        }
    }
}

#[test]
fn a_gap_names_the_rule_kind_stance_and_phase() {
    // ETIK-02 no longer covers follows: following an official account before
    // the determination would map to nothing.
    let text = bundled_with(
        "kinds = [\"like\", \"share\", \"repost\", \"quote\", \"comment\", \"reply\", \"follow\"]\nstances = [\"support\"]",
        "kinds = [\"like\", \"share\", \"repost\", \"quote\", \"comment\", \"reply\"]\nstances = [\"support\"]",
    );
    let err = Catalogue::from_toml_str(&text, "v.toml")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("rule `follow-official`")
            && err.contains("kind `follow`")
            && err.contains("stance `support`")
            && err.contains("before candidate determination"),
        "{err}"
    );
}

#[test]
fn not_toml_and_empty_catalogues_are_errors() {
    let err = Catalogue::from_toml_str("[[violation]\ncode = ", "v.toml").unwrap_err();
    assert!(err.to_string().starts_with("v.toml:1:"), "{err}");
    let err = Catalogue::from_toml_str("version = 1\n", "v.toml").unwrap_err();
    assert!(
        err.to_string().contains("no [[violation]] entries"),
        "{err}"
    );
    let err = Catalogue::from_toml_str("version = 1\nviolations = []\n", "v.toml").unwrap_err();
    assert!(err.to_string().contains("violations"), "{err}");
}

#[test]
fn one_entry_for_everything_is_a_valid_catalogue() {
    let rules = RuleCode::ALL
        .map(|r| format!("\"{}\"", r.as_str()))
        .join(", ");
    let kinds = ActivityKind::ALL
        .map(|k| format!("\"{}\"", k.as_str()))
        .join(", ");
    let text = format!(
        "[[violation]]\ncode = \"X-1\"\ntitle = {{ id = \"a\", en = \"a\" }}\nclass = \"ethics\"\nphase = \"any\"\n\
         severity = \"low\"\nlegal_basis = [\"PP 42/2004 pasal 11 huruf c\"]\nsanction = {{ id = \"s\", en = \"s\" }}\n\
         rules = [{rules}]\nkinds = [{kinds}]\nstances = [\"support\", \"oppose\"]\n"
    );
    let c = Catalogue::from_toml_str(&text, "one.toml").unwrap();
    assert_eq!(
        c.find(
            RuleCode::FingerPose,
            ActivityKind::Story,
            Label::Support,
            true
        )
        .map(|v| v.code.as_str()),
        Some("X-1")
    );
    assert!(c
        .find(
            RuleCode::FingerPose,
            ActivityKind::Like,
            Label::Support,
            true
        )
        .is_some());
}
