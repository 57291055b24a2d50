//! Platform exports and activity tables converted to canonical activities.
//!
//! [`convert`] takes a file, a directory or a `.zip` as the platform delivers
//! it, finds the data files it knows (format detected from the file's name
//! and first bytes, or forced with [`ConvertOptions::format`]), and returns
//! one [`Converted`] per data file: the canonical [`Activity`]s and a
//! [`Diagnostic`] for each record it skipped, with the file and line. A bad
//! record never stops the rest; only a path that does not exist is an error.
//!
//! | format | files read | quirks handled |
//! |---|---|---|
//! | `jsonl` | `*.jsonl`, `*.ndjson` | the canonical reader ([`crate::jsonl`]) |
//! | `x-archive` | `data/tweets.js` (`tweet.js`, `tweets-part1.js`, `deleted-tweets.js`), `data/like.js`; owner from `data/account.js` | `window.YTD.<name>.partN = ` prefix; HTML entities; `RT @x:` reposts, replies (a reply to oneself is a post), quotes (a link to a tweet); likes timed by the liked tweet's id (snowflake) as a lower bound, `created_at_approx: true` |
//! | `x-api` | API v2 responses (`{"data": …, "includes": {"users", "tweets", "media"}}`), one per file or one per line | `referenced_tweets` → repost / quote / reply with the target's author from `includes.users`; no `created_at` → the id's time, approximate |
//! | `facebook` | `your_posts_N.json` (also `your_posts__check_ins__photos_and_videos_N.json`), `comments.json`, `likes_and_reactions_N.json`, `posts_and_comments.json`; owner from `profile_information.json` when it has a username | mojibake repaired; Unix seconds; `… shared …` titles are shares; reactions mapped (`SORRY` → sad, `ANGER` → angry, `SUPPORT` → care); ids derived from the content |
//! | `instagram` | `posts_N.json`, `stories.json`, `liked_posts.json`, `post_comments_N.json`; owner from `personal_information.json` | mojibake repaired; Unix seconds; the liked post's owner from the entry title |
//! | `tiktok` | `user_data*.json`: Like List, Video / Post list, Comment list, Share History; owner from the Profile section | dates without a zone read in the given zone and reported |
//! | `csv`, `xlsx` | a header row whose columns name the canonical fields (Indonesian and English synonyms) | separator sniffed; times without zone in the given zone; kinds and platforms in Indonesian (`komentar`, `suka`, `bagikan`, …) |
//!
//! Images attached to posts (X `data/tweets_media/<tweet id>-<name>`,
//! Facebook and Instagram `media/…` URIs) become `media[].path` when the
//! file is in the export: a path on disk for a folder, `export.zip!entry`
//! inside a zip ([`crate::zip_entry`]), so a zip gives the same media as the
//! same export unpacked. A URI leaving the export (`..`, absolute) is never
//! followed.
//!
//! Records without an id of their own (Facebook, Instagram, TikTok, tables
//! without an `id` column) get a stable one from a hash of their content, so
//! importing the same export twice stores nothing twice.

mod facebook;
pub mod fix;
mod instagram;
pub(crate) mod json;
mod source;
mod table;
mod tiktok;
mod x_api;
mod x_archive;

use std::path::{Path, PathBuf};

use chrono_tz::Tz;
use netra_core::Activity;

use crate::diagnostic::{Diagnostic, DiagnosticSink, IngestError, DEFAULT_MAX_DIAGNOSTICS};
pub use fix::TimeRead;

/// An input format of `netra import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    Jsonl,
    XArchive,
    XApi,
    Facebook,
    Instagram,
    Tiktok,
    Csv,
    Xlsx,
}

impl Format {
    /// All formats, in the order of the command-line contract.
    pub const ALL: [Format; 8] = [
        Format::Jsonl,
        Format::XArchive,
        Format::XApi,
        Format::Facebook,
        Format::Instagram,
        Format::Tiktok,
        Format::Csv,
        Format::Xlsx,
    ];

    /// The command-line spelling (`jsonl`, `x-archive`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Jsonl => "jsonl",
            Format::XArchive => "x-archive",
            Format::XApi => "x-api",
            Format::Facebook => "facebook",
            Format::Instagram => "instagram",
            Format::Tiktok => "tiktok",
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }

    /// Parses the command-line spelling (case-insensitive).
    pub fn parse(s: &str) -> Option<Format> {
        let s = s.trim();
        Format::ALL
            .into_iter()
            .find(|f| f.as_str().eq_ignore_ascii_case(s))
    }

    /// The spellings joined by `, `, for messages.
    pub fn allowed_list() -> String {
        Format::ALL.map(Format::as_str).join(", ")
    }
}

