//! `netra classify`.

use std::io::{BufReader, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use netra_app::classify::ClassifyImages;
use netra_core::Election;
use netra_detect::StanceClassifier;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Election config (TOML): the pairs to look for.
    #[arg(long, value_name = "E.toml")]
    election: PathBuf,
    /// Activities (canonical JSONL). Default: standard input.
    #[arg(long, value_name = "A.jsonl")]
    input: Option<PathBuf>,
    /// Where the results go (JSONL, one per activity). Default: standard output.
    #[arg(long, value_name = "R.jsonl")]
    output: Option<PathBuf>,
    /// Use this model file instead of the one built into netra.
    #[arg(long, value_name = "MODEL.bin", env = "NETRA_STANCE_MODEL")]
    model: Option<PathBuf>,
    #[command(flatten)]
    ocr: super::OcrArgs,
}

pub fn run(ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    let reader = args.ocr.reader()?;
    let election = Election::from_path(&args.election)?;
    let model = netra_app::classify::load_model(args.model.as_deref())?;
    let classifier = StanceClassifier::new(model, &election);
    let out: Box<dyn std::io::Write> = match &args.output {
        Some(p) => {
            Box::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    // Media paths are relative to the input file's folder (standard input:
    // the working directory).
    let mut images = ClassifyImages::new(
        reader,
        args.input.as_deref().unwrap_or(Path::new("<stdin>")),
    );
    let stats = match &args.input {
        Some(p) => {
            let f = std::fs::File::open(p).with_context(|| format!("opening {}", p.display()))?;
            netra_app::classify::run_with_images(
                &classifier,
                BufReader::with_capacity(1 << 16, f),
                &p.display().to_string(),
                out,
                ctx.lang,
                &mut images,
            )?
        }
        None => netra_app::classify::run_with_images(
            &classifier,
            std::io::stdin().lock(),
            "<stdin>",
            out,
            ctx.lang,
            &mut images,
        )?,
    };
    let mut err = std::io::stderr().lock();
    for p in &stats.problems {
        let _ = writeln!(err, "netra: {p}");
    }
    if stats.problems_total > stats.problems.len() as u64 {
        let _ = writeln!(
            err,
            "netra: … and {} more problems",
            stats.problems_total - stats.problems.len() as u64
        );
    }
    if let Some(line) = stats.images.render(images.reader(), ctx.lang) {
        let _ = writeln!(err, "netra classify: {line}");
    }
    let [s, o, n, x] = stats.labels;
    let _ = writeln!(
        err,
        "netra classify: {} activities → support {s}, oppose {o}, political_neutral {n}, not_political {x}; {} problems",
        stats.written, stats.problems_total
    );
    Ok(if stats.problems_total > 0 {
        Outcome::Problems
    } else {
        Outcome::Clean
    })
}
