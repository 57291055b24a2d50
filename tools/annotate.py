#!/usr/bin/env python3
"""Helpers for hand annotation (docs/annotation.md). They show posts and store
the labels a person typed; they never decide a label.

  annotate.py show BATCH.ids START COUNT   print posts START..START+COUNT of a batch
  annotate.py compare BATCH.ids LABELS.txt
      print the posts whose label in LABELS.txt differs from their current
      label (the last one in ../shared/data/annotations then
      data/annotations, files in name order, second-pass files left out),
      both shown, for adjudication in a second pass
  annotate.py store BATCH.ids LABELS.txt OUT.jsonl ANNOTATOR
      LABELS.txt lines: `<id> <code> [election]`, code = s<N> | o<N> | n | x | skip,
      a trailing `?` marks ambiguity (e.g. `o2?`). The election defaults to the
      batch's default (second column of the .ids file).

A batch file (.ids) has lines `<source> <id> <default-election>`.
"""
import json
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "data"
ELECTIONS = {"pilpres-2019", "pilpres-2024", "dki-jakarta-2017", "jakarta-2024"}


def load_batch(path):
    rows = []
    for line in open(path, encoding="utf-8"):
        if line.strip():
            src, rid, el = line.split()
            rows.append((src, rid, el))
    return rows


def texts(rows):
    want = {}
    for src, rid, _ in rows:
        want.setdefault(src, set()).add(rid)
    out = {}
    for src, ids in want.items():
        for line in open(SHARED / src, encoding="utf-8"):
            o = json.loads(line)
            if o["id"] in ids:
                out[(src, o["id"])] = o["text"]
    return out


def show(batch, start, count):
    rows = load_batch(batch)[int(start):int(start) + int(count)]
    t = texts(rows)
    for src, rid, el in rows:
        print(f"[{rid}] ({el}) {t[(src, rid)]!r}")


def store(batch, labels, out, annotator):
    rows = {rid: (src, el) for src, rid, el in load_batch(batch)}
    done = set()
    if Path(out).exists():
        done = {json.loads(l)["id"] for l in open(out, encoding="utf-8") if l.strip()}
    n = 0
    with open(out, "a", encoding="utf-8") as f:
        for lineno, line in enumerate(open(labels, encoding="utf-8"), 1):
            parts = line.split()
            if not parts or parts[0].startswith("#"):
                continue
            rid, code = parts[0], parts[1]
            if rid not in rows:
                sys.exit(f"{labels}:{lineno}: id {rid} is not in the batch")
            src, el = rows[rid]
            if len(parts) > 2:
                el = parts[2]
            if el not in ELECTIONS:
                sys.exit(f"{labels}:{lineno}: unknown election {el}")
            amb = code.endswith("?")
            code = code.rstrip("?")
            if code == "skip" or rid in done:
                continue
            if code[0] in "so" and code[1:].isdigit():
                label = "support" if code[0] == "s" else "oppose"
                target = int(code[1:])
            elif code == "n":
                label, target = "political_neutral", None
            elif code == "x":
                label, target = "not_political", None
            else:
                sys.exit(f"{labels}:{lineno}: bad code {code!r}")
            rec = {"source": src, "id": rid, "election": el, "label": label,
                   "target": target, "ambiguous": amb, "annotator": annotator}
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            done.add(rid)
            n += 1
    print(f"stored {n} labels in {out}")


def code_of(label, target, ambiguous):
    code = {"support": f"s{target}", "oppose": f"o{target}",
            "political_neutral": "n", "not_political": "x"}[label]
    return code + ("?" if ambiguous else "")


def current_labels():
    ours = sorted((Path(__file__).resolve().parent.parent / "data" / "annotations").glob("*.jsonl"))
    files = sorted((SHARED / "annotations").glob("*.jsonl")) + [
        f for f in ours if "second_pass" not in f.name]
    out = {}
    for f in files:
        for line in open(f, encoding="utf-8"):
            if line.strip():
                o = json.loads(line)
                if "source" in o:
                    out[(o["source"], o["id"])] = code_of(o["label"], o["target"], o["ambiguous"])
    return out


def compare(batch, labels):
    rows = {rid: (src, el) for src, rid, el in load_batch(batch)}
    first = current_labels()
    t = texts([(src, rid, el) for rid, (src, el) in rows.items()])
    n = differ = 0
    for line in open(labels, encoding="utf-8"):
        parts = line.split()
        if not parts or parts[0].startswith("#") or parts[1] == "skip":
            continue
        rid, code = parts[0], parts[1]
        src, el = rows[rid]
        n += 1
        old = first.get((src, rid))
        if old is None or old.rstrip("?") != code.rstrip("?"):
            differ += 1
            print(f"[{rid}] ({el}) first: {old}  second: {code}\n    {t[(src, rid)]!r}")
    print(f"{differ} of {n} labels differ from the first pass")


if __name__ == "__main__":
    cmd, *args = sys.argv[1:]
    {"show": show, "store": store, "compare": compare}[cmd](*args)
