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

/// Replaces the tokens of every match with a slot. Matches that overlap an
/// earlier one are ignored; adjacent matches of the same pair merge into
/// one slot.
pub fn slot(normalized: &Normalized, matches: &[Match]) -> Slotted {
    let tokens: &[Token] = normalized.tokens();
    let mut owner: Vec<Option<(u32, MatchKind)>> = vec![None; tokens.len()];
    let mut ms: Vec<&Match> = matches.iter().collect();
    ms.sort_by_key(|m| (m.tokens.start, std::cmp::Reverse(m.tokens.end)));
    for m in ms {
        let r = m.tokens.start.min(tokens.len())..m.tokens.end.min(tokens.len());
        if r.clone().any(|i| owner[i].is_some()) {
            continue;
        }
        for i in r {
            owner[i] = Some((m.pair, m.kind));
        }
    }
    let mut pieces: Vec<Piece> = Vec::new();
    let mut last_slot: Option<(usize, u32)> = None;
    for (i, t) in normalized.text_tokens() {
        match owner[i] {
            Some((pair, kind)) => {
                // tokens of the same match (or an adjacent match of the same pair) merge
                let same = last_slot.is_some_and(|(j, p)| p == pair && j + 1 == i);
                if !same {
                    pieces.push(Piece::Slot { pair, kind });
                }
                last_slot = Some((i, pair));
            }
            None => {
                pieces.push(Piece::Token(t.text().to_string()));
                last_slot = None;
            }
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
