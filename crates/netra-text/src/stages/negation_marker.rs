//! `tidak/ga/gak/nggak/bukan/jangan/belum` and their scope.

use crate::normalizer::Stage;
use crate::token::{Flags, Token, TokenKind};

/// Negation words (after slang expansion most spellings are `tidak`).
#[inline]
fn is_cue_word(w: &str) -> bool {
    // cheap rejection first: cue words are 2–6 bytes starting with one of these
    if w.len() < 2
        || w.len() > 6
        || !matches!(
            w.as_bytes()[0],
            b't' | b'b' | b'j' | b'e' | b'n' | b'g' | b'k' | b'o'
        )
    {
        return false;
    }
    matches!(
        w,
        "tidak"
            | "tak"
            | "bukan"
            | "jangan"
            | "belum"
            | "enggak"
            | "nggak"
            | "gak"
            | "ga"
            | "ngga"
            | "kagak"
            | "ndak"
            | "tdk"
            | "bkn"
            | "jgn"
            | "ogah"
    )
}

/// Words that end a negation scope ("tidak suka A *tapi* B").
#[inline]
fn is_scope_breaker(w: &str) -> bool {
    if w.len() < 4
        || !matches!(
            w.as_bytes()[0],
            b't' | b'n' | b'm' | b's' | b'p' | b'c' | b'h'
        )
    {
        return false;
    }
    matches!(
        w,
        "tapi" | "tetapi" | "namun" | "melainkan" | "sedangkan" | "padahal" | "cuma" | "hanya"
    )
}

/// Marks negation words with [`Flags::NEGATION_CUE`] and the up to
/// [`NegationMarker::MAX_SCOPE`] words, numbers, hashtags and mentions after
/// them with [`Flags::NEGATED`]. The scope ends early at punctuation
/// (except `-` and `/`), an emoji or URL, a line break, a contrast word
/// (`tapi`, `namun`, …) or another negation word. Inside a hashtag the
/// scope stays within its segments (`#AsalBukanBudi`).
#[derive(Debug, Default, Clone, Copy)]
pub struct NegationMarker;

impl NegationMarker {
    /// Longest scope, in tokens.
    pub const MAX_SCOPE: usize = 4;
}

pub(crate) fn is_cue(t: &Token) -> bool {
    t.kind == TokenKind::Word
        && !t.has(Flags::SLANG_CONT)
        && (is_cue_word(&t.text) || t.before_slang.as_deref().is_some_and(is_cue_word))
}

impl Stage for NegationMarker {
    fn name(&self) -> &'static str {
        "negation_marker"
    }

    fn process(&self, tokens: &mut Vec<Token>, _original: &str) {
        let mut scope = NegationScope::default();
        for t in tokens.iter_mut() {
            scope.mark(t);
        }
    }
}

/// The open negation scopes while the tokens are read in order: one in the
/// text, one inside the current hashtag's segments.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct NegationScope {
    outer: usize,
    inner: usize,
}

impl NegationScope {
    /// Marks `t`, the token after the ones marked so far.
    #[inline]
    pub(crate) fn mark(&mut self, t: &mut Token) {
        let scope = if t.has(Flags::IN_HASHTAG) {
            &mut self.inner
        } else {
            self.inner = 0;
            if t.has(Flags::LINE_START) {
                self.outer = 0;
            }
            &mut self.outer
        };
        if is_cue(t) {
            t.flags.insert(Flags::NEGATION_CUE);
            *scope = NegationMarker::MAX_SCOPE;
            return;
        }
        if *scope == 0 {
            return;
        }
        match t.kind {
            TokenKind::Punct if matches!(t.text.as_str(), "-" | "/") => {}
            TokenKind::Punct | TokenKind::Emoji | TokenKind::Url => *scope = 0,
            _ if is_scope_breaker(&t.text) => *scope = 0,
            _ => {
                t.flags.insert(Flags::NEGATED);
                if !t.has(Flags::SLANG_CONT) {
                    *scope -= 1;
                }
            }
        }
    }
}
