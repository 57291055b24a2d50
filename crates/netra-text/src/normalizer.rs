//! The normaliser: character folding, tokenizer, then a chain of stages.

use std::fmt;
use std::sync::Arc;

use crate::char_folder;
use crate::lexicon::Lexicon;
use crate::stages::{
    ElongationReducer, HashtagSplitter, LeetDecoder, NegationMarker, NumberReader, SlangExpander,
    StandardChain, StopwordMarker,
};
use crate::token::{Flags, Token, TokenKind};
use crate::tokenizer;

/// One step of the token chain.
///
/// A stage may rewrite token text, kinds, values and flags, and insert or
/// remove tokens, but it cannot move a token's span: new tokens are made
/// with [`Token::derive`] or [`Token::derive_within`]. A stage must be a
/// fixed point on its own output (applying it to normalised text changes
/// nothing), which keeps the whole normaliser idempotent.
pub trait Stage: Send + Sync + fmt::Debug {
    /// A short name, e.g. `slang_expander`.
    fn name(&self) -> &'static str;
    /// Transforms the tokens; `original` is the text the spans point into.
    fn process(&self, tokens: &mut Vec<Token>, original: &str);
}

/// Turns raw post text into [`Normalized`] tokens.
///
/// Cheap to clone (the stages are shared).
#[derive(Debug, Clone)]
pub struct Normalizer {
    stages: Arc<[Box<dyn Stage>]>,
    lexicon: Arc<Lexicon>,
    /// The same stages in one pass, when `stages` is the standard chain.
    standard: Option<Arc<StandardChain>>,
}

impl Default for Normalizer {
    fn default() -> Self {
        Normalizer::new()
    }
}

impl Normalizer {
    /// The standard chain with the built-in lexicon:
    /// [`HashtagSplitter`] → [`LeetDecoder`] → [`ElongationReducer`] →
    /// [`SlangExpander`] → [`NumberReader`] → [`NegationMarker`] →
    /// [`StopwordMarker`].
    ///
    /// There is no stemming stage: names and slogans are matched on surface
    /// forms, and no well-kept Indonesian stemmer crate exists (see the crate
    /// documentation).
    ///
    /// This chain runs in one pass over the tokens, with the same result as
    /// running the stages one after the other (a chain changed with
    /// [`NormalizerBuilder::stage`] or [`NormalizerBuilder::without`] runs
    /// stage by stage).
    pub fn new() -> Normalizer {
        Normalizer::with_lexicon(Lexicon::builtin())
    }

    /// The standard chain with another lexicon.
    pub fn with_lexicon(lexicon: Lexicon) -> Normalizer {
        NormalizerBuilder::new(lexicon).standard_stages().build()
    }

    /// A builder with an empty chain.
    pub fn builder(lexicon: Lexicon) -> NormalizerBuilder {
        NormalizerBuilder::new(lexicon)
    }

    /// The lexicon the stages use.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The stage names, in order.
    pub fn stage_names(&self) -> Vec<&'static str> {
        self.stages.iter().map(|s| s.name()).collect()
    }

    /// Normalises `text`. Never panics; any input gives some tokens.
    pub fn normalize(&self, text: &str) -> Normalized {
        let folded = char_folder::fold(text);
        if let Some(chain) = &self.standard {
            let mut run = chain.start(text, folded.text.len());
            tokenizer::tokenize_with(&folded, |t| run.push(t));
            let (tokens, joined) = run.finish();
            return Normalized {
                original: text.to_string(),
                tokens,
                text: joined,
            };
        }
        let mut tokens = tokenizer::tokenize(&folded);
        for stage in self.stages.iter() {
            stage.process(&mut tokens, text);
        }
        let mut joined = String::with_capacity(folded.text.len());
        for t in tokens.iter().filter(|t| !t.has(Flags::IN_HASHTAG)) {
            if !joined.is_empty() {
                joined.push(' ');
            }
            joined.push_str(&t.text);
        }
        Normalized {
            original: text.to_string(),
            tokens,
            text: joined,
        }
    }
}

/// Builds a [`Normalizer`] from chosen stages.
#[derive(Debug)]
pub struct NormalizerBuilder {
    stages: Vec<Box<dyn Stage>>,
    lexicon: Arc<Lexicon>,
    /// The chain is exactly [`NormalizerBuilder::standard_stages`] on an
    /// empty chain: the normaliser may run it in one pass.
    standard: bool,
}

impl NormalizerBuilder {
    /// An empty chain over `lexicon`.
    pub fn new(lexicon: Lexicon) -> Self {
        NormalizerBuilder {
            stages: Vec::new(),
            lexicon: Arc::new(lexicon),
            standard: false,
        }
    }

    /// Appends the standard stages.
    #[must_use]
    pub fn standard_stages(mut self) -> Self {
        self.standard = self.stages.is_empty();
        let l = &self.lexicon;
        self.stages.push(Box::new(HashtagSplitter));
        self.stages.push(Box::new(LeetDecoder));
        self.stages
            .push(Box::new(ElongationReducer::new(Arc::clone(l))));
        self.stages
            .push(Box::new(SlangExpander::new(Arc::clone(l))));
        self.stages.push(Box::new(NumberReader));
        self.stages.push(Box::new(NegationMarker));
        self.stages
            .push(Box::new(StopwordMarker::new(Arc::clone(l))));
        self
    }

    /// Appends a stage.
    #[must_use]
    pub fn stage(mut self, stage: impl Stage + 'static) -> Self {
        self.standard = false;
        self.stages.push(Box::new(stage));
        self
    }

    /// Removes the stages with this name.
    #[must_use]
    pub fn without(mut self, name: &str) -> Self {
        let before = self.stages.len();
        self.stages.retain(|s| s.name() != name);
        self.standard &= self.stages.len() == before;
        self
    }

    /// The normaliser.
    pub fn build(self) -> Normalizer {
        Normalizer {
            standard: self
                .standard
                .then(|| Arc::new(StandardChain::new(&self.lexicon))),
            stages: self.stages.into(),
            lexicon: self.lexicon,
        }
    }
}

/// The result of normalising one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    original: String,
    tokens: Vec<Token>,
    text: String,
}

impl Normalized {
    /// The text that was normalised.
    pub fn original(&self) -> &str {
        &self.original
    }

    /// All tokens, hashtag segments included (right after their hashtag).
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The normalised text: the text of every token that is not a hashtag
    /// segment, joined with single spaces.
    ///
    /// **Idempotence:** for any string `x`, normalising `normalized(x).text()`
    /// gives the same `text()` again.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The original text of `token`.
    pub fn original_of(&self, token: &Token) -> &str {
        self.original.get(token.span()).unwrap_or("")
    }

    /// Tokens that make up [`Normalized::text`] (no hashtag segments).
    pub fn text_tokens(&self) -> impl Iterator<Item = (usize, &Token)> {
        self.tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| !t.has(Flags::IN_HASHTAG))
    }

    /// Hashtags, mentions, URLs and emoji, as found.
    pub fn features(&self, kind: TokenKind) -> impl Iterator<Item = &Token> {
        self.tokens.iter().filter(move |t| t.kind() == kind)
    }
}
