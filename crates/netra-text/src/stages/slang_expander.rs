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

impl Stage for SlangExpander {
    fn name(&self) -> &'static str {
        "slang_expander"
    }

    fn process(&self, tokens: &mut Vec<Token>, _original: &str) {
        let mut multi = false;
        for t in tokens.iter_mut() {
            if !is_rewritable_word(t) {
                continue;
            }
            let Some(formal) = self.lexicon.slang(&t.text) else {
                continue;
            };
            multi |= formal.contains(' ');
            let old = std::mem::replace(&mut t.text, formal.into());
            t.before_slang = Some(old);
            t.flags.insert(Flags::SLANG);
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
            let words: Vec<String> = t.text.split(' ').map(str::to_string).collect();
            let mut rest = Vec::with_capacity(words.len());
            for (i, w) in words.into_iter().enumerate() {
                if i == 0 {
                    t.text = w.into();
                } else {
                    let mut c = t.derive(w);
                    c.flags.insert(Flags::SLANG_CONT);
                    rest.push(c);
                }
            }
            out.push(t);
            out.extend(rest);
        }
        *tokens = out;
    }
}
