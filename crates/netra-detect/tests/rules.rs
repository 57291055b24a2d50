//! The interaction rules, one table per activity family: each row an
//! activity and the signals it must give (rule, stance, pair, violation).

use netra_core::{Activity, CaseClass, Catalogue, Election, Label, Reason};
use netra_detect::{CueStance, Detector, RuleEngine, RuleOptions, Stance, TextStance};

/// A fictional election: three pairs; "Partai Dua" is listed by two pairs.
const CONFIG: &str = r#"
[election]
id = "kota-contoh-2030"
name = "Pemilihan Wali Kota Contoh 2030"
region = "Kota Contoh"
timezone = "Asia/Jakarta"
[election.timeline]
candidate_determination = 2030-09-22
campaign_start = 2030-09-25
campaign_end = 2030-11-23
voting_day = 2030-11-27
[[candidates]]
number = 1
names = ["Budi Santoso", "Rina Kartika"]
aliases = ["Budi-Rina", "Mas Budi"]
hashtags = ["BudiRina", "KotaBersinar"]
slogans = ["Kota Bersinar"]
parties = ["Partai Contoh", "Partai Dua"]
accounts = [{ platform = "x", handle = "budisantoso" }, { platform = "instagram", handle = "budisantoso" }]
[[candidates]]
number = 2
names = ["Andi Wijaya", "Sari Dewi"]
aliases = ["Andi-Sari"]
hashtags = ["AndiSari"]
parties = ["Partai Tiga", "Partai Dua", "PPP"]
accounts = [{ platform = "instagram", handle = "andiwijaya" }]
[[candidates]]
number = 3
names = ["Joko Prasetyo", "Maya Lestari"]
hashtags = ["JokoMaya"]
parties = ["PDI-P"]
accounts = [{ platform = "x", handle = "jokomaya" }]
"#;

fn election() -> Election {
    Election::from_toml_str(CONFIG, "kota.toml").unwrap()
}

fn engine(options: RuleOptions) -> RuleEngine {
    let e = election();
    RuleEngine::new(
        &e,
        Catalogue::bundled().unwrap(),
        Box::new(CueStance::new(&e)),
        options,
    )
}

const BEFORE: &str = "2030-08-01T10:00:00+07:00";
const AFTER: &str = "2030-10-01T10:00:00+07:00";

/// An activity from the JSON fields after `"kind"` (id, platform, account added).
fn act(platform: &str, at: &str, rest: &str) -> Activity {
    let json = format!(
        r#"{{"id":"{platform}:1","platform":"{platform}","account":"pegawai","created_at":"{at}",{rest}}}"#
    );
    serde_json::from_str(&json).unwrap_or_else(|e| panic!("{json}: {e}"))
}

type Want = &'static [(&'static str, Label, u32, &'static str)];

fn check(options: RuleOptions, cases: &[(&str, &str, &str, Want)]) {
    let engine = engine(options);
    for (platform, at, rest, want) in cases {
        let a = act(platform, at, rest);
        let got: Vec<(String, Label, u32, String)> = engine
            .findings(&a)
            .into_iter()
            .map(|f| (f.signal.rule, f.signal.label, f.signal.target, f.violation))
            .collect();
        let want: Vec<(String, Label, u32, String)> = want
            .iter()
            .map(|(r, l, t, v)| ((*r).to_string(), *l, *t, (*v).to_string()))
            .collect();
        assert_eq!(got, want, "{rest} at {at}");
    }
}

use Label::{Oppose as O, Support as S};

