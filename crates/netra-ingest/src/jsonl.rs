//! The canonical activity JSONL reader.
//!
//! One JSON object a line, fields as in the Activity table of
//! `docs/product.md`. Each line that cannot be used is reported with its
//! line number and the reason, and skipped; every good line is kept.
//!
//! Hazards and what the reader does with them:
//!
//! | input | handling |
//! |---|---|
//! | UTF-8 byte-order mark | stripped from line 1 |
//! | CRLF line ends, blank lines, surrounding spaces | ignored |
//! | invalid UTF-8 | that line reported (with the column of the first bad byte), the rest read on |
//! | NUL bytes | that line reported |
//! | line over the limit (1 MiB by default) | reported and skipped; its bytes are discarded as they are read, never buffered |
//! | not JSON Lines at all (a JSON array, pretty-printed JSON, CSV, UTF-16, a ZIP/XLSX, an X archive `.js`) | one diagnostic naming what the file looks like and how many lines it skipped, not one per line; a later line that is a JSON object ends the summary and is read normally |
//! | bad JSON | reported with the column |
//! | a field missing, of the wrong type, empty, or with an unknown value | reported naming the field (and the allowed values); all problems of a line in one diagnostic |
//! | time not RFC 3339 | reported, with a hint when the zone is missing or the value looks like Unix seconds (the reader never guesses a zone) |
//! | `reaction` on a non-`like`, media without `path`/`url`, malformed `sha256` | reported |
//! | the same `(platform, id)` twice | the first kept, later ones reported with the first's line, saying whether the content differs |
//! | unknown fields | accepted and ignored; one warning per field name per file |
//!
//! The reader is an iterator of [`Entry`]s and keeps only what it needs to
//! find duplicates (a 128-bit fingerprint per id), so a file of millions of
//! lines streams in bounded memory. [`read_activities`] collects it into a
//! [`Loaded`] with a capped list of diagnostics.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, HashSet, VecDeque};
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::Read;
use std::path::Path;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use netra_core::{Activity, ActivityKind, Media, Platform, Reaction, Target};
use serde_json::{Map, Value};

use crate::diagnostic::{Diagnostic, DiagnosticSink, IngestError, Loaded, DEFAULT_MAX_DIAGNOSTICS};
use crate::lines::{LineReader, RawLine};

/// Default longest line accepted: 1 MiB.
pub const DEFAULT_MAX_LINE_BYTES: usize = 1 << 20;

/// Limits of a read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadOptions {
    /// Longest line accepted, in bytes (without the line end).
    pub max_line_bytes: usize,
    /// Most diagnostics a [`Loaded`] keeps; the rest are counted.
    pub max_diagnostics: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_line_bytes: DEFAULT_MAX_LINE_BYTES,
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
        }
    }
}

/// One thing a streaming reader produces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry<T> {
    /// A good item and the line it came from.
    Item { line: usize, item: T },
    /// A problem (an error for a skipped line, or a warning).
    Diagnostic(Diagnostic),
}

/// Reads the activity JSONL file at `path` with default options.
pub fn read_activities(path: &Path) -> Result<Loaded<Activity>, IngestError> {
    Ok(ActivityReader::open(path, ReadOptions::default())?.into_loaded())
}

/// Reads activity JSONL from `reader`; `file` names it in diagnostics.
pub fn read_activities_from<R: Read>(reader: R, file: &str) -> Loaded<Activity> {
    ActivityReader::new(reader, file).into_loaded()
}

/// Streaming reader of activity JSONL: an iterator of [`Entry`]s.
///
/// ```
/// use netra_ingest::{ActivityReader, Entry};
/// let input = "{\"id\":\"x:1\",\"platform\":\"x\",\"account\":\"@budi\",\"kind\":\"post\",\
///              \"text\":\"halo\",\"created_at\":\"2024-10-01T08:00:00+07:00\"}\nnot json\n";
/// let mut good = 0;
/// for entry in ActivityReader::new(input.as_bytes(), "a.jsonl") {
///     match entry {
///         Entry::Item { item, .. } => { assert_eq!(item.account, "budi"); good += 1 }
///         Entry::Diagnostic(d) => assert!(d.to_string().starts_with("a.jsonl:2: ")),
///     }
/// }
/// assert_eq!(good, 1);
/// ```
pub struct ActivityReader<R> {
    lines: LineReader<R>,
    /// the current line's bytes, reused
    buf: Vec<u8>,
    file: String,
    options: ReadOptions,
    /// fingerprint of (platform, id) -> (line, content hash)
    seen: HashMap<u128, (usize, u64)>,
    unknown_fields_reported: HashSet<String>,
    pending: VecDeque<Entry<Activity>>,
    started: bool,
    run: Option<NotJsonlRun>,
    finished: bool,
    skipped: usize,
}

