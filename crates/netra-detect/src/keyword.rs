//! A first, transparent detector: pair terms from the config plus cue words.
//!
//! It is the walking skeleton's detector; the normaliser-and-classifier
//! detector replaces it. It errs towards precision: a mention alone is never
//! a signal, it needs a stance cue next to it.

use netra_core::{Activity, ActivityKind, Election, Label, Signal};

use crate::Detector;

/// Words that, next to a pair term, show support.
const SUPPORT_CUES: &[&str] = &[
    "coblos",
    "pilih",
    "dukung",
    "menang",
    "lanjutkan",
    "salam",
    "relawan",
    "kader",
    "bersama",
    "gas",
    "mantap",
    "hebat",
    "terbaik",
    "juara",
    "yuk",
    "ayo",
    "menyala",
    "pasti",
];
/// Words that, next to a pair term, show opposition.
const OPPOSE_CUES: &[&str] = &[
    "jangan pilih",
    "jgn pilih",
    "tolak",
    "ogah",
    "gagal",
    "bohong",
    "pembohong",
    "pencitraan",
    "omdo",
    "janji palsu",
    "bodoh",
    "goblok",
    "payah",
    "turunkan",
    "ganti",
    "🤣",
    "😂",
];

/// Detects stance from config terms and cue words, and interactions with pair accounts.
#[derive(Debug, Clone)]
pub struct KeywordDetector {
    pairs: Vec<PairTerms>,
    accounts: Vec<(String, u32)>,
}

#[derive(Debug, Clone)]
struct PairTerms {
    number: u32,
    /// Lower-cased terms with what they are (for reasons).
    terms: Vec<(String, &'static str)>,
}

impl KeywordDetector {
    /// Builds the detector from the config alone.
    pub fn new(election: &Election) -> KeywordDetector {
        let pairs = election
            .candidates
            .iter()
            .map(|c| {
                let mut terms = Vec::new();
                for n in &c.names {
                    terms.push((n.to_lowercase(), "name"));
                }
                for a in &c.aliases {
                    // One short word alone is too ambiguous for this detector.
                    if a.chars().count() >= 4 || a.contains(' ') {
                        terms.push((a.to_lowercase(), "alias"));
                    }
                }
                for h in &c.hashtags {
                    terms.push((format!("#{}", h.to_lowercase()), "hashtag"));
                }
                for s in &c.slogans {
                    terms.push((s.to_lowercase(), "slogan"));
                }
                for p in &c.parties {
                    terms.push((format!("kader {}", p.to_lowercase()), "party membership"));
                }
                PairTerms {
                    number: c.number,
                    terms,
                }
            })
            .collect();
        let accounts = election
            .candidates
            .iter()
            .flat_map(|c| c.accounts.iter().map(move |a| (a.key(), c.number)))
            .collect();
        KeywordDetector { pairs, accounts }
    }