impl std::fmt::Display for Format {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How to convert.
#[derive(Debug, Clone)]
pub struct ConvertOptions {
    /// Read every file as this format; `None`: detect per file.
    pub format: Option<Format>,
    /// The handle of the export's owner, for exports that do not name it
    /// (and the default account of table rows without one).
    pub account: Option<String>,
    /// The zone of times written without one.
    pub zone: Tz,
    /// Largest data file read, in bytes.
    pub max_file_bytes: u64,
    /// Most diagnostics kept per file; the rest are counted.
    pub max_diagnostics: usize,
}

impl ConvertOptions {
    /// Detect formats, no account, times without zone in `zone`.
    pub fn new(zone: Tz) -> ConvertOptions {
        ConvertOptions {
            format: None,
            account: None,
            zone,
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
            max_diagnostics: DEFAULT_MAX_DIAGNOSTICS,
        }
    }
}

/// Default largest data file: 1 GiB.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1 << 30;

/// What one data file gave.
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The file (`export.zip:data/like.js` for a file inside a zip).
    pub file: String,
    /// Its format; `None` when it could not be told or read.
    pub format: Option<Format>,
    /// What the file holds, for the summary (`tweets`, `likes`, `comments`, …).
    pub content: &'static str,
    /// The account that owns the export (stored form, no `@`), when known.
    pub account: Option<String>,
    /// Records (lines, rows, array entries) read.
    pub records: usize,
    /// The activities, in file order.
    pub activities: Vec<Activity>,
    /// What was skipped or assumed, in file order (capped).
    pub diagnostics: Vec<Diagnostic>,
    /// Diagnostics beyond the cap.
    pub omitted_diagnostics: usize,
    /// Records skipped.
    pub skipped: usize,
    /// Activities whose time had no zone and was read in
    /// [`ConvertOptions::zone`].
    pub zone_assumed: usize,
}

impl Converted {
    /// True when anything was skipped or a problem reported.
    pub fn has_errors(&self) -> bool {
        self.omitted_diagnostics > 0 || self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// What `convert` found in one input path.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Conversion {
    /// One entry per data file, in path order.
    pub files: Vec<Converted>,
    /// Files of an export directory or zip that hold no activity netra
    /// reads (media, messages, settings): not read.
    pub ignored: usize,
}

/// Converts the file, directory or zip at `path`.
pub fn convert(path: &Path, options: &ConvertOptions) -> Result<Conversion, IngestError> {
    let meta = std::fs::metadata(path).map_err(|source| IngestError::Open {
        path: path.to_owned(),
        source,
    })?;
    let mut out = Conversion::default();
    if meta.is_dir() {
        source::convert_dir(path, options, &mut out);
    } else {
        source::convert_file(path, options, &mut out);
    }
    Ok(out)
}

/// What a data file is, once recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Jsonl,
    XTweets,
    XLikes,
    XAccount,
    XApi,
    FbPosts,
    FbComments,
    FbReactions,
    FbProfile,
    IgPosts,
    IgStories,
    IgLikes,
    IgComments,
    IgProfile,
    Tiktok,
    Csv,
    Xlsx,
}

impl Kind {
    pub(crate) fn format(self) -> Format {
        match self {
            Kind::Jsonl => Format::Jsonl,
            Kind::XTweets | Kind::XLikes | Kind::XAccount => Format::XArchive,
            Kind::XApi => Format::XApi,
            Kind::FbPosts | Kind::FbComments | Kind::FbReactions | Kind::FbProfile => {
                Format::Facebook
            }
            Kind::IgPosts
            | Kind::IgStories
            | Kind::IgLikes
            | Kind::IgComments
            | Kind::IgProfile => Format::Instagram,
            Kind::Tiktok => Format::Tiktok,
            Kind::Csv => Format::Csv,
            Kind::Xlsx => Format::Xlsx,
        }
    }

    /// What the file holds, for the summary.
    pub(crate) fn content(self) -> &'static str {
        match self {
            Kind::Jsonl => "activities",
            Kind::XTweets => "tweets",
            Kind::XLikes | Kind::IgLikes => "likes",
            Kind::XApi => "tweets (API)",
            Kind::FbPosts | Kind::IgPosts => "posts",
            Kind::FbComments | Kind::IgComments => "comments",
            Kind::FbReactions => "reactions",
            Kind::IgStories => "stories",
            Kind::Tiktok => "user data",
            Kind::Csv | Kind::Xlsx => "table rows",
            Kind::XAccount | Kind::FbProfile | Kind::IgProfile => "owner",
        }
    }

    /// Files that only name the export's owner.
    pub(crate) fn is_owner_file(self) -> bool {
        matches!(self, Kind::XAccount | Kind::FbProfile | Kind::IgProfile)
    }

    /// Whether activities of this kind are the owner's (and so need one).
    pub(crate) fn needs_owner(self) -> bool {
        !matches!(
            self,
            Kind::Jsonl | Kind::XApi | Kind::Tiktok | Kind::Csv | Kind::Xlsx
        ) && !self.is_owner_file()
    }
}

