//! The generator proper: accounts, source posts, ASN activity and ground truth.

#![allow(
    clippy::similar_names,
    reason = "`acct` (an account) and `act` (an activity) are what every function here handles"
)]

use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, FixedOffset};
use netra_core::{
    Activity, ActivityKind, AsnRecord, Election, Label, Media, Phase, Platform, Reaction, Target,
};
use rand::distributions::{Distribution, WeightedIndex};
use rand::seq::SliceRandom;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use crate::clock::Clock;
use crate::ids::{content_url, media_url, profile_url, IdMint};
use crate::lexicon::Lexicon;
use crate::registry::make_registry;
use crate::text::{ElectionText, People, Slots};
use crate::{DemoConfig, Rule, TruthPhase, TruthRecord};

/// Who an account belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Owner {
    /// A declared account of the registry entry with this index.
    Asn(usize),
    /// An account of a registered person that was *not* declared (same handle, other platform).
    Undeclared,
    Public,
    News,
    Official(usize),
    Volunteer(usize),
}

#[derive(Debug, Clone)]
struct Acct {
    platform: Platform,
    handle: String,
    owner: Owner,
    /// Profile text, shown as a follow's target text.
    bio: Option<String>,
}

/// What a source post is, for the rules that look at targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum SourceKind {
    /// By a pair's official account (pair index).
    Official(usize),
    News,
    /// Supports the pair (pair index), by a volunteer or an ordinary supporter.
    Supportive(usize),
    /// Attacks the pair (pair index).
    Attack(usize),
    Everyday,
}

/// A truth line before it is tied to the final activity order.
struct Draft {
    act: usize,
    asn: usize,
    label: Label,
    pair: usize,
    rule: Rule,
}

/// What a registered ASN does on one account, built by the signal functions.
struct Act {
    acct: usize,
    kind: ActivityKind,
    text: String,
    t: DateTime<FixedOffset>,
    approx: bool,
    reaction: Option<Reaction>,
    target: Option<Target>,
    alt: Option<String>,
}

impl Act {
    /// The account's own content (post, story, profile, …) at an exact time: no
    /// reaction, no target, no image.
    fn own(acct: usize, kind: ActivityKind, text: String, t: DateTime<FixedOffset>) -> Act {
        Act {
            acct,
            kind,
            text,
            t,
            approx: false,
            reaction: None,
            target: None,
            alt: None,
        }
    }

    /// A follow of the account `target` names.
    fn follow(acct: usize, t: DateTime<FixedOffset>, target: Target) -> Act {
        Act::own(acct, ActivityKind::Follow, String::new(), t).on(target)
    }

    /// A like, comment, share, … of the post `target` names, at `when` (a time and
    /// whether it is only a lower bound), with `reaction` on likes.
    fn interaction(
        acct: usize,
        kind: ActivityKind,
        text: String,
        when: (DateTime<FixedOffset>, bool),
        reaction: Option<Reaction>,
        target: Target,
    ) -> Act {
        let (t, approx) = when;
        Act {
            approx,
            reaction,
            ..Act::own(acct, kind, text, t).on(target)
        }
    }

    /// The same, about `target`.
    fn on(self, target: Target) -> Act {
        Act {
            target: Some(target),
            ..self
        }
    }

    /// The same, with an image described by `alt` (none when `None`).
    fn with_alt(self, alt: Option<String>) -> Act {
        Act { alt, ..self }
    }
}

pub(crate) struct Output {
    pub registry: Vec<AsnRecord>,
    pub activities: Vec<Activity>,
    pub truth: Vec<TruthRecord>,
}

/// Kinds a platform does not have are mapped to the nearest one it has.
fn kind_on(platform: Platform, kind: ActivityKind) -> ActivityKind {
    use ActivityKind as K;
    match (platform, kind) {
        (Platform::X, K::Comment) => K::Reply,
        (Platform::X | Platform::Tiktok, K::Share) => K::Repost,
        (Platform::X | Platform::Youtube | Platform::Web, K::Story) => K::Post,
        (
            Platform::Facebook | Platform::Instagram | Platform::Youtube | Platform::Web,
            K::Repost | K::Quote,
        ) => K::Share,
        (_, k) => k,
    }
}

fn pick_str<'a, R: Rng>(rng: &mut R, list: &'a [String]) -> &'a str {
    list.choose(rng).map_or("", String::as_str)
}

/// A random image description of `alts` and the caption at the same place in `captions`.
fn pick_matched<'a, R: Rng>(
    rng: &mut R,
    alts: &'a [String],
    captions: &'a [String],
) -> (Option<String>, &'a str) {
    let k = rng.gen_range(0..alts.len().max(1));
    (
        alts.get(k).cloned(),
        captions.get(k).map_or("", String::as_str),
    )
}

pub(crate) struct Gen<'a> {
    e: &'a Election,
    lex: &'a Lexicon,
    et: ElectionText,
    people: People,
    clock: Clock,
    ids: IdMint,
    rng: ChaCha8Rng,
    registry: Vec<AsnRecord>,
    accts: Vec<Acct>,
    /// Per registry entry: indices of its declared accounts.
    asn_accts: Vec<Vec<usize>>,
    /// Accounts by owner class and platform.
    by_platform: BTreeMap<(u8, Platform), Vec<usize>>,
    acts: Vec<Activity>,
    /// For each activity, the account that did it.
    act_acct: Vec<usize>,
    drafts: Vec<Draft>,
    sources: BTreeMap<(SourceKind, Platform), Vec<usize>>,
    follows: HashSet<(usize, usize)>,
    /// Accounts of ordinary people outside the registry.
    public: Vec<usize>,
}

/// Forced draws of the first support signals (like, twibbon, finger pose, share, profile,
/// follow, comment): see `support_signal`.
const SUPPORT_ROTATION: [u32; 7] = [30, 87, 95, 55, 80, 72, 65];
/// Forced draws of the first oppose signals (share, like, mocking reaction, own text).
const OPPOSE_ROTATION: [u32; 4] = [50, 70, 90, 10];

const CLASS_PUBLIC: u8 = 0;
const CLASS_NEWS: u8 = 1;

/// Platforms where ordinary people post (declared accounts live on these).
const SOCIAL: [Platform; 5] = [
    Platform::X,
    Platform::Facebook,
    Platform::Instagram,
    Platform::Tiktok,
    Platform::Youtube,
];

