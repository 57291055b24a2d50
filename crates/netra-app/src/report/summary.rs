//! The weekly summary an auditor downloads: new signals and cases per pair
//! side by side (every pair, zeros included), per unit, per platform, cases
//! per state, cases near or past their deadline, the integrity checks and
//! the purges of the period. As PDF, CSV (one long table for tools) or XLSX
//! (one sheet per table, for people).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{DateTime, Duration, NaiveDate, TimeZone as _, Utc};
use chrono_tz::Tz;
use netra_core::{CaseState, Label};
use netra_store::{
    AuditEntry, AuditQuery, AuditReport, CaseRow, EvidenceReport, SignalRow, Store, StoredPair,
};

use super::case_doc::{letterhead, office_name, page_words};
use super::pdf::{Block, Doc};
use super::{write_atomically, LoadedOffice, ReportError, Written};
use crate::cases::{joined_names, pair_title};
use crate::Lang;

/// Cases whose deadline is this close (or past) are listed.
pub const NEAR_DEADLINE_DAYS: i64 = 2;

/// The summary's file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SummaryFormat {
    Pdf,
    Csv,
    Xlsx,
}

impl SummaryFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            SummaryFormat::Pdf => "pdf",
            SummaryFormat::Csv => "csv",
            SummaryFormat::Xlsx => "xlsx",
        }
    }
}

/// Signals and cases of one pair in the period.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PairRow {
    pub support_signals: u64,
    pub oppose_signals: u64,
    /// Distinct ASN with a signal about the pair.
    pub asn: u64,
    /// Cases about the pair opened in the period.
    pub new_cases: u64,
    /// Cases about the pair not yet reported or closed (now).
    pub open_cases: u64,
}

/// A case near or past its deadline.
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineRow {
    pub case: CaseRow,
    /// Whole days left (negative: days past).
    pub days_left: i64,
    pub overdue: bool,
}

/// One purge in the period, as the audit log records it (hashes and counts only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PurgeRow {
    pub at: String,
    pub actor: String,
    /// `retention` or `evidence-files`.
    pub what: String,
    pub cases: u64,
    pub activities: u64,
    pub evidence: u64,
    pub signals: u64,
    pub files: u64,
}

/// The integrity checks run for the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Integrity {
    pub audit: AuditReport,
    pub evidence: EvidenceReport,
    /// The problems, worded in the chosen language.
    pub problem_lines: Vec<String>,
}

/// The weekly summary's numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklySummary {
    pub election_id: String,
    pub election_name: String,
    pub zone: Tz,
    /// First and last day of the period, in the election's zone.
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub generated_at: DateTime<Utc>,
    pub generated_by: String,
    /// Every pair: ballot number and names (possibly empty).
    pub pairs: Vec<(u32, Vec<String>)>,
    pub per_pair: BTreeMap<u32, PairRow>,
    /// unit → signals per pair (every pair present), and new cases.
    pub per_unit: BTreeMap<String, (BTreeMap<u32, u64>, u64)>,
    /// platform → signals per pair (every pair present).
    pub per_platform: BTreeMap<String, BTreeMap<u32, u64>>,
    /// Every state with its number of cases (now).
    pub per_state: Vec<(CaseState, u64)>,
    pub deadlines: Vec<DeadlineRow>,
    pub integrity: Integrity,
    pub purges: Vec<PurgeRow>,
    pub signals: u64,
    pub new_cases: u64,
}

/// What [`build`] reads.
#[derive(Debug, Clone)]
pub struct SummaryInput<'a> {
    pub election_id: &'a str,
    pub election_name: &'a str,
    pub zone: Tz,
    pub pairs: &'a [StoredPair],
    pub signals: &'a [SignalRow],
    pub cases: &'a [CaseRow],
    pub integrity: Integrity,
    pub purge_entries: &'a [AuditEntry],
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub now: DateTime<Utc>,
    pub user: &'a str,
}

fn local_date(t: &str, zone: Tz) -> Option<NaiveDate> {
    DateTime::parse_from_rfc3339(t)
        .ok()
        .map(|d| d.with_timezone(&zone).date_naive())
}

/// True while a case still runs towards its reporting deadline.
fn awaits_report(s: CaseState) -> bool {
    matches!(
        s,
        CaseState::New
            | CaseState::InReview
            | CaseState::ClarificationRequested
            | CaseState::Confirmed
    )
}

fn count_in(v: Option<&serde_json::Value>) -> u64 {
    match v {
        Some(serde_json::Value::Array(a)) => a.len() as u64,
        Some(serde_json::Value::Number(n)) => n.as_u64().unwrap_or(0),
        _ => 0,
    }
}

