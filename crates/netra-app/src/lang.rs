//! The language of what users read: Bahasa Indonesia by default, English as an option.
//!
//! Only what people read goes through here: tables and text reports. Machine
//! formats (`--format jsonl|csv`, the classify JSONL contract, command-line
//! values such as `--to in_review`) keep their stable English spellings.

use chrono::{DateTime, Datelike as _, NaiveDate, Offset as _, Timelike as _, Utc};
use chrono_tz::Tz;
use netra_core::{ActivityKind, CaseClass, CaseState, Label, Severity};

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    /// Bahasa Indonesia.
    #[default]
    Id,
    /// English.
    En,
}

const BULAN: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The name people use for `t`'s time zone: WIB, WITA or WIT for the
/// Indonesian zones, else the offset from UTC (`UTC`, `UTC+8`, `UTC+5:30`).
pub fn zone_name(t: &DateTime<Tz>) -> String {
    match t.timezone() {
        Tz::Asia__Jakarta | Tz::Asia__Pontianak => "WIB".into(),
        Tz::Asia__Makassar => "WITA".into(),
        Tz::Asia__Jayapura => "WIT".into(),
        _ => {
            let secs = t.offset().fix().local_minus_utc();
            let (sign, secs) = if secs < 0 { ('-', -secs) } else { ('+', secs) };
            let (h, m) = (secs / 3600, secs % 3600 / 60);
            match (h, m) {
                (0, 0) => "UTC".into(),
                (h, 0) => format!("UTC{sign}{h}"),
                (h, m) => format!("UTC{sign}{h}:{m:02}"),
            }
        }
    }
}

impl Lang {
    /// Picks the Indonesian or the English text.
    pub fn pick<'a>(self, id: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }

    /// Formats a count with the language's thousands separator (`20.000` / `20,000`).
    pub fn count(self, n: u64) -> String {
        let sep = match self {
            Lang::Id => '.',
            Lang::En => ',',
        };
        let digits = n.to_string();
        let mut out = String::with_capacity(digits.len() + digits.len() / 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push(sep);
            }
            out.push(c);
        }
        out
    }

    /// A count and its noun: `2 aktivitas`; `1 activity`, `2 activities`
    /// (Indonesian nouns do not change with the number).
    pub fn counted(self, n: u64, id: &str, en_one: &str, en_many: &str) -> String {
        let noun = match self {
            Lang::Id => id,
            Lang::En if n == 1 => en_one,
            Lang::En => en_many,
        };
        format!("{} {noun}", self.count(n))
    }

    /// A number with `places` decimals and the language's decimal mark
    /// (`0,85` / `0.85`).
    pub fn decimal(self, x: f64, places: usize) -> String {
        let s = format!("{x:.places$}");
        match self {
            Lang::Id => s.replace('.', ","),
            Lang::En => s,
        }
    }

    /// The month's name (1 = January).
    pub fn month(self, month: u32) -> &'static str {
        let names = match self {
            Lang::Id => &BULAN,
            Lang::En => &MONTHS,
        };
        month
            .checked_sub(1)
            .and_then(|i| names.get(i as usize))
            .copied()
            .unwrap_or("?")
    }

    /// A date as people write it: `3 Desember 2026` / `3 December 2026`.
    pub fn date(self, d: NaiveDate) -> String {
        format!("{} {} {}", d.day(), self.month(d.month()), d.year())
    }

    /// A moment in the zone `tz`, with the zone's name (see `zone_name`):
    /// `3 Desember 2026 07.02 WIB` / `3 December 2026, 07:02 WIB`.
    pub fn date_time(self, t: DateTime<Utc>, tz: Tz) -> String {
        let local = t.with_timezone(&tz);
        let (h, m) = (local.hour(), local.minute());
        let zone = zone_name(&local);
        let date = self.date(local.date_naive());
        match self {
            Lang::Id => format!("{date} {h:02}.{m:02} {zone}"),
            Lang::En => format!("{date}, {h:02}:{m:02} {zone}"),
        }
    }

    /// A case state as people say it (`dalam peninjauan` / `in review`);
    /// the command line and the exports keep `in_review`.
    pub fn state(self, s: CaseState) -> &'static str {
        match s {
            CaseState::New => self.pick("baru", "new"),
            CaseState::InReview => self.pick("dalam peninjauan", "in review"),
            CaseState::ClarificationRequested => {
                self.pick("menunggu klarifikasi", "clarification requested")
            }
            CaseState::Confirmed => self.pick("dikonfirmasi", "confirmed"),
            CaseState::Dismissed => self.pick("dihentikan", "dismissed"),
            CaseState::Reported => self.pick("dilaporkan", "reported"),
            CaseState::SanctionRecorded => self.pick("sanksi dicatat", "sanction recorded"),
        }
    }

    /// A case class (`disiplin`, `etik`).
    pub fn class(self, c: CaseClass) -> &'static str {
        match c {
            CaseClass::Discipline => self.pick("disiplin", "discipline"),
            CaseClass::Ethics => self.pick("etik", "ethics"),
        }
    }

    /// A severity (`rendah`, `sedang`, `tinggi`).
    pub fn severity(self, s: Severity) -> &'static str {
        match s {
            Severity::High => self.pick("tinggi", "high"),
            Severity::Medium => self.pick("sedang", "medium"),
            Severity::Low => self.pick("rendah", "low"),
        }
    }

    /// A stance label (`dukung`, `menyerang`, `netral politik`, `bukan politik`).
    pub fn label(self, l: Label) -> &'static str {
        match l {
            Label::Support => self.pick("dukung", "support"),
            Label::Oppose => self.pick("menyerang", "oppose"),
            Label::PoliticalNeutral => self.pick("netral politik", "politically neutral"),
            Label::NotPolitical => self.pick("bukan politik", "not political"),
        }
    }

    /// An activity kind by its contract spelling (`like` → `suka`), as the
    /// platforms' Indonesian interfaces call it; an unknown spelling as it is.
    pub fn kind(self, kind: &str) -> &str {
        let Some(k) = ActivityKind::parse(kind) else {
            return kind;
        };
        match self {
            Lang::En => k.as_str(),
            Lang::Id => match k {
                ActivityKind::Post => "unggahan",
                ActivityKind::Comment => "komentar",
                ActivityKind::Reply => "balasan",
                ActivityKind::Share => "bagikan",
                ActivityKind::Repost => "posting ulang",
                ActivityKind::Quote => "kutipan",
                ActivityKind::Like => "suka",
                ActivityKind::Follow => "ikuti",
                ActivityKind::Story => "cerita",
                ActivityKind::Profile => "profil",
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_use_the_language_separator() {
        assert_eq!(Lang::Id.count(20_000), "20.000");
        assert_eq!(Lang::En.count(1_234_567), "1,234,567");
        assert_eq!(Lang::Id.count(999), "999");
        assert_eq!(Lang::Id.count(0), "0");
        assert_eq!(
            Lang::Id.counted(1_000, "kasus", "case", "cases"),
            "1.000 kasus"
        );
        assert_eq!(Lang::En.counted(1, "kasus", "case", "cases"), "1 case");
        assert_eq!(Lang::En.counted(0, "kasus", "case", "cases"), "0 cases");
        assert_eq!(Lang::Id.decimal(0.854, 2), "0,85");
        assert_eq!(Lang::En.decimal(0.854, 2), "0.85");
    }

    fn utc(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().to_utc()
    }

    #[test]
    fn dates_are_written_as_people_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 3).unwrap();
        assert_eq!(Lang::Id.date(d), "3 Desember 2026");
        assert_eq!(Lang::En.date(d), "3 December 2026");
        let d = NaiveDate::from_ymd_opt(2024, 11, 27).unwrap();
        assert_eq!(Lang::Id.date(d), "27 November 2024");
        let d = NaiveDate::from_ymd_opt(2025, 2, 1).unwrap();
        assert_eq!(Lang::Id.date(d), "1 Februari 2025");
        assert_eq!(Lang::En.month(5), "May");
        assert_eq!(Lang::Id.month(5), "Mei");
        assert_eq!(Lang::Id.month(13), "?");
    }

    #[test]
    fn date_times_carry_the_indonesian_zone_names_or_the_offset() {
        use chrono_tz::{America, Asia, UTC};
        use Lang::{En, Id};
        let t = "2026-12-03T00:02:00Z";
        // The local date, not the UTC date: 23:30 UTC is the next morning in WIT.
        let late = "2024-11-26T23:30:00Z";
        for (lang, at, tz, want) in [
            (Id, t, Asia::Jakarta, "3 Desember 2026 07.02 WIB"),
            (En, t, Asia::Jakarta, "3 December 2026, 07:02 WIB"),
            (Id, t, Asia::Makassar, "3 Desember 2026 08.02 WITA"),
            (Id, t, Asia::Jayapura, "3 Desember 2026 09.02 WIT"),
            (Id, late, Asia::Jayapura, "27 November 2024 08.30 WIT"),
            (En, t, Asia::Singapore, "3 December 2026, 08:02 UTC+8"),
            (En, t, Asia::Kolkata, "3 December 2026, 05:32 UTC+5:30"),
            (Id, t, America::Sao_Paulo, "2 Desember 2026 21.02 UTC-3"),
            (Id, t, UTC, "3 Desember 2026 00.02 UTC"),
        ] {
            assert_eq!(lang.date_time(utc(at), tz), want, "{lang:?} {at} in {tz}");
        }
    }

    #[test]
    fn words_for_states_classes_severities_labels_and_kinds() {
        assert_eq!(Lang::Id.state(CaseState::New), "baru");
        assert_eq!(Lang::Id.state(CaseState::InReview), "dalam peninjauan");
        assert_eq!(Lang::Id.state(CaseState::Dismissed), "dihentikan");
        assert_eq!(
            Lang::En.state(CaseState::SanctionRecorded),
            "sanction recorded"
        );
        assert_eq!(Lang::Id.class(CaseClass::Discipline), "disiplin");
        assert_eq!(Lang::Id.severity(Severity::High), "tinggi");
        assert_eq!(Lang::Id.label(Label::Oppose), "menyerang");
        assert_eq!(
            Lang::En.label(Label::PoliticalNeutral),
            "politically neutral"
        );
        assert_eq!(Lang::Id.kind("like"), "suka");
        assert_eq!(Lang::En.kind("like"), "like");
        assert_eq!(Lang::Id.kind("webinar"), "webinar");
        for s in CaseState::ALL {
            assert!(!Lang::Id.state(s).contains('_'), "{s}");
            assert_ne!(Lang::Id.state(s), Lang::En.state(s), "{s}");
        }
    }
}
