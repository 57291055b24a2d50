//! Where data files come from: a single file, a directory tree, a zip.
//!
//! A directory or zip may hold several exports (an X archive beside a
//! Facebook download and a spreadsheet); each data file is matched with the
//! owner file of its own export (see [`super::export_root`]).

use std::collections::{HashMap, HashSet};
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use super::{
    classify, export_root, owner_of, Conversion, ConvertOptions, Ctx, Format, Kind, MediaRoot, Out,
};

/// How many leading bytes decide a file's format.
const HEAD_BYTES: usize = 512;
/// How deep a directory walk goes.
const MAX_DEPTH: usize = 16;

/// The files of one container, by relative name with `/` separators.
trait Container {
    fn names(&self) -> Vec<String>;
    /// At most `limit` bytes of the file; an error message otherwise.
    fn read(&mut self, name: &str, limit: u64) -> Result<Vec<u8>, String>;
    /// The name shown in diagnostics.
    fn label(&self, name: &str) -> String;
    /// Where the media files of the export at `root` are.
    fn media_root(&self, root: &str) -> MediaRoot;
}

struct Dir {
    base: PathBuf,
    /// `base` made absolute, for media paths that mean the same from anywhere.
    absolute: PathBuf,
    files: Vec<String>,
}

impl Container for Dir {
    fn names(&self) -> Vec<String> {
        self.files.clone()
    }

    fn read(&mut self, name: &str, limit: u64) -> Result<Vec<u8>, String> {
        read_file(&self.base.join(name), limit)
    }

    fn label(&self, name: &str) -> String {
        self.base.join(name).display().to_string()
    }

    fn media_root(&self, root: &str) -> MediaRoot {
        MediaRoot::Dir(self.absolute.join(root))
    }
}

struct Zip {
    path: PathBuf,
    /// `path` made absolute, for media paths that mean the same from anywhere.
    absolute: PathBuf,
    archive: zip::ZipArchive<File>,
    /// The names of all entries, shared by the media roots.
    entries: Rc<HashSet<String>>,
}

impl Container for Zip {
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .archive
            .file_names()
            .filter(|n| !n.ends_with('/'))
            .map(str::to_owned)
            .collect();
        names.sort();
        names
    }

    fn read(&mut self, name: &str, limit: u64) -> Result<Vec<u8>, String> {
        let mut entry = self
            .archive
            .by_name(name)
            .map_err(|e| format!("cannot open this entry of the zip: {e}"))?;
        if entry.size() > limit {
            return Err(format!(
                "the entry is {} bytes, over the limit of {limit} bytes; nothing read",
                entry.size()
            ));
        }
        let mut bytes = Vec::new();
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| {
                format!(
                    "cannot read this entry of the zip after {} bytes: {e} (a truncated or \
                     damaged download?); nothing read from it",
                    bytes.len()
                )
            })?;
        Ok(bytes)
    }

    fn label(&self, name: &str) -> String {
        format!("{}:{name}", self.path.display())
    }

    fn media_root(&self, root: &str) -> MediaRoot {
        MediaRoot::Zip {
            zip: self.absolute.clone(),
            root: root.to_owned(),
            entries: Rc::clone(&self.entries),
        }
    }
}

fn read_file(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| format!("cannot open: {e}"))?;
    let size = file.metadata().map_or(0, |m| m.len());
    if size > limit {
        return Err(format!(
            "the file is {size} bytes, over the limit of {limit} bytes; nothing read"
        ));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read after {} bytes: {e}", bytes.len()))?;
    Ok(bytes)
}

fn head_of(path: &Path) -> Vec<u8> {
    let mut head = Vec::new();
    if let Ok(f) = File::open(path) {
        let _ = f.take(HEAD_BYTES as u64).read_to_end(&mut head);
    }
    head
}

fn is_zip_name(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".zip")
}

/// Whether a name's extension can hold data netra reads; others are not opened.
fn may_hold_data(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [
        ".js", ".json", ".jsonl", ".ndjson", ".csv", ".tsv", ".xlsx", ".xls", ".xlsb", ".ods",
    ]
    .iter()
    .any(|e| lower.ends_with(e))
}

pub(super) fn convert_dir(dir: &Path, options: &ConvertOptions, out: &mut Conversion) {
    let mut files = Vec::new();
    let mut zips = Vec::new();
    walk(dir, "", 0, &mut files, &mut zips, out);
    files.sort();
    zips.sort();
    let mut container = Dir {
        base: dir.to_owned(),
        absolute: std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_owned()),
        files,
    };
    convert_container(&mut container, options, out, |name| {
        head_of(&dir.join(name))
    });
    for z in zips {
        convert_zip(&dir.join(z), options, out);
    }
}

