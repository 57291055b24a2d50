//! netra's readers of bulk input: the canonical activity JSONL, platform
//! exports converted to it ([`platform`]: X archive and API, Facebook,
//! Instagram, TikTok, activity tables in CSV or Excel), and the ASN
//! registry.
//!
//! Every loader here returns the good items *and* line-numbered
//! [`Diagnostic`]s for everything it skipped, so one bad line never loses the
//! rest of a file. Only input that cannot be read at all is an
//! [`IngestError`].
//!
//! ```
//! use netra_ingest::read_activities_from;
//! let jsonl = concat!(
//!     r#"{"id":"x:1","platform":"x","account":"@budi","kind":"post","text":"halo","created_at":"2024-10-01T08:00:00+07:00"}"#, "\n",
//!     r#"{"id":"x:2","platform":"myspace","account":"budi","kind":"post","created_at":"2024-10-01T08:00:00+07:00"}"#, "\n",
//! );
//! let loaded = read_activities_from(jsonl.as_bytes(), "today.jsonl");
//! assert_eq!(loaded.items.len(), 1);
//! assert_eq!(loaded.items[0].account, "budi");
//! assert!(loaded.diagnostics[0]
//!     .to_string()
//!     .starts_with("today.jsonl:2: field `platform`: unknown platform `myspace`; allowed: x, facebook"));
//! ```
//!
//! The registry loader applies the rules of [`netra_core::Registry`]: a NIP
//! appears once, and an account declared by two NIPs belongs to neither.
//!
//! ```
//! use netra_ingest::read_registry_csv;
//! let csv = "NIP;Nama;Jabatan;Unit Kerja;Akun\n\
//!            19850312 201001 1 002;Budi Santoso;Analis;Dinas Kominfo;instagram:@budi.s\n\
//!            1.98501E+17;Ani;Staf;Biro Umum;\n";
//! let loaded = read_registry_csv(csv.as_bytes(), "pegawai.csv").unwrap();
//! assert_eq!(loaded.items[0].nip.as_str(), "198503122010011002");
//! assert_eq!(loaded.items[0].accounts[0].handle, "budi.s");
//! assert!(loaded.diagnostics[0].to_string().starts_with(
//!     "pegawai.csv:3: NIP `1.98501E+17` is a number in scientific notation"));
//! ```
//!
//! Platform exports come as a file, a folder or a zip; [`platform::convert`]
//! finds the data files it knows and converts each, with the same promise:
//! a bad record is reported with file and line and skipped.
//!
//! ```
//! use netra_ingest::platform::{convert, ConvertOptions};
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::create_dir(dir.path().join("data")).unwrap();
//! std::fs::write(dir.path().join("data/account.js"),
//!     r#"window.YTD.account.part0 = [{"account": {"username": "budi_s"}}]"#).unwrap();
//! std::fs::write(dir.path().join("data/like.js"), concat!(
//!     "window.YTD.like.part0 = [\n",
//!     r#"{"like": {"tweetId": "1843400000000000000", "fullText": "Coblos 3!"}},"#, "\n",
//!     r#"{"like": {"tweetId": "not-a-number"}}"#, "\n]")).unwrap();
//! let out = convert(dir.path(), &ConvertOptions::new(chrono_tz::Asia::Jakarta)).unwrap();
//! let likes = &out.files[0];
//! assert_eq!(likes.activities[0].account, "budi_s");
//! assert!(likes.activities[0].created_at_approx, "like.js has no time: the tweet's is a lower bound");
//! assert!(likes.diagnostics[0].to_string().ends_with("like.js:3: `tweetId` `not-a-number` is not a tweet id (digits); record skipped"));
//! ```
//!
//! Each module's documentation has a table of the input hazards it handles
//! and how: [`jsonl`], [`platform`], [`registry`], [`xlsx`].
//!
//! **Architecture Invariant:** this crate knows files and bytes, not the
//! store, the command line or the clock; what to do with the diagnostics
//! (print them, set an exit code) is the caller's business.

pub mod diagnostic;
pub mod jsonl;
mod lines;
pub mod platform;
pub mod registry;
pub mod xlsx;
pub mod zip_entry;

pub use diagnostic::{Diagnostic, IngestError, Loaded, Severity, DEFAULT_MAX_DIAGNOSTICS};
pub use jsonl::{
    read_activities, read_activities_from, ActivityReader, Entry, ReadOptions,
    DEFAULT_MAX_LINE_BYTES,
};
pub use platform::{convert, Conversion, ConvertOptions, Converted, Format};
pub use registry::{
    load_registry, load_registry_with, read_registry_csv, read_registry_csv_with, RegistryOptions,
};
