//! The [`Store`]: connection, migrations and the idempotent writes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use netra_core::{Activity, AsnRecord, Election, Label, Reason, Signal};
use sha2::{Digest, Sha256};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{Any, AnyPool, Executor, Row, Transaction};

use crate::audit::{append, NewEntry};
use crate::error::{Doing, StoreError};

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// Which database a [`Store`] talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Handle on the database. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    backend: Backend,
    /// Where evidence files (images, screenshots) live; `None`: in the database.
    pub(crate) evidence_dir: Option<PathBuf>,
    /// Fault tests only: sleep this long inside audited transactions before committing.
    commit_delay: Option<Duration>,
}

/// Where a batch of activities came from, and who imported it.
#[derive(Debug, Clone, Copy)]
pub struct ImportMeta<'a> {
    /// The file, URL or feed (recorded with the evidence).
    pub source: &'a str,
    /// The netra component that imported it (`scan`, `import:x-archive`, …).
    pub importer: &'a str,
    /// The user who ran the import.
    pub user: &'a str,
}

/// An election as the store keeps it (for deadlines, classes and retention).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredElection {
    pub id: String,
    pub name: String,
    /// IANA time zone name, e.g. `Asia/Jakarta`.
    pub timezone: String,
    /// `YYYY-MM-DD` dates in the election's zone.
    pub candidate_determination: String,
    pub voting_day: String,
    pub monitoring_start: String,
    pub monitoring_end: String,
}

/// A pair of an election as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPair {
    /// Ballot number.
    pub number: u32,
    /// The candidates' names, head first, then deputy.
    pub names: Vec<String>,
}

/// A pair's stored names (a JSON array of strings); anything else reads as
/// no names, so the pair is shown by its number alone.
pub(crate) fn pair_names(json: &str) -> Vec<String> {
    serde_json::from_str(json).unwrap_or_default()
}

/// What an idempotent batch write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct InsertStats {
    /// Rows that were new.
    pub inserted: u64,
    /// Rows already stored with the same content.
    pub unchanged: u64,
    /// Rows whose id was stored with different content (the stored one is kept).
    pub conflicting: u64,
    /// Activities deleted earlier by retention (`netra purge`), not stored again.
    pub purged: u64,
}

impl InsertStats {
    fn add(&mut self, o: InsertStats) {
        self.inserted += o.inserted;
        self.unchanged += o.unchanged;
        self.conflicting += o.conflicting;
        self.purged += o.purged;
    }
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub asn: u64,
    pub accounts: u64,
    pub activities: u64,
    pub signals: u64,
    pub cases: u64,
    pub evidence: u64,
    pub audit_entries: u64,
}

/// A stored signal joined with its activity and its ASN.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalRow {
    pub activity_id: String,
    pub rule: String,
    pub target: u32,
    pub label: Label,
    pub score: f64,
    /// Stored as the JSON of `Vec<Reason>`; rows written before reasons
    /// were structured (a JSON array of strings) read as `Reason::Note`s.
    pub reasons: Vec<Reason>,
    pub account_key: String,
    pub kind: String,
    pub platform: String,
    pub created_at: String,
    pub nip: String,
    pub name: String,
    pub unit: String,
    /// `created_at` in UTC (RFC 3339), for ordering and date arithmetic.
    pub created_at_utc: String,
    /// When netra first stored this signal (RFC 3339, UTC): when the
    /// violation became known, for the reporting deadline.
    pub detected_at: String,
}

