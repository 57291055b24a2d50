//! TikTok's "Download your data" in JSON: one `user_data.json` (also
//! `user_data_tiktok.json`) with sections, found at the top level or under
//! `Activity`:
//!
//! | section | list | activity |
//! |---|---|---|
//! | `Like List` | `ItemFavoriteList: [{"Date", "Link"}]` | like of the linked video |
//! | `Video` / `Post` → `Videos` / `Posts` | `VideoList: [{"Date", "Link", "Title"/"Desc"}]` | post |
//! | `Comment` → `Comments` | `CommentsList: [{"Date", "Comment", "Url"}]` | comment |
//! | `Share History` | `ShareHistoryList: [{"Date", "SharedContent", "Link"}]` | share |
//! | `Following List` | `Following: [{"Date", "UserName"}]` | follow |
//!
//! The owner is `Profile` → `Profile Information` → `ProfileMap` →
//! `userName`. Dates are written without a zone (`2024-10-01 12:00:00`):
//! they are read in the zone the caller gives, and the count of such times
//! is reported so the user sees which zone was assumed.

use netra_core::{Activity, ActivityKind, Platform, Target};
use serde_json::Value;

use super::fix::{self, TimeRead};
use super::json::{str_at, Doc};
use super::{Ctx, Out};

const ACTIVITY: &[&str] = &["Activity", "Your Activity"];

/// Where a section's list is: the step alternatives after the top level.
struct Section {
    path: &'static [&'static [&'static str]],
    kind: ActivityKind,
}

const SECTIONS: [Section; 5] = [
    Section {
        path: &[
            &["Like List", "Likes", "Like"],
            &["ItemFavoriteList", "ItemLikeList", "LikeList"],
        ],
        kind: ActivityKind::Like,
    },
    Section {
        path: &[
            &["Video", "Post", "Videos", "Posts"],
            &["Videos", "Posts"],
            &["VideoList", "PostList"],
        ],
        kind: ActivityKind::Post,
    },
    Section {
        path: &[
            &["Comment", "Comments"],
            &["Comments"],
            &["CommentsList", "CommentList"],
        ],
        kind: ActivityKind::Comment,
    },
    Section {
        path: &[&["Share History", "Shares"], &["ShareHistoryList"]],
        kind: ActivityKind::Share,
    },
    Section {
        path: &[
            &["Following List", "Following"],
            &["Following", "FollowingList"],
        ],
        kind: ActivityKind::Follow,
    },
];

fn find_section(doc: &Doc<'_>, root: usize, path: &[&[&str]]) -> Option<usize> {
    doc.find(root, path).or_else(|| {
        let mut with_activity: Vec<&[&str]> = vec![ACTIVITY];
        with_activity.extend_from_slice(path);
        doc.find(root, &with_activity)
    })
}

fn profile_owner(doc: &Doc<'_>, root: usize) -> Option<String> {
    let at = doc.find(
        root,
        &[
            &["Profile"],
            &["Profile Information", "Profile Info"],
            &["ProfileMap"],
        ],
    )?;
    let end = doc.skip_value(at).ok()?;
    let v: Value = serde_json::from_slice(&doc.bytes[at..end]).ok()?;
    ["userName", "username", "UserName"]
        .iter()
        .find_map(|k| str_at(&v, k))
        .map(str::to_owned)
        .filter(|s| !s.trim().is_empty())
}

pub(super) fn convert(bytes: &[u8], ctx: &Ctx, out: &mut Out) {
    let doc = Doc::new(bytes);
    let root = doc.skip_ws(0);
    if doc.bytes.get(root) != Some(&b'{') {
        let (line, column) = doc.position(root.min(bytes.len().saturating_sub(1)));
        out.error(
            line,
            format!(
                "expected a JSON object at column {column} (TikTok's user_data.json); nothing read"
            ),
        );
        return;
    }
    if let Err(e) = doc.skip_value(root) {
        let (line, message) = doc.describe(&e);
        out.error(
            line,
            format!("{message}; sections after that point are missing"),
        );
    }
    let named =
        profile_owner(&doc, root).map(|n| netra_core::registry::normalize_handle(&n).to_owned());
    let owner = match (named, ctx.owner.clone()) {
        (Some(n), Some(g)) if !n.eq_ignore_ascii_case(&g) => {
            out.error(
                0,
                format!(
                    "the export names its owner `{n}` but --account says `{g}`: check which is \
                     right; nothing read"
                ),
            );
            return;
        }
        (Some(n), _) => n,
        (None, Some(g)) => g,
        (None, None) => {
            out.error(
                0,
                "the file names no owner (no Profile → Profile Information → ProfileMap → \
                 userName): give --account HANDLE; nothing read",
            );
            return;
        }
    };
    let mut found = false;
    for section in &SECTIONS {
        let Some(at) = find_section(&doc, root, section.path) else {
            continue;
        };
        found = true;
        let (items, error) = doc.array_items(at);
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
            match record(&v, section.kind, &owner, ctx) {
                Ok((a, how)) => out.push(line, a, how),
                Err(m) => out.skip(line, format!("{m}; record skipped")),
            }
        }
        if let Some(e) = error {
            let (line, m) = doc.describe(&e);
            out.error(line, m);
        }
    }
    if !found {
        out.warning(
            0,
            "no Like List, Video, Comment, Share History or Following List section in the file",
        );
    }
}

