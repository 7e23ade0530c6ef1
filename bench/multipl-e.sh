#!/usr/bin/env bash
# Benchmarks the program filter on MultiPL-E's HumanEval answers in six languages (the jobs
# jobs/multipl-e-<lang>.yaml, 156 to 161 programs each), against the reference evaluator:
# bigcode-evaluation-harness's MultiPL-E evaluators (containerized_eval.eval_string_script, two
# worker threads as bigcode's evaluate_problem uses), run on the same programs in the same session.
#
# For each language, evalbatch (A) and the reference (B) alternate, ROUNDS times each; evalbatch
# computes every result (--no-cache), and its pass count is checked against the reference data.
# Figures: evalbatch's wall time end to end (JVM and database start included) and in its run's
# steps, the CPU time its programs' runs used (result.cpu_ms), the reference's wall time, and the
# ratio reference / evalbatch-steps. The table is appended to bench/history/RESULTS.md.
#
# Usage: BIGCODE=/path/to/bigcode-evaluation-harness bench/multipl-e.sh [ROUNDS [LANG...]]
# (default 2 rounds, js cpp java rs sh pl). Without BIGCODE the reference is not rerun and its
# idle-machine times from the reference data (src/test/resources/reference/multipl-e) are quoted instead.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
data="$root/src/test/resources/reference/multipl-e"
rounds="${1:-2}"; shift || true
langs=("$@"); ((${#langs[@]})) || langs=(js cpp java rs sh pl)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export EVALBATCH_HOME="$work/home"
export EVALBATCH_JAVA_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m"
"$root/evalbatch" --version >/dev/null
"$root/evalbatch" runs >/dev/null

if [[ -n "${BIGCODE:-}" ]]; then
    cp -r "$BIGCODE/bigcode_eval/tasks/custom_metrics/multiple_metrics" "$work/multiple_metrics"
    # The evaluator's javatuples path, pointed at the same jar evalbatch ships.
    sed -i "s#/usr/multiple/javatuples-1.2.jar#$root/src/main/resources/io/evalbatch/filter/program/javatuples-1.2.jar#" "$work/multiple_metrics/eval_java.py"
    mkdir -p "$work/scratch"
fi

reference() { # lang -> wall seconds of bigcode's evaluators on the reference programs
    TMPDIR="$work/scratch" python3 - "$work" "$data" "$1" <<'PY'
import gzip, json, sys, time
from concurrent.futures import ThreadPoolExecutor
sys.path.insert(0, sys.argv[1])
from multiple_metrics import containerized_eval
data, lang = sys.argv[2], sys.argv[3]
programs = [json.loads(l)["program"] for l in gzip.open(f"{data}/programs-humaneval-{lang}.jsonl.gz", "rt")]
started = time.monotonic()
with ThreadPoolExecutor(max_workers=2) as pool:
    statuses = list(pool.map(lambda p: containerized_eval.eval_string_script(lang, p)["status"], programs))
print(round(time.monotonic() - started, 2), sum(s == "OK" for s in statuses))
PY
}

evalbatch() { # lang round -> "wall steps run_cpu passed"
    local id="bench-$1-$2"
    /usr/bin/time -f "%e" -o "$work/$id.time" "$root/evalbatch" run "$root/jobs/multipl-e-$1.yaml" --id "$id" \
        --no-cache --format json > "$work/$id.json" 2> "$work/$id.log"
    local steps passed cpu
    steps=$(python3 -c "import json;print(round(sum(json.load(open('$work/$id.json'))['seconds'].values()), 2))")
    passed=$("$root/evalbatch" sql "select count(*) from result where run_id = '$id' and outcome = 'passed'" --format csv | tail -1 | tr -d '\r"')
    cpu=$("$root/evalbatch" sql "select round(sum(cpu_ms) / 1000.0, 1) from result where run_id = '$id'" --format csv | tail -1 | tr -d '\r"')
    echo "$(cat "$work/$id.time") $steps $cpu $passed"
}

declare -A expected=([js]=138 [cpp]=113 [java]=114 [rs]=127 [sh]=82 [pl]=119)
rows=()
for lang in "${langs[@]}"; do
    a_walls=() a_steps=() b_walls=() cpu=""
    for ((r = 1; r <= rounds; r++)); do
        read -r wall steps cpu passed < <(evalbatch "$lang" "$r")
        [[ "$passed" == "${expected[$lang]}" ]] || { echo "$lang: $passed passed, expected ${expected[$lang]}" >&2; exit 1; }
        a_walls+=("$wall"); a_steps+=("$steps")
        if [[ -n "${BIGCODE:-}" ]]; then
            read -r ref_wall ref_passed < <(reference "$lang")
            b_walls+=("$ref_wall")
        fi
        echo "$lang round $r: evalbatch $wall s ($steps s in steps), reference ${b_walls[-1]:-n/a} s" >&2
    done
    if ((${#b_walls[@]} == 0)); then
        b_walls=("$(python3 -c "import json;import gzip;print(json.load(gzip.open('$data/reference.json.gz', 'rt'))['quiet_rerun']['$lang']['seconds'])" 2>/dev/null || echo n/a)")
    fi
    rows+=("$(python3 - "$lang" "${a_walls[*]}" "${a_steps[*]}" "${b_walls[*]}" "$cpu" "${expected[$lang]}" <<'PY'
import sys
lang, walls, steps, refs, cpu, passed = sys.argv[1], *[a.split() for a in sys.argv[2:5]], sys.argv[5], sys.argv[6]
med = lambda xs: sorted(float(x) for x in xs)[len(xs) // 2]
ratio = med(refs) / med(steps) if refs and refs[0] != "n/a" else float("nan")
print(f"| {lang} | {passed} | {' / '.join(walls)} | {' / '.join(steps)} | {cpu} | {' / '.join(refs)} | {ratio:.1f}x |")
PY
)")
done

{
    echo
    echo "### MultiPL-E HumanEval answers, six languages — $(date +%F)"
    echo
    echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //; s/ [0-9]*-Core.*//')), $(free -g | awk '/Mem:/ {print $2}') GiB, $(java -version 2>&1 | head -1), load average at start $(cut -d' ' -f1 /proc/loadavg)."
    echo "Command: \`${BIGCODE:+BIGCODE=... }bench/multipl-e.sh $rounds ${langs[*]}\`; evalbatch and the reference alternate; jobs with 2 partitions, 2 threads, chunk 10, heap capped at 512 MB."
    echo
    echo "| lang | passed | evalbatch wall, end to end (s) | in the run's steps (s) | CPU of the programs' runs (s) | reference wall (s) | reference / evalbatch steps |"
    echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
    printf '%s\n' "${rows[@]}"
} | tee -a "$root/bench/history/RESULTS.md"
