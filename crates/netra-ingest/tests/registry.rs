//! The ASN registry loader on good and bad input.

use std::io::Write as _;

use chrono::NaiveDate;
use netra_core::{AsnRecord, Platform, Registry};
use netra_ingest::{
    load_registry, read_registry_csv, read_registry_csv_with, IngestError, Loaded, RegistryOptions,
    Severity,
};

const A: &str = "198503122010011002";
const B: &str = "199001012015032001";
const C: &str = "197712312000121003";
const E: &str = "198811022012122005";
const HEADER: &str = "nip,name,position,unit,accounts";

fn load(csv: &str) -> Loaded<AsnRecord> {
    read_registry_csv(csv.as_bytes(), "r.csv").expect("in-memory input is readable")
}

fn nips(loaded: &Loaded<AsnRecord>) -> Vec<&str> {
    loaded.items.iter().map(|r| r.nip.as_str()).collect()
}

fn messages(loaded: &Loaded<AsnRecord>) -> Vec<String> {
    loaded.diagnostics.iter().map(ToString::to_string).collect()
}

fn good_row(nip: &str, handle: &str) -> String {
    format!("{nip},Pegawai {handle},Analis,Dinas Uji,instagram:{handle}")
}

/// Loads `bad` as line 3 between two good rows and checks that exactly one
/// diagnostic is reported, on line 3, containing `fragment`; returns the load.
fn check_bad_row(bad: &str, fragment: &str) -> Loaded<AsnRecord> {
    let csv = format!(
        "{HEADER}\n{}\n{bad}\n{}\n",
        good_row(A, "satu"),
        good_row(E, "lima")
    );
    let loaded = load(&csv);
    let m = messages(&loaded);
    assert_eq!(m.len(), 1, "{bad}\n{m:#?}");
    assert!(m[0].starts_with("r.csv:3: "), "{bad}: wrong line: {}", m[0]);
    assert!(
        m[0].contains(fragment),
        "{bad}:\n  `{}`\n  lacks `{fragment}`",
        m[0]
    );
    let kept = nips(&loaded);
    assert_eq!(&kept[..1], [A], "{bad}");
    assert_eq!(kept.last(), Some(&E), "{bad}");
    loaded
}

#[test]
fn rows_with_a_bad_nip_are_skipped_with_the_reason() {
    let cases: &[(&str, &str)] = &[
        (
            "198513322010011009,Budi,Staf,Dinas X,",
            "NIP `198513322010011009`: birth date 19851332 is not a date; row skipped",
        ),
        (
            "189912312010011009,Budi,Staf,Dinas X,",
            "birth year 1899 is before 1900",
        ),
        (
            "198503122010131009,Budi,Staf,Dinas X,",
            "CPNS appointment 201013 is not a year and month (month 13 does not exist)",
        ),
        (
            "193001011955011009,Budi,Staf,Dinas X,",
            "CPNS appointment year 1955 is before 1960",
        ),
        (
            "198503122001011009,Budi,Staf,Dinas X,",
            "CPNS appointment 200101 is before the person turned 18 (birth date 1985-03-12)",
        ),
        (
            "198503122010013009,Budi,Staf,Dinas X,",
            "gender digit `3` (digit 15) must be 1 (male) or 2 (female)",
        ),
        ("198503122010011000,Budi,Staf,Dinas X,", "serial 000"),
        (
            "19850312201001100,Budi,Staf,Dinas X,",
            "NIP `19850312201001100`: NIP must have 18 digits, found 17",
        ),
        (
            "19850312201001100A,Budi,Staf,Dinas X,",
            "NIP may contain only digits 0-9; found `A` at character 18",
        ),
        (
            "1.98503E+17,Budi,Staf,Dinas X,",
            "NIP `1.98503E+17` is a number in scientific notation",
        ),
        (
            "198.503.122.010.011.000,Budi,Staf,Dinas X,",
            "is written as a number (with thousands separators)",
        ),
        (
            "198503122010011009.0,Budi,Staf,Dinas X,",
            "is written as a number (with a decimal part)",
        ),
        (
            "19850312-201001-1-009,Budi,Staf,Dinas X,",
            "NIP `19850312-201001-1-009` contains `-`",
        ),
        (",Budi,Staf,Dinas X,", "NIP is empty; row skipped"),
    ];
    for (bad, fragment) in cases {
        check_bad_row(bad, fragment);
    }
}

