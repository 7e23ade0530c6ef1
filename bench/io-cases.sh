#!/usr/bin/env bash
# Measures the program filter's cost per stdin/stdout test case beyond the program's own run, on
# the bundled problem with the most cases (code_contests/10, 331 cases): one C++ sample that
# reads its input and prints it back is judged on every case (stop-at-first-failure: false), and
# the same binary is run on the same inputs by a plain loop of fork and exec outside any sandbox.
# Appends the figures to bench/history/RESULTS.md.
#
# Usage: bench/io-cases.sh [REPEATS]     (default 3: evalbatch and the plain loop alternate)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repeats="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export EVALBATCH_HOME="$work/home"
export EVALBATCH_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m"
"$root/evalbatch" --version >/dev/null
"$root/evalbatch" runs >/dev/null

program='#include <bits/stdc++.h>
int main() { std::ios::sync_with_stdio(false); std::string line; while (std::getline(std::cin, line)) std::cout << line << "\n"; }'
python3 - "$work" "$program" <<'PY'
import json, sys
work, program = sys.argv[1], sys.argv[2]
with open(f"{work}/samples.jsonl", "w") as f:
    f.write(json.dumps({"task_id": "code_contests/10", "completion": "```cpp\n" + program + "\n```", "language": "cpp"}) + "\n")
PY
cat > "$work/job.yaml" <<YAML
name: io-cases
input:
  format: human-eval
  files: [samples.jsonl]
  problems: $root/jobs/examples/io-tests/problems.jsonl.gz
  fields: {task_id: id, prompt: null, test: tests, entry_point: null}
filter: {name: program, language: cpp, tests: io, extract: fenced, compare: lines, stop-at-first-failure: false}
execution: {partitions: 1, threads: 1, chunk: 1}
metrics: {pass-at-k: [1]}
YAML
# The plain loop: the same program, compiled once, run once per case from Python.
g++ -std=c++17 -O0 -o "$work/echo" -x c++ - <<< "$program"
plain() {
    python3 - "$root/jobs/examples/io-tests/problems.jsonl.gz" "$work/echo" <<'PY'
import gzip, json, subprocess, sys, time
tests = next(json.loads(l)["tests"] for l in gzip.open(sys.argv[1], "rt") if json.loads(l)["id"] == "code_contests/10")
started = time.monotonic()
for t in tests:
    subprocess.run([sys.argv[2]], input=t["input"].encode(), capture_output=True)
print(len(tests), round((time.monotonic() - started) * 1000 / len(tests), 2))
PY
}
sandboxed=() direct=()
for ((r = 1; r <= repeats; r++)); do
    "$root/evalbatch" run "$work/job.yaml" --id "io-cases-$r" --no-cache --format json > "$work/run-$r.json" 2> "$work/run-$r.log"
    ms=$("$root/evalbatch" sql "select duration_ms from sample_result where run_id = 'io-cases-$r'" --format csv | tail -1 | tr -d '\r"')
    cases=$("$root/evalbatch" sql "select fields->>'tests_total' from result where run_id = 'io-cases-$r'" --format csv | tail -1 | tr -d '\r"')
    sandboxed+=("$(python3 -c "print(round($ms / $cases, 2))")")
    read -r n per_case < <(plain)
    direct+=("$per_case")
done
{
    echo
    echo "### Stdin/stdout test cases: cost per case — $(date +%F)"
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //; s/ [0-9]*-Core.*//')), load average at start $(cut -d' ' -f1 /proc/loadavg)."
    echo "Command: \`bench/io-cases.sh $repeats\`: one C++ echo program judged on the $cases cases of code_contests/10 (compiled once, one sandboxed run per case, output compared by lines), against the same binary run per case by a plain Python fork-and-exec loop; alternating."
    echo
    echo "| | ms per case, each repeat |"
    echo "| --- | --- |"
    echo "| evalbatch (sample's time / cases, compile included) | ${sandboxed[*]} |"
    echo "| plain fork and exec, no sandbox | ${direct[*]} |"
} | tee -a "$root/bench/history/RESULTS.md"
