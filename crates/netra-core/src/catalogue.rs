//! The violation catalogue: which legal provision a signal points to.
//!
//! The catalogue is data (`catalogue/violations.toml`, embedded as
//! [`Catalogue::BUNDLED`]), so a legal officer can correct it without
//! touching code. Each entry has a stable code, a title in Indonesian and
//! English, its class (ethics / discipline), the legal basis, the sanction
//! range, a base severity, and what triggers it: interaction rules
//! ([`RuleCode`]), activity kinds, stances and the phase (before candidate
//! determination, from it on, or any time).
//!
//! Loading validates everything: unknown keys, unknown classes, phases,
//! severities, rules, kinds and stances, empty titles and legal bases,
//! duplicate codes, two entries claiming the same (rule, kind, stance,
//! phase), and gaps (a rule that can fire with no entry to say what it
//! breaks). An error names the file, the line, the entry (index and code)
//! and the field.
//!
//! ```
//! use netra_core::{ActivityKind, Catalogue, CaseClass, Label, RuleCode};
//! let c = Catalogue::bundled().unwrap();
//! let before = c.find(RuleCode::LikeOfficial, ActivityKind::Like, Label::Support, false).unwrap();
//! let after = c.find(RuleCode::LikeOfficial, ActivityKind::Like, Label::Support, true).unwrap();
//! assert_eq!((before.class, after.class), (CaseClass::Ethics, CaseClass::Discipline));
//! ```

use std::collections::HashMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::{ActivityKind, CaseClass, Label, RuleCode, Severity};

/// Why a catalogue could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CatalogueError {
    /// Not TOML, or a key or value of the wrong shape.
    #[error("{file}:{line}: {entry}{message}")]
    Syntax {
        file: String,
        line: usize,
        /// `violation #N (CODE): ` when the error is inside an entry, else empty.
        entry: String,
        message: String,
    },
    /// A value the catalogue does not allow.
    #[error("{file}:{line}: violation #{index} ({code}): field `{field}`: {message}")]
    Invalid {
        file: String,
        line: usize,
        /// 1-based position of the entry in the file.
        index: usize,
        /// The entry's code, or `no code` when it has none yet.
        code: String,
        field: String,
        message: String,
    },
    /// A rule can fire with no entry to say what it breaks.
    #[error("{file}: no violation covers rule `{rule}` for kind `{kind}`, stance `{stance}`, {phase}: add it to an entry's `rules`, `kinds`, `stances` and `phase`")]
    Gap {
        file: String,
        rule: RuleCode,
        kind: ActivityKind,
        stance: Label,
        phase: &'static str,
    },
}

/// When a violation applies, against the election's `candidate_determination` date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViolationPhase {
    /// Before the determination date: prospective candidates.
    BeforeDetermination,
    /// From the determination date on: determined candidates.
    FromDetermination,
    /// Whatever the date.
    Any,
}

impl ViolationPhase {
    /// All phases.
    pub const ALL: [ViolationPhase; 3] = [
        ViolationPhase::BeforeDetermination,
        ViolationPhase::FromDetermination,
        ViolationPhase::Any,
    ];

    /// The stable spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            ViolationPhase::BeforeDetermination => "before_determination",
            ViolationPhase::FromDetermination => "from_determination",
            ViolationPhase::Any => "any",
        }
    }

    /// Parses the stable spelling.
    pub fn parse(s: &str) -> Option<ViolationPhase> {
        ViolationPhase::ALL.into_iter().find(|p| p.as_str() == s)
    }

    /// True when an act dated after (`true`) or before (`false`) the
    /// determination date falls in this phase.
    pub fn covers(self, determined: bool) -> bool {
        match self {
            ViolationPhase::BeforeDetermination => !determined,
            ViolationPhase::FromDetermination => determined,
            ViolationPhase::Any => true,
        }
    }
}

/// A text in Bahasa Indonesia and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bilingual {
    pub id: String,
    pub en: String,
}