pub(crate) fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// SHA-256 of `bytes`, lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl Store {
    /// Opens (creating when needed) and migrates the database at `url`:
    /// `sqlite://PATH` or `postgres://…`.
    pub async fn open(url: &str) -> Result<Store, StoreError> {
        sqlx::any::install_default_drivers();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Backend::Postgres
        } else {
            return Err(StoreError::BadUrl(url.to_string()));
        };
        let url = if backend == Backend::Sqlite && !url.contains("mode=") {
            format!("{url}{}mode=rwc", if url.contains('?') { '&' } else { '?' })
        } else {
            url.to_string()
        };
        let mut options =
            AnyPoolOptions::new().max_connections(if backend == Backend::Sqlite { 4 } else { 8 });
        if backend == Backend::Sqlite {
            options = options.after_connect(|conn, _meta| {
                Box::pin(async move {
                    conn.execute("PRAGMA journal_mode = WAL").await?;
                    conn.execute("PRAGMA foreign_keys = ON").await?;
                    conn.execute("PRAGMA busy_timeout = 10000").await?;
                    conn.execute("PRAGMA synchronous = FULL").await?;
                    Ok(())
                })
            });
        }
        let pool = options
            .connect(&url)
            .await
            .map_err(|source| StoreError::Open {
                url: redact(&url),
                source,
            })?;
        match backend {
            Backend::Sqlite => SQLITE_MIGRATIONS.run(&pool).await?,
            Backend::Postgres => POSTGRES_MIGRATIONS.run(&pool).await?,
        }
        Ok(Store {
            pool,
            backend,
            evidence_dir: None,
            commit_delay: None,
        })
    }

    /// Opens the default embedded database `netra.db` inside `data_dir`, with
    /// evidence files under `data_dir/evidence`.
    pub async fn open_in_dir(data_dir: &Path) -> Result<Store, StoreError> {
        let path = data_dir.join("netra.db");
        Ok(Store::open(&format!("sqlite://{}", path.display()))
            .await?
            .with_evidence_dir(data_dir.join("evidence")))
    }

    /// Keeps evidence files (images, screenshots) under `dir` instead of in the database.
    #[must_use]
    pub fn with_evidence_dir(mut self, dir: PathBuf) -> Store {
        self.evidence_dir = Some(dir);
        self
    }

    /// Fault tests only: every audited transaction sleeps `delay` before it
    /// commits, so a test can kill the process inside one.
    #[must_use]
    pub fn with_commit_delay(mut self, delay: Option<Duration>) -> Store {
        self.commit_delay = delay;
        self
    }

    /// Starts a transaction that may append to the audit log. It takes the
    /// audit head's lock first, so audited writes run one at a time and a
    /// transaction never reads data another one is about to change.
    pub(crate) async fn audited_tx(&self) -> Result<Transaction<'static, Any>, StoreError> {
        match self.backend {
            Backend::Sqlite => self
                .pool
                .begin_with("BEGIN IMMEDIATE")
                .await
                .doing("starting a write transaction"),
            Backend::Postgres => {
                let mut tx = self
                    .pool
                    .begin()
                    .await
                    .doing("starting a write transaction")?;
                sqlx::query("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE")
                    .fetch_one(&mut *tx)
                    .await
                    .doing("locking the audit log")?;
                Ok(tx)
            }
        }
    }

    /// Commits an audited transaction (after the fault-test delay, if any).
    pub(crate) async fn commit(
        &self,
        tx: Transaction<'static, Any>,
        what: &'static str,
    ) -> Result<(), StoreError> {
        if let Some(d) = self.commit_delay {
            tokio::time::sleep(d).await;
        }
        tx.commit().await.doing(what)
    }

    /// Records (or updates) an election's name, zone and dates, and its
    /// pairs (ballot number and candidates' names), in one transaction.
    /// Storing the same election again changes nothing; a pair no longer in
    /// the config is dropped.
    pub async fn upsert_election(&self, e: &Election) -> Result<(), StoreError> {
        let tl = &e.election.timeline;
        let d = "storing the election";
        let mut tx = self.pool.begin().await.doing(d)?;
        sqlx::query(
            "INSERT INTO election (id, name, timezone, candidate_determination, voting_day, monitoring_start, monitoring_end, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO UPDATE SET name = excluded.name, timezone = excluded.timezone, \
             candidate_determination = excluded.candidate_determination, voting_day = excluded.voting_day, \
             monitoring_start = excluded.monitoring_start, monitoring_end = excluded.monitoring_end, updated_at = excluded.updated_at",
        )
        .bind(&e.election.id)
        .bind(&e.election.name)
        .bind(e.election.timezone.name())
        .bind(tl.candidate_determination.to_string())
        .bind(tl.voting_day.to_string())
        .bind(tl.monitoring_start.to_string())
        .bind(tl.monitoring_end.to_string())
        .bind(now())
        .execute(&mut *tx)
        .await
        .doing(d)?;
        sqlx::query("DELETE FROM election_pair WHERE election_id = $1")
            .bind(&e.election.id)
            .execute(&mut *tx)
            .await
            .doing(d)?;
        for c in &e.candidates {
            sqlx::query(
                "INSERT INTO election_pair (election_id, number, names) VALUES ($1, $2, $3)",
            )
            .bind(&e.election.id)
            .bind(i64::from(c.number))
            .bind(serde_json::to_string(&c.names).unwrap_or_else(|_| "[]".into()))
            .execute(&mut *tx)
            .await
            .doing(d)?;
        }
        tx.commit().await.doing(d)
    }

    /// The pairs of election `election_id` as last stored, by ballot number;
    /// empty for an election stored before pairs were kept.
    pub async fn election_pairs(&self, election_id: &str) -> Result<Vec<StoredPair>, StoreError> {
        let d = "reading the election's pairs";
        let rows = sqlx::query(
            "SELECT number, names FROM election_pair WHERE election_id = $1 ORDER BY number",
        )
        .bind(election_id)
        .fetch_all(&self.pool)
        .await
        .doing(d)?;
        rows.iter()
            .map(|r| {
                let number: i64 = r.try_get(0).doing(d)?;
                let names: String = r.try_get(1).doing(d)?;
                Ok(StoredPair {
                    number: u32::try_from(number).map_err(|_| {
                        StoreError::Corrupt(format!("pair number {number} of {election_id}"))
                    })?,
                    names: pair_names(&names),
                })
            })
            .collect()
    }

    /// The elections the store knows, by id.
    pub async fn elections(&self) -> Result<Vec<StoredElection>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, name, timezone, candidate_determination, voting_day, monitoring_start, monitoring_end \
             FROM election ORDER BY id",
        )
        .fetch_all(&self.pool)
        .await
        .doing("reading elections")?;
        rows.iter()
            .map(|r| {
                let g = |i: usize| r.try_get::<String, _>(i).doing("reading an election");
                Ok(StoredElection {
                    id: g(0)?,
                    name: g(1)?,
                    timezone: g(2)?,
                    candidate_determination: g(3)?,
                    voting_day: g(4)?,
                    monitoring_start: g(5)?,
                    monitoring_end: g(6)?,
                })
            })
            .collect()
    }

    /// Which database this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Replaces the registry rows of these ASN (by NIP) and their declared
    /// accounts, in one transaction with a `registry` audit entry by `actor`.
    pub async fn upsert_registry(
        &self,
        records: &[AsnRecord],
        actor: &str,
    ) -> Result<InsertStats, StoreError> {
        let mut tx = self.audited_tx().await?;
        let mut stats = InsertStats::default();
        let ts = now();
        for r in records {
            let existing: Option<AnyRow> =
                sqlx::query("SELECT name, position, unit FROM asn WHERE nip = $1")
                    .bind(r.nip.as_str())
                    .fetch_optional(&mut *tx)
                    .await
                    .doing("reading an ASN")?;
            match existing {
                None => {
                    sqlx::query("INSERT INTO asn (nip, name, position, unit, updated_at) VALUES ($1, $2, $3, $4, $5)")
                        .bind(r.nip.as_str())
                        .bind(&r.name)
                        .bind(&r.position)
                        .bind(&r.unit)
                        .bind(&ts)
                        .execute(&mut *tx)
                        .await
                        .doing("inserting an ASN")?;
                    stats.inserted += 1;
                }
                Some(row) => {
                    let same = row.try_get::<String, _>(0).doing("reading an ASN")? == r.name
                        && row.try_get::<String, _>(1).doing("reading an ASN")? == r.position
                        && row.try_get::<String, _>(2).doing("reading an ASN")? == r.unit;
                    if same {
                        stats.unchanged += 1;
                    } else {
                        sqlx::query("UPDATE asn SET name = $1, position = $2, unit = $3, updated_at = $4 WHERE nip = $5")
                            .bind(&r.name)
                            .bind(&r.position)
                            .bind(&r.unit)
                            .bind(&ts)
                            .bind(r.nip.as_str())
                            .execute(&mut *tx)
                            .await
                            .doing("updating an ASN")?;
                        stats.conflicting += 1;
                    }
                }
            }
            sqlx::query("DELETE FROM asn_account WHERE nip = $1 AND source = 'declared'")
                .bind(r.nip.as_str())
                .execute(&mut *tx)
                .await
                .doing("replacing declared accounts")?;
            for a in &r.accounts {
                sqlx::query(
                    "INSERT INTO asn_account (account_key, nip, source) VALUES ($1, $2, 'declared') \
                     ON CONFLICT (account_key) DO UPDATE SET nip = excluded.nip, source = excluded.source",
                )
                .bind(a.key())
                .bind(r.nip.as_str())
                .execute(&mut *tx)
                .await
                .doing("storing a declared account")?;
            }
        }
        append(
            &mut tx,
            &NewEntry {
                actor,
                action: "registry",
                subject: "asn",
                detail: serde_json::json!({
                    "rows": records.len(),
                    "new": stats.inserted,
                    "unchanged": stats.unchanged,
                    "changed": stats.conflicting,
                }),
            },
        )
        .await?;
        self.commit(tx, "committing the registry").await?;
        Ok(stats)
    }

    /// Map from `platform:handle` to the NIP of the ASN who owns it.
    pub async fn account_owners(&self) -> Result<HashMap<String, String>, StoreError> {
        let rows = sqlx::query("SELECT account_key, nip FROM asn_account")
            .fetch_all(&self.pool)
            .await
            .doing("reading accounts")?;
        rows.iter()
            .map(|r| {
                Ok((
                    r.try_get(0).doing("reading accounts")?,
                    r.try_get(1).doing("reading accounts")?,
                ))
            })
            .collect()
    }

    /// Stores activities in batches of [`Store::IMPORT_BATCH`], each one
    /// transaction that also records each new activity's JSON as evidence
    /// (captured now, from `meta.source`, by `meta.user`) and appends one
    /// `import` entry to the audit log. An id already stored with the same
    /// content is counted `unchanged`; with other content, `conflicting` (the
    /// stored original is kept: evidence is never overwritten).
    pub async fn insert_activities(
        &self,
        activities: &[Activity],
        meta: &ImportMeta<'_>,
    ) -> Result<InsertStats, StoreError> {
        let mut stats = InsertStats::default();
        for chunk in activities.chunks(Store::IMPORT_BATCH) {
            stats.add(self.insert_activity_chunk(chunk, meta).await?);
        }
        Ok(stats)
    }

    /// Activities per import transaction.
    pub const IMPORT_BATCH: usize = 2_000;

    async fn insert_activity_chunk(
        &self,
        activities: &[Activity],
        meta: &ImportMeta<'_>,
    ) -> Result<InsertStats, StoreError> {
        let mut tx = self.audited_tx().await?;
        let mut stats = InsertStats::default();
        let ts = now();
        let mut new_hashes = Vec::new();
        for a in activities {
            let json = serde_json::to_string(a).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let sha = sha256_hex(json.as_bytes());
            // Not stored when the id is already there, or was purged (its
            // tombstone): one statement on the common path of a new activity.
            let done = sqlx::query(
                "INSERT INTO activity (id, platform, account_key, kind, created_at, created_at_utc, created_at_approx, sha256, json, source, imported_at) \
                 SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 \
                 WHERE NOT EXISTS (SELECT 1 FROM purged_activity WHERE id_sha256 = $12) \
                 ON CONFLICT (id) DO NOTHING",
            )
            .bind(&a.id)
            .bind(a.platform.as_str())
            .bind(a.account_key())
            .bind(a.kind.as_str())
            .bind(a.created_at.to_rfc3339())
            .bind(a.created_at.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true))
            .bind(i32::from(a.created_at_approx))
            .bind(&sha)
            .bind(&json)
            .bind(meta.source)
            .bind(&ts)
            .bind(sha256_hex(a.id.as_bytes()))
            .execute(&mut *tx)
            .await
            .doing("storing an activity")?;
            if done.rows_affected() == 1 {
                stats.inserted += 1;
                crate::evidence::insert_inline(
                    &mut tx,
                    &crate::evidence::InlineEvidence {
                        sha256: &sha,
                        kind: crate::EvidenceKind::ActivityJson,
                        media_type: "application/json",
                        bytes: json.as_bytes(),
                        subject: &format!("activity:{}", a.id),
                        source: meta.source,
                        captured_at: &ts,
                        importer: meta.importer,
                        user: meta.user,
                    },
                )
                .await?;
                new_hashes.push(sha);
            } else {
                let stored: Option<String> =
                    sqlx::query_scalar("SELECT sha256 FROM activity WHERE id = $1")
                        .bind(&a.id)
                        .fetch_optional(&mut *tx)
                        .await
                        .doing("comparing a stored activity")?;
                match stored {
                    // Not stored and not inserted: its tombstone stopped it.
                    None => stats.purged += 1,
                    Some(stored) if stored == sha => stats.unchanged += 1,
                    Some(_) => stats.conflicting += 1,
                }
            }
        }
        new_hashes.sort_unstable();
        append(
            &mut tx,
            &NewEntry {
                actor: meta.user,
                action: "import",
                subject: &format!("source:{}", meta.source),
                detail: serde_json::json!({
                    "importer": meta.importer,
                    "activities": activities.len(),
                    "new": stats.inserted,
                    "unchanged": stats.unchanged,
                    "conflicting": stats.conflicting,
                    "purged_earlier": stats.purged,
                    "new_sha256_digest": sha256_hex(new_hashes.join("\n").as_bytes()),
                }),
            },
        )
        .await?;
        self.commit(tx, "committing an import").await?;
        Ok(stats)
    }

    /// Stores signals of one election in one transaction, with one `signals`
    /// entry in the audit log by `actor`; a signal already stored (same
    /// activity, rule and pair) is kept as it was.
    pub async fn insert_signals(
        &self,
        election_id: &str,
        signals: &[Signal],
        actor: &str,
    ) -> Result<InsertStats, StoreError> {
        let mut tx = self.audited_tx().await?;
        let mut stats = InsertStats::default();
        let ts = now();
        for s in signals {
            let reasons = serde_json::to_string(&s.reasons)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let done = sqlx::query(
                "INSERT INTO signal (election_id, activity_id, rule, target, label, score, reasons, account_key, detected_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (election_id, activity_id, rule, target) DO NOTHING",
            )
            .bind(election_id)
            .bind(&s.activity_id)
            .bind(&s.rule)
            .bind(i64::from(s.target))
            .bind(s.label.as_str())
            .bind(s.score)
            .bind(&reasons)
            .bind(&s.account_key)
            .bind(&ts)
            .execute(&mut *tx)
            .await
            .doing("storing a signal")?;
            if done.rows_affected() == 1 {
                stats.inserted += 1;
            } else {
                stats.unchanged += 1;
            }
        }
        append(
            &mut tx,
            &NewEntry {
                actor,
                action: "signals",
                subject: &format!("election:{election_id}"),
                detail: serde_json::json!({
                    "signals": signals.len(),
                    "new": stats.inserted,
                    "unchanged": stats.unchanged,
                }),
            },
        )
        .await?;
        self.commit(tx, "committing signals").await?;
        Ok(stats)
    }

    /// All signals of an election with their activity and ASN, oldest first.
    pub async fn signals(&self, election_id: &str) -> Result<Vec<SignalRow>, StoreError> {
        self.signal_rows(election_id, "").await
    }

    /// Signals of an election that may still join a case: those not already
    /// in a decided case (confirmed, dismissed, reported, sanction recorded).
    /// This is the input of case building.
    pub async fn signals_for_cases(&self, election_id: &str) -> Result<Vec<SignalRow>, StoreError> {
        self.signal_rows(
            election_id,
            "AND NOT EXISTS (SELECT 1 FROM case_signal cs JOIN review_case c ON c.id = cs.case_id \
               WHERE cs.election_id = s.election_id AND cs.activity_id = s.activity_id \
                 AND cs.rule = s.rule AND cs.target = s.target \
                 AND c.state NOT IN ('new', 'in_review', 'clarification_requested'))",
        )
        .await
    }

    async fn signal_rows(
        &self,
        election_id: &str,
        extra_where: &str,
    ) -> Result<Vec<SignalRow>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {SIGNAL_COLUMNS} \
             FROM signal s \
             JOIN activity a ON a.id = s.activity_id \
             JOIN asn_account acc ON acc.account_key = s.account_key \
             JOIN asn ON asn.nip = acc.nip \
             WHERE s.election_id = $1 {extra_where} \
             ORDER BY a.created_at_utc, s.activity_id, s.rule, s.target"
        ))
        .bind(election_id)
        .fetch_all(&self.pool)
        .await
        .doing("reading signals")?;
        rows.iter().map(|r| signal_row(r, 0)).collect()
    }

    /// Row counts of the main tables.
    pub async fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &'static str| {
            let pool = self.pool.clone();
            async move {
                let n: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
                    .fetch_one(&pool)
                    .await
                    .doing("counting rows")?;
                Ok::<u64, StoreError>(u64::try_from(n).unwrap_or(0))
            }
        };
        Ok(Counts {
            asn: count("asn").await?,
            accounts: count("asn_account").await?,
            activities: count("activity").await?,
            signals: count("signal").await?,
            cases: count("review_case").await?,
            evidence: count("evidence").await?,
            audit_entries: count("audit_log").await?,
        })
    }

    /// Closes all connections (checkpointing SQLite's WAL).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The columns [`signal_row`] reads, from `signal s`, `activity a` and `asn`.