/// Recognises a data file by its name and first bytes. `forced` limits the
/// answer to that format.
pub(crate) fn classify(name: &str, head: &[u8], forced: Option<Format>) -> Option<Kind> {
    let base = name
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(name)
        .to_ascii_lowercase();
    let ext = base.rsplit_once('.').map_or("", |(_, e)| e);
    let start = trim_head(head);
    let kind = match forced {
        Some(Format::Jsonl) => return Some(Kind::Jsonl),
        Some(Format::Csv) => return Some(Kind::Csv),
        Some(Format::Xlsx) => return Some(Kind::Xlsx),
        _ if start.starts_with(b"window.YTD.") => x_archive::kind_of(start),
        _ => match ext {
            "jsonl" | "ndjson" => Some(Kind::Jsonl),
            "csv" | "tsv" => Some(Kind::Csv),
            "xlsx" | "xls" | "xlsb" | "ods" => Some(Kind::Xlsx),
            "json" => json_kind(&base, start, forced),
            _ => None,
        },
    }?;
    match forced {
        Some(f) if f != kind.format() => None,
        _ => Some(kind),
    }
}

fn json_kind(base: &str, start: &[u8], forced: Option<Format>) -> Option<Kind> {
    let by_name = if base.starts_with("your_posts") {
        Some(Kind::FbPosts)
    } else if base == "comments.json" {
        Some(Kind::FbComments)
    } else if base.starts_with("likes_and_reactions") || base == "posts_and_comments.json" {
        Some(Kind::FbReactions)
    } else if base == "profile_information.json" {
        Some(Kind::FbProfile)
    } else if base.starts_with("posts_") {
        Some(Kind::IgPosts)
    } else if base == "stories.json" {
        Some(Kind::IgStories)
    } else if base == "liked_posts.json" {
        Some(Kind::IgLikes)
    } else if base.starts_with("post_comments") {
        Some(Kind::IgComments)
    } else if base == "personal_information.json" {
        Some(Kind::IgProfile)
    } else if base.starts_with("user_data") {
        Some(Kind::Tiktok)
    } else {
        None
    };
    if by_name.is_some() {
        return by_name;
    }
    let text = String::from_utf8_lossy(start);
    match forced {
        Some(Format::XApi) => return Some(Kind::XApi),
        Some(Format::Tiktok) => return Some(Kind::Tiktok),
        _ => {}
    }
    let first_key_is_data =
        start.starts_with(b"{") && start[1..].trim_ascii_start().starts_with(b"\"data\"");
    if first_key_is_data
        || text.contains("\"author_id\"")
        || text.contains("\"edit_history_tweet_ids\"")
    {
        Some(Kind::XApi)
    } else if start.starts_with(b"{")
        && (text.contains("\"Activity\"") || text.contains("\"Profile\""))
    {
        Some(Kind::Tiktok)
    } else {
        None
    }
}

/// The head without a byte-order mark and leading blanks.
fn trim_head(head: &[u8]) -> &[u8] {
    head.strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(head)
        .trim_ascii_start()
}

/// The part of an export path before its layout folders: files of one
/// export share it, so a data file finds its owner file by it.
pub(crate) fn export_root(path: &str) -> String {
    const LAYOUT: [&str; 14] = [
        "data",
        "personal_information",
        "your_instagram_activity",
        "your_facebook_activity",
        "profile_information",
        "content",
        "likes",
        "comments",
        "posts",
        "comments_and_reactions",
        "likes_and_reactions",
        "connections",
        "logged_information",
        "media",
    ];
    let parts: Vec<&str> = path.split(['/', '\\']).collect();
    let cut = parts
        .iter()
        .position(|p| LAYOUT.contains(&p.to_ascii_lowercase().as_str()))
        .unwrap_or(parts.len().saturating_sub(1));
    parts[..cut].iter().fold(String::new(), |mut root, p| {
        root.push_str(p);
        root.push('/');
        root
    })
}

