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
//! hash, so training and inference agree without a vocabulary. Each unit's
//! text is hashed once; an n-gram's hash combines its units' hashes, and a
//! word's character n-grams are hashed incrementally (one step per
//! character). The same emission code feeds three sinks: a raw vector (for
//! training), a running score (for classification: no vector is built),
//! and, when explaining, readable names for chosen entries.

use super::lexicon::Cue;
use super::units::{SlotKind, Slotted, Unit, UnitKind, SLOT_KINDS};

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

/// A fixed 64-bit hash (FxHash-style mixing, murmur finaliser).
#[derive(Clone, Copy)]
struct Hash(u64);

const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hash {
    fn new(ns: u8) -> Hash {
        Hash(u64::from(ns).wrapping_add(1).wrapping_mul(K))
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
    pub const UNIT: u8 = 0;
    pub const UNI: u8 = 1;
    pub const BI: u8 = 2;
    pub const TRI: u8 = 3;
    pub const CHAR: u8 = 4;
    pub const META: u8 = 5;
    pub const CUE: u8 = 6;
    pub const VIEW: u8 = 7;
    pub const SLOT: u8 = 8;
    pub const NEG: u64 = 0xa5a5;
}

/// Feature blocks: word n-grams and character n-grams are weighted
/// (tf × idf) and scaled to unit length each; shape and cue
/// features keep their raw values.
pub const WORDS: u8 = 0;
pub const CHARS: u8 = 1;
pub const RAW: u8 = 2;

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
    /// repeated feature occurs repeatedly).
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
        let inv = norms.map(|x| if x > 0.0 { 1.0 / x.sqrt() } else { 0.0 });
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

/// One row of the document model prepared for scoring: the four class
/// weights and the bucket's idf side by side as bfloat16 (the precision of
/// the model file), ten bytes, so that a feature costs one small read and
/// the whole table stays small in cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScoreRow([u16; 5]);

/// bfloat16 with round-to-nearest-even.
pub(crate) fn to_bf16(x: f32) -> u16 {
    let b = x.to_bits();
    if x.is_nan() {
        return 0x7fc0;
    }
    let round = 0x7fff + ((b >> 16) & 1);
    u16::try_from(b.wrapping_add(round) >> 16).unwrap_or(0)
}

pub(crate) fn from_bf16(h: u16) -> f32 {
    f32::from_bits(u32::from(h) << 16)
}

impl ScoreRow {
    /// A row from four class weights and an idf.
    pub fn new(w: [f32; 4], idf: f32) -> ScoreRow {
        ScoreRow([
            to_bf16(w[0]),
            to_bf16(w[1]),
            to_bf16(w[2]),
            to_bf16(w[3]),
            to_bf16(idf),
        ])
    }

    /// The four class weights.
    pub fn w(self) -> [f32; 4] {
        [
            from_bf16(self.0[0]),
            from_bf16(self.0[1]),
            from_bf16(self.0[2]),
            from_bf16(self.0[3]),
        ]
    }

    /// The idf.
    pub fn idf(self) -> f32 {
        from_bf16(self.0[4])
    }
}

/// Where emitted features go.
pub trait Sink {
    /// True when feature names are wanted (the name closure is called).
    fn naming(&self) -> bool {
        false
    }
    /// One feature: bucket, value, block; `name` is called only when naming.
    fn emit(&mut self, bucket: u32, v: f32, block: u8, name: &dyn Fn() -> String);
}

/// Collects a [`RawVec`] (training, explaining), optionally with names.
pub struct RawSink<'a> {
    pub raw: RawVec,
    pub names: Option<&'a mut Names>,
}

