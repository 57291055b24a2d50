//! `netra eval`.

use std::path::PathBuf;

use netra_app::eval::EvalOptions;
use netra_app::train::{DataPaths, Split};

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Election config (TOML) of the gold file.
    #[arg(long, value_name = "E.toml", requires = "gold")]
    election: Option<PathBuf>,
    /// Gold labels: activity JSONL lines carrying `label` and `target`, or
    /// annotation lines (`label`, `target`, `election`, and `text` or
    /// `source` + `id`; see docs/annotation.md). Default: the held-out test
    /// split of the repository's annotations, over all elections.
    #[arg(long, value_name = "G.jsonl", requires = "election")]
    gold: Option<PathBuf>,
    /// Model file. Default: the one built into netra.
    #[arg(long, value_name = "MODEL.bin", env = "NETRA_STANCE_MODEL")]
    model: Option<PathBuf>,
    /// Without --gold: which split to measure (test or validation).
    #[arg(long, value_name = "SPLIT", default_value = "test")]
    split: String,
    /// The netra repository (without --gold). Default: found from the current directory.
    #[arg(long, value_name = "DIR")]
    repo: Option<PathBuf>,
    /// Also read the annotation files (*.jsonl) in DIR, after
    /// data/annotations/ (repeatable), e.g. data/annotations/next/: rows
    /// annotated after the shipped model was trained.
    #[arg(long = "annotations", value_name = "DIR")]
    annotations: Vec<PathBuf>,
    /// Without --gold: write the misclassified rows (text, gold, predicted)
    /// to this JSONL file, for error analysis.
    #[arg(long, value_name = "ERRORS.jsonl", conflicts_with = "gold")]
    errors: Option<PathBuf>,
}

pub fn run(_ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    let split = match args.split.as_str() {
        "test" => Split::Test,
        "validation" => Split::Validation,
        other => anyhow::bail!("--split must be test or validation, not `{other}`"),
    };
    let paths = DataPaths::resolve(args.repo.as_deref()).ok().map(|mut p| {
        p.extra.clone_from(&args.annotations);
        p
    });
    let opts = EvalOptions {
        model: args.model.clone(),
        election: args.election.clone(),
        gold: args.gold.clone(),
        split: Some(split),
        errors: args.errors.clone(),
    };
    let report = netra_app::eval::run(paths.as_ref(), &opts)?;
    print!("{}", report.render());
    Ok(if report.problems.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
