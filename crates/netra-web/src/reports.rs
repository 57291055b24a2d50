//! Reports from the public: the form at `/lapor` (no login), the status
//! page at `/lapor/status` (the tracking code is posted, never put in a
//! URL), and the staff side (`/reports`, `/api/reports`): list, detail with
//! the screenshot, and the moves (to review, link to a case, close with a
//! message for the reporter).
//!
//! What the public sees of a report is its received date, its state and
//! the message staff wrote for it: never a name, a NIP, a case or another
//! report. A wrong code gets the same answer whatever it is.

use axum::extract::{FromRequest, Multipart, Path, RawQuery, Request, State};
use axum::http::header::{CONTENT_TYPE, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use maud::{html, Markup};
use netra_app::cases::Zones;
use netra_app::Lang;
use netra_store::{
    NewPublicReport, PublicReport, ReportAction, ReportScreenshot, ReportState, Role, StoreError,
    MAX_LINK_CHARS, MAX_PUBLIC_MESSAGE_CHARS, MAX_REPORT_CHARS, MAX_REPORT_LINKS, MAX_SHORT_CHARS,
};
use rand::Rng as _;
use serde_json::{json, Value};

use crate::auth::{
    cookie, form_pairs, get, lang_of, query_pairs, redirect, ApiViewer, ClientAddr, PageViewer,
    Viewer,
};
use crate::error::Fail;
use crate::pages::{case_id, is_web_url};
use crate::view::{flash, layout, public_page, Chrome, Nav};
use crate::AppState;

/// The largest screenshot accepted.
pub const MAX_SCREENSHOT_BYTES: usize = 5 * 1024 * 1024;

/// The request body limit of the form (screenshot and text fields).
pub const MAX_FORM_BYTES: usize = MAX_SCREENSHOT_BYTES + 256 * 1024;

/// Double-submit token of the public forms (there is no session).
const PUBLIC_COOKIE: &str = "netra_public";

/// The tracking code's alphabet: Crockford's base 32 (no I, L, O, U).
const CODE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// How many requests from one address the public side takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PublicLimits {
    /// Reports sent per window.
    pub max_reports: i64,
    /// Status look-ups per window.
    pub max_lookups: i64,
    pub window: chrono::Duration,
}

impl Default for PublicLimits {
    /// 10 reports and 30 look-ups per hour from one address (an office or
    /// a mobile network may share one).
    fn default() -> PublicLimits {
        PublicLimits {
            max_reports: 10,
            max_lookups: 30,
            window: chrono::Duration::hours(1),
        }
    }
}

/// A new tracking code: 20 characters from the OS's random source (100
/// bits), shown in groups of five.
pub fn new_tracking_code() -> String {
    let mut rng = rand::rngs::OsRng;
    let chars: Vec<char> = (0..20)
        .map(|_| char::from(CODE_ALPHABET[rng.gen_range(0..CODE_ALPHABET.len())]))
        .collect();
    chars
        .chunks(5)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The image type of `bytes` by their first bytes: PNG, JPEG or WebP.
pub fn image_type(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// A state as the public and staff read it.
pub fn state_name(s: ReportState, lang: Lang) -> &'static str {
    match s {
        ReportState::Received => lang.pick("diterima", "received"),
        ReportState::InReview => lang.pick("sedang ditelaah", "under review"),
        ReportState::Forwarded => lang.pick("diteruskan ke kasus", "forwarded to a case"),
        ReportState::Closed => lang.pick("ditutup", "closed"),
    }
}

fn state_badge(s: ReportState, lang: Lang) -> Markup {
    html! { span class=(format!("badge rs-{}", s.as_str())) { (state_name(s, lang)) } }
}

/// Whether `role` may move public reports (analysts and reviewers).
pub fn can_act(role: Role) -> bool {
    matches!(role, Role::Analyst | Role::Reviewer)
}

fn with_header(mut r: Response, name: axum::http::HeaderName, value: &str) -> Response {
    if let Ok(v) = HeaderValue::from_str(value) {
        r.headers_mut().append(name, v);
    }
    r
}

fn random_hex() -> String {
    let mut b = [0u8; 32];
    rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut b);
    hex::encode(b)
}

/// The form token: the one the browser holds, or a new one to set.
fn form_token(headers: &HeaderMap) -> (String, bool) {
    match cookie(headers, PUBLIC_COOKIE).filter(|c| c.len() == 64) {
        Some(c) => (c, false),
        None => (random_hex(), true),
    }
}

/// `page` with the form token's cookie when it is new.
fn with_token(page: Response, token: &str, new: bool, headers: &HeaderMap) -> Response {
    if !new {
        return page;
    }
    let https = headers
        .get("x-forwarded-proto")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.eq_ignore_ascii_case("https"));
    let cookie = format!(
        "{PUBLIC_COOKIE}={token}; Path=/lapor; HttpOnly; SameSite=Strict; Max-Age=7200{}",
        if https { "; Secure" } else { "" }
    );
    with_header(page, SET_COOKIE, &cookie)
}

fn token_ok(headers: &HeaderMap, given: Option<&str>) -> bool {
    match (cookie(headers, PUBLIC_COOKIE), given) {
        (Some(c), Some(g)) => {
            c.len() == 64
                && c.len() == g.len()
                && c.bytes().zip(g.bytes()).fold(0u8, |a, (x, y)| a | (x ^ y)) == 0
        }
        _ => false,
    }
}

/// What the form held, to show it again after a refusal.
#[derive(Default)]
struct Draft {
    what: String,
    links: String,
    person: String,
    contact: String,
}

