//! Cue words the rules read, as curated lists (normalised forms: lower case,
//! slang expanded by `netra-text`, emoji without variation selectors).
//!
//! None of them names an election, a pair or a party: those come from the
//! election config. A cue counts only next to a pair mention (stance) or on
//! content whose pair is already known (tone of a comment or quote).

/// A list of normalised cue tokens.
pub(crate) type CueSet = &'static [&'static str];

/// Next to a pair mention: support.
pub(crate) const SUPPORT: CueSet = &[
    "coblos",
    "pilih",
    "milih",
    "dukung",
    "mendukung",
    "menangkan",
    "memenangkan",
    "menang",
    "lanjutkan",
    "layak",
    "terbaik",
    "pemimpin",
    "pilihan",
    "bersamamu",
    "semangat",
    "mantap",
    "juara",
    "hebat",
    "keren",
    "amanah",
    "merakyat",
    "relawan",
    "pendukung",
    "gaskeun",
    "yuk",
    "ayo",
    "👏",
    "💪",
    "🔥",
    "❤",
    "👍",
];

/// Next to a pair mention: attack.
pub(crate) const ATTACK: CueSet = &[
    "pencitraan",
    "bohong",
    "pembohong",
    "omdo",
    "palsu",
    "gagal",
    "nol",
    "kecewa",
    "payah",
    "bodoh",
    "goblok",
    "blepotan",
    "kasihan",
    "muter",
    "ogah",
    "bye",
    "tolak",
    "korup",
    "korupsi",
    "hoaks",
    "hoax",
    "fitnah",
    "ngawur",
    "zonk",
    "pecundang",
    "munafik",
    "boneka",
    "👎",
    "🤡",
    "🤮",
    "🙅",
];

/// Next to a pair mention: attack phrases (normalised words in order).
pub(crate) const ATTACK_PHRASES: &[&str] = &[
    "omong kosong",
    "janji palsu",
    "manis di baliho",
    "setinggi langit",
    "asal jangan",
    "rekam jejaknya nol",
    "belum beres",
];

/// Words that make a text political: with one of them and a stance cue, an
/// ambiguous mention ("BR", "Mas Budi", "nomor 2") counts.
pub(crate) const POLITICAL: CueSet = &[
    "calon",
    "paslon",
    "cagub",
    "cawagub",
    "cawalkot",
    "cabup",
    "pilkada",
    "pemilu",
    "pilih",
    "milih",
    "coblos",
    "menangkan",
    "memenangkan",
    "kampanye",
    "baliho",
    "janji",
    "program",
    "debat",
    "mimpin",
    "memimpin",
    "pemimpin",
    "pencitraan",
    "tps",
];

/// Laughing emoji: next to a pair mention, mockery.
pub(crate) const MOCKING_EMOJI: CueSet = &["😂", "🤣", "😹", "😆", "😅", "🤭", "🙄"];

/// A comment or quote that approves of the content it answers.
pub(crate) const APPROVE: CueSet = &[
    "setuju",
    "betul",
    "bener",
    "benar",
    "fakta",
    "mantap",
    "mantab",
    "sukses",
    "semangat",
    "dukung",
    "terbaik",
    "lanjutkan",
    "gaskeun",
    "keren",
    "hebat",
    "sepakat",
    "👏",
    "💪",
    "🔥",
    "❤",
    "👍",
    "💯",
];

/// A comment or quote that disapproves of the content it answers.
pub(crate) const DISAPPROVE: CueSet = &[
    "bohong",
    "hoaks",
    "hoax",
    "fitnah",
    "pencitraan",
    "omdo",
    "ngawur",
    "payah",
    "gagal",
    "bodoh",
    "tolak",
    "ogah",
    "👎",
    "🤡",
    "😒",
    "🤮",
];

/// Words of a bio that show membership or office in a party (before the party's name).
pub(crate) const MEMBERSHIP: CueSet = &[
    "anggota",
    "kader",
    "pengurus",
    "ketua",
    "wakil",
    "sekretaris",
    "bendahara",
    "fungsionaris",
    "caleg",
    "dpc",
    "dpd",
    "dpw",
    "ranting",
];

/// Words of a bio that show a campaign role (next to a pair mention).
pub(crate) const CAMPAIGN_ROLE: CueSet = &[
    "relawan",
    "pemenangan",
    "timses",
    "pendukung",
    "simpatisan",
    "jurkam",
    "koordinator",
    "korlap",
    "saksi",
    "posko",
    "barisan",
];

/// Phrases of a bio that show a campaign role (next to a pair mention).
pub(crate) const CAMPAIGN_ROLE_PHRASES: &[&str] = &["tim sukses", "tim kampanye", "juru kampanye"];

/// Words of an image description that say the picture is of a child (a
/// child's finger count is not a campaign pose).
pub(crate) const CHILD: CueSet = &["anak", "balita", "bayi", "cucu", "keponakan"];

/// Words of an image description that show a deliberate pose.
pub(crate) const POSE: CueSet = &[
    "berpose",
    "pose",
    "mengacungkan",
    "acungkan",
    "mengacung",
    "acungan",
    "salam",
];

/// Words that say an image is a twibbon (a campaign frame on a picture).
pub(crate) const TWIBBON: CueSet = &["twibbon", "twibon", "bingkai"];

/// Words of a caption that campaign by themselves (with a finger pose).
pub(crate) const CAMPAIGN_CAPTION: CueSet = &[
    "coblos",
    "menangkan",
    "memenangkan",
    "salam",
    "pilih",
    "dukung",
    "paslon",
];

/// True when `word` (normalised) is in `set`; variation selectors are ignored.
pub(crate) fn contains(set: CueSet, word: &str) -> bool {
    let w = word.trim_end_matches('\u{fe0f}');
    !w.is_empty() && set.contains(&w)
}

/// True when the words of `phrase` occur in order, adjacent, in `words`.
pub(crate) fn has_phrase(words: &[&str], phrase: &str) -> bool {
    let p: Vec<&str> = phrase.split(' ').collect();
    !p.is_empty() && words.windows(p.len()).any(|w| w == p.as_slice())
}
