//! People who use the web app, their login sessions, and notes on cases.
//!
//! Passwords are kept only as Argon2id hashes; a session is a random token
//! of which only the SHA-256 is stored, so a copy of the database opens no
//! session. Every change to users, every login and logout and every note is
//! one transaction with its audit entry (names, roles and hashes: never a
//! password, a token or a note's text).

use std::fmt;
use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use rand::RngCore as _;
use sqlx::any::AnyRow;
use sqlx::Row;

use crate::audit::{append, NewEntry};
use crate::error::{Doing, StoreError};
use crate::store::{now, sha256_hex, Store};

/// What a user may do. One role per user.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Manages users; reads everything; decides nothing.
    Admin,
    /// Reads cases, adds notes, sends new cases to review.
    Analyst,
    /// Decides: every move of the review workflow, and notes.
    Reviewer,
    /// Reads only (cases, charts, reports, the audit log).
    Auditor,
}

impl Role {
    /// Every role, in the order they are shown.
    pub const ALL: [Role; 4] = [Role::Admin, Role::Analyst, Role::Reviewer, Role::Auditor];

    /// The stable spelling (`admin`, `analyst`, `reviewer`, `auditor`).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Analyst => "analyst",
            Role::Reviewer => "reviewer",
            Role::Auditor => "auditor",
        }
    }

    /// Reads a stable spelling.
    pub fn parse(s: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A user as stored (without the password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub role: Role,
    pub disabled: bool,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub created_by: String,
    pub updated_at: String,
}

/// A session just opened by [`Store::login`]: the token goes to the browser
/// (a cookie) and is never stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub token: String,
    pub session: Session,
}

/// A live session, as [`Store::session`] finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    /// The token every form of this session carries (CSRF).
    pub csrf: String,
    /// RFC 3339, UTC.
    pub expires_at: String,
}

/// How failed logins are refused for a while ([`Store::login_failed`]):
/// after `max_user_failures` failures for one user name, or
/// `max_addr_failures` from one client address, within `window`, that name
/// or address is refused for `lockout`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginThrottle {
    pub max_user_failures: i64,
    pub max_addr_failures: i64,
    pub window: Duration,
    pub lockout: Duration,
}

impl Default for LoginThrottle {
    /// 5 failures per name or 20 per address in 15 minutes lock for 15
    /// minutes (an address may be an office's shared proxy, hence more).
    fn default() -> LoginThrottle {
        LoginThrottle {
            max_user_failures: 5,
            max_addr_failures: 20,
            window: Duration::minutes(15),
            lockout: Duration::minutes(15),
        }
    }
}

/// What [`Store::login_failed`] counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LoginFailure {
    /// Failures of the user name in the current window, this one included.
    pub user_failures: i64,
    /// Refused until then, when this failure (or an earlier one) locked the
    /// name or the address.
    pub locked_until: Option<DateTime<Utc>>,
}

/// How often [`Store::active_session`] writes the last-seen time, at most.
const TOUCH_EVERY_SECONDS: i64 = 60;

fn stamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The throttle keys of a login attempt: the name as typed (capped, so that
/// an unknown name is counted exactly like a known one) and the address.
fn throttle_keys(name: &str, addr: Option<&str>) -> (String, Option<String>) {
    let name: String = name.chars().take(100).collect();
    (format!("user:{name}"), addr.map(|a| format!("addr:{a}")))
}

/// A note on a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseNote {
    pub id: i64,
    pub case_id: i64,
    pub author: String,
    pub text: String,
    /// RFC 3339, UTC.
    pub at: String,
}

/// Shortest password accepted.
pub const MIN_PASSWORD_CHARS: usize = 10;

/// Longest note accepted, in characters.
pub const MAX_NOTE_CHARS: usize = 10_000;

/// Checks a login name: 1–64 of `a-z A-Z 0-9 . _ -`, starting with a letter or digit.
pub fn check_user_name(name: &str) -> Result<(), StoreError> {
    let ok = !name.is_empty()
        && name.len() <= 64
        && name.starts_with(|c: char| c.is_ascii_alphanumeric())
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "user name {name:?}: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit"
        )))
    }
}

