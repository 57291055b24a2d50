//! The ASN registry loader on Excel workbooks.

use netra_core::AsnRecord;
use netra_ingest::{load_registry, IngestError, Loaded};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};

const A: &str = "198503122010011002";
const B: &str = "199001012015032001";

fn messages(loaded: &Loaded<AsnRecord>) -> Vec<String> {
    loaded.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn workbook_rows_are_checked_like_csv_with_excel_row_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pegawai.xlsx");
    let mut wb = Workbook::new();
    let help = wb.add_worksheet();
    help.set_name("Petunjuk").unwrap();
    help.write(0, 0, "Isi data pegawai di lembar Pegawai")
        .unwrap();
    let sheet = wb.add_worksheet();
    sheet.set_name("Pegawai").unwrap();
    sheet.write(0, 0, "DAFTAR PEGAWAI").unwrap();
    for (c, h) in ["NIP", "Nama", "Jabatan", "Unit Kerja", "Akun"]
        .iter()
        .enumerate()
    {
        sheet.write(2, u16::try_from(c).unwrap(), *h).unwrap();
    }
    // row 4: good; row 5: NIP typed as a number; row 6: a date as the name;
    // row 7: good with an account typed as a URL; row 8: shares row 4's account
    let rows: [(&str, &str); 4] = [
        (A, "instagram:budi"),
        ("", ""),
        ("", ""),
        (B, "https://x.com/ani_s"),
    ];
    for (i, (nip, acc)) in rows.iter().enumerate() {
        let r = u32::try_from(i).unwrap() + 3;
        sheet.write(r, 0, *nip).unwrap();
        sheet.write(r, 1, format!("Pegawai {r}")).unwrap();
        sheet.write(r, 2, "Staf").unwrap();
        sheet.write(r, 3, "Dinas Uji").unwrap();
        sheet.write(r, 4, *acc).unwrap();
    }
    sheet.write(4, 0, 198_503_122_010_011_000_f64).unwrap();
    sheet.write(5, 0, "197712312000121003").unwrap();
    let date_format = Format::new().set_num_format("yyyy-mm-dd");
    sheet
        .write_with_format(
            5,
            1,
            ExcelDateTime::from_ymd(2024, 10, 1).unwrap(),
            &date_format,
        )
        .unwrap();
    sheet.write(7, 0, "196805171990031004").unwrap();
    sheet.write(7, 1, "Pegawai 8").unwrap();
    sheet.write(7, 3, "Dinas Uji").unwrap();
    sheet.write(7, 4, "Instagram:@Budi").unwrap();
    wb.save(&path).unwrap();

    let loaded = load_registry(&path).unwrap();
    let nips: Vec<&str> = loaded.items.iter().map(|r| r.nip.as_str()).collect();
    assert_eq!(nips, [A, B, "196805171990031004"]);
    let f = format!("{}[Pegawai]", path.display());
    assert_eq!(
        messages(&loaded),
        [
            format!("{f}:1: warning: line 1 above the header (line 3) ignored"),
            format!("{f}:4: account `instagram:budi` is also declared by NIP 196805171990031004 (line 8); it is removed from both rows so that no activity is attributed to the wrong person: correct the registry and load it again"),
            format!("{f}:5: the NIP cell is a number in the workbook (1.98503122010011e17), which keeps only 15 significant digits, so the NIP's last digits are lost; format the NIP column as Text and type the NIPs again; row skipped"),
            format!("{f}:6: `name` holds a date or time, not text; row skipped"),
            format!("{f}:7: account entry `https://x.com/ani_s` is a web address; write platform:handle, e.g. x:ani_s; that entry skipped, the rest of the row loaded"),
            format!("{f}:8: account `instagram:budi` is also declared by NIP {A} (line 4); it is removed from both rows so that no activity is attributed to the wrong person: correct the registry and load it again"),
        ]
    );
}

#[test]
fn a_broken_workbook_is_a_fatal_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rusak.xlsx");
    std::fs::write(&path, b"PK\x03\x04 not really a zip").unwrap();
    let err = load_registry(&path).unwrap_err();
    assert!(matches!(err, IngestError::Workbook { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("rusak.xlsx: cannot open the workbook"),
        "{err}"
    );
}
