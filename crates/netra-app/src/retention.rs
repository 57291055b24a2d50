//! Retention: which personal data `netra purge` deletes, and when.
//!
//! The policy lives in `DATA_DIR/retention.toml` (command-line flags override
//! it), in days after the election's voting day:
//!
//! ```toml
//! [retention]
//! # activities that produced no case
//! activities_without_case_after_days = 90
//! # dismissed cases, with their signals, activities and evidence
//! dismissed_cases_after_days = 30
//! ```
//!
//! Reports from the public that joined no case follow
//! `activities_without_case_after_days`, counted from the latest voting day
//! or from the day the report came, whichever is later.
//!
//! A key left out means that kind of data is not purged. The audit log keeps
//! the hashes of what went, never the content.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, Days, NaiveDate};
use netra_core::CaseState;
use netra_store::{
    ActivityStub, CaseFilter, CaseRow, PurgePlan, PurgeStats, Store, StoredElection,
};
use serde::Deserialize;

use crate::{AppError, Lang};

/// The policy file's name inside the data directory.
pub const RETENTION_FILE: &str = "retention.toml";

/// How long data is kept, in days after the election's voting day.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retention {
    /// Activities that produced no case are deleted this many days after the
    /// voting day of the election whose monitoring window holds them.
    pub activities_without_case_after_days: Option<u32>,
    /// Dismissed cases (and their activities and evidence, unless another
    /// case holds them) are deleted this many days after their election's
    /// voting day.
    pub dismissed_cases_after_days: Option<u32>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RetentionFile {
    retention: Retention,
}

impl Retention {
    /// Reads `DATA_DIR/retention.toml`; a missing file is an empty policy.
    pub fn load(data_dir: &Path) -> Result<Retention, AppError> {
        let path = data_dir.join(RETENTION_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Retention::default()),
            Err(source) => {
                return Err(AppError::Io {
                    path: path.display().to_string(),
                    source,
                })
            }
        };
        Retention::parse(&text, &path.display().to_string())
    }

    /// Parses policy text; `file` names it in errors (with line and key).
    pub fn parse(text: &str, file: &str) -> Result<Retention, AppError> {
        toml::from_str::<RetentionFile>(text)
            .map(|f| f.retention)
            .map_err(|e| {
                let line = e.span().map_or(0, |s| {
                    text.get(..s.start)
                        .map_or(1, |p| p.bytes().filter(|&b| b == b'\n').count() + 1)
                });
                AppError::Config {
                    path: format!("{file}:{line}"),
                    message: e.message().trim().replace('\n', "; "),
                }
            })
    }

    /// This policy with the values `other` sets taking precedence.
    #[must_use]
    pub fn overridden_by(self, other: Retention) -> Retention {
        Retention {
            activities_without_case_after_days: other
                .activities_without_case_after_days
                .or(self.activities_without_case_after_days),
            dismissed_cases_after_days: other
                .dismissed_cases_after_days
                .or(self.dismissed_cases_after_days),
        }
    }

    /// True when the policy deletes nothing.
    pub fn is_empty(&self) -> bool {
        self.activities_without_case_after_days.is_none()
            && self.dismissed_cases_after_days.is_none()
    }
}

/// What a purge deletes (or, in a dry run, would delete).
#[derive(Debug, Clone, Default)]
pub struct PurgeListing {
    /// Activities without a case, with the date after which they go.
    pub activities: Vec<(ActivityStub, NaiveDate)>,
    /// Dismissed cases, with the date after which they go.
    pub cases: Vec<(CaseRow, NaiveDate)>,
    /// Activities kept because no stored election tells their voting day.
    pub no_election: u64,
    /// Public reports that joined no case, with the date after which they go.
    pub public_reports: Vec<(i64, NaiveDate)>,
}

