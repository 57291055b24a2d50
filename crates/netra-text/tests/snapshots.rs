//! Golden snapshots of the normaliser's output (insta): the normalised text
//! and every token with kind, span, value and flags.

use std::fmt::Write as _;

use netra_text::Normalizer;

fn render(text: &str) -> String {
    let n = Normalizer::new().normalize(text);
    let mut out = format!("normalised: {}\n", n.text());
    for t in n.tokens() {
        let flags: Vec<&str> = t.flags().names().collect();
        let _ = writeln!(
            out,
            "{:<8} {:<18} {:?}{}{}",
            t.kind().as_str(),
            format!("{:?}", t.text()),
            n.original_of(t),
            t.value().map(|v| format!(" ={v}")).unwrap_or_default(),
            if flags.is_empty() {
                String::new()
            } else {
                format!(" [{}]", flags.join(","))
            },
        );
    }
    out
}

#[test]
fn slang_leet_elongation_and_negation() {
    insta::assert_snapshot!(render(
        "Gw GAK milih PR4M, tp bangeeet sukaaa sm Kang Emil!!"
    ));
}

#[test]
fn hashtags_mentions_urls_and_emoji() {
    insta::assert_snapshot!(render(
        "#JakartaMenyala @pramonoanung https://t.co/AbC 🔥🔥 ☝🏽️ #02Melanjutkan"
    ));
}

#[test]
fn numbers_in_every_spelling() {
    insta::assert_snapshot!(render(
        "nomor tiga, no. 3, 0️⃣3️⃣, III, ③, jam 01.00, skor 3-1, kata2"
    ));
}

#[test]
fn unicode_folding() {
    insta::assert_snapshot!(render("ＰＲＡＭ Prabówö Ma'ruf Pra\u{AD}bowo 𝐀𝐍𝐈𝐄𝐒"));
}
