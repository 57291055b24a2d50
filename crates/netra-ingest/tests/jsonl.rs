//! The activity JSONL reader on good and bad input.

use std::fmt::Write as _;
use std::io::Write as _;

use netra_core::{ActivityKind, Platform, Reaction};
use netra_ingest::{
    read_activities, read_activities_from, ActivityReader, Entry, Loaded, ReadOptions, Severity,
};
use proptest::prelude::*;

fn good(id: &str) -> String {
    format!(
        r#"{{"id":"{id}","platform":"x","account":"budi","kind":"post","text":"halo {id}","created_at":"2024-10-01T08:00:00+07:00"}}"#
    )
}

fn ids(loaded: &Loaded<netra_core::Activity>) -> Vec<&str> {
    loaded.items.iter().map(|a| a.id.as_str()).collect()
}

/// Reads `bad` between two good lines and checks that exactly one error is
/// reported, on line 2, containing `fragment`, and that both good lines are kept.
fn check_bad_line(bad: &str, fragment: &str) {
    let input = format!("{}\n{bad}\n{}\n", good("x:a"), good("x:b"));
    let loaded = read_activities_from(input.as_bytes(), "t.jsonl");
    let errors: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(ToString::to_string)
        .collect();
    assert_eq!(errors.len(), 1, "{bad}\n{errors:#?}");
    assert!(
        errors[0].starts_with("t.jsonl:2: "),
        "{bad}: wrong line: {}",
        errors[0]
    );
    assert!(
        errors[0].contains(fragment),
        "{bad}:\n  `{}`\n  lacks `{fragment}`",
        errors[0]
    );
    assert_eq!(ids(&loaded), ["x:a", "x:b"], "{bad}");
    assert_eq!(loaded.skipped, 1, "{bad}");
}

const T: &str = r#""created_at":"2024-10-01T08:00:00+07:00""#;

#[test]
fn bad_json_lines_are_reported_with_line_number_and_reason_and_skipped() {
    let cases: Vec<(String, &str)> = vec![
        (
            r#"{"id":"x:1","#.into(),
            "invalid JSON: the line ends too early",
        ),
        (
            r#"{"id" "x:1"}"#.into(),
            "invalid JSON at column 7: expected `:`",
        ),
        (
            format!("{},", good("x:c")),
            "JSON Lines puts no comma after an object",
        ),
        (
            format!("{}{}", good("x:c"), good("x:d")),
            "two objects on one line",
        ),
        (
            "bukan json".into(),
            "invalid JSON at column 1: expected value (each line must be one JSON object)",
        ),
        ("[1,2,3]".into(), "expected a JSON object, found an array"),
        (
            "\"just a string\"".into(),
            "expected a JSON object, found a string",
        ),
        ("42".into(), "expected a JSON object, found a number (42)"),
        ("{\"id\":\"x:1\u{0}\"}".to_owned(), "NUL byte at column 11"),
    ];
    for (bad, fragment) in &cases {
        check_bad_line(bad, fragment);
    }
}

