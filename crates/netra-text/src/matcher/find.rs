//! Finding candidates in a normalised post and deciding which count.

#![allow(
    clippy::many_single_char_names,
    reason = "m, n, t, i, j are the matcher, the post, a token and unit indices throughout"
)]

use std::cell::RefCell;
use std::fmt::Write as _;
use std::ops::Range;

use super::words::{is_squeezed_prefix, squeeze, squeeze_into, strip_clitic, Trigger, CUE_PAIRS};
use super::{
    kind_rank, Ambiguity, Evidence, Findings, Match, MatchKind, Matcher, Rejected, WordRole,
};
use crate::normalizer::Normalized;
use crate::token::{Flags, Token, TokenKind};

/// A word of the matching stream: a text token, or a hashtag segment.
struct Unit {
    /// The matching key: in the arena, or (`None`) the token's match form
    /// itself.
    key: Option<Range<usize>>,
    /// What the matcher knows about the key (one lookup per unit).
    role: Option<WordRole>,
    /// The token itself.
    tok: usize,
    /// The text-level token (the hashtag for a segment).
    text_tok: usize,
    /// Separation from the previous unit: 0 none or soft punctuation,
    /// 1 `.`/`:` (ballot expressions may cross), 2 hard.
    brk: u8,
}

struct Cand {
    pair: u32,
    kind: MatchKind,
    ambiguity: Ambiguity,
    term: String,
    span: Range<usize>,
    tokens: Range<usize>,
    negated: bool,
    evidence: Option<Evidence>,
    note: String,
}

impl Cand {
    fn overlaps(&self, o: &Cand) -> bool {
        self.span.start < o.span.end && o.span.start < self.span.end
    }
}

