//! The election config (TOML): pairs, their names and symbols, and the timeline.
//!
//! Everything netra knows about a particular election comes from this file;
//! no election is hard-coded anywhere else. Unknown keys and bad values are
//! rejected with an error naming the file, the line and the key.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{DateTime, NaiveDate, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::Platform;

/// Why an election config could not be used.
#[derive(Debug, thiserror::Error)]
pub enum ElectionError {
    #[error("{file}: cannot read: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{file}:{line}: {message}")]
    Syntax {
        file: String,
        line: usize,
        message: String,
    },
    #[error("{file}:{line}: key `{key}`: {message}")]
    Invalid {
        file: String,
        line: usize,
        key: String,
        message: String,
    },
}

/// A whole election config file.
#[derive(Debug, Clone, Serialize)]
pub struct Election {
    pub election: ElectionInfo,
    pub candidates: Vec<Candidate>,
}

/// The `[election]` table.
#[derive(Debug, Clone, Serialize)]
pub struct ElectionInfo {
    /// Stable key, `[a-z0-9-]+`.
    pub id: String,
    /// Full official name.
    pub name: String,
    /// Region (province, regency, city, or "Indonesia").
    pub region: String,
    /// IANA zone the timeline's dates are in (default `Asia/Jakarta`).
    pub timezone: Tz,
    pub timeline: Timeline,
}

/// `[election.timeline]`: dates in the election's time zone.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// From this day on, candidates are determined: acts are discipline, not ethics, violations.
    pub candidate_determination: NaiveDate,
    pub campaign_start: NaiveDate,
    pub campaign_end: NaiveDate,
    pub voting_day: NaiveDate,
    /// First day of candidate registration, if known.
    pub registration_start: Option<NaiveDate>,
    /// First day activities are monitored (default: 120 days before the determination).
    pub monitoring_start: NaiveDate,
    /// Last day activities are monitored (default: 30 days after voting day).
    pub monitoring_end: NaiveDate,
}

/// One candidate pair (`[[candidates]]`).
#[derive(Debug, Clone, Serialize)]
pub struct Candidate {
    /// Ballot number.
    pub number: u32,
    /// Full names: head first, then deputy.
    pub names: Vec<String>,
    pub aliases: Vec<String>,
    /// Names and aliases that point at this pair on their own in this
    /// election (`"Jokowi"`, `"Prabowo"`): the matcher counts them without
    /// asking the post for context, where it would otherwise treat a
    /// single word as a given name many people share. Each is matched as an
    /// alias too. Optional; keep it to names nobody else is called by.
    pub distinctive: Vec<String>,
    /// Campaign hashtags, without `#`.
    pub hashtags: Vec<String>,
    pub slogans: Vec<String>,
    pub parties: Vec<String>,
    /// Official and campaign accounts.
    pub accounts: Vec<Account>,
}

/// A pair's official or campaign account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub platform: Platform,
    pub handle: String,
}

impl Account {
    /// Canonical `platform:handle` key.
    pub fn key(&self) -> String {
        crate::activity::account_key(self.platform, &self.handle)
    }
}

/// Where a moment falls relative to the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Before `monitoring_start`.
    BeforeWindow,
    /// Inside the window, before candidates were determined (ethics).
    BeforeDetermination,
    /// From determination to the end of the window (discipline).
    AfterDetermination,
    /// After `monitoring_end`.
    AfterWindow,
}

