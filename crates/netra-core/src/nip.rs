//! NIP (Nomor Induk Pegawai) of a PNS: 18 digits, validated.
//!
//! Layout: birth date `YYYYMMDD` + CPNS appointment `YYYYMM` + gender digit
//! (`1` male, `2` female) + 3-digit serial, officially printed in groups as
//! `19850312 201001 1 002`.
//!
//! [`Nip::parse`] checks the structure and the dates: the birth date is a real
//! calendar date from 1900 on, the appointment a real month from 1960 on and
//! not before the person turned 18, the gender digit is `1` or `2`, and the
//! serial is not `000`. It also recognises the ways a spreadsheet mangles a
//! NIP (scientific notation, thousands separators, a trailing `.0`) and says
//! so, because such a NIP has lost digits and cannot be repaired by guessing.
//!
//! Parsing reads no clock; [`Nip::check_as_of`] adds the checks that need
//! today's date, with the date passed in.
//!
//! ```
//! use netra_core::{Gender, Nip};
//! let nip = Nip::parse("19850312 201001 1 002").unwrap();
//! assert_eq!(nip.as_str(), "198503122010011002");
//! assert_eq!(nip.appointment(), (2010, 1));
//! assert_eq!(nip.gender(), Gender::Male);
//! assert_eq!(nip.serial(), 2);
//!
//! let err = Nip::parse("198513322010011002").unwrap_err();
//! assert_eq!(err.to_string(), "birth date 19851332 is not a date");
//! ```

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Earliest birth year accepted.
pub const MIN_BIRTH_YEAR: i32 = 1900;
/// Earliest CPNS appointment year accepted.
pub const MIN_APPOINTMENT_YEAR: i32 = 1960;
/// Age a person must have reached by the CPNS appointment month.
pub const MIN_APPOINTMENT_AGE: i32 = 18;

/// Gender encoded in the 15th digit of a NIP.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// The NIP digit: `1` male, `2` female.
    pub fn digit(self) -> char {
        match self {
            Gender::Male => '1',
            Gender::Female => '2',
        }
    }
}

impl std::fmt::Display for Gender {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Gender::Male => "male",
            Gender::Female => "female",
        })
    }
}

/// Why a string is not a valid NIP. Each message names what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NipError {
    #[error("NIP is empty")]
    Empty,
    #[error(
        "NIP `{text}` is a number in scientific notation: a spreadsheet stored the NIP as a \
         number and its last digits are lost; format the NIP column as Text and type or \
         export the NIPs again"
    )]
    ScientificNotation { text: String },
    #[error(
        "NIP `{text}` is written as a number ({reason}): a spreadsheet stored the NIP as a \
         number, which keeps only 15 significant digits; format the NIP column as Text and \
         type or export the NIPs again"
    )]
    SpreadsheetNumber { text: String, reason: &'static str },
    #[error(
        "NIP `{text}` contains `{separator}`: write the 18 digits alone (or grouped with \
         spaces as 8-6-1-3, e.g. `19850312 201001 1 002`)"
    )]
    Separator { text: String, separator: char },
    #[error(
        "NIP `{text}` has a space after digit {after_digit}: write the 18 digits alone or \
         grouped with spaces as 8-6-1-3 (e.g. `19850312 201001 1 002`)"
    )]
    Spacing { text: String, after_digit: usize },
    #[error("NIP may contain only digits 0-9; found `{found}` at character {position}")]
    NotDigit { found: char, position: usize },
    #[error("NIP must have 18 digits, found {found}")]
    Length { found: usize },
    #[error("birth date {digits} is not a date")]
    BirthDate { digits: String },
    #[error("birth year {year} is before {MIN_BIRTH_YEAR}")]
    BirthYear { year: i32 },
    #[error("CPNS appointment {digits} is not a year and month (month {month:02} does not exist)")]
    AppointmentMonth { digits: String, month: u32 },
    #[error("CPNS appointment year {year} is before {MIN_APPOINTMENT_YEAR}")]
    AppointmentYear { year: i32 },
    #[error(
        "CPNS appointment {appointment} is before the person turned {MIN_APPOINTMENT_AGE} \
         (birth date {birth_date})"
    )]
    AppointmentBeforeAdult {
        appointment: String,
        birth_date: String,
    },
    #[error("gender digit `{digit}` (digit 15) must be 1 (male) or 2 (female)")]
    Gender { digit: char },
    #[error(
        "serial 000 (digits 16-18) is not issued; if the NIP came from a spreadsheet, the \
         column may be stored as a number, which replaces the last digits with zeros"
    )]
    Serial,
    #[error("birth date {birth_date} is after {as_of}")]
    BirthInFuture {
        birth_date: String,
        as_of: NaiveDate,
    },
    #[error("CPNS appointment {appointment} is after {as_of}")]
    AppointmentInFuture {
        appointment: String,
        as_of: NaiveDate,
    },
}