fn check_password(password: &str) -> Result<(), StoreError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(StoreError::Invalid(format!(
            "the password needs at least {MIN_PASSWORD_CHARS} characters"
        )));
    }
    if password.len() > 1024 {
        return Err(StoreError::Invalid(
            "the password is longer than 1024 bytes".into(),
        ));
    }
    Ok(())
}

/// Random bytes from the operating system, as lowercase hex.
fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    rand::rngs::OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}

fn hash_password(password: &str) -> Result<String, StoreError> {
    let mut salt = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt)
        .map_err(|e| StoreError::Invalid(format!("password salt: {e}")))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| StoreError::Invalid(format!("hashing the password: {e}")))
}

fn password_matches(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
}

/// A hash no password matches, checked when the user does not exist so
/// that a wrong name takes as long as a wrong password.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_password(&random_hex(16)).unwrap_or_default())
}

const USER_COLUMNS: &str = "name, role, CAST(disabled AS TEXT), created_at, created_by, updated_at";

fn user_row(r: &AnyRow, at: usize) -> Result<User, StoreError> {
    let d = "reading a user";
    let g = |i: usize| r.try_get::<String, _>(at + i).doing(d);
    let role = g(1)?;
    Ok(User {
        name: g(0)?,
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Corrupt(format!("user role {role:?}")))?,
        disabled: g(2)? != "0",
        created_at: g(3)?,
        created_by: g(4)?,
        updated_at: g(5)?,
    })
}

fn parse_stamp(s: &str) -> Result<DateTime<Utc>, StoreError> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| StoreError::Corrupt(format!("time {s:?}: {e}")))
}

fn note_row(r: &AnyRow) -> Result<CaseNote, StoreError> {
    let d = "reading a note";
    Ok(CaseNote {
        id: r.try_get(0).doing(d)?,
        case_id: r.try_get(1).doing(d)?,
        author: r.try_get(2).doing(d)?,
        text: r.try_get(3).doing(d)?,
        at: r.try_get(4).doing(d)?,
    })
}

