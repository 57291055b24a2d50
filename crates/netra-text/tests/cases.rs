//! Table-driven mention cases: real-looking posts for four elections, with
//! the pairs and kinds that must be found (in text order), hard negatives
//! that must find nothing, and news headlines (a mention, not support).
//!
//! `expect` is `"-"` for no match, else space-separated `pair:kind`.

mod common;

use std::collections::HashMap;

use netra_text::Matcher;

const J24: &str = "jakarta-2024";
const D17: &str = "dki-jakarta-2017";
const P19: &str = "pilpres-2019";
const P24: &str = "pilpres-2024";

#[rustfmt::skip]
const CASES: &[(&str, &str, &str)] = &[
    // ---- Jakarta 2024: positives ----
    (J24, "Yuk coblos 03 biar Jakarta makin menyala 🔥 #JakartaMenyala", "3:ballot_number 3:hashtag"),
    (J24, "Dukung Pram-Doel!", "3:alias"),
    (J24, "#PramDoel", "3:hashtag"),
    (J24, "pramm doel jakarta menyala", "3:alias 3:slogan"),
    (J24, "PR4M D0EL menang!", "3:alias"),
    (J24, "Mas Pram gubernur kita", "3:alias"),
    (J24, "Mas Praaam gubernur kitaaa", "3:alias"),
    (J24, "nomor urut 1 RIDO", "1:ballot_number 1:alias"),
    (J24, "Salam 3 jari!", "3:finger_gesture"),
    (J24, "salam tiga jari untuk jakarta", "3:finger_gesture"),
    (J24, "SALAM III JARI", "3:finger_gesture"),
    (J24, "Pilih nomor 2 ya, Dharma-Kun!", "2:ballot_number 2:alias"),
    (J24, "#DharmaKun #JakartakuAman", "2:hashtag 2:hashtag"),
    (J24, "@ridwankamil keren", "1:account"),
    (J24, "@RidwanKamil keren", "1:account"),
    (J24, "RK-Suswono untuk Jakarta Baru", "1:alias 1:slogan"),
    (J24, "paslon 02 paling netral", "2:ballot_number"),
    (J24, "Kang Emil mantap, pilgub nanti pilih dia", "1:alias"),
    (J24, "Rano Karno main film Si Doel", "3:name 3:alias"),
    (J24, "☝️ RIDO", "1:finger_gesture 1:alias"),
    (J24, "✌️ pilih Dharma Kun", "2:finger_gesture 2:alias"),
    (J24, "Suswono blusukan ke pasar", "1:name"),
    (J24, "Pongrekun bicara soal keamanan", "2:alias"),
    (J24, "Jakartaku Aman bersama 02", "2:slogan 2:ballot_number"),
    (J24, "KIM Plus dukung RIDO", "1:alias 1:alias"),
    (J24, "PDIP usung Pramono-Rano", "3:party 3:alias"),
    (J24, "Gerindra dan Golkar solid", "1:party 1:party"),
    (J24, "Hanura merapat ke pilgub", "3:party"),
    (J24, "coblos nomor 3 tgl 27 november", "3:ballot_number"),
    (J24, "nomor urut 2", "2:ballot_number"),
    (J24, "no. urut 3", "3:ballot_number"),
    (J24, "cagub 01 paling keren", "1:ballot_number"),
    (J24, "#Coblos1", "1:hashtag"),
    (J24, "#coblos03", "3:ballot_number"),
    (J24, "#Coblos02Aja", "2:ballot_number"),
    (J24, "Ridwan Kamil-Suswono", "1:alias"),
    (J24, "RIDWAN KAMIL", "1:name"),
    (J24, "Jakarta Baru Jakarta Maju, coblos RIDO", "1:slogan 1:alias"),
    (J24, "Jakarta Baru Jakarta Maju!", "1:slogan"),
    (J24, "Gw dukung PR4MM-Doel bgt!! coblos 0️⃣3️⃣ #JakartaMenyala", "3:alias 3:ballot_number 3:hashtag"),
    (J24, "nyoblos kosong tiga", "3:ballot_number"),
    (J24, "jangan pilih 01!", "1:ballot_number"),
    (J24, "Rano sama Pram kompak banget", "3:alias 3:alias"),
    (J24, "Emil vs Pram, siapa unggul?", "1:alias 3:alias"),
    (J24, "3️⃣ #PramDoelMenyala", "3:ballot_number 3:hashtag"),
    (J24, "#PramonoAnungGubernurKu", "3:name"),
    (J24, "#pramdoelmenang", "3:hashtag"),
    (J24, "ＰＲＡＭＯＮＯ ＡＮＵＮＧ", "3:name"),
    (J24, "Pra\u{AD}mono Anung", "3:name"),
    (J24, "pramonoo anuung", "3:name"),
    (J24, "Pramononya Anung", "3:name"),
    (J24, "Rano cagub idaman", "3:alias"),
    (J24, "Bang Doel dan Mas Pram kampanye di Tebet", "3:alias 3:alias"),
    (J24, "Kang Emil @ridwankamil", "1:alias 1:account"),
    (J24, "paslon nomor urut 3", "3:ballot_number"),
    (J24, "Dharma Pongrekun", "2:name"),
    (J24, "DHARMA-KUN", "2:alias"),
    (J24, "Kun Wardana Abyoto", "2:alias"),
    (J24, "capres? bukan, cagub 02", "2:ballot_number"),
    // ---- Jakarta 2024: hard negatives ----
    (J24, "Dharma Wanita kantor ngadain bazar besok", "-"),
    (J24, "kun fayakun, semua atas kehendak-Nya", "-"),
    (J24, "Kun fayakun 🤲", "-"),
    (J24, "3 jari kakinya luka kena pecahan kaca", "-"),
    (J24, "Pilkada bikin pusing, 3 jari kakinya keseleo", "-"),
    (J24, "Nomor 1 di hatiku cuma kamu", "-"),
    (J24, "nomor 1 di hati", "-"),
    (J24, "Rano main bola sama anaknya", "-"),
    (J24, "Emil teman sekelasku ulang tahun", "-"),
    (J24, "Pram baru pulang kerja", "-"),
    (J24, "Jakarta baru saja diguyur hujan deras", "-"),
    (J24, "Kasus DBD di Jakarta Baru naik lagi", "-"),
    (J24, "Bang Sus jualan bakso di depan kantor", "-"),
    (J24, "Bang Kun pinjam motor dulu", "-"),
    (J24, "Pak Dharma guru matematika kami", "-"),
    (J24, "Si Doel Anak Sekolahan tayang lagi", "-"),
    (J24, "jam 01.00 baru tidur", "-"),
    (J24, "skor akhir 3-1 untuk timnas", "-"),
    (J24, "pesan 2 porsi nasi goreng", "-"),
    (J24, "PAN nya gosong", "-"),
    (J24, "PBB kecam serangan ke Gaza", "-"),
    (J24, "Harga 3️⃣ ribu aja", "-"),
    (J24, "✌️ peace bro", "-"),
    (J24, "☝️ ini yang aku maksud", "-"),
    (J24, "Aku anak nomor 2 dari 3 bersaudara", "-"),
    (J24, "Pilih 1 dari 3 menu paket hemat", "-"),
    (J24, "Mantap bgt rendangnya, pedesnya pas", "-"),
    (J24, "Macet parah di Sudirman pagi ini 😩", "-"),
    (J24, "Emil Salim tokoh lingkungan", "-"),
    (J24, "Doel Sumbang nyanyi lagi", "-"),
    (J24, "Prambanan ramai pengunjung", "-"),
    (J24, "Kamil itu nama sepupuku", "-"),
    (J24, "Ridwan tukang parkir depan rumah", "-"),
    (J24, "RIDO ya Allah", "-"),
    (J24, "ga ada yg namanya pilkada bersih", "-"),
    (J24, "RK 05 RW 03 kumpul warga", "-"),
    (J24, "emilia cantik banget", "-"),
    (J24, "https://rano.example/pram", "-"),
    (J24, "email: pram@kantor.go.id", "-"),
    (J24, "🤟 metal!", "-"),
    (J24, "KPU DKI tetapkan tiga paslon Pilgub Jakarta, pengundian nomor besok", "-"),
    (J24, "nomor 3 dari kiri itu siapa", "-"),
    (J24, "Suswonoan", "-"),
    // ---- Jakarta 2024: news headlines (mentions, not support) ----
    (J24, "Pramono Anung Kunjungi Pasar Tanah Abang", "3:name"),
    (J24, "Ridwan Kamil Janji Bangun 100 Taman di Jakarta", "1:name"),
    (J24, "Dharma Pongrekun Sebut Pandemi Agenda Asing", "2:name"),
    (J24, "Debat Pilgub: Rano Karno Singgung Banjir", "3:name"),
    (J24, "Survei: elektabilitas RIDO unggul tipis", "1:alias"),
    (J24, "Suswono Minta Maaf soal Ucapan Janda Kaya", "1:name"),
    (J24, "Bawaslu Jakarta Temukan ASN Dukung Paslon 03", "3:ballot_number"),
    (J24, "Kun Wardana: Jakarta Butuh Pemimpin Berintegritas", "2:name"),
    (J24, "Quick count: Pram-Doel 50,07 persen", "3:alias"),
    (J24, "Pramono-Rano Unggul di Quick Count, RIDO Kedua", "3:alias 1:alias"),
    // ---- DKI Jakarta 2017 ----
    (D17, "Ahok-Djarot", "2:alias"),
    (D17, "#BadjaUntukJakarta", "2:hashtag"),
    (D17, "AHY cagub termuda", "1:alias"),
    (D17, "AHY", "-"),
    (D17, "Agus-Sylvi", "1:alias"),
    (D17, "Anies-Sandi OK OCE", "3:alias 3:alias"),
    (D17, "Pendukung penista agama pada ngamuk 😂 #TangkapAhok", "2:alias 2:alias"),
    (D17, "Ahok dituntut 1 tahun penjara dengan masa percobaan 2 tahun", "-"),
    (D17, "Basuki Tjahaja Purnama", "2:name"),
    (D17, "Maju kotanya bahagia warganya", "3:slogan"),
    (D17, "Badja", "2:alias"),
    (D17, "Djarot ke pasar", "-"),
    (D17, "Mpok Sylvi", "-"),
    (D17, "petahana kalah di pilkada", "2:alias"),
    (D17, "Sylviana Murni", "1:name"),
    (D17, "Anies Baswedan", "3:name"),
    (D17, "Coblos nomor 3", "3:ballot_number"),
    (D17, "Salam dua jari, badja!", "2:finger_gesture 2:alias"),
    (D17, "PPP PKB PAN", "1:party 1:party 1:party"),
    (D17, "Golkar NasDem Hanura", "2:party 2:party 2:party"),
    (D17, "Gerindra PKS", "3:party 3:party"),
    (D17, "#AniesSandi #OKOCE", "3:hashtag 3:hashtag"),
    (D17, "Ahok vs Anies, debat makin panas", "2:alias 3:alias"),
    (D17, "kerja nyata ahok", "2:slogan 2:alias"),
    (D17, "Agus Harimurti Yudhoyono", "1:name"),
    (D17, "Jakarta untuk rakyat", "-"),
    (D17, "#JakartaUntukRakyat", "1:hashtag"),
    // ---- Pilpres 2019 ----
    (P19, "Jokowi-Amin lagi! #JokowiAminLagi", "1:alias 1:hashtag"),
    (P19, "#2019GantiPresiden", "2:hashtag"),
    (P19, "Prabowo-Sandi menang!", "2:slogan"),
    (P19, "Prabowo-Sandi kampanye di Solo", "2:alias"),
    (P19, "Salam dua jari", "2:finger_gesture"),
    (P19, "salam satu jari untuk pak jokowi", "1:finger_gesture 1:alias"),
    (P19, "Presiden Jokowi meresmikan jalan tol", "1:alias"),
    (P19, "Jokowi meresmikan jalan tol", "-"),
    (P19, "Ma'ruf Amin ulama besar", "1:name"),
    (P19, "Cebong dan kampret ribut terus", "-"),
    (P19, "PADI menguning di sawah", "-"),
    (P19, "Harga padi naik, petani senang", "-"),
    (P19, "Sandi wifi nya apa ya", "-"),
    (P19, "Sandiaga Uno kunjungi pasar", "2:name"),
    (P19, "Debat capres: Prabowo serang Jokowi soal utang", "2:alias 1:alias"),
    (P19, "Prabowo vs Jokowi", "2:alias 1:alias"),
    (P19, "#PrabowoSandi #2019PrabowoPresiden", "2:hashtag 2:hashtag"),
    (P19, "Coblos 01 sudah terbukti", "1:ballot_number"),
    (P19, "Tusuk 02 17 April", "2:ballot_number"),
    (P19, "Kerja nyata pak Jokowi", "1:slogan 1:alias"),
    (P19, "Indonesia maju", "-"),
    (P19, "#01IndonesiaMaju", "1:hashtag"),
    (P19, "Jokowi dua periode", "1:slogan"),
    (P19, "Om Wowo", "-"),
    (P19, "Pak Prabowo, capres nomor urut 02", "2:alias 2:ballot_number"),
    (P19, "Gerindra PKS PAN Demokrat", "2:party 2:party 2:party 2:party"),
    (P19, "PDI Perjuangan menang pileg", "1:party"),
    (P19, "Golkar dukung Jokowi-Ma'ruf", "1:party 1:alias"),
    (P19, "Sandiaga Salahuddin Uno", "2:alias"),
    (P19, "2019 ganti presiden", "2:slogan"),
    (P19, "Mending 01 daripada 02 yang plonga-plongo", "1:ballot_number 2:ballot_number"),
    (P19, "kata sandi akun saya lupa", "-"),
    (P19, "uno kartu favoritku", "-"),
    // ---- Pilpres 2024 ----
    (P24, "#02Melanjutkan #PrabowoGibran2024", "2:hashtag 2:hashtag"),
    (P24, "AMIN aja dulu", "-"),
    (P24, "AMIN aja dulu #AniesMuhaimin2024", "1:slogan 1:hashtag"),
    (P24, "Anies-Muhaimin", "1:alias"),
    (P24, "Cak Imin", "-"),
    (P24, "Cak Imin cawapres", "1:alias"),
    (P24, "Gemoy joget terus, programnya mana? 🤣", "2:alias"),
    (P24, "Ganjar Pranowo", "3:name"),
    (P24, "semoga Allah ganjar pahala", "-"),
    (P24, "Mahfud MD", "3:name"),
    (P24, "Prof Mahfud", "-"),
    (P24, "Desak Anies di Samarinda", "1:slogan"),
    (P24, "Oke gas oke gas!", "-"),
    (P24, "Oke gas, Prabowo-Gibran satu putaran", "2:slogan 2:alias 2:slogan"),
    (P24, "Makan siang gratis di kantor hari ini", "-"),
    (P24, "Janji makan siang gratis dari utang 🤣 #PrabowoGibran2024", "2:slogan 2:hashtag"),
    (P24, "Coblos 3 biar lebih baik", "3:ballot_number 3:slogan"),
    (P24, "Kerja lebih baik dari kemarin", "-"),
    (P24, "KTP Sakti", "3:slogan"),
    (P24, "#GanjarMahfud2024 #Coblos3", "3:hashtag 3:hashtag"),
    (P24, "Perubahan itu pasti", "-"),
    (P24, "Koalisi Perubahan solid dukung AMIN", "1:alias 1:alias"),
    (P24, "Park Ahn Nis oppa", "1:alias"),
    (P24, "Gibran di debat cawapres", "2:alias"),
    (P24, "Mas Gibran", "-"),
    (P24, "TPN Ganjar-Mahfud", "3:alias"),
    (P24, "#Nomor3Pilihanku", "3:hashtag"),
    (P24, "#AminMenang1Putaran", "1:hashtag"),
    (P24, "#Coblos02", "2:ballot_number"),
    (P24, "#coblos2", "2:ballot_number"),
    (P24, "Pak Bowo", "-"),
    (P24, "Prabowo Subianto Menhan", "2:name"),
    (P24, "amin ya rabbal alamin", "-"),
    (P24, "Yuk ke TPS 14 Februari, jangan golput!", "-"),
    (P24, "Ada yang tahu jadwal debat capres ketiga?", "-"),
    (P24, "Ganjar-Mahfud sat set", "3:alias"),
    (P24, "Prabowo Gibran 🔥 02 🔥", "2:alias 2:ballot_number"),
    (P24, "Anies dan Ganjar satu panggung", "1:alias 3:alias"),
];