/// A validated NIP: always 18 ASCII digits whose fields are consistent.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Nip(String);

/// Digit counts after which the official grouping `8-6-1-3` puts a space.
const GROUP_BOUNDARIES: [usize; 3] = [8, 14, 15];

impl Nip {
    /// Validates `s`.
    ///
    /// Accepted: surrounding whitespace, a leading `'` (a spreadsheet's text
    /// marker), and spaces at the official group boundaries
    /// (`19850312 201001 1 002`). Everything else that is not 18 digits with
    /// consistent fields is an error naming the problem.
    pub fn parse(s: &str) -> Result<Nip, NipError> {
        let text = s.trim();
        let text = text.strip_prefix('\'').unwrap_or(text).trim();
        if text.is_empty() {
            return Err(NipError::Empty);
        }
        if let Some(err) = spreadsheet_number(text) {
            return Err(err);
        }
        let mut digits = String::with_capacity(18);
        let mut after_space = false;
        for (i, c) in text.chars().enumerate() {
            if c.is_ascii_digit() {
                if after_space && !GROUP_BOUNDARIES.contains(&digits.len()) {
                    return Err(NipError::Spacing {
                        text: text.to_owned(),
                        after_digit: digits.len(),
                    });
                }
                after_space = false;
                digits.push(c);
            } else if c.is_whitespace() {
                after_space = true;
            } else if matches!(c, '.' | ',' | '-' | '/' | '_') {
                return Err(NipError::Separator {
                    text: text.to_owned(),
                    separator: c,
                });
            } else {
                return Err(NipError::NotDigit {
                    found: c,
                    position: i + 1,
                });
            }
        }
        if digits.len() != 18 {
            return Err(NipError::Length {
                found: digits.len(),
            });
        }
        check_fields(&digits)?;
        Ok(Nip(digits))
    }

    /// The 18 digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The NIP in its official printed grouping, `19850312 201001 1 002`.
    pub fn grouped(&self) -> String {
        let d = &self.0;
        format!("{} {} {} {}", &d[0..8], &d[8..14], &d[14..15], &d[15..18])
    }

    /// Birth date from digits 1–8.
    pub fn birth_date(&self) -> NaiveDate {
        birth_date(&self.0).expect("a parsed NIP has a valid birth date")
    }

    /// CPNS appointment (TMT CPNS) from digits 9–14 as `(year, month)`.
    pub fn appointment(&self) -> (i32, u32) {
        (num(&self.0[8..12]), num::<u32>(&self.0[12..14]))
    }

    /// Gender from digit 15.
    pub fn gender(&self) -> Gender {
        if self.0.as_bytes()[14] == b'2' {
            Gender::Female
        } else {
            Gender::Male
        }
    }

    /// Serial number from digits 16–18 (1–999).
    pub fn serial(&self) -> u16 {
        num(&self.0[15..18])
    }

    /// Checks the dates against `as_of` (usually today, passed in by the caller):
    /// the birth date and the appointment month must not lie after it.
    pub fn check_as_of(&self, as_of: NaiveDate) -> Result<(), NipError> {
        if self.birth_date() > as_of {
            return Err(NipError::BirthInFuture {
                birth_date: self.0[0..8].to_owned(),
                as_of,
            });
        }
        let (y, m) = self.appointment();
        if (y, m) > (as_of.year(), as_of.month()) {
            return Err(NipError::AppointmentInFuture {
                appointment: self.0[8..14].to_owned(),
                as_of,
            });
        }
        Ok(())
    }
}

/// Parses an ASCII-digit slice known to fit the type.
fn num<T: std::str::FromStr + Default>(s: &str) -> T {
    s.parse().unwrap_or_default()
}

fn birth_date(digits: &str) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(num(&digits[0..4]), num(&digits[4..6]), num(&digits[6..8]))
}

