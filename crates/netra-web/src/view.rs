//! The HTML every page shares: layout (navigation, search, language,
//! logout), the stylesheet, bars for charts, the login and error pages.
//! Everything is escaped by maud; no script anywhere.

use std::fmt::Write as _;

use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use netra_app::Lang;
use netra_store::Role;

use crate::auth::{can_read_audit, role_name, Viewer};

/// Percent-encodes `s` for a URL query value or path (RFC 3986 unreserved kept).
pub fn url_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Which navigation item a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Dashboard,
    Cases,
    Audit,
    Users,
    Reports,
}

/// What the layout needs to know about the page.
pub struct Chrome<'a> {
    pub viewer: &'a Viewer,
    pub title: String,
    pub nav: Nav,
    /// This page's path and query, to come back to after switching language.
    pub here: String,
    /// The search box's current text.
    pub q: &'a str,
}

/// A whole page around `body`.
pub fn layout(c: &Chrome<'_>, body: &Markup) -> Html<String> {
    let lang = c.viewer.lang;
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let item = |nav: Nav, href: &str, label: &str| {
        html! { a href=(href) class=[(nav == c.nav).then_some("here")] { (label) } }
    };
    let (other, other_label) = match lang {
        Lang::Id => ("en", "English"),
        Lang::En => ("id", "Bahasa Indonesia"),
    };
    let page = html! {
        (DOCTYPE)
        html lang=(lang.pick("id", "en")) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (c.title) " · netra" }
                link rel="stylesheet" href="/static/netra.css";
            }
            body {
                header.top {
                    a.brand href="/" { "netra" small { (t("Netralitas ASN", "ASN neutrality")) } }
                    nav {
                        (item(Nav::Dashboard, "/", t("Ringkasan", "Overview")))
                        (item(Nav::Cases, "/cases", t("Kasus", "Cases")))
                        (item(Nav::Reports, "/reports", t("Laporan masyarakat", "Public reports")))
                        @if can_read_audit(c.viewer.role()) {
                            (item(Nav::Audit, "/audit", t("Log audit", "Audit log")))
                        }
                        @if c.viewer.role() == Role::Admin {
                            (item(Nav::Users, "/users", t("Pengguna", "Users")))
                        }
                    }
                    form.search method="get" action="/cases" role="search" {
                        input type="search" name="q" value=(c.q)
                            placeholder=(t("Cari NIP atau nama", "Search NIP or name"))
                            aria-label=(t("Cari NIP atau nama", "Search NIP or name"));
                        button type="submit" { (t("Cari", "Search")) }
                    }
                    div.who {
                        span { (c.viewer.name()) " (" (role_name(c.viewer.role(), lang)) ")" }
                        a href=(format!("/lang/{other}?back={}", url_encode(&c.here))) lang=(other) { (other_label) }
                        form method="post" action="/logout" {
                            input type="hidden" name="csrf" value=(c.viewer.csrf);
                            button.link type="submit" { (t("Keluar", "Log out")) }
                        }
                    }
                }
                main { (body) }
                footer {
                    (t("Sinyal bukan temuan: setiap kasus diputuskan oleh petugas. netra tidak mengirim apa pun secara otomatis.",
                       "A signal is not a finding: a person decides each case. netra sends nothing anywhere on its own."))
                    " · " a href="/api/openapi.json" { "API (OpenAPI)" }
                }
            }
        }
    };
    Html(page.into_string())
}

/// A page without the navigation (login, errors before login).
fn bare(title: &str, lang: Lang, body: &Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang=(lang.pick("id", "en")) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · netra" }
                    link rel="stylesheet" href="/static/netra.css";
                }
                body.bare { main { (body) } }
            }
        }
        .into_string(),
    )
}

/// A page of the public side (`/lapor`): no navigation, no login, the
/// language switch coming back to `back`.
pub fn public_page(title: &str, lang: Lang, back: &str, body: &Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang=(lang.pick("id", "en")) {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    title { (title) " · netra" }
                    link rel="stylesheet" href="/static/netra.css";
                }
                body.public {
                    header.top {
                        span.brand { "netra" small { (lang.pick("Laporan masyarakat: netralitas ASN", "Public reports: civil-servant neutrality")) } }
                        div.who {
                            a href=(format!("/lang/id?back={}", url_encode(back))) lang="id" { "Bahasa Indonesia" }
                            a href=(format!("/lang/en?back={}", url_encode(back))) lang="en" { "English" }
                        }
                    }
                    main { (body) }
                }
            }
        }
        .into_string(),
    )
}

