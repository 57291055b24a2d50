//! The case builder: stored signals → one [`CaseDraft`] per ASN.
//!
//! - **Who.** Signals are grouped per ASN through the accounts the registry
//!   declares (the store joins each signal's `platform:handle` to its NIP);
//!   an account outside the registry never reaches a case.
//! - **What.** Each signal's violation comes from the catalogue, by its rule,
//!   activity kind, stance and date in the election's time zone (the lower
//!   bound for an approximate time), the same lookup the rules made.
//! - **Strongest evidence first.** Signals are ordered by their violation's
//!   severity, discipline before ethics, score, then time; the case's pair
//!   and stance are those of its strongest signal.
//! - **Class.** Discipline when any signal is a discipline violation, else ethics.
//! - **Severity.** The gravest violation's severity (catalogue), one step
//!   higher when the ASN did it repeatedly: eight or more activities, or acts
//!   under three or more violations.
//! - **Reporting deadline.** Seven days (Perbawaslu on handling violations,
//!   art. 134) from when the violation became *known*: the moment netra first
//!   detected the case's earliest-detected signal (`detected_at`), not the
//!   moment of the post. A post from last month imported today gives a
//!   deadline a week from today; an X like whose time is only a lower bound
//!   gets a deadline all the same. The reviewer can still see both dates.
//! - **Per pair.** [`per_pair`] counts a case's signals per pair and stance,
//!   every pair of the election side by side.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, Utc};
use netra_core::{
    ActivityKind, CaseClass, Catalogue, Election, Label, RuleCode, Severity, Violation,
};
use netra_store::{CaseDraft, SignalKey, SignalRow};

use crate::cases::REPORTING_DAYS;

/// The violation catalogue: the file at `path` (validated), or the one
/// shipped with netra.
pub fn load_catalogue(path: Option<&std::path::Path>) -> Result<Catalogue, crate::AppError> {
    let Some(path) = path else {
        return Ok(Catalogue::bundled()?);
    };
    let text = std::fs::read_to_string(path).map_err(|source| crate::AppError::Io {
        path: path.display().to_string(),
        source,
    })?;
    Ok(Catalogue::from_toml_str(
        &text,
        &path.display().to_string(),
    )?)
}

/// The catalogue entry a stored signal maps to (`None` for a signal of a
/// rule the catalogue does not know, e.g. from an older detector).
pub fn violation_of<'c>(
    election: &Election,
    catalogue: &'c Catalogue,
    row: &SignalRow,
) -> Option<&'c Violation> {
    let rule = RuleCode::parse(&row.rule)?;
    let kind = ActivityKind::parse(&row.kind)?;
    let at = DateTime::parse_from_rfc3339(&row.created_at).ok()?;
    let determined = election.local_date(&at) >= election.election.timeline.candidate_determination;
    catalogue.find(rule, kind, row.label, determined)
}

/// One signal with what case building needs.
struct Item<'a> {
    row: &'a SignalRow,
    created: DateTime<Utc>,
    detected: Option<DateTime<Utc>>,
    code: String,
    class: CaseClass,
    severity: Severity,
}

fn severity_rank(s: Severity) -> u8 {
    match s {
        Severity::Low => 0,
        Severity::Medium => 1,
        Severity::High => 2,
    }
}

fn escalate(s: Severity) -> Severity {
    match s {
        Severity::Low => Severity::Medium,
        Severity::Medium | Severity::High => Severity::High,
    }
}