/// The summary of `input`'s period. Pure.
#[allow(clippy::too_many_lines, reason = "one pass per table of the summary")]
pub fn build(input: SummaryInput<'_>) -> WeeklySummary {
    let in_period =
        |t: &str| local_date(t, input.zone).is_some_and(|d| d >= input.from && d <= input.to);
    let mut numbers: BTreeSet<u32> = input.pairs.iter().map(|p| p.number).collect();
    numbers.extend(input.signals.iter().map(|s| s.target));
    numbers.extend(input.cases.iter().map(|c| c.target));
    let pairs: Vec<(u32, Vec<String>)> = numbers
        .iter()
        .map(|n| {
            (
                *n,
                input
                    .pairs
                    .iter()
                    .find(|p| p.number == *n)
                    .map(|p| p.names.clone())
                    .unwrap_or_default(),
            )
        })
        .collect();
    let zeros: BTreeMap<u32, u64> = numbers.iter().map(|n| (*n, 0)).collect();
    let mut per_pair: BTreeMap<u32, PairRow> =
        numbers.iter().map(|n| (*n, PairRow::default())).collect();
    let mut asn_of: BTreeMap<u32, BTreeSet<&str>> = BTreeMap::new();
    let mut per_unit: BTreeMap<String, (BTreeMap<u32, u64>, u64)> = BTreeMap::new();
    let mut per_platform: BTreeMap<String, BTreeMap<u32, u64>> = BTreeMap::new();
    let mut signals = 0;
    for s in input.signals.iter().filter(|s| in_period(&s.detected_at)) {
        signals += 1;
        let row = per_pair.entry(s.target).or_default();
        match s.label {
            Label::Oppose => row.oppose_signals += 1,
            _ => row.support_signals += 1,
        }
        asn_of.entry(s.target).or_default().insert(&s.nip);
        *per_unit
            .entry(s.unit.clone())
            .or_insert_with(|| (zeros.clone(), 0))
            .0
            .entry(s.target)
            .or_default() += 1;
        *per_platform
            .entry(s.platform.clone())
            .or_insert_with(|| zeros.clone())
            .entry(s.target)
            .or_default() += 1;
    }
    for (n, a) in asn_of {
        per_pair.entry(n).or_default().asn = a.len() as u64;
    }
    let mut new_cases = 0;
    let mut per_state: BTreeMap<CaseState, u64> = CaseState::ALL.iter().map(|s| (*s, 0)).collect();
    let mut deadlines = Vec::new();
    for c in input.cases {
        *per_state.entry(c.state).or_default() += 1;
        if in_period(&c.opened_at) {
            new_cases += 1;
            per_pair.entry(c.target).or_default().new_cases += 1;
            per_unit
                .entry(c.unit.clone())
                .or_insert_with(|| (zeros.clone(), 0))
                .1 += 1;
        }
        if awaits_report(c.state) {
            per_pair.entry(c.target).or_default().open_cases += 1;
            if let Ok(d) = DateTime::parse_from_rfc3339(&c.deadline) {
                let left = d.to_utc() - input.now;
                if left <= Duration::days(NEAR_DEADLINE_DAYS) {
                    deadlines.push(DeadlineRow {
                        case: c.clone(),
                        days_left: left.num_days(),
                        overdue: left < Duration::zero(),
                    });
                }
            }
        }
    }
    deadlines.sort_by(|a, b| {
        a.case
            .deadline
            .cmp(&b.case.deadline)
            .then(a.case.id.cmp(&b.case.id))
    });
    let purges = input
        .purge_entries
        .iter()
        .map(|e| {
            let d: serde_json::Value = serde_json::from_str(&e.detail).unwrap_or_default();
            PurgeRow {
                at: e.at.clone(),
                actor: e.actor.clone(),
                what: e.subject.clone(),
                cases: count_in(d.get("cases")),
                activities: count_in(d.get("activities_sha256")),
                evidence: count_in(d.get("evidence_sha256")),
                signals: count_in(d.get("signals")),
                files: count_in(d.get("stray_files")),
            }
        })
        .collect();
    WeeklySummary {
        election_id: input.election_id.to_string(),
        election_name: input.election_name.to_string(),
        zone: input.zone,
        from: input.from,
        to: input.to,
        generated_at: input.now,
        generated_by: input.user.to_string(),
        pairs,
        per_pair,
        per_unit,
        per_platform,
        per_state: per_state.into_iter().collect(),
        deadlines,
        integrity: input.integrity,
        purges,
        signals,
        new_cases,
    }
}

impl WeeklySummary {
    fn pair_label(&self, n: u32) -> String {
        let names = self
            .pairs
            .iter()
            .find(|(p, _)| *p == n)
            .map_or(&[][..], |(_, names)| &names[..]);
        pair_title(n, names)
    }

    fn period(&self, lang: Lang) -> String {
        format!(
            "{} – {} ({})",
            lang.date(self.from),
            lang.date(self.to),
            crate::lang::zone_name(&self.zone.from_utc_datetime(&self.generated_at.naive_utc()))
        )
    }

    fn deadline_text(&self, d: &DeadlineRow, lang: Lang) -> String {
        let when = DateTime::parse_from_rfc3339(&d.case.deadline).map_or_else(
            |_| d.case.deadline.clone(),
            |t| lang.date_time(t.to_utc(), self.zone),
        );
        let days = d.days_left.unsigned_abs();
        let status = match (d.overdue, lang) {
            (true, Lang::Id) => format!("lewat {}", lang.counted(days, "hari", "day", "days")),
            (true, Lang::En) => format!("{} overdue", lang.counted(days, "hari", "day", "days")),
            (false, _) if days == 0 => lang
                .pick("sisa kurang dari sehari", "less than a day left")
                .to_string(),
            (false, Lang::Id) => format!("sisa {}", lang.counted(days, "hari", "day", "days")),
            (false, Lang::En) => format!("{} left", lang.counted(days, "hari", "day", "days")),
        };
        format!("{when} ({status})")
    }

    fn integrity_lines(&self, lang: Lang) -> Vec<(String, String)> {
        let a = &self.integrity.audit;
        let e = &self.integrity.evidence;
        let audit = format!(
            "{} — {}, {} {}",
            if a.is_intact() {
                lang.pick("rantai utuh", "chain intact").to_string()
            } else {
                lang.counted(a.problems.len() as u64, "MASALAH", "PROBLEM", "PROBLEMS")
            },
            lang.counted(a.entries, "entri", "entry", "entries"),
            lang.counted(
                a.checkpoints_checked,
                "checkpoint bertanda tangan",
                "signed checkpoint",
                "signed checkpoints"
            ),
            lang.pick("diperiksa", "checked")
        );
        let evidence = format!(
            "{} — {}, {} {}",
            if e.is_intact() {
                lang.pick("utuh, 0 ketidakcocokan", "intact, 0 mismatches")
                    .to_string()
            } else {
                lang.counted(e.problems.len() as u64, "MASALAH", "PROBLEM", "PROBLEMS")
            },
            lang.counted(e.evidence, "item bukti", "evidence item", "evidence items"),
            lang.counted(e.activities, "aktivitas", "activity", "activities"),
            lang.pick("di-hash ulang", "re-hashed")
        );
        vec![
            (lang.pick("Log audit", "Audit log").to_string(), audit),
            (lang.pick("Bukti", "Evidence").to_string(), evidence),
        ]
    }

