//! Facebook's "Download your information" in JSON.
//!
//! - posts (`posts/your_posts_1.json`, 2024 layout
//!   `your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json`):
//!   `[{"timestamp", "data": [{"post": "…"}], "attachments": [{"data":
//!   [{"external_context": {"url"}}, {"media": {"uri", "description"}}]}],
//!   "title": "Budi shared a link."}]`. A title with "shared" (or
//!   "membagikan", the Indonesian export) is a share.
//! - comments (`comments_and_reactions/comments.json`): `{"comments_v2":
//!   [{"timestamp", "data": [{"comment": {"timestamp", "comment", "author"}}],
//!   "title": "Budi commented on Calon Satu's post."}]}`; "replied to" /
//!   "membalas" is a reply.
//! - reactions (`likes_and_reactions_1.json`, older
//!   `posts_and_comments.json` as `{"reactions_v2": […]}`): `[{"timestamp",
//!   "data": [{"reaction": {"reaction": "HAHA", "actor"}}], "title": "Budi
//!   reacted to Calon Satu's post."}]`, or entries with `label_values`
//!   holding a `Reaction` label.
//!
//! The export does not say whose post it was except in the title, so the
//! title becomes the target's text (mojibake repaired, like every string:
//! see [`super::fix::fix_mojibake`]). Times are Unix seconds. Entries have
//! no id: each gets a stable one from its owner, time and content.

use netra_core::{Activity, ActivityKind, Media, Platform, Reaction, Target};
use serde_json::Value;

use super::fix::{self, fix_mojibake, TimeRead};
use super::json::{export_records, int_at, str_at, Doc};
use super::{Ctx, Kind, Out};

/// The owner's handle from `profile_information.json`: `username`, else the
/// last part of `profile_uri`.
pub(super) fn owner(bytes: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(bytes).ok()?;
    let p = v
        .get("profile_v2")
        .or_else(|| v.get("profile"))
        .unwrap_or(&v);
    if let Some(u) = str_at(p, "username").filter(|u| !u.trim().is_empty()) {
        return Some(fix_mojibake(u).into_owned());
    }
    let uri = str_at(p, "profile_uri")?;
    let last = uri.trim_end_matches('/').rsplit('/').next()?;
    (!last.is_empty() && !last.contains('?') && last != "profile.php").then(|| last.to_owned())
}

pub(super) fn convert(bytes: &[u8], ctx: &Ctx, out: &mut Out) {
    let doc = Doc::new(bytes);
    let (items, problem) = export_records(&doc);
    let owner = ctx.owner.clone().unwrap_or_default();
    for item in items {
        out.records += 1;
        let line = doc.line(item.offset);
        let v = match doc.parse(item) {
            Ok(v) => v,
            Err((line, m)) => {
                out.skip(line, m);
                continue;
            }
        };
        let built = match ctx.kind {
            Kind::FbPosts => post(&v, &owner, ctx),
            Kind::FbComments => comment(&v, &owner),
            _ => reaction(&v, &owner),
        };
        match built {
            Ok(a) => out.push(line, a, TimeRead::Zoned),
            Err(m) => out.skip(line, format!("{m}; record skipped")),
        }
    }
    if let Some((line, m)) = problem {
        out.error(line, m);
    }
}

/// A string of the export, mojibake repaired.
fn text(v: &Value, key: &str) -> Option<String> {
    str_at(v, key).map(|s| fix_mojibake(s).into_owned())
}

fn time(v: &Value) -> Result<(i64, chrono::DateTime<chrono::FixedOffset>), String> {
    let secs = int_at(v, "timestamp").ok_or("no `timestamp` (Unix seconds)")?;
    let t = fix::unix_seconds(secs)
        .ok_or_else(|| format!("`timestamp` {secs} is not a time in Unix seconds"))?;
    Ok((secs, t))
}