impl Election {
    /// Reads and validates a config file.
    pub fn from_path(path: &Path) -> Result<Election, ElectionError> {
        let file = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| ElectionError::Read {
            file: file.clone(),
            source,
        })?;
        Election::from_toml_str(&text, &file)
    }

    /// Parses and validates config text; `file` names it in errors.
    pub fn from_toml_str(text: &str, file: &str) -> Result<Election, ElectionError> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| line_of(text, s.start));
            let mut message = e.message().trim().replace('\n', "; ");
            if let Some(key) = key_on_line(text, line) {
                message = format!("key `{key}`: {message}");
            }
            ElectionError::Syntax {
                file: file.to_string(),
                line,
                message,
            }
        })?;
        Validator { text, file }.validate(raw)
    }

    /// The pair with this ballot number.
    pub fn candidate(&self, number: u32) -> Option<&Candidate> {
        self.candidates.iter().find(|c| c.number == number)
    }

    /// The ballot numbers, ascending.
    pub fn numbers(&self) -> Vec<u32> {
        self.candidates.iter().map(|c| c.number).collect()
    }

    /// The local calendar date of `t` in the election's zone.
    pub fn local_date<Z: TimeZone>(&self, t: &DateTime<Z>) -> NaiveDate {
        t.with_timezone(&self.election.timezone).date_naive()
    }

    /// Where `t` falls on the timeline.
    pub fn phase_at<Z: TimeZone>(&self, t: &DateTime<Z>) -> Phase {
        let d = self.local_date(t);
        let tl = &self.election.timeline;
        if d < tl.monitoring_start {
            Phase::BeforeWindow
        } else if d > tl.monitoring_end {
            Phase::AfterWindow
        } else if d < tl.candidate_determination {
            Phase::BeforeDetermination
        } else {
            Phase::AfterDetermination
        }
    }

    /// The pair owning this official/campaign account key (`platform:handle`), if any.
    pub fn account_owner(&self, key: &str) -> Option<u32> {
        self.candidates
            .iter()
            .find(|c| c.accounts.iter().any(|a| a.key() == key))
            .map(|c| c.number)
    }
}

/// 1-based line of byte offset `pos` in `text`.
fn line_of(text: &str, pos: usize) -> usize {
    text.get(..pos.min(text.len()))
        .map_or(1, |s| s.bytes().filter(|&b| b == b'\n').count() + 1)
}

