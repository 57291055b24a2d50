//! The office settings (TOML) that netra's documents carry: the office's
//! name, address and logo for the letterhead, and who signs.
//!
//! ```toml
//! [office]
//! name = "Badan Kesatuan Bangsa dan Politik"   # required
//! parent = "Pemerintah Kota Contoh"            # optional: the line above the name
//! address = "Jl. Contoh No. 1, Kota Contoh 10110"
//! city = "Kota Contoh"                         # where documents are signed
//! phone = "(021) 555-0100"
//! email = "kesbangpol@contoh.go.id"
//! logo = "logo.png"                            # PNG or JPEG, relative to this file
//!
//! [signer]
//! title = "Kepala Badan Kesatuan Bangsa dan Politik"   # required
//! name = "Nama Penandatangan"                  # optional: default, the user who runs netra
//! nip = "197102281993121001"                   # optional, validated
//! ```
//!
//! Like the election config, unknown keys and bad values are rejected with
//! an error naming the file, the line and the key. This module parses text
//! only: reading the file and the logo is the caller's.

use serde::Deserialize;
use toml::Spanned;

use crate::Nip;

/// Why office settings could not be used.
#[derive(Debug, thiserror::Error)]
pub enum OfficeError {
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

/// The office whose documents netra writes, and who signs them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Office {
    /// The office's name (`Badan Kesatuan Bangsa dan Politik …`).
    pub name: String,
    /// The government it belongs to, shown above the name (`Pemerintah Provinsi …`).
    pub parent: Option<String>,
    pub address: Option<String>,
    /// Where documents are signed: `Kota Contoh, 27 November 2024`.
    pub city: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    /// The letterhead's logo, as written in the file (relative to it).
    pub logo: Option<LogoRef>,
    pub signer: Signer,
}

/// Where the logo is, and the line that names it (for errors about the image).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogoRef {
    pub path: String,
    pub line: usize,
}

