//! `netra evidence verify` and `netra audit verify`.

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
    let AuditCommand::Verify = cmd;
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
