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

use super::slots::{Slotted, TermKind, Unit, UnitKind, TERM_KINDS};

/// A sparse feature vector: bucket indices with values. A bucket may occur
/// more than once (once per feature block); the scores are sums either way.
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

/// Feature names, filled only when explaining: `(entry index, bucket, name)`
/// for the entries listed in `wanted` (all when `None`).
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Sorted entry indices to name.
    pub wanted: Option<Vec<usize>>,
    pub out: Vec<(usize, u32, String)>,
}

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

/// Words that often carry attack or mockery.
pub const OPPOSE_CUES: &[&str] = &[
    "antek",
    "aseng",
    "asing",
    "bayaran",
    "blunder",
    "bodoh",
    "bohong",
    "boneka",
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
    "petugas",
    "planga",
    "plonga",
    "plongo",
    "rezim",
    "sesat",
    "sontoloyo",
    "tolak",
    "tolol",
    "turunkan",
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

/// A cue class of a word or emoji.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cue {
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

    /// Every cue word and emoji with its class (a word in two lists keeps the first).
    pub fn table() -> Vec<(&'static str, Cue)> {
        let mut v = Vec::new();
        for (list, cue) in [
            (SUPPORT_CUES, Cue::Support),
            (OPPOSE_CUES, Cue::Oppose),
            (NEWS_CUES, Cue::News),
            (MOCK_EMOJI, Cue::Mock),
        ] {
            for &w in list {
                if !v.iter().any(|(x, _)| *x == w) {
                    v.push((w, cue));
                }
            }
        }
        v
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
        self.word(u64::from_le_bytes(a))
            .word(0xff00 | b.len() as u64)
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

/// Feature blocks: word n-grams and character n-grams are weighted
/// (tf × idf) and scaled to unit length each; shape and cue
/// features keep their raw values.
const WORDS: u8 = 0;
const CHARS: u8 = 1;
const RAW: u8 = 2;

/// Features before weighting: (bucket, count, block), in emission order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RawVec {
    pub entries: Vec<(u32, f32, u8)>,
}

impl RawVec {
    /// The distinct weighted buckets (for document frequencies).
    pub fn weighted_buckets(&self) -> Vec<u32> {
        let mut v: Vec<u32> = self
            .entries
            .iter()
            .filter(|e| e.2 != RAW)
            .map(|e| e.0)
            .collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    /// tf × idf per block (each occurrence counts), each weighted block
    /// scaled to unit length. Entries stay in emission order, unmerged (a
    /// repeated feature occurs repeatedly): no sorting on the hot path.
    pub fn weigh(&self, idf: Option<&Idf>) -> SparseVec {
        let n = self.entries.len();
        let mut out = SparseVec {
            idx: Vec::with_capacity(n),
            val: Vec::with_capacity(n),
        };
        let mut norms = [0.0f32; 3];
        for &(b, v, k) in &self.entries {
            let w = if k == RAW {
                v
            } else {
                v * idf.map_or(1.0, |t| t.get(b))
            };
            norms[usize::from(k.min(RAW))] += w * w;
            out.idx.push(b);
            out.val.push(w);
        }
        let inv: Vec<f32> = norms
            .iter()
            .map(|&x| if x > 0.0 { 1.0 / x.sqrt() } else { 0.0 })
            .collect();
        for (v, &(_, _, k)) in out.val.iter_mut().zip(&self.entries) {
            if k != RAW {
                *v *= inv[usize::from(k.min(RAW))];
            }
        }
        out
    }
}

/// Inverse document frequencies by bucket, with a default for unseen buckets.
#[derive(Debug, Clone, PartialEq)]
pub struct Idf {
    pub values: Vec<f32>,
    pub unseen: f32,
}

impl Idf {
    /// Smoothed idf, `ln((1 + n) / (1 + df)) + 1`, from the documents' bucket sets.
    pub fn from_documents<'a>(bits: u32, docs: impl Iterator<Item = &'a RawVec>) -> Idf {
        let mut df = vec![0u32; 1 << bits];
        let mut n = 0u32;
        for d in docs {
            n += 1;
            for b in d.weighted_buckets() {
                if let Some(c) = df.get_mut(b as usize) {
                    *c += 1;
                }
            }
        }
        let f = |c: u32| ((1.0 + n as f32) / (1.0 + c as f32)).ln() + 1.0;
        Idf {
            values: df
                .iter()
                .map(|&c| if c == 0 { 0.0 } else { f(c) })
                .collect(),
            unseen: f(0),
        }
    }

    /// The idf of a bucket.
    pub fn get(&self, b: u32) -> f32 {
        match self.values.get(b as usize) {
            Some(&v) if v > 0.0 => v,
            _ => self.unseen,
        }
    }
}

struct Builder<'a> {
    bits: u32,
    block: u8,
    raw: RawVec,
    names: Option<&'a mut Names>,
}