/// The buffers of [`find`], kept between the calls on a thread: a post has
/// about as many units as tokens, and allocating them for every post cost
/// more than filling them.
#[derive(Default)]
struct Scratch {
    units: Vec<Unit>,
    arena: String,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

pub(super) fn find(m: &Matcher, n: &Normalized) -> Findings {
    let mut scratch = SCRATCH.with(RefCell::take);
    let findings = find_with(m, n, &mut scratch);
    // A huge post's buffers are not worth keeping.
    if scratch.units.capacity() <= 1 << 12 && scratch.arena.capacity() <= 1 << 14 {
        SCRATCH.with(|s| s.replace(scratch));
    }
    findings
}

fn find_with(m: &Matcher, n: &Normalized, scratch: &mut Scratch) -> Findings {
    let tokens = n.tokens();
    let mut cands: Vec<Cand> = Vec::new();
    let mut cues: Vec<(usize, String)> = Vec::new();
    let to_scan = build_units(m, n, scratch, &mut cands, &mut cues);
    let (arena, units) = (&scratch.arena, &scratch.units);
    let key = |u: &Unit| match &u.key {
        Some(r) => &arena[r.clone()],
        None => tokens[u.tok].match_form(),
    };

    // 2. Cue words.
    for (i, u) in units.iter().enumerate() {
        let Some(r) = u.role else { continue };
        if r.cue {
            cues.push((u.text_tok, key(u).to_string()));
        }
        if r.cue_head {
            if let Some(next) = units.get(i + 1).filter(|x| x.brk == 0) {
                if let Some((a, b)) = CUE_PAIRS
                    .iter()
                    .find(|(a, b)| *a == key(u) && *b == key(next))
                {
                    cues.push((u.text_tok, format!("{a} {b}")));
                }
            }
        }
    }

    // 3. Phrases (names, aliases, slogans, parties), leftmost-longest.
    let mut i = 0;
    while i < units.len() {
        let Some(start_node) = units[i].role.and_then(|r| r.node) else {
            i += 1;
            continue;
        };
        let mut cur = start_node as usize;
        let mut best = term_at(m, cur).map(|t| (t, i));
        let mut j = i + 1;
        while j < units.len() && units[j].brk == 0 {
            let k = key(&units[j]);
            let children = &m.nodes[cur].children;
            let Some(&next) = children
                .get(k)
                .or_else(|| strip_clitic(k).and_then(|s| children.get(s)))
            else {
                break;
            };
            cur = next as usize;
            if let Some(t) = term_at(m, cur) {
                best = Some((t, j));
            }
            j += 1;
        }
        if let Some((id, end)) = best {
            let term = &m.terms[id as usize];
            let (head, tail) = (&units[i], &units[end]);
            let in_tag = head.tok != head.text_tok;
            let note = if in_tag {
                format!(" (in hashtag {})", tokens[head.text_tok].text())
            } else {
                String::new()
            };
            cands.push(Cand {
                pair: term.pair,
                kind: term.kind,
                ambiguity: term.ambiguity,
                term: term.display.clone(),
                span: tokens[head.tok].span().start..tokens[tail.tok].span().end,
                tokens: head.text_tok..tail.text_tok + 1,
                negated: units[i..=end].iter().any(|u| {
                    tokens[u.tok].has(Flags::NEGATED) || tokens[u.text_tok].has(Flags::NEGATED)
                }),
                evidence: (term.ambiguity == Ambiguity::Distinctive)
                    .then_some(Evidence::Distinctive),
                note,
            });
            i = end + 1;
        } else {
            i += 1;
        }
    }

    // 4. Ballot numbers and finger counts.
    ballot_candidates(m, tokens, units, &mut cands);

    // 5. Unlisted hashtags without any candidate: substring scan.
    scan_hashtags(m, tokens, &to_scan, &mut cands);

    confirm(&mut cands, &cues);
    output(n, cands)
}

/// Step 1: the units, with hashtag and mention candidates found on the
/// way; also the hashtags to scan for substrings.
fn build_units(
    m: &Matcher,
    n: &Normalized,
    scratch: &mut Scratch,
    cands: &mut Vec<Cand>,
    cues: &mut Vec<(usize, String)>,
) -> Vec<usize> {
    let tokens = n.tokens();
    let Scratch { units, arena } = scratch;
    units.clear();
    arena.clear();
    units.reserve(tokens.len());
    let mut to_scan: Vec<usize> = Vec::new();
    let mut brk = 2u8;
    let mut seg_brk = 2u8;
    let mut hashtag = usize::MAX;
    let mut skip_segments = false;
    for (i, t) in tokens.iter().enumerate() {
        if t.has(Flags::IN_HASHTAG) {
            if !skip_segments && !t.has(Flags::SLANG_CONT) && hashtag != usize::MAX {
                let (key, role) = push_key(m, arena, t);
                units.push(Unit {
                    key,
                    role,
                    tok: i,
                    text_tok: hashtag,
                    brk: seg_brk,
                });
                seg_brk = 0;
            }
            continue;
        }
        if t.has(Flags::LINE_START) {
            brk = 2;
        }
        match t.kind() {
            TokenKind::Word | TokenKind::Number => {
                if !t.has(Flags::SLANG_CONT) {
                    let (key, role) = push_key(m, arena, t);
                    units.push(Unit {
                        key,
                        role,
                        tok: i,
                        text_tok: i,
                        brk,
                    });
                    brk = 0;
                }
            }
            TokenKind::Emoji => {
                if t.has(Flags::FINGER) {
                    let (key, role) = push_key(m, arena, t);
                    units.push(Unit {
                        key,
                        role,
                        tok: i,
                        text_tok: i,
                        brk,
                    });
                    brk = 0;
                } else {
                    brk = 2;
                }
            }
            TokenKind::Punct => {
                let b = match t.text().chars().next() {
                    Some('.' | ':') => 1,
                    Some('!' | '?' | ';' | '\u{2026}' | '|') => 2,
                    _ => 0,
                };
                brk = brk.max(b);
            }
            TokenKind::Hashtag => {
                brk = 2;
                seg_brk = 2;
                hashtag = i;
                skip_segments = hashtag_candidates(m, n, i, t, cands, cues);
                if !skip_segments {
                    to_scan.push(i);
                }
            }
            TokenKind::Mention => {
                brk = 2;
                mention_candidates(m, n, i, t, cands);
            }
            TokenKind::Url => brk = 2,
        }
    }
    to_scan
}

/// Step 5: unlisted hashtags without any candidate, substring scan.
fn scan_hashtags(m: &Matcher, tokens: &[Token], to_scan: &[usize], cands: &mut Vec<Cand>) {
    if let Some((ac, ids)) = &m.scanner {
        for &h in to_scan {
            if cands.iter().any(|c| c.tokens.start == h) {
                continue;
            }
            let t = &tokens[h];
            let mut body = String::new();
            squeeze_into(t.text().get(1..).unwrap_or(""), &mut body);
            for hit in ac.find_iter(&body) {
                let Some(&id) = ids.get(hit.pattern().as_usize()) else {
                    continue;
                };
                let term = &m.terms[id as usize];
                cands.push(Cand {
                    pair: term.pair,
                    kind: term.kind,
                    ambiguity: term.ambiguity,
                    term: term.display.clone(),
                    span: t.span(),
                    tokens: h..h + 1,
                    negated: t.has(Flags::NEGATED),
                    evidence: Some(Evidence::Distinctive),
                    note: format!(
                        " (hashtag {} contains \"{}\")",
                        t.text(),
                        &body[hit.range()]
                    ),
                });
            }
        }
    }
}

fn term_at(m: &Matcher, node: usize) -> Option<u32> {
    m.nodes[node].term.filter(|&t| t != u32::MAX)
}

/// The matching key of `t` and its role: the number for numbers and
/// number words, else the squeezed match form. The key is appended to the
/// arena unless it is the match form as written (`None`).
#[allow(
    clippy::inline_always,
    reason = "called for every word of every post from three places of one loop"
)]
#[inline(always)]
fn push_key(
    m: &Matcher,
    arena: &mut String,
    t: &Token,
) -> (Option<Range<usize>>, Option<WordRole>) {
    let start = arena.len();
    let numeric = t.kind() == TokenKind::Number || t.has(Flags::NUMBER_WORD);
    match t.value() {
        Some(v) if numeric => push_number(arena, v),
        _ => {
            let form = t.match_form();
            let first = crate::hash::prefix(form.as_bytes());
            if is_squeezed_prefix(form, first) {
                return (None, m.role_with_prefix(form, first).copied());
            }
            squeeze_into(form, arena);
        }
    }
    (Some(start..arena.len()), m.role(&arena[start..]).copied())
}

