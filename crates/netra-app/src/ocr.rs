//! Reading the words in images (OCR): screenshots, posters with a ballot
//! number, campaign twibbons attached to an activity (`media[].path`: a
//! file, or an entry of a zipped export, `export.zip!data/tweets_media/…`,
//! read from the zip into memory and never extracted).
//!
//! The reading is [Tesseract](https://github.com/tesseract-ocr/tesseract),
//! run as a subprocess (`tesseract stdin stdout -l ind+eng`): the image's
//! bytes go in on standard input, the very bytes whose SHA-256 was checked
//! and stored as evidence, so what is read is what is kept. The text lands in
//! `media[].ocr` ([`netra_core::ImageText`]) before detection, which reads it
//! like the activity's own words and names the image in its reasons
//! (`netra-detect` itself stays pure: it never opens a file).
//!
//! Bounded work: images over [`MAX_IMAGE_BYTES`] (for a zip entry: declared
//! or inflated, so a zip bomb is refused) are neither stored nor read, images over [`MAX_IMAGE_PIXELS`] (PNG, JPEG and GIF headers) are not
//! read, a reading that takes longer than [`ImageReader::timeout`] is
//! stopped, and at most [`MAX_TEXT_BYTES`] of text are kept per image.
//!
//! ```no_run
//! use netra_app::ocr::{ImageReader, OcrMode};
//! let reader = ImageReader::new(OcrMode::Auto, None).unwrap();
//! if reader.is_ready() {
//!     let text = reader.read(&std::fs::read("poster.png").unwrap()).unwrap();
//!     println!("{text}");
//! }
//! ```

use std::fmt::Write as _;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use netra_ingest::zip_entry::OpenZips;

use crate::{AppError, Lang};

/// The languages read, in Tesseract's names: Indonesian first, then English.
pub const LANGUAGES: [&str; 2] = ["ind", "eng"];

/// Media files over this size are neither stored as evidence nor read.
pub const MAX_IMAGE_BYTES: u64 = 32 * 1024 * 1024;

/// Images with more pixels than this (by their PNG, JPEG or GIF header) are
/// not read: Tesseract's time and memory grow with the pixels.
pub const MAX_IMAGE_PIXELS: u64 = 40_000_000;

/// At most this much recognised text is kept per image.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// How long one image may take by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// How to install what OCR needs on Debian or Ubuntu.
pub const INSTALL_HINT: &str = "sudo apt-get install tesseract-ocr tesseract-ocr-ind";

/// `--ocr`: whether images are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OcrMode {
    /// Read images when `tesseract` is installed; say so when it is not.
    #[default]
    Auto,
    /// Read images; refuse to run without `tesseract`.
    On,
    /// Do not read images.
    Off,
}

impl OcrMode {
    /// The flag's spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            OcrMode::Auto => "auto",
            OcrMode::On => "on",
            OcrMode::Off => "off",
        }
    }

    /// Parses the flag's spelling.
    pub fn parse(s: &str) -> Option<OcrMode> {
        [OcrMode::Auto, OcrMode::On, OcrMode::Off]
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(s.trim()))
    }
}

/// Whether images are read in this run, and why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OcrStatus {
    /// `--ocr off`.
    Off,
    /// `--ocr auto` without a usable `tesseract`: why, in English and in
    /// Bahasa Indonesia.
    Missing { en: String, id: String },
    /// Images are read by `engine` (`tesseract ind+eng`); `missing` names
    /// the languages wanted but not installed.
    Ready {
        engine: String,
        missing: Vec<String>,
    },
}

/// Reads images with Tesseract, or says why it does not. Cheap to clone.
#[derive(Debug, Clone)]
pub struct ImageReader {
    status: OcrStatus,
    program: PathBuf,
    languages: String,
    /// How long one image may take before it is stopped.
    pub timeout: Duration,
}

