//! A small, fast normaliser for the stance featuriser: tokens with kinds,
//! lower-cased and de-elongated words, a short slang map, and negation scope.
//!
//! This is a thin adapter. `netra-text` (issue 4) is building the full
//! normaliser (token chain with offsets, hashtag segmentation, the shared
//! slang lexicons); when its API is usable this module is replaced by calls
//! into it and keeps only [`Tok`] as the featuriser's input type. What the
//! featuriser needs from it is listed in `docs/model.md`.

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// A word or number (normalised).
    Word,
    /// A hashtag; `text` is its lower-cased body without `#`.
    Hashtag,
    /// An `@mention` or a mention placeholder; `text` is the lower-cased handle.
    Mention,
    /// A link (`text` is empty).
    Url,
    /// An emoji or other symbol.
    Emoji,
    /// Sentence punctuation (`.`, `,`, `!`, `?`, `:`, `;`, quotes).
    Punct,
}

/// One normalised token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tok {
    pub kind: TokKind,
    pub text: String,
    /// The surface form was all upper-case letters (for acronyms such as "AMIN").
    pub upper: bool,
    /// The surface form, as written (for reasons).
    pub surface: String,
}

/// Words that open a negation scope.
pub const NEGATORS: &[&str] = &[
    "tidak", "bukan", "jangan", "belum", "ogah", "anti", "stop", "tolak",
];

/// How many following words a negator reaches (stops early at punctuation).
pub const NEGATION_SCOPE: usize = 3;

/// A short slang map for the words that matter most to stance (negators,
/// function words). Sorted by key for binary search.
const SLANG: &[(&str, &str)] = &[
    ("aja", "saja"),
    ("bgt", "banget"),
    ("bkn", "bukan"),
    ("blm", "belum"),
    ("blom", "belum"),
    ("bngt", "banget"),
    ("dg", "dengan"),
    ("dgn", "dengan"),
    ("dr", "dari"),
    ("emang", "memang"),
    ("emg", "memang"),
    ("enggak", "tidak"),
    ("engga", "tidak"),
    ("ga", "tidak"),
    ("gak", "tidak"),
    ("gk", "tidak"),
    ("gmn", "bagaimana"),
    ("gua", "saya"),
    ("gue", "saya"),
    ("gw", "saya"),
    ("jd", "jadi"),
    ("jgn", "jangan"),
    ("jngn", "jangan"),
    ("kaga", "tidak"),
    ("kagak", "tidak"),
    ("kalo", "kalau"),
    ("klo", "kalau"),
    ("knp", "kenapa"),
    ("krn", "karena"),
    ("nda", "tidak"),
    ("ndak", "tidak"),
    ("ngga", "tidak"),
    ("nggak", "tidak"),
    ("nggk", "tidak"),
    ("nmor", "nomor"),
    ("nmr", "nomor"),
    ("nomer", "nomor"),
    ("org", "orang"),
    ("pd", "pada"),
    ("sdh", "sudah"),
    ("sm", "sama"),
    ("tak", "tidak"),
    ("tdk", "tidak"),
    ("tp", "tapi"),
    ("trs", "terus"),
    ("udah", "sudah"),
    ("udh", "sudah"),
    ("utk", "untuk"),
    ("yg", "yang"),
];

/// Expands a lower-cased word through the slang map.
fn expand_slang(word: &str) -> Option<&'static str> {
    SLANG
        .binary_search_by(|(k, _)| (*k).cmp(word))
        .ok()
        .map(|i| SLANG[i].1)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Characters that are part of emoji sequences but carry no meaning alone.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{20e3}')
        || ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
}

/// Lower-cases, drops apostrophes, squeezes runs of three or more equal letters to one.
fn normalise_word(surface: &str, out: &mut String) {
    out.clear();
    let mut last = '\0';
    let mut run = 0usize;
    for c in surface.chars().flat_map(char::to_lowercase) {
        if c == '\'' || c == '\u{2019}' {
            continue;
        }
        if c == last && c.is_alphabetic() {
            run += 1;
        } else {
            run = 1;
            last = c;
        }
        if run <= 2 {
            out.push(c);
        } else if run == 3 {
            // A run of three or more: keep one.
            out.pop();
        }
    }
}

