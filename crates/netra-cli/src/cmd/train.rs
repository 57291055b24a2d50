//! `netra train`.

use std::path::PathBuf;

use netra_app::train::{DataPaths, LexiconOptions, TrainOptions};
use netra_detect::stance::features::FeatureConfig;
use netra_detect::stance::TrainParams;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "command-line flags, each documented"
)]
pub struct Args {
    /// The netra repository (annotations in data/annotations/, configs in
    /// elections/). Default: the nearest one at or above the current directory.
    #[arg(long, value_name = "DIR")]
    repo: Option<PathBuf>,
    /// Also read the annotation files (*.jsonl) in DIR, after
    /// data/annotations/ (repeatable), e.g. data/annotations/next/: rows
    /// annotated after the shipped model was trained.
    #[arg(long = "annotations", value_name = "DIR")]
    annotations: Vec<PathBuf>,
    /// Where to write the model. Default: models/stance.bin in the repository (the one
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
    /// Record every row's split in data/split.tsv (the frozen split), so
    /// that rows added later never move a row already split.
    #[arg(long)]
    freeze_split: bool,
    /// Skip tuning per-label score offsets on the validation split.
    #[arg(long)]
    no_calibrate: bool,
    /// Weight of rows the annotator marked ambiguous.
    #[arg(long, default_value_t = 0.5, value_name = "W")]
    ambiguous_weight: f32,
    /// Weight each row of a near-duplicate group of n rows by n^-P (0: no down-weighting).
    #[arg(long, default_value_t = 0.0, value_name = "P")]
    group_power: f32,
    /// InSet words with |weight| at least this become positive/negative cues (0: none).
    #[arg(long, default_value_t = LexiconOptions::default().inset_min, value_name = "N")]
    inset_min: u8,
    /// Leave the shared abusive-word list out of the cue classes.
    #[arg(long)]
    no_abusive: bool,
    /// Character n-gram lengths of words, `MIN-MAX` (`0-0`: none).
    #[arg(long, default_value = "3-5", value_name = "MIN-MAX")]
    chars: String,
    /// Character n-gram lengths across the slotted text, `MIN-MAX` (`0-0`: none).
    #[arg(long, default_value = "0-0", value_name = "MIN-MAX")]
    span_chars: String,
    /// Leave out the shape features (title case, capitals, quotes).
    #[arg(long)]
    no_shape: bool,
}

fn range(s: &str) -> anyhow::Result<(u8, u8)> {
    let (a, b) = s
        .split_once('-')
        .ok_or_else(|| anyhow::anyhow!("expected MIN-MAX, got `{s}`"))?;
    Ok((a.trim().parse()?, b.trim().parse()?))
}

pub fn run(ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    let mut paths = DataPaths::resolve(args.repo.as_deref())?;
    paths.extra.clone_from(&args.annotations);
    let (char_min, char_max) = range(&args.chars)?;
    let (span_char_min, span_char_max) = range(&args.span_chars)?;
    let mut opts = TrainOptions::new(
        args.output
            .clone()
            .unwrap_or_else(|| paths.repo.join("models/stance.bin")),
    );
    opts.exclude.clone_from(&args.exclude_election);
    opts.tune = !args.no_tune;
    opts.params = TrainParams {
        l2_doc: args.l2_doc,
        l2_target: args.l2_target,
        ..TrainParams::default()
    };
    opts.export_split.clone_from(&args.export_split);
    opts.train_only = args.train_only;
    opts.freeze_split = args.freeze_split;
    opts.calibrate = !args.no_calibrate;
    opts.ambiguous_weight = args.ambiguous_weight;
    opts.group_power = args.group_power;
    opts.lexicons = LexiconOptions {
        abusive: !args.no_abusive,
        inset_min: args.inset_min,
    };
    opts.features = FeatureConfig {
        char_min,
        char_max,
        span_char_min,
        span_char_max,
        shape: !args.no_shape,
        ..FeatureConfig::default()
    };
    let report = netra_app::train::run(&paths, &opts, &ctx.progress())?;
    print!("{}", report.render());
    Ok(if report.problems.is_empty() {
        Outcome::Clean
    } else {
        Outcome::Problems
    })
}
