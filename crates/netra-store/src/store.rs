//! The [`Store`]: connection, migrations and the idempotent writes.

use std::collections::HashMap;
use std::path::Path;

use chrono::{SecondsFormat, Utc};
use netra_core::{Activity, AsnRecord, Label, Signal};
use sha2::{Digest, Sha256};
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::{AnyPool, Executor, Row};

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
    pool: AnyPool,
    backend: Backend,
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
}

impl InsertStats {
    fn add(&mut self, o: InsertStats) {
        self.inserted += o.inserted;
        self.unchanged += o.unchanged;
        self.conflicting += o.conflicting;
    }
}

/// Row counts of the main tables.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub asn: u64,
    pub accounts: u64,
    pub activities: u64,
    pub signals: u64,
}

/// A stored signal joined with its activity and its ASN.
#[derive(Debug, Clone, PartialEq)]
pub struct SignalRow {
    pub activity_id: String,
    pub rule: String,
    pub target: u32,
    pub label: Label,
    pub score: f64,
    pub reasons: Vec<String>,
    pub account_key: String,
    pub kind: String,
    pub platform: String,
    pub created_at: String,
    pub nip: String,
    pub name: String,
    pub unit: String,
}

fn now() -> String {
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
        Ok(Store { pool, backend })
    }

    /// Opens the default embedded database `netra.db` inside `data_dir`.
    pub async fn open_in_dir(data_dir: &Path) -> Result<Store, StoreError> {
        let path = data_dir.join("netra.db");
        Store::open(&format!("sqlite://{}", path.display())).await
    }

    /// Which database this store talks to.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Replaces the registry rows of these ASN (by NIP) and their declared accounts.
    pub async fn upsert_registry(&self, records: &[AsnRecord]) -> Result<InsertStats, StoreError> {
        let mut tx = self
            .pool
            .begin()
            .await
            .doing("starting a registry transaction")?;
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
        tx.commit().await.doing("committing the registry")?;
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

    /// Stores activities in one transaction. An id already stored with the same
    /// content is counted `unchanged`; with other content, `conflicting` (the
    /// stored original is kept: evidence is never overwritten).
    pub async fn insert_activities(
        &self,
        activities: &[Activity],
        source: &str,
    ) -> Result<InsertStats, StoreError> {
        let mut stats = InsertStats::default();
        for chunk in activities.chunks(2_000) {
            stats.add(self.insert_activity_chunk(chunk, source).await?);
        }
        Ok(stats)
    }

    async fn insert_activity_chunk(
        &self,
        activities: &[Activity],
        source: &str,
    ) -> Result<InsertStats, StoreError> {
        let mut tx = self
            .pool
            .begin()
            .await
            .doing("starting an import transaction")?;
        let mut stats = InsertStats::default();
        let ts = now();
        for a in activities {
            let json = serde_json::to_string(a).map_err(|e| StoreError::Corrupt(e.to_string()))?;
            let sha = sha256_hex(json.as_bytes());
            let done = sqlx::query(
                "INSERT INTO activity (id, platform, account_key, kind, created_at, created_at_utc, created_at_approx, sha256, json, source, imported_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (id) DO NOTHING",
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
            .bind(source)
            .bind(&ts)
            .execute(&mut *tx)
            .await
            .doing("storing an activity")?;
            if done.rows_affected() == 1 {
                stats.inserted += 1;
            } else {
                let stored: String =
                    sqlx::query_scalar("SELECT sha256 FROM activity WHERE id = $1")
                        .bind(&a.id)
                        .fetch_one(&mut *tx)
                        .await
                        .doing("comparing a stored activity")?;
                if stored == sha {
                    stats.unchanged += 1;
                } else {
                    stats.conflicting += 1;
                }
            }
        }
        tx.commit().await.doing("committing an import")?;
        Ok(stats)
    }

    /// Stores signals of one election in one transaction; a signal already
    /// stored (same activity, rule and pair) is kept as it was.
    pub async fn insert_signals(
        &self,
        election_id: &str,
        signals: &[Signal],
    ) -> Result<InsertStats, StoreError> {
        let mut tx = self
            .pool
            .begin()
            .await
            .doing("starting a signal transaction")?;
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
        tx.commit().await.doing("committing signals")?;
        Ok(stats)
    }

    /// All signals of an election with their activity and ASN, oldest first.
    pub async fn signals(&self, election_id: &str) -> Result<Vec<SignalRow>, StoreError> {
        let rows = sqlx::query(
            "SELECT s.activity_id, s.rule, s.target, s.label, s.score, s.reasons, s.account_key, \
                    a.kind, a.platform, a.created_at, asn.nip, asn.name, asn.unit \
             FROM signal s \
             JOIN activity a ON a.id = s.activity_id \
             JOIN asn_account acc ON acc.account_key = s.account_key \
             JOIN asn ON asn.nip = acc.nip \
             WHERE s.election_id = $1 \
             ORDER BY a.created_at_utc, s.activity_id, s.rule, s.target",
        )
        .bind(election_id)
        .fetch_all(&self.pool)
        .await
        .doing("reading signals")?;
        rows.iter().map(signal_row).collect()
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
        })
    }

    /// Closes all connections (checkpointing SQLite's WAL).
    pub async fn close(&self) {
        self.pool.close().await;
    }
}

fn signal_row(r: &AnyRow) -> Result<SignalRow, StoreError> {
    let get = |i: usize| r.try_get::<String, _>(i).doing("reading a signal");
    let label = get(3)?;
    let reasons = get(5)?;
    let target: i64 = r.try_get(2).doing("reading a signal")?;
    Ok(SignalRow {
        activity_id: get(0)?,
        rule: get(1)?,
        target: u32::try_from(target)
            .map_err(|_| StoreError::Corrupt(format!("signal target {target}")))?,
        label: Label::parse(&label)
            .ok_or_else(|| StoreError::Corrupt(format!("signal label {label:?}")))?,
        score: r.try_get(4).doing("reading a signal")?,
        reasons: serde_json::from_str(&reasons)
            .map_err(|e| StoreError::Corrupt(format!("signal reasons: {e}")))?,
        account_key: get(6)?,
        kind: get(7)?,
        platform: get(8)?,
        created_at: get(9)?,
        nip: get(10)?,
        name: get(11)?,
        unit: get(12)?,
    })
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
    use super::redact;

    #[test]
    fn redact_hides_password_only() {
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u:***@h/db");
        assert_eq!(redact("sqlite:///tmp/x.db"), "sqlite:///tmp/x.db");
    }
}