pub(crate) const SIGNAL_COLUMNS: &str =
    "s.activity_id, s.rule, s.target, s.label, s.score, s.reasons, s.account_key, \
     a.kind, a.platform, a.created_at, asn.nip, asn.name, asn.unit, a.created_at_utc, s.detected_at";

/// Reads [`SIGNAL_COLUMNS`] starting at column `at`.
pub(crate) fn signal_row(r: &AnyRow, at: usize) -> Result<SignalRow, StoreError> {
    let get = |i: usize| r.try_get::<String, _>(at + i).doing("reading a signal");
    let label = get(3)?;
    let reasons = get(5)?;
    let target: i64 = r.try_get(at + 2).doing("reading a signal")?;
    Ok(SignalRow {
        activity_id: get(0)?,
        rule: get(1)?,
        target: u32::try_from(target)
            .map_err(|_| StoreError::Corrupt(format!("signal target {target}")))?,
        label: Label::parse(&label)
            .ok_or_else(|| StoreError::Corrupt(format!("signal label {label:?}")))?,
        score: r.try_get(at + 4).doing("reading a signal")?,
        reasons: parse_reasons(&reasons)?,
        account_key: get(6)?,
        kind: get(7)?,
        platform: get(8)?,
        created_at: get(9)?,
        nip: get(10)?,
        name: get(11)?,
        unit: get(12)?,
        created_at_utc: get(13)?,
        detected_at: get(14)?,
    })
}

