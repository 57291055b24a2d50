"""The benchmark corpus, built exactly as benches/normalise_match.rs builds it:
the `text` of every row of every ../shared/data/corpora/*.jsonl file, files in
name order, rows in file order, repeated until there are 100,000 posts."""

import json
import pathlib

POSTS = 100_000


def corpus_dir() -> pathlib.Path:
    return pathlib.Path(__file__).resolve().parents[4] / "shared" / "data" / "corpora"


def load(n: int = POSTS) -> list[str]:
    texts: list[str] = []
    for path in sorted(corpus_dir().glob("*.jsonl")):
        with path.open(encoding="utf-8") as f:
            for line in f:
                line = line.strip()
                if line:
                    texts.append(json.loads(line).get("text") or "")
    if not texts:
        raise SystemExit(f"no corpus in {corpus_dir()}")
    return [texts[i % len(texts)] for i in range(n)]
