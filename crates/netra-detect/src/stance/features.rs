//! Featurisation of slotted text: hashed word n-grams (negation-aware) and
//! character n-grams, pair-slot features and cue features.
//!
//! Two views of one text:
//! - the **document view** ([`doc_features`]) renders every pair slot alike
//!   (`§P`), for the four-way stance label;
//! - the **pair view** ([`pair_features`]) renders the pair being scored as
//!   `§T` and the others as `§O`, for choosing the target pair. Only features
//!   that differ between pairs are emitted (the rest would cancel).
//!
//! Features are hashed into `2^bits` buckets with a fixed, platform-independent
//! hash, so training and inference agree without a vocabulary. When asked,
//! the featuriser also records a readable name per feature (for reasons).

use super::slots::{Slotted, Unit, UnitKind, TERM_KINDS};

/// A sparse feature vector: sorted bucket indices with values.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SparseVec {
    pub idx: Vec<u32>,
    pub val: Vec<f32>,
}

impl SparseVec {
    pub fn len(&self) -> usize {
        self.idx.len()
    }

    pub fn is_empty(&self) -> bool {
        self.idx.is_empty()
    }
}

/// Feature names by bucket, filled only when explaining.
pub type Names = Vec<(u32, String)>;

/// Words that often carry support (generic Indonesian, no election terms).
pub const SUPPORT_CUES: &[&str] = &[
    "amanah", "ayo", "bangga", "bersama", "bukti", "coblos", "dukung", "dukungan", "gas", "hebat", "juara", "jujur", "keren",
    "lanjut", "lanjutkan", "maju", "mantap", "memilih", "menang", "menangkan", "merakyat", "optimis", "pasti", "peduli",
    "pemimpin", "pendukung", "pilih", "pilihan", "relawan", "salam", "semangat", "setuju", "siap", "solusi", "terbaik",
    "terbukti", "yuk", "sukses", "idola", "hebatnya", "cerdas", "mending", "menangkan",
];

/// Words that often carry attack or mockery.
pub const OPPOSE_CUES: &[&str] = &[
    "antek", "aseng", "asing", "blunder", "bodoh", "bohong", "cebong", "curang", "dinasti", "diktator", "dungu", "fitnah",
    "gagal", "ganti", "goblok", "halu", "hancur", "hoax", "hutang", "kacau", "kadrun", "kampret", "korupsi", "koruptor",
    "lebay", "malu", "memalukan", "munafik", "ngawur", "ngibul", "omdo", "otoriter", "palsu", "payah", "pembohong",
    "pencitraan", "planga", "plonga", "plongo", "rezim", "sontoloyo", "tolak", "tolol", "turunkan", "utang", "penculik",
    "pelanggar", "kecurangan", "buzzer", "bayaran", "nyinyir", "sesat", "licik", "gila", "boneka", "petugas",
];

/// Words of reporting, news and questions.
pub const NEWS_CUES: &[&str] = &[
    "kata", "ujar", "menurut", "ungkap", "sebut", "dikutip", "dilansir", "berita", "kpu", "bawaslu", "survei",
    "elektabilitas", "jadwal", "laporan", "wartawan", "pengamat", "resmi", "menyatakan", "mengatakan", "terkait",
    "apakah", "kenapa", "mengapa", "bagaimana", "siapa", "kapan",
];

/// Emoji that usually laugh at someone.
pub const MOCK_EMOJI: &[&str] = &["🤣", "😂", "😆", "😹", "🤭", "🙄", "😏", "🤪", "🤡", "😜", "😝"];

#[derive(Clone, Copy)]
enum Cue {
    Support,
    Oppose,
    News,
    Mock,
}

impl Cue {
    fn name(self) -> &'static str {
        match self {
            Cue::Support => "support",
            Cue::Oppose => "oppose",
            Cue::News => "news",
            Cue::Mock => "mock",
        }
    }
}

