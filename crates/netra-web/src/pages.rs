//! The HTML pages: overview (charts), case list, case page with review
//! actions and notes, audit log, users. Each page that shows cases logs
//! the view with the user.

use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::Utc;
use maud::{html, Markup};
use netra_app::cases::{
    activity_text, deadline_text, event_reason, pair_title, violation_of, Zones,
};
use netra_app::Lang;
use netra_core::CaseState;
use netra_store::{CaseDetail, CaseNote, CaseRow, Role, StoredElection};

use crate::auth::{
    can_move, can_note, can_read_audit, form_pairs, get, lang_of, query_pairs, redirect,
    role_may_move, role_name, PageViewer, Viewer,
};
use crate::error::Fail;
use crate::filter::{CaseQuery, StateFilter, PAGE_SIZE};
use crate::stats::{self, urgency};
use crate::view::{bar, flash, layout, severity_badge, state_badge, url_encode, Chrome, Nav};
use crate::AppState;

fn here(path: &str, q: Option<&str>) -> String {
    match q {
        Some(q) if !q.is_empty() => format!("{path}?{q}"),
        _ => path.to_string(),
    }
}

/// A case id from the path; anything else is "not found".
pub fn case_id(raw: &str) -> Result<i64, Fail> {
    raw.parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(Fail::not_found)
}