/// Lines that are not JSON objects, reported as one diagnostic.
struct NotJsonlRun {
    description: String,
    /// True when only the file's start looked wrong (a junk first line): the
    /// first JSON object ends the summary and later bad lines are reported
    /// one by one. False when the whole file is of another format: the
    /// summary covers the whole file.
    ends_at_first_object: bool,
    first: usize,
    last: usize,
    count: usize,
}

impl ActivityReader<File> {
    /// Opens `path`; its display form names it in diagnostics.
    pub fn open(path: &Path, options: ReadOptions) -> Result<Self, IngestError> {
        let file = File::open(path).map_err(|source| IngestError::Open {
            path: path.to_owned(),
            source,
        })?;
        Ok(ActivityReader::with_options(
            file,
            &path.display().to_string(),
            options,
        ))
    }
}

impl<R: Read> ActivityReader<R> {
    /// A reader with default options; `file` names the input in diagnostics.
    pub fn new(reader: R, file: &str) -> Self {
        ActivityReader::with_options(reader, file, ReadOptions::default())
    }

    /// A reader with the given limits.
    pub fn with_options(reader: R, file: &str, options: ReadOptions) -> Self {
        ActivityReader {
            lines: LineReader::new(reader, options.max_line_bytes),
            buf: Vec::new(),
            file: file.to_owned(),
            options,
            seen: HashMap::new(),
            unknown_fields_reported: HashSet::new(),
            pending: VecDeque::new(),
            started: false,
            run: None,
            finished: false,
            skipped: 0,
        }
    }

    /// Lines skipped so far.
    pub fn skipped(&self) -> usize {
        self.skipped
    }

    /// Reads everything into a [`Loaded`], keeping at most
    /// `max_diagnostics` diagnostics.
    pub fn into_loaded(mut self) -> Loaded<Activity> {
        let mut sink = DiagnosticSink::new(self.options.max_diagnostics);
        let mut items = Vec::new();
        for entry in self.by_ref() {
            match entry {
                Entry::Item { item, .. } => items.push(item),
                Entry::Diagnostic(d) => sink.push(d),
            }
        }
        let (diagnostics, omitted_diagnostics) = sink.finish(&self.file);
        Loaded {
            items,
            diagnostics,
            omitted_diagnostics,
            skipped: self.skipped,
        }
    }

    fn error(&mut self, line: usize, message: String) {
        self.pending.push_back(Entry::Diagnostic(Diagnostic::error(
            &self.file, line, message,
        )));
    }

    /// A line that is not a JSON object: part of a not-JSONL run, or reported alone.
    fn not_an_object(&mut self, line: usize, message: String) {
        self.skipped += 1;
        if let Some(run) = &mut self.run {
            run.last = line;
            run.count += 1;
        } else {
            self.error(line, message);
        }
    }

    fn end_run(&mut self) {
        if let Some(run) = self.run.take() {
            if run.count == 0 {
                return;
            }
            let lines = if run.count == 1 {
                format!(
                    "1 line that is not a JSON object skipped (line {})",
                    run.first
                )
            } else {
                format!(
                    "{} lines that are not JSON objects skipped, from line {} to line {}",
                    run.count, run.first, run.last
                )
            };
            let message = format!("{}; {lines}", run.description);
            self.error(run.first, message);
        }
    }