/// One catalogue entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Violation {
    /// Stable code (`ETIK-01`, `DISIPLIN-02`, …).
    pub code: String,
    pub title: Bilingual,
    pub class: CaseClass,
    pub phase: ViolationPhase,
    /// The case severity this violation alone gives.
    pub severity: Severity,
    /// Articles, one per item.
    pub legal_basis: Vec<String>,
    /// The sanction range.
    pub sanction: Bilingual,
    pub rules: Vec<RuleCode>,
    pub kinds: Vec<ActivityKind>,
    pub stances: Vec<Label>,
    pub note: Option<String>,
    /// Line of the entry's `code` in the catalogue file.
    pub line: usize,
}

impl Violation {
    /// True when this entry covers a signal of `rule` on a `kind` activity
    /// with `stance`, dated after (`determined`) or before the determination.
    pub fn covers(
        &self,
        rule: RuleCode,
        kind: ActivityKind,
        stance: Label,
        determined: bool,
    ) -> bool {
        self.rules.contains(&rule)
            && self.kinds.contains(&kind)
            && self.stances.contains(&stance)
            && self.phase.covers(determined)
    }

    /// `CODE — title (basis; basis)` in the chosen language, for reasons.
    pub fn describe(&self, english: bool) -> String {
        let title = if english {
            &self.title.en
        } else {
            &self.title.id
        };
        format!("{} — {title} ({})", self.code, self.legal_basis.join("; "))
    }
}

/// A validated violation catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Catalogue {
    /// Where it came from (file path, or `bundled`).
    pub source: String,
    pub violations: Vec<Violation>,
}

impl Catalogue {
    /// The catalogue shipped with netra (`catalogue/violations.toml`).
    pub const BUNDLED: &'static str = include_str!("../../../catalogue/violations.toml");

    /// The shipped catalogue, parsed and validated.
    pub fn bundled() -> Result<Catalogue, CatalogueError> {
        Catalogue::from_toml_str(Catalogue::BUNDLED, "catalogue/violations.toml (bundled)")
    }

    /// Parses and validates catalogue text; `file` names it in errors.
    pub fn from_toml_str(text: &str, file: &str) -> Result<Catalogue, CatalogueError> {
        let raw: RawCatalogue = toml::from_str(text).map_err(|e| {
            let pos = e.span().map_or(0, |s| s.start);
            let (index, code) = entry_at(text, pos);
            let entry = match index {
                Some(i) => format!("violation #{i} ({code}): "),
                None => String::new(),
            };
            CatalogueError::Syntax {
                file: file.to_string(),
                line: line_of(text, pos),
                entry,
                message: e.message().trim().replace('\n', "; "),
            }
        })?;
        Validator { text, file }.validate(&raw)
    }

    /// The entry for a signal of `rule` on a `kind` activity with `stance`,
    /// dated after (`determined`) or before the determination date.
    pub fn find(
        &self,
        rule: RuleCode,
        kind: ActivityKind,
        stance: Label,
        determined: bool,
    ) -> Option<&Violation> {
        self.violations
            .iter()
            .find(|v| v.covers(rule, kind, stance, determined))
    }

    /// The entry with this code.
    pub fn get(&self, code: &str) -> Option<&Violation> {
        self.violations.iter().find(|v| v.code == code)
    }
}

/// 1-based line of byte offset `pos`.
fn line_of(text: &str, pos: usize) -> usize {
    text.get(..pos.min(text.len()))
        .map_or(1, |s| s.bytes().filter(|&b| b == b'\n').count() + 1)
}

/// The `[[violation]]` entry (1-based index) holding byte `pos`, and its code
/// as written (or `no code`), found from the text so that even an entry that
/// does not parse is named.
fn entry_at(text: &str, pos: usize) -> (Option<usize>, String) {
    let mut index = 0;
    let mut code = String::from("no code");
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim();
        if offset > pos && index > 0 && t.starts_with('[') {
            break;
        }
        if t.starts_with("[[violation]]") {
            if offset > pos {
                break;
            }
            index += 1;
            code = String::from("no code");
        } else if index > 0 {
            if let Some(rest) = t.strip_prefix("code") {
                if let Some(v) = rest.trim_start().strip_prefix('=') {
                    code = v.trim().trim_matches('"').to_string();
                }
            }
        }
        offset += line.len();
    }
    ((index > 0).then_some(index), code)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCatalogue {
    #[allow(dead_code, reason = "read for validation of the file's shape only")]
    version: Option<Spanned<i64>>,
    #[serde(default)]
    violation: Vec<Spanned<RawViolation>>,
}