/// Whether `url` is an `http://` or `https://` address (safe as a link).
pub fn is_web_url(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Unknown paths.
pub async fn not_found(headers: HeaderMap) -> Fail {
    Fail::not_found().in_lang(lang_of(&headers))
}

/// The deadline cell: date and time left, red when passed, amber when close.
fn deadline_cell(zones: &Zones, c: &CaseRow, lang: Lang, with_time: bool) -> Markup {
    let text = deadline_text(zones, c, Utc::now(), lang, with_time);
    match urgency(c, Utc::now()) {
        Some(true) => html! { span.late { (text) } },
        Some(false) => html! { span.soon { (text) } },
        None => html! { (text) },
    }
}

fn pair_cell(c: &CaseRow, lang: Lang) -> Markup {
    html! { (pair_title(c.target, &c.pair_names)) " " span.muted { "(" (lang.label(c.label)) ")" } }
}

/// The case table shared by the overview and the list.
fn case_table(rows: &[CaseRow], zones: &Zones, lang: Lang) -> Markup {
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    html! {
        table {
            thead { tr {
                th.num { "ID" } th { "NIP" } th { (t("Nama", "Name")) } th { "Unit" }
                th { (t("Paslon", "Pair")) } th { (t("Kelas", "Class")) } th { (t("Bobot", "Severity")) }
                th { (t("Status", "State")) } th.num { (t("Sinyal", "Signals")) } th { (t("Tenggat", "Deadline")) }
            } }
            tbody {
                @for c in rows {
                    tr {
                        td.num { a href=(format!("/cases/{}", c.id)) { (c.id) } }
                        td { a href=(format!("/cases/{}", c.id)) { (c.nip) } }
                        td { a href=(format!("/cases/{}", c.id)) { (c.name) } }
                        td { (c.unit) }
                        td { (pair_cell(c, lang)) }
                        td { (lang.class(c.class)) }
                        td { (severity_badge(c.severity, lang)) }
                        td { (state_badge(c.state, lang)) }
                        td.num { (lang.count(c.signal_count)) }
                        td { (deadline_cell(zones, c, lang, false)) }
                    }
                }
            }
        }
    }
}

fn election_name(elections: &[StoredElection], id: &str) -> String {
    elections
        .iter()
        .find(|e| e.id == id)
        .map_or_else(|| id.to_string(), |e| e.name.clone())
}

/// A table of counts per key (unit, platform) with a bar per pair, every
/// pair side by side, and the row's total; the first `limit` rows are
/// shown, and the bars share one scale over all of them.
fn tally_table(
    pairs: &[(u32, Vec<String>)],
    rows: &[crate::stats::TallyRow],
    limit: usize,
    key_head: &str,
    lang: Lang,
    key_cell: impl Fn(&str) -> Markup,
) -> Markup {
    let max = rows
        .iter()
        .flat_map(|r| r.per_pair.values())
        .copied()
        .max()
        .unwrap_or(0);
    html! {
        table {
            thead { tr {
                th { (key_head) }
                @for (n, names) in pairs { th title=(names.join(" – ")) { (format!("{n:02}")) } }
                th.num { (lang.pick("Jumlah", "Total")) }
            } }
            tbody {
                @for r in rows.iter().take(limit) {
                    tr {
                        td { (key_cell(&r.key)) }
                        @for (n, _) in pairs { td { (bar(r.per_pair.get(n).copied().unwrap_or(0), max, "total", lang)) } }
                        td.num { (lang.count(r.total)) }
                    }
                }
            }
        }
    }
}

#[allow(clippy::too_many_lines, reason = "one page, panel after panel")]
/// `GET /`: the overview of one election: counts, urgent cases, cases and
/// signals per pair side by side, cases per unit and signals per platform
/// by pair.
pub async fn dashboard(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    RawQuery(q): RawQuery,
) -> Result<Html<String>, Fail> {
    let lang = v.lang;
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let pairs = query_pairs(q.as_deref());
    let elections = st.store().elections().await?;
    let chrome = Chrome {
        viewer: &v,
        title: t("Ringkasan", "Overview").to_string(),
        nav: Nav::Dashboard,
        here: here("/", q.as_deref()),
        q: "",
    };
    let Some(election) = stats::pick_election(&elections, get(&pairs, "election")) else {
        let body = html! {
            h1 { (t("Ringkasan", "Overview")) }
            p.notice { (t("Belum ada data. Jalankan `netra scan` (atau `netra import`) di server, lalu muat ulang halaman ini.",
                          "No data yet. Run `netra scan` (or `netra import`) on the server, then reload this page.")) }
        };
        return Ok(layout(&chrome, &body));
    };
    let now = Utc::now();
    let s = stats::compute(st.store(), &election, now).await?;
    let zones = Zones::new(&elections);
    let all = st
        .store()
        .cases(&netra_store::CaseFilter {
            election_id: Some(election.id.clone()),
            ..netra_store::CaseFilter::default()
        })
        .await?;
    let urgent: Vec<CaseRow> = all
        .into_iter()
        .filter(|c| c.state.is_open())
        .take(10)
        .collect();
    let eq = format!("election={}", url_encode(&election.id));
    let max_pair = s
        .cases_per_pair
        .values()
        .map(|(a, b)| a.max(b))
        .copied()
        .max()
        .unwrap_or(0);
    let max_sig = s
        .signals_per_pair
        .values()
        .map(|(a, b)| a.max(b))
        .copied()
        .max()
        .unwrap_or(0);
    let body = html! {
        h1 { (election.name) }
        @if elections.len() > 1 {
            p { (t("Pemilihan lain:", "Other elections:")) " "
                @for e in &elections { @if e.id != election.id { a href=(format!("/?election={}", url_encode(&e.id))) { (e.name) } " " } }
            }
        }
        p.downloads {
            (t("Ringkasan mingguan (7 hari terakhir):", "Weekly summary (last 7 days):")) " "
            a href=(format!("/export/summary.pdf?{eq}")) { "PDF" }
            a href=(format!("/export/summary.xlsx?{eq}")) { "Excel (XLSX)" }
            a href=(format!("/export/summary.csv?{eq}")) { "CSV" }
        }
        div.cards {
            a.card href=(format!("/cases?{eq}")) { span.big { (lang.count(s.cases)) } (t("kasus", "cases")) }
            a.card href=(format!("/cases?{eq}&state=open")) { span.big { (lang.count(s.open)) } (t("kasus terbuka", "open cases")) }
            div.card.warn[s.due_soon > 0] { span.big { (lang.count(s.due_soon)) } (t("tenggat ≤ 2 hari", "deadline ≤ 2 days")) }
            div.card.bad[s.overdue > 0] { span.big { (lang.count(s.overdue)) } (t("lewat tenggat", "past deadline")) }
        }
        div.grid2 {
            div.panel {
                h2 { (t("Kasus per paslon", "Cases per pair")) }
                p.legend.muted { span style="background:#1f6fb5" {} (t("dukung", "support")) span style="background:#d9822b" {} (t("menyerang", "oppose")) }
                table {
                    @for (n, names) in &s.pairs {
                        @let (sup, opp) = s.cases_per_pair.get(n).copied().unwrap_or_default();
                        tr {
                            td { a href=(format!("/cases?{eq}&pair={n}")) { (pair_title(*n, names)) } }
                            td { (bar(sup, max_pair, "support", lang)) (bar(opp, max_pair, "oppose", lang)) }
                        }
                    }
                }
            }
            div.panel {
                h2 { (t("Sinyal per paslon", "Signals per pair")) }
                p.legend.muted { span style="background:#1f6fb5" {} (t("dukung", "support")) span style="background:#d9822b" {} (t("menyerang", "oppose")) }
                table {
                    @for (n, names) in &s.pairs {
                        @let (sup, opp) = s.signals_per_pair.get(n).copied().unwrap_or_default();
                        tr {
                            td { (pair_title(*n, names)) }
                            td { (bar(sup, max_sig, "support", lang)) (bar(opp, max_sig, "oppose", lang)) }
                        }
                    }
                }
            }
        }
        div.panel {
            h2 { (t("Kasus per status", "Cases per state")) }
            p.states { @for (state, n) in &s.by_state {
                a href=(format!("/cases?{eq}&state={}", state.as_str())) { (state_badge(*state, lang)) " " strong { (lang.count(*n)) } }
            } }
        }
        div.panel {
            h2 { (t("Kasus terbuka, tenggat terdekat dulu", "Open cases, soonest deadline first")) }
            @if urgent.is_empty() { p.muted { (t("Tidak ada kasus terbuka.", "No open cases.")) } }
            @else { (case_table(&urgent, &zones, lang)) }
        }
        div.panel {
            h2 { (t("Kasus per unit kerja dan paslon", "Cases per unit and pair")) }
            @if s.units.is_empty() { p.muted { (t("Belum ada kasus.", "No cases yet.")) } }
            @else {
                (tally_table(&s.pairs, &s.units, 20, "Unit", lang, |unit| html! {
                    a href=(format!("/cases?{eq}&unit={}", url_encode(unit))) { (unit) }
                }))
                @if s.units.len() > 20 {
                    p.muted { (lang.count((s.units.len() - 20) as u64)) " " (t("unit lain: lihat daftar kasus.", "more units: see the case list.")) }
                }
            }
        }
        div.panel {
            h2 { (t("Sinyal per platform dan paslon", "Signals per platform and pair")) }
            @if s.platforms.is_empty() { p.muted { (t("Belum ada sinyal.", "No signals yet.")) } }
            @else {
                (tally_table(&s.pairs, &s.platforms, usize::MAX, "Platform", lang, |platform| html! { (platform) }))
            }
        }
    };
    let page = layout(&chrome, &body);
    netra_app::cases::log_listing(
        st.store(),
        v.name(),
        "cases.list",
        "dashboard",
        &urgent,
        page.0.as_bytes(),
    )
    .await?;
    Ok(page)
}

/// The cases a query selects, with the stored elections.
pub async fn select_cases(
    st: &AppState,
    cq: &CaseQuery,
) -> Result<(Vec<CaseRow>, Vec<StoredElection>), Fail> {
    let rows = st.store().cases(&cq.store_filter()).await?;
    let elections = st.store().elections().await?;
    Ok((cq.apply(rows), elections))
}

/// `GET /cases`: the case list with filters (kept in the URL), pages and downloads.
#[allow(clippy::too_many_lines, reason = "one page, filters then table")]
pub async fn cases(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    RawQuery(q): RawQuery,
) -> Result<Html<String>, Fail> {
    let lang = v.lang;
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let cq = CaseQuery::from_pairs(&query_pairs(q.as_deref()));
    let all = st
        .store()
        .cases(&netra_store::CaseFilter::default())
        .await?;
    let elections = st.store().elections().await?;
    let zones = Zones::new(&elections);
    let mut units: Vec<&str> = all.iter().map(|c| c.unit.as_str()).collect();
    units.sort_unstable();
    units.dedup();
    let mut pair_numbers: Vec<u32> = all.iter().map(|c| c.target).collect();
    pair_numbers.sort_unstable();
    pair_numbers.dedup();
    let rows: Vec<CaseRow> = all.iter().filter(|c| cq.matches(c)).cloned().collect();
    let pages = rows.len().div_ceil(PAGE_SIZE).max(1);
    let page = cq.page.min(pages);
    let shown = &rows[(page - 1) * PAGE_SIZE..(page * PAGE_SIZE).min(rows.len())];
    let query = cq.with_page(1).to_query();
    let sel = |a: bool| a;
    let body = html! {
        h1 { (t("Kasus", "Cases")) }
        form.filters method="get" action="/cases" {
            label { (t("Cari NIP atau nama", "Search NIP or name")) input type="search" name="q" value=(cq.q); }
            @if elections.len() > 1 {
                label { (t("Pemilihan", "Election"))
                    select name="election" {
                        option value="" { (t("semua", "all")) }
                        @for e in &elections { option value=(e.id) selected[sel(cq.election.as_deref() == Some(e.id.as_str()))] { (e.name) } }
                    }
                }
            }
            label { (t("Status", "State"))
                select name="state" {
                    option value="" { (t("semua", "all")) }
                    option value="open" selected[cq.state == Some(StateFilter::Open)] { (t("terbuka", "open")) }
                    @for s in CaseState::ALL { option value=(s.as_str()) selected[cq.state == Some(StateFilter::Is(s))] { (lang.state(s)) } }
                }
            }
            label { (t("Paslon", "Pair"))
                select name="pair" {
                    option value="" { (t("semua", "all")) }
                    @for n in &pair_numbers { option value=(n) selected[cq.pair == Some(*n)] { (format!("{n:02}")) } }
                }
            }
            label { (t("Bobot", "Severity"))
                select name="severity" {
                    option value="" { (t("semua", "all")) }
                    @for s in [netra_core::Severity::High, netra_core::Severity::Medium, netra_core::Severity::Low] {
                        option value=(s.as_str()) selected[cq.severity == Some(s)] { (lang.severity(s)) }
                    }
                }
            }
            label { (t("Kelas", "Class"))
                select name="class" {
                    option value="" { (t("semua", "all")) }
                    @for k in [netra_core::CaseClass::Discipline, netra_core::CaseClass::Ethics] {
                        option value=(k.as_str()) selected[cq.class == Some(k)] { (lang.class(k)) }
                    }
                }
            }
            label { "Unit"
                select name="unit" {
                    option value="" { (t("semua", "all")) }
                    @for u in &units { option value=(u) selected[cq.unit == *u] { (u) } }
                }
            }
            button type="submit" { (t("Terapkan", "Apply")) }
            @if cq.is_filtered() { a href="/cases" { (t("Hapus filter", "Clear filters")) } }
        }
        p {
            strong { (lang.counted(rows.len() as u64, "kasus", "case", "cases")) }
            @if cq.is_filtered() {
                " " (if rows.len() == 1 { t("sesuai filter", "matches the filters") } else { t("sesuai filter", "match the filters") })
            }
            " · "
            span.downloads {
                (t("Unduh:", "Download:")) " "
                a href=(format!("/export/cases.csv?{query}")) { "CSV" }
                a href=(format!("/export/cases.xlsx?{query}")) { "Excel (XLSX)" }
            }
        }
        @if rows.is_empty() {
            p.notice { (t("Tidak ada kasus yang sesuai. Ubah atau hapus filter.", "No cases match. Change or clear the filters.")) }
        } @else {
            (case_table(shown, &zones, lang))
            @if pages > 1 {
                div.pager {
                    @if page > 1 { a href=(format!("/cases?{}", cq.with_page(page - 1).to_query())) { "← " (t("sebelumnya", "previous")) } }
                    span { (t("Halaman", "Page")) " " (page) " / " (pages) }
                    @if page < pages { a href=(format!("/cases?{}", cq.with_page(page + 1).to_query())) { (t("berikutnya", "next")) " →" } }
                }
            }
        }
    };
    let chrome = Chrome {
        viewer: &v,
        title: t("Kasus", "Cases").to_string(),
        nav: Nav::Cases,
        here: here("/cases", q.as_deref()),
        q: &cq.q,
    };
    let page_html = layout(&chrome, &body);
    netra_app::cases::log_listing(
        st.store(),
        v.name(),
        "cases.list",
        "html",
        shown,
        page_html.0.as_bytes(),
    )
    .await?;
    Ok(page_html)
}

/// What the case page shows after a refused action: the message and the
/// text the user typed, so nothing is lost.
#[derive(Default)]
struct Retry<'a> {
    error: Option<String>,
    reason: &'a str,
    note: &'a str,
}

