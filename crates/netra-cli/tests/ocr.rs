//! Reading the words in attached images (OCR) end to end, through the real
//! binary: `scan`, `import` and `classify` with `--ocr`, the reasons naming
//! the image, the cache, and every way an image can go wrong.
//!
//! The tests that read images need `tesseract` with the `ind` and `eng`
//! languages (`scripts/test` installs them); without it they fail, saying
//! how to install it (never skipped, under `CI=true` or not).
//!
//! Tesseract runs through a small wrapper script (`NETRA_TESSERACT`) that
//! logs each call, so a test can count how often an image was really read.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Registered ASN with the X accounts `budi_ocr`, `dewi_ocr` and `sari_ocr` (fictional).
const REGISTRY: &str = "nip,name,position,unit,accounts\n\
    199809152017041336,Budi Contoh,Analis Kebijakan,Dinas Contoh,x:budi_ocr\n\
    198807142006082404,Dewi Contoh,Statistisi,Dinas Contoh,x:dewi_ocr\n\
    200009142019072732,Sari Contoh,Arsiparis,Dinas Contoh,x:sari_ocr\n";

fn repo_file(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(rel)
}

fn election() -> String {
    repo_file("elections/jakarta-2024.toml")
        .display()
        .to_string()
}

/// Fails the test, naming how to install it, unless tesseract with `ind`
/// and `eng` can run. Like the PostgreSQL and NATS tests, nothing is
/// skipped: a missing tesseract fails (under `CI=true` and everywhere else).
fn require_tesseract(test: &str) {
    let langs = Command::new("tesseract").arg("--list-langs").output();
    let ok = langs.as_ref().is_ok_and(|o| {
        let listed = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        let has = |l: &str| listed.lines().any(|x| x.trim() == l);
        has("ind") && has("eng")
    });
    assert!(
        ok,
        "{test}: tesseract with the ind and eng languages is not installed: \
         apt-get install tesseract-ocr tesseract-ocr-ind (scripts/test does it)"
    );
}

/// A scratch directory with the registry, a log-writing tesseract wrapper
/// and copies of the posters under `img/`: `coblos0N.png` reads `Coblos 0N`
/// and a hashtag of pair N of the Jakarta 2024 config (`#RIDO`,
/// `#DharmaKun`, `#JakartaMenyala`).
struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    fn new() -> Site {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("registry.csv"), REGISTRY).unwrap();
        std::fs::create_dir(dir.path().join("img")).unwrap();
        for n in ["01", "02", "03"] {
            std::fs::copy(
                repo_file(&format!("crates/netra-cli/tests/data/ocr/coblos{n}.png")),
                dir.path().join(format!("img/coblos{n}.png")),
            )
            .unwrap();
        }
        let wrapper = dir.path().join("tesseract-logged");
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\necho \"$*\" >> '{}'\nexec tesseract \"$@\"\n",
                dir.path().join("tesseract.log").display()
            ),
        )
        .unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        Site { dir }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn poster_sha(&self) -> String {
        netra_store::sha256_hex(&std::fs::read(self.path("img/coblos03.png")).unwrap())
    }

    /// Writes activity lines (JSON objects) to `name` in the site.
    fn activities(&self, name: &str, lines: &[serde_json::Value]) -> PathBuf {
        let mut body = String::new();
        for l in lines {
            body.push_str(&l.to_string());
            body.push('\n');
        }
        let p = self.path(name);
        std::fs::write(&p, body).unwrap();
        p
    }

    /// Runs netra on the site's data directory, in `lang`, with the logging
    /// tesseract wrapper.
    fn netra_in(&self, lang: &str, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_netra"))
            .arg("--data-dir")
            .arg(self.path("data"))
            .args(["--quiet", "--lang", lang])
            .args(args)
            .env_remove("DATABASE_URL")
            .env_remove("NETRA_LANG")
            .env("NETRA_TESSERACT", self.path("tesseract-logged"))
            .current_dir(self.dir.path())
            .output()
            .expect("run netra")
    }

    fn netra(&self, args: &[&str]) -> Output {
        self.netra_in("en", args)
    }

    fn scan(&self, input: &Path, extra: &[&str]) -> Output {
        let registry = self.path("registry.csv");
        let input = input.display().to_string();
        let election = election();
        let mut args = vec![
            "scan",
            "--election",
            &election,
            "--registry",
            registry.to_str().unwrap(),
            "--input",
            &input,
        ];
        args.extend_from_slice(extra);
        self.netra(&args)
    }

    /// How often tesseract was asked to read an image (not to list languages).
    fn readings(&self) -> usize {
        std::fs::read_to_string(self.path("tesseract.log"))
            .unwrap_or_default()
            .lines()
            .filter(|l| l.starts_with("stdin"))
            .count()
    }

    fn cases(&self) -> Vec<serde_json::Value> {
        let o = self.netra(&["cases", "--format", "jsonl"]);
        assert!(o.status.success(), "{}", text(&o));
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    }
}