/// Checks the fields of 18 ASCII digits.
fn check_fields(d: &str) -> Result<(), NipError> {
    let birth = birth_date(d).ok_or_else(|| NipError::BirthDate {
        digits: d[0..8].to_owned(),
    })?;
    if birth.year() < MIN_BIRTH_YEAR {
        return Err(NipError::BirthYear { year: birth.year() });
    }
    let year: i32 = num(&d[8..12]);
    let month: u32 = num(&d[12..14]);
    if !(1..=12).contains(&month) {
        return Err(NipError::AppointmentMonth {
            digits: d[8..14].to_owned(),
            month,
        });
    }
    if year < MIN_APPOINTMENT_YEAR {
        return Err(NipError::AppointmentYear { year });
    }
    // Allowed from the month in which the person turns 18.
    if (year, month) < (birth.year() + MIN_APPOINTMENT_AGE, birth.month()) {
        return Err(NipError::AppointmentBeforeAdult {
            appointment: d[8..14].to_owned(),
            birth_date: birth.format("%Y-%m-%d").to_string(),
        });
    }
    let g = char::from(d.as_bytes()[14]);
    if g != '1' && g != '2' {
        return Err(NipError::Gender { digit: g });
    }
    if &d[15..18] == "000" {
        return Err(NipError::Serial);
    }
    Ok(())
}

/// Recognises a NIP that a spreadsheet wrote as a number.
fn spreadsheet_number(text: &str) -> Option<NipError> {
    let owned = || text.to_owned();
    // 1.98501E+17, 1,98501E+17 (Indonesian decimal comma), 2e17
    if let Some((mantissa, exponent)) = text.split_once(['e', 'E']) {
        let exponent = exponent.strip_prefix('+').unwrap_or(exponent);
        let mantissa_ok = !mantissa.is_empty()
            && mantissa.chars().any(|c| c.is_ascii_digit())
            && mantissa
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',');
        let exponent_ok = !exponent.is_empty() && exponent.chars().all(|c| c.is_ascii_digit());
        if mantissa_ok && exponent_ok {
            return Some(NipError::ScientificNotation { text: owned() });
        }
    }
    // 198503122010011002.0 or 198503122010011002,00
    if let Some((int, frac)) = text.rsplit_once(['.', ',']) {
        if int.len() >= 15
            && int.chars().all(|c| c.is_ascii_digit())
            && !frac.is_empty()
            && frac.chars().all(|c| c == '0')
        {
            return Some(NipError::SpreadsheetNumber {
                text: owned(),
                reason: "with a decimal part",
            });
        }
    }
    // 198.503.122.010.011.002 or 198,503,122,010,011,002 or 198 503 122 010 011 002
    for sep in ['.', ',', ' ', '\u{a0}'] {
        let groups: Vec<&str> = text.split(sep).collect();
        if groups.len() >= 5
            && groups[0].len() <= 3
            && groups[1..].iter().all(|g| g.len() == 3)
            && groups
                .iter()
                .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()))
        {
            return Some(NipError::SpreadsheetNumber {
                text: owned(),
                reason: "with thousands separators",
            });
        }
    }
    None
}

impl TryFrom<String> for Nip {
    type Error = NipError;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Nip::parse(&s)
    }
}

impl std::str::FromStr for Nip {
    type Err = NipError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Nip::parse(s)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn valid_nips_parse_with_their_fields() {
        /// text, birth date, appointment, gender, serial
        type Case<'a> = (&'a str, &'a str, (i32, u32), Gender, u16);
        let cases: &[Case] = &[
            (
                "198503122010011002",
                "1985-03-12",
                (2010, 1),
                Gender::Male,
                2,
            ),
            (
                "19850312 201001 1 002",
                "1985-03-12",
                (2010, 1),
                Gender::Male,
                2,
            ),
            (
                "  '196001011980032999 ",
                "1960-01-01",
                (1980, 3),
                Gender::Female,
                999,
            ),
            (
                "20000229 2018022 001",
                "2000-02-29",
                (2018, 2),
                Gender::Female,
                1,
            ),
            (
                "19000101 196001 1 001",
                "1900-01-01",
                (1960, 1),
                Gender::Male,
                1,
            ),
            // appointed in the month of the 18th birthday
            (
                "199005312008051010",
                "1990-05-31",
                (2008, 5),
                Gender::Male,
                10,
            ),
        ];
        for (text, birth, appointment, gender, serial) in cases {
            let nip = Nip::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"));
            assert_eq!(nip.birth_date().to_string(), *birth, "{text}");
            assert_eq!(nip.appointment(), *appointment, "{text}");
            assert_eq!(nip.gender(), *gender, "{text}");
            assert_eq!(nip.serial(), *serial, "{text}");
            assert_eq!(nip.as_str().len(), 18);
        }
    }

