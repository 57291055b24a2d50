//! The X (Twitter) archive: `data/*.js` files, each
//! `window.YTD.<name>.partN = [ … ]`.
//!
//! - `tweets.js` (older archives: `tweet.js`; large ones split into
//!   `tweets-part1.js`, …; `deleted-tweets.js` the same shape): entries
//!   `{"tweet": {"id_str", "created_at": "Wed Oct 02 01:00:00 +0000 2024",
//!   "full_text", "in_reply_to_status_id_str", "in_reply_to_screen_name",
//!   "entities": {"urls", "user_mentions", "media"}, "extended_entities"}}`.
//!   The text is HTML-escaped. A repost is a tweet whose text starts with
//!   `RT @name: `; a quote links to another tweet (the archive has no
//!   quote flag); a reply to one's own tweet continues a thread and is a post.
//! - `like.js`: entries `{"like": {"tweetId", "fullText", "expandedUrl"}}`,
//!   with no time. The liked tweet's id (a snowflake) gives its creation
//!   time, the earliest the like can have happened: stored as `created_at`
//!   with `created_at_approx: true`.
//! - `account.js`: `{"account": {"username", …}}`, the owner.
//! - `tweets_media/<tweet id>-<last part of media_url>`: the images of the
//!   owner's tweets, attached as `media[].path` (beside the address) when
//!   the file is in the export, folder or zip.

use netra_core::{Activity, ActivityKind, Media, Platform, Target};
use serde_json::Value;

use super::fix::{self, TimeRead};
use super::json::{str_at, Doc, Slice};
use super::{Ctx, Kind, MediaRoot, Out};

/// The kind of an archive data file from its `window.YTD.<name>.partN` prefix.
pub(super) fn kind_of(start: &[u8]) -> Option<Kind> {
    let rest = start.strip_prefix(b"window.YTD.")?;
    let end = rest
        .iter()
        .position(|&b| b == b'.' || b == b' ' || b == b'=')?;
    match &rest[..end] {
        b"tweets" | b"tweet" | b"deleted_tweets" | b"deleted-tweets" => Some(Kind::XTweets),
        b"like" => Some(Kind::XLikes),
        b"account" => Some(Kind::XAccount),
        _ => None,
    }
}

/// The archive's records (array entries after the `=`), reporting problems.
fn records<'a>(doc: &Doc<'a>, out: &mut Out) -> Vec<Slice<'a>> {
    let Some(eq) = doc.bytes.iter().position(|&b| b == b'=') else {
        out.error(
            1,
            "no `window.YTD.<name>.part0 = ` before the data: not an X archive data file; nothing read",
        );
        return Vec::new();
    };
    let start = doc.skip_ws(eq + 1);
    let (items, error) = doc.array_items(start);
    if let Some(e) = error {
        let (line, message) = doc.describe(&e);
        out.error(line, message);
    }
    items
}

/// The owner's handle from `account.js`.
pub(super) fn owner(bytes: &[u8]) -> Option<String> {
    let doc = Doc::new(bytes);
    let eq = bytes.iter().position(|&b| b == b'=')?;
    let (items, _) = doc.array_items(doc.skip_ws(eq + 1));
    let v = doc.parse(*items.first()?).ok()?;
    let account = v.get("account").unwrap_or(&v);
    str_at(account, "username").map(str::to_owned)
}

pub(super) fn convert(bytes: &[u8], ctx: &Ctx, out: &mut Out) {
    let doc = Doc::new(bytes);
    let owner = ctx.owner.clone().unwrap_or_default();
    for item in records(&doc, out) {
        out.records += 1;
        let line = doc.line(item.offset);
        let v = match doc.parse(item) {
            Ok(v) => v,
            Err((line, message)) => {
                out.skip(line, message);
                continue;
            }
        };
        let built = match ctx.kind {
            Kind::XLikes => like(&v, &owner),
            _ => tweet(v.get("tweet").unwrap_or(&v), &owner, ctx.media.as_ref()),
        };
        match built {
            Ok(a) => out.push(line, a, TimeRead::Zoned),
            Err(message) => out.skip(line, format!("{message}; record skipped")),
        }
    }
}

/// A tweet id as a string, from a string or a number field.
pub(super) fn id_field(v: &Value, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match v.get(*k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// `(user, id)` of a link to a tweet (`https://x.com/user/status/123`).
pub(super) fn status_link(url: &str) -> Option<(String, String)> {
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))?;
    let mut parts = rest.split('/');
    let host = parts.next()?.to_ascii_lowercase();
    let host = host
        .strip_prefix("www.")
        .or_else(|| host.strip_prefix("mobile."))
        .unwrap_or(&host);
    if host != "twitter.com" && host != "x.com" {
        return None;
    }
    let mut user = parts.next()?;
    let mut status = parts.next()?;
    if user == "i" && status == "web" {
        user = "";
        status = parts.next()?;
    }
    let id: String = parts
        .next()?
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    if !(status == "status" || status == "statuses") || id.is_empty() {
        return None;
    }
    Some((user.to_owned(), id))
}

/// Where an X archive keeps a tweet's image: `data/tweets_media/` then the
/// tweet's id, `-`, and the last part of the image's address.
fn tweets_media_name(id: &str, url: &str) -> String {
    let base = url.rsplit('/').next().unwrap_or(url);
    let base = base.split(['?', '#']).next().unwrap_or(base);
    format!("data/tweets_media/{id}-{base}")
}