fn walk(
    base: &Path,
    rel: &str,
    depth: usize,
    files: &mut Vec<String>,
    zips: &mut Vec<String>,
    out: &mut Conversion,
) {
    let Ok(entries) = std::fs::read_dir(base.join(rel)) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = if rel.is_empty() {
            name.clone()
        } else {
            format!("{rel}/{name}")
        };
        // Symbolic links to folders are not followed (no cycles).
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() {
            if depth < MAX_DEPTH {
                walk(base, &path, depth + 1, files, zips, out);
            }
        } else if is_zip_name(&name) {
            zips.push(path);
        } else if may_hold_data(&name) {
            files.push(path);
        } else {
            out.ignored += 1;
        }
    }
}

pub(super) fn convert_file(path: &Path, options: &ConvertOptions, out: &mut Conversion) {
    let head = head_of(path);
    let name = path.display().to_string();
    let kind = classify(&name, &head, options.format);
    if kind.is_none() && (head.starts_with(b"PK\x03\x04") || is_zip_name(&name)) {
        convert_zip(path, options, out);
        return;
    }
    let mut o = Out::new(&name, options.max_diagnostics);
    let Some(kind) = kind else {
        let message = match options.format {
            Some(f) => format!(
                "this is not a file of the `{f}` format that netra reads ({}); nothing read",
                expected_files(f)
            ),
            None => format!(
                "cannot tell which export this file comes from; give --format (one of {}); \
                 nothing read",
                Format::allowed_list()
            ),
        };
        o.error(0, message);
        out.files.push(o.finish(None, None));
        return;
    };
    if kind.is_owner_file() {
        o.warning(
            0,
            "this file only names the export's owner; import the export's folder or zip to read \
             its activity",
        );
        out.files.push(o.finish(Some(kind), None));
        return;
    }
    // Owner files of the same export, looked up on disk.
    let full = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
    let root = export_root(&full.display().to_string());
    let mut owners = HashMap::new();
    if kind.needs_owner() {
        for candidate in OWNER_FILES.iter().chain(&["account.js"]) {
            let p = PathBuf::from(format!("{root}{candidate}"));
            if let Ok(bytes) = read_file(&p, 16 << 20) {
                let head = &bytes[..bytes.len().min(HEAD_BYTES)];
                if let Some(k) = classify(candidate, head, None) {
                    if let Some(h) = owner_of(k, &bytes) {
                        owners.insert((root.clone(), k.format()), h);
                    }
                }
            }
        }
    }
    let media = Some(MediaRoot::Dir(PathBuf::from(&root)));
    match read_file(path, options.max_file_bytes) {
        Ok(bytes) => out.files.push(convert_one(
            &name, &root, media, kind, &bytes, &owners, options,
        )),
        Err(e) => {
            o.error(0, e);
            out.files.push(o.finish(Some(kind), None));
        }
    }
}

/// Where exports keep the file naming their owner, relative to the export root.
const OWNER_FILES: [&str; 5] = [
    "data/account.js",
    "personal_information/personal_information.json",
    "personal_information/personal_information/personal_information.json",
    "profile_information/profile_information.json",
    "personal_information/profile_information/profile_information.json",
];

fn convert_zip(path: &Path, options: &ConvertOptions, out: &mut Conversion) {
    let label = path.display().to_string();
    let opened = File::open(path)
        .map_err(|e| format!("cannot open: {e}"))
        .and_then(|f| {
            zip::ZipArchive::new(f).map_err(|e| {
                format!(
                    "cannot read the zip: {e} (a truncated or damaged download? download the \
                     export again); nothing read"
                )
            })
        });
    let archive = match opened {
        Ok(a) => a,
        Err(e) => {
            let mut o = Out::new(&label, options.max_diagnostics);
            o.error(0, e);
            out.files.push(o.finish(None, None));
            return;
        }
    };
    let entries = Rc::new(archive.file_names().map(str::to_owned).collect());
    let mut container = Zip {
        path: path.to_owned(),
        absolute: std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned()),
        archive,
        entries,
    };
    let names = container.names();
    let mut heads: HashMap<String, Vec<u8>> = HashMap::new();
    for n in &names {
        let ext = Path::new(n)
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        if matches!(ext.as_deref(), Some("js" | "json")) {
            if let Ok(mut e) = container.archive.by_name(n) {
                let mut head = Vec::new();
                let _ = (&mut e).take(HEAD_BYTES as u64).read_to_end(&mut head);
                heads.insert(n.clone(), head);
            }
        }
    }
    convert_container(&mut container, options, out, |name| {
        heads.get(name).cloned().unwrap_or_default()
    });
}

