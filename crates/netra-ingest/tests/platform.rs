//! Platform exports → canonical activities, on the fixtures under
//! `tests/data/exports` (small, hand-written in each platform's shape) and on
//! broken input made here.

#![allow(
    clippy::many_single_char_names,
    reason = "c, f, a, b, m: short names in assertions read best"
)]

use std::io::Write as _;
use std::path::{Path, PathBuf};

use netra_core::{Activity, ActivityKind, Platform, Reaction};
use netra_ingest::platform::{convert, Conversion, ConvertOptions, Converted, Format};

fn data(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(rel)
}

fn jakarta() -> ConvertOptions {
    ConvertOptions::new(chrono_tz::Asia::Jakarta)
}

fn run(path: &Path, options: &ConvertOptions) -> Conversion {
    convert(path, options).expect("the path exists")
}

/// The converted file whose name ends with `suffix`.
fn file<'a>(c: &'a Conversion, suffix: &str) -> &'a Converted {
    c.files
        .iter()
        .find(|f| f.file.ends_with(suffix))
        .unwrap_or_else(|| {
            panic!(
                "no {suffix} in {:?}",
                c.files.iter().map(|f| &f.file).collect::<Vec<_>>()
            )
        })
}

fn by_id<'a>(f: &'a Converted, id: &str) -> &'a Activity {
    f.activities
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no {id} in {}", f.file))
}

fn messages(f: &Converted) -> Vec<String> {
    f.diagnostics.iter().map(ToString::to_string).collect()
}

#[test]
fn a_folder_of_mixed_exports_is_detected_file_by_file() {
    let c = run(&data("exports"), &jakarta());
    let formats: Vec<(String, Option<Format>)> = c
        .files
        .iter()
        .map(|f| {
            let name = f.file.rsplit('/').next().unwrap().to_owned();
            (name, f.format)
        })
        .collect();
    for (name, format) in [
        ("tweets.js", Format::XArchive),
        ("like.js", Format::XArchive),
        (
            "your_posts__check_ins__photos_and_videos_1.json",
            Format::Facebook,
        ),
        ("comments.json", Format::Facebook),
        ("likes_and_reactions_1.json", Format::Facebook),
        ("posts_1.json", Format::Instagram),
        ("liked_posts.json", Format::Instagram),
        ("post_comments_1.json", Format::Instagram),
        ("user_data_tiktok.json", Format::Tiktok),
        ("timeline-rudi.json", Format::XApi),
        ("pantauan-harian.csv", Format::Csv),
        ("kiriman.jsonl", Format::Jsonl),
    ] {
        assert!(
            formats.contains(&(name.to_owned(), Some(format))),
            "{name} as {format}: {formats:?}"
        );
    }
    assert_eq!(
        c.files.len(),
        12,
        "owner files, messages and html are not data files"
    );
    assert!(
        c.ignored >= 3,
        "direct messages, the html page, FB messages"
    );
}

