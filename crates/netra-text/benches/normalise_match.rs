//! Normalise + match on a 100k-post corpus built from `../shared/data/corpora`
//! (the `text` of every row of every `*.jsonl`, files in name order, rows
//! in order, repeated to 100,000 posts; `bench/corpus.py` builds the same
//! list for the Python baseline `bench/baseline.py`).
//!
//! `cargo bench -p netra-text`; `NETRA_BENCH_ELECTION=path.toml` picks the
//! election (default: `pilpres-2024`, the election most posts are about).
//! Single thread. Two groups: `wall` (criterion's wall clock) and
//! `thread_cpu` (CPU time of the benchmarking thread, from
//! `/proc/thread-self/schedstat`), which stays meaningful on a machine
//! shared with other jobs: its MB/s are per core.

use std::path::PathBuf;
use std::time::Duration;

use criterion::measurement::{Measurement, ValueFormatter};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use netra_text::{Matcher, Normalizer, PairTerms};
use serde::Deserialize;

const POSTS: usize = 100_000;

fn shared() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

fn corpus() -> Vec<String> {
    let dir = shared().join("corpora");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut texts = Vec::new();
    for f in files {
        let Ok(body) = std::fs::read_to_string(&f) else {
            continue;
        };
        for line in body.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("corpus line is JSON");
            texts.push(
                v.get("text")
                    .and_then(|t| t.as_str())
                    .unwrap_or("")
                    .to_string(),
            );
        }
    }
    assert!(!texts.is_empty(), "no corpus in {}", dir.display());
    (0..POSTS).map(|i| texts[i % texts.len()].clone()).collect()
}

#[derive(Deserialize)]
struct Config {
    candidates: Vec<Candidate>,
}

#[derive(Deserialize)]
struct Candidate {
    number: u32,
    #[serde(default)]
    names: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    distinctive: Vec<String>,
    #[serde(default)]
    hashtags: Vec<String>,
    #[serde(default)]
    slogans: Vec<String>,
    #[serde(default)]
    parties: Vec<String>,
    #[serde(default)]
    accounts: Vec<toml::Value>,
}

fn pairs() -> Vec<PairTerms> {
    let path = std::env::var("NETRA_BENCH_ELECTION").map_or_else(
        |_| shared().join("elections/pilpres-2024.toml"),
        PathBuf::from,
    );
    let text = std::fs::read_to_string(&path).expect("election config");
    let cfg: Config = toml::from_str(&text).expect("election config parses");
    cfg.candidates
        .into_iter()
        .map(|c| PairTerms {
            number: c.number,
            names: c.names,
            aliases: c.aliases,
            distinctive: c.distinctive,
            hashtags: c.hashtags,
            slogans: c.slogans,
            parties: c.parties,
            accounts: c
                .accounts
                .iter()
                .filter_map(|a| a.get("handle").and_then(|h| h.as_str()).map(str::to_string))
                .collect(),
        })
        .collect()
}

/// CPU time of the current thread, in nanoseconds (Linux); wall clock
/// elsewhere.
struct ThreadCpu;

fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or_else(|| {
            static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();
            u64::try_from(
                START
                    .get_or_init(std::time::Instant::now)
                    .elapsed()
                    .as_nanos(),
            )
            .unwrap_or(u64::MAX)
        })
}

impl Measurement for ThreadCpu {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, start: u64) -> u64 {
        thread_cpu_ns().saturating_sub(start)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    fn formatter(&self) -> &dyn ValueFormatter {
        &CpuFormatter
    }
}

struct CpuFormatter;

impl ValueFormatter for CpuFormatter {
    fn scale_values(&self, _typical: f64, values: &mut [f64]) -> &'static str {
        for v in values.iter_mut() {
            *v /= 1e6;
        }
        "ms (cpu)"
    }
    fn scale_throughputs(
        &self,
        _typical: f64,
        throughput: &Throughput,
        values: &mut [f64],
    ) -> &'static str {
        let (n, unit) = match throughput {
            Throughput::Bytes(b) | Throughput::BytesDecimal(b) => (*b as f64 / 1e6, "MB/s (cpu)"),
            Throughput::Elements(e) => (*e as f64, "elem/s (cpu)"),
        };
        for v in values.iter_mut() {
            *v = n * 1e9 / *v;
        }
        unit
    }
    fn scale_for_machines(&self, _values: &mut [f64]) -> &'static str {
        "ns"
    }
}

struct Setup {
    posts: Vec<String>,
    bytes: usize,
    matcher: Matcher,
}

fn setup() -> &'static Setup {
    static S: std::sync::OnceLock<Setup> = std::sync::OnceLock::new();
    S.get_or_init(|| {
        let posts = corpus();
        let bytes: usize = posts.iter().map(String::len).sum();
        let matcher = Matcher::new(&pairs());
        let normalizer: &Normalizer = matcher.normalizer();
        // Counts, asserted so that a regression that finds nothing is noticed.
        let (mut with_match, mut total, mut rejected) = (0usize, 0usize, 0usize);
        for p in &posts {
            let f = matcher.find_all(&normalizer.normalize(p));
            with_match += usize::from(!f.matches.is_empty());
            total += f.matches.len();
            rejected += f.rejected.len();
        }
        println!(
            "corpus: {} posts, {bytes} bytes; posts with a match: {with_match}; matches: {total}; rejected: {rejected}",
            posts.len()
        );
        assert!(with_match > 5_000 && with_match < posts.len(), "implausible match count {with_match}");
        Setup { posts, bytes, matcher }
    })
}

fn run<M: Measurement>(c: &mut Criterion<M>, group: &str) {
    let s = setup();
    let normalizer = s.matcher.normalizer();
    let mut g = c.benchmark_group(group);
    g.throughput(Throughput::Bytes(s.bytes as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(20));
    g.bench_function("normalise_100k", |b| {
        b.iter(|| {
            s.posts
                .iter()
                .map(|p| normalizer.normalize(p).tokens().len())
                .sum::<usize>()
        });
    });
    g.bench_function("normalise_match_100k", |b| {
        b.iter(|| {
            s.posts
                .iter()
                .map(|p| s.matcher.find(&normalizer.normalize(p)).len())
                .sum::<usize>()
        });
    });
    g.finish();
}

fn wall(c: &mut Criterion) {
    run(c, "wall");
}

fn thread_cpu(c: &mut Criterion<ThreadCpu>) {
    run(c, "thread_cpu");
}

criterion_group!(wall_benches, wall);
criterion_group! {
    name = cpu_benches;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = thread_cpu
}
criterion_main!(wall_benches, cpu_benches);