/// `GET /cases/{id}`: one case for a reviewer (logged as `case.view`).
pub async fn case(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    Path(id): Path<String>,
    RawQuery(q): RawQuery,
) -> Result<Html<String>, Fail> {
    let id = case_id(&id).map_err(|f| f.in_lang(v.lang))?;
    let pairs = query_pairs(q.as_deref());
    case_page(&st, &v, id, get(&pairs, "done"), Retry::default()).await
}

async fn case_page(
    st: &AppState,
    v: &Viewer,
    id: i64,
    done: Option<&str>,
    retry: Retry<'_>,
) -> Result<Html<String>, Fail> {
    let detail = st
        .store()
        .view_case(id, v.name())
        .await
        .map_err(|e| Fail::from(e).in_lang(v.lang))?;
    st.checkpoint().await?;
    let notes = st.store().case_notes(id).await?;
    let elections = st.store().elections().await?;
    let zones = Zones::new(&elections);
    let body = case_body(st, v, &detail, &notes, &zones, &elections, done, &retry);
    let reports = st.store().public_reports_of_case(id).await?;
    let t = |i: &'static str, e: &'static str| v.lang.pick(i, e);
    let body = html! {
        (body)
        @if !reports.is_empty() {
            div.panel {
                h2 { (t("Laporan masyarakat terkait", "Linked public reports")) }
                p { @for r in &reports { a href=(format!("/reports/{r}")) { (t("Laporan", "Report")) " " (r) } " " } }
                p.muted { (t("Tangkapan layarnya tercatat sebagai bukti kasus ini.", "Their screenshots are recorded as evidence of this case.")) }
            }
        }
    };
    let chrome = Chrome {
        viewer: v,
        title: format!("{} {}", v.lang.pick("Kasus", "Case"), id),
        nav: Nav::Cases,
        here: format!("/cases/{id}"),
        q: "",
    };
    Ok(layout(&chrome, &body))
}

