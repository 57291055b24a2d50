//! A small, fast hasher for the short string keys of the hot path.
//!
//! Keys are lexicon words and config terms, not attacker-chosen table
//! sizes, so the `DoS` resistance of `SipHash` buys nothing here. This is the
//! multiply-rotate scheme of `rustc`'s `FxHasher`, eight bytes at a time:
//! several times faster than `SipHash` on 3–10 byte words.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// Fx-style hasher.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Fnv(u64);

impl Fnv {
    #[inline]
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for Fnv {
    #[inline]
    fn finish(&self) -> u64 {
        // hashbrown picks buckets with the low bits, which a multiply mixes
        // worst: bring the well-mixed high bits down.
        self.0.rotate_left(26)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
}

/// A `HashMap` keyed with [`Fnv`].
pub(crate) type FnvMap<K, V> = HashMap<K, V, BuildHasherDefault<Fnv>>;

/// A word-keyed map that keeps words of at most eight bytes packed in a
/// `u64` (no pointer to chase, no string to compare): most words are short.
/// A small bit filter in front answers most misses without probing.
#[derive(Debug, Clone)]
pub(crate) struct WordMap<V> {
    short: FnvMap<u64, V>,
    long: FnvMap<Box<str>, V>,
    filter: Vec<u64>,
    shift: u32,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap::with_filter_bits(12)
    }
}

/// The first (up to) eight bytes of `b`, little-endian, zero-padded,
/// without a call to `memcpy` (a variable-length `copy_from_slice` is one,
/// and the words here are 2–10 bytes).
#[inline]
pub(crate) fn prefix(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 8 {
        return u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    }
    if n >= 4 {
        // Two overlapping four-byte loads; the overlap holds the same bytes.
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        return lo | hi << (8 * (n - 4));
    }
    let mut v = 0u64;
    for (i, &c) in b.iter().enumerate() {
        v |= u64::from(c) << (8 * i);
    }
    v
}

/// `w` packed little-endian into a `u64`, if it has one to eight bytes.
/// Words never contain NUL (the tokenizer drops control characters), so the
/// zero padding is unambiguous.
#[inline]
fn pack(w: &str) -> Option<u64> {
    let b = w.as_bytes();
    if b.is_empty() || b.len() > 8 {
        return None;
    }
    Some(prefix(b))
}

/// First eight bytes and the length, for the filter.
#[inline]
fn filter_key(w: &str) -> u64 {
    let b = w.as_bytes();
    prefix(b) ^ (b.len() as u64).wrapping_mul(0xff51_afd7_ed55_8ccd)
}

impl<V> WordMap<V> {
    /// A map whose miss filter has `2^bits` bits.
    pub(crate) fn with_filter_bits(bits: u32) -> Self {
        let bits = bits.clamp(6, 24);
        WordMap {
            short: FnvMap::default(),
            long: FnvMap::default(),
            filter: vec![0; 1 << (bits - 6)],
            shift: 64 - bits,
        }
    }

    #[inline]
    fn bit(&self, w: &str) -> (usize, u64) {
        let h = filter_key(w).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> self.shift;
        #[allow(clippy::cast_possible_truncation, reason = "h < 2^24 after the shift")]
        let h = h as usize;
        (h >> 6, 1u64 << (h & 63))
    }

    #[inline]
    pub(crate) fn get(&self, w: &str) -> Option<&V> {
        self.get_with_prefix(w, prefix(w.as_bytes()))
    }

    /// [`WordMap::get`] when the caller has read [`prefix`]`(w)` already.
    #[allow(clippy::inline_always, reason = "one call per word of every post")]
    #[inline(always)]
    pub(crate) fn get_with_prefix(&self, w: &str, first: u64) -> Option<&V> {
        // `filter_key` and `pack` inlined: one read of the first bytes.
        let b = w.as_bytes();
        let h = (first ^ (b.len() as u64).wrapping_mul(0xff51_afd7_ed55_8ccd))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            >> self.shift;
        #[allow(clippy::cast_possible_truncation, reason = "h < 2^24 after the shift")]
        let h = h as usize;
        if self
            .filter
            .get(h >> 6)
            .is_none_or(|x| x & (1u64 << (h & 63)) == 0)
        {
            return None;
        }
        if !b.is_empty() && b.len() <= 8 {
            self.short.get(&first)
        } else {
            self.long.get(w)
        }
    }

    pub(crate) fn entry_or_default(&mut self, w: &str) -> &mut V
    where
        V: Default,
    {
        let (word, mask) = self.bit(w);
        if let Some(x) = self.filter.get_mut(word) {
            *x |= mask;
        }
        match pack(w) {
            Some(k) => self.short.entry(k).or_default(),
            None => self.long.entry(w.into()).or_default(),
        }
    }

    pub(crate) fn insert(&mut self, w: &str, v: V) {
        let (word, mask) = self.bit(w);
        if let Some(x) = self.filter.get_mut(word) {
            *x |= mask;
        }
        match pack(w) {
            Some(k) => {
                self.short.insert(k, v);
            }
            None => {
                self.long.insert(w.into(), v);
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    pub(crate) fn reserve(&mut self, n: usize) {
        self.short.reserve(n);
    }
}
