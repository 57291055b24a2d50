//! `netra evidence verify`, `netra audit verify` and `netra audit log`.

use super::{Context, Outcome};

/// `netra evidence …`.
#[derive(Debug, clap::Subcommand)]
pub enum EvidenceCommand {
    /// Re-hash every piece of evidence (activity JSON, texts, image and
    /// screenshot files) and every stored activity; name each mismatch or
    /// missing file. Exit 1 when anything is wrong. Reads only.
    Verify,
}

/// `netra audit …`.
#[derive(Debug, clap::Subcommand)]
pub enum AuditCommand {
    /// Re-compute the audit log's hash chain and check its signed
    /// checkpoints (key: DATA_DIR/audit.key); name every edited, deleted or
    /// reordered entry. Exit 1 when anything is wrong. Reads only.
    Verify,
    /// Show who did and saw what: the newest matching entries of the audit
    /// log, oldest first (times in the elections' zone). Reads only.
    Log(LogArgs),
}

#[derive(Debug, clap::Args)]
pub struct LogArgs {
    /// Only this user's entries.
    #[arg(long, value_name = "USER")]
    actor: Option<String>,
    /// Only this action, or the actions under it: `case` = case.view,
    /// case.transition, …; `import`, `signals`, `evidence.add`, `purge`.
    #[arg(long, value_name = "ACTION")]
    action: Option<String>,
    /// Only entries about this subject, e.g. `case:12`, `source:FILE`.
    #[arg(long, value_name = "SUBJECT", conflicts_with = "case")]
    subject: Option<String>,
    /// Only entries about this case (same as --subject case:N).
    #[arg(long, value_name = "N")]
    case: Option<u64>,
    /// From this day on (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    since: Option<chrono::NaiveDate>,
    /// Up to and including this day (YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    until: Option<chrono::NaiveDate>,
    /// At most this many entries (the newest).
    #[arg(long, value_name = "N", default_value_t = 100)]
    limit: u32,
    /// One JSON object a line (seq, at, actor, action, subject, detail, hash).
    #[arg(long)]
    jsonl: bool,
}

pub fn evidence(ctx: &Context, cmd: &EvidenceCommand) -> anyhow::Result<Outcome> {
    let EvidenceCommand::Verify = cmd;
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let (report, text) = netra_app::integrity::verify_evidence(&store, ctx.lang).await?;
        store.close().await;
        print!("{text}");
        Ok(if report.is_intact() {
            Outcome::Clean
        } else {
            Outcome::Problems
        })
    })
}

pub fn audit(ctx: &Context, cmd: &AuditCommand) -> anyhow::Result<Outcome> {
    let args = match cmd {
        AuditCommand::Verify => return audit_verify(ctx),
        AuditCommand::Log(args) => args,
    };
    let filter = netra_app::integrity::AuditLogFilter {
        actor: args.actor.clone(),
        action: args.action.clone(),
        subject: args
            .subject
            .clone()
            .or_else(|| args.case.map(|n| format!("case:{n}"))),
        since: args.since,
        until: args.until,
        limit: i64::from(args.limit),
    };
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let (_, text) =
            netra_app::integrity::audit_log(&store, &filter, ctx.lang, args.jsonl).await?;
        store.close().await;
        print!("{text}");
        Ok(Outcome::Clean)
    })
}

fn audit_verify(ctx: &Context) -> anyhow::Result<Outcome> {
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let (report, text) =
            netra_app::integrity::verify_audit(&store, &ctx.data_dir()?, ctx.lang).await?;
        store.close().await;
        print!("{text}");
        Ok(if report.is_intact() {
            Outcome::Clean
        } else {
            Outcome::Problems
        })
    })
}