/// The `signal.reasons` column: the JSON of `Vec<Reason>`, or (rows written
/// by older versions) a JSON array of strings, each read as a `Note`.
fn parse_reasons(json: &str) -> Result<Vec<Reason>, StoreError> {
    let corrupt = |e: serde_json::Error| StoreError::Corrupt(format!("signal reasons: {e}"));
    let stored: Vec<serde_json::Value> = serde_json::from_str(json).map_err(corrupt)?;
    stored
        .into_iter()
        .map(|v| match v {
            serde_json::Value::String(text) => Ok(Reason::Note { text }),
            v => serde_json::from_value(v).map_err(corrupt),
        })
        .collect()
}

/// Hides a password in a database URL before it goes into a message.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_reasons, redact};
    use netra_core::Reason;

    #[test]
    fn reasons_read_in_the_current_and_the_old_format() {
        let new = serde_json::to_string(&vec![
            Reason::FollowOfficial {
                account: "x:satu".into(),
                pair: 1,
            },
            Reason::NoPairNamed,
        ])
        .unwrap();
        assert_eq!(
            parse_reasons(&new).unwrap(),
            vec![
                Reason::FollowOfficial {
                    account: "x:satu".into(),
                    pair: 1
                },
                Reason::NoPairNamed
            ]
        );
        assert_eq!(
            parse_reasons(r#"["rule like-official: x", "violation ETIK-02 — y"]"#).unwrap(),
            vec![
                Reason::note("rule like-official: x"),
                Reason::note("violation ETIK-02 — y")
            ]
        );
        assert!(parse_reasons("[]").unwrap().is_empty());
        assert!(parse_reasons(r#"[{"code":"no-such-reason"}]"#).is_err());
        assert!(parse_reasons("not json").is_err());
    }

    #[test]
    fn redact_hides_password_only() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("sqlite:///tmp/x.db"), "sqlite:///tmp/x.db");
    }
}
