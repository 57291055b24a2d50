#!/usr/bin/env python3
"""Metrics of a `netra eval` run on a subset of the split, e.g. the test rows
of an earlier frozen split, from the split export and the misclassified rows:

  bench/subset_metrics.py SPLIT.jsonl ERRORS.jsonl KEYS.tsv [SPLIT_NAME]

SPLIT.jsonl: `netra train --export-split`; ERRORS.jsonl: `netra eval --errors`
(same split, same model); KEYS.tsv: `key<TAB>split` lines (data/split.tsv of
an earlier commit); rows whose split there is SPLIT_NAME (default test) are
measured. Prints per-label F1, macro-F1 and support detection F1 (target must
match), as `netra eval` computes them.
"""
import json
import sys

LABELS = ["support", "oppose", "political_neutral", "not_political"]


def main(split_path, errors_path, keys_path, which="test"):
    keys = {l.split("\t")[0] for l in open(keys_path, encoding="utf-8")
            if l.rstrip("\n").split("\t")[-1] == which}
    wrong = {}
    for l in open(errors_path, encoding="utf-8"):
        r = json.loads(l)
        wrong[r["key"]] = (r["predicted"], r["predicted_target"])
    pairs = []
    for l in open(split_path, encoding="utf-8"):
        r = json.loads(l)
        if r["key"] in keys and r["split"] == which:
            gold = (r["label"], r["target"])
            pairs.append((gold, wrong.get(r["key"], gold)))
    f1s = []
    for lab in LABELS:
        tp = sum(1 for g, p in pairs if g[0] == lab and p[0] == lab)
        fp = sum(1 for g, p in pairs if g[0] != lab and p[0] == lab)
        fn = sum(1 for g, p in pairs if g[0] == lab and p[0] != lab)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    tp = sum(1 for g, p in pairs if g[0] == "support" and p == g)
    fp = sum(1 for g, p in pairs if p[0] == "support" and p != g)
    fn = sum(1 for g, p in pairs if g[0] == "support" and p != g)
    sup = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    print(f"rows {len(pairs)}  macro-F1 {sum(f1s) / 4:.3f}  support detection F1 {sup:.3f}  "
          + "  ".join(f"{l} {f:.3f}" for l, f in zip(LABELS, f1s)))


if __name__ == "__main__":
    main(*sys.argv[1:])
