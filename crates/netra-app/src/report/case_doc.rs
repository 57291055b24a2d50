//! The documents about one case: the report to Bawaslu, the letter asking
//! the ASN for clarification and the letter to BKN about a case reported
//! to Bawaslu. Pure: data in, [`Doc`] out.

use std::fmt::Write as _;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use netra_core::{CaseState, Catalogue, Label};
use netra_store::{CaseDetail, CaseSignal, EvidenceInfo};

use super::office::LoadedOffice;
use super::pdf::{Block, Doc, Letterhead};
use crate::cases::pair_title;
use crate::Lang;

/// What a case document is made from.
#[derive(Debug, Clone)]
pub struct CaseDocInput<'a> {
    pub detail: &'a CaseDetail,
    /// The evidence records of each signal's activity, in the signals' order.
    pub evidence: &'a [Vec<EvidenceInfo>],
    /// Screenshots from reports from the public that joined the case.
    pub public: &'a [PublicEvidence],
    /// The election's full name, when stored.
    pub election_name: Option<String>,
    /// The election's time zone: every date is written in it.
    pub zone: Tz,
    pub office: Option<&'a LoadedOffice>,
    pub catalogue: &'a Catalogue,
    /// Who makes the document (the signer when the settings name none).
    pub user: &'a str,
    pub lang: Lang,
    pub now: DateTime<Utc>,
}

/// One piece of evidence as the documents list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceLine {
    pub activity_id: String,
    pub platform: String,
    pub kind: String,
    /// When the activity happened, in the election's zone.
    pub when: String,
    pub url: String,
    pub text: String,
    /// When, by whom and from where it was captured.
    pub captured: String,
    pub sha256: String,
}

/// A screenshot from a report from the public that joined the case, as the
/// documents list it: the report's number and received date, never the
/// reporter's identity or contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicEvidence {
    pub report_id: i64,
    /// When the report came (RFC 3339, UTC).
    pub received_at: String,
    pub sha256: String,
    pub media_type: String,
    pub size: u64,
    /// Who joined the report to the case, and when (RFC 3339, UTC).
    pub linked_by: String,
    pub linked_at: String,
}

fn parse_utc(t: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(t).ok().map(|d| d.to_utc())
}