#[test]
fn x_archive_kinds_text_media_and_owner() {
    let c = run(&data("exports/x-archive"), &jakarta());
    let t = file(&c, "data/tweets.js");
    assert_eq!(
        t.account.as_deref(),
        Some("budi_s"),
        "owner from data/account.js"
    );
    assert_eq!(t.records, 7);
    let post = by_id(t, "x:1843400000000000001");
    assert_eq!(post.kind, ActivityKind::Post);
    assert_eq!(
        post.text, "Pagi ini macet lagi di Sudirman & Thamrin",
        "HTML entities undone"
    );
    assert_eq!(post.created_at.to_rfc3339(), "2024-10-07T02:00:00+00:00");
    assert_eq!(
        post.url.as_deref(),
        Some("https://x.com/budi_s/status/1843400000000000001")
    );

    let rt = by_id(t, "x:1843400000000000002");
    assert_eq!(rt.kind, ActivityKind::Repost);
    assert_eq!(rt.text, "");
    let target = rt.target.as_ref().unwrap();
    assert_eq!(target.account.as_deref(), Some("pramonoanung"));
    assert_eq!(
        target.text.as_deref(),
        Some("Jakarta Menyala! Coblos nomor 3 tanggal 27 November")
    );

    let reply = by_id(t, "x:1843400000000000003");
    assert_eq!(reply.kind, ActivityKind::Reply);
    let target = reply.target.as_ref().unwrap();
    assert_eq!(target.account.as_deref(), Some("ridwankamil"));
    assert_eq!(target.id.as_deref(), Some("x:1843300000000000000"));

    assert_eq!(
        by_id(t, "x:1843400000000000004").kind,
        ActivityKind::Post,
        "a reply to oneself continues a thread"
    );

    let quote = by_id(t, "x:1843400000000000005");
    assert_eq!(quote.kind, ActivityKind::Quote);
    assert_eq!(
        quote.target.as_ref().unwrap().account.as_deref(),
        Some("pramonoanung")
    );

    let photo = by_id(t, "x:1843400000000000006");
    assert_eq!(photo.media.len(), 1);
    assert_eq!(
        photo.media[0].alt.as_deref(),
        Some("pose tiga jari di depan baliho")
    );

    assert_eq!(t.skipped, 1);
    let m = messages(t);
    assert!(
        m[0].contains("tweets.js:") && m[0].contains("`created_at` `not a date`"),
        "{m:?}"
    );
}

#[test]
fn x_likes_are_timed_by_the_liked_tweet_as_a_lower_bound() {
    let c = run(&data("exports/x-archive"), &jakarta());
    let l = file(&c, "data/like.js");
    assert_eq!(l.activities.len(), 2);
    let like = &l.activities[0];
    assert_eq!(like.kind, ActivityKind::Like);
    assert_eq!(like.id, "x:like:budi_s:1843000000000000000");
    assert!(like.created_at_approx);
    // (1843000000000000000 >> 22) + 1288834974657 ms
    let ms = (1_843_000_000_000_000_000_u64 >> 22) + 1_288_834_974_657;
    assert_eq!(
        like.created_at.timestamp_millis(),
        i64::try_from(ms).unwrap()
    );
    let target = like.target.as_ref().unwrap();
    assert_eq!(target.id.as_deref(), Some("x:1843000000000000000"));
    assert!(target
        .text
        .as_deref()
        .unwrap()
        .starts_with("Jakarta Menyala!"));
    assert_eq!(l.skipped, 1);
    let m = messages(l);
    assert!(
        m[0].ends_with(
            "like.js:16: `tweetId` `bukan-angka` is not a tweet id (digits); record skipped"
        ),
        "{m:?}"
    );
}

#[test]
fn facebook_mojibake_shares_comments_and_reactions() {
    let c = run(&data("exports/facebook"), &jakarta());
    let posts = file(&c, "your_posts__check_ins__photos_and_videos_1.json");
    assert_eq!(posts.account.as_deref(), Some("ani.wulandari"));
    let p = &posts.activities[0];
    assert_eq!(p.kind, ActivityKind::Post);
    assert_eq!(
        p.text, "Bismillah, Jakarta Menyala 🔥 #CoblosPramDoel",
        "mojibake repaired"
    );
    assert_eq!(p.created_at.timestamp(), 1_728_018_000, "Unix seconds");
    assert!(p.id.starts_with("facebook:post:"));
    let share = &posts.activities[1];
    assert_eq!(share.kind, ActivityKind::Share);
    assert_eq!(share.text, "Setuju sekali 👍");
    let target = share.target.as_ref().unwrap();
    assert_eq!(
        target.url.as_deref(),
        Some("https://www.facebook.com/pramonoanung/posts/1")
    );
    assert_eq!(
        target.text.as_deref(),
        Some("Ani Wulandari membagikan kiriman Pramono Anung.")
    );
    assert_eq!(posts.skipped, 1, "{:?}", messages(posts));
    assert!(messages(posts)[0].contains("`timestamp`"));

    let comments = file(&c, "comments.json");
    assert_eq!(comments.activities[0].kind, ActivityKind::Comment);
    assert_eq!(comments.activities[0].text, "Kang Emil terbaik 💯");
    assert_eq!(comments.activities[1].kind, ActivityKind::Reply);

    let reactions = file(&c, "likes_and_reactions_1.json");
    let r: Vec<Option<Reaction>> = reactions.activities.iter().map(|a| a.reaction).collect();
    assert_eq!(
        r,
        [
            Some(Reaction::Haha),
            Some(Reaction::Like),
            Some(Reaction::Sad)
        ]
    );
    assert!(reactions
        .activities
        .iter()
        .all(|a| a.kind == ActivityKind::Like));
    assert_eq!(
        reactions.activities[0]
            .target
            .as_ref()
            .unwrap()
            .text
            .as_deref(),
        Some("Ani Wulandari reacted to Ridwan Kamil's post.")
    );
    assert!(messages(reactions)[0].contains("unknown reaction `MEH`"));
}

