//! `netra report case|summary`: the documents people sign, send and file.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use netra_app::report::summary::{SummaryFormat, SummaryRequest};
use netra_app::report::{CaseDocKind, CaseReportRequest, ReportError};

use super::{Context, Outcome};

/// Shown under `netra report --help`.
const OFFICE_HELP: &str = "\
Office settings (letterhead and signer): DATA_DIR/office.toml, or --office FILE:

  [office]
  name = \"Badan Kesatuan Bangsa dan Politik\"     # required
  parent = \"Pemerintah Provinsi Contoh\"          # optional, line above the name
  address = \"Jl. Contoh No. 1, Kota Contoh 10110\"
  city = \"Kota Contoh\"                           # where documents are signed
  phone = \"(021) 555-0100\"
  email = \"kesbangpol@contoh.go.id\"
  logo = \"logo.png\"                              # PNG or JPEG, relative to the file

  [signer]
  title = \"Kepala Badan Kesatuan Bangsa dan Politik\"   # required
  name = \"Nama Penanda Tangan\"                   # optional; default: --user
  nip = \"197102281993121001\"                     # optional

Unknown keys and bad values are reported with file, line and key. Without
settings, documents carry a plain header and a note.

Nothing is sent anywhere: netra writes the PDF, a person signs and sends it.
Each document made is recorded in the audit log (who, which case, SHA-256).";

