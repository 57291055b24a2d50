//! `netra serve`: the web app and the JSON API.

use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::Context as _;

use super::{Context, Outcome};

/// `netra serve`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Where to listen. 127.0.0.1:PORT serves this computer only;
    /// 0.0.0.0:PORT the office network (put HTTPS in front of it then).
    #[arg(
        long,
        default_value = "127.0.0.1:8080",
        env = "NETRA_ADDR",
        value_name = "HOST:PORT"
    )]
    addr: SocketAddr,
    /// Violation catalogue (TOML) for the case pages, when the scan used
    /// another than the one shipped.
    #[arg(long, value_name = "C.toml", env = "NETRA_CATALOGUE")]
    catalogue: Option<PathBuf>,
    /// Minutes a session may go unused before it ends (the 12-hour limit
    /// of every session stays).
    #[arg(
        long,
        default_value_t = netra_web::DEFAULT_IDLE_MINUTES,
        env = "NETRA_IDLE_MINUTES",
        value_name = "MINUTES",
        value_parser = clap::value_parser!(i64).range(1..=720)
    )]
    idle_minutes: i64,
}

pub fn run(ctx: &Context, args: &Args) -> anyhow::Result<Outcome> {
    let lang = ctx.lang;
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let catalogue = netra_app::case_builder::load_catalogue(args.catalogue.as_deref())?;
        if store.users().await?.is_empty() {
            eprintln!(
                "{}",
                lang.pick(
                    "netra: belum ada pengguna. Buat admin pertama dulu: netra user add NAMA --role admin",
                    "netra: there are no users yet. Create the first admin: netra user add NAME --role admin"
                )
            );
        }
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| {
                format!(
                    "{} {}",
                    lang.pick("tidak dapat mendengarkan di", "cannot listen on"),
                    args.addr
                )
            })?;
        println!(
            "netra: {} http://{}/ ({})",
            lang.pick("aplikasi web di", "web app at"),
            args.addr,
            lang.pick("Ctrl-C untuk berhenti", "Ctrl-C to stop")
        );
        let config = netra_web::WebConfig {
            idle_timeout: chrono::Duration::minutes(args.idle_minutes),
            ..netra_web::WebConfig::default()
        };
        let state =
            netra_web::AppState::with_config(store.clone(), ctx.data_dir()?, catalogue, config);
        netra_web::serve(listener, state)
            .await
            .context("serving the web app")?;
        ctx.checkpoint(&store).await?;
        store.close().await;
        Ok(Outcome::Clean)
    })
}
