//! `netra scan`.

use std::path::PathBuf;

use anyhow::Context as _;
use netra_app::scan::ScanInput;
use netra_core::Election;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Election config (TOML). Default: the bundled Jakarta 2024 config.
    #[arg(long, value_name = "E.toml")]
    election: Option<PathBuf>,
    /// ASN registry (CSV: nip,name,position,unit,accounts). Default: the demo registry.
    #[arg(long, value_name = "R.csv")]
    registry: Option<PathBuf>,
    /// Activity files (canonical JSONL), one or more. Default: the demo activities.
    #[arg(long, value_name = "A.jsonl", num_args = 1..)]
    input: Vec<PathBuf>,
    /// Violation catalogue (TOML) to use instead of the one shipped with netra.
    #[arg(long, value_name = "C.toml", env = "NETRA_CATALOGUE")]
    catalogue: Option<PathBuf>,
    /// Also keep and judge activities dated outside the election's monitoring window.
    #[arg(long)]
    include_outside_window: bool,
    #[command(flatten)]
    ocr: super::OcrArgs,
}

pub fn run(ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    let ocr = args.ocr.reader()?;
    let input = match (&args.registry, args.input.is_empty()) {
        (None, true) => {
            let mut input =
                ScanInput::demo(&ctx.data_dir()?).context("preparing the bundled demo data")?;
            if let Some(p) = &args.election {
                input.election = Election::from_path(p)?;
            }
            input.user.clone_from(&ctx.user);
            input
        }
        (Some(registry), false) => ScanInput {
            election: match &args.election {
                Some(p) => Election::from_path(p)?,
                None => netra_app::demo::default_election()?,
            },
            registry: registry.clone(),
            activities: args.input.clone(),
            user: ctx.user.clone(),
            catalogue: netra_core::Catalogue::bundled()?,
            include_outside_window: false,
            ocr: netra_app::ocr::ImageReader::off(),
        },
        _ => anyhow::bail!("give both --registry and --input, or neither to scan the bundled demo"),
    };
    let mut input = input;
    input.catalogue = netra_app::case_builder::load_catalogue(args.catalogue.as_deref())?;
    input.include_outside_window = args.include_outside_window;
    input.ocr = ocr;
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let report = netra_app::scan::run(&input, &store, &ctx.progress()).await?;
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