/// Decodes the few HTML entities the corpora keep.
fn decode_entities(text: &str) -> std::borrow::Cow<'_, str> {
    if text.contains('&') {
        std::borrow::Cow::Owned(
            text.replace("&amp;", "&")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\""),
        )
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// Splits `text` into normalised tokens. Never panics; any input gives some tokens.
#[allow(
    clippy::too_many_lines,
    reason = "one flat scanner over the token kinds reads best in one place"
)]
pub fn tokenize(text: &str) -> Vec<Tok> {
    let text = decode_entities(text);
    let text: &str = &text;
    let mut toks = Vec::with_capacity(text.len() / 5 + 4);
    let mut buf = String::new();
    let mut i = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        let clen = c.len_utf8();
        if c.is_whitespace() || is_joiner(c) {
            i += clen;
            continue;
        }
        let rest = &text[i..];
        // Links.
        if rest.starts_with("http://")
            || rest.starts_with("https://")
            || rest.starts_with("www.")
            || rest.starts_with("pic.twitter.com/")
        {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            toks.push(Tok {
                kind: TokKind::Url,
                text: String::new(),
                upper: false,
                surface: rest[..end].to_string(),
            });
            i += end;
            continue;
        }
        // Placeholders of the corpora: [USERNAME], [URL], [RE handle] (retweet marker).
        if c == '[' {
            if let Some(close) = rest.find(']') {
                let inner = &rest[1..close];
                if inner == "USERNAME" {
                    toks.push(Tok {
                        kind: TokKind::Mention,
                        text: String::new(),
                        upper: false,
                        surface: rest[..=close].to_string(),
                    });
                    i += close + 1;
                    continue;
                }
                if inner == "URL" {
                    toks.push(Tok {
                        kind: TokKind::Url,
                        text: String::new(),
                        upper: false,
                        surface: rest[..=close].to_string(),
                    });
                    i += close + 1;
                    continue;
                }
                if let Some(handle) = inner.strip_prefix("RE ") {
                    if !handle.is_empty() && handle.chars().all(is_word_char) {
                        i += close + 1;
                        continue;
                    }
                }
            }
        }
        if (c == '#' || c == '@') && rest[1..].chars().next().is_some_and(is_word_char) {
            let body_len: usize = rest[1..]
                .chars()
                .take_while(|&c| is_word_char(c))
                .map(char::len_utf8)
                .sum();
            let body = &rest[1..=body_len];
            normalise_word(body, &mut buf);
            let kind = if c == '#' {
                TokKind::Hashtag
            } else {
                TokKind::Mention
            };
            let upper =
                body.chars().any(char::is_alphabetic) && !body.chars().any(char::is_lowercase);
            toks.push(Tok {
                kind,
                text: buf.clone(),
                upper,
                surface: rest[..=body_len].to_string(),
            });
            i += 1 + body_len;
            continue;
        }
        if is_word_char(c) {
            // A word: letters/digits, with inner apostrophes kept together ("Ma'ruf").
            let mut end = 0;
            let mut chars = rest.char_indices().peekable();
            while let Some((j, ch)) = chars.next() {
                let inner_apostrophe = (ch == '\'' || ch == '\u{2019}')
                    && chars.peek().is_some_and(|&(_, n)| n.is_alphabetic())
                    && end > 0;
                if is_word_char(ch) || inner_apostrophe {
                    end = j + ch.len_utf8();
                } else {
                    break;
                }
            }
            let surface = &rest[..end];
            i += end;
            // Corpus placeholders written as bare words.
            if surface == "USER" {
                toks.push(Tok {
                    kind: TokKind::Mention,
                    text: String::new(),
                    upper: false,
                    surface: surface.to_string(),
                });
                continue;
            }
            if surface == "URL" {
                toks.push(Tok {
                    kind: TokKind::Url,
                    text: String::new(),
                    upper: false,
                    surface: surface.to_string(),
                });
                continue;
            }
            if surface == "RT"
                && toks
                    .iter()
                    .all(|t: &Tok| t.kind == TokKind::Mention || t.kind == TokKind::Punct)
            {
                continue;
            }
            normalise_word(surface, &mut buf);
            let upper = surface.chars().any(char::is_alphabetic)
                && !surface.chars().any(char::is_lowercase);
            let text = expand_slang(&buf).map_or_else(|| buf.clone(), str::to_string);
            toks.push(Tok {
                kind: TokKind::Word,
                text,
                upper,
                surface: surface.to_string(),
            });
            continue;
        }
        // Punctuation: collapse runs ("!!!" → "!").
        if matches!(
            c,
            '.' | ',' | '!' | '?' | ':' | ';' | '"' | '“' | '”' | '(' | ')' | '-' | '/' | '…'
        ) {
            let mut end = clen;
            while let Some(n) = rest[end..].chars().next() {
                if n == c {
                    end += n.len_utf8();
                } else {
                    break;
                }
            }
            let p = match c {
                '“' | '”' => '"',
                '…' => '.',
                other => other,
            };
            if matches!(p, '-' | '/') {
                i += end;
                continue;
            }
            toks.push(Tok {
                kind: TokKind::Punct,
                text: p.to_string(),
                upper: false,
                surface: rest[..end].to_string(),
            });
            i += end;
            continue;
        }
        if c.is_ascii() {
            // Other ASCII symbols (&, *, +, =, …) carry little: skip.
            i += clen;
            continue;
        }
        // Emoji and other symbols, one token each; repeated runs collapse.
        let mut end = clen;
        while let Some(n) = rest[end..].chars().next() {
            if n == c || is_joiner(n) {
                end += n.len_utf8();
            } else {
                break;
            }
        }
        toks.push(Tok {
            kind: TokKind::Emoji,
            text: c.to_string(),
            upper: false,
            surface: rest[..end].to_string(),
        });
        i += end;
    }
    toks
}