#[test]
fn instagram_posts_likes_and_comments() {
    let c = run(&data("exports/instagram"), &jakarta());
    let posts = file(&c, "posts_1.json");
    assert_eq!(posts.account.as_deref(), Some("joko.fauzi"));
    assert_eq!(
        posts.activities[0].text,
        "Twibbon dukungan ✌️ #RIDO #JakartaBaru"
    );
    assert_eq!(posts.activities[1].text, "Liburan ke Kepulauan Seribu 🏝️");
    let likes = file(&c, "liked_posts.json");
    let t = likes.activities[0].target.as_ref().unwrap();
    assert_eq!(t.account.as_deref(), Some("ridwankamil"));
    assert_eq!(
        t.url.as_deref(),
        Some("https://www.instagram.com/p/DAAAAAAAAA1/")
    );
    let comments = file(&c, "post_comments_1.json");
    assert_eq!(comments.activities.len(), 1);
    assert_eq!(comments.activities[0].text, "Pak Dharma 🙏 semoga menang");
    assert_eq!(
        comments.activities[0]
            .target
            .as_ref()
            .unwrap()
            .account
            .as_deref(),
        Some("dharmapongrekun")
    );
    assert_eq!(comments.skipped, 1);
}

#[test]
fn tiktok_times_are_read_in_the_given_zone_and_counted() {
    let c = run(&data("exports/tiktok"), &jakarta());
    let f = &c.files[0];
    assert_eq!(
        f.account.as_deref(),
        Some("dewil66"),
        "owner from the Profile section"
    );
    let like = by_id(f, "tiktok:like:dewil66:7424000000000000001");
    assert_eq!(like.created_at.to_rfc3339(), "2024-10-10T19:30:00+07:00");
    assert_eq!(f.zone_assumed, f.activities.len());
    let follow = by_id(f, "tiktok:follow:dewil66:pramonoanung");
    assert_eq!(follow.kind, ActivityKind::Follow);
    assert_eq!(
        follow.target.as_ref().unwrap().account.as_deref(),
        Some("pramonoanung")
    );
    let kinds: Vec<ActivityKind> = f.activities.iter().map(|a| a.kind).collect();
    for k in [
        ActivityKind::Like,
        ActivityKind::Share,
        ActivityKind::Comment,
        ActivityKind::Post,
    ] {
        assert!(kinds.contains(&k), "{k} in {kinds:?}");
    }
    assert_eq!(f.skipped, 1);
    assert!(messages(f)[0].contains("`Date` `13/13/2024`"));

    let mut utc = jakarta();
    utc.zone = chrono_tz::UTC;
    let c = run(&data("exports/tiktok"), &utc);
    let like = by_id(&c.files[0], "tiktok:like:dewil66:7424000000000000001");
    assert_eq!(like.created_at.to_rfc3339(), "2024-10-10T19:30:00+00:00");
}

