//! Activity tables: a monitoring spreadsheet as CSV or an Excel workbook.
//!
//! The header row (found among the first ten rows; title rows above it are
//! skipped with a warning) names the canonical fields, in English or
//! Indonesian, in any order: see [`COLUMNS`]. Required: `account` (unless
//! `--account` gives it), `kind`, `created_at`, and `platform` (or a `url`
//! from which the platform is read). Missing required columns are named and
//! nothing is read; unknown columns are named in one warning and ignored.
//!
//! Values may be Indonesian too (`komentar`, `suka`, `bagikan`, `fb`, `ig`).
//! A time without a zone (`01/10/2024 08:30`, an Excel date cell) is read in
//! the given zone and counted, so the summary can say which zone was
//! assumed. A row without an `id` gets a stable one from its content.

use std::collections::HashSet;
use std::io::Cursor;

use calamine::{open_workbook_auto_from_rs, Data, Reader};
use chrono::{NaiveDate, NaiveDateTime};
use netra_core::{Activity, ActivityKind, Media, Platform, Target};

use super::fix::{self, TimeRead};
use super::json::Doc;
use super::{Ctx, Out};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Col {
    Id,
    Platform,
    Account,
    Kind,
    Text,
    CreatedAt,
    Approx,
    Reaction,
    TargetAccount,
    TargetId,
    TargetText,
    TargetUrl,
    Url,
    MediaUrl,
    MediaPath,
    MediaAlt,
}

/// The canonical column names and the synonyms accepted for each (after
/// lower-casing and turning spaces, `-` and `.` into `_`).
const COLUMNS: [(Col, &[&str]); 16] = [
    (
        Col::Id,
        &[
            "id",
            "activity_id",
            "id_aktivitas",
            "post_id",
            "tweet_id",
            "id_postingan",
            "id_unggahan",
        ],
    ),
    (
        Col::Platform,
        &[
            "platform",
            "media_sosial",
            "platform_media_sosial",
            "medsos",
            "sosmed",
            "network",
            "jejaring",
        ],
    ),
    (
        Col::Account,
        &[
            "account",
            "akun",
            "handle",
            "username",
            "user",
            "nama_akun",
            "akun_medsos",
            "pengguna",
            "nama_pengguna",
        ],
    ),
    (
        Col::Kind,
        &[
            "kind",
            "type",
            "jenis",
            "tipe",
            "jenis_aktivitas",
            "activity",
            "aktivitas",
            "activity_type",
            "bentuk",
        ],
    ),
    (
        Col::Text,
        &[
            "text",
            "teks",
            "isi",
            "konten",
            "content",
            "caption",
            "isi_postingan",
            "message",
            "pesan",
            "tulisan",
            "isi_unggahan",
        ],
    ),
    (
        Col::CreatedAt,
        &[
            "created_at",
            "time",
            "waktu",
            "tanggal",
            "date",
            "datetime",
            "timestamp",
            "waktu_posting",
            "tanggal_posting",
            "tanggal_waktu",
            "posted_at",
            "published_at",
            "waktu_unggah",
            "tanggal_unggah",
        ],
    ),
    (
        Col::Approx,
        &[
            "created_at_approx",
            "approx",
            "perkiraan",
            "waktu_perkiraan",
        ],
    ),
    (Col::Reaction, &["reaction", "reaksi"]),
    (
        Col::TargetAccount,
        &[
            "target_account",
            "target_akun",
            "akun_target",
            "akun_sasaran",
            "pemilik_konten",
            "target_owner",
            "akun_yang_disukai",
        ],
    ),
    (Col::TargetId, &["target_id", "id_target"]),
    (
        Col::TargetText,
        &["target_text", "teks_target", "isi_target", "konten_target"],
    ),
    (
        Col::TargetUrl,
        &["target_url", "url_target", "link_target", "tautan_target"],
    ),
    (
        Col::Url,
        &[
            "url",
            "link",
            "tautan",
            "permalink",
            "link_postingan",
            "tautan_postingan",
        ],
    ),
    (
        Col::MediaUrl,
        &["media_url", "url_media", "image_url", "gambar"],
    ),
    (
        Col::MediaPath,
        &[
            "media_path",
            "path_media",
            "file_media",
            "tangkapan_layar",
            "screenshot",
        ],
    ),
    (Col::MediaAlt, &["media_alt", "alt", "alt_text"]),
];