/// Where a data file sits, for the converters.
pub(crate) struct Ctx {
    pub(crate) kind: Kind,
    pub(crate) owner: Option<String>,
    pub(crate) zone: Tz,
    /// Where the export's media files are (paths in Facebook and Instagram
    /// exports and X's `data/tweets_media/` are relative to its root).
    pub(crate) media: Option<MediaRoot>,
}

/// The root of an export whose media files a converter may attach.
#[derive(Debug, Clone)]
pub(crate) enum MediaRoot {
    /// The export's root folder on disk.
    Dir(PathBuf),
    /// A zipped export: the zip on disk, the export's root inside it
    /// (`""` or `"folder/"`) and the names of the zip's entries.
    Zip {
        zip: PathBuf,
        root: String,
        entries: std::rc::Rc<std::collections::HashSet<String>>,
    },
}

impl MediaRoot {
    /// The `media[].path` of the file at `rel` (relative to the export's
    /// root), when it is there: a path on disk, or the zip's path and the
    /// entry's name (see [`crate::zip_entry`]). A name leaving the root
    /// (`..`, absolute) is never followed.
    pub(crate) fn find(&self, rel: &str) -> Option<String> {
        let rel = rel.trim().trim_start_matches("./");
        let stays_inside = !rel.is_empty()
            && !rel.starts_with(['/', '\\'])
            && rel
                .split(['/', '\\'])
                .all(|part| part != ".." && !part.contains(':'));
        if !stays_inside {
            return None;
        }
        match self {
            MediaRoot::Dir(root) => {
                let path = root.join(rel);
                path.is_file().then(|| path.display().to_string())
            }
            MediaRoot::Zip { zip, root, entries } => {
                let entry = format!("{root}{rel}");
                entries
                    .contains(&entry)
                    .then(|| crate::zip_entry::entry_path(zip, &entry))
            }
        }
    }
}

/// Collects what one data file gives.
pub(crate) struct Out {
    file: String,
    pub(crate) records: usize,
    activities: Vec<Activity>,
    sink: DiagnosticSink,
    skipped: usize,
    zone_assumed: usize,
    seen: std::collections::HashSet<String>,
}

impl Out {
    pub(crate) fn new(file: &str, max_diagnostics: usize) -> Out {
        Out {
            file: file.to_owned(),
            records: 0,
            activities: Vec::new(),
            sink: DiagnosticSink::new(max_diagnostics),
            skipped: 0,
            zone_assumed: 0,
            seen: std::collections::HashSet::new(),
        }
    }

    /// A record that cannot be used: reported and skipped.
    pub(crate) fn skip(&mut self, line: usize, message: impl Into<String>) {
        self.skipped += 1;
        let d = Diagnostic::error(&self.file, line, message);
        self.sink.push(d);
    }

    /// A problem that skips no record (a whole-file problem, a truncation).
    pub(crate) fn error(&mut self, line: usize, message: impl Into<String>) {
        let d = Diagnostic::error(&self.file, line, message);
        self.sink.push(d);
    }

    pub(crate) fn warning(&mut self, line: usize, message: impl Into<String>) {
        let d = Diagnostic::warning(&self.file, line, message);
        self.sink.push(d);
    }

    /// Checks and keeps an activity built from the record at `line`.
    pub(crate) fn push(&mut self, line: usize, mut a: Activity, time: TimeRead) {
        a.normalize();
        if let Err(p) = a.validate() {
            self.skip(line, format!("{p}; record skipped"));
            return;
        }
        if !self.seen.insert(format!("{}\u{1F}{}", a.platform, a.id)) {
            // The same record twice in one file (an export repeats an entry): keep one.
            return;
        }
        if time == TimeRead::ZoneAssumed {
            self.zone_assumed += 1;
        }
        self.activities.push(a);
    }

    pub(crate) fn finish(self, kind: Option<Kind>, account: Option<String>) -> Converted {
        let (diagnostics, omitted_diagnostics) = self.sink.finish(&self.file);
        Converted {
            file: self.file,
            format: kind.map(Kind::format),
            content: kind.map_or("", Kind::content),
            account,
            records: self.records,
            activities: self.activities,
            diagnostics,
            omitted_diagnostics,
            skipped: self.skipped,
            zone_assumed: self.zone_assumed,
        }
    }
}