fn cue_of(u: &Unit) -> Option<Cue> {
    let t = u.text.as_str();
    match u.kind {
        UnitKind::Word | UnitKind::Tag => {
            if SUPPORT_CUES.contains(&t) {
                Some(Cue::Support)
            } else if OPPOSE_CUES.contains(&t) {
                Some(Cue::Oppose)
            } else if NEWS_CUES.contains(&t) {
                Some(Cue::News)
            } else {
                None
            }
        }
        UnitKind::Emoji if MOCK_EMOJI.contains(&t) => Some(Cue::Mock),
        _ => None,
    }
}

/// A fixed 64-bit hash (FxHash-style mixing, murmur finaliser).
#[derive(Clone, Copy)]
struct Hash(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hash {
    fn new(ns: u8) -> Hash {
        Hash(u64::from(ns).wrapping_mul(K))
    }

    fn word(self, w: u64) -> Hash {
        Hash((self.0.rotate_left(5) ^ w).wrapping_mul(K))
    }

    fn bytes(mut self, b: &[u8]) -> Hash {
        let mut chunks = b.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self = self.word(u64::from_le_bytes(a));
        }
        let rest = chunks.remainder();
        let mut a = [0u8; 8];
        a[..rest.len()].copy_from_slice(rest);
        // The length tag keeps "ab" + "c" apart from "a" + "bc".
        self.word(u64::from_le_bytes(a)).word(0xff00 | b.len() as u64)
    }

    fn finish(self, bits: u32) -> u32 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^= h >> 33;
        // Top `bits` bits; bits is at most 24.
        u32::try_from(h >> (64 - bits)).unwrap_or(0)
    }
}

/// Namespaces of features (part of the hash).
mod ns {
    pub const UNI: u8 = 1;
    pub const BI: u8 = 2;
    pub const TRI: u8 = 3;
    pub const CHAR: u8 = 4;
    pub const META: u8 = 5;
    pub const CUE: u8 = 6;
    pub const VIEW: u8 = 7;
}

struct Builder<'a> {
    bits: u32,
    feats: Vec<(u32, f32)>,
    names: Option<&'a mut Names>,
}

impl Builder<'_> {
    fn add(&mut self, ns: u8, parts: &[&str], v: f32) {
        let mut h = Hash::new(ns);
        for p in parts {
            h = h.bytes(p.as_bytes());
        }
        let b = h.finish(self.bits);
        self.feats.push((b, v));
        if let Some(names) = self.names.as_deref_mut() {
            names.push((b, parts.join(" ")));
        }
    }

    fn add_bytes(&mut self, ns: u8, bytes: &[u8], v: f32) {
        let b = Hash::new(ns).bytes(bytes).finish(self.bits);
        self.feats.push((b, v));
        if let Some(names) = self.names.as_deref_mut() {
            names.push((b, format!("chars \"{}\"", String::from_utf8_lossy(bytes))));
        }
    }

    /// Scales the features from `start` on to unit L2 norm.
    fn normalise_block(&mut self, start: usize) {
        let norm: f32 = self.feats[start..].iter().map(|f| f.1 * f.1).sum::<f32>().sqrt();
        if norm > 0.0 {
            for f in &mut self.feats[start..] {
                f.1 /= norm;
            }
        }
    }

    fn finish(mut self) -> SparseVec {
        self.feats.sort_unstable_by_key(|f| f.0);
        let mut out = SparseVec { idx: Vec::with_capacity(self.feats.len()), val: Vec::with_capacity(self.feats.len()) };
        for (i, v) in self.feats {
            if out.idx.last() == Some(&i) {
                if let Some(last) = out.val.last_mut() {
                    *last += v;
                }
            } else {
                out.idx.push(i);
                out.val.push(v);
            }
        }
        out
    }
}

/// How a unit looks in word n-grams (`None`: a boundary, not a token).
fn render(u: &Unit, view: Option<u32>, buf: &mut String) -> bool {
    buf.clear();
    match u.kind {
        UnitKind::Word | UnitKind::Emoji => buf.push_str(&u.text),
        UnitKind::Tag => {
            buf.push('#');
            buf.push_str(&u.text);
        }
        UnitKind::Punct => {
            if u.text == "!" || u.text == "?" {
                buf.push_str(&u.text);
            } else {
                return false;
            }
        }
        UnitKind::Url => buf.push_str("<url>"),
        UnitKind::User => buf.push_str("<@>"),
        UnitKind::Slot => {
            buf.push('§');
            buf.push(match view {
                None => 'P',
                Some(t) if t == u.pair => 'T',
                Some(_) => 'O',
            });
            buf.push_str(u.term.slot_suffix());
        }
    }
    true
}

