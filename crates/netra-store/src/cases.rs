//! Cases (signals of one ASN in one election) and their review.
//!
//! Case building (which signals, severity, class, pair, deadline) happens
//! outside the store and arrives as [`CaseDraft`]s; [`Store::sync_cases`]
//! opens or refreshes the ASN's open case. Reviews move a case through the
//! states of [`CaseState`] with [`Store::move_case`]: optimistic concurrency
//! (the caller states the version it saw), four-eyes on `confirmed`, a
//! reason on every move, and an audit entry in the same transaction.

use chrono::{DateTime, SecondsFormat, Utc};
use netra_core::{CaseClass, CaseState, Label, Severity};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::audit::{append, NewEntry};
use crate::error::{Doing, StoreError};
use crate::evidence::{insert_inline, InlineEvidence};
use crate::store::{
    now, pair_names, sha256_hex, signal_row, SignalRow, Store, StoredPair, SIGNAL_COLUMNS,
};
use crate::EvidenceKind;

/// Identifies a stored signal within an election.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SignalKey {
    pub activity_id: String,
    pub rule: String,
    pub target: u32,
}

/// What case building decided about one ASN in one election.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseDraft {
    pub election_id: String,
    pub nip: String,
    /// Ballot number of the pair the case is about (the strongest signal's).
    pub target: u32,
    /// Support or oppose (the strongest signal's).
    pub label: Label,
    pub class: CaseClass,
    pub severity: Severity,
    /// Strongest signal's score, in [0, 1].
    pub score: f64,
    /// Rule or violation codes, most important first.
    pub rules: Vec<String>,
    pub first_seen: DateTime<Utc>,
    pub last_seen: DateTime<Utc>,
    /// The reporting deadline.
    pub deadline: DateTime<Utc>,
    /// The signals, strongest evidence first.
    pub signals: Vec<SignalKey>,
}

/// What [`Store::sync_cases`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CaseSyncStats {
    pub opened: u64,
    pub refreshed: u64,
    pub unchanged: u64,
}

/// A stored case with its ASN.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseRow {
    pub id: i64,
    pub election_id: String,
    pub nip: String,
    pub name: String,
    pub position: String,
    pub unit: String,
    pub target: u32,
    pub label: Label,
    pub class: CaseClass,
    pub severity: Severity,
    pub score: f64,
    pub signal_count: u64,
    pub rules: Vec<String>,
    /// RFC 3339, UTC.
    pub first_seen: String,
    pub last_seen: String,
    pub deadline: String,
    pub state: CaseState,
    /// State this version when moving the case.
    pub version: i64,
    pub opened_by: String,
    pub opened_at: String,
    pub submitted_by: Option<String>,
    pub updated_at: String,
    /// The ASN's clarification, once recorded.
    pub clarification: Option<String>,
    /// The names of pair `target` (head first, then deputy) as stored with
    /// the election; empty when the election was stored without them.
    pub pair_names: Vec<String>,
}

/// Which cases to list.
#[derive(Debug, Clone, Default)]
pub struct CaseFilter {
    pub election_id: Option<String>,
    pub state: Option<CaseState>,
    pub nip: Option<String>,
}

/// One signal of a case, with its activity's evidence checked.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseSignal {
    /// 0 = strongest.
    pub rank: u32,
    pub signal: SignalRow,
    /// The canonical JSON of the activity, as stored.
    pub activity_json: String,
    /// Its SHA-256 (the evidence address).
    pub activity_sha256: String,
    /// Whether the stored JSON still hashes to that address.
    pub intact: bool,
}

/// One event in a case's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    /// The case's version after the event.
    pub version: i64,
    pub from: Option<CaseState>,
    pub to: CaseState,
    pub actor: String,
    pub reason: String,
    pub at: String,
}

/// A case with its signals and history.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseDetail {
    pub case: CaseRow,
    pub signals: Vec<CaseSignal>,
    pub events: Vec<CaseEvent>,
    /// The election's pairs with their names (empty for an election
    /// stored without them), by ballot number.
    pub pairs: Vec<StoredPair>,
}

/// A review decision: move case `case_id`, last seen at `expected_version`, to `to`.
#[derive(Debug, Clone)]
pub struct CaseMove {
    pub case_id: i64,
    pub expected_version: i64,
    pub to: CaseState,
    pub actor: String,
    pub reason: String,
    /// The ASN's clarification, recorded when the case leaves `clarification_requested`.
    pub clarification: Option<String>,
}

