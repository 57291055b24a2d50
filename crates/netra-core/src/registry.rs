//! ASN registry records: who is monitored, and which accounts they declared.
//!
//! [`Registry::build`] turns records into a lookup by NIP and by account,
//! applying the two rules that protect against blaming the wrong person:
//!
//! - **a NIP appears once**: a later record with a NIP already seen is
//!   dropped (the first is kept) and reported;
//! - **an account belongs to one person**: an account declared by two or more
//!   different NIPs is removed from *all* of them and reported. Attributing a
//!   post to the wrong civil servant is the worst error netra can make, and
//!   nothing in the registry says which claim is right, so neither is trusted
//!   until a person corrects the source.
//!
//! ```
//! use netra_core::{AccountRef, AsnRecord, Nip, Platform, Registry};
//! let rec = |nip: &str, handle: &str| AsnRecord {
//!     nip: Nip::parse(nip).unwrap(),
//!     name: "Contoh".into(),
//!     position: String::new(),
//!     unit: "Dinas Contoh".into(),
//!     accounts: vec![AccountRef::parse(handle).unwrap()],
//! };
//! let (registry, issues) = Registry::build(vec![
//!     rec("198503122010011002", "instagram:@Budi"),
//!     rec("199001012015032001", "instagram:budi"),
//! ]);
//! assert_eq!(issues.len(), 1);
//! assert!(registry.by_account(Platform::Instagram, "budi").is_none());
//! ```

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use crate::{activity::account_key, Nip, Platform};

/// A declared social account, `platform:handle`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccountRef {
    pub platform: Platform,
    /// Handle without `@`, as declared.
    pub handle: String,
}

/// Why an account entry is not `platform:handle`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    #[error("account entry is empty")]
    Empty,
    #[error("account entry `{entry}` is a web address; write platform:handle{suggestion}")]
    Url { entry: String, suggestion: String },
    #[error(
        "account entry `{entry}` has no platform; write platform:handle, e.g. instagram:{handle}"
    )]
    NoPlatform { entry: String, handle: String },
    #[error(
        "account entry `{entry}`: unknown platform `{platform}`; allowed: {}",
        Platform::allowed_list()
    )]
    UnknownPlatform { entry: String, platform: String },
    #[error("account entry `{entry}` has an empty handle")]
    EmptyHandle { entry: String },
    #[error(
        "account entry `{entry}`: handle contains `{found}`; a handle has no spaces or separators"
    )]
    BadHandle { entry: String, found: char },
}

impl AccountRef {
    /// Parses `platform:handle`. The platform is case-insensitive (`twitter`
    /// means `x`); the handle is trimmed and loses leading `@`s.
    pub fn parse(entry: &str) -> Result<AccountRef, AccountError> {
        let entry = entry.trim();
        if entry.is_empty() {
            return Err(AccountError::Empty);
        }
        let lower = entry.to_ascii_lowercase();
        if lower.starts_with("http://")
            || lower.starts_with("https://")
            || lower.starts_with("www.")
        {
            let suggestion = suggest_from_url(entry)
                .map(|a| format!(", e.g. {}:{}", a.platform, a.handle))
                .unwrap_or_default();
            return Err(AccountError::Url {
                entry: entry.to_owned(),
                suggestion,
            });
        }
        let Some((platform, handle)) = entry.split_once(':') else {
            return Err(AccountError::NoPlatform {
                entry: entry.to_owned(),
                handle: normalize_handle(entry).to_owned(),
            });
        };
        let Some(platform) = Platform::parse(platform) else {
            return Err(AccountError::UnknownPlatform {
                entry: entry.to_owned(),
                platform: platform.trim().to_owned(),
            });
        };
        let handle = normalize_handle(handle);
        if handle.is_empty() {
            return Err(AccountError::EmptyHandle {
                entry: entry.to_owned(),
            });
        }
        if let Some(found) = handle
            .chars()
            .find(|c| c.is_whitespace() || matches!(c, ':' | ',' | ';' | '/' | '@'))
        {
            return Err(AccountError::BadHandle {
                entry: entry.to_owned(),
                found,
            });
        }
        Ok(AccountRef {
            platform,
            handle: handle.to_owned(),
        })
    }

    /// Canonical `platform:handle` key (lower-case handle).
    pub fn key(&self) -> String {
        account_key(self.platform, &self.handle)
    }
}

impl std::fmt::Display for AccountRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.platform, self.handle)
    }
}

/// A handle as stored: trimmed, without leading `@`s.
pub fn normalize_handle(handle: &str) -> &str {
    handle.trim().trim_start_matches('@').trim()
}

