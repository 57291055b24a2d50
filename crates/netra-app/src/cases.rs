//! Cases: building them from stored signals, listing them (table, JSONL,
//! CSV), showing one with its evidence and history, and the review moves.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use netra_core::Election;
use netra_store::{CaseDetail, CaseRow, CaseSyncStats, Store, StoredElection};

use crate::{AppError, Lang};

/// Days from when a violation is known to the reporting deadline (Perbawaslu
/// on handling violations, art. 134).
pub const REPORTING_DAYS: i64 = 7;

/// Opens or refreshes the cases of an election from its stored signals
/// (those not already in a decided case), as `user`, with the case builder
/// of [`crate::case_builder`]. Called at the end of `netra scan`.
pub async fn refresh_cases_from_signals(
    store: &Store,
    election: &Election,
    catalogue: &netra_core::Catalogue,
    user: &str,
) -> Result<CaseSyncStats, AppError> {
    let rows = store.signals_for_cases(&election.election.id).await?;
    let drafts = crate::case_builder::build_cases(election, catalogue, &rows);
    Ok(store.sync_cases(&drafts, user).await?)
}

/// How `netra cases` writes the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListFormat {
    Table,
    Jsonl,
    Csv,
}

impl ListFormat {
    /// The spelling (`table`, `jsonl`, `csv`).
    pub fn as_str(self) -> &'static str {
        match self {
            ListFormat::Table => "table",
            ListFormat::Jsonl => "jsonl",
            ListFormat::Csv => "csv",
        }
    }
}

/// Time zones of the stored elections, to show dates where they happen.
#[derive(Debug, Clone, Default)]
pub struct Zones(BTreeMap<String, chrono_tz::Tz>);

impl Zones {
    /// From the store's elections (unknown zones fall back to Asia/Jakarta).
    pub fn new(elections: &[StoredElection]) -> Zones {
        Zones(
            elections
                .iter()
                .map(|e| {
                    (
                        e.id.clone(),
                        e.timezone.parse().unwrap_or(chrono_tz::Asia::Jakarta),
                    )
                })
                .collect(),
        )
    }

    /// `t` (RFC 3339) as `YYYY-MM-DD HH:MM` in the election's zone, with the
    /// zone's abbreviation (WIB, WITA, WIT).
    pub fn local(&self, election_id: &str, t: &str) -> String {
        let tz = self
            .0
            .get(election_id)
            .copied()
            .unwrap_or(chrono_tz::Asia::Jakarta);
        DateTime::parse_from_rfc3339(t).map_or_else(
            |_| t.to_string(),
            |d| d.with_timezone(&tz).format("%Y-%m-%d %H:%M %Z").to_string(),
        )
    }
}

/// The deadline's date and how far it is from `now`.
fn deadline_text(zones: &Zones, c: &CaseRow, now: DateTime<Utc>, lang: Lang) -> String {
    let date: String = zones
        .local(&c.election_id, &c.deadline)
        .chars()
        .take(10)
        .collect();
    let Ok(d) = DateTime::parse_from_rfc3339(&c.deadline) else {
        return date;
    };
    if !c.state.is_open() {
        return date;
    }
    let days = (d.to_utc() - now).num_days();
    if d.to_utc() < now {
        format!("{date} ({})", lang.pick("lewat", "passed"))
    } else {
        format!("{date} ({days} {})", lang.pick("hari lagi", "days left"))
    }
}

/// The case list as a table (what `netra cases` prints by default).
pub fn render_table(rows: &[CaseRow], zones: &Zones, now: DateTime<Utc>, lang: Lang) -> String {
    if rows.is_empty() {
        return format!(
            "{}\n",
            lang.pick(
                "Belum ada kasus. Jalankan `netra scan` dulu.",
                "No cases yet. Run `netra scan` first."
            )
        );
    }
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED).set_header(vec![
        "ID",
        "NIP",
        lang.pick("Nama", "Name"),
        "Unit",
        lang.pick("Paslon", "Pair"),
        lang.pick("Kelas", "Class"),
        lang.pick("Bobot", "Severity"),
        lang.pick("Status", "State"),
        lang.pick("Sinyal", "Signals"),
        lang.pick("Tenggat", "Deadline"),
    ]);
    for c in rows {
        t.add_row(vec![
            c.id.to_string(),
            c.nip.clone(),
            c.name.clone(),
            c.unit.clone(),
            format!("{:02} ({})", c.target, c.label),
            c.class.to_string(),
            c.severity.to_string(),
            c.state.to_string(),
            lang.count(c.signal_count),
            deadline_text(zones, c, now, lang),
        ]);
    }
    format!(
        "{t}\n{} {}\n",
        lang.count(rows.len() as u64),
        lang.pick(
            "kasus. Sinyal bukan temuan: setiap kasus diputuskan oleh petugas (`netra case show ID`).",
            "cases. A signal is not a finding: a person decides each case (`netra case show ID`)."
        )
    )
}