    fn process(&mut self, line: usize, raw: RawLine, bytes: &[u8]) {
        if let RawLine::TooLong { bytes: length } = raw {
            if !self.started {
                self.started = true;
                let start = bytes.trim_ascii_start();
                let start = if line == 1 {
                    start.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(start)
                } else {
                    start
                };
                // A whole file on one line: a minified JSON array, say.
                if !start.starts_with(b"{") {
                    if let Some((description, ends_at_first_object)) =
                        describe_non_jsonl(start, line)
                    {
                        self.run = Some(NotJsonlRun {
                            description,
                            ends_at_first_object,
                            first: line,
                            last: line,
                            count: 0,
                        });
                    }
                }
            }
            let message = format!(
                "line is {length} bytes long, over the limit of {} bytes (it starts with `{}`); \
                 skipped",
                self.options.max_line_bytes,
                excerpt(&String::from_utf8_lossy(bytes), 40)
            );
            self.not_an_object(line, message);
            return;
        }
        let mut b = bytes;
        if line == 1 {
            b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
        }
        let b = b.trim_ascii();
        if b.is_empty() {
            return;
        }
        if !self.started {
            self.started = true;
            if let Some((description, ends_at_first_object)) = describe_non_jsonl(b, line) {
                self.run = Some(NotJsonlRun {
                    description,
                    ends_at_first_object,
                    first: line,
                    last: line,
                    count: 0,
                });
            }
        }
        if let Some(pos) = b.iter().position(|&c| c == 0) {
            let message = format!(
                "line contains a NUL byte at column {} (binary data, or UTF-16 text?); skipped",
                pos + 1
            );
            self.not_an_object(line, message);
            return;
        }
        let text = match std::str::from_utf8(b) {
            Ok(t) => t,
            Err(e) => {
                let pos = e.valid_up_to();
                let message = format!(
                    "invalid UTF-8 at column {} (byte 0x{:02X}); save the file as UTF-8; skipped",
                    pos + 1,
                    b[pos]
                );
                self.not_an_object(line, message);
                return;
            }
        };
        let value: Value = match serde_json::from_str(text) {
            Ok(v) => v,
            Err(e) => {
                let message = json_error_message(&e, text);
                self.not_an_object(line, message);
                return;
            }
        };
        let Value::Object(object) = value else {
            let message = format!(
                "expected a JSON object, found {}; skipped",
                describe_value(&value)
            );
            self.not_an_object(line, message);
            return;
        };
        if self.run.as_ref().is_some_and(|r| r.ends_at_first_object) {
            self.end_run();
        }
        self.object(line, &object);
    }

    fn object(&mut self, line: usize, object: &Map<String, Value>) {
        let mut unknown = Vec::new();
        let activity = match build_activity(object, &mut unknown) {
            Ok(a) => a,
            Err(problems) => {
                self.skipped += 1;
                self.error(line, format!("{}; skipped", problems.join("; ")));
                return;
            }
        };
        for field in unknown {
            if self.unknown_fields_reported.insert(field.clone()) {
                let d = Diagnostic::warning(
                    &self.file,
                    line,
                    format!("unknown field `{field}` ignored (reported once per file)"),
                );
                self.pending.push_back(Entry::Diagnostic(d));
            }
        }
        let key = fingerprint(activity.platform, &activity.id);
        let content = content_hash(&activity);
        if let Some(&(first, first_content)) = self.seen.get(&key) {
            self.skipped += 1;
            let how = if first_content == content {
                "the same content"
            } else {
                "different content: check which is right"
            };
            let message = format!(
                "duplicate id `{}` on {} (first at line {first}, this line has {how}); the first \
                 is kept, this line skipped",
                activity.id, activity.platform
            );
            self.error(line, message);
            return;
        }
        self.seen.insert(key, (line, content));
        self.pending.push_back(Entry::Item {
            line,
            item: activity,
        });
    }
}

impl<R: Read> Iterator for ActivityReader<R> {
    type Item = Entry<Activity>;

    fn next(&mut self) -> Option<Entry<Activity>> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                return Some(e);
            }
            if self.finished {
                return None;
            }
            let line = self.lines.number() + 1;
            let mut buf = std::mem::take(&mut self.buf);
            let read = self.lines.next_line(&mut buf);
            match read {
                None => {
                    self.finished = true;
                    self.end_run();
                }
                Some(Err(e)) => {
                    self.finished = true;
                    self.end_run();
                    let message = format!("cannot read further: {e}; the lines before were read");
                    self.error(line, message);
                }
                Some(Ok(raw)) => self.process(line, raw, &buf),
            }
            self.buf = buf;
        }
    }
}