#[test]
fn x_api_references_and_authors() {
    let c = run(&data("exports/x-api"), &jakarta());
    let f = &c.files[0];
    let post = by_id(f, "x:1845000000000000001");
    assert_eq!(
        (post.account.as_str(), post.kind),
        ("rudi_h", ActivityKind::Post)
    );
    let rt = by_id(f, "x:1845000000000000002");
    assert_eq!(rt.kind, ActivityKind::Repost);
    let t = rt.target.as_ref().unwrap();
    assert_eq!(t.account.as_deref(), Some("ridwankamil"));
    assert_eq!(t.text.as_deref(), Some("Jakarta Baru untuk semua"));
    let quote = by_id(f, "x:1845000000000000003");
    assert_eq!(quote.kind, ActivityKind::Quote);
    assert_eq!(
        quote.target.as_ref().unwrap().text.as_deref(),
        Some("Coblos 3 ya warga Jakarta")
    );
    let reply = by_id(f, "x:1845000000000000004");
    assert_eq!(reply.kind, ActivityKind::Reply);
    assert_eq!(
        reply.target.as_ref().unwrap().account.as_deref(),
        Some("pramonoanung")
    );
    assert!(
        reply.created_at_approx,
        "no created_at: the id's time, a lower bound"
    );
    assert_eq!(f.skipped, 1);
    assert!(messages(f)[0].contains("the author `777` is not in `includes.users`"));
}

#[test]
fn spreadsheet_with_indonesian_headers_and_values() {
    let c = run(&data("exports/pantauan-harian.csv"), &jakarta());
    let f = &c.files[0];
    assert_eq!(f.activities.len(), 2);
    let a = &f.activities[0];
    assert_eq!((a.platform, a.kind), (Platform::X, ActivityKind::Post));
    assert_eq!(a.created_at.to_rfc3339(), "2024-10-16T08:30:00+07:00");
    assert_eq!(f.zone_assumed, 2);
    let b = &f.activities[1];
    assert_eq!(
        (b.platform, b.kind),
        (Platform::Instagram, ActivityKind::Comment)
    );
    assert_eq!(
        b.target.as_ref().unwrap().account.as_deref(),
        Some("ridwankamil")
    );
    let m = messages(f);
    assert!(
        m.iter()
            .any(|m| m.contains("pantauan-harian.csv:2: warning: rows above the header")),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|m| m.contains("pantauan-harian.csv:5: `kind` `nonton` is not one of")),
        "{m:?}"
    );
}

#[test]
fn spreadsheet_missing_columns_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("t.csv");
    std::fs::write(&p, "akun,teks,nomor\nbudi,halo,1\n").unwrap();
    let c = run(&p, &jakarta());
    let m = messages(&c.files[0]);
    assert!(
        m.iter().any(|m| m.contains(
            "t.csv:1: missing required columns: `kind`, `created_at`, `platform` (or `url`)"
        )),
        "{m:?}"
    );
    assert!(
        m.iter()
            .any(|m| m.contains("unknown columns ignored: `nomor`")),
        "{m:?}"
    );
}

#[test]
fn excel_workbook_with_date_cells() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("pantauan.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (i, h) in ["Platform", "Akun", "Jenis Aktivitas", "Isi", "Waktu"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, u16::try_from(i).unwrap(), *h).unwrap();
    }
    ws.write_string(1, 0, "instagram").unwrap();
    ws.write_string(1, 1, "joko.fauzi").unwrap();
    ws.write_string(1, 2, "suka").unwrap();
    ws.write_string(1, 3, "").unwrap();
    let when = rust_xlsxwriter::ExcelDateTime::parse_from_str("2024-10-20 13:45:00").unwrap();
    let fmt = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd hh:mm");
    ws.write_datetime_with_format(1, 4, &when, &fmt).unwrap();
    wb.save(&p).unwrap();
    let c = run(&p, &jakarta());
    let f = &c.files[0];
    assert_eq!(f.format, Some(Format::Xlsx));
    assert_eq!(f.activities.len(), 1, "{:?}", messages(f));
    assert_eq!(f.activities[0].kind, ActivityKind::Like);
    assert_eq!(
        f.activities[0].created_at.to_rfc3339(),
        "2024-10-20T13:45:00+07:00"
    );
    assert_eq!(f.zone_assumed, 1);
}