/// One case as a JSON object (the JSONL and API shape).
pub fn case_json(c: &CaseRow) -> serde_json::Value {
    serde_json::json!({
        "id": c.id,
        "election": c.election_id,
        "nip": c.nip,
        "name": c.name,
        "position": c.position,
        "unit": c.unit,
        "pair": c.target,
        "stance": c.label,
        "class": c.class,
        "severity": c.severity,
        "state": c.state,
        "version": c.version,
        "signals": c.signal_count,
        "score": c.score,
        "rules": c.rules,
        "first_seen": c.first_seen,
        "last_seen": c.last_seen,
        "deadline": c.deadline,
        "opened_by": c.opened_by,
        "opened_at": c.opened_at,
        "updated_at": c.updated_at,
    })
}

/// The case list as JSON lines.
pub fn render_jsonl(rows: &[CaseRow]) -> String {
    let mut out = String::new();
    for c in rows {
        let _ = writeln!(out, "{}", case_json(c));
    }
    out
}

/// The case list as CSV with a header row.
pub fn render_csv(rows: &[CaseRow]) -> Result<String, AppError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let csv_err = |e: csv::Error| AppError::Output(e.to_string());
    w.write_record([
        "id",
        "election",
        "nip",
        "name",
        "position",
        "unit",
        "pair",
        "stance",
        "class",
        "severity",
        "state",
        "version",
        "signals",
        "first_seen",
        "last_seen",
        "deadline",
    ])
    .map_err(csv_err)?;
    for c in rows {
        w.write_record([
            c.id.to_string(),
            c.election_id.clone(),
            c.nip.clone(),
            c.name.clone(),
            c.position.clone(),
            c.unit.clone(),
            c.target.to_string(),
            c.label.to_string(),
            c.class.to_string(),
            c.severity.to_string(),
            c.state.to_string(),
            c.version.to_string(),
            c.signal_count.to_string(),
            c.first_seen.clone(),
            c.last_seen.clone(),
            c.deadline.clone(),
        ])
        .map_err(csv_err)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| AppError::Output(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| AppError::Output(e.to_string()))
}

/// Lists cases in `format` and logs the listing (`export` for JSONL/CSV,
/// `cases.list` for the table) as `user`.
pub async fn list(
    store: &Store,
    filter: &netra_store::CaseFilter,
    format: ListFormat,
    user: &str,
    lang: Lang,
) -> Result<String, AppError> {
    let rows = store.cases(filter).await?;
    let zones = Zones::new(&store.elections().await?);
    let out = match format {
        ListFormat::Table => render_table(&rows, &zones, Utc::now(), lang),
        ListFormat::Jsonl => render_jsonl(&rows),
        ListFormat::Csv => render_csv(&rows)?,
    };
    let action = if format == ListFormat::Table {
        "cases.list"
    } else {
        "export"
    };
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    store
        .audit(
            user,
            action,
            "cases",
            serde_json::json!({
                "format": format.as_str(),
                "cases": ids.len(),
                "ids_sha256": netra_store::sha256_hex(format!("{ids:?}").as_bytes()),
                "output_sha256": netra_store::sha256_hex(out.as_bytes()),
            }),
        )
        .await?;
    Ok(out)
}

/// The text of an activity's canonical JSON (empty when it has none).
fn activity_text(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .unwrap_or_default()
}