#[allow(
    clippy::too_many_lines,
    clippy::too_many_arguments,
    clippy::many_single_char_names,
    reason = "one page for a reviewer, section after section; d, v, c, t as in the rest of the crate"
)]
fn case_body(
    st: &AppState,
    v: &Viewer,
    d: &CaseDetail,
    notes: &[CaseNote],
    zones: &Zones,
    elections: &[StoredElection],
    done: Option<&str>,
    retry: &Retry<'_>,
) -> Markup {
    let lang = v.lang;
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let c = &d.case;
    let eid = &c.election_id;
    let catalogue = st.catalogue();
    let violation = |code: &str| catalogue.violations.iter().find(|x| x.code == code);
    let mut numbers: Vec<u32> = d
        .signals
        .iter()
        .map(|s| s.signal.target)
        .chain(d.pairs.iter().map(|p| p.number))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let per_pair = netra_app::case_builder::per_pair(
        &numbers,
        d.signals.iter().map(|s| (s.signal.target, s.signal.label)),
    );
    let moves: Vec<CaseState> = c
        .state
        .next_states()
        .iter()
        .copied()
        .filter(|to| can_move(v.role(), c.state, *to))
        .collect();
    let four_eyes = moves.contains(&CaseState::Confirmed)
        && (c.opened_by == v.name() || c.submitted_by.as_deref() == Some(v.name()));
    html! {
        p { a href="/cases" { "← " (t("Daftar kasus", "Case list")) } }
        (flash(done, lang))
        @if let Some(e) = &retry.error { p.error role="alert" { (e) } }
        h1 { (t("Kasus", "Case")) " " (c.id) ": " (c.name) " " (state_badge(c.state, lang))
            a.jump href="#keputusan" { (t("Ke keputusan ↓", "To the decision ↓")) } }
        div.grid2 {
            div.panel {
                h2 { "ASN" }
                dl.facts {
                    dt { (t("Nama", "Name")) } dd { (c.name) }
                    dt { "NIP" } dd { (c.nip) }
                    dt { (t("Jabatan", "Position")) } dd { (c.position) }
                    dt { (t("Unit kerja", "Unit")) } dd { (c.unit) }
                }
            }
            div.panel {
                h2 { (t("Kasus", "Case")) }
                dl.facts {
                    dt { (t("Pemilihan", "Election")) } dd { (election_name(elections, eid)) }
                    dt { (t("Paslon", "Pair")) } dd { (pair_cell(c, lang)) }
                    dt { (t("Kelas", "Class")) } dd { (lang.class(c.class)) }
                    dt { (t("Bobot", "Severity")) } dd { (severity_badge(c.severity, lang)) }
                    dt { (t("Tenggat laporan", "Reporting deadline")) } dd { (deadline_cell(zones, c, lang, true)) }
                    dt { (t("Pertama/terakhir terlihat", "First/last seen")) }
                    dd { (zones.local(eid, &c.first_seen, lang)) " … " (zones.local(eid, &c.last_seen, lang)) }
                    dt { (t("Dibuka oleh", "Opened by")) } dd { (c.opened_by) " (" (zones.local(eid, &c.opened_at, lang)) ")" }
                    @if let Some(s) = &c.submitted_by { dt { (t("Diajukan oleh", "Sent to review by")) } dd { (s) } }
                    dt { (t("Versi", "Version")) } dd { (c.version) }
                    @if let Some(cl) = &c.clarification { dt { (t("Klarifikasi ASN", "ASN's clarification")) } dd { (cl) } }
                }
            }
        }
        div.panel {
            h2 { (t("Sinyal per paslon (dukung/menyerang)", "Signals per pair (support/oppose)")) }
            p { @for (n, (sup, opp)) in &per_pair {
                @let names = d.pairs.iter().find(|p| p.number == *n).map_or(&[][..], |p| &p.names[..]);
                span.badge { (pair_title(*n, names)) ": " (lang.count(*sup)) "/" (lang.count(*opp)) } " "
            } }
        }
        div.panel {
            h2 { (t("Pelanggaran", "Violations")) " (" (lang.count(c.rules.len() as u64)) ")" }
            @for code in &c.rules {
                @match violation(code) {
                    Some(x) => {
                        h3 { (code) ": " (lang.pick(&x.title.id, &x.title.en)) }
                        dl.facts {
                            dt { (t("Dasar hukum", "Legal basis")) } dd { (x.legal_basis.join("; ")) }
                            dt { (t("Sanksi", "Sanction")) } dd { (lang.pick(&x.sanction.id, &x.sanction.en)) }
                        }
                    }
                    None => { h3 { (code) " " span.muted { "(" (t("tidak ada di katalog", "not in the catalogue")) ")" } } }
                }
            }
        }
        div.panel {
            h2 { (t("Sinyal, terkuat dulu", "Signals, strongest first")) " (" (lang.count(d.signals.len() as u64)) ")" }
            @for s in &d.signals {
                @let row = &s.signal;
                @let json: serde_json::Value = serde_json::from_str(&s.activity_json).unwrap_or_default();
                @let text = activity_text(&s.activity_json);
                div.signal {
                    h3 { (s.rank + 1) ". " (lang.kind(&row.kind)) " " span.muted { "· " (row.platform) " · " (row.account_key) " · " (zones.local(eid, &row.created_at_utc, lang)) } }
                    p {
                        (lang.label(row.label)) " " (format!("{:02}", row.target)) " · "
                        (t("skor", "score")) " " (lang.decimal(row.score, 2)) " · "
                        (t("aturan", "rule")) " " code { (row.rule) }
                        " · " span.muted { (row.activity_id) }
                    }
                    @if !text.is_empty() { blockquote { (text) } }
                    @if let Some(target) = json.get("target") {
                        @let target_text = target.get("text").and_then(|x| x.as_str()).unwrap_or("");
                        @let target_account = target.get("account").and_then(|x| x.as_str()).unwrap_or("");
                        p.muted { (t("Menanggapi konten", "On content by")) " " (target_account) }
                        @if !target_text.is_empty() { blockquote { (target_text) } }
                    }
                    @if let Some(url) = json.get("url").and_then(|x| x.as_str()) {
                        p { (t("Tautan", "Link")) ": "
                            // Only web addresses become links: a `javascript:` URL in imported data stays text.
                            @if is_web_url(url) { a href=(url) rel="noreferrer noopener" { (url) } } @else { code { (url) } }
                        }
                    }
                    ul.reasons {
                        @for reason in &row.reasons {
                            @let named = violation_of(reason).and_then(|(code, stored)| match (violation(code), stored) {
                                (Some(x), _) => Some((code.to_string(), lang.pick(&x.title.id, &x.title.en).to_string())),
                                (None, Some((id, en))) => Some((code.to_string(), lang.pick(id, en).to_string())),
                                (None, None) => None,
                            });
                            @if let Some((code, title)) = named {
                                li { strong { (t("Pelanggaran", "Violation")) ": " } (code) " — " (title) }
                            } @else {
                                li { (netra_app::reasons::render(reason, lang)) }
                            }
                        }
                    }
                    p {
                        (t("Bukti", "Evidence")) ": " code.hash { "sha256 " (s.activity_sha256) } " "
                        @if s.intact { span.intact { "✓ " (t("utuh", "intact")) } }
                        @else { span.damaged { (t("RUSAK: isi tidak cocok dengan hash", "DAMAGED: content does not match its hash")) } }
                    }
                }
            }
        }
        div.panel {
            h2 { (t("Riwayat", "History")) }
            table {
                thead { tr { th { "v" } th { (t("Waktu", "When")) } th { (t("Perubahan", "Change")) } th { (t("Oleh", "By")) } th { (t("Alasan", "Reason")) } } }
                tbody { @for ev in &d.events { tr {
                    td { (ev.version) }
                    td { (zones.local(eid, &ev.at, lang)) }
                    td { (ev.from.map_or("·", |s| lang.state(s))) " → " (lang.state(ev.to)) }
                    td { (ev.actor) }
                    td { (event_reason(&ev.reason, lang)) }
                } } }
            }
        }
        div.panel {
            h2 { (t("Catatan", "Notes")) " (" (lang.count(notes.len() as u64)) ")" }
            @for n in notes {
                p { strong { (n.author) } " " span.muted { (zones.local(eid, &n.at, lang)) } }
                blockquote { (n.text) }
            }
            @if can_note(v.role()) {
                form.action method="post" action=(format!("/cases/{}/notes", c.id)) {
                    input type="hidden" name="csrf" value=(v.csrf);
                    label { (t("Tambah catatan", "Add a note")) textarea name="text" required { (retry.note) } }
                    div { button.secondary type="submit" { (t("Simpan catatan", "Save note")) } }
                }
            }
        }
        @if crate::documents::can_make_documents(v.role()) {
            @let docs: Vec<(netra_app::report::CaseDocKind, &str, &str)> = [
                    (netra_app::report::CaseDocKind::Bawaslu, "bawaslu", t("Laporan ke Bawaslu (PDF)", "Report to Bawaslu (PDF)")),
                    (netra_app::report::CaseDocKind::Clarification, "clarification", t("Surat permintaan klarifikasi (PDF)", "Clarification letter (PDF)")),
                    (netra_app::report::CaseDocKind::Bkn, "bkn", t("Surat ke BKN, tembusan PPK dan Bawaslu (PDF)", "Letter to BKN, copies to the PPK and Bawaslu (PDF)")),
                ]
                .into_iter()
                .filter(|(k, _, _)| netra_app::report::refusal(*k, c.id, c.state, lang).is_none())
                .collect();
            @if !docs.is_empty() {
                div.panel {
                    h2 { (t("Dokumen", "Documents")) }
                    p.downloads { @for (_, slug, label) in &docs { a href=(format!("/cases/{}/document/{slug}", c.id)) { (label) } } }
                    p.muted { (t("netra membuat dokumennya dan mencatatnya di log audit; petugas yang menandatangani dan mengirimkannya.",
                                 "netra makes the document and records it in the audit log; a person signs and sends it.")) }
                }
            }
        }
        div.panel #keputusan {
            h2 { (t("Keputusan", "Decision")) }
            @if moves.is_empty() {
                @if c.state.next_states().is_empty() {
                    p.muted { (t("Status akhir: tidak ada langkah lagi.", "Final state: no further moves.")) }
                } @else {
                    p.muted { (t("Peran Anda", "Your role")) " (" (role_name(v.role(), lang)) ") "
                        (t("tidak dapat memindahkan kasus ini sekarang. Peninjau yang memutuskan; analis mengajukan kasus baru untuk ditinjau.",
                           "cannot move this case now. Reviewers decide; analysts send new cases to review.")) }
                }
            } @else {
                form.action method="post" action=(format!("/cases/{}/move", c.id)) {
                    input type="hidden" name="csrf" value=(v.csrf);
                    input type="hidden" name="version" value=(c.version);
                    div.choices {
                        @for (i, to) in moves.iter().enumerate() {
                            label { input type="radio" name="to" value=(to.as_str()) required checked[i == 0]; " " (lang.state(*to)) }
                        }
                    }
                    @if four_eyes {
                        p.notice { (t("Aturan empat mata: Anda membuka atau mengajukan kasus ini, jadi peninjau lain yang harus mengonfirmasinya.",
                                      "Four-eyes rule: you opened this case or sent it to review, so another reviewer must confirm it.")) }
                    }
                    label { (t("Alasan (wajib, disimpan di riwayat)", "Reason (required, kept in the history)"))
                        textarea name="reason" required { (retry.reason) } }
                    @if c.state == CaseState::ClarificationRequested {
                        label { (t("Klarifikasi ASN (bila sudah diterima)", "The ASN's clarification (when received)"))
                            textarea name="clarification" {} }
                    }
                    div { button type="submit" { (t("Simpan keputusan", "Record the decision")) } }
                    p.muted { (t("Keputusan dicatat dengan nama Anda di riwayat kasus dan log audit. netra tidak mengirim apa pun secara otomatis.",
                                 "The decision is recorded with your name in the case history and the audit log. netra sends nothing on its own.")) }
                }
            }
        }
    }
}

