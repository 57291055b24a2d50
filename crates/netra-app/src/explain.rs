//! `netra explain`: what netra reads in one text — the normalised text, the
//! pair mentions with their reasons (and the candidates it did not count),
//! and the stance the shipped classifier gives.

use std::fmt::Write as _;

use netra_core::Election;
use netra_detect::stance::StanceClassifier;

use crate::{AppError, Lang};

/// The explanation of `text` under `election`, ready to print.
pub fn explain(election: &Election, text: &str, lang: Lang) -> Result<String, AppError> {
    let matcher = netra_text::Matcher::new(&netra_detect::rules::pair_terms(election));
    let mut out = String::new();
    for w in matcher.warnings() {
        let _ = writeln!(
            out,
            "{}: {w}",
            lang.pick("peringatan konfigurasi", "config warning")
        );
    }
    let _ = write!(out, "{}", netra_text::explain(text, &matcher));
    let classifier = StanceClassifier::new(crate::classify::load_model(None)?, election);
    let c = classifier.classify_text(text);
    let target = c
        .target
        .map_or_else(|| "-".to_string(), |t| format!("{t:02}"));
    // English keeps the contract spelling of the label (`not_political`).
    let label = match lang {
        Lang::Id => lang.label(c.label).to_string(),
        Lang::En => c.label.to_string(),
    };
    let _ = writeln!(
        out,
        "\n{}: {label} ({}: {target}, {}: {})",
        lang.pick("sikap", "stance"),
        lang.pick("paslon", "pair"),
        lang.pick("skor", "score"),
        lang.decimal(c.score, 2)
    );
    for r in &c.reasons {
        let _ = writeln!(out, "  - {}", crate::reasons::render(r, lang));
    }
    Ok(out)
}