    /// The summary as a document (for the PDF).
    #[allow(clippy::too_many_lines, reason = "one document, section after section")]
    pub fn to_doc(&self, office: Option<&LoadedOffice>, lang: Lang) -> Doc {
        let p = |id: &'static str, en: &'static str| lang.pick(id, en).to_string();
        let numbers: Vec<u32> = self.pairs.iter().map(|(n, _)| *n).collect();
        let open: u64 = self.per_pair.values().map(|r| r.open_cases).sum();
        let mut blocks = vec![
            Block::Title(p(
                "RINGKASAN MINGGUAN PENGAWASAN NETRALITAS ASN",
                "WEEKLY SUMMARY OF CIVIL-SERVANT NEUTRALITY MONITORING",
            )),
            Block::Subtitle(format!("{} — {}", self.election_name, self.period(lang))),
            Block::Fields(vec![
                (p("Periode", "Period"), self.period(lang)),
                (p("Sinyal baru", "New signals"), lang.count(self.signals)),
                (p("Kasus baru", "New cases"), lang.count(self.new_cases)),
                (p("Kasus belum dilaporkan", "Cases not yet reported"), lang.count(open)),
                (
                    p("Dibuat", "Made"),
                    format!(
                        "{} {} {}",
                        lang.date_time(self.generated_at, self.zone),
                        p("oleh", "by"),
                        self.generated_by
                    ),
                ),
            ]),
            Block::Small(p(
                "Sinyal dihitung menurut waktu netra mendeteksinya, kasus menurut waktu dibuka; status \
                 dan tenggat adalah keadaan saat ringkasan dibuat. Sinyal bukan temuan: setiap kasus \
                 diputuskan oleh orang.",
                "Signals are counted by when netra detected them, cases by when they were opened; states \
                 and deadlines are as of when this summary was made. A signal is not a finding: people \
                 decide each case.",
            )),
            Block::Heading(p("1. Per pasangan calon", "1. Per candidate pair")),
        ];
        blocks.push(Block::Table {
            widths: vec![3.6, 1.1, 1.2, 0.9, 1.0, 1.2],
            header: vec![
                p("Paslon", "Pair"),
                p("Sinyal dukung", "Support signals"),
                p("Sinyal menyerang", "Oppose signals"),
                "ASN".into(),
                p("Kasus baru", "New cases"),
                p("Belum dilaporkan", "Not yet reported"),
            ],
            rows: self
                .per_pair
                .iter()
                .map(|(n, r)| {
                    vec![
                        self.pair_label(*n),
                        lang.count(r.support_signals),
                        lang.count(r.oppose_signals),
                        lang.count(r.asn),
                        lang.count(r.new_cases),
                        lang.count(r.open_cases),
                    ]
                })
                .collect(),
        });
        blocks.push(Block::Small(p(
            "Semua paslon dipantau dengan aturan yang sama; setiap paslon ditampilkan, juga yang nol.",
            "Every pair is monitored with the same rules; every pair is shown, zeros included.",
        )));
        let pair_cols = |first: String, last: Vec<String>| {
            let mut h = vec![first];
            h.extend(numbers.iter().map(|n| format!("{n:02}")));
            h.extend(last);
            h
        };
        let mut widths = vec![3.0];
        widths.extend(numbers.iter().map(|_| 0.8));
        blocks.push(Block::Heading(p("2. Per unit kerja", "2. Per unit")));
        if self.per_unit.is_empty() {
            blocks.push(Block::Para(p(
                "Tidak ada sinyal dalam periode ini.",
                "No signals in this period.",
            )));
        } else {
            let mut w = widths.clone();
            w.extend([0.9, 1.0]);
            blocks.push(Block::Table {
                widths: w,
                header: pair_cols(
                    p("Unit", "Unit"),
                    vec![p("Jumlah", "Total"), p("Kasus baru", "New cases")],
                ),
                rows: self
                    .per_unit
                    .iter()
                    .map(|(u, (counts, cases))| {
                        let mut r = vec![u.clone()];
                        r.extend(counts.values().map(|v| lang.count(*v)));
                        r.push(lang.count(counts.values().sum()));
                        r.push(lang.count(*cases));
                        r
                    })
                    .collect(),
            });
        }
        blocks.push(Block::Heading(p("3. Per platform", "3. Per platform")));
        if self.per_platform.is_empty() {
            blocks.push(Block::Para(p(
                "Tidak ada sinyal dalam periode ini.",
                "No signals in this period.",
            )));
        } else {
            let mut w = widths.clone();
            w.push(0.9);
            blocks.push(Block::Table {
                widths: w,
                header: pair_cols(p("Platform", "Platform"), vec![p("Jumlah", "Total")]),
                rows: self
                    .per_platform
                    .iter()
                    .map(|(pl, counts)| {
                        let mut r = vec![pl.clone()];
                        r.extend(counts.values().map(|v| lang.count(*v)));
                        r.push(lang.count(counts.values().sum()));
                        r
                    })
                    .collect(),
            });
        }
        blocks.push(Block::Heading(p(
            "4. Kasus per status (saat ini)",
            "4. Cases per state (now)",
        )));
        blocks.push(Block::Table {
            widths: vec![3.0, 1.0],
            header: vec![p("Status", "State"), p("Kasus", "Cases")],
            rows: self
                .per_state
                .iter()
                .map(|(s, n)| vec![lang.state(*s).to_string(), lang.count(*n)])
                .collect(),
        });
        blocks.push(Block::Heading(match lang {
            Lang::Id => format!(
                "5. Kasus mendekati atau melewati tenggat 7 hari (≤ {NEAR_DEADLINE_DAYS} hari)"
            ),
            Lang::En => {
                format!("5. Cases near or past the 7-day deadline (≤ {NEAR_DEADLINE_DAYS} days)")
            }
        }));
        if self.deadlines.is_empty() {
            blocks.push(Block::Para(p("Tidak ada.", "None.")));
        } else {
            blocks.push(Block::Table {
                widths: vec![0.5, 2.5, 1.8, 1.5, 1.8, 1.3, 2.3],
                header: vec![
                    "ID".into(),
                    "NIP".into(),
                    p("Nama", "Name"),
                    "Unit".into(),
                    p("Paslon", "Pair"),
                    p("Status", "State"),
                    p("Tenggat", "Deadline"),
                ],
                rows: self
                    .deadlines
                    .iter()
                    .map(|d| {
                        vec![
                            d.case.id.to_string(),
                            d.case.nip.clone(),
                            d.case.name.clone(),
                            d.case.unit.clone(),
                            format!(
                                "{} ({})",
                                self.pair_label(d.case.target),
                                lang.label(d.case.label)
                            ),
                            lang.state(d.case.state).to_string(),
                            self.deadline_text(d, lang),
                        ]
                    })
                    .collect(),
            });
        }
        blocks.push(Block::Heading(p(
            "6. Pemeriksaan integritas",
            "6. Integrity check",
        )));
        blocks.push(Block::Fields(self.integrity_lines(lang)));
        for l in &self.integrity.problem_lines {
            blocks.push(Block::Small(format!("- {l}")));
        }
        blocks.push(Block::Heading(p(
            "7. Pemusnahan data dalam periode ini",
            "7. Purges in this period",
        )));
        if self.purges.is_empty() {
            blocks.push(Block::Para(p("Tidak ada pemusnahan data.", "No purges.")));
        } else {
            blocks.push(Block::Table {
                widths: vec![2.2, 1.2, 1.4, 0.9, 1.1, 0.9, 0.9, 0.9],
                header: vec![
                    p("Waktu", "When"),
                    p("Oleh", "By"),
                    p("Jenis", "Kind"),
                    p("Kasus", "Cases"),
                    p("Aktivitas", "Activities"),
                    p("Bukti", "Evidence"),
                    p("Sinyal", "Signals"),
                    p("Berkas", "Files"),
                ],
                rows: self
                    .purges
                    .iter()
                    .map(|r| {
                        vec![
                            DateTime::parse_from_rfc3339(&r.at).map_or_else(
                                |_| r.at.clone(),
                                |t| lang.date_time(t.to_utc(), self.zone),
                            ),
                            r.actor.clone(),
                            r.what.clone(),
                            lang.count(r.cases),
                            lang.count(r.activities),
                            lang.count(r.evidence),
                            lang.count(r.signals),
                            lang.count(r.files),
                        ]
                    })
                    .collect(),
            });
        }
        blocks.push(Block::Signature {
            place_date: {
                let date = lang.date(self.generated_at.with_timezone(&self.zone).date_naive());
                match office.and_then(|o| o.office.city.as_ref()) {
                    Some(c) => format!("{c}, {date}"),
                    None => date,
                }
            },
            role: p("Disusun oleh,", "Prepared by,"),
            title: String::new(),
            name: self.generated_by.clone(),
            nip: None,
        });
        Doc {
            title: format!(
                "{} {}",
                p("Ringkasan mingguan", "Weekly summary"),
                self.period(lang)
            ),
            author: office_name(office),
            letterhead: letterhead(office, lang),
            running_head: format!(
                "{} — {} — {}",
                office_name(office),
                p("Ringkasan mingguan", "Weekly summary"),
                self.period(lang)
            ),
            footer: format!("netra · {} · {}", self.election_id, self.period(lang)),
            page_words: page_words(lang),
            blocks,
        }
    }