/// What a file whose first non-blank line is `b` looks like, when it is not
/// JSON Lines, and whether only that line is wrong (rather than the file).
fn describe_non_jsonl(b: &[u8], line: usize) -> Option<(String, bool)> {
    let what = if b.starts_with(b"\xFF\xFE") || b.starts_with(b"\xFE\xFF") {
        "the file is UTF-16 text, not UTF-8: save it as UTF-8".to_owned()
    } else if b.len() >= 2 && b[0] != 0 && b[1] == 0 {
        "the file looks like UTF-16 text (a NUL after every character), not UTF-8: save it as \
         UTF-8"
            .to_owned()
    } else if b.starts_with(b"PK\x03\x04") {
        "the file is a ZIP archive (an Excel .xlsx or a zipped export?), not JSON Lines".to_owned()
    } else if b.starts_with(b"window.YTD.") {
        "the file is an X archive data file (`window.YTD...`), not JSON Lines: import it as an \
         X archive"
            .to_owned()
    } else if b.starts_with(b"[") {
        "the file is a JSON array, not JSON Lines (one object per line): convert it, e.g. with \
         `jq -c '.[]'`"
            .to_owned()
    } else if b.starts_with(b"{") {
        let e = serde_json::from_slice::<Value>(b).err()?;
        if e.classify() != serde_json::error::Category::Eof {
            return None;
        }
        "the file looks like pretty-printed JSON (an object spread over several lines), not JSON \
         Lines (one object per line): convert it, e.g. with `jq -c .`"
            .to_owned()
    } else if b.contains(&0) || std::str::from_utf8(b).is_err() {
        "the file holds binary data, not JSON Lines text".to_owned()
    } else {
        let start = excerpt(&String::from_utf8_lossy(b), 40);
        if b.iter().any(|c| matches!(c, b',' | b';' | b'\t')) {
            format!(
                "the file looks like CSV or another table (line {line} starts with `{start}`), \
                 not JSON Lines: import it as CSV"
            )
        } else {
            let what = format!(
                "the file does not start with a JSON object (line {line} starts with `{start}`)"
            );
            return Some((what, true));
        }
    };
    Some((what, false))
}

fn json_error_message(e: &serde_json::Error, text: &str) -> String {
    let full = e.to_string();
    let reason = full
        .rfind(" at line ")
        .map_or(full.as_str(), |i| &full[..i]);
    let mut message = match e.classify() {
        serde_json::error::Category::Eof => {
            format!("invalid JSON: the line ends too early ({reason})")
        }
        _ => format!("invalid JSON at column {}: {reason}", e.column()),
    };
    if !text.starts_with('{') {
        message.push_str(" (each line must be one JSON object)");
    } else if reason == "trailing characters" {
        let rest = text.get(e.column().saturating_sub(1)..).unwrap_or("");
        if rest.trim_start().starts_with(',') {
            message.push_str(" (JSON Lines puts no comma after an object)");
        } else if rest.trim_start().starts_with('{') {
            message.push_str(" (two objects on one line? each goes on its own line)");
        }
    }
    message.push_str("; skipped");
    message
}

/// "a number (12)", "a string (\"x\")", "an array", … for messages.
fn describe_value(v: &Value) -> String {
    match v {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => format!("a boolean ({b})"),
        Value::Number(n) => format!("a number ({n})"),
        Value::String(s) => format!("a string (\"{}\")", excerpt(s, 40)),
        Value::Array(_) => "an array".to_owned(),
        Value::Object(_) => "an object".to_owned(),
    }
}

fn excerpt(s: &str, max_chars: usize) -> String {
    let mut out: String = s
        .chars()
        .take(max_chars)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    if s.chars().count() > max_chars {
        out.push('…');
    }
    out
}

const FIELDS: [&str; 11] = [
    "id",
    "platform",
    "account",
    "kind",
    "text",
    "created_at",
    "created_at_approx",
    "reaction",
    "target",
    "url",
    "media",
];
const TARGET_FIELDS: [&str; 4] = ["account", "id", "text", "url"];
const MEDIA_FIELDS: [&str; 4] = ["path", "url", "sha256", "alt"];

