//! netra's detectors: an [`Activity`] and an [`Election`](netra_core::Election) in, [`Signal`]s out,
//! each with the reasons a reviewer reads.
//!
//! Detection is pure and deterministic (no I/O, no clock): the same activity
//! and config always give the same signals. What a pair is called comes only
//! from the election config.
//!
//! ```
//! use netra_core::{Activity, Catalogue, Election};
//! use netra_detect::{CueStance, Detector, RuleEngine, RuleOptions};
//! let election = Election::from_toml_str(r#"
//! [election]
//! id = "demo-2030"
//! name = "Pemilihan Demo"
//! region = "Kota Contoh"
//! [election.timeline]
//! candidate_determination = 2030-09-22
//! campaign_start = 2030-09-25
//! campaign_end = 2030-11-23
//! voting_day = 2030-11-27
//! [[candidates]]
//! number = 1
//! names = ["Calon Satu", "Wakil Satu"]
//! hashtags = ["SatuMenang"]
//! "#, "demo.toml").unwrap();
//! let activity: Activity = serde_json::from_str(r#"{"id":"x:1","platform":"x","account":"a",
//!   "kind":"post","text":"Ayo coblos! #SatuMenang","created_at":"2030-10-01T08:00:00+07:00"}"#).unwrap();
//! let engine = RuleEngine::new(
//!     &election,
//!     Catalogue::bundled().unwrap(),
//!     Box::new(CueStance::new(&election)),
//!     RuleOptions { include_outside_window: true },
//! );
//! let signals = engine.detect(&activity);
//! assert_eq!(signals[0].target, 1);
//! ```

pub mod rules;
pub mod stance;

pub use rules::{
    ClassifierStance, CueStance, Finding, RuleEngine, RuleOptions, Stance, TextStance,
};
pub use stance::{StanceClassifier, StanceDetector};

use netra_core::{Activity, Signal};

/// Turns one activity into zero or more signals.
pub trait Detector {
    fn detect(&self, activity: &Activity) -> Vec<Signal>;
}