impl CaseDocInput<'_> {
    fn local(&self, t: &str) -> String {
        parse_utc(t).map_or_else(|| t.to_string(), |d| self.lang.date_time(d, self.zone))
    }

    fn local_date(&self, t: DateTime<Utc>) -> String {
        self.lang.date(t.with_timezone(&self.zone).date_naive())
    }

    fn pick<'s>(&self, id: &'s str, en: &'s str) -> &'s str {
        self.lang.pick(id, en)
    }

    fn election(&self) -> String {
        self.election_name
            .clone()
            .unwrap_or_else(|| self.detail.case.election_id.clone())
    }

    fn pair(&self) -> String {
        let c = &self.detail.case;
        match self.lang {
            Lang::Id => format!(
                "pasangan calon nomor urut {}",
                pair_title(c.target, &c.pair_names)
            ),
            Lang::En => format!("candidate pair no. {}", pair_title(c.target, &c.pair_names)),
        }
    }

    fn signer_name(&self) -> String {
        self.office
            .and_then(|o| o.office.signer.name.clone())
            .unwrap_or_else(|| self.user.to_string())
    }

    /// The evidence table: each signal's evidence, then the screenshots of
    /// the public reports that joined the case. `captured` adds the capture
    /// column (the report to Bawaslu; the letter to BKN refers to it).
    fn evidence_table(&self, captured: bool) -> Block {
        let p = |id: &'static str, en: &'static str| self.lang.pick(id, en).to_string();
        let lines = self.evidence_lines();
        let mut header = vec![
            p("No", "No"),
            p("Aktivitas", "Activity"),
            p("Tautan dan isi", "Link and content"),
        ];
        if captured {
            header.push(p("Ditangkap", "Captured"));
        }
        header.push("SHA-256".into());
        let activity_rows = lines.iter().enumerate().map(|(i, e)| {
            let mut row = vec![
                (i + 1).to_string(),
                format!("{} · {}\n{}\n{}", e.platform, e.kind, e.when, e.activity_id),
                if e.text.is_empty() {
                    e.url.clone()
                } else {
                    format!("{}\n{}", e.url, e.text)
                },
            ];
            if captured {
                row.push(e.captured.clone());
            }
            row.push(hash_groups(&e.sha256));
            row
        });
        let public_rows =
            self.public_rows()
                .into_iter()
                .enumerate()
                .map(|(i, [what, content, when, sha])| {
                    let mut row = vec![(lines.len() + i + 1).to_string(), what, content];
                    if captured {
                        row.push(when);
                    }
                    row.push(hash_groups(&sha));
                    row
                });
        Block::Table {
            widths: if captured {
                vec![0.4, 2.6, 2.6, 1.9, 2.0]
            } else {
                vec![0.4, 2.8, 3.6, 2.2]
            },
            header,
            rows: activity_rows.chain(public_rows).collect(),
        }
    }

    fn evidence_lines(&self) -> Vec<EvidenceLine> {
        self.detail
            .signals
            .iter()
            .enumerate()
            .map(|(i, s)| self.evidence_line(s, self.evidence.get(i).map_or(&[][..], |e| &e[..])))
            .collect()
    }

    fn evidence_line(&self, s: &CaseSignal, evidence: &[EvidenceInfo]) -> EvidenceLine {
        let json: serde_json::Value = serde_json::from_str(&s.activity_json).unwrap_or_default();
        let field = |v: &serde_json::Value, k: &str| {
            v.get(k)
                .and_then(serde_json::Value::as_str)
                .unwrap_or_default()
                .to_string()
        };
        let mut url = field(&json, "url");
        if url.is_empty() {
            if let Some(t) = json.get("target") {
                let target_url = field(t, "url");
                if !target_url.is_empty() {
                    url = format!(
                        "{} {target_url}",
                        self.pick("(konten yang dituju)", "(target)")
                    );
                }
            }
        }
        if url.is_empty() {
            url = format!("{} {}", self.pick("id", "id"), s.signal.activity_id);
        }
        let mut text = field(&json, "text");
        if text.is_empty() {
            if let Some(t) = json.get("target") {
                let target_text = field(t, "text");
                if !target_text.is_empty() {
                    text = format!("{} «{target_text}»", self.pick("pada konten", "on content"));
                }
            }
        } else {
            text = format!("«{text}»");
        }
        let capture = evidence
            .iter()
            .find(|e| e.sha256 == s.activity_sha256)
            .or_else(|| evidence.first())
            .and_then(|e| e.captures.first());
        let captured = capture.map_or_else(
            || self.pick("(tidak tercatat)", "(not recorded)").to_string(),
            |c| {
                format!(
                    "{}\n{} {}\n{} {}",
                    self.local(&c.captured_at),
                    self.pick("oleh", "by"),
                    c.imported_by,
                    self.pick("dari", "from"),
                    c.source
                )
            },
        );
        EvidenceLine {
            activity_id: s.signal.activity_id.clone(),
            platform: s.signal.platform.clone(),
            kind: self.lang.kind(&s.signal.kind).to_string(),
            when: self.local(&s.signal.created_at_utc),
            url,
            text,
            captured,
            sha256: s.activity_sha256.clone(),
        }
    }

    /// The public reports' screenshots as rows of the evidence table:
    /// `[what, content, captured, sha256]`.
    fn public_rows(&self) -> Vec<[String; 4]> {
        self.public
            .iter()
            .map(|e| {
                [
                    format!(
                        "{} {}\n{} {}",
                        self.pick(
                            "Tangkapan layar dari laporan masyarakat no.",
                            "Screenshot from public report no."
                        ),
                        e.report_id,
                        self.pick("diterima", "received"),
                        self.local(&e.received_at)
                    ),
                    format!(
                        "{}, {} {}\n{}",
                        e.media_type,
                        self.lang.count(e.size),
                        self.pick("bita", "bytes"),
                        self.pick(
                            "(identitas dan kontak pelapor tidak dicantumkan)",
                            "(the reporter's identity and contact are not given)"
                        )
                    ),
                    format!(
                        "{} {}\n{} {}",
                        self.pick("ditautkan ke kasus", "joined to the case"),
                        self.local(&e.linked_at),
                        self.pick("oleh", "by"),
                        e.linked_by
                    ),
                    e.sha256.clone(),
                ]
            })
            .collect()
    }

    /// The dates of the case's history: the last move to `state`, `(when, by, reason)`.
    fn last_move_to(&self, state: CaseState) -> Option<(String, String, String)> {
        self.detail
            .events
            .iter()
            .rev()
            .find(|e| e.to == state)
            .map(|e| {
                (
                    self.local(&e.at),
                    e.actor.clone(),
                    crate::cases::event_reason(&e.reason, self.lang),
                )
            })
    }

    /// The accounts the case's activities came from: `instagram:novi, x:novi`.
    fn accounts(&self) -> String {
        let mut a: Vec<&str> = self
            .detail
            .signals
            .iter()
            .map(|s| s.signal.account_key.as_str())
            .collect();
        a.sort_unstable();
        a.dedup();
        a.join(", ")
    }

    fn platforms(&self) -> String {
        let mut p: Vec<&str> = self
            .detail
            .signals
            .iter()
            .map(|s| s.signal.platform.as_str())
            .collect();
        p.sort_unstable();
        p.dedup();
        p.join(", ")
    }

    fn stance_phrase(&self) -> &str {
        match (self.detail.case.label, self.lang) {
            (Label::Oppose, Lang::Id) => "sikap menyerang terhadap",
            (Label::Oppose, Lang::En) => "opposition to",
            (_, Lang::Id) => "dukungan kepada",
            (_, Lang::En) => "support for",
        }
    }

    /// The case's violations from the catalogue: `(code — title, basis, sanction)`.
    fn violations(&self) -> Vec<(String, String, String)> {
        self.detail
            .case
            .rules
            .iter()
            .map(
                |code| match self.catalogue.violations.iter().find(|v| &v.code == code) {
                    Some(v) => (
                        format!("{code} — {}", self.pick(&v.title.id, &v.title.en)),
                        v.legal_basis.join("; "),
                        self.pick(&v.sanction.id, &v.sanction.en).to_string(),
                    ),
                    None => (
                        code.clone(),
                        self.pick("(tidak ada di katalog)", "(not in the catalogue)")
                            .to_string(),
                        String::new(),
                    ),
                },
            )
            .collect()
    }

    fn earliest_detection(&self) -> Option<DateTime<Utc>> {
        self.detail
            .signals
            .iter()
            .filter_map(|s| parse_utc(&s.signal.detected_at))
            .min()
    }

    fn deadline_line(&self) -> String {
        let c = &self.detail.case;
        let Some(d) = parse_utc(&c.deadline) else {
            return c.deadline.clone();
        };
        let when = self.lang.date_time(d, self.zone);
        let open = !matches!(
            c.state,
            CaseState::Reported | CaseState::SanctionRecorded | CaseState::Dismissed
        );
        if !open {
            return when;
        }
        let status = if d >= self.now {
            let days = u64::try_from((d - self.now).num_days()).unwrap_or(0);
            match self.lang {
                Lang::Id => format!("sisa {}", self.lang.counted(days, "hari", "day", "days")),
                Lang::En => format!("{} left", self.lang.counted(days, "hari", "day", "days")),
            }
        } else {
            let days = u64::try_from((self.now - d).num_days()).unwrap_or(0);
            match self.lang {
                Lang::Id => format!(
                    "SUDAH LEWAT {}",
                    self.lang.counted(days, "hari", "day", "days")
                ),
                Lang::En => format!(
                    "PASSED {} ago",
                    self.lang.counted(days, "hari", "day", "days")
                ),
            }
        };
        format!("{when} ({status})")
    }
}