/// Applies a move for `v` after the role check; the store checks the
/// workflow, the version, the reason and four-eyes.
pub async fn do_move(
    st: &AppState,
    v: &Viewer,
    id: i64,
    to: CaseState,
    expected_version: Option<i64>,
    reason: &str,
    clarification: Option<&str>,
) -> Result<CaseRow, Fail> {
    let lang = v.lang;
    let current = st
        .store()
        .case(id)
        .await
        .map_err(|e| Fail::from(e).in_lang(lang))?
        .case;
    if !role_may_move(v.role(), current.state, to) {
        let (id_msg, en_msg) = match v.role() {
            Role::Analyst => (
                format!("Analis hanya dapat mengajukan kasus baru untuk ditinjau; memindahkan ke {} diputuskan peninjau.", lang_state(Lang::Id, to)),
                format!("Analysts can only send new cases to review; moving to {} is a reviewer's decision.", lang_state(Lang::En, to)),
            ),
            r => (
                format!("Peran {} hanya membaca kasus; peninjau yang memutuskan.", role_name(r, Lang::Id)),
                format!("The {} role only reads cases; reviewers decide.", role_name(r, Lang::En)),
            ),
        };
        return Err(Fail::forbidden(&id_msg, &en_msg).in_lang(lang));
    }
    let elections = st.store().elections().await.unwrap_or_default();
    let zones = Zones::new(&elections);
    let m = netra_store::CaseMove {
        case_id: id,
        expected_version: expected_version.unwrap_or(current.version),
        to,
        actor: v.name().to_string(),
        reason: reason.to_string(),
        clarification: clarification
            .map(str::to_string)
            .filter(|c| !c.trim().is_empty()),
    };
    let moved = st.store().move_case(&m).await.map_err(|e| {
        let local = |t: &str| zones.local(&current.election_id, t, lang);
        Fail::from_store(&e, lang, &local)
    })?;
    st.checkpoint().await?;
    Ok(moved)
}