impl Sink for RawSink<'_> {
    fn naming(&self) -> bool {
        self.names.is_some()
    }

    fn emit(&mut self, bucket: u32, v: f32, block: u8, name: &dyn Fn() -> String) {
        let i = self.raw.entries.len();
        self.raw.entries.push((bucket, v, block));
        if let Some(names) = self.names.as_deref_mut() {
            if names
                .wanted
                .as_ref()
                .is_none_or(|w| w.binary_search(&i).is_ok())
            {
                names.out.push((i, bucket, name()));
            }
        }
    }
}

/// Scores the document model while features are emitted: per block the
/// dot product with the idf-weighted weights and the squared norm, so that
/// no vector is built.
pub struct DocScorer<'a> {
    pub rows: &'a [ScoreRow],
    pub dot: [[f32; 4]; 3],
    pub sq: [f32; 3],
}

impl<'a> DocScorer<'a> {
    pub fn new(rows: &'a [ScoreRow]) -> DocScorer<'a> {
        DocScorer {
            rows,
            dot: [[0.0; 4]; 3],
            sq: [0.0; 3],
        }
    }

    /// The scores: `bias` plus each block's dot product over its norm.
    pub fn scores(&self, bias: &[f32], out: &mut [f32; 4]) {
        for (o, b) in out.iter_mut().zip(bias) {
            *o = *b;
        }
        for k in 0..3 {
            let inv = if k == usize::from(RAW) {
                1.0
            } else if self.sq[k] > 0.0 {
                1.0 / self.sq[k].sqrt()
            } else {
                0.0
            };
            for (o, d) in out.iter_mut().zip(self.dot[k]) {
                *o += d * inv;
            }
        }
    }
}

impl Sink for DocScorer<'_> {
    fn emit(&mut self, bucket: u32, v: f32, block: u8, _name: &dyn Fn() -> String) {
        let Some(&row) = self.rows.get(bucket as usize) else {
            return;
        };
        let k = usize::from(block.min(RAW));
        let x = if block == RAW {
            v
        } else {
            let x = v * row.idf();
            self.sq[k] += x * x;
            x
        };
        for (d, w) in self.dot[k].iter_mut().zip(row.w()) {
            *d += x * w;
        }
    }
}

/// Featuriser settings that change what a model means (stored with it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeatureConfig {
    /// Character n-grams of words and hashtags, lengths `min..=max` (0 = none).
    pub char_min: u8,
    pub char_max: u8,
    /// Character n-grams across the slotted text (slots and spaces
    /// included), lengths `min..=max` (0 = none).
    pub span_char_min: u8,
    pub span_char_max: u8,
    /// How far (in units) a cue counts as near a slot.
    pub near: u8,
    /// Shape features from the original writing (title case, capitals, quotes).
    pub shape: bool,
}

impl Default for FeatureConfig {
    fn default() -> FeatureConfig {
        FeatureConfig {
            char_min: 3,
            char_max: 5,
            span_char_min: 0,
            span_char_max: 0,
            near: 3,
            shape: true,
        }
    }
}

impl FeatureConfig {
    /// As six bytes (model file).
    pub fn to_bytes(self) -> [u8; 6] {
        [
            self.char_min,
            self.char_max,
            self.span_char_min,
            self.span_char_max,
            self.near,
            u8::from(self.shape),
        ]
    }

    /// From [`FeatureConfig::to_bytes`].
    pub fn from_bytes(b: [u8; 6]) -> FeatureConfig {
        FeatureConfig {
            char_min: b[0],
            char_max: b[1],
            span_char_min: b[2],
            span_char_max: b[3],
            near: b[4],
            shape: b[5] != 0,
        }
    }
}

/// One rendered unit of a view: its hash and what n-grams need to know.
#[derive(Clone, Copy)]
struct Item {
    h: u64,
    slot: bool,
    neg: bool,
    unit: u32,
}

/// Role of a slot in a view.
fn role(view: Option<u32>, pair: u32) -> u8 {
    match view {
        None => 0,
        Some(t) if t == pair => 1,
        Some(_) => 2,
    }
}

const ROLES: [&str; 3] = ["§P", "§T", "§O"];

