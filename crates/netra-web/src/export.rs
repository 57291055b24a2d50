//! Downloads of the case list with the list's filters: CSV (the stable
//! columns of `netra cases --format csv`) and XLSX for Excel (headers and
//! values in the user's language, dates in the election's zone). Each
//! download is logged as an `export` with the user.

use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use netra_app::cases::{joined_names, Zones};
use netra_app::Lang;
use netra_store::CaseRow;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use crate::auth::{query_pairs, AnyViewer};
use crate::error::Fail;
use crate::filter::CaseQuery;
use crate::pages::select_cases;
use crate::AppState;

fn download(bytes: Vec<u8>, media_type: &'static str, name: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, media_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        bytes,
    )
        .into_response()
}

fn file_name(lang: Lang, ext: &str) -> String {
    format!(
        "netra-{}-{}.{ext}",
        lang.pick("kasus", "cases"),
        chrono::Utc::now().format("%Y%m%d-%H%M")
    )
}

/// `GET /export/cases.csv?…`.
pub async fn csv(
    State(st): State<AppState>,
    AnyViewer(v): AnyViewer,
    RawQuery(q): RawQuery,
) -> Result<Response, Fail> {
    let cq = CaseQuery::from_pairs(&query_pairs(q.as_deref()));
    let (rows, _) = select_cases(&st, &cq).await?;
    let out = netra_app::cases::render_csv(&rows)?;
    netra_app::cases::log_listing(st.store(), v.name(), "export", "csv", &rows, out.as_bytes())
        .await?;
    st.checkpoint().await?;
    Ok(download(
        out.into_bytes(),
        "text/csv; charset=utf-8",
        &file_name(v.lang, "csv"),
    ))
}

/// `GET /export/cases.xlsx?…`.
pub async fn xlsx(
    State(st): State<AppState>,
    AnyViewer(v): AnyViewer,
    RawQuery(q): RawQuery,
) -> Result<Response, Fail> {
    let cq = CaseQuery::from_pairs(&query_pairs(q.as_deref()));
    let (rows, elections) = select_cases(&st, &cq).await?;
    let zones = Zones::new(&elections);
    let bytes = workbook(&rows, &zones, v.lang).map_err(Fail::internal)?;
    netra_app::cases::log_listing(st.store(), v.name(), "export", "xlsx", &rows, &bytes).await?;
    st.checkpoint().await?;
    Ok(download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        &file_name(v.lang, "xlsx"),
    ))
}

/// The case list as one worksheet.
pub fn workbook(rows: &[CaseRow], zones: &Zones, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name(t("Kasus", "Cases"))?;
    let bold = Format::new().set_bold();
    let headers = [
        "ID",
        "NIP",
        t("Nama", "Name"),
        t("Jabatan", "Position"),
        "Unit",
        t("Pemilihan", "Election"),
        t("Paslon", "Pair"),
        t("Nama paslon", "Pair names"),
        t("Sikap", "Stance"),
        t("Kelas", "Class"),
        t("Bobot", "Severity"),
        t("Status", "State"),
        t("Sinyal", "Signals"),
        t("Pertama terlihat", "First seen"),
        t("Terakhir terlihat", "Last seen"),
        t("Tenggat laporan", "Reporting deadline"),
    ];
    for (col, h) in (0u16..).zip(headers) {
        ws.write_string_with_format(0, col, h, &bold)?;
    }
    for (row, c) in (1u32..).zip(rows) {
        let e = &c.election_id;
        ws.write_number(row, 0, c.id as f64)?;
        ws.write_string(row, 1, &c.nip)?;
        ws.write_string(row, 2, &c.name)?;
        ws.write_string(row, 3, &c.position)?;
        ws.write_string(row, 4, &c.unit)?;
        ws.write_string(row, 5, e)?;
        ws.write_number(row, 6, f64::from(c.target))?;
        ws.write_string(row, 7, joined_names(&c.pair_names))?;
        ws.write_string(row, 8, lang.label(c.label))?;
        ws.write_string(row, 9, lang.class(c.class))?;
        ws.write_string(row, 10, lang.severity(c.severity))?;
        ws.write_string(row, 11, lang.state(c.state))?;
        ws.write_number(row, 12, c.signal_count as f64)?;
        ws.write_string(row, 13, zones.local(e, &c.first_seen, lang))?;
        ws.write_string(row, 14, zones.local(e, &c.last_seen, lang))?;
        ws.write_string(row, 15, zones.local(e, &c.deadline, lang))?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofit();
    wb.save_to_buffer()
}