/// Rendered units split into segments at boundaries (for n-grams).
fn segments(s: &Slotted, view: Option<u32>) -> Vec<Vec<(String, bool, bool)>> {
    let mut segs = vec![Vec::new()];
    let mut buf = String::new();
    for u in &s.units {
        if render(u, view, &mut buf) {
            if let Some(seg) = segs.last_mut() {
                seg.push((buf.clone(), u.kind == UnitKind::Slot, u.neg));
            }
        } else if segs.last().is_some_and(|s| !s.is_empty()) {
            segs.push(Vec::new());
        }
    }
    segs
}

fn bucket(n: usize, edges: &[usize]) -> usize {
    edges.iter().take_while(|&&e| n >= e).count()
}

const NEG: &str = "¬";

/// Features of the document view (all pairs alike), for the stance label.
pub fn doc_features(s: &Slotted, bits: u32, names: Option<&mut Names>) -> SparseVec {
    let mut b = Builder { bits, feats: Vec::with_capacity(s.units.len() * 16), names };
    let segs = segments(s, None);
    // Word n-grams.
    for seg in &segs {
        for (i, (w, slot, neg)) in seg.iter().enumerate() {
            if *neg {
                b.add(ns::UNI, &[NEG, w], 1.0);
            } else {
                b.add(ns::UNI, &[w], 1.0);
            }
            if i + 1 < seg.len() {
                b.add(ns::BI, &[w, &seg[i + 1].0], 1.0);
                if i + 2 < seg.len() && (*slot || seg[i + 1].1 || seg[i + 2].1) {
                    b.add(ns::TRI, &[w, &seg[i + 1].0, &seg[i + 2].0], 1.0);
                }
            }
        }
    }
    b.normalise_block(0);
    // Character n-grams of words and hashtags.
    let start = b.feats.len();
    let mut chars = Vec::with_capacity(64);
    for u in &s.units {
        if !matches!(u.kind, UnitKind::Word | UnitKind::Tag) || u.text.is_empty() {
            continue;
        }
        chars.clear();
        chars.push(0usize);
        let padded = format!("<{}>", u.text);
        chars.extend(padded.char_indices().skip(1).map(|(i, _)| i));
        chars.push(padded.len());
        let n_chars = chars.len() - 1;
        for n in 3..=5 {
            if n > n_chars {
                break;
            }
            for st in 0..=n_chars - n {
                b.add_bytes(ns::CHAR + (n as u8) * 16, &padded.as_bytes()[chars[st]..chars[st + n]], 1.0);
            }
        }
    }
    b.normalise_block(start);
    // Slots, cues and shape.
    let mut kinds = [0usize; TERM_KINDS];
    let mut pairs: Vec<u32> = Vec::new();
    for m in &s.mentions {
        kinds[m.kind.index()] += 1;
        if !pairs.contains(&m.pair) {
            pairs.push(m.pair);
        }
    }
    let npairs = pairs.len().min(3).to_string();
    b.add(ns::META, &["pairs", &npairs], 1.0);
    for (k, &c) in kinds.iter().enumerate() {
        if c > 0 {
            b.add(ns::META, &["kind", &k.to_string()], 1.0);
        }
    }
    let content = s.units.iter().filter(|u| matches!(u.kind, UnitKind::Word | UnitKind::Emoji)).count();
    let tags_or_slots = s.units.iter().filter(|u| matches!(u.kind, UnitKind::Tag | UnitKind::Slot)).count();
    if content == 0 && tags_or_slots > 0 {
        b.add(ns::META, &["only tags"], 1.0);
    }
    let len = bucket(content, &[1, 4, 9, 21, 41]).to_string();
    b.add(ns::META, &["len", &len], 1.0);
    if s.units.iter().any(|u| u.kind == UnitKind::Url) {
        b.add(ns::META, &["has url"], 1.0);
    }
    cue_features(s, None, &mut b);
    b.finish()
}

