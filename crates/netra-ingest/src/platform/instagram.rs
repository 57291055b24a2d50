//! Instagram's "Download your information" in JSON.
//!
//! - posts (`content/posts_1.json`, 2024 layout
//!   `your_instagram_activity/content/posts_1.json`): `[{"media": [{"uri",
//!   "creation_timestamp", "title"}], "title", "creation_timestamp"}]` (a
//!   single-photo post keeps its caption in `media[0].title`).
//! - stories (`content/stories.json`): `{"ig_stories": [{"uri",
//!   "creation_timestamp", "title"}]}`.
//! - likes (`likes/liked_posts.json`): `{"likes_media_likes": [{"title":
//!   "<owner of the liked post>", "string_list_data": [{"href", "value",
//!   "timestamp"}]}]}`; newer entries as `label_values` with `URL` and
//!   `Username` labels.
//! - comments (`comments/post_comments_1.json`): `[{"string_map_data":
//!   {"Comment": {"value"}, "Media Owner": {"value"}, "Time": {"timestamp"}}}]`
//!   (or inside `{"comments_media_comments": […]}`).
//! - owner (`personal_information/personal_information.json`):
//!   `{"profile_user": [{"string_map_data": {"Username": {"value"}}}]}`.
//!
//! Strings carry the same mojibake as Facebook's and are repaired; times are
//! Unix seconds; entries have no id, so each gets a stable one.

use netra_core::{Activity, ActivityKind, Media, Platform, Target};
use serde_json::Value;

use super::fix::{self, fix_mojibake, TimeRead};
use super::json::{export_records, int_at, str_at, Doc};
use super::{Ctx, Kind, Out};

pub(super) fn owner(bytes: &[u8]) -> Option<String> {
    let v: Value = serde_json::from_slice(bytes).ok()?;
    let users = v.get("profile_user").and_then(Value::as_array)?;
    users.iter().find_map(|u| {
        let map = u.get("string_map_data")?;
        ["Username", "Nama pengguna", "username"]
            .iter()
            .find_map(|k| map.get(*k).and_then(|x| str_at(x, "value")))
            .map(|s| fix_mojibake(s).into_owned())
    })
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
            Kind::IgPosts => post(&v, &owner, ctx, ActivityKind::Post),
            Kind::IgStories => post(&v, &owner, ctx, ActivityKind::Story),
            Kind::IgLikes => like(&v, &owner),
            _ => comment(&v, &owner),
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

fn text(v: &Value, key: &str) -> Option<String> {
    str_at(v, key)
        .filter(|s| !s.is_empty())
        .map(|s| fix_mojibake(s).into_owned())
}

fn seconds(
    secs: Option<i64>,
    what: &str,
) -> Result<(String, chrono::DateTime<chrono::FixedOffset>), String> {
    let secs = secs.ok_or_else(|| format!("no `{what}` (Unix seconds)"))?;
    let t = fix::unix_seconds(secs)
        .ok_or_else(|| format!("`{what}` {secs} is not a time in Unix seconds"))?;
    Ok((secs.to_string(), t))
}

fn post(v: &Value, owner: &str, ctx: &Ctx, kind: ActivityKind) -> Result<Activity, String> {
    let items: Vec<&Value> = match v.get("media").and_then(Value::as_array) {
        Some(m) => m.iter().collect(),
        None => vec![v],
    };
    let first = items.first().copied().unwrap_or(v);
    let (secs, created_at) = seconds(
        int_at(v, "creation_timestamp").or_else(|| int_at(first, "creation_timestamp")),
        "creation_timestamp",
    )?;
    let caption = text(v, "title")
        .or_else(|| text(first, "title"))
        .unwrap_or_default();
    let uri = str_at(first, "uri").unwrap_or("").to_owned();
    let mut media = Vec::new();
    if let Some(root) = &ctx.media {
        for m in &items {
            if let Some(u) = str_at(m, "uri") {
                if let Some(path) = root.find(u) {
                    media.push(Media {
                        path: Some(path),
                        ..Media::default()
                    });
                }
            }
        }
    }
    Ok(Activity {
        id: fix::stable_id("instagram", kind.as_str(), &[owner, &secs, &caption, &uri]),
        platform: Platform::Instagram,
        account: owner.to_owned(),
        kind,
        text: caption,
        created_at,
        created_at_approx: false,
        reaction: None,
        target: None,
        url: None,
        media,
    })
}

/// The value of the first `label_values` entry labelled `label`, searched
/// through nested `dict`s.
fn label_value<'v>(v: &'v Value, label: &str) -> Option<&'v Value> {
    let list = v
        .get("label_values")
        .or_else(|| v.get("dict"))
        .and_then(Value::as_array)?;
    list.iter().find_map(|l| {
        if str_at(l, "label").is_some_and(|s| s.eq_ignore_ascii_case(label)) {
            Some(l)
        } else {
            label_value(l, label)
        }
    })
}

fn like(v: &Value, owner: &str) -> Result<Activity, String> {
    let entry = v
        .get("string_list_data")
        .and_then(Value::as_array)
        .and_then(|l| l.first());
    let (secs, href, liked_owner) = match entry {
        Some(e) => (
            int_at(e, "timestamp").or_else(|| int_at(v, "timestamp")),
            text(e, "href"),
            text(v, "title"),
        ),
        None => (
            int_at(v, "timestamp"),
            label_value(v, "URL").and_then(|l| text(l, "href").or_else(|| text(l, "value"))),
            label_value(v, "Username").and_then(|l| text(l, "value")),
        ),
    };
    let (secs, created_at) = seconds(secs, "timestamp")?;
    if href.is_none() && liked_owner.is_none() {
        return Err("the like names neither the post (`href`) nor its owner (`title`)".to_owned());
    }
    Ok(Activity {
        id: fix::stable_id(
            "instagram",
            "like",
            &[
                owner,
                &secs,
                href.as_deref().unwrap_or(""),
                liked_owner.as_deref().unwrap_or(""),
            ],
        ),
        platform: Platform::Instagram,
        account: owner.to_owned(),
        kind: ActivityKind::Like,
        text: String::new(),
        created_at,
        created_at_approx: false,
        reaction: None,
        target: Some(Target {
            account: liked_owner,
            url: href,
            ..Target::default()
        }),
        url: None,
        media: Vec::new(),
    })
}

fn comment(v: &Value, owner: &str) -> Result<Activity, String> {
    let map = v
        .get("string_map_data")
        .ok_or("no `string_map_data` in the entry")?;
    let field = |names: &[&str]| names.iter().find_map(|n| map.get(*n));
    let body = field(&["Comment", "Komentar"])
        .and_then(|c| text(c, "value"))
        .ok_or("no `Comment` in the entry")?;
    let media_owner = field(&["Media Owner", "Pemilik Media"]).and_then(|c| text(c, "value"));
    let (secs, created_at) = seconds(
        field(&["Time", "Waktu"])
            .and_then(|t| int_at(t, "timestamp"))
            .or_else(|| int_at(v, "timestamp")),
        "Time.timestamp",
    )?;
    Ok(Activity {
        id: fix::stable_id(
            "instagram",
            "comment",
            &[owner, &secs, &body, media_owner.as_deref().unwrap_or("")],
        ),
        platform: Platform::Instagram,
        account: owner.to_owned(),
        kind: ActivityKind::Comment,
        text: body,
        created_at,
        created_at_approx: false,
        reaction: None,
        target: media_owner.map(|m| Target {
            account: Some(m),
            ..Target::default()
        }),
        url: None,
        media: Vec::new(),
    })
}