#[allow(clippy::too_many_lines, reason = "kind, target, media: one tweet")]
fn tweet(t: &Value, owner: &str, files: Option<&MediaRoot>) -> Result<Activity, String> {
    let id = id_field(t, &["id_str", "id"]).ok_or("the tweet has no `id_str`")?;
    let numeric: Option<u64> = id.parse().ok();
    let (created_at, approx) = match str_at(t, "created_at") {
        Some(s) => {
            let (time, _) = fix::parse_time(s, chrono_tz::UTC)
                .ok_or_else(|| format!("`created_at` `{s}` is not a time X writes"))?;
            (time, false)
        }
        None => match numeric {
            Some(n) => (fix::tweet_time_lower_bound(n), true),
            None => {
                return Err(format!(
                    "the tweet `{id}` has neither `created_at` nor a numeric id"
                ))
            }
        },
    };
    let raw = str_at(t, "full_text")
        .or_else(|| str_at(t, "text"))
        .unwrap_or("");
    let text = fix::unescape_html(raw).into_owned();
    let mut kind = ActivityKind::Post;
    let mut own_text = text.clone();
    let mut target = None;
    if let Some(rest) = text.strip_prefix("RT @") {
        let (user, body) = rest.split_once(':').unwrap_or((rest, ""));
        kind = ActivityKind::Repost;
        own_text = String::new();
        target = Some(Target {
            account: Some(user.trim().to_owned()),
            text: Some(body.trim_start().to_owned()),
            ..Target::default()
        });
    } else if let Some(reply_to) =
        id_field(t, &["in_reply_to_status_id_str", "in_reply_to_status_id"])
    {
        let user = str_at(t, "in_reply_to_screen_name")
            .unwrap_or("")
            .to_owned();
        if user.eq_ignore_ascii_case(owner) {
            // a thread: the owner continues their own tweet
        } else {
            kind = ActivityKind::Reply;
            target = Some(Target {
                url: (!user.is_empty()).then(|| format!("https://x.com/{user}/status/{reply_to}")),
                account: (!user.is_empty()).then_some(user),
                id: Some(format!("x:{reply_to}")),
                text: None,
            });
        }
    }
    if kind == ActivityKind::Post {
        let quoted = id_field(t, &["quoted_status_id_str"])
            .map(|q| (String::new(), q))
            .or_else(|| {
                t.pointer("/entities/urls")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|u| str_at(u, "expanded_url"))
                    .find_map(status_link)
            });
        if let Some((user, qid)) = quoted {
            kind = ActivityKind::Quote;
            target = Some(Target {
                url: Some(if user.is_empty() {
                    format!("https://x.com/i/web/status/{qid}")
                } else {
                    format!("https://x.com/{user}/status/{qid}")
                }),
                account: (!user.is_empty()).then_some(user),
                id: Some(format!("x:{qid}")),
                text: None,
            });
        }
    }
    let media = t
        .pointer("/extended_entities/media")
        .or_else(|| t.pointer("/entities/media"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|m| {
            let url = str_at(m, "media_url_https").or_else(|| str_at(m, "media_url"))?;
            Some(Media {
                path: files.and_then(|f| f.find(&tweets_media_name(&id, url))),
                url: Some(url.to_owned()),
                alt: str_at(m, "ext_alt_text")
                    .or_else(|| str_at(m, "alt_text"))
                    .map(str::to_owned),
                ..Media::default()
            })
        })
        .collect();
    Ok(Activity {
        id: format!("x:{id}"),
        platform: Platform::X,
        account: owner.to_owned(),
        kind,
        text: own_text,
        created_at,
        created_at_approx: approx,
        reaction: None,
        target,
        url: Some(format!("https://x.com/{owner}/status/{id}")),
        media,
    })
}

fn like(v: &Value, owner: &str) -> Result<Activity, String> {
    let l = v.get("like").unwrap_or(v);
    let id = id_field(l, &["tweetId", "tweet_id"]).ok_or("the like has no `tweetId`")?;
    let n: u64 = id
        .parse()
        .map_err(|_| format!("`tweetId` `{id}` is not a tweet id (digits)"))?;
    let url = str_at(l, "expandedUrl").map(str::to_owned);
    let author = url
        .as_deref()
        .and_then(status_link)
        .map(|(u, _)| u)
        .filter(|u| !u.is_empty());
    Ok(Activity {
        id: format!("x:like:{}:{id}", owner.to_lowercase()),
        platform: Platform::X,
        account: owner.to_owned(),
        kind: ActivityKind::Like,
        text: String::new(),
        created_at: fix::tweet_time_lower_bound(n),
        created_at_approx: true,
        reaction: None,
        target: Some(Target {
            account: author,
            id: Some(format!("x:{id}")),
            text: str_at(l, "fullText").map(|t| fix::unescape_html(t).into_owned()),
            url: url.or_else(|| Some(format!("https://x.com/i/web/status/{id}"))),
        }),
        url: None,
        media: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_links() {
        assert_eq!(
            status_link("https://twitter.com/pramonoanung/status/1843400000000000000?s=20"),
            Some(("pramonoanung".into(), "1843400000000000000".into()))
        );
        assert_eq!(
            status_link("https://x.com/i/web/status/123"),
            Some((String::new(), "123".into()))
        );
        assert_eq!(status_link("https://example.com/a/status/1"), None);
        assert_eq!(status_link("https://x.com/budi"), None);
    }

    #[test]
    fn archive_file_kinds() {
        assert_eq!(kind_of(b"window.YTD.tweets.part0 = ["), Some(Kind::XTweets));
        assert_eq!(kind_of(b"window.YTD.like.part3 = ["), Some(Kind::XLikes));
        assert_eq!(kind_of(b"window.YTD.follower.part0 = ["), None);
        assert_eq!(kind_of(b"window.YTD."), None);
    }
}
