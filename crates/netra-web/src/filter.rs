//! The case list's filters, read from and written back to the URL query so
//! they stay when the user goes back or shares the link.

use netra_core::{CaseClass, CaseState, Severity};
use netra_store::CaseRow;

use crate::view::url_encode;

/// Cases per page in the HTML list.
pub const PAGE_SIZE: usize = 50;

/// Which cases to show. Unknown or empty values mean "all".
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseQuery {
    pub election: Option<String>,
    /// A state, or `open` for new, in review and waiting for clarification.
    pub state: Option<StateFilter>,
    /// Name (any part, any case) or NIP (any part).
    pub q: String,
    pub unit: String,
    pub pair: Option<u32>,
    pub severity: Option<Severity>,
    pub class: Option<CaseClass>,
    /// 1-based page of the HTML list.
    pub page: usize,
}

/// A state filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StateFilter {
    Open,
    Is(CaseState),
}

impl StateFilter {
    pub fn as_str(self) -> &'static str {
        match self {
            StateFilter::Open => "open",
            StateFilter::Is(s) => s.as_str(),
        }
    }
}

impl CaseQuery {
    /// From the query's pairs; values that do not parse are ignored.
    pub fn from_pairs(pairs: &[(String, String)]) -> CaseQuery {
        let get = |k: &str| {
            crate::auth::get(pairs, k)
                .map(str::trim)
                .filter(|v| !v.is_empty())
        };
        CaseQuery {
            election: get("election").map(str::to_string),
            state: get("state").and_then(|s| {
                if s == "open" {
                    Some(StateFilter::Open)
                } else {
                    CaseState::parse(s).map(StateFilter::Is)
                }
            }),
            q: get("q").unwrap_or("").chars().take(200).collect(),
            unit: get("unit").unwrap_or("").chars().take(200).collect(),
            pair: get("pair").and_then(|p| p.parse().ok()),
            severity: get("severity").and_then(Severity::parse),
            class: get("class").and_then(CaseClass::parse),
            page: get("page")
                .and_then(|p| p.parse().ok())
                .filter(|p| *p >= 1)
                .unwrap_or(1),
        }
    }

    /// The store-side filter (what SQL can narrow).
    pub fn store_filter(&self) -> netra_store::CaseFilter {
        netra_store::CaseFilter {
            election_id: self.election.clone(),
            state: match self.state {
                Some(StateFilter::Is(s)) => Some(s),
                _ => None,
            },
            nip: None,
        }
    }

    /// Whether `c` passes every filter.
    pub fn matches(&self, c: &CaseRow) -> bool {
        let q = self.q.trim();
        let digits: String = q.chars().filter(|ch| !ch.is_whitespace()).collect();
        let text_ok = q.is_empty()
            || (digits.chars().all(|ch| ch.is_ascii_digit()) && c.nip.contains(&digits))
            || c.name.to_lowercase().contains(&q.to_lowercase());
        text_ok
            && (self.unit.is_empty() || c.unit == self.unit)
            && self.election.as_ref().is_none_or(|e| *e == c.election_id)
            && match self.state {
                None => true,
                Some(StateFilter::Open) => c.state.is_open(),
                Some(StateFilter::Is(s)) => c.state == s,
            }
            && self.pair.is_none_or(|p| p == c.target)
            && self.severity.is_none_or(|s| s == c.severity)
            && self.class.is_none_or(|k| k == c.class)
    }

    /// The cases of `rows` that pass.
    pub fn apply(&self, rows: Vec<CaseRow>) -> Vec<CaseRow> {
        rows.into_iter().filter(|c| self.matches(c)).collect()
    }

    /// The filters as a query string (without `?`), page included when > 1.
    pub fn to_query(&self) -> String {
        let mut parts = Vec::new();
        let mut add = |k: &str, v: &str| {
            if !v.is_empty() {
                parts.push(format!("{k}={}", url_encode(v)));
            }
        };
        add("election", self.election.as_deref().unwrap_or(""));
        add("state", self.state.map_or("", StateFilter::as_str));
        add("q", &self.q);
        add("unit", &self.unit);
        add(
            "pair",
            &self.pair.map(|p| p.to_string()).unwrap_or_default(),
        );
        add("severity", self.severity.map_or("", Severity::as_str));
        add("class", self.class.map_or("", CaseClass::as_str));
        if self.page > 1 {
            add("page", &self.page.to_string());
        }
        parts.join("&")
    }

    /// The same filters on another page.
    #[must_use]
    pub fn with_page(&self, page: usize) -> CaseQuery {
        CaseQuery {
            page,
            ..self.clone()
        }
    }

    /// Whether any filter is set.
    pub fn is_filtered(&self) -> bool {
        self.with_page(1)
            != CaseQuery {
                page: 1,
                ..CaseQuery::default()
            }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &str) -> Vec<(String, String)> {
        serde_urlencoded::from_str(q).unwrap()
    }

    #[test]
    fn filters_round_trip_through_the_url() {
        for q in [
            "state=open&q=budi&pair=3",
            "election=e-1&state=in_review&unit=Dinas+Contoh&severity=high&class=discipline&page=2",
            "",
        ] {
            let parsed = CaseQuery::from_pairs(&pairs(q));
            assert_eq!(
                CaseQuery::from_pairs(&pairs(&parsed.to_query())),
                parsed,
                "{q}"
            );
        }
    }

    #[test]
    fn bad_values_are_ignored_not_fatal() {
        let q = CaseQuery::from_pairs(&pairs("state=nonsense&pair=x&page=-3&severity=huge"));
        assert_eq!(
            q,
            CaseQuery {
                page: 1,
                ..CaseQuery::default()
            }
        );
        assert!(!q.is_filtered());
    }
}