impl ImageReader {
    /// A reader that reads nothing (`--ocr off`).
    pub fn off() -> ImageReader {
        ImageReader {
            status: OcrStatus::Off,
            program: PathBuf::from("tesseract"),
            languages: String::new(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// The reader `mode` asks for, with `program` (default: `tesseract` on
    /// the `PATH`). `auto` without Tesseract gives a reader that reads
    /// nothing and says why; `on` without it is an error.
    pub fn new(mode: OcrMode, program: Option<&Path>) -> Result<ImageReader, AppError> {
        if mode == OcrMode::Off {
            return Ok(ImageReader::off());
        }
        let program = program.map_or_else(|| PathBuf::from("tesseract"), Path::to_path_buf);
        let (status, languages) = match probe(&program) {
            Ok((languages, missing)) => (
                OcrStatus::Ready {
                    engine: format!("tesseract {languages}"),
                    missing,
                },
                languages,
            ),
            Err((en, _)) if mode == OcrMode::On => {
                return Err(AppError::Config {
                    path: "--ocr on".into(),
                    message: format!("{en}; install it ({INSTALL_HINT}) or use --ocr auto|off"),
                });
            }
            Err((en, id)) => (OcrStatus::Missing { en, id }, String::new()),
        };
        Ok(ImageReader {
            status,
            program,
            languages,
            timeout: DEFAULT_TIMEOUT,
        })
    }

    /// Whether images are read, and why not.
    pub fn status(&self) -> &OcrStatus {
        &self.status
    }

    /// True when images are read.
    pub fn is_ready(&self) -> bool {
        matches!(self.status, OcrStatus::Ready { .. })
    }

    /// The engine and languages (`tesseract ind+eng`), the cache's key with
    /// the image's hash; `None` when images are not read.
    pub fn engine(&self) -> Option<&str> {
        match &self.status {
            OcrStatus::Ready { engine, .. } => Some(engine),
            _ => None,
        }
    }

    /// The text in the image `bytes` (whitespace at the ends trimmed; empty
    /// when it has no words), or why it could not be read. Blocks until
    /// Tesseract finishes or [`ImageReader::timeout`] passes.
    pub fn read(&self, bytes: &[u8]) -> Result<String, String> {
        if !self.is_ready() {
            return Err("images are not read in this run".into());
        }
        if let Some((w, h)) = image_size(bytes) {
            let pixels = u64::from(w) * u64::from(h);
            if pixels > MAX_IMAGE_PIXELS {
                return Err(format!(
                    "{w}×{h} pixels, over the limit of {} million: not read",
                    MAX_IMAGE_PIXELS / 1_000_000
                ));
            }
        }
        let mut child = Command::new(&self.program)
            .args(["stdin", "stdout", "-l", &self.languages])
            // One thread per reading: predictable on a small machine.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", self.program.display()))?;
        let (Some(mut stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            let _ = child.kill();
            let _ = child.wait();
            return Err("cannot talk to tesseract".into());
        };
        let deadline = Instant::now() + self.timeout;
        std::thread::scope(|s| {
            // Tesseract may stop reading early (a file it cannot decode):
            // a broken pipe here is then no error of ours.
            s.spawn(move || {
                let _ = stdin.write_all(bytes);
            });
            let out = s.spawn(move || read_bounded(stdout, MAX_TEXT_BYTES));
            let err = s.spawn(move || read_bounded(stderr, 4096));
            let status = loop {
                match child.try_wait() {
                    Ok(Some(status)) => break Ok(status),
                    Ok(None) if Instant::now() >= deadline => {
                        let _ = child.kill();
                        let _ = child.wait();
                        break Err(format!(
                            "tesseract took longer than {} s: stopped",
                            self.timeout.as_secs()
                        ));
                    }
                    Ok(None) => std::thread::sleep(Duration::from_millis(10)),
                    Err(e) => {
                        let _ = child.kill();
                        let _ = child.wait();
                        break Err(format!("waiting for tesseract: {e}"));
                    }
                }
            };
            let out = out.join().unwrap_or_default();
            let err = err.join().unwrap_or_default();
            let status = status?;
            if !status.success() {
                let why = String::from_utf8_lossy(&err);
                let why = why
                    .lines()
                    .map(str::trim)
                    .find(|l| !l.is_empty() && !l.starts_with("Estimating resolution"))
                    .unwrap_or("no message");
                return Err(format!("tesseract could not read it ({status}): {why}"));
            }
            Ok(String::from_utf8_lossy(&out)
                .trim_matches(|c: char| c.is_whitespace() || c == '\u{c}')
                .to_string())
        })
    }

    /// The one line a summary shows about images when they were not read
    /// (`None` when they were).
    pub fn not_read_line(&self, lang: Lang) -> Option<String> {
        match &self.status {
            OcrStatus::Ready { .. } => None,
            OcrStatus::Off => Some(
                lang.pick(
                    "teks dalam gambar tidak dibaca (--ocr off)",
                    "text in images not read (--ocr off)",
                )
                .to_string(),
            ),
            OcrStatus::Missing { en, id } => Some(format!(
                "{} ({}); {}: {INSTALL_HINT}",
                lang.pick(
                    "teks dalam gambar tidak dibaca: tesseract tidak tersedia",
                    "text in images not read: tesseract is not available"
                ),
                lang.pick(id, en),
                lang.pick("untuk membacanya pasang", "to read them install"),
            )),
        }
    }
}

/// What `tesseract --list-langs` says: the languages to use (`ind+eng`)
/// and those of [`LANGUAGES`] not installed; when it cannot run or has none
/// of them, why (in English, in Bahasa Indonesia).
fn probe(program: &Path) -> Result<(String, Vec<String>), (String, String)> {
    let p = program.display();
    let out = Command::new(program)
        .arg("--list-langs")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => (
                format!("`{p}` is not installed"),
                format!("`{p}` tidak terpasang"),
            ),
            _ => (
                format!("cannot run `{p}`: {e}"),
                format!("`{p}` tidak dapat dijalankan: {e}"),
            ),
        })?;
    // Older versions list the languages on standard error.
    let listed = format!(
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let installed: Vec<&str> = listed.lines().map(str::trim).collect();
    let (have, missing): (Vec<&str>, Vec<&str>) =
        LANGUAGES.into_iter().partition(|l| installed.contains(l));
    if have.is_empty() {
        return Err((
            format!("`{p}` has no {} language data", LANGUAGES.join(" or ")),
            format!("`{p}` tanpa data bahasa {}", LANGUAGES.join(" atau ")),
        ));
    }
    Ok((
        have.join("+"),
        missing.into_iter().map(str::to_owned).collect(),
    ))
}

/// Up to `limit` bytes of `r`; the rest is read and dropped so the writer
/// never blocks on a full pipe.
fn read_bounded(r: impl std::io::Read, limit: usize) -> Vec<u8> {
    let mut r = r;
    let mut buf = Vec::new();
    let _ = r.by_ref().take(limit as u64).read_to_end(&mut buf);
    let _ = std::io::copy(&mut r, &mut std::io::sink());
    buf
}

/// Width and height from a PNG, GIF or JPEG header; `None` for other or
/// broken files (Tesseract then decides).
pub fn image_size(b: &[u8]) -> Option<(u32, u32)> {
    let be16 = |i: usize| Some(u32::from(u16::from_be_bytes([*b.get(i)?, *b.get(i + 1)?])));
    if b.starts_with(b"\x89PNG\r\n\x1a\n") && b.get(12..16) == Some(b"IHDR") {
        let be32 = |i: usize| Some(u32::from_be_bytes(b.get(i..i + 4)?.try_into().ok()?));
        return Some((be32(16)?, be32(20)?));
    }
    if b.starts_with(b"GIF87a") || b.starts_with(b"GIF89a") {
        let le16 = |i: usize| Some(u32::from(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?])));
        return Some((le16(6)?, le16(8)?));
    }
    if b.starts_with(&[0xFF, 0xD8]) {
        // Walk the segments to the first start-of-frame.
        let mut i = 2;
        while i + 4 <= b.len() {
            if b[i] != 0xFF {
                return None;
            }
            let marker = b[i + 1];
            if marker == 0xFF {
                i += 1;
                continue;
            }
            let len = usize::try_from(be16(i + 2)?).ok()?;
            let sof = matches!(marker, 0xC0..=0xCF) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
            if sof {
                return Some((be16(i + 7)?, be16(i + 5)?));
            }
            if len < 2 {
                return None;
            }
            i += 2 + len;
        }
    }
    None
}

/// A local media file, read and hashed.
#[derive(Debug)]
pub(crate) struct MediaFile {
    /// Where it was read.
    pub(crate) path: PathBuf,
    pub(crate) bytes: Vec<u8>,
    /// SHA-256 of `bytes`.
    pub(crate) sha256: String,
    /// The declared SHA-256, when it differs from the file's.
    pub(crate) declared_differs: Option<String>,
}

impl MediaFile {
    /// The file's name, for reasons.
    pub(crate) fn name(&self) -> String {
        self.path.file_name().map_or_else(
            || self.path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        )
    }

