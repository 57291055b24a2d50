//! NIP (Nomor Induk Pegawai) of a PNS: 18 digits, validated.
//!
//! Layout: birth date `YYYYMMDD` + CPNS appointment `YYYYMM` + gender digit
//! (`1` male, `2` female) + 3-digit serial.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Gender encoded in the 15th digit of a NIP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Gender {
    Male,
    Female,
}

/// Why a string is not a valid NIP.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NipError {
    #[error("NIP must be 18 digits, got {0} characters")]
    Length(usize),
    #[error("NIP may contain only digits 0-9")]
    NotDigits,
}

/// A validated NIP.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

impl Nip {
    /// Validates `s` (surrounding whitespace and single spaces between groups are allowed).
    pub fn parse(s: &str) -> Result<Nip, NipError> {
        let digits: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        if digits.chars().count() != 18 {
            return Err(NipError::Length(digits.chars().count()));
        }
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(NipError::NotDigits);
        }
        Ok(Nip(digits))
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Birth date from digits 1–8.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(&self.0[0..8], "%Y%m%d").ok()
    }
}

impl TryFrom<String> for Nip {
    type Error = NipError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Nip::parse(&s)
    }
}

impl From<Nip> for String {
    fn from(n: Nip) -> String {
        n.0
    }
}

impl std::fmt::Display for Nip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}
