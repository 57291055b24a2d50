//! The canonical activity: one thing an account did on a platform.
//!
//! This is the JSONL contract of `docs/product.md`; field names and enum
//! spellings are stable and other tools rely on them.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

/// Where an activity happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Platform {
    X,
    Facebook,
    Instagram,
    Tiktok,
    Youtube,
    Web,
    Other,
}

impl Platform {
    /// All platforms, in contract order.
    pub const ALL: [Platform; 7] = [
        Platform::X,
        Platform::Facebook,
        Platform::Instagram,
        Platform::Tiktok,
        Platform::Youtube,
        Platform::Web,
        Platform::Other,
    ];

    /// The contract spelling (`x`, `facebook`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::X => "x",
            Platform::Facebook => "facebook",
            Platform::Instagram => "instagram",
            Platform::Tiktok => "tiktok",
            Platform::Youtube => "youtube",
            Platform::Web => "web",
            Platform::Other => "other",
        }
    }

    /// Parses the contract spelling; also accepts `twitter` for `x`.
    pub fn parse(s: &str) -> Option<Platform> {
        let s = s.trim().to_ascii_lowercase();
        if s == "twitter" {
            return Some(Platform::X);
        }
        Platform::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

impl std::fmt::Display for Platform {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What the account did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ActivityKind {
    Post,
    Comment,
    Reply,
    Share,
    Repost,
    Quote,
    Like,
    Follow,
    Story,
    Profile,
}

impl ActivityKind {
    /// All kinds, in contract order.
    pub const ALL: [ActivityKind; 10] = [
        ActivityKind::Post,
        ActivityKind::Comment,
        ActivityKind::Reply,
        ActivityKind::Share,
        ActivityKind::Repost,
        ActivityKind::Quote,
        ActivityKind::Like,
        ActivityKind::Follow,
        ActivityKind::Story,
        ActivityKind::Profile,
    ];

    /// The contract spelling (`post`, `like`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            ActivityKind::Post => "post",
            ActivityKind::Comment => "comment",
            ActivityKind::Reply => "reply",
            ActivityKind::Share => "share",
            ActivityKind::Repost => "repost",
            ActivityKind::Quote => "quote",
            ActivityKind::Like => "like",
            ActivityKind::Follow => "follow",
            ActivityKind::Story => "story",
            ActivityKind::Profile => "profile",
        }
    }

    /// True for kinds whose meaning lies in the target (like, share, repost, follow).
    pub fn is_interaction(self) -> bool {
        matches!(
            self,
            ActivityKind::Like | ActivityKind::Share | ActivityKind::Repost | ActivityKind::Follow
        )
    }
}

impl std::fmt::Display for ActivityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The reaction shown by a `like`. A mocking reaction on a pair's post is not support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Reaction {
    Like,
    Love,
    Haha,
    Wow,
    Sad,
    Angry,
    Care,
}

impl Reaction {
    /// Reactions that can mock rather than endorse the content they react to.
    pub fn may_mock(self) -> bool {
        matches!(self, Reaction::Haha | Reaction::Angry)
    }
}

/// What was liked, commented on, shared or followed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    /// The handle of the account that owns the target content.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<String>,
    /// The target content's id on its platform.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The target content's text, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// Where the target can be seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// An image or screenshot attached to an activity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Media {
    /// Local path of the file, when it was captured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// Remote address of the file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// SHA-256 of the file's bytes, lowercase hex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Alternative text (platform alt text, or OCR output).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
}

/// One canonical activity (a line of the activity JSONL).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Activity {
    /// Unique per platform, e.g. `x:1790000000`.
    pub id: String,
    pub platform: Platform,
    /// The acting account's handle (without `@`).
    pub account: String,
    pub kind: ActivityKind,
    /// What the account wrote; empty for a bare like or follow.
    #[serde(default)]
    pub text: String,
    /// When the activity happened, or its earliest possible time.
    pub created_at: DateTime<FixedOffset>,
    /// True when `created_at` is only a lower bound.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub created_at_approx: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reaction: Option<Reaction>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Target>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub media: Vec<Media>,
}

impl Activity {
    /// The acting account as `platform:handle`, lower-cased, without `@`.
    pub fn account_key(&self) -> String {
        account_key(self.platform, &self.account)
    }

    /// All text that can carry a stance: own text, media alt text.
    pub fn own_text(&self) -> String {
        let mut s = self.text.clone();
        for m in &self.media {
            if let Some(alt) = &m.alt {
                if !s.is_empty() {
                    s.push('\n');
                }
                s.push_str(alt);
            }
        }
        s
    }
}

/// Canonical key of an account: `platform:handle`, handle lower-cased without a leading `@`.
pub fn account_key(platform: Platform, handle: &str) -> String {
    let h = handle.trim().trim_start_matches('@').to_lowercase();
    format!("{}:{h}", platform.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn activity_round_trips_through_json() {
        let line = r#"{"id":"x:1","platform":"x","account":"Budi","kind":"like","created_at":"2024-10-01T08:00:00+07:00","reaction":"haha","target":{"account":"pramonoanung","id":"x:9"}}"#;
        let a: Activity = serde_json::from_str(line).unwrap();
        assert_eq!(a.kind, ActivityKind::Like);
        assert_eq!(a.reaction, Some(Reaction::Haha));
        assert_eq!(a.account_key(), "x:budi");
        let back: Activity = serde_json::from_str(&serde_json::to_string(&a).unwrap()).unwrap();
        assert_eq!(a, back);
    }

    #[test]
    fn platform_parse_accepts_twitter_and_rejects_unknown() {
        assert_eq!(Platform::parse("Twitter"), Some(Platform::X));
        assert_eq!(Platform::parse("myspace"), None);
    }
}