/// The days a report that joined no case is kept, from the office's
/// retention policy (`None`: no policy yet, nothing is deleted on its own).
fn retention_days(st: &AppState) -> Option<u32> {
    netra_app::retention::Retention::load(st.data_dir())
        .ok()
        .and_then(|r| r.activities_without_case_after_days)
}

fn privacy_notice(lang: Lang, days: Option<u32>) -> Markup {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    html! {
        div.panel.privacy {
            h2 { (t("Apa yang kami simpan, dan mengapa", "What we keep, and why")) }
            ul {
                li { (t("Isi laporan, tautan, tangkapan layar (bila ada) dan nama/akun yang Anda laporkan: hanya untuk menelaah dugaan pelanggaran netralitas ASN dalam pemilihan ini.",
                        "Your report, links, screenshot (if any) and the name/account you report: only to look into a suspected breach of civil-servant neutrality in this election.")) }
                li { (t("Kontak Anda tidak wajib. Bila Anda memberikannya, kontak hanya dipakai untuk menanyakan hal tentang laporan ini, dan dihapus begitu laporan ditutup.",
                        "Your contact is not required. If you give it, it is used only to ask about this report, and deleted as soon as the report is closed.")) }
                li { (t("Identitas dan kontak Anda tidak pernah ditunjukkan kepada orang yang Anda laporkan.",
                        "Your identity and contact are never shown to the person you report.")) }
                li {
                    @match days {
                        Some(n) => {
                            (t("Laporan yang tidak diteruskan ke kasus dihapus", "A report that does not join a case is deleted")) " "
                            strong { (n) " " (t("hari", "days")) } " "
                            (t("setelah hari pemungutan suara atau setelah laporan masuk, mana yang lebih akhir.",
                               "after voting day or after it arrived, whichever is later."))
                        }
                        None => (t("Laporan yang tidak diteruskan ke kasus dihapus setelah masa simpan yang ditetapkan kantor, dihitung dari hari pemungutan suara atau hari laporan masuk, mana yang lebih akhir.",
                                   "A report that does not join a case is deleted after the retention period the office sets, counted from voting day or the day it arrived, whichever is later.")),
                    }
                    " "
                    (t("Laporan yang menjadi bagian kasus disimpan bersama kasus itu.", "A report that joins a case is kept with that case."))
                }
                li { (t("Kami tidak menyimpan alamat IP bersama laporan. Untuk mencegah penyalahgunaan, jumlah kiriman dari satu alamat dihitung dan dihapus setelah satu jam.",
                        "We do not keep your IP address with the report. To prevent abuse, submissions from one address are counted, and the count is deleted after an hour.")) }
            }
            p.muted { (t("Dasar: UU 27/2022 tentang Pelindungan Data Pribadi (pembatasan tujuan dan minimalisasi data).",
                         "Basis: Law 27/2022 on Personal Data Protection (purpose limitation, data minimisation).")) }
        }
    }
}

fn report_form(
    token: &str,
    lang: Lang,
    error: Option<&str>,
    d: &Draft,
    days: Option<u32>,
) -> Markup {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    html! {
        h1 { (t("Laporkan ASN yang tidak netral", "Report a civil servant taking sides")) }
        p { (t("Lihat ASN berpihak kepada pasangan calon di media sosial? Ceritakan di sini. Anda akan mendapat kode untuk melihat perkembangan laporan Anda nanti. Tidak perlu masuk atau mendaftar.",
               "Seen a civil servant (ASN) taking sides for a candidate pair on social media? Tell us here. You will get a code to follow your report later. No login or sign-up needed.")) }
        @if let Some(e) = error { p.error role="alert" { (e) } }
        form.public method="post" action="/lapor" enctype="multipart/form-data" {
            input type="hidden" name="csrf" value=(token);
            label {
                span { strong { (t("Apa yang terjadi?", "What happened?")) } " " span.muted { (t("(wajib)", "(required)")) } }
                textarea name="what" required maxlength=(MAX_REPORT_CHARS) rows="6"
                    placeholder=(t("Contoh: Akun ini mengunggah foto dengan pose dua jari dan tagar pasangan calon pada 3 Oktober.",
                                   "E.g. This account posted a photo with a two-finger pose and a pair's hashtag on 3 October.")) { (d.what) }
            }
            label {
                span { strong { (t("Di mana? Tautan ke unggahan", "Where? Links to the post")) } " "
                    span.muted { (t("(satu per baris, paling banyak 10)", "(one per line, at most 10)")) } }
                textarea name="links" rows="3" placeholder="https://…" { (d.links) }
            }
            label {
                span { strong { (t("Tangkapan layar", "Screenshot")) } " "
                    span.muted { (t("(tidak wajib; PNG, JPEG atau WebP, paling besar 5 MB)", "(optional; PNG, JPEG or WebP, at most 5 MB)")) } }
                input type="file" name="screenshot" accept="image/png,image/jpeg,image/webp";
            }
            p.muted { (t("Isi tautan atau tangkapan layar, atau keduanya.", "Give a link or a screenshot, or both.")) }
            label {
                span { strong { (t("Nama atau akun yang dilaporkan", "Name or account reported")) } " " span.muted { (t("(tidak wajib)", "(optional)")) } }
                input type="text" name="person" maxlength=(MAX_SHORT_CHARS) value=(d.person);
            }
            label {
                span { strong { (t("Kontak Anda", "Your contact")) } " "
                    span.muted { (t("(tidak wajib; e-mail atau nomor telepon, hanya bila Anda bersedia dihubungi)", "(optional; e-mail or phone, only if you agree to be contacted)")) } }
                input type="text" name="contact" maxlength=(MAX_SHORT_CHARS) value=(d.contact) autocomplete="off";
            }
            button type="submit" { (t("Kirim laporan", "Send the report")) }
        }
        (privacy_notice(lang, days))
        p { a href="/lapor/status" { (t("Sudah melapor? Lihat status laporan Anda →", "Already reported? See your report's status →")) } }
    }
}

