//! The PDF standard fonts' encoding (WinAnsi) and glyph widths.
//!
//! netra's PDFs use Helvetica and Helvetica-Bold, two of the standard
//! fonts every PDF reader has, so nothing is embedded and the binary needs
//! no font file. WinAnsi (Windows-1252) covers Indonesian and the other
//! Latin-script text netra meets; a character outside it (an emoji, a
//! non-Latin script) is shown as a visible placeholder naming its code
//! point, `[U+1F525]`, while the evidence keeps the original bytes.
//!
//! The width tables are Adobe's metrics for the two fonts, as carried by
//! the metric-compatible Nimbus Sans AFM files (Debian `fonts-urw-base35`),
//! indexed by WinAnsi code, generated once with a short script (glyph name
//! by code via Windows-1252 and the Adobe Glyph List).

#![allow(
    clippy::doc_markdown,
    reason = "WinAnsi is the encoding's name in the PDF standard, not code"
)]

/// The WinAnsi code of `c`, if it has one.
pub(crate) fn encode_char(c: char) -> Option<u8> {
    let u = u32::from(c);
    match u {
        0x20..=0x7e | 0xa0..=0xff => u8::try_from(u).ok(),
        _ => WIN_ANSI_EXTRA
            .iter()
            .find(|(ch, _)| *ch == c)
            .map(|(_, b)| *b),
    }
}

/// Characters that are dropped rather than shown as a placeholder: they
/// change how a neighbour looks, not what the text says.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{fe00}'..='\u{fe0f}' | '\u{200b}'..='\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{e0020}'..='\u{e007f}'
    ) || ('\u{1f3fb}'..='\u{1f3ff}').contains(&c)
}

/// Typographic characters outside WinAnsi that read the same in plain
/// ASCII (arrows, comparison signs, the minus sign, narrow spaces).
fn plain_stand_in(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{2192}' => "->",
        '\u{2190}' => "<-",
        '\u{2264}' => "<=",
        '\u{2265}' => ">=",
        '\u{2212}' | '\u{2010}' | '\u{2011}' => "-",
        '\u{2009}' | '\u{202f}' | '\u{2007}' => " ",
        _ => return None,
    })
}

/// `text` in WinAnsi bytes: tabs and line breaks become spaces, other
/// control characters are dropped, and each run of characters WinAnsi
/// cannot encode becomes `[U+XXXX U+YYYY]`.
pub(crate) fn encode(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut run: Vec<String> = Vec::new();
    let flush = |out: &mut Vec<u8>, run: &mut Vec<String>| {
        if !run.is_empty() {
            out.push(b'[');
            out.extend_from_slice(run.join(" ").as_bytes());
            out.push(b']');
            run.clear();
        }
    };
    for c in text.chars() {
        if c == '\t' || c == '\n' || c == '\r' {
            flush(&mut out, &mut run);
            out.push(b' ');
        } else if c.is_control() || is_invisible(c) {
            // dropped
        } else if let Some(b) = encode_char(c) {
            flush(&mut out, &mut run);
            out.push(b);
        } else if let Some(s) = plain_stand_in(c) {
            flush(&mut out, &mut run);
            out.extend_from_slice(s.as_bytes());
        } else {
            run.push(format!("U+{:04X}", u32::from(c)));
        }
    }
    flush(&mut out, &mut run);
    out
}

/// Width of WinAnsi `bytes` in points at `size`, in the regular or bold face.
pub(crate) fn width(bytes: &[u8], bold: bool, size: f32) -> f32 {
    let table = if bold { &HELVETICA_BOLD } else { &HELVETICA };
    let units: u32 = bytes
        .iter()
        .map(|&b| u32::from(table[usize::from(b)]))
        .sum();
    units as f32 * size / 1000.0
}

// Generated from the AFM files (see the module comment); do not edit by hand.
/// Glyph widths of Helvetica (1/1000 em) by WinAnsi code.
pub(crate) const HELVETICA: [u16; 256] = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
    0, 556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 222, 222,
    333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556,
    260, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 556, 537, 278, 333,
    333, 365, 556, 834, 834, 834, 611, 667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667,
    278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667,
    611, 556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278, 556, 556,
    556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];
/// Glyph widths of Helvetica-Bold (1/1000 em) by WinAnsi code.
pub(crate) const HELVETICA_BOLD: [u16; 256] = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667,
    611, 778, 722, 278, 556, 722, 611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556,
    278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584,
    0, 556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0, 0, 278, 278,
    500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667, 278, 333, 556, 556, 556, 556,
    280, 556, 333, 737, 370, 556, 584, 333, 737, 333, 400, 584, 333, 333, 333, 611, 556, 278, 333,
    333, 365, 556, 834, 834, 834, 611, 722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667,
    278, 278, 278, 278, 722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667,
    611, 556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278, 611, 611,
    611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];
/// WinAnsi codes 0x80–0x9F and the characters they encode.
pub(crate) const WIN_ANSI_EXTRA: [(char, u8); 27] = [
    ('\u{20ac}', 0x80),
    ('\u{201a}', 0x82),
    ('\u{0192}', 0x83),
    ('\u{201e}', 0x84),
    ('\u{2026}', 0x85),
    ('\u{2020}', 0x86),
    ('\u{2021}', 0x87),
    ('\u{02c6}', 0x88),
    ('\u{2030}', 0x89),
    ('\u{0160}', 0x8a),
    ('\u{2039}', 0x8b),
    ('\u{0152}', 0x8c),
    ('\u{017d}', 0x8e),
    ('\u{2018}', 0x91),
    ('\u{2019}', 0x92),
    ('\u{201c}', 0x93),
    ('\u{201d}', 0x94),
    ('\u{2022}', 0x95),
    ('\u{2013}', 0x96),
    ('\u{2014}', 0x97),
    ('\u{02dc}', 0x98),
    ('\u{2122}', 0x99),
    ('\u{0161}', 0x9a),
    ('\u{203a}', 0x9b),
    ('\u{0153}', 0x9c),
    ('\u{017e}', 0x9e),
    ('\u{0178}', 0x9f),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indonesian_and_latin_text_encodes_as_is_and_emoji_become_placeholders() {
        assert_eq!(
            encode("Pemilihan 2024 – “Jakarta”"),
            b"Pemilihan 2024 \x96 \x93Jakarta\x94"
        );
        assert_eq!(encode("café"), b"caf\xe9");
        assert_eq!(
            String::from_utf8(encode("coblos 3 ya gaes ✌️🔥")).unwrap(),
            "coblos 3 ya gaes [U+270C U+1F525]"
        );
        assert_eq!(encode("a\tb\nc\u{7}"), b"a b c");
        assert_eq!(encode("👍🏽 ok"), b"[U+1F44D] ok");
        assert_eq!(
            encode("baru → ditinjau, ≤ 2 hari"),
            b"baru -> ditinjau, <= 2 hari"
        );
    }

    #[test]
    fn widths_follow_the_font_metrics() {
        // Helvetica: 'A' 667, space 278; bold 'A' 722.
        assert!((width(b"A A", false, 1000.0) - 1612.0).abs() < 0.01);
        assert!((width(b"A", true, 10.0) - 7.22).abs() < 0.01);
        for b in encode("Rp600.000 – «ÀÉÎÕÜ» ‰ €") {
            assert!(HELVETICA[usize::from(b)] > 0, "{b:#x}");
            assert!(HELVETICA_BOLD[usize::from(b)] > 0, "{b:#x}");
        }
    }
}
