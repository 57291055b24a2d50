//! Clearly fictional, reproducible demo data for netra.
//!
//! [`generate`] builds, from an election config alone, an ASN registry with
//! valid NIPs and declared accounts, a log of social-media activities across
//! platforms and kinds (everyday chatter, news, neutral political talk, hard
//! negatives, and a minority of registered ASN who support or attack a pair),
//! and the ground truth: which activities a correct system flags, for which
//! pair, by which rule, in which phase.
//!
//! The generator is pure and deterministic: no I/O, no clock, no global
//! random state. The same election and [`DemoConfig`] give the same bytes on
//! every machine. Nothing about a particular election is written in this
//! crate: names, aliases, hashtags, slogans, parties, ballot numbers,
//! official accounts and dates all come from the [`Election`] passed in.
//!
//! **Invariant:** every person, handle and post is invented. Names are built
//! from lists of common Indonesian given and family names with candidates'
//! name words removed; addresses use the reserved `.example` domain. The
//! official accounts in the config are the only real handles, and every post
//! attributed to them is invented too.
//!
//! ```
//! use netra_core::Election;
//! use netra_demo::{generate, DemoConfig};
//!
//! let election = Election::from_toml_str(r#"
//! [election]
//! id = "demo-2030"
//! name = "Pemilihan Wali Kota Contoh 2030"
//! region = "Kota Contoh"
//! [election.timeline]
//! candidate_determination = 2030-09-22
//! campaign_start = 2030-09-25
//! campaign_end = 2030-11-23
//! voting_day = 2030-11-27
//! [[candidates]]
//! number = 1
//! names = ["Calon Satu", "Wakil Satu"]
//! hashtags = ["SatuHati"]
//! [[candidates]]
//! number = 2
//! names = ["Calon Dua", "Wakil Dua"]
//! accounts = [{ platform = "instagram", handle = "calondua" }]
//! "#, "demo.toml").unwrap();
//!
//! let config = DemoConfig { seed: 7, asn_count: 40, activity_count: 1_000 };
//! let demo = generate(&election, &config);
//! assert_eq!(demo.registry.len(), 40);
//! assert_eq!(demo.activities.len(), 1_000);
//! assert_eq!(demo.activities_jsonl.lines().count(), 1_000);
//! assert!(demo.registry_csv.starts_with("nip,name,position,unit,accounts\n"));
//! // Same seed, same bytes.
//! assert_eq!(generate(&election, &config).activities_jsonl, demo.activities_jsonl);
//! ```

mod build;
mod clock;
mod ids;
mod lexicon;
mod registry;
mod text;

use netra_core::{Activity, AsnRecord, Election, Label, Nip};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

/// How much demo data to generate, and from which seed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoConfig {
    /// Seed of the `ChaCha8` generator; the same seed gives the same bytes.
    pub seed: u64,
    /// Number of ASN in the registry (fewer only for an election before 1962, when no valid NIP fits).
    pub asn_count: usize,
    /// Number of activities, exactly.
    pub activity_count: usize,
}

impl DemoConfig {
    /// The seed of the bundled demo data.
    pub const DEFAULT_SEED: u64 = 20_240_601;
}

impl Default for DemoConfig {
    fn default() -> Self {
        DemoConfig {
            seed: Self::DEFAULT_SEED,
            asn_count: 300,
            activity_count: 20_000,
        }
    }
}

/// The rule that makes an activity a signal: the main reason a reviewer reads.
///
/// An activity may meet more than one rule (a quote with a campaign hashtag of
/// an official post); the truth names the one it was built for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    /// Own text (post, comment, reply, quote, story) supports or attacks a pair.
    PostStance,
    /// Like of a pair's official account's content.
    LikeOfficial,
    /// Like of content that supports a pair (not an official account).
    LikeSupportive,
    /// Like of content that attacks a pair.
    LikeAttack,
    /// Mocking reaction (`haha`) on a pair's content.
    ReactMocking,
    /// Share or repost of a pair's official content.
    ShareOfficial,
    /// Share or repost of content that supports a pair.
    ShareSupportive,
    /// Share, repost or approving quote of content that attacks a pair.
    ShareAttack,
    /// Comment on a pair's official content.
    CommentOfficial,
    /// Comment on content that supports a pair.
    CommentSupportive,
    /// Follow of a pair's official account.
    FollowOfficial,
    /// Follow of a supporters' (volunteer) account of a pair.
    FollowSupportive,
    /// Profile bio shows party membership or office.
    ProfileParty,
    /// Profile bio shows a campaign role (volunteer, campaign team).
    ProfileCampaign,
    /// Campaign twibbon on a profile picture or story (from alt text).
    Twibbon,
    /// Finger-count pose matching a ballot number (from alt text and caption).
    FingerPose,
}