    /// The text read in it, for `media[].ocr`.
    pub(crate) fn image_text(&self, text: String) -> netra_core::ImageText {
        netra_core::ImageText {
            file: self.name(),
            sha256: self.sha256.clone(),
            text,
        }
    }
}

/// Reads `media[].path` = `rel` (relative to the folder of the activity
/// file `file`, or absolute; or an entry of a zip, `export.zip!data/x.jpg`,
/// see [`netra_ingest::zip_entry`]) and checks it against the `declared`
/// SHA-256; a file or entry that is missing, not a file, too large (declared
/// or read: a zip bomb) or unreadable is an error naming the path and why.
pub(crate) fn load_media(
    file: &Path,
    rel: &str,
    declared: Option<&str>,
    zips: &OpenZips,
) -> Result<MediaFile, (PathBuf, String)> {
    let path = file.parent().unwrap_or(Path::new(".")).join(rel);
    let bytes = match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() => read_media_file(&path, meta.len()),
        Ok(_) => Err("not a file".into()),
        Err(e) => match netra_ingest::zip_entry::split_entry_path(&path) {
            Some((zip, entry)) => read_zip_media(zips, &zip, &entry),
            None => Err(e.to_string()),
        },
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(why) => return Err((path, why)),
    };
    let sha256 = netra_store::sha256_hex(&bytes);
    let declared_differs = declared
        .filter(|d| !d.eq_ignore_ascii_case(&sha256))
        .map(str::to_owned);
    Ok(MediaFile {
        path,
        bytes,
        sha256,
        declared_differs,
    })
}