/// The page an error shows.
pub fn error_page(status: StatusCode, message: &str, lang: Lang) -> Html<String> {
    let title = lang.pick("Ada masalah", "Something is wrong");
    bare(
        title,
        lang,
        &html! {
            div.box {
                h1 { (title) }
                p.error { (message) }
                p.muted { (lang.pick("Kode", "Code")) " " (status.as_u16()) }
                p { a href="/" { (lang.pick("Kembali ke ringkasan", "Back to the overview")) } }
            }
        },
    )
}

/// The login form; `nonce` is its double-submit token.
pub fn login_page(
    nonce: &str,
    next: &str,
    lang: Lang,
    error: Option<&str>,
    no_users: bool,
) -> Html<String> {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    bare(
        t("Masuk", "Log in"),
        lang,
        &html! {
            div.box.login {
                h1 { "netra" }
                p.muted { (t("Pemantauan netralitas ASN. Setiap kasus diputuskan oleh petugas.",
                             "ASN neutrality monitoring. A person decides every case.")) }
                @if let Some(e) = error { p.error role="alert" { (e) } }
                @if no_users {
                    p.notice {
                        (t("Belum ada pengguna. Buat admin pertama di server:",
                           "There are no users yet. Create the first admin on the server:"))
                        br; code { "netra user add NAMA --role admin" }
                    }
                }
                form method="post" action="/login" {
                    input type="hidden" name="csrf" value=(nonce);
                    input type="hidden" name="next" value=(next);
                    label { (t("Nama pengguna", "User name")) input type="text" name="name" autocomplete="username" required autofocus; }
                    label { (t("Kata sandi", "Password")) input type="password" name="password" autocomplete="current-password" required; }
                    button type="submit" { (t("Masuk", "Log in")) }
                }
                p.lang {
                    a href=(format!("/lang/id?back={}", url_encode(&format!("/login?next={}", url_encode(next))))) { "Bahasa Indonesia" }
                    " · "
                    a href=(format!("/lang/en?back={}", url_encode(&format!("/login?next={}", url_encode(next))))) { "English" }
                }
            }
        },
    )
}

/// One horizontal bar chart row: `value` of `max`, with its number.
pub fn bar(value: u64, max: u64, class: &str, lang: Lang) -> Markup {
    let pct = if max == 0 {
        0.0
    } else {
        (value as f64 / max as f64 * 100.0).clamp(0.0, 100.0)
    };
    html! {
        span.bar {
            span class=(format!("fill {class}")) style=(format!("width:{pct:.1}%")) {}
            span.n { (lang.count(value)) }
        }
    }
}

/// A severity as a coloured badge.
pub fn severity_badge(s: netra_core::Severity, lang: Lang) -> Markup {
    html! { span class=(format!("badge sev-{}", s.as_str())) { (lang.severity(s)) } }
}

/// A state as a badge.
pub fn state_badge(s: netra_core::CaseState, lang: Lang) -> Markup {
    html! { span class=(format!("badge st-{}", s.as_str())) { (lang.state(s)) } }
}

/// A notice above a page's content (after an action).
pub fn flash(done: Option<&str>, lang: Lang) -> Markup {
    let text = match done {
        Some("moved") => lang.pick(
            "Status kasus sudah diubah dan dicatat.",
            "The case was moved and the move recorded.",
        ),
        Some("noted") => lang.pick("Catatan tersimpan.", "Note saved."),
        Some("user") => lang.pick("Pengguna tersimpan.", "User saved."),
        Some("reviewed") => lang.pick(
            "Laporan ditandai sedang ditelaah.",
            "The report is marked under review.",
        ),
        Some("linked") => lang.pick(
            "Laporan diteruskan ke kasus dan dicatat.",
            "The report was linked to the case and the link recorded.",
        ),
        Some("closed") => lang.pick(
            "Laporan ditutup; kontak pelapor dihapus.",
            "The report is closed; the reporter's contact was deleted.",
        ),
        _ => return html! {},
    };
    html! { p.ok role="status" { (text) } }
}

