#!/usr/bin/env bash
# Exact match over a large lm-eval log, two ways, alternating: evalbatch (`evalbatch run`, every
# sample and result committed, restartable; `--no-cache`) and the thing people compare it with,
# an in-memory loop over the same log in Python (read each line, extract the answer with the same
# regex, compare, average), as lm-eval does for cheap metrics on a saved log.
#
# The log: DOCUMENTS lm-eval lines of 10 responses each, a sum "a+b" with the answer after "#### ",
# 60 % of responses right (seeded: the same log every time). Both sides must give the same
# exact_match, or the script fails. The job sets no chunk: exact-match's own, 1,000 samples per
# commit (4 partitions, 2 threads).
#
# Usage: bench/exact-match.sh [DOCUMENTS] [PAIRS]      (default: 100000 2)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
documents="${1:-100000}" pairs="${2:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export EVALBATCH_HOME="$work/home"
export EVALBATCH_JAVA_OPTS="${EVALBATCH_JAVA_OPTS:--XX:+UseSerialGC -Xmx512m}"
log="$work/samples_arith_2026-12-01T10-00-00.jsonl"

python3 - "$log" "$documents" <<'PY'
import json, random, sys
random.seed(7)
with open(sys.argv[1], "w") as f:
    for d in range(int(sys.argv[2])):
        a, b = random.randint(1, 999), random.randint(1, 999)
        resps = []
        for i in range(10):
            answer = a + b if random.random() < 0.6 else a + b + random.randint(1, 9)
            resps.append(f"We add {a} and {b}.\n#### {answer}")
        f.write(json.dumps({"doc_id": d, "doc": {"question": f"{a}+{b}"}, "target": f"#### {a + b}",
                            "arguments": {}, "resps": [resps], "filtered_resps": resps,
                            "filter": "strict-match"}) + "\n")
PY
cat > "$work/arith.yaml" <<YAML
name: arith
input:
  format: lm-eval
  files: [$log]
  filter: strict-match
  responses: raw
filter:
  name: exact-match
  extract: "#### (\\\\-?[0-9]+)"
  regexes-to-ignore: ["(?s).*#### "]
execution: {partitions: 4, threads: 2}
metrics:
  pass-at-k: []
  mean: false
  exact-match: true
YAML
cat > "$work/in_memory.py" <<'PY'
import json, re, sys, time
start = time.perf_counter()
extract = re.compile(r"#### (\-?[0-9]+)")
ignore = re.compile(r"(?s).*#### ")
right = total = 0
with open(sys.argv[1]) as f:
    for line in f:
        row = json.loads(line)
        target = ignore.sub("", row["target"])
        for response in row["resps"][0]:
            m = extract.search(response)
            right += (m.group(1) if m else "[invalid]") == target
            total += 1
print(f"{right / total:.4f} {time.perf_counter() - start:.2f}")
PY
"$root/evalbatch" --version >/dev/null     # builds the jar outside the measurement
"$root/evalbatch" runs >/dev/null           # creates the embedded database outside it too
samples=$((documents * 10))
echo "| pair | evalbatch run, end to end | in its steps | in-memory Python loop | ratio (end to end) |"
echo "| ---: | ---: | ---: | ---: | ---: |"
for pair in $(seq 1 "$pairs"); do
    start=$(date +%s.%N)
    out=$("$root/evalbatch" run "$work/arith.yaml" --no-cache --format json)
    wall=$(echo "$(date +%s.%N) - $start" | bc -l)
    read -r ours steps < <(python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print(next(m["value"] for m in d["metrics"] if m["metric"]=="exact_match"), sum(d["seconds"].values()))' <<<"$out")
    read -r theirs loop < <(python3 "$work/in_memory.py" "$log")
    if [ "$(printf '%.4f' "$ours")" != "$theirs" ]; then
        echo "exact_match differs: evalbatch $ours, in memory $theirs" >&2
        exit 1
    fi
    printf '| %d | %.2f s | %.2f s | %s s | %.0f× |\n' "$pair" "$wall" "$steps" "$loop" "$(echo "$wall / $loop" | bc -l)"
done
echo
echo "$samples samples; exact_match $theirs on both sides."
