//! The interaction rules' stable codes: which rule of netra's detector fired.
//!
//! A rule code says *what the account did* (`like-official`: liked a pair's
//! official post); the violation catalogue ([`crate::Catalogue`]) says which
//! legal provision that act breaks, by the rule, the activity kind, the
//! stance and the date. The codes are the ones the demo ground truth uses,
//! plus the symmetric ones it does not exercise (`comment-attack`,
//! `follow-attack`).

use serde::{Deserialize, Serialize};

use crate::{ActivityKind, Label};

/// One interaction rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleCode {
    /// The account's own text (post, comment, reply, quote, story, a share's
    /// caption, a bio) takes a side.
    PostStance,
    /// Like (`like`, `love`, `care`) of a pair's official or campaign account's content.
    LikeOfficial,
    /// Like of content that supports a pair.
    LikeSupportive,
    /// Like (or laughing reaction) of content that attacks a pair.
    LikeAttack,
    /// A mocking reaction (`haha`) on a pair's own or supportive content: opposition.
    ReactMocking,
    /// Share or repost (or approving quote) of a pair's official content.
    ShareOfficial,
    /// Share, repost or approving quote of content that supports a pair.
    ShareSupportive,
    /// Share, repost or approving quote of content that attacks a pair.
    ShareAttack,
    /// A comment or reply on a pair's official content, with its tone.
    CommentOfficial,
    /// A comment or reply on content that supports a pair, with its tone.
    CommentSupportive,
    /// An approving comment or reply on content that attacks a pair.
    CommentAttack,
    /// Following a pair's official or campaign account.
    FollowOfficial,
    /// Following an account whose bio supports a pair (volunteers, fans).
    FollowSupportive,
    /// Following an account whose bio attacks a pair.
    FollowAttack,
    /// A bio showing membership or office in a party that backs one pair only.
    ProfilePartyMembership,
    /// A bio showing a campaign role (volunteer, campaign team).
    ProfileCampaignRole,
    /// A picture or story with a pair's campaign twibbon (from alt text).
    Twibbon,
    /// A photo posing with the pair's finger count, with a campaign caption.
    FingerPose,
}

impl RuleCode {
    /// All rules.
    pub const ALL: [RuleCode; 18] = [
        RuleCode::PostStance,
        RuleCode::LikeOfficial,
        RuleCode::LikeSupportive,
        RuleCode::LikeAttack,
        RuleCode::ReactMocking,
        RuleCode::ShareOfficial,
        RuleCode::ShareSupportive,
        RuleCode::ShareAttack,
        RuleCode::CommentOfficial,
        RuleCode::CommentSupportive,
        RuleCode::CommentAttack,
        RuleCode::FollowOfficial,
        RuleCode::FollowSupportive,
        RuleCode::FollowAttack,
        RuleCode::ProfilePartyMembership,
        RuleCode::ProfileCampaignRole,
        RuleCode::Twibbon,
        RuleCode::FingerPose,
    ];

    /// The stable spelling (`like-official`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            RuleCode::PostStance => "post-stance",
            RuleCode::LikeOfficial => "like-official",
            RuleCode::LikeSupportive => "like-supportive",
            RuleCode::LikeAttack => "like-attack",
            RuleCode::ReactMocking => "react-mocking",
            RuleCode::ShareOfficial => "share-official",
            RuleCode::ShareSupportive => "share-supportive",
            RuleCode::ShareAttack => "share-attack",
            RuleCode::CommentOfficial => "comment-official",
            RuleCode::CommentSupportive => "comment-supportive",
            RuleCode::CommentAttack => "comment-attack",
            RuleCode::FollowOfficial => "follow-official",
            RuleCode::FollowSupportive => "follow-supportive",
            RuleCode::FollowAttack => "follow-attack",
            RuleCode::ProfilePartyMembership => "profile-party",
            RuleCode::ProfileCampaignRole => "profile-campaign",
            RuleCode::Twibbon => "twibbon",
            RuleCode::FingerPose => "finger-pose",
        }
    }

    /// Parses the stable spelling.
    pub fn parse(s: &str) -> Option<RuleCode> {
        let s = s.trim();
        RuleCode::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The spellings, comma-separated (for messages).
    pub fn allowed_list() -> String {
        RuleCode::ALL.map(RuleCode::as_str).join(", ")
    }

    /// The activity kinds this rule can fire on.
    pub fn kinds(self) -> &'static [ActivityKind] {
        use ActivityKind::{
            Comment, Follow, Like, Post, Profile, Quote, Reply, Repost, Share, Story,
        };
        match self {
            RuleCode::PostStance => &[Post, Comment, Reply, Quote, Story, Share, Repost, Profile],
            RuleCode::LikeOfficial
            | RuleCode::LikeSupportive
            | RuleCode::LikeAttack
            | RuleCode::ReactMocking => &[Like],
            RuleCode::ShareOfficial | RuleCode::ShareSupportive | RuleCode::ShareAttack => {
                &[Share, Repost, Quote]
            }
            RuleCode::CommentOfficial | RuleCode::CommentSupportive | RuleCode::CommentAttack => {
                &[Comment, Reply]
            }
            RuleCode::FollowOfficial | RuleCode::FollowSupportive | RuleCode::FollowAttack => {
                &[Follow]
            }
            RuleCode::ProfilePartyMembership | RuleCode::ProfileCampaignRole => &[Profile],
            RuleCode::Twibbon | RuleCode::FingerPose => {
                &[Post, Story, Profile, Comment, Reply, Quote, Share, Repost]
            }
        }
    }

    /// The stances this rule can give.
    pub fn stances(self) -> &'static [Label] {
        match self {
            RuleCode::PostStance | RuleCode::CommentOfficial | RuleCode::CommentSupportive => {
                &[Label::Support, Label::Oppose]
            }
            RuleCode::LikeAttack
            | RuleCode::ReactMocking
            | RuleCode::ShareAttack
            | RuleCode::CommentAttack
            | RuleCode::FollowAttack => &[Label::Oppose],
            RuleCode::LikeOfficial
            | RuleCode::LikeSupportive
            | RuleCode::ShareOfficial
            | RuleCode::ShareSupportive
            | RuleCode::FollowOfficial
            | RuleCode::FollowSupportive
            | RuleCode::ProfilePartyMembership
            | RuleCode::ProfileCampaignRole
            | RuleCode::Twibbon
            | RuleCode::FingerPose => &[Label::Support],
        }
    }
}

impl std::fmt::Display for RuleCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_round_trip_and_every_rule_has_kinds_and_stances() {
        for r in RuleCode::ALL {
            assert_eq!(RuleCode::parse(r.as_str()), Some(r));
            assert!(!r.kinds().is_empty() && !r.stances().is_empty(), "{r}");
            assert!(r.stances().iter().all(|l| l.is_partisan()), "{r}");
        }
        assert_eq!(RuleCode::parse("like-everything"), None);
    }
}
