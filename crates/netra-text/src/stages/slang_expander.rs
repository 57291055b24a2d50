//! `bgt` → `banget`, `gak` → `tidak`, `gpp` → `tidak apa apa`.

use std::sync::Arc;

use crate::lexicon::Lexicon;
use crate::normalizer::Stage;
use crate::stages::is_rewritable_word;
use crate::token::{Flags, Token};

/// Replaces slang and abbreviations with their formal form from the
/// lexicon. The previous text is kept as [`Token::match_form`]; a
/// multi-word expansion becomes several tokens with the original span (the
/// second and later flagged [`Flags::SLANG_CONT`]).
#[derive(Debug, Clone)]
pub struct SlangExpander {
    lexicon: Arc<Lexicon>,
}

impl SlangExpander {
    /// An expander using `lexicon`.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        SlangExpander { lexicon }
    }
}

impl SlangExpander {
    /// Replaces the text of `t` with its formal form, if it is slang.
    /// Returns the formal form when it has several words: then `t` must be
    /// split with [`split_expansion`].
    #[inline]
    pub(crate) fn expand<'a>(&'a self, t: &mut Token) -> Option<&'a str> {
        self.expand_looked_up(t).0
    }

    /// [`SlangExpander::expand`], and also, when `t` was looked up and is
    /// not slang (its text stays), whether it is a stop word: the lexicon
    /// answers both in one lookup.
    #[inline]
    pub(crate) fn expand_looked_up<'a>(&'a self, t: &mut Token) -> (Option<&'a str>, Option<bool>) {
        if !is_rewritable_word(t) {
            return (None, None);
        }
        let (formal, stopword) = self.lexicon.slang_and_stopword(&t.text);
        let Some(formal) = formal else {
            return (None, Some(stopword));
        };
        let old = std::mem::replace(&mut t.text, formal.into());
        t.before_slang = Some(old);
        t.flags.insert(Flags::SLANG);
        (formal.contains(' ').then_some(formal), None)
    }
}

/// Splits a multi-word expansion: `t` keeps the first word of `formal`;
/// the other words become [`Flags::SLANG_CONT`] tokens with `t`'s span,
/// passed to `emit` in order.
pub(crate) fn split_expansion(t: &mut Token, formal: &str, mut emit: impl FnMut(Token)) {
    let mut words = formal.split(' ');
    t.text = words.next().unwrap_or("").into();
    for w in words {
        let mut c = t.derive(w);
        c.flags.insert(Flags::SLANG_CONT);
        emit(c);
    }
}

impl Stage for SlangExpander {
    fn name(&self) -> &'static str {
        "slang_expander"
    }

    fn process(&self, tokens: &mut Vec<Token>, _original: &str) {
        let mut multi = false;
        for t in tokens.iter_mut() {
            multi |= self.expand(t).is_some();
        }
        if !multi {
            return;
        }
        let mut out = Vec::with_capacity(tokens.len() + 4);
        for mut t in tokens.drain(..) {
            if !t.has(Flags::SLANG) || !t.text.contains(' ') {
                out.push(t);
                continue;
            }
            let formal = t.text.clone();
            let mut rest = Vec::new();
            split_expansion(&mut t, &formal, |c| rest.push(c));
            out.push(t);
            out.extend(rest);
        }
        *tokens = out;
    }
}
