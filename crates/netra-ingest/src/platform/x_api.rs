//! X API v2 responses (tweet lookup, user timelines, search), as saved by a
//! collector: `{"data": [tweet, …] or tweet, "includes": {"users": [{"id",
//! "username"}], "tweets": […], "media": [{"media_key", "url", "alt_text"}]},
//! "meta", "errors"}`. A file holds one response, or one response per line
//! (or a JSON array of responses).
//!
//! A tweet's author is looked up in `includes.users` by `author_id` (request
//! `expansions=author_id`); `referenced_tweets` of type `retweeted`, `quoted`
//! and `replied_to` make a repost, quote or reply whose target (author and
//! text) comes from `includes.tweets` and `includes.users`. A tweet without
//! `created_at` (not requested in `tweet.fields`) is timed by its id, as a
//! lower bound.

use std::collections::HashMap;

use netra_core::{Activity, ActivityKind, Media, Platform, Target};
use serde_json::Value;

use super::fix::{self, TimeRead};
use super::json::{str_at, Doc, Slice};
use super::x_archive::id_field;
use super::{Ctx, Out};

#[derive(Default)]
struct Includes {
    /// user id → username
    users: HashMap<String, String>,
    /// tweet id → (author id, text)
    tweets: HashMap<String, (String, String)>,
    /// media key → (url, alt text)
    media: HashMap<String, (Option<String>, Option<String>)>,
}

impl Includes {
    fn from(v: &Value) -> Includes {
        let mut inc = Includes::default();
        let list = |key: &str| {
            v.get(key)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default()
        };
        for u in list("users") {
            if let (Some(id), Some(name)) = (id_field(&u, &["id"]), str_at(&u, "username")) {
                inc.users.insert(id, name.to_owned());
            }
        }
        for t in list("tweets") {
            if let Some(id) = id_field(&t, &["id"]) {
                let author = id_field(&t, &["author_id"]).unwrap_or_default();
                let text = str_at(&t, "text").unwrap_or("").to_owned();
                inc.tweets.insert(id, (author, text));
            }
        }
        for m in list("media") {
            if let Some(key) = str_at(&m, "media_key") {
                let url = str_at(&m, "url")
                    .or_else(|| str_at(&m, "preview_image_url"))
                    .map(str::to_owned);
                let alt = str_at(&m, "alt_text").map(str::to_owned);
                inc.media.insert(key.to_owned(), (url, alt));
            }
        }
        inc
    }
}

pub(super) fn convert(bytes: &[u8], ctx: &Ctx, out: &mut Out) {
    let doc = Doc::new(bytes);
    let mut pos = doc.skip_ws(0);
    if pos >= bytes.len() {
        out.error(0, "the file is empty; nothing read");
        return;
    }
    let mut responses: Vec<Slice<'_>> = Vec::new();
    if bytes[pos] == b'[' {
        let (items, error) = doc.array_items(pos);
        responses = items;
        if let Some(e) = error {
            let (line, message) = doc.describe(&e);
            out.error(line, message);
        }
    } else {
        // One response, or one per line.
        while pos < bytes.len() {
            match doc.skip_value(pos) {
                Ok(end) => {
                    responses.push(Slice {
                        offset: pos,
                        bytes: &bytes[pos..end],
                    });
                    pos = doc.skip_ws(end);
                }
                Err(e) => {
                    let (line, message) = doc.describe(&e);
                    out.error(line, message);
                    break;
                }
            }
        }
    }
    for r in responses {
        response(&doc, r, ctx, out);
    }
}

fn response(doc: &Doc<'_>, r: Slice<'_>, ctx: &Ctx, out: &mut Out) {
    let line = doc.line(r.offset);
    if r.bytes.first() != Some(&b'{') {
        out.skip(
            line,
            "expected a JSON object (an API response with `data`); skipped",
        );
        return;
    }
    let (members, error) = doc.object_members(r.offset);
    if let Some(e) = error {
        let (line, message) = doc.describe(&e);
        out.error(line, message);
    }
    let get = |k: &str| members.iter().find(|(key, _)| key == k).map(|(_, s)| *s);
    let Some(data) = get("data") else {
        if get("errors").is_some() {
            out.warning(line, "a response with only `errors` (deleted, protected or suspended tweets?): no tweets in it");
        } else if get("id").is_some() && get("text").is_some() {
            // A bare tweet object (a line of tweets rather than responses).
            tweet_record(doc, r, &Includes::default(), ctx, out);
        } else {
            out.skip(
                line,
                "no `data` in this object: not an X API v2 response; skipped",
            );
        }
        return;
    };
    let includes = get("includes")
        .and_then(|s| doc.parse(s).ok())
        .map(|v| Includes::from(&v))
        .unwrap_or_default();
    if let Some(errors) = get("errors").and_then(|s| doc.parse(s).ok()) {
        let n = errors.as_array().map_or(0, Vec::len);
        if n > 0 {
            out.warning(
                doc.line(get("errors").map_or(r.offset, |s| s.offset)),
                format!("the response lists {n} errors (deleted, protected or suspended tweets?); those tweets are not in it"),
            );
        }
    }
    if data.bytes.first() == Some(&b'[') {
        let (items, error) = doc.array_items(data.offset);
        for item in items {
            tweet_record(doc, item, &includes, ctx, out);
        }
        if let Some(e) = error {
            let (line, message) = doc.describe(&e);
            out.error(line, message);
        }
    } else {
        tweet_record(doc, data, &includes, ctx, out);
    }
}