    /// One long table: `section,item,pair,pair_names,metric,value` (stable
    /// English names for tools; dates as `YYYY-MM-DD`, times RFC 3339).
    #[allow(clippy::too_many_lines, reason = "one section after another")]
    pub fn to_csv(&self) -> Result<String, ReportError> {
        let mut w = csv::Writer::from_writer(Vec::new());
        let err = |e: csv::Error| ReportError::BadInput(format!("cannot write CSV: {e}"));
        w.write_record(["section", "item", "pair", "pair_names", "metric", "value"])
            .map_err(err)?;
        let names = |n: u32| {
            self.pairs
                .iter()
                .find(|(p, _)| *p == n)
                .map(|(_, names)| joined_names(names))
                .unwrap_or_default()
        };
        let mut rec =
            |section: &str, item: &str, pair: Option<u32>, metric: &str, value: String| {
                w.write_record([
                    section,
                    item,
                    &pair.map(|n| n.to_string()).unwrap_or_default(),
                    &pair.map(names).unwrap_or_default(),
                    metric,
                    &value,
                ])
            };
        rec(
            "period",
            &self.election_id,
            None,
            "from",
            self.from.to_string(),
        )
        .map_err(err)?;
        rec("period", &self.election_id, None, "to", self.to.to_string()).map_err(err)?;
        rec(
            "period",
            &self.election_id,
            None,
            "zone",
            self.zone.name().to_string(),
        )
        .map_err(err)?;
        rec("totals", "", None, "new_signals", self.signals.to_string()).map_err(err)?;
        rec("totals", "", None, "new_cases", self.new_cases.to_string()).map_err(err)?;
        for (n, r) in &self.per_pair {
            for (m, v) in [
                ("support_signals", r.support_signals),
                ("oppose_signals", r.oppose_signals),
                ("asn", r.asn),
                ("new_cases", r.new_cases),
                ("open_cases", r.open_cases),
            ] {
                rec("pair", "", Some(*n), m, v.to_string()).map_err(err)?;
            }
        }
        for (u, (counts, cases)) in &self.per_unit {
            for (n, v) in counts {
                rec("unit", u, Some(*n), "signals", v.to_string()).map_err(err)?;
            }
            rec("unit", u, None, "new_cases", cases.to_string()).map_err(err)?;
        }
        for (pl, counts) in &self.per_platform {
            for (n, v) in counts {
                rec("platform", pl, Some(*n), "signals", v.to_string()).map_err(err)?;
            }
        }
        for (s, n) in &self.per_state {
            rec("state", s.as_str(), None, "cases", n.to_string()).map_err(err)?;
        }
        for d in &self.deadlines {
            let item = d.case.id.to_string();
            rec(
                "deadline",
                &item,
                Some(d.case.target),
                "deadline",
                d.case.deadline.clone(),
            )
            .map_err(err)?;
            rec(
                "deadline",
                &item,
                Some(d.case.target),
                "days_left",
                d.days_left.to_string(),
            )
            .map_err(err)?;
        }
        let a = &self.integrity.audit;
        let e = &self.integrity.evidence;
        rec(
            "integrity",
            "audit",
            None,
            "intact",
            a.is_intact().to_string(),
        )
        .map_err(err)?;
        rec("integrity", "audit", None, "entries", a.entries.to_string()).map_err(err)?;
        rec(
            "integrity",
            "audit",
            None,
            "problems",
            a.problems.len().to_string(),
        )
        .map_err(err)?;
        rec(
            "integrity",
            "evidence",
            None,
            "intact",
            e.is_intact().to_string(),
        )
        .map_err(err)?;
        rec(
            "integrity",
            "evidence",
            None,
            "items",
            e.evidence.to_string(),
        )
        .map_err(err)?;
        rec(
            "integrity",
            "evidence",
            None,
            "activities",
            e.activities.to_string(),
        )
        .map_err(err)?;
        rec(
            "integrity",
            "evidence",
            None,
            "problems",
            e.problems.len().to_string(),
        )
        .map_err(err)?;
        for r in &self.purges {
            for (m, v) in [
                ("cases", r.cases),
                ("activities", r.activities),
                ("evidence", r.evidence),
                ("signals", r.signals),
                ("files", r.files),
            ] {
                rec("purge", &r.at, None, m, v.to_string()).map_err(err)?;
            }
        }
        let bytes = w
            .into_inner()
            .map_err(|e| ReportError::BadInput(format!("cannot write CSV: {e}")))?;
        String::from_utf8(bytes).map_err(|e| ReportError::BadInput(e.to_string()))
    }