#[test]
fn converting_twice_gives_the_same_ids() {
    let ids = |c: &Conversion| -> Vec<String> {
        c.files
            .iter()
            .flat_map(|f| f.activities.iter().map(|a| a.id.clone()))
            .collect()
    };
    let a = run(&data("exports"), &jakarta());
    let b = run(&data("exports"), &jakarta());
    assert_eq!(ids(&a), ids(&b));
    let mut unique = ids(&a);
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids(&a).len(), "ids are unique");
}

/// Zips `dir` into `zip_path` (entries relative to `dir`), optionally cut short.
fn zip_dir(dir: &Path, zip_path: &Path, keep_bytes: Option<usize>) {
    let mut buf = std::io::Cursor::new(Vec::new());
    {
        let mut z = zip::ZipWriter::new(&mut buf);
        let options = zip::write::SimpleFileOptions::default();
        let mut stack = vec![dir.to_owned()];
        let mut files = Vec::new();
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else {
                    files.push(p);
                }
            }
        }
        files.sort();
        for p in files {
            let name = p
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            z.start_file(name, options).unwrap();
            z.write_all(&std::fs::read(&p).unwrap()).unwrap();
        }
        z.finish().unwrap();
    }
    let mut bytes = buf.into_inner();
    if let Some(n) = keep_bytes {
        bytes.truncate(n);
    }
    std::fs::write(zip_path, bytes).unwrap();
}

#[test]
fn a_zipped_export_reads_like_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let z = dir.path().join("twitter-2024-10-31-budi.zip");
    zip_dir(&data("exports/x-archive"), &z, None);
    let zipped = run(&z, &jakarta());
    let folder = run(&data("exports/x-archive"), &jakarta());
    let acts = |c: &Conversion| -> Vec<Activity> {
        c.files.iter().flat_map(|f| f.activities.clone()).collect()
    };
    assert_eq!(acts(&zipped), acts(&folder));
    assert!(zipped.files[0]
        .file
        .contains("twitter-2024-10-31-budi.zip:data/"));
}

#[test]
fn a_truncated_zip_is_named_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let z = dir.path().join("cut.zip");
    zip_dir(&data("exports/x-archive"), &z, Some(300));
    let c = run(&z, &jakarta());
    let m = messages(&c.files[0]);
    assert!(
        m[0].contains("cut.zip:0: cannot read the zip") && m[0].contains("truncated"),
        "{m:?}"
    );
}

#[test]
fn a_truncated_json_keeps_the_records_before_the_cut() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("data")).unwrap();
    std::fs::copy(
        data("exports/x-archive/data/account.js"),
        dir.path().join("data/account.js"),
    )
    .unwrap();
    let full = std::fs::read(data("exports/x-archive/data/tweets.js")).unwrap();
    let cut = full.len() * 2 / 3;
    std::fs::write(dir.path().join("data/tweets.js"), &full[..cut]).unwrap();
    let c = run(dir.path(), &jakarta());
    let f = &c.files[0];
    assert!(f.activities.len() >= 3, "{:?}", messages(f));
    assert!(
        messages(f)
            .iter()
            .any(|m| m.contains("the file ends in the middle of a record")),
        "{:?}",
        messages(f)
    );
}

