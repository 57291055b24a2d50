//! The standard stages, one per file, named for their effect, in the order
//! [`crate::Normalizer::new`] runs them.

mod elongation_reducer;
mod hashtag_splitter;
mod leet_decoder;
mod negation_marker;
mod number_reader;
mod slang_expander;
mod standard_chain;
mod stopword_marker;

pub use elongation_reducer::ElongationReducer;
pub use hashtag_splitter::HashtagSplitter;
pub use leet_decoder::LeetDecoder;
pub use negation_marker::NegationMarker;
pub use number_reader::NumberReader;
pub use slang_expander::SlangExpander;
pub(crate) use standard_chain::StandardChain;
pub use stopword_marker::StopwordMarker;

use crate::token::{Flags, Token, TokenKind};

/// True for a word token whose text a lexical stage may rewrite.
pub(crate) fn is_rewritable_word(t: &Token) -> bool {
    t.kind == TokenKind::Word && !t.has(Flags::SLANG)
}