impl<'a> Gen<'a> {
    pub fn new(e: &'a Election, lex: &'a Lexicon, rng: ChaCha8Rng) -> Gen<'a> {
        let et = ElectionText::new(e);
        let people = People::new(lex, &et);
        Gen {
            e,
            lex,
            et,
            people,
            clock: Clock::new(e),
            ids: IdMint::new(),
            rng,
            registry: Vec::new(),
            accts: Vec::new(),
            asn_accts: Vec::new(),
            by_platform: BTreeMap::new(),
            acts: Vec::new(),
            act_acct: Vec::new(),
            drafts: Vec::new(),
            sources: BTreeMap::new(),
            follows: HashSet::new(),
            public: Vec::new(),
        }
    }

    fn n_pairs(&self) -> usize {
        self.et.pairs.len()
    }

    fn add_acct(
        &mut self,
        platform: Platform,
        handle: String,
        owner: Owner,
        bio: Option<String>,
    ) -> usize {
        let i = self.accts.len();
        let class = match owner {
            Owner::Public => Some(CLASS_PUBLIC),
            Owner::News => Some(CLASS_NEWS),
            _ => None,
        };
        if let Some(c) = class {
            self.by_platform.entry((c, platform)).or_default().push(i);
        }
        if owner == Owner::Public {
            self.public.push(i);
        }
        self.accts.push(Acct {
            platform,
            handle,
            owner,
            bio,
        });
        i
    }

    // ----- accounts -------------------------------------------------------

    #[allow(
        clippy::too_many_lines,
        reason = "one step per kind of account, in the order the random stream depends on"
    )]
    fn make_accounts(&mut self, config: &DemoConfig) {
        let mut taken: HashSet<String> = HashSet::new();
        for p in &self.et.pairs {
            for a in &p.accounts {
                taken.insert(a.handle.to_lowercase());
            }
        }
        for [h, _] in &self.lex.accounts.news {
            taken.insert(h.to_lowercase());
        }
        self.registry = make_registry(
            &mut self.rng,
            self.e,
            self.lex,
            &self.people,
            config.asn_count,
            &mut taken,
        );
        // Declared accounts.
        for i in 0..self.registry.len() {
            let declared: Vec<(Platform, String)> = self.registry[i]
                .accounts
                .iter()
                .map(|a| (a.platform, a.handle.clone()))
                .collect();
            let mut mine = Vec::new();
            for (p, h) in declared {
                mine.push(self.add_acct(p, h, Owner::Asn(i), None));
            }
            self.asn_accts.push(mine);
        }
        // Undeclared accounts of a few registered people: same handle, another platform.
        for i in 0..self.registry.len() {
            if !self.rng.gen_bool(0.03) {
                continue;
            }
            let Some(first) = self.registry[i].accounts.first() else {
                continue;
            };
            let handle = first.handle.clone();
            let declared: Vec<Platform> = self.registry[i]
                .accounts
                .iter()
                .map(|a| a.platform)
                .collect();
            if let Some(p) = SOCIAL.iter().find(|p| !declared.contains(p)) {
                self.add_acct(*p, handle.to_lowercase(), Owner::Undeclared, None);
            }
        }
        // Official accounts from the config.
        for (pi, p) in self.et.pairs.clone().iter().enumerate() {
            for a in &p.accounts {
                self.add_acct(a.platform, a.handle.clone(), Owner::Official(pi), None);
            }
        }
        // News outlets, each on three platforms; together they cover every platform but `other`.
        let news_platforms = [
            Platform::X,
            Platform::Facebook,
            Platform::Instagram,
            Platform::Tiktok,
            Platform::Youtube,
            Platform::Web,
        ];
        for (i, [h, bio]) in self.lex.accounts.news.iter().enumerate() {
            for k in [0, 1, 3] {
                let p = news_platforms[(i + k) % news_platforms.len()];
                self.add_acct(p, h.clone(), Owner::News, Some(bio.clone()));
            }
        }
        // Volunteers: one account per pair and social platform.
        for (pi, p) in self.et.pairs.clone().iter().enumerate() {
            for (k, platform) in SOCIAL.iter().enumerate() {
                let pattern = self
                    .lex
                    .accounts
                    .volunteer_patterns
                    .get((pi + k) % self.lex.accounts.volunteer_patterns.len().max(1))
                    .map_or("relawan_{tag}", String::as_str);
                let mut h = pattern.replace("{tag}", &p.tag);
                while taken.contains(&h) {
                    h.push('_');
                }
                taken.insert(h.clone());
                let bio = self.fill(
                    "Akun relawan pendukung {alias}. {slogan} #{hashtag}",
                    Some(pi),
                    false,
                    "",
                );
                self.add_acct(*platform, h, Owner::Volunteer(pi), Some(bio));
            }
        }
        // Ordinary people who are not in the registry.
        let n_public = (config.activity_count / 80).max(30);
        let public_platforms = [
            (Platform::X, 30),
            (Platform::Facebook, 25),
            (Platform::Instagram, 20),
            (Platform::Tiktok, 12),
            (Platform::Youtube, 5),
            (Platform::Web, 5),
            (Platform::Other, 3),
        ];
        let wi =
            WeightedIndex::new(public_platforms.iter().map(|(_, w)| *w)).expect("positive weights");
        for i in 0..n_public {
            let platform = if i < public_platforms.len() {
                public_platforms[i].0
            } else {
                public_platforms[wi.sample(&mut self.rng)].0
            };
            let a = pick_str(&mut self.rng, &self.lex.accounts.public_first).to_string();
            let b = pick_str(&mut self.rng, &self.lex.accounts.public_second).to_string();
            let sep = ["", "_", ".", ""][self.rng.gen_range(0..4)];
            let mut h = format!("{a}{sep}{b}");
            if self.rng.gen_bool(0.6) {
                h.push_str(&self.rng.gen_range(1..1000).to_string());
            }
            while taken.contains(&h) {
                h.push_str(&self.rng.gen_range(0..10).to_string());
            }
            taken.insert(h.clone());
            self.add_acct(platform, h, Owner::Public, None);
        }
    }

    // ----- text -------------------------------------------------------------

    fn slots_for<'s>(&'s self, pair: Option<usize>, numbered: bool, unit: &'s str) -> Slots<'s> {
        let n_pairs = self.n_pairs();
        let other = match (pair, n_pairs) {
            (Some(p), n) if n > 1 => Some((p + 1) % n),
            _ => None,
        };
        Slots {
            et: &self.et,
            lex: self.lex,
            people: &self.people,
            pair,
            other,
            numbered,
            unit,
            n: self.et.pairs.first().map_or(1, |p| p.number),
        }
    }

    /// Fills `template` about `pair`; `numbered` when ballot numbers exist.
    fn fill(&mut self, template: &str, pair: Option<usize>, numbered: bool, unit: &str) -> String {
        let mut rng = self.rng.clone();
        let mut slots = self.slots_for(pair, numbered, unit);
        if let Some(p) = self.et.pairs.choose(&mut rng) {
            slots.n = p.number;
        }
        if let (Some(p), n) = (pair, self.et.pairs.len()) {
            if n > 2 {
                // Any other pair for {alias2}.
                let k = rng.gen_range(1..n);
                slots.other = Some((p + k) % n);
            }
        }
        let s = slots.fill(template, &mut rng);
        self.rng = rng;
        s
    }

    fn unit_of(&self, acct: usize) -> String {
        match self.accts[acct].owner {
            Owner::Asn(i) => self.registry[i].unit.clone(),
            _ => self
                .lex
                .units
                .first()
                .map_or_else(String::new, |u| u.name.clone()),
        }
    }

    fn everyday_text(&mut self, acct: usize) -> String {
        let topics = self.lex.text.everyday_topics();
        let weights = [25, 20, 10, 8, 10, 12, 5, 12, 5];
        let wi = WeightedIndex::new(weights).expect("positive weights");
        let topic = topics[wi.sample(&mut self.rng)];
        let tpl = pick_str(&mut self.rng, topic);
        let unit = self.unit_of(acct);
        self.fill(tpl, None, false, &unit)
    }

    // ----- activities -------------------------------------------------------

    /// Appends an activity; returns its index.
    fn push(&mut self, a: Act) -> usize {
        let acct = &self.accts[a.acct];
        let platform = acct.platform;
        let kind = kind_on(platform, a.kind);
        let id = self.ids.mint(&mut self.rng, platform, &a.t);
        let mut handle = acct.handle.clone();
        if matches!(acct.owner, Owner::Asn(_)) {
            // Exports spell handles in different ways; the key is the same.
            match self.rng.gen_range(0..100) {
                0..=2 => handle = format!("@{handle}"),
                3..=5 => handle = handle.to_lowercase(),
                _ => {}
            }
        }
        // Addresses are kept for the evidence of registered ASN and for the content of
        // official accounts and news outlets; other people's posts need none (data minimisation).
        let keeps_url = !matches!(
            acct.owner,
            Owner::Public | Owner::Undeclared | Owner::Volunteer(_)
        );
        let url = match kind {
            _ if !keeps_url => None,
            ActivityKind::Like | ActivityKind::Follow => None,
            ActivityKind::Profile => Some(profile_url(platform, &acct.handle)),
            _ => Some(content_url(platform, &acct.handle, &id)),
        };
        let media = a
            .alt
            .map(|alt| Media {
                url: Some(media_url(platform, &id)),
                alt: Some(alt),
                ..Media::default()
            })
            .into_iter()
            .collect();
        self.acts.push(Activity {
            id,
            platform,
            account: handle,
            kind,
            text: a.text,
            created_at: a.t,
            created_at_approx: a.approx,
            reaction: a.reaction,
            target: a.target,
            url,
            media,
        });
        self.act_acct.push(a.acct);
        self.acts.len() - 1
    }

    fn target_of(&self, act: usize) -> Target {
        let a = &self.acts[act];
        Target {
            account: Some(self.accts[self.act_acct[act]].handle.clone()),
            id: Some(a.id.clone()),
            text: Some(a.text.clone()).filter(|t| !t.is_empty()),
            url: None,
        }
    }

    fn follow_target(&self, acct: usize) -> Target {
        let a = &self.accts[acct];
        Target {
            account: Some(a.handle.clone()),
            id: None,
            text: a.bio.clone(),
            url: Some(profile_url(a.platform, &a.handle)),
        }
    }

    fn public_on(&mut self, class: u8, platform: Platform) -> Option<usize> {
        self.by_platform
            .get(&(class, platform))
            .and_then(|v| v.choose(&mut self.rng))
            .copied()
    }

    fn official_acct(&self, pair: usize, platform: Platform) -> Option<usize> {
        self.accts
            .iter()
            .position(|a| a.owner == Owner::Official(pair) && a.platform == platform)
    }

    fn volunteer_acct(&self, pair: usize, platform: Platform) -> Option<usize> {
        self.accts
            .iter()
            .position(|a| a.owner == Owner::Volunteer(pair) && a.platform == platform)
    }

    /// Creates a new source post of this kind on this platform, if someone can post it.
    fn new_source(&mut self, kind: SourceKind, platform: Platform) -> Option<usize> {
        let t = self.clock.any(&mut self.rng);
        let numbered = self.clock.numbered(&t);
        let (acct, text, alt) = match kind {
            SourceKind::Official(p) => {
                let acct = self.official_acct(p, platform)?;
                let list = if numbered && self.rng.gen_bool(0.3) {
                    &self.lex.text.official_numbered
                } else {
                    &self.lex.text.official
                };
                let tpl = pick_str(&mut self.rng, list);
                (acct, self.fill(tpl, Some(p), numbered, ""), None)
            }
            SourceKind::News => {
                let acct = self.public_on(CLASS_NEWS, platform)?;
                let list = if self.clock.after_voting_day(&t) && self.rng.gen_bool(0.5) {
                    &self.lex.text.news_after
                } else if numbered && self.rng.gen_bool(0.5) {
                    &self.lex.text.news_campaign
                } else {
                    &self.lex.text.news
                };
                let tpl = pick_str(&mut self.rng, list);
                let pair = (self.n_pairs() > 0).then(|| self.rng.gen_range(0..self.n_pairs()));
                (acct, self.fill(tpl, pair, numbered, ""), None)
            }
            SourceKind::Supportive(p) => {
                let public = if self.rng.gen_bool(0.3) {
                    self.public_on(CLASS_PUBLIC, platform)
                } else {
                    None
                };
                let acct = public.or_else(|| self.volunteer_acct(p, platform))?;
                let list = if numbered && self.rng.gen_bool(0.35) {
                    &self.lex.text.supportive_numbered
                } else {
                    &self.lex.text.supportive
                };
                let tpl = pick_str(&mut self.rng, list);
                let alt = if self.rng.gen_bool(0.15) {
                    let a = pick_str(&mut self.rng, &self.lex.text.alt_twibbon);
                    Some(self.fill(a, Some(p), numbered, ""))
                } else {
                    None
                };
                (acct, self.fill(tpl, Some(p), numbered, ""), alt)
            }
            SourceKind::Attack(p) => {
                let acct = self.public_on(CLASS_PUBLIC, platform)?;
                let tpl = pick_str(&mut self.rng, &self.lex.text.attack);
                (acct, self.fill(tpl, Some(p), numbered, ""), None)
            }
            SourceKind::Everyday => {
                let acct = self.public_on(CLASS_PUBLIC, platform)?;
                let text = self.everyday_text(acct);
                let alt = if self.rng.gen_bool(0.1) {
                    let a = pick_str(&mut self.rng, &self.lex.text.alt_everyday);
                    Some(self.fill(a, None, false, ""))
                } else {
                    None
                };
                (acct, text, alt)
            }
        };
        let act = self.push(Act::own(acct, ActivityKind::Post, text, t).with_alt(alt));
        self.sources.entry((kind, platform)).or_default().push(act);
        Some(act)
    }

    /// An existing source of this kind on this platform, or a new one.
    fn source(&mut self, kind: SourceKind, platform: Platform) -> Option<usize> {
        let existing = self
            .sources
            .get(&(kind, platform))
            .and_then(|v| v.choose(&mut self.rng))
            .copied();
        existing.or_else(|| self.new_source(kind, platform))
    }

    /// A time after the source's, and whether it is only a lower bound (X likes).
    fn time_after(
        &mut self,
        source: usize,
        kind: ActivityKind,
        platform: Platform,
    ) -> (DateTime<FixedOffset>, bool) {
        let st = self.acts[source].created_at;
        if kind == ActivityKind::Like && platform == Platform::X && self.rng.gen_bool(0.4) {
            (st, true)
        } else {
            (self.clock.later(&mut self.rng, st), false)
        }
    }

    fn reaction(&mut self, platform: Platform, mocking: bool) -> Reaction {
        if mocking {
            return Reaction::Haha;
        }
        if platform == Platform::Facebook {
            match self.rng.gen_range(0..10) {
                0..=5 => Reaction::Like,
                6..=8 => Reaction::Love,
                _ => Reaction::Care,
            }
        } else {
            Reaction::Like
        }
    }

    fn everyday_reaction(&mut self, platform: Platform) -> Reaction {
        if platform == Platform::Facebook {
            match self.rng.gen_range(0..20) {
                0..=9 => Reaction::Like,
                10..=13 => Reaction::Love,
                14..=16 => Reaction::Haha,
                17 => Reaction::Wow,
                18 => Reaction::Sad,
                _ => Reaction::Care,
            }
        } else {
            Reaction::Like
        }
    }

    fn record(&mut self, act: usize, asn: usize, label: Label, pair: usize, rule: Rule) {
        self.drafts.push(Draft {
            act,
            asn,
            label,
            pair,
            rule,
        });
    }

    // ----- signals of non-neutral ASN ----------------------------------------

    fn asn_acct(&mut self, asn: usize) -> Option<usize> {
        self.asn_accts[asn].choose(&mut self.rng).copied()
    }

    /// Own text taking a side: post, comment, reply, quote or story.
    fn post_stance(&mut self, asn: usize, pair: usize, label: Label) -> Option<usize> {
        let acct = self.asn_acct(asn)?;
        let platform = self.accts[acct].platform;
        let unit = self.unit_of(acct);
        let kind = match self.rng.gen_range(0..100) {
            0..=49 => ActivityKind::Post,
            50..=64 => ActivityKind::Comment,
            65..=74 => ActivityKind::Reply,
            75..=84 => ActivityKind::Quote,
            _ => ActivityKind::Story,
        };
        let (t, target, quote_of_official) = match kind {
            ActivityKind::Comment | ActivityKind::Reply | ActivityKind::Quote => {
                let official = kind == ActivityKind::Quote
                    && label == Label::Support
                    && self.official_acct(pair, platform).is_some();
                let sk = if official {
                    SourceKind::Official(pair)
                } else if kind == ActivityKind::Quote || self.rng.gen_bool(0.7) {
                    SourceKind::News
                } else {
                    SourceKind::Everyday
                };
                let src = self.source(sk, platform)?;
                let t = self.clock.later(&mut self.rng, self.acts[src].created_at);
                (t, Some(self.target_of(src)), official)
            }
            _ => (self.clock.any(&mut self.rng), None, false),
        };
        let numbered = self.clock.numbered(&t);
        let tx = &self.lex.text;
        let list = match (label, quote_of_official) {
            (Label::Support, true) => &tx.quote_support,
            (Label::Support, false) if numbered && self.rng.gen_bool(0.4) => {
                &tx.asn_support_numbered
            }
            (Label::Support, false) => &tx.asn_support,
            (_, _) if numbered && self.rng.gen_bool(0.3) => &tx.asn_oppose_numbered,
            _ => &tx.asn_oppose,
        };
        let tpl = pick_str(&mut self.rng, list);
        let text = self.fill(tpl, Some(pair), numbered, &unit);
        let act = self.push(Act {
            target,
            ..Act::own(acct, kind, text, t)
        });
        self.record(act, asn, label, pair, Rule::PostStance);
        Some(act)
    }

    /// Like, share, comment or follow on a pair's official, supportive or attacking content.
    fn interaction(
        &mut self,
        asn: usize,
        pair: usize,
        kind: ActivityKind,
        of: SourceKind,
        mocking: bool,
    ) -> Option<usize> {
        let candidates: Vec<usize> = self.asn_accts[asn]
            .iter()
            .copied()
            .filter(|&a| {
                let p = self.accts[a].platform;
                match of {
                    SourceKind::Official(pi) => self.official_acct(pi, p).is_some(),
                    _ => true,
                }
            })
            .filter(|&a| !mocking || self.accts[a].platform == Platform::Facebook)
            .collect();
        let acct = *candidates.choose(&mut self.rng)?;
        let platform = self.accts[acct].platform;
        let rule = {
            use ActivityKind as K;
            use SourceKind as S;
            match (of, kind) {
                _ if mocking => Rule::ReactMocking,
                (S::Official(_), K::Like) => Rule::LikeOfficial,
                (S::Official(_), K::Comment) => Rule::CommentOfficial,
                (S::Official(_), K::Follow) => Rule::FollowOfficial,
                (S::Official(_), _) => Rule::ShareOfficial,
                (S::Supportive(_), K::Like) => Rule::LikeSupportive,
                (S::Supportive(_), K::Comment) => Rule::CommentSupportive,
                (S::Supportive(_), K::Follow) => Rule::FollowSupportive,
                (S::Supportive(_), _) => Rule::ShareSupportive,
                (_, K::Like) => Rule::LikeAttack,
                _ => Rule::ShareAttack,
            }
        };
        // Taking up the pair's own or supportive content supports it; mocking it or
        // taking up an attack opposes it.
        let label = match of {
            SourceKind::Official(_) | SourceKind::Supportive(_) if !mocking => Label::Support,
            _ => Label::Oppose,
        };
        if kind == ActivityKind::Follow {
            let target_acct = match of {
                SourceKind::Official(pi) => self.official_acct(pi, platform),
                SourceKind::Supportive(pi) => self.volunteer_acct(pi, platform),
                _ => None,
            }?;
            if !self.follows.insert((acct, target_acct)) {
                return None;
            }
            let t = self.clock.any(&mut self.rng);
            let act = self.push(Act::follow(acct, t, self.follow_target(target_acct)));
            self.record(act, asn, label, pair, rule);
            return Some(act);
        }
        let src = self.source(of, platform)?;
        let when = self.time_after(src, kind, platform);
        let mut kind = kind;
        let text = match kind {
            ActivityKind::Like => String::new(),
            ActivityKind::Comment => {
                pick_str(&mut self.rng, &self.lex.text.comment_support).to_string()
            }
            _ => {
                if matches!(of, SourceKind::Attack(_))
                    && platform == Platform::X
                    && self.rng.gen_bool(0.4)
                {
                    kind = ActivityKind::Quote;
                    let tpl = pick_str(&mut self.rng, &self.lex.text.quote_attack);
                    self.fill(tpl, None, false, "")
                } else {
                    pick_str(&mut self.rng, &self.lex.text.shares).to_string()
                }
            }
        };
        let reaction = (kind == ActivityKind::Like).then(|| self.reaction(platform, mocking));
        let target = self.target_of(src);
        let act = self.push(Act::interaction(acct, kind, text, when, reaction, target));
        self.record(act, asn, label, pair, rule);
        Some(act)
    }

    /// A like/share/comment/follow of the pair's content: official when the pair has an
    /// account where the ASN is, else supportive content.
    fn support_interaction(
        &mut self,
        asn: usize,
        pair: usize,
        kind: ActivityKind,
    ) -> Option<usize> {
        let prefer_official = self.rng.gen_bool(0.85);
        if prefer_official {
            if let Some(a) = self.interaction(asn, pair, kind, SourceKind::Official(pair), false) {
                return Some(a);
            }
        }
        self.interaction(asn, pair, kind, SourceKind::Supportive(pair), false)
    }

    fn profile_signal(&mut self, asn: usize, pair: usize) -> Option<usize> {
        let acct = self.asn_acct(asn)?;
        let unit = self.unit_of(acct);
        let t = self.clock.any(&mut self.rng);
        let numbered = self.clock.numbered(&t);
        let has_party = !self.et.pairs[pair].parties.is_empty();
        let (list, rule) = if has_party && self.rng.gen_bool(0.6) {
            (&self.lex.text.bio_party, Rule::ProfileParty)
        } else {
            (&self.lex.text.bio_campaign, Rule::ProfileCampaign)
        };
        let tpl = pick_str(&mut self.rng, list);
        let text = self.fill(tpl, Some(pair), numbered, &unit);
        let alt = Some(pick_str(&mut self.rng, &self.lex.text.alt_profile_neutral).to_string());
        let act = self.push(Act::own(acct, ActivityKind::Profile, text, t).with_alt(alt));
        self.record(act, asn, Label::Support, pair, rule);
        Some(act)
    }

    fn twibbon_signal(&mut self, asn: usize, pair: usize) -> Option<usize> {
        let acct = self.asn_acct(asn)?;
        let unit = self.unit_of(acct);
        let t = self.clock.any(&mut self.rng);
        let numbered = self.clock.numbered(&t);
        let (kind, text) = if self.rng.gen_bool(0.5) {
            let tpl = pick_str(&mut self.rng, &self.lex.text.bio_neutral);
            (ActivityKind::Profile, self.fill(tpl, None, false, &unit))
        } else {
            (
                ActivityKind::Story,
                pick_str(&mut self.rng, &self.lex.text.caption_twibbon).to_string(),
            )
        };
        let tpl = pick_str(&mut self.rng, &self.lex.text.alt_twibbon);
        let alt = Some(self.fill(tpl, Some(pair), numbered, &unit));
        let act = self.push(Act::own(acct, kind, text, t).with_alt(alt));
        self.record(act, asn, Label::Support, pair, Rule::Twibbon);
        Some(act)
    }

    fn finger_signal(&mut self, asn: usize, pair: usize) -> Option<usize> {
        let acct = self.asn_acct(asn)?;
        let unit = self.unit_of(acct);
        let t = self.clock.campaign(&mut self.rng);
        let kind = if self.rng.gen_bool(0.6) {
            ActivityKind::Post
        } else {
            ActivityKind::Story
        };
        let cap = pick_str(&mut self.rng, &self.lex.text.caption_finger);
        let text = self.fill(cap, Some(pair), true, &unit);
        let tpl = pick_str(&mut self.rng, &self.lex.text.alt_finger);
        let alt = Some(self.fill(tpl, Some(pair), true, &unit));
        let act = self.push(Act::own(acct, kind, text, t).with_alt(alt));
        self.record(act, asn, Label::Support, pair, Rule::FingerPose);
        Some(act)
    }

    /// One support signal for `pair` by `asn`.
    fn support_signal(
        &mut self,
        asn: usize,
        pair: usize,
        forced: Option<u32>,
        profile_done: &mut bool,
    ) -> Option<usize> {
        let r = forced.unwrap_or_else(|| self.rng.gen_range(0..100));
        let made = match r {
            // 0..=21 (and a second profile): own text, below.
            22..=47 => self.support_interaction(asn, pair, ActivityKind::Like),
            48..=60 => self.support_interaction(asn, pair, ActivityKind::Share),
            61..=68 => self.support_interaction(asn, pair, ActivityKind::Comment),
            69..=75 => self.support_interaction(asn, pair, ActivityKind::Follow),
            76..=83 if !*profile_done => {
                *profile_done = true;
                self.profile_signal(asn, pair)
            }
            84..=91 => self.twibbon_signal(asn, pair),
            92..=99 => self.finger_signal(asn, pair),
            _ => None,
        };
        made.or_else(|| self.post_stance(asn, pair, Label::Support))
    }

    /// One oppose signal against `pair` by `asn`.
    fn oppose_signal(&mut self, asn: usize, pair: usize, forced: Option<u32>) -> Option<usize> {
        let r = forced.unwrap_or_else(|| self.rng.gen_range(0..100));
        let made = match r {
            0..=44 => None,
            45..=64 => self.interaction(
                asn,
                pair,
                ActivityKind::Share,
                SourceKind::Attack(pair),
                false,
            ),
            65..=79 => self.interaction(
                asn,
                pair,
                ActivityKind::Like,
                SourceKind::Attack(pair),
                false,
            ),
            _ => {
                let of = if self.rng.gen_bool(0.5) {
                    SourceKind::Official(pair)
                } else {
                    SourceKind::Supportive(pair)
                };
                self.interaction(asn, pair, ActivityKind::Like, of, true)
                    .or_else(|| {
                        self.interaction(
                            asn,
                            pair,
                            ActivityKind::Like,
                            SourceKind::Supportive(pair),
                            true,
                        )
                    })
            }
        };
        made.or_else(|| self.post_stance(asn, pair, Label::Oppose))
    }

    /// Picks the non-neutral ASN and writes their signals; returns their registry indices.
    fn partisans(&mut self, budget: usize) -> Vec<usize> {
        let n = self.n_pairs();
        let mut with_accounts: Vec<usize> = (0..self.registry.len())
            .filter(|&i| !self.asn_accts[i].is_empty())
            .collect();
        if n == 0 || with_accounts.is_empty() || budget == 0 {
            return Vec::new();
        }
        with_accounts.shuffle(&mut self.rng);
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "small non-negative counts"
        )]
        let k = ((self.registry.len() as f64) * 0.12).round() as usize;
        #[allow(
            clippy::cast_possible_truncation,
            clippy::cast_sign_loss,
            reason = "small non-negative counts"
        )]
        let rounds = |share: f64| ((k as f64) * share / (n as f64)).round() as usize;
        let mut sup_rounds = rounds(0.7);
        if sup_rounds == 0 && with_accounts.len() >= n {
            sup_rounds = 1;
        }
        let att_rounds = rounds(0.3);
        let mut chosen = Vec::new();
        let mut it = with_accounts.into_iter();
        let mut used = 0;
        // Supporters: round r gives one supporter to each pair, with the same planned count.
        let mut plan: Vec<(usize, usize, bool, usize, usize)> = Vec::new();
        for r in 0..sup_rounds {
            let count: usize = self.rng.gen_range(3..=9);
            for p in 0..n {
                let Some(asn) = it.next() else { break };
                let jitter = self.rng.gen_range(0..=2);
                plan.push((asn, p, true, (count + jitter).saturating_sub(1), r));
            }
        }
        for r in 0..att_rounds {
            let count: usize = self.rng.gen_range(3..=7);
            for p in 0..n {
                let Some(asn) = it.next() else { break };
                let jitter = self.rng.gen_range(0..=2);
                plan.push((asn, p, false, (count + jitter).saturating_sub(1), r));
            }
        }
        // The first two signals of each partisan rotate through the rules (the same
        // rotation for every pair), so every rule is exercised for every pair.
        for (j, (asn, pair, supporter, count, round)) in plan.into_iter().enumerate() {
            chosen.push(asn);
            let mut profile_done = false;
            for k in 0..count {
                if used >= budget {
                    break;
                }
                let made = if supporter {
                    let len = SUPPORT_ROTATION.len();
                    let forced = (k < 2).then(|| SUPPORT_ROTATION[(round + 3 * k) % len]);
                    self.support_signal(asn, pair, forced, &mut profile_done)
                } else {
                    let len = OPPOSE_ROTATION.len();
                    let forced = (k < 2).then(|| OPPOSE_ROTATION[(round + 2 * k) % len]);
                    self.oppose_signal(asn, pair, forced)
                };
                used += usize::from(made.is_some());
            }
            // Some supporters also attack another pair, round-robin so pairs stay even.
            if supporter && n > 1 && j % 3 == 0 && used < budget {
                let other = (pair + 1 + j / 3 % (n - 1)) % n;
                used += usize::from(self.oppose_signal(asn, other, None).is_some());
            }
        }
        chosen
    }

    // ----- everything that must not be flagged -----------------------------------

    fn registered_acct(
        &mut self,
        weights: Option<&WeightedIndex<u32>>,
        pool: &[usize],
    ) -> Option<usize> {
        let w = weights?;
        pool.get(w.sample(&mut self.rng)).copied()
    }

    fn any_public(&mut self) -> Option<usize> {
        self.public.choose(&mut self.rng).copied()
    }

    /// An everyday own post or story.
    fn everyday_post(&mut self, acct: usize) {
        let t = self.clock.any(&mut self.rng);
        let kind = if self.rng.gen_bool(0.18) {
            ActivityKind::Story
        } else {
            ActivityKind::Post
        };
        let text = self.everyday_text(acct);
        let alt = if self.rng.gen_bool(0.12) {
            let a = pick_str(&mut self.rng, &self.lex.text.alt_everyday);
            Some(self.fill(a, None, false, ""))
        } else {
            None
        };
        let act = self.push(Act::own(acct, kind, text, t).with_alt(alt));
        if kind == ActivityKind::Post && self.accts[acct].owner == Owner::Public {
            let platform = self.accts[acct].platform;
            self.sources
                .entry((SourceKind::Everyday, platform))
                .or_default()
                .push(act);
        }
    }

    /// A like, comment, reply, share or follow of everyday or news content.
    fn neutral_interaction(&mut self, acct: usize, news: bool) {
        let platform = self.accts[acct].platform;
        let sk = if news {
            SourceKind::News
        } else {
            SourceKind::Everyday
        };
        let r = self.rng.gen_range(0..100);
        if r >= 94 {
            // Follow a news outlet or an ordinary person.
            let class = if news { CLASS_NEWS } else { CLASS_PUBLIC };
            if let Some(target) = self.public_on(class, platform) {
                if target != acct && self.follows.insert((acct, target)) {
                    let t = self.clock.any(&mut self.rng);
                    self.push(Act::follow(acct, t, self.follow_target(target)));
                    return;
                }
            }
        }
        let Some(src) = self.source(sk, platform) else {
            self.everyday_post(acct);
            return;
        };
        let kind = match r {
            0..=49 => ActivityKind::Like,
            50..=67 => ActivityKind::Comment,
            68..=75 => ActivityKind::Reply,
            76..=85 => ActivityKind::Share,
            86..=90 => ActivityKind::Repost,
            _ => ActivityKind::Quote,
        };
        let when = self.time_after(src, kind, platform);
        let text = match kind {
            ActivityKind::Like => String::new(),
            ActivityKind::Comment | ActivityKind::Reply if news => {
                pick_str(&mut self.rng, &self.lex.text.news_comments).to_string()
            }
            ActivityKind::Comment | ActivityKind::Reply => {
                let tpl = pick_str(&mut self.rng, &self.lex.text.comment_everyday);
                self.fill(tpl, None, false, "")
            }
            _ if news => pick_str(&mut self.rng, &self.lex.text.news_shares).to_string(),
            _ => pick_str(&mut self.rng, &self.lex.text.shares).to_string(),
        };
        let reaction = (kind == ActivityKind::Like).then(|| self.everyday_reaction(platform));
        let mut target = self.target_of(src);
        if platform != Platform::X
            && matches!(
                kind,
                ActivityKind::Like | ActivityKind::Comment | ActivityKind::Reply
            )
        {
            // Only X archives carry the text of a liked or commented post; the other
            // platforms' exports name the post (account, id) without its text.
            target.text = None;
        }
        self.push(Act::interaction(acct, kind, text, when, reaction, target));
    }

    /// Talk about the election without a side.
    fn neutral_political(&mut self, acct: usize) {
        let t = self.clock.any(&mut self.rng);
        let numbered = self.clock.numbered(&t);
        let unit = self.unit_of(acct);
        let (tpl, pair) = if self.n_pairs() > 0 && self.rng.gen_bool(0.35) {
            let p = self.rng.gen_range(0..self.n_pairs());
            (
                pick_str(&mut self.rng, &self.lex.text.neutral_mention),
                Some(p),
            )
        } else {
            (
                pick_str(&mut self.rng, &self.lex.text.neutral_political),
                None,
            )
        };
        let text = self.fill(tpl, pair, numbered, &unit);
        self.push(Act::own(acct, ActivityKind::Post, text, t));
    }

    /// Everyday text that looks political to a careless matcher.
    fn hard_negative(&mut self, acct: usize) {
        let t = self.clock.any(&mut self.rng);
        let unit = self.unit_of(acct);
        let r = self.rng.gen_range(0..100);
        let (kind, text, alt) = match r {
            0..=39 => {
                let active: Vec<usize> = (0..self.lex.text.triggered.len())
                    .filter(|&i| self.et.tokens.contains(&self.lex.text.triggered[i].word))
                    .collect();
                let all: Vec<usize> = (0..self.lex.text.triggered.len()).collect();
                let pool = if !active.is_empty() && self.rng.gen_bool(0.75) {
                    active
                } else {
                    all
                };
                let i = pool.choose(&mut self.rng).copied().unwrap_or(0);
                let texts = self
                    .lex
                    .text
                    .triggered
                    .get(i)
                    .map_or(&[][..], |t| t.texts.as_slice());
                let tpl = pick_str(&mut self.rng, texts);
                (ActivityKind::Post, self.fill(tpl, None, false, &unit), None)
            }
            40..=69 => {
                let tpl = pick_str(&mut self.rng, &self.lex.text.number_negatives);
                (ActivityKind::Post, self.fill(tpl, None, false, &unit), None)
            }
            70..=79 => {
                let tx = &self.lex.text;
                let (alt, cap) = pick_matched(
                    &mut self.rng,
                    &tx.finger_negative_alts,
                    &tx.finger_negative_captions,
                );
                (ActivityKind::Post, self.fill(cap, None, false, &unit), alt)
            }
            80..=89 => {
                let tx = &self.lex.text;
                let (alt, cap) = pick_matched(
                    &mut self.rng,
                    &tx.alt_twibbon_negative,
                    &tx.caption_twibbon_negative,
                );
                let kind = if self.rng.gen_bool(0.5) {
                    ActivityKind::Profile
                } else {
                    ActivityKind::Story
                };
                (kind, cap.to_string(), alt)
            }
            _ => {
                let tpl = pick_str(&mut self.rng, &self.lex.text.bio_neutral);
                let alt =
                    Some(pick_str(&mut self.rng, &self.lex.text.alt_profile_neutral).to_string());
                (
                    ActivityKind::Profile,
                    self.fill(tpl, None, false, &unit),
                    alt,
                )
            }
        };
        self.push(Act::own(acct, kind, text, t).with_alt(alt));
    }

    /// A partisan post dated outside the monitoring window.
    fn out_of_window(&mut self, acct: usize) {
        if self.n_pairs() == 0 {
            return;
        }
        let pair = self.rng.gen_range(0..self.n_pairs());
        let (t, numbered) = if self.rng.gen_bool(0.6) {
            (self.clock.before_window(&mut self.rng), false)
        } else {
            (self.clock.after_window(&mut self.rng), true)
        };
        let tpl = pick_str(&mut self.rng, &self.lex.text.asn_support);
        let unit = self.unit_of(acct);
        let text = self.fill(tpl, Some(pair), numbered, &unit);
        self.push(Act::own(acct, ActivityKind::Post, text, t));
    }

    /// Partisan activity of someone outside the registry.
    fn public_partisan(&mut self, acct: usize) {
        if self.n_pairs() == 0 {
            self.everyday_post(acct);
            return;
        }
        let platform = self.accts[acct].platform;
        let pair = self.rng.gen_range(0..self.n_pairs());
        let r = self.rng.gen_range(0..100);
        let (of, kind) = match r {
            0..=19 => (SourceKind::Official(pair), ActivityKind::Like),
            20..=29 => (SourceKind::Official(pair), ActivityKind::Comment),
            30..=49 => (SourceKind::Supportive(pair), ActivityKind::Like),
            50..=59 => (SourceKind::Supportive(pair), ActivityKind::Share),
            60..=69 => (SourceKind::Attack(pair), ActivityKind::Share),
            70..=79 => (SourceKind::Attack(pair), ActivityKind::Like),
            80..=89 => (SourceKind::Supportive(pair), ActivityKind::Post),
            _ => (SourceKind::Attack(pair), ActivityKind::Post),
        };
        if kind == ActivityKind::Post {
            let t = self.clock.any(&mut self.rng);
            let numbered = self.clock.numbered(&t);
            let list = if matches!(of, SourceKind::Attack(_)) {
                &self.lex.text.attack
            } else {
                &self.lex.text.asn_support
            };
            let tpl = pick_str(&mut self.rng, list);
            let text = self.fill(tpl, Some(pair), numbered, "");
            let act = self.push(Act::own(acct, kind, text, t));
            self.sources.entry((of, platform)).or_default().push(act);
            return;
        }
        let src = self
            .source(of, platform)
            .or_else(|| self.source(SourceKind::Supportive(pair), platform));
        let Some(src) = src else {
            self.everyday_post(acct);
            return;
        };
        let when = self.time_after(src, kind, platform);
        let text = match kind {
            ActivityKind::Like => String::new(),
            ActivityKind::Comment => {
                pick_str(&mut self.rng, &self.lex.text.comment_support).to_string()
            }
            _ => pick_str(&mut self.rng, &self.lex.text.shares).to_string(),
        };
        let reaction = (kind == ActivityKind::Like).then(|| self.reaction(platform, false));
        let target = self.target_of(src);
        self.push(Act::interaction(acct, kind, text, when, reaction, target));
    }

    // ----- the whole run --------------------------------------------------------

    fn share(n: usize, permille: usize) -> usize {
        n * permille / 1000
    }

    #[allow(
        clippy::too_many_lines,
        reason = "the plan of the whole data set, bucket by bucket, reads best in one place"
    )]
    pub fn run(mut self, config: &DemoConfig) -> Output {
        let n = config.activity_count;
        self.make_accounts(config);
        let n_pairs = self.n_pairs();
        let social_with_news = [
            Platform::X,
            Platform::Facebook,
            Platform::Instagram,
            Platform::Tiktok,
            Platform::Youtube,
            Platform::Web,
        ];
        // Source posts.
        let official: Vec<(usize, Platform)> = self
            .accts
            .iter()
            .filter_map(|a| match a.owner {
                Owner::Official(p) => Some((p, a.platform)),
                _ => None,
            })
            .collect();
        if !official.is_empty() {
            let per = Self::share(n, 10) / official.len();
            for (p, platform) in official {
                for _ in 0..per.max(1) {
                    self.new_source(SourceKind::Official(p), platform);
                }
            }
        }
        for _ in 0..Self::share(n, 25) {
            let p = *social_with_news
                .choose(&mut self.rng)
                .unwrap_or(&Platform::X);
            self.new_source(SourceKind::News, p);
        }
        if n_pairs > 0 {
            for i in 0..Self::share(n, 15) {
                let p = SOCIAL[self.rng.gen_range(0..SOCIAL.len())];
                self.new_source(SourceKind::Supportive(i % n_pairs), p);
            }
            for i in 0..Self::share(n, 10) {
                let p = SOCIAL[self.rng.gen_range(0..SOCIAL.len())];
                self.new_source(SourceKind::Attack(i % n_pairs), p);
            }
        }
        for _ in 0..Self::share(n, 120) {
            if let Some(a) = self.any_public() {
                self.everyday_post(a);
            }
        }
        // Signals of the non-neutral ASN.
        let partisans = self.partisans(Self::share(n, 30).max(1));
        // Everything else.
        let pool: Vec<usize> = self
            .accts
            .iter()
            .enumerate()
            .filter(|(_, a)| matches!(a.owner, Owner::Asn(_)))
            .map(|(i, _)| i)
            .collect();
        let weights: Vec<u32> = pool.iter().map(|_| self.rng.gen_range(1..=20)).collect();
        let wi = WeightedIndex::new(&weights).ok();
        let buckets: [(usize, u8); 5] = [
            (Self::share(n, 60), 0),  // news interactions
            (Self::share(n, 25), 1),  // neutral political talk
            (Self::share(n, 50), 2),  // hard negatives
            (Self::share(n, 300), 3), // everyday interactions
            (Self::share(n, 2), 4),   // partisan posts outside the window
        ];
        for (count, what) in buckets {
            for _ in 0..count {
                let acct = if what == 4 && !partisans.is_empty() {
                    let asn = partisans[self.rng.gen_range(0..partisans.len())];
                    self.asn_acct(asn)
                } else {
                    self.registered_acct(wi.as_ref(), &pool)
                };
                let Some(acct) = acct else { break };
                match what {
                    0 => self.neutral_interaction(acct, true),
                    1 => self.neutral_political(acct),
                    2 => self.hard_negative(acct),
                    3 => self.neutral_interaction(acct, false),
                    _ => self.out_of_window(acct),
                }
            }
        }
        // People outside the registry.
        let undeclared: Vec<usize> = (0..self.accts.len())
            .filter(|&i| self.accts[i].owner == Owner::Undeclared)
            .collect();
        for (i, &acct) in undeclared.iter().enumerate() {
            if i % 2 == 0 {
                self.public_partisan(acct);
            }
            self.everyday_post(acct);
        }
        for _ in 0..Self::share(n, 30) {
            if let Some(a) = self.any_public() {
                self.public_partisan(a);
            }
        }
        for _ in 0..Self::share(n, 80) {
            if let Some(a) = self.any_public() {
                let news = self.rng.gen_bool(0.3);
                self.neutral_interaction(a, news);
            }
        }
        for _ in 0..Self::share(n, 8) {
            if let Some(a) = self.any_public() {
                self.neutral_political(a);
            }
        }
        // Fill up with everyday posts of registered ASN (or of others when there are none).
        while self.acts.len() < n {
            let acct = self
                .registered_acct(wi.as_ref(), &pool)
                .or_else(|| self.any_public());
            let Some(acct) = acct else { break };
            self.everyday_post(acct);
        }
        self.trim(n);
        self.finish()
    }

    /// Drops activities until there are `n`, keeping those in the truth as long as possible.
    fn trim(&mut self, n: usize) {
        if self.acts.len() <= n {
            return;
        }
        let in_truth: HashSet<usize> = self.drafts.iter().map(|d| d.act).collect();
        let mut order: Vec<usize> = (0..self.acts.len()).collect();
        order.shuffle(&mut self.rng);
        // Non-truth first, then truth.
        order.sort_by_key(|i| in_truth.contains(i));
        let excess = self.acts.len() - n;
        let drop: HashSet<usize> = order.into_iter().take(excess).collect();
        let mut remap = vec![usize::MAX; self.acts.len()];
        let mut kept = Vec::with_capacity(n);
        let mut kept_acct = Vec::with_capacity(n);
        for (i, (a, acct)) in std::mem::take(&mut self.acts)
            .into_iter()
            .zip(std::mem::take(&mut self.act_acct))
            .enumerate()
        {
            if !drop.contains(&i) {
                remap[i] = kept.len();
                kept.push(a);
                kept_acct.push(acct);
            }
        }
        self.acts = kept;
        self.act_acct = kept_acct;
        self.drafts.retain(|d| remap[d.act] != usize::MAX);
        for d in &mut self.drafts {
            d.act = remap[d.act];
        }
    }

    fn finish(self) -> Output {
        let mut order: Vec<usize> = (0..self.acts.len()).collect();
        order.sort_by(|&a, &b| {
            let (x, y) = (&self.acts[a], &self.acts[b]);
            x.created_at
                .cmp(&y.created_at)
                .then_with(|| x.id.cmp(&y.id))
        });
        let mut position = vec![0; self.acts.len()];
        for (pos, &i) in order.iter().enumerate() {
            position[i] = pos;
        }
        let mut drafts: Vec<&Draft> = self.drafts.iter().collect();
        drafts.sort_by_key(|d| position[d.act]);
        let truth = drafts
            .into_iter()
            .filter_map(|d| {
                let a = &self.acts[d.act];
                let phase = match self.e.phase_at(&a.created_at) {
                    Phase::BeforeDetermination => TruthPhase::Ethics,
                    Phase::AfterDetermination => TruthPhase::Discipline,
                    Phase::BeforeWindow | Phase::AfterWindow => return None,
                };
                Some(TruthRecord {
                    activity_id: a.id.clone(),
                    nip: self.registry[d.asn].nip.clone(),
                    label: d.label,
                    target: self.et.pairs[d.pair].number,
                    rule: d.rule,
                    phase,
                })
            })
            .collect();
        let mut acts: Vec<Option<Activity>> = self.acts.into_iter().map(Some).collect();
        let activities = order.iter().filter_map(|&i| acts[i].take()).collect();
        Output {
            registry: self.registry,
            activities,
            truth,
        }
    }
}