/// Who signs netra's documents for the office.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signer {
    /// The signer's position (`Kepala Badan …`).
    pub title: String,
    /// The signer's name; `None`: the user who runs netra.
    pub name: Option<String>,
    /// The signer's NIP, when given (validated).
    pub nip: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffice {
    office: RawOfficeTable,
    signer: RawSigner,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOfficeTable {
    name: Spanned<String>,
    parent: Option<Spanned<String>>,
    address: Option<Spanned<String>>,
    city: Option<Spanned<String>>,
    phone: Option<Spanned<String>>,
    email: Option<Spanned<String>>,
    logo: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSigner {
    title: Spanned<String>,
    name: Option<Spanned<String>>,
    nip: Option<Spanned<String>>,
}

/// 1-based line of byte offset `pos` in `text`.
fn line_of(text: &str, pos: usize) -> usize {
    text.get(..pos.min(text.len()))
        .map_or(1, |s| s.bytes().filter(|&b| b == b'\n').count() + 1)
}

/// The table header (`[office]`) in force at 1-based `line`, if any.
fn table_at(text: &str, line: usize) -> Option<String> {
    text.lines()
        .take(line)
        .filter_map(|l| {
            let l = l.trim();
            l.strip_prefix('[')
                .and_then(|r| r.split(']').next())
                .map(|t| t.trim().to_string())
        })
        .last()
}

/// The key assigned on 1-based `line` (with its table: `office.logo`).
fn key_on_line(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let (key, _) = l.split_once('=')?;
    let key = key.trim();
    let plain = !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.');
    if !plain {
        return None;
    }
    Some(match table_at(text, line) {
        Some(t) => format!("{t}.{key}"),
        None => key.to_string(),
    })
}

impl Office {
    /// Parses and validates office settings; `file` names the file in errors.
    pub fn from_toml_str(text: &str, file: &str) -> Result<Office, OfficeError> {
        let raw: RawOffice = toml::from_str(text).map_err(|e| {
            let line = e.span().map_or(0, |s| line_of(text, s.start));
            let message = e.message().trim().replace('\n', "; ");
            match key_on_line(text, line) {
                Some(key) => OfficeError::Invalid {
                    file: file.to_string(),
                    line,
                    key,
                    message,
                },
                None => OfficeError::Syntax {
                    file: file.to_string(),
                    line,
                    message,
                },
            }
        })?;
        let err = |s: &Spanned<String>, key: &str, message: String| OfficeError::Invalid {
            file: file.to_string(),
            line: line_of(text, s.span().start),
            key: key.to_string(),
            message,
        };
        let required = |s: &Spanned<String>, key: &str| {
            let t = s.get_ref().trim();
            if t.is_empty() {
                Err(err(s, key, "must not be empty".into()))
            } else if t.chars().any(char::is_control) {
                Err(err(
                    s,
                    key,
                    "must be one line without control characters".into(),
                ))
            } else {
                Ok(t.to_string())
            }
        };
        let optional = |s: &Option<Spanned<String>>, key: &str| {
            s.as_ref().map(|s| required(s, key)).transpose()
        };
        let o = &raw.office;
        let logo = match &o.logo {
            Some(l) => {
                let path = required(l, "office.logo")?;
                let lower = path.to_ascii_lowercase();
                if ![".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e)) {
                    return Err(err(
                        l,
                        "office.logo",
                        format!("{path:?} is not a PNG or JPEG file (.png, .jpg, .jpeg)"),
                    ));
                }
                Some(LogoRef {
                    path,
                    line: line_of(text, l.span().start),
                })
            }
            None => None,
        };
        if let Some(e) = &o.email {
            let v = required(e, "office.email")?;
            if !v.contains('@') || v.contains(char::is_whitespace) {
                return Err(err(
                    e,
                    "office.email",
                    format!("{v:?} is not an e-mail address"),
                ));
            }
        }
        let s = &raw.signer;
        let nip = match &s.nip {
            Some(n) => {
                let v = required(n, "signer.nip")?;
                Nip::parse(&v).map_err(|e| err(n, "signer.nip", e.to_string()))?;
                Some(v)
            }
            None => None,
        };
        Ok(Office {
            name: required(&o.name, "office.name")?,
            parent: optional(&o.parent, "office.parent")?,
            address: optional(&o.address, "office.address")?,
            city: optional(&o.city, "office.city")?,
            phone: optional(&o.phone, "office.phone")?,
            email: optional(&o.email, "office.email")?,
            logo,
            signer: Signer {
                title: required(&s.title, "signer.title")?,
                name: optional(&s.name, "signer.name")?,
                nip,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"
[office]
name = "Badan Kesatuan Bangsa dan Politik"
parent = "Pemerintah Kota Contoh"
address = "Jl. Contoh No. 1"
city = "Kota Contoh"
email = "kesbangpol@contoh.go.id"
logo = "logo.png"

[signer]
title = "Kepala Badan"
nip = "197102281993121001"
"#;

    #[test]
    fn good_settings_parse() {
        let o = Office::from_toml_str(GOOD, "office.toml").unwrap();
        assert_eq!(o.name, "Badan Kesatuan Bangsa dan Politik");
        assert_eq!(o.city.as_deref(), Some("Kota Contoh"));
        assert_eq!(
            o.logo,
            Some(LogoRef {
                path: "logo.png".into(),
                line: 8
            })
        );
        assert_eq!(o.signer.title, "Kepala Badan");
        assert_eq!(o.signer.name, None);
        let minimal = "[office]\nname = \"Kantor\"\n[signer]\ntitle = \"Kepala\"\n";
        let o = Office::from_toml_str(minimal, "o.toml").unwrap();
        assert_eq!((o.parent, o.logo, o.signer.nip), (None, None, None));
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let cases: [(&str, &str); 7] = [
            (
                "[office]\nname = \"K\"\nlogoo = \"x.png\"\n[signer]\ntitle = \"T\"\n",
                "o.toml:3: key `office.logoo`: unknown field `logoo`",
            ),
            (
                "[office]\nname = \"K\"\n[signer]\ntitle = \"T\"\nnip = \"123\"\n",
                "o.toml:5: key `signer.nip`: ",
            ),
            (
                "[office]\nname = \"  \"\n[signer]\ntitle = \"T\"\n",
                "o.toml:2: key `office.name`: must not be empty",
            ),
            (
                "[office]\nname = \"K\"\nlogo = \"logo.gif\"\n[signer]\ntitle = \"T\"\n",
                "o.toml:3: key `office.logo`: \"logo.gif\" is not a PNG or JPEG",
            ),
            (
                "[office]\nname = \"K\"\n[signer]\ntitle = 5\n",
                "o.toml:4: key `signer.title`: invalid type",
            ),
            (
                "[office]\nname = \"K\"\nemail = \"nope\"\n[signer]\ntitle = \"T\"\n",
                "o.toml:3: key `office.email`: \"nope\" is not an e-mail",
            ),
            (
                "[office]\nname = \"K\"\n",
                "o.toml:1: missing field `signer`",
            ),
        ];
        for (text, want) in cases {
            let e = Office::from_toml_str(text, "o.toml")
                .unwrap_err()
                .to_string();
            assert!(e.starts_with(want), "{want:?} vs {e:?}");
        }
    }
}