#[test]
fn missing_and_mistyped_fields_are_reported_by_name() {
    let cases: Vec<(String, &str)> = vec![
        (
            format!(r#"{{"platform":"x","account":"a","kind":"post",{T}}}"#),
            "missing required field `id`",
        ),
        (
            format!(r#"{{"id":"x:1","account":"a","kind":"post",{T}}}"#),
            "missing required field `platform`",
        ),
        (
            format!(r#"{{"id":"x:1","platform":"x","kind":"post",{T}}}"#),
            "missing required field `account`",
        ),
        (
            format!(r#"{{"id":"x:1","platform":"x","account":"a",{T}}}"#),
            "missing required field `kind`",
        ),
        (
            r#"{"id":"x:1","platform":"x","account":"a","kind":"post"}"#.into(),
            "missing required field `created_at`",
        ),
        (
            format!(r#"{{"id":123,"platform":"x","account":"a","kind":"post",{T}}}"#),
            "field `id` must be a string, found a number (123)",
        ),
        (
            format!(r#"{{"id":null,"platform":"x","account":"a","kind":"post",{T}}}"#),
            "field `id` is null; it is required",
        ),
        (
            format!(r#"{{"id":"  ","platform":"x","account":"a","kind":"post",{T}}}"#),
            "field `id` is empty",
        ),
        (
            format!(r#"{{"id":"x:1","platform":"x","account":" @ ","kind":"post",{T}}}"#),
            "field `account` is empty",
        ),
        (
            format!(r#"{{"id":"x:1","platform":"x","account":"a","kind":"post","text":7,{T}}}"#),
            "field `text` must be a string, found a number (7)",
        ),
    ];
    for (bad, fragment) in &cases {
        check_bad_line(bad, fragment);
    }
}

#[test]
fn unknown_values_and_broken_rules_are_reported_with_what_is_allowed() {
    let cases: Vec<(String, &str)> = vec![
        (
            format!(r#"{{"id":"x:1","platform":"myspace","account":"a","kind":"post",{T}}}"#),
            "field `platform`: unknown platform `myspace`; allowed: x, facebook, instagram, tiktok, youtube, web, other",
        ),
        (
            format!(r#"{{"id":"x:1","platform":"x","account":"a","kind":"tweet",{T}}}"#),
            "field `kind`: unknown kind `tweet`; allowed: post, comment, reply, share, repost, quote, like, follow, story, profile",
        ),
        (
            format!(
                r#"{{"id":"x:1","platform":"x","account":"a","kind":"like","reaction":"lol",{T}}}"#
            ),
            "field `reaction`: unknown reaction `lol`; allowed: like, love, haha, wow, sad, angry, care",
        ),
        (
            format!(
                r#"{{"id":"x:1","platform":"x","account":"a","kind":"post","reaction":"love",{T}}}"#
            ),
            "field `reaction` is only allowed on a `like`, not on a `post`",
        ),
    ];
    for (bad, fragment) in &cases {
        check_bad_line(bad, fragment);
    }
}

#[test]
fn bad_times_are_reported_with_a_hint() {
    let cases: Vec<(String, &str)> = vec![
        (
            r#"{"id":"x:1","platform":"x","account":"a","kind":"post","created_at":"2024-10-01 08:00:00"}"#.into(),
            "it has no time zone offset; add one, e.g. `+07:00` for WIB",
        ),
        (
            r#"{"id":"x:1","platform":"x","account":"a","kind":"post","created_at":"2024-10-01"}"#.into(),
            "it is a date without a time of day",
        ),
        (
            r#"{"id":"x:1","platform":"x","account":"a","kind":"post","created_at":"2024-02-30T08:00:00Z"}"#.into(),
            "`2024-02-30T08:00:00Z` is not an RFC 3339 time",
        ),
        (
            r#"{"id":"x:1","platform":"x","account":"a","kind":"post","created_at":"kemarin"}"#.into(),
            "`kemarin` is not an RFC 3339 time such as `2024-10-01T08:00:00+07:00`",
        ),
        (
            r#"{"id":"x:1","platform":"x","account":"a","kind":"post","created_at":1727744400}"#.into(),
            "found a number (1727744400; Unix seconds?)",
        ),
        (
            r#"{"id":"x:1","platform":"x","account":"a","kind":"post","created_at":"1727744400"}"#.into(),
            "it looks like Unix seconds",
        ),
        (
            format!(
                r#"{{"id":"x:1","platform":"x","account":"a","kind":"post","created_at_approx":"yes",{T}}}"#
            ),
            "field `created_at_approx` must be true or false, found a string (\"yes\")",
        ),
    ];
    for (bad, fragment) in &cases {
        check_bad_line(bad, fragment);
    }
}

#[test]
fn bad_nested_fields_duplicates_and_several_problems_are_reported() {
    let cases: Vec<(String, &str)> = vec![
        (
            format!(
                r#"{{"id":"x:1","platform":"x","account":"a","kind":"like","target":"x:9",{T}}}"#
            ),
            "field `target` must be an object",
        ),
        (
            format!(
                r#"{{"id":"x:1","platform":"x","account":"a","kind":"like","target":{{"id":9}},{T}}}"#
            ),
            "field `target.id` must be a string, found a number (9)",
        ),
        (
            format!(
                r#"{{"id":"x:1","platform":"x","account":"a","kind":"post","media":{{}},{T}}}"#
            ),
            "field `media` must be an array of objects, found an object",
        ),
        (
            format!(
                r#"{{"id":"x:1","platform":"x","account":"a","kind":"post","media":[{{"alt":"poster"}}],{T}}}"#
            ),
            "field `media[0]` has neither `path` nor `url`",
        ),
        (
            format!(
                r#"{{"id":"x:1","platform":"x","account":"a","kind":"post","media":[{{"path":"a.png","sha256":"abc"}}],{T}}}"#
            ),
            "field `media[0].sha256` must be 64 hexadecimal digits, found `abc`",
        ),
        // duplicates
        (
            good("x:a"),
            "duplicate id `x:a` on x (first at line 1, this line has the same content)",
        ),
        (
            good("x:a").replace("halo", "beda"),
            "first at line 1, this line has different content: check which is right",
        ),
        // many problems at once are all named
        (
            r#"{"id":"","platform":"myspace","kind":"tweet","created_at":"kemarin"}"#.into(),
            "field `id` is empty; field `platform`: unknown platform `myspace`",
        ),
    ];
    for (bad, fragment) in &cases {
        check_bad_line(bad, fragment);
    }
}

#[test]
fn invalid_utf8_line_is_reported_with_its_column() {
    let mut input = good("x:a").into_bytes();
    input.extend_from_slice(b"\n{\"id\":\"x:1\",\"text\":\"caf\xE9\"}\n");
    input.extend_from_slice(good("x:b").as_bytes());
    let loaded = read_activities_from(&input[..], "latin1.jsonl");
    assert_eq!(ids(&loaded), ["x:a", "x:b"]);
    assert_eq!(loaded.diagnostics.len(), 1);
    assert_eq!(
        loaded.diagnostics[0].to_string(),
        "latin1.jsonl:2: invalid UTF-8 at column 24 (byte 0xE9); save the file as UTF-8; skipped"
    );
}

#[test]
fn overlong_line_is_reported_and_skipped_without_buffering() {
    let long = format!(
        r#"{{"id":"x:big","platform":"x","account":"a","kind":"post",{T},"text":"{}"}}"#,
        "a".repeat(2 << 20)
    );
    let input = format!("{}\n{long}\n{}\n", good("x:a"), good("x:b"));
    let loaded = read_activities_from(input.as_bytes(), "big.jsonl");
    assert_eq!(ids(&loaded), ["x:a", "x:b"]);
    assert_eq!(loaded.diagnostics.len(), 1);
    let d = loaded.diagnostics[0].to_string();
    assert!(
        d.starts_with(&format!(
            "big.jsonl:2: line is {} bytes long, over the limit of 1048576 bytes (it starts with `{{\"id\":\"x:big\"",
            long.len()
        )),
        "{d}"
    );
}

#[test]
fn line_limit_is_configurable() {
    let input = format!("{}\n{}\n", good("x:a"), good("x:bbbbbbbbbbbbbbbbbbbbbbbb"));
    let options = ReadOptions {
        max_line_bytes: good("x:a").len(),
        ..ReadOptions::default()
    };
    let loaded = ActivityReader::with_options(input.as_bytes(), "t", options).into_loaded();
    assert_eq!(ids(&loaded), ["x:a"]);
    assert!(loaded.diagnostics[0].message.contains("over the limit"));
}

#[test]
fn bom_crlf_blank_lines_and_spaces_are_tolerated() {
    let input = format!(
        "\u{feff}{}\r\n\r\n   \n  {}  \r\n\n",
        good("x:a"),
        good("x:b")
    );
    let loaded = read_activities_from(input.as_bytes(), "t");
    assert_eq!(ids(&loaded), ["x:a", "x:b"]);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.skipped, 0);
}

#[test]
fn last_line_without_newline_is_read() {
    let input = format!("{}\n{}", good("x:a"), good("x:b"));
    assert_eq!(
        ids(&read_activities_from(input.as_bytes(), "t")),
        ["x:a", "x:b"]
    );
}

#[test]
fn fields_are_normalised_and_optional_fields_read() {
    let line = r#"{"id":" fb:77 ","platform":"Facebook","account":"  @Budi.S ","kind":"LIKE","reaction":"Haha","created_at":"2024-10-01t01:00:00z","created_at_approx":true,"target":{"account":"@pramonoanung","id":"fb:9","text":"Ayo!","url":"https://example.invalid/p/9"},"url":"https://example.invalid/l/77","media":[{"path":"shot.png","sha256":"ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789","alt":"tangkapan layar"}]}"#;
    let loaded = read_activities_from(line.as_bytes(), "t");
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let a = &loaded.items[0];
    assert_eq!(a.id, "fb:77");
    assert_eq!(a.platform, Platform::Facebook);
    assert_eq!(a.account, "Budi.S");
    assert_eq!(a.kind, ActivityKind::Like);
    assert_eq!(a.reaction, Some(Reaction::Haha));
    assert!(a.created_at_approx);
    assert_eq!(a.created_at.to_rfc3339(), "2024-10-01T01:00:00+00:00");
    let target = a.target.as_ref().unwrap();
    assert_eq!(target.account.as_deref(), Some("pramonoanung"));
    assert_eq!(target.text.as_deref(), Some("Ayo!"));
    assert_eq!(
        a.media[0].sha256.as_deref(),
        Some("abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789")
    );
    assert_eq!(a.text, "");
}

#[test]
fn unknown_fields_are_ignored_with_one_warning_per_field() {
    let extra = |id: &str| good(id).replace("\"text\"", "\"lang\":\"id\",\"target_x\":1,\"text\"");
    let input = format!("{}\n{}\n{}\n", extra("x:a"), extra("x:b"), good("x:c"));
    let loaded = read_activities_from(input.as_bytes(), "t");
    assert_eq!(ids(&loaded), ["x:a", "x:b", "x:c"]);
    let warnings: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        warnings,
        [
            "t:1: warning: unknown field `lang` ignored (reported once per file)",
            "t:1: warning: unknown field `target_x` ignored (reported once per file)",
        ]
    );
    assert!(!loaded.has_errors());
}

#[test]
fn same_id_on_different_platforms_is_not_a_duplicate() {
    let input = format!(
        "{}\n{}\n",
        good("123"),
        good("123").replace("\"x\"", "\"tiktok\"")
    );
    let loaded = read_activities_from(input.as_bytes(), "t");
    assert_eq!(loaded.items.len(), 2);
    assert!(loaded.diagnostics.is_empty());
}

/// Whole files that are not JSON Lines get one diagnostic, not one per line.
#[test]
fn non_jsonl_files_get_one_diagnostic() {
    let pretty_array = format!(
        "[\n  {{\n    \"id\": \"x:1\",\n    \"platform\": \"x\"\n  }},\n{},\n{}\n]\n",
        good("x:a"),
        good("x:b")
    );
    let csv = "id,platform,account,kind,created_at\nx:1,x,budi,post,2024-10-01\n".repeat(500);
    let mut utf16 = vec![0xFF, 0xFE];
    for c in good("x:a").encode_utf16().chain("\n".encode_utf16()) {
        utf16.extend_from_slice(&c.to_le_bytes());
    }
    let mut zip = b"PK\x03\x04\x14\x00\x06\x00".to_vec();
    zip.extend((0u8..=255).cycle().take(5000));
    let cases: Vec<(Vec<u8>, &str, &str)> = vec![
        (
            pretty_array.into_bytes(),
            "t:1: the file is a JSON array, not JSON Lines",
            "7 lines that are not JSON objects skipped, from line 1 to line 8",
        ),
        (
            format!("[{},{}]", good("x:a"), good("x:b")).into_bytes(),
            "t:1: the file is a JSON array",
            "1 line that is not a JSON object skipped (line 1)",
        ),
        (
            "{\n  \"id\": \"x:1\",\n  \"platform\": \"x\"\n}\n".into(),
            "t:1: the file looks like pretty-printed JSON",
            "4 lines that are not JSON objects skipped, from line 1 to line 4",
        ),
        (
            csv.into_bytes(),
            "t:1: the file looks like CSV or another table (line 1 starts with `id,platform,account,kind,created_at`)",
            "1000 lines that are not JSON objects skipped, from line 1 to line 1000",
        ),
        (
            utf16,
            "t:1: the file is UTF-16 text, not UTF-8: save it as UTF-8",
            "2 lines that are not JSON objects skipped",
        ),
        (
            zip,
            "t:1: the file is a ZIP archive (an Excel .xlsx or a zipped export?)",
            "21 lines that are not JSON objects skipped",
        ),
        (
            b"window.YTD.like.part0 = [\n {\"like\": {\"tweetId\": \"1\"}},\n]\n".to_vec(),
            "t:1: the file is an X archive data file",
            "3 lines that are not JSON objects skipped, from line 1 to line 3",
        ),
    ];
    for (input, start, end) in cases {
        let loaded = read_activities_from(&input[..], "t");
        assert_eq!(
            loaded.diagnostics.len(),
            1,
            "{start}: {:#?}",
            loaded.diagnostics
        );
        let d = loaded.diagnostics[0].to_string();
        assert!(d.starts_with(start), "`{d}` does not start with `{start}`");
        assert!(d.contains(end), "`{d}` lacks `{end}`");
        // a line inside that happens to be a whole activity is still read
        assert!(loaded.items.len() <= 1);
    }
}

#[test]
fn a_junk_first_line_is_summarised_and_the_good_lines_after_it_read() {
    let input = format!(
        "# export 2024-10-01\n{}\nrusak\n{}\n",
        good("x:a"),
        good("x:b")
    );
    let loaded = read_activities_from(input.as_bytes(), "t");
    assert_eq!(ids(&loaded), ["x:a", "x:b"]);
    let d: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(d.len(), 2, "{d:#?}");
    assert!(d[0].starts_with(
        "t:1: the file does not start with a JSON object (line 1 starts with `# export 2024-10-01`); 1 line"
    ));
    // after a good line, bad lines are reported one by one again
    assert!(
        d[1].starts_with("t:3: invalid JSON at column 1"),
        "{}",
        d[1]
    );
}

#[test]
fn empty_input_gives_nothing() {
    for input in ["", "\n\n", "\u{feff}", "  \r\n"] {
        let loaded = read_activities_from(input.as_bytes(), "t");
        assert!(loaded.items.is_empty() && loaded.diagnostics.is_empty());
    }
}

#[test]
fn stored_diagnostics_are_capped_and_the_rest_counted() {
    let mut input = String::new();
    for i in 0..2500 {
        writeln!(input, "{{\"id\":\"x:{i}\"}}").unwrap();
    }
    input.push_str(&good("x:last"));
    let loaded = read_activities_from(input.as_bytes(), "t");
    assert_eq!(ids(&loaded), ["x:last"]);
    assert_eq!(loaded.diagnostics.len(), 1001);
    assert_eq!(loaded.omitted_diagnostics, 1500);
    assert_eq!(loaded.skipped, 2500);
    assert_eq!(
        loaded.diagnostics[1000].to_string(),
        "t:0: 1500 more problems not listed (only the first 1000 are kept)"
    );
}

#[test]
fn streaming_reader_gives_the_line_of_each_item() {
    let input = format!("\n{}\nbad\n{}\n", good("x:a"), good("x:b"));
    let entries: Vec<Entry<netra_core::Activity>> =
        ActivityReader::new(input.as_bytes(), "t").collect();
    let lines: Vec<String> = entries
        .iter()
        .map(|e| match e {
            Entry::Item { line, item } => format!("{line}:{}", item.id),
            Entry::Diagnostic(d) => format!("{}:!", d.line),
        })
        .collect();
    assert_eq!(lines, ["2:x:a", "3:!", "4:x:b"]);
}

#[test]
fn read_error_midway_keeps_the_lines_before() {
    struct Failing(Vec<u8>, usize);
    impl std::io::Read for Failing {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            if self.1 >= self.0.len() {
                return Err(std::io::Error::other("disk on fire"));
            }
            let n = buf.len().min(self.0.len() - self.1);
            buf[..n].copy_from_slice(&self.0[self.1..self.1 + n]);
            self.1 += n;
            Ok(n)
        }
    }
    let input = format!("{}\n{}\n", good("x:a"), good("x:b")).into_bytes();
    let loaded = read_activities_from(Failing(input, 0), "t");
    assert_eq!(ids(&loaded), ["x:a", "x:b"]);
    assert_eq!(
        loaded.diagnostics[0].to_string(),
        "t:3: cannot read further: disk on fire; the lines before were read"
    );
}

#[test]
fn reading_the_same_file_twice_gives_the_same_items() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.jsonl");
    let mut f = std::fs::File::create(&path).unwrap();
    for i in 0..200 {
        writeln!(f, "{}", good(&format!("x:{i}"))).unwrap();
        if i % 17 == 0 {
            writeln!(f, "rusak {i}").unwrap();
            writeln!(f, "{}", good(&format!("x:{i}"))).unwrap();
        }
    }
    drop(f);
    let first = read_activities(&path).unwrap();
    let second = read_activities(&path).unwrap();
    assert_eq!(first.items.len(), 200);
    assert_eq!(first, second);
    assert!(first.diagnostics[0]
        .to_string()
        .starts_with(&format!("{}:2: ", path.display())));
}

#[test]
fn missing_file_is_a_fatal_error_naming_it() {
    let err = read_activities(std::path::Path::new("/nonexistent/a.jsonl")).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot open /nonexistent/a.jsonl: "),
        "{err}"
    );
}

fn arb_good_line() -> impl Strategy<Value = String> {
    (0u32..1_000_000, "[a-zA-Z0-9 _#@!?.,🔥✌️]{0,40}").prop_map(|(n, text)| {
        serde_json::json!({
            "id": format!("x:{n}"),
            "platform": "x",
            "account": "budi",
            "kind": "post",
            "text": text,
            "created_at": "2024-10-01T08:00:00+07:00",
        })
        .to_string()
    })
}

/// Garbage that is not a line of its own: anything without a newline.
fn arb_garbage() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        proptest::collection::vec(any::<u8>(), 0..200),
        "[\\PC]{0,80}".prop_map(String::into_bytes),
        Just(b"[".to_vec()),
        Just(b"{".to_vec()),
        Just(b"\xFF\xFE".to_vec()),
        Just(b"\xEF\xBB\xBF".to_vec()),
        Just(b"id,platform".to_vec()),
    ]
    .prop_map(|mut g| {
        g.retain(|&b| b != b'\n');
        g
    })
}

proptest! {
    #[test]
    fn never_panics_on_arbitrary_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..4000)) {
        let loaded = ActivityReader::with_options(
            &bytes[..],
            "p",
            ReadOptions { max_line_bytes: 256, ..ReadOptions::default() },
        )
        .into_loaded();
        let lines = bytes.split(|&b| b == b'\n').count();
        prop_assert!(loaded.skipped <= lines);
    }

    #[test]
    fn good_lines_are_kept_whatever_garbage_surrounds_them(
        parts in proptest::collection::vec((arb_garbage(), arb_good_line()), 1..20),
        tail in arb_garbage(),
        crlf in any::<bool>(),
    ) {
        let eol: &[u8] = if crlf { b"\r\n" } else { b"\n" };
        let mut input = Vec::new();
        let mut expected: Vec<String> = Vec::new();
        for (garbage, line) in &parts {
            input.extend_from_slice(garbage);
            input.extend_from_slice(eol);
            input.extend_from_slice(line.as_bytes());
            input.extend_from_slice(eol);
            let a: netra_core::Activity = serde_json::from_str(line).unwrap();
            if !expected.contains(&a.id) {
                expected.push(a.id);
            }
        }
        input.extend_from_slice(&tail);
        let loaded = read_activities_from(&input[..], "p");
        let got: Vec<String> = loaded.items.iter().map(|a| a.id.clone()).collect();
        // garbage that happens to be a valid activity may add items, never remove ours
        let ours: Vec<String> = got.iter().filter(|id| expected.contains(id)).cloned().collect();
        prop_assert_eq!(ours, expected);
    }
}