/// Best guess of `platform:handle` from a profile address, used only to
/// suggest a correction (never to load an account).
fn suggest_from_url(url: &str) -> Option<AccountRef> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let mut parts = rest.split(['/', '?', '#']).filter(|p| !p.is_empty());
    let host = parts.next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let host = host.strip_prefix("m.").unwrap_or(host);
    let platform = match host {
        "x.com" | "twitter.com" => Platform::X,
        "instagram.com" => Platform::Instagram,
        "facebook.com" | "fb.com" => Platform::Facebook,
        "tiktok.com" => Platform::Tiktok,
        "youtube.com" => Platform::Youtube,
        _ => return None,
    };
    let handle = normalize_handle(parts.next()?);
    if handle.is_empty() || handle.contains(".php") {
        return None;
    }
    Some(AccountRef {
        platform,
        handle: handle.to_owned(),
    })
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

/// A problem [`Registry::build`] found and resolved. Indices point into the
/// records passed to `build`, so a loader can map them to lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistryIssue {
    /// The record at `duplicate` repeats the NIP of the record at `first`; it was dropped.
    DuplicateNip {
        nip: Nip,
        first: usize,
        duplicate: usize,
    },
    /// `account` was declared by the records at `holders` (two or more
    /// different NIPs); it was removed from all of them.
    SharedAccount {
        account: AccountRef,
        holders: Vec<(usize, Nip)>,
    },
}

impl std::fmt::Display for RegistryIssue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RegistryIssue::DuplicateNip { nip, .. } => {
                write!(f, "duplicate NIP {nip}: the later record was dropped")
            }
            RegistryIssue::SharedAccount { account, holders } => {
                let nips: Vec<String> = holders.iter().map(|(_, n)| n.to_string()).collect();
                write!(
                    f,
                    "account {account} is claimed by NIPs {}: removed from all of them",
                    nips.join(", ")
                )
            }
        }
    }
}

/// The ASN registry: records with unique NIPs, each account owned by at most one record.
#[derive(Debug, Clone, Default)]
pub struct Registry {
    records: Vec<AsnRecord>,
    by_nip: HashMap<Nip, usize>,
    by_account: HashMap<String, usize>,
}

impl Registry {
    /// Builds the registry, dropping later duplicate NIPs and removing every
    /// account claimed by more than one NIP (see the module doc). Returns the
    /// issues in input order. A record listing the same account twice keeps it once.
    pub fn build(records: Vec<AsnRecord>) -> (Registry, Vec<RegistryIssue>) {
        let mut issues = Vec::new();
        let mut by_nip: HashMap<Nip, usize> = HashMap::new();
        // (input index, record) of the records kept
        let mut kept: Vec<(usize, AsnRecord)> = Vec::with_capacity(records.len());
        for (index, mut record) in records.into_iter().enumerate() {
            if let Some(&first) = by_nip.get(&record.nip) {
                issues.push(RegistryIssue::DuplicateNip {
                    nip: record.nip,
                    first: kept[first].0,
                    duplicate: index,
                });
                continue;
            }
            let mut seen = std::collections::HashSet::new();
            record.accounts.retain(|a| seen.insert(a.key()));
            by_nip.insert(record.nip.clone(), kept.len());
            kept.push((index, record));
        }
        // account key -> positions in `kept`, in order
        let mut claims: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for (pos, (_, record)) in kept.iter().enumerate() {
            for account in &record.accounts {
                claims.entry(account.key()).or_default().push(pos);
            }
        }
        let mut shared: Vec<(usize, RegistryIssue)> = Vec::new();
        for (key, holders) in &claims {
            if holders.len() < 2 {
                continue;
            }
            let account = kept[holders[0]]
                .1
                .accounts
                .iter()
                .find(|a| &a.key() == key)
                .cloned()
                .expect("the claim came from this record");
            let issue = RegistryIssue::SharedAccount {
                account,
                holders: holders
                    .iter()
                    .map(|&p| (kept[p].0, kept[p].1.nip.clone()))
                    .collect(),
            };
            shared.push((kept[holders[0]].0, issue));
            for &p in holders {
                kept[p].1.accounts.retain(|a| &a.key() != key);
            }
        }
        shared.sort_by_key(|(first, _)| *first);
        issues.extend(shared.into_iter().map(|(_, i)| i));

        let records: Vec<AsnRecord> = kept.into_iter().map(|(_, r)| r).collect();
        let mut by_account = HashMap::new();
        for (i, r) in records.iter().enumerate() {
            for a in &r.accounts {
                by_account.insert(a.key(), i);
            }
        }
        (
            Registry {
                records,
                by_nip,
                by_account,
            },
            issues,
        )
    }