/// The hash of a unit that is not a slot, from its kind and text (slots
/// are hashed per view, [`unit_hash`]).
pub(crate) fn unit_text_hash(kind: UnitKind, text: &str) -> u64 {
    match kind {
        UnitKind::Word | UnitKind::Emoji | UnitKind::Punct => {
            Hash::new(ns::UNIT).bytes(text.as_bytes()).0
        }
        UnitKind::Tag => {
            Hash::new(ns::UNIT)
                .word(u64::from(b'#'))
                .bytes(text.as_bytes())
                .0
        }
        UnitKind::Url => Hash::new(ns::UNIT).word(1).0,
        UnitKind::User => Hash::new(ns::UNIT).word(2).0,
        UnitKind::Slot | UnitKind::Break => 0,
    }
}

fn unit_hash(u: &Unit, view: Option<u32>) -> Option<u64> {
    let h = match u.kind {
        UnitKind::Word
        | UnitKind::Emoji
        | UnitKind::Punct
        | UnitKind::Tag
        | UnitKind::Url
        | UnitKind::User => u.hash,
        UnitKind::Slot => {
            Hash::new(ns::SLOT)
                .word(u64::from(role(view, u.pair)))
                .word(u.slot as u64)
                .word(u64::from(u.sure) | u64::from(u.mock) << 1)
                .0
        }
        UnitKind::Break => return None,
    };
    Some(h)
}

/// How a unit reads in feature names.
fn unit_name(s: &Slotted, u: &Unit, view: Option<u32>) -> String {
    match u.kind {
        UnitKind::Word | UnitKind::Emoji | UnitKind::Punct => s.text_of(u).to_string(),
        UnitKind::Tag => format!("#{}", s.text_of(u)),
        UnitKind::Url => "<url>".into(),
        UnitKind::User => "<@>".into(),
        UnitKind::Slot => format!(
            "{}{}{}{}",
            ROLES[usize::from(role(view, u.pair))],
            u.slot.suffix(),
            if u.mock { "!" } else { "" },
            if u.sure { "" } else { "?" }
        ),
        UnitKind::Break => String::new(),
    }
}

/// The items of a view in text order, each with the (up to) two items
/// before it in the same segment (a break ends a segment): what n-grams
/// need, without materialising the view.
fn windows(s: &Slotted, view: Option<u32>, mut f: impl FnMut(Option<Item>, Option<Item>, Item)) {
    let (mut p2, mut p1): (Option<Item>, Option<Item>) = (None, None);
    for (i, u) in s.units.iter().enumerate() {
        if let Some(h) = unit_hash(u, view) {
            let it = Item {
                h,
                slot: u.kind == UnitKind::Slot,
                neg: u.neg,
                unit: u32::try_from(i).unwrap_or(u32::MAX),
            };
            f(p2, p1, it);
            p2 = p1;
            p1 = Some(it);
        } else {
            (p2, p1) = (None, None);
        }
    }
}

fn bucket_of(n: usize, edges: &[usize]) -> usize {
    edges.iter().take_while(|&&e| n >= e).count()
}