/// A SHA-256 in groups of 16 hex digits, so it wraps at the groups and
/// reads in chunks: `11aad56bff7cc916 fff7b8e50ac5d166 …`.
pub(crate) fn hash_groups(hex: &str) -> String {
    hex.as_bytes()
        .chunks(16)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words of the page numbers: `Halaman 1 dari 3` / `Page 1 of 3`.
pub(crate) fn page_words(lang: Lang) -> (String, String) {
    (
        lang.pick("Halaman", "Page").to_string(),
        lang.pick("dari", "of").to_string(),
    )
}

/// The letterhead from the office settings, or a plain header with a note.
pub(crate) fn letterhead(office: Option<&LoadedOffice>, lang: Lang) -> Letterhead {
    match office {
        Some(o) => {
            let mut lines = Vec::new();
            if let Some(a) = &o.office.address {
                lines.push(a.clone());
            }
            let contact: Vec<String> = [
                o.office
                    .phone
                    .as_ref()
                    .map(|p| format!("{} {p}", lang.pick("Telepon", "Phone"))),
                o.office.email.as_ref().map(|e| format!("Email {e}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            if !contact.is_empty() {
                lines.push(contact.join(" · "));
            }
            Letterhead::Office {
                parent: o.office.parent.clone(),
                name: o.office.name.clone(),
                lines,
                logo: o.logo.clone(),
            }
        }
        None => Letterhead::Plain {
            title: "netra".into(),
            note: lang
                .pick(
                    "Kop surat belum diatur: tulis nama kantor, alamat, logo dan jabatan penanda tangan \
                     di office.toml dalam direktori data (atau --office FILE); lihat `netra report --help`.",
                    "No letterhead set: put the office's name, address, logo and the signer's title in \
                     office.toml in the data directory (or --office FILE); see `netra report --help`.",
                )
                .to_string(),
        },
    }
}

/// The running head and author: the office's name, or netra.
pub(crate) fn office_name(office: Option<&LoadedOffice>) -> String {
    office.map_or_else(|| "netra".to_string(), |o| o.office.name.clone())
}

fn signer_title(input: &CaseDocInput<'_>) -> String {
    input.office.map_or_else(
        || {
            input
                .pick("(jabatan penanda tangan)", "(signer's position)")
                .to_string()
        },
        |o| o.office.signer.title.clone(),
    )
}

fn place_date(input: &CaseDocInput<'_>) -> String {
    let date = input.local_date(input.now);
    match input.office.and_then(|o| o.office.city.as_ref()) {
        Some(city) => format!("{city}, {date}"),
        None => date,
    }
}

/// The footer of every case document: the case and its version.
fn footer(input: &CaseDocInput<'_>) -> String {
    let (c, lang) = (&input.detail.case, input.lang);
    format!(
        "netra · {} {} · {} {}",
        lang.pick("kasus", "case"),
        c.id,
        lang.pick("versi", "version"),
        c.version
    )
}

/// A letter's place and date, then its number (to fill in, this year),
/// classification, enclosure and subject.
fn letter_head_blocks(
    input: &CaseDocInput<'_>,
    classification: String,
    subject: String,
) -> [Block; 2] {
    let p = |id: &'static str, en: &'static str| input.lang.pick(id, en).to_string();
    let date = input.local_date(input.now);
    let year = date.rsplit(' ').next().unwrap_or_default();
    [
        Block::Para(place_date(input)),
        Block::Fields(vec![
            (p("Nomor", "Number"), format!("......../......../{year}")),
            (p("Sifat", "Classification"), classification),
            (p("Lampiran", "Enclosure"), p("-", "-")),
            (p("Hal", "Subject"), subject),
        ]),
    ]
}

fn history_lines(input: &CaseDocInput<'_>) -> Vec<Vec<String>> {
    input
        .detail
        .events
        .iter()
        .map(|ev| {
            vec![
                input.local(&ev.at),
                format!(
                    "{} → {}",
                    ev.from.map_or("·", |s| input.lang.state(s)),
                    input.lang.state(ev.to)
                ),
                ev.actor.clone(),
                crate::cases::event_reason(&ev.reason, input.lang),
            ]
        })
        .collect()
}

/// The report to Bawaslu: reporter, reported person, what happened, when
/// and where, the evidence (URL, capture, SHA-256), why netra flagged it,
/// the legal basis, the 7-day deadline, the review history, the signature.
#[allow(clippy::too_many_lines, reason = "one form, section after section")]
pub fn bawaslu_document(input: &CaseDocInput<'_>) -> Doc {
    let c = &input.detail.case;
    let lang = input.lang;
    let p = |id: &'static str, en: &'static str| lang.pick(id, en).to_string();
    let mut blocks = vec![
        Block::Title(p(
            "LAPORAN DUGAAN PELANGGARAN NETRALITAS APARATUR SIPIL NEGARA",
            "REPORT OF A SUSPECTED BREACH OF CIVIL SERVANT (ASN) NEUTRALITY",
        )),
        Block::Subtitle(format!(
            "{} — {}: {}",
            input.election(),
            p("nomor kasus netra", "netra case no."),
            c.id
        )),
        Block::Para(format!(
            "{}:\n{}",
            p("Kepada Yth.", "To"),
            p(
                "Badan Pengawas Pemilihan Umum (Bawaslu) yang berwenang",
                "the competent Election Supervisory Agency (Bawaslu)"
            )
        )),
        Block::Heading(p("I. Identitas Pelapor", "I. Reporter")),
    ];
    let mut reporter = vec![(
        p("Instansi", "Office"),
        input.office.map_or_else(
            || p("(belum diatur di office.toml)", "(not set in office.toml)"),
            |o| o.office.name.clone(),
        ),
    )];
    if let Some(a) = input.office.and_then(|o| o.office.address.clone()) {
        reporter.push((p("Alamat", "Address"), a));
    }
    reporter.push((p("Nama pelapor", "Reporter's name"), input.signer_name()));
    reporter.push((p("Jabatan", "Position"), signer_title(input)));
    if let Some(n) = input.office.and_then(|o| o.office.signer.nip.clone()) {
        reporter.push(("NIP".into(), n));
    }
    blocks.push(Block::Fields(reporter));
    blocks.push(Block::Heading(p(
        "II. Identitas Terlapor",
        "II. Reported person",
    )));
    blocks.push(Block::Fields(vec![
        (p("Nama", "Name"), c.name.clone()),
        ("NIP".into(), c.nip.clone()),
        (p("Jabatan", "Position"), c.position.clone()),
        (p("Unit kerja / instansi", "Unit / office"), c.unit.clone()),
        (
            p("Akun media sosial", "Social-media accounts"),
            input.accounts(),
        ),
    ]));
    blocks.push(Block::Heading(p(
        "III. Peristiwa yang Dilaporkan",
        "III. What happened",
    )));
    let first = input.local(&c.first_seen);
    let last = input.local(&c.last_seen);
    let n = input.detail.signals.len() as u64;
    let story = match lang {
        Lang::Id => format!(
            "Dalam pengawasan netralitas ASN pada {}, ditemukan {} di media sosial oleh akun yang \
             terdaftar atas nama terlapor, yang menunjukkan {} {}, antara {first} dan {last}. \
             Rincian setiap aktivitas dan buktinya ada di bagian IV.",
            input.election(),
            lang.counted(n, "aktivitas", "activity", "activities"),
            input.stance_phrase(),
            input.pair()
        ),
        Lang::En => format!(
            "While monitoring civil-servant neutrality in {}, {} on social media by accounts \
             registered to the reported person were found showing {} {}, between {first} and \
             {last}. Each activity and its evidence is listed in section IV.",
            input.election(),
            lang.counted(n, "aktivitas", "activity", "activities"),
            input.stance_phrase(),
            input.pair()
        ),
    };
    blocks.push(Block::Para(story));
    let when = if first == last {
        first.clone()
    } else {
        format!("{first} {} {last}", p("s.d.", "to"))
    };
    blocks.push(Block::Fields(vec![
        (p("Waktu kejadian", "When"), when),
        (
            p("Tempat kejadian", "Where"),
            format!(
                "{}: {}",
                p("media sosial", "social media"),
                input.platforms()
            ),
        ),
        (
            p("Diketahui (terdeteksi)", "Known (detected)"),
            input
                .earliest_detection()
                .map_or_else(|| "—".into(), |d| lang.date_time(d, input.zone)),
        ),
        (
            p("Batas waktu laporan", "Reporting deadline"),
            format!(
                "{}\n{}",
                input.deadline_line(),
                p(
                    "7 hari sejak pelanggaran diketahui (Perbawaslu tentang penanganan pelanggaran, pasal 134)",
                    "7 days from when the breach became known (Perbawaslu on handling violations, art. 134)"
                )
            ),
        ),
        (
            p("Kelas / bobot", "Class / severity"),
            format!("{} / {}", lang.class(c.class), lang.severity(c.severity)),
        ),
    ]));

    blocks.push(Block::Heading(p("IV. Bukti", "IV. Evidence")));
    blocks.push(input.evidence_table(true));
    blocks.push(Block::Small(p(
        "Setiap bukti disimpan utuh sebagai JSON aktivitas aslinya, dialamatkan dengan SHA-256 isinya, \
         bersama waktu penangkapan, sumber dan petugas yang menangkapnya; siapa pun dapat memeriksanya \
         kembali (`netra evidence verify`). Karakter yang tidak dapat dicetak (mis. emoji) tampil di \
         sini sebagai [U+…]; aslinya tetap di bukti.",
        "Each piece of evidence is kept intact as the activity's original JSON, addressed by the \
         SHA-256 of its content, with when it was captured, from where and by whom; anyone can check \
         it again (`netra evidence verify`). Characters that cannot be printed (e.g. emoji) show here \
         as [U+…]; the original stays in the evidence.",
    )));
    if !input.public.is_empty() {
        blocks.push(Block::Small(p(
            "Tangkapan layar dari laporan masyarakat disimpan sebagai berkas aslinya, dialamatkan dengan \
             SHA-256 isinya, sejak laporan diterima melalui formulir publik; nomor laporan merujuk ke \
             catatan kantor. Identitas dan kontak pelapor tidak dicantumkan dalam dokumen ini.",
            "Screenshots from reports from the public are kept as their original files, addressed by \
             the SHA-256 of their content, since the report came through the public form; the report \
             number refers to the office's records. The reporter's identity and contact are not given \
             in this document.",
        )));
    }

    blocks.push(Block::Heading(p(
        "V. Alasan Penandaan oleh netra",
        "V. Why netra flagged it",
    )));
    for (i, s) in input.detail.signals.iter().enumerate() {
        let reasons: Vec<String> = s
            .signal
            .reasons
            .iter()
            .filter(|r| !matches!(r, netra_core::Reason::Violation { .. }))
            .map(|r| crate::reasons::render(r, lang))
            .collect();
        blocks.push(Block::Para(format!(
            "{}. {} ({} {}, {} {:02}, {} {}): {}",
            i + 1,
            s.signal.activity_id,
            p("aturan", "rule"),
            s.signal.rule,
            lang.label(s.signal.label),
            s.signal.target,
            p("skor", "score"),
            lang.decimal(s.signal.score, 2),
            if reasons.is_empty() {
                "—".to_string()
            } else {
                reasons.join("; ")
            }
        )));
    }

    blocks.push(Block::Heading(p(
        "VI. Dasar Hukum yang Diduga Dilanggar",
        "VI. Legal basis claimed",
    )));
    for (title, basis, sanction) in input.violations() {
        let mut t = format!("{title}\n{}: {basis}", p("Dasar hukum", "Legal basis"));
        if !sanction.is_empty() {
            let _ = write!(t, "\n{}: {sanction}", p("Sanksi", "Sanction"));
        }
        blocks.push(Block::Para(t));
    }

    blocks.push(Block::Heading(p("VII. Saksi", "VII. Witnesses")));
    blocks.push(Block::Para(p(
        "Tidak ada saksi yang dicatat di netra; bukti elektronik sebagaimana bagian IV.",
        "No witnesses are recorded in netra; the electronic evidence is in section IV.",
    )));

    blocks.push(Block::Heading(p(
        "VIII. Pemeriksaan dan Keputusan",
        "VIII. Review and decision",
    )));
    blocks.push(Block::Table {
        widths: vec![2.0, 2.2, 1.2, 4.0],
        header: vec![
            p("Waktu", "When"),
            p("Status", "State"),
            p("Oleh", "By"),
            p("Alasan", "Reason"),
        ],
        rows: history_lines(input),
    });
    blocks.push(Block::Fields(vec![(
        p("Klarifikasi ASN", "ASN's clarification"),
        c.clarification
            .clone()
            .unwrap_or_else(|| p("(tidak ada yang tercatat)", "(none recorded)")),
    )]));
    blocks.push(Block::Para(p(
        "Laporan ini disusun dari temuan yang telah diperiksa dan dikonfirmasi oleh petugas. Sinyal \
         dari mesin bukan temuan: setiap kasus diputuskan oleh orang, dan netra tidak mengirim apa pun \
         secara otomatis.",
        "This report is drawn from a finding that staff reviewed and confirmed. A machine signal is \
         not a finding: people decide each case, and netra sends nothing on its own.",
    )));
    blocks.push(Block::Signature {
        place_date: place_date(input),
        role: p("Pelapor,", "Reporter,"),
        title: signer_title(input),
        name: input.signer_name(),
        nip: input.office.and_then(|o| o.office.signer.nip.clone()),
    });
    Doc {
        title: format!(
            "{} {}",
            p("Laporan Bawaslu — kasus", "Bawaslu report — case"),
            c.id
        ),
        author: office_name(input.office),
        letterhead: letterhead(input.office, lang),
        running_head: format!(
            "{} — {} {} — {} ({})",
            office_name(input.office),
            p(
                "Laporan dugaan pelanggaran netralitas ASN, kasus",
                "Neutrality report, case"
            ),
            c.id,
            c.name,
            c.nip
        ),
        footer: footer(input),
        page_words: page_words(lang),
        blocks,
    }
}

/// The letter asking the ASN to clarify, with the activities and the
/// provisions they may breach, and the date to answer by.
#[allow(
    clippy::too_many_lines,
    reason = "one letter, paragraph after paragraph"
)]
pub fn clarification_document(input: &CaseDocInput<'_>) -> Doc {
    let c = &input.detail.case;
    let lang = input.lang;
    let p = |id: &'static str, en: &'static str| lang.pick(id, en).to_string();
    let [place, fields] = letter_head_blocks(
        input,
        p("Segera, rahasia", "Urgent, confidential"),
        p("Permintaan klarifikasi", "Request for clarification"),
    );
    let mut blocks = vec![
        place,
        fields,
        Block::Para(format!(
            "{}\n{}\nNIP {}\n{}, {}\n{}",
            p("Yth.", "To"),
            c.name,
            c.nip,
            c.position,
            c.unit,
            p("di tempat", "")
        )),
    ];
    let intro = match lang {
        Lang::Id => format!(
            "Dalam rangka pengawasan netralitas Aparatur Sipil Negara pada {}, {} menemukan aktivitas \
             media sosial pada akun yang terdaftar atas nama Saudara ({}) yang diduga menunjukkan {} {}, \
             sebagai berikut:",
            input.election(),
            office_name(input.office),
            input.accounts(),
            input.stance_phrase(),
            input.pair()
        ),
        Lang::En => format!(
            "While monitoring the neutrality of civil servants in {}, {} found activity on social-media \
             accounts registered to you ({}) that may show {} {}, as follows:",
            input.election(),
            office_name(input.office),
            input.accounts(),
            input.stance_phrase(),
            input.pair()
        ),
    };
    blocks.push(Block::Para(intro));
    let lines = input.evidence_lines();
    blocks.push(Block::Table {
        widths: vec![0.4, 2.2, 5.4],
        header: vec![
            p("No", "No"),
            p("Waktu dan platform", "When and where"),
            p("Tautan dan isi", "Link and content"),
        ],
        rows: lines
            .iter()
            .enumerate()
            .map(|(i, e)| {
                vec![
                    (i + 1).to_string(),
                    format!("{}\n{} · {}", e.when, e.platform, e.kind),
                    if e.text.is_empty() {
                        e.url.clone()
                    } else {
                        format!("{}\n{}", e.url, e.text)
                    },
                ]
            })
            .collect(),
    });
    let provisions: Vec<String> = input
        .violations()
        .into_iter()
        .map(|(t, b, _)| format!("- {t} ({b})"))
        .collect();
    blocks.push(Block::Para(format!(
        "{}\n{}",
        p(
            "Aktivitas tersebut diduga tidak sesuai dengan ketentuan berikut:",
            "This activity may breach the following provisions:"
        ),
        provisions.join("\n")
    )));
    let by = parse_utc(&c.deadline).map_or_else(|| c.deadline.clone(), |d| input.local_date(d));
    blocks.push(Block::Para(match lang {
        Lang::Id => format!(
            "Temuan ini belum merupakan keputusan. Sebelum keputusan diambil, kami memberi kesempatan \
             kepada Saudara untuk menyampaikan klarifikasi secara tertulis, termasuk apabila akun \
             tersebut bukan milik Saudara atau aktivitas itu memiliki penjelasan lain, paling lambat \
             tanggal {by}."
        ),
        Lang::En => format!(
            "This is not yet a decision. Before one is made, you may explain in writing, including if \
             the account is not yours or the activity has another explanation, by {by}."
        ),
    }));
    blocks.push(Block::Para(p(
        "Demikian kami sampaikan. Atas perhatian dan kerja sama Saudara, kami ucapkan terima kasih.",
        "Thank you for your attention and cooperation.",
    )));
    blocks.push(Block::Signature {
        place_date: String::new(),
        role: String::new(),
        title: format!("{},", signer_title(input)),
        name: input.signer_name(),
        nip: input.office.and_then(|o| o.office.signer.nip.clone()),
    });
    Doc {
        title: format!(
            "{} {}",
            p(
                "Permintaan klarifikasi — kasus",
                "Request for clarification — case"
            ),
            c.id
        ),
        author: office_name(input.office),
        letterhead: letterhead(input.office, lang),
        running_head: format!(
            "{} — {} — {} ({})",
            office_name(input.office),
            p("Permintaan klarifikasi", "Request for clarification"),
            c.name,
            c.nip
        ),
        footer: footer(input),
        page_words: page_words(lang),
        blocks,
    }
}

/// The letter to BKN about a case reported to Bawaslu: the ASN, the
/// violation (code, class, legal basis, sanction range), the dates, the
/// evidence with its hashes, the sanction when one is recorded, and the
/// request to monitor the PPK's follow-up; copies to the PPK and Bawaslu.
#[allow(
    clippy::too_many_lines,
    reason = "one letter, paragraph after paragraph"
)]
pub fn bkn_document(input: &CaseDocInput<'_>) -> Doc {
    let c = &input.detail.case;
    let lang = input.lang;
    let p = |id: &'static str, en: &'static str| lang.pick(id, en).to_string();
    let reported = input.last_move_to(CaseState::Reported);
    let sanction = (c.state == CaseState::SanctionRecorded)
        .then(|| input.last_move_to(CaseState::SanctionRecorded))
        .flatten();
    let [place, fields] = letter_head_blocks(
        input,
        p("Segera", "Urgent"),
        p(
            "Pemberitahuan dugaan pelanggaran netralitas ASN yang telah dilaporkan ke Bawaslu \
             dan permohonan pemantauan tindak lanjut",
            "Notice of a suspected breach of civil-servant neutrality reported to Bawaslu, and \
             request to monitor its follow-up",
        ),
    );
    let mut blocks = vec![
        place,
        fields,
        Block::Para(format!(
            "{}\n{}\n{}\n{}",
            p("Yth.", "To"),
            p(
                "Kepala Badan Kepegawaian Negara (BKN)",
                "the Head of the National Civil Service Agency (BKN)"
            ),
            p(
                "u.p. Satuan Tugas Pengawasan Netralitas ASN",
                "attn. the civil-servant neutrality task force"
            ),
            p("di Jakarta", "Jakarta")
        )),
    ];
    let reported_on = reported
        .as_ref()
        .map_or_else(|| "—".to_string(), |(at, _, _)| at.clone());
    blocks.push(Block::Para(match lang {
        Lang::Id => format!(
            "Dalam rangka pengawasan netralitas Aparatur Sipil Negara pada {}, {} telah menemukan, \
             memeriksa dan mengonfirmasi dugaan pelanggaran netralitas oleh ASN berikut, dan telah \
             melaporkannya kepada Badan Pengawas Pemilihan Umum (Bawaslu) pada {reported_on} (nomor \
             kasus netra {}). Dengan ini kami sampaikan pemberitahuannya kepada BKN sebagai berikut.",
            input.election(),
            office_name(input.office),
            c.id
        ),
        Lang::En => format!(
            "While monitoring the neutrality of civil servants in {}, {} found, reviewed and \
             confirmed a suspected breach of neutrality by the civil servant below, and reported it \
             to the Election Supervisory Agency (Bawaslu) on {reported_on} (netra case no. {}). We \
             hereby notify BKN as follows.",
            input.election(),
            office_name(input.office),
            c.id
        ),
    }));

    blocks.push(Block::Heading(p(
        "A. Identitas ASN",
        "A. The civil servant",
    )));
    blocks.push(Block::Fields(vec![
        (p("Nama", "Name"), c.name.clone()),
        ("NIP".into(), c.nip.clone()),
        (p("Jabatan", "Position"), c.position.clone()),
        (p("Unit kerja / instansi", "Unit / office"), c.unit.clone()),
    ]));

    blocks.push(Block::Heading(p(
        "B. Dugaan Pelanggaran",
        "B. Suspected violation",
    )));
    for code in &c.rules {
        let fields = match input.catalogue.violations.iter().find(|v| &v.code == code) {
            Some(v) => vec![
                (
                    p("Kode", "Code"),
                    format!("{code} — {}", lang.pick(&v.title.id, &v.title.en)),
                ),
                (
                    p("Jenis", "Class"),
                    match v.class {
                        netra_core::CaseClass::Ethics => {
                            p("pelanggaran kode etik", "breach of the code of ethics")
                        }
                        netra_core::CaseClass::Discipline => {
                            p("pelanggaran disiplin", "breach of discipline")
                        }
                    },
                ),
                (p("Dasar hukum", "Legal basis"), v.legal_basis.join("; ")),
                (
                    p("Rentang sanksi", "Sanction range"),
                    lang.pick(&v.sanction.id, &v.sanction.en).to_string(),
                ),
            ],
            None => vec![(
                p("Kode", "Code"),
                format!(
                    "{code} {}",
                    p("(tidak ada di katalog)", "(not in the catalogue)")
                ),
            )],
        };
        blocks.push(Block::Fields(fields));
    }

    blocks.push(Block::Heading(p("C. Waktu", "C. Dates")));
    let first = input.local(&c.first_seen);
    let last = input.local(&c.last_seen);
    let activity = if first == last {
        first
    } else {
        format!("{first} {} {last}", p("s.d.", "to"))
    };
    let by = |m: &Option<(String, String, String)>| {
        m.as_ref().map_or_else(
            || p("(tidak tercatat)", "(not recorded)"),
            |(at, actor, _)| format!("{at} ({} {actor})", p("oleh", "by")),
        )
    };
    let mut dates = vec![
        (p("Waktu kegiatan", "Activity"), activity),
        (
            p("Dikonfirmasi petugas", "Confirmed by staff"),
            by(&input.last_move_to(CaseState::Confirmed)),
        ),
        (
            p("Dilaporkan ke Bawaslu", "Reported to Bawaslu"),
            by(&reported),
        ),
    ];
    if let Some((_, _, reason)) = &reported {
        if !reason.trim().is_empty() {
            dates.push((p("Catatan pelaporan", "Filing note"), reason.clone()));
        }
    }
    blocks.push(Block::Fields(dates));

    blocks.push(Block::Heading(p("D. Bukti", "D. Evidence")));
    blocks.push(input.evidence_table(false));
    blocks.push(Block::Small(p(
        "Bukti disimpan utuh di netra, dialamatkan dengan SHA-256 isinya, dan dapat diperiksa kembali \
         (`netra evidence verify`); rinciannya ada dalam laporan kepada Bawaslu.",
        "The evidence is kept intact in netra, addressed by the SHA-256 of its content, and can be \
         checked again (`netra evidence verify`); the details are in the report to Bawaslu.",
    )));

    blocks.push(Block::Heading(p(
        "E. Sanksi yang Dijatuhkan",
        "E. Sanction imposed",
    )));
    match &sanction {
        Some((at, actor, reason)) => blocks.push(Block::Fields(vec![
            (p("Sanksi", "Sanction"), reason.clone()),
            (
                p("Dicatat", "Recorded"),
                format!("{at} ({} {actor})", p("oleh", "by")),
            ),
        ])),
        None => blocks.push(Block::Para(match lang {
            Lang::Id => format!(
                "Sampai dengan {}, belum ada sanksi yang dicatat atas kasus ini.",
                input.local_date(input.now)
            ),
            Lang::En => format!(
                "As of {}, no sanction has been recorded for this case.",
                input.local_date(input.now)
            ),
        })),
    }

    blocks.push(Block::Para(match (lang, sanction.is_some()) {
        (Lang::Id, false) => "Sehubungan dengan hal tersebut, kami mohon BKN melakukan verifikasi atas \
             rekomendasi Bawaslu dan memantau tindak lanjutnya oleh Pejabat Pembina Kepegawaian (PPK) \
             instansi yang bersangkutan, termasuk penjatuhan sanksi sesuai ketentuan; apabila PPK tidak \
             menindaklanjutinya, kami mohon BKN mengambil langkah sesuai kewenangannya, termasuk \
             pemblokiran data kepegawaian."
            .to_string(),
        (Lang::Id, true) => "Sehubungan dengan hal tersebut, kami mohon BKN melakukan verifikasi atas \
             rekomendasi Bawaslu dan memantau pelaksanaan sanksi di atas oleh Pejabat Pembina \
             Kepegawaian (PPK) instansi yang bersangkutan sampai tuntas, sesuai kewenangannya."
            .to_string(),
        (Lang::En, false) => "We therefore ask BKN to verify Bawaslu's recommendation and to monitor \
             its follow-up by the employing official (PPK) of the civil servant's agency, including \
             the imposition of a sanction as the rules provide; should the PPK not act, we ask BKN to \
             take the steps within its authority, including blocking the personnel records."
            .to_string(),
        (Lang::En, true) => "We therefore ask BKN to verify Bawaslu's recommendation and to monitor, \
             within its authority, that the employing official (PPK) of the civil servant's agency \
             carries out the sanction above in full."
            .to_string(),
    }));
    blocks.push(Block::Para(p(
        "Demikian kami sampaikan. Atas perhatian dan kerja samanya, kami ucapkan terima kasih.",
        "Thank you for your attention and cooperation.",
    )));
    blocks.push(Block::Signature {
        place_date: String::new(),
        role: String::new(),
        title: format!("{},", signer_title(input)),
        name: input.signer_name(),
        nip: input.office.and_then(|o| o.office.signer.nip.clone()),
    });
    blocks.push(Block::Small(format!(
        "{}\n1. {} {}\n2. {}",
        p("Tembusan:", "Copies to:"),
        p(
            "Pejabat Pembina Kepegawaian (PPK) instansi",
            "the employing official (PPK) of"
        ),
        c.unit,
        p(
            "Badan Pengawas Pemilihan Umum (Bawaslu) yang berwenang",
            "the competent Election Supervisory Agency (Bawaslu)"
        )
    )));
    Doc {
        title: format!(
            "{} {}",
            p("Surat kepada BKN — kasus", "Letter to BKN — case"),
            c.id
        ),
        author: office_name(input.office),
        letterhead: letterhead(input.office, lang),
        running_head: format!(
            "{} — {} {} — {} ({})",
            office_name(input.office),
            p("Pemberitahuan kepada BKN, kasus", "Notice to BKN, case"),
            c.id,
            c.name,
            c.nip
        ),
        footer: footer(input),
        page_words: page_words(lang),
        blocks,
    }
}