fn canonical_name(c: Col) -> &'static str {
    match c {
        Col::Id => "id",
        Col::Platform => "platform",
        Col::Account => "account",
        Col::Kind => "kind",
        Col::Text => "text",
        Col::CreatedAt => "created_at",
        Col::Approx => "created_at_approx",
        Col::Reaction => "reaction",
        Col::TargetAccount => "target.account",
        Col::TargetId => "target.id",
        Col::TargetText => "target.text",
        Col::TargetUrl => "target.url",
        Col::Url => "url",
        Col::MediaUrl => "media.url",
        Col::MediaPath => "media.path",
        Col::MediaAlt => "media.alt",
    }
}

fn column_of(header: &str) -> Option<Col> {
    let mut h: String = header
        .trim()
        .trim_start_matches('\u{FEFF}')
        .to_lowercase()
        .chars()
        .map(|c| {
            if matches!(c, ' ' | '-' | '.' | '/') {
                '_'
            } else {
                c
            }
        })
        .collect();
    while h.contains("__") {
        h = h.replace("__", "_");
    }
    let h = h.trim_matches('_');
    COLUMNS
        .iter()
        .find(|(_, names)| names.contains(&h))
        .map(|(c, _)| *c)
}

/// One cell.
#[derive(Debug, Clone)]
enum Cell {
    Text(String),
    Number(f64),
    Time(NaiveDateTime),
    Bad(String),
}

impl Cell {
    fn text(&self) -> Option<String> {
        match self {
            Cell::Text(s) => Some(s.trim().to_owned()).filter(|s| !s.is_empty()),
            Cell::Number(n) => Some(format_number(*n)),
            Cell::Time(t) => Some(t.to_string()),
            Cell::Bad(_) => None,
        }
    }
}

fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        #[allow(
            clippy::cast_possible_truncation,
            reason = "checked whole and in range"
        )]
        let i = n as i64;
        i.to_string()
    } else {
        n.to_string()
    }
}

struct Row {
    line: usize,
    cells: Vec<Cell>,
}

pub(super) fn convert_csv(bytes: &[u8], ctx: &Ctx, out: &mut Out) {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"PK\x03\x04") {
        out.error(
            0,
            "the file is a ZIP or Excel workbook, not CSV: import it as xlsx; nothing read",
        );
        return;
    }
    let offset = bytes.len() - text.len();
    let doc = Doc::new(bytes);
    let delimiter = sniff_delimiter(text);
    let mut csv = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text);
    let mut rows = Vec::new();
    let mut record = csv::ByteRecord::new();
    loop {
        match csv.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let mut start = usize::try_from(record.position().map_or(0, csv::Position::byte))
                    .unwrap_or(usize::MAX)
                    .min(text.len());
                while start < text.len() && matches!(text[start], b'\r' | b'\n') {
                    start += 1;
                }
                let line = doc.line(start + offset);
                let cells = record
                    .iter()
                    .map(|b| match std::str::from_utf8(b) {
                        Ok(s) => Cell::Text(s.to_owned()),
                        Err(e) => Cell::Bad(format!(
                            "is not valid UTF-8 (byte 0x{:02X}); save the file as \"CSV UTF-8\"",
                            b[e.valid_up_to()]
                        )),
                    })
                    .collect();
                rows.push(Row { line, cells });
            }
            Err(e) => {
                let line = rows.last().map_or(1, |r: &Row| r.line + 1);
                out.skip(line, format!("cannot read this row: {e}"));
            }
        }
    }
    table(&rows, ctx, out);
}

fn sniff_delimiter(text: &[u8]) -> u8 {
    let head: Vec<&[u8]> = text.split(|&b| b == b'\n').take(10).collect();
    let mut best = (0usize, b',');
    for d in [b',', b';', b'\t', b'|'] {
        let known = head
            .iter()
            .map(|line| {
                String::from_utf8_lossy(line)
                    .split(char::from(d))
                    .filter(|h| column_of(h.trim_matches('"')).is_some())
                    .count()
            })
            .max()
            .unwrap_or(0);
        if known > best.0 {
            best = (known, d);
        }
    }
    best.1
}