/// Appends `v` in decimal (what `write!(arena, "{v}")` writes).
fn push_number(arena: &mut String, v: u32) {
    let mut digits = [0u8; 10];
    let mut k = digits.len();
    let mut v = v;
    loop {
        k -= 1;
        // v % 10 < 10: the cast keeps the value.
        digits[k] = b'0' + u8::try_from(v % 10).unwrap_or(0);
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &d in &digits[k..] {
        arena.push(char::from(d));
    }
}

fn hashtag_candidates(
    m: &Matcher,
    n: &Normalized,
    i: usize,
    t: &Token,
    cands: &mut Vec<Cand>,
    cues: &mut Vec<(usize, String)>,
) -> bool {
    let body = t.text().get(1..).unwrap_or("");
    let mut key = String::with_capacity(body.len());
    squeeze_into(body, &mut key);
    if m.words.get(key.as_str()).is_some_and(|r| r.cue) {
        cues.push((i, key.clone()));
    }
    if let Some(&id) = m.hashtags.get(key.as_str()) {
        let term = &m.terms[id as usize];
        let note = if term.kind == MatchKind::Hashtag {
            String::new()
        } else {
            format!(" (written as hashtag {})", t.text())
        };
        cands.push(Cand {
            pair: term.pair,
            kind: term.kind,
            ambiguity: term.ambiguity,
            term: term.display.clone(),
            span: t.span(),
            tokens: i..i + 1,
            negated: t.has(Flags::NEGATED),
            evidence: (term.ambiguity == Ambiguity::Distinctive).then_some(Evidence::Distinctive),
            note,
        });
        return true;
    }
    // `#coblos02`, `#pilih3`: a ballot word written together with a number.
    let digits = body.bytes().rev().take_while(u8::is_ascii_digit).count();
    if digits > 0 && digits <= 2 && digits < body.len() {
        let (word, num) = body.split_at(body.len() - digits);
        let trigger = m.words.get(squeeze(word).as_str()).and_then(|r| r.trigger);
        if let (Some(tr), Ok(v)) = (trigger, num.parse::<u32>()) {
            let strong = match tr {
                Trigger::Coblos | Trigger::Office | Trigger::Urut => Some(true),
                Trigger::Choose | Trigger::Nomor => Some(num.starts_with('0')),
                _ => None,
            };
            if let Some(strong) = strong.filter(|_| m.numbers.contains(&v)) {
                cands.push(Cand {
                    pair: v,
                    kind: MatchKind::BallotNumber,
                    ambiguity: if strong {
                        Ambiguity::Distinctive
                    } else {
                        Ambiguity::Number
                    },
                    term: format!("{word} {num}"),
                    span: t.span(),
                    tokens: i..i + 1,
                    negated: t.has(Flags::NEGATED),
                    evidence: strong.then_some(Evidence::BallotExpression),
                    note: format!(" (hashtag {})", t.text()),
                });
                return true;
            }
        }
    }
    if !body.is_empty() && body.len() <= 3 && body.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(v) = body.parse::<u32>() {
            if m.numbers.contains(&v) && body.starts_with('0') {
                cands.push(Cand {
                    pair: v,
                    kind: MatchKind::BallotNumber,
                    ambiguity: Ambiguity::Number,
                    term: t.text().to_string(),
                    span: t.span(),
                    tokens: i..i + 1,
                    negated: t.has(Flags::NEGATED),
                    evidence: None,
                    note: String::new(),
                });
                return true;
            }
        }
    }
    let _ = n;
    false
}