/// Collects the problems of one object.
struct Fields<'a> {
    object: &'a Map<String, Value>,
    prefix: String,
    problems: Vec<String>,
}

impl<'a> Fields<'a> {
    fn new(object: &'a Map<String, Value>, prefix: &str) -> Self {
        Fields {
            object,
            prefix: prefix.to_owned(),
            problems: Vec::new(),
        }
    }

    fn name(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    fn required_str(&mut self, key: &str) -> Option<&'a str> {
        match self.object.get(key) {
            None => {
                self.problems
                    .push(format!("missing required field `{}`", self.name(key)));
                None
            }
            Some(Value::Null) => {
                self.problems.push(format!(
                    "field `{}` is null; it is required",
                    self.name(key)
                ));
                None
            }
            Some(_) => self.optional_str(key),
        }
    }

    fn optional_str(&mut self, key: &str) -> Option<&'a str> {
        match self.object.get(key) {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            Some(other) => {
                self.problems.push(format!(
                    "field `{}` must be a string, found {}",
                    self.name(key),
                    describe_value(other)
                ));
                None
            }
        }
    }

    fn non_empty(&mut self, key: &str, value: Option<&'a str>) -> Option<&'a str> {
        let v = value?;
        if v.trim().is_empty() {
            self.problems
                .push(format!("field `{}` is empty", self.name(key)));
            return None;
        }
        Some(v)
    }

    fn unknown(&self, allowed: &[&str], out: &mut Vec<String>) {
        for k in self.object.keys() {
            if !allowed.contains(&k.as_str()) {
                out.push(format!("{}{k}", self.prefix));
            }
        }
    }
}

/// Builds and validates an activity from one JSON object; all problems of
/// the object are returned together. Unknown field names go to `unknown`.
fn build_activity(
    object: &Map<String, Value>,
    unknown: &mut Vec<String>,
) -> Result<Activity, Vec<String>> {
    let mut f = Fields::new(object, "");
    f.unknown(&FIELDS, unknown);

    let id = f.required_str("id");
    let id = f.non_empty("id", id);
    let platform = f.required_str("platform").and_then(|s| {
        let p = Platform::parse(s);
        if p.is_none() {
            f.problems.push(format!(
                "field `platform`: unknown platform `{}`; allowed: {}",
                excerpt(s, 40),
                Platform::allowed_list()
            ));
        }
        p
    });
    let account = f.required_str("account");
    let account = match account {
        Some(a) if netra_core::registry::normalize_handle(a).is_empty() => {
            f.problems.push("field `account` is empty".to_owned());
            None
        }
        other => other,
    };
    let kind = f.required_str("kind").and_then(|s| {
        let k = ActivityKind::parse(s);
        if k.is_none() {
            f.problems.push(format!(
                "field `kind`: unknown kind `{}`; allowed: {}",
                excerpt(s, 40),
                ActivityKind::allowed_list()
            ));
        }
        k
    });
    let text = f.optional_str("text").unwrap_or_default().to_owned();
    let created_at = created_at(&mut f);
    let created_at_approx = match object.get("created_at_approx") {
        None | Some(Value::Null) => false,
        Some(Value::Bool(b)) => *b,
        Some(other) => {
            f.problems.push(format!(
                "field `created_at_approx` must be true or false, found {}",
                describe_value(other)
            ));
            false
        }
    };
    let reaction = f.optional_str("reaction").and_then(|s| {
        let r = Reaction::parse(s);
        if r.is_none() {
            f.problems.push(format!(
                "field `reaction`: unknown reaction `{}`; allowed: {}",
                excerpt(s, 40),
                Reaction::allowed_list()
            ));
        }
        r
    });
    let url = f.optional_str("url").map(str::to_owned);
    let target = target(&mut f, unknown);
    let media = media(&mut f, unknown);

    let mut problems = f.problems;
    let (Some(id), Some(platform), Some(account), Some(kind), Some(created_at)) =
        (id, platform, account, kind, created_at)
    else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut activity = Activity {
        id: id.to_owned(),
        platform,
        account: account.to_owned(),
        kind,
        text,
        created_at,
        created_at_approx,
        reaction,
        target,
        url,
        media,
    };
    activity.normalize();
    if let Err(p) = activity.validate() {
        problems.push(p.to_string());
        return Err(problems);
    }
    Ok(activity)
}