impl Rule {
    /// All rules.
    pub const ALL: [Rule; 16] = [
        Rule::PostStance,
        Rule::LikeOfficial,
        Rule::LikeSupportive,
        Rule::LikeAttack,
        Rule::ReactMocking,
        Rule::ShareOfficial,
        Rule::ShareSupportive,
        Rule::ShareAttack,
        Rule::CommentOfficial,
        Rule::CommentSupportive,
        Rule::FollowOfficial,
        Rule::FollowSupportive,
        Rule::ProfileParty,
        Rule::ProfileCampaign,
        Rule::Twibbon,
        Rule::FingerPose,
    ];

    /// The stable spelling (`post-stance`, `like-official`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::PostStance => "post-stance",
            Rule::LikeOfficial => "like-official",
            Rule::LikeSupportive => "like-supportive",
            Rule::LikeAttack => "like-attack",
            Rule::ReactMocking => "react-mocking",
            Rule::ShareOfficial => "share-official",
            Rule::ShareSupportive => "share-supportive",
            Rule::ShareAttack => "share-attack",
            Rule::CommentOfficial => "comment-official",
            Rule::CommentSupportive => "comment-supportive",
            Rule::FollowOfficial => "follow-official",
            Rule::FollowSupportive => "follow-supportive",
            Rule::ProfileParty => "profile-party",
            Rule::ProfileCampaign => "profile-campaign",
            Rule::Twibbon => "twibbon",
            Rule::FingerPose => "finger-pose",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Ethics before candidate determination, discipline from it on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TruthPhase {
    Ethics,
    Discipline,
}

/// One line of the ground truth: an activity a correct system flags.
///
/// Activities without a truth line must not be flagged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TruthRecord {
    /// `Activity::id` of the flagged activity.
    pub activity_id: String,
    /// NIP of the registered ASN who declared the acting account.
    pub nip: Nip,
    /// `support` or `oppose`.
    pub label: Label,
    /// Ballot number of the pair.
    pub target: u32,
    /// Why it is flagged.
    pub rule: Rule,
    /// Ethics (before candidate determination) or discipline.
    pub phase: TruthPhase,
}

/// Generated demo data: typed records and the three files' contents.
#[derive(Debug, Clone)]
pub struct Demo {
    pub registry: Vec<AsnRecord>,
    /// Sorted by time, then id.
    pub activities: Vec<Activity>,
    /// In the order of `activities`.
    pub truth: Vec<TruthRecord>,
    /// `registry.csv`: header `nip,name,position,unit,accounts`.
    pub registry_csv: String,
    /// `activities.jsonl`: one activity a line.
    pub activities_jsonl: String,
    /// `truth.jsonl`: one truth record a line.
    pub truth_jsonl: String,
}

/// Generates the demo data for `election`. Pure and deterministic.
pub fn generate(election: &Election, config: &DemoConfig) -> Demo {
    let lex = lexicon::Lexicon::embedded();
    let rng = ChaCha8Rng::seed_from_u64(config.seed);
    let out = build::Gen::new(election, &lex, rng).run(config);
    let registry_csv = registry_csv(&out.registry);
    let activities_jsonl = jsonl(&out.activities);
    let truth_jsonl = jsonl(&out.truth);
    Demo {
        registry: out.registry,
        activities: out.activities,
        truth: out.truth,
        registry_csv,
        activities_jsonl,
        truth_jsonl,
    }
}

/// Quotes a CSV field when it needs it (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// The registry as CSV: `nip,name,position,unit,accounts`, accounts `platform:handle` joined by `;`.
pub fn registry_csv(records: &[AsnRecord]) -> String {
    let mut out = String::from("nip,name,position,unit,accounts\n");
    for r in records {
        let accounts = r
            .accounts
            .iter()
            .map(|a| format!("{}:{}", a.platform.as_str(), a.handle))
            .collect::<Vec<_>>()
            .join(";");
        let fields = [
            csv_field(r.nip.as_str()),
            csv_field(&r.name),
            csv_field(&r.position),
            csv_field(&r.unit),
            csv_field(&accounts),
        ];
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// One JSON object a line.
fn jsonl<T: Serialize>(items: &[T]) -> String {
    let mut out = String::new();
    for item in items {
        out.push_str(
            &serde_json::to_string(item).expect("activities and truth records always serialise"),
        );
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_with_commas_and_quotes_are_quoted() {
        assert_eq!(csv_field("Rina, S.Pd."), "\"Rina, S.Pd.\"");
        assert_eq!(csv_field("a\"b"), "\"a\"\"b\"");
        assert_eq!(csv_field("plain"), "plain");
    }

    #[test]
    fn rule_spellings_match_serde() {
        for r in Rule::ALL {
            assert_eq!(
                serde_json::to_string(&r).unwrap(),
                format!("\"{}\"", r.as_str())
            );
        }
    }
}