fn mention_candidates(m: &Matcher, n: &Normalized, i: usize, t: &Token, cands: &mut Vec<Cand>) {
    let handle = t.text().get(1..).unwrap_or("");
    if let Some(&id) = m.accounts.get(handle) {
        let term = &m.terms[id as usize];
        cands.push(Cand {
            pair: term.pair,
            kind: MatchKind::Account,
            ambiguity: Ambiguity::Distinctive,
            term: term.display.clone(),
            span: t.span(),
            tokens: i..i + 1,
            negated: t.has(Flags::NEGATED),
            evidence: Some(Evidence::Distinctive),
            note: String::new(),
        });
        return;
    }
    let mut key = String::with_capacity(handle.len());
    squeeze_into(handle, &mut key);
    if let Some(&id) = m.hashtags.get(key.as_str()) {
        let term = &m.terms[id as usize];
        if matches!(term.kind, MatchKind::Name | MatchKind::Alias) {
            cands.push(Cand {
                pair: term.pair,
                kind: term.kind,
                ambiguity: term.ambiguity,
                term: term.display.clone(),
                span: t.span(),
                tokens: i..i + 1,
                negated: t.has(Flags::NEGATED),
                evidence: (term.ambiguity == Ambiguity::Distinctive)
                    .then_some(Evidence::Distinctive),
                note: format!(" (mention {} spells it)", n.original_of(t)),
            });
        }
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "the ballot patterns read best as one table-like match"
)]
fn ballot_candidates(m: &Matcher, tokens: &[Token], units: &[Unit], cands: &mut Vec<Cand>) {
    let trig = |k: usize| units.get(k).and_then(|u| u.role).and_then(|r| r.trigger);
    // unit k-1 directly precedes unit k (a `.` or `:` may separate them)
    let adjacent_prev = |k: usize| k > 0 && units[k].brk <= 1;
    for (u, unit) in units.iter().enumerate() {
        let t = &tokens[unit.tok];
        let Some(v) = t.value() else { continue };
        let finger = t.has(Flags::FINGER);
        if !(t.kind() == TokenKind::Number || t.has(Flags::NUMBER_WORD) || finger)
            || !m.numbers.contains(&v)
        {
            continue;
        }
        let mut first = u;
        let mut padded = t.kind() == TokenKind::Number
            && t.text().len() >= 2
            && t.text().starts_with('0')
            && t.text().bytes().all(|b| b.is_ascii_digit());
        if adjacent_prev(u) && trig(u - 1) == Some(Trigger::Kosong) {
            padded = true;
            first = u - 1;
        }
        let p1 = if adjacent_prev(first) {
            trig(first - 1)
        } else {
            None
        };
        let p2 = if p1.is_some() && first >= 2 && adjacent_prev(first - 1) {
            trig(first - 2)
        } else {
            None
        };
        let n1 = units
            .get(u + 1)
            .filter(|x| x.brk == 0)
            .and_then(|_| trig(u + 1));
        let n2 = if n1.is_some() {
            units
                .get(u + 2)
                .filter(|x| x.brk == 0)
                .and_then(|_| trig(u + 2))
        } else {
            None
        };
        let (kind, strong, start, end) = if n1 == Some(Trigger::Jari) && !finger {
            if n2 == Some(Trigger::BodyPart) {
                continue;
            }
            if p1 == Some(Trigger::Salam) {
                (MatchKind::FingerGesture, true, first - 1, u + 1)
            } else {
                (MatchKind::FingerGesture, false, first, u + 1)
            }
        } else {
            match p1 {
                Some(Trigger::Urut) => {
                    let s = if p2 == Some(Trigger::Nomor) {
                        first - 2
                    } else {
                        first - 1
                    };
                    (MatchKind::BallotNumber, true, s, u)
                }
                Some(Trigger::Office | Trigger::Coblos) => {
                    (MatchKind::BallotNumber, true, first - 1, u)
                }
                Some(Trigger::Nomor) => match p2 {
                    Some(Trigger::Office | Trigger::Coblos) => {
                        (MatchKind::BallotNumber, true, first - 2, u)
                    }
                    Some(Trigger::Choose) => (MatchKind::BallotNumber, false, first - 2, u),
                    _ => (MatchKind::BallotNumber, false, first - 1, u),
                },
                Some(Trigger::Choose) if padded => (MatchKind::BallotNumber, true, first - 1, u),
                Some(Trigger::Choose | Trigger::Salam) => {
                    let kind = if finger {
                        MatchKind::FingerGesture
                    } else {
                        MatchKind::BallotNumber
                    };
                    (kind, false, first - 1, u)
                }
                _ if finger => (MatchKind::FingerGesture, false, first, u),
                _ if padded || t.has(Flags::EMOJI_DIGIT) => {
                    (MatchKind::BallotNumber, false, first, u)
                }
                _ => continue,
            }
        };
        let span_units = &units[start..=end];
        let term = span_units
            .iter()
            .map(|x| tokens[x.tok].text())
            .collect::<Vec<_>>()
            .join(" ");
        let (a, b) = (&units[start], &units[end]);
        let in_tag = a.tok != a.text_tok;
        // A slot replaces what names the pair, not the verb before it:
        // "jangan pilih 01" → "jangan pilih <PAIR>".
        let verb = matches!(trig(start), Some(Trigger::Coblos | Trigger::Choose)) && start < u;
        let slot_from = if verb && !in_tag {
            &units[start + 1]
        } else {
            a
        };
        cands.push(Cand {
            pair: v,
            kind,
            ambiguity: if strong {
                Ambiguity::Distinctive
            } else {
                Ambiguity::Number
            },
            term,
            span: tokens[a.tok].span().start..tokens[b.tok].span().end,
            tokens: slot_from.text_tok.min(b.text_tok)..slot_from.text_tok.max(b.text_tok) + 1,
            negated: span_units.iter().any(|x| tokens[x.tok].has(Flags::NEGATED)),
            evidence: strong.then_some(Evidence::BallotExpression),
            note: if in_tag {
                format!(" (in hashtag {})", tokens[a.text_tok].text())
            } else {
                String::new()
            },
        });
    }
}

