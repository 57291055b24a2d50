//! `netra explain`.

use std::path::PathBuf;

use netra_core::Election;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Election config (TOML) whose pairs to look for.
    #[arg(long, value_name = "E.toml")]
    election: PathBuf,
    /// The text to explain (a post, comment or bio), in quotes.
    text: String,
}

pub fn run(ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    let election = Election::from_path(&args.election)?;
    print!(
        "{}",
        netra_app::explain::explain(&election, &args.text, ctx.lang)?
    );
    Ok(Outcome::Clean)
}
