//! netra's contracts and domain types.
//!
//! This crate owns the shapes every other netra crate agrees on: the election
//! config ([`Election`]), the canonical activity ([`Activity`]), the ASN
//! registry record ([`AsnRecord`] with its validated [`Nip`]), the output of
//! detection ([`Label`], [`Signal`] with its [`Reason`]s, [`RuleCode`]) and the violation
//! catalogue that maps signals to legal provisions ([`Catalogue`]). It does no I/O beyond parsing strings
//! handed to it, and it knows no other netra crate.
//!
//! ```
//! use netra_core::Election;
//! let toml = r#"
//! [election]
//! id = "demo-2030"
//! name = "Pemilihan Demo 2030"
//! region = "Kota Contoh"
//! [election.timeline]
//! candidate_determination = 2030-09-22
//! campaign_start = 2030-09-25
//! campaign_end = 2030-11-23
//! voting_day = 2030-11-27
//! [[candidates]]
//! number = 1
//! names = ["Calon Satu", "Wakil Satu"]
//! "#;
//! let e = Election::from_toml_str(toml, "demo.toml").unwrap();
//! assert_eq!(e.candidates[0].number, 1);
//! ```

pub mod activity;
pub mod case;
pub mod catalogue;
pub mod election;
pub mod label;
pub mod nip;
pub mod office;
pub mod reason;
pub mod registry;
pub mod rule;

pub use activity::{
    Activity, ActivityKind, ActivityProblem, ImageText, Media, Platform, Reaction, Target,
};
pub use case::{CaseClass, CaseState, Severity};
pub use catalogue::{Bilingual, Catalogue, CatalogueError, Violation, ViolationPhase};
pub use election::{Account, Candidate, Election, ElectionError, ElectionInfo, Phase, Timeline};
pub use label::{Label, Signal};
pub use nip::{Gender, Nip, NipError};
pub use office::{LogoRef, Office, OfficeError, Signer};
pub use reason::{sha256_prefix, Cue, Feature, Reason, Term};
pub use registry::{AccountError, AccountRef, AsnRecord, Registry, RegistryIssue};
pub use rule::RuleCode;
