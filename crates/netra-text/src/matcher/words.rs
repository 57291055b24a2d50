//! General Indonesian political vocabulary used by the matcher: cue words,
//! ballot-number trigger words, honorifics. Nothing here names an election,
//! a region or a candidate; those come from [`crate::PairTerms`] only.

/// Words that make a post about an election: an ambiguous mention in a post
/// with one of these counts.
pub(crate) const CUE_WORDS: &[&str] = &[
    "pilkada",
    "pilgub",
    "pilbup",
    "pilwalkot",
    "pilpres",
    "pileg",
    "pemilu",
    "pemilihan",
    "capres",
    "cawapres",
    "cagub",
    "cawagub",
    "cabup",
    "cawabup",
    "cawalkot",
    "cakada",
    "paslon",
    "kandidat",
    "kampanye",
    "berkampanye",
    "coblos",
    "nyoblos",
    "mencoblos",
    "pencoblosan",
    "tps",
    "kpu",
    "kpud",
    "bawaslu",
    "golput",
    "debat",
    "elektabilitas",
    "survei",
    "putaran",
    "koalisi",
    "partai",
    "parpol",
    "relawan",
    "timses",
    "pendukung",
    "presiden",
    "gubernur",
    "wagub",
    "bupati",
    "walikota",
    "legislatif",
    "dprd",
    "petahana",
    "oposisi",
    "deklarasi",
    "pemenangan",
    "quickcount",
];

/// Two-word cues.
pub(crate) const CUE_PAIRS: &[(&str, &str)] = &[
    ("surat", "suara"),
    ("tim", "sukses"),
    ("tim", "pemenangan"),
    ("quick", "count"),
    ("wali", "kota"),
    ("nomor", "urut"),
    ("no", "urut"),
];

/// Honorifics and kinship terms used before given names.
pub(crate) const HONORIFICS: &[&str] = &[
    "pak", "bapak", "bu", "ibu", "mas", "mbak", "kang", "akang", "bang", "abang", "cak", "gus",
    "mpok", "om", "si", "abah", "pakde", "bude", "prof", "kh", "kyai", "kiai", "habib", "ustadz",
    "uda", "uni", "daeng", "bli", "koh", "teh", "kak", "tuan", "haji", "ayah", "bunda", "eyang",
    "opa", "oma", "mak", "dik",
];

/// Words around a ballot number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Trigger {
    /// `urut` (nomor urut N): strong.
    Urut,
    /// `nomor`, `no`, `nmr`: needs context unless after an office or ballot verb.
    Nomor,
    /// `paslon`, `capres`, `cagub`, `calon`, `pasangan`: strong.
    Office,
    /// `coblos`, `tusuk`, `contreng`: strong.
    Coblos,
    /// `pilih`, `dukung`, `menangkan`: needs context.
    Choose,
    /// `salam` (salam N jari): strong with `jari`.
    Salam,
    /// `jari`.
    Jari,
    /// `kosong` (kosong tiga = 03).
    Kosong,
    /// `kaki` after `N jari`: toes, not a gesture.
    BodyPart,
}

pub(crate) const TRIGGERS: &[(&str, Trigger)] = &[
    ("urut", Trigger::Urut),
    ("nomor", Trigger::Nomor),
    ("no", Trigger::Nomor),
    ("nmr", Trigger::Nomor),
    ("nomer", Trigger::Nomor),
    ("nmor", Trigger::Nomor),
    ("nomr", Trigger::Nomor),
    ("paslon", Trigger::Office),
    ("capres", Trigger::Office),
    ("cawapres", Trigger::Office),
    ("cagub", Trigger::Office),
    ("cawagub", Trigger::Office),
    ("cabup", Trigger::Office),
    ("cawabup", Trigger::Office),
    ("cawalkot", Trigger::Office),
    ("cakada", Trigger::Office),
    ("calon", Trigger::Office),
    ("kandidat", Trigger::Office),
    ("pasangan", Trigger::Office),
    ("coblos", Trigger::Coblos),
    ("nyoblos", Trigger::Coblos),
    ("mencoblos", Trigger::Coblos),
    ("coblosan", Trigger::Coblos),
    ("tusuk", Trigger::Coblos),
    ("nusuk", Trigger::Coblos),
    ("contreng", Trigger::Coblos),
    ("centang", Trigger::Coblos),
    ("pilih", Trigger::Choose),
    ("memilih", Trigger::Choose),
    ("milih", Trigger::Choose),
    ("pilihan", Trigger::Choose),
    ("pilihanku", Trigger::Choose),
    ("dukung", Trigger::Choose),
    ("mendukung", Trigger::Choose),
    ("menangkan", Trigger::Choose),
    ("mending", Trigger::Choose),
    ("vote", Trigger::Choose),
    ("salam", Trigger::Salam),
    ("jari", Trigger::Jari),
    ("kosong", Trigger::Kosong),
    ("kaki", Trigger::BodyPart),
    ("kakinya", Trigger::BodyPart),
    ("kakiku", Trigger::BodyPart),
    ("kakimu", Trigger::BodyPart),
];

