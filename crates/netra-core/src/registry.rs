//! ASN registry records: who is monitored, and which accounts they declared.

use serde::{Deserialize, Serialize};

use crate::{activity::account_key, Nip, Platform};

/// A declared social account, `platform:handle`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccountRef {
    pub platform: Platform,
    /// Handle without `@`, as declared.
    pub handle: String,
}

impl AccountRef {
    /// Canonical `platform:handle` key (lower-case handle).
    pub fn key(&self) -> String {
        account_key(self.platform, &self.handle)
    }
}

/// One row of the ASN registry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsnRecord {
    pub nip: Nip,
    pub name: String,
    pub position: String,
    pub unit: String,
    pub accounts: Vec<AccountRef>,
}