fn date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// Chooses what goes on `today` under `policy` (pure: no clock, no I/O).
pub fn plan(
    policy: &Retention,
    elections: &[StoredElection],
    without_case: &[ActivityStub],
    dismissed: &[CaseRow],
    today: NaiveDate,
) -> PurgeListing {
    let mut out = PurgeListing::default();
    let windows: Vec<(NaiveDate, NaiveDate, NaiveDate, chrono_tz::Tz)> = elections
        .iter()
        .filter_map(|e| {
            Some((
                date(&e.monitoring_start)?,
                date(&e.monitoring_end)?,
                date(&e.voting_day)?,
                e.timezone.parse().ok()?,
            ))
        })
        .collect();
    let latest_vote = windows.iter().map(|w| w.2).max();
    if let Some(n) = policy.activities_without_case_after_days {
        for a in without_case {
            let Ok(t) = DateTime::parse_from_rfc3339(&a.created_at_utc) else {
                out.no_election += 1;
                continue;
            };
            let vote = windows
                .iter()
                .filter(|(start, end, _, tz)| {
                    let d = t.with_timezone(tz).date_naive();
                    *start <= d && d <= *end
                })
                .map(|w| w.2)
                .max()
                .or(latest_vote);
            match vote.and_then(|v| v.checked_add_days(Days::new(u64::from(n)))) {
                Some(cutoff) if today > cutoff => out.activities.push((a.clone(), cutoff)),
                Some(_) => {}
                None => out.no_election += 1,
            }
        }
    }
    if let Some(m) = policy.dismissed_cases_after_days {
        for c in dismissed {
            let vote = elections
                .iter()
                .find(|e| e.id == c.election_id)
                .and_then(|e| date(&e.voting_day));
            if let Some(cutoff) = vote.and_then(|v| v.checked_add_days(Days::new(u64::from(m)))) {
                if today > cutoff && c.state == CaseState::Dismissed {
                    out.cases.push((c.clone(), cutoff));
                }
            }
        }
    }
    out
}

/// Which public reports that joined no case go on `today` (pure): those
/// received more than `activities_without_case_after_days` days before
/// `today`, counted from the latest stored voting day when that is later.
pub fn plan_public_reports(
    policy: &Retention,
    elections: &[StoredElection],
    reports_without_case: &[(i64, String)],
    today: NaiveDate,
) -> Vec<(i64, NaiveDate)> {
    let Some(n) = policy.activities_without_case_after_days else {
        return Vec::new();
    };
    let latest_vote = elections.iter().filter_map(|e| date(&e.voting_day)).max();
    reports_without_case
        .iter()
        .filter_map(|(id, received)| {
            let got = DateTime::parse_from_rfc3339(received).ok()?.date_naive();
            let from = latest_vote.map_or(got, |v| v.max(got));
            let cutoff = from.checked_add_days(Days::new(u64::from(n)))?;
            (today > cutoff).then_some((*id, cutoff))
        })
        .collect()
}

/// `netra purge`: chooses what goes under `policy` on `today` and, unless
/// `dry_run`, deletes it as `user`.
pub async fn purge(
    store: &Store,
    policy: &Retention,
    today: NaiveDate,
    dry_run: bool,
    user: &str,
) -> Result<(PurgeListing, Option<PurgeStats>), AppError> {
    let elections = store.elections().await?;
    let without_case = if policy.activities_without_case_after_days.is_some() {
        store.activities_without_case().await?
    } else {
        Vec::new()
    };
    let dismissed = store
        .cases(&CaseFilter {
            state: Some(CaseState::Dismissed),
            ..CaseFilter::default()
        })
        .await?;
    let mut listing = plan(policy, &elections, &without_case, &dismissed, today);
    if policy.activities_without_case_after_days.is_some() {
        let reports = store.public_reports_without_case().await?;
        listing.public_reports = plan_public_reports(policy, &elections, &reports, today);
    }
    if dry_run {
        return Ok((listing, None));
    }
    let stats = store
        .purge(
            &PurgePlan {
                case_ids: listing.cases.iter().map(|(c, _)| c.id).collect(),
                activity_ids: listing
                    .activities
                    .iter()
                    .map(|(a, _)| a.id.clone())
                    .collect(),
                public_report_ids: listing.public_reports.iter().map(|(id, _)| *id).collect(),
                policy: serde_json::json!({
                    "activities_without_case_after_days": policy.activities_without_case_after_days,
                    "dismissed_cases_after_days": policy.dismissed_cases_after_days,
                    "as_of": today.to_string(),
                }),
            },
            user,
        )
        .await?;
    Ok((listing, Some(stats)))
}

