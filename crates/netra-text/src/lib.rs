//! netra-text: Indonesian social-media text normalisation and
//! candidate-mention matching.
//!
//! Every detector in netra stands on this layer. It turns a post into
//! [`Normalized`] tokens (words, numbers, hashtags with their segments,
//! mentions, URLs, emoji; negation scopes; offsets into the original text)
//! and finds mentions of an election's candidate pairs ([`Matcher`]) from
//! plain [`PairTerms`], each [`Match`] with its span, kind and reason.
//!
//! ```
//! use netra_text::{explain, slot, MatchKind, Matcher, PairTerms};
//!
//! // A fictional pair; real ones come from the election config.
//! let mut p3 = PairTerms::new(3);
//! p3.names = vec!["Budi Santoso".into(), "Rina Kartika".into()];
//! p3.aliases = vec!["Budi-Rina".into(), "Mas Budi".into(), "Budi".into()];
//! p3.hashtags = vec!["BudiRina".into(), "KotaBersinar".into()];
//! let matcher = Matcher::new(&[p3]);
//!
//! let post = "Gw dukung BUDIII-R1NAAA bgt!! coblos 0️⃣3️⃣ #KotaBersinar";
//! let normalized = matcher.normalizer().normalize(post);
//! assert_eq!(normalized.text(), "saya dukung budi - rina banget !! coblos 03 #kotabersinar");
//!
//! let matches = matcher.find(&normalized);
//! let kinds: Vec<MatchKind> = matches.iter().map(|m| m.kind).collect();
//! assert_eq!(kinds, [MatchKind::Alias, MatchKind::BallotNumber, MatchKind::Hashtag]);
//! assert_eq!(&post[matches[0].span.clone()], "BUDIII-R1NAAA");
//! assert!(matches.iter().all(|m| m.pair == 3));
//!
//! // "Budi" alone is a common given name: it needs context.
//! assert!(matcher.find(&matcher.normalizer().normalize("Budi main bola")).is_empty());
//! assert_eq!(matcher.find(&matcher.normalizer().normalize("Budi cagub idaman")).len(), 1);
//!
//! // For the stance classifier: mentions become slots.
//! assert_eq!(slot(&normalized, &matches).to_string(), "saya dukung <PAIR> banget !! coblos <PAIR> <PAIR>");
//!
//! // For people: `netra explain`.
//! println!("{}", explain(post, &matcher));
//! ```
//!
//! # Pipeline
//!
//! 1. [`char_folder`](crate) (a character filter): NFKC, lower case, Latin
//!    diacritics and invisible format characters removed, with a byte map
//!    back to the original.
//! 2. Tokenizer: words, numbers (`01.00` stays one number), keycap digits,
//!    hashtags, mentions, URLs, emoji sequences, punctuation runs.
//! 3. [`Stage`]s, one per file in `stages/`, named for their effect:
//!    [`HashtagSplitter`], [`LeetDecoder`], [`ElongationReducer`],
//!    [`SlangExpander`], [`NumberReader`], [`NegationMarker`],
//!    [`StopwordMarker`]. Stages never change a token's span.
//!
//! **Idempotence.** For any string `x`,
//! `normalize(normalize(x).text()).text() == normalize(x).text()`
//! (property-tested). Hashtag segments are features, not part of the text.
//!
//! **Stemming** is deliberately absent. Names, hashtags and slogans are
//! matched on surface forms (with clitics such as `-nya` stripped on a
//! miss), and the classifier works on normalised words. The Rust Sastrawi
//! ports are not "well-kept" by our bar: `sastrawi` 0.1 has not been
//! released since 2020 and is regex-based; `sastrawi-rs` is a young
//! single-maintainer fork. A [`Stage`] can add one later without changing
//! the API.
//!
//! # Lexicons
//!
//! `build.rs` compiles the curated lists in `lexicon/` together with the
//! shared lexicons in `../shared/data/lexicons/` when they exist (a cargo
//! warning and the curated lists only when they do not; never a build
//! failure). `NETRA_TEXT_LEXICONS=curated` builds without the shared ones,
//! for a binary that must not carry their non-commercial (CC BY-NC-SA) or
//! unstated licences. [`Lexicon::source`] says what a build holds.
//!
//! # Performance
//!
//! `cargo bench -p netra-text` normalises and matches a 100k-post corpus
//! built from `../shared/data/corpora` (see `benches/normalise_match.rs`);
//! `bench/baseline.py` is the regex-per-term Python baseline on the same
//! posts. Results, machine and ratio: the "Text normalisation and
//! matching" section of `BENCHMARKS.md`. The hot path has no regex: word
//! maps with words packed into `u64` keys behind a bit filter, a token trie
//! for phrases, and Aho-Corasick over unsplit hashtags. The standard chain
//! runs in one pass: each token goes through all seven stages as the
//! tokenizer reads it (`stages/standard_chain.rs`, calling the same
//! per-token functions as the stages), and one lexicon lookup per word
//! answers both "slang?" and "stop word?". The matcher keeps its per-post
//! buffers on the thread between calls.
//!
//! # Architecture invariant
//!
//! This crate knows no other netra crate, does no I/O at run time, and
//! never panics on input: every function accepts any `&str`. It names no
//! election, region or candidate: all of that comes from [`PairTerms`].

mod char_folder;
mod error;
mod explain;
mod hash;
mod lexicon;
mod matcher;
mod normalizer;
mod slot;
pub mod stages;
mod token;
mod tokenizer;

pub use error::TextError;
pub use explain::{explain, Explanation};
pub use lexicon::Lexicon;
pub use matcher::{Ambiguity, Evidence, Findings, Match, MatchKind, Matcher, PairTerms, Rejected};
pub use normalizer::{Normalized, Normalizer, NormalizerBuilder, Stage};
pub use slot::{slot, Piece, Slotted};
pub use stages::{
    ElongationReducer, HashtagSplitter, LeetDecoder, NegationMarker, NumberReader, SlangExpander,
    StopwordMarker,
};
pub use token::{Flags, Token, TokenKind};