/// The `data` entries of a record.
fn data(v: &Value) -> impl Iterator<Item = &Value> {
    v.get("data")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn post(v: &Value, owner: &str, ctx: &Ctx) -> Result<Activity, String> {
    let (secs, created_at) = time(v)?;
    let own: Vec<String> = data(v).filter_map(|d| text(d, "post")).collect();
    let own = own.join("\n");
    let title = text(v, "title").unwrap_or_default();
    let attachments: Vec<&Value> = v
        .get("attachments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(data)
        .collect();
    let link = attachments
        .iter()
        .find_map(|a| a.pointer("/external_context/url").and_then(Value::as_str))
        .map(|u| fix_mojibake(u).into_owned());
    let mut media = Vec::new();
    for a in &attachments {
        let Some(m) = a.get("media") else { continue };
        let (Some(uri), Some(root)) = (str_at(m, "uri"), ctx.media.as_ref()) else {
            continue;
        };
        if let Some(path) = root.find(uri) {
            media.push(Media {
                path: Some(path),
                alt: text(m, "description").or_else(|| text(m, "title")),
                ..Media::default()
            });
        }
    }
    let lower = title.to_lowercase();
    let shared = lower.contains(" shared ") || lower.contains(" membagikan ");
    let kind = if shared {
        ActivityKind::Share
    } else {
        ActivityKind::Post
    };
    if !shared && own.is_empty() && link.is_none() && media.is_empty() {
        return Err("a post with no text, link or media".to_owned());
    }
    let target = shared.then(|| Target {
        url: link.clone(),
        text: (!title.is_empty()).then(|| title.clone()),
        ..Target::default()
    });
    let secs = secs.to_string();
    Ok(Activity {
        id: fix::stable_id(
            "facebook",
            "post",
            &[owner, &secs, &own, &title, link.as_deref().unwrap_or("")],
        ),
        platform: Platform::Facebook,
        account: owner.to_owned(),
        kind,
        text: own,
        created_at,
        created_at_approx: false,
        reaction: None,
        target,
        url: if shared { None } else { link },
        media,
    })
}

fn comment(v: &Value, owner: &str) -> Result<Activity, String> {
    let c = data(v)
        .find_map(|d| d.get("comment"))
        .ok_or("no `data[].comment` in the entry")?;
    let (secs, created_at) = time(c).or_else(|_| time(v))?;
    let body = text(c, "comment").unwrap_or_default();
    let title = text(v, "title").unwrap_or_default();
    let lower = title.to_lowercase();
    let kind = if lower.contains(" replied to ") || lower.contains(" membalas ") {
        ActivityKind::Reply
    } else {
        ActivityKind::Comment
    };
    let secs = secs.to_string();
    Ok(Activity {
        id: fix::stable_id("facebook", "comment", &[owner, &secs, &body, &title]),
        platform: Platform::Facebook,
        account: owner.to_owned(),
        kind,
        text: body,
        created_at,
        created_at_approx: false,
        reaction: None,
        target: (!title.is_empty()).then(|| Target {
            text: Some(title),
            ..Target::default()
        }),
        url: None,
        media: Vec::new(),
    })
}

/// A reaction name of the export (`LIKE`, `HAHA`, `SORRY`, Indonesian
/// `Suka`, …) in the contract's terms.
pub(super) fn reaction_of(name: &str) -> Option<Reaction> {
    let n = name.trim().to_lowercase();
    Some(match n.as_str() {
        "like" | "suka" | "👍" => Reaction::Like,
        "love" | "super" | "❤" | "❤️" => Reaction::Love,
        "haha" => Reaction::Haha,
        "wow" => Reaction::Wow,
        "sad" | "sorry" | "sedih" => Reaction::Sad,
        "angry" | "anger" | "marah" => Reaction::Angry,
        "care" | "support" | "peduli" => Reaction::Care,
        _ => return None,
    })
}

fn reaction(v: &Value, owner: &str) -> Result<Activity, String> {
    let (secs, created_at) = time(v)?;
    let name = data(v)
        .find_map(|d| d.pointer("/reaction/reaction").and_then(Value::as_str))
        .map(str::to_owned)
        .or_else(|| {
            v.get("label_values")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|l| str_at(l, "label").is_some_and(|s| s.eq_ignore_ascii_case("reaction")))
                .and_then(|l| str_at(l, "value"))
                .map(str::to_owned)
        })
        .ok_or("no reaction in the entry (`data[].reaction.reaction` or a `Reaction` label)")?;
    let name = fix_mojibake(&name).into_owned();
    let r = reaction_of(&name).ok_or_else(|| {
        format!(
            "unknown reaction `{name}`; known: LIKE, LOVE, HAHA, WOW, SORRY, ANGER, SUPPORT/CARE"
        )
    })?;
    let title = text(v, "title").unwrap_or_default();
    let secs = secs.to_string();
    Ok(Activity {
        id: fix::stable_id("facebook", "like", &[owner, &secs, r.as_str(), &title]),
        platform: Platform::Facebook,
        account: owner.to_owned(),
        kind: ActivityKind::Like,
        text: String::new(),
        created_at,
        created_at_approx: false,
        reaction: Some(r),
        target: Some(Target {
            text: (!title.is_empty()).then_some(title),
            ..Target::default()
        }),
        url: None,
        media: Vec::new(),
    })
}