/// The sizes in the messages on too-large media.
fn mib(n: u64) -> u64 {
    n.div_ceil(1024 * 1024)
}

/// A media file on disk of `size` bytes, at most [`MAX_IMAGE_BYTES`].
fn read_media_file(path: &Path, size: u64) -> Result<Vec<u8>, String> {
    if size > MAX_IMAGE_BYTES {
        return Err(format!(
            "{} MiB, over the {} MiB limit for media files: not stored and not read",
            mib(size),
            mib(MAX_IMAGE_BYTES)
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| e.to_string())?;
    let mut bytes = Vec::new();
    file.take(MAX_IMAGE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_IMAGE_BYTES {
        return Err(format!(
            "grew past the {} MiB limit for media files while read: not stored and not read",
            mib(MAX_IMAGE_BYTES)
        ));
    }
    Ok(bytes)
}

/// A media file inside a zip: the entry `entry` of `zip`, at most
/// [`MAX_IMAGE_BYTES`] whether declared or inflated (a zip bomb is refused
/// before its bytes are kept); the entry is looked up, never extracted.
fn read_zip_media(zips: &OpenZips, zip: &Path, entry: &str) -> Result<Vec<u8>, String> {
    use netra_ingest::zip_entry::ZipEntryError;
    zips.read(zip, entry, MAX_IMAGE_BYTES).map_err(|e| match e {
        ZipEntryError::TooLarge { declared, limit } => format!(
            "the zip entry declares {} MiB uncompressed, over the {} MiB limit for media files \
             (a zip bomb?): not stored and not read",
            mib(declared),
            mib(limit)
        ),
        ZipEntryError::Inflates { limit, .. } => format!(
            "the zip entry inflates past the {} MiB limit for media files, more than it \
             declares (a damaged zip or a zip bomb): not stored and not read",
            mib(limit)
        ),
        ZipEntryError::Missing(_) => "no such entry in the zip: not stored and not read".into(),
        other => format!("{other}: not stored and not read"),
    })
}

/// What happened to an activity's images, counted per input file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImageCounts {
    /// Images with a local file (`media[].path`).
    pub local: u64,
    /// Read by Tesseract in this run.
    pub read: u64,
    /// Read earlier: the text came from the cache.
    pub cached: u64,
    /// Of those read or cached, images in which words were found.
    pub with_text: u64,
    /// Images with only a `url`: not fetched (netra does not go online).
    pub url_only: u64,
    /// Local images not read because OCR is off or unavailable.
    pub not_read: u64,
    /// Missing, unreadable, mismatched, too large or failed: reported.
    pub problems: u64,
}

impl ImageCounts {
    /// Adds `o` to these counts.
    pub fn add(&mut self, o: &ImageCounts) {
        self.local += o.local;
        self.read += o.read;
        self.cached += o.cached;
        self.with_text += o.with_text;
        self.url_only += o.url_only;
        self.not_read += o.not_read;
        self.problems += o.problems;
    }

    /// True when no activity had an image.
    pub fn is_empty(&self) -> bool {
        self.local == 0 && self.url_only == 0
    }

    /// The summary's line on images: what was read, from the cache, only
    /// by URL, and why images were not read (`None` when there were no
    /// images and nothing to say).
    pub fn render(&self, reader: &ImageReader, lang: Lang) -> Option<String> {
        let c = |n: u64| lang.count(n);
        let not_read = reader.not_read_line(lang);
        if self.is_empty() && !matches!(reader.status(), OcrStatus::Missing { .. }) {
            return None;
        }
        let mut parts = vec![format!(
            "{} {}",
            c(self.local),
            lang.pick("berkas gambar lokal", "local image files")
        )];
        if reader.is_ready() && self.local > 0 {
            parts.push(format!(
                "{} {}",
                c(self.read),
                lang.pick("dibaca dengan OCR", "read by OCR")
            ));
            parts.push(format!(
                "{} {}",
                c(self.cached),
                lang.pick(
                    "dari cache (sudah dibaca sebelumnya)",
                    "from the cache (read before)"
                )
            ));
            parts.push(format!(
                "{} {}",
                c(self.with_text),
                lang.pick("berisi teks", "with text")
            ));
        }
        if self.problems > 0 {
            parts.push(format!(
                "{} {}",
                c(self.problems),
                lang.pick(
                    "bermasalah (lihat Masalah pada masukan)",
                    "with problems (see Input problems)"
                )
            ));
        }
        if self.url_only > 0 {
            parts.push(format!(
                "{} {}",
                c(self.url_only),
                lang.pick(
                    "hanya berupa URL: tidak diunduh (netra tidak mengakses jaringan)",
                    "given only by URL: not fetched (netra does not go online)"
                )
            ));
        }
        let mut line = format!("{}: {}", lang.pick("Gambar", "Images"), parts.join(", "));
        if let Some(why) = not_read {
            line.push_str("; ");
            line.push_str(&why);
        }
        if let OcrStatus::Ready { missing, .. } = reader.status() {
            if !missing.is_empty() {
                let _ = write!(
                    line,
                    "; {} {} ({INSTALL_HINT})",
                    lang.pick(
                        "bahasa OCR belum terpasang:",
                        "OCR languages not installed:"
                    ),
                    missing.join(", ")
                );
            }
        }
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mode_parses_its_spellings() {
        for m in [OcrMode::Auto, OcrMode::On, OcrMode::Off] {
            assert_eq!(OcrMode::parse(m.as_str()), Some(m));
        }
        assert_eq!(OcrMode::parse(" ON "), Some(OcrMode::On));
        assert_eq!(OcrMode::parse("yes"), None);
    }

    #[test]
    fn image_size_reads_png_gif_and_jpeg_headers() {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(900_u32.to_be_bytes());
        png.extend(200_u32.to_be_bytes());
        assert_eq!(image_size(&png), Some((900, 200)));
        let gif = b"GIF89a\x84\x03\xc8\x00rest";
        assert_eq!(image_size(gif), Some((900, 200)));
        // SOI, an APP0 segment of 4 bytes, then SOF0 with height 200, width 900.
        let jpeg = [
            0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x00,
            0xC8, 0x03, 0x84,
        ];
        assert_eq!(image_size(&jpeg), Some((900, 200)));
        for broken in [
            &b""[..],
            b"\x89PNG",
            b"\xFF\xD8\xFF\xE0\x00",
            b"not an image",
        ] {
            assert_eq!(image_size(broken), None);
        }
    }

    #[test]
    fn huge_images_are_refused_before_tesseract_runs() {
        let reader = ImageReader {
            status: OcrStatus::Ready {
                engine: "tesseract ind+eng".into(),
                missing: Vec::new(),
            },
            // Would fail to start: the size check must come first.
            program: PathBuf::from("/nonexistent/tesseract"),
            languages: "ind+eng".into(),
            timeout: DEFAULT_TIMEOUT,
        };
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend(100_000_u32.to_be_bytes());
        png.extend(100_000_u32.to_be_bytes());
        let err = reader.read(&png).unwrap_err();
        assert!(err.contains("100000×100000 pixels"), "{err}");
        let err = reader.read(b"small").unwrap_err();
        assert!(err.contains("cannot start /nonexistent/tesseract"), "{err}");
    }

    #[test]
    fn a_missing_program_is_an_error_with_on_and_a_note_with_auto() {
        let missing = Path::new("/nonexistent/tesseract");
        let err = ImageReader::new(OcrMode::On, Some(missing))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("--ocr on") && err.contains("not installed") && err.contains(INSTALL_HINT),
            "{err}"
        );
        let auto = ImageReader::new(OcrMode::Auto, Some(missing)).unwrap();
        assert!(!auto.is_ready());
        let line = ImageCounts::default().render(&auto, Lang::En).unwrap();
        assert!(
            line.contains("not read") && line.contains(INSTALL_HINT),
            "{line}"
        );
        let off = ImageReader::new(OcrMode::Off, Some(missing)).unwrap();
        assert_eq!(off.status(), &OcrStatus::Off);
        assert_eq!(ImageCounts::default().render(&off, Lang::En), None);
    }
}
