//! Detection output: the four-way stance label and the signal a detector emits.

use serde::{Deserialize, Serialize};

use crate::Reason;

/// Stance of an activity towards the election (the classification contract).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// Praises, promotes, defends or invites votes for a pair.
    Support,
    /// Attacks, mocks or urges not to vote for a pair.
    Oppose,
    /// About the election without taking a side (news, questions, reports).
    PoliticalNeutral,
    /// Unrelated to the election.
    NotPolitical,
}

impl Label {
    /// All labels, in contract order.
    pub const ALL: [Label; 4] = [
        Label::Support,
        Label::Oppose,
        Label::PoliticalNeutral,
        Label::NotPolitical,
    ];

    /// The contract spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Support => "support",
            Label::Oppose => "oppose",
            Label::PoliticalNeutral => "political_neutral",
            Label::NotPolitical => "not_political",
        }
    }

    /// Parses the contract spelling.
    pub fn parse(s: &str) -> Option<Label> {
        Label::ALL.into_iter().find(|l| l.as_str() == s)
    }

    /// True for labels that take a side (and so need a target pair).
    pub fn is_partisan(self) -> bool {
        matches!(self, Label::Support | Label::Oppose)
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A partisan finding about one activity, with the reasons a reviewer reads.
///
/// A signal is never a finding: a person reviews it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// The activity's id (`Activity::id`).
    pub activity_id: String,
    /// `platform:handle` of the acting account.
    pub account_key: String,
    /// Support or oppose.
    pub label: Label,
    /// The ballot number of the pair the stance is about.
    pub target: u32,
    /// Confidence in [0, 1].
    pub score: f64,
    /// The rule that fired (stable code, e.g. `post-stance`, `like-official`).
    pub rule: String,
    /// The evidence a reviewer reads: the rule, matched terms, cues, the
    /// model, the date and the violation.
    pub reasons: Vec<Reason>,
}