    /// One sheet per table, headers in `lang`, counts as numbers.
    #[allow(clippy::too_many_lines, reason = "one sheet after another")]
    pub fn to_xlsx(&self, lang: Lang) -> Result<Vec<u8>, ReportError> {
        use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};
        let err = |e: XlsxError| ReportError::BadInput(format!("cannot write XLSX: {e}"));
        let bold = Format::new().set_bold();
        let p = |id: &'static str, en: &'static str| lang.pick(id, en).to_string();
        let header = |ws: &mut Worksheet, cols: &[String]| -> Result<(), XlsxError> {
            for (i, h) in cols.iter().enumerate() {
                let col = u16::try_from(i).unwrap_or(u16::MAX);
                ws.write_string_with_format(0, col, h, &bold)?;
                ws.set_column_width(col, if i == 0 { 34 } else { 14 })?;
            }
            ws.set_freeze_panes(1, 0)?;
            Ok(())
        };
        let num = |n: u64| n as f64;
        let row_of = |i: usize| u32::try_from(i + 1).unwrap_or(u32::MAX);
        // Counts in one row, from column `first` on.
        let numbers =
            |ws: &mut Worksheet, r: u32, first: usize, values: &[u64]| -> Result<(), XlsxError> {
                for (c, &v) in values.iter().enumerate() {
                    ws.write_number(r, u16::try_from(first + c).unwrap_or(u16::MAX), num(v))?;
                }
                Ok(())
            };
        let mut wb = Workbook::new();
        let pair_heads: Vec<String> = self.pairs.iter().map(|(n, _)| format!("{n:02}")).collect();

        let ws = wb.add_worksheet();
        ws.set_name(p("Ringkasan", "Summary")).map_err(err)?;
        header(ws, &[p("Butir", "Item"), p("Nilai", "Value")]).map_err(err)?;
        let open: u64 = self.per_pair.values().map(|r| r.open_cases).sum();
        let facts = [
            (p("Pemilihan", "Election"), self.election_name.clone()),
            (p("Periode", "Period"), self.period(lang)),
            (p("Sinyal baru", "New signals"), self.signals.to_string()),
            (p("Kasus baru", "New cases"), self.new_cases.to_string()),
            (
                p("Kasus belum dilaporkan", "Cases not yet reported"),
                open.to_string(),
            ),
        ];
        for (i, (k, v)) in facts.iter().enumerate() {
            ws.write_string(row_of(i), 0, k).map_err(err)?;
            match v.parse::<u64>() {
                Ok(n) => ws.write_number(row_of(i), 1, num(n)).map_err(err)?,
                Err(_) => ws.write_string(row_of(i), 1, v).map_err(err)?,
            };
        }
        for (r, (k, v)) in (facts.len() + 1..).zip(self.integrity_lines(lang)) {
            ws.write_string(row_of(r), 0, &k).map_err(err)?;
            ws.write_string(row_of(r), 1, &v).map_err(err)?;
        }

        let ws = wb.add_worksheet();
        ws.set_name(p("Paslon", "Pairs")).map_err(err)?;
        header(
            ws,
            &[
                p("Paslon", "Pair"),
                p("Sinyal dukung", "Support signals"),
                p("Sinyal menyerang", "Oppose signals"),
                "ASN".into(),
                p("Kasus baru", "New cases"),
                p("Belum dilaporkan", "Not yet reported"),
            ],
        )
        .map_err(err)?;
        for (i, (n, pr)) in self.per_pair.iter().enumerate() {
            ws.write_string(row_of(i), 0, self.pair_label(*n))
                .map_err(err)?;
            let values = [
                pr.support_signals,
                pr.oppose_signals,
                pr.asn,
                pr.new_cases,
                pr.open_cases,
            ];
            numbers(ws, row_of(i), 1, &values).map_err(err)?;
        }

        let ws = wb.add_worksheet();
        ws.set_name("Unit").map_err(err)?;
        let mut h = vec![p("Unit", "Unit")];
        h.extend(pair_heads.iter().cloned());
        h.extend([p("Jumlah", "Total"), p("Kasus baru", "New cases")]);
        header(ws, &h).map_err(err)?;
        for (i, (u, (counts, cases))) in self.per_unit.iter().enumerate() {
            ws.write_string(row_of(i), 0, u).map_err(err)?;
            let mut values: Vec<u64> = counts.values().copied().collect();
            values.push(counts.values().sum());
            values.push(*cases);
            numbers(ws, row_of(i), 1, &values).map_err(err)?;
        }