/// `netra report …`.
#[derive(Debug, clap::Subcommand)]
pub enum ReportCommand {
    /// A case's document: the Bawaslu report (confirmed cases), the clarification letter, or the letter to BKN (reported cases).
    ///
    /// The Bawaslu report carries the reporter (the office and the signer),
    /// the reported ASN (name, NIP, position, unit), what happened, when and
    /// where, each piece of evidence with its URL, capture time and SHA-256,
    /// why netra flagged it, the legal basis from the violation catalogue,
    /// the 7-day deadline, the review history and a signature block. It is
    /// refused for a case no person has confirmed.
    ///
    /// The letter to BKN (--kind bkn), with copies to the PPK and Bawaslu,
    /// notifies a case already reported to Bawaslu (state reported or
    /// sanction_recorded): the ASN, the violation (code, class, legal basis,
    /// sanction range), the dates (activity, confirmed, reported), the
    /// evidence with its SHA-256, the sanction once recorded (`netra case
    /// move ID --to sanction_recorded --reason "the sanction"`), and the
    /// request to monitor the PPK's follow-up.
    ///
    /// Example: netra --user hendra report case 12 --output laporan-12.pdf
    #[command(after_help = OFFICE_HELP)]
    Case(CaseArgs),
    /// The weekly summary: per pair side by side, per unit, per platform, per state, deadlines, integrity, purges.
    ///
    /// Counts new signals (by detection time) and new cases (by opening time)
    /// from --from to --to, days in the election's time zone (default: the
    /// last 7 days up to today); states, deadlines and the integrity check
    /// (audit chain and evidence, re-hashed now) as of now.
    ///
    /// Example: netra report summary --from 2024-11-20 --to 2024-11-27 --format xlsx
    #[command(after_help = OFFICE_HELP)]
    Summary(SummaryArgs),
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum KindArg {
    Bawaslu,
    Clarification,
    Bkn,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Pdf,
    Csv,
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct CaseArgs {
    /// The case id (from `netra cases`).
    id: i64,
    /// bawaslu: the report to Bawaslu; clarification: the letter asking the ASN to explain;
    /// bkn: the letter to BKN about a case reported to Bawaslu.
    #[arg(long, value_enum, default_value = "bawaslu")]
    kind: KindArg,
    /// Where to write the PDF. Default: laporan-bawaslu-kasus-ID.pdf,
    /// surat-klarifikasi-kasus-ID.pdf or surat-bkn-kasus-ID.pdf in the
    /// current directory.
    #[arg(long, short, value_name = "F.pdf")]
    output: Option<PathBuf>,
    /// Office settings (TOML). Default: DATA_DIR/office.toml when present.
    #[arg(long, value_name = "FILE", env = "NETRA_OFFICE")]
    office: Option<PathBuf>,
    /// Violation catalogue (TOML), when the scan used another than the one shipped.
    #[arg(long, value_name = "C.toml", env = "NETRA_CATALOGUE")]
    catalogue: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// First day (YYYY-MM-DD, in the election's zone). Default: 6 days before --to.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// Last day (YYYY-MM-DD, in the election's zone). Default: today.
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    to: Option<NaiveDate>,
    /// pdf to read and sign; xlsx for Excel; csv for tools.
    #[arg(long, value_enum, default_value = "pdf")]
    format: FormatArg,
    /// Where to write it. Default: ringkasan-FROM_TO.pdf|csv|xlsx in the current directory.
    #[arg(long, short, value_name = "F")]
    output: Option<PathBuf>,
    /// The election id, when the store holds more than one.
    #[arg(long, value_name = "ID")]
    election: Option<String>,
    /// Office settings (TOML). Default: DATA_DIR/office.toml when present.
    #[arg(long, value_name = "FILE", env = "NETRA_OFFICE")]
    office: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|e| format!("{s:?} is not a date like 2024-11-27: {e}"))
}

pub fn run(ctx: &Context, cmd: &ReportCommand) -> anyhow::Result<Outcome> {
    match cmd {
        ReportCommand::Case(a) => case(ctx, a),
        ReportCommand::Summary(a) => summary(ctx, a),
    }
}

fn load_office(
    ctx: &Context,
    explicit: Option<&Path>,
) -> anyhow::Result<Option<netra_app::report::LoadedOffice>> {
    let dir = ctx.data_dir()?;
    let office = netra_app::report::load_office(&dir, explicit)?;
    if office.is_none() {
        eprintln!(
            "{}",
            ctx.lang.pick(
                "catatan: kop surat belum diatur (office.toml di direktori data, atau --office FILE); \
                 dokumen memakai kepala polos. Lihat `netra report case --help`.",
                "note: no letterhead set (office.toml in the data directory, or --office FILE); the \
                 document has a plain header. See `netra report case --help`."
            )
        );
    }
    Ok(office)
}

fn case(ctx: &Context, a: &CaseArgs) -> anyhow::Result<Outcome> {
    let kind = match a.kind {
        KindArg::Bawaslu => CaseDocKind::Bawaslu,
        KindArg::Clarification => CaseDocKind::Clarification,
        KindArg::Bkn => CaseDocKind::Bkn,
    };
    let office = load_office(ctx, a.office.as_deref())?;
    let catalogue = netra_app::case_builder::load_catalogue(a.catalogue.as_deref())?;
    let output = a
        .output
        .clone()
        .unwrap_or_else(|| PathBuf::from(kind.default_file_name(a.id, ctx.lang)));
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let req = CaseReportRequest {
            case_id: a.id,
            kind,
            office: office.as_ref(),
            catalogue: &catalogue,
            user: &ctx.user,
            lang: ctx.lang,
            now: chrono::Utc::now(),
            output: &output,
        };
        let result = netra_app::report::case_report(&store, &req).await;
        // The letter to BKN: the hint to record the sanction only while none is.
        let sanction_recorded = kind == CaseDocKind::Bkn
            && result.is_ok()
            && store
                .case(a.id)
                .await
                .is_ok_and(|d| d.case.state == netra_core::CaseState::SanctionRecorded);
        let outcome = match result {
            Ok(w) => {
                println!(
                    "{} {} ({}, {} {}) — SHA-256 {}",
                    ctx.lang.pick("Ditulis", "Wrote"),
                    output.display(),
                    ctx.lang.counted(w.pages as u64, "halaman", "page", "pages"),
                    ctx.lang.count(w.bytes as u64),
                    ctx.lang.pick("bita", "bytes"),
                    w.sha256
                );
                println!(
                    "{}",
                    next_step(kind, ctx.lang, w.audit_seq, a.id, sanction_recorded)
                );
                Outcome::Clean
            }
            Err(ReportError::Refused(why)) => {
                eprintln!("netra: {why}");
                Outcome::Problems
            }
            Err(e) => {
                store.close().await;
                return Err(
                    anyhow::Error::new(e).context(format!("making the document for case {}", a.id))
                );
            }
        };
        ctx.checkpoint(&store).await?;
        store.close().await;
        Ok(outcome)
    })
}