/// Builds one case per ASN from stored signal rows (see the module docs).
pub fn build_cases(
    election: &Election,
    catalogue: &Catalogue,
    rows: &[SignalRow],
) -> Vec<CaseDraft> {
    let determination = election.election.timeline.candidate_determination;
    let mut per_asn: BTreeMap<&str, Vec<Item<'_>>> = BTreeMap::new();
    for r in rows {
        // The store wrote `created_at_utc`; a row that does not parse is skipped.
        let Ok(created) = DateTime::parse_from_rfc3339(&r.created_at_utc) else {
            continue;
        };
        let created = created.to_utc();
        let detected = DateTime::parse_from_rfc3339(&r.detected_at)
            .ok()
            .map(|d| d.to_utc());
        let (code, class, severity) = match violation_of(election, catalogue, r) {
            Some(v) => (v.code.clone(), v.class, v.severity),
            None => (
                r.rule.clone(),
                if election.local_date(&created) < determination {
                    CaseClass::Ethics
                } else {
                    CaseClass::Discipline
                },
                Severity::Low,
            ),
        };
        per_asn.entry(&r.nip).or_default().push(Item {
            row: r,
            created,
            detected,
            code,
            class,
            severity,
        });
    }
    per_asn
        .into_iter()
        .filter_map(|(nip, items)| draft(election, nip, items))
        .collect()
}

fn draft(election: &Election, nip: &str, mut items: Vec<Item<'_>>) -> Option<CaseDraft> {
    items.sort_by(|a, b| {
        severity_rank(b.severity)
            .cmp(&severity_rank(a.severity))
            .then((b.class == CaseClass::Discipline).cmp(&(a.class == CaseClass::Discipline)))
            .then(b.row.score.total_cmp(&a.row.score))
            .then(a.created.cmp(&b.created))
            .then(a.row.activity_id.cmp(&b.row.activity_id))
            .then(a.row.rule.cmp(&b.row.rule))
            .then(a.row.target.cmp(&b.row.target))
    });
    let strongest = items.first()?;
    let first_seen = items.iter().map(|i| i.created).min()?;
    let last_seen = items.iter().map(|i| i.created).max()?;
    let known = items
        .iter()
        .filter_map(|i| i.detected)
        .min()
        .unwrap_or(last_seen);
    let class = if items.iter().any(|i| i.class == CaseClass::Discipline) {
        CaseClass::Discipline
    } else {
        CaseClass::Ethics
    };
    let activities: BTreeSet<&str> = items.iter().map(|i| i.row.activity_id.as_str()).collect();
    let mut codes: Vec<String> = Vec::new();
    for i in &items {
        if !codes.contains(&i.code) {
            codes.push(i.code.clone());
        }
    }
    let gravest = items
        .iter()
        .map(|i| i.severity)
        .max_by_key(|s| severity_rank(*s))
        .unwrap_or(Severity::Low);
    let repeated = activities.len() >= 8 || codes.len() >= 3;
    let severity = if repeated { escalate(gravest) } else { gravest };
    Some(CaseDraft {
        election_id: election.election.id.clone(),
        nip: nip.to_string(),
        target: strongest.row.target,
        label: strongest.row.label,
        class,
        severity,
        score: items.iter().map(|i| i.row.score).fold(0.0, f64::max),
        rules: codes,
        first_seen,
        last_seen,
        deadline: known + Duration::days(REPORTING_DAYS),
        signals: items
            .iter()
            .map(|i| SignalKey {
                activity_id: i.row.activity_id.clone(),
                rule: i.row.rule.clone(),
                target: i.row.target,
            })
            .collect(),
    })
}