fn text(o: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// An X post by the registered account, dated inside the campaign.
fn post(id: &str, account: &str, text: &str, media: &serde_json::Value) -> serde_json::Value {
    serde_json::json!({
        "id": id, "platform": "x", "account": account, "kind": "post",
        "text": text, "created_at": "2024-10-10T10:00:00+07:00", "media": media,
    })
}

#[test]
fn a_poster_without_text_gives_a_support_signal_whose_reasons_name_the_image() {
    require_tesseract("ocr e2e");
    let site = Site::new();
    let sha = site.poster_sha();
    let input = site.activities(
        "activities.jsonl",
        &[post(
            "x:9001",
            "budi_ocr",
            "",
            &serde_json::json!([{ "path": "img/coblos03.png", "sha256": sha }]),
        )],
    );
    let o = site.scan(&input, &["--ocr", "on"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(
        out.contains("Images: 1 local image files, 1 read by OCR, 0 from the cache (read before), 1 with text"),
        "{out}"
    );
    assert_eq!(site.readings(), 1, "{out}");

    let cases = site.cases();
    assert_eq!(cases.len(), 1, "{cases:?}");
    assert_eq!(cases[0]["pair"], 3, "{cases:?}");
    assert_eq!(cases[0]["stance"], "support", "{cases:?}");
    let id = cases[0]["id"].to_string();
    let prefix = &sha[..12];
    let show = site.netra(&["case", "show", &id]);
    let shown = text(&show);
    assert!(show.status.success(), "{shown}");
    assert!(
        shown.contains(&format!(
            "read in the image coblos03.png (sha256 {prefix}…) by OCR"
        )),
        "the reasons name the image in English\n{shown}"
    );
    assert!(shown.contains("Coblos 03"), "{shown}");
    let indonesian = text(&site.netra_in("id", &["case", "show", &id]));
    assert!(
        indonesian.contains(&format!(
            "dibaca dari gambar coblos03.png (sha256 {prefix}…) dengan OCR"
        )),
        "the reasons name the image in Bahasa Indonesia\n{indonesian}"
    );

    // The same line without reading images: nothing to go on, no signal.
    let plain = Site::new();
    let input = plain.activities(
        "activities.jsonl",
        &[post(
            "x:9001",
            "budi_ocr",
            "",
            &serde_json::json!([{ "path": "img/coblos03.png", "sha256": sha }]),
        )],
    );
    let o = plain.scan(&input, &["--ocr", "off"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("text in images not read (--ocr off)"), "{out}");
    assert_eq!(plain.readings(), 0);
    assert!(
        plain.cases().is_empty(),
        "without OCR the empty post says nothing"
    );
}

#[test]
fn a_second_scan_takes_the_text_from_the_cache_without_running_tesseract() {
    require_tesseract("ocr cache");
    let site = Site::new();
    // Two activities with the same image in one run: read once.
    std::fs::copy(site.path("img/coblos03.png"), site.path("img/copy.png")).unwrap();
    let input = site.activities(
        "activities.jsonl",
        &[
            post(
                "x:9002",
                "budi_ocr",
                "",
                &serde_json::json!([{ "path": "img/coblos03.png" }]),
            ),
            post(
                "x:9004",
                "budi_ocr",
                "",
                &serde_json::json!([{ "path": "img/copy.png" }]),
            ),
        ],
    );
    let first = site.scan(&input, &[]);
    let out = text(&first);
    assert_eq!(first.status.code(), Some(0), "{out}");
    assert_eq!(site.readings(), 1, "{out}");
    assert!(
        out.contains(
            "2 local image files, 1 read by OCR, 1 from the cache (read before), 2 with text"
        ),
        "{out}"
    );

    // Same image under another name in another activity: same hash, cached.
    std::fs::copy(site.path("img/coblos03.png"), site.path("img/again.png")).unwrap();
    let input = site.activities(
        "more.jsonl",
        &[
            post(
                "x:9002",
                "budi_ocr",
                "",
                &serde_json::json!([{ "path": "img/coblos03.png" }]),
            ),
            post(
                "x:9003",
                "budi_ocr",
                "",
                &serde_json::json!([{ "path": "img/again.png" }]),
            ),
        ],
    );
    let second = site.scan(&input, &[]);
    let out = text(&second);
    assert_eq!(second.status.code(), Some(0), "{out}");
    assert_eq!(
        site.readings(),
        1,
        "the second scan did not run tesseract\n{out}"
    );
    assert!(
        out.contains(
            "2 local image files, 0 read by OCR, 2 from the cache (read before), 2 with text"
        ),
        "{out}"
    );
    // The cached text still decides, and the reason names the new file.
    let cases = site.cases();
    assert_eq!(cases.len(), 1);
    assert_eq!(cases[0]["signals"], 3, "{cases:?}");
    let show = site.netra(&["case", "show", &cases[0]["id"].to_string()]);
    assert!(
        text(&show).contains("read in the image again.png"),
        "{}",
        text(&show)
    );
}

#[test]
fn a_hash_mismatch_or_a_missing_file_is_reported_and_loses_no_other_line() {
    require_tesseract("ocr problems");
    let site = Site::new();
    let wrong = "0".repeat(64);
    let input = site.activities(
        "activities.jsonl",
        &[
            post(
                "x:9101",
                "budi_ocr",
                "",
                &serde_json::json!([{ "path": "img/coblos03.png", "sha256": wrong }]),
            ),
            post(
                "x:9102",
                "budi_ocr",
                "",
                &serde_json::json!([{ "path": "img/hilang.png" }]),
            ),
            post(
                "x:9103",
                "budi_ocr",
                "Ayo coblos RIDO, Jakarta Baru!",
                &serde_json::json!([]),
            ),
        ],
    );
    let o = site.scan(&input, &["--ocr", "on"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(1), "problems reported: exit 1\n{out}");
    let file = input.display().to_string();
    let mismatch = out
        .lines()
        .find(|l| l.contains("activity x:9101"))
        .unwrap_or_else(|| panic!("no problem line for x:9101\n{out}"));
    assert!(
        mismatch.contains(&file)
            && mismatch.contains("media[0]")
            && mismatch.contains("coblos03.png")
            && mismatch.contains(&format!("not the declared {wrong}"))
            && mismatch.contains("text not read"),
        "{mismatch}"
    );
    let missing = out
        .lines()
        .find(|l| l.contains("activity x:9102"))
        .unwrap_or_else(|| panic!("no problem line for x:9102\n{out}"));
    assert!(
        missing.contains(&file)
            && missing.contains("hilang.png")
            && missing.contains("No such file"),
        "{missing}"
    );
    assert_eq!(site.readings(), 0, "a mismatched image is not read\n{out}");
    assert!(out.contains("2 with problems"), "{out}");
    // The good line went through: a case for pair 1 only, nothing for the poster's pair 3.
    let cases = site.cases();
    assert_eq!(cases.len(), 1, "{cases:?}");
    assert_eq!(cases[0]["pair"], 1, "{cases:?}");
    assert_eq!(cases[0]["signals"], 1, "{cases:?}");
}

#[test]
fn only_images_of_registered_accounts_are_read_and_urls_are_not_fetched() {
    require_tesseract("ocr privacy");
    let site = Site::new();
    let input = site.activities(
        "activities.jsonl",
        &[
            post(
                "x:9201",
                "someone_else",
                "",
                &serde_json::json!([{ "path": "img/coblos03.png" }]),
            ),
            post(
                "x:9202",
                "budi_ocr",
                "",
                &serde_json::json!([{ "url": "https://x.example/media/1.jpg" }]),
            ),
        ],
    );
    let o = site.scan(&input, &[]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert_eq!(
        site.readings(),
        0,
        "the unregistered account's image is not read\n{out}"
    );
    assert!(
        out.contains("0 local image files")
            && out.contains("1 given only by URL: not fetched (netra does not go online)"),
        "{out}"
    );
    assert!(site.cases().is_empty());
}

#[test]
fn import_reads_images_like_scan_and_classify_names_the_image() {
    require_tesseract("ocr import/classify");
    let site = Site::new();
    let input = site.activities(
        "activities.jsonl",
        &[post(
            "x:9301",
            "budi_ocr",
            "",
            &serde_json::json!([{ "path": "img/coblos03.png" }]),
        )],
    );
    let election = election();
    let registry = site.path("registry.csv").display().to_string();
    let input_s = input.display().to_string();
    let o = site.netra(&[
        "import",
        &input_s,
        "--election",
        &election,
        "--registry",
        &registry,
        "--ocr",
        "on",
    ]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("1 read by OCR"), "{out}");
    let cases = site.cases();
    assert_eq!(
        (cases.len(), &cases[0]["pair"]),
        (1, &serde_json::json!(3)),
        "{cases:?}"
    );

    let results = site.path("results.jsonl");
    let o = site.netra(&[
        "classify",
        "--election",
        &election,
        "--input",
        &input_s,
        "--output",
        results.to_str().unwrap(),
        "--ocr",
        "on",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&results).unwrap().trim()).unwrap();
    assert_eq!(
        (&line["label"], &line["target"]),
        (&serde_json::json!("support"), &serde_json::json!(3)),
        "{line}"
    );
    let reasons = line["reasons"].to_string();
    assert!(
        reasons.contains("read in the image coblos03.png"),
        "{reasons}"
    );
    assert!(text(&o).contains("1 read by OCR"), "{}", text(&o));
}

#[test]
fn ocr_on_without_tesseract_refuses_and_auto_says_how_to_install_it() {
    let site = Site::new();
    let input = site.activities(
        "activities.jsonl",
        &[post(
            "x:9401",
            "budi_ocr",
            "",
            &serde_json::json!([{ "path": "img/coblos03.png" }]),
        )],
    );
    let registry = site.path("registry.csv").display().to_string();
    let input_s = input.display().to_string();
    let election = election();
    let scan = |mode: &str| {
        Command::new(env!("CARGO_BIN_EXE_netra"))
            .arg("--data-dir")
            .arg(site.path("data"))
            .args(["--quiet", "--lang", "en", "scan", "--election", &election])
            .args(["--registry", &registry, "--input", &input_s, "--ocr", mode])
            .env_remove("DATABASE_URL")
            .env("NETRA_TESSERACT", "/nonexistent/tesseract")
            .output()
            .unwrap()
    };
    let on = scan("on");
    let out = text(&on);
    assert_eq!(on.status.code(), Some(2), "{out}");
    assert!(
        out.contains("--ocr on")
            && out.contains("not installed")
            && out.contains("apt-get install tesseract-ocr tesseract-ocr-ind"),
        "{out}"
    );
    let auto = scan("auto");
    let out = text(&auto);
    assert_eq!(auto.status.code(), Some(0), "{out}");
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("tesseract")).collect();
    assert_eq!(lines.len(), 1, "one line says images were not read\n{out}");
    assert!(
        lines[0].contains("text in images not read")
            && lines[0].contains("apt-get install tesseract-ocr tesseract-ocr-ind"),
        "{out}"
    );
    let bad = scan("maybe");
    assert_eq!(bad.status.code(), Some(2), "{}", text(&bad));
}

#[test]
fn several_images_read_at_once_each_decide_for_their_own_activity() {
    require_tesseract("ocr several");
    let site = Site::new();
    let input = site.activities(
        "activities.jsonl",
        &[
            post(
                "x:9601",
                "budi_ocr",
                "",
                &serde_json::json!([{ "path": "img/coblos02.png" }]),
            ),
            post(
                "x:9602",
                "dewi_ocr",
                "",
                &serde_json::json!([{ "path": "img/coblos03.png" }]),
            ),
            post(
                "x:9603",
                "sari_ocr",
                "",
                &serde_json::json!([{ "path": "img/coblos01.png" }]),
            ),
        ],
    );
    let o = site.scan(&input, &["--ocr", "on"]);
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("3 local image files, 3 read by OCR"), "{out}");
    assert_eq!(site.readings(), 3);
    let mut got: Vec<(String, i64)> = site
        .cases()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_owned(),
                c["pair"].as_i64().unwrap(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            ("Budi Contoh".to_owned(), 2),
            ("Dewi Contoh".to_owned(), 3),
            ("Sari Contoh".to_owned(), 1)
        ],
        "{out}"
    );
}

/// A tweet of an X archive: id, text, and its image in `data/tweets_media/`
/// (the last part of its address, and the bytes).
struct Tweet<'a> {
    id: &'a str,
    text: &'a str,
    image: Option<(&'a str, &'a [u8])>,
}

/// Writes an X archive of `budi_ocr` into the folder `name` of the site, as
/// X delivers it: `data/account.js`, `data/tweets.js`, and each tweet's image
/// as `data/tweets_media/<tweet id>-<name>`; returns the folder.
fn x_archive(site: &Site, name: &str, tweets: &[Tweet<'_>]) -> PathBuf {
    let root = site.path(name);
    std::fs::create_dir_all(root.join("data/tweets_media")).unwrap();
    std::fs::write(
        root.join("data/account.js"),
        r#"window.YTD.account.part0 = [{"account": {"username": "budi_ocr", "accountId": "1500000000000000009"}}]"#,
    )
    .unwrap();
    let mut entries = Vec::new();
    for t in tweets {
        let mut tweet = serde_json::json!({
            "id_str": t.id,
            "created_at": "Thu Oct 10 03:00:00 +0000 2024",
            "full_text": t.text,
        });
        if let Some((image, bytes)) = t.image {
            let media = serde_json::json!([{
                "media_url_https": format!("https://pbs.twimg.com/media/{image}"),
                "type": "photo",
            }]);
            tweet["entities"] = serde_json::json!({ "media": media });
            tweet["extended_entities"] = serde_json::json!({ "media": media });
            std::fs::write(
                root.join(format!("data/tweets_media/{}-{image}", t.id)),
                bytes,
            )
            .unwrap();
        }
        entries.push(serde_json::json!({ "tweet": tweet }));
    }
    std::fs::write(
        root.join("data/tweets.js"),
        format!(
            "window.YTD.tweets.part0 = {}",
            serde_json::to_string_pretty(&entries).unwrap()
        ),
    )
    .unwrap();
    root
}

/// Zips the folder `dir` into `dir`.zip (entries relative to it, deflated,
/// as X delivers its archive) and returns the zip's path.
fn zip_folder(dir: &Path) -> PathBuf {
    use std::io::Write as _;
    let zip_path = dir.with_extension("zip");
    let mut z = zip::ZipWriter::new(std::fs::File::create(&zip_path).unwrap());
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
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
    zip_path
}

impl Site {
    /// `netra import PATH --ocr OCR` with the site's registry and the Jakarta 2024 config.
    fn import(&self, path: &Path, ocr: &str) -> Output {
        let election = election();
        let registry = self.path("registry.csv").display().to_string();
        let path = path.display().to_string();
        self.netra(&[
            "import",
            &path,
            "--election",
            &election,
            "--registry",
            &registry,
            "--ocr",
            ocr,
        ])
    }

    /// The evidence stored for activity `id`: (SHA-256, kind, source) of each.
    fn evidence_of(&self, id: &str) -> Vec<(String, String, String)> {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async {
            let store = netra_store::Store::open_in_dir(&self.path("data"))
                .await
                .unwrap();
            let found = store.evidence_for(&format!("activity:{id}")).await.unwrap();
            store.close().await;
            found
                .into_iter()
                .map(|e| (e.sha256, e.kind, e.captures[0].source.clone()))
                .collect()
        })
    }
}

#[test]
fn a_zipped_x_archive_stores_its_tweets_media_like_the_unpacked_folder() {
    let poster = std::fs::read(repo_file("crates/netra-cli/tests/data/ocr/coblos03.png")).unwrap();
    let sha = netra_store::sha256_hex(&poster);
    let tweets = [Tweet {
        id: "1844300000000000001",
        text: "Semangat pagi",
        image: Some(("GZposter03.png", &poster)),
    }];
    let image_evidence = |site: &Site| {
        site.evidence_of("x:1844300000000000001")
            .into_iter()
            .filter(|(_, kind, _)| kind != "activity_json")
            .collect::<Vec<_>>()
    };

    let folder_site = Site::new();
    let folder = x_archive(&folder_site, "twitter-budi", &tweets);
    let o = folder_site.import(&folder, "off");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let from_folder = image_evidence(&folder_site);

    let zip_site = Site::new();
    let zip = zip_folder(&x_archive(&zip_site, "twitter-budi", &tweets));
    std::fs::remove_dir_all(zip_site.path("twitter-budi")).unwrap();
    let o = zip_site.import(&zip, "off");
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("1 local image files"), "{out}");
    let from_zip = image_evidence(&zip_site);

    assert_eq!(from_folder.len(), 1, "{from_folder:?}");
    assert_eq!(from_zip.len(), 1, "{from_zip:?}");
    assert_eq!(
        from_folder[0].0, sha,
        "the folder's image stored: {from_folder:?}"
    );
    assert_eq!(
        from_zip[0].0, sha,
        "the zip's image stored with the same hash: {from_zip:?}"
    );
    assert_eq!(from_zip[0].1, from_folder[0].1, "same kind of evidence");
    let entry = "twitter-budi.zip!data/tweets_media/1844300000000000001-GZposter03.png";
    assert!(
        from_zip[0].2.ends_with(entry),
        "the source names the zip and its entry: {from_zip:?}"
    );
    assert!(
        from_folder[0]
            .2
            .ends_with("twitter-budi/data/tweets_media/1844300000000000001-GZposter03.png"),
        "{from_folder:?}"
    );
}

#[test]
fn a_poster_in_a_zipped_x_archive_gives_a_support_case_whose_reasons_name_the_image() {
    require_tesseract("ocr zipped x archive");
    let site = Site::new();
    let poster = std::fs::read(site.path("img/coblos03.png")).unwrap();
    let zip = zip_folder(&x_archive(
        &site,
        "twitter-budi",
        &[Tweet {
            id: "1844300000000000002",
            text: "",
            image: Some(("GZcoblos03.png", &poster)),
        }],
    ));
    std::fs::remove_dir_all(site.path("twitter-budi")).unwrap();
    let o = site.import(&zip, "on");
    let out = text(&o);
    assert_eq!(o.status.code(), Some(0), "{out}");
    assert!(out.contains("1 read by OCR"), "{out}");
    assert_eq!(site.readings(), 1, "{out}");

    let cases = site.cases();
    assert_eq!(cases.len(), 1, "{cases:?}");
    assert_eq!(cases[0]["pair"], 3, "{cases:?}");
    assert_eq!(cases[0]["stance"], "support", "{cases:?}");
    let id = cases[0]["id"].to_string();
    let show = site.netra(&["case", "show", &id]);
    let shown = text(&show);
    assert!(show.status.success(), "{shown}");
    let prefix = &site.poster_sha()[..12];
    assert!(
        shown.contains(&format!(
            "read in the image 1844300000000000002-GZcoblos03.png (sha256 {prefix}…) by OCR"
        )),
        "the reasons name the image inside the zip\n{shown}"
    );

    // Imported again: the reading comes from the cache, nothing is stored twice.
    let o = site.import(&zip, "on");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert_eq!(site.readings(), 1, "{}", text(&o));
    assert_eq!(site.cases().len(), 1);
}

#[test]
fn an_oversized_or_missing_zip_entry_is_reported_and_loses_no_other_line() {
    let site = Site::new();
    // Over the 32 MiB limit once inflated; a few kilobytes zipped (a zip bomb in small).
    let huge = vec![0u8; 33 * 1024 * 1024];
    let zip = zip_folder(&x_archive(
        &site,
        "twitter-budi",
        &[
            Tweet {
                id: "1844300000000000003",
                text: "",
                image: Some(("GZbesar.png", &huge)),
            },
            Tweet {
                id: "1844300000000000004",
                text: "Ayo coblos RIDO, Jakarta Baru!",
                image: None,
            },
        ],
    ));
    std::fs::remove_dir_all(site.path("twitter-budi")).unwrap();
    assert!(
        std::fs::metadata(&zip).unwrap().len() < 1024 * 1024,
        "the zip itself is small"
    );
    let o = site.import(&zip, "off");
    let out = text(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a problem reported: exit 1\n{out}"
    );
    let big = out
        .lines()
        .find(|l| l.contains("activity x:1844300000000000003"))
        .unwrap_or_else(|| panic!("no problem line for the oversized image\n{out}"));
    assert!(
        big.contains("twitter-budi.zip!data/tweets_media/1844300000000000003-GZbesar.png")
            && big.contains("33 MiB")
            && big.contains("32 MiB limit")
            && big.contains("zip bomb"),
        "{big}"
    );
    let stored = site.evidence_of("x:1844300000000000003");
    assert!(
        stored.iter().all(|(_, kind, _)| kind == "activity_json"),
        "the oversized image is not stored: {stored:?}"
    );
    let cases = site.cases();
    assert_eq!(cases.len(), 1, "the good tweet still landed: {cases:?}");
    assert_eq!(cases[0]["pair"], 1, "{cases:?}");

    // A line pointing at an entry the zip lacks (written by `--to-jsonl`
    // from another copy of the archive, say): its problem, the others land.
    let input = site.activities(
        "activities.jsonl",
        &[
            post(
                "x:9401",
                "dewi_ocr",
                "",
                &serde_json::json!([{ "path": "twitter-budi.zip!data/tweets_media/hilang.png" }]),
            ),
            post(
                "x:9402",
                "dewi_ocr",
                "Ayo coblos RIDO, Jakarta Baru!",
                &serde_json::json!([]),
            ),
        ],
    );
    let o = site.scan(&input, &["--ocr", "off"]);
    let out = text(&o);
    assert_eq!(
        o.status.code(),
        Some(1),
        "a problem reported: exit 1\n{out}"
    );
    let missing = out
        .lines()
        .find(|l| l.contains("activity x:9401"))
        .unwrap_or_else(|| panic!("no problem line for the missing entry\n{out}"));
    assert!(
        missing.contains(&input.display().to_string())
            && missing.contains("twitter-budi.zip!data/tweets_media/hilang.png")
            && missing.contains("no such entry in the zip"),
        "{missing}"
    );
    let cases = site.cases();
    assert_eq!(cases.len(), 2, "dewi's good line landed too: {cases:?}");
}
