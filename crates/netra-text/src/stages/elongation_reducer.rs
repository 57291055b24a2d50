//! `bangeeet` → `banget`, `mantaaap` → `mantap`, `maaaaf` → `maaf`.

use std::sync::Arc;

use crate::lexicon::Lexicon;
use crate::normalizer::Stage;
use crate::stages::is_rewritable_word;
use crate::token::{Flags, Token, TokenKind};

/// Reduces letters repeated three or more times. Each such run becomes one
/// or two letters: the first spelling (trying every combination for up to
/// three runs, fewest letters first) that is a dictionary word wins, else
/// one letter each. Runs of two are left alone (`saat`, `maaf`); the matcher
/// compares names with doubled letters squeezed (`budii` = `budi`).
#[derive(Debug, Clone)]
pub struct ElongationReducer {
    lexicon: Arc<Lexicon>,
}

impl ElongationReducer {
    /// A reducer choosing spellings with `lexicon`.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        ElongationReducer { lexicon }
    }
}

impl Stage for ElongationReducer {
    fn name(&self) -> &'static str {
        "elongation_reducer"
    }

    fn process(&self, tokens: &mut Vec<Token>, _original: &str) {
        for t in tokens.iter_mut() {
            self.reduce_token(t);
        }
    }
}

impl ElongationReducer {
    /// Reduces the letter runs of `t` in place.
    #[inline]
    pub(crate) fn reduce_token(&self, t: &mut Token) {
        if t.kind != TokenKind::Word || !is_rewritable_word(t) || !has_triple(&t.text) {
            return;
        }
        t.text = self.reduce(&t.text).into();
        t.flags.insert(Flags::ELONGATED);
    }
}

fn has_triple(s: &str) -> bool {
    if s.is_ascii() {
        return s
            .as_bytes()
            .windows(3)
            .any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_ascii_alphabetic());
    }
    let mut prev = None;
    let mut n = 0;
    for c in s.chars() {
        if Some(c) == prev && c.is_alphabetic() {
            n += 1;
            if n >= 3 {
                return true;
            }
        } else {
            n = 1;
        }
        prev = Some(c);
    }
    false
}

impl ElongationReducer {
    fn reduce(&self, s: &str) -> String {
        // Runs as (char, count).
        let mut runs: Vec<(char, usize)> = Vec::new();
        for c in s.chars() {
            match runs.last_mut() {
                Some((p, n)) if *p == c => *n += 1,
                _ => runs.push((c, 1)),
            }
        }
        let long: Vec<usize> = runs
            .iter()
            .enumerate()
            .filter(|(_, (c, n))| *n >= 3 && c.is_alphabetic())
            .map(|(i, _)| i)
            .collect();
        let render = |mask: u32| -> String {
            let mut out = String::with_capacity(s.len());
            for (i, (c, n)) in runs.iter().enumerate() {
                let k = match long.iter().position(|&j| j == i) {
                    Some(bit) => 1 + usize::from(mask >> bit & 1 == 1),
                    None => *n,
                };
                for _ in 0..k {
                    out.push(*c);
                }
            }
            out
        };
        if long.len() <= 3 {
            let mut masks: Vec<u32> = (0..1u32 << long.len()).collect();
            masks.sort_by_key(|m| m.count_ones());
            for m in masks {
                let cand = render(m);
                if self.lexicon.is_formal(&cand) {
                    return cand;
                }
            }
        }
        render(0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reduces_to_dictionary_spelling() {
        let r = ElongationReducer::new(Arc::new(Lexicon::builtin()));
        assert_eq!(r.reduce("bangeeet"), "banget");
        assert_eq!(r.reduce("mantaaaap"), "mantap");
        assert_eq!(r.reduce("budiii"), "budi");
    }
}