fn lang_state(lang: Lang, s: CaseState) -> &'static str {
    lang.state(s)
}

/// `POST /cases/{id}/move`: a review decision from the case page.
pub async fn move_case(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, Fail> {
    let id = case_id(&id).map_err(|f| f.in_lang(v.lang))?;
    let form = form_pairs(&body);
    v.check_csrf(get(&form, "csrf"))?;
    let reason = get(&form, "reason").unwrap_or("");
    let Some(to) = get(&form, "to").and_then(CaseState::parse) else {
        let msg = v.lang.pick("Pilih status tujuan.", "Choose the new state.");
        return retry_page(&st, &v, id, msg, reason, "", StatusCode::BAD_REQUEST).await;
    };
    let version = get(&form, "version").and_then(|x| x.parse().ok());
    match do_move(
        &st,
        &v,
        id,
        to,
        version,
        reason,
        get(&form, "clarification"),
    )
    .await
    {
        Ok(_) => Ok(redirect(&format!("/cases/{id}?done=moved"))),
        Err(f) if f.code == "not_found" || f.code == "internal" => Err(f),
        Err(f) => {
            let msg = f.message(v.lang).to_string();
            retry_page(&st, &v, id, &msg, reason, "", f.status).await
        }
    }
}

async fn retry_page(
    st: &AppState,
    v: &Viewer,
    id: i64,
    error: &str,
    reason: &str,
    note: &str,
    status: StatusCode,
) -> Result<Response, Fail> {
    let page = case_page(
        st,
        v,
        id,
        None,
        Retry {
            error: Some(error.to_string()),
            reason,
            note,
        },
    )
    .await?;
    Ok((status, page).into_response())
}

/// Adds a note for `v` (analysts and reviewers).
pub async fn do_note(st: &AppState, v: &Viewer, id: i64, text: &str) -> Result<CaseNote, Fail> {
    if !can_note(v.role()) {
        return Err(Fail::forbidden(
            "Peran Anda hanya membaca; analis dan peninjau yang menambah catatan.",
            "Your role only reads; analysts and reviewers add notes.",
        )
        .in_lang(v.lang));
    }
    let note = st
        .store()
        .add_case_note(id, v.name(), text)
        .await
        .map_err(|e| match e {
            netra_store::StoreError::Invalid(_) => Fail::bad_request(
                format!(
                    "Catatan harus berisi teks (paling banyak {} karakter).",
                    netra_store::MAX_NOTE_CHARS
                ),
                format!(
                    "A note needs some text (at most {} characters).",
                    netra_store::MAX_NOTE_CHARS
                ),
            )
            .in_lang(v.lang),
            other => Fail::from(other).in_lang(v.lang),
        })?;
    st.checkpoint().await?;
    Ok(note)
}

/// `POST /cases/{id}/notes`.
pub async fn add_note(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, Fail> {
    let id = case_id(&id).map_err(|f| f.in_lang(v.lang))?;
    let form = form_pairs(&body);
    v.check_csrf(get(&form, "csrf"))?;
    let text = get(&form, "text").unwrap_or("");
    match do_note(&st, &v, id, text).await {
        Ok(_) => Ok(redirect(&format!("/cases/{id}?done=noted"))),
        Err(f) if f.code == "bad_request" => {
            let msg = f.message(v.lang).to_string();
            retry_page(&st, &v, id, &msg, "", text, f.status).await
        }
        Err(f) => Err(f),
    }
}

#[allow(
    clippy::many_single_char_names,
    reason = "v, t, q, e as in the other pages"
)]
/// `GET /audit`: the audit log (auditors and admins), newest last, with
/// filters; `?verify=1` re-checks the chain and the evidence.
pub async fn audit(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    RawQuery(q): RawQuery,
) -> Result<Html<String>, Fail> {
    let lang = v.lang;
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    if !can_read_audit(v.role()) {
        return Err(Fail::forbidden(
            "Log audit hanya untuk auditor dan admin.",
            "The audit log is for auditors and admins.",
        )
        .in_lang(lang));
    }
    let pairs = query_pairs(q.as_deref());
    let field = |k: &str| {
        get(&pairs, k)
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .map(str::to_string)
    };
    let case = field("case").and_then(|c| c.parse::<i64>().ok());
    let query = netra_store::AuditQuery {
        actor: field("actor"),
        action: field("action"),
        subject: case.map(|c| format!("case:{c}")),
        since: None,
        until: None,
        limit: 200,
    };
    let entries = st.store().search_audit(&query).await?;
    let tz = netra_app::integrity::display_zone(st.store()).await?;
    let verify = if get(&pairs, "verify") == Some("1") {
        let (_, a) = netra_app::integrity::verify_audit(st.store(), st.data_dir(), lang).await?;
        let (_, e) = netra_app::integrity::verify_evidence(st.store(), lang).await?;
        Some(format!("{a}{e}"))
    } else {
        None
    };
    let body = html! {
        h1 { (t("Log audit", "Audit log")) }
        form.filters method="get" action="/audit" {
            label { (t("Pengguna", "User")) input type="text" name="actor" value=(query.actor.as_deref().unwrap_or("")); }
            label { (t("Tindakan", "Action")) input type="text" name="action" placeholder="case.view" value=(query.action.as_deref().unwrap_or("")); }
            label { (t("Kasus", "Case")) input type="text" name="case" value=(case.map(|c| c.to_string()).unwrap_or_default()); }
            button type="submit" { (t("Terapkan", "Apply")) }
            a href="/audit?verify=1" { (t("Periksa integritas log dan bukti", "Check the log's and the evidence's integrity")) }
        }
        @if let Some(text) = &verify { div.panel { h2 { (t("Hasil pemeriksaan", "Check result")) } pre { (text) } } }
        p.muted { (lang.counted(entries.len() as u64, "entri terbaru", "newest entry", "newest entries")) }
        table {
            thead { tr { th.num { "#" } th { (t("Waktu", "When")) } th { (t("Pengguna", "User")) } th { (t("Tindakan", "Action")) } th { (t("Subjek", "Subject")) } th { "Detail" } } }
            tbody { @for e in entries.iter().rev() { tr {
                td.num { (e.seq) }
                td { (chrono::DateTime::parse_from_rfc3339(&e.at).map_or_else(|_| e.at.clone(), |d| lang.date_time(d.to_utc(), tz))) }
                td { (e.actor) }
                td { code { (e.action) } }
                td { @if let Some(id) = e.subject.strip_prefix("case:") { a href=(format!("/cases/{id}")) { (e.subject) } }
                     @else if let Some(id) = e.subject.strip_prefix("report:") { a href=(format!("/reports/{id}")) { (e.subject) } }
                     @else { (e.subject) } }
                td { code.hash { (e.detail) } }
            } } }
        }
    };
    st.store()
        .audit(
            v.name(),
            "audit.read",
            "audit",
            serde_json::json!({ "entries": entries.len(), "verify": verify.is_some() }),
        )
        .await?;
    st.checkpoint().await?;
    let chrome = Chrome {
        viewer: &v,
        title: t("Log audit", "Audit log").to_string(),
        nav: Nav::Audit,
        here: here("/audit", q.as_deref()),
        q: "",
    };
    Ok(layout(&chrome, &body))
}