    #[test]
    fn invalid_nips_are_rejected_with_a_message_naming_the_problem() {
        let cases: &[(&str, &str)] = &[
            ("", "NIP is empty"),
            ("   ", "NIP is empty"),
            ("1.98501E+17", "scientific notation"),
            ("1,98503E+17", "scientific notation"),
            ("198503122010011002.0", "with a decimal part"),
            ("198.503.122.010.011.000", "with thousands separators"),
            ("198 503 122 010 011 000", "with thousands separators"),
            ("19850312.201001.1.002", "contains `.`"),
            ("19850312-201001-1-002", "contains `-`"),
            ("1985 0312201001 1 002", "space after digit 4"),
            ("19850312x201001x1x002", "found `x` at character 9"),
            ("١٩٨٥٠٣١٢٢٠١٠٠١١٠٠٢", "found `١` at character 1"),
            ("19850312201001100", "18 digits, found 17"),
            ("1985031220100110021", "18 digits, found 19"),
            ("198513322010011002", "birth date 19851332 is not a date"),
            ("198502302010011002", "birth date 19850230 is not a date"),
            ("190002292010011002", "birth date 19000229 is not a date"),
            ("189912312010011002", "birth year 1899 is before 1900"),
            (
                "198503122010131002",
                "CPNS appointment 201013 is not a year and month",
            ),
            ("198503122010001002", "month 00 does not exist"),
            (
                "193001011959121002",
                "CPNS appointment year 1959 is before 1960",
            ),
            (
                "198503122003021002",
                "CPNS appointment 200302 is before the person turned 18 (birth date 1985-03-12)",
            ),
            ("198503122010013002", "gender digit `3` (digit 15)"),
            ("198503122010010002", "gender digit `0`"),
            ("198503122010011000", "serial 000"),
        ];
        for (text, fragment) in cases {
            let err = Nip::parse(text).expect_err(text).to_string();
            assert!(err.contains(fragment), "{text}: `{err}` lacks `{fragment}`");
        }
    }

    #[test]
    fn appointment_month_before_the_18th_birthday_month_is_rejected() {
        // born 1990-05-31: 2008-04 is too early, 2008-05 is allowed
        assert!(matches!(
            Nip::parse("199005312008041001"),
            Err(NipError::AppointmentBeforeAdult { .. })
        ));
        assert!(Nip::parse("199005312008051001").is_ok());
    }

    #[test]
    fn check_as_of_rejects_future_dates() {
        let nip = Nip::parse("199005312020051001").unwrap();
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert!(nip.check_as_of(d("2024-01-01")).is_ok());
        assert!(nip.check_as_of(d("2020-05-01")).is_ok());
        let err = nip.check_as_of(d("2020-04-30")).unwrap_err().to_string();
        assert_eq!(err, "CPNS appointment 202005 is after 2020-04-30");
        let err = nip.check_as_of(d("1990-05-30")).unwrap_err().to_string();
        assert_eq!(err, "birth date 19900531 is after 1990-05-30");
    }

    #[test]
    fn nip_serde_round_trips_and_validates() {
        let nip: Nip = serde_json::from_str("\"19850312 201001 1 002\"").unwrap();
        assert_eq!(
            serde_json::to_string(&nip).unwrap(),
            "\"198503122010011002\""
        );
        assert_eq!(nip.grouped(), "19850312 201001 1 002");
        assert!(serde_json::from_str::<Nip>("\"198513322010011002\"").is_err());
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,40}") {
            let _ = Nip::parse(&s);
        }

        #[test]
        fn valid_parts_always_parse(
            y in 1900i32..2005, m in 1u32..=12, d in 1u32..=28,
            age in 18i32..40, am in 1u32..=12, g in 1u8..=2, serial in 1u16..=999,
        ) {
            let ay = (y + age + 1).max(1960);
            let text = format!("{y:04}{m:02}{d:02}{ay:04}{am:02}{g}{serial:03}");
            let nip = Nip::parse(&text).unwrap();
            proptest::prop_assert_eq!(nip.as_str(), text.as_str());
            proptest::prop_assert_eq!(nip.appointment(), (ay, am));
            proptest::prop_assert_eq!(nip.serial(), serial);
            proptest::prop_assert_eq!(Nip::parse(&nip.grouped()).unwrap(), nip);
        }
    }
}
