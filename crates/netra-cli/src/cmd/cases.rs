//! `netra cases` and `netra case show|move`: the review workflow.

use std::path::PathBuf;

use anyhow::Context as _;
use netra_app::cases::{ListFormat, Zones};
use netra_core::CaseState;
use netra_store::{CaseFilter, CaseMove, StoreError};

use super::{Context, Outcome};

/// The workflow table, shown in `netra case move --help`.
const STATES_HELP: &str = "\
Case states and the allowed moves:
  new                      -> in_review, dismissed
  in_review                -> clarification_requested, confirmed, dismissed
  clarification_requested  -> in_review, confirmed, dismissed
  confirmed                -> reported, dismissed (withdrawn before reporting)
  reported                 -> sanction_recorded
  dismissed, sanction_recorded: final

Every move needs --reason and is recorded with the user (--user / NETRA_USER)
in the case history and the audit log. Only a user other than the analyst who
opened the case or sent it to review may confirm it (four-eyes). Exit 1 when
the case changed since the version you saw (conflict), or the move is not
allowed; nothing is changed then.";

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Table,
    Jsonl,
    Csv,
}

fn parse_state(s: &str) -> Result<CaseState, String> {
    CaseState::parse(s).ok_or_else(|| {
        format!(
            "unknown case state {s:?}; one of: {}",
            CaseState::allowed_list()
        )
    })
}

/// `netra cases`.
#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// table for people; jsonl or csv for tools and spreadsheets (logged as an export).
    #[arg(long, value_enum, default_value = "table")]
    format: FormatArg,
    /// Only cases in this state (new, in_review, clarification_requested,
    /// confirmed, dismissed, reported, sanction_recorded).
    #[arg(long, value_parser = parse_state, value_name = "STATE")]
    state: Option<CaseState>,
    /// Only cases of this election id.
    #[arg(long, value_name = "ID")]
    election: Option<String>,
    /// Only the cases of this ASN.
    #[arg(long, value_name = "NIP")]
    nip: Option<String>,
}

/// `netra case …`.
#[derive(Debug, clap::Subcommand)]
pub enum CaseCommand {
    /// Show one case: the ASN, each signal with its reasons, text and evidence
    /// hash (re-checked), the history, and the next possible moves. The view
    /// is recorded in the audit log.
    Show {
        /// The case id (from `netra cases`).
        id: i64,
        /// Violation catalogue (TOML) for the violations' titles, legal basis
        /// and sanctions, when the scan used another than the one shipped.
        #[arg(long, value_name = "C.toml", env = "NETRA_CATALOGUE")]
        catalogue: Option<PathBuf>,
    },
    /// Move a case to another review state, with a reason (see the table below).
    #[command(after_help = STATES_HELP)]
    Move(MoveArgs),
}

#[derive(Debug, clap::Args)]
pub struct MoveArgs {
    /// The case id (from `netra cases`).
    id: i64,
    /// The new state.
    #[arg(long, value_parser = parse_state, value_name = "STATE")]
    to: CaseState,
    /// Why (required; kept in the case history, its hash in the audit log).
    #[arg(long)]
    reason: String,
    /// The case version you looked at (`netra case show` prints it). If the
    /// case changed since, nothing happens and netra says who moved it.
    /// Default: the version current when the command starts.
    #[arg(long, value_name = "N")]
    expect_version: Option<i64>,
    /// The ASN's clarification, recorded when the case leaves
    /// clarification_requested (stored with the case and as evidence).
    #[arg(long, value_name = "TEXT", conflicts_with = "clarification_file")]
    clarification: Option<String>,
    /// Read the ASN's clarification from a UTF-8 text file.
    #[arg(long, value_name = "FILE")]
    clarification_file: Option<PathBuf>,
}

pub fn list(ctx: &Context, args: &ListArgs) -> anyhow::Result<Outcome> {
    let format = match args.format {
        FormatArg::Table => ListFormat::Table,
        FormatArg::Jsonl => ListFormat::Jsonl,
        FormatArg::Csv => ListFormat::Csv,
    };
    let filter = CaseFilter {
        election_id: args.election.clone(),
        state: args.state,
        nip: args.nip.clone(),
    };
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let out = netra_app::cases::list(&store, &filter, format, &ctx.user, ctx.lang).await?;
        ctx.checkpoint(&store).await?;
        store.close().await;
        print!("{out}");
        Ok(Outcome::Clean)
    })
}

pub fn run(ctx: &Context, cmd: &CaseCommand) -> anyhow::Result<Outcome> {
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let outcome = match cmd {
            CaseCommand::Show { id, catalogue } => {
                let catalogue = netra_app::case_builder::load_catalogue(catalogue.as_deref())?;
                let detail = store.view_case(*id, &ctx.user).await?;
                let zones = Zones::new(&store.elections().await?);
                print!(
                    "{}",
                    netra_app::cases::render_detail(
                        &detail,
                        &catalogue,
                        &zones,
                        chrono::Utc::now(),
                        ctx.lang
                    )
                );
                Outcome::Clean
            }
            CaseCommand::Move(m) => move_case(ctx, &store, m).await?,
        };
        ctx.checkpoint(&store).await?;
        store.close().await;
        Ok(outcome)
    })
}

async fn move_case(
    ctx: &Context,
    store: &netra_store::Store,
    m: &MoveArgs,
) -> anyhow::Result<Outcome> {
    let clarification = match (&m.clarification, &m.clarification_file) {
        (Some(t), _) => Some(t.clone()),
        (None, Some(p)) => Some(
            std::fs::read_to_string(p)
                .with_context(|| format!("reading the clarification {}", p.display()))?,
        ),
        (None, None) => None,
    };
    let expected_version = match m.expect_version {
        Some(v) => v,
        None => store.case(m.id).await?.case.version,
    };
    let request = CaseMove {
        case_id: m.id,
        expected_version,
        to: m.to,
        actor: ctx.user.clone(),
        reason: m.reason.clone(),
        clarification,
    };
    match store.move_case(&request).await {
        Ok(c) => {
            println!(
                "{} {} → {} ({} {}, {} {})",
                ctx.lang.pick("Kasus", "Case"),
                c.id,
                ctx.lang.state(c.state),
                ctx.lang.pick("versi", "version"),
                c.version,
                ctx.lang.pick("oleh", "by"),
                ctx.user
            );
            Ok(Outcome::Clean)
        }
        Err(
            e @ (StoreError::Conflict { .. }
            | StoreError::NotAllowed { .. }
            | StoreError::FourEyes { .. }
            | StoreError::Invalid(_)),
        ) => {
            // Times in the case's election zone.
            let zones = Zones::new(&store.elections().await.unwrap_or_default());
            let election = store
                .case(m.id)
                .await
                .map(|d| d.case.election_id)
                .unwrap_or_default();
            let local = |t: &str| zones.local(&election, t, ctx.lang);
            eprintln!("netra: {}", netra_app::cases::refusal(&e, ctx.lang, &local));
            Ok(Outcome::Problems)
        }
        Err(e) => Err(e.into()),
    }
}