#[test]
fn rows_with_other_problems_are_skipped_with_the_reason() {
    let cases: &[(&str, &str)] = &[
        ("199001012015032001,,Staf,Dinas X,", "name is empty; row skipped"),
        ("199001012015032001,  ,Staf,Dinas X,", "name is empty"),
        ("199001012015032001,Budi,Staf,,", "unit is empty; row skipped"),
        (
            "199001012015032001,198503122010011002,Staf,Dinas X,",
            "name `198503122010011002` has no letters (columns swapped?); row skipped",
        ),
        (
            "199001012015032001,Budi Santoso, S.Kom.,Staf,Dinas X,",
            "row has 6 fields, the header has 5: a value containing `,` must be in double quotes",
        ),
        (
            "199001012015032001,Budi,Staf",
            "row has 3 fields, the header has 5; row skipped",
        ),
        (
            "1985,,Staf,,",
            "NIP `1985`: NIP must have 18 digits, found 4; name is empty; unit is empty; row skipped",
        ),
        (
            "199001012015032001,,Staf,Dinas X,budi",
            "name is empty; account entry `budi` has no platform",
        ),
    ];
    for (bad, fragment) in cases {
        check_bad_row(bad, fragment);
    }
}

#[test]
fn bad_account_entries_are_dropped_and_named_and_the_row_kept() {
    let cases: &[(&str, &str)] = &[
        (
            "budi",
            "account entry `budi` has no platform; write platform:handle, e.g. instagram:budi; that entry skipped, the rest of the row loaded",
        ),
        (
            "myspace:budi",
            "unknown platform `myspace`; allowed: x, facebook, instagram, tiktok, youtube, web, other",
        ),
        (
            "https://www.instagram.com/budi.s/",
            "is a web address; write platform:handle",
        ),
        (
            "https://x.com/budi_s",
            "is a web address; write platform:handle, e.g. x:budi_s",
        ),
        ("\"x:budi santoso\"", "handle contains ` `"),
        ("x:@", "account entry `x:@` has an empty handle"),
    ];
    for (entry, fragment) in cases {
        let loaded = check_bad_row(
            &format!(
                "{B},Budi,Staf,Dinas X,\"tiktok:budi;{}\"",
                entry.trim_matches('"')
            ),
            fragment,
        );
        let budi = loaded.items.iter().find(|r| r.nip.as_str() == B);
        let budi = budi.unwrap_or_else(|| panic!("{entry}: row B not kept"));
        assert_eq!(budi.accounts.len(), 1, "{entry}");
        assert_eq!(budi.accounts[0].key(), "tiktok:budi");
    }
}

#[test]
fn non_utf8_cell_is_reported() {
    let mut csv = format!("{HEADER}\n{}\n", good_row(A, "satu")).into_bytes();
    csv.extend_from_slice(b"199001012015032001,Ren\xE9,Staf,Dinas X,\n");
    csv.extend_from_slice(good_row(E, "lima").as_bytes());
    let loaded = read_registry_csv(&csv[..], "r.csv").unwrap();
    assert_eq!(nips(&loaded), [A, E]);
    assert_eq!(
        messages(&loaded),
        ["r.csv:3: `name` is not valid UTF-8 (byte 0xE9); save the file as \"CSV UTF-8\"; row skipped"]
    );
}

#[test]
fn duplicate_nips_keep_the_first_row() {
    let csv = format!(
        "{HEADER}\n{}\n{}\n{}\n{}\n",
        good_row(A, "satu"),
        good_row(B, "dua"),
        good_row(A, "satu"),
        good_row(A, "lain")
    );
    let loaded = load(&csv);
    assert_eq!(nips(&loaded), [A, B]);
    assert_eq!(
        messages(&loaded),
        [
            format!("r.csv:4: duplicate NIP {A}, first at line 2 (same data); the first row is kept, this row skipped"),
            format!("r.csv:5: duplicate NIP {A}, first at line 2 (different data: check which is right); the first row is kept, this row skipped"),
        ]
    );
    assert_eq!(loaded.skipped, 2);
    assert_eq!(loaded.items[0].accounts[0].handle, "satu");
}

#[test]
fn an_account_claimed_by_two_nips_is_removed_from_both() {
    let csv = format!(
        "{HEADER}\n{A},Satu,Staf,Dinas X,\"instagram:Budi;x:satu\"\n{},\n{B},Dua,Staf,Dinas Y,instagram:@budi\n",
        good_row(C, "tiga").trim_end_matches(",instagram:tiga"),
    );
    let loaded = load(&csv);
    assert_eq!(nips(&loaded), [A, C, B]);
    assert_eq!(
        messages(&loaded),
        [
            format!("r.csv:2: account `instagram:Budi` is also declared by NIP {B} (line 4); it is removed from both rows so that no activity is attributed to the wrong person: correct the registry and load it again"),
            format!("r.csv:4: account `instagram:Budi` is also declared by NIP {A} (line 2); it is removed from both rows so that no activity is attributed to the wrong person: correct the registry and load it again"),
        ]
    );
    let (registry, issues) = Registry::build(loaded.items);
    assert!(issues.is_empty());
    assert!(registry.by_account(Platform::Instagram, "budi").is_none());
    assert_eq!(
        registry
            .by_account(Platform::X, "SATU")
            .unwrap()
            .nip
            .as_str(),
        A
    );
    assert!(registry
        .by_nip(&B.parse().unwrap())
        .unwrap()
        .accounts
        .is_empty());
}

