//! Integrity: the audit-log signing key in the data directory, and the
//! checks behind `netra audit verify` and `netra evidence verify`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use netra_store::{AuditKey, AuditProblem, AuditReport, EvidenceProblem, EvidenceReport, Store};
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

/// `netra audit verify`: the report and its text. Times are shown in the
/// stored elections' zone when they share one, else in UTC.
pub async fn verify_audit(
    store: &Store,
    data_dir: &Path,
    lang: Lang,
) -> Result<(AuditReport, String), AppError> {
    let key = load_audit_key(data_dir)?;
    let report = store.verify_audit(key.as_ref()).await?;
    let mut zones: Vec<chrono_tz::Tz> = store
        .elections()
        .await?
        .iter()
        .filter_map(|e| e.timezone.parse().ok())
        .collect();
    zones.sort_by_key(|z| z.name());
    zones.dedup();
    let tz = match zones.as_slice() {
        [one] => *one,
        _ => chrono_tz::UTC,
    };
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
