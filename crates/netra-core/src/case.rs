//! Cases: the signals of one ASN in one election, the review workflow's
//! states and which moves between them are allowed.
//!
//! | from                      | allowed moves                                      |
//! |---------------------------|----------------------------------------------------|
//! | `new`                     | `in_review`, `dismissed`                           |
//! | `in_review`               | `clarification_requested`, `confirmed`, `dismissed`|
//! | `clarification_requested` | `in_review`, `confirmed`, `dismissed`              |
//! | `confirmed`               | `reported`, `dismissed` (withdrawn before reporting)|
//! | `reported`                | `sanction_recorded`                                |
//! | `dismissed`               | — (final)                                          |
//! | `sanction_recorded`       | — (final)                                          |
//!
//! Every move names a user and a reason. Moving to `confirmed` needs a
//! reviewer other than the analyst who opened the case or sent it to review
//! (four-eyes). The ASN's clarification is recorded when a case leaves
//! `clarification_requested`.

use serde::{Deserialize, Serialize};

/// Where a case is in the review workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseState {
    /// Opened from signals; nobody has looked yet.
    New,
    /// An analyst sent it to a reviewer.
    InReview,
    /// The reviewer asked the ASN for a clarification.
    ClarificationRequested,
    /// A reviewer (not the analyst) found a violation.
    Confirmed,
    /// Not a violation (or withdrawn before reporting).
    Dismissed,
    /// Reported to Bawaslu (by a person, outside netra).
    Reported,
    /// The sanction imposed by the employing official is recorded.
    SanctionRecorded,
}

impl CaseState {
    /// All states, in workflow order.
    pub const ALL: [CaseState; 7] = [
        CaseState::New,
        CaseState::InReview,
        CaseState::ClarificationRequested,
        CaseState::Confirmed,
        CaseState::Dismissed,
        CaseState::Reported,
        CaseState::SanctionRecorded,
    ];

    /// The stable spelling (`in_review`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            CaseState::New => "new",
            CaseState::InReview => "in_review",
            CaseState::ClarificationRequested => "clarification_requested",
            CaseState::Confirmed => "confirmed",
            CaseState::Dismissed => "dismissed",
            CaseState::Reported => "reported",
            CaseState::SanctionRecorded => "sanction_recorded",
        }
    }

    /// Parses the stable spelling (`-` accepted for `_`).
    pub fn parse(s: &str) -> Option<CaseState> {
        let s = s.trim().replace('-', "_");
        CaseState::ALL.into_iter().find(|c| c.as_str() == s)
    }

    /// The spellings, comma-separated (for messages).
    pub fn allowed_list() -> String {
        CaseState::ALL.map(CaseState::as_str).join(", ")
    }

    /// The states a case in this state may move to.
    pub fn next_states(self) -> &'static [CaseState] {
        use CaseState::{
            ClarificationRequested, Confirmed, Dismissed, InReview, New, Reported, SanctionRecorded,
        };
        match self {
            New => &[InReview, Dismissed],
            InReview => &[ClarificationRequested, Confirmed, Dismissed],
            ClarificationRequested => &[InReview, Confirmed, Dismissed],
            Confirmed => &[Reported, Dismissed],
            Reported => &[SanctionRecorded],
            Dismissed | SanctionRecorded => &[],
        }
    }

    /// True when the workflow allows `self → to`.
    pub fn can_move_to(self, to: CaseState) -> bool {
        self.next_states().contains(&to)
    }

    /// True while no decision is taken: new signals of the ASN still join the case.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            CaseState::New | CaseState::InReview | CaseState::ClarificationRequested
        )
    }
}

impl std::fmt::Display for CaseState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The kind of breach: ethics before candidates are determined, discipline after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseClass {
    /// Kode etik (PP 42/2004): acts about a prospective candidate.
    Ethics,
    /// Disiplin (PP 94/2021): acts about a determined candidate.
    Discipline,
}

impl CaseClass {
    /// The stable spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            CaseClass::Ethics => "ethics",
            CaseClass::Discipline => "discipline",
        }
    }

    /// Parses the stable spelling.
    pub fn parse(s: &str) -> Option<CaseClass> {
        [CaseClass::Ethics, CaseClass::Discipline]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

impl std::fmt::Display for CaseClass {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How serious a case looks before review (ordering: low < medium < high).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Low,
    Medium,
    High,
}

impl Severity {
    /// The stable spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
        }
    }

    /// Parses the stable spelling.
    pub fn parse(s: &str) -> Option<Severity> {
        [Severity::Low, Severity::Medium, Severity::High]
            .into_iter()
            .find(|c| c.as_str() == s)
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::CaseState::{self, *};

    #[test]
    fn transition_table() {
        let allowed = [
            (New, InReview),
            (New, Dismissed),
            (InReview, ClarificationRequested),
            (InReview, Confirmed),
            (InReview, Dismissed),
            (ClarificationRequested, InReview),
            (ClarificationRequested, Confirmed),
            (ClarificationRequested, Dismissed),
            (Confirmed, Reported),
            (Confirmed, Dismissed),
            (Reported, SanctionRecorded),
        ];
        for from in CaseState::ALL {
            for to in CaseState::ALL {
                assert_eq!(
                    from.can_move_to(to),
                    allowed.contains(&(from, to)),
                    "{from} -> {to}"
                );
            }
        }
    }

    #[test]
    fn spellings_round_trip() {
        for s in CaseState::ALL {
            assert_eq!(CaseState::parse(s.as_str()), Some(s));
        }
        assert_eq!(CaseState::parse("in-review"), Some(InReview));
        assert_eq!(CaseState::parse("done"), None);
    }
}
