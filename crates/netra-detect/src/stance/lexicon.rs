//! Cue words of the stance featuriser: what a word or emoji tends to do
//! (support, attack, report, mock, abuse, praise, complain), as bit sets.
//!
//! Two sources, both generic Indonesian (no election, pair or party names):
//! - curated lists compiled in ([`SUPPORT_CUES`], [`OPPOSE_CUES`],
//!   [`NEWS_CUES`], [`MOCK_EMOJI`]);
//! - word lists read by `netra train` from the shared lexicons (the okky
//!   abusive-word list, `InSet` positive and negative words) and stored **in
//!   the model file** ([`CueLexicon::add`], [`CueLexicon::write`]), so that
//!   a shipped model carries the lexicon it was trained with and
//!   classification does no I/O.
//!
//! Keys are normalised the way `netra-text` normalises a word (lower case,
//! one token), so that a lookup is one hash-map probe per unit.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// Words that often carry support (generic Indonesian, no election terms).
pub const SUPPORT_CUES: &[&str] = &[
    "amanah",
    "ayo",
    "bangga",
    "bersama",
    "bukti",
    "cerdas",
    "coblos",
    "dukung",
    "dukungan",
    "gas",
    "hebat",
    "hebatnya",
    "idola",
    "juara",
    "jujur",
    "keren",
    "lanjut",
    "lanjutkan",
    "maju",
    "mantap",
    "memilih",
    "menang",
    "menangkan",
    "mending",
    "merakyat",
    "optimis",
    "pasti",
    "peduli",
    "pemimpin",
    "pendukung",
    "pilih",
    "pilihan",
    "relawan",
    "salam",
    "semangat",
    "setuju",
    "siap",
    "solusi",
    "sukses",
    "terbaik",
    "terbukti",
    "yuk",
];

/// Words that often carry attack or mockery, insults of a pair's
/// supporters included (which pair they point to is the config's business).
pub const OPPOSE_CUES: &[&str] = &[
    "abal",
    "adili",
    "antek",
    "aseng",
    "asing",
    "bayaran",
    "blunder",
    "bodoh",
    "bohong",
    "boneka",
    "bubarkan",
    "buzzer",
    "cebong",
    "curang",
    "diktator",
    "dinasti",
    "dungu",
    "fitnah",
    "gagal",
    "ganti",
    "gila",
    "goblok",
    "halu",
    "hancur",
    "hoax",
    "hutang",
    "kacau",
    "kadrun",
    "kampret",
    "kecurangan",
    "korupsi",
    "koruptor",
    "lebay",
    "lengserkan",
    "licik",
    "malu",
    "memalukan",
    "munafik",
    "ngawur",
    "ngibul",
    "nyinyir",
    "omdo",
    "otoriter",
    "palsu",
    "payah",
    "pelanggar",
    "pembohong",
    "pencitraan",
    "penculik",
    "penista",
    "penjarakan",
    "petugas",
    "planga",
    "plonga",
    "plongo",
    "rezim",
    "sesat",
    "sontoloyo",
    "tangkap",
    "tenggelamkan",
    "tolak",
    "tolol",
    "turunkan",
    "usir",
    "utang",
];

/// Words of reporting, news and questions.
pub const NEWS_CUES: &[&str] = &[
    "apakah",
    "bagaimana",
    "bawaslu",
    "berita",
    "dikutip",
    "dilansir",
    "elektabilitas",
    "jadwal",
    "kapan",
    "kata",
    "kenapa",
    "kpu",
    "laporan",
    "mengapa",
    "mengatakan",
    "menurut",
    "menyatakan",
    "pengamat",
    "resmi",
    "sebut",
    "siapa",
    "survei",
    "terkait",
    "ujar",
    "ungkap",
    "wartawan",
];

/// Emoji that usually laugh at someone.
pub const MOCK_EMOJI: &[&str] = &[
    "🤣", "😂", "😆", "😹", "🤭", "🙄", "😏", "🤪", "🤡", "😜", "😝",
];

/// A cue class; a word may be in several ([`CueSet`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
    /// Curated support words.
    Support,
    /// Curated attack and mockery words.
    Oppose,
    /// Curated words of reporting and questions.
    News,
    /// Laughing emoji.
    Mock,
    /// The shared abusive-word list.
    Abusive,
    /// Strongly positive words of the shared sentiment lexicon.
    Positive,
    /// Strongly negative words of the shared sentiment lexicon.
    Negative,
}

impl Cue {
    /// Every class, in bit order.
    pub const ALL: [Cue; 7] = [
        Cue::Support,
        Cue::Oppose,
        Cue::News,
        Cue::Mock,
        Cue::Abusive,
        Cue::Positive,
        Cue::Negative,
    ];