    /// All records, in input order.
    pub fn records(&self) -> &[AsnRecord] {
        &self.records
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    /// True when there are no records.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The record with this NIP.
    pub fn by_nip(&self, nip: &Nip) -> Option<&AsnRecord> {
        self.by_nip.get(nip).map(|&i| &self.records[i])
    }

    /// The record that declared this account (handle compared case-insensitively, `@` ignored).
    pub fn by_account(&self, platform: Platform, handle: &str) -> Option<&AsnRecord> {
        self.by_account_key(&account_key(platform, handle))
    }

    /// The record that declared the account with this canonical key (see [`AccountRef::key`]).
    pub fn by_account_key(&self, key: &str) -> Option<&AsnRecord> {
        self.by_account.get(key).map(|&i| &self.records[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(nip: &str, accounts: &[&str]) -> AsnRecord {
        AsnRecord {
            nip: Nip::parse(nip).unwrap(),
            name: format!("ASN {nip}"),
            position: String::new(),
            unit: "Dinas Uji".into(),
            accounts: accounts
                .iter()
                .map(|a| AccountRef::parse(a).unwrap())
                .collect(),
        }
    }

    const A: &str = "198503122010011002";
    const B: &str = "199001012015032001";
    const C: &str = "197712312000121003";

    #[test]
    fn account_entries_parse_and_normalise() {
        let a = AccountRef::parse("  Twitter: @@BudiS ").unwrap();
        assert_eq!(a.platform, Platform::X);
        assert_eq!(a.handle, "BudiS");
        assert_eq!(a.key(), "x:budis");
        assert_eq!(a.to_string(), "x:BudiS");
    }

    #[test]
    fn bad_account_entries_name_the_problem() {
        let cases: &[(&str, &str)] = &[
            ("", "account entry is empty"),
            (
                "budi",
                "has no platform; write platform:handle, e.g. instagram:budi",
            ),
            (
                "myspace:budi",
                "unknown platform `myspace`; allowed: x, facebook",
            ),
            ("instagram:", "has an empty handle"),
            ("instagram:@", "has an empty handle"),
            ("instagram:budi santoso", "handle contains ` `"),
            (
                "https://www.instagram.com/budi/",
                "is a web address; write platform:handle, e.g. instagram:budi",
            ),
            (
                "https://example.com/budi",
                "is a web address; write platform:handle",
            ),
        ];
        for (entry, fragment) in cases {
            let err = AccountRef::parse(entry).expect_err(entry).to_string();
            assert!(
                err.contains(fragment),
                "{entry}: `{err}` lacks `{fragment}`"
            );
        }
    }

    #[test]
    fn duplicate_nip_keeps_the_first_record() {
        let (reg, issues) = Registry::build(vec![rec(A, &["x:a"]), rec(B, &[]), rec(A, &["x:z"])]);
        assert_eq!(reg.len(), 2);
        assert_eq!(
            issues,
            vec![RegistryIssue::DuplicateNip {
                nip: Nip::parse(A).unwrap(),
                first: 0,
                duplicate: 2
            }]
        );
        assert_eq!(reg.by_account(Platform::X, "A").unwrap().nip.as_str(), A);
        assert!(reg.by_account(Platform::X, "z").is_none());
    }

    #[test]
    fn shared_account_is_removed_from_every_claimant() {
        let (reg, issues) = Registry::build(vec![
            rec(A, &["instagram:Budi", "x:budi_a"]),
            rec(B, &["instagram:@budi"]),
            rec(C, &["x:c", "instagram:budi"]),
        ]);
        assert_eq!(issues.len(), 1);
        let RegistryIssue::SharedAccount { account, holders } = &issues[0] else {
            panic!("{issues:?}")
        };
        assert_eq!(account.key(), "instagram:budi");
        assert_eq!(
            holders.iter().map(|h| h.0).collect::<Vec<_>>(),
            vec![0, 1, 2]
        );
        assert!(reg.by_account(Platform::Instagram, "budi").is_none());
        assert_eq!(
            reg.by_nip(&Nip::parse(A).unwrap()).unwrap().accounts.len(),
            1
        );
        assert!(reg
            .by_nip(&Nip::parse(B).unwrap())
            .unwrap()
            .accounts
            .is_empty());
        assert_eq!(reg.by_account(Platform::X, "C").unwrap().nip.as_str(), C);
    }

    #[test]
    fn same_account_twice_in_one_record_is_not_a_conflict() {
        let (reg, issues) = Registry::build(vec![rec(A, &["x:budi", "x:@Budi"])]);
        assert!(issues.is_empty());
        assert_eq!(reg.records()[0].accounts.len(), 1);
    }
}