/// Emits the features of the document view (all pairs alike).
/// `with_chars` false stops before the character n-grams (explaining).
#[allow(
    clippy::too_many_lines,
    reason = "the feature families in one place, in emission order"
)]
pub fn doc_emit<S: Sink + ?Sized>(
    s: &Slotted,
    bits: u32,
    cfg: FeatureConfig,
    with_chars: bool,
    sink: &mut S,
) {
    let name_of = |it: &Item| unit_name(s, &s.units[it.unit as usize], None);
    // Word n-grams: unigrams (negation marked), bigrams, trigrams with a slot.
    windows(s, None, |p2, p1, c| {
        let h = if c.neg {
            Hash::new(ns::UNI).word(ns::NEG).word(c.h)
        } else {
            Hash::new(ns::UNI).word(c.h)
        };
        sink.emit(h.finish(bits), 1.0, WORDS, &|| {
            if c.neg {
                format!("¬ {}", name_of(&c))
            } else {
                name_of(&c)
            }
        });
        let Some(b) = p1 else { return };
        let h = Hash::new(ns::BI).word(b.h).word(c.h);
        sink.emit(h.finish(bits), 1.0, WORDS, &|| {
            format!("{} {}", name_of(&b), name_of(&c))
        });
        if let Some(a) = p2 {
            if a.slot || b.slot || c.slot {
                let h = Hash::new(ns::TRI).word(a.h).word(b.h).word(c.h);
                sink.emit(h.finish(bits), 1.0, WORDS, &|| {
                    format!("{} {} {}", name_of(&a), name_of(&b), name_of(&c))
                });
            }
        }
    });
    // Slots, cues and shape.
    let meta = |sink: &mut S, code: u64, value: u64, v: f32, name: &dyn Fn() -> String| {
        let h = Hash::new(ns::META).word(code).word(value);
        sink.emit(h.finish(bits), v, RAW, name);
    };
    let mut kinds = [0usize; SLOT_KINDS];
    let mut pairs: Vec<u32> = Vec::new();
    for u in s.slot_units() {
        kinds[u.slot.index()] += 1;
        if !pairs.contains(&u.pair) {
            pairs.push(u.pair);
        }
    }
    let npairs = pairs.len().min(3);
    meta(sink, 1, npairs as u64, 1.0, &|| {
        format!("pairs named: {npairs}")
    });
    if !pairs.is_empty() && !s.has_sure_mentions() {
        meta(sink, 6, 0, 1.0, &|| "named uncertainly only".into());
    }
    for (k, &c) in kinds.iter().enumerate() {
        if c > 0 {
            meta(sink, 2, k as u64, 1.0, &|| {
                format!("named by {}", SlotKind::ALL[k].as_str())
            });
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
        meta(sink, 3, 0, 1.0, &|| "only tags".into());
    }
    let len = bucket_of(content, &[1, 4, 9, 21, 41]);
    meta(sink, 4, len as u64, 1.0, &|| format!("length class {len}"));
    if s.units.iter().any(|u| u.kind == UnitKind::Url) {
        meta(sink, 5, 0, 1.0, &|| "has url".into());
    }
    if cfg.shape {
        let sh = s.shape;
        if sh.words >= 4 {
            let share = |x: u32| f64::from(x) / f64::from(sh.words);
            let title = [0.3, 0.6, 0.85]
                .iter()
                .take_while(|&&e| share(sh.title) >= e)
                .count();
            meta(sink, 7, title as u64, 1.0, &|| {
                format!("title case {title}/3")
            });
            let caps = [0.3, 0.7]
                .iter()
                .take_while(|&&e| share(sh.caps) >= e)
                .count();
            if caps > 0 {
                meta(sink, 8, caps as u64, 1.0, &|| format!("capitals {caps}/2"));
            }
        }
        if sh.quote {
            meta(sink, 9, 0, 1.0, &|| "has quotes".into());
        }
    }
    cue_emit(s, None, bits, cfg, sink);
    if !with_chars {
        return;
    }
    // Character n-grams of words and hashtags, with boundary marks.
    let mut chars: Vec<u32> = Vec::with_capacity(32);
    if cfg.char_max >= cfg.char_min && cfg.char_min > 0 {
        for u in &s.units {
            if !matches!(u.kind, UnitKind::Word | UnitKind::Tag) {
                continue;
            }
            let t = s.text_of(u);
            if t.is_empty() {
                continue;
            }
            chars.clear();
            chars.push(u32::from('<'));
            chars.extend(t.chars().map(u32::from));
            chars.push(u32::from('>'));
            char_grams(&chars, cfg.char_min, cfg.char_max, ns::CHAR, bits, sink);
        }
    }
    // Character n-grams across the slotted text, segment by segment.
    if cfg.span_char_max >= cfg.span_char_min && cfg.span_char_min > 0 {
        chars.clear();
        chars.push(u32::from(' '));
        for u in &s.units {
            match u.kind {
                UnitKind::Break => {
                    if chars.len() > 1 {
                        char_grams(
                            &chars,
                            cfg.span_char_min,
                            cfg.span_char_max,
                            ns::CHAR + 16,
                            bits,
                            sink,
                        );
                    }
                    chars.clear();
                    chars.push(u32::from(' '));
                    continue;
                }
                UnitKind::Slot => chars.push(0x10_0000 + u32::from(u.slot as u8)),
                UnitKind::Url => chars.push(0x10_0101),
                UnitKind::User => chars.push(0x10_0100),
                _ => chars.extend(s.text_of(u).chars().map(u32::from)),
            }
            chars.push(u32::from(' '));
        }
        if chars.len() > 1 {
            char_grams(
                &chars,
                cfg.span_char_min,
                cfg.span_char_max,
                ns::CHAR + 16,
                bits,
                sink,
            );
        }
    }
}

/// Character n-grams of `chars`, lengths `min..=max`, hashed incrementally.
fn char_grams<S: Sink + ?Sized>(
    chars: &[u32],
    min: u8,
    max: u8,
    space: u8,
    bits: u32,
    sink: &mut S,
) {
    let (min, max) = (usize::from(min), usize::from(max));
    for st in 0..chars.len() {
        let mut h = Hash::new(space);
        for (n, &c) in chars[st..].iter().take(max).enumerate() {
            h = h.word(u64::from(c));
            if n + 1 >= min {
                sink.emit(
                    h.word(0xff00 | (n as u64 + 1)).finish(bits),
                    1.0,
                    CHARS,
                    &String::new,
                );
            }
        }
    }
}

/// Cue counts and cue-near-slot features.
#[allow(
    clippy::many_single_char_names,
    reason = "s, i, u, j, k, r, h: text, unit index, unit, slot index, cue, role, hash"
)]
fn cue_emit<S: Sink + ?Sized>(
    s: &Slotted,
    view: Option<u32>,
    bits: u32,
    cfg: FeatureConfig,
    sink: &mut S,
) {
    let near = usize::from(cfg.near);
    let mut counts = [0usize; 7];
    for (i, u) in s.units.iter().enumerate() {
        if u.cue == 0 {
            continue;
        }
        for (k, cue) in Cue::ALL.iter().enumerate() {
            if u.cue & cue.bit() == 0 {
                continue;
            }
            counts[k] += 1;
            let mut seen = [false; 3];
            for &j in &s.slots {
                let j = j as usize;
                if j.abs_diff(i) > near {
                    continue;
                }
                let r = usize::from(role(view, s.units[j].pair));
                if seen[r] {
                    continue;
                }
                seen[r] = true;
                let h = Hash::new(ns::CUE)
                    .word(k as u64)
                    .word(u64::from(u.neg))
                    .word(r as u64)
                    .word(u64::from(j > i));
                sink.emit(h.finish(bits), 1.0, RAW, &|| {
                    let n = if u.neg { "¬" } else { "" };
                    let side = if j > i { "before" } else { "after" };
                    format!("{}{n} {side} {}", cue.name(), ROLES[r])
                });
            }
        }
    }
    if view.is_none() {
        for (k, &c) in counts.iter().enumerate() {
            if c > 0 {
                let h = Hash::new(ns::CUE).word(k as u64).word(99);
                sink.emit(h.finish(bits), (c as f32).ln_1p(), RAW, &|| {
                    format!("{} words", Cue::ALL[k].name())
                });
            }
        }
    }
}

