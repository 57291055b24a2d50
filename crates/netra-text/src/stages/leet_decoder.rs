//! `BUD1` stays, `B4NG` → `bang`, `m3nang` → `menang`, `kata2` → `kata kata`.

use crate::normalizer::Stage;
use crate::stages::is_rewritable_word;
use crate::token::{Flags, Token};

/// Reads digits written between letters as the letters they look like
/// (`4`→a, `3`→e, `1`→i, `0`→o, `5`→s, `7`→t, `6`/`9`→g, `8`→b), for runs
/// of at most two digits with a letter on both sides. Digits at the start
/// or end of a word stay digits (`2024budi`, `covid19`), except the
/// Indonesian reduplication mark: `kata2` becomes `kata` followed by a
/// [`Flags::REDUPLICATED`] copy.
#[derive(Debug, Default, Clone, Copy)]
pub struct LeetDecoder;

fn leet(d: u8) -> Option<char> {
    Some(match d {
        b'0' => 'o',
        b'1' => 'i',
        b'3' => 'e',
        b'4' => 'a',
        b'5' => 's',
        b'6' | b'9' => 'g',
        b'7' => 't',
        b'8' => 'b',
        _ => return None,
    })
}

/// The word with leet digits read as letters, if any were.
fn decode(text: &str) -> Option<String> {
    let b = text.as_bytes();
    let n = b.len();
    let mut out = String::with_capacity(n);
    let mut changed = false;
    let mut i = 0;
    while i < n {
        if b[i].is_ascii_digit() {
            let start = i;
            while i < n && b[i].is_ascii_digit() {
                i += 1;
            }
            let run = &b[start..i];
            let between = start > 0
                && b[start - 1].is_ascii_alphabetic()
                && i < n
                && b[i].is_ascii_alphabetic();
            let mapped: Option<String> = if between && run.len() <= 2 {
                run.iter().map(|&d| leet(d)).collect()
            } else {
                None
            };
            if let Some(m) = mapped {
                out.push_str(&m);
                changed = true;
            } else {
                out.push_str(std::str::from_utf8(run).unwrap_or(""));
            }
        } else {
            out.push(char::from(b[i]));
            i += 1;
        }
    }
    changed.then_some(out)
}

impl LeetDecoder {
    /// Decodes `t` in place; returns the [`Flags::REDUPLICATED`] copy that
    /// follows it when it ended in the reduplication mark (`kata2`).
    pub(crate) fn decode_token(t: &mut Token) -> Option<Token> {
        if !is_rewritable_word(t)
            || !t.text.bytes().any(|b| b.is_ascii_digit())
            || !t.text.is_ascii()
        {
            return None;
        }
        if let Some(decoded) = decode(&t.text) {
            t.text = decoded.into();
            t.flags.insert(Flags::LEET);
        }
        // Reduplication: letters + '2' (checked after decoding, so that
        // the result is a fixed point).
        let b = t.text.as_bytes();
        let n = b.len();
        if n >= 3 && b[n - 1] == b'2' && b[..n - 1].iter().all(u8::is_ascii_alphabetic) {
            t.text.truncate(n - 1);
            let mut c = t.derive(t.text.clone());
            c.flags.insert(Flags::REDUPLICATED);
            return Some(c);
        }
        None
    }
}

impl Stage for LeetDecoder {
    fn name(&self) -> &'static str {
        "leet_decoder"
    }

    fn process(&self, tokens: &mut Vec<Token>, _original: &str) {
        let mut copies: Vec<(usize, Token)> = Vec::new();
        for (idx, t) in tokens.iter_mut().enumerate() {
            if let Some(c) = LeetDecoder::decode_token(t) {
                copies.push((idx, c));
            }
        }
        if copies.is_empty() {
            return;
        }
        let mut out = Vec::with_capacity(tokens.len() + copies.len());
        let mut next = copies.into_iter().peekable();
        for (idx, t) in tokens.drain(..).enumerate() {
            out.push(t);
            if next.peek().is_some_and(|(i, _)| *i == idx) {
                out.extend(next.next().map(|(_, c)| c));
            }
        }
        *tokens = out;
    }
}