/// At most this many activity ids are listed (the rest are counted).
const LISTED_ACTIVITIES: usize = 50;

/// The purge's (or dry run's) report.
pub fn render(listing: &PurgeListing, stats: Option<&PurgeStats>, lang: Lang) -> String {
    let mut out = String::new();
    let verb = if stats.is_some() {
        lang.pick("Dihapus", "Deleted")
    } else {
        lang.pick(
            "Akan dihapus (uji coba, tidak ada yang dihapus)",
            "Would delete (dry run, nothing deleted)",
        )
    };
    let _ = writeln!(
        out,
        "{verb}: {}, {}, {}",
        lang.counted(
            listing.cases.len() as u64,
            "kasus dihentikan",
            "dismissed case",
            "dismissed cases"
        ),
        lang.counted(
            listing.activities.len() as u64,
            "aktivitas tanpa kasus",
            "activity without a case",
            "activities without a case"
        ),
        lang.counted(
            listing.public_reports.len() as u64,
            "laporan publik tanpa kasus",
            "public report without a case",
            "public reports without a case"
        ),
    );
    for (id, cutoff) in listing.public_reports.iter().take(LISTED_ACTIVITIES) {
        let _ = writeln!(
            out,
            "  {} {id} — {} {}",
            lang.pick("laporan publik", "public report"),
            lang.pick("disimpan sampai", "kept until"),
            lang.date(*cutoff),
        );
    }
    for (c, cutoff) in &listing.cases {
        let _ = writeln!(
            out,
            "  {} {} (NIP {}, {}) — {} {}",
            lang.pick("kasus", "case"),
            c.id,
            c.nip,
            c.election_id,
            lang.pick("disimpan sampai", "kept until"),
            lang.date(*cutoff),
        );
    }
    for (a, cutoff) in listing.activities.iter().take(LISTED_ACTIVITIES) {
        let _ = writeln!(
            out,
            "  {} {} — {} {}",
            lang.pick("aktivitas", "activity"),
            a.id,
            lang.pick("disimpan sampai", "kept until"),
            lang.date(*cutoff),
        );
    }
    if listing.activities.len() > LISTED_ACTIVITIES {
        let _ = writeln!(
            out,
            "  … {}",
            lang.counted(
                (listing.activities.len() - LISTED_ACTIVITIES) as u64,
                "aktivitas lainnya",
                "more activity",
                "more activities"
            )
        );
    }
    if listing.no_election > 0 {
        let _ = writeln!(
            out,
            "{} {}",
            lang.counted(listing.no_election, "aktivitas", "activity", "activities"),
            lang.pick(
                "tetap disimpan: tidak ada pemilihan tersimpan yang menentukan hari pemungutan suaranya",
                "kept: no stored election gives their voting day"
            )
        );
    }
    if let Some(s) = stats {
        removed(&mut out, s, lang);
    }
    out
}

