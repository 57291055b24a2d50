//! Deleting personal data on time: activities that never made a case,
//! public reports that joined no case, and dismissed cases (with the
//! public reports that joined them). Which ones is the caller's retention
//! policy; the store deletes them with their signals and evidence, and logs
//! only hashes. A
//! purged activity leaves a tombstone (the SHA-256 of its id) so that
//! importing the same file again does not bring it, or a dismissed case,
//! back.

use sqlx::Row;

use crate::audit::{append, NewEntry};
use crate::error::{Doing, StoreError};
use crate::public_reports::{delete_public_reports, reports_of_case};
use crate::store::{sha256_hex, Store};

/// Activities deleted per transaction.
const BATCH: usize = 1_000;

/// A stored activity, as retention sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivityStub {
    pub id: String,
    /// RFC 3339, UTC.
    pub created_at_utc: String,
    pub sha256: String,
}

/// What to delete.
#[derive(Debug, Clone, Default)]
pub struct PurgePlan {
    /// Cases to delete, with their signals, history and evidence, and their
    /// activities unless another case holds them.
    pub case_ids: Vec<i64>,
    /// Activities to delete (skipped when a case holds them).
    pub activity_ids: Vec<String>,
    /// Public reports to delete, with their screenshots (reports that
    /// joined a case go with that case instead).
    pub public_report_ids: Vec<i64>,
    /// The policy that chose them (recorded in the audit log).
    pub policy: serde_json::Value,
}

/// What a purge deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PurgeStats {
    pub cases: u64,
    pub activities: u64,
    pub signals: u64,
    pub evidence: u64,
    /// Public reports (with a purged case, or on their own).
    pub public_reports: u64,
    /// Evidence files no record referred to (left by an interrupted import).
    pub stray_files: u64,
}

/// How old a file without a record must be before a purge removes it: a
/// younger one may belong to an import that is still running.
pub const STRAY_FILE_MIN_AGE: std::time::Duration = std::time::Duration::from_secs(3600);

impl Store {
    /// Activities that no case holds, oldest first.
    pub async fn activities_without_case(&self) -> Result<Vec<ActivityStub>, StoreError> {
        let rows = sqlx::query(
            "SELECT a.id, a.created_at_utc, a.sha256 FROM activity a \
             WHERE NOT EXISTS (SELECT 1 FROM case_signal cs WHERE cs.activity_id = a.id) \
             ORDER BY a.created_at_utc, a.id",
        )
        .fetch_all(&self.pool)
        .await
        .doing("reading activities without a case")?;
        rows.iter()
            .map(|r| {
                let g = |i: usize| r.try_get::<String, _>(i).doing("reading activities");
                Ok(ActivityStub {
                    id: g(0)?,
                    created_at_utc: g(1)?,
                    sha256: g(2)?,
                })
            })
            .collect()
    }

    /// Deletes what `plan` names, in batches (each one transaction with one
    /// `purge` audit entry listing the hashes, never the content, of what
    /// went), then removes evidence no longer referenced, files included.
    pub async fn purge(&self, plan: &PurgePlan, actor: &str) -> Result<PurgeStats, StoreError> {
        let mut stats = PurgeStats::default();
        let mut first = true;
        let mut chunks: Vec<&[String]> = plan.activity_ids.chunks(BATCH).collect();
        if chunks.is_empty() {
            chunks.push(&[]);
        }
        for chunk in chunks {
            let (cases, reports): (&[i64], &[i64]) = if first {
                (&plan.case_ids, &plan.public_report_ids)
            } else {
                (&[], &[])
            };
            first = false;
            if cases.is_empty() && chunk.is_empty() && reports.is_empty() {
                continue;
            }
            let (s, files) = self
                .purge_batch(cases, chunk, reports, &plan.policy, actor)
                .await?;
            self.remove_evidence_files(&files);
            stats.cases += s.cases;
            stats.activities += s.activities;
            stats.signals += s.signals;
            stats.evidence += s.evidence;
            stats.public_reports += s.public_reports;
        }
        stats.stray_files = self.purge_stray_files(&plan.policy, actor).await?;
        Ok(stats)
    }

    /// Removes evidence files that no record refers to (older than
    /// [`STRAY_FILE_MIN_AGE`]) and logs their names (hashes) in the audit log.
    async fn purge_stray_files(
        &self,
        policy: &serde_json::Value,
        actor: &str,
    ) -> Result<u64, StoreError> {
        let files = self.unreferenced_evidence_files(STRAY_FILE_MIN_AGE).await?;
        if files.is_empty() {
            return Ok(0);
        }
        let mut tx = self.audited_tx().await?;
        append(
            &mut tx,
            &NewEntry {
                actor,
                action: "purge",
                subject: "evidence-files",
                detail: serde_json::json!({ "policy": policy, "stray_files": files }),
            },
        )
        .await?;
        self.commit(tx, "committing a purge").await?;
        self.remove_evidence_files(&files);
        Ok(files.len() as u64)
    }