        let ws = wb.add_worksheet();
        ws.set_name("Platform").map_err(err)?;
        let mut h = vec![p("Platform", "Platform")];
        h.extend(pair_heads.iter().cloned());
        h.push(p("Jumlah", "Total"));
        header(ws, &h).map_err(err)?;
        for (i, (pl, counts)) in self.per_platform.iter().enumerate() {
            ws.write_string(row_of(i), 0, pl).map_err(err)?;
            let mut values: Vec<u64> = counts.values().copied().collect();
            values.push(counts.values().sum());
            numbers(ws, row_of(i), 1, &values).map_err(err)?;
        }

        let ws = wb.add_worksheet();
        ws.set_name(p("Status", "States")).map_err(err)?;
        header(ws, &[p("Status", "State"), p("Kasus", "Cases")]).map_err(err)?;
        for (i, (s, n)) in self.per_state.iter().enumerate() {
            ws.write_string(row_of(i), 0, lang.state(*s)).map_err(err)?;
            ws.write_number(row_of(i), 1, num(*n)).map_err(err)?;
        }

        let ws = wb.add_worksheet();
        ws.set_name(p("Tenggat", "Deadlines")).map_err(err)?;
        header(
            ws,
            &[
                "ID".into(),
                "NIP".into(),
                p("Nama", "Name"),
                "Unit".into(),
                p("Paslon", "Pair"),
                p("Status", "State"),
                p("Tenggat", "Deadline"),
                p("Sisa hari", "Days left"),
            ],
        )
        .map_err(err)?;
        for (i, d) in self.deadlines.iter().enumerate() {
            let r = row_of(i);
            ws.write_number(r, 0, d.case.id as f64).map_err(err)?;
            ws.write_string(r, 1, &d.case.nip).map_err(err)?;
            ws.write_string(r, 2, &d.case.name).map_err(err)?;
            ws.write_string(r, 3, &d.case.unit).map_err(err)?;
            ws.write_string(r, 4, self.pair_label(d.case.target))
                .map_err(err)?;
            ws.write_string(r, 5, lang.state(d.case.state))
                .map_err(err)?;
            ws.write_string(r, 6, self.deadline_text(d, lang))
                .map_err(err)?;
            ws.write_number(r, 7, d.days_left as f64).map_err(err)?;
        }

        let ws = wb.add_worksheet();
        ws.set_name(p("Pemusnahan", "Purges")).map_err(err)?;
        header(
            ws,
            &[
                p("Waktu", "When"),
                p("Oleh", "By"),
                p("Jenis", "Kind"),
                p("Kasus", "Cases"),
                p("Aktivitas", "Activities"),
                p("Bukti", "Evidence"),
                p("Sinyal", "Signals"),
                p("Berkas", "Files"),
            ],
        )
        .map_err(err)?;
        for (i, pr) in self.purges.iter().enumerate() {
            let r = row_of(i);
            ws.write_string(r, 0, &pr.at).map_err(err)?;
            ws.write_string(r, 1, &pr.actor).map_err(err)?;
            ws.write_string(r, 2, &pr.what).map_err(err)?;
            let values = [pr.cases, pr.activities, pr.evidence, pr.signals, pr.files];
            numbers(ws, r, 3, &values).map_err(err)?;
        }
        wb.save_to_buffer().map_err(err)
    }
}

/// What `netra report summary` asks for.
#[derive(Debug, Clone)]
pub struct SummaryRequest<'a> {
    /// The election; `None`: the only one stored.
    pub election: Option<&'a str>,
    /// First and last day (in the election's zone); default the 7 days up to today.
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub format: SummaryFormat,
    pub office: Option<&'a LoadedOffice>,
    pub data_dir: &'a Path,
    pub user: &'a str,
    pub lang: Lang,
    pub now: DateTime<Utc>,
    pub output: &'a Path,
}

/// The start of `d` in `zone`, in UTC (RFC 3339 as the store writes times).
fn day_start(d: NaiveDate, zone: Tz) -> String {
    let t = d.and_hms_opt(0, 0, 0).unwrap_or_default();
    let utc = zone
        .from_local_datetime(&t)
        .earliest()
        .map_or_else(|| t.and_utc(), |l| l.to_utc());
    crate::cases::rfc3339(utc)
}

