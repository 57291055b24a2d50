//! Splits folded text into tokens with original offsets: words, numbers,
//! hashtags, mentions, URLs, emoji and punctuation runs.
//!
//! Rules, in the order they are tried at each position:
//! - whitespace, control characters, stray variation selectors / ZWJ /
//!   keycap marks separate tokens;
//! - `http://`, `https://` (also JSON-escaped `https:\/\/`) and `www.` start
//!   a URL that runs to the next whitespace, minus trailing punctuation;
//! - a keycap sequence (`3️⃣`) is a number; adjacent keycap digits form one
//!   number (`0️⃣3️⃣` → `03`);
//! - `#` and `@` before a word character (and not after one) start a
//!   hashtag or a mention;
//! - an emoji with its modifiers, variation selectors and ZWJ sequence is
//!   one token; a pair of regional indicators (a flag) is one token;
//! - a word is a run of letters, digits and combining marks; an apostrophe
//!   between letters is dropped (`Jum'at` → `jumat`); `.,:/-` between
//!   digits stays inside a number (`01.00`, `1.000`, `3-1`);
//! - anything else is punctuation; a run of the same character is one token.

use compact_str::CompactString;

use crate::char_folder::Folded;
use crate::token::{Flags, Token, TokenKind};

/// True for characters that make up words (before stages).
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || (unicode_normalization::char::is_combining_mark(c) && !is_emoji_component(c))
}

/// Variation selectors, ZWJ, the keycap mark, skin tones and tags.
fn is_emoji_component(c: char) -> bool {
    matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{200D}' | '\u{20E3}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}')
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Emoji presentation characters (an approximation of Unicode's
/// `Extended_Pictographic`, good enough for social media text).
pub(crate) fn is_pictographic(c: char) -> bool {
    matches!(c as u32,
        0x00A9 | 0x00AE | 0x203C | 0x2049 | 0x2194..=0x2199 | 0x21A9..=0x21AA
        | 0x231A..=0x231B | 0x2328 | 0x23CF | 0x23E9..=0x23F3 | 0x23F8..=0x23FA
        | 0x25AA..=0x25AB | 0x25B6 | 0x25C0 | 0x25FB..=0x25FE | 0x2600..=0x27BF
        | 0x2934..=0x2935 | 0x2B05..=0x2B07 | 0x2B1B..=0x2B1C | 0x2B50 | 0x2B55
        | 0x3030 | 0x303D | 0x1F000..=0x1F1E5 | 0x1F200..=0x1F3FA | 0x1F400..=0x1FAFF
        | 0x1FC00..=0x1FFFD)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '`' | '\u{02BC}')
}

const URL_PREFIXES: [&str; 5] = ["http://", "https://", "http:\\/\\/", "https:\\/\\/", "www."];

fn url_trailing(c: char) -> bool {
    matches!(
        c,
        '.' | ','
            | ';'
            | ':'
            | '!'
            | '?'
            | ')'
            | ']'
            | '}'
            | '\''
            | '"'
            | '\u{bb}'
            | '\u{201d}'
            | '\u{2019}'
            | '\u{2026}'
            | '\\'
    )
}

/// Tokenizes folded text.
pub(crate) fn tokenize(folded: &Folded) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(folded.text.len() / 4 + 4);
    tokenize_with(folded, |t| out.push(t));
    out
}

/// Hands tokens to a consumer, with the line-start flag.
struct Emitter<'f, F> {
    folded: &'f Folded,
    emit: F,
    line_start: bool,
    any: bool,
}

impl<F: FnMut(Token)> Emitter<'_, F> {
    #[inline]
    fn push(
        &mut self,
        text: CompactString,
        r: std::ops::Range<usize>,
        kind: TokenKind,
        flags: Flags,
    ) {
        let mut t = Token::new(text, self.folded.original_span(r), kind);
        t.flags = flags;
        if std::mem::take(&mut self.line_start) {
            t.flags.insert(Flags::LINE_START);
        }
        self.any = true;
        (self.emit)(t);
    }
}