pub(super) fn convert_xlsx(bytes: &[u8], ctx: &Ctx, out: &mut Out) {
    let mut workbook = match open_workbook_auto_from_rs(Cursor::new(bytes.to_vec())) {
        Ok(w) => w,
        Err(e) => {
            out.error(0, format!("cannot open the workbook: {e}; nothing read"));
            return;
        }
    };
    let names = workbook.sheet_names();
    let mut chosen = None;
    for name in &names {
        let Ok(range) = workbook.worksheet_range(name) else {
            continue;
        };
        let has_header = range.rows().take(10).any(|r| {
            r.iter()
                .filter(|c| matches!(c, Data::String(s) if column_of(s).is_some()))
                .count()
                >= 2
        });
        if has_header || chosen.is_none() {
            chosen = Some(range);
        }
        if has_header {
            break;
        }
    }
    let Some(range) = chosen else {
        out.error(
            0,
            "the workbook has no sheet that can be read; nothing read",
        );
        return;
    };
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let mut row = vec![Cell::Text(String::new()); first_col];
            row.extend(cells.iter().map(excel_cell));
            Row {
                line: first_row + i + 1,
                cells: row,
            }
        })
        .collect::<Vec<_>>();
    table(&rows, ctx, out);
}

fn excel_cell(cell: &Data) -> Cell {
    match cell {
        Data::Empty => Cell::Text(String::new()),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        #[allow(
            clippy::cast_precision_loss,
            reason = "ids this large are kept as text"
        )]
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(b.to_string()),
        Data::DateTime(t) => {
            let (year, month, day, hour, minute, second, _) = t.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(year), u32::from(month), u32::from(day))
                .and_then(|date| {
                    date.and_hms_opt(u32::from(hour), u32::from(minute), u32::from(second))
                })
                .map_or_else(
                    || Cell::Bad("holds a date Excel cannot express".into()),
                    Cell::Time,
                )
        }
        Data::Error(e) => Cell::Bad(format!("holds an Excel error ({e})")),
    }
}

/// The header's columns: position of each known field.
struct Header {
    cols: Vec<(Col, usize)>,
}

impl Header {
    fn get(&self, c: Col) -> Option<usize> {
        self.cols.iter().find(|(k, _)| *k == c).map(|(_, i)| *i)
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "header, columns, rows: one pass over a table"
)]
fn table(rows: &[Row], ctx: &Ctx, out: &mut Out) {
    let header_at = rows.iter().take(10).position(|r| {
        r.cells
            .iter()
            .filter_map(Cell::text)
            .filter(|t| column_of(t).is_some())
            .count()
            >= 2
    });
    let Some(h) = header_at else {
        let first = rows
            .iter()
            .find(|r| r.cells.iter().any(|c| c.text().is_some()));
        let message = match first {
            None => "the table is empty; nothing read".to_owned(),
            Some(r) => format!(
                "no header row found in the first 10 rows (line {} reads `{}`); expected columns \
                 such as {}; nothing read",
                r.line,
                r.cells
                    .iter()
                    .filter_map(Cell::text)
                    .collect::<Vec<_>>()
                    .join(" | ")
                    .chars()
                    .take(80)
                    .collect::<String>(),
                accepted_list()
            ),
        };
        out.error(first.map_or(0, |r| r.line), message);
        return;
    };
    let header_row = &rows[h];
    if rows[..h]
        .iter()
        .any(|r| r.cells.iter().any(|c| c.text().is_some()))
    {
        out.warning(
            header_row.line,
            format!(
                "rows above the header (line {}) skipped as titles",
                header_row.line
            ),
        );
    }
    let mut cols = Vec::new();
    let mut unknown = Vec::new();
    let mut seen = HashSet::new();
    for (i, c) in header_row.cells.iter().enumerate() {
        let Some(name) = c.text() else { continue };
        match column_of(&name) {
            Some(col) if seen.insert(col) => cols.push((col, i)),
            Some(col) => out.warning(
                header_row.line,
                format!(
                    "column `{name}` repeats `{}`; the first is used",
                    canonical_name(col)
                ),
            ),
            None => unknown.push(format!("`{name}`")),
        }
    }
    if !unknown.is_empty() {
        out.warning(
            header_row.line,
            format!("unknown columns ignored: {}", unknown.join(", ")),
        );
    }
    let header = Header { cols };
    let mut missing = Vec::new();
    if header.get(Col::Account).is_none() && ctx.owner.is_none() {
        missing.push("`account` (or give --account)");
    }
    if header.get(Col::Kind).is_none() {
        missing.push("`kind`");
    }
    if header.get(Col::CreatedAt).is_none() {
        missing.push("`created_at`");
    }
    if header.get(Col::Platform).is_none() && header.get(Col::Url).is_none() {
        missing.push("`platform` (or `url`)");
    }
    if !missing.is_empty() {
        out.error(
            header_row.line,
            format!(
                "missing required columns: {}; accepted names: {}; nothing read",
                missing.join(", "),
                accepted_list()
            ),
        );
        return;
    }
    for row in &rows[h + 1..] {
        if row
            .cells
            .iter()
            .all(|c| c.text().is_none() && !matches!(c, Cell::Bad(_)))
        {
            continue;
        }
        out.records += 1;
        match activity(row, &header, ctx) {
            Ok((a, how)) => out.push(row.line, a, how),
            Err(problems) => out.skip(row.line, format!("{}; row skipped", problems.join("; "))),
        }
    }
}