/// The totals of a purge that ran.
fn removed(out: &mut String, s: &PurgeStats, lang: Lang) {
    let _ = writeln!(
        out,
        "{}: {}, {}, {}, {}, {}. {}",
        lang.pick("Terhapus", "Removed"),
        lang.counted(s.cases, "kasus", "case", "cases"),
        lang.counted(s.activities, "aktivitas", "activity", "activities"),
        lang.counted(s.signals, "sinyal", "signal", "signals"),
        lang.counted(s.evidence, "bukti", "evidence item", "evidence items"),
        lang.counted(
            s.public_reports,
            "laporan publik",
            "public report",
            "public reports"
        ),
        lang.pick(
            "Log audit menyimpan hash-nya, bukan isinya.",
            "The audit log keeps their hashes, not their content."
        )
    );
    if s.stray_files > 0 {
        let _ = writeln!(
            out,
            "{} {}",
            lang.counted(
                s.stray_files,
                "berkas bukti tanpa catatan",
                "evidence file without a record",
                "evidence files without a record"
            ),
            lang.pick(
                "(dari impor yang terhenti) juga dihapus.",
                "(left by an interrupted import) also removed."
            )
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn election() -> StoredElection {
        StoredElection {
            id: "e".into(),
            name: "E".into(),
            timezone: "Asia/Makassar".into(),
            candidate_determination: "2030-09-22".into(),
            voting_day: "2030-11-27".into(),
            monitoring_start: "2030-08-01".into(),
            monitoring_end: "2030-11-30".into(),
        }
    }

    fn stub(id: &str, t: &str) -> ActivityStub {
        ActivityStub {
            id: id.into(),
            created_at_utc: t.into(),
            sha256: "0".repeat(64),
        }
    }

    #[test]
    fn activities_go_n_days_after_the_voting_day() {
        let policy = Retention {
            activities_without_case_after_days: Some(10),
            dismissed_cases_after_days: None,
        };
        let acts = [stub("x:1", "2030-10-01T00:00:00Z")];
        let d = |s: &str| date(s).unwrap();
        let keep = plan(&policy, &[election()], &acts, &[], d("2030-12-07"));
        assert!(
            keep.activities.is_empty(),
            "on the cut-off day it is still kept"
        );
        let go = plan(&policy, &[election()], &acts, &[], d("2030-12-08"));
        assert_eq!(go.activities.len(), 1);
        assert_eq!(go.activities[0].1, d("2030-12-07"));
        let none = plan(&policy, &[], &acts, &[], d("2040-01-01"));
        assert_eq!((none.activities.len(), none.no_election), (0, 1));
    }

    #[test]
    fn public_reports_go_n_days_after_the_vote_or_their_arrival() {
        let policy = Retention {
            activities_without_case_after_days: Some(10),
            dismissed_cases_after_days: None,
        };
        let d = |s: &str| date(s).unwrap();
        let reports = [
            (1, "2030-10-01T00:00:00.000Z".to_string()),
            (2, "2030-12-20T00:00:00.000Z".to_string()),
        ];
        let go = plan_public_reports(&policy, &[election()], &reports, d("2030-12-08"));
        assert_eq!(
            go,
            vec![(1, d("2030-12-07"))],
            "before the vote: from the vote"
        );
        let later = plan_public_reports(&policy, &[election()], &reports, d("2030-12-31"));
        assert_eq!(later.len(), 2, "after the vote: from its arrival");
        assert_eq!(later[1], (2, d("2030-12-30")));
        let none = plan_public_reports(
            &Retention::default(),
            &[election()],
            &reports,
            d("2040-01-01"),
        );
        assert!(none.is_empty(), "no policy, nothing goes");
    }

    #[test]
    fn policy_file_is_strict_and_flags_override_it() {
        let p = Retention::parse(
            "[retention]\nactivities_without_case_after_days = 90\n",
            "r.toml",
        )
        .unwrap();
        assert_eq!(p.activities_without_case_after_days, Some(90));
        let err = Retention::parse("[retention]\nkeep_forever = true\n", "r.toml")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("r.toml:2") && err.contains("keep_forever"),
            "{err}"
        );
        let merged = p.overridden_by(Retention {
            activities_without_case_after_days: Some(1),
            dismissed_cases_after_days: Some(2),
        });
        assert_eq!(
            (
                merged.activities_without_case_after_days,
                merged.dismissed_cases_after_days
            ),
            (Some(1), Some(2))
        );
    }
}
