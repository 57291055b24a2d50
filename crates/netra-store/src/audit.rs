//! The append-only, hash-chained audit log and its signed checkpoints.
//!
//! Entry `n` stores the hash of entry `n - 1` (`prev_hash`) and its own hash
//! over `(seq, at, actor, action, subject, detail, prev_hash)`, so an edited,
//! deleted or reordered entry breaks the chain at a place
//! [`Store::verify_audit`] names. A one-row head table records the last
//! entry (deleting entries at the end shows), and checkpoints sign the head
//! with an HMAC key kept outside the database (rewriting the whole chain
//! shows). Entries hold ids, counts and hashes, never personal content: a
//! purge never has to touch the log.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::{Any, Row, Transaction};

use crate::error::{Doing, StoreError};
use crate::store::{now, sha256_hex, Store};

/// The `prev_hash` of the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Entries read per query while verifying.
const PAGE: i64 = 1_000;

/// One stored audit entry.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEntry {
    /// Position in the chain: 1, 2, 3, …
    pub seq: i64,
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who (a user name).
    pub actor: String,
    /// What: `import`, `signals`, `case.open`, `case.refresh`, `case.view`,
    /// `case.transition`, `export`, `evidence.add`, `purge`.
    pub action: String,
    /// On what: `case:12`, `source:FILE`, `election:ID`, …
    pub subject: String,
    /// Ids, counts and hashes (a JSON object, as stored).
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Which audit entries to read ([`Store::search_audit`]); `None` matches all.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// Exactly this user.
    pub actor: Option<String>,
    /// This action, or every action under it: `case` matches `case.view`,
    /// `case.transition`, ….
    pub action: Option<String>,
    /// Exactly this subject, e.g. `case:12`.
    pub subject: Option<String>,
    /// At or after this time (RFC 3339, UTC, as stored).
    pub since: Option<String>,
    /// Before this time (RFC 3339, UTC, as stored).
    pub until: Option<String>,
    /// At most this many entries: the newest that match.
    pub limit: i64,
}

impl AuditEntry {
    /// The hash this entry should carry.
    pub fn expected_hash(&self) -> String {
        entry_hash(
            self.seq,
            &self.at,
            &self.actor,
            &self.action,
            &self.subject,
            &self.detail,
            &self.prev_hash,
        )
    }
}

/// An entry to append.
pub(crate) struct NewEntry<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub subject: &'a str,
    pub detail: serde_json::Value,
}

fn entry_hash(
    seq: i64,
    at: &str,
    actor: &str,
    action: &str,
    subject: &str,
    detail: &str,
    prev: &str,
) -> String {
    // A JSON array is an unambiguous encoding of the fields.
    let canonical = serde_json::json!([
        "netra-audit-v1",
        seq,
        at,
        actor,
        action,
        subject,
        detail,
        prev
    ]);
    sha256_hex(canonical.to_string().as_bytes())
}

/// Appends an entry inside `tx`, which must come from [`Store::audited_tx`]
/// (it holds the head's lock). Returns the new entry's `seq`.
pub(crate) async fn append(
    tx: &mut Transaction<'static, Any>,
    e: &NewEntry<'_>,
) -> Result<i64, StoreError> {
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&mut **tx)
        .await
        .doing("reading the audit head")?;
    let prev_seq: i64 = head.try_get(0).doing("reading the audit head")?;
    let prev_hash: String = head.try_get(1).doing("reading the audit head")?;
    let seq = prev_seq + 1;
    let at = now();
    let detail = e.detail.to_string();
    let hash = entry_hash(seq, &at, e.actor, e.action, e.subject, &detail, &prev_hash);
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, action, subject, detail, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(seq)
    .bind(&at)
    .bind(e.actor)
    .bind(e.action)
    .bind(e.subject)
    .bind(&detail)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut **tx)
    .await
    .doing("appending to the audit log")?;
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(seq)
        .bind(&hash)
        .execute(&mut **tx)
        .await
        .doing("moving the audit head")?;
    Ok(seq)
}