fn require_admin(v: &Viewer) -> Result<(), Fail> {
    if v.role() == Role::Admin {
        Ok(())
    } else {
        Err(Fail::forbidden(
            "Hanya admin yang mengelola pengguna.",
            "Only admins manage users.",
        )
        .in_lang(v.lang))
    }
}

/// `GET /users`: users and their roles (admins).
pub async fn users(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    RawQuery(q): RawQuery,
) -> Result<Response, Fail> {
    require_admin(&v)?;
    let pairs = query_pairs(q.as_deref());
    users_page(&st, &v, get(&pairs, "done"), None, StatusCode::OK).await
}

async fn users_page(
    st: &AppState,
    v: &Viewer,
    done: Option<&str>,
    error: Option<&str>,
    status: StatusCode,
) -> Result<Response, Fail> {
    let lang = v.lang;
    let t = |id: &'static str, en: &'static str| lang.pick(id, en);
    let users = st.store().users().await?;
    let zones = Zones::default();
    let body = html! {
        h1 { (t("Pengguna", "Users")) }
        (flash(done, lang))
        @if let Some(e) = error { p.error role="alert" { (e) } }
        table {
            thead { tr { th { (t("Nama", "Name")) } th { (t("Peran", "Role")) } th { (t("Status", "Status")) } th { (t("Dibuat", "Created")) } th { (t("Tindakan", "Actions")) } } }
            tbody { @for u in &users { tr {
                td { (u.name) }
                td { (role_name(u.role, lang)) }
                td { @if u.disabled { span.badge.st-dismissed { (t("nonaktif", "disabled")) } } @else { span.badge.sev-low { (t("aktif", "active")) } } }
                td { (zones.local("", &u.created_at, lang)) " · " (u.created_by) }
                td {
                    form method="post" action="/users" style="display:inline" {
                        input type="hidden" name="csrf" value=(v.csrf);
                        input type="hidden" name="name" value=(u.name);
                        @if u.disabled {
                            input type="hidden" name="action" value="enable";
                            button.secondary type="submit" { (t("Aktifkan", "Enable")) }
                        } @else {
                            input type="hidden" name="action" value="disable";
                            button.secondary type="submit" { (t("Nonaktifkan", "Disable")) }
                        }
                    }
                    " "
                    form method="post" action="/users" style="display:inline" {
                        input type="hidden" name="csrf" value=(v.csrf);
                        input type="hidden" name="name" value=(u.name);
                        input type="hidden" name="action" value="password";
                        input type="password" name="password" placeholder=(t("kata sandi baru", "new password")) autocomplete="new-password" required;
                        button.secondary type="submit" { (t("Ganti", "Set")) }
                    }
                }
            } } }
        }
        div.panel {
            h2 { (t("Tambah pengguna", "Add a user")) }
            form.filters method="post" action="/users" {
                input type="hidden" name="csrf" value=(v.csrf);
                input type="hidden" name="action" value="add";
                label { (t("Nama pengguna", "User name")) input type="text" name="name" required; }
                label { (t("Peran", "Role")) select name="role" { @for r in Role::ALL { option value=(r.as_str()) selected[r == Role::Analyst] { (role_name(r, lang)) } } } }
                label { (t("Kata sandi (min. 10 karakter)", "Password (10+ characters)")) input type="password" name="password" autocomplete="new-password" required; }
                button type="submit" { (t("Tambah", "Add")) }
            }
            p.muted { (t("Admin mengelola pengguna; analis membuka dan mengajukan kasus; peninjau memutuskan; auditor hanya membaca.",
                         "Admins manage users; analysts open cases and send them to review; reviewers decide; auditors only read.")) }
        }
    };
    let chrome = Chrome {
        viewer: v,
        title: t("Pengguna", "Users").to_string(),
        nav: Nav::Users,
        here: "/users".into(),
        q: "",
    };
    Ok((status, layout(&chrome, &body)).into_response())
}

