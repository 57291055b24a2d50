//! Integrity: the audit-log signing key in the data directory, and the
//! checks behind `netra audit verify` and `netra evidence verify`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use netra_store::{
    AuditKey, AuditProblem, AuditQuery, AuditReport, EvidenceProblem, EvidenceReport, Store,
};
use rand::RngCore as _;

use crate::{AppError, Lang};

/// The key file's name inside the data directory.
pub const AUDIT_KEY_FILE: &str = "audit.key";

fn key_path(data_dir: &Path) -> PathBuf {
    data_dir.join(AUDIT_KEY_FILE)
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> AppError + '_ {
    move |source| AppError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The audit signing key in `data_dir`, or `None` when there is none yet.
pub fn load_audit_key(data_dir: &Path) -> Result<Option<AuditKey>, AppError> {
    let path = key_path(data_dir);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(&path)(e)),
    };
    let bytes = hex::decode(text.trim()).map_err(|e| AppError::Config {
        path: path.display().to_string(),
        message: format!("not a hex key: {e}"),
    })?;
    AuditKey::from_bytes(&bytes)
        .map(Some)
        .map_err(|e| AppError::Config {
            path: path.display().to_string(),
            message: e.to_string(),
        })
}

/// The audit signing key in `data_dir`, created (32 random bytes, readable
/// by the owner only) when missing.
pub fn load_or_create_audit_key(data_dir: &Path) -> Result<AuditKey, AppError> {
    if let Some(k) = load_audit_key(data_dir)? {
        return Ok(k);
    }
    let path = key_path(data_dir);
    let mut bytes = [0_u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    match options.open(&path) {
        Ok(mut f) => {
            use std::io::Write as _;
            f.write_all(hex::encode(bytes).as_bytes())
                .and_then(|()| f.sync_all())
                .map_err(io(&path))?;
        }
        // Another netra process created it first: use that one.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
        Err(e) => return Err(io(&path)(e)),
    }
    load_audit_key(data_dir)?.ok_or_else(|| AppError::Config {
        path: path.display().to_string(),
        message: "the key file vanished after it was written".into(),
    })
}

/// Signs the audit log's head with the data directory's key (a checkpoint),
/// unless nothing was logged since the last one. Commands that write call
/// this when they finish.
pub async fn checkpoint(store: &Store, data_dir: &Path) -> Result<(), AppError> {
    let key = load_or_create_audit_key(data_dir)?;
    store.checkpoint_audit(&key).await?;
    Ok(())
}

/// How an audit problem reads in `lang` (the store's words are English);
/// `local` writes a stored time.
fn audit_problem(p: &AuditProblem, lang: Lang, local: &dyn Fn(&str) -> String) -> String {
    if lang == Lang::En {
        return p.to_string();
    }
    match p {
        AuditProblem::Edited {
            seq,
            action,
            subject,
            actor,
            at,
        } => format!(
            "entri audit {seq} ({action} {subject} oleh {actor} pada {}) diubah atau dipindah: \
             isinya tidak cocok dengan hash-nya",
            local(at)
        ),
        AuditProblem::Missing { from, to } => {
            format!("entri audit {from}–{to} hilang (dihapus)")
        }
        AuditProblem::BrokenLink { seq, prev } => format!(
            "entri audit {prev} diganti: entri {seq} menunjuk ke entri sebelumnya yang lain"
        ),
        AuditProblem::MissingAtEnd { from, to, last } => format!(
            "entri audit {from}–{to} hilang di akhir: log berakhir di entri {last}, \
             kepala log mencatat entri {to}"
        ),
        AuditProblem::HeadMismatch { head_seq, last } => format!(
            "kepala log audit (entri {head_seq}) tidak cocok dengan entri terakhir {last}: \
             kepala atau entri terakhir diubah"
        ),
        AuditProblem::BadSignature { seq } => format!(
            "checkpoint audit pada entri {seq} tanda tangannya tidak sah \
             (checkpoint dipalsukan atau diubah)"
        ),
        AuditProblem::CheckpointMismatch { seq } => format!(
            "entri audit {seq} berbeda dari checkpoint yang ditandatangani \
             (rantai ditulis ulang mulai dari situ atau sebelumnya)"
        ),
        AuditProblem::CheckpointMissingEntry { seq } => format!(
            "entri audit {seq} ditandatangani oleh sebuah checkpoint tetapi sudah tidak ada \
             (entri dihapus)"
        ),
    }
}

/// How an evidence problem reads in `lang` (the store's words are English).
fn evidence_problem(p: &EvidenceProblem, lang: Lang) -> String {
    if lang == Lang::En {
        return p.to_string();
    }
    let of = |subjects: &[String]| {
        if subjects.is_empty() {
            String::new()
        } else {
            format!(" milik {}", subjects.join(", "))
        }
    };
    match p {
        EvidenceProblem::Mismatch {
            sha256,
            kind,
            subjects,
            actual,
        } => format!(
            "bukti {sha256} ({kind}{}) rusak: isinya ber-hash {actual}",
            of(subjects)
        ),
        EvidenceProblem::Missing {
            sha256,
            kind,
            subjects,
            detail,
        } => format!("bukti {sha256} ({kind}{}) hilang: {detail}", of(subjects)),
        EvidenceProblem::Activity { id, sha256, actual } => {
            format!("aktivitas {id} rusak: JSON yang tersimpan ber-hash {actual}, bukan {sha256}")
        }
        EvidenceProblem::ActivityWithoutEvidence { id } => {
            format!("aktivitas {id} tidak punya catatan bukti (impor yang terhenti di tengah?)")
        }
        EvidenceProblem::Unreferenced { file } => format!(
            "berkas bukti {file} tidak punya catatan (impor terhenti sebelum selesai?); \
             `netra purge` menghapusnya"
        ),
    }
}

/// The zone times are shown in: the stored elections' zone when they share
/// one, else UTC.
pub async fn display_zone(store: &Store) -> Result<chrono_tz::Tz, AppError> {
    let mut zones: Vec<chrono_tz::Tz> = store
        .elections()
        .await?
        .iter()
        .filter_map(|e| e.timezone.parse().ok())
        .collect();
    zones.sort_by_key(|z| z.name());
    zones.dedup();
    Ok(match zones.as_slice() {
        [one] => *one,
        _ => chrono_tz::UTC,
    })
}

/// Which entries `netra audit log` shows: dates are whole days in the
/// display zone.
#[derive(Debug, Clone, Default)]
pub struct AuditLogFilter {
    pub actor: Option<String>,
    pub action: Option<String>,
    pub subject: Option<String>,
    /// From this day on (inclusive).
    pub since: Option<chrono::NaiveDate>,
    /// Up to and including this day.
    pub until: Option<chrono::NaiveDate>,
    pub limit: i64,
}

/// `netra audit log`: who did and saw what, newest `limit` matching entries
/// in chain order, as text (one line each, times in the display zone) or as
/// JSON lines for scripts. Reads only. Returns the entries shown and the text.
pub async fn audit_log(
    store: &Store,
    filter: &AuditLogFilter,
    lang: Lang,
    jsonl: bool,
) -> Result<(usize, String), AppError> {
    let tz = display_zone(store).await?;
    let utc_start = |d: chrono::NaiveDate| {
        let start = d.and_hms_opt(0, 0, 0).unwrap_or_default();
        chrono::TimeZone::from_local_datetime(&tz, &start)
            .earliest()
            .map_or_else(|| start.and_utc(), |t| t.to_utc())
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    };
    let query = AuditQuery {
        actor: filter.actor.clone(),
        action: filter.action.clone(),
        subject: filter.subject.clone(),
        since: filter.since.map(utc_start),
        until: filter.until.and_then(|d| d.succ_opt()).map(utc_start),
        limit: filter.limit,
    };
    let entries = store.search_audit(&query).await?;
    let mut out = String::new();
    for e in &entries {
        if jsonl {
            let detail: serde_json::Value = serde_json::from_str(&e.detail)
                .unwrap_or(serde_json::Value::String(e.detail.clone()));
            let line = serde_json::json!({
                "seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action,
                "subject": e.subject, "detail": detail, "hash": e.hash,
            });
            let _ = writeln!(out, "{line}");
        } else {
            let at = chrono::DateTime::parse_from_rfc3339(&e.at)
                .map_or_else(|_| e.at.clone(), |d| lang.date_time(d.to_utc(), tz));
            let _ = writeln!(
                out,
                "#{} {at} {} {} {} {}",
                e.seq, e.actor, e.action, e.subject, e.detail
            );
        }
    }
    if !jsonl {
        let _ = writeln!(
            out,
            "{}",
            lang.counted(
                entries.len() as u64,
                "entri ditampilkan",
                "entry shown",
                "entries shown"
            )
        );
    }
    Ok((entries.len(), out))
}

/// `netra audit verify`: the report and its text. Times are shown in the
/// stored elections' zone when they share one, else in UTC.
pub async fn verify_audit(
    store: &Store,
    data_dir: &Path,
    lang: Lang,
) -> Result<(AuditReport, String), AppError> {
    let key = load_audit_key(data_dir)?;
    let report = store.verify_audit(key.as_ref()).await?;
    let tz = display_zone(store).await?;
    let local = |t: &str| {
        chrono::DateTime::parse_from_rfc3339(t)
            .map_or_else(|_| t.to_string(), |d| lang.date_time(d.to_utc(), tz))
    };
    let mut out = String::new();
    for p in &report.problems {
        let _ = writeln!(out, "{}", audit_problem(p, lang, &local));
    }
    let _ = writeln!(
        out,
        "{}: {}, {} {}{}; {}",
        lang.pick("Log audit", "Audit log"),
        lang.counted(report.entries, "entri", "entry", "entries"),
        lang.counted(
            report.checkpoints_checked,
            "checkpoint bertanda tangan",
            "signed checkpoint",
            "signed checkpoints"
        ),
        lang.pick("diperiksa", "checked"),
        if report.checkpoints_other_key > 0 {
            format!(
                " ({} {})",
                lang.count(report.checkpoints_other_key),
                lang.pick("dengan kunci lain", "signed with another key")
            )
        } else {
            String::new()
        },
        if report.is_intact() {
            lang.pick("rantai utuh.", "chain intact.").to_string()
        } else {
            format!(
                "{}.",
                lang.counted(
                    report.problems.len() as u64,
                    "masalah",
                    "problem",
                    "problems"
                )
            )
        }
    );
    Ok((report, out))
}

/// `netra evidence verify`: the report and its text.
pub async fn verify_evidence(
    store: &Store,
    lang: Lang,
) -> Result<(EvidenceReport, String), AppError> {
    let report = store.verify_evidence().await?;
    let mut out = String::new();
    for p in &report.problems {
        let _ = writeln!(out, "{}", evidence_problem(p, lang));
    }
    let _ = writeln!(
        out,
        "{}: {}, {} {}; {}.",
        lang.pick("Bukti", "Evidence"),
        lang.counted(report.evidence, "item", "item", "items"),
        lang.counted(report.activities, "aktivitas", "activity", "activities"),
        lang.pick("dihitung ulang hash-nya", "re-hashed"),
        match lang {
            Lang::Id => format!("{} tidak cocok", lang.count(report.problems.len() as u64)),
            Lang::En => lang.counted(report.problems.len() as u64, "", "mismatch", "mismatches"),
        },
    );
    Ok((report, out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_is_created_once_and_reloaded() {
        let dir = tempfile::tempdir().unwrap();
        assert!(load_audit_key(dir.path()).unwrap().is_none());
        let a = load_or_create_audit_key(dir.path()).unwrap();
        let b = load_or_create_audit_key(dir.path()).unwrap();
        assert_eq!(a.id(), b.id());
        std::fs::write(dir.path().join(AUDIT_KEY_FILE), "zz").unwrap();
        let err = load_audit_key(dir.path()).unwrap_err().to_string();
        assert!(err.contains("audit.key"), "{err}");
    }
}