#[test]
fn header_problems_are_named() {
    let cases: &[(&str, &str)] = &[
        (
            "nip,nama,jabatan\n198503122010011002,Budi,Staf\n",
            "r.csv:1: missing column `unit` in the header (nip,nama,jabatan)",
        ),
        (
            "id,full name,office\n1,Budi,Dinas\n",
            "r.csv:1: missing columns `nip`, `name`, `unit` in the header (id,full name,office)",
        ),
        (
            "nip,name,unit,NIP\n198503122010011002,Budi,Dinas,1\n",
            "r.csv:1: column `nip` appears twice in the header (columns 1 and 4); nothing loaded",
        ),
        (
            "198503122010011002,Budi,Staf,Dinas,x:budi\n199001012015032001,Ani,Staf,Dinas,x:ani\n",
            "r.csv:1: the first row is data, not a header: add the header row nip,name,position,unit,accounts",
        ),
        ("", "r.csv:0: the file is empty"),
        ("\u{feff}\n\n", "r.csv:0: the file is empty"),
        ("PK\u{3}\u{4}rest", "r.csv:0: the file is an Excel workbook (.xlsx), not CSV"),
    ];
    for (csv, expected) in cases {
        let loaded = load(csv);
        let m = messages(&loaded);
        assert_eq!(m.len(), 1, "{csv}: {m:#?}");
        assert!(
            m[0].starts_with(expected),
            "`{}` does not start with `{expected}`",
            m[0]
        );
        assert!(loaded.items.is_empty());
    }
}

#[test]
fn utf16_file_is_reported_once() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in format!("{HEADER}\n{}\n", good_row(A, "satu")).encode_utf16() {
        bytes.extend_from_slice(&u.to_le_bytes());
    }
    let loaded = read_registry_csv(&bytes[..], "r.txt").unwrap();
    assert!(loaded.items.is_empty());
    assert!(messages(&loaded)[0].starts_with("r.txt:0: the file is UTF-16 text"));
}

#[test]
fn an_unclosed_quote_is_reported_with_the_lines_it_swallowed() {
    let csv = format!(
        "{HEADER}\n{}\n{B},\"Budi,Staf,Dinas X,\n{}\n{}\n",
        good_row(A, "satu"),
        good_row(C, "tiga"),
        good_row(E, "lima")
    );
    let loaded = load(&csv);
    assert_eq!(nips(&loaded), [A]);
    let m = messages(&loaded);
    assert_eq!(m.len(), 1, "{m:#?}");
    assert!(
        m[0].starts_with("r.csv:3: row has 2 fields, the header has 5 (the row runs from line 3 to line 5: a `\"` is probably not closed)"),
        "{}",
        m[0]
    );
}

#[test]
fn semicolon_csv_from_excel_in_indonesian_locale_loads() {
    let csv = format!(
        "\u{feff}NIP;Nama;Jabatan;Unit Kerja;Akun\r\n\
         19850312 201001 1 002;Budi  Santoso, S.Kom.;Analis;Dinas Kominfo;\"instagram:@budi.s\nX:BudiS\"\r\n\
         ;;;;\r\n\
         {B};Ani;\"Kepala Seksi; Humas\";Biro Umum;\r\n"
    );
    let loaded = load(&csv);
    assert!(loaded.diagnostics.is_empty(), "{:#?}", messages(&loaded));
    assert_eq!(nips(&loaded), [A, B]);
    let budi = &loaded.items[0];
    assert_eq!(budi.name, "Budi Santoso, S.Kom.");
    assert_eq!(budi.unit, "Dinas Kominfo");
    let keys: Vec<String> = budi
        .accounts
        .iter()
        .map(netra_core::AccountRef::key)
        .collect();
    assert_eq!(keys, ["instagram:budi.s", "x:budis"]);
    assert_eq!(loaded.items[1].position, "Kepala Seksi; Humas");
    assert!(loaded.items[1].accounts.is_empty());
}

#[test]
fn columns_in_any_order_with_tabs_title_rows_and_extra_columns() {
    let tsv = format!(
        "DAFTAR PEGAWAI DINAS UJI\n\nNo\tUnit\tAccounts\tNIP\tName\tGolongan\n1\tDinas Uji\tx:budi\t{A}\tBudi\tIII/a\n"
    );
    let loaded = load(&tsv);
    assert_eq!(nips(&loaded), [A]);
    assert_eq!(loaded.items[0].unit, "Dinas Uji");
    assert_eq!(loaded.items[0].accounts[0].key(), "x:budi");
    assert_eq!(
        messages(&loaded),
        [
            "r.csv:1: warning: line 1 above the header (line 3) ignored",
            "r.csv:3: warning: no `position` column: positions left empty",
            "r.csv:3: warning: columns `No`, `Golongan` ignored",
        ]
    );
    assert!(!loaded.has_errors());
    assert!(loaded
        .diagnostics
        .iter()
        .all(|d| d.severity == Severity::Warning));
}