/// Clitics stripped when a word does not match as written (`budinya`).
pub(crate) const CLITICS: &[&str] = &["nya", "lah", "kah", "pun", "ku", "mu"];

/// `key` without a trailing clitic, when at least four letters remain.
#[inline]
pub(crate) fn strip_clitic(key: &str) -> Option<&str> {
    let b = key.as_bytes();
    let n = b.len();
    if n < 6 {
        return None;
    }
    // The clitics end in different letters, so at most one can match: the
    // byte comparisons below find the same one as a search through
    // `CLITICS` in order.
    let len = match b[n - 1] {
        b'a' if b[n - 3..] == *b"nya" => 3,
        b'h' if b[n - 3..] == *b"lah" || b[n - 3..] == *b"kah" => 3,
        b'n' if b[n - 3..] == *b"pun" => 3,
        b'u' if b[n - 2] == b'k' || b[n - 2] == b'm' => 2,
        _ => return None,
    };
    if n < len + 4 {
        return None;
    }
    debug_assert!(CLITICS.iter().any(|c| key.ends_with(c) && c.len() == len));
    key.get(..n - len)
}

/// True when [`squeeze_into`] would copy `s` unchanged: ASCII without a
/// letter written twice in a row.
#[inline]
pub(crate) fn is_squeezed(s: &str) -> bool {
    let mut prev = 0u8;
    for &c in s.as_bytes() {
        if c >= 0x80 || (c == prev && c.is_ascii_alphabetic()) {
            return false;
        }
        prev = c;
    }
    true
}

/// [`is_squeezed`] for a word whose first eight bytes are `first`
/// ([`crate::hash::prefix`]): word-at-a-time for words of at most eight
/// bytes.
#[inline]
pub(crate) fn is_squeezed_prefix(s: &str, first: u64) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let n = s.len();
    if n > 8 {
        return is_squeezed(s);
    }
    if first & HIGH != 0 {
        return false;
    }
    if n < 2 {
        return true;
    }
    // Byte k of `pairs` is zero iff bytes k and k + 1 are equal; the bytes
    // past the last pair are set so that they never read as zero.
    let pairs = (first ^ (first >> 8)) | !((1u64 << (8 * (n - 1))) - 1);
    let any_equal = pairs.wrapping_sub(LOW) & !pairs & HIGH != 0;
    // An equal pair of non-letters (`00`) still leaves the word as it is.
    !any_equal || is_squeezed(s)
}

/// Collapses runs of the same letter (`budii` → `budi`, `santosoo` →
/// `santoso`); digits are kept as they are.
pub(crate) fn squeeze_into(s: &str, out: &mut String) {
    if is_squeezed(s) {
        out.push_str(s);
        return;
    }
    out.reserve(s.len());
    if s.is_ascii() {
        let mut prev = 0u8;
        for &b in s.as_bytes() {
            if b != prev || !b.is_ascii_alphabetic() {
                out.push(char::from(b));
            }
            prev = b;
        }
        return;
    }
    let mut prev: Option<char> = None;
    for c in s.chars() {
        if Some(c) == prev && c.is_alphabetic() {
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
}

/// [`squeeze_into`] into a new string.
pub(crate) fn squeeze(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    squeeze_into(s, &mut out);
    out
}
