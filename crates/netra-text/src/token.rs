//! Tokens: normalised text plus the span of the original text they come from.

use std::fmt;

use compact_str::CompactString;
use std::ops::{BitOr, BitOrAssign, Range};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters (and digits mixed with letters: `pr4m` before leet decoding).
    Word,
    /// Digits, possibly with inner separators (`03`, `1.000`, `01.00`, `3-1`),
    /// keycap emoji digits (`3️⃣`) and capital roman numerals (`III`).
    Number,
    /// `#tag`; its segments follow it as [`Flags::IN_HASHTAG`] tokens.
    Hashtag,
    /// `@handle`.
    Mention,
    /// `http(s)://…` or `www.…`.
    Url,
    /// One emoji (with its modifiers and ZWJ sequence).
    Emoji,
    /// A run of one punctuation or symbol character (`!!!`).
    Punct,
}

impl TokenKind {
    /// Lowercase name, as shown by `netra explain`.
    pub fn as_str(self) -> &'static str {
        match self {
            TokenKind::Word => "word",
            TokenKind::Number => "number",
            TokenKind::Hashtag => "hashtag",
            TokenKind::Mention => "mention",
            TokenKind::Url => "url",
            TokenKind::Emoji => "emoji",
            TokenKind::Punct => "punct",
        }
    }
}

/// A set of token properties set by the stages.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Flags(u32);

impl Flags {
    /// No flag.
    pub const NONE: Flags = Flags(0);
    /// Inside the scope of a negation (`tidak suka` → `suka` is negated).
    pub const NEGATED: Flags = Flags(1);
    /// The negation word itself (`tidak`, `gak`, `bukan`, `jangan`, `belum`).
    pub const NEGATION_CUE: Flags = Flags(1 << 1);
    /// A segment of the preceding hashtag (`#KotaBersinar` → `kota`,
    /// `bersinar`); not part of [`crate::Normalized::text`].
    pub const IN_HASHTAG: Flags = Flags(1 << 2);
    /// Letters repeated three or more times were reduced (`bangeeet`).
    pub const ELONGATED: Flags = Flags(1 << 3);
    /// Digits between letters were read as letters (`PR4M`).
    pub const LEET: Flags = Flags(1 << 4);
    /// The text comes from the slang lexicon (`bgt` → `banget`).
    pub const SLANG: Flags = Flags(1 << 5);
    /// Second or later word of a multi-word slang expansion.
    pub const SLANG_CONT: Flags = Flags(1 << 6);
    /// Second copy of a reduplication written with `2` (`kata2`).
    pub const REDUPLICATED: Flags = Flags(1 << 7);
    /// A number word (`tiga`); see [`Token::value`].
    pub const NUMBER_WORD: Flags = Flags(1 << 8);
    /// Written as keycap emoji (`0️⃣3️⃣`).
    pub const EMOJI_DIGIT: Flags = Flags(1 << 9);
    /// Written as a capital roman numeral (`III`).
    pub const ROMAN: Flags = Flags(1 << 10);
    /// An emoji showing a finger count (`☝️` 1, `✌️` 2, `🤟` 3).
    pub const FINGER: Flags = Flags(1 << 11);
    /// A stop word (flagged, never removed).
    pub const STOPWORD: Flags = Flags(1 << 12);
    /// First token after a line break.
    pub const LINE_START: Flags = Flags(1 << 13);

    const NAMES: [(Flags, &'static str); 14] = [
        (Flags::NEGATED, "negated"),
        (Flags::NEGATION_CUE, "negation"),
        (Flags::IN_HASHTAG, "in_hashtag"),
        (Flags::ELONGATED, "elongated"),
        (Flags::LEET, "leet"),
        (Flags::SLANG, "slang"),
        (Flags::SLANG_CONT, "slang_cont"),
        (Flags::REDUPLICATED, "reduplicated"),
        (Flags::NUMBER_WORD, "number_word"),
        (Flags::EMOJI_DIGIT, "emoji_digit"),
        (Flags::ROMAN, "roman"),
        (Flags::FINGER, "finger"),
        (Flags::STOPWORD, "stopword"),
        (Flags::LINE_START, "line_start"),
    ];

    /// True when every flag of `other` is set.
    pub fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }

    /// True when any flag of `other` is set.
    pub fn intersects(self, other: Flags) -> bool {
        self.0 & other.0 != 0
    }

    /// Sets the flags of `other`.
    pub fn insert(&mut self, other: Flags) {
        self.0 |= other.0;
    }

    /// Clears the flags of `other`.
    pub fn remove(&mut self, other: Flags) {
        self.0 &= !other.0;
    }

    /// True when no flag is set.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The names of the set flags.
    pub fn names(self) -> impl Iterator<Item = &'static str> {
        Flags::NAMES
            .iter()
            .filter(move |(f, _)| self.contains(*f))
            .map(|(_, n)| *n)
    }
}

impl BitOr for Flags {
    type Output = Flags;
    fn bitor(self, rhs: Flags) -> Flags {
        Flags(self.0 | rhs.0)
    }
}

impl BitOrAssign for Flags {
    fn bitor_assign(&mut self, rhs: Flags) {
        self.0 |= rhs.0;
    }
}

impl fmt::Debug for Flags {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.names()).finish()
    }
}

/// One token: its normalised text, kind, flags and the byte span of the
/// original text it was read from.
///
/// **Invariant:** the span is set by the tokenizer and can never be changed
/// by a stage; a stage that splits a token gives every piece the span of the
/// whole ([`Token::derive`]) or a sub-span of it ([`Token::derive_within`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub(crate) text: CompactString,
    pub(crate) before_slang: Option<CompactString>,
    span: Range<usize>,
    pub(crate) kind: TokenKind,
    pub(crate) flags: Flags,
    pub(crate) value: Option<u32>,
}

impl Token {
    pub(crate) fn new(
        text: impl Into<CompactString>,
        span: Range<usize>,
        kind: TokenKind,
    ) -> Token {
        Token {
            text: text.into(),
            before_slang: None,
            span,
            kind,
            flags: Flags::NONE,
            value: None,
        }
    }

    /// The normalised text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Byte range of the original text this token was read from.
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    /// The token's kind.
    pub fn kind(&self) -> TokenKind {
        self.kind
    }

    /// The token's flags.
    pub fn flags(&self) -> Flags {
        self.flags
    }

    /// True when all of `flags` are set.
    pub fn has(&self, flags: Flags) -> bool {
        self.flags.contains(flags)
    }

    /// The number this token stands for: digits, number words, keycap
    /// digits, roman numerals and finger-count emoji.
    pub fn value(&self) -> Option<u32> {
        self.value
    }

    /// The text before slang expansion (folded, leet-decoded and
    /// de-elongated): what the matcher compares names with, so that the
    /// slang lexicon can never turn a name into a word or a word into a name.
    pub fn match_form(&self) -> &str {
        self.before_slang.as_deref().unwrap_or(&self.text)
    }

    /// Replaces the normalised text.
    pub fn set_text(&mut self, text: impl AsRef<str>) {
        self.text = CompactString::new(text);
    }

    /// Sets flags.
    pub fn insert_flags(&mut self, flags: Flags) {
        self.flags.insert(flags);
    }

    /// Sets the numeric value.
    pub fn set_value(&mut self, value: Option<u32>) {
        self.value = value;
    }

    /// Changes the kind.
    pub fn set_kind(&mut self, kind: TokenKind) {
        self.kind = kind;
    }

    /// A new token with the same span and kind and the given text.
    #[must_use]
    pub fn derive(&self, text: impl AsRef<str>) -> Token {
        Token {
            text: CompactString::new(text),
            before_slang: None,
            span: self.span.clone(),
            kind: self.kind,
            flags: self.flags,
            value: None,
        }
    }

    /// A new token covering `sub` (a range relative to this token's span,
    /// clamped to it) with the given text and kind.
    #[must_use]
    pub fn derive_within(
        &self,
        sub: Range<usize>,
        text: impl AsRef<str>,
        kind: TokenKind,
    ) -> Token {
        let len = self.span.end - self.span.start;
        let start = self.span.start + sub.start.min(len);
        let end = self.span.start + sub.end.clamp(sub.start.min(len), len);
        Token {
            text: CompactString::new(text),
            before_slang: None,
            span: start..end,
            kind,
            flags: Flags::NONE,
            value: None,
        }
    }
}
