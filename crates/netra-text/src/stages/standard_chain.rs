//! The standard chain in one pass: every token goes through all seven
//! stages before the next one is read.
//!
//! Running [`HashtagSplitter`] → [`LeetDecoder`] → [`ElongationReducer`] →
//! [`SlangExpander`] → [`NumberReader`] → [`NegationMarker`] →
//! [`StopwordMarker`] as seven passes over the token vector gives the same
//! tokens as this single pass, because each stage maps one token to one or
//! more tokens without looking at its neighbours, except the negation
//! marker, which reads the tokens once, left to right, in their final
//! order. Both paths call the same per-token functions of the stage files;
//! [`crate::Normalizer`] takes this one when its chain is exactly the
//! standard chain (a chain changed with [`crate::NormalizerBuilder::stage`]
//! or [`crate::NormalizerBuilder::without`] runs stage by stage).

use std::sync::Arc;

use crate::lexicon::Lexicon;
use crate::stages::negation_marker::NegationScope;
use crate::stages::slang_expander::split_expansion;
use crate::stages::{
    ElongationReducer, HashtagSplitter, LeetDecoder, NumberReader, SlangExpander, StopwordMarker,
};
use crate::token::{Flags, Token, TokenKind};

/// The standard stages, for the one-pass run.
#[derive(Debug)]
pub(crate) struct StandardChain {
    elongation: ElongationReducer,
    slang: SlangExpander,
    stopwords: StopwordMarker,
}

impl StandardChain {
    pub(crate) fn new(lexicon: &Arc<Lexicon>) -> Self {
        StandardChain {
            elongation: ElongationReducer::new(Arc::clone(lexicon)),
            slang: SlangExpander::new(Arc::clone(lexicon)),
            stopwords: StopwordMarker::new(Arc::clone(lexicon)),
        }
    }

    /// A run over one text; `original` is the text the spans point into.
    pub(crate) fn start<'a>(&'a self, original: &'a str, capacity: usize) -> ChainRun<'a> {
        ChainRun {
            chain: self,
            original,
            negation: NegationScope::default(),
            tokens: Vec::with_capacity(capacity / 4 + 4),
            // The normalised text puts spaces around punctuation and
            // expands slang: a quarter more than the folded text avoids
            // most regrowing.
            text: String::with_capacity(capacity + capacity / 4 + 8),
            pending: Vec::new(),
        }
    }
}

/// The chain applied to the tokens of one text, as the tokenizer reads them.
pub(crate) struct ChainRun<'a> {
    chain: &'a StandardChain,
    original: &'a str,
    negation: NegationScope,
    tokens: Vec<Token>,
    /// The normalised text so far.
    text: String,
    /// Continuation words of a multi-word slang expansion.
    pending: Vec<Token>,
}

#[allow(
    clippy::inline_always,
    reason = "one function per token instead of three calls, each passing an 80-byte token: measured 5% of the whole normaliser"
)]
impl ChainRun<'_> {
    /// Runs the chain on the next token of the tokenizer.
    #[inline]
    pub(crate) fn push(&mut self, t: Token) {
        if t.kind == TokenKind::Hashtag {
            let segments = HashtagSplitter::segments(&t, self.original);
            self.after_split(t);
            for s in segments {
                self.after_split(s);
            }
        } else {
            self.after_split(t);
        }
    }

    /// The tokens and the normalised text.
    pub(crate) fn finish(self) -> (Vec<Token>, String) {
        (self.tokens, self.text)
    }

    #[inline(always)]
    fn after_split(&mut self, mut t: Token) {
        if t.kind != TokenKind::Word {
            self.after_leet(t, false);
            return;
        }
        // One look at the letters instead of one per stage: the leet
        // decoder changes nothing in a word without digits, the elongation
        // reducer nothing in a word without a letter written three times.
        let shape = Shape::of(&t.text);
        if !shape.digit {
            self.after_leet(t, shape.triple);
            return;
        }
        let copy = LeetDecoder::decode_token(&mut t);
        self.after_leet(t, true);
        if let Some(c) = copy {
            self.after_leet(c, true);
        }
    }

    /// `maybe_elongated`: false only when `t` certainly has no letter
    /// written three times.
    #[inline(always)]
    fn after_leet(&mut self, mut t: Token, maybe_elongated: bool) {
        if maybe_elongated {
            self.chain.elongation.reduce_token(&mut t);
        }
        // The slang lookup also says whether a word that stays as it is
        // is a stop word; the number reader and the negation marker do not
        // change the text of a word (a roman numeral becomes a number).
        let (multi, stopword) = self.chain.slang.expand_looked_up(&mut t);
        let Some(formal) = multi else {
            self.after_slang(t, stopword);
            return;
        };
        let mut pending = std::mem::take(&mut self.pending);
        split_expansion(&mut t, formal, |c| pending.push(c));
        self.after_slang(t, None);
        for c in pending.drain(..) {
            self.after_slang(c, None);
        }
        self.pending = pending;
    }

    /// `stopword`: whether the text of `t` is a stop word, when known.
    #[inline(always)]
    fn after_slang(&mut self, mut t: Token, stopword: Option<bool>) {
        NumberReader::read_token(&mut t, self.original);
        self.negation.mark(&mut t);
        match stopword {
            Some(s) => StopwordMarker::mark_known(&mut t, s),
            None => self.chain.stopwords.mark_token(&mut t),
        }
        if !t.has(Flags::IN_HASHTAG) {
            if !self.text.is_empty() {
                self.text.push(' ');
            }
            self.text.push_str(&t.text);
        }
        self.tokens.push(t);
    }
}