impl Store {
    /// Adds a user with `role` and `password` (at least
    /// [`MIN_PASSWORD_CHARS`] characters, kept as an Argon2id hash), as
    /// `actor` (`user.add` in the audit log).
    pub async fn add_user(
        &self,
        name: &str,
        role: Role,
        password: &str,
        actor: &str,
    ) -> Result<User, StoreError> {
        check_user_name(name)?;
        check_password(password)?;
        let hash = hash_password(password)?;
        let mut tx = self.audited_tx().await?;
        let exists: Option<String> =
            sqlx::query_scalar("SELECT name FROM app_user WHERE name = $1")
                .bind(name)
                .fetch_optional(&mut *tx)
                .await
                .doing("looking up a user")?;
        if exists.is_some() {
            return Err(StoreError::Invalid(format!("user {name} already exists")));
        }
        let ts = now();
        sqlx::query(
            "INSERT INTO app_user (name, role, password_hash, disabled, created_at, created_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $5)",
        )
        .bind(name)
        .bind(role.as_str())
        .bind(&hash)
        .bind(0_i32)
        .bind(&ts)
        .bind(actor)
        .execute(&mut *tx)
        .await
        .doing("adding a user")?;
        append(
            &mut tx,
            &NewEntry {
                actor,
                action: "user.add",
                subject: &format!("user:{name}"),
                detail: serde_json::json!({ "role": role.as_str() }),
            },
        )
        .await?;
        self.commit(tx, "committing a new user").await?;
        self.user(name)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("user {name}")))
    }

    /// Every user, by name.
    pub async fn users(&self) -> Result<Vec<User>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM app_user ORDER BY name"
        ))
        .fetch_all(&self.pool)
        .await
        .doing("reading users")?;
        rows.iter().map(|r| user_row(r, 0)).collect()
    }

    /// One user, when there is one by that name.
    pub async fn user(&self, name: &str) -> Result<Option<User>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM app_user WHERE name = $1"
        ))
        .bind(name)
        .fetch_optional(&self.pool)
        .await
        .doing("reading a user")?;
        row.as_ref().map(|r| user_row(r, 0)).transpose()
    }

    /// Disables (ending all their sessions) or re-enables a user, as `actor`
    /// (`user.disable` / `user.enable`). The last enabled admin cannot be disabled.
    pub async fn set_user_disabled(
        &self,
        name: &str,
        disabled: bool,
        actor: &str,
    ) -> Result<User, StoreError> {
        let mut tx = self.audited_tx().await?;
        let role: Option<String> = sqlx::query_scalar("SELECT role FROM app_user WHERE name = $1")
            .bind(name)
            .fetch_optional(&mut *tx)
            .await
            .doing("looking up a user")?;
        let role = role.ok_or_else(|| StoreError::NotFound(format!("user {name}")))?;
        if disabled && role == Role::Admin.as_str() {
            let admins: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM app_user WHERE role = 'admin' AND disabled = 0 AND name <> $1",
            )
            .bind(name)
            .fetch_one(&mut *tx)
            .await
            .doing("counting admins")?;
            if admins == 0 {
                return Err(StoreError::Invalid(format!(
                    "{name} is the last enabled admin: add another admin first"
                )));
            }
        }
        sqlx::query("UPDATE app_user SET disabled = $1, updated_at = $2 WHERE name = $3")
            .bind(i32::from(disabled))
            .bind(now())
            .bind(name)
            .execute(&mut *tx)
            .await
            .doing("updating a user")?;
        let ended = if disabled {
            sqlx::query("DELETE FROM web_session WHERE user_name = $1")
                .bind(name)
                .execute(&mut *tx)
                .await
                .doing("ending a user's sessions")?
                .rows_affected()
        } else {
            0
        };
        append(
            &mut tx,
            &NewEntry {
                actor,
                action: if disabled {
                    "user.disable"
                } else {
                    "user.enable"
                },
                subject: &format!("user:{name}"),
                detail: serde_json::json!({ "sessions_ended": ended }),
            },
        )
        .await?;
        self.commit(tx, "committing a user change").await?;
        self.user(name)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("user {name}")))
    }

    /// Sets a user's password (ending their sessions), as `actor` (`user.password`).
    pub async fn set_user_password(
        &self,
        name: &str,
        password: &str,
        actor: &str,
    ) -> Result<(), StoreError> {
        check_password(password)?;
        let hash = hash_password(password)?;
        let mut tx = self.audited_tx().await?;
        let done =
            sqlx::query("UPDATE app_user SET password_hash = $1, updated_at = $2 WHERE name = $3")
                .bind(&hash)
                .bind(now())
                .bind(name)
                .execute(&mut *tx)
                .await
                .doing("setting a password")?;
        if done.rows_affected() == 0 {
            return Err(StoreError::NotFound(format!("user {name}")));
        }
        sqlx::query("DELETE FROM web_session WHERE user_name = $1")
            .bind(name)
            .execute(&mut *tx)
            .await
            .doing("ending a user's sessions")?;
        append(
            &mut tx,
            &NewEntry {
                actor,
                action: "user.password",
                subject: &format!("user:{name}"),
                detail: serde_json::json!({}),
            },
        )
        .await?;
        self.commit(tx, "committing a password").await
    }

    /// Checks `name` and `password`; on success opens a session valid for
    /// `ttl` (`auth.login`). A wrong password for an existing user is logged
    /// (`auth.fail`); an unknown name is not (it would let anyone fill the
    /// log). Returns `None` for a wrong name or password or a disabled user.
    pub async fn login(
        &self,
        name: &str,
        password: &str,
        ttl: Duration,
    ) -> Result<Option<NewSession>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT password_hash, {USER_COLUMNS} FROM app_user WHERE name = $1"
        ))
        .bind(name)
        .fetch_optional(&self.pool)
        .await
        .doing("reading a user")?;
        let Some(row) = row else {
            // As slow as a wrong password.
            let _ = password_matches(password, dummy_hash());
            return Ok(None);
        };
        let phc: String = row.try_get(0).doing("reading a user")?;
        let user = user_row(&row, 1)?;
        if user.disabled || !password_matches(password, &phc) {
            self.audit(
                &user.name,
                "auth.fail",
                &format!("user:{}", user.name),
                serde_json::json!({ "disabled": user.disabled }),
            )
            .await?;
            return Ok(None);
        }
        let token = random_hex(32);
        let csrf = random_hex(32);
        let ts = now();
        let expires_at = (Utc::now() + ttl).to_rfc3339_opts(SecondsFormat::Millis, true);
        let mut tx = self.audited_tx().await?;
        sqlx::query("DELETE FROM web_session WHERE expires_at < $1")
            .bind(&ts)
            .execute(&mut *tx)
            .await
            .doing("removing expired sessions")?;
        sqlx::query(
            "INSERT INTO web_session (token_sha256, user_name, csrf, created_at, expires_at, last_seen_at) \
             VALUES ($1, $2, $3, $4, $5, $4)",
        )
        .bind(sha256_hex(token.as_bytes()))
        .bind(&user.name)
        .bind(&csrf)
        .bind(&ts)
        .bind(&expires_at)
        .execute(&mut *tx)
        .await
        .doing("opening a session")?;
        sqlx::query("DELETE FROM login_throttle WHERE key = $1")
            .bind(throttle_keys(name, None).0)
            .execute(&mut *tx)
            .await
            .doing("resetting failed logins")?;
        append(
            &mut tx,
            &NewEntry {
                actor: &user.name,
                action: "auth.login",
                subject: &format!("user:{}", user.name),
                detail: serde_json::json!({ "session_sha256": sha256_hex(sha256_hex(token.as_bytes()).as_bytes()) }),
            },
        )
        .await?;
        self.commit(tx, "committing a login").await?;
        Ok(Some(NewSession {
            token,
            session: Session {
                user,
                csrf,
                expires_at,
            },
        }))
    }

    /// The live session of `token`: not expired, its user not disabled
    /// (whatever its idle time; the web app asks [`Store::active_session`]).
    pub async fn session(&self, token: &str) -> Result<Option<Session>, StoreError> {
        self.find_session(token, None).await
    }

    /// The live session of `token` that was also used within `idle`; using
    /// it moves its last-seen time to now, written at most once a minute.
    pub async fn active_session(
        &self,
        token: &str,
        idle: Duration,
    ) -> Result<Option<Session>, StoreError> {
        self.find_session(token, Some(idle)).await
    }

    async fn find_session(
        &self,
        token: &str,
        idle: Option<Duration>,
    ) -> Result<Option<Session>, StoreError> {
        if token.is_empty() || token.len() > 256 {
            return Ok(None);
        }
        let at = Utc::now();
        let sha = sha256_hex(token.as_bytes());
        // Without an idle limit, any last-seen time will do.
        let seen_after = idle.map_or_else(String::new, |d| stamp(at - d));
        let row = sqlx::query(
            "SELECT s.csrf, s.expires_at, COALESCE(s.last_seen_at, s.created_at), u.name, u.role, \
             CAST(u.disabled AS TEXT), u.created_at, u.created_by, u.updated_at \
             FROM web_session s JOIN app_user u ON u.name = s.user_name \
             WHERE s.token_sha256 = $1 AND s.expires_at > $2 AND u.disabled = 0 \
             AND COALESCE(s.last_seen_at, s.created_at) > $3",
        )
        .bind(&sha)
        .bind(stamp(at))
        .bind(&seen_after)
        .fetch_optional(&self.pool)
        .await
        .doing("reading a session")?;
        let Some(row) = row else {
            return Ok(None);
        };
        let last_seen: String = row.try_get(2).doing("reading a session")?;
        let stale = stamp(at - Duration::seconds(TOUCH_EVERY_SECONDS));
        if idle.is_some() && last_seen < stale {
            sqlx::query(
                "UPDATE web_session SET last_seen_at = $1 WHERE token_sha256 = $2 \
                 AND COALESCE(last_seen_at, created_at) < $3",
            )
            .bind(stamp(at))
            .bind(&sha)
            .bind(&stale)
            .execute(&self.pool)
            .await
            .doing("noting a session's use")?;
        }
        Ok(Some(Session {
            csrf: row.try_get(0).doing("reading a session")?,
            expires_at: row.try_get(1).doing("reading a session")?,
            user: user_row(&row, 3)?,
        }))
    }

    /// Until when logins for `name` (as typed, known or not) or from `addr`
    /// are refused, when they are.
    pub async fn login_locked_until(
        &self,
        name: &str,
        addr: Option<&str>,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let (user_key, addr_key) = throttle_keys(name, addr);
        let until: Option<String> = sqlx::query_scalar(
            "SELECT MAX(locked_until) FROM login_throttle \
             WHERE key IN ($1, $2) AND locked_until > $3",
        )
        .bind(&user_key)
        .bind(addr_key.as_ref().unwrap_or(&user_key))
        .bind(now())
        .fetch_one(&self.pool)
        .await
        .doing("reading failed logins")?;
        until.map(|u| parse_stamp(&u)).transpose()
    }

    /// Lifts the lockout of the user name `name` (as typed, known or not)
    /// before it ends, as `actor` (`user.unlock`, with the lock's end), and
    /// forgets its failed logins. Returns until when it was locked, or
    /// `None` when it was not locked (then nothing is changed or logged). A
    /// lock of the client's address stays.
    pub async fn unlock_login(
        &self,
        name: &str,
        actor: &str,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let (user_key, _) = throttle_keys(name, None);
        let mut tx = self.audited_tx().await?;
        let until: Option<String> = sqlx::query_scalar(
            "SELECT locked_until FROM login_throttle WHERE key = $1 AND locked_until > $2",
        )
        .bind(&user_key)
        .bind(now())
        .fetch_optional(&mut *tx)
        .await
        .doing("reading failed logins")?
        .flatten();
        let Some(until) = until else {
            return Ok(None);
        };
        sqlx::query("DELETE FROM login_throttle WHERE key = $1")
            .bind(&user_key)
            .execute(&mut *tx)
            .await
            .doing("lifting a lockout")?;
        append(
            &mut tx,
            &NewEntry {
                actor,
                action: "user.unlock",
                subject: &user_key,
                detail: serde_json::json!({ "locked_until": until }),
            },
        )
        .await?;
        self.commit(tx, "committing an unlock").await?;
        parse_stamp(&until).map(Some)
    }

    /// Counts a failed login for `name` (as typed, known or not) and from
    /// `addr`; a key reaching its limit under `policy` is refused for
    /// `policy.lockout`, logged once as `auth.lockout` (subject `user:NAME`
    /// or `addr:IP`).
    pub async fn login_failed(
        &self,
        name: &str,
        addr: Option<&str>,
        policy: &LoginThrottle,
    ) -> Result<LoginFailure, StoreError> {
        let at = Utc::now();
        let ts = stamp(at);
        let window_start = stamp(at - policy.window);
        sqlx::query(
            "DELETE FROM login_throttle WHERE window_start < $1 \
             AND (locked_until IS NULL OR locked_until < $2)",
        )
        .bind(&window_start)
        .bind(&ts)
        .execute(&self.pool)
        .await
        .doing("forgetting old failed logins")?;
        let (user_key, addr_key) = throttle_keys(name, addr);
        let mut keys = vec![(user_key, policy.max_user_failures)];
        keys.extend(addr_key.map(|k| (k, policy.max_addr_failures)));
        let mut user_failures = 0;
        for (i, (key, max)) in keys.iter().enumerate() {
            let failures: i64 = sqlx::query_scalar(
                "INSERT INTO login_throttle (key, failures, window_start) VALUES ($1, 1, $2) \
                 ON CONFLICT (key) DO UPDATE SET \
                 failures = CASE WHEN login_throttle.window_start < $3 THEN 1 \
                   ELSE login_throttle.failures + 1 END, \
                 window_start = CASE WHEN login_throttle.window_start < $3 THEN $2 \
                   ELSE login_throttle.window_start END \
                 RETURNING failures",
            )
            .bind(key)
            .bind(&ts)
            .bind(&window_start)
            .fetch_one(&self.pool)
            .await
            .doing("counting a failed login")?;
            if failures >= *max {
                let until = stamp(at + policy.lockout);
                let locked = sqlx::query(
                    "UPDATE login_throttle SET locked_until = $1, failures = 0, window_start = $2 \
                     WHERE key = $3 AND (locked_until IS NULL OR locked_until <= $2)",
                )
                .bind(&until)
                .bind(&ts)
                .bind(key)
                .execute(&self.pool)
                .await
                .doing("locking failed logins")?
                .rows_affected();
                if locked > 0 {
                    self.audit(
                        name,
                        "auth.lockout",
                        key,
                        serde_json::json!({ "failures": failures, "until": until }),
                    )
                    .await?;
                }
            }
            if i == 0 {
                user_failures = failures;
            }
        }
        Ok(LoginFailure {
            user_failures,
            locked_until: self.login_locked_until(name, addr).await?,
        })
    }

    /// Ends the session of `token` (`auth.logout`); an unknown token does nothing.
    pub async fn logout(&self, token: &str) -> Result<(), StoreError> {
        let sha = sha256_hex(token.as_bytes());
        let mut tx = self.audited_tx().await?;
        let user: Option<String> =
            sqlx::query_scalar("SELECT user_name FROM web_session WHERE token_sha256 = $1")
                .bind(&sha)
                .fetch_optional(&mut *tx)
                .await
                .doing("reading a session")?;
        let Some(user) = user else {
            return Ok(());
        };
        sqlx::query("DELETE FROM web_session WHERE token_sha256 = $1")
            .bind(&sha)
            .execute(&mut *tx)
            .await
            .doing("ending a session")?;
        append(
            &mut tx,
            &NewEntry {
                actor: &user,
                action: "auth.logout",
                subject: &format!("user:{user}"),
                detail: serde_json::json!({ "session_sha256": sha256_hex(sha.as_bytes()) }),
            },
        )
        .await?;
        self.commit(tx, "committing a logout").await
    }

    /// Adds a note by `author` to case `case_id` (`case.note`, with the
    /// text's hash). The text is trimmed; empty or longer than
    /// [`MAX_NOTE_CHARS`] is refused.
    pub async fn add_case_note(
        &self,
        case_id: i64,
        author: &str,
        text: &str,
    ) -> Result<CaseNote, StoreError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(StoreError::Invalid("a note needs some text".into()));
        }
        if text.chars().count() > MAX_NOTE_CHARS {
            return Err(StoreError::Invalid(format!(
                "a note holds at most {MAX_NOTE_CHARS} characters"
            )));
        }
        let mut tx = self.audited_tx().await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT id FROM review_case WHERE id = $1")
            .bind(case_id)
            .fetch_optional(&mut *tx)
            .await
            .doing("reading a case")?;
        if exists.is_none() {
            return Err(StoreError::NotFound(format!("case {case_id}")));
        }
        let subject = format!("case:{case_id}");
        let seq = append(
            &mut tx,
            &NewEntry {
                actor: author,
                action: "case.note",
                subject: &subject,
                detail: serde_json::json!({ "text_sha256": sha256_hex(text.as_bytes()) }),
            },
        )
        .await?;
        let at = now();
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO case_note (case_id, author, text, at, audit_seq) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(case_id)
        .bind(author)
        .bind(text)
        .bind(&at)
        .bind(seq)
        .fetch_one(&mut *tx)
        .await
        .doing("adding a note")?;
        self.commit(tx, "committing a note").await?;
        Ok(CaseNote {
            id,
            case_id,
            author: author.to_string(),
            text: text.to_string(),
            at,
        })
    }

    /// The notes of a case, oldest first.
    pub async fn case_notes(&self, case_id: i64) -> Result<Vec<CaseNote>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, case_id, author, text, at FROM case_note WHERE case_id = $1 ORDER BY id",
        )
        .bind(case_id)
        .fetch_all(&self.pool)
        .await
        .doing("reading notes")?;
        rows.iter().map(note_row).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        for ok in ["rina", "pak.hendra", "sari_2", "A-1"] {
            assert!(check_user_name(ok).is_ok(), "{ok}");
        }
        for bad in ["", "-x", "rina hendra", "ríña", &"x".repeat(65), "a/b"] {
            assert!(check_user_name(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn passwords_hash_and_verify() {
        let h = hash_password("rahasia-sekali").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(password_matches("rahasia-sekali", &h));
        assert!(!password_matches("rahasia-sekalI", &h));
        assert!(!password_matches("x", "not a hash"));
        assert!(check_password("pendek").is_err());
        assert_eq!(Role::parse("reviewer"), Some(Role::Reviewer));
        assert_eq!(Role::parse("root"), None);
    }
}
