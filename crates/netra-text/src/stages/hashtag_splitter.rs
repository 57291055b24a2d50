//! `#KotaBersinar` → segments `kota`, `bersinar` after the hashtag.

use crate::normalizer::Stage;
use crate::token::{Flags, Token, TokenKind};

/// Splits hashtags into words at case changes (`BudiRina`), letter/digit
/// boundaries (`Pilih5`, `05Lanjutkan`) and underscores. A single digit
/// between letters is leet, not a boundary (`M3nang`). Segments are
/// inserted after the hashtag with [`Flags::IN_HASHTAG`] and the sub-span
/// they come from; they are features, not part of the normalised text.
/// All-lowercase or all-caps hashtags are not split (no dictionary guess).
#[derive(Debug, Default, Clone, Copy)]
pub struct HashtagSplitter;

impl Stage for HashtagSplitter {
    fn name(&self) -> &'static str {
        "hashtag_splitter"
    }

    fn process(&self, tokens: &mut Vec<Token>, original: &str) {
        if !tokens.iter().any(|t| t.kind == TokenKind::Hashtag) {
            return;
        }
        let mut out = Vec::with_capacity(tokens.len() + 8);
        for t in tokens.drain(..) {
            if t.kind != TokenKind::Hashtag {
                out.push(t);
                continue;
            }
            let children = HashtagSplitter::segments(&t, original);
            out.push(t);
            out.extend(children);
        }
        *tokens = out;
    }
}

impl HashtagSplitter {
    /// The segment tokens of hashtag `t` (none for other tokens), in order.
    pub(crate) fn segments(t: &Token, original: &str) -> Vec<Token> {
        if t.kind != TokenKind::Hashtag {
            return Vec::new();
        }
        let raw = original.get(t.span()).unwrap_or("");
        let segments = if raw.is_ascii() && raw.len() == t.text.len() {
            segment(raw.get(1..).unwrap_or(""))
        } else {
            Vec::new()
        };
        segments
            .into_iter()
            .map(|(r, s)| {
                let kind = if s.bytes().all(|b| b.is_ascii_digit()) {
                    TokenKind::Number
                } else {
                    TokenKind::Word
                };
                let mut c = t.derive_within(r.start + 1..r.end + 1, s, kind);
                c.flags.insert(Flags::IN_HASHTAG);
                c
            })
            .collect()
    }
}

/// Segments of an ASCII hashtag body (without `#`), lowercased, with their
/// byte ranges in the body. Empty when the body is a single segment.
pub(crate) fn segment(body: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let bytes = body.as_bytes();
    let len = bytes.len();
    if len < 2 {
        return Vec::new();
    }
    let mut cuts = vec![0usize];
    let mut i = 1;
    while i < len {
        let (prev, cur) = (bytes[i - 1], bytes[i]);
        let next = bytes.get(i + 1).copied();
        let leet_digit = |k: usize| -> bool {
            // bytes[k] is a single digit between letters
            bytes[k].is_ascii_digit()
                && k > 0
                && bytes[k - 1].is_ascii_alphabetic()
                && bytes.get(k + 1).is_some_and(u8::is_ascii_alphabetic)
        };
        let cut = if prev.is_ascii_alphabetic() && cur.is_ascii_digit() {
            !leet_digit(i)
        } else if prev.is_ascii_digit() && cur.is_ascii_alphabetic() {
            !leet_digit(i - 1)
        } else {
            prev == b'_'
                || cur == b'_'
                || (prev.is_ascii_lowercase() && cur.is_ascii_uppercase())
                || (prev.is_ascii_uppercase()
                    && cur.is_ascii_uppercase()
                    && next.is_some_and(|x| x.is_ascii_lowercase()))
        };
        if cut {
            cuts.push(i);
        }
        i += 1;
    }
    cuts.push(len);
    let segs: Vec<_> = cuts
        .windows(2)
        .filter_map(|w| {
            let s = &body[w[0]..w[1]];
            let s_trim = s.trim_matches('_');
            if s_trim.is_empty() {
                return None;
            }
            let off = s.len() - s.trim_start_matches('_').len();
            Some((
                w[0] + off..w[0] + off + s_trim.len(),
                s_trim.to_ascii_lowercase(),
            ))
        })
        .collect();
    if segs.len() < 2 {
        Vec::new()
    } else {
        segs
    }
}

#[cfg(test)]
mod tests {
    use super::segment;

    fn s(b: &str) -> Vec<String> {
        segment(b).into_iter().map(|x| x.1).collect()
    }

    #[test]
    fn splits_camel_case_digits_and_acronyms() {
        assert_eq!(s("KotaBersinar"), ["kota", "bersinar"]);
        assert_eq!(s("05Lanjutkan"), ["05", "lanjutkan"]);
        assert_eq!(s("Pilih5"), ["pilih", "5"]);
        assert_eq!(s("M3nangTerus4"), ["m3nang", "terus", "4"]);
        assert_eq!(s("JKTBudiRI1"), ["jkt", "budi", "ri", "1"]);
        assert_eq!(s("Tutup04Tusuk05"), ["tutup", "04", "tusuk", "05"]);
        assert_eq!(s("kota_bersinar"), ["kota", "bersinar"]);
        assert!(s("budirina").is_empty());
        assert!(s("BURI").is_empty());
    }
}
