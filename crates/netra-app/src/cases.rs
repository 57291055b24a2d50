//! Cases: building them from stored signals, listing them (table, JSONL,
//! CSV), showing one with its evidence and history, and the review moves.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use chrono::{DateTime, SecondsFormat, Utc};
use comfy_table::{presets::UTF8_FULL_CONDENSED, Table};
use netra_core::{Catalogue, Election, Reason};
use netra_store::{CaseDetail, CaseRow, CaseSyncStats, Store, StoreError, StoredElection};

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
    catalogue: &Catalogue,
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

    /// The election's zone (Asia/Jakarta when unknown).
    pub fn zone(&self, election_id: &str) -> chrono_tz::Tz {
        self.0
            .get(election_id)
            .copied()
            .unwrap_or(chrono_tz::Asia::Jakarta)
    }

    /// `t` (RFC 3339) as a date and time in the election's zone, with the
    /// zone's name: `3 Desember 2026 07.02 WIB` / `3 December 2026, 07:02 WIB`.
    pub fn local(&self, election_id: &str, t: &str, lang: Lang) -> String {
        DateTime::parse_from_rfc3339(t).map_or_else(
            |_| t.to_string(),
            |d| lang.date_time(d.to_utc(), self.zone(election_id)),
        )
    }

    /// `t` (RFC 3339) as a date in the election's zone: `3 Desember 2026`.
    pub fn local_date(&self, election_id: &str, t: &str, lang: Lang) -> String {
        DateTime::parse_from_rfc3339(t).map_or_else(
            |_| t.to_string(),
            |d| lang.date(d.with_timezone(&self.zone(election_id)).date_naive()),
        )
    }
}

/// How far the deadline `d` is from `now`, for an open case: `6 hari lagi`,
/// `kurang dari sehari lagi`, `lewat 2 hari`.
pub fn time_left(d: DateTime<Utc>, now: DateTime<Utc>, lang: Lang) -> String {
    if d >= now {
        match u64::try_from((d - now).num_days()).unwrap_or(0) {
            0 => lang
                .pick("kurang dari sehari lagi", "less than a day left")
                .to_string(),
            n => format!(
                "{} {}",
                lang.counted(n, "hari", "day", "days"),
                lang.pick("lagi", "left")
            ),
        }
    } else {
        match u64::try_from((now - d).num_days()).unwrap_or(0) {
            0 => lang.pick("lewat", "passed").to_string(),
            n => match lang {
                Lang::Id => format!("lewat {}", lang.counted(n, "hari", "day", "days")),
                Lang::En => format!("{} overdue", lang.counted(n, "hari", "day", "days")),
            },
        }
    }
}

/// The deadline (its date in the list, `with_time` in a case's page) and,
/// for an open case, how far it is from `now`.
pub fn deadline_text(
    zones: &Zones,
    c: &CaseRow,
    now: DateTime<Utc>,
    lang: Lang,
    with_time: bool,
) -> String {
    let date = if with_time {
        zones.local(&c.election_id, &c.deadline, lang)
    } else {
        zones.local_date(&c.election_id, &c.deadline, lang)
    };
    let Ok(d) = DateTime::parse_from_rfc3339(&c.deadline) else {
        return date;
    };
    if !c.state.is_open() {
        return date;
    }
    format!("{date} ({})", time_left(d.to_utc(), now, lang))
}

/// A pair's candidates' names as one line: `Satu Contoh – Dua Contoh`
/// (empty when the store has none).
pub fn joined_names(names: &[String]) -> String {
    names.join(" – ")
}

/// A pair by ballot number and, when the store has them, its names:
/// `03 Satu Contoh – Dua Contoh`, or `03` alone.
pub fn pair_title(number: u32, names: &[String]) -> String {
    if names.is_empty() {
        format!("{number:02}")
    } else {
        format!("{number:02} {}", joined_names(names))
    }
}

/// Widest pair cell kept on one line in the case list; a longer one breaks
/// after each ` –` between names.
const PAIR_CELL_WIDTH: usize = 48;