/// The secret that signs audit checkpoints (HMAC-SHA256). Kept outside the
/// database, e.g. in a file in the data directory.
#[derive(Clone)]
pub struct AuditKey {
    bytes: Vec<u8>,
}

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AuditKey({})", self.id())
    }
}

impl AuditKey {
    /// A key from secret bytes (at least 32).
    pub fn from_bytes(bytes: &[u8]) -> Result<AuditKey, StoreError> {
        if bytes.len() < 32 {
            return Err(StoreError::Invalid(format!(
                "an audit key needs at least 32 bytes, got {}",
                bytes.len()
            )));
        }
        Ok(AuditKey {
            bytes: bytes.to_vec(),
        })
    }

    /// A public name of the key: the first 16 hex digits of its SHA-256.
    pub fn id(&self) -> String {
        hex::encode(Sha256::digest(&self.bytes))[..16].to_string()
    }

    fn mac(&self, seq: i64, hash: &str, at: &str) -> String {
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(&self.bytes)
            .expect("HMAC takes keys of any length");
        m.update(format!("netra-checkpoint-v1\n{seq}\n{hash}\n{at}").as_bytes());
        hex::encode(m.finalize().into_bytes())
    }
}

/// A signed checkpoint of the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
    pub at: String,
    pub key_id: String,
    pub mac: String,
}

/// Something wrong with the audit log, naming the entries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuditProblem {
    #[error("audit entry {seq} ({action} {subject} by {actor} at {at}) was edited or moved: its content does not match its hash")]
    Edited {
        seq: i64,
        action: String,
        subject: String,
        actor: String,
        at: String,
    },
    #[error("audit entries {from}–{to} are missing (deleted)")]
    Missing { from: i64, to: i64 },
    #[error("audit entry {prev} was replaced: entry {seq} links to a different previous entry")]
    BrokenLink { seq: i64, prev: i64 },
    #[error("audit entries {from}–{to} are missing at the end: the log ends at entry {last}, its head records entry {to}")]
    MissingAtEnd { from: i64, to: i64, last: i64 },
    #[error("the audit head (entry {head_seq}) does not match the last entry {last}: the head or the last entry was edited")]
    HeadMismatch { head_seq: i64, last: i64 },
    #[error(
        "audit checkpoint at entry {seq} has a bad signature (the checkpoint was forged or edited)"
    )]
    BadSignature { seq: i64 },
    #[error("audit entry {seq} differs from the signed checkpoint (the chain was rewritten from there or before)")]
    CheckpointMismatch { seq: i64 },
    #[error(
        "audit entry {seq} is signed by a checkpoint but no longer exists (entries were deleted)"
    )]
    CheckpointMissingEntry { seq: i64 },
}

/// What [`Store::verify_audit`] found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditReport {
    /// Entries read.
    pub entries: u64,
    /// Checkpoints whose signature was checked.
    pub checkpoints_checked: u64,
    /// Checkpoints signed with another key (not checkable here).
    pub checkpoints_other_key: u64,
    pub problems: Vec<AuditProblem>,
}

impl AuditReport {
    /// True when nothing is wrong.
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

fn entry_from(r: &AnyRow) -> Result<AuditEntry, StoreError> {
    let g = |i: usize| r.try_get::<String, _>(i).doing("reading the audit log");
    Ok(AuditEntry {
        seq: r.try_get(0).doing("reading the audit log")?,
        at: g(1)?,
        actor: g(2)?,
        action: g(3)?,
        subject: g(4)?,
        detail: g(5)?,
        prev_hash: g(6)?,
        hash: g(7)?,
    })
}

impl Store {
    /// Appends one entry in its own transaction (for events that change no
    /// other data: a case viewed, an export). Returns its `seq`.
    pub async fn audit(
        &self,
        actor: &str,
        action: &str,
        subject: &str,
        detail: serde_json::Value,
    ) -> Result<i64, StoreError> {
        let mut tx = self.audited_tx().await?;
        let seq = append(
            &mut tx,
            &NewEntry {
                actor,
                action,
                subject,
                detail,
            },
        )
        .await?;
        self.commit(tx, "committing an audit entry").await?;
        Ok(seq)
    }