/// What the first stages look for in a word, read in one pass.
#[derive(Debug, Clone, Copy)]
struct Shape {
    /// An ASCII digit.
    digit: bool,
    /// Possibly a letter written three times in a row (always true for
    /// non-ASCII text, which the elongation reducer checks itself).
    triple: bool,
}

impl Shape {
    #[inline]
    fn of(word: &str) -> Shape {
        const LOW: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        let b = word.as_bytes();
        let n = b.len();
        if !(3..=8).contains(&n) {
            return Shape::of_bytes(b);
        }
        // Word-at-a-time for three to eight bytes.
        let x = crate::hash::prefix(b);
        if x & HIGH != 0 {
            return Shape::of_bytes(b);
        }
        // Per byte, high bit set iff the byte is >= b'0', resp. >= b':'
        // (no carries: every byte is below 0x80).
        let ge_0 = x.wrapping_add((0x80 - u64::from(b'0')) * LOW) & HIGH;
        let ge_colon = x.wrapping_add((0x80 - u64::from(b':')) * LOW) & HIGH;
        let digit = ge_0 & !ge_colon != 0;
        // Byte k of `same` is zero iff bytes k, k + 1 and k + 2 are equal;
        // the bytes past the last such triple are set so that they never
        // read as zero.
        let same = (x ^ (x >> 8)) | (x ^ (x >> 16)) | !((1u64 << (8 * (n - 2))) - 1);
        let maybe_triple = same.wrapping_sub(LOW) & !same & HIGH != 0;
        if maybe_triple {
            return Shape::of_bytes(b);
        }
        Shape {
            digit,
            triple: false,
        }
    }

    fn of_bytes(word: &[u8]) -> Shape {
        let mut digit = false;
        let mut triple = false;
        let mut ascii = true;
        let mut prev = 0u8;
        let mut run = 0u32;
        for &b in word {
            ascii &= b.is_ascii();
            digit |= b.is_ascii_digit();
            if b == prev {
                run += 1;
                triple |= run >= 3 && b.is_ascii_alphabetic();
            } else {
                prev = b;
                run = 1;
            }
        }
        Shape {
            digit,
            triple: triple || !ascii,
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::Shape;
    use crate::lexicon::Lexicon;
    use crate::normalizer::Normalizer;
    use crate::stages::{
        ElongationReducer, HashtagSplitter, LeetDecoder, NegationMarker, NumberReader,
        SlangExpander, StopwordMarker,
    };

    #[test]
    fn one_pass_equals_stage_by_stage() {
        let l = Arc::new(Lexicon::builtin());
        let stage_by_stage = Normalizer::builder(Lexicon::builtin())
            .stage(HashtagSplitter)
            .stage(LeetDecoder)
            .stage(ElongationReducer::new(Arc::clone(&l)))
            .stage(SlangExpander::new(Arc::clone(&l)))
            .stage(NumberReader)
            .stage(NegationMarker)
            .stage(StopwordMarker::new(Arc::clone(&l)))
            .build();
        let one_pass = Normalizer::new();
        assert_eq!(one_pass.stage_names(), stage_by_stage.stage_names());
        let texts = [
            "",
            "Gw dukung BUDIII-R1NAAA bgt!! coblos 0\u{fe0f}\u{20e3}3\u{fe0f}\u{20e3} #KotaBersinar",
            "gpp kok, ga usah #AsalBukanBudi tapi pilih III ya",
            "kata2 m3nang b4aa bangeeet\nTIDAK suka ☝️ @budi_santoso https://t.co/x.",
            "#M3nangTerus4 #Tutup04Tusuk05 #kota_bersinar XII VIII I",
            "jgn pilih nomor urut dua!!! gak akan tdk bkn",
            "Jum'at 01.00 1.000 3-1 ＰＲＡＭ é e\u{301} \u{fdfa}",
        ];
        for t in texts {
            assert_eq!(one_pass.normalize(t), stage_by_stage.normalize(t), "{t:?}");
        }
    }

    #[test]
    fn word_at_a_time_shape_agrees_with_the_byte_loop() {
        let words = [
            "",
            "a",
            "ab",
            "abc",
            "aaa",
            "baaa",
            "aaab",
            "pr4m",
            "kata2",
            "b4ng",
            "123",
            "1112",
            "x111",
            "budi",
            "bangeeet",
            "mantaaap",
            "santoso",
            "sembilan",
            "abcdefgh",
            "abcdefghi",
            "aabbccdd",
            "aa11bb",
            "zz9zz",
            "009",
            "abc999",
            "caf\u{e9}",
            "\u{e9}\u{e9}\u{e9}",
            ":::",
            "///",
            "0:0",
            "9/9",
            "@@@",
        ];
        for w in words {
            let (a, b) = (Shape::of(w), Shape::of_bytes(w.as_bytes()));
            assert_eq!((a.digit, a.triple), (b.digit, b.triple), "{w:?}");
        }
    }
}