/// The list's pair cell: `03 Satu Contoh – Dua Contoh (dukung)`, over
/// lines at the names' joins when wider than [`PAIR_CELL_WIDTH`].
fn pair_cell(c: &CaseRow, lang: Lang) -> String {
    let line = format!(
        "{} ({})",
        pair_title(c.target, &c.pair_names),
        lang.label(c.label)
    );
    if line.chars().count() <= PAIR_CELL_WIDTH || c.pair_names.len() < 2 {
        return line;
    }
    format!(
        "{:02} {} ({})",
        c.target,
        c.pair_names.join(" –\n"),
        lang.label(c.label)
    )
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
            pair_cell(c, lang),
            lang.class(c.class).to_string(),
            lang.severity(c.severity).to_string(),
            lang.state(c.state).to_string(),
            lang.count(c.signal_count),
            deadline_text(zones, c, now, lang, false),
        ]);
    }
    format!(
        "{t}\n{}. {}\n",
        lang.counted(rows.len() as u64, "kasus", "case", "cases"),
        lang.pick(
            "Sinyal bukan temuan: setiap kasus diputuskan oleh petugas (`netra case show ID`).",
            "A signal is not a finding: a person decides each case (`netra case show ID`)."
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
        "pair_names": (!c.pair_names.is_empty()).then(|| joined_names(&c.pair_names)),
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
        "pair_names",
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
            joined_names(&c.pair_names),
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
    log_listing(store, user, action, format.as_str(), &rows, out.as_bytes()).await?;
    Ok(out)
}

/// Logs that `user` saw or exported the case list `rows` (`action`:
/// `cases.list` or `export`) in `format`, with the ids' and the output's
/// hashes (who saw what, without personal content).
pub async fn log_listing(
    store: &Store,
    user: &str,
    action: &str,
    format: &str,
    rows: &[CaseRow],
    out: &[u8],
) -> Result<(), AppError> {
    let ids: Vec<i64> = rows.iter().map(|c| c.id).collect();
    store
        .audit(
            user,
            action,
            "cases",
            serde_json::json!({
                "format": format,
                "cases": ids.len(),
                "ids_sha256": netra_store::sha256_hex(format!("{ids:?}").as_bytes()),
                "output_sha256": netra_store::sha256_hex(out),
            }),
        )
        .await?;
    Ok(())
}

/// The text of an activity's canonical JSON (empty when it has none).
pub fn activity_text(json: &str) -> String {
    serde_json::from_str::<serde_json::Value>(json)
        .ok()
        .and_then(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .unwrap_or_default()
}

/// The violation a reason names: its code and its stored titles (Indonesian,
/// English). Signals stored before reasons were structured carry it as a
/// sentence `violation CODE — title (basis)`, read here by its code alone.
pub fn violation_of(reason: &Reason) -> Option<(&str, Option<(&str, &str)>)> {
    match reason {
        Reason::Violation {
            violation,
            title_id,
            title_en,
            ..
        } => Some((violation, Some((title_id, title_en)))),
        Reason::Note { text } => text
            .strip_prefix("violation ")?
            .split_whitespace()
            .next()
            .filter(|c| !c.is_empty())
            .map(|c| (c, None)),
        _ => None,
    }
}

/// A history reason netra wrote itself (`opened from 11 signals`,
/// `refreshed from 3 signals`) in the chosen language; a person's reason as
/// it was written.
pub fn event_reason(reason: &str, lang: Lang) -> String {
    let system = |prefix: &str, id: &str, en: &str| {
        let n: u64 = reason
            .strip_prefix(prefix)?
            .strip_suffix(" signals")?
            .parse()
            .ok()?;
        Some(format!(
            "{} {}",
            lang.pick(id, en),
            lang.counted(n, "sinyal", "signal", "signals")
        ))
    };
    system("opened from ", "dibuka dari", "opened from")
        .or_else(|| system("refreshed from ", "diperbarui dari", "refreshed from"))
        .unwrap_or_else(|| reason.to_string())
}

/// One case for a reviewer: the ASN, the case fields, the violations (from
/// `catalogue`, in the chosen language), every signal with its reasons, text
/// and evidence hash (re-checked), and the history.
///
/// Reasons are rendered in the chosen language ([`crate::reasons`]); the
/// violation a signal points to is named from the catalogue (or, for a code
/// no longer in it, from the titles stored with the signal).
#[allow(
    clippy::too_many_lines,
    reason = "one page for a reviewer, section after section"
)]
pub fn render_detail(
    d: &CaseDetail,
    catalogue: &Catalogue,
    zones: &Zones,
    now: DateTime<Utc>,
    lang: Lang,
) -> String {
    let c = &d.case;
    let eid = &c.election_id;
    let violation = |code: &str| catalogue.violations.iter().find(|v| v.code == code);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} {} — {} ({} {})",
        lang.pick("Kasus", "Case"),
        c.id,
        lang.state(c.state),
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
        "{}: {eid}; {}: {} ({}); {}: {}; {}: {}",
        lang.pick("Pemilihan", "Election"),
        lang.pick("paslon", "pair"),
        pair_title(c.target, &c.pair_names),
        lang.label(c.label),
        lang.pick("kelas", "class"),
        lang.class(c.class),
        lang.pick("bobot", "severity"),
        lang.severity(c.severity),
    );
    // Every pair of the election side by side (those the store knows, and
    // any a signal names).
    let mut pairs: Vec<u32> = d
        .signals
        .iter()
        .map(|s| s.signal.target)
        .chain(d.pairs.iter().map(|p| p.number))
        .collect();
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
            .map(|(n, (sup, opp))| {
                let names = d
                    .pairs
                    .iter()
                    .find(|p| p.number == *n)
                    .map_or(&[][..], |p| &p.names[..]);
                format!(
                    "{} {}/{}",
                    pair_title(*n, names),
                    lang.count(*sup),
                    lang.count(*opp)
                )
            })
            .collect::<Vec<_>>()
            .join(" · ")
    );
    let _ = writeln!(
        out,
        "{}: {} … {}",
        lang.pick("Pertama/terakhir terlihat", "First/last seen"),
        zones.local(eid, &c.first_seen, lang),
        zones.local(eid, &c.last_seen, lang),
    );
    let _ = writeln!(
        out,
        "{}: {}",
        lang.pick("Tenggat laporan", "Reporting deadline"),
        deadline_text(zones, c, now, lang, true)
    );
    let _ = writeln!(
        out,
        "{}: {} ({}){}",
        lang.pick("Dibuka oleh", "Opened by"),
        c.opened_by,
        zones.local(eid, &c.opened_at, lang),
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
        lang.pick("Pelanggaran", "Violations"),
        lang.count(c.rules.len() as u64)
    );
    for code in &c.rules {
        match violation(code) {
            Some(v) => {
                let _ = writeln!(out, "- {code} — {}", lang.pick(&v.title.id, &v.title.en));
                let _ = writeln!(
                    out,
                    "  {}: {}",
                    lang.pick("Dasar hukum", "Legal basis"),
                    v.legal_basis.join("; ")
                );
                let _ = writeln!(
                    out,
                    "  {}: {}",
                    lang.pick("Sanksi", "Sanction"),
                    lang.pick(&v.sanction.id, &v.sanction.en)
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "- {code} ({})",
                    lang.pick("tidak ada di katalog", "not in the catalogue")
                );
            }
        }
    }

    let _ = writeln!(
        out,
        "\n{} ({}):",
        lang.pick("Sinyal, terkuat dulu", "Signals, strongest first"),
        lang.count(d.signals.len() as u64)
    );
    for s in &d.signals {
        let row = &s.signal;
        let _ = writeln!(
            out,
            "{}. {} [{}, {}] {} — {} {:02}, {} {}, {} {}",
            s.rank + 1,
            row.activity_id,
            row.platform,
            lang.kind(&row.kind),
            zones.local(eid, &row.created_at_utc, lang),
            lang.label(row.label),
            row.target,
            lang.pick("skor", "score"),
            lang.decimal(row.score, 2),
            lang.pick("aturan", "rule"),
            row.rule
        );
        let text = activity_text(&s.activity_json);
        if !text.is_empty() {
            let _ = writeln!(out, "   «{text}»");
        }
        let mut reasons = Vec::new();
        for reason in &row.reasons {
            let named =
                violation_of(reason).and_then(|(code, stored)| match (violation(code), stored) {
                    (Some(v), _) => Some((code, lang.pick(&v.title.id, &v.title.en))),
                    (None, Some((id, en))) => Some((code, lang.pick(id, en))),
                    (None, None) => None,
                });
            match named {
                Some((code, title)) => {
                    let _ = writeln!(
                        out,
                        "   {}: {code} — {title}",
                        lang.pick("Pelanggaran", "Violation"),
                    );
                }
                None => reasons.push(crate::reasons::render(reason, lang)),
            }
        }
        if !reasons.is_empty() {
            let _ = writeln!(
                out,
                "   {}:",
                lang.pick("Alasan deteksi", "Why it was flagged")
            );
            for reason in reasons {
                let _ = writeln!(out, "   - {reason}");
            }
        }
        let _ = writeln!(
            out,
            "   {}: sha256 {} {}",
            lang.pick("Bukti", "Evidence"),
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
            zones.local(eid, &ev.at, lang),
            ev.from.map_or("·", |s| lang.state(s)),
            lang.state(ev.to),
            ev.actor,
            event_reason(&ev.reason, lang)
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
        let command = format!(
            "netra case move {} --to {} --expect-version {} --reason \"…\"",
            c.id,
            next.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("|"),
            c.version
        );
        match lang {
            Lang::Id => {
                let _ = writeln!(
                    out,
                    "\nLangkah berikut: {}\n  {command}",
                    next.iter()
                        .map(|s| format!("{} ({})", s.as_str(), lang.state(*s)))
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
            Lang::En => {
                let _ = writeln!(out, "\nNext: {command}");
            }
        }
    }
    out
}

/// Why a review move was refused (conflict, workflow, four-eyes, bad
/// input), in the chosen language, with times through `local` (the store
/// words it in English, with times in UTC). Used by `netra case move` and the web app.
pub fn refusal(e: &StoreError, lang: Lang, local: &dyn Fn(&str) -> String) -> String {
    match e {
        StoreError::Conflict {
            case_id,
            expected,
            found,
            state,
            by,
            at,
        } if lang == Lang::En => format!(
            "conflict: case {case_id} changed since you looked (you saw version {expected}, it is \
             now version {found}: {}, last moved by {by} at {}); look at it again \
             (`netra case show {case_id}`) and retry",
            lang.state(*state),
            local(at)
        ),
        _ if lang == Lang::En => e.to_string(),
        StoreError::Conflict {
            case_id,
            expected,
            found,
            state,
            by,
            at,
        } => {
            let at = local(at);
            format!(
                "konflik: kasus {case_id} sudah berubah sejak Anda melihatnya (Anda melihat versi {expected}, \
                 sekarang versi {found}: {}, terakhir dipindahkan oleh {by} pada {at}); lihat lagi \
                 (`netra case show {case_id}`) lalu ulangi",
                lang.state(*state)
            )
        }
        StoreError::NotAllowed {
            case_id, from, to, ..
        } => {
            let allowed = from
                .next_states()
                .iter()
                .map(|s| format!("{} ({})", s.as_str(), lang.state(*s)))
                .collect::<Vec<_>>();
            format!(
                "kasus {case_id} berstatus {}: tidak dapat dipindahkan ke {} ({}); {}",
                lang.state(*from),
                to.as_str(),
                lang.state(*to),
                if allowed.is_empty() {
                    "status akhir, tidak ada langkah lagi".to_string()
                } else {
                    format!("yang boleh: {}", allowed.join(", "))
                }
            )
        }
        StoreError::FourEyes { case_id, actor } => format!(
            "aturan empat mata: {actor} membuka kasus {case_id} atau mengajukannya untuk ditinjau, \
             jadi peninjau lain yang harus mengonfirmasinya"
        ),
        other => other.to_string(),
    }
}

/// A time as the store writes it.
pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use netra_core::{CaseClass, CaseState, Label, Severity};
    use netra_store::{CaseEvent, CaseSignal, SignalRow, StoredPair};

    fn t(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    fn zones(tz: &str) -> Zones {
        Zones::new(&[StoredElection {
            id: "e".into(),
            name: "E".into(),
            timezone: tz.into(),
            candidate_determination: "2026-09-22".into(),
            voting_day: "2026-11-27".into(),
            monitoring_start: "2026-08-01".into(),
            monitoring_end: "2026-11-30".into(),
        }])
    }

    fn case(id: i64, state: CaseState, deadline: &str) -> CaseRow {
        CaseRow {
            id,
            election_id: "e".into(),
            nip: "197102281993122824".into(),
            name: "Novi Firmansyah".into(),
            position: "Perencana Ahli Pertama".into(),
            unit: "Bappeda".into(),
            target: 1,
            label: Label::Support,
            class: CaseClass::Discipline,
            severity: Severity::High,
            score: 0.9,
            signal_count: 1_234,
            rules: vec!["DISIPLIN-02".into(), "X-9".into()],
            first_seen: "2026-10-28T07:44:00.000Z".into(),
            last_seen: "2026-11-25T00:02:00.000Z".into(),
            deadline: deadline.into(),
            state,
            version: 1,
            opened_by: "rina".into(),
            opened_at: "2026-11-26T00:02:00.000Z".into(),
            submitted_by: None,
            updated_at: "2026-11-26T00:02:00.000Z".into(),
            clarification: None,
            pair_names: Vec::new(),
        }
    }

    #[test]
    fn case_list_reads_in_indonesian_or_english() {
        let now = t("2026-11-26T00:02:00Z");
        let mut rows = vec![
            case(1, CaseState::New, "2026-12-03T00:02:00.000Z"),
            case(
                2,
                CaseState::ClarificationRequested,
                "2026-11-23T23:00:00.000Z",
            ),
            case(3, CaseState::Dismissed, "2026-12-03T00:02:00.000Z"),
        ];
        rows[1].label = Label::Oppose;
        rows[1].class = CaseClass::Ethics;
        rows[1].severity = Severity::Medium;
        let id = render_table(&rows, &zones("Asia/Jakarta"), now, Lang::Id);
        for want in [
            "Paslon",
            "Tenggat",
            "01 (dukung)",
            "01 (menyerang)",
            "disiplin",
            "etik",
            "tinggi",
            "sedang",
            "baru",
            "menunggu klarifikasi",
            "dihentikan",
            "1.234",
            "3 Desember 2026 (7 hari lagi)",
            "24 November 2026 (lewat 2 hari)",
            "3 kasus.",
        ] {
            assert!(id.contains(want), "{want:?} in\n{id}");
        }
        for english in [
            "support",
            "oppose",
            "discipline",
            "high",
            " new ",
            "dismissed",
            "December",
        ] {
            assert!(!id.contains(english), "{english:?} in\n{id}");
        }
        // The dismissed case's deadline has no countdown.
        let dismissed = id.lines().find(|l| l.contains("dihentikan")).unwrap();
        assert!(!dismissed.contains("hari lagi"), "{dismissed}");

        let en = render_table(&rows, &zones("Asia/Jakarta"), now, Lang::En);
        for want in [
            "01 (support)",
            "clarification requested",
            "1,234",
            "3 December 2026 (7 days left)",
            "24 November 2026 (2 days overdue)",
            "3 cases.",
        ] {
            assert!(en.contains(want), "{want:?} in\n{en}");
        }
        // The local date: 23:00 UTC on 23 November is the 24th in WIB.
        let wit = render_table(&rows[1..2], &zones("Asia/Jayapura"), now, Lang::Id);
        assert!(wit.contains("24 November 2026"), "{wit}");
        assert!(wit.contains("1 kasus."), "{wit}");
        let one = render_table(
            &rows[..1],
            &zones("Asia/Jakarta"),
            t("2026-12-02T00:02:00Z"),
            Lang::En,
        );
        assert!(
            one.contains("(1 day left)") && one.contains("1 case."),
            "{one}"
        );
    }

    fn names(pair: &[&str]) -> Vec<String> {
        pair.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn case_list_names_the_pair_when_the_store_has_its_names() {
        let now = t("2026-11-26T00:02:00Z");
        let mut named = case(1, CaseState::New, "2026-12-03T00:02:00.000Z");
        named.target = 3;
        named.pair_names = names(&["Satu Calon", "Dua Wakil"]);
        let mut long = case(2, CaseState::New, "2026-12-03T00:02:00.000Z");
        long.target = 2;
        long.label = Label::Oppose;
        long.pair_names = names(&["Panjang Sekali Namanya", "Wakil Juga Panjang"]);
        let unnamed = case(3, CaseState::New, "2026-12-03T00:02:00.000Z");
        let rows = vec![named, long, unnamed];

        let id = render_table(&rows, &zones("Asia/Jakarta"), now, Lang::Id);
        for want in [
            "03 Satu Calon – Dua Wakil (dukung)",
            // Too wide for one line: broken at the join, names kept whole.
            "02 Panjang Sekali Namanya –",
            "Wakil Juga Panjang (menyerang)",
            // Stored without names: the number alone.
            "01 (dukung)",
        ] {
            assert!(id.contains(want), "{want:?} in\n{id}");
        }
        let en = render_table(&rows, &zones("Asia/Jakarta"), now, Lang::En);
        assert!(en.contains("03 Satu Calon – Dua Wakil (support)"), "{en}");

        // The exports keep their fields and add `pair_names`.
        let jsonl = render_jsonl(&rows);
        let lines: Vec<serde_json::Value> = jsonl
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines[0]["pair"], 3);
        assert_eq!(lines[0]["pair_names"], "Satu Calon – Dua Wakil");
        assert_eq!(lines[2]["pair"], 1);
        assert!(lines[2]["pair_names"].is_null(), "{}", lines[2]);
        let csv = render_csv(&rows).unwrap();
        let mut csv_lines = csv.lines();
        assert_eq!(
            csv_lines.next().unwrap(),
            "id,election,nip,name,position,unit,pair,stance,class,severity,state,version,signals,first_seen,last_seen,deadline,pair_names"
        );
        let first = csv_lines.next().unwrap();
        assert!(
            first.contains(",3,support,") && first.ends_with(",Satu Calon – Dua Wakil"),
            "{first}"
        );
        assert!(csv_lines.nth(1).unwrap().ends_with(".000Z,"), "{csv}");
    }

    #[test]
    #[allow(
        clippy::too_many_lines,
        reason = "one page, read in both languages and from an old row"
    )]
    fn case_page_labels_sections_and_names_violations_in_the_chosen_language() {
        let catalogue = Catalogue::bundled().unwrap();
        let v = catalogue
            .violations
            .iter()
            .find(|v| v.code == "DISIPLIN-02")
            .unwrap();
        let signal = SignalRow {
            activity_id: "instagram:S65".into(),
            rule: "like-official".into(),
            target: 1,
            label: Label::Support,
            score: 0.9,
            reasons: vec![
                netra_core::Reason::LikeOfficial {
                    reaction: netra_core::Reaction::Like,
                    account: "instagram:ridwankamil".into(),
                    pair: 1,
                },
                netra_core::Reason::Violation {
                    violation: v.code.clone(),
                    title_id: v.title.id.clone(),
                    title_en: v.title.en.clone(),
                    legal_basis: v.legal_basis.clone(),
                },
            ],
            account_key: "instagram:novi".into(),
            kind: "like".into(),
            platform: "instagram".into(),
            created_at: "2026-10-28T14:44:00+07:00".into(),
            nip: "197102281993122824".into(),
            name: "Novi Firmansyah".into(),
            unit: "Bappeda".into(),
            created_at_utc: "2026-10-28T07:44:00.000Z".into(),
            detected_at: "2026-11-26T00:02:00.000Z".into(),
        };
        let detail = CaseDetail {
            case: case(1, CaseState::New, "2026-12-03T00:02:00.000Z"),
            signals: vec![CaseSignal {
                rank: 0,
                signal,
                activity_json: r#"{"text":"mantap"}"#.into(),
                activity_sha256: "ab".repeat(32),
                intact: true,
            }],
            events: vec![CaseEvent {
                version: 1,
                from: None,
                to: CaseState::New,
                actor: "rina".into(),
                reason: "opened from 1234 signals".into(),
                at: "2026-11-26T00:02:00.000Z".into(),
            }],
            pairs: Vec::new(),
        };
        let now = t("2026-11-26T00:02:00Z");
        let id = render_detail(&detail, &catalogue, &zones("Asia/Makassar"), now, Lang::Id);
        for want in [
            "Kasus 1 — baru (versi 1)",
            "paslon: 01 (dukung); kelas: disiplin; bobot: tinggi",
            "Pertama/terakhir terlihat: 28 Oktober 2026 15.44 WITA … 25 November 2026 08.02 WITA",
            "Tenggat laporan: 3 Desember 2026 08.02 WITA (7 hari lagi)",
            "Pelanggaran (2):",
            &format!("- DISIPLIN-02 — {}", v.title.id),
            &format!("Sanksi: {}", v.sanction.id),
            "- X-9 (tidak ada di katalog)",
            "[instagram, suka] 28 Oktober 2026 15.44 WITA — dukung 01, skor 0,90, aturan like-official",
            &format!("   Pelanggaran: DISIPLIN-02 — {}", v.title.id),
            "Alasan deteksi:",
            "   - aturan like-official: `like` pada konten instagram:ridwankamil, akun resmi paslon 1",
            "Bukti: sha256",
            "(utuh)",
            "· → baru — rina: dibuka dari 1.234 sinyal",
            "in_review (dalam peninjauan), dismissed (dihentikan)",
            "--to in_review|dismissed --expect-version 1",
        ] {
            assert!(id.contains(want), "{want:?} in\n{id}");
        }
        assert!(!id.contains(&v.title.en), "{id}");
        assert!(!id.contains("violation DISIPLIN-02"), "{id}");
        assert!(!id.contains("pelanggaran DISIPLIN-02"), "{id}");

        let en = render_detail(&detail, &catalogue, &zones("Asia/Makassar"), now, Lang::En);
        for want in [
            "Case 1 — new (version 1)",
            "Reporting deadline: 3 December 2026, 08:02 WITA (7 days left)",
            &format!("   Violation: DISIPLIN-02 — {}", v.title.en),
            "Why it was flagged:",
            "   - rule like-official: `like` on content by instagram:ridwankamil, an official account of pair 1",
            "score 0.90",
            "rina: opened from 1,234 signals",
            "Next: netra case move 1 --to in_review|dismissed",
        ] {
            assert!(en.contains(want), "{want:?} in\n{en}");
        }

        // A signal stored before reasons were structured: its sentences
        // shown as written, its violation still named from the catalogue.
        let mut old = detail.clone();
        old.signals[0].signal.reasons = vec![
            netra_core::Reason::note("rule like-official: `like` on content by x:satu"),
            netra_core::Reason::note(format!("violation {}", v.describe(true))),
        ];
        let id = render_detail(&old, &catalogue, &zones("Asia/Makassar"), now, Lang::Id);
        assert!(
            id.contains(&format!("   Pelanggaran: DISIPLIN-02 — {}", v.title.id)),
            "{id}"
        );
        assert!(
            id.contains("   - rule like-official: `like` on content by x:satu\n"),
            "{id}"
        );
        assert!(!id.contains("violation DISIPLIN-02"), "{id}");
        assert!(
            id.contains("Sinyal per paslon (dukung/menyerang): 01 1/0\n"),
            "without stored names, numbers alone\n{id}"
        );

        // With the election's pairs stored: the case's pair and every pair's
        // count by name, side by side.
        let mut named = detail.clone();
        named.case.pair_names = names(&["Satu Calon", "Dua Wakil"]);
        named.pairs = vec![
            StoredPair {
                number: 1,
                names: names(&["Satu Calon", "Dua Wakil"]),
            },
            StoredPair {
                number: 2,
                names: names(&["Tiga Calon", "Empat Wakil"]),
            },
        ];
        let id = render_detail(&named, &catalogue, &zones("Asia/Makassar"), now, Lang::Id);
        for want in [
            "paslon: 01 Satu Calon – Dua Wakil (dukung); kelas: disiplin",
            "Sinyal per paslon (dukung/menyerang): 01 Satu Calon – Dua Wakil 1/0 · 02 Tiga Calon – Empat Wakil 0/0\n",
        ] {
            assert!(id.contains(want), "{want:?} in\n{id}");
        }
        let en = render_detail(&named, &catalogue, &zones("Asia/Makassar"), now, Lang::En);
        for want in [
            "pair: 01 Satu Calon – Dua Wakil (support); class: discipline",
            "Signals per pair (support/oppose): 01 Satu Calon – Dua Wakil 1/0 · 02 Tiga Calon – Empat Wakil 0/0\n",
        ] {
            assert!(en.contains(want), "{want:?} in\n{en}");
        }
    }
}