/// Signals per pair and stance: `pair → (support, oppose)`, with every pair
/// of `numbers` present (zeros included), so that pairs stand side by side.
pub fn per_pair<'a>(
    numbers: &[u32],
    signals: impl IntoIterator<Item = (u32, Label)> + 'a,
) -> BTreeMap<u32, (u64, u64)> {
    let mut out: BTreeMap<u32, (u64, u64)> = numbers.iter().map(|n| (*n, (0, 0))).collect();
    for (pair, label) in signals {
        let e = out.entry(pair).or_default();
        match label {
            Label::Support => e.0 += 1,
            Label::Oppose => e.1 += 1,
            Label::PoliticalNeutral | Label::NotPolitical => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(
        nip: &str,
        id: &str,
        rule: &str,
        kind: &str,
        t: &str,
        target: u32,
        label: Label,
    ) -> SignalRow {
        SignalRow {
            activity_id: id.into(),
            rule: rule.into(),
            target,
            label,
            score: 0.8,
            reasons: vec![],
            account_key: "x:a".into(),
            kind: kind.into(),
            platform: "x".into(),
            created_at: t.into(),
            nip: nip.into(),
            name: "A".into(),
            unit: "U".into(),
            created_at_utc: t.into(),
            detected_at: "2024-12-01T02:00:00.000Z".into(),
        }
    }

    fn election() -> Election {
        crate::demo::default_election().unwrap()
    }

    #[test]
    fn cases_per_asn_with_violations_class_severity_order_and_deadline() {
        let e = election();
        let c = Catalogue::bundled().unwrap();
        let before = "2024-08-01T03:00:00+00:00";
        let after = "2024-10-01T03:00:00+00:00";
        let rows = [
            row(
                "1",
                "x:1",
                "like-official",
                "like",
                before,
                1,
                Label::Support,
            ),
            row(
                "1",
                "x:2",
                "like-official",
                "like",
                after,
                1,
                Label::Support,
            ),
            row(
                "1",
                "x:3",
                "profile-party",
                "profile",
                after,
                1,
                Label::Support,
            ),
            row(
                "2",
                "x:4",
                "share-attack",
                "share",
                before,
                3,
                Label::Oppose,
            ),
        ];
        let drafts = build_cases(&e, &c, &rows);
        assert_eq!(drafts.len(), 2);
        let a = &drafts[0];
        assert_eq!(a.nip, "1");
        assert_eq!(
            a.rules,
            ["DISIPLIN-06", "DISIPLIN-02", "ETIK-02"],
            "gravest first"
        );
        assert_eq!(
            a.signals[0].activity_id, "x:3",
            "party membership is the strongest evidence"
        );
        assert_eq!(
            (a.class, a.severity),
            (CaseClass::Discipline, Severity::High)
        );
        assert_eq!(
            crate::cases::rfc3339(a.deadline),
            "2024-12-08T02:00:00.000Z",
            "7 days from detection, not from the post"
        );
        assert_eq!(
            crate::cases::rfc3339(a.first_seen),
            "2024-08-01T03:00:00.000Z"
        );
        let b = &drafts[1];
        assert_eq!(
            (b.class, b.severity, b.target, b.label, b.rules[0].as_str()),
            (
                CaseClass::Ethics,
                Severity::Low,
                3,
                Label::Oppose,
                "ETIK-03"
            )
        );
    }

    #[test]
    fn repetition_raises_severity_and_unknown_rules_still_count() {
        let e = election();
        let c = Catalogue::bundled().unwrap();
        let t = "2024-10-01T03:00:00+00:00";
        let rows: Vec<SignalRow> = (0..8)
            .map(|i| {
                row(
                    "1",
                    &format!("x:{i}"),
                    "like-official",
                    "like",
                    t,
                    2,
                    Label::Support,
                )
            })
            .collect();
        assert_eq!(build_cases(&e, &c, &rows)[0].severity, Severity::High);
        let old = [row("9", "x:9", "profile", "profile", t, 2, Label::Support)];
        let d = build_cases(&e, &c, &old);
        assert_eq!(
            (d[0].rules[0].as_str(), d[0].class),
            ("profile", CaseClass::Discipline)
        );
    }

    #[test]
    fn per_pair_counts_show_every_pair() {
        let counts = per_pair(
            &[1, 2, 3],
            [(2, Label::Support), (2, Label::Oppose), (2, Label::Support)],
        );
        assert_eq!(
            counts.into_iter().collect::<Vec<_>>(),
            [(1, (0, 0)), (2, (2, 1)), (3, (0, 0))]
        );
    }
}
