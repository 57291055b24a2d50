//! `netra explain`: normalised text, tokens, matches and reasons.

use std::fmt;

use crate::matcher::{Findings, Matcher};
use crate::normalizer::Normalized;

/// Everything the matcher saw in one text; `Display` prints it for people.
#[derive(Debug, Clone)]
pub struct Explanation {
    /// The normalised text and tokens.
    pub normalized: Normalized,
    /// Counted and rejected mentions.
    pub findings: Findings,
}

/// Normalises `text` with the matcher's normaliser and finds mentions.
pub fn explain(text: &str, matcher: &Matcher) -> Explanation {
    let (normalized, findings) = matcher.analyze(text);
    Explanation {
        normalized,
        findings,
    }
}

impl fmt::Display for Explanation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = &self.normalized;
        writeln!(f, "text:       {}", n.original())?;
        writeln!(f, "normalised: {}", n.text())?;
        writeln!(f, "tokens:")?;
        for (i, t) in n.tokens().iter().enumerate() {
            let span = t.span();
            write!(
                f,
                "  {i:>3} {:<8} {:<20} {:>4}..{:<4} {:?}",
                t.kind().as_str(),
                format!("{:?}", t.text()),
                span.start,
                span.end,
                n.original_of(t)
            )?;
            if let Some(v) = t.value() {
                write!(f, " value={v}")?;
            }
            let flags: Vec<&str> = t.flags().names().collect();
            if !flags.is_empty() {
                write!(f, " [{}]", flags.join(", "))?;
            }
            writeln!(f)?;
        }
        if self.findings.matches.is_empty() {
            writeln!(f, "matches:    none")?;
        } else {
            writeln!(f, "matches:")?;
            for m in &self.findings.matches {
                writeln!(
                    f,
                    "  pair {} {} {:?} at {}..{}: {}",
                    m.pair, m.kind, m.matched, m.span.start, m.span.end, m.reason
                )?;
            }
        }
        if !self.findings.rejected.is_empty() {
            writeln!(f, "not counted:")?;
            for r in &self.findings.rejected {
                writeln!(
                    f,
                    "  pair {} {} {:?} at {}..{}: {}",
                    r.pair, r.kind, r.matched, r.span.start, r.span.end, r.reason
                )?;
            }
        }
        Ok(())
    }
}
