//! `netra user add|list|disable|enable|password|unlock`: who may log in to the web
//! app (`netra serve`) and with which role.

use std::io::{BufRead as _, IsTerminal as _};

use anyhow::{bail, Context as _};
use netra_store::Role;

use super::{Context, Outcome};

const ROLES_HELP: &str = "\
Roles:
  admin     manages users; reads everything; decides nothing
  analyst   reads cases, adds notes, sends new cases to review
  reviewer  decides: every move of the review workflow (four-eyes on confirming)
  auditor   reads only: cases, charts, downloads and the audit log

The password is read from standard input (first line), or asked for twice
without showing it when standard input is a terminal. Every change is
recorded in the audit log with who made it (--user / NETRA_USER).";

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s)
        .ok_or_else(|| format!("unknown role {s:?}; one of: admin, analyst, reviewer, auditor"))
}

/// `netra user …`.
#[derive(Debug, clap::Subcommand)]
pub enum UserCommand {
    /// Add a user (the first one: `netra user add NAME --role admin`).
    #[command(after_help = ROLES_HELP)]
    Add {
        /// Login name: letters, digits, '.', '_' or '-'.
        name: String,
        /// admin, analyst, reviewer or auditor.
        #[arg(long, value_parser = parse_role)]
        role: Role,
    },
    /// List the users with their roles and whether they are disabled.
    List,
    /// Stop a user logging in (and end their sessions). Users are never
    /// deleted, so the audit log's names stay meaningful.
    Disable { name: String },
    /// Let a disabled user log in again.
    Enable { name: String },
    /// Set a user's password (ends their sessions).
    #[command(after_help = ROLES_HELP)]
    Password { name: String },
    /// Lift a login lockout of a user name (after too many wrong
    /// passwords) before it ends. A lock of the client's address stays.
    Unlock {
        /// The name as typed at the login form (known or not).
        name: String,
    },
}

/// The new password: asked twice on a terminal, else the first line of stdin.
fn read_password(ctx: &Context, name: &str) -> anyhow::Result<String> {
    let lang = ctx.lang;
    if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!(
            "{} {name} ({} {}): ",
            lang.pick("Kata sandi untuk", "Password for"),
            lang.pick("min.", "at least"),
            lang.counted(
                netra_store::MIN_PASSWORD_CHARS as u64,
                "karakter",
                "character",
                "characters"
            ),
        ))
        .context("reading the password")?;
        let again = rpassword::prompt_password(lang.pick("Ulangi kata sandi: ", "Repeat it: "))
            .context("reading the password")?;
        if first != again {
            bail!(
                "{}",
                lang.pick("kedua kata sandi tidak sama", "the two passwords differ")
            );
        }
        Ok(first)
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("reading the password from standard input")?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}

pub fn run(ctx: &Context, cmd: &UserCommand) -> anyhow::Result<Outcome> {
    let lang = ctx.lang;
    super::runtime()?.block_on(async {
        let store = ctx.store().await?;
        let done = match cmd {
            UserCommand::Add { name, role } => {
                netra_store::check_user_name(name)?;
                let password = read_password(ctx, name)?;
                let u = store.add_user(name, *role, &password, &ctx.user).await?;
                println!(
                    "{} {} ({})",
                    lang.pick("Pengguna ditambahkan:", "User added:"),
                    u.name,
                    u.role
                );
                true
            }
            UserCommand::List => {
                let users = store.users().await?;
                if users.is_empty() {
                    println!(
                        "{}",
                        lang.pick(
                            "Belum ada pengguna. Buat admin pertama: netra user add NAMA --role admin",
                            "No users yet. Create the first admin: netra user add NAME --role admin"
                        )
                    );
                }
                for u in &users {
                    println!(
                        "{}\t{}\t{}\t{} {}",
                        u.name,
                        u.role,
                        if u.disabled {
                            lang.pick("nonaktif", "disabled")
                        } else {
                            lang.pick("aktif", "active")
                        },
                        lang.pick("dibuat oleh", "created by"),
                        u.created_by
                    );
                }
                false
            }
            UserCommand::Disable { name } | UserCommand::Enable { name } => {
                let disable = matches!(cmd, UserCommand::Disable { .. });
                let u = store.set_user_disabled(name, disable, &ctx.user).await?;
                println!(
                    "{} {}",
                    u.name,
                    if u.disabled {
                        lang.pick("dinonaktifkan", "disabled")
                    } else {
                        lang.pick("diaktifkan", "enabled")
                    }
                );
                true
            }
            UserCommand::Password { name } => {
                if store.user(name).await?.is_none() {
                    bail!("{} {name}", lang.pick("tidak ada pengguna", "no user"));
                }
                let password = read_password(ctx, name)?;
                store.set_user_password(name, &password, &ctx.user).await?;
                println!("{} {name}", lang.pick("Kata sandi diganti untuk", "Password set for"));
                true
            }
            UserCommand::Unlock { name } => {
                let until = store.unlock_login(name, &ctx.user).await?;
                if let Some(until) = until {
                    println!(
                        "{} {name} ({} {})",
                        lang.pick("Penguncian login dicabut untuk", "Login lockout lifted for"),
                        lang.pick("terkunci sampai", "locked until"),
                        until.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
                    );
                } else {
                    println!(
                        "{} {name}: {}",
                        lang.pick("Tidak ada penguncian login untuk", "No login lockout for"),
                        lang.pick("tidak ada yang diubah", "nothing changed")
                    );
                }
                until.is_some()
            }
        };
        if done {
            ctx.checkpoint(&store).await?;
        }
        store.close().await;
        Ok(Outcome::Clean)
    })
}