type Strings = Spanned<Vec<Spanned<String>>>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawViolation {
    code: Spanned<String>,
    title: RawText,
    class: Spanned<String>,
    phase: Spanned<String>,
    severity: Spanned<String>,
    legal_basis: Strings,
    sanction: RawText,
    rules: Strings,
    kinds: Strings,
    stances: Strings,
    note: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    id: Spanned<String>,
    en: Spanned<String>,
}

struct Validator<'a> {
    text: &'a str,
    file: &'a str,
}

/// Which entry is being validated.
struct At<'a> {
    index: usize,
    code: &'a str,
}

impl Validator<'_> {
    fn err<T>(
        &self,
        at: &At<'_>,
        span: Range<usize>,
        field: &str,
        message: impl Into<String>,
    ) -> Result<T, CatalogueError> {
        Err(CatalogueError::Invalid {
            file: self.file.to_string(),
            line: line_of(self.text, span.start),
            index: at.index,
            code: if at.code.is_empty() {
                "no code".into()
            } else {
                at.code.into()
            },
            field: field.into(),
            message: message.into(),
        })
    }

    fn text(
        &self,
        at: &At<'_>,
        s: &Spanned<String>,
        field: &str,
    ) -> Result<String, CatalogueError> {
        let t = s.get_ref().trim();
        if t.is_empty() {
            return self.err(at, s.span(), field, "must not be empty");
        }
        Ok(t.to_string())
    }

    fn bilingual(
        &self,
        at: &At<'_>,
        r: &RawText,
        field: &str,
    ) -> Result<Bilingual, CatalogueError> {
        Ok(Bilingual {
            id: self.text(at, &r.id, &format!("{field}.id"))?,
            en: self.text(at, &r.en, &format!("{field}.en"))?,
        })
    }

    /// A non-empty list whose items `parse` accepts, without repeats.
    fn list<T: PartialEq>(
        &self,
        at: &At<'_>,
        items: &Strings,
        field: &str,
        parse: impl Fn(&str) -> Option<T>,
        allowed: &str,
    ) -> Result<Vec<T>, CatalogueError> {
        if items.get_ref().is_empty() {
            return self.err(
                at,
                items.span(),
                field,
                format!("give at least one of: {allowed}"),
            );
        }
        let mut out = Vec::with_capacity(items.get_ref().len());
        for s in items.get_ref() {
            let Some(v) = parse(s.get_ref().trim()) else {
                return self.err(
                    at,
                    s.span(),
                    field,
                    format!("{:?} is not one of: {allowed}", s.get_ref()),
                );
            };
            if out.contains(&v) {
                return self.err(
                    at,
                    s.span(),
                    field,
                    format!("{:?} is listed twice", s.get_ref()),
                );
            }
            out.push(v);
        }
        Ok(out)
    }

    fn validate(&self, raw: &RawCatalogue) -> Result<Catalogue, CatalogueError> {
        if raw.violation.is_empty() {
            return Err(CatalogueError::Syntax {
                file: self.file.into(),
                line: 1,
                entry: String::new(),
                message: "no [[violation]] entries".into(),
            });
        }
        let mut violations: Vec<Violation> = Vec::with_capacity(raw.violation.len());
        let mut codes: HashMap<String, usize> = HashMap::new();
        for (i, v) in raw.violation.iter().enumerate() {
            let v = v.get_ref();
            let at = At {
                index: i + 1,
                code: v.code.get_ref().trim(),
            };
            let entry = self.entry(&at, v, &mut codes)?;
            for earlier in &violations {
                if let Some(what) = overlap(earlier, &entry) {
                    return self.err(
                        &at,
                        v.rules.span(),
                        "rules",
                        format!(
                            "{what} is already covered by {} (line {}): each signal must map to exactly one entry",
                            earlier.code, earlier.line
                        ),
                    );
                }
            }
            violations.push(entry);
        }
        let catalogue = Catalogue {
            source: self.file.to_string(),
            violations,
        };
        check_coverage(&catalogue)?;
        Ok(catalogue)
    }

    /// One entry, checked on its own (`codes`: the codes seen so far, with their line).
    fn entry(
        &self,
        at: &At<'_>,
        v: &RawViolation,
        codes: &mut HashMap<String, usize>,
    ) -> Result<Violation, CatalogueError> {
        let code = self.text(at, &v.code, "code")?;
        if !code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        {
            return self.err(
                at,
                v.code.span(),
                "code",
                format!("{code:?} may contain only A-Z, 0-9 and '-'"),
            );
        }
        let line = line_of(self.text, v.code.span().start);
        if let Some(first) = codes.insert(code.clone(), line) {
            return self.err(
                at,
                v.code.span(),
                "code",
                format!("{code} is already used by the entry at line {first}"),
            );
        }
        let Some(class) = CaseClass::parse(v.class.get_ref().trim()) else {
            return self.err(
                at,
                v.class.span(),
                "class",
                format!("{:?} is not one of: ethics, discipline", v.class.get_ref()),
            );
        };
        let Some(phase) = ViolationPhase::parse(v.phase.get_ref().trim()) else {
            return self.err(
                at,
                v.phase.span(),
                "phase",
                format!(
                    "{:?} is not one of: before_determination, from_determination, any",
                    v.phase.get_ref()
                ),
            );
        };
        let Some(severity) = Severity::parse(v.severity.get_ref().trim()) else {
            return self.err(
                at,
                v.severity.span(),
                "severity",
                format!(
                    "{:?} is not one of: low, medium, high",
                    v.severity.get_ref()
                ),
            );
        };
        if v.legal_basis.get_ref().is_empty() {
            return self.err(
                at,
                v.legal_basis.span(),
                "legal_basis",
                "give at least one article (e.g. \"PP 94/2021 pasal 5 huruf n\")",
            );
        }
        let mut legal_basis = Vec::new();
        for b in v.legal_basis.get_ref() {
            legal_basis.push(self.text(at, b, "legal_basis")?);
        }
        let partisan = |s: &str| Label::parse(s).filter(|l| l.is_partisan());
        Ok(Violation {
            title: self.bilingual(at, &v.title, "title")?,
            class,
            phase,
            severity,
            legal_basis,
            sanction: self.bilingual(at, &v.sanction, "sanction")?,
            rules: self.list(
                at,
                &v.rules,
                "rules",
                RuleCode::parse,
                &RuleCode::allowed_list(),
            )?,
            kinds: self.list(
                at,
                &v.kinds,
                "kinds",
                ActivityKind::parse,
                &ActivityKind::allowed_list(),
            )?,
            stances: self.list(at, &v.stances, "stances", partisan, "support, oppose")?,
            note: match &v.note {
                Some(n) => Some(self.text(at, n, "note")?),
                None => None,
            },
            code,
            line,
        })
    }
}