#[test]
fn exports_without_an_owner_need_account_and_a_mismatch_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("like.js");
    std::fs::copy(data("exports/x-archive/data/like.js"), &p).unwrap();
    let c = run(&p, &jakarta());
    assert!(c.files[0].activities.is_empty());
    assert!(messages(&c.files[0])[0].contains("give --account HANDLE"));

    let mut with = jakarta();
    with.account = Some("@Budi_S".into());
    let c = run(&p, &with);
    assert_eq!(c.files[0].activities.len(), 2);
    assert_eq!(c.files[0].activities[0].account, "Budi_S");

    let mut wrong = jakarta();
    wrong.account = Some("someone_else".into());
    let c = run(&data("exports/x-archive"), &wrong);
    assert!(c.files.iter().all(|f| f.activities.is_empty()));
    assert!(messages(&c.files[0])[0]
        .contains("names its owner `budi_s` but --account says `someone_else`"));
}

#[test]
fn unknown_or_wrongly_forced_files_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("catatan.txt");
    std::fs::write(&p, "halo").unwrap();
    let c = run(&p, &jakarta());
    assert!(messages(&c.files[0])[0]
        .contains("cannot tell which export this file comes from; give --format"));

    let mut forced = jakarta();
    forced.format = Some(Format::Instagram);
    let c = run(
        &data("exports/facebook/your_facebook_activity/comments_and_reactions/comments.json"),
        &forced,
    );
    assert!(messages(&c.files[0])[0].contains("not a file of the `instagram` format"));

    assert!(convert(&dir.path().join("missing.json"), &jakarta()).is_err());
}

#[test]
fn hostile_bytes_get_positions_not_panics() {
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("utf16.json", b"\xFF\xFE[\x00{\x00".to_vec()),
        (
            "bad_utf8.json",
            b"{\"data\": [{\"id\": \"1\", \"text\": \"\xC3\x28\", \"author_id\": \"1\"}]}".to_vec(),
        ),
        ("deep.json", {
            let mut v = b"{\"data\": ".to_vec();
            v.extend(std::iter::repeat_n(b'[', 100_000));
            v
        }),
        ("huge.json", {
            let mut v = b"{\"data\": [{\"id\": \"1\", \"text\": \"".to_vec();
            v.extend(std::iter::repeat_n(b'a', 5_000_000));
            v.extend_from_slice(b"\"}]}");
            v
        }),
        ("empty.json", Vec::new()),
        ("not_json.json", b"<html>".to_vec()),
    ];
    let mut forced = jakarta();
    forced.format = Some(Format::XApi);
    forced.account = Some("rudi_h".into());
    for (name, bytes) in cases {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let c = run(&p, &forced);
        let f = &c.files[0];
        if name == "huge.json" {
            assert_eq!(f.activities.len(), 1, "a long text is fine");
            continue;
        }
        assert!(f.activities.is_empty(), "{name}");
        assert!(f.has_errors(), "{name}: {:?}", messages(f));
        assert!(messages(f)[0].contains(name), "{name}: {:?}", messages(f));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
    #[test]
    fn any_bytes_in_any_format_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400), which in 0usize..8) {
        let dir = tempfile::tempdir().unwrap();
        let names = ["x.jsonl", "data/tweets.js", "api.json", "your_posts_1.json", "liked_posts.json", "user_data.json", "t.csv", "t.xlsx"];
        let p = dir.path().join(names[which]);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        let mut content = if which == 1 { b"window.YTD.tweets.part0 = ".to_vec() } else { Vec::new() };
        content.extend(bytes);
        std::fs::write(&p, content).unwrap();
        let mut options = jakarta();
        options.format = Some(Format::ALL[which]);
        options.account = Some("budi".into());
        let _ = convert(&p, &options).unwrap();
    }
}

/// Copies the folder `from` into `to`, recursively.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