fn public_response(
    status: StatusCode,
    title: &str,
    lang: Lang,
    back: &str,
    body: &Markup,
) -> Response {
    (status, public_page(title, lang, back, body)).into_response()
}

/// `GET /lapor`: the form.
pub async fn form_page(State(st): State<AppState>, headers: HeaderMap) -> Response {
    let lang = lang_of(&headers);
    let (token, new) = form_token(&headers);
    let body = report_form(&token, lang, None, &Draft::default(), retention_days(&st));
    let page = public_response(
        StatusCode::OK,
        lang.pick("Laporan masyarakat", "Public report"),
        lang,
        "/lapor",
        &body,
    );
    with_token(page, &token, new, &headers)
}

/// A refusal of the form, with what was typed.
fn form_again(
    st: &AppState,
    headers: &HeaderMap,
    status: StatusCode,
    msg: &str,
    d: &Draft,
) -> Response {
    let lang = lang_of(headers);
    let (token, new) = form_token(headers);
    let page = public_response(
        status,
        lang.pick("Laporan masyarakat", "Public report"),
        lang,
        "/lapor",
        &report_form(&token, lang, Some(msg), d, retention_days(st)),
    );
    with_token(page, &token, new, headers)
}

/// The fields of the multipart form, the screenshot capped.
#[derive(Default)]
struct Sent {
    csrf: String,
    draft: Draft,
    screenshot: Option<Vec<u8>>,
    too_big: bool,
}

async fn read_form(mut m: Multipart) -> Result<Sent, ()> {
    let mut sent = Sent::default();
    while let Some(mut field) = m.next_field().await.map_err(|_| ())? {
        let name = field.name().unwrap_or("").to_string();
        if name == "screenshot" {
            let mut bytes = Vec::new();
            while let Some(chunk) = field.chunk().await.map_err(|_| ())? {
                if bytes.len() + chunk.len() > MAX_SCREENSHOT_BYTES {
                    sent.too_big = true;
                    break;
                }
                bytes.extend_from_slice(&chunk);
            }
            if !bytes.is_empty() && !sent.too_big {
                sent.screenshot = Some(bytes);
            }
            continue;
        }
        let text = field.text().await.map_err(|_| ())?;
        let text: String = text.chars().take(MAX_REPORT_CHARS + 1).collect();
        match name.as_str() {
            "csrf" => sent.csrf = text,
            "what" => sent.draft.what = text,
            "links" => sent.draft.links = text,
            "person" => sent.draft.person = text,
            "contact" => sent.draft.contact = text,
            _ => {}
        }
    }
    Ok(sent)
}

/// The form's problem with `sent`, worded for the reporter, or the links.
fn check_sent(sent: &Sent, lang: Lang) -> Result<Vec<String>, String> {
    let d = &sent.draft;
    let what = d.what.trim();
    let links: Vec<String> = d
        .links
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let problem = if sent.too_big {
        Some(format!(
            "{} {} MB.",
            lang.pick(
                "Tangkapan layar terlalu besar: paling besar",
                "The screenshot is too large: at most"
            ),
            MAX_SCREENSHOT_BYTES / (1024 * 1024)
        ))
    } else if sent
        .screenshot
        .as_deref()
        .is_some_and(|b| image_type(b).is_none())
    {
        Some(
            lang.pick(
                "Berkas yang dilampirkan bukan gambar PNG, JPEG atau WebP. Lampirkan tangkapan layar dalam salah satu format itu, atau kirim tanpa lampiran.",
                "The attached file is not a PNG, JPEG or WebP image. Attach a screenshot in one of those formats, or send without one.",
            )
            .to_string(),
        )
    } else if what.is_empty() {
        Some(
            lang.pick("Tuliskan apa yang terjadi.", "Say what happened.")
                .to_string(),
        )
    } else if what.chars().count() > MAX_REPORT_CHARS {
        Some(format!(
            "{} {MAX_REPORT_CHARS} {}",
            lang.pick("Keterangan paling panjang", "The description holds at most"),
            lang.pick("karakter.", "characters.")
        ))
    } else if links.is_empty() && sent.screenshot.is_none() {
        Some(
            lang.pick(
                "Beri tautan ke unggahan atau lampirkan tangkapan layar, supaya kami dapat memeriksanya.",
                "Give a link to the post or attach a screenshot, so that we can check it.",
            )
            .to_string(),
        )
    } else if links.len() > MAX_REPORT_LINKS
        || links.iter().any(|l| l.chars().count() > MAX_LINK_CHARS)
    {
        Some(format!(
            "{} {MAX_REPORT_LINKS} {} {MAX_LINK_CHARS} {}",
            lang.pick("Paling banyak", "At most"),
            lang.pick(
                "tautan, masing-masing paling panjang",
                "links, each at most"
            ),
            lang.pick("karakter.", "characters.")
        ))
    } else if d.person.trim().chars().count() > MAX_SHORT_CHARS
        || d.contact.trim().chars().count() > MAX_SHORT_CHARS
    {
        Some(format!(
            "{} {MAX_SHORT_CHARS} {}",
            lang.pick(
                "Nama/akun dan kontak masing-masing paling panjang",
                "The name/account and the contact hold at most"
            ),
            lang.pick("karakter.", "characters each.")
        ))
    } else {
        None
    };
    match problem {
        Some(p) => Err(p),
        None => Ok(links),
    }
}