/// The first (rule, kind, stance, phase) both entries cover, described.
fn overlap(a: &Violation, b: &Violation) -> Option<String> {
    for rule in a.rules.iter().filter(|r| b.rules.contains(r)) {
        for kind in a.kinds.iter().filter(|k| b.kinds.contains(k)) {
            for stance in a.stances.iter().filter(|s| b.stances.contains(s)) {
                for determined in [false, true] {
                    if a.phase.covers(determined) && b.phase.covers(determined) {
                        return Some(format!(
                            "rule `{rule}`, kind `{kind}`, stance `{stance}`, {}",
                            phase_words(determined)
                        ));
                    }
                }
            }
        }
    }
    None
}

fn phase_words(determined: bool) -> &'static str {
    if determined {
        "from candidate determination on"
    } else {
        "before candidate determination"
    }
}

/// Every (rule, kind, stance, phase) a rule can give has an entry.
fn check_coverage(c: &Catalogue) -> Result<(), CatalogueError> {
    for rule in RuleCode::ALL {
        for &kind in rule.kinds() {
            for &stance in rule.stances() {
                for determined in [false, true] {
                    if c.find(rule, kind, stance, determined).is_none() {
                        return Err(CatalogueError::Gap {
                            file: c.source.clone(),
                            rule,
                            kind,
                            stance,
                            phase: phase_words(determined),
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
