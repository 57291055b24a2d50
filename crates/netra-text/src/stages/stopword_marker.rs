//! Flags stop words; removes nothing.

use std::sync::Arc;

use crate::lexicon::Lexicon;
use crate::normalizer::Stage;
use crate::token::{Flags, Token, TokenKind};

/// Sets [`Flags::STOPWORD`] on function words. Stop words are flagged, not
/// removed: negation scopes, offsets and phrases ("nomor urut", "salam dua
/// jari") need them.
#[derive(Debug, Clone)]
pub struct StopwordMarker {
    lexicon: Arc<Lexicon>,
}

impl StopwordMarker {
    /// A marker using the stop words of `lexicon`.
    pub fn new(lexicon: Arc<Lexicon>) -> Self {
        StopwordMarker { lexicon }
    }
}

impl Stage for StopwordMarker {
    fn name(&self) -> &'static str {
        "stopword_marker"
    }

    fn process(&self, tokens: &mut Vec<Token>, _original: &str) {
        for t in tokens.iter_mut() {
            self.mark_token(t);
        }
    }
}

impl StopwordMarker {
    /// Flags `t` when it is a stop word.
    #[inline]
    pub(crate) fn mark_token(&self, t: &mut Token) {
        if t.kind == TokenKind::Word && self.lexicon.is_stopword(&t.text) {
            t.flags.insert(Flags::STOPWORD);
        }
    }

    /// [`StopwordMarker::mark_token`] when the lexicon has already said
    /// whether the text of `t` is a stop word.
    #[inline]
    pub(crate) fn mark_known(t: &mut Token, stopword: bool) {
        if t.kind == TokenKind::Word && stopword {
            t.flags.insert(Flags::STOPWORD);
        }
    }
}