const TIME_EXAMPLE: &str = "2024-10-01T08:00:00+07:00";

fn created_at(f: &mut Fields<'_>) -> Option<DateTime<FixedOffset>> {
    if let Some(Value::Number(n)) = f.object.get("created_at") {
        f.problems.push(format!(
            "field `created_at` must be an RFC 3339 time such as `{TIME_EXAMPLE}`, found a \
             number ({n}; Unix seconds?)"
        ));
        return None;
    }
    let s = f.required_str("created_at")?;
    let t = s.trim();
    if let Ok(time) = DateTime::parse_from_rfc3339(t) {
        return Some(time);
    }
    let hint = if [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ]
    .iter()
    .any(|fmt| NaiveDateTime::parse_from_str(t, fmt).is_ok())
    {
        "it has no time zone offset; add one, e.g. `+07:00` for WIB (netra does not guess the zone)"
    } else if NaiveDate::parse_from_str(t, "%Y-%m-%d").is_ok() {
        "it is a date without a time of day"
    } else if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        "it looks like Unix seconds"
    } else {
        "not a valid date and time"
    };
    f.problems.push(format!(
        "field `created_at`: `{}` is not an RFC 3339 time such as `{TIME_EXAMPLE}` ({hint})",
        excerpt(t, 40)
    ));
    None
}

fn target(f: &mut Fields<'_>, unknown: &mut Vec<String>) -> Option<Target> {
    match f.object.get("target") {
        None | Some(Value::Null) => None,
        Some(Value::Object(o)) => {
            let mut t = Fields::new(o, "target.");
            t.unknown(&TARGET_FIELDS, unknown);
            let target = Target {
                account: t.optional_str("account").map(str::to_owned),
                id: t.optional_str("id").map(str::to_owned),
                text: t.optional_str("text").map(str::to_owned),
                url: t.optional_str("url").map(str::to_owned),
            };
            f.problems.append(&mut t.problems);
            Some(target)
        }
        Some(other) => {
            f.problems.push(format!(
                "field `target` must be an object {{account, id, text, url}}, found {}",
                describe_value(other)
            ));
            None
        }
    }
}

fn media(f: &mut Fields<'_>, unknown: &mut Vec<String>) -> Vec<Media> {
    let items = match f.object.get("media") {
        None | Some(Value::Null) => return Vec::new(),
        Some(Value::Array(items)) => items,
        Some(other) => {
            f.problems.push(format!(
                "field `media` must be an array of objects, found {}",
                describe_value(other)
            ));
            return Vec::new();
        }
    };
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let Value::Object(o) = item else {
            f.problems.push(format!(
                "field `media[{i}]` must be an object {{path or url, sha256, alt}}, found {}",
                describe_value(item)
            ));
            continue;
        };
        let mut m = Fields::new(o, &format!("media[{i}]."));
        let mut unknown_here = Vec::new();
        m.unknown(&MEDIA_FIELDS, &mut unknown_here);
        // one warning per field name per file, whatever the index
        unknown.extend(
            unknown_here
                .into_iter()
                .map(|k| format!("media[].{}", &k[m.prefix.len()..])),
        );
        out.push(Media {
            path: m.optional_str("path").map(str::to_owned),
            url: m.optional_str("url").map(str::to_owned),
            sha256: m.optional_str("sha256").map(str::to_owned),
            alt: m.optional_str("alt").map(str::to_owned),
            // What an image says is read by netra, never taken from input.
            ocr: None,
        });
        f.problems.append(&mut m.problems);
    }
    out
}

/// 128-bit fingerprint of `(platform, id)`: two independent 64-bit hashes,
/// so a false duplicate among millions of ids is practically impossible.
fn fingerprint(platform: Platform, id: &str) -> u128 {
    let half = |salt: u8| {
        let mut h = DefaultHasher::new();
        (salt, platform.as_str(), id).hash(&mut h);
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

/// Hash of the activity's canonical JSON, to tell a repeated line from a conflicting one.
fn content_hash(a: &Activity) -> u64 {
    let mut h = DefaultHasher::new();
    serde_json::to_string(a).unwrap_or_default().hash(&mut h);
    h.finish()
}
