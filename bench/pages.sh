#!/usr/bin/env bash
# Query time of every page of `evalbatch serve` on a database of 2,000,000 samples: two models'
# runs of one job, each an lm-eval log of 100,000 documents x 10 responses scored by exact-match
# (`evalbatch run --label`), so that the leaderboard pairs 100,000 documents and the job page draws
# two points. Each route is fetched
# ROUNDS times with curl on the same machine; the median is printed (milliseconds, request to
# last byte), with `evalbatch board` as a whole command. Prints a Markdown section for
# bench/history/RESULTS.md.
#   bench/pages.sh [ROUNDS]
# With BENCH_HOME set, the database is kept there (and reused when it has the two runs already).
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}
port=8098
export EVALBATCH_HOME=${BENCH_HOME:-$(mktemp -d)}
trap 'pkill -TERM -f "evalbatch-exec.jar serve --port $port" 2>/dev/null || true; sleep 3; [ -n "${BENCH_HOME:-}" ] || rm -rf "$EVALBATCH_HOME"' EXIT
work="$EVALBATCH_HOME/inputs"
mkdir -p "$work"
for model in 1 2; do
    [ -f "$work/model-$model/done" ] && continue
    python3 - "$work/model-$model/samples_arith_2026-12-01T10-00-00.jsonl" "$model" <<'PY'
import json, os, random, sys
os.makedirs(os.path.dirname(sys.argv[1]), exist_ok=True)
random.seed(int(sys.argv[2]))
right = 0.6 if sys.argv[2] == "1" else 0.58
with open(sys.argv[1], "w") as f:
    for d in range(100000):
        a, b = random.randint(1, 999), random.randint(1, 999)
        resps = [f"#### {a + b if random.random() < right else a + b + 1}" for _ in range(10)]
        f.write(json.dumps({"doc_id": d, "doc": {}, "target": f"#### {a + b}", "arguments": {},
                            "resps": [resps], "filtered_resps": resps, "filter": "strict-match"}) + "\n")
PY
    cat > "$work/model-$model/arith.yaml" <<'YAML'
name: arith
input: {format: lm-eval, files: ["samples_arith_2026-12-01T10-00-00.jsonl"], filter: strict-match, responses: raw}
filter: {name: exact-match, extract: "#### (\\-?[0-9]+)", regexes-to-ignore: ["(?s).*#### "]}
execution: {partitions: 4, threads: 2, cache: false}
YAML
    ./evalbatch run "$work/model-$model/arith.yaml" --label "model-$model" >/dev/null 2>&1
    touch "$work/model-$model/done"
done
for table in sample result document_metric metric; do ./evalbatch sql --write "analyze $table" >/dev/null 2>&1; done
runs=($(./evalbatch sql "select run_id from eval_run order by created_at" --format csv | tail -n +2 | tr -d "\r"))
a=${runs[0]}; b=${runs[1]}
./evalbatch serve --port $port >/dev/null 2>&1 &
until curl -sf "http://127.0.0.1:$port/api/runs" >/dev/null; do sleep 0.5; done
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
echo "### evalbatch serve on 2,000,000 samples: every page — $(date +%F)"
echo
echo "Machine: $(nproc) cores, $(java -version 2>&1 | head -1), embedded PostgreSQL. Two labelled runs"
echo "of job arith, each 1,000,000 responses (100,000 documents x 10) scored by exact-match, analyzed;"
echo "each route fetched $rounds times with curl, the median in ms. Command: \`bench/pages.sh $rounds\`."
echo
echo "| route | ms |"
echo "| --- | ---: |"
for route in "/" "/api/runs" "/board" "/api/board" "/board?sort=model" "/trend?job=arith" \
        "/api/trend?job=arith" "/runs/$a" "/runs/$a/samples" "/runs/$a/samples?outcome=failed&afterId=600000" \
        "/runs/$a/samples/123456" "/runs/$a/documents" "/compare?a=$a&b=$b"; do
    times=$(for ((i = 0; i < rounds; i++)); do
        curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port$route"; done)
    printf '| `%s` | %.1f |\n' "${route//$a/RUN}" "$(echo "$times" | median | awk '{print $1 * 1000}')"
done
times=$(for ((i = 0; i < rounds; i++)); do
    s=$(date +%s.%N); ./evalbatch board >/dev/null 2>&1; e=$(date +%s.%N); echo "($e - $s) * 1000" | bc; done)
printf '| `evalbatch board` (the whole command, a JVM start included) | %.0f |\n' "$(echo "$times" | median)"