/// One case for a reviewer: the ASN, the case fields, every signal with its
/// reasons, text and evidence hash (re-checked), and the history.
#[allow(
    clippy::too_many_lines,
    reason = "one page for a reviewer, section after section"
)]
pub fn render_detail(d: &CaseDetail, zones: &Zones, now: DateTime<Utc>, lang: Lang) -> String {
    let c = &d.case;
    let e = &c.election_id;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} — {} ({} {})",
        lang.pick("Kasus", "Case"),
        c.id,
        c.state,
        lang.pick("versi", "version"),
        c.version
    );
    let _ = writeln!(
        out,
        "ASN: {} — NIP {} — {}, {}",
        c.name, c.nip, c.position, c.unit
    );
    let _ = writeln!(
        out,
        "{}: {e}; {}: {:02} ({}); {}: {}; {}: {}; {}: {}",
        lang.pick("Pemilihan", "Election"),
        lang.pick("paslon", "pair"),
        c.target,
        c.label,
        lang.pick("kelas", "class"),
        c.class,
        lang.pick("bobot", "severity"),
        c.severity,
        lang.pick("aturan", "rules"),
        c.rules.join(", ")
    );
    let mut pairs: Vec<u32> = d.signals.iter().map(|s| s.signal.target).collect();
    pairs.sort_unstable();
    pairs.dedup();
    let counts = crate::case_builder::per_pair(
        &pairs,
        d.signals.iter().map(|s| (s.signal.target, s.signal.label)),
    );
    let _ = writeln!(
        out,
        "{}: {}",
        lang.pick(
            "Sinyal per paslon (dukung/menyerang)",
            "Signals per pair (support/oppose)"
        ),
        counts
            .iter()
            .map(|(n, (sup, opp))| format!("{n:02} {sup}/{opp}"))
            .collect::<Vec<_>>()
            .join(" · ")
    );
    let _ = writeln!(
        out,
        "{}: {} … {}; {}: {}",
        lang.pick("Pertama/terakhir terlihat", "First/last seen"),
        zones.local(e, &c.first_seen),
        zones.local(e, &c.last_seen),
        lang.pick("tenggat laporan", "reporting deadline"),
        deadline_text(zones, c, now, lang)
    );
    let _ = writeln!(
        out,
        "{}: {} ({}){}",
        lang.pick("Dibuka oleh", "Opened by"),
        c.opened_by,
        zones.local(e, &c.opened_at),
        c.submitted_by
            .as_ref()
            .map(|s| format!("; {}: {s}", lang.pick("diajukan oleh", "sent to review by")))
            .unwrap_or_default()
    );
    if let Some(cl) = &c.clarification {
        let _ = writeln!(
            out,
            "{}: {cl}",
            lang.pick("Klarifikasi ASN", "ASN's clarification")
        );
    }
    let _ = writeln!(
        out,
        "\n{} ({}):",
        lang.pick("Sinyal, terkuat dulu", "Signals, strongest first"),
        d.signals.len()
    );
    for s in &d.signals {
        let r = &s.signal;
        let _ = writeln!(
            out,
            "{}. {} [{} {}] {} — {} {:02}, {} {:.2}, {} {}",
            s.rank + 1,
            r.activity_id,
            r.platform,
            r.kind,
            zones.local(e, &r.created_at_utc),
            r.label,
            r.target,
            lang.pick("skor", "score"),
            r.score,
            lang.pick("aturan", "rule"),
            r.rule
        );
        let text = activity_text(&s.activity_json);
        if !text.is_empty() {
            let _ = writeln!(out, "   «{text}»");
        }
        for reason in &r.reasons {
            let _ = writeln!(out, "   - {reason}");
        }
        let _ = writeln!(
            out,
            "   sha256 {} {}",
            s.activity_sha256,
            if s.intact {
                lang.pick("(utuh)", "(intact)")
            } else {
                lang.pick(
                    "(RUSAK: isi tidak cocok dengan hash)",
                    "(DAMAGED: content does not match its hash)",
                )
            }
        );
    }
    let _ = writeln!(out, "\n{}:", lang.pick("Riwayat", "History"));
    for ev in &d.events {
        let _ = writeln!(
            out,
            "v{} {} {} → {} — {}: {}",
            ev.version,
            zones.local(e, &ev.at),
            ev.from.map_or("·", |s| s.as_str()),
            ev.to,
            ev.actor,
            ev.reason
        );
    }
    let next = c.state.next_states();
    if next.is_empty() {
        let _ = writeln!(
            out,
            "\n{}",
            lang.pick(
                "Status akhir: tidak ada langkah lagi.",
                "Final state: no further moves."
            )
        );
    } else {
        let _ = writeln!(
            out,
            "\n{}: netra case move {} --to {} --expect-version {} --reason \"…\"",
            lang.pick("Langkah berikut", "Next"),
            c.id,
            next.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("|"),
            c.version
        );
    }
    out
}

/// A time as the store writes it.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}
