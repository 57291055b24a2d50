//! Numbers: digits, `tiga`, `3️⃣`, `III`, `☝️`.

use crate::normalizer::Stage;
use crate::token::{Flags, Token, TokenKind};

/// Gives number-like tokens a [`Token::value`]: plain digits (`03` → 3),
/// Indonesian number words (`satu` … `sepuluh`, flagged
/// [`Flags::NUMBER_WORD`], text unchanged), capital roman numerals of two to
/// four letters (`III` → text `3`, [`Flags::ROMAN`]; a lone `I`, `V` or `X`
/// is a letter), keycap digits (already numbers) and finger-count emoji
/// (`☝` 1, `✌` 2, `🤟` 3, flagged [`Flags::FINGER`]).
#[derive(Debug, Default, Clone, Copy)]
pub struct NumberReader;

/// Finger-count emoji.
pub(crate) const FINGER_EMOJI: [(&str, u32); 3] =
    [("\u{261D}", 1), ("\u{270C}", 2), ("\u{1F91F}", 3)];

#[inline]
fn number_word(w: &str) -> Option<u32> {
    if w.len() < 3
        || w.len() > 8
        || !matches!(w.as_bytes()[0], b'n' | b's' | b'd' | b't' | b'e' | b'l')
    {
        return None;
    }
    Some(match w {
        "nol" => 0,
        "satu" => 1,
        "dua" => 2,
        "tiga" => 3,
        "empat" => 4,
        "lima" => 5,
        "enam" => 6,
        "tujuh" => 7,
        "delapan" => 8,
        "sembilan" => 9,
        "sepuluh" => 10,
        "sebelas" => 11,
        _ => return None,
    })
}

#[inline]
fn roman(s: &str) -> Option<u32> {
    if s.len() < 2 || s.len() > 4 || !matches!(s.as_bytes()[0], b'I' | b'V' | b'X') {
        return None;
    }
    Some(match s {
        "II" => 2,
        "III" => 3,
        "IV" => 4,
        "VI" => 6,
        "VII" => 7,
        "VIII" => 8,
        "IX" => 9,
        "XI" => 11,
        "XII" => 12,
        _ => return None,
    })
}

impl Stage for NumberReader {
    fn name(&self) -> &'static str {
        "number_reader"
    }

    fn process(&self, tokens: &mut Vec<Token>, original: &str) {
        for t in tokens.iter_mut() {
            NumberReader::read_token(t, original);
        }
    }
}

impl NumberReader {
    /// Gives `t` its value, if it is number-like.
    #[inline]
    pub(crate) fn read_token(t: &mut Token, original: &str) {
        match t.kind {
            TokenKind::Number
                if t.text.len() <= 9 && t.text.bytes().all(|b| b.is_ascii_digit()) =>
            {
                t.value = t.text.parse().ok();
            }
            TokenKind::Word => {
                if let Some(v) = number_word(&t.text) {
                    t.value = Some(v);
                    t.flags.insert(Flags::NUMBER_WORD);
                } else if !t
                    .flags
                    .intersects(Flags::SLANG_CONT | Flags::REDUPLICATED | Flags::IN_HASHTAG)
                {
                    // `roman` wants two to four bytes starting with I, V or X:
                    // checked on the original bytes before slicing it.
                    let span = t.span();
                    let maybe_roman = (2..=4).contains(&span.len())
                        && matches!(
                            original.as_bytes().get(span.start),
                            Some(b'I' | b'V' | b'X')
                        );
                    if let Some(v) = original.get(span).filter(|_| maybe_roman).and_then(roman) {
                        t.text = compact_str::format_compact!("{v}");
                        t.before_slang = None;
                        t.flags.remove(Flags::SLANG | Flags::ELONGATED);
                        t.kind = TokenKind::Number;
                        t.value = Some(v);
                        t.flags.insert(Flags::ROMAN);
                    }
                }
            }
            TokenKind::Emoji => {
                if let Some((_, v)) = FINGER_EMOJI.iter().find(|(e, _)| *e == t.text) {
                    t.value = Some(*v);
                    t.flags.insert(Flags::FINGER);
                }
            }
            _ => {}
        }
    }
}