fn field<'v>(v: &'v Value, names: &[&str]) -> Option<&'v str> {
    names
        .iter()
        .find_map(|n| str_at(v, n))
        .filter(|s| !s.trim().is_empty())
}

/// The video id of a TikTok link (`…/video/7421234567890123456/`).
fn video_id(link: &str) -> Option<String> {
    let i = link.find("/video/")? + "/video/".len();
    let id: String = link[i..].chars().take_while(char::is_ascii_digit).collect();
    (!id.is_empty()).then_some(id)
}

fn record(
    v: &Value,
    kind: ActivityKind,
    owner: &str,
    ctx: &Ctx,
) -> Result<(Activity, TimeRead), String> {
    let date = field(v, &["Date", "date"]).ok_or("no `Date`")?;
    let (created_at, how) = fix::parse_time(date, ctx.zone)
        .ok_or_else(|| format!("`Date` `{date}` is not a date and time (`2024-10-01 12:00:00`)"))?;
    let link = field(v, &["Link", "link", "Url", "url", "VideoLink"]).map(str::to_owned);
    let vid = link.as_deref().and_then(video_id);
    let o = owner.to_lowercase();
    let (id, text, target, url) = match kind {
        ActivityKind::Like => {
            let link = link.ok_or("the like has no `Link`")?;
            let id = vid.as_ref().map_or_else(
                || fix::stable_id("tiktok", "like", &[owner, date, &link]),
                |v| format!("tiktok:like:{o}:{v}"),
            );
            let target = Target {
                id: vid.map(|v| format!("tiktok:{v}")),
                url: Some(link),
                ..Target::default()
            };
            (id, String::new(), Some(target), None)
        }
        ActivityKind::Post => {
            let text = field(v, &["Title", "Desc", "Description", "Caption"])
                .unwrap_or("")
                .to_owned();
            let id = vid.map_or_else(
                || {
                    fix::stable_id(
                        "tiktok",
                        "post",
                        &[owner, date, &text, link.as_deref().unwrap_or("")],
                    )
                },
                |v| format!("tiktok:{v}"),
            );
            (id, text, None, link)
        }
        ActivityKind::Comment => {
            let text = field(v, &["Comment", "comment", "CommentText"])
                .ok_or("no `Comment`")?
                .to_owned();
            let id = fix::stable_id("tiktok", "comment", &[owner, date, &text]);
            let target = link.map(|l| Target {
                id: vid.map(|v| format!("tiktok:{v}")),
                url: Some(l),
                ..Target::default()
            });
            (id, text, target, None)
        }
        ActivityKind::Share => {
            let link = link.ok_or("the share has no `Link`")?;
            let what = field(v, &["SharedContent"]).unwrap_or("").to_owned();
            let id = fix::stable_id("tiktok", "share", &[owner, date, &link]);
            let target = Target {
                id: vid.map(|v| format!("tiktok:{v}")),
                url: Some(link),
                text: (!what.is_empty()).then_some(what),
                ..Target::default()
            };
            (id, String::new(), Some(target), None)
        }
        _ => {
            let user = field(v, &["UserName", "Username", "userName"]).ok_or("no `UserName`")?;
            let user = netra_core::registry::normalize_handle(user).to_owned();
            let id = format!("tiktok:follow:{o}:{}", user.to_lowercase());
            let target = Target {
                url: Some(format!("https://www.tiktok.com/@{user}")),
                account: Some(user),
                ..Target::default()
            };
            (id, String::new(), Some(target), None)
        }
    };
    Ok((
        Activity {
            id,
            platform: Platform::Tiktok,
            account: owner.to_owned(),
            kind,
            text,
            created_at,
            created_at_approx: false,
            reaction: None,
            target,
            url,
            media: Vec::new(),
        },
        how,
    ))
}