    #[allow(clippy::too_many_lines, reason = "one transaction, read top to bottom")]
    async fn purge_batch(
        &self,
        case_ids: &[i64],
        activity_ids: &[String],
        report_ids: &[i64],
        policy: &serde_json::Value,
        actor: &str,
    ) -> Result<(PurgeStats, Vec<String>), StoreError> {
        let mut tx = self.audited_tx().await?;
        let mut stats = PurgeStats::default();
        let purged_at = crate::store::now();
        let mut case_hashes = Vec::new();
        let mut reports: Vec<i64> = report_ids.to_vec();
        let mut activities: Vec<String> = activity_ids.to_vec();
        for &id in case_ids {
            let Some(row) = sqlx::query(
                "SELECT election_id, nip, state, version, first_seen, last_seen FROM review_case WHERE id = $1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .doing("reading a case to purge")?
            else {
                continue;
            };
            let d = "reading a case to purge";
            let mut fingerprint: Vec<String> = vec![id.to_string()];
            for i in 0..6 {
                fingerprint.push(if i == 3 {
                    row.try_get::<i64, _>(i).doing(d)?.to_string()
                } else {
                    row.try_get::<String, _>(i).doing(d)?
                });
            }
            let held: Vec<String> = sqlx::query_scalar(
                "SELECT DISTINCT activity_id FROM case_signal WHERE case_id = $1 ORDER BY activity_id",
            )
            .bind(id)
            .fetch_all(&mut *tx)
            .await
            .doing("reading case signals")?;
            fingerprint.extend(held.iter().cloned());
            case_hashes.push(serde_json::json!({
                "case": id, "sha256": sha256_hex(fingerprint.join("\n").as_bytes()),
            }));
            activities.extend(held);
            reports.extend(reports_of_case(&mut tx, id).await?);
            for sql in [
                "DELETE FROM case_signal WHERE case_id = $1",
                "DELETE FROM case_event WHERE case_id = $1",
                "DELETE FROM review_case WHERE id = $1",
            ] {
                sqlx::query(sql)
                    .bind(id)
                    .execute(&mut *tx)
                    .await
                    .doing("deleting a case")?;
            }
            sqlx::query("DELETE FROM evidence_capture WHERE subject = $1")
                .bind(format!("case:{id}"))
                .execute(&mut *tx)
                .await
                .doing("deleting case evidence")?;
            stats.cases += 1;
        }
        reports.sort_unstable();
        reports.dedup();
        let report_hashes = delete_public_reports(&mut tx, &reports).await?;
        stats.public_reports = report_hashes.len() as u64;
        activities.sort();
        activities.dedup();
        let mut activity_hashes = Vec::new();
        for id in &activities {
            let held: Option<i64> = sqlx::query_scalar(
                "SELECT case_id FROM case_signal WHERE activity_id = $1 LIMIT 1",
            )
            .bind(id)
            .fetch_optional(&mut *tx)
            .await
            .doing("checking an activity's cases")?;
            if held.is_some() {
                continue;
            }
            let Some(sha) =
                sqlx::query_scalar::<_, String>("SELECT sha256 FROM activity WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await
                    .doing("reading an activity to purge")?
            else {
                continue;
            };
            let signals = sqlx::query("DELETE FROM signal WHERE activity_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await
                .doing("deleting signals")?;
            stats.signals += signals.rows_affected();
            sqlx::query("DELETE FROM evidence_capture WHERE subject = $1")
                .bind(format!("activity:{id}"))
                .execute(&mut *tx)
                .await
                .doing("deleting activity evidence")?;
            sqlx::query("DELETE FROM activity WHERE id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await
                .doing("deleting an activity")?;
            sqlx::query(
                "INSERT INTO purged_activity (id_sha256, purged_at) VALUES ($1, $2) \
                 ON CONFLICT (id_sha256) DO NOTHING",
            )
            .bind(sha256_hex(id.as_bytes()))
            .bind(&purged_at)
            .execute(&mut *tx)
            .await
            .doing("recording a purged activity")?;
            activity_hashes.push(sha);
            stats.activities += 1;
        }
        let orphans = sqlx::query(
            "SELECT sha256, file FROM evidence e \
             WHERE NOT EXISTS (SELECT 1 FROM evidence_capture c WHERE c.sha256 = e.sha256)",
        )
        .fetch_all(&mut *tx)
        .await
        .doing("finding unreferenced evidence")?;
        let mut evidence_hashes = Vec::new();
        let mut files = Vec::new();
        for r in &orphans {
            let sha: String = r.try_get(0).doing("reading evidence")?;
            if let Some(f) = r
                .try_get::<Option<String>, _>(1)
                .doing("reading evidence")?
            {
                files.push(f);
            }
            sqlx::query("DELETE FROM evidence WHERE sha256 = $1")
                .bind(&sha)
                .execute(&mut *tx)
                .await
                .doing("deleting evidence")?;
            evidence_hashes.push(sha);
            stats.evidence += 1;
        }
        // Text read in images whose evidence is gone goes with it.
        sqlx::query(
            "DELETE FROM ocr_text \
             WHERE NOT EXISTS (SELECT 1 FROM evidence e WHERE e.sha256 = ocr_text.sha256)",
        )
        .execute(&mut *tx)
        .await
        .doing("deleting OCR text of purged images")?;
        append(
            &mut tx,
            &NewEntry {
                actor,
                action: "purge",
                subject: "retention",
                detail: serde_json::json!({
                    "policy": policy,
                    "cases": case_hashes,
                    "activities_sha256": activity_hashes,
                    "evidence_sha256": evidence_hashes,
                    "public_reports": report_hashes,
                    "signals": stats.signals,
                }),
            },
        )
        .await?;
        self.commit(tx, "committing a purge").await?;
        Ok((stats, files))
    }
}
