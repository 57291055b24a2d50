//! Replacing pair mentions with slots, for the stance classifier.

use std::fmt;

use crate::matcher::{Match, MatchKind};
use crate::normalizer::Normalized;
use crate::token::Token;

/// One piece of slotted text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A token of the normalised text.
    Token(String),
    /// A mention of `pair` (its matched tokens, merged).
    Slot {
        /// Ballot number.
        pair: u32,
        /// What matched.
        kind: MatchKind,
    },
}

/// Normalised text with each counted mention replaced by a slot; the pair
/// numbers are kept aside, in order.
///
/// ```
/// use netra_text::{slot, Matcher, PairTerms};
/// let mut p3 = PairTerms::new(3);
/// p3.aliases = vec!["Budi-Rina".into()];
/// let m = Matcher::new(&[p3]);
/// let n = m.normalizer().normalize("dukung Budi-Rina!");
/// let s = slot(&n, &m.find(&n));
/// assert_eq!(s.to_string(), "dukung <PAIR> !");
/// assert_eq!(s.pairs(), vec![3]);
/// assert_eq!(s.for_pair(1), "dukung <OTHER> !");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slotted {
    pieces: Vec<Piece>,
}

/// Replaces the tokens of every match with one slot. A match that
/// overlaps an earlier (or longer) one is ignored.
pub fn slot(normalized: &Normalized, matches: &[Match]) -> Slotted {
    let tokens: &[Token] = normalized.tokens();
    let mut owner: Vec<Option<usize>> = vec![None; tokens.len()];
    let mut order: Vec<usize> = (0..matches.len()).collect();
    order.sort_by_key(|&k| {
        (
            matches[k].tokens.start,
            std::cmp::Reverse(matches[k].tokens.end),
        )
    });
    for k in order {
        let m = &matches[k];
        let r = m.tokens.start.min(tokens.len())..m.tokens.end.min(tokens.len());
        if r.clone().any(|i| owner[i].is_some()) {
            continue;
        }
        for i in r {
            owner[i] = Some(k);
        }
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut last: Option<usize> = None;
    for (i, t) in normalized.text_tokens() {
        if let Some(k) = owner[i] {
            if last != Some(k) {
                pieces.push(Piece::Slot {
                    pair: matches[k].pair,
                    kind: matches[k].kind,
                });
            }
            last = Some(k);
        } else {
            pieces.push(Piece::Token(t.text().to_string()));
            last = None;
        }
    }
    Slotted { pieces }
}

impl Slotted {
    /// The pieces, in text order.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// The pair number of each slot, in text order.
    pub fn pairs(&self) -> Vec<u32> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Slot { pair, .. } => Some(*pair),
                Piece::Token(_) => None,
            })
            .collect()
    }

    /// The text from the point of view of `pair`: its mentions are
    /// `<PAIR>`, every other pair's are `<OTHER>`.
    pub fn for_pair(&self, pair: u32) -> String {
        self.render(|p| if p == pair { "<PAIR>" } else { "<OTHER>" })
    }

    fn render(&self, slot: impl Fn(u32) -> &'static str) -> String {
        let mut out = String::new();
        for p in &self.pieces {
            if !out.is_empty() {
                out.push(' ');
            }
            match p {
                Piece::Token(t) => out.push_str(t),
                Piece::Slot { pair, .. } => out.push_str(slot(*pair)),
            }
        }
        out
    }
}

/// Every slot as `<PAIR>`.
impl fmt::Display for Slotted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(|_| "<PAIR>"))
    }
}