/// Converts one recognised data file's bytes.
pub(crate) fn convert_bytes(bytes: &[u8], ctx: &Ctx, out: &mut Out) {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        out.error(
            0,
            "the file is UTF-16 text, not UTF-8: save it as UTF-8; nothing read",
        );
        return;
    }
    match ctx.kind {
        Kind::Jsonl => {
            let file = out.file.clone();
            let mut reader = crate::jsonl::ActivityReader::new(bytes, &file);
            for entry in reader.by_ref() {
                match entry {
                    crate::jsonl::Entry::Item { line, item } => {
                        out.records += 1;
                        out.push(line, item, TimeRead::Zoned);
                    }
                    crate::jsonl::Entry::Diagnostic(d) => out.sink.push(d),
                }
            }
            out.records += reader.skipped();
            out.skipped += reader.skipped();
        }
        Kind::XTweets | Kind::XLikes => x_archive::convert(bytes, ctx, out),
        Kind::XApi => x_api::convert(bytes, ctx, out),
        Kind::FbPosts | Kind::FbComments | Kind::FbReactions => facebook::convert(bytes, ctx, out),
        Kind::IgPosts | Kind::IgStories | Kind::IgLikes | Kind::IgComments => {
            instagram::convert(bytes, ctx, out);
        }
        Kind::Tiktok => tiktok::convert(bytes, ctx, out),
        Kind::Csv => table::convert_csv(bytes, ctx, out),
        Kind::Xlsx => table::convert_xlsx(bytes, ctx, out),
        Kind::XAccount | Kind::FbProfile | Kind::IgProfile => {}
    }
}

/// The owner handle an owner file names, if any.
pub(crate) fn owner_of(kind: Kind, bytes: &[u8]) -> Option<String> {
    let handle = match kind {
        Kind::XAccount => x_archive::owner(bytes),
        Kind::FbProfile => facebook::owner(bytes),
        Kind::IgProfile => instagram::owner(bytes),
        _ => None,
    }?;
    let h = netra_core::registry::normalize_handle(&handle).to_owned();
    (!h.is_empty()).then_some(h)
}

/// Writes activities as canonical JSONL (one object a line).
pub fn write_jsonl<W: std::io::Write>(mut w: W, activities: &[Activity]) -> std::io::Result<()> {
    for a in activities {
        serde_json::to_writer(&mut w, a)?;
        w.write_all(b"\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_recognised_by_name_and_content() {
        let c = |name: &str, head: &str| classify(name, head.as_bytes(), None);
        assert_eq!(
            c("data/like.js", "window.YTD.like.part0 = ["),
            Some(Kind::XLikes)
        );
        assert_eq!(
            c("data/tweets-part1.js", "window.YTD.tweets.part1 = ["),
            Some(Kind::XTweets)
        );
        assert_eq!(
            c("data/account.js", "window.YTD.account.part0 = ["),
            Some(Kind::XAccount)
        );
        assert_eq!(
            c(
                "data/direct-messages.js",
                "window.YTD.direct_messages.part0 = ["
            ),
            None
        );
        assert_eq!(c("x/your_posts_1.json", "["), Some(Kind::FbPosts));
        assert_eq!(c("a/likes/liked_posts.json", "{"), Some(Kind::IgLikes));
        assert_eq!(c("user_data_tiktok.json", "{"), Some(Kind::Tiktok));
        assert_eq!(
            c("lookup.json", "{\"data\": [{\"id\": \"1\"}]}"),
            Some(Kind::XApi)
        );
        assert_eq!(c("a.jsonl", "{"), Some(Kind::Jsonl));
        assert_eq!(c("pantauan.CSV", "akun,teks"), Some(Kind::Csv));
        assert_eq!(c("photo.jpg", "\u{FFFD}"), None);
        assert_eq!(
            classify("your_posts_1.json", b"[", Some(Format::Instagram)),
            None
        );
        assert_eq!(
            classify("weird.txt", b"{", Some(Format::Jsonl)),
            Some(Kind::Jsonl)
        );
    }

    #[test]
    fn export_roots_group_the_files_of_one_export() {
        assert_eq!(export_root("twitter-2024/data/tweets.js"), "twitter-2024/");
        assert_eq!(export_root("data/account.js"), "");
        assert_eq!(
            export_root("exports/ig/your_instagram_activity/likes/liked_posts.json"),
            "exports/ig/"
        );
        assert_eq!(
            export_root(
                "exports/ig/personal_information/personal_information/personal_information.json"
            ),
            "exports/ig/"
        );
        assert_eq!(export_root("pantauan.csv"), "");
        assert_eq!(export_root("a/b/user_data.json"), "a/b/");
    }

    #[test]
    fn format_names_round_trip() {
        for f in Format::ALL {
            assert_eq!(Format::parse(f.as_str()), Some(f));
        }
        assert_eq!(Format::parse("X-Archive"), Some(Format::XArchive));
        assert_eq!(Format::parse("myspace"), None);
    }
}