/// Unweighted features of the document view.
pub fn doc_raw(s: &Slotted, bits: u32, cfg: FeatureConfig, names: Option<&mut Names>) -> RawVec {
    let with_chars = names.is_none();
    let mut sink = RawSink {
        raw: RawVec {
            entries: Vec::with_capacity(s.units.len() * 16),
        },
        names,
    };
    doc_emit(s, bits, cfg, with_chars, &mut sink);
    sink.raw
}

/// Features of the document view weighted with `idf` (when given).
pub fn doc_features(s: &Slotted, bits: u32, cfg: FeatureConfig, idf: Option<&Idf>) -> SparseVec {
    doc_raw(s, bits, cfg, None).weigh(idf)
}

/// Emits the features of the view of pair `target`: what differs between pairs.
pub fn pair_emit<S: Sink + ?Sized>(
    s: &Slotted,
    target: u32,
    bits: u32,
    cfg: FeatureConfig,
    sink: &mut S,
) {
    let view = Some(target);
    let name_of = |it: &Item| unit_name(s, &s.units[it.unit as usize], view);
    windows(s, view, |p2, p1, c| {
        if c.slot {
            let h = if c.neg {
                Hash::new(ns::VIEW).word(ns::NEG).word(c.h)
            } else {
                Hash::new(ns::VIEW).word(c.h)
            };
            sink.emit(h.finish(bits), 1.0, WORDS, &|| {
                if c.neg {
                    format!("¬ {}", name_of(&c))
                } else {
                    name_of(&c)
                }
            });
        }
        let Some(b) = p1 else { return };
        if b.slot || c.slot {
            let h = Hash::new(ns::VIEW).word(b.h).word(c.h);
            sink.emit(h.finish(bits), 1.0, WORDS, &|| {
                format!("{} {}", name_of(&b), name_of(&c))
            });
        }
        if let Some(a) = p2 {
            if a.slot || b.slot || c.slot {
                let h = Hash::new(ns::VIEW).word(a.h).word(b.h).word(c.h);
                sink.emit(h.finish(bits), 1.0, WORDS, &|| {
                    format!("{} {} {}", name_of(&a), name_of(&b), name_of(&c))
                });
            }
        }
    });
    let meta = |sink: &mut S, code: u64, value: u64, v: f32, name: &dyn Fn() -> String| {
        let h = Hash::new(ns::VIEW).word(1000 + code).word(value);
        sink.emit(h.finish(bits), v, RAW, name);
    };
    let mut kinds = [0usize; SLOT_KINDS];
    let (mut mine, mut all, mut sure) = (0usize, 0usize, 0usize);
    let mut per_pair: Vec<(u32, usize)> = Vec::new();
    for u in s.slot_units() {
        all += 1;
        if u.pair == target {
            mine += 1;
            sure += usize::from(u.sure);
            kinds[u.slot.index()] += 1;
        }
        match per_pair.iter_mut().find(|p| p.0 == u.pair) {
            Some(p) => p.1 += 1,
            None => per_pair.push((u.pair, 1)),
        }
    }
    if mine == 0 {
        meta(sink, 1, 0, 1.0, &|| "T absent".into());
    } else {
        for (k, &c) in kinds.iter().enumerate() {
            if c > 0 {
                meta(sink, 2, k as u64, (c as f32).ln_1p(), &|| {
                    format!("T named by {}", SlotKind::ALL[k].as_str())
                });
            }
        }
        meta(sink, 3, 0, mine as f32 / all as f32, &|| "T share".into());
        if sure == 0 {
            meta(sink, 8, 0, 1.0, &|| "T uncertain only".into());
        }
        if per_pair.len() == 1 {
            meta(sink, 4, 0, 1.0, &|| "T only".into());
        }
        if per_pair.first().is_some_and(|p| p.0 == target) {
            meta(sink, 5, 0, 1.0, &|| "T first".into());
        }
        if s.slot_units().last().is_some_and(|u| u.pair == target) {
            meta(sink, 6, 0, 1.0, &|| "T last".into());
        }
        let max = per_pair.iter().map(|p| p.1).max().unwrap_or(0);
        if mine == max {
            meta(sink, 7, 0, 1.0, &|| "T most".into());
        }
    }
    cue_emit(s, view, bits, cfg, sink);
}