/// For each token, whether it lies in the scope of a preceding negator
/// (up to [`NEGATION_SCOPE`] words, stopping at punctuation).
pub fn negation_scope(toks: &[Tok]) -> Vec<bool> {
    let mut out = vec![false; toks.len()];
    let mut left = 0usize;
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            TokKind::Punct => left = 0,
            TokKind::Word if NEGATORS.contains(&t.text.as_str()) => left = NEGATION_SCOPE,
            _ => {
                if left > 0 {
                    out[i] = true;
                    left -= 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text)
            .into_iter()
            .map(|t| match t.kind {
                TokKind::Word => t.text,
                TokKind::Hashtag => format!("#{}", t.text),
                TokKind::Mention => format!("@{}", t.text),
                TokKind::Url => "<url>".into(),
                TokKind::Emoji => format!("e:{}", t.text),
                TokKind::Punct => format!("p:{}", t.text),
            })
            .collect()
    }

    #[test]
    fn tokens_are_normalised() {
        let cases: &[(&str, &[&str])] = &[
            (
                "Gak mau pilih yg itu!!!",
                &["tidak", "mau", "pilih", "yang", "itu", "p:!"],
            ),
            ("Mantappp bangeeet 🔥🔥", &["mantap", "banget", "e:🔥"]),
            (
                "RT @Budi_1: Ma'ruf Amin https://t.co/x",
                &["@budi_1", "p::", "maruf", "amin", "<url>"],
            ),
            ("#02Melanjutkan [RE ekowboy2]", &["#02melanjutkan"]),
            ("USER USER kata URL", &["@", "@", "kata", "<url>"]),
            ("Pram-Doel &amp; RK", &["pram", "doel", "rk"]),
            ("✌️✌🏻 salam", &["e:✌", "salam"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(words(text), *want, "{text}");
        }
    }

    #[test]
    fn upper_flag_marks_acronyms() {
        let t = tokenize("AMIN amin Amin");
        assert_eq!(
            t.iter().map(|t| t.upper).collect::<Vec<_>>(),
            [true, false, false]
        );
    }

    #[test]
    fn negation_reaches_three_words_and_stops_at_punctuation() {
        let t = tokenize("jangan pilih dia lagi ya, pilih aku");
        let n = negation_scope(&t);
        assert_eq!(n, [false, true, true, true, false, false, false, false]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for s in [
            "#", "@", "[", "[RE", "[RE ]", "'", "a'", "\u{200d}", "👍🏽", "&amp", "ﷺ", "\0",
        ] {
            let _ = tokenize(s);
        }
    }
}