/// Counts one public request of `kind` ("report" or "status") from the
/// client's address and refuses it (429, with when to try again) once the
/// address is over its limit for the window.
async fn count_public_request(
    st: &AppState,
    addr: Option<std::net::IpAddr>,
    kind: &str,
    lang: Lang,
) -> Result<(), Fail> {
    let limits = st.config().public_limits;
    let max = if kind == "report" {
        limits.max_reports
    } else {
        limits.max_lookups
    };
    let addr = addr.map(|a| a.to_string());
    match st
        .store()
        .count_public_request(kind, addr.as_deref(), max, limits.window)
        .await?
    {
        Some(until) => Err(too_many(until, lang)),
        None => Ok(()),
    }
}

fn too_many(until: chrono::DateTime<chrono::Utc>, lang: Lang) -> Fail {
    let secs = u64::try_from((until - chrono::Utc::now()).num_seconds())
        .unwrap_or(0)
        .max(1);
    let minutes = secs.div_ceil(60);
    let mut f = Fail::new(
        StatusCode::TOO_MANY_REQUESTS,
        "too_many_attempts",
        format!("Terlalu banyak permintaan dari alamat Anda. Coba lagi dalam {minutes} menit."),
        format!("Too many requests from your address. Try again in {minutes} minutes."),
    )
    .in_lang(lang);
    f.retry_after = Some(secs);
    f
}

/// `POST /lapor`: stores the report and shows its tracking code, once.
pub async fn submit(
    State(st): State<AppState>,
    ClientAddr(addr): ClientAddr,
    req: Request,
) -> Result<Response, Fail> {
    let headers = req.headers().clone();
    let lang = lang_of(&headers);
    let bad_form = lang.pick(
        "Formulir tidak terbaca (mungkin terlalu besar: tangkapan layar paling besar 5 MB). Coba lagi.",
        "The form could not be read (perhaps too large: a screenshot is at most 5 MB). Try again.",
    );
    let Ok(multipart) = Multipart::from_request(req, &st).await else {
        return Ok(form_again(
            &st,
            &headers,
            StatusCode::BAD_REQUEST,
            bad_form,
            &Draft::default(),
        ));
    };
    let Ok(sent) = read_form(multipart).await else {
        return Ok(form_again(
            &st,
            &headers,
            StatusCode::BAD_REQUEST,
            bad_form,
            &Draft::default(),
        ));
    };
    if !token_ok(&headers, Some(&sent.csrf)) {
        // What was typed comes back (nothing is lost), under a token that
        // works; nothing is stored.
        return Ok(form_again(
            &st,
            &headers,
            StatusCode::FORBIDDEN,
            Fail::csrf().message(lang),
            &sent.draft,
        ));
    }
    count_public_request(&st, addr, "report", lang).await?;
    let links = match check_sent(&sent, lang) {
        Ok(l) => l,
        Err(msg) => {
            return Ok(form_again(
                &st,
                &headers,
                StatusCode::BAD_REQUEST,
                &msg,
                &sent.draft,
            ));
        }
    };
    let code = new_tracking_code();
    let d = &sent.draft;
    let screenshot = sent.screenshot.as_deref().and_then(|b| {
        image_type(b).map(|media_type| ReportScreenshot {
            bytes: b,
            media_type,
        })
    });
    let nonempty = |s: &str| Some(s.trim()).filter(|s| !s.is_empty()).map(str::to_string);
    let (person, contact) = (nonempty(&d.person), nonempty(&d.contact));
    st.store()
        .submit_public_report(&NewPublicReport {
            code: &code,
            what: &d.what,
            links: &links,
            person: person.as_deref(),
            contact: contact.as_deref(),
            screenshot,
        })
        .await
        .map_err(|e| Fail::from(e).in_lang(lang))?;
    st.checkpoint().await?;
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let body = html! {
        h1 { (t("Laporan Anda sudah kami terima", "We have received your report")) }
        p.ok role="status" { (t("Terima kasih. Laporan tersimpan.", "Thank you. The report is stored.")) }
        div.panel {
            p { (t("Kode pelacakan Anda:", "Your tracking code:")) }
            p.code { code.tracking { (code) } }
            p.notice { strong { (t("Catat atau simpan kode ini sekarang.", "Write down or save this code now.")) } " "
                (t("Kode ini hanya ditampilkan sekali dan tidak dapat kami pulihkan: kami hanya menyimpan sidik (hash) kode, bukan kodenya.",
                   "It is shown only this once and we cannot recover it: we keep only a fingerprint (hash) of the code, not the code.")) }
            p { (t("Dengan kode ini Anda dapat melihat status laporan di ", "With it you can see the report's status at ")) a href="/lapor/status" { "/lapor/status" } "." }
        }
        p { a href="/lapor" { (t("Kirim laporan lain", "Send another report")) } }
    };
    Ok(public_response(
        StatusCode::OK,
        t("Laporan diterima", "Report received"),
        lang,
        "/lapor",
        &body,
    ))
}