fn accepted_list() -> String {
    COLUMNS
        .iter()
        .map(|(c, names)| {
            let others: Vec<&str> = names
                .iter()
                .copied()
                .filter(|n| *n != canonical_name(*c))
                .take(3)
                .collect();
            format!("{} ({})", canonical_name(*c), others.join(", "))
        })
        .take(6)
        .collect::<Vec<_>>()
        .join(", ")
        + ", …"
}

fn kind_of(s: &str) -> Option<ActivityKind> {
    let s = s.trim().to_lowercase().replace([' ', '-'], "_");
    if let Some(k) = ActivityKind::parse(&s) {
        return Some(k);
    }
    Some(match s.as_str() {
        "posting" | "postingan" | "unggahan" | "unggah" | "status" | "tweet" | "kiriman"
        | "kicauan" => ActivityKind::Post,
        "komentar" | "komen" => ActivityKind::Comment,
        "balasan" | "balas" | "membalas" => ActivityKind::Reply,
        "bagikan" | "dibagikan" | "membagikan" | "berbagi" => ActivityKind::Share,
        "retweet" | "rt" | "regram" | "repost_ulang" => ActivityKind::Repost,
        "kutip" | "mengutip" | "quote_tweet" => ActivityKind::Quote,
        "suka" | "menyukai" | "favorit" | "reaksi" | "reaction" => ActivityKind::Like,
        "ikuti" | "mengikuti" => ActivityKind::Follow,
        "cerita" => ActivityKind::Story,
        "profil" | "bio" => ActivityKind::Profile,
        _ => return None,
    })
}

fn platform_of(s: &str) -> Option<Platform> {
    let s = s.trim().to_lowercase();
    Platform::parse(&s).or(match s.as_str() {
        "fb" => Some(Platform::Facebook),
        "ig" => Some(Platform::Instagram),
        "tt" | "tik tok" => Some(Platform::Tiktok),
        "x (twitter)" | "twitter/x" | "x/twitter" => Some(Platform::X),
        "yt" => Some(Platform::Youtube),
        _ => None,
    })
}

fn platform_of_url(url: &str) -> Option<Platform> {
    let host = url.split("://").nth(1)?.split('/').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    Some(match host {
        "x.com" | "twitter.com" | "mobile.twitter.com" => Platform::X,
        "facebook.com" | "fb.com" | "web.facebook.com" => Platform::Facebook,
        "instagram.com" => Platform::Instagram,
        "tiktok.com" | "vt.tiktok.com" => Platform::Tiktok,
        "youtube.com" | "youtu.be" => Platform::Youtube,
        _ => return None,
    })
}

