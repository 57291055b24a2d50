#!/usr/bin/env bash
# Stance classifier benchmark (issue 5): netra vs the scikit-learn baseline,
# in one session, on the same split.
#
#   bench/stance.sh            # from the repository root
#   SKIP_BUILD=1 bench/stance.sh   # use the existing target/release/netra
#
# 1. builds netra (release) and exports the split (`netra train --export-split`,
#    written to a temporary model so models/stance.bin is not touched);
# 2. held-out test metrics of the shipped model (`netra eval`) and of the
#    baseline (bench/sklearn_baseline.py, same split: on the raw text, then
#    on netra's delexicalised units with numbered and with anonymous pair
#    slots); the second
#    annotator's agreement with the labels beside the model's
#    (bench/agreement.py);
# 3. cross-election check: train without one election (the shipped L2
#    penalties, offsets and temperature fitted on the other elections'
#    validation rows), test on its test rows;
# 4. throughput on one core (taskset -c 0): `netra classify` end to end
#    (JSON in, normalise + match + classify + reasons, JSON out) on 100,000
#    activities, with peak memory from /usr/bin/time -v; the baseline's
#    predict() on the same texts.
set -euo pipefail
cd "$(dirname "$0")/.."
export NETRA_SHARED_DATA="${NETRA_SHARED_DATA:-$(cd .. && pwd)/shared/data}"
OUT="${BENCH_OUT:-$(mktemp -d)}"
NETRA=target/release/netra
PY="${PYTHON:-python3}"
CORE="taskset -c 0"
command -v taskset >/dev/null || CORE=""

echo "== machine"; uname -srm; grep -m1 "model name" /proc/cpuinfo || true; nproc; date -u +%F
[ -n "${SKIP_BUILD:-}" ] || cargo build --release -q -p netra-cli
$NETRA train -q --no-tune --output "$OUT/scratch.bin" --export-split "$OUT/split.jsonl" >/dev/null

echo; echo "== netra: held-out test split (shipped model)"
$NETRA eval | tee "$OUT/netra_test.md"

echo; echo "== netra: the test rows of the round-2 split (commit e42ff56, 1,510 rows), second-pass labels"
git show e42ff56:data/split.tsv > "$OUT/split_round2.tsv"
$NETRA eval -q --errors "$OUT/errors.jsonl" >/dev/null
$PY bench/subset_metrics.py "$OUT/split.jsonl" "$OUT/errors.jsonl" "$OUT/split_round2.tsv"

echo; echo "== a blind second annotation of 1,200 test rows against the labels, and the shipped model on the same rows"
$PY bench/agreement.py "$OUT/split.jsonl" data/agreement/blind_test_sample.tsv "$OUT/errors.jsonl"

echo; echo "== scikit-learn baseline: same split"
$CORE $PY bench/sklearn_baseline.py "$OUT/split.jsonl" --speed-rows 20000 --json "$OUT/sklearn_test.json" --keys "$OUT/split_round2.tsv"

echo; echo "== scikit-learn baseline on netra's delexicalised units: numbered pair slots, then anonymous slots (symmetric)"
for INPUT in slots symmetric; do
  $PY bench/sklearn_baseline.py "$OUT/split.jsonl" --input "$INPUT" --speed-rows 10 --json "$OUT/sklearn_$INPUT.json" | grep -v "speed:"
done

echo; echo "== cross-election: train without E, test on E's test rows"
for E in pilpres-2019 pilpres-2024 jakarta-2024 dki-jakarta-2017; do
  $NETRA train -q --no-tune --l2-doc 1e-4 --l2-target 1e-4 --exclude-election "$E" --output "$OUT/without-$E.bin" >/dev/null
  echo "-- netra without $E:"; $NETRA eval --model "$OUT/without-$E.bin" | grep -E "^\| $E "
  echo "-- sklearn without $E:"; $PY bench/sklearn_baseline.py "$OUT/split.jsonl" --exclude-election "$E" --only-election "$E" --speed-rows 10 | grep -E "macro-F1"
done

echo; echo "== throughput (one core)"
$PY - "$OUT" <<'EOF'
import json, sys
out = sys.argv[1]
rows = [json.loads(l) for l in open(f"{out}/split.jsonl", encoding="utf-8")]
rows = [r for r in rows if r["split"] == "test" and r["election"] == "pilpres-2019"]
with open(f"{out}/speed.jsonl", "w", encoding="utf-8") as f, open(f"{out}/speed_split.jsonl", "w", encoding="utf-8") as g:
    for n in range(100000):
        r = rows[n % len(rows)]
        f.write(json.dumps({"id": f"x:{n}", "platform": "x", "account": "asn", "kind": "post", "text": r["text"],
                            "created_at": "2019-03-01T08:00:00+07:00"}, ensure_ascii=False) + "\n")
    for r in rows:
        g.write(json.dumps(dict(r, split="test"), ensure_ascii=False) + "\n")
EOF
ELECTION=data/elections/pilpres-2019.toml
/usr/bin/time -v $CORE $NETRA classify --election "$ELECTION" --input "$OUT/speed.jsonl" --output "$OUT/speed.out" 2> "$OUT/time.txt"
SECS=$(grep "Elapsed (wall clock)" "$OUT/time.txt" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
RSS=$(grep "Maximum resident set size" "$OUT/time.txt" | awk '{print $NF}')
USER=$(grep "User time" "$OUT/time.txt" | awk '{print $NF}')
tail -1 "$OUT/time.txt" >/dev/null
echo "netra classify: 100000 activities in ${SECS}s wall (${USER}s user): $(awk "BEGIN{printf \"%.0f\", 100000/$SECS}") activities/s; peak RSS ${RSS} KiB"
$CORE $PY bench/sklearn_baseline.py "$OUT/split.jsonl" --speed-rows 20000 | grep "speed"
python3 ../shared/tools/check-classify-output "$OUT/speed.jsonl" "$OUT/speed.out" | tail -1
echo "outputs in $OUT"
