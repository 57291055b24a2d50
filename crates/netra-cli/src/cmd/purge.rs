//! `netra purge`: delete personal data whose retention ran out.

use chrono::NaiveDate;
use netra_app::retention::Retention;

use super::{Context, Outcome};

#[derive(Debug, clap::Args)]
#[command(after_help = "\
The policy comes from DATA_DIR/retention.toml; the flags override it:

  [retention]
  activities_without_case_after_days = 90
  dismissed_cases_after_days = 30

Days count from the election's voting day. Deleted: the activities, their
signals and evidence (files too), reports from the public that joined no
case (N days after the latest voting day or after the report came, whichever
is later) with their screenshots, and dismissed cases with their history and
the public reports linked to them. The
audit log records the purge with the hashes, not the content, of what went,
and `netra audit verify` still passes afterwards.")]
pub struct Args {
    /// Delete activities that produced no case this many days after the
    /// voting day of their election.
    #[arg(long, value_name = "N")]
    activities_without_case_after_days: Option<u32>,
    /// Delete dismissed cases this many days after their election's voting day.
    #[arg(long, value_name = "M")]
    dismissed_after_days: Option<u32>,
    /// List what would go; delete nothing.
    #[arg(long)]
    dry_run: bool,
    /// Decide as of this date (YYYY-MM-DD) instead of today.
    #[arg(long, value_name = "DATE")]
    as_of: Option<NaiveDate>,
}

pub fn run(ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    let data_dir = ctx.data_dir()?;
    let policy = Retention::load(&data_dir)?.overridden_by(Retention {
        activities_without_case_after_days: args.activities_without_case_after_days,
        dismissed_cases_after_days: args.dismissed_after_days,
    });
    if policy.is_empty() {
        anyhow::bail!(
            "{} {} {}",
            ctx.lang.pick(
                "belum ada kebijakan retensi: tetapkan di",
                "no retention policy: set it in"
            ),
            data_dir
                .join(netra_app::retention::RETENTION_FILE)
                .display(),
            ctx.lang.pick(
                "atau beri --activities-without-case-after-days / --dismissed-after-days",
                "or give --activities-without-case-after-days / --dismissed-after-days"
            )
        );
    }
    let today = args
        .as_of
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let (listing, stats) =
            netra_app::retention::purge(&store, &policy, today, args.dry_run, &ctx.user).await?;
        if stats.is_some() {
            ctx.checkpoint(&store).await?;
        }
        store.close().await;
        print!(
            "{}",
            netra_app::retention::render(&listing, stats.as_ref(), ctx.lang)
        );
        Ok(Outcome::Clean)
    })
}
