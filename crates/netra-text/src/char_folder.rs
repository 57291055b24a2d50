//! Character folding before tokenization: Unicode NFKC, lower case, Latin
//! diacritics removed, invisible format characters dropped; with a map from
//! every folded byte back to the original text.
//!
//! Folding happens before the tokenizer (as a Lucene "char filter") because
//! token boundaries depend on the folded characters: `ＰＲＡＭ`, `①`, `𝐏𝐑𝐀𝐌`
//! and `Pra\u{AD}bowo` only become words once folded. The text is folded one
//! *chunk* at a time (a character and the combining marks that follow it),
//! and each folded byte remembers its chunk's original span, so the
//! tokenizer can give every token exact original offsets.

use std::ops::Range;

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folded text and the way back to the original.
#[derive(Debug)]
pub(crate) struct Folded {
    pub(crate) text: String,
    /// For each byte of `text`: the original span of its chunk. `None`
    /// means the identity (ASCII input).
    map: Option<Vec<(u32, u32)>>,
}

impl Folded {
    /// The original span of the folded byte range `r` (non-empty).
    pub(crate) fn original_span(&self, r: Range<usize>) -> Range<usize> {
        match &self.map {
            None => r,
            Some(m) => {
                let (Some(first), Some(last)) = (m.get(r.start), m.get(r.end.saturating_sub(1)))
                else {
                    return 0..0;
                };
                first.0 as usize..last.1 as usize
            }
        }
    }
}

/// Characters removed outright: soft hyphen, zero-width space/non-joiner,
/// direction marks, word joiner, BOM, Mongolian vowel separator.
fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'
            | '\u{200C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{180E}'
    )
}

/// True when folding `c` alone gives `c`: not ignorable, not a Latin
/// letter with a diacritic, not changed by lower-casing or NFKC.
fn is_fixed_point(c: char) -> bool {
    if is_ignorable(c)
        || is_combining_mark(c)
        || matches!(c, '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}')
    {
        return false;
    }
    let mut lower = c.to_lowercase();
    if lower.next() != Some(c) || lower.next().is_some() {
        return false;
    }
    unicode_normalization::is_nfkc_quick(std::iter::once(c))
        == unicode_normalization::IsNormalized::Yes
}

/// Folds the whole text.
///
/// Folding works chunk by chunk; when a chunk folds to text that starts
/// with a combining mark (`ຳ` → `ໍາ`), the chunks of the folded text differ
/// from the original's, so the folded text is folded again (with the maps
/// composed) until it is a fixed point.
pub(crate) fn fold(original: &str) -> Folded {
    let (mut f, mut risky) = fold_once(original);
    for _ in 0..3 {
        if !risky {
            break;
        }
        let (g, r) = fold_once(&f.text);
        if g.text == f.text {
            break;
        }
        f = compose(&f, g);
        risky = r;
    }
    f
}

/// `outer` folds `inner.text`: spans of `outer` mapped through `inner`.
fn compose(inner: &Folded, outer: Folded) -> Folded {
    let map = match (&inner.map, outer.map) {
        (_, None) => inner.map.clone(),
        (None, Some(m)) => Some(m),
        (Some(_), Some(m)) => Some(
            m.into_iter()
                .map(|(a, b)| {
                    let r = inner.original_span(a as usize..(b as usize).max(a as usize + 1));
                    (to_u32(r.start), to_u32(r.end))
                })
                .collect(),
        ),
    };
    Folded {
        text: outer.text,
        map,
    }
}

fn fold_once(original: &str) -> (Folded, bool) {
    if original.is_ascii() {
        return (
            Folded {
                text: original.to_ascii_lowercase(),
                map: None,
            },
            false,
        );
    }
    let mut risky = false;
    let mut text = String::with_capacity(original.len() + 8);
    let mut map: Vec<(u32, u32)> = Vec::with_capacity(original.len() + 8);
    let mut scratch = String::new();
    let bytes = original.as_bytes();
    let mut i = 0;
    while i < original.len() {
        let b = bytes[i];
        // ASCII char not followed by a combining mark: the fast path.
        if b.is_ascii() && bytes.get(i + 1).is_none_or(u8::is_ascii) {
            text.push(char::from(b.to_ascii_lowercase()));
            map.push((to_u32(i), to_u32(i + 1)));
            i += 1;
            continue;
        }
        // A chunk: one character and the combining marks after it.
        let first = original[i..].chars().next().unwrap_or(' ');
        let mut end = i + first.len_utf8();
        if original[end..]
            .chars()
            .next()
            .is_none_or(|n| !is_combining_mark(n))
            && (first.is_ascii() || is_fixed_point(first))
        {
            // ASCII, emoji, punctuation, non-Latin letters: fold to themselves.
            text.push(first.to_ascii_lowercase());
            for _ in 0..first.len_utf8() {
                map.push((to_u32(i), to_u32(end)));
            }
            i = end;
            continue;
        }
        while let Some(c) = original[end..].chars().next() {
            if !is_combining_mark(c) {
                break;
            }
            end += c.len_utf8();
        }
        scratch.clear();
        fold_chunk(&original[i..end], &mut scratch);
        risky |= scratch.chars().next().is_some_and(|c| {
            is_combining_mark(c) && !matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{20E3}')
        });
        text.push_str(&scratch);
        for _ in 0..scratch.len() {
            map.push((to_u32(i), to_u32(end)));
        }
        i = end;
    }
    (
        Folded {
            text,
            map: Some(map),
        },
        risky,
    )
}

fn to_u32(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// NFKC → lower case → Latin diacritics removed → NFKC, repeated until it
/// no longer changes (at most four rounds): the result is a fixed point, so
/// folding folded text changes nothing.
fn fold_chunk(chunk: &str, out: &mut String) {
    let mut cur: String = chunk.chars().filter(|c| !is_ignorable(*c)).collect();
    for _ in 0..4 {
        let lowered: String = cur.nfkc().flat_map(char::to_lowercase).collect();
        let mut stripped = String::with_capacity(lowered.len());
        let mut after_ascii_letter = false;
        for c in lowered.nfd() {
            if is_combining_mark(c) {
                if after_ascii_letter {
                    continue;
                }
            } else {
                after_ascii_letter = c.is_ascii_alphabetic();
            }
            stripped.push(c);
        }
        let next: String = stripped.nfkc().filter(|c| !is_ignorable(*c)).collect();
        if next == cur {
            break;
        }
        cur = next;
    }
    out.push_str(&cur);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(s: &str) -> String {
        fold(s).text
    }

    #[test]
    fn folds_width_case_and_diacritics() {
        assert_eq!(f("ＢＵＤＩ"), "budi");
        assert_eq!(f("Budí Sàntoso"), "budi santoso");
        assert_eq!(f("San\u{AD}toso"), "santoso");
        assert_eq!(f("①"), "1");
        assert_eq!(f("𝐁𝐔𝐃𝐈"), "budi");
    }

    #[test]
    fn keeps_keycaps_and_non_latin_marks() {
        assert_eq!(f("3\u{FE0F}\u{20E3}"), "3\u{FE0F}\u{20E3}");
        assert_eq!(f("بِسْمِ"), "بِسْمِ".nfkc().collect::<String>());
    }

    #[test]
    fn maps_back_to_original() {
        let o = "Ｐé x";
        let d = fold(o);
        assert_eq!(d.text, "pe x");
        assert_eq!(&o[d.original_span(0..1)], "Ｐ");
        assert_eq!(&o[d.original_span(1..2)], "é");
        assert_eq!(&o[d.original_span(3..4)], "x");
    }
}
