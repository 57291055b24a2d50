#!/usr/bin/env python3
"""How far the model is from what a second annotator agrees on (issue 5).

  bench/agreement.py SPLIT.jsonl BLIND.tsv [ERRORS.jsonl]

SPLIT.jsonl: `netra train --export-split` (the current labels); BLIND.tsv:
data/agreement/blind_test_sample.tsv (a blind second annotation of test
rows); ERRORS.jsonl: `netra eval --errors` of the shipped model (a row not
in it was predicted right). Prints, on the rows of BLIND.tsv: the second
annotator's agreement with the labels, and the model's, with the same
metrics `netra eval` reports (macro-F1 over the four labels, support
detection with the target required to match).
"""
import collections
import json
import sys

LABELS = ["support", "oppose", "political_neutral", "not_political"]


def parse(code):
    amb = code.endswith("?")
    c = code.rstrip("?")
    if c[0] in "so":
        return ("support" if c[0] == "s" else "oppose", int(c[1:])), amb
    return ("political_neutral" if c == "n" else "not_political", None), amb


def metrics(pairs):
    conf = collections.Counter((g[0], p[0]) for g, p in pairs)
    f1s = []
    for c in LABELS:
        tp = conf[(c, c)]
        fp = sum(conf[(x, c)] for x in LABELS if x != c)
        fn = sum(conf[(c, x)] for x in LABELS if x != c)
        pr = tp / (tp + fp) if tp + fp else 0.0
        rc = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * pr * rc / (pr + rc) if pr + rc else 0.0)
    tp = sum(1 for g, p in pairs if g[0] == "support" and p == g)
    pred = sum(1 for _, p in pairs if p[0] == "support")
    gold = sum(1 for g, _ in pairs if g[0] == "support")
    prec = tp / pred if pred else 0.0
    rec = tp / gold if gold else 0.0
    sup = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return sum(f1s) / len(f1s), sup, prec, rec, conf


def report(name, pairs):
    if not pairs:
        return
    m, sup, prec, rec, _ = metrics(pairs)
    print(f"| {name} | {len(pairs)} | {m:.3f} | {sup:.3f} ({prec:.3f} / {rec:.3f}) |")


def main():
    if len(sys.argv) not in (3, 4):
        sys.exit(__doc__)
    gold = {}
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line)
        gold[r["key"]] = r
    blind = []
    for n, line in enumerate(open(sys.argv[2], encoding="utf-8"), 1):
        if line.startswith("#") or not line.strip():
            continue
        key, election, code, _who = line.rstrip("\n").split("\t")
        if key not in gold:
            print(f"{sys.argv[2]}:{n}: {key} is not in the split; skipped", file=sys.stderr)
            continue
        blind.append((key, election, *parse(code)))
    errors = {}
    if len(sys.argv) == 4:
        for line in open(sys.argv[3], encoding="utf-8"):
            e = json.loads(line)
            errors[e["key"]] = (e["predicted"], e.get("predicted_target"))

    readers = [("second annotator", lambda k, lab: lab)]
    if len(sys.argv) == 4:
        def model(key, _lab):
            g = gold[key]
            return errors.get(key, (g["label"], g["target"]))
        readers.append(("netra (shipped model)", model))
    for title, read in readers:
        print(f"\n{title} against the labels\n")
        print("| rows | n | macro-F1 | support F1 (P / R) |\n|---|---:|---:|---:|")
        by = collections.defaultdict(list)
        everything, clear = [], []
        for key, election, lab, amb in blind:
            g = gold[key]
            pair = ((g["label"], g["target"]), tuple(read(key, lab)))
            everything.append(pair)
            by[election].append(pair)
            if not amb and not g["ambiguous"]:
                clear.append(pair)
        report("all", everything)
        report("neither marks it ambiguous", clear)
        for e in sorted(by):
            report(e, by[e])
        conf = metrics(everything)[4]
        print("\n| gold \\ read | " + " | ".join(LABELS) + " |\n|---|" + "---:|" * 4)
        for a in LABELS:
            print(f"| {a} | " + " | ".join(str(conf[(a, b)]) for b in LABELS) + " |")


if __name__ == "__main__":
    main()
