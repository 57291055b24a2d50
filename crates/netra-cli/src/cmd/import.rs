//! `netra import`.

use std::path::PathBuf;

use anyhow::Context as _;
use netra_app::import::{ImportInput, ZoneSource};
use netra_core::Election;

use super::{Context, Outcome};

/// The `--format` values.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum FormatArg {
    Jsonl,
    XArchive,
    XApi,
    Facebook,
    Instagram,
    Tiktok,
    Csv,
    Xlsx,
}

impl FormatArg {
    pub(crate) fn format(self) -> netra_app::import::Format {
        use netra_app::import::Format;
        match self {
            FormatArg::Jsonl => Format::Jsonl,
            FormatArg::XArchive => Format::XArchive,
            FormatArg::XApi => Format::XApi,
            FormatArg::Facebook => Format::Facebook,
            FormatArg::Instagram => Format::Instagram,
            FormatArg::Tiktok => Format::Tiktok,
            FormatArg::Csv => Format::Csv,
            FormatArg::Xlsx => Format::Xlsx,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Files, folders or .zip files as the platforms deliver them: an X archive,
    /// Facebook or Instagram "Download your information" (JSON), TikTok's
    /// user_data.json, X API v2 responses, activity tables (CSV, XLSX),
    /// canonical JSONL. A folder may hold several exports.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Read every file as this format instead of detecting it.
    #[arg(long, value_enum, value_name = "F")]
    format: Option<FormatArg>,
    /// Election config (TOML) to judge against. Default: the bundled Jakarta
    /// 2024 config, unless the store holds other elections.
    #[arg(long, value_name = "E.toml")]
    election: Option<PathBuf>,
    /// ASN registry (CSV or XLSX) to load first. Default: the registry already
    /// in the store (from an earlier scan or import).
    #[arg(long, value_name = "R.csv")]
    registry: Option<PathBuf>,
    /// Handle of the export's owner, for exports that do not name it (a lone
    /// like.js, Facebook without a username); also the account of table rows
    /// without one. An export that names another owner is refused.
    #[arg(long, value_name = "HANDLE")]
    account: Option<String>,
    /// Time zone (IANA, e.g. Asia/Jakarta, Asia/Makassar, UTC) of times written
    /// without one (TikTok dates, spreadsheets). Default: the election's zone.
    #[arg(long, value_name = "ZONE")]
    zone: Option<String>,
    /// Convert only: write canonical activity JSONL to OUT (`-` for standard
    /// output) and store nothing.
    #[arg(long, value_name = "OUT")]
    to_jsonl: Option<PathBuf>,
    /// Violation catalogue (TOML) to use instead of the one shipped with netra.
    #[arg(long, value_name = "C.toml", env = "NETRA_CATALOGUE")]
    catalogue: Option<PathBuf>,
    /// Also keep and judge activities dated outside the election's monitoring window.
    #[arg(long)]
    include_outside_window: bool,
    #[command(flatten)]
    ocr: super::OcrArgs,
}

fn input(
    args: &Args,
    election: Election,
    ctx: &Context,
    ocr: netra_app::ocr::ImageReader,
) -> anyhow::Result<ImportInput> {
    let zone = match &args.zone {
        Some(z) => (
            netra_app::import::parse_zone(z).ok_or_else(|| {
                anyhow::anyhow!(
                    "--zone {z:?} is not an IANA time zone (e.g. Asia/Jakarta, Asia/Makassar, \
                     Asia/Jayapura, UTC)"
                )
            })?,
            ZoneSource::Flag,
        ),
        None => (election.election.timezone, ZoneSource::Election),
    };
    Ok(ImportInput {
        paths: args.paths.clone(),
        format: args.format.map(FormatArg::format),
        account: args.account.clone(),
        zone,
        election,
        registry: args.registry.clone(),
        user: ctx.user.clone(),
        catalogue: netra_app::case_builder::load_catalogue(args.catalogue.as_deref())?,
        include_outside_window: args.include_outside_window,
        ocr,
    })
}

pub fn run(ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    if let Some(out) = &args.to_jsonl {
        let election = match &args.election {
            Some(p) => Election::from_path(p)?,
            None => netra_app::demo::default_election()?,
        };
        // Converting stores and judges nothing: no image is read.
        let input = input(args, election, ctx, netra_app::ocr::ImageReader::off())?;
        let report = if out.as_os_str() == "-" {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            netra_app::import::convert_to_jsonl(&input, &mut lock, "-")?
        } else {
            let file = std::fs::File::create(out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            let mut w = std::io::BufWriter::new(file);
            netra_app::import::convert_to_jsonl(&input, &mut w, &out.display().to_string())?
        };
        // With JSONL on standard output, the summary goes to standard error.
        if out.as_os_str() == "-" {
            eprint!("{}", report.render(ctx.lang));
        } else {
            print!("{}", report.render(ctx.lang));
        }
        return Ok(if report.has_problems() {
            Outcome::Problems
        } else {
            Outcome::Clean
        });
    }
    let ocr = args.ocr.reader()?;
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let election = netra_app::import::choose_election(&store, args.election.as_deref()).await?;
        let input = input(args, election, ctx, ocr)?;
        let report = netra_app::import::run(&input, &store, &ctx.progress()).await?;
        ctx.checkpoint(&store).await?;
        store.close().await;
        print!("{}", report.render(ctx.lang));
        Ok(if report.has_problems() {
            Outcome::Problems
        } else {
            Outcome::Clean
        })
    })
}
