#!/usr/bin/env python3
"""Straightforward Python baseline for `cargo bench -p netra-text`.

Regex per term: lower-case each post, then search it with one compiled
`\\b<term>\\b` regex per config term (names, aliases, slogans, parties,
`#hashtags`, `@accounts`) and one ballot-number regex per pair
(`coblos|paslon|nomor urut|… 0?N`, `salam N jari`). No normalisation beyond
`str.lower()`. Same corpus as the Rust bench (see corpus.py).

Usage: python3 bench/baseline.py [ELECTION.toml] [--repeat N]
Prints posts/s, MB/s (wall and thread CPU time) and match counts; single
thread.
"""

import argparse
import pathlib
import re
import sys
import time
import tomllib

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import corpus  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[3]
DEFAULT_ELECTION = ROOT.parent / "shared" / "data" / "elections" / "pilpres-2024.toml"


def compile_terms(path: pathlib.Path) -> list[tuple[int, str, re.Pattern[str]]]:
    cfg = tomllib.loads(path.read_text(encoding="utf-8"))
    out: list[tuple[int, str, re.Pattern[str]]] = []
    for c in cfg["candidates"]:
        n = c["number"]
        for kind in ("names", "aliases", "slogans", "parties"):
            for term in c.get(kind, []):
                out.append((n, kind, re.compile(r"\b" + re.escape(term.lower()) + r"\b")))
        for tag in c.get("hashtags", []):
            out.append((n, "hashtags", re.compile(r"#" + re.escape(tag.lower()) + r"\b")))
        for acc in c.get("accounts", []):
            handle = acc["handle"] if isinstance(acc, dict) else acc
            out.append((n, "accounts", re.compile(r"@" + re.escape(handle.lower()) + r"\b")))
        out.append(
            (
                n,
                "ballot",
                re.compile(
                    r"\b(?:coblos|nyoblos|paslon|capres|cagub|nomor urut|no\.? urut|pilih)\s*(?:nomor\s*|no\.?\s*)?0?"
                    + str(n)
                    + r"\b|\bsalam\s+"
                    + str(n)
                    + r"\s+jari\b"
                ),
            )
        )
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("election", nargs="?", default=str(DEFAULT_ELECTION))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    terms = compile_terms(pathlib.Path(args.election))
    posts = corpus.load()
    nbytes = sum(len(p.encode("utf-8")) for p in posts)
    best = best_cpu = float("inf")
    matched_posts = total = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        c0 = time.thread_time()
        matched_posts = total = 0
        for p in posts:
            low = p.lower()
            hits = 0
            for _n, _kind, rx in terms:
                if rx.search(low):
                    hits += 1
            total += hits
            matched_posts += hits > 0
        best = min(best, time.perf_counter() - t0)
        best_cpu = min(best_cpu, time.thread_time() - c0)
    print(f"election: {pathlib.Path(args.election).name}; {len(terms)} regexes")
    print(f"posts: {len(posts)}; bytes: {nbytes}")
    print(f"posts with a match: {matched_posts}; term hits: {total}")
    print(f"wall, best of {args.repeat}: {best:.3f} s = {len(posts) / best:,.0f} posts/s = {nbytes / best / 1e6:.2f} MB/s")
    print(f"thread cpu, best of {args.repeat}: {best_cpu:.3f} s = {nbytes / best_cpu / 1e6:.2f} MB/s (cpu)")


if __name__ == "__main__":
    main()
