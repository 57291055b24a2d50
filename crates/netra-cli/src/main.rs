//! `netra`: find civil servants (ASN) who take sides in an election on social
//! media, keep the evidence, and put every signal before a human reviewer.
//!
//! This binary only parses arguments, picks the data directory and maps
//! results to exit codes: 0 ok, 1 finished with problems it reported,
//! 2 could not run. The work is in `netra-app`.

#![allow(
    clippy::doc_markdown,
    reason = "doc comments here are clap's --help text, read in a terminal where backticks would show"
)]

mod cmd;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// netra — ASN neutrality monitoring for Indonesian elections (Pilkada).
///
/// netra reads an election config, the ASN registry and social-media
/// activities, finds activities that support or attack a candidate pair, and
/// stores each signal with its reasons for a person to review. A signal is
/// never a finding: people decide.
///
/// Start with `netra scan`: with no arguments it runs on the bundled demo
/// (the Jakarta 2024 config and fictional data).
#[derive(Debug, Parser)]
#[command(
    name = "netra",
    version,
    propagate_version = true,
    max_term_width = 100
)]
struct Cli {
    /// Directory holding all state (database, demo files). Default: the
    /// platform's data directory (e.g. ~/.local/share/netra).
    #[arg(long, global = true, env = "NETRA_DATA_DIR", value_name = "DIR")]
    data_dir: Option<PathBuf>,

