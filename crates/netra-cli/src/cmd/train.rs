//! `netra train`.

use std::path::PathBuf;

use netra_app::train::{DataPaths, TrainOptions};
use netra_detect::stance::TrainParams;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The netra repository (annotations in data/annotations/, configs in
    /// elections/). Default: the nearest one at or above the current directory.
    #[arg(long, value_name = "DIR")]
    repo: Option<PathBuf>,
    /// Where to write the model. Default: <repo>/models/stance.bin (the one
    /// built into the next `cargo build`).
    #[arg(long, value_name = "MODEL.bin")]
    output: Option<PathBuf>,
    /// Leave this election out of training entirely (cross-election check). Repeatable.
    #[arg(long, value_name = "ID")]
    exclude_election: Vec<String>,
    /// Skip tuning the L2 penalties on the validation split; use --l2-doc and --l2-target.
    #[arg(long)]
    no_tune: bool,
    /// L2 penalty of the document model (with --no-tune).
    #[arg(long, default_value_t = 1e-5)]
    l2_doc: f64,
    /// L2 penalty of the target scorer (with --no-tune).
    #[arg(long, default_value_t = 1e-4)]
    l2_target: f64,
    /// Also write the split (texts, labels, split names) as JSONL, e.g. for the baseline.
    #[arg(long, value_name = "SPLIT.jsonl")]
    export_split: Option<PathBuf>,
    /// Fit on the train split only (development: keeps the validation split unseen).
    #[arg(long)]
    train_only: bool,
}

pub fn run(ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    let paths = DataPaths::resolve(args.repo.as_deref())?;
    let opts = TrainOptions {
        output: args
            .output
            .clone()
            .unwrap_or_else(|| paths.repo.join("models/stance.bin")),
        exclude: args.exclude_election.clone(),
        tune: !args.no_tune,
        params: TrainParams {
            l2_doc: args.l2_doc,
            l2_target: args.l2_target,
            ..TrainParams::default()
        },
        export_split: args.export_split.clone(),
        train_only: args.train_only,
    };
    let report = netra_app::train::run(&paths, &opts, &ctx.progress())?;
    print!("{}", report.render());
    Ok(if report.problems.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