/// Tokenizes folded text, handing each token to `emit` in text order.
#[allow(
    clippy::too_many_lines,
    reason = "one loop over the characters; the cases read best in the order the module docs list them"
)]
pub(crate) fn tokenize_with(folded: &Folded, emit: impl FnMut(Token)) {
    let s = folded.text.as_str();
    let mut em = Emitter {
        folded,
        emit,
        line_start: false,
        any: false,
    };
    let mut i = 0;
    let mut prev_word = false;
    let bytes = s.as_bytes();
    while i < s.len() {
        // Fast paths for plain ASCII: spaces, letters that do not start a
        // URL, and punctuation other than `#`, `@` and `*` (which can start
        // a hashtag, a mention or a keycap); they take the same branches
        // below.
        let byte = bytes[i];
        if byte == b' ' {
            prev_word = false;
            i += 1;
            continue;
        }
        if byte.is_ascii_alphabetic()
            && (prev_word
                || !(byte == b'h' || byte == b'w')
                || !(bytes[i..].starts_with(b"http") || bytes[i..].starts_with(b"www.")))
        {
            let (end, text, number) = word_end(s, i);
            let kind = if number {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            em.push(text, i..end, kind, Flags::NONE);
            i = end;
            prev_word = true;
            continue;
        }
        if byte.is_ascii_punctuation() && !matches!(byte, b'#' | b'@' | b'*') {
            let mut end = i + 1;
            while bytes.get(end) == Some(&byte) {
                end += 1;
            }
            em.push(
                CompactString::new(&s[i..end]),
                i..end,
                TokenKind::Punct,
                Flags::NONE,
            );
            i = end;
            prev_word = false;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        let rest = &s[i + clen..];
        let next = rest.chars().next();

        if c.is_whitespace() || c.is_control() || is_emoji_component(c) {
            if c == '\n' && em.any {
                em.line_start = true;
            }
            prev_word = false;
            i += clen;
            continue;
        }
        // URL.
        if !prev_word && (c == 'h' || c == 'w') {
            if let Some(p) = URL_PREFIXES.iter().find(|p| s[i..].starts_with(**p)) {
                let mut end = s[i..].find(char::is_whitespace).map_or(s.len(), |e| i + e);
                while end > i + p.len() {
                    let Some(last) = s[..end].chars().next_back() else {
                        break;
                    };
                    if !url_trailing(last) {
                        break;
                    }
                    end -= last.len_utf8();
                }
                if end > i + p.len() {
                    em.push(
                        CompactString::new(&s[i..end]),
                        i..end,
                        TokenKind::Url,
                        Flags::NONE,
                    );
                    i = end;
                    prev_word = false;
                    continue;
                }
            }
        }
        // Keycaps.
        if let Some(end) = keycap_end(s, i) {
            if c.is_ascii_digit() {
                let mut text = CompactString::default();
                text.push(c);
                let mut j = end;
                while let Some(e) = s[j..]
                    .chars()
                    .next()
                    .filter(char::is_ascii_digit)
                    .and_then(|_| keycap_end(s, j))
                {
                    text.push(char::from(s.as_bytes()[j]));
                    j = e;
                }
                em.push(text, i..j, TokenKind::Number, Flags::EMOJI_DIGIT);
                i = j;
            } else {
                let text = compact_str::format_compact!("{c}\u{20E3}");
                em.push(text, i..end, TokenKind::Emoji, Flags::NONE);
                i = end;
            }
            prev_word = false;
            continue;
        }
        // Hashtags and mentions.
        if (c == '#' || c == '@') && !prev_word {
            let body_ok = match (c, next) {
                ('#', Some(n)) => is_word_char(n) || n == '_',
                ('@', Some(n)) => n.is_ascii_alphanumeric() || n == '_',
                _ => false,
            };
            if body_ok {
                let mut end = i + 1;
                if c == '#' {
                    while let Some(n) = s[end..]
                        .chars()
                        .next()
                        .filter(|&n| is_word_char(n) || n == '_')
                    {
                        end += n.len_utf8();
                    }
                } else {
                    while let Some(n) = s[end..]
                        .chars()
                        .next()
                        .filter(|&n| n.is_ascii_alphanumeric() || n == '_' || n == '.')
                    {
                        end += n.len_utf8();
                    }
                    while s[..end].ends_with('.') {
                        end -= 1;
                    }
                }
                let kind = if c == '#' {
                    TokenKind::Hashtag
                } else {
                    TokenKind::Mention
                };
                em.push(CompactString::new(&s[i..end]), i..end, kind, Flags::NONE);
                i = end;
                prev_word = true;
                continue;
            }
        }
        // Emoji.
        if is_pictographic(c) || is_regional_indicator(c) {
            let (end, text) = emoji_end(s, i);
            em.push(text, i..end, TokenKind::Emoji, Flags::NONE);
            i = end;
            prev_word = false;
            continue;
        }
        // Words and numbers.
        if is_word_char(c) {
            let (end, text, number) = word_end(s, i);
            let kind = if number {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            em.push(text, i..end, kind, Flags::NONE);
            i = end;
            prev_word = true;
            continue;
        }
        // Punctuation run.
        let mut end = i + clen;
        while s[end..].starts_with(c) {
            end += clen;
        }
        em.push(
            CompactString::new(&s[i..end]),
            i..end,
            TokenKind::Punct,
            Flags::NONE,
        );
        i = end;
        prev_word = false;
    }
}

/// End of a keycap sequence (`[0-9#*]` + optional U+FE0F + U+20E3) at `i`.
fn keycap_end(s: &str, i: usize) -> Option<usize> {
    let c = *s.as_bytes().get(i)?;
    if !(c.is_ascii_digit() || c == b'#' || c == b'*') {
        return None;
    }
    let mut j = i + 1;
    if s[j..].starts_with('\u{FE0F}') {
        j += '\u{FE0F}'.len_utf8();
    }
    s[j..]
        .starts_with('\u{20E3}')
        .then(|| j + '\u{20E3}'.len_utf8())
}

/// End and text of the emoji starting at `i`. Variation selectors and skin
/// tones are dropped from the text (`☝🏽️` → `☝`).
fn emoji_end(s: &str, i: usize) -> (usize, CompactString) {
    let mut chars = s[i..].char_indices().peekable();
    let Some((_, first)) = chars.next() else {
        return (i, CompactString::default());
    };
    let mut text = CompactString::default();
    text.push(first);
    let mut end = i + first.len_utf8();
    if is_regional_indicator(first) {
        if let Some(&(_, n)) = chars.peek() {
            if is_regional_indicator(n) {
                text.push(n);
                end += n.len_utf8();
            }
        }
        return (end, text);
    }
    while let Some(n) = s[end..].chars().next() {
        match n {
            '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' => end += n.len_utf8(),
            '\u{E0020}'..='\u{E007F}' | '\u{20E3}' => {
                text.push(n);
                end += n.len_utf8();
            }
            '\u{200D}' => {
                let after = s[end + n.len_utf8()..].chars().next();
                match after {
                    Some(a) if is_pictographic(a) => {
                        text.push(n);
                        text.push(a);
                        end += n.len_utf8() + a.len_utf8();
                    }
                    _ => break,
                }
            }
            _ => break,
        }
    }
    (end, text)
}

/// [`ASCII_CLASS`] bit: an ASCII letter or digit.
const ALNUM: u8 = 1;
/// [`ASCII_CLASS`] bit: an ASCII letter.
const ALPHA: u8 = 2;

/// [`ALNUM`] and [`ALPHA`] of every byte: one load per byte in the word
/// loop instead of two range tests.
static ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b: u8 = 0;
    loop {
        table[b as usize] = if b.is_ascii_alphabetic() {
            ALNUM | ALPHA
        } else if b.is_ascii_digit() {
            ALNUM
        } else {
            0
        };
        if b == u8::MAX {
            break;
        }
        b += 1;
    }
    table
};

/// End, text and "is a number" of the word starting at `i`.
fn word_end(s: &str, i: usize) -> (usize, CompactString, bool) {
    // Fast path: a run of ASCII letters and digits that the character loop
    // below would end where the run ends. It reads on only into non-ASCII
    // text (letters, combining marks, keycaps), over an apostrophe between
    // letters, or over `.,:/-` between digits of a number.
    let bytes = s.as_bytes();
    let mut j = i;
    let mut classes = 0u8;
    for &b in bytes.get(i..).unwrap_or_default() {
        let class = ASCII_CLASS[usize::from(b)];
        if class & ALNUM == 0 {
            break;
        }
        classes |= class;
        j += 1;
    }
    let letters = classes & ALPHA != 0;
    let reads_on = match bytes.get(j) {
        Some(&b) if !b.is_ascii() => true,
        Some(b'\'' | b'`') => {
            j > i
                && bytes[j - 1].is_ascii_alphabetic()
                && bytes
                    .get(j + 1)
                    .is_some_and(|&n| !n.is_ascii() || n.is_ascii_alphabetic())
        }
        Some(b'.' | b',' | b':' | b'/' | b'-') => {
            !letters && bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
        }
        Some(_) | None => false,
    };
    if j > i && !reads_on {
        return (j, CompactString::new(&s[i..j]), !letters);
    }
    let mut text = CompactString::default();
    let mut j = i;
    let mut all_digits = true;
    let mut prev: Option<char> = None;
    while let Some(c) = s[j..].chars().next() {
        let next = s[j + c.len_utf8()..].chars().next();
        if is_word_char(c) {
            if c.is_ascii_digit() && j > i && keycap_end(s, j).is_some() {
                break;
            }
            all_digits &= c.is_ascii_digit();
            text.push(c);
        } else if is_apostrophe(c)
            && prev.is_some_and(char::is_alphabetic)
            && next.is_some_and(|n| {
                n.is_alphabetic() && !unicode_normalization::char::is_combining_mark(n)
            })
        {
            // dropped (a mark after it would fold into the letter before it)
        } else if matches!(c, '.' | ',' | ':' | '/' | '-')
            && all_digits
            && prev.is_some_and(|p| p.is_ascii_digit())
            && next.is_some_and(|n| n.is_ascii_digit())
            && keycap_end(s, j + 1).is_none()
        {
            text.push(c);
        } else {
            break;
        }
        prev = Some(c);
        j += c.len_utf8();
    }
    (j, text, all_digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::char_folder::fold;

    fn toks(s: &str) -> Vec<(String, &'static str, String)> {
        tokenize(&fold(s))
            .into_iter()
            .map(|t| (t.text.to_string(), t.kind.as_str(), s[t.span()].to_string()))
            .collect()
    }

    #[test]
    fn splits_social_media_text() {
        let t =
            toks("Dukung Budi-Rina!! #BudiRina @budisantoso https://t.co/x. 0️⃣3️⃣ ☝🏽️ Jum'at 01.00");
        let kinds: Vec<&str> = t.iter().map(|x| x.1).collect();
        assert_eq!(
            kinds,
            [
                "word", "word", "punct", "word", "punct", "hashtag", "mention", "url", "punct",
                "number", "emoji", "word", "number"
            ]
        );
        assert_eq!(t[4].0, "!!");
        assert_eq!(t[7].0, "https://t.co/x");
        assert_eq!(t[9].0, "03");
        assert_eq!(t[9].2, "0️⃣3️⃣");
        assert_eq!(t[10].0, "☝");
        assert_eq!(t[11].0, "jumat");
        assert_eq!(t[12].0, "01.00");
    }

    #[test]
    fn email_is_not_a_mention() {
        let t = toks("a@b.com");
        assert_eq!(t[0].1, "word");
        assert_eq!(t[1].1, "punct");
    }
}
