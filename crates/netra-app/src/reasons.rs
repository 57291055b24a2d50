//! Reasons ([`Reason`]) in the reader's language: Bahasa Indonesia written
//! here, English from the reason's own `Display`.
//!
//! The Indonesian `match` names every variant, without a wildcard arm: a new
//! kind of reason does not compile until it has its Indonesian sentence.
//! Rule codes (`like-official`), account keys, quoted words and the
//! catalogue's text stay as they are.

use std::fmt::Write as _;

use chrono::{NaiveDate, TimeZone as _};
use chrono_tz::Tz;
use netra_core::{ActivityKind, Cue, Feature, Label, Reason, Term};

use crate::Lang;

/// `r` as a sentence in `lang`.
pub fn render(r: &Reason, lang: Lang) -> String {
    match lang {
        Lang::En => r.to_string(),
        Lang::Id => indonesian(r),
    }
}

/// The verb for doing `kind` to some content (`membagikan` konten …).
fn verb(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Post => "mengunggah",
        ActivityKind::Comment => "mengomentari",
        ActivityKind::Reply => "membalas",
        ActivityKind::Share => "membagikan",
        ActivityKind::Repost => "memposting ulang",
        ActivityKind::Quote => "mengutip",
        ActivityKind::Like => "menyukai",
        ActivityKind::Follow => "mengikuti",
        ActivityKind::Story => "mengunggah di cerita",
        ActivityKind::Profile => "mencantumkan di profil",
    }
}

/// "the activity's own text", by kind.
fn own_text(kind: ActivityKind) -> &'static str {
    match kind {
        ActivityKind::Post => "teks unggahan itu sendiri",
        ActivityKind::Comment => "teks komentar itu sendiri",
        ActivityKind::Reply => "teks balasan itu sendiri",
        ActivityKind::Share | ActivityKind::Repost => "teks pengantar saat membagikan",
        ActivityKind::Quote => "teks kutipan itu sendiri",
        ActivityKind::Story => "teks cerita itu sendiri",
        ActivityKind::Profile => "bio profil itu sendiri",
        ActivityKind::Like | ActivityKind::Follow => "teks aktivitas itu sendiri",
    }
}

/// A stance reader's name (`classifier`, `cue words`); another as it is.
fn reader(name: &str) -> &str {
    match name {
        "classifier" => "pengklasifikasi",
        "cue words" => "kata isyarat",
        "cue words, then the classifier" => "kata isyarat, lalu pengklasifikasi",
        other => other,
    }
}

/// A match kind of `netra-text`; another as it is.
fn term_kind(kind: &str) -> &str {
    match kind {
        "account" => "akun",
        "hashtag" => "tagar",
        "name" => "nama",
        "alias" => "alias",
        "slogan" => "slogan",
        "ballot_number" => "nomor urut",
        "finger_gesture" => "gestur jari",
        "party" => "partai",
        other => other,
    }
}

/// `tagar "#X", nama "Y" paslon 3`: the pair once when all terms name it.
fn terms(ts: &[Term]) -> String {
    let one_pair = ts.windows(2).all(|w| w[0].pair == w[1].pair);
    let mut out = Vec::with_capacity(ts.len());
    for t in ts {
        let mut s = format!("{} \"{}\"", term_kind(&t.kind), t.text);
        if !t.sure {
            s.push_str(" (belum pasti)");
        }
        if !one_pair {
            let _ = write!(s, " paslon {}", t.pair);
        }
        out.push(s);
    }
    let mut s = out.join(", ");
    if let (true, Some(t)) = (one_pair, ts.first()) {
        let _ = write!(s, " paslon {}", t.pair);
    }
    s
}