/// Reads the store, runs the integrity checks, builds the summary, writes
/// it to `req.output` and logs `report.summary` with its SHA-256. Returns
/// the summary too.
#[allow(
    clippy::too_many_lines,
    reason = "read, check, build, write, log: in order"
)]
pub async fn summary(
    store: &Store,
    req: &SummaryRequest<'_>,
) -> Result<(WeeklySummary, Written), ReportError> {
    let elections = store.elections().await?;
    let election = match req.election {
        Some(id) => elections.iter().find(|e| e.id == id).ok_or_else(|| {
            ReportError::BadInput(format!(
                "{} {id:?}; {}: {}",
                req.lang.pick("tidak ada pemilihan", "no election"),
                req.lang.pick("yang tersimpan", "stored"),
                elections
                    .iter()
                    .map(|e| e.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?,
        None => match elections.as_slice() {
            [one] => one,
            [] => {
                return Err(ReportError::BadInput(
                    req.lang
                        .pick(
                            "belum ada pemilihan tersimpan: jalankan `netra scan` dulu",
                            "no election stored yet: run `netra scan` first",
                        )
                        .into(),
                ))
            }
            many => {
                return Err(ReportError::BadInput(format!(
                    "{}: {}",
                    req.lang.pick(
                        "ada beberapa pemilihan, pilih satu dengan --election",
                        "several elections are stored, pick one with --election"
                    ),
                    many.iter()
                        .map(|e| e.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )))
            }
        },
    };
    let zone: Tz = election
        .timezone
        .parse()
        .unwrap_or(chrono_tz::Asia::Jakarta);
    let today = req.now.with_timezone(&zone).date_naive();
    let to = req.to.unwrap_or(today);
    let from = req.from.unwrap_or(to - Duration::days(6));
    if from > to {
        return Err(ReportError::BadInput(format!(
            "--from {from} {} --to {to}",
            req.lang.pick("jatuh sesudah", "is after")
        )));
    }
    let signals = store.signals(&election.id).await?;
    let cases = store
        .cases(&netra_store::CaseFilter {
            election_id: Some(election.id.clone()),
            ..Default::default()
        })
        .await?;
    let pairs = store.election_pairs(&election.id).await?;
    let (audit, audit_text) = crate::integrity::verify_audit(store, req.data_dir, req.lang).await?;
    let (evidence, evidence_text) = crate::integrity::verify_evidence(store, req.lang).await?;
    let mut problem_lines: Vec<String> = Vec::new();
    if !audit.is_intact() {
        problem_lines.extend(
            audit_text
                .lines()
                .take(audit.problems.len())
                .map(str::to_string),
        );
    }
    if !evidence.is_intact() {
        problem_lines.extend(
            evidence_text
                .lines()
                .take(evidence.problems.len())
                .map(str::to_string),
        );
    }
    let purge_entries = store
        .search_audit(&AuditQuery {
            action: Some("purge".into()),
            since: Some(day_start(from, zone)),
            until: Some(day_start(to + Duration::days(1), zone)),
            limit: 10_000,
            ..Default::default()
        })
        .await?;
    let s = build(SummaryInput {
        election_id: &election.id,
        election_name: &election.name,
        zone,
        pairs: &pairs,
        signals: &signals,
        cases: &cases,
        integrity: Integrity {
            audit,
            evidence,
            problem_lines,
        },
        purge_entries: &purge_entries,
        from,
        to,
        now: req.now,
        user: req.user,
    });
    let (bytes, pages) = match req.format {
        SummaryFormat::Pdf => {
            let layout = s.to_doc(req.office, req.lang).layout();
            (layout.to_pdf(req.now), layout.pages.len())
        }
        SummaryFormat::Csv => (s.to_csv()?.into_bytes(), 0),
        SummaryFormat::Xlsx => (s.to_xlsx(req.lang)?, 0),
    };
    let sha256 = netra_store::sha256_hex(&bytes);
    write_atomically(req.output, &bytes)?;
    let audit_seq = store
        .audit(
            req.user,
            "report.summary",
            &format!("election:{}", election.id),
            serde_json::json!({
                "format": req.format.as_str(),
                "from": from.to_string(),
                "to": to.to_string(),
                "sha256": sha256,
                "bytes": bytes.len(),
                "signals": s.signals,
                "new_cases": s.new_cases,
            }),
        )
        .await?;
    Ok((
        s,
        Written {
            pages,
            bytes: bytes.len(),
            sha256,
            audit_seq,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::Reader as _;
    use netra_core::{CaseClass, Severity};

    fn signal(target: u32, label: Label, unit: &str, platform: &str, detected: &str) -> SignalRow {
        SignalRow {
            activity_id: format!("{platform}:{target}{unit}"),
            rule: "post-stance".into(),
            target,
            label,
            score: 0.9,
            reasons: Vec::new(),
            account_key: format!("{platform}:a"),
            kind: "post".into(),
            platform: platform.into(),
            created_at: "2024-11-20T10:00:00+07:00".into(),
            nip: format!("nip-{unit}"),
            name: "Nama".into(),
            unit: unit.into(),
            created_at_utc: "2024-11-20T03:00:00.000Z".into(),
            detected_at: detected.into(),
        }
    }

    fn case(id: i64, target: u32, state: CaseState, opened: &str, deadline: &str) -> CaseRow {
        CaseRow {
            id,
            election_id: "e".into(),
            nip: "197102281993122824".into(),
            name: "Novi".into(),
            position: "Staf".into(),
            unit: "Dinas Satu".into(),
            target,
            label: Label::Support,
            class: CaseClass::Discipline,
            severity: Severity::High,
            score: 0.9,
            signal_count: 1,
            rules: Vec::new(),
            first_seen: opened.into(),
            last_seen: opened.into(),
            deadline: deadline.into(),
            state,
            version: 1,
            opened_by: "rina".into(),
            opened_at: opened.into(),
            submitted_by: None,
            updated_at: opened.into(),
            clarification: None,
            pair_names: Vec::new(),
        }
    }

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn sample(signals: &[SignalRow], cases: &[CaseRow]) -> WeeklySummary {
        let pairs: Vec<StoredPair> = (1..=3)
            .map(|n| StoredPair {
                number: n,
                names: vec![format!("Calon {n}"), format!("Wakil {n}")],
            })
            .collect();
        let purge = AuditEntry {
            seq: 9,
            at: "2024-11-25T01:00:00.000Z".into(),
            actor: "admin".into(),
            action: "purge".into(),
            subject: "retention".into(),
            detail:
                r#"{"cases":["a","b"],"activities_sha256":["x"],"evidence_sha256":[],"signals":4}"#
                    .into(),
            prev_hash: String::new(),
            hash: String::new(),
        };
        build(SummaryInput {
            election_id: "e",
            election_name: "Pemilihan Contoh",
            zone: chrono_tz::Asia::Jakarta,
            pairs: &pairs,
            signals,
            cases,
            integrity: Integrity::default(),
            purge_entries: &[purge],
            from: day("2024-11-21"),
            to: day("2024-11-27"),
            now: DateTime::parse_from_rfc3339("2024-11-27T03:00:00Z")
                .unwrap()
                .to_utc(),
            user: "sari",
        })
    }

    #[test]
    #[allow(clippy::too_many_lines, reason = "one summary, table after table")]
    fn every_pair_is_counted_side_by_side_zeros_included() {
        let mut signals = vec![
            signal(
                1,
                Label::Support,
                "Dinas Satu",
                "x",
                "2024-11-22T01:00:00.000Z",
            ),
            signal(
                1,
                Label::Oppose,
                "Dinas Dua",
                "instagram",
                "2024-11-26T20:00:00.000Z",
            ),
            signal(
                3,
                Label::Support,
                "Dinas Satu",
                "x",
                "2024-11-23T01:00:00.000Z",
            ),
            // Before the period, and (in WIB) after it: not counted.
            signal(
                3,
                Label::Support,
                "Dinas Tiga",
                "x",
                "2024-11-20T16:59:00.000Z",
            ),
            signal(
                3,
                Label::Support,
                "Dinas Tiga",
                "x",
                "2024-11-27T17:00:00.000Z",
            ),
        ];
        // 1.234 signals of pair 1 in one unit, for the thousands separator.
        for _ in 0..1_231 {
            signals.push(signal(
                1,
                Label::Support,
                "Dinas Satu",
                "x",
                "2024-11-24T01:00:00.000Z",
            ));
        }
        let cases = vec![
            case(
                1,
                1,
                CaseState::InReview,
                "2024-11-22T01:00:00.000Z",
                "2024-11-28T01:00:00.000Z",
            ),
            case(
                2,
                3,
                CaseState::Dismissed,
                "2024-11-10T01:00:00.000Z",
                "2024-11-17T01:00:00.000Z",
            ),
            case(
                3,
                3,
                CaseState::Confirmed,
                "2024-11-10T01:00:00.000Z",
                "2024-11-17T01:00:00.000Z",
            ),
        ];
        let s = sample(&signals, &cases);
        assert_eq!(s.signals, 1_234);
        assert_eq!(
            s.per_pair.keys().copied().collect::<Vec<_>>(),
            vec![1, 2, 3]
        );
        assert_eq!(s.per_pair[&1].support_signals, 1_232);
        assert_eq!(s.per_pair[&1].oppose_signals, 1);
        assert_eq!(s.per_pair[&2], PairRow::default());
        assert_eq!(s.per_pair[&3].support_signals, 1);
        assert_eq!(s.per_pair[&1].new_cases, 1);
        assert_eq!(s.per_pair[&3].open_cases, 1, "confirmed, not yet reported");
        // Every unit and platform row names every pair.
        for (counts, _) in s.per_unit.values() {
            assert_eq!(counts.keys().copied().collect::<Vec<_>>(), vec![1, 2, 3]);
        }
        assert_eq!(s.per_unit["Dinas Dua"].0[&2], 0);
        assert!(!s.per_unit.contains_key("Dinas Tiga"));
        assert_eq!(s.per_platform["instagram"].values().sum::<u64>(), 1);
        // Every state, zeros included.
        assert_eq!(s.per_state.len(), CaseState::ALL.len());
        // Near or past the deadline: the case due tomorrow and the overdue
        // confirmed one; not the dismissed one.
        let ids: Vec<i64> = s.deadlines.iter().map(|d| d.case.id).collect();
        assert_eq!(ids, vec![3, 1]);
        assert!(s.deadlines[0].overdue && !s.deadlines[1].overdue);
        assert_eq!(s.purges.len(), 1);
        assert_eq!(
            (
                s.purges[0].cases,
                s.purges[0].activities,
                s.purges[0].signals
            ),
            (2, 1, 4)
        );

        // The document: Indonesian dates and numbers, every pair by name.
        let text = s.to_doc(None, Lang::Id).layout().text();
        for want in [
            "21 November 2024 \u{2013} 27 November 2024 (WIB)",
            "01 Calon 1 \u{2013} Wakil 1 1.232 1 2 1 1",
            "02 Calon 2 \u{2013} Wakil 2 0 0 0 0 0",
            "Sinyal baru : 1.234",
            "rantai utuh",
            "dilaporkan 0",
            "(lewat 10",
            "kurang dari sehari)",
            "Halaman 1 dari",
        ] {
            assert!(text.contains(want), "{want:?} in\n{text}");
        }
        let en = s.to_doc(None, Lang::En).layout().text();
        assert!(en.contains("New signals : 1,234"), "{en}");
        assert!(en.contains("Page 1 of"), "{en}");
    }

    #[test]
    fn csv_and_xlsx_carry_every_pair() {
        let signals = vec![signal(
            1,
            Label::Support,
            "Dinas Satu",
            "x",
            "2024-11-22T01:00:00.000Z",
        )];
        let s = sample(&signals, &[]);
        let csv = s.to_csv().unwrap();
        let mut lines = csv.lines();
        assert_eq!(
            lines.next(),
            Some("section,item,pair,pair_names,metric,value")
        );
        for want in [
            "pair,,1,Calon 1 \u{2013} Wakil 1,support_signals,1",
            "pair,,2,Calon 2 \u{2013} Wakil 2,support_signals,0",
            "pair,,3,Calon 3 \u{2013} Wakil 3,open_cases,0",
            "unit,Dinas Satu,2,Calon 2 \u{2013} Wakil 2,signals,0",
            "state,sanction_recorded,,,cases,0",
            "integrity,audit,,,intact,true",
            "purge,2024-11-25T01:00:00.000Z,,,cases,2",
            "period,e,,,from,2024-11-21",
        ] {
            assert!(csv.lines().any(|l| l == want), "{want:?} in\n{csv}");
        }
        let xlsx = s.to_xlsx(Lang::Id).unwrap();
        assert!(xlsx.starts_with(b"PK"));
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(xlsx)).unwrap();
        assert_eq!(
            book.sheet_names(),
            vec![
                "Ringkasan",
                "Paslon",
                "Unit",
                "Platform",
                "Status",
                "Tenggat",
                "Pemusnahan"
            ]
        );
        let pairs = book.worksheet_range("Paslon").unwrap();
        let rows: Vec<Vec<String>> = pairs
            .rows()
            .map(|r| r.iter().map(ToString::to_string).collect())
            .collect();
        assert_eq!(
            rows[0],
            vec![
                "Paslon",
                "Sinyal dukung",
                "Sinyal menyerang",
                "ASN",
                "Kasus baru",
                "Belum dilaporkan"
            ]
        );
        assert_eq!(rows.len(), 4, "{rows:?}");
        assert_eq!(rows[2][0], "02 Calon 2 \u{2013} Wakil 2");
        assert_eq!(rows[2][1], "0");
        assert_eq!(rows[1][1], "1");
    }
}