const CASE_COLUMNS: &str = "c.id, c.election_id, c.nip, asn.name, asn.position, asn.unit, c.target, c.label, c.class, \
     c.severity, c.score, c.signal_count, c.rules, c.first_seen, c.last_seen, c.deadline, c.state, c.version, \
     c.opened_by, c.opened_at, c.submitted_by, c.updated_at, c.clarification, ep.names";

/// The tables [`CASE_COLUMNS`] reads: a case, its ASN and, when stored, its pair.
const CASE_FROM: &str = "review_case c JOIN asn ON asn.nip = c.nip \
     LEFT JOIN election_pair ep ON ep.election_id = c.election_id AND ep.number = c.target";

fn ts(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn corrupt(what: &str, v: &str) -> StoreError {
    StoreError::Corrupt(format!("case {what} {v:?}"))
}

fn case_row(r: &AnyRow) -> Result<CaseRow, StoreError> {
    let d = "reading a case";
    let g = |i: usize| r.try_get::<String, _>(i).doing(d);
    let target: i64 = r.try_get(6).doing(d)?;
    let count: i64 = r.try_get(11).doing(d)?;
    let (label, class, severity, state, rules) = (g(7)?, g(8)?, g(9)?, g(16)?, g(12)?);
    Ok(CaseRow {
        id: r.try_get(0).doing(d)?,
        election_id: g(1)?,
        nip: g(2)?,
        name: g(3)?,
        position: g(4)?,
        unit: g(5)?,
        target: u32::try_from(target).map_err(|_| corrupt("target", &target.to_string()))?,
        label: Label::parse(&label).ok_or_else(|| corrupt("label", &label))?,
        class: CaseClass::parse(&class).ok_or_else(|| corrupt("class", &class))?,
        severity: Severity::parse(&severity).ok_or_else(|| corrupt("severity", &severity))?,
        score: r.try_get(10).doing(d)?,
        signal_count: u64::try_from(count).unwrap_or(0),
        rules: serde_json::from_str(&rules).map_err(|_| corrupt("rules", &rules))?,
        first_seen: g(13)?,
        last_seen: g(14)?,
        deadline: g(15)?,
        state: CaseState::parse(&state).ok_or_else(|| corrupt("state", &state))?,
        version: r.try_get(17).doing(d)?,
        opened_by: g(18)?,
        opened_at: g(19)?,
        submitted_by: r.try_get(20).doing(d)?,
        updated_at: g(21)?,
        clarification: r.try_get(22).doing(d)?,
        pair_names: r
            .try_get::<Option<String>, _>(23)
            .doing(d)?
            .as_deref()
            .map(pair_names)
            .unwrap_or_default(),
    })
}

/// The stored fields a draft sets, for change detection.
#[derive(Debug, PartialEq)]
struct Derived {
    target: i64,
    label: String,
    class: String,
    severity: String,
    score: f64,
    rules: String,
    first_seen: String,
    last_seen: String,
    deadline: String,
    signals: Vec<(String, String, i64)>,
}

impl Derived {
    fn of(d: &CaseDraft) -> Result<Derived, StoreError> {
        Ok(Derived {
            target: i64::from(d.target),
            label: d.label.as_str().into(),
            class: d.class.as_str().into(),
            severity: d.severity.as_str().into(),
            score: d.score,
            rules: serde_json::to_string(&d.rules)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?,
            first_seen: ts(&d.first_seen),
            last_seen: ts(&d.last_seen),
            deadline: ts(&d.deadline),
            signals: d
                .signals
                .iter()
                .map(|s| (s.activity_id.clone(), s.rule.clone(), i64::from(s.target)))
                .collect(),
        })
    }
}

/// A row of `case_event` to write.
struct NewEvent<'a> {
    case_id: i64,
    version: i64,
    from: Option<CaseState>,
    to: CaseState,
    actor: &'a str,
    reason: &'a str,
    audit_seq: i64,
}