impl Builder<'_> {
    fn new(bits: u32, cap: usize, names: Option<&mut Names>) -> Builder<'_> {
        Builder {
            bits,
            block: WORDS,
            raw: RawVec {
                entries: Vec::with_capacity(cap),
            },
            names,
        }
    }

    fn add(&mut self, ns: u8, parts: &[&str], v: f32) {
        let mut h = Hash::new(ns);
        for p in parts {
            h = h.bytes(p.as_bytes());
        }
        let b = h.finish(self.bits);
        let i = self.raw.entries.len();
        self.raw.entries.push((b, v, self.block));
        if let Some(names) = self.names.as_deref_mut() {
            if names
                .wanted
                .as_ref()
                .is_none_or(|w| w.binary_search(&i).is_ok())
            {
                names.out.push((i, b, parts.join(" ")));
            }
        }
    }

    fn add_bytes(&mut self, ns: u8, bytes: &[u8], v: f32) {
        let b = Hash::new(ns).bytes(bytes).finish(self.bits);
        self.raw.entries.push((b, v, self.block));
        // Character n-grams are not named: reasons show word-level features.
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

/// Units rendered once into one buffer, with segment boundaries.
struct Rendered {
    buf: String,
    /// (start, end, is slot, negated, segment number) per rendered unit.
    items: Vec<(usize, usize, bool, bool, usize)>,
}

impl Rendered {
    fn new(s: &Slotted, view: Option<u32>) -> Rendered {
        let mut r = Rendered {
            buf: String::with_capacity(s.units.len() * 8),
            items: Vec::with_capacity(s.units.len()),
        };
        let mut tmp = String::new();
        let mut seg = 0;
        for u in &s.units {
            if render(u, view, &mut tmp) {
                let a = r.buf.len();
                r.buf.push_str(&tmp);
                r.items
                    .push((a, r.buf.len(), u.kind == UnitKind::Slot, u.neg, seg));
            } else if r.items.last().is_some_and(|i| i.4 == seg) {
                seg += 1;
            }
        }
        r
    }

    /// Segments of (text, is slot, negated).
    fn segments(&self) -> Vec<Vec<(&str, bool, bool)>> {
        let mut segs: Vec<Vec<(&str, bool, bool)>> = Vec::new();
        for &(a, z, slot, neg, seg) in &self.items {
            if segs.len() <= seg {
                segs.push(Vec::new());
            }
            if let Some(last) = segs.last_mut() {
                last.push((&self.buf[a..z], slot, neg));
            }
        }
        segs
    }
}

fn bucket(n: usize, edges: &[usize]) -> usize {
    edges.iter().take_while(|&&e| n >= e).count()
}

const NEG: &str = "¬";

/// Features of the document view (all pairs alike), for the stance label,
/// weighted with `idf` (when given).
pub fn doc_features(
    s: &Slotted,
    bits: u32,
    idf: Option<&Idf>,
    names: Option<&mut Names>,
) -> SparseVec {
    doc_raw(s, bits, names).weigh(idf)
}

/// Unweighted features of the document view.
pub fn doc_raw(s: &Slotted, bits: u32, names: Option<&mut Names>) -> RawVec {
    let mut b = Builder::new(bits, s.units.len() * 16, names);
    let rendered = Rendered::new(s, None);
    let segs = rendered.segments();
    // Word n-grams.
    for seg in &segs {
        for (i, (w, slot, neg)) in seg.iter().enumerate() {
            if *neg {
                b.add(ns::UNI, &[NEG, w], 1.0);
            } else {
                b.add(ns::UNI, &[w], 1.0);
            }
            if i + 1 < seg.len() {
                b.add(ns::BI, &[w, seg[i + 1].0], 1.0);
                if i + 2 < seg.len() && (*slot || seg[i + 1].1 || seg[i + 2].1) {
                    b.add(ns::TRI, &[w, seg[i + 1].0, seg[i + 2].0], 1.0);
                }
            }
        }
    }
    // Slots, cues and shape.
    b.block = RAW;
    let mut kinds = [0usize; TERM_KINDS];
    let mut pairs: Vec<u32> = Vec::new();
    for m in &s.mentions {
        kinds[m.kind.index()] += 1;
        if !pairs.contains(&m.pair) {
            pairs.push(m.pair);
        }
    }
    let npairs = pairs.len().min(3).to_string();
    b.add(ns::META, &["pairs named:", &npairs], 1.0);
    for (k, &c) in kinds.iter().enumerate() {
        if c > 0 {
            b.add(ns::META, &["named by", TermKind::ALL[k].as_str()], 1.0);
        }
    }
    let content = s
        .units
        .iter()
        .filter(|u| matches!(u.kind, UnitKind::Word | UnitKind::Emoji))
        .count();
    let tags_or_slots = s
        .units
        .iter()
        .filter(|u| matches!(u.kind, UnitKind::Tag | UnitKind::Slot))
        .count();
    if content == 0 && tags_or_slots > 0 {
        b.add(ns::META, &["only tags"], 1.0);
    }
    let len = bucket(content, &[1, 4, 9, 21, 41]).to_string();
    b.add(ns::META, &["length class", &len], 1.0);
    if s.units.iter().any(|u| u.kind == UnitKind::Url) {
        b.add(ns::META, &["has url"], 1.0);
    }
    cue_features(s, None, &mut b);
    // Character n-grams (3 to 5) of words and hashtags, with boundary marks.
    // They come last and are never named, so explaining stops before them.
    if b.names.is_some() {
        return b.raw;
    }
    b.block = CHARS;
    let mut padded = String::with_capacity(32);
    let mut bounds: Vec<usize> = Vec::with_capacity(32);
    for u in &s.units {
        if !matches!(u.kind, UnitKind::Word | UnitKind::Tag) || u.text.is_empty() {
            continue;
        }
        padded.clear();
        padded.push('<');
        padded.push_str(&u.text);
        padded.push('>');
        bounds.clear();
        bounds.extend(padded.char_indices().map(|(i, _)| i));
        bounds.push(padded.len());
        let n_chars = bounds.len() - 1;
        for n in 3..=5usize {
            if n > n_chars {
                break;
            }
            #[allow(clippy::cast_possible_truncation, reason = "n is at most 5")]
            let ns = ns::CHAR + (n as u8) * 16;
            for st in 0..=n_chars - n {
                b.add_bytes(ns, &padded.as_bytes()[bounds[st]..bounds[st + n]], 1.0);
            }
        }
    }
    b.raw
}

/// Cue counts and cue-near-slot features (within three units).
fn cue_features(s: &Slotted, view: Option<u32>, b: &mut Builder<'_>) {
    let slots: Vec<usize> = s
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.kind == UnitKind::Slot)
        .map(|(i, _)| i)
        .collect();
    let mut counts = [0usize; 4];
    for (i, u) in s.units.iter().enumerate() {
        let Some(cue) = u.cue else { continue };
        counts[cue as usize] += 1;
        let near = slots
            .iter()
            .filter(|&&j| j.abs_diff(i) <= 3)
            .map(|&j| &s.units[j]);
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
    let mut b = Builder::new(bits, 32, names);
    let rendered = Rendered::new(s, Some(target));
    let segs = rendered.segments();
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
                b.add(ns::VIEW, &[w, seg[i + 1].0], 1.0);
            }
            if i + 2 < seg.len() && (*slot || seg[i + 1].1 || seg[i + 2].1) {
                b.add(ns::VIEW, &[w, seg[i + 1].0, seg[i + 2].0], 1.0);
            }
        }
    }
    b.block = RAW;
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
                b.add(
                    ns::VIEW,
                    &["T named by", TermKind::ALL[k].as_str()],
                    (c as f32).ln_1p(),
                );
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
    b.raw.weigh(None)
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
        let mut names = Names::default();
        let _ = doc_features(&slot(&m(CONFIG), text), 18, None, Some(&mut names));
        names.out.into_iter().map(|n| n.2).collect()
    }

    #[test]
    fn same_stance_in_two_elections_gives_the_same_features() {
        let a = doc_features(&slot(&m(CONFIG), "Ayo dukung Budi Darma!"), 18, None, None);
        let b = doc_features(
            &slot(&m(OTHER), "Ayo dukung Rahmat Hidayat!"),
            18,
            None,
            None,
        );
        assert_eq!(a, b);
        let a = pair_features(
            &slot(&m(CONFIG), "Budi Darma lebih baik dari Calon Satu"),
            2,
            16,
            None,
        );
        let b = pair_features(
            &slot(&m(OTHER), "Rahmat Hidayat lebih baik dari Siti Aminah"),
            2,
            16,
            None,
        );
        assert_eq!(a, b);
    }

    #[test]
    fn features_are_negation_aware_and_slotted() {
        let n = names_of("jangan pilih Budi Darma");
        for want in [
            "jangan",
            "¬ pilih",
            "¬ §P",
            "jangan pilih",
            "pilih §P",
            "jangan pilih §P",
            "support ¬ near §P",
            "pairs named: 1",
        ] {
            assert!(n.iter().any(|x| x == want), "missing {want} in {n:?}");
        }
        assert!(
            !n.iter().any(|x| x.contains("budi") || x.contains("darma")),
            "{n:?}"
        );
    }

    #[test]
    fn cue_lists_are_sorted_for_binary_search() {
        for list in [SUPPORT_CUES, OPPOSE_CUES, NEWS_CUES] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn char_ngrams_cover_words_and_hashtags() {
        let with = doc_raw(&slot(&m(CONFIG), "mantap #gasss"), 18, None);
        let words_only = doc_raw(&slot(&m(CONFIG), "mantap"), 18, None);
        // "<mantap>": 6 trigrams + 5 four-grams + 4 five-grams; "<gas>": 3 + 2 + 1.
        let chars = |r: &RawVec| r.entries.iter().filter(|e| e.2 == CHARS).count();
        assert_eq!(chars(&words_only), 15);
        assert_eq!(chars(&with), chars(&words_only) + 3 + 2 + 1);
    }

    #[test]
    fn pair_view_marks_target_and_others() {
        let s = slot(&m(CONFIG), "Budi Darma lebih baik dari Calon Satu");
        let mut names = Names::default();
        let _ = pair_features(&s, 1, 16, Some(&mut names));
        let n: Vec<String> = names.out.into_iter().map(|n| n.2).collect();
        for want in ["§O lebih", "dari §T", "T last", "T share"] {
            assert!(n.iter().any(|x| x == want), "missing {want} in {n:?}");
        }
    }

    #[test]
    fn vectors_are_in_range() {
        let v = doc_features(
            &slot(&m(CONFIG), "a a a b b Budi Darma Budi Darma"),
            18,
            None,
            None,
        );
        assert!(v.val.iter().all(|x| x.is_finite()));
        assert!(v.idx.iter().all(|&i| i < 1 << 18));
    }
}