/// The key assigned on 1-based `line`, if that line is a `key = value` line.
fn key_on_line(text: &str, line: usize) -> Option<&str> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = l.split_once('=')?;
    let key = key.trim();
    (!key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.'))
    .then_some(key)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    election: RawElection,
    #[serde(default)]
    candidates: Vec<Spanned<RawCandidate>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawElection {
    id: Spanned<String>,
    name: Spanned<String>,
    region: Spanned<String>,
    timezone: Option<Spanned<String>>,
    timeline: RawTimeline,
}

type RawDate = Spanned<toml::value::Datetime>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTimeline {
    candidate_determination: RawDate,
    campaign_start: RawDate,
    campaign_end: RawDate,
    voting_day: RawDate,
    registration_start: Option<RawDate>,
    monitoring_start: Option<RawDate>,
    monitoring_end: Option<RawDate>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCandidate {
    number: Spanned<i64>,
    names: Spanned<Vec<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    #[serde(default)]
    distinctive: Vec<Spanned<String>>,
    #[serde(default)]
    hashtags: Vec<Spanned<String>>,
    #[serde(default)]
    slogans: Vec<Spanned<String>>,
    #[serde(default)]
    parties: Vec<Spanned<String>>,
    #[serde(default)]
    accounts: Vec<Spanned<RawAccount>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAccount {
    platform: Spanned<String>,
    handle: Spanned<String>,
}

struct Validator<'a> {
    text: &'a str,
    file: &'a str,
}

impl Validator<'_> {
    fn err<T>(
        &self,
        span: std::ops::Range<usize>,
        key: &str,
        message: impl Into<String>,
    ) -> Result<T, ElectionError> {
        Err(ElectionError::Invalid {
            file: self.file.to_string(),
            line: line_of(self.text, span.start),
            key: key.to_string(),
            message: message.into(),
        })
    }

    fn date(&self, d: &RawDate, key: &str) -> Result<NaiveDate, ElectionError> {
        let v = d.get_ref();
        match (v.date, v.time, v.offset) {
            (Some(date), None, None) => {
                match NaiveDate::from_ymd_opt(
                    i32::from(date.year),
                    u32::from(date.month),
                    u32::from(date.day),
                ) {
                    Some(nd) => Ok(nd),
                    None => self.err(d.span(), key, format!("{v} is not a calendar date")),
                }
            }
            _ => self.err(
                d.span(),
                key,
                format!("expected a plain date like 2024-09-22, got {v}"),
            ),
        }
    }

    fn text_field(&self, s: &Spanned<String>, key: &str) -> Result<String, ElectionError> {
        let t = s.get_ref().trim();
        if t.is_empty() {
            return self.err(s.span(), key, "must not be empty");
        }
        Ok(t.to_string())
    }

    fn validate(&self, raw: RawConfig) -> Result<Election, ElectionError> {
        let e = raw.election;
        let id = self.text_field(&e.id, "election.id")?;
        if !id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            return self.err(
                e.id.span(),
                "election.id",
                format!("{id:?} may contain only a-z, 0-9 and '-'"),
            );
        }
        let name = self.text_field(&e.name, "election.name")?;
        let region = self.text_field(&e.region, "election.region")?;
        let timezone = match &e.timezone {
            None => chrono_tz::Asia::Jakarta,
            Some(tz) => match tz.get_ref().parse::<Tz>() {
                Ok(z) => z,
                Err(_) => {
                    return self.err(
                        tz.span(),
                        "election.timezone",
                        format!("{:?} is not an IANA time zone (e.g. Asia/Jakarta, Asia/Makassar, Asia/Jayapura)", tz.get_ref()),
                    )
                }
            },
        };
        let timeline = self.timeline(&e.timeline)?;

        if raw.candidates.is_empty() {
            return self.err(
                0..0,
                "candidates",
                "at least one [[candidates]] entry is required",
            );
        }
        let mut numbers = BTreeSet::new();
        let mut candidates = Vec::with_capacity(raw.candidates.len());
        for c in &raw.candidates {
            candidates.push(self.candidate(c.get_ref(), &mut numbers)?);
        }
        candidates.sort_by_key(|c| c.number);
        Ok(Election {
            election: ElectionInfo {
                id,
                name,
                region,
                timezone,
                timeline,
            },
            candidates,
        })
    }

    fn timeline(&self, t: &RawTimeline) -> Result<Timeline, ElectionError> {
        let det = self.date(
            &t.candidate_determination,
            "election.timeline.candidate_determination",
        )?;
        let cs = self.date(&t.campaign_start, "election.timeline.campaign_start")?;
        let ce = self.date(&t.campaign_end, "election.timeline.campaign_end")?;
        let vd = self.date(&t.voting_day, "election.timeline.voting_day")?;
        let reg = match &t.registration_start {
            Some(d) => Some(self.date(d, "election.timeline.registration_start")?),
            None => None,
        };
        let ms = match &t.monitoring_start {
            Some(d) => self.date(d, "election.timeline.monitoring_start")?,
            None => det - chrono::Days::new(120),
        };
        let me = match &t.monitoring_end {
            Some(d) => self.date(d, "election.timeline.monitoring_end")?,
            None => vd + chrono::Days::new(30),
        };
        let order = [
            ("registration_start", reg, t.registration_start.as_ref()),
            (
                "candidate_determination",
                Some(det),
                Some(&t.candidate_determination),
            ),
            ("campaign_start", Some(cs), Some(&t.campaign_start)),
            ("campaign_end", Some(ce), Some(&t.campaign_end)),
            ("voting_day", Some(vd), Some(&t.voting_day)),
        ];
        let mut prev: Option<(&str, NaiveDate)> = None;
        for (key, date, span) in order {
            if let (Some(d), Some(sp)) = (date, span) {
                if let Some((pk, pd)) = prev {
                    let bad = if key == "voting_day" { d <= pd } else { d < pd };
                    if bad {
                        return self.err(
                            sp.span(),
                            &format!("election.timeline.{key}"),
                            format!("{d} comes before {pk} ({pd}); expected registration ≤ determination ≤ campaign start ≤ campaign end < voting day"),
                        );
                    }
                }
                prev = Some((key, d));
            }
        }
        if ms > det {
            let span = t.monitoring_start.as_ref().map_or(0..0, Spanned::span);
            return self.err(
                span,
                "election.timeline.monitoring_start",
                format!("{ms} is after candidate_determination ({det})"),
            );
        }
        if me < vd {
            let span = t.monitoring_end.as_ref().map_or(0..0, Spanned::span);
            return self.err(
                span,
                "election.timeline.monitoring_end",
                format!("{me} is before voting_day ({vd})"),
            );
        }
        Ok(Timeline {
            candidate_determination: det,
            campaign_start: cs,
            campaign_end: ce,
            voting_day: vd,
            registration_start: reg,
            monitoring_start: ms,
            monitoring_end: me,
        })
    }

    fn list(
        &self,
        items: &[Spanned<String>],
        key: &str,
        strip_hash: bool,
    ) -> Result<Vec<String>, ElectionError> {
        let mut out = Vec::with_capacity(items.len());
        for s in items {
            let mut v = self.text_field(s, key)?;
            if strip_hash {
                if v.starts_with('#') {
                    return self.err(s.span(), key, format!("write hashtags without '#': {v:?}"));
                }
                if v.chars().any(char::is_whitespace) {
                    return self.err(s.span(), key, format!("a hashtag has no spaces: {v:?}"));
                }
                v = v.trim().to_string();
            }
            out.push(v);
        }
        Ok(out)
    }

    fn candidate(
        &self,
        c: &RawCandidate,
        numbers: &mut BTreeSet<u32>,
    ) -> Result<Candidate, ElectionError> {
        let n = *c.number.get_ref();
        let number = match u32::try_from(n) {
            Ok(v) if (1..=99).contains(&v) => v,
            _ => {
                return self.err(
                    c.number.span(),
                    "candidates.number",
                    format!("ballot number {n} must be between 1 and 99"),
                )
            }
        };
        if !numbers.insert(number) {
            return self.err(
                c.number.span(),
                "candidates.number",
                format!("ballot number {number} appears twice"),
            );
        }
        let key = |k: &str| format!("candidates[{number}].{k}");
        if c.names.get_ref().is_empty() || c.names.get_ref().iter().any(|s| s.trim().is_empty()) {
            return self.err(
                c.names.span(),
                &key("names"),
                "give the names of the pair, none empty",
            );
        }
        let mut accounts = Vec::with_capacity(c.accounts.len());
        for a in &c.accounts {
            let a = a.get_ref();
            let Some(platform) = Platform::parse(a.platform.get_ref()) else {
                return self.err(
                    a.platform.span(),
                    &key("accounts.platform"),
                    format!(
                        "{:?} is not one of x, facebook, instagram, tiktok, youtube, web, other",
                        a.platform.get_ref()
                    ),
                );
            };
            let handle = self.text_field(&a.handle, &key("accounts.handle"))?;
            let handle = handle.trim_start_matches('@').to_string();
            if handle.is_empty() || handle.chars().any(char::is_whitespace) {
                return self.err(
                    a.handle.span(),
                    &key("accounts.handle"),
                    format!("{handle:?} is not a handle"),
                );
            }
            accounts.push(Account { platform, handle });
        }
        Ok(Candidate {
            number,
            names: c
                .names
                .get_ref()
                .iter()
                .map(|s| s.trim().to_string())
                .collect(),
            aliases: self.list(&c.aliases, &key("aliases"), false)?,
            distinctive: self.list(&c.distinctive, &key("distinctive"), false)?,
            hashtags: self.list(&c.hashtags, &key("hashtags"), true)?,
            slogans: self.list(&c.slogans, &key("slogans"), false)?,
            parties: self.list(&c.parties, &key("parties"), false)?,
            accounts,
        })
    }
}

#[cfg(test)]
mod tests;
