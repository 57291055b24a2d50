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
                let (Some(first), Some(last)) = (m.get(r.start), m.get(r.end.saturating_sub(1))) else {
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
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200E}' | '\u{200F}' | '\u{2060}' | '\u{FEFF}' | '\u{180E}'
    )
}

/// Folds the whole text.
pub(crate) fn fold(original: &str) -> Folded {
    if original.is_ascii() {
        return Folded {
            text: original.to_ascii_lowercase(),
            map: None,
        };
    }
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
        let mut end = i + original[i..].chars().next().map_or(1, char::len_utf8);
        while let Some(c) = original[end..].chars().next() {
            if !is_combining_mark(c) {
                break;
            }
            end += c.len_utf8();
        }
        scratch.clear();
        fold_chunk(&original[i..end], &mut scratch);
        text.push_str(&scratch);
        for _ in 0..scratch.len() {
            map.push((to_u32(i), to_u32(end)));
        }
        i = end;
    }
    Folded { text, map: Some(map) }
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
        assert_eq!(f("ＰＲＡＭ"), "pram");
        assert_eq!(f("Prabówö"), "prabowo");
        assert_eq!(f("Pra\u{AD}bowo"), "prabowo");
        assert_eq!(f("①"), "1");
        assert_eq!(f("𝐏𝐑𝐀𝐌"), "pram");
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