    /// Stance of a text: (label, pair, reasons), strongest pair first.
    fn text_stance(&self, text: &str) -> Option<(Label, u32, Vec<String>)> {
        let lower = text.to_lowercase();
        let mut best: Option<(usize, u32, Vec<String>)> = None;
        for p in &self.pairs {
            let found: Vec<String> = p
                .terms
                .iter()
                .filter(|(t, _)| contains_word(&lower, t))
                .map(|(t, what)| format!("{what} \"{t}\" of pair {}", p.number))
                .collect();
            if !found.is_empty() && best.as_ref().is_none_or(|b| found.len() > b.0) {
                best = Some((found.len(), p.number, found));
            }
        }
        let (_, number, mut reasons) = best?;
        let oppose: Vec<&str> = OPPOSE_CUES
            .iter()
            .copied()
            .filter(|c| contains_word(&lower, c))
            .collect();
        let support: Vec<&str> = SUPPORT_CUES
            .iter()
            .copied()
            .filter(|c| contains_word(&lower, c))
            .collect();
        let hashtag = reasons
            .iter()
            .any(|r| r.starts_with("hashtag") || r.starts_with("party"));
        if oppose.len() > support.len() {
            reasons.push(format!("attack cues: {}", oppose.join(", ")));
            Some((Label::Oppose, number, reasons))
        } else if !support.is_empty() || hashtag {
            if !support.is_empty() {
                reasons.push(format!("support cues: {}", support.join(", ")));
            }
            Some((Label::Support, number, reasons))
        } else {
            None
        }
    }
}

/// True when `needle` occurs in `hay` with no letter or digit on either side.
fn contains_word(hay: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back();
        let after = hay[i + needle.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

impl Detector for KeywordDetector {
    fn detect(&self, a: &Activity) -> Vec<Signal> {
        let signal = |label, target, score, rule: &str, reasons| Signal {
            activity_id: a.id.clone(),
            account_key: a.account_key(),
            label,
            target,
            score,
            rule: rule.to_string(),
            reasons,
        };
        let mut out = Vec::new();
        if a.kind.is_interaction() || matches!(a.kind, ActivityKind::Comment | ActivityKind::Reply)
        {
            if let Some(t) = &a.target {
                let owner = t.account.as_ref().and_then(|acc| {
                    let key = netra_core::activity::account_key(a.platform, acc);
                    self.accounts
                        .iter()
                        .find(|(k, _)| *k == key)
                        .map(|(k, n)| (k.clone(), *n))
                });
                if let Some((key, number)) = owner {
                    if a.reaction.is_some_and(netra_core::Reaction::may_mock) {
                        // A mocking reaction on a pair's post is not support.
                    } else if a.kind != ActivityKind::Comment && a.kind != ActivityKind::Reply {
                        let rule = format!("{}-official", a.kind);
                        out.push(signal(
                            Label::Support,
                            number,
                            0.9,
                            &rule,
                            vec![format!(
                                "{} of content by {key}, an account of pair {number}",
                                a.kind
                            )],
                        ));
                    }
                } else if a.kind.is_interaction() {
                    if let Some((label, number, mut reasons)) =
                        t.text.as_deref().and_then(|x| self.text_stance(x))
                    {
                        let mocking = a.reaction.is_some_and(netra_core::Reaction::may_mock);
                        if !mocking {
                            reasons.insert(0, format!("{} of content that takes a side", a.kind));
                            let rule = format!(
                                "{}-{}",
                                a.kind,
                                if label == Label::Support {
                                    "supportive"
                                } else {
                                    "attack"
                                }
                            );
                            out.push(signal(label, number, 0.7, &rule, reasons));
                        }
                    }
                }
            }
        }
        if !a.kind.is_interaction() {
            if let Some((label, number, reasons)) = self.text_stance(&a.own_text()) {
                let rule = if a.kind == ActivityKind::Profile {
                    "profile"
                } else {
                    "post-stance"
                };
                out.push(signal(label, number, 0.6, rule, reasons));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = r#"
[election]
id = "demo-2030"
name = "Pemilihan Demo"
region = "Kota Contoh"
[election.timeline]
candidate_determination = 2030-09-22
campaign_start = 2030-09-25
campaign_end = 2030-11-23
voting_day = 2030-11-27
[[candidates]]
number = 1
names = ["Calon Satu", "Wakil Satu"]
hashtags = ["SatuMenang"]
parties = ["Partai Contoh"]
accounts = [{ platform = "x", handle = "calonsatu" }]
[[candidates]]
number = 2
names = ["Calon Dua", "Wakil Dua"]
aliases = ["CADU"]
"#;

    fn act(json: &str) -> Activity {
        serde_json::from_str(json).unwrap()
    }

    fn detect(json: &str) -> Vec<(Label, u32, String)> {
        let e = Election::from_toml_str(CONFIG, "t.toml").unwrap();
        KeywordDetector::new(&e)
            .detect(&act(json))
            .into_iter()
            .map(|s| (s.label, s.target, s.rule))
            .collect()
    }

    #[test]
    #[allow(clippy::type_complexity, reason = "a table of cases")]
    fn cases() {
        let t =
            r#""created_at":"2030-10-01T08:00:00+07:00","platform":"x","account":"a","id":"x:1""#;
        let cases: &[(&str, &[(Label, u32, &str)])] = &[
            (
                r#""kind":"post","text":"Ayo coblos Calon Dua!""#,
                &[(Label::Support, 2, "post-stance")],
            ),
            (
                r##""kind":"post","text":"#SatuMenang""##,
                &[(Label::Support, 1, "post-stance")],
            ),
            (
                r#""kind":"post","text":"Calon Dua tukang pencitraan 🤣""#,
                &[(Label::Oppose, 2, "post-stance")],
            ),
            (
                r#""kind":"post","text":"Calon Dua hadir di acara itu""#,
                &[],
            ),
            (r#""kind":"post","text":"cadua cadu""#, &[]),
            (
                r#""kind":"like","target":{"account":"CalonSatu","id":"x:9"}"#,
                &[(Label::Support, 1, "like-official")],
            ),
            (
                r#""kind":"like","reaction":"haha","target":{"account":"calonsatu"}"#,
                &[],
            ),
            (
                r#""kind":"like","target":{"account":"beritakota","text":"KPU umumkan jadwal debat"}"#,
                &[],
            ),
            (
                r#""kind":"share","target":{"account":"someone","text":"Calon Dua gagal total, pembohong!"}"#,
                &[(Label::Oppose, 2, "share-attack")],
            ),
            (
                r#""kind":"profile","text":"Kader Partai Contoh""#,
                &[(Label::Support, 1, "profile")],
            ),
        ];
        for (json, want) in cases {
            let got = detect(&format!("{{{t},{json}}}"));
            let want: Vec<(Label, u32, String)> = want
                .iter()
                .map(|(l, n, r)| (*l, *n, (*r).to_string()))
                .collect();
            assert_eq!(got, want, "{json}");
        }
    }
}
