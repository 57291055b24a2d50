//! Files inside a zip named by one path: `export.zip!data/tweets_media/1-a.jpg`.
//!
//! A converted activity's `media[].path` points into the zipped export it
//! came from this way, so an image attached to a post in a zip is stored
//! and read exactly as the same image in the export unpacked into a folder.
//! The entry is looked up by its name in the zip's index and read into
//! memory with a size limit; nothing is ever extracted to disk, so an entry
//! name like `../../etc/passwd` names nothing outside the zip.
//!
//! ```
//! use std::path::Path;
//! use netra_ingest::zip_entry::{entry_path, split_entry_path};
//! let path = entry_path(Path::new("/tmp/twitter.zip"), "data/tweets_media/1-a.jpg");
//! assert_eq!(path, "/tmp/twitter.zip!data/tweets_media/1-a.jpg");
//! // Only a path whose zip part names an existing file is split.
//! assert!(split_entry_path(Path::new(&path)).is_none());
//! ```

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Separates a zip's path from an entry name in one path.
pub const SEPARATOR: char = '!';

/// The one path naming `entry` inside the zip at `zip`.
#[must_use]
pub fn entry_path(zip: &Path, entry: &str) -> String {
    format!("{}{SEPARATOR}{entry}", zip.display())
}

/// Splits a path made by [`entry_path`] into the zip and the entry name,
/// when a part of it ending in `.zip` (any case) right before `!` is an
/// existing file and the entry name is not empty; `None` otherwise (an
/// ordinary path, even one with `!` in it).
#[must_use]
pub fn split_entry_path(path: &Path) -> Option<(PathBuf, String)> {
    let s = path.to_str()?;
    let lower = s.to_ascii_lowercase();
    let marker = format!(".zip{SEPARATOR}");
    let mut from = 0;
    while let Some(at) = lower[from..].find(&marker) {
        let end = from + at + ".zip".len();
        let zip = Path::new(&s[..end]);
        let entry = &s[end + SEPARATOR.len_utf8()..];
        if !entry.is_empty() && zip.is_file() {
            return Some((zip.to_owned(), entry.to_owned()));
        }
        from = end;
    }
    None
}

/// Why a zip entry was not read.
#[derive(Debug, thiserror::Error)]
pub enum ZipEntryError {
    /// The zip itself cannot be opened or is not a zip.
    #[error("cannot open the zip: {0}")]
    Zip(String),
    /// No entry of that name.
    #[error("no entry `{0}` in the zip")]
    Missing(String),
    /// The entry declares more bytes than allowed: refused before reading.
    #[error(
        "the entry declares {declared} bytes uncompressed, over the limit of {limit} bytes \
         (a zip bomb?): not read"
    )]
    TooLarge {
        /// The uncompressed size the zip declares.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// The entry inflates to more bytes than allowed although it declares
    /// fewer: reading stopped at the limit.
    #[error(
        "the entry declares {declared} bytes but inflates past the limit of {limit} bytes \
         (a damaged zip or a zip bomb): not read"
    )]
    Inflates {
        /// The uncompressed size the zip declares.
        declared: u64,
        /// The limit.
        limit: u64,
    },
    /// Reading the entry failed (damaged data, a checksum that does not match,
    /// an unsupported compression).
    #[error("cannot read the entry: {0}")]
    Read(String),
}

/// Reads the entry `entry` of the zip at `zip`, at most `limit` bytes: an
/// entry declaring or inflating to more is refused without keeping its bytes.
///
/// # Errors
/// [`ZipEntryError`] when the zip cannot be opened, has no such entry, or
/// the entry is too large or unreadable.
pub fn read_entry(zip: &Path, entry: &str, limit: u64) -> Result<Vec<u8>, ZipEntryError> {
    let file = File::open(zip).map_err(|e| ZipEntryError::Zip(e.to_string()))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| ZipEntryError::Zip(e.to_string()))?;
    read_from(&mut archive, entry, limit)
}

/// Zips kept open for the entries read from them: the last zip read stays
/// open, so the many images of one archive do not re-read its index each.
#[derive(Default)]
pub struct OpenZips {
    last: std::sync::Mutex<Option<(PathBuf, zip::ZipArchive<File>)>>,
}

impl std::fmt::Debug for OpenZips {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("OpenZips")
    }
}