/// The candidates near `i` (all of them in any ordinary post): context
/// is searched among at most `2 * WINDOW` neighbours, which keeps a post
/// with thousands of candidates linear.
fn window(cands: &[Cand], i: usize) -> impl Iterator<Item = (usize, &Cand)> {
    const WINDOW: usize = 128;
    let start = i.saturating_sub(WINDOW);
    cands.iter().enumerate().skip(start).take(2 * WINDOW + 1)
}

/// Gives every candidate that has context its evidence.
fn confirm(cands: &mut [Cand], cues: &[(usize, String)]) {
    // A cue word outside the candidate's own tokens.
    for c in cands.iter_mut().filter(|c| c.evidence.is_none()) {
        if let Some((_, w)) = cues.iter().find(|(tok, _)| !c.tokens.contains(tok)) {
            c.evidence = Some(Evidence::CueWord(w.clone()));
        }
    }
    for _ in 0..3 {
        let mut changed = false;
        for i in 0..cands.len() {
            if cands[i].evidence.is_some() {
                continue;
            }
            let c = &cands[i];
            let by_other = matches!(c.ambiguity, Ambiguity::Number) || c.ambiguity.name_like();
            let found = window(cands, i).find_map(|(j, o)| {
                if j == i || o.evidence.is_none() || o.overlaps(c) {
                    return None;
                }
                if o.pair == c.pair {
                    Some(Evidence::SamePair(o.term.clone()))
                } else if by_other {
                    Some(Evidence::OtherPair(o.pair, o.term.clone()))
                } else {
                    None
                }
            });
            if let Some(e) = found {
                cands[i].evidence = Some(e);
                changed = true;
            }
        }
        // Two ambiguous names confirm each other.
        for i in 0..cands.len() {
            if cands[i].evidence.is_some() {
                continue;
            }
            let c = &cands[i];
            let other = window(cands, i).find(|(j, o)| {
                *j != i
                    && o.evidence.is_none()
                    && o.term != c.term
                    && !o.overlaps(c)
                    && (o.pair == c.pair || (o.ambiguity.name_like() && c.ambiguity.name_like()))
                    && !(o.ambiguity == Ambiguity::Number && c.ambiguity == Ambiguity::Number)
            });
            if let Some((j, o)) = other {
                let (ct, ot) = (c.term.clone(), o.term.clone());
                cands[i].evidence = Some(Evidence::SecondName(ot));
                cands[j].evidence = Some(Evidence::SecondName(ct));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// True when `r` overlaps one of `spans` (disjoint, sorted by start).
fn overlaps_sorted(spans: &[Range<usize>], r: &Range<usize>) -> bool {
    let i = spans.partition_point(|s| s.end <= r.start);
    spans.get(i).is_some_and(|s| s.start < r.end)
}

fn output(n: &Normalized, mut cands: Vec<Cand>) -> Findings {
    cands.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then((b.span.end - b.span.start).cmp(&(a.span.end - a.span.start)))
            .then(kind_rank(a.kind).cmp(&kind_rank(b.kind)))
    });
    // Sorted by start: a candidate overlaps an earlier one of its pair iff
    // it starts before the furthest end seen for that pair.
    let mut kept: Vec<Cand> = Vec::new();
    let mut rejected: Vec<Cand> = Vec::new();
    let mut kept_end: Vec<(u32, usize)> = Vec::new();
    let mut rejected_end: Vec<(u32, usize)> = Vec::new();
    let end_of =
        |ends: &[(u32, usize)], pair: u32| ends.iter().find(|(p, _)| *p == pair).map(|(_, e)| *e);
    let set_end = |ends: &mut Vec<(u32, usize)>, pair: u32, end: usize| match ends
        .iter_mut()
        .find(|(p, _)| *p == pair)
    {
        Some(x) => x.1 = x.1.max(end),
        None => ends.push((pair, end)),
    };
    for c in cands {
        let ends = if c.evidence.is_some() {
            &mut kept_end
        } else {
            &mut rejected_end
        };
        if end_of(ends, c.pair).is_some_and(|e| e > c.span.start) {
            continue;
        }
        set_end(ends, c.pair, c.span.end);
        if c.evidence.is_some() {
            kept.push(c);
        } else {
            rejected.push(c);
        }
    }
    // Drop rejected candidates inside a kept match of their pair (kept
    // spans of one pair are disjoint and sorted: binary search).
    let mut by_pair: Vec<(u32, Vec<Range<usize>>)> = Vec::new();
    for k in &kept {
        match by_pair.iter_mut().find(|(p, _)| *p == k.pair) {
            Some((_, v)) => v.push(k.span.clone()),
            None => by_pair.push((k.pair, vec![k.span.clone()])),
        }
    }
    rejected.retain(|r| {
        by_pair
            .iter()
            .find(|(p, _)| *p == r.pair)
            .is_none_or(|(_, spans)| !overlaps_sorted(spans, &r.span))
    });
    let matches = kept
        .into_iter()
        .map(|mut c| {
            let evidence = c.evidence.take().unwrap_or(Evidence::Distinctive);
            let mut reason = reason_head(&c);
            reason.push_str(": ");
            match &evidence {
                Evidence::Distinctive => reason.push_str("distinctive term"),
                Evidence::BallotExpression => reason.push_str("ballot-number expression"),
                e => {
                    let _ = write!(reason, "{}, counted because {e}", c.ambiguity.describe());
                }
            }
            reason.push_str(&c.note);
            if c.negated {
                reason.push_str("; inside a negation");
            }
            Match {
                pair: c.pair,
                kind: c.kind,
                reason,
                matched: n.original().get(c.span.clone()).unwrap_or("").to_string(),
                span: c.span,
                tokens: c.tokens,
                term: c.term,
                ambiguity: c.ambiguity,
                evidence,
                negated: c.negated,
            }
        })
        .collect();
    let rejected = rejected
        .into_iter()
        .map(|c| {
            let mut reason = reason_head(&c);
            reason.push_str(" not counted: ");
            reason.push_str(c.ambiguity.describe());
            reason.push_str(", and the post has no political cue word, no other mention of the pair and no second candidate name");
            reason.push_str(&c.note);
            Rejected {
                pair: c.pair,
                kind: c.kind,
                reason,
                matched: n.original().get(c.span.clone()).unwrap_or("").to_string(),
                span: c.span,
                term: c.term,
                ambiguity: c.ambiguity,
            }
        })
        .collect();
    Findings { matches, rejected }
}

/// `kind "term" → pair N`, the start of every reason (written piece by
/// piece: `format!` costs more than the rest of a post's matching).
fn reason_head(c: &Cand) -> String {
    let mut r = String::with_capacity(160 + c.term.len() + c.note.len());
    r.push_str(c.kind.as_str());
    r.push_str(" \"");
    r.push_str(&c.term);
    r.push_str("\" → pair ");
    let _ = write!(r, "{}", c.pair);
    r
}