/// Features of the view of pair `target` (training and explaining).
pub fn pair_features(
    s: &Slotted,
    target: u32,
    bits: u32,
    cfg: FeatureConfig,
    names: Option<&mut Names>,
) -> SparseVec {
    let mut sink = RawSink {
        raw: RawVec {
            entries: Vec::with_capacity(32),
        },
        names,
    };
    pair_emit(s, target, bits, cfg, &mut sink);
    sink.raw.weigh(None)
}

/// Scores a pair view with a two-row linear model without building the
/// vector: per block dot products, the word block scaled to unit length.
pub struct PairScorer<'a> {
    pub w: &'a [f32],
    pub dot: [[f32; 2]; 3],
    pub sq: [f32; 3],
}

impl<'a> PairScorer<'a> {
    pub fn new(w: &'a [f32]) -> PairScorer<'a> {
        PairScorer {
            w,
            dot: [[0.0; 2]; 3],
            sq: [0.0; 3],
        }
    }

    /// The two scores (support row, oppose row).
    pub fn scores(&self) -> [f32; 2] {
        let mut out = [0.0f32; 2];
        for k in 0..3 {
            let inv = if k == usize::from(RAW) {
                1.0
            } else if self.sq[k] > 0.0 {
                1.0 / self.sq[k].sqrt()
            } else {
                0.0
            };
            out[0] += self.dot[k][0] * inv;
            out[1] += self.dot[k][1] * inv;
        }
        out
    }
}

impl Sink for PairScorer<'_> {
    fn emit(&mut self, bucket: u32, v: f32, block: u8, _name: &dyn Fn() -> String) {
        let b = bucket as usize * 2;
        let Some(row) = self.w.get(b..b + 2) else {
            return;
        };
        let k = usize::from(block.min(RAW));
        if block != RAW {
            self.sq[k] += v * v;
        }
        self.dot[k][0] += v * row[0];
        self.dot[k][1] += v * row[1];
    }
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::CueLexicon;
    use super::super::units::slot;
    use super::*;
    use netra_core::Election;
    use netra_text::Matcher;

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
names = ["Yohana Siregar", "Hendra Gunawan"]
[[candidates]]
number = 2
names = ["Budi Darma", "Yanti Susanti"]
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
names = ["Siti Aminah", "Joko Susilo"]
[[candidates]]
number = 2
names = ["Rahmat Hidayat", "Dewi Lestari"]
"#;

