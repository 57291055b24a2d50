//! `netra demo`.

use std::path::PathBuf;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to write the files. Default: DATA_DIR/demo.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn run(ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    let files = match &args.out {
        Some(dir) => netra_app::demo::ensure_demo_files_in(dir)?,
        None => netra_app::demo::ensure_demo_files(&ctx.data_dir()?)?,
    };
    for p in [
        &files.election,
        &files.registry,
        &files.activities,
        &files.truth,
    ] {
        println!("{}", p.display());
    }
    Ok(Outcome::Clean)
}