#[test]
fn likes() {
    check(
        RuleOptions::default(),
        &[
            // A like on a pair's official post: ethics before the determination, discipline after.
            (
                "x",
                BEFORE,
                r#""kind":"like","target":{"account":"BudiSantoso","id":"x:9"}"#,
                &[("like-official", S, 1, "ETIK-02")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"like","target":{"account":"@budisantoso","id":"x:9"}"#,
                &[("like-official", S, 1, "DISIPLIN-02")],
            ),
            (
                "instagram",
                AFTER,
                r#""kind":"like","reaction":"love","target":{"account":"andiwijaya"}"#,
                &[("like-official", S, 2, "DISIPLIN-02")],
            ),
            // The same handle on a platform where it is not the pair's account.
            (
                "facebook",
                AFTER,
                r#""kind":"like","target":{"account":"budisantoso"}"#,
                &[],
            ),
            // Mockery is opposition, not support; anger, sadness, surprise give nothing.
            (
                "x",
                AFTER,
                r#""kind":"like","reaction":"haha","target":{"account":"budisantoso"}"#,
                &[("react-mocking", O, 1, "DISIPLIN-03")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"like","reaction":"angry","target":{"account":"budisantoso"}"#,
                &[],
            ),
            (
                "x",
                AFTER,
                r#""kind":"like","reaction":"sad","target":{"account":"budisantoso"}"#,
                &[],
            ),
            // A news outlet's neutral post.
            (
                "x",
                AFTER,
                r#""kind":"like","target":{"account":"beritakota","text":"Budi Santoso kunjungi pasar tradisional, dengarkan keluhan pedagang"}"#,
                &[],
            ),
            (
                "x",
                AFTER,
                r#""kind":"like","target":{"account":"beritakota","text":"KPU umumkan jadwal debat publik"}"#,
                &[],
            ),
            // Someone else's supportive and attacking content.
            (
                "x",
                AFTER,
                r#""kind":"like","target":{"account":"fans","text":"Yuk dukung Andi Wijaya 💪 #AndiSari"}"#,
                &[("like-supportive", S, 2, "DISIPLIN-02")],
            ),
            (
                "x",
                BEFORE,
                r#""kind":"like","target":{"account":"warga","text":"Jangan pilih Joko Prasetyo, programnya cuma pencitraan 🙄"}"#,
                &[("like-attack", O, 3, "ETIK-03")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"like","reaction":"haha","target":{"account":"fans","text":"Yuk dukung Andi Wijaya 💪 #AndiSari"}"#,
                &[("react-mocking", O, 2, "DISIPLIN-03")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"like","reaction":"haha","target":{"account":"warga","text":"Jangan pilih Joko Prasetyo, programnya cuma pencitraan"}"#,
                &[("like-attack", O, 3, "DISIPLIN-03")],
            ),
            // Everyday content, and a like without any target.
            (
                "x",
                AFTER,
                r#""kind":"like","target":{"account":"teman","text":"Sate kambing langganan, mantap 🔥"}"#,
                &[],
            ),
            ("x", AFTER, r#""kind":"like""#, &[]),
        ],
    );
}

#[test]
fn shares_reposts_and_quotes() {
    check(
        RuleOptions::default(),
        &[
            // A share of a post that attacks a pair: oppose, naming that pair.
            (
                "facebook",
                AFTER,
                r#""kind":"share","text":"","target":{"account":"warga","text":"Jangan pilih Andi Wijaya, programnya cuma pencitraan doang 🙄"}"#,
                &[("share-attack", O, 2, "DISIPLIN-03")],
            ),
            (
                "x",
                BEFORE,
                r#""kind":"repost","text":"Nah","target":{"account":"budisantoso","text":"Blusukan ke pasar pagi ini"}"#,
                &[("share-official", S, 1, "ETIK-02")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"repost","target":{"account":"fans","text":"Bismillah, Joko Prasetyo pilihan keluarga kami 🙏 #JokoMaya"}"#,
                &[("share-supportive", S, 3, "DISIPLIN-02")],
            ),
            // Approving quote of an attack; commentary and a disapproving caption are not endorsements.
            (
                "x",
                AFTER,
                r#""kind":"quote","text":"Fakta 💯","target":{"account":"warga","text":"Jangan pilih Andi Wijaya, rekam jejaknya nol"}"#,
                &[("share-attack", O, 2, "DISIPLIN-03")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"quote","text":"Perlu dicek dulu kebenarannya","target":{"account":"warga","text":"Jangan pilih Andi Wijaya, rekam jejaknya nol"}"#,
                &[],
            ),
            (
                "facebook",
                AFTER,
                r#""kind":"share","text":"Hoaks ini 👎","target":{"account":"fans","text":"Yuk dukung Andi Wijaya 💪 #AndiSari"}"#,
                &[],
            ),
            // The caption itself takes a side: the caption's stance.
            (
                "facebook",
                AFTER,
                r#""kind":"share","text":"Ayo coblos Budi Santoso! 💪","target":{"account":"beritakota","text":"Debat publik digelar malam ini"}"#,
                &[("post-stance", S, 1, "DISIPLIN-01")],
            ),
            // News shared for information.
            (
                "facebook",
                AFTER,
                r#""kind":"share","text":"Info penting nih","target":{"account":"beritakota","text":"Joko Prasetyo paparkan program transportasi di hadapan warga"}"#,
                &[],
            ),
        ],
    );
}

#[test]
fn comments_and_follows() {
    check(
        RuleOptions::default(),
        &[
            (
                "instagram",
                AFTER,
                r#""kind":"comment","text":"Semangat pak! 🔥","target":{"account":"andiwijaya","text":"Terima kasih warga"}"#,
                &[("comment-official", S, 2, "DISIPLIN-02")],
            ),
            (
                "instagram",
                BEFORE,
                r#""kind":"comment","text":"Hoaks, pencitraan 👎","target":{"account":"andiwijaya"}"#,
                &[("comment-official", O, 2, "ETIK-03")],
            ),
            (
                "instagram",
                AFTER,
                r#""kind":"comment","text":"Kapan debatnya ya?","target":{"account":"andiwijaya"}"#,
                &[],
            ),
            (
                "x",
                AFTER,
                r#""kind":"reply","text":"Setuju banget 👏","target":{"account":"fans","text":"Yuk dukung Joko Prasetyo 💪 #JokoMaya"}"#,
                &[("comment-supportive", S, 3, "DISIPLIN-02")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"reply","text":"Bener banget","target":{"account":"warga","text":"Jangan pilih Joko Prasetyo, rekam jejaknya nol"}"#,
                &[("comment-attack", O, 3, "DISIPLIN-03")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"reply","text":"Semoga damai 🙏","target":{"account":"beritakota","text":"Budi Santoso dan Andi Wijaya hadiri deklarasi kampanye damai"}"#,
                &[],
            ),
            (
                "x",
                AFTER,
                r#""kind":"reply","text":"Jangan pilih Budi Santoso, pembohong!","target":{"account":"beritakota","text":"Debat malam ini"}"#,
                &[("post-stance", O, 1, "DISIPLIN-01")],
            ),
            (
                "x",
                BEFORE,
                r#""kind":"follow","target":{"account":"jokomaya"}"#,
                &[("follow-official", S, 3, "ETIK-02")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"follow","target":{"account":"relawan_bs","text":"Akun relawan pendukung Budi Santoso. #KotaBersinar"}"#,
                &[("follow-supportive", S, 1, "DISIPLIN-02")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"follow","target":{"account":"temankantor"}"#,
                &[],
            ),
            (
                "x",
                AFTER,
                r#""kind":"follow","target":{"account":"beritakota","text":"Portal berita Kota Contoh"}"#,
                &[],
            ),
        ],
    );
}

#[test]
fn own_posts() {
    check(
        RuleOptions::default(),
        &[
            (
                "x",
                AFTER,
                r#""kind":"post","text":"Ayo coblos Budi Santoso! #KotaBersinar""#,
                &[("post-stance", S, 1, "DISIPLIN-01")],
            ),
            (
                "x",
                BEFORE,
                r#""kind":"story","text":"Makin yakin nggak akan pilih Andi Wijaya 👎""#,
                &[("post-stance", O, 2, "ETIK-01")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"post","text":"Budi Santoso hadir di acara itu""#,
                &[],
            ),
            (
                "x",
                AFTER,
                r#""kind":"post","text":"Mas Budi dari bagian keuangan ulang tahun hari ini 🎂""#,
                &[],
            ),
            (
                "x",
                AFTER,
                r#""kind":"post","text":"Jangan golput ya, sudah cek DPT?""#,
                &[],
            ),
        ],
    );
}

#[test]
fn profiles() {
    check(
        RuleOptions::default(),
        &[
            // Party membership is discipline whatever the date.
            (
                "x",
                BEFORE,
                r#""kind":"profile","text":"Anggota Partai Contoh sejak 2015 🚩""#,
                &[("profile-party", S, 1, "DISIPLIN-06")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"profile","text":"Pengurus ranting Partai Tiga | Abdi negara""#,
                &[("profile-party", S, 2, "DISIPLIN-06")],
            ),
            // "PPP" is not "P": parties match as written.
            (
                "x",
                AFTER,
                r#""kind":"profile","text":"Pengurus ranting PDI-P | Abdi negara""#,
                &[("profile-party", S, 3, "DISIPLIN-06")],
            ),
            // A party two pairs list names no pair; everyday memberships are not parties.
            (
                "x",
                AFTER,
                r#""kind":"profile","text":"Anggota Partai Dua""#,
                &[],
            ),
            (
                "x",
                AFTER,
                r#""kind":"profile","text":"Kader Posyandu Melati | Ibu rumah tangga dan ASN""#,
                &[],
            ),
            (
                "x",
                AFTER,
                r#""kind":"profile","text":"Partai Contoh? Bukan urusan saya. Pecinta kopi""#,
                &[],
            ),
            // Campaign roles.
            (
                "x",
                AFTER,
                r#""kind":"profile","text":"Koordinator relawan Budi-Rina tingkat kecamatan""#,
                &[("profile-campaign", S, 1, "DISIPLIN-05")],
            ),
            (
                "x",
                BEFORE,
                r#""kind":"profile","text":"Tim sukses Joko Prasetyo #JokoMaya""#,
                &[("profile-campaign", S, 3, "ETIK-05")],
            ),
            (
                "x",
                AFTER,
                r#""kind":"profile","text":"Relawan PMI | Donor darah rutin ❤️""#,
                &[],
            ),
        ],
    );
}

#[test]
fn twibbons_and_finger_poses() {
    let det = "2030-10-05T09:00:00+07:00";
    check(
        RuleOptions::default(),
        &[
            // Twibbons, from alt text.
            (
                "instagram",
                AFTER,
                r#""kind":"story","text":"Ganti foto profil","media":[{"url":"https://m.example/1.jpg","alt":"Foto profil dengan bingkai twibbon bertuliskan #AndiSari"}]"#,
                &[("twibbon", S, 2, "DISIPLIN-04")],
            ),
            (
                "instagram",
                BEFORE,
                r#""kind":"profile","text":"ASN Dinas Sosial","media":[{"url":"https://m.example/1.jpg","alt":"Twibbon dukungan untuk Budi Santoso"}]"#,
                &[("twibbon", S, 1, "ETIK-04")],
            ),
            (
                "instagram",
                AFTER,
                r#""kind":"story","text":"Selamat Hari Guru Nasional! 🙏","media":[{"url":"https://m.example/1.jpg","alt":"Foto profil dengan bingkai twibbon Hari Guru Nasional"}]"#,
                &[],
            ),
            // Finger poses: a ballot number of fingers, a campaign caption, from the determination on.
            (
                "instagram",
                det,
                r#""kind":"post","text":"Kompak selalu ✌️💪","media":[{"url":"https://m.example/1.jpg","alt":"Foto selfie berseragam dinas sambil mengacungkan dua jari"}]"#,
                &[("finger-pose", S, 2, "DISIPLIN-04")],
            ),
            (
                "instagram",
                det,
                r#""kind":"post","text":"Salam tiga jari! 3️⃣","media":[{"url":"https://m.example/1.jpg","alt":"Foto bersama di ruang rapat, semua berpose tiga jari"}]"#,
                &[("finger-pose", S, 3, "DISIPLIN-04")],
            ),
            (
                "instagram",
                BEFORE,
                r#""kind":"post","text":"Kompak selalu ✌️💪","media":[{"url":"https://m.example/1.jpg","alt":"Foto selfie sambil mengacungkan dua jari"}]"#,
                &[],
            ),
            (
                "instagram",
                det,
                r#""kind":"post","text":"Wisuda TK si kecil ✌️","media":[{"url":"https://m.example/1.jpg","alt":"Foto anak kecil berpose peace dengan dua jari di acara wisuda TK"}]"#,
                &[],
            ),
            (
                "instagram",
                det,
                r#""kind":"post","text":"Rapat evaluasi selesai","media":[{"url":"https://m.example/1.jpg","alt":"Foto bersama di ruang rapat, semua berpose tiga jari"}]"#,
                &[],
            ),
            (
                "instagram",
                det,
                r#""kind":"post","text":"Kompak selalu ✋","media":[{"url":"https://m.example/1.jpg","alt":"Foto bersama, semua berpose lima jari"}]"#,
                &[],
            ),
            (
                "instagram",
                det,
                r#""kind":"post","text":"Sate kambing langganan 🔥","media":[{"url":"https://m.example/1.jpg","alt":"Foto tangan memegang tiga tusuk sate"}]"#,
                &[],
            ),
        ],
    );
}

#[test]
fn time_zone_lower_bounds_and_the_monitoring_window() {
    let like = r#""kind":"like","target":{"account":"budisantoso"}"#;
    check(
        RuleOptions::default(),
        &[
            // 21 Sep 18:00 UTC is 22 Sep 01:00 in Jakarta: determination day, discipline.
            (
                "x",
                "2030-09-21T18:00:00Z",
                like,
                &[("like-official", S, 1, "DISIPLIN-02")],
            ),
            (
                "x",
                "2030-09-21T16:59:59Z",
                like,
                &[("like-official", S, 1, "ETIK-02")],
            ),
            // Before and after the monitoring window (default 120 days before determination to 30 after voting).
            ("x", "2030-01-05T10:00:00+07:00", like, &[]),
            ("x", "2031-02-05T10:00:00+07:00", like, &[]),
        ],
    );
    check(
        RuleOptions {
            include_outside_window: true,
        },
        &[(
            "x",
            "2030-01-05T10:00:00+07:00",
            like,
            &[("like-official", S, 1, "ETIK-02")],
        )],
    );
    // An approximate time: the lower bound counts, and the reasons say so.
    let e = engine(RuleOptions::default());
    let a = act(
        "x",
        "2030-09-20T10:00:00+07:00",
        r#""created_at_approx":true,"kind":"like","target":{"account":"budisantoso","text":"Terima kasih warga"}"#,
    );
    let f = e.findings(&a);
    assert_eq!(f.len(), 1);
    assert_eq!(
        (f[0].class, f[0].violation.as_str()),
        (CaseClass::Ethics, "ETIK-02")
    );
    assert!(
        f[0].signal.reasons.iter().any(|r| matches!(
            r,
            Reason::LowerBound {
                determined: false,
                ..
            }
        ) && r.to_string().contains("milder")),
        "{:?}",
        f[0].signal.reasons
    );
    let f = e.findings(&act("x", AFTER, like));
    assert!(!f[0].determined || f[0].class == CaseClass::Discipline);
}

#[test]
fn every_signal_carries_rule_violation_and_reasons() {
    let e = engine(RuleOptions::default());
    let a = act(
        "x",
        AFTER,
        r#""kind":"share","target":{"account":"warga","text":"Jangan pilih Andi Wijaya, programnya cuma pencitraan"}"#,
    );
    let f = e.findings(&a);
    let s = &f[0].signal;
    assert_eq!(s.rule, "share-attack");
    assert_eq!(s.account_key, "x:pegawai");
    assert!((0.0..=1.0).contains(&s.score));
    let text = s
        .reasons
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    for want in [
        "rule share-attack",
        "attacks pair 2",
        "\"Andi Wijaya\"",
        "pencitraan",
        "from candidate determination",
        "violation DISIPLIN-03",
        "PP 94/2021 pasal 5 huruf n",
    ] {
        assert!(text.contains(want), "want {want:?} in\n{text}");
    }
    // The Detector view gives the same signals.
    assert_eq!(e.detect(&a), vec![s.clone()]);
}

#[test]
fn pairs_are_treated_alike() {
    // The same acts about each pair give the same rules and violations.
    let e = engine(RuleOptions::default());
    let names = ["Budi Santoso", "Andi Wijaya", "Joko Prasetyo"];
    for (i, name) in names.iter().enumerate() {
        let pair = u32::try_from(i + 1).unwrap();
        for (rest, rule, label) in [
            (
                format!(r#""kind":"post","text":"Ayo coblos {name}! 💪""#),
                "post-stance",
                S,
            ),
            (
                format!(
                    r#""kind":"like","target":{{"account":"w","text":"Jangan pilih {name}, cuma pencitraan"}}"#
                ),
                "like-attack",
                O,
            ),
            (
                format!(
                    r#""kind":"share","target":{{"account":"w","text":"Yuk dukung {name} 💪"}}"#
                ),
                "share-supportive",
                S,
            ),
        ] {
            let f = e.findings(&act("x", AFTER, &rest));
            assert_eq!(f.len(), 1, "{rest}");
            assert_eq!(
                (
                    f[0].signal.rule.as_str(),
                    f[0].signal.label,
                    f[0].signal.target
                ),
                (rule, label, pair),
                "{rest}"
            );
        }
    }
}

/// A text-stance stub: every text supports pair 1.
struct Always;

impl TextStance for Always {
    fn stance(&self, text: &str) -> Option<Stance> {
        (!text.is_empty()).then(|| Stance {
            label: Label::Support,
            target: 1,
            score: 0.5,
            reasons: vec![Reason::note("stub")],
        })
    }
    fn name(&self) -> &'static str {
        "stub"
    }
}

#[test]
fn the_stance_reader_is_pluggable() {
    let e = RuleEngine::new(
        &election(),
        Catalogue::bundled().unwrap(),
        Box::new(Always),
        RuleOptions::default(),
    );
    let f = e.findings(&act("x", AFTER, r#""kind":"post","text":"apa saja""#));
    assert_eq!(f[0].signal.rule, "post-stance");
    assert!(f[0].signal.reasons.contains(&Reason::note("stub")));
    assert!(f[0].signal.reasons.contains(&Reason::OwnText {
        kind: netra_core::ActivityKind::Post,
        reader: "stub".into()
    }));
    assert_eq!(e.stance_name(), "stub");
}

/// `act` with `text` read in its first image (as `netra-app` fills it in).
fn with_image_text(mut a: Activity, text: &str) -> Activity {
    a.media[0].ocr = Some(netra_core::ImageText {
        file: "poster.png".into(),
        sha256: "ab".repeat(32),
        text: text.into(),
    });
    a
}

#[test]
fn words_read_in_an_image_count_and_the_reasons_name_the_image() {
    let engine = engine(RuleOptions::default());
    let poster = r#""kind":"post","text":"","media":[{"path":"poster.png"}]"#;
    let a = act("x", AFTER, poster);
    assert!(engine.findings(&a).is_empty(), "nothing read: no signal");

    let a = with_image_text(a, "Ayo coblos Budi Santoso!\n#KotaBersinar");
    let f = engine.findings(&a);
    let got: Vec<(&str, Label, u32)> = f
        .iter()
        .map(|f| (f.signal.rule.as_str(), f.signal.label, f.signal.target))
        .collect();
    assert_eq!(got, [("post-stance", Label::Support, 1)]);
    let image = f[0]
        .signal
        .reasons
        .iter()
        .find_map(|r| match r {
            Reason::ImageText { file, sha256, text } => Some((file, sha256, text)),
            _ => None,
        })
        .expect("a reason names the image");
    assert_eq!(image.0, "poster.png");
    assert_eq!(image.1, &"ab".repeat(32));
    assert_eq!(image.2, "Ayo coblos Budi Santoso! #KotaBersinar");

    // When the text alone decides, the image is not named.
    let a = with_image_text(
        act(
            "x",
            AFTER,
            r#""kind":"post","text":"Ayo coblos Budi Santoso!","media":[{"path":"poster.png"}]"#,
        ),
        "Jadwal rapat hari Senin",
    );
    let f = engine.findings(&a);
    assert_eq!(f.len(), 1);
    assert!(
        !f[0]
            .signal
            .reasons
            .iter()
            .any(|r| matches!(r, Reason::ImageText { .. })),
        "{:?}",
        f[0].signal.reasons
    );

    // A comment whose attached image campaigns; an image read as a twibbon.
    let comment = with_image_text(
        act(
            "x",
            AFTER,
            r#""kind":"comment","text":"","media":[{"path":"poster.png"}]"#,
        ),
        "Ayo coblos Andi Wijaya",
    );
    assert_eq!(engine.findings(&comment)[0].signal.target, 2);
    let twibbon = with_image_text(
        act(
            "x",
            AFTER,
            r#""kind":"profile","text":"ASN Dinas Sosial","media":[{"path":"poster.png"}]"#,
        ),
        "Twibbon #JokoMaya",
    );
    let f = engine.findings(&twibbon);
    assert!(
        f.iter().any(|f| f.signal.rule == "twibbon"
            && f.signal.target == 3
            && f.signal
                .reasons
                .iter()
                .any(|r| matches!(r, Reason::ImageText { .. }))),
        "{f:?}"
    );
}