fn tweet_record(doc: &Doc<'_>, s: Slice<'_>, inc: &Includes, ctx: &Ctx, out: &mut Out) {
    out.records += 1;
    let line = doc.line(s.offset);
    match doc.parse(s) {
        Ok(v) => match tweet(&v, inc, ctx) {
            Ok(a) => out.push(line, a, TimeRead::Zoned),
            Err(m) => out.skip(line, format!("{m}; record skipped")),
        },
        Err((line, m)) => out.skip(line, m),
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "author, time, references, media: one tweet"
)]
fn tweet(t: &Value, inc: &Includes, ctx: &Ctx) -> Result<Activity, String> {
    let id = id_field(t, &["id"]).ok_or("the tweet has no `id`")?;
    let author_id = id_field(t, &["author_id"]);
    let account = match author_id.as_ref().and_then(|a| inc.users.get(a)) {
        Some(u) => u.clone(),
        None => ctx.owner.clone().ok_or_else(|| match &author_id {
            Some(a) => format!(
                "the author `{a}` is not in `includes.users` (request expansions=author_id), and \
                 no --account was given"
            ),
            None => "the tweet has no `author_id` (request expansions=author_id), and no \
                     --account was given"
                .to_owned(),
        })?,
    };
    let (created_at, approx) = if let Some(s) = str_at(t, "created_at") {
        let time = chrono::DateTime::parse_from_rfc3339(s.trim())
            .map_err(|_| format!("`created_at` `{s}` is not an RFC 3339 time"))?;
        (time, false)
    } else {
        let n: u64 = id
            .parse()
            .map_err(|_| format!("the tweet id `{id}` is not digits"))?;
        (fix::tweet_time_lower_bound(n), true)
    };
    let text = str_at(t, "text").unwrap_or("").to_owned();
    let mut kind = ActivityKind::Post;
    let mut own_text = text;
    let mut target = None;
    let refs = t
        .get("referenced_tweets")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let find = |ty: &str| {
        refs.iter()
            .find(|r| str_at(r, "type") == Some(ty))
            .and_then(|r| id_field(r, &["id"]))
    };
    let target_of = |rid: String| {
        let (author, text) = inc.tweets.get(&rid).cloned().unwrap_or_default();
        let user = inc.users.get(&author).cloned();
        Target {
            url: Some(match &user {
                Some(u) => format!("https://x.com/{u}/status/{rid}"),
                None => format!("https://x.com/i/web/status/{rid}"),
            }),
            account: user,
            id: Some(format!("x:{rid}")),
            text: (!text.is_empty()).then_some(text),
        }
    };
    if let Some(rid) = find("retweeted") {
        kind = ActivityKind::Repost;
        let mut tg = target_of(rid);
        if tg.account.is_none() {
            // "RT @user: …" names the reposted account even without includes.
            tg.account = own_text
                .strip_prefix("RT @")
                .and_then(|r| r.split_once(':'))
                .map(|(u, _)| u.trim().to_owned());
        }
        own_text = String::new();
        target = Some(tg);
    } else if let Some(rid) = find("quoted") {
        kind = ActivityKind::Quote;
        target = Some(target_of(rid));
    } else if let Some(rid) = find("replied_to") {
        let mut tg = target_of(rid);
        if tg.account.is_none() {
            tg.account =
                id_field(t, &["in_reply_to_user_id"]).and_then(|uid| inc.users.get(&uid).cloned());
        }
        let to_self = tg
            .account
            .as_deref()
            .is_some_and(|a| a.eq_ignore_ascii_case(&account));
        if !to_self {
            kind = ActivityKind::Reply;
            target = Some(tg);
        }
    }
    let media = t
        .pointer("/attachments/media_keys")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|k| inc.media.get(k.as_str()?))
        .filter_map(|(url, alt)| {
            Some(Media {
                url: Some(url.clone()?),
                alt: alt.clone(),
                ..Media::default()
            })
        })
        .collect();
    Ok(Activity {
        id: format!("x:{id}"),
        platform: Platform::X,
        url: Some(format!("https://x.com/{account}/status/{id}")),
        account,
        kind,
        text: own_text,
        created_at,
        created_at_approx: approx,
        reaction: None,
        target,
        media,
    })
}