async fn insert_event(
    tx: &mut Transaction<'static, Any>,
    e: &NewEvent<'_>,
) -> Result<(), StoreError> {
    let NewEvent {
        case_id,
        version,
        from,
        to,
        actor,
        reason,
        audit_seq,
    } = *e;
    sqlx::query(
        "INSERT INTO case_event (case_id, version, from_state, to_state, actor, reason, at, audit_seq) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(case_id)
    .bind(version)
    .bind(from.map(CaseState::as_str))
    .bind(to.as_str())
    .bind(actor)
    .bind(reason)
    .bind(now())
    .bind(audit_seq)
    .execute(&mut **tx)
    .await
    .doing("recording a case event")?;
    Ok(())
}

async fn replace_signals(
    tx: &mut Transaction<'static, Any>,
    case_id: i64,
    election_id: &str,
    d: &Derived,
) -> Result<(), StoreError> {
    sqlx::query("DELETE FROM case_signal WHERE case_id = $1")
        .bind(case_id)
        .execute(&mut **tx)
        .await
        .doing("replacing case signals")?;
    for (rank, (activity_id, rule, target)) in d.signals.iter().enumerate() {
        sqlx::query(
            "INSERT INTO case_signal (case_id, election_id, activity_id, rule, target, rank) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
        )
        .bind(case_id)
        .bind(election_id)
        .bind(activity_id)
        .bind(rule)
        .bind(*target)
        .bind(i64::try_from(rank).unwrap_or(i64::MAX))
        .execute(&mut **tx)
        .await
        .doing("storing a case signal")?;
    }
    Ok(())
}

fn signals_digest(d: &Derived) -> String {
    let keys: Vec<String> = d
        .signals
        .iter()
        .map(|(a, r, t)| format!("{a}\u{1f}{r}\u{1f}{t}"))
        .collect();
    sha256_hex(keys.join("\n").as_bytes())
}

impl Store {
    /// Opens or refreshes the open case of each draft's ASN × election, in one
    /// transaction: a new case starts `new` at version 1, opened by `actor`; an
    /// open case whose fields or signals changed is refreshed and its version
    /// goes up (a reviewer who saw the old version gets a conflict). Decided
    /// cases are never touched: signals that arrive after a decision open a
    /// new case. Each opening and refresh is audited.
    #[allow(clippy::too_many_lines, reason = "one transaction, read top to bottom")]
    pub async fn sync_cases(
        &self,
        drafts: &[CaseDraft],
        actor: &str,
    ) -> Result<CaseSyncStats, StoreError> {
        let mut stats = CaseSyncStats::default();
        if drafts.is_empty() {
            return Ok(stats);
        }
        let mut tx = self.audited_tx().await?;
        let now = now();
        for draft in drafts {
            if draft.signals.is_empty() {
                return Err(StoreError::Invalid(format!(
                    "case draft for NIP {} in {} has no signals",
                    draft.nip, draft.election_id
                )));
            }
            let d = Derived::of(draft)?;
            let open = sqlx::query(
                "SELECT id, version, target, label, class, severity, score, rules, first_seen, last_seen, deadline, state \
                 FROM review_case WHERE election_id = $1 AND nip = $2 \
                   AND state IN ('new', 'in_review', 'clarification_requested')",
            )
            .bind(&draft.election_id)
            .bind(&draft.nip)
            .fetch_optional(&mut *tx)
            .await
            .doing("reading an open case")?;
            let count = i64::try_from(d.signals.len()).unwrap_or(i64::MAX);
            if let Some(row) = open {
                let id: i64 = row.try_get(0).doing("reading an open case")?;
                let version: i64 = row.try_get(1).doing("reading an open case")?;
                let g = |i: usize| row.try_get::<String, _>(i).doing("reading an open case");
                let stored_signals: Vec<(String, String, i64)> = sqlx::query(
                    "SELECT activity_id, rule, target FROM case_signal WHERE case_id = $1 ORDER BY rank",
                )
                .bind(id)
                .fetch_all(&mut *tx)
                .await
                .doing("reading case signals")?
                .iter()
                .map(|r| {
                    Ok((
                        r.try_get(0).doing("reading case signals")?,
                        r.try_get(1).doing("reading case signals")?,
                        r.try_get(2).doing("reading case signals")?,
                    ))
                })
                .collect::<Result<_, StoreError>>()?;
                let stored = Derived {
                    target: row.try_get(2).doing("reading an open case")?,
                    label: g(3)?,
                    class: g(4)?,
                    severity: g(5)?,
                    score: row.try_get(6).doing("reading an open case")?,
                    rules: g(7)?,
                    first_seen: g(8)?,
                    last_seen: g(9)?,
                    deadline: g(10)?,
                    signals: stored_signals,
                };
                if stored == d {
                    stats.unchanged += 1;
                    continue;
                }
                let current = CaseState::parse(&g(11)?).unwrap_or(CaseState::New);
                sqlx::query(
                    "UPDATE review_case SET target = $1, label = $2, class = $3, severity = $4, score = $5, \
                     signal_count = $6, rules = $7, first_seen = $8, last_seen = $9, deadline = $10, \
                     version = version + 1, updated_at = $11 WHERE id = $12",
                )
                .bind(d.target)
                .bind(&d.label)
                .bind(&d.class)
                .bind(&d.severity)
                .bind(d.score)
                .bind(count)
                .bind(&d.rules)
                .bind(&d.first_seen)
                .bind(&d.last_seen)
                .bind(&d.deadline)
                .bind(&now)
                .bind(id)
                .execute(&mut *tx)
                .await
                .doing("refreshing a case")?;
                replace_signals(&mut tx, id, &draft.election_id, &d).await?;
                let seq = append(
                    &mut tx,
                    &NewEntry {
                        actor,
                        action: "case.refresh",
                        subject: &format!("case:{id}"),
                        detail: serde_json::json!({
                            "version": version + 1, "signals": count, "severity": d.severity,
                            "class": d.class, "target": d.target, "signals_sha256": signals_digest(&d),
                        }),
                    },
                )
                .await?;
                let reason = format!("refreshed from {count} signals");
                insert_event(
                    &mut tx,
                    &NewEvent {
                        case_id: id,
                        version: version + 1,
                        from: Some(current),
                        to: current,
                        actor,
                        reason: &reason,
                        audit_seq: seq,
                    },
                )
                .await?;
                stats.refreshed += 1;
            } else {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO review_case (election_id, nip, target, label, class, severity, score, signal_count, rules, \
                     first_seen, last_seen, deadline, state, version, opened_by, opened_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'new', 1, $13, $14, $14) RETURNING id",
                )
                .bind(&draft.election_id)
                .bind(&draft.nip)
                .bind(d.target)
                .bind(&d.label)
                .bind(&d.class)
                .bind(&d.severity)
                .bind(d.score)
                .bind(count)
                .bind(&d.rules)
                .bind(&d.first_seen)
                .bind(&d.last_seen)
                .bind(&d.deadline)
                .bind(actor)
                .bind(&now)
                .fetch_one(&mut *tx)
                .await
                .doing("opening a case")?;
                replace_signals(&mut tx, id, &draft.election_id, &d).await?;
                let seq = append(
                    &mut tx,
                    &NewEntry {
                        actor,
                        action: "case.open",
                        subject: &format!("case:{id}"),
                        detail: serde_json::json!({
                            "election": draft.election_id, "signals": count, "severity": d.severity,
                            "class": d.class, "target": d.target, "signals_sha256": signals_digest(&d),
                        }),
                    },
                )
                .await?;
                let reason = format!("opened from {count} signals");
                insert_event(
                    &mut tx,
                    &NewEvent {
                        case_id: id,
                        version: 1,
                        from: None,
                        to: CaseState::New,
                        actor,
                        reason: &reason,
                        audit_seq: seq,
                    },
                )
                .await?;
                stats.opened += 1;
            }
        }
        self.commit(tx, "committing cases").await?;
        Ok(stats)
    }

    /// Cases matching `filter`, soonest deadline first.
    pub async fn cases(&self, filter: &CaseFilter) -> Result<Vec<CaseRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {CASE_COLUMNS} FROM {CASE_FROM} \
             WHERE ($1 = '' OR c.election_id = $1) AND ($2 = '' OR c.state = $2) AND ($3 = '' OR c.nip = $3) \
             ORDER BY c.deadline, c.id"
        ))
        .bind(filter.election_id.as_deref().unwrap_or(""))
        .bind(filter.state.map_or("", CaseState::as_str))
        .bind(filter.nip.as_deref().unwrap_or(""))
        .fetch_all(&self.pool)
        .await
        .doing("reading cases")?;
        rows.iter().map(case_row).collect()
    }

    /// One case with its signals (strongest first, each activity's evidence
    /// re-hashed) and its history. Does not log a view: see [`Store::view_case`].
    pub async fn case(&self, id: i64) -> Result<CaseDetail, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {CASE_COLUMNS} FROM {CASE_FROM} WHERE c.id = $1"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await
        .doing("reading a case")?
        .ok_or_else(|| StoreError::NotFound(format!("case {id}")))?;
        let case = case_row(&row)?;
        let rows = sqlx::query(&format!(
            "SELECT cs.rank, a.json, a.sha256, {SIGNAL_COLUMNS} \
             FROM case_signal cs \
             JOIN signal s ON s.election_id = cs.election_id AND s.activity_id = cs.activity_id \
                  AND s.rule = cs.rule AND s.target = cs.target \
             JOIN activity a ON a.id = s.activity_id \
             JOIN asn_account acc ON acc.account_key = s.account_key \
             JOIN asn ON asn.nip = acc.nip \
             WHERE cs.case_id = $1 ORDER BY cs.rank"
        ))
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .doing("reading case signals")?;
        let mut signals = Vec::with_capacity(rows.len());
        for r in &rows {
            let rank: i64 = r.try_get(0).doing("reading case signals")?;
            let json: String = r.try_get(1).doing("reading case signals")?;
            let sha: String = r.try_get(2).doing("reading case signals")?;
            signals.push(CaseSignal {
                rank: u32::try_from(rank).unwrap_or(u32::MAX),
                signal: signal_row(r, 3)?,
                intact: sha256_hex(json.as_bytes()) == sha,
                activity_json: json,
                activity_sha256: sha,
            });
        }
        let rows = sqlx::query(
            "SELECT version, from_state, to_state, actor, reason, at FROM case_event \
             WHERE case_id = $1 ORDER BY version",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await
        .doing("reading case history")?;
        let events = rows
            .iter()
            .map(|r| {
                let d = "reading case history";
                let from: Option<String> = r.try_get(1).doing(d)?;
                let to: String = r.try_get(2).doing(d)?;
                Ok(CaseEvent {
                    version: r.try_get(0).doing(d)?,
                    from: from.as_deref().and_then(CaseState::parse),
                    to: CaseState::parse(&to).ok_or_else(|| corrupt("event state", &to))?,
                    actor: r.try_get(3).doing(d)?,
                    reason: r.try_get(4).doing(d)?,
                    at: r.try_get(5).doing(d)?,
                })
            })
            .collect::<Result<_, StoreError>>()?;
        let pairs = self.election_pairs(&case.election_id).await?;
        Ok(CaseDetail {
            case,
            signals,
            events,
            pairs,
        })
    }

    /// Reads a case for `actor` and logs the view (`case.view`) in the audit log.
    pub async fn view_case(&self, id: i64, actor: &str) -> Result<CaseDetail, StoreError> {
        let detail = self.case(id).await?;
        self.audit(
            actor,
            "case.view",
            &format!("case:{id}"),
            serde_json::json!({ "version": detail.case.version }),
        )
        .await?;
        Ok(detail)
    }

    /// Applies a review decision atomically: checks the version the reviewer
    /// saw (else [`StoreError::Conflict`]), the workflow table (else
    /// [`StoreError::NotAllowed`]), the reason, the four-eyes rule on
    /// `confirmed` (else [`StoreError::FourEyes`]); records the clarification
    /// (with the case and as text evidence), the event and an audit entry.
    /// Returns the case as it is now.
    #[allow(clippy::too_many_lines, reason = "one transaction, read top to bottom")]
    pub async fn move_case(&self, m: &CaseMove) -> Result<CaseRow, StoreError> {
        let actor = m.actor.trim();
        let reason = m.reason.trim();
        if actor.is_empty() {
            return Err(StoreError::Invalid("a case move needs a user".into()));
        }
        if reason.is_empty() {
            return Err(StoreError::Invalid(format!(
                "moving case {} needs a reason",
                m.case_id
            )));
        }
        let clarification = m
            .clarification
            .as_deref()
            .map(str::trim)
            .filter(|c| !c.is_empty());
        let mut tx = self.audited_tx().await?;
        let row = sqlx::query(
            "SELECT state, version, opened_by, submitted_by FROM review_case WHERE id = $1",
        )
        .bind(m.case_id)
        .fetch_optional(&mut *tx)
        .await
        .doing("reading a case")?
        .ok_or_else(|| StoreError::NotFound(format!("case {}", m.case_id)))?;
        let state: String = row.try_get(0).doing("reading a case")?;
        let from = CaseState::parse(&state).ok_or_else(|| corrupt("state", &state))?;
        let version: i64 = row.try_get(1).doing("reading a case")?;
        let opened_by: String = row.try_get(2).doing("reading a case")?;
        let submitted_by: Option<String> = row.try_get(3).doing("reading a case")?;
        if version != m.expected_version {
            let last = sqlx::query(
                "SELECT actor, at FROM case_event WHERE case_id = $1 ORDER BY version DESC LIMIT 1",
            )
            .bind(m.case_id)
            .fetch_optional(&mut *tx)
            .await
            .doing("reading case history")?;
            let (by, at) = match last {
                Some(r) => (
                    r.try_get(0).doing("reading case history")?,
                    r.try_get(1).doing("reading case history")?,
                ),
                None => (String::from("?"), String::from("?")),
            };
            return Err(StoreError::Conflict {
                case_id: m.case_id,
                expected: m.expected_version,
                found: version,
                state: from,
                by,
                at,
            });
        }
        if !from.can_move_to(m.to) {
            let next = from.next_states();
            return Err(StoreError::NotAllowed {
                case_id: m.case_id,
                from,
                to: m.to,
                allowed: if next.is_empty() {
                    "none, it is final".into()
                } else {
                    next.iter()
                        .map(|s| s.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            });
        }
        if m.to == CaseState::Confirmed
            && (opened_by == actor || submitted_by.as_deref() == Some(actor))
        {
            return Err(StoreError::FourEyes {
                case_id: m.case_id,
                actor: actor.to_string(),
            });
        }
        if clarification.is_some() && from != CaseState::ClarificationRequested {
            return Err(StoreError::Invalid(format!(
                "case {} is {from}: a clarification is recorded when a case leaves clarification_requested",
                m.case_id
            )));
        }
        let now = now();
        let submitted = if from == CaseState::New && m.to == CaseState::InReview {
            Some(actor)
        } else {
            submitted_by.as_deref()
        };
        let clar_sha = clarification.map(|c| sha256_hex(c.as_bytes()));
        let done = sqlx::query(
            "UPDATE review_case SET state = $1, version = version + 1, updated_at = $2, submitted_by = $3, \
             clarification = COALESCE($4, clarification), clarification_sha256 = COALESCE($5, clarification_sha256) \
             WHERE id = $6 AND version = $7",
        )
        .bind(m.to.as_str())
        .bind(&now)
        .bind(submitted)
        .bind(clarification)
        .bind(clar_sha.as_deref())
        .bind(m.case_id)
        .bind(m.expected_version)
        .execute(&mut *tx)
        .await
        .doing("moving a case")?;
        if done.rows_affected() != 1 {
            return Err(StoreError::Conflict {
                case_id: m.case_id,
                expected: m.expected_version,
                found: version,
                state: from,
                by: "?".into(),
                at: "?".into(),
            });
        }
        let subject = format!("case:{}", m.case_id);
        if let (Some(text), Some(sha)) = (clarification, &clar_sha) {
            insert_inline(
                &mut tx,
                &InlineEvidence {
                    sha256: sha,
                    kind: EvidenceKind::Text,
                    media_type: "text/plain; charset=utf-8",
                    bytes: text.as_bytes(),
                    subject: &subject,
                    source: "clarification",
                    captured_at: &now,
                    importer: "review",
                    user: actor,
                },
            )
            .await?;
        }
        let seq = append(
            &mut tx,
            &NewEntry {
                actor,
                action: "case.transition",
                subject: &subject,
                detail: serde_json::json!({
                    "from": from.as_str(), "to": m.to.as_str(), "version": version + 1,
                    "reason_sha256": sha256_hex(reason.as_bytes()),
                    "clarification_sha256": clar_sha,
                }),
            },
        )
        .await?;
        insert_event(
            &mut tx,
            &NewEvent {
                case_id: m.case_id,
                version: version + 1,
                from: Some(from),
                to: m.to,
                actor,
                reason,
                audit_seq: seq,
            },
        )
        .await?;
        self.commit(tx, "committing a case move").await?;
        Ok(self.case(m.case_id).await?.case)
    }
}