    fn m(cfg: &str) -> Matcher {
        let e = Election::from_toml_str(cfg, "t.toml").unwrap();
        Matcher::new(&crate::rules::pair_terms(&e))
    }

    fn sl(cfg: &str, text: &str) -> Slotted {
        slot(&m(cfg), &CueLexicon::curated(), text)
    }

    const C: FeatureConfig = FeatureConfig {
        char_min: 3,
        char_max: 5,
        span_char_min: 0,
        span_char_max: 0,
        near: 3,
        shape: true,
    };

    fn names_of(text: &str) -> Vec<String> {
        let mut names = Names::default();
        let _ = doc_raw(&sl(CONFIG, text), 18, C, Some(&mut names));
        names.out.into_iter().map(|n| n.2).collect()
    }

    #[test]
    fn same_stance_in_two_elections_gives_the_same_features() {
        let a = doc_features(&sl(CONFIG, "Ayo dukung Budi Darma!"), 18, C, None);
        let b = doc_features(&sl(OTHER, "Ayo dukung Rahmat Hidayat!"), 18, C, None);
        assert_eq!(a, b);
        let a = pair_features(
            &sl(CONFIG, "Budi Darma lebih baik dari Yohana Siregar"),
            2,
            16,
            C,
            None,
        );
        let b = pair_features(
            &sl(OTHER, "Rahmat Hidayat lebih baik dari Siti Aminah"),
            2,
            16,
            C,
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
            "support¬ before §P",
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
    fn char_ngrams_cover_words_and_hashtags() {
        let chars = |text: &str| {
            doc_raw(&sl(CONFIG, text), 18, C, None)
                .entries
                .iter()
                .filter(|e| e.2 == CHARS)
                .count()
        };
        // "<mantap>": 6 trigrams + 5 four-grams + 4 five-grams; "<gas>": 3 + 2 + 1.
        assert_eq!(chars("mantap"), 15);
        assert_eq!(chars("mantap #gas"), 15 + 3 + 2 + 1);
    }

    #[test]
    fn pair_view_marks_target_and_others() {
        let s = sl(CONFIG, "Budi Darma lebih baik dari Yohana Siregar");
        let mut names = Names::default();
        let _ = pair_features(&s, 1, 16, C, Some(&mut names));
        let n: Vec<String> = names.out.into_iter().map(|n| n.2).collect();
        for want in ["§O lebih", "dari §T", "T last", "T share"] {
            assert!(n.iter().any(|x| x == want), "missing {want} in {n:?}");
        }
    }

    #[test]
    fn scoring_sinks_agree_with_the_vectors() {
        let s = sl(
            CONFIG,
            "Ayo dukung Budi Darma, jangan Yohana Siregar 🤣 #lanjut",
        );
        let raw = doc_raw(&s, 10, C, None);
        let idf = Idf::from_documents(10, std::iter::once(&raw));
        let x = raw.weigh(Some(&idf));
        // Small integers and powers of two: exact in bfloat16.
        let w: Vec<f32> = (0..(1 << 10) * 4)
            .map(|i| ((i * 7919) % 13) as f32 - 6.0)
            .collect();
        let rows: Vec<ScoreRow> = (0..1 << 10)
            .map(|b| {
                let f = idf.get(b);
                ScoreRow::new([0, 1, 2, 3].map(|k| w[b as usize * 4 + k]), f)
            })
            .collect();
        let mut want = [0.5f32, 0.0, -0.5, 1.0];
        for (&b, &v) in x.idx.iter().zip(&x.val) {
            for k in 0..4 {
                want[k] += v * w[b as usize * 4 + k];
            }
        }
        let mut sc = DocScorer::new(&rows);
        doc_emit(&s, 10, C, true, &mut sc);
        let mut got = [0.0f32; 4];
        sc.scores(&[0.5, 0.0, -0.5, 1.0], &mut got);
        for k in 0..4 {
            assert!((got[k] - want[k]).abs() < 1e-3, "{got:?} {want:?}");
        }
        let pw: Vec<f32> = (0..(1 << 10) * 2)
            .map(|i| ((i * 31) % 7) as f32 - 3.0)
            .collect();
        let v = pair_features(&s, 2, 10, C, None);
        let mut want = [0.0f32; 2];
        for (&b, &x) in v.idx.iter().zip(&v.val) {
            want[0] += x * pw[b as usize * 2];
            want[1] += x * pw[b as usize * 2 + 1];
        }
        let mut ps = PairScorer::new(&pw);
        pair_emit(&s, 2, 10, C, &mut ps);
        let got = ps.scores();
        assert!((got[0] - want[0]).abs() < 1e-3 && (got[1] - want[1]).abs() < 1e-3);
    }

    #[test]
    fn vectors_are_in_range() {
        let v = doc_features(&sl(CONFIG, "a a a b b Budi Darma Budi Darma"), 18, C, None);
        assert!(v.val.iter().all(|x| x.is_finite()));
        assert!(v.idx.iter().all(|&i| i < 1 << 18));
    }
}