fn status_form(token: &str, lang: Lang) -> Markup {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    html! {
        form.public method="post" action="/lapor/status" {
            input type="hidden" name="csrf" value=(token);
            label { strong { (t("Kode pelacakan", "Tracking code")) }
                input type="text" name="code" required maxlength="64" autocomplete="off" spellcheck="false" placeholder="XXXXX-XXXXX-XXXXX-XXXXX";
            }
            button type="submit" { (t("Lihat status", "See the status")) }
        }
    }
}

fn status_page(token: &str, lang: Lang, result: Option<&Markup>) -> Markup {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    html! {
        h1 { (t("Status laporan", "Report status")) }
        @if let Some(r) = result { (r) }
        p { (t("Masukkan kode pelacakan yang Anda terima saat melapor.", "Enter the tracking code you got when you reported.")) }
        (status_form(token, lang))
        p.muted { (t("Halaman ini hanya menunjukkan tanggal laporan diterima, statusnya, dan pesan dari petugas untuk Anda.",
                     "This page shows only the date the report was received, its state, and the staff's message for you.")) }
        p { a href="/lapor" { (t("← Kirim laporan", "← Send a report")) } }
    }
}

/// `GET /lapor/status`: the form for the code.
pub async fn status_form_page(headers: HeaderMap) -> Response {
    let lang = lang_of(&headers);
    let (token, new) = form_token(&headers);
    let page = public_response(
        StatusCode::OK,
        lang.pick("Status laporan", "Report status"),
        lang,
        "/lapor/status",
        &status_page(&token, lang, None),
    );
    with_token(page, &token, new, &headers)
}