    /// Database: sqlite://PATH or postgres://USER@HOST/DB. Default: netra.db
    /// (SQLite) in the data directory.
    #[arg(
        long,
        global = true,
        env = "DATABASE_URL",
        value_name = "URL",
        hide_env_values = true
    )]
    database_url: Option<String>,

    /// Language of what netra prints: id (Bahasa Indonesia) or en (English).
    #[arg(
        long,
        global = true,
        env = "NETRA_LANG",
        default_value = "id",
        value_name = "LANG"
    )]
    lang: LangArg,

    /// Print no progress bars.
    #[arg(long, short, global = true)]
    quiet: bool,

    /// Who you are: recorded with imported evidence, case decisions and in
    /// the audit log. Default: the operating system's user.
    #[arg(long, global = true, env = "NETRA_USER", value_name = "NAME")]
    user: Option<String>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum LangArg {
    Id,
    En,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Load config, registry and activities; detect; store signals; print a summary.
    ///
    /// With no arguments, scans the bundled demo (Jakarta 2024 config, 300
    /// fictional ASN, 20,000 fictional activities). Running it again stores
    /// nothing twice. Activities of accounts outside the registry are not
    /// kept; bad lines are reported with file:line and skipped.
    Scan(cmd::scan::Args),
    /// Import platform exports and activity tables: convert, keep registered accounts, judge, open cases.
    ///
    /// Reads files, folders and .zip files as the platforms deliver them (X
    /// archive, X API v2 JSON, Facebook and Instagram "Download your
    /// information" JSON, TikTok user_data.json, CSV/XLSX tables, canonical
    /// JSONL), detecting each file's format (or --format). Then the same path as
    /// `scan`: only accounts in the registry are kept, stored once, judged, and
    /// the cases refreshed. Prints per file the format, records read, activities,
    /// what was skipped with file:line and reason, and the zone assumed for times
    /// without one. --to-jsonl OUT converts without storing.
    ///
    /// Example: netra import --registry asn.csv twitter-2024.zip facebook-budi/ pantauan.xlsx
    Import(cmd::import::Args),
    /// Write the bundled demo files (config, registry, activities, ground truth) to a directory.
    Demo(cmd::demo::Args),
    /// Classify the stance of each activity (support / oppose / political_neutral / not_political, with the pair).
    ///
    /// Reads activity JSONL (--input, or standard input) and writes one result
    /// per activity (--output, or standard output): {"id", "label", "target",
    /// "score", "reasons"}. Bad lines are reported with file:line on stderr.
    Classify(cmd::classify::Args),
    /// Show how netra reads one text: normalised text, pair mentions with reasons, stance.
    ///
    /// Example: netra explain --election elections/jakarta-2024.toml "coblos 3 ya gaes ✌️🔥"
    Explain(cmd::explain::Args),
    /// Build the stance model from the annotations (deterministic; writes models/stance.bin).
    Train(cmd::train::Args),
    /// Measure the stance model: per-class precision/recall/F1, macro-F1, confusion matrix.
    Eval(cmd::eval::Args),
    /// List the cases: id, ASN (NIP, name, unit), pair, class, severity, state, signals, deadline.
    Cases(cmd::cases::ListArgs),
    /// Look at one case, or move it through the review workflow.
    #[command(subcommand)]
    Case(cmd::cases::CaseCommand),
    /// Evidence integrity (`netra evidence verify`).
    #[command(subcommand)]
    Evidence(cmd::integrity::EvidenceCommand),
    /// The audit log: integrity (`netra audit verify`) and reading it (`netra audit log`).
    #[command(subcommand)]
    Audit(cmd::integrity::AuditCommand),
    /// Delete personal data whose retention ran out (see --help; --dry-run lists it first).
    Purge(cmd::purge::Args),
    /// Web app and JSON API: dashboard, cases, review, charts, downloads (login with roles).
    ///
    /// Pages in Bahasa Indonesia (English from the page's header); the API is
    /// described at /api/openapi.json. Users come from `netra user add`.
    ///
    /// Example: netra user add admin --role admin && netra serve --addr 127.0.0.1:8080
    Serve(cmd::serve::Args),
    /// Users of the web app and their roles (admin, analyst, reviewer, auditor).
    #[command(subcommand)]
    User(cmd::user::UserCommand),
    /// Documents: the Bawaslu report, clarification letter or letter to BKN for a case (PDF), the weekly summary (PDF, CSV, XLSX).
    ///
    /// netra writes the document; a person signs and sends it. Letterhead and
    /// signer come from DATA_DIR/office.toml (or --office FILE).
    #[command(subcommand)]
    Report(cmd::report::ReportCommand),
    /// Put activities on a NATS JetStream stream for `netra worker`s (scale-out).
    ///
    /// Reads files, folders and .zip files as `netra import` does (canonical
    /// JSONL, platform exports, tables; bad lines reported with file:line and
    /// skipped) and publishes each activity on STREAM.activities.ELECTION, the
    /// stream created when missing. Publishing the same file again within an
    /// hour adds nothing (JetStream drops the duplicates).
    ///
    /// Example: netra publish --nats nats://10.0.0.5:4222 exports/ --input x.jsonl
    Publish(cmd::publish::Args),
    /// Take activities off the NATS JetStream stream: keep, store and judge them like `scan`, open cases.
    ///
    /// Any number of workers share one durable consumer per election; results
    /// land in the store (PostgreSQL with DATABASE_URL when several machines
    /// work). Each batch is committed before it is acknowledged, and every
    /// write is idempotent: a worker killed mid-batch loses nothing and
    /// duplicates nothing (its batch is delivered again after --ack-wait). A
    /// message that is not an activity is reported, recorded in the audit log
    /// and never delivered again. Ctrl-C or SIGTERM: finish the batch in hand
    /// and stop (twice: abandon it unacknowledged).
    ///
    /// Example: DATABASE_URL=postgres://netra@db/netra netra worker --nats nats://10.0.0.5:4222
    Worker(cmd::worker::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = cmd::Context {
        data_dir: cli.data_dir,
        database_url: cli.database_url,
        lang: match cli.lang {
            LangArg::Id => netra_app::Lang::Id,
            LangArg::En => netra_app::Lang::En,
        },
        quiet: cli.quiet,
        user: cli.user.unwrap_or_else(netra_app::default_user),
    };
    let result = match cli.command {
        Command::Scan(args) => cmd::scan::run(&ctx, &args),
        Command::Import(args) => cmd::import::run(&ctx, &args),
        Command::Demo(args) => cmd::demo::run(&ctx, &args),
        Command::Classify(args) => cmd::classify::run(&ctx, &args),
        Command::Explain(args) => cmd::explain::run(&ctx, &args),
        Command::Train(args) => cmd::train::run(&ctx, &args),
        Command::Eval(args) => cmd::eval::run(&ctx, &args),
        Command::Cases(args) => cmd::cases::list(&ctx, &args),
        Command::Case(c) => cmd::cases::run(&ctx, &c),
        Command::Evidence(c) => cmd::integrity::evidence(&ctx, &c),
        Command::Audit(c) => cmd::integrity::audit(&ctx, &c),
        Command::Purge(args) => cmd::purge::run(&ctx, &args),
        Command::Serve(args) => cmd::serve::run(&ctx, &args),
        Command::User(c) => cmd::user::run(&ctx, &c),
        Command::Report(c) => cmd::report::run(&ctx, &c),
        Command::Publish(args) => cmd::publish::run(&ctx, &args),
        Command::Worker(args) => cmd::worker::run(&ctx, &args),
    };
    match result {
        Ok(cmd::Outcome::Clean) => ExitCode::SUCCESS,
        Ok(cmd::Outcome::Problems) => ExitCode::from(1),
        Err(e) => {
            eprintln!("netra: {}", error_chain(&e));
            ExitCode::from(2)
        }
    }
}

/// The error and its causes, each cause only once: library errors often
/// already include their source in their own message.
fn error_chain(e: &anyhow::Error) -> String {
    let mut msg = e.to_string();
    for cause in e.chain().skip(1) {
        let c = cause.to_string();
        if !msg.contains(&c) {
            msg.push_str(": ");
            msg.push_str(&c);
        }
    }
    msg
}