fn cues(cs: &[Cue]) -> String {
    cs.iter()
        .map(|c| {
            if c.negated {
                format!("\"{}\" dinegasikan", c.text)
            } else {
                format!("\"{}\"", c.text)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Features with a decimal comma, so separated by semicolons.
fn features(fs: &[Feature]) -> String {
    fs.iter()
        .map(|x| {
            format!(
                "\"{}\" +{}",
                feature_name(&x.name),
                Lang::Id.decimal(x.weight, 2)
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// A model feature's name in Indonesian. The featuriser names its
/// structural features in a small fixed vocabulary (`named by hashtag`,
/// `support before §P`, `T only`, `title case 2/3`, …); text n-grams
/// (`jangan pilih §P`) are the post's own words and stay as they are.
fn feature_name(name: &str) -> std::borrow::Cow<'_, str> {
    use std::borrow::Cow;
    let kind = |k: &str| match k {
        "name" => Some("nama"),
        "hashtag" => Some("tagar"),
        "ballot number" => Some("nomor urut"),
        "slogan" => Some("slogan"),
        "party" => Some("partai"),
        _ => None,
    };
    let cue = |c: &str| match c {
        "support" => Some("dukungan"),
        "oppose" => Some("serangan"),
        "news" => Some("berita"),
        "mock" => Some("ejekan"),
        "abusive" => Some("kasar"),
        "positive" => Some("positif"),
        "negative" => Some("negatif"),
        _ => None,
    };
    let fixed = match name {
        "named uncertainly only" => Some("hanya disebut tanpa kepastian"),
        "only tags" => Some("hanya tagar"),
        "has url" => Some("ada tautan"),
        "has quotes" => Some("ada tanda kutip"),
        "T absent" => Some("T tidak disebut"),
        "T share" => Some("porsi sebutan T"),
        "T uncertain only" => Some("T hanya disebut tanpa kepastian"),
        "T only" => Some("hanya T"),
        "T first" => Some("T disebut pertama"),
        "T last" => Some("T disebut terakhir"),
        "T most" => Some("T paling sering disebut"),
        _ => None,
    };
    if let Some(f) = fixed {
        return Cow::Borrowed(f);
    }
    let rewritten = if let Some(n) = name.strip_prefix("pairs named: ") {
        Some(format!("paslon yang disebut: {n}"))
    } else if let Some(k) = name.strip_prefix("T named by ").and_then(kind) {
        Some(format!("T disebut lewat {k}"))
    } else if let Some(k) = name.strip_prefix("named by ").and_then(kind) {
        Some(format!("disebut lewat {k}"))
    } else if let Some(n) = name.strip_prefix("length class ") {
        Some(format!("kelas panjang {n}"))
    } else if let Some(n) = name.strip_prefix("title case ") {
        Some(format!("huruf awal kapital {n}"))
    } else if let Some(n) = name.strip_prefix("capitals ") {
        Some(format!("huruf kapital semua {n}"))
    } else if let Some(c) = name.strip_suffix(" words").and_then(cue) {
        Some(format!("kata {c}"))
    } else {
        // `support before §P`, `oppose¬ after §T`.
        let mut parts = name.splitn(3, ' ');
        match (parts.next(), parts.next(), parts.next()) {
            (Some(c), Some(side @ ("before" | "after")), Some(role)) if role.starts_with('§') => {
                let (c, neg) = c.strip_suffix('¬').map_or((c, ""), |c| (c, "¬"));
                cue(c).map(|c| {
                    let side = if side == "before" {
                        "sebelum"
                    } else {
                        "sesudah"
                    };
                    format!("kata {c}{neg} {side} {role}")
                })
            }
            _ => None,
        }
    };
    rewritten.map_or(Cow::Borrowed(name), Cow::Owned)
}

fn how(approving: &[Cue], laughing: bool) -> String {
    if !approving.is_empty() {
        format!(" dengan kata-kata setuju {}", cues(approving))
    } else if laughing {
        " sambil ikut menertawakan".to_string()
    } else {
        String::new()
    }
}

fn tone(approving: bool) -> &'static str {
    if approving {
        "setuju"
    } else {
        "tidak setuju"
    }
}

/// "content that is …" by its label.
fn judged(label: Label) -> &'static str {
    match label {
        Label::Support => "mendukung paslon",
        Label::Oppose => "menyerang paslon",
        Label::PoliticalNeutral => "netral politik",
        Label::NotPolitical => "bukan politik",
    }
}

/// The name of the election's zone on `date` (WIB, WITA, WIT, else the
/// offset); an unknown zone as it is.
fn zone(zone: &str, date: NaiveDate) -> String {
    let Ok(tz) = zone.parse::<Tz>() else {
        return zone.to_string();
    };
    date.and_hms_opt(12, 0, 0)
        .and_then(|t| tz.from_local_datetime(&t).single())
        .map_or_else(|| zone.to_string(), |t| crate::lang::zone_name(&t))
}

const EJEKAN: &str = "ejekan, bukan dukungan, dibaca sebagai sikap menyerang";

#[allow(clippy::too_many_lines, reason = "one arm per kind of reason")]
fn indonesian(r: &Reason) -> String {
    let id = Lang::Id;
    match r {
        Reason::OwnText { kind, reader: who } => format!(
            "aturan post-stance: {} memihak (dibaca dengan {})",
            own_text(*kind),
            reader(who)
        ),
        Reason::LikeOfficial {
            reaction,
            account,
            pair,
        } => format!(
            "aturan like-official: `{}` pada konten {account}, akun resmi paslon {pair}",
            reaction.as_str()
        ),
        Reason::MockingOfficial { account, pair } => format!(
            "aturan react-mocking: `haha` pada konten {account}, akun resmi paslon {pair}: {EJEKAN}"
        ),
        Reason::LikeSupportive { reaction, pair } => format!(
            "aturan like-supportive: `{}` pada konten yang mendukung paslon {pair}",
            reaction.as_str()
        ),
        Reason::MockingSupportive { pair } => format!(
            "aturan react-mocking: `haha` pada konten yang mendukung paslon {pair}: {EJEKAN}"
        ),
        Reason::LikeAttack { reaction, pair } => format!(
            "aturan like-attack: `{}` pada konten yang menyerang paslon {pair}",
            reaction.as_str()
        ),
        Reason::FollowOfficial { account, pair } => {
            format!("aturan follow-official: mengikuti {account}, akun resmi paslon {pair}")
        }
        Reason::FollowSupportive { account, pair } => format!(
            "aturan follow-supportive: mengikuti {}, yang bionya mendukung paslon {pair}",
            account.as_deref().unwrap_or("sebuah akun")
        ),
        Reason::FollowAttack { account, pair } => format!(
            "aturan follow-attack: mengikuti {}, yang bionya menyerang paslon {pair}",
            account.as_deref().unwrap_or("sebuah akun")
        ),
        Reason::ShareOfficial {
            kind,
            account,
            pair,
            approving,
            laughing,
        } => format!(
            "aturan share-official: {} konten {account}, akun resmi paslon {pair}{}",
            verb(*kind),
            how(approving, *laughing)
        ),
        Reason::ShareSupportive {
            kind,
            pair,
            approving,
            laughing,
        } => format!(
            "aturan share-supportive: {} konten yang mendukung paslon {pair}{}",
            verb(*kind),
            how(approving, *laughing)
        ),
        Reason::ShareAttack {
            kind,
            pair,
            approving,
            laughing,
        } => format!(
            "aturan share-attack: {} konten yang menyerang paslon {pair}{}",
            verb(*kind),
            how(approving, *laughing)
        ),
        Reason::CommentOfficial {
            kind,
            account,
            pair,
            approving,
            cues: c,
        } => format!(
            "aturan comment-official: {} konten {account}, akun resmi paslon {pair}, dengan nada {} ({})",
            verb(*kind),
            tone(*approving),
            cues(c)
        ),
        Reason::CommentSupportive {
            kind,
            pair,
            approving,
            cues: c,
        } => format!(
            "aturan comment-supportive: {} konten yang mendukung paslon {pair}, dengan nada {} ({})",
            verb(*kind),
            tone(*approving),
            cues(c)
        ),
        Reason::CommentAttack {
            kind,
            pair,
            cues: c,
        } => format!(
            "aturan comment-attack: {} konten yang menyerang paslon {pair} dengan nada setuju ({})",
            verb(*kind),
            cues(c)
        ),
        Reason::ProfileParty { word, party, pair } => format!(
            "aturan profile-party: bio menunjukkan keanggotaan atau jabatan (\"{word}\") di {party}, partai yang hanya tercatat untuk paslon {pair}"
        ),
        Reason::ProfileCampaign { role, pair } => format!(
            "aturan profile-campaign: bio menunjukkan peran kampanye (\"{role}\") untuk paslon {pair}"
        ),
        Reason::Twibbon {
            alt_text,
            text,
            pair,
        } => format!(
            "aturan twibbon: {} menunjukkan twibbon paslon {pair}: \"{text}\"",
            if *alt_text {
                "deskripsi gambar (teks alt)"
            } else {
                "teksnya"
            }
        ),
        Reason::FingerPose { count, alt } => format!(
            "aturan finger-pose: deskripsi gambar menunjukkan pose {count} jari, nomor urut paslon {count}: \"{alt}\""
        ),
        Reason::FingerPoseWindow => {
            "hanya dihitung sejak penetapan paslon sampai hari pemungutan suara".to_string()
        }
        Reason::CaptionNumber { text, number } => {
            format!("keterangan kampanye: \"{text}\" menunjukkan angka {number}")
        }
        Reason::CaptionWord { word } => {
            format!("keterangan kampanye: kata kampanye \"{word}\"")
        }
        Reason::CaptionNames { term } => format!(
            "keterangan kampanye: menyebut paslon {} ({} \"{}\")",
            term.pair,
            term_kind(&term.kind),
            term.text
        ),
        Reason::TargetRead { reader: who } => {
            format!("konten sasaran dibaca dengan {}", reader(who))
        }
        Reason::Dated {
            date,
            zone: z,
            determined,
            determination,
        } => format!(
            "bertanggal {} ({}): {} penetapan paslon ({})",
            id.date(*date),
            zone(z, *date),
            if *determined { "sejak" } else { "sebelum" },
            id.date(*determination)
        ),
        Reason::LowerBound { date, determined } => {
            if *determined {
                format!(
                    "waktunya hanya batas bawah (tidak lebih awal dari {}), sudah sejak penetapan paslon",
                    id.date(*date)
                )
            } else {
                format!(
                    "waktunya hanya batas bawah (tidak lebih awal dari {}): dibaca sebagai sebelum penetapan paslon, tafsiran yang lebih ringan; bisa jadi sebenarnya lebih lambat",
                    id.date(*date)
                )
            }
        }
        Reason::OutsideWindow { start, end } => format!(
            "di luar masa pemantauan {} – {}: dinilai hanya karena diminta",
            id.date(*start),
            id.date(*end)
        ),
        Reason::Violation {
            violation,
            title_id,
            legal_basis,
            ..
        } => format!(
            "pelanggaran {violation} — {title_id} ({})",
            legal_basis.join("; ")
        ),
        Reason::Matched { terms: ts } => format!("cocok: {}", terms(ts)),
        Reason::ImageText { file, sha256, text } => format!(
            "dibaca dari gambar {file} (sha256 {}…) dengan OCR: \"{text}\"",
            netra_core::sha256_prefix(sha256)
        ),
        Reason::NoPairNamed => "tidak ada paslon yang disebut".to_string(),
        Reason::AmbiguousCounted { political } => format!(
            "sebutan ambigu ikut dihitung: teksnya bermuatan politik ({}) dan memihak",
            political
                .iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Reason::SupportCues { cues: c } => format!("kata isyarat dukungan: {}", cues(c)),
        Reason::AttackCues {
            cues: c,
            pair_negated,
        } => {
            let mut s = format!("kata isyarat serangan: {}", cues(c));
            if *pair_negated {
                if !c.is_empty() {
                    s.push_str(", ");
                }
                s.push_str("paslon disebut di dalam kalimat negasi");
            }
            s
        }
        Reason::OwnCampaignHashtag => {
            "tagar kampanye paslon, dipakai sebagai tagar sendiri".to_string()
        }
        Reason::Model {
            support,
            oppose,
            political_neutral,
            not_political,
        } => format!(
            "model: {} {}; {} {}; {} {}; {} {}",
            id.label(Label::Support),
            id.decimal(*support, 2),
            id.label(Label::Oppose),
            id.decimal(*oppose, 2),
            id.label(Label::PoliticalNeutral),
            id.decimal(*political_neutral, 2),
            id.label(Label::NotPolitical),
            id.decimal(*not_political, 2),
        ),
        Reason::Target { pair, score } => format!(
            "sasaran: paslon {pair} (skor {})",
            id.decimal(*score, 2)
        ),
        Reason::LabelFeatures { label, features: x } => format!(
            "fitur untuk «{}»: {}",
            id.label(*label),
            features(x)
        ),
        Reason::PairFeatures { pair, features: x } => {
            format!("fitur untuk paslon {pair}: {}", features(x))
        }
        Reason::MockingReactionOnPair { account, pair, .. } => format!(
            "reaksi mengejek pada konten {account}, akun paslon {pair}: bukan dukungan"
        ),
        Reason::ContentOfPair {
            kind,
            account,
            pair,
        } => format!("{} konten {account}, akun paslon {pair}", verb(*kind)),
        Reason::NoTextToRead { kind } => format!(
            "{} konten tanpa teks yang bisa dibaca dan bukan dari akun paslon",
            verb(*kind)
        ),
        Reason::MockingReactionOnSupport { .. } => {
            "reaksi mengejek pada konten yang mendukung sebuah paslon: bukan dukungan".to_string()
        }
        Reason::ContentClassified { kind, label } => format!(
            "{} konten yang dinilai {}",
            verb(*kind),
            judged(*label)
        ),
        Reason::QuoteClassified { label } => format!(
            "mengutip (dengan sedikit teks sendiri) konten yang dinilai {}",
            judged(*label)
        ),
        Reason::InvalidInput { error } => format!(
            "masukan bukan aktivitas yang sah ({error}); diklasifikasikan dari teksnya saja"
        ),
        Reason::Note { text } => text.clone(),
    }
}

#[cfg(test)]
mod tests {
    use netra_core::Reaction;

    use super::*;

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn term(kind: &str, text: &str, pair: u32, sure: bool) -> Term {
        Term {
            kind: kind.into(),
            text: text.into(),
            pair,
            sure,
        }
    }

    /// `check(reason, indonesian, english)` for one of each variant family.
    #[test]
    #[allow(clippy::too_many_lines, reason = "a table of cases")]
    fn reasons_read_naturally_in_both_languages() {
        let cases: Vec<(Reason, &str, &str)> = vec![
            (
                Reason::LikeOfficial {
                    reaction: Reaction::Like,
                    account: "instagram:satu".into(),
                    pair: 1,
                },
                "aturan like-official: `like` pada konten instagram:satu, akun resmi paslon 1",
                "rule like-official: `like` on content by instagram:satu, an official account of pair 1",
            ),
            (
                Reason::OwnText {
                    kind: ActivityKind::Comment,
                    reader: "classifier".into(),
                },
                "aturan post-stance: teks komentar itu sendiri memihak (dibaca dengan pengklasifikasi)",
                "rule post-stance: the comment's own text takes a side (classifier reading)",
            ),
            (
                Reason::MockingOfficial {
                    account: "x:dua".into(),
                    pair: 2,
                },
                "aturan react-mocking: `haha` pada konten x:dua, akun resmi paslon 2: ejekan, bukan dukungan, dibaca sebagai sikap menyerang",
                "rule react-mocking: `haha` on content by x:dua, an official account of pair 2: mockery, not support, read as opposition",
            ),
            (
                Reason::FollowAttack {
                    account: Some("kritikus".into()),
                    pair: 2,
                },
                "aturan follow-attack: mengikuti kritikus, yang bionya menyerang paslon 2",
                "rule follow-attack: follows kritikus, whose bio attacks pair 2",
            ),
            (
                Reason::ShareSupportive {
                    kind: ActivityKind::Share,
                    pair: 3,
                    approving: vec![Cue::word("mantap")],
                    laughing: false,
                },
                "aturan share-supportive: membagikan konten yang mendukung paslon 3 dengan kata-kata setuju \"mantap\"",
                "rule share-supportive: share of content that supports pair 3 with approving words \"mantap\"",
            ),
            (
                Reason::ShareAttack {
                    kind: ActivityKind::Quote,
                    pair: 1,
                    approving: vec![],
                    laughing: true,
                },
                "aturan share-attack: mengutip konten yang menyerang paslon 1 sambil ikut menertawakan",
                "rule share-attack: quote of content that attacks pair 1 laughing along",
            ),
            (
                Reason::ImageText {
                    file: "coblos.png".into(),
                    sha256: "0123456789abcdef".repeat(4),
                    text: "Coblos 01".into(),
                },
                "dibaca dari gambar coblos.png (sha256 0123456789ab…) dengan OCR: \"Coblos 01\"",
                "read in the image coblos.png (sha256 0123456789ab…) by OCR: \"Coblos 01\"",
            ),
            (
                Reason::CommentSupportive {
                    kind: ActivityKind::Reply,
                    pair: 1,
                    approving: false,
                    cues: vec![Cue::negated("setuju")],
                },
                "aturan comment-supportive: membalas konten yang mendukung paslon 1, dengan nada tidak setuju (\"setuju\" dinegasikan)",
                "rule comment-supportive: reply on content that supports pair 1, in a disapproving tone (\"setuju\" negated)",
            ),
            (
                Reason::ProfileCampaign {
                    role: "relawan".into(),
                    pair: 2,
                },
                "aturan profile-campaign: bio menunjukkan peran kampanye (\"relawan\") untuk paslon 2",
                "rule profile-campaign: the bio shows a campaign role (\"relawan\") for pair 2",
            ),
            (
                Reason::FingerPose {
                    count: 3,
                    alt: "foto pose tiga jari".into(),
                },
                "aturan finger-pose: deskripsi gambar menunjukkan pose 3 jari, nomor urut paslon 3: \"foto pose tiga jari\"",
                "rule finger-pose: the image description shows a pose with 3 fingers, the ballot number of pair 3: \"foto pose tiga jari\"",
            ),
            (
                Reason::CaptionNames {
                    term: term("ballot_number", "nomor 3", 3, true),
                },
                "keterangan kampanye: menyebut paslon 3 (nomor urut \"nomor 3\")",
                "campaign caption: names pair 3 (ballot_number \"nomor 3\")",
            ),
            (
                Reason::Dated {
                    date: date("2024-10-01"),
                    zone: "Asia/Jakarta".into(),
                    determined: true,
                    determination: date("2024-09-22"),
                },
                "bertanggal 1 Oktober 2024 (WIB): sejak penetapan paslon (22 September 2024)",
                "dated 2024-10-01 (Asia/Jakarta): from candidate determination (2024-09-22)",
            ),
            (
                Reason::LowerBound {
                    date: date("2024-09-20"),
                    determined: false,
                },
                "waktunya hanya batas bawah (tidak lebih awal dari 20 September 2024): dibaca sebagai sebelum penetapan paslon, tafsiran yang lebih ringan; bisa jadi sebenarnya lebih lambat",
                "the time is only a lower bound (no earlier than 2024-09-20): read as before candidate determination, the milder reading; it may have been later",
            ),
            (
                Reason::OutsideWindow {
                    start: date("2024-08-01"),
                    end: date("2024-12-31"),
                },
                "di luar masa pemantauan 1 Agustus 2024 – 31 Desember 2024: dinilai hanya karena diminta",
                "outside the monitoring window 2024-08-01 – 2024-12-31: judged only because it was asked for",
            ),
            (
                Reason::Violation {
                    violation: "ETIK-01".into(),
                    title_id: "Judul".into(),
                    title_en: "Title".into(),
                    legal_basis: vec!["UU 1/2000 pasal 2".into()],
                },
                "pelanggaran ETIK-01 — Judul (UU 1/2000 pasal 2)",
                "violation ETIK-01 — Title (UU 1/2000 pasal 2)",
            ),
            (
                Reason::Matched {
                    terms: vec![term("hashtag", "#X", 3, true)],
                },
                "cocok: tagar \"#X\" paslon 3",
                "matched: hashtag \"#X\" of pair 3",
            ),
            (
                Reason::Matched {
                    terms: vec![term("alias", "BR", 1, false), term("name", "Dua", 2, true)],
                },
                "cocok: alias \"BR\" (belum pasti) paslon 1, nama \"Dua\" paslon 2",
                "matched: alias \"BR\" (uncertain) of pair 1, name \"Dua\" of pair 2",
            ),
            (
                Reason::AttackCues {
                    cues: vec![],
                    pair_negated: true,
                },
                "kata isyarat serangan: paslon disebut di dalam kalimat negasi",
                "attack cues: the pair is named inside a negation",
            ),
            (
                Reason::model([0.8, 0.1, 0.05, 0.05]),
                "model: dukung 0,80; menyerang 0,10; netral politik 0,05; bukan politik 0,05",
                "model: support 0.80, oppose 0.10, political_neutral 0.05, not_political 0.05",
            ),
            (
                Reason::Target {
                    pair: 3,
                    score: 0.7,
                },
                "sasaran: paslon 3 (skor 0,70)",
                "target: pair 3 (score 0.70)",
            ),
            (
                Reason::PairFeatures {
                    pair: 3,
                    features: vec![
                        Feature {
                            name: "coblos §T".into(),
                            weight: 0.42,
                        },
                        Feature {
                            name: "§T".into(),
                            weight: 0.1,
                        },
                    ],
                },
                "fitur untuk paslon 3: \"coblos §T\" +0,42; \"§T\" +0,10",
                "features for pair 3: \"coblos §T\" +0.42, \"§T\" +0.10",
            ),
            (
                Reason::ContentOfPair {
                    kind: ActivityKind::Like,
                    account: "x:tiga".into(),
                    pair: 3,
                },
                "menyukai konten x:tiga, akun paslon 3",
                "like of content by x:tiga, an account of pair 3",
            ),
            (
                Reason::ContentClassified {
                    kind: ActivityKind::Share,
                    label: Label::Oppose,
                },
                "membagikan konten yang dinilai menyerang paslon",
                "share of content classified as oppose",
            ),
            (
                Reason::note("catatan lama"),
                "catatan lama",
                "catatan lama",
            ),
        ];
        for (r, id, en) in cases {
            assert_eq!(render(&r, Lang::Id), id);
            assert_eq!(render(&r, Lang::En), en);
        }
    }

    #[test]
    fn the_stance_readers_have_indonesian_names() {
        for (name, want) in [
            ("classifier", "pengklasifikasi"),
            ("cue words", "kata isyarat"),
            (
                "cue words, then the classifier",
                "kata isyarat, lalu pengklasifikasi",
            ),
            ("stub", "stub"),
        ] {
            let r = Reason::TargetRead {
                reader: name.into(),
            };
            assert_eq!(
                render(&r, Lang::Id),
                format!("konten sasaran dibaca dengan {want}")
            );
        }
    }

    #[test]
    fn zones_get_their_indonesian_names() {
        let d = date("2024-10-01");
        assert_eq!(zone("Asia/Makassar", d), "WITA");
        assert_eq!(zone("Asia/Jayapura", d), "WIT");
        assert_eq!(zone("Nowhere/Else", d), "Nowhere/Else");
    }
}