    /// Up to `limit` entries after `after_seq`, in chain order.
    pub async fn audit_entries(
        &self,
        after_seq: i64,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query(
            "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_log \
             WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after_seq)
        .bind(limit)
        .fetch_all(&self.pool)
        .await
        .doing("reading the audit log")?;
        rows.iter().map(entry_from).collect()
    }

    /// The newest `q.limit` entries that match `q`, in chain order. Reads only.
    pub async fn search_audit(&self, q: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError> {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        let rows = sqlx::query(
            "SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM audit_log \
             WHERE ($1 = '' OR actor = $1) \
               AND ($2 = '' OR action = $2 OR action LIKE $3 ESCAPE '\\') \
               AND ($4 = '' OR subject = $4) \
               AND ($5 = '' OR at >= $5) \
               AND ($6 = '' OR at < $6) \
             ORDER BY seq DESC LIMIT $7",
        )
        .bind(text(&q.actor))
        .bind(text(&q.action))
        .bind(format!(
            "{}.%",
            text(&q.action)
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_")
        ))
        .bind(text(&q.subject))
        .bind(text(&q.since))
        .bind(text(&q.until))
        .bind(q.limit.max(0))
        .fetch_all(&self.pool)
        .await
        .doing("searching the audit log")?;
        let mut entries: Vec<AuditEntry> = rows.iter().map(entry_from).collect::<Result<_, _>>()?;
        entries.reverse();
        Ok(entries)
    }

    /// Signs the chain's current head with `key`, unless the last checkpoint
    /// already covers it. Returns the new checkpoint.
    pub async fn checkpoint_audit(&self, key: &AuditKey) -> Result<Option<Checkpoint>, StoreError> {
        let mut tx = self.audited_tx().await?;
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&mut *tx)
            .await
            .doing("reading the audit head")?;
        let seq: i64 = head.try_get(0).doing("reading the audit head")?;
        let hash: String = head.try_get(1).doing("reading the audit head")?;
        let last: Option<i64> = sqlx::query_scalar("SELECT MAX(seq) FROM audit_checkpoint")
            .fetch_one(&mut *tx)
            .await
            .doing("reading audit checkpoints")?;
        if seq == 0 || last.is_some_and(|l| l >= seq) {
            return Ok(None);
        }
        let at = now();
        let cp = Checkpoint {
            seq,
            mac: key.mac(seq, &hash, &at),
            hash,
            at,
            key_id: key.id(),
        };
        sqlx::query(
            "INSERT INTO audit_checkpoint (seq, hash, at, key_id, mac) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(cp.seq)
        .bind(&cp.hash)
        .bind(&cp.at)
        .bind(&cp.key_id)
        .bind(&cp.mac)
        .execute(&mut *tx)
        .await
        .doing("storing an audit checkpoint")?;
        self.commit(tx, "committing an audit checkpoint").await?;
        Ok(Some(cp))
    }

    /// Re-computes the whole chain and checks the head and the checkpoints
    /// (signatures only for checkpoints made with `key`). Reads only.
    pub async fn verify_audit(&self, key: Option<&AuditKey>) -> Result<AuditReport, StoreError> {
        let mut report = AuditReport::default();
        let mut prev_seq = 0_i64;
        let mut prev_hash = GENESIS_HASH.to_string();
        let mut hashes: std::collections::HashMap<i64, String> = std::collections::HashMap::new();
        let cps = self.checkpoints().await?;
        let wanted: std::collections::HashSet<i64> = cps.iter().map(|c| c.seq).collect();
        loop {
            let page = self.audit_entries(prev_seq, PAGE).await?;
            if page.is_empty() {
                break;
            }
            for e in page {
                report.entries += 1;
                let gap = e.seq != prev_seq + 1;
                if gap {
                    report.problems.push(AuditProblem::Missing {
                        from: prev_seq + 1,
                        to: e.seq - 1,
                    });
                }
                if e.expected_hash() != e.hash {
                    report.problems.push(AuditProblem::Edited {
                        seq: e.seq,
                        action: e.action.clone(),
                        subject: e.subject.clone(),
                        actor: e.actor.clone(),
                        at: e.at.clone(),
                    });
                } else if !gap && e.prev_hash != prev_hash {
                    let already = matches!(report.problems.last(),
                        Some(AuditProblem::Edited { seq, .. }) if *seq == prev_seq);
                    if !already {
                        report.problems.push(AuditProblem::BrokenLink {
                            seq: e.seq,
                            prev: prev_seq,
                        });
                    }
                }
                if wanted.contains(&e.seq) {
                    hashes.insert(e.seq, e.hash.clone());
                }
                prev_seq = e.seq;
                prev_hash = e.hash;
            }
        }
        let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_one(&self.pool)
            .await
            .doing("reading the audit head")?;
        let head_seq: i64 = head.try_get(0).doing("reading the audit head")?;
        let head_hash: String = head.try_get(1).doing("reading the audit head")?;
        if head_seq > prev_seq {
            report.problems.push(AuditProblem::MissingAtEnd {
                from: prev_seq + 1,
                to: head_seq,
                last: prev_seq,
            });
        } else if head_seq != prev_seq || head_hash != prev_hash {
            report.problems.push(AuditProblem::HeadMismatch {
                head_seq,
                last: prev_seq,
            });
        }
        for cp in &cps {
            match key {
                Some(k) if k.id() == cp.key_id => {
                    report.checkpoints_checked += 1;
                    if k.mac(cp.seq, &cp.hash, &cp.at) != cp.mac {
                        report
                            .problems
                            .push(AuditProblem::BadSignature { seq: cp.seq });
                        continue;
                    }
                }
                _ => report.checkpoints_other_key += 1,
            }
            match hashes.get(&cp.seq) {
                None => report
                    .problems
                    .push(AuditProblem::CheckpointMissingEntry { seq: cp.seq }),
                Some(h) if *h != cp.hash => report
                    .problems
                    .push(AuditProblem::CheckpointMismatch { seq: cp.seq }),
                Some(_) => {}
            }
        }
        Ok(report)
    }

    /// All checkpoints, oldest first.
    pub async fn checkpoints(&self) -> Result<Vec<Checkpoint>, StoreError> {
        let rows =
            sqlx::query("SELECT seq, hash, at, key_id, mac FROM audit_checkpoint ORDER BY seq")
                .fetch_all(&self.pool)
                .await
                .doing("reading audit checkpoints")?;
        rows.iter()
            .map(|r| {
                let g = |i: usize| r.try_get::<String, _>(i).doing("reading audit checkpoints");
                Ok(Checkpoint {
                    seq: r.try_get(0).doing("reading audit checkpoints")?,
                    hash: g(1)?,
                    at: g(2)?,
                    key_id: g(3)?,
                    mac: g(4)?,
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_hash_covers_every_field() {
        let base = entry_hash(1, "t", "a", "x", "s", "{}", GENESIS_HASH);
        assert_ne!(base, entry_hash(2, "t", "a", "x", "s", "{}", GENESIS_HASH));
        assert_ne!(base, entry_hash(1, "t", "b", "x", "s", "{}", GENESIS_HASH));
        assert_ne!(base, entry_hash(1, "t", "a", "x", "s", "{ }", GENESIS_HASH));
        // No field boundary ambiguity.
        assert_ne!(
            entry_hash(1, "t", "ab", "c", "s", "{}", GENESIS_HASH),
            entry_hash(1, "t", "a", "bc", "s", "{}", GENESIS_HASH)
        );
    }

    #[test]
    fn key_signs_and_short_keys_are_refused() {
        let k = AuditKey::from_bytes(&[7; 32]).unwrap();
        assert_eq!(k.mac(1, "h", "t"), k.mac(1, "h", "t"));
        assert_ne!(k.mac(1, "h", "t"), k.mac(2, "h", "t"));
        assert!(AuditKey::from_bytes(&[1; 8]).is_err());
        assert_eq!(k.id().len(), 16);
    }
}