/// Cue counts and cue-near-slot features (within three units).
fn cue_features(s: &Slotted, view: Option<u32>, b: &mut Builder<'_>) {
    let slots: Vec<usize> = s.units.iter().enumerate().filter(|(_, u)| u.kind == UnitKind::Slot).map(|(i, _)| i).collect();
    let mut counts = [0usize; 4];
    for (i, u) in s.units.iter().enumerate() {
        let Some(cue) = cue_of(u) else { continue };
        counts[cue as usize] += 1;
        let near = slots.iter().filter(|&&j| j.abs_diff(i) <= 3).map(|&j| &s.units[j]);
        let mut seen = [false; 3];
        for sl in near {
            let role = match view {
                None => 0,
                Some(t) if t == sl.pair => 1,
                Some(_) => 2,
            };
            if !seen[role] {
                seen[role] = true;
                let r = ["§P", "§T", "§O"][role];
                let n = if u.neg { "¬" } else { "" };
                b.add(ns::CUE, &[cue.name(), n, "near", r], 1.0);
            }
        }
    }
    if view.is_none() {
        for (k, &c) in counts.iter().enumerate() {
            if c > 0 {
                let name = [Cue::Support, Cue::Oppose, Cue::News, Cue::Mock][k].name();
                b.add(ns::CUE, &[name, "count"], (c as f32).ln_1p());
            }
        }
    }
}

/// Features of the view of pair `target`: what differs between pairs.
pub fn pair_features(s: &Slotted, target: u32, bits: u32, names: Option<&mut Names>) -> SparseVec {
    let mut b = Builder { bits, feats: Vec::with_capacity(32), names };
    let segs = segments(s, Some(target));
    for seg in &segs {
        for i in 0..seg.len() {
            let (w, slot, neg) = &seg[i];
            if *slot {
                if *neg {
                    b.add(ns::VIEW, &[NEG, w], 1.0);
                } else {
                    b.add(ns::VIEW, &[w], 1.0);
                }
            }
            if i + 1 < seg.len() && (*slot || seg[i + 1].1) {
                b.add(ns::VIEW, &[w, &seg[i + 1].0], 1.0);
            }
            if i + 2 < seg.len() && (*slot || seg[i + 1].1 || seg[i + 2].1) {
                b.add(ns::VIEW, &[w, &seg[i + 1].0, &seg[i + 2].0], 1.0);
            }
        }
    }
    b.normalise_block(0);
    let mut kinds = [0usize; TERM_KINDS];
    let (mut mine, mut all) = (0usize, 0usize);
    let mut per_pair: Vec<(u32, usize)> = Vec::new();
    for m in &s.mentions {
        all += 1;
        if m.pair == target {
            mine += 1;
            kinds[m.kind.index()] += 1;
        }
        match per_pair.iter_mut().find(|p| p.0 == m.pair) {
            Some(p) => p.1 += 1,
            None => per_pair.push((m.pair, 1)),
        }
    }
    if mine == 0 {
        b.add(ns::VIEW, &["T absent"], 1.0);
    } else {
        for (k, &c) in kinds.iter().enumerate() {
            if c > 0 {
                b.add(ns::VIEW, &["T kind", &k.to_string()], (c as f32).ln_1p());
            }
        }
        b.add(ns::VIEW, &["T share"], mine as f32 / all as f32);
        if per_pair.len() == 1 {
            b.add(ns::VIEW, &["T only"], 1.0);
        }
        if per_pair.first().is_some_and(|p| p.0 == target) {
            b.add(ns::VIEW, &["T first"], 1.0);
        }
        if s.mentions.last().is_some_and(|m| m.pair == target) {
            b.add(ns::VIEW, &["T last"], 1.0);
        }
        let max = per_pair.iter().map(|p| p.1).max().unwrap_or(0);
        if mine == max {
            b.add(ns::VIEW, &["T most"], 1.0);
        }
    }
    cue_features(s, Some(target), &mut b);
    b.finish()
}

