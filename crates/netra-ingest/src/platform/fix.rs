//! Repairs and conversions the platform quirks call for: Meta's mojibake,
//! tweet-id (snowflake) times, Unix seconds, times without a zone, stable ids
//! for records that carry none.

use std::borrow::Cow;

use chrono::{DateTime, FixedOffset, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use sha2::{Digest, Sha256};

/// Repairs text that Facebook and Instagram exports write as UTF-8 bytes
/// escaped one by one (`\u00f0\u009f\u0094\u00a5` for 🔥): re-encoded as
/// Latin-1, the characters are the UTF-8 bytes. Text that is not of that
/// form (a character above U+00FF, or bytes that are not valid UTF-8, as in
/// a correctly written `café`) is returned unchanged.
pub fn fix_mojibake(s: &str) -> Cow<'_, str> {
    if s.is_ascii() || s.chars().any(|c| u32::from(c) > 0xFF) {
        return Cow::Borrowed(s);
    }
    let bytes: Vec<u8> = s
        .chars()
        .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
        .collect();
    match String::from_utf8(bytes) {
        Ok(fixed) => Cow::Owned(fixed),
        Err(_) => Cow::Borrowed(s),
    }
}

/// The X (Twitter) epoch of tweet ids, in milliseconds since the Unix epoch.
pub const SNOWFLAKE_EPOCH_MS: i64 = 1_288_834_974_657;

/// When the tweet with this id was created: `(id >> 22) + 1288834974657` ms
/// since the Unix epoch. Ids from before November 2010 were sequential and
/// encode no time; for them (a time within a minute of the snowflake epoch)
/// this returns `None`.
pub fn snowflake_time(id: u64) -> Option<DateTime<Utc>> {
    let offset = i64::try_from(id >> 22).ok()?;
    if offset < 60_000 {
        return None;
    }
    DateTime::from_timestamp_millis(offset.checked_add(SNOWFLAKE_EPOCH_MS)?)
}

/// The earliest time a tweet id allows: its snowflake time, or for an id from
/// before snowflakes, X's launch (2006-03-21), so the bound stays true.
pub fn tweet_time_lower_bound(id: u64) -> DateTime<FixedOffset> {
    snowflake_time(id)
        .unwrap_or_else(|| {
            NaiveDate::from_ymd_opt(2006, 3, 21)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map_or(DateTime::UNIX_EPOCH, |t| t.and_utc())
        })
        .fixed_offset()
}

/// A Unix time in seconds (Meta exports) as a UTC time; `None` when out of range.
pub fn unix_seconds(secs: i64) -> Option<DateTime<FixedOffset>> {
    // Before 2004 or after 2100 is not an export's activity time.
    if !(1_072_915_200..=4_102_444_800).contains(&secs) {
        return None;
    }
    DateTime::from_timestamp(secs, 0).map(|t| t.fixed_offset())
}

/// How a time was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeRead {
    /// The text carried its zone or offset.
    Zoned,
    /// The text had no zone; the given zone was assumed.
    ZoneAssumed,
}

/// Reads a time as exports and spreadsheets write it: RFC 3339, `YYYY-MM-DD
/// HH:MM[:SS]`, `YYYY-MM-DDTHH:MM[:SS]`, Indonesian `DD/MM/YYYY HH:MM[:SS]`
/// or `DD-MM-YYYY …`, a bare date (midnight). Times without a zone are read
/// in `zone`; a time that does not exist there (a DST gap) or is ambiguous
/// takes the earlier reading.
pub fn parse_time(text: &str, zone: Tz) -> Option<(DateTime<FixedOffset>, TimeRead)> {
    const NAIVE: [&str; 10] = [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
        "%d/%m/%Y %H:%M:%S",
        "%d/%m/%Y %H:%M",
        "%d-%m-%Y %H:%M:%S",
        "%d-%m-%Y %H:%M",
        "%d/%m/%Y %H.%M",
        "%Y/%m/%d %H:%M:%S",
    ];
    let t = text.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(t) {
        return Some((time, TimeRead::Zoned));
    }
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%d %H:%M:%S%.f %z",
        "%a %b %d %H:%M:%S %z %Y",
    ] {
        if let Ok(time) = DateTime::parse_from_str(t, fmt) {
            return Some((time, TimeRead::Zoned));
        }
    }
    let t = t
        .strip_suffix(" UTC")
        .map_or(Cow::Borrowed(t), |rest| Cow::Owned(format!("{rest}+00:00")));
    if let Ok(time) = DateTime::parse_from_str(&t, "%Y-%m-%d %H:%M:%S%.f%:z") {
        return Some((time, TimeRead::Zoned));
    }
    let naive = NAIVE
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&t, f).ok())
        .or_else(|| {
            ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"]
                .iter()
                .find_map(|f| NaiveDate::parse_from_str(&t, f).ok())
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        })?;
    Some((in_zone(naive, zone)?, TimeRead::ZoneAssumed))
}

