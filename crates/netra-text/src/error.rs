//! The crate's error type.

/// Why a lexicon could not be loaded or extended.
///
/// Normalising and matching never fail: only loading extra data can.
#[derive(Debug, thiserror::Error)]
pub enum TextError {
    /// A lexicon line is not `slang<TAB>formal` with clean lowercase words.
    #[error("{source_name}:{line}: {message}")]
    BadLexiconLine {
        /// The name the caller gave the lexicon (usually a file name).
        source_name: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong with the line.
        message: String,
    },
}