#[test]
fn media_files_inside_a_zip_are_attached_like_in_its_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("exports");
    copy_dir(&data("exports/x-archive"), &root.join("x"));
    copy_dir(&data("exports/instagram"), &root.join("ig"));
    let jpg: &[u8] = b"\xFF\xD8\xFF\xE0 a tiny jpeg";
    let x_image = "x/data/tweets_media/1843400000000000006-Fake1.jpg";
    let ig_image = "ig/media/posts/202410/1.jpg";
    for rel in [x_image, ig_image] {
        std::fs::create_dir_all(root.join(rel).parent().unwrap()).unwrap();
        std::fs::write(root.join(rel), jpg).unwrap();
    }
    let z = dir.path().join("exports.zip");
    zip_dir(&root, &z, None);

    let folder = run(&root, &jakarta());
    let zipped = run(&z, &jakarta());
    let media = |c: &Conversion| -> Vec<(String, Option<String>)> {
        c.files
            .iter()
            .flat_map(|f| &f.activities)
            .flat_map(|a| a.media.iter().map(|m| (a.id.clone(), m.path.clone())))
            .filter(|(_, p)| p.is_some())
            .collect()
    };
    let (in_folder, in_zip) = (media(&folder), media(&zipped));
    assert_eq!(
        in_folder.len(),
        2,
        "one tweet image, one Instagram post image: {in_folder:?}"
    );
    assert_eq!(
        in_folder.iter().map(|(id, _)| id).collect::<Vec<_>>(),
        in_zip.iter().map(|(id, _)| id).collect::<Vec<_>>(),
        "the same activities carry media"
    );
    let z_abs = std::fs::canonicalize(&z).unwrap();
    for ((_, f), (_, zp)) in in_folder.iter().zip(&in_zip) {
        let (f, zp) = (f.as_deref().unwrap(), zp.as_deref().unwrap());
        assert!(Path::new(f).is_absolute() && Path::new(f).is_file(), "{f}");
        let (zip_path, entry) = netra_ingest::zip_entry::split_entry_path(Path::new(zp))
            .unwrap_or_else(|| panic!("{zp} names no zip entry"));
        assert_eq!(zip_path, z_abs, "{zp}");
        assert!(
            f.replace('\\', "/").ends_with(&entry),
            "{f} is {entry} unpacked"
        );
        assert_eq!(
            netra_ingest::zip_entry::read_entry(&zip_path, &entry, 1024).unwrap(),
            std::fs::read(f).unwrap(),
            "the same bytes"
        );
    }
    assert!(in_zip.iter().any(|(id, p)| id == "x:1843400000000000006"
        && p.as_deref()
            .unwrap()
            .ends_with(&format!("exports.zip!{x_image}"))));
    // Apart from where the file is, the activities are the same.
    let without_paths = |c: &Conversion| -> Vec<Activity> {
        let mut all: Vec<Activity> = c.files.iter().flat_map(|f| f.activities.clone()).collect();
        for a in &mut all {
            for m in &mut a.media {
                m.path = m.path.as_ref().map(|_| String::new());
            }
        }
        all
    };
    assert_eq!(without_paths(&zipped), without_paths(&folder));
}

#[test]
fn media_names_leaving_the_export_are_never_followed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("ig");
    copy_dir(&data("exports/instagram"), &root);
    let posts = root.join("your_instagram_activity/content/posts_1.json");
    let secret = dir.path().join("secret.jpg");
    std::fs::write(&secret, b"not part of the export").unwrap();
    let body = std::fs::read_to_string(&posts)
        .unwrap()
        .replace("media/posts/202410/1.jpg", "../secret.jpg")
        .replace("media/posts/202410/2.jpg", &secret.display().to_string());
    std::fs::write(&posts, body).unwrap();
    let c = run(&root, &jakarta());
    let paths: Vec<&String> = c
        .files
        .iter()
        .flat_map(|f| &f.activities)
        .flat_map(|a| &a.media)
        .filter_map(|m| m.path.as_ref())
        .collect();
    assert!(paths.is_empty(), "{paths:?}");
}