/// `GET /static/netra.css`: the only stylesheet (about 4 kB, cached a day).
pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        PreEscaped(CSS).into_string(),
    )
        .into_response()
}

const CSS: &str = r"
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,Arial,sans-serif;color:#1d2733;background:#f4f6f8}
a{color:#0b5cad}
header.top{display:flex;flex-wrap:wrap;align-items:center;gap:.6rem 1.4rem;padding:.55rem 1.2rem;background:#123a5e;color:#fff}
header.top a{color:#fff;text-decoration:none}
.brand{font-weight:700;font-size:1.2rem}.brand small{font-weight:400;opacity:.8;margin-left:.5rem;font-size:.8rem}
nav{display:flex;gap:.2rem}
nav a{padding:.3rem .6rem;border-radius:4px}nav a.here,nav a:hover{background:rgba(255,255,255,.18)}
form.search{display:flex;gap:.3rem;flex:1;min-width:14rem;max-width:26rem}
form.search input{flex:1;padding:.3rem .5rem;border:0;border-radius:4px}
form.search button{padding:.3rem .7rem;border:0;border-radius:4px;background:#e8eef4;color:#123a5e;cursor:pointer}
.who{display:flex;gap:.9rem;align-items:center;font-size:.9rem;margin-left:auto}
.who form{margin:0}
button.link{background:none;border:0;color:#fff;text-decoration:underline;cursor:pointer;font:inherit;padding:0}
main{max-width:78rem;margin:0 auto;padding:1rem 1.2rem 2rem}
footer{max-width:78rem;margin:0 auto;padding:.8rem 1.2rem 2rem;color:#5b6875;font-size:.85rem}
h1{font-size:1.4rem;margin:.3rem 0 .8rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}h3{font-size:1rem;margin:.2rem 0}
.muted{color:#5b6875}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(10rem,1fr));gap:.7rem}
.card{background:#fff;border:1px solid #dde3e9;border-radius:6px;padding:.7rem .9rem}
.card .big{font-size:1.6rem;font-weight:700;display:block}
.card.warn{border-color:#e0a800;background:#fff8e1}.card.bad{border-color:#c62828;background:#fdecea}
.panel{background:#fff;border:1px solid #dde3e9;border-radius:6px;padding:.8rem 1rem;margin:.8rem 0}
.panel>h2:first-child{margin-top:0}
a.card,.states a{text-decoration:none;color:inherit}a.card:hover{border-color:#0b5cad}
.states a{margin-right:.8rem;white-space:nowrap}
.jump{font-size:.9rem;margin-left:.8rem}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:.8rem}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{text-align:left;padding:.35rem .5rem;border-bottom:1px solid #e4e8ec;vertical-align:top}
th{background:#eef2f6;font-weight:600;font-size:.9rem}
td.num,th.num{text-align:right;white-space:nowrap}
tr:hover td{background:#f7fafc}
.bar{display:flex;align-items:center;gap:.4rem;min-width:8rem}
.bar .fill{display:inline-block;height:.8rem;border-radius:2px;min-width:1px}
.bar .n{font-size:.85rem;white-space:nowrap}
.fill.support{background:#1f6fb5}.fill.oppose{background:#d9822b}.fill.total{background:#56738f}
.legend span{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin:0 .3rem 0 .8rem;vertical-align:middle}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:9px;font-size:.8rem;background:#e4e8ec;white-space:nowrap}
.sev-high{background:#fdecea;color:#a31515}.sev-medium{background:#fff3cd;color:#7a5b00}.sev-low{background:#e8f3e8;color:#275b27}
.st-new{background:#e3f0fb}.st-in_review{background:#fff3cd}.st-clarification_requested{background:#f3e5f5}
.st-confirmed{background:#fdecea}.st-dismissed{background:#eceff1;color:#546e7a}.st-reported{background:#e8eaf6}.st-sanction_recorded{background:#e0f2f1}
.late{color:#a31515;font-weight:600}.soon{color:#7a5b00;font-weight:600}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem .8rem;align-items:flex-end;background:#fff;border:1px solid #dde3e9;border-radius:6px;padding:.6rem .8rem}
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:#5b6875}
select,input[type=text],input[type=search],input[type=password],textarea{font:inherit;padding:.3rem .4rem;border:1px solid #b8c2cc;border-radius:4px;background:#fff}
button{font:inherit;padding:.35rem .9rem;border:1px solid #123a5e;border-radius:4px;background:#123a5e;color:#fff;cursor:pointer}
button.secondary{background:#fff;color:#123a5e}
.pager{display:flex;gap:.8rem;align-items:center;margin:.6rem 0}
.downloads a{margin-right:.8rem}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem 1rem;margin:0}
dl.facts dt{color:#5b6875}dl.facts dd{margin:0}
.signal{border-top:1px solid #e4e8ec;padding:.6rem 0}
.signal:first-of-type{border-top:0}
blockquote{margin:.4rem 0;padding:.4rem .7rem;background:#f4f6f8;border-left:3px solid #1f6fb5;white-space:pre-wrap;overflow-wrap:anywhere}
code.hash{font-size:.8rem;overflow-wrap:anywhere}
.damaged{color:#a31515;font-weight:700}
.intact{color:#275b27}
ul.reasons{margin:.2rem 0 .2rem 1.1rem;padding:0}
.ok{background:#e8f3e8;border:1px solid #9ccc9c;padding:.5rem .8rem;border-radius:4px}
.error{background:#fdecea;border:1px solid #e57373;padding:.5rem .8rem;border-radius:4px}
.notice{background:#fff8e1;border:1px solid #e0c25c;padding:.5rem .8rem;border-radius:4px}
form.action{display:flex;flex-direction:column;gap:.5rem;max-width:44rem}
form.action .choices{display:flex;flex-wrap:wrap;gap:.3rem 1.2rem}
textarea{width:100%;min-height:4.5rem}
body.bare main{max-width:26rem;padding-top:8vh}
.box{background:#fff;border:1px solid #dde3e9;border-radius:6px;padding:1.2rem 1.4rem}
.login form{display:flex;flex-direction:column;gap:.7rem}
.login label{display:flex;flex-direction:column;gap:.2rem;font-size:.9rem}
.lang{font-size:.85rem;margin-top:1rem}
body.public main{max-width:46rem}
form.public{display:flex;flex-direction:column;gap:.9rem;background:#fff;border:1px solid #dde3e9;border-radius:6px;padding:1rem 1.2rem}
form.public label{display:flex;flex-direction:column;gap:.25rem}
form.public button{align-self:flex-start}
.privacy ul{margin:.2rem 0 .4rem 1.1rem;padding:0}.privacy li{margin:.25rem 0}
code.tracking{font-size:1.6rem;font-weight:700;letter-spacing:.08em;background:#eef2f6;padding:.3rem .6rem;border-radius:4px;overflow-wrap:anywhere}
.report-actions form{display:flex;flex-wrap:wrap;gap:.5rem .8rem;align-items:center;padding:.6rem 0;border-top:1px solid #e4e8ec}
.report-actions form:first-of-type{border-top:0}
.report-actions label{display:flex;flex-wrap:wrap;gap:.3rem;align-items:center;flex:1 1 100%}
.report-actions textarea{flex:1 1 100%}
img.shot{max-width:100%;max-height:40rem;border:1px solid #dde3e9}
ul.links{margin:0;padding-left:1.1rem;overflow-wrap:anywhere}
.states a.here{font-weight:700}
.rs-received{background:#e3f0fb}.rs-in_review{background:#fff3cd}.rs-forwarded{background:#e8eaf6}.rs-closed{background:#eceff1;color:#546e7a}
@media print{header.top,footer,form,.downloads,.pager{display:none}body{background:#fff}}
";

#[cfg(test)]
mod tests {
    use super::url_encode;

    #[test]
    fn urls_are_encoded() {
        assert_eq!(
            url_encode("/cases?q=budi santoso&x=1"),
            "/cases%3Fq%3Dbudi%20santoso%26x%3D1"
        );
        assert_eq!(url_encode("Dinas Kesehatan"), "Dinas%20Kesehatan");
        assert_eq!(url_encode("é"), "%C3%A9");
    }
}