fn convert_container(
    c: &mut dyn Container,
    options: &ConvertOptions,
    out: &mut Conversion,
    head: impl Fn(&str) -> Vec<u8>,
) {
    let mut data = Vec::new();
    let mut owners: HashMap<(String, Format), String> = HashMap::new();
    for name in c.names() {
        if !may_hold_data(&name) {
            out.ignored += 1;
            continue;
        }
        let Some(kind) = classify(&name, &head(&name), options.format) else {
            out.ignored += 1;
            continue;
        };
        if kind.is_owner_file() {
            if let Ok(bytes) = c.read(&name, 16 << 20) {
                if let Some(h) = owner_of(kind, &bytes) {
                    owners.insert((export_root(&name), kind.format()), h);
                }
            }
            continue;
        }
        data.push((name, kind));
    }
    for (name, kind) in data {
        let label = c.label(&name);
        let root = export_root(&name);
        match c.read(&name, options.max_file_bytes) {
            Ok(bytes) => out.files.push(convert_one(
                &label,
                &root,
                Some(c.media_root(&root)),
                kind,
                &bytes,
                &owners,
                options,
            )),
            Err(e) => {
                let mut o = Out::new(&label, options.max_diagnostics);
                o.error(0, e);
                out.files.push(o.finish(Some(kind), None));
            }
        }
    }
}

fn convert_one(
    label: &str,
    root: &str,
    media: Option<MediaRoot>,
    kind: Kind,
    bytes: &[u8],
    owners: &HashMap<(String, Format), String>,
    options: &ConvertOptions,
) -> super::Converted {
    let mut o = Out::new(label, options.max_diagnostics);
    let given = options
        .account
        .as_deref()
        .map(|a| netra_core::registry::normalize_handle(a).to_owned())
        .filter(|a| !a.is_empty());
    let named = owners.get(&(root.to_owned(), kind.format())).cloned();
    let owner = match (named, given) {
        (Some(n), Some(g)) if !n.eq_ignore_ascii_case(&g) => {
            o.error(
                0,
                format!(
                    "the export names its owner `{n}` but --account says `{g}`: check which is \
                     right (an activity attributed to the wrong person is the worst error); \
                     nothing read"
                ),
            );
            return o.finish(Some(kind), Some(n));
        }
        (Some(n), _) => Some(n),
        (None, g) => g,
    };
    if kind.needs_owner() && owner.is_none() {
        o.error(
            0,
            format!(
                "the export does not name its owner (no {} beside it): give --account HANDLE; \
                 nothing read",
                owner_file_of(kind.format())
            ),
        );
        return o.finish(Some(kind), None);
    }
    let ctx = Ctx {
        kind,
        owner: owner.clone(),
        zone: options.zone,
        media,
    };
    super::convert_bytes(bytes, &ctx, &mut o);
    let account = if kind == Kind::Tiktok {
        tiktok_owner_after(&o).or(owner)
    } else {
        owner
    };
    o.finish(Some(kind), account)
}

fn tiktok_owner_after(o: &Out) -> Option<String> {
    o.activities.first().map(|a| a.account.clone())
}

fn owner_file_of(f: Format) -> &'static str {
    match f {
        Format::XArchive => "data/account.js",
        Format::Facebook => "profile_information/profile_information.json with a username",
        Format::Instagram => "personal_information/personal_information.json",
        _ => "owner file",
    }
}

fn expected_files(f: Format) -> &'static str {
    match f {
        Format::Jsonl => "canonical activity JSON Lines",
        Format::XArchive => "data/tweets.js or data/like.js of an X archive",
        Format::XApi => "a JSON response of the X API v2 with `data`",
        Format::Facebook => {
            "your_posts_N.json, comments.json, likes_and_reactions_N.json of a Facebook download"
        }
        Format::Instagram => {
            "posts_N.json, stories.json, liked_posts.json, post_comments_N.json of an Instagram \
             download"
        }
        Format::Tiktok => "user_data.json of a TikTok download",
        Format::Csv => "a CSV table with a header row",
        Format::Xlsx => "an Excel workbook",
    }
}