/// `POST /lapor/status`: what the code shows; any code that names no
/// report gets one and the same answer.
pub async fn status(
    State(st): State<AppState>,
    ClientAddr(addr): ClientAddr,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, Fail> {
    let lang = lang_of(&headers);
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let form = form_pairs(&body);
    if !token_ok(&headers, get(&form, "csrf")) {
        let (token, new) = form_token(&headers);
        let msg = html! { p.error role="alert" { (Fail::csrf().message(lang)) } };
        let page = public_response(
            StatusCode::FORBIDDEN,
            t("Status laporan", "Report status"),
            lang,
            "/lapor/status",
            &status_page(&token, lang, Some(&msg)),
        );
        return Ok(with_token(page, &token, new, &headers));
    }
    count_public_request(&st, addr, "status", lang).await?;
    let code: String = get(&form, "code").unwrap_or("").chars().take(64).collect();
    let found = if code.trim().is_empty() {
        None
    } else {
        st.store().public_report_status(&code).await?
    };
    let (status, result) = match found {
        Some(s) => {
            st.checkpoint().await?;
            let zones = Zones::default();
            (
                StatusCode::OK,
                html! {
                    div.panel.status role="status" {
                        dl.facts {
                            dt { (t("Diterima", "Received")) } dd { (zones.local_date("", &s.received_at, lang)) }
                            dt { (t("Status", "State")) } dd { (state_badge(s.state, lang)) }
                            @if let Some(m) = &s.public_message {
                                dt { (t("Pesan petugas", "Message from staff")) } dd { blockquote { (m) } }
                            }
                        }
                    }
                },
            )
        }
        None => (
            StatusCode::NOT_FOUND,
            html! {
                p.error role="alert" { (t("Kode ini tidak dikenal. Periksa lagi kode Anda (huruf besar atau kecil dan tanda hubung tidak berpengaruh).",
                                          "This code is not known. Check your code again (case and dashes do not matter).")) }
            },
        ),
    };
    let (token, new) = form_token(&headers);
    let page = public_response(
        status,
        t("Status laporan", "Report status"),
        lang,
        "/lapor/status",
        &status_page(&token, lang, Some(&result)),
    );
    Ok(with_token(page, &token, new, &headers))
}

// --- staff --------------------------------------------------------------------

fn excerpt(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

fn state_filter(q: Option<&str>) -> Option<ReportState> {
    get(&query_pairs(q), "state").and_then(ReportState::parse)
}

/// `GET /reports?state=…`: the public reports, newest first (logged as
/// `public_reports.list`).
pub async fn list(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    RawQuery(q): RawQuery,
) -> Result<Html<String>, Fail> {
    let lang = v.lang;
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let state = state_filter(q.as_deref());
    let reports = st
        .store()
        .list_public_reports(state, v.name())
        .await
        .map_err(|e| Fail::from(e).in_lang(lang))?;
    st.checkpoint().await?;
    let zones = Zones::default();
    let body = html! {
        h1 { (t("Laporan masyarakat", "Public reports")) }
        p.states {
            a href="/reports" class=[state.is_none().then_some("here")] { (t("semua", "all")) }
            @for s in ReportState::ALL {
                a href=(format!("/reports?state={}", s.as_str())) class=[(state == Some(s)).then_some("here")] { (state_badge(s, lang)) }
            }
        }
        p.muted { (lang.counted(reports.len() as u64, "laporan", "report", "reports")) " · "
            (t("Formulir publik:", "Public form:")) " " a href="/lapor" { "/lapor" } }
        @if reports.is_empty() {
            p.notice { (t("Tidak ada laporan.", "No reports.")) }
        } @else {
            table {
                thead { tr {
                    th.num { "ID" } th { (t("Diterima", "Received")) } th { (t("Status", "State")) }
                    th { (t("Isi", "Text")) } th { (t("Tangkapan layar", "Screenshot")) } th { (t("Kasus", "Case")) }
                } }
                tbody { @for r in &reports { tr {
                    td.num { a href=(format!("/reports/{}", r.id)) { (r.id) } }
                    td { (zones.local("", &r.received_at, lang)) }
                    td { (state_badge(r.state, lang)) }
                    td { a href=(format!("/reports/{}", r.id)) { (excerpt(&r.what, 120)) } }
                    td { @if r.screenshot_sha256.is_some() { (t("ada", "yes")) } @else { "—" } }
                    td { @if let Some(c) = r.case_id { a href=(format!("/cases/{c}")) { (c) } } @else { "—" } }
                } } }
            }
        }
    };
    let chrome = Chrome {
        viewer: &v,
        title: t("Laporan masyarakat", "Public reports").to_string(),
        nav: Nav::Reports,
        here: match &q {
            Some(q) if !q.is_empty() => format!("/reports?{q}"),
            _ => "/reports".into(),
        },
        q: "",
    };
    Ok(layout(&chrome, &body))
}

fn report_id(raw: &str, lang: Lang) -> Result<i64, Fail> {
    case_id(raw).map_err(|f| f.in_lang(lang))
}

#[allow(clippy::too_many_lines, reason = "one page: facts, then the actions")]
fn detail_body(v: &Viewer, r: &PublicReport, done: Option<&str>, error: Option<&str>) -> Markup {
    let lang = v.lang;
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let zones = Zones::default();
    let open = r.state != ReportState::Closed;
    html! {
        p { a href="/reports" { "← " (t("Laporan masyarakat", "Public reports")) } }
        (flash(done, lang))
        @if let Some(e) = error { p.error role="alert" { (e) } }
        h1 { (t("Laporan masyarakat", "Public report")) " " (r.id) " " (state_badge(r.state, lang)) }
        div.panel {
            dl.facts {
                dt { (t("Diterima", "Received")) } dd { (zones.local("", &r.received_at, lang)) }
                dt { (t("Apa yang terjadi", "What happened")) } dd { blockquote { (r.what) } }
                dt { (t("Tautan", "Links")) }
                dd { @if r.links.is_empty() { "—" } @else { ul.links { @for l in &r.links { li {
                    @if is_web_url(l) { a href=(l) rel="noreferrer noopener" target="_blank" { (l) } } @else { code { (l) } }
                } } } } }
                dt { (t("Dilaporkan", "Person reported")) } dd { (r.person.as_deref().unwrap_or("—")) }
                dt { (t("Kontak pelapor", "Reporter's contact")) }
                dd { @if !can_act(v.role()) {
                    span.muted { (t("hanya analis dan peninjau yang melihatnya", "only analysts and reviewers see it")) }
                } @else { @match &r.contact {
                    Some(c) => { (c) " " span.muted { (t("(dihapus saat laporan ditutup; jangan diteruskan ke pihak terlapor)", "(deleted when the report is closed; never pass it to the person reported)")) } },
                    None => { span.muted { @if open { (t("tidak diberikan", "not given")) } @else { (t("tidak ada (dihapus saat ditutup, atau tidak diberikan)", "none (deleted on closing, or not given)")) } } },
                } } }
                dt { (t("Kasus", "Case")) } dd { @if let Some(c) = r.case_id { a href=(format!("/cases/{c}")) { (t("Kasus", "Case")) " " (c) } } @else { "—" } }
                @if let Some(m) = &r.public_message { dt { (t("Pesan untuk pelapor", "Message for the reporter")) } dd { blockquote { (m) } } }
                @if let Some(by) = &r.updated_by { dt { (t("Terakhir diubah", "Last changed")) } dd { (by) " · " (zones.local("", &r.updated_at, lang)) } }
            }
        }
        @if let Some(sha) = &r.screenshot_sha256 {
            div.panel {
                h2 { (t("Tangkapan layar", "Screenshot")) }
                p { img.shot src=(format!("/reports/{}/screenshot", r.id)) alt=(t("Tangkapan layar dari pelapor", "Screenshot from the reporter")); }
                p.muted { "SHA-256 " code.hash { (sha) } }
            }
        }
        @if can_act(v.role()) && open {
            div.panel.report-actions #tindakan {
                h2 { (t("Tindakan", "Actions")) }
                @if r.state == ReportState::Received {
                    form method="post" action=(format!("/reports/{}/action", r.id)) {
                        input type="hidden" name="csrf" value=(v.csrf);
                        input type="hidden" name="action" value="review";
                        button type="submit" { (t("Tandai sedang ditelaah", "Mark under review")) }
                    }
                }
                @if r.state != ReportState::Forwarded {
                    form method="post" action=(format!("/reports/{}/action", r.id)) {
                        input type="hidden" name="csrf" value=(v.csrf);
                        input type="hidden" name="action" value="link";
                        label { (t("Teruskan ke kasus nomor", "Forward to case number")) " "
                            input type="text" name="case" inputmode="numeric" required size="8"; }
                        button type="submit" { (t("Hubungkan ke kasus", "Link to the case")) }
                        span.muted { (t("Tangkapan layar (bila ada) menjadi bukti kasus itu.", "The screenshot (if any) becomes evidence of that case.")) }
                    }
                }
                form method="post" action=(format!("/reports/{}/action", r.id)) {
                    input type="hidden" name="csrf" value=(v.csrf);
                    input type="hidden" name="action" value="close";
                    label { (t("Pesan untuk pelapor (terlihat di halaman status; jangan tulis nama, NIP atau isi kasus)",
                               "Message for the reporter (shown on the status page; write no names, NIPs or case details)"))
                        textarea name="message" maxlength=(MAX_PUBLIC_MESSAGE_CHARS) rows="3" {} }
                    button.secondary type="submit" { (t("Tutup laporan", "Close the report")) }
                    span.muted { (t("Menutup laporan menghapus kontak pelapor.", "Closing the report deletes the reporter's contact.")) }
                }
            }
        }
    }
}

async fn detail_page(
    st: &AppState,
    v: &Viewer,
    id: i64,
    done: Option<&str>,
    error: Option<&str>,
    status: StatusCode,
) -> Result<Response, Fail> {
    let r = st
        .store()
        .view_public_report(id, v.name())
        .await
        .map_err(|e| Fail::from(e).in_lang(v.lang))?;
    st.checkpoint().await?;
    let chrome = Chrome {
        viewer: v,
        title: format!("{} {id}", v.lang.pick("Laporan", "Report")),
        nav: Nav::Reports,
        here: format!("/reports/{id}"),
        q: "",
    };
    Ok((status, layout(&chrome, &detail_body(v, &r, done, error))).into_response())
}

/// `GET /reports/{id}`: one report (logged as `public_report.view`).
pub async fn detail(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Response, Fail> {
    let id = report_id(&id, v.lang)?;
    let pairs = query_pairs(q.as_deref());
    detail_page(&st, &v, id, get(&pairs, "done"), None, StatusCode::OK).await
}

/// `GET /reports/{id}/screenshot`: the screenshot's bytes, re-hashed
/// (logged as `public_report.screenshot`).
pub async fn screenshot(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    Path(id): Path<String>,
) -> Result<Response, Fail> {
    let id = report_id(&id, v.lang)?;
    let (bytes, media) = st
        .store()
        .public_report_screenshot(id, v.name())
        .await
        .map_err(|e| Fail::from(e).in_lang(v.lang))?;
    st.checkpoint().await?;
    // Only the three image types are ever stored; anything else is sent as bytes.
    let media = match media.as_str() {
        "image/png" | "image/jpeg" | "image/webp" => media,
        _ => "application/octet-stream".into(),
    };
    let mut r = (StatusCode::OK, bytes).into_response();
    let h = r.headers_mut();
    h.insert(
        CONTENT_TYPE,
        HeaderValue::from_str(&media)
            .unwrap_or(HeaderValue::from_static("application/octet-stream")),
    );
    if let Ok(v) = HeaderValue::from_str(&format!("inline; filename=\"laporan-{id}\"")) {
        h.insert(axum::http::header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

/// A staff move, worded for the user when refused.
pub async fn do_action(
    st: &AppState,
    v: &Viewer,
    id: i64,
    action: &ReportAction,
) -> Result<PublicReport, Fail> {
    let lang = v.lang;
    if !can_act(v.role()) {
        return Err(Fail::forbidden(
            "Peran Anda hanya membaca; analis dan peninjau yang menindaklanjuti laporan.",
            "Your role only reads; analysts and reviewers act on reports.",
        )
        .in_lang(lang));
    }
    let r = st
        .store()
        .act_on_public_report(id, action, v.name())
        .await
        .map_err(|e| match e {
            StoreError::ReportNotAllowed { from, to, .. } => {
                let name = |s: &str| ReportState::parse(s).map_or("?", |s| state_name(s, lang));
                Fail::new(
                    StatusCode::CONFLICT,
                    "not_allowed",
                    format!(
                        "Laporan ini berstatus {}: tidak dapat menjadi {}.",
                        name(from),
                        name(to)
                    ),
                    format!(
                        "This report is {}: it cannot become {}.",
                        name(from),
                        name(to)
                    ),
                )
                .in_lang(lang)
            }
            StoreError::NotFound(what) if what.starts_with("case ") => Fail::bad_request(
                format!(
                    "Tidak ada kasus nomor {}.",
                    what.trim_start_matches("case ")
                ),
                format!("There is no case {}.", what.trim_start_matches("case ")),
            )
            .in_lang(lang),
            StoreError::Invalid(_) => Fail::bad_request(
                format!("Pesan paling panjang {MAX_PUBLIC_MESSAGE_CHARS} karakter."),
                format!("A message holds at most {MAX_PUBLIC_MESSAGE_CHARS} characters."),
            )
            .in_lang(lang),
            other => Fail::from(other).in_lang(lang),
        })?;
    st.checkpoint().await?;
    Ok(r)
}

/// The action a form or JSON body names.
fn parse_action(
    action: Option<&str>,
    case: Option<&str>,
    message: Option<&str>,
    lang: Lang,
) -> Result<ReportAction, Fail> {
    match action {
        Some("review") => Ok(ReportAction::Review),
        Some("link") => case
            .and_then(|c| c.trim().trim_start_matches('#').parse::<i64>().ok())
            .filter(|c| *c > 0)
            .map(|case_id| ReportAction::Link { case_id })
            .ok_or_else(|| {
                Fail::bad_request(
                    "Tulis nomor kasus (angka).",
                    "Give the case number (digits).",
                )
                .in_lang(lang)
            }),
        Some("close") => Ok(ReportAction::Close {
            message: message.unwrap_or("").to_string(),
        }),
        _ => Err(Fail::bad_request(
            "Tindakan tidak dikenal: review, link atau close.",
            "Unknown action: review, link or close.",
        )
        .in_lang(lang)),
    }
}

/// `POST /reports/{id}/action`: review, link or close, from the page.
pub async fn action(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, Fail> {
    let id = report_id(&id, v.lang)?;
    let form = form_pairs(&body);
    v.check_csrf(get(&form, "csrf"))?;
    let done = match get(&form, "action") {
        Some("review") => "reviewed",
        Some("link") => "linked",
        _ => "closed",
    };
    let result = match parse_action(
        get(&form, "action"),
        get(&form, "case"),
        get(&form, "message"),
        v.lang,
    ) {
        Ok(a) => do_action(&st, &v, id, &a).await.map(|_| ()),
        Err(f) => Err(f),
    };
    match result {
        Ok(()) => Ok(redirect(&format!("/reports/{id}?done={done}"))),
        Err(f) if matches!(f.code, "bad_request" | "not_allowed") => {
            let msg = f.message(v.lang).to_string();
            detail_page(&st, &v, id, None, Some(&msg), f.status).await
        }
        Err(f) => Err(f),
    }
}

// --- API ----------------------------------------------------------------------

/// A report as the API shows it to staff: the reporter's contact only to
/// the roles that act on reports (analysts and reviewers), who may need to
/// ask the reporter; admins and auditors get `null` (data minimisation).
pub fn report_json(r: &PublicReport, role: Role) -> Value {
    let contact = if can_act(role) {
        r.contact.as_deref()
    } else {
        None
    };
    json!({
        "id": r.id,
        "received_at": r.received_at,
        "state": r.state.as_str(),
        "what": r.what,
        "links": r.links,
        "person": r.person,
        "contact": contact,
        "screenshot_sha256": r.screenshot_sha256,
        "screenshot_url": r.screenshot_sha256.as_ref().map(|_| format!("/reports/{}/screenshot", r.id)),
        "case_id": r.case_id,
        "public_message": r.public_message,
        "updated_at": r.updated_at,
        "updated_by": r.updated_by,
    })
}

/// `GET /api/reports?state=…`.
pub async fn api_list(
    State(st): State<AppState>,
    ApiViewer(v): ApiViewer,
    RawQuery(q): RawQuery,
) -> Result<Json<Value>, Fail> {
    let reports = st
        .store()
        .list_public_reports(state_filter(q.as_deref()), v.name())
        .await
        .map_err(|e| Fail::from(e).into_json())?;
    st.checkpoint().await.map_err(Fail::into_json)?;
    Ok(Json(json!({
        "total": reports.len(),
        "reports": reports.iter().map(|r| report_json(r, v.role())).collect::<Vec<_>>(),
    })))
}

/// `GET /api/reports/{id}`.
pub async fn api_detail(
    State(st): State<AppState>,
    ApiViewer(v): ApiViewer,
    Path(id): Path<String>,
) -> Result<Json<Value>, Fail> {
    let id = report_id(&id, v.lang).map_err(Fail::into_json)?;
    let r = st
        .store()
        .view_public_report(id, v.name())
        .await
        .map_err(|e| Fail::from(e).in_lang(v.lang).into_json())?;
    st.checkpoint().await.map_err(Fail::into_json)?;
    Ok(Json(report_json(&r, v.role())))
}

#[derive(serde::Deserialize)]
struct ActionBody {
    action: String,
    case_id: Option<i64>,
    message: Option<String>,
}

/// `POST /api/reports/{id}/action`: `{action: review|link|close, case_id, message}`.
pub async fn api_action(
    State(st): State<AppState>,
    ApiViewer(v): ApiViewer,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Json<Value>, Fail> {
    let id = report_id(&id, v.lang).map_err(Fail::into_json)?;
    v.check_csrf(headers.get("x-csrf-token").and_then(|h| h.to_str().ok()))
        .map_err(Fail::into_json)?;
    let b: ActionBody = serde_json::from_slice(&body).map_err(|e| {
        Fail::bad_request(
            format!("Isi permintaan bukan JSON yang diharapkan: {e}"),
            format!("The request body is not the JSON expected: {e}"),
        )
        .in_lang(v.lang)
        .into_json()
    })?;
    let case = b.case_id.map(|c| c.to_string());
    let a = parse_action(
        Some(&b.action),
        case.as_deref(),
        b.message.as_deref(),
        v.lang,
    )
    .map_err(Fail::into_json)?;
    let r = do_action(&st, &v, id, &a).await.map_err(Fail::into_json)?;
    Ok(Json(report_json(&r, v.role())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_first_bytes() {
        assert_eq!(image_type(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(image_type(&[0xFF, 0xD8, 0xFF, 0xE0, 0]), Some("image/jpeg"));
        assert_eq!(image_type(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        for not in [
            &b"<svg xmlns='http://www.w3.org/2000/svg'/>"[..],
            b"%PDF-1.7",
            b"GIF89a",
            b"RIFF\0\0\0\0WAVE",
            b"",
            b"\x89PN",
        ] {
            assert_eq!(image_type(not), None, "{not:?}");
        }
    }

    #[test]
    fn tracking_codes_are_long_random_and_readable() {
        let a = new_tracking_code();
        let b = new_tracking_code();
        assert_ne!(a, b);
        assert_eq!(a.len(), 23, "{a}");
        let plain: String = a.chars().filter(|c| *c != '-').collect();
        assert_eq!(plain.len(), 20);
        assert!(plain.bytes().all(|c| CODE_ALPHABET.contains(&c)), "{a}");
        assert_eq!(
            netra_store::tracking_code_sha256(&a),
            netra_store::tracking_code_sha256(&format!(" {} ", a.to_lowercase().replace('-', " "))),
            "case, spaces and dashes do not matter"
        );
    }
}