fn summary(ctx: &Context, a: &SummaryArgs) -> anyhow::Result<Outcome> {
    let format = match a.format {
        FormatArg::Pdf => SummaryFormat::Pdf,
        FormatArg::Csv => SummaryFormat::Csv,
        FormatArg::Xlsx => SummaryFormat::Xlsx,
    };
    let office = if format == SummaryFormat::Pdf {
        load_office(ctx, a.office.as_deref())?
    } else {
        None
    };
    let dir = ctx.data_dir()?;
    let now = chrono::Utc::now();
    let output = a.output.clone().unwrap_or_else(|| {
        let to =
            a.to.map_or_else(|| now.date_naive().to_string(), |d| d.to_string());
        let from = a.from.map_or_else(|| "7d".to_string(), |d| d.to_string());
        PathBuf::from(format!(
            "{}-{from}_{to}.{}",
            ctx.lang.pick("ringkasan", "summary"),
            format.as_str()
        ))
    });
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let req = SummaryRequest {
            election: a.election.as_deref(),
            from: a.from,
            to: a.to,
            format,
            office: office.as_ref(),
            data_dir: &dir,
            user: &ctx.user,
            lang: ctx.lang,
            now,
            output: &output,
        };
        let (s, w) = match netra_app::report::summary::summary(&store, &req).await {
            Ok(r) => r,
            Err(e) => {
                store.close().await;
                return Err(anyhow::Error::new(e).context("making the summary"));
            }
        };
        ctx.checkpoint(&store).await?;
        store.close().await;
        println!(
            "{} {} ({} {}) — SHA-256 {}",
            ctx.lang.pick("Ditulis", "Wrote"),
            output.display(),
            ctx.lang.count(w.bytes as u64),
            ctx.lang.pick("bita", "bytes"),
            w.sha256
        );
        let intact = s.integrity.audit.is_intact() && s.integrity.evidence.is_intact();
        println!(
            "{}: {} {} {}: {}, {}; {}",
            ctx.lang.pick("Periode", "Period"),
            ctx.lang.date(s.from),
            ctx.lang.pick("s.d.", "to"),
            ctx.lang.date(s.to),
            ctx.lang.counted(s.signals, "sinyal baru", "new signal", "new signals"),
            ctx.lang.counted(s.new_cases, "kasus baru", "new case", "new cases"),
            if intact {
                ctx.lang.pick(
                    "log audit utuh, 0 ketidakcocokan bukti.",
                    "audit chain intact, 0 evidence mismatches.",
                )
                .to_string()
            } else {
                ctx.lang
                    .pick(
                        "MASALAH INTEGRITAS: lihat bagian integritas dan `netra audit verify` / `netra evidence verify`.",
                        "INTEGRITY PROBLEMS: see the integrity section and `netra audit verify` / `netra evidence verify`.",
                    )
                    .to_string()
            }
        );
        Ok(if intact {
            Outcome::Clean
        } else {
            Outcome::Problems
        })
    })
}

/// What to do once a case's document is written: sign and send it, then
/// record the step (for the letter to BKN, the sanction while none is).
fn next_step(
    kind: CaseDocKind,
    lang: netra_app::Lang,
    seq: i64,
    id: i64,
    sanction_recorded: bool,
) -> String {
    match (kind, lang) {
                        (CaseDocKind::Bawaslu, netra_app::Lang::Id) => format!(
                            "Dicatat di log audit (entri {seq}). netra tidak mengirim apa pun: tanda tangani dan \
                             sampaikan sendiri, lalu catat: netra case move {id} --to reported --reason \"…\""
                        ),
                        (CaseDocKind::Bawaslu, netra_app::Lang::En) => format!(
                            "Recorded in the audit log (entry {seq}). netra sends nothing: sign and file it \
                             yourself, then record it: netra case move {id} --to reported --reason \"…\""
                        ),
                        (CaseDocKind::Clarification, netra_app::Lang::Id) => format!(
                            "Dicatat di log audit (entri {seq}). Setelah surat dikirim: netra case move {id} --to \
                             clarification_requested --reason \"…\""
                        ),
                        (CaseDocKind::Clarification, netra_app::Lang::En) => format!(
                            "Recorded in the audit log (entry {seq}). Once the letter is sent: netra case move {id} \
                             --to clarification_requested --reason \"…\""
                        ),
                        (CaseDocKind::Bkn, netra_app::Lang::Id) if sanction_recorded => format!(
                            "Dicatat di log audit (entri {seq}). netra tidak mengirim apa pun: tanda tangani dan \
                             kirim sendiri ke BKN (tembusan PPK dan Bawaslu)."
                        ),
                        (CaseDocKind::Bkn, netra_app::Lang::En) if sanction_recorded => format!(
                            "Recorded in the audit log (entry {seq}). netra sends nothing: sign it and send it to \
                             BKN yourself (copies to the PPK and Bawaslu)."
                        ),
                        (CaseDocKind::Bkn, netra_app::Lang::Id) => format!(
                            "Dicatat di log audit (entri {seq}). netra tidak mengirim apa pun: tanda tangani dan \
                             kirim sendiri ke BKN (tembusan PPK dan Bawaslu). Setelah PPK menjatuhkan sanksi: \
                             netra case move {id} --to sanction_recorded --reason \"sanksinya\""
                        ),
                        (CaseDocKind::Bkn, netra_app::Lang::En) => format!(
                            "Recorded in the audit log (entry {seq}). netra sends nothing: sign it and send it to \
                             BKN yourself (copies to the PPK and Bawaslu). Once the PPK imposes a sanction: \
                             netra case move {id} --to sanction_recorded --reason \"the sanction\""
                        ),
                    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_or_say_what_is_expected() {
        assert_eq!(
            parse_date("2024-11-27").unwrap(),
            NaiveDate::from_ymd_opt(2024, 11, 27).unwrap()
        );
        assert!(parse_date("27/11/2024").unwrap_err().contains("2024-11-27"));
    }
}
