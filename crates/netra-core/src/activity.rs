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

    /// The contract spellings joined by `, `, for error messages.
    pub fn allowed_list() -> String {
        join(Platform::ALL.iter().map(|p| p.as_str()))
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

    /// Parses the contract spelling (case-insensitive, surrounding space ignored).
    pub fn parse(s: &str) -> Option<ActivityKind> {
        let s = s.trim();
        ActivityKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }

    /// The contract spellings joined by `, `, for error messages.
    pub fn allowed_list() -> String {
        join(ActivityKind::ALL.iter().map(|k| k.as_str()))
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
    /// All reactions, in contract order.
    pub const ALL: [Reaction; 7] = [
        Reaction::Like,
        Reaction::Love,
        Reaction::Haha,
        Reaction::Wow,
        Reaction::Sad,
        Reaction::Angry,
        Reaction::Care,
    ];

    /// The contract spelling (`like`, `love`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Reaction::Like => "like",
            Reaction::Love => "love",
            Reaction::Haha => "haha",
            Reaction::Wow => "wow",
            Reaction::Sad => "sad",
            Reaction::Angry => "angry",
            Reaction::Care => "care",
        }
    }

    /// Parses the contract spelling (case-insensitive, surrounding space ignored).
    pub fn parse(s: &str) -> Option<Reaction> {
        let s = s.trim();
        Reaction::ALL
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(s))
    }

    /// The contract spellings joined by `, `, for error messages.
    pub fn allowed_list() -> String {
        join(Reaction::ALL.iter().map(|r| r.as_str()))
    }

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
    /// Alternative text (platform alt text, or a description written by
    /// whoever captured the image).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alt: Option<String>,
    /// Text netra read in the image itself (OCR), filled in before
    /// detection. Never read from nor written to activity JSON: input cannot
    /// pretend a text came from an image, and the stored activity stays the
    /// same whether or not its images were read.
    #[serde(skip)]
    pub ocr: Option<ImageText>,
}

/// Text read in an image by OCR, with the image it came from, so that a
/// reason can name the image.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImageText {
    /// The image's file name (without its folder).
    pub file: String,
    /// SHA-256 of the image's bytes, lowercase hex.
    pub sha256: String,
    /// The recognised text (may be empty: an image without words).
    pub text: String,
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

/// A rule of the activity contract that the field types alone do not enforce.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ActivityProblem {
    #[error("field `id` is empty")]
    EmptyId,
    #[error("field `account` is empty")]
    EmptyAccount,
    #[error("field `reaction` is only allowed on a `like`, not on a `{kind}`")]
    ReactionOnNonLike { kind: ActivityKind },
    #[error("field `media[{index}]` has neither `path` nor `url`")]
    MediaWithoutSource { index: usize },
    #[error("field `media[{index}].sha256` must be 64 hexadecimal digits, found `{value}`")]
    MediaSha256 { index: usize, value: String },
}

impl Activity {
    /// Checks the contract rules beyond the field types: non-empty `id` and
    /// `account`, `reaction` only on a `like`, each medium with a `path` or
    /// `url` and a well-formed `sha256`. Returns the first problem found.
    pub fn validate(&self) -> Result<(), ActivityProblem> {
        if self.id.trim().is_empty() {
            return Err(ActivityProblem::EmptyId);
        }
        if crate::registry::normalize_handle(&self.account).is_empty() {
            return Err(ActivityProblem::EmptyAccount);
        }
        if self.reaction.is_some() && self.kind != ActivityKind::Like {
            return Err(ActivityProblem::ReactionOnNonLike { kind: self.kind });
        }
        for (index, m) in self.media.iter().enumerate() {
            let present = |s: &Option<String>| s.as_deref().is_some_and(|s| !s.trim().is_empty());
            if !present(&m.path) && !present(&m.url) {
                return Err(ActivityProblem::MediaWithoutSource { index });
            }
            if let Some(h) = &m.sha256 {
                if h.len() != 64 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
                    return Err(ActivityProblem::MediaSha256 {
                        index,
                        value: h.clone(),
                    });
                }
            }
        }
        Ok(())
    }

    /// Puts the handles in stored form (trimmed, without leading `@`: `account`
    /// and `target.account`), trims `id`, and lower-cases media hashes.
    pub fn normalize(&mut self) {
        let trimmed = |s: &str| crate::registry::normalize_handle(s).to_owned();
        self.account = trimmed(&self.account);
        if self.id.trim().len() != self.id.len() {
            self.id = self.id.trim().to_owned();
        }
        if let Some(t) = &mut self.target {
            if let Some(a) = &mut t.account {
                *a = trimmed(a);
            }
        }
        for m in &mut self.media {
            if let Some(h) = &mut m.sha256 {
                h.make_ascii_lowercase();
            }
        }
    }

    /// The acting account as `platform:handle`, lower-cased, without `@`.
    pub fn account_key(&self) -> String {
        account_key(self.platform, &self.account)
    }

    /// All text that can carry a stance: own text, media alt text, and the
    /// text read in the images (OCR), when they were read.
    pub fn own_text(&self) -> String {
        let mut s = self.text.clone();
        for m in &self.media {
            let ocr = m
                .ocr
                .as_ref()
                .map(|o| o.text.as_str())
                .filter(|t| !t.trim().is_empty());
            for t in [m.alt.as_deref(), ocr].into_iter().flatten() {
                if !s.is_empty() {
                    s.push('\n');
                }
                s.push_str(t);
            }
        }
        s
    }

    /// The texts read in this activity's images (OCR) that hold any words.
    pub fn image_texts(&self) -> impl Iterator<Item = &ImageText> {
        self.media
            .iter()
            .filter_map(|m| m.ocr.as_ref())
            .filter(|o| !o.text.trim().is_empty())
    }
}

fn join<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items.collect::<Vec<_>>().join(", ")
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