#[test]
fn missing_accounts_column_is_a_warning() {
    let loaded = load(&format!("nip,name,position,unit\n{A},Budi,Staf,Dinas\n"));
    assert_eq!(nips(&loaded), [A]);
    assert_eq!(
        messages(&loaded),
        ["r.csv:1: warning: no `accounts` column: no declared accounts loaded"]
    );
}

#[test]
fn as_of_rejects_dates_in_the_future() {
    let csv = format!("{HEADER}\n{A},Budi,Staf,Dinas,\n199001012030011001,Ani,Staf,Dinas,\n");
    let options = RegistryOptions {
        as_of: NaiveDate::from_ymd_opt(2024, 10, 1),
        ..RegistryOptions::default()
    };
    let loaded = read_registry_csv_with(csv.as_bytes(), "r.csv", &options).unwrap();
    assert_eq!(nips(&loaded), [A]);
    assert_eq!(
        messages(&loaded),
        ["r.csv:3: NIP `199001012030011001`: CPNS appointment 203001 is after 2024-10-01; row skipped"]
    );
    // without as_of the same row is structurally valid
    assert_eq!(load(&csv).items.len(), 2);
}

#[test]
fn diagnostics_are_capped() {
    let mut csv = format!("{HEADER}\n");
    for _ in 0..30 {
        csv.push_str("1,Budi,Staf,Dinas,\n");
    }
    let options = RegistryOptions {
        max_diagnostics: 10,
        ..RegistryOptions::default()
    };
    let loaded = read_registry_csv_with(csv.as_bytes(), "r.csv", &options).unwrap();
    assert_eq!(loaded.diagnostics.len(), 11);
    assert_eq!(loaded.omitted_diagnostics, 20);
    assert_eq!(loaded.skipped, 30);
}

#[test]
fn file_loads_are_repeatable_and_fatal_errors_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("registry.csv");
    let mut f = std::fs::File::create(&path).unwrap();
    write!(
        f,
        "{HEADER}\n{}\n{}\nrusak\n",
        good_row(A, "satu"),
        good_row(B, "dua")
    )
    .unwrap();
    drop(f);
    let first = load_registry(&path).unwrap();
    assert_eq!(first, load_registry(&path).unwrap());
    assert_eq!(nips(&first), [A, B]);
    assert!(messages(&first)[0].starts_with(&format!("{}:4: row has 1 field,", path.display())));

    let err = load_registry(&dir.path().join("missing.csv")).unwrap_err();
    assert!(matches!(err, IngestError::Open { .. }));
    assert!(err.to_string().contains("missing.csv"), "{err}");
}

#[test]
fn line_numbers_count_blank_lines_crlf_and_quoted_line_breaks() {
    let csv = format!(
        "{HEADER}\r\n\r\n{A},Budi,Staf,Dinas,\"x:budi\r\ninstagram:budi\"\r\n\r\n\r\n1,Ani,Staf,Dinas,\r\n{B},Ani,Staf,Dinas,\r\n2,Eko,Staf,Dinas,"
    );
    let loaded = load(&csv);
    assert_eq!(nips(&loaded), [A, B]);
    assert_eq!(loaded.items[0].accounts.len(), 2);
    let lines: Vec<usize> = loaded.diagnostics.iter().map(|d| d.line).collect();
    assert_eq!(lines, [7, 9]);
}

proptest::proptest! {
    #[test]
    fn never_panics_on_arbitrary_input(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..2000),
        text in "[nipamecuotsx:;,\"\\n\\r 0-9@]{0,400}",
    ) {
        let _ = read_registry_csv(&bytes[..], "p");
        let _ = read_registry_csv(text.as_bytes(), "p");
        let _ = read_registry_csv(format!("{HEADER}\n{text}").as_bytes(), "p");
    }

    #[test]
    fn good_rows_are_kept_whatever_bad_rows_surround_them(
        garbage in proptest::collection::vec("[a-z0-9,;:@ ]{0,40}", 0..10),
    ) {
        let mut csv = format!("{HEADER}\n");
        for g in &garbage {
            csv.push_str(g);
            csv.push('\n');
        }
        csv.push_str(&good_row(A, "satu"));
        csv.push('\n');
        for g in &garbage {
            csv.push_str(g);
            csv.push('\n');
        }
        csv.push_str(&good_row(B, "dua"));
        let loaded = load(&csv);
        proptest::prop_assert_eq!(nips(&loaded), [A, B]);
    }
}
