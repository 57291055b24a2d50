#!/usr/bin/env bash
# Scale-out benchmark: activities per second of `netra worker` (1 and 2
# workers sharing one JetStream consumer) against a plain `netra scan` of the
# same files, all into PostgreSQL, in one run on one machine.
#
#   bench/queue.sh [ACTIVITIES.jsonl REGISTRY.csv]   # default: the bundled demo (20,000 activities)
#
# Needs: a release build (`cargo build --release -p netra-cli`, or NETRA=path),
# nats-server (started here on a free port with a temporary store), and a
# PostgreSQL server URL whose user may create databases in
# NETRA_TEST_DATABASE_URL (scripts/test sets one up). Prints one Markdown
# table row per run and the ratios against scan.
set -euo pipefail
cd "$(dirname "$0")/.."

NETRA=${NETRA:-${CARGO_TARGET_DIR:-target}/release/netra}
[ -x "$NETRA" ] || { echo "bench/queue.sh: no $NETRA: run cargo build --release -p netra-cli (or set NETRA)"; exit 2; }
: "${NETRA_TEST_DATABASE_URL:?set NETRA_TEST_DATABASE_URL to a PostgreSQL server URL whose user may create databases}"
command -v psql >/dev/null || { echo "bench/queue.sh: psql is missing"; exit 2; }
nats_bin=$(command -v nats-server || echo /usr/sbin/nats-server)
[ -x "$nats_bin" ] || { echo "bench/queue.sh: nats-server is missing (apt-get install nats-server)"; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/netra-bench-queue.XXXXXX")
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$nats_bin" -js -a 127.0.0.1 -p "$port" -sd "$work/js" >"$work/nats.log" 2>&1 &
nats_pid=$!
trap 'kill $nats_pid 2>/dev/null; wait $nats_pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done
nats="nats://127.0.0.1:$port"

if [ $# -ge 2 ]; then
  activities=$1 registry=$2
else
  "$NETRA" --quiet --data-dir "$work/demo-data" demo --out "$work/demo" >/dev/null
  activities=$work/demo/activities.jsonl registry=$work/demo/registry.csv
fi
n=$(grep -c . "$activities")

base=${NETRA_TEST_DATABASE_URL%/*}
fresh_db() {
  local name="netra_bench_$$_$1"
  PGOPTIONS="-c client_min_messages=warning" psql -q "$NETRA_TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name" >/dev/null
  echo "$base/$name"
}
now() { date +%s.%N; }
rate() { python3 -c "print(f'{$n / ($2 - $1):.0f}')"; }
secs() { python3 -c "print(f'{$2 - $1:.2f}')"; }

netra() { "$NETRA" --quiet --lang en --data-dir "$work/data-$1" --database-url "$2" "${@:3}"; }

# Plain scan (the baseline).
db=$(fresh_db scan)
t0=$(now); netra scan "$db" scan --registry "$registry" --input "$activities" >"$work/scan.out"; t1=$(now)
scan_rate=$(rate "$t0" "$t1")
echo "| scan | $n | $(secs "$t0" "$t1") s | $scan_rate /s | 1.00 |"

for workers in 1 2; do
  stream="BENCH_${workers}_$$"
  db=$(fresh_db "w$workers")
  # The registry first (on the still empty stream), so the timed workers
  # start on an equal footing with scan, which loads it inside its time.
  netra "w$workers" "$db" worker --nats "$nats" --stream "$stream" --registry "$registry" --until-empty >/dev/null
  t0=$(now); "$NETRA" --quiet --data-dir "$work/pub" publish --nats "$nats" --stream "$stream" "$activities" >/dev/null; t1=$(now)
  echo "| publish | $n | $(secs "$t0" "$t1") s | $(rate "$t0" "$t1") /s | – |"
  t0=$(now)
  pids=()
  for i in $(seq 1 "$workers"); do
    netra "w$workers" "$db" worker --nats "$nats" --stream "$stream" --until-empty >"$work/w$workers-$i.out" 2>&1 &
    pids+=($!)
  done
  for p in "${pids[@]}"; do wait "$p"; done
  t1=$(now)
  r=$(rate "$t0" "$t1")
  echo "| $workers worker(s) | $n | $(secs "$t0" "$t1") s | $r /s | $(python3 -c "print(f'{$r / $scan_rate:.2f}')") |"
  echo "    signals in the store: $(psql -qAt "$db" -c 'SELECT COUNT(*) FROM signal'), cases: $(psql -qAt "$db" -c 'SELECT COUNT(*) FROM review_case')"
done
echo "    scan: $(grep -h '^Signals:' "$work/scan.out"); $(grep -h '^Cases:' "$work/scan.out")"
