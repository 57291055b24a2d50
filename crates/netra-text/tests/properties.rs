//! Property tests: normalisation never panics, keeps offsets valid, and is
//! idempotent on its own output.
//!
//! Idempotence, precisely: for every string `x`,
//! `normalize(normalize(x).text()).text() == normalize(x).text()`.

mod common;

use netra_text::{Flags, Normalizer};
use proptest::prelude::*;

fn normalizer() -> &'static Normalizer {
    static N: std::sync::OnceLock<Normalizer> = std::sync::OnceLock::new();
    N.get_or_init(Normalizer::new)
}

/// Text that looks like social media: words, slang, numbers, emoji,
/// hashtags, mentions, URLs, elongation, leet, odd Unicode.
fn social_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Pram".to_string()),
        Just("PR4M".to_string()),
        Just("bangeeet".to_string()),
        Just("gak".to_string()),
        Just("bgt".to_string()),
        Just("#JakartaMenyala".to_string()),
        Just("#Coblos03".to_string()),
        Just("@ridwankamil".to_string()),
        Just("https://t.co/x.".to_string()),
        Just("0\u{fe0f}\u{20e3}3\u{fe0f}\u{20e3}".to_string()),
        Just("\u{261d}\u{1f3fd}\u{fe0f}".to_string()),
        Just("III".to_string()),
        Just("kata2".to_string()),
        Just("Ma'ruf".to_string()),
        Just("01.00".to_string()),
        Just("ＰＲＡＭ".to_string()),
        Just("é".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{a8}".to_string()),
        Just("\u{fdfa}".to_string()),
        Just("!!".to_string()),
        Just("-".to_string()),
        Just("\n".to_string()),
        "[a-zA-Z0-9]{1,8}",
        "\\PC{1,4}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|v| v.join(" "))
}

fn check(x: &str) -> Result<(), TestCaseError> {
    let n = normalizer();
    let once = n.normalize(x);
    for t in once.tokens() {
        let span = t.span();
        prop_assert!(
            span.start <= span.end && span.end <= x.len(),
            "span {span:?} out of {}",
            x.len()
        );
        prop_assert!(
            x.get(span.clone()).is_some(),
            "span {span:?} not on char boundaries"
        );
        prop_assert!(
            !t.text().is_empty() || t.has(Flags::IN_HASHTAG),
            "empty token {t:?}"
        );
    }
    let twice = n.normalize(once.text());
    prop_assert_eq!(twice.text(), once.text(), "not idempotent for {:?}", x);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(2000), ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics_and_is_idempotent(x in any::<String>()) {
        check(&x)?;
    }

    #[test]
    fn social_text_is_idempotent(x in social_text()) {
        check(&x)?;
    }

    #[test]
    fn matcher_never_panics(x in social_text()) {
        static M: std::sync::OnceLock<netra_text::Matcher> = std::sync::OnceLock::new();
        let m = M.get_or_init(|| common::matcher("jakarta-2024"));
        let (n, f) = m.analyze(&x);
        for mt in &f.matches {
            prop_assert!(x.get(mt.span.clone()).is_some());
            prop_assert!(mt.tokens.end <= n.tokens().len());
        }
        let _ = netra_text::slot(&n, &f.matches).to_string();
        let _ = netra_text::explain(&x, m).to_string();
    }
}

#[test]
fn huge_input_is_fine() {
    let big = "Pram-Doel bangeeet kata2 gpp #JakartaMenyala 0️⃣3️⃣ ".repeat(20_000);
    let n = normalizer().normalize(&big);
    assert!(n.tokens().len() > 100_000);
    let long_word = "a".repeat(1_000_000);
    assert_eq!(normalizer().normalize(&long_word).text(), "a");
    let marks = format!("a{}", "\u{301}".repeat(100_000));
    let _ = normalizer().normalize(&marks);
}

#[test]
fn matcher_is_linear_on_huge_posts() {
    let m = common::matcher("jakarta-2024");
    let big = "Rano Pram Kang Emil nomor 3 #PramDoel pilkada ".repeat(20_000);
    let start = std::time::Instant::now();
    let (_, f) = m.analyze(&big);
    assert!(f.matches.len() >= 100_000, "{}", f.matches.len());
    assert!(start.elapsed().as_secs() < 60, "took {:?}", start.elapsed());
}

#[test]
fn known_idempotence_traps() {
    for x in [
        "\u{a8}",
        "\u{fdfa}",
        "½",
        "ﬁ",
        "İ",
        "ß",
        "ǅ",
        "#½",
        "@a.",
        "www.",
        "http://",
        "a\u{fe0f}b",
        "#\u{fe0f}\u{20e3}",
        "1\u{fe0f}\u{20e3}0",
        "x\u{200d}y",
        "🇮🇩🇲",
    ] {
        check(x).unwrap_or_else(|e| panic!("{x:?}: {e}"));
    }
}