    /// The name used in feature names.
    pub fn name(self) -> &'static str {
        match self {
            Cue::Support => "support",
            Cue::Oppose => "oppose",
            Cue::News => "news",
            Cue::Mock => "mock",
            Cue::Abusive => "abusive",
            Cue::Positive => "positive",
            Cue::Negative => "negative",
        }
    }

    /// The class's bit in a [`CueSet`].
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of [`Cue`]s, one bit each.
pub type CueSet = u8;

/// `FxHash`: a fast hash for short keys (cue lookups are on the hot path).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

const FX: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(FX);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(FX);
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ u64::from(i)).wrapping_mul(FX);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Word or emoji → cue classes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CueLexicon {
    map: FxMap<Box<str>, CueSet>,
}

impl CueLexicon {
    /// The curated lists only.
    pub fn curated() -> CueLexicon {
        let mut l = CueLexicon::default();
        for (list, cue) in [
            (SUPPORT_CUES, Cue::Support),
            (OPPOSE_CUES, Cue::Oppose),
            (NEWS_CUES, Cue::News),
            (MOCK_EMOJI, Cue::Mock),
        ] {
            for &w in list {
                l.add(w, cue);
            }
        }
        l
    }

    /// Adds `word` (lower-cased; ignored unless it is one word) to `cue`.
    pub fn add(&mut self, word: &str, cue: Cue) {
        let w = word.trim().to_lowercase();
        if w.is_empty() || w.contains(char::is_whitespace) {
            return;
        }
        *self.map.entry(w.into_boxed_str()).or_insert(0) |= cue.bit();
    }

    /// The classes of `word` (empty set when unknown).
    pub fn get(&self, word: &str) -> CueSet {
        self.map.get(word).copied().unwrap_or(0)
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when there is no word.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Words per class, for the model's metadata.
    pub fn counts(&self) -> [usize; 7] {
        let mut c = [0usize; 7];
        for &set in self.map.values() {
            for (k, cue) in Cue::ALL.iter().enumerate() {
                if set & cue.bit() != 0 {
                    c[k] += 1;
                }
            }
        }
        c
    }

    /// Serialises as `u32 count`, then per word (sorted) `u8 set, u8 len,
    /// bytes`. Deterministic.
    pub fn write(&self, out: &mut Vec<u8>) {
        let mut words: Vec<(&str, CueSet)> = self
            .map
            .iter()
            .filter(|(w, _)| w.len() <= 255)
            .map(|(w, &s)| (&**w, s))
            .collect();
        words.sort_unstable();
        out.extend_from_slice(&u32::try_from(words.len()).unwrap_or(0).to_le_bytes());
        for (w, s) in words {
            out.push(s);
            out.push(u8::try_from(w.len()).unwrap_or(0));
            out.extend_from_slice(w.as_bytes());
        }
    }

    /// Reads what [`CueLexicon::write`] wrote from `bytes` at `*at`;
    /// `None` when truncated or not UTF-8.
    pub fn read(bytes: &[u8], at: &mut usize) -> Option<CueLexicon> {
        let take = |at: &mut usize, n: usize| -> Option<&[u8]> {
            let s = bytes.get(*at..at.checked_add(n)?)?;
            *at += n;
            Some(s)
        };
        let n = u32::from_le_bytes(take(at, 4)?.try_into().ok()?) as usize;
        let mut l = CueLexicon::default();
        l.map.reserve(n.min(1 << 20));
        for _ in 0..n {
            let head = take(at, 2)?;
            let (set, len) = (head[0], usize::from(head[1]));
            let w = std::str::from_utf8(take(at, len)?).ok()?;
            l.map.insert(w.into(), set);
        }
        Some(l)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curated_lists_are_sorted_and_classified() {
        for list in [SUPPORT_CUES, OPPOSE_CUES, NEWS_CUES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
        let l = CueLexicon::curated();
        assert_eq!(l.get("dukung"), Cue::Support.bit());
        assert_eq!(l.get("🤣"), Cue::Mock.bit());
        assert_eq!(l.get("makan"), 0);
    }

    #[test]
    fn lexicon_round_trips_and_rejects_truncation() {
        let mut l = CueLexicon::curated();
        l.add("Bangsat", Cue::Abusive);
        l.add("gagal", Cue::Negative);
        l.add("dua kata", Cue::Negative);
        assert_eq!(l.get("bangsat"), Cue::Abusive.bit());
        assert_eq!(l.get("gagal"), Cue::Oppose.bit() | Cue::Negative.bit());
        assert_eq!(l.get("dua kata"), 0);
        let mut bytes = Vec::new();
        l.write(&mut bytes);
        let mut at = 0;
        assert_eq!(CueLexicon::read(&bytes, &mut at), Some(l));
        assert_eq!(at, bytes.len());
        for cut in 0..bytes.len() {
            assert!(
                CueLexicon::read(&bytes[..cut], &mut 0).is_none(),
                "cut {cut}"
            );
        }
    }
}
