//! The numbers behind the dashboard's charts and `/api/stats`: cases and
//! signals per pair (every pair of the election side by side, zeros
//! included), cases per unit and signals per platform split by pair, cases
//! per state and deadlines.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use netra_core::CaseState;
use netra_store::{CaseRow, Store, StoreError, StoredElection};

/// Open cases whose deadline is this close count as due soon.
pub const DUE_SOON_DAYS: i64 = 2;

/// One unit's cases, or one platform's signals, per pair.
#[derive(Debug, Clone, PartialEq)]
pub struct TallyRow {
    /// The unit or the platform.
    pub key: String,
    /// Every pair of the election, zeros included.
    pub per_pair: BTreeMap<u32, u64>,
    pub total: u64,
}

/// Counts `(key, pair)` items into one row per key, every pair in each row,
/// most first (then by key).
fn tally<'a>(numbers: &[u32], items: impl Iterator<Item = (&'a str, u32)>) -> Vec<TallyRow> {
    let mut rows: BTreeMap<&str, TallyRow> = BTreeMap::new();
    for (key, pair) in items {
        let row = rows.entry(key).or_insert_with(|| TallyRow {
            key: key.to_string(),
            per_pair: numbers.iter().map(|n| (*n, 0)).collect(),
            total: 0,
        });
        *row.per_pair.entry(pair).or_default() += 1;
        row.total += 1;
    }
    let mut rows: Vec<TallyRow> = rows.into_values().collect();
    rows.sort_by(|a, b| b.total.cmp(&a.total).then_with(|| a.key.cmp(&b.key)));
    rows
}

/// The dashboard's numbers for one election.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub election: StoredElection,
    /// Every pair: ballot number and names (empty when not stored).
    pub pairs: Vec<(u32, Vec<String>)>,
    /// Cases per pair: (support, oppose).
    pub cases_per_pair: BTreeMap<u32, (u64, u64)>,
    /// Stored signals per pair: (support, oppose).
    pub signals_per_pair: BTreeMap<u32, (u64, u64)>,
    /// Units by number of cases, most first.
    pub units: Vec<TallyRow>,
    /// Platforms by number of stored signals, most first.
    pub platforms: Vec<TallyRow>,
    /// Cases per state, in workflow order, zeros included.
    pub by_state: Vec<(CaseState, u64)>,
    pub cases: u64,
    pub open: u64,
    /// Open, deadline within [`DUE_SOON_DAYS`] days.
    pub due_soon: u64,
    /// Open, deadline passed.
    pub overdue: u64,
}

/// The election to show: `wanted` when stored, else the one voting last.
pub fn pick_election(elections: &[StoredElection], wanted: Option<&str>) -> Option<StoredElection> {
    wanted
        .and_then(|w| elections.iter().find(|e| e.id == w))
        .or_else(|| {
            elections
                .iter()
                .max_by(|a, b| a.voting_day.cmp(&b.voting_day))
        })
        .cloned()
}

/// Whether an open case's deadline has passed (`Some(true)`), is within
/// [`DUE_SOON_DAYS`] (`Some(false)`), or neither (`None`).
pub fn urgency(c: &CaseRow, now: DateTime<Utc>) -> Option<bool> {
    if !c.state.is_open() {
        return None;
    }
    let d = DateTime::parse_from_rfc3339(&c.deadline).ok()?.to_utc();
    if d < now {
        Some(true)
    } else if d - now <= chrono::Duration::days(DUE_SOON_DAYS) {
        Some(false)
    } else {
        None
    }
}

/// The numbers of `election` from its cases and stored signals.
pub async fn compute(
    store: &Store,
    election: &StoredElection,
    now: DateTime<Utc>,
) -> Result<Stats, StoreError> {
    let cases = store
        .cases(&netra_store::CaseFilter {
            election_id: Some(election.id.clone()),
            ..netra_store::CaseFilter::default()
        })
        .await?;
    let stored_pairs = store.election_pairs(&election.id).await?;
    let signals = store.signals(&election.id).await?;
    let mut numbers: Vec<u32> = stored_pairs
        .iter()
        .map(|p| p.number)
        .chain(cases.iter().map(|c| c.target))
        .chain(signals.iter().map(|s| s.target))
        .collect();
    numbers.sort_unstable();
    numbers.dedup();
    let pairs = numbers
        .iter()
        .map(|n| {
            let names = stored_pairs
                .iter()
                .find(|p| p.number == *n)
                .map(|p| p.names.clone())
                .unwrap_or_default();
            (*n, names)
        })
        .collect();
    let cases_per_pair =
        netra_app::case_builder::per_pair(&numbers, cases.iter().map(|c| (c.target, c.label)));
    let signals_per_pair =
        netra_app::case_builder::per_pair(&numbers, signals.iter().map(|s| (s.target, s.label)));
    let units = tally(&numbers, cases.iter().map(|c| (c.unit.as_str(), c.target)));
    let platforms = tally(
        &numbers,
        signals.iter().map(|s| (s.platform.as_str(), s.target)),
    );
    let by_state = CaseState::ALL
        .iter()
        .map(|s| (*s, cases.iter().filter(|c| c.state == *s).count() as u64))
        .collect();
    let urgencies: Vec<Option<bool>> = cases.iter().map(|c| urgency(c, now)).collect();
    Ok(Stats {
        election: election.clone(),
        pairs,
        cases_per_pair,
        signals_per_pair,
        units,
        platforms,
        by_state,
        cases: cases.len() as u64,
        open: cases.iter().filter(|c| c.state.is_open()).count() as u64,
        due_soon: urgencies.iter().filter(|u| **u == Some(false)).count() as u64,
        overdue: urgencies.iter().filter(|u| **u == Some(true)).count() as u64,
    })
}

impl Stats {
    /// The API's JSON shape.
    pub fn to_json(&self) -> serde_json::Value {
        let pair = |(n, names): &(u32, Vec<String>)| {
            let (cs, co) = self.cases_per_pair.get(n).copied().unwrap_or_default();
            let (ss, so) = self.signals_per_pair.get(n).copied().unwrap_or_default();
            serde_json::json!({
                "pair": n,
                "names": names,
                "cases": { "support": cs, "oppose": co },
                "signals": { "support": ss, "oppose": so },
            })
        };
        serde_json::json!({
            "election": self.election.id,
            "election_name": self.election.name,
            "cases": self.cases,
            "open": self.open,
            "due_soon": self.due_soon,
            "overdue": self.overdue,
            "by_state": self.by_state.iter().map(|(s, n)| serde_json::json!({"state": s.as_str(), "cases": n})).collect::<Vec<_>>(),
            "pairs": self.pairs.iter().map(pair).collect::<Vec<_>>(),
            "units": self.units.iter().map(|u| serde_json::json!({
                "unit": u.key,
                "cases": u.total,
                "per_pair": u.per_pair.iter().map(|(n, c)| serde_json::json!({"pair": n, "cases": c})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "platforms": self.platforms.iter().map(|p| serde_json::json!({
                "platform": p.key,
                "signals": p.total,
                "per_pair": p.per_pair.iter().map(|(n, c)| serde_json::json!({"pair": n, "signals": c})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}
