#!/usr/bin/env python3
"""scikit-learn baseline for netra's stance classifier (issue 5).

TF-IDF word 1-2 grams + char 2-5 grams, LogisticRegression, trained on the
same split as `netra train` (exported with `netra train --export-split`):
train + validation rows to fit, test rows to measure. The classes are
label+target ("support:1", "oppose:2", "political_neutral", ...), on the raw
text, so the baseline sees candidate names (it is not delexicalised).

The same model can read netra's delexicalised input instead (`--input`):
`slots` reads the exported units (names replaced by numbered pair slots
such as `§2`, `§2#`; classes still label+target, so it can learn a prior
per ballot number); `symmetric` also drops the pair number (`§`, `§#`)
and predicts the label only, the target of a support or oppose reading
being the pair named most often (the first named on a tie): it sees what
netra's model sees and treats every pair alike, as netra must.

Usage: sklearn_baseline.py SPLIT.jsonl [--input raw|slots|symmetric] [--exclude-election ID] [--only-election ID] [--json OUT.json]
Prints per-class P/R/F1, macro-F1, support-detection F1 (target must
match), the confusion matrix and classification speed (texts/s).
"""
import argparse
import json
import os
import re
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

try:
    import sklearn  # noqa: F401
except ImportError:  # install on first use
    import subprocess

    subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet", "scikit-learn"])

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

LABELS = ["support", "oppose", "political_neutral", "not_political"]


def cls(row):
    return f"{row['label']}:{row['target']}" if row["target"] is not None else row["label"]


def split_cls(c):
    if ":" in c:
        label, t = c.split(":")
        return label, int(t)
    return c, None


SLOT = re.compile(r"^§(\d+)")


def slotted(row, symmetric):
    units = (u.replace(" ", "_") for u in row["units"])
    if symmetric:
        units = (SLOT.sub("§", u) for u in units)
    return " ".join(units)


def most_named(row):
    """The pair named most often in the row's units (the first named on a tie)."""
    counts, first = {}, {}
    for i, u in enumerate(row["units"]):
        m = SLOT.match(u)
        if m:
            p = int(m.group(1))
            counts[p] = counts.get(p, 0) + 1
            first.setdefault(p, i)
    return max(counts, key=lambda p: (counts[p], -first[p]), default=None)