impl OpenZips {
    /// [`read_entry`], opening the zip only when it is not the last one read.
    ///
    /// # Errors
    /// As [`read_entry`].
    pub fn read(&self, zip: &Path, entry: &str, limit: u64) -> Result<Vec<u8>, ZipEntryError> {
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        match last.as_mut() {
            Some((path, archive)) if path == zip => read_from(archive, entry, limit),
            _ => {
                *last = None;
                let file = File::open(zip).map_err(|e| ZipEntryError::Zip(e.to_string()))?;
                let mut archive =
                    zip::ZipArchive::new(file).map_err(|e| ZipEntryError::Zip(e.to_string()))?;
                let read = read_from(&mut archive, entry, limit);
                *last = Some((zip.to_owned(), archive));
                read
            }
        }
    }
}

/// [`read_entry`] on a zip already opened.
///
/// # Errors
/// As [`read_entry`].
pub fn read_from<R: Read + std::io::Seek>(
    archive: &mut zip::ZipArchive<R>,
    entry: &str,
    limit: u64,
) -> Result<Vec<u8>, ZipEntryError> {
    let mut file = match archive.by_name(entry) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => {
            return Err(ZipEntryError::Missing(entry.to_owned()))
        }
        Err(e) => return Err(ZipEntryError::Read(e.to_string())),
    };
    if file.is_dir() {
        return Err(ZipEntryError::Missing(entry.to_owned()));
    }
    let declared = file.size();
    if declared > limit {
        return Err(ZipEntryError::TooLarge { declared, limit });
    }
    let mut bytes = Vec::new();
    (&mut file)
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| ZipEntryError::Read(e.to_string()))?;
    if bytes.len() as u64 > limit {
        return Err(ZipEntryError::Inflates { declared, limit });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &[u8])]) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Export!1.ZIP");
        let mut w = zip::ZipWriter::new(File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            w.start_file(*name, options).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap();
        (dir, path)
    }

    #[test]
    fn entry_path_splits_back_into_zip_and_entry() {
        let (_dir, zip) = zip_with(&[("data/a.jpg", b"jpg")]);
        let path = entry_path(&zip, "data/a.jpg");
        let (z, e) = split_entry_path(Path::new(&path)).unwrap();
        assert_eq!((z, e.as_str()), (zip.clone(), "data/a.jpg"));
        assert_eq!(read_entry(&zip, "data/a.jpg", 3).unwrap(), b"jpg");
        let open = OpenZips::default();
        for _ in 0..2 {
            assert_eq!(open.read(&zip, "data/a.jpg", 3).unwrap(), b"jpg");
            assert!(matches!(
                open.read(&zip, "b", 3),
                Err(ZipEntryError::Missing(_))
            ));
        }
        assert!(
            split_entry_path(&zip).is_none(),
            "the zip alone names no entry"
        );
        assert!(split_entry_path(Path::new(&format!("{}!", zip.display()))).is_none());
        assert!(split_entry_path(Path::new("/no/such.zip!data/a.jpg")).is_none());
    }

    #[test]
    fn missing_too_large_and_traversing_entries_are_refused() {
        let (_dir, zip) = zip_with(&[("data/a.jpg", &[0u8; 100]), ("dir/", b"")]);
        assert!(matches!(
            read_entry(&zip, "data/b.jpg", 1000),
            Err(ZipEntryError::Missing(_))
        ));
        assert!(matches!(
            read_entry(&zip, "../../etc/passwd", 1000),
            Err(ZipEntryError::Missing(_))
        ));
        let err = read_entry(&zip, "data/a.jpg", 99).unwrap_err();
        assert!(
            matches!(
                err,
                ZipEntryError::TooLarge {
                    declared: 100,
                    limit: 99
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("zip bomb"), "{err}");
        assert!(matches!(
            read_entry(&zip, "/etc/passwd", 1000),
            Err(ZipEntryError::Missing(_))
        ));
    }

    #[test]
    fn an_entry_inflating_past_its_declared_size_is_refused() {
        let (_dir, zip) = zip_with(&[("a", &[0u8; 1000])]);
        // Make the headers lie: 1000 zero bytes declared as 10.
        let mut bytes = std::fs::read(&zip).unwrap();
        for (sig, at) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let start = bytes.windows(4).position(|w| w == sig).unwrap();
            bytes[start + at..start + at + 4].copy_from_slice(&10u32.to_le_bytes());
        }
        std::fs::write(&zip, bytes).unwrap();
        let err = read_entry(&zip, "a", 500).unwrap_err();
        assert!(
            matches!(
                err,
                ZipEntryError::Inflates {
                    declared: 10,
                    limit: 500
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn not_a_zip_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.zip");
        std::fs::write(&path, b"PK\x03\x04 not really").unwrap();
        assert!(matches!(
            read_entry(&path, "a", 10),
            Err(ZipEntryError::Zip(_))
        ));
    }
}