/// A wall-clock time read in `zone`.
pub fn in_zone(naive: NaiveDateTime, zone: Tz) -> Option<DateTime<FixedOffset>> {
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t.fixed_offset()),
        LocalResult::None => zone
            .from_local_datetime(&(naive + chrono::Duration::hours(1)))
            .earliest()
            .map(|t| t.fixed_offset()),
    }
}

/// A stable id for a record that carries none: `platform:kind:` and the
/// first 20 hex digits of the SHA-256 of its parts, so importing the same
/// export again gives the same ids (and stores nothing twice).
pub fn stable_id(platform: &str, kind: &str, parts: &[&str]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0x1F]);
    }
    let digest = hex::encode(h.finalize());
    format!("{platform}:{kind}:{}", &digest[..20])
}

/// Undoes the HTML escaping X archives apply to tweet text.
pub fn unescape_html(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    Cow::Owned(
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mojibake_is_repaired_and_clean_text_left_alone() {
        let fire = "\u{00f0}\u{009f}\u{0094}\u{00a5}";
        assert_eq!(fix_mojibake(fire), "🔥");
        assert_eq!(
            fix_mojibake("Pak Pram \u{00e2}\u{009c}\u{008c}\u{00ef}\u{00b8}\u{008f} menyala"),
            "Pak Pram ✌️ menyala"
        );
        assert_eq!(
            fix_mojibake("caf\u{00e9}"),
            "café",
            "real Latin-1 text kept"
        );
        assert_eq!(fix_mojibake("coblos 3 ✌️"), "coblos 3 ✌️", "already right");
        assert_eq!(fix_mojibake("plain"), "plain");
    }

    #[test]
    fn snowflake_times() {
        // 1843400000000000000 >> 22 = 439500808715 ms after the X epoch.
        let t = snowflake_time(1_843_400_000_000_000_000).unwrap();
        assert_eq!(t.to_rfc3339(), "2024-10-07T21:16:23.372+00:00");
        assert_eq!(
            snowflake_time(20),
            None,
            "a pre-2010 sequential id encodes no time"
        );
        assert_eq!(
            tweet_time_lower_bound(20).to_rfc3339(),
            "2006-03-21T00:00:00+00:00"
        );
    }

    #[test]
    fn times_with_and_without_zone() {
        let jkt = chrono_tz::Asia::Jakarta;
        let (t, how) = parse_time("2024-10-01 12:00:00", jkt).unwrap();
        assert_eq!(t.to_rfc3339(), "2024-10-01T12:00:00+07:00");
        assert_eq!(how, TimeRead::ZoneAssumed);
        let (t, _) = parse_time("2024-10-01 12:00:00", chrono_tz::UTC).unwrap();
        assert_eq!(t.to_rfc3339(), "2024-10-01T12:00:00+00:00");
        let (t, how) = parse_time("2024-10-01T05:00:00Z", jkt).unwrap();
        assert_eq!(
            (t.to_rfc3339().as_str(), how),
            ("2024-10-01T05:00:00+00:00", TimeRead::Zoned)
        );
        let (t, _) = parse_time("01/10/2024 08:30", chrono_tz::Asia::Makassar).unwrap();
        assert_eq!(t.to_rfc3339(), "2024-10-01T08:30:00+08:00");
        let (t, how) = parse_time("Wed Oct 02 01:00:00 +0000 2024", jkt).unwrap();
        assert_eq!(
            (t.to_rfc3339().as_str(), how),
            ("2024-10-02T01:00:00+00:00", TimeRead::Zoned)
        );
        assert!(parse_time("kemarin", jkt).is_none());
        assert!(parse_time("", jkt).is_none());
    }

    #[test]
    fn unix_seconds_in_range_only() {
        assert_eq!(
            unix_seconds(1_727_762_400).unwrap().to_rfc3339(),
            "2024-10-01T06:00:00+00:00"
        );
        assert!(unix_seconds(1_727_762_400_000).is_none(), "milliseconds");
        assert!(unix_seconds(-5).is_none());
    }

    #[test]
    fn stable_ids_depend_on_every_part() {
        let a = stable_id("facebook", "like", &["budi", "1727762400", "x"]);
        assert_eq!(
            a,
            stable_id("facebook", "like", &["budi", "1727762400", "x"])
        );
        assert_ne!(
            a,
            stable_id("facebook", "like", &["budi", "1727762400x", ""])
        );
        assert!(a.starts_with("facebook:like:"));
    }
}