#[cfg(test)]
mod tests {
    use super::super::slots::{slot, PairMatcher};
    use super::*;
    use netra_core::Election;

    const CONFIG: &str = r#"
[election]
id = "demo-2030"
name = "Pemilihan Demo"
region = "Kota Contoh"
[election.timeline]
candidate_determination = 2030-09-22
campaign_start = 2030-09-25
campaign_end = 2030-11-23
voting_day = 2030-11-27
[[candidates]]
number = 1
names = ["Calon Satu", "Wakil Satu"]
[[candidates]]
number = 2
names = ["Budi Darma", "Wakil Dua"]
"#;
    const OTHER: &str = r#"
[election]
id = "other-2031"
name = "Pemilihan Lain"
region = "Kota Lain"
[election.timeline]
candidate_determination = 2031-09-22
campaign_start = 2031-09-25
campaign_end = 2031-11-23
voting_day = 2031-11-27
[[candidates]]
number = 1
names = ["Siti Aminah", "Joko"]
[[candidates]]
number = 2
names = ["Rahmat Hidayat", "Dewi"]
"#;

    fn m(cfg: &str) -> PairMatcher {
        PairMatcher::new(&Election::from_toml_str(cfg, "t.toml").unwrap())
    }

    fn names_of(text: &str) -> Vec<String> {
        let mut names = Names::new();
        let _ = doc_features(&slot(&m(CONFIG), text), 18, Some(&mut names));
        names.into_iter().map(|n| n.1).collect()
    }

    #[test]
    fn same_stance_in_two_elections_gives_the_same_features() {
        let a = doc_features(&slot(&m(CONFIG), "Ayo dukung Budi Darma!"), 18, None);
        let b = doc_features(&slot(&m(OTHER), "Ayo dukung Rahmat Hidayat!"), 18, None);
        assert_eq!(a, b);
        let a = pair_features(&slot(&m(CONFIG), "Budi Darma lebih baik dari Calon Satu"), 2, 16, None);
        let b = pair_features(&slot(&m(OTHER), "Rahmat Hidayat lebih baik dari Siti Aminah"), 2, 16, None);
        assert_eq!(a, b);
    }

    #[test]
    fn features_are_negation_aware_and_slotted() {
        let n = names_of("jangan pilih Budi Darma");
        for want in ["jangan", "¬ pilih", "¬ §P", "jangan pilih", "pilih §P", "jangan pilih §P", "support ¬ near §P", "pairs 1"] {
            assert!(n.iter().any(|x| x == want), "missing {want} in {n:?}");
        }
        assert!(!n.iter().any(|x| x.contains("budi") || x.contains("darma")), "{n:?}");
    }

    #[test]
    fn char_ngrams_cover_words_and_hashtags() {
        let n = names_of("mantap #gasss");
        for want in ["chars \"<ma\"", "chars \"tap>\"", "chars \"<mant\"", "chars \"gas>\""] {
            assert!(n.iter().any(|x| x == want), "missing {want} in {n:?}");
        }
    }

    #[test]
    fn pair_view_marks_target_and_others() {
        let s = slot(&m(CONFIG), "Budi Darma lebih baik dari Calon Satu");
        let mut names = Names::new();
        let _ = pair_features(&s, 1, 16, Some(&mut names));
        let n: Vec<String> = names.into_iter().map(|n| n.1).collect();
        for want in ["§O lebih", "dari §T", "T last", "T share"] {
            assert!(n.iter().any(|x| x == want), "missing {want} in {n:?}");
        }
    }

    #[test]
    fn vectors_are_sorted_and_unique() {
        let v = doc_features(&slot(&m(CONFIG), "a a a b b Budi Darma Budi Darma"), 18, None);
        assert!(v.idx.windows(2).all(|w| w[0] < w[1]));
        assert!(v.idx.iter().all(|&i| i < 1 << 18));
    }
}