fn describe(m: &Matcher, text: &str) -> String {
    let n = m.normalizer().normalize(text);
    let found = m.find(&n);
    if found.is_empty() {
        "-".to_string()
    } else {
        found
            .iter()
            .map(|x| format!("{}:{}", x.pair, x.kind))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[test]
fn mention_cases() {
    let mut matchers: HashMap<&str, Matcher> = HashMap::new();
    let mut failures = Vec::new();
    for (election, text, expect) in CASES {
        let m = matchers
            .entry(election)
            .or_insert_with(|| common::matcher(election));
        let got = describe(m, text);
        if got != *expect {
            failures.push(format!(
                "[{election}] {text:?}\n   expected {expect}\n   got      {got}\n{}",
                netra_text::explain(text, m)
            ));
        }
    }
    assert!(CASES.len() >= 150, "only {} cases", CASES.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn configs_have_no_conflicting_terms() {
    for id in [J24, D17, P19, P24] {
        let m = common::matcher(id);
        assert!(m.warnings().is_empty(), "{id}: {:?}", m.warnings());
    }
}

#[test]
fn match_spans_point_at_the_original_text() {
    let m = common::matcher(J24);
    let text = "Gw dukung PR4MM-Doel bgt!! coblos 0️⃣3️⃣ #JakartaMenyala @ridwankamil";
    let n = m.normalizer().normalize(text);
    let found = m.find(&n);
    let got: Vec<(&str, &str)> = found
        .iter()
        .map(|x| (&text[x.span.clone()], x.term.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("PR4MM-Doel", "Pram-Doel"),
            ("coblos 0️⃣3️⃣", "coblos 03"),
            ("#JakartaMenyala", "#JakartaMenyala"),
            ("@ridwankamil", "@ridwankamil"),
        ]
    );
}

#[test]
fn negated_mentions_are_flagged() {
    let m = common::matcher(J24);
    let n = m
        .normalizer()
        .normalize("Jangan pilih 01! Dukung Pram-Doel");
    let found = m.find(&n);
    assert_eq!(found.len(), 2);
    assert!(found[0].negated && found[0].pair == 1, "{found:?}");
    assert!(!found[1].negated && found[1].pair == 3, "{found:?}");
}

#[test]
fn rejected_candidates_say_why() {
    let m = common::matcher(J24);
    let n = m.normalizer().normalize("Kang Emil mantap");
    let f = m.find_all(&n);
    assert!(f.matches.is_empty());
    assert_eq!(f.rejected.len(), 1);
    assert!(
        f.rejected[0].reason.contains("honorific"),
        "{}",
        f.rejected[0].reason
    );
}

#[test]
fn every_match_has_a_reason_naming_pair_and_term() {
    let m = common::matcher(P24);
    let (_, f) = m.analyze("Coblos 3 biar lebih baik #GanjarMahfud2024 Cak Imin");
    for x in &f.matches {
        assert!(
            x.reason.contains(&format!("pair {}", x.pair)),
            "{}",
            x.reason
        );
        assert!(x.reason.contains(&x.term), "{}", x.reason);
    }
}

#[test]
fn matcher_and_normalizer_can_be_shared_across_threads() {
    fn assert_send_sync<T: Send + Sync + Clone>() {}
    assert_send_sync::<Matcher>();
    assert_send_sync::<netra_text::Normalizer>();
    assert_send_sync::<netra_text::Normalized>();
}

#[test]
fn slots_keep_pair_numbers_aside() {
    let m = common::matcher(J24);
    let n = m
        .normalizer()
        .normalize("Jangan pilih 01, dukung Pram-Doel #PramDoel");
    let found = m.find(&n);
    let s = netra_text::slot(&n, &found);
    assert_eq!(s.to_string(), "jangan pilih <PAIR> , dukung <PAIR> <PAIR>");
    assert_eq!(s.pairs(), vec![1, 3, 3]);
    assert_eq!(s.for_pair(3), "jangan pilih <OTHER> , dukung <PAIR> <PAIR>");
}

#[test]
fn a_name_marked_distinctive_counts_without_context() {
    let pair = |distinctive: &[&str]| netra_text::PairTerms {
        number: 1,
        names: vec!["Joko Widodo".into(), "Ma'ruf Amin".into()],
        aliases: vec!["Jokowi".into(), "Pak Jokowi".into()],
        distinctive: distinctive.iter().map(|s| (*s).to_string()).collect(),
        ..netra_text::PairTerms::new(1)
    };
    let text = "Jokowi hebat sekali";
    // Unmarked, "Jokowi" follows an honorific in an alias: a given name,
    // which needs context the post does not give.
    let plain = Matcher::new(&[pair(&[])]);
    let f = plain.find_all(&plain.normalizer().normalize(text));
    assert!(f.matches.is_empty(), "{:?}", f.matches);
    assert!(
        f.rejected[0].reason.contains("given name"),
        "{}",
        f.rejected[0].reason
    );
    // Marked, it counts; a marked term missing from the aliases is matched too.
    let marked = Matcher::new(&[pair(&["Jokowi", "Mukidi"])]);
    for t in [text, "Mukidi lagi"] {
        let found = marked.find(&marked.normalizer().normalize(t));
        assert_eq!(found.len(), 1, "{t}: {found:?}");
        assert_eq!(found[0].pair, 1);
        assert_eq!(found[0].kind.to_string(), "alias");
    }
}