#[allow(
    clippy::too_many_lines,
    reason = "one field after the other, each with its message"
)]
fn activity(row: &Row, h: &Header, ctx: &Ctx) -> Result<(Activity, TimeRead), Vec<String>> {
    let mut problems = Vec::new();
    let cell = |c: Col| h.get(c).and_then(|i| row.cells.get(i));
    let text = |c: Col, problems: &mut Vec<String>| match cell(c) {
        Some(Cell::Bad(why)) => {
            problems.push(format!("column `{}` {why}", canonical_name(c)));
            None
        }
        Some(x) => x.text(),
        None => None,
    };
    let url = text(Col::Url, &mut problems);
    let platform = match text(Col::Platform, &mut problems) {
        Some(p) => platform_of(&p).or_else(|| {
            problems.push(format!(
                "`platform` `{p}` is not one of {} (or fb, ig, tt)",
                Platform::allowed_list()
            ));
            None
        }),
        None => url.as_deref().and_then(platform_of_url).or_else(|| {
            problems.push("no `platform`, and no `url` it can be read from".into());
            None
        }),
    };
    let account = text(Col::Account, &mut problems).or_else(|| ctx.owner.clone());
    if account.is_none() {
        problems.push("no `account`".into());
    }
    let kind = if let Some(k) = text(Col::Kind, &mut problems) {
        kind_of(&k).or_else(|| {
            problems.push(format!(
                "`kind` `{k}` is not one of {} (or komentar, suka, bagikan, …)",
                ActivityKind::allowed_list()
            ));
            None
        })
    } else {
        problems.push("no `kind`".into());
        None
    };
    let time = match cell(Col::CreatedAt) {
        Some(Cell::Time(t)) => fix::in_zone(*t, ctx.zone).map(|t| (t, TimeRead::ZoneAssumed)),
        Some(Cell::Number(n)) if (1e9..5e9).contains(n) => {
            #[allow(clippy::cast_possible_truncation, reason = "checked range")]
            let secs = *n as i64;
            fix::unix_seconds(secs).map(|t| (t, TimeRead::Zoned))
        }
        Some(Cell::Bad(why)) => {
            problems.push(format!("column `created_at` {why}"));
            None
        }
        Some(c) => c.text().and_then(|s| {
            let t = fix::parse_time(&s, ctx.zone);
            if t.is_none() {
                problems.push(format!(
                    "`created_at` `{s}` is not a date and time (e.g. `2024-10-01 08:00`, \
                     `01/10/2024 08:00`, `2024-10-01T08:00:00+07:00`)"
                ));
            }
            t
        }),
        None => None,
    };
    if time.is_none() && !problems.iter().any(|p| p.contains("created_at")) {
        problems.push("no `created_at`".into());
    }
    let approx = text(Col::Approx, &mut problems).is_some_and(|s| {
        matches!(
            s.to_lowercase().as_str(),
            "true" | "ya" | "yes" | "1" | "benar" | "y"
        )
    });
    let reaction = match text(Col::Reaction, &mut problems) {
        Some(r) => super::facebook::reaction_of(&r).or_else(|| {
            problems.push(format!(
                "`reaction` `{r}` is not one of {}",
                netra_core::Reaction::allowed_list()
            ));
            None
        }),
        None => None,
    };
    let body = text(Col::Text, &mut problems).unwrap_or_default();
    let target = Target {
        account: text(Col::TargetAccount, &mut problems),
        id: text(Col::TargetId, &mut problems),
        text: text(Col::TargetText, &mut problems),
        url: text(Col::TargetUrl, &mut problems),
    };
    let media_url = text(Col::MediaUrl, &mut problems);
    let media_path = text(Col::MediaPath, &mut problems);
    let media_alt = text(Col::MediaAlt, &mut problems);
    let given_id = text(Col::Id, &mut problems);
    let (Some(platform), Some(account), Some(kind), Some((created_at, how))) =
        (platform, account, kind, time)
    else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let reaction = if kind == ActivityKind::Like {
        reaction
    } else {
        None
    };
    let has_target = target != Target::default();
    let id = given_id.unwrap_or_else(|| {
        fix::stable_id(
            platform.as_str(),
            kind.as_str(),
            &[
                &account.to_lowercase(),
                &created_at.to_rfc3339(),
                &body,
                target.url.as_deref().unwrap_or(""),
                target.account.as_deref().unwrap_or(""),
                target.id.as_deref().unwrap_or(""),
                url.as_deref().unwrap_or(""),
            ],
        )
    });
    let media = if media_url.is_some() || media_path.is_some() {
        vec![Media {
            path: media_path,
            url: media_url,
            sha256: None,
            alt: media_alt,
            ocr: None,
        }]
    } else {
        Vec::new()
    };
    Ok((
        Activity {
            id,
            platform,
            account,
            kind,
            text: body,
            created_at,
            created_at_approx: approx,
            reaction,
            target: has_target.then_some(target),
            url,
            media,
        },
        how,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_in_both_languages() {
        assert_eq!(column_of("Akun"), Some(Col::Account));
        assert_eq!(column_of(" Jenis Aktivitas "), Some(Col::Kind));
        assert_eq!(column_of("target.account"), Some(Col::TargetAccount));
        assert_eq!(column_of("Tanggal-Posting"), Some(Col::CreatedAt));
        assert_eq!(column_of("\u{FEFF}platform"), Some(Col::Platform));
        assert_eq!(column_of("nomor"), None);
    }

    #[test]
    fn values_in_both_languages() {
        assert_eq!(kind_of("Komentar"), Some(ActivityKind::Comment));
        assert_eq!(kind_of("retweet"), Some(ActivityKind::Repost));
        assert_eq!(kind_of("suka"), Some(ActivityKind::Like));
        assert_eq!(kind_of("nonton"), None);
        assert_eq!(platform_of("IG"), Some(Platform::Instagram));
        assert_eq!(
            platform_of_url("https://www.facebook.com/x/posts/1"),
            Some(Platform::Facebook)
        );
        assert_eq!(platform_of_url("nope"), None);
    }
}