def metrics(gold, pred):
    m = [[0] * 4 for _ in range(4)]
    stp = sp = sg = 0
    for g, p in zip(gold, pred):
        m[LABELS.index(g[0])][LABELS.index(p[0])] += 1
        sp += p[0] == "support"
        if g[0] == "support":
            sg += 1
            stp += p[0] == "support" and p[1] == g[1]
    per = []
    for k in range(4):
        tp = m[k][k]
        pc = sum(m[g][k] for g in range(4))
        gc = sum(m[k])
        P = tp / pc if pc else 0.0
        R = tp / gc if gc else 0.0
        per.append((P, R, 2 * P * R / (P + R) if P + R else 0.0, gc))
    P = stp / sp if sp else 0.0
    R = stp / sg if sg else 0.0
    return {
        "per_class": per,
        "macro_f1": sum(p[2] for p in per) / 4,
        "accuracy": sum(m[k][k] for k in range(4)) / max(1, len(gold)),
        "support_detection": (P, R, 2 * P * R / (P + R) if P + R else 0.0),
        "confusion": m,
        "n": len(gold),
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("split")
    ap.add_argument("--exclude-election", action="append", default=[])
    ap.add_argument("--only-election")
    ap.add_argument("--json")
    ap.add_argument("--input", choices=["raw", "slots", "symmetric"], default="raw",
                    help="raw text (names visible), netra's units with numbered pair slots, or units with anonymous slots")
    ap.add_argument("--speed-rows", type=int, default=20000)
    ap.add_argument("--dev", action="store_true", help="fit on train, measure on validation (development only)")
    ap.add_argument("--keys", help="also report the test rows listed as test in this key<TAB>split file (an earlier frozen split)")
    a = ap.parse_args()
    rows = [json.loads(l) for l in open(a.split, encoding="utf-8") if l.strip()]
    if a.dev:
        rows = [dict(r, split={"train": "train", "validation": "test"}.get(r["split"], "unused")) for r in rows]
        rows = [r for r in rows if r["split"] != "unused"]
    train = [r for r in rows if r["split"] != "test" and r["election"] not in a.exclude_election]
    test = [r for r in rows if r["split"] == "test" and (a.only_election is None or r["election"] == a.only_election)]
    pipe = Pipeline([
        ("features", FeatureUnion([
            ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
            ("char", TfidfVectorizer(analyzer="char", ngram_range=(2, 5), sublinear_tf=True, min_df=1)),
        ])),
        ("lr", LogisticRegression(max_iter=2000, C=10.0, class_weight="balanced")),
    ])
    if a.input == "raw":
        text_of, class_of = (lambda r: r["text"]), cls
    else:
        sym = a.input == "symmetric"
        text_of = lambda r: slotted(r, sym)  # noqa: E731
        class_of = (lambda r: r["label"]) if sym else cls
    t0 = time.perf_counter()
    pipe.fit([text_of(r) for r in train], [class_of(r) for r in train])
    fit_s = time.perf_counter() - t0
    texts = [text_of(r) for r in test]
    if a.input == "symmetric":
        pred = []
        for r, label in zip(test, pipe.predict(texts)):
            if label in ("support", "oppose"):
                target = most_named(r)
                # A partisan reading that names no pair is neutral (netra's rule 11).
                pred.append((label, target) if target is not None else ("political_neutral", None))
            else:
                pred.append((label, None))
    else:
        pred = [split_cls(c) for c in pipe.predict(texts)]
    gold = [(r["label"], r["target"]) for r in test]
    res = metrics(gold, pred)
    # Speed: classify test texts repeated up to --speed-rows, one thread.
    reps = max(1, a.speed_rows // max(1, len(texts)))
    batch = texts * reps
    t0 = time.perf_counter()
    pipe.predict(batch)
    secs = time.perf_counter() - t0
    res.update({"texts_per_s": len(batch) / secs, "fit_seconds": fit_s, "train_rows": len(train)})
    by_election = {}
    for e in sorted({r["election"] for r in test}):
        idx = [i for i, r in enumerate(test) if r["election"] == e]
        by_election[e] = metrics([gold[i] for i in idx], [pred[i] for i in idx])
    res["by_election"] = {e: {"n": m["n"], "macro_f1": m["macro_f1"], "support_f1": m["support_detection"][2]} for e, m in by_election.items()}
    clear = [i for i, r in enumerate(test) if not r.get("ambiguous")]
    res["clear"] = metrics([gold[i] for i in clear], [pred[i] for i in clear])
    print(f"sklearn baseline ({a.input} input): train {len(train)} rows, test {len(test)} rows, fit {fit_s:.1f} s")
    for l, p in zip(LABELS, res["per_class"]):
        print(f"  {l:<18} P {p[0]:.3f} R {p[1]:.3f} F1 {p[2]:.3f} n {p[3]}")
    s = res["support_detection"]
    print(f"  macro-F1 {res['macro_f1']:.3f}  accuracy {res['accuracy']:.3f}  support detection P {s[0]:.3f} R {s[1]:.3f} F1 {s[2]:.3f}")
    print("  confusion (rows gold, cols predicted: support oppose neutral not_pol):")
    for l, row in zip(LABELS, res["confusion"]):
        print(f"    {l:<18} {row}")
    c = res["clear"]
    print(f"  rows not marked ambiguous ({c['n']}): macro-F1 {c['macro_f1']:.3f}  support detection F1 {c['support_detection'][2]:.3f}  "
          + "  ".join(f"{l} {p[0]:.3f}/{p[1]:.3f}/{p[2]:.3f}" for l, p in zip(LABELS, c["per_class"])))
    for e, m in res["by_election"].items():
        print(f"  {e:<18} n {m['n']:>4} macro-F1 {m['macro_f1']:.3f} support F1 {m['support_f1']:.3f}")
    if a.keys:
        keys = {l.split("\t")[0] for l in open(a.keys, encoding="utf-8") if l.rstrip("\n").split("\t")[-1] == "test"}
        sub = [i for i, r in enumerate(test) if r["key"] in keys]
        m = metrics([gold[i] for i in sub], [pred[i] for i in sub])
        print(f"  rows listed as test in {a.keys} ({m['n']}): macro-F1 {m['macro_f1']:.3f}  support detection F1 {m['support_detection'][2]:.3f}")
    print(f"  speed: {res['texts_per_s']:.0f} texts/s ({len(batch)} texts)")
    if a.json:
        with open(a.json, "w") as f:
            json.dump(res, f, indent=1)


if __name__ == "__main__":
    main()