/// `POST /users`: add, disable, enable, set a password (admins).
pub async fn user_action(
    State(st): State<AppState>,
    PageViewer(v): PageViewer,
    body: axum::body::Bytes,
) -> Result<Response, Fail> {
    require_admin(&v)?;
    let form = form_pairs(&body);
    v.check_csrf(get(&form, "csrf"))?;
    let name = get(&form, "name").unwrap_or("").trim();
    let password = get(&form, "password").unwrap_or("");
    let store = st.store();
    let done = match get(&form, "action") {
        Some("add") => {
            let role = get(&form, "role")
                .and_then(Role::parse)
                .unwrap_or(Role::Analyst);
            store
                .add_user(name, role, password, v.name())
                .await
                .map(|_| ())
        }
        Some("disable") => store
            .set_user_disabled(name, true, v.name())
            .await
            .map(|_| ()),
        Some("enable") => store
            .set_user_disabled(name, false, v.name())
            .await
            .map(|_| ()),
        Some("password") => store.set_user_password(name, password, v.name()).await,
        _ => Err(netra_store::StoreError::Invalid("unknown action".into())),
    };
    match done {
        Ok(()) => {
            st.checkpoint().await?;
            Ok(redirect("/users?done=user"))
        }
        Err(netra_store::StoreError::Invalid(msg) | netra_store::StoreError::NotFound(msg)) => {
            // The store words these in English; say it in Indonesian too.
            let shown = match v.lang {
                Lang::En => msg,
                Lang::Id => format!("Tidak tersimpan: {}", user_problem_id(&msg)),
            };
            users_page(&st, &v, None, Some(&shown), StatusCode::BAD_REQUEST).await
        }
        Err(e) => Err(Fail::from(e).in_lang(v.lang)),
    }
}

/// The store's user problems in Indonesian.
fn user_problem_id(msg: &str) -> String {
    if msg.contains("already exists") {
        "nama pengguna itu sudah dipakai.".into()
    } else if msg.contains("password needs") {
        format!(
            "kata sandi minimal {} karakter.",
            netra_store::MIN_PASSWORD_CHARS
        )
    } else if msg.contains("user name") {
        "nama pengguna 1–64 huruf, angka, '.', '_' atau '-', diawali huruf atau angka.".into()
    } else if msg.contains("last enabled admin") {
        "ini admin aktif terakhir; tambahkan admin lain dulu.".into()
    } else if msg.starts_with("user ") {
        "pengguna tidak ditemukan.".into()
    } else {
        msg.to_string()
    }
}
